"""
Benchmark twoplustwo's start-up: the import, and a command, against what they stand on.

Run it from the repository root::

    python benchmarks/startup.py             # 41 interleaved runs of each, about a minute
    python benchmarks/startup.py --runs 101  # steadier on a busy machine

It prints the ratios the start-up targets are stated in, from one run, each with whether it
holds; it asserts nothing. Every command runs in a fresh interpreter; the interpreters share
one bytecode cache, warmed first; the commands take turns (interleaved) and each time is the
median of many runs, so a burst of load on the machine falls on all of them alike.

- ``import twoplustwo`` against ``import attrs, cattrs, pendulum``: at most 1.2x.
- ``twoplustwo next in-us`` against ``import twoplustwo``: at most 1.5x.
- How many of the embedded record's files ``next in-us`` reads (it should be one, however
  many dialogues the record holds), and how many the whole record has.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from importlib import resources

from bench import bench_startup, environment

# Run in a child interpreter: count the files of the record that `next in-us` opens.
_COUNT_READS = """
import sys
from twoplustwo.cli import run

opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
run(["next", "in-us"])
print(sum("seeds/dialogues/" in path and path.endswith(".json") for path in opened))
"""


def record_reads() -> tuple[int, int]:
    """
    Return how many of the record's files ``next in-us`` reads, and how many there are.
    """
    folder = resources.files("twoplustwo").joinpath("seeds", "dialogues")
    files = sum(1 for entry in folder.iterdir() if entry.name.endswith(".json"))
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", _COUNT_READS],
        check=True,
        capture_output=True,
        text=True,
        env=os.environ,
    )
    return int(done.stdout.split()[-1]), files


def main(argv: Sequence[str] | None = None) -> None:
    """
    Time the start-up and print the report.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument("--runs", type=int, default=41, help="runs of each command (41)")
    args = parser.parse_args(argv)
    print("twoplustwo start-up benchmark")
    for line in environment():
        print("  " + line)
    bench_startup(args.runs)
    read, files = record_reads()
    print(f"\n  files of the record `next in-us` reads: {read} of {files} (index.json included)")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"  load average at the end: {load}")


if __name__ == "__main__":
    main()
