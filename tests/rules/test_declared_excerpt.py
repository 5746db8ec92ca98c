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
