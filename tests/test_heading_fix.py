"""FMT012 writes a heading marker only into text that reads as a heading; FMT001 tells a
skip against the heading that really came before; Markdown comments are not paragraphs."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.diagnostic import Applicability
from gongwen.fix import apply_edits
from gongwen.rules.structure import reads_as_heading


@pytest.mark.parametrize("text", [
    "工作概况", "2025年工作安排", "强化党建引领，夯实法治政府领导责任", "完善政府工作机构。",
    "坚持依法、科学、民主决策", "　加强执法监督　",
])
def test_reads_as_a_heading(text):
    assert reads_as_heading(text)


@pytest.mark.parametrize("text", [
    "正文。",                                              # too short to be a heading
    "正文很长的一段话，讲了很多事情，包括执法监督、矛盾化解和法治宣传等多个方面。",  # too long
    "全年办理案件。同比增长5%。",                            # two sentences
    "附：相关说明", "具体安排如下：",                         # colon: an attachment, an introduction
    "节约能源，节约原材料，降低消耗，降低生产成本",             # four clauses: a sentence
    "依法行政，",                                          # cut off at a comma
    "2025 2026",                                          # no Chinese
])
def test_does_not_read_as_a_heading(text):
    assert not reads_as_heading(text)


def _lint(text: str, name: str = "a.txt", select=("FMT",)):
    doc = api.read_bytes(text.encode("utf-8"), path=name)
    return api.lint_document(doc, api.make_linter({}, select=list(select)))


def test_the_fix_never_numbers_a_body_paragraph():
    text = "一、工作概况\n正文很长的一段话，讲了很多事情，包括执法监督、矛盾化解和法治宣传等多个方面。\n三、下一步打算\n加强学习。\n"
    assert "FMT012" not in {d.code for d in _lint(text)}


def test_the_fix_numbers_the_line_that_reads_as_the_lost_heading():
    text = "一、工作概况\n正文很长的一段话，讲了很多事情，包括执法监督、矛盾化解和法治宣传等多个方面。\n加强队伍建设\n队伍建设方面，做了很多工作，成效明显，群众满意度提升。\n三、下一步打算\n加强学习。\n"
    [d] = [d for d in _lint(text) if d.code == "FMT012"]
    assert d.fix.applicability is Applicability.UNSAFE
    fixed = apply_edits(text, list(d.fix.edits))[0]
    assert "\n二、加强队伍建设\n" in fixed


def test_a_skip_past_an_unnumbered_line_names_the_real_predecessor():
    text = "一、工作概况\n正文很长的一段话，讲了很多事情。\n2025年工作安排\n三、下一步打算\n加强学习。\n"
    [d] = [d for d in _lint(text) if d.code == "FMT001"]
    assert d.message == "一级标题序号跳号：“一、”之后是“三、”，缺少“二、”"
    assert [label.message for label in d.labels] == ["上一个同级序号"]


def test_a_numbered_part_still_starts_a_new_sequence():
    text = "第一部分 回顾\n一、工作概况\n二、主要成绩\n第二部分 安排\n三、下一步打算\n"
    assert "FMT001" not in {d.code for d in _lint(text)}  # numbering continues across parts
    text = "第一部分 回顾\n一、工作概况\n第二部分 安排\n三、下一步打算\n"
    [d] = [d for d in _lint(text) if d.code == "FMT001"]
    assert "从“三、”开始" in d.message


@pytest.mark.parametrize("comment", [
    "<!-- 注释 -->", "<!-- 二、暂不公开 -->", "<!--\n二、旧稿\n待定\n-->", "<!-- gongwen-disable PUN001 -->",
])
def test_a_markdown_comment_between_headings_is_not_a_paragraph(comment):
    text = f"## 一、工作概况\n\n正文很长的一段话，讲了很多事情。\n\n{comment}\n\n## 三、下一步打算\n\n正文。\n"
    found = _lint(text, "a.md")
    assert [(d.code, d.message) for d in found] == [
        ("FMT001", "一级标题序号跳号：“一、”之后是“三、”，缺少“二、”")]
