"""Output is atomic and its failures are honest: one line naming the path and the reason, exit 1."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap.render.report
from cli import cli
from conftest import ROOT, THESIS, needs_dot, write_yaml
from argmap.render.output import OutputError, replace_folder, write_file
from test_compare import BETA



def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], obj={})


def one_line_error(result, path):
    """Exit 1 with a single line naming ``path``: no traceback, no "internal error"."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert str(path) in lines[0] and "internal error" not in lines[0], lines[0]
    assert result.exc_info is None or result.exc_info[0] is SystemExit
    return lines[0]


@pytest.fixture
def readonly_dir(tmp_path):
    """A folder nobody may create files in: chmod 555, or for root (who ignores modes) sysfs."""
    if os.geteuid() == 0:
        yield Path("/sys")
        return
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


# --- single files ----------------------------------------------------------------------------

def test_write_file_replaces_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_file(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("old")

    def full(fd, data):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("argmap.render.output._write_fd", full)
    with pytest.raises(OutputError) as err:
        write_file(target, "new")
    assert str(err.value) == f"cannot write {target}: No space left on device"
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_symlink_at_the_target_is_replaced_not_written_through(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    link = tmp_path / "out.json"
    link.symlink_to(precious)
    write_file(link, "{}")
    assert precious.read_text() == "mine"
    assert not link.is_symlink() and link.read_text() == "{}"


def test_new_never_overwrites(tmp_path):
    target = tmp_path / "x.yaml"
    target.write_text("mine")
    with pytest.raises(OSError):
        write_file(target, "skeleton", overwrite=False)
    assert target.read_text() == "mine" and len(list(tmp_path.iterdir())) == 1


# --- errors from the command line --------------------------------------------------------------

@pytest.fixture
def two(corpus_dir):
    write_yaml(corpus_dir / "beta.yaml", BETA)
    return corpus_dir


@pytest.mark.parametrize("command", [
    ["compare", "--format", "json"],
    ["diff", "alpha", "beta", "--format", "md"],
    ["debate", "alpha", "--against", "beta"],
    ["debate", "--motion", "prices"],
])
def test_a_full_disk_is_a_one_line_error(two, command):
    line = one_line_error(run(*command, "--corpus", two, "-o", "/dev/full"), "/dev/full")
    assert "No space left on device" in line


@pytest.mark.parametrize("command", [
    ["compare", "--format", "csv"],
    ["diff", "alpha", "beta", "--format", "json"],
    ["debate", "alpha", "--against", "beta"],
    ["render", "alpha"],
    ["diff", "alpha", "beta"],
])
def test_a_read_only_folder_is_a_one_line_error(two, readonly_dir, command):
    target = readonly_dir / "out.dot"
    one_line_error(run(*command, "--corpus", two, "-o", target), target)
    assert not target.exists()


def test_new_into_a_read_only_folder(readonly_dir):
    target = readonly_dir / "x.yaml"
    one_line_error(run("new", "x", "-o", target), target)


def test_a_file_where_a_folder_should_be(two, tmp_path):
    (tmp_path / "file").write_text("mine")
    target = tmp_path / "file" / "map.dot"
    assert "Not a directory" in one_line_error(run("render", "alpha", "--corpus", two, "-o", target), target)
    assert (tmp_path / "file").read_text() == "mine"


def test_debug_still_shows_the_traceback(two):
    result = run("--debug", "compare", "--corpus", two, "-o", "/dev/full")
    assert isinstance(result.exception, OSError)


# --- folders -----------------------------------------------------------------------------------

def _fill(pages):
    def build(folder):
        for name, text in pages.items():
            (folder / name).write_text(text)
        return sorted(pages)
    return build


def test_replace_folder_swaps_whole_folders(tmp_path):
    target = tmp_path / "site"
    replace_folder(target, _fill({"a.html": "1", "b.html": "1", "c.html": "1"}))
    replace_folder(target, _fill({"a.html": "2"}))
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.html": "2"}  # no stale pages
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no temporary or backup left


def test_a_failed_build_keeps_the_previous_folder(tmp_path):
    target = tmp_path / "site"
    replace_folder(target, _fill({"a.html": "1", "b.html": "1"}))

    def broken(folder):
        (folder / "a.html").write_text("2")
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        replace_folder(target, broken)
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.html": "1", "b.html": "1"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_concurrent_builds_never_mix(tmp_path):
    """A second run that starts and finishes while the first is building: one whole folder wins."""
    target = tmp_path / "site"
    replace_folder(target, _fill({"old.html": "0"}))

    def first(folder):
        (folder / "a.html").write_text("first")
        replace_folder(target, _fill({"b.html": "second", "c.html": "second"}))
        assert sorted(p.name for p in target.iterdir()) == ["b.html", "c.html"]
        (folder / "d.html").write_text("first")
    replace_folder(target, first)
    assert {p.name: p.read_text() for p in target.iterdir()} == {"a.html": "first", "d.html": "first"}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_symlinks_inside_the_old_folder_are_not_followed(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("mine")
    target = tmp_path / "site"
    target.mkdir()
    (target / "a.html").symlink_to(precious)
    (target / "sub").symlink_to(tmp_path, target_is_directory=True)
    replace_folder(target, _fill({"a.html": "new"}))
    assert precious.read_text() == "mine" and (tmp_path / "precious.txt").exists()
    assert not (target / "a.html").is_symlink() and (target / "a.html").read_text() == "new"


# --- the report --------------------------------------------------------------------------------

def report(corpus, out, *ids):
    return run("report", "--corpus", corpus, "-o", out, *ids)


@needs_dot
def test_report_drops_stale_pages_and_counts_what_it_wrote(two, tmp_path):
    gamma = {**THESIS, "id": "gamma", "author": "C. Critic"}
    write_yaml(two / "gamma.yaml", gamma)
    out = tmp_path / "site"
    assert "(13 pages)" in report(two, out).output
    result = report(two, out, "alpha", "beta")
    assert result.exit_code == 0 and "(6 pages)" in result.output
    assert sorted(p.name for p in out.glob("*.html")) == [
        "brief-alpha-vs-beta.html", "brief-beta-vs-alpha.html", "index.html", "pair-alpha-beta.html",
        "thesis-alpha.html", "thesis-beta.html"]


@needs_dot
def test_report_does_not_write_through_a_symlink_in_the_old_report(two, tmp_path):
    out = tmp_path / "site"
    assert report(two, out).exit_code == 0
    precious = tmp_path / "precious.html"
    precious.write_text("mine")
    (out / "thesis-alpha.html").unlink()
    (out / "thesis-alpha.html").symlink_to(precious)
    assert report(two, out).exit_code == 0
    assert precious.read_text() == "mine" and not (out / "thesis-alpha.html").is_symlink()


@needs_dot
def test_a_failure_mid_report_keeps_the_previous_report_and_says_so(two, tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert report(two, out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_write = argmap.render.report.write_new

    def full_after_two(folder, name, text, calls=[]):  # noqa: B006 - counts calls
        calls.append(name)
        if len(calls) > 2:
            raise OutputError(folder / name, OSError(28, "No space left on device"))
        return real_write(folder, name, text)
    monkeypatch.setattr(argmap.render.report, "write_new", full_after_two)
    result = report(two, out)
    assert result.exit_code == 1 and "internal error" not in result.output
    assert "No space left on device" in result.output and f"the previous report in {out} is unchanged" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".argmap")] == []


KILL_MID_BUILD = """
import os, signal, sys
import argmap.render.report as r
real = r.write_new
count = []
def write_new(folder, name, text):
    count.append(name)
    if len(count) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(folder, name, text)
r.write_new = write_new
from cli import main
sys.argv = ["argmap"] + sys.argv[1:]
main()
"""


@needs_dot
def test_a_kill_mid_report_keeps_the_previous_report(two, tmp_path):
    out = tmp_path / "site"
    gamma = {**THESIS, "id": "gamma", "author": "C. Critic"}
    write_yaml(two / "gamma.yaml", gamma)
    assert report(two, out, "alpha", "beta").exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = subprocess.run([sys.executable, "-c", KILL_MID_BUILD, "report", "--corpus", str(two), "-o", str(out)],
                          cwd=ROOT, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
