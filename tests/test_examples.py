"""
The examples run and print what their docstrings promise.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
UNFORECASTABLE = (
    "cannot be forecast: it has no rounds on record to count from and no first host to start "
    "the rotation"
)


def run(name: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    return capsys.readouterr().out.splitlines()


def test_next_venues_covers_every_mechanism(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run("next_venues.py", capsys)
    assert [
        "in-us: round 4 in Washington, 3rd week of January 2022 (announced)",
        f"in-jp: in-jp {UNFORECASTABLE}",
        f"in-au: in-au {UNFORECASTABLE}",
        "in-ru: round 2 in Moscow, December 2022 (rotation)",
    ] == lines


def test_adding_a_held_round_moves_the_forecast_to_new_delhi(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = run("add_a_round.py", capsys)
    assert "before: round 4 in Washington, 3rd week of January 2022" == lines[0]
    assert "after:  round 5 in New Delhi, January 2023" == lines[1]
    assert "round trip: True" == lines[3]
    assert lines[2].startswith(
        "because: Round 4 was held in the 3rd week of January 2022; 12 months on"
    )
