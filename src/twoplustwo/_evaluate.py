"""
The scoreboard: replay every dialogue and score each round's forecast beside baselines.

Each round is forecast from the rounds before it only, and scored against what happened.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from typing import Final

import attrs
import pendulum

from twoplustwo._learning import MONTH, check_level, midpoint
from twoplustwo._model import (
    Alternating,
    Dataset,
    HostBasis,
    Mechanism,
    Record,
    Round,
)
from twoplustwo._rotation import next_round
from twoplustwo.exceptions import NotForecastable

METHODS: Final = ("twoplustwo", "alternate by number", "previous host", "12-month rule")
"""The forecasters on the scoreboard: twoplustwo as the data declares it, then the baselines.

``alternate by number``: the first host hosts the odd-numbered turns from it, the other party
the even ones. ``previous host``: the last host hosts again. ``12-month rule``: the rule of
twoplustwo 0.1 (the party whose last hosting is oldest hosts, and the window is the calendar
month twelve months after the last round)."""


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
    """

    mechanism: str
    method: str
    hosts: int
    hits: int
    brier: float | None
    windows: int
    covered: int
    median_width_months: float | None

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


@attrs.frozen
class Scoreboard:
    """
    Every forecaster's score on every dialogue and on all together.

    Attributes:
        level: The share of past gaps twoplustwo's windows cover.
        scores: One score a dialogue and forecaster, dialogues in order, then ``all``.
    """

    level: float
    scores: tuple[Score, ...]

    def score(self, mechanism: str, method: str) -> Score:
        """
        Return the score of ``method`` on ``mechanism`` (``all`` for every dialogue together).

        Raises:
            KeyError: There is no such score.
        """
        for score in self.scores:
            if (score.mechanism, score.method) == (mechanism, method):
                return score
        raise KeyError((mechanism, method))


Window = tuple[pendulum.Date, pendulum.Date]


@attrs.frozen
class _Event:
    """
    One forecast of one round, and what happened: the host, if the record names it.
    """

    method: str
    host: str | None
    chances: dict[str, float] | None
    window: Window | None
    actual: Round
    actual_host: str | None


def evaluate(dataset: Dataset, *, level: float = 0.8) -> Scoreboard:
    """
    Replay every dialogue of ``dataset``, forecasting each held round from earlier ones only.

    Each held round after the first is forecast as on the day of the round before it (its
    middle day): from the dialogue's rounds before it, the status changes by then, and other
    dialogues' gaps that ended by then, so nothing later is read. A round's host is scored
    where the record names it (or its venue does); a round's date against the window.

    Args:
        dataset: The dialogues.
        level: The share of past gaps twoplustwo's windows cover; 0.8 unless given.

    Raises:
        Error: ``level`` is not between 0 and 1.
    """
    share = check_level(level)
    scores: list[Score] = []
    everything: dict[str, list[_Event]] = {method: [] for method in METHODS}
    for mechanism in dataset.mechanisms:
        mine: dict[str, list[_Event]] = {method: [] for method in METHODS}
        for event in _events(dataset, mechanism, share):
            mine[event.method].append(event)
            everything[event.method].append(event)
        scores += [_score(mechanism.id, method, mine[method]) for method in METHODS]
    scores += [_score("all", method, everything[method]) for method in METHODS]
    return Scoreboard(share, tuple(scores))


def _events(dataset: Dataset, mechanism: Mechanism, level: float) -> Iterator[_Event]:
    replayed = list(mechanism.replay())
    for index in range(1, len(replayed)):
        record, hosting = replayed[index]
        actual = hosting.round
        earlier = tuple(h.round for _, h in replayed[:index])
        previous = [r for r in earlier if not r.is_pending]
        if actual.is_pending or not previous:
            continue
        known = hosting.host if hosting.basis in (HostBasis.RECORDED, HostBasis.VENUE) else None
        day = midpoint(previous[-1].date)
        past = attrs.evolve(
            mechanism,
            rounds=earlier,
            status_changes=tuple(c for c in mechanism.status_changes if c.date.latest <= day),
        )
        scored = known if record.turns else None  # a first host is nobody's forecast
        for method, forecast in _FORECASTERS.items():
            host, chances, window = forecast(past, record, day, dataset, level)
            yield _Event(method, host, chances, window, actual, scored)


Guess = tuple[str | None, dict[str, float] | None, Window | None]
"""A forecaster's host, its chances for each party, and its window, each where it gives one."""

Forecaster = Callable[[Mechanism, Record, pendulum.Date, Dataset, float], Guess]


def _twoplustwo(
    past: Mechanism, record: Record, day: pendulum.Date, dataset: Dataset, level: float
) -> Guess:
    try:
        forecast = next_round(past, as_of=day, level=level, context=dataset)
    except NotForecastable:
        return None, None, None
    chances = dict(forecast.chances) or None
    host = forecast.host.code if forecast.host is not None else None
    return host, chances, (forecast.window.earliest, forecast.window.latest)


def _certain(past: Mechanism, host: str) -> dict[str, float]:
    return {code: 1.0 if code == host else 0.0 for code in past.codes}


def _by_number(
    past: Mechanism, record: Record, day: pendulum.Date, dataset: Dataset, level: float
) -> Guess:
    first = next((h for h in past.hostings() if h.host is not None), None)
    if first is None or first.host is None:
        return None, None, None
    turn = record.next_ordinal - first.round.ordinal
    host = first.host if turn % 2 == 0 else past.other(first.host)
    return host, _certain(past, host), None


def _previous(
    past: Mechanism, record: Record, day: pendulum.Date, dataset: Dataset, level: float
) -> Guess:
    if record.latest is None:
        return None, None, None
    host = record.latest[1]
    return host, _certain(past, host), None


def _twelve_months(
    past: Mechanism, record: Record, day: pendulum.Date, dataset: Dataset, level: float
) -> Guess:
    host, _ = Alternating().host(past, record.next_ordinal, record)
    window = past.held[-1].date.shift(months=12).whole_months()
    return host, _certain(past, host), (window.earliest, window.latest)


_FORECASTERS: Final[dict[str, Forecaster]] = {
    "twoplustwo": _twoplustwo,
    "alternate by number": _by_number,
    "previous host": _previous,
    "12-month rule": _twelve_months,
}


def _score(mechanism: str, method: str, events: list[_Event]) -> Score:
    hits, briers, widths, covered = 0, [], [], 0
    for event in events:
        if event.actual_host is not None and event.chances is not None:
            hits += event.host == event.actual_host
            errors = (
                (chance - (code == event.actual_host)) ** 2
                for code, chance in event.chances.items()
            )
            briers.append(sum(errors) / 2)
        if event.window is not None:
            start, end = event.window
            covered += event.actual.date.earliest <= end and start <= event.actual.date.latest
            widths.append(((end - start).days + 1) / MONTH)
    return Score(
        mechanism=mechanism,
        method=method,
        hosts=len(briers),
        hits=hits,
        brier=statistics.fmean(briers) if briers else None,
        windows=len(widths),
        covered=covered,
        median_width_months=statistics.median(widths) if widths else None,
    )
