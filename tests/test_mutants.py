"""
Tests that kill mutants a run of scripts/mutation.py left alive (see docs/mutation.md).

Each test pins a behaviour a user can see: the exact words and the value a message shows, or
a boundary of a rule.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Final

import attrs
import jsonschema  # type: ignore[import-untyped] # jsonschema ships no type hints
import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, MUMBAI, WASHINGTON, F, held, mechanism, problem_texts
from strategies import days
from twoplustwo import _learning
from twoplustwo._dates import RANGE
from twoplustwo._policies import RULES, Record
from twoplustwo._validators import show

AS_OF = pendulum.Date(2020, 1, 1)


@pytest.fixture(scope="module")
def forecast() -> tpt.Forecast:
    return tpt.next_round(mechanism(held(1, "2019", DELHI)), as_of=AS_OF)


def _refusal(forecast: tpt.Forecast, **changes: Any) -> str:
    with pytest.raises(tpt.InvalidModel) as raised:
        attrs.evolve(forecast, **changes)
    return str(raised.value)


class TestForecastChances:
    """A forecast's chances that break the rule are refused in words that show them."""

    @given(pairs=st.lists(st.tuples(st.sampled_from(["IN", "US"]), st.floats(0, 1)), max_size=2))
    def test_chances_that_are_not_a_tuple_are_shown(
        self, forecast: tpt.Forecast, pairs: list[tuple[str, float]]
    ) -> None:
        assert f"Forecast.chances={pairs!r} is not a tuple" == _refusal(forecast, chances=pairs)

    @given(chance=st.floats(0, 1).filter(lambda chance: abs(chance - 1) > 1e-9))
    def test_chances_that_do_not_sum_to_one_are_shown(
        self, forecast: tpt.Forecast, chance: float
    ) -> None:
        pairs = (("IN", chance),)
        assert f"Forecast.chances={pairs!r} do not sum to 1" == _refusal(forecast, chances=pairs)


class TestForecastSchema:
    """The schema of a forecast bounds its numbers from 0 to 1, as the model does."""

    @given(value=st.floats(-1, 2))
    @example(value=-0.5)
    @example(value=0.5)
    @example(value=1.5)
    def test_a_level_or_a_chance_is_valid_from_0_to_1(
        self, forecast: tpt.Forecast, value: float
    ) -> None:
        validator = jsonschema.Draft202012Validator(tpt.json_schema(tpt.Forecast))
        document = json.loads(tpt.dumps(forecast))
        for changed in (
            {"level": value},
            {"chance_within_year": value},
            {"chances": [["IN", value]]},
        ):
            assert (0 <= value <= 1) == validator.is_valid({**document, **changed}), changed


class TestForecastWords:
    """A forecast's short forms: its repr, its pending round in words, its default width."""

    def test_the_repr_names_the_host_or_no_host(self, forecast: tpt.Forecast) -> None:
        assert "<Forecast in-us round 2: expected, US, Washington, 2020-01-02/2021-07-01>" == (
            repr(forecast)
        )
        hostless = attrs.evolve(
            forecast, host=None, venue=None, chances=(), basis=tpt.Basis.ANNOUNCED
        )
        assert "<Forecast in-us round 2: expected, no host, no venue on record, " in repr(hostless)

    @pytest.mark.parametrize("status", [None, *tpt.RoundStatus])
    def test_the_pending_round_is_said_with_its_status_or_as_on_record(
        self, forecast: tpt.Forecast, status: tpt.RoundStatus | None
    ) -> None:
        said = "on record" if status is None else status.value
        assert f"{said} for 2 January 2020 to 1 July 2021" == (
            attrs.evolve(forecast, status=status).status_said()
        )

    def test_the_explanation_is_80_characters_wide_unless_told(self, world: tpt.Dataset) -> None:
        forecasts = [
            tpt.next_round(m, as_of=world.as_of)
            for m in world.mechanisms
            if m.status_on(world.as_of) is tpt.MechanismStatus.ACTIVE
        ]
        assert all(f.explain() == f.explain(width=80) for f in forecasts)
        assert any(f.explain() != f.explain(width=81) for f in forecasts)


class TestPooledGaps:
    """The gaps pooled from other dialogues are those that ended by the day asked about."""

    @given(early=days(), late=days())
    def test_a_later_day_pools_every_gap_of_an_earlier_one_and_maybe_more(
        self, world: tpt.Dataset, early: pendulum.Date, late: pendulum.Date
    ) -> None:
        early, late = sorted((early, late))
        before, after = (_learning.pooled_gaps(world, before=day) for day in (early, late))
        assert Counter(before) <= Counter(after)

    def test_before_any_round_there_is_no_gap(self, world: tpt.Dataset) -> None:
        first = min(r.date.earliest for m in world.mechanisms for r in m.held)
        assert () == _learning.pooled_gaps(world, before=first)
        assert _learning.pooled_gaps(world, before=world.as_of)


class TestVenueOfAMissingRound:
    """The venue of a round missing from the record follows from the rounds before it."""

    @given(
        first=st.sampled_from([DELHI, MUMBAI, WASHINGTON]),
        third=st.sampled_from([DELHI, MUMBAI, WASHINGTON]),
        rotation=st.sampled_from([tpt.Alternating(), tpt.Learned()]),
    )
    def test_a_later_round_on_record_does_not_change_it(
        self, first: tpt.City, third: tpt.City, rotation: tpt.Rotation
    ) -> None:
        rounds = (held(1, "2018", first), held(3, "2020", third))
        with_later, without = (
            mechanism(*kept, rotation=rotation, cadence_months=None)
            for kept in (rounds, rounds[:1])
        )
        assert tpt.venue_for(without, 2) == tpt.venue_for(with_later, 2)


def _window(own: list[int], pool: list[int], elapsed: int) -> _learning.Window:
    start = pendulum.Date(2000, 1, 1)
    return _learning.window_from_record(
        tpt.FuzzyDate.parse("2000-01-01"), own, pool, as_of=start.add(days=elapsed), level=0.8
    )


class TestWindowFromOneLongerGap:
    """Long after every gap but one, the window runs to where that one gap ends."""

    @given(gap=st.integers(1200, 5000))
    def test_once_the_quiet_is_as_long_as_the_longest_gap_it_is_dormant(self, gap: int) -> None:
        assert _window([gap], [], gap).dormant
        assert not _window([gap], [], gap - 1).dormant

    @given(gap=st.integers(1200, 5000), data=st.data())
    def test_the_window_ends_where_the_one_longer_gap_does(
        self, gap: int, data: st.DataObject
    ) -> None:
        longest_prior = max(_learning.PRIOR_GAPS)
        elapsed = data.draw(st.integers(longest_prior, gap - 1), label="elapsed")
        start = pendulum.Date(2000, 1, 1)
        window = _learning.window_from_record(
            tpt.FuzzyDate.parse("2000-01-01"),
            [gap],
            [],
            as_of=start.add(days=elapsed),
            level=0.8,
        )
        assert not window.dormant
        assert (start.add(days=elapsed + 1), start.add(days=gap)) == (
            window.window.earliest,
            window.window.latest,
        )


class TestDormantChance:
    """A dormant dialogue's chance of a round within a year counts the longer gaps ending then."""

    QUIET = 3000
    OWN = [100] * 20  # weight 20, beside the prior's 4 and the pool's 2

    def test_a_gap_ending_365_days_on_counts_and_one_a_day_later_does_not(self) -> None:
        # the two longer gaps weigh 2/100 each: under 5% of the weight, so the dialogue is dormant
        pool = [100] * 98 + [self.QUIET + 365, self.QUIET + 366]
        window = _window(self.OWN, pool, self.QUIET)
        assert window.dormant
        assert window.chance_within_year == pytest.approx(0.02 / (0.04 + 1))
        later = _window(self.OWN, [100] * 98 + [self.QUIET + 366] * 2, self.QUIET)
        assert (True, 0.0) == (later.dormant, later.chance_within_year)

    def test_the_reason_says_how_many_months_it_has_been_quiet(self) -> None:
        window = _window(self.OWN, [], self.QUIET)
        assert window.reasons[1].startswith("It has been quiet for 99 months, longer than 95% ")


class TestWindowWords:
    """Once time has passed the window starts the next day; the reasons say it in months."""

    @given(elapsed=st.integers(1, 1000))
    def test_after_the_last_round_the_window_starts_the_day_after_as_of(self, elapsed: int) -> None:
        window = _window([], [], elapsed)
        assert pendulum.Date(2000, 1, 1).add(days=elapsed + 1) == window.window.earliest

    def test_the_reasons_of_a_window_once_time_has_passed(self) -> None:
        said = (
            "The gaps between its rounds (0 of its own, 0 of other dialogues, and a generic "
            "prior) give, given 7 months without a round, a window covering 80% of the longer "
            "ones, 2000-07-20 to 2001-12-31 (7 to 24 months after the last round, 17 months "
            "wide)."
        )
        assert (said,) == _window([], [], 200).reasons

    def test_the_reasons_of_a_dormant_window(self) -> None:
        window = (
            "The gaps between its rounds (20 of its own, 0 of other dialogues, and a generic "
            "prior) give a window covering 80% of them, 2000-04-10 to 2000-12-31 (3 to 12 "
            "months after the last round, 9 months wide), now past."
        )
        dormant = (
            "It has been quiet for 99 months, longer than 95% of past gaps: it is dormant, "
            "with less than 1% chance of a round in the next 12 months."
        )
        assert (window, dormant) == _window([100] * 20, [], 3000).reasons


class TestAnnouncedRound:
    """A pending round's forecast gives every announcement's sentence, then the venue's."""

    def test_the_announcements_and_the_venue_are_among_the_reasons(self) -> None:
        said = tpt.Announcement(
            tpt.Source("Joint statement", F.parse("2019-06-01")), date=F.parse("2019-09")
        )
        pending = tpt.Round(2, tpt.RoundStatus.SCHEDULED, F.parse("2019-09"), announced=(said,))
        forecast = tpt.next_round(
            mechanism(held(1, "2018", DELHI), pending), as_of=pendulum.Date(2019, 7, 1)
        )
        reasons = forecast.reasons
        announced = reasons.index(said.describe())
        assert reasons[announced - 1].startswith("Round 2 is on record as scheduled")
        assert reasons[announced + 1].startswith("The venue is Washington, the capital")

    @pytest.mark.parametrize(("announced", "why"), [(True, "announced"), (False, "on record")])
    def test_a_venue_on_record_is_announced_if_a_source_announced_the_round(
        self, announced: bool, why: str
    ) -> None:
        said = tpt.Announcement(tpt.Source("Joint statement", F.parse("2019-06-01")))
        pending = tpt.Round(
            2,
            tpt.RoundStatus.SCHEDULED,
            F.parse("2019-09"),
            venue=WASHINGTON,
            announced=(said,) if announced else (),
        )
        forecast = tpt.next_round(
            mechanism(held(1, "2018", DELHI), pending), as_of=pendulum.Date(2019, 7, 1)
        )
        assert why == forecast.venue_why


CODES = ("IN", "US")


def _record(hosts: list[str]) -> Record:
    record = Record()
    for ordinal, host in enumerate(hosts, start=1):
        record = record.after(ordinal, host, CODES)
    return record


class TestRecord:
    """A record of who hosted counts each party's rounds and knows the last host."""

    @given(hosts=st.lists(st.sampled_from(CODES), max_size=5))
    def test_a_record_counts_the_rounds_each_party_hosted(self, hosts: list[str]) -> None:
        record = _record(hosts)
        assert tuple(sorted(Counter(hosts).items())) == record.counts
        assert (hosts or ["IN"])[-1] == record.latest_host(CODES)


class TestSimpleRules:
    """Each simple rule gives a party of the two, from any record; the majority breaks a tie."""

    @given(hosts=st.lists(st.sampled_from(CODES), max_size=5))
    def test_every_rule_gives_one_of_the_parties(self, hosts: list[str]) -> None:
        record = _record(hosts)
        assert all(rule.predict(record, CODES) in CODES for rule in RULES)

    @pytest.mark.parametrize("hosts", [["IN", "US"], ["US", "IN"], ["IN", "US", "US", "IN"]])
    def test_on_a_tie_the_majority_rule_gives_the_last_host(self, hosts: list[str]) -> None:
        (majority,) = (rule for rule in RULES if rule.name == "majority")
        assert hosts[-1] == majority.predict(_record(hosts), CODES)


class TestLearnedWords:
    """A learned policy says its rule, and who it names before any party has hosted."""

    def test_the_rule_is_said_in_words(self) -> None:
        learned = mechanism(rotation=tpt.Learned())
        assert "the host rule is learned from the record" == learned.rotation.describe(learned)

    def test_before_any_turn_the_first_party_is_as_likely_as_the_other(self) -> None:
        learned = mechanism(rotation=tpt.Learned())
        why = "neither party has hosted yet, so the first party, India, is as likely as the other"
        assert ("IN", why) == learned.rotation.host(learned, 1, Record())


class TestAlternationAfterARoundWithoutHost:
    """A round on record without a host is considered: alternation does not run through it."""

    def test_the_round_after_it_goes_to_the_party_that_has_not_hosted(self) -> None:
        virtual = tpt.Round(2, tpt.RoundStatus.HELD, F.parse("2020"), mode=tpt.Mode.VIRTUAL)
        m = mechanism(held(1, "2019", DELHI), virtual)
        why = "India hosted round 1 and United States has never hosted, so United States does"
        assert ("US", why) == m.rotation.host(m, 3, m.record())


class TestRelativeWeekdays:
    """A weekday read relative to a day is the next one from it, or the last one up to it."""

    DAY = pendulum.Date(2021, 12, 20)  # a Monday

    def test_every_weekday_from_every_day_of_a_week(self) -> None:
        names = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        for day in (self.DAY.add(days=k) for k in range(7)):
            for wanted, name in enumerate(names):
                for phrase in (name, f"on {name}s"):
                    ahead, back = (
                        F.from_text(phrase, relative_to=day, ahead=forward).earliest
                        for forward in (True, False)
                    )
                    assert (wanted, wanted) == (ahead.weekday(), back.weekday()), phrase
                    assert 0 <= (ahead - day).days <= 6, (phrase, day)
                    assert -6 <= (back - day).days <= 0, (phrase, day)

    def test_unless_told_a_phrase_looks_ahead_as_an_announcement_does(self) -> None:
        tuesday = self.DAY.add(days=1)
        assert F.day(2021, 12, 27) == F.from_text("on Monday", relative_to=tuesday)


class TestPhrasesWithoutAYear:
    """A phrase without a year takes the year that puts it next after the day, or last before."""

    DAY = pendulum.Date(2021, 12, 6)

    @pytest.mark.parametrize("ahead", [True, False])
    @pytest.mark.parametrize("phrase", ["6 December", "on the 6th of December"])
    def test_a_phrase_naming_the_day_itself_is_that_day(self, phrase: str, ahead: bool) -> None:
        assert F.day(2021, 12, 6) == F.from_text(phrase, relative_to=self.DAY, ahead=ahead)

    def test_a_phrase_naming_a_year_is_not_given_the_day_s_year(self) -> None:
        # the end has no year, and the start does not lend it its own: not a span of a year
        with pytest.raises(tpt.InvalidDate, match="names no year"):
            F.from_text("30 December 2019 to 2 January", relative_to=pendulum.Date(2021, 6, 1))


class TestSpanEnds:
    """An end of a span that is a day alone takes the month, and the year, of the other end."""

    def test_a_month_written_with_a_dot_lends_the_bare_end_its_month(self) -> None:
        assert F.parse("2021-12-06/2021-12-07") == F.from_text("Dec. 6 to 7, 2021")

    def test_a_span_without_a_year_takes_the_year_given(self) -> None:
        assert F.parse("2021-12-06/2021-12-07") == F.from_text("December 6 to 7", year=2021)

    def test_a_month_before_a_hyphen_ends_the_first_end(self) -> None:
        assert F.parse("2025-11-30/2025-12-02") == F.from_text("30 November-2 December 2025")

    def test_a_third_end_is_refused_with_the_phrase_shown(self) -> None:
        with pytest.raises(tpt.InvalidDate) as raised:
            F.from_text("6 to 7 to 8 January 2022")
        said = "'6 to 7 to 8 January 2022' has more than one 'to'; a span has two ends"
        assert said == str(raised.value)

    def test_a_span_of_days_alone_is_refused_as_naming_no_month(self) -> None:
        with pytest.raises(tpt.InvalidDate) as raised:
            F.from_text("6-7 2021")
        assert "cannot read '6-7 2021' as a date: it names no month" == str(raised.value)


class TestYearsOfAPhrase:
    """A phrase's year from 1 to 9999 is a calendar year, refused only as outside the model's."""

    @pytest.mark.parametrize(
        ("year", "said"),
        [
            (0, "year 0 of '6 September' is outside 1-9999"),
            (1, f"0001-09-06 is outside the dates twoplustwo reads, {RANGE}"),
            (9999, f"9999-09-06 is outside the dates twoplustwo reads, {RANGE}"),
            (10000, "year 10000 of '6 September' is outside 1-9999"),
        ],
    )
    def test_the_refusal_says_which_range_the_year_is_outside(self, year: int, said: str) -> None:
        with pytest.raises(tpt.InvalidDate) as raised:
            F.from_text("6 September", year=year)
        assert said == str(raised.value)


class TestHugeNumbersOfADate:
    """Numbers of up to 4,000 bits are written as a date; longer ones are described."""

    def test_a_year_of_4000_bits_is_written_out(self) -> None:
        year = 2**3999
        with pytest.raises(tpt.InvalidDate) as raised:
            F.day(year, 1, 1)
        assert f"'{year}-01-01' is not a calendar date" == str(raised.value)

    def test_a_year_of_4001_bits_is_described(self) -> None:
        year = 2**4000
        with pytest.raises(tpt.InvalidDate) as raised:
            F.day(year, 1, 1)
        assert f"{show(year)}-1-1 is not a calendar date" == str(raised.value)
        assert show(year).startswith("<an integer of about")


class TestUnknownKeys:
    """A refusal names at most five unknown keys, each cut to 60 characters, and counts the rest."""

    CITY: Final = {"name": "Mumbai", "country": "IN", "timezone": "Asia/Kolkata"}

    @pytest.mark.parametrize(("extra", "more"), [(5, ""), (6, " and 1 more"), (7, " and 2 more")])
    def test_five_keys_are_named_and_the_rest_counted(self, extra: int, more: str) -> None:
        keys = [f"k{i}" for i in range(extra)]
        document = json.dumps({**self.CITY, **dict.fromkeys(keys, 1)})
        shown = ", ".join(repr(key) for key in keys[:5])
        assert (f"unknown keys {shown}{more} @ $",) == problem_texts(document, tpt.City)

    def test_a_long_key_is_cut_to_60_characters(self) -> None:
        document = json.dumps({**self.CITY, "x" * 100: 1})
        assert ("unknown key '" + "x" * 58 + "… @ $",) == problem_texts(document, tpt.City)


class TestRefusalOfAField:
    """A validator's refusal, read from a document, names the class, the field and the value."""

    def test_the_class_and_the_field_are_named(self) -> None:
        document = json.dumps({**TestUnknownKeys.CITY, "country": "in"})
        said = "City.country='in' is not an ISO 3166-1 alpha-2 country code @ $.country"
        assert (said,) == problem_texts(document, tpt.City)

    def test_every_wrong_field_is_listed_optional_ones_too(self) -> None:
        # title is a str, dateline and url are optional: each is checked after the first
        document = json.dumps({"title": "", "dateline": " Delhi", "url": "ftp://example.org"})
        text = "must be non-empty text without surrounding whitespace or invisible characters"
        said = (
            f"Source.title='' {text} @ $.title",
            f"Source.dateline=' Delhi' {text} @ $.dateline",
            "Source.url='ftp://example.org' is not an absolute http(s) URL @ $.url",
        )
        assert said == problem_texts(document, tpt.Source)


class TestCurrentFormat:
    """Only an older document is upgraded: one in the current format must have its shape."""

    def test_a_date_alone_for_a_slipped_plan_is_refused(self, seed: tpt.Dataset) -> None:
        document = json.loads(tpt.dumps(seed))
        current = document["mechanisms"][0]["rounds"][3]
        current["slipped_from"] = [plan["date"] for plan in current["slipped_from"]]
        said = "expected an object (Plan), got a string @ $.mechanisms[0].rounds[3].slipped_from[0]"
        assert (said,) == problem_texts(json.dumps(document))


TOKYO = tpt.City("Tokyo", "JP", "Asia/Tokyo")


class TestHeldRoundsInWords:
    """Each held round is said with where it met, how, and what of it is not on record."""

    @pytest.mark.parametrize(
        ("current", "said"),
        [
            (
                held(1, "2019", TOKYO, host="IN", abroad=True),
                "Round 1 was held in 2019 in Tokyo, away from India: India hosted.",
            ),
            (
                held(1, "2019", host="IN"),
                "Round 1 was held in 2019: India hosted (no venue on record).",
            ),
            (
                held(1, "2019", DELHI, mode=tpt.Mode.HYBRID),
                "Round 1 was held in 2019 in New Delhi (partly by video): India hosted.",
            ),
            (
                held(1, "2019-12-17/2019-12-19", DELHI),
                (
                    "Round 1 was held from 17 December 2019 to 19 December 2019 in New Delhi:"
                    " India hosted."
                ),
            ),
        ],
    )
    def test_the_round_is_said_as_it_was_held(self, current: tpt.Round, said: str) -> None:
        forecast = tpt.next_round(mechanism(current), as_of=AS_OF)
        assert said == forecast.reasons[1]


class TestForecastVenue:
    """A forecast by the rotation says how likely its venue is, and why."""

    def test_a_host_that_never_hosted_at_home_gets_its_capital_at_two_in_three(
        self, forecast: tpt.Forecast
    ) -> None:
        why = "assumed: the capital; United States has hosted no round at home on record"
        assert (WASHINGTON, 2 / 3, why) == (
            forecast.venue,
            forecast.venue_chance,
            forecast.venue_why,
        )

    def test_a_forecast_by_the_rotation_names_a_venue(self, forecast: tpt.Forecast) -> None:
        said = "Forecast: a forecast by the rotation names a host and a venue"
        assert said == _refusal(forecast, venue=None)

    @pytest.mark.parametrize(
        ("changes", "said"),
        [
            ({"abroad": True}, "Forecast.venue='Washington' lies in US, in the host US"),
            ({"venue": DELHI}, "Forecast.venue='New Delhi' lies in IN, not in the host US"),
        ],
    )
    def test_a_venue_that_contradicts_abroad_is_refused_in_words(
        self, forecast: tpt.Forecast, changes: dict[str, Any], said: str
    ) -> None:
        abroad = changes.get("abroad", False)
        assert f"{said}, and abroad={abroad}" == _refusal(forecast, **changes)


FOUR_ROUNDS: Final = mechanism(
    held(1, "2016-03", DELHI),
    held(2, "2017-01", WASHINGTON),
    held(3, "2019-06", DELHI),
    held(4, "2020-02", WASHINGTON),
)


class TestGapsOfAForecast:
    """A window counts the dialogue's own gaps once, each from the middle day of its last round."""

    def test_a_dataset_holding_the_dialogue_pools_none_of_its_gaps(self) -> None:
        day = pendulum.Date(2020, 6, 1)
        alone = tpt.next_round(FOUR_ROUNDS, as_of=day)
        dataset = tpt.Dataset(as_of=day, mechanisms=(FOUR_ROUNDS,))
        forecast = tpt.next_round(FOUR_ROUNDS, as_of=day, context=dataset)
        assert alone.window == forecast.window
        assert "(3 of its own, 0 of other dialogues, and a generic prior)" in forecast.reasons[-3]

    @pytest.mark.parametrize(("day", "own"), [(10, 2), (15, 3)])
    def test_the_last_gap_counts_from_the_middle_of_its_round(self, day: int, own: int) -> None:
        forecast = tpt.next_round(FOUR_ROUNDS, as_of=pendulum.Date(2020, 2, day))
        assert f"({own} of its own, 0 of other dialogues" in forecast.reasons[-3]


class TestForecastWordsOfTheRecord:
    """A forecast first says what is on record and how it is forecast; a suspended one is not."""

    def test_the_summary_says_the_windows_come_from_the_record(
        self, forecast: tpt.Forecast
    ) -> None:
        said = (
            "India-US 2+2 (in-us) has 1 round on record, 1 held; hosting alternates between"
            " India and United States, its windows from the record."
        )
        assert said == forecast.reasons[0]

    def test_a_dialogue_suspended_on_the_day_is_not_forecast(self) -> None:
        change = tpt.StatusChange(tpt.MechanismStatus.SUSPENDED, F.parse("2020-01-01"))
        suspended = mechanism(held(1, "2019", DELHI), status_changes=(change,))
        with pytest.raises(tpt.NotForecastable) as raised:
            tpt.next_round(suspended, as_of=AS_OF)
        said = "in-us is suspended since 1 January 2020: no next round is expected, so none is"
        assert f"{said} forecast" == str(raised.value)


TWO_ROUNDS: Final = mechanism(held(1, "2019-01", DELHI), held(2, "2019-09", WASHINGTON))
"""Two rounds 242 days apart."""

KNOWN: Final = pendulum.Date(2019, 9, 30)


class TestStaleData:
    """Data is stale once older than the dialogue's usual gap, the median, but at most a year."""

    @pytest.mark.parametrize(("day", "stale"), [(29, False), (30, True)])
    def test_data_older_than_the_one_gap_is_stale(self, day: int, stale: bool) -> None:
        dataset = tpt.Dataset(as_of=KNOWN, mechanisms=(TWO_ROUNDS,))
        forecast = tpt.next_round(TWO_ROUNDS, as_of=pendulum.Date(2020, 5, day), context=dataset)
        assert stale == forecast.stale

    @pytest.mark.parametrize(("days", "stale"), [(365, False), (366, True)])
    def test_data_older_than_a_year_is_stale_whatever_the_gap(self, days: int, stale: bool) -> None:
        slow = mechanism(held(1, "2017-01", DELHI), held(2, "2019-01", WASHINGTON))
        known = pendulum.Date(2019, 1, 31)
        dataset = tpt.Dataset(as_of=known, mechanisms=(slow,))
        assert stale == tpt.next_round(slow, as_of=known.add(days=days), context=dataset).stale

    @pytest.mark.parametrize(
        ("checked", "said"), [(None, "describes"), (KNOWN, "was last checked against the news on")]
    )
    def test_the_reason_says_how_old_the_data_is(
        self, checked: pendulum.Date | None, said: str
    ) -> None:
        dialogue = attrs.evolve(TWO_ROUNDS, checked=checked)
        as_of = KNOWN if checked is None else pendulum.Date(2020, 5, 1)
        dataset = tpt.Dataset(as_of=as_of, mechanisms=(dialogue,))
        forecast = tpt.next_round(dialogue, as_of=pendulum.Date(2020, 5, 30), context=dataset)
        assert (
            f"The data {said} 2019-09-30, more than the dialogue's usual gap (or a year) before"
            " 2020-05-30: a round may have been held since that it does not have."
        ) == forecast.reasons[-2]

    def test_a_dialogue_checked_on_the_forecast_s_day_is_current(self) -> None:
        day = pendulum.Date(2020, 5, 30)
        dialogue = attrs.evolve(TWO_ROUNDS, checked=day)
        dataset = tpt.Dataset(as_of=day.add(days=30), mechanisms=(dialogue,))
        forecast = tpt.next_round(dialogue, as_of=day, context=dataset)
        assert (day, True, False) == (forecast.data_as_of, forecast.data_checked, forecast.stale)


class TestUsualCity:
    """A host's usual city, as its latest round records it; on a tie, the capital."""

    def test_the_latest_time_zone_of_the_city_is_used(self) -> None:
        calcutta = tpt.City("Mumbai", "IN", "Asia/Calcutta")  # the older name of Asia/Kolkata
        rounds = [calcutta, WASHINGTON, calcutta, WASHINGTON, MUMBAI, WASHINGTON]
        m = mechanism(*(held(n, str(2013 + n), c) for n, c in enumerate(rounds, start=1)))
        forecast = tpt.next_round(m, as_of=AS_OF)
        why = "67%: all 3 rounds India hosted at home"
        assert (MUMBAI, why) == (forecast.venue, forecast.venue_why)

    def test_a_city_that_ties_the_capital_leaves_the_capital(self) -> None:
        rounds = [MUMBAI, WASHINGTON, DELHI, WASHINGTON, MUMBAI, WASHINGTON]
        m = mechanism(*(held(n, str(2013 + n), c) for n, c in enumerate(rounds, start=1)))
        forecast = tpt.next_round(m, as_of=AS_OF)
        said = (
            "The venue is New Delhi: 1 of the 3 rounds India hosted at home met there (44%,"
            " leaning to the capital where the record is thin)."
        )
        assert (DELHI, said) == (forecast.venue, forecast.reasons[-2])

    @pytest.mark.parametrize(
        ("home", "why"),
        [
            (1, "80%: the one round India hosted at home"),
            (2, "86%: all 2 rounds India hosted at home"),
        ],
    )
    def test_rounds_all_in_the_capital_are_counted_in_words(self, home: int, why: str) -> None:
        rounds = [DELHI, WASHINGTON] * home
        m = mechanism(*(held(n, str(2013 + n), c) for n, c in enumerate(rounds, start=1)))
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert (DELHI, why) == (forecast.venue, forecast.venue_why)


THREE_ROUNDS: Final = mechanism(
    held(1, "2019-05", DELHI),
    held(2, "2020-05-10", WASHINGTON),
    held(3, "2021-05", DELHI),
)


class TestGapsAndWhenTheyAreKnown:
    """A gap is known once its later round is over, and counted from its end on."""

    def test_each_gap_is_known_on_the_last_day_of_its_later_round(self) -> None:
        gaps = _learning.gaps_of(THREE_ROUNDS)
        assert [pendulum.Date(2020, 5, 10), pendulum.Date(2021, 5, 31)] == [g.known for g in gaps]
        assert all(type(g.known) is pendulum.Date for g in gaps)  # rolled back with its arithmetic

    def test_a_gap_that_ends_on_the_day_counts(self) -> None:
        pool = _learning.Pool.of(
            tpt.Dataset(as_of=pendulum.Date(2022, 1, 1), mechanisms=(THREE_ROUNDS,))
        )
        first = pool.gaps[0]
        assert (first.days,) == _learning.pooled_gaps(pool, before=first.ended)
        assert () == _learning.pooled_gaps(pool, before=first.ended.subtract(days=1))

    def test_a_pool_rolled_back_keeps_the_gaps_known_by_that_day(self) -> None:
        pool = _learning.Pool.of(
            tpt.Dataset(as_of=pendulum.Date(2022, 1, 1), mechanisms=(THREE_ROUNDS,))
        )
        assert pool is pool.known_on(pool.as_of)
        known = pool.gaps[1].known
        assert pool.gaps == pool.known_on(known).gaps
        assert pool.gaps[:1] == pool.known_on(known.subtract(days=1)).gaps

    def test_a_level_out_of_range_is_named_in_the_refusal(self) -> None:
        with pytest.raises(tpt.Error, match=r"^level=1\.5 must be a number between 0 and 1"):
            _learning.check_level(1.5)
