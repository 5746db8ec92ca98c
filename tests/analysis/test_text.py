"""textscan.anchored_finditer must give exactly the matches of finditer for every pattern that uses it.

PUN006/PUN016/PUN017 try their patterns only near a trigger character
(、, a publication name's last character, a space) instead of at every
character; a wrong ``lo``/``hi`` bound or trigger would silently drop findings.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from gongwen.analysis import dates
from gongwen.rules import pairs, punct_layout, punct_marks
from gongwen.analysis.text import LINE_START, anchored_finditer, line_start_places, matches_at

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "yanfeng-2024.txt"

CASES = [
    ("PUN006", punct_marks._APPROX, punct_marks._DUNHAO, 1, 1,
     "一二两三四五六七八九、1289第周期.-十百千万亿年级度天个"),
    ("PUN017 padded", punct_layout._PADDED, punct_layout._SPACE_BEFORE_HAN, 1, 1, "张三主任 　\t\xa0、：a1“”\n"),
    ("PUN017 inner", punct_layout._INNER_SPACE, punct_layout._SPACE_RUN, 0, 0, "张三 　\t\xa0、。a1“”\n"),
    ("PUN017 trailing", punct_layout._TRAILING, punct_layout._SPACE_RUN, 0, 0, "张三 　\t\xa0、。a1\r\n"),
    ("PUN016", pairs._publication_pattern(()), *pairs._publication_trigger(()), "《》“”社报人民日湖南晚记者"),
]


def _key(matches):
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("name, pattern, trigger, lo, hi, alphabet", CASES, ids=[c[0] for c in CASES])
def test_same_matches_as_finditer(name, pattern, trigger, lo, hi, alphabet):
    texts = SEED.read_text(encoding="utf-8").splitlines()
    rnd = random.Random(name)
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(20_000)]
    if name == "PUN016":
        words = sorted(pairs._publications()["names"]) + sorted(pairs._publications()["not-before"])
        texts += ["".join(rnd.choice(words) if rnd.random() < 0.4 else rnd.choice(alphabet)
                          for _ in range(rnd.randint(0, 8))) for _ in range(5_000)]
    for text in texts:
        assert _key(anchored_finditer(pattern, text, trigger, lo, hi)) == _key(pattern.finditer(text)), text


def test_a_bound_too_narrow_is_caught():
    """The comparison above can fail: a window that misses 4-digit years drops 2025年."""
    text = "2025年1月"
    trigger = regex.compile(r"[年月./\-]")
    assert _key(anchored_finditer(dates._DATE, text, trigger, 1, 4)) == _key(dates._DATE.finditer(text))
    assert _key(anchored_finditer(dates._DATE, text, trigger, 1, 3)) != _key(dates._DATE.finditer(text))


def test_extra_publication_names_move_the_trigger():
    pattern, (trigger, lo, hi) = pairs._publication_pattern(("雁峰周末谈",)), pairs._publication_trigger(("雁峰周末谈",))
    text = "在雁峰周末谈和湖南日报刊登"
    assert [m.group() for m in anchored_finditer(pattern, text, trigger, lo, hi)] == ["雁峰周末谈", "湖南日报"]
    assert isinstance(trigger, regex.Pattern)


def _line_starts_by_lookbehind(text):
    return [m.start() for m in LINE_START.finditer(text)]


def test_line_starts_are_where_the_line_start_pattern_matches():
    """line_start_places (one scan for a character class, kept for the last text) gives LINE_START's
    places: after \\r, after \\n, between the two of \\r\\n, at the end after a final break."""
    rnd = random.Random("line starts")
    texts = ["", "\n", "\r\n", "\r", "甲\r\n乙\r丙\n", "甲\n"]
    texts += ["".join(rnd.choice("甲a \r\n\u2028\x0b") for _ in range(rnd.randint(0, 30))) for _ in range(20_000)]
    previous = None
    for text in texts:
        assert line_start_places(text) == _line_starts_by_lookbehind(text), repr(text)
        if previous is not None:  # a text asked again after another: not the other's list
            assert line_start_places(previous) == _line_starts_by_lookbehind(previous), repr(previous)
        previous = text


def test_a_line_start_scan_that_misses_carriage_returns_is_caught():
    wrong = lambda text: [0, *(m.end() for m in regex.finditer("\n", text))]  # noqa: E731
    assert wrong("甲\r乙") != _line_starts_by_lookbehind("甲\r乙") == line_start_places("甲\r乙")


def test_line_patterns_find_the_same_through_the_kept_starts():
    pattern = regex.compile(r"(?<![^\r\n])[ \u3000]*\p{Han}{2}(?=[\r\n]|\Z)")
    rnd = random.Random("line patterns")
    for _ in range(5_000):
        text = "".join(rnd.choice("甲乙 \u3000\r\n，") for _ in range(rnd.randint(0, 24)))
        assert _key(matches_at(pattern, text, LINE_START)) == _key(pattern.finditer(text)), repr(text)
        assert _key(matches_at(pattern, text, LINE_START)) == _key(pattern.finditer(text)), repr(text)
