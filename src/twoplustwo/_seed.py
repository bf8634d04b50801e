"""
The embedded data: the record of the world's 2+2 dialogues, and the seed article's snapshot.

The record lives in the package as one ``twoplustwo/2`` Dataset file a mechanism, in
``seeds/dialogues/``, listed by ``index.json`` there; a file may also hold groupings and
sanction risks. The snapshot of the article the library began from is
``seeds/india-2021-12-24.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

import pendulum

from twoplustwo._dates import to_date
from twoplustwo._files import read_bytes
from twoplustwo._json import MAX_SIZE, loads
from twoplustwo._learning import Pool
from twoplustwo._model import Dataset, Fact, Mechanism, Source, ids_for
from twoplustwo._pool import POOL
from twoplustwo._validators import show
from twoplustwo.exceptions import DecodeError, Error

SEED_RESOURCE = "seeds/india-2021-12-24.json"
DIALOGUES = "seeds/dialogues"
INDEX = "index.json"
MAX_NAME: Final = 255
"""The longest file name an index may list, in bytes: the limit of common file systems."""


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
    """
    Read a file of a folder: one of the user's through the guarded reader, or package data.
    """
    if isinstance(entry, Path):
        return read_bytes(entry)
    try:
        with entry.open("rb") as file:
            return file.read(MAX_SIZE + 1)
    except OSError as error:
        raise Error(f"{entry.name}: cannot read the file: {error.strerror or error}") from None


def index(folder: Path | None = None) -> tuple[str, ...]:
    """
    Return the file names the folder's ``index.json`` lists, in order.

    Raises:
        Error: The index is missing, is not valid JSON, is not ``{"files": [names]}``, or
            names a file twice or by a name that is not a plain ``NAME.json``.
    """
    text = _read(_folder(folder).joinpath(INDEX))
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise Error(f"{INDEX}: invalid JSON: {show(str(error))}") from None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list) or not all(_is_name(name) for name in files):
        raise Error(
            f'{INDEX}: expected {{"files": ["name.json", ...]}}, plain file names of at most '
            f"{MAX_NAME} bytes @ $.files"
        )
    seen: set[str] = set()
    for place, name in enumerate(files):
        if name in seen:
            raise Error(f"{INDEX}: {show(name)} is listed twice @ $.files[{place}]")
        seen.add(name)
    return tuple(files)


def _is_name(name: object) -> bool:
    return (
        isinstance(name, str)
        and name.endswith(".json")
        and name != INDEX
        and not name.startswith(".")
        and not any(c in name for c in "/\\\0")
        and len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME
    )


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
    return merge(_load_part(root, name) for name in index(folder))


def _load_part(root: Traversable, name: str) -> Dataset:
    """
    Load the file ``name`` of a folder as a Dataset; the error names the file.
    """
    try:
        return loads(_read(root.joinpath(name)), Dataset)
    except DecodeError as error:
        raise Error(f"{name}: " + "; ".join(map(str, error.problems))) from None


def record_pool() -> Pool:
    """
    Return the gaps of every dialogue of the embedded record, and its ``as_of``.

    It is ``Pool.of(load_dataset())``, worked out ahead (``scripts/write_pool.py``), so that a
    forecast of one dialogue need not decode every file; a test checks it against the record.
    """
    return POOL


def load_dialogue(name: str) -> tuple[Mechanism, Pool]:
    """
    Return the embedded record's dialogue called ``name``, and the record's gaps.

    The same as ``load_dataset().mechanism(name)`` and ``Pool.of(load_dataset())``, but when
    ``name`` is a dialogue's id (in any case, either way round: see ``Dataset.mechanism``),
    only that dialogue's file is read, however many dialogues the record holds.

    Raises:
        UnknownMechanism: No dialogue goes by that name.
        Error: A file that is needed cannot be read, or is not a valid Dataset document.
    """
    ids = ids_for(name)
    named = next((file for file in index() if file.removesuffix(".json") in ids), None)
    if named is not None:
        part = _load_part(_folder(None), named)
        found = next((m for m in part.mechanisms if f"{m.id}.json" == named), None)
        if found is not None:
            return found, record_pool()
    dataset = load_dataset()
    return dataset.mechanism(name), Pool.of(dataset)


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


RULES: Final = {
    "sources": "every round cites at least one source",
    "future": (
        "the data's as_of, and so everything in it, is not after today, and neither is a "
        "dialogue's checked day"
    ),
    "ordinals": (
        "ordinals run without gaps, or the round after a gap marks its ordinal uncertain or counted"
    ),
    "checked": (
        "no source of a dialogue was published or read after its checked day, and in a "
        "folder (a record) every dialogue has one"
    ),
    "duplicates": "no two mechanisms have the same parties and portfolios",
    "files": (
        "in a folder: index.json lists every .json file there and only those, and each "
        "mechanism is in the file named after its id"
    ),
}
"""The record's rules that :func:`check_data` applies beyond the model's own, by name."""


def check_data(
    path: str | os.PathLike[str] | None = None,
    *,
    today: dt.date | None = None,
    skip: Iterable[str] = (),
) -> tuple[str, ...]:
    """
    Check a data file or folder with the model's rules and the record's; list every problem.

    A file is read as a Dataset document; a folder as the embedded one is laid out (an
    ``index.json`` and the files it lists). Every decoding problem is listed with its JSON
    path, and then, for each document that decodes, the record's rules not skipped
    (``twoplustwo._seed.RULES``). Each line names the file and the JSON path.

    Args:
        path: A file or a folder; the embedded record if not given.
        today: The day nothing may be dated after; today if not given.
        skip: Names of record rules not to apply (keys of ``twoplustwo._seed.RULES``).

    Raises:
        Error: ``skip`` names a rule there is not.
    """
    skipped = frozenset(skip)
    unknown = sorted(skipped - RULES.keys())
    if unknown:
        raise Error(f"no rule named {show(unknown[0])}; the rules are {', '.join(RULES)}")
    day = pendulum.today().date() if today is None else to_date(today)
    if path is not None and not is_folder(Path(path)):
        name = Path(path).name
        try:
            data = read_bytes(path)
        except Error as error:
            return (str(error),)
        return tuple(check_bytes(data, name, today=day, skip=skipped))
    return _check_folder(None if path is None else Path(path), day, skipped)


def is_folder(path: Path) -> bool:
    """
    Return whether ``path`` is a folder (following symlinks); False if it cannot be looked at.
    """
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False  # the reader says what is wrong with it


def check_bytes(
    data: bytes, name: str, *, today: dt.date, skip: frozenset[str] = frozenset()
) -> list[str]:
    """
    Check one document's bytes as :func:`check_data` checks a file named ``name``.
    """
    return _check_document(data, name, to_date(today), skip, {}, in_folder=False)


def _check_folder(folder: Path | None, day: pendulum.Date, skip: frozenset[str]) -> tuple[str, ...]:
    root = _folder(folder)
    try:
        listed = index(folder)
        present = {entry.name for entry in root.iterdir() if entry.name.endswith(".json")}
    except Error as error:
        return (str(error),)
    except OSError as error:
        return (f"cannot read the folder: {error.strerror or error}",)
    problems = []
    if "files" not in skip:
        problems += [
            f"{INDEX}: {name} is not in the folder @ $.files"
            for name in listed
            if name not in present
        ]
        problems += [
            f"{INDEX}: {name} is not listed @ $.files"
            for name in sorted(present - {INDEX, *listed})
        ]
    seen: dict[tuple[object, ...], str] = {}
    for name in (name for name in listed if name in present):
        try:
            data = _read(root.joinpath(name))
        except Error as error:
            problems.append(f"{name}: {error}")
            continue
        problems += _check_document(data, name, day, skip, seen, in_folder=True)
    return tuple(problems)


def _check_document(  # noqa: PLR0913 - the document, and what it is checked with
    data: bytes,
    name: str,
    day: pendulum.Date,
    skip: frozenset[str],
    seen: dict[tuple[object, ...], str],
    *,
    in_folder: bool,
) -> list[str]:
    prefix = f"{name}: " if in_folder else ""
    try:
        dataset = loads(data, Dataset)
    except DecodeError as error:
        return [f"{prefix}{problem}" for problem in error.problems]
    problems = []
    if "future" not in skip and dataset.as_of > day:
        late = f"as_of {dataset.as_of.isoformat()} is after {day.isoformat()}"
        problems.append(f"{prefix}{late} @ $.as_of")
    for place, mechanism in enumerate(dataset.mechanisms):
        where = f"$.mechanisms[{place}]"
        if in_folder and "files" not in skip and name != f"{mechanism.id}.json":
            problems.append(f"{prefix}{mechanism.id} belongs in {mechanism.id}.json @ {where}.id")
        lines = _check_mechanism(mechanism, where, skip, day, in_folder=in_folder)
        problems += [f"{prefix}{line}" for line in lines]
        key = (frozenset(mechanism.codes), frozenset(mechanism.portfolios))
        if "duplicates" not in skip and key in seen:
            same = f"{mechanism.id} has the parties and portfolios of {seen[key]}"
            problems.append(f"{prefix}{same} @ {where}")
        seen.setdefault(key, f"{mechanism.id} ({name})")
    return problems


def _check_mechanism(
    mechanism: Mechanism, where: str, skip: frozenset[str], day: pendulum.Date, *, in_folder: bool
) -> list[str]:
    problems = []
    previous = 0
    for index_, current in enumerate(mechanism.rounds):
        at = f"{where}.rounds[{index_}]"
        if "sources" not in skip and not current.sources:
            problems.append(f"round {current.ordinal} has no source @ {at}.sources")
        if (
            "ordinals" not in skip
            and current.ordinal != previous + 1
            and not current.counted
            and not current.is_uncertain(Fact.ORDINAL)
        ):
            problems.append(
                f"round {current.ordinal} follows round {previous}: mark its ordinal uncertain "
                f"or counted and say why @ {at}.ordinal"
            )
        previous = current.ordinal
    checked = mechanism.checked
    if "future" not in skip and checked is not None and checked > day:
        late = f"{mechanism.id} is checked on {checked.isoformat()}, after {day.isoformat()}"
        problems.append(f"{late} @ {where}.checked")
    if "checked" not in skip:
        problems += _check_checked(mechanism, where, required=in_folder)
    return problems


def _check_checked(mechanism: Mechanism, where: str, *, required: bool) -> list[str]:
    """
    The checked rule: no source published or read after the checked day.

    A dialogue of a record (``required``) must also have a checked day.
    """
    checked = mechanism.checked
    if checked is None:
        if not required:
            return []
        missing = f"{mechanism.id} has no checked day: say when it was last checked against"
        return [f"{missing} the news @ {where}.checked"]
    problems = []
    for path, source in _sources(mechanism, where):
        for key, date in (("published", source.published), ("accessed", source.accessed)):
            if date is not None and date.latest > checked:
                problems.append(
                    f"{mechanism.id}: a source ({show(source.title)}) is {key} up to "
                    f"{date.latest.isoformat()}, after the checked day {checked.isoformat()} "
                    f"@ {path}.{key}"
                )
    return problems


def _sources(mechanism: Mechanism, where: str) -> Iterator[tuple[str, Source]]:
    """
    Yield each source of the mechanism with its JSON path.
    """
    for place, source in enumerate(mechanism.sources):
        yield f"{where}.sources[{place}]", source
    for k, change in enumerate(mechanism.status_changes):
        for place, source in enumerate(change.sources):
            yield f"{where}.status_changes[{k}].sources[{place}]", source
    for k, current in enumerate(mechanism.rounds):
        for place, source in enumerate(current.sources):
            yield f"{where}.rounds[{k}].sources[{place}]", source
