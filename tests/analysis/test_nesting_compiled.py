"""The compiled nesting test (``_nesting.nests``, which PUN003 asks of every paragraph) against
its reference ``pairs.plain_nests``, over thousands of generated paragraphs: every paired mark,
marks nested deeper than the C stack buffer, text in the three str kinds, a character beyond
the Basic Multilingual Plane and one whose low 16 bits are a mark's."""
from __future__ import annotations

import random

import pytest
from support import compiled_or_skip

from gongwen.analysis import pairs


_MARKS = "".join(pairs.OPENERS) + "".join(pairs.CLOSERS)
_SAFE = "".join(a for a, _ in pairs._NESTING_PAIRS)
_CLOSER = {a: next(b for b, kind in pairs.CLOSERS.items() if kind == pairs.OPENERS[a]) for a in pairs.OPENERS}
# Filler of each str kind: ASCII, Latin-1, the BMP, beyond it (U+2201C, U+3FF08: a mark's low bits).
_FILLER = ["a", "1", " ", "\xe9", "\xa0", "政府", "，", "。", "\u3000", "\n", "\U0002201c", "\U0003ff08", "😀"]


def _nested(rnd: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rnd.randint(0, 4)):
        if depth < 4 and rnd.random() < 0.5:
            opener = rnd.choice(_SAFE if rnd.random() < 0.8 else list(pairs.OPENERS))
            out.append(opener + _nested(rnd, depth + 1) + _CLOSER[opener])
        else:
            out.append(rnd.choice(_FILLER))
    return "".join(out)


def _deep(rnd: random.Random) -> str:
    """Marks nested 200 to 700 deep (the C stack buffer holds 256), with text between."""
    text = _nested(rnd)
    for _ in range(rnd.randint(200, 700)):
        opener = rnd.choice(_SAFE)
        text = opener + (rnd.choice(_FILLER) if rnd.random() < 0.3 else "") + text + _CLOSER[opener]
    return text


def _texts(count: int, seed: str = "nesting") -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for k in range(count):
        shape = k % 4
        if shape == 0:  # any marks, any order
            text = "".join(rnd.choice(_MARKS) if rnd.random() < 0.5 else rnd.choice(_FILLER)
                           for _ in range(rnd.randint(0, 20)))
        elif shape == 1:  # nesting, perhaps deep
            text = _deep(rnd) if rnd.random() < 0.02 else _nested(rnd)
        else:  # nesting, then one change: a mark added, dropped or swapped
            text = _deep(rnd) if rnd.random() < 0.02 else _nested(rnd)
            if text:
                i = rnd.randrange(len(text))
                change = rnd.random()
                if change < 0.4:
                    text = text[:i] + rnd.choice(_MARKS) + text[i:]
                elif change < 0.7:
                    text = text[:i] + text[i + 1:]
                else:
                    text = text[:i] + rnd.choice(_MARKS) + text[i + 1:]
        texts.append(text)
    # Runs of one opener longer than the C stack buffer, closed or one short.
    for depth in (255, 256, 257, 1000, 5000):
        for opener in _SAFE:
            texts.append(opener * depth + _CLOSER[opener] * depth)
            texts.append(opener * depth + _CLOSER[opener] * (depth - 1))
            texts.append("政" + opener * depth + "“”" + _CLOSER[opener] * depth + "\U0002201c")
    return texts


def _differ(texts: list[str], nests) -> list[str]:
    return [t for t in texts if nests(t) != pairs.plain_nests(t)]


def test_compiled_nests_as_the_reference():
    _nesting = compiled_or_skip("_nesting")
    texts = _texts(12_000)
    answers = [pairs.plain_nests(t) for t in texts]
    assert sum(answers) > 3_000 and len(answers) - sum(answers) > 3_000  # both answers abound
    deep = [t for t, yes in zip(texts, answers) if yes and len(pairs.PAIRED_MARK.findall(t)) > 512]
    assert len(deep) > 20  # the heap-grown stack is exercised, and answers yes
    assert _differ(texts, _nesting.nests) == []


def test_pairs_uses_the_compiled_nests():
    _nesting = compiled_or_skip("_nesting")
    assert pairs.nests is _nesting.nests


def test_the_comparison_catches_a_wrong_table():
    """A table that pairs “ with 》 (and 《 with ”), or takes ‘’ for marks that nest by order,
    gives other answers on the same texts."""
    _nesting = compiled_or_skip("_nesting")
    texts = _texts(12_000)
    try:
        _nesting.set_marks("“《（", "》”）", "".join(ch for ch in _MARKS if ch not in "“《（》”）"))
        assert _differ(texts, _nesting.nests)
        _nesting.set_marks("“《（‘", "”》）’", "".join(ch for ch in _MARKS if ch not in "“《（”》）‘’"))
        assert _differ(texts, _nesting.nests)
    finally:
        pairs._compiled_nests()  # the module's own marks again
    assert _differ(texts, _nesting.nests) == []


@pytest.mark.parametrize("args", [("“《", "”", ""), ("“", "“", ""), ("“", "”", "”"), ("\U0002201c", "”", "")])
def test_marks_that_cannot_pair_one_to_one_are_refused(args):
    _nesting = compiled_or_skip("_nesting")
    with pytest.raises(ValueError):
        _nesting.set_marks(*args)
    assert _differ(_texts(500), _nesting.nests) == []  # a refused call leaves the table as it was
