"""markdown_lists' shortcuts for pages of one-line items (``- a`` or ``-`` a line, 1 MB): the run
of top-level one-line items taken without the list rule's calls (_Emulator._one_line_items),
each distinct line classified once (_Lines.seen, keyed by the whole line with its break), and
the copies of a line right after it taken at once (_Lines.same_run). The block map equals markdown-it-py's
whole parse on generated pages of such runs and their near misses (indents at and past the
content column and four, other markers and delimiters, lines of other kinds one and two
lines on, a last line of spaces or without a break), and wrong variants are caught."""
from __future__ import annotations

import random

import pytest
from test_markdown_blocks import _mismatches

from gongwen.formats import markdown_blocks, markdown_lists
from gongwen.formats.markdown_lists import BARE, ITEM

_ITEMS = ["- a", "- a", "-", "-", "* a", "+", "1. a", "1.", "2) a", "10. a", "- b c", "-  a", "-    a",
          "-     a", "- 中文"]
_NEAR = [" - a", "  - a", "   - a", "    - a", "  -", "   -", "a", "  a", "", "  ", "```", "> a", "|-|",
         "---", "# h", "\ta", "-\ta", "<div>"]


def _run_page(rng: random.Random) -> str:
    lines = [rng.choice(_ITEMS)] * rng.randint(1, 6)
    for _ in range(rng.randint(1, 30)):
        if rng.random() < 0.15:
            lines.append(rng.choice(_NEAR))
        else:
            lines.append(lines[-1] if rng.random() < 0.6 and lines[-1] in _ITEMS else rng.choice(_ITEMS))
    return "\n".join(lines) + rng.choice(["\n", "\n", "", "\n  ", "\n-", "\n- a"])


@pytest.fixture(scope="module")
def pages() -> list[str]:
    rng = random.Random(30)
    return [_run_page(rng) for _ in range(6_000)]


@pytest.fixture
def short_regions(monkeypatch):
    monkeypatch.setattr(markdown_blocks, "_REGION_CHARS", 0)


def test_runs_of_one_line_items_equal_markdown_it(short_regions, pages):
    assert _mismatches(pages) == []


def test_the_runs_are_taken(monkeypatch, pages):
    """The comparison means something only if the shortcut takes most of the items."""
    taken = []
    real = markdown_lists._Emulator._one_line_items

    def counted(self, n, ordered, marker):
        after = real(self, n, ordered, marker)
        taken.append(after - n)
        return after
    monkeypatch.setattr(markdown_lists._Emulator, "_one_line_items", counted)
    for page in pages[:1_000]:
        markdown_blocks.block_map(page)
    assert sum(taken) > 4_000


def _one_line_items(wrong: str):
    """_one_line_items with one of its tests left out or changed ("next": the next line's kind
    and marker; a line of another kind has no marker. The marker and delimiter tests alone keep
    it within one list, but leaving them out changes no block: a new list of one-line items
    starts at the same line with the same blocks.)"""
    def items(self, n, ordered, marker):
        lines = self.lines
        kind, indent, content = lines.kind, lines.indent, lines.content
        while True:
            next_ = kind[n + 1] if n + 1 < len(kind) else lines.classify(n + 1)
            this = kind[n]
            if (this not in (ITEM, BARE) or (wrong != "next" and (next_ not in (ITEM, BARE)
                                                                  or lines.marker[n + 1] != marker))
                    or (indent[n + 1] >= 4 and wrong != "four")
                    or indent[n + 1] > content[n] - (wrong != "column") or lines.ordered[n + 1] != ordered):
                return n
            self.fresh = (n, len(self.blocks))
            if this == ITEM:
                self.blocks.append(("inline", n + self.first_line, n + 1 + self.first_line))
            n += 1
    return items


def test_the_test_copy_is_right(monkeypatch, short_regions, pages):
    monkeypatch.setattr(markdown_lists._Emulator, "_one_line_items", _one_line_items(""))
    assert _mismatches(pages[:2_000]) == []


@pytest.mark.parametrize("wrong", ["next", "four", "column"])
def test_a_wrong_run_is_caught(monkeypatch, short_regions, pages, wrong):
    monkeypatch.setattr(markdown_lists._Emulator, "_one_line_items", _one_line_items(wrong))
    assert _mismatches(pages) != []


def test_lines_classified_by_too_little_of_them_are_caught(monkeypatch, short_regions, pages):
    """A memo keyed on a line's first two characters gives `-    a` the content column of `- a`."""
    real, seen = markdown_lists._classify_line, {}
    monkeypatch.setattr(markdown_lists, "_classify_line", lambda line: seen.setdefault(line[:2], real(line)))
    assert _mismatches(pages) != []


# Copies of one line taken at once (_Lines.same_run, count_copies): pages of runs of one line, from
# one copy to a few hundred (the galloping count's doublings and halvings), between near misses.
def _copies_page(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 4)):
        line = rng.choice(_ITEMS)
        lines += [line] * rng.choice([1, 2, 3, 7, 8, 9, rng.randint(1, 300)])
        if rng.random() < 0.5:
            lines.append(rng.choice(_NEAR + _ITEMS))
    return "\n".join(lines) + rng.choice(["\n", "\n", "", "\n  ", "\n-", "\n- a"])


@pytest.fixture(scope="module")
def copies_pages() -> list[str]:
    rng = random.Random(31)
    return [_copies_page(rng) for _ in range(3_000)]


def test_runs_of_copies_equal_markdown_it(short_regions, copies_pages):
    assert _mismatches(copies_pages) == []


def test_the_copies_are_taken_at_once(monkeypatch, copies_pages):
    taken = []
    real = markdown_lists._Lines.same_run

    def counted(self, n):
        copies = real(self, n)
        taken.append(copies)
        return copies
    monkeypatch.setattr(markdown_lists._Lines, "same_run", counted)
    for page in copies_pages[:1_000]:
        markdown_blocks.block_map(page)
    assert sum(taken) > 20_000 and max(taken) > 100


def test_copies_counted_wrong_are_caught(monkeypatch, short_regions, copies_pages, pages):
    """One copy too many takes the line after a run as one of its items."""
    real = markdown_lists.count_copies
    monkeypatch.setattr(markdown_lists, "count_copies", lambda text, line, pos: real(text, line, pos) + 1)
    assert _mismatches(copies_pages + pages) != []


def test_copies_placed_wrong_are_caught(monkeypatch, short_regions, copies_pages):
    """The copies' line starts left where the run began: the point to resume at is wrong."""
    real = markdown_lists._Lines.same_run

    def misplaced(self, n):
        copies = real(self, n)
        if copies:
            self.starts[n + 2:] = [self.starts[n + 1]] * len(self.starts[n + 2:])
        return copies
    monkeypatch.setattr(markdown_lists._Lines, "same_run", misplaced)
    assert _mismatches(copies_pages) != []
