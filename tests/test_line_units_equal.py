"""``line_units`` builds its units without TextUnit's generated ``__init__`` (round 11): the
units must be those the plain constructor made, field for field, on texts of blank lines,
whitespace of every kind, "\\r" before, inside and after lines, and none at all."""
import random

import pytest

from gongwen.document import TextUnit, line_units
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
