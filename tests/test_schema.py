"""
Tests for the JSON Schema: it accepts what dumps writes and rejects only what loads rejects.
"""

from __future__ import annotations

import copy
import functools
import inspect
import json
import re
import runpy
import sys
import typing
from pathlib import Path
from typing import Any, Final

import attrs
import jsonschema  # type: ignore[import-untyped] # jsonschema ships no type hints
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import mechanism
from strategies import (
    JsonPath,
    every_model_object,
    examples,
    for_class,
    json_edits,
    json_places,
    json_set,
    near_miss_edits,
    schema_documents,
)
from twoplustwo import _schema, _validators

ROOT: Final = Path(__file__).parent.parent
PUBLISHED: Final = ROOT / "docs" / "schema" / "dataset.schema.json"
SCRIPT: Final = ROOT / "scripts" / "write_schema.py"

PUBLIC_MODEL_CLASSES: Final = tpt.MODEL_CLASSES
"""Every attrs class twoplustwo exports: the classes json_schema describes."""
SMALL_CLASSES: Final = (
    tpt.Alternating,
    tpt.City,
    tpt.Country,
    tpt.Cycle,
    tpt.FixedVenue,
    tpt.FuzzyDate,
    tpt.Grouping,
    tpt.Minister,
    tpt.Source,
)
"""The classes whose documents are quick to generate from their schema."""
CONSTRAINTS: Final = (
    "additionalProperties",
    "const",
    "enum",
    "minItems",
    "minLength",
    "minimum",
    "pattern",
    "required",
    "uniqueItems",
)
"""The keywords that restrict the values of the small classes and Round; a relaxed schema
lacks one of them. (maximum and maxItems appear only in Mechanism, whose random documents
loads rejects for other reasons; the near misses test them.)"""
SLOW: Final = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
"""Generating whole documents takes a while, and some are filtered out."""

_EMPTY_DOC: Final = tpt.Dataset(as_of=pendulum.Date(1900, 1, 1), mechanisms=())
_US: Final = tpt.Country(
    code="US",
    name="United States",
    capital=tpt.City(name="Washington", country="US", timezone="America/New_York"),
)


@functools.cache
def _validator_of(name: str) -> Any:
    return jsonschema.Draft202012Validator(tpt.json_schema(getattr(tpt, name)))


def _validator(cls: type[Any]) -> Any:
    """
    Return a validator for the schema of ``cls``, built once.
    """
    return _validator_of(cls.__name__)


def _document(obj: object) -> Any:
    return json.loads(tpt.dumps(obj))


def _definition(cls: type[Any]) -> dict[str, Any]:
    definition: dict[str, Any] = tpt.json_schema(cls)["$defs"][cls.__name__]
    return definition


def _assert_loads_rejects_what_the_schema_rejects(cls: type[Any], document: Any) -> bool:
    """
    Assert that loads rejects ``document`` if the schema does; return whether the schema does.
    """
    if _validator(cls).is_valid(document):
        return False
    with pytest.raises(tpt.DecodeError):
        tpt.loads(json.dumps(document), cls)
    return True


def _assert_decodes_to_valid_or_is_rejected(cls: type[Any], document: Any) -> None:
    """
    Assert that loads gives a ``cls`` whose document is valid, or raises DecodeError.
    """
    try:
        result = tpt.loads(json.dumps(document), cls)
    except tpt.DecodeError:
        return
    assert cls is type(result)
    _validator(cls).validate(_document(result))


def _json_get(document: Any, place: JsonPath) -> Any:
    for step in place:
        document = document[step]
    return document


def _using(keyword: str, classes: tuple[type[Any], ...]) -> list[type[Any]]:
    """
    Return the classes whose schema uses ``keyword``.
    """
    return [
        cls
        for cls in classes
        if any(
            isinstance(part, dict) and keyword in part
            for _, part in json_places(tpt.json_schema(cls))
        )
    ]


def _relaxed(schema: Any, keyword: str) -> Any:
    """
    Return a copy of a schema without ``keyword`` anywhere in it.
    """
    if isinstance(schema, list):
        return [_relaxed(item, keyword) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: (
            {name: _relaxed(value, keyword) for name, value in value.items()}
            if key in {"properties", "$defs"}
            else _relaxed(value, keyword)
        )
        for key, value in schema.items()
        if key != keyword
    }


def _value_attributes() -> set[str]:
    """
    Name the attributes of type str or int, or tuples or optionals of them, as "Class.name".
    """
    found = set()
    for cls in PUBLIC_MODEL_CLASSES:
        if cls is tpt.FuzzyDate:
            continue
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            hint = hints[field.name]
            if {str, int, float} & {hint, *typing.get_args(hint)}:
                found.add(f"{cls.__name__}.{field.name}")
    return found


class TestWhatDumpsWrites:
    """
    Every document dumps writes is valid against the schema of its class.
    """

    @given(every_model_object())
    def test_every_document_dumps_writes_is_valid(self, obj: Any) -> None:
        _validator(type(obj)).validate(_document(obj))

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=lambda cls: cls.__name__)
    @settings(max_examples=examples(10))
    @given(data=st.data())
    def test_the_documents_of_each_class_are_valid(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        _validator(cls).validate(_document(data.draw(for_class(cls))))

    def test_the_embedded_dataset_is_valid(self) -> None:
        _validator(tpt.Dataset).validate(_document(tpt.load_seed()))

    @pytest.mark.parametrize(
        "obj",
        [
            tpt.City(name="a\tb\u3000c d", country="JP", timezone="Asia/Tokyo"),
            tpt.Uncertainty(fact=tpt.Fact.DATE, note="a\tb\n\nc\u200fd"),
            tpt.City(name="X\ufeffY\u200bZ", country="JP", timezone="Asia/Tokyo"),
            tpt.Source(title="x", published=tpt.FuzzyDate.year(1900)),
            tpt.FuzzyDate.between(pendulum.Date(1900, 1, 1), pendulum.Date(2199, 12, 31)),
            _EMPTY_DOC,
            attrs.evolve(_EMPTY_DOC, as_of=pendulum.Date(2199, 12, 31)),
            tpt.BacktestRow(ordinal=1, predicted=_US, actual=_US, hit=True),
            tpt.Forecast(
                mechanism="x",
                ordinal=1,
                host=_US,
                venue=_US.capital,
                window=tpt.FuzzyDate.month(2022, 2),
                basis=tpt.Basis.ROTATION,
                overdue=False,
                as_of=pendulum.Date(2022, 1, 1),
                reasons=(),
            ),
        ],
        ids=lambda obj: type(obj).__name__,
    )
    def test_an_edge_the_model_allows_is_valid(self, obj: object) -> None:
        _validator(type(obj)).validate(_document(obj))

    @given(every_model_object())
    def test_a_default_in_the_schema_is_what_a_document_without_the_key_reads_as(
        self, obj: Any
    ) -> None:
        cls = type(obj)
        properties = _definition(cls).get("properties", {})
        for field in attrs.fields(cls):
            if field.default is attrs.NOTHING:
                continue
            whole = _document(obj)
            document = {**whole, field.name: properties[field.name]["default"]}
            without = {k: v for k, v in whole.items() if k != field.name}
            try:
                expected = tpt.loads(json.dumps(without), cls)
            except tpt.DecodeError:  # the default breaks a rule across fields: abroad, say
                with pytest.raises(tpt.DecodeError):
                    tpt.loads(json.dumps(document), cls)
                continue
            assert expected == tpt.loads(json.dumps(document), cls)

    def test_a_mechanism_without_a_cadence_reads_as_the_12_month_rule(self) -> None:
        document = _document(mechanism())
        del document["cadence_months"]
        assert 12 == tpt.loads(json.dumps(document), tpt.Mechanism).cadence_months
        assert mechanism().cadence_months is None


class TestWhatTheSchemaRejects:
    """
    Every document the schema rejects, loads rejects too.
    """

    @given(every_model_object(), st.data())
    def test_a_changed_document_the_schema_rejects_is_rejected(
        self, obj: Any, data: st.DataObject
    ) -> None:
        _, document = data.draw(json_edits(_document(obj)))
        _assert_loads_rejects_what_the_schema_rejects(type(obj), document)

    @given(every_model_object(), st.data())
    def test_a_near_miss_the_schema_rejects_is_rejected(
        self, obj: Any, data: st.DataObject
    ) -> None:
        _, document = data.draw(near_miss_edits(_document(obj)))
        _assert_loads_rejects_what_the_schema_rejects(type(obj), document)

    @given(every_model_object())
    def test_any_integer_the_schema_rejects_in_place_of_one_is_rejected(self, obj: Any) -> None:
        document = _document(obj)
        places = [(place, old) for place, old in json_places(document) if type(old) is int]
        for place, old in places[:12]:  # a dozen places a document keep the run short
            if type(old) is int:
                for new in (-(2**63), -1, 0, old - 1, old + 1, 121, 2**63):
                    changed = json_set(document, place, new)
                    _assert_loads_rejects_what_the_schema_rejects(type(obj), changed)

    @given(every_model_object(), st.data())
    def test_an_unknown_key_anywhere_is_rejected_by_both(
        self, obj: Any, data: st.DataObject
    ) -> None:
        document = _document(obj)
        objects = [place for place, value in json_places(document) if isinstance(value, dict)]
        if not objects:  # a FuzzyDate is a string
            return
        place = data.draw(st.sampled_from(objects))
        old = _json_get(document, place)
        key = data.draw(st.text(max_size=6).filter(lambda k: k not in old))
        changed = json_set(document, place, {**old, key: 0})
        assert _assert_loads_rejects_what_the_schema_rejects(type(obj), changed)

    @given(every_model_object(), st.data())
    def test_a_missing_required_key_is_rejected_by_both(
        self, obj: Any, data: st.DataObject
    ) -> None:
        required = _definition(type(obj)).get("required", [])
        if not required:  # a FuzzyDate is a string
            return
        key = data.draw(st.sampled_from(required))
        document = {k: v for k, v in _document(obj).items() if k != key}
        assert _assert_loads_rejects_what_the_schema_rejects(type(obj), document)

    @pytest.mark.parametrize("keyword", CONSTRAINTS)
    @settings(SLOW, max_examples=examples(40))
    @given(data=st.data())
    def test_a_document_of_a_relaxed_schema_that_the_schema_rejects_is_rejected(
        self, keyword: str, data: st.DataObject
    ) -> None:
        cls = data.draw(st.sampled_from(_using(keyword, (*SMALL_CLASSES, tpt.Round))))
        document = data.draw(schema_documents(_relaxed(tpt.json_schema(cls), keyword)))
        _assert_loads_rejects_what_the_schema_rejects(cls, document)


class TestGeneratedDocuments:
    """
    A document generated from a schema is valid, and loads decodes it or raises DecodeError.
    """

    @pytest.mark.parametrize("cls", SMALL_CLASSES, ids=lambda cls: cls.__name__)
    @settings(SLOW, max_examples=examples(30))
    @given(data=st.data())
    def test_a_document_of_a_small_class_decodes_to_a_valid_one_or_is_rejected(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        document = data.draw(schema_documents(tpt.json_schema(cls)))
        _validator(cls).validate(document)
        _assert_decodes_to_valid_or_is_rejected(cls, document)

    @pytest.mark.parametrize(
        "cls",
        [tpt.Round, tpt.Mechanism, tpt.SanctionRisk, tpt.Forecast, tpt.BacktestRow, tpt.Dataset],
        ids=lambda cls: cls.__name__,
    )
    @settings(SLOW, max_examples=examples(10))
    @given(data=st.data())
    def test_a_document_of_a_big_class_decodes_to_a_valid_one_or_is_rejected(
        self, cls: type[Any], data: st.DataObject
    ) -> None:
        document = data.draw(schema_documents(tpt.json_schema(cls)))
        _validator(cls).validate(document)
        _assert_decodes_to_valid_or_is_rejected(cls, document)


class TestTheSchema:
    """
    The schema's shape: its root, its definitions and the keywords of every property.
    """

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_it_is_a_draft_2020_12_schema_whose_root_is_the_class(self, cls: type[Any]) -> None:
        schema = tpt.json_schema(cls)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "https://json-schema.org/draft/2020-12/schema" == schema["$schema"]
        expected_id = f"https://twoplustwo.invalid/schema/twoplustwo/2/{cls.__name__}.json"
        assert expected_id == schema["$id"]
        assert f"twoplustwo {cls.__name__}" == schema["title"]
        assert f"#/$defs/{cls.__name__}" == schema["$ref"]
        assert schema["description"] == _definition(cls)["description"]

    @pytest.mark.parametrize(
        ("cls", "names"),
        [
            (tpt.City, {"City"}),
            (tpt.FuzzyDate, {"FuzzyDate"}),
            (tpt.Cycle, {"Cycle"}),
            (tpt.BacktestRow, {"BacktestRow", "Country", "City"}),
            (tpt.Forecast, {"Forecast", "Country", "City", "FuzzyDate"}),
            (
                tpt.Round,
                {
                    "Round",
                    "City",
                    "Minister",
                    "FuzzyDate",
                    "Source",
                    "Plan",
                    "Uncertainty",
                    "Announcement",
                },
            ),
            (
                tpt.Dataset,
                {c.__name__ for c in PUBLIC_MODEL_CLASSES}
                - {"Forecast", "BacktestRow", "Proposal"},
            ),
        ],
        ids=lambda value: value.__name__ if isinstance(value, type) else "",
    )
    def test_it_defines_the_classes_a_document_can_contain(
        self, cls: type[Any], names: set[str]
    ) -> None:
        defs = tpt.json_schema(cls)["$defs"]
        assert names == set(defs)
        assert sorted(defs) == list(defs)

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_an_object_has_the_attributes_and_requires_those_without_defaults(
        self, cls: type[Any]
    ) -> None:
        definition = _definition(cls)
        if cls is tpt.FuzzyDate:
            assert "string" == definition["type"]
            return
        tag = ["format"] if cls is tpt.Dataset else []
        tag += ["kind"] if cls in (tpt.Alternating, tpt.FixedVenue, tpt.Cycle, tpt.Learned) else []
        fields = attrs.fields(cls)
        assert "object" == definition["type"]
        assert definition["additionalProperties"] is False
        assert [*tag, *(f.name for f in fields)] == list(definition["properties"])
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        assert [*tag, *required] == definition["required"]

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_the_docstring_describes_the_class_and_each_attribute(self, cls: type[Any]) -> None:
        doc = (inspect.getdoc(cls) or "").replace("``", "`")
        definition = _definition(cls)
        assert doc.partition("\n")[0] == definition["description"]
        for name, value in definition.get("properties", {}).items():
            assert value["description"], name
            if name not in {"format", "kind"}:
                assert f"{name}: {value['description']}" in " ".join(doc.split())

    def test_a_rotation_is_one_of_four_objects_each_requiring_its_kind(self) -> None:
        schema = tpt.json_schema(tpt.Mechanism)
        rotation = schema["$defs"]["Mechanism"]["properties"]["rotation"]
        refs = ["#/$defs/Alternating", "#/$defs/FixedVenue", "#/$defs/Cycle", "#/$defs/Learned"]
        assert refs == [branch["$ref"] for branch in rotation["oneOf"]]
        for kind, name in [("alternating", "Alternating"), ("learned", "Learned")]:
            definition = schema["$defs"][name]
            assert kind == definition["properties"]["kind"]["const"]
            assert "kind" in definition["required"]

    def test_a_dataset_requires_its_format(self) -> None:
        definition = _definition(tpt.Dataset)
        assert "twoplustwo/2" == definition["properties"]["format"]["const"]
        assert ["format", "as_of", "mechanisms"] == definition["required"]

    @pytest.mark.parametrize(
        ("cls", "name", "expected"),
        [
            (tpt.Round, "ordinal", {"type": "integer", "minimum": 1, "maximum": 9999}),
            (tpt.BacktestRow, "ordinal", {"type": "integer", "minimum": 1, "maximum": 9999}),
            (tpt.BacktestRow, "hit", {"type": "boolean"}),
            (tpt.Forecast, "mechanism", {"type": "string", **_validators.SLUG.schema()}),
            (
                tpt.Forecast,
                "reasons",
                {"type": "array", "items": {"type": "string", **_validators.TEXT.schema()}},
            ),
            (tpt.Round, "date", {"$ref": "#/$defs/FuzzyDate"}),
            (tpt.Minister, "portfolio", {"enum": ["foreign", "defence"]}),
            (tpt.Round, "status", {"enum": ["held", "scheduled", "proposed", "postponed"]}),
            (tpt.City, "country", {"type": "string", "pattern": "^(?:[A-Z]{2})$(?!\\n)"}),
            (
                tpt.Grouping,
                "id",
                {"type": "string", "pattern": "^(?:[a-z0-9]+(?:-[a-z0-9]+)*)$(?!\\n)"},
            ),
            (
                tpt.Mechanism,
                "cadence_months",
                {
                    "anyOf": [{"type": "integer", "minimum": 1, "maximum": 120}, {"type": "null"}],
                    "default": 12,
                },
            ),
            (
                tpt.Round,
                "venue",
                {"anyOf": [{"$ref": "#/$defs/City"}, {"type": "null"}], "default": None},
            ),
            (
                tpt.Mechanism,
                "parties",
                {
                    "type": "array",
                    "prefixItems": [{"$ref": "#/$defs/Country"}, {"$ref": "#/$defs/Country"}],
                    "minItems": 2,
                    "maxItems": 2,
                },
            ),
            (
                tpt.Cycle,
                "hosts",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^(?:[A-Z]{2})$(?!\\n)"},
                    "minItems": 1,
                },
            ),
            (
                tpt.Grouping,
                "members",
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": "^(?:[A-Z]{2})$(?!\\n)"},
                    "minItems": 2,
                    "uniqueItems": True,
                },
            ),
            (
                tpt.Mechanism,
                "portfolios",
                {
                    "type": "array",
                    "items": {"enum": ["foreign", "defence"]},
                    "minItems": 1,
                    "uniqueItems": True,
                    "default": ["foreign", "defence"],
                },
            ),
            (
                tpt.Source,
                "dateline",
                {
                    "anyOf": [{"type": "string", **_validators.TEXT.schema()}, {"type": "null"}],
                    "default": None,
                },
            ),
        ],
        ids=lambda value: value.__name__ if isinstance(value, type) else "",
    )
    def test_a_property_says_the_type_and_what_the_model_checks(
        self, cls: type[Any], name: str, expected: dict[str, Any]
    ) -> None:
        found = dict(_definition(cls)["properties"][name])
        del found["description"]
        assert expected == found

    @pytest.mark.parametrize(
        ("pattern", "good", "bad"),
        [
            (
                _definition(tpt.FuzzyDate)["pattern"],
                ["2018", "1900", "2199-12", "2018-09-06", "2018-09/2019", "2022-01-15/2022-01-21"],
                [
                    *("18", "2018-9", "2018-13", "2018-00", "2018-09-32", "2018/", "2018-09-06T00"),
                    *("0001", "1899-12-31", "2200", "2018/2200", "9999"),
                ],
            ),
            (
                _definition(tpt.Dataset)["properties"]["as_of"]["pattern"],
                ["2021-12-24", "1900-01-01", "2199-12-31"],
                [
                    *("2021", "2021-12", "2021-1-24", "2021-12-00", "2021-12-24/2021-12-25"),
                    *("0001-01-01", "1899-12-31", "2200-01-01", "9999-12-31"),
                ],
            ),
            (
                _validators.TEXT.schema()["pattern"],
                ["x", "New Delhi", "a\tb", "a\u200bb", "a\ufeffb", "東京"],
                ["", " ", " x", "x ", "\tx", "x\u3000", "\u00a0x", "x\x85", "\ufeffa", "a\u200b"],
            ),
            (
                _validators.ZONE.schema()["pattern"],
                ["UTC", "Asia/Kolkata"],
                ["", "EST", "Asia", "a b/c"],
            ),
            (_validators.CODE.schema()["pattern"], ["IN", "US"], ["", "in", "IND", "I N"]),
        ],
        ids=["fuzzy date", "day", "text", "zone", "code"],
    )
    def test_a_pattern_accepts_the_good_and_rejects_the_bad(
        self, pattern: str, good: list[str], bad: list[str]
    ) -> None:
        # re.search, as jsonschema does: its $ also matches before a last newline
        assert all(re.search(pattern, text) for text in good)
        assert not any(re.search(pattern, text) for text in [*bad, *(f"{g}\n" for g in good)])

    # Every space and refused character lies at or below U+3000, and so do the invisible
    # ones but the byte order mark, asked for by name: the heavy step asks all of Unicode.
    @pytest.mark.parametrize(
        "last", [0x3000, pytest.param(sys.maxunicode, marks=pytest.mark.heavy)]
    )
    def test_text_may_not_start_or_end_with_what_strip_removes_or_shows_as_nothing(
        self, last: int
    ) -> None:
        pattern = re.compile(_validators.TEXT.schema()["pattern"])
        every = {*map(chr, range(last + 1)), *_validators.INVISIBLE}
        for edged in ("{}x", "x{}"):
            # fullmatch: Python's $ also matches before a last newline, a JSON Schema's does not
            rejected = {c for c in every if not pattern.fullmatch(edged.format(c))}
            refused = {c for c in every if c.isspace() or c in _validators.INVISIBLE or _refused(c)}
            assert refused == rejected
            surrogates = {c for c in every if "\ud800" <= c <= "\udfff"}  # refused anywhere
            assert refused | surrogates == {c for c in every if not _accepted(edged.format(c))}

    @pytest.mark.parametrize("rule", [_validators.TEXT, _validators.NOTE], ids=["text", "note"])
    def test_text_holds_no_control_character_inside(self, rule: _validators.Text) -> None:
        pattern = re.compile(rule.schema()["pattern"])
        rejected = {c for c in map(chr, range(0x3000)) if not pattern.search(f"x{c}x")}
        newline = set() if rule.lines else {"\n"}
        assert {c for c in map(chr, range(0x3000)) if _refused(c)} | newline == rejected

    def test_every_text_or_integer_attribute_has_a_rule_unless_the_model_checks_nothing(
        self,
    ) -> None:
        ruled = {
            f"{cls.__name__}.{field.name}"
            for cls in PUBLIC_MODEL_CLASSES
            for field in attrs.fields(cls)
            if isinstance(field.validator, _validators.Validator)
            and (field.validator.schema() or field.validator.array_schema())
        }
        assert set() == _value_attributes() - ruled
        # rules on arrays, and the (code, chance) pairs, whose chances have a range
        assert {"Mechanism.portfolios", "Forecast.chances"} == ruled - _value_attributes()

    def test_it_uses_no_shorthand_character_class_but_the_catch_all(self) -> None:
        patterns = [
            value["pattern"]
            for _, value in json_places(tpt.json_schema())
            if isinstance(value, dict) and "pattern" in value
        ]
        assert len(patterns) > 10
        assert not any(re.search(r"\\[dDwWsS]", p.replace(r"[\s\S]", "")) for p in patterns)


def _accepted(text: str) -> bool:
    """
    Whether the model's rule for names and titles accepts ``text``.
    """
    try:
        _validators.TEXT.check(text)
    except _validators.Invalid:
        return False
    return True


def _refused(c: str) -> bool:
    """
    Whether no text may hold ``c``: a C0 control but tab and newline, DEL, C1, a bidi control.
    """
    return (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in _BIDI


_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


class TestTheCall:
    """
    json_schema is deterministic, hands out copies, and refuses what is not a model class.
    """

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=lambda cls: cls.__name__)
    def test_each_call_gives_an_equal_fresh_schema(self, cls: type[Any]) -> None:
        first = tpt.json_schema(cls)
        pristine = copy.deepcopy(first)
        first["$defs"][cls.__name__]["title"] = "changed"
        first["$defs"].clear()
        second = tpt.json_schema(cls)
        assert pristine == second
        assert json.dumps(pristine) == json.dumps(second)
        assert second is not tpt.json_schema(cls)

    def test_the_default_is_the_dataset(self) -> None:
        assert tpt.json_schema(tpt.Dataset) == tpt.json_schema()

    @pytest.mark.parametrize(
        "cls",
        [int, dict, object, tpt.Rotation, tpt.Portfolio, tpt.Error, pendulum.Date, "Dataset", None],
        ids=repr,
    )
    def test_what_is_not_a_model_class_is_an_unknown_id(self, cls: Any) -> None:
        with pytest.raises(tpt.UnknownId, match=r"^no model class with id ") as info:
            tpt.json_schema(cls)
        assert "Dataset" in info.value.known
        assert tuple(sorted(info.value.known)) == info.value.known

    def test_a_class_that_only_shares_a_models_name_is_an_unknown_id(self) -> None:
        @attrs.frozen
        class City:
            """
            Not the model's City.
            """

        with pytest.raises(tpt.UnknownId):
            tpt.json_schema(City)

    def test_it_is_exported(self) -> None:
        assert "json_schema" in tpt.__all__


class TestTheGenerator:
    """
    The generator refuses what it cannot describe rather than describing it wrongly.
    """

    @pytest.mark.parametrize(
        "tp", [complex, dict[str, int], list[str], typing.Any, tpt.City | tpt.Country], ids=repr
    )
    def test_a_type_without_a_json_form_is_a_type_error(self, tp: Any) -> None:
        with pytest.raises(TypeError, match=r"JSON|tagged"):
            _schema._type_schema(tp, _validators.Validator(), {})

    def test_an_attribute_missing_from_the_docstring_is_a_type_error(self) -> None:
        @attrs.frozen
        class Undocumented:
            """
            A class whose docstring forgets an attribute.

            Attributes:
                kept: Documented.
            """

            kept: int
            forgotten: int

        with pytest.raises(TypeError, match=r"Undocumented\.forgotten is missing"):
            _schema._define(Undocumented, {})

    def test_a_docstring_entry_for_no_attribute_is_a_type_error(self) -> None:
        @attrs.frozen
        class Overdocumented:
            """
            A class whose docstring describes attributes it does not have.

            Attributes:
                kept: Documented.
                status_changes: Not an attribute of this class.
                gone: Nor this.
            """

            kept: int

        with pytest.raises(TypeError, match=r"describes no attribute gone, status_changes$"):
            _schema._define(Overdocumented, {})

    def test_a_long_attribute_entry_is_joined_into_one_line(self) -> None:
        description = _definition(tpt.Alternating)["properties"]["first_host"]["description"]
        expected = (
            "The code of the party that hosts first (and wins ties); None means the first party."
        )
        assert expected == description


class TestThePublishedFile:
    """
    docs/schema/dataset.schema.json is what json_schema gives, and the script writes it.
    """

    def test_the_committed_file_is_the_schema_of_a_dataset(self) -> None:
        expected = json.dumps(tpt.json_schema(), indent=2) + "\n"
        assert expected == PUBLISHED.read_text(encoding="utf-8")

    def test_the_script_writes_the_committed_file(self, tmp_path: Path) -> None:
        target = tmp_path / "nested" / "schema.json"
        runpy.run_path(str(SCRIPT))["main"]([str(target)])
        assert PUBLISHED.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")
