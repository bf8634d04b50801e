"""
The examples run and print what their docstrings promise.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
UNFORECASTABLE = (
    "cannot be forecast: it has no rounds on record to count from and no first host to start "
    "the rotation"
)


def run(name: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", [name])
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


def test_the_calendar_lists_rounds_and_the_forecast(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run("export_calendar.py", capsys)
    assert 6 == len(lines)
    assert lines[0].startswith("2018-09-06  CONFIRMED  India–United States")
    assert lines[3].startswith("2022-01-15  TENTATIVE")
    assert lines[5].endswith("round 2 (forecast) @ Moscow")


def test_the_sanction_backdrop_is_caatsa_over_india_us(capsys: pytest.CaptureFixture[str]) -> None:
    lines = run("sanction_backdrop.py", capsys)
    assert lines[0].startswith("in-us: potential US -> IN under Countering America's")
    assert "in-ru: no sanction risk on record" in lines
    assert "India's 2+2 partners outside the Quad: RU" == lines[-1]


def test_an_edited_file_is_checked_when_loaded(capsys: pytest.CaptureFixture[str]) -> None:
    assert [
        "refused:",
        "  '2019-11-31' is not a calendar date @ $.mechanisms[1].rounds[0].date",
        "in-jp: round 2 in Tokyo, November 2020",
    ] == run("edit_dataset_file.py", capsys)


def test_reading_the_news_proposes_and_merges_the_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = run("read_the_news.py", capsys)
    assert lines[0] == "proposed: jp-ph: scheduled, round 3, 12 March 2027, in Manila, host PH"
    assert lines[1].startswith("evidence: TOKYO: Japan and the Philippines will hold")
    assert lines[2].startswith("merged: jp-ph round 3: added, scheduled 12 March 2027")
