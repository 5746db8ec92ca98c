"""Consistency rules: parts against their total, counts against the items listed, and the
same figure stated twice."""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.time_words import QUARTER
from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.analysis.numerals import numerals_in
from gongwen.analysis.outline import outline, report_year, structure
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.quantities import SENTENCE_END, alternation, word_pattern
from gongwen.analysis.quantity_model import Figure, as_written, figures_in, overlapping_attributes
from gongwen.analysis import pattern_cache

_CLAUSE_START = lazy_regex.compile(r"[，,。；;！？!?：:\n（(）)]")
# The total's own change may stand between it and its parts: 进出口总额812.4亿元，比上年增长9.3%。其中，…
_AFTER_TOTAL = lazy_regex.compile(r"[^，,。；;0-9０-９（(]{0,4}"
                             r"(?:[，,]\s*(?:比上年末?|比去年|同比|较上年末?)?(?:增长|下降|增加|减少|提高|降低)"
                             r"[0-9０-９.]+[^，,。；;（(0-9０-９]{0,5})?[，,：:。；;]?\s*(?:其中|分别为|分别是)[，,：:]?")
# The parts are declared to be all of the total: 分别为…, or a last part that is 其余/剩余.
_EXHAUSTIVE = lazy_regex.compile(r"分别|其余|剩余|剩下")
# A part whose clause states a change or a comparison is not a share of the total.
MAX_PARTS_CHARS = 400  # a list of parts longer than this is not read as one list
# Parts run to the end of the sentence; sub-items of 其中 are often separated by ；.
_PARTS_END = lazy_regex.compile(r"[。！？!?\n]")
_OPENS_SENTENCE = ("。", "！", "？", "!", "?", "\n")
_NOT_TOTAL_UNITS = frozenset({"", "%", "个百分点", "年", "月", "日", "天", "倍"})
_PER = lazy_regex.compile(r"年均|平均|每|人均|均")
# A figure is a change when its clause compares (比上年, 较, 同比) or a change verb stands right
# before it (增加189亿元, 下降了3%); a verb with an object between (增加机关事业单位职工工资1755亿元,
# 新增就业1.36万人) names what is counted.
_COMPARISON = lazy_regex.compile(r"比|较|同比|环比")
_CHANGE_AT = lazy_regex.compile(r"(?:增长|增加|增|减少|减|下降|提高|上升|降低|超过|多于|少于|超)(?:了)?$")


def _is_change(clause: str) -> bool:
    return bool(_COMPARISON.search(clause) or _CHANGE_AT.search(clause))


def _clause_before(text: str, pos: int, limit: int = 30) -> str:
    lo = max(0, pos - limit)
    starts = [m.end() for m in _CLAUSE_START.finditer(text, lo, pos)]
    return text[starts[-1] if starts else lo:pos]


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    depth = 0
    for ch in text[start:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth > 0


def _shown(text: str, f) -> str:
    return text[f.start:f.end]


# Compiled once: regex.match(str, ...) looks its pattern up in a cache on every call.
_APPROX_AFTER = lazy_regex.compile(r"(?:左右|余|多)")


class TotalVsParts(Rule):
    """## What it does
    检查“N X，其中……”“N X，分别为……”句式中，列出的各部分之和超过总数（超出四舍五入误差），
    例如 `共审结57件，其中维持30件、撤销30件`（30+30=60>57）；列举声明完整时
    （“分别为”，或最后一项是“其余”），部分之和小于总数也报告。

    总数与部分按数量模型比较：单位换算后相同（`2.76万亿元，其中1.83万亿元、9300亿元`按元比较），
    时期（本年、上年结转、累计……）和口径（实际数、计划数、目标数）相同，部分都在这个“其中”
    之下。以万、亿或小数写出的数按末位的半个单位计误差：`10.7亿人，其中3.7亿人、70,036万人`
    相符。主要位置标在总数上，各部分作为次要标注，消息给出按总数的写法换算的和。

    “其中”的范围：总数自身的增减可以隔在中间（`812.4亿元，比上年增长9.3%。其中，出口…`）；
    “其中”另起一句时，整句（含分号隔开的各项）都是分项，在句中紧跟总数时到分号为止
    （`收入42.6亿元，其中税收33.9亿元；民生支出58.3亿元`）；后面带着自己“其中”的数是另一个总数；另起一句的“其中”之下各项之和
    恰为上一句中另一个同单位、同时期和口径的数时，那个数才是它们的总数（`资产总额86.5亿元，……净资产77.2亿元。
    其中，机关资产31.6亿元，事业单位资产54.9亿元`），不与上一句最后一个数比较。
    分项已经加满总数之后的各项是对总数的另一种分类（`引发行政诉讼2件，其中未经复议直接起诉
    2件，结果维持1件，其他结果1件`），单独相加。

    ## Why is this bad?
    “其中”引出的是总数的组成部分，部分之和不能大于总数；大于总数说明至少有一个数据错误，
    在政府网站检查中属于数据前后不一致。
    不检查：“其中”只列出一部分、和小于总数的情形，约数总数（`70余件`、`一千多个`），
    比率和平均数（`每千人6.5批次`、`设计速度每小时60公里`，作总数或作分项都不算），
    单位、时期或口径不同的数，括号中的数，表示增减、比较的数（`比上年增加189亿元`，
    增减词紧接数字或带比较基数时；`增加机关事业单位职工工资1755亿元` 的“增加”带着宾语，
    不算增减），以及不同维度的属性（`其中女性120人，党员80人`，
    `rules/data/overlapping_attributes.txt`）。

    ## Example
    ```text
    全年共审结行政复议案件57件，其中维持原行政行为30件、撤销或确认违法30件。
    ```

    Use instead:
    ```text
    全年共审结行政复议案件57件，其中维持原行政行为30件、撤销或确认违法27件。
    ```
    """

    code = "CON002"
    name = "total-vs-parts"
    severity = Severity.WARNING
    preview = True
    # The check's first test: every total is followed by a cue that holds 其中 or 分别.
    trigger_patterns = ("其中", "分别")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if "其中" not in text and "分别" not in text:
            return  # every total is followed by a cue (_AFTER_TOTAL) that holds 其中 or 分别
        figures = figures_in(ctx.document, unit)
        for i, total in enumerate(figures):
            if total.approximate or total.unit in _NOT_TOTAL_UNITS:
                continue
            cue = _AFTER_TOTAL.match(text, total.end)
            if cue is None:
                continue
            before = _clause_before(text, total.start)
            if _is_change(before) or _PER.search(before):
                continue  # 比上年增加4000亿元, 年均超收, 每千人6.5批次: not a total of parts
            parts, unread = self._parts(text, figures[i + 1:], total, cue)
            if not parts or overlapping_attributes([f.subject for f in parts]):
                continue  # 其中女性120人，党员80人: attributes of one population overlap
            exhaustive = _EXHAUSTIVE.search(cue.group()) is not None or any(
                _EXHAUSTIVE.search(_clause_before(text, f.start)) for f in parts)
            listed = (sum(f.low for f in parts), sum(f.high for f in parts))  # before any cut
            parts = self._one_classification(parts, total)
            low, high = sum(f.low for f in parts), sum(f.high for f in parts)
            biggest = max(parts, key=lambda f: f.value)
            shown = "+".join(_shown(text, f) for f in parts)
            summed = as_written(sum(f.value for f in parts), total)
            if biggest.low > total.high:
                message = f"部分大于总数：{_shown(text, biggest)} > 总数{_shown(text, total)}"
            elif len(parts) >= 2 and low > total.high:
                message = f"各部分之和超过总数：{shown}={summed} > 总数{_shown(text, total)}"
            elif exhaustive and not unread and len(parts) >= 2 and high < total.low:
                message = f"各部分之和不等于总数：{shown}={summed}，总数为{_shown(text, total)}"
            else:
                continue
            if self._add_up_to_another(text, figures[:i], total, cue, *listed):
                continue  # 资产总额212.4亿元，…净资产193.8亿元。其中，…68.2亿元、…144.2亿元
            why = "“其中”之下" if "其中" in cue.group() else "“分别为”列出"
            yield Violation(
                total.start, total.end,
                f"{message}（{why}、单位、时期和口径与总数相同的分项）",
                help="核对总数和各部分数据",
                labels=tuple(Label(f.start, f.end, "部分") for f in parts),
            )

    @staticmethod
    def _parts(text: str, after: list[Figure], total: Figure, cue) -> tuple[list[Figure], bool]:
        """The figures listed as parts of ``total`` after its cue, and whether some of the same
        unit could not be read as parts (approximate, a change): then a short sum proves nothing."""
        # 。其中，出口…；进口…: a 其中 that opens its sentence has the whole sentence for its
        # parts; one after its total in the sentence (收入42.6亿元，其中税收…；支出…) ends at ；.
        lead = cue.group()[:max(cue.group().find("其中"), 0)].rstrip(" \t　")
        ends = _PARTS_END if lead.endswith(_OPENS_SENTENCE) else SENTENCE_END
        end_m = ends.search(text, cue.end(), min(len(text), cue.end() + MAX_PARTS_CHARS))
        end = end_m.start() if end_m else min(len(text), cue.end() + MAX_PARTS_CHARS)
        second = text.find("其中", cue.end(), end)
        end = second if second >= 0 else end
        parts, unread = [], False
        for f in after:
            if f.start < cue.end():
                continue  # the total's own change (比上年增长9.3%)
            if f.start >= end or _AFTER_TOTAL.match(text, f.end):
                break  # …；无法提供38件，其中…: a new total with parts of its own
            if f.unit != total.unit or _inside_brackets(text, cue.end(), f.start):
                continue
            clause = _clause_before(text, f.start)
            if f.approximate or _is_change(clause) or _PER.search(clause) \
                    or f.period not in ("", total.period) or f.mode != total.mode:
                # 比上年增加, 上年结转, 计划: not a part of this total (a part that names no
                # period is of its total's, stated in the sentence before: 。其中，…); a rate
                # or an average (设计速度每小时60公里, 平均每户2400元) is no part either,
                # as it is no total (_PER above)
                unread = True
                continue
            parts.append(f)
        return parts, unread

    @staticmethod
    def _add_up_to_another(text: str, before: list[Figure], total: Figure, cue, low: float, high: float) -> bool:
        """Whether a 其中 that opens its own sentence lists the parts of another count of the
        sentence before, not of its last one: the parts add up (within rounding) to a count of
        that sentence in the same unit, period and measure (行政事业单位资产总额212.4亿元，负债总额
        18.6亿元，净资产193.8亿元。其中，行政单位资产68.2亿元，事业单位资产144.2亿元: 212.4, round
        18's state-asset report). Such a 其中 leaves the sentence before to say whose parts they
        are, and the count they make up is the one; parts that make up none are still reported.
        All the parts listed are summed, before _one_classification cuts them at the first that
        overflows the last count (已使用5420万元，结余1380万元。其中，…3260万元，…1480万元，…680万元:
        round 18's third batch)."""
        lead = cue.group()[:max(cue.group().find("其中"), 0)].rstrip(" \t　")
        if not lead.endswith(_OPENS_SENTENCE):
            return False
        opens = 1 + max(text.rfind(ch, 0, total.start) for ch in _OPENS_SENTENCE)
        return any(f.start >= opens and f is not total and not f.approximate and f.unit == total.unit
                   and f.period == total.period and f.mode == total.mode and low <= f.high and f.low <= high
                   for f in before)

    @staticmethod
    def _one_classification(parts: list[Figure], total: Figure) -> list[Figure]:
        """The parts that classify the total once: the first run of them that overflows it, or,
        when a run already adds up to the total, all the parts after it (they classify it
        again: 引发行政诉讼2件，其中未经复议直接起诉2件，结果维持1件，其他结果1件); parts of
        zero after a full run close the first classification (其他0件)."""
        low = high = 0.0
        for k, f in enumerate(parts):
            low, high = low + f.low, high + f.high
            if low > total.high:
                return parts[:k + 1]
            rest = parts[k + 1:]
            if high >= total.low and any(g.high > 0 for g in rest):
                return rest
        return parts


# ----------------------------------------------------------------------------------------
_OPEN = "“‘《（(〈「"
_CLOSE = "”’》）)〉」"
_CONJ = lazy_regex.compile(r"和|及|与|以及")
_LIST_STOP = lazy_regex.compile(r"[，,。；;！？!?：:\n]")


def _top_level_splits(text: str, start: int, end: int) -> list[int]:
    """Positions of 、 between start and end that are not inside quotes or brackets."""
    depth, splits = 0, []
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch == "、" and depth == 0:
            splits.append(i)
    return splits


_NUMBERED_ITEM = lazy_regex.compile(
    r"[0-9０-９]|^[第一二三四五六七八九十两〇零百千]|[一二三四五六七八九十两][个项大类种省市家所条级批]")
_NOT_LIST_TAIL = lazy_regex.compile(r"的|分别|共|均|各")
_COUNT_COLON = lazy_regex.compile(r"[^，,。；;！？!?：:\n“]{0,12}[：:]")
MAX_LIST_CHARS = 200
MAX_COUNT_GAP = 2  # a count further than this from the list's length counts something else


def _classifier_sets() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Category and entity classifiers (data/unit_words.toml: counts-kinds, counts-things)."""
    return tuple(unit_words.tagged("counts-kinds")), tuple(unit_words.tagged("counts-things"))


class CountVsEnumeration(Rule):
    """## What it does
    检查列举项的个数与紧随其后（或其前、冒号之前）的总数不一致，例如
    `建成实体、热线、网络、移动端三大平台`（列了 4 项，说 3 大），
    `落实三个到位：责任到位、措施到位`（说 3 个，列了 2 个）。
    列举中有“等”时，只在列出的项数多于总数时报告。

    ## Why is this bad?
    “N项”“N大”“N个方面”是对列举内容的概括，与实际列举的项数不符，读者无法判断是漏列了
    还是数字写错了，属于数据前后不一致。
    不检查：引号内或“第”后的数字，本身是列举中一项的数（`跳台滑雪、冬季两项、速度滑冰`）（`“四个自信”`、`第三批`）和固定提法（`四项基本原则`），
    没有列举可比的概括（`“一规划两纲要”`），各项本身带数字的并列（`组织评估活动4次、
    收到意见建议12条`、`一、二、三产业`），数字与列举之间隔着“的”“分别”“共”的情形，
    与项数相差 3 以上的数（多半是另一件事的数量），以及“和”“及”连接时两种计数之一相符的情形。

    ## Example
    ```text
    建成以区公共法律服务中心为龙头，实体、热线、网络、移动端三大平台相融合的服务网络。
    ```

    Use instead:
    ```text
    建成以区公共法律服务中心为龙头，实体、热线、网络、移动端四大平台相融合的服务网络。
    ```
    """

    code = "CON003"
    name = "count-vs-enumeration"
    severity = Severity.WARNING
    preview = True  # comparability of figures is not modelled yet (issue 12)
    triggers = "、"  # the check's first test: the list before or after a count has a 、 between items

    def __init__(self, options=None) -> None:
        super().__init__(options)
        category, entity = _classifier_sets()
        self._category, self._entity = alternation(category), alternation(entity)
        # A count is read only when one of these words follows it: their first characters.
        self._classifier_first = frozenset(w[0] for w in category + entity)
        self._phrase = word_pattern("numbered_phrases.txt")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if "、" not in text:
            return  # both _list_before and _list_after need a 、 between the items
        n_chars = len(text)
        for n in numerals_in(ctx.document, unit):
            if n.value is None or not 2 <= n.value <= 20 or n.percent or not n.is_integer:
                continue
            if n.end >= n_chars or text[n.end] not in self._classifier_first:
                continue  # neither a category nor an entity word can match at n.end (see below)
            if self._phrase.match(text, n.start) or _APPROX_AFTER.match(text[n.end:n.end + 3]):
                continue
            if n.start and text[n.start - 1] == "第":
                continue  # 第三批: an ordinal, not a count
            # “四个自信”、做到…: a quoted name is not the count of a list before it, but
            # “三个到位”：A、B may announce the list after it.
            quoted = n.start > 0 and text[n.start - 1] in "“‘「《"
            category = self._category.match(text, n.end)
            entity = None if category else self._entity.match(text, n.end)
            cls = category or entity
            if cls is None or (entity and n.kind != "chinese"):
                continue
            if cls.group() == "大" and n.value > 10:
                continue
            if text.startswith("、", cls.end()):
                continue  # 跳台滑雪、冬季两项、速度滑冰: the count names an item of the list, not its length
            found = None if quoted else self._list_before(text, n, max_tail=8 if category else 4)
            if found is None:
                found = self._list_after(text, n, cls.end())
            if found is None:
                continue
            items, counts, has_deng, span = found
            count = int(n.value)
            if has_deng and max(counts) <= count:
                continue
            if count in counts or min(abs(c - count) for c in counts) > MAX_COUNT_GAP:
                continue
            listed = "或".join(str(c) for c in sorted(set(counts)))
            yield Violation(
                n.start, cls.end(),
                f"总数与列举项数不符：写“{text[n.start:cls.end()]}”，列举了{listed}项",
                help="核对列举的各项与总数，补全漏列的项或改正数字",
                labels=tuple(Label(s, e, "列举项") for s, e in items),
            )

    @staticmethod
    def _list_before(text: str, n, max_tail: int):
        """实体、热线、网络三大平台: a 、-list that ends right before the count."""
        lo = max(0, n.start - 80)
        stops = [m.end() for m in _LIST_STOP.finditer(text, lo, n.start)]
        start = stops[-1] if stops else lo
        splits = _top_level_splits(text, start, n.start)
        if not splits:
            return None
        bounds = [start] + [s + 1 for s in splits]
        items = [(a, b - 1) for a, b in zip(bounds, bounds[1:])] + [(bounds[-1], n.start)]
        if any(_NUMBERED_ITEM.search(text[a:b]) or not text[a:b].strip() for a, b in items):
            return None  # 4次、12条、8条: counts, not items; 一、二、三产业: ordinals
        if any(_CONJ.search(text[a:b]) for a, b in items[:-1]):
            return None  # 中央和省、市、自治区两级: the grouping is not the 、s
        last = text[items[-1][0]:n.start]
        if len(last) < 2 or _NOT_LIST_TAIL.search(last) or _CONJ.search(last[-2:]):
            return None
        has_deng = "等" in last
        tail = last[last.index("等") + 1:] if has_deng else last
        if len(tail) > max_tail:
            return None  # the count is too far from the list to be its count
        counts = [len(items)] + ([len(items) + 1] if _CONJ.search(last) else [])
        return items, counts, has_deng, (start, n.start)

    @staticmethod
    def _list_after(text: str, n, cls_end: int):
        """三个到位：责任到位、措施到位 — a count, a colon, then the list."""
        colon = _COUNT_COLON.match(text, cls_end)
        if colon is None:
            return None
        start = colon.end()
        limit = min(len(text), start + MAX_LIST_CHARS)
        end_m = SENTENCE_END.search(text, start, limit)
        if end_m is None and limit < len(text):
            return None
        end = end_m.start() if end_m else len(text)
        if _LIST_STOP.search(text, start, end):
            return None  # items that hold commas are clauses; their count is not reliable
        splits = _top_level_splits(text, start, end)
        if not splits:
            return None
        bounds = [start] + [s + 1 for s in splits] + [end + 1]
        items = [(a, b - 1) for a, b in zip(bounds, bounds[1:])]
        if any(len(text[a:b]) > 15 or not text[a:b].strip() or _NUMBERED_ITEM.search(text[a:b])
               for a, b in items):
            return None
        has_deng = "等" in text[items[-1][0]:end]
        return items, [len(items)], has_deng, (start, end)


# ----------------------------------------------------------------------------------------
@cache
def _metric_words() -> dict[str, tuple[str, ...]]:
    raw = lexicon.table("metric_keys.toml")
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()}


@cache
def _metric_patterns() -> dict[str, regex.Pattern]:
    """The word lists that are searched for, as one alternation each (compiled once)."""
    return {k: alternation(_metric_words()[k]) for k in ("plan", "skip")}


_HAN = lazy_regex.compile(r"\p{Han}")
_HAN_RUN_END = lazy_regex.compile(r"\p{Han}{1,16}$")
_PERIOD = lazy_regex.compile(r"(?:19|20)[0-9]{2}年|[一二三四五六七八九〇○零]{4}年|" + QUARTER + r"|上半年|下半年|前三季度|[0-9一二三四五六七八九十]+月|"
                        r"去年|上年|前年|明年|今后|十[一二三四五]五|“十")
# Every _PERIOD match holds one of these (年, 季度, 月, 今后, 十…五, “十): a sentence without
# any of them names no period, found by a C-speed scan instead of _PERIOD tried at each character.
_PERIOD_CHAR = pattern_cache.re_compile("[年季月今十]")
MIN_KEY_CHARS = 4
# A sentence that splits a total into parts (其中, 分别) states parts, not the metric again.
_PARTS_CUE = lazy_regex.compile(r"其中|分别")
_NOT_METRIC_UNITS = frozenset(("年", "月", "日", "天", "倍"))


@cache
def _strip_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The strip_leading words by their first character and the strip_trailing words by their
    last, each in list order: only those can start (end) a key, so the first one that does is
    the same as in the whole list."""
    lead: dict[str, list[str]] = defaultdict(list)
    trail: dict[str, list[str]] = defaultdict(list)
    for w in _metric_words()["strip_leading"]:
        lead[w[0]].append(w)
    for w in _metric_words()["strip_trailing"]:
        trail[w[-1]].append(w)
    return {c: tuple(ws) for c, ws in lead.items()}, {c: tuple(ws) for c, ws in trail.items()}


def metric_key(text: str, start: int) -> str | None:
    """The metric a number measures, read from the Han characters right before it."""
    m = _HAN_RUN_END.search(text, max(0, start - 16), start)
    if m is None:
        return None
    key = m.group()
    lead, trail = _strip_words()
    changed = True
    while changed and key:
        changed = False
        for w in lead.get(key[0], ()):
            if key.startswith(w) and len(key) > len(w):
                key, changed = key[len(w):], True
                break
        for w in trail.get(key[-1], ()):
            if key.endswith(w) and len(key) > len(w):
                key, changed = key[: -len(w)], True
                break
    if len(key) < MIN_KEY_CHARS or _metric_patterns()["skip"].search(m.group()):
        return None
    return key


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure of the document stated as a metric's value: where, and the figure itself."""

    start: int  # in the document
    end: int
    paragraph: int  # where its text unit starts
    figure: Figure
    shown: str  # as written
    item: tuple  # the item its paragraph opens: ("marker", kind, value), ("label", name) or ()


# A paragraph that opens by naming its item: 第一中标候选人：…, FL2026-09号地块：…, 北塘体育中心：….
_ITEM_LABEL = lazy_regex.compile(r"[ \t\u3000]*(?P<label>[^\s：:，,。；;、（）()]{2,16})[：:]")
MIN_SHARED_LABEL = 2  # two labels of one kind share a head or a tail this long (第一/第二中标候选人)


def _items(doc) -> dict[int, tuple]:
    """unit index -> the item its paragraph opens: its list marker (1., （一） …), else a label
    before a colon."""
    return {h.unit: ("marker", h.kind, h.value) for h in structure(doc).headings}


@cache
def _summary_opening() -> "regex.Pattern[str]":
    """The words that open a line summing up the list above it (rules/data/list_summary_words.txt)."""
    return pattern_cache.regex_compile(rf"[ \t\u3000]*(?:{lexicon.pattern('list_summary_words.txt')})")


def _item_of(text: str, index: int, markers: dict[int, tuple]) -> tuple:
    if index in markers:
        return markers[index]
    if _summary_opening().match(text):
        return ("summary",)  # 以上4家企业，参保人数共322人: the totals of the list above
    m = _ITEM_LABEL.match(text)
    return ("label", m.group("label")) if m else ()


def _other_items(a: tuple, b: tuple) -> bool:
    """Whether two paragraphs open with two items of one list: sibling markers of one kind
    (1. and 2.), or labels of one kind (FL2026-09号地块 and FL2026-10号地块: a shared head or
    tail). Their figures describe different items (lots, candidates, places), not one metric
    told twice; labels of different kinds (工作成效：, 存在问题：) are no such list. A line summing
    up a list (以上…, 合计…) gives the totals of its numbered items, not one item's figure again."""
    if {a[:1], b[:1]} == {("summary",), ("marker",)}:
        return True
    if not a or not b or a == b or a[0] != b[0]:
        return False
    if a[0] == "marker":
        return a[1] == b[1]
    x, y = a[1], b[1]
    return x[:MIN_SHARED_LABEL] == y[:MIN_SHARED_LABEL] or x[-MIN_SHARED_LABEL:] == y[-MIN_SHARED_LABEL:]


def _metric_mentions(doc) -> dict[tuple, list[Mention]]:
    """(part of the report, metric, base unit, period, mode) -> every exact mention in a
    sentence that names no other period and states no target. A figure that names no period
    is of the report's own (本年)."""
    mentions: dict[tuple, list[Mention]] = defaultdict(list)
    plan = _metric_patterns()["plan"]
    parts = outline(doc)
    # The year the report is about: a sentence naming only this year speaks of the same period.
    year = report_year(doc)
    own_year = f"{year[0]}年" if year else None
    markers = None  # the list markers, found when a figure first needs them
    for unit in doc.units:
        text = unit.text
        part = parts.part_number(unit)
        item = None
        ends = None  # sentence ends, found when a figure first needs them
        other_period: dict[int, bool] = {}  # per sentence, computed once
        for f in figures_in(doc, unit):
            q = f.quantity
            if not q.unit or q.unit in _NOT_METRIC_UNITS or q.approximate or f.approximate or f.part_of >= 0:
                continue
            numeral = q.numeral
            if numeral.value is None or (numeral.kind == "chinese" and numeral.value < 10):
                continue  # 两项, 三个: counts in prose, usually of different things
            if q.end < len(text) and _HAN.match(text, q.end) and text[q.end] not in "和及与":
                continue  # 启动建设2个国际合作园区: the thing counted is named after the number
            if ends is None:
                ends = [m.start() for m in SENTENCE_END.finditer(text)] + [len(text)]
            k = bisect.bisect_left(ends, q.start)
            if k not in other_period:
                lo, hi = (ends[k - 1] + 1 if k else 0), ends[k]
                periods = ({m.group() for m in _PERIOD.finditer(text, lo, hi)} - {own_year}
                           if _PERIOD_CHAR.search(text, lo, hi) else ())
                other_period[k] = bool(periods or plan.search(text, lo, hi) or _PARTS_CUE.search(text, lo, hi))
            if other_period[k]:
                continue  # another year, a month, a target or a list of parts: not one metric
            key = metric_key(text, q.start)
            if key is None:
                continue
            if item is None:
                markers = _items(doc) if markers is None else markers
                item = _item_of(text, unit.index, markers)
            mentions[(part, key, f.unit, f.period or "本年", f.mode)].append(
                Mention(unit.start + q.start, unit.start + q.end, unit.start, f, text[q.start:q.end], item))
    return mentions


MIN_SUFFIX_KEY_CHARS = 4


def _merge_suffix_keys(mentions) -> list[tuple[str, list[Mention]]]:
    """Join a short name into the one longer name it ends (行政复议案件 → 审结行政复议案件) when
    no other name of that part, unit, period and mode also ends with it (受理行政复议案件 would
    make it ambiguous)."""
    groups = {k: list(v) for k, v in mentions.items()}
    for short in sorted(mentions, key=lambda k: len(k[1])):
        key = short[1]
        if len(key) < MIN_SUFFIX_KEY_CHARS:
            continue
        longer = [k for k in groups if k[1] != key and k[1].endswith(key) and k[:1] + k[2:] == short[:1] + short[2:]
                  and k[1][-len(key) - 1] not in "和及与、"]  # 建议和政协委员提案 is two metrics
        if len(longer) == 1 and short in groups:
            groups[longer[0]] = sorted(groups[longer[0]] + groups.pop(short), key=lambda m: m.start)
    return [(k[1], v) for k, v in groups.items()]


class SameMetricDifferentValue(Rule):
    """## What it does
    检查同一文件中同一指标先后给出了两个不同的确切数值，例如前文
    `全年审结行政复议案件57件`，后文 `审结行政复议案件55件`；或 `出庭应诉率保持100%`
    与 `出庭应诉率达98%`。主要位置标在后一个数值上，消息给出前一个数值的行列，并作为次要标注。

    两处数值按数量模型比较：指标名称取数字前紧邻的汉字（去掉“全年”“年末”“全区”“共”“达”
    “为”等，至少 4 个字；较短的名称只在唯一时并入以它结尾的较长名称），单位换算后相同，
    时期（未写明的按报告本年，`上年`、`累计`、`结转`各是各的）和口径（实际数、计划数、目标数）
    相同，且两数在各自末位的四舍五入误差内不可能相等时才报告：`4.65亿人` 与 `46,483万人`
    相符，与 `46,183万人` 不符。

    ## Why is this bad?
    同一指标前后数据不一致，读者无法判断哪个正确，在政府网站检查中属于数据错误。
    不检查：带约数的数（`50余件`、`近400名`），累计、截至、同比、增减、平均、占比、目标数，
    “其中”之下的分项，句中出现其他年份、季度、月份的数（不同时期），十以内的汉字数
    （多为一般计数），同一段中两次出现的同名指标（多是分别列举不同项目：
    `重点项目……投资完成率105.2%；民生项目……投资完成率98.6%`），
    编号列表各项中的数与列表之后总括全表的一行中的数（以“以上”“合计”等开头，`以上4家企业，参保人数共90人`，
    `rules/data/list_summary_words.txt`），以及报告不同部分的数：
    点明部分或年份的标题（`二、2025年目标任务`、`工作安排`）之后另起一部分。

    ## Example
    ```text
    全年审结行政复议案件57件，纠错率12%。
    行政复议工作扎实有效，审结行政复议案件55件。
    ```

    Use instead:
    ```text
    全年审结行政复议案件57件，纠错率12%。
    行政复议工作扎实有效，审结行政复议案件57件。
    ```
    """

    code = "CON001"
    name = "same-metric-different-value"
    severity = Severity.WARNING
    preview = True  # comparability of figures is not modelled yet (issue 12)
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        for key, found in doc.memo("metric-groups", lambda: _merge_suffix_keys(_metric_mentions(doc))):
            first = found[0]
            for later in found[1:]:
                if later.paragraph == first.paragraph:
                    continue  # one paragraph naming a metric twice lists it for two items
                if _other_items(first.item, later.item):
                    continue  # so do two items of one list, a paragraph each
                a, b = first.figure, later.figure
                if b.low <= a.high and a.low <= b.high:
                    continue  # equal within the rounding of the two (4.65亿 and 46,483万)
                line, column = doc.locate(first.start)
                yield Violation(
                    later.start, later.end,
                    f"同一指标前后数值不一致：“{key}”此处为{later.shown}，第{line}行第{column}列为{first.shown}"
                    f"（指标名称、单位、时期和口径相同，都是确数）",
                    help="核对两处数据，统一为正确的数值；若口径或时期不同，请在文中写明",
                    labels=(Label(first.start, first.end, "前文数值"),),
                )
                break  # one report per metric: the first disagreement


RULES = (SameMetricDifferentValue, TotalVsParts, CountVsEnumeration)
