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
msgspec and pydantic v2
    Frozen mirrors of every class and key a Dataset document can hold, Announcement and the
    four rotation policies included (``msgspec.Struct`` with ``forbid_unknown_fields``;
    ``BaseModel`` in strict mode with ``extra="forbid"``). They check JSON types, unknown
    keys, the "format" value, enums, country codes against pycountry's and zones against
    ``zoneinfo``'s, slugs, non-empty text, the ordinal's and the cadence's ranges (the
    cadence may be null, and is 12 if left out), the rotation's "kind" tag, and they parse
    every date: days to ``datetime.date``, each EDTF string to a ``Span`` of two. They do
    not check what twoplustwo checks across fields (a capital in its country; rounds in
    order, only the last pending; venues, hosts, announced hosts and participants of the
    parties, one a seat, in office on the day; unique ids, portfolios and aliases; nothing
    held or published after ``as_of``), nor surrounding whitespace, a URL's form, lone
    surrogates or duplicate keys: they do less.
stock cattrs
    ``cattrs.preconf.json.make_converter()`` on the model's own classes, given only what it
    cannot work without: FuzzyDate from and to text, ``pendulum.Date`` from ISO text, the
    rotation union tagged by "kind", and "format" written into a Dataset. It checks no JSON
    types and ignores unknown keys; the model's validators and invariants run all the same.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import functools
import gc
import json
import re
import statistics
import time
import typing
import zoneinfo
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, TypeAlias

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
        start, slash, end = text.partition("/")
        if not slash:
            return cls(*_single(text))
        first, last = _single(start)[0], _single(end)[1]
        if last < first:
            raise ValueError(f"{text!r} is a reversed interval")
        return cls(first, last)

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

PText = Annotated[str, pydantic.StringConstraints(min_length=1)]
PSlug = Annotated[str, pydantic.StringConstraints(pattern=SLUG)]
PSpan = Annotated[
    Span, pydantic.PlainValidator(Span.parse), pydantic.PlainSerializer(str, return_type=str)
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
    url: PText | None = None
    accessed: PSpan | None = None


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


class PPlan(PModel):
    """
    Plan.
    """

    date: PSpan | None = None
    venue: PCity | None = None
    host: CountryCode | None = None
    note: PText | None = None


class PAnnouncement(PModel):
    """
    Announcement.
    """

    source: PSource
    date: PSpan | None = None
    venue: PCity | None = None
    host: CountryCode | None = None
    mode: tpt.Mode | None = None
    note: PText | None = None


class PUncertainty(PModel):
    """
    Uncertainty.
    """

    fact: tpt.Fact
    note: PText


class PRound(PModel):
    """
    Round.
    """

    ordinal: Annotated[int, pydantic.Field(ge=1, le=9999)]
    status: tpt.RoundStatus
    date: PSpan
    venue: PCity | None = None
    participants: tuple[PMinister, ...] = ()
    slipped_from: tuple[PPlan, ...] = ()
    sources: tuple[PSource, ...] = ()
    note: PText | None = None
    mode: tpt.Mode = tpt.Mode.IN_PERSON
    host: CountryCode | None = None
    abroad: bool = False
    uncertain: tuple[PUncertainty, ...] = ()
    counted: bool = False
    announced: tuple[PAnnouncement, ...] = ()


class PStatusChange(PModel):
    """
    StatusChange.
    """

    status: tpt.MechanismStatus
    date: PSpan
    note: PText | None = None
    sources: tuple[PSource, ...] = ()


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


class PLearned(PModel):
    """
    Learned.
    """

    kind: Literal["learned"]


class PMechanism(PModel):
    """
    Mechanism.
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
    note: PText | None = None
    sources: tuple[PSource, ...] = ()
    status_changes: tuple[PStatusChange, ...] = ()
    checked: dt.date | None = None
    aliases: tuple[PText, ...] = ()


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

    format: Format
    as_of: dt.date
    mechanisms: tuple[PMechanism, ...]
    groupings: tuple[PGrouping, ...] = ()
    sanction_risks: tuple[PSanctionRisk, ...] = ()


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
        Contender("pydantic v2", PDataset.model_validate_json, PDataset.model_dump_json),
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
