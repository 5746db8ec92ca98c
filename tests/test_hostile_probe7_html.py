"""Cases of the seventh hostile probe on the HTML reader (issue 18 items 1, 4 and 6): markup
that is not a tag must be neither read as text nor swallow text.

Log of what was tried (case → verdict before → now):
- ``<!DOCTYPE html [ <!ENTITY x "…"> ]>`` → html.parser ended it at the entity's ``>``, the
  tail `` ]>`` was linted as text (PUN001, PUN003) → the subset is markup, offsets exact
- ``<!ATTLIST p a CDATA "x>y">``, ``<?php echo "a>b"; ?>`` → ``y">`` and ``b"; ?>`` read as
  text → a declaration or PI ends at the first ``>`` outside quoted literals
- ``<![foo[x]]>``, ``<![ [x]>`` → AssertionError from html.parser: the whole page lost
  (LNT9xx) → a bogus comment to the first ``>``, as HTML5 reads it
- ``<![CDATA[`` never closed → the rest of the page unread → a bogus comment to the first ``>``
- ``<!-->``, ``<!--->``, ``--!>`` → the comment ran on to the next ``-->`` and hid the text
  between → HTML5's empty comments and comment end
- conditional comments (``<!--[if IE]>…<![endif]-->`` hidden, ``<![if !IE]>…<![endif]>`` and
  ``<!--[if !IE]><!-->…<!--<![endif]-->`` shown), ``<![CDATA[…]]>`` closed, ``<!ELEMENT``
  outside a DOCTYPE, ``<?xml …?>``: read right before and still
- each construct 100,000 times, closed and unclosed: linear (the searches that could
  rescan the page are bounded or remembered: test_markup_ends_*)
"""
from __future__ import annotations

import random
import re

import pytest

from gongwen import api
from gongwen.formats import html as html_reader
from gongwen.formats import html_markup


def _read(source: str):
    return html_reader.read(source, "p.html")


def _lines(source: str) -> list[str]:
    return [u.text for u in _read(source).units]


def _exact(source: str) -> None:
    """Every character of the text that is not a space maps back onto itself."""
    doc = _read(source)
    for k, ch in enumerate(doc.text):
        if not ch.isspace():
            assert source[doc.offset_map.to_source(k)] == ch, (k, ch)


SUBSET = '<!DOCTYPE html [ <!ENTITY x "甲，乙"> <!ENTITY y "丙。"> ]>'


def test_a_doctype_internal_subset_is_markup_with_exact_offsets_after_it():
    source = SUBSET + "<html><body><p>正文第一段。</p><p>第二段，完。</p></body></html>"
    assert _lines(source) == ["正文第一段。", "第二段，完。"]
    _exact(source)
    codes = {d.code for d in api.lint_text(source, path="p.html", fmt="html")}
    assert not codes & {"PUN001", "PUN003"}


def test_a_subset_may_hold_brackets_and_closers_in_literals_comments_and_pis():
    source = ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"http://w/x.dtd\" ["
              "<!ENTITY a '<p>]></p>'><!-- ]> --><?pi ]>?>] ><p>正文。</p>")
    assert _lines(source) == ["正文。"]
    _exact(source)


def test_an_entity_in_the_subset_is_not_expanded():
    bomb = '<!DOCTYPE x [<!ENTITY a "哈哈"><!ENTITY b "&a;&a;&a;&a;&a;">]><p>&b;正文&a;</p>'
    assert _lines(bomb) == ["&b;正文&a;"]


def test_a_subset_never_closed_falls_back_to_the_first_angle_bracket_and_loses_no_text():
    source = '<!DOCTYPE html [ <!ENTITY x "a"> <p>正文。</p>'
    assert _lines(source) == ["正文。"]


def test_declarations_and_pis_end_outside_their_quoted_literals():
    source = ('<?xml version="1.0"?><?php echo "a>b"; ?><!ELEMENT p (#PCDATA)>'
              "<!ATTLIST p a CDATA \"x>y\"><!ENTITY z 'q>r'><p>正文。</p>")
    assert _lines(source) == ["正文。"]
    _exact(source)


def test_a_literal_that_runs_into_a_tag_is_no_literal():
    # The quote never closes before the next tag: html.parser's first ">" ends it, and the
    # text after is read as before.
    assert _lines('<?php echo "a ><p>正文。</p><p class="x">二</p>') == ["正文。", "二"]


@pytest.mark.parametrize("section", ["<![foo[x]]>", "<![ [x]>", "<![1]>", "<![CDATA x]]>"])
def test_a_marked_section_html_parser_does_not_know_is_a_bogus_comment(section):
    assert _lines(f"<p>甲</p>{section}<p>乙</p>") == ["甲", "乙"]


def test_an_unclosed_cdata_section_ends_at_the_first_angle_bracket():
    assert _lines("<p>正文。</p><![CDATA[ abc > <p>尾段</p>") == ["正文。", "尾段"]


def test_closed_cdata_and_conditional_comments_read_as_browsers_show_them():
    source = ("<p>前<![CDATA[x<p>y]]>后</p><!--[if IE]><p>旧版</p><![endif]-->"
              "<![if !IE]><p>新版</p><![endif]><!--[if !IE]><!--><p>也显示</p><!--<![endif]-->")
    assert _lines(source) == ["前后", "新版", "也显示"]
    _exact(source)


@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!-- a --!>"])
def test_html5_comment_ends_hide_no_text(comment):
    source = f"{comment}<p>正文甲</p><!-- x --><p>乙</p>"
    assert _lines(source) == ["正文甲", "乙"]
    _exact(source)


# --- many constructs at random: nothing leaks, nothing is lost ------------------------------
MARKUP = (SUBSET, "<!DOCTYPE html>", "<!doctype html public \"a>b\" [<!ENTITY a '<p>]></p>'><!-- ]> -->] >",
          '<?xml version="1.0"?>', '<?php echo "a>b"; ?>', "<!ELEMENT p (#PCDATA)>",
          "<!ATTLIST p a CDATA \"x>y\">", "<!ENTITY z 'q>r'>", "<!-- c -->", "<!-->", "<!--->",
          "<!-- a --!>", "<!---->", "<![CDATA[x<p>y]]>", "<!--[if IE]><p>旧</p><![endif]-->",
          "<![if !IE]>", "<![endif]>", "<![foo[x]]>", "<![ [x]>", "\n", " ")
WORDS = ("区政府召开常务会议", "推动各项任务落地见效", "二〇二四年", "合计", "某某区人民政府")


def test_random_pages_of_markup_keep_every_word_and_leak_no_markup():
    rnd = random.Random(7)
    for _ in range(400):
        words, parts = [], []
        for _ in range(rnd.randrange(1, 12)):
            if rnd.random() < 0.5:
                word = rnd.choice(WORDS)
                words.append(word)
                parts.append(f"<p>{word}</p>")
            else:
                parts.append(rnd.choice(MARKUP))
        source = "".join(parts)
        assert _lines(source) == words, source
        _exact(source)


# --- the remembered searches --------------------------------------------------------------
def test_markup_ends_remembers_only_what_a_plain_search_would_find():
    """The remembered answer of a marked section's end search is the plain search's, for
    random pages and random increasing positions; a memory that ignores where the last
    search started is caught."""
    pattern = re.compile(r"]\s*]\s*>")

    def wrong(self, pattern, at):  # reuses an answer found after ``at`` even from before it
        known = self._found.get(pattern)
        if known is not None and (known[1] < 0 or at <= known[1]):
            return known[1], known[2]
        m = pattern.search(self.text, at)
        self._found[pattern] = (at, *((m.start(), m.end()) if m else (-1, -1)))
        return self._found[pattern][1:]

    def disagreements(search) -> int:
        rnd = random.Random(3)
        found = 0
        for _ in range(500):
            text = "".join(rnd.choice(("]]>", "] ]>", "x", "]", ">", " ")) for _ in range(rnd.randrange(30)))
            ends = html_markup.MarkupEnds(text)
            for at in sorted(rnd.randrange(len(text) + 1) for _ in range(8)):
                m = pattern.search(text, at)
                plain = (m.start(), m.end()) if m else (-1, -1)
                found += search(ends, pattern, at) != plain
        return found

    assert disagreements(html_markup.MarkupEnds._search) == 0
    # Positions may go back: the wrong memory answers a later search from an earlier point.
    def backwards(search) -> int:
        rnd = random.Random(4)
        found = 0
        for _ in range(500):
            text = "".join(rnd.choice(("]]>", "x", " ")) for _ in range(rnd.randrange(30)))
            ends = html_markup.MarkupEnds(text)
            for at in (rnd.randrange(len(text) + 1) for _ in range(8)):
                m = pattern.search(text, at)
                found += search(ends, pattern, at) != ((m.start(), m.end()) if m else (-1, -1))
        return found

    assert backwards(html_markup.MarkupEnds._search) == 0
    assert backwards(wrong) > 10


class _Counting:
    """A pattern that adds up how far its searches read."""

    def __init__(self, pattern: re.Pattern, read: list[int]) -> None:
        self.pattern, self.read = pattern, read

    def search(self, text: str, at: int):
        m = self.pattern.search(text, at)
        self.read.append((m.end() if m else len(text)) - at)
        return m

    def match(self, text: str, at: int):
        return self.pattern.match(text, at)


@pytest.mark.parametrize("unit", ["<![CDATA[ x >", "<![if x >", "<!DOCTYPE x [ \" >", "<!DOCTYPE x [ <!-- >"])
def test_markup_ends_searches_are_bounded_on_many_unclosed_constructs(unit, monkeypatch):
    """10,000 unclosed constructs: the searches that could run to the end of the page do so
    at most about once (their answers are remembered; a subset that never closes stops the
    search for subsets), so reading stays linear. Without the memory it reads 10,000 times
    as much (the second half of the test)."""
    read: list[int] = []
    monkeypatch.setattr(html_markup, "_MARKED_CLOSE",
                        {k: _Counting(p, read) for k, p in html_markup._MARKED_CLOSE.items()})
    monkeypatch.setattr(html_markup, "_SUBSET_STOP", _Counting(html_markup._SUBSET_STOP, read))
    monkeypatch.setattr(html_markup, "_SUBSET_CLOSES",
                        {k: _Counting(p, read) for k, p in html_markup._SUBSET_CLOSES.items()})
    source = "<p>正文。</p>" + unit * 10_000 + "<p>尾</p>"
    assert _lines(source)[-1] == "尾"
    assert sum(read) <= 3 * len(source)
    if unit.startswith("<![C"):
        read.clear()
        monkeypatch.setattr(html_markup.MarkupEnds, "_search",
                            lambda self, p, at: (m := p.search(self.text, at)) and (m.start(), m.end()) or (-1, -1))
        _read(source)
        assert sum(read) > 100 * len(source)
