"""Frozen copy of the table layout before round 10 (d5a07b7: gongwen.analysis.tables's Cell,
a frozen dataclass, and build), kept only so that tests/test_tables_build_equal.py can prove
the faster layout makes the same cells and grid. Never imported by the package; do not edit
except to follow an intended change of findings."""
from __future__ import annotations

from dataclasses import dataclass, field

from gongwen.analysis.tables import _FIGURE, MAX_SPAN, Table, _trim


@dataclass(frozen=True, slots=True)
class Cell:
    start: int
    end: int
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    figure: float | None = field(default=None, init=False, compare=False)
    decimals: int = field(default=0, init=False, compare=False)
    is_percent: bool = field(default=False, init=False, compare=False)

    def __post_init__(self) -> None:
        m = _FIGURE.fullmatch(self.text)
        if m:
            number = m.group(1)
            object.__setattr__(self, "figure", float(number.replace(",", "").replace("−", "-")))
            object.__setattr__(self, "decimals", len(number.split(".")[1]) if "." in number else 0)
            object.__setattr__(self, "is_percent", bool(m.group(2)))


def build(text, rows, index):
    grid = []
    cells = []
    for r, raw_row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        col = 0
        for raw in raw_row:
            while col < len(grid[r]) and grid[r][col] is not None:
                col += 1
            rowspan = max(1, min(raw.rowspan, MAX_SPAN, len(rows) - r))
            colspan = max(1, min(raw.colspan, MAX_SPAN))
            start, end = _trim(text, raw.start, raw.end)
            cell = Cell(start, end, text[start:end], r, col, rowspan, colspan, raw.is_header)
            cells.append(cell)
            for rr in range(r, r + rowspan):
                while len(grid) <= rr:
                    grid.append([])
                line = grid[rr]
                line.extend([None] * (col + colspan - len(line)))
                for cc in range(col, col + colspan):
                    line[cc] = cell
            col += colspan
    if not cells or not any(c.text for c in cells):
        return None
    return Table(index, tuple(cells), grid)
