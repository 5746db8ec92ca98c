"""The date layer: one finder shared by the date rules, same values in both numeral systems."""
from __future__ import annotations

import random
import re

import pytest
from support import SEED, match_key, random_texts, repeated

from gongwen import api
from gongwen.analysis import dates
from gongwen.analysis.dates import find_dates, is_valid, signature_date
from gongwen.analysis.text import matches_at
from gongwen.document import Document


def _values(text):
    return [(d.year and d.year.value, d.month and d.month.value, d.day and d.day.value) for d in find_dates(text)]


def test_chinese_and_arabic_dates_compare_equal():
    assert _values("二〇二五年一月二十七日") == _values("2025年1月27日") == [(2025, 1, 27)]
    assert _values("二零二五年十二月七日") == _values("2025年12月7日")


@pytest.mark.parametrize("text, expected", [
    ("4月31日", [(None, 4, 31)]),
    ("2025.1.27", [(2025, 1, 27)]),
    ("2025-01-27", [(2025, 1, 27)]),
    ("24年1月", [(24, 1, None)]),
    ("２０２５年１２月３日", [(2025, 12, 3)]),
    ("三十一个乡镇、13个月、第12月", []),
    ("〔2025〕3号、0734-2025123", []),
])
def test_finder(text, expected):
    assert _values(text) == expected


def test_every_date_slices_its_source():
    text = "2024年,于二〇二五年一月二十七日召开,农历正月初一,2025/1/27,4月31日。"
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text
        for p in d.parts:
            assert text[p.start:p.end] == p.text


def test_lunar_context():
    assert all(d.lunar for d in find_dates("农历二月三十日，正月初一，腊月三十日"))


# find_dates asks whether a text holds a lunar word at all only at the first date whose own
# parts do not make it lunar; each date is lunar as the plain reading says.
LUNAR_FRAGMENTS = ["农历", "阴历", "夏历", "旧历", "正月", "腊月", "农", "历", "2024年", "3月5日", "三月初五",
                   "二〇二四年正月初一", "十二月", "腊月三十日", "1月", "5日", "，", "的", "本月", "\n"]


def _plain_lunar(text: str) -> list[bool]:
    return [(d.month is not None and d.month.text in ("正", "腊", "冬")) or (d.day is not None and d.day.text.startswith("初"))
            or dates._LUNAR_BEFORE.search(text, max(0, d.start - 12), d.start) is not None for d in find_dates(text)]


def _lunar_texts() -> list[str]:
    rnd = random.Random("lunar")
    return ["".join(rnd.choice(LUNAR_FRAGMENTS) for _ in range(rnd.randint(1, 12))) for _ in range(5_000)]


def test_each_date_is_lunar_as_the_plain_reading_says():
    texts = _lunar_texts()
    assert sum(any(d.lunar for d in find_dates(t)) for t in texts) > 500  # the texts hold lunar dates
    assert sum(not all(d.lunar for d in find_dates(t)) for t in texts) > 500  # and others
    for text in texts:
        assert [d.lunar for d in find_dates(text)] == _plain_lunar(text), text


def test_validity():
    assert is_valid(2024, 2, 29) and not is_valid(2025, 2, 29)
    assert is_valid(None, 2, 29) and not is_valid(None, 2, 30)
    assert not is_valid(2024, 13, None) and not is_valid(2025, 4, 31)


def test_signature_date_is_the_last_lone_date():
    doc = Document(path="a.txt", text="2024年工作。\n雁峰区人民政府\n\u00a0\u00a02025年1月27日\n")
    unit, date = signature_date(doc)
    assert date.text == "2025年1月27日" and unit.index == 2
    assert signature_date(Document(path="b.txt", text="2024年工作。\n雁峰区人民政府\n")) is None


DATE_RULES = ["DAT002", "DAT012", "DAT003", "DAT006", "DAT010", "DAT004", "DAT007", "DAT008", "DAT011", "NUM012", "NUM013"]


@pytest.mark.parametrize("unit, per_unit", [
    ("9", 0), ("年", 0), ("1月", 0), ("二〇", 0), ("十", 0), ("2024-", 0), ("2024年", 0), ("2024年1月1日\n", 0),
    ("—", 0), ("“", 0), ("\u3000", 0), ("于202431在", 0), ("（2024", 0),
    ("截至202431", 1),  # each 202431 after 截至 reads as a date run together: one DAT001 apiece
])
def test_adversarial_run_is_linted_with_bounded_findings(unit, per_unit):
    """Runs of digits, 年, 月, Chinese numerals or dashes (their speed is measured by
    benchmarks/speed/run.py) are linted without an error and raise no finding a unit alone
    would not: no rule misreads the run as one giant date or fires per character."""
    linter = api.make_linter({}, select=DATE_RULES + ["DAT001", "DAT005"])
    text = repeated(unit)
    found = linter.lint(Document(path="x.txt", text=text))
    assert len(found) == per_unit * (len(text) // len(unit)), (unit, found[:3])


SEED_TRAPS = "党的二十大和二十届二中、三中全会精神，5+2高频事项，2.9万余件，3206万次，100%，95%以上，近400名，80件次，第一责任人。"


def _lint(codes, text):
    return api.make_linter({}, select=codes).lint(Document(path="t.txt", text=text))


def test_seed_and_its_traps_raise_no_date_finding():
    seed = SEED.read_text(encoding="utf-8")
    assert _lint(DATE_RULES, seed) == []
    assert _lint(DATE_RULES, SEED_TRAPS) == []


@pytest.mark.parametrize("old, new, code", [
    ("2024年,在市委", "2023年,在市委", "DAT008"),
    ("2024年共计4项决策", "2023年共计4项决策", "DAT008"),
    ("2024年组织422名", "2024年2月30日组织422名", "DAT003"),
    ("2024年组织422名", "2025年2月29日组织422名", "DAT003"),
    ("2024年共计4项", "24年共计4项", "DAT004"),
    ("二、2025年推进", "二、2024-2025年推进", "DAT011"),
    ("2025127", "2025.1.27", "DAT002"),
    ("2025127", "2025年01月27日", "DAT002"),
    ("2025127", "二〇二五年一月二十七日", "DAT012"),
    ("2025127", "二〇二五年1月27日", "NUM013"),
    ("2025127", "二零二五年一月二十七日", "NUM012"),
    ("2025127", "2023年1月27日", "DAT007"),
])
def test_defects_injected_into_the_seed_are_found(old, new, code):
    """The seed is a real report: each injected defect is reported, by the rule meant for it."""
    seed = SEED.read_text(encoding="utf-8")
    assert old in seed
    found = _lint(DATE_RULES, seed.replace(old, new, 1))
    assert code in {d.code for d in found}, [(d.code, d.message) for d in found]

DATE_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ0０正腊冬廿卅初"
                 "第几农历:_#〔[ 上本度，aZ．百千万亿两")


# The date layer tries its pattern only at the starts a stdlib re pattern allows (_DATE_START).

def test_date_starts_give_every_date():
    for text in random_texts(DATE_ALPHABET, "dates"):
        assert match_key(matches_at(dates._DATE, text, dates._DATE_START)) == match_key(dates._DATE.finditer(text)), text


def test_a_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only 3 numerals before 年 drop 2025年."""
    narrow = re.compile(dates._DATE_START.pattern.replace("{0,3}", "{0,2}"))
    assert narrow.pattern != dates._DATE_START.pattern
    assert any(match_key(matches_at(dates._DATE, text, narrow)) != match_key(dates._DATE.finditer(text))
               for text in random_texts(DATE_ALPHABET, "dates", 2_000))
    text = "2025年1月"
    assert match_key(matches_at(dates._DATE, text, narrow)) != match_key(dates._DATE.finditer(text))


def test_find_dates_on_long_runs_is_linear_enough():
    for ch in "2一年月.0":
        assert isinstance(dates.find_dates(ch * 200_000), list)


# The date layer refuses starts where no date form can match (五年计划, 5.5%, 三年行动).

_DATE_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ0０正腊冬廿卅初"
                  "第几农历:_#〔[ 上本度，aZ．百千万亿两计划来")


def _date_key(matches):
    return [(m.span(), m.groups()) for m in matches]


def _date_texts(count: int) -> list[str]:
    rnd = random.Random("date-starts")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["一九五八年", "二〇二五年三月五日", "五年计划", "5.5%", "2025.1.1", "三月五日", "25年", "一年来"]
    return texts + ["".join(rnd.choice(_DATE_ALPHABET) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


def _starts_hold(starts) -> bool:
    return all(_date_key(matches_at(dates._DATE, t, starts)) == _date_key(dates._DATE.finditer(t))
               for t in _date_texts(30_000))


def test_refused_date_starts_never_start_a_date():
    assert _starts_hold(dates._DATE_START)


@pytest.mark.parametrize("old, new", [
    ("(?![年./\\-])", "(?![年月./\\-])"),  # 三月五日 opens with one numeral before 月
    ("[三四五六七八九十〇", "[一三四五六七八九十〇"),  # 一九五八年 opens with 一
    ("[三四五六七八九十〇", "[0三四五六七八九十〇"),  # 25年 (a two-digit year) opens with a digit
])
def test_a_wrongly_refused_date_start_is_caught(old, new):
    assert old in dates._DATE_START.pattern
    assert not _starts_hold(re.compile(dates._DATE_START.pattern.replace(old, new, 1)))
