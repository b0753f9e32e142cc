"""Shared fixtures: small hand-built corpora, the optional source texts, and what may skip.

Outside CI a test whose tool is missing (Graphviz, Chromium, Playwright, the source texts)
skips and says why. Under ``CI=true`` nothing may skip: the README's install provides all
of it, so a skip there would hide a failure; it fails instead, saying what is missing.
"""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CI = os.environ.get("CI") == "true"


def require(missing: bool, what: str) -> None:
    """Skip when ``missing`` (saying ``what`` is missing); under CI=true, fail instead."""
    if not missing:
        return
    if CI:
        pytest.fail(f"{what} (CI=true: the README's install provides it, so this test may not skip)", pytrace=False)
    pytest.skip(what)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true any other skip (a skipif, an importorskip) is a failure too."""
    outcome = yield
    report = outcome.get_result()
    if CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where nothing may skip: {reason}"


@pytest.fixture
def dot():
    """A Graphviz layout engine: the system's dot, or graphviz-pure's."""
    from argmap.render.engine import EngineError, find_engine

    try:
        find_engine()
    except EngineError as exc:
        require(True, str(exc))


@pytest.fixture
def system_dot():
    """Graphviz's own dot (PDF needs it; graphviz-pure cannot write PDF)."""
    require(shutil.which("dot") is None, "Graphviz's dot is not installed (Debian: apt-get install graphviz)")


needs_dot = pytest.mark.usefixtures("dot")

TAXONOMY = {
    "argmap": 2,
    "kind": "taxonomy",
    "debate": "Why did the experiment end?",
    "outcome": "the_end",
    "categories": [
        {"id": "economy", "label": "Economy", "colour": "#44BB99"},
        {"id": "politics", "label": "Politics", "colour": "#EE8866"},
        {"id": "result", "label": "What ended", "colour": "#DDDDDD"},
    ],
    "factors": [
        {"id": "the_end", "label": "The end", "category": "result", "description": "The outcome.", "period": 1929},
        {"id": "prices", "label": "Prices", "category": "economy", "description": "Price policy.", "period": "1925-1927"},
        {"id": "famine", "label": "Goods famine", "category": "economy", "description": "No goods to buy."},
        {"id": "faction", "label": "Factions", "category": "politics", "description": "Party factions."},
        {"id": "leader", "label": "Leader", "category": "politics", "description": "One man's ambition."},
    ],
}


def ev(quote="The prices were too low.", line=1):
    return [{"quote": quote, "locator": {"line": line}}]


THESIS = {
    "argmap": 2,
    "id": "alpha",
    "author": "A. Author",
    "work": "A Book",
    "year": 1990,
    "source": {"file": "alpha.txt", "citation": "A. Author, A Book (1990)."},
    "scope": "1921-1929",
    "explains": "the_end",
    "thesis": "Prices caused a famine of goods, which ended the experiment.",
    "claims": [
        {"id": "low_prices", "text": "Prices were set too low.", "factor": "prices", "role": "root",
         "when": "1926", "evidence": ev()},
        {"id": "no_goods", "text": "Peasants had nothing to buy.", "factor": "famine", "role": "direct",
         "when": "1927", "evidence": ev("Nothing could be bought.", 2)},
    ],
    "links": [
        {"from": "low_prices", "to": "no_goods", "relation": "causes", "evidence": ev("Because prices fell, shops emptied.", 3)},
        {"from": "no_goods", "to": "the_end", "relation": "causes", "inferred": True},
    ],
    "rejects": [
        {"id": "ambition", "text": "It was one man's ambition.", "factor": "leader", "scope": "factor",
         "evidence": ev("It was not the ambition of one man.", 5)},
    ],
}

SOURCE_TEXT = """The prices were too low.
Nothing could be bought.
Because prices fell,
shops emptied.
It was not the ambition of one man.
"""


def thesis(**changes):
    """A deep copy of the valid THESIS with top-level keys changed."""
    data = copy.deepcopy(THESIS)
    data.update(changes)
    return data


def write_yaml(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_corpus(folder: Path, taxonomy: dict, theses: dict, source_text: str | None = None) -> Path:
    """A corpus folder: ``taxonomy`` as factors.yaml, each of ``theses`` (id -> data) as ID.yaml,
    and, with ``source_text``, a sources folder beside it holding alpha.txt."""
    folder.mkdir()
    write_yaml(folder / "factors.yaml", taxonomy)
    for thesis_id, data in theses.items():
        write_yaml(folder / f"{thesis_id}.yaml", data)
    if source_text is not None:
        sources = folder.parent / "sources"
        sources.mkdir()
        (sources / "alpha.txt").write_text(source_text, encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path):
    """A valid one-thesis corpus folder with its taxonomy and a sources folder."""
    return write_corpus(tmp_path / "corpus", TAXONOMY, {"alpha": THESIS}, SOURCE_TEXT)


@pytest.fixture
def seeds():
    require(not SEEDS.is_dir(), f"the source texts are not at {SEEDS} (they sit beside the project in ../shared/seeds)")
    return SEEDS


# --- a small debate exercising format v2: questions, positions, every conflict type ----------
# The outcome's category is called "verdict", not "outcome", on purpose.

DEBATE_TAXONOMY = {
    "argmap": 2,
    "kind": "taxonomy",
    "debate": "Why did the Republic fall?",
    "outcome": "fall",
    "categories": [
        {"id": "army", "label": "Army and generals", "colour": "#77AADD"},
        {"id": "money", "label": "Money and grain", "colour": "#EEDD88"},
        {"id": "people", "label": "People and senate", "colour": "#EE8866"},
        {"id": "verdict", "label": "What is explained", "colour": "#DDDDDD"},
    ],
    "factors": [
        {"id": "fall", "label": "The fall of the Republic", "category": "verdict", "description": "The end."},
        {"id": "generals", "label": "Ambitious generals", "category": "army", "description": "Generals."},
        {"id": "debt", "label": "Public debt", "category": "money", "description": "Debt."},
        {"id": "grain", "label": "Grain shortages", "category": "money", "description": "Grain."},
        {"id": "mob", "label": "The urban mob", "category": "people", "description": "The mob."},
        {"id": "senate", "label": "A selfish senate", "category": "people", "description": "The senate."},
    ],
    "questions": [
        {"id": "planned", "question": "Was the fall planned by one man?"},
        {"id": "crisis", "question": "Was the crisis at heart fiscal or military?",
         "answers": [{"id": "fiscal", "label": "Fiscal"}, {"id": "military", "label": "Military"}],
         "factors": ["debt", "generals"]},
        {"id": "senate_resisted", "question": "Did the senate resist?"},
    ],
}


def _claim(cid, factor, role, term=None, text=None):
    out = {"id": cid, "text": text or f"{factor} mattered.", "factor": factor, "role": role, "evidence": ev()}
    if term:
        out["author_term"] = term
    return out


def _link(source, target, relation="causes", inferred=False):
    out = {"from": source, "to": target, "relation": relation}
    if inferred:
        out["inferred"] = True
    else:
        out["evidence"] = ev("Because prices fell, shops emptied.", 3)
    return out


def _base(thesis_id, author):
    return {"argmap": 2, "id": thesis_id, "author": author, "work": f"{author}'s book", "year": 2000,
            "source": {"file": "alpha.txt", "citation": f"{author}, a book."}, "scope": "133-27 BC",
            "explains": "fall", "thesis": "An account of the fall."}


LIVY = {
    **_base("livy", "Titus Livius"),
    "claims": [
        _claim("l_debt", "debt", "root", "the root of it all", "Debt ruined the small farmers."),
        _claim("l_generals", "generals", "main", "the principal cause", "Generals seized power."),
        _claim("l_grain", "grain", "contributing", text="Grain ran short."),
        _claim("l_mob", "mob", "main", text="The mob backed the generals."),
        _claim("l_senate", "senate", "contributing", text="The senate would not reform."),
    ],
    "links": [
        _link("l_debt", "l_generals"),                       # Sallust draws it the other way round
        _link("l_generals", "fall"),                         # Sallust: generals prevented the fall
        _link("l_grain", "fall", "contributes_to", inferred=True),
        _link("l_mob", "fall"),
        _link("l_senate", "fall", "contributes_to"),
    ],
    "positions": [
        {"question": "planned", "answer": "yes", "basis": "stated", "gloss": "One man planned it.",
         "evidence": ev("Nothing could be bought.", 2)},
        {"question": "crisis", "answer": "fiscal", "basis": "inferred", "gloss": "Debt came first."},
        {"question": "senate_resisted", "answer": True, "basis": "inferred", "gloss": "The senate fought back."},
    ],
}

SALLUST = {
    **_base("sallust", "Gaius Sallustius"),
    "claims": [
        _claim("s_debt", "debt", "contributing", "a lesser matter", "Debt played a small part."),
        _claim("s_generals", "generals", "contributing", "one cause among many", "Generals held on."),
        _claim("s_mob", "mob", "contributing", "a minor cause", "The mob was restless."),
    ],
    "links": [
        _link("s_generals", "s_debt"),                       # the reverse of Livy's debt -> generals
        _link("s_generals", "fall", "prevents"),             # the opposite of Livy's generals -> fall
        _link("s_mob", "fall", "contributes_to", inferred=True),
    ],
    "rejects": [
        {"id": "s_not_senate", "text": "The senate was to blame.", "factor": "senate", "scope": "factor",
         "evidence": ev("It was not the ambition of one man.", 5)},
        {"id": "s_not_generals_alone", "text": "The generals alone brought it down.", "factor": "generals",
         "scope": "sole_cause", "evidence": ev("It was not the ambition of one man.", 5)},
        {"id": "s_not_grain_alone", "text": "Hunger alone brought it down.", "factor": "grain",
         "scope": "sole_cause", "evidence": ev("It was not the ambition of one man.", 5)},
        {"id": "s_not_mob_bribed", "text": "The mob was simply bribed.", "factor": "mob", "scope": "reading",
         "evidence": ev("It was not the ambition of one man.", 5)},
    ],
    "positions": [
        {"question": "planned", "answer": False, "basis": "stated", "gloss": "Nobody planned it.",
         "evidence": ev("It was not the ambition of one man.", 5)},
        {"question": "crisis", "answer": "fiscal", "basis": "stated", "gloss": "It was about money.",
         "evidence": ev("The prices were too low.", 1)},
    ],
}


@pytest.fixture
def debate_dir(tmp_path):
    """A two-thesis v2 debate folder (Livy and Sallust) with a sources folder beside it."""
    return write_corpus(tmp_path / "debate", DEBATE_TAXONOMY, {"livy": LIVY, "sallust": SALLUST}, SOURCE_TEXT)
