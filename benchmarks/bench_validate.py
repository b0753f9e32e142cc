"""How much slower is `argmap validate` than bare libyaml parsing of the same files?

Both run in this process, interleaved, on the same files, so the machine's noise hits both;
the figure that matters is the ratio of their medians (the aim is at most 1.5x).

    python benchmarks/bench_validate.py [CORPUS_DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from argmap.diagnostics import Diagnostics  # noqa: E402
from argmap.loader import bundled_corpus_dir, corpus_files, load_corpus  # noqa: E402


def bare_parse(files: list[Path]) -> None:
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)


def argmap_validate(folder: Path) -> None:
    diags = Diagnostics()
    load_corpus([folder], diags)
    diags.sorted()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=bundled_corpus_dir())
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    size = sum(f.stat().st_size for f in files)
    base, ours = [], []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        bare_parse(files)
        t1 = time.perf_counter()
        argmap_validate(args.corpus)
        t2 = time.perf_counter()
        base.append(t1 - t0)
        ours.append(t2 - t1)
    b, o = statistics.median(base), statistics.median(ours)
    print(f"corpus: {args.corpus} ({len(files)} files, {size / 1024:.0f} KiB), {args.rounds} rounds")
    print(f"bare libyaml parse (yaml.load, CSafeLoader): median {b * 1000:8.2f} ms")
    print(f"argmap validate (load + all checks):         median {o * 1000:8.2f} ms")
    print(f"ratio: {o / b:.2f}x (aim: at most 1.5x)")


if __name__ == "__main__":
    main()
