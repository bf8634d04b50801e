"""
Write the JSON Schema of a Dataset document to docs/schema/dataset.schema.json.

Run it after changing the model: ``python scripts/write_schema.py [PATH]``. The test suite
checks that the committed file is what ``twoplustwo.json_schema()`` gives.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import twoplustwo as tpt

TARGET = Path(__file__).resolve().parent.parent / "docs" / "schema" / "dataset.schema.json"
"""Where the schema is published."""


def render() -> str:
    """
    Return the schema of a Dataset document as the published file holds it.
    """
    return json.dumps(tpt.json_schema(), indent=2) + "\n"


def main(argv: Sequence[str] = ()) -> None:
    """
    Write the schema to the path given, or to TARGET.

    Args:
        argv: The command line arguments after the script's name: at most one path.
    """
    target = Path(argv[0]) if argv else TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
