"""The whole debate at a glance: aligned small multiples, the consensus map, the matrix.

Small multiples put one panel per author side by side with **every factor in the same place
in every panel**, so the eye compares authors without hunting: factors stand in columns by
category (:func:`grid_positions`), each panel pins its nodes there and Graphviz routes the
author's links (``neato -n2``). A panel draws only what its author discusses: a factor the
author is silent on is an empty place.
"""

from __future__ import annotations

import math
from pathlib import Path

from . import diagrams, engine
from argmap.format import REJECTION_CELL_WORDS, ROLE_LABELS, stance_label, strongest_scope

from .diagrams import FONT, INK, NEGATIVE, ROLE_STYLE, Html, esc, wrap
from .escape import cap

PANEL_GAP = 60.0   # points between panels
ROWS = 11          # factors in a column of a panel at most
COL_GAP, ROW_GAP = 26.0, 16.0  # points between the boxes of a panel
NODE_W, NODE_H = 2.0, 0.9  # inches: every panel's boxes, fixed so that the panels align
TITLE_SPACE = 40.0  # points above each panel for the author's name


def grid_positions(profiles, taxonomy, outcome: str) -> tuple[dict, tuple]:
    """A place (centre, in points) for every factor any author discusses, the same in every panel.

    Factors stand in columns by category, in taxonomy order (a category of more than
    ``ROWS`` factors takes several columns); the outcome stands alone on the right. Returns
    the places and the panel's width and height.
    """
    discussed = {f for p in profiles for f in p.positions} - {outcome}
    order = {f: i for i, f in enumerate(taxonomy.factors)}
    columns: list[list[str]] = []
    for cat in taxonomy.categories.values():
        members = sorted((f for f in discussed if getattr(taxonomy.factors.get(f), "category", None) == cat.id),
                         key=lambda f: (order.get(f, len(order)), f))
        for start in range(0, len(members), ROWS):
            columns.append(members[start:start + ROWS])
    strays = sorted(f for f in discussed if f not in taxonomy.factors)
    if strays:
        columns.append(strays)
    step_x, step_y = NODE_W * 72 + COL_GAP, NODE_H * 72 + ROW_GAP
    rows = max((len(c) for c in columns), default=1)
    height = rows * step_y
    pos = {}
    for x, column in enumerate(columns):
        for y, f in enumerate(column):
            pos[f] = (x * step_x + step_x / 2, height - (y * step_y + step_y / 2))
    pos[outcome] = (len(columns) * step_x + step_x / 2, height / 2)
    return pos, ((len(columns) + 1) * step_x, height)


def small_multiples(profiles, taxonomy, outcome: str, rankdir: str = "TB") -> str:
    """DOT source (for ``neato -n2``) of aligned panels, one per author.

    Each panel draws only what its author discusses, at the place the factor has in every
    panel, so the panels align and silence is an empty place.
    """
    nodes, (width, height) = grid_positions(profiles, taxonomy, outcome)
    factors = sorted(nodes)
    columns = min(len(profiles), 3) or 1
    rows = math.ceil(len(profiles) / columns)
    g = diagrams.SafeDigraph("Each author at a glance")
    g.attr(bgcolor="white", pad="0.3", splines="curved", outputorder="edgesfirst")
    g.attr("node", shape="box", style="rounded,filled", fixedsize="true", width=f"{NODE_W:g}",
           height=f"{NODE_H:g}", fontname=FONT, fontsize="12")
    g.attr("edge", color=INK, arrowsize="0.8")
    for index, p in enumerate(profiles):
        col, row = index % columns, index // columns
        dx = col * (width + PANEL_GAP)
        dy = (rows - 1 - row) * (height + PANEL_GAP + TITLE_SPACE)
        title = f"{p.thesis.name}" + (f" ({p.thesis.year})" if p.thesis.year else "")
        g.node(g.node_name(("title", p.id), f"Panel of {title}"), Html(f"<<B>{esc(cap(title, 80))}</B>>"),
               shape="plaintext", style="", fixedsize="false", fontsize="22",
               pos=f"{dx + width / 2:.2f},{dy + height + TITLE_SPACE / 2:.2f}!", tooltip=title)
        g.node(g.node_name(("frame", p.id), f"Frame of {title}"), "", shape="box", style="rounded",
               color="#CCCCCC", fixedsize="true", width=f"{(width + 20) / 72:.3f}", height=f"{(height + 20) / 72:.3f}",
               pos=f"{dx + width / 2:.2f},{dy + height / 2:.2f}!", tooltip=title)
        names = {}
        for f in factors:
            if f != outcome and p.stance(f) == "silent":
                continue
            x, y = nodes[f]
            names[f] = _panel_node(g, p, f, taxonomy, outcome, x + dx, y + dy)
        for key in sorted(p.links):
            if key[0] not in names or key[1] not in names:
                continue
            edge = p.links[key]
            g.edge(names[key[0]], names[key[1]],
                   style="dashed" if edge["inferred"] else "solid", arrowhead="tee" if edge["polarity"] < 0 else "normal",
                   color=NEGATIVE if edge["polarity"] < 0 else INK, penwidth="1.6",
                   tooltip=f"{p.thesis.name}: {_label(taxonomy, key[0])} \u2192 {_label(taxonomy, key[1])}"
                           + (" (inferred by us)" if edge["inferred"] else ""))
    g.attr(labelloc="t", labeljust="l", fontname=FONT, fontsize="13", label=Html(f"<{_legend_text(profiles, taxonomy)}>"))
    return g.source


def _label(taxonomy, f: str) -> str:
    fac = taxonomy.factors.get(f)
    return fac.label if fac else "the outcome"


def _panel_node(g, p, f, taxonomy, outcome, x, y) -> str:
    label = _label(taxonomy, f)
    fac = taxonomy.factors.get(f)
    name = g.node_name((p.id, f), f"{p.thesis.name}, {label}")
    text = "<BR/>".join(esc(l) for l in wrap(label, 22, 3))
    pos = f"{x:.2f},{y:.2f}!"
    if f == outcome:
        g.node(name, Html(f"<<B>{text}</B>>"), pos=pos, style="filled", fillcolor="#DDDDDD", penwidth="2.5",
               tooltip=f"The outcome: {label}")
        return name
    stance = p.stance(f)
    scopes = p.scopes(f)
    # What is rejected, the factor or less; a tag longer than the box is wide takes two lines.
    tag = f"\u2717 {REJECTION_CELL_WORDS[strongest_scope(scopes)].upper()}"
    rejected = "<BR/>".join(esc(line) for line in (wrap(tag, 14) if len(tag) > 19 else [tag]))
    if stance == "rejects":
        g.node(name, Html(f'<{text}<BR/><FONT POINT-SIZE="11" COLOR="{NEGATIVE}"><B>{rejected}</B></FONT>>'),
               pos=pos, style="rounded,filled,dashed", fillcolor="white", color=NEGATIVE, penwidth="2",
               tooltip=f"{p.thesis.name} {stance_label(stance, scopes)}: {label}")
        return name
    role = p.positions[f]["role"]
    words = ROLE_LABELS[role]
    colour = taxonomy.categories[fac.category].colour if fac else "#FFFFFF"
    attrs = {k: v for k, v in ROLE_STYLE[role].items() if k != "shape"}
    mixed = stance == "mixed"
    extra = f'<BR/><FONT POINT-SIZE="10" COLOR="{NEGATIVE}"><B>{rejected}</B></FONT>' if mixed else ""
    also = f"; {stance_label('rejects', scopes)}" if mixed else ""
    g.node(name, Html(f'<{text}<BR/><FONT POINT-SIZE="11"><B>{esc(words.upper())}</B></FONT>{extra}>'), pos=pos,
           fillcolor=colour, tooltip=f"{p.thesis.name}: {label} ({words}{also})", **attrs)
    return name


def _legend_text(profiles, taxonomy) -> str:
    used = {taxonomy.factors[f].category for p in profiles for f in p.positions if f in taxonomy.factors}
    cats = "".join(f'<TD BGCOLOR="{c.colour}" BORDER="1" COLOR="#999999">{esc(cap(c.label, 60))}</TD>'
                   for c in taxonomy.categories.values() if c.id in used)
    return ('<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">'
            '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="24"><B>Each author at a glance: one panel per author</B></FONT>'
            '</TD></TR>'
            '<TR><TD ALIGN="LEFT">Every factor stands in the same place in every panel; an empty place is a factor '
            'the author does not discuss. Filled: the author asserts it (heavy border: root or main cause; thin: '
            'contributing). Red dashed: rejects it, or, as its tag says, only as the sole cause or one reading of it; '
            'red tag on a filled box: asserts it and rejects a view of it.</TD></TR>'
            '<TR><TD ALIGN="LEFT">Arrows: the author\'s links between factors (dashed: inferred by us; '
            'flat red head: holds the effect back).</TD></TR>'
            f'<TR><TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>'
            f'<TD>Fill: category</TD>{cats}</TR></TABLE></TD></TR></TABLE>')


def write_overview(profiles, taxonomy, folder: Path, fmt: str = "svg", rankdir: str = "LR", slide: bool = False,
                   one_author_links: bool = False) -> list[Path]:
    """Every thesis map, the small multiples, the consensus map, the matrix and the questions, into ``folder``.

    ``slide``: every figure at 16:9 slide size with large type; ``one_author_links``: the
    consensus map also draws the links only one author draws.
    """
    from argmap.compare import compare
    from argmap.graphs import thesis_graph

    folder.mkdir(parents=True, exist_ok=True)
    outcome = taxonomy.outcome
    written = []
    look = diagrams.SLIDE if slide else diagrams.PAGE

    def fit(g):
        return diagrams.slide(g).source if slide else g.source

    for p in profiles:
        dot = diagrams.thesis_map(thesis_graph(p.thesis, taxonomy), taxonomy, p.thesis, rankdir, look=look)
        written.append(engine.write(fit(dot), folder / f"{p.id}.{fmt}", slide=slide))
    multiples = small_multiples(profiles, taxonomy, outcome, rankdir)
    if slide:
        multiples = multiples.rstrip().rstrip("}") + '\tgraph [size="13.333,7.5!" ratio=0.5625 dpi=144 pad=0]\n}\n'
    written.append(engine.write(multiples, folder / f"multiples.{fmt}", layout="neato", extra=("-n2",), slide=slide))
    c = compare(profiles, taxonomy)
    consensus = diagrams.consensus_map(c, profiles, taxonomy, outcome, rankdir, one_author_links, look=look)
    written.append(engine.write(fit(consensus), folder / f"consensus.{fmt}", slide=slide))
    written.append(engine.write(fit(diagrams.matrix_figure(c, taxonomy, look=look)), folder / f"matrix.{fmt}",
                                slide=slide))
    written.append(engine.write(fit(diagrams.questions_figure(c, taxonomy, look=look)), folder / f"questions.{fmt}",
                                slide=slide))
    return written
