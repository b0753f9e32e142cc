"""Diagrams of theses and comparisons, as DOT source built with the ``graphviz`` package.

* :func:`thesis_map`: one author's causal map, root causes at the top, the outcome at the
  bottom, rejected views apart;
* :func:`diff_map`: two authors merged on the taxonomy, agreements, one-sided points and
  conflicts each marked;
* :func:`consensus_map`: factor links drawn with width by how many authors assert them;
* :func:`matrix_figure`: the factor x author matrix as a figure;
* :func:`small_multiples` (in :mod:`render.multiples`): aligned panels, one per author.

Encodings are the same in every diagram: fill colour is the factor's category (from the
taxonomy, a colour-blind-safe palette), border weight is the author's weighting, edge
style and arrowhead are the relation, dashed means inferred. Nothing is told by colour
alone: every node says in words what it is, and each diagram carries its legend.
"""

from __future__ import annotations

import html
import textwrap

import graphviz

from argmap.format import RELATION_LABELS, ROLE_LABELS
from argmap.graphs import CLAIM, REJECTED

from .escape import cap, dot_text, strip_controls

FONT = "Helvetica"
INK = "#222222"
NEGATIVE = "#CC3311"  # Tol vibrant red: undermines, prevents, rejected, conflicts
SIDE_A = "#0077BB"    # Tol vibrant blue
SIDE_B = "#EE7733"    # Tol vibrant orange
MUTED = "#777777"

# Border weight and shape by role: the author's weighting, visible at a glance.
ROLE_STYLE = {
    "root": {"penwidth": "3", "peripheries": "2"},
    "main": {"penwidth": "3.5"},
    "direct": {"penwidth": "2"},
    "trigger": {"penwidth": "2", "shape": "hexagon"},
    "contributing": {"penwidth": "1"},
    "background": {"penwidth": "1", "style": "rounded,filled,dotted"},
}
ROLE_NOTE = {
    "root": "double border: root cause",
    "main": "thick border: main cause",
    "direct": "medium border: direct cause",
    "trigger": "hexagon: trigger",
    "contributing": "thin border: contributing",
    "background": "dotted border: background",
}
# Edge style and arrowhead by relation.
RELATION_STYLE = {
    "causes": {"arrowhead": "normal", "penwidth": "2"},
    "contributes_to": {"arrowhead": "normal", "penwidth": "1"},
    "enables": {"arrowhead": "empty", "penwidth": "1.2"},
    "aggravates": {"arrowhead": "vee", "penwidth": "2"},
    "undermines": {"arrowhead": "tee", "penwidth": "1.5", "color": NEGATIVE},
    "prevents": {"arrowhead": "tee", "penwidth": "2.5", "color": NEGATIVE},
}
RELATION_GLYPH = {
    "causes": "\u2501\u2501\u25b6 causes",
    "contributes_to": "\u2500\u2500\u25b6 contributes to",
    "enables": "\u2500\u2500\u25b7 enables",
    "aggravates": "\u2501\u2501&gt; aggravates",
    "undermines": "\u2500\u2500\u2524 undermines",
    "prevents": "\u2501\u2501\u252b prevents",
}


def esc(text) -> str:
    """Text for an HTML-like Graphviz label: markup escaped, control characters dropped."""
    return html.escape(strip_controls(text, keep_newlines=False), quote=True)


class Html(str):
    """An HTML-like label argmap built itself, every piece of user text in it escaped."""


class SafeDigraph(graphviz.Digraph):
    """A Digraph that treats every attribute value as literal text unless it is :class:`Html`.

    Free text (tooltips, plain labels) goes through :func:`render.escape.dot_text`: it can
    neither become an HTML-like label nor end in a backslash that breaks the DOT, so the
    output carries no attribute, URL or markup argmap did not set. Node names are ids,
    which the format restricts to ``[a-z][a-z0-9_]*``.
    """

    @staticmethod
    def _safe(attrs):
        return {k: v if isinstance(v, Html) or not isinstance(v, str) else dot_text(v) for k, v in attrs.items()}

    def node(self, name, label=None, _attributes=None, **attrs):
        label = label if label is None or isinstance(label, Html) else dot_text(label)
        super().node(name, label, _attributes=_attributes and self._safe(_attributes), **self._safe(attrs))

    def edge(self, tail_name, head_name, label=None, _attributes=None, **attrs):
        label = label if label is None or isinstance(label, Html) else dot_text(label)
        super().edge(tail_name, head_name, label,
                     _attributes=_attributes and self._safe(_attributes), **self._safe(attrs))

    def attr(self, kw=None, _attributes=None, **attrs):
        super().attr(kw, _attributes=_attributes and self._safe(_attributes), **self._safe(attrs))


def wrap(text: str, width: int = 28, max_lines: int = 4) -> list[str]:
    """Lines of at most ``width`` characters; an ellipsis where the text was cut."""
    text = " ".join(str(text).split())
    # Wrapping a long claim only to keep four lines is most of a map's build time: wrap a
    # prefix that is sure to reach past the last kept line, cut at a word boundary.
    keep = (width + 1) * (max_lines + 2)
    if len(text) > keep:
        text = text[:keep].rsplit(" ", 1)[0] if text[keep] != " " else text[:keep]
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def quotes_tooltip(title: str, text: str, evidence) -> str:
    """Tooltip text: what the node says, then each quote with its locator."""
    parts = [title, text] if text else [title]
    for e in evidence:
        where = f"line {e.locator.line}" + (f", p. {e.locator.page}" if e.locator.page is not None else "")
        cites = f" [cites {e.cites}]" if e.cites else ""
        parts.append(f"\u201c{' '.join(e.quote.split())}\u201d ({where}){cites}")
    return "\n".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _label(title: str, body_lines: list[str], footer: str, title_colour: str = INK, title_lines: int = 2) -> str:
    heading = "<BR/>".join(esc(l) for l in wrap(title, 26, title_lines))
    rows = [f'<TR><TD><FONT POINT-SIZE="12" COLOR="{title_colour}"><B>{heading}</B></FONT></TD></TR>']
    if body_lines:
        body = "<BR/>".join(esc(l) for l in body_lines)
        rows.append(f'<TR><TD><FONT POINT-SIZE="10">{body}</FONT></TD></TR>')
    if footer:
        rows.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="#333333">{footer}</FONT></TD></TR>')
    return Html('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")


def _new_graph(name: str, rankdir: str = "TB") -> graphviz.Digraph:
    g = SafeDigraph(name)
    g.attr(rankdir=rankdir, fontname=FONT, nodesep="0.22", ranksep="0.32", newrank="true",
           bgcolor="white", pad="0.2", labeljust="l", labelloc="t", outputorder="edgesfirst")
    g.attr("node", shape="box", style="rounded,filled", fontname=FONT, color=INK, margin="0.12,0.06")
    g.attr("edge", fontname=FONT, fontsize="9", color=INK, arrowsize="0.8")
    return g


def _legend(title: str, subtitle: str, categories, roles=(), relations=(), extra_rows=()) -> str:
    """A title and legend, as the HTML label of the whole graph."""
    cats = "".join(
        f'<TD BGCOLOR="{c.colour}" BORDER="1" COLOR="#999999"><FONT POINT-SIZE="10">{esc(cap(c.label, 60))}</FONT></TD>'
        for c in categories)
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18"><B>{esc(cap(title, 160))}</B></FONT></TD></TR>']
    if subtitle:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11" COLOR="#444444">{esc(cap(subtitle, 400))}</FONT>'
                    '</TD></TR>')
    if cats:
        rows.append('<TR><TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>'
                    f'<TD><FONT POINT-SIZE="10">Fill: category</FONT></TD>{cats}</TR></TABLE></TD></TR>')
    relation_bits = [RELATION_GLYPH[r] for r in relations]
    if relations:
        relation_bits.append("- - dashed: inferred by us, not stated")
    for bits in ([ROLE_NOTE[r] for r in roles], relation_bits):
        if bits:
            joined = " \u00a0\u00b7\u00a0 ".join(bits)
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{joined}</FONT></TD></TR>')
    for row in extra_rows:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10">{row}</FONT></TD></TR>')
    return Html('<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")


def _ordered_categories(taxonomy, category_ids):
    return [c for c in taxonomy.categories.values() if c.id in category_ids]


def _outcome_node(g, taxonomy, outcome: str) -> None:
    """The outcome explained, grey and heavy, on the last rank."""
    label = taxonomy.factors[outcome].label if outcome in taxonomy.factors else outcome
    g.node(outcome, _label(label, [], "THE OUTCOME EXPLAINED"), shape="box", style="filled",
           fillcolor="#DDDDDD", penwidth="3", id=f"node-{outcome}", tooltip=f"The outcome: {label}")
    with g.subgraph(name="outcome_rank") as s:
        s.attr(rank="sink")
        s.node(outcome)


def _title(thesis) -> str:
    year = f" ({thesis.year})" if thesis.year else ""
    return f"{thesis.author}: {thesis.work}{year}"


def thesis_map(graph, taxonomy, thesis, rankdir: str = "LR") -> graphviz.Digraph:
    """One author's causal map from :func:`argmap.graphs.thesis_graph`."""
    g = _new_graph(f"thesis_{thesis.id}", rankdir)
    outcome = graph.graph["outcome"]
    used_categories, roles, relations = set(), [], []
    for node, data in sorted(graph.nodes(data=True), key=lambda n: n[0]):
        if data["kind"] != CLAIM:
            continue
        category = taxonomy.categories.get(data["category"])
        used_categories.add(data["category"])
        roles.append(data["role"])
        n_quotes = len(data["evidence"])
        footer = f"<B>{esc(ROLE_LABELS[data['role']].upper())}</B> \u00b7 {_plural(n_quotes, 'quote')}"
        if data.get("author_term"):  # the author's own words for the weight, on lines of their own
            term = wrap(f"\u201c{data['author_term']}\u201d", 30, 2)
            footer += "<BR/><I>" + "<BR/>".join(esc(l) for l in term) + "</I>"
        attrs = {"style": "rounded,filled", **ROLE_STYLE[data["role"]]}
        g.node(node, _label(data["label"], wrap(data["text"]), footer),
               fillcolor=category.colour if category else "#FFFFFF",
               tooltip=quotes_tooltip(f"{data['label']} ({ROLE_LABELS[data['role']]})", data["text"], data["evidence"]),
               id=f"node-{node}", **attrs)
    _outcome_node(g, taxonomy, outcome)

    rejected = [(n, d) for n, d in sorted(graph.nodes(data=True)) if d["kind"] == REJECTED]
    if rejected:
        with g.subgraph(name="cluster_rejected") as c:
            c.attr(label=Html(f"<<B>Views {esc(cap(thesis.name, 80))} rejects</B>>"), style="dashed", color=NEGATIVE,
                   fontcolor=NEGATIVE, fontname=FONT, fontsize="12", margin="12")
            asserted = {claim.factor for claim in thesis.claims}
            for node, data in rejected:
                # An author may reject one reading of a factor they assert in another: say so,
                # or "REJECTED: <factor>" would read as a contradiction of the map below.
                what = {"reading": "a reading of ", "sole_cause": "as sole cause: "}.get(data.get("scope"), "")
                if not what and data.get("factor") in asserted:
                    what = "a reading of "
                c.node(node, _label(f"\u2717 REJECTED: {what}{data['label']}", wrap(data["text"]),
                                    _plural(len(data["evidence"]), "quote"), title_colour=NEGATIVE, title_lines=3),
                       style="rounded,filled,dashed", fillcolor="#FFFFFF", color=NEGATIVE, penwidth="2",
                       tooltip=quotes_tooltip(f"Rejected view: {data['label']}", data["text"], data["evidence"]),
                       id=f"node-{node}")
        # Rows of their own, apart from the causal chain (invisible edges only order them);
        # at most three to a row so that they do not widen the map.
        for start in range(0, len(rejected), 3):
            row = [name for name, _ in rejected[start:start + 3]]
            for first, second in zip(row, row[1:]):
                g.edge(first, second, style="invis")

    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        relations.append(data["relation"])
        style = dict(RELATION_STYLE[data["relation"]])
        style["style"] = "dashed" if data["inferred"] else "solid"
        # The common relations are told by line weight alone; the rarer ones are named too.
        label = "" if data["relation"] in ("causes", "contributes_to") else RELATION_LABELS[data["relation"]]
        what = "inferred by us" if data["inferred"] else "stated"
        ends = [graph.nodes[n].get("label", n) for n in (source, target)]
        # `label`, not `xlabel`: dot makes room for it, where an xlabel can land under a node.
        g.edge(source, target, label=label, fontcolor=style.get("color", INK),
               tooltip=quotes_tooltip(f"{ends[0]} {RELATION_LABELS[data['relation']]} {ends[1]} ({what})", "",
                                      data["evidence"]),
               id=f"edge-{source}-{target}", **style)

    scope = textwrap.shorten(thesis.scope, 90, placeholder="\u2026")
    subtitle = f"Why: {taxonomy.factors[outcome].label if outcome in taxonomy.factors else outcome}. " \
               f"Scope: {scope} {_plural(len(thesis.claims), 'claim')}, {_plural(len(thesis.links), 'link')}."
    ordered_roles = [r for r in ROLE_STYLE if r in roles]
    ordered_relations = [r for r in RELATION_STYLE if r in relations]
    g.attr(label=_legend(_title(thesis), subtitle, _ordered_categories(taxonomy, used_categories),
                         ordered_roles, ordered_relations))
    return g


# --- the visual diff -----------------------------------------------------------------

def _side_word(side: dict) -> str:
    if side["stance"] == "silent":
        return "silent"
    if side["stance"] == "rejects":
        return "REJECTS"
    words = side.get("role_label") or "asserts"
    return f"{words} + rejects a reading" if side["stance"] == "mixed" else words


def diff_map(d, taxonomy, outcome: str, rankdir: str = "LR") -> graphviz.Digraph:
    """Two authors merged over the taxonomy, from :func:`argmap.compare.diff` (a DiffResult)."""
    from argmap.compare import one_line

    a, b = d.a, d.b
    groups = {"shared": d.shared, "only_a": d.only_a, "only_b": d.only_b}
    g = _new_graph(f"diff_{a['id']}_{b['id']}", rankdir)
    factors: dict[str, tuple[str, dict]] = {}
    for group in ("shared", "only_a", "only_b"):
        for item in groups[group]:
            if item["kind"] == "factor":
                factors[item["factor"]] = (group, item)
    conflict_factors = {i["factor"]: i for i in d.conflicts if i["kind"] == "factor"}
    used = set()
    for f, (group, item) in sorted(factors.items()):
        used.add(item["category"])
        conflict = conflict_factors.get(f)
        _diff_node(g, f, item, group, conflict, a, b, taxonomy)
    for f, item in sorted(conflict_factors.items()):
        if f not in factors:
            used.add(item["category"])
            _diff_node(g, f, item, "conflict", item, a, b, taxonomy)
    _outcome_node(g, taxonomy, outcome)
    drawn = set(factors) | set(conflict_factors) | {outcome}

    def ensure(f):
        if f not in drawn:  # a factor only present through a link endpoint
            drawn.add(f)
            fac = taxonomy.factors.get(f)
            g.node(f, _label(fac.label if fac else f, [], ""), fillcolor=taxonomy.categories[fac.category].colour
                   if fac else "#FFFFFF")

    for group, colour, tag in (("shared", INK, "both"), ("only_a", SIDE_A, f"only {a['author']}"),
                               ("only_b", SIDE_B, f"only {b['author']}")):
        for item in groups[group]:
            if item["kind"] != "link":
                continue
            side = item["a"] if group != "only_b" else item["b"]
            ensure(item["from"]), ensure(item["to"])
            style = {"color": colour, "penwidth": "2.5" if group == "shared" else "1.5",
                     "style": "dotted" if item.get("inferred") else "solid" if group != "only_b" else "dashed",
                     "arrowhead": "tee" if side["polarity"] < 0 else "normal"}
            # Colour and dash already say whose link it is (see the legend); a label on every
            # one-sided edge buried the map in "only X" tags, so the side goes in the tooltip.
            g.edge(item["from"], item["to"],
                   tooltip=f"{item['from_label']} \u2192 {item['to_label']}: {tag} "
                           f"({', '.join(side['relation_labels'])}){' (inferred by us)' if item.get('inferred') else ''}",
                   **style)
    for item in d.conflicts:
        if item["kind"] != "link":
            continue
        ensure(item["from"]), ensure(item["to"])
        for key, colour, dash in (("a", SIDE_A, "solid"), ("b", SIDE_B, "dashed")):
            side = item[key]
            g.edge(side["from"], side["to"], color=f"{NEGATIVE}:{colour}", penwidth="2", style=dash,
                   arrowhead="tee" if side["polarity"] < 0 else "normal",
                   xlabel=f"\u2717 {esc(getattr(d, key)['author'])}: {'/'.join(side['relation_labels'])}",
                   fontcolor=NEGATIVE,
                   tooltip=item["summary"])
    legend_rows = [
        f'<FONT COLOR="{INK}"><B>\u2501\u2501 both assert</B></FONT> \u00a0 '
        f'<FONT COLOR="{SIDE_A}"><B>\u2500\u2500 only {esc(a["name"])}</B></FONT> \u00a0 '
        f'<FONT COLOR="{SIDE_B}"><B>- - only {esc(b["name"])}</B></FONT> \u00a0 '
        f'<FONT COLOR="{NEGATIVE}"><B>\u2717 conflict</B></FONT> (red double border or red edge) \u00a0 '
        "\u2524 a link that holds the effect back",
        "Each box says in words who asserts it (BOTH / ONLY ...) and with what weight.",
    ]
    title = f"{a['author']} vs {b['author']}"
    g.attr(label=_legend(title, one_line(d), _ordered_categories(taxonomy, used), extra_rows=legend_rows))
    return g


def _diff_node(g, f, item, group, conflict, a, b, taxonomy):
    category = taxonomy.categories.get(item["category"])
    plain = (f"{_short(a['author'])}: {_side_word(item['a'])} \u00b7 "
             f"{_short(b['author'])}: {_side_word(item['b'])}")
    words = esc(plain)
    # Tags are dark text: coloured text on a coloured fill would be hard to read.
    if conflict:
        tag = "<B>\u2717 CONFLICT</B>"
        attrs = {"color": NEGATIVE, "penwidth": "3", "peripheries": "2"}
    elif group == "shared":
        tag = f"<B>{esc(item['agreement_label'].upper())}</B>"
        attrs = {"color": INK, "penwidth": "2.5"}
    elif group == "only_a":
        tag = f"<B>ONLY {esc(_short(a['author']).upper())}</B>"
        attrs = {"color": SIDE_A, "penwidth": "3"}
    else:
        tag = f"<B>ONLY {esc(_short(b['author']).upper())}</B>"
        attrs = {"color": SIDE_B, "penwidth": "3", "style": "rounded,filled,dashed"}
    tooltip = conflict["summary"] if conflict else f"{item['label']}: {plain}"
    g.node(f, _label(item["label"], [], f"{tag}<BR/>{words}"), fillcolor=category.colour if category else "#FFFFFF",
           tooltip=tooltip, id=f"node-{f}", **{"style": "rounded,filled", **attrs})


def _short(author: str) -> str:
    """An author's name without the parenthesis, for tight labels."""
    return author.split(" (")[0]


# --- the whole debate ----------------------------------------------------------------

def consensus_map(c: dict, profiles, taxonomy, outcome: str, rankdir: str = "LR") -> graphviz.Digraph:
    """Every factor link any author draws; the width says how many authors draw it."""
    g = _new_graph("consensus", rankdir)
    n_authors = len(profiles)
    # Authors agree on a link only when they draw it the same way round and with the same
    # sign: "A causes B" and "A undermines B" are counted apart.
    by_link: dict[tuple, list[str]] = {}
    for p in profiles:
        for (source, target), edge in p.compared_links(c.include_inferred).items():
            by_link.setdefault((source, target, -1 if edge["polarity"] < 0 else 1), []).append(p.id)
    factors = {f for key in by_link for f in key[:2]} | {r["factor"] for r in c.matrix
                                                      if any(cell["stance"] in ("asserts", "mixed")
                                                             for cell in r["cells"].values())}
    used = set()
    rows = {r["factor"]: r for r in c.matrix}
    names = {x["id"]: x["name"] for x in c.authors}
    for f in sorted(factors):
        if f == outcome:
            continue
        fac = taxonomy.factors.get(f)
        used.add(fac.category if fac else None)
        row = rows.get(f)
        holders = [i for i, cell in row["cells"].items() if cell["stance"] in ("asserts", "mixed")] if row else []
        rejecters = [i for i, cell in row["cells"].items() if cell["stance"] in ("rejects", "mixed")] if row else []
        footer = f"asserted by {len(holders)} of {n_authors}"
        if rejecters:
            footer += f" \u00b7 <B>\u2717 a view rejected by {len(rejecters)}</B>"
        g.node(f, _label(fac.label if fac else f, [], footer),
               fillcolor=taxonomy.categories[fac.category].colour if fac else "#FFFFFF",
               penwidth=str(1 + 1.5 * len(holders) / max(n_authors, 1) * 2),
               tooltip=f"{fac.label if fac else f}: asserted by {', '.join(names[i] for i in holders) or 'nobody'}"
                       + (f"; a view of it rejected by {', '.join(names[i] for i in rejecters)}" if rejecters else ""),
               id=f"node-{f}")
    _outcome_node(g, taxonomy, outcome)
    for (s, t, sign), holders in sorted(by_link.items()):
        count = len(holders)
        colour = NEGATIVE if sign < 0 else (INK if count > 1 else MUTED)
        how = "holds back" if sign < 0 else "drives"
        g.edge(s, t, penwidth=str(0.8 + 2.2 * (count - 1)), color=colour, arrowhead="tee" if sign < 0 else "normal",
               xlabel=str(count) if count > 1 else "", fontsize="11",
               tooltip=f"{_factor_label(taxonomy, s)} {how} {_factor_label(taxonomy, t)}: drawn by "
                       f"{', '.join(names[i] for i in holders)}")
    g.attr(label=_legend("Consensus map", f"Links between factors drawn by any of {n_authors} authors; "
                         "line width and number: how many draw it. Grey, thin: one author only. "
                         "Red with a flat head: the link holds the effect back.",
                         _ordered_categories(taxonomy, used)))
    return g


def _factor_label(taxonomy, f: str) -> str:
    fac = taxonomy.factors.get(f)
    return fac.label if fac else f


def matrix_figure(c: dict, taxonomy) -> graphviz.Digraph:
    """The factor x author matrix as a table figure."""
    g = SafeDigraph("matrix")
    g.attr(fontname=FONT, bgcolor="white", pad="0.2")
    names = {a["id"]: a["name"] for a in c.authors}
    head = "".join(f'<TD BGCOLOR="#EEEEEE"><B>{esc(cap(names[i], 60))}</B></TD>' for i in c.ids)
    rows = [f'<TR><TD BGCOLOR="#EEEEEE" ALIGN="LEFT"><B>Factor</B></TD>{head}</TR>']
    for r in c.matrix:
        fac = taxonomy.factors.get(r["factor"])
        colour = taxonomy.categories[fac.category].colour if fac else "#FFFFFF"
        cells = []
        for i in c.ids:
            cell = r["cells"][i]
            if cell["stance"] == "asserts":
                cells.append(f'<TD BGCOLOR="{colour}"><B>{esc(cell["role_label"])}</B></TD>')
            elif cell["stance"] == "mixed":
                cells.append(f'<TD BGCOLOR="{colour}"><B>{esc(cell["role_label"])}</B><BR/>'
                             f'<FONT COLOR="{NEGATIVE}">\u2717 rejects a reading</FONT></TD>')
            elif cell["stance"] == "rejects":
                cells.append(f'<TD BGCOLOR="#FFFFFF"><FONT COLOR="{NEGATIVE}"><B>\u2717 rejects</B></FONT></TD>')
            else:
                cells.append('<TD BGCOLOR="#FFFFFF"><FONT COLOR="#999999">silent</FONT></TD>')
        rows.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{colour}">{esc(cap(r["label"], 80))}</TD>{"".join(cells)}</TR>')
    table = Html('<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="5" COLOR="#BBBBBB">'
             + "".join(rows) + "</TABLE>>")
    g.node("matrix", table, shape="plain", fontname=FONT, fontsize="11")
    g.attr(label=Html("<<B>Who says what: factor \u00d7 author</B><BR/><FONT POINT-SIZE=\"10\">role where the author "
                      "asserts the factor; \u2717 rejects (or rejects a reading); silent where the text does not "
                      "discuss it</FONT>>"),
           labelloc="t", fontsize="16")
    return g
