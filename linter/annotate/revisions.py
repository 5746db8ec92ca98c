"""Fixes as tracked changes: ``w:del`` around the original characters, ``w:ins`` around the
new ones, each with author ``gongwen``, a date and a fresh id.

Each paragraph's fixed line is compared with its original line; every difference becomes
a deletion (the runs that hold the old characters wrapped in ``w:del``, their ``w:t``
renamed ``w:delText``) followed by an insertion (a new run with the neighbouring run's
properties inside ``w:ins``). Accepting every revision therefore gives the fixed line and
rejecting every one the original: the reader's text skips deleted runs, so the accepted
view is exactly what ``paragraph_pieces`` reads. python-docx has no API for revisions, so
the marks are lxml elements; the inserted run's content is set with python-docx's
``CT_R.text`` (tabs and breaks become ``w:tab`` and ``w:br``).
"""
from __future__ import annotations

import copy
from typing import Iterator

from docx.oxml.parser import OxmlElement

from gongwen.annotate.runs import RPR, copy_shell, cut
from gongwen.formats.docx import PIECE_TAGS, W

# A paragraph whose changed middle needs more single-character edits than this, or more
# than WORK_PER_CHAR steps along matching characters per character, becomes one
# replacement: Myers' diff costs O((N+M)·D) time and O(D²) memory for D edits, and so
# both stay bounded (at most MAX_EDITS² + WORK_PER_CHAR·(N+M) steps).
MAX_EDITS = 1000
WORK_PER_CHAR = 64


def line_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """``old[start:end]`` → text: the fewest character edits (Myers), consecutive ones joined.

    Fixes change a few characters here and there, so D is small and this is near linear;
    difflib's SequenceMatcher was tried and is quadratic and worse on a long paragraph."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    a, b = old[prefix:len(old) - suffix], new[prefix:len(new) - suffix]
    if not a and not b:
        return []
    path = _shortest_path(a, b, MAX_EDITS)
    if path is None:
        return [(prefix, prefix + len(a), b)]
    edits: list[tuple[int, int, str]] = []
    block = None  # (x, y) where the current run of edits began
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        diagonal = x1 == x0 + 1 and y1 == y0 + 1
        if not diagonal and block is None:
            block = (x0, y0)
        if diagonal and block is not None:
            edits.append((prefix + block[0], prefix + x0, b[block[1]:y0]))
            block = None
    if block is not None:
        edits.append((prefix + block[0], prefix + len(a), b[block[1]:]))
    return edits


def _shortest_path(a: str, b: str, max_d: int) -> list[tuple[int, int]] | None:
    """The points (x in a, y in b) of a shortest edit path from (0, 0) to (len a, len b), one
    step at a time (Myers 1986, greedy forward search with the V arrays kept for the way
    back); None when it needs more than ``max_d`` edits or more than its work budget."""
    n, m = len(a), len(b)
    mid = max_d + 1
    v = [0] * (2 * max_d + 3)  # v[mid + k]: furthest x reached on diagonal k = x - y
    trace: list[list[int]] = []
    budget = WORK_PER_CHAR * (n + m)  # snake steps; the d and k loops add at most max_d² more
    for d in range(max_d + 1):
        trace.append(v[mid - d - 1:mid + d + 2])  # diagonals -d-1 … d+1 before step d
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[mid + k - 1] < v[mid + k + 1]):
                x = v[mid + k + 1]  # down: an insertion
            else:
                x = v[mid + k - 1] + 1  # right: a deletion
            y, snake_from = x - k, x
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            budget -= x - snake_from
            if budget < 0:
                return None
            v[mid + k] = x
            if x >= n and y >= m:
                return _walk_back(trace, n, m)
    return None


def _walk_back(trace: list[list[int]], x: int, y: int) -> list[tuple[int, int]]:
    points = [(x, y)]
    for d in range(len(trace) - 1, -1, -1):
        before, k = trace[d], x - y
        prev_k = k + 1 if k == -d or (k != d and before[k - 1 + d + 1] < before[k + 1 + d + 1]) else k - 1
        prev_x = before[prev_k + d + 1]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x, y = x - 1, y - 1
            points.append((x, y))
        if d > 0:
            x, y = prev_x, prev_y
            points.append((x, y))
    return points[::-1]


class Reviser:
    """Makes tracked changes in any part, numbering them from one shared id counter."""

    def __init__(self, author: str, date: str, ids: Iterator[int]) -> None:
        self.author, self.date, self.ids = author, date, ids
        self.count = 0
        self._marks: set = set()  # the w:ins / w:del elements made here

    def _mark(self, tag: str, near):
        el = near.makeelement(W + tag, {W + "id": str(next(self.ids)), W + "author": self.author,
                                        W + "date": self.date})
        self._marks.add(el)
        return el

    def revise(self, paragraph, old: str, new: str) -> None:
        """Turn ``paragraph`` (whose text is ``old``) into tracked changes giving ``new``."""
        edits = line_edits(old, new)
        if not edits:
            return
        pieces = cut(paragraph, [pos for start, end, _ in edits for pos in (start, end)], self.ids)
        for start, end, text in edits:
            runs = [r for run in pieces.runs_in(start, end) for r in _text_runs(run, self.ids)]
            deletions = self._delete(runs)
            if text:
                self._insert(paragraph, pieces, start, text, runs, deletions)
            self.count += 1

    def _delete(self, runs: list) -> list:
        marks: list = []
        previous = None
        for run in runs:
            if previous is None or previous.getnext() is not run:
                marks.append(self._mark("del", run))
                run.addprevious(marks[-1])
            marks[-1].append(run)
            previous = marks[-1]
            for el in run:
                if el.tag == W + "t":
                    el.tag = W + "delText"
        return marks

    def _insert(self, paragraph, pieces, start: int, text: str, runs: list, deletions: list) -> None:
        template = runs[0] if runs else pieces.run_ending_at(start)
        if template is None:
            template = pieces.run_starting_at(start)
        mark = self._mark("ins", paragraph)
        run = OxmlElement("w:r")
        props = template.find(RPR) if template is not None else None
        if props is not None:  # the new text looks like the text it replaces or follows
            props = copy.deepcopy(props)
            for change in props.findall(W + "rPrChange"):  # someone's formatting revision is theirs
                props.remove(change)
            run.append(props)
        run.text = text.replace("\u2028", "\n")  # python-docx: "\t" → w:tab, "\n" → w:br
        mark.append(run)
        if deletions:
            deletions[-1].addnext(mark)
        elif (left := pieces.run_ending_at(start)) is not None:
            self._outside_marks(left).addnext(mark)
        elif (right := pieces.run_starting_at(start)) is not None:
            self._outside_marks(right).addprevious(mark)
        else:
            paragraph.append(mark)  # a paragraph with no text yet
        self._leave_others_insertions(mark)

    def _leave_others_insertions(self, mark) -> None:
        """Word puts new text typed inside another author's insertion between two halves of
        it, not nested in it: do the same, so the new text is only gongwen's."""
        parent = mark.getparent()
        while parent.tag in (W + "ins", W + "moveTo") and parent not in self._marks:
            right = parent.makeelement(parent.tag, dict(parent.attrib))
            right.set(W + "id", str(next(self.ids)))
            right.extend(list(mark.itersiblings()))  # moves what follows the new text
            parent.addnext(mark)
            if len(right):
                mark.addnext(right)
            if not len(parent):
                parent.getparent().remove(parent)
            parent = mark.getparent()

    def _outside_marks(self, run):
        """``run``, or the revision made here that holds it: a new insertion goes beside it."""
        while run.getparent() in self._marks:
            run = run.getparent()
        return run


def _text_runs(run, ids: Iterator[int]) -> list:
    """Split ``run`` so that its text sits in runs of its own, and return those: deleting
    a character must not delete the picture, field character or note mark beside it."""
    groups: list[tuple[bool, list]] = []
    for child in run:
        if child.tag == RPR:
            continue
        is_text = child.tag in PIECE_TAGS
        if groups and groups[-1][0] == is_text:
            groups[-1][1].append(child)
        else:
            groups.append((is_text, [child]))
    holders, last = [run], run
    for _, children in groups[1:]:
        shell = copy_shell(run, ids)
        shell.extend(children)  # moves them
        last.addnext(shell)
        holders.append(last := shell)
    return [holder for holder, (is_text, _) in zip(holders, groups) if is_text]
