"""Deep and unclosed HTML stays linear: the index of open tags always agrees with the stack
it stands for, and tables nested in tables do not copy the page once per level."""
from __future__ import annotations

import random

from test_html_reader_equal import page

from gongwen.formats import html as html_reader


class _Checked(html_reader._Events):
    """Compares the open-tag index with a walk of the stack after every tag."""

    def _agrees(self) -> None:
        walked: dict[str, list[int]] = {}
        for i, node in enumerate(self.stack[1:], 1):
            walked.setdefault(node.tag, []).append(i)
        assert {t: at for t, at in self.open.items() if at} == walked

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        self._agrees()

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        self._agrees()


def test_the_open_tag_index_is_the_stack():
    for seed in range(1500):
        source = page(seed)
        _Checked(source).feed(source)


def test_the_index_check_catches_a_stale_index():
    class Stale(_Checked):
        def _close(self, i):  # wrong: forgets to drop the closed elements from the index
            for node in self.stack[i:]:
                node.last = len(self.events)
            del self.stack[i:]

    caught = 0
    for seed in range(200):
        source = page(seed)
        try:
            Stale(source).feed(source)
        except AssertionError:
            caught += 1
    assert caught > 10


def _nested_tables(depth: int) -> str:
    return "<body>" + "<table><tr><td>项目" * depth + "合计" + "</td></tr></table>" * depth


def test_layout_nesting_keeps_its_tables_and_absurd_nesting_is_not_copied_per_level():
    limit = html_reader.MAX_TABLE_NESTING
    assert len(html_reader.read(_nested_tables(limit + 1), "p.html").tables) == limit + 1
    doc = html_reader.read(_nested_tables(3000), "p.html")
    assert len(doc.tables) == limit + 1  # the outermost ones, each nested in the last
    copied = sum(len(cell.text) for table in doc.tables for cell in table.cells)
    assert copied <= (limit + 1) * len(doc.text)


def test_nested_unclosed_block_tags_read_their_text():
    rnd = random.Random(7)
    tags = ["span", "ul", "table", "p", "li", "td", "tr", "div", "b"]
    body = "".join(f"<{rnd.choice(tags)}>" for _ in range(5000))
    assert html_reader.read("<body>" + body + "正文内容", "p.html").text.strip() == "正文内容"


def test_spans_that_would_make_an_absurd_grid_make_no_table():
    """Rows each spanning the rest (<tr><td rowspan=1000 colspan=1000>) push every next cell
    a thousand columns further: 100 KB of them laid out billions of slots. Past the grid
    limit the table is not built; the text is read all the same."""
    doc = html_reader.read("<html><body><table>" + "<tr><td rowspan=1000 colspan=1000>数" * 300, "p.html")
    assert doc.tables == ()
    assert doc.text.count("数") == 300


def test_the_grid_limit_holds_for_the_page_not_each_table():
    from gongwen.analysis.tables import MAX_GRID_SLOTS

    one = "<table><tr><td colspan=1000>数</table>"  # a table of 1,000 slots
    fits = MAX_GRID_SLOTS // 1000
    doc = html_reader.read("<html><body>" + one * (fits + 50), "p.html")
    assert len(doc.tables) == fits
    assert sum(len(line) for table in doc.tables for line in table.grid) == MAX_GRID_SLOTS
    assert doc.text.count("数") == fits + 50
