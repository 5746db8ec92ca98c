"""Whether a text is held to a usage of a given year (linter/analysis/usage_dates.py): by the
year it names; where it names none, a short text is read as written now and a long one (a page
cut from a longer text) is of unknown date."""
from __future__ import annotations

from gongwen.analysis.outline import DATE_WINDOW
from gongwen.analysis.usage_dates import held_to_usage_of
from gongwen.document import Document

PROSE = "要象大庆那样组织生产。"


def _doc(text: str) -> Document:
    return Document(path="t.txt", text=text)


def test_a_named_year_decides():
    assert not held_to_usage_of(_doc("1978年政府工作报告\n" + PROSE), 1987)
    assert held_to_usage_of(_doc("1987年政府工作报告\n" + PROSE), 1987)
    assert held_to_usage_of(_doc("2025年工作总结\n" + PROSE * 400), 1987)  # long, but dated


def test_a_short_text_without_a_year_is_read_as_written_now():
    assert held_to_usage_of(_doc(PROSE), 1987)
    at_most = PROSE * (DATE_WINDOW // len(PROSE))
    assert len(at_most) <= DATE_WINDOW and held_to_usage_of(_doc(at_most), 1987)


def test_a_long_text_without_a_year_in_its_window_is_of_unknown_date():
    longer = PROSE * (DATE_WINDOW // len(PROSE) + 1)
    assert len(longer) > DATE_WINDOW and not held_to_usage_of(_doc(longer), 1987)
    # A year named only past the window does not date the text (written_year reads the window).
    assert not held_to_usage_of(_doc(longer + "2025年"), 1987)
