"""Point marks and 标号 in the wrong form or the wrong place (GB/T 15834): ellipses, dashes,
stacked point marks, a point mark on both sides of a closing quote, and 顿号 where the
standard says not to use one."""
from __future__ import annotations

import bisect
import re
from typing import Iterable


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Label, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import unit_words
from gongwen.analysis.route_screen import needs_pair
from gongwen.analysis.routing import in_document, units_holding
from gongwen.analysis.text import BLANKS, CJK, anchored_finditer, protected
from gongwen.triggers import Adjacent
from gongwen.analysis import pattern_cache

_CJK = lazy_regex.compile(CJK)
DELETE = ""


def _skip(doc: Document, unit: TextUnit):
    return doc.unit_memo(protected, unit, unit.text)


def _cjk_near(text: str, start: int, end: int) -> bool:
    """A Chinese character or mark right before or after ``[start, end)``, or a paragraph edge."""
    if start == 0 or end == len(text):
        return True
    return bool(_CJK.match(text[start - 1]) or _CJK.match(text[end]))


class MarkedItemsDunhao(Rule):
    """## What it does
    检查紧挨着的并列引号、并列书名号之间的顿号：`“四风”、“两个确立”`、`《宪法》、《民法典》`。

    ## Why is this bad?
    GB/T 15834 规定标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号；
    只有在引号或书名号之后还有括注等其他成分时，才宜用顿号。
    不检查：引号或书名号之后还有其他成分（`《红楼梦》（曹雪芹）、《三国演义》`、
    `“一网通办”平台、“湘易办”平台`）、引号内部的顿号（`“双随机、一公开”`）。
    许多正式文件（包括历年政府工作报告）仍在并列引号间用顿号，因此严重级别为提示。
    修复：删去顿号为安全修复。

    ## Example
    ```text
    学习《宪法》、《民法典》，整治“庸懒散拖乱”、“四风”问题。
    ```

    Use instead:
    ```text
    学习《宪法》《民法典》，整治“庸懒散拖乱”“四风”问题。
    ```
    """

    code = "PUN005"
    name = "dunhao-between-marked-items"
    severity = Severity.INFO
    fixable = True
    # Every match is a 、 right after ” or 》 (the check's own first test): one pair, where the
    # closing marks alone woke the rule on 4,934 of the benchmark's 22,971 paragraphs and the
    # pair on 467.
    trigger_patterns = (Adjacent("”》", "、"),)
    route = pattern_cache.re_compile("”、“|》、《")  # … with the marks each side (on pages of short lines)

    _PATTERN = lazy_regex.compile(r"(?<=”)、(?=“)|(?<=》)、(?=《)")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        # Every match sits inside ”、“ or 》、《: two C-speed substring tests skip the rest.
        if "”、“" not in unit.text and "》、《" not in unit.text:
            return
        for m in self._PATTERN.finditer(unit.text):
            i = m.start()
            kind = "引号" if unit.text[i - 1] == "”" else "书名号"
            yield Violation(i, i + 1, f"并列的{kind}之间用了顿号",
                            help=f"并列{kind}之间通常不用顿号，删去“、”",
                            fixes=(Fix.replace(i, i + 1, DELETE, "删去顿号"),))


_CN_VALUE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = unit_words.char_class("approximate")
# Two numerals joined by 顿号, then a unit or 十/百/千/万/亿. Not after 第 (第二、三产业), 周 or
# 星期 (周一、二), another 顿号 (一、二、三级) or a digit; the second not followed by 、.
_APPROX = lazy_regex.compile(
    rf"(?<![第周期、0-9])(?P<a>[一二两三四五六七八九])、(?P<b>[二三四五六七八九])(?=[{_UNITS}])(?!年级|年度|周年)"
    rf"|(?<![第周期、0-9.\-])(?P<a>[1-8])、(?P<b>[2-9])(?=[{_UNITS}])(?![十百千万亿])(?!年级|年度|周年)"
)
# Every match is a numeral, 、, a numeral: tried only at a 、 that stands between a possible
# first and a possible second numeral (the union of both alternatives' classes), not at every
# character nor at every 、 (most are enumeration commas between words). A stdlib ``re``
# pattern that starts with the literal 、 finds these at C speed; its classes hold only
# literal characters, so it means the same as in ``regex``.
_DUNHAO = pattern_cache.re_compile(r"、(?<=[一二两三四五六七八九1-8]、)(?=[二三四五六七八九2-9])")


class ApproximateNumberDunhao(Rule):
    """## What it does
    检查用顿号隔开的概数：相邻的两个数字连用表示大概的数目时，中间不用顿号，
    例如 `三、四十年代`、`十五、六岁`、`两、三天`、`1、2年`。

    ## Why is this bad?
    GB/T 15834 规定相邻或相近两数字连用表示概数时通常不用顿号；
    用了顿号，就成了两个确切数字的并列。
    不检查：枚举和缩略（`二十届二中、三中全会`、`一、二等奖`、`六、七年级`、`第二、三产业`、
    `三、四季度`、`6、7月`、`一、二、三级`），也不检查不相邻的数字（`一、三十条`）。
    是概数还是枚举需要作者判断，因此只给出供参考的写法，不自动修复。

    ## Example
    ```text
    每年减少粮食二、三十亿斤，用两、三天时间完成。
    ```

    Use instead:
    ```text
    每年减少粮食二三十亿斤，用两三天时间完成。
    ```
    """

    code = "PUN006"
    name = "dunhao-in-approximate-number"
    severity = Severity.WARNING
    fixable = True
    # Every match holds the 、 of _DUNHAO with its numerals each side: searched once in the whole
    # text, rare there (the 、 alone woke it on 13,076 of the benchmark's 22,971 paragraphs).
    trigger_patterns = (_DUNHAO,)
    # … with its two numerals (on pages of short lines: a 一、 heading on each line has one)
    route = pattern_cache.re_compile("[一二两三四五六七八九1-8]、[二三四五六七八九2-9]")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        for m in anchored_finditer(_APPROX, text, _DUNHAO, 1, 1):
            a, b = m.group("a"), m.group("b")
            va, vb = _CN_VALUE.get(a) or int(a), _CN_VALUE.get(b) or int(b)
            if not (vb == va + 1 or (va, vb) == (3, 5)):
                continue
            if a in _CN_VALUE and m.start() > 0 and text[m.start() - 1] in "十百" and text[m.end()] in "十百千":
                continue  # 二十一、二十二条: two numbers, not an approximation
            if a.isdigit() and m.start() == len(text) - len(text.lstrip(BLANKS)):
                continue  # 1、2年 at paragraph start reads as a list marker (PUN007)
            dun = m.start() + 1
            merged = a + b
            yield Violation(dun, dun + 1, f"概数“{m.group()}”中用了顿号",
                            help=f"相邻两数字连用表示概数时不用顿号：写作“{merged}”；若是并列的两个数，保留顿号",
                            fixes=(Fix.replace(dun, dun + 1, DELETE, f"改为“{merged}”",
                                               Applicability.DISPLAY_ONLY),))


# 。。。 (three or more), three or more ASCII dots, 三个以上的间隔号/中点, ⋯ (U+22EF), and
# runs of … whose length is odd (a single … is half an ellipsis; judged in code). Adjacent
# forms are one ellipsis written badly (`...…`, `…...…`): one finding, one fix for the run —
# a fix per piece made each piece into …… and the run into ………… or longer.
_ELLIPSIS = lazy_regex.compile(r"(?:。{3,}|\.{3,}|[·・･]{3,}|⋯+|…+)+")
_ELLIPSIS_DENG = lazy_regex.compile(r"……(?:等等|等)")
# Quotation marks around a run that is the whole quotation: the sentence names the mark (a
# yearbook's legend “…”表示数据不足本表最小单位数, advice against writing “。。。”); it does not use it.
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}


def _named_in_quotes(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and _QUOTES.get(text[start - 1]) == text[end]


class EllipsisForm(Rule):
    """## What it does
    检查省略号的写法：`。。。`、`...`、`······`、`⋯`、单个 `…`，以及省略号与“等”连用（`……等`）。

    ## Why is this bad?
    GB/T 15834 的省略号是居中的六连点 `……`（两个 U+2026），
    `。。。` 和英文的三个句点都不是省略号。省略号与“等”“等等”作用相同，只能用其一。
    不检查：`……` 和整段省略的 `…………`、网址和英文中的 `...`、小数，
    以及引号里只有这个符号、是在说这个符号本身的写法（统计年鉴的符号说明 `“…”表示数据不足本表最小单位数`）。
    修复：改写成 `……` 是安全修复；`……等` 给出两种改法供选择。

    ## Example
    ```text
    调阅台账、案卷、问题清单...开展普法宣传。。。
    ```

    Use instead:
    ```text
    调阅台账、案卷、问题清单……开展普法宣传……
    ```
    """

    code = "PUN008"
    name = "ellipsis-form"
    severity = Severity.ERROR
    fixable = True
    # Every match of _ELLIPSIS or _ELLIPSIS_DENG holds one of these (…… holds …) or a run of
    # three 。 or . (check's own first test): 。 or . alone woke it on 16,997 of the benchmark's
    # 22,971 paragraphs, none of which held a finding …
    triggers = "…·・･⋯"
    trigger_patterns = ("。。。", "...")
    # … and one of these runs (on pages of short lines: a 1. heading on each line has a dot)
    route = pattern_cache.re_compile(r"[…⋯·・･]|。。。|\.\.\.")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # Every match of either pattern below contains one of these (…… holds …).
        if not ("…" in text or "。。。" in text or "..." in text or "·" in text or "・" in text
                or "･" in text or "⋯" in text):
            return
        skip = _skip(ctx.document, unit)
        for m in _ELLIPSIS.finditer(text):
            s, e, found = m.start(), m.end(), m.group()
            if found.count("…") == len(found) and len(found) % 2 == 0:
                continue  # …… and the whole-paragraph …………
            if skip.covers(s, e) or (found[0] == "." and not _cjk_near(text, s, e)):
                continue
            if _named_in_quotes(text, s, e):
                continue
            if found[0] == "." and skip.covers(max(s - 1, 0)):
                continue  # the tail of a URL or an English run
            yield Violation(s, e, f"省略号写成了“{found}”", help="省略号写作“……”（两个 U+2026）",
                            fixes=(Fix.replace(s, e, "……", "改为“……”"),))
        for m in _ELLIPSIS_DENG.finditer(text):
            s, e = m.start(), m.end()
            deng = m.group()[2:]
            yield Violation(s, e, f"省略号与“{deng}”连用", help=f"省略号和“{deng}”只用其一",
                            fixes=(Fix.replace(s + 2, e, DELETE, f"删去“{deng}”", Applicability.DISPLAY_ONLY),
                                   Fix.replace(s, s + 2, DELETE, "删去“……”", Applicability.DISPLAY_ONLY)))


# A 破折号 drawn with the wrong glyphs: a run of two or more of ― (U+2015), ─ (U+2500),
# － (U+FF0D), - or – (U+2013), alone or mixed with —. (Runs are matched whole and judged
# in code: a pattern that looks for the wrong glyph inside a run backtracks quadratically.)
_DASH_RUN = lazy_regex.compile(r"[―─－\-–—]{2,}")
_DOUBLE_DASH_BETWEEN_NUMBERS = lazy_regex.compile(r"(?<=[0-9])——(?=[0-9])")
_HAN_HYPHEN_HAN = lazy_regex.compile(r"(?<=\p{Han})-(?=\p{Han})")
# Where a finding may be, as one positive pattern over the whole text (routing): two dashes side
# by side (the numbers' —— is two) or a hyphen before a character outside ASCII (a Han
# character is one). Each alternative starts with a dash, so ``re`` skips to the dashes; a
# pattern led by the Han character before the hyphen cost 0.32 CPU s on 10 MB of prose. A page
# of `- a` lines holds a dash in every line and none of these (Rule.route;
# tests/rules/test_dash_form_routing.py).
_DASH_ROUTE = pattern_cache.re_compile(r"[―─－\-–—][―─－\-–—]|-[^\x00-\x7f]")


class DashForm(Rule):
    """## What it does
    检查破折号和连接号的字形：破折号写成 `--`、`――`（U+2015）、`──`（制表符）、`－－`；
    数字范围写成破折号（`2021——2025年`）；两个汉字之间用英文短横线表示起止（`中国-东盟`）。

    ## Why is this bad?
    GB/T 15834 规定破折号是两个字位的 `——`（U+2014×2），标示起止的一字线是一个 `—`，
    短横线 `-` 只用于编号、电话号码、化合物、年月日等。外形相近的其他字符在不同字体里长短不一，
    检索、排版时也不被当作标点。
    不检查：`（2021—2025年）`、`北京—上海`、`GB/T 15834—2011`、`010-88842603`、`2011-02-15`、
    单独的 `—`，以及算式里等号右边的减号（`结余=收入-支出`）。
    修复：改写破折号字形为安全修复；数字之间的 `——` 改为 `—`、汉字之间的 `-` 改为 `—` 为不安全修复。

    ## Example
    ```text
    加强法治督察--传导压力，实施《规划（2021——2025年）》，深化中国-东盟合作。
    ```

    Use instead:
    ```text
    加强法治督察——传导压力，实施《规划（2021—2025年）》，深化中国—东盟合作。
    ```
    """

    code = "PUN009"
    name = "dash-form"
    severity = Severity.WARNING
    fixable = True
    triggers = "―─－-–—"  # every pattern below needs one of these dashes
    route = _DASH_ROUTE  # … and every finding's unit holds this (on pages of short lines)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        skip = _skip(ctx.document, unit)
        for m in _DASH_RUN.finditer(text):
            s, e, found = m.start(), m.end(), m.group()
            if found.count("—") == len(found) or skip.covers(s, e) or not _cjk_near(text, s, e):
                continue
            yield Violation(s, e, f"破折号写成了“{found}”", help="破折号写作“——”（两个 U+2014）",
                            fixes=(Fix.replace(s, e, "——", "改为“——”"),))
        for m in _DOUBLE_DASH_BETWEEN_NUMBERS.finditer(text):
            s, e = m.span()
            yield Violation(s, e, "数字范围用了破折号“——”", help="标示起止用一字线“—”，例如“2021—2025年”",
                            fixes=(Fix.replace(s, e, "—", "改为“—”", Applicability.UNSAFE),))
        in_formula = _formula_test(text)
        for m in _HAN_HYPHEN_HAN.finditer(text):
            s, e = m.span()
            if skip.covers(s) or in_formula(s):
                continue
            yield Violation(s, e, "汉字之间用了英文短横线“-”",
                            help="标示地域、时间等的起止或相关项目用一字线“—”，例如“中国—东盟”",
                            fixes=(Fix.replace(s, e, "—", "改为“—”", Applicability.UNSAFE),))


_SENTENCE_END = pattern_cache.re_compile(r"[。；！？\n]")
_EQUALS = pattern_cache.re_compile(r"[=＝]")


def _formula_test(text: str):
    """A test of whether an offset is right of an equals sign in its sentence: there a hyphen
    between two names of quantities is a minus sign (结余=收入-支出), not a dash. One scan of
    the text, then a binary search per offset (a paragraph may hold many hyphens)."""
    if "=" not in text and "＝" not in text:
        return lambda at: False
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    equals = [m.start() for m in _EQUALS.finditer(text)]

    def in_formula(at: int) -> bool:
        i = bisect.bisect_right(ends, at)
        start = ends[i - 1] if i else 0
        j = bisect.bisect_left(equals, start)
        return j < len(equals) and equals[j] < at
    return in_formula


_POINT = "，。、；：,;:"
# A run of two or more point marks, reported once; a run holding 。。。 is an ellipsis (PUN008).
_STACKED = lazy_regex.compile(rf"[{_POINT}]{{2,}}")
# Two of them side by side, in stdlib ``re`` (literal characters: the same as in ``regex``): most
# paragraphs with point marks have none, and one scan of the whole text finds those that do
# (gongwen.analysis.routing: the pattern is positive, with no anchor or lookbehind). The class
# is written twice rather than repeated ({2}): re's repeat costs a step at each of the many point
# marks of prose (0.023 -> 0.014 s over the benchmark's 1,000 files, the same matches).
# The pair is the whole pattern: the document's route screen answers it for every document in
# its one pass, and the text is searched only where it holds one (2 of the 1,000).
_TWO_POINTS = needs_pair(pattern_cache.re_compile(rf"[{re.escape(_POINT)}][{re.escape(_POINT)}]"), _POINT, _POINT)
_HALF_WIDTH_POINT = {",": "，", ";": "；", ":": "："}


class StackedPointMarks(Rule):
    """## What it does
    检查连用的两个点号：`，。`、`。。`、`、、`、`：。`、`；，` 等。

    ## Why is this bad?
    一个停顿只用一个点号。两个点号连用是删改时留下的残迹，GB/T 15834 中没有这种用法。
    不检查：问号、叹号的叠用（`？！`）、省略号后的句号、引号和括号两侧的点号（见 PUN012），
    三个以上连用的句号（见 PUN008）。
    修复：相同点号重复（`。。`、`，，`、`、、`）删去一个为安全修复；含句号的组合保留句号为不安全修复；
    其他组合保留哪一个需要判断。

    ## Example
    ```text
    取得新成效。。全区参学、、参考，通过率100%，。
    ```

    Use instead:
    ```text
    取得新成效。全区参学、参考，通过率100%。
    ```
    """

    code = "PUN011"
    name = "stacked-point-marks"
    severity = Severity.ERROR
    fixable = True
    # Reads only the units holding two point marks side by side, found by one scan of the
    # document's text: nearly every paragraph holds a point mark, so triggers called it on each.
    scope = "document"

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit in units_holding(ctx.document, _TWO_POINTS):
            yield from in_document(unit, self._stacked(unit, ctx))

    def _stacked(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        for m in _STACKED.finditer(text):
            s, e, run = m.start(), m.end(), m.group()
            if "。。。" in run:
                continue
            skip = _skip(ctx.document, unit)  # memoised per paragraph: asked only for a run
            if any(skip.covers(i) for i in range(s, e)):
                continue
            if all(ch in ",;:" for ch in run):
                continue  # only ASCII: a list of codes or a formula, not prose
            marks = {_HALF_WIDTH_POINT.get(ch, ch) for ch in run}
            if len(marks) == 1:
                (mark,) = marks
                fix = Fix.replace(s, e, mark, f"只保留一个“{mark}”")
            elif "。" in marks:
                fix = Fix.replace(s, e, "。", "只保留句号", Applicability.UNSAFE)
            else:
                fix = Fix.replace(s, e, run[0], f"只保留“{run[0]}”", Applicability.DISPLAY_ONLY)
            yield Violation(s, e, f"点号连用：“{run}”", help="一处停顿只用一个点号", fixes=(fix,))


# A sentence-final mark inside a closing quote or bracket and another point mark outside it.
# (Literal characters only: stdlib ``re`` finds the same matches, faster.)
_DOUBLE_TERMINAL = pattern_cache.re_compile(r"[。？！](?P<close>[”’）)]{1,3})(?P<outer>[。，；：、？！])")
# Every match has a closer right after 。？！; looking from the (rarer) closer is quicker.
_TERMINAL_CLOSE = pattern_cache.re_compile(r"[”’）)](?<=[。？！][”’）)])")


class TerminalMarkAroundClosingQuote(Rule):
    """## What it does
    检查引号或括号内已有句末点号、引号或括号外又用了点号的写法：`。”。`、`。”，`、`。）。`。

    ## Why is this bad?
    GB/T 15834 规定：引文完整独立时，句末点号放在引号之内；引号内已经使用了句末点号，
    引号外不再使用点号。括号内外同理，同一处停顿不用两个点号。
    不检查：只有一侧有点号的写法——`“依法行政”。`（部分引用，点号在外）和
    `“好。”`（完整引用，点号在内）都可能正确，判断需要语法分析。
    修复：内外都是句号时删去外面的句号为安全修复，其他组合删去外面的点号为不安全修复。

    ## Example
    ```text
    他强调：“要压实责任。”。提出“件件有回音。”，确保落实。
    ```

    Use instead:
    ```text
    他强调：“要压实责任。”提出“件件有回音”，确保落实。
    ```
    """

    code = "PUN012"
    name = "terminal-mark-around-closing-quote"
    severity = Severity.ERROR
    fixable = True
    # Every finding is a terminal mark right before a closing quote or parenthesis (the check's
    # first test): one pair, where the closers alone woke the rule on 6,887 of the benchmark's
    # 22,971 paragraphs and the pair on 68.
    trigger_patterns = (Adjacent("。？！", "”’）)"),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if _TERMINAL_CLOSE.search(text) is None:
            return
        for m in _DOUBLE_TERMINAL.finditer(text):
            s, e = m.span()
            inner, outer = text[s], m.group("outer")
            o = m.start("outer")
            applicability = Applicability.SAFE if inner == outer == "。" else Applicability.UNSAFE
            kind = "引号" if m.group("close")[-1] in "”’" else "括号"
            yield Violation(o, o + 1, f"{kind}内已有“{inner}”，{kind}外又用了“{outer}”",
                            help=f"{kind}内已有句末点号时，{kind}外不再用点号",
                            fixes=(Fix.replace(o, o + 1, DELETE, f"删去{kind}外的“{outer}”", applicability),),
                            labels=(Label(s, s + 1, f"{kind}内的句末点号"),))


RULES = (MarkedItemsDunhao, ApproximateNumberDunhao, EllipsisForm, DashForm, StackedPointMarks,
         TerminalMarkAroundClosingQuote)
