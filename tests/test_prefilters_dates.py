"""Prefilters of the date layer, FMT005, WEB004 and the literal matcher must not change a match.

The date layer and FMT005 try their patterns only at the starts a stdlib ``re`` pattern allows,
WEB004 skips the page-furniture patterns that need a colon on a paragraph without one, and the
literal matcher searches short lists with a DFA; a wrong start pattern or a wrongly gated
pattern would silently drop findings.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from gongwen import dates, kinds
from gongwen.rules import structure, web
from gongwen.textscan import BLANKS, matches_at

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "yanfeng-2024.txt"
DATE_ALPHABET = ("年月日号./-0123456789０１２３４５６７８９一二三四五六七八九十〇零○OoＯ0０正腊冬廿卅初"
                 "第几农历:_#〔[ 上本度，aZ．百千万亿两")


def _key(matches):
    return [(m.span(), m.groups()) for m in matches]


def _texts(alphabet: str, name: str, count: int = 30_000) -> list[str]:
    rnd = random.Random(name)
    texts = SEED.read_text(encoding="utf-8").splitlines()
    return texts + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(count)]


def test_date_starts_give_every_date():
    for text in _texts(DATE_ALPHABET, "dates"):
        assert _key(matches_at(dates._DATE, text, dates._DATE_START)) == _key(dates._DATE.finditer(text)), text


def test_a_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only 3 numerals before 年 drop 2025年."""
    narrow = re.compile(dates._DATE_START.pattern.replace("{0,3}", "{0,2}"))
    assert narrow.pattern != dates._DATE_START.pattern
    assert any(_key(matches_at(dates._DATE, text, narrow)) != _key(dates._DATE.finditer(text))
               for text in _texts(DATE_ALPHABET, "dates", 2_000))
    text = "2025年1月"
    assert _key(matches_at(dates._DATE, text, narrow)) != _key(dates._DATE.finditer(text))


def test_find_dates_on_long_runs_is_linear_enough():
    for ch in "2一年月.0":
        assert isinstance(dates.find_dates(ch * 200_000), list)


FURNITURE_ALPHABET = ":：: 　>【】[]|｜0123首页当前位置相关文章上一篇字体号大中小打印本页关闭窗口分享到扫一扫浏览次数发布时间来源责任编辑作者张三"


def _furniture_texts(name: str) -> list[str]:
    rnd = random.Random(name)
    words = ["当前位置", "首页", "上一篇", "下一篇", "字体", "字号", "大", "中", "小", "浏览次数", "点击数",
             "发布时间", "信息来源", "来源", "作者", "责任编辑", "打印本页", "关闭窗口", "分享到", "相关文章"]
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(words) if rnd.random() < 0.5 else rnd.choice(FURNITURE_ALPHABET)
                      for _ in range(rnd.randint(0, 14))) for _ in range(20_000)]
    return texts


def _colon_gate_holds(patterns) -> bool:
    """Whether no pattern marked as needing a colon matches any colon-free text."""
    for text in _furniture_texts("web"):
        bare = text.replace(":", "").replace("：", "")
        for _, pattern, needs_colon in patterns:
            if needs_colon and pattern.search(bare):
                return False
    return True


def test_colon_gated_furniture_patterns_need_a_colon():
    patterns = web._gated_patterns()
    assert sum(needs for _, _, needs in patterns) == len(web._NEED_COLON)  # no stale entry
    assert _colon_gate_holds(patterns)


def test_a_wrongly_gated_furniture_pattern_is_caught():
    """The check above can fail: 相关文章 takes an optional colon, so gating it drops findings."""
    wrong = tuple((kind, pattern, needs or kind == "相关文章链接") for kind, pattern, needs in web._gated_patterns())
    assert not _colon_gate_holds(wrong)


def test_literal_matcher_dfa_finds_what_the_default_automaton_finds():
    """LiteralMatcher builds a DFA for short string lists; the library's default automaton for
    the same strings must give the same non-overlapping matches (TRM001–TRM003, user terms)."""
    import ahocorasick_rs

    from gongwen.rules import terms

    matcher = terms.builtin_formulations().matcher
    assert sum(len(k) for k in matcher.keys) <= kinds._DFA_MAX_CHARS  # the DFA is in use
    default = kinds.LiteralMatcher.__new__(kinds.LiteralMatcher)
    default.keys, default.values = matcher.keys, matcher.values
    default.automaton = ahocorasick_rs.AhoCorasick(matcher.keys)
    rnd = random.Random("dfa")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(matcher.keys) if rnd.random() < 0.3 else rnd.choice("的和人民共和国中华，。")
                      for _ in range(rnd.randint(0, 12))) for _ in range(5_000)]
    for text in texts:
        assert matcher.find(text) == default.find(text), text


ENUMERATOR_ALPHABET = "一二三四五六七八九十第首其再先次是否非，,。；：:、 （(“统唯之居全国"


def test_enumerator_starts_give_every_enumerator():
    """FMT005 tries _ENUMERATOR only where a stdlib re pattern allows a start."""
    for text in _texts(ENUMERATOR_ALPHABET, "enumerators"):
        assert _key(matches_at(structure._ENUMERATOR, text, structure._ENUMERATOR_START)) == _key(
            structure._ENUMERATOR.finditer(text)), text


def test_an_enumerator_start_pattern_too_narrow_is_caught():
    """The comparison above can fail: starts that allow only two numerals drop 二十一是."""
    narrow = re.compile(structure._ENUMERATOR_START.pattern.replace("{0,2}", "{0,1}", 1))
    assert narrow.pattern != structure._ENUMERATOR_START.pattern
    assert any(_key(matches_at(structure._ENUMERATOR, text, narrow)) != _key(structure._ENUMERATOR.finditer(text))
               for text in _texts(ENUMERATOR_ALPHABET, "enumerators", 5_000))


def test_structure_gates_hold():
    """FMT001's scan runs _MARKER only on a paragraph whose first non-blank character can open
    one, and _PART/_ENUMERATED/_INTRO_END only when 第 opens it or 下 is in it."""
    alphabet = " \t\u3000\xa0一二十（()）0123456789.．、第部分章以如下：:，,。\u2474\u2487项"
    for text in _texts(alphabet, "structure"):
        body = text.strip(BLANKS)
        if structure._MARKER.match(text):
            assert body[:1] in structure._MARKER_FIRST, text
        if structure._PART.match(text) or structure._ENUMERATED.match(text):
            assert body[:1] == "第", text
        if structure._INTRO_END.search(body):
            assert "下" in body, text


def test_a_structure_gate_too_narrow_is_caught():
    """The check above can fail: a first-character set without the circled numbers misses ⑴."""
    narrow = structure._MARKER_FIRST - {"\u2474"}
    alphabet = " \u3000一（）1.、\u2474项"
    assert any(structure._MARKER.match(t) and t.strip(BLANKS)[:1] not in narrow
               for t in _texts(alphabet, "structure", 2_000))
