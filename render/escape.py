"""Escaping text for where it is shown: a terminal here (more to come)."""

from __future__ import annotations

import re

# C0 and C1 control characters except tab and newline: escape sequences could rewrite the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters (ESC and the like) removed, for printing to a terminal."""
    return _CONTROL.sub("", str(text))
