"""TRM007 at a protected string's edges (round 24): a committee's name cut to its member word
(…委员), a string in a 以…为 frame, a string cut inside its first word. Sentences written here,
not the tuning batch's (fixtures/typos/protect24_*)."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def reports(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TRM007"])
    return [text[d.start:d.end] for d in linter.lint(Document(path="x.txt", text=text))]


@pytest.mark.parametrize("text, written", [
    # a committee's full name less 会: 委员 after its field is no member (国家发展和改革|委员)
    ("报请国家发展和改革委员核准后实施。", "国家发展和改革委员"),
    ("中国证券监督管理委员发布了新的监管规则。", "中国证券监督管理委员"),
    ("经国家民族事务委员同意，命名了一批示范单位。", "国家民族事务委员"),
    # 以…为: the 为 is the frame's, not 化为
    ("以推进中国式现化为主线，谋划明年工作。", "中国式现化"),
    # the first character left out after a word of its own (坚持|德树人…, 运用|万工程…)
    ("坚持德树人根本任务，深化教育改革。", "德树人根本任务"),
    ("学习运用万工程经验，建设和美乡村。", "万工程经验"),
    ("深入实施教兴国战略，办好人民满意的教育。", "教兴国战略"),
])
def test_a_string_cut_at_an_edge_is_reported(text, written):
    assert reports(text) == [written]


@pytest.mark.parametrize("text", [
    "依法接受中国人民政治协商会议全国委员的监督。",      # a level before 委员: members by level
    "他当选为全国人民代表大会常务委员。",                # 常务委员: a rank, one word
    "他是全国政协委员，也是国家卫生健康委员会委员。",    # members named after a body
    "将中国式现化为一个个具体行动。",                    # no 以 before: 化为 may read on
    "完整准确全面贯彻发展理念。",                        # what is left begins with a word: 发展理念
    "经家林业和草原局批准设立。",                        # 国 is a level: content, not corrected
    "坚持正创新。",                                      # three characters left: too short
])
def test_an_edge_that_reads_as_written_is_silent(text):
    assert reports(text) == []
