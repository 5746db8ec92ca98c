"""The shared pass's compiled scan (``_literal_scan.c``) hands every matcher what the reference
(ahocorasick_rs and Python's routing, ``SharedScan.routed``) does: the same hits in the same
order, on texts dense in keys.

- the built-in matchers over texts of their keys, pieces of keys and keys run together;
- small random key sets over a small alphabet, where keys hold each other at every place
  (prefixes, suffixes, the middle: the failure and output links), shared by several matchers
  and held twice by one, with characters beyond the BMP and a lone surrogate in the text.
"""
from __future__ import annotations

import random

from support import compiled_or_skip, dense_in_keys

from gongwen import api
from gongwen.analysis import shared_scan
from gongwen.analysis.shared_scan import Keys, SharedScan

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
