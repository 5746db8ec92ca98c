"""Frozen copy (see __init__). HTML pages as published: visible prose only, every character mapped to its source offset.

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

import html
from html.parser import HTMLParser


from gongwen.analysis import lazy_regex
from gongwen.document import Document, OffsetMap
from gongwen.formats import line_units
from gongwen.formats.html import TEXT_ONLY
from gongwen.suppression import Directive

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
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_CHROME_NAME = lazy_regex.compile(r"(?i)(?:^|[-_\s])(?:bread|crumb|breadcrumbs?|nav|navbar|menu|footer|"
                             r"topbar|sidebar|share|copyright|skip|toolbar|location|position|"
                             r"mianbao|dh|daohang)(?:$|[-_\s\d])")
_HIDDEN_STYLE = lazy_regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_WRAP = lazy_regex.compile(r"[ \t\r\n\f]*[\r\n][ \t\r\n\f]*|[ \t\f]{2,}")
_CJK = lazy_regex.compile(r"[\p{Han}\p{Bopomofo}，。、；：？！“”‘’（）《》〈〉【】—…·\u3000-\u303f\uff00-\uffef]")


class Node:
    __slots__ = ("tag", "attrs", "parent", "hidden", "index", "in_link", "first", "last")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None", index: int) -> None:
        self.tag, self.attrs, self.parent, self.index = tag, attrs, parent, index
        self.hidden = (parent is not None and parent.hidden) or _is_chrome(tag, attrs)
        self.in_link = tag == "a" or (parent is not None and parent.in_link)
        self.first = self.last = 0  # its events are parser.events[first:last] (html_content)


def _is_chrome(tag: str, attrs: dict[str, str]) -> bool:
    if tag in HIDDEN or "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if attrs.get("role", "").lower() in CHROME_ROLES:
        return True
    if _HIDDEN_STYLE.search(attrs.get("style", "")):
        return True
    names = f"{attrs.get('id', '')} {attrs.get('class', '')}"
    return bool(names.strip()) and bool(_CHROME_NAME.search(names))


class _Events(HTMLParser):
    """Collects ('text'|'block'|'comment', source offset, payload, node) events and the tree."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.root = Node("#root", {}, None, 0)
        self.nodes = [self.root]
        self.stack = [self.root]
        self.events: list[tuple[str, int, str, Node]] = []

    def _at(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _close(self, i: int) -> None:
        for node in self.stack[i:]:
            node.last = len(self.events)
        del self.stack[i:]

    def handle_starttag(self, tag, attrs):
        at = self._at()
        tag = tag.lower()
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag in CLOSES_P:
            self._close_last("p", stop=("div", "td", "th", "li", "section", "article", "body"))
        if tag in IMPLIED:
            closes = IMPLIED[tag]
            stop = ("table", "ul", "ol", "dl", "tbody", "thead", "tfoot") if tag in ("li", "dt", "dd", "option") or tag == "tr" else ("tr", "table")
            for t in closes:
                self._close_last(t, stop=stop)
        node = Node(tag, attrs, self.stack[-1], len(self.nodes))
        self.nodes.append(node)
        node.first = len(self.events)
        self.events.append(("start", at, "", node))
        if tag in BLOCK:
            self.events.append(("block", at, "", node))
        if tag not in VOID:
            self.stack.append(node)
        else:
            node.last = len(self.events)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.stack[-1].tag == tag.lower():
            self.stack.pop().last = len(self.events)

    def _close_last(self, tag: str, stop: tuple[str, ...] = ()) -> bool:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._close(i)
                return True
            if self.stack[i].tag in stop:
                return False
        return False

    def handle_endtag(self, tag):
        tag = tag.lower()
        node = self.stack[-1]
        if self._close_last(tag) and tag in BLOCK:
            self.events.append(("block", self._at(), "", node))
        elif tag == "p" or tag == "br":  # a stray </p> or </br> still ends a line in browsers
            self.events.append(("block", self._at(), "", node))

    def handle_data(self, data):
        self.events.append(("text", self._at(), data, self.stack[-1]))

    def handle_entityref(self, name):
        at = self._at()
        raw_end = at + 1 + len(name)
        raw = self.source[at:raw_end + (1 if self.source.startswith(";", raw_end) else 0)]
        self.events.append(("entity", at, raw, self.stack[-1]))

    def handle_charref(self, name):
        at = self._at()
        raw_end = at + 2 + len(name)
        raw = self.source[at:raw_end + (1 if self.source.startswith(";", raw_end) else 0)]
        self.events.append(("entity", at, raw, self.stack[-1]))

    def handle_comment(self, data):
        at = self._at()
        self.events.append(("comment", at, data, self.stack[-1]))


def read(source: str, path: str, content_selector: str | None = None) -> Document:
    """The page's article as a document (see ``html_content`` for what is read); raises
    ``SelectorError`` for a content selector that is invalid or matches nothing."""
    from frozen_html import content as html_content

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
    lines, directives = _project(parser, region, dropped, source)
    text, anchors = _assemble(lines)
    return Document(path=path, text=text, format="html", source=source,
                    offset_map=OffsetMap(anchors), units=line_units(text),
                    directives=tuple(directives), page=html_content.page_info(parser, page),
                    tables=_tables(parser, text, anchors))


def _tables(parser: _Events, text: str, anchors: list[tuple[int, ...]]) -> tuple:
    """The tables whose cells made text, as grids (``rowspan``/``colspan`` as HTML lays them
    out). A cell's text is what was projected from its source range: anchors follow the
    source in order, so two bisections find it."""
    import bisect

    from gongwen.analysis.tables import RawCell, build

    if not anchors:
        return ()
    sources = [a[1] for a in anchors]

    def span(node: Node) -> tuple[int, int]:
        events = parser.events
        src_start = events[node.first][1]
        src_end = events[node.last][1] if node.last < len(events) else len(parser.source)
        i, j = bisect.bisect_left(sources, src_start), bisect.bisect_left(sources, src_end)
        start = anchors[i][0] if i < len(anchors) else len(text)
        return start, (anchors[j][0] if j < len(anchors) else len(text))

    # The nearest table and the nearest row-or-table at or above each node, parents first
    # (nodes are numbered in document order): linear however deep the nesting.
    table_of: dict[int, Node | None] = {0: None}
    row_of: dict[int, Node | None] = {0: None}
    rows: dict[int, list[Node]] = {}  # a table's node index -> its rows
    cells: dict[int, list[Node]] = {}  # a row's node index -> its cells
    for node in parser.nodes[1:]:
        up_table, up_row = table_of[node.parent.index], row_of[node.parent.index]
        if node.tag == "tr" and up_table is not None:
            rows.setdefault(up_table.index, []).append(node)
        elif node.tag in ("td", "th") and up_row is not None and up_row.tag == "tr":
            cells.setdefault(up_row.index, []).append(node)
        table_of[node.index] = node if node.tag == "table" else up_table
        row_of[node.index] = node if node.tag in ("tr", "table") else up_row
    found = []
    for table_index, trs in rows.items():
        if parser.nodes[table_index].hidden:
            continue
        grid = [[RawCell(*span(td), _span(td, "rowspan"), _span(td, "colspan"), td.tag == "th")
                 for td in cells.get(tr.index, [])] for tr in trs]
        table = build(text, grid, len(found) + 1)
        if table is not None and any(c.end > c.start for c in table.cells):
            found.append(table)
    return tuple(found)


def _span(node: Node, name: str) -> int:
    value = node.attrs.get(name, "1").strip()
    return int(value) if value.isdigit() and value != "0" else 1


# (piece of text, source offset it starts at[, source offset it ends at, if not verbatim]),
# the last piece "\n"
Line = list[tuple]


def _project(parser: _Events, region: set[int] | None, dropped: set[int],
             source: str) -> tuple[list[Line], list[Directive]]:
    """The rendered text, line by line (each block element ends one), with each piece's
    source offset; and the suppression directives found in comments."""
    lines: list[Line] = []
    line: Line = []
    directives = []

    def emit(piece: str, src: int, src_end: int | None = None) -> None:
        if piece:
            line.append((piece, src) if src_end is None else (piece, src, src_end))

    def last_char() -> str:
        return line[-1][0][-1] if line else "\n"

    for kind, at, payload, node in parser.events:
        if kind == "comment":
            # Round 11b: a comment a browser shows as text (in <title>, <textarea>, …) is no
            # directive; the plain reading, by walking up the node's ancestors.
            up = node
            while up is not None and up.tag not in TEXT_ONLY:
                up = up.parent
            d = None if up is not None else Directive.parse(payload, at, min(at + len(payload) + 7, len(source)))
            if d:
                directives.append(d)
            continue
        if kind == "block":
            if line:
                line.append(("\n", at))
                lines.append(line)
                line = []
            continue
        if kind == "start" or node.hidden or node.index in dropped or (
                region is not None and node.index not in region):
            continue
        if kind == "entity":
            decoded = html.unescape(payload)
            if decoded.strip(" \t\r\n") == "" and decoded not in ("\u00a0", "\u3000"):
                decoded = " " if last_char() not in "\n " else ""
            emit(decoded, at, at + len(payload))
            continue
        # Text: split on source wrapping, which renders as one space or nothing.
        pos = 0
        for m in _WRAP.finditer(payload):
            emit(payload[pos:m.start()], at + pos)
            before = last_char()
            after = payload[m.end():m.end() + 1]
            if before in "\n " or not after or (_CJK.match(before) and _CJK.match(after)):
                pass  # dropped: line start, or a wrap between CJK characters
            else:
                emit(" ", at + m.start())
            pos = m.end()
        emit(payload[pos:], at + pos)
    if line:
        lines.append(line)
    return lines, directives


def _assemble(lines: list[Line]) -> tuple[str, list[tuple[int, int]]]:
    """Join the lines into the rules' text, leaving out lines that are page furniture
    (breadcrumb, 发布时间…浏览次数, 【字体：大 中 小】, 上一篇/下一篇 …) in whatever element the
    template put them: the patterns are WEB004's, which reports them in text formats."""
    from gongwen.rules.web import is_page_furniture

    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    for line in lines:
        if is_page_furniture("".join(piece[0] for piece in line).strip()):
            continue
        for piece in line:
            anchors.append((length, *piece[1:]))
            out.append(piece[0])
            length += len(piece[0])
    return "".join(out), anchors
