"""Lists of short items, taken from their own lines as markdown-it-py takes them.

A page of list items (``- a`` a line, 1 MB) cost markdown-it-py ~48 µs an item: 12 of the
CPU seconds of its lint. This module replays markdown-it-py's block rules (parser_block.
tokenize, rules_block/list.py, paragraph.py, code.py) on a world of four kinds of line,
with the same state (``blkIndent``, ``listIndent``, the nesting level) and the same order of
rules, and gives up — ``_Unsure`` — at the first line of any other kind:

- *empty*: spaces and tabs only;
- *plain*: spaces, then a character no block starts with (``PLAIN_START``);
- *item*: spaces, a list marker (``-``, ``+``, ``*``, or one to nine digits and ``.`` or
  ``)``), one to four spaces, then a plain character;
- *bare item*: spaces, a list marker, then only spaces and tabs (an empty item).

In that world only five rules can match: code (a line indented four columns past the
block), list, paragraph, lheading and table; a table needs a delimiter row, which no line of
these kinds is, so every line whose next line is of another kind gives up too. The one
setext underline among them is a bare ``-`` under a paragraph line: it gives up as well.
Fences, quotes, thematic breaks, HTML and headings all start with characters that no plain
or item line starts with, and a bare item has one marker character (a thematic break three).

What is given back is the blocks up to a *fresh point* for markdown-it-py: the first line
after the scanned lists, or, after giving up, the start of the last top-level item whose
next line is of these kinds (from there markdown-it-py parses the item and what follows
as it does within the whole list: an item's parse reads nothing of the items before it, and
no rule before ``list`` can claim its line). tests/test_markdown_blocks.py compares the result with
markdown-it-py's whole parse on generated list pages.
"""
from __future__ import annotations

from gongwen.analysis import pattern_cache

# A character no block construct starts with (and no setext underline or table delimiter
# row): what a plain paragraph line starts with after at most three spaces.
PLAIN_START = r"[^\x00-\x20`~>*+\-_#<\[|=:0-9]"
# A line's kind: group "empty", or "indent" (plain) with "marker" and "gap" (item); no match
# is a line of another kind.
# no match is a line of another kind; group "bare" marks an item with no content.
_MARKER = r"(?:[-+*]|[0-9]{1,9}[.)])"
_LINE = pattern_cache.re_compile(rf"(?P<empty>[ \t]*\n)|(?P<indent> *)(?:(?P<marker>{_MARKER})"
                   rf"(?:(?P<gap> {{1,4}}){PLAIN_START}|[ \t]*(?P<bare>\n|\Z))|{PLAIN_START})")
_KNOWN_START = pattern_cache.re_compile(rf" *(?:{_MARKER}(?: {{1,4}}{PLAIN_START}|[ \t]*(?:\n|\Z))|{PLAIN_START})")

EMPTY, PLAIN, ITEM, OTHER, END, BARE = range(6)
# markdown-it-py stops parsing at nesting level 20 (its maxNesting); an item's content is two
# levels below its list. Deeper lists are left to it.
_MAX_LEVEL = 14
_BATCH = 64
_SEEN = 4096


class _Unsure(Exception):
    """A line of another kind decides what comes next."""


class _Lines:
    """The lines from a start, classified as they are first asked for."""

    def __init__(self, text: str, pos: int):
        self.text, self.starts = text, [pos]
        self.kind: list[int] = []
        self.indent: list[int] = []  # markdown-it-py's sCount: the line's leading spaces
        self.content: list[int] = []  # an item's content column (its items' blkIndent)
        self.marker: list[str] = []  # an item's bullet, or its ordered delimiter . or )
        self.ordered: list[bool] = []
        self.one: list[bool] = []  # an ordered item numbered 1 (may interrupt a paragraph)
        # line (with its break) -> _classify_line's answer: a page of short items repeats a few
        # lines, each classified once (up to _SEEN of them, to bound the memory)
        self.seen: dict[str, tuple] = {}

    def classify(self, n: int) -> int:
        """The kind of line ``n`` (0 is the start's line); lines are classified a batch at a
        time (a page of items asks for each line about four times)."""
        kind = self.kind
        if n < len(kind):
            return kind[n]
        text, starts, seen = self.text, self.starts, self.seen
        size, find = len(text), text.find
        indents, contents, markers = self.indent, self.content, self.marker
        ordered, ones = self.ordered, self.one
        pos = starts[-1]
        for _ in range(n + 1 - len(kind) + _BATCH):
            newline = find("\n", pos)
            end = size if newline < 0 else newline + 1
            line = text[pos:end]
            got = seen.get(line)
            if got is None:
                got = _classify_line(line)
                if len(seen) < _SEEN:
                    seen[line] = got
            kind.append(got[0])
            indents.append(got[1])
            contents.append(got[2])
            markers.append(got[3])
            ordered.append(got[4])
            ones.append(got[5])
            pos = end
            starts.append(pos)
        return kind[n]

    def same_run(self, n: int) -> int:
        """How many lines right after line ``n`` are its text again, each classified as it is
        (a page of ``-`` lines is one line 500,000 times: the copies are counted in C and
        their answers copied, not asked for line by line)."""
        text, starts, kind = self.text, self.starts, self.kind
        size = starts[n + 1] - starts[n]
        line = text[starts[n]:starts[n + 1]]
        if not line.endswith("\n"):
            return 0  # the last line
        count = count_copies(text, line, starts[n + 1])
        extra = count - (len(kind) - 1 - n)  # copies after the lines already classified
        if extra > 0:
            for array in (kind, self.indent, self.content, self.marker, self.ordered, self.one):
                array.extend([array[n]] * extra)
            end = starts[-1]
            starts.extend(range(end + size, end + size * extra + 1, size))
        return count


def count_copies(text: str, line: str, pos: int) -> int:
    """How many copies of ``line`` follow one another in ``text`` from ``pos``: galloping, a
    string comparison per doubling and halving, so linear in the characters compared."""
    count, step, size = 0, 1, len(line)
    if not size:
        return 0  # an empty line has no extent to count copies of
    while step:
        if text.startswith(line * step, pos + count * size):
            count += step
            step *= 2
        else:
            step //= 2
    return count


def _classify_line(line: str) -> tuple[int, int, int, str, bool, bool]:
    """(kind, indent, content column, marker, ordered, numbered 1) of ``line``, with its line
    break if it has one (the last line of the text has none)."""
    m = _LINE.match(line)
    indent, marker, gap = m.group("indent", "marker", "gap") if m else ("", None, None)
    if not line.endswith("\n") and not line.strip(" \t"):
        kind = END  # markdown-it-py gives a last line of spaces no line
    elif m is None:
        kind = OTHER
    elif m.lastgroup == "empty":
        kind = EMPTY
    elif m.group("bare") is not None:
        kind = BARE
    else:
        kind = ITEM if marker else PLAIN
    if not marker:
        return kind, len(indent or ""), 0, "", False, False
    # a bare item's content column is one past its marker
    return (kind, len(indent), len(indent) + len(marker) + (len(gap) if gap else 1), marker[-1],
            marker[-1] in ".)", marker[:-1].lstrip("0") == "1")


class _Emulator:
    """markdown-it-py's block rules on the four kinds of line; ``blocks`` as block_map."""

    def __init__(self, lines: _Lines, first_line: int):
        self.lines, self.first_line = lines, first_line
        self.blocks: list[tuple[str, int, int]] = []
        self.fresh = (0, 0)  # (line, number of blocks before it): the last point to resume at

    def _block(self, kind: str, first: int, last: int) -> None:
        self.blocks.append((kind, first + self.first_line, last + self.first_line))

    def _known(self, n: int) -> int:
        kinds = self.lines.kind
        kind = kinds[n] if n < len(kinds) else self.lines.classify(n)
        if kind == OTHER:
            raise _Unsure
        return kind

    def _no_table(self, n: int) -> None:
        """The table rule at line ``n``: a table needs a delimiter row on the next line, which
        no line of the four kinds is."""
        self._known(n + 1)

    def _skip_empty(self, n: int) -> int:
        while self._known(n) == EMPTY:
            n += 1
        return n

    def run(self) -> tuple[int, list]:
        """Blocks from line 0 (a fresh point) as the top-level tokenize takes them: the line to
        resume at and the blocks before it."""
        lines = self.lines
        n = 0
        try:
            while True:
                n = self._skip_empty(n)
                self.fresh = (n, len(self.blocks))  # nothing is open between top-level blocks
                kind = lines.kind[n]
                if kind == END:
                    break
                self._no_table(n)
                if lines.indent[n] >= 4:
                    n = self._code(n, 0)
                elif kind in (ITEM, BARE):
                    n = self._list(n, 0, -1, 0)
                else:
                    n = self._paragraph(n, 0, -1)
                self.fresh = (n, len(self.blocks))
        except _Unsure:
            pass
        line, count = self.fresh
        return line, self.blocks[:count]

    def _tokenize(self, n: int, blk: int, list_indent: int, level: int) -> int:
        """parser_block.tokenize from line ``n``: the line it stops at."""
        lines = self.lines
        while True:
            n = self._skip_empty(n)
            kind = lines.kind[n]
            if kind == END or lines.indent[n] < blk:
                return n
            if level >= _MAX_LEVEL:
                raise _Unsure
            self._no_table(n)
            indent = lines.indent[n]
            if indent - blk >= 4:
                n = self._code(n, blk)
            elif kind in (ITEM, BARE) and not (list_indent >= 0 and indent - list_indent >= 4 and indent < blk):
                n = self._list(n, blk, list_indent, level)
            else:
                n = self._paragraph(n, blk, list_indent)

    def _code(self, n: int, blk: int) -> int:
        """rules_block/code.py: lines indented four columns past the block, and the empty
        lines between them."""
        lines = self.lines
        first, last, n = n, n + 1, n + 1
        while (kind := self._known(n)) != END:
            if kind != EMPTY:
                if lines.indent[n] - blk < 4:
                    break
                last = n + 1
            n += 1
        self._block("code", first, last)
        return last

    def _interrupts(self, n: int, blk: int, list_indent: int) -> bool:
        """The list rule in silent mode on line ``n`` after a paragraph line: whether the
        item ends the paragraph (one at the paragraph's indent or right of it must be an
        ordered item numbered 1 or a bullet, and not empty)."""
        lines = self.lines
        indent = lines.indent[n]
        if indent - blk >= 4:
            return False
        if list_indent >= 0 and indent - list_indent >= 4 and indent < blk:
            return False
        if indent < blk:
            return True
        return not ((lines.ordered[n] and not lines.one[n]) or lines.kind[n] == BARE)

    def _paragraph(self, n: int, blk: int, list_indent: int) -> int:
        lines = self.lines
        first, n = n, n + 1
        while (kind := self._known(n)) not in (EMPTY, END):
            if lines.indent[n] - blk <= 3:
                self._no_table(n)
                if self._underline(n, blk):
                    raise _Unsure  # lheading makes the lines above a heading
                if kind in (ITEM, BARE) and self._interrupts(n, blk, list_indent):
                    break
            n += 1
        self._block("inline", first, n)
        return n

    def _underline(self, n: int, blk: int) -> bool:
        """Whether line ``n`` after a paragraph line (at most three columns past the block) is
        a setext underline: a bare ``-`` not left of the block."""
        lines = self.lines
        return lines.kind[n] == BARE and lines.marker[n] == "-" and lines.indent[n] >= blk

    def _empty_item(self, n: int, content: int, list_indent: int, level: int) -> int:
        """An empty item at line ``n``: the line after it. Its own line is empty to its
        content; an empty line after it ends the item there, with that line (list.py's
        "workaround" case)."""
        after = self._known(n + 1)
        if after == EMPTY:
            return n + 2
        if after == END:
            return n + 1
        return self._tokenize(n + 1, content, list_indent, level + 2)

    def _list(self, n: int, blk: int, list_indent: int, level: int) -> int:
        """rules_block/list.py from the item at line ``n``: the line after the list."""
        lines = self.lines
        if level + 2 >= _MAX_LEVEL:
            raise _Unsure
        ordered, marker = lines.ordered[n], lines.marker[n]
        while True:
            if blk == 0:
                n = self._one_line_items(n, ordered, marker)
            self._no_table(n)
            if blk == 0:  # a top-level item whose next line is known: markdown-it-py may start here
                self.fresh = (n, len(self.blocks))
            first, taken = n, len(self.blocks)
            # The item's first line, from its content on, is a plain line at its content
            # column: no rule before the paragraph's can claim it.
            content = lines.content[n]
            if lines.kind[n] == BARE:
                n = self._empty_item(n, content, blk, level)
            else:
                n = self._paragraph(n, content, blk)
                n = self._tokenize(n, content, blk, level + 2)
            kind = self._known(n)
            if kind == END or lines.indent[n] < blk or lines.indent[n] - blk >= 4:
                return n
            if kind not in (ITEM, BARE) or lines.ordered[n] != ordered or lines.marker[n] != marker:
                return n
            if blk == 0:
                n = self._item_copies(first, n, taken)

    def _item_copies(self, first: int, n: int, taken: int) -> int:
        """The copies of the top-level item of lines [first, n) that follow it, taken at once
        but for the last two: the line to go on from. The loop above reads nothing of an
        item's lines before it, and no line more than two past its end (the paragraph's
        table test reads the line after the one that ends it), with the same state at every
        top-level item of the list: a copy followed by two more is read as the item was, its
        blocks the item's, shifted. A page of nested or loose items repeats one item."""
        lines, blocks = self.lines, self.blocks
        text, starts = lines.text, lines.starts
        item = text[starts[first]:starts[n]]
        copies = count_copies(text, item, starts[n]) - 2
        if copies <= 0:
            return n
        size, made = n - first, blocks[taken:]
        for shift in range(size, (copies + 1) * size, size):
            blocks += [(kind, a + shift, b + shift) for kind, a, b in made]
        self.fresh = (n + (copies - 1) * size, len(blocks) - len(made))
        return n + copies * size

    def _one_line_items(self, n: int, ordered: bool, marker: str) -> int:
        """The top-level items from line ``n`` that are one line each, each followed by the next
        item of the list at an indent below its content column and below four: the first item
        not taken. What the loop above does for each (its paragraph, interrupted by the next
        item; nothing for an empty item), without its calls: a page of `- a` or `-` lines is
        all such items. A line of another kind after the next item gives up there, at the next
        item's start, with the blocks taken here before it: as the loop would."""
        lines = self.lines
        kind, indent, content = lines.kind, lines.indent, lines.content
        markers, ordereds, starts = lines.marker, lines.ordered, lines.starts
        blocks, first_line = self.blocks, self.first_line
        while True:
            next_ = kind[n + 1] if n + 1 < len(kind) else lines.classify(n + 1)
            this = kind[n]
            if (this not in (ITEM, BARE) or next_ not in (ITEM, BARE) or indent[n + 1] >= 4
                    or indent[n + 1] >= content[n] or markers[n + 1] != marker or ordereds[n + 1] != ordered):
                return n
            # Copies of this line right after it each pass the test above as this one did (each
            # is followed by the same line): all but the last are taken at once.
            copies = lines.same_run(n) if starts[n + 2] - starts[n + 1] == starts[n + 1] - starts[n] else 0
            if copies:
                if this == ITEM:
                    blocks.extend([("inline", i, i + 1) for i in range(n + first_line, n + copies + first_line)])
                self.fresh = (n + copies - 1, len(blocks) - (this == ITEM))
                n += copies
                continue
            self.fresh = (n, len(blocks))
            if this == ITEM:
                blocks.append(("inline", n + first_line, n + 1 + first_line))
            n += 1

def scan_lists(text: str, pos: int, first_line: int) -> tuple[int, int, list]:
    """Blocks from ``pos`` (a fresh point): (position, line) of the point to resume at and
    the blocks before it; the position is ``pos`` if none were taken."""
    if not _KNOWN_START.match(text, pos):
        return pos, first_line, []
    lines = _Lines(text, pos)
    line, blocks = _Emulator(lines, first_line).run()
    return lines.starts[line], first_line + line, blocks
