"""Prefilters of FMT005 and of the literal matcher (TRM rules) must not change a match.

FMT005 tries its pattern only at the starts a stdlib ``re`` pattern allows, and the literal
matcher searches short lists with a DFA; a wrong start pattern would silently drop findings.
(The date layer's starts are checked in tests/analysis/test_dates.py, WEB004's gate in
test_prefilters_web.py.)
"""
from __future__ import annotations

import random
import re

from support import SEED, match_key, random_texts

from gongwen import kinds
from gongwen.rules import structure_enumerators
from gongwen.analysis.text import matches_at

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
    for text in random_texts(ENUMERATOR_ALPHABET, "enumerators"):
        assert match_key(matches_at(structure_enumerators._ENUMERATOR, text, structure_enumerators._ENUMERATOR_START)) == match_key(
            structure_enumerators._ENUMERATOR.finditer(text)), text


def test_an_enumerator_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only two numerals drop 二十一是."""
    narrow = re.compile(structure_enumerators._ENUMERATOR_START.pattern.replace("{0,2}", "{0,1}", 1))
    assert narrow.pattern != structure_enumerators._ENUMERATOR_START.pattern
    assert any(match_key(matches_at(structure_enumerators._ENUMERATOR, text, narrow)) != match_key(structure_enumerators._ENUMERATOR.finditer(text))
               for text in random_texts(ENUMERATOR_ALPHABET, "enumerators", 5_000))
