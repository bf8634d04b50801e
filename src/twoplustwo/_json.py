"""
JSON in and out: the one cattrs converter, and ``loads`` and ``dumps`` over it.

Keys are attribute names, enums travel as their values, FuzzyDate as its canonical EDTF
string, days as ISO 8601, rotations as objects tagged with "kind", and a Dataset document
carries its "format" (``FORMAT``; the older ones in ``READS`` are read and upgraded).
Decoding is strict: nothing is coerced, unknown and duplicate keys are refused, and every
problem is reported with its JSON path.

cattrs generates the function of each class (``cattrs.gen``). ``loads`` runs the converter
with fast errors first; only a document it refuses is read again by the same converter with
detailed validation (``Converter.copy(detailed_validation=True)``), which lists every problem.
"""

from __future__ import annotations

import enum
import functools
import itertools
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
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from twoplustwo._dates import FIRST_DAY, LAST_DAY, FuzzyDate
from twoplustwo._dates import RANGE as DATE_RANGE
from twoplustwo._model import (
    Announcement,
    Dataset,
    Fact,
    Grouping,
    Mechanism,
    MechanismStatus,
    Minister,
    Mode,
    Plan,
    Portfolio,
    Round,
    RoundStatus,
    SanctionRisk,
    SanctionStatus,
    Source,
    StatusChange,
    Uncertainty,
)
from twoplustwo._places import City, Country
from twoplustwo._policies import ROTATIONS, Rotation, kind_of
from twoplustwo._proposal import Proposal
from twoplustwo._rotation import BacktestRow, Basis, Forecast
from twoplustwo._validators import Invalid, Validator, field_error, show
from twoplustwo.exceptions import DecodeError, Error, FieldError, Problem

T = TypeVar("T")

MAX_SIZE: Final = 16 * 1024 * 1024
"""The largest document :func:`loads` reads unless told otherwise: 16 MiB."""

MAX_PROBLEMS: Final = 100
"""The most problems a :class:`DecodeError` lists; it says how many more there were."""

MAX_MESSAGE: Final = 400
"""The most characters of a problem's message, and of its path; longer ones are cut."""

MAX_KEYS: Final = 5
"""The most unknown or duplicate keys a problem names, each cut to 60 characters; it says how
many more there were."""

MAX_DEPTH: Final = 64
"""The deepest nesting of arrays and objects :func:`loads` reads; deeper documents are
refused before they are parsed (a twoplustwo document nests about eight deep)."""

FORMAT: Final = "twoplustwo/2"
"""The value of the "format" key of the Dataset documents this version writes."""

READS: Final = ("twoplustwo/1", FORMAT)
"""The formats of the Dataset documents this version reads; older ones are upgraded on read."""

MODEL_CLASSES: Final[tuple[type, ...]] = (
    *ROTATIONS,
    Announcement,
    BacktestRow,
    City,
    Country,
    Dataset,
    Forecast,
    FuzzyDate,
    Grouping,
    Mechanism,
    Minister,
    Plan,
    Proposal,
    Round,
    SanctionRisk,
    Source,
    StatusChange,
    Uncertainty,
)
"""Every class whose objects :func:`loads` reads and :func:`dumps` writes."""

ENUMS: Final = (Basis, Fact, MechanismStatus, Mode, Portfolio, RoundStatus, SanctionStatus)
"""The enums of the model; each travels as its value."""

_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII only: \d matches any digit
_MISSING: Final = object()
_UNCHECKED: Final = "this item and those after it were not checked"
_INDEX: Final = re.compile(r"\[([0-9]+)\]")
DOCUMENT_DEFAULTS: Final[dict[type, dict[str, object]]] = {Mechanism: {"cadence_months": 12}}
"""Keys whose default in documents differs from the class's: a document that omits
``cadence_months`` was written when the default was the 12-month rule, so it reads as 12."""
_JSON_KINDS: Final = {
    type(None): "null",
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
}


@typing.runtime_checkable
class SupportsRead(typing.Protocol):
    """
    A file open for reading, in text or binary mode.
    """

    def read(self, size: int = -1, /) -> str | bytes:
        """
        Read at most ``size`` characters or bytes; all of them if ``size`` is -1.
        """
        ...


class _Problem(Exception):
    """
    One thing wrong with one JSON value; cattrs adds the path.
    """


def _json_kind(value: object) -> str:
    return _JSON_KINDS.get(type(value), "an object")


def _expected(what: str, value: object) -> _Problem:
    return _Problem(f"expected {what}, got {_json_kind(value)}")


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _expected("a string", value)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _expected("an integer", value)
    return value


def _structure_float(value: object, _: type) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise _expected("a number", value)
    return float(value)


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _expected("a boolean", value)
    return value


def _structure_day(value: object, _: type) -> pendulum.Date:
    text = _structure_str(value, str)
    if not _ISO_DAY.fullmatch(text):
        raise _Problem(f"expected a day as YYYY-MM-DD, got {show(text)}")
    year, month, day = (int(part) for part in text.split("-"))
    try:
        found = pendulum.Date(year, month, day)
    except ValueError:
        raise _Problem(f"{text!r} is not a calendar date") from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise _Problem(f"{text!r} is outside the dates twoplustwo reads, {DATE_RANGE}")
    return found


def _structure_fuzzy(value: object, _: type) -> FuzzyDate:
    return FuzzyDate.parse(_structure_str(value, str))


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    by_value = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: type) -> enum.Enum:
        text = _structure_str(value, str)
        if text not in by_value:
            raise _Problem(f"{show(text)} is not one of {allowed}")
        return by_value[text]

    return structure


def _at_index(error: Exception, index: int, item_type: Any) -> Exception:
    error.__notes__ = [
        *getattr(error, "__notes__", []),
        IterableValidationNote(f"index {index}", index, item_type),
    ]
    return error


def _at_key(what: str, name: str, problem: Exception) -> ClassValidationError:
    """
    Wrap a problem with the key ``name`` of an object so that its path ends in ``.name``.
    """
    problem.__notes__ = [
        *getattr(problem, "__notes__", []),
        AttributeValidationNote(f"Structuring {what} @ {name}", name, str),
    ]
    return ClassValidationError(f"While structuring {what}", [problem], object)


def _tuple_hook(tp: Any, conv: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    """
    Tuples travel as arrays, and only as arrays; fixed-length ones must have their length.

    The items' hooks are looked up at the first array with items, so that a document whose
    arrays of a class are all empty (a dialogue's file has no sanction risks) does not have
    cattrs generate that class's function.
    """
    args = typing.get_args(tp)
    item_types = [args[0]] if len(args) == 2 and args[1] is Ellipsis else list(args)
    found: list[Callable[[Any, Any], Any]] | None = None
    variadic = len(args) == 2 and args[1] is Ellipsis

    def structure(value: object, _: type) -> tuple[Any, ...]:
        nonlocal found
        if not isinstance(value, list):
            raise _expected("an array", value)
        if not variadic and len(value) != len(item_types):
            raise _Problem(f"expected an array of {len(item_types)} items, got {len(value)}")
        if not value:
            return ()
        if found is None:  # one list, assigned whole: safe should two threads get here
            found = [conv.get_structure_hook(t) for t in item_types]
        hooks = found
        if variadic:
            hook, item_type = hooks[0], item_types[0]
            if not conv.detailed_validation:
                return tuple([hook(item, item_type) for item in value])
            pairs = [(hook, item_type)] * len(value)
        else:
            pairs = list(zip(hooks, item_types, strict=True))
        return _collect(value, pairs, tp)

    return structure


def _collect(
    value: list[Any], pairs: list[tuple[Callable[[Any, Any], Any], Any]], tp: Any
) -> tuple[Any, ...]:
    """
    Structure each item, collecting the problems of at most ``MAX_PROBLEMS`` items.
    """
    items, errors = [], []
    for index, (item, (hook, item_type)) in enumerate(zip(value, pairs, strict=True)):
        try:
            items.append(hook(item, item_type))
        except Exception as error:  # noqa: BLE001 - collected and reported with their paths
            errors.append(_at_index(error, index, item_type))
            if len(errors) == MAX_PROBLEMS and index + 1 < len(value):
                errors.append(_at_index(_Problem(_UNCHECKED), index + 1, item_type))
                break
    if errors:
        raise IterableValidationError("While structuring an array", errors, tp)
    return tuple(items)


def _attrs_hook(cls: type[T], conv: cattrs.Converter) -> Callable[[object, type], T]:
    """
    An attrs class travels as an object of its fields, and its validators' paths end there.
    """
    generated = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    tag = kind_of(cls)
    defaults = DOCUMENT_DEFAULTS.get(cls)
    # The fields' string annotations are resolved once per class, in place (cattrs does the
    # same, and attrs remembers it): a second get_type_hints would cost as much again.
    simple = [
        (field, field.type)
        for field in attrs.fields(attrs.resolve_types(typing.cast("Any", cls)))
        if isinstance(field.validator, Validator) and _is_simple(field.type)
    ]

    def structure(value: object, _: type) -> T:
        if not isinstance(value, dict):
            raise _expected(f"an object ({cls.__name__})", value)
        if tag is not None:
            value = _untag(value, cls.__name__, tag)
        if defaults is not None:
            value = {**defaults, **value}
        try:
            return generated(value, cls)
        except ClassValidationError as error:
            # A validator's error carries its field: its path ends there, not at the object.
            found = [
                _field_problem(cls.__name__, e) if isinstance(e, FieldError) else e
                for e in error.exceptions
            ]
            found += _unreported(cls, value, conv, simple, error.exceptions)
            raise ClassValidationError(error.message, found, cls) from None

    return structure


_SIMPLE: Final = (str, int, float, bool, pendulum.Date, FuzzyDate)


def _is_simple(tp: Any) -> bool:
    """
    Whether ``tp`` is a scalar type (or one or None), cheap to structure again on its own.
    """
    parts = [t for t in typing.get_args(tp) if t is not type(None)] or [tp]
    return all(t in _SIMPLE or (isinstance(t, type) and issubclass(t, enum.Enum)) for t in parts)


def _unreported(
    cls: type,
    value: dict[str, Any],
    conv: cattrs.Converter,
    simple: list[tuple[attrs.Attribute[Any], Any]],
    reported: tuple[Exception, ...],
) -> list[Exception]:
    """
    The problems of an object's scalar fields that its refusal did not list, in one pass.

    An object is refused at its first problem: a field that failed to decode, or the first
    validator that failed. Each scalar field not already named is decoded again and checked
    by its validator, so that every problem of the object is listed at once. Only a detailed
    pass does this; a scalar costs little to decode again, and nested objects are not.
    """
    if not conv.detailed_validation:
        return []
    named = {e.field for e in reported if isinstance(e, FieldError)}
    named |= {
        note.name
        for e in reported
        for note in getattr(e, "__notes__", ())
        if isinstance(note, AttributeValidationNote)
    }
    found: list[Exception] = []
    for field, tp in simple:
        if field.name in named or field.name not in value:
            continue
        # A field not named decoded when the object was refused: it decodes again.
        decoded = conv.structure(value[field.name], tp)
        try:
            field.validator.check(decoded)  # type: ignore[union-attr] # simple keeps only Validators
        except Invalid as invalid:
            problem = field_error(cls.__name__, field.name, invalid)
            found.append(_field_problem(cls.__name__, problem))
    return found


def _field_problem(owner: str, error: FieldError) -> Exception:
    """
    Turn a validator's error into a problem whose path ends at the field (and item).
    """
    problem: Exception = _Problem(f"{owner}.{error.path}={error.problem}")
    for index in reversed([int(i) for i in _INDEX.findall(error.path[len(error.field) :])]):
        problem = IterableValidationError(
            "While structuring an array", [_at_index(problem, index, object)], object
        )
    problem.__notes__ = [
        AttributeValidationNote(f"Structuring {owner} @ {error.field}", error.field, object)
    ]
    return problem


def _untag(value: dict[str, Any], what: str, tag: str) -> dict[str, Any]:
    """
    Check the "kind" key of a rotation object and return the object without it.
    """
    kind = value.get("kind", _MISSING)
    if kind is _MISSING:
        raise _at_key(what, "kind", _Problem('the "kind" key is missing'))
    if kind != tag:
        raise _at_key(what, "kind", _Problem(f"expected {tag!r}, got {_shown(kind)}"))
    return {k: v for k, v in value.items() if k != "kind"}


def _shown(value: object) -> str:
    return show(value) if isinstance(value, str) else _json_kind(value)


def _structure_rotation(value: object, _: type, conv: cattrs.Converter) -> Rotation:
    if not isinstance(value, dict):
        raise _expected("an object (rotation)", value)
    kind = value.get("kind", _MISSING)
    if kind is _MISSING:
        raise _at_key("rotation", "kind", _Problem('the "kind" key is missing'))
    cls = next((c for c in ROTATIONS if c.kind == kind), None)
    if cls is None:
        allowed = ", ".join(repr(c.kind) for c in ROTATIONS)
        raise _at_key(
            "rotation", "kind", _Problem(f"expected one of {allowed}, got {_shown(kind)}")
        )
    rotation: Rotation = conv.structure(value, cls)  # type: ignore[assignment] # every policy class is a member of Rotation
    return rotation


def _dataset_hook(conv: cattrs.Converter) -> Callable[[object, type], Dataset]:
    """
    A Dataset document carries "format"; a wrong one is listed with the other problems.
    """
    fields = _attrs_hook(Dataset, conv)

    def structure(value: object, _: type) -> Dataset:
        if not isinstance(value, dict):
            raise _expected("an object (Dataset)", value)
        found = value.get("format", _MISSING)
        rest = {k: v for k, v in value.items() if k != "format"}
        if found in READS:
            return fields(rest if found == FORMAT else upgrade_v1(rest), Dataset)
        versions = " and ".join(repr(v) for v in READS)
        wrong = _at_key(
            "Dataset",
            "format",
            _Problem(f'the "format" key is missing; this version reads {versions}')
            if found is _MISSING
            else _Problem(f"this version reads {versions} documents, not {_shown(found)}"),
        )
        try:
            fields(rest, Dataset)
        except ClassValidationError as error:
            everything = [*wrong.exceptions, *error.exceptions]
            raise ClassValidationError("While structuring Dataset", everything, Dataset) from None
        raise wrong

    return structure


def upgrade_v1(document: dict[str, Any]) -> dict[str, Any]:
    """
    Return a ``twoplustwo/1`` Dataset document (without its "format") in the form of ``/2``.

    The one change of shape: each date of a round's ``slipped_from`` becomes a plan with that
    date and no place. Everything else of ``/1`` reads as ``/2`` unchanged (a round with no
    venue stays "not recorded"). A part that is not of the expected shape is left as it is,
    for the converter to report.
    """
    mechanisms = document.get("mechanisms")
    if not isinstance(mechanisms, list):
        return document
    return {**document, "mechanisms": [_upgrade_mechanism(m) for m in mechanisms]}


def _upgrade_mechanism(mechanism: object) -> object:
    if not isinstance(mechanism, dict) or not isinstance(mechanism.get("rounds"), list):
        return mechanism
    return {**mechanism, "rounds": [_upgrade_round(r) for r in mechanism["rounds"]]}


def _upgrade_round(current: object) -> object:
    if not isinstance(current, dict) or not isinstance(current.get("slipped_from"), list):
        return current
    plans = [{"date": d} if isinstance(d, str) else d for d in current["slipped_from"]]
    return {**current, "slipped_from": plans}


def _unstructure_hook(cls: type[Any], conv: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    """
    An attrs class is written as an object of its fields, after its tag if it has one.
    """
    generated = make_dict_unstructure_fn(cls, conv)
    if cls is Dataset:
        return lambda obj: {"format": FORMAT, **generated(obj)}
    kind = kind_of(cls)
    if kind is not None:
        return lambda obj: {"kind": kind, **generated(obj)}
    return generated


def _is_tuple(tp: Any) -> bool:
    return typing.get_origin(tp) is tuple


def _is_rotation(tp: Any) -> bool:
    return bool(tp == Rotation)


@functools.cache
def get_converter() -> cattrs.Converter:
    """
    Return the one converter, built on first use; its errors are fast, not detailed.
    """
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=False)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(pendulum.Date, _structure_day)
    conv.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    conv.register_structure_hook(FuzzyDate, _structure_fuzzy)
    conv.register_unstructure_hook(FuzzyDate, str)
    for enum_class in ENUMS:
        conv.register_structure_hook(enum_class, _enum_hook(enum_class))
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook)
    conv.register_structure_hook_factory(
        _is_rotation, lambda _, c: functools.partial(_structure_rotation, conv=c)
    )
    conv.register_structure_hook_factory(attrs.has, _attrs_hook)
    # Registered after attrs.has, so asked before it.
    conv.register_structure_hook_factory(lambda tp: tp is Dataset, lambda _, c: _dataset_hook(c))
    conv.register_unstructure_hook_factory(attrs.has, _unstructure_hook)
    return conv


@functools.cache
def detailed_converter() -> cattrs.Converter:
    """
    Return the converter with detailed validation, which lists every problem with its path.
    """
    return get_converter().copy(detailed_validation=True)


if typing.TYPE_CHECKING:
    converter: cattrs.Converter
    """The converter with detailed errors: ``converter.unstructure(x)`` and
    ``converter.structure(d, cls)``, whose errors list every problem.

    Built on first use, so that importing twoplustwo does not pay for it."""
else:

    def __getattr__(name: str) -> object:
        if name == "converter":
            return detailed_converter()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _cut(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _some_keys(keys: set[str]) -> str:
    """
    Name at most ``MAX_KEYS`` of ``keys``, each shown short, and say how many more there are.
    """
    shown = ", ".join(_cut(show(k), 60) for k in sorted(keys)[:MAX_KEYS])
    more = len(keys) - MAX_KEYS
    return shown if more <= 0 else f"{shown} and {more:,} more"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = {key for key, _ in pairs if key in seen or seen.add(key)}  # type: ignore[func-returns-value] # set.add returns None: the idiom marks first sightings
        raise _Problem("duplicate key " + _some_keys(twice))
    return result


# The bytes the depth scan keeps (quotes and brackets), and each bracket as a step of depth.
_KEPT: Final = b'"[]{}'
_NOT_KEPT: Final = bytes(c for c in range(256) if c not in _KEPT)
_STEPS: Final = bytes.maketrans(b"[]{}", b"\x01\xff\x01\xff")
_QUOTED: Final = re.compile(rb'"[^"]*"')


def _too_deep(text: str) -> bool:
    """
    Return whether arrays and objects nest deeper than ``MAX_DEPTH`` in the JSON ``text``.

    A linear scan in C, with no tree built. Escaped backslashes, then escaped quotes, are
    dropped (taken left to right, as a JSON reader pairs them), then every byte but quotes
    and brackets. A bracket is inside a string when an odd number of quotes come before it,
    so two quotes side by side can go too: what is left is nearly only brackets, and the
    few strings still holding some are dropped whole. The depth is then the running sum of
    +1 for an opening and -1 for a closing. A document that is not JSON is read the same as
    a reader would up to its first mistake, and the reader stops there.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    kept = raw.translate(None, _NOT_KEPT).replace(b'""', b"")
    del raw
    steps = _QUOTED.sub(b"", kept).translate(_STEPS)
    if steps.count(1) <= MAX_DEPTH:
        return False
    return max(itertools.accumulate(memoryview(steps).cast("b"))) > MAX_DEPTH


def _no_constant(name: str) -> float:
    raise _Problem(f"{name} is not valid JSON")


def _refuse(message: str) -> DecodeError:
    return DecodeError([Problem("$", _cut(message))])


def _parse(data: str | bytes | SupportsRead, max_size: int | None) -> object:
    if isinstance(data, SupportsRead):
        data = data.read(-1 if max_size is None else max_size + 1)
    if not isinstance(data, str | bytes | bytearray):
        raise _refuse(f"expected str or bytes, got {type(data).__name__}")
    if max_size is not None and len(data) > max_size:
        unit = "characters" if isinstance(data, str) else "bytes"
        raise _refuse(f"the document has {len(data):,} {unit}, more than the limit of {max_size:,}")
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError as error:
            raise _refuse(f"the document is not valid UTF-8 ({error.reason})") from None
    if _too_deep(data):
        raise _refuse(f"invalid JSON: the document is nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise _refuse(f"invalid JSON: {error.msg} at {where}") from None
    except (_Problem, ValueError) as error:
        raise _refuse(f"invalid JSON: {error}") from None


_OURS: Final = (_Problem, Error, ForbiddenExtraKeysError, KeyError)
"""What the converter raises for a document that is wrong: our hooks' problems, the model's
errors, and cattrs' own for unknown and missing keys. Anything else is not a decoding error."""


def _leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


def _describe(error: BaseException, _: type | None) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        keys = error.extra_fields
        return f"unknown key{'s' if len(keys) > 1 else ''} " + _some_keys(keys)
    if isinstance(error, KeyError):
        return "required key missing"
    return str(error)


def _found(lines: list[str]) -> list[Problem]:
    """
    Turn cattrs' lines ("message @ $path") into problems, each message and path cut short.
    """
    return [
        Problem(_cut("$" + path), _cut(message))
        for message, _, path in (line.rpartition(" @ $") for line in lines)
    ]


def _problems(value: object, cls: type[Any]) -> list[Problem]:
    """
    Return every problem of ``value`` as a ``cls``, at most ``MAX_PROBLEMS`` and a summary.

    An empty list if the detailed pass finds nothing. An error that is not a decoding problem (a
    MemoryError, or a user's hook's own exception) is raised as it is.
    """
    try:
        detailed_converter().structure(value, cls)
    except (ClassValidationError, IterableValidationError) as error:
        for leaf in _leaves(error):
            if not isinstance(leaf, _OURS):
                raise leaf from None  # not the document's fault: it passes through unchanged
        lines = cattrs.transform_error(error, "$", _describe)
    except _OURS as error:
        lines = [f"{_describe(error, None)} @ $"]
    else:
        return []
    found = _found(lines)
    cut = any(problem.message == _UNCHECKED for problem in found)
    found = [problem for problem in found if problem.message != _UNCHECKED]
    if cut or len(found) > MAX_PROBLEMS:
        more = "more problems" if cut else f"{len(found) - MAX_PROBLEMS:,} more problems"
        found = [*found[:MAX_PROBLEMS], Problem("$", f"and {more} not listed")]
    return found


def loads(data: str | bytes | SupportsRead, cls: type[T], *, max_size: int | None = MAX_SIZE) -> T:
    """
    Decode a JSON document into an instance of ``cls``, a twoplustwo model class.

    Args:
        data: The document, as text or as UTF-8 bytes, or a file open for reading (text or
            binary), of which at most one character or byte past ``max_size`` is read.
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
        raise _refuse(f"loads() decodes twoplustwo model classes, not {show(cls)}")
    if max_size is not None and (type(max_size) is not int or max_size < 0):
        raise Error(f"max_size={show(max_size)} must be None or an int of 0 or more")
    value = _parse(data, max_size)
    try:
        result: T = get_converter().structure(value, cls)
    except (*_OURS, ClassValidationError, IterableValidationError) as error:
        # The detailed pass runs the same hooks, so it finds what the fast one refused; the
        # fast pass's own message stands in should it ever find nothing.
        found = _problems(value, cls) or [Problem("$", show(_describe(error, None)))]
        raise DecodeError(found) from None
    return result


def dumps(obj: object, *, indent: int | None = None) -> str:
    """
    Encode a twoplustwo model object as a JSON document; the same object gives the same text.

    Raises:
        Error: ``obj`` is not an instance of a twoplustwo model class.
    """
    if type(obj) not in MODEL_CLASSES:
        raise Error(f"dumps() encodes twoplustwo model objects, not {type(obj).__name__}")
    return json.dumps(get_converter().unstructure(obj), indent=indent, ensure_ascii=False)
