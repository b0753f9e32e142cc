"""Quote verification against source texts."""

import pytest

from argmap.diagnostics import Diagnostics
from argmap.loader import load_corpus
from argmap.quotes import SourceText, fold, verify_quotes
from conftest import SOURCE_TEXT, THESIS, thesis, write_yaml

TEXT = "First line.\n\nThe \u201cscissors\u201d crisis \u2014 of 1923 \u2014 was\nsevere, said Trotsky.\nLast line here.\n"


def test_fold_normalises_typography_case_and_space():
    assert fold("  The \u201cNEP\u201d\u2014ended\n\tSoon ") == 'the "nep"-ended soon'


def test_find_across_lines_and_typography():
    source = SourceText(TEXT)
    assert source.find('the "scissors" crisis - of 1923 - was severe') == [3]
    assert source.find("last LINE here.") == [5]
    assert source.find("not in the text") == []


def test_find_with_elision():
    source = SourceText(TEXT)
    assert source.find("The \u201cscissors\u201d crisis ... said Trotsky.") == [3]
    assert source.find("The scissors crisis \u2026 said Trotsky.") == []  # words outside the elision must match


def test_find_every_occurrence():
    assert SourceText("a b c\nx\na b c\n").find("a b c") == [1, 3]


def test_closest_passage_points_at_the_right_line():
    line, passage = SourceText(TEXT).closest("was severe, said Trotski")
    assert line in (3, 4) and "Trotsky" in passage


def verify(corpus_dir, sources):
    diags = Diagnostics()
    corpus = load_corpus([corpus_dir], diags)
    checked = verify_quotes(corpus, sources, diags)
    return checked, diags.sorted()


def test_corpus_quotes_all_verify(corpus_dir):
    checked, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    assert checked == 4 and diags == []


def test_misquote_is_an_error_with_the_closest_passage(corpus_dir):
    data = thesis()
    data["claims"][1]["evidence"][0]["quote"] = "Nothing could be sold."
    write_yaml(corpus_dir / "alpha.yaml", data)
    _, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    (d,) = diags
    assert d.code == "misquote" and d.is_error
    assert d.hint == "closest passage, line 2: \u201cNothing could be bought.\u201d"
    lines = (corpus_dir / "alpha.yaml").read_text().splitlines()
    assert "Nothing could be sold" in lines[d.line - 1]


def test_wrong_line_is_a_warning_naming_the_right_line(corpus_dir):
    data = thesis()
    data["claims"][1]["evidence"][0]["locator"]["line"] = 4
    write_yaml(corpus_dir / "alpha.yaml", data)
    _, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    (d,) = diags
    assert (d.code, d.severity) == ("wrong-line", "warning")
    assert d.message == "quote starts at line 2 of alpha.txt, not line 4" and d.hint == "set `line: 2`"


def test_missing_source_file(corpus_dir, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    _, diags = verify(corpus_dir, empty)
    (d,) = diags
    assert d.code == "source-missing" and "alpha.txt" in d.message


@pytest.mark.parametrize("words,warned", [(20, False), (120, True)])
def test_long_quotes_are_flagged(corpus_dir, words, warned):
    quote = " ".join(["word"] * words)
    (corpus_dir.parent / "sources" / "alpha.txt").write_text(quote + "\n" + "\n".join(
        ["Nothing could be bought.", "Because prices fell,", "shops emptied.", "It was not the ambition of one man."]))
    data = thesis()
    data["claims"][0]["evidence"][0]["quote"] = quote
    write_yaml(corpus_dir / "alpha.yaml", data)
    _, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    assert ("long-quote" in [d.code for d in diags]) is warned


# --- source.file stays inside --sources (issue 15, item 1) --------------------------------

SECRET = "TOP-SECRET-LINE root:x:0:0 password=hunter2"


def _outside(tmp_path):
    """A file beside the sources folder whose text must never be read or printed."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET + "\n" + SOURCE_TEXT, encoding="utf-8")
    return secret


def _with_source_file(corpus_dir, name):
    data = thesis()
    data["source"]["file"] = name
    data["claims"][1]["evidence"][0]["quote"] = "TOP-SECRET-LINE root"  # would "verify" against the secret
    write_yaml(corpus_dir / "alpha.yaml", data)
    lines = (corpus_dir / "alpha.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith("file:"))


def _assert_refused_at_source_file(corpus_dir, name, code, line):
    checked, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    (d,) = diags
    assert (d.code, d.severity, d.line) == (code, "error", line)
    assert checked == 0
    assert "TOP-SECRET" not in d.message + d.hint and "hunter2" not in d.message + d.hint


@pytest.mark.parametrize("name", ["../secret.txt", "./../secret.txt", "sub/../../secret.txt"])
def test_source_file_may_not_climb_out_of_the_sources_folder(corpus_dir, tmp_path, name):
    _outside(tmp_path)
    (corpus_dir.parent / "sources" / "sub").mkdir()
    line = _with_source_file(corpus_dir, name)
    _assert_refused_at_source_file(corpus_dir, name, "source-path", line)


def test_source_file_may_not_be_absolute(corpus_dir, tmp_path):
    secret = _outside(tmp_path)
    for name in (str(secret), "/etc/passwd", "/proc/self/environ", "C:/Windows/win.ini", "~/secret.txt"):
        line = _with_source_file(corpus_dir, name)
        _assert_refused_at_source_file(corpus_dir, name, "source-path", line)


def test_source_file_may_not_leave_through_a_symlink(corpus_dir, tmp_path):
    secret = _outside(tmp_path)
    sources = corpus_dir.parent / "sources"
    (sources / "link.txt").symlink_to(secret)
    (sources / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    for name in ("link.txt", "linkdir/secret.txt"):
        line = _with_source_file(corpus_dir, name)
        _assert_refused_at_source_file(corpus_dir, name, "source-path", line)


def test_symlink_inside_the_sources_folder_is_fine(corpus_dir):
    sources = corpus_dir.parent / "sources"
    (sources / "texts").mkdir()
    (sources / "texts" / "copy.txt").symlink_to(sources / "alpha.txt")
    data = thesis()
    data["source"]["file"] = "texts/copy.txt"
    write_yaml(corpus_dir / "alpha.yaml", data)
    checked, diags = verify(corpus_dir, sources)
    assert checked == 4 and diags == []


def test_source_file_must_be_a_regular_file(corpus_dir):
    import os

    sources = corpus_dir.parent / "sources"
    os.mkfifo(sources / "pipe.txt")  # reading it would block forever
    (sources / "folder.txt").mkdir()
    for name, what in (("pipe.txt", "FIFO"), ("folder.txt", "folder")):
        line = _with_source_file(corpus_dir, name)
        checked, diags = verify(corpus_dir, sources)
        (d,) = diags
        assert (d.code, d.line) == ("source-unreadable", line) and what in d.message


def test_source_file_is_read_with_a_size_limit(corpus_dir, monkeypatch):
    import argmap.quotes

    monkeypatch.setattr(argmap.quotes, "MAX_SOURCE_BYTES", 20)
    line = _with_source_file(corpus_dir, "alpha.txt")
    checked, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    (d,) = diags
    assert (d.code, d.line) == ("source-unreadable", line) and "at most 20" in d.message


def test_validate_never_prints_text_from_outside_the_sources_folder(corpus_dir, tmp_path):
    from click.testing import CliRunner

    from cli import cli

    _outside(tmp_path)
    _with_source_file(corpus_dir, "../secret.txt")
    result = CliRunner().invoke(cli, ["validate", str(corpus_dir), "--sources", str(corpus_dir.parent / "sources")])
    assert result.exit_code == 1 and "TOP-SECRET" not in result.output and "hunter2" not in result.output
    assert "alpha.yaml:" in result.output and "Traceback" not in result.output


# --- bounded quote search (issue 15, item 3) -----------------------------------------------

def _reference_find(source, quote):
    """The search as it was: every start of the first part, then each next part greedily."""
    from argmap.quotes import _ELISION, MAX_GAP

    parts = [p for p in (fold(p) for p in _ELISION.split(quote)) if p]
    if not parts:
        return []
    found, text = [], source.folded
    start = text.find(parts[0])
    while start >= 0:
        end = start + len(parts[0])
        for part in parts[1:]:
            nxt = text.find(part, end)
            if nxt < 0 or nxt - end > MAX_GAP:
                break
            end = nxt + len(part)
        else:
            found.append(source.line_at(start))
        start = text.find(parts[0], start + 1)
    return found


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab \n", min_size=0, max_size=30), min_size=1, max_size=40),
       st.lists(st.text(alphabet="ab ", min_size=1, max_size=4), min_size=1, max_size=4),
       st.integers(0, 20))
def test_search_finds_what_the_plain_search_found(lines, parts, gap):
    import argmap.quotes

    source = SourceText("\n".join(lines))
    quote = " ... ".join(parts)
    old_gap = argmap.quotes.MAX_GAP
    argmap.quotes.MAX_GAP = gap  # small gaps, so that the limit is exercised on small texts
    try:
        lines_found, complete = source.search(quote)
        assert complete and lines_found == _reference_find(source, quote)
    finally:
        argmap.quotes.MAX_GAP = old_gap


def test_elided_quote_search_tries_few_starts(monkeypatch):
    # `e ... qqqzzzxx` against a text full of e's: before, every `e` was tried and each try
    # scanned to the end of the text; now only the e's within reach of `qqqzzzxx` are.
    text = "the peasants were never seen here before these decrees\n" * 20_000 + "qqqzzzxx\n"
    source = SourceText(text)
    chains = []
    real = SourceText._chain
    monkeypatch.setattr(SourceText, "_chain", lambda self, parts, start: chains.append(start) or real(self, parts, start))
    lines, complete = source.search("e ... qqqzzzxx")
    assert complete and lines and all(19_950 < line <= 20_000 for line in lines)  # the e's within reach
    assert len(chains) <= 2001
    assert source.search("e ... qqqzzzxy") == ([], True)


def test_a_quote_too_common_to_search_is_a_warning_not_a_misquote(corpus_dir, monkeypatch):
    import argmap.quotes

    monkeypatch.setattr(argmap.quotes, "MAX_CANDIDATES", 1)
    data = thesis()
    data["claims"][0]["evidence"][0].update(quote="was not ... of one man", locator={"line": 5})
    write_yaml(corpus_dir / "alpha.yaml", data)
    _, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    # With a budget of one try, no quote can be searched through: each is a warning, none a misquote.
    assert diags and {(d.code, d.severity) for d in diags} == {("quote-unchecked", "warning")}


def test_closest_passage_hints_are_capped_per_source(corpus_dir, monkeypatch):
    import argmap.quotes

    monkeypatch.setattr(argmap.quotes, "MAX_HINTS", 1)
    data = thesis()
    data["claims"][0]["evidence"][0]["quote"] = "Prices were too high."
    data["claims"][1]["evidence"][0]["quote"] = "Everything could be bought."
    write_yaml(corpus_dir / "alpha.yaml", data)
    _, diags = verify(corpus_dir, corpus_dir.parent / "sources")
    hints = [d.hint for d in diags if d.code == "misquote"]
    assert len(hints) == 2 and hints[0].startswith("closest passage") and "after the first 1" in hints[1]


def test_closest_passage_searches_a_long_misquote_by_its_first_words(monkeypatch):
    """The search is quadratic: a 1,000-word misquote is searched with its first HINT_CHARS."""
    from rapidfuzz import fuzz

    import argmap.quotes as quotes

    seen = []
    real = fuzz.partial_ratio_alignment
    monkeypatch.setattr(fuzz, "partial_ratio_alignment", lambda a, b: seen.append(len(a)) or real(a, b))
    text = "Prices fell.\nThe war was severe, said Trotsky, and nothing could be bought.\n" + "filler words " * 500
    line, passage = SourceText(text).closest("the war was severe said trotsky " + "and so on " * 1000)
    assert line == 2 and "severe" in passage and seen[0] <= quotes.HINT_CHARS


def test_source_file_names_with_c1_or_bidi_controls_are_refused(tmp_path):
    from argmap.quotes import SourcePathError, source_path

    for name in ("a\u202egnp.txt", "b\x9b2J.txt", "c\x1b.txt"):
        with pytest.raises(SourcePathError, match="control character"):
            source_path(tmp_path, name)
