"""Derive ``name_gap_anchors.txt``: for each string of ``name_gaps.txt``, the three characters
of it that reports write least, the anchor TYP022's scan looks for; each line is an anchor, then
the strings it anchors, each with its whole name (TYP022 reads this file, not name_gaps.txt:
one file to read, a line's strings split only when the anchor is found).

Every occurrence of a listed string holds each of its substrings at a fixed place, so a scan
for one of them finds every occurrence the scan for the whole strings would, and only where it
finds one is the whole string compared. Keyed by their first characters, the 8,637 strings sent
the document's shared literal pass down 200,000 prefixes per 400 files of the speed corpus
(县市, 国务, 人民 …) and doubled its work; keyed by their rarest three characters, counted over
the reports of the clean corpus's tuning half (a gap makes a triple official writing never
writes, 场监管 of 县市场监管理局), they meet 2,400 candidates there, hardly more than the 1,930
occurrences of the strings themselves (a formulation less its first character is found inside
every whole one). What a triple costs is counted, not only how rare it is: a pass steps down
at every character that begins a key, so an anchor is taken where it can begin with a character
the default rules' keys or other anchors begin with already, or a rare one (``anchor``): the
pass then steps down at 420,000 characters more instead of 650,000 (400 speed-corpus files),
for 4,900 candidates instead of 2,400.

Run after ``name_gaps.txt`` changes (about ten seconds):
``.venv/bin/python rules/data/build_name_gap_anchors.py ../shared/corpus``
"""
from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Iterable

from build_sources import texts
from gongwen.rules.name_gap_scan import name_gaps

HERE = Path(__file__).parent
OUTPUT = "name_gap_anchors.txt"
ANCHOR = 3  # the strings have three characters or more (test_lexicon's record shape)
# A candidate (the anchor written, the string not) costs the pass an emitted hit and a compare in
# Python, some 20 times a step down and back at a character that begins a key.
TRIPLE_WEIGHT = 20


def anchor(key: str, counts: tuple[Counter, Counter, Counter], begun: Begun) -> str:
    """The triple of ``key`` that costs the shared pass least: ``TRIPLE_WEIGHT`` for each time
    the reports write it (a candidate compared in Python), and for each time they write its
    first two characters unless the pass stops there already (``begun``: the pass steps down
    only where a key's first two characters stand, or a key of one character: _literal_scan.c's
    pair screen); then the first."""
    _, pairs, triples = counts
    return key[min(range(len(key) - ANCHOR + 1),
                   key=lambda i: ((0 if begun.stops(key[i:i + 2]) else pairs[key[i:i + 2]])
                                  + TRIPLE_WEIGHT * triples[key[i:i + ANCHOR]], i))
               :][:ANCHOR]


class Begun:
    """Where the pass stops already: the first two characters of longer keys, and the keys of
    one character (any pair beginning with one)."""

    def __init__(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self.pairs = {key[:2] for key in keys if len(key) > 1}
        self.ones = {key for key in keys if len(key) == 1}

    def stops(self, pair: str) -> bool:
        return pair in self.pairs or pair[0] in self.ones


def anchors(keys: list[str], counts: tuple[Counter, Counter, Counter]) -> dict[str, str]:
    """Each key's anchor: chosen once with the default rules' keys as where the pass stops,
    then again with the first pass's anchors too."""
    defaults = default_keys()
    chosen = {key: anchor(key, counts, Begun(defaults)) for key in keys}
    begun = Begun([*defaults, *chosen.values()])
    return {key: anchor(key, counts, begun) for key in keys}


def default_keys() -> set[str]:
    """The default rules' keys in the shared literal pass."""
    from gongwen import api

    linter = api.make_linter({})
    return {key for rule in linter.rules for matcher in rule.shared_matchers() for key in matcher.keys}


def counts(reports: list[str]) -> tuple[Counter, Counter, Counter]:
    """The characters, pairs and triples of characters the reports write, with their counts."""
    grams = Counter(), Counter(), Counter()
    for text in reports:
        for n, counted in enumerate(grams, 1):
            counted.update(text[i:i + n] for i in range(len(text) - n + 1))
    return grams


def output(rows: list[tuple[str, str, str]], n_files: int) -> str:
    today = date.today().isoformat()
    lines = [
        "# The strings of name_gaps.txt by their anchor, the three characters of each that reports write",
        "# least, where TYP022's scan looks for it: <anchor>(\\t<the string>\\t<the whole name>)+.",
        "# used by: TYP022",
        "# source: counted by build_name_gap_anchors.py over the tuning half of shared/corpus/clean"
        " (build_sources.py), from name_gaps.txt; status own",
        f"# checked: {today}",
        f"# Generated by build_name_gap_anchors.py on {today} from {n_files} files; do not edit.",
    ]
    by_anchor: dict[str, list[str]] = {}
    for key, whole, found in rows:
        by_anchor.setdefault(found, []).extend((key, whole))
    lines += ["\t".join([found, *strings]) for found, strings in sorted(by_anchor.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    reports = texts(Path(argv[0]), ("clean",))
    gaps = list(name_gaps().items())
    chosen = anchors([key for key, _ in gaps], counts(reports))
    rows = [(key, whole, chosen[key]) for key, whole in gaps]
    (HERE / OUTPUT).write_text(output(rows, len(reports)), encoding="utf-8")
    print(f"{len(rows)} strings, {len({a for _, _, a in rows})} anchors, from {len(reports)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
