"""How much does `argmap render ID -o x.svg` cost beyond Graphviz, and against the Argdown CLI?

Whole commands, as a user runs them, medians of alternating runs in one run of this script:

  * for every thesis of the corpus (default: the bundled one): `argmap render ID -o x.svg`
    against bare `dot -Tsvg` on the DOT argmap writes for it (`argmap render ID -o x.dot`).
    Aim: at most 3x on every thesis (issue 16).
  * on the largest thesis (most claims, links and rejected views): `argmap render` against
    `argdown map F.argdown OUT --format svg` on the same statements and relations
    (benchmarks/argdown_export.py). Aim: argmap at least 5x faster. The Argdown CLI is not a
    dependency: install it outside the project (`cd /tmp/argdown && npm install @argdown/cli`)
    and pass --argdown PATH, or have `argdown` on PATH.

`argmap` is TREE (default: this checkout) pip-installed into a throwaway venv and run by its
installed script, as a user's is (benchmarks/_runs.py, Installed); --tree times another
checkout the same way (before/after figures).

    python benchmarks/bench_render.py [CORPUS_DIR] [--rounds 9] [--argdown PATH] [--argdown-rounds 5] [--tree DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
from _runs import Installed, alternate, machine, run, tree_option  # noqa: E402
from argdown_export import to_argdown  # noqa: E402
from argmap.loader import bundled_corpus_dir, load_corpus  # noqa: E402

DEFAULT_ARGDOWN = Path("/tmp/argdown/node_modules/.bin/argdown")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=bundled_corpus_dir())
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--argdown", type=Path, help="the Argdown CLI (default: argdown on PATH, or "
                                                     f"{DEFAULT_ARGDOWN})")
    parser.add_argument("--argdown-rounds", type=int, default=5)
    tree_option(parser)
    args = parser.parse_args()
    corpus = load_corpus([args.corpus])
    ids = sorted(corpus.theses)
    installed = Installed(args.tree)
    argmap = installed.argmap
    dot = shutil.which("dot")
    print(f"machine: {machine()}")
    print(installed.describe())
    print(f"corpus: {args.corpus} ({len(ids)} theses); {args.rounds} alternating rounds")
    print(f"{'thesis':<14} {'nodes':>5} {'edges':>5} {'bare dot':>9} {'argmap':>9} {'ratio':>6}  {'CPU ratio':>9}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i in ids:
            t = corpus.theses[i]
            run([*argmap, "render", i, "--corpus", str(args.corpus), "-o", str(tmp / f"{i}.dot")])
            m = alternate({
                "bare": [dot, "-Tsvg", str(tmp / f"{i}.dot"), "-o", str(tmp / f"{i}.bare.svg")],
                "argmap": [*argmap, "render", i, "--corpus", str(args.corpus), "-o", str(tmp / f"{i}.svg")],
            }, args.rounds)
            ratio = m["argmap"]["median"] / m["bare"]["median"]
            worst = max(worst, ratio)
            print(f"{i:<14} {len(t.claims) + len(t.rejects) + 1:>5} {len(t.links):>5} "
                  f"{m['bare']['median'] * 1000:7.0f}ms {m['argmap']['median'] * 1000:7.0f}ms {ratio:5.2f}x  "
                  f"{m['argmap']['cpu'] / m['bare']['cpu']:8.2f}x",
                  flush=True)
        print(f"render / bare dot, worst thesis: {worst:.2f}x (aim: at most 3x)")
        # The floor: what any command in Python that reads YAML with PyYAML and parses its
        # arguments with click pays before reading a byte (start-up and those imports), plus
        # dot itself, against bare dot, on the smallest map.
        smallest = min(ids, key=lambda i: len(corpus.theses[i].claims) + len(corpus.theses[i].links))
        m = alternate({"bare": [dot, "-Tsvg", str(tmp / f"{smallest}.dot"), "-o", str(tmp / "floor.svg")],
                       "imports": [installed.python, "-c", "import click, yaml"],
                       "graphviz": [installed.python, "-c", "import click, yaml, graphviz"]}, args.rounds)
        bare, imports, with_graphviz = (m[k]["median"] for k in ("bare", "imports", "graphviz"))
        print(f"floor on {smallest}: `python -c 'import click, yaml'` {imports * 1000:.0f} ms, then dot: "
              f"{(imports + bare) / bare:.2f}x bare dot ({(with_graphviz + bare) / bare:.2f}x with the graphviz "
              f"package imported too)")

        argdown = args.argdown or (Path(shutil.which("argdown")) if shutil.which("argdown") else DEFAULT_ARGDOWN)
        largest = max(ids, key=lambda i: (len(corpus.theses[i].claims) + len(corpus.theses[i].links)
                                          + len(corpus.theses[i].rejects), i))
        if not argdown.exists():
            print(f"Argdown CLI not found at {argdown}: skipped the Argdown comparison "
                  "(npm install @argdown/cli, then --argdown PATH)")
            return
        t = corpus.theses[largest]
        source = tmp / f"{largest}.argdown"
        source.write_text(to_argdown(t, corpus.taxonomy), encoding="utf-8")
        m = alternate({
            "argdown": [str(argdown), "map", str(source), str(tmp / "argdown-out"), "--format", "svg"],
            "argmap": [*argmap, "render", largest, "--corpus", str(args.corpus), "-o", str(tmp / f"{largest}.svg")],
        }, args.argdown_rounds)
        ratio = m["argdown"]["median"] / m["argmap"]["median"]
        print(f"largest thesis {largest} ({len(t.claims)} claims, {len(t.rejects)} rejected views, "
              f"{len(t.links)} links); {args.argdown_rounds} alternating rounds")
        print(f"argdown map --format svg: {m['argdown']['median'] * 1000:7.0f} ms")
        print(f"argmap render -o x.svg:   {m['argmap']['median'] * 1000:7.0f} ms")
        print(f"argmap is {ratio:.1f}x faster than the Argdown CLI (aim: at least 5x); "
              f"CPU time {m['argdown']['cpu'] / m['argmap']['cpu']:.1f}x less")


if __name__ == "__main__":
    main()
