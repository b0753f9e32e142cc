"""Comparing authors: where two theses agree, differ and conflict, and the whole debate.

Authors are compared on the taxonomy: each thesis becomes a :class:`Profile`, its position
on every factor it discusses and the factor-to-factor links it draws. Then

* :func:`diff` says, for two authors, what both assert, what only one asserts, and where
  they conflict: one asserts what the other rejects, opposite relations on the same link,
  a link drawn in reverse, or a very different weight (a root cause against a minor one);
* :func:`compare` builds the factor x author matrix, pairwise and ranking agreement, the
  consensus links and the most contested factors for any number of authors.

Silence is never a conflict: a factor one author does not discuss is "only" the other's.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from .analysis import factor_scores
from .graphs import OUTCOME, factor_graph, thesis_graph
from .model import Corpus, Evidence, Taxonomy, Thesis

ASSERTS, REJECTS, SILENT = "asserts", "rejects", "silent"
WEIGHT_GAP = 2  # weights differ this much (3 vs 1: root or main vs contributing) => a conflict

# Conflict types, in the order they are listed.
REJECTED = "asserts_vs_rejects"
OPPOSITE = "opposite_relation"
REVERSED = "reversed_direction"
WEIGHT = "weight"


@dataclass
class Profile:
    """One thesis seen through the taxonomy: its positions and its factor links."""

    thesis: Thesis
    positions: dict = field(default_factory=dict)   # factor id -> factor-graph node data
    links: dict = field(default_factory=dict)       # (factor, factor) -> factor-graph edge data
    scores: dict = field(default_factory=dict)      # factor id -> importance 0..1


    def __post_init__(self):
        # Plain sets and dicts derived once, so that comparing all pairs is set algebra.
        stances = {f: node["stance"] for f, node in self.positions.items()}
        self.factor_sets = {
            ASSERTS: frozenset(f for f, s in stances.items() if s == ASSERTS),
            REJECTS: frozenset(f for f, s in stances.items() if s == REJECTS),
            "all": frozenset(stances),
        }
        self.weights = {f: node["weight"] for f, node in self.positions.items()}
        self.polarities = {k: edge["polarity"] for k, edge in self.links.items()}
        self.link_set = frozenset(self.links)
        self.reversed_links = frozenset((t, s) for s, t in self.links)

    @property
    def id(self) -> str:
        return self.thesis.id

    def stance(self, factor: str) -> str:
        node = self.positions.get(factor)
        return node["stance"] if node else SILENT


def profile(thesis: Thesis, taxonomy: Taxonomy) -> Profile:
    fgraph = factor_graph(thesis, taxonomy)
    positions = {f: data for f, data in fgraph.nodes(data=True) if data["stance"] != OUTCOME}
    links = {(s, t): data for s, t, data in fgraph.edges(data=True)}
    return Profile(thesis, positions, links, factor_scores(thesis_graph(thesis, taxonomy)))


# --- classifying the differences of two profiles ----------------------------------------

def _classify(a: Profile, b: Profile):
    """Yield ``(group, kind, key, conflict_type)`` for every factor and link either discusses.

    ``group`` is shared, only_a, only_b or conflict; a weight conflict is yielded twice,
    as shared (both assert the factor) and as a conflict. Keys are sorted for stable order.
    """
    for f in sorted(a.positions.keys() | b.positions.keys()):
        sa, sb = a.stance(f), b.stance(f)
        if sa == sb:
            yield "shared", "factor", f, None
            if sa == ASSERTS and abs(a.positions[f]["weight"] - b.positions[f]["weight"]) >= WEIGHT_GAP:
                yield "conflict", "factor", f, WEIGHT
        elif SILENT in (sa, sb):
            yield ("only_a" if sb == SILENT else "only_b"), "factor", f, None
        else:
            yield "conflict", "factor", f, REJECTED
    reversed_done = set()
    for key in sorted(a.links.keys() | b.links.keys()):
        la, lb = a.links.get(key), b.links.get(key)
        if la and lb:
            if la["polarity"] * lb["polarity"] < 0:
                yield "conflict", "link", key, OPPOSITE
            else:
                yield "shared", "link", key, None
            continue
        back = key[::-1]
        other = b.links.get(back) if la else a.links.get(back)
        mine_back = a.links.get(back) if la else b.links.get(back)
        if other is not None and mine_back is None:
            canonical = tuple(sorted(key))
            if canonical not in reversed_done:
                reversed_done.add(canonical)
                yield "conflict", "link", canonical, REVERSED
            continue
        yield ("only_a" if la else "only_b"), "link", key, None


def pair_conflicts(a: Profile, b: Profile) -> list[tuple]:
    """The conflicts of two authors as ``(kind, key, type)``, by set algebra (fast, for all pairs)."""
    fa, fb = a.factor_sets, b.factor_sets
    out = [("factor", f, REJECTED) for f in (fa[ASSERTS] & fb[REJECTS]) | (fa[REJECTS] & fb[ASSERTS])]
    wa, wb = a.weights, b.weights
    out += [("factor", f, WEIGHT) for f in fa[ASSERTS] & fb[ASSERTS] if abs(wa[f] - wb[f]) >= WEIGHT_GAP]
    pa, pb = a.polarities, b.polarities
    out += [("link", k, OPPOSITE) for k in pa.keys() & pb.keys() if pa[k] * pb[k] < 0]
    # A link only A draws whose reverse only B draws: candidates are the few in A & reversed(B).
    out += [("link", tuple(sorted(k)), REVERSED) for k in a.link_set & b.reversed_links
            if k not in pb and k not in a.reversed_links]
    return sorted(out)


def pair_counts(a: Profile, b: Profile, conflicts: list | None = None) -> dict:
    """How many items of each group :func:`diff` lists, by set algebra (fast, for all pairs).

    ``weight_conflicts`` counts the shared factors that are also listed as conflicts.
    """
    conflicts = pair_conflicts(a, b) if conflicts is None else conflicts
    fa, fb = a.factor_sets, b.factor_sets
    both_factors = len(fa["all"] & fb["all"])
    both_links = len(a.link_set & b.link_set)
    types = [c[2] for c in conflicts]
    reversed_, opposite = types.count(REVERSED), types.count(OPPOSITE)
    return {
        "shared": len(fa[ASSERTS] & fb[ASSERTS]) + len(fa[REJECTS] & fb[REJECTS]) + both_links - opposite,
        "only_a": len(fa["all"]) - both_factors + len(a.link_set) - both_links - reversed_,
        "only_b": len(fb["all"]) - both_factors + len(b.link_set) - both_links - reversed_,
        "conflicts": len(conflicts),
        "weight_conflicts": types.count(WEIGHT),
    }


def agreement(a: Profile, b: Profile, counts: dict | None = None) -> float:
    """Agreement of two authors, 0..1, symmetric; 1 for an author with themself.

    Over every factor and factor link either author discusses: 1 for each they agree on,
    0.5 for a factor both assert with very different weight, 0 for a conflict or for what
    only one discusses. Silence lowers agreement without counting as conflict.
    """
    c = counts or pair_counts(a, b)
    units = c["shared"] + c["only_a"] + c["only_b"] + c["conflicts"] - c["weight_conflicts"]
    return (c["shared"] - 0.5 * c["weight_conflicts"]) / units if units else 1.0


def kendall_tau(x: dict, y: dict) -> float | None:
    """Kendall's tau-b between two score maps over their shared keys (None under 2 keys or no variance).

    Knight's O(n log n) method, as in scipy.stats.kendalltau: sort by (x, y), count ties,
    and count discordant pairs as inversions of y.
    """
    keys = x.keys() & y.keys()
    n = len(keys)
    if n < 2:
        return None
    pairs = sorted((x[k], y[k]) for k in keys)
    total = n * (n - 1) // 2
    x_ties = _tied_pairs([p[0] for p in pairs])
    joint_ties = _tied_pairs(pairs)
    y_ties = _tied_pairs(sorted(p[1] for p in pairs))
    discordant = 0
    seen: list = []
    for i, (_, yv) in enumerate(pairs):
        discordant += i - bisect.bisect_right(seen, yv)
        bisect.insort(seen, yv)
    denominator = ((total - x_ties) * (total - y_ties)) ** 0.5
    if not denominator:
        return None
    return (total - x_ties - y_ties + joint_ties - 2 * discordant) / denominator


def _tied_pairs(values: list) -> int:
    """Pairs of equal values in a sorted list."""
    count, run = 0, 1
    for prev, cur in zip(values, values[1:]):
        if cur == prev:
            run += 1
        else:
            count += run * (run - 1) // 2
            run = 1
    return count + run * (run - 1) // 2


def ranking_agreement(a: Profile, b: Profile) -> float | None:
    """Kendall's tau-b of the two authors' importance scores on the factors both assert."""
    # Scores exist exactly for the factors an author asserts, so their shared keys are the point.
    return kendall_tau(a.scores, b.scores)


# --- the diff of two authors, with evidence ----------------------------------------------

def evidence_dict(e: Evidence) -> dict:
    out = {"quote": e.quote, "locator": {"line": e.locator.line}}
    if e.locator.page is not None:
        out["locator"]["page"] = e.locator.page
    if e.locator.chapter:
        out["locator"]["chapter"] = e.locator.chapter
    if e.cites:
        out["cites"] = e.cites
    return out


def _factor_side(p: Profile, f: str) -> dict:
    node = p.positions.get(f)
    if node is None:
        return {"stance": SILENT}
    return {
        "stance": node["stance"],
        "role": node["role"],
        "weight": node["weight"],
        "importance": round(p.scores.get(f, 0.0), 4),
        "claims": [{"id": c.id, "text": c.text, "role": c.role, "author_term": c.author_term,
                    "evidence": [evidence_dict(e) for e in c.evidence]} for c in node["claims"]],
        "rejections": [{"id": r.id, "text": r.text, "evidence": [evidence_dict(e) for e in r.evidence]}
                       for r in node["rejections"]],
    }


def _link_side(p: Profile, key: tuple) -> dict:
    edge = p.links.get(key)
    if edge is None:
        return {"stance": SILENT}
    return {
        "stance": ASSERTS,
        "from": key[0], "to": key[1],
        "relations": edge["relations"],
        "polarity": edge["polarity"],
        "inferred": edge["inferred"],
        "links": [{"from": l.source, "to": l.target, "relation": l.relation, "inferred": l.inferred,
                   "evidence": [evidence_dict(e) for e in l.evidence]} for l in edge["links"]],
    }


def _label(taxonomy: Taxonomy, f: str) -> str:
    factor = taxonomy.factors.get(f)
    return factor.label if factor else f


def _summary(ctype: str, item: dict, a: Profile, b: Profile) -> str:
    an, bn = a.thesis.author, b.thesis.author
    if item["kind"] == "factor":
        label = item["label"]
        if ctype == REJECTED:
            asserter, rejecter = (an, bn) if item["a"]["stance"] == ASSERTS else (bn, an)
            return f"{asserter} asserts {label}; {rejecter} rejects it."
        return (f"{label}: {an} weighs it {item['a']['role']}, "
                f"{bn} {item['b']['role']}.")
    span = f"{item['from_label']} and {item['to_label']}"
    if ctype == OPPOSITE:
        return (f"{an} says {item['from_label']} {'/'.join(item['a']['relations'])} "
                f"{item['to_label']}; {bn} says it {'/'.join(item['b']['relations'])} it.")
    return f"{an} and {bn} draw the link between {span} in opposite directions."


def diff(a: Profile, b: Profile, taxonomy: Taxonomy) -> dict:
    """The full comparison of two authors, as a JSON-ready dict.

    Keys: ``a`` and ``b`` (who), ``shared``, ``only_a``, ``only_b``, ``conflicts`` (lists
    of items, each with both sides' claims and evidence), ``agreement`` (0..1),
    ``ranking_agreement`` (Kendall's tau-b or null) and ``counts``. ``diff(b, a)`` is the
    mirror image of ``diff(a, b)``: sides and only-lists swap, nothing else changes.
    """
    out = {"a": _who(a), "b": _who(b), "shared": [], "only_a": [], "only_b": [], "conflicts": []}
    for group, kind, key, ctype in _classify(a, b):
        if kind == "factor":
            item = {"kind": "factor", "factor": key, "label": _label(taxonomy, key),
                    "category": getattr(taxonomy.factors.get(key), "category", None),
                    "a": _factor_side(a, key), "b": _factor_side(b, key)}
        else:
            item = {"kind": "link", "from": key[0], "to": key[1],
                    "from_label": _label(taxonomy, key[0]), "to_label": _label(taxonomy, key[1])}
            if ctype == REVERSED:
                item["a"] = _link_side(a, key) if key in a.links else _link_side(a, key[::-1])
                item["b"] = _link_side(b, key) if key in b.links else _link_side(b, key[::-1])
            else:
                item["a"], item["b"] = _link_side(a, key), _link_side(b, key)
        if ctype:
            item = {"type": ctype, **item}
            item["summary"] = _summary(ctype, item, a, b)
        out["conflicts" if group == "conflict" else group].append(item)
    out["agreement"] = round(agreement(a, b), 4)
    tau = ranking_agreement(a, b)
    out["ranking_agreement"] = None if tau is None else round(tau, 4)
    out["counts"] = {k: len(out[k]) for k in ("shared", "only_a", "only_b", "conflicts")}
    return out


def _who(p: Profile) -> dict:
    t = p.thesis
    return {"id": t.id, "author": t.author, "work": t.work, "year": t.year, "scope": t.scope}


def one_line(d: dict) -> str:
    """``+3 causes only in A, 2 only in B, 1 conflict`` style summary of a diff."""
    def n(count, word):
        return f"{count} {word}{'' if count == 1 else 's'}"
    a, b = d["a"]["id"], d["b"]["id"]
    return (f"{n(d['counts']['shared'], 'point')} in common, {d['counts']['only_a']} only in {a}, "
            f"{d['counts']['only_b']} only in {b}, {n(d['counts']['conflicts'], 'conflict')}; "
            f"agreement {d['agreement']:.0%}")


# --- the whole debate ------------------------------------------------------------------

def profiles(corpus: Corpus, ids=None) -> list[Profile]:
    theses = [corpus.theses[i] for i in ids] if ids else list(corpus.theses.values())
    return [profile(t, corpus.taxonomy) for t in theses]


def compare(profs: list[Profile], taxonomy: Taxonomy) -> dict:
    """The debate at a glance, as a JSON-ready dict.

    ``authors``; ``matrix`` (a row per factor any author discusses, in taxonomy order, with
    each author's stance, role and weight); ``categories`` (each author's stance per
    category: asserts, rejects or silent); ``pairs`` (agreement and ranking agreement of
    every pair); ``consensus_links`` (factor links drawn by two or more authors, most
    shared first); ``contested`` (factors and links that divide authors, most contested
    first).
    """
    ids = [p.id for p in profs]
    order = {f: i for i, f in enumerate(taxonomy.factors)}
    discussed = sorted({f for p in profs for f in p.positions}, key=lambda f: (order.get(f, len(order)), f))
    matrix = []
    for f in discussed:
        cells = {}
        for p in profs:
            node = p.positions.get(f)
            cells[p.id] = ({"stance": node["stance"], "role": node["role"], "weight": node["weight"]}
                           if node else {"stance": SILENT, "role": None, "weight": 0})
        matrix.append({"factor": f, "label": _label(taxonomy, f),
                       "category": getattr(taxonomy.factors.get(f), "category", None), "cells": cells})

    categories = []
    for cat in taxonomy.categories.values():
        members = [f for f, fac in taxonomy.factors.items() if fac.category == cat.id]
        if cat.id == OUTCOME:
            continue
        row = {}
        for p in profs:
            stances = {p.stance(f) for f in members}
            row[p.id] = ASSERTS if ASSERTS in stances else REJECTS if REJECTS in stances else SILENT
        categories.append({"category": cat.id, "label": cat.label, "stances": row})

    pairs = []
    conflict_count: dict[tuple, dict] = {}
    for a, b in itertools.combinations(profs, 2):
        conflicts = pair_conflicts(a, b)
        counts = pair_counts(a, b, conflicts)
        for kind, key, ctype in conflicts:
            entry = conflict_count.setdefault((kind, key), {"pairs": [], "types": set()})
            entry["pairs"].append([a.id, b.id])
            entry["types"].add(ctype)
        tau = ranking_agreement(a, b)
        pairs.append({"a": a.id, "b": b.id, "agreement": round(agreement(a, b, counts), 4),
                      "ranking_agreement": None if tau is None else round(tau, 4),
                      **{k: counts[k] for k in ("shared", "only_a", "only_b", "conflicts")}})

    by_link: dict[tuple, list[str]] = {}
    for p in profs:
        for key, edge in p.links.items():
            if edge["polarity"] > 0:
                by_link.setdefault(key, []).append(p.id)
    consensus = [{"from": k[0], "to": k[1], "from_label": _label(taxonomy, k[0]),
                  "to_label": _label(taxonomy, k[1]), "authors": v, "count": len(v)}
                 for k, v in by_link.items() if len(v) >= 2]
    consensus.sort(key=lambda c: (-c["count"], c["from"], c["to"]))

    contested = []
    for (kind, key), entry in conflict_count.items():
        item = {"kind": kind, "conflicting_pairs": len(entry["pairs"]), "types": sorted(entry["types"]),
                "pairs": entry["pairs"]}
        if kind == "factor":
            item.update(factor=key, label=_label(taxonomy, key),
                        asserts=[p.id for p in profs if p.stance(key) == ASSERTS],
                        rejects=[p.id for p in profs if p.stance(key) == REJECTS],
                        silent=[p.id for p in profs if p.stance(key) == SILENT])
        else:
            item.update({"from": key[0], "to": key[1], "from_label": _label(taxonomy, key[0]),
                         "to_label": _label(taxonomy, key[1])})
        contested.append(item)
    contested.sort(key=lambda c: (-c["conflicting_pairs"], c["kind"], c.get("factor") or (c["from"], c["to"])))

    return {"authors": [_who(p) for p in profs], "ids": ids, "matrix": matrix, "categories": categories,
            "pairs": pairs, "consensus_links": consensus, "contested": contested}
