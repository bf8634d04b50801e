"""
The program: the parser made of the commands, and main with its exit codes and signals.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import twoplustwo as tpt
from twoplustwo import Error
from twoplustwo._safe import json_safe, terminal
from twoplustwo.cli._answers import (
    add_backtest,
    add_evaluate,
    add_list,
    add_next,
    add_risks,
    add_show,
)
from twoplustwo.cli._articles import add_extract
from twoplustwo.cli._documents import add_check, add_migrate
from twoplustwo.cli._edits import add_add_round, add_set_status
from twoplustwo.cli._exports import add_export, add_ics, add_rounds, add_schema, add_timeline
from twoplustwo.cli._options import DATA_HELP, Commands, Handler, NotAsked, Parser, said
from twoplustwo.cli._output import Json

COMMANDS: Final[tuple[Callable[[Commands], None], ...]] = (
    add_next,
    add_list,
    add_show,
    add_backtest,
    add_risks,
    add_rounds,
    add_ics,
    add_timeline,
    add_evaluate,
    add_export,
    add_add_round,
    add_set_status,
    add_extract,
    add_check,
    add_migrate,
    add_schema,
)
"""Each command adds itself, its arguments and its handler; in the order help lists them."""

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


def parser(asked: str | None = None) -> argparse.ArgumentParser:
    """
    The ``twoplustwo`` command's parser: its own options, then each command's.

    Args:
        asked: Build only this command (a name or an alias), which is all that parsing a
            command line that runs it needs; every command if None, as help lists them.
    """
    made = (Parser if asked is None else _Trial)(
        prog="twoplustwo",
        description="Where and when do 2+2 ministerial dialogues meet next, and why?",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    made.add_argument("--version", action="version", version=f"twoplustwo {tpt.__version__}")
    made.add_argument("--data", metavar="FILE", type=Path, help=DATA_HELP)
    made.add_argument(
        "--seed",
        action="store_true",
        help="read the snapshot of the 2021-12-24 article the library began from",
    )
    commands = Commands(made.add_subparsers(required=True, metavar="COMMAND"), asked)
    for add in COMMANDS:
        try:
            add(commands)
        except NotAsked:
            continue
    return made


class _Retry(Exception):
    """
    Raised where a parser of one command would report an error: parse with all of them.
    """


class _Trial(Parser):
    """
    A parser of one command, whose errors are left to the whole parser.

    What it cannot parse is parsed again by the whole parser, so that every error, and its
    usage line, is the whole parser's.
    """

    def error(self, message: str) -> typing.NoReturn:
        raise _Retry(message)


def _command_of(argv: Sequence[str]) -> str | None:
    """
    Return the word of ``argv`` in the command's place, or None.

    None unless only the program's own options, written out in full, come before it: help,
    an abbreviation or anything unusual is left to the whole parser.
    """
    words = iter(argv)
    for word in words:
        if word == "--data":
            next(words, None)
        elif word not in {"--seed", "--version"} and not word.startswith("--data="):
            return None if word.startswith("-") else word
    return None


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """
    Parse the command line ``argv`` as the whole parser does, building only its command.

    Should the parser of that one command fail, the whole parser parses the line again and
    reports the error, so the outcome is always the whole parser's; the line's command alone
    is built only to keep a run quick.

    Raises:
        SystemExit: The command line is malformed (exit code 2) or asks for help (0).
    """
    try:
        return parser(_command_of(argv)).parse_args(argv)
    except _Retry:
        return parser().parse_args(argv)


def run(argv: Sequence[str] | None = None) -> tuple[str | bytes, int]:
    """
    Run the command line ``argv``; return what it prints and its exit code.

    ``argv`` is the program's own arguments if None.

    Raises:
        Error: The data or the input is wrong.
        SystemExit: The command line is malformed (exit code 2) or asks for help (0).
    """
    args = parse(sys.argv[1:] if argv is None else argv)
    handler: Handler = args.handler
    return handler(args)


class _Terminated(BaseException):
    """
    Raised by the SIGTERM handler, so that a write in progress cleans up before the exit.
    """


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """
    Entry point of the ``twoplustwo`` console script; returns the exit code.

    Ctrl-C exits 130 and SIGTERM 143, each after removing any temporary file of a write in
    progress, with one line on standard error and no traceback.
    """
    # Only a handler Python knows can be put back (getsignal is None for one set from C).
    handled = threading.current_thread() is threading.main_thread()
    handled = handled and signal.getsignal(signal.SIGTERM) is not None
    previous = signal.signal(signal.SIGTERM, _terminate) if handled else None
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("twoplustwo: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("twoplustwo: terminated", file=sys.stderr)
        return 143
    finally:
        if handled:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
    try:
        output, code = run(argv)
    except Error as error:
        print(f"twoplustwo: error: {said(str(error))}", file=sys.stderr)
        return 1
    except MemoryError:
        print("twoplustwo: error: out of memory", file=sys.stderr)
        return 1
    except OSError as error:  # an I/O failure that no reader or writer turned into an Error
        print(f"twoplustwo: error: {said(str(error.strerror or error))}", file=sys.stderr)
        return 1
    try:
        if isinstance(output, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(output)
            sys.stdout.buffer.flush()
        elif isinstance(output, Json):
            print(json_safe(output), flush=True)
        elif output:
            print(terminal(output), flush=True)
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
