"""Debate briefs as Markdown and HTML with the same content.

The brief dicts of :mod:`argmap.debate` become a small list of blocks (headings,
paragraphs, bullets, quotes) once; Markdown and HTML are two ways of writing those blocks,
so the two formats cannot say different things.
"""

from __future__ import annotations

import html
import re

from argmap.debate import SUMMARY_QUESTIONS

from .escape import strip_controls
from .text import locator_text


# --- blocks -------------------------------------------------------------------------------

def _h(level, text):
    return ("h", level, text)


def _p(text):
    return ("p", 0, text)


def _li(text, depth=0):
    return ("li", depth, text)


def _q(evidence: dict, author: str, depth=1, cites=True):
    """A quote with its locator; ``cites=False`` (the summary) gives line and page only."""
    loc = evidence["locator"] if cites else {k: v for k, v in evidence["locator"].items() if k != "chapter"}
    where = locator_text(loc)
    cites = f"; cites {evidence['cites']}" if cites and evidence.get("cites") else ""
    return ("q", depth, (" ".join(evidence["quote"].split()), f"{author}, {where}{cites}"))


def _claims(claims: list, author: str, depth: int, quotes: int | None = None) -> list:
    out = []
    for c in claims:
        if c.get("kind") == "link":
            out.append(_li(f"{author}: {c['text']}", depth))
        else:
            term = f", \u201c{c['author_term']}\u201d" if c.get("author_term") else ""
            out.append(_li(f"{author}: {c['text']} [{c['role']}{term}]", depth))
        out += [_q(e, author, depth + 1) for e in c["evidence"][:quotes]]
        if not c["evidence"]:
            out.append(_li("(no quote in the encoding)", depth + 1))
    return out


def _names(ids, authors):
    return ", ".join(authors.get(i, i) for i in ids) or "none"


#: How much of each list the default brief shows; ``full=True`` shows everything.
DEFAULT_CRUXES = 6
DEFAULT_UNANSWERED = 3
DEFAULT_QUESTIONS = 6
DEFAULT_SILENT = 6



def _point(p: dict) -> str:
    term = f", \u201c{p['author_term']}\u201d" if p.get("author_term") else ""
    return f"{p['label']} ({p['role_label']}{term}): {p.get('kernel') or p['text']}"


def summary_blocks(b: dict) -> list:
    """The one-page summary: A's three strongest points, B's three with A's answers, the questions
    that decide the round, the weak spots that matter. Headings at level 2 and 3."""
    a, o = b["a"], b["b"]
    an, on = a["name"], o["name"]
    s = b["summary"]
    blocks = [_h(2, "At a glance"), _h(3, f"Your three strongest points ({an})")]
    for p in s["strongest"]:
        blocks.append(_li(_point(p)))
        if p["quote"]:
            blocks.append(_q(p["quote"], an, 1, cites=False))
    if not s["strongest"]:
        blocks.append(_p(f"{an}'s text has no quoted claim to lead with."))
    blocks.append(_h(3, f"Their three strongest points ({on}), and your answers"))
    for p in s["their_strongest"]:
        blocks.append(_li(f"{on}: {_point(p)}"))
        if p["quote"]:
            blocks.append(_q(p["quote"], on, 1, cites=False))
        for ans in p["answers"]:
            said = ans.get("kernel") or ans.get("text")
            blocks.append(_li(f"Your answer: {ans['how'][0].upper() + ans['how'][1:]}" + (f" {said}" if said else ""), 1))
            if ans.get("quote"):
                blocks.append(_q(ans["quote"], ans["by"], 2, cites=False))
    if not s["their_strongest"]:
        blocks.append(_p(f"{on}'s text has no quoted claim to answer."))
    blocks.append(_h(3, "The questions that decide the round"))
    deciding = s["deciding"]
    for q in deciding["questions"][:SUMMARY_QUESTIONS]:
        blocks.append(_li(q["question"]))
        for side, name in (("a", an), ("b", on)):
            x = q[side]
            reading = " (our reading of the text)" if x["inferred"] else ""
            blocks.append(_li(f"{name}: \u201c{x['answer']}\u201d{reading}. {x.get('kernel') or x['gloss']}", 1))
            if x["quote"]:
                blocks.append(_q(x["quote"], name, 2, cites=False))
    if not deciding["questions"]:
        blocks.append(_p(f"{an} and {on} answer none of the debate's questions differently."
                         + (" The round turns on these conflicts:" if deciding["other_conflicts"] else
                            " The round turns on emphasis: what each account puts first, and what it leaves out.")))
    if len(deciding["questions"]) > SUMMARY_QUESTIONS:
        more = len(deciding["questions"]) - SUMMARY_QUESTIONS
        blocks.append(_p(f"{more} more question{'s' if more > 1 else ''} they answer differently: "
                         "see the cruxes below."))
    if deciding["questions"] and deciding["other_conflicts"]:
        blocks.append(_p("Also in conflict:"))
    for c in deciding["other_conflicts"]:
        blocks.append(_li(c["summary"]))
    if deciding["only_b"] and not deciding["questions"]:
        asked = "; ".join(f"{q['question']} (\u201c{q['answer']}\u201d)" for q in deciding["only_b"][:3])
        blocks.append(_p(f"{on} answers questions {an}'s text leaves open; take a line on them: {asked}"))
    blocks.append(_h(3, f"Weak spots in {an}'s case that matter"))
    for w in b["warnings"]:
        blocks.append(_li(w["text"]))
    c = b["weak_counts"]
    mechanical = []
    if c["inferred_links"]:
        mechanical.append(f"{c['inferred_links']} other link{'s' if c['inferred_links'] != 1 else ''} between causes "
                          "are our reading")
    if c["single_quote_links"]:
        mechanical.append(f"{c['single_quote_links']} stated link{'s' if c['single_quote_links'] != 1 else ''} "
                          "rest on one quote")
    if c["inferred_positions"]:
        mechanical.append(f"{c['inferred_positions']} of {an}'s {c['positions']} answers to the debate's questions "
                          "are our reading")
    if mechanical:
        blocks.append(_li("Besides: " + "; ".join(mechanical) + " (every one is listed with --full)."))
    if not b["warnings"] and not mechanical:
        blocks.append(_p("None found in the encoding."))
    return blocks


def brief_blocks(b: dict, authors: dict, full: bool = False) -> list:
    """The blocks of an A-against-B brief; ``authors`` maps ids to names for the allies.

    A one-page summary first (:func:`summary_blocks`), then the detail. By default the
    detail is cut to what a debater takes into the round (about 4,000 words at most on the
    bundled debate); ``full`` gives every crux, point, quote and weak spot.
    """
    a, o = b["a"], b["b"]
    an, on = a["name"], o["name"]
    quotes = None if full else 1
    blocks = [_h(1, f"Debate brief: {an} against {on}"),
              _p(f"You argue the case of {an} ({a['work']}) against {on} ({o['work']}). "
                 f"Their accounts agree on {b['agreement']:.0%} of what either discusses "
                 f"({b['counts']['shared']} points in common, {b['counts']['conflicts']} conflicts). "
                 "Every quote below is verbatim from the encoded texts, with its locator.")]
    if "summary" in b:
        blocks += summary_blocks(b)
    blocks += [_h(2, "1. The two theses"),
               _h(3, an), _p(f"Scope: {a['scope']}"), _p(a["thesis"]),
               _h(3, on), _p(f"Scope: {o['scope']}"), _p(o["thesis"])]

    cruxes = b["cruxes"] if full else b["cruxes"][:DEFAULT_CRUXES]
    in_summary = {q["question"] for q in b.get("summary", {}).get("deciding", {}).get("questions", [])[:SUMMARY_QUESTIONS]}
    blocks += [_h(2, "2. The cruxes, most at stake first")]
    if not b["cruxes"]:
        blocks.append(_p("None: the two accounts do not conflict anywhere."))
    for i, c in enumerate(cruxes, 1):
        blocks.append(_h(3, f"2.{i} {c['title']}"))
        stake = c.get("stake_words") or ""
        blocks.append(_p(f"{c['summary']} What rests on it: {stake[0].lower() + stake[1:]}" if stake else c["summary"]))
        if full or c["title"] not in in_summary:
            blocks += _claims(_cut(c["a"], full), an, 0, quotes) + _claims(_cut(c["b"], full), on, 0, quotes)
        else:
            blocks.append(_p("Both answers and their quotes are in the summary above."))
        if c["with_a"] or c["with_b"]:
            blocks.append(_li(f"Other authors with {an}: {_names(c['with_a'], authors)}; "
                              f"with {on}: {_names(c['with_b'], authors)}."))
    if len(cruxes) < len(b["cruxes"]):
        blocks.append(_p(f"{len(b['cruxes']) - len(cruxes)} more in the full brief (--full)."))

    shown = {p["factor"] for p in b.get("summary", {}).get("their_strongest", [])}
    unanswered = b["unanswered"] if full else [u for u in b["unanswered"] if u["factor"] not in shown][:DEFAULT_UNANSWERED]
    blocks += [_h(2, f"3. {on}'s points that {an} never addresses")]
    if not b["unanswered"]:
        blocks.append(_p(f"None: {an} discusses every factor {on} asserts."))
    elif not unanswered:
        blocks.append(_p("Only those answered in the summary above."))
    for u in unanswered:
        blocks.append(_h(3, u["title"]))
        blocks += _claims(u["b"] if full else u["b"][:1], on, 0, quotes)
        # The default shows only real answers: another author's rejection of the factor (not of one
        # reading of it). What A says in the same category is no answer; --full shows it.
        allied = u["allied_rejections"] if full else [r for r in u["allied_rejections"]
                                                      if r.get("scope", "factor") != "reading"][:1]
        if full and u["a_answers"]:
            blocks.append(_li(f"What {an} offers in the same area instead:"))
            blocks += _claims(u["a_answers"], an, 1, quotes)
        for r in allied:
            how = {"reading": "rejects one reading of it", "sole_cause": "rejects it as the sole or main cause"}
            blocks.append(_li(f"{r['author']} {how.get(r.get('scope'), 'rejects it')}: {r['text']}"))
            blocks += [_q(e, r["author"], 1) for e in r["evidence"][:quotes]]
        if not allied and not (full and u["a_answers"]):
            blocks.append(_li(f"Nothing in the corpus answers this: {an} is silent on it (which is not denial). "
                              "Prepare your own reply."))

    blocks += [_h(2, "4. Common ground you can concede")]
    if not b["common_ground"]:
        blocks.append(_p("None: the two accounts share no factor or link."))
    elif full:
        for item in b["common_ground"]:
            blocks.append(_li(f"{item['title']} ({item['agreement']})"))
            blocks += _claims(item["a"][:1], an, 1) + _claims(item["b"][:1], on, 1)
    else:
        blocks.append(_p(f"{len(b['common_ground'])} points, where conceding costs you nothing: "
                         + "; ".join(i["title"] for i in b["common_ground"]) + ". Quotes for each with --full."))

    blocks += [_h(2, f"5. Weak spots in {an}'s case")]
    if full:
        kinds = {"unsourced-claim": "Claim with no quote", "inferred-link": "Link the text does not state",
                 "single-quote-link": "Link resting on one quote"}
        for s in b["weak_spots"]:
            blocks.append(_li(f"{kinds.get(s['kind'], 'Weak spot')}: {s['subject']} ({s['detail']})"))
    else:
        inferred, single = _count(b["weak_spots"], "inferred-link"), _count(b["weak_spots"], "single-quote-link")
        blocks.append(_p("The ones that matter are in the summary above. "
                         f"{inferred} link{' is' if inferred == 1 else 's are'} in {an}'s map only by our reading and "
                         f"{single} rest{'s' if single == 1 else ''} on one quote: --full lists them."))
    if b["silent_on"]:
        silent = b["silent_on"] if full else b["silent_on"][:DEFAULT_SILENT]
        more = len(b["silent_on"]) - len(silent)
        blocks.append(_li(f"{an}'s text is silent on what {on} asserts here: "
                          + "; ".join(f"{s['title']} ({s['b_role']})" for s in silent)
                          + (f"; and {more} more" if more else "")
                          + ". Silence is not denial: do not claim the author rejects them."))

    questions = b["questions"] if full else b["questions"][:DEFAULT_QUESTIONS]
    blocks += [_h(2, f"6. Questions to put to {on}")]
    blocks += [_li(q) for q in questions] or [_p("None.")]
    if len(questions) < len(b["questions"]):
        blocks.append(_p(f"{len(b['questions']) - len(questions)} more in the full brief (--full)."))
    return blocks


def _cut(claims: list, full: bool) -> list:
    return claims if full else claims[:2]


def _count(spots: list, kind: str) -> int:
    return sum(1 for s in spots if s["kind"] == kind)


def motion_blocks(m: dict) -> list:
    if m["main"]:
        benches = ("Proposition: authors who make it a root or main cause. Opposition: those who reject it, or "
                   "give it a lesser part, or reject it as the sole or main cause. Reserves: the silent, and those "
                   "who reject only one reading of it.")
    else:
        benches = ("Proposition: every author who makes it part of their causal account, centrally (root, main, "
                   "direct or trigger) or in a minor part (contributing or background). Opposition: those who "
                   "reject it outright. Reserves: the silent, and those who reject only its being the sole cause "
                   "or one reading of it.")
    blocks = [_h(1, f"Motion: {m['motion']}"), _p(m["description"]),
              _p(benches + " Reserves are not opponents; the opposition may call on the silent only to show the "
                 "outcome can be explained without the factor.")]
    for title, bench in (("Proposition", m["proposition"]), ("Opposition", m["opposition"]),
                         ("Reserves: neither for nor against", m["reserves"])):
        blocks.append(_h(2, f"{title} ({len(bench)})"))
        if not bench:
            blocks.append(_p("No author."))
        for member in bench:
            blocks.append(_h(3, f"{member['author']}: {member.get('position_label', member['position'])}"))
            blocks += _claims(member["claims"], member["author"], 0)
            if member["alternatives"]:
                alts = "; ".join(f"{x['label']} ({x['role']})" for x in member["alternatives"])
                blocks.append(_li(f"Their strongest other causes: {alts}"))
    return blocks


# --- writers ------------------------------------------------------------------------------

# Only what would change the meaning of running text: emphasis, code and HTML.
_MD_SPECIAL = re.compile(r"([\\`*<>|&]|\](?=[(\[:]))")  # the last: the ] of a link, image or link definition


def _md(text: str) -> str:
    """Markdown-escaped text on one line: raw HTML, entities, table pipes and link or image
    brackets stay literal characters, and no new line can start a heading or a link definition."""
    return _MD_SPECIAL.sub(r"\\\1", strip_controls(" ".join(str(text).split()), keep_newlines=False))


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
