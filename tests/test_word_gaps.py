"""TYP023 (rules/word_gaps.py): a character dropped inside an ordinary word in mid-clause. The
tuning batch it was written for (fixtures/typos/wordgap22_*), its cost on one long line (each piece
is judged over a window of its own, so the work is linear in the line), and its data file as its
generator describes it. Pass and fail cases: fixtures/rules/TYP023.toml."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from gongwen.analysis import lexicon
from gongwen.rules import word_gaps as wg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks" / "quality"))
sys.path.insert(0, str(ROOT / "rules" / "data"))

import build_standalone_chars as build  # noqa: E402
import typos  # noqa: E402


def test_the_tuning_batch():
    """fixtures/typos/wordgap22_* (round 22, written before TYP023): 26 of the 89 dropped
    characters found by it at the marked place (the default rules find 2), no correct sentence —
    twins, abbreviations, defined short forms, single-character words — flagged by it."""
    result = typos.evaluate(sentences="wordgap22", extend_select=["TYP023"], preview=True)
    assert result["by_code"].get("TYP023", 0) >= 24
    assert not [text for text, codes in result["flagged"] if "TYP023" in codes]


def _work(text: str, monkeypatch) -> int:
    """The characters segmented and scored while ``text`` is judged."""
    done = [0]
    segment, score = wg.segment, wg._score

    def counted_segment(run):
        done[0] += len(run)
        return segment(run)

    def counted_score(s, start, end):
        done[0] += end - start
        return score(s, start, end)

    monkeypatch.setattr(wg, "segment", counted_segment)
    monkeypatch.setattr(wg, "_score", counted_score)
    wg.word_gaps(text)
    return done[0]


def test_the_work_on_one_long_line_is_linear(monkeypatch):
    """A line of gaps with no punctuation is one run: each candidate character is tried over the
    piece's window, not the whole run (which made the work grow with the square of the line)."""
    line = "全区上下认真落党中央决策部署持续加基础设施建设投入"
    small, large = _work(line * 50, monkeypatch), _work(line * 800, monkeypatch)
    assert large <= 20 * small  # 16 times the text


def test_the_data_says_what_its_generator_says():
    lines = lexicon.entry_lines("standalone_chars.txt")
    assert len(lines) > 500
    for line in lines:
        char, share, seen = line.split()
        assert int(seen) >= build.MIN_SEEN and int(share) >= build.SHARE * 1000
    assert {"县", "须", "未"} <= wg.standalone() and not {"治", "落", "营"} & wg.standalone()


def test_the_second_tuning_batch():
    """fixtures/typos/wordgap23_* (round 23, written before that round's changes): 24 of the 100
    dropped characters found at the marked place, no correct sentence flagged — among them the
    one-character verbs, legal phrases (依申请公开: 依 alone before 申请, ``piece_junctions``) and
    compounds with a one-character head official writing writes."""
    result = typos.evaluate(sentences="wordgap23", extend_select=["TYP023"], preview=True)
    assert result["by_code"].get("TYP023", 0) >= 22
    assert not [text for text, codes in result["flagged"] if "TYP023" in codes]


def test_the_junctions_say_what_their_generator_says():
    import build_piece_junctions as junctions

    lines = lexicon.entry_lines("piece_junctions.txt")
    assert len(lines) > 300
    for line in lines:
        pair, side, seen = line.split()
        assert junctions.listed((pair, side), int(seen))
        assert int(seen) >= (junctions.MIN_WORDS if side == "alone-before-head" else junctions.MIN_SEEN)
        assert wg._judged(pair[0] if side.startswith("alone-before") else pair[1])
    assert {"<依申", ">当设", "^代人", "^进村"} <= wg.junctions()


def test_the_heads_are_counted_by_different_words():
    """alone-before-head counts the different words of one head a piece stands alone before, not
    how often: a phrase a statute repeats supports its pair once."""
    import build_piece_junctions as junctions

    seen = junctions.counts(["代承租人缴纳，代承租人缴纳，代承租人缴纳。", "代托运人办理。"])
    assert seen["代人", "alone-before-head"] == 2 and seen["代承", "alone-before"] == 3


def test_a_verb_before_a_class_of_objects_is_no_piece_of_a_word():
    """A one-character verb or preposition official writing writes alone before several nouns of
    one head (代 before 承租人, 托运人 …; 进 before 农村, 乡村) takes a new noun of that head as its
    object (round 27: 代|未成年人 in a statute, 健康进|乡村 in a notice), on sentences written for
    this test; a dropped character beside the same characters before other heads is still found."""
    objects = ["受托人代委托人签订合同。", "中介机构代申请人提交材料。", "律师代委托人出庭应诉。",
               "组织开展健康进乡村活动。"]
    assert not [text for text in objects if wg.word_gaps(text)]
    gaps = ["在党的第二十次全国代大会上作出部署。", "全县农村居民人均可支配收稳步增长。",
            "今年以来城乡居民收水平持续提高。", "切实护群众合法权益。", "大力发数字经济。"]
    assert [len(wg.word_gaps(text)) for text in gaps] == [1] * len(gaps)


def test_a_gap_inside_a_token_the_segmenter_guessed():
    """A character dropped from the middle of a word of three characters leaves two that jieba's
    HMM joins into a token of its own, no dictionary word (城镇化 -> 城化, 养老金 -> 养金, 标准化 -> 标化):
    the judge is asked of the gap between them as of a piece (round 28), on sentences written for
    this test; two-character tokens the HMM joins in correct text (new words and abbreviations of
    official writing: 村医, 城投, 容缺, 校地, 库渠, 护苗, 双碳, 小微) are not reported."""
    gaps = {"加快推进新型城化进程，提升县城综合承载能力。": ("城镇", 7), "逐步提高城乡居民基础养金标准。": ("养老", 11),
            "推进政务服务标化规范化便利化建设。": ("标准", 7), "深入推进医疗卫生服务标化管理。": ("标准", 11)}
    assert {text: [(gap.word, gap.at) for gap in wg.word_gaps(text)] for text in gaps} == \
        {text: [found] for text, found in gaps.items()}
    words = ["提高乡村医生待遇水平，稳定村医队伍建设。", "推动城投公司市场化转型，稳妥化解存量债务。",
             "推行容缺受理和极简审批，压减办理时限。", "深化校地合作，推动产学研用深度融合。",
             "加强河湖库渠综合治理，推进幸福河湖建设。", "持续开展护苗行动和净网行动。",
             "强化双碳目标引领，推动能耗双控向碳排放双控转变。", "加强小微企业融资担保服务，降低综合融资成本。"]
    assert not [text for text in words if wg.word_gaps(text)]


def test_the_kept_lists_are_the_files_lists(tmp_path, monkeypatch):
    """The three lists are read back from the user's cache folder (round 26: parsing them was ~8 M
    instructions a process): what is kept is what the files say, line by line, and a kept copy
    is named by the files' stamps, so the first run writes it and the next reads it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    wg._lists.cache_clear()
    try:
        kept = wg._lists()
        assert list(tmp_path.rglob("table-word-gaps-lists-*.json"))
        assert wg._lists_built() == kept
        assert set(kept["standalone"]) == {line[0] for line in lexicon.entry_lines("standalone_chars.txt")}
        assert set(kept["verbs_alone"]) == {line[0] for line in lexicon.entry_lines("verbs_alone.txt")}
        assert len(kept["junctions"]) == len(lexicon.entry_lines("piece_junctions.txt"))
    finally:
        wg._lists.cache_clear()


@pytest.mark.parametrize("name", ["wordgap23", "wordgap24"])
def test_the_later_tuning_batches_are_new_and_well_formed(name):
    """wordgap23 and wordgap24 (rounds 23, 24): 80+ dropped characters, each an empty span with one
    character to put back, and 80+ correct sentences, none of them a sentence of another set
    (compared without showing the held-out sets' sentences)."""
    errors_file, correct_file = typos.SETS[name]
    errors = typos.load_errors(typos.FIXTURES / errors_file)
    correct = typos.load_correct(typos.FIXTURES / correct_file)
    assert len(errors) >= 80 and len(correct) >= 80 and len(set(correct)) == len(correct)
    assert all(e.end == e.start and len(e.correction) == 1 for e in errors)
    mine = {e.text for e in errors} | set(correct)
    repeated = [other for other, (other_errors, other_correct) in typos.SETS.items() if other != name
                and mine & ({e.text for e in typos.load_errors(typos.FIXTURES / other_errors)}
                            | set(typos.load_correct(typos.FIXTURES / other_correct)))]
    assert not repeated, repeated
    assert name in typos.TUNING_SETS


def test_a_verb_written_alone_is_no_piece_of_a_word():
    """请 before the persons a notice asks (round 24, ``verbs_alone.txt``): not 申请 cut short, on
    sentences written for this test; a dropped character beside them is still found."""
    asks = ["停水期间请住户关闭自家水阀，以免来水时漫溢。", "检修期间请商户提前做好备货安排。",
            "停气期间请居民关闭燃气灶具阀门。", "考试期间请考生保持手机关机。", "开会期间请代表将手机调至静音状态。"]
    assert not [text for text in asks if wg.word_gaps(text)]
    assert wg.word_gaps("开会期间请代表将手机调至静音状态，大力发数字经济。")
    lines = lexicon.entry_lines("verbs_alone.txt")
    assert len(lines) > 100 and all(int(line.split()[1]) >= 400 for line in lines)
    assert "请" in wg.verbs_alone() and not {"接", "进", "扣", "治"} & wg.verbs_alone()


def test_a_head_the_text_writes_inside_a_word_is_no_piece():
    """起重机 cut 塔式起重|机 by the segmenter (round 24, ``_written_whole``): the piece with the
    characters before it already makes a common word of three characters, on sentences written
    for this test; a dropped character in the same sentence is still found."""
    cranes = ["现场塔式起重机安全监控系统未接入监管平台。", "部分工地塔式起重机安全防护措施不到位。",
              "督促施工单位排查塔式起重机安全隐患。"]
    assert not [text for text in cranes if wg.word_gaps(text)]
    assert wg.word_gaps("部分工地塔式起重机安全防护措施不到位，大力发数字经济。")
