"""TRM007 (round 25): the 为 of a 以…为 string left out, a function character typed between two
words of a string where official writing never writes it, and a four-character string cut to
three whose last two official writing writes only before the fourth. Sentences written here, not
the tuning half's or a tuning batch's."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document


def reports(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TRM007"])
    return [text[d.start:d.end] for d in linter.lint(Document(path="x.txt", text=text))]


@pytest.mark.parametrize("text, written", [
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


@pytest.mark.parametrize("text, written", [
    # a preposition, copula or verb between two words of a string, where official writing never
    # writes it between those characters
    ("推动城乡融合和新型在城镇化建设。", "新型在城镇化"),
    ("坚持走高质量是发展之路。", "高质量是发展"),
    ("要以更大力度全面以深化改革。", "全面以深化改革"),
])
def test_a_character_added_between_two_words_is_reported(text, written):
    assert reports(text) == [written]


@pytest.mark.parametrize("text", [
    "为实现中华民族的伟大复兴而奋斗。",          # a particle: any word may take one
    "中国特色社会主义进入了新时代。",            # 了 after a verb
    "以立德树人为根本任务，办好教育。",          # the 为 of a 以…为 frame
    "统筹好发展和安全两件大事。",                # official writing writes 好 there (好发展)
    "毛泽东在思想上、理论上作出了重大贡献。",    # between the two words of a name kept whole
    "以更大决心全面再深化改革。",                # no function word: an adverb of its own
    "加快构建新发展大格局。",
])
def test_a_character_added_where_official_writing_writes_it_is_silent(text):
    assert reports(text) == []


@pytest.mark.parametrize("text, written", [
    # 同富, 正创, 德树 are written before 裕, 新, 人 and nothing else: three characters left are a cut
    ("促进共同富，共享发展成果。", "共同富"),
    ("各学校坚持守正创，办出特色。", "守正创"),
    ("把立德树作为学校的立身之本。", "立德树"),
])
def test_three_characters_left_of_a_bound_pair_are_a_cut(text, written):
    assert reports(text) == [written]


@pytest.mark.parametrize("text", [
    "增强四个自，坚定信心。",                    # 个自 goes on otherwise too (自觉, 自身): may begin another phrase
    "促进共同富裕，共享发展成果。",              # whole
    "坚持守正创新。",
])
def test_three_characters_left_of_a_free_pair_are_silent(text):
    assert reports(text) == []


@pytest.mark.parametrize("text, written", [
    # a one-character word left out where official writing never writes the two characters it
    # leaves side by side (德人, 敢不)
    ("学校把立德人落到教书育人各环节。", "立德人"),
    ("一体推进不敢不能腐不想腐。", "不敢不能腐不想腐"),
])
def test_a_one_character_word_left_out_is_a_typo_where_its_neighbours_never_meet(text, written):
    assert reports(text) == [written]


@pytest.mark.parametrize("text", [
    "加快建设全国统一市场。",                    # 一市: a sound short form
    "由人力资源社会保障部会同有关部门制定。",     # 源社: the department's own short form
])
def test_a_one_character_word_left_out_between_usual_neighbours_is_silent(text):
    assert reports(text) == []
