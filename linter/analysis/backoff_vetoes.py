"""Where TYP013's dictionary back-off (``screen_backoff``) reads no slip: names and compressed
phrases, whose characters make no word with their neighbours on purpose.

The back-off takes a pair that a substitute makes with a neighbour and that the dictionary
counts as a common word as the evidence a trigram would give. A name is no word (韦长贵: 长贵
is none, 机长 is), nor is a place written with characters of its own (鹤屿县: 岛屿), nor each
half of a phrase official writing compresses from two verb-object halves (以电折水): each is a
place where the text as written is no word by design, and a pair across it is no evidence.
These three tests are asked of the back-off's suspects only; the model's trigrams are evidence
of their own, and the suspects they find keep the tests they had.
- ``in_person_name``: the place is in a surname (``data/surnames.txt``) and one or two more
  characters standing where a name stands: after a post, a role or a person noun, or opening
  its run of Han characters; and before what follows a name (``data/person_act_words.txt``:
  同志, 等, 主持, 领学) or ending its run.
- ``in_place_name``: the place is one of the two characters before an administrative suffix
  (县 区 镇 乡 村 街道 社区 市 …) that makes no common word with what follows it, or in a short
  run right before 〔: the issuing organ's code of a document number (X政发〔2026〕).
- ``in_place_coordinate``: the place is a one-character abbreviation of a province or a city
  (``data/place_abbreviations.txt``) beside another (义甬舟, 沪甬, 京津冀): a coordinate of places,
  whose pairs are coined (义甬 is no slip for 义勇).
- ``in_compressed_phrase``: the place is in a four-character run whose first and third
  characters are one-character verbs (``data/one_char_verbs.txt``), whose halves, as
  written, are no dictionary words (缓堵促畅, 拆旧建新), and across whose halves the
  substitute's word would reach (限塑减废: 塑减 → 缩减).
Each reads at most eight characters either side of the place.
"""
from __future__ import annotations

from functools import cache

import regex

from gongwen.analysis import lexicon, pattern_cache
from gongwen.analysis.evidence import word_count
from gongwen.analysis.han_runs import han_run_around, is_han
from gongwen.analysis.person_names import surnames
from gongwen.analysis import screen_backoff
from gongwen.analysis.screen_backoff import COMMON_WORD

# Administrative suffixes a place's name ends with (GB/T 2260's levels and the settlements
# below them): the two characters before one are the name's own.
_ADMIN_SUFFIXES = ("街道", "社区", "省", "市", "县", "区", "镇", "乡", "村", "州", "旗", "盟")
# The longest issuing organ's code before a document number's 〔year〕 (市监罚, 政征预, 岱信处字).
_CODE_LENGTH = 6
_REACH = 8
LISTED_PAIRS = "backoff_listed_pairs.txt"
GIVEN_NAME_CHARS = "given_name_chars.txt"
PLACE_ABBREVIATIONS = "place_abbreviations.txt"


def _run(text: str, at: int) -> tuple[int, int]:
    """The run of Han characters holding text[at], cut ``_REACH`` characters either side."""
    return han_run_around(text, at, _REACH)


@cache
def _name_before() -> "regex.Pattern[str]":
    """A post, a role or a noun naming a person, ending the text it is matched on."""
    data = lexicon.table("contacts.toml")
    nouns = lexicon.alternation(data["titles"] + data["enterprise-heads"] + data["speaker-roles"]
                                + sorted(lexicon.words("people_nouns.txt")) + data["labels"])
    return pattern_cache.regex_compile(rf"(?:{nouns}|\p{{Han}}长)\Z")


@cache
def _person_acts() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("person_act_words.txt"), key=len, reverse=True))


# What a name set out by layout follows: a blank, a colon, a bracket, a quotation mark or the
# start of a line (a run after digits is a count's unit: 860万人次, 52.3万人).
_LAYOUT_BEFORE = " \u3000\t\n：:（(“"


def _opens_name(text: str, start: int, k: int) -> bool:
    """Whether a name may start at text[k] (in the run starting at ``start``): after a post, a
    role or a person noun; or opening its run after a blank, a colon or a line's start, or after a
    、 that follows another name's run (a list of people: 幸福感、安全感 is no list of names)."""
    if _name_before().search(text, max(start, k - _REACH), k):
        return True
    if k != start:
        return False
    if k == 0 or text[k - 1] in _LAYOUT_BEFORE:
        return True
    if text[k - 1] == "、":
        before, _ = _run(text, k - 2) if k >= 2 and is_han(text[k - 2]) else (k, k)
        single, compound = surnames()
        return 2 <= k - 1 - before <= 3 and (text[before] in single or text[before:before + 2] in compound)
    return False


def in_person_name(text: str, at: int) -> bool:
    """Whether text[at] is in a personal name at a name's place (see the module's doc)."""
    start, end = _run(text, at)
    single, compound = surnames()
    for k in range(max(start, at - 3), at + 1):
        lengths = (3, 4) if text[k:k + 2] in compound else (2, 3) if text[k] in single else ()
        for length in lengths:
            e = k + length
            if e <= at or e > end:
                continue
            opens = _opens_name(text, start, k)
            closes = e == end or text.startswith(_person_acts(), e)
            if opens and closes:
                return True
    return False


def in_place_name(text: str, at: int, word_at: int, length: int) -> bool:
    """Whether text[at] is in the name of a place or in an issuing organ's code (see the
    module's doc), where the substitute's word text[word_at:word_at + length] would take the
    character before the suffix and end at the suffix at the latest (城镇化 runs past 镇)."""
    start, end = _run(text, at)
    if end < len(text) and text[end] in "〔[［(（" and end - start <= _CODE_LENGTH:
        return True
    for p in (at + 1, at + 2):
        suffix = next((s for s in _ADMIN_SUFFIXES if text.startswith(s, p)), None)
        if suffix is None or p - 2 < start or not word_at <= p - 1 < word_at + length <= p + 1:
            continue
        after = p + len(suffix)
        if after < len(text) and word_count(text[p:after] + text[after]) >= COMMON_WORD:
            continue  # 市场, 区域, 县城: the suffix's character opens a word instead
        return True
    return False


@cache
def _verbs() -> lexicon.SortedWords:
    return lexicon.sorted_words("one_char_verbs.txt")  # sorted, one a line: no set built for a few look-ups


def in_compressed_phrase(text: str, at: int, word_at: int, length: int) -> bool:
    """Whether text[at] is in a compressed phrase of two verb-object halves that the
    substitute's word text[word_at:word_at + length] would cross (see the module's doc): a word
    inside one half is the slip's own (超标准妆修: 妆修 → 装修 stays judged)."""
    verbs = _verbs()
    for k in range(max(0, at - 2), at):
        phrase = text[k:k + 4]
        if (len(phrase) == 4 and word_at <= k + 1 and k + 2 < word_at + length
                and all(is_han(c) for c in phrase) and phrase[0] in verbs and phrase[2] in verbs
                and not word_count(phrase[:2]) and not word_count(phrase[2:])):
            return True
    return False


def written_as_a_form(text: str, word_at: int, length: int) -> bool:
    """Whether the two characters the substitute's word would take, as written, are a form
    general written Chinese lists at any frequency (``data/backoff_listed_pairs.txt``, wordfreq:
    拆旧, 逐案, 延线): a pair somebody writes on purpose, not a slip one character from a word."""
    return length == 2 and text[word_at:word_at + 2] in lexicon.sorted_words(LISTED_PAIRS)


@cache
def _given_name_chars() -> lexicon.SortedWords:
    return lexicon.sorted_words(GIVEN_NAME_CHARS)  # sorted, one a line: no set built for a few look-ups


def in_given_name(text: str, at: int) -> bool:
    """Whether text[at] is a given name's character of a three-character name the layout does
    not set out (对韦长贵家庭): a surname of ``surnames.txt`` that makes no word with
    the character before it, then two characters of ``data/given_name_chars.txt``."""
    start, end = _run(text, at)
    single, _ = surnames()
    given = _given_name_chars()
    for k in (at - 2, at - 1):
        if (k >= start and k + 3 <= end and text[k] in single and text[k + 1] in given and text[k + 2] in given
                and (k == start or not word_count(text[k - 1:k + 1]))):
            return True
    return False


def vetoed(text: str, at: int, word_at: int, length: int, meant: str) -> bool:
    """Whether the back-off's suspect at text[at], whose substitute ``meant`` makes the word
    text[word_at:word_at + length], stands where the text as written is no word by design, or
    is no slip the IME makes."""
    return (word_at + length != at + 1 or in_coordinate_before_joining(text, at)
            or screen_backoff.reads_apart(text[at], meant) or written_as_a_form(text, word_at, length)
            or in_person_name(text, at) or in_given_name(text, at) or in_place_name(text, at, word_at, length)
            or in_place_coordinate(text, at)
            or in_compressed_phrase(text, at, word_at, length))


@cache
def _joining_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("joining_words.txt")))


def in_coordinate_before_joining(text: str, at: int) -> bool:
    """Whether text[at] is among the two or three Han characters right before a joining word
    (``joining_words.txt``: 融合, 结合): a coordinate of one-character abbreviations (劳武结合,
    茶旅融合), whose pairs are coined, not words a lone pair could stand in for."""
    joining = _joining_words()
    for start in range(max(0, at - 2), at + 1):
        for n in (2, 3):
            if start + n > at and text.startswith(joining, start + n) and all(is_han(c) for c in text[start:start + n]):
                return True
    return False


@cache
def _place_abbreviations() -> frozenset[str]:
    return lexicon.words(PLACE_ABBREVIATIONS)


def in_place_coordinate(text: str, at: int) -> bool:
    """Whether text[at] is a one-character abbreviation of a province or a city
    (``data/place_abbreviations.txt``) beside another (推进义甬舟大通道, 沪甬合作, 京津冀): the
    pair across them names two places, and a substitute's word with the one beside (义勇) is
    no evidence of a slip."""
    places = _place_abbreviations()
    return text[at] in places and ((at > 0 and text[at - 1] in places)
                                   or (at + 1 < len(text) and text[at + 1] in places))
