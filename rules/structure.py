"""Document structure: heading numbering, run-in and lost headings, enumerators, near-duplicate lines.

These rules read the document as a whole (``scope = "document"``): a heading is only wrong
relative to its siblings. They share one scan of the paragraph-initial markers, cached per
document, and report offsets relative to the whole text (the unit they are given).
"""
from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from functools import cache
from operator import itemgetter
from typing import Iterable

from gongwen.analysis import lazy_regex
from gongwen.analysis.text import BLANKS
from gongwen.diagnostic import Applicability, Fix, Label, Severity, Surplus, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.analysis.outline import (LEVEL_NAMES, MAX_NESTING, RANK, SENTENCE_END, Heading, heading_markers,
                                      scope_openers)
from gongwen.analysis import lexicon
from gongwen.analysis.dates import closing_date_units
from gongwen.analysis.han_runs import HAN_CLASS
from gongwen.analysis.evidence import domain_segmenter  # jieba is imported at its first use only
from gongwen.analysis import pattern_cache


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
    跨上级标题连续编号也不报告；标题后注明“（节选）”“（摘要）”等的节选文稿可以从任一标题开始
    （`rules/data/excerpt_marks.txt`）。只有段首的序号才算：句中的 `附件（一）`、
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
    # Info since round 13: on texts nobody had tuned on (the genre batches, each written and
    # committed before a rule ran) its first reports were wrong 6 times in 6 (a list reopened
    # at 1.6周岁, tables as text, field lines 一、…五、 inside one paragraph), each fixed by its
    # principle and the fix held on the next batch, but nothing on unseen text shows it right
    # 9 times in 10, let alone 99 in 100 (rules/data/precision.toml; round 11 said its next
    # false first report would lower it). `[severity] FMT001 = "error"` makes a gate of it.
    severity = Severity.INFO
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        marks = heading_markers(ctx.document)
        if not marks:
            return []  # (a page without headings: 75 of the speed benchmark's first 400)
        # Per marker kind, a stack of open sequences: old reports nest a list written with
        # the same marker inside an item (一、…（二）…一、二、三、…四、); when the outer list
        # resumes, the inner one closes. A parent heading in between resets the stack.
        # Each entry is [index into marks, restart held until we know whether the sequence
        # it opened was a nested list (the outer one resumes: silent) or not]. A held restart
        # is kept as the arguments of its violation, built only if it is reported: most are
        # dropped, and a page of headings holds tens of thousands. So is every finding: only
        # as many are built as the report keeps (gongwen.rule.room); the rest are counted.
        # What lies between a heading and its predecessor is answered in O(1) from one pass
        # each over the headings and the scopes (a page of headings restarts at almost every
        # heading; slicing the headings between and collecting the scopes of the units
        # between cost ~3 µs a heading). tests/test_headings_single_pass.py compares
        # this loop with the former one on random outlines.
        above = nearest_heading(marks, ahead=False, level=False)
        # Scope openers up to each heading's unit, by kind: those between the units of
        # headings j < i are the difference of their counts. Counted at the first heading that
        # asks (most documents have none: their headings follow each other or resume a list).
        parts = titles = openers = None
        stacks: dict[str, list[list]] = defaultdict(list)
        report: list[tuple[Heading, Heading, bool]] = []  # the arguments of _violation
        # The values by index, read without a named-tuple attribute per look (a page of
        # headings asks for five or six of them per heading).
        values = [h.value for h in marks]
        any_zero = 0 in values
        unit_starts: list[int] = []  # filled at the first skip (most documents have none)
        for i, h in enumerate(marks):
            stack = stacks[h.kind]
            if not stack:
                stack.append([i, None])
                # The first of its kind at 2: （一） or 一、 was lost (an excerpt may start
                # anywhere, but rarely just after its first item), unless the text says
                # before it that it is an excerpt (round 14: a report titled （节选）).
                if h.value == 2 and not _declared_excerpt(ctx.document, h.start):
                    report.append((h, h, True))
                continue
            value = values[i]
            top = stack[-1][0]
            if value == values[top] + 1:
                stack[-1][0] = i
                continue
            # The innermost enclosing list that this heading resumes, if any (a loop, not a
            # generator: most headings on a page of restarts resume none). A 1 resumes only a
            # list at 0, which only a labelled first item (附件：0.…) can be.
            outer = None
            if value > 1 or any_zero:
                for k in range(len(stack) - 2, -1, -1):
                    if value == values[stack[k][0]] + 1:
                        outer = k
                        break
            if outer is not None:
                del stack[outer + 1:]  # the nested lists closed: their restarts were fine
                stack[-1][0] = i
                continue
            # Scopes up to h's own unit: a label may introduce the list on its line (附件：1.…).
            # A numbered part or a marked parent heading proves a new scope; a short line that
            # only looks like a heading may open one (一、 may restart after it) but may as well
            # be the lost sibling, so a skip past it is told against the real predecessor.
            prev = marks[top]
            if parts is None:
                parts, titles, openers = _scopes_up_to(marks, scope_openers(ctx.document))
            proven = above[i] > top or parts[i] > parts[top]
            parent = proven or titles[i] > titles[top]
            if value == 1 and parent:
                report.extend(held for _, held in stack if held)
                stack[:] = [[i, None]]
                continue
            if value == 1:
                alone = i == top + 1 and openers[i] == openers[top]
                stack.append([i, (h, prev, proven) if alone else None])
                if len(stack) > MAX_NESTING:
                    stack.pop(0)  # undecidable this deep: stay silent rather than guess
                continue
            stack[-1][0] = i
            if value > values[top] + 1 and _skipped_lines_hold_them(ctx.document, unit_starts, prev, h):
                continue
            report.append((h, prev, proven))
        report.extend(held for stack in stacks.values() for _, held in stack if held)
        report.sort(key=lambda found: found[0].start)  # a violation starts where its heading does
        keep = room(ctx, self)
        return [self._violation(*found) if keep is None or i < keep else Surplus(found[0].start, found[0].end)
                for i, found in enumerate(report)]

    @staticmethod
    def _violation(h: Heading, prev: Heading, new_scope: bool = False) -> Violation:
        if h.value == 1:
            return Violation(h.start, h.end,
                             f"{LEVEL_NAMES[h.kind]}重新从“{h.label()}”编号，但前面没有新的上级标题",
                             help=f"改为“{h.label(prev.value + 1)}”，或补上漏掉的上级标题",
                             labels=(Label(prev.start, prev.end, "上一个同级序号"),))
        return out_of_sequence(h, None if new_scope else prev, f"{LEVEL_NAMES[h.kind]}序号",
                                "标题", "上一个同级序号")


def _declared_excerpt(doc: Document, before: int) -> bool:
    """Whether the document's text says before offset ``before`` that it is only part of a
    document (``政府信息公开工作年度报告（节选）``, data/excerpt_marks.txt): such a text may open
    at any heading. A mark stands before ``before`` exactly when its first place ends by then:
    the first places are found once per document, not in a copy of the text before each
    heading asked (tests/rules/test_declared_excerpt.py)."""
    return doc.memo(_declared_excerpt, lambda: _excerpt_mark_end(doc.text)) <= before


def _excerpt_mark_end(text: str) -> float:
    """Where the first excerpt mark written in ``text`` ends (inf: none). Every mark ends with
    its closing bracket, so the first place of any mark of one pair of brackets ends at the
    first closing bracket of that pair that the mark's opening stands right before: the text is
    searched for the two closing brackets (a few in a page), not for each of the twelve marks
    (12 searches of the whole text were 11 M instructions over the speed benchmark's first 400
    files; tests/rules/test_declared_excerpt.py compares with them)."""
    end = math.inf
    for close, openings in _excerpt_openings().items():
        at = text.find(close)
        while at != -1 and at < end:
            if text.endswith(openings, 0, at):
                end = at + 1
                break
            at = text.find(close, at + 1)
    return end


@cache
def _excerpt_openings() -> dict[str, tuple[str, ...]]:
    """Closing bracket -> the marks of data/excerpt_marks.txt without it (）-> （节选, （摘要 …)."""
    words = sorted(lexicon.words("excerpt_marks.txt"))
    return {close: tuple(f"{open_}{word}" for word in words) for open_, close in (("（", "）"), ("(", ")"))}


def nearest_heading(marks: tuple[Heading, ...], ahead: bool, level: bool) -> list[int]:
    """For each heading, the index of the nearest heading before it (after it when ``ahead``)
    of a higher level (一、 above （一）), or of its own level too when ``level``; -1 for none.
    One pass answers what FMT001 and FMT012 asked per heading by walking the headings:
    whether a parent stands between j < i (``nearest_heading(marks, False, False)[i] > j``),
    and the next sibling or parent of each heading."""
    size = len(RANK) + 2
    seen = [-1] * size  # by rank: the nearest heading so far that ranks above it
    out = [-1] * len(marks)
    shift = 0 if level else 1
    ranks = list(map(RANK.__getitem__, map(_KIND, marks)))
    steps = reversed(range(len(marks))) if ahead else range(len(marks))
    # A run of headings of one rank (a page of 1. lines is one run) leaves ``seen`` at its own
    # rank as it was, but for the heading just before in the run when ``level``: ``seen`` is
    # brought up to date once the run ends, not at each heading (the slice was ~0.1 µs each).
    run_rank, run_last = 0, -1
    for i in steps:
        rank = ranks[i]
        if rank == run_rank:
            out[i] = run_last if level else seen[rank]
            run_last = i
            continue
        if run_rank:
            seen[run_rank + shift:] = [run_last] * (size - run_rank - shift)  # the nearest for every deeper rank
        out[i] = seen[rank]
        run_rank, run_last = rank, i
    return out


_KIND = itemgetter(1)  # Heading.kind, read in C


def _scopes_up_to(marks: tuple[Heading, ...], scopes: dict[int, str]) -> tuple[list[int], list[int], list[int]]:
    """For each heading, how many numbered parts, unmarked title lines and scope openers of any
    kind stand at or before its unit (one merged pass: both are in document order)."""
    if not scopes:  # (a page whose every line is a heading: the counts are all 0, one list for the three)
        zeros = [0] * len(marks)
        return zeros, zeros, zeros
    units = sorted(scopes)
    parts, titles, openers = [], [], []
    k = n_part = n_title = 0
    for h in marks:
        while k < len(units) and units[k] <= h.unit:
            kind = scopes[units[k]]
            n_part += kind == "part"
            n_title += kind == "title"
            k += 1
        parts.append(n_part)
        titles.append(n_title)
        openers.append(k)
    return parts, titles, openers


# A skip this long is told without looking for the lost markers inside paragraphs.
_MOST_SKIPPED = 20


def _skipped_lines_hold_them(doc: Document, unit_starts: list[int], prev: Heading, h: Heading) -> bool:
    """Whether every marker between ``prev`` and ``h`` (二、 三、 after 一、, before 四、) opens a
    line inside a paragraph between them. A plain-text paragraph whose lines each open with a
    marker (一、合同编号：… / 二、合同名称：…) has only its first marker read as a heading, yet
    the others are written: nothing was lost. A line opening a unit of its own was read and
    left out on purpose (a table's row label), so only lines inside a unit count."""
    if h.value - prev.value - 1 > _MOST_SKIPPED:
        return False
    text, units = doc.text, doc.units
    if not unit_starts:
        unit_starts.extend(u.start for u in units)
    at = prev.end
    for value in range(prev.value + 1, h.value):
        found = _line_opening_marker(h.label(value)).search(text, at, h.start)
        if found is None:
            return False
        line = found.start("marker")
        unit = units[bisect.bisect_right(unit_starts, line) - 1]
        if not unit.start < line < unit.end:
            return False
        at = found.end()
    return True


def _line_opening_marker(label: str):
    """A line break, blanks, then ``label`` (（二） in either width of brackets)."""
    forms = {label, label.replace("（", "(").replace("）", ")")}
    return pattern_cache.re_compile(r"[\n\r][" + BLANKS + r"]*(?P<marker>" + "|".join(map(re.escape, sorted(forms))) + ")")


def out_of_sequence(cur, prev, what: str, item: str, back: str) -> Violation:
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
# Stdlib re with the explicit Han class (gongwen.analysis.han_runs, compared there with regex's
# \p{Han} on every code point): both patterns are matched after every long heading's marker,
# and `regex` tested \p{Han} at each character of the line at several times re's cost.
# tests/rules/test_heading_clauses.py compares them with the `regex` patterns they were.
_PHRASE = lazy_regex.stdlib(rf"(?P<a>[{HAN_CLASS}]{{2,12}})[,，](?P<b>[{HAN_CLASS}]+)(?P<end>[。；;：:！？,，、]|$)")


# Characters after the marker below which a heading cannot be run into its body: either
# finding needs a clause of at least 20 (a second clause of 20, or one clause of 20 or more).
# tests/test_headings_single_pass.py compares FMT004 with and without this bound.
_RUN_IN_SHORTEST = 20

# Every governing verb (落实, 推进 …) opens headings too; the heading list holds the others.
_HEADING_VERBS = lexicon.words("heading_verbs.txt") | lexicon.words("governing_verbs.txt")


def _phrase(doc: Document, h: Heading):
    unit = doc.units[h.unit]
    text, at = unit.text, h.end - unit.start
    # A match's comma follows 2 to 12 Han characters: a line with none there has no phrase, and
    # is not read by the pattern (`regex` tests \p{Han} at each character of a long line).
    if text.find("，", at + 2, at + 13) == -1 and text.find(",", at + 2, at + 13) == -1:
        return None
    return _PHRASE.match(text, at)


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
    标题都不报告；主语之后带“要”“应当”“须”等能愿动词的长分句是一整句话的条目
    （`四、学校和托幼机构要落实晨午检…，…时，要及时报告。`），也不报告（标题以动词开头）。
    以“关于”开头、以其所说事项的名词结尾的话题标题（会议纪要的 `二、关于…项目资金安排问题。会议同意…`，
    名词见 `data/topic_nouns.txt`）长也是一个完整标题，句号之后才是正文，不报告；
    接着写下去、以正文的动词结尾的（`关于…筹备工作会议同意…召开。`）仍报告。
    标题在哪里结束只有作者知道，因此不提供修复。

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
        marks = heading_markers(doc)
        shapes: dict[str, list[tuple[int, int]]] = {}
        for h in marks:
            if h.kind not in ("l1", "l2"):
                continue
            line = doc.units[h.unit]
            if len(line.text) - (h.end - line.start) < _RUN_IN_SHORTEST:
                continue  # too short to hold a clause that swallowed a body (most headings)
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
        # The siblings' short one-clause headings first: without two of them nothing is
        # reported, and the heading's own clause (a long line, read by `regex`) is not read.
        key = ("single", h.kind)
        if key not in cache:
            cache[key] = sorted(
                len(c.group("c")) for c in (_short_clause(doc, s) for s in marks if s.kind == h.kind)
                if c and c.group("end") == "。" and len(c.group("c")) <= _SHORT_CLAUSE)
        lengths = cache[key]
        if len(lengths) < 2:
            return
        unit = doc.units[h.unit]
        m = _CLAUSE.match(unit.text, h.end - unit.start)
        if not m or not unit.text[m.end():].strip(BLANKS):
            return  # a long heading on its own line is not run into a body
        typical = lengths[len(lengths) // 2]
        if len(m.group("c")) < max(20, 2 * typical + 4):
            return
        if _has_own_subject(m.group("c")):
            return  # 四、学校和托幼机构要落实…，…。: an item written as one sentence
        if m.group("end") == "。" and _topic_heading(m.group("c")):
            return  # 二、关于…项目资金安排问题。会议同意…: a whole topic heading, then its body
        base = unit.start
        yield Violation(h.start, base + m.end("c"), "标题与正文连在一起，标题后缺少句号或换行",
                        help=f"标题可能到“{m.group('c')[:typical]}”为止：在其后加句号，或把正文另起一段")


_CLAUSE = lazy_regex.stdlib(rf"(?P<c>[{HAN_CLASS}“”]{{4,}})(?P<end>[。；;：:！？,，、]|$)")  # (as _PHRASE)
_SHORT_CLAUSE = 16  # a sibling's clause this long at most, ending at a full stop, is a heading's typical one


def _short_clause(doc: Document, h: Heading):
    """``_CLAUSE``'s match after ``h``'s marker where it may be a short clause ending at 。, else
    None. Its clause is every Han character and quote from the marker on (a shorter one would
    be followed by one of them, which ``end`` does not take), so a clause of 4 to _SHORT_CLAUSE
    characters ending at 。 has the 。 at most _SHORT_CLAUSE characters after the marker: a line
    without one there is not read by the pattern."""
    unit = doc.units[h.unit]
    at = h.end - unit.start
    if unit.text.find("。", at + 4, at + _SHORT_CLAUSE + 1) == -1:
        return None
    return _CLAUSE.match(unit.text, at)


def _topic_heading(clause: str) -> bool:
    """Whether ``clause`` is a topic heading: 关于 and the noun that names the topic
    (data/topic_nouns.txt), which ends it; a body run into it ends in the body's verb instead."""
    return clause.startswith("关于") and any(clause.endswith(n) for n in lexicon.words("topic_nouns.txt"))


def _has_own_subject(clause: str) -> bool:
    """Whether a modal verb (要, 应当 …: data/modal_verbs.txt) follows a subject in ``clause``:
    a whole word of its segmentation other than the first (要充分认识… opens with its verb)."""
    modals = lexicon.words("modal_verbs.txt")
    ends = domain_segmenter().token_ends(clause)
    return any(clause[start:end] in modals for start, end in zip(ends, ends[1:]))


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
    没有跳号时只在本篇之内找：成文日期（单独一行、前面至多有署名的完整日期）之后的文字
    （同一网页上的下一篇通知、落款后附的另一份文件的标题）不是这一组标题的下文。
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
        marks = heading_markers(doc)
        if not marks:
            return  # (as above)
        # The next and the previous heading of the same level or above, for every heading in
        # one pass each (a page of headings asked each heading for both by walking).
        following = nearest_heading(marks, ahead=True, level=True)
        preceding = nearest_heading(marks, ahead=False, level=True)
        for i, last in enumerate(marks):
            j = following[i]
            # The next heading of the same kind before a parent heading, and the unit where
            # the search stopped (that heading's, the parent's or the document's end).
            nxt = marks[j] if j >= 0 and marks[j].kind == last.kind else None
            end = marks[j].unit if j >= 0 else len(doc.units)
            if nxt is not None and nxt.value <= last.value + 1:
                continue  # the next sibling is there (or FMT001 reports a repeat)
            gap = nxt is not None  # (二) … (四): something between is the lost (三)
            j = preceding[i]
            if not gap and (j < 0 or marks[j].kind != last.kind or marks[j].value != last.value - 1):
                continue  # fewer than two siblings counting up to it
            if not gap:  # the list ends with its document, at a 成文日期 (the next notice follows)
                # (asked after the sibling test: a list whose last heading has no predecessor
                # to count up from does not read them, and no other rule reads them)
                end = min(end, _closing_date_after(doc, last.unit, end))
            siblings = _previous_siblings(marks, i)
            yield from self._report(doc, siblings, last.unit, end, last.value + 1, gap, nxt)
        # A scope that starts at (二): the lost (一) is between the parent and it.
        for i, first in enumerate(marks):
            if first.value != 2:
                continue
            parent = next((marks[j] for j in range(i - 1, -1, -1)
                           if RANK[marks[j].kind] <= RANK[first.kind]), None)
            if parent is not None and parent.kind == first.kind:
                continue  # not the start of a scope
            # Before the first part, skip the title page: start after the first sentence.
            begin = parent.unit if parent is not None else next(
                (u.index for u in doc.units[:first.unit] if SENTENCE_END.search(u.text)), first.unit)
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
        marks, units = heading_markers(doc), _marked_units(doc)
        inside = marks[bisect.bisect_right(units, begin):bisect.bisect_left(units, end)]
        deeper = [h for h in inside if RANK[h.kind] > RANK[siblings[-1].kind]]
        marked = {h.unit for h in inside}
        for u in doc.units[begin + 1:end]:
            if not gap and "。" in u.text:
                continue  # (the test below, asked first: most lines between are prose)
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


def _closing_date_after(doc: Document, begin: int, end: int) -> int:
    """The first unit after ``begin`` and before ``end`` that closes a document with its
    成文日期, else ``end``."""
    closing = closing_date_units(doc)
    i = bisect.bisect_right(closing, begin)
    return closing[i] if i < len(closing) and closing[i] < end else end


def _marked_units(doc: Document) -> list[int]:
    """Unit indexes of the headings, ascending (cached)."""
    return doc.memo(_marked_units, lambda: [h.unit for h in heading_markers(doc)])


# Literal classes only: stdlib re matches the same, at a fraction of `regex`'s cost a character
# (FMT012 reads the first sentence of every paragraph between two headings).
_FIRST_SENTENCE = lazy_regex.stdlib(r"([^。！？；;：:]+)[。！？；;]")


def _is_title_line(text: str) -> bool:
    # A paragraph of blanks only (a Markdown or HTML paragraph of no-break spaces) is no title.
    body = text.strip(BLANKS)
    return 0 < len(body) <= 40 and "。" not in body.rstrip("。")


# Inside a heading: no sentence ends, no colon (附：…, 具体如下：), no semicolon.
_NOT_IN_HEADING = pattern_cache.re_compile(r"[。！？；;!?：:]")
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
            and body[-1] not in "，,、" and _HAN.search(body) is not None)


# Compiled once: regex's module-level search looks its cache up through enum flags, 8 µs a
# call against 0.4 for the compiled pattern's (FMT012 asks it of every line that reads as one).
_HAN = lazy_regex.stdlib(f"[{HAN_CLASS}]")  # (as _PHRASE)


def _previous_siblings(marks: tuple[Heading, ...], at: int) -> list[Heading]:
    """The same-kind headings that count up to ``marks[at]`` under the same parent."""
    run = [marks[at]]
    for j in range(at - 1, -1, -1):
        h = marks[j]
        if RANK[h.kind] < RANK[run[0].kind]:
            break
        if h.kind == run[0].kind:
            if h.value != run[0].value - 1:
                break
            run.insert(0, h)
    return run


RULES = (HeadingSequence, HeadingRunIn, MissingHeadingMarker)
