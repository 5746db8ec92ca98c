"""A page that is ``<html><body>`` holding only bare ``<p>`` elements is read whole without
asking readability (``html_content.only_bare_paragraphs``): readability could only keep
``<body>`` or ``<html>`` there, which ``readability_nodes`` reads as the whole page. Random
pages, many of them near misses (no ``<html>``/``<body>``, a ``<head>``, attributes, ``div``,
``article``, ``form``, nesting, long paragraphs with commas), check that wherever the test says
so, readability asked anyway keeps nothing narrower than the page."""
from __future__ import annotations

import random

from gongwen.formats import html, html_content

PAGES = 2500
LONG = ("区政府召开常务会议，研究部署法治政府建设重点工作，推动各项任务落地见效，确保取得实效。",
        "二〇二四年，全区上下坚持稳中求进，经济运行总体平稳，民生保障持续加强，社会大局和谐稳定。")
SHORT = ("中", "< 5 ", "a b", "&lt;", "上一篇", "2024年1月2日", "\n", "  ")
OPENERS = ("<p>", "<p>", "<p>", "<P>", "<p class=content>", "<p id=main>", "<div>", "<div class=article>",
           "<article>", "<form>", "<aside>", "<nav>", "<main>", "<td>", "<blockquote>", "<span>", "<br>",
           "<pre>", "</p>", "<!-- c -->")


def _page(rnd: random.Random) -> str:
    parts = []
    if rnd.random() < 0.85:
        parts.append("<html>")
        if rnd.random() < 0.15:
            parts.append("<head><title>报告</title></head>")
        if rnd.random() < 0.85:
            parts.append(rnd.choice(("<body>", "<body>", "<body class=main>")))
    bare = rnd.random() < 0.5  # half the pages only <p> and text, so that the shortcut fires
    for _ in range(rnd.randint(1, 8)):
        parts.append("<p>" if bare and rnd.random() < 0.8 else rnd.choice(OPENERS) if not bare else "")
        for _ in range(rnd.randint(0, 3)):
            parts.append(rnd.choice(LONG) if rnd.random() < 0.6 else rnd.choice(SHORT))
        if rnd.random() < 0.3:
            parts.append("</p>")
    if rnd.random() < 0.3:
        parts.append("</body></html>")
    return "".join(parts)


def _parsed(source: str):
    parser = html._Events(source)
    parser.feed(source)
    for node in parser.stack:
        node.last = len(parser.events)
    return parser, html_content.PageText(parser)


def test_readability_keeps_the_whole_page_wherever_only_bare_paragraphs_says_so(monkeypatch):
    rnd = random.Random(20261206)
    pages = [_page(rnd) for _ in range(PAGES)]
    bare = [p for p in pages if html_content.only_bare_paragraphs(_parsed(p)[0])]
    monkeypatch.setattr(html_content, "only_bare_paragraphs", lambda parser: False)
    narrowed = 0
    for page in pages:
        parser, text = _parsed(page)
        kept = html_content.readability_nodes(parser, text)
        if page in bare:
            assert kept is None, page
        narrowed += kept is not None
    # Both sides are exercised: pages where readability narrows (near misses) and pages the
    # shortcut decides.
    assert len(bare) > PAGES // 6 and narrowed > PAGES // 10


def test_only_bare_paragraphs_refuses_what_could_move_readability():
    def says(source: str) -> bool:
        return html_content.only_bare_paragraphs(_parsed(source)[0])

    assert says("<html><body><p>" + LONG[0] + "<p>" + LONG[1])
    assert not says("<p>" + LONG[0] + "<p>" + LONG[1])  # no <body>: readability keeps the <p>s
    assert not says("<html><body><div><p>" + LONG[0])
    assert not says("<html><body><p class=content>" + LONG[0])
    assert not says("<html><head><title>x</title></head><body><p>" + LONG[0])
