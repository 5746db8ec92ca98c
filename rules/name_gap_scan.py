"""Where TYP022's listed strings (``data/name_gaps.txt``: names less one character) occur in a
document, found through their anchors: each string's three characters that reports write least
(``data/name_gap_anchors.txt``, ``data/build_name_gap_anchors.py``).

The strings themselves as keys of the document's shared literal pass sent it down a prefix at
every 县市, 国务, 人民 of ordinary text and doubled the pass's work for every other rule that
shares it (round 20: 65.8 M -> 108.6 M instructions over 400 files). An occurrence of a string
holds its anchor at a fixed place, so the anchors' hits, each compared with the strings it
anchors, give exactly every occurrence the strings' own scan gives (tests/test_name_gap_scan.py
compares the two over random texts), from a few candidates more than there are occurrences.

The anchors' file holds the strings and their whole names too, one line per anchor sorted by
it, so that a process reads one file and decodes a line only when its anchor is found.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan
from gongwen.analysis.char_model import SortedLines

NAME_GAPS = "name_gaps.txt"
ANCHORS = "name_gap_anchors.txt"


@cache
def name_gaps() -> dict[str, str]:
    """Each listed name less one character inside it -> the whole name (the build's list; the
    rule reads the same strings from the anchors' file)."""
    return dict(line.split("\t") for line in lexicon.entry_lines(NAME_GAPS))


@cache
def _lines() -> SortedLines:
    """The anchors' lines, found in the file's bytes and decoded when their anchor is found:
    decoding and splitting the whole file (420 KB, 7,000 lines) cost 37 M instructions a
    process, half of TYP022's start-up."""
    return SortedLines(lexicon.binary(ANCHORS))


@cache
def anchor_keys() -> shared_scan.Keys:
    """The matcher TYP022 declares to the shared pass: the anchors, each line's head."""
    return shared_scan.Keys(shared_scan.line_heads(lexicon.binary(ANCHORS)))


@cache
def anchored(anchor: str) -> tuple[tuple[str, int, str, str, str], ...]:
    """(string, place of ``anchor`` in it, whole name, the whole's first character if the string
    is the whole less it, the whole's last character if the string is the whole less that) of
    each listed string ``anchor`` anchors."""
    parts = _lines().get(anchor).split("\t")
    return tuple((key, key.index(anchor), whole, whole[0] if whole[1:] == key else "",
                  whole[-1] if whole[:-1] == key else "")
                 for key, whole in zip(parts[::2], parts[1::2]))


def occurrences(text: str, anchor_hits: Iterable[tuple[int, int, int]]) -> list[tuple[str, int, int, str]]:
    """(string, start, end, whole name) of every occurrence in ``text`` of every listed string
    outside the whole name it was cut from, from the shared pass's hits of :func:`anchor_keys`
    there. A name less its first or last character is found inside every whole occurrence
    (面从严治党 in 全面从严治党, 室副主 in 室副主任: 1,904 of the 1,930 occurrences in 400 files of
    the speed corpus); those are no occurrence of the cut, and are dropped here, before any
    Python object is made of them."""
    anchors = anchor_keys().keys
    found = []
    for a, start, _ in anchor_hits:
        for key, offset, whole, before, after in anchored(anchors[a]):
            at = start - offset
            if at < 0 or not text.startswith(key, at):
                continue
            if (before and at > 0 and text[at - 1] == before) or (after and text.startswith(after, at + len(key))):
                continue  # inside the whole name
            found.append((key, at, at + len(key), whole))
    return found
