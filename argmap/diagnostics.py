"""Diagnostics: located, sortable messages about problems in argmap files.

Every problem argmap finds in a user's data becomes a :class:`Diagnostic` that names the
file, line and column, says what is wrong and how to fix it. Nothing in the library prints
or exits; callers decide how to show diagnostics (:func:`format_text`, :func:`as_json`).
"""

from __future__ import annotations

from typing import NamedTuple

ERROR = "error"
WARNING = "warning"


class Loc(NamedTuple):
    """A position in a file; ``line`` and ``col`` are 1-based (0 when unknown).

    A named tuple rather than a dataclass: the reader makes one per YAML value, and
    tuples are several times cheaper to create.
    """

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Diagnostic(NamedTuple):
    """One problem: where it is, how bad, what it is and what to do about it.

    ``code`` is a stable short name (``duplicate-key``, ``unknown-factor``...) for scripts.
    :meth:`sort_key` orders by file, line, column, then errors before warnings. Immutable
    and hashable (repeats are shown once); a named tuple, cheaper to define at start-up
    than a frozen dataclass.
    """

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.severity != ERROR, self.code, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text}\n    {self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


MAX_PER_FILE = 200  # diagnostics kept per file; the rest are counted in one more


class Diagnostics(list):
    """A list of :class:`Diagnostic` with helpers to add located problems.

    At most :data:`MAX_PER_FILE` diagnostics are kept for one file: a file of 690,000 bad
    list items must not cost gigabytes and minutes to report. The rest are counted, and
    :meth:`sorted` ends that file's list with one ``too-many-problems`` diagnostic saying
    how many more there were (an error when any of them was).
    """

    def append(self, diagnostic: Diagnostic) -> None:
        counts = self.__dict__.setdefault("_per_file", {})
        seen = counts.get(diagnostic.file, 0)
        counts[diagnostic.file] = seen + 1
        if seen < MAX_PER_FILE:
            super().append(diagnostic)
            return
        dropped = self.__dict__.setdefault("_dropped", {})
        first, errors, n = dropped.get(diagnostic.file, (diagnostic, False, 0))
        dropped[diagnostic.file] = (first, errors or diagnostic.is_error, n + 1)

    def extend(self, diagnostics) -> None:
        for d in diagnostics:
            self.append(d)

    def error(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.append(Diagnostic(loc.file, loc.line, loc.col, ERROR, code, message, hint))

    def warning(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.append(Diagnostic(loc.file, loc.line, loc.col, WARNING, code, message, hint))

    def _overflow(self) -> list[Diagnostic]:
        """One diagnostic per file that had more than MAX_PER_FILE, at its first dropped one."""
        out = []
        for file, (first, errors, n) in self.__dict__.get("_dropped", {}).items():
            out.append(Diagnostic(file, first.line, first.col, ERROR if errors else WARNING, "too-many-problems",
                                  f"and {n:,} more problem{'' if n == 1 else 's'} in this file "
                                  f"(only the first {MAX_PER_FILE} are shown)",
                                  "fix these first, then validate again"))
        return out

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in (*self, *self._overflow()) if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in (*self, *self._overflow()) if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        """Unique diagnostics in a stable order (see :meth:`Diagnostic.sort_key`), each file's
        list ending with its ``too-many-problems`` diagnostic when some were dropped."""
        kept = sorted(set(self), key=Diagnostic.sort_key)
        overflow = {d.file: d for d in self._overflow()}
        if not overflow:
            return kept
        out = []
        for i, d in enumerate(kept):
            out.append(d)
            if d.file in overflow and (i + 1 == len(kept) or kept[i + 1].file != d.file):
                out.append(overflow.pop(d.file))
        return out + sorted(overflow.values(), key=Diagnostic.sort_key)


class ArgmapError(Exception):
    """Raised when input cannot be used at all; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices) -> str:
    """A ``did you mean `x`?`` hint for a misspelt ``word``, or ``""`` when nothing is close."""
    import difflib  # only when something is misspelt

    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
