"""The route screen (gongwen.analysis.route_screen) spares only searches that find nothing.

- Every declared pair is necessary: over thousands of generated texts (the pattern's own
  characters, the pair's, blanks, line breaks and prose), a text the pattern matches holds a
  character of the pair's first set right before one of its second.
- The compiled screen says what that plain test says, on every text.
- ``routing.units_holding`` and ``triggers.units_matching`` give the same units with the screen
  as without it, over documents of random units joined by line breaks or by nothing.
Declaring the stops' pair without the blanks (。　（ matches) or the doubled marks' with one mark
left out of the second set is caught by the first test.
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
DECLARED = sorted(route_screen._PAIRS.items(), key=lambda item: item[0].pattern)
PROSE = "推进工作，完善制度。二是（一）年月日1２3百分之约近 率为、"
BLANKS = " \t\u3000\xa0"


def _pattern_characters(pattern: "re.Pattern[str]") -> str:
    """The characters the pattern names, ranges spelt out (①-⑳), and the escapes it reads."""
    source = pattern.pattern.encode().decode("unicode_escape") if "\\u" in pattern.pattern else pattern.pattern
    chars = set(source.replace("\\", ""))
    for a, b in re.findall(r"(.)-(.)", source):
        if ord(a) <= ord(b) and ord(b) - ord(a) < 64:
            chars.update(map(chr, range(ord(a), ord(b) + 1)))
    return "".join(sorted(chars))


def _texts(pattern: "re.Pattern[str]", first: str, second: str, count: int = 4000) -> list[str]:
    rnd = random.Random(pattern.pattern)
    focus = _pattern_characters(pattern) + first + second  # most characters, so that matches come
    other = BLANKS + "\n\r" + PROSE
    return ["".join(rnd.choice(focus if rnd.random() < 0.7 else other) for _ in range(rnd.randint(0, 24)))
            for _ in range(count)]


def _holds_pair(text: str, first: str, second: str) -> bool:
    return any(a in first and b in second for a, b in zip(text, text[1:]))


def test_declarations_exist():
    patterns = [pattern.pattern for pattern, _ in DECLARED]
    assert any("。。。" in p for p in patterns) and any("（(" in p for p in patterns)


@pytest.mark.parametrize(("pattern", "pair"), DECLARED, ids=[p.pattern[:24] for p, _ in DECLARED])
def test_pair_is_necessary(pattern, pair):
    first, second = pair
    matched = 0
    for text in _texts(pattern, first, second):
        if pattern.search(text):
            matched += 1
            assert _holds_pair(text, first, second), (pattern.pattern, text)
    assert matched > 50  # the generated texts do reach the pattern


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
@pytest.mark.parametrize(("pattern", "pair"), DECLARED, ids=[p.pattern[:24] for p, _ in DECLARED])
def test_screen_says_what_the_plain_test_says(pattern, pair):
    first, second = pair
    for text in _texts(pattern, first, second):
        doc = Document(path="t.txt", text=text)
        assert route_screen.may_match(doc, pattern) == _holds_pair(text, first, second), text


def test_units_are_those_found_without_the_screen(monkeypatch):
    rnd = random.Random("route screen documents")
    patterns = [pattern for pattern, _ in DECLARED]
    pieces = [_pattern_characters(p) for p in patterns]
    alphabet = "".join(pieces) + BLANKS + PROSE
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
