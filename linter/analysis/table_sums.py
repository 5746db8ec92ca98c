"""The sums a table states: a row or column whose label is a total (合计/总计/小计) and the
cells it closes, found from the grid's headers (gongwen.analysis.tables), and whether they agree
within the rounding of the figures shown.

Which cells a total closes, by its headers: a total column closes the columns under the same
outer header (行政复议: 维持, 纠正, 其他, 尚未审结 → 总计); with none, the other columns of its
row. A total row closes the rows its outer row label spans (三、本年度办理结果 → （一）…（六） →
（七）总计); with none, the rows back to the previous total (or, when the total comes first,
on to the next). Sub-items (其中…) and columns of rates, shares and averages are never parts;
a total over subtotals adds the subtotals.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache


from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon
from gongwen.analysis.tables import Cell, Table

_ORDINAL = lazy_regex.compile(r"^(?:[（(][一二三四五六七八九十0-9]+[）)]|[一二三四五六七八九十]+、|[0-9]+[.．、])")
_BLANKS = lazy_regex.compile(r"[ \t\u3000\u00a0\u2028\n：:]")
BIG_INTEGER = 10_000  # integers this large are usually rounded amounts (万元), not counts
# A grid larger than this is data, not a table a reader adds up: finding each total's siblings
# costs rows × columns per total, so the size is bounded to keep the rules linear in practice.
MAX_ROWS, MAX_COLS = 2000, 100


@cache
def words() -> dict[str, tuple[str, ...]]:
    raw = lexicon.table("table_words.toml")
    return {k: tuple(v) for k, v in raw.items()}


def core(label: str) -> str:
    """A label without its ordinal (（七）, 三、, 1.) and blanks: what it names."""
    return _ORDINAL.sub("", _BLANKS.sub("", label))


def total_word(label: str) -> str | None:
    """The total word a label ends with (全市合计 → 合计), None if it is no total."""
    name = core(label)
    if len(name) > 8:
        return None  # a sentence that ends with 总数 is no label
    return next((w for w in words()["totals"] if name.endswith(w)), None)


def _has(text: str, kind: str) -> bool:
    return any(w in text for w in words()[kind])


def is_sub_item(label: str) -> bool:
    return core(label).startswith(words()["sub_items"])


def part_value(cell: Cell | None) -> float | None:
    """A cell's value as a part of a sum: its figure, 0 for a dash, None if it holds text."""
    if cell is None:
        return None
    if cell.figure is not None and not cell.is_percent:
        return cell.figure
    if cell.text in words()["empty_parts"] or not cell.text:
        return 0.0
    return None


@dataclass(frozen=True)
class Sum:
    """A total cell and the cells it closes, as the table lays them out."""

    table: Table
    total: Cell
    parts: tuple[Cell, ...]
    axis: str  # "row": the total is in a total row; "column": in a total column

    @property
    def parts_sum(self) -> float:
        return sum(part_value(c) or 0.0 for c in self.parts)

    @property
    def agrees(self) -> bool:
        """Equal, or within what rounding each shown figure can account for."""
        cells = (self.total, *self.parts)
        decimals = max(c.decimals for c in cells)
        gap = abs(self.parts_sum - (self.total.figure or 0.0))
        if decimals == 0 and max(abs(part_value(c) or 0.0) for c in cells) < BIG_INTEGER:
            return gap < 1e-9  # counts add up exactly
        return gap <= 0.5 * 10 ** -decimals * len(cells) + 1e-9


def _first_figure_col(table: Table, row: int) -> int:
    return next((c.col for c in table.row_cells(row) if c.figure is not None and not c.is_header), table.n_cols)


def _row_labels(table: Table, row: int) -> list[Cell]:
    """A row's label cells, outermost first: the labels before its first figure."""
    first = _first_figure_col(table, row)
    return [c for c in table.row_cells(row) if c.col < first and c.is_label]


def _additive(heads: list[Cell]) -> bool:
    return not any(_has(h.text, "not_additive") for h in heads[1:] or heads) and not any(
        is_sub_item(h.text) for h in heads)


def _closed(index: int, order: list[int], totals: dict[int, str]) -> list[int]:
    """What the total at ``index`` closes among its siblings ``order`` (rows or columns in
    order): those before it back to the previous total of its level (a 合计 passes over
    小计s, a 小计 over nothing), or when it comes first, those after it. Over subtotals, it
    adds the subtotals and what follows the last of them (the ones before are in it)."""
    word = totals[index]
    is_sub = word in words()["subtotals"]

    def stops(k: int) -> bool:
        return k in totals and (is_sub or totals[k] not in words()["subtotals"])

    at = order.index(index)
    group: list[int] = []
    for k in reversed(order[:at]):
        if stops(k):
            break
        group.append(k)
    group.reverse()
    if not group:
        for k in order[at + 1:]:
            if stops(k):
                break
            group.append(k)
    if is_sub or not any(k in totals for k in group):
        return [k for k in group if k not in totals]
    out, pending = [], []
    for k in group:
        if k in totals:
            out.append(k)
            pending = []
        else:
            pending.append(k)
    return out + pending


def column_sums(table: Table) -> list[Sum]:
    sums: list[Sum] = []
    heads = [table.column_heads(c) for c in range(table.n_cols)]
    totals = {c: w for c, chain in enumerate(heads)
              if chain and chain[-1].colspan == 1 and (w := total_word(chain[-1].text))}
    for col in totals:
        chain = heads[col]
        siblings = [c for c in range(table.n_cols) if heads[c] and heads[c][:-1] == chain[:-1]
                    and (c == col or heads[c][-1] is not chain[-1])]
        if len(chain) == 1 and siblings == [col]:
            # a total beside the grouped columns (企业数 over 新增 and 注销 | 合计): it closes them
            siblings = [c for c in range(table.n_cols) if heads[c] and (c == col or heads[c][0] is not chain[0])]
        group = [c for c in _closed(col, siblings, totals) if _additive(heads[c])]
        for row in range(table.header_rows, table.n_rows):
            total = table.at(row, col)
            if total is None or total.figure is None or total.is_percent or total.row != row:
                continue
            first = _first_figure_col(table, row)
            parts = [table.at(row, c) for c in group if c >= first]
            if len(parts) >= 2 and all(p is not None and p.row == row and part_value(p) is not None for p in parts) \
                    and len({id(p) for p in parts}) == len(parts):
                sums.append(Sum(table, total, tuple(parts), "column"))
    return sums


def _total_rows(table: Table) -> dict[int, str]:
    found = {}
    for row in range(table.header_rows, table.n_rows):
        labels = _row_labels(table, row)
        if labels and labels[-1].row == row and (word := total_word(labels[-1].text)):
            found[row] = word
    return found


def row_sums(table: Table) -> list[Sum]:
    sums: list[Sum] = []
    totals = _total_rows(table)
    for row in totals:
        labels = _row_labels(table, row)
        outer = labels[-2] if len(labels) >= 2 and labels[-2].rowspan > 1 else None
        order = list(range(outer.row, outer.row + outer.rowspan)) if outer else list(range(table.header_rows, table.n_rows))
        parts_rows = [r for r in _closed(row, order, totals)
                      if (ls := _row_labels(table, r)) and not is_sub_item(ls[-1].text)]
        if len(parts_rows) < 2:
            continue
        for total in table.row_cells(row):
            if total.figure is None or total.is_percent or total.colspan > 1 or total.row != row:
                continue
            if not _additive(table.column_heads(total.col)):
                continue
            parts = [table.at(r, total.col) for r in parts_rows]
            if all(p is not None and p.row == r and p.rowspan == 1 and p.colspan == 1 and part_value(p) is not None
                   for p, r in zip(parts, parts_rows)):
                sums.append(Sum(table, total, tuple(parts), "row"))
    return sums


def table_sums(table: Table) -> list[Sum]:
    """Every total the table states, with its parts (none in a grid beyond MAX_ROWS × MAX_COLS)."""
    if not within_limits(table):
        return []
    return column_sums(table) + row_sums(table)


def within_limits(table: Table) -> bool:
    return table.n_rows <= MAX_ROWS and table.n_cols <= MAX_COLS


def name_of(table: Table, cell: Cell) -> str:
    """A cell named by its row and column labels, for messages (“东城/合计”)."""
    row = [c.text for c in _row_labels(table, cell.row)[-2:]]
    col = [c.text for c in table.column_heads(cell.col)[-2:]]
    return "“" + "/".join(core(t) or t for t in row + col) + "”"
