"""The Markdown reader after the block map (markdown._read: each block's line span, the inline
masks, the units) against the plain path it replaced, kept here as the reference: a line span
through LineIndex.line_end for every block, _mask_inline called on every prose span, the units
from sorted(set()) of the spans. Compared on generated pages of every block construct (\\r\\n,
\\r, front matter, masks and blanks at a span's ends, table rows whose cells share their row's
span) and on block maps given in a shuffled order; wrong variants of the shortcuts are caught."""
from __future__ import annotations

import random

import pytest
from test_markdown_blocks import REPLAYS, _documents, _generated

from gongwen.document import Document, LineIndex, TextUnit
from gongwen.formats import markdown
from gongwen.formats.markdown_blocks import block_map
from gongwen.suppression import Directive, markdown_comments


def plain_read(source: str, path: str, blocks=block_map) -> Document:
    """markdown.read as it was before the shortcuts (round 9)."""
    M = markdown
    chars = list(source)
    lines = LineIndex(source)

    def line_span(first: int, last: int) -> tuple[int, int]:  # 0-based, [first, last)
        start = lines.starts[first] if first < lines.line_count else len(source)
        end = lines.line_end(last) if last >= 1 else 0
        return start, max(start, end)

    body_from = 0
    fm = M._FRONT_MATTER.match(source)
    if fm:
        close = M._FENCES[fm.group().strip()].search(source, fm.end())  # any line end (probe 11)
        if close:
            body_from = close.end()
            M._mask(chars, 0, body_from, " ")
    first_line = lines.locate(body_from).line - 1
    prose, code, html_blocks = [], [], []
    spans = {"code": code, "html": html_blocks, "inline": prose}
    for kind, a, b in blocks(source[body_from:]):
        spans[kind].append(line_span(a + first_line, b + first_line))
    in_code = M._inside(code)
    comments = markdown_comments(source, body_from, prose, in_code)
    for s, e in code + html_blocks:
        M._mask(chars, s, e, " ")
    for s, e, _ in comments:
        M._mask(chars, s, e, " ")
    masked_prose = "".join(chars)
    for s, e in prose:
        M._mask_inline(chars, masked_prose, s, e)
    for m in M._REF_DEF.finditer(masked_prose, body_from):
        if not in_code(m.start()):
            M._mask(chars, m.start(), m.end(), " ")
    text = "".join(chars)
    units = []
    for s, e in sorted(set(prose)):
        while s < e and text[s] in " \t\r\n\ufffc":
            s += 1
        while e > s and text[e - 1] in " \t\r\n\ufffc":
            e -= 1
        if s < e and (not units or s >= units[-1].end):
            units.append(TextUnit(s, e, text[s:e], "paragraph", len(units)))
    directives = [Directive.parse(body, s, e) for s, e, body in comments]
    return Document(path=path, text=text, format="markdown", source=source, units=tuple(units),
                    directives=tuple(d for d in directives if d))


# Lines that put inline masks, blanks and marks at a prose span's ends.
_EDGES = ["`x` a `y`", "<b>", "a <i>", "[a](b)", "a [b](c)", "\u3000a\u3000", "a\t", "## a ##", "> `a`",
          "- `a`", "|`a`|b|", "|-|-|", "|a|`b`|", "a <https://x.cn>", "#", "`a`"]


def _pages() -> list[str]:
    rng = random.Random(30)
    pages = _documents(3_000, seed=30)
    for construct, (make, seed, _) in REPLAYS.items():
        pages += _generated(make, 600, seed + 30)
    ends = ["\n", "\r\n", "\r"]
    for _ in range(1_500):
        lines = [rng.choice(_EDGES + ["", "a", "正文"]) for _ in range(rng.randint(1, 12))]
        pages.append("".join(line + rng.choice(ends) for line in lines))
    return pages


def _shuffled(body: str) -> list:
    """The block map in an order of its own (seeded by the body): spans out of order and, for
    a table, a row's cells apart."""
    blocks = block_map(body)
    random.Random(body).shuffle(blocks)
    return blocks


def _key(doc: Document) -> tuple:
    return doc.text, doc.units, doc.directives


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return _pages()


def _mismatches(pages: list[str], blocks=block_map) -> list[str]:
    return [p for p in pages if _key(markdown.read(p, "x.md", blocks)) != _key(plain_read(p, "x.md", blocks))]


def test_the_reader_equals_the_plain_path(pages):
    assert any("\r\n" in p for p in pages) and any("|-|" in p for p in pages)
    assert _mismatches(pages) == []


def test_the_reader_equals_the_plain_path_on_block_maps_out_of_order(pages):
    assert _mismatches(pages[::3], _shuffled) == []


def _line_spans_ignoring_crlf(lines, blocks, first_line):
    """Every line taken to end one character before the next starts, \\r\\n or not."""
    starts, count = lines.starts, lines.line_count
    for kind, first, last in blocks:
        first += first_line
        last += first_line
        start = starts[first] if first < count else len(lines.text)
        end = starts[last] - 1 if 1 <= last < count else lines.line_end(last) if last >= 1 else 0
        yield kind, (start, max(start, end))


def _units_without_sorting(text, prose):
    units, last = [], -1
    for s, e in prose:
        while s < e and text[s] in " \t\r\n\ufffc":
            s += 1
        while e > s and text[e - 1] in " \t\r\n\ufffc":
            e -= 1
        if s < e and s >= last:
            units.append(TextUnit(s, e, text[s:e], "paragraph", len(units)))
            last = e
    return tuple(units)


def _mask_prose_forward_only(chars, masked, prose):
    """The first mark after the furthest start is taken for every later span, even one that
    starts before it (a mark there is missed when the block map is out of order)."""
    since, mark = 0, -1
    for s, e in prose:
        if s > mark:
            found = markdown._INLINE_MARK.search(masked, s)
            since, mark = s, found.start() if found is not None else len(masked)
        if mark < e:
            markdown._mask_inline(chars, masked, s, e)


def _mask_prose_mark_before_end(chars, masked, prose):
    """Takes a span for one holding a mark only when the mark is before its last character
    (a closing # or a lone < at a line's end is missed)."""
    since, mark = 0, -1
    for s, e in prose:
        if s < since:
            if markdown._INLINE_MARK.search(masked, s, e) is not None:
                markdown._mask_inline(chars, masked, s, e)
            continue
        if s > mark:
            found = markdown._INLINE_MARK.search(masked, s)
            since, mark = s, found.start() if found is not None else len(masked)
        if mark < e - 1:
            markdown._mask_inline(chars, masked, s, e)


@pytest.mark.parametrize("name, wrong, blocks", [
    ("_mask_prose", _mask_prose_forward_only, _shuffled),
    ("_mask_prose", _mask_prose_mark_before_end, block_map),
    ("_line_spans", _line_spans_ignoring_crlf, block_map),
    ("_TRIMMED", " \t\r\n", block_map),  # forgets the inline mask at a span's ends
    ("_TRIMMED", " \r\n\ufffc", block_map),  # forgets the tab
    ("_units", _units_without_sorting, _shuffled),
])
def test_a_wrong_shortcut_is_caught(monkeypatch, pages, name, wrong, blocks):
    monkeypatch.setattr(markdown, name, wrong)
    assert _mismatches(pages, blocks) != []
