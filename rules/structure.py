"""Document structure: heading numbering, run-in and lost headings, enumerators, near-duplicate lines.

These rules read the document as a whole (``scope = "document"``): a heading is only wrong
relative to its siblings. They share one scan of the paragraph-initial markers, cached per
document, and report offsets relative to the whole text (the unit they are given).
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import defaultdict
from functools import cache
from typing import Iterable, NamedTuple

import regex

from gongwen.tables import in_table
from gongwen.textscan import BLANKS, matches_at
from gongwen.diagnostic import Applicability, Fix, Label, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.numerals import chinese_value
from gongwen.rule import Rule, RuleContext
from gongwen.rules._bylines import byline_spans
from gongwen.rules._data import word_alternation, word_set

_CN_NUM = "一二三四五六七八九十"
_LEAD = r"[ \t\u3000\xa0]*"
# Paragraph-initial heading markers, GB/T 9704 levels: 一、 / （一） / 1. / （1）.
# ASCII brackets count as full-width ones (an NFKC-normalised text writes (一)); the
# content must be numerals only, so （社区） and （党组） are not markers. 一、二等奖 and
# 三、四季度 at a paragraph start are enumerations, not headings; 1、2月 is a number, and
# 2.5% is one; 8.6个重大科技专项 in a glossary is item 8 when item 7 came just before.
_MARKER = regex.compile(
    rf"""{_LEAD}(?:
        (?P<l1>[{_CN_NUM}]{{1,3}})、(?![{_CN_NUM}]{{1,3}}(?:[、等季]|年级|月份))
      | [（(](?P<l2>[{_CN_NUM}]{{1,3}})[）)]
      | (?<![0-9])(?P<l3>[0-9]{{1,2}})[.．、](?![0-9])
      | (?<![0-9])(?P<l3amb>[0-9]{{1,2}})[.．](?=[0-9]{{1,4}}(?![0-9.．%％‰]))
      | [（(](?P<l4>[0-9]{{1,2}})[）)]
      | (?P<l4c>[\u2474-\u2487])
    )""",
    regex.VERBOSE,
)
# The characters a _MARKER match can have right after its leading blanks (_LEAD is the
# characters of BLANKS): a paragraph that starts with anything else has no marker.
_MARKER_FIRST = frozenset(_CN_NUM + "（(0123456789" + "".join(chr(c) for c in range(0x2474, 0x2488)))
_MAX_NESTING = 4  # lists nested with one marker kind; deeper is not a real document
_RANK = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}
LEVEL_NAMES = {"l1": "一级标题", "l2": "二级标题", "l3": "三级标题", "l4": "四级标题"}


class Heading(NamedTuple):
    unit: int  # index into document.units
    kind: str  # l1 .. l4
    value: int
    start: int  # offsets into document.text: the marker itself, without leading spaces
    end: int

    def label(self, value: int | None = None) -> str:
        return marker_text(self.kind, self.value if value is None else value)


@cache
def _cn(value: int) -> str:
    import cn2an  # lazy: cn2an builds its converters on import (~0.1 s), needed only to word a message

    return cn2an.an2cn(value)


def marker_text(kind: str, value: int) -> str:
    if kind == "l1":
        return f"{_cn(value)}、"
    if kind == "l2":
        return f"（{_cn(value)}）"
    if kind == "l3":
        return f"{value}."
    return f"（{value}）"


@cache
def _value(kind: str, raw: str) -> int | None:
    if kind in ("l1", "l2"):
        value = chinese_value(raw)  # the shared numeral layer
        return int(value) if value is not None and value.is_integer() else None
    if kind == "l4c":
        return ord(raw) - 0x2474 + 1
    return int(raw)


# Paragraphs that open a new scope for numbering although they carry no GB/T 9704 marker:
# 第二、 / 第一部分 / 第三章 parts, and a list introduced by a sentence ending in a colon.
_PART = regex.compile(rf"{_LEAD}第[{_CN_NUM}]{{1,3}}(?:、|部分|章|节|篇)")
_ENUMERATED = regex.compile(rf"{_LEAD}第[{_CN_NUM}]{{1,3}}[，,]")
# 吸取的经验有以下几点 / 具体如下: a list introduction whose colon was dropped.
_INTRO_END = regex.compile(r"(?:以下|如下)[^。，]{0,8}$")
# A _INTRO_END match is at most 10 characters and ends at the end or before a final newline, so
# it starts in the last 11 characters: searching from there skips the rest of a long paragraph.
_INTRO_END_REACH = 11
# Literal characters only: stdlib ``re`` matches the same and is faster on short lines.
_SENTENCE_END = re.compile(r"[。！？；;!?]")


def _scope_kind(text: str) -> str | None:
    """"part" for a numbered part (第二部分), "title" for a line that only looks like an
    unnumbered parent heading, "intro" for a list introduction."""
    body = text.strip(BLANKS)
    if not body:
        return None
    # _PART and _ENUMERATED need 第 right after the leading blanks, _INTRO_END 以下 or 如下.
    di = body[0] == "第"
    if di and _PART.match(text):
        return "part"
    # 第四，… opens an item of a running enumeration, not a new part.
    intro_end = "下" in body and _INTRO_END.search(body, max(0, len(body) - _INTRO_END_REACH))
    if body[-1] in "：:" or (di and _ENUMERATED.match(text)) or intro_end:
        return "intro"
    # An unnumbered heading: a short line with no sentence punctuation (2025年工作安排建议).
    return "title" if len(body) <= 30 and not _SENTENCE_END.search(body) else None


class Structure(NamedTuple):
    headings: tuple[Heading, ...]
    scopes: dict[int, str]  # unit index -> "part", "title" or "intro", for unmarked scope openers


# A decimal section number (4.2, 4.2.1) opens a section, however long its paragraph: emergency
# plans and standards number sections so and restart （1） lists under each. Two levels need
# a blank after them (8.6个 is a number), three or more do not.
_DECIMAL_SECTION = regex.compile(
    rf"{_LEAD}[0-9]{{1,2}}(?:[.．][0-9]{{1,2}}(?=[{BLANKS}])|(?:[.．][0-9]{{1,2}}){{2,3}}(?![0-9.．%％]))")
# A list whose first item follows a label on the label's line (附件：1.某某报告 / 2.某某意见).
_LABELLED_FIRST_ITEM = regex.compile(rf"{_LEAD}\p{{Han}}{{1,6}}[：:]{_LEAD}(?P<l3>[0-9]{{1,2}})[.．、](?![0-9])")


def _scan(doc: Document) -> Structure:
    found, scopes = [], {}
    last_l3 = 0
    for unit in doc.units:
        if in_table(doc, unit.start):
            continue  # a cell's 一、本年新收… is a table row's label, not a heading
        if unit.text.lstrip(BLANKS)[:1] in "0123456789" and _DECIMAL_SECTION.match(unit.text):
            scopes[unit.index] = "part"
            continue
        first = _LABELLED_FIRST_ITEM.match(unit.text) if "：" in unit.text[:12] or ":" in unit.text[:12] else None
        if first:
            scopes[unit.index] = "intro"  # the label introduces its own list
            last_l3 = int(first.group("l3"))
            found.append(Heading(unit.index, "l3", last_l3, unit.start + first.start("l3"),
                                 unit.start + first.end()))
            continue
        m = _MARKER.match(unit.text) if unit.text.lstrip(BLANKS)[:1] in _MARKER_FIRST else None
        kind = m.lastgroup if m else None
        raw = m.group(kind) if m else ""
        if kind == "l3amb":
            # 8.6个重大科技专项 is item 8 only when item 7 came just before; else a decimal.
            value = int(raw)
            kind = "l3" if value == last_l3 + 1 else None
        if kind is None:
            scope = _scope_kind(unit.text)
            if scope:
                scopes[unit.index] = scope
            continue
        value = _value(kind, raw)
        if value is None or value == 0:
            continue
        if kind == "l3":
            last_l3 = value
        lead = len(m.group()) - len(m.group().lstrip(BLANKS))
        found.append(Heading(unit.index, "l4" if kind == "l4c" else kind, value,
                             unit.start + lead, unit.start + m.end()))
    return Structure(tuple(found), scopes)


def structure(doc: Document) -> Structure:
    """Paragraph-initial heading markers and unmarked scope openers, in order (cached)."""
    return doc.memo("structure:headings", lambda: _scan(doc))


class HeadingSequence(Rule):
    """## What it does
    按层级检查段首的层次序号 `一、` `（一）` `1.` `（1）`：跳号、重号、倒序，
    以及没有新的上级标题却从头编号。

    ## Why is this bad?
    GB/T 9704-2012 规定正文层次序数依次为“一、”“（一）”“1.”“（1）”。
    `（二）` 之后直接是 `（四）`，通常是漏了一个标题或一段内容；`（三）` 出现两次，
    通常是复制段落后忘了改号。这类错误在送审和网站检查中都很显眼。
    同级序号在新的上级标题下重新从“一”开始是正确的（`二、` 之下的 `（一）（二）`），
    应急预案、标准中的小数章节号（`4.2`、`4.2.1　……`）也是上级标题，其下的 `（1）` 重新编号；
    `附件：1.…` 这样写在标签同一行的第一项也算作第一项；
    跨上级标题连续编号也不报告。只有段首的序号才算：句中的 `附件（一）`、
    括注 `（社区）`、`（党组）` 都不是序号。半角括号 `(一)` 与全角 `（一）` 视为同一级。
    重新编号可能掩盖缺失的标题，因此不提供自动修复。

    ## Example
    ```text
    一、主要工作
    （一）强化党建引领
    （二）优化营商环境
    （四）加强执法监督
    ```

    Use instead:
    ```text
    一、主要工作
    （一）强化党建引领
    （二）优化营商环境
    （三）加强执法监督
    ```
    """

    code = "FMT001"
    name = "heading-sequence"
    severity = Severity.ERROR
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        found = structure(ctx.document)
        marks, scopes = found.headings, found.scopes
        # Per marker kind, a stack of open sequences: old reports nest a list written with
        # the same marker inside an item (一、…（二）…一、二、三、…四、); when the outer list
        # resumes, the inner one closes. A parent heading in between resets the stack.
        # Each entry is [index into marks, restart violation held until we know whether
        # the sequence it opened was a nested list (the outer one resumes: silent) or not].
        stacks: dict[str, list[list]] = defaultdict(list)
        report: list[Violation] = []
        for i, h in enumerate(marks):
            stack = stacks[h.kind]
            if not stack:
                stack.append([i, None])
                if h.value == 2:  # the first of its kind: （一） or 一、 was lost (an
                    # excerpt may start anywhere, but rarely just after its first item)
                    report.append(self._violation(h, h, new_scope=True))
                continue
            prev = marks[stack[-1][0]]
            if h.value == prev.value + 1:
                stack[-1][0] = i
                continue
            outer = next((k for k in range(len(stack) - 2, -1, -1)
                          if h.value == marks[stack[k][0]].value + 1), None)
            if outer is not None:
                del stack[outer + 1:]  # the nested lists closed: their restarts were fine
                stack[-1][0] = i
                continue
            between = marks[stack[-1][0] + 1:i]
            # Up to h's own unit: a label may introduce the list on its line (附件：1.…).
            scope_kinds = {scopes[u] for u in range(prev.unit + 1, h.unit + 1) if u in scopes}
            # A numbered part or a marked parent heading proves a new scope; a short line that
            # only looks like a heading may open one (一、 may restart after it) but may as well
            # be the lost sibling, so a skip past it is told against the real predecessor.
            proven = "part" in scope_kinds or any(_RANK[m.kind] < _RANK[h.kind] for m in between)
            parent = proven or "title" in scope_kinds
            if h.value == 1 and parent:
                report.extend(held for _, held in stack if held)
                stack[:] = [[i, None]]
                continue
            v = self._violation(h, prev, new_scope=proven)
            if h.value == 1:
                stack.append([i, None if between or scope_kinds else v])
                if len(stack) > _MAX_NESTING:
                    stack.pop(0)  # undecidable this deep: stay silent rather than guess
                continue
            stack[-1][0] = i
            report.append(v)
        report.extend(held for stack in stacks.values() for _, held in stack if held)
        return sorted(report, key=lambda v: v.start)

    @staticmethod
    def _violation(h: Heading, prev: Heading, new_scope: bool = False) -> Violation:
        if h.value == 1:
            return Violation(h.start, h.end,
                             f"{LEVEL_NAMES[h.kind]}重新从“{h.label()}”编号，但前面没有新的上级标题",
                             help=f"改为“{h.label(prev.value + 1)}”，或补上漏掉的上级标题",
                             labels=(Label(prev.start, prev.end, "上一个同级序号"),))
        return _out_of_sequence(h, None if new_scope else prev, f"{LEVEL_NAMES[h.kind]}序号",
                                "标题", "上一个同级序号")


def _out_of_sequence(cur, prev, what: str, item: str, back: str) -> Violation:
    """A numbered item (heading or enumerator) that does not follow ``prev``; with no
    ``prev`` the sequence starts at ``cur``. Both have start, end, value and label()."""
    labels = (Label(prev.start, prev.end, back),) if prev else ()
    if prev is None:
        return Violation(cur.start, cur.end, f"{what}从“{cur.label()}”开始，前面没有“{cur.label(1)}”",
                         help=f"补上前面的{item}，或把序号从“{cur.label(1)}”开始", labels=labels)
    expected = prev.value + 1
    if cur.value == prev.value:
        return Violation(cur.start, cur.end, f"{what}重复：“{cur.label()}”出现两次",
                         help=f"第二个应为“{cur.label(expected)}”", labels=labels)
    if cur.value > expected:
        missing = "”“".join(cur.label(v) for v in range(expected, min(cur.value, expected + 3)))
        return Violation(cur.start, cur.end,
                         f"{what}跳号：“{prev.label()}”之后是“{cur.label()}”，缺少“{missing}”",
                         help=f"补上漏掉的{item}，或把序号改为连续", labels=labels)
    return Violation(cur.start, cur.end, f"{what}顺序颠倒：“{prev.label()}”之后是“{cur.label()}”",
                     help=f"应为“{cur.label(expected)}”", labels=labels)


# The phrase of a 公文 heading: two short verb-object clauses joined by a comma
# (强化党建引领，夯实法治政府领导责任). Han characters only, so numbers, quotes and
# enumerations do not pass for a heading.
_PHRASE = regex.compile(r"(?P<a>\p{Han}{2,12})[,，](?P<b>\p{Han}+)(?P<end>[。；;：:！？,，、]|$)")


_HEADING_VERBS = word_set("heading_verbs")


def _phrase(doc: Document, h: Heading):
    unit = doc.units[h.unit]
    return _PHRASE.match(unit.text, h.end - unit.start)


def _standalone_shapes(doc: Document, marks: tuple[Heading, ...], kind: str) -> list[tuple[int, int]]:
    """(len(a), len(b)) of headings of ``kind`` whose phrase ends at a full stop or the line end."""
    shapes = []
    for h in marks:
        if h.kind != kind:
            continue
        m = _phrase(doc, h)
        if m and m.group("end") in ("", "。") and len(m.group("b")) <= 16:
            shapes.append((len(m.group("a")), len(m.group("b"))))
    return shapes


class HeadingRunIn(Rule):
    """## What it does
    检查与正文连在一起、中间没有句号的标题：`（一）强化党建引领，夯实法治政府领导责任把党的领导贯穿…`。

    ## Why is this bad?
    一级、二级标题通常单独成行，或以句号与正文隔开（`（一）加强和改善宏观调控。针对…`）。
    标题后的句号或换行丢失后，标题的最后一个分句和正文第一句粘成一句，读者无从分辨
    标题在哪里结束。只在同一文档中同级标题有“短分句，短分句”的独立形式，或有“短标题。正文”
    的形式（`（一）加强和改善宏观调控。针对…`）而这一个标题的第一个分句长出一倍以上时才报告，
    因此以完整句子开头的条目（`1.严格落实重大行政决策程序。认真贯彻落实…`）和单独成行的
    标题都不报告。标题在哪里结束只有作者知道，因此不提供修复。

    ## Example
    ```text
    （一）擎举党建引领旗帜，法治政府建设行稳致远
    （二）强化党建引领，夯实法治政府领导责任把党的领导贯穿法治政府建设工作各领域全过程，压实第一责任人职责。
    ```

    Use instead:
    ```text
    （一）擎举党建引领旗帜，法治政府建设行稳致远
    （二）强化党建引领，夯实法治政府领导责任。把党的领导贯穿法治政府建设工作各领域全过程，压实第一责任人职责。
    ```
    """

    code = "FMT004"
    name = "heading-run-in"
    severity = Severity.INFO
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        marks = structure(doc).headings
        shapes: dict[str, list[tuple[int, int]]] = {}
        for h in marks:
            if h.kind not in ("l1", "l2"):
                continue
            m = _phrase(doc, h)
            if not m:
                yield from self._single_clause(doc, marks, h, shapes)
                continue
            # The second clause swallowed the body: far longer than any heading clause.
            if len(m.group("b")) < 20 or not doc.units[h.unit].text[m.end():].strip(BLANKS):
                continue  # a long heading on its own line is not run into a body
            if h.kind not in shapes:
                shapes[h.kind] = _standalone_shapes(doc, marks, h.kind)
            similar = sorted(b for a, b in shapes[h.kind] if abs(a - len(m.group("a"))) <= 3)
            if not similar:
                continue
            # Where the heading probably ends: as long as its siblings' second clauses.
            guess = m.group("b")[:similar[len(similar) // 2]]
            base = doc.units[h.unit].start
            yield Violation(h.start, base + m.end("b"),
                            "标题与正文连在一起，标题后缺少句号或换行",
                            help=f"标题可能到“{guess}”为止：在其后加句号，或把正文另起一段",
                            labels=(Label(base + m.start("b"), base + m.end("b"),
                                          "标题的第二个分句与正文连成了一句"),))


    @staticmethod
    def _single_clause(doc: Document, marks: tuple[Heading, ...], h: Heading,
                       cache: dict) -> Iterable[Violation]:
        """（二）加大三农工作力度稳步推进社会主义新农村建设，… among siblings written
        （一）加强和改善宏观调控。针对…: a one-clause heading that lost its full stop."""
        unit = doc.units[h.unit]
        m = _CLAUSE.match(unit.text, h.end - unit.start)
        if not m or not unit.text[m.end():].strip(BLANKS):
            return  # a long heading on its own line is not run into a body
        key = ("single", h.kind)
        if key not in cache:
            cache[key] = sorted(
                len(c.group("c")) for c in (_CLAUSE.match(doc.units[s.unit].text, s.end - doc.units[s.unit].start)
                                            for s in marks if s.kind == h.kind)
                if c and c.group("end") == "。" and len(c.group("c")) <= 16)
        lengths = cache[key]
        if len(lengths) < 2:
            return
        typical = lengths[len(lengths) // 2]
        if len(m.group("c")) < max(20, 2 * typical + 4):
            return
        base = unit.start
        yield Violation(h.start, base + m.end("c"), "标题与正文连在一起，标题后缺少句号或换行",
                        help=f"标题可能到“{m.group('c')[:typical]}”为止：在其后加句号，或把正文另起一段")


_CLAUSE = regex.compile(r"(?P<c>[\p{Han}“”]{4,})(?P<end>[。；;：:！？,，、]|$)")


class MissingHeadingMarker(Rule):
    """## What it does
    找出丢了序号的标题，指向它本来所在的那一段：同级标题“（一）（二）”之后，
    一段以同样形状的短标题开头（`化解矛盾纠纷，提升依法治理能力水平。深化…`）却没有序号；
    或者序号从 `（二）` 跳到 `（四）`、从 `（二）` 开始，而两者之间有一行像标题的文字。

    ## Why is this bad?
    标题序号丢失后，这一段看起来像上一个标题的正文，层次结构就错了，读者也会以为
    这一部分少了一项。序号跳号时（HeadingSequence 报告跳号），本规则指出丢了序号的那一行：
    同级标题单独成行时，是两者之间不带序号的标题行；同级标题连着正文时，是第一句长短
    与同级标题最接近的一段。序号没有跳号时（丢的是最后一个），要求更严：同级标题连着正文、
    相邻成段，这一段紧随其后，第一句是“动宾，动宾。”；或同级标题单独成行，这一行以
    常见的标题动词开头、没有句号，并且紧接着是它自己的下级标题（一）或同级标题没有下级标题。
    只有读起来像标题的文字才会被当作丢了序号的标题：4 到 30 个字，中间没有句号、问号、
    分号、冒号，逗号不超过两个；同级标题单独成行且不带句号时，以句号结尾的一句话是正文。
    修复（补上序号）为不安全修复，须人工确认。

    ## Example
    ```text
    二、2025年工作安排
    （一）强化党建引领，夯实法治政府领导责任。把党的领导贯穿法治政府建设工作各领域全过程。
    （二）提升履职效能，增强行政决策公信力。制定年度法治政府建设工作要点，全面推行重大行政决策目录化管理。
    化解矛盾纠纷，提升依法治理能力水平。深化数据赋能政府治理和政务服务。
    ```

    Use instead:
    ```text
    二、2025年工作安排
    （一）强化党建引领，夯实法治政府领导责任。把党的领导贯穿法治政府建设工作各领域全过程。
    （二）提升履职效能，增强行政决策公信力。制定年度法治政府建设工作要点，全面推行重大行政决策目录化管理。
    （三）化解矛盾纠纷，提升依法治理能力水平。深化数据赋能政府治理和政务服务。
    ```
    """

    code = "FMT012"
    name = "missing-heading-marker"
    severity = Severity.WARNING
    scope = "document"
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        marks = structure(doc).headings
        for i, last in enumerate(marks):
            nxt, end = _next_sibling(marks, i, len(doc.units))
            if nxt is not None and nxt.value <= last.value + 1:
                continue  # the next sibling is there (or FMT001 reports a repeat)
            gap = nxt is not None  # (二) … (四): something between is the lost (三)
            siblings = _previous_siblings(marks, i)
            if not gap and len(siblings) < 2:
                continue
            yield from self._report(doc, siblings, last.unit, end, last.value + 1, gap, nxt)
        # A scope that starts at (二): the lost (一) is between the parent and it.
        for i, first in enumerate(marks):
            if first.value != 2:
                continue
            parent = next((marks[j] for j in range(i - 1, -1, -1)
                           if _RANK[marks[j].kind] <= _RANK[first.kind]), None)
            if parent is not None and parent.kind == first.kind:
                continue  # not the start of a scope
            # Before the first part, skip the title page: start after the first sentence.
            begin = parent.unit if parent is not None else next(
                (u.index for u in doc.units[:first.unit] if _SENTENCE_END.search(u.text)), first.unit)
            siblings = _previous_siblings(marks, i) + [h for h in marks[i + 1:i + 3] if h.kind == first.kind]
            yield from self._report(doc, siblings, begin, first.unit, 1, True, first)

    def _report(self, doc: Document, siblings: list[Heading], begin: int, end: int, value: int,
                gap: bool, nxt: Heading | None) -> Iterable[Violation]:
        last = siblings[-1] if nxt is None else nxt
        standalone = all(_is_title_line(doc.units[h.unit].text) for h in siblings)
        found = (self._lost_title(doc, siblings, begin, end, gap) if standalone
                 else self._lost_run_in(doc, siblings, begin, end, gap))
        if found is not None:
            para, length = found
            marker = last.label(value)
            if doc.text[last.start] == "(":
                marker = marker.replace("（", "(").replace("）", ")")
            start = para.start + len(para.text) - len(para.text.lstrip(BLANKS))
            before = [h for h in siblings if h.unit < para.index]
            labels = [Label(before[-1].start, before[-1].end, "上一个同级标题")] if before else []
            labels += [Label(nxt.start, nxt.end, "下一个同级标题")] if nxt and nxt.unit > para.index else []
            yield Violation(start, start + length, f"这一段像是丢了序号“{marker}”的标题",
                            help=f"在段首补上“{marker}”", labels=tuple(labels),
                            fixes=(Fix.replace(start, start, marker, f"补上“{marker}”",
                                               Applicability.UNSAFE),))

    @staticmethod
    def _lost_title(doc: Document, siblings: list[Heading], begin: int, end: int, gap: bool):
        """A title line among the body paragraphs between, when its siblings are title lines.

        Without a gap to prove it, only a verb-led line with no full stop that either opens
        its own children (the next heading is a deeper （一）/1.) or, in a list without
        children, follows the last sibling's body."""
        titles = [doc.units[h.unit].text[h.end - doc.units[h.unit].start:].strip(BLANKS) for h in siblings]
        typical = sorted(len(t) for t in titles)[len(titles) // 2]
        commas = any("，" in t or "," in t for t in titles)
        # Standalone headings end without a full stop (GB/T 9704); when the siblings do, a
        # line that ends with one is a one-sentence body paragraph, not their lost sibling.
        stops = any(t.endswith("。") for t in titles)
        best = None
        marks, units = structure(doc).headings, _marked_units(doc)
        inside = marks[bisect.bisect_right(units, begin):bisect.bisect_left(units, end)]
        deeper = [h for h in inside if _RANK[h.kind] > _RANK[siblings[-1].kind]]
        marked = {h.unit for h in inside}
        for u in doc.units[begin + 1:end]:
            body = u.text.strip(BLANKS)
            if u.index in marked or not reads_as_heading(body) or (body.endswith("。") and not stops):
                continue
            if gap:
                # The title line most like its siblings: as long, and with a comma only if
                # they have one (a one-sentence body paragraph is a title line too).
                score = abs(len(body) - typical) + (10 if ("，" in body or "," in body) != commas else 0)
                if best is None or score < best[2]:
                    best = (u, len(body.rstrip("。")), score)
                continue
            if "。" in body or body[:2] not in _HEADING_VERBS:
                continue
            child = next((h for h in deeper if h.unit > u.index), None)
            if (child is not None and child.value == 1 and child.unit == u.index + 1) or not deeper:
                return u, len(body)
        return best[:2] if best else None

    @staticmethod
    def _lost_run_in(doc: Document, siblings: list[Heading], begin: int, end: int, gap: bool):
        """A paragraph that opens with a heading-shaped sentence, when its siblings run in."""
        last = siblings[-1]
        if not gap:
            # Without a gap to prove it, only the paragraph right after adjacent siblings
            # that each carry their body, opening with two verb-object clauses.
            if any(b.unit != a.unit + 1 for a, b in zip(siblings, siblings[1:])):
                return None
            if any(len(doc.units[h.unit].text.strip(BLANKS)) <= 40 for h in siblings):
                return None
            if last.unit + 1 >= end or begin != last.unit:
                return None
            para = doc.units[last.unit + 1]
            lead = len(para.text) - len(para.text.lstrip(BLANKS))
            m = _PHRASE.match(para.text, lead)
            if not m or m.group("end") != "。" or not 4 <= len(m.group("b")) <= 16:
                return None
            if m.group("a")[:2] not in _HEADING_VERBS or m.group("b")[:2] not in _HEADING_VERBS:
                return None
            if not any(abs(len(m.group("a")) - len(p.group("a"))) <= 1
                       for p in (_phrase(doc, h) for h in siblings) if p):
                return None
            return para, m.end("b") - lead
        # A gap: the lost heading is the paragraph between whose first sentence is as long
        # as the siblings' headings.
        lengths = sorted(len(m.group(1)) for m in (
            _FIRST_SENTENCE.match(doc.text, h.end, doc.units[h.unit].end) for h in siblings) if m)
        if not lengths:
            return None
        typical = lengths[len(lengths) // 2]
        best = None
        units = _marked_units(doc)
        marked = set(units[bisect.bisect_right(units, begin):bisect.bisect_left(units, end)])
        for u in doc.units[begin + 1:end]:
            first = _FIRST_SENTENCE.match(u.text.strip(BLANKS))
            if u.index in marked or not first or not reads_as_heading(first.group(1)):
                continue
            score = abs(len(first.group(1)) - typical)
            if best is None or score < best[2]:
                best = (u, len(first.group(1)), score)
        return best[:2] if best else None


def _marked_units(doc: Document) -> list[int]:
    """Unit indexes of the headings, ascending (cached)."""
    return doc.memo("structure:marked-units", lambda: [h.unit for h in structure(doc).headings])


_FIRST_SENTENCE = regex.compile(r"([^。！？；;：:]+)[。！？；;]")


def _is_title_line(text: str) -> bool:
    # A paragraph of blanks only (a Markdown or HTML paragraph of no-break spaces) is no title.
    body = text.strip(BLANKS)
    return 0 < len(body) <= 40 and "。" not in body.rstrip("。")


# Inside a heading: no sentence ends, no colon (附：…, 具体如下：), no semicolon.
_NOT_IN_HEADING = re.compile(r"[。！？；;!?：:]")
HEADING_CHARS = (4, 30)  # 公文 headings in the corpus: 5th–90th percentile 4–28 characters
MAX_HEADING_COMMAS = 2  # 强化党建引领，夯实法治政府领导责任; three clauses at most


def reads_as_heading(text: str) -> bool:
    """Whether ``text`` (a line, or the first sentence of a run-in paragraph) could stand as
    a heading once numbered: short, one phrase at most lightly split by commas, no sentence
    end or colon inside, Chinese. A marker is only ever written into such text, so FMT012's
    fix cannot turn a body paragraph (正文很长的一段话，讲了……。) into a heading."""
    body = text.strip(BLANKS).removesuffix("。")
    low, high = HEADING_CHARS
    return (low <= len(body) <= high and not _NOT_IN_HEADING.search(body)
            and body.count("，") + body.count(",") <= MAX_HEADING_COMMAS
            and body[-1] not in "，,、" and regex.search(r"\p{Han}", body) is not None)


def _next_sibling(marks: tuple[Heading, ...], at: int, n_units: int) -> tuple[Heading | None, int]:
    """The next heading of the same kind before a parent heading, and the unit where the
    search stopped (that heading's, the parent's or the document's end)."""
    last = marks[at]
    for j in range(at + 1, len(marks)):  # an index loop: slicing would copy the tail each call
        h = marks[j]
        if _RANK[h.kind] < _RANK[last.kind]:
            return None, h.unit
        if h.kind == last.kind:
            return h, h.unit
    return None, n_units


def _previous_siblings(marks: tuple[Heading, ...], at: int) -> list[Heading]:
    """The same-kind headings that count up to ``marks[at]`` under the same parent."""
    run = [marks[at]]
    for j in range(at - 1, -1, -1):
        h = marks[j]
        if _RANK[h.kind] < _RANK[run[0].kind]:
            break
        if h.kind == run[0].kind:
            if h.value != run[0].value - 1:
                break
            run.insert(0, h)
    return run


# Enumerators open a clause: after a sentence or clause mark, a space or the paragraph start.
# That alone keeps 统一是、唯一是、之一是、其一是 and 居全国第一， out; 一是一，二是二 is an idiom.
_CLAUSE_START = r"(?:(?<=^|[。；;：:！？!?，,\s\u3000\xa0（(“])|(?<=^[一二三四五六七八九十]{1,3}、))"
_ENUMERATOR = regex.compile(
    rf"""{_CLAUSE_START}(?:
        (?P<shi>[{_CN_NUM}]{{1,3}})是(?![否非])(?!(?P=shi)(?![{_CN_NUM}]))
      | 第(?P<di>[{_CN_NUM}]{{1,3}})(?:是|[，,](?!第))
      | (?P<order>首先|其次(?=[，,是])|再次(?=[，,]))
    )""",
    regex.VERBOSE,
)
# Where an _ENUMERATOR match can start (stdlib re, one character wide): the numeral of X是, the
# 第 of 第X是/第X，, the 首/其/再 of 首先/其次/再次, each followed by what its branch needs.
# _ENUMERATOR opens with lookbehinds and is tried at every character by finditer; the class
# that opens this pattern lets re skip ahead at C speed. tests/test_prefilters_dates.py
# compares the matches with _ENUMERATOR.finditer.
_ENUMERATOR_START = re.compile(
    rf"[{_CN_NUM}第首其再](?:(?<=[{_CN_NUM}])(?=[{_CN_NUM}]{{0,2}}是)|(?<=第)(?=[{_CN_NUM}]{{1,3}}[是，,])"
    r"|(?<=首)(?=先)|(?<=其)(?=次[，,是])|(?<=再)(?=次[，,]))")
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
        return _FAMILY_LABEL[self.family].format(_cn(value))


def _scan_enumerators(doc: Document) -> list[Enumerator]:
    found = []
    for unit in doc.units:
        text = unit.text
        if "是" not in text and "第" not in text and "次" not in text and "首" not in text:
            continue
        lead = len(text) - len(text.lstrip(BLANKS))
        heading_line = "。" not in text
        for m in matches_at(_ENUMERATOR, text, _ENUMERATOR_START):
            family = m.lastgroup
            word = m.group(family)
            value = _ORDER_WORDS[word] if family == "order" else _value("l1", word)
            if not value:
                continue
            start = unit.start + m.start()
            end = unit.start + (m.end(family) + (family == "shi") if family != "di" else m.end(family))
            found.append(Enumerator(unit.index, family, heading_line and m.start() == lead,
                                    value, start, end))
    return found


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
        for e in _scan_enumerators(ctx.document):
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
    def _violation(e: Enumerator, prev: Enumerator | None) -> Violation:
        if prev is not None and prev.unit != e.unit and e.value < prev.value:
            prev = None  # a new paragraph's list that does not start at 一
        return _out_of_sequence(e, prev, "列举", "列举项", "上一个列举词")


def _lost_pieces(longer: str, shorter: str) -> list[str] | None:
    """The runs of ``longer`` missing from ``shorter`` if ``shorter`` is ``longer`` with
    characters deleted and nothing changed or added; otherwise None. difflib is linear
    enough on title-length strings and is in the standard library."""
    matcher = difflib.SequenceMatcher(None, longer, shorter, autojunk=False)
    pieces = []
    for tag, a1, a2, _, _ in matcher.get_opcodes():
        if tag == "delete":
            pieces.append(longer[a1:a2])
        elif tag != "equal":
            return None
    return pieces


# A label and a number before a title (附件：, 附件2：, 附件：1., 2., 2.1　): titles are compared
# without them, so an attachment's title in the list of attachments and its heading are one;
# two numbered titles with different numbers are different items (2.1 X, 2.1.1 X职责).
_LABEL = regex.compile(r"(?:\p{Han}{1,6}[0-9一二三四五六七八九十]{0,3}[：:][ \u3000]*)?"
                       r"(?:(?P<number>[0-9]{1,2}(?:[.．][0-9]{1,2})*)(?:[.．、]|(?=[ \u3000]))[ \u3000]*)?")
# A line that is only a label (附件2): the title follows on the next line.
_LABEL_LINE = regex.compile(r"\p{Han}{1,6}[0-9一二三四五六七八九十]{1,3}[：:]?")
_TWO_HAN = regex.compile(r"\p{Han}{2}")


class _TitleLine(NamedTuple):
    unit: TextUnit
    body: str  # the title as compared: without blanks and label, joined over two lines
    start: int  # where the body starts and ends in the document
    end: int
    number: str  # its list or section number, "" if none

    @property
    def joined(self) -> bool:
        return self.end - self.start != len(self.body)


def _title_line(doc: Document, unit: TextUnit) -> _TitleLine:
    """The unit as a title: its text without blanks and a leading label; joined with the next
    line when a title is laid out over two (关于某某村 / 地质险情调查意见: the first line does
    not end in a document type from data/document_types.txt, the short next line does), so
    that two titles that begin alike are not taken for one title that lost characters."""
    body = unit.text.strip(BLANKS)
    start = unit.start + unit.text.index(body[0]) if body else unit.start
    label = _LABEL.match(body)
    number = (label.group("number") or "").replace("．", ".")
    if 0 < label.end() < len(body):
        start += label.end()
        body = body[label.end():]
    end = start + len(body)
    units = doc.units
    nxt = units[unit.index + 1] if unit.index + 1 < len(units) else None
    more = nxt.text.strip(BLANKS) if nxt else ""
    ends = _document_type_end()
    if (more and len(more) <= 30 and "。" not in more and ends.search(more) and not ends.search(body)
            and _TWO_HAN.search(body) and not _LABEL_LINE.fullmatch(body)):
        return _TitleLine(unit, body + more, start, nxt.start + nxt.text.index(more[0]) + len(more), number)
    return _TitleLine(unit, body, start, end, number)


@cache
def _document_type_end() -> "regex.Pattern[str]":
    return regex.compile(f"(?:{word_alternation('document_types')})$")


def _other_section(longer: _TitleLine, shorter: _TitleLine) -> bool:
    """Whether the two titles carry different list or section numbers (4.X, 5.X微创; 2.1 X,
    2.1.1 X职责): two items of a list, or a section and its subsection."""
    return bool(longer.number and shorter.number and longer.number != shorter.number)


def _issuer_named(longer: str, pieces: list[str]) -> bool:
    """Whether the longer title only adds its issuer before 关于 (国土资源部关于X的报告 and
    the heading 关于X的报告): a title cited with the organ that issued it."""
    return len(pieces) == 1 and longer.startswith(pieces[0] + "关于")


def _is_byline(line: str) -> bool:
    return any(s == 0 and e == len(line) for s, e in byline_spans(line))


class NearDuplicateLine(Rule):
    """## What it does
    找出几乎重复另一行、却丢了字的短行（标题、小标题）：网页标题
    `衡阳市雁峰2024法治政府建设情况报告` 与正文标题 `衡阳市雁峰区2024年度法治政府建设情况报告`，
    报告丢字的那一行，并列出缺少的字（缺“区”“年度”）。

    ## Why is this bad?
    同一个标题出现两次且不一致，说明其中一处在复制、采集或修改时丢了字；标题中的机关名称、
    年度缺字，是政府网站检查中的“严重表述错误”。只比较不超过 60 字、没有句号的短行，
    只报告“较短一行是较长一行删去若干字”的情形：完全相同的重复、改了字的两行、
    以破折号开头的副标题都不报告；也不报告以冒号结尾的引导语、新闻署名行、
    附件说明与附件标题（`附件：X` 与其后的标题 `X`）、序号不同的章节标题
    （`2.1　X` 与 `2.1.1　X职责`）、带发文机关的标题与不带的标题（`某部关于X的报告` 与
    `关于X的报告`）；比较标题时不计 `附件：`、`1.` 这类标签和序号，分两行排的标题合为一行比较。
    正确的写法只有作者知道，修复仅供参考。

    ## Example
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    衡阳市雁峰2024法治政府建设情况报告
    ```

    Use instead:
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    ```
    """

    code = "FMT009"
    name = "near-duplicate-line"
    severity = Severity.WARNING
    scope = "document"
    fixable = True
    options = {"max-length": 60, "min-length": 8, "max-lost": 6}

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        lines = []
        for u in doc.units:
            line = _title_line(doc, u)
            body = line.body
            # Titles and headings: short, no full stop; a subtitle opens with a dash; a line
            # ending in a colon introduces a list; a byline is page furniture.
            if (self.opts["min-length"] <= len(body) <= self.opts["max-length"]
                    and "。" not in body and not body.startswith("—") and body[-1] not in "：:"
                    and not _is_byline(body)):
                lines.append(line)
        # A line that lost characters keeps its beginning or its end: bucket by both, so
        # only lines sharing one are compared (never all pairs).
        buckets: dict[str, list[int]] = defaultdict(list)
        for i, line in enumerate(lines):
            buckets["^" + line.body[:2]].append(i)
            buckets["$" + line.body[-2:]].append(i)
        reported: set[int] = set()
        max_lost = self.opts["max-lost"]
        for members in buckets.values():
            if len(members) > 200:
                continue  # a bucket this large is a list of like items, not a title pair
            members.sort(key=lambda i: len(lines[i].body))
            lengths = [len(lines[i].body) for i in members]
            for x, i in enumerate(members):
                # Only lines 1..max-lost characters longer can have lost characters.
                lo = bisect.bisect_right(lengths, lengths[x])
                hi = bisect.bisect_right(lengths, lengths[x] + max_lost)
                for k in members[lo:hi]:
                    yield from self._compare(lines[k], lines[i], reported)

    def _compare(self, longer: _TitleLine, shorter: _TitleLine, reported: set[int]) -> Iterable[Violation]:
        lb, sb = longer.body, shorter.body
        if shorter.unit.index in reported or (len(lb) - len(sb)) * 4 > len(lb):
            return
        pieces = _lost_pieces(lb, sb)
        if not pieces or _other_section(longer, shorter) or _issuer_named(lb, pieces):
            return
        reported.add(shorter.unit.index)
        missing = "”“".join(pieces)
        # A title laid out over two lines is not rewritten as one: no suggestion then.
        fixes = () if shorter.joined else (Fix.replace(shorter.start, shorter.end, lb, f"改为“{lb}”",
                                                       Applicability.DISPLAY_ONLY),)
        yield Violation(shorter.start, shorter.end, f"这一行与另一行几乎相同，但缺少“{missing}”",
                        help="核对两处是否应一致，或删去重复的一行",
                        labels=(Label(longer.start, longer.end, "完整的一行"),), fixes=fixes)


RULES = (HeadingSequence, HeadingRunIn, EnumeratorSequence, NearDuplicateLine, MissingHeadingMarker)
