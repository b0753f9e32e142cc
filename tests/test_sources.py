"""Preparing source texts: web pages, Markdown, PDF and wrapped text become one paragraph per
line, and quotes copied from the original document verify against the result."""

import json

import pytest
from click.testing import CliRunner

from argmap.quotes import SourceText
from argmap.sources import SourceFormatError, prepare
from cli import cli

HTML = """<!DOCTYPE html><html><head><title>Essay</title><style>p {color: red}</style></head><body>
<nav><a href="/">Home</a> | <a href="/about">About us</a> | <a href="/blog">All posts</a></nav>
<header><div class="logo">The History Blog</div></header>
<main><article>
<h1>How the NEP ended</h1>
<p>The <em>New Economic Policy</em> was, in Lenin&rsquo;s words, a &ldquo;temporary retreat&rdquo;.
It lasted until
1928, when the <a href="/grain">grain crisis</a> began in earnest and the towns went hungry.</p>
<p>Stalin&#8217;s turn came in 1929 &mdash; abruptly. Peasants were forced into collective farms,
and the kulaks were &ldquo;liquidated as a class&rdquo; within a few short years.</p>
<ul><li>Grain collections fell by a third in the winter of 1927.</li><li>Prices for grain were kept low by the state.</li></ul>
</article></main>
<aside><h3>Related posts</h3><ul><li><a href="/cats">Cats of the Kremlin</a></li></ul></aside>
<footer><p>Copyright 2024 Example Inc. All rights reserved.</p><p>Privacy policy</p></footer>
<script>var tracking = "do not keep me";</script>
</body></html>
"""

MARKDOWN = """# How the NEP ended

The *New Economic Policy* was, in [Lenin's](https://example.org/lenin) words, a
**temporary retreat**. It lasted until 1928,
when the `grain crisis` began.

> Stalin's turn came in 1929, abruptly.

- Grain collections fell by a third.
- Prices were kept low.
"""

WRAPPED = """The New Economic Policy was, in
Lenin's words, a temporary retreat. It
lasted until 1928.

When the grain crisis began, the
towns went hungry.
"""


def _pdf(lines):
    """A one-page PDF with ``lines`` of Helvetica text, written by hand (no PDF library needed)."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT /F1 11 Tf 14 TL 50 780 Td"] + [f"({esc(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_LINES = [
    "The New Economic Policy was, in Lenin's words, a temporary retreat that the party",
    "adopted in 1921 after the Kronstadt rising and the peasant revolts had shown that",
    "war communism could not go on.",
    "",
    "By 1928 the grain crisis had convinced Stalin that the peasants would not feed the",
    "towns of their own accord, and the worker-",
    "peasant alliance gave way to force.",
]


def verifies(prepared, quote):
    return bool(SourceText(prepared.text).find(quote))


def test_web_page_keeps_the_article_and_drops_navigation_and_footer():
    prepared = prepare(HTML.encode(), "essay.html")
    text = prepared.text
    for quote in ("The New Economic Policy was, in Lenin\u2019s words, a \u201ctemporary retreat\u201d.",
                  "It lasted until 1928, when the grain crisis began in earnest",
                  "Stalin's turn came in 1929 - abruptly.",
                  "Grain collections fell by a third in the winter of 1927."):
        assert verifies(prepared, quote), quote
    for boilerplate in ("About us", "Copyright", "Cats of the Kremlin", "tracking", "color: red"):
        assert boilerplate not in text, boilerplate
    assert prepared.fmt == "html" and prepared.converter.startswith("trafilatura")
    # one paragraph per line: the hand-wrapped first paragraph is one line now
    assert any(p.startswith("The New Economic Policy") and p.endswith("towns went hungry.") for p in prepared.paragraphs)


def test_markdown_drops_markup_and_keeps_link_and_emphasis_words():
    prepared = prepare(MARKDOWN.encode(), "essay.md")
    assert prepared.paragraphs[:2] == [
        "How the NEP ended",
        "The New Economic Policy was, in Lenin's words, a temporary retreat. It lasted until 1928, "
        "when the grain crisis began.",
    ]
    assert "Stalin's turn came in 1929, abruptly." in prepared.paragraphs
    assert "Grain collections fell by a third." in prepared.paragraphs
    assert not any(mark in prepared.text for mark in ("*", "[", "](", "`", "#", "> "))
    assert verifies(prepared, "in Lenin's words, a temporary retreat")


def test_hard_wrapped_text_is_unwrapped_into_paragraphs():
    prepared = prepare(WRAPPED.encode(), "notes.txt")
    assert prepared.paragraphs == [
        "The New Economic Policy was, in Lenin's words, a temporary retreat. It lasted until 1928.",
        "When the grain crisis began, the towns went hungry.",
    ]
    assert prepared.text.splitlines()[2] == prepared.paragraphs[1]  # a blank line between paragraphs


def test_text_with_one_paragraph_per_line_stays_as_it_is():
    prepared = prepare("First paragraph.\nSecond paragraph.\n".encode("utf-16"), "plain.txt")
    assert prepared.paragraphs == ["First paragraph.", "Second paragraph."]


def test_pdf_made_here_is_read_and_unwrapped():
    prepared = prepare(_pdf(PDF_LINES), "chapter.pdf")
    assert len(prepared.paragraphs) == 2, prepared.paragraphs
    assert verifies(prepared, "a temporary retreat that the party adopted in 1921 after the Kronstadt rising")
    assert verifies(prepared, "and the worker-peasant alliance gave way to force.")
    assert prepared.converter.startswith("pypdf")


def test_pdf_without_a_text_layer_says_to_run_ocr():
    with pytest.raises(SourceFormatError, match="no text layer"):
        prepare(_pdf([]), "scan.pdf")


def test_damaged_pdf_and_unknown_extension_are_clear_errors():
    with pytest.raises(SourceFormatError, match="cannot read `broken.pdf` as a PDF"):
        prepare(b"%PDF-1.4 nonsense", "broken.pdf")
    with pytest.raises(SourceFormatError, match="give --format"):
        prepare(b"text", "chapter.epub")


def test_control_characters_never_reach_the_prepared_text():
    prepared = prepare("Red \x1b[31mtext\x1b[0m here.\n".encode(), "t.txt")
    assert "\x1b" not in prepared.text


def test_cli_source_add_writes_text_and_origin_and_never_overwrites(tmp_path):
    page = tmp_path / "essay.html"
    page.write_text(HTML, encoding="utf-8")
    folder = tmp_path / "sources"
    run = CliRunner().invoke(cli, ["source", "add", str(page), "--sources", str(folder)], obj={})
    assert run.exit_code == 0, run.output
    text = (folder / "essay.txt").read_text(encoding="utf-8")
    assert "Copyright" not in text and "temporary retreat" in text
    origin = json.loads((folder / "essay.origin.json").read_text())
    assert origin["origin"] == "essay.html" and origin["format"] == "html" and len(origin["sha256"]) == 64
    # the next step names the corpus, else `validate` would check the bundled corpus's quotes
    assert "argmap validate CORPUS_DIR --sources" in run.output
    (tmp_path / "factors.yaml").write_text("debate: x\n", encoding="utf-8")
    other = CliRunner().invoke(cli, ["source", "add", str(page), "--sources", str(folder), "--name", "b"], obj={})
    assert f"argmap validate {tmp_path} --sources {folder}`" in other.output
    again = CliRunner().invoke(cli, ["source", "add", str(page), "--sources", str(folder)], obj={})
    assert again.exit_code == 1 and "already exists" in again.output
    assert (folder / "essay.txt").read_text(encoding="utf-8") == text


def test_cli_source_add_reports_what_cannot_be_converted(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf([]))
    run = CliRunner().invoke(cli, ["source", "add", str(scan), "--sources", str(tmp_path / "s")], obj={})
    assert run.exit_code == 1 and "OCR" in run.output and "Traceback" not in run.output
    assert not (tmp_path / "s" / "scan.txt").exists()
    bad = CliRunner().invoke(cli, ["source", "add", str(scan), "--name", "../x.txt"], obj={})
    assert bad.exit_code == 2


def test_prepared_text_is_deterministic():
    assert prepare(HTML.encode(), "a.html").text == prepare(HTML.encode(), "a.html").text


def test_cli_source_add_refuses_a_name_with_control_characters(tmp_path):
    page = tmp_path / "essay.txt"
    page.write_text("Some text.\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["source", "add", str(page), "--sources", str(tmp_path / "s"), "--name",
                                   "a\x1b[2Jb"], obj={})
    assert run.exit_code == 2 and "control characters" in run.output and not (tmp_path / "s").exists()
