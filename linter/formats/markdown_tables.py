"""Top-level tables, taken from their own lines as markdown-it-py takes them.

A page of table rows (``|a|b|`` a line, 1 MB) cost markdown-it-py 6.4 CPU seconds for its
block map: per row it tries six terminator rules and pushes a dozen tokens. This module
replays rules_block/table.py at a fresh point (nothing open, ``blkIndent`` 0):

- *Whether* a table starts is markdown-it-py's own ``table`` rule in silent mode on the two
  lines (header, delimiter row): it reads nothing else.
- A body row is a line the table loop takes for certain: at most three spaces, then a
  character none of the terminators (fence, blockquote, hr, list, html_block, heading: the
  rules whose ``alt`` names blockquote) starts with, and some character ``mdTrim`` keeps.
- The table ends for certain at the end, at a line that is empty once trimmed, or at a line
  indented four columns (a tab in its indent makes four): every terminator refuses an
  indented line, and the table loop then stops at it as code. It also ends where more than
  ``MAX_AUTOCOMPLETED_CELLS`` cells would have been filled in.
- At any other line (one that starts like a terminator) the scan gives up and the table is
  left to markdown-it-py whole.

The line after the table is a fresh point: markdown-it-py's top-level loop goes on there with
nothing open. Each cell is an ``inline`` token of its row, so the block map holds the row
once per column. tests/test_markdown_blocks.py compares the result with markdown-it-py's
whole parse on generated pages.
"""
from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.common.utils import MD_TRIM_CHARS, mdTrim
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS, escapedSplit, table
from gongwen.analysis import pattern_cache

_TRIM = re.escape(MD_TRIM_CHARS.replace("\n", ""))
# The first characters the terminators start with, and spaces and tabs (the indent).
_TERMINATOR_START = re.escape("`~>*+-_<#") + "0-9 \t\n"
_ROW = rf" {{0,3}}(?=[^{_TERMINATOR_START}])[{_TRIM}]*[^{_TRIM}\n][^\n]*"
_ROWS = pattern_cache.re_compile(rf"(?:{_ROW}\n)*+(?:{_ROW}\Z)?")
# A line the table stops at for certain: empty once trimmed, or indented four columns.
_END = pattern_cache.re_compile(rf"[{_TRIM}]*(?:\n|\Z)|(?: {{0,3}}\t| {{4}})")


def _cells(line: str) -> int:
    """The number of cells markdown-it-py reads in a body row (escapedSplit without the empty
    first and last cells)."""
    row = mdTrim(line)
    if not row:
        return 0
    if "\\" in row:
        cells = escapedSplit(row)
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        return len(cells)
    return row.count("|") + 1 - (row[:1] == "|") - (len(row) > 1 and row[-1] == "|") - (row == "|")


def _header(md, text: str, pos: int) -> int:
    """The number of columns of a table starting at ``pos`` (0 if none starts there)."""
    first = text.find("\n", pos)
    if first < 0 or "|" not in text[pos:first]:
        return 0
    second = text.find("\n", first + 1)
    two = text[pos:len(text) if second < 0 else second]
    # the answer depends on the two lines alone: a page of tables repeats one header many
    # times, and the table rule's StateBlock costs ~8 µs; short pairs only, to bound the memo
    return _columns(md, two) if len(two) <= _MEMO_CHARS else _columns.__wrapped__(md, two)


_MEMO_CHARS = 256


@lru_cache(maxsize=1024)
def _columns(md, two: str) -> int:
    """The number of columns of a table whose header and delimiter rows are ``two`` (0 if none)."""
    state = StateBlock(two, md, {}, [])
    if state.lineMax < 2 or not table(state, 0, 2, True):
        return 0
    cells = escapedSplit(mdTrim(two[:two.index("\n")].lstrip(" \t")))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)


def scan_table(md, text: str, pos: int, first_line: int) -> tuple[int, int, list]:
    """A table from ``pos`` (a fresh point): (position, line) of the line after it and its
    blocks; the position is ``pos`` if none is taken."""
    columns = _header(md, text, pos)
    if not columns:
        return pos, first_line, []
    body = text.find("\n", text.find("\n", pos) + 1)
    body = len(text) if body < 0 else body + 1
    stop = _ROWS.match(text, body).end()
    if stop < len(text) and not _END.match(text, stop):
        return pos, first_line, []  # a line a terminator may claim: markdown-it-py decides
    rows = text[body:stop].split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    if len(rows) * columns > MAX_AUTOCOMPLETED_CELLS:
        filled = 0
        for i, row in enumerate(rows):
            filled += columns - _cells(row)
            if filled > MAX_AUTOCOMPLETED_CELLS:  # the table ends before this row
                del rows[i:]
                stop = body + sum(len(r) + 1 for r in rows)
                break
    line = first_line + 2 + len(rows)
    blocks = [("inline", r, r + 1) for r in range(first_line, line) if r != first_line + 1
              for _ in range(columns)]
    return min(stop, len(text)), line, blocks
