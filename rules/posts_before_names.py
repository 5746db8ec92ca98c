"""Posts that lost their last character right before a person's name (TYP022): 县委书刘建华 (书记),
县监委主王强 (主任), 市政协副主朱红英 (副主席).

A post written after its body (``data/post_contexts.txt``: 委 书记, 协 主席) less its last
character leaves the body's last character and a post's first ones (委书, 委主): too short for
``name_gaps.txt``, which lists only what official writing never writes and what leaves three
characters or more (a two-character rest is written inside many other strings). Before a name it
is a cut all the same: the character after the rest is a surname, not the character left out,
and the rest's last character and the surname are never written side by side in official writing
(书刘, 主王: ``official_bigrams.txt``), a name runs on (another Han character follows the
surname), and no common word runs across (委书面, 室主要). A rest that is itself a post
(会主席 of 会主席团) is no cut; nor is one shared by two posts (the fix would guess).
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from gongwen.analysis import shared_scan
from gongwen.analysis.evidence import bigrams
from gongwen.analysis.person_names import surname_opens_run


@cache
def rests() -> dict[str, str]:
    """Each body's end and post less the post's last character (委书) -> the whole (委书记)."""
    from gongwen.rules.cut_names import posts  # cut_names imports this module for TYP022

    wholes = posts()
    found: dict[str, set[str]] = {}
    for whole in wholes:
        if len(whole) >= 3:
            found.setdefault(whole[:-1], set()).add(whole)
    return {rest: whole.pop() for rest, whole in found.items() if len(whole) == 1 and rest not in wholes}


@cache
def rest_keys() -> shared_scan.Keys:
    """The rests as keys of the document's shared literal pass."""
    return shared_scan.Keys(sorted(rests()))


def post_gaps_before_names(text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, the whole) of each rest in ``text`` cut before a person's name; ``hits``: the
    shared pass's hits of :func:`rest_keys` in ``text``."""
    from gongwen.rules.cut_names import common_word_across

    keys, table = rest_keys().keys, rests()
    for k, start, end in hits:
        rest, whole = keys[k], table[keys[k]]
        after = text[end:end + 1]
        if after == whole[-1] or not surname_opens_run(text, end) or bigrams().count(rest[-1] + after) > 0:
            continue
        if common_word_across(rest, text[end:end + 3]):
            continue
        yield start, end, whole
