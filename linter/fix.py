"""Applying fixes to text: non-overlapping edits, in one pass."""
from __future__ import annotations

from typing import Iterable

from gongwen.diagnostic import Edit


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
