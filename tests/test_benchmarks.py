"""
The benchmark script keeps working: a tiny run prints every ratio (no timing is asserted).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "benchmarks" / "roundtrip.py"

RATIOS = [
    "loads+dumps: twoplustwo / pydantic v2",
    "loads+dumps: twoplustwo / msgspec",
    "loads+dumps: stock cattrs / twoplustwo (speed-up)",
    "next_round: 100 rounds / 10 rounds",
    "backtest: 100 rounds / 10 rounds",
    "import: twoplustwo / attrs+cattrs+pendulum",
    "cli: next in-us / import twoplustwo",
    "peak memory (traced): twoplustwo / pydantic v2",
    "peak memory (traced): twoplustwo / msgspec",
    "peak memory (RSS growth): twoplustwo / pydantic v2",
    "peak memory (RSS growth): twoplustwo / msgspec",
]


@pytest.fixture(scope="module")
def output() -> str:
    for peer in ("msgspec", "pydantic", "pyinstrument"):
        pytest.importorskip(peer)
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own script
        [
            sys.executable,
            str(SCRIPT),
            "--size",
            "3",
            "--repeats",
            "1",
            "--growth",
            "10",
            "100",
            "--runs",
            "1",
            "--profile",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert 0 == done.returncode, done.stderr
    return done.stdout


class TestRoundtripBenchmark:
    """benchmarks/roundtrip.py runs at a tiny size and reports every ratio with a verdict."""

    @pytest.mark.parametrize("label", RATIOS)
    def test_each_ratio_is_printed_with_a_verdict(self, output: str, label: str) -> None:
        line = next((line for line in output.splitlines() if label in line), "")
        assert line.rstrip().endswith(("PASS", "MISS", "REPORT")), output

    def test_every_contender_writes_back_the_document_it_read(self, output: str) -> None:
        assert "every contender reads the document and writes back the same JSON value" in output

    def test_the_environment_and_the_profile_are_printed(self, output: str) -> None:
        assert "python: " in output
        assert "packages: twoplustwo" in output
        assert "pyinstrument profile of one twoplustwo loads" in output
