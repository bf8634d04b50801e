"""
Text for a terminal: a forecast explained, a mechanism's history, tables and wrapped lines.

The calculator and the command line compute; this module only lays their answers out.
"""

from __future__ import annotations

import enum
import os
import sys
import textwrap
from collections.abc import Sequence
from typing import Final, Protocol

import pendulum

from twoplustwo._dates import FuzzyDate
from twoplustwo._learning import percent
from twoplustwo._model import Fact, Mechanism, Mode, Round
from twoplustwo._places import City, Country

WIDTH: Final = 80
"""The most characters a line of the command's text has, unless it lays out a table."""

MIN_WIDTH: Final = 40
"""The fewest a line of text is wrapped to, however narrow the terminal."""

_MODE_SHOWN: Final = {Mode.IN_PERSON: "in person", Mode.VIRTUAL: "virtual", Mode.HYBRID: "hybrid"}


class Explained(Protocol):
    """
    What `explain` reads of a forecast: the fields and words of `twoplustwo.Forecast`.
    """

    @property
    def mechanism(self) -> str: ...
    @property
    def ordinal(self) -> int: ...
    @property
    def host(self) -> Country | None: ...
    @property
    def venue(self) -> City | None: ...
    @property
    def window(self) -> FuzzyDate: ...
    @property
    def basis(self) -> enum.Enum: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def as_of(self) -> pendulum.Date: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def mode(self) -> Mode: ...
    @property
    def chances(self) -> tuple[tuple[str, float], ...]: ...
    @property
    def dormant(self) -> bool: ...
    @property
    def chance_within_year(self) -> float | None: ...
    @property
    def data_as_of(self) -> pendulum.Date | None: ...
    @property
    def stale(self) -> bool: ...
    @property
    def venue_why(self) -> str | None: ...
    @property
    def data_checked(self) -> bool: ...
    @property
    def state(self) -> str: ...
    @property
    def when(self) -> str: ...
    def status_said(self) -> str: ...


def count(number: int, noun: str) -> str:
    """
    A number of things in words: "1 round", "3 rounds".
    """
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def explain(forecast: Explained, name: str | None, *, width: int) -> str:
    """
    A forecast as the command line prints it: the answer first, then the reasons.

    The state, then the host and the city with their chances, then when, in words, then how
    old the data is; then the reasons, numbered. ``name`` is the mechanism's, for the first
    line; its id alone if not given.
    """
    fields = [
        ("State:", _state_line(forecast)),
        *_place_lines(forecast),
        ("When:", _when_line(forecast)),
    ]
    if forecast.data_as_of is not None:
        age = (forecast.as_of - forecast.data_as_of).days
        how = "checked against the news on" if forecast.data_checked else "as of"
        said = f"{how} {forecast.data_as_of.format('D MMMM YYYY')}, " + (
            f"{count(age, 'day')} before {forecast.as_of.format('D MMMM YYYY')}"
            if age
            else "the day of this answer"
        )
        if forecast.stale:
            said += ": older than its usual gap, so a round may have been held since"
        fields.append(("Data:", said))
    title = f"{name} ({forecast.mechanism})" if name else forecast.mechanism
    lines = textwrap.wrap(title, width, break_on_hyphens=False)  # an id stays whole
    for label, value in fields:
        lines += textwrap.wrap(
            value, width=width, initial_indent=f"{label:<7}", subsequent_indent=" " * 7
        )
    lines += ["", "Why:"]
    for number, reason in enumerate(forecast.reasons, start=1):
        lines += textwrap.wrap(
            reason, width=width, initial_indent=f"{number:>3}. ", subsequent_indent="     "
        )
    return "\n".join(lines)


def _announced(forecast: Explained) -> bool:
    return bool(forecast.basis.value == "announced")


def _state_line(forecast: Explained) -> str:
    state = forecast.state
    if state == "dormant":
        chance = percent(forecast.chance_within_year or 0.0)
        return (
            f"dormant: quiet for longer than nearly all past gaps; {chance} chance of a "
            f"round within a year (round {forecast.ordinal} if it meets)"
        )
    if _announced(forecast):
        return f"{state}: round {forecast.ordinal}, {forecast.status_said()}"
    if state == "overdue":
        return (
            f"overdue: round {forecast.ordinal}, expected by {forecast.window.latest.isoformat()}"
        )
    return f"{state}: round {forecast.ordinal}"


def hosts(forecast: Explained) -> tuple[str, ...]:
    """
    The forecast host's code, then those of the parties whose chances read the same as its.

    Empty if the forecast has no host. More than one code means that none of them is the
    likeliest: the record gives them even chances.
    """
    if forecast.host is None:
        return ()
    code = forecast.host.code
    mine = percent(dict(forecast.chances).get(code, 1.0))
    return (code, *(c for c, p in forecast.chances if c != code and percent(p) == mine))


def _place_lines(forecast: Explained) -> list[tuple[str, str]]:
    dormant = forecast.state == "dormant"
    lead = "if it meets, " if dormant else ""
    if forecast.host is None:
        host = "none (by video)" if forecast.mode is Mode.VIRTUAL else "not on record"
        return [("Host:", lead + host)]
    code, name = forecast.host.code, forecast.host.name
    mine = dict(forecast.chances).get(code, 1.0)
    others = ", ".join(f"{c} {percent(p)}" for c, p in forecast.chances if c != code)
    # None of several parties as likely is the likeliest; the city is the host's if it hosts.
    tied = hosts(forecast)[1:]
    guessed = mine < 1 and _announced(forecast)
    lead += "not announced; " if guessed else ""
    if tied:
        host = f"{' or '.join([name, *tied])}, as likely as each other ({percent(mine)} each)"
        where = f"if it meets and {name} hosts, " if dormant else f"{lead}if {name} hosts, "
    else:
        lead += "likeliest " if guessed else ""
        chance = f" ({percent(mine)}; {others})" if mine < 1 else ""
        host = name + (" (on record)" if _announced(forecast) and mine == 1 else chance)
        where = lead
    lines = [("Host:", lead + host)]
    # A forecast with a host has a venue, unless it meets by video.
    why = f" ({forecast.venue_why})" if forecast.venue_why else ""
    city = f"{where}{forecast.venue.name}{why}" if forecast.venue else "none: by video"
    lines.append(("City:", "none: by video" if forecast.mode is Mode.VIRTUAL else city))
    return lines


def _when_line(forecast: Explained) -> str:
    if forecast.dormant:
        return f"its window, {forecast.when}, has passed"
    if forecast.overdue:
        return f"{forecast.when}, now past"
    return forecast.when


def terminal_width() -> int | None:
    """
    The width of the terminal standard output shows in; None when it is not a terminal.
    """
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):  # no file descriptor behind it (as in a test's capture)
        return None


def table(rows: Sequence[Sequence[str]], *, cut_last: bool = True) -> list[str]:
    """
    Lay out rows in columns two spaces apart; on a terminal, the last column is cut to fit.
    """
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    columns = terminal_width()
    room = None if columns is None else max(columns - sum(widths) - 2 * len(widths), 8)
    lines = []
    for *cells, last in rows:
        shown = last
        if room is not None and cut_last and len(last) > room:
            shown = last[: room - 1] + "…"
        line = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        lines.append(f"{line}  {shown}".rstrip())
    return lines


def text_width() -> int:
    """
    How wide the command's text is: `WIDTH`, or a narrower terminal's width (at least 40).
    """
    columns = terminal_width()
    return WIDTH if columns is None else max(min(WIDTH, columns), MIN_WIDTH)


def wrapped(text: str, indent: str = "") -> list[str]:
    """
    Lines of ``text`` at most `text_width()` characters long, each starting with ``indent``.
    """
    return textwrap.wrap(text, width=text_width(), initial_indent=indent, subsequent_indent=indent)


def history(mechanism: Mechanism) -> list[str]:
    """
    A mechanism's rounds as a table, with its marks explained and its notes below.
    """
    rows = [("ROUND", "STATUS", "DATE", "MODE", "HOST", "VENUE", "PARTICIPANTS")]
    notes, inferred_any, uncertain_any = [], False, False
    counted_any = any(r.counted for r in mechanism.rounds)
    for hosting in mechanism.hostings():
        current = hosting.round
        inferred_any = inferred_any or hosting.inferred
        uncertain_any = uncertain_any or bool(current.uncertain)
        number = f"{current.ordinal}{'#' if current.counted else ''}"

        def marked(text: str, fact: Fact, *, inferred: bool, current: Round = current) -> str:
            return text + ("*" if inferred else "") + ("?" if current.is_uncertain(fact) else "")

        venue = hosting.venue.name if hosting.venue is not None else "-"
        host = hosting.host or "-"
        if current.abroad:
            venue += " (abroad)"
        rows.append(
            (
                marked(number, Fact.ORDINAL, inferred=False),
                current.status.value,
                marked(str(current.date), Fact.DATE, inferred=False),
                marked(_MODE_SHOWN[current.mode], Fact.MODE, inferred=False),
                marked(host, Fact.HOST, inferred=hosting.inferred),
                marked(venue, Fact.VENUE, inferred=hosting.inferred),
                ", ".join(m.name for m in current.participants) or "-",
            )
        )
        if current.slipped_from:
            earlier = ", then ".join(plan.describe() for plan in current.slipped_from)
            notes.append(f"Round {current.ordinal} had been planned for {earlier}.")
        notes.extend(
            f"Round {current.ordinal}, {u.fact.value} uncertain: {u.note}"
            for u in current.uncertain
        )
    notes.extend(
        f"Since {change.date.phrase()}: {change.status.value}"
        + (f". {change.note}" if change.note else ".")
        for change in mechanism.status_changes
    )
    lines = table(rows)
    if counted_any:
        lines.append("# counted by the record: no source numbers this round")
    if inferred_any:
        lines.append("* neither host nor venue on record: the rotation gives them")
    if uncertain_any:
        lines.append("? uncertain: see the notes below")
    return lines + [line for note in notes for line in wrapped(note)]
