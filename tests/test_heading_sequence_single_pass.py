"""FMT001 answers "what lies between this heading and its predecessor" from one pass over the
headings (``latest_above``) and sorted scope units (``_scope_between``) instead of slicing the
headings between and collecting the scopes of the units between at every restart. Its
findings must be exactly those of the former loop, kept here as the reference, on random
documents of heading lines, scope openers and body text."""
from __future__ import annotations

import random
from collections import defaultdict
from types import SimpleNamespace

import pytest

from gongwen.analysis.outline import MAX_NESTING, RANK, structure
from gongwen.document import Document
from gongwen.rules import structure as structure_rules
from gongwen.rules.structure import HeadingSequence

# Lines of every kind the outline tells apart: markers of the four levels (values 0..4, so
# skips, repeats and restarts all occur), an ambiguous 3.5, numbered parts, list
# introductions, unmarked title lines, labelled first items and plain body text.
_LINES = (["一、", "二、", "三、", "四、", "（一）", "（二）", "（三）", "(四)", "1.", "2.", "3.",
           "4、", "0.", "（1）", "（2）", "（3）", "⑷", "3.5亿元", "第二部分", "第三章", "具体如下：",
           "2025年工作安排", "附件：1.某某报告", "4.2　总则", "正文写了一句话。", "正文。还有一句。"])


def _former(marks, scopes) -> list:
    """FMT001's loop before the single pass (the reference)."""
    stacks: dict[str, list[list]] = defaultdict(list)
    report = []
    violation = HeadingSequence._violation
    for i, h in enumerate(marks):
        stack = stacks[h.kind]
        if not stack:
            stack.append([i, None])
            if h.value == 2:
                report.append(violation(h, h, new_scope=True))
            continue
        prev = marks[stack[-1][0]]
        if h.value == prev.value + 1:
            stack[-1][0] = i
            continue
        outer = next((k for k in range(len(stack) - 2, -1, -1)
                      if h.value == marks[stack[k][0]].value + 1), None)
        if outer is not None:
            del stack[outer + 1:]
            stack[-1][0] = i
            continue
        between = marks[stack[-1][0] + 1:i]
        scope_kinds = {scopes[u] for u in range(prev.unit + 1, h.unit + 1) if u in scopes}
        proven = "part" in scope_kinds or any(RANK[m.kind] < RANK[h.kind] for m in between)
        parent = proven or "title" in scope_kinds
        if h.value == 1 and parent:
            report.extend(violation(*held) for _, held in stack if held)
            stack[:] = [[i, None]]
            continue
        if h.value == 1:
            stack.append([i, None if between or scope_kinds else (h, prev, proven)])
            if len(stack) > MAX_NESTING:
                stack.pop(0)
            continue
        stack[-1][0] = i
        report.append(violation(h, prev, new_scope=proven))
    report.extend(violation(*held) for stack in stacks.values() for _, held in stack if held)
    return sorted(report, key=lambda v: v.start)


def _documents(count: int, seed: str):
    rnd = random.Random(seed)
    for _ in range(count):
        # Mostly markers, so that sequences run long enough to nest, skip and restart.
        weights = [rnd.random() for _ in _LINES]
        lines = rnd.choices(_LINES, weights, k=rnd.randint(0, 40))
        yield Document(path="random.txt", text="\n".join(lines) + "\n")


def _compare(count: int, seed: str) -> tuple[int, int]:
    """(documents whose findings differ, findings seen)."""
    rule, differ, seen = HeadingSequence(), 0, 0
    for doc in _documents(count, seed):
        found = structure(doc)
        expected = _former(found.headings, found.scopes)
        got = list(rule.check(None, SimpleNamespace(document=doc)))
        differ += got != expected
        seen += len(expected)
    return differ, seen


def test_fmt001_finds_what_the_former_loop_found():
    differ, seen = _compare(6_000, "heading-sequence")
    assert differ == 0
    assert seen > 10_000  # skips, repeats, restarts and held restarts all occur


def _reversed_ranks(marks):
    """A wrong latest_above: the latest heading ranking below (deeper than) each one."""
    below = [-1] * (len(RANK) + 2)
    out = []
    for i, h in enumerate(marks):
        out.append(below[RANK[h.kind]])
        for rank in range(1, RANK[h.kind]):
            below[rank] = i
    return out


def _excluding_own_unit(units, after, upto):
    """A wrong _scope_between: the heading's own unit (附件：1.…) left out."""
    return any(after < u < upto for u in units)


@pytest.mark.parametrize("name, wrong", [("latest_above", _reversed_ranks),
                                         ("_scope_between", _excluding_own_unit)])
def test_a_wrong_shortcut_would_be_caught(monkeypatch, name, wrong):
    monkeypatch.setattr(structure_rules, name, wrong)
    differ, _ = _compare(1_500, "heading-sequence-wrong")
    assert differ > 0
