"""
Tests for FuzzyDate, the span of days that a news report gives as a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from contextlib import AbstractContextManager

import pendulum
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import twoplustwo as tpt
from strategies import (
    calendar_units,
    days,
    fuzzy_dates,
    month_shifts,
    months,
    whole_month_spans,
    years,
)
from twoplustwo import _dates

ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth")
ORDINAL_NUMERALS = ("1st", "2nd", "3rd", "4th", "5th")


def _span(start: str, end: str | None = None) -> tpt.FuzzyDate:
    """
    Return the span between two ISO days, built from plain dates without FuzzyDate's parser.
    """
    return tpt.FuzzyDate(dt.date.fromisoformat(start), dt.date.fromisoformat(end or start))


def _month_end(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _month_index(day: dt.date) -> int:
    """
    Count the months from January of year 0 to the month of ``day``.
    """
    return 12 * day.year + day.month - 1


def _month_phrase(year: int, month: int) -> str:
    return f"{calendar.month_name[month]} {year:04d}"


def _iso(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _raises_mentioning(
    shown: object,
) -> AbstractContextManager[pytest.ExceptionInfo[tpt.InvalidDate]]:
    """
    Expect an InvalidDate whose message quotes ``shown`` as Python would write it.
    """
    return pytest.raises(tpt.InvalidDate, match=re.escape(repr(shown)))


class TestConstruction:
    """
    A FuzzyDate holds two pendulum.Date ends in order, and refuses anything else.
    """

    @given(days(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), days(dt.date(1900, 1, 1)))
    def test_plain_dates_become_pendulum_dates(
        self, one: pendulum.Date, two: pendulum.Date
    ) -> None:
        low, high = sorted((one, two))
        plain_low, plain_high = (dt.date(day.year, day.month, day.day) for day in (low, high))

        date = tpt.FuzzyDate(plain_low, plain_high)

        assert (pendulum.Date, pendulum.Date) == (type(date.earliest), type(date.latest))
        assert (low, high) == (date.earliest, date.latest)

    @given(days(), days())
    def test_between_is_the_constructor_under_another_name(
        self, one: pendulum.Date, two: pendulum.Date
    ) -> None:
        low, high = sorted((one, two))
        plain_low = dt.date(low.year, low.month, low.day)

        between = tpt.FuzzyDate.between(plain_low, high)

        assert tpt.FuzzyDate(low, high) == between
        assert (pendulum.Date, pendulum.Date) == (type(between.earliest), type(between.latest))

    @given(days(), days())
    def test_latest_before_earliest_is_refused_with_both_dates_named(
        self, one: pendulum.Date, two: pendulum.Date
    ) -> None:
        low, high = sorted((one, two))
        if low == high:
            high = high.add(days=1)

        with pytest.raises(tpt.InvalidDate, match=f"latest={_iso(low)}.*earliest={_iso(high)}"):
            tpt.FuzzyDate(high, low)

    @pytest.mark.parametrize(
        "bad",
        [
            dt.datetime(2018, 9, 6, 10, 30, tzinfo=dt.UTC),
            dt.datetime(2018, 9, 6),  # noqa: DTZ001 -- a naive datetime is refused too
            pendulum.datetime(2018, 9, 6),
            "2018-09-06",
            2018,
            None,
            dt.time(10, 30),
        ],
    )
    def test_an_end_that_is_not_a_date_is_refused_by_name(self, bad: object) -> None:
        good = dt.date(2018, 9, 6)

        with _raises_mentioning(bad):
            tpt.FuzzyDate(bad, good)  # type: ignore[arg-type]  # the point of the test
        with _raises_mentioning(bad):
            tpt.FuzzyDate(good, bad)  # type: ignore[arg-type]  # the point of the test
        with _raises_mentioning(bad):
            tpt.FuzzyDate.between(good, bad)  # type: ignore[arg-type]  # the point of the test

    @given(fuzzy_dates(years))
    def test_a_span_is_exact_when_its_ends_coincide(self, date: tpt.FuzzyDate) -> None:
        assert (date.earliest == date.latest) == date.is_exact

    def test_a_day_is_exact_and_a_week_is_not(self) -> None:
        assert tpt.FuzzyDate.day(2018, 9, 6).is_exact
        assert not _span("2022-01-15", "2022-01-21").is_exact

    @given(years, months)
    def test_a_month_runs_from_its_first_to_its_last_day(self, year: int, month: int) -> None:
        first = pendulum.Date(year, month, 1)
        expected = (first, first.replace(day=_month_end(first)))

        date = tpt.FuzzyDate.month(year, month)

        assert expected == (date.earliest, date.latest)
        assert (pendulum.Date, pendulum.Date) == (type(date.earliest), type(date.latest))

    @given(years)
    def test_a_year_runs_from_1_january_to_31_december(self, year: int) -> None:
        date = tpt.FuzzyDate.year(year)

        assert (dt.date(year, 1, 1), dt.date(year, 12, 31)) == (date.earliest, date.latest)
        assert (pendulum.Date, pendulum.Date) == (type(date.earliest), type(date.latest))

    @pytest.mark.parametrize(
        ("year", "month", "day", "shown"),
        [
            (2021, 2, 29, "2021-02-29"),
            (1900, 2, 29, "1900-02-29"),
            (2021, 4, 31, "2021-04-31"),
            (2021, 13, 1, "2021-13-01"),
            (2021, 1, 0, "2021-01-00"),
            (0, 1, 1, "0000-01-01"),
            (10_000, 1, 1, "10000-01-01"),
            (10**20, 1, 1, f"{10**20}-01-01"),
        ],
    )
    def test_a_day_that_does_not_exist_is_refused_by_name(
        self, year: int, month: int, day: int, shown: str
    ) -> None:
        with _raises_mentioning(shown):
            tpt.FuzzyDate.day(year, month, day)

    @pytest.mark.parametrize(
        ("year", "month", "shown"),
        [
            (2021, 0, "2021-00"),
            (2021, 13, "2021-13"),
            (0, 6, "0000-06"),
            (10**20, 1, f"{10**20}-01"),
        ],
    )
    def test_a_month_that_does_not_exist_is_refused_by_name(
        self, year: int, month: int, shown: str
    ) -> None:
        with _raises_mentioning(shown):
            tpt.FuzzyDate.month(year, month)

    @pytest.mark.parametrize(
        ("year", "shown"), [(0, "0000"), (10_000, "10000"), (10**20, "1" + "0" * 20)]
    )
    def test_a_year_outside_1_to_9999_is_refused_by_name(self, year: int, shown: str) -> None:
        with _raises_mentioning(shown):
            tpt.FuzzyDate.year(year)


class TestStr:
    """
    str() writes the shortest EDTF form that names the span exactly.
    """

    @given(fuzzy_dates(years))
    def test_str_names_a_day_a_month_or_a_year_when_it_can_and_an_interval_otherwise(
        self, date: tpt.FuzzyDate
    ) -> None:
        first, last = date.earliest, date.latest
        if first == last:
            expected = _iso(first)
        elif date == tpt.FuzzyDate.year(first.year):
            expected = f"{first.year:04d}"
        elif date == tpt.FuzzyDate.month(first.year, first.month):
            expected = f"{first.year:04d}-{first.month:02d}"
        else:
            expected = f"{_iso(first)}/{_iso(last)}"

        assert expected == str(date)

    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (tpt.FuzzyDate.day(2018, 9, 6), "2018-09-06"),
            (tpt.FuzzyDate.month(2018, 9), "2018-09"),
            (tpt.FuzzyDate.month(2024, 2), "2024-02"),
            (tpt.FuzzyDate.year(2018), "2018"),
            (tpt.FuzzyDate.year(1905), "1905"),
            (tpt.FuzzyDate.month(1905, 9), "1905-09"),
            (tpt.FuzzyDate.day(1900, 1, 1), "1900-01-01"),
            (_span("2022-01-15", "2022-01-21"), "2022-01-15/2022-01-21"),
            (_span("2024-02-01", "2024-02-28"), "2024-02-01/2024-02-28"),
            (_span("2018-01-01", "2018-02-28"), "2018-01-01/2018-02-28"),
            (_span("2018-12-01", "2019-01-31"), "2018-12-01/2019-01-31"),
            (_span("2018-01-01", "2019-12-31"), "2018-01-01/2019-12-31"),
            (_span("2018-01-01", "2018-12-30"), "2018-01-01/2018-12-30"),
            (_span("2018-01-02", "2018-12-31"), "2018-01-02/2018-12-31"),
        ],
    )
    def test_str_writes_the_canonical_form(self, date: tpt.FuzzyDate, expected: str) -> None:
        assert expected == str(date)


class TestParse:
    """
    FuzzyDate.parse reads back exactly the EDTF subset that str() writes, and nothing else.
    """

    @given(fuzzy_dates(years))
    def test_parse_reads_back_what_str_writes_with_pendulum_dates(
        self, date: tpt.FuzzyDate
    ) -> None:
        parsed = tpt.FuzzyDate.parse(str(date))

        assert date == parsed
        assert hash(date) == hash(parsed)
        assert (pendulum.Date, pendulum.Date) == (type(parsed.earliest), type(parsed.latest))

    @given(calendar_units, calendar_units)
    def test_an_interval_runs_from_the_start_of_its_first_part_to_the_end_of_its_last(
        self, first: tpt.FuzzyDate, last: tpt.FuzzyDate
    ) -> None:
        text = f"{first}/{last}"
        if last.latest < first.earliest:
            with _raises_mentioning(text):
                tpt.FuzzyDate.parse(text)
        else:
            assert tpt.FuzzyDate(first.earliest, last.latest) == tpt.FuzzyDate.parse(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2018-09-06", tpt.FuzzyDate.day(2018, 9, 6)),
            ("2018-09", tpt.FuzzyDate.month(2018, 9)),
            ("2018", tpt.FuzzyDate.year(2018)),
            ("2022-01-15/2022-01-21", _span("2022-01-15", "2022-01-21")),
            ("2024-02", _span("2024-02-01", "2024-02-29")),
            ("1900-02", _span("1900-02-01", "1900-02-28")),
            ("1900-01-01", tpt.FuzzyDate.day(1900, 1, 1)),
            ("2199", _span("2199-01-01", "2199-12-31")),
            ("2018/2019", _span("2018-01-01", "2019-12-31")),
            ("2018-09/2018-10-05", _span("2018-09-01", "2018-10-05")),
            ("2018-09-06/2018-09", _span("2018-09-06", "2018-09-30")),
            ("2018-09-06/2018-09-06", tpt.FuzzyDate.day(2018, 9, 6)),
        ],
    )
    def test_parse_reads_days_months_years_and_intervals(
        self, text: str, expected: tpt.FuzzyDate
    ) -> None:
        assert expected == tpt.FuzzyDate.parse(text)

    @pytest.mark.parametrize(
        "text",
        [
            # no such day or month
            "2021-02-30",
            "2021-02-29",
            "1900-02-29",
            "2021-04-31",
            "2021-09-00",
            "2021-13",
            "2021-00",
            "2018-21",  # an EDTF season, not a month
            "0000",
            "0000-05",
            "0000-01-01",
            # not the canonical spelling
            "2018-9",
            "2018-09-6",
            "18-09-06",
            "20180906",
            "10000",
            "+2018",
            "-2018",
            " 2018-09",
            "2018-09 ",
            "2018-09\n",
            "２０１８",  # fullwidth digits: EDTF digits are ASCII
            "٢٠١٨-٠٩",  # Arabic-Indic digits
            "2018-W36",
            "2018-09-XX",
            "2018-09-06?",
            "2018-09-06~",
            "September 2018",
            "now",
            "",
            # datetimes
            "2018-09-06T10:00:00",
            "2018-09-06 10:00",
            "2018-09-06T00:00:00Z",
            # bad intervals
            "2022-01-21/2022-01-15",
            "2019/2018",
            "2018/..",
            "../2018",
            "2018/",
            "/2018",
            "/",
            "2018-09-06/2018-09-07/2018-09-08",
            "2021-13/2022-01",
        ],
    )
    def test_parse_refuses_what_str_would_not_write_and_quotes_it(self, text: str) -> None:
        with _raises_mentioning(text):
            tpt.FuzzyDate.parse(text)

    @pytest.mark.parametrize(
        ("text", "shown"),
        [("2021-02-30/2021-03-01", "2021-02-30"), ("2021-03-01/2021-02-30", "2021-02-30")],
    )
    def test_parse_names_the_impossible_day_inside_an_interval(self, text: str, shown: str) -> None:
        with _raises_mentioning(shown):
            tpt.FuzzyDate.parse(text)

    @pytest.mark.parametrize("value", [None, 2018, 2018.0, b"2018", dt.date(2018, 9, 6), ["2018"]])
    def test_parse_refuses_what_is_not_a_string(self, value: object) -> None:
        with _raises_mentioning(value):
            tpt.FuzzyDate.parse(value)  # type: ignore[arg-type]  # the point of the test


class TestFromText:
    """
    FuzzyDate.from_text reads the English date phrases of the news, and what describe() writes.
    """

    @given(fuzzy_dates(years))
    @example(tpt.FuzzyDate.month(1905, 9))
    @example(_span("1905-01-11", "1905-01-20"))
    @example(_span("1999-12-21", "1999-12-31"))
    def test_from_text_reads_back_what_describe_writes(self, date: tpt.FuzzyDate) -> None:
        read = tpt.FuzzyDate.from_text(date.describe())

        assert date == read
        assert (pendulum.Date, pendulum.Date) == (type(read.earliest), type(read.latest))

    @given(fuzzy_dates(years))
    def test_from_text_ignores_case_commas_and_runs_of_white_space(
        self, date: tpt.FuzzyDate
    ) -> None:
        shouted = "\t" + date.describe().upper().replace(" ", " ,\n  ") + " "

        assert date == tpt.FuzzyDate.from_text(shouted)

    @pytest.mark.parametrize(
        ("text", "year", "expected"),
        [
            # the phrases of the source document
            ("September 2018", None, tpt.FuzzyDate.month(2018, 9)),
            ("6 December 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("December 6, 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("6th of December 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("first week of December 2021", None, _span("2021-12-01", "2021-12-07")),
            ("3rd week of January", 2022, _span("2022-01-15", "2022-01-21")),
            ("last week of February 2024", None, _span("2024-02-23", "2024-02-29")),
            ("mid-January 2022", None, _span("2022-01-11", "2022-01-20")),
            # other spellings of the same kinds
            ("Sept. 2018", None, tpt.FuzzyDate.month(2018, 9)),
            ("sep 2018", None, tpt.FuzzyDate.month(2018, 9)),
            ("September", 2018, tpt.FuzzyDate.month(2018, 9)),
            ("6 Dec. 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("Dec 6 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("December 6th, 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("6 of December 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
            ("1st December 2021", None, tpt.FuzzyDate.day(2021, 12, 1)),
            ("December 2nd, 2021", None, tpt.FuzzyDate.day(2021, 12, 2)),
            ("23rd of December 2021", None, tpt.FuzzyDate.day(2021, 12, 23)),
            ("6 December", 2021, tpt.FuzzyDate.day(2021, 12, 6)),
            ("the first week of December 2021", None, _span("2021-12-01", "2021-12-07")),
            ("1st week of December 2021", None, _span("2021-12-01", "2021-12-07")),
            ("mid January 2022", None, _span("2022-01-11", "2022-01-20")),
            ("Early January 2022", None, _span("2022-01-01", "2022-01-10")),
            ("late January 2022", None, _span("2022-01-21", "2022-01-31")),
            ("2018", None, tpt.FuzzyDate.year(2018)),
            ("1900", None, tpt.FuzzyDate.year(1900)),
            # a year in the phrase wins over year=
            ("September 2018", 2020, tpt.FuzzyDate.month(2018, 9)),
            ("2018", 2020, tpt.FuzzyDate.year(2018)),
            # spans of two phrases
            ("6 December 2021 to 9 December 2021", None, _span("2021-12-06", "2021-12-09")),
            ("late December 2021 to early January 2022", None, _span("2021-12-21", "2022-01-10")),
            ("3rd week of January to mid-February", 2022, _span("2022-01-15", "2022-02-20")),
            ("2018 to 2019", None, _span("2018-01-01", "2019-12-31")),
            ("6 December 2021 to 6 December 2021", None, tpt.FuzzyDate.day(2021, 12, 6)),
        ],
    )
    def test_from_text_reads_news_phrases(
        self, text: str, year: int | None, expected: tpt.FuzzyDate
    ) -> None:
        assert expected == tpt.FuzzyDate.from_text(text, year=year)

    @pytest.mark.parametrize(
        ("date", "expected"),
        [
            (tpt.FuzzyDate.day(2018, 9, 6), "6 September 2018"),
            (tpt.FuzzyDate.day(2024, 2, 29), "29 February 2024"),
            (tpt.FuzzyDate.month(2018, 9), "September 2018"),
            (tpt.FuzzyDate.year(2018), "2018"),
            (_span("2022-01-15", "2022-01-21"), "3rd week of January 2022"),
            (_span("2022-01-29", "2022-01-31"), "5th week of January 2022"),
            (_span("2021-02-22", "2021-02-28"), "4th week of February 2021"),
            (_span("2022-01-25", "2022-01-31"), "last week of January 2022"),
            (_span("2024-02-23", "2024-02-29"), "last week of February 2024"),
            (_span("2022-01-01", "2022-01-10"), "early January 2022"),
            (_span("2022-01-11", "2022-01-20"), "mid-January 2022"),
            (_span("2022-01-21", "2022-01-31"), "late January 2022"),
            (_span("2022-01-02", "2022-01-05"), "2 January 2022 to 5 January 2022"),
            (_span("2021-12-21", "2022-01-10"), "21 December 2021 to 10 January 2022"),
            (_span("2018-01-01", "2018-02-28"), "1 January 2018 to 28 February 2018"),
            (tpt.FuzzyDate.day(1905, 9, 6), "6 September 1905"),
            (tpt.FuzzyDate.month(1905, 9), "September 1905"),
            (tpt.FuzzyDate.year(1905), "1905"),
            (_span("1905-01-11", "1905-01-20"), "mid-January 1905"),
        ],
    )
    def test_describe_writes_the_news_phrase(self, date: tpt.FuzzyDate, expected: str) -> None:
        assert expected == date.describe()

    @pytest.mark.parametrize(
        ("text", "year"),
        [
            # no year
            ("September", None),
            ("6 December", None),
            ("December 6", None),
            ("first week of December", None),
            ("mid-January", None),
            # no such month
            ("Smarch 2018", None),
            ("6 Smarch 2018", None),
            ("first week of Smarch 2018", None),
            ("late Smarch 2018", None),
            # no such week
            ("5th week of February 2021", None),
            ("fifth week of February 1900", None),
            ("the 5th week of February", 2023),
            ("sixth week of May 2020", None),
            ("6th week of May 2020", None),
            ("0th week of May 2020", None),
            ("next week of May 2020", None),
            # no such day
            ("31 April 2021", None),
            ("April 31, 2021", None),
            ("29 February 2021", None),
            ("0 April 2021", None),
            # no such year
            ("May", 0),
            ("May", 10_000),
            ("May", -1),
            ("6 May", 10**20),
            ("September 0000", None),
            ("6 May 0000", None),
            ("mid-May 0000", None),
            ("0000", None),
            # not a date phrase at all
            ("", None),
            ("now", None),
            ("next week", None),
            ("2018-13-06", None),
            ("September 2018 2019", None),
            ("early-mid January 2022", None),
            # reversed spans
            ("21 January 2022 to 15 January 2022", None),
            ("mid-January 2022 to early January 2022", None),
            ("2019 to 2018", None),
            ("February to January", 2022),
        ],
    )
    def test_from_text_refuses_what_names_no_date_and_quotes_it(
        self, text: str, year: int | None
    ) -> None:
        with _raises_mentioning(text):
            tpt.FuzzyDate.from_text(text, year=year)

    @pytest.mark.parametrize(
        ("text", "shown"),
        [
            ("31 April 2021 to 3 May 2021", "31 april 2021"),
            ("1 May 2021 to 5th week of February 2021", "5th week of february 2021"),
            ("6 to 9 Decembr 2021", "9 decembr 2021"),
        ],
    )
    def test_from_text_names_the_bad_half_of_a_span(self, text: str, shown: str) -> None:
        with _raises_mentioning(shown):
            tpt.FuzzyDate.from_text(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("26-27 October 2020", "2020-10-26/2020-10-27"),
            ("26th-27th October 2020", "2020-10-26/2020-10-27"),
            ("6\u20137 December 2021", "2021-12-06/2021-12-07"),
            ("6 \u2014 7 December 2021", "2021-12-06/2021-12-07"),
            ("December 6 to 7, 2021", "2021-12-06/2021-12-07"),
            ("6 to 7 December 2021", "2021-12-06/2021-12-07"),
            ("30 November\u20131 December 2019", "2019-11-30/2019-12-01"),
            ("30 December to 2 January 2020", "2019-12-30/2020-01-02"),
            ("2007-06-06", "2007-06-06"),
            ("2020-10-26/2020-10-27", "2020-10-26/2020-10-27"),
            ("2019-12", "2019-12"),
        ],
    )
    def test_day_ranges_and_iso_dates_as_the_news_writes_them(
        self, text: str, expected: str
    ) -> None:
        assert tpt.FuzzyDate.parse(expected) == tpt.FuzzyDate.from_text(text)

    def test_a_range_that_names_no_month_says_what_it_reads(self) -> None:
        with pytest.raises(tpt.InvalidDate, match="names no month"):
            tpt.FuzzyDate.from_text("6 to 7, 2021")
        with pytest.raises(tpt.InvalidDate, match="it reads phrases such as '6 September 2018'"):
            tpt.FuzzyDate.from_text("the day after tomorrow")

    @given(fuzzy_dates(st.integers(1900, 2199)))
    def test_what_str_and_describe_write_reads_back(self, date: tpt.FuzzyDate) -> None:
        assert date == tpt.FuzzyDate.from_text(str(date))
        assert date == tpt.FuzzyDate.from_text(date.describe())

    @pytest.mark.parametrize("value", [None, 2018, b"September 2018", dt.date(2018, 9, 6)])
    def test_from_text_refuses_what_is_not_a_string(self, value: object) -> None:
        with _raises_mentioning(value):
            tpt.FuzzyDate.from_text(value, year=2018)  # type: ignore[arg-type]  # the point


class TestPartsOfAMonth:
    """
    Week N is days 7N-6 to 7N, the fifth week runs from the 29th to the month's end, the last
    week is the final seven days, and early, mid and late are days 1-10, 11-20 and 21 to the end.
    """

    @given(years, months, st.integers(1, 5), st.sampled_from([ORDINAL_WORDS, ORDINAL_NUMERALS]))
    def test_week_n_is_days_7n_minus_6_to_7n_cut_at_the_month_end(
        self, year: int, month: int, number: int, ordinals: tuple[str, ...]
    ) -> None:
        text = f"{ordinals[number - 1]} week of {_month_phrase(year, month)}"
        end = calendar.monthrange(year, month)[1]
        if 7 * number - 6 > end:
            with _raises_mentioning(text):
                tpt.FuzzyDate.from_text(text)
        else:
            expected = tpt.FuzzyDate(
                dt.date(year, month, 7 * number - 6), dt.date(year, month, min(7 * number, end))
            )
            assert expected == tpt.FuzzyDate.from_text(text)

    @given(years, months)
    def test_the_weeks_of_a_month_cover_each_of_its_days_once(self, year: int, month: int) -> None:
        month_span = tpt.FuzzyDate.month(year, month)
        length = _month_end(month_span.earliest)
        weeks = []
        for word in ORDINAL_WORDS:
            phrase = f"{word} week of {_month_phrase(year, month)}"
            try:
                weeks.append(tpt.FuzzyDate.from_text(phrase))
            except tpt.InvalidDate:
                break
        covered = [
            week.earliest.add(days=offset)
            for week in weeks
            for offset in range((week.latest - week.earliest).days + 1)
        ]

        assert [month_span.earliest.add(days=n) for n in range(length)] == covered
        assert (5 if length > 28 else 4) == len(weeks)

    @given(years, months)
    def test_the_last_week_is_the_final_seven_days_of_the_month(
        self, year: int, month: int
    ) -> None:
        month_span = tpt.FuzzyDate.month(year, month)

        last_week = tpt.FuzzyDate.from_text(f"last week of {_month_phrase(year, month)}")

        assert (month_span.latest.subtract(days=6), month_span.latest) == (
            last_week.earliest,
            last_week.latest,
        )

    @given(years, months)
    def test_early_mid_and_late_split_the_month_after_the_10th_and_the_20th(
        self, year: int, month: int
    ) -> None:
        month_span = tpt.FuzzyDate.month(year, month)

        early, mid, late = (
            tpt.FuzzyDate.from_text(f"{part} {_month_phrase(year, month)}")
            for part in ("early", "mid", "late")
        )

        assert [
            (month_span.earliest, month_span.earliest.replace(day=10)),
            (month_span.earliest.replace(day=11), month_span.earliest.replace(day=20)),
            (month_span.earliest.replace(day=21), month_span.latest),
        ] == [(part.earliest, part.latest) for part in (early, mid, late)]

    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("1st week of February 2021", "2021-02-01", "2021-02-07"),
            ("4th week of February 2021", "2021-02-22", "2021-02-28"),
            ("last week of February 2021", "2021-02-22", "2021-02-28"),
            ("5th week of February 2024", "2024-02-29", "2024-02-29"),
            ("fifth week of February 2000", "2000-02-29", "2000-02-29"),
            ("4th week of February 2024", "2024-02-22", "2024-02-28"),
            ("last week of February 2024", "2024-02-23", "2024-02-29"),
            ("last week of February 1900", "1900-02-22", "1900-02-28"),
            ("5th week of April 2021", "2021-04-29", "2021-04-30"),
            ("last week of April 2021", "2021-04-24", "2021-04-30"),
            ("5th week of January 2022", "2022-01-29", "2022-01-31"),
            ("last week of December 2021", "2021-12-25", "2021-12-31"),
            ("early February 2024", "2024-02-01", "2024-02-10"),
            ("mid-February 2024", "2024-02-11", "2024-02-20"),
            ("late February 2024", "2024-02-21", "2024-02-29"),
            ("late February 2023", "2023-02-21", "2023-02-28"),
            ("late April 2021", "2021-04-21", "2021-04-30"),
            ("late December 2021", "2021-12-21", "2021-12-31"),
        ],
    )
    def test_parts_of_months_at_month_ends_and_in_leap_years(
        self, text: str, start: str, end: str
    ) -> None:
        assert _span(start, end) == tpt.FuzzyDate.from_text(text)

    @pytest.mark.parametrize(
        "text",
        ["5th week of February 2021", "fifth week of February 1900", "5th week of February 2100"],
    )
    def test_a_28_day_february_has_no_fifth_week(self, text: str) -> None:
        with pytest.raises(tpt.InvalidDate, match=re.escape(f"{text!r}: that month has no week 5")):
            tpt.FuzzyDate.from_text(text)


class TestOrdering:
    """
    Spans order as the tuple (earliest, latest).
    """

    @given(fuzzy_dates(), fuzzy_dates())
    @example(tpt.FuzzyDate.month(2018, 9), tpt.FuzzyDate.month(2018, 9))
    @example(tpt.FuzzyDate.month(2018, 9), _span("2018-09-01", "2018-09-07"))
    @example(_span("2018-09-01", "2018-09-07"), tpt.FuzzyDate.day(2018, 9, 2))
    def test_comparisons_agree_with_the_tuple_of_ends(
        self, one: tpt.FuzzyDate, two: tpt.FuzzyDate
    ) -> None:
        key_one, key_two = (one.earliest, one.latest), (two.earliest, two.latest)

        assert (
            key_one < key_two,
            key_one <= key_two,
            key_one == key_two,
            key_one != key_two,
            key_one >= key_two,
            key_one > key_two,
        ) == (one < two, one <= two, one == two, one != two, one >= two, one > two)

    @given(st.lists(fuzzy_dates(), max_size=8))
    def test_sorting_sorts_by_earliest_then_latest(self, dates: list[tpt.FuzzyDate]) -> None:
        assert sorted(dates, key=lambda date: (date.earliest, date.latest)) == sorted(dates)


class TestRelations:
    """
    overlaps, definitely_before and contains compare spans day by day.
    """

    @given(fuzzy_dates(), fuzzy_dates())
    def test_overlapping_is_symmetric(self, one: tpt.FuzzyDate, two: tpt.FuzzyDate) -> None:
        assert one.overlaps(two) == two.overlaps(one)

    @given(fuzzy_dates(), fuzzy_dates())
    @example(tpt.FuzzyDate.day(2018, 9, 6), tpt.FuzzyDate.month(2018, 9))
    @example(tpt.FuzzyDate.month(2018, 8), tpt.FuzzyDate.month(2018, 9))
    @example(_span("2018-08-01", "2018-09-01"), tpt.FuzzyDate.month(2018, 9))
    def test_spans_overlap_when_they_share_a_day(
        self, one: tpt.FuzzyDate, two: tpt.FuzzyDate
    ) -> None:
        shares_a_day = max(one.earliest, two.earliest) <= min(one.latest, two.latest)

        assert shares_a_day == one.overlaps(two)

    @given(fuzzy_dates(), fuzzy_dates())
    @example(tpt.FuzzyDate.month(2018, 8), tpt.FuzzyDate.month(2018, 9))
    @example(tpt.FuzzyDate.month(2018, 9), tpt.FuzzyDate.month(2018, 9))
    def test_two_spans_overlap_or_one_is_definitely_before_the_other(
        self, one: tpt.FuzzyDate, two: tpt.FuzzyDate
    ) -> None:
        assert [one.overlaps(two), one.definitely_before(two), two.definitely_before(one)].count(
            True
        ) == 1

    @given(fuzzy_dates(), fuzzy_dates())
    def test_definitely_before_means_every_day_comes_first(
        self, one: tpt.FuzzyDate, two: tpt.FuzzyDate
    ) -> None:
        assert (one.latest < two.earliest) == one.definitely_before(two)

    @given(date=fuzzy_dates(), offset=st.integers(-40, 800), plain=st.booleans())
    def test_contains_agrees_with_the_ends(
        self, date: tpt.FuzzyDate, offset: int, *, plain: bool
    ) -> None:
        day = date.earliest.add(days=offset)
        given_day = dt.date(day.year, day.month, day.day) if plain else day

        assert (date.earliest <= day <= date.latest) == date.contains(given_day)

    @given(fuzzy_dates(years))
    def test_a_span_contains_its_ends_and_overlaps_itself(self, date: tpt.FuzzyDate) -> None:
        assert date.contains(date.earliest)
        assert date.contains(date.latest)
        assert date.overlaps(date)
        assert not date.definitely_before(date)

    @pytest.mark.parametrize(
        "bad", [dt.datetime(2018, 9, 6, tzinfo=dt.UTC), pendulum.datetime(2018, 9, 6), "2018-09-06"]
    )
    def test_contains_refuses_what_is_not_a_date(self, bad: object) -> None:
        with _raises_mentioning(bad):
            tpt.FuzzyDate.month(2018, 9).contains(bad)  # type: ignore[arg-type]  # the point


class TestShift:
    """
    shift moves a span by calendar months, keeping whole months whole and clamping other ends.
    """

    @given(fuzzy_dates(years))
    def test_shifting_by_no_months_changes_nothing(self, date: tpt.FuzzyDate) -> None:
        assert date == date.shift(months=0)

    @given(fuzzy_dates(st.integers(1925, 2160)), month_shifts)
    def test_each_end_moves_by_the_months_and_clamps_to_the_month_end(
        self, date: tpt.FuzzyDate, by: int
    ) -> None:
        is_whole = date.earliest.day == 1 and date.latest.day == _month_end(date.latest)

        shifted = date.shift(months=by)

        assert shifted.earliest <= shifted.latest
        assert [_month_index(date.earliest) + by, _month_index(date.latest) + by] == [
            _month_index(shifted.earliest),
            _month_index(shifted.latest),
        ]
        assert min(date.earliest.day, _month_end(shifted.earliest)) == shifted.earliest.day
        assert (
            _month_end(shifted.latest)
            if is_whole
            else min(date.latest.day, _month_end(shifted.latest))
        ) == shifted.latest.day
        assert (pendulum.Date, pendulum.Date) == (type(shifted.earliest), type(shifted.latest))

    @given(whole_month_spans(st.integers(1925, 2160)), month_shifts)
    def test_whole_months_shift_to_as_many_whole_months(self, date: tpt.FuzzyDate, by: int) -> None:
        shifted = date.shift(months=by)

        assert (1, _month_end(shifted.latest)) == (shifted.earliest.day, shifted.latest.day)
        assert _month_index(date.latest) - _month_index(date.earliest) == (
            _month_index(shifted.latest) - _month_index(shifted.earliest)
        )

    @given(whole_month_spans(st.integers(1941, 2159)), month_shifts, month_shifts)
    def test_shifting_whole_months_twice_is_shifting_once_by_the_sum(
        self, date: tpt.FuzzyDate, first: int, second: int
    ) -> None:
        assert date.shift(months=first + second) == date.shift(months=first).shift(months=second)

    @pytest.mark.parametrize(
        ("date", "by", "expected"),
        [
            (tpt.FuzzyDate.month(2020, 2), 1, tpt.FuzzyDate.month(2020, 3)),
            (tpt.FuzzyDate.month(2020, 2), 12, tpt.FuzzyDate.month(2021, 2)),
            (tpt.FuzzyDate.month(2021, 2), -12, tpt.FuzzyDate.month(2020, 2)),
            (tpt.FuzzyDate.month(2021, 1), 1, tpt.FuzzyDate.month(2021, 2)),
            (tpt.FuzzyDate.year(2018), 12, tpt.FuzzyDate.year(2019)),
            (tpt.FuzzyDate.year(2018), 6, _span("2018-07-01", "2019-06-30")),
            (tpt.FuzzyDate.day(2020, 1, 31), 1, tpt.FuzzyDate.day(2020, 2, 29)),
            (tpt.FuzzyDate.day(2021, 1, 31), 1, tpt.FuzzyDate.day(2021, 2, 28)),
            (tpt.FuzzyDate.day(2020, 3, 31), -1, tpt.FuzzyDate.day(2020, 2, 29)),
            (_span("2020-01-15", "2020-01-31"), 1, _span("2020-02-15", "2020-02-29")),
            (_span("2020-02-01", "2020-02-28"), 1, _span("2020-03-01", "2020-03-28")),
            (_span("2021-12-25", "2022-01-31"), 2, _span("2022-02-25", "2022-03-31")),
            (tpt.FuzzyDate.year(2199), 0, tpt.FuzzyDate.year(2199)),
            (tpt.FuzzyDate.month(1900, 2), -1, tpt.FuzzyDate.month(1900, 1)),
        ],
    )
    def test_shift_moves_months_and_clamps_days(
        self, date: tpt.FuzzyDate, by: int, expected: tpt.FuzzyDate
    ) -> None:
        assert expected == date.shift(months=by)

    @given(fuzzy_dates(years), st.integers(-120, 120) | st.integers(-120_000, 120_000))
    def test_a_shift_fails_exactly_when_it_leaves_the_years_1900_to_2199(
        self, date: tpt.FuzzyDate, by: int
    ) -> None:
        lowest, highest = _month_index(dt.date(1900, 1, 1)), _month_index(dt.date(2199, 12, 31))
        if lowest <= _month_index(date.earliest) + by and (
            _month_index(date.latest) + by <= highest
        ):
            assert _month_index(date.earliest) + by == _month_index(date.shift(months=by).earliest)
        else:
            with pytest.raises(tpt.InvalidDate, match=re.escape(f"{date} shifted by {by}")):
                date.shift(months=by)

    @pytest.mark.parametrize(
        ("date", "by"),
        [
            (tpt.FuzzyDate.year(2199), 1),
            (tpt.FuzzyDate.month(2199, 12), 1),
            (tpt.FuzzyDate.year(1900), -1),
            (tpt.FuzzyDate.day(1900, 1, 31), -1),
            (tpt.FuzzyDate.day(2021, 1, 1), 10**20),
            (tpt.FuzzyDate.day(2021, 1, 1), -(10**20)),
        ],
    )
    def test_a_shift_out_of_the_calendar_is_refused_by_name(
        self, date: tpt.FuzzyDate, by: int
    ) -> None:
        with pytest.raises(tpt.InvalidDate, match=re.escape(f"{date} shifted by {by} months")):
            date.shift(months=by)


class TestWholeMonths:
    """
    whole_months widens a span to the calendar months it touches.
    """

    @given(fuzzy_dates(years))
    def test_whole_months_runs_from_the_first_month_start_to_the_last_month_end(
        self, date: tpt.FuzzyDate
    ) -> None:
        whole = date.whole_months()

        assert (date.earliest.year, date.earliest.month, 1) == (
            whole.earliest.year,
            whole.earliest.month,
            whole.earliest.day,
        )
        assert (date.latest.year, date.latest.month, _month_end(date.latest)) == (
            whole.latest.year,
            whole.latest.month,
            whole.latest.day,
        )
        assert (pendulum.Date, pendulum.Date) == (type(whole.earliest), type(whole.latest))

    @given(fuzzy_dates(years))
    def test_whole_months_contains_the_span(self, date: tpt.FuzzyDate) -> None:
        whole = date.whole_months()

        assert whole.contains(date.earliest)
        assert whole.contains(date.latest)

    @given(fuzzy_dates(years))
    def test_whole_months_is_idempotent(self, date: tpt.FuzzyDate) -> None:
        assert date.whole_months() == date.whole_months().whole_months()

    @given(whole_month_spans())
    def test_a_span_of_whole_months_is_its_own_whole_months(self, date: tpt.FuzzyDate) -> None:
        assert date == date.whole_months()

    def test_a_day_widens_to_its_month(self) -> None:
        assert tpt.FuzzyDate.month(2024, 2) == tpt.FuzzyDate.day(2024, 2, 14).whole_months()


class TestInvalidDate:
    """
    InvalidDate is one of the library's model errors and a ValueError.
    """

    def test_invalid_date_is_an_invalid_model_error(self) -> None:
        assert issubclass(tpt.InvalidDate, tpt.InvalidModel)

    def test_invalid_date_is_a_twoplustwo_error_and_a_value_error(self) -> None:
        assert issubclass(tpt.InvalidDate, tpt.Error)
        assert issubclass(tpt.InvalidDate, ValueError)

    def test_invalid_date_is_the_one_in_the_exceptions_module(self) -> None:
        assert tpt.exceptions.InvalidDate is tpt.InvalidDate


class TestDescribeEveryWeek:
    """
    describe() names each numbered week of a month by its ordinal numeral.
    """

    @pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
    def test_week_n_of_a_month_is_described_with_its_numeral(self, number: int) -> None:
        date = _span(f"2022-03-{7 * number - 6:02d}", f"2022-03-{min(7 * number, 31):02d}")
        assert f"{ORDINAL_NUMERALS[number - 1]} week of March 2022" == date.describe()


class TestSpanPhrases:
    """A phrase "X to Y" has exactly two ends."""

    def test_a_third_end_is_refused(self) -> None:
        with pytest.raises(tpt.InvalidDate, match="has more than one 'to'"):
            tpt.FuzzyDate.from_text("6 January 2022 to 1 January 2022 to 20 January 2022")


class TestRelativePhrases:
    """Given the day an article was published, from_text reads what it says relative to it."""

    DAY = pendulum.Date(2021, 12, 24)  # a Friday

    @pytest.mark.parametrize(
        ("phrase", "ahead", "expected"),
        [
            ("today", True, "2021-12-24"),
            ("tomorrow", True, "2021-12-25"),
            ("yesterday", False, "2021-12-23"),
            ("on Monday", True, "2021-12-27"),
            ("Monday", False, "2021-12-20"),
            ("on Friday", True, "2021-12-24"),
            ("this week", True, "2021-12-20/2021-12-26"),
            ("next week", True, "2021-12-27/2022-01-02"),
            ("last week", False, "2021-12-13/2021-12-19"),
            ("this month", True, "2021-12"),
            ("next month", True, "2022-01"),
            ("last month", False, "2021-11"),
            ("later this month", True, "2021-12-24/2021-12-31"),
            ("later this year", True, "2021-12-24/2021-12-31"),
            ("next year", True, "2022"),
            ("early next year", True, "2022-01-01/2022-04-30"),
            ("the first half of next year", True, "2022-01-01/2022-06-30"),
            ("in March 2023", True, "2023-03"),
            ("the first week of December", True, "2022-12-01/2022-12-07"),
            ("the first week of December", False, "2021-12-01/2021-12-07"),
            ("3rd week of January", True, "2022-01-15/2022-01-21"),
            ("September", False, "2021-09"),
            ("February", False, "2021-02"),
            ("mid-December", False, "2021-12-11/2021-12-20"),
            ("30 December", False, "2020-12-30"),
        ],
    )
    def test_a_phrase_relative_to_the_day(self, phrase: str, ahead: bool, expected: str) -> None:
        found = tpt.FuzzyDate.from_text(phrase, relative_to=self.DAY, ahead=ahead)
        assert str(found) == expected

    def test_a_phrase_it_cannot_read_is_still_an_invalid_date(self) -> None:
        with pytest.raises(tpt.InvalidDate):
            tpt.FuzzyDate.from_text("some day soon", relative_to=self.DAY)


class TestDayNumbers:
    """days_after and days_between count whole days as pendulum does, and give its Date."""

    @given(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.integers(-40_000, 40_000))
    def test_they_undo_each_other_and_agree_with_pendulum(self, day: dt.date, days: int) -> None:
        later = _dates.days_after(day, days)
        assert pendulum.Date is type(later)
        assert pendulum.Date(day.year, day.month, day.day).add(days=days) == later
        assert days == _dates.days_between(day, later)
