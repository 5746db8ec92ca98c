"""Numerals typed for characters (TYP013): 深入开展四想政治教育 (思想), 落十落细 (落实), 按照九近就便原则
(就近), 会议定于下五3时 (下午).

A pinyin input method offers the numeral first for its reading (si, shi, jiu, wu), so a numeral
is a slip for a character as often as any other character is. But official writing writes
numerals as numbers everywhere, and a number is no slip: a numeral is judged like any other
character only where nothing around it reads it as a number (``reads_as_number``).
"""
from __future__ import annotations

from gongwen.analysis.count_units import NUMERALS, after_numbers, count_words
from gongwen.analysis.evidence import USUAL, is_word

_DIGITS = frozenset("0123456789０１２３４５６７８９")


def reads_as_number(text: str, at: int) -> bool:
    """Whether the numeral text[at] reads as (part of) a number: as a count (``reads_as_count``)
    or inside a dictionary word as written (``in_word``)."""
    return reads_as_count(text, at) or in_word(text, at)


def reads_as_count(text: str, at: int) -> bool:
    """Whether the numeral text[at] reads as (part of) a count: next to another numeral or a
    digit (二〇二五, 3万, 十二), or followed by what counts take: a measure word, unit or counted
    noun (``count_words``: 三个, 四项, 五年, 两县) or a character official writing writes after
    Arabic numbers ``USUAL`` times or more (``after_numbers``: 三农 as 22农, 国五标准 as 3标段).
    Its neighbours only: asked of every numeral, it loads no dictionary."""
    before = text[at - 1] if at > 0 else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    if before in NUMERALS or after in NUMERALS or before in _DIGITS or after in _DIGITS:
        return True
    return after in count_words() or after_numbers().get(after, 0) >= USUAL


def in_word(text: str, at: int) -> bool:
    """Whether a dictionary word of two to four characters holds the numeral text[at] as written:
    a word written with a numeral is mostly a number's (零增长, 一产, 一把手, 统一), and the judge
    weighs a written word by its count, which is small for these (零增长 3). It reads the
    segmentation dictionary: TYP013 asks it only of a numeral it would report (进一步 in any
    prose would load the dictionary for every document otherwise)."""
    return any(is_word(text[j:k]) for j in range(max(0, at - 3), at + 1)
               for k in range(max(j + 2, at + 1), min(len(text), j + 4) + 1))
