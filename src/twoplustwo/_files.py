"""
Files: read a document from a path or an open file, and replace a file atomically.
"""

from __future__ import annotations

import os
import stat
import tempfile
import typing
from pathlib import Path
from typing import TypeVar

from twoplustwo._json import MAX_SIZE, SupportsRead, dumps, loads
from twoplustwo._model import Dataset
from twoplustwo.exceptions import Error

T = TypeVar("T")


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


def replace_file(target: str | os.PathLike[str], content: str | bytes) -> None:
    """
    Write ``content`` to ``target`` atomically: a temporary file in its folder, then a rename.

    If anything fails, or is interrupted, ``target`` is left as it was and the temporary file
    is removed. A file replaced keeps its permissions; a new one is readable by all. Text is
    written as UTF-8.

    Raises:
        Error: The file cannot be written.
    """
    path = Path(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            Path(name).chmod(mode)
            Path(name).replace(path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise Error(f"cannot write {path}: {error.strerror or error}") from None


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

    Raises:
        Error: The file cannot be read.
        DecodeError: The document is not a valid ``cls``; see :func:`loads`.
    """
    if isinstance(source, SupportsRead):
        return loads(source, cls, max_size=max_size)
    try:
        with Path(source).open("rb") as file:
            return loads(file, cls, max_size=max_size)
    except OSError as error:
        raise Error(f"cannot read {source}: {error.strerror or error}") from None


def save(obj: object, target: str | os.PathLike[str] | SupportsWrite, *, indent: int = 2) -> None:
    """
    Write a model object as a JSON document to a path (atomically) or a file open for writing.

    Raises:
        Error: ``obj`` is not a model object, or the file cannot be written.
    """
    text = dumps(obj, indent=indent) + "\n"
    if isinstance(target, SupportsWrite):
        target.write(text)
    else:
        replace_file(target, text)
