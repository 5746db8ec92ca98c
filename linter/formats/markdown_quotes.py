"""Top-level block quotes of one paragraph, taken from their own lines as markdown-it-py
takes them.

A page of quote lines (``> a`` a line, 1 MB) cost markdown-it-py 3.1 CPU seconds for its
block map: rules_block/blockquote.py walks each line in Python, then the paragraph inside
tries its eight terminators on it again. This module takes a quote at a fresh point only in
the simplest world, where every rule's answer follows from the first character of a line:

- each *quote line* is at most three spaces, exactly ``depth`` markers ``>`` (each may be
  followed by one space; 1 to 8 of them, far below markdown-it-py's nesting limit), then a
  character no block starts with (``PLAIN_START``): at every level the line continues the
  quote, and at the innermost its content is a paragraph line that nothing interrupts;
- a *lazy line* is one with no marker: spaces and tabs, then a plain character; no
  terminator claims it, so each quote takes it as a lazy continuation (``sCount`` -1) and
  the paragraph skips it;
- the quote must end at an empty line or the end: there the paragraph ends too.

Then the quote is ``depth`` nested quotes holding one paragraph: one ``inline`` block from
the first line to the empty line. Any other line (a marker at another depth, an empty quote
line, a line a terminator may claim) leaves the quote to markdown-it-py.
tests/test_markdown_blocks.py compares the result with markdown-it-py's whole parse.
"""
from __future__ import annotations


from gongwen.formats.markdown_lists import PLAIN_START
from gongwen.analysis import pattern_cache

_MAX_DEPTH = 8
# Indented lines too start with a plain character: a nested quote sees a lazy line with
# sCount -1, no longer as code, so its terminators read the first character (and an indented
# > continues the quote: blockquote.py reads a marker at any indent there).
_LAZY = rf"(?:[ \t]*{PLAIN_START})"
_DEPTH = pattern_cache.re_compile(r" {0,3}((?:> ?)+)")
# The quote's lines at one depth, then where it must end: an empty line or the end.
_QUOTES = {depth: pattern_cache.re_compile(rf"(?: {{0,3}}(?:> ?){{{depth}}}{PLAIN_START}[^\n]*\n)"
                             rf"(?:(?: {{0,3}}(?:> ?){{{depth}}}{PLAIN_START}|{_LAZY})[^\n]*\n)*+"
                             rf"(?:(?: {{0,3}}(?:> ?){{{depth}}}{PLAIN_START}|{_LAZY})[^\n]*\Z)?"
                             r"(?=[ \t]*(?:\n|\Z))")
           for depth in range(1, _MAX_DEPTH + 1)}


def scan_quote(text: str, pos: int, first_line: int) -> tuple[int, int, list]:
    """A block quote from ``pos`` (a fresh point): (position, line) of the empty line after it
    and its blocks; the position is ``pos`` if none is taken."""
    marks = _DEPTH.match(text, pos)
    if marks is None:
        return pos, first_line, []
    depth = marks.group(1).count(">")
    quote = _QUOTES[depth].match(text, pos) if depth <= _MAX_DEPTH else None
    if quote is None:
        return pos, first_line, []
    stop = quote.end()
    line = first_line + text.count("\n", pos, stop) + (stop == len(text) and text[stop - 1] != "\n")
    return stop, line, [("inline", first_line, line)]
