"""HTML pages as published: visible prose only, every character mapped to its source offset.

Parser choice. Positions decide it: lxml reports only an element's ``sourceline`` (no
column, nothing for text nodes), and neither html5lib's nor selectolax's trees keep source
offsets at all. The standard library's ``html.parser`` tokenizer (the tolerant parser that
BeautifulSoup's default builder uses) reports the exact line and column of every start tag,
end tag, text run, entity and comment, and treats ``<script>``/``<style>`` content as raw
text. We build a small element tree from its events with the HTML recovery rules that
matter for prose (void elements, implied ``</p>``, ``</li>``, ``</td>``, ``</tr>``, stray end
tags); ``html_content`` mirrors it into lxml where cssselect or readability need a tree.

What is read: text outside ``head``, ``script``, ``style``, ``template``, ``noscript``,
``nav``, ``aside``, ``header``, ``footer``, elements with ``hidden``/``aria-hidden``/
``display:none``, navigation roles, and elements whose id or class names page chrome
(breadcrumb, nav, menu, footer, share, …); and only inside the article region, minus the
chrome that ``html_content`` recognises by its text (metadata tables, footers, link lists),
minus lines that are page furniture (WEB004's patterns). Entities are decoded;
whitespace runs that hold a line break (source wrapping) are dropped between CJK
characters and become one space otherwise, as a browser renders them. Each block element
(p, div, li, td, h1–h6, br, …) ends a paragraph: one line of ``text`` and one unit.
"""
from __future__ import annotations

import bisect
import functools
import html
import itertools
from html.parser import HTMLParser

import regex

from gongwen import collector
from gongwen.analysis import lazy_regex
from gongwen.document import Document, OffsetMap
from gongwen.formats import html_markup, line_units
from gongwen.suppression import Directive
from gongwen.analysis import pattern_cache

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HIDDEN = frozenset("head script style template noscript nav aside header footer iframe object "
                   "svg canvas select button title".split())
BLOCK = frozenset(("address article blockquote body caption dd details dialog div dl dt "
                   "fieldset figcaption figure form h1 h2 h3 h4 h5 h6 hr html li main ol p pre "
                   "section summary table tbody td tfoot th thead tr ul br").split())
CLOSES_P = frozenset(("address article aside blockquote details div dl fieldset figcaption figure "
                      "footer form h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul").split())
IMPLIED = {"li": {"li"}, "td": {"td", "th"}, "th": {"td", "th"}, "tr": {"tr", "td", "th"},
           "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "option": {"option"}}
# Elements whose content a browser shows (or drops) as text, never as markup: a "<!--" there
# is no comment, so no directive. html.parser reads script and style so itself. noscript is
# raw text wherever scripting is on, as it is in the browsers a site's readers use.
TEXT_ONLY = frozenset("textarea title xmp iframe noembed noframes noscript plaintext".split())
DESCRIBED_BY_NAME = frozenset(("title", "article"))  # read by html_content whatever their attributes
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_CHROME_NAME = lazy_regex.compile(r"(?i)(?:^|[-_\s])(?:bread|crumb|breadcrumbs?|nav|navbar|menu|footer|"
                             r"topbar|sidebar|share|copyright|skip|toolbar|location|position|"
                             r"mianbao|dh|daohang)(?:$|[-_\s\d])")
_HIDDEN_STYLE = lazy_regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_WRAP = pattern_cache.re_compile(r"[ \t\r\n\f]*[\r\n][ \t\r\n\f]*|[ \t\f]{2,}")  # re: ASCII only, and cheaper per call
_WRAP_START = pattern_cache.re_compile(r"[\r\n]|[ \t\f]{2}")  # where a match of _WRAP can start to hold a line break or two blanks
_CJK = lazy_regex.compile(r"[\p{Han}\p{Bopomofo}，。、；：？！“”‘’（）《》〈〉【】—…·\u3000-\u303f\uff00-\uffef]")


# The attributes of every element that has none: shared, as a repeated start tag's are.
_NO_ATTRIBUTES: dict[str, str] = {}


class Node:
    __slots__ = ("tag", "attrs", "parent", "hidden", "index", "in_link", "first", "last")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None", index: int,
                 hidden: bool, in_link: bool, first: int = 0) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.index = index
        self.hidden = hidden  # inherited: a chrome or link ancestor
        self.in_link = in_link
        self.first = first  # its events are parser.events[first:last] (html_content)
        self.last = first


def _is_chrome(tag: str, attrs: dict[str, str], names_seen: dict[str, bool]) -> bool:
    if tag in HIDDEN or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role", "").lower() in CHROME_ROLES:
        return True
    if "style" in attrs and _HIDDEN_STYLE.search(attrs["style"]):
        return True
    names = f"{attrs.get('id', '')} {attrs.get('class', '')}"
    chrome = names_seen.get(names)
    if chrome is None:  # a template repeats a few class names thousands of times
        chrome = names_seen[names] = bool(names.strip()) and bool(_CHROME_NAME.search(names))
    return chrome


# Start tags that html.parser treats alike in every version (no raw text, no foreign content),
# with attributes of the simplest forms only (name, name="v", name='v', name=v; ASCII
# spaces; no entity, "<" or ">" in a value, no "/" in an unquoted one or before the ">"):
# parsed by one pattern instead of its general start-tag scan. The same attributes as
# html.parser gives: names lower-cased, the value None when there is no "=", quotes taken off.
_PLAIN_TAGS = frozenset(("a b big blockquote br center dd div dl dt em font form h1 h2 h3 h4 h5 h6 hr "
                         "i li ol p pre s section small span strong sub sup table tbody td tfoot th "
                         "thead tr u ul article").split())
_SPACE = r"[ \t\n\r\f]"
_UNQUOTED = r"[\x21\x23-\x25\x28-\x2e\x30-\x3b\x3f-\x5f\x61-\x7e]"  # printable ASCII but "&'/<=>` and space


def _attribute(group: str) -> str:
    """One attribute of the simplest forms; ``group`` "(" captures its name and value (one
    group for each form of value), "(?:" captures nothing."""
    return (rf"{_SPACE}++{group}[a-zA-Z][-a-zA-Z0-9_:.]*+)(?:{_SPACE}*+={_SPACE}*+"
            rf"(?:\"{group}[^\"&<>]*+)\"|'{group}[^'&<>]*+)'|{group}{_UNQUOTED}++)))?+")


_START_TAG = rf"<([a-zA-Z][a-zA-Z0-9]*+)((?:{_attribute('(?:')})*+){_SPACE}*+>"  # name, attributes
# (The standard library's re: these patterns are plain ASCII, and re matches them in half
# the time regex takes, once per construct.)
_PLAIN_START = pattern_cache.re_compile(_START_TAG)
_ONE_ATTRIBUTE = pattern_cache.re_compile(_attribute("("))
# What follows a plain start tag, one construct at a time, for as long as html.parser would
# treat it alike in every version: another plain start tag, an end tag without spaces, or a
# "<" that opens no markup (text of its own, as html.parser reads it when more follows), each
# with the text after it up to the next tag or entity (group 4: one match for the two, whose
# events are made apart); or text alone. Anything else (an entity, a comment, a tag with other
# attributes, raw-text elements) goes back to html.parser's own loop.
_PLAIN_RUN = pattern_cache.re_compile(rf"(?:{_START_TAG}|</([a-zA-Z][a-zA-Z0-9]*)>|<(?=[^a-zA-Z/!?]))([^<&]++)?+|[^<&]+")


def _attributes(spec: str) -> list[tuple[str, str | None]]:
    """The attributes of a plain start tag's attribute part, as html.parser lists them."""
    return [(m[1].lower(), m[2] if m[2] is not None else m[3] if m[3] is not None else m[4])
            for m in _ONE_ATTRIBUTE.finditer(spec)] if spec else []
# The open elements that end the search for an element an opening tag closes implicitly.
P_STOPS = ("div", "td", "th", "li", "section", "article", "body")
IMPLIED_STOPS = {tag: ("table", "ul", "ol", "dl", "tbody", "thead", "tfoot")
                 if tag in ("li", "dt", "dd", "option", "tr") else ("tr", "table") for tag in IMPLIED}


# What a start tag does besides opening its element, per name: (the open elements it closes
# implicitly, an open <p> first, each with the open elements that stop its search; the line
# break it starts ("\n" for a block element, else ""); void). One lookup per tag instead of five.
_START = {tag: ((("p", P_STOPS),) * (tag in CLOSES_P) + tuple((t, IMPLIED_STOPS[tag]) for t in IMPLIED.get(tag, ())),
                "\n" if tag in BLOCK else "", tag in VOID)
          for tag in CLOSES_P | BLOCK | VOID | IMPLIED.keys()}
_OTHER_START = ((), "", False)


class _Events(HTMLParser):
    """Collects (kind, source offset, payload, node) events and the tree. Kinds: 'start' (an
    element opens; payload "\n" for a block element, which ends the line before it, else
    ""), 'block' (a block element's end tag: payload "\n"), 'text', 'entity' (payload the raw
    entity) and 'comment'."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.root = Node("#root", {}, None, 0, False, False)
        self.nodes = [self.root]
        self.stack = [self.root]
        # tag -> positions in ``stack`` where such an element is open, innermost last: which
        # element a tag closes is found without walking the stack (10,000 × <span><ul> walked
        # it 10,000 times).
        self.open: dict[str, list[int]] = {}
        self.events: list[tuple[str, int, str, Node]] = []
        self.names_seen: dict[str, bool] = {}
        self.starts_seen: dict[tuple, tuple[dict[str, str], bool]] = {}  # (tag, *attrs) -> (attrs, chrome)
        # The elements with attributes, and every <title> and <article>: the only ones the
        # page's metadata, its generator and its article container can be found in
        # (html_content), in document order; a page of 250,000 bare elements was walked thrice.
        self.described: list[Node] = []
        self.offset = 0
        self.markup = html_markup.MarkupEnds(source)

    # The source is fed whole, once, so html.parser's buffer is the source: each time it moves
    # from i to j it calls updatepos(i, j), and a handler runs at the offset of its construct.
    # Keeping that offset replaces html.parser's line and column counting (every newline of
    # every piece counted once more) and our conversion back.
    def updatepos(self, i: int, j: int) -> int:
        if i < j:
            self.offset = j
        return j

    def getpos(self) -> tuple[int, int]:
        line_start = self.source.rfind("\n", 0, self.offset) + 1
        return self.source.count("\n", 0, self.offset) + 1, self.offset - line_start

    def parse_starttag(self, i: int) -> int:
        rawdata = self.rawdata
        m = _PLAIN_START.match(rawdata, i)
        if m is None or (tag := m[1].lower()) not in _PLAIN_TAGS:
            return super().parse_starttag(i)
        self.lasttag = tag
        self.handle_starttag(tag, _attributes(m[2]))
        # The run of plain constructs after it is read here, each handler called at its own
        # offset as html.parser would call it (text appended here, as handle_data would): its
        # loop costs ~2.5 µs a construct, and deep pages are little else (<table><tr><td>x
        # repeated: 250,000 constructs a megabyte).
        at, run, events, stack = m.end(), _PLAIN_RUN.match, self.events, self.stack
        while (m := run(rawdata, at)) is not None:
            if m.lastindex is None:  # text, or a "<" without text after it: handle_data, inline
                events.append(("text", at, m[0], stack[-1]))
            else:
                if m[1] is not None:
                    if (tag := m[1].lower()) not in _PLAIN_TAGS:
                        break
                    self.offset = at
                    self.lasttag = tag
                    self.handle_starttag(tag, _attributes(m[2]) if m[2] else [])
                elif m[3] is not None:
                    self.offset = at
                    self.handle_endtag(m[3].lower())
                else:
                    events.append(("text", at, "<", stack[-1]))
                if m.lastindex == 4:  # the text after it
                    events.append(("text", m.start(4), m[4], stack[-1]))
            at = m.end()
        self.offset = at
        return at

    # Declarations, processing instructions, marked sections and comments end where
    # html_markup says (a DOCTYPE's internal subset, quoted ">", HTML5's bogus comments),
    # falling back to html.parser's own reading when it finds no end.
    def parse_html_declaration(self, i: int) -> int:
        rawdata = self.rawdata
        if rawdata.startswith("<![", i):
            section = self.markup.marked_section(i)
            if section is None:  # HTML5: a bogus comment (html.parser raised or stopped)
                return self.parse_bogus_comment(i)
            return section[1]
        if html_markup.DOCTYPE.match(rawdata, i):
            end = self.markup.doctype_end(i)
            return end if end >= 0 else super().parse_html_declaration(i)
        if html_markup.DECLARATION.match(rawdata, i):
            end = html_markup.literal_aware_end(rawdata, i + 2)
            if end >= 0:
                self.handle_comment(rawdata[i + 2:end - 1])  # html.parser's kind for it
                return end
        return super().parse_html_declaration(i)

    def parse_pi(self, i: int) -> int:
        end = html_markup.literal_aware_end(self.rawdata, i + 2)
        return end if end >= 0 else super().parse_pi(i)

    def parse_comment(self, i: int, report: int = 1) -> int:
        rawdata = self.rawdata
        if (abrupt := html_markup.ABRUPT_COMMENT.match(rawdata, i)) is not None:
            self.handle_comment("")
            return abrupt.end()
        close = html_markup.COMMENT_CLOSE.search(rawdata, i + 4)
        if close is None:
            return -1
        self.handle_comment(rawdata[i + 4:close.start()])
        return close.end()

    def _close(self, i: int) -> None:
        last, open_at = len(self.events), self.open
        for node in self.stack[i:]:
            node.last = last
            open_at[node.tag].pop()
        del self.stack[i:]

    def handle_starttag(self, tag, attrs):  # html.parser lower-cases tag and attribute names
        at, open_at, stack, events = self.offset, self.open, self.stack, self.events
        closes, line, void = _START.get(tag, _OTHER_START)
        for t, stop in closes:
            if where := open_at.get(t):
                if where[-1] == len(stack) - 1:  # _close_last's first case, inline (<p>x<p>, <td>x<td>)
                    stack.pop().last = len(events)
                    where.pop()
                else:
                    self._close_last(t, stop)
        parent = stack[-1]
        if attrs:
            # A page repeats a few start tags thousands of times: each is read once, and its
            # elements share the dict (nothing changes a node's attributes).
            key = (tag, *attrs)
            seen = self.starts_seen.get(key)
            if seen is None:
                as_dict = {k: (v or "") for k, v in attrs}
                seen = self.starts_seen[key] = (as_dict, _is_chrome(tag, as_dict, self.names_seen))
            attrs, chrome = seen
            hidden = parent.hidden or chrome
        else:
            attrs = _NO_ATTRIBUTES
            hidden = parent.hidden or tag in HIDDEN
        node = Node(tag, attrs, parent, len(self.nodes), hidden, parent.in_link or tag == "a", len(events))
        self.nodes.append(node)
        if attrs or tag in DESCRIBED_BY_NAME:
            self.described.append(node)
        events.append(("start", at, line, node))
        if void:
            node.last = len(events)
            return
        same = open_at.get(tag)
        if same is None:
            open_at[tag] = [len(stack)]
        else:
            same.append(len(stack))
        stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self._close(len(self.stack) - 1)

    def _close_last(self, tag: str, stop: tuple[str, ...] = ()) -> bool:
        """Closes the innermost open ``tag`` unless an element of ``stop`` is open inside it."""
        where = self.open.get(tag)
        if not where:
            return False
        at = where[-1]
        if at == len(self.stack) - 1:  # the innermost element (<p>x<p>, <td>x<td>): nothing inside it
            self.stack.pop().last = len(self.events)
            where.pop()
            return True
        for other in stop:
            inside = self.open.get(other)
            if inside and inside[-1] > at:
                return False
        self._close(at)
        return True

    def handle_endtag(self, tag):
        node = self.stack[-1]
        if self._close_last(tag) and tag in BLOCK:
            self.events.append(("block", self.offset, "\n", node))
        elif tag == "p" or tag == "br":  # a stray </p> or </br> still ends a line in browsers
            self.events.append(("block", self.offset, "\n", node))

    def handle_data(self, data):
        self.events.append(("text", self.offset, data, self.stack[-1]))

    def handle_entityref(self, name):
        at = self.offset
        raw_end = at + 1 + len(name)
        raw = self.source[at:raw_end + (1 if self.source.startswith(";", raw_end) else 0)]
        self.events.append(("entity", at, raw, self.stack[-1]))

    def handle_charref(self, name):
        at = self.offset
        raw_end = at + 2 + len(name)
        raw = self.source[at:raw_end + (1 if self.source.startswith(";", raw_end) else 0)]
        self.events.append(("entity", at, raw, self.stack[-1]))

    def handle_comment(self, data):
        self.events.append(("comment", self.offset, data, self.stack[-1]))


def read(source: str, path: str, content_selector: str | None = None) -> Document:
    """The page's article as a document (see ``html_content`` for what is read); raises
    ``SelectorError`` for a content selector that is invalid or matches nothing."""
    # The collector is paused while a page is read: the reader makes a node per element and a
    # few tuples per event, all alive until the end, and the collections they set off
    # re-scanned them over and over (~25% of reading 187,000 nested table tags); cycles (lxml
    # and readability make some) are collected once the page is read.
    with collector.paused():
        return _read(source, path, content_selector)


def _read(source: str, path: str, content_selector: str | None) -> Document:
    from gongwen.formats import html_content

    parser = _Events(source)
    parser.feed(source)
    # Not parser.close(): at end of input html.parser rescans every unterminated construct
    # to the end (quadratic: 10,000 × "<a " took 15 s). What feed() leaves unparsed is
    # handled as HTML5 does at end of file: an open comment runs to the end, an open tag is
    # dropped, trailing text (an unfinished entity) is text.
    rest = parser.rawdata
    if rest:
        at = len(source) - len(rest)
        if rest.startswith("<!--"):
            parser.events.append(("comment", at, rest[4:], parser.stack[-1]))
        elif not rest.startswith("<"):
            parser.events.append(("text", at, rest, parser.stack[-1]))
    for node in parser.stack:
        node.last = len(parser.events)
    if html_content.generated_by(parser).startswith("gongwen"):
        # A report this tool wrote (-o report.html) into the tree it checks is not input.
        return Document(path=path, text="", format="html", source=source, units=())
    page = html_content.PageText(parser)
    region = html_content.region(parser, page, content_selector, path)
    tops = {i for i in region if parser.nodes[i].parent.index not in region} if region else set()
    dropped = html_content.chrome_nodes(parser, page, tops)
    projection, directives = _project(parser, region, dropped, source)
    text, starts, sources, entity_ends = _assemble(projection)
    return Document(path=path, text=text, format="html", source=source,
                    offset_map=OffsetMap.of_pieces(starts, sources, entity_ends), units=line_units(text),
                    directives=tuple(directives), page=html_content.page_info(parser, page),
                    tables=_tables(parser, text, starts, sources))


# A table inside more tables than this is no data table (old layouts nest three or four) and
# is not built: each level's cells hold the text of all the levels inside them, so 20,000
# tables each nested in the last (<table><tr><td> repeated) made 20,000 copies of the page.
MAX_TABLE_NESTING = 15


def _tables(parser: _Events, text: str, starts: list[int], sources: list[int]) -> tuple:
    """The tables whose cells made text, as grids (``rowspan``/``colspan`` as HTML lays them
    out). A cell's text is what was projected from its source range: anchors follow the
    source in order, so two bisections find it."""
    from gongwen.analysis.tables import MAX_GRID_SLOTS, RawCell, build

    if not starts or "tr" not in parser.open:  # every element opened has a key there: no row, no table
        return ()
    # The nearest table and the nearest row-or-table at or above each node, parents first
    # (nodes are numbered in document order): linear however deep the nesting.
    # (Lists indexed by node index, not dicts: this loop visits every element.)
    table_of: list[Node | None] = [None] * len(parser.nodes)
    row_of: list[Node | None] = [None] * len(parser.nodes)
    rows: dict[int, list[Node]] = {}  # a table's node index -> its rows
    cells: dict[int, list[Node]] = {}  # a row's node index -> its cells
    nesting: dict[int, int] = {}  # a table's node index -> how many tables it is inside
    for node in parser.nodes[1:]:
        tag, index, parent = node.tag, node.index, node.parent.index
        up_table, up_row = table_of[parent], row_of[parent]
        if tag == "table":
            nesting[index] = 0 if up_table is None else nesting[up_table.index] + 1
            table_of[index] = row_of[index] = node
            continue
        if tag == "tr":
            if up_table is not None:
                rows.setdefault(up_table.index, []).append(node)
            row_of[index] = node
        else:
            if (tag == "td" or tag == "th") and up_row is not None and up_row.tag == "tr":
                cells.setdefault(up_row.index, []).append(node)
            row_of[index] = up_row
        table_of[index] = up_table
    if not rows:
        return ()
    # Raw cells without attributes are made by tuple.__new__: RawCell's generated __new__ is
    # a Python call, a fifth of the cost of a row of 200,000 cells.
    bisect_left = bisect.bisect_left
    events, n_events, n_anchors, past = parser.events, len(parser.events), len(starts), len(text)
    source_end = len(parser.source)
    found = []
    # The grid limit holds for the page's tables together: 1 MB of one-cell tables of
    # colspan=1000 would be 26 million slots, each table well under the limit.
    budget = MAX_GRID_SLOTS
    # A cell left open ends where the next begins (<td>x<td>y): its end's bisection is the
    # next cell's start's, done once (two bisections were most of a 200,000-cell row's walk).
    cell_end = j = -1
    for table_index, trs in rows.items():
        if parser.nodes[table_index].hidden or nesting[table_index] > MAX_TABLE_NESTING:
            continue
        grid = []
        for tr in trs:
            row = []
            for td in cells.get(tr.index, ()):
                cell_start = events[td.first][1]
                i = j if cell_start == cell_end else bisect_left(sources, cell_start)
                cell_end = events[td.last][1] if td.last < n_events else source_end
                j = bisect_left(sources, cell_end)
                start = starts[i] if i < n_anchors else past
                end = starts[j] if j < n_anchors else past
                if td.attrs:
                    row.append(RawCell(start, end, _span(td, "rowspan"), _span(td, "colspan"), td.tag == "th"))
                else:
                    row.append(_new_tuple(RawCell, (start, end, 1, 1, td.tag == "th")))
            grid.append(row)
        table = build(text, grid, len(found) + 1, budget)
        if table is not None and any(c.end > c.start for c in table.cells):
            found.append(table)
            budget -= sum(map(len, table.grid))
    return tuple(found)


_new_tuple = tuple.__new__


def _span(node: Node, name: str) -> int:
    value = node.attrs.get(name, "1").strip()
    return int(value) if value.isdigit() and value != "0" else 1


@functools.cache
def _any_of(characters: str) -> regex.Pattern:
    return pattern_cache.regex_compile(f"[{regex.escape(characters)}]")


class Projection:
    """The rendered text as pieces, in order: ``pieces[i]`` starts at source offset
    ``sources[i]`` (``entity_ends[i]``, where given, is where a piece that is no verbatim
    copy, an entity, ends). A piece ``"\n"`` ends a line and no other piece holds one (source
    wrapping is projected as a space or nothing), so the lines are the text split on "\n";
    ``line_ends[k]`` is the index after line k's last piece. Flat lists, not a list per line:
    pages of 200,000 one-character lines paid for a list, a join and a furniture test each."""

    __slots__ = ("pieces", "sources", "entity_ends", "line_ends")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.sources: list[int] = []
        self.entity_ends: dict[int, int] = {}
        self.line_ends: list[int] = []


def _project(parser: _Events, region: set[int] | None, dropped: set[int],
             source: str) -> tuple[Projection, list[Directive]]:
    """The rendered text (each block element ends a line) with each piece's source offset;
    and the suppression directives found in comments."""
    out = Projection()
    pieces, sources, line_ends = out.pieces, out.sources, out.line_ends
    directives = []
    # Per node, whether its text is read: decided once per element, not once per event.
    shown = [not node.hidden and node.index not in dropped and (region is None or node.index in region)
             for node in parser.nodes]
    last = "\n"  # the last character of the line so far; "\n" while it is empty
    text_only = None  # per node, whether it is inside a TEXT_ONLY element: made at the first comment
    wrap, cjk = _WRAP.search, _CJK.match
    # Where the next character that can start source wrapping is (a line break, or the first
    # of two spaces, tabs or form feeds), at or after the current text: a text that ends
    # before it holds no wrapping, and is not searched (a page of short texts searched each).
    wrap_start, next_wrap = _WRAP_START.search, -1
    for kind, at, payload, node in parser.events:
        if kind == "text":
            if not shown[node.index]:
                continue
            if next_wrap < at:
                found = wrap_start(source, at)
                next_wrap = found.start() if found is not None else len(source)
            if at + len(payload) <= next_wrap or (m := wrap(payload)) is None:  # most: no wrapping
                if payload:
                    pieces.append(payload)
                    sources.append(at)
                    last = payload[-1]
                continue
            # Split on source wrapping, which renders as one space or nothing.
            pos = 0
            while m is not None:
                if pos < m.start():
                    pieces.append(payload[pos:m.start()])
                    sources.append(at + pos)
                    last = payload[m.start() - 1]
                after = payload[m.end():m.end() + 1]
                if last in "\n " or not after or (cjk(last) and cjk(after)):
                    pass  # dropped: line start, or a wrap between CJK characters
                else:
                    pieces.append(" ")
                    sources.append(at + m.start())
                    last = " "
                pos = m.end()
                m = wrap(payload, pos)
            if pos < len(payload):
                pieces.append(payload[pos:])
                sources.append(at + pos)
                last = payload[-1]
        elif kind == "start" or kind == "block":
            if payload and last != "\n":
                pieces.append("\n")
                sources.append(at)
                line_ends.append(len(pieces))
                last = "\n"
        elif kind == "comment":
            if text_only is None:
                text_only = _text_only(parser.nodes)
            d = None if text_only[node.index] else Directive.parse(payload, at, min(at + len(payload) + 7, len(source)))
            if d:
                directives.append(d)
        elif shown[node.index]:  # an entity
            decoded = html.unescape(payload)
            if decoded.strip(" \t\r\n") == "" and decoded not in ("\u00a0", "\u3000"):
                decoded = " " if last not in "\n " else ""
            if decoded:
                out.entity_ends[len(pieces)] = at + len(payload)
                pieces.append(decoded)
                sources.append(at)
                last = decoded[-1]
    return out, directives


def _text_only(nodes: list[Node]) -> list[bool]:
    """Per node, whether it lies in a TEXT_ONLY element (a parent comes before its children)."""
    inside = [False] * len(nodes)
    for node in nodes:
        inside[node.index] = node.tag in TEXT_ONLY or (node.parent is not None and inside[node.parent.index])
    return inside


def _assemble(projection: Projection) -> tuple[str, list[int], list[int], dict[int, int]]:
    """Join the pieces into the rules' text, leaving out lines that are page furniture
    (breadcrumb, 发布时间…浏览次数, 【字体：大 中 小】, 上一篇/下一篇 …) in whatever element the
    template put them: the patterns are WEB004's, which reports them in text formats. Only
    lines holding one of WEB004's trigger characters (every pattern needs one) are tested,
    found by one scan of the whole text. Returned with each kept piece's start in the text
    and in the source, and the source ends of its entities: the offset map's anchors, not
    built as tuples."""
    from gongwen.rules.web import furniture_triggers, is_page_furniture

    pieces, sources, line_ends = projection.pieces, projection.sources, projection.line_ends
    entity_ends = projection.entity_ends
    if line_ends[-1:] != [len(pieces)]:
        line_ends = [*line_ends, len(pieces)]  # the last line, with no "\n" after it
    full = "".join(pieces)
    offsets = list(itertools.accumulate(map(len, pieces), initial=0))
    ends = [offsets[end] for end in line_ends]  # where each line ends in ``full``
    triggers = furniture_triggers()
    if triggers:
        candidates: list[int] = []
        for m in _any_of(triggers).finditer(full):
            k = bisect.bisect_right(ends, m.start())
            if not candidates or candidates[-1] != k:
                candidates.append(k)
    else:
        candidates = list(range(len(line_ends)))
    furniture = [k for k in candidates
                 if is_page_furniture(full[ends[k - 1] if k else 0:ends[k]].strip())]
    if furniture:
        end_of: list[int | None] = [None] * len(pieces)  # the entity ends, by piece
        for i, end in entity_ends.items():
            end_of[i] = end
        kept_pieces: list[str] = []
        kept_sources: list[int] = []
        kept_end_of: list[int | None] = []
        at = 0
        for k in furniture:
            first = line_ends[k - 1] if k else 0
            kept_pieces += pieces[at:first]
            kept_sources += sources[at:first]
            kept_end_of += end_of[at:first]
            at = line_ends[k]
        pieces, sources = kept_pieces + pieces[at:], kept_sources + sources[at:]
        entity_ends = {i: end for i, end in enumerate(kept_end_of + end_of[at:]) if end is not None}
        full = "".join(pieces)
        offsets = list(itertools.accumulate(map(len, pieces), initial=0))
    offsets.pop()  # the text's length: each piece's start is left
    return full, offsets, sources, entity_ends
