"""
The domain model: immutable value classes whose invariants hold from construction on.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import warnings
from collections.abc import Iterable, Iterator
from typing import Final, TypedDict, TypeVar

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, in_range, to_date
from twoplustwo._places import City, Country
from twoplustwo._policies import ROTATIONS, Record, Rotation
from twoplustwo._validators import (
    CODE,
    NOTE,
    ORDINAL,
    SLUG,
    TEXT,
    URL,
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


class Mode(enum.Enum):
    """
    How a round met: in one place, by video, or both.
    """

    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"


class Fact(enum.Enum):
    """
    A fact of a round that can be marked uncertain.
    """

    ORDINAL = "ordinal"
    DATE = "date"
    MODE = "mode"
    HOST = "host"
    VENUE = "venue"


class MechanismStatus(enum.Enum):
    """
    Where a mechanism stands: meeting, quiet, stopped for now, or stopped for good.
    """

    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"
    ENDED = "ended"


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
        published: When it was published, if it says.
        dateline: The place it was filed from, if it names one.
        url: Where it can be read: an absolute http(s) URL, if known.
        accessed: When it was read at that URL, if recorded.
    """

    title: str = attrs.field(validator=TEXT)
    published: FuzzyDate | None = attrs.field(
        default=None, validator=Optional(instance_of(FuzzyDate))
    )
    dateline: str | None = attrs.field(default=None, validator=Optional(TEXT))
    url: str | None = attrs.field(default=None, validator=Optional(URL))
    accessed: FuzzyDate | None = attrs.field(
        default=None, validator=Optional(instance_of(FuzzyDate))
    )


_sources = attrs.field(default=(), validator=TupleOf(instance_of(Source)))


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
class Plan:
    """
    An earlier plan for a round that did not happen as planned.

    Attributes:
        date: When the round was planned for, if known.
        venue: Where it was to meet, if known.
        host: The code of the party that was to host, if known.
        note: What became of the plan, in a sentence.
    """

    date: FuzzyDate | None = attrs.field(default=None, validator=Optional(instance_of(FuzzyDate)))
    venue: City | None = attrs.field(default=None, validator=Optional(instance_of(City)))
    host: str | None = attrs.field(default=None, validator=Optional(CODE))
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))

    def describe(self) -> str:
        """
        Say the plan in words: "the 3rd week of January 2022 in Washington".
        """
        when = self.date.phrase() if self.date is not None else "a date not on record"
        where = f" in {self.venue.name}" if self.venue is not None else ""
        return f"{when}{where}"


@attrs.frozen
class Announcement:
    """
    What one source said, before a round, about when, where or how it would meet.

    Whether it came true is read from the round itself. A source without a publication day
    is kept, but it is never evidence of what was known before the round.

    Attributes:
        source: The source that said it; its publication day is when it became known.
        date: The date announced: a day, a range, a month or a year; None if it gave none.
        venue: The city announced, if it named one.
        host: The code of the party announced to host, if it said (or its city says).
        mode: Whether it was to meet in person, by video or both, if it said.
        note: Anything else worth knowing, in our own words.
    """

    source: Source = attrs.field(validator=instance_of(Source))
    date: FuzzyDate | None = attrs.field(default=None, validator=Optional(instance_of(FuzzyDate)))
    venue: City | None = attrs.field(default=None, validator=Optional(instance_of(City)))
    host: str | None = attrs.field(default=None, validator=Optional(CODE))
    mode: Mode | None = attrs.field(default=None, validator=Optional(instance_of(Mode)))
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))

    def describe(self) -> str:
        """
        Say it in a sentence, such as: On 20 December 2021, “Title” announced it for January 2022.
        """
        parts = [
            f"for {self.date.phrase()}" if self.date is not None else "",
            f"in {self.venue.name}" if self.venue is not None else "",
            f"hosted by {self.host}" if self.host is not None else "",
            f"{self.mode.value.replace('_', ' ')}" if self.mode is not None else "",
        ]
        what = " ".join(part for part in parts if part) or "without a date or a place"
        published = self.source.published
        when = "Undated" if published is None else f"On {published.describe()}"
        return f"{when}, “{self.source.title}” announced it {what}."

    def known_by(self, day: dt.date) -> bool:
        """
        Whether its source was published by ``day`` (a source with no such day never was).
        """
        published = self.source.published
        return published is not None and published.latest <= day


@attrs.frozen
class Uncertainty:
    """
    A fact of a round that the sources leave in doubt, and why.

    Attributes:
        fact: Which fact is uncertain.
        note: Why: the sources disagree, the city is assumed from a dateline, and so on.
    """

    fact: Fact = attrs.field(validator=instance_of(Fact))
    note: str = attrs.field(validator=NOTE)


@attrs.frozen
class Round:
    """
    One meeting of a mechanism, held or pending.

    Attributes:
        ordinal: Its number in the series, from 1.
        status: Whether it was held or is still pending.
        date: When it was held, or is planned for.
        venue: The city it met (or is to meet) in; None if not recorded or virtual. It lies in
            the host's country unless ``abroad``.
        participants: The ministers at the table, at most one a seat.
        slipped_from: Earlier plans for it that did not happen, oldest first.
        sources: Where these facts come from.
        note: Anything else worth knowing, in one or two sentences.
        mode: Whether it met in person, by video (virtual) or both (hybrid).
        host: The code of the party that hosted it, if recorded; without it, a venue in a
            party's country names the host.
        abroad: Whether it met outside the host's country, such as on the sidelines of a
            meeting elsewhere; it then needs a host and a venue.
        uncertain: The facts the sources leave in doubt, each with a note.
        counted: Whether the ordinal is the record's own count: no source numbers the round,
            and the record counted it from the rounds around it. Doubt about the number
            is marked in ``uncertain`` instead.
        announced: What sources said about it before it met, in the order they were
            published, including what did not come true.
    """

    ordinal: int = attrs.field(validator=ORDINAL)
    status: RoundStatus = attrs.field(validator=instance_of(RoundStatus))
    date: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    venue: City | None = attrs.field(default=None, validator=Optional(instance_of(City)))
    participants: tuple[Minister, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Minister))
    )
    slipped_from: tuple[Plan, ...] = attrs.field(default=(), validator=TupleOf(instance_of(Plan)))
    sources: tuple[Source, ...] = _sources
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))
    mode: Mode = attrs.field(default=Mode.IN_PERSON, validator=instance_of(Mode))
    host: str | None = attrs.field(default=None, validator=Optional(CODE))
    abroad: bool = attrs.field(default=False, validator=instance_of(bool))
    uncertain: tuple[Uncertainty, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Uncertainty))
    )
    counted: bool = attrs.field(default=False, validator=instance_of(bool))
    announced: tuple[Announcement, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Announcement))
    )

    def __attrs_post_init__(self) -> None:
        unique(f"Round {self.ordinal}: seat", (m.seat for m in self.participants))
        unique(f"Round {self.ordinal}: uncertain fact", (u.fact for u in self.uncertain))
        for index, minister in enumerate(self.participants):
            if not minister.may_hold_office_on(self.date):
                raise InvalidModel(
                    f"Round.participants[{index}]={minister.name!r} was not in office on "
                    f"the date of round {self.ordinal}, {self.date}"
                )
        self._check_place()

    def _check_place(self) -> None:
        venue, host = self.venue, self.host
        if self.mode is Mode.VIRTUAL and venue is not None:
            raise InvalidModel(
                f"Round {self.ordinal} is virtual, so it has no venue (got {venue.name!r})"
            )
        if self.abroad:
            if host is None or venue is None:
                raise InvalidModel(
                    f"Round {self.ordinal} met abroad, which needs a host and a venue"
                )
            if venue.country == host:
                raise InvalidModel(
                    f"Round {self.ordinal} met abroad, but its venue {venue.name!r} lies in "
                    f"the host's country, {host}"
                )
        elif host is not None and venue is not None and venue.country != host:
            raise InvalidModel(
                f"Round.venue={venue.name!r} lies in {venue.country}, not in the host {host}; "
                "a round that met outside the host's country says abroad=True"
            )

    @property
    def is_pending(self) -> bool:
        """
        Whether the round has not been held (yet).
        """
        return self.status is not RoundStatus.HELD

    def is_uncertain(self, fact: Fact) -> bool:
        """
        Return whether ``fact`` of this round is marked uncertain.
        """
        return any(u.fact is fact for u in self.uncertain)


@attrs.frozen
class StatusChange:
    """
    A change in where a mechanism stands, from the day it took effect.

    Attributes:
        status: The new status.
        date: When it took effect.
        note: What happened, in a sentence.
        sources: Where this comes from.
    """

    status: MechanismStatus = attrs.field(validator=instance_of(MechanismStatus))
    date: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))
    sources: tuple[Source, ...] = _sources


def _optional_day(value: dt.date | None) -> pendulum.Date | None:
    """
    The converter of an optional day: None, or a day of the model's range.
    """
    return None if value is None else in_range(value)


class RoundRow(TypedDict):
    """
    One round as a flat row of :func:`rounds_table`; the keys are described there.
    """

    mechanism: str
    ordinal: int
    status: str
    earliest: pendulum.Date
    latest: pendulum.Date
    mode: str
    venue: str
    host: str
    host_basis: str
    venue_inferred: bool
    uncertain: str
    counted: bool
    participants: str


class HostBasis(enum.Enum):
    """
    How a round's host is known, and so how the rotation counts the round.
    """

    RECORDED = "recorded"
    """The round names its host."""
    VENUE = "venue"
    """The round's venue lies in a party's country, which hosted."""
    INFERRED = "inferred"
    """The rotation gave the host, as neither host nor venue is on record."""
    NONE = "none"
    """The round had no host, being virtual or outside both parties with none named."""


@attrs.frozen
class Hosting:
    """
    Who hosted (or hosts) one round, how that is known, and where it met.

    Attributes:
        round: The round.
        host: The host's party code; None when the round had no host.
        venue: Where it met: the recorded venue, else the rotation's place for an inferred
            host; None for a virtual round or a venue not on record.
        basis: How the host is known.
        why: How the rotation gave the host, when it did.
    """

    round: Round
    host: str | None
    venue: City | None
    basis: HostBasis
    why: str | None = None

    @property
    def inferred(self) -> bool:
        """
        Whether the rotation gave the host, as neither host nor venue is on record.
        """
        return self.basis is HostBasis.INFERRED


@attrs.frozen(repr=False)
class Mechanism:
    """
    A standing dialogue between two countries, and its rounds.

    Attributes:
        id: A lowercase slug, unique within a dataset, such as ``in-us``.
        name: Its usual name.
        parties: The two countries, first party first (it wins alternation ties).
        rotation: Who hosts which round.
        cadence_months: Months from one round to the next, if the dialogue declares a fixed
            cadence (12 for an annual one); None to take the windows from the record.
        portfolios: The portfolios at the table.
        rounds: Its rounds in order; at most one pending, and only as the last.
        topics: What it is meant to discuss.
        note: Anything else worth knowing.
        sources: Where these facts come from.
        status_changes: Changes of status (dormant, suspended, ended, active again), oldest
            first; with none, the mechanism is active.
        checked: The day the dialogue was last checked as a whole against the news, if
            recorded: every round reported by then is in the record.
        aliases: Other names it goes by, such as ``AUSMIN`` or ``Security Consultative
            Committee``; :meth:`Dataset.mechanism` finds it by any of them, in any case.
    """

    id: str = attrs.field(validator=SLUG)
    name: str = attrs.field(validator=TEXT)
    parties: tuple[Country, Country] = attrs.field(validator=TupleOf(instance_of(Country)))
    rotation: Rotation = attrs.field(validator=instance_of(*ROTATIONS))
    cadence_months: int | None = attrs.field(default=None, validator=Optional(Count(1, 120)))
    portfolios: tuple[Portfolio, ...] = attrs.field(
        default=(Portfolio.FOREIGN, Portfolio.DEFENCE),
        validator=TupleOf(instance_of(Portfolio), min_items=1, unique=True),
    )
    rounds: tuple[Round, ...] = attrs.field(default=(), validator=TupleOf(instance_of(Round)))
    topics: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(TEXT))
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))
    sources: tuple[Source, ...] = _sources
    status_changes: tuple[StatusChange, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(StatusChange))
    )
    checked: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(TEXT, unique=True))

    def __attrs_post_init__(self) -> None:
        self._check_parties()
        for index, (earlier, later) in enumerate(itertools.pairwise(self.status_changes)):
            if later.date.definitely_before(earlier.date):
                raise InvalidModel(
                    f"Mechanism.status_changes[{index + 1}].date={later.date} is before "
                    f"{earlier.date}: changes go oldest first"
                )
        self._check_rounds()

    def with_round(self, new: Round) -> Mechanism:
        """
        Return the mechanism with ``new`` in place of the round of its ordinal, or added.

        A new ordinal goes where its number puts it; nothing else moves. The result is checked
        like any mechanism: dates in order, only the last round pending.

        Raises:
            InvalidModel: The rounds would break an invariant.
        """
        kept = [r for r in self.rounds if r.ordinal != new.ordinal]
        rounds = sorted([*kept, new], key=lambda r: r.ordinal)
        return attrs.evolve(self, rounds=tuple(rounds))

    def with_status(self, change: StatusChange) -> Mechanism:
        """
        Return the mechanism with ``change`` added as its latest status change.

        Raises:
            InvalidModel: It is dated before the last change on record.
        """
        return attrs.evolve(self, status_changes=(*self.status_changes, change))

    def __repr__(self) -> str:
        held = len(self.held)
        return (
            f"<Mechanism {self.id!r}: {'-'.join(self.codes)}, {len(self.rounds)} rounds, "
            f"{held} held, {type(self.rotation).__name__}>"
        )

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
            named = [("host", current.host)]
            named += [
                (f"slipped_from[{k}].host", p.host) for k, p in enumerate(current.slipped_from)
            ]
            named += [(f"announced[{k}].host", a.host) for k, a in enumerate(current.announced)]
            for field, code in named:
                if code is not None and code not in codes:
                    raise InvalidModel(f"{where}.{field}={code!r} is not a party")
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
        Return who hosted each round, in order, and how that is known.

        The round's own host, else the party its venue lies in; a virtual round, and a round
        outside both parties with no host named, had none and take no turn; where neither
        host nor venue is on record (and the round was not virtual), the rotation infers it.

        Args:
            rounds: The rounds to replay, in order (the first rounds of the mechanism, or
                all of them if not given).
        """
        return tuple(hosting for _, hosting in self.replay(rounds))

    def replay(self, rounds: tuple[Round, ...] | None = None) -> Iterator[tuple[Record, Hosting]]:
        """
        Yield, round by round, the record of the rounds before it and who hosted it.

        One pass, in time linear in the number of rounds.

        Args:
            rounds: The rounds to replay, in order (all of the mechanism's if not given).
        """
        record = Record()
        for current in self.rounds if rounds is None else rounds:
            hosting = self._hosting(current, record)
            yield record, hosting
            record = record.after(current.ordinal, hosting.host, self.codes)

    def _hosting(self, current: Round, record: Record) -> Hosting:
        venue = current.venue
        if current.host is not None:
            return Hosting(current, current.host, venue, HostBasis.RECORDED)
        if current.mode is Mode.VIRTUAL:
            return Hosting(current, None, None, HostBasis.NONE)
        if venue is not None:
            if venue.country in self.codes:
                return Hosting(current, venue.country, venue, HostBasis.VENUE)
            return Hosting(current, None, venue, HostBasis.NONE)
        host, why = self.rotation.host(self, current.ordinal, record)
        place, _ = self.rotation.place(self.party(host))
        return Hosting(current, host, place, HostBasis.INFERRED, why)

    def record(self, rounds: tuple[Round, ...] | None = None) -> Record:
        """
        Return who hosted the rounds (all of them if not given), for the rotation to go on from.
        """
        record = Record()
        for _, hosting in self.replay(rounds):
            record = record.after(hosting.round.ordinal, hosting.host, self.codes)
        return record

    def status_on(self, day: dt.date) -> MechanismStatus:
        """
        Return where the mechanism stood on ``day``: the last status change begun by then.

        A change whose date is a span counts from the span's first day.
        """
        status = MechanismStatus.ACTIVE
        for change in self.status_changes:
            if change.date.earliest <= day:
                status = change.status
        return status

    def dated(self) -> Iterator[tuple[str, pendulum.Date]]:
        """
        Yield each dated fact the mechanism records and the last day it may fall on.

        Held rounds (by their date), status changes (by theirs) and sources (by their
        publication day); a pending round's own date is a plan, not a fact, and is left out.
        """
        yield from _published("a source", self.sources)
        for change in self.status_changes:
            yield f"status change to {change.status.value}", change.date.latest
            yield from _published("a source", change.sources)
        for current in self.rounds:
            if not current.is_pending:
                yield f"round {current.ordinal}", current.date.latest
            yield from _published(f"a source of round {current.ordinal}", current.sources)
            said = [a.source for a in current.announced]
            yield from _published(f"an announcement of round {current.ordinal}", said)

    def known_on(self, day: dt.date) -> Mechanism | None:
        """
        Return the mechanism as it was known on ``day``, or None if nothing of it was.

        See :meth:`Dataset.known_on` for what was known when.
        """
        rounds: list[Round] = []
        for current in self.rounds:
            sources = _sources_by(current.sources, day)
            known = (
                any(s.published is not None for s in sources)
                if current.is_pending
                else current.date.latest <= day
            )
            if not known:
                # a round not yet held, nor on record as pending, may have been announced
                news = news_of(current, day, rounds[-1] if rounds else None, self.codes)
                expected = _as_announced(current, news)
                rounds += [] if expected is None else [expected]
                break  # nothing after it was known either
            said = tuple(a for a in current.announced if a.known_by(day))
            unchanged = len(sources) == len(current.sources) and len(said) == len(current.announced)
            rounds.append(
                current if unchanged else attrs.evolve(current, sources=sources, announced=said)
            )
        changes = tuple(
            attrs.evolve(change, sources=_sources_by(change.sources, day))
            for change in self.status_changes
            if change.date.latest <= day
        )
        if not rounds and not changes:
            return None
        return attrs.evolve(
            self,
            rounds=tuple(rounds),
            status_changes=changes,
            sources=_sources_by(self.sources, day),
            checked=self.checked if self.checked is not None and self.checked <= day else None,
        )

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
class News:
    """
    What a round's announcements published by a day said: each fact the latest given.

    Attributes:
        said: The announcements published by then, oldest first.
        date: The latest date announced, if any.
        venue: The latest city announced, if any.
        host: The latest host announced, or the party the latest city lies in, if any.
        mode: The latest mode announced, if any.
    """

    said: tuple[Announcement, ...] = ()
    date: FuzzyDate | None = None
    venue: City | None = None
    host: str | None = None
    mode: Mode | None = None


def news_of(current: Round, day: dt.date, previous: Round | None, codes: tuple[str, ...]) -> News:
    """
    Return what ``current``'s announcements published by ``day`` said.

    A date wholly before ``previous`` (the round before) says nothing of this round: such an
    announcement is passed over. ``codes`` are the parties, whose cities name a host.
    """
    said = tuple(
        a
        for a in current.announced
        if a.known_by(day) and not (a.date and previous and a.date.definitely_before(previous.date))
    )
    date = next((a.date for a in reversed(said) if a.date is not None), None)
    venue = next((a.venue for a in reversed(said) if a.venue is not None), None)
    host = next((a.host for a in reversed(said) if a.host is not None), None)
    if host is None and venue is not None and venue.country in codes:
        host = venue.country
    mode = next((a.mode for a in reversed(said) if a.mode is not None), None)
    return News(said, date, venue, host, mode)


def _as_announced(current: Round, news: News) -> Round | None:
    """
    Return ``current`` as its announcements by then made it out, if they dated it.

    A round announced for a day (or a few days) is scheduled, one announced for a month or a
    year proposed.
    """
    date = news.date
    if date is None:
        return None
    mode = Mode.IN_PERSON if news.mode is None else news.mode
    venue = None if mode is Mode.VIRTUAL else news.venue
    host = news.host
    precise = (date.latest - date.earliest).days < 7
    return Round(
        ordinal=current.ordinal,
        status=RoundStatus.SCHEDULED if precise else RoundStatus.PROPOSED,
        date=date,
        venue=venue,
        host=host,
        mode=mode,
        abroad=host is not None and venue is not None and venue.country != host,
        sources=tuple(a.source for a in news.said),
        counted=current.counted,
        announced=news.said,
    )


def ids_for(name: str) -> tuple[str, str, str]:
    """
    The ids ``name`` may stand for: itself, and in any case, either way round (``us-in``).
    """
    wanted = _said(name)
    first, dash, second = wanted.partition("-")
    return name, wanted, f"{second}-{first}" if dash else wanted


def _said(name: str) -> str:
    """
    A name as it is matched: lower case, en dashes as dashes, spaces around dashes dropped.
    """
    flat = " ".join(name.casefold().replace("\u2013", "-").replace("\u2014", "-").split())
    return flat.replace(" - ", "-")


def _published(what: str, sources: Iterable[Source]) -> Iterator[tuple[str, pendulum.Date]]:
    """
    Each source's last day of publication, for ``dated``; a source with none is no fact.
    """
    for source in sources:
        if source.published is not None:
            yield f"{what} ({source.title})", source.published.latest


def _sources_by(sources: tuple[Source, ...], day: dt.date) -> tuple[Source, ...]:
    """
    The sources that may have been read on ``day``: published by then, or on no known day.
    """
    return tuple(s for s in sources if s.published is None or s.published.latest <= day)


_Sourced = TypeVar("_Sourced", "SanctionRisk", "Grouping")


def _with_sources_by(item: _Sourced, day: dt.date) -> _Sourced:
    """
    A grouping or sanction risk with only the sources that may have been read on ``day``.
    """
    sources = _sources_by(item.sources, day)
    return item if len(sources) == len(item.sources) else attrs.evolve(item, sources=sources)


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
    as_of: pendulum.Date = attrs.field(converter=in_range)
    program: str | None = attrs.field(default=None, validator=Optional(TEXT))
    counterparty: str | None = attrs.field(default=None, validator=Optional(CODE))
    decided_by: str | None = attrs.field(default=None, validator=Optional(TEXT))
    sources: tuple[Source, ...] = _sources

    def dated(self) -> Iterator[tuple[str, pendulum.Date]]:
        """
        Yield each dated fact the sanction risk records and the last day it may fall on.

        Its status (on ``as_of``) and its sources (by their publication day).
        """
        yield "status", self.as_of
        yield from _published("a source", self.sources)

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
    note: str | None = attrs.field(default=None, validator=Optional(NOTE))
    sources: tuple[Source, ...] = _sources

    def dated(self) -> Iterator[tuple[str, pendulum.Date]]:
        """
        Yield each dated fact the grouping records and the last day it may fall on.

        Its sources, by their publication day.
        """
        yield from _published("a source", self.sources)


@attrs.frozen(repr=False)
class Dataset:
    """
    Mechanisms, groupings and sanction risks as known on one day.

    Attributes:
        as_of: The latest day the data knows anything about: no held round, status change,
            sanction risk's status or source is dated after it (see ``known_on``).
        mechanisms: The mechanisms, ids unique.
        groupings: The groupings, ids unique.
        sanction_risks: The sanction risks, ids unique.
    """

    as_of: pendulum.Date = attrs.field(converter=in_range)
    mechanisms: tuple[Mechanism, ...] = attrs.field(validator=TupleOf(instance_of(Mechanism)))
    groupings: tuple[Grouping, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(Grouping))
    )
    sanction_risks: tuple[SanctionRisk, ...] = attrs.field(
        default=(), validator=TupleOf(instance_of(SanctionRisk))
    )

    def __repr__(self) -> str:
        counts = (
            (len(self.mechanisms), "mechanism"),
            (sum(len(m.rounds) for m in self.mechanisms), "round"),
            (len(self.groupings), "grouping"),
            (len(self.sanction_risks), "sanction risk"),
        )
        said = ", ".join(f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in counts)
        return f"<Dataset as of {self.as_of.isoformat()}: {said}>"

    def __attrs_post_init__(self) -> None:
        unique("Dataset.mechanisms: id", (m.id for m in self.mechanisms))
        unique("Dataset.groupings: id", (g.id for g in self.groupings))
        unique("Dataset.sanction_risks: id", (r.id for r in self.sanction_risks))
        items: tuple[Mechanism | Grouping | SanctionRisk, ...] = (
            *self.mechanisms,
            *self.groupings,
            *self.sanction_risks,
        )
        for item in items:
            for what, day in item.dated():
                if day > self.as_of:
                    raise InvalidModel(
                        f"Dataset: {item.id} {what} is dated up to {day.isoformat()}, "
                        f"after as_of={self.as_of.isoformat()}: as_of is the latest day the "
                        "data knows anything about"
                    )

    def known_on(self, day: dt.date) -> Dataset:
        """
        Return the record as it was known on ``day``: nothing dated after it.

        A held round is known once its date's last day has passed (on or before ``day``),
        and so is a status change; a source once it was published. A pending round is known
        from the first of its sources published by then (one with no publication day is
        never evidence of what was known). Sources published later are left out of what is
        kept, of the groupings and sanction risks too; a dialogue with nothing known yet,
        and a sanction risk reported later, are left out. A dialogue keeps its ``checked``
        day only if it is not after ``day``. The result's ``as_of`` is ``day``, or the
        dataset's own if that is earlier.

        Args:
            day: The day to roll the record back to.
        """
        day = to_date(day)
        if day >= self.as_of:
            return self
        mechanisms = (m.known_on(day) for m in self.mechanisms)
        return Dataset(
            as_of=day,
            mechanisms=tuple(m for m in mechanisms if m is not None),
            groupings=tuple(_with_sources_by(g, day) for g in self.groupings),
            sanction_risks=tuple(
                _with_sources_by(r, day) for r in self.sanction_risks if r.as_of <= day
            ),
        )

    def with_mechanism(self, mechanism: Mechanism) -> Dataset:
        """
        Return the dataset with ``mechanism`` in place of the one of its id, or added last.

        Raises:
            InvalidModel: A held round of it lies after ``as_of``.
        """
        ids = [m.id for m in self.mechanisms]
        if mechanism.id not in ids:
            return attrs.evolve(self, mechanisms=(*self.mechanisms, mechanism))
        at = ids.index(mechanism.id)
        return attrs.evolve(
            self, mechanisms=(*self.mechanisms[:at], mechanism, *self.mechanisms[at + 1 :])
        )

    def with_as_of(self, day: dt.date) -> Dataset:
        """
        Return the dataset as of ``day``.

        Raises:
            InvalidModel: A held round lies after ``day``.
        """
        return attrs.evolve(self, as_of=day)

    def mechanism(self, name: str) -> Mechanism:
        """
        Return the mechanism called ``name``: its id, its name or one of its aliases.

        Any case is accepted, and so are the parties' codes the other way round (``us-in``
        for ``in-us``); dashes, en dashes and spaces count alike in names and aliases.

        Raises:
            UnknownMechanism: No mechanism goes by that name; the error lists the ids.
        """
        wanted, ids = _said(name), ids_for(name)
        for mechanism in self.mechanisms:
            if mechanism.id in ids:
                return mechanism
        for mechanism in self.mechanisms:
            if wanted in {_said(other) for other in (mechanism.name, *mechanism.aliases)}:
                return mechanism
        import difflib  # noqa: PLC0415 - deferred, so that `import twoplustwo` skips it

        names = {_said(n): m.id for m in self.mechanisms for n in (m.id, m.name, *m.aliases)}
        close = difflib.get_close_matches(wanted[:100], names, n=3, cutoff=0.6)
        meant = tuple(dict.fromkeys(names[n] for n in close))
        raise UnknownMechanism(name, tuple(m.id for m in self.mechanisms), meant)

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

    def rounds_table(self) -> tuple[RoundRow, ...]:
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


def rounds_table(dataset: Dataset) -> tuple[RoundRow, ...]:
    """
    Return one flat row a round, ready for ``pandas.DataFrame`` or ``csv.DictWriter``.

    Keys: ``mechanism``, ``ordinal``, ``status``, ``earliest`` and ``latest`` (days),
    ``mode`` (``in_person``, ``virtual`` or ``hybrid``), ``venue`` (a city name, or ``""``),
    ``host`` (a country code, or ``""`` for a round with no host), ``host_basis`` (how the
    host is known: ``recorded``, ``venue``, ``inferred`` or ``none``), ``venue_inferred``
    (True when neither host nor venue is on record and the rotation gave them),
    ``uncertain`` (the uncertain facts, joined by ``"; "``), ``counted`` (True when the
    ordinal is the record's own count, as no source numbers the round), and
    ``participants`` (names joined by ``"; "``).
    """
    return tuple(
        RoundRow(
            {
                "mechanism": mechanism.id,
                "ordinal": hosting.round.ordinal,
                "status": hosting.round.status.value,
                "earliest": hosting.round.date.earliest,
                "latest": hosting.round.date.latest,
                "mode": hosting.round.mode.value,
                "venue": hosting.venue.name if hosting.venue is not None else "",
                "host": hosting.host or "",
                "host_basis": hosting.basis.value,
                "venue_inferred": hosting.inferred,
                "uncertain": "; ".join(u.fact.value for u in hosting.round.uncertain),
                "counted": hosting.round.counted,
                "participants": "; ".join(m.name for m in hosting.round.participants),
            }
        )
        for mechanism in dataset.mechanisms
        for hosting in mechanism.hostings()
    )
