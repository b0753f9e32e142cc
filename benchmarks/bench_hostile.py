"""Hostile inputs: small files that used to cost minutes or gigabytes (issue 15, item 3).

Generates each case into a scratch folder, runs `argmap validate` on it in a child process
and prints the wall time, the peak memory and the exit status. The budget of the issue:
any file under 10 MB is accepted or refused within 20 s and 2 GiB. Timing lives here, not
in the tests.

    python benchmarks/bench_hostile.py [--timeout 300] [--only NAME ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import SOURCE_TEXT, TAXONOMY, THESIS  # noqa: E402

BUDGET_S, BUDGET_MB = 20.0, 2048


def _dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def _corpus(folder: Path, thesis_text: str, source_text: str | None = None) -> list[str]:
    folder.mkdir(parents=True)
    (folder / "factors.yaml").write_text(_dump(TAXONOMY), encoding="utf-8")
    (folder / "alpha.yaml").write_text(thesis_text, encoding="utf-8")
    args = [str(folder)]
    if source_text is not None:
        sources = folder.parent / (folder.name + "_sources")
        sources.mkdir()
        (sources / "alpha.txt").write_text(source_text, encoding="utf-8")
        args += ["--sources", str(sources)]
    return args


def empty_items(folder: Path) -> list[str]:
    """A 2 MB thesis whose claims are 690,000 empty list items: one diagnostic each, before."""
    head = _dump({k: v for k, v in THESIS.items() if k not in ("claims", "links", "rejects")})
    return _corpus(folder, head + "claims:\n" + "- \n" * 690_000)


def elided_quotes(folder: Path) -> list[str]:
    """120 quotes `e ... qqqzzzxNNN never seen` against a 600 KB source: quadratic elision search before."""
    data = copy.deepcopy(THESIS)
    quotes = [{"quote": f"e ... qqqzzzx{i:03d} never seen", "locator": {"line": 1}} for i in range(120)]
    data["claims"][0]["evidence"] = quotes
    words = ("the peasants were never seen here before these decrees; " * 11_000)
    return _corpus(folder, _dump(data), SOURCE_TEXT + words)


def misquotes(folder: Path) -> list[str]:
    """300 misquotes of 60 words against a 1.5 MB source: a closest-passage search for each."""
    data = copy.deepcopy(THESIS)
    quote = " ".join(f"w{i}" for i in range(60))
    data["claims"][0]["evidence"] = [{"quote": f"{quote} {i}", "locator": {"line": 1}} for i in range(300)]
    return _corpus(folder, _dump(data), SOURCE_TEXT + "lorem ipsum dolor sit amet, consectetur " * 38_000)


def sexagesimal(folder: Path) -> list[str]:
    """`line: 59:59:59...` of 2 MB: YAML 1.1 base-60, a huge integer built digit by digit before."""
    text = _dump(THESIS).replace("line: 1\n", "line: 1" + ":59" * 690_000 + "\n", 1)
    return _corpus(folder, text)


def long_integer(folder: Path) -> list[str]:
    """A 5,000-digit `line:` and a 2 MB one."""
    text = _dump(THESIS).replace("line: 1\n", "line: " + "9" * 5_000 + "\n", 1)
    text = text.replace("line: 2\n", "line: " + "7" * 2_000_000 + "\n", 1)
    return _corpus(folder, text)


CASES = {f.__name__: f for f in (empty_items, elided_quotes, misquotes, sexagesimal, long_integer)}


def run(args: list[str], fmt: str, timeout: float) -> tuple[float, float, str]:
    """Wall seconds, peak MB and exit status of `argmap validate ARGS --format FMT`."""
    code = "import sys; from cli import main; sys.argv = ['argmap', 'validate', *sys.argv[1:]]; main()"
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args, "--format", fmt], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        elapsed = time.perf_counter() - start
        if pid:
            child.returncode = os.waitstatus_to_exitcode(status)
            tail = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
            outcome = f"exit {child.returncode}" + (f" ({tail[-1][:60]})" if child.returncode > 1 and tail else "")
            return elapsed, usage.ru_maxrss / 1024, outcome
        if elapsed > timeout:
            os.killpg(child.pid, signal.SIGKILL)
            _, _, usage = os.wait4(child.pid, 0)
            return elapsed, usage.ru_maxrss / 1024, f"killed after {timeout:.0f} s"
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--only", nargs="*", choices=sorted(CASES), default=sorted(CASES))
    parser.add_argument("--keep", type=Path, help="write the cases here and keep them")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="argmap-hostile-"))
    print(f"{'case':<16} {'format':<6} {'seconds':>8} {'peak MB':>8}  outcome")
    over = False
    try:
        for name in args.only:
            case_args = CASES[name](scratch / name)
            for fmt in ("text", "json"):
                seconds, peak, outcome = run(case_args, fmt, args.timeout)
                flag = "" if seconds <= BUDGET_S and peak <= BUDGET_MB else "  OVER BUDGET"
                over |= bool(flag)
                print(f"{name:<16} {fmt:<6} {seconds:8.2f} {peak:8.0f}  {outcome}{flag}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
