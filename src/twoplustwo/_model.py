"""
The domain model: immutable value classes whose invariants hold from construction on.
"""

from __future__ import annotations

import enum
import functools
import re
import zoneinfo
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeAlias

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, _to_date
from twoplustwo.exceptions import InvalidModel, UnknownId, UnknownMechanism

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ALPHA_2: Final = re.compile(r"[A-Z]{2}")  # the shape of a code, as the JSON Schema says it
_ZONE: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+-]{0,29}(?:/[A-Za-z0-9_+-]{1,30}){1,2}")
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")


class _Invalid(Exception):
    """
    What a check found wrong with a value, before the name of the value is known.

    The message is only built when the check fails, so a passing check costs no formatting.
    """

    def __init__(self, value: object, text: str, suffix: str = "") -> None:
        super().__init__(text)
        self.value = value
        self.text = text
        self.suffix = suffix

    def at(self, where: str) -> InvalidModel:
        """
        Return the error with ``where`` (such as ``Round.ordinal``) naming the value.
        """
        return InvalidModel(f"{where}{self.suffix}={self.value!r} {self.text}")


Check: TypeAlias = Callable[[Any], None]
"""A check of one value; it raises :class:`_Invalid` when the value is wrong."""

CHECKS: Final[dict[object, tuple[str, Any]]] = {}
"""What each check and validator made here is, for code that wants to inline them.

Keys are the functions; values are ``("field", check)``, ``("type", types)``,
``("optional", check)`` or ``("tuple", check)``; the plain checks ``_text``, ``_slug``,
``_country_code`` and ``_timezone`` are known by identity.
"""


def _field(check: Check) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    """
    Turn a check into an attrs validator whose messages name the class and field.
    """

    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        try:
            check(value)
        except _Invalid as invalid:
            raise invalid.at(f"{type(instance).__name__}.{attribute.name}") from None

    CHECKS[validate] = ("field", check)
    return validate


def _instance_of(*types: type) -> Check:
    expected = " or ".join(t.__name__ for t in types)
    exclude_bool = bool not in types  # bool is an int to Python but never a count here

    def check(value: object) -> None:
        if not isinstance(value, types) or (exclude_bool and isinstance(value, bool)):
            raise _Invalid(value, f"is not of type {expected}")

    CHECKS[check] = ("type", types)
    return check


def _text(value: object) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise _Invalid(value, "must be non-empty text without surrounding whitespace")
    if not value.isascii() and _SURROGATE.search(value):
        raise _Invalid(value, "holds a lone surrogate, which is not Unicode text")


def _slug(value: object) -> None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise _Invalid(value, "is not a lowercase slug like 'in-us'")


@functools.cache
def country_codes() -> frozenset[str]:
    """
    Return the ISO 3166-1 alpha-2 codes pycountry knows, loading its database once.

    The database file is read directly, as importing pycountry costs about 16 ms (it loads
    importlib.metadata, email and logging) against under 1 ms for the file; where the file
    is not where pycountry keeps it, pycountry's own API is asked.
    """
    try:
        return _codes_in_pycountry_file()
    except (OSError, ValueError, LookupError, TypeError):
        import pycountry  # noqa: PLC0415 - the slow way, only when the file is not found

        return frozenset(country.alpha_2 for country in pycountry.countries)


def _codes_in_pycountry_file() -> frozenset[str]:
    import importlib.util  # noqa: PLC0415 - only needed once, when the first code is checked
    import json  # noqa: PLC0415 - idem

    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("pycountry is not installed as a package")
    path = Path(spec.submodule_search_locations[0], "databases", "iso3166-1.json")
    entries = json.loads(path.read_text(encoding="utf-8"))["3166-1"]
    return frozenset(entry["alpha_2"] for entry in entries)


def _country_code(value: object) -> None:
    if not isinstance(value, str) or value not in country_codes():
        raise _Invalid(value, "is not an ISO 3166-1 alpha-2 country code")


@functools.lru_cache(maxsize=1024)
def known_zone(name: str) -> bool:
    """
    Return whether ``name`` is an IANA zone of the Area/Location form (or UTC).
    """
    if name != "UTC" and not _ZONE.fullmatch(name):
        return False  # not Area/Location; legacy names such as "EST" or "GB" are no city's zone
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _timezone(value: object) -> None:
    if not isinstance(value, str) or not known_zone(value):
        raise _Invalid(value, "is not an IANA time zone")


def _optional(check: Check) -> Check:
    def optional(value: object) -> None:
        if value is not None:
            check(value)

    CHECKS[optional] = ("optional", check)
    return optional


def _tuple_of(check: Check) -> Check:
    def each(value: object) -> None:
        if not isinstance(value, tuple):
            raise _Invalid(value, "is not a tuple")
        for index, item in enumerate(value):
            try:
                check(item)
            except _Invalid as invalid:
                raise _Invalid(invalid.value, invalid.text, f"[{index}]{invalid.suffix}") from None

    CHECKS[each] = ("tuple", check)
    return each


def _unique(what: str, keys: Iterable[object]) -> None:
    seen: set[object] = set()
    for key in keys:
        if key in seen:
            raise InvalidModel(f"{what} {key!r} appears twice")
        seen.add(key)


class Portfolio(enum.Enum):
    """
    The ministerial portfolio a seat at the table stands for.
    """

    FOREIGN = "foreign"
    DEFENCE = "defence"


class RoundStatus(enum.Enum):
    """
    Where a round stands: held, or one of the pending states.
    """

    HELD = "held"
    SCHEDULED = "scheduled"
    PROPOSED = "proposed"
    POSTPONED = "postponed"


class SanctionStatus(enum.Enum):
    """
    Where a sanction risk stands.
    """

    POTENTIAL = "potential"
    WAIVED = "waived"
    IMPOSED = "imposed"
    LIFTED = "lifted"


@attrs.frozen
class Source:
    """
    A published document that facts are taken from.

    Attributes:
        title: A short title for the document, in our own words where it has none.
        published: When it was published.
        dateline: The place it was filed from, if it names one.
        url: Where it can be read, if known.
    """

    title: str = attrs.field(validator=_field(_text))
    published: FuzzyDate = attrs.field(validator=_field(_instance_of(FuzzyDate)))
    dateline: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    url: str | None = attrs.field(default=None, validator=_field(_optional(_text)))


_sources = attrs.field(default=(), validator=_field(_tuple_of(_instance_of(Source))))


@attrs.frozen
class City:
    """
    A city where rounds meet.

    Attributes:
        name: The city's usual English name, such as ``New Delhi``.
        country: The ISO 3166-1 alpha-2 code of its country, such as ``IN``.
        timezone: Its IANA time zone, such as ``Asia/Kolkata``.
    """

    name: str = attrs.field(validator=_field(_text))
    country: str = attrs.field(validator=_field(_country_code))
    timezone: str = attrs.field(validator=_field(_timezone))


@attrs.frozen
class Country:
    """
    A party to a mechanism.

    Attributes:
        code: Its ISO 3166-1 alpha-2 code.
        name: Its usual English short name.
        capital: Its capital, which lies in it; a forecast venue is the host's capital.
    """

    code: str = attrs.field(validator=_field(_country_code))
    name: str = attrs.field(validator=_field(_text))
    capital: City = attrs.field(validator=_field(_instance_of(City)))

    @capital.validator
    def _check_capital(self, attribute: attrs.Attribute[City], value: City) -> None:
        if value.country != self.code:
            raise InvalidModel(
                f"Country.capital={value.name!r} lies in {value.country}, not in {self.code}"
            )


_optional_date = _optional(_instance_of(FuzzyDate))


@attrs.frozen
class Minister:
    """
    One person's tenure in one ministerial post.

    Attributes:
        name: The person's name as usually written.
        country: The ISO 3166-1 alpha-2 code of the country they serve.
        portfolio: The portfolio of the post.
        title: The post's title, such as ``Secretary of State``.
        honorific: A prefix such as ``Dr``, if the person uses one.
        term_start: When the tenure began, if known.
        term_end: When it ended, if it has and that is known.
        died: When the person died, if they have and that is known.
    """

    name: str = attrs.field(validator=_field(_text))
    country: str = attrs.field(validator=_field(_country_code))
    portfolio: Portfolio = attrs.field(validator=_field(_instance_of(Portfolio)))
    title: str = attrs.field(validator=_field(_text))
    honorific: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    term_start: FuzzyDate | None = attrs.field(default=None, validator=_field(_optional_date))
    term_end: FuzzyDate | None = attrs.field(default=None, validator=_field(_optional_date))
    died: FuzzyDate | None = attrs.field(default=None, validator=_field(_optional_date))

    def __attrs_post_init__(self) -> None:
        start, end, died = self.term_start, self.term_end, self.died
        if start is not None and end is not None and end.definitely_before(start):
            raise InvalidModel(f"Minister.term_end={end} is before term_start={start}")
        if died is not None:
            for name, bound in (("term_start", start), ("term_end", end)):
                if bound is not None and died.definitely_before(bound):
                    raise InvalidModel(f"Minister.died={died} is before {name}={bound}")

    @property
    def seat(self) -> tuple[str, Portfolio]:
        """
        The seat this minister fills, as a (country, portfolio) pair.
        """
        return (self.country, self.portfolio)

    def may_hold_office_on(self, date: FuzzyDate) -> bool:
        """
        Return whether what is known of the term allows the minister to be in office on ``date``.
        """
        start, end, died = self.term_start, self.term_end, self.died
        return not (
            (start is not None and date.definitely_before(start))
            or (end is not None and end.definitely_before(date))
            or (died is not None and died.definitely_before(date))
        )


@attrs.frozen
class Round:
    """
    One meeting of a mechanism, held or pending.

    Attributes:
        ordinal: Its number in the series, from 1.
        status: Whether it was held or is still pending.
        date: When it was held, or is planned for.
        venue: Where it met or is to meet; None if not recorded.
        participants: The ministers at the table, at most one a seat.
        slipped_from: Earlier dates it was proposed for that did not happen, oldest first.
        sources: Where these facts come from.
        note: Anything else worth knowing, in one or two sentences.
    """

    ordinal: int = attrs.field(validator=_field(_instance_of(int)))
    status: RoundStatus = attrs.field(validator=_field(_instance_of(RoundStatus)))
    date: FuzzyDate = attrs.field(validator=_field(_instance_of(FuzzyDate)))
    venue: City | None = attrs.field(default=None, validator=_field(_optional(_instance_of(City))))
    participants: tuple[Minister, ...] = attrs.field(
        default=(), validator=_field(_tuple_of(_instance_of(Minister)))
    )
    slipped_from: tuple[FuzzyDate, ...] = attrs.field(
        default=(), validator=_field(_tuple_of(_instance_of(FuzzyDate)))
    )
    sources: tuple[Source, ...] = _sources
    note: str | None = attrs.field(default=None, validator=_field(_optional(_text)))

    def __attrs_post_init__(self) -> None:
        if self.ordinal < 1:
            raise InvalidModel(f"Round.ordinal={self.ordinal} must be 1 or more")
        _unique(f"round {self.ordinal}: seat", (m.seat for m in self.participants))
        for index, minister in enumerate(self.participants):
            if not minister.may_hold_office_on(self.date):
                raise InvalidModel(
                    f"Round.participants[{index}]={minister.name!r} was not in office on "
                    f"the date of round {self.ordinal}, {self.date}"
                )

    @property
    def is_pending(self) -> bool:
        """
        Whether the round has not been held (yet).
        """
        return self.status is not RoundStatus.HELD


@attrs.frozen
class Alternating:
    """
    The parties take turns: the next host is the party whose last hosting is oldest.

    Attributes:
        first_host: The code of the party that hosts first (and wins ties); None means the
            first party.
    """

    first_host: str | None = attrs.field(default=None, validator=_field(_optional(_country_code)))


@attrs.frozen
class FixedVenue:
    """
    Every round meets in the same city, which lies in one of the parties.

    Attributes:
        venue: That city.
    """

    venue: City = attrs.field(validator=_field(_instance_of(City)))


@attrs.frozen
class Cycle:
    """
    Hosts follow a fixed cycle: round k is hosted by ``hosts[(k - 1) % len(hosts)]``.

    Attributes:
        hosts: Party codes in cycle order; at least one.
    """

    hosts: tuple[str, ...] = attrs.field(validator=_field(_tuple_of(_country_code)))

    @hosts.validator
    def _check_hosts(
        self, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
    ) -> None:
        if not value:
            raise InvalidModel("Cycle.hosts=() must name at least one host")


RowValue: TypeAlias = str | int | bool | pendulum.Date
"""A value in a row of :meth:`Dataset.rounds_table`."""

Rotation: TypeAlias = Alternating | FixedVenue | Cycle
"""The rule that says who hosts which round."""


_portfolio_tuple: Final = _tuple_of(_instance_of(Portfolio))


def _portfolios(value: object) -> None:
    _portfolio_tuple(value)
    if not value:
        raise _Invalid(value, "must name at least one portfolio")


@attrs.frozen
class Mechanism:
    """
    A standing dialogue between two countries, and its rounds.

    Attributes:
        id: A lowercase slug, unique within a dataset, such as ``in-us``.
        name: Its usual name.
        parties: The two countries, first party first (it wins alternation ties).
        rotation: Who hosts which round.
        cadence_months: Months from one round to the next; 12 for an annual dialogue.
        portfolios: The portfolios at the table.
        rounds: Its rounds in order; at most one pending, and only as the last.
        topics: What it is meant to discuss.
        note: Anything else worth knowing.
        sources: Where these facts come from.
    """

    id: str = attrs.field(validator=_field(_slug))
    name: str = attrs.field(validator=_field(_text))
    parties: tuple[Country, Country] = attrs.field(
        validator=_field(_tuple_of(_instance_of(Country)))
    )
    rotation: Rotation = attrs.field(validator=_field(_instance_of(Alternating, FixedVenue, Cycle)))
    cadence_months: int = attrs.field(default=12, validator=_field(_instance_of(int)))
    portfolios: tuple[Portfolio, ...] = attrs.field(
        default=(Portfolio.FOREIGN, Portfolio.DEFENCE), validator=_field(_portfolios)
    )
    rounds: tuple[Round, ...] = attrs.field(
        default=(), validator=_field(_tuple_of(_instance_of(Round)))
    )
    topics: tuple[str, ...] = attrs.field(default=(), validator=_field(_tuple_of(_text)))
    note: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    sources: tuple[Source, ...] = _sources

    def __attrs_post_init__(self) -> None:
        self._check_parties()
        if not 1 <= self.cadence_months <= 120:
            raise InvalidModel(f"Mechanism.cadence_months={self.cadence_months} is not in 1-120")
        _unique("Mechanism.portfolios: portfolio", self.portfolios)
        self._check_rounds()

    def _check_parties(self) -> None:
        if len(self.parties) != 2:
            raise InvalidModel(f"Mechanism.parties has {len(self.parties)} countries, not 2")
        codes = self.codes
        if codes[0] == codes[1]:
            raise InvalidModel(f"Mechanism.parties names {codes[0]} twice")
        rotation = self.rotation
        if isinstance(rotation, Cycle):
            hosts: tuple[str | None, ...] = rotation.hosts
        elif isinstance(rotation, Alternating):
            hosts = (rotation.first_host,)
        else:
            hosts = (rotation.venue.country,)
        for host in hosts:
            if host is not None and host not in codes:
                raise InvalidModel(f"Mechanism.rotation names {host}, which is not a party")

    def _check_rounds(self) -> None:
        codes = self.codes
        previous: Round | None = None
        for index, current in enumerate(self.rounds):
            where = f"Mechanism.rounds[{index}]"
            if previous is not None:
                if current.ordinal <= previous.ordinal:
                    raise InvalidModel(
                        f"{where}.ordinal={current.ordinal} does not follow {previous.ordinal}"
                    )
                if previous.is_pending:
                    raise InvalidModel(
                        f"{where}: round {previous.ordinal} is {previous.status.value}, "
                        "so no round can follow it"
                    )
                if current.date.definitely_before(previous.date):
                    raise InvalidModel(
                        f"{where}.date={current.date} is before round {previous.ordinal}'s "
                        f"{previous.date}"
                    )
            if current.venue is not None and current.venue.country not in codes:
                raise InvalidModel(f"{where}.venue={current.venue.name!r} lies in neither party")
            for seat, minister in enumerate(current.participants):
                if minister.country not in codes or minister.portfolio not in self.portfolios:
                    raise InvalidModel(
                        f"{where}.participants[{seat}]={minister.name!r} holds no seat here "
                        f"({minister.country}, {minister.portfolio.value})"
                    )
            previous = current

    @property
    def codes(self) -> tuple[str, str]:
        """
        The parties' country codes, first party first.
        """
        return (self.parties[0].code, self.parties[1].code)

    def party(self, code: str) -> Country:
        """
        Return the party with country code ``code``.

        Raises:
            InvalidModel: Neither party has that code.
        """
        for country in self.parties:
            if country.code == code:
                return country
        raise InvalidModel(f"{code!r} is not a party to {self.id}")

    @property
    def held(self) -> tuple[Round, ...]:
        """
        The rounds that were held, in order.
        """
        return tuple(r for r in self.rounds if not r.is_pending)

    @property
    def pending(self) -> Round | None:
        """
        The round that is scheduled, proposed or postponed, if there is one.
        """
        if self.rounds and self.rounds[-1].is_pending:
            return self.rounds[-1]
        return None


@attrs.frozen
class SanctionRisk:
    """
    A sanction one country may impose on another, hanging over their dealings.

    Attributes:
        id: A lowercase slug, unique within a dataset.
        law: The law or regime under which it would be imposed.
        imposed_by: Code of the country that would impose it.
        exposed: Code of the country exposed to it.
        trigger: What would set it off.
        status: Where it stands as of ``as_of``.
        as_of: The day that status was reported.
        program: The programme or system at issue, if named.
        counterparty: Code of the third country in the deal, if any.
        decided_by: Who decides whether it is waived or imposed, if known.
        sources: Where these facts come from.
    """

    id: str = attrs.field(validator=_field(_slug))
    law: str = attrs.field(validator=_field(_text))
    imposed_by: str = attrs.field(validator=_field(_country_code))
    exposed: str = attrs.field(validator=_field(_country_code))
    trigger: str = attrs.field(validator=_field(_text))
    status: SanctionStatus = attrs.field(validator=_field(_instance_of(SanctionStatus)))
    as_of: pendulum.Date = attrs.field(converter=_to_date)
    program: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    counterparty: str | None = attrs.field(default=None, validator=_field(_optional(_country_code)))
    decided_by: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    sources: tuple[Source, ...] = _sources

    def __attrs_post_init__(self) -> None:
        if self.imposed_by == self.exposed:
            raise InvalidModel(f"SanctionRisk.exposed={self.exposed!r} is also imposed_by")
        if self.counterparty in (self.imposed_by, self.exposed):
            raise InvalidModel(
                f"SanctionRisk.counterparty={self.counterparty!r} must be a third country"
            )


@attrs.frozen
class Grouping:
    """
    A group of countries, such as the Quad.

    Attributes:
        id: A lowercase slug, unique within a dataset.
        name: Its usual name.
        members: Member country codes; at least two, none twice.
        note: Anything else worth knowing.
        sources: Where these facts come from.
    """

    id: str = attrs.field(validator=_field(_slug))
    name: str = attrs.field(validator=_field(_text))
    members: tuple[str, ...] = attrs.field(validator=_field(_tuple_of(_country_code)))
    note: str | None = attrs.field(default=None, validator=_field(_optional(_text)))
    sources: tuple[Source, ...] = _sources

    def __attrs_post_init__(self) -> None:
        if len(self.members) < 2:
            raise InvalidModel(f"Grouping.members={self.members!r} needs at least two members")
        _unique("Grouping.members: member", self.members)


@attrs.frozen
class Dataset:
    """
    Mechanisms, groupings and sanction risks as known on one day.

    Attributes:
        as_of: The day the data describes; no held round lies after it.
        mechanisms: The mechanisms, ids unique.
        groupings: The groupings, ids unique.
        sanction_risks: The sanction risks, ids unique.
    """

    as_of: pendulum.Date = attrs.field(converter=_to_date)
    mechanisms: tuple[Mechanism, ...] = attrs.field(
        validator=_field(_tuple_of(_instance_of(Mechanism)))
    )
    groupings: tuple[Grouping, ...] = attrs.field(
        default=(), validator=_field(_tuple_of(_instance_of(Grouping)))
    )
    sanction_risks: tuple[SanctionRisk, ...] = attrs.field(
        default=(), validator=_field(_tuple_of(_instance_of(SanctionRisk)))
    )

    def __attrs_post_init__(self) -> None:
        _unique("Dataset.mechanisms: id", (m.id for m in self.mechanisms))
        _unique("Dataset.groupings: id", (g.id for g in self.groupings))
        _unique("Dataset.sanction_risks: id", (r.id for r in self.sanction_risks))
        for mechanism in self.mechanisms:
            for held in mechanism.held:
                if held.date.earliest > self.as_of:
                    raise InvalidModel(
                        f"Dataset: round {held.ordinal} of {mechanism.id} is held on "
                        f"{held.date}, after as_of={self.as_of.isoformat()}"
                    )

    def mechanism(self, mechanism_id: str) -> Mechanism:
        """
        Return the mechanism with id ``mechanism_id``.

        Raises:
            UnknownMechanism: No mechanism has that id; the error lists the known ones.
        """
        for mechanism in self.mechanisms:
            if mechanism.id == mechanism_id:
                return mechanism
        raise UnknownMechanism(mechanism_id, tuple(m.id for m in self.mechanisms))

    def grouping(self, grouping_id: str) -> Grouping:
        """
        Return the grouping with id ``grouping_id``.

        Raises:
            UnknownId: No grouping has that id; the error lists the known ones.
        """
        for grouping in self.groupings:
            if grouping.id == grouping_id:
                return grouping
        raise UnknownId("grouping", grouping_id, tuple(g.id for g in self.groupings))

    def risks_for(self, mechanism: Mechanism | str) -> tuple[SanctionRisk, ...]:
        """
        Return the sanction risks between a mechanism's two parties, either way round.

        Raises:
            UnknownMechanism: ``mechanism`` is an id no mechanism has.
        """
        found = self.mechanism(mechanism) if isinstance(mechanism, str) else mechanism
        parties = set(found.codes)
        return tuple(r for r in self.sanction_risks if {r.imposed_by, r.exposed} == parties)

    def rounds_table(self) -> tuple[dict[str, RowValue], ...]:
        """
        Return one flat row a round, ready for ``pandas.DataFrame`` or ``csv.DictWriter``.

        Keys: ``mechanism``, ``ordinal``, ``status``, ``earliest`` and ``latest`` (days),
        ``venue`` (a city name), ``host`` (a country code), ``venue_inferred`` (True when no
        venue is on record and the rotation gave it), and ``participants`` (names joined by
        ``"; "``).
        """
        # The calculator builds on this module, so it is imported when first needed.
        from twoplustwo._rotation import resolved_venues  # noqa: PLC0415

        return tuple(
            {
                "mechanism": mechanism.id,
                "ordinal": current.ordinal,
                "status": current.status.value,
                "earliest": current.date.earliest,
                "latest": current.date.latest,
                "venue": venue.name,
                "host": venue.country,
                "venue_inferred": inferred,
                "participants": "; ".join(m.name for m in current.participants),
            }
            for mechanism in self.mechanisms
            for current, venue, inferred in resolved_venues(mechanism)
        )

    def partners(self, code: str, *, outside: str | None = None) -> tuple[str, ...]:
        """
        Return the sorted codes of the countries ``code`` has a mechanism with.

        Args:
            code: An ISO 3166-1 alpha-2 country code.
            outside: A grouping id; its members are left out.

        Raises:
            UnknownId: ``outside`` names no grouping.
        """
        left_out = set(self.grouping(outside).members) if outside is not None else set()
        found = {
            other
            for mechanism in self.mechanisms
            if code in mechanism.codes
            for other in mechanism.codes
            if other != code and other not in left_out
        }
        return tuple(sorted(found))
