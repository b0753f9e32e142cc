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
from argmap.render import diagrams, engine

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
HEAVY = ("networkx", "argmap.render.report", "argmap.compare", "argmap.analysis", "jinja2", "rapidfuzz")
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


@pytest.mark.parametrize("args", [["validate"], ["validate", "{tmp}/broken.yaml"], ["list"], ["list", "--factors"],
                                  ["compare"]], ids=["validate", "validate-errors", "list", "list-factors", "compare"])
def test_commands_that_draw_nothing_do_not_import_the_graphviz_package(tmp_path, args):
    """Escaping for terminals and Markdown lives beside DOT escaping; only the DOT part needs graphviz."""
    (tmp_path / "broken.yaml").write_text("argmap: 2\nid: x\nid: y\n", encoding="utf-8")
    args = [a.format(tmp=tmp_path) for a in args]
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, cwd=ROOT, text=True)
    modules = json.loads(done.stderr.rsplit("MODULES ", 1)[1])
    assert "graphviz" not in modules, f"`argmap {' '.join(args)}` imported graphviz"


# --- compare on per-profile vectors gives what the pair-by-pair classification gives ----------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from argmap import compare as cmp  # noqa: E402
from test_compare import _TAXONOMY, _profile, theses  # noqa: E402


def _fast(pa, pb, include_inferred, taxonomy=None):
    """The vector path's conflicts (keys restored) and counts for one pair."""
    index: dict = {}
    va, vb = cmp._Vector(pa, include_inferred, index, taxonomy), cmp._Vector(pb, include_inferred, index, taxonomy)
    keys = list(index)
    by_type, counts = cmp._fast_tally(va, vb)
    kinds = ("factor", "factor", "link", "question")
    types = (cmp.CONTRADICTS, cmp.WEIGHS, cmp.EFFECT, cmp.ANSWERS)
    conflicts = sorted((kind, n if kind == "question" else keys[n], t)
                       for kind, t, found in zip(kinds, types, by_type) for n in cmp._members(found))
    by_sorting = cmp._rank_tau(va, vb)
    cmp._number_factor_pairs([va, vb])
    assert va.orders is not None and vb.orders is not None
    by_bits = cmp._rank_tau(va, vb)
    assert by_bits == by_sorting, "Kendall's tau by bit counts is not the sorted one"
    return conflicts, counts, by_bits


def _check_pair(pa, pb, taxonomy, include_inferred):
    conflicts, counts = cmp._tally(cmp._classify(pa, pb, taxonomy, include_inferred))
    fast_conflicts, fast_counts, tau = _fast(pa, pb, include_inferred, taxonomy)
    assert fast_counts == counts
    assert list(fast_counts["conflict_types"]) == list(counts["conflict_types"])  # same key order in the JSON
    assert fast_conflicts == sorted(conflicts)
    assert tau == cmp.kendall_tau(pa.scores, pb.scores)


@settings(max_examples=300, deadline=None)
@given(theses("a"), theses("b"), st.booleans())
def test_vector_comparison_matches_the_classification_on_random_pairs(a, b, include_inferred):
    _check_pair(_profile(a), _profile(b), _TAXONOMY, include_inferred)


@pytest.mark.parametrize("include_inferred", [False, True])
def test_vector_comparison_matches_the_classification_on_the_bundled_pairs(include_inferred):
    profs = cmp.profiles(BUNDLED)
    for pa in profs:
        for pb in profs:
            if pa is not pb:
                _check_pair(pa, pb, BUNDLED.taxonomy, include_inferred)


def _reference_pairs_and_contested(profs, taxonomy, include_inferred):
    """The pair-by-pair loop compare() ran before it compared vectors."""
    pairs, contested = [], {}
    for a, b in __import__("itertools").combinations(profs, 2):
        conflicts, counts = cmp._tally(cmp._classify(a, b, taxonomy, include_inferred))
        for kind, key, ctype in conflicts:
            entry = contested.setdefault((kind, key), {"pairs": [], "types": set()})
            entry["pairs"].append([a.id, b.id])
            entry["types"].add(ctype)
        tau = cmp.kendall_tau(a.scores, b.scores)
        pairs.append({"a": a.id, "b": b.id,
                      "agreement": round(cmp.agreement(a, b, taxonomy, include_inferred, counts), 4),
                      "ranking_agreement": None if tau is None else round(tau, 4),
                      **{k: counts[k] for k in ("shared", "only_a", "only_b", "conflicts", cmp.READINGS_DIFFER,
                                                "conflict_types")}})
    return pairs, contested


@pytest.mark.parametrize("include_inferred", [False, True])
def test_compare_pairs_and_contested_points_are_the_pair_by_pair_ones(tmp_path, include_inferred):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_corpus

    for corpus in (BUNDLED, load_corpus([write_corpus(tmp_path / "syn", theses=25, claims=40, factors=50)])):
        profs = cmp.profiles(corpus)
        result = cmp.compare(profs, corpus.taxonomy, include_inferred)
        pairs, contested = _reference_pairs_and_contested(profs, corpus.taxonomy, include_inferred)
        assert json.dumps(result.pairs) == json.dumps(pairs)
        assert len(result.contested) == len(contested)
        for item in result.contested:
            key = item.get("factor") or item.get("question") or (item["from"], item["to"])
            expected = contested[(item["kind"], key)]
            assert item["pairs"] == expected["pairs"] and item["conflicting_pairs"] == len(expected["pairs"])
            assert set(item["types"]) == expected["types"]
        lean = cmp.compare(profs, corpus.taxonomy, include_inferred, pair_lists=False).as_dict()
        full = result.as_dict()
        for item in full["contested"]:
            del item["pairs"]
        assert lean == full


def test_compare_sorts_for_tau_when_the_factors_are_too_many_for_pair_bits(tmp_path, monkeypatch):
    """Above MAX_FACTORS_FOR_PAIR_BITS, tau is sorted pair by pair: the same values."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_corpus

    corpus = load_corpus([write_corpus(tmp_path / "syn", theses=12, claims=40, factors=50)])
    profs = cmp.profiles(corpus)
    by_bits = cmp.compare(profs, corpus.taxonomy).pairs
    monkeypatch.setattr(cmp, "MAX_FACTORS_FOR_PAIR_BITS", 10)
    index: dict = {}
    vectors = [cmp._Vector(p, False, index) for p in profs]
    cmp._number_factor_pairs(vectors)
    assert all(v.orders is None for v in vectors)
    by_sorting = cmp.compare(profs, corpus.taxonomy).pairs
    assert by_sorting == by_bits
    assert sum(p["ranking_agreement"] is not None for p in by_bits) > len(by_bits) // 2


def test_compare_json_is_compact_without_pair_lists_unless_asked(tmp_path):
    compact = _cli("compare", "--format", "json")
    indented = _cli("compare", "--format", "json", "--indent", "2", "--pair-lists")
    assert compact.returncode == 0 and indented.returncode == 0
    lean, full = json.loads(compact.stdout), json.loads(indented.stdout)
    assert compact.stdout == json.dumps(lean, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
    assert indented.stdout.startswith(b'{\n  "authors": [')
    assert all("pairs" not in item for item in lean["contested"])
    assert all(len(item["pairs"]) == item["conflicting_pairs"] for item in full["contested"])
    for item in full["contested"]:
        del item["pairs"]
    assert lean == full


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40),
       st.lists(st.booleans(), min_size=13, max_size=13))
def test_claim_reach_counts_the_claims_each_claim_leads_to(n, edges, rejected):
    """Bit sets over the condensation give what counting every claim's descendants gave, cycles included."""
    import networkx as nx

    from argmap.analysis import claim_reach, paths_to_outcome
    from argmap.graphs import CLAIM, PlainGraph, causal_part

    g = nx.DiGraph(outcome="o")
    g.add_node("o", kind="outcome")
    for i in range(n):
        g.add_node(f"c{i}", kind="rejected" if rejected[i] else CLAIM)
    names = list(g)
    for s, t in edges:
        if s < len(names) and t < len(names):
            g.add_edge(names[s], names[t])
    causal = causal_part(g)
    expected = {c: sum(1 for d in nx.descendants(causal, c) if g.nodes[d].get("kind") == CLAIM)
                for c, kind in g.nodes(data="kind") if kind == CLAIM}
    assert claim_reach(g) == expected
    # Paths to the outcome: what networkx's condensation gave.
    condensed = nx.condensation(causal)
    members = condensed.graph["mapping"]
    count = {members["o"]: 1}
    for node in reversed(list(nx.topological_sort(condensed))):
        if node != members["o"]:
            count[node] = sum(count.get(s, 0) for s in condensed.successors(node))
    assert paths_to_outcome(g) == {c: count.get(members[c], 0) for c in expected}
    # And the same on a plain graph.
    plain = PlainGraph(outcome="o")
    for node, data in g.nodes(data=True):
        plain.add_node(node, **data)
    for s, t in g.edges:
        plain.add_edge(s, t)
    assert claim_reach(plain) == expected and paths_to_outcome(plain) == paths_to_outcome(g)


@pytest.mark.parametrize("thesis_id", IDS)
def test_profiles_from_plain_graphs_rank_as_the_networkx_graphs_do(thesis_id):
    from argmap.analysis import rank_causes
    from argmap.graphs import factor_graph, plain_factor_graph

    thesis = BUNDLED.theses[thesis_id]
    full, plain = factor_graph(thesis, BUNDLED.taxonomy), plain_factor_graph(thesis, BUNDLED.taxonomy)
    assert plain.nodes(data=True) == list(full.nodes(data=True))
    assert plain.edges(data=True) == list(full.edges(data=True))
    assert rank_causes(plain_thesis_graph(thesis, BUNDLED.taxonomy)) == rank_causes(thesis_graph(thesis, BUNDLED.taxonomy))
