"""
What a reliability probe found: bounded errors, no process-wide state, limits that are ours.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from pathlib import Path

import pytest

import twoplustwo as tpt
from builders import problems
from twoplustwo import _validators, cli

SEED_TEXT = tpt.dumps(tpt.load_seed())


class TestBoundedErrors:
    """A bad document costs at most MAX_PROBLEMS problems, and no value is echoed whole."""

    def test_a_million_bad_items_give_the_first_hundred_and_a_last_word(self) -> None:
        document = json.loads(SEED_TEXT)
        document["groupings"][0]["members"] = [1] * 1_000_000
        found = problems(json.dumps(document))
        assert tpt.MAX_PROBLEMS + 1 == len(found)
        assert all("expected a string, got an integer" == p.message for p in found[:-1])
        assert ("$", "and more problems not listed") == (found[-1].path, found[-1].message)

    def test_more_problems_than_the_cap_are_counted(self) -> None:
        document = json.loads(SEED_TEXT)
        document["mechanisms"] = [{"bad": 1}] * 60  # each: four missing keys and one unknown
        found = problems(json.dumps(document))
        assert tpt.MAX_PROBLEMS + 1 == len(found)
        assert ("$", "and 200 more problems not listed") == (
            found[-1].path,
            found[-1].message,
        )

    def test_a_huge_bad_value_is_shown_cut(self) -> None:
        document = json.loads(SEED_TEXT)
        document["as_of"] = "x" * (15 * 1024 * 1024)
        (problem,) = problems(json.dumps(document))
        assert "$.as_of" == problem.path
        assert len(problem.message) < 200
        assert problem.message.endswith("…")

    def test_a_problem_reads_as_message_at_path(self) -> None:
        (problem,) = problems('{"name": "x", "country": "XX", "timezone": "UTC"}', tpt.City)
        assert "$.country" == problem.path
        assert f"{problem.message} @ $.country" == str(problem)


class TestNoProcessState:
    """loads and dumps leave the garbage collector alone and may run inside each other."""

    @pytest.mark.parametrize("enabled", [True, False])
    def test_the_collector_is_left_as_it_was(self, enabled: bool) -> None:
        was = gc.isenabled()
        (gc.enable if enabled else gc.disable)()
        try:
            tpt.loads(tpt.dumps(tpt.loads(SEED_TEXT, tpt.Dataset)), tpt.Dataset)
            assert enabled == gc.isenabled()
        finally:
            (gc.enable if was else gc.disable)()

    def test_a_signal_handler_may_load_while_a_load_runs(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        got: list[tpt.Dataset] = []
        raised: list[bool] = []
        real = _validators.zone_names

        def handler(signum: int, frame: object) -> None:
            got.append(tpt.loads(SEED_TEXT, tpt.Dataset))

        def zones_then_a_signal() -> frozenset[str]:
            if not raised:  # once, in the middle of the outer load
                raised.append(True)
                signal.raise_signal(signal.SIGUSR1)
            return real()

        previous = signal.signal(signal.SIGUSR1, handler)
        monkeypatch.setattr(_validators, "zone_names", zones_then_a_signal)
        try:
            outer = tpt.loads(SEED_TEXT, tpt.Dataset)
        finally:
            signal.signal(signal.SIGUSR1, previous)
        assert [outer] == got

    def test_threads_load_at_once(self) -> None:
        results: list[tpt.Dataset] = []

        def work() -> None:
            results.append(tpt.loads(SEED_TEXT, tpt.Dataset))

        threads = [threading.Thread(target=work) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert 8 == len(results)
        assert all(tpt.load_seed() == result for result in results)


class TestMachineLimits:
    """Running out of memory or stack is the machine's problem, not the document's."""

    @pytest.mark.parametrize("error", [MemoryError, RecursionError])
    @pytest.mark.parametrize("broken", [False, True], ids=["valid", "already refused"])
    def test_they_propagate_out_of_loads(
        self,
        monkeypatch: pytest.MonkeyPatch,
        error: type[Exception],
        broken: bool,
    ) -> None:
        def fail() -> frozenset[str]:
            raise error

        document = json.loads(SEED_TEXT)
        if broken:  # so that the detailed pass runs too, and meets the error there
            document["as_of"] = 1
        monkeypatch.setattr(_validators, "zone_names", fail)
        with pytest.raises(error):
            tpt.loads(json.dumps(document), tpt.Dataset)


class TestHugeIntegers:
    """Integers past Python's 4,300-digit limit give the library's own errors."""

    def test_a_huge_ordinal_is_an_invalid_model(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"an integer of about 5,000 digits"):
            tpt.Round(
                ordinal=-(10**5000), status=tpt.RoundStatus.HELD, date=tpt.FuzzyDate.year(2000)
            )

    def test_a_huge_year_is_an_invalid_date(self) -> None:
        with pytest.raises(tpt.InvalidDate, match=r"an integer of about 5,000 digits"):
            tpt.FuzzyDate.year(10**5000)

    def test_a_huge_ordinal_for_venue_for_is_an_invalid_model(self) -> None:
        mechanism = tpt.load_seed().mechanism("in-us")
        with pytest.raises(tpt.InvalidModel, match=r"^ordinal=<an integer"):
            tpt.venue_for(mechanism, 10**5000)

    def test_a_container_of_one_cannot_be_shown_whole(self) -> None:
        assert "<a tuple too large to show>" == _validators.show((10**5000,))


class TestFilesAndStreams:
    """The command line reads no more than it may, and says in one line when it cannot write."""

    def test_a_device_is_not_read(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 1 == cli.main(["--data", "/dev/zero", "list"])
        assert (
            "cannot read '/dev/zero': it is a character device, not a regular file"
            in capsys.readouterr().err
        )

    def test_a_fifo_is_refused_without_waiting(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        assert 1 == cli.main(["validate", str(fifo)])
        assert "': it is a FIFO, not a regular file" in capsys.readouterr().out

    def test_a_big_file_is_read_only_up_to_the_limit(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        big = tmp_path / "big.json"
        big.write_bytes(b" " * (tpt.MAX_SIZE + 10))
        assert 1 == cli.main(["--data", str(big), "list"])
        err = capsys.readouterr().err
        assert f"has {tpt.MAX_SIZE + 1:,} bytes, more than the limit" in err

    @pytest.mark.parametrize(
        ("argv", "encoding", "says"),
        [
            (["list"], "utf-8", "No space left on device"),
            (["show", "in-us"], "ascii", "the output encoding ascii cannot write '–'"),
        ],
        ids=["full", "ascii"],
    )
    def test_output_that_cannot_be_written_is_one_line(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        encoding: str,
        says: str,
    ) -> None:
        with Path("/dev/full").open("w", encoding=encoding) as full:
            monkeypatch.setattr(sys, "stdout", full)
            assert 1 == cli.main(argv)
        assert f"twoplustwo: error: cannot write the output: {says}\n" == capsys.readouterr().err


class TestFileObjects:
    """loads reads a file open in text or binary mode, no more than the limit allows."""

    @pytest.mark.parametrize("mode", ["r", "rb"])
    def test_an_open_file_loads(self, tmp_path: Path, mode: str) -> None:
        path = tmp_path / "seed.json"
        path.write_text(SEED_TEXT, encoding="utf-8")
        with path.open(mode) as file:
            assert tpt.load_seed() == tpt.loads(file, tpt.Dataset)
        with path.open(mode) as file:
            (problem,) = problems(file, max_size=10)
        assert problem.message.endswith("more than the limit of 10")
