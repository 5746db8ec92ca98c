"""Tables as grids: every cell with its place, its span in the document's text, and its headers.

Readers of formats with real tables (DOCX ``w:tbl``, HTML ``<table>``) record them on the
document as rows of :class:`RawCell` (a text span and how many rows and columns it spans)
and :func:`build` lays them out on a grid the way both formats define merged cells: a cell
takes the first free slot of its row, and a slot covered by a cell spanning rows from above
is skipped. Plain text and Markdown carry tables as lines of cells split by ``|`` or tabs;
:func:`text_tables` reads those, with the two conventions flattened merged cells leave
behind: an empty label cell under a label is the label above continued (a merged row
header), and an empty cell after a header in a header row is that header continued.

A cell's row headers are the label cells to its left in its row, its column headers the label
cells above it in its column; a label is a header cell (``<th>``, rows above a Markdown
delimiter row, the leading rows without a figure) or any cell that is not a figure.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterator, NamedTuple

import regex

from gongwen.analysis import lazy_regex
# A figure cell: a number with optional sign, thousands separators, decimals and percent sign.
_FIGURE = lazy_regex.compile(r"[ \t\u3000]*([-−+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[-−+]?[0-9]+(?:\.[0-9]+)?)"
                        r"[ \t\u3000]*(%|％)?[ \t\u3000]*")
_TEXT_SEPARATOR = lazy_regex.compile(r"[|｜\t]")
_DIGIT = lazy_regex.compile(r"[0-9]")  # every figure holds one
_DELIMITER_ROW = lazy_regex.compile(r"[ \t]*\|?(?:[ \t]*:?-{2,}:?[ \t]*\|)+(?:[ \t]*:?-{2,}:?[ \t]*)?[ \t]*")
_SPACE = " \t\u3000\u00a0\u2028\r\n"
MAX_SPAN = 1000  # a colspan or rowspan beyond this is a malformed attribute, not a table
# Grid slots (merged cells' and holes included) beyond which spans have gone wrong and no data
# table is built: each row of <tr><td rowspan=1000 colspan=1000>x pushes the next cell 1,000
# columns further, and 100 KB of them took 54 CPU s and 20 GB. Real tables hold a few thousand
# slots; this many is ~8 MB.
MAX_GRID_SLOTS = 1_000_000
MAX_CELL_CHARS, MAX_CELL_LINES = 300, 5  # a data cell is shorter (the template's longest: 37)


class RawCell(NamedTuple):
    """A cell as a reader finds it, before layout: its text span, spans and header flag."""

    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False


class _CellFields(NamedTuple):
    start: int  # span of the cell's text in Document.text, surrounding blanks left out
    end: int
    text: str
    row: int  # 0-based, its first row and column on the grid
    col: int
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    # The number the cell holds when it holds nothing else (``1,234``, ``12.5%``), read once.
    figure: float | None = None
    decimals: int = 0
    is_percent: bool = False


# Every figure cell starts with one of these (_FIGURE's leading blank, sign or digit).
_FIGURE_FIRST = frozenset(" \t\u3000-−+0123456789")


class Cell(_CellFields):
    """A cell on the grid; its figure is read from its text when it is made. A named tuple,
    not a frozen dataclass: the dataclass's ``__init__`` (eleven ``object.__setattr__``) cost
    ~4 µs a cell, most of a page of 200,000 one-character cells' layout."""

    __slots__ = ()

    def __new__(cls, start: int, end: int, text: str, row: int, col: int, rowspan: int = 1,
                colspan: int = 1, is_header: bool = False) -> Cell:
        m = _FIGURE.fullmatch(text) if text[:1] in _FIGURE_FIRST else None
        if m is None:
            return _new_tuple(cls, (start, end, text, row, col, rowspan, colspan, is_header, None, 0, False))
        number = m.group(1)
        return _new_tuple(cls, (start, end, text, row, col, rowspan, colspan, is_header,
                                float(number.replace(",", "").replace("−", "-")),
                                len(number.split(".")[1]) if "." in number else 0, bool(m.group(2))))

    def __getnewargs__(self) -> tuple:  # pickle and copy make it again from what __new__ takes
        return tuple(self[:8])

    @property
    def is_label(self) -> bool:
        return bool(self.text) and (self.is_header or self.figure is None)


_new_tuple = tuple.__new__


@dataclass
class Table:
    """One table: its cells in reading order and the grid of slots they cover."""

    index: int  # 1-based, in the document's order
    cells: tuple[Cell, ...]
    grid: list[list[Cell | None]] = field(repr=False)
    _header_rows: int | None = field(default=None, repr=False)

    @property
    def is_layout(self) -> bool:
        """A table that lays out a page rather than holding data: old government sites put
        the whole article in a cell. A cell of many lines or many characters is prose."""
        return any(c.end - c.start > MAX_CELL_CHARS or c.text.count("\n") >= MAX_CELL_LINES for c in self.cells)

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    @property
    def start(self) -> int:
        return min(c.start for c in self.cells)

    @property
    def end(self) -> int:
        return max(c.end for c in self.cells)

    def at(self, row: int, col: int) -> Cell | None:
        if 0 <= row < len(self.grid) and 0 <= col < len(self.grid[row]):
            return self.grid[row][col]
        return None

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells covering a row, left to right."""
        return _distinct(self.grid[row]) if 0 <= row < len(self.grid) else []

    def row_headers(self, cell: Cell) -> list[Cell]:
        """Label cells to the left of a cell on its first row, outermost first."""
        return [c for c in _distinct(self.grid[cell.row][:cell.col]) if c.is_label]

    @property
    def header_rows(self) -> int:
        """How many leading rows are headers: rows without a figure (or all header cells)."""
        if self._header_rows is None:
            self._header_rows = self._count_header_rows()
        return self._header_rows

    def _count_header_rows(self) -> int:
        n = 0
        for line in self.grid:
            cells = _distinct(line)
            if not cells or not (all(c.is_header for c in cells) or all(c.figure is None for c in cells)):
                break
            n += 1
        return n if n < len(self.grid) else 0

    def column_headers(self, cell: Cell) -> list[Cell]:
        """Label cells of the header rows above a cell in its first column, outermost first."""
        return self.column_heads(cell.col, cell.row)

    def column_heads(self, col: int, above: int | None = None) -> list[Cell]:
        """Label cells of a column's header rows (those above row ``above``), outermost first."""
        rows = self.header_rows if above is None else min(above, self.header_rows)
        return [c for c in _distinct([self.grid[r][col] for r in range(rows) if col < len(self.grid[r])])
                if c.is_label]


def _distinct(slots: list[Cell | None]) -> list[Cell]:
    seen, out = set(), []
    for c in slots:
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return start, end


def build(text: str, rows: list[list[RawCell]], index: int, max_slots: int = MAX_GRID_SLOTS) -> Table | None:
    """Lay rows of raw cells out on a grid (HTML's and Word's rule for merged cells); none
    if the grid would have more than ``max_slots`` slots."""
    # A rowspan stops at the last row given, so the grid has exactly these rows.
    grid: list[list[Cell | None]] = [[] for _ in rows]
    cells: list[Cell] = []
    slots = 0  # the grid's length, rows added up: checked before a span widens a row
    for r, raw_row in enumerate(rows):
        line = grid[r]
        col = 0
        for raw_start, raw_end, rowspan, colspan, is_header in raw_row:
            while col < len(line) and line[col] is not None:
                col += 1
            start, end = raw_start, raw_end
            if start < end and (text[start] in _SPACE or text[end - 1] in _SPACE):
                start, end = _trim(text, start, end)
            if rowspan == 1 and colspan == 1:  # most cells: one slot, the first free one
                cell_text = text[start:end]
                # A text that cannot start a figure holds none: the cell is made without
                # Cell.__new__'s call, and a text without blanks at its ends without _trim's
                # (a row of 200,000 one-character HTML cells: 0.12 -> 0.10 s).
                cell = (_new_tuple(Cell, (start, end, cell_text, r, col, 1, 1, is_header, None, 0, False))
                        if cell_text[:1] not in _FIGURE_FIRST else Cell(start, end, cell_text, r, col, 1, 1, is_header))
                if col == len(line):
                    line.append(cell)
                    slots += 1
                else:
                    line[col] = cell
                cells.append(cell)
                col += 1
                continue
            rowspan = max(1, min(rowspan, MAX_SPAN, len(rows) - r))
            colspan = max(1, min(colspan, MAX_SPAN))
            cell = Cell(start, end, text[start:end], r, col, rowspan, colspan, is_header)
            cells.append(cell)
            for covered in grid[r:r + rowspan]:
                if (grow := col + colspan - len(covered)) > 0:
                    slots += grow
                    if slots > max_slots:
                        return None
                    covered.extend([None] * grow)
                covered[col:col + colspan] = [cell] * colspan
            col += colspan
    if slots > max_slots or not any(c.text for c in cells):
        return None
    return Table(index, tuple(cells), grid)


# --- tables written as lines of text (plain text, Markdown) -------------------------------------

def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in regex.finditer(r"\r\n|\r|\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table line; the pipes that open and close a Markdown row make none."""
    a, b = _row_bounds(text, start, end)
    cells, pos = [], a
    for sep in _TEXT_SEPARATOR.finditer(text, a, b):
        cells.append((pos, sep.start()))
        pos = sep.end()
    cells.append((pos, b))
    return cells


def _row_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a table line's cells lie: blanks and a Markdown row's opening and closing pipes left out."""
    a, b = start, end  # a tab at either end is an empty cell; spaces are no cell
    while a < b and text[a] in " \u3000\r":
        a += 1
    while b > a and text[b - 1] in " \u3000\r":
        b -= 1
    if a < b and text[a] in "|｜":
        a += 1
    if b > a and text[b - 1] in "|｜" and text[a:b].strip(_SPACE):
        b -= 1
    return a, b


def _is_table_line(text: str, start: int, end: int) -> bool:
    """Two or more pipes, or tabs between at least two cells that hold text (a tab left at
    a prose line's end makes no table)."""
    line = text[start:end]
    if "\t" in line and sum(1 for cell in line.split("\t") if cell.strip(_SPACE)) >= 2:
        return True
    return line.count("|") + line.count("｜") + line.count("\t") >= 2  # _TEXT_SEPARATOR's characters


# Every table line holds a separator, so a text without one has no table (most texts). Asked
# with str's own search, a character at a time: the `regex` class scan of _TEXT_SEPARATOR read
# every character of every document (9.5 ms over the benchmark's 1,000 files, 2 of which hold
# one), `in` 2.2 ms. Its own name so that tests/analysis/test_tables_prefilter.py can break it.
_TABLE_SEPARATORS = "|｜\t"  # _TEXT_SEPARATOR's characters


def _may_hold_table(text: str) -> bool:
    return any(ch in text for ch in _TABLE_SEPARATORS)


def text_tables(text: str, first_index: int = 1) -> list[Table]:
    """Runs of two or more lines each split into cells by ``|`` or tabs."""
    if not _may_hold_table(text):
        return []
    return _scan_text_tables(text, first_index)


def _scan_text_tables(text: str, first_index: int) -> list[Table]:
    tables: list[Table] = []
    for run in _table_runs(text):
        table = _text_table(text, run, first_index + len(tables))
        if table is not None:
            tables.append(table)
    return tables


def _table_runs(text: str) -> Iterator[list[tuple[int, int]]]:
    """The line spans of each run of two or more table lines: a text table's lines."""
    run: list[tuple[int, int]] = []
    for start, end in [*_line_spans(text), (len(text), len(text))]:
        if start < end and _is_table_line(text, start, end):
            run.append((start, end))
            continue
        if len(run) >= 2:
            yield run
        run = []


def _text_table(text: str, lines: list[tuple[int, int]], index: int) -> Table | None:
    delimiter = next((i for i, (a, b) in enumerate(lines) if _DELIMITER_ROW.fullmatch(text, a, b)), None)
    rows = [_split_line(text, a, b) for i, (a, b) in enumerate(lines) if i != delimiter]
    if delimiter is not None:
        header_rows = delimiter
    else:  # the leading rows without a figure
        header_rows = 0
        while header_rows < len(rows) and not _has_figure(text, rows[header_rows]):
            header_rows += 1
        if header_rows == len(rows):
            header_rows = 0
    width = max(len(cells) for cells in rows)
    raw_rows = []
    for r, cells in enumerate(rows):
        if r < header_rows:  # a spreadsheet's copy drops the empty cells a header row ends with
            end = cells[-1][1]
            cells = cells + [(end, end)] * (width - len(cells))
        raw_rows.append([RawCell(a, b, 1, 1, r < header_rows) for a, b in cells])
    table = build(text, raw_rows, index)
    return _merge_blanks(table, header_rows) if table else None


def _has_figure(text: str, cells: list[tuple[int, int]]) -> bool:
    return any(_FIGURE.fullmatch(text, a, b) and a < b for a, b in cells)


def _merge_blanks(table: Table, header_rows: int) -> Table:
    """Undo the flattening of merged cells: an empty cell right of a header in a header row
    continues that header; an empty cell before a row's first figure, under a label, continues
    the label above (its row header spans this row too)."""
    grid = table.grid
    merged: dict[int, Cell] = {}  # id of a cell -> the cell it grew into

    def grow(cell: Cell, rows: int = 0, cols: int = 0) -> Cell:
        current = merged.get(id(cell), cell)
        bigger = Cell(current.start, current.end, current.text, current.row, current.col,
                      current.rowspan + rows, current.colspan + cols, current.is_header)
        merged[id(cell)] = bigger
        return cell

    owner: dict[tuple[int, int], Cell] = {}
    for r, line in enumerate(grid):
        first_figure = next((c for c, cell in enumerate(line) if cell and cell.figure is not None), len(line))
        labelled = False  # whether a cell of this row before c holds text
        for c, cell in enumerate(line):
            if cell is None or cell.text:
                owner[(r, c)] = cell
                labelled = labelled or cell is not None
                continue
            left = owner.get((r, c - 1))
            above = owner.get((r - 1, c))
            if (r < header_rows or (labelled and c < first_figure)) and left is not None and left.text \
                    and left.row == r and left.figure is None:
                grow(left, cols=1)  # a header, or a row label, spread over this column
                owner[(r, c)] = left
            elif (not labelled and c < first_figure and r >= header_rows and above is not None and above.text
                  and above.figure is None and above.col == c):
                grow(above, rows=1)  # the outer row label of the rows above, merged down
                owner[(r, c)] = above
            else:
                owner[(r, c)] = cell
    if not merged:
        return table
    final = merged
    new_grid = [[final.get(id(owner[(r, c)]), owner[(r, c)]) if owner.get((r, c)) is not None else None
                 for c in range(len(line))] for r, line in enumerate(grid)]
    absorbed = {id(grid[r][c]) for (r, c), o in owner.items() if o is not None and grid[r][c] is not o}
    cells = tuple(final.get(id(c), c) for c in table.cells if id(c) not in absorbed)
    return Table(table.index, cells, new_grid)


def has_tables(document: Any) -> bool:
    """Whether in_table can be true anywhere in the document: a caller asking for every
    paragraph asks once instead (a page of short lines has tens of thousands)."""
    return bool(document.memo(_table_spans))


def in_table(document: Any, offset: int) -> bool:
    """Whether an offset of the document's text falls inside one of its tables: a cell's
    text is no heading, and the tabs of a tab-separated row are no stray spaces."""
    spans = document.memo(_table_spans)
    if not spans:
        return False
    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def document_tables(document: Any) -> tuple[Table, ...]:
    """The document's tables: those its reader found (DOCX, HTML), else the tables written
    as lines in its text (plain text, Markdown), read once per document."""
    if document.tables:
        return document.tables
    return document.memo(_text_tables)


# Memo keys of the layer are its functions (gongwen.document.Document.memo), as elsewhere in
# gongwen.analysis: a string key could collide with a rule pack's.
def _table_spans(document: Any) -> list[tuple[int, int]]:
    if document.tables:
        return sorted((t.start, t.end) for t in document.tables if not t.is_layout)
    return text_table_spans(document.text)


def _text_tables(document: Any) -> tuple[Table, ...]:
    return tuple(text_tables(document.text))


def text_table_spans(text: str) -> list[tuple[int, int]]:
    """The spans of text_tables(text)'s data tables, in order, mostly without laying a grid out:
    in_table needs only where each table starts and ends, and laying out a page of 166,000
    Markdown rows (333,000 cells) cost ~1 s. tests/analysis/test_table_spans.py compares the two."""
    if not _may_hold_table(text):
        return []
    spans = []
    for run in _table_runs(text):
        span = _plain_span(text, run)
        if span is None:
            table = _text_table(text, run, 1)
            if table is not None and not table.is_layout:
                spans.append((table.start, table.end))
        else:
            spans.append(span)
    return spans


def _plain_span(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span the table of these lines has, read off its first and last cells, when that
    is certain without a grid: the last line no header row (one would be padded with empty
    cells after its last), its last cell not empty (_merge_blanks absorbs only empty cells,
    and the first cell, with nothing left of it or above, never), lines too short for a
    layout cell and too few slots for MAX_GRID_SLOTS. None when not certain: build the table."""
    delimiter = next((i for i, (a, b) in enumerate(lines) if _DELIMITER_ROW.fullmatch(text, a, b)), None)
    if delimiter == len(lines) - 1:
        return None
    longest = max(b - a for a, b in lines)
    if longest > MAX_CELL_CHARS:
        return None
    # A row has a cell more than it has separators, and header rows are padded to the widest.
    a, b = lines[0][0], lines[-1][1]
    cells = text.count("|", a, b) + text.count("｜", a, b) + text.count("\t", a, b) + len(lines)
    if len(lines) * (longest + 1) + cells > MAX_GRID_SLOTS:
        # without a delimiter, leading rows without a figure are headers, unless every row is one
        header_rows = delimiter if delimiter is not None else _figureless_rows(text, lines) % len(lines)
        if header_rows * (longest + 1) + cells > MAX_GRID_SLOTS:
            return None
    # the first cell runs to the first separator, the last from the last one (one character each)
    a, b = _row_bounds(text, *(lines[1] if delimiter == 0 else lines[0]))
    sep = _TEXT_SEPARATOR.search(text, a, b)
    start = _trim(text, a, sep.start() if sep else b)[0]
    a, b = _row_bounds(text, *lines[-1])
    last = max(text.rfind("|", a, b), text.rfind("｜", a, b), text.rfind("\t", a, b))
    last_start, end = _trim(text, last + 1 if last >= 0 else a, b)
    return (start, end) if last_start < end else None


def _figureless_rows(text: str, lines: list[tuple[int, int]]) -> int:
    """How many leading lines hold no figure cell: the lines before the first digit hold none."""
    digit = _DIGIT.search(text, lines[0][0], lines[-1][1])
    if digit is None:
        return len(lines)
    n = bisect.bisect_right(lines, (digit.start(), len(text))) - 1
    while n < len(lines) and not _has_figure(text, _split_line(text, *lines[n])):
        n += 1
    return n
