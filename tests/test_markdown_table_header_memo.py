"""A table's header, memoised by its two lines, is read as markdown-it-py's table rule reads it.

Random pages of header and delimiter rows drawn from few pieces, so that one header meets
several delimiter rows and one pair comes back many times (the memo's hits), are compared
with the table rule run afresh at every position. Keying the memo by the header line alone
fails this test (not committed).
"""
from __future__ import annotations

import random

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import escapedSplit, table

from gongwen.formats import markdown_tables
from gongwen.formats.markdown_blocks import _md

HEADERS = ("|a|b|", "a|b", "| a | b | c |", "|a|", "a", "|a\\|b|", " |a|b|", "    |a|b|", "|中|文|", "长|" * 90)
DELIMITERS = ("|-|-|", "|---|---|", "-|-", "|:-|-:|", "|---|", "--", "| - | - | - |", "a|b", "", "|-|-|-|")


def test_headers_read_as_the_table_rule_reads_them():
    markdown_tables._columns.cache_clear()
    rnd = random.Random(18)
    for _ in range(300):
        lines = [rnd.choice(HEADERS + DELIMITERS) for _ in range(rnd.randrange(2, 30))]
        text = "\n".join(lines) + rnd.choice(("", "\n"))
        pos = 0
        for line in lines:
            expected = _fresh(text, pos)
            assert markdown_tables._header(_md, text, pos) == expected, (text, pos)
            pos += len(line) + 1


def _fresh(text: str, pos: int) -> int:
    """markdown_tables._header as it was before the memo (74a3b5a)."""
    first = text.find("\n", pos)
    if first < 0 or "|" not in text[pos:first]:
        return 0
    second = text.find("\n", first + 1)
    two = text[pos:len(text) if second < 0 else second]
    state = StateBlock(two, _md, {}, [])
    if state.lineMax < 2 or not table(state, 0, 2, True):
        return 0
    cells = escapedSplit(mdTrim(two[:first - pos].lstrip(" \t")))
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return len(cells)
