"""
The heavy reliability run, with real processes: concurrent edits, kills at random moments,
and special files at every input and output path.

Skipped unless TWOPLUSTWO_HEAVY=1; CI runs it as its own step
(``TWOPLUSTWO_HEAVY=1 python -m pytest -m heavy -q --no-cov``). The figures it asserts are
the ones docs/reliability.md reports.
"""

# ruff: noqa: S311, S603, S607 - seeded test data, and the processes are this program and cat

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import twoplustwo as tpt
from twoplustwo._files import TEMP_SUFFIX

pytestmark = pytest.mark.heavy

PAIRS = 100
"""Concurrent pairs of edits of one file."""

KILLS = 30
"""Edits killed at a random moment, half by SIGKILL and half by SIGTERM."""

COMMAND = (sys.executable, "-m", "twoplustwo")


def edit(path: Path, mechanism: str, note: str) -> subprocess.Popen[bytes]:
    """
    Start an edit of ``path`` in a process of its own: a note on the last round of a dialogue.
    """
    last = str(tpt.load(path).mechanism(mechanism).rounds[-1].ordinal)
    argv = [*COMMAND, "--data", str(path), "add-round", mechanism, "--ordinal", last]
    return subprocess.Popen(
        [*argv, "--note", note], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "d.json"
    tpt.save(tpt.load_seed(), path)  # small, so that the run's time goes to the edits
    return path


def notes(path: Path) -> dict[str, str | None]:
    return {m.id: m.rounds[-1].note for m in tpt.load(path).mechanisms if m.rounds}


class TestConcurrentEdits:
    """Two edits of one file at once: both land, or one fails and says so; none is lost."""

    def test_no_pair_loses_an_edit(self, record: Path) -> None:
        ids = [m.id for m in tpt.load(record).mechanisms if m.rounds]
        lost = refused = 0
        for pair in range(PAIRS):
            first, second = random.Random(pair).sample(ids, 2)
            runs = [edit(record, first, f"A{pair}."), edit(record, second, f"B{pair}.")]
            errors = [run.communicate(timeout=60)[1] for run in runs]
            now = notes(record)
            landed = [now[first] == f"A{pair}.", now[second] == f"B{pair}."]
            for run, ok, err in zip(runs, landed, errors, strict=True):
                if run.returncode == 0 and not ok:
                    lost += 1  # said it wrote, and the edit is not there
                if run.returncode != 0:
                    refused += 1
                    assert b"is being edited by another process" in err
        print(f"{PAIRS} pairs: {lost} edits lost, {refused} refused with a message")  # noqa: T201 - the figures for docs/reliability.md
        assert 0 == lost
        assert not list(record.parent.glob(f"*{TEMP_SUFFIX}"))


class TestKills:
    """An edit killed at any moment leaves the file whole, and no temporary file after the next."""

    @pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
    def test_a_killed_edit_damages_nothing(self, record: Path, how: signal.Signals) -> None:
        ids = [m.id for m in tpt.load(record).mechanisms if m.rounds]
        chance = random.Random(int(how))
        for kill in range(KILLS // 2):
            run = edit(record, chance.choice(ids), f"Killed {kill}.")
            time.sleep(chance.uniform(0.0, 0.6))
            run.send_signal(how)
            _, err = run.communicate(timeout=60)
            assert b"Traceback" not in err
            if how is signal.SIGTERM:  # done, killed before main began, or stopped by main
                assert run.returncode in (0, -signal.SIGTERM, 143)
            tpt.load(record)  # whole: the old document or the new, never a mix
        survivor = edit(record, ids[0], "After the kills.")
        survivor.communicate(timeout=60)
        assert 0 == survivor.returncode
        assert not list(record.parent.glob(f"*{TEMP_SUFFIX}"))
        assert "After the kills." == notes(record)[ids[0]]


class TestSpecialPaths:
    """Special files at every input and output path: refused or streamed, never clobbered."""

    def test_outputs(self, tmp_path: Path) -> None:
        target = tmp_path / "real.json"
        target.write_text("{}", "utf-8")
        target.chmod(0o640)
        link = tmp_path / "link.json"
        link.symlink_to(target)
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        for output, code in (("/dev/null", 0), (str(link), 0), (str(tmp_path), 1), ("-", 0)):
            done = subprocess.run(
                [*COMMAND, "--seed", "export", "-o", output], capture_output=True, check=False
            )
            assert code == done.returncode, done.stderr
        assert link.is_symlink()
        assert 0o640 == target.stat().st_mode & 0o777
        assert tpt.load_seed() == tpt.load(target)
        reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
        done = subprocess.run(
            [*COMMAND, "--seed", "export", "-o", str(fifo)], capture_output=True, check=False
        )
        out, _ = reader.communicate(timeout=30)
        assert (0, tpt.load_seed()) == (done.returncode, tpt.loads(out, tpt.Dataset))
        assert fifo.is_fifo()

    def test_inputs(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        folder = tmp_path / "folder"
        folder.mkdir()
        os.mkfifo(folder / "in-us.json")
        (folder / "index.json").write_text('{"files": ["in-us.json"]}', "utf-8")
        for argv in (
            ["--data", str(fifo), "list"],
            ["--data", str(folder), "list"],
            ["check", str(folder)],
            ["--data", "/dev/zero", "list"],
            ["--data", "/dev/stdin", "add-round", "in-us", "--note", "x"],
            ["--data", str(tmp_path / ("x" * 300)), "list"],
        ):
            done = subprocess.run(
                [*COMMAND, *argv], capture_output=True, check=False, timeout=30, stdin=None
            )
            assert 1 == done.returncode, argv
            assert b"Traceback" not in done.stderr
