"""--annotate on a built draft holding every kind of Word content: comments on exactly the
findings, fixes as tracked changes that accept to the --fix text and reject to the original,
and everything else kept."""
from __future__ import annotations

import io
import re
from datetime import datetime, timezone

import docx as python_docx
import pytest
import word_review as wr
from lxml import etree
from word_docs import build_report

from gongwen import api
from gongwen.annotate import annotate
from gongwen.annotate.comments import GROUP_FROM
from gongwen.fix import fix_document
from gongwen.formats import LIMITS, docx

WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def draft():
    data = build_report()
    doc = docx.read(data, "draft.docx", LIMITS)
    linter = api.make_linter()
    return data, doc, linter, linter.lint(doc)


@pytest.fixture(scope="module")
def commented(draft):
    data, doc, linter, found = draft
    return annotate(data, doc, found, linter, when=WHEN)


@pytest.fixture(scope="module", params=[False, True], ids=["safe", "unsafe"])
def tracked(request, draft):
    data, doc, linter, found = draft
    return request.param, annotate(data, doc, found, linter, fix=True, unsafe=request.param, when=WHEN)


def _count(comment_text: str) -> int:
    grouped = re.search(r"本段共 (\d+) 处", comment_text)
    return int(grouped.group(1)) if grouped else 1


def test_the_draft_has_what_the_tests_need(draft):
    data, doc, _, found = draft
    names = wr.parts(data)
    assert {"word/footnotes.xml", "word/header1.xml", "word/footer1.xml", "word/comments.xml",
            "word/numbering.xml"} <= set(names)
    assert any(n.startswith("word/media/") for n in names)
    assert {d.code for d in found} >= {"PUN001", "TYP005"}
    assert any(d.fix for d in found) and any(not d.fix for d in found)


def test_every_finding_is_one_comment_or_counted_in_one(draft, commented):
    _, _, _, found = draft
    ours = {cid: c for cid, c in wr.comments(commented.data).items() if c["author"] == "gongwen"}
    assert sum(_count(c["text"]) for c in ours.values()) == len(found)
    assert commented.comments == len(ours)


def test_a_comment_covers_exactly_the_finding(draft, commented):
    _, doc, _, found = draft
    expected = wr.expected_body_comments(doc.text, found, wr.body_lines(doc))
    assert wr.body_comments(commented.data) == expected


def test_comment_text_is_code_message_then_help(draft, commented):
    _, _, _, found = draft
    typ = next(d for d in found if d.code == "TYP005" and d.location.line < 16)
    texts = [c["text"] for c in wr.comments(commented.data).values()]
    assert f"{typ.code} {typ.message}\n{typ.help}" in texts
    authors = {c["author"] for c in wr.comments(commented.data).values()}
    assert authors == {"gongwen", "李四"}
    assert {c["date"] for c in wr.comments(commented.data).values() if c["author"] == "gongwen"} == {
        "2026-03-01T09:30:00Z"}


def test_many_findings_of_one_code_in_a_paragraph_make_one_comment(commented):
    grouped = [c["text"] for c in wr.comments(commented.data).values() if "本段共" in c["text"]]
    assert len(grouped) == 1
    assert grouped[0].startswith("PUN001 ") and _count(grouped[0]) == 5 >= GROUP_FROM
    assert grouped[0].count("「,」") == 5


def test_header_and_footer_findings_are_noted_at_the_start_of_the_body(commented):
    texts = [c["text"] for c in wr.comments(commented.data).values()]
    assert any(t.startswith("位于页眉 header1.xml 第 1 段：PUN001") for t in texts)
    assert any(t.startswith("位于页脚 footer1.xml 第 1 段：TYP005") for t in texts)
    for name in ("word/header1.xml", "word/footer1.xml"):
        assert b"commentRangeStart" not in wr.parts(commented.data)[name]


def test_a_footnote_finding_is_commented_in_the_footnote(commented):
    notes = wr.covered(commented.data, "word/footnotes.xml")
    assert list(notes.values()) == [","]


def test_marks_agree_and_ids_are_fresh(draft, commented, tracked):
    data = draft[0]
    before = {el.get(wr.W + "id") for name, content in wr.parts(data).items() if name.endswith(".xml")
              for el in etree.fromstring(content).iter() if el.get(wr.W + "id") is not None}
    for result in (commented, tracked[1]):
        wr.check_structure(result.data)
        ours = wr.our_comment_ids(result.data)
        assert ours and not ours & before
        revisions = {el.get(wr.W + "id") for el in etree.fromstring(wr.parts(result.data)["word/document.xml"]).iter(
            wr.W + "ins", wr.W + "del") if el.get(wr.W + "author") == "gongwen"}
        assert not revisions & before and not revisions & ours


def test_accept_all_gives_the_fix_text_and_reject_all_the_original(draft, tracked):
    data, doc, linter, found = draft
    unsafe, result = tracked
    expected = fix_document(doc, linter, unsafe, diagnostics=found).text
    assert expected != doc.text
    assert docx.read(wr.review(result.data, wr.accept), "x.docx", LIMITS).text == expected
    assert docx.read(wr.review(result.data, wr.reject), "x.docx", LIMITS).text == doc.text
    assert result.revisions > 0
    left = wr.expected_body_comments(result.document.text, result.findings, wr.body_lines(doc))
    assert wr.body_comments(result.data) == left


def test_fixes_in_tables_headers_footers_and_footnotes_are_tracked(tracked):
    _, result = tracked
    found = wr.parts(result.data)
    for name in ("word/document.xml", "word/header1.xml", "word/footnotes.xml"):
        root = etree.fromstring(found[name])
        assert wr._by(root, "ins", "gongwen") and wr._by(root, "del", "gongwen"), name
    body = etree.fromstring(found["word/document.xml"])
    cell_revisions = [el for el in body.iter(wr.W + "tc") if wr._by(el, "ins", "gongwen")]
    assert cell_revisions


def test_others_revisions_stay_theirs(tracked):
    _, result = tracked
    body = etree.fromstring(wr.parts(result.data)["word/document.xml"])
    wr.accept(body)  # gongwen's only
    inserted = wr._by(body, "ins", "张三")
    (deleted,) = wr._by(body, "del", "张三")
    assert inserted[0].get(wr.W + "id") == "901" and deleted.get(wr.W + "id") == "902"
    assert "".join(t.text for el in inserted for t in el.iter(wr.W + "t")) == "新增内容继续推进"
    assert "".join(t.text for t in deleted.iter(wr.W + "delText")) == "删去的话,"


def test_a_fix_inside_someone_elses_insertion_splits_it_as_word_does(tracked):
    _, result = tracked
    body = etree.fromstring(wr.parts(result.data)["word/document.xml"])
    theirs = wr._by(body, "ins", "张三")
    assert len(theirs) == 2 and theirs[0].getnext() is not None
    between = theirs[0].getnext()
    assert between.tag == wr.W + "ins" and between.get(wr.W + "author") == "gongwen"
    assert between.getnext() is theirs[1]
    # Their text deleted by gongwen stays inside their insertion, as Word writes it.
    assert wr._by(theirs[0], "del", "gongwen")
    assert not any(wr._by(el, "ins", "gongwen") for el in theirs)


def test_rejecting_leaves_every_character_with_its_formatting(draft, tracked):
    data, _, _, _ = draft
    _, result = tracked
    ids = wr.our_comment_ids(result.data)
    for name in ("word/document.xml", "word/header1.xml", "word/footnotes.xml"):
        original = etree.fromstring(wr.parts(data)[name])
        after = etree.fromstring(wr.parts(result.data)[name])
        wr.ours(after, comment_ids=ids)
        assert wr.char_formats(after) == wr.char_formats(original), name
        assert wr.skeleton(after) == wr.skeleton(original), name


def test_an_inserted_character_takes_the_formatting_of_the_one_it_replaces(tracked):
    _, result = tracked
    body = etree.fromstring(wr.parts(result.data)["word/document.xml"])
    wr.accept(body)
    second = wr.char_formats(body)[1]
    assert second[2][0] == "，"
    assert b"<w:i" in second[2][1] and b'w:val="C00000"' in second[2][1]  # the italic red run


def test_the_picture_beside_a_fixed_comma_is_not_deleted(tracked):
    _, result = tracked
    body = etree.fromstring(wr.parts(result.data)["word/document.xml"])
    for deletion in wr._by(body, "del", "gongwen"):
        assert not list(deletion.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing"))
    wr.accept(body)
    assert len(list(body.iter(wr.W + "drawing"))) == 1


def test_comments_in_comment_only_mode_change_no_text(draft, commented):
    data, doc, _, _ = draft
    assert docx.read(commented.data, "x.docx", LIMITS).text == doc.text
    assert commented.revisions == 0


def test_untouched_parts_are_byte_for_byte_the_same(draft, commented, tracked):
    data = draft[0]
    before = wr.parts(data)
    for result, edited in ((commented, {"word/document.xml", "word/footnotes.xml", "word/comments.xml"}),
                           (tracked[1], {"word/document.xml", "word/footnotes.xml", "word/comments.xml",
                                         "word/header1.xml"})):
        after = wr.parts(result.data)
        assert list(after) == list(before)  # same members, same order (comments.xml existed)
        changed = {name for name in before if before[name] != after[name]}
        assert changed == edited
        for name in ("word/styles.xml", "word/numbering.xml", "word/settings.xml", "[Content_Types].xml"):
            assert after[name] == before[name]


def test_a_draft_without_comments_gets_the_part_its_relationship_and_content_type():
    d = python_docx.Document()
    d.add_paragraph("今年,经济增长。")
    buffer = io.BytesIO()
    d.save(buffer)
    data = buffer.getvalue()
    doc = docx.read(data, "plain.docx", LIMITS)
    linter = api.make_linter()
    result = annotate(data, doc, linter.lint(doc), linter, when=WHEN)
    after = wr.parts(result.data)
    assert "word/comments.xml" not in wr.parts(data) and "word/comments.xml" in after
    assert b"/word/comments.xml" in after["[Content_Types].xml"]
    assert b"relationships/comments" in after["word/_rels/document.xml.rels"]
    reopened = python_docx.Document(io.BytesIO(result.data))
    assert [c.author for c in reopened.comments] == ["gongwen"]


def test_python_docx_reopens_the_result(draft, tracked):
    _, doc, _, _ = draft
    reopened = python_docx.Document(io.BytesIO(tracked[1].data))
    assert len(reopened.tables) == 1 and len(reopened.inline_shapes) == 1
    assert len(reopened.sections) == 1
    original = python_docx.Document(io.BytesIO(draft[0]))
    assert reopened.sections[0].left_margin == original.sections[0].left_margin
    assert {c.author for c in reopened.comments} <= {"gongwen", "李四"}


def test_a_paragraph_the_reader_did_not_see_is_refused(draft):
    data, doc, linter, found = draft
    from gongwen.annotate import PackageError
    from gongwen.document import Document

    other = Document(path="x.docx", text=doc.text.replace("今年", "去年"), format="docx")
    with pytest.raises(PackageError):
        annotate(data, other, found, linter)


def test_a_finding_across_paragraphs_is_one_comment_from_its_start_to_its_end():
    from gongwen.diagnostic import Diagnostic, Severity
    from gongwen.document import Location

    d = python_docx.Document()
    d.add_paragraph("第一段的结尾")
    d.add_paragraph("第二段开头")
    buffer = io.BytesIO()
    d.save(buffer)
    data = buffer.getvalue()
    doc = docx.read(data, "two.docx", LIMITS)
    start, end = doc.text.index("结尾"), doc.text.index("开头")
    finding = Diagnostic("FMT004", "demo", Severity.WARNING, "跨段", "two.docx", start, end,
                         Location(1, start + 1), Location(2, end - doc.text.index("\n")))
    result = annotate(data, doc, [finding], when=WHEN)
    wr.check_structure(result.data)
    assert list(wr.covered(result.data).values()) == ["结尾\n第二段"]
