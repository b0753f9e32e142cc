"""Preparing source texts: from a saved web page, Markdown, PDF or wrapped text to the plain
text that quotes are checked against, one paragraph per line.

Quotes verify against plain text in which a paragraph is one line (line numbers are the
locators), so a source has to be brought into that shape first, with its words untouched
and its markup gone. Each format is read by a well-kept library rather than by regular
expressions: trafilatura finds the main text of a web page (dropping navigation, sidebars
and footers), markdown-it-py parses Markdown, pypdf reads a PDF's text layer. They are
optional (``pip install 'argmap[sources]'``); plain text needs none of them.

>>> prepare(b"A line that was\\nwrapped by hand.\\n\\nA second paragraph.\\n", "notes.txt").paragraphs
['A line that was wrapped by hand.', 'A second paragraph.']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

#: Formats :func:`prepare` reads, by file extension.
FORMATS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown",
           ".pdf": "pdf", ".txt": "text", ".text": "text"}
MAX_SOURCE_BYTES = 50 * 1024 * 1024
EXTRA_HINT = "install the optional converters: pip install 'argmap[sources]'"

_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# C0/C1 control characters other than newline and tab never belong in a prepared text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SENTENCE_END = re.compile(r"[.!?:;\"'\u201d\u2019)\]]$")


class SourceFormatError(ValueError):
    """A source that cannot be turned into text; the message says why and what to do."""


@dataclass(frozen=True)
class PreparedText:
    """A source as paragraphs, with a record of where it came from."""

    paragraphs: list[str]
    origin: str          # the original file's name
    fmt: str             # html | markdown | pdf | text
    sha256: str          # of the original bytes
    converter: str       # library and version that read it

    @property
    def text(self) -> str:
        """The prepared text: one paragraph per line, a blank line between paragraphs."""
        return "\n\n".join(self.paragraphs) + "\n"

    def record(self) -> dict:
        """What to keep beside the text so a reader can trace it back to the original."""
        return {"origin": self.origin, "format": self.fmt, "sha256": self.sha256,
                "converter": self.converter, "paragraphs": len(self.paragraphs)}


def format_of(name: str, fmt: str | None = None) -> str:
    """The format to read ``name`` as: ``fmt`` when given, else from its extension."""
    if fmt:
        return fmt
    for suffix, found in FORMATS.items():
        if name.lower().endswith(suffix):
            return found
    raise SourceFormatError(f"cannot tell the format of `{name}` from its extension; "
                            "give --format html, markdown, pdf or text")


def prepare(data: bytes, name: str, fmt: str | None = None) -> PreparedText:
    """Turn the bytes of source ``name`` into paragraphs; raise :class:`SourceFormatError` if it cannot."""
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceFormatError(f"`{name}` is {len(data):,} bytes; argmap reads sources of at most "
                                f"{MAX_SOURCE_BYTES:,} bytes: split it into chapters")
    fmt = format_of(name, fmt)
    readers = {"html": _html, "markdown": _markdown, "pdf": _pdf, "text": _text}
    if fmt not in readers:
        raise SourceFormatError(f"unknown format `{fmt}`; use html, markdown, pdf or text")
    paragraphs, converter = readers[fmt](data, name)
    paragraphs = [p for p in (_clean(p) for p in paragraphs) if p]
    if not paragraphs:
        raise SourceFormatError(f"no text found in `{name}`"
                                + ("; if it is a scanned PDF it has no text layer: run OCR on it first "
                                   "(for example with ocrmypdf) and add the result" if fmt == "pdf" else ""))
    return PreparedText(paragraphs, name, fmt, hashlib.sha256(data).hexdigest(), converter)


def _clean(paragraph: str) -> str:
    """One paragraph on one line: spaces folded, control characters gone, words untouched."""
    text = unicodedata.normalize("NFC", paragraph)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " "))
    return _SPACE.sub(" ", text).strip()


def _decode(data: bytes, name: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # charset-normalizer comes with trafilatura; use it when it is there
        from charset_normalizer import from_bytes
    except ImportError:
        raise SourceFormatError(f"`{name}` is not UTF-8 text; save it as UTF-8 and add it again") from None
    best = from_bytes(data).best()
    if best is None:
        raise SourceFormatError(f"`{name}` does not look like text; check that it is the right file")
    return str(best)


def _blocks(text: str) -> list[str]:
    """Paragraphs of plain text: blocks between blank lines, or each line when there are none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", text):
        return re.split(r"\n[ \t]*\n+", text)
    return text.split("\n")


def _text(data: bytes, name: str):
    return _blocks(_decode(data, name)), "argmap plain text"


def _require(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise SourceFormatError(f"reading {what} needs the `{module}` package: {EXTRA_HINT}") from None


def _version(module) -> str:
    return getattr(module, "__version__", "unknown")


def _html(data: bytes, name: str):
    trafilatura = _require("trafilatura", "web pages")
    html = _decode(data, name)
    # favor_recall keeps short paragraphs of an essay; comments and boilerplate still go.
    text = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                               include_links=False, include_images=False, favor_recall=True,
                               deduplicate=False)
    lines = (text or "").split("\n")
    # trafilatura marks list items with "- "; the marker is markup, not the author's words.
    return [line[2:] if line.startswith("- ") else line for line in lines], f"trafilatura {_version(trafilatura)}"


def _markdown(data: bytes, name: str):
    markdown_it = _require("markdown_it", "Markdown")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(_decode(data, name))
    paragraphs = []
    for token in tokens:
        if token.type == "inline":
            paragraphs.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            paragraphs.extend(token.content.split("\n"))
    return paragraphs, f"markdown-it-py {_version(markdown_it)}"


def _inline_text(children) -> str:
    """The words of an inline run: link and emphasis text kept, their markup dropped."""
    out = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            continue
        elif child.children:
            out.append(_inline_text(child.children))
    return "".join(out)


def _pdf(data: bytes, name: str):
    pypdf = _require("pypdf", "PDF")
    import io

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceFormatError(f"`{name}` is an encrypted PDF; save an unencrypted copy and add that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceFormatError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        raise SourceFormatError(f"cannot read `{name}` as a PDF ({type(exc).__name__}: {exc})") from None
    return _unwrap("\n".join(pages)), f"pypdf {_version(pypdf)}"


def _unwrap(text: str) -> list[str]:
    """Join a PDF's visual lines into paragraphs.

    A blank line always ends a paragraph; so does a line that ends a sentence while being
    clearly shorter than the page's usual line (the last line of a paragraph). A line
    broken after a hyphen is joined without a space, keeping the hyphen: it may be part of
    the word (``worker-peasant``), and argmap never invents a word by removing one.
    """
    lines = [line.rstrip() for line in text.replace("\r", "").split("\n")]
    widths = sorted(len(line) for line in lines if line.strip())
    usual = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs, current = [], ""
    for line in lines:
        if not line.strip():
            if current:
                paragraphs.append(current)
            current = ""
            continue
        stripped = line.strip()
        if not current:
            current = stripped
        elif current.endswith("-"):
            current += stripped
        else:
            current += " " + stripped
        if _SENTENCE_END.search(stripped) and len(line) < 0.8 * usual:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs
