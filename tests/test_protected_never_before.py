"""TRM007 (round 26): a string less its last character where what is left ends in a word of its
own (国务院办公, 中国式现代), reported at error where two counts agree — official writing never
writes what is left as a phrase of its own (TYP018's table) and never writes its last two
characters before the character the text goes on with — and a cut inside a word before the 为 of
a 以…为 frame. Sentences written here, not the tuning half's or a tuning batch's."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def reports(text: str, codes=("TRM007",)) -> list[tuple[str, str]]:
    linter = api.make_linter({}, select=list(codes), preview=True)
    return [(d.code, text[d.start:d.end]) for d in linter.lint(Document(path="x.txt", text=text))]


@pytest.mark.parametrize("text, written", [
    ("国务院办公近日印发实施意见。", "国务院办公"),        # 办公近 unseen, 办公厅 usual
    ("经国务院办公批复同意，现予公布。", "国务院办公"),
    ("奋力谱写中国式现代崭新篇章。", "中国式现代"),
    # a cut inside a word before the frame's 为: not the 为 of 改为
    ("坚持以全面深化改为动力，激发市场活力。", "全面深化改"),
])
def test_a_cut_before_a_character_official_writing_never_writes_there_is_an_error(text, written):
    assert reports(text) == [("TRM007", written)]


@pytest.mark.parametrize("text", [
    "国务院办公会议审议通过了该方案。",    # 办公会: official writing writes it (a meeting of its own)
    "推进新型城镇建设和乡村振兴。",        # 城镇建 usual
    "县自然资源局牵头负责。",              # a field of work: written alone, so not in the table
    "市住房和城乡建设局局长出席会议。",
    "加强应急管理培训。",
    "他是全国人大常委，长期从事立法工作。",  # a committee less 会 names a member
    "全面深化改为时尚早。",                # no frame: 改为 is a word that reads on
])
def test_a_rest_official_writing_writes_there_is_silent(text):
    assert reports(text) == []


def test_a_rest_before_a_stop_stays_at_info():
    """Before a stop only the table speaks: TYP018's principle, at info."""
    assert reports("推进中国式现代。", ("TRM007", "TYP018")) == [("TYP018", "中国式现代")]
