"""
Coverage-guided fuzzing of twoplustwo.loads with atheris, for runs longer than CI allows.

Every input must either decode to an object that survives a JSON round trip or raise
DecodeError; anything else (another exception, a crash, a hang) is a finding. Run::

    python -m pip install atheris
    python fuzz/atheris_loads.py -max_total_time=600 fuzz/corpus

The corpus folder is created if missing and seeded with the embedded dataset.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris  # type: ignore[import-not-found] # a fuzzing tool, installed only to fuzz

with atheris.instrument_imports():
    import twoplustwo as tpt

CLASSES = (tpt.Dataset, tpt.Mechanism, tpt.Round, tpt.Minister, tpt.FuzzyDate, tpt.City)


def test_one_input(data: bytes) -> None:
    """
    Decode ``data`` as one of the model classes, chosen by its first byte.
    """
    if not data:
        return
    cls = CLASSES[data[0] % len(CLASSES)]
    try:
        result = tpt.loads(data[1:], cls)
    except tpt.DecodeError:
        return
    if tpt.loads(tpt.dumps(result), cls) != result:
        raise AssertionError(f"round trip changed a {cls.__name__}")


def main() -> None:
    """
    Seed the corpus folders named on the command line and start atheris.
    """
    seed = b"\x00" + tpt.dumps(tpt.load_seed()).encode()
    for folder in (Path(arg) for arg in sys.argv[1:] if not arg.startswith("-")):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "seed.json").write_bytes(seed)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
