"""
Format versions: twoplustwo/1 documents are upgraded on read, and `migrate` writes /2 files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given

import twoplustwo as tpt
from builders import DELHI, HELD, F, mechanism
from strategies import datasets
from twoplustwo import cli

NEW_KEYS = ("mode", "host", "abroad", "uncertain")


def _as_v1(document: dict[str, Any]) -> dict[str, Any]:
    """
    Return a /2 Dataset document in the shape of /1: what /1 could not say is dropped.
    """
    old: dict[str, Any] = json.loads(json.dumps(document))
    old["format"] = "twoplustwo/1"
    for each in old["mechanisms"]:
        del each["status_changes"]
        for current in each["rounds"]:
            for key in NEW_KEYS:
                del current[key]
            # /1 had dates only: a plan without one cannot be written in /1.
            current["slipped_from"] = [p["date"] for p in current["slipped_from"] if p["date"]]
    return old


def _shape(obj: object) -> object:
    """
    The value with the exact type of everything inside, to compare more than ==.
    """
    if isinstance(obj, tuple | list):
        return (type(obj), [_shape(item) for item in obj])
    if hasattr(obj, "__attrs_attrs__"):
        return (type(obj), {a.name: _shape(getattr(obj, a.name)) for a in obj.__attrs_attrs__})
    return (type(obj), obj)


class TestUpgradeOnRead:
    """A /1 document loads, and dumps as a /2 document that loads to the same objects."""

    @given(datasets(max_mechanisms=2))
    def test_a_v1_document_loads_and_round_trips_as_v2(self, data: tpt.Dataset) -> None:
        old = _as_v1(json.loads(tpt.dumps(data)))
        upgraded = tpt.loads(json.dumps(old), tpt.Dataset)
        written = json.loads(tpt.dumps(upgraded))
        assert tpt.FORMAT == written["format"]
        again = tpt.loads(tpt.dumps(upgraded), tpt.Dataset)
        assert _shape(upgraded) == _shape(again)
        for before, after in zip(old["mechanisms"], upgraded.mechanisms, strict=True):
            assert () == after.status_changes
            for raw, current in zip(before["rounds"], after.rounds, strict=True):
                assert (tpt.Mode.IN_PERSON, None, False, ()) == (
                    current.mode,
                    current.host,
                    current.abroad,
                    current.uncertain,
                )
                assert raw["slipped_from"] == [str(plan.date) for plan in current.slipped_from]
                assert all(p.venue is None and p.host is None for p in current.slipped_from)

    def test_a_v2_document_without_the_later_keys_still_loads(self) -> None:
        document = json.loads(tpt.dumps(tpt.load_seed()))
        for each in document["mechanisms"]:
            del each["checked"]
            for current in each["rounds"]:
                del current["counted"]
        assert tpt.load_seed() == tpt.loads(json.dumps(document), tpt.Dataset)

    def test_a_checked_day_travels_as_an_iso_day(self) -> None:
        document = json.loads(tpt.dumps(tpt.load_seed()))
        document["mechanisms"][0]["checked"] = "2022-01-03"
        checked = tpt.loads(json.dumps(document), tpt.Dataset).mechanisms[0].checked
        assert (pendulum.Date, pendulum.Date(2022, 1, 3)) == (type(checked), checked)
        document["mechanisms"][0]["checked"] = "2022-01"
        with pytest.raises(
            tpt.DecodeError, match=r"YYYY-MM-DD, got .2022-01. @ \$\.mechanisms\[0\]\.checked"
        ):
            tpt.loads(json.dumps(document), tpt.Dataset)

    def test_the_seed_as_v1_is_the_seed(self) -> None:
        seed = tpt.load_seed()
        assert seed == tpt.loads(json.dumps(_as_v1(json.loads(tpt.dumps(seed)))), tpt.Dataset)

    @pytest.mark.parametrize(
        ("mechanisms", "says"),
        [
            (5, "expected an array, got an integer @ $.mechanisms"),
            ([5], "expected an object (Mechanism), got an integer @ $.mechanisms[0]"),
            ([{"rounds": 5}], "expected an array, got an integer @ $.mechanisms[0].rounds"),
            ([{"rounds": [7]}], "expected an object (Round), got an integer @ $.mechanisms[0]."),
            (
                [{"rounds": [{"slipped_from": [3]}]}],
                (
                    "expected an object (Plan), got an integer @ $.mechanisms[0].rounds[0]."
                    "slipped_from[0]"
                ),
            ),
        ],
        ids=["not an array", "not an object", "rounds", "round", "plan"],
    )
    def test_a_malformed_v1_document_is_reported_at_its_paths(
        self, mechanisms: object, says: str
    ) -> None:
        document = {"format": "twoplustwo/1", "as_of": "2021-12-24", "mechanisms": mechanisms}
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(json.dumps(document), tpt.Dataset)
        assert any(str(problem).startswith(says) for problem in info.value.problems)


class TestMigrate:
    """`twoplustwo migrate` writes the /2 form of a file, and never half a file."""

    @pytest.fixture
    def old(self, tmp_path: Path) -> Path:
        path = tmp_path / "old.json"
        path.write_text(json.dumps(_as_v1(json.loads(tpt.dumps(tpt.load_seed())))), "utf-8")
        return path

    def test_it_prints_the_v2_document(self, old: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["migrate", str(old)])
        out = capsys.readouterr().out
        assert tpt.dumps(tpt.load_seed(), indent=2) + "\n" == out

    def test_it_writes_a_new_file_and_says_so_on_standard_error(
        self, old: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        new = tmp_path / "new.json"
        assert 0 == cli.main(["migrate", str(old), "-o", str(new)])
        assert ("", f"Wrote {new}.\n") == capsys.readouterr()
        assert tpt.load_seed() == tpt.loads(new.read_bytes(), tpt.Dataset)
        assert 0o644 == new.stat().st_mode & 0o777

    def test_it_refuses_to_overwrite_its_input_unless_asked(
        self, old: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        before = old.read_bytes()
        assert 1 == cli.main(["migrate", str(old), "-o", str(old)])
        assert "is the input file; give --in-place to replace it" in capsys.readouterr().err
        assert before == old.read_bytes()
        old.chmod(0o600)
        assert 0 == cli.main(["migrate", str(old), "--in-place"])
        assert tpt.dumps(tpt.load_seed(), indent=2) + "\n" == old.read_text("utf-8")
        assert 0o600 == old.stat().st_mode & 0o777

    def test_a_bad_input_writes_nothing(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad, new = tmp_path / "bad.json", tmp_path / "new.json"
        bad.write_text('{"format": "twoplustwo/1"}', "utf-8")
        assert 1 == cli.main(["migrate", str(bad), "-o", str(new)])
        assert "required key missing @ $.as_of" in capsys.readouterr().err
        assert not new.exists()

    @pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
    def test_a_failed_write_leaves_the_file_as_it_was_and_no_temporary_file(
        self,
        old: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        error: BaseException,
    ) -> None:
        before = old.read_bytes()

        def fail(_: int) -> None:
            raise error

        monkeypatch.setattr(os, "fsync", fail)
        if isinstance(error, OSError):
            assert 1 == cli.main(["migrate", str(old), "--in-place"])
            assert "No space left on device" in capsys.readouterr().err
        else:
            assert 130 == cli.main(["migrate", str(old), "--in-place"])
            assert "twoplustwo: interrupted\n" == capsys.readouterr().err
        assert before == old.read_bytes()
        lock = old.with_name(old.name + ".lock")  # the lock file stays, empty
        assert [old, lock] == sorted(old.parent.iterdir())


class TestShowsRealHistory:
    """`show` and `next` say how each round met and what is uncertain."""

    def test_virtual_abroad_uncertain_and_stopped_rounds_are_shown(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        rounds = (
            tpt.Round(1, HELD, F.parse("2019-05"), DELHI),
            tpt.Round(2, HELD, F.parse("2020-09"), mode=tpt.Mode.VIRTUAL),
            tpt.Round(
                3,
                HELD,
                F.parse("2022-11-03"),
                tpt.City("Tokyo", "JP", "Asia/Tokyo"),
                host="US",
                abroad=True,
                uncertain=(tpt.Uncertainty(tpt.Fact.DATE, "Reported a day apart."),),
            ),
            tpt.Round(
                4,
                tpt.RoundStatus.PROPOSED,
                F.parse("2023"),
                mode=tpt.Mode.VIRTUAL,
                sources=(tpt.Source("Ministers agree to meet", published=F.parse("2023-01-10")),),
            ),
        )
        stopped = tpt.StatusChange(tpt.MechanismStatus.SUSPENDED, F.parse("2024-03"), "Paused.")
        dataset = tpt.Dataset(
            as_of=F.parse("2024-06-01").earliest,
            mechanisms=(mechanism(*rounds, status_changes=(stopped,)),),
        )
        path = tmp_path / "data.json"
        path.write_text(tpt.dumps(dataset), "utf-8")
        assert 0 == cli.main(["--data", str(path), "show", "in-us"])
        out = capsys.readouterr().out
        assert "2      held      2020-09      virtual    -     -" in out
        assert "Tokyo (abroad)" in out
        assert "2022-11-03?" in out
        assert "Round 3, date uncertain: Reported a day apart." in out
        assert "Since March 2024: suspended. Paused." in out
        assert 0 == cli.main(["--data", str(path), "next", "in-us", "--as-of", "2024-06-01"])
        assert "State: suspended since March 2024: no next round is expected. Paused." in (
            capsys.readouterr().out
        )
        assert 0 == cli.main(["--data", str(path), "next", "in-us", "--as-of", "2023-06-01"])
        assert "Host:  none (by video)\n" in capsys.readouterr().out
