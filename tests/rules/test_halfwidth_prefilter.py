"""PUN002 (halfwidth-dominant) skips a document without any ASCII mark before reading its
units: over many random documents its findings equal those of the rule without the
shortcut, and a prefilter that forgets one mark is caught."""
from __future__ import annotations

import random
import re

import pytest

from gongwen import api
import gongwen.rules.punctuation as punctuation

_MARKS = ",:;?!()"
_FRAGMENTS = ["中文", "报告", "，", "：", "（", "）", "。", "\n", " ", "1", "a"]
_PROTECTED = ["http://a.cn", "8:30", "3,206"]  # ASCII marks the rule does not count


def _texts(count: int) -> list[str]:
    """Each text repeats one mark, all of them, or none, so that each one alone is tried."""
    rnd = random.Random("halfwidth")
    texts = []
    for _ in range(count):
        marks = rnd.choice([[m] for m in _MARKS] + [list(_MARKS) + _PROTECTED, []])
        pool = _FRAGMENTS + marks * 6
        texts.append("".join(rnd.choice(pool) for _ in range(rnd.randint(0, 60))))
    return texts


def _findings(texts: list[str]) -> list[list[tuple]]:
    return [[(d.start, d.end, d.message) for d in api.lint_text(t, select=["PUN002"])] for t in texts]


def _differ(monkeypatch, texts: list[str]) -> list[str]:
    fast = _findings(texts)
    monkeypatch.setattr(punctuation, "_DOCUMENT_PREFILTER", re.compile(""))  # always read the units
    plain = _findings(texts)
    return [t for t, a, b in zip(texts, fast, plain) if a != b]


def test_prefilter_gives_the_same_findings(monkeypatch):
    texts = _texts(3_000)
    assert sum(1 for f in _findings(texts) if f) > 200  # the texts do trip the rule
    assert _differ(monkeypatch, texts) == []


@pytest.mark.parametrize("missing", list(_MARKS))
def test_a_prefilter_missing_a_mark_is_caught(monkeypatch, missing):
    kept = "".join(m for m in _MARKS if m != missing)
    monkeypatch.setattr(punctuation, "_DOCUMENT_PREFILTER", re.compile("[" + re.escape(kept) + "]"))
    texts = _texts(3_000)
    fast = _findings(texts)
    monkeypatch.setattr(punctuation, "_DOCUMENT_PREFILTER", re.compile(""))
    assert fast != _findings(texts)
