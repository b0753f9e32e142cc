"""The comparison report: a static, self-contained site a teacher can open from disk.

The index opens with the findings (where the authors disagree, where they agree, the
factor x author matrix), then the small multiples, agreement between pairs and the
authors' summaries. There is a page per thesis (a causal map whose boxes and arrows show
their evidence when clicked), a page per pair of authors (the visual diff and the diff with
evidence), a debate brief for every ordered pair, and, given the source texts, a quote
coverage page per thesis. Every diagram opens full size with zoom and pan (svg-pan-zoom,
shipped in the folder with its licence): no network request, so it works from ``file://``.

The module has two halves:

* pure functions from results (a :class:`~argmap.compare.Comparison`, diffs, briefs,
  thesis graphs, coverage) and laid-out SVG to page text, through Jinja2 templates with
  autoescaping and one page shell (``templates/base.html``);
* :class:`Report`, which computes those results, runs Graphviz in parallel (a worker per
  core) and writes the pages into a folder that replaces the old one only when complete.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import textwrap
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from argmap import __version__
from argmap.compare import evidence_dict, one_line
from argmap.format import (MAIN_ROLES, REJECTION_CELL_WORDS, REJECTION_SCOPES, RELATION_LABELS, ROLE_LABELS,
                           STANCE_BY_WHOM, stance_label, strongest_scope)
from argmap.graphs import thesis_graph

from . import diagrams, engine
from .brief import blocks_to_html, brief_blocks
from .output import replace_folder, write_new
from .overview import small_multiples
from .templates import render_template
from .text import diff_head, diff_sections, link_words, locator_text, summary_lines, weight_words

MARKER = ".argmap-report"
# Shipped with the package (render/static) and copied into every report.
STATIC_FILES = ("svg-pan-zoom.min.js", "svg-pan-zoom.LICENSE", "report.js")
SCRIPTS = ("svg-pan-zoom.min.js", "report.js")
HEAVY_ROLES = {"root", "main"}
GLOSS_CHARS = 80
CONSENSUS_SHOWN = 8


# --- file names -------------------------------------------------------------------------

def thesis_file(i: str) -> str:
    return f"thesis-{i}.html"


def pair_file(a: str, b: str) -> str:
    return f"pair-{a}-{b}.html"


def brief_file(a: str, b: str) -> str:
    return f"brief-{a}-vs-{b}.html"


def coverage_file(i: str) -> str:
    return f"coverage-{i}.html"


def nav_links() -> list[dict]:
    """The site navigation: short, the same on every page, wraps on a phone."""
    return [{"href": "index.html", "text": "Overview"},
            {"href": "index.html#disagree", "text": "Disagreements"},
            {"href": "index.html#matrix", "text": "Who says what"},
            {"href": "index.html#authors", "text": "Authors"},
            {"href": "index.html#pairs", "text": "Pairs and briefs"}]


# --- diagrams on a page -------------------------------------------------------------------

_NAMED = re.compile(r'(<g id="[^"]*" class="(?:node|edge)")>\s*<title>(.*?)</title>', re.S)
_TITLE = re.compile(r"<title>.*?</title>\s*", re.S)


_ID = re.compile(r'id="(node|edge)-([^"]*)"')


def _key(group_tag: str, title: str) -> str:
    """What a node or edge is looked up by: the id the diagram gave it (``node-ID``,
    ``edge-FROM-TO``), else its Graphviz name. Diagrams name nodes in words for people, so
    the id attribute is what carries the key."""
    found = _ID.search(html.unescape(group_tag))  # Graphviz writes the id's "-" as &#45;
    if not found:
        return html.unescape(title)
    kind, rest = found.groups()
    return rest.replace("-", "->", 1) if kind == "edge" else rest


def prepare_svg(svg: bytes, label: str) -> Markup:
    """Graphviz SVG to embed in a page.

    No XML prolog or comments; every node and edge keyed by its Graphviz name in a
    ``data-key`` attribute (what the page's script looks its details up by); and no
    ``<title>`` element, since Graphviz fills those with internal names that a browser shows
    as tooltips. The tooltips argmap sets itself (plain words) stay.
    """
    text = svg.decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    text = _NAMED.sub(lambda m: f'{m.group(1)} data-key="{html.escape(_key(m.group(1), m.group(2)), quote=True)}">',
                      text)
    text = _TITLE.sub("", text)
    return Markup(text.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1))


def figure(fig_id: str, svg: bytes, title: str, caption: str, label: str, filters=()) -> dict:
    """What the ``diagram`` macro draws: the SVG, a button to open it full size, filters."""
    return {"id": fig_id, "svg": prepare_svg(svg, label), "title": title, "caption": caption,
            "filters": [{"label": lab, "attr": attr, "options": options} for lab, attr, options in filters if options]}


def data_json(data: dict) -> Markup:
    """Details for the page's script, safe inside a ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def quote(e: dict) -> dict:
    """An evidence dict as the words a reader sees: the quote and where it is."""
    cites = f"; cites {e['cites']}" if e.get("cites") else ""
    return {"quote": " ".join(e["quote"].split()), "where": locator_text(e["locator"]) + cites}


def _evidence(evidence) -> list[dict]:
    return [quote(evidence_dict(e)) for e in evidence]


def _detail(title, meta="", text="", groups=(), tags=None, ends=None) -> dict:
    out = {"title": title, "meta": meta, "text": text, "groups": [g for g in groups if g.get("items") or g.get("quotes")]}
    if tags:
        out["tags"] = tags
    if ends:
        out["ends"] = list(ends)
    return out


# --- no internal names in what people read ---------------------------------------------

class Humaniser:
    """Replaces internal names that free text may carry by the words a reader knows.

    Encoders' notes name factors, questions and claims by id ("every link to nep_end is
    inferred"); the report shows labels instead ("every link to The end of NEP is
    inferred"). Only names with an underscore or a digit are replaced: single-word ids are
    ordinary words. Quotes are never touched.
    """

    def __init__(self, taxonomy, theses):
        from argmap import format as fmt

        words: dict[str, str] = {}
        enums = (fmt.RELATION_LABELS, fmt.ROLE_LABELS, fmt.REJECTION_SCOPES, fmt.POSITION_BASES,
                 fmt.CONFLICT_TYPES, fmt.STANCES)
        for table in enums:
            words.update({k: str(v) for k, v in table.items()})
        for t in theses:
            for item in list(t.claims) + list(t.rejects):
                words[item.id] = "\u201c" + textwrap.shorten(" ".join(item.text.split()), 60, placeholder="\u2026") + "\u201d"
        for q in taxonomy.questions.values():
            for a, label in q.answers.items():
                words.setdefault(a, label)
            words[q.id] = "\u201c" + q.question + "\u201d"
        words.update({c.id: c.label for c in taxonomy.categories.values()})
        words.update({f.id: f.label for f in taxonomy.factors.values()})
        self.words = {k: v for k, v in words.items() if "_" in k or any(ch.isdigit() for ch in k)}
        names = sorted(self.words, key=lambda k: (-len(k), k))
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])") if names else None

    def __call__(self, text):
        if not text or self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.words[m.group(1)], text)

    def blocks(self, blocks: list) -> list:
        """Brief blocks with every text humanised (a quote's words stay verbatim)."""
        out = []
        for kind, level, text in blocks:
            if kind == "q":
                text = (text[0], self(text[1]))
            else:
                text = self(text)
            out.append((kind, level, text))
        return out


# --- the index ------------------------------------------------------------------------------

def _names(profiles) -> dict:
    return {p.id: p.thesis.name for p in profiles}


def _join(names: list[str], limit: int = 6) -> str:
    """Names in a sentence; past ``limit``, the first few and how many more."""
    if len(names) > limit:
        return ", ".join(names[:limit - 1]) + f" and {len(names) - limit + 1} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _answer_groups(row: dict, ids: list) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for i in ids:
        cell = row["cells"][i]
        if cell["answer"]:
            groups.setdefault(cell["answer"], []).append(i)
    return sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))


def question_rows(c, names: dict) -> tuple[list, list]:
    """The questions that divide the authors (most divided first) and those they answer alike."""
    contested = {item["question"]: item["conflicting_pairs"] for item in c.contested if item["kind"] == "question"}
    divided, alike = [], []
    for row in c.questions:
        groups = _answer_groups(row, c.ids)
        order = {a["id"]: n for n, a in enumerate(row["answers"])}
        majority = groups[0][0] if groups and len(groups[0][1]) > sum(len(g) for _, g in groups[1:]) else None
        cells = []
        for i in c.ids:
            cell = row["cells"][i]
            if not cell["answer"]:
                cells.append({"author": i, "silent": True})
                continue
            gloss = " ".join((cell["gloss"] or "").split())
            cells.append({"author": i, "silent": False, "answer": cell["answer_label"],
                          "basis": "our inference" if cell["basis"] == "inferred" else "",
                          "gloss": textwrap.shorten(gloss, GLOSS_CHARS, placeholder="\u2026"), "full": gloss,
                          "tint": f"a{order.get(cell['answer'], 5) % 6}",
                          "odd": majority is not None and cell["answer"] != majority})
        entry = {"text": row["text"], "cells": cells, "pairs": contested.get(row["question"], 0),
                 "answers": [{"label": next(a["label"] for a in row["answers"] if a["id"] == ans)
                              if any(a["id"] == ans for a in row["answers"]) else ans,
                              "who": [names[i] for i in who]} for ans, who in groups],
                 "answered": sum(len(g) for _, g in groups)}
        if len(groups) > 1:
            divided.append(entry)
        elif groups and len(groups[0][1]) >= 2:  # alike takes two; unanswered or one answer is neither
            alike.append(entry)
    divided.sort(key=lambda r: -r["pairs"])
    alike.sort(key=lambda r: -r["answered"])
    return divided, alike


def matrix_rows(c, taxonomy) -> list[dict]:
    """The factor x author matrix grouped by category, each cell a stance with its words."""
    rows, current = [], object()
    for r in c.matrix:
        cat = taxonomy.categories.get(r["category"])
        if r["category"] != current:
            current = r["category"]
            rows.append({"group": True, "label": cat.label if cat else "", "colour": cat.colour if cat else "#ccc"})
        cells = []
        for i in c.ids:
            cell = r["cells"][i]
            stance, role = cell["stance"], cell["role"]
            heavy = role in HEAVY_ROLES
            if stance == "asserts" and cell.get("restrains"):  # discussed as what held the outcome back
                cells.append({"author": i, "cls": "asserts", "text": f"{cell['role_label']}: held it back", "neg": None})
            elif stance == "asserts":
                cells.append({"author": i, "cls": "asserts heavy" if heavy else "asserts", "text": cell["role_label"], "neg": None})
            elif stance == "mixed":
                cells.append({"author": i, "cls": "mixed", "text": cell["role_label"],
                              "neg": "\u2717 " + REJECTION_CELL_WORDS[strongest_scope(cell["scopes"])].lower()})
            elif stance == "rejects":
                scope = strongest_scope(cell["scopes"])  # rejecting it as sole cause is not rejecting it
                cells.append({"author": i, "cls": "rejects" if scope == "factor" else "rejects scoped",
                              "text": "\u2717 " + REJECTION_CELL_WORDS[scope].lower(), "neg": None})
            else:
                cells.append({"author": i, "cls": "silent", "text": "\u2014", "neg": None})
        holders = _holders(r)
        rejecters = sum(1 for x in r["cells"].values() if x["stance"] in ("rejects", "mixed"))
        rows.append({"group": False, "label": r["label"], "cat": cat.label if cat else "",
                     "colour": cat.colour if cat else "#ccc", "cells": cells, "holders": holders,
                     "rejecters": rejecters})
    return rows


def _holders(row) -> int:
    """How many authors assert a matrix row's factor as a cause (as Profile.causes: not only as what held
    the outcome back)."""
    return sum(1 for x in row["cells"].values() if x["stance"] in ("asserts", "mixed") and not x.get("restrains"))


def _disputed(cells) -> bool:
    """True when some author denies what another holds of the factor: rejects it outright, or
    rejects it as the sole or main cause while another makes it a root or main cause. Rejecting
    one reading of it disputes nothing by itself."""
    scopes = {s for x in cells if x["stance"] in ("rejects", "mixed") for s in x["scopes"]}
    return "factor" in scopes or ("sole_cause" in scopes and any(x["role"] in MAIN_ROLES for x in cells))


def findings(c, names: dict, divided: list, alike: list, taxonomy) -> list[dict]:
    """A handful of sentences that say what to look at first, each marked disagree/agree/pair."""
    out = []
    n = len(c.ids)
    if divided:
        q = divided[0]
        sides = "; ".join(f"{a['label']}: {_join(a['who'])}" for a in q["answers"])
        out.append({"kind": "disagree", "head": f"{len(divided)} of {len(c.questions)} questions divide them.",
                    "text": f"Most divided: {q['text']} ({sides})."})
    factor = next((item for item in c.contested if item["kind"] == "factor"), None)
    if factor:
        cells = next(r["cells"] for r in c.matrix if r["factor"] == factor["factor"])
        out.append({"kind": "disagree", "head": "Most contested factor:",
                    "text": f"{factor['label']}, {_stances_by_whom(factor, cells, names, _join)}."})
    common = [r for r in c.matrix if not _disputed(r["cells"].values())
              and _holders(r) >= max(2, (n + 1) // 2) and r["factor"] != taxonomy.outcome]
    common.sort(key=lambda r: -_holders(r))
    if common:
        top = common[0]
        k = _holders(top)
        more = len(common) - 1
        others = f" ({more} more such factor{'s' if more != 1 else ''} in the matrix)" if more else ""
        out.append({"kind": "agree", "head": "Common ground:",
                    "text": f"{top['label']} is asserted by {k} of {n} authors and denied by none{others}."})
    if alike:
        q = alike[0]
        out.append({"kind": "agree", "head": f"{len(alike)} question{'s' if len(alike) != 1 else ''} answered alike:",
                    "text": f"{q['text']} ({q['answers'][0]['label']}: {_join(q['answers'][0]['who'])})."})
    if c.consensus_links:
        link = c.consensus_links[0]
        out.append({"kind": "agree", "head": "The link most drawn:",
                    "text": f"{link['from_label']} \u2192 {link['to_label']}, by {link['count']} of {n} authors."})
    if c.pairs:
        ranked = sorted(c.pairs, key=lambda r: (-r["agreement"], r["a"], r["b"]))
        hi, lo = ranked[0], ranked[-1]
        text = f"{names[hi['a']]} and {names[hi['b']]} ({hi['agreement']:.0%} agreement)"
        if lo is not hi:
            text += f"; furthest apart: {names[lo['a']]} and {names[lo['b']]} ({lo['agreement']:.0%})"
        out.append({"kind": "pair", "head": "Closest pair:", "text": text + "."})
    return out


def multiples_details(profiles, taxonomy) -> dict:
    """Click details for the small multiples: what each author says on each factor."""
    data = {}
    for p in profiles:
        for f, node in sorted(p.positions.items()):
            fac = taxonomy.factors.get(f)
            label = fac.label if fac else f
            cat = taxonomy.categories.get(fac.category) if fac else None
            groups = []
            for cl in node["claims"]:
                groups.append({"h": ROLE_LABELS[cl.role].capitalize(), "items": [cl.text], "quotes": _evidence(cl.evidence[:2])})
            for r in node["rejections"]:
                groups.append({"h": f"Rejects {REJECTION_SCOPES[r.scope]}", "items": [r.text],
                               "quotes": _evidence(r.evidence[:2])})
            stance = stance_label(node["stance"], node["scopes"])
            data[f"{p.id}__{f}"] = _detail(label, f"{p.thesis.name} {stance}", groups=groups,
                                           tags={"cat": cat.label if cat else ""})
    return data




def _stances_by_whom(item: dict, cells: dict, names: dict, join=", ".join) -> str:
    """Who holds what of a contested factor: "asserted by A, B; rejected as the sole or main cause by C"."""
    groups: dict[str, list] = {}
    for stance in ("asserts", "rejects", "mixed"):
        for i in item[stance]:
            scope = None if stance == "asserts" else strongest_scope(cells[i]["scopes"])
            groups.setdefault(STANCE_BY_WHOM[(stance, scope)], []).append(names[i])
    return "; ".join(f"{words} by {join(who)}" for words, who in groups.items())


def index_page(c, profiles, taxonomy, multiples_svg: bytes, multiples_note: str = "") -> str:
    """The overview page, findings first."""
    names = _names(profiles)
    divided, alike = question_rows(c, names)
    cats = [cat.label for cat in taxonomy.categories.values()
            if any(r["category"] == cat.id for r in c.matrix)]
    multiples = figure("multiples", multiples_svg, "Each author at a glance",
                       "Aligned small multiples: every factor stands in the same place in every panel. "
                       "Click a box for the author's claim and quotes." + (f" {multiples_note}" if multiples_note else ""),
                       "Aligned small multiples, one causal map per author; the matrix above says the same in words.",
                       filters=[("Category", "cat", cats)])
    authors = []
    for p in profiles:
        t = p.thesis
        authors.append({"id": t.id, "href": thesis_file(t.id), "author": t.author, "name": t.name, "work": t.work,
                        "year": t.year, "thesis": " ".join(t.thesis.split())})
    pairs = [{"a": names[r["a"]], "b": names[r["b"]], "agreement": f"{r['agreement']:.0%}",
              "tau": "n/a" if r["ranking_agreement"] is None else f"{r['ranking_agreement']:+.2f}",
              "shared": r["shared"], "conflicts": r["conflicts"], "href": pair_file(r["a"], r["b"]),
              "ab": brief_file(r["a"], r["b"]), "ba": brief_file(r["b"], r["a"])} for r in c.pairs]
    contested = []
    rows = {r["factor"]: r for r in c.matrix}
    for item in c.contested[:12]:
        if item["kind"] == "factor":
            who = _stances_by_whom(item, rows[item["factor"]]["cells"], names)
            title = item["label"]
        elif item["kind"] == "question":
            who = "; ".join(f"{a['label']}: {', '.join(names[i] for i in a['authors'])}" for a in item["answers"])
            title = item["label"]
        else:
            who, title = "", f"{item['from_label']} \u2192 {item['to_label']}"
        contested.append({"title": title, "pairs": item["conflicting_pairs"], "kinds": ", ".join(item["type_labels"]),
                          "who": who})
    consensus = [{"text": f"{l['from_label']} \u2192 {l['to_label']}",
                  "who": ", ".join(names[i] + (" (inferred by us)" if i in l["inferred_by"] else "")
                                   for i in l["authors"])} for l in c.consensus_links[:CONSENSUS_SHOWN]]
    return render_template(
        "index.html", title=taxonomy.debate, nav=nav_links(), scripts=SCRIPTS, debate=taxonomy.debate,
        n=len(profiles), findings=findings(c, names, divided, alike, taxonomy), divided=divided, alike=alike,
        n_questions=len(c.questions), authors_cols=[{"id": i, "name": names[i]} for i in c.ids],
        matrix=matrix_rows(c, taxonomy), categories=c.categories, cats=cats, multiples=multiples,
        details=data_json(multiples_details(profiles, taxonomy)), pairs=pairs, contested=contested,
        consensus=consensus, more_consensus=max(0, len(c.consensus_links) - CONSENSUS_SHOWN), authors=authors,
        include_inferred=c.include_inferred, version=__version__)


# --- a thesis -----------------------------------------------------------------------------

def thesis_details(graph, thesis, taxonomy) -> dict:
    """Click details for a thesis map: every claim, rejected view, the outcome and every link."""
    texts = {cl.id: cl.text for cl in thesis.claims}
    outcome = taxonomy.factors.get(thesis.explains)
    texts[thesis.explains] = outcome.label if outcome else thesis.explains
    for r in thesis.rejects:
        texts.setdefault(r.id, r.text)

    def cat_of(attrs):
        cat = taxonomy.categories.get(attrs.get("category"))
        return cat.label if cat else ""

    data = {}
    for node, attrs in graph.nodes(data=True):
        kind = attrs["kind"]
        if kind == "claim":
            bits = [attrs["label"], ROLE_LABELS.get(attrs.get("role"), "")]
            if attrs.get("author_term"):
                bits.append(f"in the author's words \u201c{attrs['author_term']}\u201d")
            if attrs.get("when"):
                bits.append(str(attrs["when"]))
            title, meta = attrs.get("text") or attrs["label"], " \u00b7 ".join(b for b in bits if b)
            text = ""
        elif kind == "rejected":
            title, meta, text = f"Rejected: {attrs.get('text') or attrs['label']}", \
                f"A view {thesis.name} rejects \u00b7 {attrs['label']}", ""
        else:
            title, meta, text = attrs["label"], "The outcome the thesis explains", ""
        outs = [f"{RELATION_LABELS[d['relation']]} \u2192 {texts.get(v, '')}" + (" (inferred by us)" if d["inferred"] else "")
                for _, v, d in sorted(graph.out_edges(node, data=True), key=lambda e: (e[1], e[2]["relation"]))]
        ins = [f"{texts.get(u, '')} \u2192 {RELATION_LABELS[d['relation']]}" + (" (inferred by us)" if d["inferred"] else "")
               for u, _, d in sorted(graph.in_edges(node, data=True), key=lambda e: (e[0], e[2]["relation"]))]
        data[node] = _detail(title, meta, text,
                             [{"h": "Evidence", "quotes": _evidence(attrs["evidence"]),
                               "items": [] if attrs["evidence"] else ["No quote in the encoding."]},
                              {"h": "Leads to", "items": outs}, {"h": "Comes from", "items": ins}],
                             tags={"cat": cat_of(attrs)} if kind == "claim" else None)
    for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        how = "inferred by us, not stated" if d["inferred"] else "stated by the author"
        data[f"{u}->{v}"] = _detail(f"{texts.get(u, '')} \u2192 {RELATION_LABELS[d['relation']]} \u2192 {texts.get(v, '')}",
                                    f"A link {how}",
                                    groups=[{"h": "Evidence", "quotes": _evidence(d["evidence"]),
                                             "items": [] if d["evidence"] else ["No quote in the encoding."]}],
                                    ends=(u, v))
    return data


def thesis_page(p, profiles, taxonomy, svg: bytes, graph, cov=None, humanise=lambda text: text) -> str:
    t = p.thesis
    texts = {cl.id: cl.text for cl in t.claims}
    outcome = taxonomy.factors.get(t.explains)
    texts[t.explains] = outcome.label if outcome else t.explains
    cats = sorted({taxonomy.categories[taxonomy.factors[cl.factor].category].label for cl in t.claims
                   if cl.factor in taxonomy.factors and taxonomy.factors[cl.factor].category in taxonomy.categories},
                  key=lambda lab: [c.label for c in taxonomy.categories.values()].index(lab))
    fig = figure("map", svg, f"{t.name}: causal map",
                 "Click a box or an arrow, or reach it with Tab and press Enter, for the claim and its quotes. "
                 "The tables below give the same content as text.",
                 f"Causal map of {t.author}'s thesis; the claims table below is its text version",
                 filters=[("Category", "cat", cats)])

    def factor_label(f):
        fac = taxonomy.factors.get(f)
        return fac.label if fac else ""

    claims = [{"key": cl.id, "text": cl.text, "factor": factor_label(cl.factor), "role": ROLE_LABELS[cl.role],
               "term": cl.author_term, "evidence": _evidence(cl.evidence)} for cl in t.claims]
    links = [{"from": texts.get(l.source, ""), "to": texts.get(l.target, ""),
              "relation": RELATION_LABELS[l.relation] + (" (inferred by us)" if l.inferred else ""),
              "inferred": l.inferred, "evidence": _evidence(l.evidence)} for l in t.links]
    rejects = [{"key": r.id, "text": r.text, "factor": factor_label(r.factor), "scope": REJECTION_SCOPES[r.scope],
                "evidence": _evidence(r.evidence)} for r in t.rejects]
    others = []
    for o in profiles:
        if o.id == t.id:
            continue
        a, b = (t.id, o.id) if [x.id for x in profiles].index(t.id) < [x.id for x in profiles].index(o.id) else (o.id, t.id)
        others.append({"name": o.thesis.name, "pair": pair_file(a, b), "brief": brief_file(t.id, o.id)})
    coverage = None
    if cov is not None:
        coverage = {"cov": cov, "summary": cov.summary(), "href": coverage_file(t.id)}
    return render_template(
        "thesis.html", title=f"{t.author}: {t.work}", nav=nav_links(), scripts=SCRIPTS, t=t,
        thesis_text=humanise(" ".join(t.thesis.split())), scope=humanise(t.scope), citation=humanise(t.citation), notes=humanise(" ".join((t.notes or "").split())), fig=fig,
        details=data_json(thesis_details(graph, t, taxonomy)), claims=claims, links=links, rejects=rejects,
        others=others, coverage=coverage)


# --- a pair -------------------------------------------------------------------------------

def _side_group(side: dict, who: str) -> list[dict]:
    """What one author says on a diff item, as detail groups (at most two quotes each)."""
    if side["stance"] == "silent":
        return [{"h": who, "items": ["Silent: the text does not discuss it."]}]
    out = []
    if "answer" in side:
        out.append({"h": f"{who}: {side['answer_label']}", "items": [f"{side['basis_label']}: {side['gloss']}"],
                    "quotes": [quote(e) for e in side["evidence"][:2]]})
    for cl in side.get("claims", []):
        out.append({"h": f"{who}: {weight_words(cl)}", "items": [cl["text"]], "quotes": [quote(e) for e in cl["evidence"][:2]]})
    for r in side.get("rejections", []):
        out.append({"h": f"{who} rejects {r['scope_label']}", "items": [r["text"]],
                    "quotes": [quote(e) for e in r["evidence"][:2]]})
    for link in side.get("links", []):
        out.append({"h": who, "items": [link_words(link)], "quotes": [quote(e) for e in link["evidence"][:2]]})
    return out


def _nested(lines: list[str]) -> list[dict]:
    """Summary lines as a list with sub-items: an indented line belongs to the line above it."""
    out: list[dict] = []
    for line in lines:
        if line.startswith(" ") and out:
            out[-1]["items"].append(line.strip())
        else:
            out.append({"text": line.strip(), "items": []})
    return out


def pair_details(d, taxonomy) -> dict:
    """Click details for a visual diff: each factor and link with both sides' words and quotes."""
    an, bn = d.a["name"], d.b["name"]
    show = {"shared": "Both", "only_a": f"Only {an}", "only_b": f"Only {bn}", "conflicts": "Conflicts",
            "readings_differ": "Both", "reversed_links": "Both"}
    data = {}
    for key in ("shared", "only_a", "only_b", "readings_differ", "reversed_links", "conflicts"):
        for item in getattr(d, key):
            if item["kind"] == "question":
                continue
            meta = item.get("summary") or (item.get("agreement_label", "").capitalize() if key == "shared"
                                           else show[key])
            groups = _side_group(item["a"], an) + _side_group(item["b"], bn)
            if item["kind"] == "factor":
                cat = taxonomy.categories.get(item.get("category"))
                data[item["factor"]] = _detail(item["label"], meta, groups=groups,
                                               tags={"side": show[key], "cat": cat.label if cat else ""})
            else:
                entry = _detail(f"{item['from_label']} \u2192 {item['to_label']}", meta, groups=groups,
                                ends=(item["from"], item["to"]))
                for k in (f"{item['from']}->{item['to']}", f"{item['to']}->{item['from']}"):
                    data.setdefault(k, entry)
    return data


def _side_rows(side: dict) -> dict:
    if side["stance"] == "silent":
        return {"silent": True}
    out = {"silent": False, "answer": None, "claims": [], "rejections": [], "links": []}
    if "answer" in side:
        out["answer"] = {"label": side["answer_label"], "basis": side["basis_label"], "gloss": side["gloss"],
                         "evidence": [quote(e) for e in side["evidence"][:2]]}
    out["claims"] = [{"text": cl["text"], "weight": weight_words(cl), "evidence": [quote(e) for e in cl["evidence"][:2]]}
                     for cl in side.get("claims", [])]
    out["rejections"] = [{"scope": r["scope_label"], "text": r["text"], "evidence": [quote(e) for e in r["evidence"][:2]]}
                         for r in side.get("rejections", [])]
    out["links"] = [{"text": link_words(link), "evidence": [quote(e) for e in link["evidence"][:2]]}
                    for link in side.get("links", [])]
    return out


def pair_page(d, taxonomy, svg: bytes) -> str:
    an, bn = d.a["name"], d.b["name"]
    sides = ["Conflicts", "Both", f"Only {an}", f"Only {bn}"]
    fig = figure("diff", svg, f"{an} vs {bn}", "Both, only one, and conflicts. Click a box or an arrow for both "
                 "sides' words and quotes; the tables below give the same content as text.",
                 f"Visual diff of {an} and {bn}; the tables below give the same content as text",
                 filters=[("Show", "side", sides)])
    sections = [{"title": title, "rows": [{"head": diff_head(key, item), "a": _side_rows(item["a"]),
                                            "b": _side_rows(item["b"])} for item in items]}
                for key, title, _, items in diff_sections(d, an, bn)]
    return render_template(
        "pair.html", title=f"{an} vs {bn}", nav=nav_links(), scripts=SCRIPTS, an=an, bn=bn, lead=one_line(d),
        summary=_nested(summary_lines(d)[1:]), fig=fig, details=data_json(pair_details(d, taxonomy)),
        sections=sections, ab=brief_file(d.a["id"], d.b["id"]), ba=brief_file(d.b["id"], d.a["id"]))


def brief_page(data: dict, names: dict, humanise=None) -> str:
    title = f"Debate brief: {data['a']['name']} against {data['b']['name']}"
    blocks = brief_blocks(data, names)
    if humanise is not None:
        blocks = humanise.blocks(blocks)
    return render_template("brief.html", title=title, nav=nav_links(), scripts=(),
                           body=Markup(blocks_to_html(blocks)))


# --- building the site ------------------------------------------------------------------

def static_file(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def workers() -> int:
    """Threads for the build: Graphviz runs in its own processes, so one per core and one more."""
    return (os.cpu_count() or 1) + 1


class Report:
    """Builds the site; ``progress(step)`` is called once per unit of work, if given.

    ``coverages`` maps thesis ids to :class:`argmap.coverage.Coverage` (from the source
    texts); each such thesis gets a coverage page linked from its own.
    """

    def __init__(self, study, folder: Path, progress=None, coverages: dict | None = None):
        self.study, self.folder = study, folder
        self.corpus, self.taxonomy = study.corpus, study.taxonomy
        self.profiles = study.profiles
        self.progress = progress or (lambda step: None)
        self.by_id = {p.id: p for p in self.profiles}
        self.pairs = list(itertools.combinations([p.id for p in self.profiles], 2))
        self.coverages = {i: c for i, c in (coverages or {}).items() if i in self.by_id}
        self.pages: list[str] = []  # the pages written by the last build

    @property
    def steps(self) -> int:
        n = len(self.profiles)
        return 1 + n + len(self.coverages) + len(self.pairs) + n * (n - 1)

    def build(self) -> Path:
        """Build the site in a temporary folder beside ``folder`` and swap it in.

        If anything fails (or the run is killed) the previous report stays as it was.
        """
        replace_folder(self.folder, self._build_into)
        return self.folder / "index.html"

    def jobs(self):
        """(file name, function, arguments) for every page, the index first."""
        yield "index.html", self.index_page, ()
        for p in self.profiles:
            yield thesis_file(p.id), self.thesis_page, (p,)
            if p.id in self.coverages:
                yield coverage_file(p.id), self.coverage_page, (p,)
        for a, b in self.pairs:
            yield pair_file(a, b), self.pair_page, (a, b)
        for a, b in itertools.permutations([p.id for p in self.profiles], 2):
            yield brief_file(a, b), self.brief_page, (a, b)

    def _build_into(self, folder: Path) -> None:
        self.pages = []
        write_new(folder, MARKER, f"argmap {__version__} report\n")
        for name in STATIC_FILES:
            write_new(folder, name, static_file(name))
        self._comparison = self.study.comparison()
        self._names = _names(self.profiles)
        self._humanise = Humaniser(self.taxonomy, [p.thesis for p in self.profiles])
        self._into, self._jobs = folder, list(self.jobs())
        global _SITE
        _SITE = self
        try:
            with _pool() as pool:
                for outcome in pool.map(_build_page, range(len(self._jobs))):
                    self.pages.append(_raise_failure(outcome))
                    self.progress(1)
        finally:
            _SITE = None

    # -- one page each: results in, text out ------------------------------------------------
    def index_page(self) -> str:
        source = small_multiples(self.profiles, self.taxonomy, self.taxonomy.outcome)
        svg = engine.run(source, "svg", "neato", ("-n2",))
        return index_page(self._comparison, self.profiles, self.taxonomy, svg)

    def thesis_page(self, p) -> str:
        graph = thesis_graph(p.thesis, self.taxonomy)
        svg = engine.run(diagrams.thesis_map(graph, self.taxonomy, p.thesis).source, "svg")
        return thesis_page(p, self.profiles, self.taxonomy, svg, graph, self.coverages.get(p.id), self._humanise)

    def coverage_page(self, p) -> str:
        from .coverage import coverage_html

        return coverage_html(self.coverages[p.id], back_link=thesis_file(p.id), nav=nav_links())

    def pair_page(self, a, b) -> str:
        d = self.study.diff(a, b)
        svg = engine.run(diagrams.diff_map(d, self.taxonomy, self.taxonomy.outcome).source, "svg")
        return pair_page(d, self.taxonomy, svg)

    def brief_page(self, a, b) -> str:
        data = self.study.brief(a, b)
        return brief_page(data, self._names, self._humanise)


# --- building pages in parallel ------------------------------------------------------------
# Most of a page's time is Graphviz (its own process) and the rest is Python, which one
# process runs on one core: the pages are built by worker processes forked from the one
# that holds the results (nothing to pickle but a page's number), a worker per core and one
# more so that a core is busy while another worker waits on dot. Without fork (Windows,
# macOS), threads still run dot in parallel.

_SITE: Report | None = None  # the report being built, as forked workers inherit it


class _Pool:
    """An executor whose exit, after a failure, cancels the pages not yet started."""

    def __init__(self, executor):
        self.executor = executor

    def __enter__(self):
        return self.executor

    def __exit__(self, kind, exc, tb):
        self.executor.shutdown(wait=True, cancel_futures=kind is not None)
        return False


def _pool() -> _Pool:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" in multiprocessing.get_all_start_methods():
        return _Pool(ProcessPoolExecutor(max_workers=workers(), mp_context=multiprocessing.get_context("fork")))
    return _Pool(ThreadPoolExecutor(max_workers=workers()))


def _build_page(index: int):
    """Build and write one page; a failure comes back as plain data (exceptions may not pickle)."""
    site = _SITE
    name, fn, args = site._jobs[index]
    try:
        write_new(site._into, name, fn(*args))
    except OSError as exc:
        return ("os", getattr(exc, "filename", None) or name, exc.errno, exc.strerror or str(exc))
    except engine.EngineError as exc:
        return ("engine", str(exc))
    except Exception as exc:  # a bug: keep its type and message for the report of it
        return ("bug", f"{type(exc).__name__}: {exc}")
    return name


def _raise_failure(outcome):
    if isinstance(outcome, str):
        return outcome
    kind = outcome[0]
    if kind == "os":
        from .output import OutputError

        raise OutputError(outcome[1], OSError(outcome[2], outcome[3]))
    if kind == "engine":
        raise engine.EngineError(outcome[1])
    raise RuntimeError(outcome[1])


def check_folder(folder: Path, inputs: set[Path]) -> None:
    """Refuse to write over anything that is not an earlier argmap report."""
    folder = folder.resolve()
    if any(folder == p or folder in p.parents for p in inputs):
        raise ValueError(f"{folder} holds the corpus; choose another output folder")
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / MARKER).exists())):
        raise ValueError(f"{folder} exists and is not an argmap report; choose another folder or remove it")
