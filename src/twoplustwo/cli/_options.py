"""
What the commands share on the way in: the parser, the options many take, and their reading.
"""

from __future__ import annotations

import argparse
import sys
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeAlias

import attrs
import pendulum

import twoplustwo as tpt
from twoplustwo import Dataset, DecodeError, Error, FuzzyDate, Mechanism, load_dataset, load_seed
from twoplustwo._files import read_bytes
from twoplustwo._learning import Pool
from twoplustwo._safe import terminal
from twoplustwo._seed import is_folder, load_dialogue
from twoplustwo._validators import country_codes, show

MAX_SAID: Final = 1_000
"""The longest message the command prints on standard error, in characters."""

DATA_HELP: Final = (
    "read this twoplustwo JSON document (- for standard input, or a folder of them with an "
    "index.json) instead of the embedded record"
)
_JSON_HELP = "print JSON instead of text"
MECHANISM: Final[dict[str, Any]] = {
    "metavar": "MECHANISM",
    "type": str.lower,
    "help": "a dialogue: its id, such as in-us or us-in, or a name such as AUSMIN (any case)",
}
AS_OF_HELP: Final = (
    "answer with the record as it was known on this day, YYYY-MM-DD (default: today, with "
    "the whole record)"
)
OUTPUT_HELP: Final = "write here (a file, a device such as /dev/null, or - for standard output)"

Handler: TypeAlias = Callable[[argparse.Namespace], "tuple[str | bytes, int]"]
"""A command's work: from its parsed arguments to what it prints and its exit code."""


class Parser(argparse.ArgumentParser):
    """
    An argument parser whose usage errors are cut short and shown, never obeyed.
    """

    def error(self, message: str) -> typing.NoReturn:
        """
        Print the usage and the error on standard error, and exit with status 2.
        """
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {said(message)}\n")


class NotAsked(Exception):
    """
    Raised by ``subcommand`` for a command the command line does not run: add nothing more.
    """


@attrs.frozen
class Commands:
    """
    Where a command adds itself: the parser's subcommands, and the one command to add.

    Attributes:
        action: The parser's subcommands.
        asked: The only command to add, by its name or an alias; every command if None.
    """

    action: argparse._SubParsersAction[Parser]
    asked: str | None = None


def said(message: str) -> str:
    """
    A message for standard error: on one line, at most MAX_SAID characters, nothing unprintable.
    """
    flat = " ".join(message.split())
    cut = flat if len(flat) <= MAX_SAID else flat[: MAX_SAID - 1] + "…"
    return terminal(cut)


def subcommand(  # noqa: PLR0913 - four of them are keyword-only options
    commands: Commands,
    name: str,
    summary: str,
    example: str,
    *,
    handler: Handler,
    data: bool = True,
    json_output: bool = True,
    aliases: Sequence[str] = (),
) -> argparse.ArgumentParser:
    """
    Add a command run by ``handler`` whose help ends with an example; with --data and --json.

    Args:
        commands: The parser's subcommands.
        name: What the command is called.
        summary: What it does, in a phrase starting in lower case.
        example: One command line that uses it.
        handler: The function that does its work.
        data: Whether it takes --data after its name too.
        json_output: Whether it takes --json.
        aliases: Other names it answers to.

    Returns:
        The command's parser, to add its own arguments to.

    Raises:
        NotAsked: ``commands`` is for another command only; the caller adds nothing more.
    """
    if commands.asked is not None and commands.asked not in (name, *aliases):
        raise NotAsked
    command: argparse.ArgumentParser = commands.action.add_parser(
        name,
        aliases=list(aliases),
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(handler=handler)
    if data:
        # Also after the subcommand; SUPPRESS keeps a --data given before it.
        command.add_argument(
            "--data", metavar="FILE", type=Path, default=argparse.SUPPRESS, help=DATA_HELP
        )
    if json_output:
        command.add_argument("--json", action="store_true", help=_JSON_HELP)
    return command


def read_input(path: Path) -> bytes:
    """
    Read a document through the library's reader; ``-`` is standard input.

    Raises:
        Error: The file cannot be read, or is not a regular file.
    """
    if str(path) == "-":
        return sys.stdin.buffer.read(tpt.MAX_SIZE + 1)
    return read_bytes(path)


def load(args: argparse.Namespace) -> Dataset:
    """
    Load what the command line names: ``--data`` (a file or folder), ``--seed``, or the record.

    With ``--as-of``, the record as it was known on that day.
    """
    path: Path | None = args.data
    if path is None:
        dataset = load_seed() if args.seed else load_dataset()
    elif str(path) != "-" and is_folder(path):
        dataset = load_dataset(path)
    else:
        dataset = load_file(path)
    known = as_of(args)
    return dataset if known is None else dataset.known_on(known)


def load_file(path: Path) -> Dataset:
    """
    Load the one document at ``path`` (``-`` for standard input).

    Raises:
        Error: It cannot be read or is not a valid dataset; every problem is named.
    """
    data = read_input(path)
    try:
        return tpt.loads(data, Dataset)
    except DecodeError as error:
        raise Error(f"{path}: " + "; ".join(str(p) for p in error.problems)) from None


def as_of(args: argparse.Namespace) -> pendulum.Date | None:
    """
    The day ``--as-of`` gives, if the command takes it and it is given.
    """
    text: str | None = getattr(args, "as_of", None)
    return None if text is None else day(text, "--as-of")


def mechanism(args: argparse.Namespace, dataset: Dataset) -> Mechanism:
    """
    Return the mechanism the command names; rolled back, one not yet on record is an error.
    """
    try:
        return dataset.mechanism(args.mechanism)
    except tpt.UnknownMechanism:
        rolled_back = as_of(args)
        if rolled_back is None:
            raise
        whole = load(argparse.Namespace(**{**vars(args), "as_of": None}))
        found = whole.mechanism(args.mechanism)
        raise Error(
            f"{found.id} has nothing on record as of {rolled_back.isoformat()}: its first round "
            "came later"
        ) from None


def load_mechanism(args: argparse.Namespace) -> tuple[Mechanism, Pool]:
    """
    Return the mechanism the command names, and the gaps of the data it is in (its ``Pool``).

    The same as ``mechanism(args, load(args))`` and the Pool of what ``load`` reads; but from
    the embedded record, named by its id, only the mechanism's own file is read.
    """
    known = as_of(args)
    if args.data is None and not args.seed:
        found, pool = load_dialogue(args.mechanism)
        if known is None or known >= pool.as_of:
            return found, pool  # Dataset.known_on leaves the record as it is
        rolled = found.known_on(known)
        if rolled is not None:
            return rolled, pool.known_on(known)
    dataset = load(args)
    return mechanism(args, dataset), Pool.of(dataset)


def day(text: str, option: str) -> pendulum.Date:
    """
    The single day an option gives as YYYY-MM-DD.

    Raises:
        Error: It is not a single day.
    """
    date = FuzzyDate.parse(text)
    if not date.is_exact:
        raise Error(f"{option} {show(text)} must be a single day, YYYY-MM-DD")
    return date.earliest


_CODE_HINTS = {"UK": "GB", "EN": "GB", "KO": "KR", "JA": "JP"}


def country(text: str) -> str:
    """
    Return ``text`` as an ISO 3166-1 alpha-2 code, whatever its case.

    Raises:
        Error: It names no country; the message suggests the code meant, where it can.
    """
    code = text.strip().upper()
    if code not in country_codes():
        hint = _CODE_HINTS.get(code)
        meant = f"; did you mean {hint}?" if hint else ""
        raise Error(f"{show(text)} is not an ISO 3166-1 alpha-2 country code{meant}")
    return code
