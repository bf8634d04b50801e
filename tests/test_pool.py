"""
The record's gaps worked out ahead, and `next` reading one dialogue's file with them.
"""

from __future__ import annotations

import runpy
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

import pendulum
import pytest
from hypothesis import given

import twoplustwo as tpt
from strategies import datasets, days
from twoplustwo import _seed, cli
from twoplustwo._learning import Pool, gaps, pooled_gaps

ROOT: Final = Path(__file__).parent.parent
SCRIPT: Final = ROOT / "scripts" / "write_pool.py"
MODULE: Final = ROOT / "src" / "twoplustwo" / "_pool.py"
RECORD: Final = ROOT / "src" / "twoplustwo" / "seeds" / "dialogues"


def rolled_back_days(world: tpt.Dataset) -> list[pendulum.Date]:
    """
    The days around each round's first and last day: where what is known changes.
    """
    ends = {d for m in world.mechanisms for r in m.rounds for d in (r.date.earliest, r.date.latest)}
    return sorted({d.add(days=step) for d in ends for step in (-1, 0, 1)})


class TestThePool:
    """A Pool holds what a forecast reads of a record, and rolls back as the record does."""

    def test_the_committed_pool_is_the_record_s(self, world: tpt.Dataset) -> None:
        assert Pool.of(world) == _seed.record_pool(), "run python scripts/write_pool.py"

    def test_the_script_writes_the_committed_module(self, tmp_path: Path) -> None:
        target = tmp_path / "_pool.py"

        runpy.run_path(str(SCRIPT))["main"]([str(target)])

        assert MODULE.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")

    @given(datasets(), days())
    def test_it_holds_the_dataset_s_gaps_and_rolls_back_as_the_dataset_does(
        self, dataset: tpt.Dataset, day: pendulum.Date
    ) -> None:
        pool = Pool.of(dataset)
        for mechanism in dataset.mechanisms:
            own = tuple(g.days for g in pool.gaps if g.mechanism == mechanism.id)
            others = pooled_gaps(dataset, before=day, leave_out=mechanism.id)

            assert gaps(mechanism) == own
            assert others == pooled_gaps(pool, before=day, leave_out=mechanism.id)
        assert Pool.of(dataset.known_on(day)) == pool.known_on(day)

    def test_rolled_back_to_any_day_it_is_the_pool_of_the_record_as_known(
        self, world: tpt.Dataset
    ) -> None:
        pool = _seed.record_pool()
        for day in rolled_back_days(world)[::7]:
            assert Pool.of(world.known_on(day)) == pool.known_on(day), day

    def test_a_forecast_from_the_pool_is_the_forecast_from_the_record(
        self, world: tpt.Dataset
    ) -> None:
        pool = _seed.record_pool()
        for day in rolled_back_days(world)[::97]:
            known, context = world.known_on(day), pool.known_on(day)
            for mechanism in world.mechanisms:
                try:
                    expected = tpt.next_round(
                        known.mechanism(mechanism.id), as_of=day, context=known
                    )
                except (tpt.NotForecastable, tpt.UnknownMechanism):
                    continue
                rolled = mechanism.known_on(day) if day < pool.as_of else mechanism
                assert rolled is not None
                actual = tpt.next_round(rolled, as_of=day, context=context)
                assert expected == actual


class TestLoadDialogue:
    """load_dialogue finds what Dataset.mechanism finds, reading one file when it can."""

    @pytest.mark.parametrize("turn", [str, str.upper, lambda i: "-".join(i.split("-")[::-1])])
    def test_a_dialogue_named_by_its_id_is_the_record_s(
        self, world: tpt.Dataset, turn: object
    ) -> None:
        for mechanism in world.mechanisms:
            name = turn(mechanism.id)  # type: ignore[operator] # each turn is a str -> str
            found, pool = _seed.load_dialogue(name)

            assert world.mechanism(name) == found
            assert _seed.record_pool() == pool

    def test_named_by_its_id_only_its_file_is_read(self, monkeypatch: pytest.MonkeyPatch) -> None:
        read: list[str] = []
        real = _seed._read

        def reading(entry: Traversable) -> bytes:
            read.append(entry.name)
            return real(entry)

        monkeypatch.setattr(_seed, "_read", reading)

        _seed.load_dialogue("us-in")

        assert ["index.json", "in-us.json"] == read

    def test_a_dialogue_named_otherwise_is_found_in_the_whole_record(
        self, world: tpt.Dataset
    ) -> None:
        found, pool = _seed.load_dialogue("AUSMIN")

        assert world.mechanism("AUSMIN") == found
        assert Pool.of(world) == pool

    @pytest.mark.parametrize("name", ["shared", "xx-yy"])
    def test_a_file_of_no_dialogue_or_an_unknown_name_is_no_dialogue(self, name: str) -> None:
        with pytest.raises(tpt.UnknownMechanism):
            _seed.load_dialogue(name)


class TestNextReadsOneFile:
    """`next` answers as it did when it read the whole record, from the embedded one or not."""

    @pytest.mark.parametrize(
        "argv",
        [
            ("next", "in-us"),
            ("next", "us-in", "--as-of", "2021-12-24"),
            ("next", "AUSMIN", "--as-of", "2024-01-01"),
            ("next", "jp-us", "--as-of", "2199-12-31", "--json"),
            ("next", "in-ru", "--as-of", "2022-01-01"),
        ],
    )
    def test_next_says_what_it_says_from_the_whole_record(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        whole = ("--data", str(RECORD), *argv)
        said = []
        for args in (argv, whole):
            code = cli.main(list(args))
            out, err = capsys.readouterr()
            said.append((code, out, err))

        assert said[0] == said[1]

    def test_a_dialogue_not_yet_on_record_then_is_an_error(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert 1 == cli.main(["next", "in-us", "--as-of", "2000-01-01"])
        assert "in-us has nothing on record as of 2000-01-01" in capsys.readouterr().err
