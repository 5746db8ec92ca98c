"""Shortcuts in the date and outline layers must give what the plain scans gave.

- DAT001's slot test finds an event verb ahead of a run by a character-class search for the
  verbs' first characters and the stop characters, instead of a Python step per character; it
  must return what the per-character loop returned at every position, reach and stop set.
- find_compact_dates works out a run's readings before it looks around the run (and keeps the
  readings of recent runs): it must find exactly what the former order found.
- Heading numbers in messages are worded by the numeral layer instead of cn2an (whose import
  compiles its converters): the wording must be cn2an's.
- is_valid counts a month's days from a table and the leap-year test instead of
  calendar.monthrange (which also works out the first weekday): same answer for every date.
"""
from __future__ import annotations

import random

from gongwen.analysis import compact_dates as _compact_dates
from gongwen.analysis.text import BLANKS

_STOPS = ("", _compact_dates._CLAUSE_STOP, "()（）\r\n。；")


def _plain_find(by_first: dict[str, list[str]], text: str, start: int, reach: int, stop: str) -> int:
    """_WordsAhead.find as it was: one step per character of the stretch."""
    for i in range(start, min(len(text), start + reach)):
        ch = text[i]
        if ch in stop:
            return -1
        for word in by_first.get(ch, ()):
            if text.startswith(word, i):
                return i
    return -1


def _verb_text(rnd: random.Random, words: list[str]) -> str:
    """Verbs (whole, cut short or run together), their first characters, stops and filler."""
    pieces = []
    for _ in range(rnd.randint(0, 12)):
        kind = rnd.random()
        word = rnd.choice(words)
        if kind < 0.3:
            pieces.append(word)
        elif kind < 0.5:
            pieces.append(word[:rnd.randint(1, len(word))])
        elif kind < 0.65:
            pieces.append(rnd.choice("，。；（）()\r\n" + BLANKS))
        else:
            pieces.append(rnd.choice("在于202431年月日区县召开的会议"))
    return "".join(pieces)


def test_class_search_finds_what_the_per_character_loop_found():
    ahead = _compact_dates._event_verbs()
    words = sorted(w for ws in ahead._by_first.values() for w in ws)
    rnd = random.Random("words-ahead")
    found = 0
    for _ in range(6_000):
        text = _verb_text(rnd, words)
        for start in range(len(text) + 2):
            for reach in (0, 1, 5, 24, 40):
                for stop in _STOPS:
                    plain = _plain_find(ahead._by_first, text, start, reach, stop)
                    assert ahead.find(text, start, reach, stop) == plain, (text, start, reach, stop)
                    found += plain >= 0
    assert found > 10_000  # the texts hold verbs often enough to test both answers


def test_a_search_that_ignored_the_stops_would_be_caught():
    """The comparison above can fail: a class without the stop characters looks past a stop."""
    ahead = _compact_dates._event_verbs()
    verb = next(iter(ahead._by_first.values()))[0]
    text = "，" + verb
    wrong = _compact_dates._WordsAhead(frozenset(w for ws in ahead._by_first.values() for w in ws))
    wrong._stops["，"] = wrong._candidates("")  # the first characters only
    assert _plain_find(ahead._by_first, text, 0, 24, "，") == -1
    assert ahead.find(text, 0, 24, "，") == -1
    assert wrong.find(text, 0, 24, "，") == 1


def _reference_find(text: str):
    """find_compact_dates as it was: the tests of what stands around a run came first."""
    found = []
    for m in _compact_dates._CANDIDATE.finditer(text):
        start, end = m.span()
        before = text[max(0, start - 12):start]
        if (_compact_dates._IDENTIFIER_LABEL.search(before) or _compact_dates._AREA_CODE.search(before)
                or _compact_dates._IDENTIFIER_CLAUSE.search(before)):
            continue
        clock, run, rd, ny, md, md2, nd, s1, sm, yd, s2, sd, sr, sy = m.group(*_compact_dates._groups())
        if (run and not rd) or (ny and not nd):
            if (end < len(text) and text[end] in _compact_dates._AMOUNT_UNIT
                    and _compact_dates._event_verbs().find(text, end, 1, "") < 0):
                continue
            if (_compact_dates._FIGURE_BEFORE.search(before) or _compact_dates._NUMBER_BEFORE.search(before)
                    or _compact_dates._NUMBER_AFTER.match(text, end)):
                continue
        if clock:
            readings, needs_slot = _compact_dates.clock_readings(clock), False
        elif run:
            readings = [r for r in _compact_dates.compact_date_readings(run) if len(r) == 3 or not rd]
            needs_slot = not rd and (len(run) == 6 or (start > 0 and text[start - 1] in "(（"))
        elif ny:
            readings = [r for r in _compact_dates.compact_date_readings(ny + (md or md2)) if len(r) == 3]
            needs_slot = not nd
        else:
            if s2 == s1 and not sr:
                continue
            y, mo, d = int(sy), int(sm), int(yd or sd)
            readings = [(y, mo, d)] if _compact_dates.is_valid(y, mo, d) else []
            needs_slot = bool(s2) and not sr
        if readings:
            found.append(_compact_dates.CompactDate(start, end, tuple(readings), needs_slot))
    return found


def _run_text(rnd: random.Random) -> str:
    pieces = []
    for _ in range(rnd.randint(1, 10)):
        kind = rnd.random()
        if kind < 0.4:
            pieces.append(rnd.choice(("19", "20")) + "".join(rnd.choice("0123456789") for _ in range(rnd.randint(2, 7))))
        elif kind < 0.6:
            pieces.append(rnd.choice(("年", "月", "日", "号", "时", ".", "-", "/", "元", "户", "起")))
        else:
            pieces.append(rnd.choice(("电话", "编号", "（021）", "为", "共", "、", "，", " ", "于", "截至",
                                      "召开", "批准", "2013125", "区", "\n")))
    return "".join(pieces)


def test_readings_first_finds_what_the_former_order_found():
    rnd = random.Random("compact-order")
    total = 0
    for _ in range(20_000):
        text = _run_text(rnd)
        found = _compact_dates.find_compact_dates(text)
        assert found == _reference_find(text), text
        total += len(found)
    assert total > 2_000  # the texts make dates often enough to test both answers


def test_heading_numbers_are_worded_as_cn2an_words_them():
    import cn2an

    from gongwen.analysis.outline import numeral_text

    assert [numeral_text(n) for n in range(1, 20_001)] == [cn2an.an2cn(n) for n in range(1, 20_001)]
    assert numeral_text(10) == "十" and numeral_text(110) == "一百一十"


# The tests of what stands right before a compact date run on a 12-character window once or
# more per candidate; they are stdlib ``re`` patterns (a third of `regex`'s call cost on such
# short strings) and must answer as `regex` answers for the same source.
_WINDOW_TESTS = ("_IDENTIFIER_LABEL", "_AREA_CODE", "_IDENTIFIER_CLAUSE", "_FIGURE_BEFORE", "_NUMBER_BEFORE",
                 "_AS_OF", "_FROM", "_AT", "_OPENS_CLAUSE", "_BY", "_LABEL", "_SENTENCE_OPEN")


def _window(rnd: random.Random, alphabet: str, words: list[str]) -> str:
    pieces = [rnd.choice(words) if rnd.random() < 0.3 else rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))]
    return "".join(pieces)[-12:]


def test_window_tests_answer_as_regex_answers():
    import re

    import regex

    from gongwen.analysis import lexicon

    words = sorted(lexicon.words("identifier_labels.txt")) + [
        "截至", "截止", "到", "于", "自", "从", "在", "须", "最迟", "不晚于", "日期", "时间", "日期：", "时间 : ", "为", "达到",
        "共计", "合计", "（万元）", "（021）", "(0731)"]
    alphabet = "0123456789０９%％，,、;；|：:。！？!?\r\n()（）区年月" + BLANKS
    rnd = random.Random("window-tests")
    texts = [_window(rnd, alphabet, words) for _ in range(30_000)]
    for name in _WINDOW_TESTS:
        fast = getattr(_compact_dates, name).compiled  # compiled on first use (lazy_regex.stdlib)
        assert isinstance(fast, re.Pattern), name
        plain = regex.compile(fast.pattern)
        hits = 0
        for text in texts:
            a, b = fast.search(text), plain.search(text)
            assert (a and a.span()) == (b and b.span()), (name, text)
            hits += a is not None
        assert 50 < hits < len(texts), (name, hits)  # both answers are tested


def _monthrange_valid(year, month, day) -> bool:
    """is_valid as it was: calendar.monthrange for the month's length (2001's without a year,
    and 29 days for February)."""
    import calendar

    if month is None or day is None or not 1 <= month <= 12:
        return (month is None or 1 <= month <= 12) and (day is None or month is not None or 1 <= day <= 31)
    last = 29 if year is None and month == 2 else calendar.monthrange(2001 if year is None else year, month)[1]
    return 1 <= day <= last


def _mismatches(candidate) -> list[tuple]:
    rnd = random.Random("month-days")
    # Every year a date can carry (two digits, 1xxx, 2xxx, centuries and leap years), and
    # random ones; months and days around their bounds.
    years = [None, 0, 4, 24, 100, 400, 1900, 2000, 2023, 2024, 2100] + [rnd.randint(0, 2999) for _ in range(300)]
    return [(year, month, day) for year in years for month in (None, *range(0, 14), 99)
            for day in (None, *range(0, 33)) if candidate(year, month, day) != _monthrange_valid(year, month, day)]


def test_month_lengths_from_the_table_answer_as_monthrange():
    from gongwen.analysis.dates import is_valid

    assert _mismatches(is_valid) == []


def test_a_table_without_leap_years_would_be_caught():
    def no_leap(year, month, day):
        if day is None or month is None or not 1 <= month <= 12:
            return _monthrange_valid(year, month, day)
        return 1 <= day <= [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month]

    assert (2024, 2, 29) in _mismatches(no_leap)


# The date pattern, the heading marker and the decimal section number are compiled by stdlib re
# (a third to a half of `regex`'s cost per call on a line): each must match exactly what
# `regex` matches with the same source, at every position of random texts of their characters.

_PATTERN_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ正腊冬廿卅初"
                     "第几数每上本当、（）()．:_#〔[ \t\u3000\xa0%％‰等季级份aZ⑴⑵⒇百千万亿两")


def _pattern_texts(count: int) -> list[str]:
    rnd = random.Random("re-regex")
    fixed = ["2024年1月1日", "二〇二五年三月五日", "（一）强化", "一、二等奖", "1、2月", "8.6个", "4.2　总则",
             "4.2.1", "2024.1.7", "2024-01-27", "12.5%", "⑴ 项目", " 　（12）"]
    # Characters, and pieces of dates and markers (runs of numerals, a year) joined at random.
    pieces = list(_PATTERN_ALPHABET) + ["二十一", "十二", "2024", "二〇二四", "12", "（", "）", "、", "年", "月"]
    return fixed + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(count)]


def _same_as_regex(compiled, source: str, flags: int, count: int = 20_000) -> list[str]:
    """The texts where ``compiled`` and regex's compile of ``source`` differ at some position
    (span, groups and the last group's name)."""
    import regex

    reference = regex.compile(source, flags)

    def key(m):
        return m and (m.span(), m.groups(), m.lastgroup)

    return [t for t in _pattern_texts(count)
            if any(key(compiled.match(t, i)) != key(reference.match(t, i)) for i in range(len(t) + 1))]


def test_stdlib_patterns_match_what_regex_matches():
    import regex

    from gongwen.analysis import dates, outline

    assert _same_as_regex(dates._DATE, dates._DATE_SOURCE, regex.VERBOSE) == []
    assert _same_as_regex(outline._MARKER, outline._MARKER_SOURCE, regex.VERBOSE) == []
    assert _same_as_regex(outline._DECIMAL_SECTION, outline._DECIMAL_SECTION.pattern, 0) == []


def test_a_stdlib_pattern_that_differs_is_caught():
    import re

    import regex

    from gongwen.analysis import outline

    wrong = re.compile(outline._MARKER_SOURCE.replace("{1,3}", "{1,2}", 1), re.VERBOSE)  # 十一、 lost
    assert _same_as_regex(wrong, outline._MARKER_SOURCE, regex.VERBOSE, 2_000)


# DAT001's compact-date candidates and DAT005's bare years are tried only where a stdlib re
# start pattern allows (19xx/20xx and what must follow it): the matches must be finditer's.

_YEAR_PIECES = (list("0123456789年月日号时./-－—至到元户个第#:_〔[（(aZ．， \u3000") + ["19", "20", "2024", "1999", "20241",
                "2024年", "年12", "度", "世界", "大会", "赫兹", "批准"])


def _year_texts(count: int) -> list[str]:
    rnd = random.Random("year-starts")
    fixed = ["2025127", "2024年1127", "2024年11日", "2024.1.7", "2024-1.7", "2024.1月7日", "2026061910时", "入选2024全国"]
    return fixed + ["".join(rnd.choice(_YEAR_PIECES) for _ in range(rnd.randint(0, 10))) for _ in range(count)]


def _starts_differ(pattern, starts, count: int = 30_000) -> list[str]:
    from gongwen.analysis.text import matches_at

    def key(matches):
        return [(m.span(), m.groups()) for m in matches]

    return [t for t in _year_texts(count) if key(matches_at(pattern, t, starts)) != key(pattern.finditer(t))]


def test_compact_date_and_bare_year_starts_give_every_match():
    from gongwen.analysis import compact_dates
    from gongwen.rules import dates as date_rules

    assert _starts_differ(compact_dates._CANDIDATE, compact_dates._CANDIDATE_START) == []
    assert _starts_differ(date_rules._BARE_YEAR, date_rules._BARE_YEAR_START) == []


def test_a_compact_date_start_without_the_year_form_is_caught():
    import re

    from gongwen.analysis import compact_dates

    narrow = re.compile(compact_dates._CANDIDATE_START.pattern.replace("|年[0-9]{2}", ""))
    assert narrow.pattern != compact_dates._CANDIDATE_START.pattern
    assert _starts_differ(compact_dates._CANDIDATE, narrow, 5_000)


def test_a_bare_year_start_without_the_nineteen_hundreds_is_caught():
    import re

    from gongwen.rules import dates as date_rules

    narrow = re.compile(date_rules._BARE_YEAR_START.pattern.replace("19|", ""))
    assert narrow.pattern != date_rules._BARE_YEAR_START.pattern
    assert _starts_differ(date_rules._BARE_YEAR, narrow, 5_000)


# The tests of what follows a compact date (``match`` at its end, once or more per candidate in
# DateSlots.slot and find_compact_dates) are stdlib ``re`` patterns too, compiled on first use:
# each must answer as `regex` answers for the same source, at every position, to every end.
_AFTER_TESTS = ("_NUMBER_AFTER", "_FROM_END", "_BY_END", "_DASHES", "_RANGE_TO_DATE", "_EDITION_AFTER",
                "_BLANK_RUN", "_PROSE_MARK", "_LONE_NUMBER", "_LINE_END")
_AFTER_PIECES = ["起", "开始", "施行", "生效", "前", "以前", "之后", "以来", "至", "到", "—", "——", "─", "－", "--", "~",
                 "～", "2024年", "2024", "12月", "第3版", "第十二版", "第", "版", "，", "、", "；", "|", "%", "．", "12",
                 "3", "０", "日", "号", "月", "。", "！", "\r\n", "\r", "\n", "区", "召开"] + list(BLANKS)


def _after_texts(rnd: random.Random, count: int) -> list[str]:
    return ["".join(rnd.choice(_AFTER_PIECES) for _ in range(rnd.randint(0, 10))) for _ in range(count)]


def _after_differs(fast, source: str, texts: list[str]) -> list[str]:
    import regex

    plain = regex.compile(source)

    def key(m):
        return m and m.span()

    return [t for t in texts
            if key(fast.fullmatch(t)) != key(plain.fullmatch(t)) or key(fast.search(t)) != key(plain.search(t))
            or any(key(fast.match(t, i, j)) != key(plain.match(t, i, j))
                   for i in range(len(t) + 1) for j in (i + 5, len(t)))]


def test_after_tests_answer_as_regex_answers():
    import re

    texts = _after_texts(random.Random("after-tests"), 6_000)
    for name in _AFTER_TESTS:
        fast = getattr(_compact_dates, name).compiled
        assert isinstance(fast, re.Pattern), name
        assert _after_differs(fast, fast.pattern, texts) == [], name
        hits = sum(any(fast.match(t, i) and fast.match(t, i).end() > i for i in range(len(t))) for t in texts)
        assert 50 < hits < len(texts), (name, hits)  # both answers are tested


def test_an_after_test_that_differs_is_caught():
    import re

    source = _compact_dates._RANGE_TO_DATE.pattern
    wrong = re.compile(source.replace("{1,2}", "", 1))  # ——2024年 lost
    assert _after_differs(wrong, source, _after_texts(random.Random("after-wrong"), 2_000))


# COMPACT_DATE_START consumes its 1 or 2 so that ``re`` can skip to those characters; the form it
# replaced was all lookahead, tried at every character. Both must start at the same places.
_ALL_LOOKAHEAD = r"(?=(?:19|20)[0-9]{2}(?:[0-9]|年[0-9]{2}|[./\-][0-9]))"


def _start_places_differ(starts, count: int = 30_000) -> list[str]:
    import re

    plain = re.compile(_ALL_LOOKAHEAD)

    def places(pattern, text):
        return [i for i in range(len(text) + 1) if pattern.match(text, i)]

    return [t for t in _year_texts(count) if places(starts, t) != places(plain, t)]


def test_the_compact_date_start_starts_where_its_lookahead_form_does():
    from gongwen.analysis import compact_dates

    texts = _year_texts(30_000)
    assert sum(compact_dates.COMPACT_DATE_START.search(t) is not None for t in texts) > 3_000
    assert _start_places_differ(compact_dates.COMPACT_DATE_START) == []


def test_a_compact_date_start_that_mixes_up_its_centuries_is_caught():
    import re

    from gongwen.analysis import compact_dates

    # one class for the first two digits: 10xx and 29xx would start a candidate too
    tail = compact_dates._YEAR_TAIL
    assert _start_places_differ(re.compile(rf"[12](?=[90]{tail})"), 5_000)
