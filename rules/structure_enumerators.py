"""Enumerators in running text (一是…二是…, 第一，…第二，…, 首先…其次…): skipped, repeated or
reversed numbers, read in order through the document."""
from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import Iterable, NamedTuple

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis.class_routes import compiled_finder, sequences
from gongwen.analysis.routing import unit_starts, units_are_slices
from gongwen.analysis.text import BLANKS
from gongwen.diagnostic import Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.outline import CN_NUM, heading_value, numeral_text
from gongwen.rules.structure import out_of_sequence
from gongwen.analysis import pattern_cache


# Enumerators open a clause: after a sentence or clause mark, a space or the paragraph start.
# That alone keeps 统一是、唯一是、之一是、其一是 and 居全国第一， out; 一是一，二是二 is an idiom.
_CLAUSE_START = r"(?:(?<=^|[。；;：:！？!?，,\s\u3000\xa0（(“])|(?<=^[一二三四五六七八九十]{1,3}、))"
_ENUMERATOR = lazy_regex.compile(
    rf"""{_CLAUSE_START}(?:
        (?P<shi>[{CN_NUM}]{{1,3}})是(?![否非])(?!(?P=shi)(?![{CN_NUM}]))
      | 第(?P<di>[{CN_NUM}]{{1,3}})(?:是|[，,](?!第))
      | (?P<order>首先|其次(?=[，,是])|再次(?=[，,]))
    )""",
    regex.VERBOSE,
)
# Where an _ENUMERATOR match can start, one character wide: the numeral of X是, the 第 of
# 第X是/第X，, the 首/其/再 of 首先/其次/再次, each followed by what its branch needs (the
# lookbehinds that open _ENUMERATOR hold there or are tested by its match). A positive pattern
# of character classes: its places are where one of its sequences of classes matches, which the
# compiled finder of gongwen.analysis.class_routes gives (re tried the leading class of 13
# common characters at every character: 4 ns each, 13 ms over the benchmark's 1,000 files; the
# finder 3.6). tests/test_prefilters_enumerators_terms.py compares the matches with
# _ENUMERATOR.finditer; tests/rules/test_enumerators_scan.py the places with the former re's.
_ENUMERATOR_START = pattern_cache.re_compile(
    rf"[{CN_NUM}](?=[{CN_NUM}]{{0,2}}是)|第(?=[{CN_NUM}]{{1,3}}[是，,])|首(?=先)|其(?=次[，,是])|再(?=次[，,])")


@cache
def _start_finder():
    """The compiled finder of _ENUMERATOR_START's sequences (None where it is not built)."""
    return compiled_finder(sequences(_ENUMERATOR_START))


def _start_places(text: str) -> list[int]:
    """Where _ENUMERATOR_START matches in ``text``, in order (each match is one character
    wide): a place is where a sequence matches, so the finder's places need no match of their
    own (a page of enumerators has one every other character)."""
    finder = _start_finder()
    if finder is None:
        return [m.start() for m in _ENUMERATOR_START.finditer(text)]
    places, find, end = [], finder.find, len(text)
    at = find(text, 0, end)
    while at >= 0:
        places.append(at)
        at = find(text, at + 1, end)
    return places


_NESTING = 3  # lists nested one in another that are followed back out, at most

_FAMILY_LABEL = {"shi": "{}是", "di": "第{}"}
_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3}
_ORDER_LABELS = {v: k for k, v in _ORDER_WORDS.items()}


class Enumerator(NamedTuple):
    unit: int
    family: str  # shi (一是), di (第一，) or order (首先/其次/再次)
    heading: bool  # opens a paragraph that is a heading (no full stop): its own sequence
    value: int
    start: int
    end: int

    def label(self, value: int | None = None) -> str:
        value = self.value if value is None else value
        if self.family == "order":
            return _ORDER_LABELS.get(value, "")
        return _FAMILY_LABEL[self.family].format(numeral_text(value))


def _scan_enumerators(doc: Document) -> list[Enumerator]:
    found = []
    for unit, starts in _units_with_starts(doc):
        text = unit.text
        lead = None
        nxt = 0  # matches_at's loop over the unit's starts: the first that matches is leftmost
        for s in starts:
            if s < nxt:
                continue
            m = _ENUMERATOR.match(text, s)
            if m is None:
                continue
            nxt = m.end()
            family = m.lastgroup
            word = m.group(family)
            value = _ORDER_WORDS[word] if family == "order" else heading_value("l1", word)
            if not value:
                continue
            if lead is None:  # read only in a unit that holds an enumerator
                lead, heading_line = len(text) - len(text.lstrip(BLANKS)), "。" not in text
            start = unit.start + m.start()
            end = unit.start + (m.end(family) + (family == "shi") if family != "di" else m.end(family))
            found.append(Enumerator(unit.index, family, heading_line and m.start() == lead,
                                    value, start, end))
    return found


def _units_with_starts(doc: Document) -> Iterable[tuple[TextUnit, list[int]]]:
    """(unit, where _ENUMERATOR_START matches in its text) for every unit with such a place, in
    order: one search of the document's text, not one per unit (9,429 of the benchmark's
    22,971 paragraphs hold 是, 第, 次 or 首, and a search of each cost 1.5 µs). A place in a
    unit's text is one in the document's at the same offset: the pattern reads the character
    it takes and positive lookaheads after it (a place the text's next unit makes,
    past a unit's end, is tried in vain, as a unit's own search would not find it)."""
    if not units_are_slices(doc):
        for unit in doc.units:
            text = unit.text
            if "是" not in text and "第" not in text and "次" not in text and "首" not in text:
                continue  # every start holds one: the numeral's 是 ahead, 第, 首先, 其次/再次
            starts = _start_places(text)
            if starts:
                yield unit, starts
        return
    units, unit_starts_ = doc.units, unit_starts(doc)
    if not units:
        return
    current, starts = None, []
    for at in _start_places(doc.text):
        unit = units[bisect_right(unit_starts_, at) - 1] if at >= unit_starts_[0] else None
        if unit is None or at >= unit.end:
            continue  # between two units
        if unit is not current:
            if starts:
                yield current, starts
            current, starts = unit, []
        starts.append(at - unit.start)
    if starts:
        yield current, starts


class EnumeratorSequence(Rule):
    """## What it does
    检查段落中的列举词 `一是…二是…三是`、`第一，…第二，…` 是否连续：跳号、重号、倒序，
    以及没有“一是”却从“二是”开始。

    ## Why is this bad?
    工作报告常用“一是、二是”代替更低一级的标题。`一是…三是` 说明漏了一项或删改时
    没有改号，读者会以为内容缺失。一个列举跨几个段落（每段一个“X是”）也按一个序列检查。
    只认分句开头的列举词，因此 `统一是`、`唯一是`、`之一是`、`其一是`、`居全国第一，`、
    `第一、第二批`、`一是一，二是二` 都不报告。改号可能掩盖漏掉的内容，因此不提供修复。

    ## Example
    ```text
    一是坚持高位推动，召开专题会议3次；二是强化制度保障，出台文件5件；四是加强督查考核。
    ```

    Use instead:
    ```text
    一是坚持高位推动，召开专题会议3次；二是强化制度保障，出台文件5件；三是加强督查考核。
    ```
    """

    code = "FMT005"
    name = "enumerator-sequence"
    severity = Severity.WARNING
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        last: dict[tuple[str, bool], Enumerator] = {}
        # The items that lists nested in them interrupted, innermost last, per family
        # (一是抓项目，重点做到：一是…二是…三是…。 / 二是抓招商。: the second 二是 goes on the outer list).
        outer: dict[tuple[str, bool], list[Enumerator]] = {}
        for e in _scan_enumerators(ctx.document):
            if self._resumes_outer(e, last, outer):
                continue
            order = last.get(("order", e.heading))
            if e.family == "order":
                # 其次 alone is ordinary prose; only a sequence inside one paragraph is checked.
                prev = order if order and order.unit == e.unit else None
                if prev is None and e.value > 1:
                    last[("order", e.heading)] = e
                    continue
            else:
                # Items written as heading lines and as running text may share one sequence,
                # and 首先…二是… mixes families: any of them may be the item before this one.
                prev = last.get((e.family, e.heading))
                others = (last.get((e.family, not e.heading)), order)
                if any(o and e.value == o.value + 1 for o in others):
                    prev = next(o for o in others if o and e.value == o.value + 1)
                prev = prev or order
            last[(e.family, e.heading)] = e
            if e.value == 1 or (prev and e.value == prev.value + 1):
                continue
            yield self._violation(e, prev)

    @staticmethod
    def _resumes_outer(e: Enumerator, last: dict, outer: dict) -> bool:
        """Keep track of nested lists of ``e``'s family; whether ``e`` is the next item of a list
        a nested one interrupted. A list is nested in the item before it when it starts at 一
        in the paragraph of that item, after it (一是抓项目，重点：一是…); a list that starts in
        a paragraph of its own is a new list, and the lists it follows are closed."""
        if e.family == "order":
            return False
        key = (e.family, e.heading)
        stack = outer.setdefault(key, [])
        prev = last.get(key)
        if e.value == 1:
            if prev is not None and prev.unit == e.unit and prev.start < e.start:
                del stack[_NESTING - 1:]
                stack.append(prev)
            else:
                stack.clear()
            return False
        if prev is not None and e.value == prev.value + 1:
            return False
        for depth in range(len(stack) - 1, -1, -1):
            if e.value == stack[depth].value + 1:
                last[key] = e
                del stack[depth:]
                return True
        return False

    @staticmethod
    def _violation(e: Enumerator, prev: Enumerator | None) -> Violation:
        if prev is not None and prev.unit != e.unit and e.value < prev.value:
            prev = None  # a new paragraph's list that does not start at 一
        return out_of_sequence(e, prev, "列举", "列举项", "上一个列举词")


RULES = (EnumeratorSequence,)
