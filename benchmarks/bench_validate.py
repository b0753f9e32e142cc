"""How much slower is `argmap validate` than a bare libyaml parse of the same files?

Whole processes, as a user runs them, medians of alternating runs in one run of this script:
`argmap validate CORPUS` against a Python process that only imports PyYAML and parses every
file of the corpus with `yaml.load(..., Loader=yaml.CSafeLoader)`. Both pay Python's start-up;
the difference is argmap's own: its imports (click and the library), its event-by-event
reading that keeps every position, and its checks. A third process, the bare parse after
`import click`, shows the floor of any command built on click. All three run on the Python
of a throwaway venv into which TREE is pip-installed, as a user's is (benchmarks/_runs.py,
Installed). Aim: at most 1.3x (issue 16). Peak memory (maximum resident set) of each is
printed too.

    python benchmarks/bench_validate.py [CORPUS_DIR] [--rounds 15] [--tree DIR]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
from _runs import Installed, alternate, machine, tree_option  # noqa: E402
from argmap.loader import bundled_corpus_dir, corpus_files  # noqa: E402

BARE = "import sys, yaml\nfor f in sys.argv[1:]:\n    with open(f, 'rb') as h:\n        yaml.load(h.read(), Loader=yaml.CSafeLoader)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=bundled_corpus_dir())
    parser.add_argument("--rounds", type=int, default=15)
    tree_option(parser)
    args = parser.parse_args()
    files = corpus_files(args.corpus)
    size = sum(f.stat().st_size for f in files)
    installed = Installed(args.tree)
    m = alternate({"bare": [installed.python, "-c", BARE, *map(str, files)],
                   "argmap": [*installed.argmap, "validate", str(args.corpus)],
                   "click": [installed.python, "-c", "import click\n" + BARE, *map(str, files)]}, args.rounds)
    b, o, c = m["bare"], m["argmap"], m["click"]
    print(f"machine: {machine()}")
    print(installed.describe())
    print(f"corpus: {args.corpus} ({len(files)} files, {size / 1024:.0f} KiB); {args.rounds} alternating rounds")
    print(f"bare libyaml parse (python -c, CSafeLoader): {b['median'] * 1000:7.0f} ms  "
          f"(CPU {b['cpu'] * 1000:5.0f} ms, {b['peak_mb']:4.0f} MB)")
    print(f"argmap validate:                            {o['median'] * 1000:7.0f} ms  "
          f"(CPU {o['cpu'] * 1000:5.0f} ms, {o['peak_mb']:4.0f} MB)")
    print(f"ratio: {o['median'] / b['median']:.2f}x (aim: at most 1.3x); CPU {o['cpu'] / b['cpu']:.2f}x; "
          f"memory {o['peak_mb'] / b['peak_mb']:.1f}x")
    # The floor of any click command: the same bare parse in a process that also imports click.
    print(f"floor: the bare parse with `import click` first: {c['median'] / b['median']:.2f}x "
          f"(CPU {c['cpu'] / b['cpu']:.2f}x); argmap's own share: {(o['median'] - c['median']) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
