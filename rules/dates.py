"""Date rules: dates written so that a reader cannot be sure which day is meant."""
from __future__ import annotations

import calendar
from typing import Iterable

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.rule import Rule, RuleContext
from gongwen.document import TextUnit
from gongwen.rules._data import char_class, word_set

_MEASURE = char_class("measure_words")
# After a date-like digit run, 起 means "from" (20250127起施行), not a count of cases.
_AMOUNT_UNIT = _MEASURE.replace("起", "")

# A run of 7 or 8 ASCII digits that starts like a year. Neighbouring digits, Latin letters,
# separators and brackets mean it is part of a code, a number or a document number.
_COMPACT = regex.compile(r"(?<![0-9０-９A-Za-z.\-/:_#〔\[(（])(?:19|20)[0-9]{5,6}(?![0-9０-９A-Za-z%％‰.\-/_])")
# A line that holds nothing but a 6-digit run, as a signature date does (202517).
_COMPACT_LINE = regex.compile(r"^[\s\u3000\xa0]*((?:19|20)[0-9]{4})[\s\u3000\xa0]*$")
# Words before a digit run that make it an identifier, not a date.
_ID_CONTEXT = regex.compile(r"(?:号|码|编号|代码|账户|账号|卡|电话|热线|传真|邮编|No|NO|ID|序列)[:：\s]*$")


def _day_valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def compact_date_readings(digits: str) -> list[tuple[int, int, int]]:
    """Every valid (year, month, day) a compact digit run can be read as."""
    year, rest = int(digits[:4]), digits[4:]
    if len(rest) == 4:
        splits = [(rest[:2], rest[2:])]
    else:
        splits = [(rest[:i], rest[i:]) for i in range(1, len(rest)) if len(rest[:i]) <= 2 and len(rest[i:]) <= 2]
    readings = []
    for m, d in splits:
        if (len(m) == 2 and m[0] == "0" and len(rest) != 4) or (len(d) == 2 and d[0] == "0" and len(rest) != 4):
            continue  # 2025017 is not a plausible way to write 1月7日
        if _day_valid(year, int(m), int(d)):
            readings.append((year, int(m), int(d)))
    return readings


def _cn(y: int, m: int, d: int) -> str:
    return f"{y}年{m}月{d}日"


class CompactNumericDate(Rule):
    """## What it does
    检查年月日数字连写在一起的日期，例如成文日期写成 `2025127` 或 `20250127`。

    ## Why is this bad?
    连写的数字无法确定年月日：`2025127` 既可读作 2025年1月27日，也可读作 2025年12月7日。
    GB/T 9704-2012 要求成文日期用阿拉伯数字将年、月、日标全；连写形式属于数据错误，
    在政府网站检查中可能被视为严重表述错误。
    有多种读法时不提供自动修复；只有一种读法的 8 位数字（`20250127`）提供不安全修复。
    不检查：文号 `〔2025〕127号`、金额 `2025127元`、电话号码、身份证号、订单号等编号。

    ## Example
    ```text
    雁峰区人民政府
    2025127
    ```

    Use instead:
    ```text
    雁峰区人民政府
    2025年1月27日
    ```
    """

    code = "DAT001"
    name = "compact-numeric-date"
    category = "dates"
    severity = Severity.ERROR
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        for m in _COMPACT.finditer(text):
            end = m.end()
            if end < len(text) and text[end] in _AMOUNT_UNIT:
                continue  # 2025127元
            if _ID_CONTEXT.search(text, max(0, m.start() - 8), m.start()):
                continue
            yield from self._report(m.start(), m.group())
        line = _COMPACT_LINE.match(text)
        if line:
            yield from self._report(line.start(1), line.group(1))

    @staticmethod
    def _report(start: int, digits: str) -> Iterable[Violation]:
        readings = compact_date_readings(digits)
        if not readings:
            return
        end = start + len(digits)
        if len(readings) == 1:
            reading = _cn(*readings[0])
            yield Violation(
                start, end, f"日期数字连写：{digits}",
                help=f"写作“{reading}”",
                fixes=(Fix.replace(start, end, reading, f"改为“{reading}”", Applicability.UNSAFE),),
            )
            return
        options = " 或 ".join(_cn(*r) for r in readings)
        yield Violation(
            start, end, f"日期数字连写，无法确定年月日：{digits}（可读作 {options}）",
            help="按 GB/T 9704 用阿拉伯数字将年、月、日标全，例如“2025年1月27日”",
            fixes=tuple(Fix.replace(start, end, _cn(*r), f"改为“{_cn(*r)}”", Applicability.DISPLAY_ONLY)
                        for r in readings),
        )


# A 4-digit year directly followed by a Han character that is neither 年 nor a measure word.
_BARE_YEAR = regex.compile(
    rf"(?<![0-9０-９A-Za-z.\-/:_#〔\[第])((?:19|20)[0-9]{{2}})(?=\p{{Han}})(?![年{_MEASURE}至到])")


_NAME_RUN = regex.compile(r"[^，。；：、！？“”‘’《》（）,.;:!?()\s]{0,30}")


def _event_name_pattern() -> regex.Pattern:
    words = sorted(word_set("event_name_endings"), key=len, reverse=True)
    return regex.compile("|".join(map(regex.escape, words)))


class YearWithoutNian(Rule):
    """## What it does
    检查省略了“年”字的年份，例如 `雁峰2024法治政府建设`、`一、2024推进法治政府建设`。

    ## Why is this bad?
    GB/T 15835-2011 要求年份写全，“2024年”中的“年”不能省略。省略后数字与后文粘连，
    读者无法判断是年份还是数量。不检查数量（`2024名`、`2024万元`）、届别版次（`2024届`、
    `2024版`）和已写“年”的年份。修复为“不安全”：插入“年”还是“年度”要由作者决定。

    以年份开头的活动、榜单、出版物名称（`2024中国国际友城大会`、`“2030先锋工程”`）不报告。

    ## Example
    ```text
    一、2024推进法治政府建设的主要举措和成效
    ```

    Use instead:
    ```text
    一、2024年推进法治政府建设的主要举措和成效
    ```
    """

    code = "DAT005"
    name = "year-without-nian"
    category = "dates"
    severity = Severity.ERROR
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._event_name = _event_name_pattern()

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in _BARE_YEAR.finditer(unit.text):
            name = _NAME_RUN.match(unit.text, m.end(1))
            if self._event_name.search(name.group()):
                continue
            year = m.group(1)
            yield Violation(
                m.start(1), m.end(1), f"年份缺少“年”字：{year}",
                help=f"写作“{year}年”或“{year}年度”",
                fixes=(Fix.replace(m.end(1), m.end(1), "年", f"补“年”：{year}年", Applicability.UNSAFE),),
            )


RULES = (CompactNumericDate, YearWithoutNian)
