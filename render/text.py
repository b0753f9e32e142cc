"""Diffs and comparisons as terminal text, Markdown and CSV.

Each function takes the JSON-ready dicts of :mod:`argmap.compare` and returns a string, so
the same data is shown the same way by the CLI, the briefs and the report.
"""

from __future__ import annotations

import csv
import io

import click

from .escape import csv_cell, md

MARK = {"shared": "=", "only_a": "+", "only_b": "+", "conflicts": "!"}
STANCE_SHORT = {"asserts": "yes", "rejects": "REJECTS", "silent": "-"}


def _style(text: str, colour: bool, **kw) -> str:
    return click.style(text, **kw) if colour else text


def locator_text(loc: dict) -> str:
    parts = [f"line {loc['line']}"]
    if "page" in loc:
        parts.append(f"p. {loc['page']}")
    if loc.get("chapter"):
        parts.append(str(loc["chapter"]))
    return ", ".join(parts)


def quote_text(e: dict) -> str:
    cites = f" [cites: {e['cites']}]" if e.get("cites") else ""
    return f"\u201c{e['quote'].strip()}\u201d ({locator_text(e['locator'])}){cites}"


def _item_title(item: dict) -> str:
    if item["kind"] == "factor":
        return item["label"]
    return f"{item['from_label']} \u2192 {item['to_label']}"


def _side_lines(side: dict, who: str, all_evidence: bool) -> list[str]:
    """What one author says on an item: claims or links, with evidence."""
    if side["stance"] == "silent":
        return [f"{who}: silent"]
    lines = []
    if "claims" in side:
        for c in side["claims"]:
            term = f", \u201c{c['author_term']}\u201d" if c.get("author_term") else ""
            lines.append(f"{who}: {c['text']} [{c['role']}{term}]")
            lines += [f"    {quote_text(e)}" for e in (c["evidence"] if all_evidence else c["evidence"][:1])]
        for r in side["rejections"]:
            lines.append(f"{who} rejects: {r['text']}")
            lines += [f"    {quote_text(e)}" for e in (r["evidence"] if all_evidence else r["evidence"][:1])]
    else:
        for link in side["links"]:
            how = "inferred" if link["inferred"] else "stated"
            lines.append(f"{who}: {link['from']} {link['relation']} {link['to']} ({how})")
            lines += [f"    {quote_text(e)}" for e in (link["evidence"] if all_evidence else link["evidence"][:1])]
    return lines


def diff_text(d: dict, colour: bool = False) -> str:
    from argmap.compare import one_line

    a, b = d["a"], d["b"]
    out = [_style(f"{a['author']} ({a['id']}) vs {b['author']} ({b['id']})", colour, bold=True),
           one_line(d)]
    if d["ranking_agreement"] is not None:
        out.append(f"ranking agreement on shared factors (Kendall's tau): {d['ranking_agreement']:+.2f}")
    sections = [
        ("conflicts", "Conflicts", "red"),
        ("shared", "Both assert", "green"),
        ("only_a", f"Only {a['id']} ({b['id']} is silent)", "cyan"),
        ("only_b", f"Only {b['id']} ({a['id']} is silent)", "magenta"),
    ]
    for key, title, fg in sections:
        items = d[key]
        out.append("")
        out.append(_style(f"{title} ({len(items)})", colour, bold=True, fg=fg))
        if not items:
            out.append("  (none)")
        for item in items:
            head = item["summary"] if key == "conflicts" else _item_title(item)
            out.append(f"  {MARK[key]} {head}")
            for side, who in (("a", a["id"]), ("b", b["id"])):
                if key == "only_a" and side == "b" or key == "only_b" and side == "a":
                    continue
                out += [f"      {line}" for line in _side_lines(item[side], who, all_evidence=False)]
    return "\n".join(out) + "\n"


def _md_escape(text) -> str:
    return md(text)


def diff_markdown(d: dict, heading: int = 1) -> str:
    from argmap.compare import one_line

    a, b = d["a"], d["b"]
    h = "#" * heading
    out = [f"{h} {a['author']} vs {b['author']}", "",
           f"*{a['work']}* ({a['id']}) against *{b['work']}* ({b['id']}).", "",
           f"**Summary:** {one_line(d)}."]
    if d["ranking_agreement"] is not None:
        out.append(f"Ranking agreement on shared factors (Kendall's tau): {d['ranking_agreement']:+.2f}.")
    sections = [("conflicts", "Conflicts"), ("shared", "Both assert"),
                ("only_a", f"Only {a['author']} ({b['author']} is silent)"),
                ("only_b", f"Only {b['author']} ({a['author']} is silent)")]
    for key, title in sections:
        out += ["", f"{h}# {title} ({len(d[key])})", ""]
        if not d[key]:
            out.append("None.")
        for item in d[key]:
            head = item["summary"] if key == "conflicts" else _item_title(item)
            out.append(f"- **{_md_escape(head)}**")
            for side, who in (("a", a["author"]), ("b", b["author"])):
                if key == "only_a" and side == "b" or key == "only_b" and side == "a":
                    continue
                lines = _side_lines(item[side], who, all_evidence=True)
                out += [f"  - {_md_escape(l.strip())}" if not l.startswith("    ")
                        else f"    - {_md_escape(l.strip())}" for l in lines]
    return "\n".join(out) + "\n"


def _cell(cell: dict) -> str:
    if cell["stance"] == "asserts":
        return cell["role"]
    return STANCE_SHORT[cell["stance"]]


def compare_text(c: dict, colour: bool = False) -> str:
    ids = c["ids"]
    out = [_style("Factor x author (role where asserted, REJECTS, - silent)", colour, bold=True)]
    width = max([len(r["label"]) for r in c["matrix"]] + [6])
    col = max([len(i) for i in ids] + [12])
    out.append(" " * width + "  " + "  ".join(i.ljust(col) for i in ids))
    for row in c["matrix"]:
        cells = []
        for i in ids:
            text = _cell(row["cells"][i]).ljust(col)
            if row["cells"][i]["stance"] == "rejects":
                text = _style(text, colour, fg="red", bold=True)
            cells.append(text)
        out.append(row["label"].ljust(width) + "  " + "  ".join(cells))
    out += ["", _style("Categories", colour, bold=True)]
    for row in c["categories"]:
        out.append(row["label"].ljust(width) + "  " + "  ".join(row["stances"][i].ljust(col) for i in ids))
    out += ["", _style("Pairwise agreement", colour, bold=True)]
    for p in c["pairs"]:
        tau = "n/a" if p["ranking_agreement"] is None else f"{p['ranking_agreement']:+.2f}"
        out.append(f"  {p['a']} ~ {p['b']}: {p['agreement']:.0%} (ranking tau {tau}; "
                   f"{p['shared']} shared, {p['conflicts']} conflicts)")
    out += ["", _style("Consensus links (drawn by 2+ authors)", colour, bold=True)]
    out += [f"  {l['from_label']} \u2192 {l['to_label']}: {', '.join(l['authors'])}" for l in c["consensus_links"]] \
        or ["  (none)"]
    out += ["", _style("Most contested", colour, bold=True)]
    for item in c["contested"][:10]:
        name = item["label"] if item["kind"] == "factor" else f"{item['from_label']} \u2192 {item['to_label']}"
        out.append(f"  {name}: {item['conflicting_pairs']} conflicting pair(s) ({', '.join(item['types'])})")
    if not c["contested"]:
        out.append("  (none)")
    return "\n".join(out) + "\n"


def compare_markdown(c: dict, heading: int = 1) -> str:
    h = "#" * heading
    ids = c["ids"]
    names = {a["id"]: a["author"] for a in c["authors"]}
    out = [f"{h} Comparison of {len(ids)} authors", "", f"{h}# Factor \u00d7 author", "",
           "| factor | " + " | ".join(ids) + " |", "|---|" + "---|" * len(ids)]
    for row in c["matrix"]:
        out.append(f"| {_md_escape(row['label'])} | " + " | ".join(_cell(row["cells"][i]) for i in ids) + " |")
    out += ["", "Cells: the author's role for the factor where they assert it; REJECTS; - where silent.",
            "", f"{h}# Categories", "", "| category | " + " | ".join(ids) + " |", "|---|" + "---|" * len(ids)]
    for row in c["categories"]:
        out.append(f"| {_md_escape(row['label'])} | " + " | ".join(row["stances"][i] for i in ids) + " |")
    out += ["", f"{h}# Pairwise agreement", "", "| pair | agreement | ranking tau | shared | conflicts |",
            "|---|---|---|---|---|"]
    for p in c["pairs"]:
        tau = "n/a" if p["ranking_agreement"] is None else f"{p['ranking_agreement']:+.2f}"
        out.append(f"| {_md_escape(names[p['a']])} ~ {_md_escape(names[p['b']])} | {p['agreement']:.0%} | {tau} | {p['shared']} | "
                   f"{p['conflicts']} |")
    out += ["", f"{h}# Consensus links", ""]
    out += [f"- {_md_escape(l['from_label'])} \u2192 {_md_escape(l['to_label'])}: {', '.join(l['authors'])}"
            for l in c["consensus_links"]] or ["None."]
    out += ["", f"{h}# Most contested", ""]
    for item in c["contested"]:
        name = item["label"] if item["kind"] == "factor" else f"{item['from_label']} \u2192 {item['to_label']}"
        out.append(f"- **{_md_escape(name)}**: {item['conflicting_pairs']} conflicting pair(s) "
                   f"({', '.join(item['types'])})")
    if not c["contested"]:
        out.append("None.")
    return "\n".join(out) + "\n"


def matrix_csv(c: dict) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["factor", "label", "category", *c["ids"]])
    for row in c["matrix"]:
        cells = [row["factor"], row["label"], row["category"], *(_cell(row["cells"][i]) for i in c["ids"])]
        writer.writerow([csv_cell(v) for v in cells])  # no cell a spreadsheet would run as a formula
    return buffer.getvalue()
