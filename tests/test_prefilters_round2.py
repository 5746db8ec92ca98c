"""Round-2 prefilters must not change a finding.

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

from gongwen.analysis import text as textscan
from gongwen.analysis import pairs

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "yanfeng-2024.txt"


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


# WEB004: the paragraphs no page-furniture pattern can match are skipped by one stdlib re test.
from gongwen.rules import web  # noqa: E402

_FURNITURE_WORDS = ["当前位置", "您的位置", "首页", "网站首页", "主页", "返回首页", ">", "＞", "»", "›", "→", "/",
                    "->", "相关文章", "相关链接", "延伸阅读", "推荐阅读", "上一篇", "下一篇", "上一条", "打印本页",
                    "打印", "关闭窗口", "关闭", "收藏", "加入收藏", "返回顶部", "保存本页", "|", "｜", "【", "】",
                    "[", "]", "分享到", "分享至", "扫一扫在手机", "上", "打开当前页", "字体", "大", "中", "小",
                    "浏览次数", "来源", "作者", "责任编辑", "张三", "政府", "0", "12"]


def _furniture_texts(name: str) -> list[str]:
    rnd = random.Random(name)
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(_FURNITURE_WORDS) if rnd.random() < 0.7 else rnd.choice(" 　：:页首打印")
                      for _ in range(rnd.randint(0, 8))) for _ in range(30_000)]
    return texts


def _needs_hold(patterns) -> bool:
    """Whether every text a pattern matches holds one of the strings its entry lists."""
    for text in _furniture_texts("web-any"):
        for _, pattern, needs in patterns:
            if pattern.search(text) and not any(n in text for n in needs):
                return False
    return True


def test_every_furniture_pattern_lists_what_its_matches_need():
    patterns = web.furniture_patterns()
    assert all(needs for _, _, needs in patterns)  # so the gate is on
    assert _needs_hold(patterns)


def test_a_missing_furniture_string_is_caught():
    """The check above can fail: a breadcrumb can start with 主页 or with 首页."""
    wrong = [(k, p, tuple(n for n in needs if n != "首页")) for k, p, needs in web.furniture_patterns()]
    assert not _needs_hold(wrong)


def test_a_colon_listed_for_a_pattern_whose_colon_is_optional_is_caught():
    """The check above can fail: 相关文章 takes an optional colon, so listing only the colon
    for it would skip 相关文章 lines."""
    wrong = [(k, p, (":", "：") if k == "相关文章链接" else needs) for k, p, needs in web.furniture_patterns()]
    assert not _needs_hold(wrong)


def test_furniture_gate_passes_every_match():
    gate = web._furniture_gate()
    for text in _furniture_texts("web-gate"):
        if any(p.search(text) for _, p, _ in web.furniture_patterns()):
            assert gate.search(text), text


# FMT001: a list introduction (以下/如下 near the end) is searched for only in the last characters.
from gongwen.analysis import outline  # noqa: E402


def _intro_texts() -> list[str]:
    rnd = random.Random("intro")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(["以下", "如下", "以", "如", "下", "。", "，", "\n", "有", "几点", " "])
                      for _ in range(rnd.randint(0, 14))) for _ in range(30_000)]
    return texts


def _intro_reach_holds(reach: int) -> bool:
    return all(bool(outline._INTRO_END.search(t)) == bool(outline._INTRO_END.search(t, max(0, len(t) - reach)))
               for t in _intro_texts())


def test_intro_end_is_found_in_the_last_characters():
    assert _intro_reach_holds(outline._INTRO_END_REACH)


def test_a_reach_too_short_is_caught():
    assert not _intro_reach_holds(outline._INTRO_END_REACH - 1)
    assert outline._INTRO_END.search("以下有十二三四五六\n") and not outline._INTRO_END.search("以下有十二三四五六\n", 1)


# The date layer refuses starts where no date form can match (五年计划, 5.5%, 三年行动).
from gongwen.analysis import dates  # noqa: E402
from gongwen.analysis.text import matches_at  # noqa: E402

_DATE_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ0０正腊冬廿卅初"
                  "第几农历:_#〔[ 上本度，aZ．百千万亿两计划来")


def _date_key(matches):
    return [(m.span(), m.groups()) for m in matches]


def _date_texts(count: int) -> list[str]:
    rnd = random.Random("date-starts")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["一九五八年", "二〇二五年三月五日", "五年计划", "5.5%", "2025.1.1", "三月五日", "25年", "一年来"]
    return texts + ["".join(rnd.choice(_DATE_ALPHABET) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


def _starts_hold(starts) -> bool:
    return all(_date_key(matches_at(dates._DATE, t, starts)) == _date_key(dates._DATE.finditer(t))
               for t in _date_texts(30_000))


def test_refused_date_starts_never_start_a_date():
    assert _starts_hold(dates._DATE_START)


@pytest.mark.parametrize("old, new", [
    ("(?![年./\\-])", "(?![年月./\\-])"),  # 三月五日 opens with one numeral before 月
    ("[三四五六七八九十〇", "[一三四五六七八九十〇"),  # 一九五八年 opens with 一
    ("[三四五六七八九十〇", "[0三四五六七八九十〇"),  # 25年 (a two-digit year) opens with a digit
])
def test_a_wrongly_refused_date_start_is_caught(old, new):
    assert old in dates._DATE_START.pattern
    assert not _starts_hold(re.compile(dates._DATE_START.pattern.replace(old, new, 1)))
