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
    assert 'id="node-low_prices"' in thesis and '"node-data"' in thesis
    assert "\u201cIt was not the ambition of one man.\u201d" in thesis  # rejected view with its evidence


@needs_dot
def test_report_is_self_contained_and_deterministic(tmp_path, corpus_dir):
    out = build(tmp_path, corpus_dir)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    for name, data in first.items():
        text = data.decode()
        # No resource is fetched from anywhere: no src/href to a network address, no external CSS or script.
        assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', text), name
        assert "<script src" not in text and '<link rel="stylesheet"' not in text, name
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
    assert page.locator("#multiples + figure svg g.node").count() > 0
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
