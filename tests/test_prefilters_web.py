"""WEB004's page-furniture gate must not change a finding: the paragraphs no page-furniture
pattern can match are skipped by one stdlib re test."""
from __future__ import annotations

import contextlib
import random

from support import SEED

# WEB004: the paragraphs no page-furniture pattern can match are skipped by one stdlib re test.
from gongwen.rules import web

_FURNITURE_WORDS = ["当前位置", "您的位置", "首页", "网站首页", "主页", "返回首页", ">", "＞", "»", "›", "→", "/",
                    "->", "相关文章", "相关链接", "延伸阅读", "推荐阅读", "上一篇", "下一篇", "上一条", "打印本页",
                    "打印", "关闭窗口", "关闭", "收藏", "加入收藏", "返回顶部", "保存本页", "|", "｜", "【", "】",
                    "[", "]", "分享到", "分享至", "扫一扫在手机", "上", "打开当前页", "字体", "大", "中", "小",
                    "浏览次数", "来源", "作者", "责任编辑", "张三", "政府", "0", "12",
                    # the labels of the patterns whose needs are the colon (their and_needs)
                    "访问次数", "阅读次数", "点击数", "点击量", "浏览量", "发布时间", "发布日期", "信息来源",
                    "访问量", "字号", "时间", "：", "　", "|", "发布时间：2025-01-27", "　信息来源：区司法局",
                    "　浏览次数：128", "时间：", "　作者：张三", "　字号：", "　点击量：5", "字号：大 中 小",
                    # the labels of the colon patterns given and_needs in round 27
                    "发表时间", "更新时间", "上传时间", "下一条", "您现在的位置", "所在位置", "位置：",
                    "责任编辑：", "上一篇：", "相关闭", "打印关闭", "发布日期：2025年01月27日",
                    "更新时间：2024-5-6 10:30"]


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


def _and_needs_hold(lists) -> bool:
    """Whether every text a pattern matches holds one of its and_needs too (where it lists any)."""
    for text in _furniture_texts("web-and"):
        for (_, pattern, _), also in zip(web.furniture_patterns(), lists):
            if also and pattern.search(text) and not any(w in text for w in also):
                return False
    return True


def test_every_second_list_holds_for_every_match():
    lists = web._and_needs()
    assert sum(1 for also in lists if also) >= 3
    assert _and_needs_hold(lists)


def test_a_label_left_out_of_a_second_list_is_caught():
    """The check above can fail: a visit counter may be labelled 点击量 (no 浏览 in it)."""
    wrong = [tuple(w for w in also if w != "点击") for also in web._and_needs()]
    assert not _and_needs_hold(wrong)


def test_furniture_gate_passes_every_match():
    gate = web._furniture_gate()
    for text in _furniture_texts("web-gate"):
        if any(p.search(text) for _, p, _ in web.furniture_patterns()):
            assert gate.search(text), text


def _plain_kind(body: str) -> str | None:
    """Every pattern in order, without the gate or the needed strings."""
    if not body or len(body) > 200:
        return None
    return next((kind for kind, pattern, _ in web.furniture_patterns() if pattern.search(body)), None)


def _kind_differences() -> tuple[int, int]:
    texts = _furniture_texts("web-kind")
    return sum(web.furniture_kind(t) != _plain_kind(t) for t in texts), sum(_plain_kind(t) is not None for t in texts)


def test_furniture_kind_is_the_first_pattern_that_matches():
    differ, matched = _kind_differences()
    assert differ == 0 and matched > 500


def test_a_second_list_left_short_changes_the_kind(monkeypatch):
    """furniture_kind's comparison above fails when a second list misses a label (访问计数's 浏览:
    浏览次数：128 is a visit counter)."""
    lists = web._and_needs()
    monkeypatch.setattr(web, "_and_needs", lambda: tuple(tuple(w for w in also if w != "浏览") for also in lists))
    with _derived_again():
        differ, _ = _kind_differences()
    assert differ > 0


def test_a_held_string_left_out_is_caught(monkeypatch):
    """The comparison above can fail: the strings a paragraph holds, read without 首页."""
    needs = web._all_needs()
    monkeypatch.setattr(web, "_all_needs", lambda: needs - {"首页"})
    with _derived_again():
        differ, _ = _kind_differences()
    assert differ > 0


@contextlib.contextmanager
def _derived_again():
    """The tables furniture_kind derives from the lists (cached) built again from the patched
    lists inside, and from the real ones after."""
    derived = (web._and_tests, web._held_strings)
    for f in derived:
        f.cache_clear()
    try:
        yield
    finally:
        for f in derived:
            f.cache_clear()


def _untriggered_furniture(triggers: str) -> list[str]:
    """Random paragraphs WEB004's patterns take for furniture that hold none of ``triggers``."""
    return [t for t in _furniture_texts("web-triggers")
            if web.furniture_kind(t) is not None and not any(ch in t for ch in triggers)]


def test_every_paragraph_of_furniture_holds_a_trigger_character():
    """WEB004's triggers, one character of each needed string (trigger_preference in the data
    file where a string holds one), are necessary: the engine calls the rule only on paragraphs
    holding one."""
    triggers = web.furniture_triggers()
    assert all(any(ch in need for ch in triggers) for need in web._all_needs())
    assert _untriggered_furniture(triggers) == []


def test_a_trigger_set_without_a_preferred_character_is_caught():
    """返回顶部 alone or 相关文章 alone is furniture: triggers without 顶 or 相 miss it."""
    triggers = web.furniture_triggers()
    for ch in "顶相":
        assert ch in triggers and _untriggered_furniture(triggers.replace(ch, ""))


def _strings_by_in(body: str) -> set[str]:
    strings = {*web._all_needs(), *(w for also in web._and_needs() for w in also)}
    return {w for w in strings if w in body}


def test_held_strings_are_those_in_the_paragraph():
    """_held finds by one search a place what ``in`` finds string by string: strings that share
    a start (浏览, 浏览次数), overlap (相关 and 关闭 in 相关闭) or stand inside another (时间 in
    发布时间) included."""
    texts = _furniture_texts("web-held")
    rnd = random.Random("web-held-overlaps")
    pieces = ["相关", "关闭", "浏览", "浏览次数", "发布时间", "时间", "上一篇", "上一", "下一条", "点击", "点击数",
              "首页", "页", "：", ":", "中", " "]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10))) for _ in range(20_000)]
    found = 0
    for text in texts:
        held = web._held(text)
        assert held == _strings_by_in(text), text
        found += len(held) > 1
    assert found > 5_000


def test_held_strings_going_on_after_the_match_are_caught(monkeypatch):
    """The comparison above can fail: a search going on from a match's end misses 关闭 in 相关闭."""
    def from_end(body):
        search, prefixes = web._held_strings()
        held, m = set(), search.search(body)
        while m is not None:
            held |= prefixes[m.group()]
            m = search.search(body, m.end())
        return held
    assert any(from_end(t) != _strings_by_in(t) for t in ["相关闭", "发布时间时间", "相关：关闭"])
