"""A space as thousands separator (GB/T 15835's 千分空 and what editors type for it) is part
of the number: ``1 236件`` is 1236, not 1 and 236."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gongwen
from gongwen.analysis.numerals import GROUP_SPACES, find_numerals

SPACES = pytest.mark.parametrize("sep", list(GROUP_SPACES), ids=["thin", "narrow-nbsp", "nbsp", "space"])


def _values(text: str) -> list[tuple[str, float | None, bool]]:
    return [(n.text, n.value, n.grouped) for n in find_numerals(text)]


@SPACES
def test_a_space_grouped_number_is_one_number(sep):
    assert _values(f"受理1{sep}236件") == [(f"1{sep}236", 1236.0, True)]
    assert _values(f"投入12{sep}345{sep}678元") == [(f"12{sep}345{sep}678", 12345678.0, True)]
    assert _values(f"合计1{sep}236.5万元") == [(f"1{sep}236.5万", 12365000.0, True)]


@SPACES
def test_a_total_written_with_spaces_is_not_read_as_its_last_group(sep):
    text = f"全年共受理行政复议案件1{sep}236件，其中线上受理412件、线下受理824件。"
    # CON002 is a preview rule (issue 12): named exactly, it runs.
    assert [d.code for d in gongwen.lint_text(text, select=["CON002"])] == []
    # The same total misread would be smaller than a part; a real inconsistency still is.
    wrong = f"全年共受理行政复议案件1{sep}236件，其中线上受理412件、线下受理1{sep}824件。"
    assert "CON002" in {d.code for d in gongwen.lint_text(wrong, select=["CON002"])}


@pytest.mark.parametrize(("text", "expected"), [
    ("2024 236", ["2024", "236"]),            # four digits before the space: not a group
    ("1 2345", ["1", "2345"]),                # four digits after it
    ("1 2 345", ["1", "2", "345"]),           # a row of space-separated digits (table cells)
    ("1 236 5", ["1", "236", "5"]),           # a short last group
    ("1 236\u2009000", ["1 236", "000"]),     # one kind of separator per number
    ("第1 季度", ["1"]),
])
def test_spaces_that_are_not_grouping_separate_numbers(text, expected):
    assert [n.text for n in find_numerals(text)] == expected


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from(GROUP_SPACES))
def test_grouped_and_plain_numbers_have_one_value(number, sep):
    grouped = f"{number:,}".replace(",", sep)
    [plain] = find_numerals(f"共{number}件")
    [spaced] = find_numerals(f"共{grouped}件")
    assert spaced.value == plain.value == number and spaced.text == grouped
