"""
`import twoplustwo` loads the model only; the rest loads on first use, under the same names.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types

import pytest

import twoplustwo as tpt

# Where each public name lives; the package itself defines __version__ and exceptions.
HOMES: dict[str, tuple[str, ...]] = {
    "twoplustwo._dates": ("FuzzyDate",),
    "twoplustwo._places": ("City", "Country"),
    "twoplustwo._policies": (
        "Alternating",
        "Cycle",
        "FixedVenue",
        "Learned",
        "Record",
        "Rotation",
    ),
    "twoplustwo._model": (
        "Dataset",
        "Fact",
        "Grouping",
        "HostBasis",
        "Hosting",
        "Mechanism",
        "MechanismStatus",
        "Minister",
        "Mode",
        "Plan",
        "Portfolio",
        "Round",
        "RoundStatus",
        "SanctionRisk",
        "SanctionStatus",
        "Source",
        "StatusChange",
        "Uncertainty",
        "rounds_table",
    ),
    "twoplustwo.exceptions": (
        "DecodeError",
        "Error",
        "InvalidDate",
        "InvalidModel",
        "MissingExtra",
        "NotForecastable",
        "Problem",
        "UnknownId",
        "UnknownMechanism",
    ),
    "twoplustwo._json": (
        "FORMAT",
        "MAX_PROBLEMS",
        "MAX_SIZE",
        "MODEL_CLASSES",
        "READS",
        "converter",
        "dumps",
        "loads",
    ),
    "twoplustwo._rotation": (
        "BacktestRow",
        "Basis",
        "Forecast",
        "backtest",
        "next_round",
        "venue_for",
    ),
    "twoplustwo._schema": ("json_schema",),
    "twoplustwo._evaluate": ("METHODS", "Score", "Scoreboard", "evaluate"),
    "twoplustwo._seed": ("check_data", "load_dataset", "load_seed"),
    "twoplustwo._ics": ("to_ics",),
    "twoplustwo._plot": ("timeline_svg",),
    "twoplustwo._files": ("edit_file", "load", "replace_file", "save"),
    "twoplustwo._editing": ("Edit", "edit_round", "edit_status"),
}
HOME = {name: module for module, names in HOMES.items() for name in names}
OWN = ("__version__", "exceptions")

# What `import twoplustwo` must leave unloaded: each loads when its first name is used.
DEFERRED = (
    "twoplustwo._ics",
    "twoplustwo._json",
    "twoplustwo._rotation",
    "twoplustwo._schema",
    "twoplustwo._seed",
    "cattrs",
    "icalendar",
    "pycountry",
)


def fresh(code: str) -> str:
    """
    Run ``code`` in a new interpreter, where nothing is imported yet; return what it prints.
    """
    done = subprocess.run(  # noqa: S603 - our own interpreter running our own code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert 0 == done.returncode, done.stderr
    return done.stdout


class TestImport:
    """In a fresh interpreter, the import leaves the optional and heavy parts unloaded."""

    def test_the_import_and_dir_load_none_of_the_deferred_modules(self) -> None:
        code = (
            "import sys, json, twoplustwo\n"
            "names = dir(twoplustwo)\n"
            f"print(json.dumps([m for m in {DEFERRED!r} if m in sys.modules]))"
        )
        assert [] == json.loads(fresh(code))

    def test_the_first_use_of_a_name_loads_its_module(self) -> None:
        code = (
            "import sys, json, twoplustwo\n"
            "twoplustwo.json_schema\n"
            "print(json.dumps(['twoplustwo._schema' in sys.modules, 'icalendar' in sys.modules]))"
        )
        assert [True, False] == json.loads(fresh(code))

    def test_every_public_name_imports_from_the_package_in_a_fresh_interpreter(self) -> None:
        names = ", ".join(tpt.__all__)
        code = (
            f"from twoplustwo import {names}\n"
            "import twoplustwo\n"
            "print(sorted(n for n in twoplustwo.__all__ if n not in vars(twoplustwo)))"
        )
        assert "[]\n" == fresh(code)


class TestNames:
    """Every name in __all__ is there, the same object as in its home module."""

    def test_all_is_every_home_name_and_the_package_own(self) -> None:
        assert sorted([*HOME, *OWN]) == sorted(tpt.__all__)

    @pytest.mark.parametrize("name", sorted(HOME))
    def test_a_name_is_the_object_of_its_home_module(self, name: str) -> None:
        home = importlib.import_module(HOME[name])
        assert getattr(home, name) is getattr(tpt, name)

    def test_the_package_defines_its_version_and_exceptions(self) -> None:
        assert isinstance(tpt.__version__, str)
        assert importlib.import_module("twoplustwo.exceptions") is tpt.exceptions

    def test_dir_lists_every_public_name(self) -> None:
        assert set(tpt.__all__) <= set(dir(tpt))
        assert sorted(dir(tpt)) == dir(tpt)

    def test_a_lazy_name_is_kept_in_the_package_after_its_first_use(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delitem(vars(tpt), "to_ics", raising=False)
        assert "to_ics" not in vars(tpt)
        found = tpt.to_ics
        assert found is vars(tpt)["to_ics"]
        assert importlib.import_module("twoplustwo._ics").to_ics is found

    def test_an_unknown_name_raises_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match=r"^module 'twoplustwo' has no attribute 'nope'$"):
            getattr(tpt, "nope")  # noqa: B009 - the attribute is missing on purpose

    def test_an_unknown_name_cannot_be_imported(self) -> None:
        with pytest.raises(ImportError, match="cannot import name 'nope' from 'twoplustwo'"):
            exec("from twoplustwo import nope", {})  # noqa: S102 - a literal import statement


class TestPartialImport:
    """A lazy name asked for while its module is still being imported is our error."""

    def test_a_name_of_a_module_still_importing_is_not_ready(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "twoplustwo._seed", types.ModuleType("twoplustwo._seed"))
        monkeypatch.delitem(vars(tpt), "load_seed", raising=False)
        with pytest.raises(tpt.Error, match=r"twoplustwo\.load_seed is not ready"):
            tpt.load_seed  # noqa: B018 - the lookup is the test
