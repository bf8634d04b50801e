"""
Tests that kill mutants a run of scripts/mutation.py left alive (see docs/mutation.md).

Each test pins a behaviour a user can see: the exact words and the value a message shows, or
a boundary of a rule.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import jsonschema  # type: ignore[import-untyped] # jsonschema ships no type hints
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, held, mechanism

AS_OF = pendulum.Date(2020, 1, 1)


@pytest.fixture(scope="module")
def forecast() -> tpt.Forecast:
    return tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)


def _refusal(forecast: tpt.Forecast, **changes: Any) -> str:
    with pytest.raises(tpt.InvalidModel) as raised:
        attrs.evolve(forecast, **changes)
    return str(raised.value)


class TestForecastChances:
    """A forecast's chances that break the rule are refused in words that show them."""

    @given(pairs=st.lists(st.tuples(st.sampled_from(["IN", "US"]), st.floats(0, 1)), max_size=2))
    def test_chances_that_are_not_a_tuple_are_shown(
        self, forecast: tpt.Forecast, pairs: list[tuple[str, float]]
    ) -> None:
        assert f"Forecast.chances={pairs!r} is not a tuple" == _refusal(forecast, chances=pairs)

    @given(chance=st.floats(0, 1).filter(lambda chance: abs(chance - 1) > 1e-9))
    def test_chances_that_do_not_sum_to_one_are_shown(
        self, forecast: tpt.Forecast, chance: float
    ) -> None:
        pairs = (("IN", chance),)
        assert f"Forecast.chances={pairs!r} do not sum to 1" == _refusal(forecast, chances=pairs)


class TestForecastSchema:
    """The schema of a forecast bounds its numbers from 0 to 1, as the model does."""

    @given(value=st.floats(-1, 2))
    @example(value=-0.5)
    @example(value=0.5)
    @example(value=1.5)
    def test_a_level_or_a_chance_is_valid_from_0_to_1(
        self, forecast: tpt.Forecast, value: float
    ) -> None:
        validator = jsonschema.Draft202012Validator(tpt.json_schema(tpt.Forecast))
        document = json.loads(tpt.dumps(forecast))
        for changed in (
            {"level": value},
            {"chance_within_year": value},
            {"chances": [["IN", value]]},
        ):
            assert (0 <= value <= 1) == validator.is_valid({**document, **changed}), changed
