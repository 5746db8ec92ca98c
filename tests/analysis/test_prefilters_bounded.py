"""Two scans made linear must give what the plain scans gave.

- DAT001's page-header slot matches `　第3版` with an end bound (the `regex` module otherwise
  looks for 第 through the rest of the text at each slot test: quadratic on 于202431在 repeated);
  the bounded match must agree with the unbounded one at every position.
- TRM007's choice among overlapping near misses finds the one kept hit that can overlap by
  bisection instead of a pass over every kept hit; it must keep exactly what the pass kept.
"""
from __future__ import annotations

import random
from bisect import bisect_left, bisect_right

from gongwen.analysis import compact_dates as _compact_dates, fuzzy as _fuzzy
from gongwen.analysis.text import BLANKS



def _header_like(rnd: random.Random) -> str:
    """Blanks, 第, zero to four numerals and 版, each part sometimes left out or spoiled."""
    parts = ["".join(rnd.choice(BLANKS) for _ in range(rnd.randint(0, 3))),
             rnd.choice(("第", "第", "弟", "")),
             "".join(rnd.choice("3０十二一x") for _ in range(rnd.randint(0, 4))),
             rnd.choice(("版", "版", "期", ""))]
    return "".join(parts) + rnd.choice(("", "，", "\n", "202663"))


def test_bounded_edition_match_agrees_with_the_plain_match_everywhere():
    rnd = random.Random("edition")
    texts = ["江州日报　202663　第3版", "202663" + "　" * 40 + "第十二版", "202663 第1234版", "第3版"]
    texts += ["".join(_header_like(rnd) for _ in range(rnd.randint(0, 3))) for _ in range(20_000)]
    hits = 0
    for text in texts:
        for i in range(len(text) + 1):
            plain = _compact_dates._EDITION_AFTER.match(text, i) is not None
            assert _compact_dates.edition_after(text, i) == plain, (text, i)
            hits += plain
    assert hits > 1_000  # the alphabet makes headers often enough to test both answers


def test_an_edition_bound_too_short_would_be_caught():
    """The comparison above can fail: a tail of 4 loses 第123版 (three numerals between 第 and 版)."""
    text = "202663　第123版"
    stop = _compact_dates._BLANK_RUN.match(text, 6).end() + 4
    assert _compact_dates._EDITION_AFTER.match(text, 6, stop) is None
    assert _compact_dates.edition_after(text, 6)


def _reference_select(hits, exact):
    """_select as it was: every kept hit tried against each new one."""
    exact = sorted(exact)
    starts = [a for a, _ in exact]
    longest = max((b - a for a, b in exact), default=0)
    kept = []
    for h in sorted(hits, key=lambda h: (-len(h.pattern.text), h.start)):
        at, to = h.edit
        around = exact[bisect_left(starts, at - longest):bisect_right(starts, at)]
        if any(a <= at and to <= b and a < b for a, b in around):
            continue
        if any(k.start < h.end and h.start < k.end for k in kept):
            continue
        kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _random_hits(rnd: random.Random):
    patterns = [_fuzzy.Pattern("甲" * n, None) for n in range(2, 9)]
    hits = []
    for _ in range(rnd.randint(0, 40)):
        p = rnd.choice(patterns)
        start = rnd.randint(0, 60)
        end = start + len(p.text) + rnd.choice((-1, 0, 1))
        at = rnd.randint(start, end - 1)
        hits.append(_fuzzy.NearMiss(start, end, p, "wrong", p.text, (at, at + rnd.choice((0, 1)))))
    exact = []
    for _ in range(rnd.randint(0, 6)):
        a = rnd.randint(0, 60)
        exact.append((a, a + rnd.randint(0, 8)))
    return hits, exact


def test_bisected_select_keeps_what_the_all_pairs_select_kept():
    rnd = random.Random("select")
    kept_some = 0
    for _ in range(20_000):
        hits, exact = _random_hits(rnd)
        expected = _reference_select(hits, list(exact))
        assert _fuzzy._select(hits, list(exact)) == expected, (hits, exact)
        kept_some += 1 < len(expected) < len(hits)
    assert kept_some > 1_000  # overlaps were common enough to drop some hits and keep others
