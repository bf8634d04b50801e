"""
The JSON Schema (Draft 2020-12) of twoplustwo documents, generated from the model classes.

The schema is derived from the classes' attributes, their resolved types and their
docstrings, by the rules of the converter in ``_json``: keys are attribute names, enums
travel as their values, FuzzyDate as its canonical EDTF string, days as YYYY-MM-DD,
rotations as objects tagged with "kind", and a Dataset document carries "format".

It also says what JSON Schema can say of the invariants of single values: slugs, country
codes, time zone names, non-empty text without control characters, counts and ranges, and
dates from 1900 to 2199. What it cannot say (a country
code that names no country, dates out of order, a minister in two seats) is left to
``loads``. So every document ``dumps`` writes is valid, and every document the schema
rejects ``loads`` rejects too; some valid documents ``loads`` still rejects.
"""

from __future__ import annotations

import copy
import enum
import functools
import inspect
import json
import re
import types
import typing
from typing import Any, Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate
from twoplustwo._json import DOCUMENT_DEFAULTS, FORMAT, MODEL_CLASSES, get_converter
from twoplustwo._model import Dataset
from twoplustwo._policies import kind_of
from twoplustwo._validators import Schema, Validator, whole
from twoplustwo.exceptions import UnknownId

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The "$schema" of every schema: JSON Schema Draft 2020-12."""

ID_BASE: Final = f"https://twoplustwo.invalid/schema/{FORMAT}/"
"""Where the "$id" of each schema starts; the class name and ".json" follow."""

_MONTH: Final = "(?:0[1-9]|1[0-2])"
_DAY_OF_MONTH: Final = "(?:0[1-9]|[12][0-9]|3[01])"
_YEAR: Final = "(?:19[0-9]{2}|2[01][0-9]{2})"  # 1900-2199, the years of the model
_EDTF_UNIT: Final = f"{_YEAR}(?:-{_MONTH}(?:-{_DAY_OF_MONTH})?)?"
_NO_RULE: Final = Validator()

_PLAIN: Final[dict[object, Schema]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    pendulum.Date: {
        "type": "string",
        "pattern": whole(f"{_YEAR}-{_MONTH}-{_DAY_OF_MONTH}"),
        "$comment": "A day from 1900-01-01 to 2199-12-31, the days of the model.",
    },
}
_AS_STRING: Final[dict[type, Schema]] = {
    FuzzyDate: {
        "type": "string",
        "pattern": whole(f"{_EDTF_UNIT}(?:/{_EDTF_UNIT})?"),
        "$comment": "Years 1900-2199 only: the dates of the model lie in those three centuries.",
    },
}
"""Model classes that travel as strings rather than objects."""

_BY_NAME: Final = {cls.__name__: cls for cls in MODEL_CLASSES}

_SECTION: Final = re.compile(r"^Attributes:\n((?: {4}.*(?:\n|$))+)", re.MULTILINE)
_ENTRY: Final = re.compile(r"^ {4}([A-Za-z_][A-Za-z0-9_]*): (.*(?:\n {5,}.*)*)", re.MULTILINE)


def json_schema(cls: type[Any] = Dataset) -> dict[str, Any]:
    """
    Return the JSON Schema (Draft 2020-12) of the JSON documents of ``cls``.

    The schema is generated from the model classes. It has a ``$defs`` entry for every
    class a ``cls`` document can contain, and ``cls``'s own entry as its root. Every
    document ``dumps`` writes is valid against it; every document it rejects, ``loads``
    rejects too. Each call returns a new dict, equal to that of every other call.

    Args:
        cls: A public model class, such as ``Mechanism``; by default ``Dataset``.

    Returns:
        The schema, as a JSON object ready for ``json.dumps``.

    Raises:
        UnknownId: ``cls`` is not a public model class.
    """
    if cls not in MODEL_CLASSES:
        name = getattr(cls, "__name__", repr(cls))
        raise UnknownId("model class", name, tuple(sorted(_BY_NAME)))
    return copy.deepcopy(_schema(cls.__name__))


@functools.cache
def _schema(name: str) -> Schema:
    """
    Build the schema of the model class called ``name`` once; callers get deep copies of it.
    """
    cls = _BY_NAME[name]
    defs: dict[str, Schema] = {}
    reference = _type_schema(cls, _NO_RULE, defs)
    return {
        "$schema": DIALECT,
        "$id": f"{ID_BASE}{cls.__name__}.json",
        "title": f"twoplustwo {cls.__name__}",
        "description": defs[cls.__name__]["description"],
        **reference,
        "$defs": dict(sorted(defs.items())),
    }


def _docs(cls: type[Any]) -> tuple[str, dict[str, str]]:
    """
    Return the summary line of a class's docstring and its ``Attributes:`` entries.

    Double backquotes become single ones, and continuation lines join their entry.
    """
    text = inspect.cleandoc(cls.__doc__ or "").replace("``", "`")
    section = _SECTION.search(text)
    entries = _ENTRY.findall(section[1] if section else "")
    return text.partition("\n")[0], {name: " ".join(doc.split()) for name, doc in entries}


def _type_schema(tp: Any, rule: Validator, defs: dict[str, Schema]) -> Schema:
    """
    Return the schema of a value of type ``tp``, adding the classes it refers to to ``defs``.

    Raises:
        TypeError: The JSON form of ``tp`` is not one the converter writes.
    """
    if tp in _PLAIN:
        return {**_PLAIN[tp], **rule.schema()}
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0], rule, defs)}
        items = [_type_schema(arg, rule, defs) for arg in args]
        return {
            "type": "array",
            "prefixItems": items,
            "minItems": len(items),
            "maxItems": len(items),
        }
    if origin is types.UnionType:
        return _union_schema(args, rule, defs)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [member.value for member in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            _define(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"the converter writes no JSON form of {tp!r} that a schema could describe")


def _union_schema(args: tuple[Any, ...], rule: Validator, defs: dict[str, Schema]) -> Schema:
    """
    Return the schema of a union: ``X | None``, or the tagged rotation classes.

    Raises:
        TypeError: The union has members other than None that are not tagged by "kind".
    """
    members = [arg for arg in args if arg is not types.NoneType]
    if len(members) == 1:
        schema = _type_schema(members[0], rule, defs)
    elif all(kind_of(member) is not None for member in members):
        # Each member requires its own "kind", so exactly one of them can match.
        schema = {"oneOf": [_type_schema(member, rule, defs) for member in members]}
    else:
        raise TypeError(f"a union of {members!r} is not tagged, so no schema can tell them apart")
    return {"anyOf": [schema, {"type": "null"}]} if len(members) < len(args) else schema


def _tags(cls: type[Any]) -> Schema:
    """
    Return the properties the converter adds to the attributes of ``cls``, if any.
    """
    if cls is Dataset:
        return {"format": {"description": f"The document format: {FORMAT}.", "const": FORMAT}}
    kind = kind_of(cls)
    if kind is not None:
        return {"kind": {"description": f"The kind of rotation: {kind}.", "const": kind}}
    return {}


def _define(cls: type[Any], defs: dict[str, Schema]) -> None:
    """
    Add the schema of the attrs class ``cls`` to ``defs``, and those of the classes it uses.

    Raises:
        TypeError: An attribute has no entry in the class docstring, the docstring describes
            an attribute the class does not have, or a type the converter writes in no form a
            schema could describe.
    """
    summary, attribute_docs = _docs(cls)
    stray = sorted(set(attribute_docs) - {field.name for field in attrs.fields(cls)})
    if stray:
        raise TypeError(f"{cls.__name__}'s docstring describes no attribute {', '.join(stray)}")
    definition: Schema = {"title": cls.__name__, "description": summary}
    defs[cls.__name__] = definition
    if cls in _AS_STRING:
        definition.update(_AS_STRING[cls])
        return
    properties = _tags(cls)
    required = list(properties)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name not in attribute_docs:
            raise TypeError(f"{cls.__name__}.{field.name} is missing from its docstring")
        rule = field.validator if isinstance(field.validator, Validator) else _NO_RULE
        schema = {
            "description": attribute_docs[field.name],
            **_type_schema(hints[field.name], rule, defs),
            **rule.array_schema(),
        }
        if field.default is attrs.NOTHING:
            required.append(field.name)
        elif field.name in DOCUMENT_DEFAULTS.get(cls, {}):
            schema["default"] = DOCUMENT_DEFAULTS[cls][field.name]
        else:
            written = get_converter().unstructure(field.default, unstructure_as=hints[field.name])
            schema["default"] = json.loads(json.dumps(written))
        properties[field.name] = schema
    definition.update(
        type="object", properties=properties, required=required, additionalProperties=False
    )
