"""Every reader (txt, md, html, docx, pdf) and the fix path on generated hostile input
(issue 18): a document or the reader's own "cannot read this" (LNT901/902), findings inside
the text, every output format writable — and no exception. The suite is strict
(tests/conftest.py), so an exception that a user's run would turn into LNT903–LNT907
fails here. ``HYPOTHESIS_PROFILE=nightly`` runs 50 times as many examples."""
from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES

from gongwen import api, fix as fixmod
from gongwen.document import Document
from gongwen.output.stream import Report
from gongwen.sources import InputProblem, document_from_bytes

LINTER = api.make_linter({}, select=["ALL"])
PROFILE = settings()  # the loaded profile (conftest.py)
REPORTS = FIXTURES / "reports"

# Text that rules and readers have branches for: CJK, punctuation, digits, blanks of every kind.
PIECES = st.sampled_from(list("会议年月日第次“”‘’《》（）()，。、；：,.!?0123456789２０\u3000\xa0\t \n\r")
                         + ["\r\n", "\n\n", "2025127", "（一）", "二、", "1.", "\ufffd", "\ud800"])
TEXT = st.lists(st.one_of(PIECES, st.characters()), max_size=60).map("".join)
MARKDOWN = st.lists(st.one_of(TEXT, st.sampled_from(
    ["# ", "## ", "- ", "1. ", "> ", "```", "```text\n", "    ", "`", "*", "_", "[a](b)", "<!-- ", " -->",
     "<!-- gongwen-disable DAT001 -->", "<!-- gongwen-disable-next-block PUN001; x -->", "---\n", "|a|b|\n|-|-|\n",
     "&amp;", "&#xD800;", "&#0;", "\\", "<br>", "<div>"])), max_size=20).map("".join)
HTML = st.lists(st.one_of(TEXT, st.sampled_from(
    ["<p>", "</p>", "<div id=zoom>", "</div>", "<script>", "</script>", "<style>", "<table><tr><td>", "</td>",
     "<br/>", "&nbsp;", "&#xD800;", "&#x110000;", "&#0;", "&amp", "<!--", "-->", "<meta charset=gbk>",
     "<title>", "</title>", "<pre>", "<![CDATA[", "<?xml?>", "<nav>", "<a href='x'>", "</a>", "<"])),
    max_size=24).map("".join)
ENCODINGS = st.sampled_from([None, "utf-8", "gb18030", "big5", "utf-16", "latin-1"])

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_TEXT = TEXT.map(lambda t: "".join(c for c in t if c in "\t\n\r" or (" " <= c <= "\ud7ff")
                                       or ("\ue000" <= c <= "\ufffd")).replace("&", "&amp;").replace("<", "&lt;"))
_RUN = st.one_of(
    _XML_TEXT.map(lambda t: f"<w:r><w:t xml:space='preserve'>{t}</w:t></w:r>"),
    st.text("0123456789ABCDEFabcdef-xX ", max_size=10).map(lambda c: f"<w:r><w:sym w:char='{c}'/></w:r>"),
    st.sampled_from(["<w:r><w:tab/></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:noBreakHyphen/></w:r>",
                     "<w:r><w:delText>删</w:delText></w:r>", "<w:r><w:instrText>PAGE</w:instrText></w:r>"]))
_PARAGRAPH = st.lists(_RUN, max_size=6).map(lambda runs: "<w:p>" + "".join(runs) + "</w:p>")
_BODY = st.recursive(_PARAGRAPH, lambda inner: st.lists(inner, max_size=3).map(
    lambda cells: "<w:tbl><w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in cells) + "</w:tr></w:tbl>"),
    max_leaves=6)
DOCX_BODIES = st.lists(_BODY, max_size=6).map("".join)


def _docx(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{W}'>"
                                         f"<w:body>{body}</w:body></w:document>")
    return buf.getvalue()


def _mutated(data: bytes):
    """A real file with bytes overwritten, cut short or spliced: deep inside its parser."""
    edits = st.lists(st.tuples(st.integers(0, len(data) - 1), st.binary(min_size=1, max_size=8)), max_size=3)
    length = st.just(len(data)) | st.integers(len(data) // 2, len(data))
    return st.tuples(edits, length).map(lambda e: _apply(data, *e))


def _apply(data: bytes, edits, length: int) -> bytes:
    out = bytearray(data)
    for at, chunk in edits:
        out[at:at + len(chunk)] = chunk
    return bytes(out[:length])


def _check(data: bytes, name: str, fmt: str, encoding: str | None = None) -> None:
    """Read, lint with every rule and write every output format, as a run does."""
    lint_and_write(name, document_from_bytes(data, name, fmt, encoding))


def lint_and_write(name: str, doc) -> None:
    """Lint a reader's result with every rule and write it in every output format."""
    assert isinstance(doc, (Document, InputProblem))
    found = api.lint_document(doc, LINTER)
    if isinstance(doc, Document):
        for d in found:
            assert 0 <= d.start <= d.end <= len(doc.source if doc.source is not None else doc.text)
    for out_fmt in ("json", "sarif", "junit", "html", "full", "concise", "github"):
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # strict, as stdout
        report = Report(out_fmt, out, rules=list(api.registry()))
        report.add(name, doc, found)
        report.close()
        out.flush()


@PROFILE
@given(TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary(max_size=200), ENCODINGS)
def test_plain_text_reader(data, encoding):
    _check(data, "x.txt", "text", encoding)


@PROFILE
@given(MARKDOWN, ENCODINGS)
def test_markdown_reader(text, encoding):
    _check(text.encode(encoding or "utf-8", "replace"), "x.md", "markdown", encoding)


@PROFILE
@given(HTML)
def test_html_reader(text):
    _check(text.encode("utf-8", "replace"), "x.html", "html")


@PROFILE
@given(DOCX_BODIES)
def test_docx_reader_on_generated_documents(body):
    _check(_docx(body), "x.docx", "docx")


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 5))  # a PDF parse is slow
@given(_mutated((REPORTS / "yanfeng-2024.pdf").read_bytes()))
def test_pdf_reader_on_damaged_files(data):
    _check(data, "x.pdf", "pdf")


@settings(PROFILE, max_examples=max(10, PROFILE.max_examples // 5))
@given(_mutated((REPORTS / "yanfeng-2024.docx").read_bytes()))
def test_docx_reader_on_damaged_files(data):
    _check(data, "x.docx", "docx")


def test_pdf_with_an_unknown_stream_filter_is_unreadable_not_a_crash():
    data = (REPORTS / "yanfeng-2024.pdf").read_bytes()
    assert b"/FlateDecode" in data
    problem = document_from_bytes(data.replace(b"/FlateDecode", b"/FlateDecoRe"), "x.pdf", "pdf")
    assert isinstance(problem, InputProblem) and problem.code == "LNT901"
    assert "NotImplementedError" in problem.message


def test_docx_with_a_damaged_deflate_stream_is_unreadable_not_a_crash():
    data = bytearray((REPORTS / "yanfeng-2024.docx").read_bytes())
    data[1753] = 0  # inside a member's compressed bytes; the zip directory is intact
    problem = document_from_bytes(bytes(data), "x.docx", "docx")
    assert isinstance(problem, InputProblem) and problem.code == "LNT901"
    assert "损坏" in problem.message


# --- the fix path -------------------------------------------------------------------------------

@PROFILE
@given(st.one_of(TEXT, MARKDOWN), st.sampled_from(["text", "markdown"]), st.booleans())
def test_fix_text_never_raises(text, fmt, unsafe):
    # Idempotence is test_fix_properties.py's; here any text in any format must come back.
    fixed, applied = fixmod.fix_text(text, unsafe, fmt=fmt)
    assert isinstance(fixed, str) and (fixed != text or not applied)


@PROFILE
@given(st.one_of(TEXT.map(lambda t: ("x.txt", t.encode("utf-8", "surrogatepass"))),
                 MARKDOWN.map(lambda t: ("x.md", t.encode("utf-8", "replace"))),
                 HTML.map(lambda t: ("x.html", t.encode("utf-8", "replace"))),
                 DOCX_BODIES.map(lambda b: ("x.docx", _docx(b)))), st.booleans())
def test_fix_path_on_every_format(named, unsafe):
    """--fix on a file: writes only formats whose text is their source, never raises."""
    name, data = named
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        outcome = fixmod.fix_path(path, LINTER, unsafe=unsafe)
        if outcome is None or name.endswith((".html", ".docx")):
            assert path.read_bytes() == data
        elif outcome.written:
            assert path.read_bytes() != data
