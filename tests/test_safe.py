"""
The escaping functions for what the command line shows: terminal, csv_cell and json_safe.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from strategies import json_values
from twoplustwo._safe import CSV_TRIGGERS, csv_cell, json_safe, terminal

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()))
SPECIAL = st.sampled_from(
    ["\x1b", "\x07", "\x00", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2069", "\ud800"]
)
HOSTILE_TEXT = st.lists(ANY_TEXT | SPECIAL).map("".join)


class TestTerminal:
    """terminal() escapes every unprintable character but newline and tab."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("plain text", "plain text"),
            ("Zürich 東京", "Zürich 東京"),
            ("a\nb\tc", "a\nb\tc"),
            ("\x1b[2J\x07", "\\x1b[2J\\x07"),
            ("\r\x00\x7f", "\\x0d\\x00\\x7f"),
            ("\x85\x9b", "\\x85\\x9b"),
            ("abc\u202edef\u2066", "abc\\u202edef\\u2066"),
            ("\ud800", "\\ud800"),
            ("\U000e0001", "\\U000e0001"),
        ],
    )
    def test_it_escapes_what_is_not_printable(self, text: str, expected: str) -> None:
        assert expected == terminal(text)

    @given(HOSTILE_TEXT)
    def test_its_output_is_printable_but_for_newlines_and_tabs(self, text: str) -> None:
        assert terminal(text).replace("\n", "").replace("\t", "").isprintable()

    @given(HOSTILE_TEXT)
    def test_it_keeps_each_printable_character_and_escapes_each_other(self, text: str) -> None:
        assert "".join(map(terminal, text)) == terminal(text)
        for c in text:
            assert (c == terminal(c)) == (c.isprintable() or c in "\n\t")


class TestCsvCell:
    """csv_cell() quotes a cell a spreadsheet would read as a formula."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("New Delhi", "New Delhi"),
            ("", ""),
            ("a=b", "a=b"),
        ],
    )
    def test_a_formula_is_quoted(self, value: str, expected: str) -> None:
        assert expected == csv_cell(value)

    @given(HOSTILE_TEXT)
    def test_its_output_never_starts_a_formula(self, value: str) -> None:
        cell = csv_cell(value)
        assert not cell.startswith(CSV_TRIGGERS)
        assert cell in (value, "'" + value)


class TestJsonSafe:
    """json_safe() escapes raw C1 and bidi controls and keeps the JSON's value."""

    def test_it_escapes_c1_and_bidi_controls(self) -> None:
        text = json.dumps(["a\x85b\u202ec", "Zürich"], ensure_ascii=False)
        assert '["a\\u0085b\\u202ec", "Zürich"]' == json_safe(text)

    @given(json_values | HOSTILE_TEXT)
    def test_the_value_reads_back_the_same(self, value: Any) -> None:
        text = json_safe(json.dumps(value, ensure_ascii=False))
        assert value == json.loads(text)
        assert not any(
            0x80 <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e" for c in text
        )
        assert not any(c in "\u2066\u2067\u2068\u2069" for c in text)
