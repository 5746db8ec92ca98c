"""The pieces under --annotate: which characters a paragraph's text has, cutting runs at
positions without changing text or formatting, and the character diff that becomes tracked
changes."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gongwen.annotate import revisions
from gongwen.annotate.runs import cut
from gongwen.formats.docx import paragraph_line, paragraph_pieces

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def para(body: str):
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}">{body}</w:p>')


def apply(old: str, edits) -> str:
    out, cursor = [], 0
    for start, end, text in edits:
        out += [old[cursor:start], text]
        cursor = end
    return "".join(out + [old[cursor:]])


def runs(p) -> list[tuple[str, bytes]]:
    return [("".join(t.text or "" for t in r.iter(W + "t")),
             etree.tostring(r.find(W + "rPr"), method="c14n") if r.find(W + "rPr") is not None else b"")
            for r in p.iter(W + "r")]


# --- the reader's text: run content only, revisions accepted --------------------------------

def test_a_tab_stop_is_not_a_tab():
    p = para('<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>正文</w:t></w:r>')
    assert paragraph_line(p) == "正文"


def test_deleted_runs_are_not_text_tabs_and_breaks_included():
    p = para('<w:r><w:t>甲</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:tab/><w:delText>乙</w:delText>'
             '<w:br/></w:r></w:del><w:moveFrom w:id="2" w:author="a"><w:r><w:t>丙</w:t></w:r></w:moveFrom>'
             '<w:ins w:id="3" w:author="a"><w:r><w:t>丁</w:t><w:tab/></w:r></w:ins>')
    assert paragraph_line(p) == "甲丁\t"


# --- cutting runs ---------------------------------------------------------------------------

def test_cutting_inside_a_run_keeps_text_and_formatting_of_every_part():
    p = para('<w:r w:rsidR="00A1"><w:rPr><w:b/><w:color w:val="C00000"/></w:rPr><w:t>今年,全市</w:t></w:r>'
             '<w:r><w:t>增长</w:t><w:tab/><w:t>5%</w:t></w:r>')
    pieces = cut(p, [2, 3, 7], iter(range(100, 200)))
    assert paragraph_line(p) == "今年,全市增长\t5%"
    assert [text for text, _ in runs(p)] == ["今年", ",", "全市", "增长", "5%"]
    bold = runs(p)[0][1]
    assert b"<w:b>" in bold and all(props == bold for _, props in runs(p)[:3])
    assert all(r.get(W + "rsidR") == "00A1" for r in list(p.iter(W + "r"))[:3])
    assert [r for r in pieces.runs_in(2, 3)] == [list(p.iter(W + "r"))[1]]
    (tail,) = pieces.runs_in(7, 10)  # the tab and "5%" are one run, cut off "增长"
    assert [etree.QName(c).localname for c in tail] == ["tab", "t"]


def test_cutting_at_run_boundaries_and_the_ends_changes_nothing():
    p = para('<w:r><w:t>甲乙</w:t></w:r><w:r><w:t>丙</w:t></w:r>')
    before = etree.tostring(p)
    cut(p, [0, 2, 3], iter(range(100, 200)))
    assert etree.tostring(p) == before


def test_a_cut_next_to_a_space_keeps_the_space():
    p = para('<w:r><w:t xml:space="preserve">一 二</w:t></w:r>')
    cut(p, [1, 2], iter(range(100, 200)))
    assert paragraph_line(p) == "一 二"
    (space,) = [t for t in p.iter(W + "t") if t.text == " "]
    assert space.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_a_deleted_character_leaves_the_picture_beside_it():
    p = para('<w:r><w:t>如下,</w:t><w:drawing/><w:t>详见</w:t></w:r>')
    reviser = revisions.Reviser("gongwen", "2026-01-01T00:00:00Z", iter(range(10, 100)))
    reviser.revise(p, "如下,详见", "如下，详见")
    (deletion,) = p.iter(W + "del")
    assert not list(deletion.iter(W + "drawing")) and len(list(p.iter(W + "drawing"))) == 1
    assert paragraph_line(p) == "如下，详见"


def test_an_insertion_into_an_empty_paragraph():
    p = para('<w:pPr><w:jc w:val="center"/></w:pPr>')
    revisions.Reviser("gongwen", "2026-01-01T00:00:00Z", iter(range(1, 9))).revise(p, "", "新\t段")
    assert paragraph_line(p) == "新\t段"
    assert p[0].tag == W + "pPr" and p[1].tag == W + "ins"


# --- the character diff ---------------------------------------------------------------------

def test_one_edit_per_fix():
    assert revisions.line_edits("今年,全市,增长", "今年，全市，增长") == [(2, 3, "，"), (5, 6, "，")]
    assert revisions.line_edits("2024推进", "2024年推进") == [(4, 4, "年")]
    assert revisions.line_edits("法法治", "法治") in ([(0, 1, "")], [(1, 2, "")])
    assert revisions.line_edits("同", "同") == []


def test_a_long_paragraph_of_many_fixes_stays_many_small_edits():
    old = "全市经济增长,居民收入提高。" * 400
    edits = revisions.line_edits(old, old.replace(",", "，"))
    assert len(edits) == 400 and all(end - start == 1 for start, end, _ in edits)


def test_past_the_edit_limit_the_middle_is_one_replacement(monkeypatch):
    monkeypatch.setattr(revisions, "MAX_EDITS", 3)
    assert revisions.line_edits("a,b,c,d,e", "a，b，c，d，e") == [(1, 8, "，b，c，d，")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab,，的。\t", max_size=40), st.text(alphabet="ab,，的。\t", max_size=40))
def test_edits_turn_old_into_new_in_order_and_apart(old, new):
    edits = revisions.line_edits(old, new)
    assert apply(old, edits) == new
    for (_, end, _), (start, _, _) in zip(edits, edits[1:]):
        assert end < start  # sorted, and an unchanged character between two edits
    assert sum(end - start for start, end, _ in edits) <= len(old)


def test_an_inserted_run_takes_the_formatting_but_not_someones_formatting_revision():
    p = para('<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="张三"><w:rPr/></w:rPrChange></w:rPr>'
             '<w:t>甲,乙</w:t></w:r>')
    revisions.Reviser("gongwen", "2026-01-01T00:00:00Z", iter(range(10, 20))).revise(p, "甲,乙", "甲，乙")
    (inserted,) = p.iter(W + "ins")
    props = inserted.find(f"{W}r/{W}rPr")
    assert props.find(W + "b") is not None and props.find(W + "rPrChange") is None
    kept = [c.get(W + "id") for c in p.iter(W + "rPrChange")]  # the original run's three parts keep theirs
    assert len(kept) == 3 and len(set(kept)) == 3 and "5" in kept


class _Counted(str):
    """A string that counts how often the diff reads a character of it."""

    reads = 0

    def __getitem__(self, index):
        _Counted.reads += 1
        return str.__getitem__(self, index)


def test_the_diff_reads_each_character_a_bounded_number_of_times():
    n = 20_000
    old, new = _Counted("a" * n + "b" * n), _Counted("b" * n + "a" * n)  # no shared prefix or suffix
    _Counted.reads = 0
    assert revisions._shortest_path(old, new, revisions.MAX_EDITS) is None  # gave up: one replacement
    # Each (d, k) step compares once where its snake stops, each snake step twice.
    bound = 2 * (revisions.MAX_EDITS + 1) ** 2 + 2 * revisions.WORK_PER_CHAR * 4 * n
    assert _Counted.reads <= bound


def test_past_its_work_budget_the_diff_gives_up(monkeypatch):
    old, new = ("a" * 50 + "b") * 40, ("a" * 50 + "c") * 40  # 80 edits along long equal stretches
    assert revisions._shortest_path(old, new, revisions.MAX_EDITS) is not None
    monkeypatch.setattr(revisions, "WORK_PER_CHAR", 0)
    assert revisions._shortest_path(old, new, revisions.MAX_EDITS) is None
