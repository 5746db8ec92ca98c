"""Findings as Word comments (批注): author ``gongwen``, on exactly the finding's characters.

A comment's text is ``CODE 消息`` and, in a second paragraph, the finding's help. When one
paragraph has ``GROUP_FROM`` or more findings of one code, they become one comment on the
first of them that says how many there are and what each matched: a reviewer reads one
note instead of a margin full of the same one.

Word allows no comments in headers and footers, so a finding there is noted on the start
of the body, its comment saying where it is. The comment itself is made with python-docx
(``CT_Comments.add_comment`` builds the ``w:comment`` with its annotation mark); the range
marks and the reference run in the text are lxml elements, as python-docx can place them
only around whole runs of the body.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from typing import Iterator

from gongwen.annotate.runs import PieceMap, cut, top_in_paragraph
from gongwen.diagnostic import Diagnostic
from gongwen.formats.docx import W

AUTHOR = "gongwen"
INITIALS = "GW"
GROUP_FROM = 4  # findings of one code in one paragraph that make one comment together
LISTED = 12  # matched texts a grouped comment lists before "…"


@dataclass
class Note:
    """One comment to make: where (paragraph index and column, start and end) and its text."""

    line: int
    column: int
    end_line: int
    end_column: int
    paragraphs: list[str]
    findings: int = 1  # how many findings it stands for


def plan(found: list[Diagnostic], line_starts: list[int], lines: list[str]) -> list[Note]:
    """The comments for ``found`` (offsets into the text whose lines are ``lines``)."""
    located = sorted(((_locate(d.start, line_starts), _locate(max(d.end, d.start), line_starts), d)
                      for d in found), key=lambda x: (x[0], x[1]))
    notes: list[Note] = []
    for line, items in groupby(located, key=lambda x: x[0][0]):
        items = list(items)
        by_code: dict[str, list] = {}
        for item in items:
            by_code.setdefault(item[2].code, []).append(item)
        for (start, end, d) in items:
            same = by_code[d.code]
            if len(same) >= GROUP_FROM and same[0][2] is not d:
                continue  # told by the group's comment
            end = end if end[0] == line or end[1] > 0 else (end[0] - 1, len(lines[end[0] - 1]))
            note = Note(line, start[1], end[0], end[1], [f"{d.code} {d.message}"])
            if len(same) >= GROUP_FROM:
                shown = "".join(f"「{x[2].matched}」" for x in same[:LISTED]) + ("…" if len(same) > LISTED else "")
                note.paragraphs.append(f"本段共 {len(same)} 处 {d.code}：{shown}")
                note.findings = len(same)
            if d.help:
                note.paragraphs.append(d.help)
            notes.append(note)
    return notes


def _locate(offset: int, line_starts: list[int]) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(line_starts, offset) - 1
    return line, offset - line_starts[line]


class Commenter:
    """Places comments in the paragraphs of any part and writes them to the comments part."""

    def __init__(self, comments_root, ids: Iterator[int], when: datetime) -> None:
        self.root, self.ids, self.when = comments_root, ids, when
        self.count = 0

    def add(self, first, last, start: int, end: int, paragraphs: list[str]) -> None:
        """A comment from ``start`` in paragraph ``first`` to ``end`` in ``last`` (the same
        paragraph for most findings; ``start == end`` marks a point)."""
        comment_id = str(next(self.ids))
        self._write(comment_id, paragraphs)
        if first is last:
            pieces = cut(first, (start, end))
            start_at = end_at = pieces
        else:
            start_at, end_at = cut(first, (start,)), cut(last, (end,))
        range_start = first.makeelement(W + "commentRangeStart", {W + "id": comment_id})
        range_end = first.makeelement(W + "commentRangeEnd", {W + "id": comment_id})
        if start == end and first is last:
            _put_at(pieces, start, range_start, prefer_after=True)
            range_start.addnext(range_end)
        else:
            _put_at(start_at, start, range_start, prefer_after=False)
            _put_at(end_at, end, range_end, prefer_after=True)
        reference = first.makeelement(W + "r", {})
        reference.append(first.makeelement(W + "commentReference", {W + "id": comment_id}))
        top_in_paragraph(range_end).addnext(reference)
        self.count += 1

    def _write(self, comment_id: str, paragraphs: list[str]) -> None:
        comment = self.root.add_comment()
        comment.id = int(comment_id)
        comment.author = AUTHOR
        comment.initials = INITIALS
        comment.date = self.when
        comment.p_lst[0].add_r().text = paragraphs[0]
        for text in paragraphs[1:]:
            comment.add_p().add_r().text = text


def _put_at(pieces: PieceMap, pos: int, mark, prefer_after: bool) -> None:
    """Put a range mark at a run boundary: before the run starting at ``pos`` (a start) or
    after the run ending there (an end); a paragraph without text takes it at its end."""
    after, before = pieces.run_ending_at(pos), pieces.run_starting_at(pos)
    if pos == 0:
        after = None
    if pos >= pieces.length:
        before = None
    if prefer_after and after is not None or before is None and after is not None:
        after.addnext(mark)
    elif before is not None:
        before.addprevious(mark)
    else:
        pieces.paragraph.append(mark)
