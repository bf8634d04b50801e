"""
The scoreboard: replay every dialogue and score each round's forecast beside baselines.

Each round is forecast from the rounds before it only, and scored against what happened.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Final

import attrs
import pendulum

from twoplustwo._dates import days_between
from twoplustwo._learning import LEADS, LEVEL, MONTH, check_level, midpoint, window_from_record
from twoplustwo._model import (
    Dataset,
    HostBasis,
    Mechanism,
    MechanismStatus,
    News,
    Round,
    news_of,
)
from twoplustwo._places import City
from twoplustwo._policies import Alternating, Record
from twoplustwo._rotation import home_cities, usual_city
from twoplustwo.exceptions import InvalidDate

METHODS: Final = (
    "twoplustwo",
    "twoplustwo with news",
    "alternate by number",
    "previous host",
    "12-month rule",
)
"""The forecasters on the scoreboard: twoplustwo as the data declares it, the same with the
round's announcements published by the day of the forecast, then the baselines.

``twoplustwo with news``: an announced host or city is the answer, and an announced date
narrows the window (or sets it, where the two do not meet). ``alternate by number``: the
first host hosts the odd-numbered turns from it, the other party the even ones. ``previous
host``: the last host hosts again. ``12-month rule``: the rule of twoplustwo 0.1 (the party
whose last hosting is oldest hosts, and the window is the calendar month twelve months after
the last round)."""


@attrs.frozen
class Score:
    """
    How one forecaster did on one dialogue (or on all, as ``all``).

    Attributes:
        mechanism: The dialogue's id, or ``all``.
        method: The forecaster, one of :data:`METHODS`.
        hosts: How many held rounds with a known host were forecast.
        hits: How many of those the forecaster's likeliest host got right.
        brier: The mean Brier score of its chances for the host (0 is perfect, 1 the worst);
            None when no host was forecast.
        windows: How many held rounds got a window.
        covered: How many of those fell (at least partly) inside it.
        median_width_months: The median width of those windows, in months; None if none.
        cities: How many held rounds with a known host and a recorded venue got a city.
        city_hits: How many of those cities were right.
        lead: Days before the round it was forecast, or None for on the day of the round
            before it.
        rounds: How many held rounds were forecast.
        announced: How many of those had an announcement published by then.
    """

    mechanism: str
    method: str
    hosts: int
    hits: int
    brier: float | None
    windows: int
    covered: int
    median_width_months: float | None
    cities: int
    city_hits: int
    lead: int | None = None
    rounds: int = 0
    announced: int = 0

    @property
    def accuracy(self) -> float | None:
        """
        The share of hosts right, or None if none was forecast.
        """
        return self.hits / self.hosts if self.hosts else None

    @property
    def coverage(self) -> float | None:
        """
        The share of rounds inside their window, or None if no window was given.
        """
        return self.covered / self.windows if self.windows else None

    @property
    def city_accuracy(self) -> float | None:
        """
        The share of cities right, or None if no city was forecast.
        """
        return self.city_hits / self.cities if self.cities else None


@attrs.frozen
class Scoreboard:
    """
    Every forecaster's score on every dialogue and on all together.

    Attributes:
        level: The share of past gaps twoplustwo's windows cover.
        scores: One score a lead time, forecaster and dialogue: lead times in the order of
            ``LEADS`` (None, then 90, 30 and 7 days), then forecasters in the order of
            :data:`METHODS`, then the dialogues in order and ``all``.
    """

    level: float
    scores: tuple[Score, ...]

    def score(self, mechanism: str, method: str, lead: int | None = None) -> Score:
        """
        Return the score of ``method`` on ``mechanism`` (``all`` for every dialogue together).

        Args:
            mechanism: A dialogue's id, or ``all``.
            method: One of :data:`METHODS`.
            lead: Days before the round (90, 30 or 7), or None (the default) for on the day
                of the round before.

        Raises:
            KeyError: There is no such score.
        """
        for score in self.scores:
            if (score.mechanism, score.method, score.lead) == (mechanism, method, lead):
                return score
        raise KeyError((mechanism, method, lead))


Window = tuple[pendulum.Date, pendulum.Date]


@attrs.frozen
class _Event:
    """
    One forecast of one round, and what happened: the host, if the record names it.
    """

    method: str
    lead: int | None
    guess: Guess
    actual: Round
    actual_host: str | None
    announced: bool


def evaluate(dataset: Dataset, *, level: float = LEVEL) -> Scoreboard:
    """
    Replay every dialogue of ``dataset``, forecasting each held round from earlier ones only.

    Each held round after the first is forecast as on the day of the round before it (its
    middle day), and again 90, 30 and 7 days before its first day where those fall after the
    round before: each time from the dialogue's rounds before it, the status changes by then,
    other dialogues' gaps that ended by then and (for ``twoplustwo with news``) the round's
    announcements published by then, so nothing later is read. A round's host is scored
    where the record names it (or its venue does), its city where its venue is on record too,
    and its date against the window. twoplustwo's city is the host's usual one by then; the
    baselines take the host's capital.

    Args:
        dataset: The dialogues.
        level: The share of past gaps twoplustwo's windows cover; ``LEVEL`` unless given.

    Raises:
        Error: ``level`` is not between 0 and 1.
    """
    share = check_level(level)
    kinds = [(lead, method) for lead in LEADS for method in METHODS]
    found: dict[str, dict[tuple[int | None, str], list[_Event]]] = {}
    everything: dict[tuple[int | None, str], list[_Event]] = {kind: [] for kind in kinds}
    for mechanism in dataset.mechanisms:
        mine: dict[tuple[int | None, str], list[_Event]] = {kind: [] for kind in kinds}
        for event in _events(dataset, mechanism, share):
            mine[event.lead, event.method].append(event)
            everything[event.lead, event.method].append(event)
        found[mechanism.id] = mine
    found["all"] = everything
    scores = [
        _score(key, method, lead, events[lead, method])
        for lead, method in kinds
        for key, events in found.items()
    ]
    return Scoreboard(share, tuple(scores))


@attrs.frozen
class _Past:
    """
    What was known on the day a round is forecast: the record of the rounds before it.

    Built in one pass over a dialogue, so that each forecast costs no more than its window.

    Attributes:
        mechanism: The whole dialogue: its parties, rotation and cadence (not its rounds).
        day: The day of the forecast, the middle day of the last round held before.
        level: The share of past gaps a window covers.
        record: Who hosted the rounds before.
        last_held: The round just before, which was held (only a last round is pending).
        first: The first round before with a known host, and that host; None if none.
        status: Where the dialogue stood on ``day``, by the status changes known by then.
        news: What the round's announcements published by ``day`` said.
        own: The dialogue's gaps (in days) that ended by ``day``.
        pool: Other dialogues' gaps that ended by ``day``.
        cities: Each host's cities at home in the rounds before, as ``home_cities`` gives them.
    """

    mechanism: Mechanism
    day: pendulum.Date
    level: float
    record: Record
    last_held: Round
    first: tuple[Round, str] | None
    status: MechanismStatus
    news: News
    own: tuple[int, ...]
    pool: tuple[int, ...]
    cities: Mapping[str, Mapping[tuple[str, str], Sequence[City]]]


class _Gaps:
    """
    Every dialogue's gaps, worked out once, each with the day it ended; asked by day.
    """

    def __init__(self, dataset: Dataset) -> None:
        self._ended = {m.id: _ended_gaps(m) for m in dataset.mechanisms}

    def pool(self, day: pendulum.Date, leave_out: str) -> tuple[int, ...]:
        """
        Return the gaps of every dialogue but ``leave_out`` that ended by ``day``, in order.
        """
        return tuple(
            gap
            for key, ended in self._ended.items()
            if key != leave_out
            for later, gap in ended
            if later <= day
        )


def _ended_gaps(mechanism: Mechanism) -> list[tuple[pendulum.Date, int]]:
    """
    Return each gap between consecutive held rounds with the day it ended, as ``gaps`` does.
    """
    held = [midpoint(r.date) for r in mechanism.held]
    return [(later, days_between(earlier, later)) for earlier, later in itertools.pairwise(held)]


def _events(dataset: Dataset, mechanism: Mechanism, level: float) -> Iterator[_Event]:
    """
    Replay a dialogue once, forecasting each held round from the rounds before it.

    Linear in the number of rounds but for the window, which sorts the gaps known so far.
    """
    every = _Gaps(dataset)
    own: list[tuple[pendulum.Date, int]] = []
    last_held: Round | None = None
    first: tuple[Round, str] | None = None
    cities: dict[str, dict[tuple[str, str], list[City]]] = {}
    for record, hosting in mechanism.replay():
        actual = hosting.round
        if last_held is not None and not actual.is_pending:
            known = hosting.host if hosting.basis in _KNOWN else None
            scored = known if record.turns else None  # a first host is nobody's forecast
            for lead, day in _days(last_held, actual):
                past = _Past(
                    mechanism=mechanism,
                    day=day,
                    level=level,
                    record=record,
                    last_held=last_held,
                    first=first,
                    status=_status(mechanism, day),
                    news=news_of(actual, day, last_held, mechanism.codes),
                    own=tuple(gap for later, gap in own if later <= day),
                    pool=every.pool(day, mechanism.id),
                    cities=cities,
                )
                announced = bool(past.news.said)
                for method, forecast in _FORECASTERS.items():
                    yield _Event(method, lead, forecast(past), actual, scored, announced)
        if hosting.host is not None:
            for key, places in home_cities((hosting,), hosting.host).items():
                cities.setdefault(hosting.host, {}).setdefault(key, []).extend(places)
        if first is None and hosting.host is not None:
            first = (actual, hosting.host)
        if not actual.is_pending:
            if last_held is not None:
                later = midpoint(actual.date)
                own.append((later, (later - midpoint(last_held.date)).days))
            last_held = actual


_KNOWN: Final = (HostBasis.RECORDED, HostBasis.VENUE)


def _days(before: Round, actual: Round) -> Iterator[tuple[int | None, pendulum.Date]]:
    """
    Yield each lead time and the day ``actual`` is forecast on, after the round ``before``.
    """
    yield None, midpoint(before.date)
    for lead in LEADS[1:]:
        day = actual.date.earliest.subtract(days=lead)
        if day > before.date.latest:
            yield lead, day


def _status(mechanism: Mechanism, day: pendulum.Date) -> MechanismStatus:
    """
    Return the dialogue's status on ``day`` by the changes known by then (ended by ``day``).
    """
    status = MechanismStatus.ACTIVE
    for change in mechanism.status_changes:
        if change.date.latest <= day and change.date.earliest <= day:
            status = change.status
    return status


Guess = tuple[str | None, dict[str, float] | None, Window | None, City | None]
"""A forecaster's host, its chances for each party, its window and its city, where given."""

Forecaster = Callable[[_Past], Guess]


def _twoplustwo(past: _Past) -> Guess:
    """
    What ``next_round`` forecasts from the rounds before, worked out without its reasons.
    """
    mechanism = past.mechanism
    if past.status in (MechanismStatus.SUSPENDED, MechanismStatus.ENDED):
        return None, None, None, None
    # The round before a held round is held too (only the last round may be pending), so the
    # forecast is the rotation's, never an announced round's.
    ordinal = past.last_held.ordinal + 1
    host, _ = mechanism.rotation.host(mechanism, ordinal, past.record)
    chances = dict(mechanism.rotation.probabilities(mechanism, ordinal, past.record)) or None
    city = usual_city(mechanism, host, past.cities.get(host, {}))[0]
    cadence = mechanism.cadence_months
    if cadence is not None:
        try:
            window = past.last_held.date.shift(months=cadence).whole_months()
        except InvalidDate:  # past the last day of the model: no window to give
            return host, chances, None, city
    else:
        worked = window_from_record(
            past.last_held.date, past.own, past.pool, as_of=past.day, level=past.level
        )
        window = worked.window
    return host, chances, (window.earliest, window.latest), city


def _with_news(past: _Past) -> Guess:
    """
    The forecast of twoplustwo, with what the round's announcements said by then put first.
    """
    host, chances, window, city = _twoplustwo(past)
    news = past.news
    if news.host is not None:
        host = news.host
        chances = {code: 1.0 if code == host else 0.0 for code in past.mechanism.codes}
        city = usual_city(past.mechanism, host, past.cities.get(host, {}))[0]
    if news.venue is not None:
        city = news.venue
    if news.date is not None:
        start, end = news.date.earliest, news.date.latest
        if window is not None and window[0] <= end and start <= window[1]:
            start, end = max(start, window[0]), min(end, window[1])
        window = (start, end)
    return host, chances, window, city


def _baseline(past: _Past, host: str, window: Window | None = None) -> Guess:
    """
    A baseline's guess: ``host`` for certain, meeting in its capital.
    """
    chances = {code: 1.0 if code == host else 0.0 for code in past.mechanism.codes}
    return host, chances, window, past.mechanism.party(host).capital


def _by_number(past: _Past) -> Guess:
    if past.first is None:
        return None, None, None, None
    first, opener = past.first
    turn = past.record.next_ordinal - first.ordinal
    return _baseline(past, opener if turn % 2 == 0 else past.mechanism.other(opener))


def _previous(past: _Past) -> Guess:
    if past.record.latest is None:
        return None, None, None, None
    return _baseline(past, past.record.latest[1])


def _twelve_months(past: _Past) -> Guess:
    host, _ = Alternating().host(past.mechanism, past.record.next_ordinal, past.record)
    try:
        window = past.last_held.date.shift(months=12).whole_months()
    except InvalidDate:  # past the last day of the model: no window to give
        return _baseline(past, host)
    return _baseline(past, host, (window.earliest, window.latest))


_FORECASTERS: Final[dict[str, Forecaster]] = {
    "twoplustwo": _twoplustwo,
    "twoplustwo with news": _with_news,
    "alternate by number": _by_number,
    "previous host": _previous,
    "12-month rule": _twelve_months,
}


def _score(mechanism: str, method: str, lead: int | None, events: list[_Event]) -> Score:
    hits, briers, widths, covered, cities, city_hits = 0, [], [], 0, 0, 0
    for event in events:
        host, chances, window, city = event.guess
        if event.actual_host is not None and chances is not None:
            hits += host == event.actual_host
            errors = (
                (chance - (code == event.actual_host)) ** 2 for code, chance in chances.items()
            )
            briers.append(sum(errors) / 2)
            venue = event.actual.venue
            if venue is not None and city is not None:
                cities += 1
                city_hits += (city.name, city.country) == (venue.name, venue.country)
        if window is not None:
            start, end = window
            covered += event.actual.date.earliest <= end and start <= event.actual.date.latest
            widths.append((days_between(start, end) + 1) / MONTH)
    return Score(
        mechanism=mechanism,
        method=method,
        hosts=len(briers),
        hits=hits,
        brier=statistics.fmean(briers) if briers else None,
        windows=len(widths),
        covered=covered,
        median_width_months=statistics.median(widths) if widths else None,
        cities=cities,
        city_hits=city_hits,
        lead=lead,
        rounds=len(events),
        announced=sum(event.announced for event in events),
    )
