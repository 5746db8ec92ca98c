"""TYP024 (round 27, issue 19 item 2): each principle its pass cases in fixtures/rules/TYP024.toml
stand for holds them back — with the principle off, the same sentence is reported. Round 28's three
principles (the meant word makes a word of the place; the written word is not part of a longer
word; an alternative is judged by how often it would have been seen) are tested on small tables
written here, with the principle on and off."""
from __future__ import annotations

import pytest

from gongwen.analysis.real_word_slots import SlotTable, slot_text
from gongwen.rules import real_words


def _reported(text: str) -> list[tuple[str, str]]:
    return [(s.written, s.meant) for s in real_words.real_word_slips(text)]


def _without_the_unit_test(monkeypatch):
    monkeypatch.setattr(real_words, "_fits_as_unit", lambda text, i, meant: True)


def _round_27_principles_only(monkeypatch):
    """The sentences round 27's tests were written with make no dictionary word with the meant
    word (企业贷款, 坚实步伐, 全省人民 are not entries), and 货款, 坚定 are alternatives official writing
    writes in the meant word's slots too: round 28's principles off, each of round 27's holds them."""
    _without_the_unit_test(monkeypatch)
    monkeypatch.setattr(real_words, "_absence_tells", lambda meant, written, left, right: True)


def _sides_judged_in_python(monkeypatch):
    """The compiled screen keeps only places both of whose sides tell (``_side``'s test, in C):
    a test that widens ``_side`` takes the reference's places."""
    monkeypatch.setattr(SlotTable, "places", lambda table, text: table.places_reference(text, slot_text(text)))


def test_one_side_alone_would_report(monkeypatch):
    text = "全面清理拖欠中小企业货款问题。"
    _round_27_principles_only(monkeypatch)
    _sides_judged_in_python(monkeypatch)
    assert _reported(text) == []
    side = real_words._side
    monkeypatch.setattr(real_words, "_side", lambda meant, written, context, left: not left or side(meant, written, context, left))
    assert _reported(text) == [("货款", "贷款")]


def test_a_context_written_once_would_report_if_allowed(monkeypatch):
    text = "在全省上下迈出坚定步伐。"
    _round_27_principles_only(monkeypatch)
    _sides_judged_in_python(monkeypatch)
    assert _reported(text) == []
    monkeypatch.setattr(real_words, "_side", lambda meant, written, context, left: (
        (meant.left(context) if left else meant.right(context)) >= real_words.SLOT
        and (written.left(context) if left else written.right(context)) <= 2))
    assert _reported(text) == [("坚定", "坚实")]


def test_a_level_for_another_would_report(monkeypatch):
    text = "县政府团结带领全县人民，奋力推进各项工作。"
    _round_27_principles_only(monkeypatch)
    assert _reported(text) == []
    monkeypatch.setattr(real_words, "_levels", lambda: frozenset())
    assert _reported(text) == [("全县", "全省")]


@pytest.mark.parametrize(("text", "found"), [
    ("依法维护进城务工人员的合法权宜。", [("权宜", "权益")]),
    ("健全防止返贫长效机智。", [("机智", "机制")]),
    ("乡镇要建好村级党群服务忠心。", [("忠心", "中心")]),
])
def test_both_sides_speaking_for_the_meant_word_report(text, found):
    assert _reported(text) == found


def _table(monkeypatch, *lines: str) -> None:
    """A slot table of the given lines (sorted as the build writes them) in place of the shipped one."""
    body = sorted(lines, key=lambda line: line.split("\t")[0].encode("utf-8"))
    monkeypatch.setattr(real_words, "slots", lambda: SlotTable(("# test\n" + "\n".join(body) + "\n").encode("utf-8")))


MEANT = "=权益\t1000\t<其他:10 <合法:40 >保障:10 >受到:10"


@pytest.mark.parametrize(("own", "reported"), [
    ("", True),  # never in the meant word's contexts: its absence here tells
    ("<其他:2 >受到:2", False),  # in half of them, 4 times in 70: ~0.6 expected on the slot's weaker side
    ("<其他:30 >受到:30", True),  # in half of them, 60 times in 70: ~8.6 expected there, none seen
])
def test_an_alternative_is_reported_only_where_it_would_have_been_seen(monkeypatch, own, reported):
    _table(monkeypatch, MEANT, f"权宜\t50\t权益\t{own}")
    text = "依法维护职工合法权宜保障工作。"
    assert _reported(text) == ([("权宜", "权益")] if reported else [])
    monkeypatch.setattr(real_words, "_absence_tells", lambda meant, written, left, right: True)
    assert _reported(text) == [("权宜", "权益")]


def test_the_meant_word_must_make_a_word_of_the_place(monkeypatch):
    _table(monkeypatch, "=权益\t1000\t<对方:20 <合法:20 >以及:20 >保障:20", "权宜\t50\t权益\t")
    assert _reported("依法维护合法权宜保障工作。") == [("权宜", "权益")]  # 合法权益: a word
    text = "不得损害对方权宜以及他人利益。"  # 对方权益, 权益以及: no words
    assert _reported(text) == []
    _without_the_unit_test(monkeypatch)
    assert _reported(text) == [("权宜", "权益")]


def test_a_written_word_inside_a_longer_word_is_not_judged(monkeypatch):
    _table(monkeypatch, "=使用\t1000\t<个月:20 >期满:20", "试用\t50\t使用\t")
    text = "双方约定三个月试用期满后签订合同。"  # 试用期 is a word; so is 使用期, which the meant word would make
    assert _reported(text) == []
    monkeypatch.setattr(real_words, "_in_longer_word", lambda text, i: False)
    assert _reported(text) == [("试用", "使用")]
