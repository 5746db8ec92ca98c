"""The 政府信息公开工作年度报告 template: the rows of its table 三 must balance and the totals of
table 四 add up, whether the report gives the tables as grids (DOCX, HTML, Markdown, tab-
or pipe-separated text) or restates them in prose; and a report has the tables and the rows
the template requires."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon
from gongwen.analysis import table_sums as sums
from gongwen.analysis.tables import Cell, Table, document_tables
from gongwen.analysis import pattern_cache

# The template's relations, as it states them: what comes in is what is settled plus what is
# carried over; the results add up to their total.
BALANCE = (("new", "carried_in"), ("total", "carried_out"))
RESULTS = ("open", "partly", "withheld", "unavailable", "not_handled", "other")
_CELL_SPLIT = lazy_regex.compile(r"[|｜\t]")
_INTEGER = lazy_regex.compile(r"\s*([0-9]{1,7})\s*")
# Prose: the row's number follows its label within the clause (部分公开（区分处理的…）19件).
_PROSE_NUMBER = lazy_regex.compile(r"(?:（[^）\n]{0,30}）)?[^。；;\n0-9（]{0,12}?([0-9]{1,7})(?![0-9.])")
_SUB_ITEM = lazy_regex.compile(r"[0-9]{1,2}[.．、]")  # 1.属于国家秘密: a sub-item of a category
MAX_SECTION_CHARS = 20_000  # a table 三 longer than this is not one
TITLE_CHARS = 200  # where a report's title is: its name says 年度报告


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
    return raw, {k: lazy_regex.compile(lexicon.alternation(v)) for k, v in raw["rows"].items()}, raw["names"]


def _heading(words: list[str]) -> regex.Pattern:
    """A heading line that starts with one of the words, after a 三、 or （三） marker: the
    report's opening paragraph names every part too, and is no part."""
    return pattern_cache.regex_compile(rf"^[ \t\u3000#]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?"
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


def template_table(table: Table) -> str | None:
    """Which of the template's tables (二, 三, 四) a grid is, by the labels its cells carry."""
    labels = "".join(c.text for c in table.cells if c.is_label)
    for part in _template()[0]["parts"]:
        if "signature" in part and sum(w in labels for w in part["signature"]) >= part["min"]:
            return part["key"]
    return None


def grid_rows(table: Table) -> dict[str, Row]:
    """The rows of table 三 read from its grid: a row is the template row its innermost
    matching label names, its cells the figures after its labels; a category spread over
    sub-item rows (（三）不予公开 over 1.属于国家秘密 …) is their sum, column by column."""
    _, labels, _ = _template()
    found: dict[str, list[tuple[Cell, list[Cell]]]] = {}
    for row in range(table.n_rows):
        cells = [c for c in table.row_cells(row) if c.row == row or c.rowspan > 1]
        figures = [c for c in cells if c.figure is not None and not c.is_header and c.row == row]
        names = [c for c in cells if c.is_label and c.col < (figures[0].col if figures else table.n_cols)]
        if not figures:
            continue
        for label in reversed(names):
            key = next((k for k, p in labels.items() if p.search(label.text)), None)
            if key is not None:
                found.setdefault(key, []).append((label, figures))
                break
    rows = {}
    for key, hits in found.items():
        widths = {len(f) for _, f in hits}
        if len(widths) != 1:
            continue
        if len(hits) == 1:
            rows[key] = Row(key, tuple((int(c.figure), c.start, c.end) for c in hits[0][1]))
            continue
        # a sum has no cell of its own: it points at the category's rows
        start, end = hits[0][0].start, hits[-1][1][-1].end
        totals = [sum(int(f[i].figure) for _, f in hits) for i in range(widths.pop())]
        rows[key] = Row(key, tuple((v, start, end) for v in totals))
    return rows


class DisclosureTableBalance(Rule):
    """## What it does
    检查政府信息公开工作年度报告“收到和处理政府信息公开申请情况”（表三）中模板规定的算术关系：
    - 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理；
    - 办理结果总计 = 予以公开 + 部分公开 + 不予公开 + 无法提供 + 不予处理 + 其他处理；
    - 表格的每一行：总计列 = 自然人与各类法人或其他组织各列之和；
    - 表四“政府信息公开行政复议、行政诉讼情况”：行政复议、未经复议直接起诉、复议后起诉
      各自的总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。

    表格（DOCX、HTML 表格，Markdown 或以 `|`、制表符分列的纯文本表，合并单元格已还原）
    和以文字复述表三的写法都能读出；
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
        tables = document_tables(ctx.document)
        for table in tables:
            if template_table(table) == "四":
                yield from self._review_totals(table)
        grids = [t for t in tables if template_table(t) == "三"]
        rows = grid_rows(grids[0]) if grids else read_rows(text)
        if not rows:
            return
        names = _template()[2]
        yield from self._balance(rows, names)
        yield from self._results(rows, names)
        yield from self._row_sums(text, rows, names)

    @staticmethod
    def _review_totals(table: Table) -> Iterable[Violation]:
        if not sums.within_limits(table):
            return
        for s in sums.column_sums(table):
            if s.agrees:
                continue
            yield Violation(
                s.total.start, s.total.end,
                f"{sums.name_of(table, s.total)}为{s.total.text}，不等于各项结果之和{int(s.parts_sum)}："
                + "＋".join(f"{sums.core(table.column_heads(c.col)[-1].text)}{c.text}" for c in s.parts)
                + "（年度报告模板：总计为结果维持、结果纠正、其他结果、尚未审结之和）",
                help="核对表四各项结果和总计",
                labels=tuple(Label(c.start, c.end, sums.core(table.column_heads(c.col)[-1].text))
                             for c in s.parts),
            )

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


def report_parts(text: str) -> dict[str, regex.Match] | None:
    """The template's parts a text has as headings (key → heading match), or None when it has
    too few of them to be a disclosure report at all."""
    raw = _template()[0]
    found = {}
    for part in raw["parts"]:
        m = _heading(part["headings"]).search(text)
        if m is not None:
            found[part["key"]] = m
    titled = "年度报告" in text[:TITLE_CHARS]
    return found if len(found) >= raw["min_headings"] + (0 if titled else 2) else None


class DisclosureTemplateTables(Rule):
    """## What it does
    检查政府信息公开工作年度报告是否有模板规定的三张表及其各行各列：
    二、主动公开政府信息情况（规章、行政规范性文件的制发/废止/现行有效件数，行政许可、
    行政处罚、行政强制的处理决定数量，行政事业性收费金额）；三、收到和处理政府信息公开申请
    情况（本年新收、上年结转、各项办理结果、总计、结转下年度继续办理）；四、政府信息公开
    行政复议、行政诉讼情况（行政复议，未经复议直接起诉、复议后起诉，各有结果维持、结果纠正、
    其他结果、尚未审结、总计）。

    只检查本身就是年度报告的文档：标题是“……年度报告”且至少有三个模板的部分标题
    （一、总体情况，二、主动公开政府信息情况……）作为标题行，或者有五个以上这样的标题行；
    只是提到“政府信息公开”的通知、工作总结不检查。
    一张表的行列名在它所在部分（到下一个部分标题为止）中一个也找不到时，报告缺表；
    表在而缺少某些行列名时，列出缺少的。

    ## Why is this bad?
    《政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）规定了年度报告的表格和
    行列，缺表、缺行的报告不合格式，也无从核对数据。表格若以图片发布，文本中同样无从核对。

    ## Example
    ```text
    某区2024年政府信息公开工作年度报告
    一、总体情况
    本年度主动公开政府信息312条。
    二、主动公开政府信息情况
    本年度制发行政规范性文件4件。
    三、收到和处理政府信息公开申请情况
    本年新收申请12件，上年结转1件，予以公开8件，部分公开2件，不予公开1件，无法提供1件，不予处理0件，其他处理0件，总计12件，结转下年度继续办理1件。
    四、政府信息公开行政复议、行政诉讼情况
    无。
    ```

    Use instead:
    ```text
    四、政府信息公开行政复议、行政诉讼情况
    | 行政复议 | | | | | 行政诉讼 | | | | | | | | | |
    | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |
    | | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
    | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    ```
    （第二、三部分同样按模板列表。）
    """

    code = "CON011"
    name = "disclosure-table-missing"
    severity = Severity.WARNING
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if "政府信息公开" not in text:
            return
        found = report_parts(text)
        if found is None:
            return
        raw = _template()[0]
        starts = sorted(m.start() for m in found.values())
        for part in raw["parts"]:
            if "table" not in part:
                continue
            heading = found.get(part["key"])
            if heading is None:
                section, at = text, self._title(text)
            else:
                end = next((s for s in starts if s > heading.start()), len(text))
                section, at = text[heading.end():end], (heading.start(), heading.end())
            if sum(w in section for w in part["signature"]) < part["min"]:
                yield Violation(*at, f"年度报告缺少“{part['table']}”（第{part['key']}部分）：模板规定的行列名一个也没有找到",
                                help="按《政府信息公开工作年度报告格式》补上这张表；以图片发布的表格也应提供文字")
                continue
            if heading is None or not self._has_grid(ctx, heading.start(), heading.start() + len(section) + len(heading.group()), part["key"]):
                continue  # prose restating a table leaves out rows of zeros as it may
            missing = [w.split("|")[0] for w in part["required"] if not any(a in section for a in w.split("|"))]
            if missing:
                yield Violation(*at, f"“{part['table']}”缺少模板规定的行或列：" + "、".join(missing),
                                help="按《政府信息公开工作年度报告格式》补全表格的行列，没有数据的填 0")

    @staticmethod
    def _has_grid(ctx: RuleContext, start: int, end: int, key: str) -> bool:
        return any(start <= t.start < end and template_table(t) == key for t in document_tables(ctx.document))

    @staticmethod
    def _title(text: str) -> tuple[int, int]:
        m = regex.search(r"\S[^\n]*", text)
        return (m.start(), m.end()) if m else (0, 0)


RULES = (DisclosureTableBalance, DisclosureTemplateTables)
