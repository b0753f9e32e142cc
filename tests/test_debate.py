"""Debate briefs on small theses whose cruxes are known in advance."""

import copy
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from argmap.compare import profile
from argmap.debate import brief, motion_brief, position_on
from argmap.loader import load_corpus
from cli import cli
from conftest import TAXONOMY, THESIS, write_yaml
from argmap.render.brief import brief_blocks, motion_blocks, to_html, to_markdown
from test_compare import BETA


@pytest.fixture
def corpus(tmp_path):
    # Weights in the authors' own words, so that a weight difference is a crux, not our reading.
    alpha = copy.deepcopy(THESIS)
    alpha["claims"][0]["author_term"] = "the root of it"
    beta = copy.deepcopy(BETA)
    beta["claims"][1]["author_term"] = "a minor matter"
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", alpha)
    write_yaml(tmp_path / "beta.yaml", beta)
    gamma = copy.deepcopy(alpha)
    gamma.update(id="gamma", author="C. Critic")
    gamma["claims"][0].update(role="contributing", author_term="one factor")
    write_yaml(tmp_path / "gamma.yaml", gamma)
    return load_corpus([tmp_path])


def profiles(corpus):
    return {i: profile(t, corpus.taxonomy) for i, t in corpus.theses.items()}


def test_brief_sections_and_ranked_cruxes(corpus):
    p = profiles(corpus)
    b = brief(p["alpha"], p["beta"], list(p.values()), corpus.taxonomy, include_inferred=True)
    assert [c["title"] for c in b["common_ground"]] == ["Goods famine", "Prices"]
    assert {c["type"] for c in b["cruxes"]} == {"contradicts", "weighs_differently", "opposite_effect"}
    stated = brief(p["alpha"], p["beta"], list(p.values()), corpus.taxonomy)
    assert "Goods famine \u2192 The end" not in [c["title"] for c in stated["cruxes"]]  # alpha's link is inferred
    titles = [c["title"] for c in b["cruxes"]]
    assert sorted(titles) == sorted(["Leader", "Prices", "Goods famine \u2192 The end"])  # a reversed link is no crux
    stakes = [c["stake"] for c in b["cruxes"]]
    assert stakes == sorted(stakes, reverse=True)
    assert titles[0] == "Prices"  # the root cause of one, a contributing one of the other: most rests on it
    leader = next(c for c in b["cruxes"] if c["title"] == "Leader")
    assert leader["with_a"] == ["gamma"] and leader["with_b"] == []  # gamma also rejects the leader view
    prices = next(c for c in b["cruxes"] if c["title"] == "Prices")
    assert prices["with_b"] == ["gamma"]  # gamma's weight (contributing) is beta's, not alpha's root
    assert [u["title"] for u in b["unanswered"]] == ["Factions"]
    assert b["unanswered"][0]["a_answers"] == []  # alpha says nothing about politics but rejecting
    assert [s["title"] for s in b["silent_on"]] == ["Factions"]
    assert {s["kind"] for s in b["weak_spots"]} == {"single-quote-link", "inferred-link"}
    assert any("leads to" in q for q in b["questions"])
    assert any("argues against the view \u201cIt was one man's ambition\u201d" in q for q in b["questions"])


def test_every_quote_in_the_brief_is_the_authors_own(corpus):
    p = profiles(corpus)
    b = brief(p["beta"], p["alpha"], list(p.values()), corpus.taxonomy)
    md = to_markdown(brief_blocks(b, {i: x.thesis.author for i, x in p.items()}))
    own = {t.author: {" ".join(e.quote.split()) for _, e in t.evidence()} for t in corpus.theses.values()}
    found = re.findall(r"\*\u201c(.+?)\u201d\* \((.+?), line", md)
    assert found
    for quote, author in found:
        assert quote in own[author], (author, quote)
    authors = {a for _, a in found}
    assert {"A. Author", "B. Writer"} <= authors  # both sides' own evidence


def test_markdown_and_html_say_the_same(corpus):
    p = profiles(corpus)
    blocks = brief_blocks(brief(p["alpha"], p["beta"], list(p.values()), corpus.taxonomy), {})
    md, page = to_markdown(blocks), to_html(blocks, "t")
    # Each thesis is headed by its author alone, its scope a paragraph of its own.
    alpha = corpus["alpha"]
    assert f"### {alpha.author}\n\nScope: {alpha.scope}\n\n" in md

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.chunks, self.stack = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br", "img", "link"):  # void elements have no end tag
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag  # well nested

        def handle_data(self, data):
            if self.stack and self.stack[-1] not in ("style", "title"):
                self.chunks.append(data)

    parser = Text()
    parser.feed(page)
    text = " ".join(" ".join(parser.chunks).split())
    for kind, _, content in blocks:
        needle = content[0] if kind == "q" else content
        assert " ".join(needle.split()) in text
        escaped = " ".join(re.sub(r"(\](?=[(\[:]))", r"\\\1", needle.replace("*", "\\*")).split())
        assert escaped in md or needle in md


def test_motion_benches(corpus):
    p = profiles(corpus)
    m = motion_brief("leader", list(p.values()), corpus.taxonomy)
    assert m["positions"] == {"alpha": "rejecting", "beta": "central", "gamma": "rejecting"}
    assert [x["id"] for x in m["proposition"]] == ["beta"]
    assert [x["id"] for x in m["opposition"]] == ["alpha", "gamma"]
    assert m["reserves"] == []
    famine = motion_brief("faction", list(p.values()), corpus.taxonomy)
    assert [x["id"] for x in famine["reserves"]] == ["alpha", "gamma"]  # silent is not opposition
    # a background condition is still part of the author's account of the cause: for the plain motion
    assert [x["id"] for x in famine["proposition"]] == ["beta"] and famine["opposition"] == []
    assert famine["positions"]["beta"] == "minor"
    main = motion_brief("faction", list(p.values()), corpus.taxonomy, main=True)
    assert [x["id"] for x in main["opposition"]] == ["beta"] and main["proposition"] == []  # not the main cause
    assert position_on(p["alpha"], "prices") == "central"
    assert "Reserves: neither for nor against (2)" in to_markdown(motion_blocks(famine))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def test_debate_cli(tmp_path, corpus):
    folder = tmp_path
    md = run("debate", "alpha", "--against", "beta", "--corpus", folder)
    assert md.exit_code == 0 and md.output.startswith("# Debate brief: A. Author against B. Writer")
    out = tmp_path / "brief.html"
    assert run("debate", "alpha", "--against", "beta", "--corpus", folder, "-o", out).exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    motion = run("debate", "--motion", "leader", "--corpus", folder)
    assert motion.exit_code == 0 and "# Motion: Leader brought about the end." in motion.output
    assert run("debate", "alpha", "--corpus", folder).exit_code == 2
    bad = run("debate", "--motion", "leaders", "--corpus", folder)
    assert bad.exit_code == 2 and "did you mean `leader`?" in bad.output
    assert run("debate", "alpha", "--against", "beta", "--corpus", folder).output == md.output  # deterministic


def test_motion_with_a_claim_on_the_outcome_factor(tmp_path):
    """A claim on the thesis's own outcome factor is scored but has no position: no KeyError."""
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    alpha = copy.deepcopy(THESIS)
    alpha["claims"].append({"id": "ending", "text": "It ended.", "factor": "the_end", "role": "direct",
                            "evidence": [{"quote": "It ended.", "locator": {"line": 1}}]})
    alpha["links"].append({"from": "low_prices", "to": "ending", "relation": "causes", "inferred": True})
    write_yaml(tmp_path / "alpha.yaml", alpha)
    write_yaml(tmp_path / "beta.yaml", BETA)
    result = CliRunner().invoke(cli, ["debate", "--motion", "prices", "--corpus", str(tmp_path)], obj={})
    assert result.exit_code == 0, result.output
    assert "# Motion: Prices brought about the end." in result.output
    m = motion_brief("prices", list(profiles(load_corpus([tmp_path])).values()), load_corpus([tmp_path]).taxonomy)
    for member in m["proposition"] + m["opposition"] + m["reserves"]:
        assert all(alt["factor"] != "the_end" for alt in member["alternatives"])
