"""Paragraphs rejoined from lines that layout broke at a fixed width.

A PDF's text layer, and plain text copied from one (or saved by an editor that wraps at a
column), breaks every paragraph into lines of the page's width. Read line by line, a sentence
split at the width looks like two fragments: a quotation opened on one line and closed on the
next, a year cut in two (20 / 24年), 习近平新时代中国特色社会主义思 / 想. :func:`rejoin` gives the
text rules read, with the line breaks that layout put inside a paragraph removed (between CJK
characters, inside a number) or made one space (between Latin words), and an anchor for every
kept line so that each character maps back to its place. :func:`wrapped_lines` says whether a
plain text was wrapped that way at all.

A line ends a paragraph when it ends with 。！？；：…” or similar, or is clearly shorter than the
text's full lines, and a line that starts like a heading or list item (一、 （一） 1. 第X条)
starts one — except that a line ending in an opening mark (《 “ （), a line starting with a
closing mark or comma and an unclosed 《 always join, and so does a full line inside an open
“ or （. When the lines keep first-line indents (two spaces or U+3000 at the start of at least
one line in twenty), the indent alone starts a paragraph, except where a line must join. An
indent is any two blank characters (ASCII, ideographic, em or no-break spaces) or a tab. A
blank line starts a paragraph in a text that does not put one between every two lines, unless
the line must join or the break falls inside a word of a full line (a page break copied
mid-sentence).
"""
from __future__ import annotations

import regex

from gongwen.analysis import lazy_regex

_PARA_END = lazy_regex.compile(r"[。！？；：…”’）】》!?;:\)]\s*$")
# Two blank characters of any kind (editors indent with U+3000, U+2003, spaces or no-break
# spaces), or a tab.
_INDENT_PATTERN = r"(?:[^\S\r\n\t]{2}|\t)"
_PARA_START = lazy_regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十0-9]{1,3}[）)]|"
                                 r"[0-9]{1,3}(?:[.．](?![0-9])|、)|第[一二三四五六七八九十百0-9]{1,4}[章节条]|" + _INDENT_PATTERN + ")")
_OPENS = lazy_regex.compile(r"[《“‘（(【\[「『〔—]\s*$")  # a line ending in an opener goes on
_CLOSES = lazy_regex.compile(r"^\s*[》”’）)】\]」』〕，。、；：！？,.;:!?]")  # a closer cannot start a paragraph
_CJK = lazy_regex.compile(r"[\p{Han}，。、；：？！“”‘’（）《》【】—…]")
_INDENT = lazy_regex.compile(_INDENT_PATTERN)
# Characters of a number: a break between two of them, a digit on one side, is inside the
# number (20 / 04年, 3. / 5%), which joins without a space.
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.．,:%％/-")

# A plain text is taken as wrapped at a width when it has MIN_LINES lines or more, a quarter
# of them or more are full (within 1/8 of the longest usual line) and at most one in fifty is
# longer, three in five of the full ones stop where no paragraph ends, and of those breaks (at
# least MIN_BREAKS) one in three or more falls inside a word (防洪 / 法): a width cuts words
# wherever it falls, while a list's or a table's lines, as long as one another, end where their
# items end. A report written a paragraph a line has lines of every length, the longest ones
# ending in 。. Measured on the clean corpus, the statutes and the speed benchmark's files (none
# taken as wrapped) and on the clean corpus wrapped at 28-45 characters (all taken; words cut
# at 55-85% of the breaks, 0% in the lists and tables of fixtures/genres).
MIN_LINES = 6
MIN_BREAKS = 4
MIN_WIDTH = 16
MAX_WIDTH = 200


def full_width(lengths: list[int]) -> int:
    """The length of a full line: the 90th percentile of the lines' lengths."""
    ordered = sorted(lengths)
    return ordered[int(len(ordered) * 0.9)] if ordered else 0


def wrapped_lines(text: str) -> list[tuple[str, int]] | None:
    """The non-blank lines of ``text`` with their offsets (``split_lines``) if it is wrapped at
    a width (``hard_wrapped``), else None. The lengths of the raw lines come first: a text
    whose usual long line is outside the widths (a report a paragraph a line) is not split."""
    # Raw lengths keep an indent and a \r (four characters of slack on the widest); lines of
    # one or two characters (a blank line's \r) are left out, as stripped blank lines are.
    lengths = [n for n in map(len, text.split("\n" if "\n" in text else "\r")) if n > 2]
    if len(lengths) < MIN_LINES:
        return None
    full = full_width(lengths)
    if not MIN_WIDTH <= full <= MAX_WIDTH + 4 or sum(n >= full - full // 8 - 4 for n in lengths) * 4 < len(lengths):
        return None
    lines = split_lines(text)
    return lines if hard_wrapped([ln.strip() for ln, _ in lines]) else None


def hard_wrapped(lines: list[str]) -> bool:
    """Whether non-blank ``lines`` (stripped) are paragraphs broken at a fixed width."""
    if len(lines) < MIN_LINES:
        return False
    full = full_width([len(ln) for ln in lines])
    if not MIN_WIDTH <= full <= MAX_WIDTH:
        return False
    at_width = [i for i, ln in enumerate(lines) if len(ln) >= full - full // 8]
    longer = sum(1 for ln in lines if len(ln) > full + full // 8)
    if len(at_width) * 4 < len(lines) or longer * 50 > len(lines):
        return False
    breaks = [i for i in at_width if i + 1 < len(lines) and not _PARA_END.search(lines[i])]
    if len(breaks) < MIN_BREAKS or len(breaks) * 5 < len(at_width) * 3:
        return False
    from gongwen.analysis.evidence import joins  # the dictionary: only for a text that may be wrapped

    return sum(1 for i in breaks if joins(lines[i][-1] + lines[i + 1][0])) * 3 >= len(breaks)


def rejoin(kept: list[tuple[str, int]], source: str | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The text of prose lines ``kept`` (each line with its offset in the source) with the
    breaks inside paragraphs removed, and the anchors (text offset, source offset) of
    :class:`gongwen.document.OffsetMap`. With ``source`` (the text the lines were split
    from), the blank lines between them are read too."""
    full = full_width([len(ln.strip()) for ln, _ in kept])
    blank_before = _blank_before(kept, source) if source is not None else None
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    prev = ""
    # Opened less closed in the paragraph so far, per pair (《》, “”, （）): counted a line at
    # a time, so that a paragraph of many lines is read once.
    titles = quotes = brackets = 0
    # Do the lines keep first-line indents (two spaces or ideographic spaces)?
    indented = sum(1 for ln, _ in kept if _INDENT.match(ln)) >= max(3, len(kept) // 20)
    for i, (ln, src) in enumerate(kept):
        lead = len(ln) - len(ln.lstrip())
        body = ln.strip()
        if prev:
            full_line = len(prev) >= full * 0.8
            # A full line inside an open quotation or bracket goes on (（负责部门： / 药监局）).
            open_pair = full_line and (quotes > 0 or brackets > 0)
            # What can never end or begin a paragraph, whatever the layout (titles do not span
            # paragraphs).
            must_join = _OPENS.search(prev) or _CLOSES.match(ln) or titles > 0
            if blank_before is not None and blank_before[i]:
                joined = must_join or (full_line and _inside_word(prev[-1] + body[0]))
            elif indented:  # the lines keep first-line indents: they alone start paragraphs
                joined = must_join or not (_PARA_START.match(ln) or not full_line)
            else:
                joined = must_join or open_pair or not (
                    _PARA_END.search(prev) or not full_line or _PARA_START.match(ln))
            if joined:
                if not (_CJK.match(prev[-1]) or _CJK.match(body[0]) or _in_number(prev[-1], body[0])):
                    anchors.append((length, src))
                    out.append(" ")
                    length += 1
            else:
                anchors.append((length, src))
                out.append("\n")
                length += 1
                titles = quotes = brackets = 0
        anchors.append((length, src + lead))
        out.append(body)
        length += len(body)
        prev = body
        titles += body.count("《") - body.count("》")
        quotes += body.count("“") - body.count("”")
        brackets += body.count("（") - body.count("）")
    return "".join(out), anchors


def _blank_before(kept: list[tuple[str, int]], source: str) -> list[bool] | None:
    """For each kept line, whether a blank line comes before it in ``source``; None when blank
    lines say nothing, being between most lines (a text spaced a blank line a line)."""
    blank = [False] * len(kept)
    for i in range(1, len(kept)):
        gap = source[kept[i - 1][1] + len(kept[i - 1][0]):kept[i][1]]
        blank[i] = gap.count("\n") + gap.count("\r") - gap.count("\r\n") > 1
    return blank if sum(blank) * 2 < len(kept) else None


def _inside_word(pair: str) -> bool:
    """Whether a break between two characters falls inside a dictionary word (地区生 / 产总值).
    Not a usual pair only: 现代化 / 国防 is one (现代化国家), and there a blank line after a
    heading is a paragraph's end."""
    from gongwen.analysis.evidence import is_word  # the dictionary: only for a text that is wrapped

    return is_word(pair)


def _in_number(before: str, after: str) -> bool:
    return (before.isdigit() or after.isdigit()) and before in _NUMBER_CHARS and after in _NUMBER_CHARS


def split_lines(text: str) -> list[tuple[str, int]]:
    """The non-blank lines of ``text`` (split on \\n, \\r\\n and \\r) with their offsets."""
    return [(m.group(), m.start()) for m in regex.finditer(r"[^\r\n]+", text) if m.group().strip()]
