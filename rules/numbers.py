"""Number rules (GB/T 15835): how a number is written, one number or one range at a time."""
from __future__ import annotations

import bisect
import functools
import math
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Label, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.analysis.han_runs import is_han
from gongwen.analysis.numerals import GROUP_SPACES, NUMERAL_CHARS, NUMERAL_FIRST, Numeral, numerals_in, numerals_in_runs_at, percents_in
from gongwen.rule import Rule, RuleContext, room
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.quantities import alternation, approximation_words, quantities_in, read_quantity, word_pattern
from gongwen.analysis.class_routes import class_route
from gongwen.analysis.route_screen import may_match, needs_pair
from gongwen.analysis.routing import units_are_slices, units_holding
from gongwen.triggers import Adjacent
from gongwen.analysis import pattern_cache

# Every Arabic or mixed numeral holds one of these (the cheap test before the numeral layer).
_ANY_DIGIT = pattern_cache.re_compile("[0-9０-９]")
# Every numeral NUM002 reports holds one of these: Arabic digits with 十百千 in the units after
# them (the numeral layer's tail is blocks of 十百千万亿 each right after a digit: 4千, 1万2千,
# 1.5千), or Chinese ending in 十百千零〇 right before digits (一百08, 一百零8). Four in ten
# of the units with a digit and one of 十百千零〇 (the triggers) hold neither, and for most of
# them no other rule reads the numerals.
_MIXED_NUMERAL = pattern_cache.re_compile("[0-9０-９][十百千万亿]*[十百千]|[十百千零〇][0-9０-９]")
_FULLWIDTH_RUN = lazy_regex.compile(r"[０-９]+(?:[．.][０-９0-9]+)*")
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class FullwidthDigit(Rule):
    """## What it does
    检查全角阿拉伯数字（`０`—`９`）和数字中的全角小数点（`．`），例如 `２０２４年`、`第３次`。

    ## Why is this bad?
    GB/T 15835 要求阿拉伯数字使用半角形式。全角数字在检索、统计和网页显示时与半角数字
    不一致，属于常见的排版错误。修复是安全的：只把全角数字换成对应的半角数字。
    不检查带圈数字 `①②③`（常用作序号）和汉字数字。

    ## Example
    ```text
    ２０２４年全区共审结行政复议案件５７件。
    ```

    Use instead:
    ```text
    2024年全区共审结行政复议案件57件。
    ```
    """

    code = "NUM001"
    name = "fullwidth-digit"
    severity = Severity.ERROR
    fixable = True
    triggers = "０１２３４５６７８９"  # every run starts with a full-width digit

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in _FULLWIDTH_RUN.finditer(unit.text):
            fixed = m.group().translate(_TO_ASCII)
            yield Violation(
                m.start(), m.end(), f"全角数字：{m.group()}",
                help=f"改用半角数字“{fixed}”",
                fixes=(Fix.replace(m.start(), m.end(), fixed, f"改为“{fixed}”", Applicability.SAFE),),
            )


class ArabicWithQianBaiShi(Rule):
    """## What it does
    检查阿拉伯数字与“十”“百”“千”混用的数字，例如 `4千`、`3百人`、`1百零8`、`一百08`。

    ## Why is this bad?
    GB/T 15835 规定阿拉伯数字与汉字数字同时使用时只允许“万”“亿”作单位（`2.9万`、
    `10亿零817万5288人`），不写“3千余人”“5百万元”“1百零8”。修复建议改为纯阿拉伯数字，
    为“不安全”修复：作者也可能想改用汉字（“三千余人”）。
    不检查以“千”“百”开头的计量单位（`3千米`、`5千瓦`、`10千伏`、`2千克`），
    也不检查 `2.9万余件`、`3206万次` 这类合规写法和 `千方百计` 等词语。

    ## Example
    ```text
    日均新设企业由5千多户增加到1万6千多户。
    ```

    Use instead:
    ```text
    日均新设企业由5000多户增加到16000多户。
    ```
    """

    code = "NUM002"
    name = "arabic-with-qian-bai-shi"
    severity = Severity.ERROR
    fixable = True
    # A mixed numeral (the check's first test) is Arabic digits, then 十百千万亿, ending in 十百千:
    # the character before its last is a digit or one of 十百千万亿; or Chinese ending in 十百千零〇
    # right before a digit. Two pairs: 十百千零〇 alone woke the rule on 4,309 of the benchmark's
    # 22,971 paragraphs, the pairs on 200.
    trigger_patterns = (Adjacent("0123456789０１２３４５６７８９十百千万亿", "十百千"),
                        Adjacent("十百千零〇", "0123456789０１２３４５６７８９"))

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._units = alternation(unit_words.tagged("si-prefixed"))

    def _unit_word(self, text: str, numeral: Numeral) -> bool:
        """3千米: the 千 belongs to the unit that follows, not to the number."""
        tail = regex.search(r"[十百千]+$", numeral.text)
        if tail is None:
            return False
        return self._units.match(text, numeral.end - len(tail.group())) is not None

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # A mixed numeral holds a _MIXED_NUMERAL match, or lies in the run of numeral characters
        # of one that overlaps its own: only the runs holding those matches are read (85 units of
        # the 1,000 files had every numeral read for this rule alone).
        places = [m.start() for m in _MIXED_NUMERAL.finditer(text)]
        for n in numerals_in_runs_at(text, places):
            if n.kind != "mixed" or n.in_words or n.value is None or not n.is_integer:
                continue
            arabic_head = n.text[0] in "0123456789０１２３４５６７８９"
            if arabic_head and self._unit_word(text, n):
                continue
            if not arabic_head and not regex.search(r"[十百千零〇][0-9０-９]+$", n.text):
                continue  # 统一12345: a Chinese word that ends in 一 before digits
            yield self._report(n)

    @staticmethod
    def _report(n: Numeral) -> Violation:
        value = int(n.value)
        if value % 10**8 == 0 and n.text.endswith("亿"):
            plain = f"{value // 10**8}亿"
        elif value % 10**4 == 0 and n.text.endswith("万"):
            plain = f"{value // 10**4}万"
        else:
            plain = str(value)
        return Violation(
            n.start, n.end, f"阿拉伯数字与“十、百、千”混用：{n.text}",
            help=f"写作“{plain}”，或全部用汉字数字；阿拉伯数字只能与“万”“亿”连用",
            fixes=(Fix.replace(n.start, n.end, plain, f"改为“{plain}”", Applicability.UNSAFE),),
        )


# 15~30%, 5-10万人, 13～17万元: the first value lacks the %, 万 or 亿 that the second carries.
_RANGE_SEP = lazy_regex.compile(r"\s*(?:~|～|—|–|-|－|至|到)\s*")
# Both values of a reported range are Arabic: the first ends in a digit (one ending in 万/亿 is
# not reported), the second starts with one, and _RANGE_SEP is all that stands between them.
_RANGE_GAP = lazy_regex.compile(rf"[0-9０-９]{_RANGE_SEP.pattern}[0-9０-９]")
# What ``\s`` matches in stdlib re and in regex (re's set, the larger by \x1c-\x1f): the
# character before a range mark in _RANGE_GAP is a digit or one of these. tests/test_trigger_scan.py
# checks the set against both modules over every code point.
RANGE_GAP_SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
RANGE_MARKS = "~～—–-－至到"  # _RANGE_SEP's marks


class RangeUnitOmission(Rule):
    """## What it does
    检查数值范围中前一个数值省略了百分号或“万”“亿”，例如 `15~30%`、`5-10万人`、`13～17万元`。

    ## Why is this bad?
    GB/T 15835 要求表示数值范围时，前后两个数值的百分号和“万”“亿”都不能省略：
    `15~30%` 可能被读作“15 到 30%”，应写 `15%~30%`；`5-10万人` 应写 `5万~10万人`。
    修复是安全的：把后一个数值的 `%` 或 `万`/`亿` 补到前一个数值后。连接号本身（`-` 还是 `~`）
    不在本规则检查范围内。
    不检查单位只写一次的普通范围（`3~5年`、`2021—2025年`、`400—429页`），也不检查
    没有单位的小数范围（`0.2~0.6`）。

    ## Example
    ```text
    预计全年增长15~30%，带动就业5-10万人。
    ```

    Use instead:
    ```text
    预计全年增长15%~30%，带动就业5万-10万人。
    ```
    """

    code = "NUM005"
    name = "range-unit-omission"
    severity = Severity.ERROR
    fixable = True
    # A reported range (_RANGE_GAP) has a digit or a space right before its mark: one pair, where
    # the unit markers a finding also needs (below) woke the rule on 3,586 of the benchmark's
    # 22,971 paragraphs and the pair on 107.
    trigger_patterns = (Adjacent("0123456789０１２３４５６７８９" + RANGE_GAP_SPACES, RANGE_MARKS),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # The second value of a finding ends in 万 or 亿 or stands before a percent sign (the
        # rule's former triggers): without one, a page of bare ranges (1~2 repeated) would
        # build the numeral layer for nothing.
        if "%" not in text and "％" not in text and "万" not in text and "亿" not in text:
            return
        if not _RANGE_GAP.search(text):
            return  # no two Arabic numbers joined by a range mark: nothing to read
        numerals = numerals_in(ctx.document, unit)
        for first, second in zip(numerals, numerals[1:]):
            if first.kind != "arabic" or second.kind != "arabic" or first.percent or first.value is None:
                continue
            if first.text[-1] in "万亿" or second.value is None:
                continue
            sep = _RANGE_SEP.fullmatch(text, first.end, second.start)
            if sep is None:
                continue
            if first.start > 0 and text[first.start - 1] in "-－~～—/.:":
                continue  # 0734-8888-12%: part of a code
            if second.percent:
                mark = text[second.end]
            else:
                tail = regex.search(r"(?<=[0-9])(?:万亿|万|亿)$", second.text)
                if tail is None or not regex.fullmatch(r"[0-9.]+(?:万亿|万|亿)", second.text):
                    continue
                mark = tail.group()
                second_head = float(second.text[: -len(mark)])
                if first.value >= second_head:
                    continue  # 2023-5万: not an increasing range
            if second.percent and first.value >= second.value:
                continue
            fixed = first.text + mark
            yield Violation(
                first.start, second.end + (1 if second.percent else 0),
                f"数值范围前一个数值省略了“{mark}”：{text[first.start:second.end + (1 if second.percent else 0)]}",
                help=f"写作“{fixed}{sep.group()}{second.text}{mark if second.percent else ''}”",
                fixes=(Fix.replace(first.end, first.end, mark, f"在“{first.text}”后补“{mark}”",
                                   Applicability.SAFE),),
            )


class DoubleApproximation(Rule):
    """## What it does
    检查一个数字前后同时使用了表示约数的词语（“模糊两头”），例如 `约300人左右`、
    `近百人左右`、`接近80%以上`、`大约10余次`、`超过100多家`。

    ## Why is this bad?
    概数只能模糊一头：写“近百人”或“百人左右”，不写“近百人左右”；写“80%以上”或
    “接近80%”，不写“接近80%以上”。两头都模糊时语义重复甚至矛盾（“超过”与“多”、
    “近”与“以上”）。修复只作提示（不自动修改）：删去哪一个由作者决定。
    不检查只模糊一头的写法：`近400名`、`95%以上`、`60余名`、`约300人`、`2.9万余件`。

    ## Example
    ```text
    全年共接待群众约300人次左右，满意率接近80%以上。
    ```

    Use instead:
    ```text
    全年共接待群众约300人次，满意率接近80%。
    ```
    """

    code = "NUM004"
    name = "double-approximation"
    severity = Severity.WARNING
    fixable = True
    # Reads only the units that one scan of the document finds holding _before_word: the
    # "before" words end in 约, 近 … which thousands of paragraphs hold (its triggers were those).
    scope = "document"

    def __init__(self, options=None) -> None:
        super().__init__(options)
        # A finding is a number with an approximation word right before it (or before a line
        # break before it: read_quantity's `$`) and one after it: a unit without both holds none,
        # and its quantities need not be read. The first is a positive pattern, so one scan of
        # the document's text finds the units holding it (gongwen.analysis.routing), led by the
        # compiled finder of its words (gongwen.analysis.class_routes: 近 and 约 are common).
        before = lexicon.alternation(approximation_words("before"))
        self._before_word = class_route(pattern_cache.re_compile(f"(?:{before})\n?[{NUMERAL_FIRST}]"))
        # Then an approximation word after it, anywhere in the unit (one C scan for a few
        # literals), and the whole quantity in order, as read_quantity reads it: the before word,
        # the numeral (a first character and a run of a numeral's characters), and an
        # after_number word, or a unit and an after_unit word. The second alone let through 414
        # units of the 1,000 files, read for 14; the third alone tries the 108 unit words at each
        # character of a numeral after a before word (0.15 s on 约 and a million digits, where
        # the second answers in a millisecond). tests/test_number_gates.py compares each with
        # no gate.
        after = lexicon.alternation(approximation_words("after_number"))
        after_unit = lexicon.alternation(approximation_words("after_unit"))
        self._after_word = pattern_cache.re_compile(lexicon.alternation(
            approximation_words("after_number") + approximation_words("after_unit")))
        unit = lexicon.alternation(unit_words.tagged("unit"))
        self._both_sides = pattern_cache.re_compile(f"(?:{before})\n?[{NUMERAL_FIRST}][{NUMERAL_CHARS}]*?"
                                      f"(?:{after}|(?:{after})?(?:{unit})(?:{after_unit}))")

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        for unit in units_holding(ctx.document, self._before_word):
            if self._after_word.search(unit.text) and self._both_sides.search(unit.text):
                yield from self._double(unit, ctx)

    def _double(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        """The unit's findings, built at document offsets (the unit starts at ``at``) rather than
        shifted, and past the report's cap as spans alone: a megabyte of 约1人左右 is 80,000
        findings, and building then shifting each one was most of the rule's time there."""
        text, at = unit.text, unit.start
        for q in quantities_in(ctx.document, unit):
            if not q.before:
                continue
            suffix = q.after or q.after_unit
            if not suffix:
                continue
            if q.after and not q.after_unit and q.numeral.kind == "chinese" and q.before == "近":
                continue  # 近十多年来: an idiom, not two estimates of one figure
            start = q.start - len(q.before)
            if room(ctx, self) == 0:
                yield Surplus(at + start, at + q.end)
                continue
            span = text[start:q.end]
            drop_before = text[q.start:q.end]
            drop_after = text[start:q.end - len(q.after_unit)] if q.after_unit else (
                q.before + text[q.start:q.end].replace(q.after, "", 1))
            end, number = at + q.end, at + q.start
            start += at
            yield Violation(
                start, end, f"概数两头模糊：{span}（“{q.before}”与“{suffix}”只能用一个）",
                help=f"写作“{drop_before}”或“{drop_after}”",
                labels=(Label(start, number, "约数词"),),
                fixes=(Fix.replace(start, end, drop_before, f"删去“{q.before}”", Applicability.DISPLAY_ONLY),
                       Fix.replace(start, end, drop_after, f"删去“{suffix}”", Applicability.DISPLAY_ONLY)),
            )


class DecreaseByMultiple(Rule):
    """## What it does
    检查用“倍”表示减少的写法，例如 `降低3倍`、`减少2倍`、`办理时限缩短3倍`。

    ## Why is this bad?
    “倍”只能用于表示增加。数量减少不能用倍数表示：减少 1 倍就已经是零，“降低 3 倍”
    没有确定的含义。应改用百分数或分数，如“减少50%”“缩短到原来的三分之一”。
    不检查增加的倍数（`提高了2倍`、`增加到2倍`、`增长2.3倍`）和 `压减50%`。

    ## Example
    ```text
    通过流程再造，企业开办时间缩短3倍。
    ```

    Use instead:
    ```text
    通过流程再造，企业开办时间缩短到原来的三分之一。
    ```
    """

    code = "NUM010"
    name = "decrease-by-multiple"
    severity = Severity.WARNING
    triggers = "倍"  # every finding is a number followed by 倍

    def __init__(self, options=None) -> None:
        super().__init__(options)
        verbs = word_pattern("decrease_verbs.txt").pattern
        self._pattern = lazy_regex.compile(rf"(?:{verbs})了?(?:近|约|超过)?$")
        # _pattern ends where the numeral starts, and 倍 follows the numeral, whose characters are
        # all numeral characters: a unit without the whole in order (降低3倍) has no finding, and
        # its numerals need not be read (most units with 倍 say 提高3倍, 翻一番; stdlib re, literal
        # words and classes).
        self._verb_before_multiple = pattern_cache.re_compile(rf"(?:{verbs})了?(?:近|约|超过)?[{NUMERAL_FIRST}][{NUMERAL_CHARS}]*+倍")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if not self._verb_before_multiple.search(text):
            return
        for n in numerals_in(ctx.document, unit):
            if n.value is None or n.percent or not text.startswith("倍", n.end):
                continue
            verb = self._pattern.search(text, max(0, n.start - 6), n.start)
            if verb is None:
                continue
            yield Violation(
                verb.start(), n.end + 1, f"减少不能用倍数表示：{text[verb.start():n.end + 1]}",
                help="改用百分数或分数，如“减少50%”“缩短到原来的三分之一”",
            )


# Compiled once: regex.match(str, ...) looks its pattern up in a cache on every call. Stdlib
# re: a call costs a third of regex's on a numeral (1 MB of 于202431在 holds 87,000).
_DIGITS_HEAD = lazy_regex.stdlib(r"[0-9,]+")
# A numeral counted below starts with five digits, commas between them allowed (12,500): a unit
# without such a run holds none, and its numerals need not be read.
_FIVE_DIGITS = pattern_cache.re_compile(r"[0-9０-９](?:,*[0-9０-９]){4}")
# What such a run holds: five digits in a row, or a digit right before a comma. One compiled pass
# over the document finds the units holding either (gongwen.analysis.class_routes), each then
# asked for the run; `re` tried _FIVE_DIGITS at every digit of every unit, 17 ms over the 1,000
# files for 117 units. tests/test_number_gates.py compares the units with the plain loop's.
_FIVE_DIGITS_HELD = class_route(pattern_cache.re_compile(r"[0-9０-９](?:[0-9０-９]{4}|,)"))
# A grouped numeral (12,500, 12 500) has a digit, a comma or a group space, and an ASCII digit in
# a row (gongwen.analysis.numerals). NUM006 reports only when both styles are used, and grouped
# numbers are the rarer: a document none of whose units holds this has no finding, and the
# numerals and quantities of its many plain five-digit numbers (codes, years, 202431 on a page of
# compact dates) need not be read. tests/test_number_gates.py checks it as a gate.
# Declared to the route screen: a digit right before the comma or group space, which 27 of the
# benchmark's 1,000 documents hold; the others are told by the document's one compiled pass,
# without the five-digit route's scan and a search of each unit it finds (NUM006 reported in
# none of the 1,000).
_GROUP_MARK = needs_pair(pattern_cache.re_compile(f"[0-9０-９][,{GROUP_SPACES}][0-9]"),
                         "0123456789０１２３４５６７８９", "," + GROUP_SPACES)


def _grouping_style(doc) -> tuple[list, list]:
    """Large Arabic integers written with thousands separators and without, over the document
    (neither in a document where no numeral can be written with one)."""
    grouped, plain = [], []
    if units_are_slices(doc) and not may_match(doc, _GROUP_MARK):
        return grouped, plain  # the text holds no grouping mark, so none of its units does
    units = units_holding(doc, _FIVE_DIGITS_HELD)
    if not any(_GROUP_MARK.search(unit.text) for unit in units):
        return grouped, plain
    for unit in units:
        text = unit.text
        if not _FIVE_DIGITS.search(text):
            continue  # (a unit whose run goes on in the next one)
        for n in numerals_in(doc, unit):
            if n.kind != "arabic" or n.value is None or len(n.text) < 5:
                continue  # (fewer than 5 characters cannot hold the 5 digits asked for below)
            # Only a numeral marked full-width holds ０-９ or ．: the others need no translation.
            head = _DIGITS_HEAD.match(n.text.translate(_TO_ASCII) if n.fullwidth else n.text)
            digits = head.group().replace(",", "") if head else ""
            if len(digits) < 5 or "." in n.text:
                continue
            nxt = text[n.end:n.end + 1]
            if not (nxt == "%" or (nxt and is_han(nxt))) or nxt in "年号":
                continue  # codes, phone numbers, years, document numbers
            if not read_quantity(text, n).unit:
                continue  # a number that names something (12345热线, 12345政务服务便民热线) measures nothing
            (grouped if n.grouped else plain).append((unit, n))
    return grouped, plain


class DigitGrouping(Rule):
    """## What it does
    检查同一文件中五位及以上的整数有的用千分撇分节（`12,500人`）、有的不分节（`32060人`）。
    报告文中较少使用的那种写法。

    ## Why is this bad?
    GB/T 15835 允许用千分撇或千分空分节，也允许四位以内不分节，但同一文件中同类数字
    应采用同一种形式。混用会让读者怀疑数据来源不一。
    只比较带计量单位的数（`12,500人`、`32060件`）：不检查编号、电话号码、年份、文号、小数，
    以及作名称用的号码（`12345热线`、`12345政务服务便民热线`，其后不是单位）；在标点被规范化为半角的文件中，
    `3,5,7项` 是列举而不是分节数字，也不检查。只作提示，不自动修改。

    ## Example
    ```text
    全年新增就业12,500人，城镇新增就业32060人。
    ```

    Use instead:
    ```text
    全年新增就业12500人，城镇新增就业32060人。
    ```
    """

    code = "NUM006"
    name = "digit-grouping"
    severity = Severity.INFO
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        grouped, plain = doc.memo("digit-grouping", lambda: _grouping_style(doc))
        if not grouped or not plain:
            return
        minority, majority = (grouped, plain) if len(grouped) <= len(plain) else (plain, grouped)
        example_unit, example = majority[0]
        style = "不分节" if majority is plain else "用千分撇分节"
        for u, n in minority:
            yield Violation(
                u.start + n.start, u.start + n.end,
                f"数字分节不一致：“{n.text}”，文中其他 {len(majority)} 处大数{style}（如“{example.text}”）",
                help=f"全文统一{style}",
                labels=(Label(example_unit.start + example.start, example_unit.start + example.end, style),),
            )


class PercentInWords(Rule):
    """## What it does
    检查用“百分之”书写的百分数：`百分之95` 这样汉字与阿拉伯数字混写的一律报告；
    `百分之二十` 这样的汉字百分数，只在同一文件其他地方使用 `%` 时报告。

    ## Why is this bad?
    GB/T 15835 要求用于计量的数字使用阿拉伯数字，百分数写作 `95%`。`百分之95` 混用
    两种数字形式；在使用 `%` 的数据段落中夹杂 `百分之二十`，同一文件的同类数字形式不统一。
    修复为“不安全”：改写成 `95%`。
    不检查 `百分之百`（常见于“百分之百的努力”等固定说法）、全文都用汉字的百分数，引号里
    照录的条文中的汉字百分数（法律、法规条文用汉字写百分数，引用时照原文），以及法律用汉字
    规定的加处罚款、滞纳金的比率（“每日按罚款数额的百分之三加处罚款”，决定书照法律原文写）。

    ## Example
    ```text
    行政机关负责人出庭应诉率达百分之95，案件办结率98%。
    ```

    Use instead:
    ```text
    行政机关负责人出庭应诉率达95%，案件办结率98%。
    ```
    """

    code = "NUM014"
    name = "percent-in-words"
    # Info since round 16: its first reports on text nobody tuned on were 5 of 5 false (statute
    # wording quoted, then a statutory surcharge rate written as the law writes it), each fixed
    # by its principle; a warning promises 9 in 10 (rules/data/precision.toml).
    severity = Severity.INFO
    fixable = True
    trigger_patterns = ("百分之",)  # every finding starts with it (百 alone woke it on 1,450 paragraphs)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        if "百分之" not in unit.text:
            return  # only a numeral that starts with 百分之 is in_words
        quotations = None  # read once, when a Chinese percent asks
        for n in percents_in(doc, unit):  # every numeral in_words is a percent
            if not n.in_words or n.value is None or n.text == "百分之百":
                continue
            plain = f"{_number_text(n.value)}%"
            if n.kind == "chinese":
                if not doc.memo("uses-arabic-percent", lambda: _ARABIC_PERCENT.search(doc.text) is not None):
                    continue
                if quotations is None:
                    quotations = _quotations(unit.text)
                if _in_quotation(quotations, n.start):
                    continue  # a quoted provision keeps its source's wording (法律条文 write 百分之二十)
                if _statutory_surcharge().match(unit.text, n.end):
                    continue  # the law's own rate of a surcharge, copied as the law writes it
                message = f"汉字百分数：{n.text}，文中其他百分数用“%”"
            else:
                message = f"百分数汉字与阿拉伯数字混写：{n.text}"
            yield Violation(
                n.start, n.end, message, help=f"写作“{plain}”",
                fixes=(Fix.replace(n.start, n.end, plain, f"改为“{plain}”", Applicability.UNSAFE),),
            )


_ARABIC_PERCENT = lazy_regex.compile(r"[0-9][%％]")


@functools.cache
def _statutory_surcharge() -> regex.Pattern:
    """每日按罚款数额的百分之三加处罚款: a surcharge the law sets in words, read when a Chinese
    percent in a text that uses % first asks (data/statutory_surcharges.txt)."""
    return pattern_cache.regex_compile(f"的?(?:{lexicon.pattern('statutory_surcharges.txt')})")


def _quotations(text: str) -> list[tuple[int, int]]:
    """The stretches between an opening “ and the closing ” after it, in order (one pass: a
    paragraph of many 百分之 asks once, not once per numeral)."""
    spans, opened = [], None
    for m in _QUOTE_MARK.finditer(text):
        if m.group() == "“":
            opened = m.start() if opened is None else opened
        elif opened is not None:
            spans.append((opened, m.end()))
            opened = None
    return spans


def _in_quotation(spans: list[tuple[int, int]], i: int) -> bool:
    k = bisect.bisect_right(spans, (i, math.inf)) - 1
    return k >= 0 and spans[k][0] < i < spans[k][1]


_QUOTE_MARK = pattern_cache.re_compile("[“”]")

RULES = (FullwidthDigit, ArabicWithQianBaiShi, DoubleApproximation, RangeUnitOmission, DigitGrouping,
         DecreaseByMultiple, PercentInWords)
