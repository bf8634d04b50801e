"""
Compare twoplustwo's loads and dumps with msgspec, pydantic v2 and a stock cattrs converter.

Run it from the repository root with the ``bench`` extra installed::

    python benchmarks/compare.py                      # 2,000 mechanisms, 5 repeats
    python benchmarks/compare.py --mechanisms 200     # a quicker look

It builds a Dataset with ``builder.dataset`` (2,000 mechanisms x 20 rounds x 4 ministers,
with announcements, counted ordinals, aliases, checked days, undeclared cadences and every
rotation policy), writes it with ``tpt.dumps``, checks that every contender reads that text
and writes back the same JSON value, then times each one reading the text into typed
objects and writing them back, interleaved, and prints medians and ratios. It asserts
nothing. The targets (issue 19): loads + dumps at most 1.25x the time of pydantic v2 doing
the same checks, and no slower than stock cattrs.

twoplustwo
    ``tpt.loads(text, tpt.Dataset, max_size=None)`` and ``tpt.dumps``: strict JSON types,
    unknown and duplicate keys refused, every validator and invariant of the model.
pydantic v2
    Frozen mirrors of every class and key a Dataset document can hold (``BaseModel`` in
    strict mode with ``extra="forbid"``), read by ``pydantic_loads``, which does every check
    twoplustwo does: ``benchmarks/faithful.py`` shows that it refuses what twoplustwo refuses
    and accepts the rest. Per field, as ``Annotated`` constraints: JSON types, the "format"
    (a ``twoplustwo/1`` document is upgraded), enums, the rotation's "kind", country codes
    against pycountry's, zones of the tz database's Area/Location form, slugs, text (not
    empty, no surrounding whitespace or invisible characters, no control or bidi characters;
    notes may hold newlines)
    and URLs as the patterns twoplustwo's schema gives, the ordinal's and cadence's ranges,
    days and EDTF dates from 1900 to 2199 (each distinct text parsed once, in a bounded
    cache, as twoplustwo does). Across fields, in ``model_validator(mode="after")``
    methods: a city's zone is its country's, a capital lies in its country, terms and deaths
    in order, one minister a seat and each in office on the day, uncertain facts once, a
    round's place (virtual, abroad, host and venue), two distinct parties that the rotation
    names, status changes and rounds in order with only the last pending, hosts of rounds,
    plans and announcements and participants' seats of the parties, unique portfolios,
    aliases, members and ids, a sanction's three countries, nothing held, reported or
    published after ``as_of``. Duplicate keys are found by a second parse with the standard
    library, which costs about a fifth of pydantic's loads; lone surrogates, NaN and nesting
    deeper than 64 are refused by pydantic's parser or its schema.
msgspec
    Frozen mirrors of the same classes (``msgspec.Struct`` with ``forbid_unknown_fields``).
    They check JSON types, unknown keys, the "format" value, enums, country codes against
    pycountry's and zones against ``zoneinfo``'s, slugs, non-empty text, the ordinal's and
    the cadence's ranges (the cadence may be null, and is 12 if left out), the rotation's
    "kind" tag, and they parse every date: days to ``datetime.date``, each EDTF string to a
    ``Span`` of two. They do not check what twoplustwo checks across fields, nor surrounding
    whitespace, control characters, a URL's form, the range of dates, a zone's country, or
    duplicate keys: they do less.
stock cattrs
    ``cattrs.preconf.json.make_converter()`` on the model's own classes, given only what it
    cannot work without: FuzzyDate from and to text, ``pendulum.Date`` from ISO text, the
    rotation union tagged by "kind", and "format" written into a Dataset. It checks no JSON
    types and ignores unknown and duplicate keys; the model's validators and invariants run
    all the same, so it does less than twoplustwo at the reader only.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import functools
import gc
import importlib.resources
import itertools
import json
import re
import statistics
import time
import typing
import zoneinfo
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, Self, TypeAlias

import attrs
import builder
import cattrs.preconf.json
import cattrs.strategies
import msgspec
import pendulum
import pycountry
import pydantic
from bench import PACKAGES, environment, median_seconds, ms, ratio_line
from cattrs.gen import make_dict_unstructure_fn

import twoplustwo as tpt

if TYPE_CHECKING:
    CountryCode: TypeAlias = str
    Zone: TypeAlias = str
    Format: TypeAlias = str
else:
    Format = Literal[tpt.FORMAT]
    CountryCode = Literal[tuple(sorted(c.alpha_2 for c in pycountry.countries))]
    Zone = Literal[tuple(sorted(zoneinfo.available_timezones()))]

SLUG: Final = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_DAY: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MONTH: Final = re.compile(r"[0-9]{4}-[0-9]{2}")
_YEAR: Final = re.compile(r"[0-9]{4}")


class Span:
    """
    The mirrors' FuzzyDate: two ``datetime.date``, read from and written as EDTF.

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
        Read YYYY, YYYY-MM, YYYY-MM-DD or A/B of those, as FuzzyDate.parse does.

        Raises:
            TypeError: ``text`` is not a string.
            ValueError: It is none of those forms, names no real date, or is reversed.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected a date string, got {type(text).__name__}")
        return _read_span(text)

    def __str__(self) -> str:
        """
        Return the canonical EDTF form, as FuzzyDate's ``str`` does.
        """
        first, last = self.earliest, self.latest
        if first == last:
            return first.isoformat()
        if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
            if first.year == last.year and (first.month, last.month) == (1, 12):
                return f"{first.year:04d}"
            if (first.year, first.month) == (last.year, last.month):
                return f"{first.year:04d}-{first.month:02d}"
        return f"{first.isoformat()}/{last.isoformat()}"


# Documents repeat their dates: each text is read once, in a cache as bounded as the one
# twoplustwo's FuzzyDate.parse keeps (a Span is never changed once made).
@functools.lru_cache(maxsize=4096)
def _read_span(text: str) -> Span:
    start, slash, end = text.partition("/")
    if not slash:
        return Span(*_single(text))
    first, last = _single(start)[0], _single(end)[1]
    if last < first:
        raise ValueError(f"{text!r} is a reversed interval")
    return Span(first, last)


def _single(text: str) -> tuple[dt.date, dt.date]:
    if _DAY.fullmatch(text):
        day = dt.date.fromisoformat(text)
        return day, day
    if _MONTH.fullmatch(text):
        year, month = int(text[:4]), int(text[5:])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if _YEAR.fullmatch(text):
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or A/B")


# --- The msgspec mirror -------------------------------------------------------------------

MText = Annotated[str, msgspec.Meta(min_length=1)]
MSlug = Annotated[str, msgspec.Meta(pattern=SLUG)]


class MStruct(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """
    The base of the msgspec mirror: immutable, and unknown keys are errors.
    """


class MSource(MStruct, frozen=True):
    """
    Source.
    """

    title: MText
    published: Span | None = None
    dateline: MText | None = None
    url: MText | None = None
    accessed: Span | None = None


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


class MPlan(MStruct, frozen=True):
    """
    Plan.
    """

    date: Span | None = None
    venue: MCity | None = None
    host: CountryCode | None = None
    note: MText | None = None


class MAnnouncement(MStruct, frozen=True):
    """
    Announcement.
    """

    source: MSource
    date: Span | None = None
    venue: MCity | None = None
    host: CountryCode | None = None
    mode: tpt.Mode | None = None
    note: MText | None = None


class MUncertainty(MStruct, frozen=True):
    """
    Uncertainty.
    """

    fact: tpt.Fact
    note: MText


class MRound(MStruct, frozen=True):
    """
    Round.
    """

    ordinal: Annotated[int, msgspec.Meta(ge=1, le=9999)]
    status: tpt.RoundStatus
    date: Span
    venue: MCity | None = None
    participants: tuple[MMinister, ...] = ()
    slipped_from: tuple[MPlan, ...] = ()
    sources: tuple[MSource, ...] = ()
    note: MText | None = None
    mode: tpt.Mode = tpt.Mode.IN_PERSON
    host: CountryCode | None = None
    abroad: bool = False
    uncertain: tuple[MUncertainty, ...] = ()
    counted: bool = False
    announced: tuple[MAnnouncement, ...] = ()


class MStatusChange(MStruct, frozen=True):
    """
    StatusChange.
    """

    status: tpt.MechanismStatus
    date: Span
    note: MText | None = None
    sources: tuple[MSource, ...] = ()


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


class MLearned(MStruct, tag_field="kind", tag="learned", frozen=True):
    """
    Learned.
    """


class MMechanism(MStruct, frozen=True):
    """
    Mechanism.
    """

    id: MSlug
    name: MText
    parties: tuple[MCountry, MCountry]
    rotation: MAlternating | MFixedVenue | MCycle | MLearned
    cadence_months: Annotated[int, msgspec.Meta(ge=1, le=120)] | None = 12
    portfolios: Annotated[tuple[tpt.Portfolio, ...], msgspec.Meta(min_length=1)] = (
        tpt.Portfolio.FOREIGN,
        tpt.Portfolio.DEFENCE,
    )
    rounds: tuple[MRound, ...] = ()
    topics: tuple[MText, ...] = ()
    note: MText | None = None
    sources: tuple[MSource, ...] = ()
    status_changes: tuple[MStatusChange, ...] = ()
    checked: dt.date | None = None
    aliases: tuple[MText, ...] = ()


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

    format: Format
    as_of: dt.date
    mechanisms: tuple[MMechanism, ...]
    groupings: tuple[MGrouping, ...] = ()
    sanction_risks: tuple[MSanctionRisk, ...] = ()


def _from_msgspec(tp: type, obj: object) -> Any:
    if tp is Span:
        return Span.parse(obj)
    raise NotImplementedError(f"no hook for {tp!r}")


def _to_msgspec(obj: object) -> Any:
    if isinstance(obj, Span):
        return str(obj)
    raise NotImplementedError(f"no hook for {type(obj)!r}")


# --- The pydantic v2 mirror -------------------------------------------------------------
#
# Every rule that twoplustwo's reader and model apply to a Dataset document, written as a
# pydantic user would: the rules of one value as ``Annotated`` constraints (patterns, bounds,
# literal choices, which pydantic-core checks in Rust) and field validators, the rules across
# fields as ``model_validator(mode="after")`` methods, and duplicate keys by a second parse
# (see ``pydantic_loads``). What pydantic's parser or the schema already refuses needs no code:
# the parser refuses lone surrogates, escaped or not; NaN and Infinity would reach no number
# field (ints are strict); and a document nested deeper than 64 levels holds an array or an
# object where the schema, nine levels deep at most, allows none.

# What str.strip() removes (str.isspace), the characters no text may hold (C0 controls but
# tab and newline, DEL, C1, the bidi embeddings, overrides and isolates), and twoplustwo's
# rule of text as one pattern: not empty, no surrounding whitespace, none of those characters.
_SPACE: Final = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_BIDI: Final = r"\u202a-\u202e\u2066-\u2069"
_CONTROLS: Final = rf"\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}"
_INVISIBLE: Final = r"\u180e\u200b-\u200d\u2060\ufeff"  # shown as nothing: not at either end


def _text_pattern(refused: str) -> str:
    end = f"[^{_SPACE}{_INVISIBLE}{refused}]"
    return f"^{end}(?:[^{refused}]*{end})?$"


TEXT_PATTERN: Final = _text_pattern(_CONTROLS + r"\n")
NOTE_PATTERN: Final = _text_pattern(_CONTROLS)  # a note's paragraphs may be on lines of their own
URL_PATTERN: Final = rf"^https?://[^\x00-\x20\x7f-\x9f{_BIDI}/?#]+[^\x00-\x20\x7f-\x9f{_BIDI}]*$"
ZONE_FORM: Final = re.compile(r"UTC|[A-Za-z][A-Za-z0-9_+-]{0,29}(?:/[A-Za-z0-9_+-]{1,30}){1,2}")
FIRST_DAY: Final = dt.date(1900, 1, 1)
LAST_DAY: Final = dt.date(2199, 12, 31)


def _tzdata(name: str) -> str:
    return importlib.resources.files("tzdata").joinpath(name).read_text(encoding="utf-8")


def _country_zones() -> frozenset[tuple[str, str]]:
    """
    Return each (country, zone) pair of the tz database's zone.tab, and of the zones' links.
    """
    pairs = {
        (fields[0], fields[2])
        for fields in (line.split("\t") for line in _tzdata("zoneinfo/zone.tab").splitlines())
        if fields[0] and not fields[0].startswith("#")
    }
    codes: dict[str, set[str]] = {}
    for code, zone in pairs:
        codes.setdefault(zone, set()).add(code)
    links = [line.split()[1:3] for line in _tzdata("zoneinfo/tzdata.zi").splitlines()]
    linked = {
        (code, name)
        for target, name in (link for link in links if len(link) == 2)
        for code in codes.get(target, ())
    }
    return frozenset(pairs | linked)


COUNTRY_ZONES: Final = _country_zones()

if TYPE_CHECKING:
    PZone: TypeAlias = str
    PFormat: TypeAlias = str
else:
    # IANA names of the Area/Location form (or UTC) that the tzdata package ships.
    PZone = Literal[tuple(sorted(z for z in _tzdata("zones").split() if ZONE_FORM.fullmatch(z)))]
    PFormat = Literal[tpt.READS]  # older documents are upgraded, as twoplustwo does


def _span(value: object) -> Span:
    """
    Read a FuzzyDate's text into a Span of days from 1900 to 2199, as FuzzyDate.parse does.
    """
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")  # noqa: TRY004 - pydantic reports ValueError, not TypeError
    span = Span.parse(value)
    if span.earliest < FIRST_DAY or span.latest > LAST_DAY:
        raise ValueError(f"{value!r} is outside 1900-01-01 to 2199-12-31")
    return span


def _unique(what: str, items: Sequence[Any]) -> None:
    if len(set(items)) != len(items):
        raise ValueError(f"{what}: an item appears twice")


PText = Annotated[str, pydantic.StringConstraints(pattern=TEXT_PATTERN)]
PNote = Annotated[str, pydantic.StringConstraints(pattern=NOTE_PATTERN)]
PUrl = Annotated[str, pydantic.StringConstraints(pattern=URL_PATTERN)]
PSlug = Annotated[str, pydantic.StringConstraints(pattern=SLUG)]
PDay = Annotated[dt.date, pydantic.Field(ge=FIRST_DAY, le=LAST_DAY)]  # strict: YYYY-MM-DD only
PSpan = Annotated[
    Span, pydantic.PlainValidator(_span), pydantic.PlainSerializer(str, return_type=str)
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
    published: PSpan | None = None
    dateline: PText | None = None
    url: PUrl | None = None
    accessed: PSpan | None = None


class PCity(PModel):
    """
    City: its zone is one of its country's.
    """

    name: PText
    country: CountryCode
    timezone: PZone

    @pydantic.model_validator(mode="after")
    def _zone_of_country(self) -> Self:
        if (self.country, self.timezone) not in COUNTRY_ZONES:
            raise ValueError(f"{self.timezone} is not a time zone of {self.country}")
        return self


class PCountry(PModel):
    """
    Country: its capital lies in it.
    """

    code: CountryCode
    name: PText
    capital: PCity

    @pydantic.model_validator(mode="after")
    def _capital_inside(self) -> Self:
        if self.capital.country != self.code:
            raise ValueError(f"the capital {self.capital.name!r} lies outside {self.code}")
        return self


class PMinister(PModel):
    """
    Minister: the term ends after it starts, and no part of it after death.
    """

    name: PText
    country: CountryCode
    portfolio: tpt.Portfolio
    title: PText
    honorific: PText | None = None
    term_start: PSpan | None = None
    term_end: PSpan | None = None
    died: PSpan | None = None

    @pydantic.model_validator(mode="after")
    def _term_in_order(self) -> Self:
        start, end, died = self.term_start, self.term_end, self.died
        if start is not None and end is not None and end.latest < start.earliest:
            raise ValueError("the term ends before it starts")
        if died is not None:
            for bound in (start, end):
                if bound is not None and died.latest < bound.earliest:
                    raise ValueError("the minister died before a bound of the term")
        return self

    def may_hold_office_on(self, date: Span) -> bool:
        """
        Whether what is known of the term allows the minister to be in office on ``date``.
        """
        start, end, died = self.term_start, self.term_end, self.died
        return not (
            (start is not None and date.latest < start.earliest)
            or (end is not None and end.latest < date.earliest)
            or (died is not None and died.latest < date.earliest)
        )


class PPlan(PModel):
    """
    Plan.
    """

    date: PSpan | None = None
    venue: PCity | None = None
    host: CountryCode | None = None
    note: PNote | None = None


class PAnnouncement(PModel):
    """
    Announcement.
    """

    source: PSource
    date: PSpan | None = None
    venue: PCity | None = None
    host: CountryCode | None = None
    mode: tpt.Mode | None = None
    note: PNote | None = None


class PUncertainty(PModel):
    """
    Uncertainty.
    """

    fact: tpt.Fact
    note: PNote


class PRound(PModel):
    """
    Round: one minister a seat, each in office on the day, facts doubted once, a sound place.
    """

    ordinal: Annotated[int, pydantic.Field(ge=1, le=9999)]
    status: tpt.RoundStatus
    date: PSpan
    venue: PCity | None = None
    participants: tuple[PMinister, ...] = ()
    # A twoplustwo/1 document lists bare dates; PDataset upgrades them, or refuses them in /2.
    slipped_from: tuple[
        Annotated[PPlan | PSpan, pydantic.Field(union_mode="left_to_right")], ...
    ] = ()
    sources: tuple[PSource, ...] = ()
    note: PNote | None = None
    mode: tpt.Mode = tpt.Mode.IN_PERSON
    host: CountryCode | None = None
    abroad: bool = False
    uncertain: tuple[PUncertainty, ...] = ()
    counted: bool = False
    announced: tuple[PAnnouncement, ...] = ()

    @pydantic.model_validator(mode="after")
    def _check(self) -> Self:
        _unique("seats", [(m.country, m.portfolio) for m in self.participants])
        _unique("uncertain facts", [u.fact for u in self.uncertain])
        for minister in self.participants:
            if not minister.may_hold_office_on(self.date):
                raise ValueError(f"{minister.name!r} was not in office on {self.date}")
        venue, host = self.venue, self.host
        if self.mode is tpt.Mode.VIRTUAL and venue is not None:
            raise ValueError("a virtual round has no venue")
        if self.abroad:
            if host is None or venue is None:
                raise ValueError("a round abroad needs a host and a venue")
            if venue.country == host:
                raise ValueError("a round abroad has its venue outside the host's country")
        elif host is not None and venue is not None and venue.country != host:
            raise ValueError("the venue lies outside the host's country, but not abroad")
        return self

    @property
    def is_pending(self) -> bool:
        """
        Whether the round has not been held (yet).
        """
        return self.status is not tpt.RoundStatus.HELD


class PStatusChange(PModel):
    """
    StatusChange.
    """

    status: tpt.MechanismStatus
    date: PSpan
    note: PNote | None = None
    sources: tuple[PSource, ...] = ()


class PAlternating(PModel):
    """
    Alternating.
    """

    kind: Literal["alternating"]
    first_host: CountryCode | None = None

    def named(self) -> tuple[str, ...]:
        """
        The party codes the rule names.
        """
        return () if self.first_host is None else (self.first_host,)


class PFixedVenue(PModel):
    """
    FixedVenue.
    """

    kind: Literal["fixed_venue"]
    venue: PCity

    def named(self) -> tuple[str, ...]:
        """
        The party codes the rule names.
        """
        return (self.venue.country,)


class PCycle(PModel):
    """
    Cycle.
    """

    kind: Literal["cycle"]
    hosts: Annotated[tuple[CountryCode, ...], pydantic.Field(min_length=1)]

    def named(self) -> tuple[str, ...]:
        """
        The party codes the rule names.
        """
        return self.hosts


class PLearned(PModel):
    """
    Learned.
    """

    kind: Literal["learned"]

    def named(self) -> tuple[str, ...]:
        """
        The party codes the rule names.
        """
        return ()


def _published(sources: Sequence[PSource]) -> Iterator[dt.date]:
    return (s.published.latest for s in sources if s.published is not None)


class PMechanism(PModel):
    """
    Mechanism: two parties; rounds in order, only the last pending, hosts and seats its own.
    """

    id: PSlug
    name: PText
    parties: tuple[PCountry, PCountry]
    rotation: Annotated[
        PAlternating | PFixedVenue | PCycle | PLearned, pydantic.Field(discriminator="kind")
    ]
    cadence_months: Annotated[int, pydantic.Field(ge=1, le=120)] | None = 12
    portfolios: Annotated[tuple[tpt.Portfolio, ...], pydantic.Field(min_length=1)] = (
        tpt.Portfolio.FOREIGN,
        tpt.Portfolio.DEFENCE,
    )
    rounds: tuple[PRound, ...] = ()
    topics: tuple[PText, ...] = ()
    note: PNote | None = None
    sources: tuple[PSource, ...] = ()
    status_changes: tuple[PStatusChange, ...] = ()
    checked: PDay | None = None
    aliases: tuple[PText, ...] = ()

    @pydantic.field_validator("portfolios", "aliases")
    @classmethod
    def _no_repeats(cls, value: tuple[Any, ...]) -> tuple[Any, ...]:
        _unique("an array", value)
        return value

    @pydantic.model_validator(mode="after")
    def _check_parties(self) -> Self:
        codes = self.codes
        if codes[0] == codes[1]:
            raise ValueError(f"the parties are both {codes[0]}")
        if any(code not in codes for code in self.rotation.named()):
            raise ValueError("the rotation names a country that is not a party")
        for earlier, later in itertools.pairwise(self.status_changes):
            if later.date.latest < earlier.date.earliest:
                raise ValueError("the status changes are out of order")
        return self

    @pydantic.model_validator(mode="after")
    def _check_rounds(self) -> Self:
        codes = self.codes
        previous: PRound | None = None
        for current in self.rounds:
            if previous is not None:
                if current.ordinal <= previous.ordinal:
                    raise ValueError(f"round {current.ordinal} follows round {previous.ordinal}")
                if previous.is_pending:
                    raise ValueError(f"round {current.ordinal} follows a pending round")
                if current.date.latest < previous.date.earliest:
                    raise ValueError(f"round {current.ordinal} is dated before the one before")
            hosts = (
                current.host,
                *(p.host for p in current.slipped_from if isinstance(p, PPlan)),
                *(a.host for a in current.announced),
            )
            if any(host is not None and host not in codes for host in hosts):
                raise ValueError(f"round {current.ordinal} names a host that is not a party")
            for minister in current.participants:
                if minister.country not in codes or minister.portfolio not in self.portfolios:
                    raise ValueError(f"{minister.name!r} holds no seat in {self.id}")
            previous = current
        return self

    @property
    def codes(self) -> tuple[str, str]:
        """
        The parties' country codes, first party first.
        """
        return (self.parties[0].code, self.parties[1].code)

    def dated(self) -> Iterator[dt.date]:
        """
        The last day of each held round, status change and source the mechanism records.
        """
        yield from _published(self.sources)
        for change in self.status_changes:
            yield change.date.latest
            yield from _published(change.sources)
        for current in self.rounds:
            if not current.is_pending:
                yield current.date.latest
            yield from _published(current.sources)
            yield from _published([a.source for a in current.announced])


class PSanctionRisk(PModel):
    """
    SanctionRisk: between two countries, and a third one if any.
    """

    id: PSlug
    law: PText
    imposed_by: CountryCode
    exposed: CountryCode
    trigger: PText
    status: tpt.SanctionStatus
    as_of: PDay
    program: PText | None = None
    counterparty: CountryCode | None = None
    decided_by: PText | None = None
    sources: tuple[PSource, ...] = ()

    @pydantic.model_validator(mode="after")
    def _three_countries(self) -> Self:
        if self.imposed_by == self.exposed:
            raise ValueError("a country does not impose a sanction on itself")
        if self.counterparty in (self.imposed_by, self.exposed):
            raise ValueError("the counterparty must be a third country")
        return self


class PGrouping(PModel):
    """
    Grouping: two members at least, none twice.
    """

    id: PSlug
    name: PText
    members: Annotated[tuple[CountryCode, ...], pydantic.Field(min_length=2)]
    note: PNote | None = None
    sources: tuple[PSource, ...] = ()

    @pydantic.field_validator("members")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _unique("members", value)
        return value


class PDataset(PModel):
    """
    Dataset, with its "format" key: ids unique, nothing held or published after ``as_of``.
    """

    format: PFormat
    as_of: PDay
    mechanisms: tuple[PMechanism, ...]
    groupings: tuple[PGrouping, ...] = ()
    sanction_risks: tuple[PSanctionRisk, ...] = ()

    @pydantic.model_validator(mode="after")
    def _check(self) -> Self:
        _unique("mechanism ids", [m.id for m in self.mechanisms])
        _unique("grouping ids", [g.id for g in self.groupings])
        _unique("sanction risk ids", [r.id for r in self.sanction_risks])
        for mechanism in self.mechanisms:
            if any(day > self.as_of for day in mechanism.dated()):
                raise ValueError(f"{mechanism.id} holds a fact dated after as_of")
        for grouping in self.groupings:
            if any(day > self.as_of for day in _published(grouping.sources)):
                raise ValueError(f"{grouping.id} holds a source published after as_of")
        for risk in self.sanction_risks:
            if risk.as_of > self.as_of or any(d > self.as_of for d in _published(risk.sources)):
                raise ValueError(f"{risk.id} is dated after as_of")
        bare = any(
            isinstance(plan, Span)
            for mechanism in self.mechanisms
            for current in mechanism.rounds
            for plan in current.slipped_from
        )
        if self.format == tpt.FORMAT:
            if bare:
                raise ValueError("slipped_from holds a bare date, which only /1 documents may")
            return self
        return self.model_copy(update={"format": tpt.FORMAT, "mechanisms": _upgraded(self)})


def _upgraded(dataset: PDataset) -> tuple[PMechanism, ...]:
    """
    The mechanisms of a twoplustwo/1 document, each bare date of ``slipped_from`` a plan.
    """
    return tuple(
        m.model_copy(
            update={
                "rounds": tuple(
                    r.model_copy(
                        update={
                            "slipped_from": tuple(
                                PPlan.model_construct(date=p) if isinstance(p, Span) else p
                                for p in r.slipped_from
                            )
                        }
                    )
                    for r in m.rounds
                )
            }
        )
        for m in dataset.mechanisms
    )


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> None:
    if len(dict(pairs)) != len(pairs):
        raise ValueError("duplicate key")


def pydantic_loads(text: str) -> PDataset:
    """
    Read a Dataset document with the pydantic mirror, refusing duplicate keys.

    pydantic's JSON parser keeps the last of duplicate keys and says nothing, and a model
    never sees the keys as written. So a document pydantic accepts is parsed once more by
    the standard library, whose ``object_pairs_hook`` sees each object's keys as written;
    the hook builds nothing (it returns None), so the second parse costs the scan alone:
    about 100 ms at 150 mechanisms, a fifth of this function's time and a seventh of
    pydantic's loads + dumps. jiter's ``from_json(..., catch_duplicate_keys=True)``
    (pydantic's parser as a package of its own) finds them about a quarter faster, but it
    builds every value and is one more dependency, which the benchmark's extra lacks.
    """
    dataset = PDataset.model_validate_json(text)
    json.loads(text, object_pairs_hook=_refuse_duplicates)
    return dataset


# --- Stock cattrs -----------------------------------------------------------------------


def stock_cattrs() -> cattrs.preconf.json.JsonConverter:
    """
    Return ``cattrs.preconf.json.make_converter()`` with only the hooks it cannot do without.
    """
    conv = cattrs.preconf.json.make_converter()
    conv.register_structure_hook(tpt.FuzzyDate, lambda value, _: tpt.FuzzyDate.parse(value))
    conv.register_unstructure_hook(tpt.FuzzyDate, str)
    conv.register_structure_hook(pendulum.Date, lambda value, _: pendulum.Date.fromisoformat(value))
    kinds: dict[type, str] = {c: c.kind for c in typing.get_args(tpt.Rotation)}
    cattrs.strategies.configure_tagged_union(
        tpt.Rotation, conv, tag_generator=kinds.__getitem__, tag_name="kind"
    )
    fields = make_dict_unstructure_fn(tpt.Dataset, conv)
    conv.register_unstructure_hook(
        tpt.Dataset, lambda dataset: {"format": tpt.FORMAT, **fields(dataset)}
    )
    return conv


# --- Timing -----------------------------------------------------------------------------


@attrs.frozen
class Contender:
    """
    One way to read the benchmark document into typed objects and write them back.

    Attributes:
        name: As printed.
        loads: Read the JSON text.
        dumps: Write the objects as JSON.
    """

    name: str
    loads: Callable[[str], object]
    dumps: Callable[[Any], str | bytes]


def contenders() -> tuple[Contender, ...]:
    """
    Return twoplustwo, msgspec, pydantic v2 and stock cattrs, each set up once.
    """
    stock = stock_cattrs()
    return (
        Contender(
            "twoplustwo", lambda text: tpt.loads(text, tpt.Dataset, max_size=None), tpt.dumps
        ),
        Contender(
            "msgspec",
            msgspec.json.Decoder(MDataset, dec_hook=_from_msgspec).decode,
            msgspec.json.Encoder(enc_hook=_to_msgspec).encode,
        ),
        Contender("pydantic v2", pydantic_loads, PDataset.model_dump_json),
        Contender(
            "stock cattrs",
            lambda text: stock.loads(text, tpt.Dataset),
            lambda obj: stock.dumps(obj, ensure_ascii=False),
        ),
    )


def time_contenders(
    text: str, field: Sequence[Contender], repeats: int
) -> dict[str, dict[str, float]]:
    """
    Time each contender's loads and dumps, interleaved, ``repeats`` times; return medians.
    """
    samples: dict[str, dict[str, list[float]]] = {
        c.name: {"loads": [], "dumps": [], "loads+dumps": []} for c in field
    }
    for repeat in range(repeats):
        shift = repeat % len(field)  # rotate the order, so that no one always goes first
        for contender in (*field[shift:], *field[:shift]):
            series = samples[contender.name]
            gc.collect()
            start = time.perf_counter()
            obj = contender.loads(text)
            series["loads"].append(time.perf_counter() - start)
            gc.collect()
            start = time.perf_counter()
            contender.dumps(obj)
            series["dumps"].append(time.perf_counter() - start)
            series["loads+dumps"].append(series["loads"][-1] + series["dumps"][-1])
            del obj
    return {
        name: {what: statistics.median(values) for what, values in series.items()}
        for name, series in samples.items()
    }


def main(argv: Sequence[str] | None = None) -> None:
    """
    Build the document, check every contender on it, time them and print the report.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--mechanisms", type=int, default=2000, help="default 2000")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved; default 5")
    args = parser.parse_args(argv)
    print("twoplustwo compared with msgspec, pydantic v2 and stock cattrs")
    for line in environment((*PACKAGES, "msgspec", "pydantic", "pydantic-core")):
        print("  " + line)
    text = tpt.dumps(builder.dataset(args.mechanisms))
    print(
        f"\ndataset: {args.mechanisms:,} mechanisms x 20 rounds x 4 ministers, "
        f"{len(text.encode()) / 2**20:.1f} MiB of JSON (seed {builder.SEED})"
    )
    field = contenders()
    for contender in field:
        if json.loads(contender.dumps(contender.loads(text))) != json.loads(text):
            raise SystemExit(f"{contender.name} does not write back the document it read")
    print("every contender reads the document and writes back the same JSON value")

    medians = time_contenders(text, field, args.repeats)
    parse = median_seconds(functools.partial(json.loads, text), args.repeats)
    print(f"\nmedians of {args.repeats} interleaved repeats:")
    print(f"  {'':<16}{'loads':>13}{'dumps':>13}{'loads+dumps':>13}")
    for name, took in medians.items():
        print(f"  {name:<16}" + "".join(ms(took[w]) for w in ("loads", "dumps", "loads+dumps")))
    print(f"  {'json.loads':<16}{ms(parse)}  (the stdlib's parse alone, no model)")

    ours = medians["twoplustwo"]
    print("\nratios, twoplustwo's time over the other's:")
    targets = {"pydantic v2": 1.25, "stock cattrs": 1.0}
    for what in ("loads+dumps", "loads", "dumps"):
        for other in ("pydantic v2", "stock cattrs", "msgspec"):
            bound = targets.get(other) if what == "loads+dumps" else None
            ratio = ours[what] / medians[other][what]
            print(ratio_line(f"{what}: twoplustwo / {other}", ratio, at_most=bound))


if __name__ == "__main__":
    main()
