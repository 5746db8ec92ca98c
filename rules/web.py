"""Text a web page's template left in a report copied or scraped from the page."""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.text import BLANKS
from gongwen.analysis import pattern_cache


@cache
def furniture_patterns() -> tuple[tuple[str, regex.Pattern, tuple[str, ...]], ...]:
    """(kind, compiled pattern, strings one of which every match holds) from
    ``data/page_furniture.toml``; the strings are empty when the entry lists none."""
    return tuple((p["kind"], lazy_regex.compile(p["regex"]), tuple(p.get("needs", ())))
                 for p in lexicon.table("page_furniture.toml")["pattern"])


@cache
def _and_needs() -> tuple[tuple[str, ...], ...]:
    """Each pattern's ``and_needs`` in furniture_patterns' order: strings one of which every
    match holds as well as one of its ``needs`` (empty: no second test). Where ``needs`` is only
    the colon, the label's words spare the pattern's search on most lines with a colon."""
    return tuple(tuple(p.get("and_needs", ())) for p in lexicon.table("page_furniture.toml")["pattern"])


@cache
def _all_needs() -> frozenset[str] | None:
    """Every pattern's ``needs``: a paragraph some pattern matches holds one of these strings
    (None when an entry lists none, or an empty one, which turns the shortcuts off)."""
    needs = set()
    for _, _, strings in furniture_patterns():
        if not strings or "" in strings:
            return None
        needs.update(strings)
    return frozenset(needs)


@cache
def _furniture_gate() -> "re.Pattern[str] | None":
    """One stdlib ``re`` test that every paragraph some pattern matches passes."""
    needs = _all_needs()
    return None if needs is None else pattern_cache.re_compile("|".join(map(re.escape, sorted(needs))))


@cache
def _held_strings() -> tuple["re.Pattern[str]", dict[str, frozenset[str]]]:
    """What ``_held`` reads: one alternation of every pattern's needs and and_needs, longest
    first (at a place it matches the longest that starts there), and for each string the
    listed strings it starts with (itself included): the others that start at that place."""
    listed = {*_all_needs(), *(w for also in _and_needs() for w in also)} - {""}  # "": see _and_tests
    strings = sorted(listed, key=lambda w: (-len(w), w))
    return (pattern_cache.re_compile("|".join(map(re.escape, strings))),
            {w: frozenset(v for v in strings if w.startswith(v)) for w in strings})


def _held(body: str) -> set[str]:
    """Which of the patterns' needs and and_needs ``body`` holds: {w for w in strings if w in
    body}, by one search a place where one of them starts instead of one ``in`` a string (two
    dozen of them over each short paragraph with a colon, 60 % of WEB004's cost on the speed
    benchmark's files). Each search goes on from the place after the last one's start, so every
    place where a string starts is found; there the longest is found, and the others that start
    there are its prefixes (tests/test_prefilters_web.py compares with ``in``)."""
    search, prefixes = _held_strings()
    search = search.search
    held: set[str] = set()
    m = search(body)
    while m is not None:
        held |= prefixes[m.group()]
        m = search(body, m.start() + 1)
    return held


@cache
def _and_tests() -> tuple[frozenset[str] | None, ...]:
    """_and_needs as sets, None for a pattern with no second test (none listed, or "", which
    every paragraph holds)."""
    return tuple(frozenset(also) if also and "" not in also else None for also in _and_needs())


@cache
def furniture_triggers() -> str:
    """One character of every needed string: the rule's triggers ("" when any pattern needs
    nothing), so that the engine skips a paragraph holding none without calling it. The
    string's first character in the data file's ``trigger_preference``, else its last."""
    needs = _all_needs()
    if needs is None:
        return ""
    preferred = lexicon.table("page_furniture.toml").get("trigger_preference", "")
    return "".join(sorted({next((ch for ch in preferred if ch in n), n[-1]) for n in needs}))


def furniture_kind(body: str) -> str | None:
    """The kind of page furniture a whole paragraph (stripped) is, or None."""
    if not body or len(body) > 200:
        return None
    gate = _furniture_gate()
    if gate is None:  # some pattern needs nothing: try each where its strings allow
        for (kind, pattern, needs), also in zip(furniture_patterns(), _and_needs()):
            if ((not needs or any(n in body for n in needs)) and (not also or any(map(body.__contains__, also)))
                    and pattern.search(body)):
                return kind
        return None
    if gate.search(body) is None:
        return None  # no pattern can match: each needs one of its strings (data file)
    # The needed strings the paragraph holds, found once: ten patterns share twenty strings,
    # and one `any` per pattern cost more than the patterns' own searches.
    held = _held(body)
    for (kind, pattern, needs), also in zip(furniture_patterns(), _and_tests()):
        # ``also``: the pattern's and_needs, one of which its matches hold too (None: no test)
        if not held.isdisjoint(needs) and (also is None or not held.isdisjoint(also)) and pattern.search(body):
            return kind
    return None


def is_page_furniture(body: str) -> bool:
    """For the HTML reader, which leaves such lines out of a page's text."""
    return furniture_kind(body) is not None


class PageFurniture(Rule):
    """## What it does
    检查从网页复制或采集正文时带进来的页面元素：面包屑导航（`首页 > 专题专栏 > …`、
    `当前位置：`）、`相关文章:` 等链接栏、`【字体：大 中 小】`、`打印本页`、`关闭窗口`、
    `分享到：`、浏览次数。

    ## Why is this bad?
    这些文字属于网页模板，不属于报告。留在正文里，说明稿件是从网页反向复制的，
    发布或归档时会混入无意义的导航文字，检查时也会被当作内容错误。
    整段都是页面元素时才报告；正文中提到“首页”“打印”等词不报告；采购、招标公告在文末单独
    一行写的 `发布日期：2026年12月2日` 是公告自己的落款日期，不报告。
    模式保存在数据文件 `page_furniture.toml` 中，可以补充。
    修复（删除该段）为不安全修复：须确认这一段确实不是正文。

    ## Example
    ```text
    首页 > 专题专栏 > 法治政府建设 > 九、法治政府建设组织领导落实到位
    ```

    Use instead:
    ```text
    （删去整行，正文从报告标题开始）
    ```
    """

    code = "WEB004"
    name = "page-furniture"
    severity = Severity.WARNING
    fixable = True

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self.triggers = furniture_triggers()  # from the data file, so set per instance

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        body = unit.text.strip(BLANKS)
        kind = furniture_kind(body)
        if kind == _STAMP and _closes(ctx.document, unit):
            return  # an announcement's own date line (发布日期：… under its contacts), not the page's
        if kind is not None:
            start = unit.text.index(body[0])
            end = start + len(body)
            yield Violation(start, end, f"网页页面元素混入正文：{kind}",
                            help="删除这一段网页模板文字",
                            fixes=(Fix.replace(0, len(unit.text), "", "删除这一段",
                                               Applicability.UNSAFE),))


# The kind (data/page_furniture.toml) of a page's publication stamp on a line of its own. A page
# sets it under the headline; an announcement (采购、招标公告) closes with its own date in the
# same words, as its 落款.
_STAMP = "发布时间"


def _closes(doc, unit: TextUnit) -> bool:
    """Whether ``unit`` is the last of the document that holds text, after text of its own."""
    units = doc.units
    return (not any(u.text.strip(BLANKS) for u in units[unit.index + 1:])
            and any(u.text.strip(BLANKS) for u in units[:unit.index]))


RULES = (PageFurniture,)
