"""The document's outline: title, report year, signature, headings, and the section of each unit.

Computed once per document (``outline(doc)``, cached under the function) and read by every
rule that needs to know where in the document a paragraph stands: the FMT rules read the
heading markers, DAT007/DAT008 the report year and whether a unit is in a plan section.

- ``structure(doc)``: paragraph-initial heading markers of the GB/T 9704 levels (一、 / （一） /
  1. / （1）) and, in a document with headings, the paragraphs that open a scope without one
  (第二部分, a list introduction, a decimal section number 4.2, an unnumbered heading line);
  ``heading_markers(doc)`` and ``scope_openers(doc)`` are its two halves, cached apart: only
  FMT001 reads the scopes, and only from the first heading that restarts or skips;
- ``title_year(doc)``: the year a report is titled for (2024年度…报告) and its title line;
- ``Outline.part(unit)``: "plan" under a top-level heading that announces plans (二、2025年工作
  安排: the words are ``data/plan_section_words.txt``), else "review";
- ``Outline.section(unit)``: the part, or "signature" from the 落款 on, or "attachment" after an
  附件 line that follows it;
- ``report_year(doc)`` / ``written_year(doc)``: the year a document speaks of and the year it
  was written, each by one documented rule (every rule that needs a year reads one of them);
- ``Outline.part_number(unit)``: which part of the report a unit is in, counting every line that
  opens a part (``part_opener_reason``: a plan heading, or a short heading line naming a plan
  word or a year, 二、2025年目标任务): figures are comparable only within one part (CON001).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis.dates import DateExpr, dates_in, four_digit_year, signature_date
from gongwen.analysis.numerals import canonical_words, chinese_value
from gongwen.analysis.routing import unit_starts, units_are_slices
from gongwen.analysis.text import BLANKS
from gongwen.analysis.tables import document_tables, has_tables, in_table
from gongwen.document import Document, TextUnit
from gongwen.analysis import lexicon
from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _trigger_scan
except ImportError:  # not built: every unit is asked for its marker
    _trigger_scan = None

CN_NUM = "一二三四五六七八九十"
_LEAD = r"[ \t\u3000\xa0]*"
# Paragraph-initial heading markers, GB/T 9704 levels: 一、 / （一） / 1. / （1）.
# ASCII brackets count as full-width ones (an NFKC-normalised text writes (一)); the
# content must be numerals only, so （社区） and （党组） are not markers. 一、二等奖 and
# 三、四季度 at a paragraph start are enumerations, not headings; 1、2月 is a number, and
# 2.5% is one; 8.6个重大科技专项 in a glossary is item 8 when item 7 came just before.
_MARKER_SOURCE = (
    rf"""{_LEAD}(?:
        (?P<l1>[{CN_NUM}]{{1,3}})、(?![{CN_NUM}]{{1,3}}(?:[、等季]|年级|月份))
      | [（(](?P<l2>[{CN_NUM}]{{1,3}})[）)]
      | (?<![0-9])(?P<l3>[0-9]{{1,2}})[.．、](?![0-9])
      | (?<![0-9])(?P<l3amb>[0-9]{{1,2}})[.．](?=[0-9]{{1,4}}(?![0-9.．%％‰]))
      | [（(](?P<l4>[0-9]{{1,2}})[）)]
      | (?P<l4c>[\u2474-\u2487])
    )"""
)
# Stdlib re, as the decimal section number below: neither needs `regex` syntax, every unit is
# tried once, and re's match costs a third of regex's on a line this short.
# tests/analysis/test_prefilters_dates.py compares both with regex's compile of the source.
_MARKER = pattern_cache.re_compile(_MARKER_SOURCE, re.VERBOSE)
# The characters a _MARKER match can have right after its leading blanks (_LEAD is the
# characters of BLANKS): a paragraph that starts with anything else has no marker.
_MARKER_FIRST = frozenset(CN_NUM + "（(0123456789" + "".join(chr(c) for c in range(0x2474, 0x2488)))
# A labelled first item (附件：1.…) is looked for only where a colon stands among a unit's first
# _LABEL_REACH characters: _marker_of's test, and the reach of _marker_units' screen.
_LABEL_REACH = 12
MAX_NESTING = 4  # lists nested with one marker kind; deeper is not a real document
RANK = {"l1": 1, "l2": 2, "l3": 3, "l4": 4}
LEVEL_NAMES = {"l1": "一级标题", "l2": "二级标题", "l3": "三级标题", "l4": "四级标题"}


class Heading(NamedTuple):
    unit: int  # index into document.units
    kind: str  # l1 .. l4
    value: int
    start: int  # offsets into document.text: the marker itself, without leading spaces
    end: int

    def label(self, value: int | None = None) -> str:
        return marker_text(self.kind, self.value if value is None else value)


_new_heading = tuple.__new__

# Heading and enumerator numbers are small: their canonical wording is the numeral layer's,
# which is what cn2an.an2cn writes for them (tests/analysis/test_prefilters_dates.py compares
# the two up to 20,000); cn2an's import compiles its converters (~0.1 s) only to word a message.
_OWN_WORDING_BELOW = 1_000_000


@cache
def numeral_text(value: int) -> str:
    if 0 < value < _OWN_WORDING_BELOW:
        return canonical_words(value)
    import cn2an  # lazy: cn2an builds its converters on import (~0.1 s)

    return cn2an.an2cn(value)


@cache  # a page of headings words the same few markers in tens of thousands of messages
def marker_text(kind: str, value: int) -> str:
    if kind == "l1":
        return f"{numeral_text(value)}、"
    if kind == "l2":
        return f"（{numeral_text(value)}）"
    if kind == "l3":
        return f"{value}."
    return f"（{value}）"


@cache
def heading_value(kind: str, raw: str) -> int | None:
    if kind in ("l1", "l2"):
        value = chinese_value(raw)  # the shared numeral layer
        return int(value) if value is not None and value.is_integer() else None
    if kind == "l4c":
        return ord(raw) - 0x2474 + 1
    return int(raw)


# Paragraphs that open a new scope for numbering although they carry no GB/T 9704 marker:
# 第二、 / 第一部分 / 第三章 parts, and a list introduced by a sentence ending in a colon.
_PART = lazy_regex.compile(rf"{_LEAD}第[{CN_NUM}]{{1,3}}(?:、|部分|章|节|篇)")
_ENUMERATED = lazy_regex.compile(rf"{_LEAD}第[{CN_NUM}]{{1,3}}[，,]")
# 吸取的经验有以下几点 / 具体如下: a list introduction whose colon was dropped.
_INTRO_END = lazy_regex.compile(r"(?:以下|如下)[^。，]{0,8}$")
# A _INTRO_END match is at most 10 characters and ends at the end or before a final newline, so
# it starts in the last 11 characters: searching from there skips the rest of a long paragraph.
_INTRO_END_REACH = 11
# Literal characters only: stdlib ``re`` matches the same and is faster on short lines.
SENTENCE_END = pattern_cache.re_compile(r"[。！？；;!?]")


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
    return "title" if len(body) <= 30 and not SENTENCE_END.search(body) else None


class Structure(NamedTuple):
    headings: tuple[Heading, ...]
    # unit index -> "part", "title" or "intro", for unmarked scope openers; empty in a document
    # without headings (there is nothing for a scope to restart)
    scopes: dict[int, str]


# A decimal section number (4.2, 4.2.1) opens a section, however long its paragraph: emergency
# plans and standards number sections so and restart （1） lists under each. Two levels need
# a blank after them (8.6个 is a number), three or more do not.
_DECIMAL_SECTION = pattern_cache.re_compile(
    rf"{_LEAD}[0-9]{{1,2}}(?:[.．][0-9]{{1,2}}(?=[{BLANKS}])|(?:[.．][0-9]{{1,2}}){{2,3}}(?![0-9.．%％]))")
# A list whose first item follows a label on the label's line (附件：1.某某报告 / 2.某某意见).
_LABELLED_FIRST_ITEM = lazy_regex.compile(rf"{_LEAD}\p{{Han}}{{1,6}}[：:]{_LEAD}(?P<l3>[0-9]{{1,2}})[.．、](?![0-9])")


def _scan(doc: Document) -> Structure:
    return Structure(heading_markers(doc), scope_openers(doc))


def heading_markers(doc: Document) -> tuple[Heading, ...]:
    """``structure(doc).headings`` without the scope openers (cached): what every reader of the
    outline but FMT001 needs, and FMT001 asks for the scopes only at a heading that neither
    follows its predecessor nor resumes an outer list (111 of the benchmark's 818 documents
    with headings). Finding the scopes is a test of every other unit (16,000 of them)."""
    return doc.memo(_headings)[0]


def scope_openers(doc: Document) -> dict[int, str]:
    """``structure(doc).scopes`` (cached)."""
    return doc.memo(_scopes)


def _scopes(doc: Document) -> dict[int, str]:
    headings, marked, silent = doc.memo(_headings)
    if not headings:
        # Scopes are read only relative to headings (FMT001): a page of short lines with none
        # (a, 中, - list items) is not asked, line by line, whether each looks like a title.
        return {}
    tables = has_tables(doc)
    decided = silent.union(map(_UNIT, headings))  # units whose marker says they open no scope
    scopes = {}
    for unit in doc.units:
        index = unit.index
        kind = marked.get(index)
        if kind is None:
            if index in decided or (tables and in_table(doc, unit.start)):
                continue
            kind = _scope_kind(unit.text)
            if kind is None:
                continue
        scopes[index] = kind
    return scopes


def _headings(doc: Document) -> tuple[tuple[Heading, ...], dict[int, str], set[int]]:
    """The heading markers; the scopes that a decimal section number or a labelled first item
    opens; and the indexes of the units whose marker is no heading (0.), which open no scope.
    tests/analysis/test_outline_scan.py compares both passes with the former single loop."""
    found, marked, silent = [], {}, set()
    last_l3 = 0
    first_of_list = None  # (place in found, heading) of an ambiguous 1.6… not yet confirmed
    # Whether the document has tables is asked at the first unit that may hold a marker, and
    # a unit is asked whether it lies in one only then: a page of table rows and one-word
    # lines has none, and finding its tables was most of its outline (0.25 s of 111,000 units
    # between 37,000 tables). Both tests are pure, so their order changes nothing.
    tables = None
    # A short unit's marker is read once per distinct text (a page of 1. a lines repeats one):
    # _marker_of reads the text alone, its offsets relative to the unit.
    seen: dict[str, tuple | None] = {}
    for unit in _marker_units(doc):
        text = unit.text
        if len(text) <= _SEEN_CHARS:
            got = seen.get(text, seen)
            if got is seen:
                got = _marker_of(text)
                if len(seen) < _SEEN_TEXTS:
                    seen[text] = got
        else:
            got = _marker_of(text)
        if got is None:
            continue
        if tables is None:
            tables = has_tables(doc)
        if tables and (in_table(doc, unit.start) or _row_label(doc, unit)):
            continue  # a cell's 一、本年新收… is a table row's label, not a heading
        kind = got[0]
        if kind == "part" or kind == "silent":
            if kind == "part":
                marked[unit.index] = "part"
            else:
                silent.add(unit.index)
            continue
        _, value, start, end = got
        if kind == "intro":
            marked[unit.index] = "intro"  # the label introduces its own list
            last_l3, first_of_list = value, None
            found.append(Heading(unit.index, "l3", value, unit.start + start, unit.start + end))
            continue
        if kind == "l3amb":
            # 8.6个重大科技专项 is item 8 only when item 7 came just before; else a decimal.
            # 1.6周岁 opening a new list is item 1 when 2. follows it before any parent heading.
            continues = value == last_l3 + 1 or (value == 2 and first_of_list is not None)
            if value == 1 and not continues:
                first_of_list = (len(found), Heading(unit.index, "l3", 1, unit.start + start, unit.start + end))
            if not continues:
                continue  # perhaps a scope opener: _scan asks, if there are headings
            kind = "l3"
        if kind == "l3" and value == 2 and first_of_list is not None:
            found.insert(*first_of_list)
        if kind in ("l1", "l2", "l3"):
            first_of_list = None
        if kind == "l3":
            last_l3 = value
        # tuple.__new__ directly: the named tuple's generated __new__ costs twice as much, per unit
        found.append(_new_heading(Heading, (unit.index, kind, value, unit.start + start, unit.start + end)))
    return tuple(found), marked, silent


_SEEN_CHARS, _SEEN_TEXTS = 64, 4096  # bounds of _headings' memo: short units, a few thousand


def _marker_units(doc: Document) -> tuple[TextUnit, ...] | list[TextUnit]:
    """The units _marker_of may answer for, in order: where the units are slices of the text
    (units_are_slices, as every reader makes them), those whose first character after blanks
    may start a marker (_MARKER_FIRST) or with a colon among their first _LABEL_REACH
    characters, found by one C loop over the units' starts (_trigger_scan.unit_heads; a
    quarter of the benchmark's units, and each of the rest was a call of _marker_of, which
    answers None for them by the same two tests). The loop reads the text from a unit's start
    and may read on past its end: a few units too many, never one too few. Every unit
    otherwise, or where the C scanner is not built. tests/analysis/test_heading_screen.py
    compares the headings with and without the screen on random pages."""
    if _trigger_scan is None or not units_are_slices(doc):
        return doc.units
    units = doc.units
    return [units[k] for k in _trigger_scan.unit_heads(doc.text, unit_starts(doc), _head_kinds(), _LABEL_REACH)]


@cache
def _head_kinds() -> bytes:
    """unit_heads' table: 1 a blank (BLANKS, _LEAD's characters), 2 a character a marker can
    start with, 3 a colon (of a labelled first item)."""
    kinds = bytearray(65536)
    for chars, kind in ((BLANKS, 1), (_MARKER_FIRST, 2), ("：:", 3)):
        for c in chars:
            kinds[ord(c)] = kind
    return bytes(kinds)


def _marker_of(text: str) -> tuple | None:
    """What a unit's text says of its marker, all _headings needs but the unit before it:
    ("part",) for a decimal section number; ("intro", value, start, end) for a labelled
    first item (附件：1.…); ("silent",) for a marker that is no heading (0.); (kind, value,
    start, end) for a marker, kind "l3amb" when it is a heading only after its predecessor
    (8.6个); None for none of these. Offsets are the marker's within the text, without the
    blanks before it."""
    opening = text[:1]  # the first character after the leading blanks (copied only if there are any)
    indented = opening in BLANKS
    if indented:
        opening = text.lstrip(BLANKS)[:1]
    head = text[:_LABEL_REACH]
    labelled = "：" in head or ":" in head
    if not labelled and opening not in _MARKER_FIRST:
        return None  # no marker, section number (a digit first) or labelled item starts here
    if opening in "0123456789" and _DECIMAL_SECTION.match(text):
        return ("part",)
    first = _LABELLED_FIRST_ITEM.match(text) if labelled else None
    if first:
        return ("intro", int(first.group("l3")), first.start("l3"), first.end())
    m = _MARKER.match(text) if opening in _MARKER_FIRST else None
    if m is None:
        return None
    kind = m.lastgroup
    raw = m.group(kind)
    # _LEAD's blanks before the marker (most headings have none, and skip the copies)
    lead = len(m.group()) - len(m.group().lstrip(BLANKS)) if indented else 0
    if kind == "l3amb":
        return ("l3amb", int(raw), lead, m.end())  # 0.5 never follows an item: items count from 0 up
    value = heading_value(kind, raw)
    if value is None or value == 0:
        return ("silent",)
    return ("l4" if kind == "l4c" else kind, value, lead, m.end())


_UNIT = itemgetter(0)  # Heading.unit, read in C


def _row_label(doc: Document, unit: TextUnit) -> bool:
    """A line right between two rows of one text table is a row whose label spans the table,
    a merged cell written out as one line: 三、本年度办理结果 above the rows of its items, 一、粮食
    above the rows of grain. The rows either side are as wide as each other, no blank line
    stands between, and the row below holds figures: a row of headers below (指标　数值　增长)
    opens a table of its own, and a line above it is a heading (二、工业 between two tables of
    figures), as is a line between tables of other widths."""
    i = unit.index
    if doc.tables or i == 0 or i + 1 >= len(doc.units):
        return False  # a reader's tables (HTML, DOCX) keep their merged cells as cells
    above, below = doc.units[i - 1], doc.units[i + 1]
    if not (_one_line_break(doc.text[above.end:unit.start]) and _one_line_break(doc.text[unit.end:below.start])
            and in_table(doc, above.end - 1) and in_table(doc, below.start)):
        return False
    last_row = above.text.splitlines()[-1] if above.text else ""
    first_row = below.text.splitlines()[0] if below.text else ""
    if not 0 < _separators(last_row) == _separators(first_row):
        return False
    table = _table_at(doc, below.start)
    return table is not None and table.header_rows == 0


def _table_at(doc: Document, offset: int):
    """The text table that holds ``offset`` (binary search over the tables, in order)."""
    tables = document_tables(doc)
    starts = doc.memo(_table_at, lambda: [t.start for t in tables])
    k = bisect.bisect_right(starts, offset) - 1
    return tables[k] if k >= 0 and offset < tables[k].end else None


def _separators(row: str) -> int:
    return row.count("\t") + row.count("|") + row.count("｜")


def _one_line_break(gap: str) -> bool:
    gap = gap.replace("\r\n", "\n")
    return gap.count("\n") + gap.count("\r") <= 1


def structure(doc: Document) -> Structure:
    """Paragraph-initial heading markers and unmarked scope openers, in order (cached)."""
    return doc.memo(_scan)


# A title that names the year a report covers. 工作报告 alone is not enough: a 政府工作报告 is
# named for the year of the meeting and reviews the year before.
_TITLE = lazy_regex.compile(r"(?:19|20)[0-9]{2}年度|总结|情况报告|情况的报告|年度报告|年报")
_TITLE_LINES = 4  # the title is among the first lines
_TITLE_WIDTH = 60  # a longer line is body text


def title_year(doc: Document) -> tuple[TextUnit, int] | None:
    """The year a report is titled for: 2024年度…报告 in one of its first lines."""
    for unit in doc.units[:_TITLE_LINES]:
        if len(unit.text.strip()) > _TITLE_WIDTH:
            break  # body text has begun
        if "政府工作报告" in unit.text or not _TITLE.search(unit.text):
            continue
        for date in dates_in(doc, unit):
            year = four_digit_year(date)
            if year is None or date.month is not None:
                continue
            before = unit.text[max(0, date.start - 1):date.start]
            if before and before in "—-~～至到":
                continue  # the end of a span of years (2021—2025年), not the year reported on
            return unit, year
    return None


# A year in the text, in Arabic, full-width or Chinese digits (2024年, ２０２４年, 二〇二四年).
ANY_YEAR = lazy_regex.compile(r"(?<![0-9０-９〇零一二三四五六七八九])([12１２一二][0-9０-９〇零一二三四五六七八九]{3})年")
_YEAR_DIGITS = str.maketrans("０１２３４５６７８９〇零一二三四五六七八九", "01234567890012345678" "9")


def year_value(match) -> int:
    """The year an ``ANY_YEAR`` match writes, in Arabic digits (二〇二四年 -> 2024)."""
    return int(match.group(1).translate(_YEAR_DIGITS))
DATE_WINDOW = 3000  # a report states its year early (title, date line, "2024年工作回顾"); 500 missed a third
_ARABIC_YEAR = lazy_regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年")
# A title of a report that reviews a year after it ended (2025年政府工作报告 reviews 2024).
_REVIEW_TITLE = lazy_regex.compile(r"工作报告|总结|年报|年度报告")


def written_year(doc: Document) -> int | None:
    """The year the document was written, to tell whether it predates a change of usage (the
    TRM rules, TYP011's dated pairs): the web page's own 成文日期, else its 发布日期, else the first
    year named near the start (the title, the date line or the year under review), else None."""
    return doc.memo(_written_year)


def _written_year(doc: Document) -> int | None:
    dated = doc.page and (doc.page.written or doc.page.published)
    if dated:
        return dated.year
    return first_year(doc.text, DATE_WINDOW)


_YEAR_LEAD = frozenset("12１２一二")  # what ANY_YEAR's year opens with
_YEAR_DIGIT = frozenset("0123456789０１２３４５６７８９〇零一二三四五六七八九")  # its other digits, and its lookbehind


def first_year(text: str, end: int) -> int | None:
    """The year of ``ANY_YEAR.search(text, 0, end)``, or None: every match is four characters
    and 年, so the leftmost is at the first 年 (before ``end``) whose four characters before it
    are a year not run on from a digit. Found by str.find from 年 to 年: ``regex`` tried the
    pattern's lookbehind at every character of the window (22 M instructions on the speed
    benchmark's first 400 files; tests/analysis/test_first_year.py compares the two)."""
    at = text.find("年", 4, end)
    while at != -1:
        start = at - 4
        if (text[start] in _YEAR_LEAD and text[start + 1] in _YEAR_DIGIT and text[start + 2] in _YEAR_DIGIT
                and text[start + 3] in _YEAR_DIGIT and (start == 0 or text[start - 1] not in _YEAR_DIGIT)):
            return int(text[start:at].translate(_YEAR_DIGITS))
        at = text.find("年", at + 1, end)
    return None


def report_year(doc: Document) -> tuple[int, str] | None:
    """The year a document speaks of (its 本年) and why: the year its title names
    ("title": 2024年度…报告); else, for a review report (工作报告, 总结, 年报) with a date of its
    own (the 落款, else the page's 成文日期 or 发布日期), the year before that date ("date-1":
    it was written after its year ended); else the most frequent year named in the text
    ("most-named"); None when the text names no year."""
    return doc.memo(_report_year)


def title_lines(doc: Document) -> list[str]:
    """The lines a title can be on: the first short lines, and the web page's title if any."""
    head = [u.text for u in doc.units[:_TITLE_LINES] if len(u.text.strip()) <= _TITLE_WIDTH]
    if doc.page and doc.page.title:
        head.append(doc.page.title)
    return head


def _report_year(doc: Document) -> tuple[int, str] | None:
    titled = title_year(doc)
    if titled:
        return titled[1], "title"
    if any(_REVIEW_TITLE.search(line) for line in title_lines(doc)):
        signature = signature_date(doc)
        dated = four_digit_year(signature[1]) if signature else None
        if dated is None and doc.page and (doc.page.written or doc.page.published):
            dated = (doc.page.written or doc.page.published).year
        if dated is not None:
            return dated - 1, "date-1"
    years = Counter(_ARABIC_YEAR.findall(doc.text))
    return (int(years.most_common(1)[0][0]), "most-named") if years else None


# The start of a first- or second-level section heading (一、 / （一）); ``top`` for the first.
SECTION_HEADING = lazy_regex.compile(
    r"[\s\u3000\xa0]*(?:(?P<top>[一二三四五六七八九十]{1,3}、)|[(（][一二三四五六七八九十]{1,3}[)）])")
_PLAN_WORDS_REACH = 60  # the plan words are looked for in a heading's first characters
# A line that starts the attachments after the 落款: 附件 / 附件2 / 附件：
_ATTACHMENT = lazy_regex.compile(r"[\s\u3000\xa0]*附件[\s\u3000\xa0]*[0-9０-９一二三四五六七八九十]{0,3}[\s\u3000\xa0：:]*$")


@cache
def _plan_heading() -> "regex.Pattern[str]":
    return pattern_cache.regex_compile(lexicon.pattern("plan_section_words.txt"))


def plan_heading_reason(text: str) -> str | None:
    """The plan word that makes a top-level heading open a plan section (二、2025年工作安排 ->
    "安排"), or None for a heading of a review section or a line that is no top heading."""
    heading = SECTION_HEADING.match(text)
    if heading is None or not heading.group("top"):
        return None
    m = _plan_heading().search(text, 0, _PLAN_WORDS_REACH)
    return m.group() if m else None


PART_HEADING_CHARS = 60  # a longer line is a paragraph, not a heading that opens a part
_TOP_FIRST = frozenset(CN_NUM)  # what a top-level heading starts with after its blanks


def part_opener_reason(text: str) -> str | None:
    """Why a line opens another part of the report, or None: the plan word of a line of at
    most PART_HEADING_CHARS characters (2025年工作安排 -> "安排"), or the year named by such a
    line that does not end as a sentence (一、2024年工作情况 -> "2024年"); a part names another
    period than the one before it."""
    line = text.strip()
    if len(line) > PART_HEADING_CHARS:
        return None
    m = _plan_heading().search(line)
    if m:
        return m.group()
    year = _ARABIC_YEAR.search(line)
    return year.group() if year and line[-1:] not in "。；;！？!?" else None


@dataclass(frozen=True)
class Outline:
    """Where each paragraph stands in the document; built by ``outline(doc)``."""

    title: TextUnit | None  # the title line naming the report's year (title_year)
    report_year: int | None  # report_year(doc)'s year: the title's when there is a title
    signature: tuple[TextUnit, DateExpr] | None  # the 落款 date and its unit
    headings: tuple[Heading, ...]
    scopes: dict[int, str]  # unit index -> "part", "title" or "intro" (Structure.scopes)
    parts: tuple[str, ...]  # per unit index: "plan" or "review"
    part_numbers: tuple[int, ...]  # per unit index: how many part openers precede it or it is
    signature_from: int | None  # index of the first unit of the 落款 (署名 or date line)
    attachments_from: int | None  # index of the first unit of the attachments

    def part(self, unit: TextUnit) -> str:
        """"plan" under a top-level heading that announces plans, else "review"."""
        return self.parts[unit.index]

    def part_number(self, unit: TextUnit) -> int:
        """Which part of the report the unit is in: a new part starts at each line that
        ``part_opener_reason`` accepts and where ``part`` turns from review to plan or back."""
        return self.part_numbers[unit.index]

    def section(self, unit: TextUnit) -> str:
        """"review", "plan", "signature" (the 落款 and what follows it) or "attachment"."""
        if self.attachments_from is not None and unit.index >= self.attachments_from:
            return "attachment"
        if self.signature_from is not None and unit.index >= self.signature_from:
            return "signature"
        return self.parts[unit.index]


def _parts(doc: Document) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The part ("plan" or "review") and part number of every unit. Only a top-level heading
    or a line short enough for part_opener_reason changes them. A unit that, its leading
    blanks stripped (str.lstrip: every blank SECTION_HEADING's ``\\s`` matches, and a few
    more), starts with no numeral and is still longer than that with no blank at its end
    (str.strip would leave that length) is neither: it carries the unit before's over without
    the regex match (most units of prose; tests/analysis/test_outline_parts.py compares this
    with reading every unit)."""
    parts, numbers, current, number = [], [], "review", 0
    for unit in doc.units:
        text = unit.text
        if len(text) > PART_HEADING_CHARS:
            body = text.lstrip() if text[0].isspace() else text
            if len(body) > PART_HEADING_CHARS and body[0] not in _TOP_FIRST and not text[-1].isspace():
                parts.append(current)
                numbers.append(number)
                continue
        heading = SECTION_HEADING.match(text)
        kind = current
        if heading and heading.group("top"):
            kind = "plan" if plan_heading_reason(text) else "review"
        if kind != current or part_opener_reason(text):
            number += 1
        current = kind
        parts.append(current)
        numbers.append(number)
    return tuple(parts), tuple(numbers)


_SIGNER_WIDTH = 30  # characters: a 署名 is an organ's name, not a sentence


def _signature_from(doc: Document, signature: tuple[TextUnit, DateExpr] | None) -> int | None:
    """The 落款 starts at the 署名 line right above the date line, when there is one."""
    if signature is None:
        return None
    at = signature[0].index
    if at == 0:
        return at
    signer = doc.units[at - 1].text.strip(BLANKS)
    if (0 < len(signer) <= _SIGNER_WIDTH and not SENTENCE_END.search(signer)
            and not SECTION_HEADING.match(signer) and "：" not in signer and ":" not in signer):
        return at - 1
    return at


def _attachments_from(doc: Document, signature: tuple[TextUnit, DateExpr] | None) -> int | None:
    if signature is None:
        return None
    return next((u.index for u in doc.units[signature[0].index + 1:] if _ATTACHMENT.match(u.text)), None)


def _build(doc: Document) -> Outline:
    titled = title_year(doc)
    year = report_year(doc)
    found = structure(doc)
    signature = signature_date(doc)
    parts, part_numbers = _parts(doc)
    return Outline(title=titled[0] if titled else None, report_year=year[0] if year else None,
                   signature=signature, headings=found.headings, scopes=found.scopes,
                   parts=parts, part_numbers=part_numbers, signature_from=_signature_from(doc, signature),
                   attachments_from=_attachments_from(doc, signature))


def outline(doc: Document) -> Outline:
    """The document's outline, computed once per document."""
    return doc.memo(_build)
