"""The date rules read only the units one scan of the whole text picks (gongwen.analysis.routing):
they must report exactly what they report when they read every unit.

- Each routing pattern is necessary: every text in which the rule's own pattern (a date, a
  month number alone, a compact-date candidate, a bare year) matches holds a match of it.
- The whole-text scan picks every unit whose own text holds a match, whatever stands next to
  it in the document (units cut anywhere, joined by line breaks or by nothing).
- The eight routed rules' findings over random documents are those of the plain reading of
  every unit; a route that forgets 十 before 月 and a scan that loses a unit are each caught.
"""
from __future__ import annotations

import random
import re

import pytest
from support import case_documents, joined_document, random_texts

from gongwen import api
from gongwen.analysis import compact_dates, dates, routing
from gongwen.document import Document, TextUnit
from gongwen.rules import dates as date_rules

ROUTED = ("DAT001", "DAT002", "DAT003", "DAT004", "DAT005", "DAT007", "NUM012", "NUM013")
# Date characters and their neighbours: numerals of both kinds, the date words, separators,
# the words of DAT001's slots, blanks and line breaks.
ALPHABET = ("0123456789０１２３４５６７８９〇零○O一二三四五六七八九十廿初正腊冬"
            "年月日号./-—至于截自起前施行召开份底农历，。（）《》“ 　\n")


def _date_texts(name: str, count: int = 20_000) -> list[str]:
    rnd = random.Random(name)
    pieces = ["2024年", "二〇二四年", "24年", "13月底", "十月", "1月1日", "2024.1.7", "202431",
              "20250127", "2024年0107", "2024推进", "截至", "于", "召开", "\n", "，"]
    texts = random_texts(ALPHABET, name, count)
    for _ in range(count):
        texts.append("".join(rnd.choice(pieces) if rnd.random() < 0.5 else rnd.choice(ALPHABET)
                             for _ in range(rnd.randint(1, 16))))
    return texts


def _holds_date_or_month(text: str) -> bool:
    return bool(dates.find_dates(text)) or date_rules._BAD_MONTH_ALONE.search(text) is not None


def _holds_candidate(text: str) -> bool:
    return compact_dates._CANDIDATE.search(text) is not None


def _holds_bare_year(text: str) -> bool:
    return date_rules._BARE_YEAR.search(text) is not None


NECESSARY = [
    ("dates", dates.MAY_HOLD_DATE, _holds_date_or_month),
    ("compact dates", compact_dates.COMPACT_DATE_START, _holds_candidate),
    ("bare years", date_rules._BARE_YEAR_ROUTE, _holds_bare_year),
]


def _missed(route: "re.Pattern[str]", holds, texts: list[str]) -> tuple[list[str], int]:
    held = [t for t in texts if holds(t)]
    return [t for t in held if route.search(t) is None], len(held)


@pytest.mark.parametrize("name, route, holds", NECESSARY, ids=[n for n, _, _ in NECESSARY])
def test_every_text_the_rule_reads_holds_its_route(name, route, holds):
    missed, held = _missed(route, holds, _date_texts(name))
    assert held > 1_000  # the texts do hold what the rule looks for
    assert not missed[:5]


def test_a_route_without_shi_is_caught():
    wrong = re.compile(dates.MAY_HOLD_DATE.pattern.replace("十", ""))
    missed, _ = _missed(wrong, _holds_date_or_month, _date_texts("dates"))
    assert missed


def test_a_route_without_separator_dates_is_caught():
    """2024.1.7 holds no numeral before 年 or 月: the four digits before its point must route it."""
    wrong = re.compile(dates.MAY_HOLD_DATE.pattern.replace("|[0-9]{3}[./\\-]", ""))
    assert wrong.pattern != dates.MAY_HOLD_DATE.pattern
    missed, _ = _missed(wrong, _holds_date_or_month, _date_texts("dates"))
    assert missed


def test_a_list_marker_is_no_date_route():
    """A page of numbered lines (1. a) holds digits before a point on every line, and no date."""
    assert dates.MAY_HOLD_DATE.search("1. a\n2. b\n10. c\n（1）d\n") is None


def _documents(name: str, count: int) -> list[Document]:
    rnd = random.Random(name)
    texts = _date_texts(name, count * 4)
    docs = [joined_document(rnd, [rnd.choice(texts) for _ in range(rnd.randint(1, 12))]) for _ in range(count)]
    return [d for d in docs if d.units]


def _plain_scan(doc: Document, pattern: "re.Pattern[str]") -> tuple[TextUnit, ...]:
    return tuple(unit for unit in doc.units if pattern.search(unit.text))


def test_the_whole_text_scan_picks_every_unit_that_holds_a_match():
    for doc in _documents("scan", 3_000):
        for _, route, _ in NECESSARY:
            picked = set(routing._scan(doc, route))
            assert set(_plain_scan(doc, route)) <= picked
            assert all(route.search(doc.text, u.start) and route.search(doc.text, u.start).start() < u.end
                       for u in picked)


# Routes tried only where a shared start pattern matches: DAT001's and DAT005's years at a 19
# or a 20, as the two rules read them until their routes had a compiled finder
# (gongwen.analysis.class_routes); routing's start places stay for any route.
_YEAR_STARTS = re.compile("1(?=9)|2(?=0)")
STARTED = [(compact_dates.COMPACT_DATE_START, _YEAR_STARTS),
           (date_rules._BARE_YEAR_ROUTE.regex, _YEAR_STARTS)]


# Years of both centuries, their pieces and the characters around them.
_YEAR_PIECES = ["1998年", "19980101", "1999.1.7", "2024", "20250127", "2024年0107", "19", "20", "1920", "2019",
                "9", "0", "1", "2", "年", ".", "-", "／", "推进", "\n"]


def _year_documents(count: int) -> list[Document]:
    rnd = random.Random("starts")
    texts = ["".join(rnd.choice(_YEAR_PIECES) for _ in range(rnd.randint(1, 10))) for _ in range(count * 4)]
    docs = [joined_document(rnd, [rnd.choice(texts) for _ in range(rnd.randint(1, 12))]) for _ in range(count)]
    return [d for d in docs if d.units]


def _routes_tried_at_starts_differ(started) -> list[tuple[str, str]]:
    """(route, text) where the scan tried only at the start places picks other units than the
    search of the whole text, over random documents made of year-like pieces."""
    differ = []
    for doc in _year_documents(3_000):
        for route, starts in started:
            if routing._scan(doc, route, starts) != routing._scan(doc, route):
                differ.append((route.pattern, doc.text))
    return differ


def test_a_route_tried_only_where_its_starts_match_picks_the_same_units():
    assert _routes_tried_at_starts_differ(STARTED) == []


@pytest.mark.parametrize("wrong", ["1(?=9)", "2(?=0)"])
def test_start_places_that_miss_one_kind_of_year_are_caught(wrong):
    """Start places of 19 only (or 20 only): the units whose years are all of the other kind are lost."""
    assert _routes_tried_at_starts_differ([(route, re.compile(wrong)) for route, _ in STARTED])


def test_units_that_are_not_slices_of_the_text_are_each_searched():
    doc = Document(path="r.txt", text="甲", units=(TextUnit(0, 9, "2024年1月1日", "paragraph", 0),))
    assert routing.units_holding(doc, dates.MAY_HOLD_DATE) == doc.units


def _findings(linter, docs: list[Document]) -> list[list[tuple]]:
    out = []
    for doc in docs:
        fresh = Document(path=doc.path, text=doc.text, units=doc.units)  # no memo carried over
        out.append([(d.code, d.start, d.end, d.message, d.fixes, d.labels) for d in linter.lint(fresh)])
    return out


@pytest.fixture(scope="module")
def linter():
    return api.make_linter(select=list(ROUTED))


@pytest.fixture(scope="module")
def documents():
    return case_documents(ROUTED) + _documents("rules", 600)


def test_routed_rules_report_what_reading_every_unit_reports(linter, documents, monkeypatch):
    routed = _findings(linter, documents)
    assert sum(map(len, routed)) > 500  # the documents do hold findings of these rules
    monkeypatch.setattr(routing, "_scan", _plain_scan_all)
    assert _findings(linter, documents) == routed


def _plain_scan_all(doc: Document, pattern: "re.Pattern[str]", starts=None) -> tuple[TextUnit, ...]:
    return doc.units  # every unit: the rules then read what they read unit by unit


def test_a_scan_that_loses_a_unit_is_caught(linter, documents, monkeypatch):
    plain = _findings(linter, documents)
    scan = routing._scan
    monkeypatch.setattr(routing, "_scan", lambda doc, pattern, starts=None: scan(doc, pattern, starts)[1:])
    assert _findings(linter, documents) != plain
