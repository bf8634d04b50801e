"""
The rotation policies: who hosts which round, how sure that is, and where it meets.

Each policy is one frozen class under :class:`Policy`, which gives what they share; a policy
answers for itself, so nothing outside this module asks a policy's type. A new policy is one
class with its "kind" tag (its name in JSON), added to ``Rotation``.
"""

from __future__ import annotations

import abc
import typing
from collections.abc import Callable
from typing import ClassVar, Final, Protocol, TypeAlias

import attrs

from twoplustwo._places import City, Country
from twoplustwo._validators import CODE, Optional, TupleOf, instance_of


class Parties(Protocol):
    """
    What a policy reads of a mechanism: its two parties (a :class:`Mechanism` is one).
    """

    @property
    def codes(self) -> tuple[str, str]: ...

    def name_of(self, code: str) -> str: ...

    def other(self, code: str) -> str: ...


def capital_of(host: Country) -> tuple[City, str]:
    """
    Return the host's capital as a round's venue, and why.
    """
    return host.capital, f"the capital of the host, {host.name}"


def certain(mechanism: Parties, host: str) -> tuple[tuple[str, float], ...]:
    """
    Return the chances of a host that is certain: 1 for ``host``, 0 for the other party.
    """
    return tuple((code, 1.0 if code == host else 0.0) for code in mechanism.codes)


@attrs.frozen
class Rule:
    """
    A simple host rule that a :class:`Learned` policy weighs against the others.

    Attributes:
        name: Its name, such as ``alternate``.
        saying: What it says, as in "the rule that the parties take turns".
        prior: The share of turns it is believed to get right before the record says.
        predict: The host it gives the next turn, from the record and the party codes.
    """

    name: str
    saying: str
    prior: float
    predict: Callable[[Record, tuple[str, str]], str]


def _alternate(record: Record, codes: tuple[str, str]) -> str:
    return codes[1] if record.latest_host(codes) == codes[0] else codes[0]


def _repeat(record: Record, codes: tuple[str, str]) -> str:
    return record.latest_host(codes)


def _majority(record: Record, codes: tuple[str, str]) -> str:
    counts, recent = dict(record.counts), record.latest_host(codes)
    return max(codes, key=lambda code: (counts.get(code, 0), code == recent))


RULES: Final = (
    Rule("alternate", "the parties take turns", 0.75, _alternate),
    Rule("repeat", "the last host hosts again", 0.4, _repeat),
    Rule("majority", "the party that hosted most rounds hosts", 0.5, _majority),
)
"""The simple host rules a learned policy chooses among: the party that did not host last,
the one that did, the one that hosted most (the last host on a tie)."""


@attrs.frozen
class Record:
    """
    Who hosted the rounds considered so far, for a rotation policy to go on from.

    Attributes:
        latest: (ordinal, party code) of the last round that took a turn, if any did.
        last: (party code, ordinal) of each party's last hosting, for those that hosted.
        turns: How many rounds took a turn.
        next_ordinal: The number of the first round after those considered.
        counts: (party code, rounds hosted) of each party that hosted.
        hits: How many of the turns after the first each rule of ``RULES`` got right, in
            that order.
    """

    latest: tuple[int, str] | None = None
    last: tuple[tuple[str, int], ...] = ()
    turns: int = 0
    next_ordinal: int = 1
    counts: tuple[tuple[str, int], ...] = ()
    hits: tuple[int, ...] = (0,) * len(RULES)

    def last_hosted(self, code: str) -> int | None:
        """
        Return the ordinal of the last round ``code`` hosted, or None if it never did.
        """
        return dict(self.last).get(code)

    def latest_host(self, codes: tuple[str, str]) -> str:
        """
        Return the party that took the last turn; before any turn, the first party.
        """
        return self.latest[1] if self.latest is not None else codes[0]

    def after(self, ordinal: int, host: str | None, codes: tuple[str, str]) -> Record:
        """
        Return the record once round ``ordinal`` is considered, hosted by ``host`` (or none).
        """
        if host is None:
            return attrs.evolve(self, next_ordinal=ordinal + 1)
        hits = tuple(
            hit + (self.latest is not None and rule.predict(self, codes) == host)
            for rule, hit in zip(RULES, self.hits, strict=True)
        )
        counts = dict(self.counts)
        counts[host] = counts.get(host, 0) + 1
        last = (*((code, k) for code, k in self.last if code != host), (host, ordinal))
        return Record(
            (ordinal, host), last, self.turns + 1, ordinal + 1, tuple(sorted(counts.items())), hits
        )


@attrs.frozen
class Policy(abc.ABC):
    """
    What every rotation policy shares: each says itself and who hosts, and inherits the rest.

    A policy names no party, gives a certain host, starts from the record alone and meets in
    the host's capital, unless it overrides the method that says so.
    """

    kind: ClassVar[str]
    """The policy's tag: the value of "kind" in its JSON object."""

    @abc.abstractmethod
    def describe(self, mechanism: Parties) -> str:
        """
        Say the rule in words.
        """

    @abc.abstractmethod
    def host(self, mechanism: Parties, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal`` given who hosted the rounds in ``record``, and why.
        """

    def named(self) -> tuple[str, ...]:
        """
        Return the party codes the rule names.
        """
        return ()

    @property
    def anchored(self) -> bool:
        """
        Whether the rule has what it needs to start with no round on record.
        """
        return True

    def probabilities(
        self, mechanism: Parties, ordinal: int, record: Record
    ) -> tuple[tuple[str, float], ...]:
        """
        Return each party's chance of hosting round ``ordinal``: the rule's host is certain.
        """
        return certain(mechanism, self.host(mechanism, ordinal, record)[0])

    def place(self, host: Country) -> tuple[City, str]:
        """
        Return the venue of a round the rule gives to ``host``, and why: its capital.
        """
        return capital_of(host)


@attrs.frozen
class Alternating(Policy):
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

    @property
    def anchored(self) -> bool:
        """
        Whether a first host is set to start the rotation.
        """
        return self.first_host is not None

    def describe(self, mechanism: Parties) -> str:
        """
        Say the rule in words, such as "hosting alternates between India and United States".
        """
        first, second = (mechanism.name_of(code) for code in mechanism.codes)
        return f"hosting alternates between {first} and {second}"

    def host(self, mechanism: Parties, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal`` given who hosted the rounds in ``record``, and why.

        Rounds between those considered and ``ordinal`` are not on record: alternation runs
        on through them.
        """
        start = record.next_ordinal
        opener, why = self._opener(mechanism, record)
        if ordinal <= start:
            return opener, why
        host = opener if (ordinal - start) % 2 == 0 else mechanism.other(opener)
        return host, (
            f"alternation from round {start}, which {mechanism.name_of(opener)} would host, "
            f"runs on through the unrecorded rounds up to round {ordinal}: "
            f"{mechanism.name_of(host)}"
        )

    def _opener(self, mechanism: Parties, record: Record) -> tuple[str, str]:
        name = mechanism.name_of
        if record.latest is None:
            if self.first_host is not None:
                host = self.first_host
                return host, f"neither party has hosted yet, so the first host, {name(host)}, does"
            host = mechanism.codes[0]
            return host, (
                "neither party has hosted yet and no first host is set, so the first party, "
                f"{name(host)}, does"
            )
        recent_ordinal, recent = record.latest
        host = mechanism.other(recent)
        since = record.last_hosted(host)
        if since is None:
            return host, (
                f"{name(recent)} hosted round {recent_ordinal} and {name(host)} has never "
                f"hosted, so {name(host)} does"
            )
        return host, (
            f"{name(host)} last hosted round {since}, before {name(recent)} hosted round "
            f"{recent_ordinal}, so {name(host)} does"
        )


@attrs.frozen
class FixedVenue(Policy):
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

    def describe(self, mechanism: Parties) -> str:
        """
        Say the rule in words.
        """
        return f"every round meets in {self.venue.name}"

    def host(self, mechanism: Parties, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal``: the party the city lies in, whatever came before.
        """
        host = self.venue.country
        return host, f"every round meets in {self.venue.name}, {mechanism.name_of(host)}"

    def place(self, host: Country) -> tuple[City, str]:
        """
        Return the venue of a round hosted by ``host``, and why: the fixed city, if it lies there.
        """
        if host.code == self.venue.country:
            return self.venue, "where every round meets"
        capital, why = capital_of(host)
        return capital, f"{why}, as the fixed venue is not"


@attrs.frozen
class Cycle(Policy):
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

    def describe(self, mechanism: Parties) -> str:
        """
        Say the rule in words.
        """
        return "hosts follow the cycle " + ", ".join(self.hosts)

    def host(self, mechanism: Parties, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host of round ``ordinal`` by its place in the cycle, and why.
        """
        place = (ordinal - 1) % len(self.hosts)
        host = self.hosts[place]
        return host, (
            f"the hosts follow the cycle {', '.join(self.hosts)}, and round {ordinal} falls to "
            f"place {place + 1}: {mechanism.name_of(host)}"
        )


@attrs.frozen
class Learned(Policy):
    """
    The host rule is learned from the dialogue's own record, round by round.

    Of three simple rules (alternate, repeat the last host, the host of most rounds),
    the one with the best record so far is followed. Each rule's record is its hits over
    the turns it predicted, smoothed towards a prior belief (alternation 75% right, repeat
    40%, majority 50%, worth ``PRIOR_WEIGHT`` turns), so that alternation leads until
    the record says otherwise. The chance that the rule's pick hosts is its smoothed record.
    """

    kind: ClassVar[str] = "learned"
    PRIOR_WEIGHT: ClassVar[float] = 4.0

    def describe(self, mechanism: Parties) -> str:
        """
        Say the rule in words.
        """
        return "the host rule is learned from the record"

    def scores(self, record: Record) -> tuple[tuple[Rule, float, int, int], ...]:
        """
        Return each rule with its smoothed record, hits and turns predicted, best first.
        """
        tried = max(record.turns - 1, 0)
        weight = self.PRIOR_WEIGHT
        scored = [
            (rule, (hits + rule.prior * weight) / (tried + weight), hits, tried)
            for rule, hits in zip(RULES, record.hits, strict=True)
        ]
        return tuple(sorted(scored, key=lambda s: -s[1]))

    def probabilities(
        self, mechanism: Parties, ordinal: int, record: Record
    ) -> tuple[tuple[str, float], ...]:
        """
        Return each party's chance of hosting round ``ordinal``, in the order of the parties.
        """
        host, _ = self.host(mechanism, ordinal, record)
        if record.latest is None:
            return tuple((code, 0.5) for code in mechanism.codes)
        _, chance, _, _ = self.scores(record)[0]
        return tuple((c, chance if c == host else 1 - chance) for c in mechanism.codes)

    def host(self, mechanism: Parties, ordinal: int, record: Record) -> tuple[str, str]:
        """
        Return the host the best rule so far gives round ``ordinal``, and why.
        """
        if record.latest is None:
            host = mechanism.codes[0]
            return host, (
                f"neither party has hosted yet, so the first party, {mechanism.name_of(host)}, "
                "is as likely as the other"
            )
        rule, chance, hits, tried = self.scores(record)[0]
        host = rule.predict(record, mechanism.codes)
        return host, (
            f"the rule that {rule.saying} has the best record ({hits} of {tried} turns, "
            f"{chance:.0%} smoothed), so {mechanism.name_of(host)} does"
        )


Rotation: TypeAlias = Alternating | FixedVenue | Cycle | Learned
"""The rule that says who hosts which round: one of the policies."""

ROTATIONS: Final[tuple[type[Policy], ...]] = typing.get_args(Rotation)
"""Every rotation policy, in the order of ``Rotation``; each has its tag in ``kind``."""


def kind_of(cls: object) -> str | None:
    """
    Return the "kind" tag of a policy class, or None for any other type.
    """
    return next((policy.kind for policy in ROTATIONS if policy is cls), None)
