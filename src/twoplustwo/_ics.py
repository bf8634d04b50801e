"""
Calendar export: rounds and forecasts as iCalendar (RFC 5545) all-day events.

Needs the ``ics`` extra (icalendar), imported only when a calendar is made.
"""

from __future__ import annotations

import datetime as dt

import pendulum

from twoplustwo._model import Dataset, Mechanism, Round, RoundStatus
from twoplustwo._rotation import Basis, Forecast, next_round
from twoplustwo.exceptions import Error, NotForecastable

PRODID = "-//twoplustwo//twoplustwo//EN"
"""The PRODID of the calendars twoplustwo writes."""


def _uid(mechanism: Mechanism, ordinal: int) -> str:
    """
    Return the UID of round ``ordinal``, the same for its forecast and its record.

    A calendar application then updates the event rather than adding another.
    """
    return f"{mechanism.id}-round-{ordinal}@twoplustwo"


def _stamp(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def to_ics(
    obj: Dataset | Mechanism, *, include_forecast: bool = True, as_of: dt.date | None = None
) -> bytes:
    """
    Return the rounds of a dataset or a mechanism as an iCalendar file.

    Held rounds are CONFIRMED events, pending ones TENTATIVE; each spans the days of its
    date. With ``include_forecast``, a mechanism with no pending round also gets its
    forecast next round, TENTATIVE over the forecast window. LOCATION is the venue (marked
    when inferred); the description lists the participants, or the forecast's reasons.

    Args:
        obj: A Dataset or a Mechanism.
        include_forecast: Whether to add forecast rounds.
        as_of: The day the forecasts are made for and the events stamped with; the
            dataset's ``as_of`` for a Dataset, today for a Mechanism, unless given.

    Raises:
        Error: ``obj`` is neither a Dataset nor a Mechanism.
    """
    import icalendar  # noqa: PLC0415 - an optional dependency, loaded when a calendar is made

    if isinstance(obj, Dataset):
        mechanisms, default = obj.mechanisms, obj.as_of
    elif isinstance(obj, Mechanism):
        mechanisms, default = (obj,), pendulum.today().date()
    else:
        raise Error(f"to_ics() takes a Dataset or a Mechanism, not {type(obj).__name__}")
    day = pendulum.Date(*(as_of or default).timetuple()[:3])

    def new_event(mechanism: Mechanism, ordinal: int) -> icalendar.Event:
        event = icalendar.Event()
        event.add("uid", _uid(mechanism, ordinal))
        event.add("dtstamp", _stamp(day))
        return event

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for mechanism in mechanisms:
        for hosting in mechanism.hostings():
            current, venue = hosting.round, hosting.venue
            where = f"{venue.name} (inferred from the rotation)" if hosting.inferred else venue.name
            event = new_event(mechanism, current.ordinal)
            event.add("summary", f"{mechanism.name}: round {current.ordinal}")
            event.add("dtstart", current.date.earliest)
            event.add("dtend", current.date.latest.add(days=1))
            event.add("status", "CONFIRMED" if not current.is_pending else "TENTATIVE")
            event.add("location", where)
            event.add("description", _describe_round(current))
            calendar.add_component(event)
        forecast = _forecast(mechanism, day) if include_forecast else None
        if forecast is not None:
            event = new_event(mechanism, forecast.ordinal)
            event.add("summary", f"{mechanism.name}: round {forecast.ordinal} (forecast)")
            event.add("dtstart", forecast.window.earliest)
            event.add("dtend", forecast.window.latest.add(days=1))
            event.add("status", "TENTATIVE")
            event.add("location", f"{forecast.venue.name} (forecast)")
            event.add("description", "Forecast by twoplustwo:\n" + "\n".join(forecast.reasons))
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _forecast(mechanism: Mechanism, day: pendulum.Date) -> Forecast | None:
    """
    The forecast of a mechanism's next round if it is not on record yet, else None.
    """
    try:
        forecast = next_round(mechanism, as_of=day)
    except NotForecastable:
        return None
    return forecast if forecast.basis is Basis.ROTATION else None


def _describe_round(current: Round) -> str:
    lines = [f"Status: {current.status.value}"]
    if current.status is RoundStatus.HELD and not current.participants:
        lines.append("Participants: not on record")
    lines.extend(
        f"Participant: {m.honorific + ' ' if m.honorific else ''}{m.name}, {m.title} ({m.country})"
        for m in current.participants
    )
    lines.extend(f"Earlier planned for: {slip}" for slip in current.slipped_from)
    if current.note is not None:
        lines.append(current.note)
    return "\n".join(lines)
