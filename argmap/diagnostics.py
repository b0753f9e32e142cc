"""Diagnostics: located, sortable messages about problems in argmap files.

Every problem argmap finds in a user's data becomes a :class:`Diagnostic` that names the
file, line and column, says what is wrong and how to fix it. Nothing in the library prints
or exits; callers decide how to show diagnostics (:func:`format_text`, :func:`as_json`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, how bad, what it is and what to do about it.

    ``code`` is a stable short name (``duplicate-key``, ``unknown-factor``...) for scripts.
    :meth:`sort_key` orders by file, line, column, then errors before warnings.
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


class Diagnostics(list):
    """A list of :class:`Diagnostic` with helpers to add located problems."""

    def error(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.append(Diagnostic(loc.file, loc.line, loc.col, ERROR, code, message, hint))

    def warning(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.append(Diagnostic(loc.file, loc.line, loc.col, WARNING, code, message, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if not d.is_error]

    def sorted(self) -> list[Diagnostic]:
        """Unique diagnostics in a stable order (see :meth:`Diagnostic.sort_key`)."""
        return sorted(set(self), key=Diagnostic.sort_key)


class ArgmapError(Exception):
    """Raised when input cannot be used at all; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def did_you_mean(word: str, choices) -> str:
    """A ``did you mean `x`?`` hint for a misspelt ``word``, or ``""`` when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
