"""The .docx package: its XML parts as lxml trees, the comments part added when missing, and
the zip written again with every part that was not edited copied byte for byte.

Why not python-docx's ``Document.save``: it re-serialises every XML part it loaded (styles,
numbering, settings, headers …) and rebuilds ``[Content_Types].xml`` and every ``.rels``,
so parts nobody touched would not come back byte for byte, and it has no model of the
footnotes part at all. python-docx does supply the comments part's element classes
(``CT_Comments.add_comment``, see gongwen.annotate.comments) and the relationship and
content-type names; only the relationship and content-type entries are written as raw XML
here, because python-docx has no API to add them without saving through it.
"""
from __future__ import annotations

import io
import posixpath
import shutil
import zipfile
from datetime import datetime
from typing import Iterator

from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.oxml.parser import parse_xml
from lxml import etree

from gongwen.formats import LIMITS
from gongwen.formats.docx import W
from gongwen.analysis import pattern_cache

BODY = "word/document.xml"
BODY_RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
ID_LIMIT = 2 ** 31  # w:id as Word and python-docx hold it: a signed 32-bit number
_ID = pattern_cache.re_compile(r"-?\d{1,11}")  # longer cannot be a 32-bit id (and int() refuses 4,300 digits)
_EMPTY_COMMENTS = f'<w:comments xmlns:w="{W[1:-1]}"/>'.encode()
# No DTDs, no entities, no network: the reader (defusedxml) has already refused any part
# that declares them, and the same bytes arrive here; this parser would refuse them too.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class PackageError(Exception):
    """The package cannot be annotated (its text is not what the reader saw, a part is bad)."""


class Package:
    """One .docx opened for editing. ``tree(name)`` parses a part once; ``touch(name)`` marks
    it to be written back; ``write()`` returns the new package's bytes."""

    def __init__(self, data: bytes) -> None:
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = {info.filename: info for info in self._zip.infolist()}
        self._trees: dict[str, etree._Element] = {}
        self._touched: set[str] = set()
        self._added: list[str] = []

    def tree(self, name: str):
        if name not in self._trees:
            try:
                root = etree.fromstring(self._zip.read(name), _PARSER)
            except etree.XMLSyntaxError as exc:
                raise PackageError(f"{name} 不是合法的 XML：{exc}") from exc
            if root.getroottree().docinfo.doctype:
                raise PackageError(f"{name} 含有 DTD，拒绝处理")
            self._trees[name] = root
        return self._trees[name]

    def touch(self, name: str) -> None:
        self._touched.add(name)

    def fresh_ids(self) -> Iterator[int]:
        """Numbers for new comments and revisions that no ``w:id`` in the comments part or
        any part loaded so far holds: above the largest one while that fits, then the
        unused ones from 0. An id is an ``xsd:integer`` in the schema, but Word and
        python-docx keep it in 32 bits, so a document already holding one near 2^31 (or a
        number of thousands of digits, which ``int`` refuses) must not push ours past it."""
        existing = self._existing_comments()
        if existing is not None:
            self._load_comments(existing)
        used = {int(v) for root in self._trees.values() for el in root.iter()
                if (v := el.get(W + "id")) is not None and _ID.fullmatch(v)}
        used = {i for i in used if -ID_LIMIT <= i < ID_LIMIT}
        start = max(used, default=0) + 1
        yield from range(start, ID_LIMIT)
        yield from (i for i in range(0, start) if i not in used)
        raise PackageError("文档中的批注和修订编号已用尽（2^31 个），无法再添加")

    def comments(self):
        """The comments part's root (a python-docx ``CT_Comments``), added to the package
        with its relationship and content type when the document has none yet."""
        name = self._existing_comments()
        if name is None:
            name = "word/comments.xml"
            while name in self.names:  # a stray part of that name with no relationship: keep it
                name = name[:-len(".xml")] + "1.xml"
            self._add_relationship(name)
            self._add_content_type(name)
            self._added.append(name)
        self._load_comments(name)
        self.touch(name)
        return self._trees[name]

    def _load_comments(self, name: str) -> None:
        if name not in self._trees:
            data = self._zip.read(name) if name in self.names else _EMPTY_COMMENTS
            self._trees[name] = parse_xml(data)  # python-docx's element classes: add_comment()

    def _existing_comments(self) -> str | None:
        if BODY_RELS not in self.names:
            return None
        for rel in self.tree(BODY_RELS):
            if rel.get("Type") == RELATIONSHIP_TYPE.COMMENTS and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                name = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("word", target))
                return name if name in self.names else None
        return None

    def _add_relationship(self, name: str) -> None:
        if BODY_RELS not in self.names:
            self._trees[BODY_RELS] = etree.Element(f"{{{_RELS_NS}}}Relationships", nsmap={None: _RELS_NS})
            self._added.append(BODY_RELS)
        rels = self._trees[BODY_RELS]
        taken = {rel.get("Id") for rel in rels}
        number = len(taken) + 1
        while f"rId{number}" in taken:
            number += 1
        etree.SubElement(rels, f"{{{_RELS_NS}}}Relationship", Id=f"rId{number}",
                         Type=RELATIONSHIP_TYPE.COMMENTS, Target=posixpath.relpath(name, "word"))
        self.touch(BODY_RELS)

    def _add_content_type(self, name: str) -> None:
        types = self.tree(CONTENT_TYPES)
        etree.SubElement(types, f"{{{_TYPES_NS}}}Override", PartName="/" + name,
                         ContentType=CONTENT_TYPE.WML_COMMENTS)
        self.touch(CONTENT_TYPES)

    def write(self, when: datetime) -> bytes:
        """The new package: edited parts re-serialised, added parts appended, every other
        member (directories included) copied with its bytes and zip metadata."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in self._zip.infolist():
                if info.filename in self._touched:
                    zout.writestr(info, self._serialise(info.filename))
                else:
                    _copy_member(self._zip, info, zout)
            for name in self._added:
                info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(info, self._serialise(name))
        return out.getvalue()

    def _serialise(self, name: str) -> bytes:
        return etree.tostring(self._trees[name].getroottree(), xml_declaration=True, encoding="UTF-8",
                              standalone=True)


def _copy_member(zin: zipfile.ZipFile, info: zipfile.ZipInfo, zout: zipfile.ZipFile) -> None:
    """One member copied in chunks (what ``writestr`` does, a piece at a time): a picture of
    1.5 GB that deflates to 2 MB was read whole into memory (3 GB of RSS). A member that
    inflates past the reader's whole budget at a ratio no picture or font has is a zip
    bomb, refused before it costs the time to inflate it."""
    if info.file_size > LIMITS.max_decompressed and info.file_size > LIMITS.max_ratio * max(info.compress_size, 1):
        raise PackageError(f"{info.filename} 解压后过大（{info.file_size} 字节，压缩 {info.compress_size} 字节），"
                           "疑为压缩炸弹，拒绝处理")
    with zin.open(info) as src, zout.open(info, "w") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
