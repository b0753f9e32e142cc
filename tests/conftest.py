"""Shared fixtures: small hand-built corpora and the optional source texts."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"

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
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not at {SEEDS} (they sit beside the project in ../shared/seeds)")
    return SEEDS
