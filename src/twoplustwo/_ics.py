"""
Calendar export: rounds and forecasts as iCalendar (RFC 5545) all-day events.

Needs the ``ics`` extra (icalendar), imported only when a calendar is made.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import pendulum

from twoplustwo._dates import FuzzyDate
from twoplustwo._learning import Pool, midpoint
from twoplustwo._model import Dataset, Hosting, Mechanism, Mode, Round, RoundStatus
from twoplustwo._rotation import Basis, Forecast, next_round
from twoplustwo._safe import terminal
from twoplustwo.exceptions import Error, InvalidDate, MissingExtra, NotForecastable

PRODID = "-//twoplustwo//twoplustwo//EN"
"""The PRODID of the calendars twoplustwo writes."""

MAX_FORECAST_DAYS: Final = 92
"""The longest forecast event, in days; a longer window becomes the event of its middle month."""


# C0 controls but tab and newline, DEL, C1 controls, and bidi controls.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_text(value: str) -> str:
    r"""
    Return ``value`` with each control character written as a visible escape such as ``\x1b``.

    Tab and newline stay (iCalendar escapes a newline itself). The model refuses these
    characters already; this keeps a calendar safe from an object that got past it.
    """
    return _CONTROL.sub(lambda found: terminal(found[0]), value)


def _uid(mechanism: Mechanism, ordinal: int) -> str:
    """
    Return the UID of round ``ordinal``, the same for its forecast and its record.

    A calendar application then updates the event rather than adding another.
    """
    return f"{mechanism.id}-round-{ordinal}@twoplustwo"


def _stamp(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def to_ics(
    obj: Dataset | Mechanism, *, include_forecast: bool = False, as_of: dt.date | None = None
) -> bytes:
    """
    Return the rounds of a dataset or a mechanism as an iCalendar file.

    Held rounds are CONFIRMED events, pending ones TENTATIVE; each spans the days of its
    date. With ``include_forecast``, a mechanism with no pending round also gets its
    forecast next round as a TENTATIVE event, never in the past and at most
    ``MAX_FORECAST_DAYS`` long: a window that ended before ``as_of`` is left out, one that
    began before it starts on ``as_of``, and a longer one becomes its middle month (the
    description says which). LOCATION is the venue (marked when inferred); the description
    lists the participants, or the forecast's window and reasons.

    Args:
        obj: A Dataset or a Mechanism.
        include_forecast: Whether to add forecast rounds (not by default).
        as_of: The day the forecasts are made for and the events stamped with; the
            today unless given, as everywhere in twoplustwo.

    Raises:
        Error: ``obj`` is neither a Dataset nor a Mechanism.
        MissingExtra: icalendar is not installed (the ``ics`` extra).
    """
    try:
        import icalendar  # noqa: PLC0415 - an optional dependency, loaded when a calendar is made
    except ModuleNotFoundError:
        raise MissingExtra("icalendar", "ics", "to_ics") from None

    if isinstance(obj, Dataset):
        mechanisms = obj.mechanisms
    elif isinstance(obj, Mechanism):
        mechanisms = (obj,)
    else:
        raise Error(f"to_ics() takes a Dataset or a Mechanism, not {type(obj).__name__}")
    day = pendulum.Date(*(as_of or pendulum.today().date()).timetuple()[:3])

    def new_event(mechanism: Mechanism, ordinal: int, changed: pendulum.Date) -> icalendar.Event:
        event = icalendar.Event()
        event.add("uid", _uid(mechanism, ordinal))
        event.add("dtstamp", _stamp(day))
        # Derived from the data, so that a calendar that subscribed updates a changed round.
        event.add("last-modified", _stamp(changed))
        event.add("sequence", (changed - _EPOCH).days)
        return event

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    # the gaps every forecast pools, worked out once
    context = Pool.of(obj) if isinstance(obj, Dataset) and include_forecast else None
    for mechanism in mechanisms:
        for hosting in mechanism.hostings():
            current = hosting.round
            event = new_event(mechanism, current.ordinal, _changed(current, day))
            event.add("summary", plain_text(f"{mechanism.name}: round {current.ordinal}"))
            event.add("dtstart", current.date.earliest)
            event.add("dtend", current.date.latest.add(days=1))
            event.add("status", "CONFIRMED" if not current.is_pending else "TENTATIVE")
            if hosting.venue is not None:
                event.add("location", plain_text(hosting.venue.name))
            event.add("description", plain_text(_describe_round(mechanism, hosting)))
            calendar.add_component(event)
        forecast = _forecast(mechanism, day, context) if include_forecast else None
        span = None if forecast is None else _forecast_span(forecast.window, day)
        if forecast is not None and span is not None:
            first, last, said = span
            event = new_event(mechanism, forecast.ordinal, day)
            event.add(
                "summary", plain_text(f"{mechanism.name}: round {forecast.ordinal} (forecast)")
            )
            event.add("dtstart", first)
            event.add("dtend", last.add(days=1))
            event.add("status", "TENTATIVE")
            if forecast.venue is not None:  # pragma: no branch - a rotation forecast has one
                event.add("location", plain_text(forecast.venue.name))
            reasons = f"{said}\nForecast by twoplustwo:\n" + "\n".join(forecast.reasons)
            event.add("description", plain_text(reasons))
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _forecast(mechanism: Mechanism, day: pendulum.Date, context: Pool | None) -> Forecast | None:
    """
    The forecast of a mechanism's next round if it is not on record yet, else None.
    """
    try:
        forecast = next_round(mechanism, as_of=day, context=context)
    except (NotForecastable, InvalidDate):  # none expected, or none within the model's dates
        return None
    return forecast if forecast.basis is Basis.ROTATION else None


def _forecast_span(
    window: FuzzyDate, day: pendulum.Date
) -> tuple[pendulum.Date, pendulum.Date, str] | None:
    """
    The first and last day of a forecast's event, and a sentence saying how they were chosen.

    None when the window ended before ``day``: a calendar shows no forecast of the past.
    """
    if window.latest < day:
        return None
    start = max(window.earliest, day)
    said = (
        f"The forecast window runs from {window.earliest.isoformat()} to "
        f"{window.latest.isoformat()}"
    )
    ahead = "" if start == window.earliest else f" from {day.isoformat()} on"
    if (window.latest - start).days + 1 <= MAX_FORECAST_DAYS:
        if ahead:
            return start, window.latest, f"{said}; this event covers the part{ahead}."
        return start, window.latest, f"{said}; this event spans it."
    middle = midpoint(FuzzyDate.between(start, window.latest))
    month = FuzzyDate.month(middle.year, middle.month)
    return (
        month.earliest,
        month.latest,
        f"{said}; this event marks the middle month of the window{ahead}, {month.describe()}.",
    )


_EPOCH: Final = pendulum.Date(
    1900, 1, 1
)  # the first day the model allows: SEQUENCE is never negative


def _changed(current: Round, day: pendulum.Date) -> pendulum.Date:
    """
    The day a round's record last changed, as far as the data says: its latest source.
    """
    published = [s.published.latest for s in current.sources if s.published is not None]
    return max(published, default=day)


def _describe_round(mechanism: Mechanism, hosting: Hosting) -> str:
    current = hosting.round
    lines = [f"Status: {current.status.value}"]
    if not current.date.is_exact:
        lines.append(f"Date known only as {current.date.describe()}: the event spans those days.")
    if current.mode is Mode.VIRTUAL:
        lines.append("Held by video (virtual): no venue.")
    elif current.mode is Mode.HYBRID:
        lines.append("Hybrid: partly in person, partly by video.")
    if hosting.host is not None:
        how = " (inferred from the rotation)" if hosting.inferred else ""
        lines.append(f"Host: {mechanism.name_of(hosting.host)}{how}")
    if current.status is RoundStatus.HELD and not current.participants:
        lines.append("Participants: not on record")
    lines.extend(
        f"Participant: {m.honorific + ' ' if m.honorific else ''}{m.name}, {m.title} ({m.country})"
        for m in current.participants
    )
    lines.extend(f"Earlier planned for: {plan.describe()}" for plan in current.slipped_from)
    lines.extend(f"Uncertain {u.fact.value}: {u.note}" for u in current.uncertain)
    if current.note is not None:
        lines.append(current.note)
    return "\n".join(lines)
