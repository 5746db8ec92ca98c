"""The quantity model: base units, rounding slack, subject, period, mode and scope of a figure."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis.numerals import find_numerals
from gongwen.analysis.quantities import read_quantity
from gongwen.analysis import quantity_model as model
from gongwen.analysis.quantity_model import as_written, read_figures, written_step


def figures(text):
    return read_figures(text, [read_quantity(text, n) for n in find_numerals(text) if n.value is not None])


def one(text, figure_text):
    [f] = [f for f in figures(text) if text[f.start:f.end].startswith(figure_text)]
    return f


@pytest.mark.parametrize("numeral, step", [
    ("52", 1), ("3.5", 0.1), ("0.95", 0.01), ("1.2万", 1000), ("120亿", 1e8), ("10亿零817万", 1e4),
    ("三百二十万", 1e5), ("一百二十", 10), ("百分之九十五", 1), ("三点五", 0.1), ("3千", 1000),
])
def test_written_step_is_the_last_place_written(numeral, step):
    [n] = find_numerals(numeral)
    assert written_step(n) == pytest.approx(step)


@pytest.mark.parametrize("text, figure, value, unit, slack", [
    ("投资1.5万亿元", "1.5万亿元", 1.5e12, "元", 5e10),
    ("投资150亿元", "150亿元", 1.5e10, "元", 5e7),
    ("营业收入32万元", "32万元", 3.2e5, "元", 5e3),  # 万 read into the numeral, 元 the unit
    ("减少3千万元", "3千万元", 3e7, "元", 5e6),
    ("新建道路3.5千米", "3.5千米", 3.5, "公里", 0.05),
    ("接待游客120万人次", "120万人次", 1.2e6, "人次", 5e3),
    ("录用干部45名", "45名", 45, "人", 0),  # whole items counted in full: exact
    ("服务群众1.2万人", "1.2万人", 1.2e4, "人", 500),  # a count in 万 is rounded
    ("服务群众1.2万名", "1.2万名", 1.2e4, "人", 500),
    ("办结率99％", "99％", 99, "%", 0.5),
    ("提高2个百分点", "2个百分点", 2, "个百分点", 0.5),
])
def test_value_in_base_unit_with_rounding_slack(text, figure, value, unit, slack):
    f = one(text, figure)
    assert (f.value, f.unit) == (pytest.approx(value), unit)
    assert f.slack == pytest.approx(slack)


def test_subject_is_the_clause_before_the_figure_without_cue_words():
    text = "全年受理申请100件，其中办结的占52%，正在办理的占31%。"
    assert [f.subject for f in figures(text)] == ["全年受理申请", "办结的", "正在办理的"]


@pytest.mark.parametrize("text, figure, period", [
    ("上年结转申请3件，本年新收12件。", "3件", "结转"),
    ("上年结转申请3件，本年新收12件。", "12件", "本年"),
    ("去年为320万人。", "320万人", "上年"),
    ("“十四五”以来新建学校15所。", "15所", "以来"),
    ("累计培训干部2000人次。", "2000人次", "累计"),
    ("比上年增长5.2%。", "5.2%", ""),  # 上年 after 比 is the base of a comparison
    ("新建学校15所。", "15所", ""),
])
def test_period_from_the_nearest_word_before(text, figure, period):
    assert one(text, figure).period == period


@pytest.mark.parametrize("text, figure, mode", [
    ("完成投资50亿元。", "50亿元", "actual"),
    ("计划完成投资50亿元。", "50亿元", "plan"),
    ("力争达到60亿元。", "60亿元", "target"),
    ("规模以上企业120家，产值亿元及以上企业35家。", "35家", "actual"),
    ("年产值5000万元及以上的企业。", "5000万元", "threshold"),
    ("投资1000万元以上的项目。", "1000万元", "threshold"),
])
def test_mode(text, figure, mode):
    f = one(text, figure)
    assert f.mode == mode
    assert f.approximate == (mode == "threshold")


def test_scope_sub_items_after_qizhong_share_it_and_a_new_sentence_ends_it():
    text = "共受理100件，其中办结80件、转办15件。另有咨询30件。"
    total, done, moved, other = figures(text)
    assert total.part_of == -1 and other.part_of == -1
    assert done.part_of == moved.part_of == text.index("其中")
    assert done.comparable(moved) and not done.comparable(total)


def test_comparable_needs_the_same_period_and_mode():
    text = "今年完成投资50亿元，去年完成投资40亿元，计划完成投资60亿元。"
    this, last, plan = figures(text)
    assert not this.comparable(last) and not last.comparable(plan)
    assert this.comparable(one("全年完成投资55亿元。", "55亿元"))


@pytest.mark.parametrize("text, factor, shown", [
    ("财政赤字2.76万亿元", 1, "2.76万亿元"),
    ("财政赤字2.76万亿元", 1.0101449, "2.788万亿元"),  # a sum needs more places: given, not e+12
    ("参保46,483万人", 1, "46,483万人"),
    ("办结率98.5%", 1, "98.5%"),
    ("百分之九十五", 1, "95%"),
    ("共有一千一百八十五个", 1, "1185个"),
    ("新建道路3.5千米", 2, "7.0千米"),
])
def test_as_written_uses_the_figures_own_places_and_unit(text, factor, shown):
    [f] = figures(text)
    assert as_written(f.value * factor, f) == shown


def test_counts_of_whole_items_are_exact_in_any_numerals_below_wan():
    assert one("农林水利建设项目是五百个", "五百个").slack == 0
    assert one("农林水利建设项目500个", "500个").slack == 0
    assert one("服务群众三百二十万人", "三百二十万人").slack == pytest.approx(5e4)


def test_a_word_inside_a_quoted_name_says_nothing_of_the_mode():
    text = "共计12319亿元，其中用于地方“两个确保”和“低保”的资金1777亿元。"
    assert one(text, "1777亿元").mode == "actual"
    assert one("确保完成投资50亿元。", "50亿元").mode == "target"


# Pieces of figure sentences: numbers with units, period, mode and threshold words, 比/较 before
# them, quotation marks and clause and sentence ends.
_PIECES = ["本年", "上年", "去年", "计划", "预计", "目标", "确保", "累计", "以来", "结转", "以上", "以下",
           "及以上", "以内", "其中", "，", "。", "；", "共", "受理", "办结", "12件", "3.5亿元", "52%", "百分之九十",
           "比上年", "较", "“", "”", "约", "完成", "投资", "1.2万人", "三百人", "的", "增长", "达到", "不低于"]


def _figure_texts(count: int = 3_000) -> list[str]:
    rnd = random.Random("figure-gates")
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 40))) for _ in range(count)]


def _readings(texts) -> list[tuple]:
    return [(f.start, f.end, f.value, f.unit, f.slack, f.lead, f.period, f.mode, f.part_of, f.sentence, f.clause)
            for text in texts for f in figures(text)]


class _Everything(frozenset):
    def __contains__(self, item):
        return True


def _open_gates(monkeypatch) -> None:
    """read_figures as it was before its gates: every position may start a word."""
    pattern, _ = model._first_characters()
    monkeypatch.setattr(model, "_cue_positions", lambda text: list(range(len(text))))
    monkeypatch.setattr(model, "_first_characters", lambda: (pattern, _Everything()))


def test_figures_read_alike_with_their_word_searches_skipped(monkeypatch):
    """read_figures searches for period and mode words only in a window where one may start,
    and for a threshold word only where one may start: random texts read the same with those
    searches made everywhere."""
    texts = _figure_texts()
    gated = _readings(texts)
    _open_gates(monkeypatch)
    assert _readings(texts) == gated
    assert sum(f[6] != "" for f in gated) > 100 and sum(f[7] == "threshold" for f in gated) > 100


def test_a_gate_that_skips_a_word_is_caught(monkeypatch):
    texts = _figure_texts(500)
    _open_gates(monkeypatch)
    opened = _readings(texts)
    monkeypatch.setattr(model, "_cue_positions", lambda text: [])
    assert _readings(texts) != opened


# read_percent_figures reads only the quantities whose figure is in %: the pieces add percents of
# every form (52%, ５％, 百分之九十, a bare 3 before 个百分点) and figures in other units. Caught when
# tried (not committed): the choice by the unit word alone (百分之九十 has none).
_PERCENT_PIECES = _PIECES + ["５％", "8.1%、", "占", "个百分点", "0.5", "百分之", "30", "%"]


def _percent_texts(count: int) -> list[str]:
    rnd = random.Random("percent-figures")
    return ["".join(rnd.choice(_PERCENT_PIECES) for _ in range(rnd.randint(1, 30))) for _ in range(count)]


def _quantities(text: str):
    return [read_quantity(text, n) for n in find_numerals(text) if n.value is not None]


def test_the_figures_in_percent_are_those_of_every_figure():
    found = 0
    for text in _percent_texts(4_000):
        quantities = _quantities(text)
        expected = [(i, f) for i, f in enumerate(read_figures(text, quantities)) if f.unit == "%"]
        assert model.read_percent_figures(text, quantities) == expected, text
        found += len(expected)
    assert found > 4_000


def test_figures_read_at_some_places_are_those_read_among_all():
    rnd = random.Random("figures-at")
    for text in _percent_texts(3_000):
        quantities = _quantities(text)
        every = read_figures(text, quantities)
        places = sorted(rnd.sample(range(len(quantities)), rnd.randint(0, len(quantities))))
        assert model.read_figures_at(text, quantities, places) == {i: every[i] for i in places}, text
        assert [model.figure_unit(q) for q in quantities] == [f.unit for f in every], text
