"""
Measure the mutation score of the calculator and the modules below it with mutmut.

The modules are the dates, the rotation calculator, the policies, learning, JSON and the
validators (``MODULES``).

Run from anywhere, in the project's environment (``pip install -e '.[mutation,test]'``)::

    python scripts/mutation.py [--keep] [--jobs N] [--module NAME ...]
        [--full-recheck | --recheck-tests PATH ...]

``--module _validators`` (repeatable) mutates only the named modules of ``MODULES``.

The script copies the working tree (src/, tests/, docs/, scripts/, pyproject.toml) into a temporary
directory, writes the mutmut configuration into the copy's pyproject.toml, and runs
``mutmut run`` there with the fast hypothesis profile ``mutation`` and without coverage,
so the repository itself is never touched. mutmut forks every mutant from one process
that has already imported the package, so a mutant in code that runs once per process
(the cattrs hook factories of ``_json.py``, which build the converter once per process)
is never active there; every mutant mutmut reports as
surviving is therefore tried again in a fresh interpreter, against the tests mutmut saw
calling the mutated function (the test files named with ``--recheck-tests PATH``, which is
repeatable; all the selected test modules with ``--full-recheck``, or when mutmut saw no test
call it).

It prints the mutants per module, the surviving ones, and the score: killed / total, and
killed / (total - equivalent), where the equivalent mutants are those listed in
``EQUIVALENT`` below (their diffs and reasons are in docs/mutation.md). It exits with
status 1 when the score of any module is below ``THRESHOLD``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "src/twoplustwo/_dates.py",
    "src/twoplustwo/_rotation.py",
    "src/twoplustwo/_json.py",
    "src/twoplustwo/_validators.py",
    "src/twoplustwo/_learning.py",
    "src/twoplustwo/_policies.py",
)
TESTS = (
    "tests/test_json.py",
    "tests/test_reliability.py",
    "tests/test_dates.py",
    "tests/test_rotation.py",
    "tests/test_model.py",
    "tests/test_seed.py",
    "tests/test_cli.py",
    "tests/test_learning.py",
    "tests/test_schema.py",
    "tests/test_versions.py",
    "tests/test_mutants.py",
    "tests/test_answers.py",
)
THRESHOLD = 95.0
RECHECK_TIMEOUT = 300
FRESH = "killed fresh"
"""The status of a mutant mutmut let survive that a fresh interpreter's test run killed."""

EQUIVALENT: dict[str, str] = {
    "twoplustwo._dates.xǁFuzzyDateǁyear__mutmut_20": (
        "the text of the 31 December check is never shown: 1 January of the same year is"
        " checked first and fails first"
    ),
    "twoplustwo._dates.xǁFuzzyDateǁyear__mutmut_24": "as xǁFuzzyDateǁyear__mutmut_20",
    "twoplustwo._dates.x__relative__mutmut_35": (
        'rstrip("XXsXX") strips what rstrip("s") does from the lower-cased phrase: it has no X'
    ),
    "twoplustwo._dates.x__relative__mutmut_43": "as x__relative__mutmut_35",
    "twoplustwo._dates.x__span__mutmut_11": 'as x__relative__mutmut_35, with "."',
    "twoplustwo._dates.x__span__mutmut_48": (
        "re-reading a start that names its year with the year before gives the same day:"
        " from_text ignores year= for a phrase with a year"
    ),
    "twoplustwo._dates.xǁFuzzyDateǁshift__mutmut_7": (
        "a shift that overflows is refused whatever day past LAST_DAY stands in for it: the"
        " message does not show the day"
    ),
    "twoplustwo._dates.x__part_of_year__mutmut_37": (
        "_month_end reads the year only for February, and no part of a year ends in February"
    ),
    "twoplustwo._dates.xǁFuzzyDateǁfrom_text__mutmut_17": (
        "_relative does not read its text argument (the phrase it reads is normal)"
    ),
    "twoplustwo._json.x__attrs_hook__mutmut_16": (
        "typing.cast returns its value and reads nothing of the type: a hint for mypy only"
    ),
    "twoplustwo._json.x__attrs_hook__mutmut_20": "as x__attrs_hook__mutmut_16",
    "twoplustwo._json.x__attrs_hook__mutmut_21": "as x__attrs_hook__mutmut_16",
    "twoplustwo._json.x__attrs_hook__mutmut_22": "as x__attrs_hook__mutmut_16",
    "twoplustwo._json.x__attrs_hook__mutmut_7": (
        "without _cattrs_forbid_extra_keys= cattrs takes the converter's forbid_extra_keys,"
        " which get_converter sets True and copy() keeps"
    ),
    "twoplustwo._json.x__attrs_hook__mutmut_41": (
        "cattrs' generated function never reads its type argument (_=cls, for the signature)"
    ),
    "twoplustwo._json.x__attrs_hook__mutmut_43": (
        "as x__attrs_hook__mutmut_41: the argument left out defaults to the class"
    ),
    "twoplustwo._json.x__attrs_hook__mutmut_65": "as x__at_key__mutmut_18",
    "twoplustwo._json.x__dataset_hook__mutmut_27": (
        "the structure function _attrs_hook returns never reads its type argument"
    ),
    "twoplustwo._json.x__dataset_hook__mutmut_58": "as x__dataset_hook__mutmut_27",
    "twoplustwo._json.x__dataset_hook__mutmut_64": "as x__at_key__mutmut_18",
    "twoplustwo._json.x__enum_hook__mutmut_8": "_structure_str never reads its type argument",
    "twoplustwo._json.x__tuple_hook__mutmut_42": (
        "the item hook of every variadic tuple of the model (str, Portfolio, an attrs class, a"
        " (str, float) pair) is one of ours, which never read their type argument"
    ),
    "twoplustwo._json.x__tuple_hook__mutmut_51": (
        "strict= of a zip of the items' hooks with the item types they were looked up for:"
        " equal lengths"
    ),
    "twoplustwo._json.x__tuple_hook__mutmut_54": "as x__tuple_hook__mutmut_51",
    "twoplustwo._json.x__tuple_hook__mutmut_55": "as x__tuple_hook__mutmut_51",
    "twoplustwo._json.x__tuple_hook__mutmut_58": (
        "as x__at_key__mutmut_18, for the type of an IterableValidationError"
    ),
    "twoplustwo._json.x__at_key__mutmut_2": (
        "every caller passes a new _Problem, which has no notes: getattr gives [] whatever it asks"
    ),
    "twoplustwo._json.x__at_key__mutmut_8": "as x__at_key__mutmut_2",
    "twoplustwo._json.x__at_key__mutmut_9": "as x__at_key__mutmut_2",
    "twoplustwo._json.x__at_key__mutmut_12": (
        "cattrs passes a note's type only to the error formatter, and _describe ignores it"
    ),
    "twoplustwo._json.x__at_key__mutmut_18": (
        "nothing reads the class of a ClassValidationError: transform_error walks its exceptions"
    ),
    "twoplustwo._validators.xǁChancesǁcheck__mutmut_37": (
        "> 1e-9 and >= 1e-9 differ only when abs(sum - 1) is exactly 1e-9, which no float sum"
        " near 1 can be: its steps there are 2**-52 or 2**-53"
    ),
    "twoplustwo._policies.x__majority__mutmut_13": (
        "a party that never hosted counts 1, not 0: it ties only a party that hosted once, which"
        " is then the only host, so the last, and wins the tie as before"
    ),
    "twoplustwo._policies.xǁRecordǁafter__mutmut_20": (
        "strict= of a zip of RULES with hits, which has one entry per rule: the default and"
        " every after() build it from RULES"
    ),
    "twoplustwo._policies.xǁRecordǁafter__mutmut_23": "as xǁRecordǁafter__mutmut_20",
    "twoplustwo._policies.xǁRecordǁafter__mutmut_24": "as xǁRecordǁafter__mutmut_20",
    "twoplustwo._policies.xǁLearnedǁscores__mutmut_17": "as xǁRecordǁafter__mutmut_20",
    "twoplustwo._policies.xǁLearnedǁscores__mutmut_20": "as xǁRecordǁafter__mutmut_20",
    "twoplustwo._policies.xǁLearnedǁscores__mutmut_21": "as xǁRecordǁafter__mutmut_20",
    "twoplustwo._policies.xǁAlternatingǁhost__mutmut_12": (
        "ordinal + start and ordinal - start always have the same parity"
    ),
    "twoplustwo._policies.xǁLearnedǁprobabilities__mutmut_3": (
        "Learned.host does not read its ordinal: the learned rule gives every round the same host"
    ),
    "twoplustwo._rotation.x__by_rule__mutmut_38": (
        "_by_rule runs only when no round is pending, so the last round on record is held:"
        " mechanism.held[-1] is last"
    ),
    "twoplustwo._rotation.x__by_rule__mutmut_39": "as x__by_rule__mutmut_38",
    "twoplustwo._rotation.x_next_round__mutmut_97": (
        "the usual gap of a dialogue with one held round is min(365, 365) or min(366, 365): 365"
    ),
    "twoplustwo._learning.x__quantile__mutmut_6": (
        "the fallback is never returned on Python 3.11: sum() and accumulate() add the weights"
        " in the same order, so the last running sum is the total, at least share * total"
    ),
    "twoplustwo._learning.x__quantile__mutmut_8": "as __quantile__mutmut_6",
    "twoplustwo._learning.x__quantile__mutmut_20": "as __quantile__mutmut_6",
    "twoplustwo._learning.x__quantile__mutmut_11": (
        "strict= of a zip of the sample with accumulate() over the same sample: equal lengths"
    ),
    "twoplustwo._learning.x__quantile__mutmut_14": "as __quantile__mutmut_11",
    "twoplustwo._learning.x__quantile__mutmut_15": "as __quantile__mutmut_11",
}
"""Surviving mutants judged equivalent, by name, with the reason (see docs/mutation.md)."""


def _config(modules: tuple[str, ...]) -> str:
    return f"""

[tool.mutmut]
source_paths = ["src"]
only_mutate = {list(modules)!r}
also_copy = ["docs", "scripts"]
pytest_add_cli_args = ["--no-cov", "-p", "no:cacheprovider", "--numprocesses", "0"]
pytest_add_cli_args_test_selection = {list(TESTS)!r}
use_git_change_detection = false
"""


_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def _copy(target: Path, modules: tuple[str, ...]) -> None:
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", "_build")
    for name in ("src", "tests", "docs", "scripts"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (target / "pyproject.toml").write_text(text + _config(modules), encoding="utf-8")


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


def _covering(work: Path) -> dict[str, list[str]]:
    """
    The tests mutmut saw calling each function, by mangled name (its stats file).
    """
    path = work / "mutants" / "mutmut-stats.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: sorted(v) for k, v in data["tests_by_mangled_function_name"].items()}


def _recheck(work: Path, name: str, tests: Sequence[str] = TESTS) -> str:
    """
    Run the given tests against one mutant in a fresh interpreter; say whether it died.
    """
    env = _environment(work)
    env["MUTANT_UNDER_TEST"] = name
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-cov"]
    command += ["--numprocesses", "0"]
    try:
        code = subprocess.run(  # noqa: S603 - our own command line
            [*command, *tests],
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
    run = {_module(name) for name in statuses}
    stale = sorted(n for n in EQUIVALENT if _module(n) in run and statuses.get(n) != "survived")
    if stale:
        print(f"listed as equivalent but not surviving ({len(stale)}): check the names")
        for name in stale:
            print(f"    {name}: {statuses.get(name, 'no such mutant')}")
    return min(_score(counts) for counts in per_module.values())


def main() -> int:
    """
    Copy the tree, run mutmut, re-check the survivors, print the score.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel workers")
    parser.add_argument(
        "--module",
        action="append",
        choices=[Path(m).stem for m in MODULES],
        help="mutate only this module (repeatable; default: all of MODULES)",
    )
    recheck_with = parser.add_mutually_exclusive_group()
    recheck_with.add_argument(
        "--full-recheck",
        action="store_true",
        help="re-run every selected test module against a survivor, not only the tests"
        " mutmut saw calling the mutated function",
    )
    recheck_with.add_argument(
        "--recheck-tests",
        action="append",
        metavar="PATH",
        help="re-run this test file against every survivor, not only the tests mutmut saw"
        " calling the mutated function (repeatable; in the order given, as -x stops at the"
        " first failure)",
    )
    options = parser.parse_args()
    chosen_tests = tuple(options.recheck_tests or ())
    for path in chosen_tests:
        if not (ROOT / path).is_file():
            parser.error(f"--recheck-tests: no such file {path}")
    chosen = set(options.module or [Path(m).stem for m in MODULES])
    modules = tuple(m for m in MODULES if Path(m).stem in chosen)
    work = Path(tempfile.mkdtemp(prefix="twoplustwo-mutation-"))
    start = time.monotonic()
    try:
        _copy(work, modules)
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
        covering = _covering(work)

        def recheck(name: str) -> str:
            tests = chosen_tests or covering.get(name.partition("__mutmut_")[0])
            return _recheck(work, name, TESTS if options.full_recheck or not tests else tests)

        print(f"\nre-running {len(again)} mutants in fresh interpreters", flush=True)
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            statuses.update(zip(again, pool.map(recheck, again), strict=True))
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
