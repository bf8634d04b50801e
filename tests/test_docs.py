"""
Every Python snippet in the README and the docs runs, so none can rot.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
