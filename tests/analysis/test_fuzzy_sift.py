"""FuzzyMatcher.find's sift (gongwen.analysis.fuzzy): the compiled one (``_fuzzy_sift.c``) gives
the Python sift's exact strings and places, and skips a place only where the comparison there
finds nothing (``within_reach``), so find's near misses are those of the plain Python loop.

Texts: near misses of the real protected strings and of the roster (one slip, two slips, two
characters dropped from a long string), their halves alone, numerals, among filler drawn from
their own characters, in each of CPython's three string kinds (ASCII-only filler, Han, a
character beyond the BMP) and with a lone surrogate.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from support import compiled_or_skip, slipped

from gongwen.analysis import fuzzy
from gongwen.analysis.shared_scan import own_matches
from gongwen.rules.protected import phrase_matcher, roster_matcher

_fuzzy_sift = compiled_or_skip("_fuzzy_sift")

FILLER = "的和在中国人民发展建设社会主义会议全面推进工作二十届三中全会部省市县，\n"
RARE = ("a", "0", "𠀀", "\ud800", "")


def _matchers():
    return [phrase_matcher(), roster_matcher((), True)]


def _near(rnd: random.Random, m, filler: str) -> str:
    text = rnd.choice(m.patterns).text
    r = rnd.random()
    if r < 0.15 and len(text) >= fuzzy.LONG:  # two adjacent characters dropped
        at = rnd.randrange(len(text) - 1)
        return text[:at] + text[at + 2:]
    if r < 0.3:  # a half alone, or beside another half
        cut = rnd.randrange(2, len(text) - 1)
        return text[:cut] if rnd.random() < 0.5 else text[cut:]
    out = slipped(rnd, text, filler, m.numerals)
    return slipped(rnd, out, filler, m.numerals) if r < 0.45 and len(out) > 1 else out


def _texts(m, count: int, seed: str) -> list[str]:
    rnd = random.Random(seed)
    # the strings' own characters as filler: a half found in other text, its rest near by chance
    own = "".join({ch for p in m.patterns for ch in p.text})
    texts = []
    for _ in range(count):
        filler = FILLER + own if rnd.random() < 0.5 else own
        parts = []
        for _ in range(rnd.randint(1, 4)):
            parts.append("".join(rnd.choice(filler) for _ in range(rnd.choice((0, 0, 1, 2, 3, 8)))))
            parts.append(_near(rnd, m, filler))
        parts.append(rnd.choice(RARE))
        texts.append("".join(parts))
    return texts


def test_the_compiled_sift_gives_the_python_sift_places():
    differ = tried = 0
    for m in _matchers():
        for text in _texts(m, 3_000, "sift-places"):
            matches = own_matches(m, text)
            python = fuzzy.sift(text, matches, m.sites, m.keys, m.numerals, reach=True)
            differ += python != _fuzzy_sift.sift(text, matches, m.sites, m.keys, fuzzy.LONG, m.numerals)
            tried += len(python[1])
    assert differ == 0 and tried > 10_000


def test_a_place_out_of_reach_holds_nothing_to_find():
    """At every place from three before the text to its end, for every string of about the
    text's length: where within_reach says no, the comparison finds no near miss and no exact
    string."""
    m = phrase_matcher()
    by_length: dict[int, list[int]] = {}
    for index, p in enumerate(m.patterns):
        by_length.setdefault(len(p.text), []).append(index)
    rnd = random.Random("sift-reach")
    wrong = skipped = found = 0
    for _ in range(1_500):
        text = "".join(rnd.choice(FILLER[:6]) for _ in range(rnd.randint(0, 2))) + _near(rnd, m, FILLER)
        for p_index in (i for size in range(len(text) - 3, len(text) + 4) for i in by_length.get(size, ())):
            pat = m.patterns[p_index]
            for s0 in range(-3, len(text)):
                exact: list[tuple[int, int]] = []
                hit = m._verify(text, pat, s0, exact)
                found += hit is not None
                if not fuzzy.within_reach(text, pat.text, s0, m.numerals):
                    skipped += 1
                    wrong += hit is not None or bool(exact)
    assert wrong == 0 and found > 1_000 and skipped > 10_000


def test_find_through_the_compiled_sift_equals_the_plain_loop(monkeypatch):
    for m in _matchers():
        texts = _texts(m, 2_000, "sift-find")
        compiled = [m.find(text) for text in texts]
        monkeypatch.setattr(fuzzy, "_fuzzy_sift", None)
        plain = [m.find(text) for text in texts]
        monkeypatch.undo()
        assert sum(map(bool, plain)) > 500  # near misses are there to find
        assert compiled == plain


def _reach_mutant(left: int, right: int, spare: int):
    """within_reach reading ``left`` characters more on the left and ``right`` more on the right
    of its window (negative: fewer), with a cutoff ``spare`` higher."""
    def reach(text: str, pat: str, s0: int, numerals: str) -> bool:
        lo, hi = max(0, s0 - 1 - left), min(len(text), s0 + len(pat) + 2 + right)
        window = text[lo:hi] if hi > lo else ""
        if fuzzy.ANY_NUMERAL in pat:
            window = "".join(fuzzy.ANY_NUMERAL if ch in numerals else ch for ch in window)
        missing = Counter(pat)
        missing.subtract(window)
        return sum(c for c in missing.values() if c > 0) <= (2 if len(pat) >= fuzzy.LONG else 1) + spare
    return reach


@pytest.mark.parametrize("left, right, spare", [(0, 0, -1), (-2, 0, 0), (0, -3, 0)])
def test_a_narrower_reach_is_caught(monkeypatch, left, right, spare):
    """A cutoff one lower, or a window two characters short on the left or three on the right,
    drops places that hold a near miss. (One short on a side is not caught: the multiset test
    is loose by a character there, a slip's own cost; the bound stays the proven one.)"""
    monkeypatch.setattr(fuzzy, "within_reach", _reach_mutant(left, right, spare))
    m = phrase_matcher()
    lost = 0
    for text in _texts(m, 2_000, "sift-find"):
        matches = own_matches(m, text)
        _, tries = fuzzy.sift(text, matches, m.sites, m.keys, m.numerals, reach=True)
        _, plain_tries = fuzzy.sift(text, matches, m.sites, m.keys, m.numerals)
        lost += any(m._verify(text, m.patterns[p], s0, []) is not None for p, s0 in set(plain_tries) - set(tries))
    assert lost > 0


def test_the_mutant_with_nothing_changed_is_within_reach():
    """The mutants' template, unchanged, is within_reach (so that what they catch is the change)."""
    m = phrase_matcher()
    same = _reach_mutant(0, 0, 0)
    rnd = random.Random("sift-template")
    texts = _texts(m, 300, "sift-template")
    assert all(same(t, p.text, s0, m.numerals) == fuzzy.within_reach(t, p.text, s0, m.numerals)
               for t in texts for p in rnd.sample(m.patterns, 5) for s0 in range(-3, len(t)))


def test_strings_longer_than_the_window_buffer():
    """A window wider than the C sift's buffer on the stack (a user's long string) is read the
    same."""
    rnd = random.Random("sift-long")
    alphabet = "一二三四五六七八九十届中全会党的大精神"
    strings = ["".join(rnd.choice(alphabet[9:]) for _ in range(70)) for _ in range(3)] + ["第##届" + "中" * 66]
    m = fuzzy.FuzzyMatcher([fuzzy.Pattern(s, None) for s in strings], (), "一二三四五六七八九十")
    differ = tried = 0
    for _ in range(300):
        text = "".join(_near(rnd, m, alphabet) for _ in range(2))
        matches = own_matches(m, text)
        python = fuzzy.sift(text, matches, m.sites, m.keys, m.numerals, reach=True)
        differ += python != _fuzzy_sift.sift(text, matches, m.sites, m.keys, fuzzy.LONG, m.numerals)
        tried += len(python[1])
    assert differ == 0 and tried > 100


def _numbered_places(count: int):
    """(text, near miss) pairs: texts of numbered shields and near misses with numerals filled
    in, among filler, and a near miss of a numbered string at every edit span of up to three
    characters, from before the text's start to past its end."""
    m = phrase_matcher()
    numbered = [p for p in m.patterns if fuzzy.ANY_NUMERAL in p.text]
    rnd = random.Random("numbered-shield")
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            parts.append("".join(rnd.choice(FILLER) for _ in range(rnd.choice((0, 1, 3)))))
            source = rnd.choice(m.numbered_shields) if rnd.random() < 0.6 else rnd.choice(numbered).text
            parts.append(slipped(rnd, source, "中次届会全体" + m.numerals, m.numerals))
        text = "".join(parts)
        at = rnd.randrange(-2, len(text) + 2)
        to = at + rnd.randrange(0, 4)
        yield m, text, fuzzy.NearMiss(max(0, at - 3), to + 3, rnd.choice(numbered), "wrong", "", (at, to))


def test_the_numbered_shields_window_equals_the_place_by_place_test():
    differ = shielded = 0
    for m, text, hit in _numbered_places(20_000):
        plain = m._numbered_shield_plain(text, hit)
        shielded += plain
        differ += m._numbered_shield(text, hit) != plain
    assert differ == 0 and shielded > 2_000
