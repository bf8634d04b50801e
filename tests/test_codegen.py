"""
The generated readers and writers agree with the detailed converter and with the classes.

``loads`` trusts a reader's answer when it has one, so a reader must accept exactly what
the converter and the classes' validators accept, and build the same objects; ``dumps``
writes what the writers return, so they must follow the converter's rules.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twoplustwo as tpt
from strategies import every_model_object, fuzzed_documents
from twoplustwo import _codegen, _json

READERS, WRITERS = _json._compiled()

# Large documents: slow to draw, and big. The profile's own suppressions stay (the
# mutation profile needs its own), as explicit settings would otherwise replace them.
LARGE = settings(
    suppress_health_check=[
        *settings().suppress_health_check,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ]
)
SEED = tpt.load_seed()


def shape(value: Any) -> Any:
    """
    Return a value's exact types and contents, all the way down.
    """
    if attrs.has(type(value)):
        return (
            type(value),
            tuple(shape(getattr(value, f.name)) for f in attrs.fields(type(value))),
        )
    if isinstance(value, tuple):
        return (tuple, tuple(shape(item) for item in value))
    return (type(value), value)


def outcome(read: Any, value: Any) -> Any:
    """
    Return the shape of what ``read(value)`` returns, or None if it raises.
    """
    try:
        return shape(read(value))
    except Exception:  # noqa: BLE001 - any failure counts as a refusal here
        return None


def agree(cls: type[Any], value: Any) -> None:
    fast = outcome(READERS[cls], value)
    slow = outcome(lambda v: tpt.converter.structure(v, cls), value)
    assert fast == slow


def reference(value: Any) -> Any:
    """
    The JSON value of a model object by the converter's rules, written out the long way.
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tpt.FuzzyDate):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [reference(item) for item in value]
    if attrs.has(type(value)):
        tags: dict[type, tuple[str, str]] = {c: ("kind", k) for k, c in _json.KINDS.items()}
        tags[tpt.Dataset] = ("format", tpt.FORMAT)
        written: dict[str, Any] = dict([tags[type(value)]]) if type(value) in tags else {}
        for field in attrs.fields(type(value)):
            written[field.name] = reference(getattr(value, field.name))
        return written
    return value


class TestReaders:
    """A reader accepts what the converter accepts and builds the same object."""

    @LARGE
    @given(st.data())
    def test_the_fuzzed_seed(self, data: st.DataObject) -> None:
        agree(tpt.Dataset, json.loads(data.draw(fuzzed_documents(json.loads(tpt.dumps(SEED))))))

    @LARGE
    @given(every_model_object(), st.data())
    def test_any_object_fuzzed(self, obj: Any, data: st.DataObject) -> None:
        if type(obj) is tpt.FuzzyDate:
            return  # read by FuzzyDate.parse, not by a generated reader
        agree(type(obj), json.loads(data.draw(fuzzed_documents(json.loads(tpt.dumps(obj))))))

    @given(every_model_object())
    def test_any_object_as_written(self, obj: Any) -> None:
        if type(obj) is not tpt.FuzzyDate:
            assert shape(obj) == shape(READERS[type(obj)](json.loads(tpt.dumps(obj))))

    @pytest.mark.parametrize(
        "value",
        [
            {"name": " Delhi", "country": "IN", "timezone": "Asia/Kolkata"},
            {"name": "Delhi", "country": "XX", "timezone": "Asia/Kolkata"},
            {"name": "Delhi", "country": "IN", "timezone": "EST"},
            {"name": "Del\ud800hi", "country": "IN", "timezone": "Asia/Kolkata"},
            {"name": "Delhi", "country": "IN"},
            {"name": "Delhi", "country": "IN", "timezone": "Asia/Kolkata", "x": 1},
            ["Delhi"],
        ],
    )
    def test_a_bad_city_is_refused_by_both(self, value: Any) -> None:
        with pytest.raises(Exception):  # noqa: B017, PT011 - a reader may raise anything
            READERS[tpt.City](value)
        agree(tpt.City, value)

    def test_an_enum_value_must_be_a_string(self) -> None:
        class LooksHeld(str):
            __slots__ = ()

        with pytest.raises(Exception):  # noqa: B017, PT011 - a reader may raise anything
            READERS[tpt.Round]({"ordinal": 1, "status": LooksHeld("held"), "date": "2018"})

    def test_a_rotation_is_read_by_its_kind(self) -> None:
        rotation = READERS[tpt.Rotation]({"kind": "cycle", "hosts": ["IN", "US"]})
        assert tpt.Cycle(("IN", "US")) == rotation


class TestWriters:
    """A writer follows the converter's rules, key order included."""

    @given(every_model_object())
    def test_any_object(self, obj: Any) -> None:
        if type(obj) is not tpt.FuzzyDate:
            written = WRITERS[type(obj)](obj)
            assert json.dumps(reference(obj)) == json.dumps(written)

    def test_the_converter_writes_with_them(self) -> None:
        assert reference(SEED) == tpt.converter.unstructure(SEED)


@attrs.frozen
class Mixed:
    pair: tuple[str, int]


@attrs.frozen
class Table:
    table: dict[str, int]


@attrs.frozen
class Made:
    items: tuple[str, ...] = attrs.field(factory=tuple)


@attrs.frozen
class Converted:
    count: int = attrs.field(converter=int)


@attrs.define(slots=False)
class Unslotted:
    name: str


@attrs.frozen
class Prepared:
    name: str

    def __attrs_pre_init__(self) -> None:
        pass


class TestUnsupported:
    """A field the generator has no code for is an error when it builds, not a slow path."""

    @pytest.mark.parametrize(
        ("cls", "message"),
        [
            (Mixed, "only tuple"),
            (Table, "no reader for dict"),
            (Made, "Made.items is not a plain field"),
            (Converted, "Converted.count is not a plain field"),
            (Unslotted, "Unslotted.name is not a slot"),
            (Prepared, "Prepared has __attrs_pre_init__"),
        ],
    )
    def test_build_refuses(self, cls: type, message: str) -> None:
        with pytest.raises(_codegen.Unsupported, match=message):
            _codegen.build((cls,), {}, {}, _json._read_day, {})

    def test_no_writer_for_a_mapping(self) -> None:
        generator = _codegen._Generator({}, {}, _json._read_day, {})
        with pytest.raises(_codegen.Unsupported, match="no writer for dict"):
            generator.writer(Table)


def test_the_dates_table_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_codegen, "_MOST_DATES", 2)
    dates: dict[str, tpt.FuzzyDate] = {}
    for text in ("2018", "2019", "2020"):
        assert tpt.FuzzyDate.parse(text) == _codegen._read_date(dates, text)
    assert ["2020"] == list(dates)
