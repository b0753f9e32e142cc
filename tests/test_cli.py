"""The command line, through click's CliRunner: exit codes, formats and messages."""

import json
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from cli import cli
from conftest import ROOT, TAXONOMY, thesis, write_yaml


@pytest.fixture
def run():
    def invoke(*args, **kwargs):
        return CliRunner().invoke(cli, [str(a) for a in args], obj={}, **kwargs)
    return invoke


def test_version_and_help_on_every_command(run):
    assert run("--version").output.startswith("argmap, version ")
    result = run("--help")
    assert result.exit_code == 0
    for name in cli.commands:
        sub = run(name, "--help")
        assert sub.exit_code == 0 and "Usage:" in sub.output, name


def test_validate_valid_corpus(run, corpus_dir):
    result = run("validate", corpus_dir)
    assert result.exit_code == 0, result.output
    assert "valid: 1 theses, 2 claims, 2 links, 1 rejected views, 4 quotes; 0 error(s), 0 warning(s)" in result.output


def test_validate_with_sources(run, corpus_dir):
    result = run("validate", corpus_dir, "--sources", corpus_dir.parent / "sources")
    assert result.exit_code == 0 and "(4 checked against" in result.output


def test_validate_invalid_exits_1_with_located_message(run, corpus_dir):
    data = thesis()
    data["claims"][0]["role"] = "major"
    write_yaml(corpus_dir / "alpha.yaml", data)
    result = run("validate", corpus_dir)
    assert result.exit_code == 1
    assert "alpha.yaml:" in result.output and "`major` is not an allowed role" in result.output
    assert "Traceback" not in result.output


def test_warnings_fail_only_under_strict(run, corpus_dir):
    data = thesis()
    data["claims"][0]["evidence"] = []
    write_yaml(corpus_dir / "alpha.yaml", data)
    assert run("validate", corpus_dir).exit_code == 0
    strict = run("validate", corpus_dir, "--strict")
    assert strict.exit_code == 1 and "warning: claim `low_prices` has no evidence" in strict.output


def test_validate_json_format(run, corpus_dir):
    (corpus_dir / "bad.yaml").write_text("argmap: 2\nid: beta\nid: gamma\n")
    result = run("validate", corpus_dir, "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["valid"] is False and report["errors"] == len([d for d in report["diagnostics"]
                                                                 if d["severity"] == "error"])
    dup = next(d for d in report["diagnostics"] if d["code"] == "duplicate-key")
    assert dup["file"].endswith("bad.yaml") and (dup["line"], dup["col"]) == (3, 1)


def test_validate_single_file_uses_taxonomy_beside_it(run, corpus_dir):
    assert run("validate", corpus_dir / "alpha.yaml").exit_code == 0


def test_validate_usage_errors_exit_2(run):
    assert run("validate", "no/such/file.yaml").exit_code == 2
    assert run("validate", "--format", "xml").exit_code == 2


def test_output_is_deterministic(run, corpus_dir):
    (corpus_dir / "bad.yaml").write_text("argmap: 2\nid: beta\nid: gamma\n")
    assert run("validate", corpus_dir).output == run("validate", corpus_dir).output


def test_schema_is_json_matching_the_shipped_file_and_accepts_the_corpus(run):
    import jsonschema  # a declared test dependency: missing it is a failure, not a skip
    result = run("schema")
    schema = json.loads(result.output)
    shipped = json.loads((ROOT / "argmap" / "argmap.schema.json").read_text())
    assert schema == shipped, "run `argmap schema > argmap/argmap.schema.json` after changing the format"
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((ROOT / "arguments").glob("*.yaml"))
    assert files
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert errors == [], (path, errors[:1])
    bad = thesis()
    bad["claims"][0]["role"] = "major"
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors({**TAXONOMY, "extra": 1}))


def test_new_writes_a_skeleton_that_validates_and_never_overwrites(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("new", "my_thesis")
    assert result.exit_code == 0 and "wrote my_thesis.yaml" in result.output
    text = (tmp_path / "my_thesis.yaml").read_text()
    assert "id: my_thesis" in text and "yaml-language-server: $schema=" in text
    # outside a corpus folder a thesis is checked against the taxonomy the message names
    check = result.output.split("then run: ")[1].split()
    assert check[:3] == ["argmap", "validate", "my_thesis.yaml"] and check[3] == "--corpus"
    assert run(*check[1:]).exit_code == 0
    lonely = run("validate", "my_thesis.yaml")  # never silently the bundled taxonomy
    assert lonely.exit_code == 1 and "no factors.yaml in" in lonely.output
    (tmp_path / "my_thesis.yaml").write_text("keep me")
    again = run("new", "my_thesis")
    assert again.exit_code == 1 and "already exists" in again.output
    assert (tmp_path / "my_thesis.yaml").read_text() == "keep me"
    assert run("new", "Bad Id").exit_code == 2


def test_list_summarises_the_corpus(run, corpus_dir):
    result = run("list", "--corpus", corpus_dir)
    assert result.exit_code == 0
    assert "Why did the experiment end?" in result.output
    row = next(l for l in result.output.splitlines() if l.startswith("alpha"))
    assert row.split()[:2] == ["alpha", "A."] and "2" in row.split()
    factors = run("list", "--corpus", corpus_dir, "--factors").output
    assert "Economy (economy)" in factors and "prices" in factors


def test_broken_corpus_stops_other_commands_with_its_errors(run, corpus_dir):
    (corpus_dir / "alpha.yaml").write_text("argmap: 2\nid: a\nid: b\n")
    result = run("list", "--corpus", corpus_dir)
    assert result.exit_code == 1 and "duplicate key `id`" in result.output and "Traceback" not in result.output


def test_internal_errors_become_one_line(run, corpus_dir, monkeypatch):
    def boom(*_a, **_k):
        raise RuntimeError("kaboom")
    monkeypatch.setattr("argmap.loader.load_corpus", boom)
    result = run("list", "--corpus", corpus_dir)
    assert result.exit_code == 3 and "internal error: RuntimeError: kaboom" in result.output
    assert "Traceback" not in result.output


def test_validate_does_not_import_networkx_or_graphviz():
    code = ("import sys; from click.testing import CliRunner; from cli import cli; "
            "CliRunner().invoke(cli, ['validate'], obj={}); "
            "print(sorted(m for m in ('networkx', 'graphviz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _two_authors(corpus_dir):
    from test_compare import BETA
    write_yaml(corpus_dir / "beta.yaml", BETA)


def test_diff_json_contract_and_mirror(run, corpus_dir):
    _two_authors(corpus_dir)
    ab = json.loads(run("diff", "alpha", "beta", "--corpus", corpus_dir, "--format", "json").output)
    ba = json.loads(run("diff", "beta", "alpha", "--corpus", corpus_dir, "--format", "json").output)
    assert {"shared", "only_a", "only_b", "conflicts", "agreement"} <= ab.keys()
    assert {"questions", "readings_differ", "ranking_agreement", "counts", "a", "b"} <= ab.keys()
    assert len(ab["only_b"]) == len(ba["only_a"]) == 3 and len(ab["conflicts"]) == len(ba["conflicts"]) == 1
    assert len(ab["reversed_links"]) == len(ba["reversed_links"]) == 1
    assert all(c["type"] and c["summary"] for c in ab["conflicts"])
    assert ab["agreement"] == ba["agreement"]
    inferred = json.loads(run("diff", "alpha", "beta", "--corpus", corpus_dir, "--format", "json",
                              "--include-inferred").output)
    assert inferred["include_inferred"] is True and len(inferred["conflicts"]) == 2
    assert [c["inferred"] for c in inferred["conflicts"] if c["type"] == "opposite_effect"] == [True]
    same = json.loads(run("diff", "alpha", "alpha", "--corpus", corpus_dir, "--format", "json").output)
    assert same["only_a"] == same["only_b"] == same["conflicts"] == []


def test_diff_text_and_markdown(run, corpus_dir):
    _two_authors(corpus_dir)
    text = run("diff", "alpha", "beta", "--corpus", corpus_dir).output
    assert text.startswith("A. Author vs B. Writer\n2 points in common")
    assert "Conflicts: 1 contradicts.\n" in text  # the lead, before the details
    assert text.index("Conflicts: 1 contradicts") < text.index("Conflicts (1)")
    assert "Conflicts (1)" in text and "A. Author rejects leader outright; B. Writer asserts it." in text
    assert "Drawn the other way round (not conflicts: both directions can hold) (1)" in text
    for enum in ("asserts_vs_rejects", "opposite_direction", "contributes_to", "b_leader", "(alpha)"):
        assert enum not in text
    assert "\u201cIt was not the ambition of one man.\u201d (line 5)" in text
    assert "\x1b[" not in text  # no colour codes when not a terminal
    md = run("diff", "alpha", "beta", "--corpus", corpus_dir, "--format", "md").output
    assert md.startswith("# A. Author vs B. Writer") and "## Conflicts (1)" in md


def test_diff_writes_file_by_extension_and_never_over_an_input(run, corpus_dir, tmp_path):
    _two_authors(corpus_dir)
    out = tmp_path / "d.json"
    assert run("diff", "alpha", "beta", "--corpus", corpus_dir, "-o", out).exit_code == 0
    assert json.loads(out.read_text())["a"]["id"] == "alpha"
    before = (corpus_dir / "alpha.yaml").read_text()
    bad = run("diff", "alpha", "beta", "--corpus", corpus_dir, "-o", corpus_dir / "alpha.yaml", "--format", "md")
    assert bad.exit_code == 2 and "is an input file" in bad.output
    assert (corpus_dir / "alpha.yaml").read_text() == before


def test_diff_unknown_id_is_a_usage_error(run, corpus_dir):
    result = run("diff", "alpha", "zeta", "--corpus", corpus_dir)
    assert result.exit_code == 2 and "no thesis `zeta` in the corpus (ids: alpha)" in result.output
    assert "bundled" not in result.output
    bundled = run("diff", "alpha", "zeta")
    assert bundled.exit_code == 2 and "that is the bundled corpus: for your own, pass --corpus DIR" in bundled.output


def test_theses_named_by_file_are_read_with_their_own_corpus(run, corpus_dir, tmp_path):
    """As `validate FILE` does: the corpus is the thesis file's folder, never the bundled one."""
    _two_authors(corpus_dir)
    a, b = corpus_dir / "alpha.yaml", corpus_dir / "beta.yaml"
    by_file = run("diff", a, b, "--format", "json")
    assert by_file.exit_code == 0, by_file.output
    assert json.loads(by_file.output) == json.loads(run("diff", "alpha", "beta", "--corpus", corpus_dir,
                                                          "--format", "json").output)
    assert run("render", a, "-o", tmp_path / "a.dot").exit_code == 0
    assert run("render", "alpha", "--corpus", corpus_dir, "-o", tmp_path / "b.dot").exit_code == 0
    assert (tmp_path / "a.dot").read_text() == (tmp_path / "b.dot").read_text()
    assert run("debate", a, "--against", b).exit_code == 0
    assert json.loads(run("compare", a, b, "--format", "json").output)["ids"] == ["alpha", "beta"]


def test_compare_formats(run, corpus_dir):
    _two_authors(corpus_dir)
    data = json.loads(run("compare", "--corpus", corpus_dir, "--format", "json").output)
    assert data["ids"] == ["alpha", "beta"] and len(data["pairs"]) == 1
    csv_text = run("compare", "--corpus", corpus_dir, "--format", "csv").output
    assert csv_text.splitlines()[0] == "kind,id,label,category,A. Author,B. Writer"
    assert "factor,leader,Leader,politics,REJECTS,main cause" in csv_text.splitlines()
    text = run("compare", "--corpus", corpus_dir).output
    assert "Pairwise agreement" in text and "A. Author ~ B. Writer: 29%" in text
    assert run("compare", "alpha", "--corpus", corpus_dir).exit_code == 2


def test_diff_text_is_compact_by_default_and_full_on_request(run, corpus_dir):
    from test_compare import BETA

    beta = json.loads(json.dumps(BETA))
    beta["claims"][0]["text"] = "Red \x1b[31mtext\x1b[0m and " + "a long claim about prices " * 8
    write_yaml(corpus_dir / "beta.yaml", beta)
    short = run("diff", "alpha", "beta", "--corpus", corpus_dir).output
    full = run("diff", "alpha", "beta", "--corpus", corpus_dir, "--full").output
    assert "--full shows it for every item" in short and "--full shows it" not in full
    # common ground is one line per item by default, with its evidence under --full
    assert "\u201cThe prices were too low.\u201d (line 1)" in full
    common = short[short.index("Common ground"):]
    assert "(line " not in common.split("\n\n")[0]
    assert len(full.splitlines()) > len(short.splitlines())
    for text in (short, full):
        assert "\x1b" not in text  # nothing from a YAML file moves the terminal's cursor or colours it
        assert max(len(line) for line in text.splitlines()) <= 100  # wrapped to the width, words whole


def test_no_escape_sequence_from_the_data_reaches_the_terminal(run, corpus_dir, tmp_path):
    """list, compare and the diff summary print the data's text without its control characters."""
    from test_compare import BETA

    hostile = "\x1b]0;pwned\x07\x1b[2J\u202e"
    taxonomy = yaml.safe_load((corpus_dir / "factors.yaml").read_text())
    taxonomy["debate"] += hostile
    taxonomy["categories"][0]["label"] += hostile
    taxonomy["factors"][1]["label"] += hostile
    write_yaml(corpus_dir / "factors.yaml", taxonomy)
    beta = json.loads(json.dumps(BETA))
    beta["author"] += hostile
    beta["scope"] += hostile
    write_yaml(corpus_dir / "beta.yaml", beta)
    outputs = [run("list", "--corpus", corpus_dir), run("list", "--factors", "--corpus", corpus_dir),
               run("compare", "--corpus", corpus_dir), run("diff", "alpha", "beta", "--corpus", corpus_dir,
                                                           "-o", tmp_path / "d.dot")]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert "pwned" in result.output or "wrote" in result.output
        assert not any(c in result.output for c in "\x1b\x07\u202e"), result.output


def test_hostile_command_lines_get_a_clear_message_never_an_internal_error(run, corpus_dir, tmp_path):
    """Symlink loops, non-UTF-8 names, a FIFO, an id with a final new line, a thesis named twice."""
    import os

    _two_authors(corpus_dir)
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    looped = run("diff", "alpha", "beta", "--corpus", corpus_dir, "-o", loop)
    assert looped.exit_code == 1 and "too many levels of symbolic links" in looped.output
    odd = run("init", str(tmp_path) + "/q\udce9")
    assert odd.exit_code == 2 and "not valid UTF-8" in odd.output
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    piped = run("source", "add", fifo, "--sources", tmp_path / "sources")
    assert piped.exit_code == 1 and "FIFO" in piped.output
    newline = run("new", "bob\n", "--corpus", corpus_dir)
    assert newline.exit_code == 2 and not any("\n" in p.name for p in corpus_dir.iterdir())
    twice = run("compare", "alpha", "alpha", "beta", "--corpus", corpus_dir)
    assert twice.exit_code == 2 and "alpha is named more than once" in twice.output
