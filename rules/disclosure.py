"""The arithmetic of the 政府信息公开工作年度报告 template: the rows of its table 三 must balance,
whether the report gives the table (Markdown or plain-text rows) or restates it in prose."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

import regex

from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon

# The template's relations, as it states them: what comes in is what is settled plus what is
# carried over; the results add up to their total.
BALANCE = (("new", "carried_in"), ("total", "carried_out"))
RESULTS = ("open", "partly", "withheld", "unavailable", "not_handled", "other")
_CELL_SPLIT = regex.compile(r"[|｜\t]")
_INTEGER = regex.compile(r"\s*([0-9]{1,7})\s*")
# Prose: the row's number follows its label within the clause (部分公开（区分处理的…）19件).
_PROSE_NUMBER = regex.compile(r"(?:（[^）\n]{0,30}）)?[^。；;\n0-9（]{0,12}?([0-9]{1,7})(?![0-9.])")
_SUB_ITEM = regex.compile(r"[0-9]{1,2}[.．、]")  # 1.属于国家秘密: a sub-item of a category
MAX_SECTION_CHARS = 20_000  # a table 三 longer than this is not one


@dataclass(frozen=True)
class Row:
    key: str
    cells: tuple[tuple[int, int, int], ...]  # (value, start, end) of each number, the total last

    @property
    def value(self) -> int:
        return self.cells[-1][0]

    @property
    def span(self) -> tuple[int, int]:
        return self.cells[-1][1], self.cells[-1][2]


@cache
def _template() -> tuple[dict, dict[str, regex.Pattern], dict[str, str]]:
    raw = lexicon.table("disclosure_template.toml")
    return raw, {k: regex.compile(lexicon.alternation(v)) for k, v in raw["rows"].items()}, raw["names"]


def _heading(words: list[str]) -> regex.Pattern:
    """A heading line that starts with one of the words, after a 三、 or （三） marker: the
    report's opening paragraph names every part too, and is no part."""
    return regex.compile(rf"^[ \t\u3000#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?"
                         rf"[ \t\u3000]*(?:{lexicon.alternation(words)})", regex.MULTILINE)


def _section(text: str) -> tuple[int, int] | None:
    raw, _, _ = _template()
    start = _heading(raw["section"]).search(text)
    if start is None:
        return None
    end = _heading(raw["section_end"]).search(text, start.end())
    return start.end(), min(end.start() if end else len(text), start.end() + MAX_SECTION_CHARS)


def _line_cells(text: str, start: int, end: int) -> tuple[list[tuple[int, int, int]], list[str]]:
    """The numeric cells (value, start, end) and the text of the other cells of a table line."""
    numbers, words, pos = [], [], start
    for sep in [*_CELL_SPLIT.finditer(text, start, end), None]:
        stop = sep.start() if sep else end
        m = _INTEGER.fullmatch(text, pos, stop)
        if m:
            numbers.append((int(m.group(1)), m.start(1), m.end(1)))
        elif text[pos:stop].strip():
            words.append(text[pos:stop].strip())
        pos = sep.end() if sep else end
    return numbers, words


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _row(text: str, key: str, label: regex.Match) -> Row | None:
    """The row a label names: the numeric cells after it on a table line, else its prose number.
    A category of the table whose line begins its sub-items (（三）不予公开 | 1.属于国家秘密 | …) is
    the sum of its sub-item lines, column by column."""
    line_end = _line_end(text, label.end())
    if not _CELL_SPLIT.search(text, label.end(), line_end):
        m = _PROSE_NUMBER.match(text, label.end(), line_end)
        return Row(key, ((int(m.group(1)), m.start(1), m.end(1)),)) if m else None
    cells, words = _line_cells(text, label.end(), line_end)
    if not cells:
        return None
    if not (words and _SUB_ITEM.match(words[0])):
        return Row(key, tuple(cells))
    sums = [v for v, _, _ in cells]
    pos = line_end + 1
    while pos < len(text):
        end = _line_end(text, pos)
        more, more_words = _line_cells(text, pos, end)
        if len(more) != len(sums) or not more_words or not all(_SUB_ITEM.match(w) for w in more_words):
            break
        sums = [a + v for a, (v, _, _) in zip(sums, more)]
        line_end, pos = end, end + 1
    # a sum has no cell of its own: it points at the category's lines
    return Row(key, tuple((v, label.start(), line_end) for v in sums))


def read_rows(text: str) -> dict[str, Row]:
    """The rows of table 三 found in a report, by key."""
    section = _section(text)
    if section is None:
        return {}
    _, labels, _ = _template()
    rows = {}
    for key, pattern in labels.items():
        m = pattern.search(text, *section)
        row = _row(text, key, m) if m else None
        if row is not None:
            rows[key] = row
    return rows


class DisclosureTableBalance(Rule):
    """## What it does
    检查政府信息公开工作年度报告“收到和处理政府信息公开申请情况”（表三）中模板规定的算术关系：
    - 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理；
    - 办理结果总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理；
    - 表格的每一行：总计列 = 自然人与各类法人或其他组织各列之和。

    表格（Markdown 或以 `|`、制表符分列的纯文本表）和以文字复述表格的写法都能读出；
    行按模板的行名认出（`rules/data/disclosure_template.toml`），只检查报告中写出了的行。

    ## Why is this bad?
    这些关系由《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）规定，是恒等式：
    不相等说明至少有一个数据填错，是年度报告检查中最常见的数据问题之一。
    不检查：没写全一个关系所需各行的报告（缺行时无从核对），以及“其中”下的细分项
    （由 CON002 检查）。

    ## Example
    ```text
    三、收到和处理政府信息公开申请情况
    本年新收政府信息公开申请数量126件，上年结转政府信息公开申请数量4件。本年度办理结果总计127件，结转下年度继续办理5件。
    ```

    Use instead:
    ```text
    三、收到和处理政府信息公开申请情况
    本年新收政府信息公开申请数量126件，上年结转政府信息公开申请数量4件。本年度办理结果总计127件，结转下年度继续办理3件。
    ```
    """

    code = "CON007"
    name = "disclosure-table-balance"
    severity = Severity.WARNING
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if "政府信息公开" not in text:
            return
        rows = read_rows(text)
        if not rows:
            return
        names = _template()[2]
        yield from self._balance(rows, names)
        yield from self._results(rows, names)
        yield from self._row_sums(text, rows, names)

    @staticmethod
    def _columns(rows: list[Row]) -> list[int]:
        """The columns to check: the total (the last cell) and, when every row is a table row
        with the same columns, each applicant column too (the template's 本列数据的勾稽关系)."""
        widths = {len(r.cells) for r in rows}
        width = widths.pop() if len(widths) == 1 else 1
        return [width - 1, *range(width - 1)]

    @staticmethod
    def _column_name(i: int, width: int) -> str:
        return "" if i == width - 1 else f"第{i + 1}个数据列"

    def _balance(self, rows: dict[str, Row], names: dict[str, str]) -> Iterable[Violation]:
        left, right = BALANCE
        if not all(k in rows for k in left + right):
            return
        involved = [rows[k] for k in left + right]
        width = len(involved[0].cells)
        for i in self._columns(involved):
            ins, outs = (sum(rows[k].cells[i][0] for k in side) for side in (left, right))
            if ins == outs:
                continue
            shown_in = "＋".join(f"{names[k]}{rows[k].cells[i][0]}" for k in left)
            shown_out = "＋".join(f"{names[k]}{rows[k].cells[i][0]}" for k in right)
            cell = rows["carried_out"].cells[i]
            yield Violation(
                cell[1], cell[2],
                f"{self._column_name(i, width)}申请数不平衡：{shown_in}＝{ins}，{shown_out}＝{outs}"
                f"（年度报告模板：本年新收＋上年结转＝办理结果总计＋结转下年度继续办理）",
                help="核对表三各行数据",
                labels=tuple(Label(rows[k].cells[i][1], rows[k].cells[i][2], names[k]) for k in left + ("total",)),
            )
            return  # one report: the columns of one wrong row all disagree

    def _results(self, rows: dict[str, Row], names: dict[str, str]) -> Iterable[Violation]:
        if "total" not in rows or not all(k in rows for k in RESULTS):
            return
        involved = [rows[k] for k in (*RESULTS, "total")]
        width = len(involved[0].cells)
        for i in self._columns(involved):
            parts = sum(rows[k].cells[i][0] for k in RESULTS)
            total = rows["total"].cells[i]
            if parts == total[0]:
                continue
            yield Violation(
                total[1], total[2],
                f"{self._column_name(i, width)}办理结果总计{total[0]}不等于各项办理结果之和{parts}："
                + "＋".join(f"{names[k]}{rows[k].cells[i][0]}" for k in RESULTS) + "（年度报告模板：总计为各项之和）",
                help="核对表三各项办理结果和总计",
                labels=tuple(Label(rows[k].cells[i][1], rows[k].cells[i][2], names[k]) for k in RESULTS),
            )
            return

    @staticmethod
    def _row_sums(text: str, rows: dict[str, Row], names: dict[str, str]) -> Iterable[Violation]:
        for key, row in rows.items():
            if len(row.cells) < 3:
                continue  # prose, or a table without the applicant columns
            *parts, total = row.cells
            if sum(v for v, _, _ in parts) == total[0]:
                continue
            yield Violation(
                total[1], total[2],
                f"“{names[key]}”一行的总计{total[0]}不等于各列之和{sum(v for v, _, _ in parts)}"
                f"（年度报告模板：总计列为自然人与各类法人或其他组织之和）",
                help="核对这一行各列数据",
            )


RULES = (DisclosureTableBalance,)
