"""`argmap compare` at scale: time and peak memory against the time to load the same corpus.

Whole processes, medians of alternating runs in one run of this script, on synthetic corpora
of N theses of 100 claims over 120 factors (benchmarks/synthetic.py, seed 1):

  * load: a Python process that imports argmap's loader and loads (reads and checks) the
    corpus: the floor of any command over it;
  * compare: `argmap compare --corpus DIR --format json -o out.json` (all pairs).

For each N it prints both times, their ratio (aim at 400 theses: at most 2x), the peak
resident memory of compare (aim: at most 1 GB) and the size of the JSON it writes. Then
the hostile chain of issue 15: one thesis whose 4,000 (10,000) claims form a single causal
chain, beside an ordinary one; `argmap validate` and `argmap compare` on it.

    python benchmarks/bench_compare.py [--sizes 10 50 100 200 400] [--rounds 3] [--chains 4000 10000]
                                       [--tree DIR] [--timeout 900]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
from _runs import Installed, alternate, machine, run, tree_option  # noqa: E402
from synthetic import write_chain_corpus, write_corpus  # noqa: E402

LOAD = "import sys\nfrom argmap.loader import load_corpus\nload_corpus([sys.argv[1]])"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50, 100, 200, 400])
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chains", type=int, nargs="*", default=[4000, 10000])
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a chain run is killed")
    tree_option(parser)
    args = parser.parse_args()
    installed = Installed(args.tree)
    argmap = installed.argmap
    print(f"machine: {machine()}")
    print(f"{installed.describe()}; {args.rounds} alternating rounds")
    print(f"{'theses':>6} {'pairs':>6} {'load':>8} {'compare':>8} {'ratio':>6} {'peak MB':>8} {'JSON MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for n in args.sizes:
            folder = write_corpus(tmp / f"c{n}", n, args.claims)
            out = tmp / f"c{n}.json"
            m = alternate({"load": [installed.python, "-c", LOAD, str(folder)],
                           "compare": [*argmap, "compare", "--corpus", str(folder), "--format", "json",
                                       "-o", str(out)]}, args.rounds, warmup=False)
            load, comp = m["load"]["median"], m["compare"]["median"]
            print(f"{n:>6} {n * (n - 1) // 2:>6} {load:7.2f}s {comp:7.2f}s {comp / load:5.2f}x "
                  f"{m['compare']['peak_mb']:8.0f} {out.stat().st_size / 1e6:8.1f}", flush=True)
        for claims in args.chains:
            folder = write_chain_corpus(tmp / f"chain{claims}", claims)
            for command in ("validate", "compare"):
                extra = ["--format", "json", "-o", str(tmp / "chain.json")] if command == "compare" else []
                target = ["--corpus", str(folder)] if command == "compare" else [str(folder)]
                try:
                    seconds, peak, _ = run([*argmap, command, *target, *extra], timeout=args.timeout)
                except TimeoutError as exc:
                    print(f"chain of {claims:,} claims: argmap {command:<8} {exc}", flush=True)
                    continue
                print(f"chain of {claims:,} claims: argmap {command:<8} {seconds:7.2f} s, {peak:5.0f} MB", flush=True)


if __name__ == "__main__":
    main()
