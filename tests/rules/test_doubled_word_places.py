"""TYP002's doubled words are matched only where a run of two to four characters stands twice
(rules.repetition._doubled_words, the places of repeats.doubled_run_starts): its matches must
be the pattern's finditer over the whole paragraph, on random text of Han words typed twice,
runs of one character (第第第第, which the pattern skips), digits and marks, a character beyond
the BMP, and with a paragraph's places cut short to a few (the finditer that takes over). A
screen that leaves out runs of four characters is caught."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import repeats
from gongwen.rules import repetition

pytest.importorskip("gongwen.analysis._repeats")

_PIECES = ["推进", "进一步", "全面落实", "第", "第第第第", "一", "20", "年", "。", "，", "a", "的", "法律法规", "𠀀", "研究"]


def _texts(count: int) -> list[str]:
    rnd = random.Random("doubled word places")
    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rnd.randint(0, 16)):
            piece = rnd.choice(_PIECES)
            pieces.append(piece * rnd.choice((1, 1, 2, 3)))
        text = "".join(pieces)
        if "𠀀" in text and rnd.random() < 0.8:
            text = text.replace("𠀀", "")  # most texts within the BMP: the places' path
        texts.append(text)
    return texts


def _spans(matches) -> list[tuple[int, str]]:
    return [(m.start(), m.group(1)) for m in matches]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts(4_000)


def _differ(texts: list[str]) -> int:
    pattern = repetition._doubled_word_at()
    return sum(_spans(repetition._doubled_words(t)) != _spans(pattern.finditer(t)) for t in texts)


@pytest.mark.parametrize("stepped", [repetition._STEPPED, 3])
def test_the_places_give_the_finditer_matches(texts, monkeypatch, stepped):
    monkeypatch.setattr(repetition, "_STEPPED", stepped)
    assert _differ(texts) == 0
    pattern = repetition._doubled_word_at()
    assert sum(len(_spans(pattern.finditer(t))) for t in texts) > 3_000


def test_places_without_the_runs_of_four_are_caught(texts, monkeypatch):
    monkeypatch.setattr(repeats, "RUN_SIZES", (2, 3))
    assert _differ(texts) > 0
