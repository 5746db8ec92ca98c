"""A document's findings finished by one C call (gongwen._finished, round 28) are the Python
loop's (_Collected.finished without it): the same Diagnostics in the same order, with the same
locations (of the Location class), shifted fixes and labels, matched texts and fingerprints.
What the C call cannot build exactly as the loop does (a pack's odd finding) it declines, and
the loop builds it, or raises what it raises."""
from __future__ import annotations

import random

import pytest

from gongwen import engine
from gongwen.diagnostic import Applicability, Edit, Fix, Label, Severity, Violation
from gongwen.document import Document, Location, TextUnit
from gongwen.engine import _Collected, finish
from gongwen.rule import Rule

pytestmark = pytest.mark.skipif(engine._finished_c is None, reason="gongwen._finished not built")


class _Rule(Rule):
    def __init__(self, code, headline: bool = False) -> None:
        self.code, self.name, self.headline = code, f"rule-{code}", headline


RULES = [_Rule("AAA001"), _Rule("AAA002", headline=True), _Rule("BBB001")]
# Line breaks of each kind, characters beyond the BMP, a lone surrogate (hashed with
# surrogatepass), the fingerprint's own separator, repeated words (equal matched text and
# context: occurrences counted), Latin-1.
PIECES = ["各位代表", "增长12.5%", "\n", "\r\n", "\r", "，", "𠀀", "a", "", "\ud800", "\x1f", "同", "同", "é"]


class _ViolationKind(Violation):
    """A pack's subclass of Violation: the loop builds it, the C call declines it."""


class _FixWithoutShift:
    def __init__(self, edits):
        self.edits, self.applicability, self.title = edits, Applicability.SAFE, "改"


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 40)))


def _span(rng: random.Random, length: int) -> tuple[int, int]:
    start = rng.randrange(0, length + 1)
    return start, rng.choice([start, rng.randrange(start, length + 1)])


def _violation(rng: random.Random, unit_length: int, doc_length: int, delta: int, odd: bool) -> Violation:
    start, end = _span(rng, unit_length)
    fixes, labels = (), ()
    for _ in range(rng.choice([0, 0, 1, 2])):  # edits and labels anywhere, from the unit's start
        edits = tuple(Edit(s - delta, e - delta, rng.choice(["", "，", "x"]))
                      for s, e in (_span(rng, doc_length) for _ in range(rng.randrange(0, 3))))
        fixes += (Fix(edits, rng.choice(list(Applicability)), "改"),)
    if rng.random() < 0.3:
        labels = tuple(Label(s - delta, e - delta, "另一半") for s, e in [_span(rng, doc_length)])
    v = Violation(start, end, rng.choice(["甲", "乙"]), rng.choice([None, "帮助"]), fixes, labels,
                  rng.choice([(), ("注",)]))
    if odd:
        kind = rng.randrange(6)
        if kind == 0:
            v = _ViolationKind(v.start, v.end, v.message, v.help, v.fixes, v.labels, v.notes)
        elif kind == 1:
            v = Violation(v.start, v.end, v.message, fixes=(_FixWithoutShift((Edit(start, end, "x"),)),))
        elif kind == 2:
            v = Violation(bool(v.start), v.end, v.message)
        elif kind == 3:
            v = Violation(v.start, v.end, v.message, fixes=list(v.fixes))
        elif kind == 4:
            v = Violation(v.start, v.end, v.message, labels=None)
        else:
            v = Violation(v.start, v.end, v.message, fixes=(Fix([Edit(start, end, "x")], Applicability.SAFE, "改"),))
    return v


def _collected(rng: random.Random, case: int, odd: bool) -> _Collected:
    text = _text(rng)
    cut = rng.randrange(0, len(text) + 1)
    doc = Document(path=rng.choice([f"d{case}.txt", "目录/报告.txt", "\udcff.txt"]), text=text)
    units = [TextUnit(0, cut, text[:cut]), TextUnit(cut, len(text), text[cut:]), TextUnit(0, len(text), text)]
    collected = _Collected(doc, rng.choice([None, 1000]))
    count = rng.randrange(0, 14)
    odd_at = rng.randrange(count) if odd and count else -1
    for i in range(count):
        unit = rng.choice(units)
        v = _violation(rng, len(unit.text), len(text), unit.start, odd=i == odd_at)
        rule = rng.choice(RULES)
        collected.reported.append((rule, rng.choice(list(Severity)), unit.start, v))  # as add keeps it
        if rng.random() < 0.2:  # the same span again, from the same rule: the last is kept
            collected.reported.append((rule, Severity.ERROR, unit.start, v))
    return collected


def _python_loop(collected: _Collected, monkeypatch) -> object:
    with monkeypatch.context() as m:
        m.setattr(engine, "_finished_c", None)
        try:
            return collected.finished()
        except engine._Unbuildable as exc:
            return ("unbuildable", exc.rule.code, type(exc.error))


def test_the_c_call_finishes_as_the_python_loop(monkeypatch):
    rng = random.Random(28)
    built = 0
    for case in range(3_000):
        collected = _collected(rng, case, odd=False)
        doc = collected.doc
        c = engine._finished_c.finished(collected.reported, doc.text, doc.path, doc.line_index.starts,
                                        len(doc.line_index.text))
        assert c is not None, collected.reported  # nothing odd: never declined
        expected = _python_loop(collected, monkeypatch)
        assert c == expected, (case, doc.text)
        assert [d.fingerprint for d in c] == [d.fingerprint for d in expected]
        assert all(type(d.location) is Location and type(d.end_location) is Location for d in c)
        assert collected.finished() == finish(doc, collected.found)
        built += len(c)
    assert built > 10_000


def test_an_odd_finding_is_declined_and_built_or_refused_by_the_loop(monkeypatch):
    rng = random.Random(2028)
    declined = 0
    for case in range(1_500):
        collected = _collected(rng, case, odd=True)
        doc = collected.doc
        c = engine._finished_c.finished(collected.reported, doc.text, doc.path, doc.line_index.starts,
                                        len(doc.line_index.text))
        expected = _python_loop(collected, monkeypatch)
        if c is None:
            declined += 1
        else:
            assert c == expected, (case, doc.text)
        try:
            got = collected.finished()
        except engine._Unbuildable as exc:
            got = ("unbuildable", exc.rule.code, type(exc.error))
        assert got == expected
    assert declined > 900


def test_occurrences_of_one_text_count_up_in_the_fingerprint():
    """Equal findings of equal text and context (a repeated word in a repeated line) get
    fingerprints that differ by their occurrence, as the Python loop's."""
    text = "同同同\n同同同\n同同同"
    doc = Document(path="a.txt", text=text)
    collected = _Collected(doc, None)
    for line in range(3):
        collected.reported.append((RULES[0], Severity.INFO, 4 * line, Violation(1, 2, "重")))
    c = collected.finished()
    assert len({d.fingerprint for d in c}) == 3
    assert [d.location for d in c] == [Location(1, 2), Location(2, 2), Location(3, 2)]
    from gongwen.diagnostic import fingerprint

    assert c[2].fingerprint == fingerprint("AAA001", "a.txt", "同", "同同同", 2)
