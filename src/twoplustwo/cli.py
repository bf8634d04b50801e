"""
The ``twoplustwo`` command: renders what the library computes; holds no logic of its own.

Exit codes: 0 success, 1 a data or input error (one line on stderr), 2 a usage error.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import stat
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pendulum

import twoplustwo as tpt
from twoplustwo import (
    Basis,
    Dataset,
    DecodeError,
    Error,
    Fact,
    FuzzyDate,
    Mechanism,
    Mode,
    NotForecastable,
    Round,
    backtest,
    check_data,
    dumps,
    load_dataset,
    load_seed,
    loads,
    next_round,
)

_WIDTH = 80

_EXAMPLES = """\
examples:
  twoplustwo list
  twoplustwo next in-us --as-of 2021-12-24
  twoplustwo show in-us
  twoplustwo rounds --format csv > rounds.csv
  twoplustwo ics --all -o 2plus2.ics
  twoplustwo --data my-data.json next in-ru --json
  twoplustwo validate my-data.json
  twoplustwo check
"""

_DATA_HELP = (
    "read this twoplustwo JSON document (- for standard input, or a folder of them with an "
    "index.json) instead of the embedded record"
)
_SEED_HELP = "read the snapshot of the 2021-12-24 article the library began from"
_JSON_HELP = "print JSON instead of text"
_MECHANISM: dict[str, Any] = {
    "metavar": "MECHANISM",
    "type": str.lower,
    "help": "a mechanism id, such as in-us (any case)",
}

Handler = Callable[[argparse.Namespace], "tuple[str | bytes, int]"]


def _command(  # noqa: PLR0913 - two of them are keyword-only switches
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    example: str,
    *,
    data: bool = True,
    json_output: bool = True,
) -> argparse.ArgumentParser:
    """
    Add a subcommand whose help ends with an example; it takes --data and --json if asked.
    """
    command = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    if data:
        # Also after the subcommand; SUPPRESS keeps a --data given before it.
        command.add_argument(
            "--data", metavar="FILE", type=Path, default=argparse.SUPPRESS, help=_DATA_HELP
        )
    if json_output:
        command.add_argument("--json", action="store_true", help=_JSON_HELP)
    return command


def _editing_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """
    Add the commands that write data: export, add-round and set-status.
    """
    exported = _command(
        commands,
        "export",
        "write the data (the embedded record by default) as one twoplustwo document",
        "twoplustwo export -o my-data.json",
        json_output=False,
    )
    exported.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: stdout")
    added = _command(
        commands,
        "add-round",
        "add or replace a round in the file named by --data, in place",
        'twoplustwo --data my-data.json add-round in-us --date "10 November 2023" --host IN',
        json_output=False,
    )
    added.add_argument("mechanism", **_MECHANISM)
    added.add_argument("--date", required=True, help='as the news gives it: "26-27 October 2020"')
    added.add_argument("--host", metavar="CODE", help="the party that hosted")
    added.add_argument("--venue", metavar="CITY", help="the city it met in")
    added.add_argument("--venue-country", metavar="CODE", help="default: the host's country")
    added.add_argument("--timezone", metavar="ZONE", help="default: the party's capital's zone")
    added.add_argument("--mode", choices=[m.value for m in tpt.Mode], default="in_person")
    added.add_argument("--status", choices=[s.value for s in tpt.RoundStatus], default="held")
    added.add_argument("--ordinal", type=int, help="default: one past the last round")
    statused = _command(
        commands,
        "set-status",
        "record that a mechanism went dormant, was suspended, ended or resumed, in place",
        'twoplustwo --data my-data.json set-status jp-ru --status suspended --date "March 2022"',
        json_output=False,
    )
    statused.add_argument("mechanism", **_MECHANISM)
    statused.add_argument("--status", required=True, choices=[s.value for s in tpt.MechanismStatus])
    statused.add_argument("--date", required=True, help="when it took effect")
    for editing in (added, statused):
        editing.add_argument("--note", help="a sentence in your own words")
        editing.add_argument("--source-url", metavar="URL", help="the page you read")
        editing.add_argument("--source-title", metavar="TITLE", help="its title")
        editing.add_argument("--source-published", metavar="DATE", help="YYYY-MM-DD, if shown")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="twoplustwo",
        description="Where and when do 2+2 ministerial dialogues meet next, and why?",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"twoplustwo {tpt.__version__}")
    parser.add_argument("--data", metavar="FILE", type=Path, help=_DATA_HELP)
    parser.add_argument("--seed", action="store_true", help=_SEED_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    forecast = _command(
        commands,
        "next",
        "forecast the next round of a mechanism, with the reasons",
        "twoplustwo next in-us --as-of 2021-12-24",
    )
    forecast.add_argument("mechanism", **_MECHANISM)
    forecast.add_argument(
        "--as-of",
        metavar="DATE",
        help="forecast as of this day, YYYY-MM-DD (a day, not a month or year; default: today)",
    )
    forecast.add_argument(
        "--level", type=float, default=0.8, help="the share of past gaps a window covers"
    )
    _command(commands, "list", "list the mechanisms in the data", "twoplustwo list")
    show = _command(
        commands, "show", "show the history of a mechanism, round by round", "twoplustwo show in-us"
    )
    show.add_argument("mechanism", **_MECHANISM)
    tested = _command(
        commands,
        "backtest",
        "check the rotation against the recorded hosts",
        "twoplustwo backtest in-us",
    )
    tested.add_argument("mechanism", **_MECHANISM)
    risks = _command(
        commands, "risks", "list the sanction risks, of one country if given", "twoplustwo risks IN"
    )
    risks.add_argument("country", metavar="COUNTRY", nargs="?", help="an ISO 3166-1 code")
    rounds = _command(
        commands,
        "rounds",
        "print one row a round, for spreadsheets and pandas",
        "twoplustwo rounds in-us --format csv",
        json_output=False,
    )
    rounds.add_argument(
        "mechanism", metavar="MECHANISM", nargs="?", type=str.lower, help="only this mechanism"
    )
    rounds.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="default: table"
    )
    ics = _command(
        commands,
        "ics",
        "write the rounds and forecasts as an iCalendar file",
        "twoplustwo ics in-us -o in-us.ics",
        json_output=False,
    )
    which = ics.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "mechanism", metavar="MECHANISM", nargs="?", type=str.lower, help="a mechanism id"
    )
    which.add_argument("--all", action="store_true", help="every mechanism")
    ics.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")
    ics.add_argument(
        "--as-of", metavar="DATE", help="forecast and stamp as of this day (default: today)"
    )
    validate = _command(
        commands,
        "validate",
        "check twoplustwo documents and list every problem with its JSON path",
        "twoplustwo validate data/*.json",
        data=False,
    )
    validate.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help="a JSON document (- for standard input)"
    )
    drawn = _command(
        commands,
        "timeline",
        "draw the dialogues' rounds and forecast windows as an SVG image (extra 'plot')",
        "twoplustwo timeline in-us jp-us -o rounds.svg",
        json_output=False,
    )
    drawn.add_argument(
        "mechanisms", metavar="MECHANISM", nargs="*", type=str.lower, help="default: every one"
    )
    drawn.add_argument("-o", "--output", metavar="FILE", type=Path, help="default: standard output")
    drawn.add_argument(
        "--as-of", metavar="DATE", help="forecast as of this day (default: the data's date)"
    )
    scored = _command(
        commands,
        "evaluate",
        "replay every dialogue and score the forecasts beside simple baselines",
        "twoplustwo evaluate --level 0.8",
    )
    scored.add_argument(
        "--level", type=float, default=0.8, help="the share of past gaps a window covers"
    )
    _editing_commands(commands)
    checked = _command(
        commands,
        "check",
        "check a folder of data files as CI does (the embedded record by default)",
        "twoplustwo check src/twoplustwo/seeds/dialogues",
        data=False,
        json_output=False,
    )
    checked.add_argument("folder", metavar="FOLDER", nargs="?", type=Path, help="a data folder")
    migrate = _command(
        commands,
        "migrate",
        f"write a dataset file (any format in {', '.join(tpt.READS)}) as {tpt.FORMAT}",
        "twoplustwo migrate old.json -o new.json",
        data=False,
        json_output=False,
    )
    migrate.add_argument("file", metavar="FILE", type=Path, help="the document to upgrade")
    where = migrate.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", type=Path, help="default: standard output")
    where.add_argument("--in-place", action="store_true", help="replace FILE itself")
    schema = _command(
        commands,
        "schema",
        "print the JSON Schema of a document class",
        "twoplustwo schema Mechanism",
        data=False,
        json_output=False,
    )
    names = {cls.__name__.lower(): cls.__name__ for cls in tpt.MODEL_CLASSES}
    schema.add_argument(
        "cls",
        metavar="CLASS",
        nargs="?",
        default="Dataset",
        type=lambda text: names.get(text.lower(), text),
        choices=sorted(names.values()),
        help="default: Dataset (any case)",
    )
    return parser


def _read(path: Path) -> bytes:
    """
    Read a regular file, at most one byte past the size ``loads`` accepts.

    A FIFO, a device or a directory is refused without waiting on it; ``-`` is standard input.

    Raises:
        Error: The file cannot be read, or is not a regular file.
    """
    if str(path) == "-":
        return sys.stdin.buffer.read(tpt.MAX_SIZE + 1)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise Error("cannot read the file: it is not a regular file")
            return file.read(tpt.MAX_SIZE + 1)
    except OSError as error:
        raise Error(f"cannot read the file: {error.strerror or error}") from None


def _problems(path: Path) -> tuple[str, ...]:
    """
    Return every problem of the document at ``path``, each with its JSON path.
    """
    try:
        data = _read(path)
    except Error as error:
        return (str(error),)
    try:
        loads(data, Dataset)
    except DecodeError as error:
        return tuple(str(problem) for problem in error.problems)
    return ()


def _validate(args: argparse.Namespace) -> tuple[str, int]:
    paths: list[Path] = args.files
    found = [(path, _problems(path)) for path in paths]
    failed = sum(1 for _, problems in found if problems)
    if args.json:
        report = [{"file": str(path), "problems": list(problems)} for path, problems in found]
        return json.dumps(report, indent=2, ensure_ascii=False), 1 if failed else 0
    lines = []
    for path, problems in found:
        if not problems:
            lines.append(f"{path}: ok")
            continue
        count = len(problems)
        lines.append(f"{path}: {count} problem{'s' if count != 1 else ''}")
        lines.extend(f"  - {problem}" for problem in problems)
    if len(paths) > 1:
        lines.append(f"{len(paths) - failed} of {len(paths)} files valid.")
    return "\n".join(lines), 1 if failed else 0


def _load(args: argparse.Namespace) -> Dataset:
    """
    Load what the command line names: ``--data`` (a file or folder), ``--seed``, or the record.
    """
    path: Path | None = args.data
    if path is None:
        return load_seed() if args.seed else load_dataset()
    return load_dataset(path) if str(path) != "-" and path.is_dir() else _load_file(path)


def _load_file(path: Path) -> Dataset:
    try:
        data = _read(path)
    except Error as error:
        raise Error(f"{path}: {error}") from None
    try:
        return loads(data, Dataset)
    except DecodeError as error:
        raise Error(f"{path}: " + "; ".join(str(p) for p in error.problems)) from None


def _day(text: str) -> pendulum.Date:
    date = FuzzyDate.parse(text)
    if not date.is_exact:
        raise Error(f"--as-of {text!r} must be a single day, YYYY-MM-DD")
    return date.earliest


def _terminal_width() -> int | None:
    """
    The width of the terminal standard output shows in; None when it is not a terminal.
    """
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError):  # no file descriptor behind it (as in a test's capture)
        return None


def _table(rows: Sequence[Sequence[str]], *, cut_last: bool = True) -> list[str]:
    """
    Lay out rows in columns two spaces apart; on a terminal, the last column is cut to fit.
    """
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    columns = _terminal_width()
    room = None if columns is None else max(columns - sum(widths) - 2 * len(widths), 8)
    lines = []
    for *cells, last in rows:
        shown = last
        if room is not None and cut_last and len(last) > room:
            shown = last[: room - 1] + "…"
        line = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        lines.append(f"{line}  {shown}".rstrip())
    return lines


def _wrapped(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, width=_WIDTH, initial_indent=indent, subsequent_indent=indent)


def _json_list(items: Sequence[object]) -> str:
    # The converter is built on first use: only the --json lists need it.
    unstructure = tpt.converter.unstructure
    return json.dumps([unstructure(item) for item in items], indent=2, ensure_ascii=False)


def _next(args: argparse.Namespace) -> tuple[str, int]:
    dataset = _load(args)
    mechanism = dataset.mechanism(args.mechanism)
    as_of = _day(args.as_of) if args.as_of is not None else None
    forecast = next_round(mechanism, as_of=as_of, level=args.level, context=dataset)
    if forecast.stale and not args.json:
        age = (forecast.as_of - dataset.as_of).days / 30.4375
        print(
            f"twoplustwo: warning: the data is {age:.0f} months older than this forecast "
            f"(data as of {dataset.as_of.isoformat()}); a round may have been held since",
            file=sys.stderr,
        )
    if args.json:
        return dumps(forecast, indent=2), 0
    return forecast.explain(mechanism.name, width=_WIDTH), 0


def _list(args: argparse.Namespace) -> tuple[str, int]:
    dataset = _load(args)
    if args.json:
        return _json_list(dataset.mechanisms), 0
    rows = [("ID", "HELD", "LAST ROUND", "NEXT ROUND (FORECAST)", "STATE")]
    today = pendulum.today().date()
    for mechanism in dataset.mechanisms:
        held = mechanism.held
        last = "-"
        if held:
            hosting = mechanism.hostings(mechanism.rounds[: len(held)])[-1]
            last = f"{held[-1].ordinal}: {held[-1].date} {hosting.host or '-'}"
        try:
            forecast = next_round(mechanism, as_of=today, context=dataset)
        except NotForecastable:
            status = mechanism.status_on(today)
            state = status.value if held else "no rounds"
            rows.append((mechanism.id, str(len(held)), last, "-", state))
            continue
        host = forecast.host.code if forecast.host is not None else "-"
        upcoming = f"{forecast.ordinal}: {forecast.window} {host}"
        state = "announced" if forecast.basis is Basis.ANNOUNCED else "forecast"
        state += ", overdue" if forecast.overdue else ""
        rows.append((mechanism.id, str(len(held)), last, upcoming, state))
    footer = (
        f"\n\nData as of {dataset.as_of.isoformat()}; forecasts as of {today.isoformat()}. "
        "Hosts are party codes."
    )
    return "\n".join(_table(rows)) + footer, 0


def _show(args: argparse.Namespace) -> tuple[str, int]:
    dataset = _load(args)
    mechanism = dataset.mechanism(args.mechanism)
    if args.json:
        return dumps(mechanism, indent=2), 0
    lines = [f"{mechanism.name} ({mechanism.id})"]
    parties = " and ".join(f"{c.name} ({c.code})" for c in mechanism.parties)
    lines += _wrapped(
        f"Between {parties}; {mechanism.rotation.describe(mechanism)}, "
        f"one round every {mechanism.cadence_months} months."
    )
    lines.append("")
    if not mechanism.rounds:
        lines.append("No rounds on record.")
    else:
        lines += _history(mechanism)
    lines.append(f"\nData as of {dataset.as_of.isoformat()}.")
    return "\n".join(lines), 0


_MODE_SHOWN = {Mode.IN_PERSON: "in person", Mode.VIRTUAL: "virtual", Mode.HYBRID: "hybrid"}


def _history(mechanism: Mechanism) -> list[str]:
    rows = [("ROUND", "STATUS", "DATE", "MODE", "HOST", "VENUE", "PARTICIPANTS")]
    notes, inferred_any, uncertain_any = [], False, False
    for hosting in mechanism.hostings():
        current = hosting.round
        inferred_any = inferred_any or hosting.inferred
        uncertain_any = uncertain_any or bool(current.uncertain)

        def marked(text: str, fact: Fact, *, inferred: bool, current: Round = current) -> str:
            return text + ("*" if inferred else "") + ("?" if current.is_uncertain(fact) else "")

        venue = hosting.venue.name if hosting.venue is not None else "-"
        host = hosting.host or "-"
        if current.abroad:
            venue += " (abroad)"
        rows.append(
            (
                marked(str(current.ordinal), Fact.ORDINAL, inferred=False),
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
    lines = _table(rows)
    if inferred_any:
        lines.append("* neither host nor venue on record: the rotation's")
    if uncertain_any:
        lines.append("? uncertain: see the notes below")
    return lines + [line for note in notes for line in _wrapped(note)]


def _backtest(args: argparse.Namespace) -> tuple[str, int]:
    mechanism = _load(args).mechanism(args.mechanism)
    rows = backtest(mechanism)
    if args.json:
        return _json_list(rows), 0
    if not rows:
        why = "no held round after the first has a recorded venue"
        return "\n".join(_wrapped(f"{mechanism.id}: nothing to backtest yet: {why}.")), 0
    table = [("ROUND", "PREDICTED", "ACTUAL", "HIT")]
    table += [
        (str(r.ordinal), r.predicted.name, r.actual.name, "yes" if r.hit else "no") for r in rows
    ]
    hits = sum(r.hit for r in rows)
    return "\n".join([*_table(table), f"\n{hits} of {len(rows)} predicted."]), 0


_CODE_HINTS = {"UK": "GB", "EN": "GB", "KO": "KR", "JA": "JP"}


def _country(text: str) -> str:
    """
    Return ``text`` as an ISO 3166-1 alpha-2 code, whatever its case.

    Raises:
        Error: It names no country; the message suggests the code meant, where it can.
    """
    code = text.strip().upper()
    try:
        tpt.City("-", code, "UTC")  # the model checks the code
    except tpt.InvalidModel:
        hint = _CODE_HINTS.get(code)
        meant = f"; did you mean {hint}?" if hint else ""
        raise Error(f"{text!r} is not an ISO 3166-1 alpha-2 country code{meant}") from None
    return code


def _risks(args: argparse.Namespace) -> tuple[str, int]:
    dataset = _load(args)
    code = None if args.country is None else _country(args.country)
    found = [
        r
        for r in dataset.sanction_risks
        if code is None or code in (r.imposed_by, r.exposed, r.counterparty)
    ]
    if args.json:
        return _json_list(found), 0
    if not found:
        return f"No sanction risks on record{f' for {code}' if code else ''}.", 0
    lines: list[str] = []
    for risk in found:
        lines.append(f"{risk.id}: {risk.law}")
        party = f", over dealings with {risk.counterparty}" if risk.counterparty else ""
        lines += _wrapped(f"{risk.imposed_by} may sanction {risk.exposed}{party}.", "  ")
        lines += _wrapped(f"Trigger: {risk.trigger}.", "  ")
        status = f"Status: {risk.status.value} as of {risk.as_of.isoformat()}"
        decided = f"; decided by {risk.decided_by}" if risk.decided_by else ""
        lines += _wrapped(status + decided + ".", "  ")
    return "\n".join(lines), 0


def _rounds(args: argparse.Namespace) -> tuple[str, int]:
    dataset = _load(args)
    if args.mechanism is not None:
        dataset.mechanism(args.mechanism)  # an unknown id is an error, not an empty table
    rows = [r for r in tpt.rounds_table(dataset) if args.mechanism in (None, r["mechanism"])]
    plain = [{k: _plain(v) for k, v in row.items()} for row in rows]
    if args.format == "json":
        return json.dumps(plain, indent=2, ensure_ascii=False), 0
    keys = list(plain[0]) if plain else ["mechanism"]
    if args.format == "csv":
        import csv  # noqa: PLC0415 - only this output format needs it

        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(plain)
        return out.getvalue().rstrip("\n"), 0
    table = [("MECHANISM", "#", "STATUS", "EARLIEST", "LATEST", "MODE", "VENUE", "HOST")]
    table += [
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
    return "\n".join(_table(table, cut_last=False)), 0


def _plain(value: object) -> Any:
    return value.isoformat() if isinstance(value, pendulum.Date) else value


def _ics(args: argparse.Namespace) -> tuple[str | bytes, int]:
    dataset = _load(args)
    target = dataset if args.all else dataset.mechanism(args.mechanism)
    try:
        as_of = _day(args.as_of) if args.as_of is not None else None
        data = tpt.to_ics(target, as_of=as_of)
    except ModuleNotFoundError as error:
        raise _needs_extra(error) from None
    if b"BEGIN:VEVENT" not in data:
        print("twoplustwo: warning: the calendar has no events", file=sys.stderr)
    if args.output is None:
        return data, 0
    _replace(args.output, data)
    return "", 0


def _schema(args: argparse.Namespace) -> tuple[str, int]:
    cls = next(c for c in tpt.MODEL_CLASSES if c.__name__ == args.cls)
    return json.dumps(tpt.json_schema(cls), indent=2, ensure_ascii=False), 0


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


def _timeline(args: argparse.Namespace) -> tuple[str | bytes, int]:
    dataset = _load(args)
    as_of = _day(args.as_of) if args.as_of is not None else None
    try:
        picture = tpt.timeline_svg(dataset, tuple(args.mechanisms), as_of=as_of)
    except ModuleNotFoundError as error:
        raise _needs_extra(error) from None
    if args.output is None:
        return picture, 0
    _replace(args.output, picture)
    return "", 0


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _evaluate(args: argparse.Namespace) -> tuple[str, int]:
    board = tpt.evaluate(_load(args), level=args.level)
    if args.json:
        return json.dumps(tpt.converter.unstructure(board), indent=2), 0
    ids = list(dict.fromkeys(score.mechanism for score in board.scores))
    hosts: list[tuple[str, ...]] = [
        ("HOST", "N", "TWOPLUSTWO", "BRIER", "BY NUMBER", "PREVIOUS", "12-MONTH")
    ]
    windows = [("WINDOW", "N", "COVERED", "MEDIAN WIDTH", "12-MONTH COVERED", "WIDTH")]
    for mechanism in ids:
        ours, *others = (board.score(mechanism, method) for method in tpt.METHODS)
        brier = "-" if ours.brier is None else f"{ours.brier:.2f}"
        rates = (_percent(other.accuracy) for other in others)
        hosts.append((mechanism, str(ours.hosts), _percent(ours.accuracy), brier, *rates))
        old = others[-1]
        windows.append(
            (
                mechanism,
                str(ours.windows),
                _percent(ours.coverage),
                _months(ours.median_width_months),
                _percent(old.coverage),
                _months(old.median_width_months),
            )
        )
    head = (
        f"Each round forecast from the rounds before it only; windows at {board.level:.0%}.\n"
        "Host columns: the share of hosts right (and twoplustwo's Brier score of its "
        "chances, 0 best)."
    )
    body = [*_table(hosts), "", *_table(windows)]
    return "\n".join([*_wrapped(head), "", *body]), 0


def _months(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} months"


def _check(args: argparse.Namespace) -> tuple[str, int]:
    folder: Path | None = args.folder
    if folder is not None and not folder.is_dir():
        raise Error(f"{folder} is not a folder")
    problems = check_data(folder)
    where = "the embedded record" if folder is None else str(folder)
    if not problems:
        return f"{where}: ok", 0
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return "\n".join([f"{where}: {count}", *(f"  - {p}" for p in problems)]), 1


def _migrate(args: argparse.Namespace) -> tuple[str, int]:
    source: Path = args.file
    text = dumps(_load_file(source), indent=2) + "\n"
    target: Path | None = source if args.in_place else args.output
    if target is None:
        return text.rstrip("\n"), 0
    if not args.in_place and target.exists() and target.resolve() == source.resolve():
        raise Error(f"{target} is the input file; give --in-place to replace it")
    _replace(target, text)
    return "", 0


def _replace(target: Path, content: str | bytes) -> None:
    """
    Replace ``target`` atomically with ``content``, and say so on standard error.
    """
    tpt.replace_file(target, content)
    print(f"Wrote {target}.", file=sys.stderr)


def _editable(args: argparse.Namespace) -> Path:
    path: Path | None = args.data
    if path is None or str(path) == "-" or path.is_dir():
        raise Error("name the file to edit with --data FILE (a file of its own, not - or a folder)")
    return path


def _source(args: argparse.Namespace) -> tuple[tpt.Source, ...]:
    if (args.source_url is None) != (args.source_title is None):
        raise Error("give --source-url and --source-title together")
    if args.source_url is None:
        return ()
    published = None if args.source_published is None else _day(args.source_published)
    return (
        tpt.Source(
            args.source_title,
            published=None if published is None else FuzzyDate.between(published, published),
            url=args.source_url,
        ),
    )


def _save_edit(path: Path, dataset: Dataset, mechanism: Mechanism, latest: pendulum.Date) -> None:
    """
    Check the edited dataset (moving as_of on to ``latest`` if need be) and replace the file.
    """
    edited = dataset.with_as_of(max(dataset.as_of, latest)).with_mechanism(mechanism)
    _replace(path, dumps(edited, indent=2) + "\n")


def _add_round(args: argparse.Namespace) -> tuple[str, int]:
    path = _editable(args)
    dataset = _load(args)
    mechanism = dataset.mechanism(args.mechanism)
    date = FuzzyDate.from_text(args.date)
    host = None if args.host is None else _country(args.host)
    venue = None
    if args.venue is not None:
        where = _country(args.venue_country) if args.venue_country else host
        if where is None:
            raise Error("a --venue needs --host or --venue-country")
        zone = args.timezone or next(
            (p.capital.timezone for p in mechanism.parties if p.code == where), None
        )
        if zone is None:
            raise Error(f"give --timezone for a venue in {where}, which is not a party")
        venue = tpt.City(args.venue, where, zone)
    sources = _source(args)
    ordinal = args.ordinal or (mechanism.rounds[-1].ordinal + 1 if mechanism.rounds else 1)
    recorded = next((r for r in mechanism.rounds if r.ordinal == ordinal), None)
    fields: dict[str, Any] = {
        "status": tpt.RoundStatus(args.status),
        "date": date,
        "venue": venue,
        "mode": tpt.Mode(args.mode),
        "host": host,
        "abroad": venue is not None and host is not None and venue.country != host,
    }
    if recorded is None:
        new = tpt.Round(ordinal=ordinal, sources=sources, note=args.note, **fields)
    else:  # what the command does not set (participants, plans, doubts) is kept
        note = args.note if args.note is not None else recorded.note
        new = attrs.evolve(recorded, sources=(*recorded.sources, *sources), note=note, **fields)
    latest = [date.latest] if not new.is_pending else []
    latest += [s.published.latest for s in sources if s.published is not None]
    _save_edit(path, dataset, mechanism.with_round(new), max(latest, default=dataset.as_of))
    return "", 0


def _set_status(args: argparse.Namespace) -> tuple[str, int]:
    path = _editable(args)
    dataset = _load(args)
    mechanism = dataset.mechanism(args.mechanism)
    change = tpt.StatusChange(
        tpt.MechanismStatus(args.status),
        FuzzyDate.from_text(args.date),
        note=args.note,
        sources=_source(args),
    )
    latest = [s.published.latest for s in change.sources if s.published is not None]
    _save_edit(path, dataset, mechanism.with_status(change), max(latest, default=dataset.as_of))
    return "", 0


def _export(args: argparse.Namespace) -> tuple[str, int]:
    text = dumps(_load(args), indent=2)
    if args.output is None:
        return text, 0
    _replace(args.output, text + "\n")
    return "", 0


_HANDLERS: dict[str, Handler] = {
    "next": _next,
    "list": _list,
    "show": _show,
    "backtest": _backtest,
    "risks": _risks,
    "rounds": _rounds,
    "ics": _ics,
    "validate": _validate,
    "schema": _schema,
    "migrate": _migrate,
    "check": _check,
    "evaluate": _evaluate,
    "timeline": _timeline,
    "export": _export,
    "add-round": _add_round,
    "set-status": _set_status,
}


def run(argv: Sequence[str] | None = None) -> tuple[str | bytes, int]:
    """
    Run the command line ``argv``; return what it prints and its exit code.

    Raises:
        Error: The data or the input is wrong.
        SystemExit: The command line is malformed (exit code 2) or asks for help (0).
    """
    args = _parser().parse_args(argv)
    return _HANDLERS[args.command](args)


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
    try:
        if isinstance(output, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.buffer.flush()
        elif output:
            print(output, flush=True)
    except BrokenPipeError:
        # The reader left early (as `| head` does): point stdout at nothing so that the
        # interpreter's last flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, UnicodeEncodeError) as error:
        # A full disk, or an encoding that cannot write the text: say so in one line, and
        # point stdout at nothing so that the last flush at exit does not fail again.
        if isinstance(error, UnicodeEncodeError):
            text = error.object[error.start : error.end]
            reason = f"the output encoding {error.encoding} cannot write {text!r}"
        else:
            reason = error.strerror or str(error)
        print(f"twoplustwo: error: cannot write the output: {reason}", file=sys.stderr)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code
