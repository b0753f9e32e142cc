"""How long does `argmap report` take on a class of theses?

Two synthetic corpora from benchmarks/synthetic.py, each built into a report by the whole
`argmap report` command (a subprocess, as a user runs it), in one run:

  * 10 theses of 100 claims over 120 factors (aim: at most 120 s, with an index page);
  * 30 theses of 30 claims over 60 factors, a class (aim: at most 60 s, with an index page).

    python benchmarks/bench_report.py [--rounds N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from _runs import Installed, tree_option  # noqa: E402
from synthetic import write_corpus  # noqa: E402

CASES = [  # label, theses, claims, factors, aim in seconds
    ("10 theses x 100 claims", 10, 100, 120, 120.0),
    ("30 theses x 30 claims", 30, 30, 60, 60.0),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="Build the corpora and reports here (default: a temporary folder).")
    tree_option(parser)
    args = parser.parse_args()
    installed = Installed(args.tree)
    work = args.keep or Path(tempfile.mkdtemp(prefix="argmap-bench-report-"))
    print(f"machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; work folder {work}")
    print(installed.describe())
    for label, theses, claims, factors, aim in CASES:
        corpus = write_corpus(work / f"corpus-{theses}x{claims}", theses, claims, factors)
        out = work / f"report-{theses}x{claims}"
        times = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            done = subprocess.run([*installed.argmap, "report", "--corpus", str(corpus), "-o", str(out)],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if done.returncode != 0:
                print(f"{label}: FAILED: {done.stderr.strip() or done.stdout.strip()}")
                break
        else:
            pages = len(list(out.glob("*.html")))
            index = (out / "index.html").exists()
            median = statistics.median(times)
            print(f"{label}: {median:6.1f} s (median of {len(times)}), {pages} pages, "
                  f"index page {'written' if index else 'MISSING'}; aim <= {aim:.0f} s: "
                  f"{median / aim:.2f}x of the budget")


if __name__ == "__main__":
    main()
