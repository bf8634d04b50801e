"""
Hostile data through every command: nothing from data reaches a terminal, a spreadsheet or a
calendar as a command, and data at the calendar's ends is answered like any other.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import twoplustwo as tpt
from builders import DELHI, F, held, mechanism
from twoplustwo import cli
from twoplustwo.cli import _app, _output

ESCAPES = ("\x1b]0;owned\x07", "\x1b[2J", "\r", "\x9b31m", "\u202e", "\u2066", "\x7f")
FORMULAS = ('=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)")
COMMANDS = (
    ["show", "in-us"],
    ["next", "in-us", "--as-of", "2024-01-01"],
    ["list"],
    ["risks"],
    ["rounds"],
    ["rounds", "--format", "csv"],
    ["rounds", "--format", "json"],
    ["show", "in-us", "--json"],
    ["evaluate"],
    ["check"],
)


def shown(text: str) -> bool:
    """Whether ``text`` holds nothing a terminal would act on."""
    return all(c.isprintable() or c in "\n\t" for c in text)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_document(payload: str) -> str:
    """The seed's document with ``payload`` inside every name, title and note."""
    document = json.loads(tpt.dumps(tpt.load_seed()))
    mechanism = document["mechanisms"][0]
    mechanism["name"] = f"India{payload}US"
    mechanism["rounds"][0]["note"] = f"Note{payload}"
    mechanism["rounds"][0]["venue"]["name"] = f"Delhi{payload}"
    mechanism["rounds"][0]["sources"][0]["title"] = f"Title{payload}"
    document["sanction_risks"][0]["law"] = f"Law{payload}"
    return json.dumps(document, ensure_ascii=False)


class TestControlCharacters:
    """The model refuses them; whatever is echoed of them is escaped."""

    @pytest.mark.parametrize("payload", ESCAPES)
    def test_a_file_with_them_is_refused_and_the_refusal_is_safe_to_show(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: str
    ) -> None:
        path = tmp_path / "hostile.json"
        path.write_text(hostile_document(payload), "utf-8")
        for argv in COMMANDS:
            code, out, err = run(capsys, "--data", str(path), *argv)
            assert 1 == code, argv
            assert shown(out)
            assert shown(err)
            if argv[0] != "check":
                assert 1 == err.count("\n"), argv  # one line

    def test_text_that_reaches_the_printer_is_escaped(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(_app, "run", lambda _: ("title\x1b]0;owned\x07 \u202e", 0))
        assert 0 == cli.main(["list"])
        assert "title\\x1b]0;owned\\x07 \\u202e\n" == capsys.readouterr().out

    def test_json_that_reaches_the_printer_keeps_c1_and_bidi_as_escapes(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        text = json.dumps({"name": "a\x9bb\u202ec"}, ensure_ascii=False)
        monkeypatch.setattr(_app, "run", lambda _: (_output.Json(text), 0))
        assert 0 == cli.main(["list"])
        out = capsys.readouterr().out
        assert shown(out)
        assert {"name": "a\x9bb\u202ec"} == json.loads(out)

    def test_a_long_argument_is_cut_in_the_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "next", "x" * 100_000)
        assert 1 == code
        assert len(err) < cli.MAX_SAID + 40
        with pytest.raises(SystemExit):
            cli.main(["rounds", "--format", "y" * 100_000])
        assert len(capsys.readouterr().err) < cli.MAX_SAID + 400
        code, _, err = run(capsys, "risks", "\x1b[2J" * 10)
        assert (1, True) == (code, shown(err))


class TestFormulas:
    """Text that a spreadsheet would run is written so that it is read as text."""

    @pytest.mark.parametrize("payload", FORMULAS)
    def test_csv_cells_are_neutralised_and_the_table_shows_them_as_they_are(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, payload: str
    ) -> None:
        venue = tpt.City(payload, "IN", "Asia/Kolkata")
        data = tpt.Dataset(
            F.parse("2021").latest,
            (mechanism(held(1, "2019-05", DELHI), held(2, "2020-06", venue)),),
        )
        path = tmp_path / "d.json"
        tpt.save(data, path)
        code, out, _ = run(capsys, "--data", str(path), "rounds", "--format", "csv")
        assert 0 == code
        cells = [row["venue"] for row in csv.DictReader(io.StringIO(out))]
        assert ["New Delhi", f"'{payload}"] == cells
        code, out, _ = run(capsys, "--data", str(path), "rounds", "--format", "json")
        assert payload == json.loads(out)[1]["venue"]
        assert 0 == run(capsys, "--data", str(path), "show", "in-us")[0]


class TestCalendarEnds:
    """Data at either end of the dates the model allows goes through every command."""

    @pytest.mark.parametrize(
        ("first", "second", "as_of"),
        [
            ("1900-01-01", "1901-06", "1901-12-31"),
            ("2198-01", "2199-12-01", "2199-12-31"),
        ],
    )
    def test_every_command_answers(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        first: str,
        second: str,
        as_of: str,
    ) -> None:
        data = tpt.Dataset(
            F.parse(as_of).latest, (mechanism(held(1, first, DELHI), held(2, second)),)
        )
        path = tmp_path / "d.json"
        tpt.save(data, path)
        for argv in (
            ["show", "in-us"],
            ["list", "--as-of", as_of],
            ["next", "in-us", "--as-of", as_of],
            ["evaluate"],
            ["rounds", "--format", "csv"],
            ["ics", "in-us", "--as-of", as_of],
            ["timeline", "--as-of", as_of, "-o", str(tmp_path / "t.svg")],
        ):
            code, _, err = run(capsys, "--data", str(path), *argv)
            assert "Traceback" not in err, argv
            assert code in (0, 1), argv
            if code == 1:
                assert err.startswith("twoplustwo: error: "), argv
                assert 1 == err.count("\n"), argv
        code, out, _ = run(capsys, "--data", str(path), "ics", "in-us", "--as-of", as_of)
        sequences = [int(line.split(":")[1]) for line in out.splitlines() if "SEQUENCE" in line]
        assert min(sequences) >= 0  # RFC 5545: a non-negative integer
        skipped = ("--skip", "sources", "--skip", "future")
        assert (0, f"{path}: ok\n", "") == run(capsys, "check", str(path), *skipped)
