"""
Editing data without hand-written JSON: the with_* methods, load and save, and the commands.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
from pathlib import Path

import pendulum
import pytest

import twoplustwo as tpt
from builders import DELHI, F, held, mechanism
from twoplustwo import cli

RECIPES = Path(__file__).parent.parent / "docs" / "recipes.md"


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "my-data.json"
    tpt.save(tpt.load_seed(), path)
    return path


class TestWithMethods:
    """Changed copies, each checked like a new object."""

    def test_with_round_replaces_by_ordinal_or_inserts_in_order(self) -> None:
        m = mechanism(held(1, "2018", DELHI), held(3, "2020"))
        assert [1, 2, 3] == [r.ordinal for r in m.with_round(held(2, "2019")).rounds]
        replaced = m.with_round(held(3, "2021"))
        assert (F.parse("2021"), 2) == (replaced.rounds[-1].date, len(replaced.rounds))
        with pytest.raises(tpt.InvalidModel, match="is before round 1"):
            m.with_round(held(2, "2017"))

    def test_with_status_adds_the_latest_change(self) -> None:
        later = tpt.StatusChange(tpt.MechanismStatus.DORMANT, F.parse("2024"))
        earlier = tpt.StatusChange(tpt.MechanismStatus.ACTIVE, F.parse("2020"))
        m = mechanism().with_status(later)
        assert (later,) == m.status_changes
        with pytest.raises(tpt.InvalidModel, match="changes go oldest first"):
            m.with_status(earlier)

    def test_with_mechanism_replaces_by_id_or_adds(self) -> None:
        data = tpt.load_seed()
        renamed = tpt.load_seed().mechanism("in-jp")
        assert data == data.with_mechanism(renamed)
        other = mechanism(id="in-fr", parties=(data.mechanisms[0].parties[0], _france()))
        assert ["in-us", "in-jp", "in-au", "in-ru", "in-fr"] == [
            m.id for m in data.with_mechanism(other).mechanisms
        ]

    def test_with_as_of_keeps_held_rounds_before_it(self) -> None:
        data = tpt.load_seed()
        with pytest.raises(tpt.InvalidModel, match="after as_of=2020-01-01"):
            data.with_as_of(pendulum.Date(2020, 1, 1))


def _france() -> tpt.Country:
    return tpt.Country("FR", "France", tpt.City("Paris", "FR", "Europe/Paris"))


class TestLoadAndSave:
    """load and save take paths and open files; save replaces a file atomically."""

    def test_paths_and_file_objects(self, seed_file: Path) -> None:
        assert tpt.load_seed() == tpt.load(seed_file)
        assert tpt.load_seed() == tpt.load(str(seed_file))
        with seed_file.open("rb") as file:
            assert tpt.load_seed() == tpt.load(file)
        out = io.StringIO()
        tpt.save(tpt.load_seed().mechanism("in-ru"), out)
        assert tpt.load_seed().mechanism("in-ru") == tpt.loads(out.getvalue(), tpt.Mechanism)

    def test_a_missing_file_is_our_error(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error, match=r"cannot read '.*none\.json': No such file"):
            tpt.load(tmp_path / "none.json")

    def test_a_failed_save_leaves_the_file_and_no_temporary_one(
        self, seed_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        before = seed_file.read_bytes()

        def full(_: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(tpt.Error, match="No space left on device"):
            tpt.save(tpt.Dataset(as_of=pendulum.Date(2020, 1, 1), mechanisms=()), seed_file)
        assert before == seed_file.read_bytes()
        assert [seed_file] == list(seed_file.parent.iterdir())


class TestCommands:
    """export, add-round and set-status edit a file in place, and only a valid one."""

    def test_export_prints_or_writes_the_data(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert 0 == cli.main(["--seed", "export"])
        assert tpt.load_seed() == tpt.loads(capsys.readouterr().out, tpt.Dataset)
        out = tmp_path / "world.json"
        assert 0 == cli.main(["export", "-o", str(out)])
        assert tpt.load_dataset() == tpt.load(out)

    def test_add_round_appends_and_moves_as_of(self, seed_file: Path) -> None:
        argv = ["--data", str(seed_file), "add-round", "IN-RU", "--status", "held"]
        argv += ["--date", "15-16 November 2022"]
        argv += ["--host", "ru", "--venue", "Moscow", "--source-url", "https://example.org/a"]
        argv += ["--source-title", "A report", "--source-published", "2022-11-17"]
        assert 0 == cli.main(argv)
        data = tpt.load(seed_file)
        second = data.mechanism("in-ru").rounds[-1]
        assert (2, "RU", "Moscow", "Europe/Moscow") == (
            second.ordinal,
            second.host,
            second.venue.name if second.venue else None,
            second.venue.timezone if second.venue else None,
        )
        assert pendulum.Date(2022, 11, 17) == data.as_of

    def test_add_round_with_an_ordinal_on_record_keeps_what_it_does_not_set(
        self, seed_file: Path
    ) -> None:
        argv = ["--data", str(seed_file), "add-round", "in-us", "--ordinal", "4", "--status"]
        assert 0 == cli.main([*argv, "held", "--date", "11 April 2022", "--note", "Held."])
        fourth = tpt.load(seed_file).mechanism("in-us").rounds[3]
        assert (tpt.RoundStatus.HELD, "Held.") == (fourth.status, fourth.note)
        assert ["S. Jaishankar", "Rajnath Singh"] == [p.name for p in fourth.participants]
        assert pendulum.Date(2022, 4, 11) == tpt.load(seed_file).as_of

    def test_add_round_abroad_in_a_third_country(self, seed_file: Path) -> None:
        argv = ["--data", str(seed_file), "add-round", "in-ru", "--date", "2022-11"]
        argv += ["--status", "held", "--host", "IN", "--venue", "Bali", "--venue-country", "ID"]
        argv += ["--timezone", "Asia/Makassar"]
        assert 0 == cli.main(argv)
        second = tpt.load(seed_file).mechanism("in-ru").rounds[-1]
        assert second.abroad

    @pytest.mark.parametrize(
        ("argv", "says"),
        [
            (["--venue", "Delhi"], "a --venue needs --host or --venue-country"),
            (["--venue", "Bali", "--venue-country", "ID"], "give --timezone for a venue in ID"),
            (["--source-url", "https://example.org"], "give --source-url and --source-title"),
            (["--host", "UK"], "did you mean GB?"),
        ],
    )
    def test_add_round_refuses_what_it_cannot_record_and_leaves_the_file(
        self,
        seed_file: Path,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        says: str,
    ) -> None:
        before = seed_file.read_bytes()
        base = [
            "--data",
            str(seed_file),
            "add-round",
            "in-ru",
            "--date",
            "2022",
            "--status",
            "held",
        ]
        assert 1 == cli.main([*base, *argv])
        assert says in capsys.readouterr().err
        assert before == seed_file.read_bytes()

    @pytest.mark.parametrize("data", [[], ["--data", "-"]])
    def test_editing_needs_a_file(
        self, capsys: pytest.CaptureFixture[str], data: list[str]
    ) -> None:
        assert 1 == cli.main([*data, "set-status", "in-ru", "--status", "ended", "--date", "2024"])
        assert "name the file to edit with --data FILE" in capsys.readouterr().err

    def test_set_status_records_the_change(self, seed_file: Path) -> None:
        argv = ["--data", str(seed_file), "set-status", "in-ru", "--status", "suspended"]
        assert 0 == cli.main([*argv, "--date", "March 2022", "--note", "Paused."])
        m: tpt.Mechanism = tpt.load(seed_file).mechanism("in-ru")
        assert tpt.MechanismStatus.SUSPENDED == m.status_on(pendulum.Date(2022, 4, 1))


class TestTheRecipe:
    """The command-line recipe on the recipes page runs as written."""

    def test_it_runs(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        page = RECIPES.read_text("utf-8")
        block = re.search(r"```console\n(\$ twoplustwo --seed export.*?)```", page, re.DOTALL)
        assert block is not None
        commands = block[1].replace("\\\n", " ").split("$ ")[1:]
        monkeypatch.chdir(tmp_path)
        for command in commands:
            assert 0 == cli.main(shlex.split(command)[1:]), command
        out = capsys.readouterr().out
        assert "round 3" in out.split("Why:")[-2]
        assert json.loads((tmp_path / "my-data.json").read_text("utf-8"))["format"] == tpt.FORMAT
