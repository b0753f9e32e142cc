"""Quote coverage of one thesis, for the terminal and as an HTML page.

Pure functions from :class:`argmap.coverage.Coverage` to text; nothing here reads or writes
files. The HTML comes from a Jinja2 template with autoescaping, so source text and claim
text can hold any characters.
"""

from __future__ import annotations

import textwrap

import click

from argmap.coverage import Coverage

from .escape import terminal

BAR = 10  # characters of the per-paragraph bar in the terminal


def _bar(share: float) -> str:
    filled = round(share * BAR)
    if share > 0 and filled == 0:
        filled = 1
    return "\u2588" * filled + "\u00b7" * (BAR - filled)


def summary_line(cov: Coverage) -> str:
    s = cov.summary()
    return (f"{s['quoted_paragraphs']} of {s['paragraphs']} paragraphs quoted "
            f"({s['paragraph_share']:.0%}), {s['char_share']:.0%} of the text's characters; "
            f"{s['gaps']} unquoted stretch{'es' if s['gaps'] != 1 else ''} of 3 or more paragraphs")


def coverage_text(cov: Coverage, colour: bool = False, gaps_only: bool = False, width: int = 100) -> str:
    """The source paragraph by paragraph: line, how much is quoted, the start of the text, and by what."""
    def style(text, **kw):
        return click.style(text, **kw) if colour else text

    out = [style(terminal(f"{cov.author}: quote coverage of {cov.source_file}"), bold=True),
           summary_line(cov)]
    gaps = cov.gaps()
    if gaps:
        out.append("Longest unquoted stretches (where omissions hide):")
        for g in gaps[:5]:
            out.append(f"  lines {g.first_line}-{g.last_line}: {g.paragraphs} paragraphs, {g.chars:,} characters")
    if cov.unfound:
        n = len(cov.unfound)
        out.append(style(f"{n} quote{'' if n == 1 else 's'} not found in the text; run `argmap validate --sources`.",
                         fg="yellow"))
    out.append("")
    in_gap = {line for g in gaps for line in range(g.first_line, g.last_line + 1)}
    excerpt_width = max(width - 22, 30)
    for p in cov.paragraphs:
        if gaps_only and p.line not in in_gap:
            continue
        excerpt = terminal(textwrap.shorten(p.text, excerpt_width, placeholder="\u2026"))
        head = f"{p.line:>5}  {_bar(p.share)} {p.share:>4.0%}  "
        out.append(style(head, dim=not p.cited_by) + (excerpt if p.cited_by else style(excerpt, dim=True)))
        for c in p.cited_by:
            label = terminal(textwrap.shorten(c.label, max(width - 24, 30), placeholder="\u2026"))
            out.append(f"{'':>23}\u21b3 {c.kind}: {label}")
    return "\n".join(out) + "\n"


def coverage_html(cov: Coverage, back_link: str | None = None, nav: list | None = None) -> str:
    """A standalone page: the summary, the gaps, then every paragraph shaded by coverage.

    ``nav`` (links as ``{"href", "text"}``) adds the report's site navigation, when the page
    is part of a report.
    """
    from .templates import render_template

    gaps = cov.gaps()
    in_gap = {line for g in gaps for line in range(g.first_line, g.last_line + 1)}
    return render_template("coverage.html", title=f"Quote coverage: {cov.author}", nav=nav or [], cov=cov,
                           summary=cov.summary(), gaps=gaps, in_gap=in_gap, back_link=back_link)
