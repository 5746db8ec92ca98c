"""Dropped characters: a phrase the document writes in full elsewhere, written once with one
character left out.

A slip of the hand that drops a character is seldom repeated: the document that writes
县市场监督管理局 twice and 县市场监督管局 once, 陈晓东同志 twice and 陈东同志 once, tells on itself,
where counts over other texts cannot tell a slip from today's abbreviations (固废, 科创), made
exactly by leaving characters out. An abbreviation the document means is defined (以下简称) or
repeated; a slip is neither.

Every place between two Han characters a, b of a run is a gap where a character c may have
dropped when the document writes a c b elsewhere; the written text and that occurrence then
agree on characters either side (``_agreement``), and ``_judged`` decides from what agrees and
from what official writing writes (``data/official_trigrams.txt``) whether the gap is a slip.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gongwen.analysis import lazy_regex
from gongwen.analysis.char_model import model
from gongwen.analysis.evidence import USUAL, bigrams, is_word, word_begins_at, word_ends_at
from gongwen.analysis.one_off import excluded_chars
from gongwen.analysis.person_names import surnames

# Characters of the full phrase, the dropped one included, on the side that makes it a phrase
# the document repeats (政府信息公[开], [桥]铺社区): fewer agree by chance everywhere.
PHRASE = 4
# Agreeing characters in all, both sides of the gap: a phrase of at least PHRASE + 1 characters,
# of which the written text keeps PHRASE.
AGREEING = PHRASE
# Agreeing characters counted on a side. The tests ask about 3 at most (a side of the phrase is
# PHRASE - 1 characters, a message shows 3), but occurrences are ranked by how far they agree
# (the one most alike is the one whose words are asked), so a few more count; uncounted, a run
# of 国国国… would make every gap's comparison as long as the run (quadratic).
REACH = 8
# How many of the full form's occurrences a gap is compared with: a character the document
# writes thousands of times in one trigram would otherwise make the comparison quadratic.
COMPARED = 16
# Marks that set items of a list apart: a two-character name there is a person of its own
# (周明、李华), not a three-character one with a character dropped.
_LIST_MARKS = "、和及与"
_HAN_RUN = lazy_regex.compile(r"\p{Han}{2,}")
_HAN = lazy_regex.compile(r"\p{Han}")
# Words that introduce an abbreviation the document defines: 以下简称县发改委.
_DEFINED = lazy_regex.compile(r"简称|下称")
DEFINITION_REACH = 16
# The longest dictionary word looked for either side of a gap.
LONGEST_WORD = 4
_OPENING_BRACKETS = "（(〔["


@dataclass(frozen=True)
class Gap:
    at: int  # offset of the character after the gap: the dropped one belongs before text[at]
    meant: str  # the dropped character
    written: str  # the text around the gap as written, for messages
    full: str  # the same with the character restored


def dropped_characters(text: str, skip: frozenset[str] = frozenset()) -> list[Gap]:
    """The gaps of ``text`` where a character the document writes elsewhere in the same phrase
    (``PHRASE`` or more characters, written twice or more) was dropped once, and ``_judged``
    takes for a slip; at most one character per gap (the first in code-point order judged a
    slip). Runs of Han characters holding any of ``skip`` are not judged (TYP020 passes
    traditional characters, as TYP015 does)."""
    counts = _Counts(text)
    found: dict[int, Gap] = {}
    for at, c, left, right, p in gap_places(text, skip):
        if at not in found and _judged(text, at, c, left, right, p, counts):
            lo, hi = at - min(left, 3), at + min(right, 3)
            found[at] = Gap(at, c, text[lo:hi], text[lo:at] + c + text[at:hi])
    return sorted(found.values(), key=lambda gap: gap.at)


def gap_places(text: str, skip: frozenset[str] = frozenset()):
    """(offset after the gap, the character that fills it, Han characters agreeing left and
    right, the filling character's occurrence) for every place between two Han characters a, b
    of a run (with none of ``skip``) where the document writes a c b, c no numeral or function
    character (one left out is wording, not a slip of the hand), characters in code-point
    order; the occurrence is the one of the first ``COMPARED`` (in text order) agreeing most.
    Linear in the text: every trigram is indexed once by its outer characters;
    tests/analysis/test_dropped.py compares it with trying every character at every gap."""
    runs = [(m.start(), m.group()) for m in _HAN_RUN.finditer(text) if skip.isdisjoint(m.group())]
    excluded = excluded_chars()
    # Only a trigram whose outer characters stand side by side somewhere can fill a gap.
    adjacent = {s[k:k + 2] for _, s in runs for k in range(len(s) - 1)}
    middles: dict[str, dict[str, list[int]]] = {}
    for start, s in runs:
        for k in range(len(s) - 2):
            outer = s[k] + s[k + 2]
            if outer in adjacent and s[k + 1] not in excluded:
                middles.setdefault(outer, {}).setdefault(s[k + 1], []).append(start + k + 1)
    for start, s in runs:
        for g in range(1, len(s)):
            filling = middles.get(s[g - 1:g + 1])
            if not filling:
                continue
            at = start + g
            for c in sorted(filling):
                left, right, p = max((_agreement(text, at, p) + (p,) for p in filling[c][:COMPARED]),
                                     key=lambda lrp: (lrp[0] + lrp[1], lrp))
                yield at, c, left, right, p


class _Counts:
    """How often the document writes a string of Han characters (every string the judge asks
    about is one: the agreeing characters are Han): its windows of that length over the runs
    of Han characters, counted once per length on first use, so that asking stays linear in
    the text however many gaps are judged (``str.count`` per string asked would not be)."""

    def __init__(self, text: str) -> None:
        self._runs = [m.group() for m in _HAN_RUN.finditer(text)]
        self._by_length: dict[int, Counter[str]] = {}

    def __call__(self, s: str) -> int:
        counted = self._by_length.get(len(s))
        if counted is None:
            n = len(s)
            counted = self._by_length[n] = Counter(r[k:k + n] for r in self._runs for k in range(len(r) - n + 1))
        return counted[s]


def _judged(text: str, at: int, c: str, left: int, right: int, p: int, counts: _Counts) -> bool:
    """Whether ``c`` dropped before text[at], the written text agreeing with the occurrence of
    ``c`` at ``p`` on ``left`` and ``right`` Han characters either side of the gap:
    - the full form is a phrase the document repeats: ``PHRASE`` characters or more on one side
      of the gap with ``c`` written twice or more, and ``AGREEING`` characters agree in all; or
      a three-character name written twice or more (``_name_dropped``);
    - outside a name, ``c`` stands inside a word of the full form (理 of 监督管理局): a
      character of a word is what a slip of the hand drops, a word of its own (副 of 副指挥长)
      is what a writer leaves out;
    - as written, the text does not read as words of its own at the gap: no word ends before
      it with a word beginning after it (镇党委|书记), the two characters it brings together are
      no word (实效 of 实施效果, 国贸: abbreviations are made so), and a side where only one
      character agrees does not make a word with its next one out (主义的本质 beside 主义的根本);
    - the shortened form (two characters either side of the gap) is written once: a form the
      document repeats is its own (河长制 beside 河湖长制);
    - it is not an abbreviation the document defines (以下简称县食药安办) or a form it glosses
      in brackets (县中医院（县中医医院）);
    - official writing does not write the shortened form (中小企业 beside 中小微企业)."""
    if left == 1 and right == 1:
        if not _name_dropped(text, at, c, p, counts):
            return False
    elif left + right < AGREEING or not _repeated_phrase(text, at, c, left, right, counts):
        return False
    elif not (_word_across(text, p) or _word_across(text, p + 1)):
        return False
    if _reads_as_words(text, at) or _other_word_at_edge(text, at, left, right):
        return False
    shortened = text[at - min(left, 2):at + min(right, 2)]
    if counts(shortened) >= 2 or _defined(text, text[at - 1:at + 1]) or _glossed(text, at):
        return False
    return model().phrase_count(shortened) < USUAL if len(shortened) > 2 else bigrams().count(shortened) < USUAL


def _repeated_phrase(text: str, at: int, c: str, left: int, right: int, counts: _Counts) -> bool:
    side = PHRASE - 1
    return ((left >= side and counts(text[at - side:at] + c) >= 2)
            or (right >= side and counts(c + text[at:at + side]) >= 2))


def _name_dropped(text: str, at: int, c: str, p: int, counts: _Counts) -> bool:
    """Whether text[at - 1:at + 1] is a three-character name written twice or more with its
    middle character dropped (李振华, 李华): a surname, then pairs official writing seldom
    writes (a name's given characters, not a word); the name ends where the occurrence at
    ``p`` has it end (no word takes its last character and the next: 蓝川仲裁 is no name); and
    the two characters as written are no item of a list of names (周明、李华, a person of
    their own)."""
    name = text[at - 1] + c + text[at]
    if text[at - 1] not in surnames()[0] or counts(name) < 2 or _word_across(text, p + 2):
        return False
    if (at >= 2 and text[at - 2] in _LIST_MARKS) or (at + 1 < len(text) and text[at + 1] in _LIST_MARKS):
        return False
    return all(bigrams().count(p) < USUAL for p in (name[:2], name[1:], text[at - 1:at + 1]))


def _defined(text: str, pair: str) -> bool:
    """Whether the document defines an abbreviation holding ``pair``, the characters either
    side of the gap: 以下简称县食药安办 makes 食药 the document's own word."""
    return any(pair in text[m.end():m.end() + DEFINITION_REACH] for m in _DEFINED.finditer(text))


def _other_word_at_edge(text: str, at: int, left: int, right: int) -> bool:
    """Whether one character agrees on a side and, as written, it makes a word with the next
    one out on that side: 主义的本质 beside 主义的根本 writes 本质, not 根本 less a character."""
    return ((right == 1 and word_begins_at(text, at, LONGEST_WORD))
            or (left == 1 and word_ends_at(text, at, LONGEST_WORD)))


def _word_across(text: str, at: int) -> bool:
    """Whether a dictionary word of the written text takes the characters either side of the gap."""
    return any(is_word(text[k:k + n]) for n in range(2, LONGEST_WORD + 1) for k in range(max(0, at - n + 1), at))


def _reads_as_words(text: str, at: int) -> bool:
    """Whether the written text reads as words of its own at the gap before text[at], whatever
    was dropped there: words meet there (``_words_meet``), or the two characters it brings
    together are a word (实效 of 实施效果, 国贸)."""
    return _words_meet(text, at) or is_word(text[at - 1:at + 1])


def _words_meet(text: str, at: int) -> bool:
    """Whether, as written, a word ends right before the gap and a word or a function character
    begins right after it: the text reads as whole words there (镇党委|书记 beside 镇党委副书记),
    a word of the full form left out or reworded, not a character broken out of a word
    (监督管|局)."""
    return word_ends_at(text, at, LONGEST_WORD) and (text[at] in excluded_chars()
                                                     or word_begins_at(text, at, LONGEST_WORD))


def _glossed(text: str, at: int) -> bool:
    """Whether the run of Han characters holding the gap is followed by an opening bracket: a
    form the document glosses there (县中医院（县中医医院）, 县发展和改革委员会（以下简称…）) is
    written on purpose."""
    end = at
    while end < len(text) and _HAN.match(text[end]):
        end += 1
    return end < len(text) and text[end] in _OPENING_BRACKETS


def _agreement(text: str, at: int, p: int) -> tuple[int, int]:
    """The Han characters left of the gap before text[at] that agree with those left of
    text[p] (the filling character's occurrence), and right of the gap with those right of
    text[p]; at most ``REACH`` either side."""
    left = 0
    while left < min(p, at, REACH) and text[p - left - 1] == text[at - left - 1] and _HAN.match(text[at - left - 1]):
        left += 1
    right = 0
    while right < REACH and p + 1 + right < len(text) and at + right < len(text) \
            and text[p + 1 + right] == text[at + right] and _HAN.match(text[at + right]):
        right += 1
    return left, right
