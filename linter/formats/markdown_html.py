"""Top-level HTML blocks that end at an empty line (kinds 6 and 7), taken from their own lines
as markdown-it-py takes them.

A page of ``<div>`` blocks (``<div>\\n\\n``, 1 MB) cost markdown-it-py 2.3 CPU seconds for its
block map. At a fresh point, a line of at most three spaces and ``<`` is an HTML block if
one of markdown-it-py's own ``HTML_SEQUENCES`` openers matches it; the first that matches
decides the kind (rules_block/html_block.py). Kinds 6 (a block tag) and 7 (a lone complete
tag) end at the first empty line, which the block does not hold, or at the end. No earlier
rule claims the line (it starts with ``<``) unless the next line is a table's delimiter row,
so a next line that may be one (it starts with ``|``, ``:`` or ``-``) leaves the block to
markdown-it-py; so do kinds 1 to 5, which end at their own closers (comments are taken by
markdown_blocks' fast pattern).
"""
from __future__ import annotations


from markdown_it.rules_block.html_block import HTML_SEQUENCES
from gongwen.analysis import pattern_cache

_START = pattern_cache.re_compile(r" {0,3}<[^\n]*")
_DELIMITER_NEXT = pattern_cache.re_compile(r"\n[ \t]*[|:\-]")
# The line break before an empty line (spaces and tabs only) or before the end.
_EMPTY_NEXT = pattern_cache.re_compile(r"\n[ \t]*(?:\n|\Z)")
_EMPTY_LINES = pattern_cache.re_compile(r"(?:[ \t]*\n)*")
_ENDS_ON_EMPTY_LINE = {i for i, (_, close, _) in enumerate(HTML_SEQUENCES) if close.search("")}


_kinds: dict[str, int | None] = {}  # a page repeats its tags


def _kind(line: str) -> int | None:
    """The index in HTML_SEQUENCES of the first opener that matches ``line`` (from its ``<``)."""
    kind = _kinds.get(line, -1)
    if kind == -1:
        kind = next((i for i, (opener, _, _) in enumerate(HTML_SEQUENCES) if opener.search(line)), None)
        if len(_kinds) < 4096:
            _kinds[line] = kind
    return kind


def scan_html(text: str, pos: int, first_line: int, line_max) -> tuple[int, int, list]:
    """HTML blocks from ``pos`` (a fresh point) that end at an empty line, and the empty lines
    after each: (position, line) of the first line after them and their blocks; the position
    is ``pos`` if none is taken. ``line_max`` gives markdown-it-py's line count of ``text``
    (the end of a block that runs to the end)."""
    blocks: list[tuple[str, int, int]] = []
    line, count = first_line, text.count
    while True:
        start = _START.match(text, pos)
        if (start is None or _kind(start.group().lstrip(" ")) not in _ENDS_ON_EMPTY_LINE
                or _DELIMITER_NEXT.match(text, start.end())):
            return pos, line, blocks
        empty = _EMPTY_NEXT.search(text, start.end())
        if empty is None or empty.end() == len(text) and text[-1] != "\n":
            blocks.append(("html", line, line_max(text)))
            return len(text), line_max(text), blocks
        stop = empty.start() + 1
        end = line + count("\n", pos, stop)
        blocks.append(("html", line, end))
        pos = _EMPTY_LINES.match(text, stop).end()  # a fresh point after them
        line = end + count("\n", stop, pos)
