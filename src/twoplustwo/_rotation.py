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
from twoplustwo._model import Alternating, City, Country, Hosting, Mechanism, Round, RoundStatus
from twoplustwo._validators import (
    ORDINAL,
    SLUG,
    TEXT,
    Count,
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
        host: The party that hosts it.
        venue: Where it meets.
        window: When it meets: the announced date, or the cadence's estimate.
        basis: ``ANNOUNCED`` when a pending round is on record, else ``ROTATION``.
        overdue: Whether ``as_of`` is past the window.
        as_of: The day the forecast was made for.
        reasons: One plain sentence per step of the reasoning, in order.
    """

    mechanism: str = attrs.field(validator=SLUG)
    ordinal: int = attrs.field(validator=ORDINAL)
    host: Country = attrs.field(validator=instance_of(Country))
    venue: City = attrs.field(validator=instance_of(City))
    window: FuzzyDate = attrs.field(validator=instance_of(FuzzyDate))
    basis: Basis = attrs.field(validator=instance_of(Basis))
    overdue: bool = attrs.field(validator=instance_of(bool))
    as_of: pendulum.Date = attrs.field(converter=to_date)
    reasons: tuple[str, ...] = attrs.field(validator=TupleOf(TEXT))

    def __attrs_post_init__(self) -> None:
        if self.venue.country != self.host.code:
            raise InvalidModel(
                f"Forecast.venue={self.venue.name!r} lies in {self.venue.country}, "
                f"not in the host {self.host.code}"
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


def _explain(mechanism: Mechanism, hostings: tuple[Hosting, ...]) -> list[str]:
    """
    Say of each round when it was (or is to be) held and who hosted it, and how that is known.
    """
    reasons = []
    for hosting in hostings:
        current = hosting.round
        said = f"Round {current.ordinal} {_STATUS_VERB[current.status]} {_when(current)}"
        if hosting.why is None:
            hosts = "hosts it" if current.is_pending else "hosted"
            reasons.append(
                f"{said} in {hosting.venue.name}: {mechanism.name_of(hosting.host)} {hosts}."
            )
        else:
            reasons.append(f"{said} with no venue on record; by the rotation rule {hosting.why}.")
    return reasons


def _record(hostings: tuple[Hosting, ...]) -> tuple[tuple[int, str], ...]:
    return tuple((h.round.ordinal, h.host) for h in hostings)


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
    gives the host, and the last held round's date moved on by the cadence, widened to whole
    calendar months, gives the window (basis ``rotation``). The venue is the recorded one,
    else the rotation's fixed venue, else the host's capital.

    Args:
        mechanism: The mechanism.
        as_of: The day to judge ``overdue`` by; today if not given.

    Raises:
        NotForecastable: The mechanism has no rounds, so there is no date to count from.
    """
    day = pendulum.today().date() if as_of is None else to_date(as_of)
    if not mechanism.rounds:
        rotation = mechanism.rotation
        unanchored = isinstance(rotation, Alternating) and rotation.first_host is None
        missing = " and no first host to start the rotation" if unanchored else ""
        raise NotForecastable(
            f"{mechanism.id} cannot be forecast: it has no rounds on record to count from{missing}"
        )
    hostings = mechanism.hostings()
    reasons = _explain(mechanism, hostings)
    reasons.insert(
        0,
        f"{mechanism.name} ({mechanism.id}) has {_count(len(mechanism.rounds), 'round')} on "
        f"record, {len(mechanism.held)} held; {mechanism.rotation.describe(mechanism)}, "
        f"one round every {mechanism.cadence_months} months.",
    )
    pending = mechanism.pending
    last = mechanism.rounds[-1]
    if pending is not None:
        ordinal, window, basis = pending.ordinal, pending.date, Basis.ANNOUNCED
        host, venue = hostings[-1].host, hostings[-1].venue
        slips = ", then ".join(s.phrase() for s in pending.slipped_from)
        reasons.append(
            f"Round {ordinal} is on record as {pending.status.value}, so it is the next round"
            + (f"; it had been planned for {slips} before." if slips else ".")
        )
        if pending.venue is None:
            _, why = mechanism.rotation.place(mechanism.party(host))
            reasons.append(f"The venue is {venue.name}, {why}.")
    else:
        ordinal, basis = last.ordinal + 1, Basis.ROTATION
        host, why = mechanism.rotation.host(mechanism, ordinal, _record(hostings))
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
        host=mechanism.party(host),
        venue=venue,
        window=window,
        basis=basis,
        overdue=overdue,
        as_of=day,
        reasons=tuple(reasons),
    )


def venue_for(mechanism: Mechanism, ordinal: int) -> City:
    """
    Return the venue of round ``ordinal``: the recorded one, else the rotation's.

    Rounds before it with no recorded venue get their hosts inferred by the rotation, and
    the rotation runs on past the last recorded round.

    Raises:
        InvalidModel: ``ordinal`` is not an int, or is not in 1 to 10**18.
    """
    check_argument(_ANY_ORDINAL, "ordinal", ordinal)
    recorded = next((r for r in mechanism.rounds if r.ordinal == ordinal), None)
    if recorded is not None and recorded.venue is not None:
        return recorded.venue
    earlier = mechanism.hostings(tuple(r for r in mechanism.rounds if r.ordinal < ordinal))
    host, _ = mechanism.rotation.host(mechanism, ordinal, _record(earlier))
    venue, _ = mechanism.rotation.place(mechanism.party(host))
    return venue


def backtest(mechanism: Mechanism) -> tuple[BacktestRow, ...]:
    """
    Check the rotation against history.

    For each held round from the second on with a recorded venue, the host the rotation
    predicts from the earlier rounds alone is set against the host of the recorded venue.
    """
    rows = []
    record: list[tuple[int, str]] = []
    for current in mechanism.rounds:
        predicted, _ = mechanism.rotation.host(mechanism, current.ordinal, tuple(record))
        actual = predicted if current.venue is None else current.venue.country
        if current.venue is not None and current.ordinal >= 2 and not current.is_pending:
            rows.append(
                BacktestRow(
                    ordinal=current.ordinal,
                    predicted=mechanism.party(predicted),
                    actual=mechanism.party(actual),
                    hit=predicted == actual,
                )
            )
        record.append((current.ordinal, actual))
    return tuple(rows)
