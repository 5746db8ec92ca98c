"""The stdlib ``re`` scans that stand in for ``regex``'s ``\\p{Han}`` in the word rules.

han_runs.HAN_CLASS must be regex's Script=Han exactly; the clause cut around a candidate, and
TYP001/TYP002's candidate scans (one stdlib lookahead each instead of a regex call per start),
must give what the regex patterns they replaced give. Each is compared with the plain regex
computation over many random texts, and a deliberately wrong variant shows the comparison fails.
"""
from __future__ import annotations

import random
import re
import sys

import regex
from support import compiled_or_skip

from gongwen.analysis import han_runs, repeats
from gongwen.rules import repetition

_ALPHABET = "法律规推进落实委常一二〇々〆 ,，\n𠀀\U00031350\u2e9a\u2e9b"


def _texts(seed: str, n: int = 20_000, longest: int = 30) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _han_set(class_body: str) -> str:
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    return "".join(re.findall(f"[{class_body}]", everything))


def test_han_class_is_regex_script_han_on_every_code_point():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    han = "".join(regex.findall(r"\p{Han}", everything))
    assert _han_set(han_runs.HAN_CLASS) == han
    assert "".join(filter(han_runs.is_han, everything)) == han


def test_a_han_class_without_its_last_range_is_caught():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    wrong = han_runs.HAN_CLASS[:-3]  # drops U+31350-U+33479
    assert _han_set(wrong) != "".join(regex.findall(r"\p{Han}", everything))


def _clause_by_regex(text: str, start: int, end: int, reach: int) -> tuple[int, str]:
    """The cut as the rules made it with regex before (rules/repetition.py, round 4)."""
    a = regex.search(r"\p{Han}*\Z", text[:start], pos=max(0, start - reach)).start()
    b = regex.compile(r"\p{Han}*").match(text, end, end + reach).end()
    return a, text[a:b]


def test_clause_around_equals_the_regex_cut():
    for text in _texts("clause", 5_000, 60):
        for start in range(len(text)):
            for width in (1, 2, 4):
                end = min(len(text), start + width)
                assert han_runs.clause_around(text, start, end, 20) == _clause_by_regex(text, start, end, 20), text


def test_a_cut_one_character_short_is_caught():
    text = "推进" * 30
    assert han_runs.clause_around(text, 30, 32, 19) != _clause_by_regex(text, 30, 32, 20)


def test_has_doubled_han_equals_the_regex_search():
    pair = regex.compile(r"(\p{Han})\1")
    for text in _texts("pairs", 5_000, 16):
        for lo in range(len(text) + 1):
            for hi in range(lo, len(text) + 1):
                assert han_runs.has_doubled_han(text, lo, hi) == bool(pair.search(text, lo, hi)), (text, lo, hi)


def test_a_pair_test_that_stops_at_the_first_pair_is_caught():
    def first_only(text, lo, hi):
        m = han_runs._ANY_PAIR.search(text, lo, hi)
        return m is not None and han_runs.is_han(m.group(1))
    text = "  法法"
    assert han_runs.has_doubled_han(text, 0, 4) and not first_only(text, 0, 4)


def _overlapped(pattern: str, text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in regex.finditer(pattern, text, overlapped=True)]


def _scanned(pattern: re.Pattern, text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in pattern.finditer(text)]


def _in_run_of_three(text: str, i: int, ch: str) -> bool:
    return (i > 0 and text[i - 1] == ch) or (i + 2 < len(text) and text[i + 2] == ch)


def _runs_texts(seed: str) -> list[str]:
    rnd = random.Random(seed)
    alphabet = "第第“甲乙 一委常推进𠀀"
    return ["".join(rnd.choice(alphabet) * rnd.choice((1, 1, 2, 3, 4, 5, 9)) for _ in range(rnd.randint(0, 12)))
            for _ in range(20_000)] + ["AAAB" * 2, "第" * 20 + "乙", "甲甲第第第第乙乙", "甲甲甲乙甲甲甲乙"]


def test_doubled_character_scan_is_regex_less_runs_of_three():
    """TYP001's candidates before its structural tests (test_repeats.py has those): every
    overlapped (\\p{Han})\\1 except those in a run of three or more, which the rule skips first."""
    for text in _texts("TYP001") + _runs_texts("TYP001"):
        full = _overlapped(r"(\p{Han})\1", text)
        assert [(i, text[i]) for i in repeats.lone_doubled_han(text)] == [
            (i, ch) for i, ch in full if not _in_run_of_three(text, i, ch)], text


def test_doubled_word_scan_is_regex_less_one_character_words():
    """TYP002's candidates: every overlapped (\\p{Han}{2,4})\\1 except starts of four equal
    characters, whose every doubled word is one repeated character (skipped by the rule)."""
    for text in _texts("TYP002") + _runs_texts("TYP002"):
        full = _overlapped(r"(\p{Han}{2,4})\1", text)
        kept = _scanned(repetition._doubled_word_at(), text)
        assert kept == [(i, w) for i, w in full if len(set(text[i:i + 4])) > 1 or i + 4 > len(text)], text
        assert all(len(set(word)) == 1 for i, word in full if (i, word) not in kept), text


def test_narrowing_too_far_is_caught():
    """Leaving out starts of three equal characters (not four) loses 甲甲甲乙甲甲甲乙's word."""
    wrong = re.compile(f"(?=([{han_runs.HAN_CLASS}]{{2,4}})\\1)(?!(.)\\2{{2}})", re.DOTALL)
    text = "甲甲甲乙甲甲甲乙"
    lost = set(_overlapped(r"(\p{Han}{2,4})\1", text)) - set(_scanned(wrong, text))
    assert any(len(set(word)) > 1 for _, word in lost)


def test_compiled_clause_equals_the_python_cut():
    """``_repeats.han_clause`` (what ``clause_around`` runs where it is built) against
    ``plain_clause_around`` at every start and end of random texts of Han characters in and
    beyond the BMP, marks and spaces, for reaches 0 to 22; offsets outside the text are the
    Python path's (the C function declines them)."""
    compiled = compiled_or_skip("_repeats")
    rnd = random.Random("han-clause")
    for text in _texts("han-clause", 1_500, 50):
        for start in range(len(text) + 1):
            end = min(len(text), start + rnd.choice((0, 1, 2, 3, 8)))
            reach = rnd.randint(0, 22)
            want = han_runs.plain_clause_around(text, start, end, reach)
            assert compiled.han_clause(text, start, end, reach) == want, (text, start, end, reach)
            assert han_runs.clause_around(text, start, end, reach) == want
        for start, end in ((len(text) + 1, len(text) + 3), (-1, 2), (3, 1)):
            assert compiled.han_clause(text, start, end, 20) is None
            assert han_runs.clause_around(text, start, end, 20) == han_runs.plain_clause_around(text, start, end, 20)
    assert compiled.han_clause("推进" * 30, 30, 32, 19) != han_runs.plain_clause_around("推进" * 30, 30, 32, 20)
