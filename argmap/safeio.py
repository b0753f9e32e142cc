"""Bounded, non-blocking reading of user-named files.

A path in a corpus or on the command line may name anything: a FIFO that never ends, a
device such as ``/dev/zero``, a directory, or a file far too large to hold. :func:`read_limited`
opens without blocking, refuses whatever is not a regular file before reading a byte,
and never reads more than ``limit + 1`` bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class ReadRefused(Exception):
    """The file cannot or may not be read; ``message`` and ``hint`` say why, for a diagnostic."""

    def __init__(self, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refuse_special(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise ReadRefused("not-a-file", f"this is {_kind(mode)}, not a regular file",
                          "name a plain text file")


def read_limited(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path``: at most ``limit + 1`` of them.

    Raises :class:`ReadRefused` when ``path`` is missing, unreadable, not a regular file
    (FIFO, device, socket, folder) or longer than ``limit`` bytes (code ``too-large``).
    """
    try:
        _refuse_special(os.stat(path).st_mode)  # before opening: opening a device may do things
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadRefused("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the path
        raise ReadRefused("unreadable", "cannot read the file: the name holds a NUL character") from None
    try:
        info = os.fstat(fd)
        _refuse_special(info.st_mode)  # it may have been swapped since the stat above
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # st_size is 0 for /proc files and the like: count what was read
            raise _too_large(total, limit, more=True)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadRefused("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, more: bool = False) -> ReadRefused:
    told = f"more than {limit:,}" if more else f"{size:,}"
    return ReadRefused("too-large", f"the file is {told} bytes; argmap reads at most {limit:,}",
                       "split it, or check that it is the right file")
