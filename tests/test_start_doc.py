"""docs/start.md, run as a user would: every `$ argmap` command of the page, in order, on a
made-up debate, with the edits the page asks for made in between. No word of NEP may appear."""

import re
import shlex

import pytest
import yaml
from click.testing import CliRunner

from cli import cli
from conftest import ROOT

DOC = ROOT / "docs" / "start.md"
NEP_WORDS = re.compile(r"NEP|New Economic Policy|Soviet|Bolshevik|Stalin|kulak", re.I)

HALE_HTML = """<!DOCTYPE html><html><head><title>Hale, ch. 4</title></head><body>
<nav><a href="/">Home</a> <a href="/books">Books</a> <a href="/contact">Contact</a></nav>
<article>
<h1>Chapter 4: The end of the wool market</h1>
<p>The railway reached Northam in 1849, and from that year the buyers who had come to
Eastbridge every spring went to Northam instead.</p>
<p>The closing of the market in 1852 was the direct result of the railway. Nothing the town
council did could have kept the buyers.</p>
<p>Some have blamed the council's new tolls of 1850. The tolls were a nuisance, but they did not
close the market: the buyers had already gone.</p>
</article>
<footer>Copyright 2024 Example Press. All rights reserved.</footer>
</body></html>
"""

MOSS_MD = """# Tolls and the fall of Eastbridge

The council's tolls of 1850 drove the last buyers away. *Northam's railway* mattered, but
buyers still came to Eastbridge in 1850 and 1851.

The closing of the market was, at root, the council's doing: the tolls of 1850 made Eastbridge
[dearer than Northam](https://example.org/prices) for every buyer.

The market could have been saved by lower tolls.
"""

TAXONOMY = {
    "argmap": 2, "kind": "taxonomy", "debate": "Why did the Eastbridge wool market close in 1852?",
    "outcome": "market_closed",
    "categories": [
        {"id": "economy", "label": "Trade and transport", "colour": "#EEDD88"},
        {"id": "politics", "label": "Town politics", "colour": "#EE8866"},
        {"id": "result", "label": "What is explained", "colour": "#DDDDDD"},
    ],
    "factors": [
        {"id": "market_closed", "label": "The market closed", "category": "result",
         "description": "The end of the Eastbridge wool market in 1852."},
        {"id": "railway", "label": "The Northam railway", "category": "economy",
         "description": "The railway to Northam and the trade it drew away from Eastbridge."},
        {"id": "tolls", "label": "The council's tolls", "category": "politics",
         "description": "The market tolls the town council raised in 1850."},
    ],
    "questions": [
        {"id": "avoidable", "question": "Could the town have saved the market?"},
    ],
}


def _line(text: str, phrase: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if phrase in line:
            return number
    raise AssertionError(f"{phrase!r} is not in the prepared text")


def _ev(text, quote):
    return [{"quote": quote, "locator": {"line": _line(text, quote.split("...")[0].strip())}}]


def hale(text):
    q_rail = "The closing of the market in 1852 was the direct result of the railway."
    return {
        "argmap": 2, "id": "hale", "author": "Ada Hale", "work": "Eastbridge, chapter 4", "year": 2024,
        "source": {"file": "hale-chapter.txt", "citation": "Ada Hale, Eastbridge (Example Press, 2024), ch. 4."},
        "scope": "1849-1852", "explains": "market_closed",
        "thesis": "The railway drew the buyers to Northam; the tolls did not matter.",
        "claims": [{"id": "railway_drew_buyers", "text": "The railway took the buyers to Northam from 1849.",
                    "factor": "railway", "role": "direct", "author_term": "the direct result",
                    "evidence": _ev(text, q_rail)}],
        "links": [{"from": "railway_drew_buyers", "to": "market_closed", "relation": "causes",
                   "evidence": _ev(text, q_rail)}],
        "rejects": [{"id": "tolls_closed_it", "text": "The council's tolls closed the market.",
                     "factor": "tolls", "scope": "factor",
                     "evidence": _ev(text, "The tolls were a nuisance, but they did not close the market")}],
        "positions": [{"question": "avoidable", "answer": "no", "basis": "stated",
                       "gloss": "Nothing the council could do would have kept the buyers.",
                       "evidence": _ev(text, "Nothing the town council did could have kept the buyers.")}],
    }


def moss(text):
    q_root = "The closing of the market was, at root, the council's doing"
    return {
        "argmap": 2, "id": "moss", "author": "Tom Moss", "work": "Tolls and the fall of Eastbridge", "year": 2021,
        "source": {"file": "moss-article.txt", "citation": "Tom Moss, 'Tolls and the fall of Eastbridge' (2021)."},
        "scope": "1849-1852", "explains": "market_closed",
        "thesis": "The council's tolls drove the buyers away; the railway only mattered at the margin.",
        "claims": [
            {"id": "tolls_drove_buyers", "text": "The 1850 tolls made Eastbridge dearer than Northam.",
             "factor": "tolls", "role": "root", "author_term": "at root",
             "evidence": _ev(text, q_root)},
            {"id": "railway_mattered", "text": "The railway drew some trade away.", "factor": "railway",
             "role": "contributing", "evidence": _ev(text, "Northam's railway mattered")},
        ],
        "links": [{"from": "tolls_drove_buyers", "to": "market_closed", "relation": "causes",
                   "evidence": _ev(text, q_root)},
                  {"from": "railway_mattered", "to": "market_closed", "relation": "contributes_to",
                   "inferred": True}],
        "positions": [{"question": "avoidable", "answer": "yes", "basis": "stated",
                       "gloss": "Lower tolls would have kept the market.",
                       "evidence": _ev(text, "The market could have been saved by lower tolls.")}],
    }


def commands():
    lines = [line[2:] for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("$ argmap ")]
    return [shlex.split(line)[1:] for line in lines]


def test_every_command_of_the_start_page_runs_on_a_made_up_debate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "hale-chapter.html").write_text(HALE_HTML, encoding="utf-8")
    (tmp_path / "downloads" / "moss-article.md").write_text(MOSS_MD, encoding="utf-8")
    steps = commands()
    assert [s[0] for s in steps] == ["init", "source", "source", "new", "new", "validate", "coverage",
                                     "diff", "compare", "report"]
    outputs = {}
    for args in steps:
        result = CliRunner().invoke(cli, args, obj={})
        assert result.exit_code == 0, (args, result.output)
        assert not NEP_WORDS.search(result.output), (args, result.output)
        outputs[" ".join(args[:2])] = result.output
        corpus = tmp_path / "eastbridge"
        if args[0] == "init":  # step 1: the user makes the taxonomy theirs
            (corpus / "factors.yaml").write_text(yaml.safe_dump(TAXONOMY, sort_keys=False), encoding="utf-8")
        if args[:2] == ["new", "moss"]:  # step 3: the user fills in both theses
            sources = corpus / "sources"
            for name, build, source in (("hale", hale, "hale-chapter.txt"), ("moss", moss, "moss-article.txt")):
                data = build((sources / source).read_text(encoding="utf-8"))
                (corpus / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                                                    encoding="utf-8")
    assert "0 error(s), 0 warning(s)" in outputs["validate eastbridge"]
    assert "4 checked against" in outputs["validate eastbridge"] or "checked against" in outputs["validate eastbridge"]
    diff = outputs["diff hale"]
    assert "Could the town have saved the market?" in diff  # the question they answer differently
    assert "contradict" in diff.lower()                      # Hale rejects the tolls Moss asserts
    report = tmp_path / "eastbridge-report" / "index.html"
    assert report.is_file()
    for page in report.parent.glob("*.html"):
        assert not NEP_WORDS.search(page.read_text(encoding="utf-8")), page.name
