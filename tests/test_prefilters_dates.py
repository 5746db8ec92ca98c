"""Prefilters of the date layer, FMT005 and the literal matcher must not change a match.

The date layer and FMT005 try their patterns only at the starts a stdlib ``re`` pattern allows,
and the literal matcher searches short lists with a DFA; a wrong start pattern would silently
drop findings. (WEB004's page-furniture gate is checked in test_prefilters_round2.py.)
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from gongwen import kinds
from gongwen.analysis import dates
from gongwen.analysis import outline
from gongwen.rules import structure_enumerators
from gongwen.analysis.text import BLANKS, matches_at

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "yanfeng-2024.txt"
DATE_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ0０正腊冬廿卅初"
                 "第几农历:_#〔[ 上本度，aZ．百千万亿两")


def _key(matches):
    return [(m.span(), m.groups()) for m in matches]


def _texts(alphabet: str, name: str, count: int = 30_000) -> list[str]:
    rnd = random.Random(name)
    texts = SEED.read_text(encoding="utf-8").splitlines()
    return texts + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


def test_date_starts_give_every_date():
    for text in _texts(DATE_ALPHABET, "dates"):
        assert _key(matches_at(dates._DATE, text, dates._DATE_START)) == _key(dates._DATE.finditer(text)), text


def test_a_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only 3 numerals before 年 drop 2025年."""
    narrow = re.compile(dates._DATE_START.pattern.replace("{0,3}", "{0,2}"))
    assert narrow.pattern != dates._DATE_START.pattern
    assert any(_key(matches_at(dates._DATE, text, narrow)) != _key(dates._DATE.finditer(text))
               for text in _texts(DATE_ALPHABET, "dates", 2_000))
    text = "2025年1月"
    assert _key(matches_at(dates._DATE, text, narrow)) != _key(dates._DATE.finditer(text))


def test_find_dates_on_long_runs_is_linear_enough():
    for ch in "2一年月.0":
        assert isinstance(dates.find_dates(ch * 200_000), list)


def test_literal_matcher_dfa_finds_what_the_default_automaton_finds():
    """LiteralMatcher builds a DFA for short string lists; the library's default automaton for
    the same strings must give the same non-overlapping matches (TRM001–TRM003, user terms)."""
    import ahocorasick_rs

    from gongwen.rules import terms

    matcher = terms.builtin_formulations().matcher
    assert sum(len(k) for k in matcher.keys) <= kinds._DFA_MAX_CHARS  # the DFA is in use
    default = kinds.LiteralMatcher.__new__(kinds.LiteralMatcher)
    default.keys, default.values = matcher.keys, matcher.values
    default.automaton = ahocorasick_rs.AhoCorasick(matcher.keys)
    rnd = random.Random("dfa")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(matcher.keys) if rnd.random() < 0.3 else rnd.choice("的和人民共和国中华，。")
                      for _ in range(rnd.randint(0, 12))) for _ in range(5_000)]
    for text in texts:
        assert matcher.find(text) == default.find(text), text


ENUMERATOR_ALPHABET = "一二三四五六七八九十第首其再先次是否非，,。；：:、 （(“统唯之居全国"


def test_enumerator_starts_give_every_enumerator():
    """FMT005 tries _ENUMERATOR only where a stdlib re pattern allows a start."""
    for text in _texts(ENUMERATOR_ALPHABET, "enumerators"):
        assert _key(matches_at(structure_enumerators._ENUMERATOR, text, structure_enumerators._ENUMERATOR_START)) == _key(
            structure_enumerators._ENUMERATOR.finditer(text)), text


def test_an_enumerator_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only two numerals drop 二十一是."""
    narrow = re.compile(structure_enumerators._ENUMERATOR_START.pattern.replace("{0,2}", "{0,1}", 1))
    assert narrow.pattern != structure_enumerators._ENUMERATOR_START.pattern
    assert any(_key(matches_at(structure_enumerators._ENUMERATOR, text, narrow)) != _key(structure_enumerators._ENUMERATOR.finditer(text))
               for text in _texts(ENUMERATOR_ALPHABET, "enumerators", 5_000))


def test_structure_gates_hold():
    """FMT001's scan runs _MARKER only on a paragraph whose first non-blank character can open
    one, and _PART/_ENUMERATED/_INTRO_END only when 第 opens it or 下 is in it."""
    alphabet = " \t\u3000\xa0一二十（()）0123456789.．、第部分章以如下：:，,。\u2474\u2487项"
    for text in _texts(alphabet, "structure"):
        body = text.strip(BLANKS)
        if outline._MARKER.match(text):
            assert body[:1] in outline._MARKER_FIRST, text
        if outline._PART.match(text) or outline._ENUMERATED.match(text):
            assert body[:1] == "第", text
        if outline._INTRO_END.search(body):
            assert "下" in body, text


def test_a_structure_gate_too_narrow_is_caught():
    """The check above can fail: a first-character set without the circled numbers misses ⑴."""
    narrow = outline._MARKER_FIRST - {"\u2474"}
    alphabet = " \u3000一（）1.、\u2474项"
    assert any(outline._MARKER.match(t) and t.strip(BLANKS)[:1] not in narrow
               for t in _texts(alphabet, "structure", 2_000))
