"""
What the commands share on the way out: JSON marked as such, and a file or standard output.
"""

from __future__ import annotations

import sys
from pathlib import Path

from twoplustwo._files import write_file
from twoplustwo._safe import terminal


class Json(str):
    """
    Output that is a JSON document: its control characters are escaped the JSON way.
    """

    __slots__ = ()


def output(target: Path | None, content: str | bytes) -> tuple[str | bytes, int]:
    """
    Return ``content`` for standard output (no target, or ``-``), or write it to ``target``.

    Text for standard output is JSON (export, migrate); a calendar or a picture is bytes.
    """
    if target is None or str(target) == "-":
        return (Json(content.rstrip("\n")) if isinstance(content, str) else content), 0
    write_file(target, content)
    print(f"Wrote {terminal(str(target))}.", file=sys.stderr)
    return "", 0
