"""PUN003 (unbalanced-pair) skips a document without any paired mark before reading its
paragraphs: over many random documents its findings equal those of the rule without the
shortcut, and a prefilter that forgets one mark is caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen import api
from gongwen.analysis.pairs import CLOSERS, OPENERS
import gongwen.rules.pairs as pairs_rules

_MARKS = "".join(OPENERS) + "".join(CLOSERS)
_FRAGMENTS = ["中文", "报告", "，", "。", "\n", " ", "1", "a", "don", "t"]


def _texts(count: int) -> list[str]:
    """Each text repeats one mark, all of them, or none, so that each one alone is tried."""
    rnd = random.Random("pairs-prefilter")
    texts = []
    for _ in range(count):
        marks = rnd.choice([[m] for m in _MARKS] + [list(_MARKS), []])
        pool = _FRAGMENTS + marks * 3
        texts.append("".join(rnd.choice(pool) for _ in range(rnd.randint(0, 40))))
    return texts


def _findings(texts: list[str]) -> list[list[tuple]]:
    return [[(d.start, d.end, d.message) for d in api.lint_text(t, select=["PUN003"])] for t in texts]


def test_prefilter_gives_the_same_findings(monkeypatch):
    texts = _texts(3_000)
    fast = _findings(texts)
    assert sum(1 for f in fast if f) > 1_000  # the texts do trip the rule
    monkeypatch.setattr(pairs_rules, "_DOCUMENT_PREFILTER", re.compile(""))  # always read the paragraphs
    assert fast == _findings(texts)


@pytest.mark.parametrize("missing", ["“", "）", "〕", "]"])
def test_a_prefilter_missing_a_mark_is_caught(monkeypatch, missing):
    kept = "".join(m for m in _MARKS if m != missing)
    texts = _texts(3_000)
    plain = _findings(texts)
    monkeypatch.setattr(pairs_rules, "_DOCUMENT_PREFILTER", re.compile("[" + re.escape(kept) + "]"))
    assert _findings(texts) != plain
