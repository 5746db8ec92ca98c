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
- ``finditer`` and ``findall`` give the pattern's matches (spans, groups) and strings, every
  route and construct, in each str kind (Latin-1, BMP, wider), zero-width matches included: the
  numeral runs and the percent signs' runs go through them.
- The compiled finder answers what ``plain_find`` answers in each str kind (Latin-1, BMP, wider),
  with its vector test of ranges (texts long enough for blocks of 8 and 16 characters, openers at
  the ends of ranges, a range across the Latin-1 limit, ranges that let through characters that
  open nothing) and without; the ranges hold every opening character.
- Patterns it cannot read exactly raise ValueError; a class beyond the BMP builds no finder.
Caught when tried (not committed): the C loop reading a sequence's last character past endpos;
kind 0 left out of the negated classes; a lookahead's characters dropped from its sequence; a
repeat read one time short; (round 18) each vector range one character short at its end; a
block of the two-byte loop read 8 characters on but tested as 7; finditer searching on one
character after the finder's place.
"""
from __future__ import annotations

import random
import re
import sys

import pytest
from support import joined_document

from gongwen import api
from gongwen.analysis import class_routes, dates, numerals, pairs, routing
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
    "numeral runs": numerals._RUNS,
}
PROSE = "推进工作，完善制度。年月日号近约超过不到二〇二四十正腊冬百分之 率为、1２3.-/"
OTHER = " \t\u3000\xa0\n\r𠀀a" + PROSE
BUILT = class_routes._class_routes is not None
KINDS = ("latin1", "bmp", "wide")


def _of_kind(text: str, kind: str) -> str:
    """The text made a str of one kind: its Latin-1 characters, its BMP ones, or with a character
    beyond the BMP."""
    if kind == "latin1":
        return "".join(ch for ch in text if ord(ch) < 0x100)
    if kind == "bmp":
        return "".join(ch for ch in text if ord(ch) < 0x10000)
    return text if max(text, default="a") > "\uffff" else text + "𠀀"


def _matches(found) -> list:
    return [(m.span(), m.groups(), m.lastindex) for m in found]


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


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ROUTES)
def test_finditer_and_findall_give_what_the_pattern_gives(name, kind):
    route = ROUTES[name]
    rnd = random.Random(name + kind)
    found = 0
    for text in _texts(name + kind, _named(route), 3000, longest=60, pattern=route.regex):
        text = _of_kind(text, kind)
        pos, endpos = rnd.randint(-2, len(text) + 1), rnd.choice((sys.maxsize, rnd.randint(-1, len(text) + 2)))
        expected = _matches(route.regex.finditer(text, pos, endpos))
        assert _matches(route.finditer(text, pos, endpos)) == expected, (text, pos, endpos)
        assert route.findall(text, pos, endpos) == route.regex.findall(text, pos, endpos), (text, pos, endpos)
        assert _matches(route.finditer(text)) == _matches(route.regex.finditer(text)), text
        found += len(expected)
    assert found > 500 or kind == "latin1"  # (most routes name Chinese characters)


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
        assert _matches(route.finditer(text)) == _matches(pattern.finditer(text)), text
        assert route.findall(text) == pattern.findall(text), text


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
    (re.compile("(?=[ab])|c"), "abcd"),  # empty matches and not: re's finditer goes on after each
    (re.compile("(a)(?=b)|(c)"), "abc"),  # findall's tuples, a group that took no part
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
        assert _matches(route.finditer(text)) == _matches(pattern.finditer(text)), text
        assert route.findall(text) == pattern.findall(text), text
    assert starts > 300


@pytest.mark.parametrize("source", [r"\da", "a*b", "(?i)ab", "a|", "(?>a)b", "(?<=a)", "x?"])
def test_patterns_not_of_classes_are_refused(source):
    with pytest.raises(ValueError):
        sequences(re.compile(source))


def test_a_class_beyond_the_bmp_builds_no_finder():
    assert compiled_finder(sequences(re.compile("[𠀀a]b"))) is None
    route = class_route(re.compile("[𠀀a]b"))
    assert _span(route.search("x𠀀b")) == (1, 3)


# Patterns whose opening characters the vector test's ranges hold, or not (a negated first class,
# openers spread over the CJK block), with the characters their texts are drawn from.
FINDERS = {
    "ranges": ("[a-c](?=x)|[0-9]年|（[^）]|é|[þ-ā]z", "abcdx09年（）éþÿĀāz\n𠀀", True),
    "ranges letting through": ("[acegikmoqsuwy][0-9]", "abcdefgyz01 ", True),
    "negated first class": ("[0-9a年](?=[月年é]|[0-9]{2}[^x])|[^0-9a-z年月\n]b", "0129abx年月é\nz𠀀", False),
    "spread": ("[一乙丁七万丈三上下不与丐丑专且丕世丘丙业丛东丝丞丢两严丧个中丰串临丸丹为主丽举乃久么义之乌乍乎乏乐乒乓乔乖乘乙九乞也习乡书买乱乳乾了予争事二于亏云互五井亚些亡交亥亦产亨享京亭亮亲人亿什仁仅仆仇今介仍从仑仓仔他仗付仙代令以仪们仰仲件价任份仿企伊伍伏伐休众优伙会伞伟传伤伦伪伯估伴伸似但位低住佐佑体何余佛作你佩佳使例供依侠侣侥侦侧侨侮侯侵便促俄俊俏俗保信修俱俺倍倒候倚借倦债值倾假偏做停健偶偷]x|龙", "一乙丁七x龙人亿 ", False),
}


@pytest.mark.skipif(not BUILT, reason="the compiled finder is not built")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", FINDERS)
def test_finder_with_and_without_ranges_answers_what_plain_find_answers(name, kind):
    source, alphabet, ranged = FINDERS[name]
    found = sequences(re.compile(source))
    finder = compiled_finder(found)
    assert bool(class_routes._class_routes.vector_ranges(finder)) == ranged
    rnd = random.Random(name + kind)
    for text in _texts(name + kind, alphabet, 4000, longest=80):
        text = _of_kind(text, kind)
        pos, endpos = rnd.randint(-2, len(text) + 1), rnd.randint(-1, len(text) + 2)
        assert finder.find(text, pos, endpos) == plain_find(found, text, pos, endpos), (text, pos, endpos)
        assert finder.find(text) == plain_find(found, text), text


@pytest.mark.skipif(not BUILT, reason="the compiled finder is not built")
@pytest.mark.parametrize("name", [*ROUTES, *FINDERS])
def test_the_vector_ranges_hold_every_opening_character(name):
    pattern = ROUTES[name].regex if name in ROUTES else re.compile(FINDERS[name][0])
    found = sequences(pattern)
    ranges = class_routes._class_routes.vector_ranges(compiled_finder(found))
    if any(seq[0].negated for seq in found):
        assert ranges == []  # kind 0 opens one: nearly every character does
        return
    openers = set().union(*(seq[0].chars for seq in found))
    if ranges:
        assert len(ranges) <= 8 and all(a <= b for a, b in ranges)
        assert all(any(a <= c <= b for a, b in ranges) for c in openers)
        assert sum(b - a + 1 for a, b in ranges) - len(openers) <= 256


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
