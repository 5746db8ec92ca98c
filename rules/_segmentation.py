"""jieba's segmentation without loading jieba's whole dictionary.

``jieba.Tokenizer().initialize()`` builds a prefix dictionary of 350,000 words and all their
prefixes (a 9 MB marshal cache, ~0.6 s), while the repetition rules segment only a few short
clauses per document. :class:`LazyTokenizer` is a ``jieba.Tokenizer`` whose frequencies come
from ``data/segmentation_dict.txt`` (jieba's own words and counts grouped by first character,
see ``data/build_segmentation_dict.py``) and are parsed only for the characters of the clauses
it is given. It answers every frequency question jieba's code asks exactly as the full prefix
dictionary would, so the segmentation (including the HMM for unknown words) is jieba's:
``tests/test_segmentation.py`` compares the two.
"""
from __future__ import annotations

import logging
import sys
from importlib.resources import files


def _import_jieba():
    """``import jieba`` without ``pkg_resources``. jieba 0.42 imports it only to find its own
    data files and falls back to a plain path when it is missing (as it is wherever setuptools
    is not installed); importing it costs ~0.07 s and warns that it is deprecated."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba
        return jieba
    sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    try:
        import jieba
    finally:
        if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
    return jieba


jieba = _import_jieba()


class _Frequencies:
    """The part of jieba's prefix dictionary (``Tokenizer.FREQ``) that jieba reads while
    cutting: ``get(word)`` is the word's count, 0 for a single character that only begins
    longer words (jieba stores every prefix with count 0), else the default."""

    def __init__(self, data: bytes) -> None:
        self._groups: dict[str, dict[str, int]] = {}
        self._longest: dict[str, int] = {}  # per first character: its longest word's length
        self.extra: dict[str, int] = {}  # words added with add_word
        self.extra_firsts: set[str] = set()
        self.extra_longest: dict[str, int] = {}
        self.total = self.longest = 0
        lines = data.split(b"\n")
        body = 0
        while body < len(lines) and lines[body].startswith(b"# "):  # the header comments
            if lines[body].startswith(b"# total "):
                _, _, total, _, longest = lines[body].split(b" ")
                self.total, self.longest = int(total), int(longest)
            body += 1
        # First character (UTF-8) -> the rest of its line, still undecoded: a process decodes
        # only the few hundred groups its clauses begin with, not the 4 MB of all 12,000.
        self._lines: dict[bytes, bytes] = dict(line.split(b"\t", 1) for line in lines[body:] if line)

    def _group(self, first: str) -> dict[str, int]:
        group = self._groups.get(first)
        if group is None:
            parts = self._lines.get(first.encode("utf-8", "surrogatepass"), b"").decode("utf-8").split(" ")
            group = self._groups[first] = dict(zip(parts[0::2], map(int, parts[1::2])))
            self._longest[first] = max(map(len, group), default=1)
        return group

    def longest_from(self, first: str) -> int:
        """The length of the longest word (dictionary or added) that begins with ``first``."""
        self._group(first)
        return max(self._longest[first], self.extra_longest.get(first, 1))

    def get(self, word: str, default: int | None = None) -> int | None:
        count = self.extra.get(word)
        if count is None:
            count = self._group(word[0]).get(word)
        if count is None and len(word) == 1 and (
                word in self.extra_firsts or word.encode("utf-8", "surrogatepass") in self._lines):
            return 0
        return default if count is None else count

    def __contains__(self, word: str) -> bool:  # only jieba's own get_DAG asks; ours does not
        raise NotImplementedError


class LazyTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` over ``data/segmentation_dict.txt``, loaded in milliseconds."""

    def __init__(self) -> None:
        super().__init__()
        jieba.setLogLevel(logging.WARNING)
        self.FREQ = _Frequencies(files("gongwen.rules").joinpath("data", "segmentation_dict.txt").read_bytes())
        self.total = self.FREQ.total
        self.initialized = True

    def initialize(self, dictionary=None) -> None:
        if dictionary is not None:
            raise ValueError("LazyTokenizer always uses data/segmentation_dict.txt")

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        """jieba's DAG: for each start, the ends of the dictionary words that begin there.
        jieba walks its prefix dictionary and stops at the first fragment that begins no word;
        here every fragment up to the longest word's length is looked up, which finds the
        same words because every prefix of a word is a prefix. A fragment longer than the
        longest word that begins with its first character is not looked up."""
        freq, n = self.FREQ, len(sentence)
        dag = {}
        for k in range(n):
            # FREQ.get inlined (the hot loop of a run): an added word's count, else the
            # dictionary's; both are positive for words, so truthiness matches get().
            first, extra = sentence[k], freq.extra
            group = freq._group(first)
            limit = min(n, k + freq.longest_from(first))
            ends = [i for i in range(k, limit) if extra.get(w := sentence[k:i + 1]) or group.get(w)]
            dag[k] = ends or [k]
        return dag

    def add_word(self, word: str, freq=None, tag=None) -> None:
        """``jieba.Tokenizer.add_word`` without tags (the prefixes need no entries here)."""
        if tag is not None:
            raise ValueError("tags are not supported")
        freq = int(freq) if freq is not None else self.suggest_freq(word, False)
        if freq == 0:
            raise ValueError("forced splits are not supported")
        self.FREQ.extra[word] = freq
        self.FREQ.extra_firsts.add(word[0])
        self.FREQ.extra_longest[word[0]] = max(self.FREQ.extra_longest.get(word[0], 1), len(word))
        self.FREQ.longest = max(self.FREQ.longest, len(word))
        self.total += freq
