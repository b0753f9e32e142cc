"""Diagrams of theses and comparisons, as DOT source built with the ``graphviz`` package.

* :func:`thesis_map`: one author's causal map, root causes first, the outcome last, rejected
  views apart; each claim titled from its own text, its factor a small sub-label;
* :func:`diff_map`: two authors merged on the taxonomy. Focused by default: the points they
  share, their conflicts and the direct neighbours of both, with the rest counted in the
  title (``full=True`` draws it, faded). Stance is the colour and the border (both, conflict,
  only one of them), the category a small band; the questions they answer differently are
  a table under the title;
* :func:`handout_map`: a pair's focused diff with its summary lines, for a printed page;
* :func:`consensus_map`: factor links drawn by two or more authors, width by how many;
* :func:`matrix_figure` and :func:`questions_figure`: factor x author and question x author;
* :func:`small_multiples` (in :mod:`render.overview`): aligned panels, one per author;
* :func:`slide`: any of them at 16:9 slide size.

Nothing is told by colour alone: every node says in words what it is, borders and lines
differ in dash as well as colour, and each diagram carries its legend. Node names (which
Graphviz writes into SVG ``<title>`` elements) are the words a reader sees, never ids.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass

import graphviz

from argmap.format import REJECTION_CELL_WORDS, RELATION_EDGE_WORDS, RELATION_LABELS, ROLE_LABELS, strongest_scope
from argmap.graphs import CLAIM, REJECTED

from .escape import cap, dot_text, strip_controls

FONT = "Helvetica"
INK = "#222222"
NEGATIVE = "#CC3311"  # Tol vibrant red: undermines, prevents, rejected views
SIDE_A = "#0077BB"    # Tol vibrant blue
SIDE_B = "#EE7733"    # Tol vibrant orange
MUTED = "#777777"
FADED_FILL, FADED_LINE, FADED_INK = "#F4F4F4", "#BBBBBB", "#888888"

#: Stance colours and dashes of the visual diff: Paul Tol's colour-blind-safe "muted" scheme,
#: a fill and a darker line colour each; the border and line dash tell the stances apart
#: in greyscale too (solid, double, dashed, dotted).
STANCE_LOOK = {
    "agree": {"fill": "#44AA99", "line": "#117733", "style": "solid", "peripheries": "1", "edge_style": "solid",
              "border": "solid border", "edge": "\u2501\u2501 solid line"},
    "conflict": {"fill": "#CC6677", "line": "#882255", "style": "solid", "peripheries": "2", "edge_style": "solid",
                 "border": "double border", "edge": "\u2550\u2550 double line"},
    "only_a": {"fill": "#88CCEE", "line": "#332288", "style": "dashed", "peripheries": "1", "edge_style": "dashed",
               "border": "dashed border", "edge": "\u254c\u254c dashed line"},
    "only_b": {"fill": "#DDCC77", "line": "#777722", "style": "dotted", "peripheries": "1", "edge_style": "dotted",
               "border": "dotted border", "edge": "\u2508\u2508 dotted line"},
}

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
_LINE = {"causes": "\u2501\u2501\u25b6", "contributes_to": "\u2500\u2500\u25b6", "enables": "\u2500\u2500\u25b7",
         "aggravates": "\u2501\u2501&gt;", "undermines": "\u2500\u2500\u2524", "prevents": "\u2501\u2501\u252b"}
#: The legend entry of each relation: its line and the plain words on the arrow.
RELATION_GLYPH = {r: f"{_LINE[r]} {RELATION_EDGE_WORDS[r]}" for r in RELATION_EDGE_WORDS}
#: Relations whose arrows carry their words; the commonest ("helped cause") is told by a thin plain arrow.
LABELLED_RELATIONS = tuple(r for r in RELATION_EDGE_WORDS if r != "contributes_to")


def esc(text) -> str:
    """Text for an HTML-like Graphviz label: markup escaped, control characters dropped."""
    return html.escape(strip_controls(text, keep_newlines=False), quote=True)


class Html(str):
    """An HTML-like label argmap built itself, every piece of user text in it escaped."""


_NAME_CHARS = re.compile(r"[^\w ,.'()\-]+")


class SafeDigraph(graphviz.Digraph):
    """A Digraph that treats every attribute value as literal text unless it is :class:`Html`.

    Free text (tooltips, plain labels) goes through :func:`render.escape.dot_text`: it can
    neither become an HTML-like label nor end in a backslash that breaks the DOT, so the
    output carries no attribute, URL or markup argmap did not set.

    Node names are what Graphviz writes into the SVG ``<title>`` of each node and edge, so
    :meth:`node_name` makes them from the words a reader sees (letters, digits, spaces and plain
    punctuation only: never markup, ports or DOT syntax), unique within the graph.
    """

    def __init__(self, name=None, *args, **kwargs):
        super().__init__(readable_name(name) if name else name, *args, **kwargs)
        self._names: dict = {}
        self._taken: set = set()

    def node_name(self, key, words: str) -> str:
        """The node name for ``key`` (an id, never shown): ``words`` made safe and unique."""
        if key in self._names:
            return self._names[key]
        base = readable_name(words) or "point"
        name, n = base, 2
        while name in self._taken:
            name, n = f"{base} ({n})", n + 1
        self._names[key] = name
        self._taken.add(name)
        return name

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


def readable_name(words) -> str:
    """``words`` as a DOT name a person may read: plain characters only, at most 60."""
    text = _NAME_CHARS.sub(" ", strip_controls(str(words), keep_newlines=False).replace("_", " "))
    text = " ".join(text.split())
    return cap_words(text, 60, ellipsis="")


def cap_words(text: str, limit: int, ellipsis: str = "\u2026") -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ``ellipsis`` after the last word kept."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    cut = text[: room + 1].rsplit(" ", 1)[0] if " " in text[: room + 1] else text[:room]
    return cut.rstrip(" ,;:.\u2014-") + ellipsis


def wrap(text: str, width: int = 28, max_lines: int = 4) -> list[str]:
    """Lines of at most ``width`` characters, broken between words; an ellipsis after the last
    whole word kept where the text was cut (a single word longer than ``width`` keeps a line
    of its own rather than being split)."""
    text = " ".join(str(text).split())
    # Wrapping a long claim only to keep four lines is most of a map's build time: wrap a
    # prefix that is sure to reach past the last kept line, cut at a word boundary.
    keep = (width + 1) * (max_lines + 2)
    if len(text) > keep:
        text = text[:keep].rsplit(" ", 1)[0] if text[keep] != " " else text[:keep]
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while len(last) + 1 > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last.rstrip(" ,;:.\u2014-") + "\u2026"
    return lines


_CLAUSE = re.compile(r"(?<=[:;,.\u2014)])\s+|\s+(?=\u2014)|\s+(?=\()")


def claim_title(text: str, limit: int = 52) -> tuple[str, str]:
    """A short title for a claim made from its own words, and the rest of the text.

    The title is the claim's first clause (clauses joined until it has four words or more),
    at most ``limit`` characters, cut between words with an ellipsis if it must be. The rest
    is what follows the title (after an ellipsis when the title was cut inside its clause).
    """
    text = " ".join(str(text).split())
    parts = _CLAUSE.split(text)
    title, used = "", 0
    for part in parts:
        title = f"{title} {part}".strip()
        used += 1
        if len(title.split()) >= 4:
            break
    rest = " ".join(parts[used:])
    if len(title) > limit:
        short = cap_words(title, limit)
        kept = len(short.rstrip("\u2026").split())
        return short, "\u2026" + " ".join(text.split()[kept:])
    return title.rstrip(",;:\u2014 "), rest


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


@dataclass(frozen=True)
class Look:
    """Type sizes and text amounts: the page look, or the slide look (larger, fewer words)."""

    scale: float = 1.0
    body_lines: int = 4
    slide: bool = False

    def pt(self, size: float) -> str:
        return f"{size * self.scale:g}"


PAGE = Look()
SLIDE = Look(scale=1.5, body_lines=0, slide=True)
#: A printed page: the slide's tighter focus (no neighbours) at a size that survives shrinking to A4.
HANDOUT = Look(scale=1.3, body_lines=0, slide=True)


def _label(title: str, body_lines: list[str], footer: str, title_colour: str = INK, title_lines: int = 2,
           sub: str = "", look: Look = PAGE, title_width: int = 26) -> Html:
    heading = "<BR/>".join(esc(l) for l in wrap(title, title_width, title_lines))
    rows = []
    if sub:
        rows.append(f'<TR><TD><FONT POINT-SIZE="{look.pt(9)}" COLOR="#333333"><I>{sub}</I></FONT></TD></TR>')
    rows.append(f'<TR><TD><FONT POINT-SIZE="{look.pt(12)}" COLOR="{title_colour}"><B>{heading}</B></FONT></TD></TR>')
    if body_lines:
        body = "<BR/>".join(esc(l) for l in body_lines)
        rows.append(f'<TR><TD><FONT POINT-SIZE="{look.pt(10)}">{body}</FONT></TD></TR>')
    if footer:
        rows.append(f'<TR><TD><FONT POINT-SIZE="{look.pt(9)}" COLOR="#333333">{footer}</FONT></TD></TR>')
    return Html('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")


def _new_graph(name: str, rankdir: str = "TB", look: Look = PAGE) -> SafeDigraph:
    g = SafeDigraph(name)
    g.attr(rankdir=rankdir, fontname=FONT, nodesep="0.22", ranksep="0.32", newrank="true",
           bgcolor="white", pad="0.2", labeljust="l", labelloc="t", outputorder="edgesfirst")
    g.attr("node", shape="box", style="rounded,filled", fontname=FONT, color=INK, margin="0.12,0.06")
    g.attr("edge", fontname=FONT, fontsize=look.pt(9), color=INK, arrowsize="0.8")
    return g


def _legend(title: str, subtitle: str, categories, roles=(), relations=(), extra_rows=(), look: Look = PAGE,
            category_words: str = "Fill: category") -> Html:
    """A title and legend, as the HTML label of the whole graph."""
    cats = "".join(
        f'<TD BGCOLOR="{c.colour}" BORDER="1" COLOR="#999999"><FONT POINT-SIZE="{look.pt(10)}">{esc(cap(c.label, 60))}'
        '</FONT></TD>' for c in categories)
    rows = [f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.pt(18)}"><B>{esc(cap(title, 160))}</B></FONT></TD></TR>']
    if subtitle:
        for line in wrap(subtitle, 150 if not look.slide else 110, 3):
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.pt(11)}" COLOR="#444444">{esc(line)}</FONT>'
                        '</TD></TR>')
    if cats:
        rows.append('<TR><TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>'
                    f'<TD><FONT POINT-SIZE="{look.pt(10)}">{category_words}</FONT></TD>{cats}</TR></TABLE></TD></TR>')
    relation_bits = [RELATION_GLYPH[r] for r in relations]
    if relations:
        relation_bits.append("- - dashed: inferred by us, not stated")
    for bits in ([ROLE_NOTE[r] for r in roles], relation_bits):
        if bits:
            joined = " \u00a0\u00b7\u00a0 ".join(bits)
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.pt(10)}">{joined}</FONT></TD></TR>')
    for row in extra_rows:
        rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{look.pt(10)}">{row}</FONT></TD></TR>')
    return Html('<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")


def _ordered_categories(taxonomy, category_ids):
    return [c for c in taxonomy.categories.values() if c.id in category_ids]


def _outcome_node(g, taxonomy, outcome: str, look: Look = PAGE) -> str:
    """The outcome explained, grey and heavy, on the last rank; returns its node name."""
    label = taxonomy.factors[outcome].label if outcome in taxonomy.factors else "The outcome"
    name = g.node_name(("factor", outcome), label)
    g.node(name, _label(label, [], "THE OUTCOME EXPLAINED", look=look), shape="box", style="filled",
           fillcolor="#DDDDDD", penwidth="3", id=f"node-{outcome}", tooltip=f"The outcome: {label}")
    with g.subgraph(name="the outcome, last") as s:
        s.attr(rank="sink")
        s.node(name)
    return name


def _title(thesis) -> str:
    year = f" ({thesis.year})" if thesis.year else ""
    return f"{thesis.author}: {thesis.work}{year}"


def thesis_map(graph, taxonomy, thesis, rankdir: str = "LR", look: Look = PAGE) -> graphviz.Digraph:
    """One author's causal map from :func:`argmap.graphs.thesis_graph`.

    Each claim is titled from its own first words, with its factor as a small italic line
    above and the rest of the claim below (``look=SLIDE``: titles only, larger).
    """
    g = _new_graph(f"Causal map of {thesis.name}", rankdir, look)
    outcome = graph.graph["outcome"]
    names = {}
    used_categories, roles, relations = set(), [], []
    for node, data in sorted(graph.nodes(data=True), key=lambda n: n[0]):
        if data["kind"] != CLAIM:
            continue
        category = taxonomy.categories.get(data["category"])
        used_categories.add(data["category"])
        roles.append(data["role"])
        title, rest = claim_title(data["text"])
        names[node] = g.node_name(("claim", node), title)
        n_quotes = len(data["evidence"])
        footer = f"<B>{esc(ROLE_LABELS[data['role']].upper())}</B> \u00b7 {_plural(n_quotes, 'quote')}"
        if data.get("author_term") and not look.slide:  # the author's own words for the weight
            term = wrap(f"\u201c{data['author_term']}\u201d", 30, 2)
            footer += "<BR/><I>" + "<BR/>".join(esc(l) for l in term) + "</I>"
        body = wrap(rest, 32, look.body_lines) if rest and look.body_lines else []
        attrs = {"style": "rounded,filled", **ROLE_STYLE[data["role"]]}
        g.node(names[node], _label(title, body, footer, sub=esc(data["label"]), look=look, title_width=30,
                                   title_lines=3),
               fillcolor=category.colour if category else "#FFFFFF",
               tooltip=quotes_tooltip(f"{data['label']} ({ROLE_LABELS[data['role']]})", data["text"],
                                      data["evidence"]),
               id=f"node-{node}", **attrs)
    names[outcome] = _outcome_node(g, taxonomy, outcome, look)

    rejected = [(n, d) for n, d in sorted(graph.nodes(data=True)) if d["kind"] == REJECTED]
    if rejected:
        with g.subgraph(name=f"cluster of the views {readable_name(thesis.name)} rejects") as c:
            c.attr(label=Html(f"<<B>Views {esc(cap(thesis.name, 80))} rejects</B>>"), style="dashed",
                   color=NEGATIVE, fontcolor=NEGATIVE, fontname=FONT, fontsize=look.pt(12), margin="12")
            asserted = {claim.factor for claim in thesis.claims}
            for node, data in rejected:
                # An author may reject one reading of a factor they assert in another: say so,
                # or "rejected: <factor>" would read as a contradiction of the map.
                what = {"reading": "a reading of ", "sole_cause": "as sole cause: "}.get(data.get("scope"), "")
                if not what and data.get("factor") in asserted:
                    what = "a reading of "
                title, rest = claim_title(data["text"])
                names[node] = g.node_name(("rejected", node), f"Rejected {title}")
                body = wrap(rest, 32, min(look.body_lines, 3)) if rest and look.body_lines else []
                c.node(names[node], _label(f"\u2717 {title}", body, _plural(len(data["evidence"]), "quote"),
                                           title_colour=NEGATIVE, title_lines=3, title_width=30, look=look,
                                           sub=f"REJECTED: {esc(what)}{esc(data['label'])}"),
                       style="rounded,filled,dashed", fillcolor="#FFFFFF", color=NEGATIVE, penwidth="2",
                       tooltip=quotes_tooltip(f"Rejected view ({what}{data['label']}): {title}", data["text"],
                                              data["evidence"]),
                       id=f"node-{node}")
        # Rows of their own, apart from the causal chain (invisible edges only order them);
        # at most three to a row so that they do not widen the map.
        for start in range(0, len(rejected), 3):
            row = [names[name] for name, _ in rejected[start:start + 3]]
            for first, second in zip(row, row[1:]):
                g.edge(first, second, style="invis")

    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        relations.append(data["relation"])
        style = dict(RELATION_STYLE[data["relation"]])
        style["style"] = "dashed" if data["inferred"] else "solid"
        words = RELATION_EDGE_WORDS[data["relation"]]
        label = words if data["relation"] in LABELLED_RELATIONS else ""
        what = "inferred by us" if data["inferred"] else "stated"
        ends = [claim_title(graph.nodes[n]["text"])[0] if graph.nodes[n].get("text") else graph.nodes[n].get("label")
                for n in (source, target)]
        # `label`, not `xlabel`: dot makes room for it, where an xlabel can land under a node.
        g.edge(names.get(source, source), names.get(target, target), label=label,
               fontcolor=style.get("color", INK),
               tooltip=quotes_tooltip(f"{ends[0]} \u2014 {words} \u2192 {ends[1]} ({what})", "", data["evidence"]),
               id=f"edge-{source}-{target}", **style)

    scope = textwrap.shorten(thesis.scope, 90, placeholder="\u2026")
    subtitle = f"Why: {taxonomy.factors[outcome].label if outcome in taxonomy.factors else 'the outcome'}. " \
               f"Scope: {scope} {_plural(len(thesis.claims), 'claim')}, {_plural(len(thesis.links), 'link')}. " \
               "Each box: the claim's factor (small), its first words (bold), the rest of the claim."
    ordered_roles = [r for r in ROLE_STYLE if r in roles]
    ordered_relations = [r for r in RELATION_STYLE if r in relations]
    g.attr(label=_legend(_title(thesis), subtitle, _ordered_categories(taxonomy, used_categories),
                         ordered_roles, ordered_relations, look=look))
    return g


# --- the visual diff -----------------------------------------------------------------

_SCOPE_WORDS = {"factor": "rejects it outright", "sole_cause": "rejects it as the main cause",
                "reading": "rejects a reading of it"}


def _side_words(side: dict) -> str:
    """One author's stance on a factor in words: "main cause", "rejects it outright"..."""
    stance = side["stance"]
    if stance == "silent":
        return "silent"
    rejects = "; ".join(sorted({_SCOPE_WORDS.get(r["scope"], "rejects it") for r in side.get("rejections", [])}))
    if stance == "rejects":
        return rejects or "rejects it"
    words = side.get("role_label") or "asserts it"
    term = next((c["author_term"] for c in side.get("claims", []) if c["role"] == side.get("role")
                 and c.get("author_term")), None)
    if term:
        words += f" (\u201c{cap_words(term, 30)}\u201d)"
    return f"{rejects}; {words}" if stance == "mixed" and rejects else words


@dataclass
class DiffFocus:
    """What a focused diff draws: factor ids and link keys, and what it leaves out."""

    seeds: set
    neighbours: set
    shown: set
    links: set
    left_out_factors: int
    left_out_links: int


def diff_focus(d, outcome: str, neighbours: bool = True) -> DiffFocus:
    """The focus of a diff: shared points, conflicts, and the factors one link away from them.

    Seeds are the factors both discuss (shared or in conflict) and the ends of links both
    draw or draw with opposite effects. Neighbours are the factors one link (either
    author's) from a seed (none with ``neighbours=False``: the slide's focus); the outcome is
    always shown but does not pull in its causes.
    Links drawn are those with a seed at one end and both ends shown (a neighbour's own
    link to the outcome is left out: it is one author's, away from the focus).
    """
    seeds = {i["factor"] for i in d.shared + d.conflicts if i["kind"] == "factor"}
    for i in d.shared + d.conflicts:
        if i["kind"] == "link":
            seeds |= {i["from"], i["to"]}
    seeds.discard(outcome)
    every_link = _diff_links(d)
    around = set()
    for (s, t), _ in every_link.items():
        if s in seeds and t != outcome:
            around.add(t)
        if t in seeds and s != outcome:
            around.add(s)
    neighbours = (around - seeds) if neighbours else set()
    shown = seeds | neighbours | {outcome}
    links = {k for k in every_link if k[0] in shown and k[1] in shown and (k[0] in seeds or k[1] in seeds)}
    factors = {i["factor"] for i in d.shared + d.only_a + d.only_b + d.conflicts if i["kind"] == "factor"}
    return DiffFocus(seeds, neighbours, shown, links, len(factors - shown), len(set(every_link) - links))


def _diff_links(d) -> dict:
    """Every link of a diff by (from, to): ``(group, item)``, a conflict winning over its shared twin."""
    out = {}
    for group, items in (("agree", d.shared), ("only_a", d.only_a), ("only_b", d.only_b), ("reversed", d.reversed_links),
                         ("conflict", d.conflicts)):
        for item in items:
            if item["kind"] == "link":
                out[(item["from"], item["to"])] = (group, item)
    return out


def diff_map(d, taxonomy, outcome: str, rankdir: str = "LR", full: bool = False, look: Look = PAGE,
             summary: list[str] | None = None) -> graphviz.Digraph:
    """Two authors merged over the taxonomy, from :func:`argmap.compare.diff` (a DiffResult).

    Focused by default (see :func:`diff_focus`); ``full=True`` draws every point, the ones
    outside the focus faded. ``summary``: lines of text to print under the title (the handout).
    """
    from argmap.compare import one_line

    a, b = d.a, d.b
    an, bn = a["name"], b["name"]
    g = _new_graph(f"{an} and {bn} compared", rankdir, look)
    g.attr(nodesep="0.25", ranksep="0.4", size="24.5,24.5")
    focus = diff_focus(d, outcome, neighbours=not look.slide)
    stances: dict[str, tuple[str, dict]] = {}
    for group, items in (("agree", d.shared), ("only_a", d.only_a), ("only_b", d.only_b)):
        for item in items:
            if item["kind"] == "factor":
                stances[item["factor"]] = (group, item)
    for item in d.conflicts:
        if item["kind"] == "factor":
            # A weight conflict is also shared: the conflict is what a reader must see.
            stances[item["factor"]] = ("conflict", item)
    drawn = set(stances) if full else {f for f in stances if f in focus.shown}
    used = set()
    names = {}
    for f in sorted(drawn, key=lambda f: (f not in focus.seeds, f)):
        group, item = stances[f]
        used.add(item["category"])
        names[f] = _diff_node(g, f, item, group, a, b, taxonomy, faded=full and f not in focus.shown, look=look)
    names[outcome] = _outcome_node(g, taxonomy, outcome, look)

    def end(f):
        if f not in names:  # a factor only present through a link endpoint
            fac = taxonomy.factors.get(f)
            label = fac.label if fac else "A point of the taxonomy"
            names[f] = g.node_name(("factor", f), label)
            g.node(names[f], _label(label, [], "", look=look), fillcolor="#FFFFFF", tooltip=label, id=f"node-{f}")
        return names[f]

    for key, (group, item) in sorted(_diff_links(d).items()):
        if not full and key not in focus.links:
            continue
        faded = full and key not in focus.links
        if key[0] not in drawn | {outcome} and not full:
            continue
        _diff_edge(g, end(key[0]), end(key[1]), group, item, a, b, faded, look)

    tables = []
    different = [q for q in d.questions if q["type"] == "different_answer"]
    if different:
        tables.append(_questions_table(different, an, bn, look))
    same = sum(1 for q in d.questions if q["type"] == "same_answer")
    legend_rows = [_stance_key(an, bn, look)]
    counts = []
    if not full and (focus.left_out_factors or focus.left_out_links):
        counts.append(f"Focused view: the points both discuss, the conflicts"
                      f"{'' if look.slide else ' and their direct neighbours'}. "
                      f"Left out: {_plural(focus.left_out_factors, 'point')} and {_plural(focus.left_out_links, 'link')}"
                      " only one of them draws (argmap diff --full draws them).")
    elif full:
        counts.append("Full view: faded boxes and lines are outside the focus (only one author, away from the shared "
                      "points and conflicts).")
    if same:
        counts.append(f"They answer {_plural(same, 'question')} alike.")
    if d.reversed_links:
        counts.append(f"{_plural(len(d.reversed_links), 'link')} drawn the other way round (grey label): "
                      "not a conflict, both directions can hold.")
    subtitle = one_line(d) + ". " + " ".join(counts)
    extra = [*legend_rows, *tables]
    if summary:
        extra = [*(esc(line) for line in summary), *extra]
    g.attr(label=_legend(f"{an} and {bn}: where they agree and where they conflict", subtitle,
                         _ordered_categories(taxonomy, used), extra_rows=extra, look=look,
                         category_words="Band: category"))
    return g


def _stance_key(an: str, bn: str, look: Look) -> str:
    cells = []
    for key, words in (("agree", "Both"), ("conflict", "\u2717 Conflict"), ("only_a", f"Only {an}"),
                       ("only_b", f"Only {bn}")):
        s = STANCE_LOOK[key]
        cells.append(f'<TD BGCOLOR="{s["fill"]}" BORDER="{2 if key != "conflict" else 4}" COLOR="{s["line"]}" '
                     f'STYLE="{s["style"]}"><FONT POINT-SIZE="{look.pt(11)}"><B>{esc(words)}</B>: '
                     f'{s["border"]}, {s["edge"]}</FONT></TD>')
    return ('<TABLE ALIGN="LEFT" BORDER="0" CELLSPACING="4" CELLPADDING="4"><TR>' + "".join(cells) + "</TR></TABLE>")


def _questions_table(questions, an: str, bn: str, look: Look) -> str:
    s = STANCE_LOOK["conflict"]
    size = look.pt(11)

    def td(text, fill="#FFFFFF", align="CENTER"):
        return f'<TD ALIGN="{align}" BALIGN="{align}" BGCOLOR="{fill}"><FONT POINT-SIZE="{size}">{text}</FONT></TD>'

    rows = ["<TR>" + td("<B>Questions they answer differently</B>", "#EEEEEE", "LEFT")
            + td(f"<B>{esc(cap(an, 40))}</B>", "#EEEEEE") + td(f"<B>{esc(cap(bn, 40))}</B>", "#EEEEEE") + "</TR>"]
    for q in questions:
        text = "<BR/>".join(esc(l) for l in wrap(q["text"], 60, 3))
        answers = ["<BR/>".join(esc(l) for l in wrap(q[k]["answer_label"], 30, 3)) for k in ("a", "b")]
        rows.append("<TR>" + td(f"\u2717 {text}", align="LEFT") + td(answers[0], STANCE_LOOK["only_a"]["fill"])
                    + td(answers[1], STANCE_LOOK["only_b"]["fill"]) + "</TR>")
    return (f'<TABLE ALIGN="LEFT" BORDER="1" COLOR="{s["line"]}" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">'
            + "".join(rows) + "</TABLE>")


def _diff_node(g, f, item, group, a, b, taxonomy, faded: bool = False, look: Look = PAGE) -> str:
    category = taxonomy.categories.get(item["category"])
    an, bn = a["name"], b["name"]
    s = STANCE_LOOK[group]
    sides = [f"{an}: {_side_words(item['a'])}", f"{bn}: {_side_words(item['b'])}"]
    if group == "conflict":
        words = item["type_label"]
        tag = f"\u2717 {words.upper()}"
        shown_sides = sides
    elif group == "agree":
        words = item["agreement_label"]
        tag = words.upper()
        shown_sides = sides
    else:
        who, side = (an, item["a"]) if group == "only_a" else (bn, item["b"])
        words = f"only {who}"
        tag = f"ONLY {who.upper()}"
        shown_sides = [_side_words(side)]
    ink = FADED_INK if faded else INK
    band = ""
    if category:
        band = (f'<TR><TD BGCOLOR="{FADED_FILL if faded else category.colour}" CELLPADDING="2">'
                f'<FONT POINT-SIZE="{look.pt(10)}" COLOR="{ink}">{esc(cap(category.label, 40))}</FONT></TD></TR>')
    heading = "<BR/>".join(esc(l) for l in wrap(item["label"], 24, 3))
    lines = [l for side in shown_sides for l in wrap(side, 34, 3)] if not look.slide or group == "conflict" else []
    body = "<BR/>".join(esc(l) for l in lines)
    rows = [band,
            f'<TR><TD><FONT POINT-SIZE="{look.pt(13)}" COLOR="{ink}"><B>{heading}</B></FONT></TD></TR>',
            f'<TR><TD><FONT POINT-SIZE="{look.pt(11)}" COLOR="{ink}"><B>{esc(tag)}</B></FONT></TD></TR>']
    if body:
        rows.append(f'<TR><TD><FONT POINT-SIZE="{look.pt(11)}" COLOR="{ink}">{body}</FONT></TD></TR>')
    label = Html('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>")
    tooltip = item["summary"] if group == "conflict" else f"{item['label']}: {words}. " + "; ".join(sides)
    name = g.node_name(("factor", f), item["label"])
    g.node(name, label, fillcolor=FADED_FILL if faded else s["fill"], color=FADED_LINE if faded else s["line"],
           style=f"rounded,filled,{s['style']}", peripheries=s["peripheries"],
           penwidth="3" if group == "conflict" else "2.5", tooltip=tooltip, id=f"node-{f}")
    return name


def _diff_edge(g, tail: str, head: str, group: str, item: dict, a: dict, b: dict, faded: bool, look: Look) -> None:
    an, bn = a["name"], b["name"]
    words = lambda side: " and ".join(RELATION_EDGE_WORDS[r] for r in side["relations"])  # noqa: E731
    inferred = " (inferred by us)" if item.get("inferred") else ""
    if group == "reversed":
        # Each author's own direction, in their own line style: not a conflict.
        for key, who, st in (("a", an, "only_a"), ("b", bn, "only_b")):
            side = item[key]
            s = STANCE_LOOK[st]
            first = tail if side["from"] == item["from"] else head
            second = head if first == tail else tail
            g.edge(first, second, color=FADED_LINE if faded else s["line"], style=s["edge_style"], penwidth="2",
                   arrowhead="tee" if side["polarity"] < 0 else "normal",
                   label="other way round" if key == "a" else "", fontcolor=MUTED,
                   tooltip=f"{item['summary']}", id=f"edge-{side['from']}-{side['to']}")
        return
    s = STANCE_LOOK[group]
    colour = FADED_LINE if faded else s["line"]
    side = item["b"] if group == "only_b" else item["a"]
    attrs = {"style": s["edge_style"], "arrowhead": "tee" if side["polarity"] < 0 else "normal"}
    label = ""
    if group == "conflict":
        attrs["color"] = f"{colour}:white:{colour}"  # a double line
        attrs["penwidth"] = "2"
        label = f"\u2717 {item['type_label']}: {an} {words(item['a'])}, {bn} {words(item['b'])}"
        tooltip = item["summary"]
    else:
        attrs["color"] = colour
        attrs["penwidth"] = "3" if group == "agree" else "2"
        if side["polarity"] < 0:
            label = words(side)
        who = "both" if group == "agree" else f"only {an}" if group == "only_a" else f"only {bn}"
        tooltip = f"{item['from_label']} \u2014 {words(side)} \u2192 {item['to_label']}: {who}{inferred}"
    g.edge(tail, head, label="\n".join(wrap(label, 36, 3)) if label else "",
           fontcolor=FADED_INK if faded else (s["line"] if group == "conflict" else INK),
           fontsize=look.pt(10), tooltip=tooltip, id=f"edge-{item['from']}-{item['to']}", **attrs)


def handout_map(d, taxonomy, outcome: str) -> graphviz.Digraph:
    """A pair's diff for a printed landscape page: the summary lines and each conflict in
    words under the title, then the points both discuss and the conflicts (no neighbours)."""
    lines = handout_lines(d)
    g = diff_map(d, taxonomy, outcome, rankdir="LR", summary=lines, look=HANDOUT)
    g.attr(size="10.8,7.6", margin="0.3")  # A4 or Letter landscape, inside the margins; shrink only
    return g


def handout_lines(d) -> list[str]:
    """The summary lines of a handout: the diff's lead and each conflict in one sentence."""
    from .text import summary_lines

    out = [" ".join(line.split()) for line in summary_lines(d)[1:]  # the first is the subtitle already
           if not line.startswith("Questions they answer differently") and not line.startswith("  ")]
    for item in d.conflicts:
        if item["kind"] != "question":
            out.append(f"\u2717 {item['type_label'].capitalize()}: {item['summary']}")
    return [cap_words(l, 220) for l in out]


def slide(g: graphviz.Digraph) -> graphviz.Digraph:
    """``g`` laid out at 16:9 slide size (13.33 x 7.5 in; 1920 x 1080 px as PNG)."""
    g.attr(size="13.333,7.5!", ratio="0.5625", dpi="144", pad="0")
    return g


# --- the whole debate ----------------------------------------------------------------

def consensus_map(c: dict, profiles, taxonomy, outcome: str, rankdir: str = "LR", one_author_links: bool = False,
                  look: Look = PAGE) -> graphviz.Digraph:
    """The factor links authors share; the width says how many draw each.

    Links only one author draws are hidden unless ``one_author_links`` (then thin and grey);
    factors no shared link touches are left out, and counted in the subtitle.
    """
    g = _new_graph("Consensus map", rankdir, look)
    n_authors = len(profiles)
    # Authors agree on a link only when they draw it the same way round and with the same
    # sign: "A causes B" and "A undermines B" are counted apart.
    by_link: dict[tuple, list[str]] = {}
    for p in profiles:
        for (source, target), edge in p.compared_links(c.include_inferred).items():
            by_link.setdefault((source, target, -1 if edge["polarity"] < 0 else 1), []).append(p.id)
    hidden = 0
    if not one_author_links:
        hidden = sum(1 for v in by_link.values() if len(v) < 2)
        by_link = {k: v for k, v in by_link.items() if len(v) >= 2}
    factors = {f for key in by_link for f in key[:2]}
    used = set()
    rows = {r["factor"]: r for r in c.matrix}
    names = {x["id"]: x["name"] for x in c.authors}
    node = {}
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
            footer += f"<BR/><B>\u2717 a view of it rejected by {len(rejecters)}</B>"
        label = _factor_label(taxonomy, f)
        node[f] = g.node_name(("factor", f), label)
        g.node(node[f], _label(label, [], footer, look=look),
               fillcolor=taxonomy.categories[fac.category].colour if fac else "#FFFFFF",
               penwidth=str(1 + 1.5 * len(holders) / max(n_authors, 1) * 2),
               tooltip=f"{label}: asserted by {', '.join(names[i] for i in holders) or 'nobody'}"
                       + (f"; a view of it rejected by {', '.join(names[i] for i in rejecters)}" if rejecters else ""),
               id=f"node-{f}")
    node[outcome] = _outcome_node(g, taxonomy, outcome, look)
    for (s, t, sign), holders in sorted(by_link.items()):
        count = len(holders)
        colour = NEGATIVE if sign < 0 else (INK if count > 1 else MUTED)
        how = "held back" if sign < 0 else "drove"
        g.edge(node[s], node[t], penwidth=str(0.8 + 2.2 * (count - 1)), color=colour,
               arrowhead="tee" if sign < 0 else "normal",
               label=f"{count} authors" if count > 1 else "", fontsize=look.pt(11), fontcolor=colour,
               tooltip=f"{_factor_label(taxonomy, s)} {how} {_factor_label(taxonomy, t)}: drawn by "
                       f"{', '.join(names[i] for i in holders)}")
    what = ("Links between factors drawn by any of the authors; line width and number: how many draw it. "
            "Grey, thin: one author only." if one_author_links else
            f"Links between factors that two or more of the {n_authors} authors draw the same way; line width "
            f"and number: how many. {_plural(hidden, 'link')} drawn by one author only are hidden "
            "(argmap render --all --one-author-links shows them).")
    g.attr(label=_legend("Consensus map: the links authors share",
                         what + " Red with a flat head: the link holds the effect back.",
                         _ordered_categories(taxonomy, used), look=look))
    return g


def _factor_label(taxonomy, f: str) -> str:
    fac = taxonomy.factors.get(f)
    return fac.label if fac else "A point of the taxonomy"


def matrix_figure(c: dict, taxonomy, look: Look = PAGE) -> graphviz.Digraph:
    """The factor x author matrix as a table figure."""
    g = SafeDigraph("Who says what")
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
                words = REJECTION_CELL_WORDS[strongest_scope(cell.get("scopes") or ())].lower()
                cells.append(f'<TD BGCOLOR="{colour}"><B>{esc(cell["role_label"])}</B><BR/>'
                             f'<FONT COLOR="{NEGATIVE}">\u2717 {esc(words)}</FONT></TD>')
            elif cell["stance"] == "rejects":
                words = REJECTION_CELL_WORDS[strongest_scope(cell.get("scopes") or ())].lower()
                cells.append(f'<TD BGCOLOR="#FFFFFF"><FONT COLOR="{NEGATIVE}"><B>\u2717 {esc(words)}</B></FONT></TD>')
            else:
                cells.append('<TD BGCOLOR="#FFFFFF"><FONT COLOR="#777777">silent</FONT></TD>')
        rows.append(f'<TR><TD ALIGN="LEFT" BGCOLOR="{colour}">{esc(cap(r["label"], 80))}</TD>{"".join(cells)}</TR>')
    table = _figure_table("Who says what: factor \u00d7 author",
                          "The role where the author asserts the factor; \u2717 what the author rejects (the factor, "
                          "the factor as the sole cause, or a reading of it); silent where the text does not discuss "
                          "it. Row colour: category.", rows, len(c.ids) + 1, look)
    g.node("Who says what, factor by author", table, shape="plain", fontname=FONT, fontsize=look.pt(12),
           tooltip="Who says what: factor by author")
    return g


def _figure_table(title: str, note: str, rows: list[str], columns: int, look: Look) -> Html:
    """A table figure: a title and a note over ``rows`` (HTML-like rows built with :func:`esc`)."""
    return Html(f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="{5 * look.scale:g}" '
                f'COLOR="#BBBBBB"><TR><TD COLSPAN="{columns}" BORDER="0" ALIGN="LEFT">'
                f'<FONT POINT-SIZE="{look.pt(18)}"><B>{esc(title)}</B></FONT><BR/>'
                f'<FONT POINT-SIZE="{look.pt(11)}">{esc(note)}</FONT></TD></TR>' + "".join(rows) + "</TABLE>>")


def questions_figure(c: dict, taxonomy, look: Look = PAGE) -> graphviz.Digraph:
    """The question x author table as a figure: each author's answer in words.

    Answers take the stance colours of the diff in order of the question's answers (first
    answer blue, second sand, further ones teal), with the words always written.
    """
    g = SafeDigraph("The contested questions")
    g.attr(fontname=FONT, bgcolor="white", pad="0.2")
    names = {a["id"]: a["name"] for a in c.authors}
    head = "".join(f'<TD BGCOLOR="#EEEEEE"><B>{esc(cap(names[i], 40))}</B></TD>' for i in c.ids)
    rows = [f'<TR><TD BGCOLOR="#EEEEEE" ALIGN="LEFT"><B>Question</B></TD>{head}</TR>']
    fills = [STANCE_LOOK["only_a"]["fill"], STANCE_LOOK["only_b"]["fill"], STANCE_LOOK["agree"]["fill"], "#DDDDDD"]
    for q in c.questions:
        order = {a["id"]: n for n, a in enumerate(q["answers"])}
        cells = []
        for i in c.ids:
            cell = q["cells"][i]
            if not cell.get("answer"):
                cells.append('<TD BGCOLOR="#FFFFFF"><FONT COLOR="#777777">silent</FONT></TD>')
                continue
            fill = fills[min(order.get(cell["answer"], 3), 3)]
            answer = "<BR/>".join(esc(l) for l in wrap(cell["answer_label"], 24, 3))
            basis = f'<BR/><FONT POINT-SIZE="{look.pt(9)}"><I>{esc(cell["basis_label"])}</I></FONT>' \
                if cell.get("basis_label") else ""
            cells.append(f'<TD BGCOLOR="{fill}">{answer}{basis}</TD>')
        text = "<BR/>".join(esc(l) for l in wrap(q["text"], 48, 4))
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{text}</TD>{"".join(cells)}</TR>')
    table = _figure_table("The contested questions: how each author answers",
                          "Each answer in words, how we know it in italics (stated by the author, or our reading); "
                          "same colour, same answer; silent where the text does not say.", rows, len(c.ids) + 1, look)
    g.node("The contested questions, question by author", table, shape="plain", fontname=FONT,
           fontsize=look.pt(11), tooltip="The contested questions: how each author answers")
    return g
