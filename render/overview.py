"""The whole debate at a glance: aligned small multiples, the consensus map, the matrix.

Small multiples put one panel per author side by side with **every factor in the same place
in every panel**, so the eye compares authors without hunting. Graphviz lays out the union
of all authors' factor graphs once (``dot``); each panel then pins its nodes and reuses the
edge routes at those positions (``neato -n2``). A factor an author does not discuss stays
in its place as a faint outline, so silence is visible as silence.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from . import diagrams, engine
from argmap.format import ROLE_LABELS

from .diagrams import FONT, INK, MUTED, NEGATIVE, ROLE_STYLE, esc, wrap
from .escape import cap, dot_quoted

PANEL_GAP = 60.0   # points between panels
TITLE_SPACE = 40.0  # points above each panel for the author's name
# A union with more links than this is laid out with dot's own limits (fewer crossing-
# minimisation and network-simplex passes, straight edges): minutes become seconds on a
# class of theses, and the bundled debate (about 150 links) keeps its full-quality layout.
BIG_UNION = 300
FAST_LAYOUT = ("-Gmclimit=0.01", "-Gnslimit=1", "-Gnslimit1=1", "-Gsplines=line")


def _union_source(profiles, taxonomy, outcome: str, rankdir: str) -> tuple[str, list, list]:
    """DOT of the union of all factor graphs, with fixed-size nodes so panels can reuse it."""
    factors = sorted({f for p in profiles for f in p.positions} | {outcome})
    links = sorted({key for p in profiles for key in p.links})
    lines = [f'digraph union {{ rankdir={rankdir}; nodesep=0.35; ranksep=0.55; newrank=true;',
             f'node [shape=box, fixedsize=true, width=1.9, height=0.75, fontname="{FONT}", fontsize=10];']
    for f in factors:
        lines.append(f'"{f}";')
    lines.append(f'{{ rank=sink; "{outcome}"; }}')
    for s, t in links:
        lines.append(f'"{s}" -> "{t}";')
    lines.append("}")
    return "\n".join(lines), factors, links


def _layout(source: str, extra: tuple = ()) -> tuple[dict, dict, tuple]:
    """Node centres and edge routes (in points) from dot's JSON output, and the bounding box."""
    data = json.loads(engine.run(source, "json", extra=extra))
    nodes = {}
    by_id = {}
    for obj in data.get("objects", []):
        if "pos" in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            nodes[obj["name"]] = (x, y)
            by_id[obj["_gvid"]] = obj["name"]
    edges = {}
    for edge in data.get("edges", []):
        edges[(by_id[edge["tail"]], by_id[edge["head"]])] = edge["pos"]
    x0, y0, x1, y1 = (float(v) for v in data["bb"].split(","))
    return nodes, edges, (x1 - x0, y1 - y0)


def _shift_route(pos: str, dx: float, dy: float) -> str:
    """Move a Graphviz edge route (``e,x,y x,y ...``) by (dx, dy)."""
    out = []
    for token in pos.split():
        prefix = ""
        if token[:2] in ("e,", "s,"):
            prefix, token = token[:2], token[2:]
        x, y = (float(v) for v in token.split(","))
        out.append(f"{prefix}{x + dx:.2f},{y + dy:.2f}")
    return " ".join(out)


def small_multiples(profiles, taxonomy, outcome: str, rankdir: str = "TB") -> str:
    """DOT source (for ``neato -n2``) of aligned panels, one per author."""
    source, factors, links = _union_source(profiles, taxonomy, outcome, rankdir)
    nodes, routes, (width, height) = _layout(source, FAST_LAYOUT if len(links) > BIG_UNION else ())
    columns = min(len(profiles), 3) or 1
    rows = math.ceil(len(profiles) / columns)
    out = ['digraph multiples {', 'graph [bgcolor=white, pad=0.3, splines=true, outputorder=edgesfirst];',
           f'node [shape=box, style="rounded,filled", fixedsize=true, width=1.9, height=0.75, fontname="{FONT}", fontsize=10];',
           f'edge [color="{INK}", arrowsize=0.7];']
    for index, p in enumerate(profiles):
        col, row = index % columns, index // columns
        dx = col * (width + PANEL_GAP)
        dy = (rows - 1 - row) * (height + PANEL_GAP + TITLE_SPACE)
        title = f"{p.thesis.name}" + (f" ({p.thesis.year})" if p.thesis.year else "")
        out.append(f'"title_{p.id}" [shape=plaintext, style="", fixedsize=false, fontsize=16, '
                   f'label=<<B>{esc(cap(title, 80))}</B>>, pos="{dx + width / 2:.2f},{dy + height + TITLE_SPACE / 2:.2f}!"];')
        out.append(f'"frame_{p.id}" [shape=box, style="rounded", color="#CCCCCC", label="", fixedsize=true, '
                   f'width={(width + 20) / 72:.3f}, height={(height + 20) / 72:.3f}, '
                   f'pos="{dx + width / 2:.2f},{dy + height / 2:.2f}!"];')
        for f in factors:
            x, y = nodes[f]
            out.append(_panel_node(p, f, taxonomy, outcome, x + dx, y + dy))
        for key in sorted(p.links):
            if key not in routes:
                continue
            edge = p.links[key]
            style = "dashed" if edge["inferred"] else "solid"
            head = "tee" if edge["polarity"] < 0 else "normal"
            colour = NEGATIVE if edge["polarity"] < 0 else INK
            out.append(f'"{p.id}__{key[0]}" -> "{p.id}__{key[1]}" [pos="{_shift_route(routes[key], dx, dy)}", '
                       f'style={style}, arrowhead={head}, color="{colour}", penwidth=1.4];')
    out.append(f'graph [labelloc=t, labeljust=l, fontname="{FONT}", fontsize=11, '
               f'label=<{_legend_text(profiles, taxonomy)}>];')
    out.append("}")
    return "\n".join(out)


def _panel_node(p, f, taxonomy, outcome, x, y) -> str:
    fac = taxonomy.factors.get(f)
    label = fac.label if fac else f
    name = f"{p.id}__{f}"
    text = "<BR/>".join(esc(l) for l in wrap(label, 22, 2))
    pos = f'pos="{x:.2f},{y:.2f}!"'
    if f == outcome:
        return f'"{name}" [{pos}, style=filled, fillcolor="#DDDDDD", penwidth=2.5, label=<<B>{text}</B>>];'
    stance = p.stance(f)
    if stance == "silent":
        return (f'"{name}" [{pos}, style="rounded,dotted", color="#BBBBBB", fontcolor="#AAAAAA", '
                f'label=<{text}<BR/><FONT POINT-SIZE="8">silent</FONT>>, '
                f'tooltip={dot_quoted(f"{p.thesis.name} is silent on {label}")}];')
    if stance == "rejects":
        return (f'"{name}" [{pos}, style="rounded,filled,dashed", fillcolor=white, color="{NEGATIVE}", penwidth=2, '
                f'label=<{text}<BR/><FONT POINT-SIZE="9" COLOR="{NEGATIVE}"><B>\u2717 REJECTS</B></FONT>>, '
                f'tooltip={dot_quoted(f"{p.thesis.name} rejects {label}")}];')
    role = p.positions[f]["role"]
    words = ROLE_LABELS[role]
    colour = taxonomy.categories[fac.category].colour if fac else "#FFFFFF"
    attrs = ", ".join(f'{k}="{v}"' for k, v in ROLE_STYLE[role].items() if k != "shape")
    mixed = stance == "mixed"
    extra = f'<BR/><FONT POINT-SIZE="8" COLOR="{NEGATIVE}"><B>\u2717 REJECTS A READING</B></FONT>' if mixed else ""
    also = "; rejects a reading of it" if mixed else ""
    return (f'"{name}" [{pos}, fillcolor="{colour}", {attrs}, '
            f'label=<{text}<BR/><FONT POINT-SIZE="9"><B>{esc(words.upper())}</B></FONT>{extra}>, '
            f'tooltip={dot_quoted(f"{p.thesis.name}: {label} ({words}{also})")}];')


def _legend_text(profiles, taxonomy) -> str:
    used = {taxonomy.factors[f].category for p in profiles for f in p.positions if f in taxonomy.factors}
    cats = "".join(f'<TD BGCOLOR="{c.colour}" BORDER="1" COLOR="#999999">{esc(cap(c.label, 60))}</TD>'
                   for c in taxonomy.categories.values() if c.id in used)
    return ('<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="2">'
            '<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="18"><B>Aligned small multiples: one panel per author</B></FONT></TD></TR>'
            '<TR><TD ALIGN="LEFT">Every factor stands in the same place in every panel. Filled: the author asserts it '
            '(heavy border: root or main cause; thin: contributing). Red dashed: rejects it; red tag: asserts it and rejects a reading of it. Faint dotted: silent.</TD></TR>'
            '<TR><TD ALIGN="LEFT">Arrows: the author\'s links between factors (dashed: inferred by us; '
            'flat red head: holds the effect back).</TD></TR>'
            f'<TR><TD ALIGN="LEFT"><TABLE ALIGN="LEFT" BORDER="0" CELLSPACING="3" CELLPADDING="3"><TR>'
            f'<TD>Fill: category</TD>{cats}</TR></TABLE></TD></TR></TABLE>')


def write_overview(profiles, taxonomy, folder: Path, fmt: str = "svg", rankdir: str = "LR") -> list[Path]:
    """Every thesis map, the small multiples, the consensus map and the matrix, into ``folder``."""
    from argmap.compare import compare
    from argmap.graphs import thesis_graph

    folder.mkdir(parents=True, exist_ok=True)
    outcome = taxonomy.outcome
    written = []
    for p in profiles:
        dot = diagrams.thesis_map(thesis_graph(p.thesis, taxonomy), taxonomy, p.thesis, rankdir)
        written.append(engine.write(dot.source, folder / f"{p.id}.{fmt}"))
    written.append(engine.write(small_multiples(profiles, taxonomy, outcome, rankdir),
                                folder / f"multiples.{fmt}", layout="neato", extra=("-n2",)))
    c = compare(profiles, taxonomy)
    written.append(engine.write(diagrams.consensus_map(c, profiles, taxonomy, outcome, rankdir).source,
                                folder / f"consensus.{fmt}"))
    written.append(engine.write(diagrams.matrix_figure(c, taxonomy).source, folder / f"matrix.{fmt}"))
    return written
