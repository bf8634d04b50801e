"""
The news reader: the rounds an article states, proposed and merged into the record.

``extract`` proposes them; ``apply_proposals`` merges them through the editing functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from twoplustwo._editing import Edit, edit_round
from twoplustwo._extract import propose
from twoplustwo._model import Dataset, Mechanism, Source
from twoplustwo._proposal import Proposal
from twoplustwo._seed import load_dataset
from twoplustwo.exceptions import Error

MAX_TEXT: Final = 16 * 1024 * 1024
"""The longest text, in characters, that :func:`extract` reads."""


def extract(
    text: str, *, published: dt.date | None = None, dataset: Dataset | None = None
) -> tuple[Proposal, ...]:
    """
    Propose the 2+2 ministerial rounds that an article's plain text states.

    A pure function of its arguments: nothing is read but ``dataset`` (or the embedded
    record) and nothing is written. Each proposal rests on sentences of the text, kept as its
    evidence; meetings that are not ministerial rounds (officials', vice-ministers',
    intersessional meetings, phone calls) are not proposed.

    Args:
        text: The article's text (:func:`html_text` gives a page's).
        published: The day it was published, to read "next month" or "on Monday" against;
            without it such a phrase leaves the date unstated, and the proposal less sure.
        dataset: The record whose dialogues, names and cities are matched; the embedded one
            if not given.

    Raises:
        Error: ``text`` is not text, or longer than ``MAX_TEXT`` characters.
    """
    if not isinstance(text, str):
        raise Error(f"extract reads text (a str), not {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise Error(f"the article is {len(text):,} characters, over the limit of {MAX_TEXT:,}")
    return propose(text, load_dataset() if dataset is None else dataset, published)


def apply_proposals(
    dataset: Dataset,
    proposals: Sequence[Proposal],
    source: Source,
    *,
    today: dt.date | None = None,
) -> tuple[Edit, tuple[str, ...]]:
    """
    Merge proposals into ``dataset`` field by field, each through :func:`edit_round`.

    The article is added as a source of each round a proposal touches. A proposal without an
    ordinal updates the dialogue's pending round when their dates agree, or a held round on
    the same dates; else it adds the next round. A proposal that an edit refuses (one that
    contradicts a held round's date, city or host, or a new round with no date) is skipped,
    and said why; a proposal for a dialogue not in the record is skipped too.

    Args:
        dataset: The record to edit.
        proposals: What :func:`extract` proposed.
        source: The article, with its publication day.
        today: The day of the edit; today if not given.

    Returns:
        One edit of all that applied, and a sentence for each proposal skipped.

    Raises:
        Error: ``source`` has no publication day, which says when the news became known.
    """
    if source.published is None:
        raise Error("the article needs its publication day to be applied as a source")
    done: list[Edit] = []
    skipped: list[str] = []
    for proposal in proposals:
        if proposal.mechanism is None or all(
            m.id != proposal.mechanism for m in dataset.mechanisms
        ):
            skipped.append(
                f"{proposal.describe()}: not a dialogue of the record, only a suggestion"
            )
            continue
        found = dataset.mechanism(proposal.mechanism)
        try:
            edit = edit_round(
                dataset,
                found.id,
                _ordinal_for(found, proposal),
                status=proposal.status,
                date=proposal.date,
                venue=proposal.venue,
                host=proposal.host,
                mode=proposal.mode,
                sources=(source,),
                today=today,
            )
        except Error as error:
            skipped.append(f"{proposal.describe()}: {error}")
            continue
        dataset = edit.dataset
        done.append(edit)
    summary = " ".join(edit.summary for edit in done) or "Nothing applied."
    changes = tuple(change for edit in done for change in edit.changes)
    ids = ", ".join(dict.fromkeys(edit.mechanism for edit in done))
    return Edit(dataset, ids, summary, changes), tuple(skipped)


def _ordinal_for(mechanism: Mechanism, proposal: Proposal) -> int | None:
    """
    The round a proposal is about: its own ordinal, a round on the same dates, or a new one.
    """
    if proposal.ordinal is not None:
        return proposal.ordinal
    pending = mechanism.pending
    date = proposal.date
    if pending is not None and (date is None or pending.date.overlaps(date)):
        return pending.ordinal
    if date is not None:
        same = next((r for r in mechanism.held if r.date.overlaps(date)), None)
        if same is not None:
            return same.ordinal
    return None
