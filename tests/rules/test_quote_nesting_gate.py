"""PUN004 (quote-nesting) reads a paragraph's pairs only when it may hold a pair inside one of
its own kind or a 〈 at the top level (_NESTING_GATE): over many random paragraphs its findings
equal those of the rule with the gate open, and gates that forget a case are caught."""
from __future__ import annotations

import random
import re

import pytest
from support import assert_shortcut_caught, assert_shortcut_exact

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


def test_the_gate_gives_the_same_findings(monkeypatch):
    assert_shortcut_exact(monkeypatch, "PUN004", _texts(4_000), pairs_rules, "_NESTING_GATE", _OPEN, 500)


@pytest.mark.parametrize("wrong", [
    "“[^”]*“|《[^》]*《|〈",  # forgets ‘ inside ‘
    "“[^”]*“|《[^》]*《|‘[^‘’]*‘|〈",  # a ’ between two ‘ taken for the closer (it may be an apostrophe)
    "“[^”]*“|‘[^‘]*‘|〈",  # forgets 《 inside 《
    "““|《[^》]*《|‘[^‘]*‘|〈",  # asks the two “ side by side
    "“[^”]*“|《[^》]*《|‘[^‘]*‘",  # forgets 〈 at the top
])
def test_a_wrong_gate_is_caught(monkeypatch, wrong):
    assert_shortcut_caught(monkeypatch, "PUN004", _texts(4_000), pairs_rules, "_NESTING_GATE", re.compile(wrong), _OPEN)
