"""
The heavy fuzzing run: 10,000 mutated documents of each model class through loads.

Skipped unless TWOPLUSTWO_HEAVY=1; CI runs it as its own step
(``TWOPLUSTWO_HEAVY=1 python -m pytest -m heavy -q --no-cov``). Nothing but an object of
the class or a DecodeError may come out.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pytest

import twoplustwo as tpt
from builders import INDIA, US, WASHINGTON
from twoplustwo._json import MODEL_CLASSES

pytestmark = pytest.mark.heavy

DOCUMENTS = 10_000
"""How many mutated documents each class gets."""

HOSTILE: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    10**30,
    1.5,
    1e308,
    "",
    " ",
    "x",
    "\x1b[2J",
    "a\nb",
    "\u202e",
    "\x85",
    "\ud800",
    "k" * 5000,
    "1899-12-31",
    "2200-01-01",
    "1900-01-01",
    "2199-12-31",
    "0000",
    "9999-12-31",
    "2020-02-30",
    "2020-13",
    "2021/2020",
    "held",
    "alternating",
    "IN",
    "ZZ",
    "UTC",
    "https://example.org/\x9b",
    [],
    [[]],
    {},
    {"kind": "cycle"},
    [None, None],
)


@pytest.fixture(scope="module")
def examples(world: tpt.Dataset) -> dict[type, Any]:
    """
    One valid object of each model class: from the shipped record, and a few made here.
    """
    found: dict[type, Any] = {}

    def walk(obj: Any) -> None:
        if type(obj) in MODEL_CLASSES:
            found.setdefault(type(obj), obj)
        if attrs.has(type(obj)):
            for field in attrs.fields(type(obj)):
                walk(getattr(obj, field.name))
        elif isinstance(obj, tuple):
            for item in obj:
                walk(item)

    walk(world)
    # one dialogue: its own keys are fuzzed as the Mechanism's; here the dataset's around it
    found[tpt.Dataset] = attrs.evolve(world, mechanisms=world.mechanisms[:1])
    found[tpt.Alternating] = tpt.Alternating(first_host="IN")
    found[tpt.FixedVenue] = tpt.FixedVenue(venue=WASHINGTON)
    found[tpt.Cycle] = tpt.Cycle(hosts=("IN", "US", "US"))
    found[tpt.BacktestRow] = tpt.BacktestRow(ordinal=3, predicted=INDIA, actual=US, hit=False)
    found[tpt.Forecast] = tpt.next_round(world.mechanisms[0], as_of=world.as_of, context=world)
    (found[tpt.Proposal],) = tpt.extract(
        "India and the US will hold their sixth 2+2 in Washington in the third week of January,"
        " after a round planned for December was put off.",
        published=world.as_of,
        dataset=world,
    )
    return found


def places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """
    Return the path of every value inside a JSON value, itself first.
    """
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += places(item, (*path, index))
    return found


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {**value, head: replaced(value[head], tuple(rest), new)}
    return [replaced(item, tuple(rest), new) if i == head else item for i, item in enumerate(value)]


def mutate(rng: random.Random, document: Any) -> str:  # noqa: C901 - one branch a mutation
    """
    Return ``document`` changed at random in one of several ways, as JSON text.
    """
    path = rng.choice(places(document))
    kind = rng.randrange(9)
    old = document
    for step in path:
        old = old[step]
    if kind == 0:
        document = replaced(document, path, rng.choice(HOSTILE))
    elif kind == 1 and isinstance(old, dict) and old:
        key = rng.choice(list(old))
        document = replaced(document, path, {k: v for k, v in old.items() if k != key})
    elif kind == 2 and isinstance(old, dict):
        document = replaced(document, path, {**old, rng.choice(["x", "kind", "\x1b"]): 1})
    elif kind == 3:
        document = replaced(document, path, [old])
    elif kind == 4 and isinstance(old, list) and old:
        document = replaced(document, path, old + [rng.choice(old)] * rng.randrange(1, 4))
    elif kind == 5 and isinstance(old, str):
        cut = rng.randrange(len(old) + 1)
        document = replaced(document, path, old[:cut] + rng.choice(["\x00", "-", "", "9"]))
    elif kind == 6 and isinstance(old, int) and not isinstance(old, bool):
        document = replaced(document, path, rng.choice([old + 1, old - 1, -old, old * 10**6]))
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
    if kind == 7:
        cut = rng.randrange(len(text) + 1)
        return text[:cut] + rng.choice(["", "}", "]", ",", '"', "[" * 100])
    if kind == 8:
        at = rng.randrange(len(text) + 1)
        return text[:at] + chr(rng.randrange(0x110000)) + text[at:]
    return text


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_mutated_documents_load_or_give_decode_error(
    cls: type[Any], examples: dict[type, Any]
) -> None:
    rng = random.Random(f"heavy {cls.__name__}")  # noqa: S311 - reproducible fuzzing, not secrets
    document = json.loads(tpt.dumps(examples[cls]))
    refused: list[tpt.DecodeError] = []
    for _ in range(DOCUMENTS):
        text = mutate(rng, document)
        try:
            result = tpt.loads(text, cls)
        except tpt.DecodeError as error:
            refused.append(error)
        else:
            assert cls is type(result)
    assert len(refused) > DOCUMENTS // 10
    assert all(error.problems for error in refused)
    assert all(len(str(p)) < 1000 for error in refused for p in error.problems)
