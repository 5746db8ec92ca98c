"""The seed in every format yields the .txt's findings, at positions that point at the same
characters in each format's own source (fixtures made by fixtures/reports/make_variants.py)."""
from __future__ import annotations

import html
import re

import pytest

from gongwen import api
from gongwen.document import LineIndex
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
    assert _pairs(found) == _pairs(seed_findings)  # nav, breadcrumb, script, footer: silent
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
    assert read_document(path, opts=InputOptions(content_selector="article.none")).units == ()
    bad = read_document(path, opts=InputOptions(content_selector="div[["))
    assert isinstance(bad, api.InputProblem) and "CSS" in bad.message


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
    assert _pairs(found) == _pairs(seed_findings)  # running heads, page numbers, wraps: silent
    reader = pypdf.PdfReader(str(REPORTS / "yanfeng-2024.pdf"))
    layer = "\n".join(page.extract_text() for page in reader.pages)
    for d in found:
        assert _source_slice(layer, d).replace("\n", "") == d.matched
        assert any(re.fullmatch(r"位于第 [0-9]+ 页第 [0-9]+ 行", n) for n in d.notes), d.notes
    pages = {n for d in found for n in d.notes}
    assert len({n.split("页")[0] for n in pages}) >= 2  # findings on more than one page
