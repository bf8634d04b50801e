"""
The detailed converter: cattrs hooks that say what is wrong with a document, and where.

``loads`` reads a document with the generated readers of ``_codegen`` and comes here only
when one refuses it, to list every problem with its JSON path; ``twoplustwo.converter``
is this converter, for ``structure`` and ``unstructure`` calls of one's own. It follows
the rules of ``_json``: strict types, no unknown keys, rotations tagged with "kind", a
Dataset with "format". It writes with the generated writers, so both ways agree.
"""

from __future__ import annotations

import enum
import functools
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

from twoplustwo._dates import FuzzyDate
from twoplustwo._json import (
    _ENUMS,
    _KIND_OF,
    FORMAT,
    KINDS,
    _compiled,
    _expected,
    _json_kind,
    _Problem,
    _structure_day,
    _structure_str,
)
from twoplustwo._model import Alternating, Cycle, Dataset, FixedVenue, Rotation
from twoplustwo.exceptions import Error

T = TypeVar("T")

_MISSING: Final = object()


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _expected("an integer", value)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise _expected("a boolean", value)
    return value


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


@functools.cache
def converter() -> cattrs.Converter:
    """
    Return the one converter, built on first use.
    """
    return make_converter()


def problems(value: object, cls: type[T]) -> tuple[T | None, list[str]]:
    """
    Structure ``value`` as ``cls``; return the result, or None and every problem found.
    """
    try:
        return converter().structure(value, cls), []
    except (ClassValidationError, IterableValidationError) as error:
        return None, cattrs.transform_error(error, "$", _describe)
    except (_Problem, Error) as error:
        return None, [f"{error} @ $"]
