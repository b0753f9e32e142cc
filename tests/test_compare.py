"""The comparison engine on hand-built theses whose right answers are known in advance."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import (causal_paths, paths_to_outcome, proximate_causes, rank_causes, root_causes,
                             weak_spots)
from argmap.compare import (QUESTION_TYPES, agreement, compare, diff, kendall_tau, one_line, pair_conflicts,
                            pair_counts, profile)
from argmap.format import RELATIONS as RELATION_POLARITY, ROLES as ROLE_WEIGHTS
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
    assert g.nodes["low_prices"]["weight"] == 4 and g.nodes["low_prices"]["category"] == "economy"
    assert g.nodes["ambition"]["scope"] == "factor"
    assert g.edges["no_goods", "the_end"]["inferred"] is True


def test_factor_graph_projects_onto_the_taxonomy(corpus):
    g = factor_graph(corpus["beta"], corpus.taxonomy)
    assert g.nodes["leader"]["stance"] == "asserts" and g.nodes["famine"]["role"] == "main"
    assert g.nodes["famine"]["stated"] is False  # no author_term: the weight is our reading
    assert g.edges["famine", "the_end"]["polarity"] == -1
    assert g.edges["faction", "leader"]["inferred"] is True
    alpha = factor_graph(corpus["alpha"], corpus.taxonomy)
    assert alpha.nodes["leader"]["stance"] == "rejects" and alpha.nodes["leader"]["scopes"] == ["factor"]


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


def _keys(items):
    return [(i["kind"], i.get("factor") or (i["from"], i["to"])) for i in items]


def test_diff_of_two_authors_by_default_leaves_inferred_links_out(corpus):
    d = diff(profile(corpus["alpha"], corpus.taxonomy), profile(corpus["beta"], corpus.taxonomy), corpus.taxonomy)
    assert _keys(d.shared) == [("factor", "famine"), ("factor", "prices")]
    assert [i["agreement"] for i in d.shared] == ["both_assert", "both_assert"]
    assert d.only_a == []
    # alpha's famine -> end is inferred, beta's faction -> leader too: both left out
    assert _keys(d.only_b) == [("factor", "faction"), ("link", ("famine", "the_end")), ("link", ("leader", "the_end"))]
    conflicts = {(c["type"], c.get("factor") or (c["from"], c["to"])) for c in d.conflicts}
    assert conflicts == {("contradicts", "leader")}
    # alpha draws prices -> famine, beta famine -> prices: shown, never a conflict
    assert [(r["from"], r["to"]) for r in d.reversed_links] == [("famine", "prices")]
    # prices: root against contributing, but neither weight is the author's word
    assert [(r["factor"], r["a"]["role"], r["b"]["role"]) for r in d.readings_differ] == [
        ("prices", "root", "contributing")]
    leader = next(c for c in d.conflicts if c.get("factor") == "leader")
    assert leader["a"]["stance"] == "rejects" and leader["a"]["rejections"][0]["evidence"][0]["quote"]
    assert leader["a"]["rejections"][0]["scope"] == "factor"
    assert leader["b"]["claims"][0]["id"] == "b_leader"
    assert leader["summary"] == "A. Author rejects leader outright; B. Writer asserts it."
    assert d.agreement == pytest.approx(2 / 7, abs=1e-4)
    assert one_line(d) == "2 points in common, 0 only in A. Author, 3 only in B. Writer, 1 conflict; agreement 29%"


def test_include_inferred_brings_inferred_links_in_labelled(corpus):
    pa, pb = profile(corpus["alpha"], corpus.taxonomy), profile(corpus["beta"], corpus.taxonomy)
    d = diff(pa, pb, corpus.taxonomy, include_inferred=True)
    effect = next(c for c in d.conflicts if c["type"] == "opposite_effect")
    assert (effect["from"], effect["to"], effect["inferred"]) == ("famine", "the_end", True)
    assert effect["a"]["inferred"] is True and effect["b"]["inferred"] is False
    assert "(inferred by us)" in effect["summary"]
    faction = next(i for i in d.only_b if i["kind"] == "link" and i["from"] == "faction")
    assert faction["inferred"] is True
    assert all(not c.get("inferred") for c in diff(pa, pb, corpus.taxonomy).conflicts)


def test_diff_with_itself_is_all_shared(corpus):
    p = profile(corpus["beta"], corpus.taxonomy)
    d = diff(p, p, corpus.taxonomy)
    assert d.only_a == d.only_b == d.conflicts == d.readings_differ == [] and d.agreement == 1.0
    assert len(d.shared) == 4 + 3 and d.ranking_agreement == pytest.approx(1.0)  # 4 factors, 3 stated links
    assert len(diff(p, p, corpus.taxonomy, include_inferred=True).shared) == 4 + 4


def test_compare_matrix_pairs_consensus_and_contested(corpus):
    profs = [profile(corpus[i], corpus.taxonomy) for i in ("alpha", "beta")]
    c = compare(profs, corpus.taxonomy)
    rows = {r["factor"]: {k: v["stance"] for k, v in r["cells"].items()} for r in c.matrix}
    assert rows == {"prices": {"alpha": "asserts", "beta": "asserts"},
                    "famine": {"alpha": "asserts", "beta": "asserts"},
                    "faction": {"alpha": "silent", "beta": "asserts"},
                    "leader": {"alpha": "rejects", "beta": "asserts"}}
    assert [r["factor"] for r in c.matrix] == ["prices", "famine", "faction", "leader"]  # taxonomy order
    # the category holding only the outcome ("result") is not a causal family
    assert {r["category"]: r["stances"] for r in c.categories} == {
        "economy": {"alpha": "asserts", "beta": "asserts"}, "politics": {"alpha": "rejects", "beta": "asserts"}}
    (pair,) = c.pairs
    assert pair["agreement"] == pytest.approx(2 / 7, abs=1e-4) and pair["conflicts"] == 1
    assert c.consensus_links == []
    assert {x.get("factor") for x in c.contested} == {"leader"}  # a reversed link is not contested


def test_consensus_links_count_authors_and_leave_inferred_out(corpus, tmp_path):
    gamma = copy.deepcopy(THESIS)
    gamma["id"] = "gamma"
    write_yaml(tmp_path / "gamma.yaml", gamma)
    corpus = load_corpus([tmp_path])
    profs = [profile(t, corpus.taxonomy) for t in corpus.theses.values()]
    c = compare(profs, corpus.taxonomy)
    assert [(l["from"], l["to"], l["authors"]) for l in c.consensus_links] == [("prices", "famine", ["alpha", "gamma"])]
    c = compare(profs, corpus.taxonomy, include_inferred=True)
    assert [(l["from"], l["to"], l["authors"], l["inferred_by"]) for l in c.consensus_links] == [
        ("famine", "the_end", ["alpha", "gamma"], ["alpha", "gamma"]), ("prices", "famine", ["alpha", "gamma"], [])]


def test_kendall_tau():
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 2, "c": 3}) == pytest.approx(1.0)
    assert kendall_tau({"a": 1, "b": 2, "c": 3}, {"a": 3, "b": 2, "c": 1}) == pytest.approx(-1.0)
    assert kendall_tau({"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 1, "b": 3, "c": 2, "d": 4}) == pytest.approx(2 / 3)
    assert kendall_tau({"a": 1}, {"a": 1}) is None
    assert kendall_tau({"a": 1, "b": 1}, {"a": 1, "b": 2}) is None  # no variance on one side


# --- properties on random theses ------------------------------------------------------------

FACTORS = [f["id"] for f in TAXONOMY["factors"] if f["id"] != "the_end"]
ROLES = list(ROLE_WEIGHTS)
RELATIONS = list(RELATION_POLARITY)
QUESTIONS = [{"id": "q1", "question": "One?"},
             {"id": "q2", "question": "Two?", "answers": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"},
                                                          {"id": "z", "label": "Z"}]}]


@st.composite
def theses(draw, thesis_id="t"):
    n = draw(st.integers(1, 6))
    claims = []
    for i in range(n):
        claim = {"id": f"c{i}", "text": "x", "factor": draw(st.sampled_from(FACTORS)),
                 "role": draw(st.sampled_from(ROLES)), "evidence": ev()}
        if draw(st.booleans()):
            claim["author_term"] = "the author's word"
        claims.append(claim)
    ends = [c["id"] for c in claims] + ["the_end"]
    links, seen = [], set()
    for _ in range(draw(st.integers(0, 8))):
        s, t = draw(st.sampled_from(ends[:-1])), draw(st.sampled_from(ends))
        r = draw(st.sampled_from(RELATIONS))
        if s != t and (s, t, r) not in seen:
            seen.add((s, t, r))
            inferred = draw(st.booleans())
            links.append({"from": s, "to": t, "relation": r, "inferred": inferred,
                          **({} if inferred else {"evidence": ev()})})
    rejects = []
    for i, f in enumerate(draw(st.lists(st.sampled_from(FACTORS), max_size=3))):
        own = [c["role"] for c in claims if c["factor"] == f]
        # A thesis never rejects outright what it asserts, nor as the main cause what it makes one.
        allowed = ["reading"] + ([] if own else ["factor"]) + ([] if {"root", "main"} & set(own) else ["sole_cause"])
        rejects.append({"id": f"r{i}", "text": "y", "factor": f, "scope": draw(st.sampled_from(allowed)),
                        "evidence": ev()})
    positions = []
    if draw(st.booleans()):
        positions.append({"question": "q1", "answer": draw(st.sampled_from(["yes", "no"])), "basis": "inferred",
                          "gloss": "g"})
    if draw(st.booleans()):
        positions.append({"question": "q2", "answer": draw(st.sampled_from(["x", "y", "z"])), "basis": "stated",
                          "gloss": "g", "evidence": ev()})
    return {**copy.deepcopy(THESIS), "id": thesis_id, "claims": claims, "links": links, "rejects": rejects,
            "positions": positions}


def _clean(data):
    if isinstance(data, dict):
        return {**{k: _clean(v) for k, v in data.items()}, "_loc": None, "_locs": {}}
    if isinstance(data, list):
        return [_clean(x) for x in data]
    return data


_TAXONOMY = build_taxonomy(_clean({**TAXONOMY, "questions": QUESTIONS}), "factors.yaml", Diagnostics())


def _profile(data):
    from argmap.checks import check_thesis
    from argmap.format import THESIS as SPEC, check_record
    from argmap.loader import build_thesis
    from argmap.yamlread import read_yaml
    import yaml

    diags = Diagnostics()
    doc = read_yaml(yaml.safe_dump(data).encode(), "t.yaml", diags)
    thesis = build_thesis(check_record(doc, SPEC, doc.loc, diags), "t.yaml")
    check_thesis(thesis, _TAXONOMY, diags)
    assert diags.errors == [], diags.errors  # the generator makes valid theses only
    return profile(thesis, _TAXONOMY)


def _strip(items):
    return [{k: v for k, v in item.items() if k not in ("summary",)} for item in items]


def _swap(items):
    out = []
    for i in items:
        item = {**i, "a": i["b"], "b": i["a"]}
        if item.get("type") in ("only_a", "only_b"):
            item["type"] = "only_b" if i["type"] == "only_a" else "only_a"
            item["type_label"] = QUESTION_TYPES[item["type"]]
        out.append(item)
    return out


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"), st.booleans())
def test_diff_is_mirrored_when_swapped(a, b, include_inferred):
    pa, pb = _profile(a), _profile(b)
    ab, ba = diff(pa, pb, _TAXONOMY, include_inferred), diff(pb, pa, _TAXONOMY, include_inferred)
    assert _strip(ab.shared) == _strip(_swap(ba.shared))
    assert _strip(ab.only_a) == _strip(_swap(ba.only_b))
    assert _strip(ab.conflicts) == _strip(_swap(ba.conflicts))
    assert _strip(ab.questions) == _strip(_swap(ba.questions))
    assert _strip(ab.readings_differ) == _strip(_swap(ba.readings_differ))
    assert ab.agreement == ba.agreement and ab.ranking_agreement == ba.ranking_agreement
    assert ab.counts["conflict_types"] == ba.counts["conflict_types"]


@settings(max_examples=150, deadline=None)
@given(theses("a"), st.booleans())
def test_a_thesis_against_itself_has_no_conflicts(a, include_inferred):
    p = _profile(a)
    d = diff(p, p, _TAXONOMY, include_inferred)
    assert d.only_a == d.only_b == d.conflicts == d.readings_differ == []
    assert d.agreement == 1.0 and agreement(p, p, _TAXONOMY) == 1.0
    assert all(q["type"] == "same_answer" for q in d.questions)


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"), st.booleans())
def test_silence_is_never_a_conflict(a, b, include_inferred):
    pa, pb = _profile(a), _profile(b)
    d = diff(pa, pb, _TAXONOMY, include_inferred)
    for c in d.conflicts:
        assert c["a"]["stance"] != "silent" and c["b"]["stance"] != "silent"
    for item in d.only_a:
        assert item["b"]["stance"] == "silent"
    for item in d.only_b:
        assert item["a"]["stance"] == "silent"
    for q in d.questions:
        if "silent" in (q["a"]["stance"], q["b"]["stance"]):
            assert q["type"] in ("only_a", "only_b")


def _discussed(data):
    """From the raw thesis: the factors it asserts or rejects, and the factor links it draws."""
    factors = {c["factor"] for c in data["claims"]} | {r["factor"] for r in data["rejects"]}
    where = {c["id"]: c["factor"] for c in data["claims"]}
    where[data["explains"]] = data["explains"]
    return factors, {(where[l["from"]], where[l["to"]]) for l in data["links"]}


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"))
def test_silence_checked_against_the_raw_theses(a, b):
    """Checked against the raw theses, not the profiles the diff is built from."""
    (fa, la), (fb, lb) = _discussed(a), _discussed(b)
    d = diff(_profile(a), _profile(b), _TAXONOMY, include_inferred=True).as_dict()

    def drawn(links, item):  # in either direction: a reversed link is a conflict, not silence
        return (item["from"], item["to"]) in links or (item["to"], item["from"]) in links

    for c in d["conflicts"]:
        if c["kind"] == "factor":
            assert c["factor"] in fa and c["factor"] in fb, c
        elif c["kind"] == "link":
            assert drawn(la, c) and drawn(lb, c), c
        else:  # a question both answer: both positions are in the raw theses
            assert c["question"] in {p["question"] for p in a.get("positions", [])} & \
                {p["question"] for p in b.get("positions", [])}, c
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
    listed += [c["factor"] for c in d["conflicts"] if c["kind"] == "factor" and c["type"] != "weighs_differently"]
    assert sorted(listed) == sorted(fa | fb)


@settings(max_examples=150, deadline=None)
@given(theses("a"), theses("b"))
def test_a_sole_cause_rejection_never_conflicts_with_a_contributing_assertion(a, b):
    pa, pb = _profile(a), _profile(b)
    d = diff(pa, pb, _TAXONOMY, include_inferred=True)
    for c in d.conflicts:
        if c["type"] != "contradicts":
            continue
        for rejecter, asserter in (("a", "b"), ("b", "a")):
            scopes = {r["scope"] for r in c[rejecter].get("rejections", [])}
            other = {r["scope"] for r in c[asserter].get("rejections", [])}
            if scopes == {"sole_cause"} and "factor" not in other:  # the conflict can only be this rejection
                assert c[asserter]["role"] in ("root", "main")
    # and directly: where neither author rejects a factor outright and neither makes it a root or
    # main cause, a rejection as the sole cause conflicts with nothing
    contradicted = {c["factor"] for c in d.conflicts if c["type"] == "contradicts"}
    for f in pa.positions.keys() & pb.positions.keys():
        outright = "factor" in pa.scopes(f) + pb.scopes(f)
        main = any(p.asserts(f) and p.positions[f]["role"] in ("root", "main") for p in (pa, pb))
        if not outright and not main:
            assert f not in contradicted


@settings(max_examples=100, deadline=None)
@given(theses("a"), theses("b"))
def test_mixed_stances_survive_the_round_trip_to_json(a, b):
    import json
    pa, pb = _profile(a), _profile(b)
    back = json.loads(json.dumps(diff(pa, pb, _TAXONOMY).as_dict()))
    for side, p in (("a", pa), ("b", pb)):
        mixed = {f for f in p.positions if p.stance(f) == "mixed"}
        seen = {i["factor"] for group in ("shared", "only_a", "only_b", "conflicts", "readings_differ")
                for i in back[group] if i["kind"] == "factor" and i[side]["stance"] == "mixed"}
        assert seen == mixed
    c = json.loads(json.dumps(compare([pa, pb], _TAXONOMY).as_dict()))
    for p in (pa, pb):
        assert {r["factor"] for r in c["matrix"] if r["cells"][p.id]["stance"] == "mixed"} == \
            {f for f in p.positions if p.stance(f) == "mixed"}


@settings(max_examples=200, deadline=None)
@given(theses("a"), theses("b"), st.booleans())
def test_pair_counts_match_the_full_diff(a, b, include_inferred):
    pa, pb = _profile(a), _profile(b)
    d = diff(pa, pb, _TAXONOMY, include_inferred)
    counts = pair_counts(pa, pb, _TAXONOMY, include_inferred)
    questions = {t: sum(1 for q in d.questions if q["type"] == t) for t in QUESTION_TYPES}
    assert counts["shared"] == len(d.shared) + questions["same_answer"]
    assert counts["only_a"] == len(d.only_a) + questions["only_a"]
    assert counts["only_b"] == len(d.only_b) + questions["only_b"]
    assert counts["conflicts"] == len(d.conflicts) and counts == d.counts
    listed = [(c["kind"], c.get("factor") or c.get("question") or (c["from"], c["to"]), c["type"])
              for c in d.conflicts]
    assert pair_conflicts(pa, pb, _TAXONOMY, include_inferred) == listed


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


def test_study_computes_each_result_once_and_keeps_it(corpus):
    from argmap.study import Study

    study = Study(corpus, include_inferred=True)
    d = study.diff("alpha", "beta")
    assert d is study.diff("alpha", "beta") and d.include_inferred is True
    assert study.diff("beta", "alpha").a["id"] == "beta"  # a pair in each order is its own result
    assert study.comparison() is study.comparison()
    assert [p.id for p in study.profiles] == list(corpus.theses)
    assert study.brief("alpha", "beta") is study.brief("alpha", "beta")
    with pytest.raises(KeyError):
        Study(corpus, ["nobody"])


def _one_claim(thesis_id, relation, role="contributing"):
    return {**copy.deepcopy(THESIS), "id": thesis_id, "rejects": [], "positions": [],
            "claims": [{"id": "c_leader", "text": "The leader.", "factor": "leader", "role": role, "evidence": ev()}],
            "links": [{"from": "c_leader", "to": "the_end", "relation": relation, "evidence": ev()}]}


def test_a_factor_that_only_held_the_outcome_back_is_not_asserted_as_a_cause():
    """'The alliances restrained them' neither contradicts 'the alliances did not cause it' nor
    shares 'both assert' with 'the alliances caused it'; against the latter it is an opposite effect."""
    restrains = _profile(_one_claim("x", "prevents"))
    rejects = _profile({**copy.deepcopy(THESIS), "id": "y"})  # THESIS rejects `leader` outright
    causes = _profile(_one_claim("z", "causes", role="main"))
    assert restrains.positions["leader"]["restrains"] and not causes.positions["leader"]["restrains"]
    assert restrains.asserts("leader") and not restrains.causes("leader")
    xy = diff(restrains, rejects, _TAXONOMY)
    assert not [c for c in xy.conflicts if c.get("factor") == "leader"]
    assert [s["agreement"] for s in xy.shared if s.get("factor") == "leader"] == ["both_discuss"]
    zy = diff(causes, rejects, _TAXONOMY)
    assert [c["type"] for c in zy.conflicts if c.get("factor") == "leader"] == ["contradicts"]
    xz = diff(restrains, causes, _TAXONOMY)
    assert [c["type"] for c in xz.conflicts] == ["opposite_effect"]
    assert [s["agreement"] for s in xz.shared if s.get("factor") == "leader"] == ["both_discuss"]
    for pa, pb in ((restrains, rejects), (restrains, causes), (causes, rejects)):
        from test_speed import _check_pair
        _check_pair(pa, pb, _TAXONOMY, False)  # the vector path agrees
