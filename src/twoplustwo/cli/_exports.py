"""
The commands that write the record in other shapes: rounds, ics, timeline, export, schema.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any

import pendulum

import twoplustwo as tpt
from twoplustwo import Error, dumps
from twoplustwo._render import table
from twoplustwo._safe import csv_cell
from twoplustwo.cli._options import (
    AS_OF_HELP,
    OUTPUT_HELP,
    Commands,
    as_of,
    load,
    mechanism,
    subcommand,
)
from twoplustwo.cli._output import Json, output


def add_rounds(commands: Commands) -> None:
    """
    Add ``rounds``: one row a round, for spreadsheets and pandas.
    """
    command = subcommand(
        commands,
        "rounds",
        "print one row a round, for spreadsheets and pandas",
        "twoplustwo rounds in-us --format csv",
        handler=_rounds,
        json_output=False,
    )
    command.add_argument(
        "mechanism", metavar="MECHANISM", nargs="?", type=str.lower, help="only this mechanism"
    )
    command.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="default: table"
    )


def _rounds(args: argparse.Namespace) -> tuple[str, int]:
    dataset = load(args)
    wanted = None if args.mechanism is None else dataset.mechanism(args.mechanism).id
    rows = [r for r in tpt.rounds_table(dataset) if wanted in (None, r["mechanism"])]
    plain = [{k: _plain(v) for k, v in row.items()} for row in rows]
    if args.format == "json":
        return Json(json.dumps(plain, indent=2, ensure_ascii=False)), 0
    keys = list(plain[0]) if plain else ["mechanism"]
    if args.format == "csv":
        import csv  # noqa: PLC0415 - only this output format needs it

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        # A cell from data is never read as a formula by a spreadsheet (OWASP).
        writer.writerows(
            {k: csv_cell(v) if isinstance(v, str) else v for k, v in row.items()} for row in plain
        )
        return out.getvalue().rstrip("\n"), 0
    cells = [("MECHANISM", "#", "STATUS", "EARLIEST", "LATEST", "MODE", "VENUE", "HOST")]
    cells += [
        (
            str(row["mechanism"]),
            str(row["ordinal"]),
            str(row["status"]),
            str(row["earliest"]),
            str(row["latest"]),
            str(row["mode"]),
            f"{row['venue'] or '-'}{'*' if row['venue_inferred'] else ''}",
            str(row["host"] or "-"),
        )
        for row in plain
    ]
    return "\n".join(table(cells, cut_last=False)), 0


def _plain(value: object) -> Any:
    return value.isoformat() if isinstance(value, pendulum.Date) else value


def add_ics(commands: Commands) -> None:
    """
    Add ``ics``: the rounds, and the next ones if asked, as an iCalendar file.
    """
    command = subcommand(
        commands,
        "ics",
        "write the rounds, and with --forecasts the next ones, as an iCalendar file",
        "twoplustwo ics in-us --forecasts -o in-us.ics",
        handler=_ics,
        json_output=False,
    )
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "mechanism", metavar="MECHANISM", nargs="?", type=str.lower, help="a mechanism id"
    )
    which.add_argument("--all", action="store_true", help="every mechanism")
    command.add_argument("-o", "--output", metavar="FILE", type=Path, help=OUTPUT_HELP)
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)
    command.add_argument(
        "--forecasts",
        action="store_true",
        help="also add each dialogue's forecast next round: never in the past, and at most "
        "92 days long (a longer window becomes its middle month)",
    )


def _ics(args: argparse.Namespace) -> tuple[str | bytes, int]:
    dataset = load(args)
    target = dataset if args.all else mechanism(args, dataset)
    try:
        data = tpt.to_ics(target, include_forecast=args.forecasts, as_of=as_of(args))
    except ModuleNotFoundError as error:
        raise _needs_extra(error) from None
    if b"BEGIN:VEVENT" not in data:
        print("twoplustwo: warning: the calendar has no events", file=sys.stderr)
    return output(args.output, data)


_EXTRAS = {"icalendar": "ics", "matplotlib": "plot"}


def _needs_extra(error: ModuleNotFoundError) -> Error:
    """
    Say which extra brings the missing module, in one line.
    """
    top = (error.name or "").partition(".")[0]
    extra = _EXTRAS.get(top)
    if extra is None:
        raise error
    return Error(f"this command needs {top}: pip install 'twoplustwo[{extra}]'")


def add_timeline(commands: Commands) -> None:
    """
    Add ``timeline``: the rounds and forecast windows as an SVG picture.
    """
    command = subcommand(
        commands,
        "timeline",
        "draw the dialogues' rounds and forecast windows as an SVG image (extra 'plot')",
        "twoplustwo timeline in-us jp-us -o rounds.svg",
        handler=_timeline,
        json_output=False,
    )
    command.add_argument(
        "mechanisms", metavar="MECHANISM", nargs="*", type=str.lower, help="default: every one"
    )
    command.add_argument("-o", "--output", metavar="FILE", type=Path, help=OUTPUT_HELP)
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)


def _timeline(args: argparse.Namespace) -> tuple[str | bytes, int]:
    dataset = load(args)
    try:
        picture = tpt.timeline_svg(dataset, tuple(args.mechanisms), as_of=as_of(args))
    except ModuleNotFoundError as error:
        raise _needs_extra(error) from None
    return output(args.output, picture)


def add_export(commands: Commands) -> None:
    """
    Add ``export``: the data as one twoplustwo document.
    """
    command = subcommand(
        commands,
        "export",
        "write the data (the embedded record by default) as one twoplustwo document",
        "twoplustwo export -o my-data.json",
        handler=_export,
        json_output=False,
    )
    command.add_argument("-o", "--output", metavar="FILE", type=Path, help=OUTPUT_HELP)
    command.add_argument("--as-of", metavar="DATE", help=AS_OF_HELP)


def _export(args: argparse.Namespace) -> tuple[str | bytes, int]:
    return output(args.output, dumps(load(args), indent=2) + "\n")


def add_schema(commands: Commands) -> None:
    """
    Add ``schema``: the JSON Schema of a document class.
    """
    command = subcommand(
        commands,
        "schema",
        "print the JSON Schema of a document class",
        "twoplustwo schema Mechanism",
        handler=_schema,
        data=False,
        json_output=False,
    )
    names = {cls.__name__.lower(): cls.__name__ for cls in tpt.MODEL_CLASSES}
    command.add_argument(
        "cls",
        metavar="CLASS",
        nargs="?",
        default="Dataset",
        type=lambda text: names.get(text.lower(), text),
        choices=sorted(names.values()),
        help="default: Dataset (any case)",
    )


def _schema(args: argparse.Namespace) -> tuple[str, int]:
    cls = next(c for c in tpt.MODEL_CLASSES if c.__name__ == args.cls)
    return Json(json.dumps(tpt.json_schema(cls), indent=2, ensure_ascii=False)), 0
