"""Markdown: prose is linted; code, link targets, autolinks, HTML and front matter are not.

The reader *masks* instead of extracting: every character rules must not read is replaced
in ``text`` by a character of no meaning to them, so ``text`` keeps the length and the line
structure of the source and every offset maps to itself (positions are source line/column
with no offset map at all). Whole masked lines (code blocks, front matter, HTML blocks)
become spaces; masked runs inside prose (inline code, link targets, inline HTML) become
U+FFFC OBJECT REPLACEMENT CHARACTER, which no rule reads as whitespace or punctuation, so
``见`code`说明`` does not turn into two Chinese words separated by spaces.

markdown-it-py (CommonMark, already installed with rich) decides the block structure
(markdown_blocks.block_map, which spares it the blocks plain from their own lines); inline
masks are linear scans of the lines it calls prose.
"""
from __future__ import annotations

import regex

from gongwen import collector
from gongwen.analysis import lazy_regex
from gongwen.analysis.text import SpanSet
from gongwen.document import Document, LineIndex, TextUnit
from gongwen.document import _paragraph_units as paragraph_units
from gongwen.formats.markdown_blocks import block_map
from gongwen.suppression import Directive, markdown_comments

INLINE_MASK = "\ufffc"
# Its fences are whole lines, ended as every line is (\n, \r\n or \r alone): with a CRLF
# file's close unseen, its `title: 中文,标题` was prose, and --fix broke the YAML (`title：`).
_FRONT_MATTER = lazy_regex.compile(r"\A(?:---|\+\+\+)[ \t]*(?:\r\n?|\n)")
_FENCES = {fence: lazy_regex.compile(rf"(?<=[\r\n]){regex.escape(fence)}[ \t]*(?=[\r\n]|\Z)")
           for fence in ("---", "+++")}
_AUTOLINK = lazy_regex.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*>|<[^<>\s@]{1,64}@[^<>\s]{1,255}>")
_LINK = lazy_regex.compile(r"(\!?\[)([^\[\]\r\n]*)(\]\([^()\s]*(?:[ \t]+\"[^\"\r\n]*\")?\)|\]\[[^\[\]\r\n]*\])")
_REF_DEF = lazy_regex.compile(r"(?m)^[ ]{0,3}\[[^\[\]\r\n]+\]:[ \t]*\S+[^\r\n]*$")
_TAG = lazy_regex.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")
_HEADING = lazy_regex.compile(r"(?m)^[ ]{0,3}(#{1,6})(?=[ \t]|$)|(?<=[ \t])#+[ \t]*$")
_QUOTE = lazy_regex.compile(r"(?m)^[ ]{0,3}(?:>[ ]?)+")
_BACKTICKS = lazy_regex.compile(r"`+")
# A character one of the inline patterns needs: a span without one (a short list item) is
# left with a single search instead of five.
_INLINE_MARK = lazy_regex.compile(r"[`<\[#>]")


def _inside(spans: list[tuple[int, int]]):
    """A test of whether an offset lies in one of ``spans``, by bisection: testing each span
    in turn was quadratic on a page of many code blocks and many comments or reference
    definitions (8,000 of each: 9 s)."""
    return SpanSet.union(spans).covers


def _mask(chars: list[str], start: int, end: int, fill: str) -> None:
    """``fill`` over chars[start:end] but its line breaks (so lines keep their places)."""
    span = chars[start:end]
    if "\n" not in span and "\r" not in span:  # most spans (a comment, a link): one slice, not a loop
        chars[start:end] = [fill] * len(span)
        return
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = fill


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Backtick code spans in text[start:end], paired as CommonMark pairs them (a run
    closes at the next run of the same length), in one linear pass."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)]
    by_len: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(runs):
        by_len.setdefault(b - a, []).append(i)
    pointers = {n: 0 for n in by_len}
    spans, i = [], 0
    while i < len(runs):
        n = runs[i][1] - runs[i][0]
        same, p = by_len[n], pointers[n]
        while p < len(same) and same[p] <= i:
            p += 1
        pointers[n] = p
        if p < len(same):
            j = same[p]
            spans.append((runs[i][0], runs[j][1]))
            i = j + 1
        else:
            i += 1
    return spans


def _occurs(text: str, ch: str, start: int, end: int) -> bool:
    return text.find(ch, start, end) >= 0


def _mask_inline(chars: list[str], masked: str, s: int, e: int) -> None:
    """Mask code spans, autolinks, tags, link targets, heading and quote marks in the prose
    ``masked[s:e]``. Each pattern is tried only where a character every match of it holds
    occurs in the span (a backtick, ``<``, ``[``, ``#``, ``>``): a page of short lines paid
    six pattern calls per line for nothing (tests/test_hostile_probe5.py compares it with
    trying them all)."""
    if _INLINE_MARK.search(masked, s, e) is None:
        return

    def has(ch: str) -> bool:
        return _occurs(masked, ch, s, e)

    if has("`"):
        for a, b in _code_spans(masked, s, e):
            _mask(chars, a, b, INLINE_MASK)
    if has("<"):
        for pattern in (_AUTOLINK, _TAG):
            for m in pattern.finditer(masked, s, e):
                _mask(chars, m.start(), m.end(), INLINE_MASK)
    if has("["):
        for m in _LINK.finditer(masked, s, e):
            _mask(chars, m.start(1), m.end(1), INLINE_MASK)
            _mask(chars, m.start(3), m.end(3), INLINE_MASK)
    if has("#"):
        for m in _HEADING.finditer(masked, s, e):
            _mask(chars, m.start(), m.end(), " ")
    if has(">"):
        for m in _QUOTE.finditer(masked, s, e):
            _mask(chars, m.start(), m.end(), " ")


def read(source: str, path: str, blocks=block_map) -> Document:
    """The masked document; ``blocks`` gives the body's block map (tests pass
    markdown_blocks.reference_block_map to compare with markdown-it-py's whole parse)."""
    # The collector is paused while a page is read: a page of short list items or table rows
    # makes a block, a span and a unit per line (250,000 in 1 MB), and the collections they set
    # off re-scanned them (~10% of the read; gongwen.collector).
    with collector.paused():
        return _read(source, path, blocks)


def _read(source: str, path: str, blocks) -> Document:
    chars = list(source)
    lines = LineIndex(source)
    body_from = 0
    fm = _FRONT_MATTER.match(source)
    if fm:
        close = _FENCES[fm.group().strip()].search(source, fm.end())
        if close:
            body_from = close.end()
            _mask(chars, 0, body_from, " ")
    first_line = lines.locate(body_from).line - 1
    prose: list[tuple[int, int]] = []
    code: list[tuple[int, int]] = []
    html_blocks: list[tuple[int, int]] = []
    spans = {"code": code, "html": html_blocks, "inline": prose}  # comments in HTML are directives
    for kind, span in _line_spans(lines, blocks(source[body_from:]), first_line):
        spans[kind].append(span)
    in_code = _inside(code)
    comments = markdown_comments(source, body_from, prose, in_code)
    for s, e in code + html_blocks:
        _mask(chars, s, e, " ")
    for s, e, _ in comments:
        _mask(chars, s, e, " ")
    masked_prose = "".join(chars)
    _mask_prose(chars, masked_prose, prose)
    for m in _REF_DEF.finditer(masked_prose, body_from):
        if not in_code(m.start()):
            _mask(chars, m.start(), m.end(), " ")
    text = "".join(chars)
    directives = [Directive.parse(body, s, e) for s, e, body in comments]
    return Document(path=path, text=text, format="markdown", source=source, units=_units(text, prose),
                    directives=tuple(d for d in directives if d))


def _mask_prose(chars: list[str], masked: str, prose: list[tuple[int, int]]) -> None:
    """_mask_inline on each prose span that holds an inline mark, without a search per span:
    ``mark`` is the first mark at or after ``since``, looked for again only once a span
    starts past it, so the searches cover the text once (a page of 200,000 short items
    without a mark searches once, not 200,000 times). A span that starts before ``since``
    (an out-of-order block map) is searched on its own."""
    search, since, mark = _INLINE_MARK.search, 0, -1
    for s, e in prose:
        if s < since:
            if search(masked, s, e) is not None:
                _mask_inline(chars, masked, s, e)
            continue
        if s > mark:
            found = search(masked, s)
            since, mark = s, found.start() if found is not None else len(masked)
        if mark < e:
            _mask_inline(chars, masked, s, e)


def _line_spans(lines: LineIndex, blocks: list, first_line: int):
    """(kind, (start, end)) of each block (kind, first line, last line) of the body that
    starts at line ``first_line``: from the start of its first line (0-based) to the end,
    before the line break, of the line before ``last`` (never before the start)."""
    starts, count, size = lines.starts, lines.line_count, len(lines.text)
    line_end = lines.line_end
    # Without \r\n a line ends one character before the next one starts (a lone \r is one).
    plain = "\r\n" not in lines.text
    for kind, first, last in blocks:
        first += first_line
        last += first_line
        start = starts[first] if first < count else size
        if plain and 1 <= last < count:
            end = starts[last] - 1
        else:
            end = line_end(last) if last >= 1 else 0
        yield kind, (start, end if end > start else start)


_TRIMMED = " \t\r\n\ufffc"


def _units(text: str, prose: list[tuple[int, int]]) -> tuple[TextUnit, ...]:
    """A paragraph unit per prose span of ``text``, trimmed of blanks, line breaks and inline
    masks, in order; an empty span or one that overlaps the unit before is left out."""
    # Blocks come in document order, a table row's cells each with their row's span; a span
    # equal to the one before is left out below as overlapping it, as sorted(set()) dropped it.
    if any(b < a for a, b in zip(prose, prose[1:])):
        prose = sorted(set(prose))
    kept: list[tuple[int, int]] = []
    last = -1
    for s, e in prose:
        while s < e and text[s] in _TRIMMED:
            s += 1
        while e > s and text[e - 1] in _TRIMMED:
            e -= 1
        if s < e and s >= last:
            kept.append((s, e))
            last = e
    return paragraph_units(text, kept)
