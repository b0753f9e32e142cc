"""Escaping of user text for every output argmap writes: DOT, Markdown, CSV, terminals.

Text in an argmap file is data. Whatever it holds (markup, quotes, backslashes, escape
sequences, formulas) must reach the output as the same visible characters, never as
structure: a label must not become a Graphviz HTML string or a DOT attribute, a name must
not become a Markdown table column or raw HTML, a CSV cell must not become a spreadsheet
formula, and a diagnostic must not move the terminal's cursor.
"""

from __future__ import annotations

import re

TOOLTIP_CHARS = 1000  # Graphviz refuses strings over 16 KB; nobody reads a tooltip that long
ELLIPSIS = "\u2026"

# C0 and C1 control characters and DEL, except tab and newline; and the bidirectional
# overrides and isolates, which can make text display in another order than it reads.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ALL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text, keep_newlines: bool = True) -> str:
    """``text`` without control characters (ESC, NUL, CR, bidi overrides...); tabs become spaces."""
    text = str(text).replace("\t", " ")
    return (_CONTROL if keep_newlines else _CONTROL_ALL).sub("", text)


def cap(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + ELLIPSIS


# --- DOT ----------------------------------------------------------------------------

def dot_text(text, limit: int = TOOLTIP_CHARS) -> str:
    """Free text as a literal DOT string value for the ``graphviz`` package.

    Returns a :func:`graphviz.nohtml` string, so that text like ``<b> x=<y>`` is quoted
    rather than passed through as an HTML-like label; backslashes are doubled, so that a
    final backslash cannot escape the closing quote and ``\\N`` or ``\\l`` stay literal
    (the package itself escapes double quotes); control characters are dropped and the
    length is capped at ``limit`` characters.
    """
    # Imported here: list, validate and the text outputs escape for terminals and Markdown
    # through this module, and must not pay for the graphviz package (~13 ms) at start-up.
    import graphviz

    return graphviz.escape(cap(strip_controls(text), limit))


def dot_quoted(text, limit: int = TOOLTIP_CHARS) -> str:
    """Free text as a complete double-quoted DOT string, for DOT written by hand."""
    body = cap(strip_controls(text), limit).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"'


# --- Markdown -----------------------------------------------------------------------

_MD_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


_MD_LINK = re.compile(r"(\](?=[(\[:]))")  # the ] of [text](url), [text][ref] and [ref]: url

# What would make a heading, block quote, list item or rule of a line: its mark is escaped.
_MD_LINE_START = re.compile(r"^(?:(?P<mark>[#>])|(?P<item>[-+*=])(?=\s|$)|(?P<n>\d+)(?P<num>[.)])(?=\s|$))")


def _line_start(m: re.Match) -> str:
    if m.group("n"):
        return f"{m.group('n')}\\{m.group('num')}"  # CommonMark escapes punctuation only: 1\. not \1.
    return "\\" + (m.group("mark") or m.group("item"))


def md(text) -> str:
    """Text for a Markdown line or table cell: one line, raw HTML shown as text, ``|`` escaped,
    and no link, image or heading: a ``]`` that would close a link or image (``](``, ``][``,
    ``]:``) is escaped, so ``[x](url)`` and ``![x](url)`` stay text, shown as written, and so is
    a line-starting ``#``, ``>``, list or rule mark."""
    text = strip_controls(" ".join(str(text).split()), keep_newlines=False)
    text = _MD_LINK.sub(r"\\\1", text.translate(_MD_HTML).replace("|", "\\|"))
    return text if text == "-" else _MD_LINE_START.sub(_line_start, text)  # a lone "-" marks silence


# --- CSV ----------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading ``'``.

    A lone ``-`` (the matrix's mark for silence) is no formula and stays as it is: the ``'``
    would show in most readers."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) and text != "-" else text


# --- terminals ----------------------------------------------------------------------

def terminal(text) -> str:
    """Text safe to print to a terminal: no escape sequences or other control characters."""
    return strip_controls(text)


_SGR = re.compile("(\x1b\\[[0-9;]*m)")  # a colour or weight, as click.style writes it


def terminal_text(text: str) -> str:
    """A whole output for a terminal: :func:`terminal` on everything but the colour codes
    (SGR) of argmap's own styling, which renderers add around text they have already escaped."""
    parts = _SGR.split(text)
    return "".join(part if i % 2 else strip_controls(part) for i, part in enumerate(parts))
