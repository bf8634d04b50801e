"""
The command that reads the news: extract, which proposes the rounds an article states.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum

import twoplustwo as tpt
from twoplustwo import Error, FuzzyDate
from twoplustwo._render import text_width
from twoplustwo._safe import terminal
from twoplustwo.cli._edits import editable, edited
from twoplustwo.cli._options import Commands, day, load, read_input, subcommand
from twoplustwo.cli._output import Json

if TYPE_CHECKING:
    from twoplustwo._proposal import Proposal

CONFLICTS = 3
"""The exit status of ``extract --apply`` when a proposal was skipped (the others applied)."""


def add_extract(commands: Commands) -> None:
    """
    Add ``extract``: the rounds an article states, proposed as edits of the record.
    """
    command = subcommand(
        commands,
        "extract",
        "read a news article (text or HTML) and propose the 2+2 rounds it states",
        "twoplustwo extract article.html --published 2021-12-24",
        handler=_extract,
    )
    command.add_argument("article", type=Path, help="the article: a file, or - to read stdin")
    command.add_argument(
        "--published",
        metavar="DATE",
        help="its publication day, YYYY-MM-DD, which 'next month' or 'on Monday' count from",
    )
    command.add_argument(
        "--apply",
        action="store_true",
        help="merge the proposals into the file named by --data (needs --source-url, "
        f"--source-title and --published); exits {CONFLICTS} if one was skipped",
    )
    command.add_argument("--source-url", metavar="URL", help="with --apply: the article's URL")
    command.add_argument("--source-title", metavar="TITLE", help="with --apply: its title")


def _extract(args: argparse.Namespace) -> tuple[str, int]:
    from twoplustwo._html import looks_like_html  # noqa: PLC0415 - only this command reads pages

    published = None if args.published is None else day(args.published, "--published")
    raw = read_input(args.article).decode("utf-8", errors="replace")
    text = tpt.html_text(raw) if looks_like_html(raw) else raw
    if args.apply:
        return _apply(args, text, published)
    proposals = tpt.extract(text, published=published, dataset=load(args))
    if args.json:
        return Json(json.dumps([tpt.converter.unstructure(p) for p in proposals], indent=2)), 0
    if not proposals:
        return "No 2+2 ministerial round found in the article.", 0
    return "\n".join(line for p in proposals for line in _shown(p)), 0


def _shown(proposal: Proposal) -> list[str]:
    """
    A proposal for a person to read: what it says, then its evidence, to the terminal's width.
    """
    width = text_width()
    said = f"- {terminal(proposal.describe())} ({proposal.confidence:.0%} sure)"
    lines = textwrap.wrap(said, width=width, subsequent_indent="  ")
    lines += [f"  slipped from {terminal(plan.describe())}" for plan in proposal.slipped_from]
    quoted = f"\u201c{terminal(' '.join(proposal.evidence))}\u201d"
    return lines + textwrap.wrap(
        quoted, width=width, initial_indent="    ", subsequent_indent="    "
    )


def _apply(args: argparse.Namespace, text: str, published: pendulum.Date | None) -> tuple[str, int]:
    path = editable(args)
    if published is None or args.source_url is None or args.source_title is None:
        raise Error("--apply needs --published, --source-url and --source-title")
    source = tpt.Source(
        args.source_title, published=FuzzyDate.between(published, published), url=args.source_url
    )
    from twoplustwo._news import apply_proposals  # noqa: PLC0415 - only this command merges

    skipped: list[str] = []

    def change(dataset: tpt.Dataset) -> tpt.Edit:
        proposals = tpt.extract(text, published=published, dataset=dataset)
        edit, passed = apply_proposals(dataset, proposals, source)
        skipped[:] = passed
        return edit

    summary, _ = edited(path, change)
    for line in skipped:
        print(f"twoplustwo: skipped: {terminal(line)}", file=sys.stderr)
    return summary, CONFLICTS if skipped else 0
