"""Figures that must agree: shares of one whole, a rate and its counts, a growth rate and the
two values it joins. Every figure is read through the quantity model (linter/analysis/quantity_model.py),
and two figures are compared only when it finds them comparable."""
from __future__ import annotations

import bisect
import math
from typing import Iterable, NamedTuple


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon
from gongwen.analysis.numerals import CN_DIGITS, CN_UNITS, NUMERAL_FIRST
from gongwen.analysis.route_screen import needs_pair
from gongwen.analysis.percent_signs import numbers_before_signs
from gongwen.analysis.quantities import quantities_in
from gongwen.analysis.quantity_model import (LOOKBACK, Figure, figure_unit, figures_in, overlapping_attributes,
                                             percent_figures_in, read_figures_at)
from gongwen.analysis import pattern_cache

# 办结的占52%, 占全省的50.6%, 占比为31%, 分别占8.1%: the share's base is what follows 占.
_SHARE_CUE = lazy_regex.compile(
    r"(?P<listed>分别)?占(?:比重|比例|比)?(?P<base>[^，,。；;、：:0-9０-９%％]{0,15}?)的?(?:比重|比例|份额)?"
    r"(?P<list>分别)?(?:为|达到|达|是)?$")
# A share stated as a change (占比提高15%) or against another base (比上年) is no part of a whole.
_CHANGE = lazy_regex.compile(r"增长|增加(?!值)|减少|提高|提升|上升|下降|降低|回落|扩大|缩小|比上|较上|同比|环比|高于|低于")
# 占预算数的96.99%, 占年度计划的85%: each item against its own budget, plan or last year's figure
# is a completion or comparison ratio, not a part of one whole.
_OWN_REFERENCE = lazy_regex.compile(r"预算|计划|目标|任务|上年|去年|同期|年初")
# The next share of a 分别占 list: 8.1%、38.2%和60.3%.
_LIST_GAP = lazy_regex.compile(r"\s*[、和及与]\s*")
_ITEM_SPLIT = lazy_regex.compile(r"[、和及与]")
_TIME_UNITS = frozenset({"年", "月", "日", "天", "周", "小时", "分钟", "个月", "岁", "%", "个百分点", ""})


# A figure's base unit is % only after % or ％ or in 百分之…: shares and rates need one of them,
# and a unit without any needs no figures read.
_PERCENT = pattern_cache.re_compile("[%％]|百分之")
# Two figures in % need two of those (a % sign after each numeral, or 百分之 where it starts).
# Counted, not searched: %, ％ and 百分之 never overlap, so the text holds two in a row exactly
# when it holds two, and re tried the lazy run between them at every character after the first
# (13.8 M instructions over CON004's 278 units of the speed benchmark's first 400 files).
# tests/rules/test_share_gate.py compares with the pattern it stands for.
class _TwoPercentSigns:
    pattern = rf"(?:{_PERCENT.pattern})[\s\S]*?(?:{_PERCENT.pattern})"  # what it stands for

    @staticmethod
    def search(text: str) -> bool | None:
        return text.count("%") + text.count("％") + text.count("百分之") >= 2 or None


_TWO_PERCENT = _TwoPercentSigns()
# A reported share run starts with a share that is no estimate (no word before its number), so
# its cue ends right before the number: 占, then at most 2 + 15 + 1 + 2 + 2 + 2 characters of
# _SHARE_CUE (比重, the base, 的, 比例, 分别, 达到), none of them one the base may not hold.
# A unit without that holds no finding and needs no figures read (tests/test_number_gates.py).
_SHARE_BEFORE_NUMBER = pattern_cache.re_compile(rf"占[^，,。；;、：:0-9０-９%％]{{0,24}}[{NUMERAL_FIRST}]")


def _shown(text: str, f: Figure) -> str:
    return text[f.start:f.end]


def _base_of(text: str, f: Figure):
    """The match of the share cue that ends at the figure, or None."""
    return _SHARE_CUE.search(text, f.clause, f.start - len(f.quantity.before))


class SharesExceedWhole(Rule):
    """## What it does
    检查同一整体各组成部分的占比之和超过 100%（超出四舍五入误差），例如
    `办结的占52%，正在办理的占31%，不予受理的占25%`（108%），
    `其中个体工商户占65%，企业占30%，合作社占12%`（107%）。

    只有能看出各项是“同一整体的划分”时才相加：各项占的是同一个基数（“占”之后写的整体相同，
    或都没写），时期和口径相同，并且
    - 在同一个“其中”之下，或由“分别占”“占比分别为”一并列出；或
    - 同一句中并列三项以上“某某占N%”（两项时要求都是“……的”这样的分类）；
    - 各项不是不同维度、可以重叠的属性（党员、女性、学历、年龄，
      `rules/data/overlapping_attributes.txt`：`其中党员占85%，女性占47%`不相加）；同一维度的
      各组是划分，相加（`0—15岁人口占16.2%，16—59岁人口占60.1%，60岁及以上人口占23.7%`，
      `男性占50.6%，女性占49.4%`），但两组以上“以上”“以下”是嵌套的（`大专以上`、`本科以上`），不相加；
    - 各项说的是同一种量：列出的各项分属不同指标（`增加值`、`销售额`、`总额`，
      `rules/data/measure_heads.txt`）时，各是各的整体，不相加。

    误差按每项末位的半个单位累计：`34%、33%、34%` 之和 101% 不报告。

    ## Why is this bad?
    同一整体的各部分占比之和不能超过 100%，超过说明至少有一项数据有误，属于数据前后不一致。
    不检查：占各自预算、计划或上年数的比例（`占预算数的96.99%`，是完成率），占不同整体的比例（`分别占全省的50.6%`与`占全国的3%`）、互相独立的比率
    （`分别为23.1%、62.5%、45.5%`，没有“占”）、增长率、可重叠的属性构成
    （`党员占60%，女性占55%`）、约数和“以上”“以下”，以及和不足 100% 的情形（列举可能不完整）。

    ## Example
    ```text
    全年共受理政府信息公开申请200件，办结的占52%，正在办理的占31%，不予受理的占25%。
    ```

    Use instead:
    ```text
    全年共受理政府信息公开申请200件，办结的占52%，正在办理的占31%，不予受理的占17%。
    ```
    """

    code = "CON004"
    name = "shares-exceed-whole"
    severity = Severity.WARNING
    triggers = "占"  # every share is written with 占

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._measure_end = lazy_regex.compile(f"(?:{lexicon.pattern('measure_heads.txt')})$")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # a finding is two shares at least, each a figure in %
        if "占" not in text or not _TWO_PERCENT.search(text) or not _SHARE_BEFORE_NUMBER.search(text):
            return
        signed = ctx.document.unit_memo(numbers_before_signs, unit, text)  # NUM008 reads them too
        if signed is not None and sum(signed) <= 100:
            return  # a finding's shares add up to more than 100, each a number right before its sign
        for group, why in self._partitions(text, percent_figures_in(ctx.document, unit)):
            total = sum(f.value for f in group)
            if total - sum(f.slack for f in group) <= 100:
                continue
            # each clause's subject once: the values of a 分别占 list share the list's subject
            shown = " + ".join(f"{f.subject}{_shown(text, f)}" if i == 0 or group[i - 1].clause != f.clause
                               else _shown(text, f) for i, f in enumerate(group))
            yield Violation(
                group[0].start, group[-1].end,
                f"同一整体各部分的占比之和为{total:g}%，超过100%：{shown}（{why}）",
                help="各部分占同一整体，其和不能超过100%，请核对各项数据",
                labels=tuple(Label(f.start, f.end, "部分") for f in group),
            )

    def _partitions(self, text: str, figures: list[tuple[int, Figure]]) -> Iterable[tuple[list[Figure], str]]:
        """Runs of shares of one base in one sentence, with the reason to read them as a partition.
        ``figures``: the unit's figures in % with their places among all its figures (a share is
        in %: the others are not read, and a share's list goes on only from the figure right
        before it)."""
        runs: list[tuple[list[Figure], str, bool]] = []  # shares, base, listed together with 分别
        previous: tuple[Figure, str, bool] | None = None  # the last figure if it was a share
        last_place = -2
        for place, f in figures:
            if place != last_place + 1:
                previous = None  # a figure not in % stood between: it was no share
            last_place = place
            share, base, listed = self._share(text, f, previous)
            if share:
                last = runs[-1][0][-1] if runs else None
                if last is not None and last.sentence == f.sentence and runs[-1][1] == base \
                        and last.comparable(f):
                    runs[-1][0].append(f)
                    runs[-1] = (runs[-1][0], base, runs[-1][2] or listed)
                else:
                    runs.append(([f], base, listed))
            previous = (f, base, listed) if share else None
        for shares, base, listed in runs:
            if len(shares) < 2 or any(f.approximate for f in shares):
                continue
            items = "、".join(f.subject.split("占")[0] for f in shares)
            if self._several_measures(items):
                continue  # A增加值、B销售额占比分别为…: each share is of its own measure's whole
            if overlapping_attributes([x for x in _ITEM_SPLIT.split(items) if x]):
                continue  # 其中党员占85%，女性占47%: attributes of one population overlap
            if listed:
                yield shares, "“分别占”一并列出的各项"
            elif shares[0].part_of >= 0:
                yield shares, "同一“其中”之下的各分项"
            elif self._parallel(shares):
                yield shares, "同一句中并列的各类占同一整体"

    @staticmethod
    def _share(text: str, f: Figure, previous: tuple[Figure, str, bool] | None) -> tuple[bool, str, bool]:
        """Whether a figure is a share, of which base, and whether a 分别 list holds it; the
        next value of a list (8.1%、38.2%) is a share of the same base as the one before it."""
        if f.unit != "%":
            return False, "", False
        if previous is not None and _LIST_GAP.fullmatch(text, previous[0].quantity.end, f.start):
            return True, previous[1], previous[2]
        cue = _base_of(text, f)
        if cue is None:
            return False, "", False
        listed, base, in_list = cue.groups()  # (listed, base, list): regex looks a name up per call
        # An empty base or subject names no change nor reference (占1%，占2%): no search needed.
        if base and (_CHANGE.search(base) or _OWN_REFERENCE.search(base)) or f.subject and _CHANGE.search(f.subject):
            return False, "", False
        return True, base, bool(in_list or listed)

    def _several_measures(self, listed: str) -> bool:
        """Whether the items of a list name two different measures (增加值, 销售额 …)."""
        heads = {m.group() for item in _ITEM_SPLIT.split(listed) if item and (m := self._measure_end.search(item))}
        return len(heads) >= 2

    def _parallel(self, shares: list[Figure]) -> bool:
        subjects = [f.subject for f in shares]
        if not all(subjects) or len(set(subjects)) < len(subjects):
            return False
        return len(shares) >= 3 or all(s.endswith("的") for s in subjects)


# 办结率99%: the two characters before 率 name what its numerator counts (办结).
_RATE_VERB = "(?:为|达到|达|是)?"
_RATE = lazy_regex.compile(rf"(?P<stem>\p{{Han}}{{2}})率{_RATE_VERB}$")
# A rate that is checked is no estimate (no word before its number): its cue ends right before
# the number. A unit without 率 so placed needs no figures read (tests/test_number_gates.py).
# 率 stands right before the verb's first character or the number's: the document's route screen
# answers that pair before the text is searched (176 of the benchmark's 1,000 hold it, 168 match).
_RATE_BEFORE_NUMBER = needs_pair(pattern_cache.re_compile(f"率{_RATE_VERB}[{NUMERAL_FIRST}]"), "率",
                                 "为达是0123456789０１２３４５６７８９" + CN_DIGITS + CN_UNITS)
# What follows the 率 of a rate that is checked: _RATE's verb, then the number.
_AFTER_RATE = pattern_cache.re_compile(f"{_RATE_VERB}[{NUMERAL_FIRST}]")


def _stem_named_before(text: str) -> bool:
    """Whether some 率 right before a number (…率为98%) has its two characters before it (the
    stem, 办结) earlier in the text as well: a rate is checked only against a count whose clause
    names its stem (_readings), and every such count stands before the rate's own 办结率. Most
    rates in a unit are stated without their counts (town by town, 城镇化率…), and then the
    unit's figures need not be read (tests/test_number_gates.py). The count starts at most
    MAX_RATE_SPAN before the rate and its clause at most LOOKBACK before the count, so the stem
    is looked for only that far back: linear, however many rates a unit holds."""
    i = text.find("率", 2)
    while i != -1:
        if _AFTER_RATE.match(text, i + 1) and text.find(text[i - 2:i], max(0, i - _STEM_REACH), i - 1) != -1:
            return True
        i = text.find("率", i + 1)
    return False


_RATE_CHANGE = lazy_regex.compile(r"率(?:比|较|同比|环比)?.{0,4}(?:提高|提升|上升|下降|降低|增长|增加|减少)")


def _stated(f: Figure) -> tuple[float, float]:
    """The values a written rate or change may stand for: rounded (half a unit either way) or
    cut off (up to a whole unit more) at its last written place."""
    return f.low, f.high + f.slack  # cut off: up to, not including, the next unit


MAX_RATE_SPAN = 300  # a rate's counts are looked for this far back in its sentence
_STEM_REACH = MAX_RATE_SPAN + LOOKBACK  # where a count's clause naming a rate's stem may start, back from its 率
# A rate whose sentence names its stem in more counts than this is too ambiguous to judge.
MAX_NAMED_COUNTS = 3


def _range_text(low: float, high: float, unit: str = "%") -> str:
    return f"{low:.1f}{unit}" if round(low, 1) == round(high, 1) else f"{low:.1f}～{high:.1f}{unit}"


class RateVsCounts(Rule):
    """## What it does
    检查一个比率与同一句中给出的两个计数不符（超出四舍五入误差），例如
    `受理100件，办结98件，办结率99%`（98÷100=98%）。

    比率以“率”前两字（`办结率`的“办结”）认出它的分子：同一句中在它之前、所在分句含这两字的
    计数（`办结98件`）；带限定词的比率（`按期办结率`，`rules/data/rate_qualifiers.txt`）只认
    带同样限定词的计数（`按期办结150件`）。分母是同一句中分子之前、单位相同的计数
    （`受理100件`），或它们的和；只有一个分母时它须与分子时期相同（`累计受理`不是本年的分母）。
    一句中常有不止一种读法：含这两字的计数不止一个（`已完成整改9个，基本完成2个`，两类
    完成情况），总数可能嵌套（`3个方面11个问题`）。每个含这两字的计数、以及它们的和，都与
    它之前的每个总数（及其和）配对；只要有一种读法与比率相符就不报告，报告时给出最接近
    所写比率的读法；含这两字的计数多于三个时读法太多，不检查。含这两字而它之前没有总数的
    计数本身就是总数（`排查化解矛盾纠纷3580件，化解3472件`），不作分子。
    分子恰是它之前两个计数之差时（`业务收入12.61亿元，业务支出6.34亿元，增值收益6.27亿元，
    增值收益率1.57%`），它是两者的差额而不是其中之一的部分，比率的分母可能是句外的数，不检查。
    计数（`98件`）是确数，以万、亿或小数写出的数按末位的
    半个单位计误差，比率按四舍五入或截尾都算相符（`办结率98.0%`按 97.95%～98.1%）。

    ## Why is this bad?
    比率是由两个计数算出来的，三者同时写出时必须一致，不一致说明至少有一个数据有误。
    不检查：约数和“以上”“以下”，句中找不到分子或分母的比率，可能作分子的计数中有约数的比率
    （`整改约40个`），表示变化的比率（`办结率提高2个百分点`），以及在含这两字的计数之后、比率
    之前写出计划或任务数的比率（`完成植树造林1.6万亩、补植0.3万亩，落实封山育林
    任务5000亩，完成率78%`：比率的分母是这一任务，它的分子没有写出；`rules/data/plan_count_words.txt`）。

    ## Example
    ```text
    全年受理群众诉求100件，办结98件，办结率99%。
    ```

    Use instead:
    ```text
    全年受理群众诉求100件，办结98件，办结率98%。
    ```
    """

    code = "CON005"
    name = "rate-vs-counts"
    # Info since round 17: its first reports on text nobody tuned on were 3 of 3 false (a
    # housing-fund yield over an outside balance, nested totals, a task count read as a part),
    # each fixed by its principle; a warning promises 9 in 10 (rules/data/precision.toml).
    severity = Severity.INFO
    # Every finding is a rate (…率 99%): a 率, its verb and a numeral (check's own test); 率
    # alone woke it on 1,529 of the benchmark's 22,971 paragraphs, none of which held a finding.
    trigger_patterns = (_RATE_BEFORE_NUMBER,)

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._qualifier = lazy_regex.compile(f"(?:{lexicon.pattern('rate_qualifiers.txt')})$")
        self._plan = lazy_regex.compile(lexicon.pattern("plan_count_words.txt"))

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if not _PERCENT.search(text) or not _RATE_BEFORE_NUMBER.search(text) or not _stem_named_before(text):
            return  # a rate is a figure in %, right after its 率, whose stem a count before it names
        figures = figures_in(ctx.document, unit)
        starts = [f.start for f in figures]
        for i, rate in enumerate(figures):
            if rate.unit != "%" or rate.approximate or rate.mode != "actual":
                continue
            cue = _RATE.search(text, rate.clause, rate.start - len(rate.quantity.before))
            if cue is None or _RATE_CHANGE.search(text, cue.start(), rate.start):
                continue
            qualifier = self._qualifier.search(text, rate.clause, cue.start("stem"))
            stem = (qualifier.group() if qualifier else "") + cue.group("stem")
            # counts of the same sentence, at most MAX_RATE_SPAN characters back (linear time)
            first = bisect.bisect_left(starts, max(rate.sentence, rate.start - MAX_RATE_SPAN))
            earlier = figures[first:i]
            if self._plan_after_stem(text, earlier, stem):
                continue
            readings = _readings(text, earlier, stem)
            if not readings:
                continue
            stated_low, stated_high = _stated(rate)
            if any(stated_low <= r.count_high / low * 100 and r.count_low / high * 100 < stated_high
                   for r in readings for low, high, _, _ in r.totals):
                continue  # some reading of the sentence gives the stated rate
            # The message shows the reading that comes nearest to the stated rate: the one an
            # editor most likely meant (30处÷40处 rather than 6处÷30处).
            middle = (stated_low + stated_high) / 2
            top, (low, high, shown, total) = min(
                ((r, t) for r in readings for t in r.totals),
                key=lambda rt: _distance(rt[0].count_low / rt[1][1] * 100, middle))
            yield Violation(
                rate.start, rate.end,
                f"{cue.group()}{text[rate.start:rate.end]}与计数不符：{top.shown}÷{shown}"
                f"={_range_text(top.count_low / high * 100, top.count_high / low * 100)}"
                f"（同一句中“{stem}”的计数与它之前单位相同的总数）",
                help="核对比率及其分子、分母",
                labels=(Label(top.count.start, top.count.end, "分子"), Label(total.start, total.end, "分母")),
            )

    def _plan_after_stem(self, text: str, earlier: list[Figure], stem: str) -> bool:
        """Whether a count named as a plan (任务, 计划, 目标: rules/data/plan_count_words.txt)
        stands after the last count naming the stem, in its unit: the rate (完成率) is then over
        the plan, whose numerator the sentence does not write after it; the counts before it
        are of another item (完成植树造林1.6万亩、补植0.3万亩，落实封山育林任务5000亩，完成率78%) or a
        numerator before its total, which the rule does not read."""
        named = _counts_naming(text, earlier, stem)
        if not named:
            return False
        last = earlier[named[-1]]
        return any(f.start > last.start and f.unit == last.unit and self._plan.search(text, f.clause, f.start)
                   for f in earlier)


def _distance(rate: float, stated: float) -> float:
    """How far a computed rate is from the stated one, as a factor (2% is as far from 4% as 8%)."""
    return abs(math.log(rate / stated)) if rate > 0 and stated > 0 else math.inf


class _Reading(NamedTuple):
    """One way to read a rate's counts: what it counts, and the totals it may be a share of."""
    count: Figure  # the count that names the stem (the first of them for a sum)
    count_low: float
    count_high: float
    shown: str
    totals: list[tuple[float, float, str, Figure]]  # low, high, as shown, the figure to label


def _counts_naming(text: str, earlier: list[Figure], stem: str) -> list[int]:
    """The indices of the counts whose clause names the rate's stem (办结 of 办结率) before them."""
    return [j for j, f in enumerate(earlier) if f.unit not in _TIME_UNITS and stem in text[f.clause:f.start]]


def _readings(text: str, earlier: list[Figure], stem: str) -> list[_Reading]:
    """Every plausible (count, total) reading of a rate whose stem is ``stem``; empty when one
    plausible reading cannot be checked, so that the rate is left alone.

    A sentence may name the stem in more than one count (已完成整改9个，基本完成2个，完成率82%):
    each of them, and their sum, is a reading; a total may be any earlier count of the same unit,
    or their sum, so nested totals (3个方面11个问题) are each tried. The rule reports only when no
    reading gives the stated rate. A count that names the stem with no total before it is itself
    a total (排查化解3580件，化解3472件), not a reading, unless it is the nearest one."""
    named = _counts_naming(text, earlier, stem)
    if not named or len(named) > MAX_NAMED_COUNTS:
        return []  # none, or too many readings to judge (and to try: linear time)
    readings = []
    counts = []  # earliest first
    for j in reversed(named):
        count = earlier[j]
        reading = _reading(text, count, count.low, count.high, text[count.start:count.end], earlier[:j])
        if reading is None and j != named[-1]:
            continue
        if reading is None or count.approximate or count.mode != "actual":
            return []  # a plausible numerator that cannot be read exactly
        if _balance(count, earlier[:j]):
            return []  # a balance's rate may be over either term, or a base the sentence omits
        readings.append(reading)
        counts.insert(0, (j, count))
    # 已完成9个，基本完成2个: the rate may count both categories.
    same = [(j, f) for j, f in counts if f.unit == counts[0][1].unit]
    if len(same) >= 2:
        figures = [f for _, f in same]
        reading = _reading(text, figures[0], sum(f.low for f in figures), sum(f.high for f in figures),
                           _sum_shown(text, figures), earlier[:same[0][0]])
        if reading is not None:
            readings.append(reading)
    return readings


def _balance(count: Figure, before: list[Figure]) -> bool:
    """Whether the count is the difference of two earlier counts of its unit (收入12.61亿元，
    支出6.34亿元，收益6.27亿元): a balance between them, a part of neither, whose rate (收益率,
    结余率) is over a base the sentence need not give (the year's average balance)."""
    same = [f for f in before if f.unit == count.unit and not f.approximate]
    return any(a.low - b.high <= count.high and count.low <= a.high - b.low
               for a in same for b in same if a is not b)


def _reading(text: str, count: Figure, low: float, high: float, shown: str,
             before: list[Figure]) -> _Reading | None:
    """The reading of ``count`` over the counts ``before`` it; None when none can be its total.

    Totals: earlier counts of the same unit, not smaller than the count; one alone must be of the
    count's period (累计 is not 本年), all together may add periods up (上年结转 + 本年新收)."""
    bases = [f for f in before if f.unit == count.unit and not f.approximate
             and f.high >= low and f.low > 0]
    if not any(f.period == count.period and f.mode == count.mode for f in bases):
        return None
    totals = [(f.low, f.high, text[f.start:f.end], f) for f in bases]
    if len(bases) >= 2:
        totals.append((sum(f.low for f in bases), sum(f.high for f in bases),
                       _sum_shown(text, bases), bases[0]))
    return _Reading(count, low, high, shown, totals)


def _changes_from(text: str, quantities) -> Iterable[tuple[Figure, Figure, Figure]]:
    """Three figures in a row (a year before 的 is none: 由2020年的486亿元), the first right after
    由 or 从, the third in its sentence: only these figures are read, not every figure of the
    unit (quantity_model.read_figures_at; a figure's unit is known from its quantity)."""
    kept = [i for i, q in enumerate(quantities) if not (figure_unit(q) == "年" and text.startswith(_DATED, q.end))]
    firsts = [k for k in range(len(kept) - 2) if _FROM.search(text, max(0, _head(quantities[kept[k]]) - 10),
                                                              _head(quantities[kept[k]]))]
    read = read_figures_at(text, quantities, sorted({kept[k + d] for k in firsts for d in range(3)}))
    for k in firsts:
        a, b, g = read[kept[k]], read[kept[k + 1]], read[kept[k + 2]]
        if a.sentence == g.sentence:
            yield a, b, g


def _head(q) -> int:
    """Where a quantity's words begin: its approximation word before the number, or the number."""
    return q.start - len(q.before)


def _sum_shown(text: str, figures: list[Figure]) -> str:
    """(45个+12个): a sum in a message, bracketed so that ÷ reads right."""
    return "(" + "+".join(text[f.start:f.end] for f in figures) + ")"


# 由120亿元增长到150亿元: the verb between the two values, and the change stated after them.
# Either value may carry its period: 由上年的1582.6亿元增长到1661.7亿元, 由2020年的486亿元增长
# 到2025年的632亿元.
_FROM_DATED = r"[由从](?:[^，,。；;、\n]{0,8}的)?"
# Stdlib ``re`` (the source needs nothing of ``regex``; ``$`` is the window's end, or before a
# line break there, in both): tried before every figure of a unit, in a window of 10
# characters, where ``regex``'s call cost ~8,000 instructions.
_FROM = pattern_cache.re_compile(rf"{_FROM_DATED}$")
# The first value is no estimate: _FROM ends right before its number (or before a line break
# before it: the search's `$`). A unit without that needs no figures read.
_FROM_BEFORE_NUMBER = pattern_cache.re_compile(rf"{_FROM_DATED}\n?[{NUMERAL_FIRST}]")
_DATED = "的"  # 2025年的632亿元: a year written before a value names its period
_TO_VERBS = "增长|增加|提高|提升|上升|扩大|下降|减少|降低|缩小|回落|精简|压缩|压减|缩减|增|减|升|降"
_TO = lazy_regex.compile(rf"[^，,。；;、0-9０-９]{{0,6}}?(?P<verb>{_TO_VERBS})(?:到|至|为)(?:[^，,。；;、\n]{{0,8}}的)?")
# What _TO needs somewhere in the unit: a unit without it needs no figures read.
_TO_CUE = pattern_cache.re_compile(f"(?:{_TO_VERBS})(?:到|至|为)")
_CHANGE_VERBS = "增长|增加|提高|提升|上升|扩大|下降|减少|降低|缩小|回落"
_CHANGE_AFTER = lazy_regex.compile(rf"[，,]?\s*(?P<pre>[^，,。；;0-9０-９]{{0,8}}?)(?P<verb>{_CHANGE_VERBS})(?:了)?(?:为|达)?")
# The stated change ends _CHANGE_AFTER, which ends right where its number starts: a unit without
# a change verb so placed (增长20%, 提高了5个百分点) needs no figures read; most units with 由…增长到…
# state no change after it (tests/test_number_gates.py).
_CHANGE_BEFORE_NUMBER = pattern_cache.re_compile(rf"(?:{_CHANGE_VERBS})了?(?:为|达)?[{NUMERAL_FIRST}]")
_DOWN = frozenset({"下降", "减少", "降低", "缩小", "回落", "精简", "压缩", "压减", "缩减", "减", "降"})
# An average or a real growth (price change taken out: 扣除物价因素) is not the plain change
# between the two values.
_NOT_PLAIN = lazy_regex.compile(r"年均|平均|每年|实际|可比|名义|按|扣除|剔除|物价|价格")


def _change_range(a: Figure, b: Figure, down: bool, points: bool) -> tuple[float, float]:
    """The change from a to b that the two values allow, given their rounding."""
    if points:
        return (a.low - b.high, a.high - b.low) if down else (b.low - a.high, b.high - a.low)
    if down:
        return (1 - b.high / a.low) * 100, (1 - b.low / a.high) * 100
    return (b.low / a.high - 1) * 100, (b.high / a.low - 1) * 100


class GrowthVsValues(Rule):
    """## What it does
    检查“由A增长到B，增长p%”中的增幅与前后两个数不符（超出四舍五入误差），例如
    `由120亿元增长到150亿元，增长20%`（应为 25%）；`由45%提高到52%，提高5个百分点`
    （应为 7 个百分点）也检查。

    A 和 B 单位相同（换算后比较：`由4771公里增加到2.52万公里`），可以带着各自的时期
    （`由上年的1582.6亿元增长到1661.7亿元`、`由2020年的486亿元增长到2025年的632亿元`），
    变化词包括“精简到”“压缩至”这类减少；增幅紧接在 B 之后的分句中；
    两数都按末位的半个单位计误差，增幅按四舍五入或截尾都算相符，只要误差范围内有一种取值
    与增幅相符就不报告。

    ## Why is this bad?
    增幅由前后两个数算出，三者同时写出时必须一致，否则至少有一个数据有误。
    不检查：年均、平均、实际（按可比价格）增幅，它们不是两数的简单变化；两个百分数之间以
    百分数表示的变化（可能是相对变化，也可能是百分点）；约数和“以上”“以下”。

    ## Example
    ```text
    地区生产总值由120亿元增长到150亿元，增长20%。
    ```

    Use instead:
    ```text
    地区生产总值由120亿元增长到150亿元，增长25%。
    ```
    """

    code = "CON006"
    name = "growth-vs-values"
    severity = Severity.WARNING
    # Every finding is a change 由/从 A 到 B in % (the check's first tests need 由 or 从 and a
    # % sign or 百分之): the % signs and 百分之 stand in fewer paragraphs than 由 or 从 (2,058
    # and 3,428 of the 1,000 files' 22,971; 百 alone, 2,906).
    triggers = "%％"
    trigger_patterns = ("百分之",)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # a finding's change is in % (or in points between two values in %)
        # (the rarest first: 由/从 before a number stands in half the units with 由 or 从, and re
        # skips to 由 and 从 where it tries the verbs' alternation at every character; the
        # trigger's % sign is in all of them)
        if "由" not in text and "从" not in text or not _FROM_BEFORE_NUMBER.search(text) or not _TO_CUE.search(text) \
                or not _CHANGE_BEFORE_NUMBER.search(text) or not _PERCENT.search(text):
            return
        for a, b, g in _changes_from(text, quantities_in(ctx.document, unit)):
            to = _TO.fullmatch(text, a.end, b.start)
            after = _CHANGE_AFTER.fullmatch(text, b.end, g.start)
            if to is None or after is None or _NOT_PLAIN.search(after.group("pre")):
                continue
            if a.unit != b.unit or a.approximate or b.approximate or g.approximate or a.low <= 0:
                continue
            points = g.unit == "个百分点"
            if not (points and a.unit == "%") and not (g.unit == "%" and a.unit != "%"):
                continue
            down = after.group("verb") in _DOWN
            low, high = _change_range(a, b, down, points)
            stated_low, stated_high = _stated(g)
            if stated_high > low and stated_low <= high:
                continue
            unit_name = "个百分点" if points else "%"
            yield Violation(
                g.start, g.end,
                f"增幅与前后两个数不符：由{text[a.start:a.end]}到{text[b.start:b.end]}，"
                f"{after.group('verb')}{_range_text(low, high, unit_name)}，"
                f"文中为{text[g.start:g.end]}（“由…到…”之后紧接的增幅）",
                help="核对增幅及前后两个数",
                labels=(Label(a.start, a.end, "原值"), Label(b.start, b.end, "现值")),
            )


RULES = (SharesExceedWhole, RateVsCounts, GrowthVsValues)
