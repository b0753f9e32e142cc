"""Writing output files and folders atomically.

A file is written to a temporary file in the same folder, flushed to disk and renamed over
the target, so a reader (or a crash, a kill, a full disk) sees the old file or the new one,
never half of one. A symlink at the target is replaced, not written through. A character
device or FIFO (``-o /dev/stdout``) is a stream, not a file: it is written directly.

A folder (the report) is built in a fresh temporary folder beside the target and swapped in:
the old folder is renamed to a backup, the new one renamed into place, the backup removed.
Each run builds its own folder, so concurrent runs never mix and pages from an earlier build
never remain; nothing inside the old folder is ever opened for writing.

Failures raise :class:`OutputError` (an ``OSError``) naming the path and the reason.
This module knows nothing of argmap's data.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
TEMP_PREFIX = ".argmap-report-"


class OutputError(OSError):
    """Writing ``path`` failed; ``str()`` is one line naming the path and the OS's reason."""

    def __init__(self, path, exc: OSError):
        super().__init__(exc.errno, exc.strerror or str(exc), str(path))
        self.path = Path(path)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.strerror}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the data itself is synced
        pass
    finally:
        os.close(fd)


def _is_stream(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode  # follows a symlink such as /dev/stdout
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _make_parent(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder)) from None


def write_new(folder: Path, name: str, data: bytes | str) -> Path:
    """Create ``folder/name``, which must not exist yet (never follows a symlink); sync it."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = folder / name
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
        try:
            _write_fd(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OutputError(path, exc) from None
    return path


def write_file(path: Path, data: bytes | str, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, synced, then renamed.

    With ``overwrite=False`` an existing ``path`` is never replaced (``FileExistsError``
    wrapped in :class:`OutputError`).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    try:
        if overwrite and _is_stream(path):
            with open(path, "wb") as handle:
                handle.write(data)
            return path
        _make_parent(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, exc) from None
    try:
        try:
            _write_fd(fd, data)
            # Keep an existing file's permissions; a new file gets the usual ones (mkstemp's are 0600).
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode) if overwrite and path.is_file() else 0o666 & ~_umask()
            except OSError:
                mode = 0o666 & ~_umask()
            os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, path)  # replaces a symlink itself, never its target
        else:
            os.link(tmp, path)  # fails if path exists, whatever it is
            os.unlink(tmp)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError(path, exc) from None
    _fsync_dir(path.parent)
    return path


def replace_folder(target: Path, build: Callable[[Path], T], attempts: int = 20) -> T:
    """Build a new folder with ``build(temp_folder)`` and swap it in for ``target``.

    On any failure (including a kill) the previous ``target`` is left as it was. A symlink
    naming ``target`` itself is resolved (its destination folder is replaced); symlinks
    inside the old folder are never followed, because the old folder is only renamed
    and removed.
    """
    target = Path(os.path.realpath(target))
    parent = target.parent
    try:
        _make_parent(parent)
        temp = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=parent))
    except OSError as exc:
        raise OutputError(target, exc) from None
    try:
        result = build(temp)
        try:
            _swap(temp, target, attempts)
        except OSError as exc:
            raise OutputError(target, exc) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return result


def _swap(temp: Path, target: Path, attempts: int) -> None:
    """Rename ``target`` to a backup, ``temp`` to ``target``, and remove the backup."""
    os.chmod(temp, 0o777 & ~_umask())  # mkdtemp's folder is private (0700)
    _fsync_dir(temp)
    backup = temp.with_name(temp.name + ".old")
    for _ in range(attempts):
        moved = False
        try:
            os.rename(target, backup)
            moved = True
        except FileNotFoundError:
            pass  # no old folder, or a concurrent run has just moved it away
        try:
            os.rename(temp, target)
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                # A concurrent run put its complete folder in place in between; ours replaces it.
                if moved:
                    shutil.rmtree(backup, ignore_errors=True)
                continue
            if moved:  # put the previous folder back
                os.rename(backup, target)
            raise
        if moved:
            shutil.rmtree(backup, ignore_errors=True)
        _fsync_dir(target.parent)
        return
    raise OSError(errno.EBUSY, "other runs kept replacing it", str(target))
