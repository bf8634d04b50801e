"""
`import twoplustwo` loads the model only; the rest loads on first use, under the same names.
"""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import twoplustwo as tpt

HOME = {name: f"twoplustwo.{module}" for name, (module, _) in tpt.NAMES.items()}
SURFACE = 45
"""The most names ``__all__`` may hold: what a user constructs, calls or catches."""


def declared() -> dict[str, str]:
    """
    Return the names the package's ``if TYPE_CHECKING:`` block imports, with their modules.
    """
    tree = ast.parse(Path(tpt.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.dump(n))
    return {
        alias.name: str(node.module)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


# What `import twoplustwo` must leave unloaded: each loads when its first name is used.
DEFERRED = (
    "twoplustwo._ics",
    "twoplustwo._json",
    "twoplustwo._rotation",
    "twoplustwo._schema",
    "twoplustwo._seed",
    "cattrs",
    "difflib",
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
    """One list names every offered name; the surface is what a user constructs, calls, catches."""

    def test_the_surface_stays_small_and_the_api_page_lists_it(self) -> None:
        assert len(tpt.__all__) <= SURFACE
        page = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
        listed = page.split("**Constructs**", 1)[1].split("The module `twoplustwo.exceptions`")[0]
        assert sorted(tpt.__all__) == sorted(re.findall(r"`(\w+)`", listed))

    def test_what_type_checkers_see_is_the_one_list(self) -> None:
        assert HOME == declared()

    @pytest.mark.parametrize("name", sorted(HOME))
    def test_a_name_is_the_object_of_its_home_module(self, name: str) -> None:
        home = importlib.import_module(HOME[name])
        assert getattr(home, name) is getattr(tpt, name)

    def test_the_package_defines_its_version(self) -> None:
        assert isinstance(tpt.__version__, str)
        assert importlib.import_module("twoplustwo.exceptions") is tpt.exceptions

    def test_every_exception_is_exported_by_its_module(self) -> None:
        errors = {
            name
            for name, value in vars(tpt.exceptions).items()
            if isinstance(value, type) and issubclass(value, Exception)
        }
        assert errors == set(tpt.exceptions.__all__) - {"Problem"}

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
