"""Slips in the unit a count is written with (TYP013): 全年共承办代表建议45减 (件), 主动公开政府
信息2316跳 (条), 新增市场主体5832夫 (户), 户籍人口52.3万仁 (人).

The character right after an Arabic number is a unit or measure word nearly always, and which
ones official writing writes there is counted (``data/after_numbers.txt``, built by
``data/build_after_numbers.py``): a unit hundreds of times, a slip for one never. So where the
character after a number is one official writing never writes there and that no list of
measure words, units and counted nouns names (``data/count_words.txt``: 12间教室, 3乡2镇 are
right however rare in the corpus), and exactly one of the characters that sound or look like
it (TYP013's candidates, ``data/character_candidates.txt``) is a unit official writing writes
after numbers ``COMMON_UNIT`` times or more, that one was meant. The character model cannot
judge this place: a lone character between a number and a punctuation mark is no run of Han
characters, and 万仁 no run with a trigram.
"""
from __future__ import annotations

from functools import cache
from typing import Iterator

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.char_model import candidates
from gongwen.analysis.evidence import words_beginning

# A count: a number that is no part of a code (no Latin letter, digit or hyphen before it:
# S22白永段, G318, WGS-84 name roads and systems), with a decimal point or thousands' commas only
# between digits (1.建设 is an item's label) and a 万 or 亿 of its own; then the Han character
# after it. The same place build_after_numbers.py counts.
PLACE = lazy_regex.compile(r"(?<![A-Za-z0-9０-９.,．\-－])[0-9０-９]+(?:[.,．][0-9０-９]+)*[万亿]?(\p{Han})")
# A unit official writing writes after numbers this often or more (件 211, 户 247, 条 161, 人 635;
# 台 31 and 间 0 are units too, but not common enough there to be the one meant by a slip).
COMMON_UNIT = 50
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")


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
    项目经理), not a count."""
    return not text[text.rfind("\n", 0, at) + 1:at].strip()


def _opens_word(text: str, at: int) -> bool:
    """Whether text[at] begins a dictionary word (3.建设 labels an item, 20万任务 counts a
    task): then it is no unit, and the count's unit, if any, was left out, not mistyped."""
    if at + 2 > len(text):
        return False  # the text's last character begins no word of two or more
    counts, _ = words_beginning(text[at:at + 2])
    return any(text.startswith(word, at) for word in counts)


def unit_slips(text: str) -> Iterator[tuple[int, str, str]]:
    """(where, the character as written, the unit meant) for each slip in a count's unit."""
    seen, listed = after_numbers(), count_words()
    table = None
    for place in PLACE.finditer(text):
        c = place.group(1)
        if (c in seen or c in listed or c in _NUMERALS or c in function_chars()
                or _opens_line(text, place.start()) or _opens_word(text, place.start(1))):
            continue
        table = table or candidates()
        options = table.get(c)
        if options is None:
            continue
        units = {alt for group in (options.same_sound, options.near_sound, options.shape) for alt in group
                 if alt not in _NUMERALS and seen.get(alt, 0) >= COMMON_UNIT}
        if len(units) == 1:
            yield place.start(1), c, units.pop()
