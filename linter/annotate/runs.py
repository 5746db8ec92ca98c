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
    before = child.getprevious()
    if before is None or before.tag == RPR and before.getprevious() is None:
        return  # already the run's first content: the boundary is there
    run = child.getparent()
    tail = copy_shell(run, ids)
    tail.extend([child, *child.itersiblings()])  # moves them
    run.addnext(tail)


def _split_text(t, offsets: list[int]) -> list:
    """Split a w:t at ``offsets`` (inside its text, ascending) into consecutive w:t elements;
    the first is ``t`` itself. One pass over the text, however many offsets."""
    text = t.text or ""
    bounds = [0, *offsets, len(text)]
    parts = [t]
    for start, end in zip(bounds[1:], bounds[2:]):
        part = t.makeelement(t.tag, dict(t.attrib))
        part.text = text[start:end]
        parts[-1].addnext(part)
        parts.append(part)
    t.text = text[:bounds[1]]
    for part in parts:
        keep_spaces(part)
    return parts


def cut(paragraph, positions: Iterable[int], ids: Iterator[int]) -> PieceMap:
    """Cut runs so that every position is a run boundary; the map of the cut paragraph.

    Pieces are cut right to left and always leave the left part in the original elements,
    so the one map built first stays right for every piece still to cut; a piece's text is
    split once for all the positions inside it (linear in the paragraph)."""
    pieces = PieceMap(paragraph)
    inside: dict[int, set[int]] = {}
    for pos in positions:
        i = bisect.bisect_right(pieces.starts, pos) - 1
        if 0 <= i and pos < pieces.length:  # the paragraph's two ends are boundaries already
            inside.setdefault(i, set()).add(pos - pieces.starts[i])
    for i in sorted(inside, reverse=True):
        el, offsets = pieces.elements[i], sorted(inside[i])
        # Only a w:t holds more than one character, so only a w:t has offsets above 0.
        parts = _split_text(el, [o for o in offsets if o > 0]) if offsets[-1] > 0 else [el]
        for part in reversed(parts[1:]):
            split_before(part, ids)
        if offsets[0] == 0:
            split_before(el, ids)
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
