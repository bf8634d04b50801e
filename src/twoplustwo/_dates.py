"""
Dates as the news gives them: a day, a month, a week of a month, a year, or a span of days.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

import attrs
import pendulum

from twoplustwo._validators import show
from twoplustwo.exceptions import InvalidDate

# English names, whatever the locale: the news we read and write is in English.
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS: Final = {
    name.lower()[:size]: number
    for number, name in enumerate(MONTH_NAMES, start=1)
    for size in (3, len(name))
} | {"sept": 9}
_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

_ORDINAL_WEEKS: Final = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
}

_PART_OF_MONTH: Final = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

_YEAR = r"(?P<year>[0-9]{4})"
_MONTH = r"(?P<month>[a-z]+)\.?"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_PHRASES: Final = (
    ("month", rf"{_MONTH}(?: {_YEAR})?"),
    ("day", rf"{_DAY}(?: of)? {_MONTH}(?: {_YEAR})?"),
    ("day", rf"{_MONTH} {_DAY}(?: {_YEAR})?"),
    ("week", rf"(?:the )?(?P<week>[a-z0-9]+) week of {_MONTH}(?: {_YEAR})?"),
    ("part", rf"(?P<part>early|mid|late)(?: |-){_MONTH}(?: {_YEAR})?"),
)


@functools.lru_cache(maxsize=32)
def _regex(pattern: str) -> re.Pattern[str]:
    """
    Compile a pattern of the phrase reader on first use: reading JSON needs none of them.
    """
    return re.compile(pattern)


_ISO_YEAR = re.compile(r"[0-9]{4}")
_ISO_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


FIRST_DAY: Final = pendulum.Date(1900, 1, 1)
"""The first day a date of the model may fall on."""

LAST_DAY: Final = pendulum.Date(2199, 12, 31)
"""The last day a date of the model may fall on."""

RANGE: Final = f"{FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
"""The days of the model, as a message says them."""


def in_range(value: dt.date) -> pendulum.Date:
    """
    Accept a ``datetime.date`` from 1900-01-01 to 2199-12-31 and return it as a pendulum.Date.

    The converter of every date of the model: dates outside those three centuries are
    refused, so that no calculation on them (a window a year on, a weekday) leaves the
    calendar.

    Raises:
        InvalidDate: ``value`` is not a date, or lies outside the range.
    """
    day = to_date(value)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidDate(f"{day.isoformat()} is outside the dates twoplustwo reads, {RANGE}")
    return day


def to_date(value: dt.date) -> pendulum.Date:
    """
    Accept a ``datetime.date`` (not a datetime) and return it as a ``pendulum.Date``.

    The parameter's type is what callers may pass; other values are refused all the same.
    """
    if type(value) is pendulum.Date:
        return value
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidDate(f"expected a date, got {show(value)}")
    return pendulum.Date(value.year, value.month, value.day)


def days_between(earlier: dt.date, later: dt.date) -> int:
    """
    Return the days from ``earlier`` to ``later``, negative if ``later`` comes first.

    Day numbers, not pendulum's intervals: the calculator counts days many thousand times.
    """
    return later.toordinal() - earlier.toordinal()


def days_after(day: dt.date, days: int) -> pendulum.Date:
    """
    Return the day ``days`` after ``day`` (before it, if ``days`` is negative).
    """
    return pendulum.Date.fromordinal(day.toordinal() + days)


def _label(*parts: int) -> str:
    """
    Write year, month and day as "'2018-09-06'", or show them one by one if they are huge.
    """
    if all(type(part) is int and part.bit_length() <= 4000 for part in parts):
        year, *rest = parts
        return repr("-".join([f"{year:04d}", *(f"{part:02d}" for part in rest)]))
    return "-".join(show(part) for part in parts)


def _make_date(year: int, month: int, day: int, label: str | None = None) -> pendulum.Date:
    """
    Return the day, or raise InvalidDate quoting ``label`` (the numbers, if not given).
    """
    try:
        return pendulum.Date(year, month, day)
    except (ValueError, OverflowError, TypeError):
        shown = _label(year, month, day) if label is None else label
        raise InvalidDate(f"{shown} is not a calendar date") from None


def _month_end(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def _check_order(
    instance: FuzzyDate, attribute: attrs.Attribute[pendulum.Date], value: pendulum.Date
) -> None:
    if value < instance.earliest:
        first = instance.earliest.isoformat()
        raise InvalidDate(f"FuzzyDate.latest={value.isoformat()} is before earliest={first}")


@attrs.frozen(order=True, repr=False)
class FuzzyDate:
    """
    A span of days within which something happened or is to happen.

    A single day is a span whose ends coincide. Spans order by ``(earliest, latest)``.

    Attributes:
        earliest: The first day the date may fall on.
        latest: The last day the date may fall on; never before ``earliest``.
    """

    earliest: pendulum.Date = attrs.field(converter=in_range)
    latest: pendulum.Date = attrs.field(converter=in_range, validator=_check_order)

    @classmethod
    def day(cls, year: int, month: int, day: int) -> FuzzyDate:
        """
        Return the span of one calendar day.

        Raises:
            InvalidDate: The day does not exist.
        """
        date = _make_date(year, month, day)
        return cls(date, date)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        """
        Return the span of one whole calendar month.

        Raises:
            InvalidDate: The month does not exist.
        """
        first = _make_date(year, month, 1, _label(year, month))
        return cls(first, first.add(days=_month_end(year, month) - 1))

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        """
        Return the span of one whole calendar year.

        Raises:
            InvalidDate: The year is outside 1-9999.
        """
        label = _label(year)
        return cls(_make_date(year, 1, 1, label), _make_date(year, 12, 31, label))

    @classmethod
    def between(cls, earliest: dt.date, latest: dt.date) -> FuzzyDate:
        """
        Return the span from ``earliest`` to ``latest``, both included.

        Raises:
            InvalidDate: ``latest`` is before ``earliest``, or either is not a date.
        """
        return cls(earliest, latest)

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """
        Read the EDTF subset twoplustwo writes.

        That is a year (``2018``), a month (``2018-09``), a day (``2018-09-06``), or an
        interval of two of those (``2022-01-15/2022-01-21``). ``parse(str(x)) == x`` always.

        Raises:
            InvalidDate: The text is not one of those forms or names no real date.
        """
        if not isinstance(text, str):
            raise InvalidDate(f"expected a date string, got {show(text)}")
        return _parse_text(text)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        year: int | None = None,
        relative_to: dt.date | None = None,
        ahead: bool = True,
    ) -> FuzzyDate:
        """
        Read an English date phrase as the news writes it.

        Understood: ``September 2018``, ``6 December 2021``, ``December 6, 2021``,
        ``6th of December 2021``, ``first week of December 2021``, ``3rd week of January``,
        ``last week of February 2024``, ``early/mid/late January 2022`` and ``mid-January``;
        parts of a year: ``early 2026`` (January to April), ``mid-2026`` (May to August),
        ``late 2026`` (September to December), ``the first half of 2026`` and ``second half of
        2026``; spans of days such as ``26-27 October 2020`` and ``30 November-2 December
        2025`` (with a hyphen or a dash),
        ``December 6 to 7, 2021`` and ``30 November to 1 December 2019`` (an end that leaves out
        the month or year takes it from the other end); and ISO days and intervals
        (``2007-06-06``, ``2020-10-26/2020-10-27``).
        Week N of a month is days 7N-6 to 7N (a fifth week runs from the 29th to the month's
        end); the last week is the month's final seven days; early, mid and late are days
        1-10, 11-20 and 21 to the end.

        Given ``relative_to`` (the day the text was published), relative phrases are read too:
        ``today``, ``tomorrow``, ``yesterday``, a weekday (``on Monday``), ``this week``,
        ``next week``, ``last week``, ``this month``, ``next month``, ``last month``, ``this
        year``, ``next year``, ``last year``, ``later this year`` and their parts (``early next
        year``, ``the first half of next year``); and a phrase without a year (``the first week
        of December``) takes the year that puts it next after that day, or last before it if
        not ``ahead``. A weekday is the next one from that day (or the last one up to it).

        Args:
            text: The phrase.
            year: The year to use when the phrase names none.
            relative_to: The day relative phrases count from, such as a publication day.
            ahead: Whether the phrase looks forward from ``relative_to`` (an announcement)
                or back (a report of what was held).

        Raises:
            InvalidDate: The phrase is not understood, names no real date, or has no year
                and none was given.
        """
        if not isinstance(text, str):
            raise InvalidDate(f"expected a date phrase, got {show(text)}")
        normal = " ".join(text.replace(",", " ").lower().split())
        if relative_to is not None:
            return _relative(normal, text, to_date(relative_to), ahead=ahead)
        if _regex(_ISO_TEXT).fullmatch(normal):
            return _parse_text(normal)
        if found := _part_of_year(normal):
            return found
        normal = _regex(_DASHES).sub(" to ", _regex(_DAY_RANGE).sub(r"\1 to ", normal))
        normal = _regex(_MONTH_RANGE).sub(r"\1 to ", normal)
        start, to, end = normal.partition(" to ")
        if to:
            if " to " in end:
                raise InvalidDate(f"{show(text)} has more than one 'to'; a span has two ends")
            return _span(start, end, year, text)
        for kind, pattern in _PHRASES:
            match = _regex(pattern).fullmatch(normal)
            if match is not None:
                return _from_match(kind, match.groupdict(), year, text)
        raise InvalidDate(f"cannot read {show(text)} as a date; {_FORMS}")

    def __repr__(self) -> str:
        return f"FuzzyDate.parse({str(self)!r})"

    def __str__(self) -> str:
        """
        Return the shortest canonical EDTF form that is exact.
        """
        return _canonical(self.earliest, self.latest)

    def describe(self) -> str:
        """
        Return the span as an English phrase that :meth:`from_text` reads back exactly.

        For example ``6 September 2018``, ``September 2018``, ``3rd week of January 2022``,
        ``last week of February 2024``, ``late January 2022`` or ``2018``.
        """
        first, last = self.earliest, self.latest
        if first == last:
            return _day_phrase(first)
        whole = _whole(first, last)
        if whole == "year":
            return f"{first.year:04d}"
        if whole == "month":
            return f"{MONTH_NAMES[first.month - 1]} {first.year:04d}"
        if (first.year, first.month) == (last.year, last.month):
            phrase = _part_phrase(first.day, last.day, _month_end(last.year, last.month))
            if phrase is not None:
                return f"{phrase} {MONTH_NAMES[first.month - 1]} {first.year:04d}".replace(
                    "mid ", "mid-"
                )
        return f"{_day_phrase(first)} to {_day_phrase(last)}"

    def phrase(self) -> str:
        """
        Describe the span for the middle of a sentence: ``the 3rd week of January 2022``.

        That is :meth:`describe`, with "the" before a week of a month.
        """
        described = self.describe()
        return f"the {described}" if "week of" in described else described

    @property
    def is_exact(self) -> bool:
        """
        Whether the span is a single day.
        """
        return self.earliest == self.latest

    def definitely_before(self, other: FuzzyDate) -> bool:
        """
        Return whether every day of this span comes before every day of ``other``.
        """
        return self.latest < other.earliest

    def overlaps(self, other: FuzzyDate) -> bool:
        """
        Return whether the two spans share at least one day.
        """
        return self.earliest <= other.latest and other.earliest <= self.latest

    def contains(self, date: dt.date) -> bool:
        """
        Return whether ``date`` falls within the span.
        """
        day = to_date(date)
        return self.earliest <= day <= self.latest

    def shift(self, *, months: int) -> FuzzyDate:
        """
        Move the span by a number of calendar months.

        A span of whole months stays a span of whole months (February 2020 shifted by one
        is all of March 2020). Other ends move by ``months`` and are clamped to the end of a
        shorter month (31 January shifted by one is 28 or 29 February).

        Raises:
            InvalidDate: The result would leave the years 1900-2199.
        """
        try:
            first = self.earliest.add(months=months)
            last = self.latest.add(months=months)
        except (ValueError, OverflowError):
            first = last = LAST_DAY.add(days=1)
        if not FIRST_DAY <= first <= last <= LAST_DAY:
            raise InvalidDate(f"{self} shifted by {months} months leaves the calendar ({RANGE})")
        if self.earliest.day == 1 and self.latest.day == _month_end(
            self.latest.year, self.latest.month
        ):
            last = last.add(days=_month_end(last.year, last.month) - last.day)
        return FuzzyDate(first, last)

    def whole_months(self) -> FuzzyDate:
        """
        Return the smallest span of whole calendar months that contains this one.
        """
        first = self.earliest.replace(day=1)
        last = self.latest.replace(day=_month_end(self.latest.year, self.latest.month))
        return FuzzyDate(first, last)


@functools.lru_cache(maxsize=4096)
def _canonical(first: pendulum.Date, last: pendulum.Date) -> str:
    """
    Write a span in EDTF; cached, as documents repeat their dates.
    """
    if first == last:
        return first.isoformat()
    whole = _whole(first, last)
    if whole == "year":
        return f"{first.year:04d}"
    if whole == "month":
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def _whole(first: pendulum.Date, last: pendulum.Date) -> str | None:
    """
    Return "year" or "month" if the span is exactly one calendar year or month, else None.
    """
    if first.day == 1 and last.day == _month_end(last.year, last.month):
        if first.year == last.year and first.month == 1 and last.month == 12:
            return "year"
        if (first.year, first.month) == (last.year, last.month):
            return "month"
    return None


@functools.lru_cache(maxsize=4096)
def _parse_text(text: str) -> FuzzyDate:
    """
    Parse an EDTF string; cached, as documents repeat their dates and FuzzyDate is immutable.
    """
    start, slash, end = text.partition("/")
    if not slash:
        return _parse_single(text)
    first, last = _parse_single(start, whole=text), _parse_single(end, whole=text)
    if last.latest < first.earliest:
        raise InvalidDate(f"{show(text)} is a reversed interval")
    return FuzzyDate(first.earliest, last.latest)


def _parse_single(text: str, whole: str | None = None) -> FuzzyDate:
    shown = whole if whole is not None else text
    if _ISO_YEAR.fullmatch(text):
        return FuzzyDate.year(int(text))
    if match := _ISO_MONTH.fullmatch(text):
        year, month = (int(part) for part in match.groups())
        if year == 0 or not 1 <= month <= 12:
            raise InvalidDate(f"{show(shown)} names no real month")
        return FuzzyDate.month(year, month)
    if match := _ISO_DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return FuzzyDate.day(year, month, day)
    raise InvalidDate(f"{show(shown)} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or A/B")


def _from_match(kind: str, parts: dict[str, str | None], year: int | None, text: str) -> FuzzyDate:
    month = _MONTHS.get(str(parts["month"]))
    if month is None:
        raise InvalidDate(f"{show(text)} names no month")
    if parts["year"] is not None:
        year = int(parts["year"])
    if year is None:
        raise InvalidDate(f"{show(text)} names no year and no year= was given")
    if not 1 <= year <= 9999:
        raise InvalidDate(f"year {year} of {show(text)} is outside 1-9999")
    last_day = _month_end(year, month)
    if kind == "month":
        return FuzzyDate.month(year, month)
    if kind == "day":
        date = _make_date(year, month, int(str(parts["day"])), show(text))
        return FuzzyDate(date, date)
    if kind == "week":
        return _week(str(parts["week"]), year, month, last_day, text)
    low, high = _PART_OF_MONTH[str(parts["part"])]
    return FuzzyDate.between(
        pendulum.Date(year, month, low), pendulum.Date(year, month, min(high, last_day))
    )


_ISO_TEXT: Final = r"[0-9]{4}(?:-[0-9]{2}){0,2}(?:/[0-9]{4}(?:-[0-9]{2}){0,2})?"
_DAY_RANGE: Final = r"\b([0-9]{1,2}(?:st|nd|rd|th)?)\s*-\s*(?=[0-9]{1,2}(?:st|nd|rd|th)?\b)"
_DASHES: Final = r"\s*[\u2013\u2014]\s*"
_MONTH_RANGE: Final = r"\b([a-z]{3,}\.?)\s*-\s*(?=[0-9])"
_YEAR_PART: Final = r"(?:the )?(?P<part>early|mid|late)(?: |-)(?P<year>[0-9]{4})"
_HALF: Final = r"(?:the )?(?P<half>first|second|1st|2nd) half of (?P<year>[0-9]{4})"
_PARTS_OF_YEAR: Final = {
    "early": (1, 4),
    "mid": (5, 8),
    "late": (9, 12),
    "first": (1, 6),
    "1st": (1, 6),
    "second": (7, 12),
    "2nd": (7, 12),
}
"""The months each part of a year spans: thirds for early, mid and late, and halves."""
_BARE_DAY: Final = r"([0-9]{1,2})(?:st|nd|rd|th)?(?: ([0-9]{4}))?"
_FORMS: Final = (
    "it reads phrases such as '6 September 2018', 'September 6, 2018', 'September 2018', "
    "'3rd week of January 2022', 'mid-January', '26-27 October 2020', "
    "'30 November to 1 December 2019' and ISO days such as '2018-09-06'"
)


_WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR_WORDS: Final = r"\b(this|next|last) year\b"
_MONTH_WORDS: Final = r"(this|next|last) month"
_WEEK_WORDS: Final = r"(this|next|last) week"
_STEP: Final = {"this": 0, "next": 1, "last": -1}


def _relative(  # noqa: PLR0911 - one return for each kind of phrase
    normal: str, text: str, day: pendulum.Date, *, ahead: bool
) -> FuzzyDate:
    """
    Read ``normal`` (lower case, single spaces) as a phrase relative to ``day``.
    """
    normal = normal.removeprefix("on ").removeprefix("in ").removeprefix("the ")
    single = {"today": 0, "tomorrow": 1, "yesterday": -1}.get(normal)
    if single is not None:
        found = day.add(days=single)
        return FuzzyDate(found, found)
    if normal.rstrip("s") in _WEEKDAYS:
        wanted = _WEEKDAYS.index(normal.rstrip("s"))
        shift = (wanted - day.weekday()) % 7 if ahead else -((day.weekday() - wanted) % 7)
        found = day.add(days=shift)
        return FuzzyDate(found, found)
    if match := _regex(_WEEK_WORDS).fullmatch(normal):
        monday = day.subtract(days=day.weekday()).add(weeks=_STEP[match[1]])
        return FuzzyDate(monday, monday.add(days=6))
    if match := _regex(_MONTH_WORDS).fullmatch(normal):
        first = day.start_of("month").add(months=_STEP[match[1]])
        return FuzzyDate.month(first.year, first.month)
    if normal == "later this year":
        return FuzzyDate(day, pendulum.Date(day.year, 12, 31))
    if normal == "later this month":
        return FuzzyDate(day, day.end_of("month"))
    normal = _regex(_YEAR_WORDS).sub(lambda m: str(day.year + _STEP[m[1]]), normal)
    if re.search(r"[0-9]{4}", normal):
        return FuzzyDate.from_text(normal)
    this_year = FuzzyDate.from_text(normal, year=day.year)
    if ahead and this_year.latest < day:
        return FuzzyDate.from_text(normal, year=day.year + 1)
    if not ahead and this_year.earliest > day:
        return FuzzyDate.from_text(normal, year=day.year - 1)
    return this_year


def _part_of_year(normal: str) -> FuzzyDate | None:
    """
    Read "early 2026", "mid-2026", "late 2026" or "the first half of 2026"; None otherwise.
    """
    match = _regex(_YEAR_PART).fullmatch(normal) or _regex(_HALF).fullmatch(normal)
    if match is None:
        return None
    part = match.groupdict().get("part") or match["half"]
    first, last = _PARTS_OF_YEAR[part]
    year = int(match["year"])
    return FuzzyDate.between(
        _make_date(year, first, 1), _make_date(year, last, _month_end(year, last))
    )


def _span(start: str, end: str, year: int | None, text: str) -> FuzzyDate:
    """
    Read the two ends of a span; an end without a month or year takes it from the other.
    """
    bare = _regex(_BARE_DAY).fullmatch(end)
    if bare is not None:  # "December 6 to 7, 2021": the end is a day, and perhaps the year
        month = next((w for w in start.split() if w.rstrip(".") in _MONTHS), None)
        if month is None:
            raise InvalidDate(f"cannot read {show(text)} as a date: it names no month")
        end = f"{bare[1]} {month} {bare[2] or ''}".strip()
    last = FuzzyDate.from_text(end, year=year)
    if _regex(_BARE_DAY).fullmatch(start):  # "6 to 7 December 2021": the start is a day alone
        start = f"{start} {MONTH_NAMES[last.earliest.month - 1]}"
    first = FuzzyDate.from_text(start, year=last.earliest.year)
    crossing = (first.earliest.month, last.earliest.month) == (12, 1)
    if last.latest < first.earliest and crossing and not re.search(r"[0-9]{4}", start):
        # "30 December to 2 January 2020": the start is in the year before
        first = FuzzyDate.from_text(start, year=last.earliest.year - 1)
    if last.latest < first.earliest:
        raise InvalidDate(f"{show(text)} is a reversed span")
    return FuzzyDate(first.earliest, last.latest)


def _week(word: str, year: int, month: int, last_day: int, text: str) -> FuzzyDate:
    if word == "last":
        return FuzzyDate.between(
            pendulum.Date(year, month, last_day - 6), pendulum.Date(year, month, last_day)
        )
    number = _ORDINAL_WEEKS.get(word)
    if number is None:
        raise InvalidDate(f"{show(text)} names no week of a month")
    first = 7 * number - 6
    if first > last_day:
        raise InvalidDate(f"{show(text)}: that month has no week {number}")
    return FuzzyDate.between(
        pendulum.Date(year, month, first), pendulum.Date(year, month, min(7 * number, last_day))
    )


def _day_phrase(date: pendulum.Date) -> str:
    return f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year:04d}"


def _part_phrase(low: int, high: int, last_day: int) -> str | None:
    """
    Name the part of a month that days ``low`` to ``high`` make, if they make one.
    """
    for word, number in (("1st", 1), ("2nd", 2), ("3rd", 3), ("4th", 4), ("5th", 5)):
        if (low, high) == (7 * number - 6, min(7 * number, last_day)):
            return f"{word} week of"
    if (low, high) == (last_day - 6, last_day):
        return "last week of"
    for word, (start, end) in _PART_OF_MONTH.items():
        if (low, high) == (start, min(end, last_day)):
            return word
    return None
