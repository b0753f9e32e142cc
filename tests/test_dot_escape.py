"""Hostile text never becomes DOT structure: no injected attributes, URLs or broken DOT (issue 15, item 2)."""

import copy
import shutil
import warnings
import xml.etree.ElementTree as ET

import pytest

from argmap.compare import compare, diff, profile
from argmap.graphs import thesis_graph
from argmap.loader import load_corpus
from conftest import TAXONOMY, THESIS, ev, write_corpus
from argmap.render import diagrams, engine
from argmap.render.escape import TOOLTIP_CHARS, dot_quoted, dot_text
from argmap.render.overview import small_multiples
from test_compare import BETA

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

JS = 'URL="javascript:alert(document.domain)" href="javascript:alert(1)" target="_top" class="pwn"'
LOREM = "lorem ipsum dolor sit amet " * 800  # about 21 KB


def hostile(tmp_path):
    """A corpus whose every free-text field tries to break out of its DOT string."""
    tax = copy.deepcopy(TAXONOMY)
    labels = {"prices": "<x", "famine": "Goods famine\\", "faction": 'Fac"tions" fillcolor="red',
              "leader": "<Leader> \x1b[31mred", "the_end": "<The end>\\"}
    for f in tax["factors"]:
        f["label"] = labels[f["id"]]
    tax["categories"][0]["label"] = "<i>Economy</i>\\"
    alpha = copy.deepcopy(THESIS)
    alpha.update(author='<A. "Author">\\', work="A Book\\", scope="<1921>\n\\1929\\")
    alpha["claims"][0].update(text=f"too low> {JS} x=<y>", evidence=[])  # tooltip `<x (root)\ntoo low> ... <y>`
    alpha["claims"][1].update(text="Nothing\nto buy\\", evidence=ev(LOREM.strip(), 2))
    alpha["rejects"][0].update(text=f"ambition> {JS} <")
    beta = copy.deepcopy(BETA)
    beta.update(author="<B>", work="<script>alert(1)</script>")
    beta["claims"][0]["text"] = "x\\"
    return load_corpus([write_corpus(tmp_path / "hostile", tax, {"alpha": alpha, "beta": beta})])


def clean_corpus(tmp_path):
    return load_corpus([write_corpus(tmp_path / "clean", TAXONOMY, {"alpha": THESIS, "beta": BETA})])


def sources(corpus):
    """The DOT of every diagram argmap draws, with the layout engine each needs."""
    tax = corpus.taxonomy
    pa, pb = profile(corpus["alpha"], tax), profile(corpus["beta"], tax)
    c = compare([pa, pb], tax)
    return {
        "alpha": (diagrams.thesis_map(thesis_graph(corpus["alpha"], tax), tax, corpus["alpha"]).source, "dot", ()),
        "beta": (diagrams.thesis_map(thesis_graph(corpus["beta"], tax), tax, corpus["beta"]).source, "dot", ()),
        "diff": (diagrams.diff_map(diff(pa, pb, tax), tax, "the_end").source, "dot", ()),
        "consensus": (diagrams.consensus_map(c, [pa, pb], tax, "the_end").source, "dot", ()),
        "matrix": (diagrams.matrix_figure(c, tax).source, "dot", ()),
        "multiples": (small_multiples([pa, pb], tax, "the_end"), "neato", ("-n2",)),
    }


def attributes(svg: bytes) -> set[str]:
    return {name for el in ET.fromstring(svg).iter() for name in el.attrib}


TITLE = "{http://www.w3.org/1999/xlink}title"


def javascript_outside_text(svg: bytes) -> list[str]:
    """``javascript:`` anywhere but in displayed text and tooltips, where it is only words."""
    return [f"{el.tag} {name}" for el in ET.fromstring(svg).iter() for name, value in el.attrib.items()
            if "javascript:" in value and name != TITLE]


@needs_dot
def test_hostile_text_never_becomes_dot_structure(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no DotSyntaxWarning or any other noise
        hostile_sources = sources(hostile(tmp_path))
        clean_sources = sources(clean_corpus(tmp_path))
    for name, (source, layout, extra) in hostile_sources.items():
        svg = engine.run(source, "svg", layout, extra)  # the DOT parses and lays out
        assert not javascript_outside_text(svg), name
        assert b"<script" not in svg and b"<i>" not in svg, name  # markup in text stays text
        clean_source, clean_layout, clean_extra = clean_sources[name]
        clean = attributes(engine.run(clean_source, "svg", clean_layout, clean_extra))
        extra_attrs = attributes(svg) - clean
        assert not extra_attrs, f"{name}: attributes argmap did not set: {extra_attrs}"
        assert not any(a.endswith("href") or a == "target" for a in attributes(svg)), name
        assert b"\x1b" not in svg, name


@needs_dot
def test_html_like_text_cannot_inject_a_url(tmp_path):
    # The attack of the issue on its own: a factor label starting with `<` and a claim text
    # ending in `>` made the tooltip a raw HTML string, and the rest of it DOT attributes.
    tax = copy.deepcopy(TAXONOMY)
    tax["factors"][1]["label"] = "<x"
    alpha = copy.deepcopy(THESIS)
    alpha["claims"][0].update(text=f'y> {JS} tooltip=<z>', evidence=[])
    corpus = load_corpus([write_corpus(tmp_path / "inject", tax, {"alpha": alpha})])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        source = diagrams.thesis_map(thesis_graph(corpus["alpha"], tax := corpus.taxonomy), tax, corpus["alpha"]).source
    svg = engine.run(source, "svg")
    assert not [a for a in attributes(svg) if a.endswith("href") or a == "target"]
    assert not javascript_outside_text(svg)
    titles = [a.get(TITLE) for a in ET.fromstring(svg).iter() if a.get(TITLE)]
    assert any(t.startswith("<x (root cause)") and JS in t for t in titles)  # the text is shown as it was written


@needs_dot
def test_long_tooltips_are_capped_with_an_ellipsis(tmp_path):
    corpus = hostile(tmp_path)
    tax = corpus.taxonomy
    svg = ET.fromstring(engine.run(diagrams.thesis_map(thesis_graph(corpus["alpha"], tax), tax,
                                                       corpus["alpha"]).source, "svg"))
    titles = [a.get("{http://www.w3.org/1999/xlink}title") or "" for a in svg.iter("{http://www.w3.org/2000/svg}a")]
    assert titles and max(len(t) for t in titles) <= TOOLTIP_CHARS
    assert any(t.endswith("\u2026") and "lorem ipsum" in t for t in titles)


def test_dot_text_and_dot_quoted_keep_text_literal():
    import graphviz

    g = graphviz.Digraph()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g.node("a", tooltip=dot_text('<b> x="1" \\'), label=dot_text("end\\"))
    assert 'tooltip="<b> x=\\"1\\" \\\\"' in g.source and 'label="end\\\\"' in g.source
    assert dot_quoted('say "hi" \\') == '"say \\"hi\\" \\\\"'
    assert dot_quoted("\x1b[2Jx\ty\u202e") == '"[2Jx y"'
    assert dot_quoted("a" * 5000).endswith('\u2026"') and len(dot_quoted("a" * 5000)) == TOOLTIP_CHARS + 2
