"""The paired-mark layer (gongwen.analysis.pairs): its shortcuts must not change a pair.

PUN003/PUN004's pair scan asks for the protected spans only when a mark that a protected span
can hold turns up; the marks it skips that question for (``pairs._NEVER_PROTECTED``) must be
ones no protected pattern can match. Checked two ways: against the pattern sources themselves,
and by comparing with the scan that always asks, over many random texts built from URLs,
e-mail addresses, English runs, 文号 and every paired mark.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
import regex

from gongwen.analysis import text as textscan
from gongwen.analysis import pairs

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "yanfeng-2024.txt"


def _reference_scan(text: str) -> pairs.PairScan:
    """scan_pairs consulting the protected spans for every mark, as before the shortcut."""
    return pairs.scan_pairs(text, never_protected=frozenset())


_MARK_CHARS = "".join(pairs.OPENERS) + "".join(pairs.CLOSERS)
_FRAGMENTS = [
    "http://", "https://a.gov.cn/", "ftp://x", "www.", "www.hn.gov.cn/", "/a", "@", "a@b.cn", "x.y@",
    "8:30", "12:05:01", "2.9", "3,206,000", "雁政发〔2025〕3号", "〔2025〕", "GB/T 9704", "DB43/T",
    "don’t", "’99", "see", "the", "word", "a", "B", " ", "  ", ",", ";", ":", "!", "?", "\"", "'", ".",
    "-", "0", "12", "1）", "a)", "一）", "政府", "报告", "工作", "，", "。", "、", "\u3000", "\n",
]


def _texts(name: str, count: int) -> list[str]:
    rnd = random.Random(name)
    texts = SEED.read_text(encoding="utf-8").splitlines()
    for _ in range(count):
        parts = [rnd.choice(_MARK_CHARS) if rnd.random() < 0.4 else rnd.choice(_FRAGMENTS)
                 for _ in range(rnd.randint(0, 16))]
        texts.append("".join(parts))
    return texts


def _compare(texts) -> list[str]:
    return [t for t in texts if tuple(map(list, pairs.scan_pairs(t))) != tuple(map(list, _reference_scan(t)))]


def test_lazy_protected_lookup_gives_the_same_pairs():
    assert _compare(_texts("pairs", 40_000)) == []


@pytest.mark.parametrize("wrong", ["(", "’", "〔", "【", "「", "［"])
def test_a_mark_a_protected_span_can_hold_is_caught(monkeypatch, wrong):
    """The comparison above can fail: treating a mark that a URL, an English run or a 文号
    can hold as never protected changes the pairs."""
    monkeypatch.setattr(pairs, "_NEVER_PROTECTED", pairs._NEVER_PROTECTED | {wrong})
    assert _compare(_texts("pairs", 40_000))


def _outside_negated_classes(source: str) -> tuple[str, list[str]]:
    """The pattern text outside ``[^...]`` classes, and the bodies of those classes."""
    outside, negated, i = [], [], 0
    while i < len(source):
        if source[i] == "\\":
            outside.append(source[i:i + 2])
            i += 2
        elif source.startswith("[^", i):
            j = i + 2
            while source[j] != "]" or j == i + 2:
                j += 2 if source[j] == "\\" else 1
            negated.append(source[i + 2:j])
            i = j + 1
        else:
            outside.append(source[i])
            i += 1
    return "".join(outside), negated


def test_never_protected_marks_are_outside_every_protected_pattern():
    """Each protected pattern names a never-protected mark nowhere except in a negated class that
    excludes it, and has no construct that could match it unnamed (., \\S, \\W, \\D, \\P, \\X or a
    Unicode property other than Han)."""
    for part, _ in textscan._PROTECTED_PARTS:
        outside, negated = _outside_negated_classes(part)
        assert not set(outside) & pairs._NEVER_PROTECTED, part
        for body in negated:
            assert pairs._NEVER_PROTECTED <= set(body), (part, body)
        unescaped = re.sub(r"\[[^\]]*\]", "", re.sub(r"\\.", "", outside))  # a . in a class is a dot
        assert "." not in unescaped, part
        assert not re.search(r"\\[SWDPXN]|\\p\{(?!Han\})", outside), part
        assert "(?i" not in part and "(?x" not in part, part


def test_the_source_check_can_fail():
    outside, negated = _outside_negated_classes(r"www\.[^\s，。]+|see（[a-z]）")
    assert "（" in outside and negated == [r"\s，。"]
    assert not pairs._NEVER_PROTECTED <= set(negated[0])


def test_pairs_mark_scan_matches_regex():
    """The stdlib class of paired marks finds the same characters as the regex one did."""
    old = regex.compile("[" + regex.escape("".join(pairs.OPENERS) + "".join(pairs.CLOSERS)) + "]")
    text = "".join(pairs.OPENERS) + "".join(pairs.CLOSERS) + "abc\\-]^中文，。、\ud800"
    assert [m.span() for m in pairs.PAIRED_MARK.finditer(text)] == [m.span() for m in old.finditer(text)]


def _compare_marker_shortcut(monkeypatch, texts) -> list[str]:
    """Texts whose scan changes when every paragraph is tried for a list marker."""
    fast = [tuple(map(list, pairs.scan_pairs(t))) for t in texts]
    monkeypatch.setattr(pairs, "_NOT_MARKER_START", frozenset())
    return [t for t, f in zip(texts, fast) if f != tuple(map(list, pairs.scan_pairs(t)))]


def test_skipping_the_list_marker_match_gives_the_same_pairs(monkeypatch):
    """A paragraph opening with a paired mark is not tried for a list marker (1）, a)):
    the scan must equal the one that always tries."""
    texts = _texts("markers", 40_000)
    texts += ["（一）" + t for t in texts[-5_000:]] + ["1）" + t for t in texts[-5_000:]]
    assert _compare_marker_shortcut(monkeypatch, texts) == []


@pytest.mark.parametrize("wrong", ["1", "a", "一", " ", "\u3000"])
def test_a_character_a_list_marker_starts_with_is_caught(monkeypatch, wrong):
    """The comparison above can fail: skipping paragraphs that open with a blank, a digit,
    a letter or a numeral loses the list markers 1） a) 一） and ' 1）'."""
    monkeypatch.setattr(pairs, "_NOT_MARKER_START", pairs._NOT_MARKER_START | {wrong})
    texts = _texts("markers", 40_000)
    assert _compare_marker_shortcut(monkeypatch, texts)


def _compare_one_pair(monkeypatch, texts) -> list[str]:
    """Texts whose scan changes when no paragraph takes the one-pair fast path."""
    fast = [tuple(map(list, pairs.scan_pairs(t))) for t in texts]
    monkeypatch.setattr(pairs, "_ONE_PAIR_MARKS", frozenset())
    return [t for t, f in zip(texts, fast) if f != tuple(map(list, pairs.scan_pairs(t)))]


def _one_pair_texts() -> list[str]:
    """Random texts, and the same with their marks replaced by one pair (of every kind, some
    crossed or reversed), so that one-pair paragraphs abound."""
    texts = _texts("one-pair", 30_000)
    rnd = random.Random("one-pair-trim")
    closers = {kind: ch for ch, kind in pairs.CLOSERS.items()}
    for t in texts[-20_000:]:
        bare = "".join(ch for ch in t if ch not in _MARK_CHARS)
        a = rnd.choice(list(pairs.OPENERS))
        b = closers[pairs.OPENERS[a]] if rnd.random() < 0.9 else rnd.choice(list(pairs.CLOSERS))
        i, j = sorted(rnd.randint(0, len(bare)) for _ in range(2))
        a, b = (a, b) if rnd.random() < 0.9 else (b, a)
        texts.append(bare[:i] + a + bare[i:j] + b + bare[j:])
    return texts


def test_the_one_pair_fast_path_gives_the_same_pairs(monkeypatch):
    texts = _one_pair_texts()
    taken = [t for t in texts if pairs.PAIRED_MARK.search(t) and pairs._one_pair(t, pairs.PAIRED_MARK.search(t))]
    assert len(taken) > 1_000  # the fast path is taken
    assert _compare_one_pair(monkeypatch, texts) == []


@pytest.mark.parametrize("wrong", ["‘’", "()", "〔〕"])
def test_a_one_pair_mark_that_needs_the_stack_is_caught(monkeypatch, wrong):
    """The comparison above can fail: an apostrophe ’ or a mark a protected span can hold
    (a URL's parenthesis, a 文号's 〔〕) settled by the fast path changes the pairs."""
    monkeypatch.setattr(pairs, "_ONE_PAIR_MARKS", pairs._ONE_PAIR_MARKS | set(wrong))
    assert _compare_one_pair(monkeypatch, _one_pair_texts())


def _nested_texts(name: str, count: int) -> list[str]:
    """Fragments with properly nested pairs of every kind around them (and the random texts),
    so that paragraphs whose marks nest abound, some with a URL, an apostrophe or a 文号 inside."""
    rnd = random.Random(name)
    closers = {kind: ch for ch, kind in pairs.CLOSERS.items()}
    _SAFE_OPENERS = sorted(pairs._NEVER_PROTECTED & set(pairs.OPENERS))

    def nested(depth: int) -> str:
        out = []
        for _ in range(rnd.randint(0, 4)):
            if depth < 3 and rnd.random() < 0.5:
                opener = rnd.choice(_SAFE_OPENERS if rnd.random() < 0.7 else list(pairs.OPENERS))
                out.append(opener + nested(depth + 1) + closers[pairs.OPENERS[opener]])
            else:
                out.append(rnd.choice(_FRAGMENTS))
        return "".join(out)

    return _texts(name, count // 2) + [nested(0) for _ in range(count // 2)]


def _nests_wrongly(texts) -> list[str]:
    return [t for t in texts if pairs.plain_nests(t) and (pairs.scan_pairs(t).problems or _reference_scan(t).problems)]


def test_paragraphs_that_nest_have_no_pair_problem():
    """PUN003 skips the pair scan where ``nests`` holds: the scan would have found nothing
    (plain_nests, the compiled one's reference: tests/analysis/test_nesting_compiled.py)."""
    texts = _nested_texts("nests", 40_000)
    assert _nests_wrongly(texts) == []
    told = [t for t in texts if pairs.plain_nests(t) and len(pairs.PAIRED_MARK.findall(t)) >= 4]
    assert len(told) > 300  # deep nesting is exercised, not only （一）


@pytest.mark.parametrize("wrong", ["‘’", "()", "〔〕"])
def test_nesting_a_mark_that_needs_the_scan_is_caught(monkeypatch, wrong):
    """The comparison above can fail: an apostrophe or a mark a protected span can hold,
    taken as nesting by order alone, hides the problems the scan finds."""
    opener, closer = wrong
    monkeypatch.setitem(pairs._NESTING_OPENERS, opener, pairs.OPENERS[opener])
    monkeypatch.setitem(pairs._NESTING_CLOSERS, closer, pairs.CLOSERS[closer])
    assert _nests_wrongly(_nested_texts("nests", 40_000))


def _long_texts() -> list[str]:
    """Paragraphs whose marks nest, run together so that most hold more marks than
    _COUNT_FIRST and some fewer, as they are and with one mark more (which unbalances the
    counts of its kind)."""
    nesting = [t for t in _nested_texts("nests-long", 20_000) if pairs.plain_nests(t) and pairs.PAIRED_MARK.search(t)]
    rnd = random.Random("nests-long")
    joined = ["".join(rnd.choices(nesting, k=rnd.randint(1, 40))) for _ in range(800)]
    return joined + [t + rnd.choice("“”《》（）") for t in joined]


def _count_first_changes(monkeypatch, texts) -> list[str]:
    fast = [pairs.plain_nests(t) for t in texts]
    monkeypatch.setattr(pairs, "_COUNT_FIRST", 10**9)  # never compare the counts first
    return [t for t, f in zip(texts, fast) if f != pairs.plain_nests(t)]


def test_comparing_counts_first_changes_no_answer(monkeypatch):
    texts = _long_texts()
    many = [len(pairs.PAIRED_MARK.findall(t)) > pairs._COUNT_FIRST for t in texts]
    assert sum(m and pairs.plain_nests(t) for m, t in zip(many, texts)) > 50
    assert sum(m and not pairs.plain_nests(t) for m, t in zip(many, texts)) > 50
    assert sum(not m for m in many) > 50
    assert _count_first_changes(monkeypatch, texts) == []


def test_counts_of_the_wrong_pairs_are_caught(monkeypatch):
    monkeypatch.setattr(pairs, "_NESTING_PAIRS", [("“", "》"), ("《", "”"), ("（", "）")])
    assert _count_first_changes(monkeypatch, _long_texts())
