"""routing.breaks_apart: the document's text with its line breaks replaced by stand-ins in turn,
which the repetition routers (gongwen.analysis.repeats) compare with itself shifted by one to
four characters, so that a page of one-word lines (a, 中, - a) is not read line by line.

- The text is the document's own wherever it is not a line break, and two stand-ins up to
  BREAKS_APART_WITHIN characters apart differ; where a unit holds a line break, the text has
  \\r, or the units are not slices, it is the text itself.
- Over random documents of one-line units (joined by \\n, a blank line or nothing) and of
  units that hold line breaks, the routers still pick every unit that holds a repeat, and
  they pick fewer on pages of short repeated lines; a stand-in text made although a unit holds
  a line break loses units and is caught.
"""
from __future__ import annotations

import random
from itertools import cycle
from operator import add

from gongwen.analysis import repeats, routing
from gongwen.document import Document, TextUnit

_PIECES = ["a", "中", "- a", "一、a", "1. a", "推进", "推进推进", "学法法", "落实", "，", "　", "0"]


def _line(rnd: random.Random, breaks: bool) -> str:
    """A unit's text; with ``breaks``, sometimes a piece repeated over several lines of one unit
    (中 / 中 / 中: a repeat across its line breaks, which is inside the unit)."""
    if breaks and rnd.random() < 0.3:
        piece = rnd.choice(_PIECES)
        return (piece + "\n") * rnd.randint(1, 3) + piece
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 4)))


def _documents(name: str, count: int, breaks: bool) -> list[Document]:
    """Units joined by a line break, a blank line, a line of blanks or nothing; one document in
    ten by \r\n (the text itself is then compared)."""
    rnd = random.Random(name)
    docs = []
    for _ in range(count):
        line = _line(rnd, breaks)
        # a few lines, or one line over and over (the adversarial pages), or a mixture
        texts = [line if rnd.random() < 0.6 else _line(rnd, breaks) for _ in range(rnd.randint(1, 20))]
        joints = ("\r\n",) if rnd.random() < 0.1 else ("\n", "\n", "\n\n", "\n \n", "")
        parts, units, at = [], [], 0
        for text in texts:
            units.append(TextUnit(at, at + len(text), text, "paragraph", len(units)))
            joint = rnd.choice(joints)
            parts.append(text + joint)
            at += len(text) + len(joint)
        docs.append(Document(path="r.txt", text="".join(parts), units=tuple(units)))
    return docs


def _fresh(doc: Document) -> Document:
    return Document(path=doc.path, text=doc.text, units=doc.units)


def _holds_doubled_run(text: str) -> bool:
    return repeats.has_doubled_run(text)


def _holds_doubled_han(text: str) -> bool:
    return repeats.has_doubled_han(text, 0, len(text))


ROUTES = ((repeats.units_with_doubled_run, _holds_doubled_run),
          (repeats.units_with_doubled_han, _holds_doubled_han))


def _missed_and_picked(docs: list[Document]) -> tuple[int, int, int]:
    """(units that hold a repeat but were not picked, units that hold one, units picked)."""
    missed = held = picked = 0
    for doc in docs:
        for route, holds in ROUTES:
            chosen = {unit.start for unit in route(_fresh(doc))}
            picked += len(chosen)
            for unit in doc.units:
                if holds(unit.text):
                    held += 1
                    missed += unit.start not in chosen
    return missed, held, picked


def test_the_text_differs_only_at_line_breaks_and_near_breaks_differ():
    changed = 0
    for doc in _documents("breaks-apart text", 2_000, breaks=False):
        apart = routing.breaks_apart(doc)
        assert len(apart) == len(doc.text)
        if "\r" in doc.text:
            assert apart == doc.text
            continue
        changed += apart != doc.text
        breaks = [i for i, ch in enumerate(doc.text) if ch == "\n"]
        assert all(apart[i] == ch for i, ch in enumerate(doc.text) if ch != "\n")
        for a in breaks:
            for b in breaks:
                if 0 < b - a <= routing.BREAKS_APART_WITHIN:
                    assert apart[a] != apart[b], (doc.text, a, b)
    assert changed > 1_500


def test_the_text_itself_where_a_unit_holds_a_line_break_or_units_are_not_slices():
    doc = Document(path="r.txt", text="a\n中\n", units=(TextUnit(0, 3, "a\n中", "paragraph", 0),))
    assert routing.breaks_apart(doc) == doc.text
    doc = Document(path="r.txt", text="a\n中\n", units=(TextUnit(0, 1, "b", "paragraph", 0),))
    assert routing.breaks_apart(doc) == doc.text
    assert routing.breaks_apart(Document(path="r.txt", text="a\r\na\r\n")) == "a\r\na\r\n"
    assert routing.breaks_apart(Document(path="r.txt", text="a\na\na\n")) != "a\na\na\n"
    prose = ("推进" * 40 + "\n") * 3  # units of 80 characters: not a document of short units
    assert routing.breaks_apart(Document(path="r.txt", text=prose)) == prose


def test_every_unit_that_holds_a_repeat_is_still_picked():
    for breaks in (False, True):
        missed, held, _ = _missed_and_picked(_documents(f"breaks-apart {breaks}", 3_000, breaks))
        assert held > 1_000 and missed == 0


def test_pages_of_short_lines_pick_fewer_units(monkeypatch):
    docs = _documents("breaks-apart fewer", 1_000, breaks=False)
    pages = [Document(path="r.txt", text=line * 100) for line in ("a\n", "中\n", "- a\n", "一、a\n", "1. a\n")]
    _, _, apart = _missed_and_picked(docs)
    assert _missed_and_picked(pages)[2] == 0
    monkeypatch.setattr(repeats, "breaks_apart", lambda doc: doc.text)
    _, _, plain = _missed_and_picked(docs)
    assert apart < plain and _missed_and_picked(pages)[2] > 300


def test_stand_ins_made_although_a_unit_holds_a_line_break_are_caught(monkeypatch):
    def always(doc: Document) -> str:
        return "".join(map(add, doc.text.split("\n"), cycle("\ue000\ue001\ue002\ue003\ue004")))[:-1]
    monkeypatch.setattr(repeats, "breaks_apart", always)
    missed, _, _ = _missed_and_picked(_documents("breaks-apart True", 3_000, breaks=True))
    assert missed > 0
