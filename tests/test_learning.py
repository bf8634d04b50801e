"""
Forecasts that learn from each dialogue's record, windows from its gaps, and the scoreboard.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, WASHINGTON, F, held, mechanism
from strategies import days, mechanisms
from twoplustwo import _evaluate, _learning, cli

PAGE = Path(__file__).parent.parent / "docs" / "scoreboard.md"
LEARNED = mechanisms(
    min_rounds=1, rotation=st.just(tpt.Learned()), changes=False, pending=False
).map(lambda m: attrs.evolve(m, cadence_months=None))


@pytest.fixture(scope="module")
def board(world: tpt.Dataset) -> tpt.Scoreboard:
    return tpt.evaluate(world)


class TestLearnedHosts:
    """The learned rule follows the simple rule with the best record, and says how sure it is."""

    @given(LEARNED, days())
    def test_chances_are_probabilities_that_sum_to_one(
        self, m: tpt.Mechanism, as_of: pendulum.Date
    ) -> None:
        forecast = tpt.next_round(m, as_of=as_of)
        chances = dict(forecast.chances)
        assert set(m.codes) == set(chances)
        assert all(0 <= chance <= 1 for chance in chances.values())
        assert abs(sum(chances.values()) - 1) < 1e-9
        assert forecast.host is not None
        assert chances[forecast.host.code] == max(chances.values())

    def test_a_new_dialogue_alternates(self) -> None:
        m = mechanism(held(1, "2018", DELHI), rotation=tpt.Learned(), cadence_months=None)
        forecast = tpt.next_round(m, as_of=pendulum.Date(2019, 1, 1))
        assert (WASHINGTON, {"IN": 0.25, "US": 0.75}) == (forecast.venue, dict(forecast.chances))
        assert "the parties take turns has the best record (0 of 0 turns, 75% smoothed)" in (
            " ".join(forecast.reasons)
        )

    def test_a_dialogue_that_stays_put_is_learned(self) -> None:
        rounds = [held(k, str(2000 + k), WASHINGTON) for k in range(1, 9)]
        m = mechanism(*rounds, rotation=tpt.Learned(), cadence_months=None)
        forecast = tpt.next_round(m, as_of=pendulum.Date(2009, 1, 1))
        assert forecast.host is not None
        assert "US" == forecast.host.code
        assert dict(forecast.chances)["US"] > 0.8
        assert "the party that hosted most rounds hosts has the best record (7 of 7 turns" in (
            " ".join(forecast.reasons)
        )

    def test_with_no_turn_yet_either_party_is_as_likely(self) -> None:
        virtual = tpt.Round(1, tpt.RoundStatus.HELD, F.parse("2021"), mode=tpt.Mode.VIRTUAL)
        m = mechanism(virtual, rotation=tpt.Learned(), cadence_months=None)
        forecast = tpt.next_round(m, as_of=pendulum.Date(2022, 1, 1))
        assert {"IN": 0.5, "US": 0.5} == dict(forecast.chances)

    def test_an_announced_round_with_an_inferred_host_has_the_rule_s_chances(self) -> None:
        pending = tpt.Round(2, tpt.RoundStatus.SCHEDULED, F.parse("2020"))
        m = mechanism(held(1, "2019", DELHI), pending, rotation=tpt.Learned())
        assert {"IN": 0.25, "US": 0.75} == dict(tpt.next_round(m, as_of=AS_OF).chances)


AS_OF = pendulum.Date(2020, 1, 1)


class TestWindowsFromTheRecord:
    """A window covers a central share of past gaps and ends after its day, unless dormant."""

    @given(LEARNED, days(), st.sampled_from([0.5, 0.8, 0.95]))
    def test_a_window_ends_after_as_of_unless_dormant(
        self, m: tpt.Mechanism, as_of: pendulum.Date, level: float
    ) -> None:
        last = _learning.midpoint(m.held[-1].date)
        as_of = max(as_of, last)
        forecast = tpt.next_round(m, as_of=as_of, level=level)
        assert forecast.level == level
        assert forecast.dormant or forecast.window.latest >= as_of
        assert forecast.dormant == (forecast.chance_within_year is not None)
        assert forecast.overdue == (as_of > forecast.window.latest)

    def test_a_wider_level_gives_a_wider_window(self, world: tpt.Dataset) -> None:
        au_us = world.mechanism("au-us")
        day = _learning.midpoint(au_us.held[-1].date)
        narrow, wide = (
            tpt.next_round(au_us, as_of=day, level=level, context=world).window
            for level in (0.5, 0.9)
        )
        assert wide.earliest <= narrow.earliest
        assert narrow.latest <= wide.latest

    def test_a_long_silence_is_dormant_with_a_small_chance(self, world: tpt.Dataset) -> None:
        forecast = tpt.next_round(world.mechanism("jp-ru"), as_of=pendulum.Date(2026, 12, 1))
        assert forecast.dormant
        assert forecast.chance_within_year is not None
        assert forecast.chance_within_year < 0.1
        assert any("it is dormant" in reason for reason in forecast.reasons)

    def test_other_dialogues_inform_the_window(self, world: tpt.Dataset) -> None:
        in_au = attrs.evolve(world.mechanism("in-au"), rounds=world.mechanism("in-au").held)
        day = _learning.midpoint(in_au.held[-1].date)
        alone = tpt.next_round(in_au, as_of=day)
        pooled = tpt.next_round(in_au, as_of=day, context=world)
        assert alone.window != pooled.window
        assert "1 of its own, 0 of other dialogues" in " ".join(alone.reasons)

    @pytest.mark.parametrize("level", [0, 1, 1.5, -0.2, True, "0.8", None])
    def test_a_level_must_lie_between_0_and_1(self, level: object) -> None:
        m = mechanism(held(1, "2019", DELHI))
        with pytest.raises(tpt.Error, match=r"level=.* must be a number between 0 and 1"):
            tpt.next_round(m, level=level)  # type: ignore[arg-type] # a bad input on purpose

    def test_a_declared_cadence_keeps_the_old_window(self) -> None:
        m = mechanism(held(1, "2019-05", DELHI), rotation=tpt.Learned(), cadence_months=12)
        assert F.parse("2020-05") == tpt.next_round(m, as_of=AS_OF).window

    def test_a_mechanism_built_in_python_takes_its_windows_from_the_record(self) -> None:
        m = mechanism(held(1, "2019-05", DELHI), rotation=tpt.Learned())
        assert m.cadence_months is None
        assert F.parse("2020-05") != tpt.next_round(m, as_of=AS_OF).window


class TestForecastChecks:
    """A forecast's chances are pairs of a code and a probability that sum to 1."""

    @pytest.mark.parametrize(
        ("chances", "says"),
        [
            ((("IN", 0.5),), "do not sum to 1"),
            ((("IN", 1.5), ("US", -0.5)), r"chances\[0\]\[1\]=1\.5 must be from 0 to 1"),
            ((("IN", "1"),), r"chances\[0\]\[1\]='1' is not a number"),
            ((("IN",),), r"chances\[0\]=\('IN',\) is not a \(party code, chance\) pair"),
            ((("IN", True), ("US", 0)), r"is not a number"),
            ([("IN", 1.0)], "is not a tuple"),
        ],
    )
    def test_bad_chances_are_refused(self, chances: Any, says: str) -> None:
        base = tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)
        with pytest.raises(tpt.InvalidModel, match=says):
            attrs.evolve(base, chances=chances)

    @pytest.mark.parametrize("value", [1.5, "0.5", True])
    def test_a_level_or_chance_out_of_range_is_refused(self, value: Any) -> None:
        base = tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)
        with pytest.raises(tpt.InvalidModel, match=r"Forecast\.level="):
            attrs.evolve(base, level=value)


class TestScoreboard:
    """evaluate replays every dialogue without peeking, the same way every time."""

    def test_it_scores_every_dialogue_and_all_for_every_method(
        self, world: tpt.Dataset, board: tpt.Scoreboard
    ) -> None:
        ids = [m.id for m in world.mechanisms] + ["all"]
        assert [
            (lead, method, i) for lead in _learning.LEADS for method in tpt.METHODS for i in ids
        ] == [(s.lead, s.method, s.mechanism) for s in board.scores]
        overall = board.score("all", "twoplustwo")
        assert overall.hosts == sum(board.score(i, "twoplustwo").hosts for i in ids[:-1])
        with pytest.raises(KeyError):
            board.score("xx-yy", "twoplustwo")

    def test_it_beats_every_baseline_on_the_brier_score(self, board: tpt.Scoreboard) -> None:
        ours = board.score("all", "twoplustwo").brier
        assert ours is not None
        baselines = tpt.METHODS[2:]
        assert all(ours < (board.score("all", m).brier or 1) for m in baselines)
        coverage = board.score("all", "twoplustwo").coverage
        assert coverage is not None
        assert 0.73 <= coverage <= 0.87

    def test_the_news_known_by_then_decides_host_city_and_window(self) -> None:
        said = tpt.Announcement(
            tpt.Source("A notice", published=F.parse("2021-11-20")),
            date=F.parse("2021-12-06"),
            venue=DELHI,
        )
        rounds = (
            held(1, "2018-09-06", DELHI),
            held(2, "2019-12-18", WASHINGTON),
            held(3, "2020-10-27", WASHINGTON),
            held(4, "2021-12-06", DELHI, announced=(said,)),
        )
        data = tpt.Dataset(as_of=pendulum.Date(2022, 1, 1), mechanisms=(mechanism(*rounds),))
        found = {(e.lead, e.method): e for e in _evaluate._events(data, data.mechanisms[0], 0.8)}
        # 7 days before round 4 the notice was out: its host, city and day are the answer
        host, chances, window, city = found[7, "twoplustwo with news"].guess
        day = pendulum.Date(2021, 12, 6)
        assert ("IN", {"IN": 1.0, "US": 0.0}, (day, day), DELHI) == (host, chances, window, city)
        assert found[7, "twoplustwo"].announced
        # 30 days before, it was not yet out: the forecast is the pattern's alone
        assert not found[30, "twoplustwo"].announced
        assert found[30, "twoplustwo with news"].guess == found[30, "twoplustwo"].guess
        assert tpt.evaluate(data).score("in-us", "twoplustwo with news", 7).announced == 1

    @pytest.mark.parametrize("cut", [2, 17, 34])
    def test_later_rounds_are_never_read(self, world: tpt.Dataset, cut: int) -> None:
        au_us = world.mechanism("au-us")
        shorter = attrs.evolve(au_us, rounds=au_us.rounds[:cut])
        full = list(_evaluate._events(world, au_us, 0.8))
        early = list(_evaluate._events(world, shorter, 0.8))
        assert early == full[: len(early)]
        assert all(e.actual.ordinal <= cut for e in early)

    def test_a_dialogue_with_nothing_to_score_has_no_rates(self) -> None:
        data = tpt.Dataset(as_of=AS_OF, mechanisms=(mechanism(held(1, "2019", DELHI)),))
        score = tpt.evaluate(data).score("in-us", "twoplustwo")
        assert (0, None, None, None, None) == (
            score.hosts,
            score.accuracy,
            score.brier,
            score.coverage,
            score.median_width_months,
        )

    def test_a_suspended_dialogue_is_not_forecast_but_scored_by_the_baselines(self) -> None:
        stop = tpt.StatusChange(tpt.MechanismStatus.SUSPENDED, F.parse("2019-01-10"))
        rounds = (held(1, "2019-01", DELHI), held(2, "2019-12", WASHINGTON))
        data = tpt.Dataset(as_of=AS_OF, mechanisms=(mechanism(*rounds, status_changes=(stop,)),))
        board = tpt.evaluate(data)
        assert 0 == board.score("in-us", "twoplustwo").windows
        assert 1 == board.score("in-us", "12-month rule").windows


class TestTheCommand:
    """`twoplustwo evaluate` prints the scoreboard the docs page shows."""

    def test_the_docs_page_shows_what_the_command_prints(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        page = PAGE.read_text("utf-8")
        blocks = re.findall(r"```console\n\$ twoplustwo (evaluate.*?)\n(.*?)```", page, re.DOTALL)
        assert [command for command, _ in blocks] == ["evaluate", "evaluate --lead 30"]
        for command, shown in blocks:
            assert 0 == cli.main(command.split())
            assert capsys.readouterr().out == shown

    def test_a_chance_in_json_is_a_number(self) -> None:
        base = tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)
        document = json.loads(tpt.dumps(base))
        assert [["IN", 0.0], ["US", 1.0]] == document["chances"]
        document["chances"][0][1] = "0"
        with pytest.raises(
            tpt.DecodeError, match=r"expected a number, got a string @ \$\.chances\[0\]\[1\]"
        ):
            tpt.loads(json.dumps(document), tpt.Forecast)

    def test_json_is_the_scoreboard(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["--seed", "evaluate", "--json", "--level", "0.5"])
        document = json.loads(capsys.readouterr().out)
        assert 0.5 == document["level"]
        assert tpt.converter.structure(document, tpt.Scoreboard) == tpt.evaluate(
            tpt.load_seed(), level=0.5
        )


class TestDataAge:
    """A forecast knows how old its data is, and says when a round may be missing from it."""

    def test_old_data_is_stale_beyond_the_usual_gap(self, world: tpt.Dataset) -> None:
        au_us = world.mechanism("au-us")
        fresh = tpt.next_round(au_us, as_of=world.as_of, context=world)
        old = tpt.next_round(au_us, as_of=world.as_of.add(years=2), context=world)
        assert (fresh.data_as_of, fresh.data_checked, fresh.stale) == (world.as_of, False, False)
        assert (old.data_as_of, old.data_checked, old.stale) == (au_us.checked, True, True)
        assert "a round may have been held since that it does not have" in old.reasons[-2]

    def test_a_dialogue_of_one_round_counts_a_year(self) -> None:
        data = tpt.Dataset(as_of=AS_OF, mechanisms=(mechanism(held(1, "2019", DELHI)),))
        m = data.mechanisms[0]
        assert not tpt.next_round(m, as_of=AS_OF.add(days=365), context=data).stale
        assert tpt.next_round(m, as_of=AS_OF.add(days=366), context=data).stale
        assert tpt.next_round(m, as_of=AS_OF.add(days=366)).data_as_of is None

    def test_the_command_warns_on_standard_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["next", "au-us", "--as-of", "2030-01-01"])
        out, err = capsys.readouterr()
        assert err.startswith("twoplustwo: warning: the data is ")
        assert err.endswith("a round may have been held since\n")
        assert 1 == len(err.splitlines())
        assert 0 == cli.main(["next", "au-us", "--as-of", "2030-01-01", "--json"])
        out, err = capsys.readouterr()
        assert ("", True) == (err, json.loads(out)["stale"])


class TestExplain:
    """Forecast.explain renders a forecast as the command line prints it."""

    def test_without_a_name_or_a_data_date(self) -> None:
        forecast = tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)
        lines = forecast.explain(width=60).splitlines()
        assert "in-us" == lines[0]
        assert not any(line.startswith("Data as of:") for line in lines)
        assert max(len(line) for line in lines) <= 60
