"""Format readers: each turns one input into a :class:`~gongwen.document.Document`.

A reader fills ``text`` (what rules read), ``source`` (what positions are reported
against), ``offset_map`` (text offset -> source offset) and ``units`` (paragraphs). The
engine then reports every diagnostic at a source line and column without knowing the
format. Text formats (text, markdown, html) get decoded text; binary formats (docx, pdf)
get the raw bytes and must stay within :data:`LIMITS`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongwen.document import Document, OffsetMap, line_units  # noqa: F401 (readers import it from here)

FORMAT_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    # the Markdown suffixes GitHub renders as Markdown: a .mdown read as plain text had its code
    # blocks edited by --fix
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mdwn": "markdown",
    ".mkd": "markdown", ".mkdn": "markdown", ".mkdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf",
}
BINARY_FORMATS = frozenset({"docx", "pdf"})
FORMATS = frozenset(FORMAT_BY_SUFFIX.values())


@dataclass(frozen=True)
class Limits:
    """Caps that keep a malformed or hostile file from exhausting time or memory."""

    max_decompressed: int = 200 * 1024 * 1024  # DOCX: all parts read, after inflating
    max_member: int = 100 * 1024 * 1024  # DOCX: one XML part
    max_ratio: int = 200  # DOCX: inflated size / stored size of one part
    max_pdf_pages: int = 2000
    max_pdf_content: int = 100 * 1024 * 1024  # PDF: page content streams of all pages, decompressed
    max_pdf_content_ratio: int = 20  # PDF: that content / file size (real reports: under 2)


LIMITS = Limits()


class FormatError(Exception):
    """The file is not a readable instance of its format (reported as LNT901)."""

    def __init__(self, message: str, help: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.help = help


def format_for(name: str, default: str = "text") -> str:
    lower = name.lower()
    for suffix, fmt in FORMAT_BY_SUFFIX.items():
        if lower.endswith(suffix):
            return fmt
    return default


def read_text_format(fmt: str, text: str, path: str, options: dict[str, Any]) -> Document:
    """Build a document from decoded text in a text format."""
    if fmt == "markdown":
        from gongwen.formats import markdown
        return markdown.read(text, path)
    if fmt == "html":
        from gongwen.formats import html
        return html.read(text, path, options.get("content-selector"))
    return read_plain_text(text, path)


def read_plain_text(text: str, path: str) -> Document:
    """Plain text as written, or, when layout broke its paragraphs at a fixed width (a PDF
    page copied, an editor's wrap column), with those breaks removed (``rewrap``): read line
    by line, every sentence split at the width is two fragments to the rules."""
    from gongwen.formats import rewrap

    lines = rewrap.wrapped_lines(text)
    if lines is None:
        return Document(path=path, text=text, format="text")
    joined, anchors = rewrap.rejoin(lines, text)
    return Document(path=path, text=joined, format="text", source=text, offset_map=OffsetMap(anchors),
                    units=line_units(joined))


def read_binary_format(fmt: str, data: bytes, path: str, options: dict[str, Any]) -> Document:
    if fmt == "docx":
        from gongwen.formats import docx
        return docx.read(data, path, LIMITS)
    from gongwen.formats import pdf
    return pdf.read(data, path, LIMITS)
