"""The block map of a Markdown body: which lines are code, HTML blocks and prose.

markdown-it-py decides it, but not line by line: its block parse costs ~10 µs a block in
Python, so a page of short blocks (```` ```\\na\\n ```` repeated) took 3.5 of the 5.7 CPU
seconds of its lint. A line pre-scan recognises, at the top level only, the blocks whose
extent is plain from their own lines — blank lines, fenced code, HTML comments, ATX headings,
paragraphs of plain lines and setext headings — and hands every other region to markdown-it-py
whole, so each block still gets markdown-it-py's answer. Where the fast blocks stop,
markdown_tables replays the table rule (a table's rows), markdown_quotes takes quotes of one
paragraph, markdown_definitions runs of link reference definitions, markdown_html HTML
blocks that end at an empty line, and markdown_lists
replays markdown-it-py's
list, paragraph and code rules on lines of a few plain kinds (pages of list items, 12 of 13
CPU seconds of a 1 MB page of ``- a`` before it), up to a fresh point:

- A *fresh point* is a line where markdown-it-py's top-level loop starts a block with
  nothing open (the first line; the line after a block that ended by its own lines). A
  block started there depends only on the lines from there on, so a region between two
  fresh points parses alone to the same tokens, its line numbers shifted.
- The fast blocks are tried in markdown-it-py's rule order, and each is taken only when no
  earlier rule could claim its lines: a fence, heading or paragraph line followed by a line
  that starts with ``|``, ``-`` or ``:`` (a possible table) is left to markdown-it-py; a
  paragraph is taken only when all its lines start with a character no block starts with
  and it ends at a blank line, the end, a fence opener, a heading or a comment (the
  terminators).
- A region markdown-it-py gets ends at a blank line followed by a line that starts in its
  first column with a character that continues no list or quote; that line is fresh unless
  the region ends inside a top-level fence or HTML block (which then runs to the region's
  end), and that is checked on the region's own tokens: if so, the rest of the body is
  parsed whole; so is it when the region reached markdown-it-py's nesting limit, past which
  it skips the rest of the body. Regions are at least ``_REGION_CHARS`` long so the per-call
  cost of markdown-it-py stays small.

tests/test_markdown_blocks.py compares ``block_map`` with ``reference_block_map`` (the whole
body through markdown-it-py) on 12,000 generated documents and 12,000 generated list pages,
and catches wrong variants.
"""
from __future__ import annotations

import re
from functools import partial

from markdown_it import MarkdownIt

from gongwen.formats.markdown_definitions import DefinitionChecks, scan_definitions
from gongwen.formats.markdown_html import scan_html
from gongwen.formats.markdown_lists import PLAIN_START, count_copies, scan_lists
from gongwen.formats.markdown_quotes import scan_quote
from gongwen.formats.markdown_tables import scan_table
from gongwen.analysis import pattern_cache

# Only the block structure is read (each token's type and line map): the core "inline" rule,
# which parses every paragraph's content into child tokens nobody reads, is off (it was a
# seventh of the parse of a page of short lines).
_md = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])

# markdown-it-py's own normalisation (rules_core/normalize.py): its line numbers count these.
_NEWLINES = pattern_cache.re_compile(r"\r\n?")

_PLAIN = PLAIN_START
# A fence opener; a backtick fence's info string holds no backtick. The fast fence names its
# marker run to close on a run of the same character at least as long.
_OPENER = r" {0,3}(?:`{3,}[^`\n]*|~{3,}[^\n]*)(?:\n|\Z)"
_FENCE_OPENER = r" {0,3}(?P<run>`{3,}(?=[^`\n]*(?:\n|\Z))|~{3,})[^\n]*(?:\n|\Z)"
# A line that may close a fence (the same character, a run at least as long, is checked on
# the match): searched for, not matched line by line, which kept a stack entry a line.
_CLOSER = pattern_cache.re_compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$", re.M)
_HEADING = r" {0,3}#{1,6}(?=[ \t\n]|\Z)[^\n]*(?:\n|\Z)"
# An HTML comment block (kind 2): it ends at the first line holding -->, its own included.
_COMMENT = r" {0,3}<!--[^\n]*(?:\n|\Z)"
# The line after a fence, heading, comment or paragraph line: one starting with | - : may make it a
# table's header (markdown-it-py tries the table rule first), so it is left to markdown-it-py.
_NO_TABLE = r"(?![ \t]*[|:\-])"
# A setext heading at a fresh point: plain lines (and lazy ones, indented four columns, which
# lheading skips unread), then an underline of = or - (lheading reads it before any
# terminator). A - underline after a line with a pipe may be a table's delimiter row: left to
# markdown-it-py (block_map checks it on the match).
_LAZY = r"(?: {0,3}\t| {4})[ \t]*[^ \t\n]"
_SETEXT = (rf" {{0,3}}{_PLAIN}[^\n]*\n(?:(?: {{0,3}}{_PLAIN}|{_LAZY})[^\n]*\n)*+"
           rf" {{0,3}}(?P<underline>=+|-+)[ \t]*(?:\n|\Z)")
_FAST = pattern_cache.re_compile(
    rf"(?P<blank>(?:[ \t]*\n)+|[ \t]+\Z)"
    rf"|(?P<fence>{_FENCE_OPENER}){_NO_TABLE}"
    rf"|(?P<heading>{_HEADING}){_NO_TABLE}"
    rf"|(?P<comment>{_COMMENT}){_NO_TABLE}"
    rf"|(?P<para>(?: {{0,3}}{_PLAIN}[^\n]*(?:\n|\Z))++)"
    rf"(?=\Z|[ \t]*(?:\n|\Z)|{_OPENER}|{_HEADING}|{_COMMENT})"
    rf"|(?P<setext>{_SETEXT})"
)
_BLANK_GROUP, _FENCE_GROUP, _COMMENT_GROUP = (_FAST.groupindex[g]
                                              for g in ("blank", "fence", "comment"))
_SETEXT_GROUP = _FAST.groupindex["setext"]
_FAST_KINDS = {_SETEXT_GROUP: "inline", _FENCE_GROUP: "code", _COMMENT_GROUP: "html",
               _FAST.groupindex["heading"]: "inline", _FAST.groupindex["para"]: "inline"}
# Where a region for markdown-it-py may end: a blank line, then a line starting in column 1
# with a character that continues no list, quote or indented code.
_REGION_END = pattern_cache.re_compile(rf"\n[ \t]*\n(?={_PLAIN}|[`~#])")
_REGION_CHARS = 4096
# A token this deep may be where markdown-it-py stopped at its nesting limit (an opening token
# at level 19 takes the level to 20): a region that holds one is not cut.
_DEEP = _md.options.maxNesting - 2


# A block: (kind, first, last), lines [first, last) of the body (0-based) being code, an HTML
# block or prose; kind is "code", "html" or "inline". Plain tuples: a page of short blocks
# has hundreds of thousands.
Block = tuple[str, int, int]
_KINDS = {"fence": "code", "code_block": "code", "html_block": "html", "inline": "inline"}


def normalize(body: str) -> str:
    """The body as markdown-it-py reads it (line ends, NUL)."""
    return _NEWLINES.sub("\n", body).replace("\0", "\ufffd")


def _line_max(text: str) -> int:
    """markdown-it-py's line count: a last line without a line break counts unless it holds
    only spaces and tabs (StateBlock gives that one no line)."""
    tail = text[text.rfind("\n") + 1:]
    return text.count("\n") + (1 if tail.strip(" \t") else 0)


# The replays tried where the fast blocks stop, each (text, pos, line) -> (pos, line, blocks)
# taking nothing (pos unchanged) unless sure; at most one of them can take a line.
_SCANS = (partial(scan_table, _md), scan_quote, scan_lists, partial(scan_definitions, DefinitionChecks(_md)),
          partial(scan_html, line_max=_line_max))


def _kept(tokens: list) -> list:
    """The tokens the block map reads."""
    return [t for t in tokens if t.map is not None and t.type in _KINDS]


def _tokens(text: str) -> list:
    """markdown-it-py's tokens of ``text`` that the block map reads."""
    return _kept(_md.parse(text))


def _blocks(tokens: list, shift: int) -> list[Block]:
    kinds = _KINDS
    return [(kinds[t.type], t.map[0] + shift, t.map[1] + shift) for t in tokens]


def reference_block_map(body: str) -> list[Block]:
    """The whole body through markdown-it-py: what ``block_map`` must equal."""
    return _blocks(_tokens(body), 0)


def _runs_on(tokens: list, end: int) -> bool:
    """Whether a region of ``end`` lines that ends at a blank line ends inside a top-level
    fence or HTML block, which would go on past it, or reached markdown-it-py's nesting limit
    (``maxNesting``, 20), past which it skips the rest of the body. Every other block ends at
    the blank line or at the unindented line after it: a list item's content is indented, a
    quote's lines start with >, indented code and HTML blocks of kinds 6 and 7 end at such
    lines. ``tokens`` are all the region's tokens."""
    return any((t.level == 0 and t.type in ("fence", "html_block") and t.map[1] == end)
               or t.level >= _DEEP for t in tokens)


def _closer(text: str, start: int, opener: str) -> int | None:
    """The end (before its line break) of the first line from ``start`` that closes a fence
    opened by the marker run ``opener``, or None."""
    search, mark, least = _CLOSER.search, opener[0], len(opener)
    m = search(text, start)
    while m is not None:
        run = m.group(1)
        if run[0] == mark and len(run) >= least:
            return m.end()
        m = search(text, m.end())
    return None


def _comment_end(text: str, start: int) -> int | None:
    """Where the line holding the first --> from ``start`` (an HTML comment block's first
    line) ends, past its line break; None if no line does."""
    close = text.find("-->", start)
    if close < 0:
        return None
    newline = text.find("\n", close)
    return len(text) if newline < 0 else newline + 1


def _may_be_table(setext: re.Match) -> bool:
    """Whether a setext heading's - underline may be a delimiter row of a table whose header is
    the line above it (one with a pipe): markdown-it-py tries the table rule first."""
    text, underline = setext.string, setext.start("underline")
    if text[underline] != "-":
        return False
    own_line = text.rfind("\n", 0, underline)  # the line break before the underline's line
    return "|" in text[text.rfind("\n", 0, own_line) + 1:own_line]


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
        if m is not None and m.lastindex == _SETEXT_GROUP and _may_be_table(m):
            m = None
        if m is None:
            for scan in _SCANS:
                after, after_line, taken = scan(text, pos, line)
                if after > pos:
                    break
            if after > pos:
                blocks += taken
                pos, line = after, after_line
                continue
            region = _REGION_END.search(text, max(text.find("\n", pos), pos + _REGION_CHARS))
            stop = region.end() if region else end
            lines = count("\n", pos, stop)
            tokens = _md.parse(text[pos:stop])
            if region and _runs_on(tokens, lines):
                tokens, stop = _md.parse(text[pos:]), end
            tokens = _kept(tokens)
            blocks += _blocks(tokens, line)
            pos, line = stop, line + lines
            continue
        stop = m.end()
        kind = m.lastindex  # the outermost group of the alternative that matched
        if kind == _FENCE_GROUP:
            close = _closer(text, stop, m.group("run"))
            if close is None:  # unclosed: to the end of the body
                blocks.append(("code", line, _line_max(text)))
                break
            stop = min(close + 1, end)  # past the closing line's break
        elif kind == _COMMENT_GROUP:
            close = _comment_end(text, pos)
            if close is None:  # unclosed: to the end of the body
                blocks.append(("html", line, _line_max(text)))
                break
            stop = close
        lines = count("\n", pos, stop)
        if kind != _BLANK_GROUP:  # its last line may end the body with no line break
            last = line + lines + (1 if text[stop - 1] != "\n" else 0)
            if kind == _SETEXT_GROUP:  # the heading's text is the lines above its underline
                last -= 1
            blocks.append((_FAST_KINDS[kind], line, last))
        pos, line = stop, line + lines
        if kind == _SETEXT_GROUP and text[stop - 1] == "\n":
            pos, line = _setext_copies(text, m.group(), pos, line, lines, blocks)
    return blocks


def _setext_copies(text: str, heading: str, pos: int, line: int, lines: int, blocks: list[Block]) -> tuple[int, int]:
    """The copies of a setext heading (its ``lines`` lines, the last its underline, ending in a
    line break) that follow it from ``pos``, each a heading as it was: _FAST's match there
    reads no character past the copy (the alternatives before the setext one fail on its
    first line or, the paragraph's lookahead, on its first line that is no plain line; the
    setext one ends at the underline's line break), and _may_be_table reads the line above
    the underline. A page of ``a``/``=`` headings is one match and one count."""
    copies = count_copies(text, heading, pos)
    blocks += [("inline", first, first + lines - 1) for first in range(line, line + copies * lines, lines)]
    return pos + copies * len(heading), line + copies * lines
