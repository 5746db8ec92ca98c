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
