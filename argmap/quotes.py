"""Quote verification: is every quote verbatim in the source text, at the line it claims?

Quotes are compared after folding whitespace, case, typographic quotes and dashes, so that
``“NEP”`` matches ``"NEP"`` and a line break in the source matches a space in the quote.
``...`` (or ``…``) in a quote elides words: the parts must appear in order, close together.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from .diagnostics import Diagnostics
from .model import Corpus
from .safeio import ReadRefused, read_limited

MAX_GAP = 2000  # characters allowed between the parts of an elided quote
MAX_SOURCE_BYTES = 16 * 1024 * 1024  # a long book is a few megabytes
MAX_CANDIDATES = 20_000  # starts tried for one quote before its search gives up
MAX_HINTS = 20  # misquotes per source text that get a closest-passage hint
HINT_CHARS = 160  # of a misquote, searched for its closest passage (the search is quadratic)
MIN_QUOTE_WORDS, MIN_QUOTE_CHARS = 3, 12  # shorter quotes match almost anywhere: they prove nothing
LONG_QUOTE_WORDS = 80

_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u00ad": None,
})
_SPACE = re.compile(r"\s+")
_ELISION = re.compile(r"\.\.\.|\u2026|\[\.\.\.\]|\[\u2026\]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
        """Read a source text, at most :data:`MAX_SOURCE_BYTES`; raises :class:`ReadRefused`."""
        return cls(read_limited(path, MAX_SOURCE_BYTES).decode("utf-8", errors="replace"))

    def line_at(self, offset: int) -> int:
        return self._lines[bisect.bisect_right(self._starts, offset) - 1]

    def find(self, quote: str) -> list[int]:
        """The lines where ``quote`` starts, every occurrence; empty when it is not there."""
        return self.search(quote)[0]

    def search(self, quote: str, max_candidates: int | None = None) -> tuple[list[int], bool]:
        """The lines where ``quote`` starts, and whether the search was complete (see :meth:`search_spans`)."""
        spans, complete = self.search_spans(quote, max_candidates)
        return [self.line_at(start) for start, _ in spans], complete

    def find_spans(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of ``quote`` as ``(start, end)`` offsets into :attr:`display`."""
        return self.search_spans(quote)[0]

    def search_spans(self, quote: str, max_candidates: int | None = None) -> tuple[list[tuple[int, int]], bool]:
        """Where ``quote`` stands, as ``(start, end)`` offsets, and whether the search was complete.

        A match is a start of the first part from which each next part is found at its
        first occurrence after the previous one, at most :data:`MAX_GAP` characters on.
        Rather than trying every occurrence of the first part (quadratic for a quote like
        ``e ... qqqzzz``), the search anchors on the longest part: a quote with a part
        that is not in the text fails at once, and only starts of the first part close
        enough before an occurrence of the anchor are tried. The work is bounded: after
        ``max_candidates`` anchors and starts tried the search stops and says it is incomplete.
        """
        parts = [p for p in (fold(p) for p in _ELISION.split(quote)) if p]
        if not parts:
            return [], True
        max_candidates = MAX_CANDIDATES if max_candidates is None else max_candidates
        text = self.folded
        if any(part not in text for part in parts):
            return [], True
        anchor = max(range(len(parts)), key=lambda i: len(parts[i]))
        # A match starting at s reaches the anchor's occurrence q with q - s at most this.
        reach = sum(len(p) for p in parts[:anchor]) + anchor * MAX_GAP
        first, n_first = parts[0], len(parts[0])
        spans: list[tuple[int, int]] = []
        tried = 0
        scanned = 0  # starts of the first part before this index have been tried
        q = text.find(parts[anchor])
        while q >= 0:
            tried += 1
            start = text.find(first, max(q - reach, scanned), q + n_first)
            while start >= 0:
                tried += 1
                if tried > max_candidates:
                    return sorted(spans), False
                end = self._chain(parts, start)
                if end >= 0:
                    spans.append((start, end))
                start = text.find(first, start + 1, q + n_first)
            scanned = max(scanned, q + 1)
            q = text.find(parts[anchor], q + 1)
        return sorted(spans), True

    def _chain(self, parts: list[str], start: int) -> int:
        """Where the match from ``start`` ends if each next part follows within MAX_GAP, else -1."""
        text = self.folded
        end = start + len(parts[0])
        for part in parts[1:]:
            nxt = text.find(part, end, end + MAX_GAP + len(part))
            if nxt < 0:
                return -1
            end = nxt + len(part)
        return end

    def paragraphs(self) -> list[tuple[int, int, int]]:
        """Each non-blank source line as ``(line, start, end)`` offsets into :attr:`display`."""
        ends = [s - 1 for s in self._starts[1:]] + [len(self.display)]
        return list(zip(self._lines, self._starts, ends))

    def closest(self, quote: str) -> tuple[int, str]:
        """The line and text of the passage most like ``quote``, to help fix a misquote."""
        # rapidfuzz finds the best-aligned window in C++; by hand this would be a slow scan.
        from rapidfuzz import fuzz

        # The search costs the quote's length times the text's: a few words find the passage, and
        # a 1,000-word misquote against a 4 MB text took minutes. Search with its first words.
        needle = fold(_ELISION.sub(" ", quote))
        if len(needle) > HINT_CHARS:
            needle = needle[:HINT_CHARS].rsplit(" ", 1)[0] or needle[:HINT_CHARS]
        hit = fuzz.partial_ratio_alignment(needle, self.folded)
        start, end = hit.dest_start, max(hit.dest_end, hit.dest_start + len(needle))
        text = self.display
        while start < end and text[start] == " ":
            start += 1
        while end < len(text) and text[end] != " ":  # finish the last word
            end += 1
        return self.line_at(start), text[start:end].strip()


class SourcePathError(ValueError):
    """``source.file`` does not name a file inside the sources folder."""


def source_path(sources: Path, name: str) -> Path:
    """The file ``name`` inside the folder ``sources``, resolved.

    ``name`` must be a plain relative path (folders separated by ``/``, no ``..``, not
    absolute, no drive) that stays inside ``sources`` once symbolic links are resolved, so
    that a thesis can never make argmap read, or print from, a file outside that folder.
    Raises :class:`SourcePathError` saying what is wrong.
    """
    if _CONTROL.search(name):  # C0, DEL, C1 and the bidirectional overrides: never part of a file's name here
        raise SourcePathError("holds a control character")
    if "\\" in name:
        raise SourcePathError("holds a backslash; separate folders with `/`")
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive or name.startswith("~"):
        raise SourcePathError("is not a relative path")
    if ".." in PurePosixPath(name).parts:
        raise SourcePathError("climbs out of the folder with `..`")
    try:
        root = Path(sources).resolve()
        target = (root / name).resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        raise SourcePathError("cannot be resolved (a loop of symbolic links?)") from None
    if target != root and root not in target.parents:
        raise SourcePathError("leads outside the sources folder (through a symbolic link)")
    return target


class SourceUnavailable(ValueError):
    """A thesis's source text cannot be used: ``code``, a one-line ``message`` and a ``hint``."""

    def __init__(self, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def open_source(sources: Path, name: str) -> SourceText:
    """The source text ``name`` from the folder ``sources``, refusing anything outside it.

    Raises :class:`SourceUnavailable` when ``name`` leads elsewhere, is missing or cannot be read.
    """
    try:
        path = source_path(sources, name)
    except SourcePathError as exc:
        raise SourceUnavailable("source-path", f"`source.file` {exc}",
                                f"give the file name relative to the --sources folder, e.g. `{_plain_name(name)}`") \
            from None
    if not path.exists():
        raise SourceUnavailable("source-missing", f"source text `{name}` is not in {sources}",
                                "check `source.file`, or point --sources at the folder that holds the text")
    try:
        return SourceText.from_file(path)
    except ReadRefused as exc:
        raise SourceUnavailable("source-unreadable", f"source text `{name}`: {exc.message}", exc.hint) from None


def verify_quotes(corpus: Corpus, sources: Path, diags: Diagnostics) -> int:
    """Check every quote of every thesis against ``sources``/``source.file``; return how many were checked."""
    checked = 0
    for thesis in corpus.theses.values():
        if not thesis.source_file:
            continue
        where = thesis.source_loc
        try:
            source = open_source(sources, thesis.source_file)
        except SourceUnavailable as exc:
            diags.error(where, exc.code, exc.message, exc.hint)
            continue
        hints = 0
        for _, evidence in thesis.evidence():
            checked += 1
            words = len(evidence.quote.split())
            if words > LONG_QUOTE_WORDS:
                diags.warning(evidence.loc, "long-quote", f"quote of {words} words",
                              "keep quotes to a sentence or two; elide with `...`")
            words_only = fold(_ELISION.sub(" ", evidence.quote))
            if len(words_only.split()) < MIN_QUOTE_WORDS or len(words_only) < MIN_QUOTE_CHARS:
                diags.warning(evidence.loc, "short-quote",
                              f"quote too short to verify ({len(words_only)} characters)",
                              f"quote at least {MIN_QUOTE_WORDS} words and {MIN_QUOTE_CHARS} characters of the source")
                continue
            lines, complete = source.search(evidence.quote)
            if not complete and evidence.locator.line not in lines:
                diags.warning(evidence.loc, "quote-unchecked",
                              f"quote not verified: its words occur too often in {thesis.source_file}",
                              "quote a longer, more distinctive passage")
            elif not lines:
                hints += 1
                if hints <= MAX_HINTS:
                    line, passage = source.closest(evidence.quote)
                    shown = passage if len(passage) <= 240 else passage[:237] + "..."
                    hint = f"closest passage, line {line}: \u201c{shown}\u201d"
                else:  # each hint searches the whole text: a file of misquotes must not cost minutes
                    hint = f"no closest passage shown after the first {MAX_HINTS} misquotes of this source"
                diags.error(evidence.loc, "misquote", f"quote not found in {thesis.source_file}", hint)
            elif evidence.locator.line not in lines:
                diags.warning(evidence.loc, "wrong-line",
                              f"quote starts at line {lines[0]} of {thesis.source_file}, "
                              f"not line {evidence.locator.line}", f"set `line: {lines[0]}`")
    return checked


def _plain_name(name: str) -> str:
    """The last part of a path, as an example of what ``source.file`` should look like."""
    last = PureWindowsPath(name).name or "source.txt"
    return "".join(c for c in last if c.isprintable()) or "source.txt"
