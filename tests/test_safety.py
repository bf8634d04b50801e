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
