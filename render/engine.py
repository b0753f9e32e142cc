"""Running a Graphviz layout engine on DOT source.

Graphviz's own ``dot`` is used when it is installed. Without it, the pip-installable
``graphviz-pure`` command (same flags, no PDF) is the fallback; with neither, a clear
message says how to install Graphviz.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FORMATS = ("svg", "png", "pdf", "dot")
INSTALL_HINT = ("install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz), "
                "or `pip install graphviz-pure` for a pure-Python fallback without PDF")


class EngineError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do."""


def find_engine() -> tuple[str, bool]:
    """The layout command to run and whether it is the pure-Python fallback."""
    for name, pure in (("dot", False), ("graphviz-pure", True)):
        path = shutil.which(name)
        if path:
            return path, pure
    raise EngineError(f"no Graphviz layout engine found: {INSTALL_HINT}")


def format_for(path: Path) -> str:
    """The output format named by a file's extension."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "gv":
        fmt = "dot"
    if fmt not in FORMATS:
        raise EngineError(f"cannot tell the diagram format from `{path.name}`: use .svg, .png, .pdf or .dot")
    return fmt


def run(source: str, fmt: str, layout: str = "dot", extra: tuple = ()) -> bytes:
    """Lay out ``source`` with the ``layout`` engine and return it in ``fmt``."""
    if fmt == "dot":
        return source.encode("utf-8")
    exe, pure = find_engine()
    if pure and fmt == "pdf":
        raise EngineError(f"graphviz-pure cannot write PDF: {INSTALL_HINT}")
    cmd = [exe, f"-K{layout}", f"-T{fmt}", *extra]
    try:
        done = subprocess.run(cmd, input=source.encode("utf-8"), capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise EngineError("Graphviz took more than 5 minutes; the graph is too large to draw") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EngineError("Graphviz failed: " + (message[-1] if message else f"exit {done.returncode}"))
    return done.stdout


def write(source: str, path: Path, layout: str = "dot", extra: tuple = ()) -> Path:
    """Render ``source`` to ``path`` (atomically) in the format its extension names."""
    from .output import write_file

    return write_file(path, run(source, format_for(path), layout, extra))
