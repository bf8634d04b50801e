"""
Hostile data cannot hurt: costs that grow linearly, bounded messages, memory and nesting.

Growth is checked as a ratio of times at two sizes, with a generous margin, never as an
absolute time: a slow machine slows both sizes alike.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import pytest

import twoplustwo as tpt
from twoplustwo import _json, _validators

SEED = json.loads(tpt.dumps(tpt.load_seed()))


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """
    Return the shortest of ``repeat`` timings of ``run``: the least disturbed one.
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def growth(make: Callable[[int], Callable[[], object]], small: int, factor: int = 4) -> float:
    """
    Return how many times longer ``make(small * factor)`` runs than ``make(small)``.
    """
    return best_time(make(small * factor)) / best_time(make(small))


class TestLinearUniqueness:
    """Checking that ids are unique costs time in proportion to their number."""

    def test_unique_keys_are_checked_in_linear_time(self) -> None:
        def make(n: int) -> Callable[[], object]:
            keys = [f"{'k' * 200}{i:08d}" for i in range(n)]
            return lambda: _validators.unique("key", keys)

        assert growth(make, 3000) < 10  # linear: about 4; quadratic: about 16

    def test_a_unique_tuple_is_checked_in_linear_time(self) -> None:
        rule = _validators.TupleOf(_validators.TEXT, unique=True)

        def make(n: int) -> Callable[[], object]:
            keys = tuple(f"{'k' * 200}{i:08d}" for i in range(n))
            return lambda: rule.check(keys)

        assert growth(make, 3000) < 10

    def test_loads_grows_linearly_with_the_number_of_ids(self) -> None:
        def make(n: int) -> Callable[[], object]:
            groupings = [
                {"id": f"{'a' * 300}-{i:06d}", "name": "G", "members": ["IN", "US"]}
                for i in range(n)
            ]
            text = json.dumps({**SEED, "groupings": groupings})
            return lambda: tpt.loads(text, tpt.Dataset)

        assert growth(make, 1500) < 8  # linear: about 4-5; quadratic: over 10

    def test_a_repeated_key_is_still_named(self) -> None:
        with pytest.raises(tpt.InvalidModel, match="key 'b' appears twice"):
            _validators.unique("key", ["a", "b", "c", "b"])
        assert _validators._first_repeat(iter(["x", "y"])) is None


CITY = {"name": "Zürich", "country": "CH", "timezone": "Europe/Zurich"}


class Boom(Exception):
    """A user's hook's own exception."""


def converters(monkeypatch: pytest.MonkeyPatch, fast: Any, detailed: Any = None) -> None:
    """
    Make ``loads`` use copies of its converters whose City hooks are ``fast`` and ``detailed``.
    """
    for name, hook in (("get_converter", fast), ("detailed_converter", detailed)):
        original: Callable[[], cattrs.Converter] = getattr(_json, name)
        conv = original().copy()
        if hook is not None:
            conv.register_structure_hook(tpt.City, hook)
        monkeypatch.setattr(_json, name, lambda conv=conv: conv)


def raising(error: BaseException) -> Callable[[object, type], Any]:
    def hook(value: object, _: type) -> Any:
        raise error

    return hook


class TestOnlyDecodingErrors:
    """loads turns the document's problems into DecodeError and lets everything else through."""

    def test_a_value_the_detailed_pass_accepts_has_no_problems(self) -> None:
        assert [] == _json._problems(CITY, tpt.City)

    def test_a_hooks_own_exception_passes_through_unchanged(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        error = Boom("mine")
        converters(monkeypatch, raising(error))
        with pytest.raises(Boom) as info:
            tpt.loads(json.dumps(CITY), tpt.City)
        assert error is info.value

    @pytest.mark.parametrize("error", [Boom("mine"), MemoryError(), KeyboardInterrupt()])
    def test_a_foreign_error_in_the_detailed_pass_passes_through(
        self, monkeypatch: pytest.MonkeyPatch, error: BaseException
    ) -> None:
        converters(monkeypatch, raising(_json._Problem("no")), raising(error))
        with pytest.raises(type(error)) as info:
            tpt.loads(json.dumps(CITY), tpt.City)
        assert error is info.value

    @pytest.mark.parametrize("error", [MemoryError(), RecursionError(), KeyboardInterrupt()])
    def test_the_machines_limits_pass_through_the_fast_pass(
        self, monkeypatch: pytest.MonkeyPatch, error: BaseException
    ) -> None:
        converters(monkeypatch, raising(error))
        with pytest.raises(type(error)) as info:
            tpt.loads(json.dumps(CITY), tpt.City)
        assert error is info.value

    def test_the_fast_pass_speaks_when_the_detailed_pass_finds_nothing(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        converters(monkeypatch, raising(_json._Problem("the fast pass says no")))
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(json.dumps(CITY), tpt.City)
        assert ("'the fast pass says no' @ $",) == tuple(map(str, info.value.problems))

    def test_a_model_error_of_the_fast_pass_stands_in_the_same_way(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        converters(monkeypatch, raising(tpt.InvalidModel("wrong")))
        with pytest.raises(tpt.DecodeError, match="'wrong' @ \\$"):
            tpt.loads(json.dumps(CITY), tpt.City)


C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
BIDI = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class TestControlCharacters:
    """No text of the model holds a control character; only a note holds a newline."""

    @pytest.mark.parametrize("c", C0 + C1 + BIDI, ids=lambda c: f"U+{ord(c):04X}")
    def test_a_name_with_a_control_character_is_refused(self, c: str) -> None:
        with pytest.raises(tpt.InvalidModel, match=f"control character U\\+{ord(c):04X}"):
            tpt.City(name=f"a{c}b", country="JP", timezone="Asia/Tokyo")

    @pytest.mark.parametrize("c", C0 + C1 + BIDI, ids=lambda c: f"U+{ord(c):04X}")
    def test_a_note_with_a_control_character_is_refused(self, c: str) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"Uncertainty\.note="):
            tpt.Uncertainty(fact=tpt.Fact.DATE, note=f"a{c}b")

    def test_a_name_holds_a_tab_but_no_newline(self) -> None:
        assert "a\tb" == tpt.City(name="a\tb", country="JP", timezone="Asia/Tokyo").name
        with pytest.raises(tpt.InvalidModel, match="control character U\\+000A"):
            tpt.City(name="a\nb", country="JP", timezone="Asia/Tokyo")

    def test_every_note_field_holds_newlines_and_tabs(self) -> None:
        note = "First line.\n\n\tSecond line."
        assert note == tpt.Uncertainty(fact=tpt.Fact.DATE, note=note).note
        noted = [
            f"{cls.__name__}.{field.name}"
            for cls in _json.MODEL_CLASSES
            if attrs.has(cls)
            for field in attrs.fields(cls)
            if field.name == "note"
        ]
        assert len(noted) == 6
        for cls in _json.MODEL_CLASSES:
            if attrs.has(cls) and "note" in attrs.fields_dict(cls):
                rule = attrs.fields_dict(cls)["note"].validator
                assert rule in (_validators.NOTE, _validators.Optional(_validators.NOTE))

    def test_a_url_holds_no_control_character(self) -> None:
        for c in C1[:3] + BIDI[:3]:
            with pytest.raises(tpt.InvalidModel, match=r"Source\.url="):
                tpt.Source(title="x", url=f"https://example.org/{c}")

    def test_a_document_with_an_escape_in_a_name_is_refused_with_its_path(self) -> None:
        text = json.dumps({**CITY, "name": "Z\x1b[31mrich"})
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(text, tpt.City)
        (problem,) = info.value.problems
        assert "$.name" == problem.path
        assert "control character U+001B" in problem.message

    def test_printable_non_ascii_text_and_a_lone_surrogate_are_told_apart(self) -> None:
        assert "Zürich" == tpt.City(name="Zürich", country="CH", timezone="Europe/Zurich").name
        with pytest.raises(tpt.InvalidModel, match="lone surrogate"):
            tpt.City(name="Z\ud800", country="CH", timezone="Europe/Zurich")
