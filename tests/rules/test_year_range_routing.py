"""On a document of short units DAT011 (year-range-connector) reads only the units one scan of
its text finds holding a hyphen-like separator right before a year of 19xx or 20xx (Rule.route):
over many random documents its findings equal those of reading every unit its triggers wake,
and routes that forget a separator, a century or the 年 between the years are caught."""
from __future__ import annotations

import re

import pytest
from support import (assert_shortcut_caught, assert_shortcut_exact, fragment_texts,
                     take_every_document_for_short_units)

import gongwen.rules.dates as dates
from gongwen.analysis import routing

# Halves of ranges, so that random neighbours make ranges, near misses and `- a` list lines.
_FRAGMENTS = ["2021-", "1998－", "2024年-", "2021―", "（2021‐", "2021", "2099", "-2025年", "‑2025）", "–1999)", "－1999年",
              "─2025学年", "2025", "1899", "20", "年", "-", "--", "—", "（", "- a", "规划", "\n", "\r\n",
              "\r", " ", "，"]


def _texts(count: int) -> list[str]:
    return fragment_texts(_FRAGMENTS, "year-range-routing", count, 12)


def test_routing_gives_the_findings_of_reading_every_unit(monkeypatch):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_exact(monkeypatch, "DAT011", _texts(4_000), routing, "SHORT_UNITS", 0, 150)


@pytest.mark.parametrize("wrong", [
    r"-(?:19|20)[0-9]{2}",  # forgets the full-width and the other hyphens
    r"[-－―─–‐‑]20[0-9]{2}",  # forgets the years of the 1900s
    r"[0-9]{4}[-－―─–‐‑]",  # forgets 年 between the first year and the separator
])
def test_a_wrong_route_is_caught(monkeypatch, wrong):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_caught(monkeypatch, "DAT011", _texts(4_000), dates.YearRangeConnector, "route",
                           re.compile(wrong))
