from __future__ import annotations

import argparse
import io
import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twoplustwo as tpt
from strategies import examples
from twoplustwo import _render, _seed, cli
from twoplustwo.cli import _app


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """
    Run the command line on the seed snapshot, unless the arguments name data of their own.
    """
    seeded = [] if {"--data", "validate", "schema", "migrate", "check"} & set(argv) else ["--seed"]
    code = cli.main([*seeded, *argv])
    out, err = capsys.readouterr()
    return code, out, err


class TestNext:
    """`twoplustwo next` prints the forecast, its reasons and the data's date."""

    def test_india_us_says_round_4_washington_3rd_week_of_january_2022(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "next", "in-us", "--as-of", "2021-12-24")
        assert (0, "") == (code, err)
        assert out.startswith(
            "India–United States 2+2 Ministerial Dialogue (in-us)\n"
            "State: announced: round 4, scheduled for the 3rd week of January 2022\n"
            "Host:  United States (on record)\n"
            "City:  Washington (on record)\n"
            "When:  the 3rd week of January 2022\n"
            "Data:  as of 24 December 2021, the day of this answer\n"
        )
        assert "\nWhy:\n  1. India–United States 2+2 Ministerial Dialogue (in-us) has 4" in out

    def test_text_fits_an_80_column_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        for argv in (("next", "in-us"), ("next", "in-ru"), ("list",)):
            _, out, _ = run(capsys, *argv)
            assert max(len(line) for line in out.splitlines()) <= 80

    def test_json_output_decodes_to_the_forecast(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "next", "in-ru", "--as-of", "2022-01-01", "--json")
        seed = tpt.load_seed()
        expected = tpt.next_round(
            seed.mechanism("in-ru"), as_of=tpt.FuzzyDate.parse("2022-01-01").earliest, context=seed
        )
        assert 0 == code
        assert expected == tpt.loads(out, tpt.Forecast)

    def test_without_as_of_the_forecast_is_for_today(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "next", "in-ru", "--json")
        assert 0 == code
        seed = tpt.load_seed()
        expected = tpt.next_round(seed.mechanism("in-ru"), context=seed)
        assert expected == tpt.loads(out, tpt.Forecast)


class TestNextStates:
    """The basis line says whether the window is ahead, passed, or the dialogue dormant."""

    def test_a_passed_window_is_not_called_a_fact_about_the_meeting(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _, out, _ = run(capsys, "--seed", "next", "in-us", "--as-of", "2022-02-01")
        assert "State: overdue: round 4, scheduled for the 3rd week of January 2022\n" in out
        assert "When:  the 3rd week of January 2022, now past\n" in out

    def test_a_dormant_dialogue_gets_its_chance(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["next", "jp-ru", "--as-of", "2026-12-01"])
        out = capsys.readouterr().out
        said = " ".join(out.split())
        assert "State: dormant: quiet for longer than nearly all past gaps; less than 1%" in said
        assert "Host: if it meets, Russia (71%; JP 29%)" in said
        assert "When: its window, between " in said
        assert "(80% of past gaps), has passed" in said

    def test_a_suspended_dialogue_is_an_answer_not_an_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "d.json"
        tpt.save(tpt.load_seed(), path)
        argv = ["--data", str(path), "set-status", "in-ru", "--status", "suspended"]
        assert 0 == cli.main([*argv, "--date", "2023-05-01", "--note", "Paused."])
        capsys.readouterr()
        code, out, err = run(capsys, "--data", str(path), "next", "in-ru", "--as-of", "2024-01-01")
        assert (0, "") == (code, err)
        assert "State: suspended since 1 May 2023: no next round is expected. Paused.\n" in out
        code, out, _ = run(capsys, "--data", str(path), "next", "in-ru", "--json")
        assert (0, {"mechanism": "in-ru", "state": "suspended"}) == (code, json.loads(out))

    def test_a_learned_city_says_how_sure_it_is(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["next", "au-us", "--as-of", "2026-03-01"])
        out = capsys.readouterr().out
        assert "City:  Sydney (" in out
        assert "rounds Australia hosted at home)" in out


class TestList:
    """`twoplustwo list` prints one line a mechanism."""

    def test_every_mechanism_is_listed(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "list")
        lines = out.splitlines()
        assert 0 == code
        assert lines[0].split() == [
            "ID",
            "STATE",
            "CHECKED",
            "LAST",
            "ROUND",
            "NEXT",
            "ROUND",
            "(FORECAST)",
        ]
        assert lines[1].split() == [
            "in-us", "overdue", "-", "3:", "2020-10", "IN", "4:", "2022-01-15/2022-01-21", "US",
        ]  # fmt: skip
        assert lines[2].split() == ["in-jp", "no", "rounds", "-", "-", "-"]
        assert lines[4].split()[3:5] == ["1:", "2021-12-06"]
        assert out.split("\n\n")[-1].startswith("Data as of 2021-12-24; answers as of ")

    def test_a_filter_keeps_the_dialogues_in_a_state(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert 0 == cli.main(["list", "--as-of", "2026-12-01", "--overdue"])
        out = capsys.readouterr().out
        rows = out.split("\n\n")[0].splitlines()[1:]
        assert {"jp-ru": "dormant"}.items() <= {r.split()[0]: r.split()[1] for r in rows}.items()
        assert {r.split()[1] for r in rows} <= {"dormant", "overdue"}
        assert "au-us" not in out
        code, out, _ = run(capsys, "--seed", "list", "--state", "announced")
        assert (0, "No dialogue is announced.") == (code, out.splitlines()[0])

    def test_parties_as_likely_to_host_are_both_listed(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # kr-gb's first round was proposed with no host: the record gives each party 50%.
        assert 0 == cli.main(["list", "--as-of", "2025-01-01", "--state", "proposed"])
        rows = {r.split()[0]: r for r in capsys.readouterr().out.split("\n\n")[0].splitlines()}
        assert rows["kr-gb"].endswith("  1: 2025 KR or GB")

    def test_the_state_column_survives_70_columns(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(_render, "terminal_width", lambda: 70)
        _, out, _ = run(capsys, "list")
        table = out.split("\n\n")[0].splitlines()
        assert all(len(line) <= 70 for line in table)
        assert "…" not in "".join(line.split()[1] for line in table)

    @pytest.mark.parametrize(("columns", "width"), [(60, 60), (20, 40), (200, 80)])
    def test_text_wraps_to_a_narrower_terminal_down_to_40_columns(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        columns: int,
        width: int,
    ) -> None:
        monkeypatch.setattr(_render, "terminal_width", lambda: columns)
        assert 0 == cli.main(["next", "in-us"])
        forecast = capsys.readouterr().out.splitlines()
        assert 0 == cli.main(["list"])
        footer = capsys.readouterr().out.split("\n\n")[-1].splitlines()
        lines = forecast + footer
        assert width == max(len(line) for line in lines)  # the longest line fills the width
        assert not any(line.endswith(" ") for line in lines)

    def test_the_embedded_record_is_listed_in_80_columns(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert 0 == cli.main(["list"])
        out = capsys.readouterr().out
        table = out.split("\n\n")[0].splitlines()
        assert [m.id for m in tpt.load_dataset().mechanisms] == [
            line.split()[0] for line in table[1:]
        ]
        assert max(len(line) for line in out.splitlines()) <= 80


class TestListJson:
    """`twoplustwo list --json` prints the mechanisms as JSON."""

    def test_the_mechanisms_decode(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "list", "--json")
        decoded = [tpt.loads(json.dumps(m), tpt.Mechanism) for m in json.loads(out)]
        assert list(tpt.load_seed().mechanisms) == decoded


class TestCheck:
    """`twoplustwo check` checks a data folder and names the file and path of each problem."""

    def test_the_embedded_record_passes(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (0, "the embedded record: ok\n", "") == run(capsys, "check")

    def test_a_path_that_is_not_there_is_a_problem_of_its_own(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, _ = run(capsys, "check", str(tmp_path / "none"))
        assert 1 == code
        assert f"  - cannot read '{tmp_path / 'none'}': No such file or directory" in out

    def test_a_file_given_by_data_is_the_one_checked(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "bad.json"
        path.write_text("{}", "utf-8")
        code, out, _ = run(capsys, "--data", str(path), "check")
        assert 1 == code
        assert f"{path}: 3 problems" == out.splitlines()[0]

    def test_a_round_without_a_source_is_refused_unless_the_rule_is_skipped(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = tpt.load_seed()
        bare = data.mechanism("in-us")
        first = attrs.evolve(bare.rounds[0], sources=())
        path = tmp_path / "bare.json"
        tpt.save(data.with_mechanism(bare.with_round(first)), path)
        for command in ("check", "validate"):
            code, out, _ = run(capsys, command, str(path))
            assert 1 == code
            assert "  - round 1 has no source @ $.mechanisms[0].rounds[0].sources" in out
        assert (0, f"{path}: ok\n", "") == run(capsys, "check", "--skip", "sources", str(path))

    def test_an_unknown_rule_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["check", "--skip", "nothing"])
        assert 2 == info.value.code
        assert "invalid choice: 'nothing'" in capsys.readouterr().err

    def test_problems_are_listed_by_file_and_path(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        (tmp_path / "index.json").write_text('{"files": ["a.json"]}', "utf-8")
        (tmp_path / "a.json").write_text("{}", "utf-8")
        code, out, _ = run(capsys, "check", str(tmp_path))
        assert 1 == code
        assert f"{tmp_path}: 3 problems" == out.splitlines()[0]
        assert "  - a.json: required key missing @ $.as_of" in out.splitlines()


class TestData:
    """--data reads another document, and its problems are reported in one line."""

    def test_a_data_file_replaces_the_embedded_dataset(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        doc = json.loads(tpt.dumps(tpt.load_seed()))
        doc["mechanisms"][0]["id"] = "india-usa"
        path = tmp_path / "data.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        for argv in (
            ("--data", str(path), "next", "india-usa", "--as-of", "2021-12-24"),
            ("next", "india-usa", "--data", str(path)),
        ):
            code, out, _ = run(capsys, *argv)
            assert 0 == code
            assert "(india-usa)" in out

    def test_a_missing_file_is_one_line_and_exit_1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, err = run(capsys, "--data", str(tmp_path / "none.json"), "list")
        assert (1, "") == (code, out)
        assert (
            f"twoplustwo: error: cannot read '{tmp_path / 'none.json'}': "
            "No such file or directory\n" == err
        )

    def test_a_bad_document_lists_its_problems_on_one_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "bad.json"
        doc = '{"format": "twoplustwo/1", "as_of": "2021-02-30", "mechanisms": {}}'
        path.write_text(doc, encoding="utf-8")
        code, _, err = run(capsys, "--data", str(path), "list")
        assert 1 == code
        assert 1 == err.count("\n")
        assert f"twoplustwo: error: {path}: " in err
        assert "'2021-02-30' is not a calendar date @ $.as_of; " in err
        assert "expected an array, got an object @ $.mechanisms" in err

    def test_a_damaged_installation_is_reported(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(_seed, "SEED_RESOURCE", "seeds/missing.json")
        code, _, err = run(capsys, "list")
        assert 1 == code
        assert err.startswith(
            "twoplustwo: error: the embedded dataset seeds/missing.json cannot be read"
        )


class TestErrors:
    """Every error is one line on stderr and exit 1; a bad command line exits 2."""

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ("next", "in-xx"),
                "no mechanism with id 'in-xx'; known ids: in-us, in-jp, in-au, in-ru",
            ),
            (("next", "in-jp"), "in-jp cannot be forecast: it has no rounds on record"),
            (("next", "in-us", "--as-of", "2021-13-01"), "'2021-13-01' is not a calendar date"),
            (("next", "in-us", "--as-of", "2021-12"), "--as-of '2021-12' must be a single day"),
            (("next", "in-us", "--as-of", "yesterday"), "'yesterday' is not a date of the form"),
        ],
    )
    def test_errors_are_one_clear_line(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
    ) -> None:
        code, out, err = run(capsys, *argv)
        assert (1, "") == (code, out)
        assert err.startswith(f"twoplustwo: error: {message}")
        assert 1 == err.count("\n")

    @pytest.mark.parametrize("argv", [(), ("next",), ("fly",), ("list", "--bogus")])
    def test_a_malformed_command_line_exits_2(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(list(argv))
        assert 2 == info.value.code
        assert "usage: twoplustwo" in capsys.readouterr().err

    @pytest.mark.parametrize("argv", [("--help",), ("next", "--help"), ("list", "--help")])
    def test_help_shows_an_example(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(list(argv))
        assert 0 == info.value.code
        out = capsys.readouterr().out
        assert "example" in out
        assert "  twoplustwo list" in out if argv[0] == "list" else "  twoplustwo next in-us" in out


class TestModule:
    """`python -m twoplustwo` is the same command."""

    def test_python_dash_m_runs_the_command(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys, "argv", ["twoplustwo", "next", "in-us", "--as-of", "2021-12-24"])
        with pytest.raises(SystemExit) as info:
            runpy.run_module("twoplustwo", run_name="__main__")
        assert 0 == info.value.code
        assert "Washington" in capsys.readouterr().out


class TestValidate:
    """`twoplustwo validate` lists every problem of every file and exits 1 if there is one."""

    def test_a_valid_file_is_ok(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "seed.json"
        path.write_text(tpt.dumps(tpt.load_seed()), encoding="utf-8")
        assert (0, f"{path}: ok\n", "") == run(capsys, "validate", str(path))

    def test_every_problem_of_every_file_is_listed(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        good, bad, missing = tmp_path / "good.json", tmp_path / "bad.json", tmp_path / "none.json"
        good.write_text(tpt.dumps(tpt.load_seed()), encoding="utf-8")
        bad.write_text(
            '{"format": "twoplustwo/9", "as_of": "2021-02-30", "x": 1}', encoding="utf-8"
        )
        code, out, err = run(capsys, "validate", str(good), str(bad), str(missing))
        assert (1, "") == (code, err)
        assert [
            f"{good}: ok",
            f"{bad}: 4 problems",
            (
                "  - this version reads 'twoplustwo/1' and 'twoplustwo/2' documents, not "
                "'twoplustwo/9' @ $.format"
            ),
            "  - '2021-02-30' is not a calendar date @ $.as_of",
            "  - required key missing @ $.mechanisms",
            "  - unknown key 'x' @ $",
            f"{missing}: 1 problem",
            f"  - cannot read '{missing}': No such file or directory",
            "1 of 3 valid.",
        ] == out.splitlines()

    def test_json_lists_each_file_with_its_problems(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        good, missing = tmp_path / "good.json", tmp_path / "none.json"
        good.write_text(tpt.dumps(tpt.load_seed()), encoding="utf-8")
        code, out, _ = run(capsys, "validate", "--json", str(good), str(missing), str(good))
        assert 1 == code
        assert [
            {"file": str(good), "problems": []},
            {
                "file": str(missing),
                "problems": [f"cannot read '{missing}': No such file or directory"],
            },
            {"file": str(good), "problems": []},
        ] == json.loads(out)
        assert 0 == run(capsys, "validate", "--json", str(good))[0]

    def test_without_a_file_it_checks_the_embedded_record(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert (0, "the embedded record: ok\n", "") == run(capsys, "validate")


class TestShow:
    """`twoplustwo show` prints the history, inferred venues marked and slips listed."""

    def test_india_us_history(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "in-us")
        lines = out.splitlines()
        assert 0 == code
        assert "Not recorded as checked against the news." == lines[3]
        assert lines[5].startswith(
            "ROUND  STATUS     DATE                   MODE       HOST  VENUE        PARTICIP"
        )
        assert lines[7].startswith(
            "2      held       2019-12                in person  US*   Washington*  -"
        )
        assert "* neither host nor venue on record: the rotation gives them" in lines
        assert "Round 4 had been planned for the 1st week of December 2021." in lines

    def test_recorded_venues_need_no_footnote(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "in-ru")
        assert 0 == code
        assert "1      held    2021-12-06  in person  IN    New Delhi  -" in out
        assert "*" not in out

    def test_a_mechanism_without_rounds(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "in-jp")
        assert 0 == code
        assert "No rounds on record." in out
        assert "*" not in out

    def test_json_is_the_mechanism(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "in-ru", "--json")
        assert (0, tpt.load_seed().mechanism("in-ru")) == (code, tpt.loads(out, tpt.Mechanism))


class TestBacktest:
    """`twoplustwo backtest` scores the rotation on recorded hosts."""

    def test_nothing_to_backtest_in_the_seed(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "backtest", "in-us")
        assert 0 == code
        assert out.startswith("in-us: nothing to backtest yet")
        assert "[]\n" == run(capsys, "backtest", "in-us", "--json")[1]

    def test_hits_and_misses(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        doc = json.loads(tpt.dumps(tpt.load_seed()))
        rounds = doc["mechanisms"][0]["rounds"]
        delhi = rounds[0]["venue"]
        washington = rounds[3]["venue"]
        rounds[1]["venue"], rounds[2]["venue"] = washington, washington
        path = tmp_path / "data.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        code, out, _ = run(capsys, "--data", str(path), "backtest", "in-us")
        assert 0 == code
        assert [
            "ROUND  PREDICTED      ACTUAL         HIT",
            "2      United States  United States  yes",
            "3      India          United States  no",
            "",
            "1 of 2 predicted.",
        ] == out.splitlines()
        _, out, _ = run(capsys, "--data", str(path), "backtest", "in-us", "--json")
        assert [2, 3] == [row["ordinal"] for row in json.loads(out)]
        assert delhi != washington


class TestRisks:
    """`twoplustwo risks` lists sanction risks, of one country if asked."""

    @pytest.mark.parametrize("country", [(), ("IN",), ("US",), ("RU",)])
    def test_the_caatsa_risk_concerns_india_the_us_and_russia(
        self, capsys: pytest.CaptureFixture[str], country: tuple[str, ...]
    ) -> None:
        code, out, _ = run(capsys, "risks", *country)
        assert 0 == code
        assert out.startswith("caatsa-in-s400: Countering America's Adversaries")
        assert "  Status: potential as of 2021-12-24; decided by US Congress.\n" in out

    def test_a_country_without_risks(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert (0, "No sanction risks on record for JP.\n", "") == run(capsys, "risks", "JP")

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "risks", "--json")
        assert ["caatsa-in-s400"] == [risk["id"] for risk in json.loads(out)]
        assert "[]\n" == run(capsys, "risks", "JP", "--json")[1]


class TestRounds:
    """`twoplustwo rounds` prints the rounds table as text, csv or JSON."""

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "rounds")
        lines = out.splitlines()
        assert 0 == code
        assert (
            "MECHANISM  #  STATUS     EARLIEST    LATEST      MODE       VENUE        HOST"
            == lines[0]
        )
        assert (
            "in-us      2  held       2019-12-01  2019-12-31  in_person  Washington*  US"
            == lines[2]
        )
        assert 6 == len(lines)

    def test_csv_of_one_mechanism(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "rounds", "in-ru", "--format", "csv")
        assert [
            (
                "mechanism,ordinal,status,earliest,latest,mode,venue,host,host_basis,venue_inferred,"
                "uncertain,counted,participants"
            ),
            "in-ru,1,held,2021-12-06,2021-12-06,in_person,New Delhi,IN,venue,False,,False,",
        ] == out.splitlines()

    def test_json_rows_are_the_table_with_iso_days(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _, out, _ = run(capsys, "rounds", "--format", "json")
        rows = json.loads(out)
        expected = [
            {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
            for row in tpt.rounds_table(tpt.load_seed())
        ]
        assert expected == rows

    def test_an_unknown_mechanism_is_an_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "rounds", "in-xx")
        assert 1 == code
        assert err.startswith("twoplustwo: error: no mechanism with id 'in-xx'")


class TestIcs:
    """`twoplustwo ics` writes a calendar to stdout or a file."""

    def test_one_mechanism_to_stdout(self, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
        assert 0 == cli.main(["ics", "in-ru"])
        out = capfdbinary.readouterr().out
        assert out.startswith(b"BEGIN:VCALENDAR\r\n")
        assert b"UID:in-ru-round-1@twoplustwo" in out
        assert b"UID:in-us-round-1@twoplustwo" not in out

    def test_all_to_a_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "all.ics"
        argv = ("ics", "--all", "-o", str(path), "--as-of", "2022-02-01")
        assert (0, "", f"Wrote {path}.\n") == run(capsys, *argv)
        expected = tpt.to_ics(tpt.load_seed(), as_of=pendulum.Date(2022, 2, 1))
        assert expected == path.read_bytes()

    def test_an_unwritable_file_is_an_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, "ics", "--all", "-o", str(tmp_path / "no" / "x.ics"))
        assert 1 == code
        assert err.startswith("twoplustwo: error: cannot write")

    @pytest.mark.parametrize("argv", [("ics",), ("ics", "in-us", "--all")])
    def test_it_needs_one_mechanism_or_all(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
    ) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(list(argv))
        assert 2 == info.value.code


class TestPipes:
    """A reader that leaves early is not an error."""

    def test_a_closed_pipe_ends_quietly(self, monkeypatch: pytest.MonkeyPatch) -> None:
        read, write = os.pipe()
        os.close(read)
        with open(write, "w", encoding="utf-8") as stream:  # noqa: PTH123 - a pipe, not a path
            monkeypatch.setattr(sys, "stdout", stream)
            assert 0 == cli.main(["list"])


class TestVersion:
    """`twoplustwo --version` prints the version."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["--version"])
        assert 0 == info.value.code
        assert f"twoplustwo {tpt.__version__}\n" == capsys.readouterr().out


class TestSchema:
    """`twoplustwo schema` prints the JSON Schema of a class."""

    @pytest.mark.parametrize(("argv", "cls"), [((), tpt.Dataset), (("City",), tpt.City)])
    def test_it_prints_the_schema(
        self, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], cls: type
    ) -> None:
        code, out, _ = run(capsys, "schema", *argv)
        assert (0, tpt.json_schema(cls)) == (code, json.loads(out))

    def test_an_unknown_class_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["schema", "Planet"])
        assert 2 == info.value.code
        assert "invalid choice: 'Planet'" in capsys.readouterr().err


class TestTableWidth:
    """Tables fill the terminal they are shown in, and are whole in a pipe."""

    def test_a_pipe_gets_the_whole_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        out = run(capsys, "show", "in-us")[1]
        assert "Michael R. Pompeo, James N. Mattis, Sushma Swaraj, Nirmala Sitharaman" in out

    def test_a_terminal_cuts_the_last_column_to_its_width(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        monkeypatch.setattr(sys.stdout, "fileno", lambda: 1)
        monkeypatch.setattr(os, "get_terminal_size", lambda _: os.terminal_size((70, 24)))
        out = run(capsys, "show", "in-us")[1]
        assert max(len(line) for line in out.splitlines()) <= 80
        assert "Michael…" in out

    def test_a_terminal_without_a_descriptor_is_a_pipe(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        out = run(capsys, "show", "in-us")[1]
        assert "Nirmala Sitharaman" in out


class TestRoughEdges:
    """Codes and ids in any case, clear errors, standard input, and messages on stderr."""

    @pytest.mark.parametrize(
        ("code", "says"),
        [
            ("UK", "'UK' is not an ISO 3166-1 alpha-2 country code; did you mean GB?"),
            ("XX", "'XX' is not an ISO 3166-1 alpha-2 country code"),
            ("india", "'india' is not an ISO 3166-1 alpha-2 country code"),
        ],
    )
    def test_an_unknown_country_is_an_error(
        self, capsys: pytest.CaptureFixture[str], code: str, says: str
    ) -> None:
        code_, _, err = run(capsys, "risks", code)
        assert (1, f"twoplustwo: error: {says}\n") == (code_, err)

    def test_a_country_in_lower_case_is_read(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "risks", "in")[1].startswith("caatsa-in-s400:")

    def test_ids_and_class_names_in_any_case(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert "(in-us)" in run(capsys, "next", "IN-US")[1]
        assert '"title": "twoplustwo Mechanism"' in run(capsys, "schema", "mechanism")[1]

    def test_standard_input_is_a_file(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        text = tpt.dumps(tpt.load_seed()).encode()
        for argv in (["--data", "-", "list"], ["validate", "-"]):
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
            assert 0 == cli.main(argv)
        assert "-: ok" in capsys.readouterr().out

    def test_an_empty_calendar_is_a_warning_and_a_file_is_written_quietly(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        out = tmp_path / "in-jp.ics"
        code, stdout, err = run(capsys, "ics", "IN-JP", "-o", str(out))
        assert (0, "") == (code, stdout)
        assert f"twoplustwo: warning: the calendar has no events\nWrote {out}.\n" == err
        assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def _outcome(
    parse: Any, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[object, str, str]:
    """
    What parsing ``argv`` gives: the namespace, or the exit code; and what it printed.
    """
    try:
        result: object = vars(parse(argv))
    except SystemExit as stop:
        result = ("exit", stop.code)
    out, err = capsys.readouterr()
    return result, out, err


# Words a command line is made of: commands (an alias and a near miss among them), the
# program's options in full and cut short, the commands' options, and their values.
_WORDS = [
    *(name for name in ("next", "list", "show", "add-round", "validate", "check", "extract")),
    *("nxt", "--data", "--data=d.json", "--da", "--seed", "--se", "--version", "-h", "--help"),
    *("--json", "--as-of", "--all", "-o", "--", "in-us", "d.json", "2021-12-24", "-"),
]


class TestParsing:
    """A run builds only its command's parser, and parses every line as the whole parser does."""

    @settings(
        max_examples=examples(200),
        # capsys is reset by _outcome; the profile's own suppressions stay (mutation's among them)
        suppress_health_check=[
            *settings().suppress_health_check,
            HealthCheck.function_scoped_fixture,
        ],
    )
    @given(st.lists(st.sampled_from(_WORDS), max_size=6))
    def test_a_line_parses_as_the_whole_parser_parses_it(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        whole = _outcome(lambda words: _app.parser().parse_args(words), argv, capsys)
        assert whole == _outcome(_app.parse, argv, capsys)

    @pytest.mark.parametrize(
        ("argv", "built"),
        [
            (["next", "in-us"], {"next"}),
            (["--seed", "--data", "d.json", "validate", "d.json"], {"check", "validate"}),
            (["--data=d.json", "list"], {"list"}),
            (["--help"], None),
            (["--se", "list"], None),
            (["-", "list"], None),
            ([], None),
        ],
    )
    def test_only_the_command_the_line_names_is_built(
        self, argv: list[str], built: set[str] | None
    ) -> None:
        everything = _commands(_app.parser())
        assert 16 == len(everything - {"validate"})
        assert (built or everything) == _commands(_app.parser(_app._command_of(argv)))


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    """
    The names and aliases of the commands ``parser`` has built.
    """
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return set(commands.choices)
