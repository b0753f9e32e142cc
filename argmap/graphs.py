"""Theses as networkx graphs, and their projection onto the shared taxonomy.

:func:`thesis_graph` keeps everything the author says: claims and rejected views as nodes,
links as edges, roles and evidence as attributes. :func:`factor_graph` projects it onto the
taxonomy, so that claims of different authors about the same factor meet in one node; that
is the graph authors are compared on.

Drawing one thesis needs no graph algorithm, and importing networkx is most of the start-up
of a short command: :func:`plain_thesis_graph` builds the same nodes and edges, with the same
data, in a :class:`PlainGraph`, and networkx is imported only by the functions that need it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .format import ROLES
from .model import Taxonomy, Thesis

if TYPE_CHECKING:
    import networkx as nx

CLAIM, REJECTED, OUTCOME = "claim", "rejected", "outcome"  # node kinds (not category names)
ASSERTS, REJECTS, MIXED, SILENT = "asserts", "rejects", "mixed", "silent"  # stances (format.STANCES)


class _NodeView(dict):
    """Node id -> data, in insertion order; called like networkx's ``graph.nodes(data=...)``."""

    def __call__(self, data=False, default=None):
        if data is True:
            return list(self.items())
        if data is False:
            return list(self)
        return [(n, d.get(data, default)) for n, d in self.items()]


class _EdgeView:
    """The edges of a :class:`PlainGraph`: ``edges(data=...)`` and ``edges[source, target]``, as in networkx."""

    __slots__ = ("_succ",)

    def __init__(self, succ: dict):
        self._succ = succ

    def __call__(self, data=False, default=None):
        if data is True:
            return [(u, v, d) for u, succ in self._succ.items() for v, d in succ.items()]
        if data is False:
            return [(u, v) for u, succ in self._succ.items() for v in succ]
        return [(u, v, d.get(data, default)) for u, succ in self._succ.items() for v, d in succ.items()]

    def __getitem__(self, edge):
        source, target = edge
        return self._succ[source][target]

    def __contains__(self, edge) -> bool:
        source, target = edge
        return target in self._succ.get(source, ())

    def __iter__(self):
        return iter(self(data=False))

    def __len__(self) -> int:
        return sum(len(succ) for succ in self._succ.values())


class PlainGraph:
    """A directed graph's nodes and edges with their data, without networkx.

    It answers what drawing a thesis and profiling it ask of a ``networkx.DiGraph``:
    ``graph.graph``, ``graph.nodes(data=...)``, ``graph.nodes[n]``, ``graph.edges(data=...)``,
    ``graph.edges[u, v]``, ``has_edge``, ``successors``, ``n in graph``; and it is built with
    the same ``add_node``/``add_edge`` calls, which keep networkx's semantics (attributes of
    an existing node or edge are updated, the ends of an edge are added as bare nodes when
    missing). Edges are listed source by source in node order, as networkx lists them.
    """

    def __init__(self, **attr):
        self.graph = dict(attr)
        self.nodes = _NodeView()
        self._succ: dict = {}

    def add_node(self, node, **attr) -> None:
        if node not in self.nodes:
            self.nodes[node] = {}
            self._succ[node] = {}
        self.nodes[node].update(attr)

    def add_edge(self, source, target, **attr) -> None:
        for node in (source, target):
            if node not in self.nodes:
                self.add_node(node)
        self._succ[source].setdefault(target, {}).update(attr)

    @property
    def edges(self) -> _EdgeView:
        return _EdgeView(self._succ)

    def has_edge(self, source, target) -> bool:
        return target in self._succ.get(source, ())

    def successors(self, node):
        return iter(self._succ[node])

    def __contains__(self, node) -> bool:
        return node in self.nodes

    def __iter__(self):
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)


def thesis_graph(thesis: Thesis, taxonomy: Taxonomy) -> nx.DiGraph:
    """The author's argument as a directed graph.

    Nodes are claim ids (``kind="claim"``), rejected-view ids (``kind="rejected"``) and the
    outcome factor (``kind="outcome"``). Each carries ``factor``, ``category``, ``label``
    and, for claims, ``role``, ``weight``, ``text`` and ``evidence``. Edges are links, with
    ``relation``, ``polarity`` (+1 or -1), ``inferred`` and ``evidence``.
    """
    import networkx as nx

    return _fill_thesis_graph(nx.DiGraph, thesis, taxonomy)


def plain_thesis_graph(thesis: Thesis, taxonomy: Taxonomy) -> PlainGraph:
    """:func:`thesis_graph`'s nodes and edges with the same data, as a :class:`PlainGraph`.

    Enough to draw the thesis (:func:`render.diagrams.thesis_map`) without importing networkx.
    """
    return _fill_thesis_graph(PlainGraph, thesis, taxonomy)


def _fill_thesis_graph(graph_class, thesis: Thesis, taxonomy: Taxonomy):
    graph = graph_class(id=thesis.id, author=thesis.author, work=thesis.work, year=thesis.year,
                        outcome=thesis.explains)
    outcome = taxonomy.factors.get(thesis.explains)
    graph.add_node(thesis.explains, kind=OUTCOME, factor=thesis.explains,
                   category=outcome.category if outcome else None,
                   label=outcome.label if outcome else thesis.explains, evidence=[])
    for claim in thesis.claims:
        factor = taxonomy.factors.get(claim.factor)
        graph.add_node(claim.id, kind=CLAIM, factor=claim.factor, category=factor.category if factor else None,
                       label=factor.label if factor else claim.factor, text=claim.text, role=claim.role,
                       weight=ROLES[claim.role], author_term=claim.author_term, when=claim.when,
                       evidence=claim.evidence, claim=claim)
    for rejection in thesis.rejects:
        factor = taxonomy.factors.get(rejection.factor)
        graph.add_node(rejection.id, kind=REJECTED, factor=rejection.factor,
                       category=factor.category if factor else None,
                       label=factor.label if factor else rejection.factor, text=rejection.text,
                       scope=rejection.scope, evidence=rejection.evidence, rejection=rejection)
    for link in thesis.links:
        graph.add_edge(link.source, link.target, relation=link.relation, polarity=link.polarity,
                       inferred=link.inferred, evidence=link.evidence, link=link)
    return graph


def causal_part(graph: nx.DiGraph) -> nx.DiGraph:
    """The claims and the outcome only, without rejected views."""
    return graph.subgraph(n for n, kind in graph.nodes(data="kind") if kind != REJECTED)


def factor_graph(thesis: Thesis, taxonomy: Taxonomy) -> nx.DiGraph:
    """The thesis projected onto the taxonomy.

    A node per factor the thesis takes a position on, with ``stance`` (``asserts``,
    ``rejects``, or ``mixed`` when the author asserts claims on the factor and also rejects a
    view of it), the strongest ``role`` and ``weight`` among its claims, ``stated`` (the
    strongest weight is the author's own word, an ``author_term``, rather than our reading),
    ``scopes`` (what its rejected views reject) and the ``claims`` and ``rejections`` behind
    it. An edge per pair of factors joined by at least one link, with the ``links`` behind it,
    their ``relations``, a ``polarity`` (+1, -1, or 0 when the author's links disagree) and
    ``inferred`` (true only when every link behind it is). Links between two claims on the
    same factor stay inside the node. ``restrains`` marks a factor whose every claim is linked
    straight to the outcome only by links that weaken or prevent it: discussed, not a cause.
    """
    import networkx as nx

    return _fill_factor_graph(nx.DiGraph, thesis, taxonomy)


def plain_factor_graph(thesis: Thesis, taxonomy: Taxonomy) -> PlainGraph:
    """:func:`factor_graph`'s nodes and edges with the same data, as a :class:`PlainGraph` (for profiles)."""
    return _fill_factor_graph(PlainGraph, thesis, taxonomy)


def _fill_factor_graph(graph_class, thesis: Thesis, taxonomy: Taxonomy):
    graph = graph_class(id=thesis.id, author=thesis.author, outcome=thesis.explains)
    claims = {c.id: c for c in thesis.claims}

    def add(factor_id):
        if factor_id not in graph:
            factor = taxonomy.factors.get(factor_id)
            graph.add_node(factor_id, label=factor.label if factor else factor_id,
                           category=factor.category if factor else None, stance=None, role=None, weight=0,
                           stated=False, scopes=[], claims=[], rejections=[])
        return graph.nodes[factor_id]

    add(thesis.explains)["stance"] = OUTCOME
    for claim in thesis.claims:
        node = add(claim.factor)
        node["claims"].append(claim)
        weight = ROLES[claim.role]
        # The strongest claim sets the weight; among equally strong ones a stated weight wins.
        if (weight, claim.stated) > (node["weight"], node["stated"]):
            node["weight"], node["role"], node["stated"] = weight, claim.role, claim.stated
        if node["stance"] != OUTCOME:
            node["stance"] = ASSERTS
    for rejection in thesis.rejects:
        node = add(rejection.factor)
        node["rejections"].append(rejection)
        if rejection.scope not in node["scopes"]:
            node["scopes"].append(rejection.scope)
        if node["stance"] is None:
            node["stance"] = REJECTS
        elif node["stance"] == ASSERTS:
            node["stance"] = MIXED
    for link in thesis.links:
        if link.source not in claims:
            continue
        source = claims[link.source].factor
        target = claims[link.target].factor if link.target in claims else link.target
        if source == target:
            continue
        if not graph.has_edge(source, target):
            graph.add_edge(source, target, links=[], relations=[], polarity=link.polarity, inferred=True)
        edge = graph.edges[source, target]
        edge["links"].append(link)
        if link.relation not in edge["relations"]:
            edge["relations"].append(link.relation)
        if edge["polarity"] != link.polarity:
            edge["polarity"] = 0
        edge["inferred"] = edge["inferred"] and link.inferred
    # A factor the author says only held the outcome back: every claim on it is linked straight to
    # the outcome, and only by links that weaken or prevent it. The author discusses it but does not
    # make it a cause, so rejecting it as a cause contradicts nothing and weights are not compared.
    from_claim: dict = {}
    for link in thesis.links:
        from_claim.setdefault(link.source, []).append(link)
    for _, node in graph.nodes(data=True):
        node["restrains"] = bool(node["claims"]) and all(
            from_claim.get(c.id) and all(l.polarity < 0 and l.target == thesis.explains for l in from_claim[c.id])
            for c in node["claims"])
    return graph
