"""What a reviewer does in Word, done over the XML: accept or reject every tracked change of
one author, list the comments and the text each one covers, and check the package.

Written independently of gongwen.annotate (which makes the marks) so the tests prove its
promises instead of repeating them: accepting all of gongwen's revisions must give the
``--fix`` text, rejecting them all the original text.
"""
from __future__ import annotations

import io
import zipfile
from collections import Counter

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
NS = {"w": W_NS}
STORY_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _unwrap(el) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _remove(el) -> None:
    el.getparent().remove(el)


def _by(root, tag: str, author: str | None) -> list:
    # A w:ins/w:del inside w:rPr marks a paragraph mark's revision, not content.
    return [el for el in root.iter(W + tag) if el.getparent().tag != W + "rPr"
            and (author is None or el.get(W + "author") == author)]


def accept(root, author: str | None = "gongwen") -> None:
    for el in _by(root, "del", author):
        _remove(el)
    for el in _by(root, "ins", author):
        _unwrap(el)


def reject(root, author: str | None = "gongwen") -> None:
    for el in _by(root, "ins", author):
        _remove(el)
    for el in _by(root, "del", author):
        for text in el.iter(W + "delText"):
            text.tag = W + "t"
        _unwrap(el)


def review(data: bytes, action) -> bytes:
    """The package with ``action`` (accept / reject) applied to every story part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename.startswith(STORY_PARTS) and info.filename.endswith(".xml"):
                root = etree.fromstring(content)
                action(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(info, content)
    return out.getvalue()


def comments(data: bytes) -> dict[str, dict]:
    """Comment id → author, date, text (paragraphs joined by newlines)."""
    found = parts(data)
    if "word/comments.xml" not in found:
        return {}
    root = etree.fromstring(found["word/comments.xml"])
    return {c.get(W + "id"): {"author": c.get(W + "author"), "date": c.get(W + "date"),
                              "text": "\n".join("".join(t.text or "" for t in p.iter(W + "t"))
                                                for p in c.iter(W + "p"))}
            for c in root.iter(W + "comment")}


def covered(data: bytes, part: str = "word/document.xml") -> dict[str, str]:
    """Comment id → the text between its range marks (w:t and w:tab, in one part)."""
    root = etree.fromstring(parts(data)[part])
    open_ids: set[str] = set()
    text: dict[str, list[str]] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            text.setdefault(el.get(W + "id"), [])
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag in (W + "t", W + "tab") and open_ids:
            for cid in open_ids:
                text[cid].append(el.text or "" if el.tag == W + "t" else "\t")
        elif el.tag == W + "p" and open_ids:
            for cid in open_ids:
                text[cid].append("\n")
    return {cid: "".join(chunks).strip("\n") for cid, chunks in text.items()}


def check_structure(data: bytes) -> None:
    """The marks Word needs to agree: each comment has exactly one range start, range end and
    reference, in that order; every id is used once per kind; revisions are attributed and
    dated; deleted text is w:delText and only deleted text is; a run's w:rPr comes first."""
    found = parts(data)
    comment_ids = set(comments(data))
    seen: Counter = Counter()
    for name, content in found.items():
        if not (name.startswith(STORY_PARTS) and name.endswith(".xml")):
            continue
        root = etree.fromstring(content)
        order: dict[str, list[str]] = {}
        for el in root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference"):
            order.setdefault(el.get(W + "id"), []).append(etree.QName(el).localname)
            seen[(etree.QName(el).localname, el.get(W + "id"))] += 1
        for cid, kinds in order.items():
            assert cid in comment_ids, f"{name}: mark for missing comment {cid}"
            assert kinds == ["commentRangeStart", "commentRangeEnd", "commentReference"], (name, cid, kinds)
        for tag in ("ins", "del"):
            for el in _by(root, tag, None):
                assert el.get(W + "author") and el.get(W + "date") and el.get(W + "id"), etree.tostring(el)
                seen[(tag, el.get(W + "id"))] += 1
        for text in root.iter(W + "t", W + "delText"):
            revision = next((a for a in text.iterancestors(W + "ins", W + "del")), None)
            deleted = revision is not None and revision.tag == W + "del"
            assert deleted == (text.tag == W + "delText"), etree.tostring(text.getparent().getparent())
        for run in root.iter(W + "r"):
            kids = [c.tag for c in run]
            assert W + "rPr" not in kids[1:], etree.tostring(run)
    assert all(n == 1 for n in seen.values()), [k for k, n in seen.items() if n > 1]


def ours(root, author: str = "gongwen", comment_ids: set[str] | None = None) -> None:
    """Remove what the annotator added and reject its revisions: what is left must be the
    original document, run boundaries aside."""
    reject(root, author)
    for el in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "commentReference")):
        if comment_ids is None or el.get(W + "id") in comment_ids:
            _remove(el)
    # A fix inside someone's insertion split it in two (as Word does); with the fix rejected
    # the halves touch again, and Word shows them as the one revision they were.
    for el in list(root.iter(W + "ins")):
        after = el.getnext()
        while (after is not None and after.tag == W + "ins"
               and (after.get(W + "author"), after.get(W + "date")) == (el.get(W + "author"), el.get(W + "date"))):
            el.extend(list(after))
            _remove(after)
            after = el.getnext()


def skeleton(root) -> list[tuple]:
    """Every element but runs, their text and their properties, with its attributes, in
    document order: tables, paragraph properties, pictures, fields, notes, hyperlinks,
    bookmarks, others' comments and revisions, section properties."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in (W + "r", W + "t", W + "delText"):
            continue
        if any(a.tag == W + "rPr" and a.getparent() is not None and a.getparent().tag == W + "r"
               for a in [el, *el.iterancestors()]):
            continue
        out.append((el.tag, tuple(sorted(el.attrib.items())), (el.text or "").strip()))
    return out


def char_formats(root) -> list[list[tuple[str, bytes]]]:
    """Per paragraph, each character with the canonical XML of its run's properties."""
    from gongwen.formats.docx import paragraph_elements, paragraph_pieces

    def props(el) -> bytes:
        rpr = el.getparent().find(W + "rPr")
        return etree.tostring(rpr, method="c14n") if rpr is not None else b""

    return [[(ch, props(el)) for el, text in paragraph_pieces(p) for ch in text]
            for p in paragraph_elements(root)]


def our_comment_ids(data: bytes, author: str = "gongwen") -> set[str]:
    return {cid for cid, c in comments(data).items() if c["author"] == author}


def body_comments(data: bytes) -> Counter:
    """(first line of the comment, the text it covers) for gongwen's comments in the body."""
    texts = comments(data)
    return Counter((texts[cid]["text"].split("\n")[0], text) for cid, text in covered(data).items()
                   if texts[cid]["author"] == "gongwen" and not texts[cid]["text"].startswith("位于"))


def body_lines(doc) -> int:
    """How many of the reader document's lines are body paragraphs."""
    # the first region of another part (a table cell's region, "表 1 第 2 行…", is body)
    parts = [start for start, label, _ in doc.regions[1:] if label and not label.startswith("表 ")]
    return doc.text.count("\n", 0, parts[0]) if parts else doc.text.count("\n") + 1


def expected_body_comments(text: str, found, body: int, group_from: int = 4) -> Counter:
    """What body_comments must be for findings ``found`` in ``text`` whose first ``body``
    lines are the body: one per finding on its own characters, except that ``group_from``
    or more of one code in one paragraph are one comment on the first of them."""
    by_line: dict[tuple[int, str], list] = {}
    for d in sorted(found, key=lambda d: (d.start, d.end)):
        line = text.count("\n", 0, d.start)
        if line < body:
            by_line.setdefault((line, d.code), []).append(d)
    out: Counter = Counter()
    for same in by_line.values():
        for d in same[:1] if len(same) >= group_from else same:
            out[(f"{d.code} {d.message}", text[d.start:d.end])] += 1
    return out
