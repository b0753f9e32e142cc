"""The diagrams of the bundled corpus, as a reader meets them (issue 14): focused diffs that
fit a screen, no ids in any SVG text or title, slides at 16:9 and a printable handout."""

import itertools
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.compare import compare, diff, profiles
from argmap.format import CONFLICT_TYPES, RELATION_LABELS, ROLE_LABELS, STANCES
from argmap.graphs import thesis_graph
from argmap.loader import load_corpus
from cli import cli
from conftest import needs_dot
from argmap.render import diagrams, engine
from argmap.render.overview import small_multiples

ARGUMENTS = Path(__file__).resolve().parents[1] / "arguments"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


@pytest.fixture(scope="module")
def bundled():
    corpus = load_corpus([ARGUMENTS])
    return corpus, profiles(corpus)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG")
    return struct.unpack(">II", data[16:24])


def pairs(profs):
    return list(itertools.combinations(profs, 2))


@needs_dot
def test_every_default_diff_fits_2400_px(bundled):
    corpus, profs = bundled
    tax = corpus.taxonomy
    for a, b in pairs(profs):
        width, height = png_size(engine.run(diagrams.diff_map(diff(a, b, tax), tax, tax.outcome).source, "png"))
        assert width <= 2400 and height <= 2400, (a.id, b.id, width, height)


def _factor_ids(src: str) -> set:
    return set(re.findall(r'id="node-(\w+)"', src))


def test_focused_diff_drops_unrelated_points_and_full_keeps_them(bundled):
    corpus, profs = bundled
    tax = corpus.taxonomy
    by_id = {p.id: p for p in profs}
    d = diff(by_id["bettelheim"], by_id["hosking"], tax)
    focus = diagrams.diff_focus(d, tax.outcome)
    everything = {i["factor"] for i in d.shared + d.only_a + d.only_b + d.conflicts if i["kind"] == "factor"}
    focused = _factor_ids(diagrams.diff_map(d, tax, tax.outcome).source)
    full = _factor_ids(diagrams.diff_map(d, tax, tax.outcome, full=True).source)
    assert everything <= full
    unrelated = everything - focus.shown
    assert unrelated and not (unrelated & focused)
    # Every shared point and every conflict is in the focus, and its neighbours are.
    for item in d.shared + d.conflicts:
        if item["kind"] == "factor":
            assert item["factor"] in focused
    assert focus.neighbours and focus.neighbours <= focused
    assert f"Left out: {focus.left_out_factors} points" in diagrams.diff_map(d, tax, tax.outcome).source


def test_questions_answered_differently_are_in_the_diff_and_reversed_links_are_not_conflicts(bundled):
    corpus, profs = bundled
    tax = corpus.taxonomy
    for a, b in pairs(profs):
        d = diff(a, b, tax)
        src = diagrams.diff_map(d, tax, tax.outcome).source
        for q in d.questions:
            if q["type"] == "different_answer":
                assert diagrams.esc(diagrams.wrap(q["text"], 60, 3)[0]) in src
        for item in d.reversed_links:
            assert "other way round" in src
            assert "opposite effect" not in src or any(c["type"] == "opposite_effect" for c in d.conflicts)


def _ids_and_enums(corpus) -> set:
    ids = set(corpus.taxonomy.factors) | set(corpus.taxonomy.questions) | set(corpus.taxonomy.categories)
    for t in corpus.theses.values():
        ids |= {c.id for c in t.claims} | {r.id for r in t.rejects}
    enums = set(ROLE_LABELS) | set(RELATION_LABELS) | set(STANCES) | set(CONFLICT_TYPES)
    # Ids and enum names a reader could mistake for words ("trigger", "asserts") are checked
    # by their underscores; the rest whole.
    return {x for x in ids | enums if "_" in x} | {t for t in corpus.theses}


def _readable(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    out = [el.text or "" for el in root.iter() if el.tag in (f"{SVG}text", f"{SVG}title")]
    out += [el.get(XLINK_TITLE) for el in root.iter() if el.get(XLINK_TITLE)]
    return out


@needs_dot
def test_no_id_or_enum_name_in_any_svg_text_or_title(bundled):
    corpus, profs = bundled
    tax = corpus.taxonomy
    c = compare(profs, tax)
    sources = [(diagrams.thesis_map(thesis_graph(p.thesis, tax), tax, p.thesis).source, "dot", ()) for p in profs]
    sources += [(diagrams.diff_map(diff(a, b, tax), tax, tax.outcome, full=True).source, "dot", ())
                for a, b in pairs(profs)[:4]]
    sources += [(diagrams.consensus_map(c, profs, tax, tax.outcome, one_author_links=True).source, "dot", ()),
                (diagrams.matrix_figure(c, tax).source, "dot", ()),
                (diagrams.questions_figure(c, tax).source, "dot", ()),
                (small_multiples(profs, tax, tax.outcome), "neato", ("-n2",))]
    banned = _ids_and_enums(corpus)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, banned), key=len, reverse=True)) + r")(?![\w-])")
    for source, layout, extra in sources:
        for text in _readable(engine.run(source, "svg", layout, extra)):
            found = pattern.search(text)
            assert not found, (found.group(0), text[:200])
            assert "_" not in text or "\u201c" in text, text[:200]  # quotes are the authors' words


@needs_dot
def test_slides_are_16_by_9(bundled, tmp_path):
    corpus, profs = bundled
    tax = corpus.taxonomy
    d = diff(profs[1], profs[2], tax)
    g = diagrams.slide(diagrams.diff_map(d, tax, tax.outcome, look=diagrams.SLIDE))
    width, height = png_size(engine.run(engine.slide_source(g.source), "png"))
    assert abs(width / height - 16 / 9) < 0.01 and height >= 1000
    out = tmp_path / "map.png"
    result = CliRunner().invoke(cli, ["render", "reiman", "--corpus", str(ARGUMENTS), "-o", str(out), "--slide"])
    assert result.exit_code == 0, result.output
    width, height = png_size(out.read_bytes())
    assert abs(width / height - 16 / 9) < 0.01


@needs_dot
def test_diff_slide_and_handout_from_the_cli(tmp_path, system_dot):
    runner = CliRunner()
    slide = tmp_path / "d.png"
    r = runner.invoke(cli, ["diff", "bettelheim", "hosking", "--corpus", str(ARGUMENTS), "-o", str(slide), "--slide"])
    assert r.exit_code == 0, r.output
    width, height = png_size(slide.read_bytes())
    assert abs(width / height - 16 / 9) < 0.01
    pdf = tmp_path / "pair.pdf"
    r = runner.invoke(cli, ["diff", "bettelheim", "hosking", "--corpus", str(ARGUMENTS), "-o", str(pdf), "--handout"])
    assert r.exit_code == 0, r.output
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = runner.invoke(cli, ["diff", "bettelheim", "hosking", "--corpus", str(ARGUMENTS), "-o",
                              str(tmp_path / "p.png"), "--handout"])
    assert bad.exit_code == 2 and "a handout is a PDF" in bad.output


def test_handout_carries_the_summary_and_each_conflict_in_words(bundled):
    corpus, profs = bundled
    tax = corpus.taxonomy
    by_id = {p.id: p for p in profs}
    d = diff(by_id["bettelheim"], by_id["hosking"], tax)
    src = diagrams.handout_map(d, tax, tax.outcome).source
    assert "Conflicts: " in src and "Contradicts: " in src
    assert 'size="10.8,7.6"' in src
