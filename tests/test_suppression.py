"""Suppression comments (Markdown, HTML), unused-suppression (LNT001), and config allow /
per-file-ignores for formats without comments."""
from __future__ import annotations

import io

import pytest

from gongwen import api


def _run(text: str, name: str, config=None, select=None):
    doc = api.read_bytes(text.encode("utf-8"), path=name)
    assert not isinstance(doc, api.InputProblem), doc
    return api.lint_document(doc, api.make_linter(config, select=select))


def _found(diags):
    return [(d.code, d.location.line) for d in diags]


MD = """第次会议召开。

<!-- gongwen-disable TYP005; 引用原件标题，不改 -->

第次会议引用。

第次会议再引用。

<!-- gongwen-enable TYP005 -->

第次会议之后。

<!-- gongwen-disable-next-block TYP; 原文照录 -->
第次会议照录。

第次会议不在范围内。
"""


def test_markdown_disable_enable_and_next_block():
    assert _found(_run(MD, "a.md")) == [("TYP005", 1), ("TYP005", 11), ("TYP005", 16)]


def test_the_same_comments_do_nothing_in_plain_text():
    assert [d.code for d in _run(MD, "a.txt")].count("TYP005") == 6


def test_unused_suppression_is_reported_at_the_comment():
    text = "第一次会议召开。\n\n<!-- gongwen-disable-next-block TYP005; 已改正 -->\n第二次会议召开。\n"
    found = _run(text, "b.md")
    assert [(d.code, d.location.line, d.location.column) for d in found] == [("LNT001", 3, 1)]
    assert "TYP005" in found[0].message and found[0].matched.startswith("<!--")
    # Not reported when the rule it names did not run: it cannot be known to be unused.
    assert _run(text, "b.md", select=["DAT", "LNT"]) == []
    # A misspelt code never worked: reported (and an unclosed disable runs to the end).
    assert _found(_run("<!-- gongwen-disable XYZ999 -->\n\n第次\n", "c.md")) == [("LNT002", 1), ("TYP005", 3)]


def test_html_comments_map_to_source_lines():
    page = """<html><body>
<div id="zoom">
<p>第次会议召开。</p>
<!-- gongwen-disable-next-block ALL; 引文 -->
<p>第次会议
   召开。</p>
<p>第次会议召开。</p>
<!-- gongwen-disable-next-block DAT001 -->
<p>正常的一段。</p>
</div></body></html>
"""
    assert _found(_run(page, "p.html")) == [("TYP005", 3), ("TYP005", 7), ("LNT001", 8)]


def test_comments_inside_markdown_code_are_not_directives():
    text = "```\n<!-- gongwen-disable TYP005 -->\n```\n\n第次会议。\n"
    assert _found(_run(text, "d.md")) == [("TYP005", 5)]


def _docx(paragraphs: list[str]) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_uses_config_allow_and_per_file_ignores():
    data = _docx(["第次会议召开。", "", "会议于2025127召开。"])
    doc = api.read_bytes(data, path="drafts/r.docx")
    assert _found(api.lint_document(doc, api.make_linter())) == [("TYP005", 1), ("DAT001", 3)]
    ignore = {"per-file-ignores": {"drafts/*.docx": ["TYP"]}}
    assert _found(api.lint_document(doc, api.make_linter(ignore))) == [("DAT001", 3)]
    allow = {"allow": [{"rule": "DAT001", "text": "2025127", "reason": "原文件编号"}]}
    assert _found(api.lint_document(doc, api.make_linter(allow))) == [("TYP005", 1)]


def test_markdown_fix_edits_prose_and_leaves_code_and_links(tmp_path):
    from support import run_cli

    source = ("---\ntitle: a,b\n---\n\n全区共办理案件57件,同比增长。\n\n```\n代码,不改\n```\n\n"
              "见[链接,文字](https://x.gov.cn/a,b)与`a,b`。\n")
    (tmp_path / "r.md").write_text(source, encoding="utf-8")
    result = run_cli("check", "--fix", "--select", "PUN001", "r.md", cwd=tmp_path)
    fixed = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert fixed == source.replace("57件,同比", "57件，同比").replace("[链接,文字]", "[链接，文字]"), result


@pytest.mark.parametrize(("written", "shown"), [("DAT01", "DAT01"), ("DTA001", "DTA001"), ("TYP", None),
                                                 ("TYP005", None), ("ALL", None), ("TYP005, PUN9", "PUN9")])
def test_a_code_no_rule_has_is_reported_with_the_code(written, shown):
    """A cut-off code is a typo, not a prefix (DAT01 would otherwise name DAT010 and DAT011):
    it suppresses nothing and LNT002 names it, suggesting the nearest real codes."""
    text = f"<!-- gongwen-disable-next-block {written}; 原文照录 -->\n第次会议于2025127召开。\n"
    found = _run(text, "d.md")
    unknown = [d for d in found if d.code == "LNT002"]
    if shown is None:
        assert unknown == []
        return
    [d] = unknown
    assert (d.location.line, d.location.column) == (1, 1)
    assert f"规则代码 {shown} 不存在" in d.message
    assert "LNT001" not in {x.code for x in found}  # one report per directive, the more useful one


def test_a_cut_off_code_suppresses_nothing_and_suggests_the_real_ones():
    found = _run("<!-- gongwen-disable-next-block DAT01 -->\n会议于2025127召开。\n", "e.md")
    assert {d.code for d in found} == {"LNT002", "DAT001"}
    help_text = next(d.help for d in found if d.code == "LNT002")
    assert "DAT001" in help_text and "DAT010" in help_text


def test_unknown_code_report_follows_selection_and_severity():
    text = "<!-- gongwen-disable DTA001 -->\n正文。\n"
    assert _run(text, "f.md", select=["DAT"]) == []
    [d] = _run(text, "f.md", config={"severity": {"LNT002": "error"}})
    assert d.code == "LNT002" and str(d.severity) == "error"
