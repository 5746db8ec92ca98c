"""Where a text names people: the personal names that a layout sets out as names.

A name here is a surname (``data/surnames.txt``) and one or two characters more (a compound
surname: one or two more), and it fills its run of Han characters, or ends before an honorific
(``蒋立群同志``). It counts only where the layout says a person is named:
- after a post or title and a blank or a colon (``书记　蒋立群``, ``网格长：蒋立群``; the posts and
  labels of ``data/contacts.toml``);
- in a list of names, next to another such name across a blank or a 、 (``何菲　罗佳敏　蒋立群``);
- before 同志, 先生, 女士;
- in an appointment or commendation (任免, 表彰, 公示): after 任命, 免去, 表彰 … and before
  为, 等, 的 or an honorific (``任命蒋立群为``);
- in a resignation accepted (人大常委会的决定: 接受…辞去…职务的请求): after 接受, 同意 or
  批准 and right before 辞去, 辞职 or 辞任 (``接受龚立平辞去``): the one who resigns is a person.
- right after a noun that says what a person is, written without a blank (``居民韦志明在…``,
  ``村民代表蒋立群、``: the speaker roles of ``data/contacts.toml`` and ``data/people_nouns.txt``),
  where the name ends its run or is followed by a function character (在, 等, 的): asked only
  where a slip reading would end a word at the surname (居民委), names_person_after_noun.
- right after a post written whole, with no blank (``董事长蒋明远出席``): asked only where a slip
  reading would take the post's last character into a word with the surname (长 + 蒋 → 长江),
  names_person_after_post.
A character of running prose after a post (``书记处里``) is no name: a name ends where its run
does, or at what the layout puts after it. A model of words cannot judge a name: a surname
with a given name is no word, and a substitute for it makes one (蒋立 → 建立).
"""
from __future__ import annotations

from functools import cache

import regex

from gongwen.analysis import lexicon
from gongwen.analysis.han_runs import han_run_around, is_han
from gongwen.analysis import pattern_cache

_BLANKS = " \u3000\xa0"
_HONORIFICS = ("同志", "先生", "女士")
# Words that name the person they are followed by in an appointment or commendation, and the
# words that may follow the name there (任命蒋立群为…, 表彰蒋立群等, 免去蒋立群的…职务).
_APPOINTING = ("任命", "免去", "聘任", "聘请", "表彰", "推选", "选举", "提名", "授予", "拟任")
_AFTER_APPOINTED = ("为", "等", "的")
# A resignation accepted: the verb that accepts it, the name, and the verb of resigning
# (接受蒋立群辞去…职务的请求, 同意蒋立群辞职). Only with the latter right after the name: after
# 接受 alone a surname's character opens any object (接受管理的, 同意王府井…).
_ACCEPTING = ("接受", "同意", "批准")
_RESIGNING = ("辞去", "辞职", "辞任")


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """The single-character surnames and the compound ones."""
    names = lexicon.words("surnames.txt")
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def surname_opens_run(text: str, at: int) -> bool:
    """Whether text[at] is a surname with another Han character after it: it may open the name
    of a person (张伟 after 副县长), so it is not read as a slip of the character before."""
    return at + 1 < len(text) and text[at] in surnames()[0] and is_han(text[at + 1])


@cache
def _posts() -> "regex.Pattern[str]":
    """A post or title (or a contact label) ending just before a blank or colon ending the text
    it is matched on."""
    data = lexicon.table("contacts.toml")
    heads = lexicon.alternation(data["titles"] + data["labels"])
    return pattern_cache.regex_compile(rf"(?:{heads}|\p{{Han}}长)(?:[{_BLANKS}]{{1,2}}|[：:])\Z")


# How far a run is followed either side of a character: far enough for a name, the word
# before it (任命) and a neighbour's length; a run that goes on past it is no name's run, and
# stopping there keeps a call bounded on a megabyte without punctuation.
_REACH = 8


def _run(text: str, at: int) -> tuple[int, int]:
    """The run of Han characters holding text[at], cut ``_REACH`` characters either side:
    a cut end lies more than ``_REACH`` away from at, where no name of it can start or end."""
    return han_run_around(text, at, _REACH)


def _name_lengths(text: str, k: int) -> tuple[int, ...]:
    """The lengths a name starting at text[k] may have: its surname and one or two more."""
    single, compound = surnames()
    if text[k:k + 2] in compound:
        return 3, 4
    return (2, 3) if text[k] in single else ()


def names_person_at(text: str, at: int) -> bool:
    """Whether text[at] lies in a personal name that the layout around it sets out as one (see
    the module's doc). Costs a few look-ups a call: asked only of the places a rule would
    report."""
    start, end = _run(text, at)
    for k in range(max(start, at - 3), at + 1):
        for length in _name_lengths(text, k):
            e = k + length
            if e <= at or e > end:
                continue
            if _set_out(text, start, end, k, e):
                return True
    return False


def _set_out(text: str, start: int, end: int, k: int, e: int) -> bool:
    """Whether the layout sets text[k:e] (in the run text[start:end]) out as a personal name."""
    if text.startswith(_HONORIFICS, e):
        return True
    if e == end and k == start:
        return bool(_posts().search(text, max(0, k - 16), k)) or _next_to_name(text, start, end)
    if k > start and text[start:k].endswith(_APPOINTING):
        return e == end or text.startswith(_AFTER_APPOINTED, e)
    if k > start and text[start:k].endswith(_ACCEPTING):
        return text.startswith(_RESIGNING, e)
    return False


def _next_to_name(text: str, start: int, end: int) -> bool:
    """Whether the run text[start:end] (a name's length) stands in a list of names: across
    blanks or a 、 before or after it there is another run that is a name's length and opens
    with a surname."""
    return any(_is_name_run(text, *run) for run in _neighbour_runs(text, start, end))


def _neighbour_runs(text: str, start: int, end: int):
    """The runs of Han characters just before and just after text[start:end], across blanks
    or one 、 (a list's separators)."""
    i = start
    while i > 0 and text[i - 1] in _BLANKS:
        i -= 1
    if i == start and i > 0 and text[i - 1] == "、":
        i -= 1
    if i < start and i > 0 and is_han(text[i - 1]):
        yield _run(text, i - 1)
    j = end
    while j < len(text) and text[j] in _BLANKS:
        j += 1
    if j == end and j < len(text) and text[j] == "、":
        j += 1
    if j > end and j < len(text) and is_han(text[j]):
        yield _run(text, j)


def _is_name_run(text: str, start: int, end: int) -> bool:
    return end - start in _name_lengths(text, start)


@cache
def _person_nouns() -> tuple[str, ...]:
    """Nouns that say what a person is, which a name may follow as an apposition (居民韦志明)."""
    roles = lexicon.table("contacts.toml")["speaker-roles"]
    return tuple(sorted(set(roles) | lexicon.words("people_nouns.txt")))


@cache
def _function_chars() -> frozenset[str]:
    return frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])


def names_person_after_noun(text: str, at: int) -> bool:
    """Whether text[at] opens a personal name right after a noun that says what the person is,
    with no blank between (``居民韦志明在河边散步``, ``村民蒋立群``): a surname and one or two
    characters more that end the run of Han characters or stand before a function character
    (在, 的, 等: the name is the subject or an item). Not by itself a layout that sets a name out
    (居民委员会 opens with the same characters): asked only where the slip reading's word would
    end at the surname, so that the characters after it are the given name or nothing."""
    start, end = _run(text, at)
    if at == start or not text[start:at].endswith(_person_nouns()):
        return False
    function_chars = _function_chars()
    return any(at + length == end or (at + length < end and text[at + length] in function_chars)
               for length in _name_lengths(text, at))


@cache
def _post_before() -> "regex.Pattern[str]":
    """A post or title (an organ's, or an enterprise's or association's head) ending the text it
    is matched on."""
    data = lexicon.table("contacts.toml")
    heads = lexicon.alternation(data["titles"] + data["enterprise-heads"])
    return pattern_cache.regex_compile(rf"(?:{heads})\Z")


def names_person_after_post(text: str, at: int, word_at: int) -> bool:
    """Whether text[at] opens the name of a post's holder right after the post, written without
    a blank (``董事长蒋明远出席``), where a slip reading's word starting at ``word_at`` would take
    the post's last characters into a word with it (长江 from 董事长|蒋): a post written whole
    is followed by its holder's name, and the slip reading would break the post to make a word.
    A surname with a Han character after it is a name's opening; anything else is judged."""
    if not word_at < at or not surname_opens_run(text, at):
        return False
    post = _post_before().search(text, max(0, at - 8), at)
    return post is not None and post.start() < word_at
