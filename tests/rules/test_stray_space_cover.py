"""PUN017 asks its layout spans whether one holds a space by binary search (_Cover); the answer
must be the plain one (any span holding it, bylines.inside) for any spans, nested, overlapping
or adjacent, and a cover that forgets the furthest end so far must be caught."""
from __future__ import annotations

import bisect
import random

from gongwen.analysis.bylines import inside
from gongwen.rules import punct_layout


def _random_spans(rnd: random.Random) -> list[tuple[int, int]]:
    spans = []
    for _ in range(rnd.randrange(0, 12)):
        s = rnd.randrange(0, 40)
        spans.append((s, s + rnd.randrange(0, 15)))
    return spans


def _queries(rnd: random.Random):
    for _ in range(30):
        s = rnd.randrange(0, 50)
        yield s, s + rnd.randrange(1, 6)


def test_the_cover_answers_what_the_plain_search_answers():
    rnd = random.Random("stray-space-cover")
    held = 0
    for _ in range(3000):
        spans = _random_spans(rnd)
        cover = punct_layout._Cover(list(spans))
        for s, e in _queries(rnd):
            assert cover.holds(s, e) == inside(spans, s, e), (spans, s, e)
            held += inside(spans, s, e)
    assert held > 5000, "too few held spaces to prove anything"


def test_a_cover_that_looks_only_at_the_last_span_is_caught():
    class LastOnly(punct_layout._Cover):
        def holds(self, start, end):  # the nearest span's end instead of the furthest so far
            i = bisect.bisect_right(self.starts, start) - 1
            return i >= 0 and self.ends[i] >= end

    rnd = random.Random("stray-space-cover")
    wrong = 0
    for _ in range(300):
        spans = _random_spans(rnd)
        cover = LastOnly(list(spans))
        cover.ends = [e for _, e in sorted(spans)]
        wrong += any(cover.holds(s, e) != inside(spans, s, e) for s, e in _queries(rnd))
    assert wrong > 0
