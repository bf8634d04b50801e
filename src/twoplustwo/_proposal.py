"""
A proposal: a round that an article states, as an edit of the record for a person to review.
"""

from __future__ import annotations

import attrs

from twoplustwo._dates import FuzzyDate
from twoplustwo._model import Mode, Plan, RoundStatus
from twoplustwo._places import City
from twoplustwo._validators import (
    CODE,
    NOTE,
    ORDINAL,
    SLUG,
    Optional,
    Probability,
    TupleOf,
    instance_of,
)
from twoplustwo.exceptions import InvalidModel


@attrs.frozen
class Proposal:
    """
    A round that an article states, proposed as an edit of the record for a person to review.

    Attributes:
        mechanism: The id of the record's dialogue between the two parties, if it has one.
        parties: The two parties' codes, in alphabetical order.
        status: What the article says of the round as of its publication: held, scheduled
            (for a day or a few), proposed (a month, a year, or no date) or postponed.
        ordinal: The round's number, where the article states it.
        date: The date the article states, read against its publication day; None when it
            states none or it cannot be read without that day (the phrase stays in the
            evidence).
        venue: The city it states, where the record knows the city.
        host: The party that hosts, where the article says so or its city lies in a party.
        mode: In person, by video or both, where the article says.
        slipped_from: Earlier dates or places the article says the round moved from.
        evidence: The sentences it rests on, in the article's order.
        confidence: How sure the reading is, from 0 to 1.
    """

    mechanism: str | None = attrs.field(validator=Optional(SLUG))
    parties: tuple[str, ...] = attrs.field(validator=TupleOf(CODE, unique=True))
    status: RoundStatus = attrs.field(validator=instance_of(RoundStatus))
    ordinal: int | None = attrs.field(default=None, validator=Optional(ORDINAL))
    date: FuzzyDate | None = attrs.field(default=None, validator=Optional(instance_of(FuzzyDate)))
    venue: City | None = attrs.field(default=None, validator=Optional(instance_of(City)))
    host: str | None = attrs.field(default=None, validator=Optional(CODE))
    mode: Mode | None = attrs.field(default=None, validator=Optional(instance_of(Mode)))
    slipped_from: tuple[Plan, ...] = attrs.field(default=(), validator=TupleOf(instance_of(Plan)))
    evidence: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(NOTE))
    confidence: float = attrs.field(default=0.5, validator=Probability())

    def __attrs_post_init__(self) -> None:
        if len(self.parties) != 2:
            raise InvalidModel(f"Proposal.parties={self.parties!r} must name two countries")
        if not self.evidence:
            raise InvalidModel("Proposal.evidence is empty: a proposal rests on a sentence")
        if self.host is not None and self.host not in self.parties:
            raise InvalidModel(f"Proposal.host={self.host!r} is not one of its parties")

    def describe(self) -> str:
        """
        Say the proposal in a line: "au-us: scheduled, 28 July 2023, in Brisbane (host AU)".
        """
        name = self.mechanism or "new dialogue " + "-".join(self.parties).lower()
        parts = [f"{name}: {self.status.value}"]
        if self.ordinal is not None:
            parts.append(f"round {self.ordinal}")
        parts.append(self.date.describe() if self.date is not None else "no date stated")
        if self.venue is not None:
            parts.append(f"in {self.venue.name}")
        if self.host is not None:
            parts.append(f"host {self.host}")
        if self.mode is not None:
            parts.append(self.mode.value.replace("_", " "))
        return ", ".join(parts)
