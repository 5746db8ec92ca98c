"""HTML pages as published: visible prose only, every character mapped to its source offset.

Parser choice. Positions decide it: lxml reports only an element's ``sourceline`` (no
column, nothing for text nodes), and neither html5lib's nor selectolax's trees keep source
offsets at all. The standard library's ``html.parser`` tokenizer (the tolerant parser that
BeautifulSoup's default builder uses) reports the exact line and column of every start tag,
end tag, text run, entity and comment, and treats ``<script>``/``<style>`` content as raw
text. We build a small element tree from its events with the HTML recovery rules that
matter for prose (void elements, implied ``</p>``, ``</li>``, ``</td>``, ``</tr>``, stray end
tags), and mirror it into lxml only to evaluate ``--content-selector`` with cssselect.

What is read: text outside ``head``, ``script``, ``style``, ``template``, ``noscript``,
``nav``, ``aside``, ``header``, ``footer``, elements with ``hidden``/``aria-hidden``/
``display:none``, navigation roles, and elements whose id or class names page chrome
(breadcrumb, nav, menu, footer, share, …). With a content selector, only text inside the
matching elements is read (the chrome rules still apply inside it). Entities are decoded;
whitespace runs that hold a line break (source wrapping) are dropped between CJK
characters and become one space otherwise, as a browser renders them. Each block element
(p, div, li, td, h1–h6, br, …) ends a paragraph: one line of ``text`` and one unit.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from gongwen.document import Document, OffsetMap
from gongwen.formats import FormatError, line_units
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
_CHROME_NAME = regex.compile(r"(?i)(?:^|[-_\s])(?:bread|crumb|breadcrumbs?|nav|navbar|menu|footer|"
                             r"topbar|sidebar|share|copyright|skip|toolbar|location|position|"
                             r"mianbao|dh|daohang)(?:$|[-_\s\d])")
_HIDDEN_STYLE = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_WRAP = regex.compile(r"[ \t\r\n\f]*[\r\n][ \t\r\n\f]*|[ \t\f]{2,}")
_CJK = regex.compile(r"[\p{Han}\p{Bopomofo}，。、；：？！“”‘’（）《》〈〉【】—…·\u3000-\u303f\uff00-\uffef]")


class Node:
    __slots__ = ("tag", "attrs", "parent", "hidden", "index")

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None", index: int) -> None:
        self.tag, self.attrs, self.parent, self.index = tag, attrs, parent, index
        self.hidden = (parent is not None and parent.hidden) or _is_chrome(tag, attrs)


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
        if tag in BLOCK:
            self.events.append(("block", at, "", node))
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in VOID and self.stack[-1].tag == tag.lower():
            self.stack.pop()

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


def _selected(parser: _Events, selector: str) -> set[int]:
    """Indices of the nodes inside an element matching the CSS selector."""
    from cssselect import HTMLTranslator, SelectorError
    from lxml import etree

    mirror = {0: etree.Element("html")}
    depth = {0: 0}
    for node in parser.nodes[1:]:
        tag = node.tag if regex.fullmatch(r"[a-z][a-z0-9\-]*", node.tag) else "x-unknown"
        # Absurd nesting is flattened below depth 200: XPath over a 50,000-deep tree is slow.
        parent = node.parent.index
        depth[node.index] = min(depth[parent] + 1, 200)
        if depth[parent] >= 200:
            parent = mirror[parent].getparent().get("data-gongwen-node")
            parent = int(parent) if parent else 0
        el = etree.SubElement(mirror[parent], tag)
        for k, v in node.attrs.items():
            if regex.fullmatch(r"[a-z_][a-z0-9_\-.:]*", k) and ":" not in k:
                try:
                    el.set(k, v)
                except ValueError:
                    pass
        el.set("data-gongwen-node", str(node.index))
        mirror[node.index] = el
    try:
        xpath = HTMLTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise FormatError(f"CSS 选择器无效：{selector!r}（{exc}）",
                          "检查 --content-selector 或配置项 content-selector") from exc
    chosen = {int(el.get("data-gongwen-node")) for el in mirror[0].xpath(xpath)
              if el.get("data-gongwen-node")}
    inside: set[int] = set()
    for node in parser.nodes[1:]:  # parents come before their children: one linear pass
        if node.index in chosen or node.parent.index in inside:
            inside.add(node.index)
    return inside


def read(source: str, path: str, content_selector: str | None = None) -> Document:
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
    region = _selected(parser, content_selector) if content_selector else None
    out: list[str] = []
    anchors: list[tuple[int, int]] = []
    length = 0
    directives = []

    def emit(piece: str, src: int) -> None:
        nonlocal length
        if not piece:
            return
        anchors.append((length, src))
        out.append(piece)
        length += len(piece)

    def newline(src: int) -> None:
        if out and not out[-1].endswith("\n"):
            emit("\n", src)

    def last_char() -> str:
        return out[-1][-1] if out and out[-1] else "\n"

    for kind, at, payload, node in parser.events:
        if kind == "comment":
            d = Directive.parse(payload, at, min(at + len(payload) + 7, len(source)))
            if d:
                directives.append(d)
            continue
        if kind == "block":
            newline(at)
            continue
        if node.hidden or (region is not None and node.index not in region):
            continue
        if kind == "entity":
            decoded = html.unescape(payload)
            if decoded.strip(" \t\r\n") == "" and decoded not in ("\u00a0", "\u3000"):
                decoded = " " if last_char() not in "\n " else ""
            emit(decoded, at)
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
    text = "".join(out)
    return Document(path=path, text=text, format="html", source=source,
                    offset_map=OffsetMap(anchors), units=line_units(text),
                    directives=tuple(directives))
