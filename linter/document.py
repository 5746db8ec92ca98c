"""Documents, text units and positions.

Offsets everywhere are Python ``str`` indices (code points) into ``Document.text``.
Lines split on ``\\n``, ``\\r\\n`` and ``\\r`` only — never ``str.splitlines()``, which also
splits on U+2028, U+0085 and U+001C and would make line numbers drift from what editors show.
"""
from __future__ import annotations

import bisect
import datetime
import itertools
import operator
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, NamedTuple

from gongwen import collector
from gongwen.analysis import pattern_cache
from gongwen.slotted import positional

# Literal characters only: stdlib ``re`` finds exactly what ``regex`` would, faster; every
# document's lines and paragraphs are found with these.
_NEWLINE = pattern_cache.re_compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts."""
    if "\r" in text:
        return [0] + [m.end() for m in _NEWLINE.finditer(text)]
    # Only \n breaks a line here: str.split finds them by a fast scan, where re tests its class
    # of \r and \n at every character (tests/test_document.py compares the two).
    return list(itertools.accumulate([len(line) + 1 for line in text.split("\n")[:-1]], initial=0))


class Location(NamedTuple):
    """A 1-based line and a 1-based column counted in code points."""

    line: int
    column: int


class LineIndex:
    """Maps offsets to (line, column) and back, in O(log n)."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def locate(self, offset: int) -> Location:
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside text of length {len(self.text)}")
        line = bisect.bisect_right(self.starts, offset) - 1
        # An offset between \r and \n belongs to the line the \r\n ends.
        return Location(line + 1, offset - self.starts[line] + 1)

    def offset(self, location: Location) -> int:
        line, column = location
        if not 1 <= line <= len(self.starts):
            raise ValueError(f"line {line} outside 1..{len(self.starts)}")
        offset = self.starts[line - 1] + column - 1
        if not self.starts[line - 1] <= offset <= self.line_end(line):
            raise ValueError(f"column {column} outside line {line}")
        return offset

    def line_end(self, line: int) -> int:
        """Offset just past the last character of ``line``, before its line break."""
        if line < len(self.starts):
            end = self.starts[line]
            if end - 2 >= self.starts[line - 1] and self.text.startswith("\r\n", end - 2):
                return end - 2
            return end - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line - 1] : self.line_end(line)]


_first, _second = operator.itemgetter(0), operator.itemgetter(1)
_LONGER_THAN_2 = (2).__lt__


class OffsetMap:
    """Maps offsets in a projected text (what rules read) to offsets in the source file.

    Formats that extract prose from markup (HTML, Markdown) record one anchor per run of
    characters copied verbatim; an offset maps through the last anchor at or before it.
    A piece that is not a verbatim copy (an entity, ``&ldquo;`` -> “) gives its source end as a
    third element, so that a span ending on it ends after the whole entity in the source.
    The identity map (no anchors) serves plain text.
    """

    __slots__ = ("_proj", "_src", "_ends")

    def __init__(self, anchors: list[tuple[int, ...]] | None = None) -> None:
        anchors = list(anchors or ())
        proj = list(map(_first, anchors))
        # Readers make their anchors in order (HTML: 500,000 on a page of short lines): with
        # every projected offset after the last, the list is already in sorted order, and
        # comparing the offsets alone is cheaper than sorting the tuples.
        if not all(map(operator.lt, proj, itertools.islice(proj, 1, None))):
            anchors = sorted(anchors)
            proj = list(map(_first, anchors))
        self._proj = proj
        self._src = list(map(_second, anchors))
        # Only entities have a source end, and most pages have none: the lengths are read in
        # C, and the comprehension visits the entities alone.
        lengths = list(map(len, anchors))
        with_end = itertools.compress(itertools.count(), map(_LONGER_THAN_2, lengths))
        self._ends = {i: anchors[i][2] for i in with_end} if max(lengths, default=0) > 2 else {}

    @classmethod
    def of_pieces(cls, starts: list[int], sources: list[int], ends: dict[int, int]) -> "OffsetMap":
        """``OffsetMap`` of the anchors ``(starts[i], sources[i])``, ``ends[i]`` after them where
        given, without building them: a reader's pieces, whose projected starts increase
        (500,000 on a page of short lines). The lists and the dict are kept, not copied."""
        if not all(map(operator.lt, starts, itertools.islice(starts, 1, None))):
            return cls([(p, s, ends[i]) if i in ends else (p, s) for i, (p, s) in enumerate(zip(starts, sources))])
        made = cls.__new__(cls)
        made._proj, made._src, made._ends = starts, sources, ends
        return made

    @property
    def is_identity(self) -> bool:
        return not self._proj

    def to_source(self, offset: int) -> int:
        if not self._proj:
            return offset
        i = bisect.bisect_right(self._proj, offset) - 1
        if i < 0:
            return offset
        return self._src[i] + offset - self._proj[i]

    def end_to_source(self, offset: int) -> int:
        """Where a span that ends at ``offset`` ends in the source: just after the source of
        its last character, not at the start of whatever follows (a closing tag, a page)."""
        if not self._proj or offset <= 0:
            return self.to_source(offset)
        i = bisect.bisect_right(self._proj, offset - 1) - 1
        if i < 0:
            return offset
        if i in self._ends:
            return self._ends[i]
        return self._src[i] + offset - self._proj[i]


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A run of prose a rule reads at once: a paragraph, a heading, a table cell."""

    start: int
    end: int
    text: str
    kind: str = "paragraph"
    index: int = 0  # position among the document's units


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a web page says about the document it publishes, outside the document's text:
    ``<meta>`` tags, ``<title>`` and the labelled metadata above the article (索引号 / 成文日期 /
    发布日期 tables, ``发布时间：…`` lines). Any field may be None."""

    title: str | None = None
    written: datetime.date | None = None    # 成文日期: the date the document was signed
    published: datetime.date | None = None  # 发布日期: the date the page went online


@dataclass
class Document:
    """Decoded text of one input and the units rules read.

    ``text`` is what rules see. ``source`` is the file's decoded text, which positions are
    reported against; for plain text the two are the same string.
    """

    path: str
    text: str
    format: str = "text"
    encoding: str = "utf-8"
    had_bom: bool = False
    source: str | None = None
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    units: tuple[TextUnit, ...] = ()
    # Suppression comments found by the reader (Markdown, HTML); see gongwen.suppression.
    directives: tuple[Any, ...] = ()
    # Named regions of the source, as (source offset where it starts, label, counted item),
    # e.g. (0, "第 1 页", "行") for PDF pages or (812, "页眉 header1.xml", "段") for DOCX parts;
    # a diagnostic inside one gets a note "位于第 1 页第 3 行".
    regions: tuple[tuple[int, str, str], ...] = ()
    # Metadata of the page an HTML document came from (None for other formats); rules that
    # need the document's own date read ``page.written`` when the text carries no 落款.
    page: PageInfo | None = None
    # Tables the reader found as grids (DOCX, HTML), gongwen.analysis.tables.Table; text formats leave
    # it empty and gongwen.analysis.tables.document_tables reads their tables from the lines.
    tables: tuple[Any, ...] = ()
    _line_index: LineIndex | None = field(default=None, repr=False)
    _memo: dict[Hashable, Any] = field(default_factory=dict, repr=False)
    # Whether the units are known to be lines of the text: split here from its lines
    # (split_lines_into_units), or given as line_units made them from this very text. Each is
    # then a slice of the text that starts and ends a line, which the whole-text scans of
    # gongwen.analysis.routing need and otherwise check unit by unit (500,000 on a page of
    # one-word lines, 250,000 on an HTML page of <p>x).
    split_into_lines: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.source is None:
            self.source = self.text
        if not self.units:
            self.units = split_lines_into_units(self.text)
            self.split_into_lines = True
        elif type(self.units) is LineUnits and self.units.text is self.text:
            self.split_into_lines = True

    @property
    def line_index(self) -> LineIndex:
        if self._line_index is None:
            self._line_index = LineIndex(self.source)
        return self._line_index

    def locate(self, offset: int) -> Location:
        """Source line and column of an offset into ``text``."""
        return self.line_index.locate(self.offset_map.to_source(offset))

    def locate_end(self, start: int, end: int) -> Location:
        """Source line and column where the span [start, end) of ``text`` ends (exclusive)."""
        if end <= start:
            return self.locate(end)
        return self.line_index.locate(self.offset_map.end_to_source(end))

    def region_note(self, offset: int) -> str | None:
        """Where an offset into ``text`` falls among the source's regions, in words."""
        if not self.regions:
            return None
        src = self.offset_map.to_source(offset)
        # the starts are listed once: a DOCX has a region per table cell, a report many findings
        starts = self.memo("region-starts", lambda: [r[0] for r in self.regions])
        i = bisect.bisect_right(starts, src) - 1
        if i < 0 or not self.regions[i][1]:
            return None
        start, label, item = self.regions[i]
        n = self.line_index.locate(src).line - self.line_index.locate(start).line + 1
        return f"位于{label}第 {n} {item}"

    def memo(self, key: Hashable, compute: Callable[[], Any] | None = None) -> Any:
        """Per-document cache, so that rules share one scan of the text.

        The key is the function that computes the value (``doc.memo(outline)`` calls
        ``outline(doc)`` once): a function cannot collide with another module's key the way a
        shared string could. ``compute`` (no arguments) is for values a key function does not
        compute by itself; string keys still work for packs written before this. Two asks
        in five are first asks (26,000 of 65,000 on the benchmark's 1,000 files): a miss is
        told by a sentinel, as in unit_memo, not by a raised KeyError."""
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            value = self._memo[key] = compute() if compute is not None else key(self)
        return value

    def unit_memo_held(self, key: Hashable, unit: TextUnit) -> Any:
        """What ``unit_memo(key, unit, ...)`` holds for ``unit`` if a reader has asked for it
        already, else None (nothing computed): a reader that needs only part of a layer reads
        the whole one's own objects when they are built, and builds only its part when not."""
        table = self._memo.get(key)
        return None if table is None else table.get((unit.index, unit.start))

    def unit_memo(self, key: Hashable, unit: TextUnit, *args: Any) -> Any:
        """Per-unit cache of a shared scan: ``doc.unit_memo(find_dates, unit, unit.text)`` calls
        ``find_dates(unit.text)`` once per unit, keyed by the function itself (one table per
        layer). Rules ask for every unit's scans over and over (about fifteen times per unit),
        so a hit is two lookups; arguments are passed rather than closed over. Half the asks
        are first asks (29,000 of 61,000 on the benchmark's 1,000 files), so a miss is told by
        a sentinel, not by a raised KeyError (twice the cost of the miss itself).
        The older form ``unit_memo(name, unit, compute, *args)`` with a string name is still
        read, for packs written against it."""
        table = self._memo.get(key)
        if table is None:
            table = self._memo[key] = {}
        else:
            found = table.get((unit.index, unit.start), _MISSING)
            if found is not _MISSING:
                return found
        if isinstance(key, str):
            compute, args = args[0], args[1:]
        else:
            compute = key
        found = table[unit.index, unit.start] = compute(*args)
        return found


_MISSING = object()  # what unit_memo's tables never hold: a value not computed yet


_LINE = pattern_cache.re_compile(r"[^\r\n]+")


def split_lines_into_units(text: str) -> tuple[TextUnit, ...]:
    """Paragraphs, by the convention the text itself uses.

    Chinese reports usually end a paragraph with a line break, so each non-blank line is a
    unit. Texts that separate paragraphs with blank lines (Markdown, wiki exports that break
    a paragraph around every link) make each run of non-blank lines one unit instead; a
    text is taken to follow that convention when blank lines separate at least one in seven
    of its lines (one-line-per-paragraph reports in the corpus stay under one in thirty).
    """
    # The collector is paused while the units are built: a page of one-word lines is 500,000
    # of them, and the collections they set off were a third of the split (gongwen.collector).
    with collector.paused():
        return _split(text)


def _split(text: str) -> tuple[TextUnit, ...]:
    if _line_units is not None and "\r" not in text:
        return _line_units.paragraph_units(text, _UNIT, "paragraph")
    return reference_split(text)


def reference_split(text: str) -> tuple[TextUnit, ...]:
    """_split in Python: the reference of ``_line_units.c`` and the path of a text with \\r."""
    lines, blank = _lines_and_gaps(text)
    if not lines:
        return ()
    gaps = sum(blank)
    if gaps * 7 < len(lines) - 1 or gaps == len(lines) - 1:
        spans = lines
    else:
        spans, (cur_start, cur_end) = [], lines[0]
        for (start, end), gap in zip(lines[1:], blank):
            if gap:
                spans.append((cur_start, cur_end))
                cur_start = start
            cur_end = end
        spans.append((cur_start, cur_end))
    return _paragraph_units(text, spans)


def _lines_and_gaps(text: str) -> tuple[list[tuple[int, int]], list[bool]]:
    """The spans of the non-blank lines, and for each two neighbours whether the gap between
    them holds a blank (or whitespace) line."""
    if "\r" in text:
        lines = [m.span() for m in _LINE.finditer(text) if not m.group().isspace()]
        return lines, [_has_blank_line(text, end, start) for (_, end), (start, _) in zip(lines, lines[1:])]
    # Only \n breaks (nearly every file): the lines are the pieces of one split, and a gap
    # longer than its one \n starts with a blank line, which ends in a second \n.
    lines = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            lines.append((start, end))
        start = end + 1
    return lines, [start - end > 1 for (_, end), (start, _) in zip(lines, lines[1:])]


# Units are built by one C call that fills the slots (gongwen.slotted), every field given in
# order: a document of short lines has one unit per line.
_UNIT = positional(TextUnit)

# The paragraphs of a text without \r found and built in one C pass (_line_units.c): the
# Python path cut a str per line, tested it and sliced each unit again (~5,800 instructions a
# line). reference_split is its reference (tests/test_line_units.py). Optional.
try:
    from gongwen import _line_units
except ImportError:  # not built (no compiler at install)
    _line_units = None


def _paragraph_units(text: str, spans: list[tuple[int, int]]) -> tuple[TextUnit, ...]:
    """``TextUnit(a, b, text[a:b], "paragraph", i)`` for the i-th span (a, b)."""
    unit = _UNIT
    return tuple([unit(a, b, text[a:b], "paragraph", i) for i, (a, b) in enumerate(spans)])


class LineUnits(tuple):
    """What ``line_units`` returns: the units, each a whole non-blank line of ``self.text``
    (a trailing "\r" left out), which a document of that text need not check unit by unit."""

    text: str


def line_units(text: str, kind: str = "paragraph") -> tuple[TextUnit, ...]:
    """One unit per non-blank line (split on "\n", a trailing "\r" left out): for formats
    whose lines are already paragraphs. Built as ``_paragraph_units`` builds them: pages of
    short lines (HTML table cells, ``<p>x``) have 250,000 units a megabyte."""
    unit = _UNIT
    has_cr = "\r" in text
    units, start, i = [], 0, 0
    for line in text.split("\n"):
        end = start + len(line)
        if has_cr:
            line = line.rstrip("\r")
        if line and not line.isspace():  # as line.strip() is empty: the same whitespace
            units.append(unit(start, start + len(line), line, kind, i))
            i += 1
        start = end + 1
    lines = LineUnits(units)
    lines.text = text
    return lines


def _has_blank_line(text: str, end: int, start: int) -> bool:
    """Whether the gap between two non-blank lines holds a blank (or whitespace) line."""
    if start - end == 1 or (start - end == 2 and text[end] == "\r" and text[end + 1] == "\n"):
        return False  # one line break and nothing else: the common case, without a scan
    return len(_NEWLINE.findall(text, end, start)) >= 2
