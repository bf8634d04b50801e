"""
Hostile input: oversized and fuzzed documents are refused with DecodeError, never a crash.

The catalogue of wrong types, bad dates, codes and invalid JSON is in test_json.py; this
module holds the size limits and the fuzzing of valid documents.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import twoplustwo as tpt
from builders import problem_texts
from strategies import every_model_object, fuzzed_documents, render_json

SEED_TEXT = tpt.dumps(tpt.load_seed())


class TestSize:
    """Documents past the size limit are refused before they are parsed."""

    def test_a_20_mb_document_is_over_the_default_limit(self) -> None:
        padding = " " * (20 * 1000 * 1000)
        (problem,) = problem_texts(SEED_TEXT + padding)
        assert problem.startswith("the document has 20,0")
        assert problem.endswith(f"characters, more than the limit of {tpt.MAX_SIZE:,} @ $")

    def test_the_limit_counts_bytes_of_bytes_and_characters_of_text(self) -> None:
        text = '{"name": "Zürich", "country": "CH", "timezone": "Europe/Zurich"}'
        assert "Zürich" == tpt.loads(text, tpt.City, max_size=len(text)).name
        assert problem_texts(text, tpt.City, max_size=len(text) - 1)[0].endswith(
            "characters, more than the limit of 63 @ $"
        )
        data = text.encode()
        assert "Zürich" == tpt.loads(data, tpt.City, max_size=len(data)).name
        assert "bytes, more than the limit" in problem_texts(data, tpt.City, max_size=len(text))[0]

    def test_no_limit_reads_a_document_larger_than_the_default(self) -> None:
        padded = SEED_TEXT + " " * (tpt.MAX_SIZE + 1)
        assert tpt.load_seed() == tpt.loads(padded, tpt.Dataset, max_size=None)

    @pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
    def test_the_limit_is_none_or_a_count(self, bad: Any) -> None:
        with pytest.raises(tpt.Error, match="must be None or an int of 0 or more"):
            tpt.loads(SEED_TEXT, tpt.Dataset, max_size=bad)

    def test_an_integer_of_10000_digits(self) -> None:
        doc = SEED_TEXT.replace('"cadence_months": 12', '"cadence_months": ' + "9" * 10_000, 1)
        (problem,) = problem_texts(doc)
        assert "invalid JSON: Exceeds the limit (4300 digits)" in problem

    def test_1e400_is_not_an_integer(self) -> None:
        doc = SEED_TEXT.replace('"cadence_months": 12', '"cadence_months": 1e400', 1)
        assert (
            "expected an integer, got a number @ $.mechanisms[0].cadence_months",
        ) == problem_texts(doc)

    @pytest.mark.parametrize("opening", ["[", '{"a":'])
    def test_nesting_100000_levels_deep(self, opening: str) -> None:
        closing = "]" if opening == "[" else "}"
        (problem,) = problem_texts(opening * 100_000 + "1" + closing * 100_000)
        assert "invalid JSON: the document is nested more than 64 levels deep @ $" == problem


def check(model: type[Any], text: str) -> None:
    """
    Assert that ``text`` loads as a ``model`` that survives a round trip, or gives problems.
    """
    try:
        result = tpt.loads(text, model)
    except tpt.DecodeError as error:
        found = tuple(str(p) for p in error.problems)
    else:
        assert model is type(result)
        again = tpt.loads(tpt.dumps(result), model)
        assert result == again
        assert tpt.dumps(result) == tpt.dumps(again)
        return
    assert found
    assert all(" @ $" in problem for problem in found)


class TestFuzzing:
    """Valid documents, changed at random, load to a sound object or give DecodeError."""

    @given(st.integers(0, 7))
    def test_reordering_keys_changes_nothing(self, shift: int) -> None:
        assert tpt.load_seed() == tpt.loads(
            render_json(json.loads(SEED_TEXT), key_order=shift), tpt.Dataset
        )

    def test_a_duplicated_key_is_refused_where_it_is(self) -> None:
        doc = render_json(json.loads(SEED_TEXT), duplicate=("mechanisms", 0, "rounds", 1))
        assert ("invalid JSON: duplicate key 'ordinal' @ $",) == problem_texts(doc)

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.data())
    def test_the_seed_fuzzed_loads_soundly_or_fails_cleanly(self, data: st.DataObject) -> None:
        check(tpt.Dataset, data.draw(fuzzed_documents(json.loads(SEED_TEXT))))

    @settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(every_model_object(), st.data())
    def test_any_object_fuzzed_loads_soundly_or_fails_cleanly(
        self, obj: Any, data: st.DataObject
    ) -> None:
        check(type(obj), data.draw(fuzzed_documents(json.loads(tpt.dumps(obj)))))
