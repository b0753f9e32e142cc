"""One corpus, analysed once: the results every command and the report ask for.

A :class:`Study` holds a loaded corpus and computes what is asked of it (each thesis's
profile, the diff of a pair, the comparison of all, a debate brief) the first time it is
asked, then keeps it. The CLI commands and the report ask the same object, so nothing is
computed twice within a run and every view of a pair is the same result.

>>> from argmap.loader import load_corpus
>>> study = Study(load_corpus())
>>> study.diff("behrens", "bettelheim") is study.diff("behrens", "bettelheim")
True
>>> study.diff("bettelheim", "behrens").a["id"]
'bettelheim'
"""

from __future__ import annotations

from .collector import paused_collector
from .compare import Comparison, DiffResult, Profile, compare, diff, profile
from .model import Corpus


class Study:
    """Lazily computed, cached results over ``corpus``, restricted to ``ids`` (default: every thesis)."""

    def __init__(self, corpus: Corpus, ids=None, include_inferred: bool = False):
        self.corpus = corpus
        self.taxonomy = corpus.taxonomy
        self.ids = list(ids) if ids else list(corpus.theses)
        unknown = [i for i in self.ids if i not in corpus.theses]
        if unknown:
            raise KeyError(f"no thesis {', '.join(unknown)} in the corpus")
        self.include_inferred = include_inferred
        self._profiles: dict[str, Profile] = {}
        self._diffs: dict[tuple, DiffResult] = {}
        self._briefs: dict[tuple, dict] = {}
        self._comparison: Comparison | None = None

    def profile(self, thesis_id: str) -> Profile:
        if thesis_id not in self._profiles:
            self._profiles[thesis_id] = profile(self.corpus.theses[thesis_id], self.taxonomy)
        return self._profiles[thesis_id]

    @property
    def profiles(self) -> list[Profile]:
        """The profiles of the theses studied, in their order."""
        return [self.profile(i) for i in self.ids]

    def diff(self, a: str, b: str) -> DiffResult:
        key = (a, b)
        if key not in self._diffs:
            self._diffs[key] = diff(self.profile(a), self.profile(b), self.taxonomy, self.include_inferred)
        return self._diffs[key]

    def comparison(self, pair_lists: bool = True) -> Comparison:
        """The whole debate at a glance (see :func:`argmap.compare.compare`)."""
        if self._comparison is None or self._comparison_lists != pair_lists:
            with paused_collector():  # every profile and pair: many objects, no cycles
                self._comparison = compare(self.profiles, self.taxonomy, self.include_inferred,
                                           pair_lists=pair_lists)
            self._comparison_lists = pair_lists
        return self._comparison

    def brief(self, a: str, b: str) -> dict:
        """The brief for arguing ``a``'s case against ``b``, with every studied thesis as the others."""
        key = (a, b)
        if key not in self._briefs:
            from .debate import brief

            self._briefs[key] = brief(self.profile(a), self.profile(b), self.profiles, self.taxonomy,
                                      self.include_inferred, d=self.diff(a, b))
        return self._briefs[key]
