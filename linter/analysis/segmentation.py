"""jieba's segmentation without loading jieba's whole dictionary.

``jieba.Tokenizer().initialize()`` builds a prefix dictionary of 350,000 words and all their
prefixes (a 9 MB marshal cache, ~0.6 s), while the repetition rules segment only a few short
clauses per document. :class:`LazyTokenizer` is a ``jieba.Tokenizer`` whose frequencies come
from ``data/segmentation_dict.txt`` (jieba's own words and counts grouped by first character,
see ``data/build_segmentation_dict.py``) and are parsed only for the characters of the clauses
it is given. It answers every frequency question jieba's code asks exactly as the full prefix
dictionary would, so the segmentation (including the HMM for unknown words) is jieba's:
``tests/analysis/test_segmentation.py`` compares the two.
"""
from __future__ import annotations

import importlib
import logging
import sys
import threading
import types
from array import array
from bisect import bisect_left
from math import log
from typing import NamedTuple

from gongwen.analysis import lexicon

try:
    from gongwen.analysis import _hmm
except ImportError:  # not built: jieba's own HMM cut
    _hmm = None
try:
    from gongwen.analysis import _word_table
except ImportError:  # not built: _Frequencies and the route above
    _word_table = None


class _Deferred(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its names is used, then imports it.
    Importing the real module sets it as its package's attribute, which is the name the
    package's own code uses (jieba's ``finalseg``): after the first use, calls go straight to it.
    Of the dunder names only ``__path__`` imports it (a submodule's import asks for it): tools
    that walk ``sys.modules`` asking for ``__file__`` and the like must not."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name != "__path__":
            raise AttributeError(name)
        with _importing:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            return getattr(importlib.import_module(self.__name__), name)


_importing = threading.Lock()


# What jieba imports at its top but reads only in ``Tokenizer.initialize``, which LazyTokenizer
# never calls: ``tempfile`` (with shutil, bz2, lzma and random, ~2.5 ms) for its dictionary's
# cache file. A stand-in takes its place in jieba's namespace only: it leaves ``sys.modules``
# as soon as jieba is imported, so every other module's ``import tempfile`` is the real one.
_UNUSED_BY_JIEBA = ("tempfile",)


def _import_jieba():
    """``import jieba`` without ``pkg_resources``, without its HMM for unknown words until
    a clause has one, and without the modules it needs only for its own dictionary cache
    (``_UNUSED_BY_JIEBA``). jieba 0.42 imports ``pkg_resources`` only to find its own data
    files and falls back to a plain path when it is missing (as it is wherever setuptools is
    not installed); importing it costs ~0.07 s and warns that it is deprecated. The HMM's tables
    (``jieba.finalseg``, ~8 ms to import) are read only by the clauses whose words are not all
    in the dictionary: a small file's clauses seldom have such a run (its cold start)."""
    if "jieba" in sys.modules:
        import jieba
        return jieba
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # makes `import pkg_resources` raise ImportError
    deferred = sys.modules.setdefault("jieba.finalseg", _Deferred("jieba.finalseg"))
    unused = {name: _Deferred(name) for name in _UNUSED_BY_JIEBA if name not in sys.modules}
    sys.modules.update(unused)
    try:
        import jieba
    except BaseException:
        if sys.modules.get("jieba.finalseg") is deferred:
            del sys.modules["jieba.finalseg"]
        raise
    finally:
        if blocked and "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
            del sys.modules["pkg_resources"]
        for name, stand_in in unused.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
    return jieba


jieba = _import_jieba()


class _Group:
    """What the dictionary says about the words that begin with one character: its own count
    as a word (None if it is none), the words of each following character parsed on first use
    (``parsed``: second character -> (words and counts, the longest's length)), the following
    characters in the order of their groups in the file (``seconds``), and the character's
    line of the file, undecoded, with where its groups begin and end (``line``, which may be
    the whole file, ``body``, ``end``). A
    common character begins words with a thousand others: finding one in ``seconds`` is
    cheaper than building a dictionary of them all for the few a clause asks about, and
    reaching its group in the line cheaper than splitting the line into
    its groups at the character's first use (a third of the cold segmentation's cost)."""

    __slots__ = ("single", "parsed", "seconds", "line", "body", "end")

    def __init__(self, single: int | None, seconds: str, line: bytes, body: int, end: int) -> None:
        self.single, self.parsed, self.seconds = single, {}, seconds
        self.line, self.body, self.end = line, body, end  # the groups are line[body:end]


def _header(data: bytes) -> tuple[int, int, int]:
    """The dictionary's total count and longest word's length (its ``# total`` comment), and
    where its lines begin, past the header comments (``data`` may be a memory map)."""
    total = longest = body = 0
    while data[body:body + 2] == b"# ":
        newline = data.find(b"\n", body)
        newline = newline if newline >= 0 else len(data)
        line = data[body:newline]
        if line.startswith(b"# total "):
            _, _, total, _, longest = line.split(b" ")
            total, longest = int(total), int(longest)
        body = newline + 1
    return total, longest, min(body, len(data))


# The header line of a dictionary whose groups hold their words in code point order, each once
# (rules/data/build_segmentation_dict.py writes it): _word_table then stops reading a group at
# the first word that sorts after the text, half a group on average, where an unsorted one
# (tests' generated dictionaries) is read to its end.
SORTED_GROUPS = b"# groups sorted, each word once"


def sorted_groups(data: bytes, body: int) -> bool:
    """Whether the header (``data[:body]``, ``_header``'s) holds the SORTED_GROUPS line."""
    header = data[:body]
    return header.startswith(SORTED_GROUPS + b"\n") or b"\n" + SORTED_GROUPS + b"\n" in header


class _Frequencies:
    """The part of jieba's prefix dictionary (``Tokenizer.FREQ``) that jieba reads while
    cutting: ``get(word)`` is the word's count, 0 for a single character that only begins
    longer words (jieba stores every prefix with count 0), else the default."""

    _NO_WORDS: tuple[dict[str, int], int] = ({}, 0)

    def __init__(self, data: bytes) -> None:
        # First character -> its _Group, filled per character on first use.
        self._groups: dict[str, _Group] = {}
        self.extra: dict[str, int] = {}  # words added with add_word
        self.extra_firsts: set[str] = set()
        self.extra_pairs: dict[str, dict[str, int]] = {}  # added words of two or more characters
        self.extra_seconds: dict[str, str] = {}  # their first character -> their second ones
        self.total, self.longest, body = _header(data)
        # The lines, one per first character (UTF-8), still undecoded: a process decodes only
        # the lines its clauses' characters begin, and of those only the groups of the pairs of
        # characters that occur, not the 4 MB of all 350,000 words. The builder sorts them by
        # first character, and no character's UTF-8 is a prefix of another's, so a line is
        # found by bisection (``_span``) over its lines split once (~3.4 ms a process; a
        # dictionary of them all cost a split of each of the 11,800 lines, ~5 ms). This reader is
        # the reference of ``_word_table.c`` (tests/analysis/test_word_table.py) and what runs
        # where that is not built; its own C helpers went when that became the default path.
        self._lines = data[body:].split(b"\n")
        self._end = len(self._lines) - (not self._lines[-1])  # the last line may be empty

    def _span(self, first: bytes) -> tuple[bytes, int, int] | None:
        """The line of the words that begin with ``first`` as (bytes holding it, its start,
        its end), or None when no word begins with it."""
        key = first + b"\t"
        at = bisect_left(self._lines, key, 0, self._end)
        if at < self._end and self._lines[at].startswith(key):
            line = self._lines[at]
            return line, 0, len(line)
        return None

    def group(self, first: str) -> _Group:
        """The _Group of ``first`` (call after ``_groups.get`` missed: get_DAG asks per character)."""
        group = self._groups.get(first)
        if group is None:
            line, fields = self._python_group_fields(first.encode("utf-8", "surrogatepass"))
            if fields is None:  # no word begins with it
                line, fields = b"\t\t", (None, "", 2, 2)
            count, seconds, body, end = fields
            extra = self.extra.get(first)
            # The line is not copied: a slice of it would copy what the groups hold.
            group = self._groups[first] = _Group(count if extra is None else extra, seconds, line, body, end)
        return group

    def _python_group_fields(self, first: bytes) -> tuple[bytes, tuple[int | None, str, int, int] | None]:
        """The bytes holding the line of ``first`` (a character's UTF-8) and its fields. The line: <first>\t<count or nothing>\t<second characters>[\t<group>…]
        (the builder's)."""
        span = self._span(first)
        if span is None:
            return b"", None
        line, start, end = span
        count_at = line.find(b"\t", start, end) + 1
        seconds_at = line.find(b"\t", count_at, end) + 1
        if count_at == 0 or seconds_at == 0:
            raise ValueError("a line without its second characters")
        third = line.find(b"\t", seconds_at, end)  # none when no longer word begins with it
        seconds, body = (line[seconds_at:third], third + 1) if third >= 0 else (line[seconds_at:end], end)
        count = int(line[count_at:seconds_at - 1]) if seconds_at > count_at + 1 else None
        return line, (count, seconds.decode("utf-8"), body, end)

    def pair_words(self, group: _Group, pair: str) -> tuple[dict[str, int], int] | None:
        """The words (dictionary or added) that begin with ``pair`` (which ``group`` begins),
        with their counts, and the length of the longest of them, parsed and kept on first use;
        None when no word begins with the pair (not kept: most pairs of a clause begin none,
        and ``seconds`` already answers them in one search)."""
        at = group.seconds.find(pair[1])
        extra = self.extra_pairs.get(pair)
        if at < 0 and extra is None:
            return None
        if at < 0:
            counts, longest = {}, 0
        else:
            counts, longest = self._python_group_words(group, pair)
        if extra is not None:
            counts.update(extra)  # an added word's count wins, as in get()
            longest = max(map(len, counts))
        words = group.parsed[pair[1]] = (counts, longest)
        return words

    @staticmethod
    def _python_group_words(group: _Group, pair: str) -> tuple[dict[str, int], int]:
        """The words of the group of ``pair`` (whose second character is in ``group.seconds``)
        with their counts, and the longest's length.
        The group is the one field of the line that begins with the pair: only tabs part the
        fields, every group's first word begins with its own pair, and UTF-8 is prefix-free,
        so a tab followed by the pair's bytes is that field's start and no other."""
        line, body, end, key = group.line, group.body, group.end, pair.encode("utf-8", "surrogatepass")
        start = body if line.startswith(key, body) else line.index(b"\t" + key, body, end) + 1
        stop = line.find(b"\t", start, end)
        parts = line[start:stop if stop >= 0 else end].decode("utf-8").split(" ")
        counts = dict(zip(parts[0::2], map(int, parts[1::2])))
        return counts, max(map(len, counts))

    def follows(self, group: _Group, first: str) -> str:
        """Every character that follows ``first`` (which ``group`` is of) in a word, dictionary
        or added: a character outside it begins no word with ``first``."""
        return group.seconds + self.extra_seconds.get(first, "")

    def words(self, pair: str) -> tuple[dict[str, int], int]:
        """The words (dictionary or added) that begin with the two characters ``pair``, with
        their counts, and the length of the longest of them (0 when there is none)."""
        group = self._groups.get(pair[0]) or self.group(pair[0])
        words = group.parsed.get(pair[1]) or self.pair_words(group, pair)
        return self._NO_WORDS if words is None else words

    def single(self, char: str) -> int | None:
        """The count of the one-character word ``char``, None if it is no word."""
        return (self._groups.get(char) or self.group(char)).single

    def get(self, word: str, default: int | None = None) -> int | None:
        if len(word) > 1:
            count = self.words(word[:2])[0].get(word)
        else:
            count = self.single(word)
            if count is None and (word in self.extra_firsts or self._span(word.encode("utf-8", "surrogatepass")) is not None):
                return 0
        return default if count is None else count

    def add(self, word: str, count: int) -> None:
        self.extra[word] = count
        self.extra_firsts.add(word[0])
        if len(word) > 1:
            self.extra_pairs.setdefault(word[:2], {})[word] = count
            self.extra_seconds[word[0]] = self.extra_seconds.get(word[0], "") + word[1]
        self._groups.pop(word[0], None)  # rebuilt with the word on next use
        self.longest = max(self.longest, len(word))

    def __contains__(self, word: str) -> bool:  # only jieba's own get_DAG asks; ours does not
        raise NotImplementedError


class _CompiledFrequencies:
    """_Frequencies' answers read in place from the dictionary's bytes by
    ``_word_table.WordTable``, which the best route reads too (``route``): no _Group, no dict
    of a group's words, no Python call per character of a clause. ``words`` builds its dict
    (kept per pair: TYP013 asks the same pairs again); ``get`` reads the group's bytes each
    time. _Frequencies is the reference (tests/analysis/test_word_table.py)."""

    def __init__(self, data: bytes) -> None:
        self.total, self.longest, body = _header(data)
        self._table = _word_table.WordTable(data, body, sorted_groups(data, body))
        self.route = self._table.route
        self.get = self._table.get  # get(word, default=None), as _Frequencies.get
        self._words: dict[str, tuple[dict[str, int], int]] = {}

    def words(self, pair: str) -> tuple[dict[str, int], int]:
        """As _Frequencies.words."""
        words = self._words.get(pair)
        if words is None:
            words = self._words[pair] = self._table.words(pair)
        return words

    def add(self, word: str, count: int) -> None:
        self._table.add(word, count)
        self._words.clear()
        self.longest = max(self.longest, len(word))

    def __contains__(self, word: str) -> bool:  # only jieba's own get_DAG asks; ours does not
        raise NotImplementedError


class _Start(NamedTuple):
    """What the best route reads at every visit to one character, gathered on the first: the
    one-character word's weight in the route (``log(count) - log(total)``, the sum jieba's
    ``calc`` begins with; None if it is no word), the characters that follow it in a longer
    word (``follows``: one search of it answers a pair that begins no word, almost half of a
    clause's pairs), and its _Group (``group``, and the group's parsed pairs as ``pairs``)."""

    weight: float | None
    follows: str
    group: _Group
    pairs: dict[str, tuple[dict[str, int], int]]


_NO_ROUTE = float("-inf")  # below every route's score: no word begins here


class LazyTokenizer(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` over ``data/segmentation_dict.txt``, loaded in milliseconds."""

    def __init__(self, frequencies: type | None = None) -> None:
        """``frequencies``: the class that reads the dictionary, _CompiledFrequencies where it
        is built, else _Frequencies (the reference, which tests also pass)."""
        super().__init__()
        jieba.setLogLevel(logging.WARNING)
        if frequencies is None:
            frequencies = _Frequencies if _word_table is None else _CompiledFrequencies
        self.FREQ = frequencies(lexicon.mapped("segmentation_dict.txt"))
        self.total = self.FREQ.total
        self.initialized = True
        # First character -> its _Start, for the current total and words (add_word clears it).
        self._starts: dict[str, _Start] = {}

    def initialize(self, dictionary=None) -> None:
        if dictionary is not None:
            raise ValueError("LazyTokenizer always uses data/segmentation_dict.txt")

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:
        """jieba's DAG: for each start, the ends of the dictionary words that begin there.
        jieba walks its prefix dictionary and stops at the first fragment that begins no word;
        here the one-character word is looked up, then every fragment up to the length of the
        longest word that begins with the same two characters, which finds the same words
        because every prefix of a word is a prefix. A start whose two characters begin no
        word has no longer fragment to look up. Only jieba's own paths ask for it (cut without
        the HMM, as add_word's suggest_freq does); the repetition rules use :meth:`token_ends`."""
        freq, n = self.FREQ, len(sentence)
        dag = {}
        for k in range(n):
            ends = [k] if freq.get(sentence[k]) else []  # counts of words are positive
            if k + 1 < n:
                counts, longest = freq.words(sentence[k:k + 2])
                get = counts.get
                ends += [i for i in range(k + 1, min(n, k + longest)) if get(sentence[k:i + 1])]
            dag[k] = ends or [k]
        return dag

    def token_ends(self, clause: str) -> tuple[int, ...]:
        """Where each token of ``cut(clause, HMM=True)`` ends: offsets 0 < e1 < … < len(clause).
        For a clause that jieba cuts as one block (its ``re_han_default``: the repetition rules'
        runs of Han characters), the DAG, the best route and the walk over it are one pass from
        the last character back, each word's count looked up once: jieba builds the DAG as a
        dictionary of lists, asks ``FREQ.get`` for every edge's count again in ``calc``, and
        yields the tokens as strings, for rules that read only where tokens end (0.044 ->
        0.033 s warm for the 1,642 clauses of the benchmark's 1,000 files; with what each
        character's visit reads kept per character, _Start, 0.021). The sums are
        jieba's, in its order, and a tie goes to the longer word as in jieba's ``max`` over
        (score, end); a run of single characters that is no word goes to its HMM as in
        ``__cut_DAG``. tests/analysis/test_segmentation.py compares it with ``cut``. The route
        is ``_word_table.c``'s where it is built (it reads the dictionary's bytes: round 18),
        else, for the reference reader _Frequencies, ``_python_route``'s. Any other
        clause is cut into those blocks and what lies between them as ``cut`` does
        (:meth:`_block_ends`)."""
        if jieba.re_han_default.fullmatch(clause) is None:
            return self._block_ends(clause)
        return self._han_ends(clause)

    def _block_ends(self, clause: str) -> tuple[int, ...]:
        """``token_ends`` of a clause that is not one of jieba's blocks, as ``cut(clause,
        HMM=True)`` cuts it: split into runs of ``re_han_default`` (each cut as one block:
        :meth:`_han_ends`) and what lies between them, split again at ``re_skip_default``'s
        line breaks and spaces (each one token) into single characters. In ``cut``'s order
        and with its tests, so that the ends are the same (tests/analysis/test_segmentation.py),
        without jieba's own DAG cut, whose buffers of single characters import its HMM's
        tables (~8 ms) where the compiled cut reads the shipped ones."""
        han, skip = jieba.re_han_default, jieba.re_skip_default
        ends: list[int] = []
        pos = 0
        for block in han.split(clause):
            if not block:
                continue
            if han.match(block):
                ends += [pos + end for end in self._han_ends(block)]
                pos += len(block)
                continue
            for piece in skip.split(block):
                if skip.match(piece):
                    pos += len(piece)
                    ends.append(pos)
                else:
                    ends += range(pos + 1, pos + len(piece) + 1)
                    pos += len(piece)
        return tuple(ends)

    def _han_ends(self, clause: str) -> tuple[int, ...]:
        """``token_ends`` of one of jieba's blocks (``re_han_default`` matches it whole)."""
        if not isinstance(self.FREQ, _CompiledFrequencies):
            return self._python_route(clause)
        ends, runs = self.FREQ.route(clause, log(self.total))  # read from the dictionary's bytes
        for index, start, end in reversed(runs):  # runs of two or more single characters
            cut: list[int] = []
            self._singles(clause, start, end, cut)
            ends[index:index + end - start] = cut
        return tuple(ends)

    def _python_route(self, clause: str) -> tuple[int, ...]:
        """``token_ends`` of a run of Han characters in Python: the reference of
        ``_word_table.c``'s route and what runs where that is not built."""
        n = len(clause)
        starts, start_of, pair_words = self._starts, self._start, self.FREQ.pair_words
        logtotal = log(self.total)
        score = [0.0] * (n + 1)  # the best route's log probability from each start to the end
        step = [0] * n  # where the best route from each start goes next
        for k in range(n - 1, -1, -1):
            start = starts.get(clause[k]) or start_of(clause[k])
            after = score[k + 1]
            best = _NO_ROUTE if start.weight is None else start.weight + after
            end = k + 1
            if k + 1 < n:
                words = start.pairs.get(clause[k + 1])
                if words is None and clause[k + 1] in start.follows:
                    words = pair_words(start.group, clause[k:k + 2])
                if words is not None:
                    get = words[0].get
                    for i in range(k + 2, min(n, k + words[1]) + 1):
                        count = get(clause[k:i])
                        if count:
                            s = log(count) - logtotal + score[i]
                            if s >= best:
                                best, end = s, i
            if best == _NO_ROUTE:  # no word begins here: the character alone, counted once
                best = log(1) - logtotal + after
            score[k], step[k] = best, end
        ends = []
        x, alone = 0, -1  # alone: where the current run of single characters began, or -1
        while x < n:
            y = step[x]
            if y - x == 1:
                if alone < 0:
                    alone = x
            else:
                if alone >= 0:
                    self._singles(clause, alone, x, ends)
                    alone = -1
                ends.append(y)
            x = y
        if alone >= 0:
            self._singles(clause, alone, n, ends)
        return tuple(ends)

    def _start(self, first: str) -> _Start:
        """The _Start of ``first``, built and kept (call after ``_starts.get`` missed)."""
        freq = self.FREQ
        group = freq._groups.get(first) or freq.group(first)
        weight = log(group.single) - log(self.total) if group.single else None
        start = self._starts[first] = _Start(weight, freq.follows(group, first), group, group.parsed)
        return start

    def _singles(self, clause: str, start: int, end: int, ends: list[int]) -> None:
        """The token ends of a run of characters the best route takes one by one: each alone,
        unless the run is no word, then as jieba's HMM cuts it (``__cut_DAG``'s ``buf``)."""
        if end - start == 1 or self.FREQ.get(clause[start:end]):
            ends.extend(range(start + 1, end + 1))
            return
        run = clause[start:end]
        if _hmm is not None and not _force_splits():
            cut = _hmm.cut_ends(run, start, *_hmm_tables())
            if cut is not None:  # None: a character jieba's HMM does not take as Han
                ends.extend(cut)
                return
        for token in jieba.finalseg.cut(run):
            start += len(token)
            ends.append(start)

    def suggest_freq(self, segment, tune: bool = False):
        """jieba's ``suggest_freq``, its cut without the HMM (``cut(word, HMM=False)``) read from
        the compiled route: each domain word added when the segmenter is built cut jieba's
        DAG and route in Python (~7 M instructions a process, the small file's too). For a
        word that is one of jieba's blocks with no ASCII letter or digit (which the cut without
        the HMM would join into runs), the tokens are the route's, the product and the rounding
        jieba's, in its order; any other question goes to jieba. tests/analysis/
        test_segmentation.py compares the two."""
        if (tune or not isinstance(segment, str) or not isinstance(self.FREQ, _CompiledFrequencies)
                or jieba.re_han_default.fullmatch(segment) is None or jieba.re_eng.search(segment)):
            return super().suggest_freq(segment, tune)
        ftotal = float(self.total)
        freq = 1
        ends, _ = self.FREQ.route(segment, log(self.total))
        start = 0
        for end in ends:
            freq *= self.FREQ.get(segment[start:end], 1) / ftotal
            start = end
        return max(int(freq * self.total) + 1, self.FREQ.get(segment, 1))

    def add_word(self, word: str, freq=None, tag=None) -> None:
        """``jieba.Tokenizer.add_word`` without tags (the prefixes need no entries here)."""
        if tag is not None:
            raise ValueError("tags are not supported")
        freq = int(freq) if freq is not None else self.suggest_freq(word, False)
        if freq == 0:
            raise ValueError("forced splits are not supported")
        self.FREQ.add(word, freq)
        self.total += freq
        self._starts.clear()  # the weights are relative to the total, the groups rebuilt


_STATES = "BMES"
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FD5  # the characters _hmm.cut_ends cuts (finalseg.re_han's)
_hmm_model: tuple | None = None


def _hmm_tables() -> tuple:
    """jieba's HMM as ``_hmm.cut_ends`` reads it: the start and transition log probabilities
    as floats in the order B, M, E, S (a transition jieba does not list is its MIN_FLOAT, as
    its ``get`` gives), and the emissions as ``_hmm.emission_table``'s doubles. Read from
    ``data/hmm_tables.txt`` (~1 ms) when it was built from the installed jieba's version,
    else from ``jieba.finalseg`` (~8 ms to import, its emissions a 35,000-entry dict literal)."""
    global _hmm_model
    if _hmm_model is None:
        _hmm_model = _shipped_hmm_tables() or _jieba_hmm_tables()
    return _hmm_model


def _shipped_hmm_tables() -> tuple | None:
    """``_hmm_tables`` from ``data/hmm_tables.txt`` (``data/build_hmm_tables.py``'s), None
    when it was built from another version of jieba than the one installed (or ``_hmm`` is
    not built: only its cut reads the tables)."""
    if _hmm is None:
        return None
    data = lexicon.read_binary("hmm_tables.txt")
    header, body = {}, 0
    while data.startswith(b"# ", body):
        newline = data.index(b"\n", body)
        key, _, value = data[body + 2:newline].decode("utf-8").partition(" ")
        header[key], body = value, newline + 1
    if header.get("jieba") != jieba.__version__:
        return None
    rows = {}
    for _ in range(1 + len(_STATES)):  # start, then the transitions from B, M, E, S
        newline = data.index(b"\n", body)
        key, *fields = data[body:newline].decode("utf-8").split("\t")
        rows[key], body = fields, newline + 1
    floor = float(header["floor"])

    def value(field: str) -> float:
        return float(field) if field else floor

    start = tuple(map(value, rows["start"]))
    trans = tuple(value(rows[y][z]) for y in _STATES for z in range(len(_STATES)))
    return start, trans, _hmm.emission_table(data, body, floor)


def _jieba_hmm_tables() -> tuple:
    """``_hmm_tables`` from ``jieba.finalseg`` itself: the reference of the shipped file."""
    finalseg = jieba.finalseg
    floor = finalseg.MIN_FLOAT
    start = tuple(float(finalseg.start_P[y]) for y in _STATES)
    trans = tuple(float(finalseg.trans_P[y].get(z, floor)) for y in _STATES for z in _STATES)
    emit = array("d", [floor]) * ((_HAN_LAST - _HAN_FIRST + 1) * len(_STATES))
    for y, state in enumerate(_STATES):
        for char, probability in finalseg.emit_P[state].items():
            if _HAN_FIRST <= ord(char) <= _HAN_LAST:
                emit[(ord(char) - _HAN_FIRST) * len(_STATES) + y] = probability
    return start, trans, emit.tobytes()



def _force_splits() -> bool:
    """Whether jieba's HMM has words it must split (``finalseg.Force_Split_Words``), without
    importing its tables: while ``jieba.finalseg`` is still the stand-in, nothing has been
    added to them."""
    finalseg = jieba.finalseg
    return not isinstance(finalseg, _Deferred) and bool(finalseg.Force_Split_Words)
