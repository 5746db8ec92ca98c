"""FMT001's test of a declared excerpt (（节选） before a list that opens at 2) reads the first
place of each mark once per document: over random texts and offsets its answer is the former
one, a search of the text before the offset for each mark."""
from __future__ import annotations

import random

from gongwen.analysis import lexicon
from gongwen.document import Document
import gongwen.rules.structure as structure


def _former(text: str, before: int) -> bool:
    head = text[:before]
    return any(f"{open_}{word}{close}" in head for word in lexicon.words("excerpt_marks.txt")
               for open_, close in (("（", "）"), ("(", ")")))


def test_the_answer_is_the_former_search():
    words = sorted(lexicon.words("excerpt_marks.txt"))
    pieces = ["（", "）", "(", ")", "报告", "\n", "（二）", *words, *(f"（{w}）" for w in words), *(f"({w})" for w in words)]
    rnd = random.Random("declared-excerpt")
    yes = 0
    for _ in range(5_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        doc = Document(path="t.txt", text=text)
        for before in {0, len(text), *(rnd.randint(0, len(text) + 1) for _ in range(4))}:
            got = structure._declared_excerpt(doc, before)
            assert got == _former(text, before), (text, before)
            yes += got
    assert yes > 2_000


def _former_end(text: str) -> float:
    marks = [f"{open_}{word}{close}" for word in lexicon.words("excerpt_marks.txt")
             for open_, close in (("（", "）"), ("(", ")"))]
    return min((text.find(mark) + len(mark) for mark in marks if mark in text), default=float("inf"))


class _CountedFinds(str):
    """A text that counts the searches made of it."""

    finds = 0

    def find(self, *args):
        type(self).finds += 1
        return str.find(self, *args)


def test_the_text_is_searched_for_closing_brackets_only():
    # A page without a closing bracket holds no mark: two searches (one per pair of brackets),
    # not one per mark; each closing bracket adds one, and the mark's end is the former one.
    words = sorted(lexicon.words("excerpt_marks.txt"))
    rnd = random.Random("closing-brackets")
    pieces = ["（", "）", "(", ")", "报告", "节", "选", *words, *(f"（{w}" for w in words), *(f"({w}" for w in words)]
    for _ in range(5_000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        _CountedFinds.finds = 0
        assert structure._excerpt_mark_end(_CountedFinds(text)) == _former_end(text), text
        assert _CountedFinds.finds <= 2 + text.count("）") + text.count(")"), text
    _CountedFinds.finds = 0
    structure._excerpt_mark_end(_CountedFinds("（节选" * 50 + "(摘要" * 50))
    assert _CountedFinds.finds == 2
