"""
Benchmark twoplustwo against msgspec, pydantic v2 and a stock cattrs converter.

Run it from the repository root with the ``bench`` extra installed::

    python benchmarks/roundtrip.py                 # 2,000 mechanisms x 20 rounds x 4 ministers
    python benchmarks/roundtrip.py --profile       # and a pyinstrument profile of loads

It builds a synthetic Dataset with the public model (so every invariant holds), from a fixed
random seed, writes it with ``tpt.dumps``, and times, interleaved and repeated, each
contender decoding that same text into typed objects and encoding those objects back to
JSON. It prints medians and the ratios the performance targets are stated in, each with its
target and PASS or MISS; docs/performance.md records a run.

How each contender is made to do the same work as ``tpt.loads`` and ``tpt.dumps``:

twoplustwo
    ``tpt.loads(text, tpt.Dataset, max_size=None)`` and ``tpt.dumps``: the generated
    readers and writers, which check what the strict converter and the attrs validators
    check, and every cross-field invariant of the model. ``loads`` pauses the cyclic
    garbage collector while it builds objects, so the report also times each contender's
    ``loads`` followed by a full collection, which counts any collecting put off.

msgspec (``msgspec.json.Decoder`` / ``Encoder`` on frozen ``msgspec.Struct`` mirrors)
    Checks: the JSON types (ints are not bools, strings are not numbers), unknown keys
    (``forbid_unknown_fields``), the "format" value, enums (the twoplustwo Enum classes),
    country codes against the set of pycountry alpha-2 codes and zones against
    ``zoneinfo.available_timezones()`` (both as ``Literal`` types), slugs by pattern,
    non-empty text, ordinals >= 1 and cadence 1-120, the rotation union by its "kind" tag,
    tuple lengths. Builds: Structs and tuples; days as ``datetime.date`` (msgspec's own ISO
    parser); each FuzzyDate string parsed by a ``dec_hook`` into a ``Span`` of two
    ``datetime.date`` (the same EDTF subset: YYYY, YYYY-MM, YYYY-MM-DD, A/B) and written
    back in canonical form by an ``enc_hook``.

pydantic v2 (``model_validate_json`` / ``model_dump_json`` on frozen ``BaseModel`` mirrors)
    The same checks and objects as the msgspec mirror, in strict mode with
    ``extra="forbid"``; the rotation is a discriminated union on "kind"; FuzzyDate strings go
    through the same parser as a ``PlainValidator`` (and a ``PlainSerializer`` back).

Neither mirror checks what twoplustwo checks across fields or beyond a type: a capital lies
in its country, rounds are in order and only the last may be pending, a round's venue and
participants belong to the parties, one minister a seat, ministers in office on the day,
term_end not before term_start, unique ids, no held round after as_of, text without
surrounding whitespace or lone surrogates, legacy zone names ("EST") refused. Nor do they
reject duplicate keys. So the mirrors do strictly less work: the ratios against them are an
upper bound on what the design costs.

stock cattrs (``cattrs.preconf.json.make_converter()``, no tuning, same attrs classes)
    What had to be added to make it work at all, and nothing else: a structure hook and an
    unstructure hook for ``FuzzyDate`` (``FuzzyDate.parse`` and ``str``), a structure hook
    for ``pendulum.Date`` (the preconf hook for ``datetime.date`` would otherwise be
    used through the subclass and hand the model a ``datetime.date``, which the model
    converts anyway, so this one is for exactness of types only), and the rotation union
    tagged by "kind" (``cattrs.strategies.configure_tagged_union``). To write the same
    document it also needs a Dataset unstructure hook that adds "format"; on the way in the
    stock converter ignores that key (it ignores every unknown key). It is not strict: no
    type checks beyond what attrs validators do, extra keys ignored. The model's validators
    and invariants still run, because they live in the classes.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import gc
import importlib.metadata
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zoneinfo
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, TypeAlias

import attrs
import cattrs
import cattrs.preconf.json
import cattrs.strategies
import msgspec
import pendulum
import pycountry
import pydantic
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import JsonConverter

import twoplustwo as tpt

SEED: Final = 20211224
AS_OF: Final = pendulum.Date(2040, 1, 1)
ROUNDS: Final = 20

# The countries the synthetic mechanisms are between: code, name, and cities (capital first).
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
_GIVEN: Final = (
    "Sushma", "Rajnath", "Antony", "Penny", "Yoshimasa", "Yasukazu", "Sergey", "Анна",
    "Jean-Yves", "Florence", "Annalena", "Boris", "Mauro", "Naledi", "Jae-myung", "Retno",
    "Phạm", "Vivian", "Mélanie", "Hakan", "Marcelo", "Radosław", "Nanaia", "Enrique",
    "Subrahmanyam", "Lloyd", "Marise", "Hayashi", "Nirmala", "Zhang", "José", "Ngozi",
)  # fmt: skip
_FAMILY: Final = (
    "Swaraj", "Singh", "Blinken", "Wong", "Hayashi", "Hamada", "Lavrov", "Шойгу",
    "Le Drian", "Parly", "Baerbock", "Pistorius", "Vieira", "Pandor", "Park", "Marsudi",
    "Bình Minh", "Balakrishnan", "Joly", "Fidan", "Ebrard", "Sikorski", "Mahuta", "Ríos",
    "Jaishankar", "Austin", "Payne", "Sitharaman", "Müller", "O'Neill", "Okonjo-Iweala",
)  # fmt: skip
_TITLES: Final = {
    tpt.Portfolio.FOREIGN: ("Minister of External Affairs", "Secretary of State",
                            "Minister for Foreign Affairs", "Foreign Secretary"),
    tpt.Portfolio.DEFENCE: ("Minister of Defence", "Secretary of Defense",
                            "Minister for Defence", "Defence Secretary"),
}  # fmt: skip
_TOPICS: Final = (
    "maritime security", "defence industry", "counter-terrorism", "cyber security",
    "space", "critical minerals", "supply chains", "climate", "Indo-Pacific", "nuclear energy",
)  # fmt: skip
_WEEKS: Final = ("1st", "2nd", "3rd", "4th", "last")
_PENDING: Final = (tpt.RoundStatus.SCHEDULED, tpt.RoundStatus.PROPOSED, tpt.RoundStatus.POSTPONED)


# --- The synthetic dataset, built with the public model ----------------------------------


def _cities(code: str) -> tuple[tpt.City, ...]:
    _, _, cities = next(c for c in _COUNTRIES if c[0] == code)
    return tuple(tpt.City(name, code, zone) for name, zone in cities)


def _country(code: str) -> tpt.Country:
    name = next(c[1] for c in _COUNTRIES if c[0] == code)
    return tpt.Country(code, name, _cities(code)[0])


def _month(start: tuple[int, int], months: int) -> tuple[int, int]:
    index = start[0] * 12 + start[1] - 1 + months
    return index // 12, index % 12 + 1


def _fuzzy(rng: random.Random, year: int, month: int) -> tpt.FuzzyDate:
    """
    A date as the news gives it: mostly a day, else a month, a week or a span of days.
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


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"


def _sources(rng: random.Random, around: tpt.FuzzyDate, places: Sequence[str]) -> tuple[Any, ...]:
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


def _tenures(rng: random.Random, dates: Sequence[tpt.FuzzyDate]) -> list[tuple[int, int]]:
    """
    Split round indices into consecutive tenures of one to four rounds: (first, last).
    """
    spans, start = [], 0
    while start < len(dates):
        end = min(start + rng.randint(1, 4), len(dates)) - 1
        spans.append((start, end))
        start = end + 1
    return spans


def _seats(  # noqa: PLR0913 - the parts of one seat's history
    rng: random.Random,
    *,
    code: str,
    portfolio: tpt.Portfolio,
    dates: Sequence[tpt.FuzzyDate],
    pending_last: bool,
    participants: list[list[tpt.Minister]],
) -> None:
    """
    Fill one seat in every round with ministers whose terms cover the rounds they attend.
    """
    tenures = _tenures(rng, dates)
    for number, (first, last) in enumerate(tenures):
        start = dates[first].earliest
        end = dates[last].latest
        ongoing = number == len(tenures) - 1 and (pending_last or rng.random() < 0.5)
        term_end = None if ongoing else tpt.FuzzyDate.month(end.year, end.month)
        minister = tpt.Minister(
            name=_name(rng),
            country=code,
            portfolio=portfolio,
            title=rng.choice(_TITLES[portfolio]),
            honorific=rng.choice((None, None, None, "Dr", "Gen.", "Shri")),
            term_start=(
                tpt.FuzzyDate.month(start.year, start.month) if rng.random() < 0.8 else None
            ),
            term_end=term_end,
            died=term_end if term_end is not None and rng.random() < 0.02 else None,
        )
        for index in range(first, last + 1):
            participants[index].append(minister)


def _rounds(
    rng: random.Random, parties: tuple[tpt.Country, tpt.Country], count: int, cadence: int
) -> tuple[tpt.Round, ...]:
    """
    ``count`` rounds in order, ordinals rising (with an unrecorded one now and then).
    """
    codes = (parties[0].code, parties[1].code)
    jitter = 1 if cadence > 1 else 0  # a round a month late now and then, never out of order
    latest_start = AS_OF.year - 1 - (count * (cadence + jitter)) // 12
    anchor = (rng.randint(min(1950, latest_start), latest_start), rng.randint(1, 12))
    dates, ordinals, ordinal = [], [], 0
    for index in range(count):
        ordinal += 2 if rng.random() < 0.05 else 1
        ordinals.append(ordinal)
        dates.append(_fuzzy(rng, *_month(anchor, index * cadence + rng.randint(0, jitter))))
    pending_last = rng.random() < 0.3
    participants: list[list[tpt.Minister]] = [[] for _ in range(count)]
    for code in codes:
        for portfolio in tpt.Portfolio:
            _seats(
                rng,
                code=code,
                portfolio=portfolio,
                dates=dates,
                pending_last=pending_last,
                participants=participants,
            )
    places = [city.name for code in codes for city in _cities(code)]
    rounds = []
    for index, date in enumerate(dates):
        pending = pending_last and index == count - 1
        status = rng.choice(_PENDING) if pending else tpt.RoundStatus.HELD
        venue = rng.choice(_cities(codes[index % 2])) if rng.random() < 0.7 else None
        slipped: tuple[tpt.FuzzyDate, ...] = ()
        if status is tpt.RoundStatus.POSTPONED and index > 0:
            slipped = (dates[index - 1].shift(months=max(1, cadence // 2)),)
        rounds.append(
            tpt.Round(
                ordinal=ordinals[index],
                status=status,
                date=date,
                venue=venue,
                participants=tuple(rng.sample(participants[index], len(participants[index]))),
                slipped_from=slipped,
                sources=_sources(rng, date, places),
                note="Held on the margins of a summit." if rng.random() < 0.15 else None,
            )
        )
    return tuple(rounds)


def _rotation(rng: random.Random, codes: tuple[str, str]) -> tpt.Rotation:
    kind = rng.random()
    if kind < 0.7:
        return tpt.Alternating(first_host=rng.choice((None, *codes)))
    if kind < 0.85:
        return tpt.FixedVenue(venue=rng.choice(_cities(rng.choice(codes))))
    return tpt.Cycle(hosts=tuple(rng.choice(codes) for _ in range(rng.randint(2, 3))))


def build_mechanism(
    rng: random.Random, number: int, rounds: int, cadence: int | None = None
) -> tpt.Mechanism:
    """
    Build one realistic mechanism between two of the known countries.
    """
    first, second = rng.sample([c[0] for c in _COUNTRIES], 2)
    parties = (_country(first), _country(second))
    cadence = cadence if cadence is not None else rng.choice((6, 12, 12, 12, 12, 18, 24))
    return tpt.Mechanism(
        id=f"{first.lower()}-{second.lower()}-{number}",
        name=f"{parties[0].name}\N{EN DASH}{parties[1].name} 2+2 Ministerial Dialogue",
        parties=parties,
        rotation=_rotation(rng, (first, second)),
        cadence_months=cadence,
        rounds=_rounds(rng, parties, rounds, cadence),
        topics=tuple(rng.sample(_TOPICS, rng.randint(0, 4))),
        note="A synthetic mechanism for the benchmark." if rng.random() < 0.2 else None,
        sources=_sources(rng, tpt.FuzzyDate.year(2000), ["Geneva", "New York"]),
    )


def build_dataset(size: int, seed: int = SEED) -> tpt.Dataset:
    """
    Build a valid Dataset of ``size`` mechanisms of 20 rounds of four ministers each.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    codes = [c[0] for c in _COUNTRIES]
    groupings = tuple(
        tpt.Grouping(
            id=f"group-{number}",
            name=f"Group {number}",
            members=tuple(rng.sample(codes, rng.randint(2, 5))),
            note="Meets yearly." if rng.random() < 0.5 else None,
        )
        for number in range(size // 100 + 1)
    )
    risks = []
    for number in range(size // 50 + 1):
        imposed_by, exposed, counterparty = rng.sample(codes, 3)
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
    return tpt.Dataset(
        as_of=AS_OF,
        mechanisms=tuple(build_mechanism(rng, n, ROUNDS) for n in range(size)),
        groupings=groupings,
        sanction_risks=tuple(risks),
    )


def long_mechanism(rounds: int, seed: int = SEED) -> tpt.Mechanism:
    """
    Build a valid mechanism of ``rounds`` monthly rounds, for the growth measurements.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    while True:  # a Fixed venue would short-circuit the rotation; keep an Alternating one
        mechanism = build_mechanism(rng, 0, rounds, cadence=1)
        if isinstance(mechanism.rotation, tpt.Alternating):
            return mechanism


# --- Shared by the msgspec and pydantic mirrors ------------------------------------------

COUNTRY_CODES: Final = frozenset(c.alpha_2 for c in pycountry.countries)
ZONES: Final = frozenset(zoneinfo.available_timezones())
SLUG: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ISO_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH: Final = re.compile(r"[0-9]{4}-[0-9]{2}")
_ISO_YEAR: Final = re.compile(r"[0-9]{4}")

if TYPE_CHECKING:
    CountryCode: TypeAlias = str
    Zone: TypeAlias = str
else:
    CountryCode = Literal[tuple(sorted(COUNTRY_CODES))]
    Zone = Literal[tuple(sorted(ZONES))]


class Span:
    """
    A FuzzyDate of the mirrors: two ``datetime.date``, parsed from and written as EDTF.

    Attributes:
        earliest: The first day.
        latest: The last day.
    """

    __slots__ = ("earliest", "latest")

    def __init__(self, earliest: dt.date, latest: dt.date) -> None:
        self.earliest = earliest
        self.latest = latest

    @classmethod
    def parse(cls, text: object) -> Span:
        """
        Read YYYY, YYYY-MM, YYYY-MM-DD or A/B, as FuzzyDate.parse does.

        Raises:
            ValueError: The text is none of those or names no real date.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected a date string, got {type(text).__name__}")
        start, slash, end = text.partition("/")
        if not slash:
            return cls(*_single(text))
        first, _ = _single(start)
        _, last = _single(end)
        if last < first:
            raise ValueError(f"{text!r} is a reversed interval")
        return cls(first, last)

    def __str__(self) -> str:
        """
        Return the canonical EDTF form, as FuzzyDate.__str__ does.
        """
        first, last = self.earliest, self.latest
        if first == last:
            return first.isoformat()
        if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
            if first.year == last.year and first.month == 1 and last.month == 12:
                return f"{first.year:04d}"
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.year:04d}-{first.month:02d}"
        return f"{first.isoformat()}/{last.isoformat()}"


def _single(text: str) -> tuple[dt.date, dt.date]:
    if _ISO_DAY.fullmatch(text):
        day = dt.date.fromisoformat(text)
        return day, day
    if _ISO_MONTH.fullmatch(text):
        year, month = int(text[:4]), int(text[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if _ISO_YEAR.fullmatch(text):
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or A/B")


# --- The msgspec mirror -------------------------------------------------------------------

MText = Annotated[str, msgspec.Meta(min_length=1)]
MSlug = Annotated[str, msgspec.Meta(pattern=SLUG)]
MOrdinal = Annotated[int, msgspec.Meta(ge=1)]


class MStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """
    The base of the msgspec mirror: immutable, and unknown keys are errors.
    """


class MSource(MStruct, frozen=True):
    """
    Source.
    """

    title: MText
    published: Span
    dateline: MText | None = None
    url: MText | None = None


class MCity(MStruct, frozen=True):
    """
    City.
    """

    name: MText
    country: CountryCode
    timezone: Zone


class MCountry(MStruct, frozen=True):
    """
    Country.
    """

    code: CountryCode
    name: MText
    capital: MCity


class MMinister(MStruct, frozen=True):
    """
    Minister.
    """

    name: MText
    country: CountryCode
    portfolio: tpt.Portfolio
    title: MText
    honorific: MText | None = None
    term_start: Span | None = None
    term_end: Span | None = None
    died: Span | None = None


class MRound(MStruct, frozen=True):
    """
    Round.
    """

    ordinal: MOrdinal
    status: tpt.RoundStatus
    date: Span
    venue: MCity | None = None
    participants: tuple[MMinister, ...] = ()
    slipped_from: tuple[Span, ...] = ()
    sources: tuple[MSource, ...] = ()
    note: MText | None = None


class MAlternating(MStruct, tag_field="kind", tag="alternating", frozen=True):
    """
    Alternating.
    """

    first_host: CountryCode | None = None


class MFixedVenue(MStruct, tag_field="kind", tag="fixed_venue", frozen=True):
    """
    FixedVenue.
    """

    venue: MCity


class MCycle(MStruct, tag_field="kind", tag="cycle", frozen=True):
    """
    Cycle.
    """

    hosts: Annotated[tuple[CountryCode, ...], msgspec.Meta(min_length=1)]


class MMechanism(MStruct, frozen=True):
    """
    Mechanism.
    """

    id: MSlug
    name: MText
    parties: tuple[MCountry, MCountry]
    rotation: MAlternating | MFixedVenue | MCycle
    cadence_months: Annotated[int, msgspec.Meta(ge=1, le=120)] = 12
    portfolios: Annotated[tuple[tpt.Portfolio, ...], msgspec.Meta(min_length=1)] = (
        tpt.Portfolio.FOREIGN,
        tpt.Portfolio.DEFENCE,
    )
    rounds: tuple[MRound, ...] = ()
    topics: tuple[MText, ...] = ()
    note: MText | None = None
    sources: tuple[MSource, ...] = ()


class MSanctionRisk(MStruct, frozen=True):
    """
    SanctionRisk.
    """

    id: MSlug
    law: MText
    imposed_by: CountryCode
    exposed: CountryCode
    trigger: MText
    status: tpt.SanctionStatus
    as_of: dt.date
    program: MText | None = None
    counterparty: CountryCode | None = None
    decided_by: MText | None = None
    sources: tuple[MSource, ...] = ()


class MGrouping(MStruct, frozen=True):
    """
    Grouping.
    """

    id: MSlug
    name: MText
    members: Annotated[tuple[CountryCode, ...], msgspec.Meta(min_length=2)]
    note: MText | None = None
    sources: tuple[MSource, ...] = ()


class MDataset(MStruct, frozen=True):
    """
    Dataset, with its "format" key.
    """

    format: Literal["twoplustwo/1"]
    as_of: dt.date
    mechanisms: tuple[MMechanism, ...]
    groupings: tuple[MGrouping, ...] = ()
    sanction_risks: tuple[MSanctionRisk, ...] = ()


def _msgspec_dec_hook(tp: type, obj: object) -> Any:
    if tp is Span:
        return Span.parse(obj)
    raise NotImplementedError(f"no hook for {tp!r}")


def _msgspec_enc_hook(obj: object) -> Any:
    if isinstance(obj, Span):
        return str(obj)
    raise NotImplementedError(f"no hook for {type(obj)!r}")


# --- The pydantic v2 mirror -------------------------------------------------------------

PText = Annotated[str, pydantic.StringConstraints(min_length=1)]
PSlug = Annotated[str, pydantic.StringConstraints(pattern=SLUG)]
PSpan = Annotated[
    Span,
    pydantic.PlainValidator(Span.parse),
    pydantic.PlainSerializer(str, return_type=str),
]


class PModel(pydantic.BaseModel):
    """
    The base of the pydantic mirror: immutable, strict, and unknown keys are errors.
    """

    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True)


class PSource(PModel):
    """
    Source.
    """

    title: PText
    published: PSpan
    dateline: PText | None = None
    url: PText | None = None


class PCity(PModel):
    """
    City.
    """

    name: PText
    country: CountryCode
    timezone: Zone


class PCountry(PModel):
    """
    Country.
    """

    code: CountryCode
    name: PText
    capital: PCity


class PMinister(PModel):
    """
    Minister.
    """

    name: PText
    country: CountryCode
    portfolio: tpt.Portfolio
    title: PText
    honorific: PText | None = None
    term_start: PSpan | None = None
    term_end: PSpan | None = None
    died: PSpan | None = None


class PRound(PModel):
    """
    Round.
    """

    ordinal: Annotated[int, pydantic.Field(ge=1)]
    status: tpt.RoundStatus
    date: PSpan
    venue: PCity | None = None
    participants: tuple[PMinister, ...] = ()
    slipped_from: tuple[PSpan, ...] = ()
    sources: tuple[PSource, ...] = ()
    note: PText | None = None


class PAlternating(PModel):
    """
    Alternating.
    """

    kind: Literal["alternating"]
    first_host: CountryCode | None = None


class PFixedVenue(PModel):
    """
    FixedVenue.
    """

    kind: Literal["fixed_venue"]
    venue: PCity


class PCycle(PModel):
    """
    Cycle.
    """

    kind: Literal["cycle"]
    hosts: Annotated[tuple[CountryCode, ...], pydantic.Field(min_length=1)]


class PMechanism(PModel):
    """
    Mechanism.
    """

    id: PSlug
    name: PText
    parties: tuple[PCountry, PCountry]
    rotation: Annotated[PAlternating | PFixedVenue | PCycle, pydantic.Field(discriminator="kind")]
    cadence_months: Annotated[int, pydantic.Field(ge=1, le=120)] = 12
    portfolios: Annotated[tuple[tpt.Portfolio, ...], pydantic.Field(min_length=1)] = (
        tpt.Portfolio.FOREIGN,
        tpt.Portfolio.DEFENCE,
    )
    rounds: tuple[PRound, ...] = ()
    topics: tuple[PText, ...] = ()
    note: PText | None = None
    sources: tuple[PSource, ...] = ()


class PSanctionRisk(PModel):
    """
    SanctionRisk.
    """

    id: PSlug
    law: PText
    imposed_by: CountryCode
    exposed: CountryCode
    trigger: PText
    status: tpt.SanctionStatus
    as_of: dt.date
    program: PText | None = None
    counterparty: CountryCode | None = None
    decided_by: PText | None = None
    sources: tuple[PSource, ...] = ()


class PGrouping(PModel):
    """
    Grouping.
    """

    id: PSlug
    name: PText
    members: Annotated[tuple[CountryCode, ...], pydantic.Field(min_length=2)]
    note: PText | None = None
    sources: tuple[PSource, ...] = ()


class PDataset(PModel):
    """
    Dataset, with its "format" key.
    """

    format: Literal["twoplustwo/1"]
    as_of: dt.date
    mechanisms: tuple[PMechanism, ...]
    groupings: tuple[PGrouping, ...] = ()
    sanction_risks: tuple[PSanctionRisk, ...] = ()


# --- The stock cattrs converter ----------------------------------------------------------


def stock_cattrs() -> JsonConverter:
    """
    Return ``cattrs.preconf.json.make_converter()`` with only the hooks it cannot do without.
    """
    conv = cattrs.preconf.json.make_converter()
    conv.register_structure_hook(tpt.FuzzyDate, lambda value, _: tpt.FuzzyDate.parse(value))
    conv.register_unstructure_hook(tpt.FuzzyDate, str)
    conv.register_structure_hook(pendulum.Date, lambda value, _: pendulum.Date.fromisoformat(value))
    kinds = {tpt.Alternating: "alternating", tpt.FixedVenue: "fixed_venue", tpt.Cycle: "cycle"}
    cattrs.strategies.configure_tagged_union(
        tpt.Rotation, conv, tag_generator=lambda cls: kinds[cls], tag_name="kind"
    )
    dataset_fields = make_dict_unstructure_fn(tpt.Dataset, conv)
    conv.register_unstructure_hook(
        tpt.Dataset, lambda dataset: {"format": tpt.FORMAT, **dataset_fields(dataset)}
    )
    return conv


# --- The contenders ----------------------------------------------------------------------

Loads: TypeAlias = Callable[[str], object]
Dumps: TypeAlias = Callable[[Any], str | bytes]


@attrs.frozen
class Contender:
    """
    One way to decode the benchmark document and encode it back.

    Attributes:
        name: As printed.
        loads: Decode the JSON text into typed objects.
        dumps: Encode those objects as JSON.
    """

    name: str
    loads: Loads
    dumps: Dumps


def contenders() -> tuple[Contender, ...]:
    """
    Return twoplustwo, msgspec, pydantic v2 and stock cattrs, each set up once.
    """
    decoder = msgspec.json.Decoder(MDataset, dec_hook=_msgspec_dec_hook)
    encoder = msgspec.json.Encoder(enc_hook=_msgspec_enc_hook)
    stock = stock_cattrs()
    return (
        Contender(
            "twoplustwo",
            lambda text: tpt.loads(text, tpt.Dataset, max_size=None),
            tpt.dumps,
        ),
        Contender("msgspec", decoder.decode, encoder.encode),
        Contender("pydantic v2", PDataset.model_validate_json, PDataset.model_dump_json),
        Contender(
            "stock cattrs",
            lambda text: stock.loads(text, tpt.Dataset),
            lambda obj: stock.dumps(obj, ensure_ascii=False),
        ),
    )


def check_equal(text: str, contender: Contender) -> None:
    """
    Check that a contender reads the document and writes back the same JSON value.

    Raises:
        SystemExit: It does not.
    """
    obj = contender.loads(text)
    if json.loads(contender.dumps(obj)) != json.loads(text):
        raise SystemExit(f"{contender.name} does not write back the document it read")


# --- Measuring ---------------------------------------------------------------------------


def _seconds(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def time_roundtrips(
    text: str, field: Sequence[Contender], repeats: int
) -> dict[str, dict[str, float]]:
    """
    Time each contender's loads and dumps, interleaved, ``repeats`` times; return medians.
    """
    samples: dict[str, dict[str, list[float]]] = {
        c.name: {"loads": [], "dumps": [], "loads+dumps": []} for c in field
    }
    for repeat in range(repeats):
        shift = repeat % len(field)  # rotate the order so no one always goes first
        for contender in (*field[shift:], *field[:shift]):
            gc.collect()
            start = time.perf_counter()
            obj = contender.loads(text)
            loads_time = time.perf_counter() - start
            gc.collect()
            start = time.perf_counter()
            contender.dumps(obj)
            dumps_time = time.perf_counter() - start
            del obj
            series = samples[contender.name]
            series["loads"].append(loads_time)
            series["dumps"].append(dumps_time)
            series["loads+dumps"].append(loads_time + dumps_time)
    return {
        name: {what: statistics.median(values) for what, values in series.items()}
        for name, series in samples.items()
    }


def time_collected(text: str, field: Sequence[Contender], repeats: int) -> dict[str, float]:
    """
    Return each contender's median time for a loads followed by a full garbage collection.

    twoplustwo pauses the cyclic collector while it builds objects, which puts some of the
    collector's work off until after ``loads``; the full collection counts that work, and
    the same for every contender.
    """
    samples: dict[str, list[float]] = {c.name: [] for c in field}
    for repeat in range(repeats):
        shift = repeat % len(field)
        for contender in (*field[shift:], *field[:shift]):
            gc.collect()
            start = time.perf_counter()
            obj = contender.loads(text)
            gc.collect()
            samples[contender.name].append(time.perf_counter() - start)
            del obj
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_memory(text: str, contender: Contender) -> tuple[float, float]:
    """
    Return the peak and the retained bytes traced while one ``loads`` runs, in MiB.
    """
    gc.collect()
    tracemalloc.start()
    obj = contender.loads(text)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del obj
    return peak / 2**20, current / 2**20


def _status_mib(field: str) -> float:
    """
    Return a field of /proc/self/status, such as VmRSS, in MiB (0 where there is none).
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _rss_child(name: str, text: str) -> float:
    """
    In a fresh process: return how far one loads raises the peak resident set, in MiB.
    """
    contender = next(c for c in contenders() if c.name == name)
    gc.collect()
    with contextlib.suppress(OSError):  # reset the peak (VmHWM) to the current resident set
        Path("/proc/self/clear_refs").write_text("5", encoding="utf-8")
    before = _status_mib("VmRSS")
    obj = contender.loads(text)
    peak = _status_mib("VmHWM")
    del obj
    return max(0.0, peak - before)


def rss_growth(text: str, names: Sequence[str]) -> dict[str, float]:
    """
    Return, for each contender, the peak RSS growth of one loads in a fresh process.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dataset.json"
        path.write_text(text, encoding="utf-8")
        found = {}
        for name in names:
            done = subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
                [sys.executable, __file__, "--rss-child", name, str(path)],
                check=True,
                capture_output=True,
                text=True,
            )
            found[name] = float(done.stdout.split()[-1])
    return found


def time_growth(small: int, large: int, repeats: int) -> dict[str, tuple[float, float]]:
    """
    Time next_round and backtest on mechanisms of ``small`` and ``large`` rounds.

    Each small sample runs ``large // small`` times and is divided, so samples last about
    as long; returns the median seconds a call at each size.
    """
    mechanisms = {small: long_mechanism(small), large: long_mechanism(large)}
    day = AS_OF.add(years=10)
    calls: dict[str, Callable[[tpt.Mechanism], object]] = {
        "next_round": lambda m: tpt.next_round(m, as_of=day),
        "backtest": tpt.backtest,
    }
    samples: dict[str, dict[int, list[float]]] = {n: {small: [], large: []} for n in calls}
    loops = {small: max(1, large // small), large: 1}
    for _ in range(repeats):
        for name, call in calls.items():
            for size, mechanism in mechanisms.items():
                gc.collect()
                start = time.perf_counter()
                for _ in range(loops[size]):
                    call(mechanism)
                samples[name][size].append((time.perf_counter() - start) / loops[size])
    return {
        name: (statistics.median(by[small]), statistics.median(by[large]))
        for name, by in samples.items()
    }


def _run(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
        argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def time_commands(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """
    Return the median wall time of each command, run ``runs`` times interleaved.
    """
    for argv in commands.values():  # warm the bytecode caches and the disk cache
        _run(argv)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            samples[name].append(_run(argv))
    return {name: statistics.median(times) for name, times in samples.items()}


def import_breakdown(top: int) -> list[tuple[str, float]]:
    """
    Return the modules ``import twoplustwo`` loads beyond attrs, cattrs and pendulum.

    They come with their self time in ms, costliest first (``-X importtime``).
    """

    def modules(code: str) -> dict[str, float]:
        done = subprocess.run(  # noqa: S603 - our own interpreter with fixed arguments
            [sys.executable, "-X", "importtime", "-c", code],
            check=True,
            capture_output=True,
            text=True,
        )
        found = {}
        for line in done.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                found[parts[2].strip()] = int(parts[0]) / 1000
        return found

    baseline = modules("import attrs, cattrs, pendulum")
    extra = {n: t for n, t in modules("import twoplustwo").items() if n not in baseline}
    return sorted(extra.items(), key=lambda item: -item[1])[:top]


# --- Reporting ---------------------------------------------------------------------------

_PACKAGES: Final = (
    "twoplustwo", "attrs", "cattrs", "pendulum", "pycountry", "msgspec", "pydantic",
    "pydantic-core", "pyinstrument",
)  # fmt: skip


def _cpu() -> str:
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or platform.machine()
    for line in info.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()  # pragma: no cover - a /proc/cpuinfo without a model name


def environment() -> list[str]:
    """
    Describe the machine, the interpreter and the package versions.
    """
    versions = []
    for package in _PACKAGES:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    return [
        (
            f"machine: {platform.system()} {platform.release()}, {_cpu()}, "
            f"{os.cpu_count()} logical CPUs"
        ),
        (
            f"python: {platform.python_implementation()} {platform.python_version()} "
            f"({sys.executable})"
        ),
        "packages: " + ", ".join(versions),
    ]


def verdict(ratio: float, target: str) -> str:
    """
    Return PASS or MISS for a ratio against a target like "<= 1.0" or ">= 1.3".
    """
    op, bound = target.split()
    ok = ratio <= float(bound) if op == "<=" else ratio >= float(bound)
    return "PASS" if ok else "MISS"


def ratio_line(label: str, ratio: float, target: str | None) -> str:
    """
    Format one ratio with its target and verdict (REPORT when there is no target).
    """
    if target is None:
        return f"  {label:<52} {ratio:>7.2f}x  {'(no target)':<14} REPORT"
    return f"  {label:<52} {ratio:>7.2f}x  {'target ' + target:<14} {verdict(ratio, target)}"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:>10.1f} ms"


def profile(text: str) -> str:
    """
    Return a pyinstrument profile of one ``tpt.loads`` of the document.
    """
    import pyinstrument  # noqa: PLC0415 - only --profile needs it

    profiler = pyinstrument.Profiler(interval=0.0005)
    profiler.start()
    tpt.loads(text, tpt.Dataset, max_size=None)
    profiler.stop()
    return profiler.output_text(unicode=True, color=False)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """
    Read the command line.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip())
    parser.add_argument("--size", type=int, default=2000, help="mechanisms (default 2000)")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repeats (default 5)")
    parser.add_argument(
        "--growth",
        type=int,
        nargs=2,
        default=(1000, 10000),
        metavar=("SMALL", "LARGE"),
        help="rounds of the two mechanisms for the growth ratios (default 1000 10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=15, help="runs of each command line timed (default 15)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print a pyinstrument profile of loads"
    )
    parser.add_argument("--rss-child", nargs=2, help=argparse.SUPPRESS)  # NAME FILE, internal
    return parser.parse_args(argv)


def report_roundtrips(text: str, field: Sequence[Contender], repeats: int) -> None:
    """
    Time loads and dumps of every contender and print the medians and the ratios.
    """
    print(f"\nloads and dumps, median of {repeats} interleaved repeats:")
    medians = time_roundtrips(text, field, repeats)
    stdlib = statistics.median(_seconds(lambda: json.loads(text)) for _ in range(repeats))
    collected = time_collected(text, field, repeats)
    print(f"  {'':<16}{'loads':>13}{'dumps':>13}{'loads+dumps':>13}{'loads+full GC':>15}")
    for name, values in medians.items():
        times = "".join(_ms(values[w]) for w in ("loads", "dumps", "loads+dumps"))
        print(f"  {name:<16}{times}  {_ms(collected[name])}")
    print(f"  {'json.loads only':<16}{_ms(stdlib)}   (stdlib parse, no model)")

    ours = medians["twoplustwo"]
    both = "loads+dumps"
    print("\nratios (twoplustwo's time over the other's unless said):")
    for other, target in (("pydantic v2", "<= 1.0"), ("msgspec", "<= 6.0")):
        print(
            ratio_line(f"{both}: twoplustwo / {other}", ours[both] / medians[other][both], target)
        )
    speedup = medians["stock cattrs"][both] / ours[both]
    print(ratio_line(f"{both}: stock cattrs / twoplustwo (speed-up)", speedup, ">= 1.3"))
    for what in ("loads", "dumps"):
        for other in ("pydantic v2", "msgspec", "stock cattrs"):
            ratio = ours[what] / medians[other][what]
            print(ratio_line(f"{what}: twoplustwo / {other}", ratio, None))
    for other in ("pydantic v2", "msgspec", "stock cattrs"):
        ratio = collected["twoplustwo"] / collected[other]
        print(ratio_line(f"loads+full GC: twoplustwo / {other}", ratio, None))


def report_growth(small: int, large: int, repeats: int) -> None:
    """
    Time next_round and backtest at two sizes and print the ratios against linear growth.
    """
    print(f"\ngrowth, {small:,} vs {large:,} rounds, median of {repeats}:")
    growth = time_growth(small, large, repeats)
    for name, (low, high) in growth.items():
        print(f"  {name:<12}{_ms(low)} at {small:,}{_ms(high)} at {large:,}")
    bound = f"<= {1.2 * large / small:.1f}"
    for name, (low, high) in growth.items():
        print(ratio_line(f"{name}: {large:,} rounds / {small:,} rounds", high / low, bound))


def report_memory(text: str, field: Sequence[Contender]) -> None:
    """
    Print each contender's peak memory while loading: traced, and as resident set growth.
    """
    print("\npeak memory of one loads:")
    print("  tracemalloc sees Python's allocators only (not pydantic-core's Rust heap);")
    print("  RSS growth is the peak resident set of a fresh process less its size before loads")
    traced = {c.name: peak_memory(text, c) for c in field}
    resident = rss_growth(text, [c.name for c in field])
    print(f"  {'':<16}{'traced peak':>14}{'retained':>14}{'RSS growth':>14}")
    for name, (peak, kept) in traced.items():
        print(f"  {name:<16}{peak:>10.1f} MiB{kept:>10.1f} MiB{resident[name]:>10.1f} MiB")
    for other in ("pydantic v2", "msgspec"):
        ratio = traced["twoplustwo"][0] / traced[other][0]
        print(ratio_line(f"peak memory (traced): twoplustwo / {other}", ratio, None))
        ratio = resident["twoplustwo"] / max(resident[other], 0.1)
        print(ratio_line(f"peak memory (RSS growth): twoplustwo / {other}", ratio, None))


def report_commands(runs: int) -> None:
    """
    Time the imports and the command line in fresh interpreters and print the ratios.
    """
    python = sys.executable
    print(f"\nimport and command line, median wall time of {runs} interleaved runs:")
    peers = "import attrs, cattrs, pendulum"
    ours = "import twoplustwo"
    cli = "python -m twoplustwo next in-us"
    commands = time_commands(
        {
            "python -c pass": [python, "-c", "pass"],
            peers: [python, "-c", peers],
            ours: [python, "-c", ours],
            cli: [python, "-m", "twoplustwo", "next", "in-us"],
        },
        runs,
    )
    for name, seconds in commands.items():
        print(f"  {name:<34}{_ms(seconds)}")
    imports = commands[ours] / commands[peers]
    print(ratio_line("import: twoplustwo / attrs+cattrs+pendulum", imports, "<= 1.2"))
    print(
        ratio_line("cli: next in-us / import twoplustwo", commands[cli] / commands[ours], "<= 1.5")
    )
    bare = commands["python -c pass"]
    above = (commands[ours] - bare) / max(1e-9, commands[peers] - bare)
    print(ratio_line("import less a bare interpreter: twoplustwo / peers", above, None))
    print("  imported by twoplustwo beyond attrs, cattrs and pendulum (self time, -X importtime):")
    for module, ms in import_breakdown(top=10):
        print(f"    {module:<40}{ms:>8.1f} ms")


def main(argv: Sequence[str] | None = None) -> None:
    """
    Run every measurement and print the report.
    """
    args = parse_args(argv)
    if args.rss_child:
        name, path = args.rss_child
        print(f"{_rss_child(name, Path(path).read_text(encoding='utf-8')):.3f}")
        return
    print("twoplustwo round-trip benchmark")
    for line in environment():
        print("  " + line)

    start = time.perf_counter()
    dataset = build_dataset(args.size)
    text = tpt.dumps(dataset)
    rounds = sum(len(m.rounds) for m in dataset.mechanisms)
    ministers = sum(len(r.participants) for m in dataset.mechanisms for r in m.rounds)
    print(
        f"\ndataset: {len(dataset.mechanisms):,} mechanisms, {rounds:,} rounds, "
        f"{ministers:,} participants, {len(text.encode()) / 2**20:.1f} MiB of JSON "
        f"(built in {time.perf_counter() - start:.1f} s, seed {SEED})"
    )
    del dataset

    field = contenders()
    for contender in field:
        check_equal(text, contender)
    print("every contender reads the document and writes back the same JSON value")

    report_roundtrips(text, field, args.repeats)
    report_growth(args.growth[0], args.growth[1], args.repeats)
    report_memory(text, field)
    report_commands(args.runs)
    if args.profile:
        print("\npyinstrument profile of one twoplustwo loads:")
        print(profile(text))


if __name__ == "__main__":
    main()
