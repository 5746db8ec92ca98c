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

A post of three characters or more is also written with no body before it where an appointment
sentence or a list of posts puts it: at a clause's start or after its mark (副县长邵明远出席, 县委常委、
副县长罗振宇), after 为 and 由 (任命邵明远为副县长, 由常务副县长牵头), and after a person's name opening a clause
(柏松林副县长在会上强调). There its rest (副县, 常务副县, 党组书)
stands alone: the character before it is no Han character, or one of those words'; a rest that is
itself a word (副总, 秘书, 检察) or a post (主席 of 主席团) is left alone, as 副总经理 and 秘书王磊 are
written whole.

In a list of posts the body is written once, before the list (县卫生健康局党组书记、局长郝思远,
乡党委书记、乡长冉秋实): after the 、 a one-character body's post (局长, 乡长, 市长) has a rest of one
character, the body's own, too short for any list. It is a cut where the post before the 、 is
whole, the same character is written in the list's first item (its body), and a person's name
follows under the tests above (局宁, 乡冉 are never written side by side).

Where no name follows, a post ends a clause or comes before 职务 (任命…为县财政局局长。, 县纪委书记、,
免去…局长职务): official writing writes it whole there, so its rest is a cut too; a bare rest only
after 为/由 (正县、副县、正科 are ranks).
"""
from __future__ import annotations

from functools import cache
from itertools import takewhile
from typing import Iterable

from gongwen.analysis import shared_scan
from gongwen.analysis.evidence import bigrams, is_word
from gongwen.analysis.han_runs import is_han
from gongwen.analysis.person_names import surname_opens_run
from gongwen.rules.cut_formulations import STOPS
from gongwen.rules.protected import CUT_LOOKAHEAD, EDGE_FUNCTION_CHARS, common_word_across


# What an appointment sentence writes right before a post it names with no body (任命…为副县长,
# 由常务副县长牵头).
BEFORE_A_BARE_POST = "为由"
LIST_MARK = "、"
POST_WORD = "职务"  # 免去…局长职务: what follows a post it names, never its rest
# The marks that end a list's first item from before (its body is written after them).
ITEM_START = "，。；：！？、（(\n"
HEAD = "长"  # the post that is a body's head: the body's character and 长 (局长, 乡长)
FIRST_ITEM = 16  # characters read back from a list's 、 for the body written in its first item
NAME_SIZES = (3, 2)  # a person's name before a bare post: surname and given name, longest first


@cache
def rests() -> dict[str, str]:
    """Each body's end and post less the post's last character (委书) -> the whole (委书记); and
    each post of three characters or more less its last character (副县 -> 副县长: :func:`bare`)."""
    from gongwen.rules.cut_names import posts  # cut_names imports this module for TYP022

    wholes = posts()
    titles = {whole[at:] for whole, at in wholes.items()}
    found: dict[str, set[str]] = {}
    for whole in [*wholes, *titles]:
        if len(whole) >= 3:
            found.setdefault(whole[:-1], set()).add(whole)
    return {rest: whole.pop() for rest, whole in found.items() if len(whole) == 1 and rest not in wholes
            and rest not in titles}


@cache
def bare() -> frozenset[str]:
    """The rests of posts written with no body (副县 of 副县长, not 府副县): reported only where
    nothing stands before them but a mark or ``BEFORE_A_BARE_POST``."""
    from gongwen.rules.cut_names import posts

    return frozenset(rest for rest, whole in rests().items() if whole not in posts())


def _post_ends(text: str, end: int) -> bool:
    """Whether a post's rest ending at ``end`` ends where the whole post would: the text's or a
    clause's end (任命…为县财政局局。, 县纪委书、), or 职务 (免去…局局职务), after which official
    writing writes a post whole and never its rest."""
    return end >= len(text) or text[end] in STOPS or text.startswith(POST_WORD, end)


def _stands_alone(text: str, start: int) -> bool:
    """Whether nothing is written right before ``start`` that a post's body could end with."""
    return start == 0 or not is_han(text[start - 1]) or text[start - 1] in BEFORE_A_BARE_POST


def _named_before(text: str, start: int) -> bool:
    """Whether a person's name opening a clause ends right at ``start``: a surname two or three
    characters before it, nothing Han before the surname (柏松林副县…, 冉秋实副县…): official
    writing puts a bare post after the name as before it (柏松林副县长在会上强调)."""
    for size in NAME_SIZES:
        at = start - size
        if at >= 0 and (at == 0 or not is_han(text[at - 1])) and surname_opens_run(text, at):
            return all(is_han(c) for c in text[at:start])
    return False


def _goes_on_alone(text: str, end: int, rest: str) -> bool:
    """Whether what follows a post's rest at ``end`` begins a text of its own: a clause-edge
    function character or a dictionary word, with no common word running across the cut
    (副县在, 副市主持; not 副县级, 副市场)."""
    after = "".join(takewhile(is_han, text[end:end + CUT_LOOKAHEAD]))
    if not after or common_word_across(rest, after) or is_word(rest[-1] + after[0]):
        return False
    return after[0] in EDGE_FUNCTION_CHARS or any(is_word(after[:j]) for j in range(2, len(after) + 1))


@cache
def list_rests() -> dict[str, str]:
    """Each post's last character, 、 and a one-character body (记、局) -> the head of that body
    (局长, 县长, 乡长: the body and 长): the keys of a post cut to its body's character after a
    list's 、 (``list_post_gap``)."""
    from gongwen.rules.cut_names import posts

    titles = {whole[at:] for whole, at in posts().items()}
    heads = [title for title in titles if len(title) == 2 and title.endswith(HEAD)]
    return {end + LIST_MARK + head[0]: head for end in {t[-1] for t in titles} for head in heads}


@cache
def _titles() -> tuple[str, ...]:
    from gongwen.rules.cut_names import posts

    return tuple(sorted({whole[at:] for whole, at in posts().items()}, key=len, reverse=True))


def list_post_gap(text: str, at: int, post: str) -> bool:
    """Whether the one character at ``at``, right after a list's 、, is ``post`` cut to its body
    (局 of 局长) before a person's name: the item before the 、 ends in a whole post, its body
    holds the same character (县医保局党组书记、局), and a surname opening a name follows, never
    written beside that character in official writing, whose first two characters are no word."""
    mark = at - 1
    item = text[max(0, mark - FIRST_ITEM):mark]
    title = next((t for t in _titles() if item.endswith(t)), None)
    if title is None:
        return False
    item = item[:-len(title)]
    start = max((item.rfind(c) for c in ITEM_START), default=-1) + 1
    after = text[at + 1:at + 2]
    if post[0] not in item[start:] or after == post[-1] or not surname_opens_run(text, at + 1):
        return False
    # a body's name goes on there (市纪委书记, 镇人大主席): the surname's character and the next
    # make a word, asked last (the dictionary loads only for a document with a candidate)
    return bigrams().count(post[0] + after) == 0 and not is_word(text[at + 1:at + 3])


@cache
def rest_keys() -> shared_scan.Keys:
    """The rests as keys of the document's shared literal pass: the posts' (:func:`rests`) and
    the list's (:func:`list_rests`)."""
    return shared_scan.Keys(sorted({*rests(), *list_rests()}))


def post_gaps_before_names(text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, the whole) of each rest in ``text`` cut before a person's name or where the
    post ends (:func:`_post_ends`); ``hits``: the shared pass's hits of :func:`rest_keys` in ``text``."""

    keys, table, listed, alone, done = rest_keys().keys, rests(), list_rests(), bare(), set()
    for k, start, end in hits:  # by end, the longest first: a body's rest before the bare one
        if keys[k] in listed:
            post = listed[keys[k]]
            if end not in done and list_post_gap(text, end - 1, post):
                done.add(end)
                yield end - 1, end, post
            continue
        rest, whole = keys[k], table[keys[k]]
        after = text[end:end + 1]
        if end in done or after == whole[-1]:
            continue
        ended = _post_ends(text, end)
        # a bare rest after a person's name, the clause going on (柏松林副县在会上): no name follows
        named = not ended and rest in alone and not is_word(rest) and _named_before(text, start)
        if named:
            if _goes_on_alone(text, end, rest):
                done.add(end)
                yield start, end, whole
            continue
        if not ended and (not surname_opens_run(text, end) or bigrams().count(rest[-1] + after) > 0):
            continue
        # a bare rest that is a word (副总, 秘书) is asked only here: the dictionary loads for a
        # document with a candidate, not for every run (tests/test_startup_imports.py); at a
        # clause's end only an appointment's 为/由 puts a bare post (正县、副县 are ranks)
        if rest in alone and (not _stands_alone(text, start) or is_word(rest)
                              or (ended and text[start - 1:start] not in BEFORE_A_BARE_POST)):
            continue
        if not ended and common_word_across(rest, text[end:end + 3]):
            continue
        done.add(end)
        yield start, end, whole
