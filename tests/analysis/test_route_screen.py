"""The route screen (gongwen.analysis.route_screen) spares only searches that find nothing.

- Every declared pair is necessary: over thousands of generated texts (the pattern's own
  characters, the pair's, blanks, line breaks and prose), a text the pattern matches holds a
  character of the pair's first set right before one of its second.
- The compiled screen says what that plain test says, on every text.
- An echoed word's declaration (needs_echo, TYP002's verb gate) is necessary the same way: a
  text the pattern matches holds a word's pair said again one or two characters on
  (plain_echoed), and the compiled _trigger_scan.echoed_pair says what plain_echoed says.
- ``routing.units_holding`` and ``triggers.units_matching`` give the same units with the screen
  as without it, over documents of random units joined by line breaks or by nothing.
A class route (gongwen.analysis.class_routes: TYP017's clause ends) is declared as it is; the
tests read the pattern it holds.
Declaring the stops' pair without the blanks (。　（ matches) or the doubled marks' with one mark
left out of the second set is caught by the first test; an echo that looks only one character
on, or reads the second character's kind from the first's table, by the echo tests.
"""
from __future__ import annotations

import random
import re

import pytest
from support import joined_document

from gongwen import api, triggers
from gongwen.analysis import route_screen, routing
from gongwen.document import Document

# Every rule's declarations made: the rules' own at import, the trigger strings' at a plan's build.
api.make_linter(None, select=["ALL"], preview=True).lint(Document(path="t.txt", text="一、"))


def _source(pattern) -> str:
    """The regular expression's text; a class route (class_routes.ClassRoute) holds its pattern."""
    inner = pattern.pattern
    return inner if isinstance(inner, str) else inner.pattern


DECLARED = sorted(route_screen._PAIRS.items(), key=lambda item: _source(item[0]))
ECHOED = sorted(route_screen._ECHOES.items(), key=lambda item: item[0].pattern)
PROSE = "推进工作，完善制度。二是（一）年月日1２3百分之约近 率为、"
BLANKS = " \t\u3000\xa0"


def _pattern_characters(pattern: "re.Pattern[str]") -> str:
    """The characters the pattern names, ranges spelt out (①-⑳), and the escapes it reads."""
    source = _source(pattern)
    source = source.encode().decode("unicode_escape") if "\\u" in source else source
    chars = set(source.replace("\\", ""))
    for a, b in re.findall(r"(.)-(.)", source):
        if ord(a) <= ord(b) and ord(b) - ord(a) < 64:
            chars.update(map(chr, range(ord(a), ord(b) + 1)))
    return "".join(sorted(chars))


def _texts(pattern: "re.Pattern[str]", first: str, second: str, count: int = 4000) -> list[str]:
    rnd = random.Random(_source(pattern))
    focus = _pattern_characters(pattern) + first + second  # most characters, so that matches come
    other = BLANKS + "\n\r" + PROSE
    return ["".join(rnd.choice(focus if rnd.random() < 0.7 else other) for _ in range(rnd.randint(0, 24)))
            for _ in range(count)]


def _holds_pair(text: str, first: str, second: str) -> bool:
    return any(a in first and b in second for a, b in zip(text, text[1:]))


def test_declarations_exist():
    patterns = [_source(pattern) for pattern, _ in DECLARED]
    assert any("。。。" in p for p in patterns) and any("（(" in p for p in patterns)


@pytest.mark.parametrize(("pattern", "pair"), DECLARED, ids=[_source(p)[:24] for p, _ in DECLARED])
def test_pair_is_necessary(pattern, pair):
    first, second = pair
    matched = 0
    for text in _texts(pattern, first, second):
        if pattern.search(text):
            matched += 1
            assert _holds_pair(text, first, second), (_source(pattern), text)
    assert matched > 50  # the generated texts do reach the pattern


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
@pytest.mark.parametrize(("pattern", "pair"), DECLARED, ids=[_source(p)[:24] for p, _ in DECLARED])
def test_screen_says_what_the_plain_test_says(pattern, pair):
    first, second = pair
    for text in _texts(pattern, first, second):
        doc = Document(path="t.txt", text=text)
        assert route_screen.may_match(doc, pattern) == _holds_pair(text, first, second), text


def _echo_texts(pattern: "re.Pattern[str]", table: bytes, count: int = 6000) -> list[str]:
    """Texts of the words' characters, the words themselves, blanks, line breaks and prose."""
    rnd = random.Random(pattern.pattern)
    chars = [chr(c) for c in range(0x10000) if table[c]]
    words = re.findall(r"[^|()]{2}", pattern.pattern.split(")")[0])
    pieces = chars + words * 3 + list(BLANKS + "\n" + PROSE) + ["\U0001f600", "推进落实"]
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(count)]


def test_echoes_declared():
    assert ECHOED and all(len(table) == 0x10000 for _, table in ECHOED)


@pytest.mark.parametrize(("pattern", "table"), ECHOED, ids=[p.pattern[:12] for p, _ in ECHOED])
def test_echo_is_necessary(pattern, table):
    matched = 0
    for text in _echo_texts(pattern, table):
        if pattern.search(text):
            matched += 1
            assert route_screen.plain_echoed(text, table), text
    assert matched > 200


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
@pytest.mark.parametrize(("pattern", "table"), ECHOED, ids=[p.pattern[:12] for p, _ in ECHOED])
def test_compiled_echo_says_what_the_plain_one_says(pattern, table):
    echoed = 0
    for text in _echo_texts(pattern, table):
        # the three str kinds: Latin-1 text reads the table low, astral text as UCS-4
        for variant in (text, text + "\U0001f600", "".join(ch for ch in text if ch < "\u0100")):
            plain = route_screen.plain_echoed(variant, table)
            assert route_screen._trigger_scan.echoed_pair(variant, table) == plain, variant
            echoed += plain
    assert echoed > 500


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
def test_compiled_echo_on_words_of_every_str_kind():
    """Words of Latin-1, BMP and mixed characters, texts of each str kind (astral ones too)."""
    words = ["ab", "ba", "\xe9x", "推进", "a中"]
    table = bytearray(0x10000)
    for w in words:
        table[ord(w[0])] |= 1
        table[ord(w[1])] |= 2
    table = bytes(table)
    rnd = random.Random("echo kinds")
    pieces = words + list("abx\xe9推进中 \n") + ["\U0001f600"]
    echoed = 0
    for _ in range(8000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 10)))
        plain = route_screen.plain_echoed(text, table)
        assert route_screen._trigger_scan.echoed_pair(text, table) == plain, text
        echoed += plain
    assert 500 < echoed < 7500


def test_units_are_those_found_without_the_screen(monkeypatch):
    rnd = random.Random("route screen documents")
    patterns = [pattern for pattern, _ in DECLARED + ECHOED]
    pieces = [_pattern_characters(p) for p in patterns]
    alphabet = list("".join(pieces) + BLANKS + PROSE) + ["推进", "落实", "加强"] * 20
    docs = []
    for _ in range(1500):
        texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(rnd.randint(1, 6))]
        docs.append(joined_document(rnd, texts))
    screened = [[(routing.units_holding(doc, p), triggers.units_matching(doc, p, doc.text)) for p in patterns]
                for doc in docs]
    monkeypatch.setattr(routing, "may_match", lambda doc, pattern: True)
    monkeypatch.setattr(triggers, "may_match", lambda doc, pattern: True)
    found = 0
    for doc, got in zip(docs, screened):
        doc._memo.clear()
        plain = [(routing.units_holding(doc, p), triggers.units_matching(doc, p, doc.text)) for p in patterns]
        assert got == plain, doc.text
        found += sum(bool(units) for units, _ in plain)
    assert found > 100
