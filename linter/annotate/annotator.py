"""One .docx in, the same .docx out with findings as comments and fixes as tracked changes.

The reader's text has one line per paragraph (gongwen.formats.docx); the package is opened
again with lxml and walked by the same functions, so line N is the same ``w:p`` element in
both, and a column is a position in that paragraph's pieces. Fixes are computed on the text
exactly as ``--fix`` computes them (``gongwen.fix.fix_document``); each changed line becomes
tracked changes in its paragraph, and the findings left in the fixed text become comments.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from gongwen.annotate.comments import AUTHOR, Commenter, plan
from gongwen.annotate.package import BODY, Package, PackageError
from gongwen.annotate.revisions import Reviser
from gongwen.diagnostic import Diagnostic
from gongwen.document import Document
from gongwen.formats import docx


@dataclass
class Annotation:
    """What annotating one document made."""

    data: bytes  # the new package
    comments: int = 0
    revisions: int = 0
    findings: list[Diagnostic] = field(default_factory=list)  # what the comments tell
    document: Document | None = None  # the text those findings point into
    applied: list = field(default_factory=list)  # gongwen.fix.AppliedFix of the tracked fixes
    note: str | None = None  # why fixes were not tracked, when they were not


def annotate(data: bytes, doc: Document, found: list[Diagnostic], linter=None, *, fix: bool = False,
             unsafe: bool = False, when: datetime | None = None) -> Annotation:
    """Annotate the .docx ``data`` whose reader document is ``doc`` and findings ``found``.
    With ``fix``, ``linter`` fixes the text and the fixes become tracked changes."""
    when = (when or datetime.now(timezone.utc)).replace(microsecond=0)
    package = Package(data)
    sections = docx.text_sections(package.names, package.tree)
    paragraphs = [(section, p) for section in sections for p in section.paragraphs]
    lines = doc.text.split("\n")
    if len(lines) != len(paragraphs) or any(docx.paragraph_line(p) != line
                                            for (_, p), line in zip(paragraphs, lines)):
        raise PackageError("文档的段落与读取到的文本不一致，无法定位批注")
    ids = package.fresh_ids()
    result = Annotation(b"", findings=found, document=doc)
    if fix:
        _track_fixes(result, package, paragraphs, lines, linter, unsafe, ids, when)
    text = result.document.text
    _comment(result, package, paragraphs, text, ids, when)
    result.data = package.write(when)
    return result


def _track_fixes(result: Annotation, package: Package, paragraphs, lines: list[str], linter, unsafe: bool,
                 ids, when: datetime) -> None:
    from gongwen.fix import fix_document

    fixed = fix_document(result.document, linter, unsafe, diagnostics=result.findings)
    new_lines = fixed.text.split("\n")
    if len(new_lines) != len(lines):  # a fix joined or split paragraphs: no tracked form for it
        result.note = "修复改变了段落数，未以修订形式写入"
        return
    reviser = Reviser(AUTHOR, when.strftime("%Y-%m-%dT%H:%M:%SZ"), ids)
    for (section, p), old, new in zip(paragraphs, lines, new_lines):
        if old != new:
            reviser.revise(p, old, new)
            package.touch(section.part)
            if docx.paragraph_line(p) != new:
                raise PackageError(f"修订后的段落与修复结果不一致：{new[:40]!r}")
    result.revisions = reviser.count
    result.applied = fixed.applied
    result.findings = fixed.remaining
    result.document = fixed.document


# Word shows no comments in headers and footers: their findings are noted at the body's start.
_NO_COMMENTS = ("word/header", "word/footer")


def _comment(result: Annotation, package: Package, paragraphs, text: str, ids, when: datetime) -> None:
    lines = text.split("\n")
    notes = plan(result.findings, lines)
    if not notes:
        return
    commenter = Commenter(package.comments(), ids, when)
    first_in_part: dict[str, int] = {}
    for i, (section, _) in enumerate(paragraphs):
        first_in_part.setdefault(section.part, i)
    for note in notes:
        section, p = paragraphs[note.line]
        if section.part.startswith(_NO_COMMENTS):
            where = f"位于{section.label}第 {note.line - first_in_part[section.part] + 1} 段："
            note.paragraphs[0] = where + note.paragraphs[0]
            _, body_first = paragraphs[0]
            commenter.add(body_first, body_first, 0, 0, note.paragraphs)
            package.touch(BODY)
            continue
        end_section, last = paragraphs[note.end_line]
        end = note.end_column
        if end_section is not section:  # a span never crosses parts
            last, end = p, len(lines[note.line])
        commenter.add(p, last, note.column, end, note.paragraphs)
        package.touch(section.part)
    result.comments = commenter.count
