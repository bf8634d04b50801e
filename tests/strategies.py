"""
Strategies only the tests need: date pieces, JSON documents for the decoder's tests, and
documents drawn from a JSON Schema for the schema's tests.

The strategies for model objects are public, in twoplustwo.strategies; they are re-exported
here so that each test module imports its strategies from one place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
from typing import Any, Final

import pendulum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import twoplustwo as tpt
from twoplustwo import _validators
from twoplustwo.strategies import (
    backtest_rows,
    cities,
    countries,
    country_codes,
    datasets,
    days,
    every_model_object,
    for_class,
    forecasts,
    fuzzy_dates,
    groupings,
    mechanisms,
    ministers,
    names,
    parties,
    rotations,
    rounds,
    sanction_risks,
    slugs,
    sources,
)

__all__ = [
    "JsonPath",
    "backtest_rows",
    "calendar_units",
    "cities",
    "common_years",
    "countries",
    "country_codes",
    "datasets",
    "days",
    "every_model_object",
    "examples",
    "for_class",
    "forecasts",
    "fuzzed_documents",
    "fuzzy_dates",
    "groupings",
    "json_edits",
    "json_places",
    "json_scalars",
    "json_set",
    "json_values",
    "mechanisms",
    "ministers",
    "month_shifts",
    "months",
    "names",
    "near_miss_edits",
    "parties",
    "raw_documents",
    "render_json",
    "rotations",
    "rounds",
    "sanction_risks",
    "schema_documents",
    "slugs",
    "sources",
    "whole_month_spans",
    "years",
]


def examples(thorough: int) -> int:
    """
    How many examples a test that draws ``thorough`` under the CI profile draws under the one
    loaded: as many times fewer as the profile's own count is (at least one).
    """
    ci = settings.get_profile("ci").max_examples
    return max(1, thorough * settings().max_examples // ci)


years = st.integers(1900, 2199)
"""Every year of the model."""
months = st.integers(1, 12)
common_years = st.integers(1900, 2100)


@st.composite
def whole_month_spans(
    draw: st.DrawFn, years: st.SearchStrategy[int] = common_years, max_months: int = 36
) -> tpt.FuzzyDate:
    """
    Spans of 1 to ``max_months`` whole calendar months, starting in a year from ``years``.
    """
    first = pendulum.Date(draw(years), draw(months), 1)
    last = first.add(months=draw(st.integers(0, max_months - 1)))
    last_day = calendar.monthrange(last.year, last.month)[1]
    return tpt.FuzzyDate(first, last.replace(day=last_day))


month_shifts = st.integers(-240, 240)
# Single days, whole months and whole years: the FuzzyDates that EDTF names without a slash.
calendar_units = st.one_of(
    days(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(lambda d: tpt.FuzzyDate(d, d)),
    st.builds(tpt.FuzzyDate.month, years, months),
    st.builds(tpt.FuzzyDate.year, years),
)


# JSON documents, for the tests of the decoder.

JsonPath = tuple[str | int, ...]
"""A place in a JSON document: the keys and indexes that lead to it from the top."""

json_scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value, as json.loads returns it."""

raw_documents: st.SearchStrategy[str | bytes] = st.text() | st.binary()
"""Any text or bytes at all, mostly not JSON."""


def json_places(document: Any, place: JsonPath = ()) -> list[tuple[JsonPath, Any]]:
    """
    Every place in a JSON document, the top first, with the value there.
    """
    found = [(place, document)]
    if isinstance(document, dict):
        for key, value in document.items():
            found += json_places(value, (*place, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += json_places(value, (*place, index))
    return found


def json_set(document: Any, place: JsonPath, value: Any) -> Any:
    """
    A copy of a JSON document with ``value`` at ``place``; the document is left as it was.
    """
    if not place:
        return value
    head, rest = place[0], place[1:]
    if isinstance(document, dict):
        return {**document, head: json_set(document[head], rest, value)}
    index = int(head)
    return [*document[:index], json_set(document[index], rest, value), *document[index + 1 :]]


@st.composite
def json_edits(draw: st.DrawFn, document: Any) -> tuple[JsonPath, Any]:
    """
    One change to a JSON document, and the place it was made.

    A value is replaced (often by another value from the same document, so that the types
    fit), an object loses or gains a key, or an array loses an item. The document itself is
    left as it was; the changed copy is returned.
    """
    places = json_places(document)
    place, old = draw(st.sampled_from(places))
    actions = ["replace"]
    if isinstance(old, dict):
        actions += ["add key", "drop key"] if old else ["add key"]
    if isinstance(old, list) and old:
        actions.append("drop item")
    action = draw(st.sampled_from(actions))
    if action == "replace":
        new = draw(json_values | st.sampled_from([value for _, value in places]))
        return place, json_set(document, place, new)
    if action == "add key":
        key = draw(st.text(max_size=8).filter(lambda k: k not in old))
        return (*place, key), json_set(document, place, {**old, key: draw(json_values)})
    if action == "drop key":
        key = draw(st.sampled_from(sorted(old)))
        kept = {k: v for k, v in old.items() if k != key}
        return (*place, key), json_set(document, place, kept)
    index = draw(st.integers(0, len(old) - 1))
    return place, json_set(document, place, [*old[:index], *old[index + 1 :]])


def render_json(value: Any, duplicate: JsonPath | None = None, key_order: int = 0) -> str:
    """
    Write a JSON value as text, as json.dumps would, with two twists for fuzzing.

    The object at ``duplicate`` gets its first key written twice, which json.dumps cannot
    do; ``key_order`` rotates the keys of every object by that many places.
    """

    def write(node: Any, place: JsonPath) -> str:
        if isinstance(node, dict):
            items = list(node.items())
            if items:
                shift = key_order % len(items)
                items = items[shift:] + items[:shift]
            if place == duplicate and items:
                items = [items[0], *items]
            inner = (f"{json.dumps(k)}: {write(v, (*place, k))}" for k, v in items)
            return "{" + ", ".join(inner) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(write(v, (*place, i)) for i, v in enumerate(node)) + "]"
        return json.dumps(node)

    return write(value, ())


@st.composite
def fuzzed_documents(draw: st.DrawFn, document: Any) -> str:
    """
    A valid document changed in one or more ways: keys dropped, added or duplicated, values
    retyped or swapped, array items dropped or reordered, keys reordered.
    """
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["edit", "shuffle array"]))
        if action == "edit":
            _, document = draw(json_edits(document))
            continue
        arrays = [(p, v) for p, v in json_places(document) if isinstance(v, list) and len(v) > 1]
        if arrays:
            place, items = draw(st.sampled_from(arrays))
            document = json_set(document, place, draw(st.permutations(items)))
    objects = [p for p, v in json_places(document) if isinstance(v, dict) and v]
    duplicate = draw(st.none() | st.sampled_from(objects)) if objects else None
    return render_json(document, duplicate=duplicate, key_order=draw(st.integers(0, 5)))


# Documents of a JSON Schema, for the tests of the schema.

_LIKELY: Final[dict[str, st.SearchStrategy[str]]] = {
    _validators.CODE.schema()["pattern"]: country_codes,
    _validators.ZONE.schema()["pattern"]: st.sampled_from(
        ["Asia/Kolkata", "America/New_York", "UTC"]
    ),
}
"""Strings that are real more often than random ones, so that loads accepts more documents."""


@functools.cache
def _leaves(text: str) -> st.SearchStrategy[Any]:
    schema = json.loads(text)
    likely = _LIKELY.get(schema.get("pattern", ""))
    generated = from_schema(schema)
    return generated if likely is None else st.one_of(likely, generated)


def _from_schema(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    """
    Documents of a part of ``root``, from hypothesis_jsonschema.from_schema for its leaves.

    hypothesis-jsonschema 0.23.1 builds objects with a Hypothesis internal (``many.more()``)
    that Hypothesis 6.170 no longer has, so objects, arrays and alternatives are built here.
    Arrays are kept short; an object without "required" may lack any key, one without
    "additionalProperties" gets a few more, and a part that says nothing is any JSON value.
    """
    if "$ref" in schema:
        return _from_schema(root["$defs"][schema["$ref"].removeprefix("#/$defs/")], root)
    if "anyOf" in schema or "oneOf" in schema:
        branches = schema.get("anyOf") or schema["oneOf"]
        return st.one_of([_from_schema(branch, root) for branch in branches])
    if schema.get("type") == "object":
        return _objects(schema, root)
    if schema.get("type") == "array":
        return _arrays(schema, root)
    if not {"type", "const", "enum"} & set(schema):
        return json_values  # from_schema would build objects too
    return _leaves(json.dumps(schema, sort_keys=True))


def _arrays(schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[list[Any]]:
    if "prefixItems" in schema:
        return st.tuples(*(_from_schema(item, root) for item in schema["prefixItems"])).map(list)
    low = schema.get("minItems", 0)
    return st.lists(
        _from_schema(schema["items"], root),
        min_size=low,
        max_size=low + 2,
        unique_by=json.dumps if schema.get("uniqueItems") else None,
    )


@st.composite
def _objects(draw: st.DrawFn, schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schema["properties"]
    required = schema.get("required", [])
    document = {
        name: draw(_from_schema(value, root))
        for name, value in properties.items()
        if name in required or draw(st.booleans())
    }
    if "additionalProperties" not in schema:
        keys = st.text(max_size=6).filter(lambda key: key not in properties)
        document |= draw(st.dictionaries(keys, json_values, max_size=2))
    return document


def schema_documents(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """
    Documents of a whole schema, as json_schema returns it.
    """
    return _from_schema(schema, schema)


def _near_misses(old: Any) -> list[Any]:
    """
    Values close to ``old`` that break the rules of the schema or the model, or both.
    """
    if isinstance(old, str):
        return ["", " ", f" {old}", f"{old} ", f"{old}\n", f"\u3000{old}", old.lower(), f"{old}-"]
    if isinstance(old, bool):
        return [int(old), str(old).lower(), None]
    if isinstance(old, int):
        return [0, -1, old - 1, old + 1, 121, 2**63, float(old), str(old), True]
    if isinstance(old, list):
        return [[], old[:1], old[1:], [*old, *old[:1]], [None], old[0] if old else None]
    if isinstance(old, dict):
        return [{}, [old], dict.fromkeys(old), {key.upper(): v for key, v in old.items()}]
    return ["", 0, False, [], {}]


@st.composite
def near_miss_edits(draw: st.DrawFn, document: Any) -> tuple[JsonPath, Any]:
    """
    A value somewhere in a document replaced by a near miss; the place and the new document.
    """
    place, old = draw(st.sampled_from(json_places(document)))
    return place, json_set(document, place, draw(st.sampled_from(_near_misses(old))))
