"""Generated tables of sorted lines read from their bytes: the pair counts
(gongwen.analysis.evidence.Bigrams) through a sparse index, each line decoded when first asked
about, give every answer a dict of all the lines (the reader before) gives; the keys found by
one pattern (char_model.SortedLines.keys) are those of the lines split one by one."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import evidence, lexicon
from gongwen.analysis.char_model import SortedLines


def _as_dict(name: str) -> dict[str, str]:
    """The reader before: every line of the file decoded and split into a dict."""
    text = lexicon.text(name)
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def _listed(lines: dict[str, str], pair: str) -> int | None:
    raw = lines.get(pair[0])
    if raw is None:
        return None
    at = raw.find(pair[1])
    while at > 0 and raw[at - 1] != " ":
        at = raw.find(pair[1], at + 1)
    if at < 0:
        return None
    end = raw.find(" ", at)
    return int(raw[at + 1:end if end >= 0 else len(raw)])


@pytest.mark.parametrize("whole", [False, True], ids=["line-by-line", "whole"])
@pytest.mark.parametrize("name", ["official_bigrams.txt", "phrase_bigrams.txt"])
def test_every_count_is_the_whole_tables(name, whole):
    lines = _as_dict(name)
    table = evidence.Bigrams(lexicon.binary(name), whole)
    pairs = [first + item[0] for first, raw in lines.items() for item in raw.split()]
    rng = random.Random(25)
    firsts = list(lines)
    # pairs the table lacks: a listed first with any character, unlisted firsts, a digit that
    # occurs inside a count, the neighbours of listed firsts in code-point order, odd characters
    others = [rng.choice(firsts) + rng.choice("的一是在了和人这中大为上个国我以要他时来用们0123456789")
              for _ in range(3000)]
    others += [chr(ord(first) + d) + "的" for first in firsts[::7] for d in (-1, 1)]
    others += ["\n的", "\t的", "#的", "\ud800的", "的\ud800", "\U00020000的", "a的", " 的"]
    for pair in pairs + others:
        assert table.listed(pair) == _listed(lines, pair), pair
        assert table.count(pair) == (_listed(lines, pair) or 0), pair
    assert table.usual == frozenset(first + item[0] for first, raw in lines.items()
                                    for item in raw.split() if int(item[1:]) >= evidence.USUAL)


@pytest.mark.parametrize("name", ["official_words.txt", "official_trigrams.txt", "character_candidates.txt",
                                  "official_collocations.txt", "official_bigrams.txt"])
def test_the_keys_are_those_of_the_lines_split_one_by_one(name):
    lines = SortedLines(lexicon.binary(name))
    assert lines.keys() == [key for key, _ in lines.items()]


def test_keys_of_lines_written_by_hand():
    lines = SortedLines("# header\n# more\n甲\t1\n乙丙\t2\t3\n\n丁\t\n".encode())
    assert lines.keys() == [key for key, _ in lines.items()] == ["甲", "乙丙", "丁"]

