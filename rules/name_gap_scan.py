"""Where TYP022's listed strings (``data/name_gaps.txt``: names less one character) occur in a
document, found through their anchors: each string's three characters that reports write least
(``data/name_gap_anchors.txt``, ``data/build_name_gap_anchors.py``).

The strings themselves as keys of the document's shared literal pass sent it down a prefix at
every 县市, 国务, 人民 of ordinary text and doubled the pass's work for every other rule that
shares it (round 20: 65.8 M -> 108.6 M instructions over 400 files). An occurrence of a string
holds its anchor at a fixed place, so the anchors' hits, each compared with the strings it
anchors, give exactly every occurrence the strings' own scan gives (tests/test_name_gap_scan.py
compares the two over random texts), from a few candidates more than there are occurrences.

The anchors' file holds the strings and their whole names too, one line per anchor, so that a
process reads one file and splits a line's strings only when its anchor is found.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan

NAME_GAPS = "name_gaps.txt"
ANCHORS = "name_gap_anchors.txt"


@cache
def name_gaps() -> dict[str, str]:
    """Each listed name less one character inside it -> the whole name (the build's list; the
    rule reads the same strings from the anchors' file)."""
    return dict(line.split("\t") for line in lexicon.entry_lines(NAME_GAPS))


@cache
def _lines() -> dict[str, str]:
    """Each anchor -> its line's strings and whole names, not yet split."""
    return dict(line.split("\t", 1) for line in lexicon.entry_lines(ANCHORS))


@cache
def anchor_keys() -> shared_scan.Keys:
    """The matcher TYP022 declares to the shared pass: the anchors."""
    return shared_scan.Keys(list(_lines()))


@cache
def anchored(anchor: str) -> tuple[tuple[str, int, str], ...]:
    """(string, place of ``anchor`` in it, whole name) of each listed string ``anchor`` anchors."""
    parts = _lines()[anchor].split("\t")
    return tuple((key, key.index(anchor), whole) for key, whole in zip(parts[::2], parts[1::2]))


def occurrences(text: str, anchor_hits: Iterable[tuple[int, int, int]]) -> list[tuple[str, int, int, str]]:
    """(string, start, end, whole name) of every occurrence of every listed string in ``text``,
    from the shared pass's hits of :func:`anchor_keys` there: the strings' own overlapping
    scan's hits, in another order."""
    anchors = anchor_keys().keys
    found = []
    for a, start, _ in anchor_hits:
        for key, offset, whole in anchored(anchors[a]):
            at = start - offset
            if at >= 0 and text.startswith(key, at):
                found.append((key, at, at + len(key), whole))
    return found
