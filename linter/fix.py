"""Applying fixes: to a string (repeated until nothing changes) and to a file on disk.

A run applies every selected fix whose edits do not overlap or touch one already taken, re-lints
the new text and repeats — a fix can expose or remove another finding — until a pass
changes nothing (at most ``MAX_PASSES``). Display-only fixes (``2025127`` → which date?)
are never applied.

Writing back (:mod:`gongwen.safe_write`) keeps what the file had: encoding, byte-order
mark, line endings (fixes never touch line breaks, and the text is never
newline-translated), permission bits, hard links; it changes no byte outside the fixes,
and refuses — with a reason — whenever it cannot promise that. A file whose bytes changed
on disk since it was read is left alone.
"""
from __future__ import annotations

import bisect
import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from gongwen.diagnostic import Applicability, Diagnostic, Edit, Fix
# Where a plain check's tally finds them without importing this module (fixing only).
from gongwen.diagnostic import allowed, applicable_fix  # noqa: F401
from gongwen.document import Document
# Also used through this module by the run (stdin) and by tests.
from gongwen.safe_write import (FileChanged, Unwritable, digest, encode_for_write, encode_like,  # noqa: F401
                                write_atomic)

MAX_PASSES = 10
WRITABLE_FORMATS = ("text", "markdown")


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply edits sorted by position, skipping any that overlaps one already applied
    (ruff's rule: the first wins, the rest wait for the next pass). Returns the new text and
    the edits applied."""
    out, applied, cursor = [], [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        # Overlaps, or shares a start with, an applied edit: it waits for the next pass.
        if edit.start < cursor or (applied and edit.start == applied[-1].start):
            continue
        out.append(text[cursor:edit.start])
        out.append(edit.content)
        cursor = edit.end
        applied.append(edit)
    out.append(text[cursor:])
    return "".join(out), applied


def _conflicts(a: Edit, b: Edit) -> bool:
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def _touches(a: Edit, b: Edit) -> bool:
    """Overlapping or adjacent (one ends where the other starts). Two fixes that touch each
    saw the text around them as it was, not as the other leaves it: ``...…`` fixed as
    ``...``→``……`` and ``…``→``……`` in one pass became ``…………``. The second waits for the
    next pass, which re-lints the joined text (ruff's rule as well)."""
    return a.start <= b.end and b.start <= a.end


def _self_conflicting(edits: tuple[Edit, ...]) -> bool:
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    return any(_conflicts(a, b) for a, b in zip(ordered, ordered[1:]))


class _TakenEdits:
    """The edits a pass has taken, sorted by start. They never touch each other, so they
    are disjoint and sorted by end as well: an edit touches one of them only if it touches
    its neighbours — the last taken edit starting at or before it and the
    first starting after it. Two comparisons per edit instead of one per taken edit (the
    all-pairs check made 20,000 fixes take 16 s)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[Edit] = []

    def conflicts(self, edit: Edit) -> bool:
        i = bisect.bisect_right(self.starts, edit.start)
        return ((i > 0 and _touches(edit, self.edits[i - 1]))
                or (i < len(self.edits) and _touches(edit, self.edits[i])))

    def add(self, edit: Edit) -> None:
        i = bisect.bisect_right(self.starts, edit.start)
        self.starts.insert(i, edit.start)  # at the end for fixes taken in text order
        self.edits.insert(i, edit)


class MalformedFix(ValueError):
    """A rule's fix with an edit that is not a span of the text it fixes (a third-party
    rule's bug; the engine checks a finding's own span, not its fix's). Applied, an end
    before its start wrote the text between them twice, and an end past the text deleted
    all of it after the start: the file is then not written, and LNT907 names the rule."""


def check_edits(d: Diagnostic, fix: Fix, length: int) -> None:
    """Raise MalformedFix unless every edit of ``fix`` is ``0 <= start <= end <= length``
    (integers) with text to put there."""
    for e in fix.edits:
        if not (isinstance(e.start, int) and isinstance(e.end, int) and 0 <= e.start <= e.end <= length):
            raise MalformedFix(f"规则 {d.code} 的修复要改的位置 [{e.start!r}, {e.end!r}) "
                               f"不是文本中的一段（文本长 {length}）")
        if not isinstance(e.content, str):
            raise MalformedFix(f"规则 {d.code} 的修复要写入的内容不是文本：{type(e.content).__name__}")




@dataclass(frozen=True)
class AppliedFix:
    """One fix that a run applied (``title`` says what it did, in Chinese)."""

    code: str
    name: str
    title: str
    applicability: Applicability


def source_fix(doc: Document, fix: Fix) -> Fix | None:
    """``fix`` with its edits (spans of ``doc.text``) as spans of ``doc.source``, or None when
    one of them covers source the rules did not read as it stands:
    - source the reader masked (Markdown keeps the source's offsets): a comment (a suppression
      directive among them), code, a link target. Rules read the mask (a comment is spaces),
      so a fix for what they saw there — PUN017's "删去句中的空白" on
      ``这是<!-- gongwen-disable PUN001 -->一段`` — would delete what they never read;
    - a line break a hard-wrapped text's reader removed (``formats.rewrap``): an edit across
      it would join or move the file's lines, which fixes never touch.
    Each edit must cover in the source exactly the characters it covers in the text."""
    if doc.text is doc.source:
        return fix
    text, source, to_source = doc.text, doc.source, doc.offset_map.to_source
    edits = []
    for e in fix.edits:
        start = to_source(e.start)
        end = start + e.end - e.start
        if source[start:end] != text[e.start:e.end]:
            return None
        edits.append(e if start == e.start else Edit(start, end, e.content))
    return fix if all(a is b for a, b in zip(edits, fix.edits)) else Fix(tuple(edits), fix.applicability, fix.title)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False,
                doc: Document | None = None) -> tuple[str, list[AppliedFix]]:
    """One pass: every fix of the allowed applicability whose edits touch none already
    taken (a fix's edits are taken all together or not at all), in text order. With ``doc``
    (whose source ``text`` is), the fixes' edits are spans of ``doc.text`` mapped to the source
    (``source_fix``), and one that would edit source the rules did not read is never taken. A
    fix whose edits are not spans of the text it fixes raises MalformedFix."""
    chosen: list[tuple[Diagnostic, Fix]] = []
    taken = _TakenEdits()
    candidates = [(d, f) for d in diagnostics if (f := applicable_fix(d, unsafe)) and f.edits]
    for d, fix in candidates:
        check_edits(d, fix, len(text if doc is None else doc.text))
    if doc is not None:
        candidates = [(d, f) for d, fix in candidates if (f := source_fix(doc, fix)) is not None]
    for d, fix in sorted(candidates, key=lambda df: min((e.start, e.end) for e in df[1].edits)):
        # A fix's own edits must not conflict with each other either (all or nothing).
        if any(taken.conflicts(e) for e in fix.edits) or _self_conflicting(fix.edits):
            continue
        for e in fix.edits:
            taken.add(e)
        chosen.append((d, fix))
    new_text, _ = apply_edits(text, taken.edits)
    return new_text, [AppliedFix(d.code, d.name, f.title, f.applicability) for d, f in chosen]


@dataclass
class FixResult:
    text: str
    applied: list[AppliedFix] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)  # findings in the fixed text
    passes: int = 0
    converged: bool = True
    document: Document | None = None  # the fixed text as a document (what ``remaining`` points into)


def fix_document(doc: Document, linter, unsafe: bool = False, max_passes: int = MAX_PASSES,
                 diagnostics: list[Diagnostic] | None = None) -> FixResult:
    """Fix ``doc.text`` until a pass changes nothing; ``diagnostics`` (of ``doc``) saves a lint."""
    found = linter.lint(doc) if diagnostics is None else diagnostics
    # Edits go to the source: the same string as ``text`` for plain text, the same offsets for
    # a masking reader (Markdown), whose masked source is never edited, and mapped back for a
    # hard-wrapped text (source_fix).
    result = FixResult(doc.source, remaining=found, document=doc)
    current = doc
    while any(applicable_fix(d, unsafe) for d in result.remaining):
        if result.passes == max_passes:
            result.converged = False
            break
        new_text, applied = apply_fixes(current.source, result.remaining, unsafe, current)
        result.passes += 1
        if new_text == current.source:
            break  # only empty fixes were left: nothing can change any more
        result.applied.extend(applied)
        current = _reread(doc, new_text)
        result.text = new_text
        result.document = current
        result.remaining = linter.lint(current)
    return result


def fix_text(text: str, unsafe: bool = False, *, path: str = "<text>", fmt: str = "text",
             select: list[str] | None = None, ignore: list[str] | None = None,
             config: dict | None = None) -> tuple[str, list[AppliedFix]]:
    """Apply safe fixes (and unsafe ones with ``unsafe=True``) until nothing changes.
    Returns the new text and the fixes applied, in the order they were applied.

    ``fmt="markdown"`` goes through the Markdown reader, so code is never edited; a format
    whose checked text is not the source itself (HTML) raises ``ValueError`` instead of
    editing markup."""
    from gongwen import api

    doc = api.document_from_text(text, path, fmt)
    reason = can_write(doc)
    if reason is not None:
        raise ValueError(f"{reason}：只能修复纯文本和 Markdown")
    linter = api.make_linter(config, select=select, ignore=ignore)
    result = fix_document(doc, linter, unsafe)
    return result.text, result.applied


def _reread(doc: Document, source: str) -> Document:
    """The document a format reader makes of the fixed source."""
    from gongwen.formats import read_text_format

    current = read_text_format(doc.format, source, doc.path, {})
    current.encoding, current.had_bom = doc.encoding, doc.had_bom
    return current


def can_write(doc: Document) -> str | None:
    """Why a fix must not be written back to this document's file, or None if it may."""
    if doc.format not in WRITABLE_FORMATS:
        return f"{doc.format} 格式的文件不写回"
    from gongwen.formats.warc import is_archive

    if is_archive(doc.path):  # read as text outside a run (fix_path): its pages' offsets are not the file's
        return "网页归档（WARC）不写回"
    # A hard-wrapped text is read with its wrapping breaks removed (formats.rewrap): its fixes
    # are mapped back character for character, or not taken (source_fix).
    rewrapped = doc.format == "text"
    if not rewrapped and (not doc.offset_map.is_identity or len(doc.source) != len(doc.text)):
        return "检查的文本与源文件不是逐字对应，不写回"
    return None


def unified_diff(path: str, old: str, new: str) -> str:
    """The diff of two texts, as UTF-8 would store them (standard input's --diff)."""
    return unified_diff_bytes(path, old.encode("utf-8", "surrogatepass"),
                              new.encode("utf-8", "surrogatepass")).decode("utf-8", "surrogateescape")


def unified_diff_bytes(path: str, old: bytes, new: bytes) -> bytes:
    """The diff of a file's bytes and the bytes --fix writes, which ``patch`` applies to give
    exactly that file: lines end at \n only, as patch reads them (a CR-only file is one
    line), and each line keeps the file's own encoding and byte-order mark."""
    name = path.encode("utf-8", "surrogateescape")
    lines = difflib.diff_bytes(difflib.unified_diff, _lines(old), _lines(new),
                               fromfile=name if path.startswith("/") else b"a/" + name,
                               tofile=name if path.startswith("/") else b"b/" + name)
    out = []
    for line in lines:
        out.append(line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n")
    return b"".join(out)


def _lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


@dataclass
class FileFix:
    """What fixing one file did (or would do, for ``--diff``)."""

    path: str
    original: str
    result: FixResult
    doc: Document | None = None
    written: bool = False
    refused: str | None = None  # why the fixed text was not written
    data: tuple[bytes, bytes] | None = None  # the file's bytes and those --fix writes (--diff)
    blocked: bool = False  # a fix was to be written and was not: the run must not pass quietly

    @property
    def changed(self) -> bool:
        return self.result.text != self.original

    def summary(self) -> "FixSummary":
        """What the end of a run reports of this file's fixes, without its texts and
        documents (gongwen.run keeps one per file that has something to report)."""
        counts = Counter((a.code, a.title) for a in self.result.applied)
        return FixSummary(self.path, counts, self.result.passes, self.result.converged,
                          self.changed, self.written, self.refused, self.blocked)


@dataclass(frozen=True)
class FixSummary:
    """The counts and reasons of one file's fixes (:meth:`FileFix.summary`)."""

    path: str
    counts: Counter  # (code, title) -> how many such fixes were applied
    passes: int
    converged: bool
    changed: bool
    written: bool
    refused: str | None
    blocked: bool

    @property
    def applied(self) -> int:
        return sum(self.counts.values())


def fix_path(path: Path, linter, *, unsafe: bool = False, encoding: str | None = None,
             write: bool = True, inputs=None) -> FileFix | None:
    """Lint and fix one file, writing it back when ``write`` and allowed (see
    :mod:`gongwen.safe_write`). Returns None for an input that could not be read (the caller
    reports it as the plain lint would)."""
    from gongwen.sources import InputOptions, InputProblem, read_with_bytes

    inputs = inputs or InputOptions(encoding=encoding)
    original, doc = read_with_bytes(path, encoding, inputs)
    if isinstance(doc, InputProblem):
        return None
    reason = can_write(doc)
    if reason is not None:
        # Offsets into extracted prose are not offsets into the file: lint, never fix.
        found = linter.lint(doc)
        outcome = FileFix(doc.path, doc.source, FixResult(doc.source, [], found), doc)
        if any(applicable_fix(d, unsafe) for d in found):
            outcome.refused = reason
        return outcome
    result = fix_document(doc, linter, unsafe)
    outcome = FileFix(doc.path, doc.source, result, doc)
    if not outcome.changed:
        return outcome
    if not write:  # --diff: the bytes --fix would write, or its reason not to
        try:
            outcome.data = original, encode_for_write(doc.source, result.text, original, doc.encoding,
                                                      encoding or inputs.encoding_for(path))
        except Unwritable as exc:
            outcome.refused = str(exc)
    if write:
        try:
            data = encode_for_write(doc.source, result.text, original, doc.encoding,
                                    encoding or inputs.encoding_for(path))
            write_atomic(path, data, digest(original))
            outcome.written = True
            outcome.doc = result.document
        except FileChanged:
            outcome.refused = "文件在检查期间被修改或移走，未写回"
        except Unwritable as exc:
            outcome.refused = str(exc)
        except OSError as exc:
            outcome.refused = f"无法写回：{exc.strerror or exc}"
        outcome.blocked = not outcome.written
    if not outcome.written and write:
        # Nothing changed on disk: what remains is what the file still has.
        outcome.result = FixResult(doc.source, [], linter.lint(doc), 0, result.converged, doc)
    return outcome
