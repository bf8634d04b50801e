from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, INDIA, MUMBAI, US, WASHINGTON, F, city, held, mechanism
from strategies import days, mechanisms, parties

AS_OF = pendulum.Date(2021, 12, 24)


alternating = mechanisms(rotation=st.just(tpt.Alternating()))


class TestRealHistoryProperties:
    """Rounds without a host take no turn, and a stopped dialogue gets no window."""

    @given(mechanisms(min_rounds=1), days())
    def test_a_suspended_or_ended_mechanism_never_gets_a_window(
        self, m: tpt.Mechanism, as_of: pendulum.Date
    ) -> None:
        stopped = m.status_on(as_of) in (tpt.MechanismStatus.SUSPENDED, tpt.MechanismStatus.ENDED)
        if stopped:
            with pytest.raises(tpt.NotForecastable, match="no next round is expected"):
                tpt.next_round(m, as_of=as_of)
        else:
            assert m.id == tpt.next_round(m, as_of=as_of).mechanism

    @given(mechanisms(min_rounds=1, changes=False))
    def test_rounds_without_a_host_take_no_turn(self, m: tpt.Mechanism) -> None:
        hostings = m.hostings()
        no_turn = {h.round.ordinal for h in hostings if h.host is None}
        assert all(h.round.mode is not tpt.Mode.VIRTUAL or h.host is h.round.host for h in hostings)
        record = m.record()
        turns = [(h.round.ordinal, h.host) for h in hostings if h.host is not None]
        assert (len(turns), turns[-1] if turns else None) == (record.turns, record.latest)
        assert no_turn.isdisjoint(ordinal for ordinal, _ in turns)
        assert no_turn.isdisjoint(ordinal for _, ordinal in record.last)
        kept = tuple(h.round for h in hostings if h.host is not None or h.round.is_pending)
        # Left out, a round would count as one not on record, through which alternation runs
        # on: so compare only where no host had to be inferred.
        inferred = any(h.inferred for h in hostings)
        if kept and kept[-1] is m.rounds[-1] and not inferred:
            fewer = attrs.evolve(m, rounds=kept)
            assert m.record() == fewer.record()
            assert tpt.next_round(m, as_of=AS_OF).host == tpt.next_round(fewer, as_of=AS_OF).host


class TestNextRoundProperties:
    """Forecasts follow from the rounds on record, the same way every time."""

    @given(mechanisms(min_rounds=1, changes=False), days())
    def test_the_next_ordinal_is_the_pending_one_or_one_past_the_last(
        self, m: tpt.Mechanism, as_of: pendulum.Date
    ) -> None:
        forecast = tpt.next_round(m, as_of=as_of)
        pending = m.pending
        expected = pending.ordinal if pending else m.rounds[-1].ordinal + 1
        assert expected == forecast.ordinal
        assert (tpt.Basis.ANNOUNCED if pending else tpt.Basis.ROTATION) == forecast.basis

    @given(mechanisms(min_rounds=1, changes=False), days())
    def test_forecasts_are_deterministic(self, m: tpt.Mechanism, as_of: pendulum.Date) -> None:
        assert tpt.next_round(m, as_of=as_of) == tpt.next_round(m, as_of=as_of)

    @given(mechanisms(min_rounds=1, changes=False), days())
    def test_a_forecast_is_for_the_day_asked(self, m: tpt.Mechanism, as_of: pendulum.Date) -> None:
        assert as_of == tpt.next_round(m, as_of=as_of).as_of

    @given(mechanisms(min_rounds=1, pending=False, changes=False))
    def test_a_rotation_window_is_the_cadence_on_from_the_last_round_in_whole_months(
        self, m: tpt.Mechanism
    ) -> None:
        forecast = tpt.next_round(m, as_of=AS_OF)
        if m.cadence_months is None:  # a window from the record: see test_learning
            assert forecast.level == 0.8
            return
        moved = m.rounds[-1].date.shift(months=m.cadence_months)
        assert moved.whole_months() == forecast.window
        assert forecast.window.earliest.day == 1
        assert forecast.window == forecast.window.whole_months()

    @given(mechanisms(min_rounds=1, pending=True, changes=False))
    def test_an_announced_window_is_the_pending_date(self, m: tpt.Mechanism) -> None:
        pending = m.pending
        assert pending is not None
        assert pending.date == tpt.next_round(m, as_of=AS_OF).window

    @given(mechanisms(min_rounds=1, changes=False), days())
    def test_the_host_is_a_party_and_the_venue_lies_in_it(
        self, m: tpt.Mechanism, as_of: pendulum.Date
    ) -> None:
        forecast = tpt.next_round(m, as_of=as_of)
        if forecast.host is None:  # an announced round with no host: virtual, or no place
            assert forecast.basis is tpt.Basis.ANNOUNCED
            assert m.hostings()[-1].host is None
            return
        assert forecast.host in m.parties
        assert forecast.venue is not None
        assert (forecast.host.code == forecast.venue.country) != forecast.abroad

    @given(mechanisms(min_rounds=1, changes=False))
    def test_the_forecast_venue_is_venue_for_of_its_ordinal(self, m: tpt.Mechanism) -> None:
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert tpt.venue_for(m, forecast.ordinal) == forecast.venue

    @given(mechanisms(min_rounds=1, changes=False))
    def test_there_is_one_reason_a_round_and_a_few_more(self, m: tpt.Mechanism) -> None:
        reasons = tpt.next_round(m, as_of=AS_OF).reasons
        assert len(m.rounds) + 3 <= len(reasons)
        assert all(r.strip() and r.endswith(".") for r in reasons)
        assert reasons[-1].startswith(f"As of {AS_OF.isoformat()}")


class TestVenueForProperties:
    """venue_for gives recorded venues and continues the rotation past them."""

    @given(alternating, st.integers(1, 40))
    def test_alternation_past_the_record_switches_host_every_round(
        self, m: tpt.Mechanism, steps: int
    ) -> None:
        start = m.rounds[-1].ordinal + 1 if m.rounds else 1
        hosts = [city(tpt.venue_for(m, k)).country for k in range(start, start + steps)]
        assert all(a != b for a, b in itertools.pairwise(hosts))

    @given(alternating, st.integers(1, 10**12))
    def test_far_ordinals_follow_the_parity_of_the_alternation(
        self, m: tpt.Mechanism, ahead: int
    ) -> None:
        start = m.rounds[-1].ordinal + 1 if m.rounds else 1
        first = tpt.venue_for(m, start)
        far = tpt.venue_for(m, start + ahead)
        assert (ahead % 2 == 0) == (first == far)

    @given(mechanisms(min_rounds=1))
    def test_recorded_venues_are_returned_as_they_are(self, m: tpt.Mechanism) -> None:
        for r in m.rounds:
            if r.venue is not None:
                assert r.venue == tpt.venue_for(m, r.ordinal)

    @given(parties(), st.data())
    def test_a_cycle_gives_round_k_to_host_k_minus_1_mod_n(
        self, pair: tuple[tpt.Country, tpt.Country], data: st.DataObject
    ) -> None:
        codes = [p.code for p in pair]
        hosts = tuple(data.draw(st.lists(st.sampled_from(codes), min_size=1, max_size=5)))
        m = tpt.Mechanism("m", "M", pair, tpt.Cycle(hosts))
        for k in range(1, 12):
            assert hosts[(k - 1) % len(hosts)] == city(tpt.venue_for(m, k)).country

    @given(mechanisms(min_rounds=1))
    def test_a_fixed_venue_is_the_venue_of_every_unrecorded_round(self, m: tpt.Mechanism) -> None:
        fixed = m.parties[1].capital
        m = attrs.evolve(m, rotation=tpt.FixedVenue(fixed))
        recorded = {
            r.ordinal
            for r in m.rounds
            if r.venue is not None or r.host is not None or r.mode is tpt.Mode.VIRTUAL
        }
        for k in set(range(1, m.rounds[-1].ordinal + 3)) - recorded:
            assert fixed == tpt.venue_for(m, k)


class TestBacktestProperties:
    """backtest sets each recorded host against a prediction from earlier rounds only."""

    @given(mechanisms(), st.data())
    def test_later_rounds_never_change_earlier_rows(
        self, m: tpt.Mechanism, data: st.DataObject
    ) -> None:
        cut = data.draw(st.integers(0, len(m.rounds)))
        shorter = attrs.evolve(m, rounds=m.rounds[:cut])
        rows = tpt.backtest(m)
        assert rows[: len(tpt.backtest(shorter))] == tpt.backtest(shorter)

    @given(mechanisms())
    def test_rows_cover_held_rounds_from_the_second_on_with_a_known_host(
        self, m: tpt.Mechanism
    ) -> None:
        known = (tpt.HostBasis.RECORDED, tpt.HostBasis.VENUE)
        expected = [
            h.round.ordinal
            for h in m.hostings()
            if h.round.ordinal >= 2 and not h.round.is_pending and h.basis in known
        ]
        rows = tpt.backtest(m)
        assert expected == [row.ordinal for row in rows]
        assert all(row.hit == (row.predicted == row.actual) for row in rows)

    @given(mechanisms())
    def test_a_prediction_is_venue_for_on_the_earlier_rounds(self, m: tpt.Mechanism) -> None:
        for row in tpt.backtest(m):
            earlier = attrs.evolve(m, rounds=tuple(r for r in m.rounds if r.ordinal < row.ordinal))
            assert row.predicted.code == city(tpt.venue_for(earlier, row.ordinal)).country

    def test_a_row_cannot_contradict_itself(self) -> None:
        with pytest.raises(
            tpt.InvalidModel, match="hit=True contradicts predicted=IN and actual=US"
        ):
            tpt.BacktestRow(2, INDIA, US, hit=True)


class TestSourceDocument:
    """The forecasts the source document supports."""

    def test_india_us_round_4_is_in_washington_in_the_3rd_week_of_january_2022(
        self, seed: tpt.Dataset
    ) -> None:
        forecast = tpt.next_round(seed.mechanism("in-us"), as_of=AS_OF)
        assert 4 == forecast.ordinal
        assert "Washington" == city(forecast.venue).name
        assert US == forecast.host
        assert F.parse("2022-01-15/2022-01-21") == forecast.window
        assert tpt.Basis.ANNOUNCED == forecast.basis
        assert forecast.overdue is False
        assert any("1st week of December 2021" in r for r in forecast.reasons)

    def test_india_us_rounds_2_and_3_have_their_hosts_inferred(self, seed: tpt.Dataset) -> None:
        m = seed.mechanism("in-us")
        reasons = tpt.next_round(m, as_of=AS_OF).reasons
        assert "Round 2 was held in December 2019 with no host or venue on record" in reasons[2]
        assert "United States has never hosted" in reasons[2]
        assert "India last hosted round 1, before United States hosted round 2" in reasons[3]
        assert ["New Delhi", "Washington", "New Delhi", "Washington", "New Delhi"] == [
            city(tpt.venue_for(m, k)).name for k in range(1, 6)
        ]

    def test_india_us_has_nothing_to_backtest_yet(self, seed: tpt.Dataset) -> None:
        assert () == tpt.backtest(seed.mechanism("in-us"))

    def test_india_russia_round_2_goes_to_moscow_a_year_on(self, seed: tpt.Dataset) -> None:
        forecast = tpt.next_round(seed.mechanism("in-ru"), as_of=AS_OF)
        assert (2, "Moscow", "2022-12") == (
            forecast.ordinal,
            city(forecast.venue).name,
            str(forecast.window),
        )
        assert tpt.Basis.ROTATION == forecast.basis
        assert (
            "The venue is Moscow, the capital of the host, Russia: assumed, as it has hosted no "
            "round at home on record."
        ) in forecast.reasons

    @pytest.mark.parametrize("mid", ["in-jp", "in-au"])
    def test_mechanisms_without_rounds_cannot_be_forecast(
        self, seed: tpt.Dataset, mid: str
    ) -> None:
        with pytest.raises(
            tpt.NotForecastable, match=f"{mid} cannot be forecast: it has no rounds.*no first host"
        ):
            tpt.next_round(seed.mechanism(mid), as_of=AS_OF)


class TestStatus:
    """A dormant dialogue is still forecast, and its reasons say it is dormant."""

    def test_a_dormant_dialogue_says_so(self) -> None:
        quiet = tpt.StatusChange(tpt.MechanismStatus.DORMANT, F.parse("2021"))
        m = mechanism(held(1, "2018", DELHI), status_changes=(quiet,))
        reasons = tpt.next_round(m, as_of=AS_OF).reasons
        assert "The dialogue is dormant as of 2021-12-24; if it meets again:" in reasons


class TestHostsWithoutVenues:
    """A round with its host but no venue on record meets where the rotation puts that host."""

    def test_a_recorded_host_without_a_venue_gets_the_host_capital(self) -> None:
        m = mechanism(held(1, "2018", DELHI), held(2, "2019", host="IN"))
        assert DELHI == tpt.venue_for(m, 2)
        assert m.hostings()[1].venue is None

    def test_a_fixed_venue_elsewhere_gives_the_host_capital(self) -> None:
        m = mechanism(held(1, "2018", host="IN"), rotation=tpt.FixedVenue(WASHINGTON))
        assert DELHI == tpt.venue_for(m, 1)
        assert WASHINGTON == tpt.venue_for(m, 2)


class TestRules:
    """Each rule of the rotation, and the sentences that explain it."""

    def test_a_first_round_without_venue_goes_to_the_first_host(self) -> None:
        m = mechanism(held(1, "2020"), rotation=tpt.Alternating("US"))
        assert WASHINGTON == tpt.venue_for(m, 1)
        reasons = tpt.next_round(m, as_of=AS_OF).reasons
        assert "neither party has hosted yet, so the first host, United States, does" in reasons[1]

    def test_without_a_first_host_the_first_party_opens(self) -> None:
        m = mechanism(held(1, "2020"))
        assert DELHI == tpt.venue_for(m, 1)
        assert (
            "no first host is set, so the first party, India, does"
            in tpt.next_round(m, as_of=AS_OF).reasons[1]
        )

    def test_a_recorded_venue_outside_the_capital_still_names_the_host(self) -> None:
        m = mechanism(held(1, "2020", MUMBAI))
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert "Round 1 was held in 2020 in Mumbai: India hosted." == forecast.reasons[1]
        assert WASHINGTON == forecast.venue

    def test_alternation_runs_on_through_unrecorded_ordinals(self) -> None:
        m = mechanism(held(1, "2018", DELHI), held(4, "2021"))
        assert DELHI == tpt.venue_for(m, 3)
        assert WASHINGTON == tpt.venue_for(m, 4)
        reasons = tpt.next_round(m, as_of=AS_OF).reasons
        assert "runs on through the unrecorded rounds up to round 4: United States" in reasons[2]

    def test_a_cycle_reason_names_the_place_in_the_cycle(self) -> None:
        m = mechanism(held(1, "2020"), rotation=tpt.Cycle(("US", "IN", "IN")), cadence_months=6)
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert (INDIA, "2020-07-01/2021-06-30") == (forecast.host, str(forecast.window))
        assert (
            "the hosts follow the cycle US, IN, IN, and round 2 falls to place 2: India"
            in forecast.reasons[2]
        )
        assert "hosts follow the cycle US, IN, IN, one round every 6 months" in forecast.reasons[0]

    def test_a_fixed_venue_is_where_the_next_round_meets(self) -> None:
        m = mechanism(held(1, "2020", DELHI), rotation=tpt.FixedVenue(MUMBAI))
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert (MUMBAI, INDIA) == (forecast.venue, forecast.host)
        assert "The venue is Mumbai, where every round meets." in forecast.reasons
        assert "every round meets in Mumbai" in forecast.reasons[0]

    def test_a_pending_round_without_venue_meets_in_the_rotation_host_capital(self) -> None:
        pending = tpt.Round(
            2,
            tpt.RoundStatus.POSTPONED,
            F.parse("2021-03"),
            slipped_from=(
                tpt.Plan(F.year(2020)),
                tpt.Plan(F.parse("2020-12-01/2020-12-07"), WASHINGTON),
            ),
        )
        m = mechanism(held(1, "2019", DELHI), pending)
        forecast = tpt.next_round(m, as_of=AS_OF)
        assert (WASHINGTON, True, tpt.Basis.ANNOUNCED) == (
            forecast.venue,
            forecast.overdue,
            forecast.basis,
        )
        assert (
            "Round 2 is postponed; it was set for March 2021 with no host or venue on record"
            in forecast.reasons[2]
        )
        assert (
            "planned for 2020, then the 1st week of December 2020 in Washington before."
            in forecast.reasons[3]
        )
        assert "the window has passed with no round on record" in forecast.reasons[-1]

    def test_a_mechanism_of_one_round_says_round_not_rounds(self) -> None:
        reasons = tpt.next_round(mechanism(held(1, "2020")), as_of=AS_OF).reasons
        assert "has 1 round on record, 1 held" in reasons[0]

    @pytest.mark.parametrize(
        "rotation",
        [tpt.Alternating("IN"), tpt.Cycle(("US", "IN")), tpt.FixedVenue(DELHI), tpt.Learned()],
    )
    def test_no_rounds_and_a_rule_that_can_start_still_give_no_date_to_count_from(
        self, rotation: tpt.Rotation
    ) -> None:
        m = mechanism(rotation=rotation)
        with pytest.raises(tpt.NotForecastable, match=r"no rounds on record to count from$"):
            tpt.next_round(m)

    def test_as_of_defaults_to_today_and_accepts_a_plain_date(self) -> None:
        m = mechanism(held(1, "2020"))
        assert pendulum.today().date() == tpt.next_round(m).as_of
        assert pendulum.Date(2020, 5, 1) == tpt.next_round(m, as_of=dt.date(2020, 5, 1)).as_of

    @pytest.mark.parametrize("ordinal", [0, -3, True, 1.0, "2"])
    def test_venue_for_needs_an_ordinal_of_one_or_more(self, ordinal: Any) -> None:
        with pytest.raises(
            tpt.InvalidModel, match=r"ordinal=.* (is not of type int|must be in 1-)"
        ):
            tpt.venue_for(mechanism(), ordinal)

    def test_backtest_scores_hits_and_misses(self) -> None:
        m = mechanism(
            held(1, "2018", DELHI),
            held(2, "2019", WASHINGTON),
            held(3, "2020", WASHINGTON),
            held(4, "2021"),
            held(5, "2021-06", DELHI),
        )
        rows = tpt.backtest(m)
        assert [(2, True), (3, False), (5, False)] == [(r.ordinal, r.hit) for r in rows]
        assert (INDIA, US) == (rows[1].predicted, rows[1].actual)
        assert (US, INDIA) == (rows[2].predicted, rows[2].actual)

    @given(st.integers(1, 3))
    def test_pending_rounds_are_not_backtested(self, ordinal: int) -> None:
        assume(ordinal >= 2)
        m = mechanism(
            held(1, "2018", DELHI),
            tpt.Round(ordinal, tpt.RoundStatus.SCHEDULED, F.year(2022), WASHINGTON),
        )
        assert () == tpt.backtest(m)


class TestSentencesAndBoundaries:
    """The exact sentences of a forecast, and the day a round becomes overdue."""

    def test_a_mechanism_of_two_rounds_says_rounds(self) -> None:
        reasons = tpt.next_round(mechanism(held(1, "2019"), held(2, "2020")), as_of=AS_OF).reasons
        assert "has 2 rounds on record, 2 held" in reasons[0]

    def test_no_rounds_and_no_first_host_are_both_named(self) -> None:
        expected = (
            "in-us cannot be forecast: it has no rounds on record to count from"
            " and no first host to start the rotation"
        )
        with pytest.raises(tpt.NotForecastable) as raised:
            tpt.next_round(mechanism(), as_of=AS_OF)
        assert expected == str(raised.value)

    def test_a_pending_round_with_a_venue_and_no_slips_is_simply_the_next_round(self) -> None:
        pending = tpt.Round(2, tpt.RoundStatus.SCHEDULED, F.parse("2022-01"), WASHINGTON)
        forecast = tpt.next_round(mechanism(held(1, "2019", DELHI), pending), as_of=AS_OF)
        says = "Round 2 is scheduled for January 2022 in Washington: United States hosts it."
        assert says == forecast.reasons[2]
        assert "Round 2 is on record as scheduled, so it is the next round." == forecast.reasons[3]
        assert not any(reason.startswith("The venue is") for reason in forecast.reasons)
        assert WASHINGTON == forecast.venue

    @pytest.mark.parametrize(
        ("as_of", "overdue", "says"),
        [
            (pendulum.Date(2021, 12, 31), False, "the round is not overdue."),
            (
                pendulum.Date(2022, 1, 1),
                True,
                (
                    "the window has passed with no round on record (one may have been held "
                    "after the data's last source)."
                ),
            ),
        ],
    )
    def test_a_round_is_overdue_only_after_the_last_day_of_its_window(
        self, as_of: pendulum.Date, overdue: bool, says: str
    ) -> None:
        forecast = tpt.next_round(mechanism(held(1, "2020"), cadence_months=12), as_of=as_of)
        assert "2021" == str(forecast.window)
        assert overdue == forecast.overdue
        expected = f"As of {as_of.isoformat()} the window ends 2021-12-31: {says}"
        assert expected == forecast.reasons[-1]

    def test_a_round_held_on_a_known_day_is_said_to_be_held_on_it(self) -> None:
        forecast = tpt.next_round(mechanism(held(1, "2020-05-06", DELHI)), as_of=AS_OF)
        assert "Round 1 was held on 6 May 2020 in New Delhi: India hosted." == forecast.reasons[1]


class TestForecastInvariants:
    """A Forecast, like every model object, cannot be built inconsistent."""

    def base(self) -> dict[str, Any]:
        return {
            "mechanism": "in-us",
            "ordinal": 4,
            "host": US,
            "venue": WASHINGTON,
            "window": F.parse("2022-01"),
            "basis": tpt.Basis.ANNOUNCED,
            "overdue": False,
            "as_of": AS_OF,
            "reasons": ("Because.",),
        }

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"mechanism": "In US"}, r"Forecast\.mechanism='In US' is not a lowercase slug"),
            ({"ordinal": 0}, r"Forecast\.ordinal=0 must be in 1-9999"),
            ({"ordinal": "4"}, r"Forecast\.ordinal='4' is not of type int"),
            (
                {"venue": DELHI},
                r"Forecast\.venue='New Delhi' lies in IN, not in the host US, and abroad=False",
            ),
            (
                {"basis": tpt.Basis.ROTATION, "venue": None},
                r"Forecast: a forecast by the rotation names a host and a venue",
            ),
            ({"overdue": True}, r"Forecast\.overdue=True contradicts as_of=2021-12-24"),
            ({"overdue": 0}, r"Forecast\.overdue=0 is not of type bool"),
            ({"reasons": (" x",)}, r"Forecast\.reasons\[0\]=' x' must be non-empty text"),
            ({"basis": "announced"}, r"Forecast\.basis='announced' is not of type Basis"),
        ],
    )
    def test_bad_fields_are_refused(self, change: dict[str, Any], message: str) -> None:
        with pytest.raises(tpt.InvalidModel, match=message):
            tpt.Forecast(**{**self.base(), **change})

    def test_a_backtest_row_needs_an_ordinal_and_countries(self) -> None:
        with pytest.raises(tpt.InvalidModel, match=r"BacktestRow\.ordinal=0 must be in 1-9999"):
            tpt.BacktestRow(0, US, US, hit=True)
        with pytest.raises(tpt.InvalidModel, match=r"BacktestRow\.actual='US' is not of type"):
            tpt.BacktestRow(2, US, "US", hit=True)  # type: ignore[arg-type] # a bad input on purpose


class TestHostings:
    """Each round comes with its recorded venue, or the one the rotation infers for it."""

    def test_a_recorded_venue_is_kept_and_a_missing_one_inferred(self) -> None:
        m = mechanism(held(1, "2018", MUMBAI), held(2, "2019"))
        assert [(1, "IN", MUMBAI, False), (2, "US", WASHINGTON, True)] == [
            (h.round.ordinal, h.host, h.venue, h.inferred) for h in m.hostings()
        ]
