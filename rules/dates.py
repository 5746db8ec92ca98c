"""Date rules: dates written so that a reader cannot be sure which day is meant."""
from __future__ import annotations

import calendar
from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.analysis.dates import MAY_HOLD_DATE, SIGNATURE_LINES, DateExpr, context_year, dated_units, four_digit_year, is_valid
from gongwen.analysis.routing import in_document, units_holding
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.analysis.text import matches_at, protected
from gongwen.analysis.compact_dates import COMPACT_DATE_START, CompactDate, DateSlots, find_compact_dates
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.class_routes import class_route
from gongwen.analysis.time_words import QUARTER
from gongwen.analysis import pattern_cache

_MEASURE = unit_words.char_class("after-number")

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
    # Reads only the units where a candidate can start (_COMPACT_DATE_ROUTE, one scan of the
    # whole text: gongwen.analysis.routing), not every unit.
    scope = "document"
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._slots = DateSlots()

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        units = ctx.document.units
        for unit in units_holding(ctx.document, _COMPACT_DATE_ROUTE):
            text = unit.text
            signature_block = unit.index >= len(units) - SIGNATURE_LINES
            previous = units[unit.index - 1].text if unit.index > 0 else ""
            following = units[unit.index + 1].text if 0 <= unit.index < len(units) - 1 else ""
            for date in find_compact_dates(text):
                if date.needs_slot:
                    if self._slots.slot(text, date.start, date.end, signature_block, previous) is None:
                        continue
                elif self._slots.in_number_column(text, date.start, date.end, previous, following):
                    continue
                if room(ctx, self) == 0:  # past the report's cap: counted, not built
                    yield Surplus(unit.start + date.start, unit.start + date.end)
                    continue
                yield self._report(date, text[date.start:date.end], unit.start)

    @staticmethod
    def _report(date: CompactDate, written: str, base: int) -> Violation:
        """The finding, at offsets into the document (``base``: where the unit starts); built
        there rather than shifted: a megabyte of 截至202431 is 87,000 of them."""
        start, end = base + date.start, base + date.end
        readings = date.readings_written()
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
_BARE_YEAR = lazy_regex.compile(
    rf"(?<![0-9０-９A-Za-z.\-/:_#〔\[第])((?:19|20)[0-9]{{2}})(?=\p{{Han}})(?![年{_MEASURE}至到])")


# Where _BARE_YEAR can match (zero-width, stdlib re): 19xx or 20xx not followed by 年. The
# pattern, which opens with a lookbehind, is tried only there (compared with its finditer in
# tests/analysis/test_prefilters_dates.py).
_BARE_YEAR_START = pattern_cache.re_compile(r"(?=(?:19|20)[0-9]{2}(?!年))")
# The units DAT005 reads: a bare year is 19xx or 20xx followed, in its unit, by a Han character
# other than 年. Positive, as gongwen.analysis.routing requires (_BARE_YEAR_START's (?!年) would
# refuse a year that ends its unit before the next unit's 年).
# This route and DAT001's are searched by the compiled finder of their sequences of classes
# (gongwen.analysis.class_routes): a 19 or a 20 is in most paragraphs, and the two routes cost
# 8 ms of shared start places and 6 each with re over the 1,000 files, ~2-3 each so.
_BARE_YEAR_ROUTE = class_route(pattern_cache.re_compile(r"(?:19|20)[0-9]{2}[^年]"))
_COMPACT_DATE_ROUTE = class_route(COMPACT_DATE_START)
# A number that is not a year, then a range connector, right before the candidate: 20至2000赫兹.
_QUANTITY_RANGE_BEFORE = lazy_regex.compile(
    r"(?<![0-9])(?!(?:19|20)[0-9]{2}(?![0-9]))[0-9]+(?:\.[0-9]+)?(?:至|到|~|～|-|－|—)$")
_NAME_RUN = lazy_regex.compile(r"[^，。；：、！？“”‘’《》（）,.;:!?()\s]{0,30}")


def _event_name_pattern() -> regex.Pattern:
    return pattern_cache.regex_compile(lexicon.pattern("event_name_endings.txt"))


# A name slot: right after an opening quote or 《, or after a verb whose object is a name (入选,
# 荣获 …, data/name_slot_verbs.txt) with or without a quote. A year opening a name is part of it.
_QUOTE_OPEN = "“「『《‘\""


def _name_slot_pattern() -> regex.Pattern:
    return pattern_cache.regex_compile(rf"(?:(?:{lexicon.pattern('name_slot_verbs.txt')})了?[{_QUOTE_OPEN}]?|[{_QUOTE_OPEN}])$")


# After 争取/争创 a year opens a name or a clause: a verb right after it makes it a clause
# (争取2025实现全覆盖), a time that lost its 年.
def _name_or_clause_pattern() -> regex.Pattern:
    return pattern_cache.regex_compile(rf"(?:{lexicon.pattern('name_or_clause_verbs.txt')})$")


def _verb_after_pattern() -> regex.Pattern:
    verbs = lexicon.words("heading_verbs.txt") | lexicon.words("governing_verbs.txt")
    return pattern_cache.regex_compile(f"(?:{lexicon.alternation(verbs)})")


class YearWithoutNian(Rule):
    """## What it does
    检查省略了“年”字的年份，例如 `雁峰2024法治政府建设`、`一、2024推进法治政府建设`。

    ## Why is this bad?
    GB/T 15835-2011 要求年份写全，“2024年”中的“年”不能省略。省略后数字与后文粘连，
    读者无法判断是年份还是数量。不检查数量（`2024名`、`2024万元`）、届别版次（`2024届`、
    `2024版`）、自成一种年份的学年、财年、赛季（`2025—2026学年`）和已写“年”的年份。
    修复为“不安全”：插入“年”还是“年度”要由作者决定。

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
    scope = "document"  # reads only the units _BARE_YEAR_ROUTE finds (gongwen.analysis.routing)
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._event_name = _event_name_pattern()
        self._name_slot = _name_slot_pattern()
        self._name_or_clause = _name_or_clause_pattern()
        self._verb_after = _verb_after_pattern()
        self._year_period = pattern_cache.regex_compile(lexicon.pattern("year_period_nouns.txt"))

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit in units_holding(ctx.document, _BARE_YEAR_ROUTE):
            yield from in_document(unit, self._check_unit(unit))

    def _check_unit(self, unit: TextUnit) -> Iterable[Violation]:
        for m in matches_at(_BARE_YEAR, unit.text, _BARE_YEAR_START):
            if _QUANTITY_RANGE_BEFORE.search(unit.text, max(0, m.start(1) - 12), m.start(1)):
                continue  # 20至2000赫兹: the other end of the range is no year, so neither is this one
            if self._year_period.match(unit.text, m.end(1)):
                continue  # 2025—2026学年: the noun is a year of its own kind (data/year_period_nouns.txt)
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


# A month number above 12 with no year or day, made a month by what follows: 13月底, 15月份.
_BAD_MONTH_ALONE = lazy_regex.compile(
    r"(?<![0-9０-９.．年~～\-—至到])(?:1[3-9]|[2-9][0-9])月(?=份|底|初|末|中旬|上旬|下旬)")
# What every _BAD_MONTH_ALONE match holds (stdlib re, one search): a digit, 月 and the word after
# it. A dated line (1月1日) holds none, and skips the pattern, which opens with a lookbehind.
_MONTH_ALONE_CUE = class_route(pattern_cache.re_compile(r"[0-9]月(?:份|底|初|末|中旬|上旬|下旬)"))


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
    # Reads the units that may hold a date (dated_units): a _BAD_MONTH_ALONE match is one too.
    scope = "document"
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        for unit, dates in dated_units(doc):
            for date in dates:
                why = _why_invalid(doc, unit, date)
                if why is not None:
                    yield Violation(date.start, date.end, f"日期不存在：{date.text}（{why}）",
                                    help="核对原始材料，改为实际日期").shifted(unit.start)
            if _MONTH_ALONE_CUE.search(unit.text) is None:
                continue  # every _BAD_MONTH_ALONE match holds it
            for m in _BAD_MONTH_ALONE.finditer(unit.text):
                yield Violation(m.start(), m.end(), f"月份不存在：{m.group()}（月份只有 1 至 12）",
                                help="核对原始材料，改为实际月份").shifted(unit.start)


def _why_invalid(doc: Document, unit: TextUnit, date: DateExpr) -> str | None:
    """Why ``date`` is not on the calendar, or None when it is (or cannot be told)."""
    if date.lunar or date.month is None or date.month.value is None:
        return None
    if date.day is not None and date.day.value is None:
        return None
    if date.form != "nian" and not 1 <= date.month.value <= 12:
        return None  # 2019.13.5 is a version or code number, not a date
    if date.day is None and date.year is None:
        return None
    month, day = date.month.value, date.day.value if date.day else None
    year = four_digit_year(date)
    if year is None and month == 2 and day == 29:
        year = context_year(doc, unit, date.start)
    if is_valid(year, month, day):
        return None
    if not 1 <= month <= 12:
        return f"月份只有 1 至 12，没有 {month}月"
    if day == 29 and month == 2:
        return f"{year}年是平年，2月只有 28 天"
    if day is not None and day < 1:
        return "日期不能为 0 日"
    last = calendar.monthrange(year or 2001, month)[1]
    return f"{month}月只有 {last} 天"


def _document_years(doc: Document) -> list[int]:
    def compute():
        return [y for _, dates in dated_units(doc) for d in dates
                if (y := four_digit_year(d)) is not None and not d.lunar]
    return doc.memo(_document_years, compute)


# A sentence or heading starts right before "NN年": 24年，全区… / 一、24年工作回顾.
_SENTENCE_START = lazy_regex.compile(
    r"(?:^|[。；！？!?;\n\r]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])[\s\u3000\xa0]*$")
# 由03年的77%提高到…: a value "at" the year.
_VALUE_AT_YEAR = lazy_regex.compile(r"的[0-9０-９]")
# A clause that opens with the year and states a total for it: ，24年共计4项决策 / ，24年全区开展….
_CLAUSE_TOTAL = lazy_regex.compile(r"共计?|累计|全[区市县省州镇乡]")
# The end of a range that starts with a full year: 2024—27年.
_RANGE_FROM_YEAR = lazy_regex.compile(r"(?:19|20)[0-9]{2}年?[—\-－~～至到]$")
# 于 after an adjective of degree compares quantities (不得低于10年, 多于15年): a duration.
_COMPARATIVE_YU = lazy_regex.compile(r"[低高少多大小长短]于$")
# …unless what follows makes it a span of time: 24年来, 24年间, 30年后.
_NOT_A_YEAR_AFTER = lazy_regex.compile(r"[来间里多余后前内中个半左]|以上|以下")


@cache
def _year_cues() -> tuple["regex.Pattern[str]", "regex.Pattern[str]"]:
    """What follows (月, 底, 上半年 …) and what precedes (截至, 于, 自 …) a two-digit year."""
    # A quarter (24年一季度, 24年第二季度) is a cue by grammar; the list holds the other cues.
    return (lazy_regex.compile(f"第?{QUARTER}|{lexicon.pattern('two_digit_year_cues.txt')}"),
            lazy_regex.compile(f"(?:{lexicon.pattern('two_digit_year_before.txt')})$"))


def short_year_reason(text: str, date: DateExpr) -> str | None:
    """Why the two-digit NN年 of ``date`` is a year written short, or None when it may be a
    duration (30年来, 不得低于10年) or a decade (80年代). The first reason that holds is given."""
    after = date.year.end + 1  # just past 年
    if text.startswith("代", after):
        return None  # 80年代 names a decade, not a year written short
    start = date.start
    after_cue, before_cue = _year_cues()
    if date.month is not None:
        return "month"  # 24年1月
    if after_cue.match(text, after) is not None:
        return "cue after"  # 24年底, 24年度
    if date.year.text[0] == "0":
        return "leading zero"  # nobody writes a duration as 05年
    if _VALUE_AT_YEAR.match(text, after) is not None:
        return "value at the year"  # 由03年的77%
    if _RANGE_FROM_YEAR.search(text, max(0, start - 6), start) is not None:
        return "end of a range"  # 2024—27年
    if (start > 0 and text[start - 1:start] in ("，", ",", "：", ":")
            and _CLAUSE_TOTAL.match(text, after) is not None):
        return "clause total"  # ，24年共计4项
    if _NOT_A_YEAR_AFTER.match(text, after) is not None:
        return None  # 24年来, 30年后: a span of time
    if (before_cue.search(text, max(0, start - 4), start) is not None
            and _COMPARATIVE_YU.search(text, max(0, start - 2), start) is None):
        return "cue before"  # 截至24年, 自24年起 (but not 低于10年)
    if _SENTENCE_START.search(text, max(0, start - 8), start) is not None:
        return "sentence start"  # 24年，全区… / 一、24年工作回顾
    return None


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
    scope = "document"  # reads the units that may hold a date (dated_units), not every unit
    fixable = True
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit, dates in dated_units(ctx.document):
            for date in dates:
                if date.year is None or len(date.year.text) != 2 or date.year.kind != "arabic":
                    continue
                if short_year_reason(unit.text, date) is None:
                    continue
                yy = date.year.value
                full = self._century(ctx.document, yy)
                yield Violation(
                    date.year.start, date.year.end, f"年份不应简写为两位数字：{date.year.text}年",
                    help=f"写全年份，例如“{full}年”",
                    fixes=(Fix.replace(date.year.start, date.year.end, str(full), f"改为“{full}年”",
                                       Applicability.UNSAFE),),
                ).shifted(unit.start)

    @staticmethod
    def _century(doc: Document, yy: int) -> int:
        years = _document_years(doc)
        latest = max(years) if years else 2025
        full = latest // 100 * 100 + yy
        return full - 100 if full > latest + 10 else full


# Two years joined by a hyphen-like glyph, as the ends of a range: 2024-2025年, 2024--2025年.
# A 破折号 between them (2021——2025年) is PUN009's (数字范围用了破折号), not reported twice.
_YEAR_RANGE = lazy_regex.compile(
    r"(?<![0-9０-９A-Za-z.．\-/:_#〔\[])(?P<a>(?:19|20)[0-9]{2})年?"
    r"(?P<sep>-{1,2}|－{1,2}|―{1,2}|─{1,2}|–{1,2}|‐|‑)"
    r"(?P<b>(?:19|20)[0-9]{2})(?=年|学年|[)）])"
)

# What every match of _YEAR_RANGE holds, led by its rarest character (stdlib re skips to it).
_YEAR_RANGE_ROUTE = pattern_cache.re_compile(r"[-－―─–‐‑](?:19|20)[0-9]{2}")


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
    # … and its last separator right before the second year: on a page of `- a` lines every
    # line holds a trigger and none this (Rule.route; tests/rules/test_year_range_routing.py).
    route = _YEAR_RANGE_ROUTE

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


RULES = (CompactNumericDate, InvalidDate, TwoDigitYear, YearWithoutNian, YearRangeConnector)
