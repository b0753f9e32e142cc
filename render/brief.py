"""Debate briefs as Markdown and HTML with the same content.

The brief dicts of :mod:`argmap.debate` become a small list of blocks (headings,
paragraphs, bullets, quotes) once; Markdown and HTML are two ways of writing those blocks,
so the two formats cannot say different things.
"""

from __future__ import annotations

import html
import re

from .escape import strip_controls
from .text import locator_text


# --- blocks -------------------------------------------------------------------------------

def _h(level, text):
    return ("h", level, text)


def _p(text):
    return ("p", 0, text)


def _li(text, depth=0):
    return ("li", depth, text)


def _q(evidence: dict, author: str, depth=1):
    where = locator_text(evidence["locator"])
    cites = f"; cites {evidence['cites']}" if evidence.get("cites") else ""
    return ("q", depth, (" ".join(evidence["quote"].split()), f"{author}, {where}{cites}"))


def _claims(claims: list, author: str, depth: int) -> list:
    out = []
    for c in claims:
        if c.get("kind") == "link":
            out.append(_li(f"{author}: {c['text']}", depth))
        else:
            term = f", \u201c{c['author_term']}\u201d" if c.get("author_term") else ""
            out.append(_li(f"{author}: {c['text']} [{c['role']}{term}]", depth))
        out += [_q(e, author, depth + 1) for e in c["evidence"]]
        if not c["evidence"]:
            out.append(_li("(no quote in the encoding)", depth + 1))
    return out


def _names(ids, authors):
    return ", ".join(authors.get(i, i) for i in ids) or "none"


def brief_blocks(b: dict, authors: dict) -> list:
    """The blocks of an A-against-B brief; ``authors`` maps ids to names for the allies."""
    a, o = b["a"], b["b"]
    an, on = a["name"], o["name"]
    blocks = [_h(1, f"Debate brief: {an} against {on}"),
              _p(f"You argue the case of {an} ({a['work']}) against {on} ({o['work']}). "
                 f"Their accounts agree on {b['agreement']:.0%} of what either discusses "
                 f"({b['counts']['shared']} points in common, {b['counts']['conflicts']} conflicts). "
                 "Every quote below is verbatim from the encoded texts, with its locator."),
              _h(2, "1. The two theses"),
              _h(3, an), _p(f"Scope: {a['scope']}"), _p(a["thesis"]),
              _h(3, on), _p(f"Scope: {o['scope']}"), _p(o["thesis"])]
    for who in (a, o):
        if who.get("notes"):
            blocks.append(_p(f"Note on {who['author']}'s text: {who['notes']}"))

    blocks += [_h(2, "2. Common ground you can concede")]
    if not b["common_ground"]:
        blocks.append(_p("None: the two accounts share no factor or link."))
    for item in b["common_ground"]:
        blocks.append(_li(f"{item['title']} ({item['agreement']})"))
        blocks += _claims(item["a"][:1], an, 1) + _claims(item["b"][:1], on, 1)

    blocks += [_h(2, "3. The cruxes, most at stake first"),
               _p("Ranked by how much of each side's case rests on the point (importance in each "
                  "author's causal structure).")]
    if not b["cruxes"]:
        blocks.append(_p("None: the two accounts do not conflict anywhere."))
    for i, c in enumerate(b["cruxes"], 1):
        blocks.append(_h(3, f"3.{i} {c['title']}"))
        blocks.append(_p(f"{c['summary']} At stake: {c['stake_a']:.2f} for {an}, {c['stake_b']:.2f} for {on}."))
        blocks += _claims(c["a"], an, 0) + _claims(c["b"], on, 0)
        blocks.append(_li(f"Other authors with {an}: {_names(c['with_a'], authors)}; "
                          f"with {on}: {_names(c['with_b'], authors)}."))

    blocks += [_h(2, f"4. {on}'s strongest points that {an} never addresses")]
    if not b["unanswered"]:
        blocks.append(_p(f"None: {an} discusses every factor {on} asserts."))
    for u in b["unanswered"]:
        blocks.append(_h(3, u["title"]))
        blocks += _claims(u["b"], on, 0)
        if u["a_answers"]:
            blocks.append(_li(f"What {an} offers in the same area instead:"))
            blocks += _claims(u["a_answers"], an, 1)
        for r in u["allied_rejections"]:
            blocks.append(_li(f"{r['author']} rejects it: {r['text']}"))
            blocks += [_q(e, r["author"], 1) for e in r["evidence"]]
        if not u["a_answers"] and not u["allied_rejections"]:
            blocks.append(_li("Nothing in the corpus answers this: prepare your own reply."))

    blocks += [_h(2, f"5. Weak spots in {an}'s case to prepare for")]
    kinds = {"unsourced-claim": "Claim with no quote", "inferred-link": "Link the text does not state",
             "single-quote-link": "Link resting on one quote"}
    for s in b["weak_spots"]:
        blocks.append(_li(f"{kinds.get(s['kind'], s['kind'])}: {s['subject']} ({s['detail']})"))
    for s in b["silent_on"]:
        blocks.append(_li(f"{an}'s text is silent on {s['title']} ({on}: {s['b_role']}). Silence is not denial: "
                          "do not claim the author rejects it."))
    if not b["weak_spots"] and not b["silent_on"]:
        blocks.append(_p("None found in the encoding."))

    blocks += [_h(2, f"6. Questions to put to {on}")]
    blocks += [_li(q) for q in b["questions"]] or [_p("None.")]
    return blocks


def motion_blocks(m: dict) -> list:
    blocks = [_h(1, f"Motion: {m['motion']}"), _p(m["description"]),
              _p("Benches by the weight each author gives the factor: central (root, main, direct or trigger), "
                 "minor (contributing or background), rejecting, or silent. Silent authors are not opponents; "
                 "the opposition may call on them only to show the outcome can be explained without the factor.")]
    for title, bench in (("Proposition", m["proposition"]), ("Opposition", m["opposition"]),
                         ("Reserves: silent on the factor", m["reserves"])):
        blocks.append(_h(2, f"{title} ({len(bench)})"))
        if not bench:
            blocks.append(_p("No author."))
        for member in bench:
            blocks.append(_h(3, f"{member['author']}: {member['position']}"))
            blocks += _claims(member["claims"], member["author"], 0)
            if member["alternatives"]:
                alts = "; ".join(f"{x['label']} ({x['role']})" for x in member["alternatives"])
                blocks.append(_li(f"Their strongest other causes: {alts}"))
    return blocks


# --- writers ------------------------------------------------------------------------------

# Only what would change the meaning of running text: emphasis, code and HTML.
_MD_SPECIAL = re.compile(r"([\\`*<>|&])")


def _md(text: str) -> str:
    """Markdown-escaped text: raw HTML, entities and table pipes stay literal characters."""
    return _MD_SPECIAL.sub(r"\\\1", strip_controls(text))


def to_markdown(blocks: list) -> str:
    out = []
    for kind, level, text in blocks:
        if kind == "h":
            out += ["", f"{'#' * level} {_md(text)}", ""]
        elif kind == "p":
            out += [_md(text), ""]
        elif kind == "li":
            out.append(f"{'  ' * level}- {_md(text)}")
        else:
            quote, where = text
            out.append(f"{'  ' * level}- *\u201c{_md(quote)}\u201d* ({_md(where)})")
    lines = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip().splitlines()
    # A list must be separated from the next heading or paragraph by a blank line.
    fixed = []
    for line in lines:
        if fixed and fixed[-1].lstrip().startswith("- ") and line and not line.lstrip().startswith("- "):
            fixed.append("")
        fixed.append(line)
    return "\n".join(fixed) + "\n"


CSS = """
body { font: 16px/1.5 Georgia, "DejaVu Serif", serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
blockquote, q.quote { font-style: italic; }
.quote { font-style: italic; }
.where { color: #555; font-style: normal; font-size: .9em; }
li { margin: .2rem 0; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2, h3 { break-after: avoid; }
               li { break-inside: avoid; } }
"""


def blocks_to_html(blocks: list, heading_offset: int = 0) -> str:
    """The blocks as an HTML fragment (headings shifted down by ``heading_offset``)."""
    out = []
    depth = -1  # current list nesting; -1 when outside any list

    def close_to(target):
        nonlocal depth
        while depth > target:
            out.append("</li></ul>")
            depth -= 1

    for kind, level, text in blocks:
        if kind in ("h", "p"):
            close_to(-1)
            if kind == "h":
                h = min(level + heading_offset, 6)
                out.append(f"<h{h}>{html.escape(text)}</h{h}>")
            else:
                out.append(f"<p>{html.escape(text)}</p>")
            continue
        if level > depth:
            while depth < level:
                out.append("<ul><li>")
                depth += 1
        else:
            close_to(level)
            out.append("</li><li>")
        if kind == "li":
            out.append(html.escape(text))
        else:
            quote, where = text
            out.append(f'<span class="quote">\u201c{html.escape(quote)}\u201d</span> '
                       f'<span class="where">({html.escape(where)})</span>')
    close_to(-1)
    return "\n".join(out)


def to_html(blocks: list, title: str) -> str:
    """A standalone HTML page of the blocks, styled to read and print well."""
    return "\n".join(["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
                      '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      f"<title>{html.escape(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
                      "<main>", blocks_to_html(blocks), "</main>", "</body>", "</html>"]) + "\n"
