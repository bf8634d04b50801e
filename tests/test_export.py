"""
Calendar and table exports read back as what was written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import attrs
import icalendar
import pendulum
import pytest
import vobject  # type: ignore[import-untyped] # vobject ships no type hints
from hypothesis import given
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import DELHI, WASHINGTON, held, mechanism
from strategies import datasets, days, mechanisms
from twoplustwo import cli

AS_OF = pendulum.Date(2021, 12, 24)


def events(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


class TestCalendar:
    """to_ics writes rounds and forecasts that icalendar reads back."""

    def test_held_rounds_are_confirmed_and_pending_ones_tentative(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed))
        first, fourth = found["in-us-round-1@twoplustwo"], found["in-us-round-4@twoplustwo"]
        assert ("CONFIRMED", "TENTATIVE") == (str(first["status"]), str(fourth["status"]))
        assert (dt.date(2018, 9, 6), dt.date(2018, 9, 7)) == (
            first.decoded("dtstart"),
            first.decoded("dtend"),
        )
        assert (dt.date(2022, 1, 15), dt.date(2022, 1, 22)) == (
            fourth.decoded("dtstart"),
            fourth.decoded("dtend"),
        )
        assert "Washington" == str(fourth["location"])
        assert "Participant: Dr S. Jaishankar, Minister of External Affairs (IN)" in str(
            fourth["description"]
        )
        assert "Earlier planned for: the 1st week of December 2021" in str(fourth["description"])

    def test_inferred_venues_are_plain_places_and_the_description_says_how(
        self, seed: tpt.Dataset
    ) -> None:
        second = events(tpt.to_ics(seed))["in-us-round-2@twoplustwo"]
        assert "Washington" == str(second["location"])
        assert "Host: United States (inferred from the rotation)" in str(second["description"])
        assert "Participants: not on record" in str(second["description"])

    def test_a_second_parser_reads_the_same_calendar(self, seed: tpt.Dataset) -> None:
        data = tpt.to_ics(seed, as_of=AS_OF)
        ours = events(data)
        theirs = vobject.readOne(data.decode("utf-8"))
        assert set(ours) == {event.uid.value for event in theirs.vevent_list}
        for event in theirs.vevent_list:
            mine = ours[event.uid.value]
            assert mine.decoded("dtstart") == event.dtstart.value
            assert int(mine["sequence"]) == int(event.sequence.value)
            assert mine.decoded("last-modified") == event.last_modified.value

    def test_a_round_known_to_the_month_says_so(self, seed: tpt.Dataset) -> None:
        second = events(tpt.to_ics(seed))["in-us-round-2@twoplustwo"]
        assert "Date known only as December 2019: the event spans those days." in str(
            second["description"]
        )

    def test_sequence_and_last_modified_follow_the_data(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed, include_forecast=True, as_of=AS_OF))
        fourth = found["in-us-round-4@twoplustwo"]
        assert dt.datetime(2021, 12, 24, tzinfo=dt.UTC) == fourth.decoded("last-modified")
        forecast = found["in-ru-round-2@twoplustwo"]
        world = tpt.load_dataset()  # round 4, scheduled in the seed, is held in the record
        recorded = events(tpt.to_ics(world.mechanism("in-us"), as_of=world.as_of))
        later = recorded["in-us-round-4@twoplustwo"]
        assert int(later["sequence"]) > int(fourth["sequence"])
        assert later.decoded("last-modified") > fourth.decoded("last-modified")
        assert int(forecast["sequence"]) == (dt.date(2021, 12, 24) - dt.date(1900, 1, 1)).days

    def test_a_virtual_round_has_no_location_and_says_so(self) -> None:
        held = tpt.Round(
            1,
            tpt.RoundStatus.HELD,
            tpt.FuzzyDate.day(2021, 4, 13),
            mode=tpt.Mode.VIRTUAL,
            uncertain=(tpt.Uncertainty(tpt.Fact.DATE, "Reported a day later in Berlin."),),
        )
        hybrid = tpt.Round(
            2, tpt.RoundStatus.HELD, tpt.FuzzyDate.day(2022, 11, 3), mode=tpt.Mode.HYBRID
        )
        mechanism = attrs.evolve(tpt.load_seed().mechanism("in-ru"), rounds=(held, hybrid))
        found = events(tpt.to_ics(mechanism, as_of=AS_OF))
        assert "Hybrid: partly in person, partly by video." in str(
            found["in-ru-round-2@twoplustwo"]["description"]
        )
        event = found["in-ru-round-1@twoplustwo"]
        assert "location" not in event
        assert "Held by video (virtual): no venue." in str(event["description"])
        assert "Uncertain date: Reported a day later in Berlin." in str(event["description"])

    def test_the_forecast_is_a_tentative_span_over_its_window(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed, include_forecast=True, as_of=AS_OF))
        forecast = found["in-ru-round-2@twoplustwo"]
        assert "TENTATIVE" == str(forecast["status"])
        assert (dt.date(2022, 12, 1), dt.date(2023, 1, 1)) == (
            forecast.decoded("dtstart"),
            forecast.decoded("dtend"),
        )
        assert "Moscow" == str(forecast["location"])
        description = str(forecast["description"])
        assert description.startswith(
            "The forecast window runs from 2022-12-01 to 2022-12-31; this event spans it.\n"
            "Forecast by twoplustwo:\n"
        )
        # An announced round is already on record, so it gets no second event.
        assert {f"in-us-round-{k}@twoplustwo" for k in range(1, 5)} <= set(found)
        assert "in-us-round-5@twoplustwo" not in found

    def test_forecasts_are_left_out_unless_asked_for(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed, as_of=AS_OF))
        assert 5 == len(found)
        assert "in-ru-round-2@twoplustwo" not in found

    def test_a_window_that_has_passed_is_left_out(self, seed: tpt.Dataset) -> None:
        later = dt.date(2023, 1, 1)  # the December 2022 window ended the day before
        found = events(tpt.to_ics(seed.mechanism("in-ru"), include_forecast=True, as_of=later))
        assert {"in-ru-round-1@twoplustwo"} == set(found)

    def test_a_window_already_begun_starts_on_the_day(self, seed: tpt.Dataset) -> None:
        day = dt.date(2022, 12, 10)
        found = events(tpt.to_ics(seed.mechanism("in-ru"), include_forecast=True, as_of=day))
        forecast = found["in-ru-round-2@twoplustwo"]
        assert (day, dt.date(2023, 1, 1)) == (
            forecast.decoded("dtstart"),
            forecast.decoded("dtend"),
        )
        assert str(forecast["description"]).startswith(
            "The forecast window runs from 2022-12-01 to 2022-12-31; this event covers the part "
            "from 2022-12-10 on.\n"
        )

    def test_a_long_window_becomes_its_middle_month(self) -> None:
        rounds = (held(1, "2018-09-06", DELHI), held(2, "2019-12-18", WASHINGTON))
        learned = mechanism(*rounds, cadence_months=None)
        day = pendulum.Date(2020, 1, 1)
        window = tpt.next_round(learned, as_of=day).window
        assert (window.latest - window.earliest).days > 92  # the case under test
        event = events(tpt.to_ics(learned, include_forecast=True, as_of=day))[
            "in-us-round-3@twoplustwo"
        ]
        middle = window.earliest.add(days=(window.latest - window.earliest).days // 2)
        month = tpt.FuzzyDate.month(middle.year, middle.month)
        assert (month.earliest, month.latest.add(days=1)) == (
            event.decoded("dtstart"),
            event.decoded("dtend"),
        )
        assert str(event["description"]).startswith(
            f"The forecast window runs from {window.earliest.isoformat()} to "
            f"{window.latest.isoformat()}; this event marks the middle month of the window, "
            f"{month.describe()}.\n"
        )

    def test_a_long_window_already_begun_marks_the_middle_of_what_is_left(self) -> None:
        rounds = (held(1, "2018-09-06", DELHI), held(2, "2019", WASHINGTON))
        yearly = mechanism(*rounds, cadence_months=24)  # a window of the whole of 2021
        day = pendulum.Date(2021, 3, 1)
        event = events(tpt.to_ics(yearly, include_forecast=True, as_of=day))[
            "in-us-round-3@twoplustwo"
        ]
        # 1 March to 31 December has its middle day on 31 July.
        assert (dt.date(2021, 7, 1), dt.date(2021, 8, 1)) == (
            event.decoded("dtstart"),
            event.decoded("dtend"),
        )
        assert str(event["description"]).startswith(
            "The forecast window runs from 2021-01-01 to 2021-12-31; this event marks the middle "
            "month of the window from 2021-03-01 on, July 2021.\n"
        )

    @given(mechanisms(max_rounds=5), days(), st.booleans())
    def test_no_forecast_is_in_the_past_or_longer_than_92_days(
        self, drawn: tpt.Mechanism, day: pendulum.Date, with_forecast: bool
    ) -> None:
        found = events(tpt.to_ics(drawn, include_forecast=with_forecast, as_of=day))
        recorded = {f"{drawn.id}-round-{r.ordinal}@twoplustwo" for r in drawn.rounds}
        assert recorded <= set(found)
        forecasts = [event for uid, event in found.items() if uid not in recorded]
        assert len(forecasts) <= (1 if with_forecast else 0)
        for event in forecasts:
            start, end = event.decoded("dtstart"), event.decoded("dtend")
            assert day <= start < end <= start + dt.timedelta(days=92)

    def test_without_forecasts_only_recorded_rounds_remain(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed, include_forecast=False))
        assert 5 == len(found)
        assert "in-ru-round-2@twoplustwo" not in found

    def test_output_is_stable_across_runs(self, seed: tpt.Dataset) -> None:
        assert tpt.to_ics(seed, as_of=AS_OF) == tpt.to_ics(seed, as_of=AS_OF)

    def test_a_dataset_is_stamped_today_unless_told(self, seed: tpt.Dataset) -> None:
        stamped = events(tpt.to_ics(seed))["in-us-round-1@twoplustwo"]
        today = pendulum.today().date()
        assert today == stamped.decoded("dtstamp").date()

    def test_a_mechanism_alone_is_stamped_today_unless_told(self, seed: tpt.Dataset) -> None:
        mechanism = seed.mechanism("in-ru")
        stamped = events(tpt.to_ics(mechanism))["in-ru-round-1@twoplustwo"]
        today = pendulum.today().date()
        assert dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC) == stamped.decoded(
            "dtstamp"
        )
        told = events(tpt.to_ics(mechanism, as_of=dt.date(2022, 1, 1)))
        assert dt.date(2022, 1, 1) == told["in-ru-round-1@twoplustwo"].decoded("dtstamp").date()

    @given(mechanisms(max_rounds=5))
    def test_every_round_has_one_event_with_its_dates(self, mechanism: tpt.Mechanism) -> None:
        found = events(tpt.to_ics(mechanism, as_of=AS_OF, include_forecast=False))
        assert len(mechanism.rounds) == len(found)
        for current in mechanism.rounds:
            event = found[f"{mechanism.id}-round-{current.ordinal}@twoplustwo"]
            assert current.date.earliest == event.decoded("dtstart")
            assert current.date.latest.add(days=1) == event.decoded("dtend")

    def test_only_datasets_and_mechanisms_make_calendars(self) -> None:
        with pytest.raises(tpt.Error, match="takes a Dataset or a Mechanism, not City"):
            tpt.to_ics(tpt.City("Tokyo", "JP", "Asia/Tokyo"))  # type: ignore[arg-type] # a bad input on purpose


class TestTheCommand:
    """`twoplustwo ics` adds forecasts only when asked, with the library's rules."""

    def test_forecasts_are_opt_in(self, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
        argv = ["--seed", "ics", "in-ru", "--as-of", "2021-12-24"]
        assert 0 == cli.main(argv)
        without = capsysbinary.readouterr().out
        assert 0 == cli.main([*argv, "--forecasts"])
        with_them = capsysbinary.readouterr().out
        assert set(events(without)) == {"in-ru-round-1@twoplustwo"}
        seed = tpt.load_seed().known_on(AS_OF)
        expected = tpt.to_ics(seed.mechanism("in-ru"), include_forecast=True, as_of=AS_OF)
        assert expected == with_them
        assert "in-ru-round-2@twoplustwo" in events(with_them)


class TestRoundsTable:
    """rounds_table gives one flat row a round, and survives csv."""

    def test_the_seed_rows(self, seed: tpt.Dataset) -> None:
        rows = tpt.rounds_table(seed)
        assert 5 == len(rows)
        assert {
            "mechanism": "in-us",
            "ordinal": 2,
            "status": "held",
            "earliest": pendulum.Date(2019, 12, 1),
            "latest": pendulum.Date(2019, 12, 31),
            "mode": "in_person",
            "venue": "Washington",
            "host": "US",
            "host_basis": "inferred",
            "venue_inferred": True,
            "uncertain": "",
            "counted": False,
            "participants": "",
        } == rows[1]
        assert "S. Jaishankar; Rajnath Singh" == rows[3]["participants"]

    def test_the_method_on_dataset_still_works_and_warns(self, seed: tpt.Dataset) -> None:
        with pytest.deprecated_call(match=r"use twoplustwo\.rounds_table\(dataset\)"):
            rows = seed.rounds_table()
        assert tpt.rounds_table(seed) == rows

    @given(datasets())
    def test_rows_match_the_rounds_and_survive_csv(self, data: tpt.Dataset) -> None:
        rows = tpt.rounds_table(data)
        assert sum(len(m.rounds) for m in data.mechanisms) == len(rows)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["mechanism"])
        writer.writeheader()
        writer.writerows(rows)
        back = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [{k: str(v) for k, v in row.items()} for row in rows] == back
        for row in rows:
            mechanism = data.mechanism(str(row["mechanism"]))
            current = next(r for r in mechanism.rounds if r.ordinal == row["ordinal"])
            unknown = current.venue is None and current.host is None
            assert row["venue_inferred"] == (unknown and current.mode is not tpt.Mode.VIRTUAL)
            assert row["host"] in (*mechanism.codes, "")
            assert (row["host"] == "") == (row["host_basis"] == "none")
