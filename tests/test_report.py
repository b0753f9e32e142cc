"""The static report: its pages, self-containment, safety, and a real browser clicking through it."""

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from conftest import needs_dot, require, write_yaml
from test_compare import BETA

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Debian's Chromium, headless; without the background-networking flags it keeps trying to reach the network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(tmp_path, corpus_dir) -> Path:
    write_yaml(corpus_dir / "beta.yaml", BETA)
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["report", "--corpus", str(corpus_dir), "-o", str(out)], obj={})
    assert result.exit_code == 0, result.output
    assert f"Open it in a browser: {(out / 'index.html').resolve().as_uri()}" in result.output
    return out


@needs_dot
def test_report_pages(tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    names = sorted(p.name for p in out.glob("*.html"))
    assert names == ["brief-alpha-vs-beta.html", "brief-beta-vs-alpha.html", "index.html", "pair-alpha-beta.html",
                     "thesis-alpha.html", "thesis-beta.html"]
    index = (out / "index.html").read_text()
    for needle in ("Why did the experiment end?", "Who says what", "Agreement between authors", "Most contested",
                   'href="thesis-alpha.html"', 'href="pair-alpha-beta.html"', 'href="brief-beta-vs-alpha.html"'):
        assert needle in index, needle
    thesis = html.unescape((out / "thesis-alpha.html").read_text())
    assert 'id="node-low_prices"' in thesis and '"diagram-data"' in thesis
    assert "\u201cIt was not the ambition of one man.\u201d" in thesis  # rejected view with its evidence


@needs_dot
def test_report_is_self_contained_and_deterministic(tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    for name, data in first.items():
        if not name.endswith(".html"):
            continue
        text = data.decode()
        # No resource is fetched from anywhere: no src/href to a network address, no external CSS;
        # scripts only from the report's own folder.
        assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', text), name
        assert '<link rel="stylesheet"' not in text, name
        for src in re.findall(r'<script src="([^"]+)"', text):
            assert "/" not in src and src in first, (name, src)
    CliRunner().invoke(cli, ["report", "--corpus", str(corpus_dir), "-o", str(out)], obj={})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_report_never_writes_over_other_folders(tmp_path, corpus_dir):
    write_yaml(corpus_dir / "beta.yaml", BETA)
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "essay.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["report", "--corpus", str(corpus_dir), "-o", str(precious)], obj={})
    assert result.exit_code == 2 and "not an argmap report" in result.output
    assert [p.name for p in precious.iterdir()] == ["essay.txt"]
    into_corpus = CliRunner().invoke(cli, ["report", "--corpus", str(corpus_dir), "-o", str(corpus_dir)], obj={})
    assert into_corpus.exit_code == 2


# --- in a real browser ----------------------------------------------------------------------

@pytest.fixture
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        sync_api = None
    require(sync_api is None, "playwright is not installed (pip install -e '.[test]')")
    require(not CHROMIUM, "Chromium is not installed (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def open_page(browser, url):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    return page, problems, requests


@needs_dot
def test_index_loads_without_errors_or_network(browser, tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    page, problems, requests = open_page(browser, (out / "index.html").resolve().as_uri())
    assert page.title().startswith("Why did the experiment end?")
    assert page.locator("figure#multiples svg g.node").count() > 0
    assert problems == []
    assert all(u.startswith("file://") for u in requests), requests
    page.screenshot(path=str(tmp_path / "index.png"))


@needs_dot
def test_clicking_a_node_shows_its_evidence(browser, tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    page, problems, _ = open_page(browser, (out / "thesis-alpha.html").resolve().as_uri())
    details = page.locator("#details")
    assert "The prices were too low." not in details.inner_text()
    page.click("#node-low_prices")
    text = details.inner_text()
    assert "Prices were set too low." in text and "\u201cThe prices were too low.\u201d" in text and "(line 1)" in text
    assert "causes \u2192 Peasants had nothing to buy." in text
    # Keyboard: Tab to a node and press Enter.
    page.focus("#node-ambition")
    page.keyboard.press("Enter")
    assert "It was not the ambition of one man." in details.inner_text()
    assert problems == []


@needs_dot
def test_diff_page_shows_its_diagram(browser, tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    page, problems, _ = open_page(browser, (out / "pair-alpha-beta.html").resolve().as_uri())
    svg = page.locator("figure svg")
    assert svg.count() == 1 and svg.bounding_box()["width"] > 200
    assert page.locator("figure svg g.node").count() >= 4  # the focused diff: shared points, conflicts, neighbours
    assert "1 conflict;" in page.inner_text("main")
    assert problems == []


# --- the bundled debate: findings first, phones, zoom, no internal names ---------------------

BUNDLED_PAGES = ("index.html", "thesis-reiman.html", "pair-behrens-bettelheim.html", "brief-reiman-vs-synergy.html")


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory):
    """The report of the bundled corpus, with coverage pages when the source texts are there."""
    from conftest import SEEDS
    from argmap.render.engine import EngineError, find_engine

    try:
        find_engine()
    except EngineError as exc:
        require(True, str(exc))
    out = tmp_path_factory.mktemp("bundled") / "site"
    args = ["report", "-o", str(out)] + (["--sources", str(SEEDS)] if SEEDS.is_dir() else [])
    result = CliRunner().invoke(cli, args, obj={})
    assert result.exit_code == 0, result.output
    return out


def internal_names() -> set[str]:
    """Every id of the bundled corpus and every enum name that a reader must never see.

    Only names with an underscore or a digit: a single-word id ("collectivisation") is an
    ordinary word that labels may well use.
    """
    from argmap import compare as cmp, format as fmt
    from argmap.loader import load_corpus

    corpus = load_corpus()
    tax = corpus.taxonomy
    names = set(tax.factors) | set(tax.questions) | set(tax.categories)
    for q in tax.questions.values():
        names |= set(q.answers)
    for t in corpus.theses.values():
        names |= {t.id} | {c.id for c in t.claims} | {r.id for r in t.rejects}
    for module in (fmt, cmp):
        for table in ("RELATION_LABELS", "ROLE_LABELS", "REJECTION_SCOPES", "POSITION_BASES", "CONFLICT_TYPES",
                      "STANCES", "AGREEMENTS", "QUESTION_TYPES"):
            names |= set(getattr(module, table, {}))
    names |= {"asserts_vs_rejects", "answers_differently", "readings_differ", "reversed_links", "sole_cause",
              "contributes_to", "both_assert"}
    return {n for n in names if "_" in n or re.search(r"\d", n)}


def name_pattern(names):
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")(?![\w-])")


def test_internal_names_cover_the_enum_names():
    names = internal_names()
    assert {"contributes_to", "sole_cause", "answers_differently", "nep_end"} <= names
    assert len(names) > 150


# Everything a reader can see or hover on a page: rendered text (closed <details> too),
# tooltips (title attributes, SVG <title> and xlink:title), labels for screen readers, and the
# words the click-for-details panel would show.
READABLE = """() => {
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.textContent);
      else if (child.nodeType === 1 && !['SCRIPT', 'STYLE'].includes(child.tagName.toUpperCase())) walk(child);
    }
  };
  walk(document.body);
  out.push(document.title);
  document.querySelectorAll('title').forEach(t => out.push(t.textContent));
  document.querySelectorAll('*').forEach(e => {
    for (const a of ['title', 'aria-label', 'alt', 'xlink:title']) if (e.getAttribute(a)) out.push(e.getAttribute(a));
  });
  const data = document.getElementById('diagram-data');
  if (data) {
    for (const d of Object.values(JSON.parse(data.textContent))) {
      out.push(d.title, d.meta, d.text);
      for (const g of d.groups || []) {
        out.push(g.h || '');
        (g.items || []).forEach(i => out.push(i));
        (g.quotes || []).forEach(q => out.push(q.quote, q.where));
      }
    }
  }
  return out.join('\\n');
}"""


@needs_dot
def test_no_internal_name_anywhere_a_reader_looks(browser, bundled_report):
    pattern = name_pattern(internal_names())
    page = browser.new_page()
    pages = sorted(p.name for p in bundled_report.glob("*.html"))
    assert len(pages) >= 36
    found = {}
    for name in pages:
        page.goto((bundled_report / name).resolve().as_uri())
        text = page.evaluate(READABLE)
        hits = sorted({m.group(1) for m in pattern.finditer(text)})
        if hits:
            found[name] = hits[:8]
    assert found == {}


@needs_dot
def test_graphviz_titles_are_gone_and_nodes_keyed(bundled_report):
    for name in ("index.html", "thesis-reiman.html", "pair-behrens-bettelheim.html"):
        text = (bundled_report / name).read_text()
        assert "<title>" in text and text.count("<title>") == 1, name  # the page's own title only
        assert 'class="node" data-key="' in text, name


@needs_dot
def test_first_screen_leads_with_findings_and_a_figure(browser, bundled_report):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto((bundled_report / "index.html").resolve().as_uri())

    def top(selector):
        return page.locator(selector).first.bounding_box()["y"]

    assert top("#findings") < 300
    assert "divide" in page.inner_text("#findings") and "Common ground" in page.inner_text("#findings")
    # A figure, a table of who answers what, starts on the first screen, its first row visible.
    assert top("#disagree") < 700 and top("#disagree tbody tr") < 1000
    assert page.locator("#disagree .badge").count() > 0 and page.locator("#disagree td.odd").count() > 0
    # Prose (the authors' summaries) comes well below, after the matrix.
    assert top("#authors") > top("#matrix") > 1000
    mixed = page.locator("#matrix td.mixed")
    assert mixed.count() > 0 and "rejects a reading" in mixed.first.inner_text()
    page.screenshot(path=str(bundled_report.parent / "index-1400.png"))


@needs_dot
def test_no_page_scrolls_sideways_on_a_phone(browser, bundled_report):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    wide = {}
    for path in sorted(bundled_report.glob("*.html")):
        page.goto(path.resolve().as_uri())
        width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if width > client:
            wide[path.name] = width
    assert wide == {}
    # The navigation wraps instead of running off the screen.
    page.goto((bundled_report / "index.html").resolve().as_uri())
    assert page.locator("header.site nav").bounding_box()["width"] <= 390


def diagram_pages(folder):
    return sorted(p.name for p in folder.glob("*.html") if 'class="diagram"' in p.read_text())


@needs_dot
def test_every_diagram_opens_full_size_and_zooms(browser, bundled_report):
    names = diagram_pages(bundled_report)
    assert "index.html" in names and "thesis-reiman.html" in names and "pair-behrens-bettelheim.html" in names
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    for name in names:
        page.goto((bundled_report / name).resolve().as_uri())
        for fig in page.locator("figure.diagram").all():
            fig.locator("button[data-open]").click()
            viewer = page.locator("#viewer")
            assert viewer.is_visible(), name
            box = viewer.locator(".stage svg").bounding_box()
            assert box["width"] > 800 and box["height"] > 600, name  # the window, not the column
            assert page.evaluate("typeof window.argmapZoom.zoomBy") == "function", name
            before = viewer.locator(".svg-pan-zoom_viewport").get_attribute("transform")
            viewer.locator('button[data-zoom="in"]').click()
            # svg-pan-zoom applies a zoom on the next animation frame.
            page.wait_for_function("b => document.querySelector('#viewer .svg-pan-zoom_viewport')"
                                   ".getAttribute('transform') !== b", arg=before, timeout=3000)
            page.keyboard.press("Escape")
            assert not viewer.is_visible() and page.evaluate("window.argmapZoom") is None, name
    assert problems == []


@needs_dot
def test_clicking_in_the_full_size_view_shows_quotes(browser, bundled_report):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto((bundled_report / "pair-behrens-bettelheim.html").resolve().as_uri())
    page.click("button[data-open]")
    node = page.locator("#viewer g.node[tabindex]").first
    node.dispatch_event("click")
    details = page.locator("#viewer #details")
    assert details.is_visible() and "\u201c" in details.inner_text()
    # An arrow has its own details: both ends in words and the quotes.
    edge = page.locator("#viewer g.edge[tabindex]").first
    edge.dispatch_event("click")
    assert "\u2192" in details.inner_text()
    page.keyboard.press("Escape")
    assert page.locator("main #details").count() == 1  # the panel went back to its place


@needs_dot
def test_filters_fade_the_map_and_hide_authors(browser, bundled_report):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto((bundled_report / "thesis-reiman.html").resolve().as_uri())
    select = page.locator('#map select[data-filter="cat"]')
    options = select.locator("option").all_inner_texts()
    select.select_option(options[1])
    assert page.locator("#map g.node.faded").count() > 0
    assert page.locator("#map g.node[tabindex]:not(.faded)").count() > 0
    page.goto((bundled_report / "index.html").resolve().as_uri())
    column = page.locator('#matrix-table thead th[data-author="hosking"]')
    assert column.is_visible()
    page.locator('input[data-author-toggle="hosking"]').uncheck()
    assert not column.is_visible() and not page.locator('#disagree td[data-author="hosking"]').first.is_visible()


@needs_dot
def test_screenshots_of_the_main_pages(browser, bundled_report):
    """Pages as a person sees them, at a laptop's and a phone's width (kept beside the report)."""
    for width, height in ((1400, 1000), (390, 844)):
        page = browser.new_page(viewport={"width": width, "height": height})
        for name in BUNDLED_PAGES:
            page.goto((bundled_report / name).resolve().as_uri())
            page.screenshot(path=str(bundled_report.parent / f"{name[:-5]}-{width}.png"))
            assert page.locator("main h1").is_visible()


@needs_dot
def test_report_ships_the_pan_zoom_library_with_its_licence(bundled_report):
    script = (bundled_report / "svg-pan-zoom.min.js").read_text()
    assert "svg-pan-zoom v3" in script
    assert "Andrea Leofreddi" in (bundled_report / "svg-pan-zoom.LICENSE").read_text()
    assert '<script src="svg-pan-zoom.min.js"></script>' in (bundled_report / "index.html").read_text()


@needs_dot
def test_report_is_the_same_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", "import cli; cli.main()", "report", "-o", str(out)],
                              env=env, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        assert done.returncode == 0, done.stderr
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1]


@needs_dot
def test_sources_give_each_thesis_its_coverage_page(tmp_path, corpus_dir):
    write_yaml(corpus_dir / "beta.yaml", {**BETA, "source": {"file": "beta.txt", "citation": "B. Writer."}})
    out = tmp_path / "site"
    sources = corpus_dir.parent / "sources"
    result = CliRunner().invoke(cli, ["report", "--corpus", str(corpus_dir), "-o", str(out), "--sources",
                                      str(sources)], obj={})
    assert result.exit_code == 0, result.output
    # beta's source text is not in the folder: a one-line note, and the rest of the report.
    assert "no coverage page for" in result.output
    assert (out / "coverage-alpha.html").exists() and not (out / "coverage-beta.html").exists()
    thesis = (out / "thesis-alpha.html").read_text()
    assert 'href="coverage-alpha.html"' in thesis and 'class="coverage-strip"' in thesis
    assert "coverage" not in (out / "thesis-beta.html").read_text().lower().split("<main>")[1]
    cov = (out / "coverage-alpha.html").read_text()
    assert 'href="thesis-alpha.html"' in cov and '<nav aria-label="Site">' in cov and "Quote coverage" in cov


def test_notes_name_labels_not_ids():
    from argmap.loader import load_corpus
    from argmap.render.report import Humaniser

    corpus = load_corpus()
    human = Humaniser(corpus.taxonomy, list(corpus.theses.values()))
    label = corpus.taxonomy.factors["nep_end"].label
    assert human("every link to nep_end is inferred (contributes_to, sole_cause)") == \
        f"every link to {label} is inferred (contributes to, the factor as the sole or main cause)"
    assert human("nep_ending stays") == "nep_ending stays"  # only whole names
    assert human.blocks([("q", 1, ("a quote on nep_end", "line 3"))])[0][2][0] == "a quote on nep_end"


def test_matrix_and_findings_tell_a_sole_cause_or_reading_rejection_from_rejecting_the_factor(debate_dir):
    """Sallust rejects grain only as the sole cause and one reading of the mob: neither is a denial."""
    from argmap.loader import load_corpus
    from argmap.render.report import findings, matrix_rows
    from argmap.study import Study

    corpus = load_corpus([debate_dir])
    c = Study(corpus).comparison()
    cells = {r["label"]: {cell["author"]: cell for cell in r["cells"]} for r in matrix_rows(c, corpus.taxonomy)
             if not r["group"]}
    grain, senate, mob = cells["Grain shortages"]["sallust"], cells["A selfish senate"]["sallust"], \
        cells["The urban mob"]["sallust"]
    assert (grain["cls"], grain["text"]) == ("rejects scoped", "\u2717 rejects as sole cause")
    assert (senate["cls"], senate["text"]) == ("rejects", "\u2717 rejects")
    assert (mob["cls"], mob["neg"]) == ("mixed", "\u2717 rejects a reading")
    labels = {r["label"]: r["cells"]["sallust"]["stance_label"] for r in c.matrix}
    assert labels["Grain shortages"] == "rejects as the sole or main cause"
    assert labels["Ambitious generals"] == "asserts, and rejects as the sole or main cause"
    names = {"livy": "Livy", "sallust": "Sallust"}
    common = next(f for f in findings(c, names, [], [], corpus.taxonomy) if f["head"] == "Common ground:")
    # Debt and the mob are held by both and denied by neither (a reading rejected denies nothing);
    # the generals are not: Sallust rejects as the sole cause what Livy makes a main cause.
    assert common["text"].endswith("denied by none (1 more such factor in the matrix).")
    assert common["text"].split(" is asserted")[0] in ("Public debt", "The urban mob")


@needs_dot
def test_report_builds_when_a_question_is_answered_by_nobody_or_by_one(tmp_path):
    """The first steps (init, two new theses, report) and two bundled theses: no question answered alike."""
    runner = CliRunner()
    folder = tmp_path / "debate"
    assert runner.invoke(cli, ["init", str(folder)], obj={}).exit_code == 0
    for name in ("alice", "bob"):
        assert runner.invoke(cli, ["new", name, "--corpus", str(folder), "-o", str(folder / f"{name}.yaml")],
                             obj={}).exit_code == 0
    first = runner.invoke(cli, ["report", "--corpus", str(folder), "-o", str(tmp_path / "r1")], obj={})
    assert first.exit_code == 0, first.output
    two = runner.invoke(cli, ["report", "behrens", "hosking", "-o", str(tmp_path / "r2")], obj={})
    assert two.exit_code == 0, two.output
    index = (tmp_path / "r2" / "index.html").read_text(encoding="utf-8")
    agreed = index.split('id="agree"', 1)[1].split("</table>", 1)[0]
    assert agreed.count('class="badge agree"') == agreed.count("<td><b>")  # every row has its shared answer


def test_matrix_says_when_an_author_only_holds_a_factor_held_the_outcome_back():
    from types import SimpleNamespace

    from argmap.render.report import matrix_rows

    cell = {"stance": "asserts", "role": "contributing", "role_label": "contributing cause", "restrains": True,
            "scopes": []}
    c = SimpleNamespace(ids=["x"], matrix=[{"factor": "f", "label": "F", "category": None, "cells": {"x": cell}}])
    row = next(r for r in matrix_rows(c, SimpleNamespace(categories={})) if not r["group"])
    assert row["cells"][0]["text"] == "contributing cause: held it back"
    assert row["holders"] == 0  # saying it held the outcome back is not holding it a cause
