"""Routes searched by the compiled finder of their classes (gongwen.analysis.class_routes) find
what their ``re`` pattern finds.

- Every route declared so (the dates', the years', NUM004's approximation words, NUM006's five
  digits, PUN001's ASCII marks, DAT's month-alone cue, the paired marks, the date starts, the lunar
  words, the Latin letters of the protected spans, the quote-nesting gate): over thousands of generated texts (the characters the route names, strings of its
  sequences whole or cut short, prose, blanks, line breaks, a character beyond the BMP) and
  random ``pos``/``endpos``, ``search`` gives the span the pattern's own search gives;
  ``routing.units_holding`` the same units as with the plain pattern.
- ``sequences`` reads each construct it accepts (classes negated or not, ``.`` with and without
  DOTALL, alternations, bounded repeats, a lookahead ending a branch) as ``re`` does: the first
  place ``plain_find`` gives is where the pattern's first match starts, on every text; with
  the constructs it reads in part (assertions left out, an unbounded repeat, ``\\d`` or an atomic
  group ending the sequence) every place a match starts is one it finds.
- The compiled finder answers what ``plain_find`` answers in each str kind (Latin-1, BMP, wider).
- Patterns it cannot read exactly raise ValueError; a class beyond the BMP builds no finder.
Caught when tried (not committed): the C loop reading a sequence's last character past endpos;
kind 0 left out of the negated classes; a lookahead's characters dropped from its sequence; a
repeat read one time short.
"""
from __future__ import annotations

import random
import re
import sys

import pytest
from support import joined_document

from gongwen import api
from gongwen.analysis import class_routes, dates, pairs, routing
from gongwen.analysis import text as text_analysis
from gongwen.analysis.class_routes import ClassRoute, class_route, compiled_finder, plain_find, sequences
from gongwen.document import Document
from gongwen.rules import dates as date_rules
from gongwen.rules import numbers, punctuation
from gongwen.rules import pairs as pair_rules

_NUM004 = next(r for r in api.make_linter(None, select=["NUM004"]).rules if r.code == "NUM004")
ROUTES = {
    "MAY_HOLD_DATE": dates.MAY_HOLD_DATE,
    "bare year": date_rules._BARE_YEAR_ROUTE,
    "compact date": date_rules._COMPACT_DATE_ROUTE,
    "NUM004 before word": _NUM004._before_word,
    "NUM006 five digits": numbers._FIVE_DIGITS_HELD,
    "PUN001 ASCII marks": punctuation._ASCII_MARK,
    "DAT month alone cue": date_rules._MONTH_ALONE_CUE,
    "paired marks": pairs.PAIRED_MARK,
    "date starts": dates._DATE_START,
    "lunar words": dates._LUNAR_BEFORE,
    "Latin letters": text_analysis._LATIN,
    "nesting gate": pair_rules._NESTING_GATE,
}
PROSE = "推进工作，完善制度。年月日号近约超过不到二〇二四十正腊冬百分之 率为、1２3.-/"
OTHER = " \t\u3000\xa0\n\r𠀀a" + PROSE
BUILT = class_routes._class_routes is not None


def _named(route: ClassRoute) -> str:
    """The characters the route's classes name (a large class sampled)."""
    chars = sorted({c for seq in sequences(route.regex) for cls in seq for c in cls.chars})
    return "".join(map(chr, chars[:200]))


def _texts(seed: str, focus: str, count: int, longest: int = 30, pattern=None) -> list[str]:
    """Random texts of ``focus`` and OTHER characters; with ``pattern``, also strings of its
    sequences put in whole or cut short by a character (near misses)."""
    rnd = random.Random(seed)
    found = sequences(pattern) if pattern is not None else []
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(0, longest)):
            if found and rnd.random() < 0.1:
                instance = _instance(rnd.choice(found), rnd)
                parts.append(instance[:-1] if rnd.random() < 0.3 else instance)
            else:
                parts.append(rnd.choice(focus if rnd.random() < 0.75 else OTHER))
        texts.append("".join(parts))
    return texts


def _instance(seq, rnd: random.Random) -> str:
    """A string the sequence of classes matches."""
    out = []
    for cls in seq:
        pool = [ch for ch in OTHER + "".join(map(chr, sorted(cls.chars)[:200])) if cls.holds(ch)]
        out.append(rnd.choice(pool))
    return "".join(out)


def _span(m: "re.Match[str] | None"):
    return None if m is None else m.span()


def test_the_routes_are_class_routes():
    assert all(isinstance(route, ClassRoute) for route in ROUTES.values())
    assert isinstance(numbers.DoubleApproximation()._before_word, ClassRoute)


@pytest.mark.parametrize("name", ROUTES)
def test_search_finds_what_the_pattern_finds(name):
    route = ROUTES[name]
    rnd = random.Random(name)
    found = 0
    for text in _texts(name, _named(route), 5000, pattern=route.regex):
        pos, endpos = rnd.randint(-2, len(text) + 1), rnd.choice((sys.maxsize, rnd.randint(-1, len(text) + 2)))
        expected = route.regex.search(text, pos, endpos)
        assert _span(route.search(text, pos, endpos)) == _span(expected), (text, pos, endpos)
        assert _span(route.search(text)) == _span(route.regex.search(text)), text
        found += expected is not None
    assert found > 200  # the texts do reach the route


@pytest.mark.parametrize("name", ROUTES)
def test_units_holding_gives_the_plain_patterns_units(name):
    route = ROUTES[name]
    rnd = random.Random(name + "units")
    pieces = _texts(name + "pieces", _named(route), 3000, longest=8, pattern=route.regex)
    for _ in range(800):
        doc = joined_document(rnd, rnd.sample(pieces, rnd.randint(1, 6)))
        assert [u.start for u in routing.units_holding(doc, route)] == \
            [u.start for u in routing.units_holding(doc, route.regex)], doc.text


# Each construct sequences() reads, with the characters its texts are drawn from.
CONSTRUCTS = [
    (re.compile("ab"), "abc"),
    (re.compile("[a-c][^b]"), "abcd\n"),
    (re.compile("[^a-c]x"), "abcx\n"),
    (re.compile("a.b"), "ab\nc"),
    (re.compile("a.b", re.DOTALL), "ab\nc"),
    (re.compile("a(?:b|cd)e|f"), "abcdef"),
    (re.compile("x[0-9]{2}y"), "x0123y"),
    (re.compile("x[0-9]{1,3}?y"), "x0123y"),
    (re.compile("x\n?[0-9]"), "x\n01"),
    (re.compile("1(?=9[0-9]{2}(?:[0-9]|年[0-9]{2}))|2(?=0[./-][0-9])"), "1902年./-"),
    (re.compile("(a)(?=b|c)"), "abc"),
    (re.compile("(?:ab){2}c"), "abc"),
    (re.compile("[^年]"), "年a"),
]


@pytest.mark.parametrize(("pattern", "alphabet"), CONSTRUCTS, ids=[p.pattern for p, _ in CONSTRUCTS])
def test_sequences_read_each_construct_as_re_does(pattern, alphabet):
    found = sequences(pattern)
    finder = compiled_finder(found)
    route = class_route(pattern)
    for text in _texts(pattern.pattern, alphabet, 3000, longest=10, pattern=pattern):
        first = pattern.search(text)
        assert plain_find(found, text) == (-1 if first is None else first.start()), text
        if finder is not None:
            assert finder.find(text) == plain_find(found, text), text
        assert _span(route.search(text)) == _span(first), text


# Constructs read only in part (an assertion left out, a sequence ended early): a match starts
# only where a sequence matches, and the route finds what the pattern finds.
PARTLY_READ = [
    (re.compile("(?<=a)b"), "ab"),
    (re.compile("(?<![0-9])[0-9](?=年)"), "12年a"),
    (re.compile("^a|b$"), "ab\n"),
    (re.compile("(?!ab)[a-c]c"), "abc"),
    (re.compile(r"\bab"), "ab "),
    (re.compile("a(?=b)c|x(?=y)"), "abcxy"),
    (re.compile("a+b"), "ab"),
    (re.compile("xa?+b"), "xab"),
    (re.compile("x[0-9]*y|z"), "xy0z"),
    (re.compile("“[^”]*“|〈"), "“”〈a"),
    (re.compile(r"[a-c][\d]b"), "ab1"),
    (re.compile(r"(a)b\1"), "ab"),
    (re.compile("c|x(?>a)b"), "abcx"),
    (re.compile("(?:a(?=b)|d)c"), "abcd"),  # one branch ended, the other goes on
    (re.compile("(?:a+|d)c"), "acd"),
]


@pytest.mark.parametrize(("pattern", "alphabet"), PARTLY_READ, ids=[p.pattern for p, _ in PARTLY_READ])
def test_sequences_read_in_part_hold_every_match_start(pattern, alphabet):
    found = sequences(pattern)
    finder = compiled_finder(found)
    route = class_route(pattern)
    starts = 0
    for text in _texts(pattern.pattern, alphabet, 3000, longest=10, pattern=pattern):
        for p in range(len(text) + 1):
            if pattern.match(text, p) is not None:
                assert plain_find(found, text, p, p + 32) == p, (text, p)
                starts += 1
        if finder is not None:
            assert finder.find(text) == plain_find(found, text), text
        assert _span(route.search(text)) == _span(pattern.search(text)), text
    assert starts > 300


@pytest.mark.parametrize("source", [r"\da", "a*b", "(?i)ab", "a|", "(?>a)b", "(?<=a)", "x?"])
def test_patterns_not_of_classes_are_refused(source):
    with pytest.raises(ValueError):
        sequences(re.compile(source))


def test_a_class_beyond_the_bmp_builds_no_finder():
    assert compiled_finder(sequences(re.compile("[𠀀a]b"))) is None
    route = class_route(re.compile("[𠀀a]b"))
    assert _span(route.search("x𠀀b")) == (1, 3)


@pytest.mark.skipif(not BUILT, reason="the compiled finder is not built")
@pytest.mark.parametrize("kind", ["latin1", "bmp", "wide"])
def test_compiled_finder_answers_what_plain_find_answers(kind):
    found = sequences(re.compile("[0-9a年](?=[月年é]|[0-9]{2}[^x])|[^0-9a-z年月\n]b"))
    finder = compiled_finder(found)
    alphabet = {"latin1": "0129abxé\nz", "bmp": "0129abx年月é\nz", "wide": "0129abx年月é\n𠀀z"}[kind]
    rnd = random.Random(kind)
    for text in _texts(kind, alphabet, 8000, longest=12):
        if kind == "wide" and "𠀀" not in text:
            text += "𠀀"
        pos, endpos = rnd.randint(-2, len(text) + 1), rnd.randint(-1, len(text) + 2)
        assert finder.find(text, pos, endpos) == plain_find(found, text, pos, endpos), (text, pos, endpos)
        assert finder.find(text) == plain_find(found, text), text


@pytest.mark.skipif(not BUILT, reason="the compiled finder is not built")
def test_document_routes_unchanged_on_the_routes_documents():
    # the date route read with its finder and without it over whole documents of dated lines
    text = "2024年1月7日\n于2025.1.2召开\n一九九八年十月\n近5年约20人\n2024\n年\n"
    doc, plain = Document(path="a.txt", text=text), Document(path="b.txt", text=text)
    for route in ROUTES.values():
        assert [u.start for u in routing.units_holding(doc, route)] == \
            [u.start for u in routing.units_holding(plain, route.regex)]


def test_a_route_used_pickles_and_copies_as_its_pattern():
    import copy
    import pickle

    route = class_route(re.compile("[0-9](?=年)"))
    assert route.search("2024年").start() == 3  # its finder built
    for again in (pickle.loads(pickle.dumps(route)), copy.deepcopy(route), copy.copy(route)):
        assert isinstance(again, ClassRoute) and again.regex.pattern == route.regex.pattern
        assert again.search("于2025年").start() == 4 and again.pattern == "[0-9](?=年)"


def test_without_the_extension_a_route_is_searched_with_re(monkeypatch):
    monkeypatch.setattr(class_routes, "_class_routes", None)
    route = class_route(dates.MAY_HOLD_DATE.regex)
    for text in _texts("no extension", _named(route), 500, pattern=route.regex):
        assert _span(route.search(text)) == _span(route.regex.search(text)), text
    assert route._finder is None
