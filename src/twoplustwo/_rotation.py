"""
The calculator: where and when a mechanism meets next, and why; pure functions over the model.
"""

from __future__ import annotations

import datetime as dt
import enum
import statistics
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, to_date
from twoplustwo._learning import (
    LEVEL,
    Pool,
    check_level,
    gaps,
    percent,
    pooled_gaps,
    window_from_record,
)
from twoplustwo._model import (
    Dataset,
    HostBasis,
    Hosting,
    Mechanism,
    MechanismStatus,
    Mode,
    Round,
    RoundStatus,
)
from twoplustwo._places import City, Country
from twoplustwo._policies import Record, certain
from twoplustwo._render import count, explain
from twoplustwo._validators import (
    ORDINAL,
    SLUG,
    TEXT,
    Chances,
    Count,
    Optional,
    Probability,
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
        chances: Each party's chance of hosting, as (party code, chance) pairs summing to 1;
            empty when the round has no host.
        level: The share of past gaps the window covers, for a window from the record; None
            for an announced date or a fixed cadence.
        dormant: Whether the dialogue has been quiet longer than nearly all its past gaps, so
            that its window lies in the past.
        chance_within_year: For a dormant dialogue, the chance of a round in the next 12 months.
        data_as_of: How current the data is, when the forecast was given the dataset: the day
            the dialogue was last checked against the news, else the dataset's ``as_of``.
        stale: Whether the data is older than the forecast's day by more than the dialogue's
            usual gap between rounds (a year, when it has no gap yet): a round may have been
            held that the data does not have.
        status: The status on record of the pending round the forecast rests on, if any.
        venue_chance: The chance that the venue is right, given the host, when it was learned
            from the host's past rounds at home; None for a venue on record or fixed.
        venue_why: How the venue was chosen, in a few words: "on record", "42%: 7 of the 15
            rounds Australia hosted at home", or "assumed: the capital; ...".
        data_checked: Whether ``data_as_of`` is the day the dialogue was last checked as a
            whole against the news (else it is the dataset's ``as_of``).
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
    chances: tuple[tuple[str, float], ...] = attrs.field(default=(), validator=Chances())
    level: float | None = attrs.field(default=None, validator=Optional(Probability()))
    dormant: bool = attrs.field(default=False, validator=instance_of(bool))
    chance_within_year: float | None = attrs.field(default=None, validator=Optional(Probability()))
    data_as_of: pendulum.Date | None = attrs.field(
        default=None, converter=attrs.converters.optional(to_date)
    )
    stale: bool = attrs.field(default=False, validator=instance_of(bool))
    status: RoundStatus | None = attrs.field(
        default=None, validator=Optional(instance_of(RoundStatus))
    )
    venue_chance: float | None = attrs.field(default=None, validator=Optional(Probability()))
    venue_why: str | None = attrs.field(default=None, validator=Optional(TEXT))
    data_checked: bool = attrs.field(default=False, validator=instance_of(bool))

    def __repr__(self) -> str:
        host = self.host.code if self.host is not None else "no host"
        return (
            f"<Forecast {self.mechanism} round {self.ordinal}: {self.state}, {host}, "
            f"{self.where}, {self.window}>"
        )

    @property
    def state(self) -> str:
        """
        Where the next round stands, in a word.

        ``announced`` (a scheduled round on record),
        ``proposed`` or ``postponed`` (so on record), ``dormant`` (quiet longer than nearly
        all past gaps), ``overdue`` (its date or window has passed with no round on record)
        or ``expected`` (forecast from the record).
        """
        if self.dormant:
            return "dormant"
        if self.overdue:
            return "overdue"
        if self.status is not None:
            return "announced" if self.status is RoundStatus.SCHEDULED else self.status.value
        return "expected"

    @property
    def when(self) -> str:
        """
        When, in words.

        "between X and Y (80% of past gaps)" right after a round, "by Y (80% of past gaps)"
        once time has passed, or the date on record.
        """
        window = self.window
        if self.level is None:
            return window.phrase()
        share = f"({self.level:.0%} of past gaps)"
        if window.earliest == self.as_of.add(days=1):
            return f"by {window.latest.format('D MMMM YYYY')} {share}"
        first, last = (day.format("D MMMM YYYY") for day in (window.earliest, window.latest))
        return f"between {first} and {last} {share}"

    @property
    def where(self) -> str:
        """
        The place in words, such as ``Washington``, ``by video`` or ``no venue on record``.
        """
        if self.mode is Mode.VIRTUAL:
            return "by video"
        return "no venue on record" if self.venue is None else self.venue.name

    def explain(self, name: str | None = None, *, width: int = 80) -> str:
        """
        Render the forecast as the command line prints it: the answer first, then the reasons.

        The state, then the host and the city with their chances, then when, in words, then
        how old the data is; then the reasons, numbered.

        Args:
            name: The mechanism's name, for the first line; its id alone if not given.
            width: The most characters a line may have.
        """
        return explain(self, name, width=width)

    def status_said(self) -> str:
        """
        The pending round on record, in words: "scheduled for the 3rd week of January 2022".
        """
        status = self.status.value if self.status is not None else "on record"
        return f"{status} for {self.window.phrase()}"

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
        return f"{said} with no host or venue on record; the rotation gives it: {hosting.why}."
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
    if current.date.is_exact:
        return f"on {phrase}"
    return f"from {phrase}" if " to " in phrase else f"in {phrase}"


def rule_of(mechanism: Mechanism) -> str:
    """
    Say how a dialogue is forecast: its rotation, and its cadence or windows from the record.
    """
    cadence = mechanism.cadence_months
    every = f"one round every {cadence} months" if cadence else "its windows from the record"
    return f"{mechanism.rotation.describe(mechanism)}, {every}"


def next_round(
    mechanism: Mechanism,
    *,
    as_of: dt.date | None = None,
    level: float = LEVEL,
    context: Dataset | Pool | None = None,
) -> Forecast:
    """
    Forecast a mechanism's next round: number, host, venue and window, with the reasons.

    A pending round on record is the answer (basis ``announced``). Otherwise the rotation
    policy gives the host and each party's chance (a learned policy follows the simple rule
    with the best record so far; virtual rounds take no turn). The window is the central
    interval, at ``level``, of the gaps between past rounds (the dialogue's own, other
    dialogues' in ``context`` that ended by ``as_of``, and a generic prior), given the time
    already passed; a dialogue quiet for longer than nearly all past gaps is reported
    dormant. A mechanism that declares ``cadence_months`` gets the old window instead: the
    last round's date moved on by the cadence, widened to whole calendar months. The venue is
    the recorded one, else the rotation's place for the host (its capital, or a fixed venue).

    Args:
        mechanism: The mechanism.
        as_of: The day of the forecast (and of the mechanism's status); today if not given.
            Only what happened by then should be in ``mechanism`` and ``context``.
        level: The share of past gaps a window from the record covers: ``LEVEL`` unless given.
        context: A dataset whose other dialogues' gaps inform the window, or the ``Pool`` of
            a dataset's gaps (which is all the forecast reads of it).

    Raises:
        NotForecastable: The mechanism has no rounds, so there is no date to count from, or
            it is suspended or ended as of ``as_of``, so no next round is expected.
        Error: ``level`` is not between 0 and 1.
    """
    share = check_level(level)
    day = pendulum.today().date() if as_of is None else to_date(as_of)
    status = mechanism.status_on(day)
    if status in (MechanismStatus.SUSPENDED, MechanismStatus.ENDED):
        change = [c for c in mechanism.status_changes if c.date.earliest <= day][-1]
        raise NotForecastable(
            f"{mechanism.id} is {status.value} since {change.date.phrase()}: no next round is "
            "expected, so none is forecast"
        )
    if not mechanism.rounds:
        missing = "" if mechanism.rotation.anchored else " and no first host to start the rotation"
        raise NotForecastable(
            f"{mechanism.id} cannot be forecast: it has no rounds on record to count from{missing}"
        )
    replayed = list(mechanism.replay())
    summary = (
        f"{mechanism.name} ({mechanism.id}) has {count(len(mechanism.rounds), 'round')} on "
        f"record, {len(mechanism.held)} held; {rule_of(mechanism)}."
    )
    reasons = [summary, *(_explain(mechanism, hosting) for _, hosting in replayed)]
    if status is MechanismStatus.DORMANT:
        reasons.append(f"The dialogue is dormant as of {day.isoformat()}; if it meets again:")
    pending = mechanism.pending
    if pending is not None:
        ordinal, window, basis = pending.ordinal, pending.date, Basis.ANNOUNCED
        host, venue, found = _announced(mechanism, replayed[-1], reasons)
        found["status"] = pending.status
    else:
        ordinal, basis = mechanism.rounds[-1].ordinal + 1, Basis.ROTATION
        host, window, found = _by_rule(mechanism, ordinal, day, share, context, reasons)
        venue = _place(mechanism, host, found, reasons)
    if context is not None:
        usual = min(statistics.median(gaps(mechanism)) if len(mechanism.held) > 1 else 365, 365)
        checked = mechanism.checked
        known = checked if checked is not None and checked <= day else context.as_of
        stale = (day - known).days > usual
        found.update(data_as_of=known, data_checked=known == checked, stale=stale)
        if stale:
            what = "was last checked against the news on" if known == checked else "describes"
            reasons.append(
                f"The data {what} {known.isoformat()}, more than the dialogue's usual gap (or a "
                f"year) before {day.isoformat()}: a round may have been held since that it does "
                "not have."
            )
    overdue = day > window.latest
    state = (
        "the window has passed with no round on record (one may have been held after the "
        "data's last source)"
        if overdue
        else "the round is not overdue"
    )
    reasons.append(f"As of {day.isoformat()} the window ends {window.latest.isoformat()}: {state}.")
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
        **found,  # type: ignore[arg-type] # the optional fields, each of its own type
    )


def _announced(
    mechanism: Mechanism, replayed: tuple[Record, Hosting], reasons: list[str]
) -> tuple[str | None, City | None, dict[str, object]]:
    """
    Return the host, venue and the optional forecast fields of the pending round.
    """
    record, hosting = replayed
    pending = hosting.round
    host, venue = hosting.host, hosting.venue
    slips = ", then ".join(plan.describe() for plan in pending.slipped_from)
    reasons.append(
        f"Round {pending.ordinal} is on record as {pending.status.value}, so it is the next "
        "round" + (f"; it had been planned for {slips} before." if slips else ".")
    )
    reasons += [said.describe() for said in pending.announced]
    found: dict[str, object] = {"mode": pending.mode, "abroad": pending.abroad}
    if pending.venue is None and host is not None:
        venue = _place(mechanism, host, found, reasons)
    elif pending.venue is not None:
        found["venue_why"] = "announced" if pending.announced else "on record"
    if hosting.inferred:
        found["chances"] = mechanism.rotation.probabilities(mechanism, pending.ordinal, record)
    elif host is not None:
        found["chances"] = certain(mechanism, host)
    return host, venue, found


CITY_PRIOR: Final = 1.0
"""How many rounds' worth of belief the capital gets before a host's own record counts."""

NEW_CITY_PRIOR: Final = 0.5
"""How many rounds' worth of belief a city the host has not used yet gets."""


def _place(mechanism: Mechanism, host: str, found: dict[str, object], reasons: list[str]) -> City:
    """
    Return the venue of the next round, hosted by ``host``, saying why in ``reasons``.
    """
    city, chance, short, sentence = usual_city(mechanism, host)
    reasons.append(sentence)
    found.update(venue_chance=chance, venue_why=short)
    return city


def home_cities(hostings: Iterable[Hosting], host: str) -> dict[tuple[str, str], list[City]]:
    """
    Return the cities ``host`` met in at home, each with its rounds, from ``hostings``.

    Only rounds whose host is on record (or named by their venue) count: a host the rotation
    inferred says nothing of where it meets.
    """
    seen: dict[tuple[str, str], list[City]] = {}
    for hosting in hostings:
        place = hosting.venue
        if hosting.host == host and not hosting.inferred and place and place.country == host:
            seen.setdefault((place.name, place.country), []).append(place)
    return seen


def usual_city(
    mechanism: Mechanism,
    host: str,
    seen: Mapping[tuple[str, str], Sequence[City]] | None = None,
) -> tuple[City, float | None, str, str]:
    """
    Return where a round hosted by ``host`` meets: the policy's city, or the host's usual one.

    A policy that names a city other than the capital is followed. Otherwise the city is
    learned from the rounds the host held at home: each city's share of them, with the
    capital given ``CITY_PRIOR`` rounds' worth of weight to begin with and a city not used
    yet ``NEW_CITY_PRIOR``; a host with no such round gets its capital, assumed.

    Args:
        mechanism: The dialogue.
        host: The host's party code.
        seen: The host's cities at home so far, as :func:`home_cities` gives them; all of
            the dialogue's rounds if not given.

    Returns:
        The city, its chance (None for the policy's city), a short reason and a sentence.
    """
    party = mechanism.party(host)
    venue, why = mechanism.rotation.place(party)
    if venue != party.capital:
        return venue, None, why, f"The venue is {venue.name}, {why}."
    if seen is None:
        seen = home_cities(mechanism.hostings(), host)
    total = sum(len(cities) for cities in seen.values())
    capital = (party.capital.name, party.capital.country)
    weight = {key: float(len(cities)) for key, cities in seen.items()}
    weight[capital] = weight.get(capital, 0.0) + CITY_PRIOR
    best = max(weight, key=lambda key: (weight[key], key == capital))
    chance = weight[best] / (total + CITY_PRIOR + NEW_CITY_PRIOR)
    city = party.capital if best == capital else seen[best][-1]
    if total == 0:
        short = f"assumed: the capital; {party.name} has hosted no round at home on record"
        return (
            city,
            chance,
            short,
            (
                f"The venue is {city.name}, the capital of the host, {party.name}: assumed, as it "
                "has hosted no round at home on record."
            ),
        )
    held = len(seen.get(best, []))
    rounds = f"{held} of the {count(total, 'round')} {party.name} hosted at home"
    if held == total:
        rounds = (
            f"all {total} rounds {party.name} hosted at home"
            if total > 1
            else f"the one round {party.name} hosted at home"
        )
    return (
        city,
        chance,
        f"{percent(chance)}: {rounds}",
        (
            f"The venue is {city.name}: {rounds} met there ({percent(chance)}, leaning to the "
            "capital where the record is thin)."
        ),
    )


def _by_rule(  # noqa: PLR0913, PLR0917 - the parts of one forecast
    mechanism: Mechanism,
    ordinal: int,
    day: pendulum.Date,
    share: float,
    context: Dataset | Pool | None,
    reasons: list[str],
) -> tuple[str, FuzzyDate, dict[str, object]]:
    """
    Return the host, the window and the optional forecast fields of the next round.
    """
    record = mechanism.record()
    host, why = mechanism.rotation.host(mechanism, ordinal, record)
    found: dict[str, object] = {
        "chances": mechanism.rotation.probabilities(mechanism, ordinal, record)
    }
    reasons.append(f"Round {ordinal} is next: {why}.")
    last, cadence = mechanism.rounds[-1], mechanism.cadence_months
    if cadence is not None:
        window = last.date.shift(months=cadence).whole_months()
        reasons.append(
            f"Round {last.ordinal} was held {_when(last)}; {cadence} months on, widened to "
            f"whole months, gives {window.phrase()}."
        )
        return host, window, found
    pool = () if context is None else pooled_gaps(context, before=day, leave_out=mechanism.id)
    held = mechanism.held[-1] if mechanism.held else last
    worked = window_from_record(
        held.date, gaps(mechanism, before=day), pool, as_of=day, level=share
    )
    reasons.extend(worked.reasons)
    found.update(level=share, dormant=worked.dormant, chance_within_year=worked.chance_within_year)
    return host, worked.window, found


def venue_for(mechanism: Mechanism, ordinal: int) -> City | None:
    """
    Return the venue of round ``ordinal``: the recorded one, else the host's usual city.

    Rounds before it with no recorded host or venue get their hosts inferred by the
    rotation, and the rotation runs on past the last recorded round. A round with its host
    but no venue on record gets the host's usual city (``usual_city``); a round that
    had no host and no venue (a virtual round) has none: None.

    Raises:
        InvalidModel: ``ordinal`` is not an int, or is not in 1 to 10**18.
    """
    check_argument(_ANY_ORDINAL, "ordinal", ordinal)
    recorded = next((r for r in mechanism.rounds if r.ordinal == ordinal), None)
    earlier = tuple(r for r in mechanism.rounds if r.ordinal < ordinal)
    if recorded is not None:
        hosting = mechanism.hostings((*earlier, recorded))[-1]
        if (hosting.venue is not None and not hosting.inferred) or hosting.host is None:
            return hosting.venue
        host = hosting.host  # a host on record, but no venue: the rotation's place for it
    else:
        host, _ = mechanism.rotation.host(mechanism, ordinal, mechanism.record(earlier))
    return usual_city(mechanism, host)[0]


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
