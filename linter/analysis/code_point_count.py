"""How many characters of a text belong to a fixed set of code points.

``counter(members)`` gives ``count(text, end)``: the number of characters of ``text[:end]``
that are members. Done by ``_code_point_count.c`` (a bit test a character) when it is built;
otherwise by ``plain_count``, the reference: ``str.translate`` deleting the members, counted
by how much shorter it makes the text (a dict look-up a character, ~400 instructions).
tests/analysis/test_code_point_count.py compares the two."""
from __future__ import annotations

from typing import Callable, Iterable

try:
    from gongwen.analysis import _code_point_count
except ImportError:  # not built (no C compiler at install): str.translate
    _code_point_count = None

Count = Callable[..., int]


def plain_counter(members: Iterable[int]) -> Count:
    """``count(text, end=None)`` by ``str.translate``."""
    deleted = dict.fromkeys(members)

    def count(text: str, end: int | None = None) -> int:
        prefix = text if end is None or end >= len(text) else text[:max(end, 0)]
        return len(prefix) - len(prefix.translate(deleted))

    return count


def counter(members: Iterable[int]) -> Count:
    """``count(text, end=None)``: how many of ``text[:end]``'s characters are in ``members``
    (code points)."""
    if _code_point_count is None:
        return plain_counter(members)
    compiled = _code_point_count.CodePointSet(list(members))

    def count(text: str, end: int | None = None) -> int:
        return compiled.count(text) if end is None else compiled.count(text, end)

    return count
