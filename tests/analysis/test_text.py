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
from gongwen.rules import pairs, punct_layout, punct_marks, repetition
from gongwen.analysis.text import anchored_finditer, matches_at

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


OVERLAPPED = [
    ("TYP001", repetition._DOUBLED_CHAR, repetition._ANY_DOUBLED_CHAR),
    ("TYP002", repetition._DOUBLED_WORD, repetition._ANY_DOUBLED_RUN),
]


@pytest.mark.parametrize("name, pattern, candidates", OVERLAPPED, ids=[c[0] for c in OVERLAPPED])
def test_candidate_starts_give_every_overlapped_match(name, pattern, candidates):
    """TYP001/TYP002 try their backreference patterns only where a stdlib ``re`` lookahead
    sees a repeat; over random text of few characters (many repeats), nothing is lost."""
    rnd = random.Random(name)
    alphabet = "法律规〇一一二 ,，\n𠀀"
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20_000)]
    for text in texts:
        assert _key(matches_at(pattern, text, candidates, overlapped=True)) == _key(pattern.finditer(text, overlapped=True)), text


def test_a_candidate_pattern_that_misses_starts_is_caught():
    """The comparison above can fail: candidates of exactly two characters miss 推进推进's neighbours."""
    import re

    text = "进一步进一步推进"
    narrow = re.compile(r"(?=(..)\1)")
    assert _key(matches_at(repetition._DOUBLED_WORD, text, narrow, overlapped=True)) != _key(
        repetition._DOUBLED_WORD.finditer(text, overlapped=True))


def _in_run_of_three(text, m):
    i, ch = m.start(), m.group(1)
    return (i > 0 and text[i - 1] == ch) or (i + 2 < len(text) and text[i + 2] == ch)


def _one_character(text, m):
    return len(set(m.group(1))) == 1


NARROWED = [
    ("TYP001", repetition._DOUBLED_CHAR, repetition._ANY_DOUBLED_CHAR, repetition._LONE_DOUBLED_CHAR,
     _in_run_of_three),
    ("TYP002", repetition._DOUBLED_WORD, repetition._ANY_DOUBLED_RUN, repetition._MIXED_DOUBLED_RUN,
     _one_character),
]


def _runs_texts(name):
    rnd = random.Random(name)
    alphabet = "第第第“甲乙 一"
    return ["".join(rnd.choice(alphabet) * rnd.choice((1, 1, 2, 3, 4, 5, 9)) for _ in range(rnd.randint(0, 12)))
            for _ in range(20_000)] + ["AAAB" * 2, "第" * 20 + "乙", "甲甲第第第第乙乙"]


@pytest.mark.parametrize("name, pattern, every, narrowed, skipped", NARROWED, ids=[c[0] for c in NARROWED])
def test_narrowed_candidates_drop_only_matches_the_rule_skips(name, pattern, every, narrowed, skipped):
    """TYP001/TYP002 leave out, in re, the starts inside runs of one character; every match so
    lost is one the rule skips anyway (a run of three; a word of one repeated character)."""
    for text in _runs_texts(name):
        kept = _key(matches_at(pattern, text, narrowed, overlapped=True))
        full = list(matches_at(pattern, text, every, overlapped=True))
        assert set(kept) <= set(_key(full)), text
        assert all(skipped(text, m) for m in full if _key([m])[0] not in kept), text


def test_narrowing_too_far_is_caught():
    """Leaving out starts of three equal characters (not four) loses 甲甲甲乙甲甲甲乙's word."""
    import re

    wrong = re.compile(r"(?=(..)\1|(...)\2|(....)\3)(?!(.)\4{2})", re.DOTALL)
    text = "甲甲甲乙甲甲甲乙"
    full = list(matches_at(repetition._DOUBLED_WORD, text, repetition._ANY_DOUBLED_RUN, overlapped=True))
    kept = _key(matches_at(repetition._DOUBLED_WORD, text, wrong, overlapped=True))
    assert any(_key([m])[0] not in kept and not _one_character(text, m) for m in full)
