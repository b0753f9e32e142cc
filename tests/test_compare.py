"""The comparison engine on hand-built theses whose right answers are known in advance."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import (causal_paths, paths_to_outcome, proximate_causes, rank_causes, root_causes,
                             weak_spots)
from argmap.compare import agreement, compare, diff, kendall_tau, one_line, profile
from argmap.graphs import factor_graph, thesis_graph
from argmap.loader import build_taxonomy, load_corpus
from argmap.diagnostics import Diagnostics
from conftest import TAXONOMY, THESIS, ev, write_yaml

BETA = {
    **copy.deepcopy(THESIS),
    "id": "beta", "author": "B. Writer",
    "claims": [
        {"id": "b_famine", "text": "The goods famine came first.", "factor": "famine", "role": "main", "evidence": ev()},
        {"id": "b_prices", "text": "Prices followed.", "factor": "prices", "role": "contributing", "evidence": ev()},
        {"id": "b_leader", "text": "The leader wanted power.", "factor": "leader", "role": "main", "evidence": ev()},
        {"id": "b_faction", "text": "Factions helped him.", "factor": "faction", "role": "background", "evidence": ev()},
    ],
    "links": [
        {"from": "b_famine", "to": "b_prices", "relation": "causes", "evidence": ev()},
        {"from": "b_famine", "to": "the_end", "relation": "undermines", "evidence": ev()},
        {"from": "b_leader", "to": "the_end", "relation": "causes", "evidence": ev()},
        {"from": "b_faction", "to": "b_leader", "relation": "enables", "inferred": True},
    ],
    "rejects": [],
}


@pytest.fixture
def corpus(tmp_path):
    write_yaml(tmp_path / "factors.yaml", TAXONOMY)
    write_yaml(tmp_path / "alpha.yaml", THESIS)
    write_yaml(tmp_path / "beta.yaml", BETA)
    return load_corpus([tmp_path])


def test_thesis_graph_has_every_claim_link_and_rejection(corpus):
    g = thesis_graph(corpus["alpha"], corpus.taxonomy)
    assert {n: k for n, k in g.nodes(data="kind")} == {
        "the_end": "outcome", "low_prices": "claim", "no_goods": "claim", "ambition": "rejected"}
    assert set(g.edges) == {("low_prices", "no_goods"), ("no_goods", "the_end")}
    assert g.nodes["low_prices"]["weight"] == 3 and g.nodes["low_prices"]["category"] == "economy"
    assert g.edges["no_goods", "the_end"]["inferred"] is True


def test_factor_graph_projects_onto_the_taxonomy(corpus):
    g = factor_graph(corpus["beta"], corpus.taxonomy)
    assert g.nodes["leader"]["stance"] == "asserts" and g.nodes["famine"]["role"] == "main"
    assert g.edges["famine", "the_end"]["polarity"] == -1
    assert g.edges["faction", "leader"]["inferred"] is True
    alpha = factor_graph(corpus["alpha"], corpus.taxonomy)
    assert alpha.nodes["leader"]["stance"] == "rejects"


def test_analysis_of_one_thesis(corpus):
    g = thesis_graph(corpus["beta"], corpus.taxonomy)
    assert proximate_causes(g) == ["b_famine", "b_leader"]
    assert root_causes(g) == ["b_faction", "b_famine"]
    assert causal_paths(g) == [["b_faction", "b_leader", "the_end"], ["b_famine", "the_end"]]
    assert paths_to_outcome(g) == {"b_famine": 1, "b_prices": 0, "b_leader": 1, "b_faction": 1}
    ranked = [r.claim for r in rank_causes(g)]
    assert ranked[0] in ("b_famine", "b_leader") and ranked[-1] == "b_prices"
    spots = {(s.kind, s.subject) for s in weak_spots(g)}
    assert ("inferred-link", "b_faction -> b_leader") in spots
    assert ("single-quote-link", "b_famine -> the_end") in spots


def test_diff_finds_every_kind_of_agreement_and_conflict(corpus):
    d = diff(profile(corpus["alpha"], corpus.taxonomy), profile(corpus["beta"], corpus.taxonomy), corpus.taxonomy)
    assert [(i["kind"], i["factor"]) for i in d["shared"]] == [("factor", "famine"), ("factor", "prices")]
    assert d["only_a"] == []
    assert [(i["kind"], i.get("factor") or (i["from"], i["to"])) for i in d["only_b"]] == [
        ("factor", "faction"), ("link", ("faction", "leader")), ("link", ("leader", "the_end"))]
    conflicts = {(c["type"], c.get("factor") or (c["from"], c["to"])) for c in d["conflicts"]}
    assert conflicts == {("weight", "prices"), ("asserts_vs_rejects", "leader"),
                         ("reversed_direction", ("famine", "prices")), ("opposite_relation", ("famine", "the_end"))}
    leader = next(c for c in d["conflicts"] if c.get("factor") == "leader")
    assert leader["a"]["stance"] == "rejects" and leader["a"]["rejections"][0]["evidence"][0]["quote"]
    assert leader["b"]["claims"][0]["id"] == "b_leader"
    assert leader["summary"] == "B. Writer asserts Leader; A. Author rejects it."
    assert d["agreement"] == pytest.approx(1.5 / 8)
    assert one_line(d) == "2 points in common, 0 only in alpha, 3 only in beta, 4 conflicts; agreement 19%"


def test_diff_with_itself_is_all_shared(corpus):
    p = profile(corpus["beta"], corpus.taxonomy)
    d = diff(p, p, corpus.taxonomy)
    assert d["only_a"] == d["only_b"] == d["conflicts"] == [] and d["agreement"] == 1.0
    assert len(d["shared"]) == 4 + 4 and d["ranking_agreement"] == pytest.approx(1.0)


def test_compare_matrix_pairs_consensus_and_contested(corpus):
    profs = [profile(corpus[i], corpus.taxonomy) for i in ("alpha", "beta")]
    c = compare(profs, corpus.taxonomy)
    rows = {r["factor"]: {k: v["stance"] for k, v in r["cells"].items()} for r in c["matrix"]}
    assert rows == {"prices": {"alpha": "asserts", "beta": "asserts"},
                    "famine": {"alpha": "asserts", "beta": "asserts"},
                    "faction": {"alpha": "silent", "beta": "asserts"},
                    "leader": {"alpha": "rejects", "beta": "asserts"}}
    assert [r["factor"] for r in c["matrix"]] == ["prices", "famine", "faction", "leader"]  # taxonomy order
    assert {r["category"]: r["stances"] for r in c["categories"]} == {
        "economy": {"alpha": "asserts", "beta": "asserts"}, "politics": {"alpha": "rejects", "beta": "asserts"}}
    (pair,) = c["pairs"]
    assert pair["agreement"] == pytest.approx(1.5 / 8, abs=1e-4) and pair["conflicts"] == 4
    assert c["consensus_links"] == []
    assert {x.get("factor") for x in c["contested"]} >= {"leader", "prices"}


def test_consensus_links_count_authors(corpus, tmp_path):
    gamma = copy.deepcopy(THESIS)
    gamma["id"] = "gamma"
    write_yaml(tmp_path / "gamma.yaml", gamma)
    corpus = load_corpus([tmp_path])
    c = compare([profile(t, corpus.taxonomy) for t in corpus.theses.values()], corpus.taxonomy)
    assert [(l["from"], l["to"], l["authors"]) for l in c["consensus_links"]] == [
        ("famine", "the_end", ["alpha", "gamma"]), ("prices", "famine", ["alpha", "gamma"])]


def test_kendall_tau():
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3}) == pytest.approx(1.0)
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1}) == pytest.approx(-1.0)
    assert kendall_tau({"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 3, "c": 2, "d": 4}) == pytest.approx(2 / 3)
    assert kendall_tau({"a": 1}, {"a": 1}) is None
    assert kendall_tau({"a": 1, "b": 1}, {"a": 1, "b": 2}) is None  # no variance on one side


# --- properties on random theses ------------------------------------------------------------

FACTORS = [f["id"] for f in TAXONOMY["factors"] if f["id"] != "the_end"]
ROLES = ["root", "main", "direct", "trigger", "contributing", "background"]
RELATIONS = ["causes", "contributes_to", "enables", "aggravates", "undermines", "prevents"]


@st.composite
def theses(draw, thesis_id="t"):
    n = draw(st.integers(1, 6))
    claims = [{"id": f"c{i}", "text": "x", "factor": draw(st.sampled_from(FACTORS)),
               "role": draw(st.sampled_from(ROLES)), "evidence": ev()} for i in range(n)]
    ends = [c["id"] for c in claims] + ["the_end"]
    links, seen = [], set()
    for _ in range(draw(st.integers(0, 8))):
        s, t = draw(st.sampled_from(ends[:-1])), draw(st.sampled_from(ends))
        r = draw(st.sampled_from(RELATIONS))
        if s != t and (s, t, r) not in seen:
            seen.add((s, t, r))
            links.append({"from": s, "to": t, "relation": r, "inferred": True})
    asserted = {c["factor"] for c in claims}
    rejects = [{"id": f"r_{f}", "text": "y", "factor": f, "evidence": ev()}
               for f in draw(st.sets(st.sampled_from(FACTORS), max_size=2)) if f not in asserted]
    return {**copy.deepcopy(THESIS), "id": thesis_id, "claims": claims, "links": links, "rejects": rejects}


_TAXONOMY = build_taxonomy({"_loc": None, "_locs": {}, **{k: v for k, v in TAXONOMY.items()},
                            "categories": [{**c, "_loc": None, "_locs": {}} for c in TAXONOMY["categories"]],
                            "factors": [{**f, "_loc": None, "_locs": {}} for f in TAXONOMY["factors"]]},
                           "factors.yaml", Diagnostics())


def _profile(data):
    from argmap.format import THESIS as SPEC, check_record
    from argmap.loader import build_thesis
    from argmap.yamlread import read_yaml
    import yaml

    diags = Diagnostics()
    doc = read_yaml(yaml.safe_dump(data).encode(), "t.yaml", diags)
    return profile(build_thesis(check_record(doc, SPEC, doc.loc, diags), "t.yaml"), _TAXONOMY)


def _strip(d):
    return [{k: v for k, v in item.items() if k != "summary"} for item in d]


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"))
def test_diff_is_mirrored_when_swapped(a, b):
    pa, pb = _profile(a), _profile(b)
    ab, ba = diff(pa, pb, _TAXONOMY), diff(pb, pa, _TAXONOMY)
    swap = lambda items: [{**i, "a": i["b"], "b": i["a"]} for i in items]  # noqa: E731
    assert _strip(ab["shared"]) == _strip(swap(ba["shared"]))
    assert _strip(ab["only_a"]) == _strip(swap(ba["only_b"]))
    assert _strip(ab["conflicts"]) == _strip(swap(ba["conflicts"]))
    assert ab["agreement"] == ba["agreement"] and ab["ranking_agreement"] == ba["ranking_agreement"]


@settings(max_examples=150, deadline=None)
@given(theses("a"))
def test_identity(a):
    p = _profile(a)
    d = diff(p, p, _TAXONOMY)
    assert d["only_a"] == d["only_b"] == d["conflicts"] == [] and agreement(p, p) == 1.0


def _discussed(data):
    """From the raw thesis: the factors it asserts or rejects, and the factor links it draws."""
    factors = {c["factor"] for c in data["claims"]} | {r["factor"] for r in data["rejects"]}
    where = {c["id"]: c["factor"] for c in data["claims"]}
    where[data["explains"]] = data["explains"]
    return factors, {(where[l["from"]], where[l["to"]]) for l in data["links"]}


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"))
def test_silence_is_never_a_conflict(a, b):
    """Checked against the raw theses, not the profiles the diff is built from."""
    (fa, la), (fb, lb) = _discussed(a), _discussed(b)
    d = diff(_profile(a), _profile(b), _TAXONOMY)

    def drawn(links, item):  # in either direction: a reversed link is a conflict, not silence
        return (item["from"], item["to"]) in links or (item["to"], item["from"]) in links

    for c in d["conflicts"]:
        if c["kind"] == "factor":
            assert c["factor"] in fa and c["factor"] in fb, c
        else:
            assert drawn(la, c) and drawn(lb, c), c
    for item, mine, other in ([(i, (fa, la), (fb, lb)) for i in d["only_a"]]
                              + [(i, (fb, lb), (fa, la)) for i in d["only_b"]]):
        if item["kind"] == "factor":
            assert item["factor"] in mine[0] and item["factor"] not in other[0], item
        else:
            key = (item["from"], item["to"])
            assert key in mine[1] and key not in other[1], item
    for item in d["shared"]:
        assert (item["factor"] in fa and item["factor"] in fb if item["kind"] == "factor"
                else (item["from"], item["to"]) in la and (item["from"], item["to"]) in lb), item
    # Every factor either discusses is listed once as shared, only-one or conflict (a weight
    # conflict is also shared).
    listed = [i["factor"] for key in ("shared", "only_a", "only_b") for i in d[key] if i["kind"] == "factor"]
    listed += [c["factor"] for c in d["conflicts"] if c["kind"] == "factor" and c["type"] != "weight"]
    assert sorted(listed) == sorted(fa | fb)


@settings(max_examples=200, deadline=None)
@given(theses("a"), theses("b"))
def test_fast_pair_counts_match_the_full_diff(a, b):
    from argmap.compare import pair_conflicts, pair_counts
    pa, pb = _profile(a), _profile(b)
    d = diff(pa, pb, _TAXONOMY)
    counts = pair_counts(pa, pb)
    assert {k: counts[k] for k in ("shared", "only_a", "only_b", "conflicts")} == d["counts"]
    listed = sorted((c["kind"], c["factor"] if c["kind"] == "factor" else (c["from"], c["to"]), c["type"])
                    for c in d["conflicts"])
    assert pair_conflicts(pa, pb) == listed


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 3), min_size=2),
       st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 3), min_size=2))
def test_kendall_tau_matches_the_quadratic_definition(x, y):
    keys = sorted(x.keys() & y.keys())
    c = d = tx = ty = 0
    for i, ki in enumerate(keys):
        for kj in keys[i + 1:]:
            dx, dy = x[ki] - x[kj], y[ki] - y[kj]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                tx += 1
            elif dy == 0:
                ty += 1
            elif (dx > 0) == (dy > 0):
                c += 1
            else:
                d += 1
    denom = ((c + d + tx) * (c + d + ty)) ** 0.5
    expected = None if len(keys) < 2 or not denom else (c - d) / denom
    got = kendall_tau(x, y)
    assert (got is None and expected is None) or got == pytest.approx(expected)
