"""Percentage rules: rates that cannot exceed 100%. (Shares of one whole that must add up are
CON004, rules/figures.py, which reads them through the quantity model; NUM009 was retired for it.)"""
from __future__ import annotations

from typing import Iterable


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.analysis.numerals import Numeral, percents_in
from gongwen.analysis.percent_signs import numbers_before_signs
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.quantities import word_pattern

# Clause boundaries: a rate word governs a percentage only inside its own clause.
_CLAUSE_END = lazy_regex.compile(r"[，,。；;！？!?：:\n]")
# Words between a rate and its value that make the value a change, not the rate itself.
_CHANGE = lazy_regex.compile(r"(?:增长|增加|提高|提升|上升|下降|降低|减少|同比|环比|比上年|较上年|较)"
                        r"(?!到|至|为)")
# 超过/高出 measure a difference only against a base (超过上年5%, 比全国高出8%); right after
# the rate (参保率超过98%) they state its level, which the bound applies to.
_EXCEED = lazy_regex.compile(r"超过|高出")
_BASE = lazy_regex.compile(r"比|较|上年|去年|同期|平均|全国|全省|全市|标准|目标|计划")
# 合格率、满意度分别为98%、102%: values listed together keep the rates named before them.
_VALUE_LIST_GAP = lazy_regex.compile(r"[%％]?\s*[、和及与]\s*")
_SHARE_OF_TOTAL = lazy_regex.compile(r"占[^，,。；;]{0,15}(?:总|全部|全)[^，,。；;]{0,8}的$")
# Rate words are right-headed compounds: the last rate word names what is measured. A bounded
# rate followed by another one (入学率增长率, 覆盖率完成率) only modifies that head, whose own
# bound decides; the head is found as a further rate ending right after the bounded word.
_LATER_HEAD = lazy_regex.compile(r"的?\p{Han}{0,6}?(?:率|比重|比例|占比|指数)")
# A gross rate (毛入学率, 毛入园率) counts every case in its numerator, in or out of the group
# its base counts (over-age pupils), so it exceeds 100% by definition.
_GROSS = "毛"


_CLAUSE_REACH = 40  # a rate is looked for at most this far before its value


def _clause_start(text: str, pos: int) -> int:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, max(0, pos - _CLAUSE_REACH), pos)]
    return starts[-1] if starts else max(0, pos - _CLAUSE_REACH)


def _percent_text(n: Numeral, text: str) -> str:
    return text[n.start:n.end + (0 if n.in_words else 1)]


class BoundedRateOver100(Rule):
    """## What it does
    检查本身不能超过 100% 的比率写成了超过 100% 的数值，例如 `好评率100.5%`、
    `公示率达120%`、`占全区总数的105%`。比率词表见 `rules/data/bounded_rates.txt`
    （覆盖率、通过率、合格率、满意度、普及率、出庭应诉率、办结率、占比、比重……）。

    ## Why is this bad?
    覆盖率、合格率、满意度这类比率是“部分占整体”的比例，最大为 100%。超过 100% 几乎
    一定是录入或计算错误，在政府网站检查中属于数据错误。
    不检查可以超过 100% 的数：增长率、增速（`同比增长150%`）、完成率（超额完成，
    `完成年度目标的120%`）、贡献率、自给率、负债率；也不检查 `100%` 和 `95%以上`。
    比率词是右中心的复合词，由最后一个比率词决定所量的是什么：有界比率后面再接比率词时
    （`入学率增长率`、`覆盖率完成率`）只是修饰语，不检查；“毛”率（`毛入学率`、`毛入园率`）
    的分子包括基数以外的人（超龄在校生），按定义可以超过 100%，也不检查。

    ## Example
    ```text
    全年政务服务好评率达100.5%，行政复议决定公示率为120%。
    ```

    Use instead:
    ```text
    全年政务服务好评率达100%，行政复议决定公示率为100%。
    ```
    """

    code = "NUM008"
    name = "bounded-rate-over-100"
    severity = Severity.ERROR
    # A percent stands before % or ％ or after 百分之 (the check's first test): 2,058 of the
    # 1,000 files' 22,971 paragraphs (with 百 alone for 百分之, 2,906).
    triggers = "%％"
    trigger_patterns = ("百分之",)

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._rate = word_pattern("bounded_rates.txt")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if "%" not in text and "％" not in text and "百分之" not in text:
            return  # a numeral is a percent only before % or ％, or after 百分之
        signed = ctx.document.unit_memo(numbers_before_signs, unit, text)  # CON004 reads them too
        if signed is not None and not any(v > 100 for v in signed):
            return  # every percent of the unit is a plain number of 100 or less
        # The percents and, before one over 100, the numerals within its clause's reach (the
        # one before it may take the rate), or every numeral when another rule read them all.
        numerals = percents_in(ctx.document, unit, _CLAUSE_REACH, 100)
        for i, n in enumerate(numerals):
            if not n.percent or n.value is None or n.value <= 100:
                continue
            start = _clause_start(text, n.start)
            if i and numerals[i - 1].end > start and not _VALUE_LIST_GAP.fullmatch(
                    text, numerals[i - 1].end, n.start):
                start = numerals[i - 1].end  # the rate belongs to the nearer number
            window = text[start:n.start]
            rates = list(self._rate.finditer(window))
            share = _SHARE_OF_TOTAL.search(window)
            if rates:
                between = window[rates[-1].end():]
                if _CHANGE.search(between) or _LATER_HEAD.match(between):
                    continue
                if _EXCEED.search(between) and _BASE.search(text, start + rates[-1].end(), n.end + 8):
                    continue
                if window[:rates[-1].start()].endswith(_GROSS):
                    continue
                label = (start + rates[-1].start(), start + rates[-1].end(), "比率")
            elif share:
                label = (start + share.start(), start + share.end(), "占总体的比例")
            else:
                continue
            shown = _percent_text(n, text)
            yield Violation(
                n.start, n.end + (0 if n.in_words else 1),
                f"比率超过100%：{text[label[0]:label[1]]}{shown}",
                help="这一比率最大为100%，请核对数据或计算口径",
                labels=(Label(*label),),
            )


RULES = (BoundedRateOver100,)
