"""Display width of source text in a terminal.

Columns in every machine format count code points; only the terminal renderer measures
cells. A CJK character takes two cells. East Asian Ambiguous characters (“ ” … — ·) take
one cell as rich counts them, or two with ``ambiguous_width=2`` for CJK-configured terminals.
"""
from __future__ import annotations

import unicodedata

from rich.cells import get_character_cell_size

TAB = 4


def printable(text: str) -> str:
    """Tabs expanded; control characters shown as U+FFFD so they cannot move the cursor."""
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" " * TAB)
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def char_cells(ch: str, ambiguous_width: int = 1) -> int:
    if ambiguous_width == 2 and unicodedata.east_asian_width(ch) == "A":
        return 2
    return get_character_cell_size(ch)


def cells(text: str, ambiguous_width: int = 1) -> int:
    return sum(char_cells(ch, ambiguous_width) for ch in text)


def join_lines(first: str, second: str) -> str:
    """Two lines of one paragraph as one: a space between English words, none between
    Chinese characters (where a line break in the source means nothing)."""
    if not first or not second:
        return first + second
    wide = char_cells(first[-1]) == 2 or char_cells(second[0]) == 2
    return first + ("" if wide else " ") + second


# A line may not start with a closing mark nor end with an opening one (the usual CJK line
# breaking rule), so these stick to the atom before or after them.
_NO_BREAK_BEFORE = frozenset("，。、；：？！）》」』】〕”’…—·)]}％")
_NO_BREAK_AFTER = frozenset("（《「『【〔“‘([{")


def _atoms(text: str) -> list[str]:
    """Break opportunities: a wide (CJK) character stands alone, a run of narrow non-space
    characters (``--fix``, ``.pdf``, ``gb18030``) is one word, a run of spaces is one gap."""
    atoms: list[str] = []
    for ch in text:
        prev = atoms[-1] if atoms else ""
        if ch.isspace():
            joins = prev.isspace()
        elif (prev and ch in _NO_BREAK_BEFORE) or prev[-1:] in _NO_BREAK_AFTER:
            joins = not prev.isspace()
        else:
            joins = bool(prev) and not prev.isspace() and char_cells(ch) == 1 and char_cells(prev[-1]) == 1
        if joins:
            atoms[-1] += ch
        else:
            atoms.append(ch)
    return atoms


def wrap(text: str, width: int, ambiguous_width: int = 1) -> list[str]:
    """``text`` broken into lines of at most ``width`` display cells (a CJK character is two),
    breaking between CJK characters or at spaces, never inside an ASCII word that fits."""
    width = max(width, 2)
    lines: list[str] = []
    line, used, gap = "", 0, ""
    joined = ""
    for part in text.split("\n"):
        joined = join_lines(joined, part.strip())
    for atom in _atoms(joined):
        if atom.isspace():
            gap = " " if line else ""
            continue
        size = cells(atom, ambiguous_width)
        if line and used + len(gap) + size > width:
            lines.append(line)
            line, used, gap = "", 0, ""
        while size > width:  # a word longer than the line is cut where it must be
            cut, cut_cells = 0, 0
            while cut < len(atom) and cut_cells + char_cells(atom[cut], ambiguous_width) <= width:
                cut_cells += char_cells(atom[cut], ambiguous_width)
                cut += 1
            while 1 < cut < len(atom) and atom[cut] in _NO_BREAK_BEFORE:
                cut -= 1  # a closing mark takes the character before it along
            cut = max(cut, 1)
            lines.append(atom[:cut])
            atom = atom[cut:]
            size = cells(atom, ambiguous_width)
        line, used, gap = line + gap + atom, used + len(gap) + size, ""
    if line or not lines:
        lines.append(line)
    return lines
