"""Word (.docx) drafts: body paragraphs and tables, then headers, footers, footnotes, endnotes.

Read directly from the zip with defusedxml rather than with python-docx: python-docx has no
footnotes/endnotes API, gives no control over how much a part may inflate (a zip bomb), and
parses with lxml; defusedxml refuses DTDs and entity declarations outright (the "billion
laughs" entity bomb), and reading each part through a capped stream bounds memory whatever
the zip headers claim.

Positions: ``text`` and ``source`` are the same string, one line per Word paragraph, so
**line N is the N-th paragraph** in this order: the body in document order (a table's
paragraphs row by row, cell by cell; empty paragraphs count), then each header, footer,
footnotes and endnotes part in the package's order. Column is the code-point position
inside the paragraph's text (runs concatenated; a tab is one column; a manual line break
``<w:br/>`` is U+2028 so it does not start a new line). A diagnostic outside the body gets a
note naming the part ("位于页眉 header1.xml 第 2 段").
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Callable, NamedTuple
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from gongwen.document import Document
from gongwen.formats import FormatError, Limits, line_units

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HELP = "用 Word 或 WPS 重新保存为 .docx 后再检查"
# The run children that hold text; everything else in a run (drawings, field characters,
# note references, w:delText, w:instrText) holds none.
PIECE_TAGS = frozenset(W + tag for tag in ("t", "tab", "br", "cr", "noBreakHyphen", "sym"))
_REMOVED = (W + "del", W + "moveFrom")
_PARTS = (("word/header", "页眉"), ("word/footer", "页脚"),
          ("word/footnotes.xml", "脚注"), ("word/endnotes.xml", "尾注"))


# Word saves a file with an open password as an OLE compound file holding the encrypted
# package, with the magic of the old .doc format.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LOCKED_HELP = "去掉打开密码，或在 Word 中另存为 .docx 后再检查"


# Below this, a part is read whatever its ratio (the streaming count below still holds it to
# the budget): 100,000 empty paragraphs, 600 KB that deflate 555 times, are a document Word
# opens, and were refused as a "compression bomb".
_RATIO_FLOOR = 8 * 1024 * 1024


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits, budget: list[int]) -> bytes:
    if info.flag_bits & 0x1:  # zipfile would raise RuntimeError, reported as a reader crash
        raise FormatError(f"{info.filename} 已加密，需要密码才能读取", _LOCKED_HELP)
    if info.file_size > limits.max_member or (info.compress_size and info.file_size > max(
            limits.max_ratio * max(info.compress_size, 1024), _RATIO_FLOOR)):
        raise FormatError(f"{info.filename} 解压后过大（{info.file_size} 字节，压缩 {info.compress_size} 字节），"
                          "疑似压缩炸弹", _HELP)
    cap = min(limits.max_member, budget[0])
    out = io.BytesIO()
    with zf.open(info) as stream:  # headers can lie: count what actually inflates
        while chunk := stream.read(1 << 16):
            out.write(chunk)
            if out.tell() > cap:
                raise FormatError(f"{info.filename} 解压后超过 {cap} 字节，疑似压缩炸弹", _HELP)
    budget[0] -= out.tell()
    return out.getvalue()


def _symbol(char: str | None) -> str:
    """A w:sym's character, named in hex. Only a Unicode scalar value is a character:
    "FFFFFFFF" is past U+10FFFF, "-1" before U+0000, and "D800" is a lone surrogate that
    no output can encode; each stands as U+FFFD, as an undecodable byte would. Not hex at
    all: nothing."""
    try:
        value = int(char or "", 16)
    except ValueError:
        return ""
    if not 0 <= value <= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return "\ufffd"
    return chr(value)


def paragraph_pieces(p):
    """``(element, text)`` for each element of a paragraph that contributes text, in order.

    Only run content counts (a direct child of a ``w:r``): a ``w:tab`` inside
    ``w:pPr/w:tabs`` is a tab stop, not a tab character. The annotator (gongwen.annotate)
    maps positions back to these same elements, so this is the one definition of a
    paragraph's text. Runs inside a tracked deletion (w:del, w:moveFrom) are skipped
    whole, tabs and breaks too: the text is the draft with its revisions accepted."""
    removed = {r for tag in _REMOVED for gone in p.iter(tag) for r in gone.iter(W + "r")}
    for run in p.iter(W + "r"):
        if run in removed:
            continue
        for el in run:
            tag = el.tag
            if tag not in PIECE_TAGS:
                continue
            if tag == W + "t":
                yield el, el.text or ""
            elif tag == W + "tab":
                yield el, "\t"
            elif tag in (W + "br", W + "cr"):
                yield el, "\u2028"
            elif tag == W + "noBreakHyphen":
                yield el, "\u2011"
            elif tag == W + "sym":
                yield el, _symbol(el.get(W + "char"))


def _paragraph_text(p) -> str:
    return "".join(text for _, text in paragraph_pieces(p))


def paragraph_line(p) -> str:
    """A paragraph's line of the document's text (a line feed inside a w:t is no new line)."""
    return _paragraph_text(p).replace("\r", " ").replace("\n", " ")


def paragraph_elements(root) -> list:
    """The ``w:p`` elements of a part in reading order; nested tables are read where they
    stand, and the separator "notes" of footnotes and endnotes are not text."""
    found: list = []

    def walk(el) -> None:
        for child in el:
            if child.tag == W + "p":
                found.append(child)
            elif child.tag in (W + "footnote", W + "endnote") and child.get(W + "type") in (
                    "separator", "continuationSeparator", "continuationNotice"):
                continue
            else:
                walk(child)

    walk(root)
    return found


class Section(NamedTuple):
    part: str  # the zip member, e.g. "word/footer1.xml"
    label: str  # the region label for notes; "" for the body
    paragraphs: list  # its w:p elements, one line of text each
    root: object = None  # the part's parsed XML (its tables are read from it)


def text_sections(names, load: Callable[[str], object]) -> list[Section]:
    """The parts whose paragraphs make the text, in reading order: the body, then each
    header, footer, footnotes and endnotes part that holds any text. ``load`` parses one
    member (defusedxml here; lxml in the annotator, which edits the same elements)."""
    body = load("word/document.xml")
    found = [Section("word/document.xml", "", paragraph_elements(body), body)]
    for prefix, label in _PARTS:
        for name in sorted(n for n in names if n.startswith(prefix) and n.endswith(".xml")):
            paras = paragraph_elements(load(name))
            if any(_paragraph_text(p).strip() for p in paras):
                found.append(Section(name, f"{label} {name.rsplit('/', 1)[-1]} ", paras))
    return found


def _parse(data: bytes, name: str):
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise FormatError(f"{name} 含有 DTD 或实体声明（{type(exc).__name__}），拒绝解析以防实体炸弹",
                          _HELP) from exc
    except ParseError as exc:
        raise FormatError(f"{name} 不是合法的 XML：{exc}", _HELP) from exc


def _parts(zf: zipfile.ZipFile, read: Callable[[zipfile.ZipInfo], bytes]) -> dict[str, zipfile.ZipInfo]:
    """The package's parts by name. Part names compare without regard to case (OPC), and a
    zip may hold one name twice: with different bytes (word/document.xml twice, or once as
    WORD/document.xml), zipfile read the last and Word or another program the first — the
    check saw one text, the reader of the file another. The same bytes again are one part."""
    parts: dict[str, zipfile.ZipInfo] = {}
    first: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        key = info.filename.lower()
        if key in first and read(first[key]) != read(info):
            raise FormatError(f"zip 中有两个同名而内容不同的部件 {info.filename}，不同程序读到的内容可能不同",
                              _HELP)
        first.setdefault(key, info)
        parts.setdefault(info.filename, first[key])
    return parts


def read(data: bytes, path: str, limits: Limits) -> Document:
    if data.startswith(_OLE_MAGIC):
        raise FormatError("这是 OLE 复合文档（设了打开密码的 Word 文件或旧版 .doc），不是 .docx", _LOCKED_HELP)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise FormatError(f"不是有效的 DOCX（zip 结构损坏或文件被截断：{exc}）", _HELP) from exc
    budget = [limits.max_decompressed]
    try:
        with zf:
            names = _parts(zf, lambda info: _read_part(zf, info, limits, budget))
            if "word/document.xml" not in names:
                raise FormatError("不是 Word 文档：缺少 word/document.xml", "只支持 .docx（不支持 .doc、.wps）")
            sections = text_sections(names, lambda name: _parse(_read_part(zf, names[name], limits, budget),
                                                                 name))
    except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile, zlib.error) as exc:
        # zlib.error: a damaged deflate stream inside an intact zip directory.
        raise FormatError(f"DOCX 文件损坏或被截断：{exc}", _HELP) from exc
    except NotImplementedError as exc:  # unsupported compression method
        raise FormatError(f"DOCX 使用了不支持的压缩方式：{exc}", _HELP) from exc
    lines: list[str] = []
    regions = []
    starts: dict[int, int] = {}  # id of a body w:p -> offset of its line
    offset = 0
    for section in sections:
        regions.append((offset, section.label, "段"))
        for p in section.paragraphs:
            if section.root is not None:
                starts[id(p)] = offset
            lines.append(paragraph_line(p))
            offset += len(lines[-1]) + 1
    text = "\n".join(lines)
    tables = _tables(sections[0].root, text, starts)
    regions = _with_cell_regions(regions, tables, len(text))
    return Document(path=path, text=text, format="docx", units=line_units(text),
                    regions=tuple(regions) if len(regions) > 1 else (), tables=tables)


def _tables(root, text: str, starts: dict[int, int]) -> tuple:
    """The body's tables as grids: a w:tc spans w:gridSpan columns, and a w:vMerge without
    ``restart`` continues the cell above it (it adds a row to that cell's span)."""
    from gongwen.analysis.tables import RawCell, build

    found = []
    for tbl in root.iter(W + "tbl"):
        rows: list[list[RawCell]] = []
        open_cells: dict[int, tuple[int, int]] = {}  # grid column -> (row, index) of a vMerge start
        for tr in tbl.findall(W + "tr"):
            row: list[RawCell] = []
            col = 0
            for tc in tr.findall(W + "tc"):
                props = tc.find(W + "tcPr")
                span = props.find(W + "gridSpan") if props is not None else None
                merge = props.find(W + "vMerge") if props is not None else None
                colspan = _int(span.get(W + "val") if span is not None else None)
                if merge is not None and merge.get(W + "val") != "restart" and col in open_cells:
                    r, i = open_cells[col]
                    rows[r][i] = rows[r][i]._replace(rowspan=rows[r][i].rowspan + 1)
                    col += colspan
                    continue
                paras = [starts[id(p)] for p in tc.iter(W + "p") if id(p) in starts]
                start = min(paras, default=0)
                end = text.find("\n", max(paras)) if paras else 0
                cell = RawCell(start, len(text) if end < 0 else end, 1, colspan, tr.find(
                    f"{W}trPr/{W}tblHeader") is not None)
                if merge is not None:
                    open_cells[col] = (len(rows), len(row))
                else:
                    open_cells.pop(col, None)
                row.append(cell)
                col += colspan
            rows.append(row)
        table = build(text, rows, len(found) + 1)
        if table is not None:
            found.append(table)
    return tuple(found)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def _with_cell_regions(regions: list, tables: tuple, length: int) -> list:
    """One region per table cell, so a diagnostic inside a table is placed by table, row and
    column (“位于表 1 第 2 行第 3 列第 1 段”); the body resumes after each cell."""
    if not tables:
        return regions
    cells = []
    for table in tables:
        for cell in table.cells:
            cells.append((cell.start, f"表 {table.index} 第 {cell.row + 1} 行第 {cell.col + 1} 列", "段"))
            cells.append((min(cell.end + 1, length), "", "段"))
    body_end = regions[1][0] if len(regions) > 1 else length + 1
    inside = sorted(c for c in cells if c[0] < body_end)
    merged: dict[int, tuple] = {}
    for region in [regions[0], *inside]:
        if region[1] or region[0] not in merged:
            merged[region[0]] = region  # a cell starting where the previous one ends wins
    return [*sorted(merged.values()), *regions[1:]]
