"""
Edits of the record: add or update a round field by field, record a change of status.

Each edit is a pure function from a Dataset to an :class:`Edit`, which holds the edited
dataset and says in words what changed. Nothing is dropped unless asked: what an edit does
not name is kept, a field is cleared only when named in ``clear``, and a held round's date,
host or venue, once recorded, changes only with ``replace=True``. The command line's editing
commands are a thin layer over these functions (with :func:`~twoplustwo.edit_file` for the
lock and the write).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from twoplustwo._dates import FuzzyDate, to_date
from twoplustwo._model import (
    Dataset,
    Mechanism,
    MechanismStatus,
    Mode,
    Round,
    RoundStatus,
    Source,
    StatusChange,
)
from twoplustwo._places import City
from twoplustwo.exceptions import Error

CLEARABLE: Final = ("venue", "host", "note")
"""The fields of a round that an edit may clear."""

_GUARDED: Final = ("date", "venue", "host")
"""The fields of a held round that change only with ``replace=True`` once recorded."""


@attrs.frozen
class Edit:
    """
    What an edit did: the edited dataset, and what changed, in words.

    Attributes:
        dataset: The dataset after the edit (the same object if nothing changed).
        mechanism: The id of the mechanism edited.
        summary: One sentence, such as "in-jp round 4: added, scheduled March 2026, host JP."
        changes: Each field changed, as "field: before -> after".
    """

    dataset: Dataset
    mechanism: str
    summary: str
    changes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """
        Whether the edit changed anything.
        """
        return bool(self.changes)

    def __str__(self) -> str:
        return self.summary


def _today(today: dt.date | None) -> pendulum.Date:
    return pendulum.today().date() if today is None else to_date(today)


def _check_sources(sources: Iterable[Source], day: pendulum.Date) -> None:
    for source in sources:
        if source.published is not None and source.published.earliest > day:
            raise Error(
                f"the source {source.title!r} is published {source.published.phrase()}, "
                f"after today ({day.isoformat()})"
            )


def _latest(dataset: Dataset, days: Iterable[pendulum.Date]) -> pendulum.Date:
    return max([dataset.as_of, *days])


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, City):
        return f"{value.name} ({value.country})"
    if isinstance(value, FuzzyDate):
        return value.phrase()
    if isinstance(value, RoundStatus | Mode):
        return str(value.value).replace("_", " ")
    return str(value)


def edit_round(  # noqa: PLR0913 - one keyword a field of the round
    dataset: Dataset,
    mechanism: str,
    ordinal: int | None = None,
    *,
    status: RoundStatus | None = None,
    date: FuzzyDate | None = None,
    venue: City | None = None,
    host: str | None = None,
    mode: Mode | None = None,
    note: str | None = None,
    sources: tuple[Source, ...] = (),
    clear: Iterable[str] = (),
    replace: bool = False,
    checked: dt.date | None = None,
    today: dt.date | None = None,
) -> Edit:
    """
    Add a round to a mechanism, or update one field by field.

    A new round (an ordinal not on record, by default one past the last) needs its
    ``status`` and ``date``. For a round on record, what is not given is kept, ``sources``
    are added to its own, and a field named in ``clear`` (``venue``, ``host`` or ``note``)
    is cleared. Whether the round met abroad follows from its host and venue. The dataset's
    ``as_of`` moves on to the latest day the edit adds (a held round's last day, a source's
    publication day), never past today.

    Args:
        dataset: The dataset to edit.
        mechanism: The id of the mechanism.
        ordinal: The round's number; one past the last round if not given.
        status: Held, or pending: scheduled, proposed or postponed.
        date: When it was held, or is planned for.
        venue: The city it met in.
        host: The code of the party that hosted.
        mode: In person, virtual or hybrid (in person for a new round if not given).
        note: A sentence in your own words.
        sources: The pages the facts come from.
        clear: Fields to clear, of ``venue``, ``host`` and ``note``.
        replace: Allow changing a held round's recorded date, venue or host (or clearing
            them); without it such a change is refused, so that a mistyped ordinal cannot
            overwrite a round.
        checked: The day the whole dialogue was checked against the news, to record as its
            ``checked`` day; the day on record is kept if not given.
        today: The day of the edit; today if not given.

    Raises:
        UnknownMechanism: No mechanism has that id.
        Error: The edit is refused: a new round without status or date, a held date or a
            source after today, a gap in the ordinals, a change to a held round without
            ``replace``, or a round after a pending one.
        InvalidModel: The round or mechanism would break one of its invariants.
    """
    day = _today(today)
    found = dataset.mechanism(mechanism)
    cleared = _clearable(clear, venue=venue, host=host, note=note)
    number = ordinal if ordinal is not None else _next_ordinal(found)
    old = next((r for r in found.rounds if r.ordinal == number), None)
    named: dict[str, Any] = {"status": status, "date": date, "venue": venue, "host": host}
    named.update(mode=mode, note=note)
    given = {k: v for k, v in named.items() if v is not None}
    given.update(dict.fromkeys(cleared))
    _check_sources(sources, day)
    if old is None:
        new = _new_round(found, number, given, sources)
    else:
        _check_guarded(found, old, given, replace=replace)
        added = tuple(s for s in dict.fromkeys(sources) if s not in old.sources)
        place = {"venue": old.venue, "host": old.host, **given}
        abroad = _abroad(place["venue"], place["host"])
        new = attrs.evolve(old, **given, abroad=abroad, sources=(*old.sources, *added))
    if not new.is_pending and new.date.latest > day:
        raise Error(
            f"{found.id} round {number} cannot be held {new.date.phrase()}: that runs to "
            f"{new.date.latest.isoformat()}, after today ({day.isoformat()}); record it as "
            "scheduled, or give the day it was held"
        )
    changes = _changes(old, new)
    after = _checked(found, checked, day)
    changes += _checked_change(found, after)
    if not changes:
        return Edit(dataset, found.id, f"{found.id} round {number}: unchanged (already so).")
    days = [s.published.latest for s in new.sources if s.published is not None]
    days += [] if new.is_pending else [new.date.latest]
    as_of = _latest(dataset, (d for d in days if d <= day))
    grown = attrs.evolve(found.with_round(new), checked=after)
    edited = dataset.with_as_of(as_of).with_mechanism(grown)
    summary = _round_summary(found.id, old, new, changes)
    if as_of != dataset.as_of:
        summary += f" Data as of {as_of.isoformat()}."
    if not new.sources:
        summary += " It cites no source yet: check refuses a round without one."
    return Edit(edited, found.id, summary, changes)


def _checked(
    mechanism: Mechanism, checked: dt.date | None, day: pendulum.Date
) -> pendulum.Date | None:
    """
    The dialogue's checked day after an edit: the one given (not after today), else its own.
    """
    if checked is None:
        return mechanism.checked
    given = to_date(checked)
    if given > day:
        raise Error(
            f"{mechanism.id} cannot have been checked on {given.isoformat()}, after today "
            f"({day.isoformat()})"
        )
    return given


def _checked_change(mechanism: Mechanism, after: pendulum.Date | None) -> tuple[str, ...]:
    before = mechanism.checked
    if after == before:
        return ()
    shown = "none" if before is None else before.isoformat()
    return (f"checked: {shown} -> {after.isoformat() if after else 'none'}",)


def _clearable(
    clear: Iterable[str], *, venue: City | None, host: str | None, note: str | None
) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(clear))
    for name in names:
        if name not in CLEARABLE:
            raise Error(f"cannot clear {name!r}: a round's {', '.join(CLEARABLE)} can be cleared")
    both = [n for n, v in (("venue", venue), ("host", host), ("note", note)) if n in names and v]
    if both:
        raise Error(f"{both[0]} is both given and cleared: do one or the other")
    return names


def _next_ordinal(mechanism: Mechanism) -> int:
    return mechanism.rounds[-1].ordinal + 1 if mechanism.rounds else 1


def _new_round(
    mechanism: Mechanism, number: int, given: dict[str, Any], sources: tuple[Source, ...]
) -> Round:
    following = _next_ordinal(mechanism)
    pending = mechanism.pending
    if pending is not None and number > pending.ordinal:
        raise Error(
            f"{mechanism.id} round {pending.ordinal} is {pending.status.value}, so no round can "
            f"follow it: to record that it was held, update it with ordinal {pending.ordinal} "
            f"(--ordinal {pending.ordinal} --status held)"
        )
    if number > following:
        raise Error(
            f"{mechanism.id} has no round {number - 1}: the next round is {following} (a round "
            f"{number} would leave a gap)"
        )
    missing = [name for name in ("status", "date") if given.get(name) is None]
    if missing:
        raise Error(
            f"{mechanism.id} round {number} is new: give its {' and '.join(missing)} "
            "(status: held, scheduled, proposed or postponed)"
        )
    fields = {k: v for k, v in given.items() if v is not None}
    abroad = _abroad(fields.get("venue"), fields.get("host"))
    return Round(ordinal=number, sources=tuple(dict.fromkeys(sources)), abroad=abroad, **fields)


def _check_guarded(
    mechanism: Mechanism, old: Round, given: dict[str, Any], *, replace: bool
) -> None:
    if old.is_pending or replace:
        return
    for name in _GUARDED:
        before = _host(mechanism, old) if name == "host" else getattr(old, name)
        if name in given and before is not None and given[name] != before:
            after = _shown(given[name])
            raise Error(
                f"{mechanism.id} round {old.ordinal} was held; its {name} is {_shown(before)}. "
                f"Changing it to {after} needs --replace (replace=True); check the ordinal"
            )


def _host(mechanism: Mechanism, current: Round) -> str | None:
    """
    The host of a round: its own, else the party its venue lies in.
    """
    venue = current.venue
    if current.host is None and venue is not None and venue.country in mechanism.codes:
        return venue.country
    return current.host


def _abroad(venue: City | None, host: str | None) -> bool:
    return venue is not None and host is not None and venue.country != host


def _changes(old: Round | None, new: Round) -> tuple[str, ...]:
    if old is None:
        return ("round: none -> added",)
    names = ("status", "date", "venue", "host", "mode", "note", "abroad")
    found = [
        f"{name}: {_shown(getattr(old, name))} -> {_shown(getattr(new, name))}"
        for name in names
        if getattr(old, name) != getattr(new, name)
    ]
    added = len(new.sources) - len(old.sources)
    if added:
        found.append(f"sources: {len(old.sources)} -> {len(new.sources)}")
    return tuple(found)


def _round_summary(mechanism: str, old: Round | None, new: Round, changes: tuple[str, ...]) -> str:
    if old is not None:
        return f"{mechanism} round {new.ordinal}: updated: {'; '.join(changes)}."
    parts = [f"{new.status.value} {new.date.phrase()}"]
    parts += [f"host {new.host}"] if new.host is not None else []
    parts += [f"venue {_shown(new.venue)}"] if new.venue is not None else []
    parts += [] if new.mode is Mode.IN_PERSON else [_shown(new.mode)]
    count = len(new.sources)
    parts.append(f"{count} source{'s' if count != 1 else ''}")
    return f"{mechanism} round {new.ordinal}: added, {', '.join(parts)}."


def edit_status(
    dataset: Dataset,
    mechanism: str,
    change: StatusChange,
    *,
    checked: dt.date | None = None,
    today: dt.date | None = None,
) -> Edit:
    """
    Record that a mechanism went dormant, was suspended, ended or became active again.

    Args:
        dataset: The dataset to edit.
        mechanism: The id of the mechanism.
        change: The new status, the day it took effect, and its sources.
        checked: The day the whole dialogue was checked against the news, to record as its
            ``checked`` day; the day on record is kept if not given.
        today: The day of the edit; today if not given.

    Raises:
        UnknownMechanism: No mechanism has that id.
        Error: The change is dated after today, or repeats the current status.
        InvalidModel: The change is dated before the last one on record.
    """
    day = _today(today)
    found = dataset.mechanism(mechanism)
    if change.date.latest > day:
        raise Error(
            f"{found.id} cannot be {change.status.value} from {change.date.phrase()}: that runs "
            f"to {change.date.latest.isoformat()}, after today ({day.isoformat()})"
        )
    _check_sources(change.sources, day)
    last = found.status_changes[-1] if found.status_changes else None
    current = last.status if last is not None else MechanismStatus.ACTIVE
    if change.status is current:
        since = f" since {last.date.phrase()}" if last is not None else ""
        raise Error(f"{found.id} is already {current.value}{since}: nothing to record")
    days = [change.date.latest, *(s.published.latest for s in change.sources if s.published)]
    as_of = _latest(dataset, days)
    after = _checked(found, checked, day)
    grown = attrs.evolve(found.with_status(change), checked=after)
    edited = dataset.with_as_of(as_of).with_mechanism(grown)
    summary = f"{found.id}: {change.status.value} from {change.date.phrase()}"
    summary += f" (was {current.value})."
    if as_of != dataset.as_of:
        summary += f" Data as of {as_of.isoformat()}."
    changes = (f"status: {current.value} -> {change.status.value}", *_checked_change(found, after))
    return Edit(edited, found.id, summary, changes)
