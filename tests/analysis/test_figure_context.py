"""read_figures reads a figure's period and mode words as before: by stdlib ``re`` instead of
``regex`` (an alternation of literal words matches the same in both), searched only where a
cue opens one of the words whole before the figure, and the sentence and clause ends found by
the compiled finder of their class (quantity_model.places). Over random texts of figures,
period and mode words, their first characters alone, stops, 其中, quotes and 比/较, the figures
equal those read with ``regex``, every window searched and ``finditer``'s places; CON006's
由/从 cue (figures._FROM, now ``re``) finds what ``regex`` found."""
from __future__ import annotations

import random

import pytest
import regex

from gongwen.analysis import lexicon
from gongwen.analysis import numerals, quantities
from gongwen.analysis import quantity_model as qm
import gongwen.rules.figures as figures

_PIECES = ["上年", "上年度", "去年", "今年", "本年", "以来", "累计", "结转", "计划", "预计", "目标", "确保", "不低于",
           "以上", "以下", "以内", "上", "本", "以", "全", "今", "年", "度", "计", "预", "不", "其中", "比", "较",
           "“", "”", "，", "。", "；", "！", "\n", "、", "由", "从", "的", "增长到", "增长", "降至",
           "120亿元", "150亿元", "20%", "3.5万人", "98件", "百分之九十", "2024年", "一百二十个", "5个百分点",
           "收入", "支出", "项目"]


def _texts(count: int) -> list[str]:
    rnd = random.Random("figure-context")
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 40))) for _ in range(count)]


def _read(text: str) -> list[tuple]:
    found = [quantities.read_quantity(text, n) for n in numerals.find_numerals(text) if n.value is not None]
    return [(f.start, f.end, f.value, f.unit, f.slack, f.subject, f.period, f.mode, f.part_of, f.sentence, f.clause)
            for f in qm.read_figures(text, found)]


def _as_before(monkeypatch) -> None:
    """regex's patterns, every window with a cue searched, the ends by finditer."""
    raw = qm._toml("figure_context.toml")
    period, mode = raw["period"], raw["mode"]
    compiled = tuple(regex.compile(lexicon.alternation(w)) for w in (period, mode, raw["threshold_after"]["words"]))
    monkeypatch.setattr(qm, "_context", lambda: (compiled[0], period, compiled[1], mode, compiled[2]))
    monkeypatch.setattr(qm, "_words_by_first", lambda: None)
    monkeypatch.setattr(qm, "_finder", lambda pattern: None)


def test_figures_read_as_with_regex_and_every_window_searched(monkeypatch):
    texts = _texts(4_000)
    now = [_read(t) for t in texts]
    assert sum(1 for figs in now for f in figs if f[6]) > 1_000  # periods read
    assert sum(1 for figs in now for f in figs if f[7] != "actual") > 500  # modes read
    _as_before(monkeypatch)
    assert [_read(t) for t in texts] == now


def test_a_cue_test_missing_a_word_is_caught(monkeypatch):
    """The comparison above can fail: the cue test without 上年度's 上 entries."""
    texts = _texts(4_000)
    now = [_read(t) for t in texts]
    periods, modes = qm._words_by_first()
    monkeypatch.setattr(qm, "_words_by_first", lambda: ({k: v for k, v in periods.items() if k != "上"}, modes))
    assert [_read(t) for t in texts] != now


@pytest.mark.parametrize("pattern", [qm._SENTENCE_ENDS, qm._CLAUSE_ENDS, qm._first_characters()[0]])
def test_places_are_finditers(pattern):
    for text in _texts(2_000):
        assert qm.places(pattern, text) == [m.start() for m in pattern.finditer(text)]
        assert qm.places(pattern, text, 1) == [m.end() for m in pattern.finditer(text)]


def test_the_from_cue_is_regexs():
    before = regex.compile(figures._FROM.pattern)
    rnd = random.Random("from-cue")
    alphabet = ["由", "从", "的", "上年", "，", "、", "\n", "年", "2020", "中", "。", ";"]
    hits = 0
    for _ in range(20_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        hi = rnd.randint(0, len(text))
        lo = max(0, hi - 10)
        a, b = figures._FROM.search(text, lo, hi), before.search(text, lo, hi)
        assert (a and a.span()) == (b and b.span()), (text, lo, hi)
        hits += a is not None
    assert hits > 1_500
