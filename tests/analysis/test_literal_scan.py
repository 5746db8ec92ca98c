"""The shared pass's compiled scan (``_literal_scan.c``) hands every matcher what the reference
(ahocorasick_rs and Python's routing, ``SharedScan.routed``) does: the same hits in the same
order, on texts dense in keys.

- the built-in matchers over texts of their keys, pieces of keys and keys run together;
- small random key sets over a small alphabet, where keys hold each other at every place
  (prefixes, suffixes, the middle: the failure and output links), shared by several matchers
  and held twice by one, with characters beyond the BMP and a lone surrogate in the text;
- the fuzzy matchers' hits sifted in the scan (``_fuzzy_sift.h``): what ``_fuzzy_sift.sift``
  makes of the reference's hits, over texts of slipped protected strings and names.
"""
from __future__ import annotations

import random

from support import compiled_or_skip, dense_in_keys, slipped

from gongwen import api
from gongwen.analysis import shared_scan
from gongwen.analysis.fuzzy import LONG
from gongwen.analysis.shared_scan import Keys, SharedScan, own_matches

_literal_scan = compiled_or_skip("_literal_scan")

ALPHABET = "甲乙丙丁a𠀀"


def _builtin_matchers():
    linter = api.make_linter({"select": ["ALL"], "preview": True})
    return list({id(m): m for rule in linter.rules for m in rule.shared_matchers()}.values())


def _dense(rnd: random.Random, keys: list[str], filler: str) -> str:
    return dense_in_keys(rnd, keys, filler, pieces=14)


def _small_scans(rnd: random.Random) -> SharedScan:
    """Two to four matchers over random keys of a small alphabet; one holds a key twice."""
    matchers = []
    for _ in range(rnd.randint(2, 4)):
        keys = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 8))]
        if rnd.random() < 0.3:
            keys.append(rnd.choice(keys))
        matchers.append(Keys(keys))
    return SharedScan(matchers)


def test_the_built_in_matchers_get_the_reference_hits():
    matchers = _builtin_matchers()
    scan = SharedScan(matchers)
    assert scan._scanner is not None
    rnd = random.Random("literal-builtin")
    keys = scan.keys
    differ = hits = 0
    for _ in range(2_000):
        text = _dense(rnd, keys, "的和在了是，。、中国人民政府工作报告年月日0123１２《》“”\n\ud800𠀀")
        reference = scan.routed(text)
        differ += scan.split(text) != reference
        hits += sum(map(len, reference))
    assert differ == 0 and hits > 10_000


def test_keys_inside_keys_get_the_reference_hits():
    rnd = random.Random("literal-small")
    differ = hits = 0
    for _ in range(3_000):
        scan = _small_scans(rnd)
        assert scan._scanner is not None
        for _ in range(3):
            text = _dense(rnd, scan.keys, ALPHABET + "\ud800")
            reference = scan.routed(text)
            differ += scan.split(text) != reference
            hits += sum(map(len, reference))
    assert differ == 0 and hits > 50_000


def test_keys_the_automaton_reads_otherwise_take_the_reference():
    """A key with NUL or a lone surrogate (which the reference's text reads as NUL): the
    compiled scan is not built, and the reference runs."""
    assert SharedScan([Keys(["甲\0"])])._scanner is None
    assert SharedScan([Keys(["甲\ud800"])])._scanner is None
    assert SharedScan([Keys([])])._scanner is None


def test_without_the_extension_the_reference_runs(monkeypatch):
    monkeypatch.setattr(shared_scan, "_literal_scan", None)
    scan = SharedScan([Keys(["甲乙", "乙"]), Keys(["乙"])])
    assert scan._scanner is None
    assert scan.split("甲乙乙") == [[(0, 0, 2), (1, 1, 2), (1, 2, 3)], [(0, 1, 2), (0, 2, 3)]]


def _slipped_texts(rnd: random.Random, matchers, count: int) -> list[str]:
    """Protected strings and names as written, with one slip or two, halved, run together and
    among filler of their own characters, in the three str kinds and with a lone surrogate."""
    patterns = [p.text for m in matchers for p in m.patterns]
    numerals = matchers[0].numerals
    own = "".join(sorted({ch for p in patterns for ch in p if ch != "#"}))
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 5)):
            parts.append("".join(rnd.choice(own + "，的\n") for _ in range(rnd.choice((0, 0, 1, 2, 5)))))
            near = slipped(rnd, rnd.choice(patterns), own, numerals)
            if rnd.random() < 0.3:
                near = slipped(rnd, near, own, numerals) if len(near) > 1 else near
            if rnd.random() < 0.2:
                cut = rnd.randrange(len(near) + 1)
                near = near[:cut] if rnd.random() < 0.5 else near[cut:]
            parts.append(near)
        parts.append(rnd.choice(("", "a", "0", "𠀀", "\ud800")))
        texts.append("".join(parts))
    return texts


def test_the_fuzzy_matchers_get_their_hits_sifted_as_the_compiled_sift_does():
    """Each fuzzy matcher's slot holds _fuzzy_sift.sift of the hits its own automaton finds,
    exactly (the same exact spans and places, in the same order), with the built-in matchers
    beside it sharing keys with it."""
    _fuzzy_sift = compiled_or_skip("_fuzzy_sift")
    matchers = _builtin_matchers()
    scan = SharedScan(matchers)
    sifting = [(slot, m) for slot, m in enumerate(matchers) if hasattr(m, "sift_table")]
    assert scan._scanner is not None and len(sifting) == 2
    rnd = random.Random("literal-sifted")
    differ = exact = tries = 0
    for text in _slipped_texts(rnd, [m for _, m in sifting], 5_000):
        split = scan.split(text)
        for slot, m in sifting:
            alone = _fuzzy_sift.sift(text, own_matches(m, text), m.sites, m.keys, LONG, m.numerals)
            differ += split[slot] != alone
            exact += len(alone[0])
            tries += len(alone[1])
    assert differ == 0 and exact > 5_000 and tries > 8_000


def test_line_heads_are_the_python_ones(monkeypatch):
    """A generated file's keys read in C (``line_heads``) are what the line-by-line Python reads:
    on random lines (comments, empty lines, lines without a tab, no final line break) and on
    TYP022's anchors' file."""
    from gongwen.analysis import lexicon

    rnd = random.Random("line-heads")
    pieces = ["甲", "a", "𠀀", "\t", "\n", "#", " ", "乙丙"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(30))).encode() for _ in range(2_000)]
    texts.append(lexicon.binary("name_gap_anchors.txt"))
    compiled = [shared_scan.line_heads(data) for data in texts]
    monkeypatch.setattr(shared_scan, "_literal_scan", None)
    assert compiled == [shared_scan.line_heads(data) for data in texts]
    assert len(compiled[-1]) > 6_000
