"""The document's own evidence for a dropped character (gongwen.analysis.dropped, TYP020).

- ``gap_places`` finds the gaps through an index of the document's trigrams by their outer
  characters; it must find exactly what trying every character of the text at every gap finds,
  on many random texts, and the comparison must catch an index that forgets some trigrams.
- Each principle of ``_judged`` is tested on examples written here (not the fixtures' slips),
  and the pass cases fail when the principle is taken away.
"""
from __future__ import annotations

import random

from gongwen.analysis import dropped
from gongwen.analysis.dropped import COMPARED, dropped_characters, gap_places

# A small alphabet, so that trigrams repeat and gaps find fillers often; 的 (a function
# character) and 一 (a numeral) are never offered as the dropped character.
_ALPHABET = "监督管理局的一"


def _plain_places(text: str, skip: frozenset[str] = frozenset()) -> set[tuple]:
    """Every character of the text tried at every gap between two Han characters of a run."""
    runs = [(m.start(), m.group()) for m in dropped._HAN_RUN.finditer(text) if not any(c in skip for c in m.group())]
    middles = [start + k + 1 for start, s in runs for k in range(len(s) - 2)]
    found = set()
    for start, s in runs:
        for g in range(1, len(s)):
            at = start + g
            for c in sorted(set(text)):
                if c in dropped.excluded_chars():
                    continue
                places = [p for p in middles if text[p] == c and text[p - 1] == s[g - 1] and text[p + 1] == s[g]]
                if places:
                    best = max((dropped._agreement(text, at, p) + (p,) for p in places[:COMPARED]),
                               key=lambda lrp: (lrp[0] + lrp[1], lrp))
                    found.add((at, c) + best)
    return found


def _random_text(rnd: random.Random) -> str:
    return "".join(rnd.choice(_ALPHABET + "。") for _ in range(rnd.randint(0, 60)))


def test_indexed_gaps_agree_with_trying_every_character():
    rnd = random.Random("dropped")
    found = 0
    for _ in range(3_000):
        text = _random_text(rnd)
        plain = _plain_places(text)
        assert set(gap_places(text)) == plain, text
        found += len(plain)
    assert found > 2_000  # the alphabet makes gaps with fillers often enough to test the index


def test_an_index_that_forgets_a_run_s_first_trigram_would_be_caught():
    """The comparison above can fail: an index built from every trigram but a run's first
    loses the gaps only that trigram fills."""

    def without_first(text):
        firsts = {m.start() + 1 for m in dropped._HAN_RUN.finditer(text)}
        return {(at, c, left, right, p) for at, c, left, right, p in gap_places(text) if p not in firsts}

    rnd = random.Random("dropped")
    texts = [_random_text(rnd) for _ in range(200)]
    assert any(without_first(t) != _plain_places(t) for t in texts)


def _gaps(text: str) -> list[str]:
    return [g.written + "→" + g.full for g in dropped_characters(text)]


_TERM = ("市城市管理综合执法局开展占道经营专项整治。市城市管理综合执法局共出动执法人员320人次。"
         "群众可向市城市管理综合执局投诉举报。")


def test_a_term_written_twice_then_once_with_a_character_dropped():
    assert _gaps(_TERM) == ["综合执局→综合执法局"]


def test_the_full_term_must_be_written_twice():
    assert _gaps(_TERM.replace("市城市管理综合执法局共出动", "共出动")) == []


def test_a_shortened_form_the_document_repeats_is_its_own():
    assert _gaps(_TERM + "市城市管理综合执局电话12319。") == []


def test_a_three_character_name_with_its_middle_dropped():
    text = "副市长赵明轩出席会议并讲话。赵明轩指出，要抓好秋冬季大气污染防治。会后，赵轩一行检查了重点企业。"
    assert _gaps(text) == ["赵轩→赵明轩"]


def test_a_name_ends_where_its_occurrence_ends(monkeypatch):
    """蓝川 and 仲裁: 蓝川仲 is no three-character name, 蓝仲 no name less a character."""
    text = "蓝川仲裁委员会受理申请后，蓝川仲裁委员会秘书处将于五日内送达。（2026）蓝仲字第17号。"
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "_word_across", lambda text, at: False)
    assert _gaps(text) != []


def test_two_people_in_a_list_are_two_names(monkeypatch):
    text = "副市长赵明轩出席会议并讲话。赵明轩指出，要抓好落实。出席会议的还有孙伟、赵轩等同志。"
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "_LIST_MARKS", "")
    assert _gaps(text) != []


def test_an_abbreviation_the_document_defines(monkeypatch):
    text = _TERM.replace("群众可向市城市管理综合执局投诉举报。", "市城市管理综合执法局（以下简称综合执局）负责受理投诉。")
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "_defined", lambda text, pair: False)
    assert _gaps(text) != []


def test_a_form_glossed_in_brackets(monkeypatch):
    text = _TERM.replace("群众可向市城市管理综合执局投诉举报。", "市城市管理综合执局（市城市管理综合执法局）负责受理投诉。")
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "_glossed", lambda text, at: False)
    assert _gaps(text) != []


def test_a_word_of_its_own_left_out_is_wording(monkeypatch):
    """原 of 按原标准 makes no word with its neighbours: leaving it out says something else."""
    text = "补助资金按原标准执行。已审批项目按原标准执行到期。新申报项目不再按标准执行。"
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "_word_across", lambda text, at: True)
    assert _gaps(text) != []


def test_a_character_broken_out_of_a_word_is_a_slip():
    text = "对超标排放企业依法从重处罚。超标排放企业名单向社会公布。对超排放企业实行按日计罚。"
    assert _gaps(text) == ["对超排放企→对超标排放企"]


def test_two_characters_that_make_a_word_are_an_abbreviation(monkeypatch):
    """实施效果 written twice, 实效 once: the characters the drop brings together make a word."""
    text = "要提高政策实施效果。政策实施效果评估每年开展一次。切实提高政策实效性。"
    assert _gaps(text) == []
    monkeypatch.setattr(dropped, "is_word", lambda chars: chars != "实效" and _is_word(chars))
    assert _gaps(text) != []


_is_word = dropped.is_word


def test_a_run_of_one_character_is_compared_within_reach():
    """国国国…: every gap has a filler and every occurrence agrees as far as the run goes; the
    comparison stops at REACH characters a side (it would be quadratic otherwise)."""
    text = "国" * 200
    places = list(gap_places(text))
    assert places and all(left <= dropped.REACH and right <= dropped.REACH for _, _, left, right, _ in places)
