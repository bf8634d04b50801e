"""
Build synthetic, valid twoplustwo data for the benchmarks, from a fixed random seed.

Everything is made with the public model, so every invariant holds: capitals lie in their
countries, rounds are in order with only the last pending, venues and participants belong to
the parties, ministers are in office on the day of each round they attend, ids are unique
and no held round lies after the dataset's day. The data looks like the real thing: dates
are days, months, weeks and short spans of days; about 70% of venues are recorded; about 30%
of mechanisms end in a pending round; names have non-ASCII letters; rounds and mechanisms
cite sources. Every key a document can hold turns up: about a quarter of rounds were
announced beforehand (some announcements did not come true), about 10% have ordinals the
record counted, about 10% of mechanisms learn their rotation, some declare no cadence, have
aliases or were checked on a day.

    >>> import builder
    >>> data = builder.dataset(mechanisms=3, rounds=5)
    >>> long = builder.mechanism(rounds=1000)
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Sequence
from typing import Final

import pendulum

import twoplustwo as tpt

SEED: Final = 20211224
"""The seed of every builder unless told otherwise."""

AS_OF: Final = pendulum.Date(2040, 1, 1)
"""The day of every dataset built; no held round lies after it."""

SEATS: Final = 4
"""Seats at a round: two parties, a foreign and a defence minister each."""

# The countries mechanisms are between: code, name, and cities (the capital first).
_COUNTRIES: Final = (
    ("IN", "India", (("New Delhi", "Asia/Kolkata"), ("Mumbai", "Asia/Kolkata"))),
    ("US", "United States", (("Washington", "America/New_York"), ("Honolulu", "Pacific/Honolulu"))),
    ("JP", "Japan", (("Tokyo", "Asia/Tokyo"), ("Ōsaka", "Asia/Tokyo"))),
    ("AU", "Australia", (("Canberra", "Australia/Sydney"), ("Sydney", "Australia/Sydney"))),
    ("RU", "Russia", (("Moscow", "Europe/Moscow"), ("Saint Petersburg", "Europe/Moscow"))),
    ("GB", "United Kingdom", (("London", "Europe/London"),)),
    ("FR", "France", (("Paris", "Europe/Paris"), ("Toulon", "Europe/Paris"))),
    ("DE", "Germany", (("Berlin", "Europe/Berlin"), ("München", "Europe/Berlin"))),
    ("BR", "Brazil", (("Brasília", "America/Sao_Paulo"), ("São Paulo", "America/Sao_Paulo"))),
    ("ZA", "South Africa", (("Pretoria", "Africa/Johannesburg"),)),
    ("KR", "South Korea", (("Seoul", "Asia/Seoul"), ("Busan", "Asia/Seoul"))),
    ("ID", "Indonesia", (("Jakarta", "Asia/Jakarta"), ("Bali", "Asia/Makassar"))),
    ("VN", "Viet Nam", (("Hà Nội", "Asia/Ho_Chi_Minh"),)),
    ("SG", "Singapore", (("Singapore", "Asia/Singapore"),)),
    ("AE", "United Arab Emirates", (("Abu Dhabi", "Asia/Dubai"), ("Dubai", "Asia/Dubai"))),
    ("TR", "Türkiye", (("Ankara", "Europe/Istanbul"), ("İstanbul", "Europe/Istanbul"))),
    ("MX", "Mexico", (("Mexico City", "America/Mexico_City"),)),
    ("CA", "Canada", (("Ottawa", "America/Toronto"), ("Halifax", "America/Halifax"))),
    ("PL", "Poland", (("Warsaw", "Europe/Warsaw"),)),
    ("NZ", "New Zealand", (("Wellington", "Pacific/Auckland"), ("Auckland", "Pacific/Auckland"))),
    ("PH", "Philippines", (("Manila", "Asia/Manila"),)),
    ("EG", "Egypt", (("Cairo", "Africa/Cairo"),)),
)
_CODES: Final = tuple(code for code, _, _ in _COUNTRIES)
_CITIES: Final = {
    code: tuple(tpt.City(name, code, zone) for name, zone in cities)
    for code, _, cities in _COUNTRIES
}
_PARTIES: Final = {code: tpt.Country(code, name, _CITIES[code][0]) for code, name, _ in _COUNTRIES}
_GIVEN: Final = (
    "Sushma", "Rajnath", "Antony", "Penny", "Yoshimasa", "Sergey", "Анна", "Jean-Yves",
    "Annalena", "Mauro", "Naledi", "Jae-myung", "Retno", "Phạm", "Mélanie", "Hakan",
    "Radosław", "Nanaia", "Subrahmanyam", "Lloyd", "Marise", "Nirmala", "José", "Ngozi",
)  # fmt: skip
_FAMILY: Final = (
    "Swaraj", "Singh", "Blinken", "Wong", "Hayashi", "Lavrov", "Шойгу", "Le Drian",
    "Baerbock", "Vieira", "Pandor", "Park", "Marsudi", "Bình Minh", "Joly", "Fidan",
    "Sikorski", "Mahuta", "Jaishankar", "Austin", "Payne", "Müller", "O'Neill", "Ríos",
)  # fmt: skip
_TITLES: Final = {
    tpt.Portfolio.FOREIGN: ("Minister of External Affairs", "Secretary of State",
                            "Minister for Foreign Affairs", "Foreign Secretary"),
    tpt.Portfolio.DEFENCE: ("Minister of Defence", "Secretary of Defense",
                            "Minister for Defence", "Defence Secretary"),
}  # fmt: skip
_TOPICS: Final = (
    "maritime security", "defence industry", "counter-terrorism", "cyber security", "space",
    "critical minerals", "supply chains", "climate", "Indo-Pacific", "nuclear energy",
)  # fmt: skip
_WEEKS: Final = ("1st", "2nd", "3rd", "4th", "last")
_PENDING: Final = (tpt.RoundStatus.SCHEDULED, tpt.RoundStatus.PROPOSED, tpt.RoundStatus.POSTPONED)
_CADENCES: Final = (6, 12, 12, 12, 12, 18, 24)
_MODES: Final = (tpt.Mode.IN_PERSON, tpt.Mode.IN_PERSON, tpt.Mode.VIRTUAL, tpt.Mode.HYBRID)
_LAST_ORDINAL: Final = 9999  # Round.ordinal runs from 1 to 9999


def dataset(
    mechanisms: int = 2000, rounds: int = 20, ministers: int = SEATS, *, seed: int = SEED
) -> tpt.Dataset:
    """
    Build a valid Dataset of ``mechanisms`` mechanisms of ``rounds`` rounds each.

    It also has a grouping for every 100 mechanisms and a sanction risk for every 50.

    Args:
        mechanisms: How many mechanisms.
        rounds: Rounds of each mechanism.
        ministers: Participants in each round, from 0 to 4 (one a seat).
        seed: The random seed; the same arguments always build the same Dataset.

    Raises:
        ValueError: ``ministers`` is not from 0 to 4.
    """
    if not 0 <= ministers <= SEATS:
        raise ValueError(f"ministers={ministers} must be from 0 to {SEATS}")
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    built = tuple(
        _mechanism(rng, number, rounds, ministers, rng.choice(_CADENCES))
        for number in range(mechanisms)
    )
    groupings = tuple(
        tpt.Grouping(
            id=f"group-{number}",
            name=f"Group {number}",
            members=tuple(rng.sample(_CODES, rng.randint(2, 5))),
            note="Meets yearly." if rng.random() < 0.5 else None,
        )
        for number in range(mechanisms // 100 + 1)
    )
    risks = []
    for number in range(mechanisms // 50 + 1):
        imposed_by, exposed, counterparty = rng.sample(_CODES, 3)
        risks.append(
            tpt.SanctionRisk(
                id=f"risk-{number}",
                law="Countering Adversaries Through Sanctions Act",
                imposed_by=imposed_by,
                exposed=exposed,
                trigger="A major purchase of defence equipment",
                status=rng.choice(list(tpt.SanctionStatus)),
                as_of=pendulum.Date(2021, 12, rng.randint(1, 31)),
                program="S-400" if rng.random() < 0.5 else None,
                counterparty=counterparty if rng.random() < 0.5 else None,
                decided_by="The President" if rng.random() < 0.5 else None,
            )
        )
    return tpt.Dataset(AS_OF, built, groupings, tuple(risks))


def mechanism(rounds: int, *, seed: int = SEED) -> tpt.Mechanism:
    """
    Build a valid mechanism of ``rounds`` monthly rounds for the calculator.

    Its rotation alternates and every round is held, so :func:`twoplustwo.next_round`
    forecasts by the rotation; about 30% of the venues are left for the rotation to infer.

    Args:
        rounds: How many rounds; the ordinals leave room for at most about 9,500.
        seed: The random seed; the same arguments always build the same mechanism.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    return _mechanism(
        rng, 0, rounds, SEATS, cadence=1, pending=False, rotation=tpt.Alternating(), plain=True
    )


def _mechanism(  # noqa: PLR0913 - the knobs of one mechanism
    rng: random.Random,
    number: int,
    rounds: int,
    ministers: int,
    cadence: int,
    *,
    pending: bool | None = None,
    rotation: tpt.Rotation | None = None,
    plain: bool = False,
) -> tpt.Mechanism:
    """
    Build one mechanism between two of the known countries; ``None`` means "draw it".

    A ``plain`` one has none of the optional extras: no announcements, counted ordinals,
    aliases or checked day, and its cadence is declared.
    """
    first, second = rng.sample(_CODES, 2)
    parties = (_PARTIES[first], _PARTIES[second])
    if rotation is None:
        rotation = _rotation(rng, (first, second))
    if pending is None:
        pending = rng.random() < 0.3
    declared: int | None = cadence
    checked: pendulum.Date | None = None
    aliases: tuple[str, ...] = ()
    if not plain:
        declared = cadence if rng.random() < 0.85 else None
        checked = AS_OF.subtract(days=rng.randint(0, 400)) if rng.random() < 0.3 else None
        names = (f"{first}{second}MIN", f"{second}\N{EN DASH}{first} 2+2")
        aliases = names[: rng.randint(1, 2)] if rng.random() < 0.2 else ()
    return tpt.Mechanism(
        id=f"{first.lower()}-{second.lower()}-{number}",
        name=f"{parties[0].name}\N{EN DASH}{parties[1].name} 2+2 Ministerial Dialogue",
        parties=parties,
        rotation=rotation,
        cadence_months=declared,
        rounds=_rounds(
            rng, (first, second), rounds, ministers, cadence, pending=pending, plain=plain
        ),
        topics=tuple(rng.sample(_TOPICS, rng.randint(0, 4))),
        note="A synthetic mechanism for the benchmarks." if rng.random() < 0.2 else None,
        sources=_sources(rng, tpt.FuzzyDate.year(2000), ("Geneva", "New York")),
        checked=checked,
        aliases=aliases,
    )


def _rotation(rng: random.Random, codes: tuple[str, str]) -> tpt.Rotation:
    kind = rng.random()
    if kind < 0.6:
        return tpt.Alternating(first_host=rng.choice((None, *codes)))
    if kind < 0.75:
        return tpt.FixedVenue(venue=rng.choice(_CITIES[rng.choice(codes)]))
    if kind < 0.9:
        return tpt.Cycle(hosts=tuple(rng.choice(codes) for _ in range(rng.randint(2, 3))))
    return tpt.Learned()


def _rounds(  # noqa: PLR0913 - the knobs of one series of rounds
    rng: random.Random,
    codes: tuple[str, str],
    count: int,
    ministers: int,
    cadence: int,
    *,
    pending: bool,
    plain: bool = False,
) -> tuple[tpt.Round, ...]:
    """
    Return ``count`` rounds in order, one every ``cadence`` months (now and then one late).

    Ordinals rise, skipping an unrecorded round now and then. Unless ``plain``, some rounds
    were announced beforehand and some ordinals are the record's own count.
    """
    jitter = 1 if cadence > 1 else 0  # a month late now and then, never out of order
    last_year = AS_OF.year - 1 - (count * (cadence + jitter)) // 12
    start = rng.randint(min(1950, last_year), last_year) * 12 + rng.randint(0, 11)
    dates, ordinals, ordinal = [], [], 0
    for index in range(count):
        skip = rng.random() < 0.05 and ordinal + count - index < _LAST_ORDINAL
        ordinal += 2 if skip else 1
        ordinals.append(ordinal)
        year, month = divmod(start + index * cadence + rng.randint(0, jitter), 12)
        dates.append(_fuzzy(rng, year, month + 1))
    seats = [(code, portfolio) for code in codes for portfolio in tpt.Portfolio][:ministers]
    attending: list[list[tpt.Minister]] = [[] for _ in range(count)]
    for code, portfolio in seats:
        for first, last, minister in _tenures(rng, code, portfolio, dates, ongoing=pending):
            for index in range(first, last + 1):
                attending[index].append(minister)
    places = [city.name for code in codes for city in _CITIES[code]]
    rounds = []
    for index, date in enumerate(dates):
        last = pending and index == count - 1
        rounds.append(
            tpt.Round(
                ordinal=ordinals[index],
                status=rng.choice(_PENDING) if last else tpt.RoundStatus.HELD,
                date=date,
                venue=rng.choice(_CITIES[codes[index % 2]]) if rng.random() < 0.7 else None,
                participants=tuple(rng.sample(attending[index], len(attending[index]))),
                sources=_sources(rng, date, places),
                note="Held on the margins of a summit." if rng.random() < 0.15 else None,
                counted=not plain and rng.random() < 0.1,
                announced=() if plain else _announcements(rng, codes, date, places),
            )
        )
    return tuple(rounds)


def _announcements(
    rng: random.Random, codes: tuple[str, str], date: tpt.FuzzyDate, places: Sequence[str]
) -> tuple[tpt.Announcement, ...]:
    """
    Return what the news said of a round before it met: none for about 3 rounds in 4.

    One or two announcements, oldest first, published before the round; now and then one
    announced another month, city or mode than the round had.
    """
    if rng.random() < 0.75:
        return ()
    lead_days = sorted(rng.sample(range(3, 90), rng.randint(1, 2)), reverse=True)
    said = []
    for lead in lead_days:
        day = date.earliest.subtract(days=lead)
        announced = date
        if rng.random() < 0.2:  # it slipped a month
            earlier = date.earliest.subtract(months=1)
            announced = tpt.FuzzyDate.month(earlier.year, earlier.month)
        venue = rng.choice(_CITIES[rng.choice(codes)]) if rng.random() < 0.6 else None
        host = venue.country if venue is not None and rng.random() < 0.5 else None
        said.append(
            tpt.Announcement(
                source=tpt.Source(
                    title="Ministers to meet for the next round of talks",
                    published=tpt.FuzzyDate.day(day.year, day.month, day.day),
                    dateline=rng.choice(places) if rng.random() < 0.5 else None,
                    url=f"https://example.org/news/{rng.randrange(10**9)}",
                ),
                date=announced if rng.random() < 0.9 else None,
                venue=venue,
                host=host if host is not None or rng.random() < 0.8 else rng.choice(codes),
                mode=rng.choice(_MODES) if rng.random() < 0.3 else None,
                note="The date was given by an official." if rng.random() < 0.1 else None,
            )
        )
    return tuple(said)


def _tenures(
    rng: random.Random,
    code: str,
    portfolio: tpt.Portfolio,
    dates: list[tpt.FuzzyDate],
    *,
    ongoing: bool,
) -> list[tuple[int, int, tpt.Minister]]:
    """
    Fill one seat: ministers in turn, each attending one to four rounds in a row.

    Returns (first round index, last round index, minister) for each tenure; each term
    covers the rounds of its tenure. The last term runs on if ``ongoing``, else at random.
    """
    found, first = [], 0
    while first < len(dates):
        last = min(first + rng.randint(1, 4), len(dates)) - 1
        start, end = dates[first].earliest, dates[last].latest
        runs_on = last == len(dates) - 1 and (ongoing or rng.random() < 0.5)
        term_end = None if runs_on else tpt.FuzzyDate.month(end.year, end.month)
        minister = tpt.Minister(
            name=f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
            country=code,
            portfolio=portfolio,
            title=rng.choice(_TITLES[portfolio]),
            honorific=rng.choice((None, None, None, "Dr", "Gen.", "Shri")),
            term_start=tpt.FuzzyDate.month(start.year, start.month) if rng.random() < 0.8 else None,
            term_end=term_end,
            died=term_end if term_end is not None and rng.random() < 0.02 else None,
        )
        found.append((first, last, minister))
        first = last + 1
    return found


def _fuzzy(rng: random.Random, year: int, month: int) -> tpt.FuzzyDate:
    """
    Return a date as the news gives it: mostly a day, else a month, a week or a few days.
    """
    last = calendar.monthrange(year, month)[1]
    shape = rng.random()
    if shape < 0.5:
        return tpt.FuzzyDate.day(year, month, rng.randint(1, last))
    if shape < 0.7:
        return tpt.FuzzyDate.month(year, month)
    if shape < 0.85:
        week = rng.choice(_WEEKS)
        return tpt.FuzzyDate.from_text(f"{week} week of {calendar.month_name[month]} {year}")
    first = rng.randint(1, last - 3)
    return tpt.FuzzyDate.between(
        pendulum.Date(year, month, first), pendulum.Date(year, month, first + rng.randint(1, 3))
    )


def _sources(
    rng: random.Random, around: tpt.FuzzyDate, places: Sequence[str]
) -> tuple[tpt.Source, ...]:
    day = around.latest.add(days=rng.randint(0, 30))
    return tuple(
        tpt.Source(
            title=f"{rng.choice(_TOPICS).capitalize()} on the agenda as ministers meet",
            published=tpt.FuzzyDate.day(day.year, day.month, day.day),
            dateline=rng.choice(places) if rng.random() < 0.6 else None,
            url=f"https://example.org/news/{rng.randrange(10**9)}" if rng.random() < 0.5 else None,
        )
        for _ in range(rng.choice((0, 1, 1, 2)))
    )
