"""TYP018 (rules/cut_formulations.py): a formulation cut short of its last character where what
is left ends in a word. It speaks exactly where TRM007 stays silent (never both on one cut),
reads what follows by the principle its data was counted with, and finds the tuning batch's
cut formulations without flagging its correct twins."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document
from gongwen.rules.cut_formulations import cut_formulations, follows_cut


def _codes(text: str) -> list[str]:
    linter = api.make_linter({}, extend_select=["TYP018"], preview=True)
    return [d.code for d in linter.lint(Document(path="t.txt", text=text)) if d.code in ("TRM007", "TYP018")]


@pytest.mark.parametrize("stop", ["，", "。", "”", "\n"])
def test_every_listed_cut_is_reported_once_by_trm007_or_typ018(stop):
    """Each listed formulation cut before a stop is reported by one of the two rules: TRM007 at
    error where what is left ends in no word, TYP018 at info where it does; never by both."""
    for kept, phrase in cut_formulations().items():
        text = f"我们要推进{kept}{stop}各项工作有序开展。"
        codes = _codes(text)
        assert len(codes) == 1, (phrase, codes)


def test_what_follows_decides_whether_a_word_was_cut():
    phrase = "中国式现代化"
    kept = phrase[:-1]
    for after in ("", "。", "，", "、", "”", "）", "\n加快", "的内涵", "和高质量发展"):
        assert follows_cut(kept + after, len(kept), phrase), after
    # the character left out on the next line (a wrapped word), another character going on,
    # or a function character making a word with what is left (代为)
    for after in ("\n化", "  \r\n化", "道路", "为民服务", "化"):
        assert not follows_cut(kept + after, len(kept), phrase), after


def test_the_for_of_a_frame_belongs_to_the_frame():
    """以…为 (以推进中国式现代为统领): the 为 is the frame's verb, not 代为; without 以 before the
    cut (to within three characters) 代为 may read on."""
    phrase = "中国式现代化"
    for text in ("以中国式现代为引领", "以推进中国式现代为统领"):
        assert follows_cut(text, text.index("为"), phrase), text
    for text in ("将中国式现代为民服务", "以往推进工作的中国式现代为"):
        assert not follows_cut(text, text.rindex("为"), phrase), text


def test_a_committee_less_its_last_character_is_no_cut():
    """全国人大常委 names a member of the committee: not listed, so not reported."""
    assert "全国人大常委" not in cut_formulations()
    assert _codes("他当选为全国人大常委，分管教育工作。") == []


def test_the_tuning_batch_of_missing_characters():
    """fixtures/typos/gaps16_*.toml (round 16, written before TYP018): the cut formulations
    whose rest ends in a word are found at the marked place; no correct twin is flagged by
    TYP018 (全国人大常委, 社会主义核心价值体系). Since round 26 a cut whose next character official
    writing never writes after what is left is TRM007's, at error: the two are counted together."""
    from support import ROOT, load_script

    typos = load_script(ROOT / "benchmarks" / "quality" / "typos.py", "typos_benchmark_missing_16")
    result = typos.evaluate(sentences="missing-16", extend_select=["TYP018"], preview=True)
    assert result["by_code"].get("TYP018", 0) + result["by_code"].get("TRM007", 0) >= 10
    assert not [text for text, codes in result["flagged"] if "TYP018" in codes]
