"""
JSON in and out: ``loads``, ``dumps`` and the rules they share with the converter.

Keys are attribute names, enums travel as their values, FuzzyDate as its canonical EDTF
string, days as ISO 8601, rotations as objects tagged with "kind", and a Dataset document
carries "format": "twoplustwo/1". Decoding is strict: nothing is coerced, unknown keys are
rejected, and every problem is reported with its JSON path.

Documents are read and written by the functions ``_codegen`` generates; a document they
refuse goes to the detailed cattrs converter of ``_converter``, which says what is wrong.
Neither is built, nor cattrs imported, before it is first needed.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import re
import threading
import typing
from typing import Any, Final, TypeVar

import pendulum

from twoplustwo import _codegen
from twoplustwo._dates import FuzzyDate
from twoplustwo._model import (
    _SURROGATE,
    Alternating,
    City,
    Country,
    Cycle,
    Dataset,
    FixedVenue,
    Grouping,
    Mechanism,
    Minister,
    Portfolio,
    Rotation,
    Round,
    RoundStatus,
    SanctionRisk,
    SanctionStatus,
    Source,
)
from twoplustwo._rotation import BacktestRow, Basis, Forecast
from twoplustwo.exceptions import DecodeError, Error

T = TypeVar("T")

MAX_SIZE: Final = 16 * 1024 * 1024
"""The largest document :func:`loads` reads unless told otherwise: 16 MiB."""

FORMAT: Final = "twoplustwo/1"
"""The value of the "format" key of the Dataset documents this version writes and reads."""

KINDS: Final[dict[str, type[Alternating | FixedVenue | Cycle]]] = {
    "alternating": Alternating,
    "fixed_venue": FixedVenue,
    "cycle": Cycle,
}
_KIND_OF: Final = {cls: kind for kind, cls in KINDS.items()}

_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII only: \d matches any digit

MODEL_CLASSES: Final[tuple[type, ...]] = (
    Alternating,
    BacktestRow,
    City,
    Country,
    Cycle,
    Dataset,
    FixedVenue,
    Forecast,
    FuzzyDate,
    Grouping,
    Mechanism,
    Minister,
    Round,
    SanctionRisk,
    Source,
)
_ENUMS: Final = (Basis, Portfolio, RoundStatus, SanctionStatus)


class _Problem(Exception):
    """
    One thing wrong with one JSON value; the path is added by the caller.
    """


_JSON_KINDS: Final = {
    type(None): "null",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
}


def _json_kind(value: object) -> str:
    """
    Name the JSON type of a decoded value, as "an integer" or "null".
    """
    return _JSON_KINDS.get(type(value), "an object")


def _expected(what: str, value: object) -> _Problem:
    return _Problem(f"expected {what}, got {_json_kind(value)}")


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value)
    if not value.isascii() and _SURROGATE.search(value):
        raise _Problem("the string holds a lone surrogate, which is not Unicode text")
    return value


def _structure_day(value: object, _: type) -> pendulum.Date:
    text = _structure_str(value, str)
    if not _ISO_DAY.fullmatch(text):
        raise _Problem(f"expected a day as YYYY-MM-DD, got {text!r}")
    year, month, day = (int(part) for part in text.split("-"))
    try:
        return pendulum.Date(year, month, day)
    except ValueError:
        raise _Problem(f"{text!r} is not a calendar date") from None


def _read_day(value: object) -> pendulum.Date:
    return _structure_day(value, pendulum.Date)


@functools.cache
def _compiled() -> tuple[dict[Any, _codegen.Reader], dict[Any, _codegen.Writer]]:
    """
    Return the generated reader and writer of each model class, built on first use.
    """
    return _codegen.build(
        tuple(cls for cls in MODEL_CLASSES if cls is not FuzzyDate),
        {Rotation: _codegen.TaggedUnion("rotation", "kind", _KIND_OF)},
        {Dataset: ("format", FORMAT)},
        _read_day,
        _BULK.dates,
    )


if typing.TYPE_CHECKING:
    import cattrs

    converter: cattrs.Converter
    """The one converter: ``converter.unstructure(x)`` and ``converter.structure(d, cls)``.

    Built on first use, so that importing twoplustwo does not pay for it."""
else:

    def __getattr__(name: str) -> object:
        if name == "converter":
            from twoplustwo._converter import converter  # noqa: PLC0415 - built when first asked

            return converter()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Bulk:
    """
    The bulk builds in progress: while one runs, Python's cyclic garbage collector waits.

    A reader makes one new object after another and frees almost none, and so does a
    writer with its dicts and lists: the worst case for the collector, which walks the
    growing heap again and again and finds no cycle to free. At 2,000 mechanisms that
    walking was 43% of the reader's time (about a quarter of ``loads``) and a fifth of
    ``dumps``. The collector is process-wide, so the pause is counted: the first of
    several concurrent builds pauses it, the last resumes it, and only if it was running
    when the first began (so a thread that turns the collector off while a build runs
    sees it turned back on when the build ends). Reference counting goes on freeing
    memory throughout; only the search for cycles waits. A forked child starts afresh.

    Readers share ``dates``, the FuzzyDate of each EDTF string read so far, since a
    document repeats its dates; the last build to end empties it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._resume = False
        self.dates: dict[str, FuzzyDate] = {}

    def __enter__(self) -> None:
        with self._lock:
            # Counted before the collector is paused: an interrupt in between leaves it on.
            self._running += 1
            if self._running == 1:
                self._resume = gc.isenabled()
                gc.disable()

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                if self._resume:
                    gc.enable()
                self.dates.clear()

    def after_fork(self) -> None:
        """
        Start afresh in a forked child, where the builds of other threads do not exist.
        """
        self._lock = threading.Lock()
        if self._running and self._resume:
            gc.enable()
        self._running = 0
        self.dates.clear()


_BULK: Final = _Bulk()
if hasattr(os, "register_at_fork"):  # pragma: no branch - every POSIX system has it
    os.register_at_fork(after_in_child=_BULK.after_fork)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = sorted({key for key, _ in pairs if key in seen or seen.add(key)})  # type: ignore[func-returns-value] # set.add returns None: the idiom marks first sightings
        raise _Problem("duplicate key " + ", ".join(repr(k) for k in twice))
    return result


def _no_constant(name: str) -> float:
    raise _Problem(f"{name} is not valid JSON")


def _parse(data: str | bytes, max_size: int | None) -> object:
    if not isinstance(data, str | bytes | bytearray):
        raise DecodeError([f"expected str or bytes, got {type(data).__name__} @ $"])
    if max_size is not None and len(data) > max_size:
        unit = "characters" if isinstance(data, str) else "bytes"
        raise DecodeError(
            [f"the document has {len(data):,} {unit}, more than the limit of {max_size:,} @ $"]
        )
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as error:
            raise DecodeError([f"the document is not valid UTF-8 ({error.reason}) @ $"]) from None
    try:
        return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise DecodeError([f"invalid JSON: {error.msg} at {where} @ $"]) from None
    except _Problem as error:
        raise DecodeError([f"invalid JSON: {error} @ $"]) from None
    except (ValueError, RecursionError) as error:
        raise DecodeError([f"invalid JSON: {error} @ $"]) from None


def loads(data: str | bytes, cls: type[T], *, max_size: int | None = MAX_SIZE) -> T:
    """
    Decode a JSON document into an instance of ``cls``, a twoplustwo model class.

    Args:
        data: The document, as text or as UTF-8 bytes.
        cls: The model class to decode, such as ``Dataset``.
        max_size: The largest document to read, in characters for text and bytes for bytes;
            16 MiB unless given, None for no limit. A larger document is refused before
            it is parsed.

    Raises:
        DecodeError: The document is not valid JSON or not a valid ``cls``; the error's
            ``problems`` list each problem with its JSON path, such as
            ``$.mechanisms[0].rounds[2].date``.
        Error: ``max_size`` is neither None nor an int of 0 or more.
    """
    if cls not in MODEL_CLASSES:
        raise DecodeError([f"loads() decodes twoplustwo model classes, not {cls!r} @ $"])
    if max_size is not None and (type(max_size) is not int or max_size < 0):
        raise Error(f"max_size={max_size!r} must be None or an int of 0 or more")
    value = _parse(data, max_size)
    reader = _compiled()[0].get(cls)
    if reader is not None:
        try:
            with _BULK:
                return reader(value)  # type: ignore[no-any-return] # the reader makes a cls
        except Exception:  # noqa: BLE001, S110 - the converter says below what is wrong
            pass
    from twoplustwo._converter import problems  # noqa: PLC0415 - cattrs only when needed

    result, found = problems(value, cls)
    if found:
        raise DecodeError(found)
    return result  # type: ignore[return-value] # no problems, so a cls


def dumps(obj: object, *, indent: int | None = None) -> str:
    """
    Encode a twoplustwo model object as a JSON document; the same object gives the same text.

    Raises:
        Error: ``obj`` is not an instance of a twoplustwo model class.
    """
    if type(obj) not in MODEL_CLASSES:
        raise Error(f"dumps() encodes twoplustwo model objects, not {type(obj).__name__}")
    writer = _compiled()[1].get(type(obj), str)  # str writes a FuzzyDate
    with _BULK:
        tree = writer(obj)
    # The writers make trees, so the encoder need not look for cycles.
    return json.dumps(tree, indent=indent, ensure_ascii=False, check_circular=False)
