"""
The ``twoplustwo`` command: renders what the library computes; holds no logic of its own.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pendulum

from twoplustwo._dates import FuzzyDate
from twoplustwo._json import dumps, loads
from twoplustwo._model import Dataset
from twoplustwo._rotation import Forecast, _phrase, next_round
from twoplustwo._seed import load_seed
from twoplustwo.exceptions import DecodeError, Error

_WIDTH = 80

_EXAMPLES = """\
examples:
  twoplustwo list
  twoplustwo next in-us
  twoplustwo next in-us --as-of 2021-12-24
  twoplustwo --data my-data.json next in-ru --json
  twoplustwo validate my-data.json
"""


_DATA_HELP = "read this twoplustwo/1 JSON document instead of the embedded dataset"


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    example: str,
) -> argparse.ArgumentParser:
    """
    Add a subcommand whose help ends with an example, and which takes --data too.
    """
    command = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # Also after the subcommand; SUPPRESS keeps a --data given before it.
    command.add_argument(
        "--data", metavar="FILE", type=Path, default=argparse.SUPPRESS, help=_DATA_HELP
    )
    return command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twoplustwo",
        description="Where and when do 2+2 ministerial dialogues meet next, and why?",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", metavar="FILE", type=Path, help=_DATA_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    forecast = _command(
        commands,
        "next",
        "forecast the next round of a mechanism, with the reasons",
        "twoplustwo next in-us --as-of 2021-12-24",
    )
    forecast.add_argument("mechanism", metavar="MECHANISM", help="a mechanism id, such as in-us")
    forecast.add_argument(
        "--as-of",
        metavar="DATE",
        help="judge overdue as of this day, YYYY-MM-DD (default: today)",
    )
    forecast.add_argument("--json", action="store_true", help="print the forecast as JSON")
    _command(commands, "list", "list the mechanisms in the data", "twoplustwo list")
    validate = commands.add_parser(
        "validate",
        help="check twoplustwo/1 documents and list every problem",
        description=(
            "Check twoplustwo/1 documents and list every problem of every file with its JSON "
            "path. Exits 1 if any file has a problem, 0 otherwise."
        ),
        epilog="example:\n  twoplustwo validate data/*.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("files", metavar="FILE", nargs="+", type=Path, help="a JSON document")
    return parser


def _problems(path: Path) -> tuple[str, ...]:
    """
    Return every problem of the document at ``path``, each with its JSON path.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        return (f"cannot read the file: {error.strerror or error}",)
    try:
        loads(data, Dataset)
    except DecodeError as error:
        return error.problems
    return ()


def _validate(paths: Sequence[Path]) -> tuple[str, int]:
    lines, failed = [], 0
    for path in paths:
        problems = _problems(path)
        if not problems:
            lines.append(f"{path}: ok")
            continue
        failed += 1
        count = len(problems)
        lines.append(f"{path}: {count} problem{'s' if count != 1 else ''}")
        lines.extend(f"  - {problem}" for problem in problems)
    if len(paths) > 1:
        lines.append(f"{len(paths) - failed} of {len(paths)} files valid.")
    return "\n".join(lines), 1 if failed else 0


def _load(path: Path | None) -> Dataset:
    if path is None:
        return load_seed()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise Error(f"cannot read {path}: {error.strerror or error}") from None
    try:
        return loads(data, Dataset)
    except DecodeError as error:
        raise Error(f"{path}: " + "; ".join(error.problems)) from None


def _day(text: str) -> pendulum.Date:
    date = FuzzyDate.parse(text)
    if not date.is_exact:
        raise Error(f"--as-of {text!r} must be a single day, YYYY-MM-DD")
    return date.earliest


def _render_forecast(forecast: Forecast, name: str, data_as_of: pendulum.Date) -> str:
    window = _phrase(forecast.window)
    state = "overdue" if forecast.overdue else "not overdue"
    lines = [
        f"{name} ({forecast.mechanism})",
        f"Next round:  {forecast.ordinal}",
        f"Venue:       {forecast.venue.name}, hosted by {forecast.host.name}",
        f"When:        {window} ({forecast.window})",
        f"Basis:       {forecast.basis.value}; {state} as of {forecast.as_of.isoformat()}",
        f"Data as of:  {data_as_of.isoformat()}",
        "",
        "Why:",
    ]
    for number, reason in enumerate(forecast.reasons, start=1):
        lines.extend(
            textwrap.wrap(
                reason,
                width=_WIDTH,
                initial_indent=f"{number:>3}. ",
                subsequent_indent="     ",
            )
        )
    return "\n".join(lines)


def _render_list(dataset: Dataset) -> str:
    rows = [("ID", "PARTIES", "HELD", "NEXT ON RECORD", "NAME")]
    for mechanism in dataset.mechanisms:
        pending = mechanism.pending
        upcoming = f"{pending.ordinal}: {pending.date}" if pending is not None else "-"
        parties = "-".join(mechanism.codes)
        rows.append((mechanism.id, parties, str(len(mechanism.held)), upcoming, mechanism.name))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    room = _WIDTH - sum(widths) - 2 * len(widths)
    lines = []
    for *cells, name in rows:
        shown = name if len(name) <= room else name[: room - 1] + "…"
        lines.append(
            "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + shown
        )
    return "\n".join(lines) + f"\n\nData as of {dataset.as_of.isoformat()}."


def run(argv: Sequence[str] | None = None) -> tuple[str, int]:
    """
    Run the command line ``argv``; return what it prints and its exit code.

    Raises:
        Error: The data or the input is wrong.
        SystemExit: The command line is malformed (exit code 2) or asks for help (0).
    """
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    dataset = _load(args.data)
    if args.command == "list":
        return _render_list(dataset), 0
    mechanism = dataset.mechanism(args.mechanism)
    as_of = _day(args.as_of) if args.as_of is not None else None
    forecast = next_round(mechanism, as_of=as_of)
    if args.json:
        return dumps(forecast, indent=2), 0
    return _render_forecast(forecast, mechanism.name, dataset.as_of), 0


def main(argv: Sequence[str] | None = None) -> int:
    """
    Entry point of the ``twoplustwo`` console script; returns the exit code.
    """
    try:
        output, code = run(argv)
    except Error as error:
        message = " ".join(str(error).split())
        print(f"twoplustwo: error: {message}", file=sys.stderr)
        return 1
    print(output)
    return code
