"""in_table's spans of a text's tables, read without laying the tables out, are those of the
tables laid out (the plain path: ``text_tables`` then each data table's start and end).

Random texts mix what the shortcut reads off the first and last cells and what could make it
wrong: rows with and without outer pipes, full-width pipes and tabs, empty cells at either end
(absorbed by _merge_blanks), blanks around cells, delimiter rows first, inside or last (a
header row padded at the end), one-dash rows that are no delimiter, figures that make header
rows, cells past MAX_CELL_CHARS (layout tables), and the three line breaks. A second run lowers
MAX_GRID_SLOTS so that the slot bound decides. Wrong variants (the last cell's emptiness not
checked, a delimiter in the last line taken as any other, no slot bound) fail this test.
"""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import tables

TEXTS = 4000
CELLS = ("", "", " ", "\u3000", "a", " 合计 ", "项目", "1", "12.5%", " 1,234 ", "-3", "x1", "--", ":--:", "-")
SEPARATORS = ("|", "|", "|", "｜", "\t")
BREAKS = ("\n", "\n", "\n", "\r\n", "\r")


def _row(rnd: random.Random) -> str:
    cells = [rnd.choice(CELLS) for _ in range(rnd.randrange(1, 5))]
    if rnd.random() < 0.03:
        cells[rnd.randrange(len(cells))] = "长" * rnd.choice((290, 301, 320))
    sep = rnd.choice(SEPARATORS)
    row = sep.join(cells)
    if rnd.random() < 0.6:
        row = sep + row
    if rnd.random() < 0.6:
        row = row + sep
    return rnd.choice(("", "", " ", "\u3000")) + row + rnd.choice(("", "", " ", "\t"))


def _line(rnd: random.Random) -> str:
    kind = rnd.random()
    if kind < 0.6:
        return _row(rnd)
    if kind < 0.75:
        return rnd.choice(("|---|---|", "---|---", "|:--|--:|", "| -- | -- |", "|-|-|", "|---|"))
    if kind < 0.9:
        return rnd.choice(("正文", "", " ", "一、总体情况", "a|b"))
    return rnd.choice(("\t", "a\t", "a\tb", "1\t2\t"))


def _text(rnd: random.Random) -> str:
    return "".join(_line(rnd) + rnd.choice(BREAKS) for _ in range(rnd.randrange(1, 9)))


def _plain(text: str) -> list[tuple[int, int]]:
    return sorted((t.start, t.end) for t in tables.text_tables(text) if not t.is_layout)


def _compare(seed: int) -> None:
    rnd = random.Random(seed)
    for n in range(TEXTS):
        text = _text(rnd)
        assert tables.text_table_spans(text) == _plain(text), (n, text)


def test_spans_are_those_of_the_laid_out_tables():
    _compare(20261205)


@pytest.mark.parametrize("slots", [6, 12, 20])
def test_spans_where_the_slot_bound_decides(monkeypatch, slots):
    monkeypatch.setattr(tables, "MAX_GRID_SLOTS", slots)
    monkeypatch.setattr(tables.build, "__defaults__", (slots,))
    _compare(slots)


def test_a_page_of_rows_is_read_without_a_grid(monkeypatch):
    """The shortcut is taken where it matters: 1,000 rows with one-dash and real delimiter rows."""
    def no_layout(*args):
        raise AssertionError("laid out")

    monkeypatch.setattr(tables, "_text_table", no_layout)
    page = "|a|b|\n|-|-|\n" + "|a|b|\n" * 1000 + "\n正文\n\n|x|y|\n|---|---|\n|1|2|\n"
    assert tables.text_table_spans(page) == [(1, len("|a|b|\n|-|-|\n") + 1000 * 6 - 2),
                                             (page.index("x"), len(page) - 2)]


def _former_is_table_line(text: str, start: int, end: int) -> bool:
    """tables._is_table_line before its separators were counted with str.count (74a3b5a)."""
    line = text[start:end]
    if "\t" in line and sum(1 for cell in line.split("\t") if cell.strip(tables._SPACE)) >= 2:
        return True
    return len(tables._TEXT_SEPARATOR.findall(text, start, end)) >= 2


def test_table_lines_are_told_as_before():
    rnd = random.Random(74)
    pieces = ("|", "｜", "\t", " ", "a", "中", "", "\u3000", "\r")
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(8)))
        start = rnd.randrange(len(text) + 1)
        end = rnd.randrange(start, len(text) + 1)
        assert tables._is_table_line(text, start, end) == _former_is_table_line(text, start, end), (text, start, end)
