"""The engine's one pass over what the rules reported (_Collected.finished) gives what
building each finding's Diagnostic and then finish() gives: the same diagnostics, in the same
order, with the same locations and fingerprints (round 23: the per-finding path)."""
from __future__ import annotations

import random

import pytest

from gongwen.diagnostic import Applicability, Edit, Fix, Label, Severity, Violation
from gongwen.document import Document, OffsetMap, TextUnit
from gongwen.engine import _Collected, finish
from gongwen.rule import Rule


class _Rule(Rule):
    def __init__(self, code: str, headline: bool = False) -> None:
        self.code, self.name, self.headline = code, f"rule-{code}", headline


RULES = [_Rule("AAA001"), _Rule("AAA002", headline=True), _Rule("BBB001")]
PIECES = ["各位代表", "全年增长12.5%", "\n", "\r\n", "\r", "，", "𠀀", "a", ""]


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 30)))


def _span(rng: random.Random, length: int) -> tuple[int, int]:
    start = rng.randrange(0, length + 1)
    return start, rng.choice([start, rng.randrange(start, length + 1)])


def _violation(rng: random.Random, unit_length: int, doc_length: int, delta: int) -> Violation:
    start, end = _span(rng, unit_length)
    fixes, labels = (), ()
    if rng.random() < 0.5:  # edits and labels anywhere in the document, from the unit's start
        edits = tuple(Edit(s - delta, e - delta, rng.choice(["", "，", "x"]))
                      for s, e in (_span(rng, doc_length) for _ in range(rng.randrange(1, 3))))
        fixes = (Fix(edits, rng.choice(list(Applicability)), "改"),)
    if rng.random() < 0.3:
        labels = tuple(Label(s - delta, e - delta, "另一半") for s, e in [_span(rng, doc_length)])
    return Violation(start, end, rng.choice(["甲", "乙"]), rng.choice([None, "帮助"]), fixes, labels,
                     rng.choice([(), ("注",)]))


def test_finished_is_finish_of_the_built_findings():
    rng = random.Random(23)
    for case in range(600):
        text = _text(rng)
        cut = rng.randrange(0, len(text) + 1)
        # a projected text (its offsets mapped to a longer source) one case in four
        mapped = case % 4 == 0
        source = "<p>" + text if mapped else text
        doc = Document(path=f"d{case}.txt", text=text, source=source,
                       offset_map=OffsetMap([(0, 3)]) if mapped else OffsetMap())
        units = [TextUnit(0, cut, text[:cut]), TextUnit(cut, len(text), text[cut:])]
        collected = _Collected(doc, rng.choice([None, 1000]))
        for _ in range(rng.randrange(0, 12)):
            unit = rng.choice(units)
            v = _violation(rng, len(unit.text), len(text), unit.start)
            rule = rng.choice(RULES)
            collected.add(rule, rng.choice(list(Severity)), unit, v)
            if rng.random() < 0.2:  # the same span again, from the same rule: one is kept
                collected.add(rule, Severity.ERROR, unit, v)
        assert collected.finished() == finish(doc, collected.found), (case, text)


class _FixWithoutShift:
    """A pack's fix that holds valid edits but is no Fix (no ``shifted``)."""

    def __init__(self, edits):
        self.edits, self.applicability, self.title = edits, Applicability.SAFE, "改"


def _odd_offsets(self, unit, ctx):
    if "BOOM" in unit.text:
        yield Violation(0.0, 2.0, "float offsets")  # pass the span check, cannot slice the text


def _odd_fix(self, unit, ctx):
    if "BOOM" in unit.text:
        yield Violation(0, 2, "odd fix", fixes=(_FixWithoutShift((Edit(0, 2, "x"),)),))


@pytest.mark.parametrize("check", [_odd_offsets, _odd_fix])
def test_a_finding_that_cannot_be_built_is_its_rule_s_crash(tolerant, check):
    """Findings are built after the rules have run (round 23): one a pack's rule reported that
    cannot be built must still cost only that rule's findings (LNT903), as it did when each was
    built as it came; in strict mode it raises RuleCrash naming the rule."""
    from gongwen import api
    from gongwen.engine import Linter, RuleCrash, Settings
    from support import rule_class

    builtin = [api.registry().by_code[c] for c in ("DAT001", "TYP005")]
    odd = rule_class("TST009", "odd-finding", check)
    doc = Document("b.txt", "2025127召开第次会议。\nBOOM here\n")
    found = Linter(Settings([*builtin, odd])).lint(doc)
    assert sorted(d.code for d in found) == ["DAT001", "LNT903", "TYP005"]
    assert next(d for d in found if d.code == "LNT903").message.startswith("规则 TST009（odd-finding）")
    with pytest.raises(RuleCrash, match="TST009"):
        Linter(Settings([*builtin, odd], raise_on_crash=True)).lint(Document("b.txt", "BOOM here\n"))
