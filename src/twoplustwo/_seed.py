"""
The embedded data: the record of the world's 2+2 dialogues, and the seed article's snapshot.

The record lives in the package as one ``twoplustwo/2`` Dataset file a mechanism, in
``seeds/dialogues/``, listed by ``index.json`` there; a file may also hold groupings and
sanction risks. The snapshot of the article the library began from is
``seeds/india-2021-12-24.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pendulum

from twoplustwo._json import MAX_SIZE, loads
from twoplustwo._model import Dataset, Fact, Mechanism
from twoplustwo.exceptions import DecodeError, Error

SEED_RESOURCE = "seeds/india-2021-12-24.json"
DIALOGUES = "seeds/dialogues"
INDEX = "index.json"


def load_seed() -> Dataset:
    """
    Load the snapshot of the news article the library began from (as of 2021-12-24).

    Raises:
        Error: The embedded file is missing from the installation.
        DecodeError: The embedded file is damaged.
    """
    try:
        data = resources.files("twoplustwo").joinpath(SEED_RESOURCE).read_bytes()
    except OSError as error:
        raise Error(f"the embedded dataset {SEED_RESOURCE} cannot be read: {error}") from None
    return loads(data, Dataset)


def _folder(folder: Path | None) -> Traversable:
    return resources.files("twoplustwo").joinpath(DIALOGUES) if folder is None else folder


def _read(entry: Traversable) -> bytes:
    try:
        with entry.open("rb") as file:
            return file.read(MAX_SIZE + 1)
    except OSError as error:
        raise Error(f"{entry.name}: cannot read the file: {error.strerror or error}") from None


def index(folder: Path | None = None) -> tuple[str, ...]:
    """
    Return the file names the folder's ``index.json`` lists, in order.

    Raises:
        Error: The index is missing, is not valid JSON, or is not ``{"files": [names]}``.
    """
    text = _read(_folder(folder).joinpath(INDEX))
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise Error(f"{INDEX}: invalid JSON: {error}") from None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list) or not all(_is_name(name) for name in files):
        raise Error(f'{INDEX}: expected {{"files": ["name.json", ...]}} @ $.files')
    return tuple(files)


def _is_name(name: object) -> bool:
    return isinstance(name, str) and name.endswith(".json") and "/" not in name


def load_dataset(folder: Path | None = None) -> Dataset:
    """
    Load the record of the world's 2+2 dialogues: every file the index lists, as one Dataset.

    Its ``as_of`` is the latest of the files' (the date of the latest source read).

    Args:
        folder: A folder of files laid out as the embedded one; the embedded one if not given.

    Raises:
        Error: The index or a file cannot be read, or a file is not a valid Dataset document
            (the message names the file and each problem with its JSON path).
    """
    root = _folder(folder)
    parts = []
    for name in index(folder):
        try:
            parts.append(loads(_read(root.joinpath(name)), Dataset))
        except DecodeError as error:
            raise Error(f"{name}: " + "; ".join(map(str, error.problems))) from None
    return merge(parts)


def merge(parts: Iterable[Dataset]) -> Dataset:
    """
    Return one Dataset of the mechanisms, groupings and risks of all, as of the latest day.

    Raises:
        InvalidModel: Two parts have an id in common.
        Error: There are no parts.
    """
    found = tuple(parts)
    if not found:
        raise Error("there is nothing to merge: the index lists no files")
    return Dataset(
        as_of=max(part.as_of for part in found),
        mechanisms=tuple(m for part in found for m in part.mechanisms),
        groupings=tuple(g for part in found for g in part.groupings),
        sanction_risks=tuple(r for part in found for r in part.sanction_risks),
    )


def check_data(
    folder: Path | None = None, *, today: pendulum.Date | None = None
) -> tuple[str, ...]:
    """
    Check a folder of data files as CI does; return one line a problem, none if all is well.

    Each file loads as a Dataset; the index lists every file, and only files that exist; each
    mechanism is in the file named after its id; every round has a source; no file's
    ``as_of`` is after ``today``; ordinals run without gaps, or the round after a gap marks
    its ordinal uncertain; and no two mechanisms have the same parties and portfolios. Each
    line names the file and the JSON path.

    Args:
        folder: The folder; the embedded one if not given.
        today: The day ``as_of`` may not pass; today if not given.
    """
    root = _folder(folder)
    day = pendulum.today().date() if today is None else today
    try:
        listed = index(folder)
    except Error as error:
        return (str(error),)
    present = {entry.name for entry in root.iterdir() if entry.name.endswith(".json")}
    problems = [
        f"{INDEX}: {name} is not in the folder @ $.files" for name in listed if name not in present
    ]
    problems += [
        f"{INDEX}: {name} is not listed @ $.files" for name in sorted(present - {INDEX, *listed})
    ]
    seen: dict[tuple[object, ...], str] = {}
    for name in (name for name in listed if name in present):
        try:
            data = loads(_read(root.joinpath(name)), Dataset)
        except DecodeError as error:
            problems += [f"{name}: {problem}" for problem in error.problems]
            continue
        except Error as error:
            problems.append(str(error))
            continue
        if data.as_of > day:
            problems.append(
                f"{name}: as_of {data.as_of.isoformat()} is after {day.isoformat()} @ $.as_of"
            )
        for place, mechanism in enumerate(data.mechanisms):
            where = f"$.mechanisms[{place}]"
            problems += [f"{name}: {line}" for line in _check_mechanism(mechanism, where, name)]
            key = (frozenset(mechanism.codes), frozenset(mechanism.portfolios))
            if key in seen:
                same = f"{mechanism.id} has the parties and portfolios of {seen[key]}"
                problems.append(f"{name}: {same} @ {where}")
            seen.setdefault(key, f"{mechanism.id} ({name})")
    return tuple(problems)


def _check_mechanism(mechanism: Mechanism, where: str, name: str) -> list[str]:
    problems = []
    if name != f"{mechanism.id}.json":
        problems.append(f"{mechanism.id} belongs in {mechanism.id}.json @ {where}.id")
    previous = 0
    for index_, current in enumerate(mechanism.rounds):
        at = f"{where}.rounds[{index_}]"
        if not current.sources:
            problems.append(f"round {current.ordinal} has no source @ {at}.sources")
        if current.ordinal != previous + 1 and not current.is_uncertain(Fact.ORDINAL):
            problems.append(
                f"round {current.ordinal} follows round {previous}: mark its ordinal uncertain "
                f"and say why @ {at}.ordinal"
            )
        previous = current.ordinal
    return problems
