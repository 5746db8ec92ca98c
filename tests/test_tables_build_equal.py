"""Table layout after round 10's speed work lays out the same grid as before it.

``frozen_html.tables`` is the layout as it was (d5a07b7: ``Cell`` a frozen dataclass, each
cell placed slot by slot). Random tables mix what the shortcuts could get wrong: cells
spanning rows and columns (so later rows have slots taken from above), spans of 0, negative
or past the limit, empty rows, header cells, blanks around the text, and figures of every
form the figure pattern reads (signs, thousands separators, decimals, percent signs, blanks).
Both must give the same table (every cell's fields, in the same order) and the same grid, or
both none. Cells made from untrimmed text read the same figure as before.
"""
from __future__ import annotations

import random

from frozen_html import tables as frozen

from gongwen.analysis import tables as current
from gongwen.analysis.tables import RawCell

TABLES = 5000
CONTENTS = ("x", "合计", "项目", "1,234", "12.5%", "-3", "−2", "+1", "７", "1,23", "0.50％", "3.", ".5",
            "12,345.67", "abc1", "1 %", "1\u3000％", "007", "-", "", "1,234,567", "2024年", "+-1", "1.2.3")
BLANKS = ("", "", "", " ", "\t", "\u3000", "\xa0", "\n", "\r\n", "  \u3000")
SPANS = (1, 1, 1, 1, 1, 1, 2, 2, 3, 0, -1, 7)


def _table(rnd: random.Random) -> tuple[str, list[list[RawCell]]]:
    text, rows = "", []
    for _ in range(rnd.randrange(7)):
        row = []
        for _ in range(rnd.randrange(7)):
            before, after = rnd.choice(BLANKS), rnd.choice(BLANKS)
            start = len(text)
            text += before + rnd.choice(CONTENTS) + after
            row.append(RawCell(start, len(text), rnd.choice(SPANS), rnd.choice(SPANS),
                               rnd.random() < 0.2))
            text += rnd.choice(("\n", "|", ""))
        rows.append(row)
    if rows and rnd.random() < 0.02:  # a span past MAX_SPAN, clamped
        rows[0].append(RawCell(0, 0, current.MAX_SPAN + 5, current.MAX_SPAN + 5))
    return text, rows


def _laid_out(build, text: str, rows: list[list[RawCell]]):
    table = build(text, rows, 1)
    if table is None:
        return None
    at = {id(c): i for i, c in enumerate(table.cells)}
    return repr(table), [[None if c is None else at[id(c)] for c in line] for line in table.grid]


def test_random_tables_lay_out_the_same():
    differ = []
    for seed in range(TABLES):
        text, rows = _table(random.Random(seed))
        if _laid_out(current.build, text, rows) != _laid_out(frozen.build, text, rows):
            differ.append(seed)
    assert differ == []


def test_the_tables_reach_what_they_are_meant_to():
    """The generator is no straw man: its tables cover slots from rows above, hold figures
    of each kind, and some lay out nothing with text."""
    built = [frozen.build(*_table(random.Random(seed)), 1) for seed in range(500)]
    tables = [t for t in built if t is not None]
    assert len(built) - len(tables) > 20
    assert sum(any(c.rowspan > 1 and c.col > 0 for c in t.cells) for t in tables) > 50
    assert sum(any(line.count(None) for line in t.grid) for t in tables) > 50  # holes in the grid
    cells = [c for t in tables for c in t.cells]
    assert sum(c.figure is not None and c.is_percent for c in cells) > 50
    assert sum(c.figure is not None and c.decimals > 0 for c in cells) > 50
    assert sum(c.figure is not None and c.figure < 0 for c in cells) > 50


def test_cells_read_the_same_figure_from_any_text():
    rnd = random.Random(7)
    for _ in range(20000):
        text = "".join(rnd.choice(BLANKS + CONTENTS) for _ in range(rnd.randrange(4)))
        new, old = current.Cell(0, len(text), text, 0, 0), frozen.Cell(0, len(text), text, 0, 0)
        assert (new.figure, new.decimals, new.is_percent) == (old.figure, old.decimals, old.is_percent), text


def test_the_grid_limit_counts_every_slot_of_the_grid():
    """With a small limit, a table is laid out as before when its grid (holes and merged
    cells' slots included) has at most that many slots, and is none otherwise."""
    differ = []
    for seed in range(3000):
        rnd = random.Random(seed)
        text, rows = _table(rnd)
        limit = rnd.randrange(40)
        old = frozen.build(text, rows, 1)
        expected = None if old is None or sum(map(len, old.grid)) > limit else _laid_out(frozen.build, text, rows)
        if _laid_out(lambda *a: current.build(*a, max_slots=limit), text, rows) != expected:
            differ.append(seed)
    assert differ == []
