"""
The domain model: immutable value classes whose invariants hold from construction on.
"""

from __future__ import annotations

import enum
import warnings
from typing import ClassVar, Final, TypeAlias

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, to_date
from twoplustwo._validators import (
    CODE,
    ORDINAL,
    SLUG,
    TEXT,
    ZONE,
    Count,
    Optional,
    TupleOf,
    instance_of,
    unique,
)
from twoplustwo.exceptions import InvalidModel, UnknownId, UnknownMechanism


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

    title: str = attrs.field(validator=TEXT)
    published: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    dateline: str | None = attrs.field(default=None, validator=Optional(TEXT))
    url: str | None = attrs.field(default=None, validator=Optional(TEXT))


_sources = attrs.field(default=(), validator=TupleOf(instance_of(Source)))


@attrs.frozen
class City:
    """
    A city where rounds meet.

    Attributes:
        name: The city's usual English name, such as ``New Delhi``.
        country: The ISO 3166-1 alpha-2 code of its country, such as ``IN``.
        timezone: Its IANA time zone, such as ``Asia/Kolkata``.
    """

    name: str = attrs.field(validator=TEXT)
    country: str = attrs.field(validator=CODE)
    timezone: str = attrs.field(validator=ZONE)


@attrs.frozen
class Country:
    """
    A party to a mechanism.

    Attributes:
        code: Its ISO 3166-1 alpha-2 code.
        name: Its usual English short name.
        capital: Its capital, which lies in it; a forecast venue is the host's capital.
    """

    code: str = attrs.field(validator=CODE)
    name: str = attrs.field(validator=TEXT)
    capital: City = attrs.field(validator=instance_of(City))

    @capital.validator
    def _check_capital(self, attribute: attrs.Attribute[City], value: City) -> None:
        if value.country != self.code:
            raise InvalidModel(
                f"Country.capital={value.name!r} lies in {value.country}, not in {self.code}"
            )


_optional_date: Final = Optional(instance_of(FuzzyDate))


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

    name: str = attrs.field(validator=TEXT)
    country: str = attrs.field(validator=CODE)
    portfolio: Portfolio = attrs.field(validator=instance_of(Portfolio))
    title: str = attrs.field(validator=TEXT)
    honorific: str | None = attrs.field(default=None, validator=Optional(TEXT))
    term_start: FuzzyDate | None = attrs.field(default=None, validator=_optional_date)
    term_end: FuzzyDate | None = attrs.field(default=None, validator=_optional_date)
    died: FuzzyDate | None = attrs.field(default=None, validator=_optional_date)

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

    ordinal: int = attrs.field(validator=ORDINAL)
    status: RoundStatus = attrs.field(validator=instance_of(RoundStatus))
    date: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    venue: City | None = attrs.field(default=None, validator=Optional(instance_of(City)))
    participants: tuple[Minister, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Minister))
    )
    slipped_from: tuple[FuzzyDate, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(FuzzyDate))
    )
    sources: tuple[Source, ...] = _sources
    note: str | None = attrs.field(default=None, validator=Optional(TEXT))

    def __attrs_post_init__(self) -> None:
        unique(f"round {self.ordinal}: seat", (m.seat for m in self.participants))
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


Record: TypeAlias = tuple[tuple[int, str], ...]
"""Who hosted the rounds so far: (ordinal, party code) pairs, in order."""


@attrs.frozen
class Alternating:
    """
    The parties take turns: the next host is the party whose last hosting is oldest.

    Attributes:
        first_host: The code of the party that hosts first (and wins ties); None means the
            first party.
    """

    kind: ClassVar[str] = "alternating"

    first_host: str | None = attrs.field(default=None, validator=Optional(CODE))

    def named(self) -> tuple[str, ...]:
        """
        Return the party codes the rule names.
        """
        return () if self.first_host is None else (self.first_host,)

    def describe(self, mechanism: Mechanism) -> str:
        """
        Say the rule in words, such as "hosting alternates between India and United States".
        """
        first, second = (country.name for country in mechanism.parties)
        return f"hosting alternates between {first} and {second}"

    def host(self, mechanism: Mechanism, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal`` given who hosted the rounds in ``record``, and why.

        Rounds between the last one in ``record`` and ``ordinal`` are unrecorded: alternation
        runs on through them.
        """
        start = record[-1][0] + 1 if record else 1
        opener, why = self._opener(mechanism, record)
        if ordinal == start:
            return opener, why
        host = opener if (ordinal - start) % 2 == 0 else mechanism.other(opener)
        return host, (
            f"alternation from round {start}, which {mechanism.name_of(opener)} would host, "
            f"runs on through the unrecorded rounds up to round {ordinal}: "
            f"{mechanism.name_of(host)}"
        )

    def _opener(self, mechanism: Mechanism, record: Record) -> tuple[str, str]:
        name = mechanism.name_of
        if not record:
            if self.first_host is not None:
                host = self.first_host
                return host, f"neither party has hosted yet, so the first host, {name(host)}, does"
            host = mechanism.codes[0]
            return host, (
                "neither party has hosted yet and no first host is set, so the first party, "
                f"{name(host)}, does"
            )
        recent_ordinal, recent = record[-1]
        host = mechanism.other(recent)
        since = next((k for k, code in reversed(record) if code == host), None)
        if since is None:
            return host, (
                f"{name(recent)} hosted round {recent_ordinal} and {name(host)} has never "
                f"hosted, so {name(host)} does"
            )
        return host, (
            f"{name(host)} last hosted round {since}, before {name(recent)} hosted round "
            f"{recent_ordinal}, so {name(host)} does"
        )

    def place(self, host: Country) -> tuple[City, str]:
        """
        Return the venue of a round the rule gives to ``host``, and why.
        """
        return host.capital, f"the capital of the host, {host.name}"


@attrs.frozen
class FixedVenue:
    """
    Every round meets in the same city, which lies in one of the parties.

    Attributes:
        venue: That city.
    """

    kind: ClassVar[str] = "fixed_venue"

    venue: City = attrs.field(validator=instance_of(City))

    def named(self) -> tuple[str, ...]:
        """
        Return the party codes the rule names.
        """
        return (self.venue.country,)

    def describe(self, mechanism: Mechanism) -> str:
        """
        Say the rule in words.
        """
        return f"every round meets in {self.venue.name}"

    def host(self, mechanism: Mechanism, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal``: the party the city lies in, whatever came before.
        """
        host = self.venue.country
        return host, f"every round meets in {self.venue.name}, {mechanism.name_of(host)}"

    def place(self, host: Country) -> tuple[City, str]:
        """
        Return the venue of every round, and why.
        """
        return self.venue, "where every round meets"


@attrs.frozen
class Cycle:
    """
    Hosts follow a fixed cycle: round k is hosted by ``hosts[(k - 1) % len(hosts)]``.

    Attributes:
        hosts: Party codes in cycle order; at least one.
    """

    kind: ClassVar[str] = "cycle"

    hosts: tuple[str, ...] = attrs.field(validator=TupleOf(CODE, min_items=1))

    def named(self) -> tuple[str, ...]:
        """
        Return the party codes the rule names.
        """
        return self.hosts

    def describe(self, mechanism: Mechanism) -> str:
        """
        Say the rule in words.
        """
        return "hosts follow the cycle " + ", ".join(self.hosts)

    def host(self, mechanism: Mechanism, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal`` by its place in the cycle, and why.
        """
        place = (ordinal - 1) % len(self.hosts)
        host = self.hosts[place]
        return host, (
            f"the hosts follow the cycle {', '.join(self.hosts)}, and round {ordinal} falls to "
            f"place {place + 1}: {mechanism.name_of(host)}"
        )

    def place(self, host: Country) -> tuple[City, str]:
        """
        Return the venue of a round the cycle gives to ``host``, and why.
        """
        return host.capital, f"the capital of the host, {host.name}"


ROTATIONS: Final = (Alternating, FixedVenue, Cycle)
"""Every rotation policy; each has its tag in ``kind``. A new policy is one class added here."""

Rotation: TypeAlias = Alternating | FixedVenue | Cycle
"""The rule that says who hosts which round."""

RowValue: TypeAlias = str | int | bool | pendulum.Date
"""A value in a row of :func:`rounds_table`."""


@attrs.frozen
class Hosting:
    """
    Who hosted (or hosts) one round, and whether the record says so or the rotation does.

    Attributes:
        round: The round.
        host: The host's party code.
        venue: Where it met: the recorded venue, else the rotation's.
        inferred: True when no venue is on record and the rotation gave the host.
        why: How the rotation gave the host, when it did.
    """

    round: Round
    host: str
    venue: City
    inferred: bool
    why: str | None


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

    id: str = attrs.field(validator=SLUG)
    name: str = attrs.field(validator=TEXT)
    parties: tuple[Country, Country] = attrs.field(validator=TupleOf(instance_of(Country)))
    rotation: Rotation = attrs.field(validator=instance_of(*ROTATIONS))
    cadence_months: int = attrs.field(default=12, validator=Count(1, 120))
    portfolios: tuple[Portfolio, ...] = attrs.field(
        default=(Portfolio.FOREIGN, Portfolio.DEFENCE),
        validator=TupleOf(instance_of(Portfolio), min_items=1, unique=True),
    )
    rounds: tuple[Round, ...] = attrs.field(default=(), validator=TupleOf(instance_of(Round)))
    topics: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(TEXT))
    note: str | None = attrs.field(default=None, validator=Optional(TEXT))
    sources: tuple[Source, ...] = _sources

    def __attrs_post_init__(self) -> None:
        self._check_parties()
        self._check_rounds()

    def _check_parties(self) -> None:
        if len(self.parties) != 2:
            raise InvalidModel(f"Mechanism.parties has {len(self.parties)} countries, not 2")
        codes = self.codes
        if codes[0] == codes[1]:
            raise InvalidModel(f"Mechanism.parties names {codes[0]} twice")
        for host in self.rotation.named():
            if host not in codes:
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

    def name_of(self, code: str) -> str:
        """
        Return the name of the party with country code ``code``.

        Raises:
            InvalidModel: Neither party has that code.
        """
        return self.party(code).name

    def other(self, code: str) -> str:
        """
        Return the code of the party that is not ``code``.
        """
        first, second = self.codes
        return second if code == first else first

    def hostings(self, rounds: tuple[Round, ...] | None = None) -> tuple[Hosting, ...]:
        """
        Return who hosted each round, in order: the recorded venue's country, else the rotation's.

        Args:
            rounds: The rounds to replay, in order (the first rounds of the mechanism, or
                all of them if not given).
        """
        record: list[tuple[int, str]] = []
        found = []
        for current in self.rounds if rounds is None else rounds:
            why = None
            if current.venue is not None:
                host, venue = current.venue.country, current.venue
            else:
                host, why = self.rotation.host(self, current.ordinal, tuple(record))
                venue, _ = self.rotation.place(self.party(host))
            found.append(Hosting(current, host, venue, current.venue is None, why))
            record.append((current.ordinal, host))
        return tuple(found)

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

    id: str = attrs.field(validator=SLUG)
    law: str = attrs.field(validator=TEXT)
    imposed_by: str = attrs.field(validator=CODE)
    exposed: str = attrs.field(validator=CODE)
    trigger: str = attrs.field(validator=TEXT)
    status: SanctionStatus = attrs.field(validator=instance_of(SanctionStatus))
    as_of: pendulum.Date = attrs.field(converter=to_date)
    program: str | None = attrs.field(default=None, validator=Optional(TEXT))
    counterparty: str | None = attrs.field(default=None, validator=Optional(CODE))
    decided_by: str | None = attrs.field(default=None, validator=Optional(TEXT))
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

    id: str = attrs.field(validator=SLUG)
    name: str = attrs.field(validator=TEXT)
    members: tuple[str, ...] = attrs.field(validator=TupleOf(CODE, min_items=2, unique=True))
    note: str | None = attrs.field(default=None, validator=Optional(TEXT))
    sources: tuple[Source, ...] = _sources


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

    as_of: pendulum.Date = attrs.field(converter=to_date)
    mechanisms: tuple[Mechanism, ...] = attrs.field(validator=TupleOf(instance_of(Mechanism)))
    groupings: tuple[Grouping, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Grouping))
    )
    sanction_risks: tuple[SanctionRisk, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(SanctionRisk))
    )

    def __attrs_post_init__(self) -> None:
        unique("Dataset.mechanisms: id", (m.id for m in self.mechanisms))
        unique("Dataset.groupings: id", (g.id for g in self.groupings))
        unique("Dataset.sanction_risks: id", (r.id for r in self.sanction_risks))
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
        Return one flat row a round: deprecated, use :func:`twoplustwo.rounds_table`.
        """
        warnings.warn(
            "Dataset.rounds_table() is deprecated; use twoplustwo.rounds_table(dataset)",
            DeprecationWarning,
            stacklevel=2,
        )
        return rounds_table(self)

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


def rounds_table(dataset: Dataset) -> tuple[dict[str, RowValue], ...]:
    """
    Return one flat row a round, ready for ``pandas.DataFrame`` or ``csv.DictWriter``.

    Keys: ``mechanism``, ``ordinal``, ``status``, ``earliest`` and ``latest`` (days),
    ``venue`` (a city name), ``host`` (a country code), ``venue_inferred`` (True when no
    venue is on record and the rotation gave it), and ``participants`` (names joined by
    ``"; "``).
    """
    return tuple(
        {
            "mechanism": mechanism.id,
            "ordinal": hosting.round.ordinal,
            "status": hosting.round.status.value,
            "earliest": hosting.round.date.earliest,
            "latest": hosting.round.date.latest,
            "venue": hosting.venue.name,
            "host": hosting.host,
            "venue_inferred": hosting.inferred,
            "participants": "; ".join(m.name for m in hosting.round.participants),
        }
        for mechanism in dataset.mechanisms
        for hosting in mechanism.hostings()
    )
