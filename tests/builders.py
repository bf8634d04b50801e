"""
Small, readable model objects for example-based tests: two capitals, and builders for
rounds and mechanisms with everything not under test filled in; and the problems loads
reports for a document it refuses.
"""

from __future__ import annotations

from typing import Any

import pytest

import twoplustwo as tpt

F = tpt.FuzzyDate
HELD = tpt.RoundStatus.HELD

DELHI = tpt.City("New Delhi", "IN", "Asia/Kolkata")
WASHINGTON = tpt.City("Washington", "US", "America/New_York")
MUMBAI = tpt.City("Mumbai", "IN", "Asia/Kolkata")
INDIA = tpt.Country("IN", "India", DELHI)
US = tpt.Country("US", "United States", WASHINGTON)
JAPAN = tpt.Country("JP", "Japan", tpt.City("Tokyo", "JP", "Asia/Tokyo"))


def held(ordinal: int, date: str, venue: tpt.City | None = None, **kw: Any) -> tpt.Round:
    """
    A held round on an EDTF date such as "2019-12".
    """
    return tpt.Round(ordinal, HELD, F.parse(date), venue, **kw)


def mechanism(*rounds: tpt.Round, **kw: Any) -> tpt.Mechanism:
    """
    An alternating India-US mechanism with these rounds; keywords replace any other field.
    """
    fields: dict[str, Any] = {
        "id": "in-us",
        "name": "India-US 2+2",
        "parties": (INDIA, US),
        "rotation": tpt.Alternating(),
    }
    fields.update(kw)
    return tpt.Mechanism(rounds=rounds, **fields)


def city(place: tpt.City | None) -> tpt.City:
    """
    The city, which the test knows is there (a venue_for or forecast venue can be None).
    """
    assert place is not None
    return place


def problems(data: Any, cls: type[Any] = tpt.Dataset, **kw: Any) -> tuple[tpt.Problem, ...]:
    """
    The problems loads reports for ``data`` as a ``cls``, which it must refuse with some.
    """
    with pytest.raises(tpt.DecodeError) as info:
        tpt.loads(data, cls, **kw)
    assert info.value.problems
    return info.value.problems


def problem_texts(data: Any, cls: type[Any] = tpt.Dataset, **kw: Any) -> tuple[str, ...]:
    """
    The problems loads reports for ``data`` as a ``cls``, as text.
    """
    return tuple(str(p) for p in problems(data, cls, **kw))
