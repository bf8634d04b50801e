"""
Calendar and table exports read back as what was written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import icalendar
import pendulum
import pytest
from hypothesis import given

import twoplustwo as tpt
from strategies import datasets, mechanisms

AS_OF = pendulum.Date(2021, 12, 24)


def events(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture(scope="module")
def seed() -> tpt.Dataset:
    return tpt.load_seed()


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
        assert "Earlier planned for: 2021-12-01/2021-12-07" in str(fourth["description"])

    def test_inferred_venues_are_marked(self, seed: tpt.Dataset) -> None:
        second = events(tpt.to_ics(seed))["in-us-round-2@twoplustwo"]
        assert "Washington (inferred from the rotation)" == str(second["location"])
        assert "Participants: not on record" in str(second["description"])

    def test_the_forecast_is_a_tentative_span_over_its_window(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed))
        forecast = found["in-ru-round-2@twoplustwo"]
        assert "TENTATIVE" == str(forecast["status"])
        assert (dt.date(2022, 12, 1), dt.date(2023, 1, 1)) == (
            forecast.decoded("dtstart"),
            forecast.decoded("dtend"),
        )
        assert "Moscow (forecast)" == str(forecast["location"])
        assert "Forecast by twoplustwo:" in str(forecast["description"])
        # An announced round is already on record, so it gets no second event.
        assert {f"in-us-round-{k}@twoplustwo" for k in range(1, 5)} <= set(found)
        assert "in-us-round-5@twoplustwo" not in found

    def test_without_forecasts_only_recorded_rounds_remain(self, seed: tpt.Dataset) -> None:
        found = events(tpt.to_ics(seed, include_forecast=False))
        assert 5 == len(found)
        assert "in-ru-round-2@twoplustwo" not in found

    def test_output_is_stable_across_runs(self, seed: tpt.Dataset) -> None:
        assert tpt.to_ics(seed) == tpt.to_ics(seed)

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
            "venue": "Washington",
            "host": "US",
            "venue_inferred": True,
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
            assert row["venue_inferred"] == (
                next(r for r in mechanism.rounds if r.ordinal == row["ordinal"]).venue is None
            )
            assert row["host"] in mechanism.codes
