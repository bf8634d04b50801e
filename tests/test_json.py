"""
Tests for the JSON layer: round trips, the document format, and strict decoding.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any, Final

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import problem_texts
from strategies import (
    JsonPath,
    every_model_object,
    json_edits,
    json_values,
    raw_documents,
)
from twoplustwo import _validators

SEED_TEXT: Final = (
    resources.files("twoplustwo").joinpath("seeds/india-2021-12-24.json").read_text("utf-8")
)
SEED: Final = tpt.load_seed()
IN_US: Final = SEED.mechanism("in-us")

EXAMPLES: Final[dict[type[Any], Any]] = {
    tpt.Alternating: tpt.Alternating(first_host="US"),
    tpt.Learned: tpt.Learned(),
    tpt.BacktestRow: tpt.BacktestRow(
        ordinal=2, predicted=IN_US.parties[1], actual=IN_US.parties[0], hit=False
    ),
    tpt.City: IN_US.parties[0].capital,
    tpt.Country: IN_US.parties[0],
    tpt.Cycle: tpt.Cycle(hosts=("IN", "US", "US")),
    tpt.Dataset: SEED,
    tpt.FixedVenue: tpt.FixedVenue(venue=IN_US.parties[1].capital),
    tpt.Forecast: tpt.next_round(IN_US, as_of=pendulum.Date(2022, 2, 1)),
    tpt.FuzzyDate: IN_US.rounds[3].date,
    tpt.Grouping: SEED.groupings[0],
    tpt.Mechanism: IN_US,
    tpt.Minister: IN_US.rounds[0].participants[0],
    tpt.Round: IN_US.rounds[0],
    tpt.SanctionRisk: SEED.sanction_risks[0],
    tpt.Source: IN_US.rounds[0].sources[0],
    tpt.Plan: IN_US.rounds[3].slipped_from[0],
    tpt.Uncertainty: tpt.Uncertainty(tpt.Fact.VENUE, "Assumed from the dateline."),
    tpt.Proposal: tpt.Proposal(
        mechanism="in-us",
        parties=("IN", "US"),
        status=tpt.RoundStatus.SCHEDULED,
        ordinal=4,
        date=tpt.FuzzyDate.parse("2022-01-15/2022-01-21"),
        venue=IN_US.parties[1].capital,
        host="US",
        slipped_from=(tpt.Plan(date=tpt.FuzzyDate.parse("2021-12-01/2021-12-07")),),
        evidence=("India and the US will hold the fourth 2+2 in Washington in mid-January.",),
        confidence=0.9,
    ),
    tpt.Announcement: tpt.Announcement(
        tpt.Source("A notice", published=tpt.FuzzyDate.parse("2021-12-20")),
        date=tpt.FuzzyDate.parse("2022-01"),
        venue=IN_US.parties[1].capital,
        mode=tpt.Mode.IN_PERSON,
    ),
    tpt.StatusChange: tpt.StatusChange(
        tpt.MechanismStatus.SUSPENDED,
        tpt.FuzzyDate.parse("2022-03"),
        "Talks were called off.",
        (tpt.Source("A statement", url="https://example.org/a"),),
    ),
}
"""One object of each public model class, from the embedded dataset where it has one."""

PUBLIC_MODEL_CLASSES: Final = tpt.MODEL_CLASSES
"""Every attrs class twoplustwo exports: the classes dumps and loads are for."""
KINDS: Final[dict[type[Any], str]] = {
    tpt.Alternating: "alternating",
    tpt.FixedVenue: "fixed_venue",
    tpt.Cycle: "cycle",
    tpt.Learned: "learned",
}
DROP: Final = object()
"""Stands for "remove this key" in an edit."""

_PATH: Final = re.compile(r"\$(?:\.[A-Za-z_][A-Za-z_0-9]*|\[[0-9]+\])*")
_PATH_STEP: Final = re.compile(r"\.([A-Za-z_][A-Za-z_0-9]*)|\[([0-9]+)\]")


def _id(value: object) -> str:
    """
    Name a parameter in a test id: a class by its name, DROP as such, a value by its repr.
    """
    if isinstance(value, type):
        return value.__name__
    return "DROP" if value is DROP else ascii(value)[:40]


def _walk(value: Any, path: str = "$") -> Iterator[tuple[str, object]]:
    """
    Yield every value inside a model object with its path, the object itself first.
    """
    yield path, value
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def _types(value: object) -> list[tuple[str, type]]:
    return [(path, type(item)) for path, item in _walk(value)]


def _assert_mirrors(obj: Any, document: object) -> None:
    """
    Assert that ``document`` is ``obj`` written by the rules of the format.
    """
    if isinstance(obj, tpt.FuzzyDate):
        assert str(obj) == document
    elif isinstance(obj, dt.date):
        assert obj.isoformat() == document
    elif isinstance(obj, enum.Enum):
        assert obj.value == document
    elif isinstance(obj, tuple):
        assert isinstance(document, list)
        assert len(obj) == len(document)
        for item, written in zip(obj, document, strict=True):
            _assert_mirrors(item, written)
    elif attrs.has(type(obj)):
        assert isinstance(document, dict)
        tags = {"kind": KINDS[type(obj)]} if type(obj) in KINDS else {}
        if isinstance(obj, tpt.Dataset):
            tags = {"format": "twoplustwo/2"}
        names = [field.name for field in attrs.fields(type(obj))]
        assert [*tags, *names] == list(document)
        assert tags == {key: document[key] for key in tags}
        for name in names:
            _assert_mirrors(getattr(obj, name), document[name])
    else:
        assert type(obj) is type(document)
        assert obj == document


def _edit(document: Any, path: str, value: object) -> Any:
    """
    Return a copy of ``document`` with the value at ``path`` set (or removed, for DROP).
    """
    steps = _steps(path)
    changed = copy.deepcopy(document)
    parent = changed
    for step in steps[:-1]:
        parent = parent[step]
    if value is DROP:
        del parent[steps[-1]]
    else:
        parent[steps[-1]] = value
    return changed


def _outcome(cls: type[Any], data: str | bytes) -> tuple[str, ...]:
    """
    Decode ``data`` as ``cls``: return no problems if that gives a ``cls``, else its problems.
    """
    try:
        result = tpt.loads(data, cls)
    except tpt.DecodeError as error:
        problems = tuple(str(p) for p in error.problems)
    else:
        assert type(result) is cls
        return ()
    assert problems
    return problems


def _split(problem: str) -> tuple[str, str]:
    """
    Split a problem into its message and its JSON path, checking the path's form.
    """
    message, _, path = problem.rpartition(" @ ")
    assert message
    assert re.fullmatch(_PATH, path), problem
    return message, path


def _steps(path: str) -> JsonPath:
    """
    Split a JSON path such as ``$.mechanisms[0].name`` into its keys and indexes.
    """
    assert re.fullmatch(_PATH, path), path
    return tuple(key or int(index) for key, index in _PATH_STEP.findall(path))


def _assert_one_problem(cls: type[Any], edit: str, value: object, where: str, says: str) -> None:
    """
    Assert that the example of ``cls`` with one edit has exactly one problem, at ``where``.
    """
    document = _edit(json.loads(tpt.dumps(EXAMPLES[cls])), edit, value)
    (problem,) = problem_texts(json.dumps(document), cls)
    message, path = _split(problem)
    assert where == path
    assert says in message


class TestRoundTrip:
    """
    What dumps writes, loads reads back as an equal object of exactly the same types.
    """

    def test_the_examples_cover_every_public_model_class(self) -> None:
        assert set(PUBLIC_MODEL_CLASSES) == set(EXAMPLES)
        assert all(type(example) is cls for cls, example in EXAMPLES.items())

    @pytest.mark.parametrize("cls", PUBLIC_MODEL_CLASSES, ids=_id)
    def test_an_example_of_each_class_comes_back_equal_with_the_same_types(
        self, cls: type[Any]
    ) -> None:
        example = EXAMPLES[cls]
        result = tpt.loads(tpt.dumps(example), cls)
        assert example == result
        assert _types(example) == _types(result)

    @given(every_model_object())
    def test_loads_inverts_dumps(self, obj: Any) -> None:
        assert obj == tpt.loads(tpt.dumps(obj), type(obj))

    @given(every_model_object())
    def test_every_value_inside_keeps_its_exact_type(self, obj: Any) -> None:
        result = tpt.loads(tpt.dumps(obj), type(obj))
        assert _types(obj) == _types(result)
        for path, value in _walk(result):
            if isinstance(value, dt.date):
                assert type(value) is pendulum.Date, path

    def test_every_day_in_the_embedded_dataset_comes_back_as_a_pendulum_date(self) -> None:
        dataset = tpt.loads(SEED_TEXT, tpt.Dataset)
        days = [value for _, value in _walk(dataset) if isinstance(value, dt.date)]
        assert len(days) > 20
        assert all(type(day) is pendulum.Date for day in days)

    def test_a_forecasts_flag_basis_and_day_come_back_with_their_types(self) -> None:
        forecast = tpt.loads(tpt.dumps(EXAMPLES[tpt.Forecast]), tpt.Forecast)
        assert forecast.overdue is True
        assert forecast.basis is tpt.Basis.ANNOUNCED
        assert type(forecast.as_of) is pendulum.Date
        assert type(forecast.reasons) is tuple

    @given(every_model_object())
    def test_dumps_gives_the_same_text_for_equal_objects(self, obj: Any) -> None:
        text = tpt.dumps(obj)
        assert text == tpt.dumps(copy.deepcopy(obj))
        assert text == tpt.dumps(tpt.loads(text, type(obj)))

    @given(every_model_object())
    def test_loads_reads_utf8_bytes_as_well_as_text(self, obj: Any) -> None:
        data = tpt.dumps(obj).encode("utf-8")
        assert obj == tpt.loads(data, type(obj))

    @given(every_model_object(), st.integers(0, 8))
    def test_indent_changes_only_the_whitespace(self, obj: Any, indent: int) -> None:
        compact, indented = tpt.dumps(obj), tpt.dumps(obj, indent=indent)
        assert json.loads(compact) == json.loads(indented)
        assert obj == tpt.loads(indented, type(obj))

    def test_a_unicode_name_survives_as_text_and_as_bytes(self) -> None:
        city = tpt.City(name="Tōkyō 東京 😀", country="JP", timezone="Asia/Tokyo")
        text = tpt.dumps(city)
        assert "Tōkyō 東京 😀" in text
        assert city == tpt.loads(text, tpt.City)
        assert city == tpt.loads(text.encode("utf-8"), tpt.City)

    def test_an_escaped_surrogate_pair_is_one_character(self) -> None:
        text = '{"name": "\\ud83d\\ude00", "country": "JP", "timezone": "Asia/Tokyo"}'
        assert "😀" == tpt.loads(text, tpt.City).name


class TestFormat:
    """
    The documents dumps writes: attribute names, enum values, canonical dates, tags.
    """

    @given(every_model_object())
    def test_every_document_mirrors_its_object(self, obj: Any) -> None:
        _assert_mirrors(obj, json.loads(tpt.dumps(obj)))

    def test_a_city_is_an_object_keyed_by_attribute_names(self) -> None:
        expected = '{"name": "New Delhi", "country": "IN", "timezone": "Asia/Kolkata"}'
        assert expected == tpt.dumps(EXAMPLES[tpt.City])

    def test_an_empty_dataset_document_starts_with_its_format(self) -> None:
        dataset = tpt.Dataset(as_of=pendulum.Date(2021, 12, 24), mechanisms=())
        expected = (
            '{"format": "twoplustwo/2", "as_of": "2021-12-24", "mechanisms": [], '
            '"groupings": [], "sanction_risks": []}'
        )
        assert expected == tpt.dumps(dataset)
        assert "twoplustwo/2" == tpt.FORMAT
        assert ("twoplustwo/1", "twoplustwo/2") == tpt.READS

    def test_a_day_before_the_year_1000_is_written_with_four_digits(self) -> None:
        dataset = tpt.Dataset(as_of=pendulum.Date(1900, 1, 1), mechanisms=())
        assert "1900-01-01" == json.loads(tpt.dumps(dataset))["as_of"]
        assert dataset == tpt.loads(tpt.dumps(dataset), tpt.Dataset)

    @pytest.mark.parametrize(
        ("date", "text"),
        [
            (tpt.FuzzyDate.day(2018, 9, 6), "2018-09-06"),
            (tpt.FuzzyDate.month(2019, 12), "2019-12"),
            (tpt.FuzzyDate.year(2018), "2018"),
            (tpt.FuzzyDate.year(1900), "1900"),
            (
                tpt.FuzzyDate.between(pendulum.Date(2022, 1, 15), pendulum.Date(2022, 1, 21)),
                "2022-01-15/2022-01-21",
            ),
            (
                tpt.FuzzyDate.between(pendulum.Date(2019, 12, 1), pendulum.Date(2020, 1, 31)),
                "2019-12-01/2020-01-31",
            ),
        ],
        ids=_id,
    )
    def test_a_fuzzy_date_is_its_canonical_string(self, date: tpt.FuzzyDate, text: str) -> None:
        assert json.dumps(text) == tpt.dumps(date)
        assert date == tpt.loads(json.dumps(text), tpt.FuzzyDate)

    @pytest.mark.parametrize(
        ("cls", "field", "member"),
        [(tpt.Round, "status", member) for member in tpt.RoundStatus]
        + [(tpt.Minister, "portfolio", member) for member in tpt.Portfolio]
        + [(tpt.SanctionRisk, "status", member) for member in tpt.SanctionStatus]
        + [(tpt.Forecast, "basis", member) for member in tpt.Basis],
        ids=_id,
    )
    def test_an_enum_is_written_by_value_and_read_back_as_the_member(
        self, cls: type[Any], field: str, member: enum.Enum
    ) -> None:
        obj = attrs.evolve(EXAMPLES[cls], **{field: member})
        text = tpt.dumps(obj)
        assert member.value == json.loads(text)[field]
        assert member is getattr(tpt.loads(text, cls), field)

    @pytest.mark.parametrize(
        ("rotation", "expected"),
        [
            (tpt.Alternating(), {"kind": "alternating", "first_host": None}),
            (tpt.Alternating(first_host="US"), {"kind": "alternating", "first_host": "US"}),
            (
                EXAMPLES[tpt.FixedVenue],
                {
                    "kind": "fixed_venue",
                    "venue": {
                        "name": "Washington",
                        "country": "US",
                        "timezone": "America/New_York",
                    },
                },
            ),
            (EXAMPLES[tpt.Cycle], {"kind": "cycle", "hosts": ["IN", "US", "US"]}),
        ],
        ids=_id,
    )
    def test_a_rotation_is_an_object_tagged_with_its_kind(
        self, rotation: tpt.Rotation, expected: dict[str, Any]
    ) -> None:
        mechanism = attrs.evolve(IN_US, rotation=rotation)
        assert expected == json.loads(tpt.dumps(rotation))
        assert expected == json.loads(tpt.dumps(mechanism))["rotation"]
        assert rotation == tpt.loads(tpt.dumps(mechanism), tpt.Mechanism).rotation

    def test_an_absent_value_is_written_as_null(self) -> None:
        source = tpt.Source(title="Note", published=tpt.FuzzyDate.year(2021))
        expected = {
            "title": "Note",
            "published": "2021",
            "dateline": None,
            "url": None,
            "accessed": None,
        }
        assert expected == json.loads(tpt.dumps(source))

    @pytest.mark.parametrize(
        ("cls", "edit", "attribute", "default"),
        [
            (tpt.Dataset, "$.groupings", "groupings", ()),
            (tpt.Mechanism, "$.note", "note", None),
            (tpt.Mechanism, "$.cadence_months", "cadence_months", 12),
            (tpt.Alternating, "$.first_host", "first_host", None),
        ],
    )
    def test_a_key_with_a_default_may_be_left_out(
        self, cls: type[Any], edit: str, attribute: str, default: object
    ) -> None:
        document = _edit(json.loads(tpt.dumps(EXAMPLES[cls])), edit, DROP)
        assert default == getattr(tpt.loads(json.dumps(document), cls), attribute)

    def test_the_embedded_dataset_is_exactly_what_dumps_writes(self) -> None:
        dataset = tpt.loads(SEED_TEXT, tpt.Dataset)
        assert SEED_TEXT == tpt.dumps(dataset, indent=2) + "\n"
        assert tpt.load_seed() == dataset
        assert dataset == tpt.loads(SEED_TEXT.encode("utf-8"), tpt.Dataset)


class TestBadValues:
    """
    A bad value anywhere is one DecodeError problem that names its JSON path.
    """

    @pytest.mark.parametrize(
        ("cls", "edit", "value", "says"),
        [
            (tpt.Dataset, "$.mechanisms[0].rounds[2].ordinal", "3", "got a string"),
            (tpt.Dataset, "$.mechanisms[0].rounds[2].ordinal", 1.5, "got a number"),
            (tpt.Dataset, "$.mechanisms[0].rounds[2].ordinal", 3.0, "got a number"),
            (tpt.Dataset, "$.mechanisms[0].rounds[2].ordinal", True, "got a boolean"),
            (tpt.BacktestRow, "$.ordinal", "10", "expected an integer, got a string"),
            (tpt.Dataset, "$.mechanisms[0].name", None, "expected a string, got null"),
            (tpt.Dataset, "$.mechanisms[0].name", 5, "expected a string, got an integer"),
            (tpt.Dataset, "$.mechanisms[0].name", [], "expected a string, got an array"),
            (tpt.Dataset, "$.mechanisms[0].name", {}, "expected a string, got an object"),
            (tpt.Dataset, "$.mechanisms[0].name", False, "expected a string, got a boolean"),
            (tpt.Dataset, "$.mechanisms[0].rounds[0].note", 2.5, "got a number"),
            (tpt.Forecast, "$.overdue", "yes", "expected a boolean, got a string"),
            (tpt.Forecast, "$.overdue", 1, "expected a boolean, got an integer"),
            (tpt.Forecast, "$.overdue", None, "expected a boolean, got null"),
            (tpt.BacktestRow, "$.hit", "false", "expected a boolean, got a string"),
            (tpt.Dataset, "$.mechanisms[0].topics", "defence", "expected an array"),
            (tpt.Dataset, "$.mechanisms[0].topics", {}, "expected an array, got an object"),
            (tpt.Dataset, "$.mechanisms[0].topics[1]", 7, "expected a string"),
            (tpt.Dataset, "$.mechanisms", {}, "expected an array, got an object"),
            (tpt.Dataset, "$.groupings", None, "expected an array, got null"),
            (tpt.Forecast, "$.reasons", "Because.", "expected an array, got a string"),
            (tpt.Dataset, "$.mechanisms[0]", [], "expected an object (Mechanism)"),
            (tpt.Dataset, "$.mechanisms[0].rounds[0].venue", [], "expected an object"),
            (tpt.Dataset, "$.mechanisms[0].parties[0].capital", "New Delhi", "got a string"),
            (tpt.Forecast, "$.host", ["IN"], "expected an object (Country), got an array"),
            (tpt.Dataset, "$.mechanisms[0].rotation", [], "expected an object (rotation)"),
            (tpt.Dataset, "$.mechanisms[0].parties", [], "expected an array of 2 items"),
        ],
        ids=_id,
    )
    def test_a_value_of_the_wrong_json_type_is_rejected_at_its_path(
        self, cls: type[Any], edit: str, value: object, says: str
    ) -> None:
        _assert_one_problem(cls, edit, value, edit, says)

    @pytest.mark.parametrize(
        ("cls", "edit"),
        [
            (tpt.Dataset, "$.as_of"),
            (tpt.Dataset, "$.mechanisms"),
            (tpt.Dataset, "$.mechanisms[0].name"),
            (tpt.Dataset, "$.mechanisms[0].rounds[2].date"),
            (tpt.Dataset, "$.mechanisms[0].parties[0].capital.timezone"),
            (tpt.Dataset, "$.sanction_risks[0].law"),
            (tpt.Forecast, "$.overdue"),
            (tpt.FixedVenue, "$.venue"),
        ],
        ids=_id,
    )
    def test_a_missing_required_key_is_reported_at_its_path(
        self, cls: type[Any], edit: str
    ) -> None:
        _assert_one_problem(cls, edit, DROP, edit, "required key missing")

    @pytest.mark.parametrize(
        ("cls", "edit", "where"),
        [
            (tpt.Dataset, "$.colour", "$"),
            (tpt.Dataset, "$.mechanisms[0].Name", "$.mechanisms[0]"),
            (tpt.Dataset, "$.mechanisms[0].rotation.every", "$.mechanisms[0].rotation"),
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[0].venue.kind",
                "$.mechanisms[0].rounds[0].venue",
            ),
            (tpt.Dataset, "$.mechanisms[0].format", "$.mechanisms[0]"),
            (tpt.Forecast, "$.host.flag", "$.host"),
            (tpt.Cycle, "$.first_host", "$"),
        ],
        ids=_id,
    )
    def test_an_unknown_key_is_rejected_at_its_object(
        self, cls: type[Any], edit: str, where: str
    ) -> None:
        key = edit.rpartition(".")[2]
        _assert_one_problem(cls, edit, None, where, f"unknown key {key!r}")

    def test_several_unknown_keys_in_one_object_are_one_problem(self) -> None:
        document = {**json.loads(tpt.dumps(EXAMPLES[tpt.City])), "b": 1, "a": 2}
        assert ("unknown keys 'a', 'b' @ $",) == problem_texts(json.dumps(document), tpt.City)

    @pytest.mark.parametrize(
        ("cls", "edit", "value"),
        [
            (tpt.Dataset, "$.mechanisms[0].rounds[0].status", "cancelled"),
            (tpt.Dataset, "$.mechanisms[0].rounds[0].status", "HELD"),
            (tpt.Dataset, "$.mechanisms[0].rounds[0].status", "Held"),
            (tpt.Dataset, "$.mechanisms[0].portfolios[1]", "interior"),
            (tpt.Dataset, "$.mechanisms[0].rounds[0].participants[0].portfolio", "DEFENCE"),
            (tpt.Dataset, "$.sanction_risks[0].status", "potential "),
            (tpt.Forecast, "$.basis", "guess"),
        ],
        ids=_id,
    )
    def test_an_unknown_enum_value_is_rejected_at_its_path(
        self, cls: type[Any], edit: str, value: str
    ) -> None:
        _assert_one_problem(cls, edit, value, edit, f"{value!r} is not one of")

    def test_an_enum_given_by_its_index_is_rejected(self) -> None:
        _assert_one_problem(tpt.Round, "$.status", 0, "$.status", "expected a string")

    @pytest.mark.parametrize(
        ("cls", "edit", "value", "says"),
        [
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", DROP, 'the "kind" key is missing'),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", "", "got ''"),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", None, "got null"),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", 5, "got an integer"),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", ["cycle"], "got an array"),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", "round_robin", "got 'round_robin'"),
            (tpt.Dataset, "$.mechanisms[0].rotation.kind", "Alternating", "got 'Alternating'"),
            (tpt.Alternating, "$.kind", DROP, 'the "kind" key is missing'),
            (tpt.Alternating, "$.kind", "", "expected 'alternating', got ''"),
            (tpt.Cycle, "$.kind", None, "expected 'cycle', got null"),
            (tpt.Cycle, "$.kind", {}, "expected 'cycle', got an object"),
            (tpt.Cycle, "$.kind", "alternating", "expected 'cycle', got 'alternating'"),
            (tpt.FixedVenue, "$.kind", "cycle", "expected 'fixed_venue', got 'cycle'"),
        ],
        ids=_id,
    )
    def test_a_missing_empty_or_unknown_kind_is_rejected_at_the_kind_key(
        self, cls: type[Any], edit: str, value: object, says: str
    ) -> None:
        _assert_one_problem(cls, edit, value, edit, says)

    def test_a_rotation_of_one_kind_with_the_keys_of_another_lists_both_problems(self) -> None:
        document = _edit(json.loads(SEED_TEXT), "$.mechanisms[0].rotation.kind", "cycle")
        expected = {
            ("required key missing", "$.mechanisms[0].rotation.hosts"),
            ("unknown key 'first_host'", "$.mechanisms[0].rotation"),
        }
        problems = problem_texts(json.dumps(document))
        assert 2 == len(problems)
        assert expected == {_split(problem) for problem in problems}

    @pytest.mark.parametrize(
        ("value", "says"),
        [
            ("twoplustwo/3", "not 'twoplustwo/3'"),
            ("twoplustwo/0", "not 'twoplustwo/0'"),
            ("twoplustwo", "not 'twoplustwo'"),
            ("", "not ''"),
            (1, "not an integer"),
            (None, "not null"),
            (DROP, 'the "format" key is missing'),
        ],
        ids=_id,
    )
    def test_a_wrong_or_missing_format_is_rejected(self, value: object, says: str) -> None:
        _assert_one_problem(tpt.Dataset, "$.format", value, "$.format", says)

    @pytest.mark.parametrize(
        ("value", "says"),
        [
            ("2021-02-30", "not a calendar date"),
            ("2019-02-29", "not a calendar date"),
            ("2021-13", "names no real month"),
            ("2021-00", "names no real month"),
            ("2018-9", "is not a date of the form"),
            ("2018-09-6", "is not a date of the form"),
            (" 2018-09", "is not a date of the form"),
            ("2018-09 ", "is not a date of the form"),
            ("2018-09-06/", "is not a date of the form"),
            ("2018/2019/2020", "is not a date of the form"),
            ("20180906", "is not a date of the form"),
            ("２０２１-12-24", "is not a date of the form"),
            ("now", "is not a date of the form"),
            ("September 2018", "is not a date of the form"),
            ("2021-12-24T10:00:00", "is not a date of the form"),
            ("", "is not a date of the form"),
            ("0000", "is not a calendar date"),
            ("2020-10/2019-12", "reversed interval"),
            ("2020-10-02/2020-10-01", "reversed interval"),
            (2020, "expected a string, got an integer"),
            (None, "expected a string, got null"),
        ],
        ids=_id,
    )
    def test_a_bad_fuzzy_date_is_rejected_at_its_path(self, value: object, says: str) -> None:
        edit = "$.mechanisms[0].rounds[2].date"
        _assert_one_problem(tpt.Dataset, edit, value, edit, says)

    @pytest.mark.parametrize(
        ("value", "says"),
        [
            ("2021-02-30", "'2021-02-30' is not a calendar date"),
            ("0000-01-01", "'0000-01-01' is not a calendar date"),
            ("2021-12", "expected a day as YYYY-MM-DD"),
            ("2021", "expected a day as YYYY-MM-DD"),
            ("2021-12-24T10:00:00", "expected a day as YYYY-MM-DD"),
            ("2021-12-24/2021-12-25", "expected a day as YYYY-MM-DD"),
            ("24/12/2021", "expected a day as YYYY-MM-DD"),
            ("2021-1-24", "expected a day as YYYY-MM-DD"),
            ("２０２１-12-24", "expected a day as YYYY-MM-DD"),
            ("2021-12-24\n", "expected a day as YYYY-MM-DD"),
            ("today", "expected a day as YYYY-MM-DD"),
            (20211224, "expected a string, got an integer"),
            (None, "expected a string, got null"),
            ("\ud800", "expected a day as YYYY-MM-DD"),
        ],
        ids=_id,
    )
    @pytest.mark.parametrize(
        ("cls", "edit"),
        [
            (tpt.Dataset, "$.as_of"),
            (tpt.Dataset, "$.sanction_risks[0].as_of"),
            (tpt.Forecast, "$.as_of"),
        ],
    )
    def test_a_bad_day_is_rejected_at_its_path(
        self, cls: type[Any], edit: str, value: object, says: str
    ) -> None:
        _assert_one_problem(cls, edit, value, edit, says)

    @pytest.mark.parametrize(
        ("edit", "value", "where"),
        [
            (
                "$.mechanisms[0].parties[0].capital.country",
                "UK",
                "$.mechanisms[0].parties[0].capital.country",
            ),
            ("$.mechanisms[0].parties[1].code", "us", "$.mechanisms[0].parties[1].code"),
            ("$.mechanisms[0].parties[1].code", "USA", "$.mechanisms[0].parties[1].code"),
            (
                "$.mechanisms[0].parties[0].capital.timezone",
                "Asia/Delhi",
                "$.mechanisms[0].parties[0].capital.timezone",
            ),
            (
                "$.mechanisms[0].parties[0].capital.timezone",
                "EST",
                "$.mechanisms[0].parties[0].capital.timezone",
            ),
            (
                "$.mechanisms[0].rounds[0].participants[2].country",
                "XX",
                "$.mechanisms[0].rounds[0].participants[2].country",
            ),
            ("$.mechanisms[0].rotation.first_host", "UK", "$.mechanisms[0].rotation.first_host"),
            ("$.sanction_risks[0].counterparty", "ZZ", "$.sanction_risks[0].counterparty"),
            ("$.groupings[0].members[2]", "UK", "$.groupings[0].members[2]"),
        ],
        ids=_id,
    )
    def test_a_bad_country_code_or_zone_is_rejected_at_its_field(
        self, edit: str, value: str, where: str
    ) -> None:
        _assert_one_problem(tpt.Dataset, edit, value, where, repr(value))

    @pytest.mark.parametrize(
        ("cls", "edit", "value", "where", "says"),
        [
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[1].ordinal",
                1,
                "$.mechanisms[0]",
                "does not follow 1",
            ),
            (tpt.Dataset, "$.mechanisms[1].id", "in-us", "$", "id 'in-us' appears twice"),
            (tpt.Dataset, "$.as_of", "2018-01-01", "$", "after as_of=2018-01-01"),
            (
                tpt.Dataset,
                "$.mechanisms[0].cadence_months",
                0,
                "$.mechanisms[0].cadence_months",
                "in 1-120",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].id",
                "In-US",
                "$.mechanisms[0].id",
                "not a lowercase slug",
            ),
            (tpt.Dataset, "$.mechanisms[0].name", "", "$.mechanisms[0].name", "non-empty text"),
            (
                tpt.Dataset,
                "$.mechanisms[0].name",
                " India",
                "$.mechanisms[0].name",
                "non-empty text",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].portfolios",
                [],
                "$.mechanisms[0].portfolios",
                "at least 1",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[2].status",
                "scheduled",
                "$.mechanisms[0]",
                "so no round can follow it",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].rotation",
                {"kind": "cycle", "hosts": ["IN", "JP"]},
                "$.mechanisms[0]",
                "names JP, which is not a party",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].parties[1].code",
                "IN",
                "$.mechanisms[0].parties[1]",
                "lies in US, not in IN",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[0].ordinal",
                0,
                "$.mechanisms[0].rounds[0].ordinal",
                "must be in 1-9999",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[0].participants[0].term_end",
                "2018-01",
                "$.mechanisms[0].rounds[0]",
                "was not in office",
            ),
            (
                tpt.Dataset,
                "$.mechanisms[0].rounds[0].participants[0].term_start",
                "2022",
                "$.mechanisms[0].rounds[0].participants[0]",
                "is before term_start",
            ),
            (tpt.Dataset, "$.groupings[0].members[1]", "IN", "$.groupings[0].members", "twice"),
            (tpt.Dataset, "$.sanction_risks[0].exposed", "US", "$.sanction_risks[0]", "also"),
            (tpt.BacktestRow, "$.hit", True, "$", "contradicts"),
            (tpt.Cycle, "$.hosts", [], "$.hosts", "at least 1"),
        ],
        ids=_id,
    )
    def test_a_broken_rule_is_reported_at_the_field_or_object_that_breaks_it(
        self, cls: type[Any], edit: str, value: object, where: str, says: str
    ) -> None:
        _assert_one_problem(cls, edit, value, where, says)

    def test_a_zone_name_too_long_for_the_file_system_is_still_a_decode_error(self) -> None:
        edit = "$.mechanisms[0].parties[0].capital.timezone"
        name = "Asia/" + "x" * 300
        _assert_one_problem(tpt.Dataset, edit, name, edit, name[:40])

    @pytest.mark.parametrize(
        "value", [chr(0xD800), chr(0xDFFF), f"New {chr(0xDC00)}Delhi", chr(0xD83D)], ids=_id
    )
    def test_a_string_with_a_lone_surrogate_is_rejected_at_its_path(self, value: str) -> None:
        edit = "$.mechanisms[0].parties[0].capital.name"
        _assert_one_problem(tpt.Dataset, edit, value, edit, "lone surrogate")

    def test_a_key_with_a_lone_surrogate_is_an_unknown_key(self) -> None:
        document = {**json.loads(tpt.dumps(EXAMPLES[tpt.City])), chr(0xD800): 1}
        assert ("unknown key '\\ud800' @ $",) == problem_texts(json.dumps(document), tpt.City)


class TestBadDocuments:
    """
    A document that is not a model object at all gives DecodeError at the path "$".
    """

    @pytest.mark.parametrize(
        ("cls", "text", "says"),
        [
            (tpt.City, "[]", "expected an object (City), got an array"),
            (tpt.City, '"New Delhi"', "expected an object (City), got a string"),
            (tpt.City, "null", "expected an object (City), got null"),
            (tpt.City, "true", "expected an object (City), got a boolean"),
            (tpt.City, "7", "expected an object (City), got an integer"),
            (tpt.City, "1.5", "expected an object (City), got a number"),
            (tpt.Dataset, "[]", "expected an object (Dataset), got an array"),
            (tpt.Dataset, '"twoplustwo/1"', "expected an object (Dataset), got a string"),
            (tpt.Cycle, '["IN", "US"]', "expected an object (Cycle), got an array"),
            (tpt.FuzzyDate, "2019", "expected a string, got an integer"),
            (tpt.FuzzyDate, "{}", "expected a string, got an object"),
            (tpt.FuzzyDate, '"now"', "is not a date of the form"),
            (tpt.FuzzyDate, '"2019-12-01/2019-11-30"', "reversed interval"),
            (tpt.FuzzyDate, '"\\ud800"', "is not a date of the form"),
            (tpt.Round, '{"ordinal": 1, "status": "held", "date": "2021", "x": 1, "y": 2}', "'x'"),
        ],
        ids=_id,
    )
    def test_a_document_of_the_wrong_shape_is_rejected_at_the_top(
        self, cls: type[Any], text: str, says: str
    ) -> None:
        (problem,) = problem_texts(text, cls)
        message, path = _split(problem)
        assert "$" == path
        assert says in message

    @pytest.mark.parametrize(
        "data",
        [
            "",
            " ",
            "{",
            '{"format": "twoplustwo/1",}',
            "{'format': 'twoplustwo/1'}",
            '{"format": "twoplustwo/1"} {}',
            '{"format": "twoplustwo/1"} x',
            "/* a comment */ {}",
            "True",
            "None",
            "undefined",
            '{"as_of": 01}',
            '{"as_of": "\\x41"}',
            '{"as_of": "2021-12-24\t"}',
            "NaN",
            '{"as_of": NaN}',
            "[Infinity]",
            "-Infinity",
            '{"format": "twoplustwo/1", "format": "twoplustwo/1"}',
            '{"mechanisms": [{"id": "a", "name": "b", "id": "c"}]}',
            "\ufeff{}",
            b"\xef\xbb\xbf{}",
            b"\xff{}",
            b'{"as_of": "\xc3\x28"}',
            b'"\xed\xa0\x80"',
            b'"\xc0\xaf"',
            "{}".encode("utf-16"),
            "1" * 10_000,
            '{"as_of": ' + "9" * 10_000 + "}",
            "[" * 100_000 + "]" * 100_000,
            '{"as_of": ' + "[" * 100_000 + "]" * 100_000 + "}",
        ],
        ids=_id,
    )
    def test_text_that_is_not_json_is_rejected_as_a_whole(self, data: str | bytes) -> None:
        (problem,) = problem_texts(data)
        message, path = _split(problem)
        assert "$" == path
        assert message.startswith(("invalid JSON: ", "the document is not valid UTF-8"))

    def test_a_duplicate_key_is_named(self) -> None:
        text = '{"name": "a", "country": "IN", "timezone": "UTC", "name": "b", "country": "IN"}'
        assert ("invalid JSON: duplicate key 'country', 'name' @ $",) == problem_texts(
            text, tpt.City
        )

    @pytest.mark.parametrize(
        "data",
        [5, None, 1.5, ["{}"], {"format": "twoplustwo/1"}, memoryview(b"{}")],
        ids=lambda data: type(data).__name__,
    )
    def test_input_that_is_neither_text_nor_bytes_is_rejected(self, data: Any) -> None:
        expected = f"expected str or bytes, got {type(data).__name__} @ $"
        assert (expected,) == problem_texts(data)

    @pytest.mark.parametrize(
        "cls",
        [int, dict, str, list, object, tpt.Rotation, tpt.Portfolio, pendulum.Date, tpt.Error],
        ids=_id,
    )
    def test_loads_refuses_a_class_that_is_not_a_model_class(self, cls: Any) -> None:
        (problem,) = problem_texts("{}", cls)
        assert (
            f"loads() decodes twoplustwo model classes, not {_validators.show(cls)} @ $" == problem
        )

    @pytest.mark.parametrize(
        "obj",
        [
            {},
            5,
            None,
            "2019-12",
            [EXAMPLES[tpt.City]],
            (EXAMPLES[tpt.City],),
            tpt.Portfolio.FOREIGN,
            pendulum.Date(2021, 12, 24),
            tpt.City,
        ],
        ids=_id,
    )
    def test_dumps_refuses_an_object_that_is_not_a_model_object(self, obj: object) -> None:
        with pytest.raises(tpt.Error, match=r"^dumps\(\) encodes twoplustwo model objects, not "):
            tpt.dumps(obj)


class TestManyProblems:
    """
    Every problem in a document is listed, each with its own path.
    """

    def test_problems_all_over_a_dataset_are_all_listed(self) -> None:
        document = json.loads(SEED_TEXT)
        for edit, value in [
            ("$.as_of", DROP),
            ("$.mechanisms[0].rounds[0].status", "done"),
            ("$.mechanisms[0].rounds[0].participants[1].term_end", 5),
            ("$.mechanisms[0].rounds[2].date", "2021-02-30"),
            ("$.mechanisms[1].colour", "red"),
            ("$.groupings[0].members", "IN"),
            ("$.sanction_risks[0].status", None),
        ]:
            document = _edit(document, edit, value)
        problems = problem_texts(json.dumps(document))
        expected = {
            "$.as_of",
            "$.mechanisms[0].rounds[0].status",
            "$.mechanisms[0].rounds[0].participants[1].term_end",
            "$.mechanisms[0].rounds[2].date",
            "$.mechanisms[1]",
            "$.groupings[0].members",
            "$.sanction_risks[0].status",
        }
        assert 7 == len(problems)
        assert expected == {_split(problem)[1] for problem in problems}

    @pytest.mark.parametrize(
        ("found", "says"),
        [
            (
                "twoplustwo/3",
                (
                    "this version reads 'twoplustwo/1' and 'twoplustwo/2' documents, "
                    "not 'twoplustwo/3'"
                ),
            ),
            (
                DROP,
                (
                    "the \"format\" key is missing; this version reads 'twoplustwo/1' and "
                    "'twoplustwo/2'"
                ),
            ),
        ],
    )
    def test_a_wrong_format_is_listed_with_the_other_problems(
        self, found: object, says: str
    ) -> None:
        document = _edit(json.loads(SEED_TEXT), "$.format", found)
        document = _edit(document, "$.as_of", "2021-13-01")
        problems = problem_texts(json.dumps(document))
        assert (f"{says} @ $.format", "'2021-13-01' is not a calendar date @ $.as_of") == problems

    def test_bad_items_of_one_array_are_each_listed(self) -> None:
        document = json.loads(tpt.dumps(EXAMPLES[tpt.Mechanism]))
        document["topics"] = ["ok", 1, "fine", None, []]
        expected = ("$.topics[1]", "$.topics[3]", "$.topics[4]")
        problems = problem_texts(json.dumps(document), tpt.Mechanism)
        assert expected == tuple(_split(problem)[1] for problem in problems)

    def test_the_error_message_lists_every_problem(self) -> None:
        document = {"name": 1, "country": 2, "timezone": 3}
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(json.dumps(document), tpt.City)
        assert 3 == len(info.value.problems)
        assert all(str(problem) in str(info.value) for problem in info.value.problems)


class TestOnlyDecodeError:
    """
    Whatever loads is given, it returns a model object or raises DecodeError.
    """

    @given(every_model_object(), st.one_of(json_values.map(json.dumps), raw_documents))
    def test_arbitrary_input_gives_an_object_or_decode_error(
        self, example: Any, data: str | bytes
    ) -> None:
        for problem in _outcome(type(example), data):
            _split(problem)

    @given(every_model_object(), st.data())
    def test_a_changed_document_fails_only_at_or_around_the_change(
        self, obj: Any, data: st.DataObject
    ) -> None:
        place, document = data.draw(json_edits(json.loads(tpt.dumps(obj))))
        if place and place[-1] == "kind":
            place = place[:-1]  # the kind decides which keys the whole object may have
        for problem in _outcome(type(obj), json.dumps(document)):
            where = _steps(_split(problem)[1])
            assert place[: len(where)] == where or where[: len(place)] == place, problem


class TestExactMessages:
    """
    The words of a problem are part of the contract, down to the note on a rotation's kind.
    """

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_a_non_finite_number_is_named_as_not_json(self, constant: str) -> None:
        expected = f"invalid JSON: {constant} is not valid JSON @ $"
        assert (expected,) == problem_texts(f'{{"as_of": {constant}}}')

    def test_the_converter_notes_where_a_rotation_kind_went_wrong(self) -> None:
        with pytest.raises(ExceptionGroup) as info:
            tpt.converter.structure({"kind": "x"}, tpt.Alternating)
        (problem,) = info.value.exceptions
        assert ["Structuring Alternating @ kind"] == problem.__notes__

    def test_an_unknown_enum_value_is_shown_with_every_allowed_value(self) -> None:
        text = '{"ordinal": 1, "status": "done", "date": "2021"}'
        expected = "'done' is not one of 'held', 'scheduled', 'proposed', 'postponed' @ $.status"
        assert (expected,) == problem_texts(text, tpt.Round)

    def test_the_converter_notes_the_index_of_a_bad_array_item(self) -> None:
        with pytest.raises(ExceptionGroup) as info:
            tpt.converter.structure({"kind": "cycle", "hosts": ["IN", 5]}, tpt.Cycle)
        (array,) = info.value.exceptions
        assert isinstance(array, ExceptionGroup)
        assert "While structuring an array" == array.message
        (problem,) = array.exceptions
        assert ["index 1"] == problem.__notes__

    def test_the_converter_reads_a_fixed_length_array_item_by_item(self) -> None:
        assert ("IN", 2) == tpt.converter.structure(["IN", 2], tuple[str, int])

    @pytest.mark.parametrize("rest", [{}, tpt.converter.unstructure(SEED)], ids=["bad", "good"])
    def test_the_converter_notes_a_wrong_format_first_whatever_the_rest(
        self, rest: dict[str, Any]
    ) -> None:
        with pytest.raises(ExceptionGroup) as info:
            tpt.converter.structure({**rest, "format": "x"}, tpt.Dataset)
        assert "While structuring Dataset" == info.value.message
        first = info.value.exceptions[0]
        assert "this version reads 'twoplustwo/1' and 'twoplustwo/2' documents, not 'x'" == str(
            first
        )
        assert ["Structuring Dataset @ format"] == first.__notes__

    def test_the_converter_names_every_kind_a_rotation_may_have(self) -> None:
        rotation: Any = tpt.Rotation  # a union, which mypy will not take as a type
        with pytest.raises(ExceptionGroup) as info:
            tpt.converter.structure({"kind": "x"}, rotation)
        assert "While structuring rotation" == info.value.message
        (problem,) = info.value.exceptions
        assert "expected one of 'alternating', 'fixed_venue', 'cycle', 'learned', got 'x'" == str(
            problem
        )
        assert ["Structuring rotation @ kind"] == problem.__notes__
