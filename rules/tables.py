"""Tables whose figures disagree: a total with its parts, a share with its count and the
total, a figure the text repeats with another value. Tables come as grids from DOCX, HTML,
Markdown and tab-separated text (gongwen.analysis.tables); each finding points at a cell."""
from __future__ import annotations

from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon
from gongwen.analysis import table_sums as sums
from gongwen.analysis.tables import Cell, Table, document_tables

MAX_LABELS = 8  # parts shown under a finding; a long column is summed, not drawn


def _tables(ctx: RuleContext) -> Iterable[Table]:
    """The tables a generic rule reads: the disclosure report's template tables have their
    own relations and messages (CON007)."""
    from gongwen.rules.disclosure import template_table

    for table in document_tables(ctx.document):
        if template_table(table) is None:
            yield table


def _shown(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}"


class TableTotal(Rule):
    """## What it does
    检查表格中的合计、总计、小计是否等于它所合计的各项：合计列等于同一上级表头下的各列之和，
    合计行等于它所属分组（合并的行标题所跨的行，或上一个合计之后的各行）之和。

    表格从 DOCX、HTML、Markdown 和以制表符分列的纯文本中读出，合并单元格已还原，
    每个单元格都知道自己的行标题和列标题。不计入合计的：“其中”项，
    率、增长、占比、平均数等不可相加的行列；合计之下有小计时，合计等于各小计之和。
    带小数或大额的数据按显示精度容许四舍五入误差，小的整数（件数、人数）必须严格相等。

    ## Why is this bad?
    合计与分项不符，至少有一个数填错或漏改，读者无从判断哪个数可信。

    ## Example
    ```text
    | 地区 | 新增企业 | 注销企业 |
    |---|---|---|
    | 东城 | 12 | 3 |
    | 西城 | 8 | 2 |
    | 合计 | 21 | 5 |
    ```

    Use instead:
    ```text
    | 地区 | 新增企业 | 注销企业 |
    |---|---|---|
    | 东城 | 12 | 3 |
    | 西城 | 8 | 2 |
    | 合计 | 20 | 5 |
    ```
    """

    code = "CON008"
    name = "table-total-mismatch"
    severity = Severity.WARNING
    scope = "document"
    preview = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for table in _tables(ctx):
            yield from (self.report(s) for s in sums.table_sums(table) if not s.agrees)

    @staticmethod
    def report(s: sums.Sum) -> Violation:
        decimals = max(c.decimals for c in (s.total, *s.parts))
        where = "合计行" if s.axis == "row" else "合计列"
        return Violation(
            s.total.start, s.total.end,
            f"表 {s.table.index} {sums.name_of(s.table, s.total)}为{s.total.text}，"
            f"与所合计的{len(s.parts)}项之和{_shown(s.parts_sum, decimals)}不符（{where}）",
            help="核对合计和各分项，改正填错的数",
            labels=tuple(Label(c.start, c.end, sums.name_of(s.table, c)) for c in s.parts[:MAX_LABELS]),
        )


class TableShare(Rule):
    """## What it does
    检查表格中的占比（比重、构成）列：每一行的占比应等于本行的数量除以合计行的数量，
    在显示精度的四舍五入范围内。只检查合计行的占比为 100（或空）的列，这样的列才是
    “占合计的比重”；占比列对应的数量列是同一上级表头下、紧挨在它左边的数量列。

    ## Why is this bad?
    占比与数量对不上，说明数量或占比有一个是错的（常见于改了数量而没有重算占比）。

    ## Example
    ```text
    | 类型 | 件数 | 占比（%） |
    |---|---|---|
    | 咨询 | 50 | 40 |
    | 投诉 | 90 | 60 |
    | 合计 | 140 | 100 |
    ```

    Use instead:
    ```text
    | 类型 | 件数 | 占比（%） |
    |---|---|---|
    | 咨询 | 60 | 40 |
    | 投诉 | 90 | 60 |
    | 合计 | 150 | 100 |
    ```
    """

    code = "CON009"
    name = "table-share-mismatch"
    severity = Severity.WARNING
    scope = "document"
    preview = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for table in _tables(ctx):
            yield from self._table(table)

    def _table(self, table: Table) -> Iterable[Violation]:
        if not sums.within_limits(table):
            return
        totals = list(sums._total_rows(table))
        if len(totals) != 1:
            return  # with subtotals, which total a share is of is not certain
        total_row = totals[0]
        heads = [table.column_heads(c) for c in range(table.n_cols)]
        for col, chain in enumerate(heads):
            if not chain or not sums._has(chain[-1].text, "shares"):
                continue
            own = table.at(total_row, col)
            if own is not None and own.text and own.figure != 100:
                continue  # not a share of this total
            count_col = next((c for c in range(col - 1, -1, -1) if heads[c][:-1] == chain[:-1]
                              and heads[c] and not sums._has(heads[c][-1].text, "not_additive")), None)
            whole = table.at(total_row, count_col) if count_col is not None else None
            if whole is None or not whole.figure:
                continue
            for row in range(table.header_rows, table.n_rows):
                if row == total_row:
                    continue
                share, count = table.at(row, col), table.at(row, count_col)
                if share is None or count is None or share.figure is None or count.figure is None \
                        or share.row != row or count.row != row:
                    continue
                if not self._agrees(share, count, whole):
                    yield Violation(
                        share.start, share.end,
                        f"表 {table.index} {sums.name_of(table, share)}为{share.text}，但"
                        f"{count.text}÷{whole.text}＝{_shown(100 * count.figure / whole.figure, max(share.decimals, 1))}%",
                        help="核对数量、合计和占比，改正填错的数",
                        labels=(Label(count.start, count.end, "数量"), Label(whole.start, whole.end, "合计")),
                    )

    @staticmethod
    def _agrees(share: Cell, count: Cell, whole: Cell) -> bool:
        def half(c: Cell) -> float:
            return 0.5 * 10 ** -c.decimals if c.decimals or abs(c.figure) >= sums.BIG_INTEGER else 0.0

        lo = 100 * (count.figure - half(count)) / (whole.figure + half(whole))
        hi = 100 * (count.figure + half(count)) / max(whole.figure - half(whole), 1e-9)
        margin = 0.5 * 10 ** -share.decimals + 1e-9
        return lo - margin <= share.figure <= hi + margin


# A figure in a sentence: the number right after the labels, with only a verb between.
_TEXT_FIGURE = lazy_regex.compile(r"[为达是共计：:]{0,2}([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(?![0-9.,])(万|亿)?")
_CLAUSE_END = lazy_regex.compile(r"[，。；;！？\n]|,(?![0-9]{3})")  # 1,180 is one number
MAX_CLAUSE = 120  # a clause longer than this is cut: a label and its figure stand close
# A clause that compares (比上年增加, 同比增长) or plans gives another figure than the cell's;
# 增加值 (value added) and 比重 (share) are names, not comparisons.
_COMPARISON = lazy_regex.compile(r"上年|去年|同比|环比|增长|下降|增加(?!值)|减少|比(?!重|例)|较|计划|目标")


class TableFigureInText(Rule):
    """## What it does
    检查正文复述表格数据时是否写成了另一个值：正文的一个分句同时写出某个单元格的行标题和
    列标题（如“东城区新增企业15家”对应表中“东城区/新增企业”），紧随其后的数字
    与该单元格不同，而且分句中不是比较（上年、同比、增长、计划等）。

    ## Why is this bad?
    表格和正文是同一份数据的两种写法，两处不一致时，读者不知道哪个是对的。

    ## Example
    ```text
    | 地区 | 新增企业 |
    |---|---|
    | 东城区 | 12 |
    | 西城区 | 8 |
    东城区新增企业15家，西城区新增企业8家。
    ```

    Use instead:
    ```text
    | 地区 | 新增企业 |
    |---|---|
    | 东城区 | 12 |
    | 西城区 | 8 |
    东城区新增企业12家，西城区新增企业8家。
    ```
    """

    code = "CON010"
    name = "table-figure-restated"
    severity = Severity.WARNING
    scope = "document"
    preview = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        by_row: dict[str, list[tuple[Table, str, Cell]]] = {}
        for table in document_tables(ctx.document):
            if sums.within_limits(table):
                for row, cols, cell in self._named_cells(table):
                    by_row.setdefault(row, []).append((table, cols, cell))
        if not by_row:
            return
        # one pass over the text for every row label of every table
        for m in regex.finditer(lexicon.alternation(by_row), text):
            clause = self._clause_at(text, m.start())
            words = text[clause[0]:clause[1]]
            if _COMPARISON.search(words) or words.count(m.group()) > 1:
                continue
            for table, cols, cell in by_row[m.group()]:
                if table.start <= m.start() < table.end:
                    continue
                found = self._restated(text, clause, m.end() - clause[0], cols, cell)
                if found is not None:
                    yield Violation(
                        cell.start, cell.end,
                        f"表 {table.index} {sums.name_of(table, cell)}为{cell.text}，正文写作{found.group(1)}",
                        help="核对表格和正文，两处改成同一个数",
                        labels=(Label(found.start(1), found.end(1), "正文"),),
                    )

    @staticmethod
    def _clause_at(text: str, at: int) -> tuple[int, int]:
        """The clause around an offset, at most MAX_CLAUSE characters either side."""
        start = max(at - MAX_CLAUSE, 0)
        before = [m.end() for m in _CLAUSE_END.finditer(text, start, at)]
        after = _CLAUSE_END.search(text, at, min(at + MAX_CLAUSE, len(text)))
        return (before[-1] if before else start), (after.start() if after else min(at + MAX_CLAUSE, len(text)))

    @staticmethod
    def _named_cells(table: Table) -> list[tuple[str, tuple[tuple[str, ...], str], Cell]]:
        """(row label, every column header, cell) of each figure a sentence could name: a
        column under 新设立 and one under 注销 are both 内资企业, so all its headers must be named."""
        out = []
        for cell in table.cells:
            if cell.row < table.header_rows or cell.figure is None:
                continue
            rows = sums._row_labels(table, cell.row)
            cols = tuple(regex.sub(r"[（(][^）)]*[）)]", "", sums.core(c.text))
                         for c in table.column_heads(cell.col))
            if not rows or not cols or sums.total_word(rows[-1].text):
                continue
            row = sums.core(rows[-1].text)
            if len(row) >= 2 and all(len(c) >= 2 and not sums._has(c, "not_additive") for c in cols):
                units = "".join(c.text for c in table.column_heads(cell.col))
                out.append((row, (cols, units), cell))
        return out

    @staticmethod
    def _restated(text: str, clause: tuple[int, int], row_end: int, heads: tuple[tuple[str, ...], str],
                  cell: Cell) -> regex.Match | None:
        """The figure the clause gives for the cell, when it is another value: the number
        right after the last of its labels, in the same scale (亿 only under a 亿元 header)."""
        cols, units = heads
        words = text[clause[0]:clause[1]]
        ends = [row_end]
        for col in cols:
            j = words.find(col)
            if j < 0 or words.count(col) > 1:
                return None
            ends.append(j + len(col))
        m = _TEXT_FIGURE.match(text, clause[0] + max(ends), clause[1])
        if not m or (m.group(2) and m.group(2) not in units):
            return None
        value = float(m.group(1).replace(",", ""))
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        if abs(value - cell.figure) < 1e-9 or abs(value - round(cell.figure, decimals)) < 1e-9:
            return None
        return m


RULES = (TableTotal, TableShare, TableFigureInText)
