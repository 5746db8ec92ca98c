"""Numeral rules inside dates: one date written in both Arabic and Chinese numerals, and years
written with 零 or O for 〇."""
from __future__ import annotations

from typing import Iterable

from gongwen.diagnostic import Applicability, Edit, Fix, Severity, Violation
from gongwen.analysis.dates import MAY_HOLD_DATE, YEAR_ZEROS_WRONG, arabic_form, dated_units
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext


class MixedDateNumerals(Rule):
    """## What it does
    检查一个日期内混用阿拉伯数字和汉字数字，例如 `二〇二五年1月27日`、`2025年十二月`。

    ## Why is this bad?
    同一个日期的年、月、日应使用同一种数字：要么 `2025年1月27日`，要么
    `二〇二五年一月二十七日`。混用说明日期是拼接或改写而成的，也不符合同类数字
    形式一致的要求。修复改为全阿拉伯数字（公文正文和成文日期的通行写法），为“不安全”。

    不检查农历日期（`2025年正月初一`）和 `2025年一季度` 这类非日期写法。

    ## Example
    ```text
    二〇二五年1月27日
    ```

    Use instead:
    ```text
    2025年1月27日
    ```
    """

    code = "NUM013"
    name = "mixed-date-numerals"
    severity = Severity.ERROR
    scope = "document"  # reads the units that may hold a date (dated_units), not every unit
    fixable = True
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit, dates in dated_units(ctx.document):
            for date in dates:
                if date.lunar or date.form != "nian" or not date.mixed:
                    continue
                new = arabic_form(date)
                fixes = (Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.UNSAFE),) if new else ()
                yield Violation(date.start, date.end, f"同一日期混用阿拉伯数字和汉字数字：{date.text}",
                                help=f"统一为一种数字，例如“{new}”" if new else "统一为一种数字",
                                fixes=fixes).shifted(unit.start)


class YearNumeralZero(Rule):
    """## What it does
    检查汉字数字年份中的“零”：`二零二五年`、`二○二五年`（○ 是几何符号 U+25CB）、
    `二O二五年`、`二0二五年`，应写作 `二〇二五年`（〇，U+3007）。

    ## Why is this bad?
    汉字数字年份中的零应写作“〇”：“零”用于计量（`三千零五十二`），“○”是几何图形符号，
    字母 O 和数字 0 更不是汉字数字。字形相近，肉眼难辨，检索和转换时会出错。
    修复是安全的：只替换年份里的零。

    不检查计量数字中的“零”（`三千零五十二`、`零点方案`）和阿拉伯数字年份。

    ## Example
    ```text
    二零二五年一月二十七日
    ```

    Use instead:
    ```text
    二〇二五年一月二十七日
    ```
    """

    code = "NUM012"
    name = "year-numeral-zero"
    severity = Severity.ERROR
    scope = "document"  # reads the units that may hold a date (dated_units), not every unit
    fixable = True
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit, dates in dated_units(ctx.document):
            for date in dates:
                year = date.year
                if year is None or year.kind != "chinese":
                    continue
                wrong = [i for i, ch in enumerate(year.text) if ch in YEAR_ZEROS_WRONG]
                if not wrong:
                    continue
                new = "".join("〇" if ch in YEAR_ZEROS_WRONG else ch for ch in year.text)
                chars = "、".join(sorted({f"“{year.text[i]}”" for i in wrong}))
                yield Violation(
                    year.start, year.end, f"年份中的零应写作“〇”：{year.text}年用了{chars}",
                    help=f"写作“{new}年”",
                    fixes=(Fix((*(Edit(year.start + i, year.start + i + 1, "〇") for i in wrong),),
                               Applicability.SAFE, f"改为“{new}”"),),
                ).shifted(unit.start)


RULES = (YearNumeralZero, MixedDateNumerals)
