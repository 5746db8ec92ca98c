"""Compact dates, and the slots of a sentence or a page where only a date can stand.

A compact date is a date whose 年, 月 and 日 are missing in whole or in part: ``2025127``,
``202431``, ``2024年127日``, ``2024.1月7日``, ``2024-1.7``. Whether a run of digits is one is
decided by where it stands, not by how many digits it has:

- some forms say it themselves: 7 or 8 digits from 19xx or 20xx with no unit, no label and no
  code around them; 6 to 8 digits closed by ``日`` (``202431日``); a date run together with its hour (``2026061910时``); ``年`` followed by
  3–4 digits and ``日``; a separator form finished with ``月``/``日`` or with two different
  separators;
- the rest (6 digits, ``2024年0107`` with no 日, ``2024-1.7``) are dates only in a *slot*, a
  position that the grammar of the sentence or the layout of the page keeps for a date: after
  ``——`` at the head of a speech line, between ``自`` and ``起施行``, between ``于`` and a verb of
  holding or opening, after ``截至``, between ``于/须/请…`` and ``前``, opening a sentence before
  its comma (``202431，区政府召开…``), in a bracket alone on its
  line (under a title) or ending a title line, on a 署名/成文日期 line, and in a newspaper's
  page header before ``第3版``.

Identifiers are never dates: a run inside a longer run of digits, letters or separators, after
a label that names an identifier (电话, 编号, 邮编), after a bracketed area code, or followed by a
unit is a code, a number or an amount wherever it stands.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis.dates import ends_signature_line, is_valid, line_before
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.text import BLANKS, matches_at
from gongwen.analysis import pattern_cache

# After a date-like digit run, 起 means "from" (20250127起施行), not a count of cases.
_AMOUNT_UNIT = unit_words.char_class("after-number").replace("起", "")

# What goes on a number or a code. A run ends where none follows, or at 日 (a clock time may
# follow a date: 2003年1218日20时40分).
_GOES_ON = r"[0-9０-９A-Za-z%％‰.．\-/_]"
_CANDIDATE = lazy_regex.compile(
    rf"""
    (?<![0-9０-９A-Za-z.．/:_#〔\[])(?<!(?<![-－])-)  # a code's part; ---- heads a speech line
    (?:
        (?P<clock>(?:19|20)[0-9]{{5,8}})时
      | (?P<run>(?:19|20)[0-9]{{4,6}})(?:(?P<rd>日)|(?!{_GOES_ON}))
      | (?P<ny>(?:19|20)[0-9]{{2}})年(?:(?P<md>[0-9]{{3,4}})|(?P<md2>[0-9]{{2}})(?=[日号]))
        (?:(?P<nd>[日号])|(?!{_GOES_ON}))
      | (?P<sy>(?:19|20)[0-9]{{2}})(?P<s1>[./\-])(?P<sm>[0-9]{{1,2}})
        (?: 月(?P<yd>[0-9]{{1,2}})[日号]
          | (?P<s2>[./\-])(?P<sd>[0-9]{{1,2}})(?:(?P<sr>[日号])|(?!{_GOES_ON})) )
    )
    """,
    regex.VERBOSE,
)
# Where a candidate can start (stdlib re, one character wide): every form opens with 19xx or 20xx
# followed by a digit (clock, run), 年 and two digits (ny) or a separator and a digit (sy). _CANDIDATE,
# which opens with lookbehinds, is tried only there instead of at every character of the unit.
# tests/analysis/test_prefilters_dates.py compares the result with _CANDIDATE.finditer.
# A positive pattern, so it also picks the units DAT001 reads by one scan of the whole text
# (gongwen.analysis.routing). The 1 or 2 is consumed and the rest looked ahead at: a pattern that
# is all lookahead gives ``re`` no first character to skip to, and was tried at every character
# (0.019 -> 0.008 s over the benchmark's 1,000 files; the same starts, compared with that form in
# tests/analysis/test_prefilters_dates.py).
_YEAR_TAIL = r"[0-9]{2}(?:[0-9]|年[0-9]{2}|[./\-][0-9])"  # after the 19 or 20
COMPACT_DATE_START = _CANDIDATE_START = pattern_cache.re_compile(rf"1(?=9{_YEAR_TAIL})|2(?=0{_YEAR_TAIL})")
# The tests of what stands right before a run (``…$`` on a window of 12 characters, once or more
# per candidate) and right after it (``match`` at its end) are stdlib ``re`` patterns: on strings
# this short a call costs a third of `regex`'s (1 MB of 于202431在 is 87,000 slot tests), and
# none of them needs `regex` syntax (tests/analysis/test_prefilters_dates.py checks that they
# answer as `regex` does). Each is compiled on first use (lazy_regex.stdlib: a text with no
# candidate, the usual small file, does not pay their CJK classes, ~6 ms); the hot loops call
# the compiled patterns' methods, fetched once per text (find_compact_dates, _before_tests).
_IDENTIFIER_LABEL = lazy_regex.stdlib(rf"(?:{lexicon.pattern('identifier_labels.txt')})[:：{BLANKS}]*$")
# A clause about identifiers numbers them (准考证号自200001起顺序编排): a label of two or more
# characters anywhere in the clause before the run makes it one.
_IDENTIFIER_CLAUSE = lazy_regex.stdlib(
    rf"(?:{lexicon.alternation(w for w in lexicon.words('identifier_labels.txt') if len(w) > 1)})[^，,。；;：:\r\n]*$")
# A number among numbers is a figure: a table row's cells (地区生产总值  2013125  1987654) or a
# list (2013125、2014126), another number stands next to it across blanks or a list mark. A day
# after it (20031218、19日) makes it a list of dates instead.
_NUMBER_AFTER = lazy_regex.stdlib(rf"(?:[{BLANKS}]+|[{BLANKS}]*[，,、;；|][{BLANKS}]*)[0-9０-９]++(?![日号月])")
_NUMBER_BEFORE = lazy_regex.stdlib(rf"[0-9０-９%％][{BLANKS}]*(?:[，,、;；|]|[{BLANKS}])[{BLANKS}]*$")
_AREA_CODE = lazy_regex.stdlib(rf"[(（]0[0-9]{{2,3}}[)）][{BLANKS}]*$")
# A figure is stated, not dated: 为/达/合计 before it, or a bracketed unit (万元) after a label.
_FIGURE_BEFORE = lazy_regex.stdlib(rf"(?:为|达|达到|共|共计|合计|总计|累计|约|增至|减至|[(（][^()（）0-9]{{1,6}}[)）])[:：{BLANKS}]*$")

_B = f"[{BLANKS}]*"
_AS_OF = lazy_regex.stdlib(rf"(?:截至|截止)(?:到|于)?{_B}$")
_FROM = lazy_regex.stdlib(rf"(?:自|从|于){_B}$")
_FROM_END = lazy_regex.stdlib(rf"{_B}(?:起|开始|施行|实施|执行|生效)")
_AT = lazy_regex.stdlib(rf"(?:于|在){_B}$")
# A time postposition (前, 后, 以来) after the digits, with 于/须/请… before them or the digits
# opening a clause: 请于202431前报送, ，200488后停止监测. A count would carry its unit.
_CLAUSE_OPEN = r"(?:^|[，,。；;：:\r\n])"
_BY = lazy_regex.stdlib(rf"(?:(?:于|在|须|需|应|请|要|务必|最迟|不晚于|截至|截止|到|至)|{_CLAUSE_OPEN}){_B}$")
_OPENS_CLAUSE = lazy_regex.stdlib(rf"{_CLAUSE_OPEN}{_B}$")
_BY_END = lazy_regex.stdlib(rf"{_B}(?:以前|之前|前|以后|之后|后|以来)")
_LABEL = lazy_regex.stdlib(rf"(?:日期|时间){_B}[:：]{_B}$")
# A sentence that opens with the digits and a comma before its words opens with a time, as
# 2024年3月1日，区政府召开… does; a list of codes goes on with another number.
_SENTENCE_OPEN = lazy_regex.stdlib(rf"(?:^|[。！？；!?;\r\n]){_B}$")
_TIME_COMMA = lazy_regex.compile(r"[，,]\p{Han}")
_DASHES = lazy_regex.stdlib(rf"{_B}(?:—{{1,2}}|─{{1,2}}|－{{1,4}}|-{{2,4}}){_B}")
# The other end of a range is a date, so this end is one too: 201911至2020年12月31日.
_RANGE_TO_DATE = lazy_regex.stdlib(
    rf"{_B}(?:至|到|—|~|～|－|-){{1,2}}{_B}(?:(?:19|20)[0-9]{{2}}(?:年|[0-9]{{2,4}})|[0-9]{{1,2}}月)")
# A newspaper's page header dates the page before its edition number: 江州日报　202663　第3版.
_EDITION_AFTER = lazy_regex.stdlib(rf"[{BLANKS}]+第[0-9０-９一二三四五六七八九十]{{1,3}}版")
# Past the blanks the header holds at most 第, three numerals and 版. The bound matters: for a
# repeated set followed by a literal, `regex` looks for the literal in all the rest of the text
# even on an anchored match, so 1 MB of 于202431在 (a slot test at each run) went quadratic.
_EDITION_TAIL = 5
_BLANK_RUN = lazy_regex.stdlib(_B)
# What ends a sentence or a clause: a line holding one is prose, not a title.
_PROSE_MARK = lazy_regex.stdlib(r"[，,。；;！？!?]")
_CLAUSE_STOP = "，,。；;：:、！？!?\r\n \t\u3000\xa0"
_LONE_NUMBER = lazy_regex.stdlib(rf"{_B}[0-9０-９][0-9０-９.,，%％]*{_B}\r?")
_LINE_END = lazy_regex.stdlib(rf"{_B}(?:$|[\r\n])")
_PREFIX_WINDOW = 60


class _WordsAhead:
    """Finds the first of a set of words in a short stretch of text. The words are kept by first
    character, so each candidate costs one dict lookup: an alternation of the ~60 event verbs
    tried at each of 40 positions was most of DAT001's time on text dense with 于 + digits.
    Candidates are found by a character class of the first characters and the stop characters
    (stdlib ``re``, at C speed): a Python step per character of the stretch was still most of
    the slot test on a megabyte of 于202431在."""

    def __init__(self, words: frozenset[str]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(words, key=lambda w: (-len(w), w)):
            self._by_first.setdefault(word[0], []).append(word)
        self._stops: dict[str, re.Pattern[str]] = {}  # per stop set: its class and the first characters

    def _candidates(self, stop: str) -> re.Pattern[str]:
        pattern = self._stops.get(stop)
        if pattern is None:
            chars = sorted(set(stop) | set(self._by_first))
            pattern = self._stops[stop] = pattern_cache.re_compile(
                "[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")
        return pattern

    def find(self, text: str, start: int, reach: int, stop: str) -> int:
        """Where the first word starts in text[start:start + reach] before a character of
        ``stop``, or -1."""
        search = self._candidates(stop).search
        end = min(len(text), start + reach)
        while True:
            m = search(text, start, end)
            if m is None:
                return -1
            i = m.start()
            ch = text[i]
            if ch in stop:
                return -1
            for word in self._by_first[ch]:
                if text.startswith(word, i):
                    return i
            start = i + 1


@cache
def _event_verbs() -> _WordsAhead:
    return _WordsAhead(lexicon.words("date_event_verbs.txt"))


# Not frozen (nothing assigns to it; it hashes and compares by value all the same): a frozen
# dataclass sets each field through object.__setattr__, and a page of 202431 builds 87,000.
@dataclass(slots=True, unsafe_hash=True)
class CompactDate:
    """A compact date candidate: offsets into the unit and every reading it allows."""

    start: int
    end: int
    # (year, month, day), (year, month) for 202412, (year, month, day, hour) for 2026061910时
    readings: tuple[tuple[int, ...], ...]
    needs_slot: bool  # whether only a slot makes it a date (202431, 2024年0107, 2024-1.7)

    def written(self, reading: tuple[int, ...]) -> str:
        return _write(reading)

    def readings_written(self) -> tuple[str, ...]:
        """Every reading written out (2024年3月1日), as ``written`` writes each."""
        return _written(self.readings)


# A document that dates many things dates several of them alike: each set of readings is
# written out once. Bounded, as _readings is.
@lru_cache(maxsize=4096)
def _written(readings: tuple[tuple[int, ...], ...]) -> tuple[str, ...]:
    return tuple(_write(reading) for reading in readings)


def _write(reading: tuple[int, ...]) -> str:
    return "".join(f"{v}{u}" for v, u in zip(reading, "年月日时"))


def compact_date_readings(digits: str) -> list[tuple[int, ...]]:
    """Every valid (year, month, day) a compact digit run can be read as; a 6-digit run is
    also read as year and month (202412: 2024年1月2日 or 2024年12月)."""
    return list(_readings(digits))


# Text dense with candidates repeats a few runs (a page of 2024年 or of one date): each run's
# readings are worked out once. Bounded, so a text of all-different runs holds no more.
@lru_cache(maxsize=4096)
def _readings(digits: str) -> tuple[tuple[int, ...], ...]:
    year, rest = int(digits[:4]), digits[4:]
    if len(rest) == 4:
        splits = [(rest[:2], rest[2:])]
    else:
        splits = [(rest[:i], rest[i:]) for i in range(1, len(rest)) if len(rest[:i]) <= 2 and len(rest[i:]) <= 2]
    readings: list[tuple[int, ...]] = []
    for m, d in splits:
        if (len(m) == 2 and m[0] == "0" and len(rest) != 4) or (len(d) == 2 and d[0] == "0" and len(rest) != 4):
            continue  # 2025017 is not a plausible way to write 1月7日
        if is_valid(year, int(m), int(d)):
            readings.append((year, int(m), int(d)))
    if len(rest) == 2 and 1 <= int(rest) <= 12:
        readings.append((year, int(rest)))
    return tuple(readings)


def clock_readings(digits: str) -> list[tuple[int, ...]]:
    """A date run together with the hour after it (2026061910时, 2026689时): every (year, month,
    day, hour) with an hour of one or two digits and a date of six to eight."""
    readings: list[tuple[int, ...]] = []
    for cut in (1, 2):
        date, hour = digits[:-cut], int(digits[-cut:])
        if 6 <= len(date) <= 8 and hour <= 24:
            readings.extend((*r, hour) for r in compact_date_readings(date) if len(r) == 3)
    return readings


@cache
def _groups() -> tuple[int, ...]:
    """_CANDIDATE's groups, read by number in one call per match (as gongwen.analysis.dates
    does): `regex` looks a group's name up at every call, and 1 MB of 2024年 is 70,000
    candidates. Asked for on first use, which compiles _CANDIDATE then, not at import."""
    return tuple(_CANDIDATE.groupindex[name] for name in
                 ("clock", "run", "rd", "ny", "md", "md2", "nd", "s1", "sm", "yd", "s2", "sd", "sr", "sy"))


def find_compact_dates(text: str) -> list[CompactDate]:
    """Every compact date candidate in ``text`` that is not an identifier, a figure or an amount."""
    found = []
    groups = _groups()
    identifier_label, area_code, identifier_clause, figure_before, number_before = (
        p.compiled.search for p in (_IDENTIFIER_LABEL, _AREA_CODE, _IDENTIFIER_CLAUSE, _FIGURE_BEFORE, _NUMBER_BEFORE))
    for m in matches_at(_CANDIDATE, text, _CANDIDATE_START):
        start, end = m.span()
        clock, run, rd, ny, md, md2, nd, s1, sm, yd, s2, sd, sr, sy = m.group(*groups)
        # The readings first: a run that reads as no date (2024年2024 in a page of 2024年) needs
        # none of the tests of what stands around it, which are most of the cost of a candidate.
        if clock:
            readings = clock_readings(clock)
            needs_slot = False  # a run of a date's digits and an hour, closed by 时
        elif run:
            readings = [r for r in _readings(run) if len(r) == 3 or not rd]
            # 日 closes a date (202431日): runs of six digits and more do not count days.
            needs_slot = not rd and (len(run) == 6 or (start > 0 and text[start - 1] in "(（"))
        elif ny:
            readings = [r for r in _readings(ny + (md or md2)) if len(r) == 3]
            needs_slot = not nd
        else:
            if s2 == s1 and not sr:
                continue  # 2024.1.7: a separator form, DAT002's
            y, mo = int(sy), int(sm)
            d = int(yd or sd)
            readings = [(y, mo, d)] if is_valid(y, mo, d) else []
            needs_slot = bool(s2) and not sr  # 2024-1.7
        if not readings:
            continue
        before = text[max(0, start - 12):start]
        if identifier_label(before) or area_code(before) or identifier_clause(before):
            continue
        if (run and not rd) or (ny and not nd):
            if end < len(text) and text[end] in _AMOUNT_UNIT and _event_verbs().find(text, end, 1, "") < 0:
                continue  # 2025127元, 2024年1234户; but 批 of 20251127批准 starts a verb
            if figure_before(before) or number_before(before) or _NUMBER_AFTER.match(text, end):
                continue
        found.append(CompactDate(start, end, tuple(readings), needs_slot))
    return found


@cache
def _before_tests() -> tuple:
    """The ``search`` of each test of what stands before a run that DateSlots.slot asks, in
    its order, compiled on the first slot asked for."""
    return tuple(p.compiled.search for p in (_AS_OF, _FROM, _AT, _OPENS_CLAUSE, _BY, _LABEL, _SENTENCE_OPEN))


class DateSlots:
    """Where a sentence or a page keeps a place for a date (see the module docstring)."""

    def __init__(self) -> None:
        self._verbs = _event_verbs()
        self._adverbs = lexicon.words("date_event_adverbs.txt")
        self._signer = lazy_regex.compile(
            rf"{_B}[\p{{Han}}（）()]{{2,30}}?(?:{lexicon.pattern('signer_endings.txt')}){_B}")

    def slot(self, text: str, start: int, end: int, signature_block: bool, previous: str = "") -> str | None:
        """The name of the slot text[start:end] stands in, or None. ``signature_block`` says
        whether the text is one of the document's last lines, where a 成文日期 may follow the
        body without a 署名. ``previous`` is the unit before ``text``, for the line above."""
        before = text[max(0, start - 12):start]
        as_of, from_, at, opens_clause, by, label, sentence_open = _before_tests()
        if as_of(before):
            return "as-of"
        if from_(before) and _FROM_END.match(text, end):
            return "effective"
        if at(before) and self._event_follows(text, end):
            return "event"
        if opens_clause(before) and self._organ_acts(text, end):
            return "dated-act"
        if by(before) and _BY_END.match(text, end):
            return "time-phrase"
        if label(before):
            return "date-label"
        if sentence_open(before) and _TIME_COMMA.match(text, end):
            return "sentence-opening"
        if _RANGE_TO_DATE.match(text, end):
            return "range-start"
        if edition_after(text, end):
            return "page-header"
        line = _line_before(text, start)
        if line is not None and _DASHES.fullmatch(line):
            return "speech-line"
        if 0 < start and text[start - 1] in "(（":
            if end < len(text) and text[end] in ")）":
                return self._bracket_slot(text, start - 1, end + 1, end - start)
            # A bracket that opens with the date of an event: （20230313第十四届全国人民代表大会
            # 第一次会议通过）, the adoption note under the title of a resolution or a regulation.
            if self._verbs.find(text, end, 40, "()（）\r\n。；") >= 0:
                return "adoption-note"
        if ends_signature_line(text, start, end) and self._signed(text, start, previous, signature_block):
            return "signature"
        return None

    def _event_follows(self, text: str, end: int) -> bool:
        """Whether a verb of holding or opening follows the date, directly, after an adverb
        (正式上线) or after a place (在北京隆重召开)."""
        while end < len(text) and text[end] in BLANKS:
            end += 1
        at = self._verbs.find(text, end, 24, _CLAUSE_STOP)
        if at < 0:
            return False
        between = text[end:at]
        return not between or between[0] in "在于" or between in self._adverbs

    def _organ_acts(self, text: str, end: int) -> bool:
        """Whether an organ and its act follow the digits: ，201231江州市人民政府发布的《…》."""
        at = self._verbs.find(text, end, 24, _CLAUSE_STOP)
        return at > end and self._signer.fullmatch(text, end, at) is not None

    @staticmethod
    def in_number_column(text: str, start: int, end: int, previous: str, following: str) -> bool:
        """Whether the run stands alone on its line between lines that hold a number alone: a
        column of a table laid out one cell per line is a column of figures."""
        line = _line_before(text, start)
        if line is None or line.strip(BLANKS) or not _LINE_END.match(text, end):
            return False
        above = _line_above(text, start - len(line), previous)
        newline = min((i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0), default=-1)
        below_text = text[newline + 1:] if newline >= 0 else following
        below = below_text.lstrip("\r\n")[:_PREFIX_WINDOW].split("\n", 1)[0]
        return any(_LONE_NUMBER.fullmatch(side) for side in (above or "", below))

    def _signed(self, text: str, start: int, previous: str, signature_block: bool) -> bool:
        """Whether a 署名 stands before the run: on its line (雁峰区人民政府　　202431), on the line
        above (国务院办公厅 / 201911), or, in the document's last lines, the body ends on the line
        above (特此报告。 / 202431). A value under a table's cell is none of these."""
        line = _line_before(text, start)
        if line is None:
            return False
        if line.strip(BLANKS):
            return self._signer.fullmatch(line) is not None
        above = _line_above(text, start - len(line), previous)
        if above is None:
            return False
        return self._signer.fullmatch(above) is not None or (
            signature_block and above.rstrip(BLANKS).endswith(("。", "！")))

    @staticmethod
    def _bracket_slot(text: str, start: int, end: int, digits: int) -> str | None:
        """A bracket that holds only the date: alone on its line (under a title), or ending a
        title line (附件1：实施方案（20240617）) when the digits say date on their own."""
        line = _line_before(text, start)
        if line is None or not _LINE_END.match(text, end):
            return None
        if not line.strip(BLANKS):
            return "bracket-line"
        if digits > 6 and not _PROSE_MARK.search(line):
            return "title-bracket"
        return None


def edition_after(text: str, end: int) -> bool:
    """Whether a page's edition number (　第3版) follows text[:end], looking no further than it
    can reach."""
    stop = _BLANK_RUN.match(text, end).end() + _EDITION_TAIL
    return _EDITION_AFTER.match(text, end, stop) is not None


def _line_above(text: str, line_start: int, previous: str) -> str | None:
    """The nearest non-blank line above the line that starts at ``line_start`` (in ``previous``,
    the unit before, when the line opens its unit), if it is close enough."""
    for _ in range(3):
        if line_start == 0:
            text, line_start = previous, len(previous)
            previous = ""
            if not text:
                return None
        else:
            line_start -= 2 if text[line_start - 2:line_start] == "\r\n" else 1
        above = _line_before(text, line_start)
        if above is None:
            return None
        if above.strip(BLANKS):
            return above
        line_start -= len(above)
    return None


def _line_before(text: str, start: int) -> str | None:
    return line_before(text, start, _PREFIX_WINDOW)
