"""Checks on the model that go beyond one field: references, ids, cycles and dates.

Errors make data unusable (a link to a claim that does not exist); warnings flag what a
careful reader should look at (an unsourced claim, a cause dated after its effect) and fail
validation only under ``--strict``. Pure Python on purpose: ``argmap validate`` must start
fast, so it does not import networkx.
"""

from __future__ import annotations

import re

from .diagnostics import Diagnostics, did_you_mean
from .format import MAIN_ROLES, ROLE_LABELS
from .model import Taxonomy, Thesis

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


def period_years(text) -> tuple[int, int] | None:
    """The first and last year named in a period such as ``1925-1927``, or None."""
    years = [int(y) for y in _YEAR.findall(str(text or ""))]
    return (min(years), max(years)) if years else None


def check_taxonomy(taxonomy: Taxonomy, diags: Diagnostics) -> None:
    for factor in taxonomy.factors.values():
        if factor.category not in taxonomy.categories:
            diags.error(factor.locs.get("category", factor.loc), "unknown-category",
                        f"factor `{factor.id}` names an unknown category `{factor.category}`",
                        did_you_mean(factor.category, taxonomy.categories)
                        or "define the category under `categories:`")
    if taxonomy.outcome and taxonomy.factors and taxonomy.outcome not in taxonomy.factors:
        diags.error(taxonomy.locs.get("outcome", taxonomy.loc), "unknown-factor",
                    f"the outcome `{taxonomy.outcome}` is not a factor of the taxonomy",
                    did_you_mean(taxonomy.outcome, taxonomy.factors) or "name the factor the theses explain")
    for question in taxonomy.questions.values():
        for factor_id, loc in question.locs.get("factor_items", []):
            if taxonomy.factors and factor_id not in taxonomy.factors:
                diags.error(loc, "unknown-factor", f"question `{question.id}` names an unknown factor `{factor_id}`",
                            did_you_mean(factor_id, taxonomy.factors) or "name a factor of the taxonomy")


def _unknown_factor(where, factor_id: str, taxonomy: Taxonomy, diags: Diagnostics) -> None:
    if taxonomy.factors and factor_id not in taxonomy.factors:
        diags.error(where, "unknown-factor", f"unknown factor `{factor_id}`",
                    did_you_mean(factor_id, taxonomy.factors) or f"add it to the taxonomy ({taxonomy.path})")


def check_thesis(thesis: Thesis, taxonomy: Taxonomy, diags: Diagnostics) -> None:
    """Every reference resolves, ids are unique, and the warnings a reviewer wants."""
    if thesis.explains:
        where = thesis.locs.get("explains", thesis.loc)
        _unknown_factor(where, thesis.explains, taxonomy, diags)
        if taxonomy.outcome and thesis.explains != taxonomy.outcome and (
                not taxonomy.factors or thesis.explains in taxonomy.factors):
            diags.error(where, "not-the-outcome",
                        f"`explains: {thesis.explains}` is not the outcome the taxonomy declares",
                        f"theses of this corpus explain `{taxonomy.outcome}` (`outcome:` in {taxonomy.path})")
    _check_positions(thesis, taxonomy, diags)

    nodes: dict[str, object] = {}
    for item in [*thesis.claims, *thesis.rejects]:
        if item.id in nodes:
            diags.error(item.locs.get("id", item.loc), "duplicate-id",
                        f"id `{item.id}` is used twice in this thesis (first at line {nodes[item.id].loc.line})",
                        "claims and rejected views share one set of ids: rename one")
            continue
        nodes[item.id] = item
        _unknown_factor(item.locs.get("factor", item.loc), item.factor, taxonomy, diags)
    if thesis.explains in nodes:
        diags.error(nodes[thesis.explains].locs.get("id", thesis.loc), "duplicate-id",
                    f"claim id `{thesis.explains}` is the outcome's name", "rename the claim")

    claims = {c.id: c for c in thesis.claims}
    by_factor: dict[str, list] = {}  # in thesis order; built once, so no check walks all claims per item
    for c in thesis.claims:
        by_factor.setdefault(c.factor, []).append(c)
    for rejection in thesis.rejects:
        own = by_factor.get(rejection.factor, [])
        where = rejection.locs.get("scope", rejection.loc)
        if rejection.scope == "factor" and own:
            diags.error(where, "self-contradiction",
                        f"rejected view `{rejection.id}` rejects its factor outright, but claim `{own[0].id}` "
                        "asserts the same factor",
                        "use `scope: reading` (one reading of the factor) or `scope: sole_cause`")
        main = [c for c in own if c.role in MAIN_ROLES]
        if rejection.scope == "sole_cause" and main:
            diags.error(where, "self-contradiction",
                        f"rejected view `{rejection.id}` denies that its factor is the sole or main cause, but "
                        f"claim `{main[0].id}` makes it a {ROLE_LABELS[main[0].role]}",
                        "use `scope: reading`, or change the claim's role")
    for claim in thesis.claims:
        if not claim.evidence:
            diags.warning(claim.loc, "unsourced", f"claim `{claim.id}` has no evidence",
                          "add a verbatim quote with its locator")

    seen_links: dict[tuple, object] = {}
    linked: set[str] = set()
    for link in thesis.links:
        ok = True
        for end, key in ((link.source, "from"), (link.target, "to")):
            if end not in claims and not (key == "to" and end == thesis.explains):
                valid = claims.keys() | ({thesis.explains} if key == "to" else set())
                ok = False
                what = "a rejected view, which cannot be a cause" if end in nodes else "unknown"
                diags.error(link.locs.get(key, link.loc), "dangling-link",
                            f"link `{key}: {end}` names {'a claim that is ' if what == 'unknown' else ''}{what}",
                            did_you_mean(end, valid) or "name a claim id"
                            + (" or the outcome" if key == "to" else ""))
        if link.source == link.target:
            diags.error(link.loc, "self-link", f"link from `{link.source}` to itself", "remove it")
            continue
        key = (link.source, link.target, link.relation)
        if key in seen_links:
            diags.error(link.loc, "duplicate-link",
                        f"link {link.source} -{link.relation}-> {link.target} is given twice "
                        f"(first at line {seen_links[key].loc.line})", "merge their evidence into one link")
            continue
        seen_links[key] = link
        if not ok:
            continue
        linked.update((link.source, link.target))
        if not link.inferred and not link.evidence:
            diags.warning(link.loc, "unsourced", f"stated link {link.source} -> {link.target} has no evidence",
                          "add a quote, or mark it `inferred: true` if the author does not state it")
        cause = period_years(claims[link.source].when)
        effect_claim = claims.get(link.target)
        effect = period_years(effect_claim.when if effect_claim
                              else getattr(taxonomy.factors.get(link.target), "period", None))
        if cause and effect and cause[0] > effect[1]:
            diags.warning(link.loc, "anachronism",
                          f"cause `{link.source}` ({cause[0]}) is dated after its effect `{link.target}` ({effect[1]})",
                          "check the `when` of both claims, or the direction of the link")
    for claim in thesis.claims:
        # A background condition may stand alone: inventing a link for it would put words in the author's mouth.
        if thesis.links and claim.id not in linked and claim.role != "background":
            diags.warning(claim.loc, "unlinked", f"claim `{claim.id}` is not linked to anything",
                          "link it to what it causes, or make it `role: background` if the author "
                          "gives it as context, not as a cause")
    successors: dict[str, list] = {k: [] for k in claims}
    first_link: dict[tuple, object] = {}
    for link in thesis.links:
        if link.source in successors:
            successors[link.source].append(link.target)
        first_link.setdefault((link.source, link.target), link)
    for cycle in _cycles(successors):
        first = first_link[(cycle[0], cycle[1 % len(cycle)])]
        diags.warning(first.loc, "cycle", "links form a cycle: " + " -> ".join([*cycle, cycle[0]]),
                      "a vicious circle is possible; say so in the thesis notes, or reverse a link")


def _check_positions(thesis: Thesis, taxonomy: Taxonomy, diags: Diagnostics) -> None:
    seen: dict[str, object] = {}
    for position in thesis.positions:
        where = position.locs.get("question", position.loc)
        if position.question in seen:
            diags.error(where, "duplicate-position",
                        f"two positions on question `{position.question}` (first at line "
                        f"{seen[position.question].loc.line})", "keep one answer per question; merge their evidence")
            continue
        seen[position.question] = position
        question = taxonomy.questions.get(position.question)
        if question is None:
            if taxonomy.factors:  # a broken taxonomy is reported on its own
                diags.error(where, "unknown-question", f"unknown question `{position.question}`",
                            did_you_mean(position.question, taxonomy.questions)
                            or (f"add it under `questions:` in {taxonomy.path}" if taxonomy.path
                                else "add it under `questions:` in the taxonomy"))
        elif question.answers and position.answer not in question.answers:
            allowed = ", ".join(question.answers)
            diags.error(position.locs.get("answer", position.loc), "unknown-answer",
                        f"`{position.answer}` is not an answer of question `{question.id}`: use one of {allowed}",
                        did_you_mean(position.answer, question.answers))
        if position.basis == "stated" and not position.evidence:
            diags.error(position.locs.get("basis", position.loc), "unsourced-position",
                        f"the position on `{position.question}` is stated but has no evidence",
                        "add a verbatim quote with its locator, or say `basis: inferred`")


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(_cycle_in(sorted(component), graph))
    return found


def _cycle_in(component: list[str], graph: dict[str, list[str]]) -> list[str]:
    """The shortest cycle through the first member of a strongly connected component."""
    members = set(component)
    start = component[0]
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in sorted(graph[node]):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return path[::-1]
                if child in members and child not in parents:
                    parents[child] = node
                    following.append(child)
        frontier = following
    return component  # unreachable for a strongly connected component
