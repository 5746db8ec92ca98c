"""Tables as grids: merged cells laid out as the formats define them, every cell's span exact
in the document's text, and each cell's row and column headers."""
from __future__ import annotations

import io

import docx

from gongwen.document import Document
from gongwen.formats import LIMITS
from gongwen.formats import docx as docx_reader
from gongwen.formats import html
from gongwen.analysis.tables import document_tables, text_tables


def _headers(table, cell):
    return [h.text for h in table.row_headers(cell)], [h.text for h in table.column_headers(cell)]


def _by_text(table, text):
    return [c for c in table.cells if c.text == text]


def test_html_rowspan_and_colspan_resolve_each_cells_headers():
    page = ("<html><body><div class='article'><p>全市各区情况统计如下表所示，请各单位核对。</p><table>"
            "<tr><th rowspan='2'>区</th><th colspan='2'>企业数</th></tr>"
            "<tr><th>新增</th><th>合计</th></tr>"
            "<tr><td>东城</td><td>12</td><td>40</td></tr>"
            "<tr><td>西城<td>8<td>31</tr></table></div></body></html>")
    doc = html.read(page, "t.html")
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (4, 3)
    assert table.at(1, 0).text == "区"  # the rowspan covers the second header row
    for cell in table.cells:  # every span is an exact slice of the text
        assert doc.text[cell.start:cell.end] == cell.text
    (cell,) = _by_text(table, "31")
    assert (cell.row, cell.col) == (3, 2)
    assert _headers(table, cell) == (["西城"], ["企业数", "合计"])


def test_html_table_outside_the_text_is_not_a_table():
    page = ("<html><body><nav><table><tr><td>首页</td><td>12</td></tr></table></nav>"
            "<div class='article'><p>正文没有表格，只有一段文字说明有关情况。</p></div></body></html>")
    assert html.read(page, "t.html").tables == ()


def _docx_with_merged_cells() -> bytes:
    d = docx.Document()
    d.add_paragraph("表前说明")
    t = d.add_table(rows=3, cols=3)
    top = t.cell(0, 0).merge(t.cell(1, 0))  # vMerge
    top.text = "类别"
    head = t.cell(0, 1).merge(t.cell(0, 2))  # gridSpan
    head.text = "件数"
    t.cell(1, 1).text, t.cell(1, 2).text = "办结", "总计"
    t.cell(2, 0).text, t.cell(2, 1).text = "申请", "7"
    t.cell(2, 2).paragraphs[0].text = "9"
    t.cell(2, 2).add_paragraph("（含补正）")
    d.add_paragraph("表后说明")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_grid_span_and_vertical_merge():
    doc = docx_reader.read(_docx_with_merged_cells(), "t.docx", LIMITS)
    (table,) = doc.tables
    (kind,) = _by_text(table, "类别")
    assert (kind.rowspan, kind.colspan) == (2, 1)
    (count,) = _by_text(table, "件数")
    assert (count.colspan, count.col) == (2, 1)
    (seven,) = _by_text(table, "7")
    assert _headers(table, seven) == (["申请"], ["件数", "办结"])
    # a cell of two paragraphs spans both lines
    (nine,) = [c for c in table.cells if c.text.startswith("9")]
    assert nine.text == "9\n（含补正）" and doc.text[nine.start:nine.end] == nine.text


def test_docx_location_note_names_table_row_and_column():
    doc = docx_reader.read(_docx_with_merged_cells(), "t.docx", LIMITS)
    (seven,) = _by_text(doc.tables[0], "7")
    assert doc.region_note(seven.start) == "位于表 1 第 3 行第 2 列第 1 段"
    assert doc.region_note(doc.text.index("表后说明")) is None


def test_markdown_pipes_with_delimiter_row_and_a_flattened_row_header():
    text = "说明\n| 地区 | 项目 | 数量 |\n|---|---|---:|\n| 东部 | 甲 | 1 |\n| | 乙 | 2 |\n结尾\n"
    (table,) = text_tables(text)
    assert table.header_rows == 1
    (two,) = _by_text(table, "2")
    assert _headers(table, two) == (["东部", "乙"], ["数量"])
    (east,) = _by_text(table, "东部")
    assert east.rowspan == 2


def test_tab_separated_header_rows_continue_to_the_right():
    text = "行政复议\t\t行政诉讼\n维持\t总计\t维持\t总计\n1\t2\t3\t4\n"
    (table,) = text_tables(text)
    (four,) = _by_text(table, "4")
    assert _headers(table, four) == ([], ["行政诉讼", "总计"])
    assert table.at(0, 3).text == "行政诉讼"


def test_one_line_with_pipes_is_no_table_and_prose_has_none():
    assert text_tables("一|二|三\n正文一段。\n") == []
    assert document_tables(Document(path="a.txt", text="正文一段。\n第二段。\n")) == ()


def test_positions_are_exact_with_crlf_lines():
    text = "a\r\n| 甲 | 1 |\r\n| 乙 | 2 |\r\n"
    (table,) = text_tables(text)
    assert [text[c.start:c.end] for c in table.cells] == ["甲", "1", "乙", "2"]


def _codes(text: str, code: str):
    from gongwen import api

    return [(d.code, d.location.line) for d in api.make_linter({}, select=[code]).lint(Document(path="a.txt", text=text))]


def test_a_cells_ordinal_is_no_heading_but_the_headings_around_it_still_are():
    table = ("三、收到和处理申请情况\n"
             "一、本年新收\t3\t4\t7\n二、上年结转\t1\t0\t1\n四、结转下年度\t0\t1\t1\n"
             "四、复议诉讼情况\n六、其他事项\n")
    # the row labels 一、二、四、 are rows; the text's own 四、 after 三、 is right, 六、 skips 五、
    assert _codes(table, "FMT001") == [("FMT001", 6)]


def test_tabs_between_a_tables_cells_are_no_stray_space_but_in_prose_they_are():
    rows = "说明：各项合计，单位为件\t上半年\t下半年\n受理，含转办\t3\t4\n"
    assert _codes(rows, "PUN017") == []
    assert _codes("全面推进法治\t政府建设，取得新成效。\n", "PUN017") == [("PUN017", 1)]


def test_an_article_laid_out_in_a_table_keeps_its_headings():
    from gongwen import api

    body = "".join(f"<p>{h}</p><p>{'各项工作稳步推进，取得明显成效。' * 8}</p>" for h in
                   ("一、总体情况", "二、主要做法", "四、下一步打算"))
    page = f"<html><body><table><tr><td class='article'>{body}</td></tr></table></body></html>"
    doc = html.read(page, "t.html")
    assert doc.tables and doc.tables[0].is_layout
    found = api.make_linter({}, select=["FMT001"]).lint(doc)
    assert [doc.text[d.start:d.end] for d in found] == ["四、"]
