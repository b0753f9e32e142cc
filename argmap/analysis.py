"""What one thesis says caused the outcome: root and proximate causes, paths, ranking, weak spots.

Plain functions over the graph from :func:`argmap.graphs.thesis_graph`, in the manner of
networkx's algorithms. Ranking (paths, reach, scores) needs only nodes, edges and successors,
so it also runs on a :class:`~argmap.graphs.PlainGraph` without importing networkx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .graphs import CLAIM, REJECTED, causal_part
from .model import ROLES

if TYPE_CHECKING:
    import networkx as nx

MAX_PATHS = 10_000  # bound on path enumeration in a cyclic argument
_TOP_WEIGHT = max(ROLES.values())


def _claims(graph: nx.DiGraph) -> list[str]:
    return [n for n, kind in graph.nodes(data="kind") if kind == CLAIM]


def proximate_causes(graph: nx.DiGraph) -> list[str]:
    """Claims the author links straight to the outcome."""
    outcome = graph.graph["outcome"]
    return sorted(n for n in graph.predecessors(outcome) if graph.nodes[n].get("kind") == CLAIM)


def root_causes(graph: nx.DiGraph) -> list[str]:
    """Claims from which the outcome can be reached and which nothing else in the argument causes."""
    import networkx as nx

    causal = causal_part(graph)
    outcome = graph.graph["outcome"]
    reaching = nx.ancestors(causal, outcome)
    return sorted(n for n in reaching if not any(p in reaching for p in causal.predecessors(n)))


def causal_paths(graph: nx.DiGraph, limit: int = MAX_PATHS) -> list[list[str]]:
    """Every simple causal path from a root cause to the outcome (at most ``limit``), sorted."""
    import networkx as nx

    causal = causal_part(graph)
    outcome = graph.graph["outcome"]
    paths = []
    for root in root_causes(graph):
        for path in nx.all_simple_paths(causal, root, outcome):
            paths.append(path)
            if len(paths) >= limit:
                return sorted(paths)
    return sorted(paths)


def _condensed(graph) -> tuple[list, dict, list]:
    """The strongly connected parts of the causal part (claims and outcome), successors first.

    ``(parts, part_of, successors)``: each part's nodes, each node's part, and each part's
    successor parts (a set, without itself). Tarjan's algorithm, iterative, emits a part
    only after every part it leads to, so a pass over ``parts`` in order is a pass in
    reverse topological order of the condensation. Works on a networkx graph and on a
    :class:`~argmap.graphs.PlainGraph` alike.
    """
    nodes = [n for n, kind in graph.nodes(data="kind") if kind != REJECTED]
    keep = set(nodes)
    adjacent = {n: [s for s in graph.successors(n) if s in keep] for n in nodes}
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    parts: list[list] = []
    part_of: dict = {}
    for start in nodes:
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work = [(start, iter(adjacent[start]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(adjacent[child])))
                    break
                if child in on_stack and index[child] < low[node]:
                    low[node] = index[child]
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == index[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part_of[member] = len(parts)
                        members.append(member)
                        if member == node:
                            break
                    parts.append(members)
    successors: list[set] = [set() for _ in parts]
    for n in nodes:
        p = part_of[n]
        for s in adjacent[n]:
            if part_of[s] != p:
                successors[p].add(part_of[s])
    return parts, part_of, successors


def _path_counts(graph, parts, part_of, successors) -> dict[str, int]:
    target = part_of[graph.graph["outcome"]]
    count = [0] * len(parts)
    for p in range(len(parts)):  # successors first
        count[p] = 1 if p == target else sum(count[q] for q in successors[p])
    return {n: count[part_of[n]] for n in _claims(graph)}


def _reach(graph, parts, part_of, successors) -> dict[str, int]:
    claims = _claims(graph)
    bit = {n: 1 << i for i, n in enumerate(claims)}
    reached = [0] * len(parts)
    for p, members in enumerate(parts):  # successors first
        bits = 0
        for n in members:
            bits |= bit.get(n, 0)
        for q in successors[p]:
            bits |= reached[q]
        reached[p] = bits
    # A claim never counts itself, even on a cycle (as networkx's descendants never do).
    return {n: reached[part_of[n]].bit_count() - 1 for n in claims}


def paths_to_outcome(graph: nx.DiGraph) -> dict[str, int]:
    """For each claim, how many distinct causal paths lead from it to the outcome.

    Counted by dynamic programming over the condensation, so cycles cannot blow it up: a
    cycle counts as one step.
    """
    return _path_counts(graph, *_condensed(graph))


def claim_reach(graph: nx.DiGraph) -> dict[str, int]:
    """For each claim, how many other claims it leads to, directly or not.

    Near-linear: the claims each strongly connected part of the argument leads to are a set
    of bits (a Python integer), the union of its successors' sets, built once in reverse
    topological order of the condensation; a claim's reach is that set's size less itself.
    (Counting the descendants of every claim apart was quadratic: a 4,000-claim chain took
    a minute.)
    """
    return _reach(graph, *_condensed(graph))


@dataclass(frozen=True)
class RankedCause:
    claim: str
    factor: str
    role: str
    weight: int
    reach: int           # how many other claims it leads to, directly or not
    paths: int           # how many causal paths lead from it to the outcome
    score: float         # 0..1: half the author's weighting, half structural importance

    def as_dict(self) -> dict:
        return {"claim": self.claim, "factor": self.factor, "role": self.role, "weight": self.weight,
                "reach": self.reach, "paths": self.paths, "score": round(self.score, 4)}


def rank_causes(graph: nx.DiGraph) -> list[RankedCause]:
    """Claims ranked by importance in the author's account, most important first.

    The score is the mean of the author's own weighting (role weight over the top weight)
    and structural importance (the mean of reach and paths to the outcome, each over the
    thesis's maximum). Claims that do not lead to the outcome score on weighting alone.
    """
    claims = _claims(graph)
    condensed = _condensed(graph)
    paths = _path_counts(graph, *condensed)
    reach = _reach(graph, *condensed)
    max_reach = max(reach.values(), default=0) or 1
    max_paths = max(paths.values(), default=0) or 1
    ranked = []
    for n in claims:
        data = graph.nodes[n]
        structural = (reach[n] / max_reach + paths[n] / max_paths) / 2
        score = (data["weight"] / _TOP_WEIGHT + structural) / 2
        ranked.append(RankedCause(n, data["factor"], data["role"], data["weight"], reach[n], paths[n], score))
    return sorted(ranked, key=lambda r: (-r.score, r.claim))


def factor_scores(graph: nx.DiGraph) -> dict[str, float]:
    """Each factor's importance in the thesis: the score of its strongest claim."""
    scores: dict[str, float] = {}
    for r in rank_causes(graph):
        scores.setdefault(r.factor, r.score)
    return scores


@dataclass(frozen=True)
class WeakSpot:
    kind: str            # unsourced-claim | inferred-link | single-quote-link
    subject: str         # a claim id, or "source -> target" for a link
    detail: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "detail": self.detail}


def weak_spots(graph: nx.DiGraph) -> list[WeakSpot]:
    """Where the thesis rests on least: unsourced claims, inferred links, links on one quote."""
    spots = []
    for n in _claims(graph):
        if not graph.nodes[n]["evidence"]:
            spots.append(WeakSpot("unsourced-claim", n, graph.nodes[n]["text"]))
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        subject = f"{source} -> {target}"
        if data["inferred"]:
            spots.append(WeakSpot("inferred-link", subject, f"{data['relation']}, read between the lines"))
        elif len(data["evidence"]) == 1:
            spots.append(WeakSpot("single-quote-link", subject, f"{data['relation']}, on one quote"))
    return spots
