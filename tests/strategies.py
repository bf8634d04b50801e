"""
Every hypothesis strategy the tests use, built to reach the edges: month ends, leap days,
year boundaries, unicode names, empty and long tuples.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import Any

import pendulum
import pycountry
from hypothesis import strategies as st

import twoplustwo as tpt

EDGE_DAYS = tuple(
    pendulum.Date(*ymd)
    for ymd in [
        (2000, 2, 29),
        (2024, 2, 29),
        (1900, 2, 28),
        (2021, 2, 28),
        (2021, 12, 31),
        (2022, 1, 1),
        (2021, 1, 31),
        (2021, 4, 30),
        (1, 1, 1),
        (9999, 12, 31),
    ]
)

CODES = tuple(sorted(c.alpha_2 for c in pycountry.countries))
ZONES = (
    "Asia/Kolkata",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Moscow",
    "Europe/London",
    "UTC",
)


def pdate(value: dt.date) -> pendulum.Date:
    return pendulum.Date(value.year, value.month, value.day)


def days(
    min_value: dt.date = dt.date(1900, 1, 1), max_value: dt.date = dt.date(2100, 12, 31)
) -> st.SearchStrategy[pendulum.Date]:
    """
    Days as pendulum.Date, with the edge days in range drawn often.
    """
    low, high = (dt.date(d.year, d.month, d.day) for d in (min_value, max_value))
    edges = [d for d in EDGE_DAYS if low <= d <= high]
    plain = st.dates(low, high).map(pdate)
    return st.one_of(st.sampled_from(edges), plain) if edges else plain


years = st.integers(1, 9999)
months = st.integers(1, 12)
common_years = st.integers(1900, 2100)


@st.composite
def fuzzy_dates(draw: st.DrawFn, years: st.SearchStrategy[int] = common_years) -> tpt.FuzzyDate:
    """
    FuzzyDates of every shape: days, weeks, parts of months, months, years, free spans.
    """
    year, month = draw(years), draw(months)
    last = calendar.monthrange(year, month)[1]
    kind = draw(st.sampled_from(["day", "week", "part", "month", "year", "span"]))
    if kind == "day":
        return tpt.FuzzyDate.day(year, month, draw(st.integers(1, last)))
    if kind == "week":
        word = draw(
            st.sampled_from(["1st", "2nd", "3rd", "4th", "last"] + (["5th"] if last > 28 else []))
        )
        return tpt.FuzzyDate.from_text(f"{word} week of {calendar.month_name[month]} {year:04d}")
    if kind == "part":
        part = draw(st.sampled_from(["early", "mid", "late"]))
        return tpt.FuzzyDate.from_text(f"{part} {calendar.month_name[month]} {year:04d}")
    if kind == "month":
        return tpt.FuzzyDate.month(year, month)
    if kind == "year":
        return tpt.FuzzyDate.year(year)
    low = draw(days(dt.date(max(year, 1), 1, 1), dt.date(min(year + 2, 9999), 12, 31)))
    high = draw(days(low, dt.date(min(year + 2, 9999), 12, 31)))
    return tpt.FuzzyDate.between(low, high)


names = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
).flatmap(lambda head: st.sampled_from([head, f"{head} {head[::-1]}", f"Dr {head}"]))
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
codes = st.sampled_from(CODES)


def cities(country: str | None = None) -> st.SearchStrategy[tpt.City]:
    return st.builds(
        tpt.City,
        name=names,
        country=st.just(country) if country else codes,
        timezone=st.sampled_from(ZONES),
    )


def countries(code: str | None = None) -> st.SearchStrategy[tpt.Country]:
    code_strategy = st.just(code) if code else codes
    return code_strategy.flatmap(
        lambda c: st.builds(tpt.Country, code=st.just(c), name=names, capital=cities(c))
    )


sources = st.builds(
    tpt.Source,
    title=names,
    published=fuzzy_dates(),
    dateline=st.none() | names,
    url=st.none() | st.just("https://example.org/a"),
)


def ministers(
    country: str | None = None,
    portfolio: tpt.Portfolio | None = None,
    on: tpt.FuzzyDate | None = None,
) -> st.SearchStrategy[tpt.Minister]:
    """
    Ministers; with ``on``, their known term allows them to be in office then.
    """
    if on is None:
        term_start: st.SearchStrategy[Any] = st.none()
        term_end: st.SearchStrategy[Any] = st.none()
    else:
        term_start = st.none() | st.just(
            tpt.FuzzyDate.between(on.earliest.subtract(years=1), on.earliest)
        )
        term_end = st.none() | st.just(tpt.FuzzyDate.between(on.latest, on.latest.add(years=1)))
    return st.builds(
        tpt.Minister,
        name=names,
        country=st.just(country) if country else codes,
        portfolio=st.just(portfolio) if portfolio else st.sampled_from(tpt.Portfolio),
        title=names,
        honorific=st.none() | st.sampled_from(["Dr", "Gen.", "Shri"]),
        term_start=term_start,
        term_end=term_end,
    )


@st.composite
def rotations(draw: st.DrawFn, parties: tuple[tpt.Country, tpt.Country]) -> tpt.Rotation:
    party_codes = [p.code for p in parties]
    kind = draw(st.sampled_from(["alternating", "fixed", "cycle"]))
    if kind == "alternating":
        return tpt.Alternating(first_host=draw(st.none() | st.sampled_from(party_codes)))
    if kind == "fixed":
        return tpt.FixedVenue(venue=draw(st.sampled_from(parties)).capital)
    return tpt.Cycle(
        hosts=tuple(draw(st.lists(st.sampled_from(party_codes), min_size=1, max_size=5)))
    )


@st.composite
def parties(draw: st.DrawFn) -> tuple[tpt.Country, tpt.Country]:
    first, second = draw(st.lists(codes, min_size=2, max_size=2, unique=True))
    return (draw(countries(first)), draw(countries(second)))


@st.composite
def mechanisms(
    draw: st.DrawFn,
    max_rounds: int = 8,
    min_rounds: int = 0,
    rotation: st.SearchStrategy[tpt.Rotation] | None = None,
    pending: bool | None = None,
) -> tpt.Mechanism:
    """
    Valid mechanisms: increasing ordinals (with gaps), dates in order, venues in a party,
    participants one a seat, at most one pending round and only as the last.
    """
    pair = draw(parties())
    count = draw(st.integers(min_rounds, max_rounds))
    ordinal = 0
    start = draw(days(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    rounds = []
    wants_pending = draw(st.booleans()) if pending is None else pending
    portfolios = tuple(draw(st.permutations(list(tpt.Portfolio))))[: draw(st.integers(1, 2))]
    for index in range(count):
        ordinal += draw(st.sampled_from([1, 1, 1, 2]))
        start = start.add(months=draw(st.integers(0, 14)), days=draw(st.integers(0, 20)))
        shape = draw(st.sampled_from(["day", "month", "week"]))
        if shape == "day":
            date = tpt.FuzzyDate(start, start)
        elif shape == "month":
            date = tpt.FuzzyDate.month(start.year, start.month)
        else:
            date = tpt.FuzzyDate(start, start.add(days=6))
        is_last = index == count - 1
        status = (
            draw(st.sampled_from([s for s in tpt.RoundStatus if s is not tpt.RoundStatus.HELD]))
            if is_last and wants_pending
            else tpt.RoundStatus.HELD
        )
        venue = draw(st.none() | st.sampled_from(pair).map(lambda c: c.capital))
        seats = draw(
            st.lists(
                st.tuples(st.sampled_from(pair), st.sampled_from(portfolios)),
                unique_by=lambda seat: (seat[0].code, seat[1]),
                max_size=4,
            )
        )
        participants = tuple(draw(ministers(c.code, p, on=date)) for c, p in seats)
        slipped = tuple(draw(st.lists(fuzzy_dates(), max_size=2)))
        rounds.append(
            tpt.Round(
                ordinal=ordinal,
                status=status,
                date=date,
                venue=venue,
                participants=participants,
                slipped_from=slipped,
                sources=tuple(draw(st.lists(sources, max_size=1))),
                note=draw(st.none() | names),
            )
        )
    return tpt.Mechanism(
        id=draw(slugs),
        name=draw(names),
        parties=pair,
        rotation=draw(rotation if rotation is not None else rotations(pair)),
        cadence_months=draw(st.sampled_from([6, 12, 12, 24, 1, 120])),
        portfolios=portfolios,
        rounds=tuple(rounds),
        topics=tuple(draw(st.lists(names, max_size=3))),
        note=draw(st.none() | names),
        sources=tuple(draw(st.lists(sources, max_size=2))),
    )


@st.composite
def groupings(draw: st.DrawFn) -> tpt.Grouping:
    return tpt.Grouping(
        id=draw(slugs),
        name=draw(names),
        members=tuple(draw(st.lists(codes, min_size=2, max_size=6, unique=True))),
        note=draw(st.none() | names),
        sources=tuple(draw(st.lists(sources, max_size=1))),
    )


@st.composite
def sanction_risks(draw: st.DrawFn) -> tpt.SanctionRisk:
    imposed_by, exposed, third = draw(st.lists(codes, min_size=3, max_size=3, unique=True))
    return tpt.SanctionRisk(
        id=draw(slugs),
        law=draw(names),
        imposed_by=imposed_by,
        exposed=exposed,
        trigger=draw(names),
        status=draw(st.sampled_from(tpt.SanctionStatus)),
        as_of=draw(days()),
        program=draw(st.none() | names),
        counterparty=draw(st.none() | st.just(third)),
        decided_by=draw(st.none() | names),
        sources=tuple(draw(st.lists(sources, max_size=1))),
    )


def _unique_ids(items: list[Any]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


@st.composite
def datasets(draw: st.DrawFn, max_mechanisms: int = 4) -> tpt.Dataset:
    found = _unique_ids(draw(st.lists(mechanisms(max_rounds=5), max_size=max_mechanisms)))
    latest_held = max(
        (r.date.earliest for m in found for r in m.held), default=pendulum.Date(2000, 1, 1)
    )
    return tpt.Dataset(
        as_of=draw(days(latest_held, dt.date(9999, 12, 31))),
        mechanisms=found,
        groupings=_unique_ids(draw(st.lists(groupings(), max_size=2))),
        sanction_risks=_unique_ids(draw(st.lists(sanction_risks(), max_size=2))),
    )


@functools.cache
def _forecastable() -> st.SearchStrategy[tpt.Mechanism]:
    return mechanisms(min_rounds=1)


@st.composite
def forecasts(draw: st.DrawFn) -> tpt.Forecast:
    return tpt.next_round(draw(_forecastable()), as_of=draw(days()))


@st.composite
def backtest_rows(draw: st.DrawFn) -> tpt.BacktestRow:
    pair = draw(parties())
    predicted, actual = draw(st.sampled_from(pair)), draw(st.sampled_from(pair))
    return tpt.BacktestRow(
        ordinal=draw(st.integers(2, 10_000)),
        predicted=predicted,
        actual=actual,
        hit=predicted == actual,
    )


def every_model_object() -> st.SearchStrategy[Any]:
    """
    One object of any public model class.
    """
    return st.one_of(
        fuzzy_dates(years),
        cities(),
        countries(),
        sources,
        ministers(),
        parties().flatmap(rotations),
        mechanisms(),
        mechanisms(max_rounds=1).map(lambda m: m.rounds[0] if m.rounds else m),
        groupings(),
        sanction_risks(),
        datasets(max_mechanisms=2),
        forecasts(),
        backtest_rows(),
    )


@st.composite
def whole_month_spans(
    draw: st.DrawFn, years: st.SearchStrategy[int] = common_years, max_months: int = 36
) -> tpt.FuzzyDate:
    """
    Spans of 1 to ``max_months`` whole calendar months, starting in a year from ``years``.
    """
    first = pendulum.Date(draw(years), draw(months), 1)
    last = first.add(months=draw(st.integers(0, max_months - 1)))
    last_day = calendar.monthrange(last.year, last.month)[1]
    return tpt.FuzzyDate(first, last.replace(day=last_day))


month_shifts = st.integers(-240, 240)
# Single days, whole months and whole years: the FuzzyDates that EDTF names without a slash.
calendar_units = st.one_of(
    days(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: tpt.FuzzyDate(d, d)),
    st.builds(tpt.FuzzyDate.month, years, months),
    st.builds(tpt.FuzzyDate.year, years),
)


# JSON documents, for the tests of the decoder.

JsonPath = tuple[str | int, ...]
"""A place in a JSON document: the keys and indexes that lead to it from the top."""

json_scalars: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
)
json_values: st.SearchStrategy[Any] = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value, as json.loads returns it."""

raw_documents: st.SearchStrategy[str | bytes] = st.text() | st.binary()
"""Any text or bytes at all, mostly not JSON."""


def _json_places(document: Any, place: JsonPath = ()) -> list[tuple[JsonPath, Any]]:
    found = [(place, document)]
    if isinstance(document, dict):
        for key, value in document.items():
            found += _json_places(value, (*place, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += _json_places(value, (*place, index))
    return found


def _json_set(document: Any, place: JsonPath, value: Any) -> Any:
    if not place:
        return value
    head, rest = place[0], place[1:]
    if isinstance(document, dict):
        return {**document, head: _json_set(document[head], rest, value)}
    index = int(head)
    return [*document[:index], _json_set(document[index], rest, value), *document[index + 1 :]]


@st.composite
def json_edits(draw: st.DrawFn, document: Any) -> tuple[JsonPath, Any]:
    """
    One change to a JSON document, and the place it was made.

    A value is replaced (often by another value from the same document, so that the types
    fit), an object loses or gains a key, or an array loses an item. The document itself is
    left as it was; the changed copy is returned.
    """
    places = _json_places(document)
    place, old = draw(st.sampled_from(places))
    actions = ["replace"]
    if isinstance(old, dict):
        actions += ["add key", "drop key"] if old else ["add key"]
    if isinstance(old, list) and old:
        actions.append("drop item")
    action = draw(st.sampled_from(actions))
    if action == "replace":
        new = draw(json_values | st.sampled_from([value for _, value in places]))
        return place, _json_set(document, place, new)
    if action == "add key":
        key = draw(st.text(max_size=8).filter(lambda k: k not in old))
        return (*place, key), _json_set(document, place, {**old, key: draw(json_values)})
    if action == "drop key":
        key = draw(st.sampled_from(sorted(old)))
        kept = {k: v for k, v in old.items() if k != key}
        return (*place, key), _json_set(document, place, kept)
    index = draw(st.integers(0, len(old) - 1))
    return place, _json_set(document, place, [*old[:index], *old[index + 1 :]])
