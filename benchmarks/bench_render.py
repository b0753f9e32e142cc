"""How much does `argmap render` add to Graphviz's own `dot` on the same DOT?

For each thesis of a corpus (default: the bundled one), in one run and interleaved:
  * bare: `dot -Tsvg` on the DOT that argmap emits (a subprocess, as argmap runs it);
  * argmap: loading the thesis and taxonomy, building the graph, emitting DOT and running dot.
The ratio of the summed medians is argmap's overhead (aim: at most 1.2x). A second figure
times the whole `argmap render` command, Python start-up included, for reference.

    python benchmarks/bench_render.py [CORPUS_DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from argmap.graphs import thesis_graph  # noqa: E402
from argmap.loader import bundled_corpus_dir, load_corpus, load_thesis  # noqa: E402
from render import diagrams, engine  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=bundled_corpus_dir())
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = load_corpus([args.corpus])
    ids = sorted(corpus.theses)
    sources = {}
    bare = {i: [] for i in ids}
    ours = {i: [] for i in ids}
    parts = {"load": [], "build": [], "dot": []}
    for _ in range(args.rounds):
        for i in ids:
            t0 = time.perf_counter()
            c = load_thesis(i, args.corpus)  # what `argmap render ID` reads
            t = c.theses[i]
            ta = time.perf_counter()
            src = diagrams.thesis_map(thesis_graph(t, c.taxonomy), c.taxonomy, t).source
            tb = time.perf_counter()
            engine.run(src, "svg")
            t1 = time.perf_counter()
            parts["load"].append(ta - t0), parts["build"].append(tb - ta), parts["dot"].append(t1 - tb)
            subprocess.run(["dot", "-Tsvg"], input=src.encode(), capture_output=True, check=True)
            t2 = time.perf_counter()
            ours[i].append(t1 - t0)
            bare[i].append(t2 - t1)
            sources[i] = src
    b = sum(statistics.median(v) for v in bare.values())
    o = sum(statistics.median(v) for v in ours.values())
    print(f"corpus: {args.corpus} ({len(ids)} theses), {args.rounds} rounds")
    print(f"bare dot -Tsvg on argmap's DOT: {b * 1000:8.1f} ms for all theses")
    print(f"argmap render (in process):     {o * 1000:8.1f} ms")
    print(f"ratio: {o / b:.2f}x (aim: at most 1.2x)")
    print("  of which, per round: " + ", ".join(
        f"{k} {sum(v) / args.rounds * 1000:.1f} ms" for k, v in parts.items()))
    t0 = time.perf_counter()
    for i in ids:
        subprocess.run([sys.executable, str(ROOT / "cli.py"), "render", i, "--corpus", str(args.corpus),
                        "-o", str(Path("/tmp") / f"bench_{i}.svg")],
                       capture_output=True, check=True)
    t1 = time.perf_counter()
    print(f"whole command incl. Python start-up: {(t1 - t0) * 1000:8.1f} ms ({(t1 - t0) / b:.2f}x bare dot)")


if __name__ == "__main__":
    main()
