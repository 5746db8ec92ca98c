"""TYP013's dictionary back-off: a substitute where the character model knows no trigram
through a place, with the dictionary standing in for the trigram.

The screen (``char_screen``, ``_char_screen.c``) and the judge (``confusables._best_substitute``)
ask of a substitute a trigram the model knows with it written there: a repair that fits official
writing, not only a word (丙庚地 is no 丙耕地). Official writing's counted texts are a few million
characters, so a common word at a run's end or beside a rare neighbour often has no trigram at
all (院前急就 -> 急救, 互联网医元 -> 医院, 记者鹏友 -> 朋友): the screen dropped them before anything
else was asked. Where no candidate has a known trigram through the place (and only there), one
may still be the substitute when
- the text as written is no dictionary word with either neighbour and no pair official writing
  writes as a unit at all (the model keeps every pair its texts write twice or more: 深查 of
  深查彻改 is a term of its own there, and a slip seldom repeats);
- it makes with a neighbour a pair official writing writes ``USUAL`` times that is a dictionary
  word counted ``COMMON_WORD`` times or more, no proper noun by the dictionary's tags
  (``proper_noun_words.txt``: 许晨阳 is no 沈阳), the neighbour being no function character
  (在, 为, 等: 放在, 为期, 高等 are words of any place);
- it is the only candidate that does (one repair, not a guess among several);
- and the model still prefers it by ``margin`` (the caller's: ``BACKOFF_MARGIN``), its back-off
  scores counting what the trigram cannot.
The character and its neighbours must be ones the model counts alone (its unigrams): one it
never counted says nothing of either form (何婉如: 婉 is a name's, not a slip for 方).
``substitute`` is the definition, asked by the judge in Python; the compiled screen asks the same
of ``word_parts``' packed table and the function flags, and ``char_screen``'s numpy path of
``ScreenArrays`` (``tests/test_char_screen.py`` compares them).
"""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon
from gongwen.analysis.evidence import USUAL, word_count

# Whether the back-off is asked at all: off, it is measured, not shipped (rounds 24 and 25: with
# its vetoes, ``backoff_vetoes``, it finds some 60 more of the held-out sets' slips, but on
# untuned text its new reports are right about one in three, short of info's two in three).
# Off, the judge never asks it and the screen's arrays leave its word table out, so their cache
# key hashes no dictionary (4.8 MB: 2.3 % of a default run's instructions). Tests and
# measurements switch it on.
ON = False
# The count a substitute's word needs in the dictionary (confusables.FREQUENT_WORD is this).
COMMON_WORD = 50
# What the word table's values say of a pair (``word_parts``).
WORD, COMMON = 1, 2
# The data files the table and the flags are derived from (part of the screen's cache key).
SOURCES = ("segmentation_dict.txt", "segmentation_words.txt", "proper_noun_words.txt", "function_chars.toml")


@cache
def proper_nouns() -> frozenset[str]:
    return lexicon.words("proper_noun_words.txt")


@cache
def function_chars() -> frozenset[str]:
    return frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])


def common_word(pair: str) -> bool:
    """Whether ``pair`` is a dictionary word counted ``COMMON_WORD`` times, no proper noun."""
    return word_count(pair) >= COMMON_WORD and pair not in proper_nouns()


def substitute(lm, s: str, i: int, alternatives: dict[str, float], margin: float) -> tuple[float, str] | None:
    """The back-off's substitute for s[i] (a run of Han characters) among ``alternatives`` (with
    their penalties), as (how much the model prefers it, the substitute), or None: the module's
    tests. Asked only where no candidate has a known trigram through i."""
    c = s[i]
    left = s[i - 1] if i > 0 else ""
    right = s[i + 1] if i + 1 < len(s) else ""
    if not (left or right) or any(n not in lm.chars for n in c + left + right):
        return None
    if ((left and (word_count(left + c) or lm.pair_count(left + c)))
            or (right and (word_count(c + right) or lm.pair_count(c + right)))):
        return None
    edges = function_chars()
    found = [(alt, penalty) for alt, penalty in alternatives.items()
             if (left and left not in edges and lm.pair_count(left + alt) >= USUAL and common_word(left + alt))
             or (right and right not in edges and lm.pair_count(alt + right) >= USUAL and common_word(alt + right))]
    if len(found) != 1:
        return None
    alt, penalty = found[0]
    gain = lm.span_score(s, i, alt) - lm.span_score(s, i, c) - penalty
    return (gain, alt) if gain >= margin else None


def _pairs_of_dictionary() -> dict[str, int]:
    """The dictionary's two-character words (jieba's, and the domain words) with their counts."""
    found = {}
    for line in lexicon.text("segmentation_dict.txt").splitlines():
        if line.startswith("#"):
            continue
        for group in line.split("\t")[3:]:
            items = group.split(" ")
            for word, count in zip(items[::2], items[1::2]):
                if len(word) == 2 and int(count):
                    found[word] = int(count)
    for word in lexicon.words("segmentation_words.txt"):
        if len(word) == 2:
            found[word] = word_count(word)  # an added word's count, as the segmenter has it
    return found


def word_parts(np, id_of, base: int, asked: bool = True) -> tuple:
    """For the compiled screen: the keys (first id * base + second id) of the dictionary's
    two-character words whose characters the model knows, with their values (``COMMON`` for a
    word ``common_word`` takes, else ``WORD``); and per id, whether it is a function character.
    Not ``asked`` (the back-off off): none, and no file read."""
    keys, values = [], []
    other = base - 1  # the id of every character the model does not know
    for word, count in _pairs_of_dictionary().items() if asked else ():
        a, b = (int(id_of[ord(ch)]) if ord(ch) < len(id_of) else other for ch in word)
        if a != other and b != other and count:
            keys.append(a * base + b)
            values.append(COMMON if common_word(word) else WORD)
    function = np.zeros(base, dtype=np.uint8)
    for ch in function_chars() if asked else ():
        if ord(ch) < len(id_of) and id_of[ord(ch)] != other:
            function[id_of[ord(ch)]] = 1
    return np.array(keys, dtype=np.int64), np.array(values, dtype=np.int64), function
