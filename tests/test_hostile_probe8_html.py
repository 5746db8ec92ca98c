"""Round 9 of the HTML reader's hostile probe (issue 18 items 4 and 6): pages of many tiny
constructs, each once a pass over every event or element in Python. What used to cost per
construct and now does not is checked by counting calls (never by timing); every shortcut is
compared with the plain reading on random pages, and a wrong shortcut must be caught.
"""
from __future__ import annotations

import random

import pytest
from test_html_reader_equal import _differences

from gongwen.formats import html as html_reader
from gongwen.formats import html_content
from gongwen.rules import web


def _read(source: str):
    return html_reader.read(source, "p.html")


# --- chrome blocks: only a block long enough to hold its labels has its text read ----------

def test_one_character_cells_are_not_searched_for_labels(monkeypatch):
    """20,000 cells of one character each: none can hold two labels, none has its text read
    (each did: a join and two label searches per cell)."""
    calls = []
    real = html_content.PageText.text
    monkeypatch.setattr(html_content.PageText, "text", lambda self, node: calls.append(node) or real(self, node))
    doc = _read("<html><body><table><tr>" + "<td>x" * 20_000)
    assert doc.text == "x\n" * 19_999 + "x"
    assert len(calls) < 10


def test_the_shortest_labelled_block_is_still_chrome():
    """``min_chars`` is a bound, not a guess: a block of exactly the two shortest labels (two
    characters each, nothing else) is dropped as it was."""
    kinds = {kind: (min_labels, min_chars) for kind, min_labels, min_chars, _, _ in html_content._chrome_kinds()}
    assert kinds["metadata"] == (2, 4)
    page = "<html><body><p>正文第一段。</p><div>文号<br>标题</div><p>正文第二段。</p>"
    assert _read(page).text == "正文第一段。\n正文第二段。\n"


_LABELS = ("文号", "标题", "主办", "承办", "索引号", "发布机构", "网站标识码", "ICP备")


def _chrome_page(rnd: random.Random) -> str:
    """Blocks of labels, colons, breaks and filler, nested, of every length around the bound."""
    def block(depth: int) -> str:
        inner = []
        for _ in range(rnd.randrange(1, 5)):
            roll = rnd.random()
            if roll < 0.45:
                inner.append(rnd.choice(_LABELS))
            elif roll < 0.7:
                inner.append(rnd.choice(("：", ":", "<br>", " ", "\n", "x", "中", "")))
            elif roll < 0.8 and depth < 3:
                inner.append(block(depth + 1))
            else:
                inner.append(rnd.choice(("<a href=x>上一篇</a>", "<span>", "</span>", "&nbsp;")))
        tag = rnd.choice(("div", "p", "td", "li", "span", "table"))
        return f"<{tag}>" + "".join(inner) + rnd.choice((f"</{tag}>", ""))
    return "<html><body>" + "".join(block(0) for _ in range(rnd.randrange(1, 6)))


def _dropped(source: str) -> set[int]:
    parser = html_reader._Events(source)
    parser.feed(source)
    for node in parser.stack:
        node.last = len(parser.events)
    return html_content.chrome_nodes(parser, html_content.PageText(parser), set())


def _with_bound(monkeypatch, shift: int | None) -> None:
    """``min_chars`` moved by ``shift``, or 0 (no bound: the plain reading) for None."""
    kinds = html_content._chrome_kinds()
    monkeypatch.setattr(html_content, "_chrome_kinds", lambda: tuple(
        (kind, n, 0 if shift is None else low + shift, high, labels) for kind, n, low, high, labels in kinds))


def _chrome_differences(monkeypatch, shift: int | None, pages: int) -> int:
    sources = [_chrome_page(random.Random(seed)) for seed in range(pages)]
    bounded = [_dropped(s) for s in sources]
    with monkeypatch.context() as m:
        _with_bound(m, None)
        plain = [_dropped(s) for s in sources]
    if shift is not None:
        with monkeypatch.context() as m:
            _with_bound(m, shift)
            bounded = [_dropped(s) for s in sources]
    assert sum(bool(p) for p in plain) > pages // 10  # the pages do hold chrome
    return sum(a != b for a, b in zip(bounded, plain))


def test_the_label_bound_drops_what_the_plain_reading_drops(monkeypatch):
    assert _chrome_differences(monkeypatch, None, 3000) == 0


def test_a_bound_one_too_high_is_caught(monkeypatch):
    assert _chrome_differences(monkeypatch, 1, 3000) > 5


# --- page furniture: only lines holding a trigger character are tested ----------------------

def test_lines_without_a_trigger_character_are_not_tested_for_furniture(monkeypatch):
    calls = []
    real = web.is_page_furniture
    monkeypatch.setattr(web, "is_page_furniture", lambda body: calls.append(body) or real(body))
    doc = _read("<html><body>" + "<p>x" * 20_000 + "<p>【字体：大 中 小】<p>浏览次数：12<p>正文。")
    assert doc.text == "x\n" * 20_000 + "正文。"
    assert sorted(calls) == ["【字体：大 中 小】", "浏览次数：12"]


def test_a_trigger_set_missing_a_character_is_caught(monkeypatch):
    """The random pages of the equality test hold furniture lines: a scan that misses one
    trigger character keeps some of them."""
    triggers = web.furniture_triggers()
    assert "：" in triggers
    monkeypatch.setattr(web, "furniture_triggers", lambda: triggers.replace("：", ""))
    assert len(_differences(html_reader, range(500))) > 5


def test_no_triggers_means_every_line_is_tested(monkeypatch):
    """A pattern that needs no string (WEB004's data file may grow one) turns the scan off."""
    monkeypatch.setattr(web, "furniture_triggers", lambda: "")
    assert _differences(html_reader, range(300)) == []


# --- runs of plain constructs: simple attributes and a "<" that opens nothing --------------

def test_a_run_reads_simple_attributes_and_lone_angle_brackets_without_html_parser(monkeypatch):
    """``<p class=x>`` and ``< 5`` no longer leave the run for html.parser's loop (a page of
    them went through its general start-tag scan and one loop turn per "<")."""
    calls = []
    real = html_reader.HTMLParser.parse_starttag
    monkeypatch.setattr(html_reader.HTMLParser, "parse_starttag", lambda self, i: calls.append(i) or real(self, i))
    doc = _read("<html><body>" + "<p a>x" * 1000 + "<p CLASS='c' id=d title=\"t u\">< 5 " * 1000)
    assert doc.text == "x\n" * 1000 + "< 5 \n" * 999 + "< 5 "
    assert calls == [0, len("<html>")]  # <html> and <body> only: not in the plain list


@pytest.mark.parametrize("name, wrong", [
    # Wrong: attribute names kept as written (ID= and Class= no longer name a container or chrome).
    ("_attributes", lambda spec: [(m[1], m[2] if m[2] is not None else m[3] if m[3] is not None else m[4])
                                  for m in html_reader._ONE_ATTRIBUTE.finditer(spec)]),
    # Wrong: "<!" read as a lone "<" (comments and directives inside a run become text).
    ("_PLAIN_RUN", html_reader.lazy_regex.compile(
        html_reader._START_TAG + r"|</([a-zA-Z][a-zA-Z0-9]*)>|[^<&]+|<(?=[^a-zA-Z/?])")),
])
def test_a_wrong_run_is_caught(name, wrong, monkeypatch):
    monkeypatch.setattr(html_reader, name, wrong)
    assert len(_differences(html_reader, range(500))) > 5


# --- a block element's start is one event now: the cost bound still counts it as two -------

def test_the_block_size_bound_falls_where_it_fell(monkeypatch):
    """A metadata block padded with empty paragraphs around MAX_BLOCK_EVENTS (4,000 events,
    each <p></p> three as counted when the bound was set): the same Document as the frozen
    reader on both sides of the bound; a size that counts today's events is caught."""
    from frozen_html import reader as frozen

    def pages():
        for k in range(1320, 1346):
            yield "<html><body><p>正文。</p><div>索引号：1<br>发布机构：某局" + "<p></p>" * k + "</div><p>完。</p>"

    def texts(reader):
        return [reader.read(source, "p.html").text for source in pages()]

    expected = texts(frozen)
    assert len(set(expected)) == 2  # the bound falls inside the range
    assert texts(html_reader) == expected
    monkeypatch.setattr(html_content.PageText, "size", lambda self, node: node.last - node.first)
    assert texts(html_reader) != expected
