"""``_line_units.c`` finds a plain text's paragraphs as ``document.reference_split`` does: over
thousands of generated texts without \\r — lines of every length, blank lines and lines of
only whitespace (ASCII, U+3000, a tab, U+2028 and U+0085, which break no line here), texts that
do and do not separate their paragraphs by blank lines (around the one-in-seven threshold), an
empty text, a text of only breaks, each str kind — the units are the reference's, in order,
with their indexes. A text with \\r takes the reference itself.
"""
from __future__ import annotations

import random

from gongwen import document

_LINES = ["关于推进工作的报告", "一、总体情况", "a", "ab c", "2024年", "  缩进的段落", "\u3000\u3000全角缩进",
          " ", "\t", "\u3000", "\u2028", "\u0085", " \u3000 ", "x\u2028y", "é", "𠀀字", ""]


def _texts(rnd: random.Random, count: int) -> list[str]:
    texts = ["", "\n", "\n\n\n", " \n\t\n", "a", "a\n", "\na", "a\n\nb", "a\n \nb\n\n\nc\n"]
    for _ in range(count):
        lines = []
        blank_rate = rnd.choice([0.0, 0.05, 0.14, 0.2, 0.5, 1.0])
        for _ in range(rnd.randint(1, 30)):
            lines.append(rnd.choice(_LINES[:7] + _LINES[9:]) if rnd.random() < 0.8 else rnd.choice(_LINES))
            if rnd.random() < blank_rate:
                lines.append(rnd.choice(["", " ", "\u3000", ""]))
        texts.append("\n".join(lines) + rnd.choice(["", "\n", "\n\n"]))
    return texts


def _shown(units) -> list[tuple]:
    return [(u.start, u.end, u.text, u.kind, u.index, type(u)) for u in units]


def test_the_compiled_split_finds_the_references_paragraphs():
    compiled = _compiled()
    rnd = random.Random("line-units")
    texts = _texts(rnd, 4_000)
    differ = [t for t in texts
              if _shown(compiled.paragraph_units(t, document._UNIT, "paragraph")) != _shown(document.reference_split(t))]
    assert differ == []
    split = [document.reference_split(t) for t in texts]
    # Both conventions are reached: a unit of several lines, and texts of one unit per line.
    assert sum(any("\n" in u.text for u in units) for units in split) > 300
    assert sum(len(units) > 3 and all("\n" not in u.text for u in units) for units in split) > 300
    assert document.split_lines_into_units("a\n\nb") == document.reference_split("a\n\nb")


def test_a_text_with_carriage_returns_takes_the_reference(monkeypatch):
    _compiled()
    asked = []
    monkeypatch.setattr(document, "reference_split", lambda t: asked.append(t) or ())
    document.split_lines_into_units("a\r\nb")
    document.split_lines_into_units("a\nb")
    assert asked == ["a\r\nb"]


def _compiled():
    import importlib

    import pytest

    try:
        return importlib.import_module("gongwen._line_units")
    except ImportError:
        import os

        assert not os.environ.get("CI"), "the optional extension gongwen._line_units did not build"
        pytest.skip("gongwen._line_units is not built")
