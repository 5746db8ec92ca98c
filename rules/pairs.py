"""Paired marks: quotes, brackets and 书名号 that open and never close, or close unopened."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import regex

from gongwen.diagnostic import Label, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.textscan import protected

# ASCII brackets pair with full-width ones: an NFKC-normalised text writes 村(社区), and a
# typist may close （ with ). Width is PUN001's concern, not this rule's.
OPENERS = {"“": "quote", "‘": "single-quote", "《": "title", "〈": "single-title",
           "（": "paren", "(": "paren", "【": "lenticular", "〔": "tortoise", "「": "corner",
           "『": "double-corner", "［": "square", "[": "square"}
CLOSERS = {"”": "quote", "’": "single-quote", "》": "title", "〉": "single-title",
           "）": "paren", ")": "paren", "】": "lenticular", "〕": "tortoise", "」": "corner",
           "』": "double-corner", "］": "square", "]": "square"}
MARK_NAMES = {"“": "左双引号", "”": "右双引号", "‘": "左单引号", "’": "右单引号",
              "《": "左书名号", "》": "右书名号", "〈": "左单书名号", "〉": "右单书名号",
              "（": "左括号", "(": "左括号", "）": "右括号", ")": "右括号",
              "【": "左方头括号", "】": "右方头括号", "〔": "左六角括号", "〕": "右六角括号",
              "「": "左直角引号", "」": "右直角引号", "『": "左双直角引号", "』": "右双直角引号",
              "［": "左方括号", "[": "左方括号", "］": "右方括号", "]": "右方括号"}
_MARKS = regex.compile("[" + regex.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")
# A list marker such as 1） or a) at the start of a paragraph closes nothing.
_LIST_MARKER = regex.compile(r"^[\s\u3000\xa0]*(?:[0-9]{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3})[)）]")


_APOSTROPHE = regex.compile(r"(?<=[A-Za-z])’(?=[A-Za-z])|’(?=[0-9]{2}(?![0-9]))")


def _is_apostrophe(text: str, i: int) -> bool:
    """’ between Latin letters (don’t) or before a two-digit year (’99) is an apostrophe."""
    return _APOSTROPHE.match(text, i) is not None


def unbalanced_marks(text: str) -> list[tuple[int, str, int | None]]:
    """Positions of marks that do not pair, found by order (a stack), not by count.

    Returns ``(offset, problem, partner)`` where problem is ``"unopened"`` (a closer with no
    opener), ``"unclosed"`` (an opener never closed) or ``"crossed"`` (an opener closed out
    of order, e.g. 《…“…》), and partner is the offset of the mark it was wrongly closed by.
    Linear: a closer whose kind has no open mark is settled in O(1) from a counter, and
    every opener is pushed and popped at most once.
    """
    skip = protected(text)
    marker = _LIST_MARKER.match(text)
    stack: list[tuple[int, str]] = []
    open_count: Counter[str] = Counter()
    problems: list[tuple[int, str, int | None]] = []
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if skip.covers(i) or (marker and i == marker.end() - 1):
            continue
        if ch in OPENERS:
            kind = OPENERS[ch]
            stack.append((i, kind))
            open_count[kind] += 1
            continue
        kind = CLOSERS[ch]
        if ch == "’" and _is_apostrophe(text, i):
            continue
        if open_count[kind] == 0:
            problems.append((i, "unopened", None))
            continue
        while stack:
            j, top = stack.pop()
            open_count[top] -= 1
            if top == kind:
                break
            problems.append((j, "crossed", i))
    problems.extend((j, "unclosed", None) for j, _ in stack)
    return sorted(problems)


class UnbalancedPair(Rule):
    """## What it does
    按出现顺序检查每个段落中的成对标号（引号“”‘’、书名号《》〈〉、括号（）【】〔〕）：
    有右无左、有左无右、交叉嵌套，各在其本身的位置报告。

    ## Why is this bad?
    GB/T 15834-2011 规定引号、括号、书名号成对使用。只数个数是不够的：
    `加快法治政府建设”“坚决做到依法行政` 中左右引号各一个，但顺序错了——
    前一个右引号没有左引号，后一个左引号没有闭合。
    并列引语之间的 `”“`（`“企业宁静日”“联合检查日”`）和双引号内套单引号
    （`“‘互联网+政务服务’一体化”`）是正确用法，不报告；段首的列表序号 `1）` 也不报告。
    连续引用多段时，只在最后一段末尾用后引号，因此下一段以左引号开头时，未闭合的左引号不报告。

    ## Example
    ```text
    把加快法治政府建设”“坚决做到依法行政列入政府年度报告。
    ```

    Use instead:
    ```text
    把“加快法治政府建设”“坚决做到依法行政”列入政府年度报告。
    ```
    """

    code = "PUN003"
    name = "unbalanced-pair"
    category = "punctuation"
    severity = Severity.ERROR

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        problems = unbalanced_marks(text)
        if not problems:
            return
        continues = self._next_paragraph_opens_quote(unit, ctx)
        for i, problem, partner in problems:
            ch = text[i]
            kind = OPENERS.get(ch) or CLOSERS[ch]
            name = MARK_NAMES[ch]
            if problem == "unopened":
                opener = _opener_of(kind)
                yield Violation(i, i + 1, f"{name} {ch} 没有对应的{MARK_NAMES[opener]}",
                                help=f"在引用或括注开始处补上 {opener}，或删去多余的 {ch}")
            elif problem == "unclosed":
                if continues and kind == "quote":
                    continue
                closer = _closer_of(kind)
                yield Violation(i, i + 1, f"{name} {ch} 没有闭合",
                                help=f"在引用或括注结束处补上 {closer}")
            else:
                yield Violation(i, i + 1, f"{name} {ch} 与其他标号交叉嵌套",
                                help=f"先闭合内层标号，再用 {_closer_of(kind)} 闭合外层",
                                labels=(Label(partner, partner + 1, "在这里被提前闭合"),))

    @staticmethod
    def _next_paragraph_opens_quote(unit: TextUnit, ctx: RuleContext) -> bool:
        units = ctx.document.units
        nxt = unit.index + 1
        return 0 <= unit.index and nxt < len(units) and units[nxt].text.lstrip(" \u3000\xa0\t").startswith("“")


def _opener_of(kind: str) -> str:
    return next(ch for ch, k in OPENERS.items() if k == kind)


def _closer_of(kind: str) -> str:
    return next(ch for ch, k in CLOSERS.items() if k == kind)


RULES = (UnbalancedPair,)
