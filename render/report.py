"""The comparison report: a static, self-contained site a teacher can open from disk.

One folder with an index (the debate, aligned small multiples, the matrix, agreement,
the most contested points), a page per thesis (a causal map whose nodes show their
evidence when clicked or activated with the keyboard), a page per pair of authors (the
visual diff and the diff with evidence) and a debate brief for every ordered pair. No
network requests: CSS, scripts and diagrams are inlined, so it works from ``file://``.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from pathlib import Path

from argmap import __version__
from argmap.compare import compare, diff, evidence_dict, one_line
from argmap.format import REJECTION_SCOPES, RELATION_LABELS, ROLE_LABELS
from argmap.debate import brief
from argmap.graphs import thesis_graph

from . import diagrams, engine
from .brief import blocks_to_html, brief_blocks
from .output import replace_folder, write_new
from .overview import small_multiples
from .text import diff_head, diff_sections, link_words, locator_text, summary_lines, weight_words

MARKER = ".argmap-report"

CSS = """
:root { --ink: #222; --muted: #555; --line: #d0d0d0; --accent: #0077BB; --neg: #CC3311; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Georgia, "DejaVu Serif", serif; color: var(--ink); background: #fff; }
header.site { background: #f4f4f4; border-bottom: 1px solid var(--line); padding: .6rem 1.2rem; }
header.site nav a { margin-right: 1rem; font-family: Helvetica, Arial, sans-serif; font-size: .95rem; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2.2rem; }
a { color: var(--accent); }
a:focus, button:focus, [tabindex]:focus { outline: 3px solid #EE7733; outline-offset: 2px; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; font-family: Helvetica, Arial, sans-serif; }
td.silent { color: #888; } td.rejects { color: var(--neg); font-weight: bold; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .9rem; }
.quote { font-style: italic; } .where { color: var(--muted); font-size: .88em; }
.map-layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 1fr); gap: 1rem; align-items: start; }
#details { position: sticky; top: 1rem; border: 1px solid var(--line); border-radius: 6px; padding: .8rem;
           background: #fafafa; min-height: 8rem; }
#details h3 { margin-top: 0; }
svg g.node[tabindex] { cursor: pointer; }
svg g.node.selected path, svg g.node.selected polygon { stroke: #EE7733; stroke-width: 5; }
button.claim { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; text-decoration: underline;
               cursor: pointer; }
ul.cards li { margin: .3rem 0; }
.small { font-size: .9rem; color: var(--muted); }
@media (max-width: 60rem) { .map-layout { grid-template-columns: 1fr; } }
@media print { header.site, #details, .noprint { display: none; } main { max-width: none; padding: 0; }
               .map-layout { display: block; } h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; }
               a { color: inherit; text-decoration: none; } }
"""

MAP_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('node-data').textContent);
  var panel = document.getElementById('details');
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text;
    if (cls) e.className = cls; return e; }
  function show(key) {
    var d = data[key]; if (!d) return;
    document.querySelectorAll('svg g.node.selected').forEach(function (g) { g.classList.remove('selected'); });
    var g = document.getElementById('node-' + key); if (g) g.classList.add('selected');
    panel.innerHTML = '';
    panel.appendChild(el('h3', d.title));
    if (d.meta) panel.appendChild(el('p', d.meta, 'small'));
    if (d.text) panel.appendChild(el('p', d.text));
    if (d.evidence.length) {
      panel.appendChild(el('h4', 'Evidence'));
      var ul = el('ul');
      d.evidence.forEach(function (e) { var li = el('li'); li.appendChild(el('span', '\\u201c' + e.quote + '\\u201d', 'quote'));
        li.appendChild(document.createTextNode(' ')); li.appendChild(el('span', '(' + e.where + ')', 'where'));
        ul.appendChild(li); });
      panel.appendChild(ul);
    } else { panel.appendChild(el('p', 'No quote in the encoding.', 'small')); }
    [['Leads to', d.out], ['Comes from', d.in]].forEach(function (pair) {
      if (!pair[1].length) return;
      panel.appendChild(el('h4', pair[0]));
      var ul = el('ul'); pair[1].forEach(function (t) { ul.appendChild(el('li', t)); }); panel.appendChild(ul);
    });
    panel.focus();
  }
  document.querySelectorAll('svg g.node').forEach(function (g) {
    var key = g.id.replace(/^node-/, '');
    if (!data[key]) return;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', data[key].title + ': show its evidence');
    g.addEventListener('click', function () { show(key); });
    g.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(key); } });
  });
  document.querySelectorAll('button.claim').forEach(function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-key')); });
  });
})();
"""


def esc(text) -> str:
    return html.escape(str(text if text is not None else ""), quote=True)


def page(title: str, body: str, nav: str, script: str = "") -> str:
    scripts = f"<script>{script}</script>" if script else ""
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)} \u2013 argmap</title>", f"<style>{CSS}</style>", "</head>", "<body>",
        f'<header class="site"><nav aria-label="Site">{nav}</nav></header>',
        f"<main>{body}</main>", scripts, "</body>", "</html>"]) + "\n"


def inline_svg(svg: bytes, label: str) -> str:
    """SVG markup to embed in a page: no XML prolog, labelled for screen readers."""
    text = svg.decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    return text.replace("<svg ", f'<svg role="img" aria-label="{esc(label)}" ', 1)


def _quote_html(e: dict) -> str:
    cites = f"; cites {e['cites']}" if e.get("cites") else ""
    return (f'<span class="quote">\u201c{esc(" ".join(e["quote"].split()))}\u201d</span> '
            f'<span class="where">({esc(locator_text(e["locator"]))}{esc(cites)})</span>')


class Report:
    """Builds the site; ``progress(step)`` is called once per unit of work, if given."""

    def __init__(self, corpus, profiles, folder: Path, progress=None, include_inferred: bool = False):
        self.corpus, self.profiles, self.folder = corpus, profiles, folder
        self.include_inferred = include_inferred
        self.taxonomy = corpus.taxonomy
        self.progress = progress or (lambda step: None)
        self.by_id = {p.id: p for p in profiles}
        self.pairs = list(itertools.combinations([p.id for p in profiles], 2))
        self.pages: list[str] = []  # the pages written by the last build
        self._into = folder

    @property
    def steps(self) -> int:
        n = len(self.profiles)
        return n + len(self.pairs) + n * (n - 1) + 2

    # -- names and navigation ------------------------------------------------------------
    @staticmethod
    def thesis_file(i): return f"thesis-{i}.html"

    @staticmethod
    def pair_file(a, b): return f"pair-{a}-{b}.html"

    @staticmethod
    def brief_file(a, b): return f"brief-{a}-vs-{b}.html"

    def nav(self) -> str:
        links = ['<a href="index.html">Overview</a>']
        links += [f'<a href="{self.thesis_file(p.id)}">{esc(p.thesis.name)}</a>' for p in self.profiles]
        links.append('<a href="index.html#pairs">Pairs and briefs</a>')
        return " ".join(links)

    def write(self, name: str, text: str) -> None:
        write_new(self._into, name, text)
        if name.endswith(".html"):
            self.pages.append(name)

    # -- pages ---------------------------------------------------------------------------------
    def build(self) -> Path:
        """Build the site in a temporary folder beside ``folder`` and swap it in.

        If anything fails (or the run is killed) the previous report stays as it was;
        ``pages`` then lists the pages written.
        """
        replace_folder(self.folder, self._build_into)
        return self.folder / "index.html"

    def _build_into(self, folder: Path) -> None:
        self._into, self.pages = folder, []
        write_new(folder, MARKER, f"argmap {__version__} report\n")
        for p in self.profiles:
            self.write(self.thesis_file(p.id), self.thesis_page(p))
            self.progress(1)
        for a, b in self.pairs:
            self.write(self.pair_file(a, b), self.pair_page(self.by_id[a], self.by_id[b]))
            self.progress(1)
        names = {p.id: p.thesis.name for p in self.profiles}
        for a, b in itertools.permutations([p.id for p in self.profiles], 2):
            data = brief(self.by_id[a], self.by_id[b], self.profiles, self.taxonomy, self.include_inferred)
            title = f"Debate brief: {names[a]} against {names[b]}"
            self.write(self.brief_file(a, b), page(title, blocks_to_html(brief_blocks(data, names)), self.nav()))
            self.progress(1)
        self.write("index.html", self.index_page())
        self.progress(2)

    def index_page(self) -> str:
        c = compare(self.profiles, self.taxonomy, self.include_inferred)
        outcome = self.taxonomy.outcome
        multiples = engine.run(small_multiples(self.profiles, self.taxonomy, outcome), "svg", "neato", ("-n2",))
        names = {p.id: p.thesis.name for p in self.profiles}
        out = [f"<h1>{esc(self.taxonomy.debate)}</h1>",
               f"<p>{len(self.profiles)} accounts compared with argmap. Each author's thesis was encoded as claims, "
               "causal links and rejected views, with verbatim evidence. Silence is not denial: an author who "
               "does not discuss a factor is shown as silent, never as disagreeing.</p>",
               "<h2>The authors</h2>", '<ul class="cards">']
        for p in self.profiles:
            t = p.thesis
            year = f" ({t.year})" if t.year else ""
            out.append(f'<li><a href="{self.thesis_file(t.id)}"><b>{esc(t.author)}</b></a>, '
                       f"<i>{esc(t.work)}</i>{esc(year)}. {esc(' '.join(t.thesis.split()))}</li>")
        out.append("</ul>")
        out.append('<h2 id="multiples">Each author at a glance</h2>')
        out.append('<figure>' + inline_svg(multiples, "Aligned small multiples: one causal map per author, "
                                           "every factor in the same place; the matrix below gives the same "
                                           "information as text.")
                   + "<figcaption>Aligned small multiples: every factor stands in the same place in every panel. "
                     "The matrix below says the same in words.</figcaption></figure>")
        out.append('<h2 id="matrix">Who says what: factor \u00d7 author</h2>')
        out.append(self.matrix_table(c, names))
        out.append('<h2 id="questions">Who answers what: question \u00d7 author</h2>')
        out.append(self.questions_table(c, names))
        out.append('<h2 id="agreement">Agreement between authors</h2>')
        out.append("<p>Agreement: the share of factors and links either author discusses on which both agree "
                   "(a factor both assert with very different weight counts half). Ranking agreement: Kendall's "
                   "tau of the importance both give the factors they share (1: same order, \u22121: reversed).</p>")
        out.append('<table><thead><tr><th scope="col">Pair</th><th scope="col">Agreement</th>'
                   '<th scope="col">Ranking agreement</th><th scope="col">In common</th>'
                   '<th scope="col">Conflicts</th><th scope="col">Compare</th></tr></thead><tbody>')
        for row in c.pairs:
            tau = "n/a" if row["ranking_agreement"] is None else f"{row['ranking_agreement']:+.2f}"
            out.append(f"<tr><td>{esc(names[row['a']])} ~ {esc(names[row['b']])}</td><td>{row['agreement']:.0%}</td>"
                       f"<td>{tau}</td><td>{row['shared']}</td><td>{row['conflicts']}</td>"
                       f'<td><a href="{self.pair_file(row["a"], row["b"])}">diff</a></td></tr>')
        out.append("</tbody></table>")
        out.append('<h2 id="contested">Most contested</h2><ol>')
        for item in c.contested[:12]:
            kinds = esc(', '.join(item['type_labels']))
            if item["kind"] == "factor":
                who = "; ".join(f"{word} by {esc(', '.join(names[i] for i in item[key]))}"
                                for key, word in (("asserts", "asserted"), ("rejects", "rejected"),
                                                  ("mixed", "asserted with a reading rejected")) if item[key])
                out.append(f"<li><b>{esc(item['label'])}</b>: {item['conflicting_pairs']} conflicting pair(s) "
                           f"({kinds}); {who}.</li>")
            elif item["kind"] == "question":
                who = "; ".join(f"{esc(a['label'])}: {esc(', '.join(names[i] for i in a['authors']))}"
                                for a in item["answers"])
                out.append(f"<li><b>{esc(item['label'])}</b>: {item['conflicting_pairs']} conflicting pair(s) "
                           f"({kinds}); {who}.</li>")
            else:
                out.append(f"<li><b>{esc(item['from_label'])} \u2192 {esc(item['to_label'])}</b>: "
                           f"{item['conflicting_pairs']} conflicting pair(s) ({kinds}).</li>")
        out.append("</ol>" if c.contested else "</ol><p>No conflicts.</p>")
        out.append('<h2 id="consensus">Links several authors draw</h2><ul>')
        out += [f"<li>{esc(l['from_label'])} \u2192 {esc(l['to_label'])}: "
                f"{esc(', '.join(names[i] + (' (inferred by us)' if i in l['inferred_by'] else '') for i in l['authors']))}"
                "</li>" for l in c.consensus_links]
        out.append("</ul>" if c.consensus_links else "</ul><p>No link is drawn by two authors.</p>")
        out.append('<p class="small">' + ("Links inferred by us are included and marked."
                                           if self.include_inferred else "Only links the authors state are counted.")
                   + "</p>")
        out.append('<h2 id="pairs">Pairs and debate briefs</h2><table><thead><tr><th scope="col">Pair</th>'
                   '<th scope="col">Diff</th><th scope="col">Briefs</th></tr></thead><tbody>')
        for a, b in self.pairs:
            out.append(f"<tr><td>{esc(names[a])} ~ {esc(names[b])}</td>"
                       f'<td><a href="{self.pair_file(a, b)}">visual diff</a></td>'
                       f'<td><a href="{self.brief_file(a, b)}">{esc(names[a])} against {esc(names[b])}</a><br>'
                       f'<a href="{self.brief_file(b, a)}">{esc(names[b])} against {esc(names[a])}</a></td></tr>')
        out.append("</tbody></table>")
        out.append(f'<p class="small">Made by argmap {__version__}.</p>')
        return page(self.taxonomy.debate, "\n".join(out), self.nav())

    def matrix_table(self, c, names) -> str:
        head = "".join(f'<th scope="col">{esc(names[i])}</th>' for i in c.ids)
        rows = [f'<table><thead><tr><th scope="col">Factor</th><th scope="col">Category</th>{head}</tr></thead><tbody>']
        for r in c.matrix:
            cat = self.taxonomy.categories.get(r["category"])
            colour = cat.colour if cat else "#fff"
            cells = []
            for i in c.ids:
                cell = r["cells"][i]
                if cell["stance"] == "asserts":
                    cells.append(f'<td style="background:{colour}">{esc(cell["role_label"])}</td>')
                elif cell["stance"] == "mixed":
                    cells.append(f'<td style="background:{colour}">{esc(cell["role_label"])}<br>'
                                 '<span class="rejects">\u2717 rejects a reading</span></td>')
                elif cell["stance"] == "rejects":
                    cells.append('<td class="rejects">\u2717 rejects</td>')
                else:
                    cells.append('<td class="silent">silent</td>')
            rows.append(f'<tr><th scope="row">{esc(r["label"])}</th><td>{esc(cat.label if cat else "")}</td>'
                        f'{"".join(cells)}</tr>')
        rows.append("</tbody></table>")
        rows.append("<h3>By category</h3><table><thead><tr><th scope=\"col\">Category</th>" + head + "</tr></thead><tbody>")
        for r in c.categories:
            rows.append(f'<tr><th scope="row">{esc(r["label"])}</th>'
                        + "".join(f'<td class="{esc(r["stances"][i])}">{esc(r["stance_labels"][i])}</td>'
                                  for i in c.ids)
                        + "</tr>")
        rows.append("</tbody></table>")
        return "\n".join(rows)

    def questions_table(self, c, names) -> str:
        if not c.questions:
            return "<p>The taxonomy declares no questions.</p>"
        head = "".join(f'<th scope="col">{esc(names[i])}</th>' for i in c.ids)
        rows = [f'<table><thead><tr><th scope="col">Question</th>{head}</tr></thead><tbody>']
        for r in c.questions:
            cells = []
            for i in c.ids:
                cell = r["cells"][i]
                if not cell["answer"]:
                    cells.append('<td class="silent">silent</td>')
                else:
                    cells.append(f'<td><b>{esc(cell["answer_label"])}</b> <span class="small">'
                                 f'({esc(cell["basis_label"])})</span><br>{esc(cell["gloss"])}</td>')
            rows.append(f'<tr><th scope="row">{esc(r["text"])}</th>{"".join(cells)}</tr>')
        rows.append("</tbody></table>")
        return "\n".join(rows)

    def thesis_page(self, p) -> str:
        t = p.thesis
        graph = thesis_graph(t, self.taxonomy)
        svg = engine.run(diagrams.thesis_map(graph, self.taxonomy, t).source, "svg")
        names = {c.id: c.text for c in t.claims}
        outcome = self.taxonomy.factors.get(t.explains)
        names[t.explains] = outcome.label if outcome else t.explains
        data = {}
        for node, attrs in graph.nodes(data=True):
            kind = attrs["kind"]
            meta = {"claim": f"{attrs['label']} \u00b7 {attrs.get('role', '')}"
                             + (f" (\u201c{attrs['author_term']}\u201d)" if attrs.get("author_term") else "")
                             + (f" \u00b7 {attrs['when']}" if attrs.get("when") else ""),
                    "rejected": f"A view {t.name} rejects \u00b7 {attrs['label']}",
                    "outcome": "The outcome the thesis explains"}[kind]
            data[node] = {
                "title": attrs["label"] if kind != "rejected" else f"Rejected: {attrs['label']}",
                "meta": meta, "text": attrs.get("text", ""),
                "evidence": [{"quote": " ".join(e.quote.split()),
                              "where": locator_text(evidence_dict(e)["locator"]) + (f"; cites {e.cites}" if e.cites else "")}
                             for e in attrs["evidence"]],
                "out": [f"{d['relation'].replace('_', ' ')} \u2192 {names.get(v, v)}"
                        + (" (inferred)" if d["inferred"] else "") for _, v, d in sorted(graph.out_edges(node, data=True))],
                "in": [f"{names.get(u, u)} \u2192 {d['relation'].replace('_', ' ')}"
                       + (" (inferred)" if d["inferred"] else "") for u, _, d in sorted(graph.in_edges(node, data=True))],
            }
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
        year = f" ({t.year})" if t.year else ""
        body = [f"<h1>{esc(t.author)}: <i>{esc(t.work)}</i>{esc(year)}</h1>",
                f'<p class="small">Source: {esc(t.citation)} Scope: {esc(t.scope)}</p>',
                f"<h2>The thesis</h2><p>{esc(' '.join(t.thesis.split()))}</p>"]
        if t.notes:
            body.append(f'<p class="small"><b>Notes on the encoding:</b> {esc(" ".join(t.notes.split()))}</p>')
        body += ['<h2>Causal map</h2><p class="noprint">Click a box, or reach it with Tab and press Enter, '
                 "to see the claim, its evidence and its links. The tables below give the same content as text.</p>",
                 '<div class="map-layout"><figure>'
                 + inline_svg(svg, f"Causal map of {t.author}'s thesis; the claims table below is its text version")
                 + '</figure><aside id="details" tabindex="-1" aria-live="polite"><p class="small">'
                   "Select a box in the map to see its evidence here.</p></aside></div>"]
        body.append('<h2>Claims</h2><table><thead><tr><th scope="col">Claim</th><th scope="col">Factor</th>'
                    '<th scope="col">Weight</th><th scope="col">Evidence</th></tr></thead><tbody>')
        for c in t.claims:
            fac = self.taxonomy.factors.get(c.factor)
            term = f" (\u201c{esc(c.author_term)}\u201d)" if c.author_term else ""
            quotes = "<br>".join(_quote_html(evidence_dict(e)) for e in c.evidence) or '<span class="small">none</span>'
            body.append(f'<tr><td><button class="claim" data-key="{esc(c.id)}">{esc(c.text)}</button></td>'
                        f"<td>{esc(fac.label if fac else c.factor)}</td><td>{esc(ROLE_LABELS[c.role])}{term}</td><td>{quotes}</td></tr>")
        body.append("</tbody></table>")
        body.append('<h2>Links</h2><table><thead><tr><th scope="col">Cause</th><th scope="col">Relation</th>'
                    '<th scope="col">Effect</th><th scope="col">Evidence</th></tr></thead><tbody>')
        for link in t.links:
            quotes = "<br>".join(_quote_html(evidence_dict(e)) for e in link.evidence) or \
                ('<span class="small">inferred by the encoder</span>' if link.inferred else '<span class="small">none</span>')
            rel = RELATION_LABELS[link.relation] + (" (inferred by us)" if link.inferred else "")
            body.append(f"<tr><td>{esc(names.get(link.source, link.source))}</td><td>{esc(rel)}</td>"
                        f"<td>{esc(names.get(link.target, link.target))}</td><td>{quotes}</td></tr>")
        body.append("</tbody></table>")
        body.append("<h2>Views the author rejects</h2>")
        if t.rejects:
            body.append('<table><thead><tr><th scope="col">Rejected view</th><th scope="col">Factor</th>'
                        '<th scope="col">What it rejects</th><th scope="col">Evidence</th></tr></thead><tbody>')
            for r in t.rejects:
                fac = self.taxonomy.factors.get(r.factor)
                quotes = "<br>".join(_quote_html(evidence_dict(e)) for e in r.evidence)
                body.append(f'<tr><td><button class="claim" data-key="{esc(r.id)}">{esc(r.text)}</button></td>'
                            f"<td>{esc(fac.label if fac else r.factor)}</td><td>{esc(REJECTION_SCOPES[r.scope])}</td>"
                            f"<td>{quotes}</td></tr>")
            body.append("</tbody></table>")
        else:
            body.append("<p>None encoded.</p>")
        others = [o for o in self.profiles if o.id != t.id]
        body.append("<h2>Compare with</h2><ul>" + "".join(
            f'<li><a href="{self.pair_file(*sorted_pair(self.pairs, t.id, o.id))}">{esc(o.thesis.author)}</a> \u00b7 '
            f'<a href="{self.brief_file(t.id, o.id)}">brief: {esc(t.author)} against {esc(o.thesis.author)}</a></li>'
            for o in others) + "</ul>")
        body.append(f'<script type="application/json" id="node-data">{payload}</script>')
        return page(f"{t.author}: {t.work}", "\n".join(body), self.nav(), MAP_SCRIPT)

    def pair_page(self, a, b) -> str:
        d = diff(a, b, self.taxonomy, self.include_inferred)
        svg = engine.run(diagrams.diff_map(d, self.taxonomy, self.taxonomy.outcome).source, "svg")
        an, bn = a.thesis.name, b.thesis.name
        body = [f"<h1>{esc(an)} vs {esc(bn)}</h1>", f"<p><b>{esc(one_line(d))}</b></p>",
                f'<p><a href="{self.brief_file(a.id, b.id)}">Brief: {esc(an)} against {esc(bn)}</a> \u00b7 '
                f'<a href="{self.brief_file(b.id, a.id)}">Brief: {esc(bn)} against {esc(an)}</a></p>',
                '<h2>Visual diff</h2><figure>'
                + inline_svg(svg, f"Visual diff of {an} and {bn}; the tables below give the same content as text")
                + "<figcaption>Both, only one, and conflicts, over the shared factors.</figcaption></figure>"]
        body.append("<ul>" + "".join(f"<li>{esc(line.strip())}</li>" for line in summary_lines(d)[1:]) + "</ul>")
        for key, title, _, items in diff_sections(d, an, bn):
            body.append(f"<h2>{esc(title)} ({len(items)})</h2>")
            if not items:
                body.append("<p>None.</p>")
                continue
            body.append(f'<table><thead><tr><th scope="col">Point</th><th scope="col">{esc(an)}</th>'
                        f'<th scope="col">{esc(bn)}</th></tr></thead><tbody>')
            for item in items:
                body.append(f"<tr><td>{esc(diff_head(key, item))}</td><td>{_side_html(item['a'])}</td>"
                            f"<td>{_side_html(item['b'])}</td></tr>")
            body.append("</tbody></table>")
        return page(f"{an} vs {bn}", "\n".join(body), self.nav())


def sorted_pair(pairs, x, y):
    return (x, y) if (x, y) in pairs else (y, x)


def _side_html(side: dict) -> str:
    if side["stance"] == "silent":
        return '<span class="small">silent</span>'
    parts = []
    if "answer" in side:
        parts.append(f"<p><b>{esc(side['answer_label'])}</b> ({esc(side['basis_label'])}): {esc(side['gloss'])}</p>"
                     + "".join(f"<p>{_quote_html(e)}</p>" for e in side["evidence"][:2]))
    for c in side.get("claims", []):
        parts.append(f"<p>{esc(c['text'])} <i>[{esc(weight_words(c))}]</i></p>"
                     + "".join(f"<p>{_quote_html(e)}</p>" for e in c["evidence"][:2]))
    for r in side.get("rejections", []):
        parts.append(f"<p><b>Rejects {esc(r['scope_label'])}:</b> {esc(r['text'])}</p>"
                     + "".join(f"<p>{_quote_html(e)}</p>" for e in r["evidence"][:2]))
    for link in side.get("links", []):
        parts.append(f"<p>{esc(link_words(link))}</p>"
                     + "".join(f"<p>{_quote_html(e)}</p>" for e in link["evidence"][:2]))
    return "".join(parts)


def check_folder(folder: Path, inputs: set[Path]) -> None:
    """Refuse to write over anything that is not an earlier argmap report."""
    folder = folder.resolve()
    if any(folder == p or folder in p.parents for p in inputs):
        raise ValueError(f"{folder} holds the corpus; choose another output folder")
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / MARKER).exists())):
        raise ValueError(f"{folder} exists and is not an argmap report; choose another folder or remove it")


def build_report(corpus, profiles, folder: Path, progress=None) -> Path:
    """Write the whole site into ``folder``; return the index page's path."""
    return Report(corpus, profiles, folder, progress).build()
