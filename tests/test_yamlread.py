"""The strict YAML reader: no silent data loss, no objects from tags, bounded input."""

import pytest

from argmap.diagnostics import ArgmapError, Diagnostics
from argmap.yamlread import MAX_BYTES, MAX_DEPTH, YList, YMap, read_yaml


def read(text, path="f.yaml"):
    diags = Diagnostics()
    data = read_yaml(text.encode("utf-8") if isinstance(text, str) else text, path, diags)
    return data, diags


def refused(text):
    with pytest.raises(ArgmapError) as info:
        read(text)
    (diag,) = info.value.diagnostics
    return diag


def test_values_and_positions_are_kept():
    data, diags = read("a: 1\nb:\n  - x\n  - 'y'\nc: {d: true, e: null, f: 1.5}\nwhen: 1925-1927\nday: 1928-01-15\n")
    assert not diags
    assert isinstance(data, YMap) and isinstance(data["b"], YList)
    assert data == {"a": 1, "b": ["x", "y"], "c": {"d": True, "e": None, "f": 1.5},
                    "when": "1925-1927", "day": "1928-01-15"}
    assert (data.key_locs["b"].line, data.key_locs["b"].col) == (2, 1)
    assert (data["b"].item_locs[1].line, data["b"].item_locs[1].col) == (4, 5)
    assert data.loc_of("c").line == 5


def test_duplicate_key_is_an_error_naming_both_lines_and_keeps_the_first():
    data, diags = read("id: first\nother: 1\nid: second\n")
    (diag,) = diags
    assert diag.code == "duplicate-key" and diag.line == 3 and diag.col == 1
    assert "first given at line 1" in diag.message
    assert data["id"] == "first"


def test_duplicate_keys_in_nested_mappings_are_all_reported():
    _, diags = read("a:\n  x: 1\n  x: 2\nb:\n  - y: 1\n    y: 2\n")
    assert [(d.line, d.code) for d in diags] == [(3, "duplicate-key"), (6, "duplicate-key")]


@pytest.mark.parametrize("text", ["!!python/object:os.system {}\n", "a: !!python/name:os.system ''\n",
                                  "a: !custom 1\n", "a: !!binary aGVsbG8=\n"])
def test_tags_never_construct_objects(text):
    diag = refused(text)
    assert diag.code == "tag" and "not allowed" in diag.message


def test_core_tags_are_allowed():
    data, _ = read("a: !!str 12\nb: !!int '3'\n")
    assert data == {"a": "12", "b": 3}


def test_alias_bomb_is_refused_at_once():
    bomb = "a: &a [x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    diag = refused(bomb)
    assert diag.code == "alias" and diag.line == 1


def test_deep_nesting_is_bounded():
    diag = refused("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert diag.code == "too-deep"
    read("[" * MAX_DEPTH + "]" * MAX_DEPTH)  # exactly at the limit is fine


def test_huge_nesting_is_refused_without_recursion():
    diag = refused("[" * 200_000)
    assert diag.code == "too-deep"


@pytest.mark.parametrize("text", ["{a: " * 2000, "- " * 3000 + "x\n",
                                  "".join(" " * i + "a:\n" for i in range(1200)) + " " * 1200 + "x\n"])
def test_deep_nesting_of_any_kind_is_too_deep_whatever_the_libyaml(text):
    diag = refused(text)
    assert diag.code == "too-deep" and diag.line >= 1


def test_huge_file_is_refused_before_parsing():
    diag = refused(b"a: " + b"x" * MAX_BYTES)
    assert diag.code == "too-large"


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"# only a comment\n"])
def test_empty_file(data):
    assert refused(data).code == "empty-file"


def test_binary_file_is_located():
    diag = refused(b"a: 1\nb: \x00\x01")
    assert (diag.code, diag.line, diag.col) == ("binary", 2, 4)


def test_non_utf8_bytes_are_located():
    diag = refused("a: 1\nb: caf".encode() + b"\xe9\n")
    assert (diag.code, diag.line, diag.col) == ("encoding", 2, 7)
    assert "0xe9" in diag.message


def test_utf8_bom_is_accepted():
    data, _ = read(b"\xef\xbb\xbfa: 1\n")
    assert data == {"a": 1}


def test_syntax_error_is_located():
    diag = refused("a: 1\n  b: 2\n")
    assert diag.code == "yaml-syntax" and diag.line == 2


def test_an_unclosed_quote_says_where_it_began():
    diag = refused('argmap: 2\nid: bob\nauthor: "Bob\n  claims: [\n')
    assert diag.code == "yaml-syntax" and diag.line == 5  # where the parser gave up: the end of the file
    assert diag.hint.endswith("it began at line 3, column 9")


def test_several_documents_are_refused():
    assert refused("a: 1\n---\nb: 2\n").code == "multiple-documents"


def test_complex_key_is_refused():
    assert refused("? [a, b]\n: 1\n").code == "complex-key"


# --- numbers: bounded conversion, located errors (issue 15, items 3 and 6) -----------------

@pytest.mark.parametrize("text,code,line,col", [
    ("line: !!int abc\n", "bad-value", 1, 7),
    ("a: 1\nline: !!float x\n", "bad-value", 2, 7),
    ("ok: !!bool maybe\n", "bad-value", 1, 5),
    ("a: 1\nline: " + "59:" * 2000 + "59\n", "bad-number", 2, 7),
    ("line: 1:30.5\n", "bad-number", 1, 7),
    ("line: " + "9" * 5000 + "\n", "bad-number", 1, 7),
    ("line: -0x" + "f" * 40 + "\n", "bad-number", 1, 7),
])
def test_bad_or_costly_numbers_are_located_errors(text, code, line, col):
    diag = refused(text)
    assert (diag.code, diag.line, diag.col) == (code, line, col)
    assert len(diag.message) < 120  # never the whole value


def test_ordinary_numbers_still_read():
    data, _ = read("a: 12\nb: -3\nc: 1_000\nd: 0x1F\ne: 2.5\nf: 99999999999999999999\n")
    assert data == {"a": 12, "b": -3, "c": 1000, "d": 31, "e": 2.5, "f": 99999999999999999999}


def test_a_bad_number_keeps_the_other_files_diagnostics(tmp_path):
    from click.testing import CliRunner

    from cli import cli
    from conftest import TAXONOMY, THESIS, thesis, write_yaml

    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    text = (write_yaml(tmp_path / "alpha.yaml", THESIS).read_text(encoding="utf-8")
            .replace("line: 1\n", "line: !!int abc\n", 1))
    (tmp_path / "alpha.yaml").write_text(text, encoding="utf-8")
    write_yaml(tmp_path / "beta.yaml", thesis(id="beta", explains="nowhere"))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "alpha.yaml:" in result.output and "`abc` is not a valid int" in result.output
    assert "beta.yaml:" in result.output and "nowhere" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
