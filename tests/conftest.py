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
    from render.engine import EngineError, find_engine

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
    "argmap": 1,
    "kind": "taxonomy",
    "debate": "Why did the experiment end?",
    "categories": [
        {"id": "economy", "label": "Economy", "colour": "#44BB99"},
        {"id": "politics", "label": "Politics", "colour": "#EE8866"},
        {"id": "outcome", "label": "Outcome", "colour": "#DDDDDD"},
    ],
    "factors": [
        {"id": "the_end", "label": "The end", "category": "outcome", "description": "The outcome.", "period": 1929},
        {"id": "prices", "label": "Prices", "category": "economy", "description": "Price policy.", "period": "1925-1927"},
        {"id": "famine", "label": "Goods famine", "category": "economy", "description": "No goods to buy."},
        {"id": "faction", "label": "Factions", "category": "politics", "description": "Party factions."},
        {"id": "leader", "label": "Leader", "category": "politics", "description": "One man's ambition."},
    ],
}


def ev(quote="The prices were too low.", line=1):
    return [{"quote": quote, "locator": {"line": line}}]


THESIS = {
    "argmap": 1,
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
        {"id": "ambition", "text": "It was one man's ambition.", "factor": "leader",
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


@pytest.fixture
def corpus_dir(tmp_path):
    """A valid two-thesis corpus folder with its taxonomy and a sources folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_yaml(folder / "factors.yaml", TAXONOMY)
    write_yaml(folder / "alpha.yaml", THESIS)
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "alpha.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def seeds():
    require(not SEEDS.is_dir(), f"the source texts are not at {SEEDS} (they sit beside the project in ../shared/seeds)")
    return SEEDS
