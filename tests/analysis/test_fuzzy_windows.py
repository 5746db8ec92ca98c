"""The near-miss verdicts remembered per window (gongwen.analysis.fuzzy) equal the plain
comparison at each place of the whole text, on random texts of near misses of the real
protected strings; two wrong memos (a window one character short, a key without the place
in the window) are caught."""
from __future__ import annotations

import copy
import random
from functools import lru_cache

import pytest

from gongwen.analysis import fuzzy
from gongwen.rules.protected import phrase_matcher
from support import slipped

FILLER = "的和在中国人民发展建设社会主义会议全面推进工作二十届三中全会部省市县"


def _texts(count: int) -> list[str]:
    """Short texts (a near miss alone, where consecutive places share one window) and longer
    ones: near misses among filler, at the start, in the middle, at the end."""
    m = phrase_matcher()
    rnd = random.Random("fuzzy-windows")
    texts = []
    for i in range(count):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            parts.append("".join(rnd.choice(FILLER) for _ in range(rnd.choice((0, 0, 1, 2, 3, 6)))))
            parts.append(slipped(rnd, rnd.choice(m.patterns).text, FILLER, m.numerals))
        if i % 2:
            parts.append("".join(rnd.choice(FILLER) for _ in range(rnd.randint(0, 4))))
        texts.append("".join(parts))
    return texts


def _verdicts(m, texts: list[str]) -> tuple[int, int]:
    """(places where the matcher's memo differs from the plain comparison in the whole text,
    near misses found): every pattern of about the text's length at every place from three
    before the start (a piece found early puts its string there) to the end, each text given
    in turn to the same memo."""
    differ = hits = 0
    by_length: dict[int, list[int]] = {}
    for index, p in enumerate(m.patterns):
        by_length.setdefault(len(p.text), []).append(index)
    for text in texts:
        indexes = [i for size in range(len(text) - 3, len(text) + 3) for i in by_length.get(size, ())]
        for p_index in indexes:
            for s0 in range(-3, len(text)):
                plain_exact: list[tuple[int, int]] = []
                memo_exact: list[tuple[int, int]] = []
                plain = m._verify(text, m.patterns[p_index], s0, plain_exact)
                hits += plain is not None
                differ += (plain, plain_exact) != (m._near_miss(text, p_index, s0, memo_exact), memo_exact)
    return differ, hits


def _fresh(m):
    """``m`` with an empty memo of its own."""
    fresh = copy.copy(m)
    fresh._window_verdict = lru_cache(maxsize=None)(fresh._verdict)
    return fresh


def _short_texts(count: int) -> list[str]:
    """A near miss with at most two characters around it: the texts where one window holds
    the string at two places (its end clipped by the text's)."""
    return [text for text in _texts(count * 3) if len(text) <= 30][:count]


def test_remembered_verdicts_equal_the_plain_comparison():
    m = _fresh(phrase_matcher())
    differ, hits = _verdicts(m, _short_texts(800))
    assert differ == 0 and hits > 300


def test_find_gives_the_same_near_misses_with_and_without_the_memo():
    m = phrase_matcher()
    plain = copy.copy(m)
    plain._near_miss = lambda text, p_index, s0, exact: m._verify(text, m.patterns[p_index], s0, exact)
    texts = _texts(3_000)
    assert sum(bool(plain.find(text)) for text in texts) > 300  # near misses are there to find
    assert sum(_fresh(m).find(text) != plain.find(text) for text in texts) == 0


def test_a_window_one_character_short_is_caught(monkeypatch):
    m = _fresh(phrase_matcher())
    monkeypatch.setattr(fuzzy, "_window", lambda s0, size: (max(0, s0 - 1), s0 + size + 1))
    differ, _ = _verdicts(m, _short_texts(300))
    assert differ > 0


def test_a_memo_that_forgets_the_place_is_caught():
    m = _fresh(phrase_matcher())
    remembered = {}

    def by_window_only(p_index, window, s0):
        key = (p_index, window)
        if key not in remembered:
            remembered[key] = m._verdict(p_index, window, s0)
        return remembered[key]

    m._window_verdict = by_window_only
    differ, _ = _verdicts(m, _short_texts(300))
    assert differ > 0
@pytest.mark.parametrize("size", [1, 64])
def test_the_memo_is_bounded(size, monkeypatch):
    """A long run of documents keeps at most ``_VERDICTS`` windows per matcher."""
    monkeypatch.setattr(fuzzy, "_VERDICTS", size)
    m = fuzzy.FuzzyMatcher([fuzzy.Pattern("乡村振兴示范带建设", None)], (), "一二三")
    for i in range(200):
        m.find("推进乡村振示范带建设" + "的" * (i % 7) + "乡村振兴示范带建")
    assert m._window_verdict.cache_info().currsize <= size
