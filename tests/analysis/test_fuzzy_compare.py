"""The comparison at a place (gongwen.analysis.fuzzy.compare): the compiled one
(``_fuzzy_sift.compare``, its own OSA distance on code points) gives exactly what the Python one
(rapidfuzz's OSA) gives — the exact span or the spans within the cutoff, in the same order — at
every place of texts of slipped protected strings, short and long (cutoff 2), numbered ones read
with "#", strings of one repeated character or pair (swaps that are no change), and in the three
str kinds; and find through it equals find through the Python path."""
from __future__ import annotations

import random

from support import compiled_or_skip, slipped

from gongwen.analysis import fuzzy
from gongwen.rules.protected import phrase_matcher, roster_matcher

_fuzzy_sift = compiled_or_skip("_fuzzy_sift")

FILLER = "的和在中国人民发展建设社会主义会议全面推进二十届三中全会#，a𠀀"


def _strings(rnd: random.Random) -> list[str]:
    real = [p.text for m in (phrase_matcher(), roster_matcher((), True)) for p in m.patterns]
    odd = ["".join(rnd.choice("甲乙") for _ in range(rnd.randint(4, 14))) for _ in range(40)]
    odd += ["甲乙" * rnd.randint(2, 8) for _ in range(10)] + ["丙" * rnd.randint(4, 80) for _ in range(10)]
    return real + odd


def _places(count: int, seed: str):
    rnd = random.Random(seed)
    strings = _strings(rnd)
    for _ in range(count):
        pat = rnd.choice(strings)
        filler = FILLER + pat
        near = slipped(rnd, pat, filler, "#")  # a numbered string as compare reads it
        if rnd.random() < 0.4 and len(near) > 1:
            near = slipped(rnd, near, filler, "#")
        before = "".join(rnd.choice(filler) for _ in range(rnd.choice((0, 1, 2, 3))))
        after = "".join(rnd.choice(filler) for _ in range(rnd.choice((0, 1, 2, 3))))
        source = before + near + after
        for s0 in range(-len(pat) - 1, len(source) + 2):
            yield pat, source, s0


def test_the_compiled_comparison_gives_the_python_one():
    differ = exact = spans = 0
    for pat, source, s0 in _places(2_500, "compare"):
        python = fuzzy.compare(pat, source, s0, fuzzy.LONG)
        differ += python != _fuzzy_sift.compare(pat, source, s0, fuzzy.LONG)
        exact += python[0] is not None
        spans += len(python[1])
    assert differ == 0 and exact > 1_500 and spans > 10_000


def test_find_through_it_equals_find_through_the_python_comparison(monkeypatch):
    for m in (phrase_matcher(), roster_matcher((), True)):
        rnd = random.Random("compare-find")
        texts = ["".join(rnd.choice(FILLER[:-3]) for _ in range(rnd.randint(0, 3)))
                 + slipped(rnd, rnd.choice(m.patterns).text, FILLER[:-3], m.numerals) + "，" for _ in range(800)]
        fresh = lambda: fuzzy.FuzzyMatcher(m.patterns, [*m.shield_keys, *m.numbered_shields], m.numerals,
                                           "".join(m.levels), m.edge_substitutions, pair_rarity=None,
                                           edge_deletion=m.edge_deletion, shield_edges=m.shield_edges)
        compiled = [fresh().find(t) for t in texts]
        monkeypatch.setattr(_fuzzy_sift, "compare", fuzzy.compare)  # rapidfuzz's OSA
        plain = [fresh().find(t) for t in texts]
        monkeypatch.undo()
        assert sum(map(bool, plain)) > 200, sum(map(bool, plain))
        assert compiled == plain
