"""A protected string cut inside its last word (TRM007: …社会主义思，): the principle that tells
the cut from a shorter or different correct text, on sentences written here from other
formulations, meetings and institutions than the benchmark's."""
from __future__ import annotations

import random

import pytest

from gongwen import api
from gongwen.analysis.fuzzy import FuzzyMatcher
from gongwen.analysis.evidence import pair_count
from gongwen.document import Document
from gongwen.rules.protected import phrase_matcher
from support import slipped


def reports(text: str) -> list[tuple[str, str]]:
    linter = api.make_linter({}, select=["TRM007"])
    return [(text[d.start:d.end], d.message) for d in linter.lint(Document(path="x.txt", text=text))]


@pytest.mark.parametrize("text, written, meant", [
    ("深入学习贯彻习近平法治思，推进法治政府建设。", "习近平法治思", "习近平法治思想"),
    ("认真贯彻落实中央农村工作会，抓好春耕生产。", "中央农村工作会", "中央农村工作会议"),
    ("坚持和完善社会主义市场经\n", "社会主义市场经", "社会主义市场经济"),
    ("开启全面建设社会主义现代化国、推进民族复兴新征程。", "全面建设社会主义现代化国", "全面建设社会主义现代化国家"),
    ("认真学习党的二十大精，把思想统一到会议部署上来。", "党的二十大精", "党的二十大精神"),
    ("贯彻落实党中央集中统一领，坚决做到令行禁止。", "党中央集中统一领", "党中央集中统一领导"),
    ("按照中国人民银要求做好金融服务。", "中国人民银", "中国人民银行"),  # a wrong last character read as cut: 要 begins 要求
    ("坚持以习近平生态文明思为指导，推进生态保护。", "习近平生态文明思", "习近平生态文明思想"),  # 为 begins a phrase
])
def test_a_string_cut_inside_its_last_word_is_reported(text, written, meant):
    found = reports(text)
    assert [w for w, _ in found] == [written]
    assert found[0][1].endswith(f"缺字：“{written}”应为“{meant}”")


@pytest.mark.parametrize("text", [
    "要统筹发展和安排好各项民生支出。",          # 安排: the next character completes another word
    "以习近平同志为核心的党中央和国务院高度重视。",  # the whole string, more after it
    "坚持和发展新时代中国特色社会主义。",          # a shorter formulation, itself correct
    "他当选为第十四届全国人大常委。",              # 常委: what is left is a word (a member)
    "全国人民代表大会常务委员名额。",              # ends in 常务委员
    "推进中国特色社会主要矛盾的研究。",            # 主要: the fragment continues into a word
    "依法接受中国人民政治协商会议全国委员的监督。",  # ends in the word 委员
    "召开区委全面依法治区委员会会议。",            # 区 for 国: another level, not 全面依法治国 cut
    "推动全面依法治工作高质量发展。",              # 国, 省 or 区 left out: a level is content (TRM004)
    "贯彻落实中央农村工作会上的部署。",            # 会上: the next character completes a word
    "粤港澳大湾，风景秀丽。",                      # the last word 区 is one character: not cut inside a word
])
def test_texts_that_are_not_a_cut_string_are_silent(text):
    assert reports(text) == []


def test_a_rare_dictionary_word_across_the_cut_is_no_reading():
    """Only a common word (protected.COMMON_WORD) running across the cut makes the text as
    written sound: the dictionary's rare ones (中坚, 意为, 斗成) are no reading of it."""
    assert [w for w, _ in reports("要团结在以习近平同志为核心的党中坚强周围。")] == ["以习近平同志为核心的党中"]
    assert [w for w, _ in reports("巩固扫黑除恶专项斗成效，建立长效机制。")] == ["扫黑除恶专项斗"]
    # a common word across it still reads the text (安排, 会上)
    assert reports("要统筹发展和安排各项资金。") == []


def test_two_missing_characters_at_the_end_are_not_a_cut():
    """With a whole word left out, what remains is a string of its own (新时代中国特色社会主义)."""
    assert reports("坚持习近平新时代中国特色社会主义，奋力开创新局面。") == []


# A matcher given a judge of missing last characters must find exactly what it found without
# one wherever the judge refuses: the judge may add a reading, never take one away or move it.
FILLER = "的和在为中国人民发展建设社会主义会议全面推进工作，。、\n0123"


def _texts(count: int, seed: str) -> list[str]:
    """Near misses of the real protected strings among filler, a third of them with their last
    character dropped as well (the slip the judge is asked about)."""
    m = phrase_matcher()
    rnd = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 3)):
            parts.append("".join(rnd.choice(FILLER) for _ in range(rnd.randint(0, 3))))
            near = slipped(rnd, rnd.choice(m.patterns).text, FILLER, m.numerals)
            parts.append(near[:-1] if rnd.random() < 0.3 else near)
        parts.append("".join(rnd.choice(FILLER) for _ in range(rnd.randint(0, 3))))
        texts.append("".join(parts))
    return texts


def _hits(m: FuzzyMatcher, text: str) -> list[tuple]:
    return [(h.start, h.end, h.kind, h.fixed, h.edit, h.pattern.text) for h in m.find(text)]


def _matcher(judge=None) -> FuzzyMatcher:
    """The protected phrases' matcher with another judge (or none)."""
    real = phrase_matcher()
    return FuzzyMatcher(real.patterns, [*real.shield_keys, *real.numbered_shields], real.numerals,
                        "".join(real.levels), edge_substitutions=True, pair_rarity=pair_count, edge_deletion=judge)


def test_a_refusing_judge_changes_nothing():
    plain, refusing = _matcher(), _matcher(lambda text, hit: False)
    texts = _texts(4000, "refusing judge")
    assert all(_hits(plain, t) == _hits(refusing, t) for t in texts)
    # The judge is asked about some of them, or the comparison above would prove nothing.
    asked = []
    _matcher(lambda text, hit: asked.append(hit) or False).find("".join(texts[:300]))
    assert asked


def test_an_accepting_judge_adds_only_missing_last_characters():
    plain, accepting = _matcher(), _matcher(lambda text, hit: True)
    added = 0
    for text in _texts(2000, "accepting judge"):
        before, after = set(_hits(plain, text)), set(_hits(accepting, text))
        for h in after - before:
            start, end, kind, fixed, edit, _ = h
            assert kind == "missing" and edit == (end, end) and text[start:end] == fixed[:-1]
            added += 1
    assert added


@pytest.mark.parametrize("text", [
    "坚持以习近平新时代中国特色社会主义思\n想为指导。",        # a hard-wrapped line (a PDF copied)
    "坚持和完善社会主义市场经  \r\n济体制。",                  # spaces before a Windows line end
    "深入学习贯彻习近平法治思\n　　想，推进法治政府建设。",    # the next line indented
])
def test_a_line_wrapped_inside_the_last_word_is_no_cut(text):
    assert reports(text) == []


def test_a_line_break_before_another_word_is_still_a_cut():
    text = "深入学习贯彻习近平法治思\n推进法治政府建设。"
    assert [w for w, _ in reports(text)] == ["习近平法治思"]


@pytest.mark.parametrize("text, written", [
    ("推动经济高质量发，持续改善民生。", "高质量发"),
    ("坚持以马克思列宁主义、毛泽东思、邓小平理论为指导。", "毛泽东思"),
])
def test_four_characters_left_are_enough_when_the_last_word_is_cut(text, written):
    assert [w for w, _ in reports(text)] == [written]


@pytest.mark.parametrize("text", [
    "推动高质量发布政务信息。",      # 发布: the next character completes another word
    "坚持科学发展，统筹兼顾。",      # 科学发展 ends in a word of its own
])
def test_four_characters_left_that_end_otherwise_are_silent(text):
    assert reports(text) == []


@pytest.mark.parametrize("text, written", [
    ("牢固树立“四个意”，坚决做到“两个维”。", ["四个意", "两个维"]),
    ("扎实推进「共同富」。", ["共同富"]),
])
def test_three_characters_left_are_enough_inside_quotation_marks(text, written):
    """Marks that open right before the string and close right after what is left end the
    name there (written for round 16)."""
    assert [w for w, _ in reports(text)] == written


@pytest.mark.parametrize("text", [
    # no marks: the rest may begin another phrase (个自 goes on as 自觉, 自身; round 25: a rest
    # whose last two official writing writes only before the string's last, 个维 of 两个维护, is
    # a cut without marks: test_protected_frame_and_extra.py)
    "四个自，三个代表，两个确。",
    "要做到“两个维护”。",            # the string written whole
    "“四个自，三个代”是两句缩略语。",  # the marks open before the rest but close elsewhere
])
def test_three_characters_left_elsewhere_are_silent(text):
    assert reports(text) == []
