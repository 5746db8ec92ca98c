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
from bisect import bisect_right
from itertools import accumulate, groupby
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
    """One comment to make: from (line, column) to (end_line, end_column) of the text, the
    lines being the paragraphs in the reader's order, and its paragraphs of text."""

    line: int
    column: int
    end_line: int
    end_column: int
    paragraphs: list[str]


def plan(found: list[Diagnostic], lines: list[str]) -> list[Note]:
    """The comments for ``found``, whose offsets point into ``"\n".join(lines)``."""
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))

    def locate(offset: int) -> tuple[int, int]:
        line = bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    located = sorted(((locate(d.start), locate(max(d.end, d.start)), d) for d in found),
                     key=lambda item: item[:2])
    notes: list[Note] = []
    for line, items in groupby(located, key=lambda item: item[0][0]):
        items = list(items)
        by_code: dict[str, list[Diagnostic]] = {}
        for _, _, d in items:
            by_code.setdefault(d.code, []).append(d)
        for (_, column), (end_line, end_column), d in items:
            same = by_code[d.code]
            grouped = len(same) >= GROUP_FROM
            if grouped and same[0] is not d:
                continue  # told by the comment on the first of them
            if end_line > line and end_column == 0:  # a span ending with its line break
                end_line, end_column = end_line - 1, len(lines[end_line - 1])
            note = Note(line, column, end_line, end_column, [f"{d.code} {d.message}"])
            if grouped:
                shown = "".join(f"「{x.matched}」" for x in same[:LISTED]) + ("…" if len(same) > LISTED else "")
                note.paragraphs.append(f"本段共 {len(same)} 处 {d.code}：{shown}")
            if d.help:
                note.paragraphs.append(d.help)
            notes.append(note)
    return notes


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
            pieces = cut(first, (start, end), self.ids)
            start_at = end_at = pieces
        else:
            start_at, end_at = cut(first, (start,), self.ids), cut(last, (end,), self.ids)
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
