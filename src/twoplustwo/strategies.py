"""
Hypothesis strategies for every public model class, to property-test code that uses twoplustwo.

They generate only valid objects and reach the edges: leap days, month ends, year
boundaries, unicode names, empty and long tuples. Needs the ``testing`` extra
(``pip install 'twoplustwo[testing]'``), which brings in hypothesis::

    from hypothesis import given
    from twoplustwo.strategies import mechanisms

    @given(mechanisms(min_rounds=1))
    def test_my_report_names_the_next_venue(mechanism):
        ...
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
import pendulum
import pycountry

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as missing:  # pragma: no cover - the test extra has hypothesis
    raise ModuleNotFoundError(
        "twoplustwo.strategies needs hypothesis: pip install 'twoplustwo[testing]'",
        name=missing.name,
    ) from None

import twoplustwo as tpt
from twoplustwo._validators import INVISIBLE, country_zones
from twoplustwo.exceptions import UnknownId

T = TypeVar("T")

_EDGE_DAYS = tuple(
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
        (1900, 1, 1),
        (2199, 12, 31),
    ]
)

_CODES = tuple(sorted(c.alpha_2 for c in pycountry.countries))
_PLACED = tuple(code for code in _CODES if code in country_zones())


def _pendulum(value: dt.date) -> pendulum.Date:
    return pendulum.Date(value.year, value.month, value.day)


def days(
    min_value: dt.date = dt.date(1900, 1, 1), max_value: dt.date = dt.date(2100, 12, 31)
) -> st.SearchStrategy[pendulum.Date]:
    """
    Days as pendulum.Date, with the edge days in range drawn often.
    """
    low, high = (dt.date(d.year, d.month, d.day) for d in (min_value, max_value))
    edges = [d for d in _EDGE_DAYS if low <= d <= high]
    plain = st.dates(low, high).map(_pendulum)
    return st.one_of(st.sampled_from(edges), plain) if edges else plain


_MONTHS = st.integers(1, 12)
_COMMON_YEARS = st.integers(1900, 2100)


@st.composite
def fuzzy_dates(  # noqa: PLR0911 - one return for each shape of date
    draw: st.DrawFn, years: st.SearchStrategy[int] = _COMMON_YEARS
) -> tpt.FuzzyDate:
    """
    FuzzyDates of every shape: days, weeks, parts of months, months, years and free spans.

    Args:
        years: The years to draw from (1900-2100 unless given; any of 1900-2199 is valid).
    """
    year, month = draw(years), draw(_MONTHS)
    last = calendar.monthrange(year, month)[1]
    kind = draw(st.sampled_from(["day", "edge", "week", "part", "month", "year", "span"]))
    if kind == "day":
        return tpt.FuzzyDate.day(year, month, draw(st.integers(1, last)))
    if kind == "edge":  # a leap day in a leap year, else the last day of the month
        if calendar.isleap(year):
            return tpt.FuzzyDate.day(year, 2, 29)
        return tpt.FuzzyDate.day(year, month, last)
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
    low = draw(days(dt.date(year, 1, 1), dt.date(min(year + 2, 2199), 12, 31)))
    high = draw(days(low, dt.date(min(year + 2, 2199), 12, 31)))
    return tpt.FuzzyDate.between(low, high)


def _shaped(head: str, shape: int) -> str:
    return (head, f"{head} {head[::-1]}", f"Dr {head}")[shape]


# Bidi embeddings, overrides and isolates, which no text of the model may hold.
_BIDI: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

names = st.builds(
    _shaped,
    st.text(
        alphabet=st.characters(
            exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp"),
            exclude_characters=_BIDI + INVISIBLE,
        ),
        min_size=1,
        max_size=12,
    ),
    st.integers(0, 2),
)
"""Names and titles, one line each, with no control characters and no surrounding whitespace."""


def _joined(head: str, separator: str, tail: str) -> str:
    return f"{head}{separator}{tail}"


notes = names | st.builds(_joined, names, st.sampled_from(["\n", "\t", "\n\n", " \t\n "]), names)
"""Notes, which may also join two names by the tabs and newlines a note may hold."""
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
country_codes = st.sampled_from(_CODES)
"""Every ISO 3166-1 alpha-2 code."""
placed_codes = st.sampled_from(_PLACED)
"""The codes of the countries with a time zone in the tz database, where a city can lie."""


def zones(country: str) -> st.SearchStrategy[str]:
    """
    The time zones of ``country`` in the tz database.
    """
    return st.sampled_from(sorted(country_zones()[country]))


def cities(country: str | None = None) -> st.SearchStrategy[tpt.City]:
    """
    Cities, in ``country`` if given, each in one of its country's time zones.
    """
    code_strategy = st.just(country) if country else placed_codes
    return code_strategy.flatmap(
        lambda c: st.builds(tpt.City, name=names, country=st.just(c), timezone=zones(c))
    )


def countries(code: str | None = None) -> st.SearchStrategy[tpt.Country]:
    """
    Countries with a capital in them; the country with ``code`` if given.
    """
    code_strategy = st.just(code) if code else placed_codes
    return code_strategy.flatmap(
        lambda c: st.builds(tpt.Country, code=st.just(c), name=names, capital=cities(c))
    )


def sources() -> st.SearchStrategy[tpt.Source]:
    """
    Sources, with and without dateline and URL.
    """
    return st.builds(
        tpt.Source,
        title=names,
        published=st.none() | fuzzy_dates(),  # built once, below, for the other strategies
        dateline=st.none() | names,
        url=st.none() | st.sampled_from(_URLS),
        accessed=st.none() | fuzzy_dates(),
    )


_URLS: Final = (
    "https://example.org/a",
    "http://example.org",
    "https://www.mea.gov.in/bilateral-documents.htm?dtl/30358",
    "https://例え.jp/パス#frag",
)
_FUZZY: Final = fuzzy_dates()
_SOURCE: Final = sources()
_START: Final = days(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
_PLAN_PARTS: Final = st.tuples(
    st.none() | _FUZZY,
    st.sampled_from([None, 0, 1]),
    st.sampled_from([None, 0, 1]),
    st.none() | notes,
)
_SLIPS: Final = st.lists(_PLAN_PARTS, max_size=2)
_ANNOUNCEMENT_PARTS: Final = st.tuples(
    _SOURCE,
    st.none() | _FUZZY,
    st.sampled_from([None, 0, 1]),
    st.sampled_from([None, 0, 1]),
    st.none() | st.sampled_from(tpt.Mode),
)
_ANNOUNCED: Final = st.lists(_ANNOUNCEMENT_PARTS, max_size=2)
_UNCERTAIN: Final = st.lists(
    st.tuples(st.sampled_from(tpt.Fact), notes), max_size=3, unique_by=lambda u: u[0]
)
_PLACE_PARTS: Final = st.tuples(
    st.sampled_from(
        [
            tpt.Mode.IN_PERSON,
            tpt.Mode.IN_PERSON,
            tpt.Mode.IN_PERSON,
            tpt.Mode.VIRTUAL,
            tpt.Mode.HYBRID,
        ]
    ),
    st.sampled_from(["none", "capital", "city", "abroad"]),
    st.sampled_from([0, 1]),
    st.sampled_from(["none", "venue", "other"]),
    names,
    placed_codes,
)
_CHANGES: Final = st.lists(
    st.tuples(st.sampled_from(tpt.MechanismStatus), _FUZZY, st.none() | notes), max_size=3
)
_FEW_SOURCES: Final = st.lists(_SOURCE, max_size=1)
_SOME_SOURCES: Final = st.lists(_SOURCE, max_size=2)
_NOTE: Final = st.none() | notes
_COUNTED: Final = st.sampled_from([False, False, True])
_LAST_DAY: Final = dt.date(2199, 12, 31)
_TOPICS: Final = st.lists(names, max_size=3)


def ministers(
    country: str | None = None,
    portfolio: tpt.Portfolio | None = None,
    on: tpt.FuzzyDate | None = None,
) -> st.SearchStrategy[tpt.Minister]:
    """
    Ministers; of ``country`` and ``portfolio`` if given.

    With ``on``, their known term (if any) allows them to be in office on that date.
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
        country=st.just(country) if country else country_codes,
        portfolio=st.just(portfolio) if portfolio else st.sampled_from(tpt.Portfolio),
        title=names,
        honorific=st.none() | st.sampled_from(["Dr", "Gen.", "Shri"]),
        term_start=term_start,
        term_end=term_end,
    )


@st.composite
def rotations(draw: st.DrawFn, parties: tuple[tpt.Country, tpt.Country]) -> tpt.Rotation:
    """
    Rotation policies of every kind that name only ``parties``.
    """
    kind, first, hosts = draw(_ROTATION_PARTS)
    if kind == "alternating":
        return tpt.Alternating(first_host=None if first is None else parties[first].code)
    if kind == "fixed":
        return tpt.FixedVenue(venue=parties[first or 0].capital)
    if kind == "learned":
        return tpt.Learned()
    return tpt.Cycle(hosts=tuple(parties[index].code for index in hosts))


@st.composite
def parties(draw: st.DrawFn) -> tuple[tpt.Country, tpt.Country]:
    """
    Two distinct countries, to be the parties of a mechanism.
    """
    codes, (first, second) = draw(_TWO_CODES), draw(_TWO_PLACES)
    return tuple(
        tpt.Country(code, name, tpt.City(city, code, draw(zones(code))))
        for code, (name, city) in zip(codes, (first, second), strict=True)
    )  # type: ignore[return-value] # two codes make two countries


_TWO_CODES: Final = st.lists(placed_codes, min_size=2, max_size=2, unique=True)
_PLACE: Final = st.tuples(names, names)
_TWO_PLACES: Final = st.tuples(_PLACE, _PLACE)
_ROTATION_PARTS: Final = st.tuples(
    st.sampled_from(["alternating", "fixed", "cycle", "learned"]),
    st.none() | st.sampled_from([0, 1]),
    st.lists(st.sampled_from([0, 1]), min_size=1, max_size=5),
)
_STEP: Final = st.tuples(
    st.sampled_from([1, 1, 1, 2]),
    st.integers(0, 14),
    st.integers(0, 20),
    st.sampled_from(["day", "month", "week"]),
    st.sampled_from([None, 0, 1]),
    st.lists(st.integers(0, 3), unique=True, max_size=4),
)
_PENDING: Final = st.sampled_from([s for s in tpt.RoundStatus if s is not tpt.RoundStatus.HELD])
_MINISTER_PARTS: Final = st.tuples(
    names, names, st.none() | st.sampled_from(["Dr", "Gen.", "Shri"]), st.booleans(), st.booleans()
)
_HEAD: Final = st.tuples(
    st.integers(0, 1), st.booleans(), st.sampled_from([6, 12, 12, 24, 1, 120, None]), slugs, names
)


def _round_date(start: pendulum.Date, shape: str) -> tpt.FuzzyDate:
    if shape == "day":
        return tpt.FuzzyDate(start, start)
    if shape == "month":
        return tpt.FuzzyDate.month(start.year, start.month)
    return tpt.FuzzyDate(start, start.add(days=6))


def _minister(
    parts: tuple[str, str, str | None, bool, bool],
    country: str,
    portfolio: tpt.Portfolio,
    on: tpt.FuzzyDate,
) -> tpt.Minister:
    name, title, honorific, started, ended = parts
    return tpt.Minister(
        name=name,
        country=country,
        portfolio=portfolio,
        title=title,
        honorific=honorific,
        term_start=tpt.FuzzyDate(on.earliest.subtract(years=1), on.earliest) if started else None,
        term_end=tpt.FuzzyDate(on.latest, on.latest.add(years=1)) if ended else None,
    )


@st.composite
def mechanisms(  # noqa: PLR0913 - each keyword narrows one part of the draw
    draw: st.DrawFn,
    *,
    max_rounds: int = 8,
    min_rounds: int = 0,
    rotation: st.SearchStrategy[tpt.Rotation] | None = None,
    pending: bool | None = None,
    changes: bool = True,
) -> tpt.Mechanism:
    """
    Valid mechanisms, with rounds that keep every invariant.

    Ordinals increase (with gaps), dates are in order, venues lie in a party, participants
    fill one seat each, and at most one round is pending, only as the last. Some ordinals
    are marked counted; a checked day, when drawn, is not before any day the mechanism
    dates or any source was read.

    Args:
        max_rounds: The most rounds to draw.
        min_rounds: The fewest rounds to draw.
        rotation: Where to draw the rotation from; by default, any that fits the parties.
        pending: Whether the last round is pending; by default, either.
        changes: Whether to draw status changes (dormant, suspended, ended, active).
    """
    pair = draw(parties())
    count = draw(st.integers(min_rounds, max_rounds))
    both, wants, cadence, slug, name = draw(_HEAD)
    wants_pending = wants if pending is None else pending
    portfolios = (tpt.Portfolio.FOREIGN, tpt.Portfolio.DEFENCE)[: 1 + both]
    seats = [(country.code, portfolio) for country in pair for portfolio in portfolios]
    start = draw(_START)
    ordinal = 0
    rounds = []
    for index in range(count):
        gap, months, days_on, shape, _, chosen = draw(_STEP)
        ordinal += gap
        start = start.add(months=months, days=days_on)
        date = _round_date(start, shape)
        participants = tuple(
            _minister(draw(_MINISTER_PARTS), seats[seat][0], seats[seat][1], date)
            for seat in chosen
            if seat < len(seats)
        )
        rounds.append(
            tpt.Round(
                ordinal=ordinal,
                status=draw(_PENDING)
                if index == count - 1 and wants_pending
                else tpt.RoundStatus.HELD,
                date=date,
                participants=participants,
                slipped_from=tuple(_plan(pair, *parts) for parts in draw(_SLIPS)),
                announced=tuple(_announcement(pair, *parts) for parts in draw(_ANNOUNCED)),
                uncertain=tuple(tpt.Uncertainty(fact, note) for fact, note in draw(_UNCERTAIN)),
                counted=draw(_COUNTED),
                **_place(pair, *draw(_PLACE_PARTS)),
                sources=tuple(draw(_FEW_SOURCES)),
                note=draw(_NOTE),
            )
        )
    found = tpt.Mechanism(
        id=slug,
        name=name,
        parties=pair,
        rotation=draw(rotation if rotation is not None else rotations(pair)),
        cadence_months=cadence,
        portfolios=portfolios,
        rounds=tuple(rounds),
        topics=tuple(draw(_TOPICS)),
        note=draw(_NOTE),
        sources=tuple(draw(_SOME_SOURCES)),
        status_changes=tuple(
            tpt.StatusChange(status, date, note)
            for status, date, note in sorted(draw(_CHANGES) if changes else [], key=lambda c: c[1])
        ),
    )
    return attrs.evolve(found, checked=draw(st.none() | days(_latest(found), _LAST_DAY)))


def _latest(mechanism: tpt.Mechanism) -> pendulum.Date:
    """
    The last day anything of ``mechanism`` is dated, a source read included (or 1900-01-01).
    """
    sources = [
        *mechanism.sources,
        *(s for c in mechanism.status_changes for s in c.sources),
        *(s for r in mechanism.rounds for s in r.sources),
        *(a.source for r in mechanism.rounds for a in r.announced),
    ]
    read = [s.accessed.latest for s in sources if s.accessed is not None]
    return max([*read, *(day for _, day in mechanism.dated())], default=pendulum.Date(1900, 1, 1))


def _plan(
    pair: tuple[tpt.Country, tpt.Country],
    date: tpt.FuzzyDate | None,
    venue: int | None,
    host: int | None,
    note: str | None,
) -> tpt.Plan:
    return tpt.Plan(
        date=date,
        venue=None if venue is None else pair[venue].capital,
        host=None if host is None else pair[host].code,
        note=note,
    )


def _announcement(  # noqa: PLR0913, PLR0917 - the parts of one draw, in the order drawn
    pair: tuple[tpt.Country, tpt.Country],
    source: tpt.Source,
    date: tpt.FuzzyDate | None,
    venue: int | None,
    host: int | None,
    mode: tpt.Mode | None,
) -> tpt.Announcement:
    return tpt.Announcement(
        source=source,
        date=date,
        venue=None if venue is None else pair[venue].capital,
        host=None if host is None else pair[host].code,
        mode=mode,
    )


def _place(  # noqa: PLR0913, PLR0917 - the parts of one draw, in the order drawn
    pair: tuple[tpt.Country, tpt.Country],
    mode: tpt.Mode,
    where: str,
    party: int,
    who: str,
    name: str,
    elsewhere: str,
) -> dict[str, Any]:
    """
    Return mode, venue, host and abroad of a round, consistent with each other.
    """
    country = pair[party]
    venue = {
        "none": None,
        "capital": country.capital,
        "city": tpt.City(name, country.code, country.capital.timezone),
        "abroad": tpt.City(name, elsewhere, min(country_zones()[elsewhere]))
        if elsewhere not in (p.code for p in pair)
        else None,
    }[where if mode is not tpt.Mode.VIRTUAL else "none"]
    host = {"none": None, "venue": country.code, "other": pair[1 - party].code}[who]
    if venue is not None and venue.country not in (p.code for p in pair) and host is None:
        return {"mode": mode, "venue": venue}  # a third country, with no host named
    abroad = host is not None and venue is not None and venue.country != host
    return {"mode": mode, "venue": venue, "host": host, "abroad": abroad}


def rounds() -> st.SearchStrategy[tpt.Round]:
    """
    Rounds, held and pending, as they occur in generated mechanisms.
    """
    # The last round, which alone may be pending, is drawn as often as all the others.
    return mechanisms(min_rounds=1).flatmap(
        lambda m: st.just(m.rounds[-1]) | st.sampled_from(m.rounds)
    )


@st.composite
def groupings(draw: st.DrawFn) -> tpt.Grouping:
    """
    Groupings of two to six distinct countries.
    """
    return tpt.Grouping(
        id=draw(slugs),
        name=draw(names),
        members=tuple(draw(st.lists(country_codes, min_size=2, max_size=6, unique=True))),
        note=draw(st.none() | notes),
        sources=tuple(draw(_FEW_SOURCES)),
    )


@st.composite
def sanction_risks(draw: st.DrawFn) -> tpt.SanctionRisk:
    """
    Sanction risks among two or three distinct countries, in every status.
    """
    imposed_by, exposed, third = draw(st.lists(country_codes, min_size=3, max_size=3, unique=True))
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
        sources=tuple(draw(_FEW_SOURCES)),
    )


def _unique_ids(items: list[Any]) -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


_EARLY: Final = pendulum.Date(2000, 1, 1)


@st.composite
def datasets(draw: st.DrawFn, max_mechanisms: int = 4) -> tpt.Dataset:
    """
    Datasets of up to ``max_mechanisms`` mechanisms, ids unique, nothing dated after as_of.
    """
    found = _unique_ids(draw(st.lists(mechanisms(max_rounds=5), max_size=max_mechanisms)))
    groups = _unique_ids(draw(st.lists(groupings(), max_size=2)))
    risks = _unique_ids(draw(st.lists(sanction_risks(), max_size=2)))
    every = (*found, *groups, *risks)
    latest = max((day for item in every for _, day in item.dated()), default=_EARLY)
    return tpt.Dataset(
        as_of=draw(days(latest, dt.date(2199, 12, 31))),
        mechanisms=found,
        groupings=groups,
        sanction_risks=risks,
    )


@functools.cache
def _forecastable() -> st.SearchStrategy[tpt.Mechanism]:
    return mechanisms(min_rounds=1, changes=False)


@st.composite
def forecasts(draw: st.DrawFn) -> tpt.Forecast:
    """
    Forecasts of generated mechanisms, as of any day.
    """
    return tpt.next_round(draw(_forecastable()), as_of=draw(days()))


@st.composite
def backtest_rows(draw: st.DrawFn) -> tpt.BacktestRow:
    """
    Backtest rows, hits and misses.
    """
    pair = draw(parties())
    predicted, actual = draw(st.sampled_from(pair)), draw(st.sampled_from(pair))
    return tpt.BacktestRow(
        ordinal=draw(st.integers(2, 9999)),
        predicted=predicted,
        actual=actual,
        hit=predicted == actual,
    )


@st.composite
def proposals(draw: st.DrawFn) -> tpt.Proposal:
    """
    Proposals of every status, for a dialogue of the record or a new pair, with evidence.
    """
    pair = draw(parties())
    codes = tuple(sorted(p.code for p in pair))
    venue, host = draw(st.sampled_from([None, 0, 1])), draw(st.sampled_from([None, 0, 1]))
    return tpt.Proposal(
        mechanism=draw(st.none() | slugs),
        parties=codes,
        status=draw(st.sampled_from(tpt.RoundStatus)),
        ordinal=draw(st.none() | st.integers(1, 60)),
        date=draw(st.none() | _FUZZY),
        venue=None if venue is None else pair[venue].capital,
        host=None if host is None else pair[host].code,
        mode=draw(st.none() | st.sampled_from(tpt.Mode)),
        slipped_from=tuple(_plan(pair, *parts) for parts in draw(_SLIPS)),
        evidence=tuple(draw(st.lists(notes, min_size=1, max_size=3))),
        confidence=draw(st.floats(0, 1)),
    )


def for_class(cls: type[T]) -> st.SearchStrategy[T]:
    """
    Return the strategy for a public model class, such as ``for_class(tpt.Mechanism)``.

    Raises:
        UnknownId: ``cls`` is not a public model class.
    """
    factory = _FOR_CLASS.get(cls)
    if factory is None:
        known = tuple(sorted(c.__name__ for c in _FOR_CLASS))
        raise UnknownId("strategy for the class", getattr(cls, "__name__", repr(cls)), known)
    strategy: st.SearchStrategy[T] = factory()
    return strategy


def every_model_object() -> st.SearchStrategy[Any]:
    """
    One object of any public model class.
    """
    return st.one_of([factory() for factory in _FOR_CLASS.values()])


_FOR_CLASS: Final[dict[type, Callable[[], st.SearchStrategy[Any]]]] = {
    tpt.FuzzyDate: lambda: fuzzy_dates(st.integers(1900, 2199)),
    tpt.City: cities,
    tpt.Country: countries,
    tpt.Source: sources,
    tpt.Minister: ministers,
    tpt.Alternating: lambda: (
        st.builds(tpt.Alternating, st.none()) | parties().map(lambda p: tpt.Alternating(p[1].code))
    ),
    tpt.FixedVenue: lambda: parties().map(lambda p: tpt.FixedVenue(p[0].capital)),
    tpt.Learned: lambda: st.just(tpt.Learned()),
    tpt.Cycle: lambda: parties().flatmap(
        lambda p: st.lists(st.sampled_from([c.code for c in p]), min_size=1, max_size=6).map(
            lambda hosts: tpt.Cycle(tuple(hosts))
        )
    ),
    tpt.Round: rounds,
    tpt.Plan: lambda: parties().flatmap(lambda p: _PLAN_PARTS.map(lambda parts: _plan(p, *parts))),
    tpt.Uncertainty: lambda: st.builds(tpt.Uncertainty, st.sampled_from(tpt.Fact), notes),
    tpt.Proposal: proposals,
    tpt.Announcement: lambda: parties().flatmap(
        lambda p: _ANNOUNCEMENT_PARTS.map(lambda parts: _announcement(p, *parts))
    ),
    tpt.StatusChange: lambda: st.builds(
        tpt.StatusChange,
        st.sampled_from(tpt.MechanismStatus),
        _FUZZY,
        st.none() | notes,
        st.lists(_SOURCE, max_size=1).map(tuple),
    ),
    tpt.Mechanism: mechanisms,
    tpt.Grouping: groupings,
    tpt.SanctionRisk: sanction_risks,
    tpt.Dataset: lambda: datasets(max_mechanisms=2),
    tpt.Forecast: forecasts,
    tpt.BacktestRow: backtest_rows,
}
