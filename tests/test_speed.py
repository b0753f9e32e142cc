"""What the speed work must not change, and what short commands may not import.

No timings here (they live in benchmarks/): these tests check that the fast paths give the
same bytes as the full ones, and that short commands stay free of heavy imports.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from argmap.graphs import plain_thesis_graph, thesis_graph
from argmap.loader import load_corpus
from conftest import ROOT, needs_dot
from render import diagrams, engine

BUNDLED = load_corpus(None)
IDS = sorted(BUNDLED.theses)


@pytest.mark.parametrize("thesis_id", IDS)
def test_plain_graph_has_the_networkx_graphs_nodes_edges_and_data(thesis_id):
    thesis = BUNDLED.theses[thesis_id]
    full, plain = thesis_graph(thesis, BUNDLED.taxonomy), plain_thesis_graph(thesis, BUNDLED.taxonomy)
    assert plain.graph == full.graph
    assert plain.nodes(data=True) == list(full.nodes(data=True))
    assert plain.edges(data=True) == list(full.edges(data=True))
    assert plain.nodes(data="kind") == list(full.nodes(data="kind"))
    assert all(plain.nodes[n] == full.nodes[n] for n in full)


def test_plain_graph_keeps_networkx_semantics_for_repeated_and_dangling_edges():
    import networkx as nx

    from argmap.graphs import PlainGraph

    graphs = []
    for g in (nx.DiGraph(outcome="o"), PlainGraph(outcome="o")):
        g.add_node("a", kind="claim")
        g.add_edge("a", "b", relation="causes", w=1)
        g.add_edge("a", "b", relation="enables")  # a second link between the same claims updates the edge
        g.add_node("a", label="A")
        g.add_edge("c", "a", relation="causes")
        graphs.append(g)
    full, plain = graphs
    assert plain.nodes(data=True) == list(full.nodes(data=True))
    assert plain.edges(data=True) == list(full.edges(data=True))
    assert "b" in plain and "z" not in plain and list(plain) == list(full)


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, cwd=ROOT)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_render_of_one_thesis_writes_the_dot_the_networkx_graph_gives(tmp_path, direction):
    """`argmap render ID` draws from the plain graph: byte for byte the DOT of the networkx graph."""
    for thesis_id in IDS:
        thesis = BUNDLED.theses[thesis_id]
        expected = diagrams.thesis_map(thesis_graph(thesis, BUNDLED.taxonomy), BUNDLED.taxonomy, thesis,
                                       direction).source
        out = tmp_path / f"{thesis_id}.dot"
        done = _cli("render", thesis_id, "--direction", direction, "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert out.read_text(encoding="utf-8") == expected, thesis_id


@needs_dot
def test_render_of_one_thesis_writes_the_svg_the_networkx_graph_gives(tmp_path):
    for thesis_id in IDS:
        thesis = BUNDLED.theses[thesis_id]
        expected = engine.run(diagrams.thesis_map(thesis_graph(thesis, BUNDLED.taxonomy), BUNDLED.taxonomy,
                                                  thesis).source, "svg")
        out = tmp_path / f"{thesis_id}.svg"
        assert _cli("render", thesis_id, "-o", str(out)).returncode == 0
        assert out.read_bytes() == expected, thesis_id


# Modules a short command must not load: graph algorithms, the report and comparison code.
HEAVY = ("networkx", "render.report", "argmap.compare", "argmap.analysis", "jinja2", "rapidfuzz")
PROBE = """
import json, sys
sys.argv = ["argmap", *sys.argv[1:]]
from cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print("\\nMODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@needs_dot
@pytest.mark.parametrize("args", [["render", IDS[0], "-o", "{tmp}/x.svg"], ["validate"], ["list"],
                                  ["list", "--factors"]], ids=["render", "validate", "list", "list-factors"])
def test_short_commands_import_no_graph_library_and_no_report_code(tmp_path, args):
    args = [a.format(tmp=tmp_path) for a in args]
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, cwd=ROOT, text=True)
    assert done.returncode == 0, done.stderr
    modules = json.loads(done.stderr.rsplit("MODULES ", 1)[1])
    loaded = [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == [], f"`argmap {' '.join(args)}` imported {loaded}"
