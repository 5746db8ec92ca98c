"""Positions in a paragraph's text and the runs (``w:r``) that hold them.

A paragraph's text is its pieces joined (``gongwen.formats.docx.paragraph_pieces``: the one
definition the reader uses too). To mark the characters ``[a, b)`` with a comment range or a
tracked change they must be exactly whole runs, so a run is cut where a span starts or ends
inside it; every part keeps a copy of the run's properties (``w:rPr``) and attributes, so
what the reader sees and how Word formats it are unchanged. python-docx has no API for
splitting a run, so this works on the lxml elements directly.
"""
from __future__ import annotations

import bisect
import copy
from typing import Iterable, Iterator

from gongwen.formats.docx import W, paragraph_pieces

RPR = W + "rPr"
R = W + "r"
P = W + "p"


class PieceMap:
    """Where each character of one paragraph's text lives: the piece elements in order with
    the offset each starts at; a piece's run is its parent. Empty pieces hold no position
    and are left out."""

    def __init__(self, paragraph) -> None:
        self.paragraph = paragraph
        self.starts: list[int] = []
        self.elements: list = []
        offset = 0
        for el, text in paragraph_pieces(paragraph):
            if text:
                self.starts.append(offset)
                self.elements.append(el)
                offset += len(text)
        self.length = offset

    def runs_in(self, start: int, end: int) -> list:
        """The runs whose pieces lie in ``[start, end)``, in document order (after cutting at
        both ends, no run holds a piece on either side)."""
        first = bisect.bisect_left(self.starts, start)
        runs: list = []
        for i in range(first, len(self.starts)):
            if self.starts[i] >= end:
                break
            run = self.elements[i].getparent()
            if not runs or runs[-1] is not run:
                runs.append(run)
        return runs

    def run_ending_at(self, pos: int):
        """The run of the last piece ending at ``pos`` (None at the paragraph's start)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        return self.elements[i].getparent() if i >= 0 else None

    def run_starting_at(self, pos: int):
        i = bisect.bisect_left(self.starts, pos)
        return self.elements[i].getparent() if i < len(self.starts) else None


def copy_shell(run, ids: Iterator[int]):
    """An empty run with ``run``'s attributes and a copy of its properties. A revision mark
    in them (someone's ``w:rPrChange``) gets a fresh id: ids are unique in a document."""
    shell = run.makeelement(run.tag, dict(run.attrib))
    props = run.find(RPR)
    if props is not None:
        props = copy.deepcopy(props)
        for el in props.iter():
            if el.get(W + "id") is not None:
                el.set(W + "id", str(next(ids)))
        shell.append(props)
    return shell


def split_before(child, ids: Iterator[int]) -> None:
    """Move ``child`` and what follows it in its run into a new run right after it; the
    original run keeps what came before (so positions to the left stay where they were)."""
    run = child.getparent()
    children = list(run)
    index = children.index(child)
    if all(c.tag == RPR for c in children[:index]):
        return  # already the run's first content: the boundary is there
    tail = copy_shell(run, ids)
    for c in children[index:]:
        tail.append(c)  # append moves the element
    run.addnext(tail)


def _cut(pieces: PieceMap, pos: int, ids: Iterator[int]) -> None:
    i = bisect.bisect_right(pieces.starts, pos) - 1
    if i < 0 or pos >= pieces.length:
        return  # the paragraph's two ends are run boundaries already
    el, inside = pieces.elements[i], pos - pieces.starts[i]
    if inside:
        # Only a w:t holds more than one character: split its text, the left part stays.
        text = el.text or ""
        right = el.makeelement(el.tag, dict(el.attrib))
        right.text = text[inside:]
        el.text = text[:inside]
        for part in (el, right):
            keep_spaces(part)
        el.addnext(right)
        el = right
    split_before(el, ids)


def cut(paragraph, positions: Iterable[int], ids: Iterator[int]) -> PieceMap:
    """Cut runs so that every position is a run boundary; the map of the cut paragraph.

    Cuts go right to left and always leave the left part in the original elements, so the
    one map built first stays right for every position still to cut."""
    pieces = PieceMap(paragraph)
    for pos in sorted(set(positions), reverse=True):
        _cut(pieces, pos, ids)
    return PieceMap(paragraph)


def keep_spaces(t) -> None:
    """Word drops leading and trailing spaces of a w:t unless told to keep them."""
    text = t.text or ""
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def top_in_paragraph(el):
    """``el`` or its ancestor that is a direct child of the nearest paragraph."""
    while el.getparent() is not None and el.getparent().tag != P:
        el = el.getparent()
    return el
