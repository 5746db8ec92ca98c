"""The words that govern a figure (gongwen.analysis.figure_heads), the table build_figure_heads.py
writes of them (rules/data/figure_heads.txt), and NUM015 on the round-26 tuning batch
(fixtures/typos/units26_*)."""
from __future__ import annotations

import sys
from collections import Counter

import regex

from support import ROOT

from gongwen.analysis import figure_heads as fh
from gongwen.analysis import lexicon

sys.path.insert(0, str(ROOT / "rules" / "data"))
sys.path.insert(0, str(ROOT / "benchmarks" / "quality"))

import build_figure_heads as build  # noqa: E402
import typos  # noqa: E402


def test_what_follows_a_figure():
    text = "资金6.2，比重52.6（上年51%），率5.2以内，完成300以上站点，建成2、3号站，建议96、提案3件，增长5%，提高1个百分点"
    at = {m.group(): m.end() for m in fh.FIGURE.finditer(text)}
    assert fh.after_figure(text, at["6.2"]) == "bare"
    assert fh.after_figure(text, at["52.6"]) == "bare"  # an aside opens after the unit's place
    assert fh.after_figure(text, at["5.2"]) == "bare"  # 以内 then the clause's end
    assert fh.after_figure(text, at["300"]) is None  # 以上 then the counted noun
    assert fh.after_figure(text, at["2"]) is None  # a series sharing the last figure's unit
    assert fh.after_figure(text, at["96"]) == "bare"  # a list going on with another item
    assert fh.after_figure(text, at["3"]) == "unit"
    assert fh.after_figure(text, at["5"]) == "percent"
    assert fh.after_figure(text, at["1"]) == "percent"  # a share's change


def test_the_figure_reads_thousands_groups_and_no_codes():
    assert [m.group() for m in fh.FIGURE.finditer("收入１３，７６２，０００元，GB3095，4.5万亩")] == [
        "１３，７６２，０００", "4.5万"]


def test_the_head_is_the_nearest_within_the_gap():
    pattern = regex.compile(lexicon.alternation(["资金", "时长", "开办时间", "时间"]))
    text = "衔接资金6.2，开办时间压缩至1.5，时长约为十几天后的12"
    starts = [m.start() for m in fh.FIGURE.finditer(text)]
    assert fh.head_before(pattern, 4, text, starts[0]) == "资金"
    assert fh.head_before(pattern, 4, text, starts[1]) == "开办时间"  # the longest ending there
    assert fh.head_before(pattern, 4, text, starts[2]) is None  # too far back


def test_the_build_counts_and_keeps_by_its_thresholds():
    texts = ["项目资金3.2亿元，资金120万元，资金5万元。", "比重52.6%，比重40%，比重33%，比重1.5。",
             "得分92，得分88，得分90分。"]
    found = build.count(texts, ["资金", "比重", "得分"])
    assert found["资金"] == Counter(unit=3) and found["比重"] == Counter(percent=3, bare=1)
    kept = {head: kind for head, kind, _, _ in build.kept(found)}
    assert kept == {"资金": "unit"}  # 比重 bare 1 in 4, 得分 bare 2 in 3: not kept


def test_the_build_keeps_rare_candidates_for_the_document_and_people_by_their_wan():
    texts = ["开展演练2次，演练1次。", "安排资金5万元，资金6，资金7。",
             "服务群众2.3万人次，群众1.2万人，群众3万人；群众12，群众15。", "常住人口减少700万，人口8万人。"]
    found = build.count(texts, ["演练", "资金", "讲座"])
    kept = {head: kind for head, kind, _, _ in build.kept(found, ["演练", "资金", "讲座"])}
    # 演练 2 figures, none bare: too rare to judge; 讲座 none at all; 资金 bare 2 of 3: dropped
    assert kept == {"演练": "document", "讲座": "document"}
    people = build.count(texts, ["群众", "人口"], in_wan=True)
    assert people["群众"] == Counter(unit=3) and people["人口"] == Counter(bare=1, unit=1)  # 群众12 is no 万
    assert build.kept_people(people) == [("群众", "people", 3, 0)]


def test_the_table_says_what_its_generator_keeps():
    lines = lexicon.entry_lines(fh.TABLE)
    assert len(lines) > 50
    verbs = lexicon.words("counting_verbs.txt")
    for line in lines:
        head, kind, written, bare = line.split()
        assert kind in ("percent", "unit", "either", "document", "people") and head not in verbs
        if kind == "document":
            assert int(written) < build.MIN_SEEN and int(bare) == 0
        else:
            assert int(written) >= build.MIN_SEEN and int(bare) <= build.BARE_SHARE * (int(written) + int(bare))
    assert {"金额", "资金", "率", "比重"} <= set(fh.heads())
    assert fh.heads()["群众"] == "people" and fh.heads()["演练"] == "document"
    assert "人口" not in fh.heads()  # 人口减少700万: a collective count, bare in 万 in the corpus


def test_a_rare_word_does_not_hide_the_counted_head_before_it():
    text = "平均接通时长缩短至12，生活垃圾处理量36.5万，回访群众4.8万，开展应急演练14"
    starts = [m.start() for m in fh.FIGURE.finditer(text)]
    assert fh.governing_head(text, starts[0]) == "时长"  # 缩短 is a document head, looked up apart
    assert fh.governing_head(text, starts[0], fh.DOCUMENT_KINDS) == "缩短"
    assert fh.governing_head(text, starts[1]) == "处理"
    assert fh.governing_head(text, starts[2]) is None
    assert fh.governing_head(text, starts[2], fh.PEOPLE_KINDS) == "群众"
    assert fh.governing_head(text, starts[3], fh.DOCUMENT_KINDS) == "演练"


def test_the_document_s_own_figures_after_a_head():
    text = "上半年开展应急演练6次，消防演练2次；下半年开展应急演练14，2025年演练"
    skip = text.index("14")
    assert fh.figures_after(text, "演练", skip) == Counter(unit=2)  # the judged figure itself left out
    assert fh.figures_after(text, "演练", -1) == Counter(unit=2, bare=1)


def test_the_tuning_batch():
    """fixtures/typos/units26_* (round 26, written before NUM015 was changed): 47 of 68 found when
    written, 64 after round 26, 66 after round 27 (people in 万 after a noun of persons; misses:
    heads the corpus has too few figures after, 接种, 演练, in sentences that write no other
    figure after them); no correct sentence — ordinals, codes, scores, indices, ratios — flagged."""
    result = typos.evaluate(sentences="units26", extend_select=["NUM015"], preview=True)
    assert result["by_code"].get("NUM015", 0) >= 65
    assert not [text for text, codes in result["flagged"] if "NUM015" in codes]
