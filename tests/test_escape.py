"""Smaller leaks: Markdown, CSV, terminals, short quotes, ids, wide encodings (issue 15, item 7)."""

import csv
import io

import re

import pytest
from click.testing import CliRunner

from argmap.diagnostics import Diagnostics
from argmap.loader import load_corpus
from argmap.quotes import verify_quotes
from cli import cli
from conftest import TAXONOMY, THESIS, thesis, write_yaml
from argmap.render.escape import csv_cell, md, terminal


def test_md_escapes_pipes_and_raw_html():
    assert md("a | b <script>alert(1)</script> & c\nd") == "a \\| b &lt;script&gt;alert(1)&lt;/script&gt; &amp; c d"


def test_csv_cells_cannot_be_formulas():
    for cell in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(cell) == "'" + cell
    assert csv_cell("plain") == "plain"
    assert csv_cell("-") == "-" and csv_cell("--") == "'--" and csv_cell("-1+2") == "'-1+2"


def test_terminal_strips_escape_sequences():
    assert terminal("red \x1b[31mtext\x1b[0m\x07 \u202eevil") == "red [31mtext[0m evil"
    from argmap.render.escape import terminal_text  # a whole styled output: our colours kept, nothing else
    assert terminal_text("\x1b[1mA\x1b[0m \x1b[2J\x1b]0;t\x07\u202e z") == "\x1b[1mA\x1b[0m [2J]0;t z"


def _corpus_with(tmp_path, tax_changes=None, **thesis_changes):
    tax = {**TAXONOMY, **(tax_changes or {})}
    write_yaml(tmp_path / "factors.yaml", tax)
    write_yaml(tmp_path / "alpha.yaml", thesis(**thesis_changes))
    write_yaml(tmp_path / "beta.yaml", thesis(id="beta", author="B"))
    return tmp_path


def test_compare_markdown_and_csv_keep_hostile_labels_literal(tmp_path):
    import copy

    tax = copy.deepcopy(TAXONOMY)
    tax["factors"][1]["label"] = "Prices | <img src=x onerror=alert(1)>"
    tax["factors"][2]["label"] = "=HYPERLINK(\"http://evil\")"
    _corpus_with(tmp_path, tax)
    md_out = CliRunner().invoke(cli, ["compare", "alpha", "beta", "--corpus", str(tmp_path), "--format", "md"])
    assert md_out.exit_code == 0, md_out.output
    assert "<img" not in md_out.output and "Prices \\| &lt;img" in md_out.output
    csv_out = CliRunner().invoke(cli, ["compare", "alpha", "beta", "--corpus", str(tmp_path), "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    cells = [cell for row in csv.reader(io.StringIO(csv_out.output)) for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_diagnostics_never_carry_escape_sequences_to_the_terminal(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    data = thesis()
    data["claims"][0]["factor"] = "\x1b]0;pwned\x07\x1b[2J"
    write_yaml(tmp_path / "alpha.yaml", data)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "\x1b" not in result.output and "\x07" not in result.output


def test_id_with_a_trailing_newline_is_refused(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", thesis(id="alpha\n"))
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    assert [(d.code, d.file.endswith("alpha.yaml")) for d in diags.errors] == [("bad-id", True)]


@pytest.mark.parametrize("encoding,name", [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_wide_encodings_are_named_not_binary(tmp_path, encoding, name):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    text = (write_yaml(tmp_path / "alpha.yaml", THESIS)).read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    (tmp_path / "alpha.yaml").write_bytes(data)
    diags = Diagnostics()
    load_corpus([tmp_path], diags)
    (d,) = [d for d in diags if d.file.endswith("alpha.yaml")]
    assert (d.code, d.line, d.col) == ("encoding", 1, 1) and name in d.message and d.hint == "save the file as UTF-8"


@pytest.mark.parametrize("quote", ["e", ".", "The prices", "too low."])
def test_short_quotes_never_verify(corpus_dir, quote):
    data = thesis()
    data["claims"][0]["evidence"][0]["quote"] = quote
    write_yaml(corpus_dir / "alpha.yaml", data)
    diags = Diagnostics()
    verify_quotes(load_corpus([corpus_dir], diags), corpus_dir.parent / "sources", diags)
    (d,) = diags
    assert (d.code, d.severity) == ("short-quote", "warning") and "too short to verify" in d.message


def test_markdown_text_cannot_become_structure():
    """No heading, list, link, image or link definition from the data; a silence mark stays as it is."""
    from argmap.render.brief import _md

    for escape in (md, _md):
        out = escape("a\n# INJECTED\n[ref]: https://evil.example/ ![p](https://evil.example/t.png) [x](javascript:y)")
        assert "\n" not in out and not re.search(r"(?<!\\)\]([(:])", out), out
    assert md("# head") == "\\# head" and md("- item") == "\\- item" and md("1. x") == "1\\. x"
    assert md("-") == "-" and md("plain [sic] text") == "plain [sic] text"
