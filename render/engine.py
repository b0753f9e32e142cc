"""Running a Graphviz layout engine on DOT source.

Graphviz's own ``dot`` is used when it is installed. Without it, the pip-installable
``graphviz-pure`` command (same flags, no PDF) is the fallback; with neither, a clear
message says how to install Graphviz.
"""

from __future__ import annotations

import shutil
import struct
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


SLIDE_PX = (1920, 1080)  # a 16:9 slide at 144 dpi (13.33 x 7.5 in)


def slide_source(source: str, layout: str = "dot", extra: tuple = ()) -> str:
    """``source`` (drawn at slide size, see :func:`render.diagrams.slide`) padded to 16:9.

    Graphviz fits the drawing into the slide but its title can leave one side short of
    16:9; padding counts before the drawing is scaled, so lay it out, pad the short side,
    measure how much the padding grew, and correct once.
    """
    def size(pad):
        png = run(_with_pad(source, pad), "png", layout, extra)
        return struct.unpack(">II", png[16:24])  # the PNG header's IHDR chunk

    target = SLIDE_PX
    w0, h0 = size((0.0, 0.0))
    guess = (max(0.0, (target[0] - w0) / 2 / 144), max(0.0, (target[1] - h0) / 2 / 144))
    if not any(guess):
        return _with_pad(source, guess)
    w1, h1 = size(guess)
    pad = tuple(g * (t - d0) / (d1 - d0) if g and d1 != d0 else g
                for g, t, d0, d1 in zip(guess, target, (w0, h0), (w1, h1)))
    return _with_pad(source, pad)


def _with_pad(source: str, pad: tuple) -> str:
    head, _, _ = source.rstrip().rpartition("}")
    return f'{head}\tgraph [pad="{pad[0]:.4f},{pad[1]:.4f}"]\n}}\n'


def write(source: str, path: Path, layout: str = "dot", extra: tuple = (), slide: bool = False) -> Path:
    """Render ``source`` to ``path`` (atomically) in the format its extension names.

    ``slide``: pad the drawing to exactly 16:9 (for sources drawn at slide size).
    """
    from .output import write_file

    fmt = format_for(path)
    if slide:
        source = slide_source(source, layout, extra)
    return write_file(path, run(source, fmt, layout, extra))
