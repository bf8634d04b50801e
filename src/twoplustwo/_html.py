"""
HTML to text: the main text of a page, for the news reader.

The standard library's HTML parser does the work: it is linear in the input, needs no
extra, and never fails on broken markup. Scripts, styles, navigation, headers, footers and
asides are dropped; an ``<article>`` (or ``<main>``), where the page has one, is preferred to
the rest of the page.
"""

from __future__ import annotations

import html.parser
import re
from typing import Final

_SKIPPED: Final = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "svg",
        "template",
        "iframe",
        "button",
        "select",
    }
)
_MAIN: Final = frozenset({"article", "main"})
_BLOCKS: Final = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "td",
        "th",
        "section",
        "blockquote",
        "title",
        "dd",
        "dt",
        "figcaption",
        *_MAIN,
    }
)
_SPACE: Final = re.compile(r"[ \t\r\f\v\u00a0]+")
_LINES: Final = re.compile(r"\s*\n\s*")


class _Reader(html.parser.HTMLParser):
    """
    Collect a page's text, and apart from it the text inside its article or main element.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page: list[str] = []
        self.main: list[str] = []
        self.skipping = 0
        self.inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _MAIN:
            self.inside += 1
        if tag in _BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _MAIN:
            self.inside = max(0, self.inside - 1)
        if tag in _BLOCKS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._add(data.replace("\n", " "))  # a line break in a paragraph is a space

    def _add(self, text: str) -> None:
        self.page.append(text)
        if self.inside:
            self.main.append(text)


def html_text(page: str) -> str:
    """
    Return the main text of an HTML page, one paragraph a line.

    The text of its ``<article>`` or ``<main>`` element if it has one with text, else of the
    whole page; never what scripts, styles, navigation, headers, footers or asides hold.

    Args:
        page: The page's HTML, as text.
    """
    reader = _Reader()
    reader.feed(page)
    reader.close()
    main = _tidy("".join(reader.main))
    return main or _tidy("".join(reader.page))


def _tidy(text: str) -> str:
    return _LINES.sub("\n", _SPACE.sub(" ", text)).strip()


def looks_like_html(text: str) -> bool:
    """
    Whether ``text`` is an HTML page rather than plain text: it opens with a tag.
    """
    return (
        re.match(r"\s*<(?:!doctype|html|head|body|article|div|p|meta|title)\b", text, re.IGNORECASE)
        is not None
    )
