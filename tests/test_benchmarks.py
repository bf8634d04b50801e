"""
The benchmarks' data builder makes valid model objects, which survive a JSON round trip.

Nothing here times anything: the benchmarks are scripts that print numbers.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import twoplustwo as tpt

if TYPE_CHECKING:
    from benchmarks import builder
else:  # loaded by its path, so that the test runs however pytest was started
    _spec = importlib.util.spec_from_file_location(
        "builder", Path(__file__).parent.parent / "benchmarks" / "builder.py"
    )
    builder = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(builder)


class TestBuilder:
    """benchmarks/builder.py builds what it is asked for, the same each time."""

    def test_a_dataset_has_the_shape_asked_for_and_round_trips(self) -> None:
        dataset = builder.dataset(mechanisms=4, rounds=6, ministers=3)
        text = tpt.dumps(dataset)
        again = tpt.loads(text, tpt.Dataset)

        assert [6] * 4 == [len(m.rounds) for m in dataset.mechanisms]
        assert {3} == {len(r.participants) for m in dataset.mechanisms for r in m.rounds}
        assert dataset == again
        assert text == tpt.dumps(again)

    def test_the_same_seed_builds_the_same_dataset(self) -> None:
        first = builder.dataset(mechanisms=3, rounds=4, seed=1)

        assert first == builder.dataset(mechanisms=3, rounds=4, seed=1)
        assert first != builder.dataset(mechanisms=3, rounds=4, seed=2)

    def test_a_mechanism_for_the_calculator_is_forecast_by_its_rotation(self) -> None:
        mechanism = builder.mechanism(rounds=30)

        assert 30 == len(mechanism.rounds)
        assert tpt.Basis.ROTATION is tpt.next_round(mechanism, as_of=builder.AS_OF).basis
        assert tpt.backtest(mechanism)

    @pytest.mark.parametrize("ministers", [-1, 5])
    def test_more_ministers_than_seats_are_refused(self, ministers: int) -> None:
        with pytest.raises(ValueError, match="from 0 to 4"):
            builder.dataset(mechanisms=1, rounds=1, ministers=ministers)
