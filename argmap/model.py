"""The validated model of an argmap corpus: plain dataclasses, no I/O.

A :class:`Corpus` holds one :class:`Taxonomy` and any number of :class:`Thesis` objects.
Every object keeps the :class:`~argmap.diagnostics.Loc` it was read from (``loc``) and the
positions of its fields (``locs``), so later checks can still point at the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Loc
from .format import RELATIONS, ROLES  # noqa: F401  (re-exported: the vocabularies live in format.py)

_NOWHERE = Loc("", 0, 0)


def _locs() -> dict:
    return {}


@dataclass(slots=True)
class Locator:
    line: int
    page: str | None = None
    chapter: str | None = None

    def __str__(self) -> str:
        parts = [f"line {self.line}"]
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.chapter:
            parts.append(self.chapter)
        return ", ".join(parts)


@dataclass(slots=True)
class Evidence:
    quote: str
    locator: Locator
    cites: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    factor: str
    role: str
    author_term: str | None = None
    when: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    notes: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)

    @property
    def weight(self) -> int:
        return ROLES.get(self.role, 1)

    @property
    def stated(self) -> bool:
        """True when the weight is the author's own (an `author_term`), False when it is our reading."""
        return bool(self.author_term)


@dataclass(slots=True)
class Link:
    source: str
    target: str
    relation: str
    inferred: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    notes: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)

    @property
    def polarity(self) -> int:
        return RELATIONS.get(self.relation, 1)


@dataclass(slots=True)
class Rejection:
    id: str
    text: str
    factor: str
    scope: str = "factor"
    evidence: list[Evidence] = field(default_factory=list)
    notes: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)


@dataclass(slots=True)
class Position:
    """An author's answer to one of the debate's questions."""

    question: str
    answer: str
    basis: str
    gloss: str
    evidence: list[Evidence] = field(default_factory=list)
    notes: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)

    @property
    def id(self) -> str:
        return f"position on {self.question}"


@dataclass(slots=True)
class Thesis:
    id: str
    author: str
    work: str
    source_file: str
    citation: str
    scope: str
    explains: str
    thesis: str
    year: int | None = None
    short: str | None = None
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    rejects: list[Rejection] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    notes: str | None = None
    path: str = ""
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)

    @property
    def source_loc(self) -> Loc:
        """Where ``source.file`` stands, for a problem with the source text."""
        return self.locs.get("source.file") or self.locs.get("source", self.loc)

    @property
    def name(self) -> str:
        """How the author is named where the name repeats: ``short``, else the author up to any parenthesis."""
        return self.short or self.author.split(" (")[0].strip() or self.author

    def claim(self, claim_id: str) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def evidence(self):
        """Every piece of evidence in the thesis with what it supports."""
        for c in self.claims:
            for e in c.evidence:
                yield c, e
        for link in self.links:
            for e in link.evidence:
                yield link, e
        for r in self.rejects:
            for e in r.evidence:
                yield r, e
        for p in self.positions:
            for e in p.evidence:
                yield p, e

    def position(self, question_id: str) -> Position | None:
        return next((p for p in self.positions if p.question == question_id), None)


@dataclass(slots=True)
class Category:
    id: str
    label: str
    colour: str
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)


@dataclass(slots=True)
class Factor:
    id: str
    label: str
    category: str
    description: str
    period: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)


@dataclass(slots=True)
class Question:
    """A contested question: an id, the question as a sentence, its answers (id -> label)."""

    id: str
    question: str
    answers: dict[str, str] = field(default_factory=dict)
    factors: list[str] = field(default_factory=list)
    notes: str | None = None
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)
    includes: dict = field(default_factory=dict)  # answer -> the answers it contains

    def label(self, answer: str) -> str:
        return self.answers.get(answer, answer)

    def overlap(self, a: str, b: str) -> bool:
        """True when one of two different answers contains the other (``both`` and ``policy``)."""
        return b in self.includes.get(a, ()) or a in self.includes.get(b, ())


@dataclass(slots=True)
class Taxonomy:
    debate: str
    categories: dict[str, Category] = field(default_factory=dict)
    factors: dict[str, Factor] = field(default_factory=dict)
    path: str = ""
    outcome: str = ""
    questions: dict[str, Question] = field(default_factory=dict)
    loc: Loc = field(default=_NOWHERE, compare=False, repr=False)
    locs: dict = field(default_factory=_locs, compare=False, repr=False)

    def outcome_label(self) -> str:
        factor = self.factors.get(self.outcome)
        return factor.label if factor else "the outcome"

    def is_outcome_only(self, category_id: str) -> bool:
        """True for a category that holds the outcome factor and nothing else: not a causal family."""
        members = [f.id for f in self.factors.values() if f.category == category_id]
        return bool(members) and set(members) <= {self.outcome}

    def category_of(self, factor_id: str) -> Category | None:
        factor = self.factors.get(factor_id)
        return self.categories.get(factor.category) if factor else None


@dataclass(slots=True)
class Corpus:
    taxonomy: Taxonomy
    theses: dict[str, Thesis] = field(default_factory=dict)
    directory: str = ""

    def __getitem__(self, thesis_id: str) -> Thesis:
        return self.theses[thesis_id]
