"""A fingerprint's context (engine._line_context), taken as one slice of the text, is the
plain three-part context: up to eight characters each side of the span, never across a line
break (\\n, \\r or \\r\\n), compared on random texts and spans."""
from __future__ import annotations

import random

from gongwen import engine


def _plain(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 8):start]
    after = text[end:end + 8]
    cut = max(before.rfind("\n"), before.rfind("\r"))
    stops = [i for i in (after.find("\n"), after.find("\r")) if i != -1]
    return before[cut + 1:] + text[start:end] + (after[:min(stops)] if stops else after)


def _first_difference(context) -> tuple[str, int, int] | None:
    rnd = random.Random("context")
    alphabet = ["甲", "乙", "a", " ", "\n", "\r", "\r\n", "。"]
    for _ in range(30_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, min(len(text), start + 6))
        if context(text, start, end) != _plain(text, start, end):
            return text, start, end
    return None


def test_the_slice_is_the_plain_context():
    assert engine._CONTEXT == 8
    assert _first_difference(engine._line_context) is None


def test_a_context_that_crosses_a_carriage_return_is_caught():
    def newline_only(text: str, start: int, end: int) -> str:
        lo = max(0, start - 8)
        cut = text.rfind("\n", lo, start)
        stop = text.find("\n", end, end + 8)
        return text[lo if cut == -1 else cut + 1:end + 8 if stop == -1 else stop]

    assert _first_difference(newline_only) is not None
