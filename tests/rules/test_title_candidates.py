"""On a document of short units PUN018 (title-trailing-punct) looks for the title only among the
units one search at a time finds holding an inner mark or a document type (the others could
only be passed over): over many random documents its findings equal those of looking at every
unit, and searches that forget a mark, the one-character types or a unit after a match between
units are caught (and one that forgets an item's ordinal, which ends the search too)."""
from __future__ import annotations

import re

import pytest
from support import (assert_shortcut_caught, assert_shortcut_exact, fragment_texts,
                     take_every_document_for_short_units)

import gongwen.rules.punct_layout as layout
from gongwen.analysis import lexicon, routing

# Whole lines: titles with a stray mark (one ending in a one-character type), chrome, short
# list lines, lines with one inner mark, a salutation; a text is a few of them.
_LINES = ["关于2024年度工作的报告。", "雁峰区政府工作报告；", "关于同意设立试点的复函。", "关于同意设立试点的复函", "年度工作情况，",
          "衡阳市雁峰区2024年度报告", "首页 > 专题 > 报告。", "来源：北京日报", "【字体：大 中 小】", "- a", "a",
          "1. a", "正文", "a：b", "各位代表：", "一、主要举措。", "二、存在问题", "甲函", "函。", "。", "\u3000"]


def _texts(count: int) -> list[str]:
    ends = ["\n", "\n", "\r\n", "\n\n"]
    return fragment_texts([line + end for line in _LINES for end in ends], "title-candidates", count, 8)


def test_the_candidates_give_the_findings_of_looking_at_every_unit(monkeypatch):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_exact(monkeypatch, "PUN018", _texts(4_000), routing, "SHORT_UNITS", 0, 200)


def _wrong_stop(source: str):
    return lambda: re.compile(source)


def _types(single: bool) -> str:
    return lexicon.alternation(w for w in lexicon.words("document_types.txt") if single or len(w) > 1)


@pytest.mark.parametrize("wrong", [
    lambda: rf"[，。；、！？,;:!?]|{_types(True)}",  # forgets ：
    lambda: rf"{layout._TITLE_INNER.pattern}|{_types(False)}",  # forgets 函
    lambda: layout._TITLE_INNER.pattern,  # forgets the types
    lambda: rf"{layout._TITLE_INNER.pattern}|{_types(True)}",  # forgets the items' ordinals (1. a)
])
def test_a_wrong_search_is_caught(monkeypatch, wrong):
    take_every_document_for_short_units(monkeypatch)
    assert_shortcut_caught(monkeypatch, "PUN018", _texts(4_000), layout, "_title_stop", _wrong_stop(wrong()))


# Markdown pages: a table's delimiter row (|:-|-:|) holds a colon between two units.
_MARKDOWN_LINES = ["|a|b|", "|:-|-:|", "|1|2|", "标题", "===", "- a", "", "关于同意设立试点的复函",
                   "雁峰区政府工作报告；", "关于2024年度工作的报告。", "正文"]


def _markdown_findings(texts: list[str]) -> list[list[tuple]]:
    from gongwen import api

    return [[(d.start, d.end, d.message, d.fixes) for d in api.lint_text(t, fmt="markdown", select=["PUN018"])]
            for t in texts]


def _markdown_texts(count: int) -> list[str]:
    return fragment_texts([line + "\n" for line in _MARKDOWN_LINES], "title-candidates-md", count, 10)


def _stopping_at_a_match_between_units(doc):
    """The candidates, but none after a match between two units."""
    text, units = doc.text, doc.units
    if not (routing.has_short_units(doc) and routing.units_are_slices(doc)):
        yield from units
        return
    pos = 0
    while (m := layout._title_stop().search(text, pos)) is not None:
        i = max((k for k, u in enumerate(units) if u.start <= m.start()), default=-1)
        if i < 0 or m.start() >= units[i].end:
            return
        yield units[i]
        pos = units[i].end


@pytest.mark.parametrize("wrong", [None, _stopping_at_a_match_between_units])
def test_markdown_pages_with_matches_between_units(monkeypatch, wrong):
    texts = _markdown_texts(3_000)
    take_every_document_for_short_units(monkeypatch, short=False)
    plain = _markdown_findings(texts)
    assert sum(1 for f in plain if f) > 100
    take_every_document_for_short_units(monkeypatch)
    if wrong is not None:
        monkeypatch.setattr(layout, "_title_candidates", wrong)
    assert (_markdown_findings(texts) == plain) == (wrong is None)


# Pieces of text for the search tried only at its start characters: marks, ordinals, every
# document type, and characters that start none of them.
_SEARCH_PIECES = [*layout._TITLE_INNER_MARKS, "1", "12", "1.", "2、", "3.5", "一、", "十二、", "（一）", "(2)", "①", "⑳",
                  *lexicon.words("document_types.txt"), "报", "告", "中", "a", "-", " ", "\n", "\r\n", "（", "一"]


def _search_texts(count: int) -> list[str]:
    return fragment_texts(_SEARCH_PIECES, "title-stop-search", count, 20)


def _search_key(search, texts: list[str]) -> list:
    out = []
    for k, text in enumerate(texts):
        pos = k % (len(text) + 1)
        m = search(text, pos)
        out.append(None if m is None else (m.span(), m.group()))
    return out


def _plain_title_stop() -> re.Pattern:
    """_title_stop without its leading look-ahead (the reference)."""
    return re.compile(rf"{layout._TITLE_INNER.pattern}|{layout._ITEM_ORDINAL}|{lexicon.pattern('document_types.txt')}")


def test_the_look_ahead_changes_no_match():
    texts = _search_texts(20_000)
    found = _search_key(layout._title_stop().search, texts)
    assert found == _search_key(_plain_title_stop().search, texts)
    assert sum(f is not None for f in found) > 10_000 and sum(f is None for f in found) > 1_000


def test_a_look_ahead_without_a_type_s_first_character_is_caught():
    texts = _search_texts(20_000)
    source = layout._title_stop().pattern
    wrong = re.compile(source.replace("函", "", 1))  # the look-ahead's 函: the type 函 is never reached
    assert wrong.pattern != source
    assert _search_key(wrong.search, texts) != _search_key(_plain_title_stop().search, texts)
