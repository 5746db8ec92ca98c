"""The disclosure report's template in every format: the fixtures built by
fixtures/disclosure/build.py (txt with tab-separated tables, HTML, DOCX) draw nothing when
correct and exactly the expected finding, on the expected cell, when one figure or one table
is wrong; and texts that only mention 政府信息公开 are not taken for a report."""
from __future__ import annotations

import tomllib

import pytest
from support import FIXTURES

from gongwen import api
from gongwen.document import Document
from gongwen.formats import read_binary_format, read_text_format

DISCLOSURE = FIXTURES / "disclosure"
EXPECTED = tomllib.loads((DISCLOSURE / "expected.toml").read_text(encoding="utf-8"))
CODES = ["CON007", "CON008", "CON009", "CON010", "CON011"]


def _read(path):
    if path.suffix == ".docx":
        return read_binary_format("docx", path.read_bytes(), path.name, {})
    fmt = "html" if path.suffix == ".html" else "text"
    return read_text_format(fmt, path.read_text(encoding="utf-8"), path.name, {})


def _lint(doc):
    return doc, api.make_linter({}, select=CODES).lint(doc)


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx"])
@pytest.mark.parametrize("variant", sorted(EXPECTED))
def test_variant_draws_what_it_must(variant, suffix):
    case = EXPECTED[variant]
    doc, found = _lint(_read(DISCLOSURE / (case["file"] + suffix)))
    if not case["code"]:
        assert found == [], [(d.code, d.message) for d in found]
        return
    assert {d.code for d in found} == {case["code"]}, [(d.code, d.message) for d in found]
    assert any(doc.text[d.start:d.end] == case["at"] for d in found), \
        [(doc.text[d.start:d.end], d.message) for d in found]


def test_docx_finding_names_table_row_and_column():
    doc, found = _lint(_read(DISCLOSURE / "review-total.docx"))
    (d,) = found
    assert d.notes == ("位于表 3 第 4 行第 10 列第 1 段",)
    assert "未经复议直接起诉/总计" in d.message


def _only(text: str):
    return api.make_linter({}, select=["CON011"]).lint(Document(path="t.txt", text=text))


def test_a_notice_on_compiling_the_reports_is_no_report():
    notice = ("关于做好2025年政府信息公开工作年度报告编制发布工作的通知\n"
              "各乡镇人民政府，县政府各部门：\n"
              "一、明确报告内容\n年度报告应包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
              "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\n"
              "二、严格审核把关\n各单位要对报告数据逐项核对。\n")
    assert _only(notice) == []


def test_a_work_summary_with_like_headings_is_no_report():
    summary = ("县政务公开办2025年政务公开工作总结\n一、总体情况\n全年主动公开政府信息3000余条。\n"
               "二、主动公开政府信息情况\n重点领域信息公开扎实推进。\n三、存在的主要问题\n解读形式单一。\n")
    assert _only(summary) == []


def test_a_report_without_table_four_is_told_so_at_its_heading():
    text = (DISCLOSURE / "report.txt").read_text(encoding="utf-8")
    start = text.index("四、政府信息公开行政复议")
    end = text.index("五、存在的主要问题")
    (d,) = _only(text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生相关案件。\n" + text[end:])
    assert "行政复议、行政诉讼情况表" in d.message and d.location.line == text[:start].count("\n") + 1


def test_a_table_missing_a_required_row_lists_it():
    text = (DISCLOSURE / "report.txt").read_text(encoding="utf-8")
    line = next(ln for ln in text.split("\n") if ln.startswith("行政强制"))
    (d,) = _only(text.replace(line + "\n", ""))
    assert d.message.endswith("行政强制")
