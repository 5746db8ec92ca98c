"""The compiled trigger scan (gongwen.analysis._trigger_scan) wakes exactly the rules the plain
path wakes: the ``re`` scan of the trigger characters, ``in`` for the commonest marks and a
search per Adjacent pair (gongwen.triggers.TriggerIndex)."""
from __future__ import annotations

import random

import pytest

from gongwen import triggers
from gongwen.triggers import Adjacent, TriggerIndex

pytestmark = pytest.mark.skipif(triggers._trigger_scan is None, reason="_trigger_scan is not built")

# What a class may name: marks the plain path looks for apart (triggers._COMMON), blanks,
# digits, Han characters, a Latin-1 letter, a line break. Texts hold these and a character
# beyond the BMP (a str of the widest kind), another line break and a letter no class names.
NAMED = "，。、”）)？！ \u3000\t12０十百千万零〇率第《“é\n"
ALPHABET = NAMED + "\U00020000\rx"


def _random_rules(rnd: random.Random) -> list[type]:
    rules = []
    for i in range(rnd.randint(1, 10)):
        chars = "".join(rnd.sample(NAMED, rnd.randint(0, 3)))
        pairs = tuple(Adjacent("".join(rnd.sample(NAMED, rnd.randint(1, 4))),
                               "".join(rnd.sample(NAMED, rnd.randint(1, 4))),
                               first_other=rnd.random() < 0.3)
                      for _ in range(rnd.choice((0, 0, 1, 2))))
        rules.append(type(f"R{i}", (), {"triggers": chars, "trigger_patterns": pairs}))
    return rules


def _first_difference(seed: str, indexes: int = 300, texts: int = 40) -> tuple | None:
    """A (rules, text) whose compiled plan differs from the plain one, over random rule sets
    (trigger characters and pairs, a third of them of any character but some before another)
    and random texts of every str kind."""
    rnd = random.Random(seed)
    for _ in range(indexes):
        rules = _random_rules(rnd)
        index = TriggerIndex([(r,) for r in rules])
        scanner = index._scanner
        assert scanner is not None
        for _ in range(texts):
            text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 12)))
            woken = rnd.getrandbits(len(rules)) if rnd.random() < 0.2 else 0
            compiled = index.plan(text, woken)
            index._scanner = None
            plain = index.plan(text, woken)
            index._scanner = scanner
            if compiled != plain:
                return rules, text
    return None


def test_the_compiled_scan_wakes_what_the_plain_path_wakes():
    """12,000 texts over 300 random rule sets."""
    assert _first_difference("scan") is None


def test_the_plain_path_wakes_what_the_pair_asks():
    """The reference itself: a pair wakes a unit exactly where a character of the first set (or,
    with first_other, any other character) stands right before one of the second."""
    rnd = random.Random("pairs")
    for _ in range(3_000):
        pair = Adjacent("".join(rnd.sample(NAMED, 3)), "".join(rnd.sample(NAMED, 3)),
                        first_other=rnd.random() < 0.5)
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 10)))
        plain = any(pair.opens(a) and b in pair.second for a, b in zip(text, text[1:]))
        assert (pair.search(text) is not None) == plain, (pair, text)


def _scanner_built_with(monkeypatch, wrong) -> None:
    """Every TriggerIndex's scanner built from its pairs as ``wrong`` changes them (the plain
    path keeps the true pairs)."""
    original = TriggerIndex._compiled_scanner

    def built(self):
        keep = self._adjacent
        self._adjacent = [(wrong(pair), bits) for pair, bits in keep]
        try:
            return original(self)
        finally:
            self._adjacent = keep

    monkeypatch.setattr(TriggerIndex, "_compiled_scanner", built)


def test_a_scan_built_without_the_other_characters_pairs_is_caught(monkeypatch):
    """A scanner that forgets that a first_other pair opens after any character it does not
    name (kind 0) misses units; the comparison above says so."""
    _scanner_built_with(monkeypatch, lambda p: Adjacent(p.first, p.second) if p.first_other else p)
    assert _first_difference("scan") is not None


def test_a_scan_that_reads_a_pair_backwards_is_caught(monkeypatch):
    """Pairs with their sets swapped in the scanner (the order of the two characters lost)."""
    _scanner_built_with(monkeypatch, lambda p: p if p.first_other else Adjacent(p.second, p.first))
    assert _first_difference("scan") is not None


def test_classes_beyond_what_the_scanner_holds_run_the_plain_path():
    """More than 64 classes: no scanner, the same plans."""
    rules = [type(f"R{i}", (), {"triggers": chr(0x4E00 + i), "trigger_patterns": ()}) for i in range(70)]
    index = TriggerIndex([(r,) for r in rules])
    assert index._scanner is None
    assert index.plan(chr(0x4E00 + 65) + "x") == [(rules[65],)]


def test_a_character_beyond_the_bmp_in_a_class_runs_the_plain_path():
    rule = type("R", (), {"triggers": "\U00020000", "trigger_patterns": (Adjacent("1", "2"),)})
    index = TriggerIndex([(rule,)])
    assert index._scanner is None
    assert index.plan("a\U00020000") == [(rule,)] and index.plan("12") == [(rule,)] and index.plan("21") == []


def test_the_range_gap_spaces_are_every_space_the_pattern_reads():
    """NUM005's pair names the characters ``\\s`` matches before a range mark: every one that
    stdlib re or regex reads as a space, and its marks are _RANGE_SEP's."""
    import re

    import regex

    from gongwen.rules.numbers import _RANGE_SEP, RANGE_GAP_SPACES, RANGE_MARKS

    spaces = {chr(c) for c in range(0x110000) if re.match(r"\s", chr(c)) or regex.match(r"\s", chr(c))}
    assert spaces == set(RANGE_GAP_SPACES)
    assert {ch for ch in map(chr, range(0x10000)) if _RANGE_SEP.fullmatch(ch)} == set(RANGE_MARKS)
