"""Punctuation that depends on where a line sits: after ordinal markers, at the end of
titles and headings, and whitespace inside Chinese prose."""
from __future__ import annotations

import bisect
import itertools
import re
from functools import cache
from operator import attrgetter
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.person_columns import person_column_spans
from gongwen.analysis.bylines import (attendance_spans, byline_spans, contact_spans, noted_list_spans, roster_list_spans,
                                       roster_spans, speaker_spans)
from gongwen.analysis import lexicon
from gongwen.analysis.outline import LEVEL_NAMES, heading_markers
from gongwen.analysis.route_screen import needs_pair
from gongwen.analysis.routing import (has_short_units, in_document, unit_starts, units_are_lines, units_are_slices,
                                     units_at, units_holding)
from gongwen.analysis.tables import in_table
from gongwen.analysis.text import BLANKS, CJK_PUNCT, LINE_START, anchored_finditer, matches_at
from gongwen.triggers import Adjacent
from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _trigger_scan
except ImportError:  # not built: every unit is asked for its first character
    _trigger_scan = None

_CN = "一二三四五六七八九十"
_LEAD = r"[ \t\u3000\xa0]*"
# After a bracketed marker the whole run of marks goes in one fix (so --fix converges in one
# pass); a dot that starts a run of dots is an ellipsis, which PUN008 rewrites.
_BRACKETED_MARK = rf"(?P<marker>[（(](?:[{_CN}]{{1,3}}|[0-9]{{1,2}})[）)]|[①-⑳])(?P<mark>[、，,：:]+|[.．](?![.．…]))"
_PLAIN_MARKS = (rf"(?P<cn>[{_CN}]{{1,3}})(?P<cnmark>[.．，,：:])(?![0-9])",
                rf"(?P<arabic>[0-9]{{1,2}})、(?![0-9])",
                rf"(?P<word>第[{_CN}]{{1,3}}|首先|其次|再次|最后)、(?![第{_CN}])")
_ORDINAL_MARK_SOURCE = (rf"(?:^{_LEAD}|(?<=[。；：;:]){_LEAD}){_BRACKETED_MARK}"
                        + "".join(f"\n       |^{_LEAD}{plain}" for plain in _PLAIN_MARKS))  # VERBOSE
# Stdlib re: the source needs nothing of `regex`, and every heading line is tried once, where
# re's match costs a third of regex's (tests/test_prefilters_punct.py compares the two).
_ORDINAL_MARK = pattern_cache.re_compile(_ORDINAL_MARK_SOURCE, re.VERBOSE)
# Only the bracketed or circled marker can match after the start of the paragraph; without
# one, the single possible match is at offset 0.
# (Literal characters only: stdlib ``re`` finds the same, about twice as fast.)
_MARKER_START = pattern_cache.re_compile(r"[（(①-⑳]")
# Without one, each remaining alternative starts, after the indent, with one of these.
_PLAIN_MARKER_FIRST = frozenset(_CN + "0123456789第首其再最")
# A match at the start of a line, as one positive pattern over the text of a document whose
# units are whole lines (routing.units_are_lines): the line break before it, the indent and
# what _ORDINAL_MARK matches at the start of a unit. Its look-aheads see the same character in
# the text as in the unit (a line break follows every unit, and none of them wants one). The
# look-ahead after the line break asks first for what an alternative opens with (a bracket, a
# circled number, a numeral, 第首其再最): re tries the pattern at every line break, and on a page
# of `-` or 中 lines the alternation was three times the cost of that one class (25 -> 9 ms a MB).
_ORDINAL_MARK_AT_LINE = pattern_cache.re_compile(
    rf"[\r\n](?={_LEAD}[（(①-⑳{_CN}0-9第首其再最]){_LEAD}(?:{_BRACKETED_MARK}|{'|'.join(_PLAIN_MARKS)})",
    re.VERBOSE)
# A match after the start of the paragraph needs a bracketed or circled marker right after
# 。；：;: and the indent; without one (most paragraphs with a （ hold it elsewhere), the only
# possible match is at offset 0. Literal characters: stdlib ``re`` means the same. The character
# right before the marker is a stop or a blank: the document's route screen answers that pair
# before the text is searched (38 of the benchmark's 1,000 documents match, 73 hold the pair).
_CIRCLED = "".join(map(chr, range(ord("①"), ord("⑳") + 1)))
_MARKER_AFTER_STOP = needs_pair(pattern_cache.re_compile(r"[。；：;:][ \t\u3000\xa0]*[（(①-⑳]"),
                                "。；：;: \t\u3000\xa0", "（(" + _CIRCLED)


# What _MARKER_START matches, as a set: one look-up instead of a match per paragraph.
_BRACKETED_FIRST = frozenset("（(" + _CIRCLED)


def _may_open_with_marker(text: str) -> bool:
    """Whether a match of _ORDINAL_MARK at offset 0 is possible: the first character after the
    indent starts one of its alternatives. The rest of the text is copied (lstrip) only when it
    opens with a blank (or is empty: "" is in every string), not for every paragraph."""
    lead = text[:1]
    if lead in BLANKS:
        lead = text.lstrip(BLANKS)[:1]
    return lead in _PLAIN_MARKER_FIRST or lead in _BRACKETED_FIRST


def ordinal_marks(text: str):
    """The matches of ``_ORDINAL_MARK.finditer(text)``, most paragraphs decided without it."""
    if _MARKER_AFTER_STOP.search(text) is None:
        if not _may_open_with_marker(text):
            return ()
        first = _ORDINAL_MARK.match(text)
        return () if first is None else (first,)
    return _ORDINAL_MARK.finditer(text)


def units_with_ordinal_marks(doc: Document) -> Iterable[tuple[TextUnit, Iterable[re.Match]]]:
    """(unit, ordinal_marks(unit.text)) of the units where a match is possible, in order: those
    that open with a marker's first character, and those that one scan of the document's text
    finds holding _MARKER_AFTER_STOP (gongwen.analysis.routing; a positive pattern). The
    others, nearly every paragraph, cost a look at their first character, not a rule call."""
    after_stop = units_holding(doc, _MARKER_AFTER_STOP)
    if has_short_units(doc) and units_are_lines(doc):
        # A page of short lines (1. a, 一、a): one scan finds the lines that open with a
        # marker and its mark, instead of a look at each line (tests/rules/test_ordinal_marks_routing.py).
        routed = {unit.start: unit for unit in _units_opening_with_marks(doc)}
        routed.update((unit.start, unit) for unit in after_stop)
        for start in sorted(routed):
            yield routed[start], ordinal_marks(routed[start].text)
        return
    heads = _marker_heads(doc)
    units = doc.units if heads is None else _merged(doc.units, heads, after_stop)
    k = 0
    for unit in units:
        routed = k < len(after_stop) and after_stop[k] is unit
        k += routed
        if routed:
            yield unit, ordinal_marks(unit.text)
        elif _may_open_with_marker(unit.text):
            # ordinal_marks without its search for a marker after a stop: the scan found none
            # in this unit (a fifth of the paragraphs open with a numeral: 2024年…, 一些…).
            first = _ORDINAL_MARK.match(unit.text)
            yield unit, () if first is None else (first,)


def _marker_heads(doc: Document) -> list[int] | None:
    """The indexes of the units whose first character after blanks may open a marker
    (_may_open_with_marker's two sets), by one C loop over the units' starts
    (_trigger_scan.unit_heads, as the outline's headings screen): the units of prose were
    each a Python call of the first-character test (9,000 of the speed benchmark's first 400
    files, 13 M instructions). The loop may read past a unit's end (a unit of blanks only):
    a few units too many, which the test then refuses, never one too few. None where the
    scanner is not built or the units are not slices of the text: every unit is tested."""
    if _trigger_scan is None or not units_are_slices(doc):
        return None
    return _trigger_scan.unit_heads(doc.text, unit_starts(doc), _head_kinds(), 0)


@cache
def _head_kinds() -> bytes:
    """unit_heads' table: 1 a blank (BLANKS: _may_open_with_marker strips them), 2 a character
    a marker opens with."""
    kinds = bytearray(65536)
    for chars, kind in ((BLANKS, 1), (_PLAIN_MARKER_FIRST | _BRACKETED_FIRST, 2)):
        for c in chars:
            kinds[ord(c)] = kind
    return bytes(kinds)


def _merged(units: tuple[TextUnit, ...], heads: list[int], routed: tuple[TextUnit, ...]) -> list[TextUnit]:
    """The units at ``heads`` and the ``routed`` ones, in document order, each once."""
    if not routed:
        return [units[k] for k in heads]
    at = {id(unit): k for k, unit in enumerate(units)}  # (a unit made by hand may not know its index)
    return [units[k] for k in sorted({*heads, *(at[id(unit)] for unit in routed)})]


def _units_opening_with_marks(doc: Document) -> tuple[TextUnit, ...]:
    """The units at whose start (after a line break, or the text's start) _ORDINAL_MARK_AT_LINE
    matches: with a line break put before the text, a match at i of that text is the line that
    starts at i of the document's."""
    text, search = "\n" + doc.text, _ORDINAL_MARK_AT_LINE.search

    def find(pos: int) -> int:
        m = search(text, pos)
        return -1 if m is None else m.start()
    return units_at(doc, find)


class OrdinalMarkerPunctuation(Rule):
    """## What it does
    检查序次语后的标点：`（一）、`、`①、` 多了标点，`一.`、`一，` 应为 `一、`，
    `1、` 应为 `1.`，段首的 `第一、`、`首先、` 应为 `第一，`、`首先，`。

    ## Why is this bad?
    GB/T 15834 附录和公文写作惯例：汉字数字序次语后用顿号（`一、`）；
    带括号的序次语和带圈的数字后不再加标点（`（一）`、`（1）`、`①`）；
    阿拉伯数字序次语后用下脚点（`1.`）；`第一`、`首先` 等序次语后用逗号。
    `1、` 在政府文稿中相当常见，因此本规则的严重级别为警告。
    只检查段首（带括号的序次语也检查句号、分号、冒号之后），
    不检查正文中的枚举（`第一、第二批试点`、`一、二等奖`、`1、2年内`）和正确写法 `1.`、`一、`。
    修复：删去 `（一）` 后的标点、把 `一.` 改为 `一、` 是安全修复；`1、`、`第一、` 的改写为不安全修复。

    ## Example
    ```text
    （一）、强化党建引领
    一.主要举措
    1、集中学习
    ```

    Use instead:
    ```text
    （一）强化党建引领
    一、主要举措
    1.集中学习
    ```
    """

    code = "PUN007"
    name = "ordinal-marker-punct"
    severity = Severity.WARNING
    fixable = True
    # Reads the units units_with_ordinal_marks finds: its triggers (the marks after a marker,
    # 、，:) had the engine call it on nearly every paragraph.
    scope = "document"

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for unit, matches in units_with_ordinal_marks(ctx.document):
            if matches != ():  # (most units opening with a numeral hold no marker: no generators)
                yield from in_document(unit, self._marks(matches))

    @staticmethod
    def _marks(matches: Iterable[re.Match]) -> Iterable[Violation]:
        for m in matches:
            if m.group("marker"):
                s, e = m.span("mark")
                marker = m.group("marker")
                yield Violation(s, e, f"序次语“{marker}”后多了“{m.group('mark')}”",
                                help="带括号或带圈的序次语后不加标点",
                                fixes=(Fix.replace(s, e, "", "删去标点"),))
            elif m.group("cn"):
                s, e = m.span("cnmark")
                yield Violation(s, e, f"序次语“{m.group('cn')}”后用了“{m.group('cnmark')}”",
                                help="汉字数字序次语后用顿号“、”",
                                fixes=(Fix.replace(s, e, "、", "改为“、”"),))
            elif m.group("arabic"):
                e = m.end()
                yield Violation(e - 1, e, f"序次语“{m.group('arabic')}”后用了顿号",
                                help="阿拉伯数字序次语后用下脚点“.”",
                                fixes=(Fix.replace(e - 1, e, ".", "改为“.”", Applicability.UNSAFE),))
            else:
                e = m.end()
                yield Violation(e - 1, e, f"序次语“{m.group('word')}”后用了顿号",
                                help=f"“{m.group('word')}”等序次语后用逗号“，”",
                                fixes=(Fix.replace(e - 1, e, "，", "改为“，”", Applicability.UNSAFE),))


_TITLE_END = "。，；、,;"
_HEADING_END = "。，；：、,;:"
_CHROME = ("首页", "当前位置", "您的位置", "来源", "发布时间", "发布日期", "字体", "【")
# Literal classes, tried on every heading: stdlib re, as _ORDINAL_MARK.
_INNER_STOP = pattern_cache.re_compile(r"[。！？；;!?]")
_TITLE_INNER_MARKS = "，。；：、！？,;:!?"
_TITLE_INNER = pattern_cache.re_compile(f"[{_TITLE_INNER_MARKS}]")
# The ordinal a list item or heading opens with (1．, 一、, （一）, ①): a title never does.
_ITEM_ORDINAL = (r"(?:[0-9]{1,2}[.．、](?![0-9])|[一二三四五六七八九十]{1,3}、"
                 r"|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]|[①-⑳])")
_ITEM_ORDINAL_FIRST = "0123456789" + _CN + "（(" + _CIRCLED  # what an _ITEM_ORDINAL match opens with


@cache
def _title_shape() -> "regex.Pattern[str]":
    types = lexicon.pattern("document_types.txt")
    return pattern_cache.regex_compile(rf"^{_LEAD}\S.{{2,58}}(?:{types})[{_TITLE_END}]?$")


def _is_standalone_heading(text: str, marker_end: int) -> bool:
    """A short heading line that is not run into body text (its marker ends at marker_end)."""
    body = text.rstrip()[marker_end:]
    return 0 < len(body) <= 40 and not _INNER_STOP.search(body[:-1])


@cache
def _title_stop() -> "re.Pattern[str]":
    """What every unit that ends the search for the title holds: an inner mark or an item's
    ordinal (the body has started) or a document type (a title-like line). An ordinal found
    anywhere, not only at a unit's start: the search may find more units than end it, never
    fewer. Literal characters: stdlib ``re``. A look-ahead first asks for a character a match
    opens with (a mark, an ordinal's first, a type's first): re tries the pattern at every
    character, and the alternation alone cost 47 ms over 1 MB of `-` list items (7 with it)."""
    types = lexicon.words("document_types.txt")
    firsts = "".join(sorted({*_TITLE_INNER_MARKS, *_ITEM_ORDINAL_FIRST, *(w[0] for w in types)}))
    return pattern_cache.re_compile(rf"(?=[{re.escape(firsts)}])(?:{_TITLE_INNER.pattern}|{_ITEM_ORDINAL}|{lexicon.pattern('document_types.txt')})")


def _title_candidates(doc: Document) -> Iterable[TextUnit]:
    """The units the search for the title must look at, in order: every unit; on a document of
    short units, only those holding _title_stop, each found by a search from the end of the one
    before as it is asked for (a page of `- a` lines has none, and every other unit would only
    be passed over; tests/rules/test_title_candidates.py)."""
    if not (has_short_units(doc) and units_are_slices(doc)):
        yield from doc.units
        return
    text, units, search = doc.text, doc.units, _title_stop().search
    pos = 0
    while (m := search(text, pos)) is not None:
        i = bisect.bisect_right(units, m.start(), key=attrgetter("start")) - 1
        if i >= 0 and m.start() < units[i].end:
            yield units[i]
            pos = units[i].end
        elif i + 1 < len(units):
            pos = units[i + 1].start  # a match between two units: go on from the next one
        else:
            return


def _heads_a_body(doc: Document, index: int) -> bool:
    """Whether any text follows unit ``index``: a title heads a body. A line standing alone
    that ends in a document type (印发了关于…的通知。, a sentence quoted on its own, a snippet)
    is a sentence, not a title."""
    units = doc.units
    for i in range(index + 1, len(units)):
        if units[i].text.strip(BLANKS):
            return True
    return False


def _heading_findings(doc: Document) -> dict[int, tuple[str, int]]:
    """unit index -> (what, offset of the trailing mark), for the title and for headings
    whose trailing point mark breaks the style of the other headings at their level."""
    def compute() -> dict[int, tuple[str, int]]:
        found: dict[int, tuple[str, int]] = {}
        # A generator: the title is among the first lines, the rest are never looked at.
        units = (u for u in _title_candidates(doc) if not u.text.lstrip(BLANKS).startswith(_CHROME))
        for u in units:
            line = u.text.rstrip(BLANKS)
            if _TITLE_INNER.search(line[:-1]) or _OPENS_ITEM.match(line):
                # The body has started: a title comes before the first sentence, and never
                # opens with an ordinal (1．听取和审议…工作报告； is an agenda's item).
                break
            if _title_shape().match(line):
                if line[-1] in _TITLE_END and _heads_a_body(doc, u.index):
                    found[u.index] = ("标题", len(line) - 1)
                break  # the first title-like line is the title; a dated byline may follow
        # The first- and second-level headings (一、 / （一）) of the outline, by level.
        levels: dict[str, list[tuple[TextUnit, str, int]]] = {"l1": [], "l2": []}
        marks = heading_markers(doc)
        for h in marks:
            u = doc.units[h.unit]
            if h.kind in levels and _is_standalone_heading(u.text, h.end - u.start):
                levels[h.kind].append((u, u.text.rstrip(BLANKS), h.end - u.start))
        items = None
        for kind, headings in levels.items():
            what = LEVEL_NAMES[kind]
            marked = [(u, t, e) for u, t, e in headings if t[-1] in _HEADING_END]
            if not marked:
                continue  # nothing to report at this level
            if items is None:
                # A heading heads a body: a numbered line whose next sibling follows on the
                # very next line heads nothing, it is a list item complete in itself, and may
                # end as a sentence (三、本次…按照价高者得原则确定竞得人。 between the parts of a
                # notice). Found only once a heading ends in a mark (a page of 200,000 1.
                # lines has none, and the pairs cost 0.03 s).
                items = {a.unit for a, b in zip(marks, marks[1:])
                         if b.kind == a.kind and b.value == a.value + 1 and b.unit == a.unit + 1}
                # Nor does the document's last line: nothing follows it to head (八、本规程解释权
                # 属…。 closing a 竞赛规程, 六、本方案由…负责解释。 closing a plan).
                last = next((u.index for u in reversed(doc.units) if u.text.strip(BLANKS)), None)
                items |= {m.unit for m in marks if m.unit == last}
            # Only a phrase heading (no comma inside) ending in 。 among unpunctuated siblings:
            # sentence headings with commas and list items ending in ； are a style of their own.
            stray = [(u, t) for u, t, e in marked
                     if t[-1] == "。" and not _TITLE_INNER.search(t[e:-1]) and u.index not in items]
            if len(headings) - len(marked) >= 2 and len(marked) * 5 <= len(headings):
                for u, t in stray:
                    found.setdefault(u.index, (what, len(t) - 1))
        return found
    return doc.memo("heading-trailing-marks", compute)


class TitleTrailingPunctuation(Rule):
    """## What it does
    检查以点号结尾的标题：文稿标题（正文之前、以“报告”“通知”等文种结尾、不以序号开头的一行）末尾的 `。`、`，`、`；`，以及在全文同级标题
    （至少八成）都不加标点时，个别单独成行的短语式一级标题（`一、`）、二级标题（`（一）`）末尾的句号。

    ## Why is this bad?
    公文和报告的标题、单独成行的层次标题末尾不加标点（GB/T 9704 对公文标题的要求
    也是除书名号等外一般不用标点）；同一文稿里有的标题加句号、有的不加，是排版疏漏。
    不检查：标题与正文写在同一段的段首标题（`（一）加强法制建设。坚持……`），
    下一行紧接着就是下一个同级序号的一行（它下面没有正文，是自成一句的列举项，不是标题），
    文稿的最后一行（`八、本规程解释权属……。`，其后没有正文可领），
    标题以句号结尾较多的文稿（这是这类文稿的写法）、内含逗号的句子式标题、以分号结尾的列举项，
    以问号、叹号结尾的标题，称呼语（`各位代表：`），后面没有正文的单独一行（`……印发了关于……的通知。`
    单独成文时是一句话，不是标题）。
    修复：删去文稿标题末尾的句号为安全修复，其余为不安全修复。

    ## Example
    ```text
    关于2024年度法治政府建设情况的报告。
    一、主要举措和成效。
    二、存在的问题
    三、下一步工作安排
    ```

    Use instead:
    ```text
    关于2024年度法治政府建设情况的报告
    一、主要举措和成效
    二、存在的问题
    三、下一步工作安排
    ```
    """

    code = "PUN018"
    name = "title-trailing-punct"
    severity = Severity.WARNING
    fixable = True
    # The title and the headings are found once per document (_heading_findings): reading
    # that one result here costs nothing per paragraph (a unit rule was called on every
    # paragraph holding a point mark, each heading of a page of headings among them).
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        for index, (what, at) in sorted(_heading_findings(doc).items()):
            line = doc.units[index]
            mark, i = line.text[at], line.start + at  # the finding, at document offsets
            safe = Applicability.SAFE if what == "标题" and mark == "。" else Applicability.UNSAFE
            help_ = "标题末尾不加点号" if what == "标题" else f"与全文其他{what}一致，末尾不加点号"
            yield Violation(i, i + 1, f"{what}末尾用了“{mark}”", help=help_,
                            fixes=(Fix.replace(i, i + 1, "", f"删去“{mark}”", safe),))


_HAN_OR_MARK = rf"[\p{{Han}}{regex.escape(CJK_PUNCT)}]"
# Whitespace between two Chinese characters or marks, inside a line.
_INNER_SPACE = lazy_regex.compile(rf"(?<={_HAN_OR_MARK})[{BLANKS}]+(?={_HAN_OR_MARK})")
# A name or a two-character word padded to three cells in a list: 张　三、主　任：.
_PADDED = lazy_regex.compile(rf"(?<![\p{{Han}}])\p{{Han}}[{BLANKS}]\p{{Han}}(?![\p{{Han}}])")
# A two-part slogan in quotes keeps its space: “好品山东 商行天下”.
_SLOGAN = lazy_regex.compile(rf"“\p{{Han}}{{2,8}}[{BLANKS}]\p{{Han}}{{2,8}}”")
_TRAILING = lazy_regex.compile(rf"(?<=[^{BLANKS}\r\n])[{BLANKS}]+(?=\r?\n|\r|$)")
# Spaces that layout conventions put inside prose (see _conventional_spaces).
# A line opening with an ordinal label, 第 and an ordinal and a noun of one to three characters
# (第十二条, 第一部分, and round 13b's 第一团队　服务望湖社区: the same layout names a team, a grid,
# a group), then a space: the space is the label's, as after an article's number.
_ARTICLE_NUMBER = lazy_regex.compile(
    rf"(?m)^[{BLANKS}]*第[一二三四五六七八九十百千零〇两0-9]+(?:[条章节编]|部分|\p{{Han}}{{1,3}}?)(?:之[一二三四五六七八九十]+)?(?P<space>[{BLANKS}]+)")
# A heading whose few characters are spaced out to a width (总　　则, 目　　录, 政 府 工 作 报 告),
# after its chapter number or alone on its line: single characters and blanks, no prose.
_SPACED_HEADING = lazy_regex.compile(
    rf"(?<![^\r\n])[{BLANKS}]*(?:第[一二三四五六七八九十百千零〇两0-9]+(?:[章节编]|部分)[{BLANKS}]+)?"
    rf"\p{{Han}}(?:[{BLANKS}]+\p{{Han}}){{1,7}}[{BLANKS}]*(?=[\r\n]|\Z)")
# The blanks left in a date to be filled in (自2027年　月　日起施行 in a draft, 自　　年　月　日 in a
# regulation's last article, 年　月　日 on a form).
# (Each blank run is entered at its first blank only: a long run not followed by 年 is read once.)
_DATE_BLANKS = lazy_regex.compile(
    rf"(?:(?<![{BLANKS}])(?P<year>[{BLANKS}]++))?年(?P<month>[{BLANKS}]++)月(?P<day>[{BLANKS}]++)日")
# A label in lenticular brackets (【主持人　沈佳怡】, 【字体：大 中 小】): a speaker, a button, a
# section's name, never a sentence. A speaker may be given by role, organ, title and name
# (【消费者代表　东湖区居民　谢长青】, round 9's second batch had one of 26 characters).
_BRACKET_LABEL = lazy_regex.compile(r"【[^【】\r\n，。；！？]{1,40}】")
# A line of labelled fields without prose punctuation (主办单位：…　　承办单位：…, 地址：…　邮编：…):
# the blanks before the next label separate two fields, as in a page's info bar.
# The first label may name an organ and a role (云州市气象台值班预报员：…　签发：…), and the line may
# be a bracketed note (（联系人：…　联系电话：…）).
_FIELD_LINE = lazy_regex.compile(rf"(?<![^\r\n])[{BLANKS}]*[（(]?\p{{Han}}{{1,16}}[：:][^\r\n，。；]*(?=[\r\n]|\Z)")
_FIELD_GAP = lazy_regex.compile(rf"(?<![{BLANKS}])[{BLANKS}]++(?=\p{{Han}}{{1,8}}[：:])")
_FORM_BLANK = lazy_regex.compile(rf"(?<=：)[{BLANKS}]{{2,}}(?=\p{{Han}}{{1,10}}：|\p{{Han}}{{0,10}}$)", regex.MULTILINE)
# A standard's title: its elements are set apart by a space (GB/T 1.1: 信息技术 互联网内容…). It is
# known for one by its number right before or after it (GB/T 37668—2019《…》, 《…》（GB/T
# 37668—2019）), by the clause naming it a standard right after it (《…》等3项团体标准, 《…》行业标准),
# or by a part's element inside it (《…　第2部分：…》, GB/T 1.1's title of one part).
_STANDARD_CODE = r"[A-Z]{1,4}(?:/[TZ])?[ \u3000]?[0-9]"
_NAMED_STANDARD = r"(?:等[0-9一二三四五六七八九十两]{1,3}[项个部])?(?:国家|行业|地方|团体|企业)?标准"
_STANDARD_TITLE = lazy_regex.compile(
    rf"《[^《》\r\n]{{1,80}}》(?=[（(]?{_STANDARD_CODE}|{_NAMED_STANDARD})"
    rf"|(?=《)(?<={_STANDARD_CODE}[0-9.]{{0,12}}(?:[—－-][0-9]{{4}})?[ \u3000]?)《[^《》\r\n]{{1,80}}》"
    r"|《[^《》\r\n]{0,60}[ \u3000]第[0-9一二三四五六七八九十]{1,3}部分[：:][^《》\r\n]{1,60}》")
# The blank of a form's last field at the line's end: two blanks or more after a short label
# (家长签名：　　　　); a tab or a blank after a sentence's colon (…以下七方面工作：\t) is stray.
_FORM_BLANK_AT_END = lazy_regex.compile(r"(?<=(?:^|[\s：])\p{Han}{1,10}[：:])[ \u3000]{2,}")
_PROSE = lazy_regex.compile(r"[，。；]")
_LINE = pattern_cache.re_compile(r"[^\r\n]+")
_SENTENCE_END = pattern_cache.re_compile(r"[。！？!?][”’」』）)]*[ \t\u3000\xa0]*\Z")
_OPENS_ITEM = pattern_cache.re_compile(rf"[ \t\u3000\xa0]*{_ITEM_ORDINAL}")
# Every pattern above needs a space; the lookbehind-led ones are tried only where one stands:
# a padded name at the space before a Han character, inner and trailing spaces at the start of
# a run (their lookbehinds want something other than a space before it).
_ANY_SPACE = pattern_cache.re_compile(rf"[{BLANKS}]")
# Where a finding may be, as one positive pattern over the whole text (routing): a blank before
# a character outside ASCII (an inner run ends before a Han character or a mark, both outside
# ASCII) or before the end of its line (a trailing run). Each alternative starts with a blank and
# takes one character more, so ``re`` skips to the blanks and never backtracks over a run; a
# pattern led by the Han character before the run cost 0.48 CPU s on 10 MB of prose. A page of
# `- a` lines holds a blank in every line and none of these (Rule.route;
# tests/rules/test_stray_space_routing.py).
_STRAY_SPACE_ROUTE = pattern_cache.re_compile(rf"[{BLANKS}](?:[^\x00-\x7f]|[\r\n]|\Z)")
_SPACE_BEFORE_HAN = lazy_regex.compile(rf"[{BLANKS}](?=\p{{Han}})")
_SPACE_RUN = lazy_regex.compile(rf"[{BLANKS}]+")
_NAMES = {" ": "空格", "\t": "制表符", "\xa0": "不换行空格", "\u3000": "全角空格"}


def _describe(run: str) -> str:
    kinds = "、".join(dict.fromkeys(_NAMES[ch] for ch in run))
    return kinds if len(run) == 1 else f"{len(run)} 个{kinds}"


class StraySpace(Rule):
    """## What it does
    检查中文正文里多余的空白：两个汉字（或汉字与中文标点）之间的空格、不换行空格、
    全角空格、制表符，以及行尾空白。

    ## Why is this bad?
    中文排版不在字与字之间留空，句中空格多是复制网页、PDF 或手工对齐留下的；
    它会打断检索（搜不到“法治政府”），在网页上显示为不该有的空隙。
    不检查：段首缩进、署名和日期前用于右对齐的空白、以全角空格分栏的表格行中最后一栏空着时行末留下的分栏空白
    （`1　农村公路桥梁检测服务　86.00　2027年3月　　`，连同这一空栏，这一行与表头或相邻行栏数相同；比较相邻行的栏数时，空着的最后一栏也算一栏）、没有句读的表格式行和名单
    （`主　任：张　三`；以空行分段的文本中，一段的某一行没有句读即按此行判断，如粘在句子下一行的
    报头 `江州日报　2026年11月18日　第2版`，以及句末之后一连几行没有句读的网页面包屑、标题、信息栏；
    以序号开头、没有句读的一行也是如此，如标题下的名单 `1.某某研究　承担单位：某某公司　项目负责人：张三`）、引号内两段式口号中的空格（`“好品山东 商行天下”`）、汉字与字母或数字之间的空格（中文公文不采用“中英文之间加空格”的写法，
    本规则也从不要求加空格），以及版式惯例要求的空格：法规条文序号后的全角空格
    （`第十二条　纳税人……`、`第一章　总则`，以及行首 `第一团队　服务望湖社区` 这类“第＋序数＋一至三字名词”的标签）、联合发文机关之间的空格（`中共中央办公厅 国务院办公厅`）、
    新闻署名和图片署名（`本报记者 张三 摄`、`本报讯（记者 李四　通讯员　柯　雪）`、只署单位的 `县融媒体中心 王五 摄`，
    以及图片说明句末与署名之间的空格，见 `rules/data/bylines.toml`）、
    电头及其后的空格（`本报北京12月4日电　记者　张三　`、`新华社北京12月4日电　`）、
    联系人一类的行中单位或职务与姓名之间、姓名与其后“电话：号码”之间的空格（`联系人：县政府办公室 刘建华，电话：0396-1234567`、`（主任　谭家富　电话：139…）`、
    `监督电话：村务监督委员会主任　赵秀兰`、以“员”结尾的岗位 `联系人：村便民服务代办员　张春兰`，须是以“联系人：”“监督电话：”等开头，或姓名后接电话、手机、
    邮箱及号码的分句，见 `rules/data/contacts.toml`）、单独一行的职务与姓名之间的空格（领导分工、
    署名：`副县长　王志刚`，下一行接着写分工的句子也是如此；名单中先写姓名、隔两个以上空白再写职务、以职务结尾的一行，职务间可有逗号，如 `欧阳帆（女）　　市律师协会副会长，律师事务所主任`；以分号、顿号分隔的一串“职务　姓名”，
    如 `村级河长：上洲村党支部书记　吴海波；河口村党支部书记　邓春花`）、
    责任名单中冒号、分号后的一项“责任身份　职务　姓名”各栏之间的空格（`县级河长　副县长　郑志远；巡查员　吴小兰`，
    身份见 `rules/data/duty_roles.txt` 或以职务结尾，职务可省，以姓名结束这一项）、姓名后接电话等及号码时姓名前的空格
    （职务不限：`防保专干　梁秀英，电话：…`，姓名以常见姓氏开头）、发言人标签中身份与引号中网名之间的空格（`网友　“山城小雨”：`）、
    紧接职务、补齐为三格的姓名中的空格（`副镇长龚　平`）、
    会议纪要等以“出席：”“列席：”等开头、只列姓名的一行中姓名之间的空格（`出席：韩卫国　许晓梅　龙　飞`，标签见 `rules/data/contacts.toml`，姓名须以 `rules/data/surnames.txt` 中的姓氏开头）、
    这类标签后先写职务再写姓名的一行（`记录人：村文书　田小燕`，职务不限），以及其他短标签后以身份或职务结尾、再列两个以上姓名的一行（`质量监督：社区居民代表　汪国强　田桂芝`）、
    标准名称各要素之间的空格（`《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（GB/T 37668—2019）`，
    书名号紧接标准编号，或紧接“等2项团体标准”“行业标准”一类称它为标准的说明，或书名号内有“第4部分：”一类的部分要素）、
    表格式文字中待填写的空白（`经办人：　　　　联系电话：`，行末的 `家长签名：　　　　` 也是）和日期中待填写的空白（`自　　年　月　日起施行`）、
    章节序号后拉开字距的短标题（`第一章　总　　则`、`第一部分　部门概况`、单独一行的 `目　　录`）、
    【】中的标签（访谈、发布会实录的发言人 `【主持人　沈佳怡】`）、听证会、座谈会记录中行首发言人标签里身份、职务与姓名之间的空格
    （`消费者代表　耿丽娟：`、`专家　澧阳学院副教授　霍思远：`，第一段以 `rules/data/contacts.toml` 中的身份或职务结尾，其后可再有单位和职务两段，姓名以姓氏开头，其后是冒号）、
    发布会、问答实录中身份或“问”“答”之后括号里职务与姓名之间的空格（`主持人（县政府新闻办主任　邰　岚）：`、`答（县水利局副局长　笪　骁）：`，
    在行首，括号中以职务结尾、再接两至四字或补齐为三格的姓名，括号后是冒号）、
    名单中相邻各行“姓名（括注）　身份或职务”里括注后的空格（`扎西顿珠（藏族）　县人民医院医生`、`阿依古丽·买买提（女，维吾尔族）　教师`，至少两行相邻、行中没有句读，单独一行仍报告）、没有句读的一行“字段：值”之间的空白
    （网页页脚 `主办单位：…　　承办单位：…`、`地址：…　　邮编：…`、`值班预报员：严冬梅　签发：常建华`、
    括注 `（联系人：陆晓蕾　联系电话：…）`），
    图片说明句末之后只署姓名或供图单位的署名（`…明火。　罗晓峰　摄`、`…技术。　（县林业局供图）`，须在行末），
    联系人行中补齐为三格的两字姓名（`市委党校培训处　钟　磊，电话：…`），以及以全角空格分栏、
    相邻行栏数相同（至少三栏）的表格行中分隔各栏的空白，即使某一栏里有逗号或分号
    （值班表 `1月1日　副县长　莫志勇　办公室副主任　黄春林；秘书股　覃丽　0771-4820110`）。
    修复：删去句中单个空白字符和行尾空白为安全修复，删去句中连续多个空白为不安全修复。

    ## Example
    ```text
    全面推进法治 政府建设，取得新成效 。
    ```

    Use instead:
    ```text
    全面推进法治政府建设，取得新成效。
    ```
    """

    code = "PUN017"
    name = "stray-space"
    # info, not warning: every batch of new layout-heavy text since round 5 drew only false
    # reports (1, 6, 12, 5; each layout fixed after), so 45 right of 70 all told, short of 9 in 10.
    severity = Severity.INFO
    fixable = True
    # Every finding is a run of blanks after a character that is not one (the check's first
    # test: the leading indent alone is none), so a blank right after another character: the
    # blanks alone woke the rule on 6,989 of the benchmark's 22,971 paragraphs, the pair on 627 …
    trigger_patterns = (Adjacent(BLANKS, BLANKS, first_other=True),)
    # … before a character outside ASCII or the end of its line (on pages of short lines).
    route = _STRAY_SPACE_ROUTE

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # Every pattern needs a space right after a character that is not a space (trailing
        # and inner runs by their lookbehinds, padded names and slogans after a Han
        # character): a paragraph whose only spaces are its leading indent has none. The
        # indent is skipped with lstrip; ``re`` then looks for a space in the rest.
        if _ANY_SPACE.search(text, len(text) - len(text.lstrip(BLANKS))) is None:
            return
        for m in anchored_finditer(_TRAILING, text, _SPACE_RUN, 0, 0):
            s, e = m.span()
            if _FORM_BLANK_AT_END.match(text, s, e):
                continue  # a form's last field, its blank left to be filled in (家长签名：　　　　)
            if _CELL_GAP.fullmatch(m.group()) and ctx.document.memo(_aligned_rows).ends_in_empty_cell(unit.start + s):
                continue  # the gap before a table row's empty last cell (备注 left blank)
            yield Violation(s, e, f"行尾有多余的{_describe(m.group())}", help="删去行尾空白",
                            fixes=(Fix.replace(s, e, "", "删去行尾空白"),))
        if not _PROSE.search(text):
            return  # a table row, a list of names or a signature line: spacing is layout
        padded = {m.start() + 1 for m in anchored_finditer(_PADDED, text, _SPACE_BEFORE_HAN, 1, 1)}
        padded.update(m.start() + 1 + text[m.start() + 1:m.end()].index(ch)
                      for m in _SLOGAN.finditer(text) for ch in text[m.start() + 1:m.end()] if ch in BLANKS)
        conventional = None  # computed for the first inner space that is not a padded name
        layout = None  # … and so are the unit's layout lines
        for m in anchored_finditer(_INNER_SPACE, text, _SPACE_RUN, 0, 0):
            s, e = m.span()
            if s in padded:
                continue
            if conventional is None:
                conventional = _Cover(_conventional_spaces(text))
            if conventional.holds(s, e):
                continue
            if layout is None:
                layout = _unpunctuated_lines(text)
            if layout and _within_line(layout, s, e):
                continue  # a masthead or dateline line glued under a sentence: layout
            if "\t" in m.group() and in_table(ctx.document, unit.start + s):
                continue  # the tabs of a tab-separated table row separate its cells
            if _CELL_GAP.fullmatch(m.group()) and ctx.document.memo(_aligned_rows).holds(unit.start + s):
                continue  # a row of a table laid out with full-width spaces, a cell holding a comma
            if ctx.document.memo(_noted_lists).holds(unit.start + s, unit.start + e):
                continue  # after the bracketed note of a name list's line; the list spans lines
            applicability = Applicability.SAFE if e - s == 1 else Applicability.UNSAFE
            yield Violation(s, e, f"中文之间有多余的{_describe(m.group())}", help="删去句中的空白",
                            fixes=(Fix.replace(s, e, "", "删去空白", applicability),))


def _conventional_spaces(text: str) -> list[tuple[int, int]]:
    """Spans whose spaces a layout convention puts there: after an article or chapter number
    in regulations (`第十二条　纳税人…`), between jointly issuing organs (`中共中央办公厅
    国务院办公厅`), inside bylines and photo credits (`本报记者 张三 摄`), between an office and
    a name in a contact line (`联系人：县政府办公室 刘建华，电话：…`) and between a title and a
    name on a line of their own (`副县长　王志刚`) or in each item of a list of such pairs
    (`村级河长：上洲村党支部书记　吴海波；河口村党支部书记　邓春花`), between the names of a
    labelled line of attendees (`出席：韩卫国　许晓梅　龙　飞`), inside the speaker's label that
    opens a speech in a record (`消费者代表　耿丽娟：`, `网友　“山城小雨”：`), between the columns of a
    duty list's item (`县级责任人　县水利局副局长　覃晓燕；巡查员　吴小兰`), before a contact's name
    whatever the post (`防保专干　梁秀英，电话：…`) and inside a padded name glued to its post
    (`副镇长龚　平`: linter/analysis/person_columns.py), a standard's title
    (`《信息技术 互联网内容无障碍…》（GB/T 37668—2019）`), the blanks to fill in after a form's
    label (`填报人：　　　　联系电话：`) and in a date (`年　月　日`), a heading spaced out to its
    width (`第一章　总　　则`), a label in 【】 (`【主持人　沈佳怡】`) and the gaps between the fields
    of a line of labelled fields (`主办单位：…　　承办单位：…`)."""
    spans = [m.span("space") for m in _ARTICLE_NUMBER.finditer(text)]
    spans += [m.span() for m in _joint_organs().finditer(text)]
    spans += byline_spans(text)
    spans += contact_spans(text)
    spans += roster_spans(text)
    spans += roster_list_spans(text)
    spans += attendance_spans(text)
    spans += speaker_spans(text)
    spans += person_column_spans(text)
    spans += [m.span() for m in _STANDARD_TITLE.finditer(text)] if "《" in text else []
    spans += [m.span() for m in _FORM_BLANK.finditer(text)]
    spans += [m.span() for m in matches_at(_SPACED_HEADING, text, LINE_START)]
    spans += [m.span(g) for m in _DATE_BLANKS.finditer(text) for g in ("year", "month", "day") if m.start(g) >= 0]
    spans += [m.span() for m in _BRACKET_LABEL.finditer(text)]
    spans += [g.span() for line in matches_at(_FIELD_LINE, text, LINE_START)
              for g in _FIELD_GAP.finditer(text, line.start(), line.end())]
    return spans


class _Cover:
    """Spans asked whether one of them holds ``start:end`` (what ``bylines.inside`` answers) by
    binary search: a line of many credits or contact clauses has as many spans as spaces, and
    looking through all of them for each space was quadratic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))  # furthest end so far

    def holds(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


def _unpunctuated_lines(text: str) -> list[tuple[int, int]]:
    """The lines of a paragraph written over several lines (a text that separates paragraphs
    by blank lines) that hold no sentence punctuation of their own and follow a line that ends
    a sentence, or such a line: a masthead, a dateline or a table row glued under a sentence,
    or a web page's breadcrumb, headline, info bar and toolbar one under another. Their spaces
    are layout, as in a one-line paragraph without any; the prose test is the line's, not the
    paragraph's. A line after one that ends mid-sentence (a wiki export breaks a sentence
    around every link, a hard-wrapped text anywhere) is part of that sentence, unless it opens
    with a list marker (a numbered item under its heading). Sorted spans."""
    if "\n" not in text and "\r" not in text:
        return []
    spans, after_sentence = [], False
    for m in _LINE.finditer(text):
        line = m.group()
        # A line that opens with a list marker (1. / 一、 / （一） / ①) starts an item of its own,
        # whatever the line above ended with: a wrapped sentence does not break before one.
        layout = (after_sentence or _OPENS_ITEM.match(line) is not None) and not _PROSE.search(line)
        if layout:
            spans.append(m.span())
        # A run of layout lines goes on until a line of prose: the sentence above has ended.
        after_sentence = layout or _SENTENCE_END.search(line) is not None
    return spans


# The gap between two cells of a table laid out with blanks: full-width spaces, a tab, or two
# ASCII spaces or more.
_CELL_GAP = pattern_cache.re_compile(r"[\u3000\t]+| {2,}")
_LINE_BREAK = pattern_cache.re_compile(r"\r\n|\r|\n")
MIN_ROW_CELLS = 3


class _AlignedRows:
    """Rows of a table laid out with blanks (序号　企业名称　资质类别　有效期): a line of at least
    three cells next to a line of as many. Its gaps separate cells even when a cell holds a
    comma or a semicolon (县政府办公室副主任　黄春林；秘书股　覃丽), which makes the line read as
    a sentence on its own. The document's lines are found once, when a space first asks, and
    each line's cells counted once: linear in the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = list(_LINE_BREAK.finditer(text))
        self.starts = [0] + [m.end() for m in breaks]
        self.ends = [m.start() for m in breaks] + [len(text)]
        self.counts: dict[int, int] = {}

    def _cells(self, k: int) -> int:
        if k not in self.counts:
            line = self.text[self.starts[k]:self.ends[k]].strip(BLANKS)
            # A two-character name padded to three cells (郑　斌) is one cell, not two: a roster's
            # row with one has as many cells as the rows around it (round 13's duty roster).
            line = _PADDED.sub(_unpadded, line)
            self.counts[k] = len(_CELL_GAP.split(line)) if line else 0
        return self.counts[k]

    def holds(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos) - 1
        # Every row this finds has a line next to it of MIN_ROW_CELLS cells or more (one of as
        # many cells, or the table it belongs to). Asked first when the line is longer than
        # those next to it: its own cells are then counted only where they may matter (a page
        # on one line has thousands, 0.17 s a 10 MB line; each neighbour's count is short).
        around = [j for j in (k - 1, k + 1) if 0 <= j < len(self.starts)]
        if (all(self._length(j) < self._length(k) for j in around)
                and not any(self._cells(j) >= MIN_ROW_CELLS for j in around)):
            return False
        cells = self._cells(k)
        if cells >= MIN_ROW_CELLS and self._matched(k):
            return True
        # A row with merged or empty cells (游泳馆　　不开放（设备检修）) is still a row of the
        # table above or below it: two cells or more, indented as that table's rows are.
        return cells >= 2 and any(0 <= j < len(self.starts) and self._cells(j) >= MIN_ROW_CELLS
                                  and self._matched(j) and self._indent(j) == self._indent(k)
                                  for j in (k - 1, k + 1))

    def ends_in_empty_cell(self, pos: int) -> bool:
        """Whether the blanks at ``pos``, at the end of their line, are the gap before the
        line's last cell left empty (1　…　2027年2月　　 under 序号　…　预计采购时间　备注, round
        17's procurement intentions): the line, counted with that empty cell, has as many cells
        as a line next to it, and so at least MIN_ROW_CELLS, its own cells being two or more. A
        sentence with a blank at its end has no such neighbour."""
        k = bisect.bisect_right(self.starts, pos) - 1
        width = self._width(k)
        return (self._cells(k) >= 2 and width >= MIN_ROW_CELLS
                and any(0 <= j < len(self.starts) and self._width(j) == width for j in (k - 1, k + 1)))

    def _width(self, k: int) -> int:
        """The cells of line ``k``, an empty last one counted when the line ends in a cell gap."""
        line = self.text[self.starts[k]:self.ends[k]]
        trailing = len(line) - len(line.rstrip(BLANKS))
        return self._cells(k) + (trailing > 0 and _CELL_GAP.fullmatch(line[len(line) - trailing:]) is not None)

    def _length(self, k: int) -> int:
        return self.ends[k] - self.starts[k]

    def _matched(self, k: int) -> bool:
        """Whether line ``k`` has as many cells as a line next to it, each counted with an empty
        last cell (_width: rows whose 备注 is empty beside rows where it is filled, round 18)."""
        width = self._width(k)
        return (k > 0 and self._width(k - 1) == width) or (k + 1 < len(self.starts) and self._width(k + 1) == width)

    def _indent(self, k: int) -> str:
        line = self.text[self.starts[k]:self.ends[k]]
        return line[:len(line) - len(line.lstrip(BLANKS))]


def _unpadded(m) -> str:
    return m.group()[0] + m.group()[-1]


def _aligned_rows(doc: Document) -> _AlignedRows:
    return _AlignedRows(doc.text)


def _noted_lists(doc: Document) -> _Cover:
    """The blanks after the bracketed notes of name lists' lines (bylines.noted_list_spans),
    read over the whole text: a text of one line a paragraph puts each line in a unit of its
    own, and the list is the lines next to each other."""
    return _Cover(noted_list_spans(doc.text))


def _within_line(lines: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` lies in one of the sorted, disjoint ``lines`` (binary search: a
    long paragraph of many lines and spaces stays linear)."""
    i = bisect.bisect_right(lines, (start, float("inf"))) - 1
    return i >= 0 and lines[i][0] <= start and end <= lines[i][1]


@cache
def _joint_organs() -> "regex.Pattern[str]":
    """The space between two organ names: after a name's ending (办公厅, 国务院, 部), before
    another run of Han characters that ends in one, followed by what follows an issuer
    (关于, 印发, 联合, 发布, 《, another space or the end of the line). A comma after the second
    name is prose (政治协商会 议第五届全国委员会，…): a stray space."""
    end = lexicon.pattern("organ_suffixes.txt")
    return pattern_cache.regex_compile(
        rf"(?<=(?:{end}))[ \u3000\xa0](?=\p{{Han}}{{0,16}}?(?:{end})(?:关于|印发|联合|发布|《|[ \u3000\xa0]|$))",
        regex.MULTILINE)


RULES = (OrdinalMarkerPunctuation, TitleTrailingPunctuation, StraySpace)
