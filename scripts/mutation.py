"""
Measure the mutation score of the dates, calculator and JSON modules with mutmut.

Run from anywhere, in the project's environment (``pip install -e '.[mutation,test]'``)::

    python scripts/mutation.py [--keep] [--jobs N]

The script copies the working tree (src/, tests/, pyproject.toml) into a temporary
directory, writes the mutmut configuration into the copy's pyproject.toml, and runs
``mutmut run`` there with the fast hypothesis profile ``mutation`` and without coverage,
so the repository itself is never touched. mutmut forks every mutant from one process
that has already imported the package, so a mutant in code that runs once per process
(the cattrs hook factories of ``_json.py``, which build the converter once per process)
is never active there; every mutant mutmut reports as
surviving is therefore tried again in a fresh interpreter against all the selected test
modules.

It prints the mutants per module, the surviving ones, and the score: killed / total, and
killed / (total - equivalent), where the equivalent mutants are those listed in
``EQUIVALENT`` below (their diffs and reasons are in docs/mutation.md). It exits with
status 1 when that score is below ``THRESHOLD``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "src/twoplustwo/_dates.py",
    "src/twoplustwo/_rotation.py",
    "src/twoplustwo/_json.py",
    "src/twoplustwo/_validators.py",
)
TESTS = (
    "tests/test_json.py",
    "tests/test_reliability.py",
    "tests/test_dates.py",
    "tests/test_rotation.py",
    "tests/test_model.py",
    "tests/test_seed.py",
    "tests/test_cli.py",
)
THRESHOLD = 90.0
RECHECK_TIMEOUT = 300
FRESH = "killed fresh"
"""The status of a mutant mutmut let survive that a fresh interpreter's test run killed."""

EQUIVALENT: dict[str, str] = {
    "twoplustwo._dates.xǁFuzzyDateǁyear__mutmut_19": (
        "the text of the 31 December check is never shown: 1 January of the same year is"
        " checked first and fails first"
    ),
    "twoplustwo._rotation.x__host_for__mutmut_20": (
        "this branch runs for alternation only, and _next_host reads the ordinal only for a cycle"
    ),
    "twoplustwo._rotation.x__host_for__mutmut_29": "a - b and a + b have the same parity",
    "twoplustwo._rotation.x_venue_for__mutmut_9": (
        "replaying round N too and then running the alternation one step back to N gives N the"
        " host its replay gave it; a cycle or fixed venue ignores the ledger"
    ),
    "twoplustwo._converter.x__attrs_hook__mutmut_12": (
        "the function cattrs generates for an attrs class ignores its second argument"
    ),
    "twoplustwo._converter.x__attrs_hook__mutmut_14": "as __attrs_hook__mutmut_12",
    "twoplustwo._converter.x__enum_hook__mutmut_8": "_structure_str ignores its second argument",
    "twoplustwo._converter.x__register_dataset__mutmut_30": (
        "the structure function _attrs_hook returns ignores its second argument"
    ),
    "twoplustwo._converter.x__register_dataset__mutmut_57": "as __register_dataset__mutmut_30",
    "twoplustwo._converter.x__tagged_hook__mutmut_28": "as __register_dataset__mutmut_30",
    "twoplustwo._converter.x__register_dataset__mutmut_63": "as __field_error__mutmut_18",
    "twoplustwo._converter.x__register_dataset__mutmut_72": (
        "given only the hook, cattrs takes the class from the hook's annotation: the same class"
    ),
    "twoplustwo._converter.x__register_dataset__mutmut_76": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_10": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_14": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_18": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_22": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_53": "as __register_dataset__mutmut_72",
    "twoplustwo._converter.x_make_converter__mutmut_5": (
        "detailed_validation=True is the default of cattrs.Converter"
    ),
    "twoplustwo._converter.x__register_rotations__mutmut_54": (
        "without the hook for the Rotation union, cattrs unstructures a union by the value's"
        " own class, whose hook is unstructure_rotation too (a predicate that raises never"
        " matches)"
    ),
    "twoplustwo._converter.x__register_rotations__mutmut_58": "as __register_rotations__mutmut_54",
    "twoplustwo._converter.x__field_error__mutmut_2": (
        "every problem passed to _field_error is a fresh _Problem, which has no notes to keep"
    ),
    "twoplustwo._converter.x__field_error__mutmut_8": "as __field_error__mutmut_2",
    "twoplustwo._converter.x__field_error__mutmut_9": "as __field_error__mutmut_2",
    "twoplustwo._converter.x__field_error__mutmut_12": (
        "cattrs.transform_error passes a note's type only to _describe, which ignores it"
    ),
    "twoplustwo._converter.x__field_error__mutmut_18": (
        "the class of a ClassValidationError is read neither by cattrs.transform_error nor here"
    ),
    "twoplustwo._converter.x__tuple_hook__mutmut_39": "as __field_error__mutmut_12",
    "twoplustwo._converter.x__tuple_hook__mutmut_46": (
        "the type of an IterableValidationError is read neither by transform_error nor here"
    ),
}
"""Surviving mutants judged equivalent, by name, with the reason (see docs/mutation.md)."""

CONFIG = f"""

[tool.mutmut]
source_paths = ["src"]
only_mutate = {list(MODULES)!r}
pytest_add_cli_args = ["--no-cov", "-p", "no:cacheprovider"]
pytest_add_cli_args_test_selection = {list(TESTS)!r}
use_git_change_detection = false
"""

_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def _copy(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache")
    for name in ("src", "tests"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (target / "pyproject.toml").write_text(text + CONFIG, encoding="utf-8")


def _environment(work: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    if work is not None:
        env["PYTHONPATH"] = os.pathsep.join(
            [str(work / "mutants" / "src"), *filter(None, [env.get("PYTHONPATH")])]
        )
    return env


def _mutmut(*args: str) -> list[str]:
    executable = Path(sys.executable).with_name("mutmut")
    return [str(executable) if executable.exists() else "mutmut", *args]


def _results(work: Path) -> dict[str, str]:
    output = subprocess.run(  # noqa: S603 - our own command line
        _mutmut("results", "--all", "true"),
        cwd=work,
        env=_environment(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for line in output.splitlines():
        if match := _RESULT.match(line):
            found[match["name"]] = match["status"].strip()
    return found


def _recheck(work: Path, name: str) -> str:
    """
    Run the selected tests against one mutant in a fresh interpreter; say whether it died.
    """
    env = _environment(work)
    env["MUTANT_UNDER_TEST"] = name
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-cov"]
    try:
        code = subprocess.run(  # noqa: S603 - our own command line
            [*command, *TESTS],
            cwd=work / "mutants",
            env=env,
            check=False,
            capture_output=True,
            timeout=RECHECK_TIMEOUT,
        ).returncode
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if code == 0 else FRESH


def _module(name: str) -> str:
    return name.split(".")[1]


def _score(counts: Counter[str]) -> float:
    killed = counts["killed"] + counts[FRESH] + counts["timeout"]
    return 100 * killed / max(counts["total"] - counts["equivalent"], 1)


def _report(statuses: dict[str, str]) -> float:
    per_module: dict[str, Counter[str]] = {"all": Counter()}
    for name, status in statuses.items():
        equivalent = status == "survived" and name in EQUIVALENT
        for key in (_module(name), "all"):
            counts = per_module.setdefault(key, Counter())
            counts[status] += 1
            counts["total"] += 1
            counts["equivalent"] += equivalent
    columns = ("total", "killed", FRESH, "timeout", "survived", "equivalent")
    print(f"\n{'module':<10}" + "".join(f"{c:>{len(c) + 2}}" for c in columns) + "   score")
    for module, counts in sorted(per_module.items(), key=lambda item: item[0] == "all"):
        row = "".join(f"{counts[c]:>{len(c) + 2}}" for c in columns)
        print(f"{module:<10}{row}   {_score(counts):.1f}%")
    others = sorted(set(statuses.values()) - {*columns, "survived"})
    if others:
        print(f"other statuses: {', '.join(others)}")
    total = per_module["all"]
    killed = total["killed"] + total[FRESH] + total["timeout"]
    print(f"\nkilled / total: {killed} / {total['total']} = {100 * killed / total['total']:.1f}%")
    print(
        f"killed / (total - equivalent): {killed} / {total['total'] - total['equivalent']}"
        f" = {_score(total):.1f}%"
    )
    survivors = sorted(n for n, s in statuses.items() if s == "survived")
    unjudged = [n for n in survivors if n not in EQUIVALENT]
    print(f"\nsurviving and not judged equivalent ({len(unjudged)}):")
    for name in unjudged:
        print(f"    {name}")
    stale = sorted(n for n in EQUIVALENT if statuses.get(n) != "survived")
    if stale:
        print(f"listed as equivalent but not surviving ({len(stale)}): check the names")
        for name in stale:
            print(f"    {name}: {statuses.get(name, 'no such mutant')}")
    return _score(total)


def main() -> int:
    """
    Copy the tree, run mutmut, re-check the survivors, print the score.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel workers")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="twoplustwo-mutation-"))
    start = time.monotonic()
    try:
        _copy(work)
        print(f"mutating a copy in {work}", flush=True)
        subprocess.run(  # noqa: S603 - our own command line
            _mutmut("run", "--max-children", str(options.jobs)),
            cwd=work,
            env=_environment(),
            check=True,
        )
        statuses = _results(work)
        if _recheck(work, "fail") != FRESH:
            print("a fresh interpreter does not run the mutated code; giving up")
            return 2
        again = sorted(n for n, s in statuses.items() if s not in {"killed", "timeout"})
        print(f"\nre-running {len(again)} mutants in fresh interpreters", flush=True)
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            statuses.update(zip(again, pool.map(lambda n: _recheck(work, n), again), strict=True))
        score = _report(statuses)
        print(f"\ntook {time.monotonic() - start:.0f} s")
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if score >= THRESHOLD else 1


if __name__ == "__main__":
    sys.exit(main())
