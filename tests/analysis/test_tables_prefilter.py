"""The text-table layer's prefilter (gongwen.analysis.tables.text_tables) must not lose a
table: over many random texts of cells, separators and line breaks, text_tables equals the
plain scan of every line, and a prefilter that forgets one separator is caught."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import tables

_SEPARATORS = ["|", "｜", "\t"]
_FRAGMENTS = ["\n", "\r\n", "\r", " ", "\u3000", "-", "---", ":", "1", "23.5",
              "合计", "项目", "（一）", "一、", "收到申请", "%", "a"]


def _texts(seed: str, count: int) -> list[str]:
    """Each text uses one separator, all of them, or none, so that each one alone is tried."""
    rnd = random.Random(seed)
    texts = []
    for _ in range(count):
        seps = rnd.choice([[s] for s in _SEPARATORS] + [_SEPARATORS, []])
        pool = _FRAGMENTS + seps * 4
        texts.append("".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30))))
    return texts


def _differ() -> list[str]:
    return [t for t in _texts("tables", 20_000)
            if tables.text_tables(t) != tables._scan_text_tables(t, 1)]


def test_prefilter_gives_the_same_tables():
    found = [t for t in _texts("tables", 20_000) if tables._scan_text_tables(t, 1)]
    assert len(found) > 1_000  # the texts do hold tables, of each separator
    assert _differ() == []


@pytest.mark.parametrize("kept", ["|｜", "|\t", "｜\t"])
def test_a_prefilter_missing_a_separator_is_caught(monkeypatch, kept):
    monkeypatch.setattr(tables, "_TABLE_SEPARATORS", kept)
    assert _differ()


def test_the_prefilter_asks_for_the_separators_of_a_table_line():
    assert set(tables._TABLE_SEPARATORS) == set("|｜\t")
    assert all(tables._TEXT_SEPARATOR.fullmatch(ch) for ch in tables._TABLE_SEPARATORS)
