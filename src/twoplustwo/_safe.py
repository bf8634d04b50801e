"""
Text from data, made safe to show: on a terminal, in a spreadsheet cell, in JSON output.

Text from data is shown, never obeyed. The model already refuses control characters in its
text; these functions are the second belt, for whatever reaches the screen or a file: an
escape sequence must not recolour or clear a terminal, a cell must not become a formula, a
bidi override must not reorder what a reader sees.

Pure functions over ``str``; this module imports nothing of twoplustwo.
"""

from __future__ import annotations

import re
from typing import Final

_BIDI: Final = "\u202a-\u202e\u2066-\u2069"
_C1_AND_BIDI: Final = re.compile(f"[\x80-\x9f{_BIDI}]")

CSV_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula when a cell begins with it (OWASP)."""


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _shown(char: str) -> str:
    return char if char.isprintable() or char in "\n\t" else _escape(char)


def terminal(text: str) -> str:
    r"""
    Return ``text`` safe to print on a terminal: every unprintable character escaped.

    Newline, tab and what ``str.isprintable`` accepts (space included) stay as they are;
    anything else (C0 controls such as ESC, DEL, C1 controls, bidi controls, lone
    surrogates, unassigned code points) becomes a visible escape such as ``\x1b`` or
    ``\u202e``. A backslash stays a backslash: the result is for reading, not for parsing.
    """
    if text.isprintable():
        return text
    return "".join(map(_shown, text))


def csv_cell(value: str) -> str:
    """
    Return ``value`` safe to write as a spreadsheet cell: never read as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    single quote, as OWASP's guidance on CSV injection says; any other cell is unchanged.
    """
    return f"'{value}" if value.startswith(CSV_TRIGGERS) else value


def json_safe(text: str) -> str:
    """
    Return a JSON document with its raw C1 and bidi control characters written as escapes.

    ``text`` is JSON such as ``json.dumps(x, ensure_ascii=False)`` writes: other characters
    stay as they are, readable, and the result is still JSON that reads back to the same
    value. Raw controls below U+0020 cannot occur in such text: JSON escapes them already.
    """
    return _C1_AND_BIDI.sub(lambda found: f"\\u{ord(found[0]):04x}", text)
