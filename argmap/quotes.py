"""Quote verification: is every quote verbatim in the source text, at the line it claims?

Quotes are compared after folding whitespace, case, typographic quotes and dashes, so that
``“NEP”`` matches ``"NEP"`` and a line break in the source matches a space in the quote.
``...`` (or ``…``) in a quote elides words: the parts must appear in order, close together.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from .diagnostics import Diagnostics
from .model import Corpus

MAX_GAP = 2000  # characters allowed between the parts of an elided quote
LONG_QUOTE_WORDS = 80

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u00ad": None,
})
_SPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\]")


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold(text: str) -> str:
    """Fold whitespace, case, typographic quotes and dashes for comparison."""
    return _SPACE.sub(" ", _lower(text.translate(_TYPOGRAPHY))).strip()


class SourceText:
    """A source text prepared for searching, with folded offsets mapped back to lines."""

    def __init__(self, text: str):
        shown, starts, lines = [], [], []
        offset = 0
        for number, line in enumerate(text.split("\n"), 1):
            # Same length as fold(line) char by char: translate maps 1:1 except the soft hyphen.
            piece = _SPACE.sub(" ", line.replace("\u00ad", "").translate(_TYPOGRAPHY)).strip()
            if not piece:
                continue
            if shown:
                shown.append(" ")
                offset += 1
            starts.append(offset)
            lines.append(number)
            shown.append(piece)
            offset += len(piece)
        self.display = "".join(shown)
        self.folded = _lower(self.display)
        self._starts = starts
        self._lines = lines

    @classmethod
    def from_file(cls, path: Path) -> "SourceText":
        return cls(path.read_text(encoding="utf-8", errors="replace"))

    def line_at(self, offset: int) -> int:
        return self._lines[bisect.bisect_right(self._starts, offset) - 1]

    def find(self, quote: str) -> list[int]:
        """The lines where ``quote`` starts, every occurrence; empty when it is not there."""
        return [self.line_at(start) for start, _ in self.find_spans(quote)]

    def find_spans(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of ``quote`` as ``(start, end)`` offsets into :attr:`display`."""
        parts = [p for p in (fold(p) for p in _ELISION.split(quote)) if p]
        if not parts:
            return []
        found = []
        start = self.folded.find(parts[0])
        while start >= 0:
            end = start + len(parts[0])
            for part in parts[1:]:
                nxt = self.folded.find(part, end)
                if nxt < 0 or nxt - end > MAX_GAP:
                    break
                end = nxt + len(part)
            else:
                found.append((start, end))
            start = self.folded.find(parts[0], start + 1)
        return found

    def paragraphs(self) -> list[tuple[int, int, int]]:
        """Each non-blank source line as ``(line, start, end)`` offsets into :attr:`display`."""
        ends = [s - 1 for s in self._starts[1:]] + [len(self.display)]
        return list(zip(self._lines, self._starts, ends))

    def closest(self, quote: str) -> tuple[int, str]:
        """The line and text of the passage most like ``quote``, to help fix a misquote."""
        # rapidfuzz finds the best-aligned window in C++; by hand this would be a slow scan.
        from rapidfuzz import fuzz

        needle = fold(_ELISION.sub(" ", quote))
        hit = fuzz.partial_ratio_alignment(needle, self.folded)
        start, end = hit.dest_start, max(hit.dest_end, hit.dest_start + len(needle))
        text = self.display
        while start < end and text[start] == " ":
            start += 1
        while end < len(text) and text[end] != " ":  # finish the last word
            end += 1
        return self.line_at(start), text[start:end].strip()


class SourceError(ValueError):
    """A source text that cannot be used; the message says why and what to do."""


def open_source(folder: Path, name: str) -> SourceText:
    """The source text ``name`` from ``folder``, refusing anything outside it."""
    folder = Path(folder)
    candidate = Path(name)
    if candidate.is_absolute() or ".." in candidate.parts:
        raise SourceError(f"source file `{name}` must be a plain name inside {folder}")
    path = folder / candidate
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    if not inside:
        raise SourceError(f"source file `{name}` leads outside {folder}")
    if not path.is_file():
        raise SourceError(f"source text `{name}` is not in {folder}; check `source.file` or --sources")
    return SourceText.from_file(path)


def verify_quotes(corpus: Corpus, sources: Path, diags: Diagnostics) -> int:
    """Check every quote of every thesis against ``sources``/``source.file``; return how many were checked."""
    checked = 0
    for thesis in corpus.theses.values():
        where = thesis.locs.get("source", thesis.loc)
        path = Path(sources) / thesis.source_file
        if not thesis.source_file:
            continue
        if not path.is_file():
            diags.error(where, "source-missing", f"source text `{thesis.source_file}` is not in {sources}",
                        "check `source.file`, or point --sources at the folder that holds the text")
            continue
        source = SourceText.from_file(path)
        for _, evidence in thesis.evidence():
            checked += 1
            words = len(evidence.quote.split())
            if words > LONG_QUOTE_WORDS:
                diags.warning(evidence.loc, "long-quote", f"quote of {words} words",
                              "keep quotes to a sentence or two; elide with `...`")
            lines = source.find(evidence.quote)
            if not lines:
                line, passage = source.closest(evidence.quote)
                shown = passage if len(passage) <= 240 else passage[:237] + "..."
                diags.error(evidence.loc, "misquote", f"quote not found in {thesis.source_file}",
                            f"closest passage, line {line}: \u201c{shown}\u201d")
            elif evidence.locator.line not in lines:
                diags.warning(evidence.loc, "wrong-line",
                              f"quote starts at line {lines[0]} of {thesis.source_file}, "
                              f"not line {evidence.locator.line}", f"set `line: {lines[0]}`")
    return checked
