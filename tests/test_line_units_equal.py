"""``line_units`` builds its units without TextUnit's generated ``__init__`` (round 11): the
units must be those the plain constructor made, field for field, on texts of blank lines,
whitespace of every kind, "\\r" before, inside and after lines, and none at all. A document
given them for the same text knows its units are lines (routing's check skipped): that check
holds on every such text."""
import random

import pytest

from gongwen.analysis.routing import units_are_lines
from gongwen.document import Document, LineUnits, TextUnit, line_units
from gongwen.formats import line_units as formats_line_units

CASES = 5000
PIECES = ("中", "a", "正文。", " ", "\u3000", "\t", "\xa0", "\x1c", "\u2028", "\r", "\r\r", "\n", "\n\n", "\r\n", " \n")


def plain(text: str, kind: str = "paragraph") -> tuple[TextUnit, ...]:
    """The function before the shortcut."""
    units, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.rstrip("\r")
        if stripped.strip():
            units.append(TextUnit(start, start + len(stripped), stripped, kind, len(units)))
        start = end + 1
    return tuple(units)


def text(seed: int) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice(PIECES) for _ in range(rnd.choice((0, 1, 2, 5, 20, 80))))


def fields(units) -> list[tuple]:
    return [(type(u), u.start, u.end, u.text, u.kind, u.index) for u in units]


def test_random_texts_give_the_plain_units():
    kinds = ("paragraph", "cell")
    assert [seed for seed in range(CASES)
            if fields(line_units(text(seed), kinds[seed % 2])) != fields(plain(text(seed), kinds[seed % 2]))] == []


def test_the_generator_reaches_every_case():
    texts = [text(seed) for seed in range(CASES)]
    assert sum("\r" in t and "\n" in t for t in texts) > 1000
    assert sum(any(line.strip() == "" and line for line in t.split("\n")) for t in texts) > 1000
    assert sum(not plain(t) for t in texts) > 300
    assert sum(len(plain(t)) > 5 for t in texts) > 500


def test_units_are_frozen_and_equal_to_constructed_ones():
    unit = line_units("甲\n乙\r\n")[1]
    assert unit == TextUnit(2, 3, "乙", "paragraph", 1) and hash(unit) == hash(TextUnit(2, 3, "乙", "paragraph", 1))
    with pytest.raises(AttributeError):
        unit.start = 0  # type: ignore[misc]
    assert formats_line_units is line_units


def _wrong(text: str, kind: str = "paragraph", strip_cr=True, blank_is_space=True, index_per_line=False):
    units, start = [], 0
    for number, line in enumerate(text.split("\n")):
        kept = line.rstrip("\r") if strip_cr else line
        if kept and (not blank_is_space or not kept.isspace()):
            index = number if index_per_line else len(units)
            units.append(TextUnit(start, start + len(kept), kept, kind, index))
        start += len(line) + 1
    return tuple(units)


@pytest.mark.parametrize("wrong", [
    {"strip_cr": False},  # "\r" left at a line's end
    {"blank_is_space": False},  # a line of spaces made a unit
    {"index_per_line": True},  # the index counting lines, not units
])
def test_a_wrong_variant_is_caught(wrong):
    assert fields(_wrong("甲\n乙")) == fields(plain("甲\n乙"))  # each differs only where it is wrong
    assert sum(fields(_wrong(text(seed), **wrong)) != fields(plain(text(seed))) for seed in range(500)) > 20


def test_a_document_given_line_units_of_its_text_knows_they_are_lines():
    """The flag skips routing's unit-by-unit check (units_are_lines): on every text that check,
    run on the same units as a plain tuple, says they are lines."""
    for seed in range(2000):
        t = text(seed) or "x"
        units = line_units(t)
        assert type(units) is LineUnits and units.text is t
        assert Document(path="p", text=t, units=units).split_into_lines or not units
        assert units_are_lines(Document(path="p", text=t, units=tuple(units))), seed


def test_units_of_another_text_or_changed_are_checked():
    text_, other = "甲\n乙", "甲\n乙丙"
    assert not document_of(other, line_units(text_)).split_into_lines
    assert not document_of(text_, tuple(line_units(text_))).split_into_lines


def document_of(text_: str, units):
    return Document(path="p", text=text_, units=units)


def test_the_check_catches_units_that_are_not_lines():
    """What the flag vouches for is what units_are_lines tests: units that do not start a line
    (leading spaces left out) fail it."""
    def lstripped(t):
        out = []
        for u in plain(t):
            kept = u.text.lstrip(" ")
            out.append(TextUnit(u.end - len(kept), u.end, kept, u.kind, u.index))
        return tuple(out)

    assert sum(not units_are_lines(document_of(text(s), lstripped(text(s)))) for s in range(500)) > 20
