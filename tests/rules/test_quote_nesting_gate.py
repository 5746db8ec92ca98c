"""PUN004 (quote-nesting) reads a paragraph's pairs only when it may hold a pair inside one of
its own kind or a 〈 at the top level (_NESTING_GATE): over many random paragraphs its findings
equal those of the rule with the gate open, and gates that forget a case are caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen import api
from gongwen.analysis.pairs import CLOSERS, OPENERS
import gongwen.rules.pairs as pairs_rules

_MARKS = "".join(OPENERS) + "".join(CLOSERS)
# Letters and digits around ’ make apostrophes (don’t, ’99); a URL is protected text.
_FRAGMENTS = ["中文", "报告", "，", "。", " ", "1", "99", "a", "don’t", "’99", "http://a.cn/", "www.b.cn"]
_OPEN = re.compile("")  # matches every paragraph: the gate turns nothing away


def _texts(count: int) -> list[str]:
    rnd = random.Random("quote-nesting-gate")
    texts = []
    for _ in range(count):
        marks = rnd.choice(["“”", "《》", "‘’", "〈〉", "“”‘’", "《》〈〉", _MARKS])
        pool = _FRAGMENTS + list(marks) * 4
        texts.append("".join(rnd.choice(pool) for _ in range(rnd.randint(0, 30))))
    return texts


def _findings(texts: list[str]) -> list[list[tuple]]:
    return [[(d.start, d.end, d.message) for d in api.lint_text(t, select=["PUN004"])] for t in texts]


def test_the_gate_gives_the_same_findings(monkeypatch):
    texts = _texts(4_000)
    gated = _findings(texts)
    assert sum(1 for f in gated if f) > 500  # the texts do trip the rule
    monkeypatch.setattr(pairs_rules, "_NESTING_GATE", _OPEN)
    assert gated == _findings(texts)


@pytest.mark.parametrize("wrong", [
    "“[^”]*“|《[^》]*《|〈",  # forgets ‘ inside ‘
    "“[^”]*“|《[^》]*《|‘[^‘’]*‘|〈",  # a ’ between two ‘ taken for the closer (it may be an apostrophe)
    "“[^”]*“|‘[^‘]*‘|〈",  # forgets 《 inside 《
    "““|《[^》]*《|‘[^‘]*‘|〈",  # asks the two “ side by side
    "“[^”]*“|《[^》]*《|‘[^‘]*‘",  # forgets 〈 at the top
])
def test_a_wrong_gate_is_caught(monkeypatch, wrong):
    texts = _texts(4_000)
    monkeypatch.setattr(pairs_rules, "_NESTING_GATE", _OPEN)
    plain = _findings(texts)
    monkeypatch.setattr(pairs_rules, "_NESTING_GATE", re.compile(wrong))
    assert _findings(texts) != plain
