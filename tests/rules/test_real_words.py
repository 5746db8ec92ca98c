"""TYP024 (round 27, issue 19 item 2): each principle its pass cases in fixtures/rules/TYP024.toml
stand for holds them back — with the principle off, the same sentence is reported."""
from __future__ import annotations

import pytest

from gongwen.rules import real_words


def _reported(text: str) -> list[tuple[str, str]]:
    return [(s.written, s.meant) for s in real_words.real_word_slips(text)]


def test_one_side_alone_would_report(monkeypatch):
    text = "全面清理拖欠中小企业货款问题。"
    assert _reported(text) == []
    side = real_words._side
    monkeypatch.setattr(real_words, "_side", lambda meant, written, context, left: not left or side(meant, written, context, left))
    assert _reported(text) == [("货款", "贷款")]


def test_a_context_written_once_would_report_if_allowed(monkeypatch):
    text = "在全省上下迈出坚定步伐。"
    assert _reported(text) == []
    monkeypatch.setattr(real_words, "_side", lambda meant, written, context, left: (
        (meant.left(context) if left else meant.right(context)) >= real_words.SLOT
        and (written.left(context) if left else written.right(context)) <= 2))
    assert _reported(text) == [("坚定", "坚实")]


def test_a_level_for_another_would_report(monkeypatch):
    text = "县政府团结带领全县人民，奋力推进各项工作。"
    assert _reported(text) == []
    monkeypatch.setattr(real_words, "_levels", lambda: frozenset())
    assert _reported(text) == [("全县", "全省")]


@pytest.mark.parametrize(("text", "found"), [
    ("持续深化农村人居环境政治提升。", [("政治", "整治")]),
    ("各单位要如实反应问题。", [("反应", "反映")]),
    ("乡镇要建好村级党群服务忠心。", [("忠心", "中心")]),
])
def test_both_sides_speaking_for_the_meant_word_report(text, found):
    assert _reported(text) == found
