"""FMT001 and FMT012 read each heading's neighbours from one pass over the headings
(``nearest_heading``) and of the scope openers (``_scopes_up_to``): FMT001 no longer slices the
headings between and collects the scopes of the units between at every restart, FMT012 no
longer walks to each heading's next and previous sibling. Their findings must be exactly those
of the former loops, kept here as the reference, on random documents of heading lines, scope
openers and body text; ``nearest_heading`` must equal the plain walk in every direction.
FMT001 counts the scope openers only at the first heading that asks for them."""
from __future__ import annotations

import random
from collections import defaultdict
from types import SimpleNamespace

import pytest

from gongwen.analysis.outline import MAX_NESTING, RANK, structure
from gongwen.document import Document
from gongwen.rules import structure as structure_rules
from gongwen.rules.structure import HeadingSequence, MissingHeadingMarker, _previous_siblings

# Lines of every kind the outline tells apart: markers of the four levels (values 0..4, so
# skips, repeats and restarts all occur), an ambiguous 3.5, numbered parts, list
# introductions, unmarked title lines, labelled first items and plain body text.
_LINES = (["一、", "二、", "三、", "四、", "（一）", "（二）", "（三）", "(四)", "1.", "2.", "3.",
           "4、", "0.", "（1）", "（2）", "（3）", "⑷", "3.5亿元", "第二部分", "第三章", "具体如下：",
           "2025年工作安排", "附件：1.某某报告", "附件：0.某某报告", "4.2　总则", "正文写了一句话。", "正文。还有一句。",
           "强化党建引领", "（一）强化党建引领，夯实法治政府领导责任。把党的领导贯穿法治政府建设工作各领域全过程。",
           "（二）提升履职效能，增强行政决策公信力。制定年度法治政府建设工作要点，全面推行重大行政决策目录化管理。",
           "化解矛盾纠纷，提升依法治理能力水平。深化数据赋能政府治理和政务服务。"])


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
        # The rule first, on a document whose scopes nothing has asked for yet (it counts them
        # only at the first heading that needs them); the reference on a fresh copy.
        got = list(rule.check(None, SimpleNamespace(document=doc)))
        found = structure(Document(doc.path, doc.text))
        expected = _former(found.headings, found.scopes)
        differ += got != expected
        seen += len(expected)
    return differ, seen


def test_fmt001_finds_what_the_former_loop_found():
    differ, seen = _compare(6_000, "heading-sequence")
    assert differ == 0
    assert seen > 10_000  # skips, repeats, restarts and held restarts all occur


def test_scopes_left_uncounted_are_caught(monkeypatch):
    """The comparison reads the scopes FMT001 counts late: a check that never asks for them
    (an empty table of scope openers) differs on many documents."""
    monkeypatch.setattr(structure_rules, "scope_openers", lambda doc: {})
    differ, _ = _compare(2_000, "heading-sequence")
    assert differ > 50


def _former_next_sibling(marks, at: int, n_units: int):
    """FMT012's walk to the next heading of the same kind before a parent (the reference)."""
    last = marks[at]
    for j in range(at + 1, len(marks)):
        h = marks[j]
        if RANK[h.kind] < RANK[last.kind]:
            return None, h.unit
        if h.kind == last.kind:
            return h, h.unit
    return None, n_units


def _former_fmt012(rule, doc) -> list:
    """FMT012's check before the single pass (the reference)."""
    marks, out = structure(doc).headings, []
    for i, last in enumerate(marks):
        nxt, end = _former_next_sibling(marks, i, len(doc.units))
        if nxt is not None and nxt.value <= last.value + 1:
            continue
        gap = nxt is not None
        siblings = _previous_siblings(marks, i)
        if not gap and len(siblings) < 2:
            continue
        out += rule._report(doc, siblings, last.unit, end, last.value + 1, gap, nxt)
    for i, first in enumerate(marks):
        if first.value != 2:
            continue
        parent = next((marks[j] for j in range(i - 1, -1, -1) if RANK[marks[j].kind] <= RANK[first.kind]), None)
        if parent is not None and parent.kind == first.kind:
            continue
        begin = parent.unit if parent is not None else next(
            (u.index for u in doc.units[:first.unit] if structure_rules.SENTENCE_END.search(u.text)), first.unit)
        siblings = _previous_siblings(marks, i) + [h for h in marks[i + 1:i + 3] if h.kind == first.kind]
        out += rule._report(doc, siblings, begin, first.unit, 1, True, first)
    return out


def _compare_fmt012(count: int, seed: str) -> tuple[int, int]:
    rule, differ, seen = MissingHeadingMarker(), 0, 0
    for doc in _documents(count, seed):
        expected = _former_fmt012(rule, doc)
        differ += list(rule.check(None, SimpleNamespace(document=doc))) != expected
        seen += len(expected)
    return differ, seen


def test_fmt012_finds_what_the_former_loop_found():
    differ, seen = _compare_fmt012(6_000, "missing-heading-marker")
    assert differ == 0
    assert seen > 300  # lost headings are found, with and without a gap


def _walk(marks, i: int, ahead: bool, level: bool) -> int:
    """nearest_heading's answer for one heading, by walking (the plain computation)."""
    steps = range(i + 1, len(marks)) if ahead else range(i - 1, -1, -1)
    rank = RANK[marks[i].kind]
    return next((j for j in steps if RANK[marks[j].kind] < rank + level), -1)


def test_nearest_heading_is_the_walk():
    for doc in _documents(2_000, "nearest-heading"):
        marks = structure(doc).headings
        for ahead in (False, True):
            for level in (False, True):
                assert structure_rules.nearest_heading(marks, ahead, level) == [
                    _walk(marks, i, ahead, level) for i in range(len(marks))], (ahead, level)


def _reversed_ranks(marks, ahead, level):
    """A wrong nearest_heading: the nearest heading ranking below (deeper than) each one."""
    return [next((j for j in (range(i + 1, len(marks)) if ahead else range(i - 1, -1, -1))
                  if RANK[marks[j].kind] > RANK[marks[i].kind] - level), -1) for i in range(len(marks))]


def _never_level(marks, ahead, level):
    """A wrong nearest_heading: a heading of the same level is never the nearest."""
    return [_walk(marks, i, ahead, False) for i in range(len(marks))]


def _excluding_own_unit(marks, scopes):
    """A wrong _scopes_up_to: a scope opener on a heading's own unit (附件：1.…) not counted."""
    before = [[u for u in sorted(scopes) if u < h.unit] for h in marks]
    return ([sum(scopes[u] == "part" for u in b) for b in before],
            [sum(scopes[u] == "title" for u in b) for b in before], [len(b) for b in before])


@pytest.mark.parametrize("name, wrong", [("nearest_heading", _reversed_ranks),
                                         ("_scopes_up_to", _excluding_own_unit)])
def test_a_wrong_shortcut_in_fmt001_would_be_caught(monkeypatch, name, wrong):
    monkeypatch.setattr(structure_rules, name, wrong)
    differ, _ = _compare(1_500, "heading-sequence-wrong")
    assert differ > 0


def test_a_wrong_shortcut_in_fmt012_would_be_caught(monkeypatch):
    monkeypatch.setattr(structure_rules, "nearest_heading", _never_level)
    differ, _ = _compare_fmt012(1_500, "missing-heading-marker-wrong")
    assert differ > 0


def _run_in_documents(count: int, seed: str):
    """Siblings written 短标题。正文 and run-in headings whose clause is 14–30 characters long,
    so that FMT004's findings start near the shortest line that can hold one."""
    rnd = random.Random(seed)
    han = "加强改善宏观调控深化改革开放推进法治政府建设提升履职效能"
    for _ in range(count):
        lines, marker = [], rnd.choice(["（{}）", "{}、"])
        for n in range(rnd.randint(3, 8)):
            if rnd.random() < 0.6:  # a sibling written 短标题。正文
                clause, tail = "".join(rnd.choice(han) for _ in range(rnd.randint(4, 8))), "。针对问题。"
            else:  # a candidate: one long clause, then the body after a comma (or nothing)
                clause = "".join(rnd.choice(han) for _ in range(rnd.randint(14, 28)))
                tail = rnd.choice(["，正文继续写。", "，正", "。针", "", "。"])
            lines.append(marker.format("一二三四五六七八"[n]) + clause + tail)
        yield Document(path="random.txt", text="\n".join(lines) + "\n")


def _fmt004(docs) -> list:
    rule = structure_rules.HeadingRunIn()
    return [list(rule.check(None, SimpleNamespace(document=doc))) for doc in docs]


@pytest.mark.parametrize("bound, same", [(0, True), (26, False)])
def test_fmt004_shortest_run_in_bound(monkeypatch, bound, same):
    """The bound skips no heading that could be reported (compared with no bound at all); a
    bound a few characters too high loses findings and is caught."""
    docs = list(_run_in_documents(4_000, "run-in"))
    found = _fmt004(docs)
    assert sum(map(len, found)) > 1_000
    monkeypatch.setattr(structure_rules, "_RUN_IN_SHORTEST", bound)
    assert (_fmt004(docs) == found) is same
