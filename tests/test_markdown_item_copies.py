"""The copies of a top-level list item that follow it are taken at once but for the last two
(markdown_lists._Emulator._item_copies): the list loop reads no line more than two past an
item's end, so a copy followed by two more reads as the item did. The block map equals
markdown-it-py's whole parse on generated pages of runs of one item of several lines (nested
items, lazy and indented lines, empty lines, empty items, setext-like and table-like lines,
code four columns in) between near misses; the copies are taken, and a run that keeps no copy
back is caught."""
from __future__ import annotations

import random

import pytest
from test_markdown_blocks import _mismatches

from gongwen.formats import markdown_blocks, markdown_lists

_FIRST = ["- a", "-", "* a", "1. a", "1.", "2) b", "- 中文", "-  a"]
_INNER = ["  - b", "    1. c", "  b", "b", "", "", "  -", "   - b", "      code", "  ---", "  =", "  |-|",
          "  > q", "  1) d", "- x", "\tb", "  ```"]
_AFTER = ["", "a", "- a", "  b", "|-|", "---", "=", "# h", "> a", "    code", "  - b", "1. a", "-"]


def _page(rng: random.Random) -> str:
    lines: list[str] = rng.choices(_AFTER, k=rng.choice([0, 0, 1, 2]))
    for _ in range(rng.randint(1, 3)):
        item = [rng.choice(_FIRST)] + rng.choices(_INNER, k=rng.randint(1, 4))
        lines += item * rng.choice([1, 2, 3, 4, 5, 8, rng.randint(1, 60)])
        if rng.random() < 0.7:
            lines += rng.choices(_AFTER, k=rng.randint(1, 3))
    return "\n".join(lines) + rng.choice(["\n", "\n", "", "\n  "])


@pytest.fixture(scope="module")
def pages() -> list[str]:
    rng = random.Random(31)
    return [_page(rng) for _ in range(4_000)]


@pytest.fixture
def short_regions(monkeypatch):
    monkeypatch.setattr(markdown_blocks, "_REGION_CHARS", 0)


def test_runs_of_item_copies_equal_markdown_it(short_regions, pages):
    assert _mismatches(pages) == []


def test_the_copies_are_taken(monkeypatch, pages):
    taken = []
    real = markdown_lists._Emulator._item_copies

    def counted(self, first, n, made):
        after = real(self, first, n, made)
        taken.append((after - n) // (n - first))
        return after
    monkeypatch.setattr(markdown_lists._Emulator, "_item_copies", counted)
    for page in pages[:1_000]:
        markdown_blocks.block_map(page)
    assert sum(taken) > 1_000 and max(taken) > 30


def test_a_run_that_keeps_no_copy_back_is_caught(monkeypatch, short_regions, pages):
    """The last copy is followed by other lines, which may end it otherwise (a lazy line, an
    underline): taking every copy is wrong. (Keeping one back would do for items of two lines
    or more, which read at most two lines on; two are kept for one-line items.)"""
    real = markdown_lists.count_copies

    def two_more(text, item, pos):  # _item_copies keeps two back: none is kept
        count = real(text, item, pos)
        return count + 2 if item.count("\n") > 1 else count  # same_run's lines keep their count
    monkeypatch.setattr(markdown_lists, "count_copies", two_more)
    assert _mismatches(pages) != []
