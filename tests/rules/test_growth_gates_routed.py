"""CON006's gates led by the compiled finder of their classes (class_routes): each is a class
route whose finder is built, and its search finds what the plain pattern finds over random
units of change verbs, 由/从, numbers and stops."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis.class_routes import ClassRoute, _class_routes
import gongwen.rules.figures as figures

_PIECES = ["由", "从", "的", "上年", "增长", "增加", "提高", "下降", "减少", "到", "至", "为", "了", "达", "120", "亿元",
           "20%", "百分之", "五", "，", "。", "\n", "年", "收入", "项目", "同比"]


@pytest.mark.parametrize("name", ["_FROM_BEFORE_NUMBER", "_TO_CUE", "_CHANGE_BEFORE_NUMBER"])
def test_gate_is_a_built_route_finding_the_patterns_matches(name):
    route = getattr(figures, name)
    assert isinstance(route, ClassRoute)
    if _class_routes is not None:
        assert route._build() is not None  # the finder, not re's scan
    rnd = random.Random(name)
    found = 0
    for _ in range(5_000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 30)))
        a, b = route.search(text), route.regex.search(text)
        assert (a and a.span()) == (b and b.span()), text
        found += a is not None
    assert found > 500
