"""The copies of a setext heading right after it are taken at once (markdown_blocks.
_setext_copies): _FAST's match at a copy reads nothing past it, so it is the heading's again.
The block map equals markdown-it-py's whole parse on generated pages of runs of headings of one
to three lines (lazy lines, = and - underlines with blanks after them, a - underline under a
line with a pipe, which may be a table's delimiter row) between other lines, each kind of line
break; the copies are taken, and a count one too high or a copy's lines shifted are caught."""
from __future__ import annotations

import random

import pytest
from test_markdown_blocks import _mismatches

from gongwen.formats import markdown_blocks

_TEXT = ["a", "中文", "a b", "  a", "   a", "|a|", "a|b", "    lazy", "\tlazy"]
_UNDERLINE = ["=", "-", "===", "--", " =", "   -", "=  ", "-\t", "= ="]
_OTHER = ["", "a", "- a", "|-|", "# h", "```", "> a", "1. a", "    code", "=", "-", "<div>"]


def _heading(rng: random.Random) -> list[str]:
    lines = [rng.choice(_TEXT[:7])] + rng.choices(_TEXT, k=rng.choice([0, 0, 1, 2]))
    return lines + [rng.choice(_UNDERLINE)]


def _page(rng: random.Random) -> str:
    lines: list[str] = []
    for _ in range(rng.randint(1, 4)):
        heading = _heading(rng)
        lines += heading * rng.choice([1, 2, 3, 5, 8, rng.randint(1, 120)])
        if rng.random() < 0.6:
            lines += rng.choices(_OTHER, k=rng.randint(1, 3))
    text = "\n".join(lines) + rng.choice(["\n", "\n", "", "\n  "])
    return text.replace("\n", rng.choice(["\n", "\n", "\r\n", "\r"]))


@pytest.fixture(scope="module")
def pages() -> list[str]:
    rng = random.Random(31)
    return [_page(rng) for _ in range(3_000)]


@pytest.fixture
def short_regions(monkeypatch):
    monkeypatch.setattr(markdown_blocks, "_REGION_CHARS", 0)


def test_runs_of_setext_headings_equal_markdown_it(short_regions, pages):
    assert _mismatches(pages) == []


def test_the_copies_are_taken(monkeypatch, pages):
    taken = []
    real = markdown_blocks.count_copies

    def counted(text, heading, pos):
        copies = real(text, heading, pos)
        taken.append(copies)
        return copies
    monkeypatch.setattr(markdown_blocks, "count_copies", counted)
    for page in pages[:1_000]:
        markdown_blocks.block_map(page)
    assert sum(taken) > 5_000 and max(taken) > 50


def test_a_count_one_too_high_is_caught(monkeypatch, short_regions, pages):
    real = markdown_blocks.count_copies
    monkeypatch.setattr(markdown_blocks, "count_copies", lambda text, heading, pos: real(text, heading, pos) + 1)
    assert _mismatches(pages) != []


def test_copies_shifted_are_caught(monkeypatch, short_regions, pages):
    """Each copy's block taken to run through its underline."""
    def shifted(text, heading, pos, line, lines, blocks):
        copies = markdown_blocks.count_copies(text, heading, pos)
        blocks += [("inline", first, first + lines) for first in range(line, line + copies * lines, lines)]
        return pos + copies * len(heading), line + copies * lines
    monkeypatch.setattr(markdown_blocks, "_setext_copies", shifted)
    assert _mismatches(pages) != []
