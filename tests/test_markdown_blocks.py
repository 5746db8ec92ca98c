"""The Markdown reader's block map (markdown_blocks.block_map: a line pre-scan, markdown-it-py
for the regions that need it) against markdown-it-py's parse of the whole body, on generated
documents that mix every block construct, and wrong variants of the pre-scan that the
comparison must catch."""
from __future__ import annotations

import random
import re

import pytest

from gongwen.formats import markdown, markdown_blocks
from gongwen.formats.markdown_blocks import block_map, reference_block_map

# Pieces of documents, one or more lines each: every block construct, its near misses, and
# what ends or continues it (closers long, short and indented; html block ends; underlines).
PIECES = [
    # fences, closers and near misses
    "```", "````", "~~~", "~~~~", "```python", "``` a`b", "~~~ a`b", "  ```", "   ~~~", "    ```",
    "\t```", "```  ", "``` \t", "``` a|b", "~~~ |", "`````", " ````", "~~", "``", "```\n```", "~~~\n~~~", "```\na\n```",
    # indented code
    "    code", "\tcode", "     x", "  \tx",
    # HTML blocks, kinds 1-7, and their ends
    "<script>", "</script>", "<pre>x", "</pre>", "<style type=x>", "</style>", "<textarea>",
    "</textarea>", "<!-- c", "-->", "<!-- c -->", "<?php", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>",
    "<!-- a -->", "<!-->", "<!-- a", "b -->", " <!--", "    <!--", "<!--a-->b", "-->x", "\t<!--",
    "<div>", "</div>", "<table>", "<p class=a>", "<custom-tag a=\"1\">", "</custom-tag>", "<a href=x>",
    "<b>", "a <b>c</b>", "<div>a</div>",
    # lists and quotes, nested and lazy
    "- a", "* a", "+ a", "1. a", "2) a", "10. a", "-", "- ```", "  - b", "   b", "  ```", "- > a",
    "> a", "> ```", ">> a", "> - a", ">", "> # h", "  > a", "- # h", "1. ```", "- - a",
    # tables and their delimiter rows
    "| a | b |", "|---|---|", "a | b", "--- | ---", "|:-:|", "| - |", "-|-", ":--", "|a|", "| x | y | z |",
    # headings: setext underlines, ATX and near misses
    "===", "---", "- - -", "***", "___", "# a", "## b ##", "####### a", "#a", "#", "   # c", "    # d",
    "#\ta", "=", "--", "# a | b",
    # reference definitions and link-like lines
    "[a]: /url", "[a]:", "/url 'title'", "'title'", "[b]: <x> \"t\"", "[c]\n: /u", "[d]: /u\n'x'",
    # plain lines
    "a", "b c", "中文段落，内容。", "  b", "   c", "\\# not", "!x", "a|b", "x:y", "é", "\u3000\u3000正文",
    "a`b`", "2024年", "1 a", "a\tb",
    # blank lines
    "", "", "", "   ", "\t", " \t ",
]
FRONT = ["---\ntitle: x\n---", "+++\na = 1\n+++", "---\n---", "---\nx"]
ENDS = ["\n", "\n", "\n", "\r\n", "\r"]


def document(rng: random.Random) -> str:
    parts = []
    if rng.random() < 0.1:
        parts.append(rng.choice(FRONT))
    for _ in range(rng.randint(1, 24)):
        parts.append(rng.choice(PIECES))
    end = rng.choice(ENDS) if rng.random() < 0.8 else None
    lines = "\n".join(parts).split("\n")
    text = "".join(line + (end or rng.choice(ENDS)) for line in lines)
    return text if rng.random() < 0.8 else text.rstrip("\r\n") + rng.choice(["", " ", "\t", "x"])


def _documents(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [document(rng) for _ in range(n)]


@pytest.fixture
def short_regions(monkeypatch):
    """Regions for markdown-it-py as short as they can be (every blank line followed by an
    unindented line ends one), so the pre-scan's fresh points are tried as often as possible."""
    monkeypatch.setattr(markdown_blocks, "_REGION_CHARS", 0)


def _mismatches(docs: list[str]) -> list[str]:
    return [d for d in docs if block_map(d) != reference_block_map(d)]


def test_block_map_equals_markdown_it_on_generated_documents(short_regions):
    docs = _documents(12_000, seed=18)
    assert _mismatches(docs) == []


def test_block_map_equals_markdown_it_with_long_regions():
    # The regions of the default size on longer documents: each is parsed once or twice.
    rng = random.Random(7)
    docs = ["".join(document(rng) for _ in range(rng.randint(20, 120))) for _ in range(150)]
    assert any(len(d) > markdown_blocks._REGION_CHARS for d in docs)
    assert _mismatches(docs) == []


def test_the_reader_gives_the_same_text_and_units_as_with_markdown_it_alone(short_regions):
    for doc in _documents(10_000, seed=4):
        fast, whole = markdown.read(doc, "x.md"), markdown.read(doc, "x.md", blocks=reference_block_map)
        assert fast.text == whole.text, doc
        assert fast.units == whole.units, doc
        assert fast.directives == whole.directives, doc


def test_the_pre_scan_does_take_the_fast_path(monkeypatch):
    """The comparison above means something only if the fast path runs: on a page of short
    fences and paragraphs, markdown-it-py is never called."""
    calls = []
    real = markdown_blocks._tokens
    monkeypatch.setattr(markdown_blocks, "_tokens", lambda text: calls.append(text) or real(text))
    blocks = block_map("```\na\n" * 1000 + "# h\n\n正文\n<!-- c -->\n~~~\n")
    assert calls == []
    assert len(blocks) == 1004


# -- wrong variants: each must be caught by the comparison -----------------------------------

def _wrong_fast(monkeypatch, old: str, new: str) -> None:
    pattern = markdown_blocks._FAST.pattern
    assert old in pattern
    monkeypatch.setattr(markdown_blocks, "_FAST", re.compile(pattern.replace(old, new, 1)))


@pytest.mark.parametrize("old, new, why", [
    (r"(?![ \t]*[|:\-])", "", "a fence with a pipe before a delimiter row is a table's header"),
    (r"(?:\n|\Z))" + markdown_blocks._NO_TABLE, r"(?:\n|\Z))",
     "so is a heading with a pipe"),
    (r"[^\x00-\x20`~>*+\-_#<\[|=:0-9]", r"[^\x00-\x20`~>*+\-_#<\[|:0-9]",
     "a paragraph line followed by === is a setext heading"),
])
def test_a_wrong_fast_pattern_is_caught(monkeypatch, short_regions, old, new, why):
    _wrong_fast(monkeypatch, old, new)
    assert _mismatches(_documents(3_000, seed=18)), why


def test_a_closer_indented_four_spaces_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_CLOSER", re.compile(r"^ {0,4}(`{3,}|~{3,})[ \t]*$", re.M))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_closer_shorter_than_the_opener_or_of_the_other_mark_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_closer", lambda text, start, opener: (
        m.end() if (m := markdown_blocks._CLOSER.search(text, start)) else None))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_comment_ended_only_on_a_later_line_is_caught(monkeypatch, short_regions):
    real = markdown_blocks._comment_end
    monkeypatch.setattr(markdown_blocks, "_comment_end",
                        lambda text, start: real(text, text.find("\n", start) + 1 or len(text)))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_comment_indented_four_spaces_is_caught(monkeypatch, short_regions):
    _wrong_fast(monkeypatch, markdown_blocks._COMMENT, markdown_blocks._COMMENT.replace("{0,3}", "{0,4}"))
    assert _mismatches(_documents(3_000, seed=18))


def test_a_region_end_taken_without_checking_is_caught(monkeypatch, short_regions):
    """A region that ends inside an unclosed top-level fence or an HTML comment must not be
    cut there: the block goes on."""
    monkeypatch.setattr(markdown_blocks, "_runs_on", lambda tokens, end: False)
    assert _mismatches(_documents(3_000, seed=18))


def test_a_region_end_inside_a_list_is_caught(monkeypatch, short_regions):
    """Ending a region at a blank line followed by an indented line cuts list items."""
    monkeypatch.setattr(markdown_blocks, "_REGION_END", re.compile(r"\n[ \t]*\n(?=[ a-z`~#])"))
    assert _mismatches(_documents(3_000, seed=18))


# -- lists: markdown_lists replays markdown-it-py's list, paragraph and code rules -----------

from gongwen.formats import markdown_lists  # noqa: E402

LIST_MARKERS = ["-", "-", "+", "*", "1.", "1.", "2.", "1)", "3)", "01.", "10.", "123456789.", "1234567890."]
LIST_PLAIN = ["a", "b c", "中文", "x|y", "a  ", "\u3000正文", "lazy"]
# Item contents that are not plain: a nested marker, code, a heading, a definition, a quote, a
# fence, a tab, nothing, a thematic break, a delimiter row.
LIST_ODD_CONTENT = ["1. a", "- a", "` x", "# h", "[a]: b", "> q", "```", "a\tb", "", "---", "|-|"]
# Lines of no kind the list scan knows: each must make it hand over to markdown-it-py.
LIST_OTHER = ["```", "~~~", "    ```", "> a", ">", "|a|b|", "|-|-|", "---", "===", "-", "* * *", "<div>",
              "<!-- c -->", "# h", "\ta", "-\ta", "- \ta", "  \t- a", "[a]: /u", "-a", "1.a", "0. a", "- ",
              "1. ", "a|b", "--- | ---", "- |-|", "1.\ta", "  ```", "  > lazy"]


def _list_line(rng: random.Random, odd: float) -> str:
    r = rng.random()
    indent = " " * rng.choice([0, 0, 0, 1, 2, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12])
    if r < odd:
        return indent * (rng.random() < 0.5) + rng.choice(LIST_OTHER)
    if r < 0.6:
        gap = " " * rng.choice([1, 1, 1, 1, 2, 3, 4, 5 if odd else 4])
        content = rng.choice(LIST_PLAIN) if rng.random() > odd else rng.choice(LIST_ODD_CONTENT)
        return indent + rng.choice(LIST_MARKERS) + gap + content
    if r < 0.8:
        return indent + rng.choice(LIST_PLAIN)  # a lazy or indented continuation line
    return rng.choice(["", "", "  ", "\t"])


def _staircase(rng: random.Random) -> list[str]:
    """Items each nested in the one before (or not quite), up to 14 levels: past markdown-it-py's
    nesting limit."""
    lines, indent = [], 0
    for _ in range(rng.randint(1, 14)):
        marker = rng.choice(LIST_MARKERS[:6])
        lines.append(" " * indent + marker + " " + rng.choice(LIST_PLAIN))
        indent = max(0, indent + len(marker) + 1 + rng.choice([0, 0, 0, 1, -1]))
    return lines


def list_document(rng: random.Random) -> str:
    """A page of list items (bullet and ordered, every marker, tight and loose, nested, lazy
    and indented continuation lines, indented code, numbers other than 1 interrupting
    paragraphs), with lines of other kinds at several rates."""
    odd = rng.choice([0, 0, 0.02, 0.05, 0.15])
    lines = [_list_line(rng, odd) for _ in range(rng.randint(1, 40))]
    if rng.random() < 0.2:
        at = rng.randint(0, len(lines))
        lines[at:at] = _staircase(rng)
    if rng.random() < 0.1:  # a table's header in an item, its delimiter row after it
        at = rng.randint(0, len(lines))
        lines[at:at] = [rng.choice(["- x|y", "1. a|b", "* |a|"]), rng.choice(["|-|-|", "--|--", ":-|-:"])]
    if rng.random() < 0.6:
        lines.insert(0, rng.choice(LIST_MARKERS[:6]) + " " + rng.choice(LIST_PLAIN))
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


def _list_documents(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [list_document(rng) for _ in range(n)]


def test_lists_equal_markdown_it_on_generated_pages(short_regions):
    docs = _list_documents(12_000, seed=28)
    assert _mismatches(docs) == []


def test_the_reader_gives_the_same_text_and_units_on_list_pages(short_regions):
    for doc in _list_documents(3_000, seed=8):
        fast, whole = markdown.read(doc, "x.md"), markdown.read(doc, "x.md", blocks=reference_block_map)
        assert (fast.text, fast.units, fast.directives) == (whole.text, whole.units, whole.directives), doc


def test_the_list_scan_does_take_list_pages(monkeypatch, short_regions):
    """The comparisons mean something only if the list scan runs: pages of tight, loose,
    ordered and nested items never reach markdown-it-py, and the generated pages give it over a
    fifth of their blocks with short regions (the fast blocks take the top-level paragraphs;
    markdown-it-py the lines after a line of another kind)."""
    calls = []
    real = markdown_blocks._md.parse
    monkeypatch.setattr(markdown_blocks._md, "parse", lambda text: calls.append(text) or real(text))
    for page in ("- a\n" * 500, "1. a\n" * 500, "- a\n\n" * 500, "- a\n  - b\n    1. c\n" * 200,
                 "- a\n+ b\n* c\n2) d\n" * 100):
        assert block_map(page) == reference_block_map(page)
    assert len(calls) == 5  # the reference parses only
    taken = []
    scan = markdown_lists.scan_lists
    counted = (lambda *a: (r := scan(*a), taken.append(len(r[2])))[0])
    monkeypatch.setattr(markdown_blocks, "_SCANS", tuple(counted if s is scan else s for s in markdown_blocks._SCANS))
    docs = _list_documents(1_000, seed=28)
    for doc in docs:
        block_map(doc)
    assert sum(taken) > sum(len(reference_block_map(d)) for d in docs) // 5


def test_a_region_that_reaches_the_nesting_limit_is_not_cut(short_regions):
    """markdown-it-py skips the rest of the body past its nesting limit (maxNesting 20): a
    region holding eleven nested lists must not end at the blank line after them."""
    deep = "".join(" " * (2 * i) + "- a\n" for i in range(11)) + "\nx\n\n# h\n"
    assert block_map(deep) == reference_block_map(deep)
    quotes = ">" * 25 + " a\n\nx\n"
    assert block_map(quotes) == reference_block_map(quotes)


def test_a_region_cut_past_the_nesting_limit_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_DEEP", 1000)
    deep = "".join(" " * (2 * i) + "- a\n" for i in range(11)) + "\nx\n"
    assert block_map(deep) != reference_block_map(deep)


def _wrong_list_rule(monkeypatch, name: str, wrong) -> None:
    monkeypatch.setattr(markdown_lists._Emulator, name, wrong)


def _interrupts_without_the_staircase_case(self, n, blk, list_indent):
    lines = self.lines
    return not (lines.ordered[n] and lines.indent[n] >= blk and not lines.one[n])


def _interrupts_with_any_number(self, n, blk, list_indent):
    indent = self.lines.indent[n]
    return not (list_indent >= 0 and indent - list_indent >= 4 and indent < blk)


def _code_with_its_trailing_blank_lines(self, n, blk):
    lines = self.lines
    first, n = n, n + 1
    while (kind := self._known(n)) != markdown_lists.END and (kind == markdown_lists.EMPTY or lines.indent[n] - blk >= 4):
        n += 1
    self._block("code", first, n)
    return n


@pytest.mark.parametrize("name, wrong, why", [
    ("_interrupts", _interrupts_without_the_staircase_case,
     "an item four columns right of its list's, left of the paragraph, continues the paragraph"),
    ("_interrupts", _interrupts_with_any_number, "only an ordered item numbered 1 interrupts a paragraph"),
    ("_code", _code_with_its_trailing_blank_lines, "indented code ends at its last indented line"),
    ("_no_table", lambda self, n: None, "an item before a delimiter row is no place to resume at"),
])
def test_a_wrong_list_rule_is_caught(monkeypatch, short_regions, name, wrong, why):
    _wrong_list_rule(monkeypatch, name, wrong)
    assert _mismatches(_list_documents(3_000, seed=28)), why


def test_a_resume_point_inside_a_nested_list_is_caught(monkeypatch, short_regions):
    """Only a top-level item's start is a place markdown-it-py can start from."""
    real = markdown_lists._Emulator._list

    def everywhere(self, n, blk, list_indent, level):
        self.fresh = (n, len(self.blocks))
        return real(self, n, blk, list_indent, level)

    monkeypatch.setattr(markdown_lists._Emulator, "_list", everywhere)
    assert _mismatches(_list_documents(3_000, seed=28))


def test_lists_past_the_nesting_limit_are_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_lists, "_MAX_LEVEL", 100)
    assert _mismatches(_list_documents(3_000, seed=28))


def test_an_item_content_column_without_its_gap_is_caught(monkeypatch, short_regions):
    real = markdown_lists._Lines.classify

    def no_gap(self, n):
        kind = real(self, n)
        self.content[n] = self.indent[n] + len(self.marker[n]) + 1 if kind == markdown_lists.ITEM else 0
        return kind

    monkeypatch.setattr(markdown_lists._Lines, "classify", no_gap)
    assert _mismatches(_list_documents(3_000, seed=28))


# -- tables: markdown_tables replays markdown-it-py's table rule at fresh points -------------

from gongwen.formats import markdown_tables  # noqa: E402

TABLE_HEADERS = ["|a|b|", "a|b", "| a | b |", "|a|", "a|", "|a", "| x | y | z |", "a\\|b|c", "|a\\|b|",
                 "  |a|b|", "   a|b", "    |a|b|", "\t|a|b|", "|a|b|\u3000", "\u3000|a|b|", "||", "|", "a||b",
                 "- |a|", "> |a|", "# a|b", "a | b \\", "|`a|b`|", "中文|数据", "|a|b|c|d|e|f|g|h|"]
TABLE_DELIMITERS = ["|-|-|", "--|--", ":-|-:", "|:-:|:--|", "|---|", "---", "-|", "|-", "| - | - |",
                    "|-|-|-|", "- | -", "-- | --", "  |-|-|", "    |-|-|", "\t|-|-|", "|-|-|  ", "|=|=|",
                    ":|:", "|-||-|", "|-|-|\u3000", "-:", "|-:|:-|-|-|-|-|-|-|"]
TABLE_ROWS = ["|a|b|", "a|b", "|a|", "a", "|", "||", "|a|b|c|", "a\\|b", "|a\\|b|", "a\\", "\\|", "|a\\\\|b|",
              "  |a|b|", "   a", "    a", "\ta", "  \t|a|", "\u3000\u3000正文", "\u3000", " \u2003 ", "\u00a0x",
              "|a|b|\u3000", "#a|b", "# a", "- a", "-", "* a", "1. a", "2) a", "1234567890. a", "> a", ">",
              "```", "~~~", "<div>", "<a>", "<!-- c -->", "***", "---", "___", "+ a", "=", "===", ":", "[a]: b",
              "|-|-|", "", "", "  ", "\t", "中文|数据|表格"]


def table_document(rng: random.Random) -> str:
    """Pages of tables (headers and delimiter rows that do and do not match, rows of every kind:
    escaped pipes, fewer and more cells, trim characters, indents, lines a terminator takes)
    mixed with the other pieces."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 5)):
        if rng.random() < 0.3:
            lines += [rng.choice(PIECES) for _ in range(rng.randint(0, 4))]
        lines.append(rng.choice(TABLE_HEADERS))
        lines.append(rng.choice(TABLE_DELIMITERS) if rng.random() < 0.85 else rng.choice(TABLE_ROWS))
        plain = rng.random() < 0.5  # mostly rows, or rows of every kind
        for _ in range(rng.randint(0, 12)):
            lines.append(rng.choice(TABLE_ROWS[:3] if plain and rng.random() < 0.9 else TABLE_ROWS))
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  ", "\n\u3000"])


def test_a_table_past_the_autocompleted_cells_limit_ends_where_markdown_it_ends_it():
    """markdown-it-py stops a table once it would fill in more than 65,536 empty cells; the
    row it stops at starts the next block."""
    wide = "|" + "a|" * 300 + "\n|" + "-|" * 300 + "\n"
    for rows in ("a\n" * 230, "|a|b|\n" * 120 + "a\\|b\n" * 120, "a\n" * 200 + "|" + "x|" * 400 + "\n" + "a\n" * 60):
        assert block_map(wide + rows) == reference_block_map(wide + rows)


@pytest.mark.parametrize("name, wrong, why", [
    ("_ROWS", re.compile(markdown_tables._ROWS.pattern.replace("\\#", "", 1)),
     "a line that may be an ATX heading ends the table"),
    ("_ROWS", re.compile(markdown_tables._ROWS.pattern.replace(" {0,3}", " {0,4}", 1)),
     "a line indented four columns is code, not a row"),
    ("_ROWS", re.compile(markdown_tables._ROWS.pattern.replace(
        f"[{markdown_tables._TRIM}]*[^{markdown_tables._TRIM}\\n]", "", 1)),
     "a line of ideographic spaces is empty once trimmed: it ends the table"),
    ("_END", re.compile(r"[ \t]*(?:\n|\Z)|(?: {0,3}\t| {4})|[0-9]"), "a line that starts with a digit may start a list"),
])
def test_a_wrong_table_scan_is_caught(monkeypatch, short_regions, name, wrong, why):
    monkeypatch.setattr(markdown_tables, name, wrong)
    assert _mismatches(_generated(table_document, 3_000, seed=38)), why


def test_a_wrong_cell_count_is_caught(monkeypatch):
    monkeypatch.setattr(markdown_tables, "_cells", lambda line: mdtrim_count(line))
    wide = "|" + "a|" * 300 + "\n|" + "-|" * 300 + "\n"
    page = wide + "a\\|b\\|c\\|d\n" * 240  # one cell a row, not four: the table ends two rows later
    assert block_map(page) != reference_block_map(page)


def mdtrim_count(line: str) -> int:
    """Cells counted without minding escaped pipes."""
    return line.strip().strip("|").count("|") + 1


def test_cells_are_counted_as_markdown_it_counts_them():
    rng = random.Random(3)
    for _ in range(20_000):
        row = "".join(rng.choice(["|", "|", "a", "\\", " ", "\u3000", "\t", "中"]) for _ in range(rng.randint(1, 9)))
        cells = markdown_tables.escapedSplit(markdown_tables.mdTrim(row))
        if cells and cells[0] == "":
            cells.pop(0)
        if cells and cells[-1] == "":
            cells.pop()
        assert markdown_tables._cells(row) == len(cells), row


# -- setext headings: the fast pattern takes plain lines and their underline -----------------

SETEXT_TEXT = ["a", "标题", "a b", "  a", "   a", "    a", "\ta", "a|b", "|a", "a|", "x:y", "\u3000正文", "é"]
SETEXT_LAZY = ["    a", "\ta", "  \ta", "     ===", "    ---", "\t=", "    - a", "    |-|"]
SETEXT_UNDERLINES = ["=", "===", "-", "--", "---", "  ===", "   -", "    =", "=  ", "--\t", "= =", "- -", "-=",
                     "***", "___", "==a", "\t==", "  |-|", "--|--", ":-", "- a", "1. a", "> a", "```", "# h",
                     "<div>", "[a]: b", "", "  "]


def setext_document(rng: random.Random) -> str:
    """Pages of setext headings (one or more text lines, lazy lines, underlines of = and -,
    indented, with trailing spaces, and their near misses), tables whose header a - underline
    could be, mixed with the other pieces."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 8)):
        r = rng.random()
        if r < 0.15:
            lines.append(rng.choice(PIECES))
            continue
        for i in range(rng.choice([1, 1, 1, 2, 3])):
            lines.append(rng.choice(SETEXT_TEXT) if i == 0 or rng.random() < 0.7 else rng.choice(SETEXT_LAZY))
        lines.append(rng.choice(SETEXT_UNDERLINES[:5]) if rng.random() < 0.6 else rng.choice(SETEXT_UNDERLINES))
        if rng.random() < 0.2:
            lines.append("")
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


@pytest.mark.parametrize("old, new, why", [
    ("(?: {0,3}\\t| {4})", "(?: {0,3}\\t| {3})", "a line indented three spaces is read, not skipped as lazy"),
    ("(?P<setext> {0,3}", "(?P<setext> {0,4}", "a first line indented four spaces is code"),
    ("(?P<underline>=+|-+)[ \\t]*", "(?P<underline>=+|-+)[ \\t=-]*", "- = is no underline"),
])
def test_a_wrong_setext_pattern_is_caught(monkeypatch, short_regions, old, new, why):
    _wrong_fast(monkeypatch, old, new)
    monkeypatch.setattr(markdown_blocks, "_SETEXT_GROUP", markdown_blocks._FAST.groupindex["setext"])
    assert _mismatches(_generated(setext_document, 3_000, seed=48)), why


def test_a_dash_underline_below_a_pipe_is_left_to_the_table_rule(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_blocks, "_may_be_table", lambda setext: False)
    assert _mismatches(_generated(setext_document, 3_000, seed=48))


# -- empty list items: bare markers in markdown_lists ----------------------------------------

BARE_ITEMS = ["-", "+", "*", "1.", "2)", "01.", "123456789.", "- ", "-\t", "1.  ", "*\t ", "-   \t"]


def _bare_line(rng: random.Random, odd: float) -> str:
    indent = " " * rng.choice([0, 0, 0, 1, 2, 2, 3, 4, 5, 6])
    r = rng.random()
    if r < 0.4:
        return indent + rng.choice(BARE_ITEMS)
    return _list_line(rng, odd)


def empty_item_document(rng: random.Random) -> str:
    """Pages of empty list items (every marker, trailing spaces and tabs, indented, before
    empty lines, under paragraph lines where a bare - is a setext underline and others
    continue the paragraph) mixed with items, plain lines and lines of other kinds."""
    odd = rng.choice([0, 0, 0.02, 0.05, 0.15])
    lines = [_bare_line(rng, odd) for _ in range(rng.randint(1, 40))]
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


def _interrupts_also_when_empty(self, n, blk, list_indent):
    lines = self.lines
    indent = lines.indent[n]
    if indent - blk >= 4 or (list_indent >= 0 and indent - list_indent >= 4 and indent < blk):
        return False
    return indent < blk or not (lines.ordered[n] and not lines.one[n])


def test_an_empty_item_interrupting_a_paragraph_is_caught(monkeypatch, short_regions):
    _wrong_list_rule(monkeypatch, "_interrupts", _interrupts_also_when_empty)
    assert _mismatches(_generated(empty_item_document, 3_000, seed=58))


def test_an_underline_read_as_an_empty_item_is_caught(monkeypatch, short_regions):
    """A bare - under a paragraph line is a setext underline, not an item."""
    _wrong_list_rule(monkeypatch, "_underline", lambda self, n, blk: False)
    assert _mismatches(_generated(empty_item_document, 3_000, seed=58))


def test_an_empty_item_read_on_past_an_empty_line_is_caught(monkeypatch, short_regions):
    """list.py ends an empty item at the empty line after it."""
    _wrong_list_rule(monkeypatch, "_empty_item", lambda self, n, content, list_indent, level:
                     self._tokenize(n + 1, content, list_indent, level + 2))
    assert _mismatches(_generated(empty_item_document, 3_000, seed=58))


def test_an_empty_item_content_column_off_by_one_is_caught(monkeypatch, short_regions):
    real = markdown_lists._Lines.classify

    def two_past(self, n):
        kind = real(self, n)
        if kind == markdown_lists.BARE:
            self.content[n] = self.indent[n] + len(self.marker[n]) + 2
        return kind

    monkeypatch.setattr(markdown_lists._Lines, "classify", two_past)
    assert _mismatches(_generated(empty_item_document, 3_000, seed=58))


# -- block quotes: markdown_quotes takes quotes of one paragraph ------------------------------

from gongwen.formats import markdown_quotes  # noqa: E402

QUOTE_MARKS = [">", "> ", ">>", "> >", ">> ", ">>>", "> > > ", ">" * 8, ">" * 9, " >", "   >", "    >",
               ">  ", "> \t", ">\t", "\t>", " > >"]
QUOTE_CONTENT = ["a", "正文", "\u3000\u3000正文", "a|b", "b c", "", "- a", "1. a", "# h", "```", "~~~", "|a|",
                 "|-|", "===", "---", "***", "<div>", "<!-- c -->", "[a]: b", "    code", "=", ":", "\\#"]
QUOTE_LAZY = ["lazy", "  lazy", "   x", "    x", "\tx", "     > - a", "    > b", "    <!--", "    - a", "\t# h", "    ```", "=", "--", "|a", "-a", ":x", "1 a",
              "[x]", "- a", "# h", "```", "<div>", "***", "1. a", "2) b", "", "", " ", "\u3000"]


def quote_document(rng: random.Random) -> str:
    """Pages of block quotes (depths 1 to 9, one or no space after each marker, indented
    markers, empty quote lines, lazy lines of every kind, content a terminator claims) mixed
    with the other pieces."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 6)):
        if rng.random() < 0.15:
            lines.append(rng.choice(PIECES))
            continue
        marks = rng.choice(QUOTE_MARKS[:4]) if rng.random() < 0.5 else rng.choice(QUOTE_MARKS)
        for _ in range(rng.randint(1, 6)):
            r = rng.random()
            if r < 0.6:
                lines.append(marks + (rng.choice(QUOTE_CONTENT[:3]) if rng.random() < 0.7 else rng.choice(QUOTE_CONTENT)))
            elif r < 0.75:
                lines.append(rng.choice(QUOTE_MARKS) + rng.choice(QUOTE_CONTENT))
            else:
                lines.append(rng.choice(QUOTE_LAZY))
        if rng.random() < 0.4:
            lines.append("")
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


def _wrong_quotes(monkeypatch, old: str, new: str) -> None:
    wrong = {}
    for depth, pattern in markdown_quotes._QUOTES.items():
        assert old in pattern.pattern
        wrong[depth] = re.compile(pattern.pattern.replace(old, new))
    monkeypatch.setattr(markdown_quotes, "_QUOTES", wrong)


@pytest.mark.parametrize("old, new, why", [
    (r"(?=[ \t]*(?:\n|\Z))", "", "a quote that ends at another line may take that line as a lazy one"),
    ("(?:[ \\t]*[^", "(?:(?: {0,3}\\t| {4})[ \\t]*[^\\n]|[ \\t]*[^",
     "an indented line that starts like a block ends a nested quote (and an indented > continues it)"),
])
def test_a_wrong_quote_scan_is_caught(monkeypatch, short_regions, old, new, why):
    _wrong_quotes(monkeypatch, old, new)
    assert _mismatches(_generated(quote_document, 3_000, seed=68)), why


def test_a_quote_line_of_another_depth_is_caught(monkeypatch, short_regions):
    """Quote lines of any depth in one quote: a deeper one starts a nested quote, which ends
    the paragraph."""
    wrong = {depth: re.compile(pattern.pattern.replace(f"(?:> ?){{{depth}}}", "(?:> ?)+"))
             for depth, pattern in markdown_quotes._QUOTES.items()}
    monkeypatch.setattr(markdown_quotes, "_QUOTES", wrong)
    assert _mismatches(_generated(quote_document, 3_000, seed=68))


# -- link reference definitions: markdown_definitions takes runs of one-line ones ------------

from gongwen.formats import markdown_definitions  # noqa: E402

DEF_LABELS = ["a", "a", "A b", "中文", "", " ", "\u3000", "a[b", "a\\]b", "a|b", "x" * 40, "  a  ", "a\tb"]
DEF_DESTS = ["b", "b", "/url", "http://example.com/a?b=c", "javascript:x", "JAVASCRIPT:x", "data:x",
             "data:image/png;base64,x", "&amp;", "a&b", "%zz", "a(b)", "<x>", "b\u3000", "http://例子.com", "x|y",
             "mailto:a@b", "b\\c", ""]
DEF_TAILS = ["", "", " ", "\t", " 'title'", ' "t"', " (t)", " x", " 'open"]
DEF_NEXT = ["'title'", '"t"', "(t)", "  'a", "b'", " \"x", "[b]: c", "a", "", "# h", "- a", "|a|", "|-|",
            "    code", "> q", "===", "---"]


def definition_document(rng: random.Random) -> str:
    """Pages of link reference definitions (labels empty, blank, bracketed, escaped;
    destinations good, forbidden, percent-encoded, with entities or parentheses; titles on the
    same line and the next, unclosed) mixed with the other pieces."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.6:
            label = rng.choice(DEF_LABELS[:4]) if rng.random() < 0.7 else rng.choice(DEF_LABELS)
            dest = rng.choice(DEF_DESTS[:4]) if rng.random() < 0.7 else rng.choice(DEF_DESTS)
            tail = rng.choice(DEF_TAILS[:2]) if rng.random() < 0.7 else rng.choice(DEF_TAILS)
            lines.append(" " * rng.choice([0, 0, 0, 1, 3, 4]) + f"[{label}]:" + rng.choice([" ", "", "  ", "\t"]) + dest + tail)
        elif r < 0.85:
            lines.append(rng.choice(DEF_NEXT))
        else:
            lines.append(rng.choice(PIECES))
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


def test_a_definition_with_a_title_on_the_next_line_is_caught(monkeypatch, short_regions):
    monkeypatch.setattr(markdown_definitions, "_TITLE_NEXT", re.compile(r"(?!)"))
    assert _mismatches(_generated(definition_document, 3_000, seed=78))


@pytest.mark.parametrize("wrong, why", [
    (lambda self, label, dest: True, "an empty label or a javascript: destination makes a paragraph"),
    (lambda self, label, dest: bool(label.strip()), "a javascript: destination makes a paragraph"),
])
def test_a_definition_taken_without_markdown_it_checks_is_caught(monkeypatch, short_regions, wrong, why):
    monkeypatch.setattr(markdown_definitions.DefinitionChecks, "__call__", wrong)
    assert _mismatches(_generated(definition_document, 3_000, seed=78)), why


# -- HTML blocks of kinds 6 and 7: markdown_html takes them -----------------------------------

from gongwen.formats import markdown_html  # noqa: E402

HTML_OPENERS = ["<div>", "<div>", "</div>", "<div class=\"a\">", "<DIV>", "<p>", "<table>", "<hr/>", "<section",
                "<a href=x>", "<b>", "</b>", "<custom-tag>", "<x y='1'/>", "<a>b</a>", "<a> x", "<div>a", "<p>段落",
                "<script>", "<pre>", "<style>", "<textarea>", "<!-- c", "<?php", "<!DOCTYPE html>", "<![CDATA[",
                "<", "<1>", "< div>", "<a", "  <div>", "   <p>", "    <div>", "\t<div>", "<div\t>", "<ul\n", "<div |a|",
                "<p>a|b"]
HTML_BODY = ["a", "正文", "</div>", "</pre>", "</script>", "-->", "?>", ">", "]]>", "|-|", "|-|-|", "--|--", ":-", "- a",
             "# h", "    x", "<div>", "```", "> q", "", "", " ", "\t", "\u3000"]


def html_document(rng: random.Random) -> str:
    """Pages of HTML blocks of every kind (openers of kinds 1 to 7 and near misses, bodies, the
    closers of kinds 1 to 5, empty lines, a delimiter row after an opener) mixed with the other
    pieces."""
    lines: list[str] = []
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.15:
            lines.append(rng.choice(PIECES))
            continue
        lines.append(rng.choice(HTML_OPENERS[:4]) if rng.random() < 0.5 else rng.choice(HTML_OPENERS))
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            lines.append(rng.choice(HTML_BODY))
        if rng.random() < 0.7:
            lines.append(rng.choice(["", "", "  ", "\t"]))
    return "\n".join(lines) + rng.choice(["\n", "\n", "\r\n", "", "\n  "])


@pytest.mark.parametrize("name, wrong, why", [
    ("_ENDS_ON_EMPTY_LINE", set(range(7)), "a <pre> block ends at </pre>, not at an empty line"),
    ("_DELIMITER_NEXT", re.compile(r"(?!)"), "an HTML line with a pipe before a delimiter row is a table's header"),
    ("_START", re.compile(r" {0,4}<[^\n]*"), "a tag indented four spaces is code"),
])
def test_a_wrong_html_scan_is_caught(monkeypatch, short_regions, name, wrong, why):
    monkeypatch.setattr(markdown_html, "_kinds", {})
    monkeypatch.setattr(markdown_html, name, wrong)
    assert _mismatches(_generated(html_document, 3_000, seed=88)), why


# -- every replay above: the block map equals markdown-it-py's on generated pages, so do the
# reader's text and units, and pages of the construct never reach markdown-it-py ------------

def _generated(make, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [make(rng) for _ in range(n)]


# construct -> (page generator, seed, pages that must not reach markdown-it-py)
REPLAYS = {
    "tables": (table_document, 38,
        ["|a|b|\n|-|-|\n" + "|a|b|\n" * 500, "a|b\n--|--\n" + "a|b\n" * 300 + "\n" + "|x|\n|-|\n" + "|y|\n" * 200,
         "# 表\n\n| 项目 | 数量 |\n|:--|--:|\n" + "| 正文 | 12 |\n" * 300 + "    code\n"]),
    "setext_headings": (setext_document, 48,
        ["a\n=\n" * 500, "标题\n正文\n    懒行\n---\n\n" * 300, "一\n===\n二\n---\n\n段落\n" * 200]),
    "empty_items": (empty_item_document, 58,
        ["-\n" * 500, "1.\n" * 300, "-\n\n" * 300, "- a\n  +\n  *\n" * 200, "-\n  a\n*\n" * 200]),
    "quotes": (quote_document, 68,
        ["> a\n" * 500, ">>>>>>>> a\n" * 300, "> 引文\n懒行\n>正文\n\n" * 200, "> > a\n> > b\n\n正文\n\n" * 200]),
    "definitions": (definition_document, 78,
        ["[a]: b\n" * 500, "[注1]: http://example.com/a\n[注2]: /b\n\n正文\n\n" * 200]),
    "html_blocks": (html_document, 88,
        ["<div>\n\n" * 500, "<table>\n<tr><td>数据</td></tr>\n</table>\n\n正文\n\n" * 200, "<a href=x>\n\n<b>\n\n" * 200]),
}


@pytest.mark.parametrize("construct", REPLAYS)
def test_replays_equal_markdown_it_on_generated_pages(short_regions, construct):
    make, seed, _ = REPLAYS[construct]
    assert _mismatches(_generated(make, 12_000, seed)) == []


@pytest.mark.parametrize("construct", REPLAYS)
def test_the_reader_gives_the_same_text_and_units_on_replayed_pages(short_regions, construct):
    make, seed, _ = REPLAYS[construct]
    for doc in _generated(make, 2_000, seed + 1):
        fast, whole = markdown.read(doc, "x.md"), markdown.read(doc, "x.md", blocks=reference_block_map)
        assert (fast.text, fast.units, fast.directives) == (whole.text, whole.units, whole.directives), doc


@pytest.mark.parametrize("construct", REPLAYS)
def test_replayed_pages_do_not_call_markdown_it(monkeypatch, construct):
    """The comparisons mean something only if the replay runs on its construct's pages."""
    pages = REPLAYS[construct][2]
    expected = [reference_block_map(page) for page in pages]
    calls = []
    real = markdown_blocks._md.parse
    monkeypatch.setattr(markdown_blocks._md, "parse", lambda text: calls.append(text) or real(text))
    assert [block_map(page) for page in pages] == expected
    assert calls == []
