"""
Windows from the record: when the next round is likely, from the gaps between past rounds.

A dialogue's past gaps (days from one held round to the next) are pooled with the gaps of
every other dialogue known at the time and with a generic prior, each source weighted so
that a dialogue's own record dominates once it has a few rounds. The window is the central
interval of that weighted sample, at a stated level, counted from the last round; once time
has passed without a round, only longer gaps count, and the window runs from the day after
the forecast to where that share of them ends. A dialogue quiet for longer than nearly all past
gaps is dormant instead: its window lies in the past, and the chance of a round within a
year is reported.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from typing import Final

import attrs
import pendulum

from twoplustwo._dates import LAST_DAY, FuzzyDate, days_after, days_between, to_date
from twoplustwo._model import Dataset, Mechanism
from twoplustwo._validators import show
from twoplustwo.exceptions import Error

LEVEL: Final = 0.8
"""The share of past gaps a window covers unless a caller says otherwise."""

LEADS: Final = (None, 90, 30, 7)
"""When the scoreboard forecasts each round: on the day of the round before it (None), then
90, 30 and 7 days before its first day, where those fall after the round before."""

MONTH: Final = 30.4375
"""Days in an average month, to say widths and gaps in months."""

PRIOR_GAPS: Final = tuple(
    round(months * MONTH) for months in (6, 9, 11, 12, 12, 13, 15, 18, 24, 36)
)
"""A generic spread of gaps, in days, for a dialogue with little or no record."""

PRIOR_WEIGHT: Final = 4.0
"""The prior counts as this many of a dialogue's own gaps."""

POOL_WEIGHT: Final = 2.0
"""The gaps of all other dialogues count together as this many of its own."""

DORMANT_SHARE: Final = 0.05
"""A dialogue is dormant when less than this share of the weighted gaps is longer than its
present quiet."""


def midpoint(date: FuzzyDate) -> pendulum.Date:
    """
    Return the middle day of a span (the earlier one of two).
    """
    return days_after(date.earliest, days_between(date.earliest, date.latest) // 2)


def gaps(mechanism: Mechanism, *, before: dt.date | None = None) -> tuple[int, ...]:
    """
    Return the days between consecutive held rounds, for the gaps that ended by ``before``.
    """
    return tuple(gap.days for gap in gaps_of(mechanism) if before is None or gap.ended <= before)


def pooled_gaps(
    record: Dataset | Pool, *, before: dt.date, leave_out: str | None = None
) -> tuple[int, ...]:
    """
    Return the gaps of every mechanism of ``record`` but ``leave_out`` that ended by ``before``.
    """
    pool = record if isinstance(record, Pool) else Pool.of(record)
    return tuple(
        gap.days for gap in pool.gaps if gap.mechanism != leave_out and gap.ended <= before
    )


@attrs.frozen
class Gap:
    """
    The gap between two consecutive held rounds of a dialogue.

    Attributes:
        mechanism: The dialogue's id.
        days: Days from the middle day of the one round to the middle day of the next.
        ended: The middle day of the later round: forecasts from then on count the gap.
        known: The last day of the latest round held up to the later one: from then on the
            record knows both rounds and every round before them (``Dataset.known_on``).
    """

    mechanism: str
    days: int
    ended: pendulum.Date
    known: pendulum.Date


def gaps_of(mechanism: Mechanism) -> tuple[Gap, ...]:
    """
    Return the gaps between the consecutive held rounds of ``mechanism``, in order.
    """
    held = mechanism.held
    middles = [midpoint(r.date) for r in held]
    known = list(itertools.accumulate((r.date.latest for r in held), max))
    return tuple(
        Gap(mechanism.id, (end - start).days, end, known[at])
        for at, (start, end) in enumerate(itertools.pairwise(middles), start=1)
    )


@attrs.frozen
class Pool:
    """
    What a forecast needs of a record's dialogues: the gaps of each, and the record's day.

    ``next_round`` takes it as its ``context`` in place of the record itself, so that a
    forecast of one dialogue need not read every other (the embedded record's is
    ``twoplustwo._seed.record_pool()``).

    Attributes:
        as_of: The record's ``as_of``.
        gaps: The gaps of every dialogue of the record, dialogue by dialogue, in order.
    """

    as_of: pendulum.Date
    gaps: tuple[Gap, ...]

    @classmethod
    def of(cls, dataset: Dataset) -> Pool:
        """
        Return the gaps of every dialogue of ``dataset``, and its ``as_of``.
        """
        return cls(dataset.as_of, tuple(g for m in dataset.mechanisms for g in gaps_of(m)))

    def known_on(self, day: dt.date) -> Pool:
        """
        Return the pool of the record as ``Dataset.known_on`` rolls it back to ``day``.
        """
        day = to_date(day)
        if day >= self.as_of:
            return self
        return Pool(day, tuple(gap for gap in self.gaps if gap.known <= day))


@attrs.frozen
class Window:
    """
    Where the next round's date likely lies, and how that was worked out.

    Attributes:
        window: The central interval at ``level``; in the past if ``dormant``.
        dormant: Whether the quiet has outlasted nearly all past gaps.
        chance_within_year: For a dormant dialogue, the chance of a round in the next 365 days.
        reasons: Plain sentences saying how.
    """

    window: FuzzyDate
    dormant: bool
    chance_within_year: float | None
    reasons: tuple[str, ...]


def _quantile(sample: Sequence[tuple[int, float]], share: float) -> int:
    """
    Return the smallest gap with at least ``share`` of the sample's weight at or below it.
    """
    total = sum(weight for _, weight in sample)
    cumulative = itertools.accumulate(weight for _, weight in sample)
    return next(
        (
            gap
            for (gap, _), running in zip(sample, cumulative, strict=True)
            if running >= share * total
        ),
        sample[-1][0],  # rounding can leave the last running sum a hair below the total
    )


def check_level(level: object) -> float:
    """
    Return ``level`` if it is a probability strictly between 0 and 1.

    Raises:
        Error: It is not.
    """
    if isinstance(level, bool) or not isinstance(level, int | float) or not 0 < level < 1:
        raise Error(f"level={show(level)} must be a number between 0 and 1, such as 0.8")
    return float(level)


def percent(chance: float) -> str:
    """
    A chance in words a reader can quote: "7%", "less than 1%", "more than 99%".

    A chance that would read "0%", none included, is "less than 1%", and one short of
    certainty that would read "100%" is "more than 99%": a forecast from a record of a few
    rounds is never that sure. (Exactly half a percent rounds to "0%", half to even.)
    """
    shown = f"{chance:.0%}"
    if shown == "0%":
        return "less than 1%"
    if shown == "100%" and chance < 1:
        return "more than 99%"
    return shown


def window_from_record(
    last: FuzzyDate,
    own: Iterable[int],
    pool: Iterable[int],
    *,
    as_of: dt.date,
    level: float,
) -> Window:
    """
    Return the window of the round after ``last`` from the gaps, as seen on ``as_of``.

    Args:
        last: The date of the last round held.
        own: The dialogue's own gaps, in days.
        pool: Other dialogues' gaps, in days.
        as_of: The day the window is worked out on; no round has been held since ``last``.
        level: The share of past gaps the window covers, such as 0.8.
    """
    mine, others = tuple(own), tuple(pool)
    sample = [(gap, 1.0) for gap in mine]
    sample += [(gap, POOL_WEIGHT / len(others)) for gap in others]
    sample += [(gap, PRIOR_WEIGHT / len(PRIOR_GAPS)) for gap in PRIOR_GAPS]
    sample.sort()
    start = midpoint(last)
    elapsed = days_between(start, as_of)
    longer = [(gap, weight) for gap, weight in sample if gap > elapsed]
    total = sum(weight for _, weight in sample)
    said = (
        f"The gaps between its rounds ({len(mine)} of its own, {len(others)} of other "
        f"dialogues, and a generic prior) give"
    )
    low_share, high_share = (1 - level) / 2, (1 + level) / 2
    if sum(weight for _, weight in longer) < DORMANT_SHARE * total:
        low, high = _quantile(sample, low_share), _quantile(sample, high_share)
        within = sum(weight for gap, weight in longer if gap <= elapsed + 365)
        chance = within / (sum(weight for _, weight in longer) + 1.0)
        quiet = elapsed / MONTH
        dormant = (
            f"It has been quiet for {quiet:.0f} months, longer than "
            f"{1 - DORMANT_SHARE:.0%} of past gaps: it is dormant, with {percent(chance)} chance "
            "of a round in the next 12 months."
        )
        reasons = (
            f"{said} a window covering {level:.0%} of them, {_span(start, low, high)}, now past.",
            dormant,
        )
        return Window(
            _between(start, low, high), dormant=True, chance_within_year=chance, reasons=reasons
        )
    if elapsed <= 0:
        low, high = _quantile(longer, low_share), _quantile(longer, high_share)
        reason = f"{said} a central window covering {level:.0%} of them, {_span(start, low, high)}."
    else:
        # Given the time already passed, the window runs from the next day to where the given
        # share of the longer gaps ends: one-sided, so it cannot shrink to a point.
        low, high = elapsed + 1, _quantile(longer, level)
        reason = (
            f"{said}, given {elapsed / MONTH:.0f} months without a round, a window covering "
            f"{level:.0%} of the longer ones, {_span(start, low, high)}."
        )
    return Window(
        _between(start, low, high), dormant=False, chance_within_year=None, reasons=(reason,)
    )


def _between(start: pendulum.Date, low: int, high: int) -> FuzzyDate:
    """
    Return the days ``low`` to ``high`` after ``start``, cut at the last day of the model.
    """
    return FuzzyDate.between(
        min(days_after(start, low), LAST_DAY), min(days_after(start, high), LAST_DAY)
    )


def _span(start: pendulum.Date, low: int, high: int) -> str:
    window = _between(start, low, high)
    months = (high - low) / MONTH
    return (
        f"{window.earliest.isoformat()} to {window.latest.isoformat()} "
        f"({low / MONTH:.0f} to {high / MONTH:.0f} months after the last round, "
        f"{months:.0f} months wide)"
    )
