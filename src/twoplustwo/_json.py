"""
JSON in and out, through the one cattrs converter that owns the serialization rules.

Keys are attribute names, enums travel as their values, FuzzyDate as its canonical EDTF
string, days as ISO 8601, rotations as objects tagged with "kind", and a Dataset document
carries "format": "twoplustwo/1". Decoding is strict: nothing is coerced, unknown keys are
rejected, and every problem is reported with its JSON path.
"""

from __future__ import annotations

import enum
import functools
import json
import re
import typing
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from twoplustwo import _codegen
from twoplustwo._dates import FuzzyDate
from twoplustwo._model import (
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
_MISSING: Final = object()
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")

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


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _expected("an integer", value)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _expected("a boolean", value)
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


def _structure_fuzzy(value: object, _: type) -> FuzzyDate:
    return FuzzyDate.parse(_structure_str(value, str))


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: type) -> enum.Enum:
        text = _structure_str(value, str)
        if text not in by_value:
            raise _Problem(f"{text!r} is not one of {allowed}")
        return by_value[text]

    return structure


def _with_path(error: Exception, note: str, index: int, item_type: Any) -> Exception:
    error.__notes__ = [
        *getattr(error, "__notes__", []),
        IterableValidationNote(note, index, item_type),
    ]
    return error


def _tuple_hook(conv: cattrs.Converter, tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
    args = typing.get_args(tp)
    variadic = len(args) == 2 and args[1] is Ellipsis
    item_types = None if variadic else args
    first_hook = conv.get_structure_hook(args[0])
    hooks = [conv.get_structure_hook(t) for t in args] if item_types is not None else []

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _expected("an array", value)
        if item_types is not None and len(value) != len(item_types):
            raise _Problem(f"expected an array of {len(item_types)} items, got {len(value)}")
        try:  # the common case, fast; on any problem, go round again to collect them all
            if item_types is None:
                return tuple([first_hook(item, args[0]) for item in value])
            return tuple([h(i, t) for h, t, i in zip(hooks, item_types, value, strict=True)])
        except Exception:  # noqa: BLE001, S110 - the loop below reports every problem
            pass
        errors = []
        for index, item in enumerate(value):
            item_type = args[0] if item_types is None else item_types[index]
            try:
                conv.structure(item, item_type)
            except Exception as error:  # noqa: BLE001 - collected and reported with their paths
                errors.append(_with_path(error, f"index {index}", index, item_type))
        # Only reached when the fast path failed, so at least one item has a problem.
        raise IterableValidationError("While structuring an array", errors, tp)

    return structure


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _attrs_hook(conv: cattrs.Converter, cls: type[T]) -> Callable[[object, type], T]:
    generated = make_dict_structure_fn(cls, conv)

    def structure(value: object, _: type) -> T:
        if not isinstance(value, dict):
            raise _expected(f"an object ({cls.__name__})", value)
        return generated(value, cls)

    return structure


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else _json_kind(value)


def _field_error(what: str, name: str, problem: Exception) -> ClassValidationError:
    """
    Wrap a problem with the key ``name`` of an object so that its path ends in ``.name``.
    """
    problem.__notes__ = [
        *getattr(problem, "__notes__", []),
        AttributeValidationNote(f"Structuring {what} @ {name}", name, str),
    ]
    return ClassValidationError(f"While structuring {what}", [problem], object)


def _split_key(value: object, what: str, key: str) -> tuple[object, dict[str, Any]]:
    """
    Take ``key`` out of a JSON object that must have it; return its value and the rest.
    """
    if not isinstance(value, dict):
        raise _expected(f"an object ({what})", value)
    if key not in value:
        raise _field_error(what, key, _Problem(f'the "{key}" key is missing'))
    rest = {k: v for k, v in value.items() if k != key}
    return value[key], rest


def make_converter() -> cattrs.Converter:
    """
    Build the converter twoplustwo uses; see the module docstring for its rules.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(pendulum.Date, _structure_day)
    conv.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    for enum_class in _ENUMS:
        conv.register_structure_hook(enum_class, _enum_hook(enum_class))
    conv.register_structure_hook_factory(_is_tuple, lambda tp: _tuple_hook(conv, tp))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _attrs_hook(conv, cls))
    conv.register_structure_hook(FuzzyDate, _structure_fuzzy)
    conv.register_unstructure_hook(FuzzyDate, str)

    _register_rotations(conv)
    _register_dataset(conv)
    _, writers = _compiled()
    for cls, writer in writers.items():
        if cls is Rotation:
            conv.register_unstructure_hook_func(lambda tp: tp == Rotation, writer)
        else:
            conv.register_unstructure_hook(cls, writer)
    return conv


def _read_day(value: object) -> pendulum.Date:
    return _structure_day(value, pendulum.Date)


@functools.cache
def _compiled() -> tuple[dict[Any, _codegen.Reader], dict[Any, _codegen.Writer]]:
    """
    Return the generated reader and writer of each model class, built on first use.
    """
    return _codegen.build(
        tuple(cls for cls in MODEL_CLASSES if cls is not FuzzyDate),
        {Rotation: _codegen.Union("rotation", "kind", _KIND_OF)},
        {Dataset: ("format", FORMAT)},
        _read_day,
    )


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def __getattr__(name: str) -> object:
    if name == "converter":
        return _converter()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _register_rotations(conv: cattrs.Converter) -> None:
    """
    Rotations travel as objects tagged with "kind", alone and inside a Mechanism.
    """

    def structure_rotation(value: object, _: type) -> Rotation:
        kind, _rest = _split_key(value, "rotation", "kind")
        cls = KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            allowed = ", ".join(repr(k) for k in KINDS)
            raise _field_error(
                "rotation", "kind", _Problem(f"expected one of {allowed}, got {_show(kind)}")
            )
        rotation: Rotation = conv.structure(value, cls)
        return rotation

    for cls in KINDS.values():
        conv.register_structure_hook(cls, _tagged_hook(conv, cls))
    conv.register_structure_hook_func(lambda tp: tp == Rotation, structure_rotation)


def _register_dataset(conv: cattrs.Converter) -> None:
    """
    A Dataset document carries "format"; a wrong one is listed with the other problems.
    """
    dataset_fields = _attrs_hook(conv, Dataset)

    def structure_dataset(value: object, _: type) -> Dataset:
        if not isinstance(value, dict):
            raise _expected("an object (Dataset)", value)
        found = value.get("format", _MISSING)
        rest = {k: v for k, v in value.items() if k != "format"}
        if found == FORMAT:
            return dataset_fields(rest, Dataset)
        wrong = (
            _Problem('the "format" key is missing; this version reads ' + repr(FORMAT))
            if found is _MISSING
            else _Problem(f"this version reads {FORMAT!r} documents, not {_show(found)}")
        )
        problem = _field_error("Dataset", "format", wrong)
        try:
            dataset_fields(rest, Dataset)
        except ClassValidationError as error:
            everything = [*problem.exceptions, *error.exceptions]
            raise ClassValidationError("While structuring Dataset", everything, Dataset) from None
        raise problem

    conv.register_structure_hook(Dataset, structure_dataset)


def _tagged_hook(
    conv: cattrs.Converter, cls: type[Alternating | FixedVenue | Cycle]
) -> Callable[[object, type], Rotation]:
    """
    Structure one rotation class from an object whose "kind" key names it.
    """
    generated = _attrs_hook(conv, cls)
    tag = _KIND_OF[cls]

    def structure(value: object, _: type) -> Rotation:
        kind, rest = _split_key(value, cls.__name__, "kind")
        if kind != tag:
            raise _field_error(
                cls.__name__, "kind", _Problem(f"expected {tag!r}, got {_show(kind)}")
            )
        return generated(rest, cls)

    return structure


if typing.TYPE_CHECKING:
    converter: cattrs.Converter
    """The one converter: ``converter.unstructure(x)`` and ``converter.structure(d, cls)``.

    Built on first use, so that importing twoplustwo does not pay for it."""


def _describe(error: BaseException, _: type | None) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        return (
            "unknown key"
            + ("s " if len(error.extra_fields) > 1 else " ")
            + ", ".join(sorted(repr(k) for k in error.extra_fields))
        )
    if isinstance(error, KeyError):
        return "required key missing"
    return str(error)


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
            return reader(value)  # type: ignore[no-any-return] # the reader of cls makes a cls
        except Exception:  # noqa: BLE001, S110 - the converter says below what is wrong
            pass
    try:
        result: T = _converter().structure(value, cls)
    except (ClassValidationError, IterableValidationError) as error:
        raise DecodeError(cattrs.transform_error(error, "$", _describe)) from None
    except (_Problem, Error) as error:
        raise DecodeError([f"{error} @ $"]) from None
    return result


def dumps(obj: object, *, indent: int | None = None) -> str:
    """
    Encode a twoplustwo model object as a JSON document; the same object gives the same text.

    Raises:
        Error: ``obj`` is not an instance of a twoplustwo model class.
    """
    if type(obj) not in MODEL_CLASSES:
        raise Error(f"dumps() encodes twoplustwo model objects, not {type(obj).__name__}")
    writer = _compiled()[1].get(type(obj), str)  # str writes a FuzzyDate
    return json.dumps(writer(obj), indent=indent, ensure_ascii=False)
