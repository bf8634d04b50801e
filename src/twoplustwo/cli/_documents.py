"""
The commands about data files as documents: check (also validate) and migrate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pendulum

import twoplustwo as tpt
from twoplustwo import Error, check_data, dumps
from twoplustwo._safe import terminal
from twoplustwo._seed import RULES, check_bytes
from twoplustwo.cli._options import OUTPUT_HELP, Commands, load_file, read_input, subcommand
from twoplustwo.cli._output import Json, output


def add_check(commands: Commands) -> None:
    """
    Add ``check``, also called ``validate``: every problem of data files or folders.
    """
    command = subcommand(
        commands,
        "check",
        "check data files or folders with the model's rules and the record's; list every "
        "problem with its JSON path ('validate' is the same command)",
        "twoplustwo check my-data.json src/twoplustwo/seeds/dialogues",
        handler=_check,
        aliases=["validate"],
    )
    command.add_argument(
        "paths",
        metavar="PATH",
        nargs="*",
        type=Path,
        help="a file, a folder with an index.json, or - for standard input (default: --data, "
        "else the embedded record)",
    )
    command.add_argument(
        "--skip",
        metavar="RULE",
        action="append",
        default=[],
        choices=list(RULES),
        help=f"do not apply this record rule (may be repeated): {', '.join(RULES)}",
    )


def _check(args: argparse.Namespace) -> tuple[str, int]:
    paths: list[Path | None] = list(args.paths) or [getattr(args, "data", None)]
    skip = frozenset(args.skip)
    found = [(path, _problems(path, skip)) for path in paths]
    failed = sum(1 for _, problems in found if problems)
    code = 1 if failed else 0
    if args.json:
        report = [{"file": _where(path), "problems": list(problems)} for path, problems in found]
        return Json(json.dumps(report, indent=2, ensure_ascii=False)), code
    lines = []
    for path, problems in found:
        if not problems:
            lines.append(f"{_where(path)}: ok")
            continue
        count = len(problems)
        lines.append(f"{_where(path)}: {count} problem{'s' if count != 1 else ''}")
        lines.extend(f"  - {problem}" for problem in problems)
    if len(paths) > 1:
        lines.append(f"{len(paths) - failed} of {len(paths)} valid.")
    return "\n".join(lines), code


def _where(path: Path | None) -> str:
    return "the embedded record" if path is None else str(path)


def _problems(path: Path | None, skip: frozenset[str]) -> tuple[str, ...]:
    """
    Return every problem of the file or folder at ``path`` (the embedded record if None).
    """
    if path is not None and str(path) == "-":
        data = read_input(path)
        return tuple(check_bytes(data, "-", today=pendulum.today().date(), skip=skip))
    return check_data(path, skip=skip)


def add_migrate(commands: Commands) -> None:
    """
    Add ``migrate``: a dataset file in any format read, written in the current one.
    """
    command = subcommand(
        commands,
        "migrate",
        f"write a dataset file (any format in {', '.join(tpt.READS)}) as {tpt.FORMAT}",
        "twoplustwo migrate old.json -o new.json",
        handler=_migrate,
        data=False,
        json_output=False,
    )
    command.add_argument("file", metavar="FILE", type=Path, help="the document to upgrade")
    where = command.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", metavar="OUT", type=Path, help=OUTPUT_HELP)
    where.add_argument("--in-place", action="store_true", help="replace FILE itself")


def _migrate(args: argparse.Namespace) -> tuple[str | bytes, int]:
    source: Path = args.file
    if args.in_place and str(source) == "-":
        raise Error("--in-place needs a file, not -")
    text = dumps(load_file(source), indent=2) + "\n"
    if args.in_place:
        tpt.edit_file(source, lambda dataset: tpt.Edit(dataset, "", "", ("format",)))
        print(f"Wrote {terminal(str(source))} (as {tpt.FORMAT}).", file=sys.stderr)
        return "", 0
    target: Path | None = args.output
    if target is not None and str(source) != "-" and _same_file(target, source):
        raise Error(f"{target} is the input file; give --in-place to replace it")
    return output(target, text)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except (OSError, ValueError):
        return False
