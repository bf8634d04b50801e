"""
Every Python snippet in the README and the docs runs, so none can rot.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import twoplustwo as tpt

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SNIPPET = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_snippets_of_a_page_run_in_order(page: Path) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    snippets = SNIPPET.findall(page.read_text(encoding="utf-8"))
    for number, code in enumerate(snippets, start=1):
        exec(compile(code, f"{page.name} snippet {number}", "exec"), namespace)  # noqa: S102 - running the docs is the point


@pytest.mark.parametrize(
    "name", ["README", "index", "tutorial", "model", "dates", "rotation", "json", "recipes"]
)
def test_the_pages_that_teach_the_library_have_snippets(name: str) -> None:
    page = next(p for p in PAGES if p.stem == name)
    assert SNIPPET.search(page.read_text(encoding="utf-8"))


COUNT = re.compile(r"(?<![0-9+])([0-9]+) (dialogues|rounds)\b")
NOW = [page for page in PAGES if page.name != "performance.md"]  # that page says what was timed


@pytest.mark.parametrize("page", NOW, ids=[p.name for p in NOW])
def test_the_counts_of_the_record_a_page_gives_are_the_record_s(
    page: Path, world: tpt.Dataset
) -> None:
    actual = {
        "dialogues": len(world.mechanisms),
        "rounds": sum(len(m.rounds) for m in world.mechanisms),
    }
    text = page.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "record" not in line and "2+2 dialogues (" not in line:
            continue
        for number, noun in COUNT.findall(line):
            assert (noun, actual[noun]) == (noun, int(number)), line


@pytest.mark.parametrize("page", ["index.md", "cli.md"])
def test_the_index_and_the_command_line_page_name_every_command(page: str) -> None:
    from twoplustwo.cli import _app  # noqa: PLC0415 - only this test builds the parser

    commands = next(
        action
        for action in _app.parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert [] == [name for name in commands.choices if not re.search(f"`{name}[` ]", text)]
