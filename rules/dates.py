"""Date rules: dates written so that a reader cannot be sure which day is meant."""
from __future__ import annotations

import calendar
import re
from typing import Iterable

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.dates import (
    SIGNATURE_LINES, YEAR_ZEROS_WRONG, DateExpr, context_year, dates_in, is_valid, signature_date,
)
from gongwen.diagnostic import Edit, Label
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.textscan import protected
from gongwen.rules._compact_dates import CompactDate, DateSlots, find_compact_dates
from gongwen.rules._data import alternation, char_class, word_alternation, word_set

_MEASURE = char_class("measure_words")

_YEAR_DIGITS = re.compile(r"(?:19|20)[0-9]{2}")
_latest_year_digits: tuple = (None, False)


def _has_year_digits(text: str) -> bool:
    """Whether ``text`` holds 19xx or 20xx in ASCII digits. DAT001 and DAT005 ask about the same
    unit in a row (the engine runs every rule on one unit before the next): the answer for the
    latest text object is kept, so the text is scanned once (one tuple, read and written at once)."""
    global _latest_year_digits
    latest = _latest_year_digits
    if latest[0] is text:
        return latest[1]
    found = _YEAR_DIGITS.search(text) is not None
    _latest_year_digits = (text, found)
    return found


class CompactNumericDate(Rule):
    """## What it does
    检查年月日数字连写或部分连写的日期，例如成文日期写成 `2025127`、`20250127`，
    `本规定自202431起施行`、`大会于201898召开`、`2024年127日`、`2024.1月7日`，
    以及和钟点连在一起的 `2026061910时`。

    ## Why is this bad?
    连写的数字无法确定年月日：`2025127` 既可读作 2025年1月27日，也可读作 2025年12月7日。
    GB/T 9704-2012 要求成文日期用阿拉伯数字将年、月、日标全；连写形式属于数据错误，
    在政府网站检查中可能被视为严重表述错误。

    是不是日期看位置，不看位数。7 位、8 位数字（19、20 开头）本身就像日期；6 位数字
    （`202431`）和 `2024年0107`、`2024-1.7` 只在只能填日期的位置报告：讲话稿标题下
    `——` 之后、`自…起施行`、`于…召开/举行/开幕/上线`、`截至…`、`于/须/请…前`、
    句首逗号前（`202431，区政府召开…`）、
    单独成行或标题行末的括号里（`（20240617）`）、落款的成文日期行和 `日期：` 之后。

    每种读法都作为修复列出（有歧义时两种拆分都列，仅供选择，不自动应用）；只有一种读法时
    提供不安全修复。不检查编号：文号 `〔2025〕127号`、电话号码（含 `（021）20123456`）、
    统一社会信用代码、身份证号、订单号、版本号、邮编和行政区划代码、统计代码；也不检查
    带单位的数量和金额（`2025127元`、`共计2025127`），以及表格、列表中与其他数字并列的
    数值（同一行用空白隔开的单元格、逐行排列的单元格、`2013125、2014126`）。

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
    severity = Severity.ERROR
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._slots = DateSlots()

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if not _has_year_digits(text):
            return  # every compact date opens with a year 19xx or 20xx
        units = ctx.document.units
        signature_block = unit.index >= len(units) - SIGNATURE_LINES
        previous = units[unit.index - 1].text if unit.index > 0 else ""
        following = units[unit.index + 1].text if 0 <= unit.index < len(units) - 1 else ""
        for date in find_compact_dates(text):
            if date.needs_slot:
                if self._slots.slot(text, date.start, date.end, signature_block, previous) is None:
                    continue
            elif self._slots.in_number_column(text, date.start, date.end, previous, following):
                continue
            yield self._report(date, text[date.start:date.end])

    @staticmethod
    def _report(date: CompactDate, written: str) -> Violation:
        start, end = date.start, date.end
        readings = [date.written(r) for r in date.readings]
        if len(readings) == 1:
            return Violation(
                start, end, f"日期数字连写：{written}",
                help=f"写作“{readings[0]}”",
                fixes=(Fix.replace(start, end, readings[0], f"改为“{readings[0]}”", Applicability.UNSAFE),),
            )
        options = " 或 ".join(readings)
        return Violation(
            start, end, f"日期数字连写，无法确定年月日：{written}（可读作 {options}）",
            help="按 GB/T 9704 用阿拉伯数字将年、月、日标全，例如“2025年1月27日”",
            fixes=tuple(Fix.replace(start, end, r, f"改为“{r}”", Applicability.DISPLAY_ONLY) for r in readings),
        )


# A 4-digit year directly followed by a Han character that is neither 年 nor a measure word.
_BARE_YEAR = regex.compile(
    rf"(?<![0-9０-９A-Za-z.\-/:_#〔\[第])((?:19|20)[0-9]{{2}})(?=\p{{Han}})(?![年{_MEASURE}至到])")


# A number that is not a year, then a range connector, right before the candidate: 20至2000赫兹.
_QUANTITY_RANGE_BEFORE = regex.compile(
    r"(?<![0-9])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]+(?:\.[0-9]+)?(?:至|到|~|～|-|－|—)$")
_NAME_RUN = regex.compile(r"[^，。；：、！？“”‘’《》（）,.;:!?()\s]{0,30}")


def _event_name_pattern() -> regex.Pattern:
    return regex.compile(word_alternation("event_name_endings"))


# A name slot: right after an opening quote or 《, or after a verb whose object is a name (入选,
# 荣获 …, data/name_slot_verbs.txt) with or without a quote. A year opening a name is part of it.
_QUOTE_OPEN = "“「『《‘\""


def _name_slot_pattern() -> regex.Pattern:
    return regex.compile(rf"(?:(?:{word_alternation('name_slot_verbs')})了?[{_QUOTE_OPEN}]?|[{_QUOTE_OPEN}])$")


# After 争取/争创 a year opens a name or a clause: a verb right after it makes it a clause
# (争取2025实现全覆盖), a time that lost its 年.
def _name_or_clause_pattern() -> regex.Pattern:
    return regex.compile(rf"(?:{word_alternation('name_or_clause_verbs')})$")


def _verb_after_pattern() -> regex.Pattern:
    verbs = word_set("heading_verbs") | word_set("governing_verbs")
    return regex.compile(f"(?:{alternation(verbs)})")


class YearWithoutNian(Rule):
    """## What it does
    检查省略了“年”字的年份，例如 `雁峰2024法治政府建设`、`一、2024推进法治政府建设`。

    ## Why is this bad?
    GB/T 15835-2011 要求年份写全，“2024年”中的“年”不能省略。省略后数字与后文粘连，
    读者无法判断是年份还是数量。不检查数量（`2024名`、`2024万元`）、届别版次（`2024届`、
    `2024版`）和已写“年”的年份。修复为“不安全”：插入“年”还是“年度”要由作者决定。

    以年份开头的活动、榜单、奖项、出版物名称不报告：名称看位置，不看结尾——年份紧跟在
    引号或书名号开头（`荣获“2023最美志愿服务社区”`），或紧跟在以名称为宾语的动词之后
    （`入选2024全国智慧城市案例`、`勇夺2024全国青年足球联赛冠军`），就是名称的一部分；
    没有这种位置时，以“大会”“论坛”“榜单”等结尾的（`2024中国国际友城大会`）也不报告。
    “争取”“争创”之后既可以是名称（`争取2025世界数字教育大会落户`），也可以是小句：
    年份后紧跟动词（`争取2025实现全覆盖`）时仍是缺“年”的年份。

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
    severity = Severity.ERROR
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._event_name = _event_name_pattern()
        self._name_slot = _name_slot_pattern()
        self._name_or_clause = _name_or_clause_pattern()
        self._verb_after = _verb_after_pattern()

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        if not _has_year_digits(unit.text):
            return  # every match holds 19xx or 20xx (_BARE_YEAR starts with a lookbehind: tried at every character)
        for m in _BARE_YEAR.finditer(unit.text):
            if _QUANTITY_RANGE_BEFORE.search(unit.text, max(0, m.start(1) - 12), m.start(1)):
                continue  # 20至2000赫兹: the other end of the range is no year, so neither is this one
            name = _NAME_RUN.match(unit.text, m.end(1))
            if self._event_name.search(name.group()):
                continue
            before = max(0, m.start(1) - 6)
            if self._name_slot.search(unit.text, before, m.start(1)):
                continue  # 入选2024全国智慧城市案例, 荣获“2023最美志愿服务社区”
            if self._name_or_clause.search(unit.text, before, m.start(1)) \
                    and not self._verb_after.match(unit.text, m.end(1)):
                continue  # 争取2025世界数字教育大会落户 (but 争取2025实现全覆盖)
            year = m.group(1)
            yield Violation(
                m.start(1), m.end(1), f"年份缺少“年”字：{year}",
                help=f"写作“{year}年”或“{year}年度”",
                fixes=(Fix.replace(m.end(1), m.end(1), "年", f"补“年”：{year}年", Applicability.UNSAFE),),
            )




def _arabic(date: DateExpr) -> str | None:
    """The date written with Arabic numerals in 年月日 form, or None if a part has no value."""
    if any(p.value is None for p in date.parts):
        return None
    out = f"{date.year.value}年" if date.year else ""
    if date.month:
        out += f"{date.month.value}月"
    if date.day:
        out += f"{date.day.value}{date.text[-1] if date.form == 'nian' else '日'}"
    return out


def _four_digit_year(date: DateExpr) -> int | None:
    return date.year.value if date.year is not None and len(date.year.text) == 4 else None


# A month number above 12 with no year or day, made a month by what follows: 13月底, 15月份.
_BAD_MONTH_ALONE = regex.compile(
    r"(?<![0-9０-９.．年~～\-—至到])(?:1[3-9]|[2-9][0-9])月(?=份|底|初|末|中旬|上旬|下旬)")


class InvalidDate(Rule):
    """## What it does
    检查日历上不存在的日期：`2月30日`、`4月31日`、`2024年13月`、`0日`，以及平年的
    `2月29日`。阿拉伯数字和汉字数字（`二月三十日`）都检查；只写月日的日期从同段或前文
    最近的年份推断年份，推断不出年份时不报告 `2月29日`。

    ## Why is this bad?
    不存在的日期是明显的数据错误，说明日期录入有误（常见如 4月、6月、9月、11月写成 31日，
    或把上一年的 2月29日 沿用到平年），读者无法知道实际是哪一天。

    不检查农历日期（前文有“农历”“正月”“腊月”，或写作“初一”：农历月可有 30 天）、
    `31个乡镇` 这类数量，以及 `2025-01-27` 之外的编号。没有自动修复：正确日期只有作者知道。

    ## Example
    ```text
    确保各项整改任务于2025年6月31日前完成。
    ```

    Use instead:
    ```text
    确保各项整改任务于2025年6月30日前完成。
    ```
    """

    code = "DAT003"
    name = "invalid-date"
    severity = Severity.ERROR

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        for date in dates_in(doc, unit):
            if date.lunar or date.month is None or date.month.value is None:
                continue
            if date.day is not None and date.day.value is None:
                continue
            if date.form != "nian" and not 1 <= date.month.value <= 12:
                continue  # 2019.13.5 is a version or code number, not a date
            if date.day is None and date.year is None:
                continue
            month, day = date.month.value, date.day.value if date.day else None
            year = _four_digit_year(date)
            if year is None and month == 2 and day == 29:
                year = context_year(doc, unit, date.start)
            if is_valid(year, month, day):
                continue
            if not 1 <= month <= 12:
                why = f"月份只有 1 至 12，没有 {month}月"
            elif day == 29 and month == 2:
                why = f"{year}年是平年，2月只有 28 天"
            elif day is not None and day < 1:
                why = "日期不能为 0 日"
            else:
                last = calendar.monthrange(year or 2001, month)[1]
                why = f"{month}月只有 {last} 天"
            yield Violation(date.start, date.end, f"日期不存在：{date.text}（{why}）",
                            help="核对原始材料，改为实际日期")
        if "月" not in unit.text:
            return  # every _BAD_MONTH_ALONE match holds 月
        for m in _BAD_MONTH_ALONE.finditer(unit.text):
            yield Violation(m.start(), m.end(), f"月份不存在：{m.group()}（月份只有 1 至 12）",
                            help="核对原始材料，改为实际月份")


class DocumentDateFormat(Rule):
    """## What it does
    检查日期的书写形式：月、日前补零（`2025年01月07日`），以及落款成文日期写成
    `2025.1.27`、`2025/1/27`、`2025-1-27`，或在正文使用阿拉伯数字日期的文件中
    把成文日期写成汉字（`二〇二五年一月二十七日`）。

    ## Why is this bad?
    GB/T 9704 规定成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位（1 不编为 01）。
    以点、斜线、短横线分隔的日期是数据交换格式，不是公文落款的写法；汉字落款日期
    是旧版标准的写法，与正文的阿拉伯数字日期不一致。

    去掉补零和把分隔符改为年月日的修复是安全的（日期不变）；汉字落款改为阿拉伯数字的
    修复为不安全（需确认全文体例）。不检查表格、注释中的 `2025-01-27`（GB/T 15835
    允许在表格和注释中使用带补零的扩展格式），也不检查通篇使用汉字日期的文件；
    两位年份由 DAT004 报告，同一日期混用两种数字由 NUM013 报告。

    汉字落款按文件自己的成文日期判断：2012年7月1日 GB/T 9704-2012 施行之前的文件遵循
    GB/T 9704-1999，该版规定成文日期用汉字，不报告（`二〇〇五年七月十四日`）。

    正文中只能填日期的位置（`自2024.3.1起施行`、`于2024/6/18召开`、`截至2024.12.31`、
    `请于2024.3.1前报送`、讲话稿标题下的 `——2024.1.14在…`，见 DAT001）写成
    `2024.3.1`、`2024/3/1` 或不补零的 `2024-3-1` 的，也报告，修复为安全修复。
    表格、列表中的这类日期不在这些位置，不报告。

    ## Example
    ```text
    本办法自2025年01月07日起施行。
    ```

    Use instead:
    ```text
    本办法自2025年1月7日起施行。
    ```

    ## Options
    - `separator-dates-in-prose`（默认 `true`）：内部体例允许正文用 `2024.3.1` 时设为 `false`，
      只检查落款。
    """

    code = "DAT002"
    name = "document-date-format"
    severity = Severity.ERROR
    fixable = True
    options = {"separator-dates-in-prose": True}

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._slots = DateSlots()

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        sig = signature_date(doc)
        if self.opts["separator-dates-in-prose"]:
            yield from self._separator_dates_in_slots(doc, unit, sig)
        for date in dates_in(doc, unit):
            if date.form == "nian" and not date.lunar:
                padded = [p for p in (date.month, date.day)
                          if p is not None and p.kind == "arabic" and len(p.text) == 2 and p.text[0] in "0０"
                          and p.value]
                if padded:
                    yield Violation(
                        date.start, date.end, f"日期的月、日不应补零：{date.text}",
                        help="GB/T 9704 规定月、日不编虚位（1 不编为 01）",
                        fixes=(Fix((*(Edit(p.start, p.start + 1, "") for p in padded),),
                                   Applicability.SAFE, "去掉补零"),),
                    )
        if sig is None or sig[0] != unit:
            return
        date = sig[1]
        if date.form != "nian":
            new = _arabic(date)
            yield Violation(
                date.start, date.end, f"成文日期不应写作“{date.text}”",
                help=f"GB/T 9704 规定成文日期用阿拉伯数字将年、月、日标全：写作“{new}”",
                fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.SAFE),),
            )
        elif date.kinds == {"chinese"} and _body_uses_arabic_dates(doc, unit):
            new = _arabic(date)
            if new is None:
                return
            key = _date_key(date)
            if key is not None and key < GB_T_9704_2012_IN_FORCE:
                return  # dated under GB/T 9704-1999, which prescribed Chinese numerals
            yield Violation(
                date.start, date.end, f"成文日期用了汉字数字，正文日期用阿拉伯数字：{date.text}",
                help=f"GB/T 9704 规定成文日期用阿拉伯数字标全：写作“{new}”",
                fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.UNSAFE),),
            )

    def _separator_dates_in_slots(self, doc: Document, unit: TextUnit, sig) -> Iterable[Violation]:
        """2024.3.1 where the sentence keeps a place for a date (自…起施行, 于…召开 …)."""
        units = doc.units
        previous = units[unit.index - 1].text if unit.index > 0 else ""
        for date in dates_in(doc, unit):
            if date.form == "nian" or _is_iso_date(date) or (sig is not None and sig[1] is date):
                continue
            if self._slots.slot(unit.text, date.start, date.end, False, previous) is None:
                continue
            new = _arabic(date)
            if new is None or not is_valid(date.year.value, date.month.value, date.day.value):
                continue
            yield Violation(
                date.start, date.end, f"正文日期不应写作“{date.text}”",
                help=f"用汉字“年”“月”“日”写全：写作“{new}”",
                fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.SAFE),),
            )


# GB/T 9704-2012 took effect on 2012-07-01; GB/T 9704-1999, before it, prescribed the 成文日期
# in Chinese numerals (二〇〇五年七月十四日). A document is held to the edition of its own date.
GB_T_9704_2012_IN_FORCE = (2012, 7, 1)


def _is_iso_date(date: DateExpr) -> bool:
    """2025-01-27: GB/T 7408's extended format, which GB/T 15835 allows."""
    return date.form == "-" and len(date.month.text) == 2 and len(date.day.text) == 2


def _body_uses_arabic_dates(doc: Document, sig_unit: TextUnit) -> bool:
    """Whether the text outside the signature writes its years in Arabic and never in Chinese."""
    arabic = chinese = 0
    for unit in doc.units:
        if unit is sig_unit:
            continue
        for date in dates_in(doc, unit):
            if date.year is not None and len(date.year.text) == 4:
                if date.year.kind == "arabic":
                    arabic += 1
                else:
                    chinese += 1
    return arabic > 0 and chinese == 0


def _document_years(doc: Document) -> list[int]:
    def compute():
        return [y for unit in doc.units for d in dates_in(doc, unit)
                if (y := _four_digit_year(d)) is not None and not d.lunar]
    return doc.memo("dates:four-digit-years", compute)


# A sentence or heading starts right before "NN年": 24年，全区… / 一、24年工作回顾.
_SENTENCE_START = regex.compile(
    r"(?:^|[。；！？!?;\n\r]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[\s\u3000\xa0]*$")
# 由03年的77%提高到…: a value "at" the year.
_VALUE_AT_YEAR = regex.compile(r"的[0-9０-９]")
# A clause that opens with the year and states a total for it: ，24年共计4项决策 / ，24年全区开展….
_CLAUSE_TOTAL = regex.compile(r"共计?|累计|全[区市县省州镇乡]")
# The end of a range that starts with a full year: 2024—27年.
_RANGE_FROM_YEAR = regex.compile(r"(?:19|20)[0-9]{2}年?[—\-－~～至到]$")
# 于 after an adjective of degree compares quantities (不得低于10年, 多于15年): a duration.
_COMPARATIVE_YU = regex.compile(r"[低高少多大小长短]于$")
# …unless what follows makes it a span of time: 24年来, 24年间, 30年后.
_NOT_A_YEAR_AFTER = regex.compile(r"[来间里多余后前内中个半左]|以上|以下")


class TwoDigitYear(Rule):
    """## What it does
    检查用两位数字简写的年份：`24年1月`、`截至24年底`、`24年度考核`、`自24年起`、
    句首或标题开头的 `24年，全区…`。只有后面跟着月份、“底”“初”“上半年”“度”“季度”等，
    前面是“截至”“于”“自”，或位于句首、序号之后（且后面不是“来”“间”“后”“多”等）时，
    才把 `NN年` 当作年份。

    ## Why is this bad?
    年份应写全称：“2024年”不能写成“24年”，“1990年”不能简作“90年”。简写的年份
    跨世纪时有歧义，也不符合公文和出版物的数字用法规范。

    不报告表示时长的 `工作24年`、`连续12年`、`延长30年`，也不报告 `24年来`（多为时长）；
    `80年代`、`90年代初` 是年代，不是简写的年份，任何位置都不报告。修复为“不安全”：世纪按文中的四位年份推断。

    ## Example
    ```text
    截至24年底，全区累计办理业务2.9万余件。
    ```

    Use instead:
    ```text
    截至2024年底，全区累计办理业务2.9万余件。
    ```
    """

    code = "DAT004"
    name = "two-digit-year"
    severity = Severity.ERROR
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._after = regex.compile(word_alternation("two_digit_year_cues"))
        self._before = regex.compile(f"(?:{word_alternation('two_digit_year_before')})$")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        for date in dates_in(ctx.document, unit):
            if date.year is None or len(date.year.text) != 2 or date.year.kind != "arabic":
                continue
            after = date.year.end + 1  # just past 年
            if text.startswith("代", after):
                continue  # 80年代 names a decade, not a year written short
            is_year = (date.month is not None or self._after.match(text, after) is not None
                       or date.year.text[0] == "0"  # nobody writes a duration as 05年
                       or _VALUE_AT_YEAR.match(text, after) is not None
                       or _RANGE_FROM_YEAR.search(text, max(0, date.start - 6), date.start) is not None
                       or (text[date.start - 1:date.start] in ("，", ",", "：", ":") and date.start > 0
                           and _CLAUSE_TOTAL.match(text, after) is not None)
                       or ((self._before.search(text, max(0, date.start - 4), date.start) is not None
                            and _COMPARATIVE_YU.search(text, max(0, date.start - 2), date.start) is None
                            or _SENTENCE_START.search(text, max(0, date.start - 8), date.start) is not None)
                           and _NOT_A_YEAR_AFTER.match(text, after) is None))
            if not is_year:
                continue
            yy = date.year.value
            full = self._century(ctx.document, yy)
            yield Violation(
                date.year.start, date.year.end, f"年份不应简写为两位数字：{date.year.text}年",
                help=f"写全年份，例如“{full}年”",
                fixes=(Fix.replace(date.year.start, date.year.end, str(full), f"改为“{full}年”",
                                   Applicability.UNSAFE),),
            )

    @staticmethod
    def _century(doc: Document, yy: int) -> int:
        years = _document_years(doc)
        latest = max(years) if years else 2025
        full = latest // 100 * 100 + yy
        return full - 100 if full > latest + 10 else full


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
    category = "numbers"  # a NUM rule: its family's category, not this module's (FAMILIES)
    severity = Severity.ERROR
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for date in dates_in(ctx.document, unit):
            if date.lunar or date.form != "nian" or len(date.kinds) < 2:
                continue
            new = _arabic(date)
            fixes = (Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.UNSAFE),) if new else ()
            yield Violation(date.start, date.end, f"同一日期混用阿拉伯数字和汉字数字：{date.text}",
                            help=f"统一为一种数字，例如“{new}”" if new else "统一为一种数字", fixes=fixes)


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
    category = "numbers"  # a NUM rule: its family's category, not this module's (FAMILIES)
    severity = Severity.ERROR
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for date in dates_in(ctx.document, unit):
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
            )


# Two years joined by a hyphen-like glyph, as the ends of a range: 2024-2025年, 2024--2025年.
# A 破折号 between them (2021——2025年) is PUN009's (数字范围用了破折号), not reported twice.
_YEAR_RANGE = regex.compile(
    r"(?<![0-9０-９A-Za-z.．\-/:_#〔\[])(?P<a>(?:19|20)[0-9]{2})年?"
    r"(?P<sep>-{1,2}|－{1,2}|―{1,2}|─{1,2}|–{1,2}|‐|‑)"
    r"(?P<b>(?:19|20)[0-9]{2})(?=年|学年|[)）])"
)


class YearRangeConnector(Rule):
    """## What it does
    检查用短横线类字符连接的起止年份：`2024-2025年`、`2024--2025年`、`2024－2025年`、
    `（2021-2025）`，应写作 `2024—2025年`。破折号 `2021——2025年` 由 PUN009 报告。

    ## Why is this bad?
    GB/T 15834 规定标示时间、地域的起止用一字线（—），短横线（-）用于编号、电话号码
    和 `2011-02-15` 这样的年月日。修复只换连接号，
    年份不变，是安全的。

    不报告 `2024—2025年`、`2024~2025年`、`2024至2025年`，也不报告 `2025-01-27` 这样的
    日期、电话号码和标准号 `GB/T 15834-2011`。

    ## Example
    ```text
    《法治政府建设实施纲要（2021-2025年）》
    ```

    Use instead:
    ```text
    《法治政府建设实施纲要（2021—2025年）》
    ```
    """

    code = "DAT011"
    name = "year-range-connector"
    severity = Severity.WARNING
    fixable = True
    triggers = "-－―─–‐‑"  # every match holds one of _YEAR_RANGE's hyphen-like separators

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        spans = None
        for m in _YEAR_RANGE.finditer(text):
            a, b = int(m.group("a")), int(m.group("b"))
            if not 0 < b - a <= 100:
                continue
            if text[m.end("b")] in ")）" and not regex.search(r"[(（]$", text[max(0, m.start() - 1):m.start()]):
                continue  # only a bracket that holds nothing but the range: （2021-2025）
            spans = spans or protected(text)
            if spans.covers(m.start(), m.end()):
                continue
            start, end = m.span("sep")
            yield Violation(
                start, end, f"起止年份的连接号应为一字线“—”：{m.group()}",
                help="GB/T 15834 规定时间的起止用一字线“—”连接",
                fixes=(Fix.replace(start, end, "—", "改为一字线“—”", Applicability.SAFE),),
            )


def _date_key(date: DateExpr) -> tuple[int, int, int] | None:
    y = _four_digit_year(date)
    if y is None or any(p.value is None for p in date.parts):
        return None
    return (y, date.month.value if date.month else 0, date.day.value if date.day else 0)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the previous 。！？； or line break to the next."""
    left = max(text.rfind(ch, 0, start) for ch in "。！？；\n") + 1
    right = min((i for i in (text.find(ch, end) for ch in "。！？；\n") if i >= 0), default=len(text))
    return left, right


_RANGE_END_AFTER = regex.compile(r"[—\-~～至到]")
_RANGE_END_BEFORE = regex.compile(r"(?:[—\-~～]|(?<!截|截止)[至到])$")


class DateAfterDocumentDate(Rule):
    """## What it does
    检查正文中报告为已完成的事项，其日期晚于落款的成文日期：成文日期是
    `2025年1月27日`，正文却写 `2025年3月召开了专题会议`、`截至2025年6月底，已办结…`。

    ## Why is this bad?
    成文日期之后发生的事不可能在成文时已经完成：要么事项日期写错，要么成文日期写错
    （常见于沿用旧稿后只改了部分日期）。在政府网站检查中，伪造发稿日期属于单项否决项。

    只比较写明四位年份的日期，并且同一句中须有“已”“召开了”“完成了”等完成标志，
    或者日期写到月、且在非“安排”“计划”“部署”一级标题下的段落中有“召开”“印发”“完成”等动词；
    句中出现“将”“计划”“力争”“确保”“前完成”“起施行”等计划、目标、期限用语时不报告，
    例如 `到2035年基本建成法治国家`、`2025年6月底前完成`。没有落款日期的网页，以页面
    元数据（索引号表格、`成文日期：`）中的成文日期为准；再没有时，以标题年份
    （`2024年度…报告`）为准，只报告晚于下一年年底的已完成事项；都没有的文件不检查。

    ## Example
    ```text
    2025年3月，区政府召开了法治政府建设专题会议。
    雁峰区人民政府
    2025年1月27日
    ```

    Use instead:
    ```text
    2024年3月，区政府召开了法治政府建设专题会议。
    雁峰区人民政府
    2025年1月27日
    ```
    """

    code = "DAT007"
    name = "date-after-document-date"
    severity = Severity.WARNING
    scope = "document"

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._done = regex.compile(word_alternation("date_done_markers"))
        self._verb = regex.compile(word_alternation("date_done_verbs"))
        self._plan = regex.compile(word_alternation("date_plan_markers"))
        self._plan_heading = regex.compile(word_alternation("plan_section_words"))

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        sig = signature_date(doc)
        written = doc.page.written if doc.page is not None else None
        if sig is not None:
            sig_unit, sig_date = sig
            sig_key = _date_key(sig_date)
            if sig_key is None:
                return
            what, label = f"成文日期是{sig_date.text}", Label(
                sig_unit.start + sig_date.start, sig_unit.start + sig_date.end, "成文日期")
        elif written is not None:
            # A web page's 成文日期 stands in its metadata table, outside the article's text.
            sig_key = (written.year, written.month, written.day)
            what, label = f"网页标注的成文日期是{written.year}年{written.month}月{written.day}日", None
        else:
            # No 成文日期: a report titled for year Y is written by the end of Y+1 at the latest.
            titled = _title_year(doc)
            if titled is None:
                return
            title, year = titled
            sig_key = (year + 1, 12, 31)
            what, label = f"而这是{year}年度的报告", Label(title.start, title.end, f"标题年份：{year}年")
        first_skipped = sig_unit.index if sig is not None else len(doc.units)
        in_plan = False
        for body in doc.units:
            if body.index >= first_skipped:
                continue
            text = body.text
            heading = _HEADING.match(text)
            if heading and heading.group("top"):
                in_plan = self._plan_heading.search(text, 0, 60) is not None
            for date in dates_in(doc, body):
                key = _date_key(date)
                if key is None or date.lunar:
                    continue
                # Compare only as precisely as the body date is written (2025年3月 vs 2025年1月27日).
                if key[1] == 0:
                    later = key[0] > sig_key[0]
                elif key[2] == 0:
                    later = key[:2] > sig_key[:2]
                else:
                    later = key > sig_key
                if not later:
                    continue
                left, right = _sentence(text, date.start, date.end)
                # A plain verb after a year alone is usually a target (西部地区于2020年完成), unless
                # the sentence also states figures for that year (2024年全区开展…160项).
                done = self._done.search(text, date.end, right) or (
                    not in_plan and self._verb.search(text, date.end, right)
                    and (date.month is not None or _FIGURE.search(text, date.end, right)))
                if not done or self._plan.search(text, left, right):
                    continue
                if _RANGE_END_AFTER.match(text, date.end) or _RANGE_END_BEFORE.search(text, max(0, date.start - 3), date.start):
                    continue  # one end of a range (截至2025年6月底 is a point in time, not a range)
                yield Violation(
                    body.start + date.start, body.start + date.end,
                    f"已完成事项的日期晚于成文日期：{date.text}，{what}",
                    help="核对事项日期和落款的成文日期（或标题年份），其中之一有误",
                    labels=(label,) if label is not None else (),
                )


# A title that names the year a report covers. 工作报告 alone is not enough: a 政府工作报告 is
# named for the year of the meeting and reviews the year before.
_TITLE = regex.compile(r"(?:19|20)[0-9]{2}年度|总结|情况报告|情况的报告|年度报告|年报")
_HEADING = regex.compile(
    r"[\s\u3000\xa0]*(?:(?P<top>[一二三四五六七八九十]{1,3}、)|[(（][一二三四五六七八九十]{1,3}[)）])")
_OPENING_YEAR = regex.compile(r"[\s\u3000\xa0]*((?:19|20)[0-9]{2})年(?:度)?(?:[,，]|是|全年|上半年|下半年)")
# A sentence that opens with a year and states a total for it: 2023年，全区共… / 2023年全年…
_SENTENCE_YEAR = regex.compile(
    r"(?:^|(?<=[。；！？]))[\s\u3000\xa0]*(?P<y>(?:19|20)[0-9]{2})年(?:度)?(?:[,，]|全年|共|累计)"
    r"|(?<=[，,：:])(?P<y>(?:19|20)[0-9]{2})年(?:度)?(?:全年|共|累计|全[区市县省州镇乡])")
_FIGURE = regex.compile(r"[0-9０-９]")
_COMPARE_IN_SENTENCE = regex.compile(r"以来|较|比|同期|对比|相比|[—~～]")
_RANGE_OR_COMPARE = regex.compile(r"以来|[—\-~～至到较比]|同期|对比|回顾|展望|打算|计划|安排|目标|思路")


def _title_year(doc: Document) -> tuple[TextUnit, int] | None:
    """The year a report is titled for: 2024年度…报告 in one of its first lines."""
    for unit in doc.units[:4]:
        if len(unit.text.strip()) > 60:
            break  # body text has begun
        if "政府工作报告" in unit.text or not _TITLE.search(unit.text):
            continue
        for date in dates_in(doc, unit):
            year = _four_digit_year(date)
            if year is None or date.month is not None:
                continue
            before = unit.text[max(0, date.start - 1):date.start]
            if before and before in "—-~～至到":
                continue
            return unit, year
    return None


class ReportYearMismatch(Rule):
    """## What it does
    检查标题年份与正文不一致的年度报告：标题是 `2024年度法治政府建设情况报告`，
    正文首句却是 `2023年，区政府坚持…`，一级、二级标题写 `一、2023年主要举措`，
    或总结部分有以 `2023年，全区共…`、`2023年全年…` 开头报告数据的句子。

    ## Why is this bad?
    这通常是沿用上一年度报告时漏改了年份，把上一年的数据当作本年度的数据报告，
    属于数据错误。

    只看开头三行内的 `YYYY年度…` 或 `…总结/情况报告/年度报告` 标题（不看 `政府工作报告`：
    它按召开会议的年份命名，正文回顾上一年）；下一年度的安排（`二、2025年推进法治政府
    建设的主要安排`）、含“以来”“较”“至”、起止年份或“安排”“计划”“目标”的标题和句子，
    以及“安排”“计划”“部署”一级标题下的段落不报告。

    ## Example
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    2023年,在市委、市政府和区委的坚强领导下,雁峰区政府坚持以习近平新时代中国特色社会主义思想为指导。
    ```

    Use instead:
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    2024年,在市委、市政府和区委的坚强领导下,雁峰区政府坚持以习近平新时代中国特色社会主义思想为指导。
    ```
    """

    code = "DAT008"
    name = "report-year-mismatch"
    severity = Severity.WARNING
    scope = "document"

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._plan_heading = regex.compile(word_alternation("plan_section_words"))

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        found = _title_year(doc)
        if found is None:
            return
        title, year = found
        label = (Label(title.start, title.end, f"标题年份：{year}年"),)
        opened = in_plan = False
        for body in doc.units[title.index + 1:]:
            text = body.text
            heading = _HEADING.match(text)
            if heading and heading.group("top"):
                in_plan = self._plan_heading.search(text, 0, 60) is not None
            if heading and len(text.strip()) <= 40:
                rest = text[heading.end():]
                m = regex.match(r"((?:19|20)[0-9]{2})年", rest)
                if m and int(m.group(1)) not in (year, year + 1) and not _RANGE_OR_COMPARE.search(rest):
                    start = body.start + heading.end()
                    yield Violation(start, start + len(m.group()),
                                    f"标题是{year}年度报告，小标题却写{m.group()}",
                                    help="核对年份：是否沿用了其他年度的报告", labels=label)
                continue
            if len(text.strip()) < 20:
                continue
            if not opened:
                opened = True  # the first paragraph of body text
                m = _OPENING_YEAR.match(text)
                if m and int(m.group(1)) != year:
                    start = body.start + m.start(1)
                    yield Violation(start, start + 5, f"标题是{year}年度报告，正文首句却从{m.group(1)}年写起",
                                    help="核对年份：是否沿用了其他年度的报告", labels=label)
                    continue
            if not in_plan:
                yield from self._sentences(body, year, label)

    @staticmethod
    def _sentences(body: TextUnit, year: int, label) -> Iterable[Violation]:
        """Sentences of the review sections that state another year's totals: 2023年，全区共…"""
        text = body.text
        for m in _SENTENCE_YEAR.finditer(text):
            other = int(m.group("y"))
            if other in (year, year + 1):
                continue
            left, right = _sentence(text, m.start("y"), m.end())
            if _COMPARE_IN_SENTENCE.search(text, left, right) or not _FIGURE.search(text, m.end(), right):
                continue  # a comparison, or history without figures (2003年，时任…)
            start = body.start + m.start("y")
            yield Violation(start, start + 5, f"标题是{year}年度报告，这一句却报告{other}年的数据",
                            help="核对年份：是否沿用了其他年度的报告", labels=label)


# A weekday written right after a date: （星期一） (周六) ，星期日 礼拜三.
_WEEKDAY = regex.compile(r"[\s\u3000\xa0]?[（(，,]?[\s\u3000\xa0]?(?P<w>(?:星期|礼拜|周)(?P<d>[一二三四五六日天]))[）)]?")
_WEEKDAY_NAMES = "一二三四五六日"


class WeekdayMismatch(Rule):
    """## What it does
    检查日期后写的星期与日历不符：`2025年1月27日（星期二）`（这一天是星期一）。
    只写月日的日期（`12月7日（周六）`）用同一段中前文最近的四位年份推算，段内没有年份时不检查。

    ## Why is this bad?
    日期和星期互相矛盾时，读者无从判断哪一个是对的；会议通知、活动安排中这类错误
    会直接导致误期。没有自动修复：可能错的是日期，也可能是星期。

    不检查农历日期、不存在的日期（由 DAT003 报告）和没有写星期的日期。

    ## Example
    ```text
    会议定于2025年1月27日（星期二）上午9:00召开。
    ```

    Use instead:
    ```text
    会议定于2025年1月27日（星期一）上午9:00召开。
    ```
    """

    code = "DAT006"
    name = "weekday-mismatch"
    severity = Severity.ERROR

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        dates = dates_in(ctx.document, unit)
        for i, date in enumerate(dates):
            if date.lunar or date.day is None or date.month is None:
                continue
            m = _WEEKDAY.match(text, date.end)
            if m is None:
                continue
            year = _four_digit_year(date)
            if year is None and date.year is None:
                year = next((y for d in reversed(dates[:i]) if (y := _four_digit_year(d)) and not d.lunar), None)
            if year is None or date.month.value is None or date.day.value is None \
                    or not is_valid(year, date.month.value, date.day.value):
                continue
            actual = _WEEKDAY_NAMES[calendar.weekday(year, date.month.value, date.day.value)]
            written = "日" if m.group("d") == "天" else m.group("d")
            if written == actual:
                continue
            prefix = m.group("w")[:-1]
            yield Violation(
                m.start("w"), m.end("w"),
                f"星期与日期不符：{year}年{date.month.value}月{date.day.value}日是{prefix}{actual}，不是{m.group('w')}",
                help="核对日期和星期，其中之一有误",
                labels=(Label(date.start, date.end, f"{prefix}{actual}"),),
            )


# A clock time written with a full-width colon: 8：30, 14：00:00. Ratios (比例尺1：500) are not times.
_FULLWIDTH_TIME = regex.compile(
    r"(?<![0-9０-９.．:：])(?P<h>[01]?[0-9]|2[0-4])(?P<c>：)(?P<m>[0-5][0-9])(?:：[0-5][0-9])?(?![0-9０-９.．:：%])")
_RATIO_BEFORE = regex.compile(r"(?:比例尺?|之比|比为|比分|比值|按|以|为)[\s\u3000\xa0]*$")
# A 12-hour marker before a 24-hour number: 下午15:30, 晚上20时.
_HALF_DAY_HOUR = regex.compile(
    r"(?P<mark>下午|午后|晚上|傍晚|夜间|夜里)(?P<h>1[3-9]|2[0-4])(?=[:：时点])")


class TimeFormat(Rule):
    """## What it does
    检查时刻的写法：时、分之间用了全角冒号（`8：30`，应为 `8:30`），以及 12 小时制的
    “下午”“晚上”后接 24 小时制的钟点（`下午15:30`、`晚上20时`）。

    ## Why is this bad?
    GB/T 15835 允许用“:”代替“时”“分”（GB/T 7408 的扩展格式），这里的“:”是半角冒号；
    全角冒号是中文标点，夹在数字之间不是时刻格式。`下午15:30` 把两种计时法混在一起，
    读者会怀疑是下午 3 点半还是写错了钟点。

    全角冒号改为半角的修复是安全的；“下午15:30”只提示（去掉“下午”或改为“下午3:30”由作者决定）。
    不检查比号 `1∶500`（U+2236）、`比例尺1：500` 这样的比例，也不检查已写作 `8:30`、
    `15时40分` 的时刻。

    ## Example
    ```text
    会议定于上午8：30在区政府三楼会议室召开，下午15:00结束。
    ```

    Use instead:
    ```text
    会议定于上午8:30在区政府三楼会议室召开，15:00结束。
    ```
    """

    code = "DAT010"
    name = "time-format"
    severity = Severity.WARNING
    fixable = True
    triggers = "：午晚夜"  # a full-width time holds ：, a half-day hour 午, 晚 or 夜

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # Every _FULLWIDTH_TIME match holds "：" (it starts with a lookbehind: tried at every
        # character), every _HALF_DAY_HOUR match 午, 晚 or 夜.
        times = _FULLWIDTH_TIME.finditer(text) if "：" in text else ()
        for m in times:
            if _RATIO_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue
            new = m.group().replace("：", ":")
            yield Violation(
                m.start(), m.end(), f"时刻中的冒号应为半角“:”：{m.group()}",
                help=f"写作“{new}”或“{m.group('h')}时{m.group('m')}分”",
                fixes=(Fix((*(Edit(m.start() + i, m.start() + i + 1, ":") for i, ch in enumerate(m.group())
                              if ch == "："),), Applicability.SAFE, f"改为“{new}”"),),
            )
        if "午" not in text and "晚" not in text and "夜" not in text:
            return
        for m in _HALF_DAY_HOUR.finditer(text):
            hour = int(m.group("h"))
            yield Violation(
                m.start(), m.end(), f"12 小时制的“{m.group('mark')}”后接 24 小时制钟点：{m.group()}",
                help=f"写作“{hour}”点（去掉“{m.group('mark')}”）或“{m.group('mark')}{hour - 12}”点",
                fixes=(Fix.replace(m.start("mark"), m.end("mark"), "", f"去掉“{m.group('mark')}”",
                                   Applicability.DISPLAY_ONLY),
                       Fix.replace(m.start("h"), m.end("h"), str(hour - 12), f"改为“{m.group('mark')}{hour - 12}”",
                                   Applicability.DISPLAY_ONLY)),
            )


class RelativeDate(Rule):
    """## What it does
    提示用“今年”“去年”“明年”“上月”“近日”“日前”等相对说法表示的时间。默认不启用。

    ## Why is this bad?
    公文处理细则要求引用年月日时写明具体的年、月、日，不用“明年”“上月”等语：公文和
    年度报告要存档、上网公开，读者读到时“今年”已不是写作的那一年。这是提示（info），
    政府工作报告等讲话稿按惯例使用“今年”“去年”，所以默认关闭，需要时用
    `--select DAT009` 启用。

    不提示 `当年`、`全年`、`年度`，也不提示 `3月31日前` 中的“日前”、`三年前` 这类写法。

    ## Example
    ```text
    今年以来，全区共办理行政复议案件57件。
    ```

    Use instead:
    ```text
    2024年，全区共办理行政复议案件57件。
    ```
    """

    code = "DAT009"
    name = "relative-date"
    severity = Severity.INFO
    default_enabled = False

    def __init__(self, options=None) -> None:
        super().__init__(options)
        # Not after a numeral: 31日前 (a deadline), 三年前年 is not a word anyone writes.
        self._words = regex.compile(
            rf"(?<![0-9０-９〇零一二三四五六七八九十百千两几数多])(?:{word_alternation('relative_date_words')})")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in self._words.finditer(unit.text):
            yield Violation(m.start(), m.end(), f"相对时间“{m.group()}”：存档、公开后读者无法确定具体时间",
                            help="写明具体的年、月、日，例如“2024年”“2025年1月”")


RULES = (CompactNumericDate, DocumentDateFormat, InvalidDate, TwoDigitYear, YearWithoutNian,
         WeekdayMismatch, TimeFormat, RelativeDate, DateAfterDocumentDate, ReportYearMismatch, YearRangeConnector,
         YearNumeralZero, MixedDateNumerals)
