"""The date layer: every date expression in a text unit, found once and shared by the date rules.

A date is ``Y年``, ``Y年M月``, ``Y年M月D日`` (or ``号``), a year-less ``M月D日``, or a
separator form ``Y.M.D`` / ``Y/M/D`` / ``Y-M-D``. Each part may be written in Arabic digits
(``2025年1月27日``) or Chinese numerals (``二〇二五年一月二十七日``); both give the same
``(year, month, day)`` so rules compare them as the same date. Chinese month and day values come
from the numeral layer (:func:`gongwen.analysis.numerals.chinese_value`, cn2an per span); a Chinese
year is read digit by digit, including the wrong zeros (零 ○ O 0) that NUM012 reports.

Every pattern is a fixed-width alternation of bounded runs, so the scan is linear in the text.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass


from gongwen.analysis import lazy_regex
from gongwen.analysis.class_routes import class_route
from gongwen.document import Document, TextUnit
from gongwen.analysis.numerals import chinese_value
from gongwen.analysis.routing import units_holding
from gongwen.analysis.text import BLANKS
from gongwen.analysis import pattern_cache
from gongwen.slotted import positional

# Characters that may stand for a digit inside a Chinese-numeral year. Only 〇 (U+3007) is the
# numeral zero; 零, ○ (U+25CB), O and 0 are the usual wrong ones.
YEAR_ZEROS_WRONG = "零○OoＯ0０"
_CN_YEAR_DIGITS = "〇" + YEAR_ZEROS_WRONG + "一二三四五六七八九"
_YEAR_DIGIT_VALUE = {**{ch: 0 for ch in "〇" + YEAR_ZEROS_WRONG},
                     **{ch: i + 1 for i, ch in enumerate("一二三四五六七八九")}}

_CN_SMALL = "一二三四五六七八九十"
_MONTH = rf"[0-9０-９]{{1,2}}|[{_CN_SMALL}]{{1,3}}|[正腊冬]"
_DAY = rf"[0-9０-９]{{1,2}}|[{_CN_SMALL}廿卅]{{1,3}}|初[{_CN_SMALL}]{{1,2}}"
# Characters that, right before a number, make it part of a larger number or code.
_NUM_BEFORE = rf"0-9０-９A-Za-z.．〇零○{_CN_SMALL}百千万亿两第"

_DATE_SOURCE = (
    rf"""
      (?P<y>
          (?<![{_NUM_BEFORE}\-/:_#〔\[])(?:[12][0-9]{{3}}|[１２][０-９]{{3}})
        | (?<![{_NUM_BEFORE}\-/:_#〔\[])[0-9]{{2}}
        | (?<![{_NUM_BEFORE}])[一二][{_CN_YEAR_DIGITS}]{{3}}
      )年
      (?:(?P<m>{_MONTH})月(?:(?P<d>{_DAY})[日号])?)?
    | (?<![{_NUM_BEFORE}几数每个上下本当同次翌])
      (?P<m2>{_MONTH})月(?P<d2>{_DAY})[日号]
    | (?<![0-9０-９A-Za-z.．\-/:_#〔\[])
      (?P<sy>[12][0-9]{{3}})(?P<sep>[./\-])(?P<sm>[0-9]{{1,2}})(?P=sep)(?P<sd>[0-9]{{1,2}})
      (?![0-9./\-])
    """
)
# Compiled by stdlib re: the pattern needs nothing re lacks (one-character lookbehinds, a
# backreference), and re's match costs 0.6x regex's on a date-sized string, and a page of
# dates is one match per line. tests/analysis/test_dates.py compares it with regex's compile.
_DATE = pattern_cache.re_compile(_DATE_SOURCE, re.VERBOSE)
# Every date has 年, 月 or its separator 1 to 4 characters after its start (a 4-character year,
# a 1-3 character month). tests/analysis/test_text.py checks _DATE through this trigger.
# Where a date can start (stdlib re, zero-width after its first character): every date opens with
# 1 to 4 numeral characters of its year, month or separator-form year (_NUMERAL holds all of
# them) followed by 年, 月 or the separator, and every form's lookbehind refuses a digit, a Latin
# letter or a point right before it. _DATE, which starts with lookbehinds and classes and so is
# tried at every character by finditer, is tried only at these starts; the class that opens this
# pattern lets re skip the (many) characters that cannot start a date.
# tests/analysis/test_dates.py compares the result with _DATE.finditer.
_NUMERAL = rf"0-9０-９{_CN_YEAR_DIGITS}十正腊冬"
# Two kinds of start are refused although their run of numerals ends as above, because no
# form can match there: one numeral right before 年 or a separator (every year and separator
# form has 2 or 4 numerals: 五年计划, 5.5%), and a run to 年 that opens with a numeral no year
# opens with (a Chinese year opens with 一 or 二, an Arabic one with a digit: 三年行动, 九五八年
# after a refused 一). Together they were most of the starts where _DATE failed.
_NOT_YEAR_FIRST = "三四五六七八九十〇零○OoＯ正腊冬"
# Searched through the compiled finder of its numeral run and the character after it (the
# assertions left out, class_routes): ``re`` stops at every numeral, common in reports.
_DATE_START = class_route(pattern_cache.re_compile(
    rf"[{_NUMERAL}](?<![0-9０-９A-Za-z.．].)(?=[{_NUMERAL}]{{0,3}}[年月./\-])"
    rf"(?![年./\-])(?!(?<=[{_NOT_YEAR_FIRST}])[{_NUMERAL}]{{0,3}}年)"))
# Literal words: stdlib re is faster than regex; searched through the compiled finder of the
# words (class_routes), where re tests the class of their first characters at every character.
_LUNAR_BEFORE = class_route(pattern_cache.re_compile(r"农历|阴历|夏历|旧历|正月|腊月"))


# Part and DateExpr are not frozen (nothing assigns to them; they hash and compare by value all
# the same): a frozen dataclass sets each field through object.__setattr__ in __init__, four
# times the cost, and a page of dates builds four of them per date.
@dataclass(slots=True, unsafe_hash=True)
class Part:
    """One numeral of a date (the year, month or day), offsets relative to the unit."""

    start: int
    end: int
    text: str
    value: int | None
    kind: str  # "arabic" or "chinese"


@dataclass(slots=True, unsafe_hash=True)
class DateExpr:
    start: int
    end: int
    text: str
    year: Part | None
    month: Part | None
    day: Part | None
    form: str  # "nian" (年月日), "." "/" or "-" (separator forms)
    lunar: bool = False

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(p.kind for p in self.parts)

    @property
    def mixed(self) -> bool:
        """Whether the parts are written in both Arabic and Chinese numerals (len(kinds) > 1),
        without building the set: NUM013 asks every date."""
        first = None
        for part in (self.year, self.month, self.day):
            if part is not None:
                if first is None:
                    first = part.kind
                elif part.kind != first:
                    return True
        return False


# Built by one C call that fills the slots (gongwen.slotted): every field given, in order.
_PART, _DATE_EXPR = positional(Part), positional(DateExpr)


# int() reads full-width digits as it reads ASCII ones (every Unicode decimal digit), and a
# str.translate per part was a third of the cost of a date on a page of dates.
def _year_part(start: int, text: str) -> Part:
    if text[0] in "0123456789０１２３４５６７８９":
        return _PART(start, start + len(text), text, int(text), "arabic")
    value = 0
    for ch in text:
        value = value * 10 + _YEAR_DIGIT_VALUE[ch]
    return _PART(start, start + len(text), text, value, "chinese")


def _small_part(start: int, text: str) -> Part:
    if text[0] in "0123456789０１２３４５６７８９":
        return _PART(start, start + len(text), text, int(text), "arabic")
    if text in ("正", "腊", "冬"):  # lunar month names
        return _PART(start, start + 1, text, {"正": 1, "冬": 11, "腊": 12}[text], "chinese")
    body = text[1:] if text.startswith("初") else text
    value = chinese_value(body.replace("廿", "二十").replace("卅", "三十"))
    return _PART(start, start + len(text), text, None if value is None else int(value), "chinese")


# The groups of _DATE, read from a match by number in one call: `regex` looks a group's name
# up at every call (~0.6 µs), and a 1 MB run of 2024年 is 140,000 dates of nine groups each.
_GROUPS = tuple(_DATE.groupindex[name] for name in ("y", "m", "d", "m2", "d2", "sy", "sep", "sm", "sd"))


def _small_chinese(text: str) -> int | None:
    """The value of a Chinese month or day (not 正腊冬): what _small_part gives. The compiled
    reader asks it."""
    body = text[1:] if text.startswith("初") else text
    value = chinese_value(body.replace("廿", "二十").replace("卅", "三十"))
    return None if value is None else int(value)


# The compiled reader (_dates.c): _DATE's three forms matched by hand at each character that
# may open one, the objects built by the same constructors; reference_find_dates below is its
# reference (tests/analysis/test_dates_compiled.py compares them over generated texts).
# Optional: without it, the Python path runs.
try:
    from gongwen.analysis import _dates
except ImportError:  # not built (no compiler at install)
    _dates = None
else:
    _dates.configure(_PART, _DATE_EXPR, _small_chinese)


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in ``text``, left to right."""
    if _dates is not None:
        return _dates.find_dates(text)
    return reference_find_dates(text)


def reference_find_dates(text: str) -> list[DateExpr]:
    """find_dates by the patterns: _DATE tried where _DATE_START says a date may start."""
    if not ("年" in text or "月" in text or "." in text or "/" in text or "-" in text):
        return []  # every date holds 年, 月 or its separator (most paragraphs hold none)
    # A date is lunar when one of these words stands before it; a text without any needs no
    # search before each date. Asked at the first date that needs it: half the units read hold
    # no date, and the search is a sixth of the cost of the units that do (1,000 files).
    lunar_words = None
    found = []
    # matches_at's loop written out: the next start is searched for from the end of the last
    # date (a lookbehind still sees what stands before it), so a line of one date costs one
    # search after it instead of a generator and the starts inside the date it skips.
    search, match, pos = _DATE_START.search, _DATE.match, 0
    while (c := search(text, pos)) is not None:
        m = match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        y, mo, d, mo2, d2, sy, sep, sm, sd = m.group(*_GROUPS)
        start, end = m.span()
        pos = end
        # Every part follows the one before it after one character (年, 月 or the separator),
        # and the first starts the match (the lookbehinds take no characters).
        if sy:
            month_at = start + len(sy) + 1
            found.append(_DATE_EXPR(start, end, text[start:end], _year_part(start, sy),
                                    _small_part(month_at, sm), _small_part(month_at + len(sm) + 1, sd), sep, False))
            continue
        if y:
            year, month_at = _year_part(start, y), start + len(y) + 1
        else:
            year, month_at, mo, d = None, start, mo2, d2
        month = _small_part(month_at, mo) if mo else None
        day = _small_part(month_at + len(mo) + 1, d) if d else None
        lunar = (month is not None and month.text in ("正", "腊", "冬")) or (day is not None and day.text.startswith("初"))
        if not lunar:
            if lunar_words is None:
                lunar_words = _LUNAR_BEFORE.search(text) is not None
            lunar = lunar_words and _LUNAR_BEFORE.search(text, max(0, start - 12), start) is not None
        found.append(_DATE_EXPR(start, end, text[start:end], year, month, day, "nian", lunar))
    return found


def four_digit_year(date: DateExpr) -> int | None:
    """The year of ``date`` when it is written with four digits (2024年, 二〇二四年), else None."""
    return date.year.value if date.year is not None and len(date.year.text) == 4 else None


def arabic_form(date: DateExpr) -> str | None:
    """The date written with Arabic numerals in 年月日 form, or None if a part has no value."""
    if any(p.value is None for p in date.parts):
        return None
    out = f"{date.year.value}年" if date.year else ""
    if date.month:
        out += f"{date.month.value}月"
    if date.day:
        out += f"{date.day.value}{date.text[-1] if date.form == 'nian' else '日'}"
    return out


def dates_in(doc: Document, unit: TextUnit) -> list[DateExpr]:
    """The dates of one unit, computed once per document however many rules ask."""
    return doc.unit_memo(find_dates, unit, unit.text)


# Every date has a numeral right before 年 or 月 (the year's last digit before 年, the month's
# before 月) or four digits before its separator (a separator date's year: 2024.1.7); so has
# every month number DAT003 reads alone (13月底). One or two digits before a point are a list's
# marker (1. a, 12. b), which a page of numbered lines holds on every line. Positive and
# without lookbehind, as gongwen.analysis.routing requires; searched by the compiled finder of
# its two sequences of classes (gongwen.analysis.class_routes: 16 -> ~3 ms over the 1,000 files).
MAY_HOLD_DATE = class_route(pattern_cache.re_compile(rf"[{_NUMERAL}](?=[年月]|[0-9]{{3}}[./\-])"))


def dated_units(doc: Document) -> list[tuple[TextUnit, list[DateExpr]]]:
    """The units that may hold a date, each with its dates (perhaps none), in document order:
    every unit with a date is among them. One scan of the whole text picks them
    (gongwen.analysis.routing), so the date rules, which read only these, are not called on
    every unit; the dates are those ``dates_in`` gives, and are kept for it."""
    return doc.memo(dated_units, lambda: [(unit, dates_in(doc, unit))
                                          for unit in units_holding(doc, MAY_HOLD_DATE)])


def closing_date_units(doc: Document) -> list[int]:
    """Indexes of the units holding a line that a full date ends after at most a short 署名, as
    a 成文日期 stands (ascending): a document closes there, and a page may hold the next one
    after it (a portal page of notices, an excerpt appended below the signature)."""
    return doc.memo(closing_date_units, lambda: [
        unit.index for unit, dates in dated_units(doc)
        if any(d.year and d.month and d.day and is_date_line(unit, d) for d in dates)])


def is_valid(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether the parts that are present can be a Gregorian date (an unknown year allows 2月29日)."""
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None:
        return True
    if month is None:
        return 1 <= day <= 31
    if year is None:
        last = 29 if month == 2 else _MONTH_DAYS[month]
    else:  # calendar.monthrange's own count, without the weekday it also works out
        last = _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))
    return 1 <= day <= last


_MONTH_DAYS = calendar.mdays  # days per month of a common year, index 1..12


def context_year(doc: Document, unit: TextUnit, offset: int) -> int | None:
    """The nearest 4-digit year before ``offset`` in ``unit``, else in the units before it."""
    for date in reversed(dates_in(doc, unit)):
        if date.end <= offset and date.year is not None and len(date.year.text) == 4 and not date.lunar:
            return date.year.value
    for prev in reversed(doc.units[: unit.index] if unit.index >= 0 else ()):
        for date in reversed(dates_in(doc, prev)):
            if date.year is not None and len(date.year.text) == 4 and not date.lunar:
                return date.year.value
    return None


SIGNATURE_LINES = 5  # the 署名 and 成文日期 stand in the last lines of a document


def signature_units(doc: Document, lines: int = SIGNATURE_LINES) -> tuple[TextUnit, ...]:
    """The last non-empty units of a document, where the 署名 and 成文日期 stand."""
    return doc.units[-lines:]


# What may stand before a 成文日期 on its line: blanks, or a short 署名 set off by two or more
# blanks (雁峰区人民政府　　2025年1月27日). One space is how a list of links dates its items.
_SIGNATURE_PREFIX = lazy_regex.compile(
    r"[ \t\u3000\xa0]*+(?:[^\r\n，,。；;：:！？!?（）()\s][^\r\n，,。；;：:！？!?（）()]{0,29}[ \u3000\xa0]{2,})?")
# A line that ends with a date, as the items of a "相关文章" list do.
_ENDS_WITH_DATE = lazy_regex.compile(r"[0-9]{1,2}[日号]?[ \t\u3000\xa0]*$")
_LINE_WINDOW = 200  # a 成文日期 line is right-aligned with at most this many blanks


def is_date_line(unit: TextUnit, date: DateExpr) -> bool:
    """Whether the date ends its line and at most a short 署名 stands before it (a 成文日期 line)."""
    return ends_signature_line(unit.text, date.start, date.end)


def ends_signature_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends its line with at most a short 署名 before it, as a 成文日期
    stands (offsets into ``text``; the span need not be a well-formed date)."""
    j = end
    while j < len(text) and text[j] in BLANKS:
        j += 1
    if j < len(text) and text[j] not in "\r\n":
        return False
    prefix = line_before(text, start, _LINE_WINDOW)
    return prefix is not None and _SIGNATURE_PREFIX.fullmatch(prefix) is not None


def line_before(text: str, start: int, window: int) -> str | None:
    """The text from the start of its line to ``start``, or None if the line starts more than
    ``window`` characters before it (a bounded look back keeps every caller linear)."""
    low = max(0, start - window)
    line_start = max(text.rfind("\n", low, start), text.rfind("\r", low, start)) + 1
    if line_start == 0 and start > window:
        return None
    return text[line_start:start]


def _previous_line_ends_with_date(doc: Document, unit: TextUnit, date: DateExpr) -> bool:
    text = unit.text
    cut = max(text.rfind("\n", 0, date.start), text.rfind("\r", 0, date.start))
    if cut >= 0:
        before = text[max(0, cut - _LINE_WINDOW):cut].rstrip("\r\n")
    elif unit.index > 0:
        before = doc.units[unit.index - 1].text[-_LINE_WINDOW:]
    else:
        return False
    return _ENDS_WITH_DATE.search(before) is not None


def signature_date(doc: Document) -> tuple[TextUnit, DateExpr] | None:
    """The 成文日期: the last full date that ends one of the last lines, after at most a 署名."""
    def find():
        # the dates of the units that may hold one (dated_units): no other unit has one, and
        # the last lines of most documents are no date's (1,000 files: 4,994 units read for 312)
        held = {(unit.index, unit.start): dates for unit, dates in dated_units(doc)}
        for unit in reversed(signature_units(doc)):
            for date in reversed(held.get((unit.index, unit.start), ())):
                if date.year and date.month and date.day and is_date_line(unit, date):
                    if _previous_line_ends_with_date(doc, unit, date):
                        return None  # a dated list (相关文章), not a 署名 block
                    return unit, date
        return None
    return doc.memo(signature_date, find)
