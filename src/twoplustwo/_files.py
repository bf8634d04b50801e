"""
Files: the one reader and the one writer of every path twoplustwo touches, and locked edits.

The reader opens only regular files, without ever waiting on a FIFO or a device, and reads at
most one byte past the size asked for. The writer writes what it is asked where it is asked:
a regular file is replaced atomically in its own folder (a symlink is followed and its target
replaced, its mode kept, and its owner and group where the process may set them); a
character device or a FIFO is written to, never replaced; anything else is refused. An edit
reads, changes and writes a file under one exclusive lock, and writes only if the file is
still what it read.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from twoplustwo._json import MAX_SIZE, SupportsRead, dumps, loads
from twoplustwo._model import Dataset
from twoplustwo.exceptions import DecodeError, Error

if TYPE_CHECKING:  # an edit is only passed through; reading a file needs none of its module
    from twoplustwo._editing import Edit

T = TypeVar("T")

LOCK_TIMEOUT: Final = 10.0
"""Seconds an edit waits for another edit of the same file to finish before it gives up."""

TEMP_SUFFIX: Final = ".twoplustwo-tmp"
"""The end of the name of a temporary file the writer makes beside its target."""

_KINDS: Final = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


@typing.runtime_checkable
class SupportsWrite(typing.Protocol):
    """
    A file open for writing text.
    """

    def write(self, text: str, /) -> int:
        """
        Write ``text``; return how many characters were written.
        """
        ...


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _why(error: OSError | ValueError) -> str:
    if isinstance(error, ValueError):  # a NUL in the name
        return "the name holds a NUL character"
    if error.errno == errno.EMFILE:
        return "too many files are open (an I/O failure, not a problem of the data)"
    return error.strerror or str(error)


SHOWN_PATH: Final = 240
"""Paths are cut to this many characters in messages (an argument may be any length)."""


def _name(path: str | os.PathLike[str]) -> str:
    text = repr(os.fspath(path))
    return text if len(text) <= SHOWN_PATH else text[: SHOWN_PATH - 1] + "…"


def read_bytes(path: str | os.PathLike[str], *, max_size: int | None = MAX_SIZE) -> bytes:
    """
    Read a regular file: at most one byte past ``max_size`` (None for no limit).

    A FIFO, a device, a socket or a folder is refused without waiting on it.

    Raises:
        Error: The file cannot be read, or is not a regular file; the message names it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as error:
        raise Error(f"cannot read {_name(path)}: {_why(error)}") from None
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Error(f"cannot read {_name(path)}: it is {_kind(mode)}, not a regular file")
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read(-1 if max_size is None else max_size + 1)
    except OSError as error:
        raise Error(f"cannot read {_name(path)}: {_why(error)}") from None
    finally:
        os.close(descriptor)


def _stat(path: str | os.PathLike[str], *, follow: bool = True) -> os.stat_result | None:
    """
    Return the status of ``path`` (None if nothing is there).

    Raises:
        Error: It cannot be looked at.
    """
    try:
        return Path(path).stat(follow_symlinks=follow)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise Error(f"cannot write {_name(path)}: {_why(error)}") from None


def write_file(target: str | os.PathLike[str], content: str | bytes) -> None:
    """
    Write ``content`` to ``target`` as the kind of thing it is; text is written as UTF-8.

    A regular file (or a new one) is replaced atomically: a temporary file in its folder,
    then a rename, so a reader sees the old content or the new, never a mix. A symlink is
    followed and its target replaced. A file replaced keeps its mode, and its owner and group
    where the process may set them; a new one gets mode 0644. A hard link to the old file
    keeps the old content (an atomic replace makes a new file). A character device such as
    ``/dev/null``, or a FIFO with a reader, is written to, never replaced. A folder, a socket
    or a block device is refused. If anything fails or is interrupted, the temporary file is
    removed and ``target`` is left as it was; temporary files of writers that are gone (a
    killed process) are removed by the next write beside them.

    Raises:
        Error: ``target`` cannot be written, or is a kind of file that is not written to.
    """
    data = _encoded(content)
    found = _stat(target)
    if found is not None and (stat.S_ISCHR(found.st_mode) or stat.S_ISFIFO(found.st_mode)):
        _stream(target, data)
        return
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise Error(f"cannot write {_name(target)}: it is {_kind(found.st_mode)}")
    # A symlink (even one whose target does not exist yet) is followed to where it points.
    _replace(Path(os.path.realpath(target)), data, found)


def replace_file(target: str | os.PathLike[str], content: str | bytes) -> None:
    """
    Write ``content`` to ``target``: the same as ``write_file``.

    Raises:
        Error: ``target`` cannot be written.
    """
    write_file(target, content)


def _encoded(content: str | bytes) -> bytes:
    if isinstance(content, bytes):
        return content
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = error.object[error.start : error.end]
        raise Error(f"cannot write the text as UTF-8: it holds {bad!r}") from None


def _stream(target: str | os.PathLike[str], data: bytes) -> None:
    """
    Write to a character device or a FIFO; a FIFO nobody reads is refused, not waited on.
    """
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(target, flags | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise Error(f"cannot write {_name(target)}: no process is reading the FIFO") from None
        raise Error(f"cannot write {_name(target)}: {_why(error)}") from None
    try:
        os.set_blocking(descriptor, True)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except OSError as error:
        raise Error(f"cannot write {_name(target)}: {_why(error)}") from None
    finally:
        os.close(descriptor)


def _replace(path: Path, data: bytes, found: os.stat_result | None) -> None:
    try:
        _remove_stale(path)
        descriptor, name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=f".{os.getpid()}{TEMP_SUFFIX}"
        )
    except OSError as error:
        raise Error(f"cannot write {_name(path)}: {_why(error)}") from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            if found is not None:
                with contextlib.suppress(PermissionError):  # only root may give a file away
                    os.fchown(descriptor, found.st_uid, found.st_gid)
            os.fchmod(descriptor, stat.S_IMODE(found.st_mode) if found is not None else 0o644)
            os.fsync(descriptor)
        Path(name).replace(path)
    except BaseException as error:
        Path(name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise Error(f"cannot write {_name(path)}: {_why(error)}") from None
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """
    Make the rename durable where the system allows syncing a folder.
    """
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder we just wrote in cannot be opened
        return
    try:
        os.fsync(descriptor)
    except OSError:  # pragma: no cover - some file systems cannot sync a folder
        pass
    finally:
        os.close(descriptor)


def _remove_stale(path: Path) -> None:
    """
    Remove the temporary files beside ``path`` left by writers that are gone (killed).
    """
    prefix = f".{path.name}."
    with os.scandir(path.parent) as entries:
        names = [e.name for e in entries if e.name.startswith(prefix)]
    for name in names:
        if not name.endswith(TEMP_SUFFIX):
            continue
        pid = name.removesuffix(TEMP_SUFFIX).rpartition(".")[2]
        if pid.isdigit() and not _alive(int(pid)):
            (path.parent / name).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process; or a number no process has, kept to be safe
    return True


def editable(path: str | os.PathLike[str]) -> Path:
    """
    Return the regular file that an edit of ``path`` reads and replaces (symlinks followed).

    Raises:
        Error: ``path`` is not a regular file that exists.
    """
    found = _stat(path)
    if found is None:
        raise Error(f"cannot edit {_name(path)}: there is no such file")
    if not stat.S_ISREG(found.st_mode):
        raise Error(
            f"cannot edit {_name(path)}: it is {_kind(found.st_mode)}; an edit needs a regular "
            "file of its own"
        )
    return Path(os.path.realpath(path))


def edit_file(
    path: str | os.PathLike[str],
    change: Callable[[Dataset], Edit],
    *,
    timeout: float = LOCK_TIMEOUT,
) -> Edit:
    """
    Apply ``change`` to the Dataset in the file at ``path``, under an exclusive lock.

    The lock is ``FILE.lock`` beside the file (after following symlinks), held from the read
    to the replace; it stays there when the edit ends, and may be deleted when no edit runs.
    A second edit of the same file waits up to ``timeout`` seconds, then fails. Before the
    replace, the file is read again: if a program that does not take the lock changed it,
    nothing is written. The file is written only if the edit changed something.

    Args:
        path: The file to edit.
        change: Makes the edit from the dataset read, such as
            ``lambda data: edit_round(data, "in-us", ...)``; its result is returned.
        timeout: How long to wait for another edit of the file.

    Raises:
        Error: The file cannot be read, locked or written, is not a valid Dataset document,
            changed under the edit, or the edit is refused; nothing is written then.
    """
    from filelock import FileLock, Timeout  # noqa: PLC0415 - only edits need it

    target = editable(path)
    lock = FileLock(f"{target}.lock", timeout=timeout, is_singleton=False)
    try:
        with lock:
            before = read_bytes(target)
            try:
                dataset = loads(before, Dataset)
            except DecodeError as error:
                shown = "; ".join(map(str, error.problems[:5]))
                raise Error(f"{_name(path)} is not a valid dataset: {shown}") from None
            result = change(dataset)
            if result.changed:
                text = dumps(result.dataset, indent=2) + "\n"
                if read_bytes(target) != before:
                    raise Error(
                        f"{_name(path)} changed while it was being edited, by a program that "
                        "does not take the lock; nothing was written: run the edit again"
                    )
                write_file(target, text)
    except Timeout:
        raise Error(
            f"{_name(path)} is being edited by another process (the lock {target.name}.lock is "
            f"held); gave up after {timeout:g} seconds: try again when it is done"
        ) from None
    except OSError as error:
        raise Error(f"cannot lock {_name(path)}: {_why(error)}") from None
    return result


@typing.overload
def load(
    source: str | os.PathLike[str] | SupportsRead, *, max_size: int | None = MAX_SIZE
) -> Dataset: ...
@typing.overload
def load(
    source: str | os.PathLike[str] | SupportsRead, cls: type[T], *, max_size: int | None = MAX_SIZE
) -> T: ...
def load(
    source: str | os.PathLike[str] | SupportsRead,
    cls: type[T | Dataset] = Dataset,
    *,
    max_size: int | None = MAX_SIZE,
) -> T | Dataset:
    """
    Read a document of ``cls`` (a Dataset by default) from a path or a file open for reading.

    A path must name a regular file: a FIFO, a device or a folder is refused at once.

    Raises:
        Error: The file cannot be read.
        DecodeError: The document is not a valid ``cls``; see :func:`loads`.
    """
    if isinstance(source, SupportsRead):
        return loads(source, cls, max_size=max_size)
    return loads(read_bytes(source, max_size=max_size), cls, max_size=max_size)


def save(obj: object, target: str | os.PathLike[str] | SupportsWrite, *, indent: int = 2) -> None:
    """
    Write a model object as a JSON document to a path or a file open for writing.

    A path is written by ``write_file``: a regular file atomically, a device or FIFO
    streamed to.

    Raises:
        Error: ``obj`` is not a model object, or the file cannot be written.
    """
    text = dumps(obj, indent=indent) + "\n"
    if isinstance(target, SupportsWrite):
        target.write(text)
    else:
        write_file(target, text)
