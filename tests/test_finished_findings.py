"""The engine's one pass over what the rules reported (_Collected.finished) gives what
building each finding's Diagnostic and then finish() gives: the same diagnostics, in the same
order, with the same locations and fingerprints (round 23: the per-finding path)."""
from __future__ import annotations

import random

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
