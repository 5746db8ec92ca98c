"""The document's own evidence for a wrong character (gongwen.analysis.one_off, TYP015).

- ``variant_places`` finds the windows that differ in one place from a repeated one through an
  index of the repeated windows with one place left open; it must find exactly the places a
  plain comparison of every window with every repeated window finds, on many random texts.
- Each principle of ``_judged`` is tested on examples written here (not the fixtures' slips), and
  fails when the principle is taken away.
"""
from __future__ import annotations

import random
from collections import Counter

import pytest

from gongwen.analysis import one_off
from gongwen.analysis.one_off import REPEATED, WINDOW, one_off_variants, variant_places

# A small alphabet, so that windows repeat and differ in one place often; 的 (a function
# character, never offered by a repeated form) and 一 (a numeral, never compared) must be
# skipped by the index as the plain scan skips them.
_ALPHABET = "李振华化管理的一"


@pytest.fixture(autouse=True)
def _python_screen(monkeypatch):
    """The principles below are switched off by patching one_off's Python functions; the
    compiled pass asks the first of them (parallel phrase, doubled frame, construction) in C, so
    these tests run its Python reference (the two are compared in test_one_off_windows.py)."""
    monkeypatch.setattr(one_off, "_compiled_windows", lambda skip: None)


def _plain_places(text: str) -> set[tuple[int, str, int, tuple]]:
    """Every once-written window against every repeated window, compared place by place."""
    runs = [(m.start(), m.group()) for m in one_off._HAN_RUN.finditer(text)]
    counts = Counter(s[a:a + WINDOW] for _, s in runs for a in range(len(s) - WINDOW + 1))
    repeated = [w for w, n in counts.items() if n >= REPEATED]
    excluded = one_off.excluded_chars()
    found = set()
    for start, s in runs:
        for a in range(len(s) - WINDOW + 1):
            w = s[a:a + WINDOW]
            if counts[w] >= REPEATED:
                continue
            for j in range(WINDOW):
                forms = [r for r in repeated if r[j] not in excluded and w[j] not in one_off._NUMERALS
                         and all(r[k] == w[k] for k in range(WINDOW) if k != j)]
                if forms:
                    found.add((start + a + j, w, j, tuple(sorted((f, counts[f]) for f in forms))))
    return found


def _indexed_places(text: str, places=variant_places) -> set[tuple[int, str, int, tuple]]:
    return {(at, w, j, tuple(sorted(forms))) for at, w, j, forms in places(text)}


def _random_text(rnd: random.Random) -> str:
    return "".join(rnd.choice(_ALPHABET + "。") for _ in range(rnd.randint(0, 60)))


def test_indexed_places_agree_with_the_plain_comparison():
    rnd = random.Random("one-off")
    found = 0
    for _ in range(3_000):
        text = _random_text(rnd)
        plain = _plain_places(text)
        assert _indexed_places(text) == plain, text
        found += len(plain)
    assert found > 500  # the alphabet makes variants often enough to test the comparison


def test_an_index_that_forgets_a_place_would_be_caught():
    """The comparison above can fail: an index that leaves only the last place open loses the
    variants in the first two places of a window."""

    def last_place_only(text):
        return [(at, w, j, forms) for at, w, j, forms in variant_places(text) if j == WINDOW - 1]

    rnd = random.Random("one-off")
    texts = [_random_text(rnd) for _ in range(200)]
    assert any(_indexed_places(t, last_place_only) != _plain_places(t) for t in texts)


def _slips(text: str) -> list[str]:
    return [text[v.at] for v in one_off_variants(text)]


def test_a_name_written_twice_then_once_with_a_homophone():
    assert _slips("处长鲁振宏出席。鲁振宏要求抓好落实。会后鲁振红一行到企业调研。") == ["红"]


def test_the_right_form_must_be_written_twice():
    assert _slips("处长鲁振宏出席。会后鲁振红一行到企业调研。") == []


def test_a_parallel_phrase_is_no_slip(monkeypatch):
    """减税降费 twice, then 简政减税减费: 减 is written two characters before, a parallel phrase
    varies one character on purpose. Taking the principle away reports it."""
    text = "落实减税降费政策，减税降费规模超过2万亿元。深入推进简政减税减费。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "in_parallel_phrase", lambda *a: False)
    assert _slips(text) == ["减"]


def test_a_word_the_document_writes_elsewhere_is_its_own(monkeypatch):
    """土地流传 once beside 土地流转 twice would be a slip, but this document writes 流传 again
    (流传已久, 广为流传): a word of its own vocabulary. Taking the principle away reports it."""
    text = "做好土地流转工作，规范土地流转合同。土地流传中存在问题，这一说法流传已久，广为流传。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_own_words", lambda *a: False)
    assert _slips(text) == ["传"]


def test_a_word_official_writing_uses_is_written_as_meant(monkeypatch):
    """民主团结 once beside 民族团结 twice: the model prefers 民族 by far, but 民主 is a pair
    official writing uses all the time. Taking both word principles away reports it."""
    text = "巩固和发展民主团结、生动活泼的政治局面。维护民族团结，加强民族团结进步教育。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_usual_words", lambda *a: False)
    assert _slips(text) == ["主"]


def test_the_construction_must_be_shared():
    """推进新 twice and 推进兴 once (推进兴边富民) share only 推进, where one word ends and another
    begins: no shared construction. 乡村振新示范 shares 乡村振 and 示范 with 乡村振兴示范: one."""
    text = "推进新型城镇化，推进新一轮改革，推进兴边富民行动。"
    assert not one_off._same_construction(text, text.index("兴"), "推进兴", 2, "新")
    text = "乡村振兴示范村，乡村振兴战略，打造乡村振新示范带。"
    assert one_off._same_construction(text, text.index("新"), "村振新", 2, "兴")


def test_a_function_character_between_words_is_meant(monkeypatch):
    """消费者享有 twice, 消费者向有关部门 once: 向 is a preposition standing between words (者向 and
    向有 are pairs official writing uses), not a slip for 享. Taking the principle away reports it."""
    text = "消费者享有知情权。消费者享有选择权。消费者向有关行政部门投诉。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_stranded", lambda *a: True)
    monkeypatch.setattr(one_off, "_between_words", lambda *a: False)  # the other principle that spares it
    assert _slips(text) == ["向"]


def test_a_function_character_inside_a_term_is_a_slip():
    assert _slips("建设污水处理厂，污水处理厂规模。污水处里厂投运。") == ["里"]


def test_a_pair_the_document_writes_again_is_its_own(monkeypatch):
    """看守所羁押 twice and 看守所寄押 once, but the statute also writes 临时寄押: its own term."""
    text = "临时寄押的犯罪嫌疑人，送看守所羁押。看守所羁押期间。送看守所寄押。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_own_words", lambda *a: False)
    assert _slips(text) == ["寄"]


def test_a_slot_between_two_characters_alike_is_a_frame(monkeypatch):
    text = "落实一市一策，编制一市一策方案。推进一湖一策整治。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_doubled_frame", lambda text, at: False)
    assert _slips(text) == ["湖"]


def test_a_coined_name_in_a_short_quotation(monkeypatch):
    text = "推进数字乡村建设，数字乡村试点扩大到12个县。开展“数字香村”直播带货活动。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "in_short_quote", lambda text, at: False)
    assert _slips(text) == ["香"]


def test_an_administrative_level_for_another_names_another_body(monkeypatch):
    text = "实行以县为主的管理体制，坚持以县为主的原则。教育经费以省为主的地方，由省级统筹。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_levels_exchanged", lambda written, meant: False)
    assert _slips(text) == ["省"]


def test_a_conjunction_between_two_words_is_meant(monkeypatch):
    text = "查明掩埋化学品的地点，核实掩埋化学品的数量，对渗漏物采取掩埋或焚烧处理。"
    assert _slips(text) == []
    monkeypatch.setattr(one_off, "_between_words", lambda text, at: False)
    assert _slips(text) == ["或"]


def test_a_character_that_ends_another_word_on_the_side_that_differs():
    # 主城|都市圈 agrees with 建成都市圈 on the right only, and 城 makes 主城 on the left
    # (main at 7914006 reported 城 → 成 here).
    assert _slips("加快建成都市圈轨道网，建成都市圈通勤网。推动主城都市圈协同发展。") == []


def test_a_localizer_ending_a_name_is_still_judged():
    # 东 is a localizer: 赵国|东|强调 has words either side, but the name is what is cut.
    assert _slips("市级总河长赵国栋带队调研。赵国栋一行察看了河道。赵国东强调，要压实河长责任。") == ["东"]
