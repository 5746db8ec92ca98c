"""The seed in every format yields the .txt's findings, at positions that point at the same
characters in each format's own source (fixtures made by fixtures/reports/make_variants.py)."""
from __future__ import annotations

import html
import re

import pytest

from gongwen import api
from gongwen.document import LineIndex
from gongwen.formats.html_content import SelectorError
from gongwen.sources import InputOptions, read_document
from support import FIXTURES, SEED

REPORTS = FIXTURES / "reports"


def _lint(path, **opts):
    doc = read_document(path, opts=InputOptions(**opts))
    assert not isinstance(doc, api.InputProblem), doc
    return doc, api.lint_document(doc, api.make_linter())


def _pairs(found):
    return [(d.code, d.matched) for d in found]


@pytest.fixture(scope="module")
def seed_findings():
    _, found = _lint(SEED)
    assert len(found) > 100  # the seed is full of findings; an empty list proves nothing
    return found


def _without_breadcrumb(found):
    """The .txt's findings minus the one on its first line, the page's breadcrumb scraped
    with the text: the HTML reader drops it as page chrome, and a PDF never has one."""
    crumb = [d for d in found if d.location.line == 1]
    assert [d.code for d in crumb] == ["WEB004"]
    return [d for d in found if d.location.line != 1]


def _without_page_furniture(found):
    """The .txt's findings minus those on its lines of page furniture (the breadcrumb and
    the 相关文章 trailer): in a page, the HTML reader leaves such lines out."""
    furniture = {d.location.line for d in found if d.code == "WEB004"}
    assert len(furniture) == 2
    return [d for d in found if d.location.line not in furniture]


def _source_slice(source: str, d) -> str:
    index = LineIndex(source)
    return source[index.offset(d.location):index.offset(d.end_location)]


@pytest.mark.parametrize("name", ["yanfeng-2024.gb18030.txt", "yanfeng-2024.utf16.txt"])
def test_encoded_variants_match_the_txt_exactly(name, seed_findings):
    doc, found = _lint(REPORTS / name)
    assert doc.encoding in ("gb18030", "utf-16")
    assert [(d.code, d.matched, d.location, d.end_location) for d in found] == [
        (d.code, d.matched, d.location, d.end_location) for d in seed_findings]


def test_markdown_same_findings_at_source_positions(seed_findings):
    doc, found = _lint(REPORTS / "yanfeng-2024.md")
    assert _pairs(found) == _pairs(seed_findings)  # front matter, code, links, comments: silent
    source = (REPORTS / "yanfeng-2024.md").read_text(encoding="utf-8")
    for d in found:
        assert _source_slice(source, d) == d.matched


def test_html_same_findings_at_source_positions(seed_findings):
    doc, found = _lint(REPORTS / "yanfeng-2024.html")
    # nav, breadcrumb, script, footer, the 相关文章 line: silent
    assert _pairs(found) == _pairs(_without_page_furniture(seed_findings))
    source = (REPORTS / "yanfeng-2024.html").read_text(encoding="utf-8")
    entity_hits = 0
    for d in found:
        raw = _source_slice(source, d)
        entity_hits += "&" in raw
        # Entity-decoded, with source wrapping (a line break between Han characters) removed.
        assert re.sub(r"\s*\n\s*", "", html.unescape(raw)) == d.matched, (d, raw)
    assert entity_hits, "the fixture should put findings on entities (&ldquo; &#8221;)"


def test_html_content_selector_limits_the_region():
    path = REPORTS / "yanfeng-2024.html"
    title = read_document(path, opts=InputOptions(content_selector="h1.title"))
    assert title.text == "衡阳市雁峰区2024年度法治政府建设情况报告\n"
    _, everything = _lint(path)
    _, body = _lint(path, content_selector="div#zoom.content")
    assert _pairs(body) == _pairs(everything)  # the title has no findings
    with pytest.raises(SelectorError, match="article.none.*yanfeng-2024.html"):
        read_document(path, opts=InputOptions(content_selector="article.none"))
    with pytest.raises(SelectorError, match="无效"):
        read_document(path, opts=InputOptions(content_selector="div[["))


def test_docx_line_is_the_paragraph_number(seed_findings):
    docx = pytest.importorskip("docx")
    doc, found = _lint(REPORTS / "yanfeng-2024.docx")
    assert _pairs(found) == _pairs(seed_findings)  # header and PAGE field: silent
    paragraphs = [p.text for p in docx.Document(str(REPORTS / "yanfeng-2024.docx")).paragraphs]
    for d in found:
        para = paragraphs[d.location.line - 1]
        assert para[d.location.column - 1:d.end_location.column - 1] == d.matched
    # Same paragraphs as the .txt's lines, so even line/column agree.
    assert [d.location for d in found] == [d.location for d in seed_findings]


def test_pdf_findings_point_into_the_text_layer(seed_findings):
    pypdf = pytest.importorskip("pypdf")
    doc, found = _lint(REPORTS / "yanfeng-2024.pdf")
    # running heads, page numbers, wraps: silent
    assert _pairs(found) == _pairs(_without_breadcrumb(seed_findings))
    reader = pypdf.PdfReader(str(REPORTS / "yanfeng-2024.pdf"))
    layer = "\n".join(page.extract_text() for page in reader.pages)
    for d in found:
        assert _source_slice(layer, d).replace("\n", "") == d.matched
        assert any(re.fullmatch(r"位于第 [0-9]+ 页第 [0-9]+ 行", n) for n in d.notes), d.notes
    pages = {n for d in found for n in d.notes}
    assert len({n.split("页")[0] for n in pages}) >= 2  # findings on more than one page


def _pdf(paragraphs: list[str], head: str | None = "某某市人民政府文件") -> bytes:
    pytest.importorskip("reportlab")
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("b", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK")

    def furniture(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        if head:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, head)
        canvas.drawCentredString(A4[0] / 2, 30, f"第 {doc.page} 页")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(
        [Paragraph(p, style) for p in paragraphs], onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


def test_pdf_rejoins_wrapped_sentences_and_drops_page_furniture():
    # A quotation whose full-width line ends in 。 inside the quote, a 《title》 broken across a
    # short line, and enough pages for the running head to repeat: none may split a pair.
    filler = "各项工作稳步推进，经济运行总体平稳，民生保障持续加强，" * 6
    quote = "毛主席指出：“" + "这是一个很长的引文，" * 3 + "已经八年。现在，以安定为好。”此后各项工作继续推进。"
    paras = [filler + quote, "发布了《中国应对气候变化的政策与行动》白皮书。"] * 12
    doc = api.read_bytes(_pdf(paras), path="q.pdf")
    assert not isinstance(doc, api.InputProblem), doc
    assert "某某市人民政府文件" not in doc.text and "第 2 页" not in doc.text
    assert doc.text.count("《中国应对气候变化的政策与行动》") == 12
    assert "\n" not in doc.text.split("\n")[0].strip() and doc.text.split("\n")[0].endswith("继续推进。")
    found = api.lint_document(doc, api.make_linter(select=["PUN003"]))
    assert found == []
    broken = api.read_bytes(_pdf(["这是一段“没有闭合的引文。", "下一段正常。"] * 3, head=None), path="b.pdf")
    assert [d.matched for d in api.lint_document(broken, api.make_linter(select=["PUN003"]))] == ["“"] * 3


def test_pdf_paragraph_rules_on_a_text_layer():
    from gongwen.formats.pdf import assemble

    full = "各项工作稳步推进，经济运行总体平稳，民生保障持续加强。"  # 27 chars: a full line
    pages = [
        ["政府工作报告", "- 1 -", full, "毛主席明确指出：“无产阶级文化大革命，已经八年，坚持至今。",  # full, ends 。 in a quote
         "现在，以安定为好。”此后工作继续推进，经济运行平稳向好发展。", "发布了《",
         "中国应对气候变化的政策与行动", "》白皮书。", "一、总体要求"],
        ["政府工作报告", full, "二、主要任务", "这是一段“没有闭合的引文。", "下一段。", "- 2 -"],
        ["政府工作报告", full, "- 3 -"],
    ]
    doc = assemble(pages, "t.pdf")
    paragraphs = doc.text.split("\n")
    assert "政府工作报告" not in doc.text and "- 2 -" not in doc.text
    assert any(p.startswith("毛主席") and p.endswith("平稳向好发展。") for p in paragraphs)
    assert "发布了《中国应对气候变化的政策与行动》白皮书。" in paragraphs
    assert "一、总体要求" in paragraphs and "二、主要任务" in paragraphs
    found = api.lint_document(doc, api.make_linter(select=["PUN003"]))
    assert [(d.matched, d.location.line, n) for d in found for n in d.notes] == [
        ("“", 13, "位于第 2 页第 4 行")]
