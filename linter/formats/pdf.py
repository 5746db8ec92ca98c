"""PDF text layer (pypdf): page and line positions, paragraphs rejoined.

``source`` is the text layer as extracted: page after page, one line per text line, so
**line N is the N-th line of the text layer counted from the start of the file**; every
diagnostic also gets a note "位于第 P 页第 L 行" (L counted from the top of that page,
running heads included). ``text`` is what rules read: running heads, running feet and page
numbers are dropped, and the hard line breaks that layout put inside a paragraph are
removed (between CJK characters) or become one space (between Latin words), so a sentence
wrapped across lines or pages reads as one paragraph. A line ends a paragraph when it ends
with 。！？；：…” or similar, or is clearly shorter than the page's full lines, and a line that
starts like a heading or list item (一、 （一） 1. 第X条) starts one — except that a line ending in
an opening mark (《 “ （), a line starting with a closing mark or comma, an unclosed 《 and a
full line inside an open “ always join. When the layer keeps first-line indents (two spaces
or U+3000 at the start of at least one line in twenty), the indent alone starts a paragraph. The offset map sends
every character back to its place in ``source``.

pypdf rather than pdfminer.six: pure Python, actively maintained, handles the predefined
CJK CMaps (UniGB-UCS2-H, …) that Chinese PDFs use, and its extraction is page-wise, which
is what page positions need.
"""
from __future__ import annotations

import io
import logging
from collections import Counter

import regex

from gongwen.analysis import lazy_regex
from gongwen.document import Document, OffsetMap
from gongwen.formats import FormatError, Limits
from gongwen.formats.rewrap import rejoin
from gongwen.analysis import pattern_cache

_SURROGATE = pattern_cache.regex_compile(r"[\ud800-\udfff]")
_HELP = "确认 PDF 有文字层（扫描件需先做文字识别），或改用 DOCX/TXT 检查"
_LOCKED_HELP = "用密码打开后另存为不加密的 PDF，或改用 DOCX/TXT 检查"
_PAGE_NO = lazy_regex.compile(r"^[\s\-—–－·]*(?:第\s*)?(?:[0-9]{1,4}|[ivxlcdmIVXLCDM]{1,7})\s*(?:页)?"
                         r"(?:\s*(?:/|共)\s*[0-9]{1,4}\s*页?)?[\s\-—–－·]*$")


def _extract(data: bytes, limits: Limits) -> list[list[str]]:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        if b"%PDF-" not in data[:1024]:  # what every PDF reader looks for first
            raise FormatError("不是 PDF 文件：开头没有 %PDF- 标记", "确认文件内容与扩展名相符")
        reader = PdfReader(io.BytesIO(data), strict=False)
        # An empty user password opens many "protected" PDFs; decrypt() says whether it did.
        if reader.is_encrypted and _opened(reader) is False:
            raise FormatError("PDF 已加密，需要密码才能读取", _LOCKED_HELP)
        if len(reader.pages) > limits.max_pdf_pages:
            raise FormatError(f"PDF 页数过多（{len(reader.pages)} 页，上限 {limits.max_pdf_pages}）")
        budget = _content_budget(len(data), limits)
        pages = []
        for page in reader.pages:
            budget -= _content_size(page)
            if budget < 0:  # checked before the slow part: extraction costs ~3 s per MB
                raise FormatError(_bomb(limits), _HELP)
            # A damaged font's ToUnicode map can give lone surrogates, which no output can write.
            text = _SURROGATE.sub("\ufffd", page.extract_text() or "")
            pages.append([ln.rstrip() for ln in regex.split(r"\r\n|\r|\n", text)])
    except FormatError:
        raise
    except LimitReachedError as exc:  # one stream past pypdf's own cap (75 MB inflated)
        raise FormatError(_bomb(limits), _HELP) from exc
    except Exception as exc:
        # pypdf parses untrusted bytes and a damaged file can fail anywhere in it (a listed
        # few types missed NotImplementedError for a corrupted /Filter name): whatever it
        # raises, this PDF cannot be read.
        raise FormatError(f"PDF 文件损坏或无法解析：{type(exc).__name__}: {exc}", _HELP) from exc
    while pages and pages[-1] == [""]:
        pages.pop()
    return pages


def _bomb(limits: Limits) -> str:
    return (f"PDF 页面内容解压后过大（超过文件大小的 {limits.max_pdf_content_ratio} 倍"
            f"或 {limits.max_pdf_content} 字节），疑似压缩炸弹")


def _opened(reader) -> bool:
    from pypdf import PasswordType

    try:
        return reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except Exception:  # an unsupported cipher or a damaged encryption dictionary
        return False


def _content_budget(file_size: int, limits: Limits) -> int:
    """Decompressed page content a PDF of this size may have. Real reports have at most about
    twice their file size (fonts and images take the rest); a few kilobytes of deflate that
    inflate to megabytes of text operators are a bomb for the extraction, not a report."""
    return min(limits.max_pdf_content, max(1 << 20, limits.max_pdf_content_ratio * file_size))


def _content_size(page) -> int:
    """Bytes of a page's content streams once decompressed (pypdf keeps them for extraction)."""
    from pypdf.generic import ArrayObject

    contents = page.get("/Contents")
    if contents is None:
        return 0
    contents = contents.get_object()
    parts = contents if isinstance(contents, ArrayObject) else [contents]
    return sum(len(part.get_object().get_data()) for part in parts)


def _furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) of page numbers and of running heads/feet: a first or last non-blank
    line repeated (digits ignored) on at least half the pages, when there are 3+ pages."""
    drop = set()
    for p, lines in enumerate(pages):
        for i, ln in enumerate(lines):
            if ln.strip() and _PAGE_NO.match(ln):
                drop.add((p, i))
    if len(pages) >= 3:
        for pick in (lambda idx: idx[:2], lambda idx: idx[-2:]):
            seen: Counter[str] = Counter()
            where: dict[str, list[tuple[int, int]]] = {}
            for p, lines in enumerate(pages):
                idx = [i for i, ln in enumerate(lines) if ln.strip() and (p, i) not in drop]
                for i in pick(idx):
                    key = regex.sub(r"[0-9]+", "#", lines[i].strip())
                    seen[key] += 1
                    where.setdefault(key, []).append((p, i))
            for key, n in seen.items():
                if n >= max(3, len(pages) // 2):
                    drop.update(where[key])
    return drop


def read(data: bytes, path: str, limits: Limits) -> Document:
    return assemble(_extract(data, limits), path)


def assemble(pages: list[list[str]], path: str) -> Document:
    """The document made of a text layer given as pages of lines."""
    if not any(ln.strip() for lines in pages for ln in lines):
        raise FormatError("PDF 没有文字层（可能是扫描件）", _HELP)
    drop = _furniture(pages)
    src_parts: list[str] = []
    regions = []
    kept: list[tuple[str, int]] = []  # (line, source offset) of prose lines
    offset = 0
    for p, lines in enumerate(pages):
        regions.append((offset, f"第 {p + 1} 页", "行"))
        for i, ln in enumerate(lines):
            if (p, i) not in drop and ln.strip():
                kept.append((ln, offset))
            src_parts.append(ln)
            offset += len(ln) + 1
    source = "\n".join(src_parts)
    text, anchors = rejoin(kept)
    from gongwen.formats import line_units

    return Document(path=path, text=text, format="pdf", source=source,
                    offset_map=OffsetMap(anchors), units=line_units(text), regions=tuple(regions))
