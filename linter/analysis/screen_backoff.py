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
- it is the only candidate that does (one repair, not a guess among several), and it makes
  its word with the neighbour before it: the word ends at the place. The back-off's right reports
  all close their word (吸纳, 渠道, 减免, 科员); where the substitute would open one, the written
  character most often ends a term of its own (寿期, 储血, 封沙, 室务: round 25), and round 26
  vetoed such suspects in the judge; asked here, the screen hands the judge half as many places;
- it shares the written character's commonest reading (``reads_apart``, round 25: asked here
  since round 27, so that the screen hands the judge no place the judge would veto for it);
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

# Whether the back-off is asked at all. Rounds 24-26 measured it off (its new reports on untuned
# text right about one in three, then 6 of 9). Round 27 judged it on a fresh batch written for
# it (fixtures/genres/backoff27) and the genre batches since: 19 new reports on untuned text, 13
# right; ported it to the compiled screen; but on it cost +1.4 % of a default run (the bar
# +0.5 %), so it shipped off. Round 28 brought the cost to ~+0.35 % (callgrind, 400 files: the
# judge asks whether a suspect is the back-off's of its substitute alone, C's backoff() asks the
# cheap pairs first) and judged it on a second fresh batch written with rare characters used
# rightly (fixtures/genres/backoff28: 12 new reports, 11 right): on since round 28. Off (tests,
# measurements), the judge never asks it and the screen's arrays leave its word table out.
ON = True
# The count a substitute's word needs in the dictionary (confusables.FREQUENT_WORD is this).
COMMON_WORD = 50
# What the word table's values say of a pair (``word_parts``).
WORD, COMMON = 1, 2
# The data files the table and the flags are derived from (part of the screen's cache key).
SOURCES = ("segmentation_dict.txt", "segmentation_words.txt", "proper_noun_words.txt", "function_chars.toml",
           "main_readings.txt")


MAIN_READINGS = "main_readings.txt"


@cache
def _main_readings() -> dict[str, str]:
    """Every listed character's commonest reading (the screen's arrays are built from it)."""
    return {c: reading for reading, chars in (line.split("\t") for line in lexicon.entry_lines(MAIN_READINGS))
            for c in chars}


@cache
def _reading_of(c: str) -> str | None:
    """The commonest reading of ``c``, found in the list's text (each character is listed once):
    the judge asks a few characters a process, and building the whole table cost more than
    the back-off's judging (~8 M instructions, round 27)."""
    text = lexicon.text(MAIN_READINGS)
    at = text.find(c, text.find("\n\n") if "\n\n" in text else 0)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        line = text[start:text.find("\n", at) if text.find("\n", at) >= 0 else len(text)]
        reading, _, chars = line.partition("\t")
        if not line.startswith("#") and at > start + len(reading):
            return reading
        at = text.find(c, at + 1)
    return None


def reads_apart(written: str, meant: str) -> bool:
    """Whether the substitute lacks the written character's commonest reading
    (``data/main_readings.txt``): the IME's slip types the reading meant, and the candidate
    table's "same reading" of any rare reading (鼻 and 服, 韦 and 机) is no such slip."""
    reading = _reading_of(written)
    return reading is None or reading != _reading_of(meant)


def proper_nouns() -> lexicon.SortedWords:
    """The dictionary's proper nouns (a sorted list, searched by bisection: the judge asks a
    few pairs a process, and a set of its 4,000 words cost more than its judging)."""
    return lexicon.sorted_words("proper_noun_words.txt")


@cache
def function_chars() -> frozenset[str]:
    return frozenset(lexicon.table(lexicon.FUNCTION_CHARS)["tags"])


def common_word(pair: str, nouns=None) -> bool:
    """Whether ``pair`` is a dictionary word counted ``COMMON_WORD`` times, no proper noun
    (``nouns``: the proper nouns as a set, for a caller that asks them all)."""
    return word_count(pair) >= COMMON_WORD and pair not in (proper_nouns() if nouns is None else nouns)


def substitute(lm, s: str, i: int, alternatives: dict[str, float], margin: float) -> tuple[float, str] | None:
    """The back-off's substitute for s[i] (a run of Han characters) among ``alternatives`` (with
    their penalties), as (how much the model prefers it, the substitute), or None: the module's
    tests. Asked only where no candidate has a known trigram through i."""
    c = s[i]
    left = s[i - 1] if i > 0 else ""
    right = s[i + 1] if i + 1 < len(s) else ""
    if not (left or right) or any(n not in lm.chars for n in c + left + right):
        return None
    # The model's tests first, the dictionary's last (the answer is the same, as C's backoff()
    # asks): the written pairs' counts, then whether any candidate of the written character's
    # reading makes a usual pair with the character before. Most places end there, and a short
    # document with none reads no dictionary (round 28: on by default, a 2 KB text of plain prose
    # read jieba's for the written pairs' words).
    if (left and lm.pair_count(left + c)) or (right and lm.pair_count(c + right)):
        return None
    edges = function_chars()
    if not left or left in edges or not any(
            lm.pair_count(left + alt) >= USUAL and not reads_apart(c, alt) for alt in alternatives):
        return None  # the one repair must close its word with the character before, in its reading
    if (left and word_count(left + c)) or (right and word_count(c + right)):
        return None

    def closes(alt: str) -> bool:
        return bool(left) and left not in edges and lm.pair_count(left + alt) >= USUAL and common_word(left + alt)

    found = [(alt, penalty) for alt, penalty in alternatives.items()
             if closes(alt) or (right and right not in edges and lm.pair_count(alt + right) >= USUAL
                                and common_word(alt + right))]
    if len(found) != 1 or not closes(found[0][0]) or reads_apart(c, found[0][0]):
        return None  # several repairs, the one opens its word, or it is no slip the IME makes
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


def word_parts(np, id_of, chars, base: int, asked: bool = True) -> tuple:
    """For the compiled screen: the keys (first id * base + second id) of the dictionary's
    two-character words whose characters the model knows, with their values (``COMMON`` for a
    word ``common_word`` takes, else ``WORD``); per id, whether it is a function character; and
    per id, its commonest reading's number (1 and up; 0: none listed, ``reads_apart``'s None),
    ``chars`` being the id's character. Not ``asked`` (the back-off off): none, and no file read."""
    keys, values = [], []
    other = base - 1  # the id of every character the model does not know
    nouns = lexicon.words("proper_noun_words.txt") if asked else frozenset()  # all asked: a set
    for word, count in _pairs_of_dictionary().items() if asked else ():
        a, b = (int(id_of[ord(ch)]) if ord(ch) < len(id_of) else other for ch in word)
        if a != other and b != other and count:
            keys.append(a * base + b)
            values.append(COMMON if common_word(word, nouns) else WORD)
    function = np.zeros(base, dtype=np.uint8)
    for ch in function_chars() if asked else ():
        if ord(ch) < len(id_of) and id_of[ord(ch)] != other:
            function[id_of[ord(ch)]] = 1
    reading = np.zeros(base, dtype=np.uint16)
    if asked:
        numbers = {r: k + 1 for k, r in enumerate(sorted(set(_main_readings().values())))}
        for i, code in enumerate(chars[:base - 1].tolist()):
            reading[i] = numbers.get(_main_readings().get(chr(code)), 0)
    return np.array(keys, dtype=np.int64), np.array(values, dtype=np.int64), function, reading
