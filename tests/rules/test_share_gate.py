"""CON004's gate asks for two % signs or 百分之 by counting them (figures._TWO_PERCENT): over
random texts its answer is the search of the pattern it stands for, and a count that forgets
百分之 is caught."""
from __future__ import annotations

import random
import re

import gongwen.rules.figures as figures

_PIECES = ["%", "％", "百分之", "百分", "之", "百", "分", "占", "52", "三十", "，", "。", "\n", "的", "中"]


def _texts(count: int) -> list[str]:
    rnd = random.Random("share-gate")
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12))) for _ in range(count)]


def test_the_count_is_the_patterns_search():
    assert not isinstance(figures._TWO_PERCENT, re.Pattern)  # counted, not searched
    plain = re.compile(figures._TWO_PERCENT.pattern)
    answers = [(bool(figures._TWO_PERCENT.search(t)), plain.search(t) is not None) for t in _texts(20_000)]
    assert all(a == b for a, b in answers)
    assert sum(a for a, _ in answers) > 5_000 and sum(not a for a, _ in answers) > 5_000


def test_a_count_forgetting_bai_fen_zhi_is_caught():
    plain = re.compile(figures._TWO_PERCENT.pattern)
    wrong = [(t.count("%") + t.count("％") >= 2) for t in _texts(20_000)]
    assert wrong != [plain.search(t) is not None for t in _texts(20_000)]
