"""Diagrams: structure of the emitted graphs, valid SVG, determinism, and the CLI."""

import re
import shutil
import textwrap
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.compare import diff, profile
from argmap.graphs import thesis_graph
from argmap.loader import load_corpus
from cli import cli
from conftest import TAXONOMY, THESIS, needs_dot, write_yaml
from argmap.render import diagrams, engine
from argmap.render.overview import small_multiples
from test_compare import BETA, corpus  # noqa: F401  (the two-author corpus fixture)

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(source: str, layout="dot", extra=()) -> ET.Element:
    return ET.fromstring(engine.run(source, "svg", layout, extra))


def groups(svg, cls):
    return {g.get("id"): g for g in svg.iter(f"{SVG}g") if g.get("class") == cls}


def test_wrap_cuts_long_text_with_an_ellipsis():
    lines = diagrams.wrap("word " * 40, width=20, max_lines=3)
    assert len(lines) == 3 and all(len(l) <= 20 for l in lines) and lines[-1].endswith("\u2026")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab \n", min_size=1, max_size=40), max_size=30),
       st.integers(5, 30), st.integers(1, 5))
def test_wrap_breaks_only_between_words(words, width, max_lines):
    # Lines hold whole words of the text, in order; an ellipsis only ever follows a whole word.
    text = " ".join(words)
    lines = diagrams.wrap(text, width, max_lines)
    assert len(lines) <= max_lines
    kept = " ".join(lines).replace("\u2026", "").split()
    assert kept == text.split()[:len(kept)]
    for line in lines:
        assert len(line) <= width or " " not in line.rstrip("\u2026")
    if kept != text.split():
        assert lines[-1].endswith("\u2026")


def test_claim_titles_come_from_the_claim_and_never_cut_a_word():
    title, rest = diagrams.claim_title("Lenin distrusted the market: in 1920 he rejected the tax.")
    assert (title, rest) == ("Lenin distrusted the market", "in 1920 he rejected the tax.")
    long = "The succession struggle between the leaders of the party went on for years and years after Lenin died"
    title, rest = diagrams.claim_title(long, limit=40)
    assert title.endswith("\u2026") and len(title) <= 40
    assert long.startswith(title.rstrip("\u2026")) and long.split()[len(title.split())] == rest.lstrip("\u2026").split()[0]


def _stmt(src: str, marker: str) -> str:
    """The attribute list of the node or edge statement carrying ``marker``."""
    return re.search(rf'\[([^\[]*?{re.escape(marker)}[^\]]*)\]', src).group(1)


def test_thesis_map_source_styles_roles_relations_and_rejections(corpus):
    thesis = corpus["beta"]
    src = diagrams.thesis_map(thesis_graph(thesis, corpus.taxonomy), corpus.taxonomy, thesis).source
    node = lambda n: _stmt(src, f'id="node-{n}"')  # noqa: E731
    assert 'fillcolor="#44BB99"' in node("b_famine") and "penwidth=3.5" in node("b_famine")  # economy, main
    assert "dotted" in node("b_faction")  # background
    edge = lambda s, t: _stmt(src, f'id="edge-{s}-{t}"')  # noqa: E731
    assert "arrowhead=tee" in edge("b_famine", "the_end") and "#CC3311" in edge("b_famine", "the_end")
    assert "style=dashed" in edge("b_faction", "b_leader") and "arrowhead=empty" in edge("b_faction", "b_leader")
    assert 'label="made possible"' in edge("b_faction", "b_leader")  # plain words on the arrow
    alpha = corpus["alpha"]
    asrc = diagrams.thesis_map(thesis_graph(alpha, corpus.taxonomy), corpus.taxonomy, alpha).source
    assert "subgraph \"cluster of the views" in asrc and "REJECTED: Leader" in asrc
    # Rejecting one reading of a factor the author asserts is told apart from rejecting the factor.
    alpha.rejects[0].factor = alpha.claims[0].factor
    label = corpus.taxonomy.factors[alpha.claims[0].factor].label
    asrc = diagrams.thesis_map(thesis_graph(alpha, corpus.taxonomy), corpus.taxonomy, alpha).source
    assert f"REJECTED: a reading of {label}" in asrc.replace("<BR/>", " ")


def test_thesis_map_titles_each_claim_from_its_text_not_its_factor(corpus):
    thesis = corpus["alpha"]
    src = diagrams.thesis_map(thesis_graph(thesis, corpus.taxonomy), corpus.taxonomy, thesis).source
    for claim in thesis.claims:
        title, _ = diagrams.claim_title(claim.text)
        factor = corpus.taxonomy.factors[claim.factor].label
        stmt = _stmt(src, f'id="node-{claim.id}"')
        assert f"<B>{diagrams.esc(title)}" in stmt.replace("<BR/>", " ") and f"<I>{diagrams.esc(factor)}</I>" in stmt


@needs_dot
def test_thesis_map_svg_has_every_claim_and_link_with_quote_tooltips(corpus):
    thesis = corpus["alpha"]
    svg = svg_of(diagrams.thesis_map(thesis_graph(thesis, corpus.taxonomy), corpus.taxonomy, thesis).source)
    nodes, edges = groups(svg, "node"), groups(svg, "edge")
    assert {"node-low_prices", "node-no_goods", "node-the_end", "node-ambition"} <= nodes.keys()
    assert {"edge-low_prices-no_goods", "edge-no_goods-the_end"} <= edges.keys()
    tooltips = " ".join(a.get("{http://www.w3.org/1999/xlink}title") or "" for a in svg.iter(f"{SVG}a"))
    assert "\u201cThe prices were too low.\u201d (line 1)" in tooltips
    text = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "A. Author: A Book (1990)" in text and "ROOT" in text and "1 quote" in text


@needs_dot
def test_diff_map_marks_conflicts_and_sides(corpus):
    pa, pb = profile(corpus["alpha"], corpus.taxonomy), profile(corpus["beta"], corpus.taxonomy)
    d = diff(pa, pb, corpus.taxonomy)
    src = diagrams.diff_map(d, corpus.taxonomy, "the_end", full=True).source
    leader = _stmt(src, 'id="node-leader"')
    conflict = diagrams.STANCE_LOOK["conflict"]
    assert "CONTRADICTS" in leader and "peripheries=2" in leader and conflict["fill"] in leader
    faction = _stmt(src, 'id="node-faction"')
    assert "ONLY B. WRITER" in faction and "dashed" not in faction  # faded: outside the focus
    famine = _stmt(src, 'id="node-famine"')
    assert "BOTH ASSERT" in famine and "alpha" not in famine and "beta" not in famine  # names, not ids
    svg = svg_of(src)
    assert "2 points in common, 0 only in A. Author, 3 only in B. Writer, 1 conflict" in " ".join(
        t.text or "" for t in svg.iter(f"{SVG}text"))


def test_stances_differ_in_dash_or_shape_not_colour_alone():
    looks = diagrams.STANCE_LOOK
    assert len({(s["style"], s["peripheries"]) for s in looks.values()}) == 4  # borders, in greyscale
    assert len({(s["edge_style"], s["line"].count(":"), s["peripheries"]) for s in looks.values()}) == 4
    assert len({s["fill"] for s in looks.values()}) == 4 and len({s["line"] for s in looks.values()}) == 4
    tol_muted = {"#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
                 "#AA4499", "#777722"}
    assert {s["fill"] for s in looks.values()} <= tol_muted


@needs_dot
def test_small_multiples_put_each_factor_in_the_same_place_in_every_panel(corpus):
    profs = [profile(corpus[i], corpus.taxonomy) for i in ("alpha", "beta")]
    src = small_multiples(profs, corpus.taxonomy, "the_end")
    pos = {}
    for m in re.finditer(r'"([^"]+)" \[[^\]]*?pos="([\d.-]+),([\d.-]+)!"', src):
        pos[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    labels = {f: corpus.taxonomy.factors[f].label for f in ("prices", "famine", "faction", "leader", "the_end")}
    shared = [f for f in labels if f"A. Author, {labels[f]}" in pos and f"B. Writer, {labels[f]}" in pos]
    assert len(shared) >= 2
    offsets = {(round(pos[f"B. Writer, {labels[f]}"][0] - pos[f"A. Author, {labels[f]}"][0], 2),
                round(pos[f"B. Writer, {labels[f]}"][1] - pos[f"A. Author, {labels[f]}"][1], 2)) for f in shared}
    assert len(offsets) == 1 and next(iter(offsets))[0] > 0  # one shift for all: aligned
    # Trimmed: a factor an author is silent on is an empty place, not a box.
    assert f"A. Author, {labels['faction']}" not in pos and f"B. Writer, {labels['faction']}" in pos
    assert "REJECTS" in _stmt(src, f'"A. Author, {labels["leader"]}"'.strip('"') + '"') or \
        "REJECTS" in src.split(f'"A. Author, {labels["leader"]}"')[1].split("\n\t")[0]
    svg_of(src, "neato", ("-n2",))  # renders and parses


@needs_dot
def test_rendering_is_deterministic(corpus):
    thesis = corpus["beta"]
    src = diagrams.thesis_map(thesis_graph(thesis, corpus.taxonomy), corpus.taxonomy, thesis).source
    assert engine.run(src, "svg") == engine.run(src, "svg")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


@needs_dot
@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"), (".pdf", b"%PDF"),
                                          (".dot", b"digraph")])
def test_render_format_follows_the_extension(tmp_path, corpus_dir, suffix, magic, request):
    if suffix == ".pdf":
        request.getfixturevalue("system_dot")  # graphviz-pure cannot write PDF
    out = tmp_path / f"map{suffix}"
    result = run("render", "alpha", "--corpus", corpus_dir, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_render_refuses_unknown_extension_and_input_files(tmp_path, corpus_dir):
    bad = run("render", "alpha", "--corpus", corpus_dir, "-o", tmp_path / "map.jpeg")
    assert bad.exit_code == 1 and "use .svg, .png, .pdf or .dot" in bad.output
    before = (corpus_dir / "alpha.yaml").read_bytes()
    clash = run("render", "alpha", "--corpus", corpus_dir, "-o", corpus_dir / "alpha.yaml")
    assert clash.exit_code == 2 and (corpus_dir / "alpha.yaml").read_bytes() == before


def test_render_of_one_thesis_reads_only_its_file_but_guards_all(tmp_path, corpus_dir):
    write_yaml(corpus_dir / "beta.yaml", BETA)
    broken = corpus_dir / "gamma.yaml"
    broken.write_text("argmap: 2\nid: gamma\nid: gamma\n")  # another author's broken draft
    ok = run("render", "alpha", "--corpus", corpus_dir, "-o", tmp_path / "a.dot")
    assert ok.exit_code == 0, ok.output
    full = load_corpus([corpus_dir / "factors.yaml", corpus_dir / "alpha.yaml"])
    thesis = full["alpha"]
    assert (tmp_path / "a.dot").read_text() == engine.run(
        diagrams.thesis_map(thesis_graph(thesis, full.taxonomy), full.taxonomy, thesis).source, "dot").decode()
    # The draft is not read, yet still may not be overwritten; validate still reports it.
    before = broken.read_bytes()
    clash = run("render", "alpha", "--corpus", corpus_dir, "-o", broken.with_suffix(".yaml"))
    assert clash.exit_code == 2 and broken.read_bytes() == before
    assert run("validate", corpus_dir).exit_code == 1
    # A file not named after its id is found by loading the whole corpus.
    (corpus_dir / "beta.yaml").rename(corpus_dir / "second.yaml")
    moved = run("render", "beta", "--corpus", corpus_dir, "-o", tmp_path / "b.dot")
    assert moved.exit_code == 1 and "duplicate" in moved.output  # now the draft's error shows
    broken.unlink()
    assert run("render", "beta", "--corpus", corpus_dir, "-o", tmp_path / "b.dot").exit_code == 0


def test_render_without_graphviz_says_how_to_install(tmp_path, corpus_dir, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run("render", "alpha", "--corpus", corpus_dir, "-o", tmp_path / "m.svg")
    assert result.exit_code == 1 and "apt-get install graphviz" in result.output and "Traceback" not in result.output


@needs_dot
def test_render_all_and_diff_diagram(tmp_path, corpus_dir):
    write_yaml(corpus_dir / "beta.yaml", BETA)
    result = run("render", "--all", "--corpus", corpus_dir, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["alpha.svg", "beta.svg", "consensus.svg", "matrix.svg", "multiples.svg", "questions.svg"]
    for p in (tmp_path / "out").iterdir():
        ET.parse(p)
    d = run("diff", "alpha", "beta", "--corpus", corpus_dir, "-o", tmp_path / "ab.svg")
    assert d.exit_code == 0 and "1 conflict;" in d.output
    ET.parse(tmp_path / "ab.svg")
