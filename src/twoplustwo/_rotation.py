"""
The calculator: where and when a mechanism meets next, and why; pure functions over the model.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, to_date
from twoplustwo._model import (
    Alternating,
    City,
    Country,
    HostBasis,
    Hosting,
    Mechanism,
    MechanismStatus,
    Mode,
    Round,
    RoundStatus,
)
from twoplustwo._validators import (
    ORDINAL,
    SLUG,
    TEXT,
    Count,
    Optional,
    TupleOf,
    check_argument,
    instance_of,
)
from twoplustwo.exceptions import InvalidModel, NotForecastable

_ANY_ORDINAL: Final = Count(1, 10**18)
"""Any round number venue_for answers for: far past the record, but not without bound."""

_STATUS_VERB: Final = {
    RoundStatus.HELD: "was held",
    RoundStatus.SCHEDULED: "is scheduled",
    RoundStatus.PROPOSED: "is proposed",
    RoundStatus.POSTPONED: "is postponed; it was set",
}


class Basis(enum.Enum):
    """
    What a forecast rests on.
    """

    ANNOUNCED = "announced"
    ROTATION = "rotation"


@attrs.frozen
class Forecast:
    """
    Where and when a mechanism's next round meets, with the reasoning.

    Attributes:
        mechanism: The mechanism's id.
        ordinal: The number of the next round.
        host: The party that hosts it; None for an announced round with no host (virtual).
        venue: Where it meets; None for an announced round with no venue on record or none.
        window: When it meets: the announced date, or the cadence's estimate.
        basis: ``ANNOUNCED`` when a pending round is on record, else ``ROTATION``.
        overdue: Whether ``as_of`` is past the window.
        as_of: The day the forecast was made for.
        reasons: One plain sentence per step of the reasoning, in order.
        mode: How it meets: in person unless an announced round says otherwise.
        abroad: Whether an announced round meets outside its host's country.
    """

    mechanism: str = attrs.field(validator=SLUG)
    ordinal: int = attrs.field(validator=ORDINAL)
    host: Country | None = attrs.field(validator=Optional(instance_of(Country)))
    venue: City | None = attrs.field(validator=Optional(instance_of(City)))
    window: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    basis: Basis = attrs.field(validator=instance_of(Basis))
    overdue: bool = attrs.field(validator=instance_of(bool))
    as_of: pendulum.Date = attrs.field(converter=to_date)
    reasons: tuple[str, ...] = attrs.field(validator=TupleOf(TEXT))
    mode: Mode = attrs.field(default=Mode.IN_PERSON, validator=instance_of(Mode))
    abroad: bool = attrs.field(default=False, validator=instance_of(bool))

    @property
    def where(self) -> str:
        """
        The place in words, such as ``Washington``, ``by video`` or ``no venue on record``.
        """
        if self.mode is Mode.VIRTUAL:
            return "by video"
        return "no venue on record" if self.venue is None else self.venue.name

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.ROTATION and (self.host is None or self.venue is None):
            raise InvalidModel("Forecast: a forecast by the rotation names a host and a venue")
        venue, host = self.venue, self.host
        if venue is not None and host is not None and (venue.country == host.code) == self.abroad:
            where = "" if self.abroad else "not "
            raise InvalidModel(
                f"Forecast.venue={venue.name!r} lies in {venue.country}, {where}in the host "
                f"{host.code}, and abroad={self.abroad}"
            )
        if self.overdue != (self.as_of > self.window.latest):
            raise InvalidModel(
                f"Forecast.overdue={self.overdue!r} contradicts as_of={self.as_of.isoformat()} "
                f"and the window ending {self.window.latest.isoformat()}"
            )


@attrs.frozen
class BacktestRow:
    """
    One held round's host as the rotation predicted it from the earlier rounds alone.

    Attributes:
        ordinal: The round's number.
        predicted: The host the rotation gave.
        actual: The host of the recorded venue.
        hit: Whether the two agree.
    """

    ordinal: int = attrs.field(validator=ORDINAL)
    predicted: Country = attrs.field(validator=instance_of(Country))
    actual: Country = attrs.field(validator=instance_of(Country))
    hit: bool = attrs.field(validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.hit != (self.predicted == self.actual):
            raise InvalidModel(
                f"BacktestRow.hit={self.hit!r} contradicts predicted={self.predicted.code} "
                f"and actual={self.actual.code}"
            )


def _explain(mechanism: Mechanism, hosting: Hosting) -> str:
    """
    Say when a round was (or is to be) held, who hosted it, and how it counts in the rotation.
    """
    current = hosting.round
    said = f"Round {current.ordinal} {_STATUS_VERB[current.status]} {_when(current)}"
    if current.mode is Mode.VIRTUAL:
        return f"{said} by video: it had no host and takes no turn in the rotation."
    where = _where(hosting)
    if hosting.host is None:
        return f"{said}{where}, outside both parties with no host on record: it takes no turn."
    name = mechanism.name_of(hosting.host)
    if hosting.basis is HostBasis.INFERRED:
        return f"{said} with no host or venue on record; by the rotation rule {hosting.why}."
    hosts = "hosts it" if current.is_pending else "hosted"
    abroad = f", away from {name}" if current.abroad else ""
    unrecorded = " (no venue on record)" if hosting.venue is None else ""
    return f"{said}{where}{abroad}: {name} {hosts}{unrecorded}."


def _where(hosting: Hosting) -> str:
    venue = hosting.venue
    if venue is None:
        return ""
    mixed = " (partly by video)" if hosting.round.mode is Mode.HYBRID else ""
    return f" in {venue.name}{mixed}"


def _when(current: Round) -> str:
    """
    Say when a round was or is to be: "on 6 September 2018", "for the 3rd week of January 2022".
    """
    phrase = current.date.phrase()
    if current.is_pending:
        return f"for {phrase}"
    return f"on {phrase}" if current.date.is_exact else f"in {phrase}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def next_round(mechanism: Mechanism, *, as_of: dt.date | None = None) -> Forecast:
    """
    Forecast a mechanism's next round: number, host, venue and window, with the reasons.

    A pending round on record is the answer (basis ``announced``); otherwise the rotation
    gives the host from the rounds that had one (virtual rounds take no turn), and the last
    held round's date moved on by the cadence, widened to whole calendar months, gives the
    window (basis ``rotation``). The venue is the recorded one, else the rotation's fixed
    venue, else the host's capital.

    Args:
        mechanism: The mechanism.
        as_of: The day to judge ``overdue`` (and the mechanism's status) by; today if not given.

    Raises:
        NotForecastable: The mechanism has no rounds, so there is no date to count from, or
            it is suspended or ended as of ``as_of``, so no next round is expected.
    """
    day = pendulum.today().date() if as_of is None else to_date(as_of)
    status = mechanism.status_on(day)
    if status in (MechanismStatus.SUSPENDED, MechanismStatus.ENDED):
        change = [c for c in mechanism.status_changes if c.date.earliest <= day][-1]
        raise NotForecastable(
            f"{mechanism.id} is {status.value} since {change.date.phrase()}: no next round is "
            "expected, so none is forecast"
        )
    if not mechanism.rounds:
        rotation = mechanism.rotation
        unanchored = isinstance(rotation, Alternating) and rotation.first_host is None
        missing = " and no first host to start the rotation" if unanchored else ""
        raise NotForecastable(
            f"{mechanism.id} cannot be forecast: it has no rounds on record to count from{missing}"
        )
    hostings = mechanism.hostings()
    summary = (
        f"{mechanism.name} ({mechanism.id}) has {_count(len(mechanism.rounds), 'round')} on "
        f"record, {len(mechanism.held)} held; {mechanism.rotation.describe(mechanism)}, "
        f"one round every {mechanism.cadence_months} months."
    )
    reasons = [summary, *(_explain(mechanism, hosting) for hosting in hostings)]
    if status is MechanismStatus.DORMANT:
        reasons.append(f"The dialogue is dormant as of {day.isoformat()}; if it meets again:")
    pending = mechanism.pending
    last = mechanism.rounds[-1]
    if pending is not None:
        ordinal, window, basis = pending.ordinal, pending.date, Basis.ANNOUNCED
        host, venue = hostings[-1].host, hostings[-1].venue
        slips = ", then ".join(plan.describe() for plan in pending.slipped_from)
        reasons.append(
            f"Round {ordinal} is on record as {pending.status.value}, so it is the next round"
            + (f"; it had been planned for {slips} before." if slips else ".")
        )
        if pending.venue is None and host is not None:
            venue, why = mechanism.rotation.place(mechanism.party(host))
            reasons.append(f"The venue is {venue.name}, {why}.")
        mode, abroad = pending.mode, pending.abroad
    else:
        ordinal, basis, mode, abroad = last.ordinal + 1, Basis.ROTATION, Mode.IN_PERSON, False
        host, why = mechanism.rotation.host(mechanism, ordinal, mechanism.record())
        reasons.append(f"Round {ordinal} is next; by the rotation rule {why}.")
        window = last.date.shift(months=mechanism.cadence_months).whole_months()
        reasons.append(
            f"Round {last.ordinal} was held {_when(last)}; "
            f"{mechanism.cadence_months} months on, widened to whole months, gives "
            f"{window.phrase()}."
        )
        venue, why = mechanism.rotation.place(mechanism.party(host))
        reasons.append(f"The venue is {venue.name}, {why}.")
    overdue = day > window.latest
    reasons.append(
        f"As of {day.isoformat()} the window ends {window.latest.isoformat()}: the round is "
        + ("overdue." if overdue else "not overdue.")
    )
    return Forecast(
        mechanism=mechanism.id,
        ordinal=ordinal,
        host=None if host is None else mechanism.party(host),
        venue=venue,
        window=window,
        basis=basis,
        overdue=overdue,
        as_of=day,
        reasons=tuple(reasons),
        mode=mode,
        abroad=abroad,
    )


def venue_for(mechanism: Mechanism, ordinal: int) -> City | None:
    """
    Return the venue of round ``ordinal``: the recorded one, else the rotation's.

    Rounds before it with no recorded host or venue get their hosts inferred by the
    rotation, and the rotation runs on past the last recorded round. A round with its host
    but no venue on record gets the rotation's place for that host; a round that had no
    host and no venue (a virtual round) has none: None.

    Raises:
        InvalidModel: ``ordinal`` is not an int, or is not in 1 to 10**18.
    """
    check_argument(_ANY_ORDINAL, "ordinal", ordinal)
    recorded = next((r for r in mechanism.rounds if r.ordinal == ordinal), None)
    earlier = tuple(r for r in mechanism.rounds if r.ordinal < ordinal)
    if recorded is not None:
        hosting = mechanism.hostings((*earlier, recorded))[-1]
        if hosting.venue is not None or hosting.host is None:
            return hosting.venue
        host = hosting.host  # a host on record, but no venue: the rotation's place for it
    else:
        host, _ = mechanism.rotation.host(mechanism, ordinal, mechanism.record(earlier))
    venue, _ = mechanism.rotation.place(mechanism.party(host))
    return venue


def backtest(mechanism: Mechanism) -> tuple[BacktestRow, ...]:
    """
    Check the rotation against history.

    For each held round from the second on whose host is on record (named, or given by its
    venue), the host the rotation predicts from the earlier rounds alone is set against it.
    Rounds with no host take no turn and are not scored.
    """
    rows = []
    for record, hosting in mechanism.replay():
        current = hosting.round
        if hosting.basis not in (HostBasis.RECORDED, HostBasis.VENUE) or hosting.host is None:
            continue
        if current.ordinal < 2 or current.is_pending:
            continue
        predicted, _ = mechanism.rotation.host(mechanism, current.ordinal, record)
        rows.append(
            BacktestRow(
                ordinal=current.ordinal,
                predicted=mechanism.party(predicted),
                actual=mechanism.party(hosting.host),
                hit=predicted == hosting.host,
            )
        )
    return tuple(rows)
