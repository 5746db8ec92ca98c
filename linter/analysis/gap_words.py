"""The segmentation dictionary's common words of two to four characters as one sorted array of
keys, for TYP023's compiled screen (``_gap_screen.c``): its word test asks whether a character
makes a common word with a piece, and asking ``evidence.word_count`` through a call into Python
cost ~2,000 instructions a word (the dictionary's group read in place), ~10 M over the speed
corpus's first 400 files (benchmarks/speed/NOTES.md, rounds 25 and 26); a binary search of this
array costs a few dozen.

A word's key packs its characters, 16 bits each, the first highest (``_gap_screen.c``'s
``word_key``): words of other lengths never share a key, and a word with a character beyond the
BMP has none (the screen asks no such word of the array: it is never common there). The array
holds exactly the words ``word_count`` counts ``common`` times or more — jieba's dictionary
and the domain words the segmenter adds (``data/segmentation_words.txt``), whose counts the
segmenter suggests as it adds them, so each word is asked of ``word_count`` itself.

Kept in the user's cache folder (``array_cache``) under a key of the two files' stamps
(``lexicon.stamp``: read without reading them), ``common`` and ``FORMAT``, and memory-mapped
from there without numpy (numpy builds it the first time, ~0.3 s); built in memory every time
where the folder cannot be written."""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon

FORMAT = 1  # what the array holds; a change of it names the folder anew
_SOURCES = ("segmentation_dict.txt", "segmentation_words.txt")
LONGEST = 4  # word_gaps.LONGEST_WORD, _gap_screen.c's LONGEST_WORD


def word_key(word: str) -> int:
    """The key of a word of two to four BMP characters (none U+0000): 16 bits a character, the
    first highest; 0 for any other."""
    if not 2 <= len(word) <= LONGEST:
        return 0
    key = 0
    for char in word:
        code = ord(char)
        if not 0 < code <= 0xFFFF:
            return 0
        key = key << 16 | code
    return key


def cache_key(common: int) -> str | None:
    """The folder's key: the dictionary's and the domain words' stamps, ``common`` and ``FORMAT``;
    None when a file has no stamp (not on disk: built every time)."""
    stamps = [lexicon.stamp(name) for name in _SOURCES]
    if None in stamps:
        return None
    import hashlib

    digest = hashlib.blake2b("\t".join([str(FORMAT), str(common), *stamps]).encode(), digest_size=16)
    return f"gap-words-{digest.hexdigest()}"


def _dictionary_words() -> set[str]:
    """Every word of two to four characters the dictionary's file lists (its lines: a first
    character, its own count, the second characters, then ``word count`` entries)."""
    import regex

    text = lexicon.read_binary("segmentation_dict.txt").decode("utf-8")
    return {word for word in regex.findall(r"(?m)(?<=[\t ])(\S{2,4}) \d+(?=[\t \n]|$)", text)}


def build(common: int) -> list[int]:
    """The sorted keys of the words ``word_count`` counts ``common`` times or more."""
    from gongwen.analysis.evidence import word_count

    candidates = _dictionary_words() | {w for w in lexicon.words("segmentation_words.txt") if len(w) <= LONGEST}
    return sorted({key for word in candidates if (key := word_key(word)) and word_count(word) >= common})


@cache
def keys(common: int):
    """The sorted keys (a buffer of unsigned 64-bit integers) of the words ``word_count`` counts
    ``common`` times or more: mapped from the user's cache folder, built and kept there the first
    time."""
    from gongwen.analysis import array_cache

    key = cache_key(common)
    if key is not None:
        mapped = _mapped(key)
        if mapped is not None:
            return mapped
    import numpy

    words = numpy.array(build(common), dtype="<u8")
    if key is not None:
        array_cache.save(numpy, key, {"words": words})
        mapped = _mapped(key)
        if mapped is not None:
            return mapped
    return memoryview(words.tobytes()).cast("Q")


def _mapped(key: str):
    """The array kept under ``key``, mapped without numpy (``array_cache.mapped``) as a flat
    memoryview of ``Q``; None when it is not there or is no such array."""
    from gongwen.analysis import array_cache

    parts = array_cache.mapped(key, ("words",))
    return parts["words"] if parts is not None and parts["words"].format == "Q" else None
