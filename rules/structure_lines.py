"""Near-duplicate short lines: a title or heading repeated with a few characters lost (an
attachment's title in the list of attachments and as its own heading)."""
from __future__ import annotations

import bisect
import difflib
from collections import defaultdict
from functools import cache
from typing import Iterable, NamedTuple


from gongwen.analysis import lazy_regex
from gongwen.analysis.han_runs import HAN_CLASS
from gongwen.analysis.text import BLANKS
from gongwen.diagnostic import Applicability, Fix, Label, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.bylines import byline_spans
from gongwen.analysis import lexicon


def _lost_pieces(longer: str, shorter: str) -> list[str] | None:
    """The runs of ``longer`` missing from ``shorter`` if ``shorter`` is ``longer`` with
    characters deleted and nothing changed or added; otherwise None. difflib is linear
    enough on title-length strings and is in the standard library."""
    if not is_subsequence(shorter, longer):
        # Opcodes of only "equal" and "delete" spell ``shorter`` out of ``longer`` in order, so
        # difflib would say None: of 340 pairs over the benchmark's 1,000 files, 316 (5.6 ms).
        return None
    matcher = difflib.SequenceMatcher(None, longer, shorter, autojunk=False)
    pieces = []
    for tag, a1, a2, _, _ in matcher.get_opcodes():
        if tag == "delete":
            pieces.append(longer[a1:a2])
        elif tag != "equal":
            return None
    return pieces


def is_subsequence(shorter: str, longer: str) -> bool:
    """Whether ``shorter``'s characters appear in ``longer`` in order (``in`` on one iterator
    resumes where the last character was found)."""
    rest = iter(longer)
    return all(ch in rest for ch in shorter)


# A label and a number before a title (附件：, 附件2：, 附件：1., 2., 2.1　, a caption's 表1　): titles are compared
# without them, so an attachment's title in the list of attachments and its heading are one;
# two numbered titles with different numbers are different items (2.1 X, 2.1.1 X职责).
_LABEL = lazy_regex.stdlib(rf"(?:[{HAN_CLASS}]{{1,6}}[0-9一二三四五六七八九十]{{0,3}}[：:][ \u3000]*|[表图][0-9]{{1,2}}(?:[-.．][0-9]{{1,2}})?[ \u3000]+)?"
                       r"(?:(?P<number>[0-9]{1,2}(?:[.．][0-9]{1,2})*)(?:[.．、]|(?=[ \u3000]))[ \u3000]*)?")
# A line that is only a label (附件2, or 附件 of a single attachment): the title follows on
# the next line, and the label is not its first half.
_LABEL_ONLY = rf"(?:[{HAN_CLASS}]{{1,6}}[0-9一二三四五六七八九十]{{1,3}}|附[件表图])[：:]?"
_LABEL_LINE = lazy_regex.stdlib(_LABEL_ONLY)
# The same label on a line of its own at the head of a paragraph written over several lines
# (附件 / 2026年…名单): the title is what follows it.
_LABEL_HEAD = lazy_regex.compile(_LABEL_ONLY + r"[ \u3000]*(?:\r\n|\r|\n)\s*")
_TWO_HAN = lazy_regex.stdlib(f"[{HAN_CLASS}]{{2}}")
# The patterns above that need no `regex` syntax are stdlib re, Han as han_runs' explicit class
# (compared there with regex's \p{Han} on every code point): FMT009 matches them on every short
# line, and `regex` tested \p{Han} at each character. _LABEL_HEAD keeps `regex` for its \s.
# tests/rules/test_heading_clauses.py compares each with the `regex` pattern it was.


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
    number = ""
    if "\n" in body or "\r" in body:
        head = _LABEL_HEAD.match(body)
        if head and head.end() < len(body):
            start += head.end()
            body = body[head.end():]
    if _may_have_label(body):
        label = _LABEL.match(body)
        number = (label.group("number") or "").replace("．", ".")
        if 0 < label.end() < len(body):
            start += label.end()
            body = body[label.end():]
    end = start + len(body)
    units = doc.units
    nxt = units[unit.index + 1] if unit.index + 1 < len(units) else None
    more = nxt.text.strip(BLANKS) if nxt else ""
    if (more and len(more) <= 30 and "。" not in more and _ends_in_document_type(more)
            and not _ends_in_document_type(body) and _TWO_HAN.search(body) and not _LABEL_LINE.fullmatch(body)):
        return _TitleLine(unit, body + more, start, nxt.start + nxt.text.index(more[0]) + len(more), number)
    return _TitleLine(unit, body, start, end, number)


# A _LABEL match that is not empty opens with a number (an ASCII digit) or ends its label with
# a colon after at most 6 Han characters and 3 numerals: other lines (most) skip the pattern.
_LABEL_COLON_REACH = 10
_NUMBER_LABEL_END = ".．、 \u3000"  # what may follow the first one or two digits of a label


def _may_have_label(body: str) -> bool:
    head = body[:_LABEL_COLON_REACH]
    if "：" in head or ":" in head:
        return True
    if body[:1] in "表图" and body[1:2] in "0123456789":
        return True  # 表1　… : a table's or a figure's number before its caption
    # A number label is one or two digits and then . ． 、 or a blank (2.1, 12、, 3　): a line
    # opening with a year or an amount (2024年1月1日, 300万元) has none.
    return body[:1] in "0123456789" and (
        body[1:2] in _NUMBER_LABEL_END or body[1:2] in "0123456789" and body[2:3] in _NUMBER_LABEL_END)


@cache
def _document_types() -> tuple[str, ...]:
    return tuple(lexicon.words("document_types.txt"))


def _ends_in_document_type(text: str) -> bool:
    """Whether ``text`` ends in a document type (before a final newline, as ``$`` allows): an
    end test, where a search for the types anchored at the end tried every position of the line."""
    types = _document_types()
    return text.endswith(types) or (text.endswith("\n") and text[:-1].endswith(types))


def _other_section(longer: _TitleLine, shorter: _TitleLine) -> bool:
    """Whether the two titles carry different list or section numbers (4.X, 5.X微创; 2.1 X,
    2.1.1 X职责): two items of a list, or a section and its subsection."""
    return bool(longer.number and shorter.number and longer.number != shorter.number)


def _issuer_named(longer: str, pieces: list[str]) -> bool:
    """Whether the longer title only adds its issuer before 关于 (国土资源部关于X的报告 and
    the heading 关于X的报告): a title cited with the organ that issued it."""
    return len(pieces) == 1 and longer.startswith(pieces[0] + "关于")


def _signed_by_titled_organ(longer: str, shorter: str, pieces: list[str]) -> bool:
    """Whether the longer line only adds a document type to an organ's name (江北县人民法院公告
    over the 署名 江北县人民法院): a document titled after its issuer, and the issuer signing it.
    The type may carry what follows it in such a title, such as the way it is served
    (…市场监督管理局公告送达 over …市场监督管理局): the added part opens with the type."""
    return (len(pieces) == 1 and longer == shorter + pieces[0] and pieces[0].startswith(_document_types())
            and shorter.endswith(_organ_suffixes()))


@cache
def _organ_suffixes() -> tuple[str, ...]:
    return tuple(lexicon.words("organ_suffixes.txt"))


_JOINABLE_TEXTS = 4096  # bound of FMT009's memo of short lines (a few distinct texts on a page of them)


def _may_join_next(text: str) -> bool:
    """Whether a line too short to compare can still give a title long enough, by being joined
    with the next line (``_title_line`` joins only a body with two Han characters side by side,
    and a body is a piece of its line): a page of short lines then skips building each one."""
    return not text.isascii() and _TWO_HAN.search(text) is not None  # (Han is not ASCII: 1. a)


def _is_byline(line: str) -> bool:
    # A byline's role and name are set apart by a blank (gongwen.analysis.bylines): a line
    # without one needs no search.
    if " " not in line and "\u3000" not in line and "\xa0" not in line:
        return False
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
    `关于X的报告`）、以发文机关加文种为题的标题与落款的机关署名（`某县人民法院公告` 与
    `某县人民法院`）、只差空白的两行（联合发文机关之间空一格或两格）；比较标题时不计 `附件：`、`1.`、
    表题前的 `表1　` 这类标签和序号，分两行排的标题合为一行比较。
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

    ## Options
    - `max-length`（默认 `60`）：只比较不超过这么多字的行。
    - `min-length`（默认 `8`）：短于这么多字的行不比较（太短的行重复是常态）。
    - `max-lost`（默认 `6`）：较短一行最多比较长一行少这么多字，才看作丢了字。
    """

    code = "FMT009"
    name = "near-duplicate-line"
    # info, not warning (round 11): every report on text nobody tuned on has been false (round 8
    # 1, round 10 2, round 11 1; each layout fixed after), 0 right of 4, short of 9 in 10.
    severity = Severity.INFO
    scope = "document"
    fixable = True
    options = {"max-length": 60, "min-length": 8, "max-lost": 6}

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        lines = []
        shortest = self.opts["min-length"]
        # Whether a line too short to compare may still make a title, per distinct text: a page
        # of short lines repeats a few (250,000 lines of 中 asked _may_join_next's search each).
        joinable: dict[str, bool] = {}
        for u in doc.units:
            text = u.text
            # A title's label holds no full stop, so its body would (a shortcut); a short line's
            # body, a piece of the line, is shorter still unless the next line joins it.
            if len(text) < shortest:
                join = joinable.get(text)
                if join is None:
                    join = "。" not in text and _may_join_next(text)
                    if len(joinable) < _JOINABLE_TEXTS:
                        joinable[text] = join
                if not join:
                    continue
            elif "。" in text:
                continue
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
            if len(members) < 2 or len(members) > 200:
                continue  # a line alone has none to compare with; a bucket this large is a list of like items
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
        if longer.start < shorter.end and shorter.start < longer.end:
            return  # one stretch of the page: a title joined over two lines holds its own second line
        pieces = _lost_pieces(lb, sb)
        if (not pieces or _other_section(longer, shorter) or _issuer_named(lb, pieces)
                or _signed_by_titled_organ(lb, sb, pieces)):
            return
        if not "".join(pieces).strip(BLANKS):
            return  # only spacing differs (two organs set apart by one blank or two): layout
        reported.add(shorter.unit.index)
        missing = "”“".join(pieces)
        # A title laid out over two lines is not rewritten as one: no suggestion then.
        fixes = () if shorter.joined else (Fix.replace(shorter.start, shorter.end, lb, f"改为“{lb}”",
                                                       Applicability.DISPLAY_ONLY),)
        yield Violation(shorter.start, shorter.end, f"这一行与另一行几乎相同，但缺少“{missing}”",
                        help="核对两处是否应一致，或删去重复的一行",
                        labels=(Label(longer.start, longer.end, "完整的一行"),), fixes=fixes)


RULES = (NearDuplicateLine,)
