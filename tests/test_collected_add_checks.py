"""_Collected.add tests a finding's span, its labels and its fixes' edits where the rule
reports it (round 28: the span's test and the edits' written out in the engine's loop, a
Python call less per finding): a finding is refused (RuleCrash) exactly where ``_is_span``
says its span or an edit is no span of the text, and a good finding calls no helper."""
from __future__ import annotations

import random

import pytest

from gongwen import engine
from gongwen.diagnostic import Applicability, Edit, Fix, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.engine import RuleCrash, _Collected
from gongwen.rule import Rule


class _Rule(Rule):
    code, name = "TST001", "test"


def test_edits_are_refused_exactly_where_is_span_says(monkeypatch):
    rng = random.Random(28)
    doc = Document(path="a.txt", text="第一段文字。\n第二段文字。")
    length = len(doc.text)
    unit = TextUnit(7, length, doc.text[7:])
    values = [0, 1, 5, 6, 7, -1, -8, length - 7, length - 6, True, False, 2.0, None, 10**30]
    calls = []
    real = engine._check_span
    monkeypatch.setattr(engine, "_check_span", lambda *a: calls.append(a) or real(*a))
    for _ in range(5_000):
        edits = tuple(Edit(rng.choice(values), rng.choice(values), rng.choice(["x", "", 5]))
                      for _ in range(rng.randint(1, 3)))
        v = Violation(0, 1, "信息", fixes=(Fix(edits, Applicability.SAFE, "改"),))
        good = all(engine._is_span(unit.start, e.start, e.end, length) for e in edits)
        contents = all(isinstance(e.content, str) for e in edits)
        collected = _Collected(doc, None)
        if good and contents:
            collected.add(_Rule(), Severity.INFO, unit, v)
            assert len(collected.reported) == 1
        else:
            with pytest.raises(RuleCrash):
                collected.add(_Rule(), Severity.INFO, unit, v)
    assert calls == []  # the span's own test is the loop's: no call for any of these


def test_a_span_outside_the_unit_is_still_refused_by_check_span():
    doc = Document(path="a.txt", text="文字")
    with pytest.raises(RuleCrash, match="超出文本单元"):
        _Collected(doc, None).add(_Rule(), Severity.INFO, TextUnit(0, 0, doc.text), Violation(1, 5, "信息"))
