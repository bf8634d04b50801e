"""
The public strategies give valid objects of the asked class and reach the edges.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

import twoplustwo as tpt
from strategies import examples
from twoplustwo import strategies

PUBLIC_CLASSES = [
    getattr(tpt, name) for name in tpt.__all__ if isinstance(getattr(tpt, name), type)
]
MODEL_CLASSES = [cls for cls in PUBLIC_CLASSES if cls in tpt.MODEL_CLASSES]
# Finding one example is enough: no shrinking, which is slow for whole mechanisms.
SEEK = settings(database=None, phases=[Phase.generate], max_examples=1000)


class TestForClass:
    """for_class covers every public model class."""

    @pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
    @settings(max_examples=examples(10))
    @given(data=st.data())
    def test_it_draws_objects_of_exactly_that_class(self, cls: type, data: st.DataObject) -> None:
        drawn = data.draw(strategies.for_class(cls))
        assert cls is type(drawn)

    @pytest.mark.parametrize("cls", [int, tpt.Portfolio, tpt.Error])
    def test_other_classes_have_no_strategy(self, cls: type) -> None:
        with pytest.raises(tpt.UnknownId, match="no strategy for the class with id") as info:
            strategies.for_class(cls)
        assert "Mechanism" in info.value.known

    @given(strategies.every_model_object())
    def test_every_model_object_survives_a_json_round_trip(self, obj: Any) -> None:
        assert obj == tpt.loads(tpt.dumps(obj), type(obj))


def seek(strategy: st.SearchStrategy[Any], condition: Any) -> None:
    """
    Find one drawn example that meets ``condition``, without shrinking it; fail if none is.
    """
    find(strategy, condition, settings=SEEK)


def rotation_is(kind: type) -> Any:
    return lambda m: isinstance(m.rotation, kind)


def status_is(status: tpt.RoundStatus) -> Any:
    return lambda r: r.status is status


class TestEdges:
    """The strategies reach the cases that break careless code."""

    def test_leap_days(self) -> None:
        seek(strategies.fuzzy_dates(), lambda d: (d.earliest.month, d.earliest.day) == (2, 29))

    def test_month_ends_of_short_months(self) -> None:
        seek(strategies.days(), lambda d: d.day == 30 and d.month in (4, 6, 9, 11))

    def test_unicode_names(self) -> None:
        seek(strategies.names, lambda n: not n.isascii())

    @pytest.mark.heavy  # about sixty whole mechanisms are drawn before a long one
    def test_empty_and_long_histories(self) -> None:
        seek(strategies.mechanisms(), lambda m: not m.rounds)
        seek(strategies.mechanisms(max_rounds=8), lambda m: len(m.rounds) >= 6)

    @pytest.mark.parametrize("kind", [tpt.Alternating, tpt.FixedVenue, tpt.Cycle, tpt.Learned])
    def test_every_rotation_kind(self, kind: type) -> None:
        seek(strategies.mechanisms(), rotation_is(kind))

    @pytest.mark.heavy  # about sixty whole mechanisms are drawn before a scheduled last round
    @pytest.mark.parametrize("status", list(tpt.RoundStatus))
    def test_rounds_of_every_status(self, status: tpt.RoundStatus) -> None:
        seek(strategies.rounds(), status_is(status))
