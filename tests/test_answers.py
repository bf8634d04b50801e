"""
Answers a journalist can quote: the state first, the city learned, the data's age always, and
dialogues found by any of their usual names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pendulum
import pytest

import twoplustwo as tpt
from builders import DELHI, MUMBAI, F, held, mechanism
from twoplustwo import _render, cli
from twoplustwo._learning import percent

AS_OF = pendulum.Date(2026, 12, 5)


class TestNames:
    """A dialogue is found by its id either way round, its name or an alias, in any case."""

    @pytest.mark.parametrize(
        ("said", "found"),
        [
            ("AUSMIN", "au-us"),
            ("us-au", "au-us"),
            ("the Security Consultative Committee", None),
            ("Security Consultative Committee", "jp-us"),
            ("us–japan 2+2", "jp-us"),
            ('Japan–United States Security Consultative Committee ("2+2")', "jp-us"),
        ],
    )
    def test_usual_names(self, said: str, found: str | None) -> None:
        world = tpt.load_dataset()
        if found is None:
            with pytest.raises(tpt.UnknownMechanism, match="did you mean jp-us"):
                world.mechanism(said)
        else:
            assert found == world.mechanism(said).id

    def test_a_name_not_near_any_gets_the_list_alone(self) -> None:
        with pytest.raises(tpt.UnknownMechanism) as info:
            tpt.load_dataset().mechanism("zzzzzz")
        assert ((), "no mechanism with id 'zzzzzz'; known ids: in-us") == (
            info.value.meant,
            str(info.value)[:47],
        )


class TestCity:
    """The city is learned from the host's rounds at home, leaning to its capital."""

    def test_the_usual_city_beats_the_capital(self) -> None:
        m = mechanism(
            held(1, "2018", MUMBAI),
            held(2, "2019", tpt.City("Washington", "US", "America/New_York")),
            held(3, "2020", MUMBAI),
            held(4, "2021", tpt.City("Washington", "US", "America/New_York")),
            rotation=tpt.Alternating(),
        )
        forecast = tpt.next_round(m, as_of=pendulum.Date(2021, 6, 1))
        assert (MUMBAI, "57%: all 2 rounds India hosted at home") == (
            forecast.venue,
            forecast.venue_why,
        )
        assert forecast.venue_chance == pytest.approx(2 / 3.5)
        assert tpt.venue_for(m, 5) == MUMBAI

    def test_the_scoreboard_scores_the_learned_city_against_the_capital(self) -> None:
        washington = tpt.City("Washington", "US", "America/New_York")
        m = mechanism(
            held(1, "2018", MUMBAI),
            held(2, "2019", washington),
            held(3, "2020", MUMBAI),
            held(4, "2021", washington),
            held(5, "2022", MUMBAI),
            held(6, "2023", tpt.City("Boston", "US", "America/New_York")),
            held(7, "2024", host="IN"),  # a host on record, but no venue: no city to score
            rotation=tpt.Alternating(),
        )
        board = tpt.evaluate(tpt.Dataset(mechanisms=(m,), as_of=pendulum.Date(2025, 1, 1)))
        ours, capital = (board.score(m.id, method) for method in ("twoplustwo", "12-month rule"))
        # twoplustwo: Washington (right), Delhi on a tie (wrong), Washington (right), Mumbai
        # once it leads (right), Washington (wrong); the capitals: right only in Washington
        assert ((5, 3), (5, 2)) == (
            (ours.cities, ours.city_hits),
            (capital.cities, capital.city_hits),
        )
        assert ours.city_accuracy == pytest.approx(0.6)

    def test_the_scoreboard_scores_no_city_for_a_round_without_a_venue(self) -> None:
        m = mechanism(
            held(1, "2018", MUMBAI),
            held(2, "2019", host="US"),
            held(3, "2020", MUMBAI),
            rotation=tpt.Alternating(),
        )
        board = tpt.evaluate(tpt.Dataset(mechanisms=(m,), as_of=pendulum.Date(2021, 1, 1)))
        ours = board.score(m.id, "twoplustwo")
        assert (2, 1) == (ours.hosts, ours.cities)

    def test_one_round_in_the_capital_is_not_certainty(self) -> None:
        m = mechanism(held(1, "2018", DELHI), rotation=tpt.Alternating(first_host="US"))
        forecast = tpt.next_round(m, as_of=pendulum.Date(2019, 6, 1))
        assert forecast.venue_why is not None
        assert forecast.venue_why.startswith("assumed: the capital; United States has hosted")


class TestRendering:
    """The forecast's text leads with its state, and says chances a reader can quote."""

    @pytest.mark.parametrize(
        ("chance", "said"),
        [
            *((c, "less than 1%") for c in (0.0, 0.004, 0.005)),  # 0.005 alone would read 0%
            (0.0051, "1%"),
            (0.5, "50%"),
            (0.9949, "99%"),
            *((c, "more than 99%") for c in (0.995, 0.996, 0.9999)),
            (1.0, "100%"),
        ],
    )
    def test_percent(self, chance: float, said: str) -> None:
        assert said == percent(chance)

    def test_a_virtual_announced_round_has_no_city(self) -> None:
        source = tpt.Source("Ministers to meet by video", published=F.parse("2029-12-01"))
        pending = tpt.Round(
            2,
            tpt.RoundStatus.SCHEDULED,
            F.parse("2030-01"),
            mode=tpt.Mode.VIRTUAL,
            host="US",
            sources=(source,),
        )
        m = mechanism(held(1, "2019-05", DELHI), pending)
        forecast = tpt.next_round(m, as_of=pendulum.Date(2029, 12, 5))
        text = forecast.explain("India-US 2+2")
        assert "State: announced: round 2, scheduled for January 2030\n" in text
        assert "Host:  United States (on record)\nCity:  none: by video\n" in text
        assert repr(forecast) == "<Forecast in-us round 2: announced, US, by video, 2030-01>"

    def test_a_proposed_round_without_a_host_names_the_likeliest(self) -> None:
        source = tpt.Source("Ministers agree to meet", published=F.parse("2029-12-01"))
        pending = tpt.Round(2, tpt.RoundStatus.PROPOSED, F.parse("2030"), sources=(source,))
        m = mechanism(held(1, "2019-05", DELHI), pending, rotation=tpt.Learned())
        text = tpt.next_round(m, as_of=pendulum.Date(2029, 12, 5)).explain()
        assert "State: proposed: round 2, proposed for 2030\n" in text
        assert "Host:  not announced; likeliest United States (" in text

    def test_parties_as_likely_to_host_are_both_named_and_the_city_is_conditional(
        self,
    ) -> None:
        source = tpt.Source("Ministers agree to meet", published=F.parse("2029-12-01"))
        first = tpt.Round(1, tpt.RoundStatus.PROPOSED, F.parse("2030"), sources=(source,))
        text = tpt.next_round(
            mechanism(first, rotation=tpt.Learned()), as_of=pendulum.Date(2029, 12, 5)
        ).explain()
        assert "Host:  not announced; India or US, as likely as each other (50% each)\n" in text
        assert "City:  not announced; if India hosts, New Delhi (assumed: " in text
        assert "likeliest" not in text

    def test_a_round_by_video_with_no_host_lists_no_host(self) -> None:
        source = tpt.Source("Ministers to meet by video", published=F.parse("2029-12-01"))
        by_video = tpt.Round(
            2,
            tpt.RoundStatus.SCHEDULED,
            F.parse("2030-01"),
            mode=tpt.Mode.VIRTUAL,
            sources=(source,),
        )
        forecast = tpt.next_round(
            mechanism(held(1, "2019-05", DELHI), by_video), as_of=pendulum.Date(2029, 12, 5)
        )
        assert () == _render.hosts(forecast)
        assert "Host:  none (by video)\n" in forecast.explain()

    def test_a_dormant_dialogue_with_even_chances_says_both_conditions(self) -> None:
        by_video = tpt.Round(1, tpt.RoundStatus.HELD, F.parse("1990-05-10"), mode=tpt.Mode.VIRTUAL)
        forecast = tpt.next_round(
            mechanism(by_video, rotation=tpt.Learned()), as_of=pendulum.Date(2029, 12, 5)
        )
        text = forecast.explain()
        assert "Host:  if it meets, India or US, as likely as each other (50% each)\n" in text
        assert "City:  if it meets and India hosts, New Delhi (assumed: " in text

    def test_a_forecast_without_its_dataset_has_no_data_line(self) -> None:
        m = mechanism(held(1, "2019-05", DELHI), cadence_months=12)
        text = tpt.next_round(m, as_of=pendulum.Date(2019, 6, 1)).explain()
        assert text.startswith("in-us\nState: expected: round 2\nHost:  United States\n")
        assert "Data:" not in text

    def test_a_window_right_after_a_round_is_between_two_days(self) -> None:
        m = mechanism(held(1, "2019-05-10", DELHI), held(2, "2020-05-10"))
        forecast = tpt.next_round(m, as_of=pendulum.Date(2020, 5, 10))
        assert forecast.when.startswith("between ")
        assert forecast.when.endswith(" (80% of past gaps)")

    def test_show_marks_counted_ordinals(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == cli.main(["show", "jp-us"])
        out = capsys.readouterr().out
        assert "# counted by the record: no source numbers this round" in out
        assert "\n1#  " in out


class TestExtras:
    """The library names the extra a missing optional dependency comes with."""

    @pytest.mark.parametrize(
        ("module", "call", "says"),
        [
            ("icalendar", lambda: tpt.to_ics(tpt.load_seed()), "to_ics needs icalendar"),
            ("matplotlib", lambda: tpt.timeline_svg(tpt.load_seed()), "timeline_svg needs"),
        ],
    )
    def test_a_missing_extra_is_our_error(
        self, monkeypatch: pytest.MonkeyPatch, module: str, call: Callable[[], object], says: str
    ) -> None:
        monkeypatch.setitem(sys.modules, module, None)  # the import fails as if not installed
        with pytest.raises(tpt.MissingExtra, match=says) as info:
            call()
        assert (module, True) == (info.value.name, isinstance(info.value, ModuleNotFoundError))


class TestNewsPhrases:
    """from_text reads the parts of a year and the spans across months that the news writes."""

    @pytest.mark.parametrize(
        ("phrase", "edtf"),
        [
            ("early 2026", "2026-01-01/2026-04-30"),
            ("mid-2026", "2026-05-01/2026-08-31"),
            ("late 2025", "2025-09-01/2025-12-31"),
            ("the first half of 2026", "2026-01-01/2026-06-30"),
            ("Second half of 2026", "2026-07-01/2026-12-31"),
            ("30 November-2 December 2025", "2025-11-30/2025-12-02"),
            ("30 November - 2 December 2025", "2025-11-30/2025-12-02"),
        ],
    )
    def test_it_reads(self, phrase: str, edtf: str) -> None:
        assert edtf == str(tpt.FuzzyDate.from_text(phrase))

    def test_a_part_of_a_year_outside_the_model_is_refused(self) -> None:
        with pytest.raises(tpt.InvalidDate):
            tpt.FuzzyDate.from_text("early 1850")
