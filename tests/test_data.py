"""
The embedded record of the world's 2+2 dialogues, its loader, and the checks CI runs on it.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pendulum
import pytest

import twoplustwo as tpt
from twoplustwo import _seed

FOLDER = Path(str(resources.files("twoplustwo").joinpath("seeds/dialogues")))
F = tpt.FuzzyDate.parse


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """
    A copy of the embedded folder, to break.
    """
    copy = tmp_path / "dialogues"
    shutil.copytree(FOLDER, copy)
    return copy


def _edit(path: Path, change: object) -> None:
    document = json.loads(path.read_text("utf-8"))
    change(document)  # type: ignore[operator] # a function of the document
    path.write_text(json.dumps(document), "utf-8")


class TestTheRecord:
    """The record covers the dialogues it promises, each round sourced."""

    def test_the_dialogues_the_project_asked_for_are_there(self, world: tpt.Dataset) -> None:
        pairs = {frozenset(m.codes) for m in world.mechanisms}
        wanted = ["IN US", "IN JP", "IN AU", "IN RU", "JP US", "JP AU", "JP GB", "JP FR", "JP DE"]
        wanted += ["JP ID", "JP PH", "AU US", "AU GB", "AU ID", "AU KR", "KR US", "PH US"]
        assert {frozenset(pair.split()) for pair in wanted} <= pairs
        assert len(world.mechanisms) >= 26
        assert sum(len(m.rounds) for m in world.mechanisms) >= 175

    def test_every_dialogue_was_checked_within_a_year_of_as_of(self, world: tpt.Dataset) -> None:
        year_before = world.as_of.subtract(years=1)
        late = [m.id for m in world.mechanisms if m.checked is None or m.checked < year_before]
        assert [] == late

    def test_every_file_is_what_dumps_writes(self) -> None:
        for name in _seed.index():
            text = (FOLDER / name).read_text("utf-8")
            assert tpt.dumps(tpt.loads(text, tpt.Dataset), indent=2) + "\n" == text, name

    def test_the_record_s_own_counts_are_marked_counted(self, world: tpt.Dataset) -> None:
        rows = [r for r in tpt.rounds_table(world) if r["mechanism"] == "jp-us"]
        assert rows
        assert all(row["counted"] for row in rows)
        counted = {(m.id, r.ordinal) for m in world.mechanisms for r in m.rounds if r.counted}
        assert not any(
            r.is_uncertain(tpt.Fact.ORDINAL)
            and "counted by" in " ".join(u.note for u in r.uncertain)
            for m in world.mechanisms
            for r in m.rounds
            if (m.id, r.ordinal) not in counted
        )

    def test_every_round_has_a_source_with_a_url(self, world: tpt.Dataset) -> None:
        for mechanism in world.mechanisms:
            for current in mechanism.rounds:
                assert current.sources, (mechanism.id, current.ordinal)
                assert any(s.url for s in current.sources), (mechanism.id, current.ordinal)

    def test_as_of_is_the_latest_file_date(self, world: tpt.Dataset) -> None:
        latest = max(
            tpt.loads((FOLDER / name).read_bytes(), tpt.Dataset).as_of for name in _seed.index()
        )
        assert latest == world.as_of

    def test_a_stopped_dialogue_says_so(self, world: tpt.Dataset) -> None:
        japan_russia = world.mechanism("jp-ru")
        assert tpt.MechanismStatus.SUSPENDED == japan_russia.status_on(pendulum.Date(2015, 1, 1))
        assert tpt.MechanismStatus.ACTIVE == japan_russia.status_on(pendulum.Date(2018, 1, 1))

    def test_virtual_rounds_take_no_turn(self, world: tpt.Dataset) -> None:
        virtual = [
            h for m in world.mechanisms for h in m.hostings() if h.round.mode is tpt.Mode.VIRTUAL
        ]
        assert virtual
        assert all(h.host is None for h in virtual)


class TestTheSeedFactsStay:
    """The article's facts are in the record as they were, with the article as a source."""

    def test_india_us_rounds_keep_the_article_facts(self, world: tpt.Dataset) -> None:
        seed, now = tpt.load_seed().mechanism("in-us"), world.mechanism("in-us")
        article = seed.sources[0]
        for old, new in zip(seed.rounds[:3], now.rounds[:3], strict=True):
            assert old.date.contains(new.date.earliest)
            assert old.date.contains(new.date.latest)
            assert article in new.sources
        assert seed.rounds[0].venue == now.rounds[0].venue
        assert seed.rounds[0].participants == now.rounds[0].participants
        fourth = now.rounds[3]
        assert seed.rounds[3].participants == fourth.participants
        planned = {(p.date, p.venue) for p in fourth.slipped_from}
        assert (seed.rounds[3].date, seed.rounds[3].venue) in planned
        assert seed.rounds[3].slipped_from[0].date in {date for date, _ in planned}

    def test_india_russia_keeps_its_first_round(self, world: tpt.Dataset) -> None:
        old = tpt.load_seed().mechanism("in-ru").rounds[0]
        new = world.mechanism("in-ru").rounds[0]
        assert (old.date, old.venue) == (new.date, new.venue)

    def test_the_quad_and_the_sanction_risk_are_there(self, world: tpt.Dataset) -> None:
        seed = tpt.load_seed()
        assert seed.groupings == world.groupings
        assert seed.sanction_risks == world.sanction_risks


class TestCheck:
    """check_data names the file and the path of each problem."""

    def test_the_embedded_folder_and_its_copy_pass(self, folder: Path) -> None:
        assert () == tpt.check_data()
        assert () == tpt.check_data(folder)
        assert tpt.load_dataset() == tpt.load_dataset(folder)

    def test_a_file_missing_or_not_listed(self, folder: Path) -> None:
        (folder / "in-ru.json").rename(folder / "russia.json")
        assert (
            "index.json: in-ru.json is not in the folder @ $.files",
            "index.json: russia.json is not listed @ $.files",
        ) == tpt.check_data(folder)

    def test_a_broken_file_is_reported_with_its_paths(self, folder: Path) -> None:
        _edit(folder / "in-au.json", lambda d: d["mechanisms"][0]["rounds"][0].update(date="x"))
        (problem,) = tpt.check_data(folder)
        assert problem.startswith("in-au.json: ")
        assert problem.endswith("@ $.mechanisms[0].rounds[0].date")
        with pytest.raises(tpt.Error, match=r"^in-au\.json: .* @ \$\.mechanisms\[0\]"):
            tpt.load_dataset(folder)

    def test_a_round_without_a_source_or_after_a_gap(self, folder: Path) -> None:
        def change(document: dict[str, list[dict[str, list[dict[str, object]]]]]) -> None:
            rounds = document["mechanisms"][0]["rounds"]
            rounds[0]["sources"] = []
            rounds[2]["ordinal"] = 5

        _edit(folder / "in-jp.json", change)
        assert (
            "in-jp.json: round 1 has no source @ $.mechanisms[0].rounds[0].sources",
            (
                "in-jp.json: round 5 follows round 2: mark its ordinal uncertain or counted and "
                "say why @ $.mechanisms[0].rounds[2].ordinal"
            ),
        ) == tpt.check_data(folder)

        def doubt(document: dict[str, list[dict[str, list[dict[str, object]]]]]) -> None:
            rounds = document["mechanisms"][0]["rounds"]
            rounds[2]["uncertain"] = [{"fact": "ordinal", "note": "Counted by us."}]

        _edit(folder / "in-jp.json", doubt)
        assert 1 == len(tpt.check_data(folder))

        def count(document: dict[str, list[dict[str, list[dict[str, object]]]]]) -> None:
            rounds = document["mechanisms"][0]["rounds"]
            rounds[2]["uncertain"] = []
            rounds[2]["counted"] = True

        _edit(folder / "in-jp.json", count)
        assert 1 == len(tpt.check_data(folder))

    def test_a_dialogue_needs_a_checked_day_not_before_its_sources(self, folder: Path) -> None:
        def change(document: dict[str, list[dict[str, object]]]) -> None:
            mechanism = document["mechanisms"][0]
            mechanism["checked"] = "2024-08-21"  # its latest source
            sources = mechanism["rounds"][2]["sources"]  # type: ignore[index] # a round
            sources[0]["accessed"] = "2024-09"

        _edit(folder / "in-jp.json", change)
        _edit(folder / "in-au.json", lambda d: d["mechanisms"][0].update(checked=None))
        problems = tpt.check_data(folder)
        missing = "in-au has no checked day: say when it was last checked against the news"
        assert [f"in-au.json: {missing} @ $.mechanisms[0].checked"] == [
            p for p in problems if p.startswith("in-au")
        ]
        assert [p.rpartition(" @ ")[2] for p in problems if p.startswith("in-jp")] == [
            "$.mechanisms[0].rounds[2].sources[0].accessed"
        ]
        assert () == tpt.check_data(folder, skip=["checked"])

    def test_a_file_of_its_own_need_not_say_when_it_was_checked(self, folder: Path) -> None:
        _edit(folder / "in-au.json", lambda d: d["mechanisms"][0].update(checked=None))
        assert () == tpt.check_data(folder / "in-au.json")
        assert 1 == len(tpt.check_data(folder))

    def test_a_source_published_after_the_checked_day(self, folder: Path) -> None:
        _edit(folder / "in-ru.json", lambda d: d["mechanisms"][0].update(checked="2026-01-19"))
        (problem,) = tpt.check_data(folder)
        assert problem.startswith('in-ru.json: in-ru: a source ("TASS: Lavrov on Russia-India')
        assert problem.endswith(
            ") is published up to 2026-01-20, after the checked day 2026-01-19 "
            "@ $.mechanisms[0].sources[3].published"
        )

    def test_a_checked_day_after_today(self, folder: Path) -> None:
        problems = tpt.check_data(folder, today=pendulum.Date(2026, 12, 1))
        assert "in-ru.json: in-ru is checked on 2026-12-02, after 2026-12-01 @ " in "\n".join(
            problems
        )
        assert () == tpt.check_data(folder, today=pendulum.Date(2026, 12, 1), skip=["future"])

    def test_a_mechanism_in_the_wrong_file_or_twice(self, folder: Path) -> None:
        _edit(folder / "in-au.json", lambda d: d["mechanisms"][0].update(id="india-au"))
        shutil.copy(folder / "in-jp.json", folder / "copy.json")
        _edit(folder / "index.json", lambda d: d["files"].append("copy.json"))
        assert (
            "in-au.json: india-au belongs in india-au.json @ $.mechanisms[0].id",
            "copy.json: in-jp belongs in in-jp.json @ $.mechanisms[0].id",
            (
                "copy.json: in-jp has the parties and portfolios of in-jp (in-jp.json) @ "
                "$.mechanisms[0]"
            ),
        ) == tpt.check_data(folder)

    def test_data_from_the_future(self, folder: Path) -> None:
        problems = tpt.check_data(folder, today=pendulum.Date(2026, 1, 1))
        assert "ca-kr.json: as_of 2026-02-25 is after 2026-01-01 @ $.as_of" in problems

    @pytest.mark.parametrize(
        ("text", "says"),
        [
            ("[", "index.json: invalid JSON"),
            ('{"files": ["../x.json"]}', 'index.json: expected {"files": ["name.json", ...]}'),
            ("[]", 'index.json: expected {"files"'),
        ],
    )
    def test_a_bad_index(self, folder: Path, text: str, says: str) -> None:
        (folder / "index.json").write_text(text, "utf-8")
        (problem,) = tpt.check_data(folder)
        assert problem.startswith(says)
        with pytest.raises(tpt.Error, match=r"^index\.json: "):
            tpt.load_dataset(folder)

    def test_an_unreadable_file_and_an_empty_index(self, folder: Path) -> None:
        (folder / "in-au.json").unlink()
        (folder / "in-au.json").mkdir()
        problems = tpt.check_data(folder)
        assert any("in-au.json: cannot read" in p and "it is a folder" in p for p in problems)
        (folder / "index.json").write_text('{"files": []}', "utf-8")
        with pytest.raises(tpt.Error, match="the index lists no files"):
            tpt.load_dataset(folder)


class TestTheCommandLineReadsIt:
    """The command line reads the record by default, the article with --seed, a folder too."""

    def test_next_in_us_is_the_round_after_the_latest(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from twoplustwo import cli  # noqa: PLC0415 - the command line, for these tests only

        assert 0 == cli.main(["next", "in-us", "--as-of", "2024-01-01"])
        out = capsys.readouterr().out
        assert "State: expected: round 6\n" in out
        assert "Host:  United States (" in out
        assert 0 == cli.main(["--seed", "next", "in-us", "--as-of", "2021-12-24"])
        assert "State: announced: round 4," in capsys.readouterr().out

    def test_a_folder_is_data_too(self, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from twoplustwo import cli  # noqa: PLC0415 - the command line, for these tests only

        assert 0 == cli.main(["--data", str(folder), "show", "jp-ru"])
        assert "suspended" in capsys.readouterr().out
