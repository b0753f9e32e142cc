"""Diagnostics are bounded per file (issue 15, item 3)."""

import json

from click.testing import CliRunner

from argmap.diagnostics import MAX_PER_FILE, Diagnostics, Loc
from cli import cli
from conftest import TAXONOMY, THESIS, write_yaml


def test_at_most_max_per_file_diagnostics_then_one_that_counts_the_rest():
    diags = Diagnostics()
    for i in range(1, 1001):
        diags.warning(Loc("a.yaml", i, 1), "w", f"warning {i}")
    diags.error(Loc("a.yaml", 2000, 1), "e", "an error among the dropped ones")
    diags.error(Loc("b.yaml", 1, 1), "e", "another file is not affected")
    out = diags.sorted()
    a = [d for d in out if d.file == "a.yaml"]
    assert len(a) == MAX_PER_FILE + 1
    last = a[-1]
    assert last.code == "too-many-problems" and last.is_error  # an error was dropped: still invalid
    assert "and 801 more problems in this file" in last.message
    assert [d.file for d in out].count("b.yaml") == 1
    assert len(diags.errors) == 2  # the kept one of b.yaml and the count standing for the dropped one


def test_only_warnings_dropped_keeps_the_count_a_warning():
    diags = Diagnostics()
    for i in range(MAX_PER_FILE + 5):
        diags.warning(Loc("a.yaml", i + 1, 1), "w", "w")
    assert diags.sorted()[-1].severity == "warning" and not diags.errors


def test_a_file_of_many_empty_items_gives_a_bounded_report(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    head = write_yaml(tmp_path / "head.yaml", {k: v for k, v in THESIS.items() if k != "claims"})
    (tmp_path / "alpha.yaml").write_text(head.read_text(encoding="utf-8") + "claims:\n" + "- \n" * 5000,
                                         encoding="utf-8")
    head.unlink()
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    mine = [d for d in report["diagnostics"] if d["file"].endswith("alpha.yaml")]
    assert len(mine) == MAX_PER_FILE + 1 and mine[-1]["code"] == "too-many-problems"
    assert report["errors"] == sum(d["severity"] == "error" for d in report["diagnostics"])
    text = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert text.exit_code == 1 and "more problems in this file" in text.output
    assert text.output.count("alpha.yaml:") == MAX_PER_FILE + 1
