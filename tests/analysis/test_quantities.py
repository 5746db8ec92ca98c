"""The numeral and quantity layers' fast paths give exactly what the plain scans give.

find_numerals runs _NUMERAL only inside runs of numeral characters that a stdlib ``re`` scan finds
(and reads two kinds of run without it), and builds Numerals without the dataclass's __init__;
read_quantity looks unit and approximation words up by their first character instead of matching
the word alternations. Here each is compared with the plain version it replaced (the plain
scan, the dataclass's own __init__, the word alternations) over the fixture reports and many
random texts; a run pattern that misses a character of a numeral, or a word list that misses a
word, is shown to be caught.
"""
from __future__ import annotations

import random
from pathlib import Path

from gongwen.analysis import numerals
from gongwen.analysis.numerals import _NUMERAL, Numeral, find_numerals
from gongwen.analysis import quantities as _quantities
from gongwen.analysis.quantities import LONGEST_APPROXIMATOR, Quantity, _gates, _patterns, read_quantity

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ALPHABET = list("0123456789０１２３．.,，%％万亿十百千零〇○一二三四五六七八九两壹拾廿点之分年月日余多许约近签最人件个次元 甲a\n")
WORDS = ["百分之", "个月", "个百分点", "万元", "万人次", "件次", "左右", "以上", "接近", "签约", "约为", "3,206",
         "2.9", "１２", "1百零8", "一百08", "二〇二五", "五点五", "百分之95", "10亿零817万5288",
         "500万", "7.4万亿", "16.8", "百分之九十五点三", "百分之一百二十"]


def _plain_numerals(text: str) -> list[Numeral]:
    """find_numerals before the run scan: every _NUMERAL match over the whole text."""
    return [numerals._from_match(m, text) for m in _NUMERAL.finditer(text)]


def test_fast_construction_is_the_dataclass_init():
    """_numeral fills the slots directly; it must build what Numeral(...) builds."""
    rnd = random.Random("construct")
    for _ in range(2000):
        fields = (rnd.randint(0, 99), rnd.randint(0, 99), rnd.choice(["2", "二十", "百分之5"]),
                  rnd.choice(["arabic", "chinese", "mixed"]), rnd.choice([None, 2.0, 20.0]),
                  *(rnd.random() < 0.5 for _ in range(4)))
        built = numerals._numeral(*fields)
        assert built == Numeral(*fields) and hash(built) == hash(Numeral(*fields))
        assert repr(built) == repr(Numeral(*fields))


def _plain_quantity(text: str, numeral: Numeral) -> Quantity:
    """read_quantity before the word lookups: the alternations matched with regex."""
    p = _patterns()
    first_after, first_unit, first_after_unit, last_before = _gates()

    def at(pattern, pos):
        m = pattern.match(text, pos)
        return m.group() if m else ""

    n = len(text)
    pos = numeral.end
    after = unit = after_unit = before = ""
    if pos < n and text[pos] in first_after:
        after = at(p["after_number"], pos)
        pos += len(after)
    if pos < n and text[pos] in first_unit:
        m = p["unit"].match(text, pos)
        if m is not None:
            unit = m.group()
            pos = m.end()
            if pos < n and text[pos] in first_after_unit:
                after_unit = at(p["after_unit"], pos)
                pos += len(after_unit)
    start = numeral.start
    if start and text[start - 1] in last_before:
        lo = max(0, start - LONGEST_APPROXIMATOR)
        before_m = p["before"].search(text, lo, start)
        before = before_m.group() if before_m else ""
        if before:
            word = p["not_before"].search(text, lo, start)
            if word and word.group().endswith(before) and len(word.group()) > len(before):
                before = ""
    return Quantity(numeral, "%" if unit == "％" else unit, pos, before, after, after_unit)


def _texts() -> list[str]:
    texts = [line for path in sorted(FIXTURES.rglob("*.txt"))
             for line in path.read_bytes().decode("utf-8", "replace").splitlines()]
    rnd = random.Random("numerals")
    units = sorted(_quantities._words()["unit"])
    for _ in range(20_000):
        texts.append("".join(rnd.choice(WORDS + units) if rnd.random() < 0.2 else rnd.choice(ALPHABET)
                             for _ in range(rnd.randint(0, 30))))
    return texts


def _key(found):
    return [(repr(x), hash(x)) for x in found]


def test_numerals_are_those_of_the_plain_scan():
    for text in _texts():
        fast, plain = find_numerals(text), _plain_numerals(text)
        assert fast == plain and _key(fast) == _key(plain), text
        assert all(type(x) is Numeral for x in fast)


def test_quantities_are_those_of_the_word_patterns():
    for text in _texts():
        for n in _plain_numerals(text):
            if n.value is not None:
                fast, plain = read_quantity(text, n), _plain_quantity(text, n)
                assert fast == plain and _key([fast]) == _key([plain]), text


def test_a_run_pattern_that_misses_a_character_is_caught(monkeypatch):
    """The comparison above can fail: runs that stop at 点 split 五点五 into two numerals."""
    text = "增长五点五个百分点"
    assert find_numerals(text) == _plain_numerals(text)
    broken = numerals._RUNS.pattern.replace("点", "")
    monkeypatch.setattr(numerals, "_RUNS", numerals.re.compile(broken))
    assert find_numerals(text) != _plain_numerals(text)


def test_a_missing_unit_word_is_caught(monkeypatch):
    """The comparison above can fail: without 个月 the reader stops after 个."""
    text = "用时3个月"
    (n,) = find_numerals(text)
    assert read_quantity(text, n) == _plain_quantity(text, n)
    words = {**_quantities._words()}
    words["unit"] = tuple(w for w in words["unit"] if w != "个月")
    monkeypatch.setattr(_quantities, "_words", lambda: words)
    assert _quantities._reader.__wrapped__()(text, n) != _plain_quantity(text, n)


# numerals_in_runs_at reads the runs around given places only (NUM002 reads those of its
# mixed-numeral matches): the numerals of the stretch of numeral characters around each place.

def test_the_run_characters_are_the_run_pattern_s():
    in_class = numerals.re.compile(f"[{numerals.NUMERAL_CHARS}]")
    assert all((chr(c) in numerals._IN_CHARS) == bool(in_class.fullmatch(chr(c))) for c in range(0x10000))


def _stretch_numerals(text: str, places: list[int]) -> list[Numeral]:
    """The plain reading: every numeral inside the maximal stretch of numeral characters that
    holds one of ``places``."""
    stretches = set()
    for p in places:
        a = b = p
        while a > 0 and text[a - 1] in numerals._IN_CHARS:
            a -= 1
        while b < len(text) and text[b] in numerals._IN_CHARS:
            b += 1
        stretches.add((a, b))
    return [n for n in find_numerals(text) if any(a <= n.start and n.end <= b for a, b in stretches)]


def _places_texts():
    rnd = random.Random("runs-at")
    first = frozenset("0123456789０１２３４５６７８９" + numerals.CN_DIGITS + numerals.CN_UNITS)
    for text in _texts()[::4]:
        starts = [i for i, ch in enumerate(text) if ch in first]
        yield text, sorted(rnd.sample(starts, rnd.randint(0, len(starts))))


def test_the_numerals_of_the_runs_at_places_are_those_of_their_stretches():
    read = 0
    for text, places in _places_texts():
        found = numerals.numerals_in_runs_at(text, places)
        assert found == _stretch_numerals(text, places) and _key(found) == _key(_stretch_numerals(text, places)), text
        read += bool(found)
    assert read > 1_000


def test_a_run_read_from_its_place_is_caught(monkeypatch):
    """The comparison above can fail: a run read from the place, not from its stretch's start,
    reads 百08 of 一百08."""
    text = "一百08"
    assert numerals.numerals_in_runs_at(text, [1]) == find_numerals(text)
    monkeypatch.setattr(numerals, "_IN_CHARS", frozenset())
    assert numerals.numerals_in_runs_at(text, [1]) != find_numerals(text)
