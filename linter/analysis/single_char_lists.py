"""Where a text lists one-character items: ``对所有猪、牛、羊``, ``水、电、气``.

The first item of such a list is written against the words before it with no mark between
(所有猪), so a model of words reads it as the end of one (所有者); the 、 after it and an item of
one character after that say it is an item of the list.
"""
from __future__ import annotations

from gongwen.analysis import pattern_cache

# After the item: a 、, one Han character, and a 、 or the 等 that closes the list.
_MORE_SINGLE_ITEMS = pattern_cache.regex_compile(r"、\p{Han}[、等]")


def first_of_single_char_list(text: str, at: int) -> bool:
    """Whether text[at] is an item of one character followed by another in a 、 list."""
    return bool(_MORE_SINGLE_ITEMS.match(text, at + 1))
