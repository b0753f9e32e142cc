"""Diffs and comparisons as terminal text, Markdown and CSV.

Each function takes a :class:`argmap.compare.DiffResult` or :class:`argmap.compare.Comparison`
and returns a string, so the same data is shown the same way by the CLI, the briefs and the
report. Everything a person reads is in words: labels, never ids or names of types.
"""

from __future__ import annotations

import csv
import io
import textwrap

import click

from argmap.compare import Comparison, DiffResult, conflict_counts_words, one_line
from argmap.format import ALSO_REJECTED_WORDS, REJECTION_CELL_WORDS, strongest_scope

from .escape import csv_cell, md, terminal

MARK = {"shared": "=", "only_a": "+", "only_b": "+", "conflicts": "!", "readings_differ": "~", "reversed_links": "~"}
QUESTION_MARK = {"same_answer": "=", "overlapping_answer": "~", "different_answer": "!", "only_a": "+", "only_b": "+"}


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


def item_title(item: dict) -> str:
    """What an item is about, in words."""
    if item["kind"] == "factor":
        return item["label"]
    if item["kind"] == "question":
        return item["text"]
    inferred = " (inferred by us)" if item.get("inferred") else ""
    return f"{item['from_label']} \u2192 {item['to_label']}{inferred}"


def weight_words(c: dict) -> str:
    """A claim's weight: the role in words, and whose weight it is."""
    if c.get("author_term"):
        return f"{c['role_label']}, the author's word: \u201c{c['author_term']}\u201d"
    return f"{c['role_label']}, our reading"


def link_words(link: dict) -> str:
    how = "inferred by us" if link["inferred"] else "stated"
    return f"{link['from_text']} \u2192 {link['relation_label']} \u2192 {link['to_text']} ({how})"


def side_lines(side: dict, who: str, all_evidence: bool) -> list[str]:
    """What one author says on an item: claims, rejected views, links or an answer, with evidence.

    Lines of evidence start with four spaces.
    """
    if side["stance"] == "silent":
        return [f"{who}: silent"]

    def quotes(evidence):
        return [f"    {quote_text(e)}" for e in (evidence if all_evidence else evidence[:1])]

    lines = []
    if "answer" in side:
        lines.append(f"{who} answers \u201c{side['answer_label']}\u201d ({side['basis_label']}): {side['gloss']}")
        lines += quotes(side["evidence"])
        return lines
    if "claims" in side:
        for c in side["claims"]:
            lines.append(f"{who}: {c['text']} [{weight_words(c)}]")
            lines += quotes(c["evidence"])
        for r in side["rejections"]:
            lines.append(f"{who} rejects {r['scope_label']}: {r['text']}")
            lines += quotes(r["evidence"])
        return lines
    for link in side["links"]:
        lines.append(f"{who}: {link_words(link)}")
        lines += quotes(link["evidence"])
    return lines


def diff_sections(d: DiffResult, an: str, bn: str) -> list[tuple]:
    return [
        ("conflicts", "Conflicts", "red", d.conflicts),
        ("questions", "Questions", "yellow", d.questions),
        ("readings_differ", "Our readings differ (not conflicts: a weight is our reading)", "yellow",
         d.readings_differ),
        ("reversed_links", "Drawn the other way round (not conflicts: both directions can hold)", "yellow",
         d.reversed_links),
        ("shared", "Common ground", "green", d.shared),
        ("only_a", f"Only {an} ({bn} is silent)", "cyan", d.only_a),
        ("only_b", f"Only {bn} ({an} is silent)", "magenta", d.only_b),
    ]


def diff_head(key: str, item: dict) -> str:
    if key == "conflicts":
        return f"{item['type_label']}: {item['summary']}"
    if key in ("readings_differ", "reversed_links"):
        return item["summary"]
    if key == "questions":
        return f"{item['type_label']}: {item['text']}"
    if key == "shared":
        return f"{item['agreement_label']}: {item_title(item)}"
    return item_title(item)


def _shown_sides(key: str, item: dict) -> tuple:
    if key == "only_a" or key == "questions" and item["type"] == "only_a":
        return ("a",)
    if key == "only_b" or key == "questions" and item["type"] == "only_b":
        return ("b",)
    return ("a", "b")


def summary_lines(d: DiffResult) -> list[str]:
    """The lead of a diff: counts per conflict type in words, the questions answered differently."""
    an, bn = d.a["name"], d.b["name"]
    # The counts are over factors, links and questions; the sections below list questions apart.
    out = [one_line(d) + ".", "(Counted over factors, links and questions.)",
           f"Conflicts: {conflict_counts_words(d.counts)}."]
    different = [q for q in d.questions if q["type"] == "different_answer"]
    if different:
        out.append("Questions they answer differently:")
        out += [f"  {q['text']} {an}: {q['a']['answer_label']}; {bn}: {q['b']['answer_label']}." for q in different]
    same = sum(1 for q in d.questions if q["type"] == "same_answer")
    if same:
        out.append(f"Questions they answer alike: {same}.")
    overlapping = [q for q in d.questions if q["type"] == "overlapping_answer"]
    if overlapping:
        out.append("Questions where one answer includes the other (not conflicts):")
        out += [f"  {q['text']} {an}: {q['a']['answer_label']}; {bn}: {q['b']['answer_label']}." for q in overlapping]
    if d.readings_differ:
        n = len(d.readings_differ)
        out.append(f"Our readings of their weights differ on {n} factor{'' if n == 1 else 's'}; "
                   f"{'not a conflict' if n == 1 else 'not conflicts'}, since a weight is our reading.")
    if d.reversed_links:
        n = len(d.reversed_links)
        out.append(f"They draw {n} link{'' if n == 1 else 's'} the other way round; "
                   f"{'not a conflict' if n == 1 else 'not conflicts'}, since both directions can hold.")
    if d.ranking_agreement is not None:
        out.append(f"Ranking agreement on the factors both assert (Kendall's tau): {d.ranking_agreement:+.2f}.")
    out.append("Links inferred by us are included and marked." if d.include_inferred
               else "Links inferred by us are left out (--include-inferred brings them in).")
    return out


#: Sections of a diff shown in full by default; the others are listed one line per item.
_ALWAYS_FULL = ("conflicts",)


def diff_text(d: DiffResult, colour: bool = False, full: bool = False, width: int = 100) -> str:
    """A diff for the terminal: the summary, the conflicts with both sides' evidence, then the rest.

    By default every other item is one line (``full=True`` gives each its evidence too), and
    long lines are wrapped to ``width`` under their own indent. Text from the theses passes
    through :func:`render.escape.terminal`, so no escape sequence in a YAML file reaches the
    terminal.
    """
    an, bn = terminal(d.a["name"]), terminal(d.b["name"])
    out = [_style(f"{an} vs {bn}", colour, bold=True), *(_wrap(terminal(line), width, "  ") for line in summary_lines(d))]
    for key, title, fg, items in diff_sections(d, an, bn):
        if key == "questions":  # the ones answered differently are among the conflicts
            items = [i for i in items if i["type"] != "different_answer" or full]
        out.append("")
        out.append(_style(f"{title} ({len(items)})", colour, bold=True, fg=fg))
        if not items:
            out.append("  (none)")
        for item in items:
            mark = QUESTION_MARK[item["type"]] if key == "questions" else MARK[key]
            out.append(_wrap(f"  {mark} {terminal(diff_head(key, item))}", width, "      "))
            if not (full or key in _ALWAYS_FULL):
                continue
            for side in _shown_sides(key, item):
                who = an if side == "a" else bn
                for line in side_lines(item[side], who, all_evidence=full):
                    indent = "      " + " " * (len(line) - len(line.lstrip()))
                    out.append(_wrap(indent + terminal(line.strip()), width, indent + "  "))
    if not full:
        out += ["", "Only the conflicts show their evidence here; --full shows it for every item."]
    return "\n".join(out) + "\n"


def _wrap(line: str, width: int, indent: str) -> str:
    """``line`` wrapped at ``width`` with continuation lines under ``indent``; words never cut."""
    if len(line) <= width:
        return line
    lead = line[: len(line) - len(line.lstrip())]
    return textwrap.fill(line.strip(), width, initial_indent=lead, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def _md_escape(text) -> str:
    return md(text)


def diff_markdown(d: DiffResult, heading: int = 1) -> str:
    an, bn = d.a["name"], d.b["name"]
    h = "#" * heading
    out = [f"{h} {md(an)} vs {md(bn)}", "", f"*{md(d.a['work'])}* against *{md(d.b['work'])}*.", ""]
    lead = summary_lines(d)
    out += [f"**Summary:** {md(lead[0])}", ""] + [f"- {_md_escape(l.strip())}" for l in lead[1:]]
    for key, title, _, items in diff_sections(d, an, bn):
        out += ["", f"{h}# {title} ({len(items)})", ""]
        if not items:
            out.append("None.")
        for item in items:
            out.append(f"- **{_md_escape(diff_head(key, item))}**")
            for side in _shown_sides(key, item):
                who = an if side == "a" else bn
                for line in side_lines(item[side], who, all_evidence=True):
                    out.append(f"    - {_md_escape(line.strip())}" if line.startswith("    ")
                               else f"  - {_md_escape(line.strip())}")
    return "\n".join(out) + "\n"


def cell_text(cell: dict) -> str:
    """A matrix cell in words: the role where asserted, what is rejected (after the role where both), or - for silence."""
    if cell["stance"] == "asserts":
        return cell["role_label"] + (": held it back" if cell.get("restrains") else "")
    # the strongest rejection decides: outright over sole cause over one reading
    if cell["stance"] == "mixed":
        return f"{cell['role_label']}; \u2717 {ALSO_REJECTED_WORDS[strongest_scope(cell.get('scopes') or ())]}"
    if cell["stance"] == "rejects":
        return REJECTION_CELL_WORDS[strongest_scope(cell.get("scopes") or ())]
    return "-"


def answer_text(cell: dict) -> str:
    if not cell.get("answer"):
        return "-"
    return cell["answer_label"] + ("" if cell["basis"] == "stated" else " (inferred)")


def _names(c: Comparison) -> dict:
    return {a["id"]: a["name"] for a in c.authors}


CATEGORY_SHORT = {"asserts": "asserts", "rejects": "REJECTS", "mixed": "MIXED", "silent": "-"}


def _short(name: str, width: int = 26) -> str:
    """An author's name for a narrow column: without the parenthesis, cut to ``width``."""
    name = name.split(" (")[0]
    return name if len(name) <= width else name[: width - 1] + "\u2026"


def _contested_name(item: dict) -> str:
    if item["kind"] == "link":
        return f"{item['from_label']} \u2192 {item['to_label']}"
    return item["label"]


def compare_text(c: Comparison, colour: bool = False) -> str:
    ids = c.ids
    names = {i: terminal(n) for i, n in _names(c).items()}  # the data's text, never its escape sequences
    out = [_style("Factor x author (role where asserted; REJECTS outright, or rejects as sole cause or a reading; "
                  "\u2717 after a role: also rejects it as sole cause, or a reading of it; - silent)", colour, bold=True)]
    width = max([len(terminal(r["label"])) for r in c.matrix] + [6])
    col = max([len(_short(names[i])) for i in ids] + [len(cell_text(cell)) for r in c.matrix
                                                      for cell in r["cells"].values()] + [8])
    out.append(" " * width + "  " + "  ".join(_short(names[i]).ljust(col) for i in ids))
    for row in c.matrix:
        cells = []
        for i in ids:
            text = cell_text(row["cells"][i]).ljust(col)
            if row["cells"][i]["stance"] in ("rejects", "mixed"):  # red; bold only for an outright rejection
                text = _style(text, colour, fg="red", bold="factor" in row["cells"][i]["scopes"])
            cells.append(text)
        out.append(terminal(row["label"]).ljust(width) + "  " + "  ".join(cells))
    out += ["", _style("Categories", colour, bold=True)]
    for row in c.categories:
        out.append(terminal(row["label"]).ljust(width) + "  " + "  ".join(CATEGORY_SHORT[row["stances"][i]].ljust(col)
                                                               for i in ids))
    out += ["", _style("Questions x author (answer; - where silent)", colour, bold=True)]
    for row in c.questions:
        out.append(f"  {terminal(row['text'])}")
        out += [f"      {names[i]}: {terminal(answer_text(row['cells'][i]))}" for i in ids]
    if not c.questions:
        out.append("  (the taxonomy declares no questions)")
    out += ["", _style("Pairwise agreement", colour, bold=True)]
    for p in c.pairs:
        tau = "n/a" if p["ranking_agreement"] is None else f"{p['ranking_agreement']:+.2f}"
        out.append(f"  {names[p['a']]} ~ {names[p['b']]}: {p['agreement']:.0%} (ranking tau {tau}; "
                   f"{p['shared']} shared, {p['conflicts']} conflicts)")
    inferred = " (inferred links included)" if c.include_inferred else " (stated links only)"
    out += ["", _style(f"Consensus links (drawn by 2+ authors){inferred}", colour, bold=True)]
    out += [terminal(f"  {l['from_label']} \u2192 {l['to_label']}: {_authors(l, names)}") for l in c.consensus_links] \
        or ["  (none)"]
    out += ["", _style("Most contested", colour, bold=True)]
    for item in c.contested[:10]:
        n = item["conflicting_pairs"]
        out.append(f"  {terminal(_contested_name(item))}: {n} conflicting pair{'' if n == 1 else 's'} "
                   f"({', '.join(item['type_labels'])})")
    if not c.contested:
        out.append("  (none)")
    return "\n".join(out) + "\n"


def _authors(link: dict, names: dict) -> str:
    return ", ".join(names[i] + (" (inferred by us)" if i in link["inferred_by"] else "") for i in link["authors"])


def compare_markdown(c: Comparison, heading: int = 1) -> str:
    h = "#" * heading
    ids, names = c.ids, _names(c)
    head = "| " + " | ".join(_md_escape(names[i]) for i in ids) + " |"
    out = [f"{h} Comparison of {len(ids)} authors", "", f"{h}# Factor \u00d7 author", "",
           "| factor " + head, "|---|" + "---|" * len(ids)]
    for row in c.matrix:
        out.append(f"| {_md_escape(row['label'])} | " + " | ".join(cell_text(row["cells"][i]) for i in ids) + " |")
    out += ["", "Cells: the author's role for the factor where they assert it; REJECTS where they reject it "
                "outright, or what they reject of it (as sole cause, a reading); \u2717 after a role: they assert "
                "it and also reject it as sole cause, or a reading of it; - where silent.",
            "", f"{h}# Categories", "", "| category " + head, "|---|" + "---|" * len(ids)]
    for row in c.categories:
        out.append(f"| {_md_escape(row['label'])} | " + " | ".join(row["stance_labels"][i] for i in ids) + " |")
    out += ["", f"{h}# Questions \u00d7 author", ""]
    if c.questions:
        out += ["| question " + head, "|---|" + "---|" * len(ids)]
        for row in c.questions:
            out.append(f"| {_md_escape(row['text'])} | "
                       + " | ".join(_md_escape(answer_text(row["cells"][i])) for i in ids) + " |")
    else:
        out.append("The taxonomy declares no questions.")
    out += ["", f"{h}# Pairwise agreement", "", "| pair | agreement | ranking tau | shared | conflicts |",
            "|---|---|---|---|---|"]
    for p in c.pairs:
        tau = "n/a" if p["ranking_agreement"] is None else f"{p['ranking_agreement']:+.2f}"
        out.append(f"| {_md_escape(names[p['a']])} ~ {_md_escape(names[p['b']])} | {p['agreement']:.0%} | {tau} | "
                   f"{p['shared']} | {p['conflicts']} |")
    inferred = " (inferred links included)" if c.include_inferred else " (stated links only)"
    out += ["", f"{h}# Consensus links{inferred}", ""]
    out += [f"- {_md_escape(l['from_label'])} \u2192 {_md_escape(l['to_label'])}: {_md_escape(_authors(l, names))}" for l in c.consensus_links] \
        or ["None."]
    out += ["", f"{h}# Most contested", ""]
    for item in c.contested:
        out.append(f"- **{_md_escape(_contested_name(item))}**: {item['conflicting_pairs']} conflicting pair{'' if item['conflicting_pairs'] == 1 else 's'} "
                   f"({', '.join(item['type_labels'])})")
    if not c.contested:
        out.append("None.")
    return "\n".join(out) + "\n"


def matrix_csv(c: Comparison) -> str:
    """The factor x author matrix, then the question x author rows (``kind`` tells them apart)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = _names(c)
    rows = [["kind", "id", "label", "category", *(names[i] for i in c.ids)]]
    for row in c.matrix:
        rows.append(["factor", row["factor"], row["label"], row["category"],
                     *(cell_text(row["cells"][i]) for i in c.ids)])
    for row in c.questions:
        rows.append(["question", row["question"], row["text"], "", *(answer_text(row["cells"][i]) for i in c.ids)])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])  # no cell a spreadsheet would run as a formula
    return buffer.getvalue()
