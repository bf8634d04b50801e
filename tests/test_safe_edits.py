"""
Edits that never lose data: field-by-field edits, the one reader and writer, the lock, and
the record as known on a day.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import stat
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, WASHINGTON, F, held, mechanism
from twoplustwo import _files, _seed, cli
from twoplustwo.cli import _app
from twoplustwo.strategies import datasets

TODAY = pendulum.Date(2026, 12, 5)
SOURCE = tpt.Source("A report", published=F.parse("2023-11-12"), url="https://example.org/a")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestEditRound:
    """edit_round adds a round or updates one field by field; nothing unnamed is lost."""

    def test_a_new_round_needs_its_status_and_date(self) -> None:
        with pytest.raises(tpt.Error, match="in-ru round 2 is new: give its status and date"):
            tpt.edit_round(tpt.load_seed(), "in-ru", today=TODAY)
        with pytest.raises(tpt.Error, match="give its date"):
            tpt.edit_round(tpt.load_seed(), "in-ru", status=tpt.RoundStatus.HELD, today=TODAY)

    def test_a_new_round_is_added_and_said(self) -> None:
        edit = tpt.edit_round(
            tpt.load_seed(),
            "in-ru",
            status=tpt.RoundStatus.SCHEDULED,
            date=F.parse("2026-03"),
            host="RU",
            sources=(SOURCE,),
            today=TODAY,
        )
        assert "in-ru round 2: added, scheduled March 2026, host RU, 1 source." in edit.summary
        assert "Data as of 2023-11-12." in edit.summary
        assert pendulum.Date(2023, 11, 12) == edit.dataset.as_of
        assert edit.changed
        assert str(edit) == edit.summary

    def test_marking_a_scheduled_round_held_keeps_its_host_venue_and_people(self) -> None:
        before = tpt.load_seed().mechanism("in-us").rounds[3]
        edit = tpt.edit_round(
            tpt.load_seed(),
            "in-us",
            4,
            status=tpt.RoundStatus.HELD,
            date=F.parse("2022-04-11"),
            today=TODAY,
        )
        after = edit.dataset.mechanism("in-us").rounds[3]
        assert (before.venue, before.host, before.participants, before.sources) == (
            after.venue,
            after.host,
            after.participants,
            after.sources,
        )
        assert tpt.RoundStatus.HELD == after.status
        assert "status: scheduled -> held" in edit.changes

    def test_a_held_rounds_date_venue_and_host_change_only_with_replace(self) -> None:
        data = tpt.load_seed()
        for field, value in (
            ("date", F.parse("2026-03")),
            ("venue", WASHINGTON),
            ("host", "US"),
        ):
            with pytest.raises(tpt.Error, match=f"in-us round 1 was held; its {field} is"):
                tpt.edit_round(data, "in-us", 1, **{field: value}, today=TODAY)  # type: ignore[arg-type] # each keyword in turn
        with pytest.raises(tpt.Error, match="needs --replace"):
            tpt.edit_round(data, "in-us", 1, clear=("venue",), today=TODAY)
        moved = tpt.edit_round(
            data, "in-us", 1, venue=WASHINGTON, host="US", replace=True, today=TODAY
        )
        assert "venue: New Delhi (IN) -> Washington (US)" in moved.changes
        assert WASHINGTON == moved.dataset.mechanism("in-us").rounds[0].venue

    def test_a_missing_fact_of_a_held_round_may_be_filled_in(self) -> None:
        data = tpt.Dataset(TODAY, (mechanism(held(1, "2019-05")),))
        edit = tpt.edit_round(data, "in-us", 1, venue=DELHI, today=TODAY)
        assert DELHI == edit.dataset.mechanism("in-us").rounds[0].venue

    def test_a_venue_outside_the_host_is_abroad(self) -> None:
        bali = tpt.City("Bali", "ID", "Asia/Makassar")
        data = tpt.Dataset(TODAY, (mechanism(held(1, "2019-05")),))
        added = tpt.edit_round(
            data, "in-us", status=tpt.RoundStatus.HELD, date=F.parse("2020"), host="IN", today=TODAY
        )
        edit = tpt.edit_round(added.dataset, "in-us", 2, venue=bali, today=TODAY)
        assert edit.dataset.mechanism("in-us").rounds[1].abroad

    def test_clear_takes_only_what_can_be_cleared_and_not_what_is_given(self) -> None:
        with pytest.raises(tpt.Error, match="cannot clear 'date'"):
            tpt.edit_round(tpt.load_seed(), "in-us", 4, clear=("date",), today=TODAY)
        with pytest.raises(tpt.Error, match="venue is both given and cleared"):
            tpt.edit_round(tpt.load_seed(), "in-us", 4, venue=DELHI, clear=("venue",), today=TODAY)
        edit = tpt.edit_round(tpt.load_seed(), "in-us", 4, clear=("venue", "note"), today=TODAY)
        assert edit.dataset.mechanism("in-us").rounds[3].venue is None

    def test_a_gap_and_a_round_after_a_pending_one_are_refused_with_a_hint(self) -> None:
        with pytest.raises(tpt.Error, match="in-ru has no round 4: the next round is 2"):
            tpt.edit_round(tpt.load_seed(), "in-ru", 5, status=tpt.RoundStatus.HELD, today=TODAY)
        with pytest.raises(tpt.Error, match=r"update it with ordinal 4 \(--ordinal 4"):
            tpt.edit_round(
                tpt.load_seed(),
                "in-us",
                status=tpt.RoundStatus.HELD,
                date=F.parse("2023"),
                today=TODAY,
            )

    def test_nothing_is_held_or_published_after_today(self) -> None:
        with pytest.raises(tpt.Error, match="runs to 2026-12-31, after today"):
            tpt.edit_round(
                tpt.load_seed(),
                "in-ru",
                status=tpt.RoundStatus.HELD,
                date=F.parse("2026-12"),
                today=TODAY,
            )
        late = tpt.Source("Tomorrow's paper", published=F.parse("2026-12-06"))
        with pytest.raises(tpt.Error, match="published 6 December 2026, after today"):
            tpt.edit_round(tpt.load_seed(), "in-us", 4, sources=(late,), today=TODAY)

    def test_an_edit_that_changes_nothing_says_so(self) -> None:
        data = tpt.load_seed()
        edit = tpt.edit_round(data, "in-us", 1, venue=DELHI, today=TODAY)
        assert (False, data) == (edit.changed, edit.dataset)
        assert "unchanged" in edit.summary

    @given(datasets(), st.data())
    def test_what_an_edit_does_not_name_is_unchanged(
        self, data: tpt.Dataset, draw: st.DataObject
    ) -> None:
        candidates = [m for m in data.mechanisms if m.rounds]
        if not candidates:
            return
        found = draw.draw(st.sampled_from(candidates))
        target = draw.draw(st.sampled_from(found.rounds))
        day = max(data.as_of, TODAY)
        edit = tpt.edit_round(
            data, found.id, target.ordinal, note="Checked again.", sources=(SOURCE,), today=day
        )
        after = edit.dataset.mechanism(found.id)
        changed = next(r for r in after.rounds if r.ordinal == target.ordinal)
        assert attrs.evolve(target, note=None, sources=()) == attrs.evolve(
            changed, note=None, sources=()
        )
        assert (*target.sources, SOURCE) == changed.sources or SOURCE in target.sources
        others = [r for r in after.rounds if r.ordinal != target.ordinal]
        assert [r for r in found.rounds if r.ordinal != target.ordinal] == others
        assert [m for m in data.mechanisms if m.id != found.id] == [
            m for m in edit.dataset.mechanisms if m.id != found.id
        ]
        assert edit.dataset == tpt.loads(tpt.dumps(edit.dataset), tpt.Dataset)


class TestEditStatus:
    """edit_status records a change of status; not a repeat, and not after today."""

    def test_a_change_is_recorded_and_said(self) -> None:
        change = tpt.StatusChange(tpt.MechanismStatus.SUSPENDED, F.parse("2022-03"))
        edit = tpt.edit_status(tpt.load_seed(), "in-ru", change, today=TODAY)
        assert "in-ru: suspended from March 2022 (was active). Data as of 2022-03-31." == str(edit)
        with pytest.raises(tpt.Error, match="in-ru is already suspended since March 2022"):
            tpt.edit_status(edit.dataset, "in-ru", change, today=TODAY)

    def test_a_change_after_today_is_refused(self) -> None:
        change = tpt.StatusChange(tpt.MechanismStatus.ENDED, F.parse("2027"))
        with pytest.raises(tpt.Error, match="runs to 2027-12-31, after today"):
            tpt.edit_status(tpt.load_seed(), "in-ru", change, today=TODAY)

    def test_active_is_the_status_to_begin_with(self) -> None:
        change = tpt.StatusChange(tpt.MechanismStatus.ACTIVE, F.parse("2022-03"))
        with pytest.raises(tpt.Error, match="in-ru is already active: nothing to record"):
            tpt.edit_status(tpt.load_seed(), "in-ru", change, today=TODAY)


class TestKnownOn:
    """Dataset.known_on gives the record as it was known on a day: nothing dated later."""

    def test_the_india_us_record_on_24_december_2021(self) -> None:
        whole = tpt.load_dataset()
        then = whole.known_on(pendulum.Date(2021, 12, 24))
        in_us = then.mechanism("in-us")
        assert [1, 2, 3, 4] == [r.ordinal for r in in_us.rounds]
        assert pendulum.Date(2021, 12, 24) == then.as_of
        # round 4 as the announcements published by then had it, and no later one
        expected = in_us.rounds[-1]
        assert (tpt.RoundStatus.SCHEDULED, "the 3rd week of January 2022", "Washington") == (
            expected.status,
            expected.date.phrase(),
            expected.venue and expected.venue.name,
        )
        assert all(a.known_by(then.as_of) for a in expected.announced)
        forecast = tpt.next_round(in_us, as_of=then.as_of, context=then)
        assert (4, tpt.Basis.ANNOUNCED) == (forecast.ordinal, forecast.basis)

    def test_a_round_announced_with_no_date_known_is_not_yet_on_record(self) -> None:
        whole = tpt.load_dataset()
        # On 20 July 2023 AUSMIN 33 was announced for Brisbane, but not yet for a day.
        au_us = whole.known_on(pendulum.Date(2023, 7, 20)).mechanism("au-us")
        assert 32 == au_us.rounds[-1].ordinal

    def test_a_checked_day_is_kept_only_once_it_has_come(self) -> None:
        data = tpt.load_seed()
        dialogue = attrs.evolve(data.mechanism("in-us"), checked=data.as_of)
        grown = data.with_mechanism(dialogue)
        assert data.as_of == grown.known_on(data.as_of).mechanism("in-us").checked
        before = data.as_of.subtract(days=1)
        assert grown.known_on(before).mechanism("in-us").checked is None

    def test_a_day_after_as_of_changes_nothing(self) -> None:
        data = tpt.load_seed()
        assert data is data.known_on(pendulum.Date(2030, 1, 1))

    def test_a_pending_round_is_known_from_its_first_dated_source(self) -> None:
        data = tpt.load_seed()  # round 4 of in-us is scheduled, cited by the article of 2021-12-24
        assert 4 == len(data.known_on(pendulum.Date(2021, 12, 24)).mechanism("in-us").rounds)
        assert 3 == len(data.known_on(pendulum.Date(2021, 12, 23)).mechanism("in-us").rounds)

    def test_a_dialogue_with_nothing_known_yet_and_a_later_risk_are_left_out(self) -> None:
        then = tpt.load_seed().known_on(pendulum.Date(2018, 1, 1))
        assert () == then.mechanisms
        assert () == then.sanction_risks

    def test_a_grouping_and_a_risk_keep_only_the_sources_published_by_then(self) -> None:
        data = tpt.load_seed()  # the Quad and CAATSA, each cited by the article of 2021-12-24
        earlier = tpt.Source("Quad leaders meet", published=F.parse("2021-09-24"))
        quad, risk = data.groupings[0], data.sanction_risks[0]
        grown = attrs.evolve(
            data,
            groupings=(attrs.evolve(quad, sources=(earlier, *quad.sources)),),
            sanction_risks=(attrs.evolve(risk, as_of=pendulum.Date(2021, 12, 1)),),
        )
        then = grown.known_on(pendulum.Date(2021, 12, 23))
        assert (earlier,) == then.groupings[0].sources
        assert () == then.sanction_risks[0].sources
        assert risk.status == then.sanction_risks[0].status

    @pytest.mark.parametrize("where", ["grouping source", "risk status", "risk source"])
    def test_a_grouping_or_a_risk_dated_after_as_of_is_refused(self, where: str) -> None:
        data = tpt.load_seed()
        day = pendulum.Date(2022, 1, 5)
        later = tpt.Source("Reported later", published=F.between(day, day))
        quad, risk = data.groupings[0], data.sanction_risks[0]
        changes: dict[str, Callable[[], tpt.Dataset]] = {
            "grouping source": lambda: attrs.evolve(
                data, groupings=(attrs.evolve(quad, sources=(later,)),)
            ),
            "risk status": lambda: attrs.evolve(
                data, sanction_risks=(attrs.evolve(risk, as_of=day),)
            ),
            "risk source": lambda: attrs.evolve(
                data, sanction_risks=(attrs.evolve(risk, sources=(later,)),)
            ),
        }
        with pytest.raises(
            tpt.InvalidModel, match="dated up to 2022-01-05, after as_of=2021-12-24"
        ):
            changes[where]()

    @given(datasets(), st.data())
    def test_nothing_known_on_a_day_is_dated_after_it(
        self, data: tpt.Dataset, draw: st.DataObject
    ) -> None:
        day = draw.draw(st.dates(pendulum.Date(1900, 1, 1), data.as_of))
        then = data.known_on(day)
        assert then.as_of <= day
        assert all(d <= day for m in then.mechanisms for _, d in m.dated())
        assert all(m.checked is None or m.checked <= day for m in then.mechanisms)
        assert then == then.known_on(day)
        assert then == tpt.loads(tpt.dumps(then), tpt.Dataset)

    @given(datasets(), st.data())
    def test_adding_later_news_does_not_change_what_was_known(
        self, data: tpt.Dataset, draw: st.DataObject
    ) -> None:
        candidates = [m for m in data.mechanisms if m.rounds and not m.pending]
        if not candidates:
            return
        found = draw.draw(st.sampled_from(candidates))
        last = found.rounds[-1].date.latest
        later = tpt.Round(found.rounds[-1].ordinal + 1, tpt.RoundStatus.HELD, F.between(last, last))
        grown = data.with_mechanism(found.with_round(later))
        day = draw.draw(st.dates(pendulum.Date(1990, 1, 1), last.subtract(days=1)))
        assert data.known_on(day) == grown.known_on(day)


class TestWriter:
    """write_file writes what it is asked where it is asked, and nothing else."""

    def test_a_symlink_is_followed_and_its_target_keeps_its_mode(self, tmp_path: Path) -> None:
        target = tmp_path / "real.json"
        target.write_text("old", "utf-8")
        target.chmod(0o600)
        link = tmp_path / "link.json"
        link.symlink_to(target)
        tpt.save(tpt.load_seed(), link)
        assert link.is_symlink()
        assert tpt.load_seed() == tpt.load(target)
        assert 0o600 == stat.S_IMODE(target.stat().st_mode)

    def test_a_dangling_symlink_creates_its_target(self, tmp_path: Path) -> None:
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "new.json")
        _files.write_file(link, "text")
        assert (link.is_symlink(), "text") == (True, (tmp_path / "new.json").read_text("utf-8"))
        assert 0o644 == stat.S_IMODE((tmp_path / "new.json").stat().st_mode)

    def test_a_device_is_written_to_and_not_replaced(self) -> None:
        _files.write_file("/dev/null", "nothing")
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)

    def test_a_fifo_with_a_reader_is_written_to(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            _files.write_file(fifo, b"through")
            assert b"through" == os.read(reader, 100)
        finally:
            os.close(reader)
        assert stat.S_ISFIFO(fifo.stat().st_mode)

    def test_a_fifo_nobody_reads_is_refused_at_once(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(tpt.Error, match="no process is reading the FIFO"):
            _files.write_file(fifo, "text")

    def test_a_folder_and_a_socket_are_refused(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error, match="it is a folder"):
            _files.write_file(tmp_path, "text")
        path = tmp_path / "s"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            with pytest.raises(tpt.Error, match="it is a socket"):
                _files.write_file(path, "text")

    def test_text_that_is_not_unicode_is_our_error(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error, match="cannot write the text as UTF-8"):
            _files.write_file(tmp_path / "x", "\ud800")
        assert [] == list(tmp_path.iterdir())

    def test_a_name_too_long_is_our_error(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error, match="File name too long"):
            _files.write_file(tmp_path / ("x" * 300), "text")
        with pytest.raises(tpt.Error, match="NUL"):
            _files.write_file(tmp_path / "a\0b", "text")

    def test_temporary_files_of_gone_writers_are_removed_and_others_kept(
        self, tmp_path: Path
    ) -> None:
        target = tmp_path / "d.json"
        gone = tmp_path / f".d.json.abc.999999999{_files.TEMP_SUFFIX}"
        mine = tmp_path / f".d.json.abc.{os.getpid()}{_files.TEMP_SUFFIX}"
        other = tmp_path / ".d.json.notes"
        for path in (gone, mine, other):
            path.write_text("", "utf-8")
        _files.write_file(target, "text")
        assert {target, other, mine} == set(tmp_path.iterdir())

    def test_an_interrupted_write_leaves_no_temporary_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "d.json"
        target.write_text("old", "utf-8")

        def interrupt(_: int) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(os, "fsync", interrupt)
        with pytest.raises(KeyboardInterrupt):
            _files.write_file(target, "new")
        assert ([target], "old") == (list(tmp_path.iterdir()), target.read_text("utf-8"))


class TestReader:
    """The one reader reads regular files, never waits, and names the path of each failure."""

    def test_a_fifo_is_refused_by_load_without_waiting(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(tpt.Error, match="it is a FIFO, not a regular file"):
            tpt.load(fifo)

    def test_a_fifo_in_a_data_folder_is_refused(self, tmp_path: Path) -> None:
        os.mkfifo(tmp_path / "in-us.json")
        (tmp_path / "index.json").write_text('{"files": ["in-us.json"]}', "utf-8")
        with pytest.raises(tpt.Error, match="it is a FIFO"):
            tpt.load_dataset(tmp_path)
        assert any("it is a FIFO" in line for line in tpt.check_data(tmp_path))

    def test_running_out_of_file_descriptors_is_an_io_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def exhausted(*_: object) -> int:
            raise OSError(errno.EMFILE, "Too many open files")

        monkeypatch.setattr(os, "open", exhausted)
        with pytest.raises(tpt.Error, match=r"too many files are open \(an I/O failure"):
            tpt.load(tmp_path / "d.json")

    def test_a_read_that_fails_is_our_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "d.json"
        path.write_text("{}", "utf-8")

        def broken(*_: object) -> os.stat_result:
            raise OSError(errno.EIO, "Input/output error")

        with monkeypatch.context() as patched:
            patched.setattr(os, "fstat", broken)
            with pytest.raises(tpt.Error, match="Input/output error"):
                tpt.load(path)

    @pytest.mark.parametrize(
        ("files", "says"),
        [
            ('["a.json", "a.json"]', "'a.json' is listed twice"),
            ('["a\\u0000.json"]', "plain file names"),
            (f'["{"a" * 300}.json"]', "plain file names"),
            ('[".hidden.json"]', "plain file names"),
            ('["index.json"]', "plain file names"),
        ],
    )
    def test_an_index_names_each_file_once_and_plainly(
        self, tmp_path: Path, files: str, says: str
    ) -> None:
        (tmp_path / "index.json").write_text(f'{{"files": {files}}}', "utf-8")
        with pytest.raises(tpt.Error, match=says):
            _seed.index(tmp_path)

    def test_a_folder_that_cannot_be_listed_is_a_problem(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "index.json").write_text('{"files": []}', "utf-8")

        def broken(_: Path) -> object:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(Path, "iterdir", broken)
        assert ("cannot read the folder: Permission denied",) == tpt.check_data(tmp_path)


class TestLockedEdits:
    """An edit holds the file's lock from read to replace, and writes only what it read."""

    def test_a_second_edit_waits_then_fails_clearly(self, tmp_path: Path) -> None:
        from filelock import FileLock  # noqa: PLC0415 - the lock the edit takes

        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        with FileLock(f"{path}.lock", is_singleton=False, thread_local=False):
            failed: list[BaseException] = []

            def edit() -> None:
                try:
                    tpt.edit_file(path, lambda d: tpt.edit_round(d, "in-us", 1), timeout=0.2)
                except tpt.Error as error:
                    failed.append(error)

            worker = threading.Thread(target=edit)
            worker.start()
            worker.join()
        assert "is being edited by another process" in str(failed[0])

    def test_a_change_by_a_program_without_the_lock_is_not_overwritten(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)

        def sneaky(data: tpt.Dataset) -> tpt.Edit:
            path.write_text(path.read_text("utf-8") + " ", "utf-8")
            return tpt.edit_round(data, "in-us", 4, note="Changed.", today=TODAY)

        with pytest.raises(tpt.Error, match="changed while it was being edited"):
            tpt.edit_file(path, sneaky)
        assert path.read_text("utf-8").endswith(" ")

    def test_only_a_valid_regular_file_is_edited(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error, match="there is no such file"):
            tpt.edit_file(tmp_path / "none.json", lambda d: tpt.edit_round(d, "in-us", 1))
        with pytest.raises(tpt.Error, match="it is a folder; an edit needs a regular file"):
            tpt.edit_file(tmp_path, lambda d: tpt.edit_round(d, "in-us", 1))
        bad = tmp_path / "bad.json"
        bad.write_text("{}", "utf-8")
        with pytest.raises(tpt.Error, match='is not a valid dataset: the "format" key is missing'):
            tpt.edit_file(bad, lambda d: tpt.edit_round(d, "in-us", 1))

    def test_a_lock_that_cannot_be_made_is_our_error(self, tmp_path: Path) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        (tmp_path / "d.json.lock").mkdir()
        with pytest.raises(tpt.Error, match="cannot lock"):
            tpt.edit_file(path, lambda d: tpt.edit_round(d, "in-us", 1), timeout=0.2)


class TestCommandLine:
    """The editing commands say what they changed; --as-of rolls the record back."""

    def test_the_readme_example_answers_from_what_was_known(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "next", "in-us", "--as-of", "2021-12-24")
        assert 0 == code
        assert "State: announced: round 4, scheduled for the 3rd week of January 2022\n" in out
        assert "City:  Washington (announced)\n" in out
        assert "April" not in out

    @pytest.mark.parametrize(
        "argv",
        [
            ["list", "--as-of", "2019-01-01"],
            ["evaluate", "--as-of", "2019-01-01"],
            ["ics", "--all", "--as-of", "2019-01-01"],
        ],
    )
    def test_every_command_with_as_of_sees_only_what_was_known(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        code, out, _ = run(capsys, *argv)
        assert 0 == code
        assert "2024" not in out.replace("DTSTAMP", "")

    def test_export_as_of_a_day_writes_what_was_known_then(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "export", "--as-of", "2019-01-01")
        then = tpt.loads(out, tpt.Dataset)
        assert (0, pendulum.Date(2019, 1, 1)) == (code, then.as_of)
        assert tpt.load_dataset().known_on(pendulum.Date(2019, 1, 1)) == then

    def test_a_dialogue_not_yet_on_record_is_said_so(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = run(capsys, "next", "ph-us", "--as-of", "2001-01-01")
        assert 1 == code
        assert "ph-us has nothing on record as of 2001-01-01" in err
        _, _, err = run(capsys, "next", "xx-yy", "--as-of", "2001-01-01")
        assert "no mechanism with id 'xx-yy'" in err

    def test_add_round_says_what_it_changed_and_wrote(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        argv = ["--data", str(path), "add-round", "in-us", "--ordinal", "4"]
        code, out, err = run(capsys, *argv, "--status", "held", "--date", "11 April 2022")
        assert 0 == code
        assert out.startswith("in-us round 4: updated: status: scheduled -> held; date: the 3rd")
        assert f"Wrote {path}.\n" == err
        code, out, err = run(capsys, *argv, "--status", "held")
        assert (0, "in-us round 4: unchanged (already so).\n", "") == (code, out, err)

    def test_add_round_refuses_a_mistyped_ordinal(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        before = path.read_bytes()
        argv = ["--data", str(path), "add-round", "in-us", "--ordinal", "2", "--date", "2026"]
        code, _, err = run(capsys, *argv)
        assert 1 == code
        assert "in-us round 2 was held; its date is December 2019" in err
        assert before == path.read_bytes()

    def test_a_venue_option_without_a_venue_is_an_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        code, _, err = run(capsys, "--data", str(path), "add-round", "in-us", "--timezone", "UTC")
        assert (1, "twoplustwo: error: --timezone describes a --venue: give the city too\n") == (
            code,
            err,
        )

    def test_a_venue_takes_the_host_of_the_round_on_record(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        argv = ["--data", str(path), "add-round", "in-us", "--ordinal", "4", "--venue", "Boston"]
        assert 0 == run(capsys, *argv)[0]
        assert "America/New_York" == tpt.load(path).mechanism("in-us").rounds[3].venue.timezone  # type: ignore[union-attr] # the venue was just set

    def test_a_published_day_needs_its_source(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        argv = ["--data", str(path), "add-round", "in-us", "--ordinal", "4"]
        code, _, err = run(capsys, *argv, "--source-published", "2022-01-01")
        assert 1 == code
        assert "--source-published needs --source-url and --source-title" in err

    def test_a_v1_file_is_said_to_be_upgraded(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        path.write_text(tpt.dumps(tpt.load_seed()).replace("twoplustwo/2", "twoplustwo/1"), "utf-8")
        argv = ["--data", str(path), "add-round", "in-us", "--ordinal", "4", "--note", "Later."]
        code, _, err = run(capsys, *argv)
        assert (0, f"Wrote {path}, upgraded to twoplustwo/2.\n") == (code, err)

    def test_output_to_standard_output_or_a_device(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "--seed", "export", "-o", "-")
        assert (0, tpt.load_seed()) == (code, tpt.loads(out, tpt.Dataset))
        assert (0, "", "Wrote /dev/null.\n") == run(capsys, "--seed", "export", "-o", "/dev/null")

    def test_interrupts_and_io_failures_are_one_line(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        for error, code, says in (
            (KeyboardInterrupt(), 130, "twoplustwo: interrupted\n"),
            (_app._Terminated(), 143, "twoplustwo: terminated\n"),
            (MemoryError(), 1, "twoplustwo: error: out of memory\n"),
            (OSError(errno.EIO, "Input/output error"), 1, "error: Input/output error\n"),
        ):

            def fail(_: object, error: BaseException = error) -> None:
                raise error

            monkeypatch.setattr(_app, "run", fail)
            assert code == cli.main(["list"])
            assert capsys.readouterr().err.endswith(says)

    def test_sigterm_raises_so_that_writes_clean_up(self) -> None:
        before = signal.getsignal(signal.SIGTERM)
        with pytest.raises(_app._Terminated):
            _app._terminate(signal.SIGTERM, None)
        assert before == signal.getsignal(signal.SIGTERM)

    def test_main_off_the_main_thread_leaves_signals_alone(self) -> None:
        codes: list[int] = []
        worker = threading.Thread(target=lambda: codes.append(cli.main(["schema", "City"])))
        worker.start()
        worker.join()
        assert [0] == codes

    def test_migrate_in_place_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        expected = (1, "", "twoplustwo: error: --in-place needs a file, not -\n")
        assert expected == run(capsys, "migrate", "-", "--in-place")


class TestCorners:
    """The less travelled paths of the reader, the writer and the checker."""

    def test_replace_file_is_write_file(self, tmp_path: Path) -> None:
        tpt.replace_file(tmp_path / "a.txt", "text")
        assert "text" == (tmp_path / "a.txt").read_text("utf-8")

    def test_a_full_device_is_our_error(self) -> None:
        with pytest.raises(tpt.Error, match="cannot write '/dev/full': No space left"):
            _files.write_file("/dev/full", "text")

    def test_a_device_that_cannot_be_opened_is_our_error(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def refused(*_: object) -> int:
            raise PermissionError(errno.EACCES, "Permission denied")

        with monkeypatch.context() as patched:
            patched.setattr(os, "open", refused)
            with pytest.raises(tpt.Error, match="cannot write '/dev/null': Permission denied"):
                _files.write_file("/dev/null", "text")

    def test_a_process_number_too_large_is_kept_to_be_safe(self) -> None:
        assert _files._alive(10**30)

    def test_package_data_that_cannot_be_read_is_our_error(self) -> None:
        class Broken:
            name = "x.json"

            def open(self, mode: str) -> object:
                raise OSError(errno.EIO, "Input/output error")

        with pytest.raises(tpt.Error, match=r"x\.json: cannot read the file: Input/output error"):
            _seed._read(Broken())  # type: ignore[arg-type] # a stand-in for a Traversable

    def test_a_rule_not_there_cannot_be_skipped(self) -> None:
        with pytest.raises(tpt.Error, match="no rule named 'nothing'; the rules are sources"):
            tpt.check_data(skip=("nothing",))

    def test_skipped_rules_are_not_applied(self, tmp_path: Path) -> None:
        (tmp_path / "index.json").write_text('{"files": []}', "utf-8")
        (tmp_path / "extra.json").write_text("{}", "utf-8")
        assert 1 == len(tpt.check_data(tmp_path))
        assert () == tpt.check_data(tmp_path, skip=("files",))

    def test_a_file_that_is_not_json_is_not_edited(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        path.write_text("not json", "utf-8")
        code, _, err = run(capsys, "--data", str(path), "add-round", "in-us", "--note", "x")
        assert (1, "not json") == (code, path.read_text("utf-8"))
        assert "is not a valid dataset: invalid JSON" in err

    def test_an_earlier_status_change_leaves_as_of(self) -> None:
        change = tpt.StatusChange(tpt.MechanismStatus.DORMANT, F.parse("2020"))
        edit = tpt.edit_status(tpt.load_seed(), "in-ru", change, today=TODAY)
        assert (tpt.load_seed().as_of, "in-ru: dormant from 2020 (was active).") == (
            edit.dataset.as_of,
            edit.summary,
        )

    def test_a_running_process_is_alive(self) -> None:
        assert _files._alive(os.getppid())

    def test_package_data_in_a_zip_is_read(self, tmp_path: Path) -> None:
        archive = tmp_path / "data.zip"
        with zipfile.ZipFile(archive, "w") as folder:
            folder.writestr("index.json", '{"files": []}')
        assert b'{"files": []}' == _seed._read(zipfile.Path(archive, "index.json"))

    def test_a_path_in_a_message_is_cut(self, tmp_path: Path) -> None:
        with pytest.raises(tpt.Error) as info:
            tpt.load(tmp_path / ("d" * 200) / ("e" * 200))
        assert len(str(info.value)) < _files.SHOWN_PATH + 60


class TestOnePass:
    """loads lists every problem it can find at once, not one pass of them at a time."""

    def test_problems_of_every_scalar_field_come_out_together(self) -> None:
        document = json.loads(tpt.dumps(tpt.load_seed()))
        found = document["mechanisms"][0]
        found["id"], found["name"] = "BAD ID", ""
        found["rounds"][0]["ordinal"] = 0
        found["rounds"][1]["date"] = "garbage"
        found["parties"][0]["capital"].update(name=" x", country="XX")
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(json.dumps(document), tpt.Dataset)
        paths = {problem.path.removeprefix("$.mechanisms[0].") for problem in info.value.problems}
        assert {
            "id",
            "name",
            "rounds[0].ordinal",
            "rounds[1].date",
            "parties[0].capital.name",
            "parties[0].capital.country",
        } == paths

    def test_a_field_that_does_not_decode_is_listed_once(self) -> None:
        document = json.loads(tpt.dumps(tpt.load_seed()))
        document["mechanisms"][0]["name"] = 5
        document["mechanisms"][0]["id"] = "BAD ID"
        with pytest.raises(tpt.DecodeError) as info:
            tpt.loads(json.dumps(document), tpt.Dataset)
        assert ["$.mechanisms[0].name", "$.mechanisms[0].id"] == [
            p.path for p in info.value.problems
        ]


class TestCheckedDay:
    """An edit moves a dialogue's checked day only when asked, and never past today."""

    def test_an_edit_keeps_the_checked_day_unless_asked(self) -> None:
        world = tpt.load_dataset()
        kept = tpt.edit_round(world, "au-us", 35, note="Checked.", today=TODAY)
        assert world.mechanism("au-us").checked == kept.dataset.mechanism("au-us").checked
        moved = tpt.edit_round(world, "au-us", 35, checked=TODAY, today=TODAY)
        assert (TODAY, "checked: 2026-12-02 -> 2026-12-05") == (
            moved.dataset.mechanism("au-us").checked,
            moved.changes[-1],
        )
        with pytest.raises(tpt.Error, match="cannot have been checked on 2026-12-06, after today"):
            tpt.edit_round(world, "au-us", 35, checked=TODAY.add(days=1), today=TODAY)

    def test_set_status_can_record_the_checked_day(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        argv = ["--data", str(path), "set-status", "in-ru", "--status", "dormant"]
        assert 0 == cli.main([*argv, "--date", "2024", "--checked", "2026-12-01"])
        assert pendulum.Date(2026, 12, 1) == tpt.load(path).mechanism("in-ru").checked
        argv = ["--data", str(path), "add-round", "in-ru", "--ordinal", "1"]
        assert 0 == cli.main([*argv, "--checked", "2026-12-02"])
        assert pendulum.Date(2026, 12, 2) == tpt.load(path).mechanism("in-ru").checked
        capsys.readouterr()
