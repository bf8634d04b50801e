"""
The commands that edit the file named by --data in place: add-round and set-status.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import twoplustwo as tpt
from twoplustwo import Dataset, Error, FuzzyDate
from twoplustwo._files import read_bytes
from twoplustwo._safe import terminal
from twoplustwo._seed import is_folder
from twoplustwo.cli._options import MECHANISM, Commands, country, day, subcommand

if TYPE_CHECKING:  # an edit is only passed through here
    from twoplustwo._editing import Edit


def add_add_round(commands: Commands) -> None:
    """
    Add ``add-round``: a new round, or a round updated field by field.
    """
    command = subcommand(
        commands,
        "add-round",
        "add a round to the file named by --data, or update one field by field, in place",
        'twoplustwo --data my-data.json add-round in-us --status held --date "10 November 2023"',
        handler=_add_round,
        json_output=False,
    )
    # Only this command's parser needs the editing module: `next` and the rest start without it.
    from twoplustwo._editing import CLEARABLE  # noqa: PLC0415

    command.add_argument("mechanism", **MECHANISM)
    command.add_argument(
        "--ordinal", type=int, help="the round to add or update (default: a new round, last + 1)"
    )
    command.add_argument(
        "--status",
        choices=[s.value for s in tpt.RoundStatus],
        help="held, or pending: scheduled, proposed, postponed (required for a new round)",
    )
    command.add_argument(
        "--date", help='as the news gives it: "26-27 October 2020" (required for a new round)'
    )
    command.add_argument("--host", metavar="CODE", help="the party that hosts (a country code)")
    command.add_argument("--venue", metavar="CITY", help="the city it meets in")
    command.add_argument("--venue-country", metavar="CODE", help="default: the host's country")
    command.add_argument("--timezone", metavar="ZONE", help="default: the party's capital's zone")
    command.add_argument("--mode", choices=[m.value for m in tpt.Mode], help="default: in_person")
    command.add_argument(
        "--clear",
        action="append",
        default=[],
        choices=CLEARABLE,
        help="clear this field of the round (may be repeated)",
    )
    command.add_argument(
        "--replace",
        action="store_true",
        help="allow changing a held round's recorded date, host or venue",
    )
    _add_record_options(command)


def _add_round(args: argparse.Namespace) -> tuple[str, int]:
    path = editable(args)
    sources = _source(args)
    date = None if args.date is None else FuzzyDate.from_text(args.date)
    host = None if args.host is None else country(args.host)
    checked = None if args.checked is None else day(args.checked, "--checked")

    def change(dataset: Dataset) -> Edit:
        return tpt.edit_round(
            dataset,
            args.mechanism,
            args.ordinal,
            status=None if args.status is None else tpt.RoundStatus(args.status),
            date=date,
            venue=_venue(args, dataset, host),
            host=host,
            mode=None if args.mode is None else tpt.Mode(args.mode),
            note=args.note,
            sources=sources,
            clear=args.clear,
            replace=args.replace,
            checked=checked,
        )

    return edited(path, change)


def _venue(args: argparse.Namespace, dataset: Dataset, host: str | None) -> tpt.City | None:
    if args.venue is None:
        for flag, value in (("--venue-country", args.venue_country), ("--timezone", args.timezone)):
            if value is not None:
                raise Error(f"{flag} describes a --venue: give the city too")
        return None
    where = country(args.venue_country) if args.venue_country else host
    mechanism = dataset.mechanism(args.mechanism)
    if where is None:
        hosting = next((h for h in mechanism.hostings() if h.round.ordinal == args.ordinal), None)
        where = None if hosting is None else hosting.host
    if where is None:
        raise Error("a --venue needs --host or --venue-country")
    zone = args.timezone or next(
        (p.capital.timezone for p in mechanism.parties if p.code == where), None
    )
    if zone is None:
        raise Error(f"give --timezone for a venue in {where}, which is not a party")
    return tpt.City(args.venue, where, zone)


def add_set_status(commands: Commands) -> None:
    """
    Add ``set-status``: a mechanism gone dormant, suspended, ended or resumed.
    """
    command = subcommand(
        commands,
        "set-status",
        "record that a mechanism went dormant, was suspended, ended or resumed, in place",
        'twoplustwo --data my-data.json set-status jp-ru --status suspended --date "March 2022"',
        handler=_set_status,
        json_output=False,
    )
    command.add_argument("mechanism", **MECHANISM)
    command.add_argument("--status", required=True, choices=[s.value for s in tpt.MechanismStatus])
    command.add_argument("--date", required=True, help="when it took effect")
    _add_record_options(command)


def _set_status(args: argparse.Namespace) -> tuple[str, int]:
    path = editable(args)
    change = tpt.StatusChange(
        tpt.MechanismStatus(args.status),
        FuzzyDate.from_text(args.date),
        note=args.note,
        sources=_source(args),
    )
    checked = None if args.checked is None else day(args.checked, "--checked")
    return edited(
        path, lambda dataset: tpt.edit_status(dataset, args.mechanism, change, checked=checked)
    )


def _add_record_options(command: argparse.ArgumentParser) -> None:
    """
    Add what every edit may record beside its change: the checked day, a note, a source.
    """
    command.add_argument(
        "--checked",
        metavar="DATE",
        help="record that the whole dialogue was checked against the news on this day, "
        "YYYY-MM-DD (default: its checked day is kept)",
    )
    command.add_argument("--note", help="a sentence in your own words")
    command.add_argument("--source-url", metavar="URL", help="the page you read")
    command.add_argument("--source-title", metavar="TITLE", help="its title")
    command.add_argument("--source-published", metavar="DATE", help="YYYY-MM-DD, if shown")


def _source(args: argparse.Namespace) -> tuple[tpt.Source, ...]:
    if (args.source_url is None) != (args.source_title is None):
        raise Error("give --source-url and --source-title together")
    if args.source_url is None:
        if args.source_published is not None:
            raise Error("--source-published needs --source-url and --source-title")
        return ()
    published = (
        None if args.source_published is None else day(args.source_published, "--source-published")
    )
    return (
        tpt.Source(
            args.source_title,
            published=None if published is None else FuzzyDate.between(published, published),
            url=args.source_url,
        ),
    )


def editable(args: argparse.Namespace) -> Path:
    path: Path | None = args.data
    if path is None or str(path) == "-" or is_folder(path):
        raise Error("name the file to edit with --data FILE (a file of its own, not - or a folder)")
    return path


def edited(path: Path, change: Callable[[Dataset], Edit]) -> tuple[str, int]:
    """
    Make an edit of the file at ``path`` under its lock, and say what changed.
    """
    upgraded = _format_of(path) not in (None, tpt.FORMAT)
    edit = tpt.edit_file(path, change)
    if edit.changed:
        note = f", upgraded to {tpt.FORMAT}" if upgraded else ""
        print(f"Wrote {terminal(str(path))}{note}.", file=sys.stderr)
    return edit.summary, 0


def _format_of(path: Path) -> object:
    """
    The "format" a document at ``path`` says it has, if it says; None if it cannot be read.
    """
    try:
        document = json.loads(read_bytes(path))
    except (Error, ValueError, RecursionError):
        return None
    return document.get("format") if isinstance(document, dict) else None
