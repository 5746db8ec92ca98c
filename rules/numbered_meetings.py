"""Numbered sessions that lost a character (TYP022's numbered meetings): a session is written
number, counter, meeting word (第二十三次常务会议, 十三届五次全会, 县委常委会第19次会议, 第十九次集体学习).
Two cuts leave it short, and neither is a name any list could hold, since the number varies:

- the counter: a number opened by 第 or 届 (or by 人大/政协, 十四届人大三次会议) runs straight into a
  meeting word (第二十一会议, 十三届五全会, 国务院第八十常务会议): 次 is missing after the number;
- a character of the meeting word after the counter (第19次议, 第二次全体议, 第十九次集体习): the
  word is missing that character, unless what is left is a short form written there too
  (常务会: ``data/session_words.txt``) or a common word runs on from it (第三次议题 is no cut:
  ``protected.common_word_across``); after a meeting word's first character alone (会 of 会议,
  全 of 全会), any dictionary word (第三次会上, 第二次会商, 第七次全区): 三次会于, 七次全审议 are cuts.

A room (第三会议室, 第一会议厅) is no session: a meeting word followed by 室/厅 is left alone.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan
from gongwen.rules.protected import CUT_LOOKAHEAD, common_word_across, word_across

SESSION_WORDS = "session_words.txt"
COUNTER = "次"
# What opens a session's number: 第 (第二十三次), a term's 届 (十三届五次全会) and the short
# names of a congress and a CPPCC written with the term (十四届人大三次会议, 市政协十四届三次会议).
OPENERS = ("第", "届", "人大", "政协")
# A meeting word followed by one of these names a room or a venue, not a session (第三会议室).
ROOMS = ("室", "厅", "中心")


@cache
def session_words() -> dict[str, frozenset[str]]:
    """Each meeting word written after a session's number -> its short forms written there too."""
    return {word: frozenset(short) for word, short in lexicon.headed(SESSION_WORDS).items()}


@cache
def _cuts() -> dict[str, str]:
    """Each meeting word less one character -> the word, where what is left is neither a
    meeting word nor one's short form. A rest two words leave goes to the one that lost its last
    character (会 of 会议, not of 全会: a word's last character is the one a slip drops most, and
    会议 is written after a counter 190 times as often as 全会 in the tuning half); a rest left
    by two words alike is dropped. A rest that begins another meeting word (全 of 全体会议) is kept:
    whatever runs on from it is read at the hit (``numbered_meeting_gaps``)."""
    words, found = session_words(), {}
    written = set(words) | {short for forms in words.values() for short in forms}
    for word in words:
        for i in range(len(word)):
            left = word[:i] + word[i + 1:]
            if left not in written:
                found.setdefault(left, set()).add((word, i == len(word) - 1))
    cuts = {}
    for left, readings in found.items():
        last = {word for word, at_end in readings if at_end}
        if len({word for word, _ in readings}) == 1 or len(last) == 1:
            cuts[left] = next(iter(last)) if len(last) == 1 else next(iter(readings))[0]
    return cuts


@cache
def _openings() -> frozenset[str]:
    """The rests that are a meeting word's first character (会 of 会议, 全 of 全会): such a
    character begins many words, so any dictionary word that runs on from it reads the text
    (第二次会商, 第七次全区, 第三次会上), not only a common one; 议 of 会议 keeps the common test
    (第7次议决定 is a cut, though 议决 is a word)."""
    return frozenset(left for left in _cuts() if len(left) == 1 and any(w.startswith(left) for w in session_words()))


def _written_as(char: str, meant: str) -> bool:
    """Whether ``char`` is ``meant`` or its traditional form (議 for 议: a text of 1957 writes
    会議; the script is another rule's matter, and nothing is missing). The script's table is read
    only here, at a cut (rare), not for every document."""
    if char == meant:
        return True
    from gongwen.rules.characters import script_tables  # OpenCC's tables: deferred

    return meant in script_tables()[0].get(char, ())


@cache
def _numerals() -> str:
    # the table TRM007 has parsed already: parsed again here it cost TYP022's start-up a TOML parse
    return lexicon.table("protected_phrases.toml")["numerals"]


@cache
def _pattern() -> re.Pattern[str]:
    number = f"[{re.escape(_numerals())}]++"  # possessive: a session's number is the whole run
    openers = "|".join(map(re.escape, OPENERS))  # consumed, not looked behind: sre skips to them
    rooms = "|".join(map(re.escape, ROOMS))
    words = "|".join(sorted(map(re.escape, session_words()), key=len, reverse=True))
    cuts = "|".join(sorted(map(re.escape, _cuts()), key=len, reverse=True))
    return re.compile(f"(?:{openers})(?P<number>{number})"
                      f"(?:(?P<word>{words})(?!{rooms})|{COUNTER}(?P<cut>{cuts}))")


@cache
def opener_keys() -> shared_scan.Keys:
    """An opener and a numeral (第二, 届十, 人大三, 政协1): where a session may begin, as keys of
    the document's shared literal pass."""
    return shared_scan.Keys([opener + numeral for opener in OPENERS for numeral in _numerals()])


def sessions(text: str, opened: Iterable[tuple[int, int, int]] | None = None) -> Iterable[re.Match[str]]:
    """``_pattern().finditer(text)``, tried only where an opener and a numeral are written
    (``opened``: the hits of :func:`opener_keys` in ``text``, from the shared pass; None: its own
    scan). The pattern's own search asked sre's test of its first characters at every character
    of every document (71 M instructions over 400 files of the speed corpus, more than TYP022's
    whole literal scan), and four ``str.find`` passes for the openers still 13 M. A match begins
    with an opener and a numeral, so the places tried in order, each past the last match's end,
    are finditer's."""
    if opened is None:
        opened = shared_scan.own_matches(opener_keys(), text)
    pattern, taken = _pattern(), 0
    for at in sorted({start for _, start, _ in opened}):
        if at >= taken and (m := pattern.match(text, at)) is not None:
            taken = m.end()
            yield m


def numbered_meeting_gaps(text: str, opened: Iterable[tuple[int, int, int]] | None = None
                          ) -> Iterable[tuple[int, int, str]]:
    """(start, end, what should be written) of each numbered session in ``text`` that lost its
    counter (the number: 第二十一 -> 第二十一次) or a character of its meeting word after the
    counter (议 -> 会议); ``opened`` as for :func:`sessions`."""
    words = session_words()
    for m in sessions(text, opened):
        if m["word"]:
            yield m.start("number"), m.end("number"), m["number"] + COUNTER
            continue
        start, end, left = m.start("cut"), m.end("cut"), m["cut"]
        if any(text.startswith(word, start) for word in words):
            continue  # 第二次会议: the whole word, read past a shorter cut
        whole = _cuts()[left]
        missing_last = whole.startswith(left)
        if missing_last and end < len(text) and _written_as(text[end], whole[-1]):
            continue  # 第四次会議: the character is there, in the traditional script (TYP010's)
        if common_word_across(left, text[end:end + CUT_LOOKAHEAD]) or (
                left in _openings() and word_across(left, text[end:end + CUT_LOOKAHEAD])):
            continue
        yield start, end, whole
