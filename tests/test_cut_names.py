"""TYP021 (rules/cut_names.py): an institution's name less the last character of its type word
(管理委员审议, 及其常委的). What follows decides, by the principle its data was counted with;
a member's title before a mark is no cut; the tuning batch's cut names are found and no correct
twin is flagged."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document
from gongwen.rules.cut_names import cut_names, name_cut_at
from gongwen.rules.protected import common_word_across


def _found(text: str) -> list[str]:
    linter = api.make_linter({}, select=["TYP021"], preview=True)
    return [text[d.start:d.end] for d in linter.lint(Document(path="t.txt", text=text)) if d.code == "TYP021"]


def test_what_follows_decides_whether_a_name_was_cut():
    context = "人民检察"
    assert context in cut_names()
    for after in ("", "。", "，", "、", "”", "\n依法", "的监督", "依法提起公诉"):
        assert name_cut_at(context + after, len(context), context), after
    # the character left out (here or on the next line), a common word going on (检察长), or
    # a character that is no Han character nor function word (a digit, a bracket)
    for after in ("院", "\n院", "  \r\n院", "长依法", "2024", "（"):
        assert not name_cut_at(context + after, len(context), context), after


def test_a_member_title_is_a_cut_only_before_a_function_character_or_a_verb():
    context = "人大常委"
    assert context in cut_names()
    for after in ("，", "、", "", "\n", "王芳出席"):
        assert not name_cut_at(context + after, len(context), context), after
    for after in ("的监督", "审议通过"):
        assert name_cut_at(context + after, len(context), context), after


def test_a_continuation_seen_in_official_writing_is_no_cut():
    """The characters official writing was seen to write after a context (人民法庭, 人民医疗)
    are read from the data, not judged again."""
    word, seen = cut_names()["人民法"]
    assert word == "人民法院" and "庭" in seen
    assert not name_cut_at("县人民法庭审理", 4, "人民法")
    assert name_cut_at("县人民法审理", 4, "人民法")


def test_only_a_common_word_runs_across():
    assert common_word_across("管理委员", "长主持")  # 委员长
    assert not common_word_across("女联合", "在春节")  # 合在: a rare pair of the dictionary


@pytest.mark.parametrize("text, written", [
    ("经市住房公积金管理委员审议通过。", "管理委员"),
    ("在县人大及其常委的监督下依法履职。", "及其常委"),
    ("县残疾人联合为120名残疾人适配辅具。", "疾人联合"),
    ("县妇女联合2024年工作要点", None),  # a digit after the cut: not read
    ("县妇女联合在春节前走访慰问。", "妇女联合"),
])
def test_reports(text, written):
    assert _found(text) == ([written] if written else [])


def test_each_place_is_reported_once():
    """Each place once, whichever listed contexts end there."""
    text = "最高人民检察，最高人民法。"
    assert len(_found(text)) == 2


def test_the_tuning_batch_of_names_cut_at_their_end():
    """fixtures/typos/cut17_*.toml (round 17, written before TYP021): 24 of the 42 cut
    names are found at the marked place; no correct twin is flagged by TYP021 (市委常委、,
    省人大常委，, 政协委员, 管委会)."""
    from support import ROOT, load_script

    typos = load_script(ROOT / "benchmarks" / "quality" / "typos.py", "typos_benchmark_cut_17")
    result = typos.evaluate(sentences="cut-17", extend_select=["TYP021"], preview=True)
    assert result["by_code"].get("TYP021", 0) >= 24
    assert not [text for text, codes in result["flagged"] if "TYP021" in codes]
