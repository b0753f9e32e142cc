"""The validated model of an argmap corpus: plain record classes, no I/O.

A :class:`Corpus` holds one :class:`Taxonomy` and any number of :class:`Thesis` objects.
Every object keeps the :class:`~argmap.diagnostics.Loc` it was read from (``loc``) and the
positions of its fields (``locs``), so later checks can still point at the source.

The classes are written out rather than made by ``@dataclass``: every command imports this
module, and generating a dozen dataclasses' methods at import cost ~8 ms of the ~130 ms of
``argmap validate`` (now ~0.5 ms). They behave as the dataclasses did: slots, ``__init__``
with the fields in order, ``==`` over the compared fields (not ``loc`` and ``locs``), a
``repr`` of the same fields, and no hashing.
"""

from __future__ import annotations

from .diagnostics import Loc
from .format import RELATIONS, ROLES  # noqa: F401  (re-exported: the vocabularies live in format.py)

_NOWHERE = Loc("", 0, 0)


class _Record:
    """``==`` and ``repr`` over a record's ``_compared`` fields (its fields less positions)."""

    __slots__ = ()
    _compared: tuple = ()

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in self._compared)

    __hash__ = None  # mutable, compared by value: as a dataclass with eq and not frozen

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._compared)
        return f"{type(self).__qualname__}({shown})"


class Locator(_Record):
    __slots__ = _compared = ("line", "page", "chapter")

    def __init__(self, line: int, page: str | None = None, chapter: str | None = None):
        self.line, self.page, self.chapter = line, page, chapter

    def __str__(self) -> str:
        parts = [f"line {self.line}"]
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.chapter:
            parts.append(self.chapter)
        return ", ".join(parts)


class Evidence(_Record):
    __slots__ = ("quote", "locator", "cites", "loc")
    _compared = ("quote", "locator", "cites")

    def __init__(self, quote: str, locator: Locator, cites: str | None = None, loc: Loc = _NOWHERE):
        self.quote, self.locator, self.cites, self.loc = quote, locator, cites, loc


class Claim(_Record):
    __slots__ = ("id", "text", "factor", "role", "author_term", "when", "evidence", "notes", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, id: str, text: str, factor: str, role: str, author_term: str | None = None,
                 when: str | None = None, evidence: list[Evidence] | None = None, notes: str | None = None,
                 loc: Loc = _NOWHERE, locs: dict | None = None):
        self.id, self.text, self.factor, self.role, self.author_term, self.when = id, text, factor, role, author_term, when
        self.evidence = [] if evidence is None else evidence
        self.notes, self.loc, self.locs = notes, loc, {} if locs is None else locs

    @property
    def weight(self) -> int:
        return ROLES.get(self.role, 1)

    @property
    def stated(self) -> bool:
        """True when the weight is the author's own (an `author_term`), False when it is our reading."""
        return bool(self.author_term)


class Link(_Record):
    __slots__ = ("source", "target", "relation", "inferred", "evidence", "notes", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, source: str, target: str, relation: str, inferred: bool = False,
                 evidence: list[Evidence] | None = None, notes: str | None = None, loc: Loc = _NOWHERE,
                 locs: dict | None = None):
        self.source, self.target, self.relation, self.inferred = source, target, relation, inferred
        self.evidence = [] if evidence is None else evidence
        self.notes, self.loc, self.locs = notes, loc, {} if locs is None else locs

    @property
    def polarity(self) -> int:
        return RELATIONS.get(self.relation, 1)


class Rejection(_Record):
    __slots__ = ("id", "text", "factor", "scope", "evidence", "notes", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, id: str, text: str, factor: str, scope: str = "factor", evidence: list[Evidence] | None = None,
                 notes: str | None = None, loc: Loc = _NOWHERE, locs: dict | None = None):
        self.id, self.text, self.factor, self.scope = id, text, factor, scope
        self.evidence = [] if evidence is None else evidence
        self.notes, self.loc, self.locs = notes, loc, {} if locs is None else locs


class Position(_Record):
    """An author's answer to one of the debate's questions."""

    __slots__ = ("question", "answer", "basis", "gloss", "evidence", "notes", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, question: str, answer: str, basis: str, gloss: str, evidence: list[Evidence] | None = None,
                 notes: str | None = None, loc: Loc = _NOWHERE, locs: dict | None = None):
        self.question, self.answer, self.basis, self.gloss = question, answer, basis, gloss
        self.evidence = [] if evidence is None else evidence
        self.notes, self.loc, self.locs = notes, loc, {} if locs is None else locs

    @property
    def id(self) -> str:
        return f"position on {self.question}"


class Thesis(_Record):
    __slots__ = ("id", "author", "work", "source_file", "citation", "scope", "explains", "thesis", "year", "short",
                 "claims", "links", "rejects", "positions", "notes", "path", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, id: str, author: str, work: str, source_file: str, citation: str, scope: str, explains: str,
                 thesis: str, year: int | None = None, short: str | None = None, claims: list[Claim] | None = None,
                 links: list[Link] | None = None, rejects: list[Rejection] | None = None,
                 positions: list[Position] | None = None, notes: str | None = None, path: str = "",
                 loc: Loc = _NOWHERE, locs: dict | None = None):
        self.id, self.author, self.work, self.source_file, self.citation = id, author, work, source_file, citation
        self.scope, self.explains, self.thesis, self.year, self.short = scope, explains, thesis, year, short
        self.claims = [] if claims is None else claims
        self.links = [] if links is None else links
        self.rejects = [] if rejects is None else rejects
        self.positions = [] if positions is None else positions
        self.notes, self.path, self.loc, self.locs = notes, path, loc, {} if locs is None else locs

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


class Category(_Record):
    __slots__ = ("id", "label", "colour", "loc")
    _compared = __slots__[:-1]

    def __init__(self, id: str, label: str, colour: str, loc: Loc = _NOWHERE):
        self.id, self.label, self.colour, self.loc = id, label, colour, loc


class Factor(_Record):
    __slots__ = ("id", "label", "category", "description", "period", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, id: str, label: str, category: str, description: str, period: str | None = None,
                 loc: Loc = _NOWHERE, locs: dict | None = None):
        self.id, self.label, self.category, self.description, self.period = id, label, category, description, period
        self.loc, self.locs = loc, {} if locs is None else locs


class Question(_Record):
    """A contested question: an id, the question as a sentence, its answers (id -> label).

    ``includes``: answer -> the answers it contains (``both`` -> ``policy``, ``power``)."""

    __slots__ = ("id", "question", "answers", "factors", "notes", "loc", "locs", "includes")
    _compared = ("id", "question", "answers", "factors", "notes", "includes")

    def __init__(self, id: str, question: str, answers: dict[str, str] | None = None, factors: list[str] | None = None,
                 notes: str | None = None, loc: Loc = _NOWHERE, locs: dict | None = None, includes: dict | None = None):
        self.id, self.question = id, question
        self.answers = {} if answers is None else answers
        self.factors = [] if factors is None else factors
        self.notes, self.loc, self.locs = notes, loc, {} if locs is None else locs
        self.includes = {} if includes is None else includes

    def label(self, answer: str) -> str:
        return self.answers.get(answer, answer)

    def overlap(self, a: str, b: str) -> bool:
        """True when one of two different answers contains the other (``both`` and ``policy``)."""
        return b in self.includes.get(a, ()) or a in self.includes.get(b, ())


class Taxonomy(_Record):
    __slots__ = ("debate", "categories", "factors", "path", "outcome", "questions", "loc", "locs")
    _compared = __slots__[:-2]

    def __init__(self, debate: str, categories: dict[str, Category] | None = None,
                 factors: dict[str, Factor] | None = None, path: str = "", outcome: str = "",
                 questions: dict[str, Question] | None = None, loc: Loc = _NOWHERE, locs: dict | None = None):
        self.debate = debate
        self.categories = {} if categories is None else categories
        self.factors = {} if factors is None else factors
        self.path, self.outcome = path, outcome
        self.questions = {} if questions is None else questions
        self.loc, self.locs = loc, {} if locs is None else locs

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


class Corpus(_Record):
    __slots__ = _compared = ("taxonomy", "theses", "directory")

    def __init__(self, taxonomy: Taxonomy, theses: dict[str, Thesis] | None = None, directory: str = ""):
        self.taxonomy, self.theses, self.directory = taxonomy, {} if theses is None else theses, directory

    def __getitem__(self, thesis_id: str) -> Thesis:
        return self.theses[thesis_id]
