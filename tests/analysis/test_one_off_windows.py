"""TYP015's compiled pass (linter/analysis/_one_off_windows.c) against its Python reference
(one_off.reference_screened_places): the same places and forms, in the same order, on random
texts of every str kind; where a run is skipped (a traditional character in it) the compiled
pass leaves the construction to Python, so it may keep more forms, and the findings are the
same."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import one_off

pytest.importorskip("gongwen.analysis._one_off_windows")

# Characters in groups alike in sound (华化话, 振镇, 理里礼 …), a function character (的), numerals
# (一, 二), a skipped character (們), an astral Han character (𠀀, a four-byte str), and what breaks
# runs (。, a digit, a Latin letter). A text repeats a few terms and writes some once with one
# character changed for another of its group or any other.
_GROUPS = ("华化话", "振镇震", "理里礼", "管馆", "德得", "流留", "转传", "红宏洪", "李力立", "建健", "设社",
           "处出", "厂场", "的", "一", "二", "𠀀", "們")
_ALL = "".join(_GROUPS)
_BREAKS = "。2a"
_SKIP = frozenset("們")


def _text(rnd: random.Random) -> str:
    terms = ["".join(rnd.choice(_ALL[:-2] if rnd.random() < 0.7 else _ALL) for _ in range(rnd.randint(3, 6)))
             for _ in range(rnd.randint(1, 4))]
    parts = []
    for _ in range(rnd.randint(0, 12)):
        term = list(rnd.choice(terms))
        if rnd.random() < 0.3:  # a slip: mostly for a character alike
            k = rnd.randrange(len(term))
            group = next(g for g in _GROUPS if term[k] in g)
            term[k] = rnd.choice(group if rnd.random() < 0.8 else _ALL)
        parts.append("".join(term) + (rnd.choice(_BREAKS) if rnd.random() < 0.6 else ""))
    return "".join(parts)


def _compiled(text: str, skip: frozenset[str]) -> list:
    return list(one_off._compiled_windows(skip).places(text))


def test_the_compiled_pass_finds_what_the_reference_finds():
    rnd = random.Random("one-off-windows")
    found = unsure = 0
    for _ in range(1_500):
        text = _text(rnd)
        reference = list(one_off.reference_screened_places(text, _SKIP))
        compiled = _compiled(text, _SKIP)
        if not any(c in text for c in _SKIP):
            assert compiled == reference, text
        else:  # a form's occurrences in a skipped run are Python's to read: it may keep more
            kept = {(at, form) for at, _, _, forms in compiled for form, _ in forms}
            assert {(at, form) for at, _, _, forms in reference for form, _ in forms} <= kept, text
            unsure += 1
        found += len(reference)
    assert found > 400 and unsure > 50  # the alphabet makes candidates often enough


def test_the_findings_are_the_same_either_way(monkeypatch):
    rnd = random.Random("one-off-findings")
    texts = [_text(rnd) for _ in range(400)]
    texts += ["局长李振华强调，要加强土地流转管理。李振华同志指出，规范土地流转合同。局党组书记李振化带头落实。",
              "建设污水处理厂，污水处理厂规模。污水处里厂投运。", "落实一市一策，编制一市一策方案。推进一湖一策整治。"]
    compiled = [one_off.one_off_variants(t, _SKIP) for t in texts]
    monkeypatch.setattr(one_off, "_compiled_windows", lambda skip: None)
    assert [one_off.one_off_variants(t, _SKIP) for t in texts] == compiled
    assert sum(map(len, compiled)) >= 2


def test_a_text_of_one_byte_characters_has_no_window():
    assert _compiled("abc abc abd 123", frozenset()) == []
