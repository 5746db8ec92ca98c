"""FMT005 finds where its enumerators may start by one search of the document's text
(structure_enumerators._units_with_starts), not one per unit: on thousands of random plain-text,
Markdown and HTML pages its enumerators are those of the former loop over every unit (kept
here as the reference), and starts mapped to the wrong unit, or a start pattern that forgets
首先, are caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen.analysis.outline import CN_NUM, heading_value
from gongwen.analysis.text import BLANKS, matches_at
from gongwen.document import Document
from gongwen.formats import read_text_format
from gongwen.rules import structure_enumerators as enumerators
from gongwen.rules.structure_enumerators import Enumerator


_PATTERN, _STARTS = enumerators._ENUMERATOR, enumerators._ENUMERATOR_START  # as written, whatever a test patches


def _former_scan(doc: Document) -> list[Enumerator]:
    """The loop over every unit, each searched on its own (the reference)."""
    found = []
    for unit in doc.units:
        text = unit.text
        if "是" not in text and "第" not in text and "次" not in text and "首" not in text:
            continue
        lead = len(text) - len(text.lstrip(BLANKS))
        heading_line = "。" not in text
        for m in matches_at(_PATTERN, text, _STARTS):
            family = m.lastgroup
            word = m.group(family)
            value = enumerators._ORDER_WORDS[word] if family == "order" else heading_value("l1", word)
            if not value:
                continue
            start = unit.start + m.start()
            end = unit.start + (m.end(family) + (family == "shi") if family != "di" else m.end(family))
            found.append(Enumerator(unit.index, family, heading_line and m.start() == lead, value, start, end))
    return found


_PIECES = ["一是", "二是", "三是", "十二是", "第一，", "第二,", "第三是", "首先", "其次，", "其次是", "再次，", "一是一",
           "统一是", "是否", "第一、", "一", "二", "是", "第", "次", "首", "其", "再", "先", "，", "。", "；", "：",
           "　", " ", "（", "“", "强化党建", "\n", "\n", "\r\n", "\n\n"]


def _page(rnd: random.Random) -> Document:
    text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 40)))
    kind = rnd.random()
    if kind < 0.6:
        return Document(path="page.txt", text=text)
    lines = text.splitlines()
    if kind < 0.8:
        return read_text_format("markdown", "".join(rnd.choice(("", "- ", "1. ", "> ")) + line + "\n"
                                                     for line in lines), "page.md", {})
    cells = "".join(f"<{rnd.choice(('p', 'td', 'li', 'span'))}>{line}" for line in lines)
    return read_text_format("html", f"<html><body><table><tr>{cells}</table></body></html>", "page.html", {})


@pytest.fixture(scope="module")
def pages() -> list[Document]:
    rnd = random.Random("enumerators scan")
    return [_page(rnd) for _ in range(5_000)]


def _differences(pages: list[Document]) -> int:
    return sum(enumerators._scan_enumerators(d) != _former_scan(d) for d in pages)


def test_the_scan_finds_the_enumerators_of_every_unit_s_own_search(pages):
    assert _differences(pages) == 0
    assert sum(len(_former_scan(d)) for d in pages) > 10_000
    assert sum(1 for d in pages if d.format != "text" and _former_scan(d)) > 1_000
    assert sum(1 for d in pages if any(e.heading for e in _former_scan(d))) > 500


def test_starts_read_from_the_wrong_unit_are_caught(pages, monkeypatch):
    monkeypatch.setattr(enumerators, "bisect_right", lambda a, x: max(1, __import__("bisect").bisect_right(a, x) - 1))
    assert _differences(pages) > 0


def test_a_start_pattern_that_forgets_a_branch_is_caught(pages, monkeypatch):
    source = enumerators._ENUMERATOR_START.pattern.replace("|首(?=先)", "")
    assert source != enumerators._ENUMERATOR_START.pattern
    monkeypatch.setattr(enumerators, "_ENUMERATOR_START", re.compile(source))
    enumerators._start_finder.cache_clear()
    try:
        assert _differences(pages) > 0
    finally:
        enumerators._start_finder.cache_clear()


def test_units_that_are_no_slices_are_searched_each_on_its_own(pages, monkeypatch):
    """A document whose units are not slices of its text (made by hand) takes the per-unit path."""
    monkeypatch.setattr(enumerators, "units_are_slices", lambda doc: False)
    assert _differences(pages) == 0


def test_a_per_unit_gate_without_次_is_caught(pages, monkeypatch):
    monkeypatch.setattr(enumerators, "units_are_slices", lambda doc: False)

    def without次(text):  # finds no start in a unit without 次 where the gate would have let it through
        return real(text) if ("是" in text or "第" in text or "首" in text) else []
    real = enumerators._start_places
    monkeypatch.setattr(enumerators, "_start_places", without次)
    assert _differences(pages) > 0


# The start pattern as stdlib re searched it before the compiled finder (round 16), led by its
# class of 13 characters with lookbehinds: the reference of the finder's places.
_FORMER_STARTS = re.compile(
    rf"[{CN_NUM}第首其再](?:(?<=[{CN_NUM}])(?=[{CN_NUM}]{{0,2}}是)|(?<=第)(?=[{CN_NUM}]{{1,3}}[是，,])"
    r"|(?<=首)(?=先)|(?<=其)(?=次[，,是])|(?<=再)(?=次[，,]))")
_START_PIECES = [*CN_NUM, "〇", "两", "是", "第", "首", "先", "其", "次", "再", "，", ",", "、", "。", "a", "\n"]


def _texts(count: int) -> list[str]:
    rnd = random.Random("enumerator start places")
    return ["".join(rnd.choice(_START_PIECES) for _ in range(rnd.randint(0, 60))) for _ in range(count)]


def _place_differences(texts: list[str]) -> int:
    return sum(enumerators._start_places(t) != [m.start() for m in _FORMER_STARTS.finditer(t)] for t in texts)


def test_the_compiled_finder_gives_the_former_start_places():
    """The compiled finder's places are the former pattern's matches, and no other, on 20,000
    texts dense in them."""
    texts = _texts(20_000)
    assert enumerators._start_finder() is not None  # the compiled path is the one tested
    assert sum(len(enumerators._start_places(t)) for t in texts) > 10_000
    assert _place_differences(texts) == 0


def test_the_start_places_without_the_extension_are_the_same(monkeypatch):
    monkeypatch.setattr(enumerators, "_start_finder", lambda: None)  # as where it is not built
    assert _place_differences(_texts(5_000)) == 0


def test_a_route_that_allows_one_numeral_too_few_is_caught(monkeypatch):
    source = enumerators._ENUMERATOR_START.pattern.replace("{0,2}", "{0,1}", 1)
    assert source != enumerators._ENUMERATOR_START.pattern
    monkeypatch.setattr(enumerators, "_ENUMERATOR_START", re.compile(source))
    enumerators._start_finder.cache_clear()
    try:
        assert _place_differences(_texts(5_000)) > 0
    finally:
        enumerators._start_finder.cache_clear()
