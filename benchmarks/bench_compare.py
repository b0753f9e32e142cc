"""All-pairs comparison of a synthetic corpus (default 200 theses of 100 claims).

Times, in one run: loading the corpus, building the profiles (graphs, projections and
rankings), and `compare` over every pair (19,900 pairs for 200 theses). The baseline is the
bare minimum of all-pairs work, a Jaccard index of the factor sets of every pair in pure
Python; the ratio says how much the real comparison costs beyond it.

    python benchmarks/bench_compare.py [--theses 200] [--claims 100]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
from argmap.compare import compare, profile  # noqa: E402
from argmap.loader import load_corpus  # noqa: E402
from synthetic import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theses", type=int, default=200)
    parser.add_argument("--claims", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(Path(tmp) / "corpus", args.theses, args.claims)
        t0 = time.perf_counter()
        corpus = load_corpus([folder])
        t1 = time.perf_counter()
        profs = [profile(t, corpus.taxonomy) for t in corpus.theses.values()]
        t2 = time.perf_counter()
        result = compare(profs, corpus.taxonomy)
        t3 = time.perf_counter()
        sets = [set(p.positions) for p in profs]
        for a, b in itertools.combinations(sets, 2):
            len(a & b) / len(a | b)
        t4 = time.perf_counter()
    pairs = len(result.pairs)
    print(f"{args.theses} theses x {args.claims} claims, {pairs} pairs")
    print(f"load + validate:          {t1 - t0:7.2f} s")
    print(f"profiles (graphs, ranks): {t2 - t1:7.2f} s")
    print(f"compare, all pairs:       {t3 - t2:7.2f} s")
    print(f"baseline (bare Jaccard):  {t4 - t3:7.2f} s")
    print(f"compare / baseline:       {(t3 - t2) / (t4 - t3):7.1f}x")
    print(f"total:                    {t3 - t0:7.2f} s")


if __name__ == "__main__":
    main()
