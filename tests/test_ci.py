"""The suite's own rules: under CI=true nothing skips, and output is the same in every process."""

import os
import shutil
import subprocess
import sys

from conftest import ROOT, needs_dot

SAMPLE = '''
import pytest
from conftest import require

def test_tool_missing():
    require(True, "the frobnicator is not installed")

@pytest.mark.skipif(True, reason="no frobnicator")
def test_marked():
    pass

def test_imported():
    pytest.importorskip("no_such_module_argmap")

@pytest.mark.xfail(reason="known", strict=True)
def test_known_failure():
    assert False
'''


def run_sample(tmp_path, ci):
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, env=env)


def test_skips_are_failures_under_ci(tmp_path):
    done = run_sample(tmp_path, ci=True)
    assert done.returncode == 1, done.stdout
    summary = done.stdout.strip().splitlines()[-1]
    assert "skipped" not in summary and "1 xfailed" in summary, summary
    for name in ("test_tool_missing", "test_marked", "test_imported"):  # failed, or errored in setup
        assert f"FAILED test_sample.py::{name}" in done.stdout or f"ERROR test_sample.py::{name}" in done.stdout
    assert "the frobnicator is not installed" in done.stdout and "CI=true" in done.stdout
    assert "no frobnicator" in done.stdout and "xfailed" in done.stdout


def test_skips_stay_skips_outside_ci(tmp_path):
    done = run_sample(tmp_path, ci=False)
    assert done.returncode == 0, done.stdout
    assert "3 skipped" in done.stdout and "the frobnicator is not installed" in done.stdout


def _outputs(corpus, out, seed) -> dict:
    """Every output of a run in a fresh process with the given hash seed, as bytes by name."""
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    out.mkdir()

    def argmap(*args):
        done = subprocess.run([sys.executable, "-c", "from cli import main; main()", *map(str, args)],
                              cwd=out, capture_output=True, env=env)
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout

    found = {
        "compare.json": argmap("compare", "--corpus", corpus, "--format", "json"),
        "diff.json": argmap("diff", "alpha", "beta", "--corpus", corpus, "--format", "json"),
    }
    argmap("render", "alpha", "--corpus", corpus, "-o", out / "x.svg")
    argmap("report", "--corpus", corpus, "-o", out / "site")
    found["x.svg"] = (out / "x.svg").read_bytes()
    found.update({f"site/{p.name}": p.read_bytes() for p in (out / "site").iterdir()})
    return found


@needs_dot
def test_output_is_the_same_in_every_process(tmp_path, corpus_dir):
    from conftest import THESIS, write_yaml
    from test_compare import BETA

    write_yaml(corpus_dir / "beta.yaml", BETA)
    write_yaml(corpus_dir / "gamma.yaml", {**THESIS, "id": "gamma", "author": "C. Critic"})
    first, second = _outputs(corpus_dir, tmp_path / "one", 1), _outputs(corpus_dir, tmp_path / "two", 2)
    assert sorted(first) == sorted(second) and len(first) > 10
    for name in first:
        assert first[name] == second[name], name
