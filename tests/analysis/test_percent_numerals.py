"""Readers of percents read only the runs that hold one (issue 16 item 4, round 24).

NUM008 and NUM014 read a unit's numerals through ``percents_in`` (NUM008 adding, before a
percent over 100, the numerals within its clause's reach: ``with_leads``) unless a reader has
read them all. Over random texts of percents, rate words, clause marks and other numbers:
``percent_numerals`` is a subsequence of the whole list holding every percent; ``with_leads``
gives each percent over the bound the neighbour before it that the whole list gives when that
one ends within reach; and the two rules' findings are those of reading every numeral (the
eager path). Readings wrong on purpose (the sign's own place, a reach one short) are caught.
"""
from __future__ import annotations

import re

from support import fragment_texts

from gongwen import api
from gongwen.analysis import numerals
from gongwen.analysis.numerals import find_numerals, with_leads

_FRAGMENTS = ["100.5%", "120％", "98%", "300%", "百分之一百二十", "百分之95", "一百五十%", "1,200%", "100.5", "120", "98", "95", "3,000", "1 200", "７０", "一百二十", "九十五", "二〇二四", "5万",
              "%", "％", "%", "％", "百分之", "百分之", "点五", "好评率", "合格率", "覆盖率", "占全区总数的",
              "达", "为", "分别为", "、", "和", "，", "。", "；", "增长", "超过", "比上年", "毛入学率",
              "人", "个", "项", "“", "”", "\n", "，其中", "共计", "同比",
              *["全面推进各项工作任务落实", "持续深化改革创新服务", "群众满意程度明显提升"] * 6]  # percents apart
_REACH = 40
_MARKS = re.compile("[%％]|百分之")  # the marks as one pattern (the reference of percent_places)


def _texts(count: int = 1_500) -> list[str]:
    # and a number ending 30 to 45 characters before a percent over 100: the edge of the reach
    edges = [f"{lead}{'全' * gap}合格率{value}" for lead in ("5", "一万", "3.5%") for gap in range(27, 43)
             for value in ("120%", "百分之一百二十")]
    return fragment_texts(_FRAGMENTS, "percent-numerals", count, 30) + edges


def percent_numerals(text: str) -> list:
    """The layer's percent runs, or every numeral where it reads them all (dense percents)."""
    found = numerals.percent_numerals(text)
    return find_numerals(text) if found is None else found


def _subsequence(part: list, whole: list) -> bool:
    it = iter(whole)
    return all(any(p == w for w in it) for p in part)


def _wrong_leads(text: str, reader, reach: int) -> list[str]:
    """Texts where ``reader``'s numerals are not a subsequence of the whole list holding every
    percent, or a percent over 100 lacks the neighbour before it that ends within ``reach``."""
    out = []
    whole = find_numerals(text)
    part = reader(text)
    if not _subsequence(part, whole) or [n for n in whole if n.percent or n.in_words] != [
            n for n in part if n.percent or n.in_words]:
        return [text]
    for i, n in enumerate(whole):
        if i and n.percent and n.value is not None and n.value > 100 and whole[i - 1].end > n.start - _REACH:
            j = part.index(n)
            if not j or part[j - 1] != whole[i - 1]:
                out.append(text)
    return out


def test_the_percents_and_their_leads_are_the_whole_lists():
    texts = _texts()
    leads = sum(1 for t in texts for n in find_numerals(t) if n.percent and n.value and n.value > 100)
    assert leads > 1_500  # percents over 100 that look back for a neighbour
    assert sum(len(percent_numerals(t)) < len(find_numerals(t)) for t in texts) > 800  # less is read
    assert [t for t in texts for _ in _wrong_leads(t, lambda s: with_leads(s, percent_numerals(s), _REACH, 100),
                                                  _REACH)] == []


def test_a_reach_one_short_is_caught():
    texts = _texts(800)
    assert [t for t in texts for _ in _wrong_leads(t, lambda s: with_leads(s, percent_numerals(s), _REACH - 1, 100),
                                                   _REACH)]


def _findings(texts: list[str]) -> list[list[tuple]]:
    linter = api.make_linter(select=["NUM008", "NUM014"])
    return [[(d.code, d.start, d.end, d.message, d.fixes) for d in linter.lint(api.document_from_text(t, "<text>", "text"))]
            for t in texts]


def test_the_rules_find_what_reading_every_numeral_finds(monkeypatch):
    texts = _texts(700)
    lazy = _findings(texts)
    assert sum(1 for f in lazy if any(code == "NUM008" for code, *_ in f)) > 100
    assert sum(1 for f in lazy if any(code == "NUM014" for code, *_ in f)) > 150
    monkeypatch.setattr(numerals, "percent_numerals", lambda text: None)  # every numeral, as before
    assert _findings(texts) == lazy


def test_a_sign_read_at_its_own_place_is_caught(monkeypatch):
    def at_the_sign(text: str) -> list:  # the sign's own place: no numeral ends there
        return numerals.numerals_in_runs_at(text, [m.start() for m in _MARKS.finditer(text)])
    texts = _texts(600)
    assert [t for t in texts for _ in _wrong_leads(t, at_the_sign, _REACH)]


def test_the_places_found_mark_by_mark_are_the_alternation_s():
    # The marks side by side (%百分之, 百分之%, 5%%, a sign first), in every order and density.
    texts = _texts() + fragment_texts(["%", "％", "百分之", "百", "分之", "5", "一", "a", "，"], "percent-places", 20_000, 12)
    places = 0
    for text in texts:
        want = [place for m in _MARKS.finditer(text)
                if (place := m.start() - (m.end() - m.start() == 1)) >= 0 and text[place] in numerals._FIRST_CHARS]
        assert numerals.percent_places(text) == want, text
        places += len(want)
    assert places > 20_000
