"""Which parts of a parsed HTML page are the article, and what the page says about itself.

The tokenizer (``gongwen.formats.html``) keeps exact source positions; this module only
decides, node by node, what to read:

* the **region**: the elements of ``--content-selector``; else the first known article
  container of a government CMS (``data/article_containers.txt``: ``.TRS_Editor``,
  ``#zoom``, ``.pages_content`` …), narrowed by readability inside a generic one
  (``.content``); else the nodes readability-lxml keeps as the article (imported only here,
  only for pages no specific container names); else the whole page. A 落款 block right after
  the region is taken along;
* **chrome inside it** that no class name gives away: metadata tables (索引号/发布机构/成文日期)
  and footers (主办/承办/网站标识码) by the labels they carry (``data/page_chrome.toml``), and
  link lists (相关文章, 上一篇/下一篇 blocks) by link density;
* the page's **metadata**: title, 成文日期 and 发布日期 from ``<meta>`` tags and labelled text.
"""
from __future__ import annotations

import datetime
import tomllib
from functools import cache
from typing import TYPE_CHECKING

import regex

from gongwen.analysis import lazy_regex
from gongwen.document import PageInfo
from gongwen.analysis import pattern_cache

if TYPE_CHECKING:
    from gongwen.formats.html import Node, _Events

TEXT_KINDS = ("text", "entity")
CLASSIFIED = frozenset("div table tbody tr td ul ol dl li p section span center font form".split())
LINK_LISTS = frozenset("div table tbody tr td ul ol dl p section".split())
MIN_ARTICLE_CHARS = 20   # a container with less text is a header widget of the same name
# A container with less than this share of the page's text outside links is a widget that
# reuses an article class name (a news box named .news_content), not the article.
MIN_ARTICLE_SHARE = 0.2
# Only blocks of at most this many parser events have their text read (a metadata table, a
# footer, a 落款 has a few hundred): 10,000 nested elements around one character must not cost
# 10,000 joins of 10,000 events each.
MAX_BLOCK_EVENTS = 4000
MAX_READABILITY_NODES = 6000  # readability costs ~4x the parse; real article pages have < 3,000 elements
_XML_TAG = lazy_regex.compile(r"[a-z][a-z0-9\-]*")
_XML_ATTRIBUTE = lazy_regex.compile(r"[a-z_][a-z0-9_\-.]*")
_XML_UNSAFE = lazy_regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DATE = r"([12][0-9]{3})\s*[-年/.]\s*([01]?[0-9])\s*[-月/.]\s*([0-3]?[0-9])"
_LABELLED_DATE = lazy_regex.compile(r"(成文日期|发文日期|发布日期|发布时间)\s*[:：]?\s*" + _DATE)
_META_DATE = lazy_regex.compile(_DATE)
# A 落款 block: a few short lines, the last ending in a date (2025年1月27日, 2025-01-27, 2025127,
# 二〇二五年一月二十七日).
_ENDS_WITH_DATE = lazy_regex.compile(r"(?:[0-9]{4}|[〇○零一二三四五六七八九]{4})\s*(?:年|[-/.])?[^\n]{0,12}?(?:日|号|[0-9])$")
SIGNATURE_LINES, SIGNATURE_LINE_CHARS = 4, 40
META_TITLE = ("articletitle", "og:title", "title")
META_PUBLISHED = ("pubdate", "firstpublishedtime", "publishdate", "article:published_time")


class SelectorError(Exception):
    """A content selector that is invalid or selects nothing: a usage error (exit 2), not a
    finding, because a typo would otherwise pass every page."""


@cache
def _containers() -> tuple[tuple[str, str, bool], ...]:
    """(kind, lower-cased name, generic) for each line of ``article_containers.txt``: kind is
    ``id``, ``class`` or ``tag``."""
    from importlib.resources import files  # here: its import is ~0.01 s, and only web pages need these

    text = files("gongwen").joinpath("data", "article_containers.txt").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line == "#" or line.startswith("# "):  # "#zoom" is an entry, "# …" a comment
            continue
        name, _, mark = line.partition(" ")
        kind = {"#": "id", ".": "class"}.get(name[0], "tag")
        entries.append((kind, (name[1:] if kind != "tag" else name).lower(), mark.strip() == "generic"))
    return tuple(entries)


@cache
def _chrome_kinds() -> tuple[tuple[str, int, int, int, regex.Pattern], ...]:
    """(kind, min_labels, min_chars, max_chars, alternation of labels, longest first) per
    table. ``min_chars``: the fewest characters (whitespace not counted, as
    ``PageText.length`` counts) a block holding ``min_labels`` different labels can have, the
    shortest labels' lengths added up: matches do not overlap, so a shorter block holds
    fewer, and its text is not read (a page of 200,000 one-character cells read each one)."""
    from importlib.resources import files  # here: its import is ~0.01 s, and only web pages need these

    data = tomllib.loads(files("gongwen").joinpath("data", "page_chrome.toml").read_text(encoding="utf-8"))
    kinds = []
    for kind, table in data.items():
        labels, min_labels = table["labels"], table["min_labels"]
        words = "|".join(map(regex.escape, sorted(labels, key=len, reverse=True)))
        # As a label: followed by a colon, or ending its cell or line (a <td>索引号</td>).
        after = r"(?=[ \t\u3000\xa0]*(?:[:：]|\n|$))" if table.get("as_label") else ""
        min_chars = sum(sorted(len("".join(label.split())) for label in labels)[:min_labels])
        kinds.append((kind, min_labels, min_chars, table["max_chars"], pattern_cache.regex_compile(f"(?:{words}){after}")))
    return tuple(kinds)


class PageText:
    """Decoded text of every event and prefix counts, so that the text, its length and the
    share inside links of any node's subtree come in O(1) (length) or O(its size) (text)."""

    def __init__(self, parser: "_Events") -> None:
        import html

        pieces: list[str] = []
        chars, linked, links, lines = [0], [0], [0], [0]
        n_chars = n_linked = n_links = n_lines = 0
        for kind, _, payload, node in parser.events:  # one branch per kind: most are "start"
            if kind == "start":
                pieces.append(payload)  # "\n" for a block element
                if payload:
                    n_lines += 1
                if node.tag == "a":
                    n_links += 1
            elif kind == "block":
                pieces.append("\n")
            elif kind in TEXT_KINDS and node.tag not in ("script", "style"):
                piece = payload if kind == "text" else html.unescape(payload)
                pieces.append(piece)
                n = len("".join(piece.split()))
                n_chars += n
                if node.in_link:
                    n_linked += n
            else:
                pieces.append("")
            chars.append(n_chars)
            linked.append(n_linked)
            links.append(n_links)
            lines.append(n_lines)
        self.pieces = pieces
        self.chars, self.linked, self.links, self.lines = chars, linked, links, lines

    def size(self, node: "Node") -> int:
        """The node's parser events, a block element's start counting two (it opens the
        element and ends the line before it), as MAX_BLOCK_EVENTS counts them."""
        return node.last - node.first + self.lines[node.last] - self.lines[node.first]

    def length(self, node: "Node") -> int:
        return self.chars[node.last] - self.chars[node.first]

    def links_in(self, node: "Node") -> int:
        return self.links[node.last] - self.links[node.first]

    def link_share(self, node: "Node") -> tuple[int, float]:
        total = self.length(node)
        return self.links_in(node), (self.linked[node.last] - self.linked[node.first]) / total if total else 0.0

    def text(self, node: "Node") -> str:
        return "".join(self.pieces[node.first:node.last])


def _matches(node: "Node", kind: str, name: str) -> bool:
    if kind == "tag":
        return node.tag == name
    if kind == "id":
        return node.attrs.get("id", "").lower() == name
    return name in node.attrs.get("class", "").lower().split()


def known_container(parser: "_Events", text: PageText) -> "tuple[Node, bool] | None":
    """The element of the first entry of the container list that an element with text
    matches, and whether the entry is a generic name."""
    candidates = [n for n in parser.described if not n.hidden and ("id" in n.attrs or "class" in n.attrs
                                                                   or n.tag == "article")]
    page = text.chars[-1] - text.linked[-1]
    for kind, name, generic in _containers():
        found = [n for n in candidates if _matches(n, kind, name)]
        if found:
            best = max(found, key=text.length)
            own = text.length(best) - (text.linked[best.last] - text.linked[best.first])
            if text.length(best) >= MIN_ARTICLE_CHARS and own >= MIN_ARTICLE_SHARE * page:
                return best, generic
    return None


def mirror(parser: "_Events", text: PageText, names: bool = True):
    """The page as an lxml tree (with its text), each element carrying its node index in
    ``data-gongwen-node``: for cssselect and readability, which need a real tree. Without
    ``names``, ids and classes are left out (readability then judges by text alone)."""
    from lxml import etree

    elements = {0: etree.Element("html")}
    last_child: dict[int, object] = {}  # len(element) counts children: quadratic on wide pages
    gathered: dict[tuple[object, str], list[str]] = {}  # (element, "text" or "tail") -> its pieces
    depth = {0: 0}
    # Where the last piece went: text runs on until the next start tag (50,000 "<" in one
    # paragraph are 100,000 pieces), and only a start tag makes an element or a last child.
    current_node, current = -1, []
    for i, (kind, _, _, node) in enumerate(parser.events):
        if kind == "start":
            current_node = -1
            tag = node.tag if _XML_TAG.fullmatch(node.tag) else "x-unknown"
            # Absurd nesting is flattened below depth 200: XPath over a 50,000-deep tree is slow.
            parent = node.parent.index
            depth[node.index] = min(depth[parent] + 1, 200)
            above = elements[parent] if depth[parent] < 200 else elements[parent].getparent()
            el = etree.SubElement(above, tag)
            last_child[int(above.get("data-gongwen-node", 0))] = el
            for k, v in node.attrs.items():
                if not names and k in ("id", "class"):
                    continue
                if _XML_ATTRIBUTE.fullmatch(k):
                    try:
                        el.set(k, _XML_UNSAFE.sub(" ", v))
                    except ValueError:
                        pass
            el.set("data-gongwen-node", str(node.index))
            elements[node.index] = el
        elif kind in TEXT_KINDS and text.pieces[i]:
            if node.index != current_node:
                if node.index not in elements:
                    continue
                child = last_child.get(node.index)
                at = (child, "tail") if child is not None else (elements[node.index], "text")
                current = gathered.get(at)
                if current is None:
                    gathered[at] = current = []
                current_node = node.index
            current.append(text.pieces[i])
    # Set once per element, not per piece: lxml copies the string on every get and set, so
    # 100,000 entities (or comments) in one paragraph cost 100,000 copies of it.
    for (el, where), pieces in gathered.items():
        setattr(el, where, _XML_UNSAFE.sub(" ", "".join(pieces)))
    return elements[0]


def node_parent(parser: "_Events", index: int) -> int:
    parent = parser.nodes[index].parent
    return parent.index if parent is not None else 0


def check_selector(selector: str) -> str:
    """The XPath of a CSS selector; SelectorError if it is not one."""
    from cssselect import HTMLTranslator
    from cssselect import SelectorError as CssError

    if not selector.strip():
        raise SelectorError("内容选择器为空")
    try:
        return HTMLTranslator().css_to_xpath(selector)
    except CssError as exc:
        raise SelectorError(f"CSS 选择器 {selector!r} 无效（{exc}）") from exc


def selected(parser: "_Events", text: PageText, selector: str, path: str) -> set[int]:
    """Indices of the nodes inside an element matching the CSS selector."""
    xpath = check_selector(selector)
    chosen = {int(el.get("data-gongwen-node")) for el in mirror(parser, text).xpath(xpath)
              if el.get("data-gongwen-node")}
    if not chosen:
        raise SelectorError(f"内容选择器 {selector!r} 在 {path} 中没有选中任何元素")
    return _inside(parser, chosen)


def _inside(parser: "_Events", chosen: set[int]) -> set[int]:
    inside: set[int] = set()
    for node in parser.nodes[1:]:  # parents come before their children: one linear pass
        if node.index in chosen or node.parent.index in inside:
            inside.add(node.index)
    return inside


def readability_nodes(parser: "_Events", text: PageText, names: bool = True) -> set[int] | None:
    """The nodes readability-lxml keeps as the article (with all they contain). Without
    ``names`` it does not see ids and classes, whose weights (``content`` +25) would make it
    pick a wrapper named like an article over the article inside it."""
    if len(parser.nodes) > MAX_READABILITY_NODES or text.chars[-1] < MIN_ARTICLE_CHARS:
        return None
    if only_bare_paragraphs(parser):  # readability would keep <body> (a 1 MB <p>: 0.16 s to learn it)
        return None
    try:
        from lxml import etree
        from readability import Document as Readable
    except ImportError:  # an install without the extractor reads the whole page, as before
        return None
    page = etree.tostring(mirror(parser, text, names), method="html", encoding="unicode")
    try:
        summary = Readable(page).summary(html_partial=True)
    except Exception:  # readability gives up on some pages (no body); read the whole page then
        return None
    kept = {int(n) for n in regex.findall(r'data-gongwen-node="([0-9]+)"', summary)}
    top = {i for i in kept if node_parent(parser, i) not in kept}
    if not top or any(parser.nodes[i].tag in ("html", "body") for i in top):
        return None
    return _inside(parser, top)


def only_bare_paragraphs(parser: "_Events") -> bool:
    """Whether the page is ``<html><body>`` holding only ``<p>`` elements with no attributes
    and no elements inside (text between them allowed). Readability then keeps ``<body>``,
    ``<html>`` or nothing, which ``readability_nodes`` reads as the whole page: it scores the
    parent and grandparent of each ``p`` (body, html), and nothing here can move its choice —
    no ``div`` for it to turn into paragraphs, no ``article``/``main``/``form``/``aside``/``nav``,
    no class or id to weigh."""
    nodes = parser.nodes
    if len(nodes) < 3 or nodes[1].tag != "html" or nodes[2].tag != "body" or nodes[2].parent is not nodes[1]:
        return False
    body = nodes[2]
    return not nodes[1].attrs and not body.attrs and all(
        node.tag == "p" and node.parent is body and not node.attrs for node in nodes[3:])


def region(parser: "_Events", text: PageText, selector: str | None, path: str) -> set[int] | None:
    """The nodes to read, or None for the whole page. A chosen region takes along the 落款
    (署名 and 成文日期) that some templates set in a block of its own after the article."""
    if selector:
        return selected(parser, text, selector, path)
    found = _found_region(parser, text)
    return _with_signature(parser, text, found) if found else found


def _with_signature(parser: "_Events", text: PageText, inside: set[int]) -> set[int]:
    tops = sorted(i for i in inside if node_parent(parser, i) not in inside)
    children: dict[int, list["Node"]] = {}
    for node in parser.nodes[1:]:
        children.setdefault(node.parent.index, []).append(node)
    added: set[int] = set()
    for top in tops:
        siblings = children[node_parent(parser, top)]
        at = next(i for i, n in enumerate(siblings) if n.index == top)
        for node in siblings[at + 1:at + 4]:
            if node.index in inside or node.hidden or not text.length(node):
                continue
            if not _is_signature(text, node):
                break
            added.add(node.index)
    return inside | _inside(parser, added) if added else inside


def _is_signature(text: PageText, node: "Node") -> bool:
    """A few short lines without links, the last ending in a date."""
    if (text.length(node) > SIGNATURE_LINES * SIGNATURE_LINE_CHARS
            or text.size(node) > MAX_BLOCK_EVENTS):
        return False
    lines = [line.strip() for line in text.text(node).split("\n") if line.strip()]
    return (0 < len(lines) <= SIGNATURE_LINES and all(len(line) <= SIGNATURE_LINE_CHARS for line in lines)
            and text.link_share(node)[0] == 0 and _ENDS_WITH_DATE.search(lines[-1]) is not None)


def _found_region(parser: "_Events", text: PageText) -> set[int] | None:
    known = known_container(parser, text)
    if known is None:
        return readability_nodes(parser, text)
    container, generic = known
    inside = _inside(parser, {container.index})
    if generic:  # a wrapper named .content may hold sidebars too: narrow it when readability can
        narrowed = readability_nodes(parser, text, names=False)
        if narrowed and narrowed <= inside:
            inside = narrowed
    return inside


def chrome_nodes(parser: "_Events", text: PageText, keep: set[int]) -> set[int]:
    """Nodes inside which nothing is read: labelled metadata tables and footers, link lists
    (never the region's own top elements in ``keep``)."""
    dropped: set[int] = set()
    kinds = _chrome_kinds()
    # The text's length and link count read from PageText's prefix counts here, not through
    # its methods: this loop visits every element (250,000 <p> on a page of <p>x).
    chars, links = text.chars, text.links
    fewest = min((min_chars for _, _, min_chars, _, _ in kinds), default=1)
    for node in parser.nodes[1:]:
        if node.parent.index in dropped:
            dropped.add(node.index)
            continue
        if node.tag not in CLASSIFIED or node.hidden or node.index in keep:
            continue
        length = chars[node.last] - chars[node.first]  # text.length(node)
        if not length:
            continue
        # The link count first: it is one subtraction, and most blocks have fewer than two.
        if node.tag in LINK_LISTS and links[node.last] - links[node.first] >= 2 and text.link_share(node)[1] >= 0.5:
            dropped.add(node.index)
            continue
        if length < fewest or text.size(node) > MAX_BLOCK_EVENTS:
            continue
        for _, min_labels, min_chars, max_chars, labels in kinds:
            if min_chars <= length <= max_chars and len(set(labels.findall(text.text(node)))) >= min_labels:
                dropped.add(node.index)
                break
    return dropped


def _date(match: regex.Match, first_group: int = 1) -> datetime.date | None:
    try:
        return datetime.date(*(int(match.group(first_group + i)) for i in range(3)))
    except ValueError:
        return None


def page_info(parser: "_Events", text: PageText) -> PageInfo:
    """Title, 成文日期 and 发布日期 from ``<meta>`` tags, ``<title>`` and labelled text
    (``成文日期：2025年1月27日`` in a metadata table, ``发布时间：2025-01-27`` above the article)."""
    metas: dict[str, str] = {}
    title = None
    for node in parser.described:  # a <meta> without attributes says nothing
        if node.tag == "meta":
            name = (node.attrs.get("name") or node.attrs.get("property") or "").lower()
            if name and "content" in node.attrs:
                metas.setdefault(name, node.attrs["content"].strip())
        elif node.tag == "title" and title is None:
            title = " ".join(text.text(node).split()) or None
    title = next((metas[k] for k in META_TITLE if metas.get(k)), title)
    published = None
    for key in META_PUBLISHED:
        m = _META_DATE.search(metas.get(key, ""))
        if m and (published := _date(m)):
            break
    written = None
    for m in _LABELLED_DATE.finditer("".join(text.pieces)):
        if m.group(1) in ("成文日期", "发文日期"):
            written = written or _date(m, 2)
        else:
            published = published or _date(m, 2)
        if written and published:
            break
    return PageInfo(title=title, written=written, published=published)


def generated_by(parser: "_Events") -> str:
    """The page's ``<meta name="generator">``: gongwen's own reports are not input."""
    for node in parser.described:
        if node.tag == "meta" and node.attrs.get("name", "").lower() == "generator":
            return node.attrs.get("content", "")
    return ""
