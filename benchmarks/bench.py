"""
Benchmark twoplustwo on its own: JSON, the calculator, the import and the command line.

Run it from the repository root::

    python benchmarks/bench.py             # the full run, about five minutes
    python benchmarks/bench.py --quick     # without the largest sizes, fewer runs

It prints times and the ratios the performance targets are stated in, each with whether it
holds; it asserts nothing. How twoplustwo compares with msgspec, pydantic v2 and a stock
cattrs converter is ``benchmarks/compare.py``. docs/performance.md records a run.

- ``tpt.loads(text, tpt.Dataset, max_size=None)`` and ``tpt.dumps`` of datasets of
  20, 200 and 2,000 mechanisms (20 rounds of 4 ministers each), and the time per
  mechanism; ``loads`` also with the cyclic garbage collector off, to show its share.
- ``tpt.next_round`` and ``tpt.backtest`` of mechanisms of 10, 100 and 1,000 rounds:
  each tenfold step should cost at most 12 times as much (linear, with a fifth to spare).
- ``import twoplustwo`` against ``import attrs, cattrs, pendulum`` (at most 1.2x), and
  ``twoplustwo next in-us`` against ``import twoplustwo`` (at most 1.5x), each in fresh
  interpreters that share one bytecode cache, warmed first; medians of interleaved runs,
  of wall time and of CPU time (which other work on the machine disturbs less).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import importlib.metadata
import itertools
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final

import builder

import twoplustwo as tpt

PACKAGES: Final = ("twoplustwo", "attrs", "cattrs", "pendulum", "pycountry")
MECHANISMS: Final = (20, 200, 2000)
ROUNDS: Final = (10, 100, 1000)


def environment(packages: Sequence[str] = PACKAGES) -> list[str]:
    """
    Describe the machine, the interpreter and the versions of ``packages``.
    """
    versions = []
    for package in packages:
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        (
            f"machine: {platform.system()} {platform.release()} {platform.machine()}, "
            f"{os.cpu_count()} logical CPUs, load average {load}"
        ),
        f"python: {platform.python_implementation()} {platform.python_version()}",
        f"twoplustwo from: {Path(tpt.__file__).parent}",
        "packages: " + ", ".join(versions),
    ]


def median_seconds(action: Callable[[], object], repeats: int, loops: int = 1) -> float:
    """
    Return the median over ``repeats`` samples of the seconds one call of ``action`` takes.

    Each sample runs it ``loops`` times after a full garbage collection, and is divided.
    """
    samples = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        for _ in range(loops):
            action()
        samples.append((time.perf_counter() - start) / loops)
    return statistics.median(samples)


def ratio_line(label: str, ratio: float, *, at_most: float | None = None) -> str:
    """
    Format a ratio, with its target and whether it holds if it has one.
    """
    if at_most is None:
        return f"  {label:<56}{ratio:>7.2f}x"
    verdict = "holds" if ratio <= at_most else "DOES NOT HOLD"
    return f"  {label:<56}{ratio:>7.2f}x  target <= {at_most:g}: {verdict}"


def ms(seconds: float) -> str:
    """
    Format seconds as milliseconds in a column.
    """
    return f"{seconds * 1000:>10.2f} ms"


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """
    Turn the cyclic garbage collector off for the block, to see what it costs.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def bench_json(sizes: Sequence[int], repeats: int) -> None:
    """
    Time loads and dumps of datasets of each size; print times per mechanism.

    loads is also timed with the cyclic garbage collector off, which shows how much of the
    growth per mechanism is the collector's.
    """
    print(f"\nloads and dumps (20 rounds of 4 ministers a mechanism), median of {repeats}:")
    print(
        f"  {'mechanisms':>10}{'MiB':>8}{'loads':>13}{'dumps':>13}{'loads, no GC':>15}"
        f"{'loads+dumps':>20}"
    )
    per: dict[int, tuple[float, float]] = {}
    for size in sizes:
        text = tpt.dumps(builder.dataset(size))
        loops = max(1, max(sizes) // size)  # samples of about the same length at every size
        read = functools.partial(tpt.loads, text, tpt.Dataset, max_size=None)
        loads = median_seconds(read, repeats, loops)
        dumps = median_seconds(functools.partial(tpt.dumps, read()), repeats, loops)
        with collector_off():
            no_gc = median_seconds(read, repeats, loops)
        per[size] = ((loads + dumps) / size, no_gc / size)
        mib = len(text.encode()) / 2**20
        print(
            f"  {size:>10,}{mib:>8.2f}{ms(loads)}{ms(dumps)}  {ms(no_gc)}"
            f"{per[size][0] * 1e6:>9.0f} µs/mechanism"
        )
    small, large = min(sizes), max(sizes)
    growth = f"{large:,} / {small:,} mechanisms"
    print(ratio_line(f"loads+dumps per mechanism: {growth}", per[large][0] / per[small][0]))
    print(ratio_line(f"loads with no GC per mechanism: {growth}", per[large][1] / per[small][1]))


def bench_calculator(sizes: Sequence[int], repeats: int) -> None:
    """
    Time next_round and backtest on mechanisms of each number of rounds; print the growth.
    """
    print(f"\nthe calculator on one mechanism of alternating monthly rounds, median of {repeats}:")
    mechanisms = {size: builder.mechanism(size) for size in sizes}
    calls: dict[str, Callable[[tpt.Mechanism], object]] = {
        "next_round": lambda m: tpt.next_round(m, as_of=builder.AS_OF),
        "backtest": tpt.backtest,
    }
    print(f"  {'rounds':>10}" + "".join(f"{name:>14}" for name in calls))
    found: dict[str, dict[int, float]] = {name: {} for name in calls}
    for size, mechanism in mechanisms.items():
        loops = max(1, max(sizes) // size)
        for name, call in calls.items():
            found[name][size] = median_seconds(functools.partial(call, mechanism), repeats, loops)
        print(f"  {size:>10,}" + "".join(f"{ms(found[name][size]):>14}" for name in calls))
    for name, times in found.items():
        for low, high in itertools.pairwise(sizes):
            bound = 1.2 * high / low
            label = f"{name}: {high:,} rounds / {low:,} rounds"
            print(ratio_line(label, times[high] / times[low], at_most=bound))


def _cli() -> list[str]:
    """
    Return the ``twoplustwo`` command installed next to this interpreter, else ``-m``.
    """
    script = Path(sys.executable).with_name("twoplustwo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "twoplustwo"]


def _wall(argv: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """
    Run a command; return its wall time and its CPU time (user and system), in seconds.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own interpreter and command with fixed arguments
        argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def bench_startup(runs: int) -> None:
    """
    Time the imports and the command line in fresh interpreters; print the ratios.
    """
    python = sys.executable
    bare, peers, ours, cli = (
        "python -c pass",
        "import attrs, cattrs, pendulum",
        "import twoplustwo",
        "twoplustwo next in-us",
    )
    with tempfile.TemporaryDirectory() as cache:
        # Every interpreter reads and writes its bytecode in one fresh cache, as an installed
        # package would: without it, this machine's PYTHONDONTWRITEBYTECODE=1 would make
        # twoplustwo compile its modules from source on every start, and its peers not.
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = cache
        uncached = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        uncached.pop("PYTHONPYCACHEPREFIX", None)
        commands = {
            bare: ([python, "-c", "pass"], cached),
            peers: ([python, "-c", peers], cached),
            ours: ([python, "-c", ours], cached),
            cli: ([*_cli(), "next", "in-us"], cached),
            f"{ours}, no bytecode cache": ([python, "-c", ours], uncached),
        }
        for argv, env in commands.values():  # fill the cache, warm the disk
            _wall(argv, env)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (argv, env) in commands.items():
                samples[name].append(_wall(argv, env))
    for kind, which in (("wall", 0), ("CPU (user + system)", 1)):
        took = {name: statistics.median(t[which] for t in times) for name, times in samples.items()}
        print(f"\n{kind} time, fresh interpreters, median of {runs} interleaved runs:")
        for name, seconds in took.items():
            print(f"  {name:<40}{ms(seconds)}")
        print(ratio_line(f"{ours} / {peers}", took[ours] / took[peers], at_most=1.2))
        print(ratio_line(f"{cli} / {ours}", took[cli] / took[ours], at_most=1.5))
        above = (took[ours] - took[bare]) / (took[peers] - took[bare])
        print(ratio_line("the same less a bare interpreter's start: import", above))


def profile(size: int) -> None:
    """
    Print a pyinstrument profile of one loads of a dataset of ``size`` mechanisms.
    """
    import pyinstrument  # noqa: PLC0415 - only --profile needs it

    text = tpt.dumps(builder.dataset(size))
    profiler = pyinstrument.Profiler(interval=0.0005)
    profiler.start()
    tpt.loads(text, tpt.Dataset, max_size=None)
    profiler.stop()
    print(f"\npyinstrument profile of one loads of {size:,} mechanisms:")
    print(profiler.output_text(unicode=True, color=False))


def main(argv: Sequence[str] | None = None) -> None:
    """
    Run every measurement and print the report.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").strip().splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="leave out the largest sizes; fewer runs"
    )
    parser.add_argument("--repeats", type=int, help="samples of each timing (default 5)")
    parser.add_argument("--runs", type=int, help="runs of each command line (default 21)")
    parser.add_argument("--profile", action="store_true", help="profile one loads as well")
    args = parser.parse_args(argv)
    largest = -1 if args.quick else None
    repeats = args.repeats or (3 if args.quick else 5)
    print("twoplustwo benchmark")
    for line in environment():
        print("  " + line)
    mechanisms = MECHANISMS[:largest]
    bench_json(mechanisms, repeats)
    bench_calculator(ROUNDS[:largest], repeats)
    bench_startup(args.runs or (5 if args.quick else 21))
    if args.profile:
        profile(mechanisms[-1])


if __name__ == "__main__":
    main()
