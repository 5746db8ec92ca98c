"""TRM007 (round 25): a character dropped near a protected string's edge where the edge
character and the next make only a rare dictionary word, and the 为 of a 以…为 string left out.
Sentences written here, not the tuning half's or a tuning batch's."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def reports(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TRM007"])
    return [text[d.start:d.end] for d in linter.lint(Document(path="x.txt", text=text))]


@pytest.mark.parametrize("text, written", [
    # the edge character and the next make only a rare dictionary word (国基, 想为): no reading
    ("各级政府要把全面依治国基本方略落到实处。", "全面依治国"),
    ("学校始终坚持马克思列宁主义、毛泽东想为指导。", "毛泽东想"),
    # the frame's 为 left out: 以 has no verb
    ("始终坚持以人民中心，办好群众身边事。", "以人民中心"),
    ("践行以人民中心的发展思想，解决急难愁盼问题。", "以人民中心的发展思想"),
])
def test_a_dropped_character_is_reported(text, written):
    assert reports(text) == [written]


@pytest.mark.parametrize("text", [
    "推进全国统一大市场建设。",                  # whole
    "坚持以人民为中心的发展思想。",              # whole
    "人力资源社会保障部印发通知。",              # a one-character word (和) left out: a sound short form
    "毛泽东思想是党的指导思想。",                # whole
])
def test_a_sound_text_is_silent(text):
    assert reports(text) == []
