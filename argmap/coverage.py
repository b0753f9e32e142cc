"""Quote coverage: which passages of a source text an encoding quotes, and which it leaves out.

A reader checking someone else's encoding starts where nothing is quoted: omissions hide in
long unquoted stretches. :func:`coverage` walks the source paragraph by paragraph (one
non-blank line of the prepared text is one paragraph) and records, for each, which claims,
links, rejected views and positions quote it and how much of it they quote.

>>> from argmap.model import Claim, Evidence, Locator, Thesis
>>> from argmap.quotes import SourceText
>>> t = Thesis("t", "A", "W", "t.txt", "c", "s", "end", "x",
...            claims=[Claim("c1", "Prices fell.", "prices", "main",
...                          evidence=[Evidence("prices fell", Locator(1))])])
>>> result = coverage(t, SourceText("Prices fell sharply.\\nNothing else happened."))
>>> [(p.line, bool(p.cited_by)) for p in result.paragraphs]
[(1, True), (2, False)]
>>> result.quoted_paragraphs, result.total_paragraphs
(1, 2)
"""

from __future__ import annotations

import bisect
import textwrap
from dataclasses import dataclass, field

from .model import Claim, Link, Rejection, Thesis
from .quotes import SourceText

#: An unquoted run of at least this many paragraphs is listed as a gap worth reading.
GAP_PARAGRAPHS = 3


@dataclass(frozen=True)
class Citation:
    """One item of the encoding that quotes a paragraph."""

    kind: str        # claim | link | rejected view | position
    label: str       # what a person reads: the claim text, "A -> B", the rejected view...

    def as_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label}


@dataclass
class Paragraph:
    line: int
    text: str
    quoted_chars: int = 0
    cited_by: list[Citation] = field(default_factory=list)

    @property
    def share(self) -> float:
        """The part of the paragraph's characters that some quote covers, 0..1."""
        return self.quoted_chars / len(self.text) if self.text else 0.0

    def as_dict(self) -> dict:
        return {"line": self.line, "chars": len(self.text), "quoted_chars": self.quoted_chars,
                "cited_by": [c.as_dict() for c in self.cited_by]}


@dataclass(frozen=True)
class Gap:
    """A run of consecutive paragraphs that nothing quotes."""

    first_line: int
    last_line: int
    paragraphs: int
    chars: int

    def as_dict(self) -> dict:
        return {"first_line": self.first_line, "last_line": self.last_line,
                "paragraphs": self.paragraphs, "chars": self.chars}


@dataclass
class Coverage:
    thesis_id: str
    author: str
    source_file: str
    paragraphs: list[Paragraph]
    unfound: list[Citation]          # quotes that are not in the text (see `argmap validate`)

    @property
    def total_paragraphs(self) -> int:
        return len(self.paragraphs)

    @property
    def quoted_paragraphs(self) -> int:
        return sum(1 for p in self.paragraphs if p.cited_by)

    @property
    def total_chars(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)

    @property
    def quoted_chars(self) -> int:
        return sum(p.quoted_chars for p in self.paragraphs)

    def gaps(self, min_paragraphs: int = GAP_PARAGRAPHS) -> list[Gap]:
        """Unquoted runs of at least ``min_paragraphs`` paragraphs, longest (in characters) first."""
        runs, run = [], []
        for p in [*self.paragraphs, None]:
            if p is not None and not p.cited_by:
                run.append(p)
                continue
            if len(run) >= min_paragraphs:
                runs.append(Gap(run[0].line, run[-1].line, len(run), sum(len(q.text) for q in run)))
            run = []
        return sorted(runs, key=lambda g: (-g.chars, g.first_line))

    def summary(self) -> dict:
        total = self.total_paragraphs
        return {
            "paragraphs": total,
            "quoted_paragraphs": self.quoted_paragraphs,
            "paragraph_share": round(self.quoted_paragraphs / total, 4) if total else 0.0,
            "char_share": round(self.quoted_chars / self.total_chars, 4) if self.total_chars else 0.0,
            "gaps": len(self.gaps()),
            "unfound_quotes": len(self.unfound),
        }

    def as_dict(self) -> dict:
        return {"thesis": self.thesis_id, "author": self.author, "source": self.source_file,
                "summary": self.summary(), "gaps": [g.as_dict() for g in self.gaps()],
                "paragraphs": [p.as_dict() for p in self.paragraphs],
                "unfound": [c.as_dict() for c in self.unfound]}


def _citation(item, thesis: Thesis, texts: dict) -> Citation:
    """Name an item of the thesis in words, never by its id; ``texts`` maps claim ids to their text."""
    if isinstance(item, Claim):
        return Citation("claim", item.text)
    if isinstance(item, Rejection):
        return Citation("rejected view", item.text)
    if isinstance(item, Link):
        source = _short(texts.get(item.source, item.source))
        target = _short(texts.get(item.target, "the outcome" if item.target == thesis.explains else item.target))
        return Citation("link", f"{source} \u2192 {target}")
    return Citation("position", item.gloss)  # a position on a contested question: its gloss says it in words


def _short(text: str, width: int = 48) -> str:
    return textwrap.shorten(text, width, placeholder="\u2026")


def coverage(thesis: Thesis, source: SourceText) -> Coverage:
    """Which paragraphs of ``source`` the quotes of ``thesis`` cover, and by which items.

    Runs in time linear in the text plus the quotes' matches: each match marks the
    paragraphs it spans, found by walking the sorted paragraph starts.
    """
    spans = source.paragraphs()
    paragraphs = [Paragraph(line, source.display[start:end]) for line, start, end in spans]
    starts = [start for _, start, _ in spans]
    covered: list[list[tuple[int, int]]] = [[] for _ in spans]
    unfound: list[Citation] = []
    texts = {c.id: c.text for c in thesis.claims}

    for item, evidence in thesis.evidence():
        citation = _citation(item, thesis, texts)
        matches = source.find_spans(evidence.quote)
        if not matches:
            unfound.append(citation)
            continue
        for m_start, m_end in matches:
            i = max(bisect.bisect_right(starts, m_start) - 1, 0)
            while i < len(spans) and spans[i][1] < m_end:
                _, p_start, p_end = spans[i]
                lo, hi = max(m_start, p_start), min(m_end, p_end)
                if hi > lo:
                    covered[i].append((lo - p_start, hi - p_start))
                    if citation not in paragraphs[i].cited_by:
                        paragraphs[i].cited_by.append(citation)
                i += 1
    for paragraph, ranges in zip(paragraphs, covered):
        paragraph.quoted_chars = _union_length(ranges)
    return Coverage(thesis.id, thesis.author, thesis.source_file, paragraphs, unfound)


def _union_length(ranges: list[tuple[int, int]]) -> int:
    total, reach = 0, 0
    for start, end in sorted(ranges):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total
