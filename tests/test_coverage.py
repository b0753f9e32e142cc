"""Quote coverage: which paragraphs of a source an encoding quotes, and the stretches it leaves out."""

import json

import pytest
from click.testing import CliRunner

from argmap.coverage import coverage
from argmap.loader import load_corpus
from argmap.quotes import SourceText
from cli import cli
from conftest import SEEDS, thesis, write_yaml

PARAGRAPHS = [
    "The prices were too low.",            # 1: quoted whole by a claim
    "Nothing could be bought.",            # 2: quoted by a claim
    "Because prices fell, shops emptied.",  # 3: quoted by a link
    "An aside on the weather.",            # 4..7: nothing quotes these
    "Another aside on the harvest.",
    "A third aside about trains.",
    "A fourth aside <b>about</b> bells.",
    "It was not the ambition of one man.",  # 8: quoted by the rejected view
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


@pytest.fixture
def folder(corpus_dir):
    sources = corpus_dir.parent / "sources"
    (sources / "alpha.txt").write_text("\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
    return corpus_dir


def test_paragraphs_quoted_by_what_and_how_much(folder):
    corpus = load_corpus([folder])
    source = SourceText((folder.parent / "sources" / "alpha.txt").read_text())
    cov = coverage(corpus.theses["alpha"], source)
    by_line = {p.line: p for p in cov.paragraphs}
    assert [p.line for p in cov.paragraphs] == [1, 3, 5, 7, 9, 11, 13, 15]
    assert by_line[1].share == 1.0 and [c.kind for c in by_line[1].cited_by] == ["claim"]
    assert by_line[1].cited_by[0].label == "Prices were set too low."
    assert [c.kind for c in by_line[5].cited_by] == ["link"]
    assert "\u2192" in by_line[5].cited_by[0].label and "low_prices" not in by_line[5].cited_by[0].label
    assert [c.kind for c in by_line[15].cited_by] == ["rejected view"]
    assert not by_line[7].cited_by and by_line[7].share == 0
    assert cov.quoted_paragraphs == 4 and cov.total_paragraphs == 8
    (gap,) = cov.gaps()
    assert (gap.first_line, gap.last_line, gap.paragraphs) == (7, 13, 4)


def test_partial_quote_counts_only_the_quoted_characters():
    from argmap.model import Claim, Evidence, Locator, Thesis

    t = Thesis("t", "A", "W", "t.txt", "c", "s", "end", "x",
               claims=[Claim("c", "x", "f", "main", evidence=[Evidence("abcde", Locator(1))])])
    cov = coverage(t, SourceText("abcde fghij"))
    assert cov.paragraphs[0].quoted_chars == 5 and round(cov.paragraphs[0].share, 2) == 0.45


def test_quote_spanning_two_paragraphs_marks_both():
    from argmap.model import Claim, Evidence, Locator, Thesis

    t = Thesis("t", "A", "W", "t.txt", "c", "s", "end", "x",
               claims=[Claim("c", "x", "f", "main", evidence=[Evidence("end of one. Start of two", Locator(1))])])
    cov = coverage(t, SourceText("The end of one.\nStart of two here.\nThree."))
    assert [bool(p.cited_by) for p in cov.paragraphs] == [True, True, False]


def test_unfound_quotes_are_counted_not_placed():
    from argmap.model import Claim, Evidence, Locator, Thesis

    t = Thesis("t", "A", "W", "t.txt", "c", "s", "end", "x",
               claims=[Claim("c", "x", "f", "main", evidence=[Evidence("not there", Locator(1))])])
    cov = coverage(t, SourceText("Something else."))
    assert len(cov.unfound) == 1 and cov.quoted_paragraphs == 0


def test_cli_text_shows_summary_gaps_and_paragraphs(folder):
    result = run("coverage", "alpha", "--corpus", folder, "--sources", folder.parent / "sources")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("4 of 8 paragraphs quoted (50%)")
    assert "lines 7-13: 4 paragraphs" in result.output
    assert "claim: Prices were set too low." in result.output
    gaps = run("coverage", "alpha", "--corpus", folder, "--sources", folder.parent / "sources", "--gaps")
    assert "The prices were too low" not in gaps.output and "An aside on the weather" in gaps.output


def test_cli_json_and_html(folder, tmp_path):
    sources = folder.parent / "sources"
    data = json.loads(run("coverage", "alpha", "--corpus", folder, "--sources", sources, "--format", "json").output)
    assert data["summary"]["quoted_paragraphs"] == 4 and data["gaps"][0]["first_line"] == 7
    out = tmp_path / "cov.html"
    result = run("coverage", "alpha", "--corpus", folder, "--sources", sources, "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "&lt;b&gt;about&lt;/b&gt;" in page and "<b>about</b>" not in page  # source text is escaped
    assert 'id="line-7"' in page and "Rejected view:" in page
    # the source text it has just read is an input: never overwritten
    text = next(sources.glob("*.txt"))
    before = text.read_bytes()
    refused = run("coverage", "alpha", "--corpus", folder, "--sources", sources, "-o", text, "--format", "text")
    assert refused.exit_code == 2 and "is an input file" in refused.output and text.read_bytes() == before


def test_cli_refuses_a_source_outside_the_folder(folder, tmp_path):
    (tmp_path / "secret.txt").write_text("The prices were too low. SECRET", encoding="utf-8")
    write_yaml(folder / "alpha.yaml", thesis(source={"file": "../secret.txt", "citation": "x"}))
    result = run("coverage", "alpha", "--corpus", folder, "--sources", folder.parent / "sources")
    assert result.exit_code == 2 and "SECRET" not in result.output
    assert "climbs out of the folder" in result.output and "alpha.yaml:" in result.output


def test_bundled_corpus_coverage_against_the_texts(seeds):
    corpus = load_corpus()
    for t in corpus.theses.values():
        cov = coverage(t, SourceText((seeds / t.source_file).read_text(encoding="utf-8")))
        assert not cov.unfound, t.id
        assert cov.quoted_paragraphs > 0
