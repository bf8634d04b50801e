"""
The calculator: where and when a mechanism meets next, and why; pure functions over the model.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, _to_date
from twoplustwo._model import (
    Alternating,
    City,
    Country,
    Cycle,
    FixedVenue,
    Mechanism,
    Round,
    RoundStatus,
    _field,
    _instance_of,
    _Invalid,
    _slug,
    _text,
    _tuple_of,
)
from twoplustwo.exceptions import InvalidModel, NotForecastable

_STATUS_VERB: Final = {
    RoundStatus.HELD: "was held",
    RoundStatus.SCHEDULED: "is scheduled",
    RoundStatus.PROPOSED: "is proposed",
    RoundStatus.POSTPONED: "is postponed; it was set",
}


_an_int: Final = _instance_of(int)


def _ordinal(value: object) -> None:
    _an_int(value)
    if value < 1:  # type: ignore[operator] # an int now, as the line above checked
        raise _Invalid(value, "must be 1 or more")


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

    mechanism: str = attrs.field(validator=_field(_slug))
    ordinal: int = attrs.field(validator=_field(_ordinal))
    host: Country = attrs.field(validator=_field(_instance_of(Country)))
    venue: City = attrs.field(validator=_field(_instance_of(City)))
    window: FuzzyDate = attrs.field(validator=_field(_instance_of(FuzzyDate)))
    basis: Basis = attrs.field(validator=_field(_instance_of(Basis)))
    overdue: bool = attrs.field(validator=_field(_instance_of(bool)))
    as_of: pendulum.Date = attrs.field(converter=_to_date)
    reasons: tuple[str, ...] = attrs.field(validator=_field(_tuple_of(_text)))

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

    ordinal: int = attrs.field(validator=_field(_ordinal))
    predicted: Country = attrs.field(validator=_field(_instance_of(Country)))
    actual: Country = attrs.field(validator=_field(_instance_of(Country)))
    hit: bool = attrs.field(validator=_field(_instance_of(bool)))

    def __attrs_post_init__(self) -> None:
        if self.hit != (self.predicted == self.actual):
            raise InvalidModel(
                f"BacktestRow.hit={self.hit!r} contradicts predicted={self.predicted.code} "
                f"and actual={self.actual.code}"
            )


@attrs.define
class _Ledger:
    """
    Who hosted which round, as the rounds are replayed in order.
    """

    last: dict[str, int] = attrs.Factory(dict)
    hosts: dict[int, str] = attrs.Factory(dict)
    latest: tuple[int, str] | None = None

    def record(self, ordinal: int, code: str) -> None:
        self.last[code] = ordinal
        self.hosts[ordinal] = code
        self.latest = (ordinal, code)


def _other(mechanism: Mechanism, code: str) -> str:
    first, second = mechanism.codes
    return second if code == first else first


def _name(mechanism: Mechanism, code: str) -> str:
    return mechanism.party(code).name


def _next_host(mechanism: Mechanism, ordinal: int, ledger: _Ledger) -> tuple[str, str]:
    """
    Return the host of round ``ordinal`` given the hostings in ``ledger``, and why.
    """
    rotation = mechanism.rotation
    if isinstance(rotation, FixedVenue):
        host = rotation.venue.country
        return host, f"every round meets in {rotation.venue.name}, {_name(mechanism, host)}"
    if isinstance(rotation, Cycle):
        place = (ordinal - 1) % len(rotation.hosts)
        host = rotation.hosts[place]
        cycle = ", ".join(rotation.hosts)
        return host, (
            f"the hosts follow the cycle {cycle}, and round {ordinal} falls to place "
            f"{place + 1}: {_name(mechanism, host)}"
        )
    if ledger.latest is None:
        if rotation.first_host is not None:
            host = rotation.first_host
            return (
                host,
                f"neither party has hosted yet, so the first host, {_name(mechanism, host)}, does",
            )
        host = mechanism.codes[0]
        return host, (
            f"neither party has hosted yet and no first host is set, so the first party, "
            f"{_name(mechanism, host)}, does"
        )
    recent_ordinal, recent = ledger.latest
    host = _other(mechanism, recent)
    since = ledger.last.get(host)
    if since is None:
        return host, (
            f"{_name(mechanism, recent)} hosted round {recent_ordinal} and "
            f"{_name(mechanism, host)} has never hosted, so {_name(mechanism, host)} does"
        )
    return host, (
        f"{_name(mechanism, host)} last hosted round {since}, before {_name(mechanism, recent)} "
        f"hosted round {recent_ordinal}, so {_name(mechanism, host)} does"
    )


def _host_for(mechanism: Mechanism, ordinal: int, ledger: _Ledger) -> tuple[str, str]:
    """
    Return the rotation's host of round ``ordinal``, when ``ledger`` holds every earlier round.

    Rounds between the last one in the ledger and ``ordinal`` are unrecorded: alternation
    runs on through them (after one step it strictly alternates, so no replay is needed).
    """
    start = ledger.latest[0] + 1 if ledger.latest is not None else 1
    if ordinal == start or not isinstance(mechanism.rotation, Alternating):
        return _next_host(mechanism, ordinal, ledger)
    opener, _ = _next_host(mechanism, start, ledger)
    host = opener if (ordinal - start) % 2 == 0 else _other(mechanism, opener)
    return host, (
        f"alternation from round {start}, which {_name(mechanism, opener)} would host, "
        f"runs on through the unrecorded rounds up to round {ordinal}: {_name(mechanism, host)}"
    )


def _replay(mechanism: Mechanism, rounds: tuple[Round, ...]) -> tuple[_Ledger, list[str]]:
    """
    Record the host of every round in ``rounds``, inferring missing venues; say how.
    """
    ledger = _Ledger()
    reasons = []
    for current in rounds:
        said = f"Round {current.ordinal} {_STATUS_VERB[current.status]} {_when(current)}"
        if current.venue is not None:
            host = current.venue.country
            hosts = "hosts it" if current.is_pending else "hosted"
            reasons.append(f"{said} in {current.venue.name}: {_name(mechanism, host)} {hosts}.")
        else:
            host, why = _host_for(mechanism, current.ordinal, ledger)
            reasons.append(f"{said} with no venue on record; by the rotation rule {why}.")
        ledger.record(current.ordinal, host)
    return ledger, reasons


def resolved_venues(mechanism: Mechanism) -> tuple[tuple[Round, City, bool], ...]:
    """
    Return each round with its venue and whether that venue was inferred.

    A round's venue is the recorded one, else the one the rotation gives it from the
    rounds before it (inferred); the rounds are in order.
    """
    ledger, _ = _replay(mechanism, mechanism.rounds)
    return tuple(
        (r, _venue(mechanism, r, mechanism.party(ledger.hosts[r.ordinal])), r.venue is None)
        for r in mechanism.rounds
    )


def _phrase(date: FuzzyDate) -> str:
    """
    Describe a date for a sentence: "the 3rd week of January 2022", "December 2019".
    """
    phrase = date.describe()
    return f"the {phrase}" if "week of" in phrase else phrase


def _when(current: Round) -> str:
    """
    Say when a round was or is to be: "on 6 September 2018", "for the 3rd week of January 2022".
    """
    phrase = _phrase(current.date)
    if current.is_pending:
        return f"for {phrase}"
    return f"on {phrase}" if current.date.is_exact else f"in {phrase}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _rule(mechanism: Mechanism) -> str:
    first, second = (country.name for country in mechanism.parties)
    rotation = mechanism.rotation
    if isinstance(rotation, Alternating):
        return f"hosting alternates between {first} and {second}"
    if isinstance(rotation, Cycle):
        return "hosts follow the cycle " + ", ".join(rotation.hosts)
    return f"every round meets in {rotation.venue.name}"


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
    day = pendulum.today().date() if as_of is None else _to_date(as_of)
    if not mechanism.rounds:
        rotation = mechanism.rotation
        unanchored = isinstance(rotation, Alternating) and rotation.first_host is None
        missing = " and no first host to start the rotation" if unanchored else ""
        raise NotForecastable(
            f"{mechanism.id} cannot be forecast: it has no rounds on record to count from{missing}"
        )
    ledger, reasons = _replay(mechanism, mechanism.rounds)
    reasons.insert(
        0,
        f"{mechanism.name} ({mechanism.id}) has {_count(len(mechanism.rounds), 'round')} on "
        f"record, {len(mechanism.held)} held; {_rule(mechanism)}, one round every "
        f"{mechanism.cadence_months} months.",
    )
    pending = mechanism.pending
    last = mechanism.rounds[-1]
    if pending is not None:
        ordinal, window, basis = pending.ordinal, pending.date, Basis.ANNOUNCED
        host = ledger.hosts[ordinal]
        slips = ", then ".join(_phrase(s) for s in pending.slipped_from)
        reasons.append(
            f"Round {ordinal} is on record as {pending.status.value}, so it is the next round"
            + (f"; it had been planned for {slips} before." if slips else ".")
        )
    else:
        ordinal, basis = last.ordinal + 1, Basis.ROTATION
        host, why = _host_for(mechanism, ordinal, ledger)
        reasons.append(f"Round {ordinal} is next; by the rotation rule {why}.")
        window = last.date.shift(months=mechanism.cadence_months).whole_months()
        reasons.append(
            f"Round {last.ordinal} was held {_when(last)}; "
            f"{mechanism.cadence_months} months on, widened to whole months, gives "
            f"{_phrase(window)}."
        )
    country = mechanism.party(host)
    venue = _venue(mechanism, pending, country)
    if pending is None or pending.venue is None:
        reasons.append(f"The venue is {venue.name}, {_venue_rule(mechanism, country)}.")
    overdue = day > window.latest
    reasons.append(
        f"As of {day.isoformat()} the window ends {window.latest.isoformat()}: the round is "
        + ("overdue." if overdue else "not overdue.")
    )
    return Forecast(
        mechanism=mechanism.id,
        ordinal=ordinal,
        host=country,
        venue=venue,
        window=window,
        basis=basis,
        overdue=overdue,
        as_of=day,
        reasons=tuple(reasons),
    )


def _venue(mechanism: Mechanism, recorded: Round | None, host: Country) -> City:
    if recorded is not None and recorded.venue is not None:
        return recorded.venue
    if isinstance(mechanism.rotation, FixedVenue):
        return mechanism.rotation.venue
    return host.capital


def _venue_rule(mechanism: Mechanism, host: Country) -> str:
    if isinstance(mechanism.rotation, FixedVenue):
        return "where every round meets"
    return f"the capital of the host, {host.name}"


def venue_for(mechanism: Mechanism, ordinal: int) -> City:
    """
    Return the venue of round ``ordinal``: the recorded one, else the rotation's.

    Rounds before it with no recorded venue get their hosts inferred by the rotation, and
    the rotation runs on past the last recorded round.

    Raises:
        InvalidModel: ``ordinal`` is not an int, or is below 1.
    """
    try:
        _ordinal(ordinal)
    except _Invalid as invalid:
        raise invalid.at("ordinal") from None
    earlier = tuple(r for r in mechanism.rounds if r.ordinal < ordinal)
    recorded = next((r for r in mechanism.rounds if r.ordinal == ordinal), None)
    if recorded is not None and recorded.venue is not None:
        return recorded.venue
    ledger, _ = _replay(mechanism, earlier)
    host, _ = _host_for(mechanism, ordinal, ledger)
    return _venue(mechanism, None, mechanism.party(host))


def backtest(mechanism: Mechanism) -> tuple[BacktestRow, ...]:
    """
    Check the rotation against history.

    For each held round from the second on with a recorded venue, the host the rotation
    predicts from the earlier rounds alone is set against the host of the recorded venue.
    """
    rows = []
    ledger = _Ledger()
    for current in mechanism.rounds:
        predicted, _ = _host_for(mechanism, current.ordinal, ledger)
        if current.venue is None:
            ledger.record(current.ordinal, predicted)
            continue
        actual = current.venue.country
        if current.ordinal >= 2 and not current.is_pending:
            rows.append(
                BacktestRow(
                    ordinal=current.ordinal,
                    predicted=mechanism.party(predicted),
                    actual=mechanism.party(actual),
                    hit=predicted == actual,
                )
            )
        ledger.record(current.ordinal, actual)
    return tuple(rows)
