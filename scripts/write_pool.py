"""
Write the gaps of the embedded record's dialogues to src/twoplustwo/_pool.py.

Run it after changing the record in src/twoplustwo/seeds/dialogues/:
``python scripts/write_pool.py [PATH]``. ``next`` reads the pool from that module instead of
decoding every dialogue's file; the test suite checks that the committed module is what
``Pool.of(load_dataset())`` gives, so it cannot go stale unnoticed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pendulum

from twoplustwo._learning import Pool
from twoplustwo._seed import load_dataset

TARGET = Path(__file__).resolve().parent.parent / "src" / "twoplustwo" / "_pool.py"
"""Where the package keeps the pool."""

HEAD = '''"""
The gaps of the embedded record's dialogues, worked out ahead (``_seed.record_pool``).

Written by ``python scripts/write_pool.py`` from seeds/dialogues/; do not edit. The test
suite checks it against the record: after changing the record, run the script again.
"""

from pendulum import Date

from twoplustwo._learning import Gap, Pool

POOL = Pool(
'''


def _day(day: pendulum.Date) -> str:
    return f"Date({day.year}, {day.month}, {day.day})"


def render(pool: Pool) -> str:
    """
    Return the module that holds ``pool``, formatted as ruff formats it (ids are slugs).
    """
    lines = [HEAD, f"    {_day(pool.as_of)},\n", "    (\n"]
    lines += [
        f'        Gap("{gap.mechanism}", {gap.days}, {_day(gap.ended)}, {_day(gap.known)}),\n'
        for gap in pool.gaps
    ]
    lines.append("    ),\n)\n")
    return "".join(lines)


def main(argv: Sequence[str] = ()) -> None:
    """
    Write the pool of the embedded record to the path given, or to TARGET.

    Args:
        argv: The command line arguments after the script's name: at most one path.
    """
    target = Path(argv[0]) if argv else TARGET
    target.write_text(render(Pool.of(load_dataset())), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
