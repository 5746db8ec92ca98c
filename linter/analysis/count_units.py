"""Slips in the unit a count is written with (TYP013): 全年共承办代表建议45减 (件), 主动公开政府
信息2316跳 (条), 新增市场主体5832夫 (户), 户籍人口52.3万仁 (人).

The character right after an Arabic number is a unit or measure word nearly always, and which
ones official writing writes there is counted (``data/after_numbers.txt``, built by
``data/build_after_numbers.py``): a unit hundreds of times, a slip for one never. So where the
character after a number is one official writing never writes there and that no list of
measure words, units and counted nouns names (``data/count_words.txt``: 12间教室, 3乡2镇 are
right however rare in the corpus), and exactly one of the characters that sound or look like
it (TYP013's candidates, ``data/character_candidates.txt``) is a unit official writing writes
after numbers ``COMMON_UNIT`` times or more, that one was meant; the character must also be
among some such unit's own candidates (the search's class: ``_route``). The character model cannot
judge this place: a lone character between a number and a punctuation mark is no run of Han
characters, and 万仁 no run with a trigram.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.char_model import candidates
from gongwen.analysis.class_routes import class_route
from gongwen.analysis.evidence import words_beginning
from gongwen.analysis.usage_words import in_use

# A count: a number that is no part of a code (no Latin letter, digit or hyphen before it:
# S22白永段, G318, WGS-84 name roads and systems), with a decimal point or thousands' commas only
# between digits (1.建设 is an item's label) and a 万 or 亿 of its own; then the Han character
# after it. The same place build_after_numbers.py counts.
PLACE = lazy_regex.compile(r"(?<![A-Za-z0-9０-９.,．\-－])[0-9０-９]+(?:[.,．][0-9０-９]+)*[万亿]?(\p{Han})")
# A unit official writing writes after numbers this often or more (件 211, 户 247, 条 161, 人 635;
# 台 31 and 间 0 are units too, but not common enough there to be the one meant by a slip).
COMMON_UNIT = 50
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.,．")


@cache
def after_numbers() -> dict[str, int]:
    """How often official writing writes each Han character right after an Arabic number."""
    return {c: int(n) for c, n in (line.split() for line in lexicon.entry_lines("after_numbers.txt"))}


@cache
def count_words() -> frozenset[str]:
    return lexicon.words("count_words.txt")


@cache
def function_chars() -> frozenset[str]:
    """Characters that are words of their own (容积率大于1.0且不大于2.0: 且 joins two limits)."""
    return frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])


def _opens_line(text: str, at: int) -> bool:
    """Whether the number at text[at] opens its line (after spaces): an outline label (3.2拟派
    项目经理), not a count. Read back over the blanks only, not to the line's start: on a page
    that is one long line a search for the line's start from every number made the rule
    quadratic (1 MB of 截至202431: 0.95 -> 3.6 s)."""
    while at > 0 and text[at - 1] != "\n" and text[at - 1].isspace():
        at -= 1
    return at == 0 or text[at - 1] == "\n"


def _opens_word(text: str, at: int) -> bool:
    """Whether text[at] begins a dictionary word (3.建设 labels an item, 20万任务 counts a
    task) or a two-character form general usage has (``usage_words.in_use``: today's words the
    dictionary lacks, 63万失能老人): then it is no unit, and the count's unit, if any, was left
    out, not mistyped."""
    if at + 2 > len(text):
        return False  # the text's last character begins no word of two or more
    counts, _ = words_beginning(text[at:at + 2])
    return any(text.startswith(word, at) for word in counts) or in_use(text[at:at + 2])


def _candidate_chars(c: str) -> set[str]:
    """The characters ``c`` may have been meant as (same or near reading, similar shape)."""
    options = candidates().get(c)
    return set() if options is None else {*options.same_sound, *options.near_sound, *options.shape} - NUMERALS


@cache
def common_units() -> frozenset[str]:
    """The units official writing writes after numbers ``COMMON_UNIT`` times or more."""
    return frozenset(c for c, n in after_numbers().items() if n >= COMMON_UNIT and c not in NUMERALS)


@cache
def _route():
    """Where a digit is followed (past a 万 or 亿) by a character that may be judged: one a common
    unit's candidates name (件's line names 减: the slip is seen from the unit's side too, which
    keeps the class small), which official writing never writes after a number and no list names. Searched
    by the compiled finder of ``class_routes``: a search of every number with ``PLACE`` read the
    whole text at ~2.5 ns a character (23 ms over the speed benchmark's 1,000 files), the finder
    a few times less, and it stops only where such a character follows a digit."""
    skip = after_numbers().keys() | count_words() | function_chars()
    judged = set().union(*map(_candidate_chars, common_units())) - skip
    # Compiled here (~1 ms: a class of some 900 characters): pattern_cache keys programs by their
    # text, and its first use in a process costs more than that.
    return class_route(re.compile(f"[0-9０-９][万亿]?[{''.join(sorted(judged))}]"))


def unit_slips(text: str) -> Iterator[tuple[int, str, str]]:
    """(where, the character as written, the unit meant) for each slip in a count's unit: where
    ``_route`` stops (a character some common unit's candidates name), the count's number read
    back to its start and matched by ``PLACE``; the one common unit among the character's own."""
    route, units = _route(), common_units()
    at = 0
    while (hit := route.search(text, at)) is not None:
        at = hit.end()
        start = hit.start()
        while start > 0 and text[start - 1] in _NUMBER_CHARS:
            start -= 1
        place = PLACE.match(text, start)
        if place is None or _opens_line(text, start) or _opens_word(text, hit.end() - 1):
            continue
        c = place.group(1)
        meant = _candidate_chars(c) & units
        if len(meant) == 1:
            yield place.start(1), c, meant.pop()
