"""The block map of a Markdown body: which lines are code, HTML blocks and prose.

markdown-it-py decides it, but not line by line: its block parse costs ~10 µs a block in
Python, so a page of short blocks (```` ```\\na\\n ```` repeated) took 3.5 of the 5.7 CPU
seconds of its lint. A line pre-scan recognises, at the top level only, the four blocks
whose extent is plain from their own lines — blank lines, fenced code, ATX headings and
paragraphs of plain lines — and hands every other region to markdown-it-py whole, so each
block still gets markdown-it-py's answer:

- A *fresh point* is a line where markdown-it-py's top-level loop starts a block with
  nothing open (the first line; the line after a block that ended by its own lines). A
  block started there depends only on the lines from there on, so a region between two
  fresh points parses alone to the same tokens, its line numbers shifted.
- The fast blocks are tried in markdown-it-py's rule order, and each is taken only when no
  earlier rule could claim its lines: a fence, heading or paragraph line followed by a line
  that starts with ``|``, ``-`` or ``:`` (a possible table) is left to markdown-it-py; a
  paragraph is taken only when all its lines start with a character no block starts with
  and it ends at a blank line, the end, a fence opener or a heading (the terminators).
- A region markdown-it-py gets ends at a blank line followed by a line that starts in its
  first column with a character that continues no list or quote; that line is fresh unless
  the region ends inside a top-level fence or HTML block (which then runs to the region's
  end), and that is checked on the region's own tokens: if so, the rest of the body is
  parsed whole. Regions are at least ``_REGION_CHARS`` long so the per-call cost of
  markdown-it-py stays small.

tests/test_markdown_blocks.py compares ``block_map`` with ``reference_block_map`` (the whole
body through markdown-it-py) on 10,000 generated documents, and catches wrong variants.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from markdown_it import MarkdownIt

# Only the block structure is read (each token's type and line map): the core "inline" rule,
# which parses every paragraph's content into child tokens nobody reads, is off (it was a
# seventh of the parse of a page of short lines).
_md = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])

# markdown-it-py's own normalisation (rules_core/normalize.py): its line numbers count these.
_NEWLINES = re.compile(r"\r\n?")

# A character no block construct starts with (and no setext underline or table delimiter
# row): what a plain paragraph line starts with after at most three spaces.
_PLAIN = r"[^\x00-\x20`~>*+\-_#<\[|=:0-9]"
# A fence opener; a backtick fence's info string holds no backtick. The fast fence names its
# marker run to close on a run of the same character at least as long.
_OPENER = r" {0,3}(?:`{3,}[^`\n]*|~{3,}[^\n]*)(?:\n|\Z)"
_FENCE_OPENER = r" {0,3}(?:(?P<bt>`{3,})[^`\n]*|(?P<tl>~{3,})[^\n]*)(?:\n|\Z)"
_CLOSER = r" {0,3}(?:(?P=bt)`*|(?P=tl)~*)[ \t]*(?:\n|\Z)"
_HEADING = r" {0,3}#{1,6}(?=[ \t\n]|\Z)[^\n]*(?:\n|\Z)"
# The line after a fence, heading or paragraph line: one starting with | - : may make it a
# table's header (markdown-it-py tries the table rule first), so it is left to markdown-it-py.
_NO_TABLE = r"(?![ \t]*[|:\-])"
_FAST = re.compile(
    rf"(?P<blank>(?:[ \t]*\n)+|[ \t]+\Z)"
    rf"|(?P<fence>{_FENCE_OPENER}{_NO_TABLE}(?:[^\n]*\n)*?(?:(?P<closer>{_CLOSER})|[^\n]*\Z))"
    rf"|(?P<heading>{_HEADING}){_NO_TABLE}"
    rf"|(?P<para>(?: {{0,3}}{_PLAIN}[^\n]*(?:\n|\Z))++)"
    rf"(?=\Z|[ \t]*(?:\n|\Z)|{_OPENER}|{_HEADING})"
)
_BLANK_GROUP, _FENCE_GROUP, _CLOSER_GROUP = (_FAST.groupindex[g] for g in ("blank", "fence", "closer"))
# Where a region for markdown-it-py may end: a blank line, then a line starting in column 1
# with a character that continues no list, quote or indented code.
_REGION_END = re.compile(rf"\n[ \t]*\n(?={_PLAIN}|[`~#])")
_REGION_CHARS = 4096


class Block(NamedTuple):
    """Lines [first, last) of the body (0-based) are code, an HTML block or prose."""
    kind: str  # "code" | "html" | "inline"
    first: int
    last: int


_KINDS = {"fence": "code", "code_block": "code", "html_block": "html", "inline": "inline"}


def normalize(body: str) -> str:
    """The body as markdown-it-py reads it (line ends, NUL)."""
    return _NEWLINES.sub("\n", body).replace("\0", "\ufffd")


def _line_max(text: str) -> int:
    """markdown-it-py's line count: a last line without a line break counts unless it holds
    only spaces and tabs (StateBlock gives that one no line)."""
    tail = text[text.rfind("\n") + 1:]
    return text.count("\n") + (1 if tail.strip(" \t") else 0)


def _parse(text: str, shift: int) -> list[tuple[Block, int]]:
    """markdown-it-py's blocks of ``text``, shifted by ``shift`` lines, each with its token's
    nesting level (0 at the top)."""
    return [(Block(_KINDS[t.type], t.map[0] + shift, t.map[1] + shift), t.level)
            for t in _md.parse(text) if t.map is not None and t.type in _KINDS]


def reference_block_map(body: str) -> list[Block]:
    """The whole body through markdown-it-py: what ``block_map`` must equal."""
    return [b for b, _ in _parse(body, 0)]


def _runs_on(parsed: list[tuple[Block, int]], end: int) -> bool:
    """Whether a region that ends at a blank line and line ``end`` ends inside a top-level
    fence or HTML block, which would go on past it. Every other block ends at the blank line
    or at the unindented line after it: a list item's content is indented, a quote's lines
    start with >, indented code and HTML blocks of kinds 6 and 7 end at such lines."""
    return any(level == 0 and b.kind in ("code", "html") and b.last == end for b, level in parsed)


def block_map(body: str) -> list[Block]:
    """The blocks of ``body`` in document order, as ``reference_block_map`` gives them."""
    text = normalize(body)
    end = len(text)
    blocks: list[Block] = []
    pos = line = 0
    match = _FAST.match
    count = text.count
    while pos < end:
        m = match(text, pos)
        if m is None:
            region = _REGION_END.search(text, max(text.find("\n", pos), pos + _REGION_CHARS))
            stop = region.end() if region else end
            lines = count("\n", pos, stop)
            parsed = _parse(text[pos:stop], line)
            if region and _runs_on(parsed, line + lines):
                parsed, stop = _parse(text[pos:], line), end
            blocks.extend(b for b, _ in parsed)
            pos, line = stop, line + lines
            continue
        stop = m.end()
        lines = count("\n", pos, stop)
        kind = m.lastindex  # the outermost group of the alternative that matched
        if kind == _FENCE_GROUP:
            if m.start(_CLOSER_GROUP) >= 0:  # the closing line is the fence's last
                last = line + lines + (1 if text[stop - 1] != "\n" else 0)
            else:  # unclosed: to the end of the body
                last = _line_max(text)
            blocks.append(Block("code", line, last))
        elif kind != _BLANK_GROUP:  # a heading or a paragraph
            last = line + lines + (1 if text[stop - 1] != "\n" else 0)
            blocks.append(Block("inline", line, last))
        pos, line = stop, line + lines
    return blocks
