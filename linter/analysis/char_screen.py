"""A vectorised screen for TYP013 (``confusables.suspects``): the places of some texts where a
suspect can possibly be found, computed for all of their characters at once with numpy.

A suspect needs a character that no known trigram covers (``CharacterModel.uncovered``) and a
candidate for it that makes a usual pair with a neighbour, has a known trigram through it once
written there (``_fitting``) and scores at least ``MARGIN`` better than the character as
written (``_best_substitute``). The screen asks exactly those questions of arrays: characters
as ids, the model's n-grams as integer keys in hash tables, a context's continuations as a
slice of the trigrams sorted three ways (by the two characters before the substitute, around
it, after it), the candidates as a dense (written, substitute) table. It keeps a place when some
candidate passes them all, with a hair of slack on the score (numpy's logarithm may differ
from ``math.log`` in the last bit); then, at those places, it scores every candidate that makes
a usual pair, as ``_best_substitute`` does, keeps the places where that search can answer and
names the answer where it leaves no doubt. The rule judges the kept places (about one
character in a thousand) exactly as before, taking a named answer instead of searching.
Everything is derived from the two files the model reads (``official_trigrams.txt``,
``character_candidates.txt``), built on first use and kept in the user's cache folder
(``array_cache``), from where later processes map them; numpy is imported only then.

``screen`` asks the same questions of the same arrays place by place in C
(``_char_screen.c``, an optional extension) when it is built: numpy's cost on a document is its
~400 calls, not their elements. ``screen_with_numpy`` below is the reference it is compared
with (``tests/test_char_screen.py``) and what runs where the extension did not build.
"""
from __future__ import annotations

import math
from functools import cache

from gongwen.analysis import lexicon, screen_backoff
from gongwen.analysis.char_model import BACK_OFF, UNIGRAM_CONTEXT
from gongwen.analysis.evidence import USUAL

try:
    from gongwen.analysis import _char_screen
except ImportError:  # not built (no C compiler at install): the numpy path
    _char_screen = None

# The screen's score test is looser than the rule's by this much (natural log): a place whose
# best candidate misses ``MARGIN`` by less is kept and judged exactly.
SLACK = 1e-6
_FIBONACCI = 0x9E3779B97F4A7C15  # multiplicative hashing (Knuth): spreads consecutive keys


def _codepoints(np, text: str):
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


class _HashIndex:
    """Where each of some distinct non-negative integer keys is in their array: linear probing
    in a table at most a quarter full, built and asked with whole arrays. Built in one sort:
    with the keys in the order of their home slots, each takes the first free slot from its
    home on, which is the running maximum of (home - rank) plus its rank."""

    # Its arrays, as ``parts`` holds them (the last two are scalars in one-element arrays).
    PARTS = ("slot_keys", "slot_index", "shift", "probes")

    def __init__(self, np, slot_keys, slot_index, shift, probes) -> None:
        self.np = np
        self.slot_keys, self.slot_index = slot_keys, slot_index
        self.shift, self.probes = int(shift[0]), int(probes[0])

    @classmethod
    def build(cls, np, keys) -> dict:
        """The parts of the index of ``keys``, by the names of ``PARTS``."""
        shift = 64 - max(4, int(len(keys)).bit_length() + 2)
        order, slot, size, probes = _probed_slots(np, keys, shift)
        slot_keys = np.full(size, -1, dtype=np.int64)
        slot_keys[slot] = keys[order]
        slot_index = np.zeros(size, dtype=np.int32)
        slot_index[slot] = order
        return {"slot_keys": slot_keys, "slot_index": slot_index, "shift": np.array([shift]), "probes": np.array([probes])}

    def find(self, queries):
        """For each query, the index of the key equal to it, -1 if none."""
        np = self.np
        slot = self._slots(queries)
        return np.where(slot >= 0, self.slot_index[np.maximum(slot, 0)], -1)

    def contains(self, queries):
        """For each query, whether it is a key (``find`` without reading the indexes: asked
        of every trigram of a text, that is one read of memory a character less)."""
        return self._slots(queries) >= 0

    def _slots(self, queries):
        np = self.np
        home = _home(np, queries, self.shift)
        seen = self.slot_keys[home]
        hit = seen == queries
        found = np.where(hit, home, -1)
        asking = np.flatnonzero(~hit & (seen >= 0))  # an empty slot ends the search
        for step in range(1, self.probes):
            if not len(asking):
                break
            slot = home[asking] + step
            # No wrapping round: a run of full slots can end at the table's last slot, and a
            # search that reaches the end has not found its key (the key's own slot is never
            # before its home).
            inside = slot < len(self.slot_keys)
            asking, slot = asking[inside], slot[inside]
            seen = self.slot_keys[slot]
            hit = seen == queries[asking]
            found[asking[hit]] = slot[hit]
            asking = asking[~hit & (seen >= 0)]
        return found


def _probed_slots(np, keys, shift: int):
    """Where linear probing from each key's home (``shift`` as in ``_home``) puts it, built in
    one sort: with the keys in the order of their home slots, each takes the first free slot
    from its home on, the running maximum of (home - rank) plus its rank. The order, their
    slots in that order, the table's size (no wrapping round: a tail instead) and the longest
    probe."""
    home = _home(np, keys, shift)
    order = np.argsort(home)
    rank = np.arange(len(keys))
    slot = np.maximum.accumulate(home[order] - rank) + rank if len(keys) else rank
    size = max(1 << (64 - shift), int(slot.max(initial=0)) + 1)
    return order, slot, size, int((slot - home[order]).max(initial=0)) + 1


def _packed_table(np, keys, values, key_limit: int):
    """For ``_char_screen.c``: the keys and their values (non-negative) in one 64-bit word a slot,
    (key + 1) above ``value_bits`` and the value below (0: an empty slot), at most three
    quarters full: a lookup reads one word of a table of a few MB where ``_HashIndex`` reads
    three arrays of tens (its keys, its positions, the values), and the compiled screen's time
    is its cache misses. With its shift and ``value_bits``."""
    size = 16
    while size < len(keys) + len(keys) // 3:
        size *= 2
    shift = 64 - (size.bit_length() - 1)
    value_bits = 64 - int(key_limit).bit_length()
    if len(values) and int(values.max()) >> value_bits:
        raise ValueError("a value too large to pack")
    order, slot, table_size, _ = _probed_slots(np, keys, shift)
    table = np.zeros(table_size, dtype=np.uint64)
    table[slot] = ((keys[order] + 1).astype(np.uint64) << np.uint64(value_bits)) | values[order].astype(np.uint64)
    return table, shift, value_bits


def _home(np, keys, shift: int):
    return (keys * np.int64(_FIBONACCI - (1 << 64))) >> np.int64(shift) & np.int64((1 << (64 - shift)) - 1)


def _lines(np, cp):
    """Per code point of a file, its line; and per line, where it starts and whether it is a
    ``#`` comment."""
    line_of = np.cumsum(cp == 10) - (cp == 10)
    starts = np.concatenate(([0], np.flatnonzero(cp == 10) + 1))
    comment = np.zeros(len(starts), dtype=bool)
    inside = starts < len(cp)
    comment[inside] = cp[starts[inside]] == ord("#")
    return line_of, starts, comment


def _model_items(np, text: str):
    """The items of ``official_trigrams.txt`` (``<context>\\t<char><count> …``): per item, its
    context (one or two code points, or the unigram context), its character and its count."""
    cp = _codepoints(np, text)
    line_of, starts, comment = _lines(np, cp)
    separator = (cp == 9) | (cp == 32) | (cp == 10)
    after = np.concatenate(([False], (cp[:-1] == 9) | (cp[:-1] == 32)))
    item = np.flatnonzero(after & ~separator)
    item = item[~comment[line_of[item]]]
    counts = _numbers(np, text)
    if len(counts) != len(item):
        raise ValueError("official_trigrams.txt: an item without a count")
    begin = starts[line_of[item]]
    context_len = np.flatnonzero(cp == 9)[np.searchsorted(np.flatnonzero(cp == 9), begin)] - begin
    return cp[begin], cp[np.minimum(begin + 1, len(cp) - 1)], context_len, cp[item], counts


_DIGITS_ONLY = bytes(c if 0x30 <= c <= 0x39 else 0x20 for c in range(256))


def _numbers(np, text: str):
    """The numbers written in ``text`` below its ``#`` header, in order: the model's counts are
    the only digits of its lines (no byte of another character's UTF-8 is an ASCII digit), so
    numpy's text parser reads them all in one call."""
    body = 0
    while text.startswith("#", body):
        body = text.index("\n", body) + 1
    return np.fromstring(text[body:].encode().translate(_DIGITS_ONLY), dtype=np.int64, sep=" ")


def _candidate_items(np, text: str):
    """The items of ``character_candidates.txt`` (``<char>\\t<same>\\t<near>\\t<shape>``): per
    candidate, the written character, the candidate and its group (0 same, 1 near, 2 shape)."""
    cp = _codepoints(np, text)
    line_of, starts, comment = _lines(np, cp)
    tabs = np.cumsum(cp == 9)
    tabs_before_line = np.concatenate(([0], tabs))[starts[line_of]]
    field = tabs - tabs_before_line
    item = np.flatnonzero((field >= 1) & (cp != 9) & (cp != 10) & ~comment[line_of])
    return cp[starts[line_of[item]]], cp[item], field[item] - 1


# What only the compiled screen reads (``_compiled_parts``).
_COMPILED = ("bigrams.packed", "trigrams.packed", "contexts.packed", "packed_layout", "continuations16", "candidate_bits",
             "words.packed", "words_layout", "function_ids", "reading_ids")
# The arrays ``ScreenArrays`` holds, by name; the hash indexes' parts are ``<index>.<part>``.
_INDEXES = ("bigrams", "trigrams", "contexts")
_ARRAYS = ("id_of", "chars", "han", "unigram", "bigram_counts", "trigram_counts", "continuations", "context_bounds",
           "alternative", "candidate_bounds", "candidate_ids", "candidate_groups",
           "has_alternative") + tuple(f"{i}.{p}" for i in _INDEXES for p in _HashIndex.PARTS) + _COMPILED
# The version of what the arrays mean: a cached copy of another version is not used.
FORMAT = 7
_SOURCES = ("official_trigrams.txt", "character_candidates.txt")  # and the back-off's, when it is on


class ScreenArrays:
    """The model and the candidate table as arrays (see the module's docstring), from ``parts``
    (``build_parts``'s, or a cached copy of them)."""

    def __init__(self, np, parts: dict) -> None:
        self.np = np
        self.parts = parts
        for name in _ARRAYS:
            if "." not in name:
                setattr(self, name, parts[name])
        for index in _INDEXES:
            setattr(self, index, _HashIndex(np, *(parts[f"{index}.{p}"] for p in _HashIndex.PARTS)))
        self.base = len(self.unigram)
        self.total = int(self.unigram.sum())

    def bigram(self, a, b):
        np = self.np
        at = self.bigrams.find(a * self.base + b)
        return np.where(at >= 0, self.bigram_counts[np.maximum(at, 0)], 0)

    def trigram(self, a, b, c):
        np = self.np
        at = self.trigrams.find((a * self.base + b) * self.base + c)
        return np.where(at >= 0, self.trigram_counts[np.maximum(at, 0)], 0)


def build_parts(np, numerals: str, backoff: bool | None = None) -> dict:
    """The arrays of ``ScreenArrays`` by the names of ``_ARRAYS``, from the two data files (and the back-off's, where ``backoff``, by
    default ``screen_backoff.ON``, says)."""
    backoff = _on(backoff)
    parts = {}
    first, second, context_len, char, count = _model_items(np, lexicon.text("official_trigrams.txt"))
    unigram = first == ord(UNIGRAM_CONTEXT)
    written, substitute, group = _candidate_items(np, lexicon.text("character_candidates.txt"))
    chars = np.unique(np.concatenate((char[unigram], written, substitute)))
    n = len(chars)
    m = n + 1  # id n: any other character
    id_of = parts["id_of"] = np.full(int(chars[-1]) + 2, n, dtype=np.int64)  # the last: any character after them
    parts["chars"] = np.concatenate((chars, [0]))  # by id; 0 for any other character
    id_of[chars] = np.arange(n)
    parts["han"] = _han_table(np)
    parts["unigram"] = np.zeros(m, dtype=np.int64)
    parts["unigram"][id_of[char[unigram]]] = count[unigram]
    pair = ~unigram & (context_len == 1)
    parts["bigram_counts"] = count[pair]
    bigram_keys = id_of[first[pair]] * m + id_of[char[pair]]
    _add_index(parts, "bigrams", _HashIndex.build(np, bigram_keys))
    triple = context_len == 2
    t0, t1, t2 = id_of[first[triple]], id_of[second[triple]], id_of[char[triple]]
    parts["trigram_counts"] = count[triple]
    trigram_keys = (t0 * m + t1) * m + t2
    _add_index(parts, "trigrams", _HashIndex.build(np, trigram_keys))
    # A context's continuations as a slice: the trigrams by the two characters before the
    # substitute, around it and after it (the kinds of ``_kinds_around``), in one table.
    context = np.concatenate((t0 * m + t1, (m + t0) * m + t2, (2 * m + t1) * m + t2))
    following = np.concatenate((t2, t1, t0))
    order = np.argsort(context * m + following)
    context, parts["continuations"] = context[order], following[order]
    heads = np.flatnonzero(np.concatenate(([True], context[1:] != context[:-1])))
    _add_index(parts, "contexts", _HashIndex.build(np, context[heads]))
    parts["context_bounds"] = np.concatenate((heads, [len(context)]))
    numeral = np.zeros(m, dtype=bool)
    numeral[id_of[_codepoints(np, numerals)]] = True
    w, s, g = id_of[written], id_of[substitute], group
    keep = ~numeral[s]
    w, s, g = w[keep], s[keep], g[keep]
    # For (written, substitute), 1 + the group of the candidate (0 same reading, 1 near
    # reading, 2 similar shape), 0 for none: a dense table (22 MB), because every place
    # asks about the substitutes of one written character, which lie in one row.
    parts["alternative"] = np.zeros(m * m, dtype=np.int8)
    parts["alternative"][w * m + s] = g + 1
    # The same by written character: its candidates are candidate_ids[candidate_bounds[w]:
    # candidate_bounds[w + 1]], their groups candidate_groups (1 + the group, as above).
    listed = np.flatnonzero(parts["alternative"])
    parts["candidate_bounds"] = np.searchsorted(listed // m, np.arange(m + 1))
    parts["candidate_ids"], parts["candidate_groups"] = listed % m, parts["alternative"][listed]
    has_alternative = parts["has_alternative"] = np.zeros(m, dtype=bool)
    has_alternative[w] = True  # numerals too: a numeral may be typed for a character (四想 for 思想)
    parts.update(_compiled_parts(np, parts, m, bigram_keys, trigram_keys, context[heads]))
    parts.update(_word_parts(np, id_of, parts["chars"], m, backoff))
    return parts


def _word_parts(np, id_of, chars, m: int, backoff: bool) -> dict:
    """The dictionary's two-character words for the back-off (``screen_backoff.word_parts``),
    packed as the model's tables are (``words.packed``; ``words_layout``: its shift and value
    bits), per id whether it is a function character (``function_ids``) and its commonest
    reading's number (``reading_ids``); empty when the back-off is off (``backoff``:
    ``screen_backoff.ON``)."""
    keys, values, function, reading = screen_backoff.word_parts(np, id_of, chars, m, backoff)
    table, shift, value_bits = _packed_table(np, keys, values, m * m)
    return {"words.packed": table, "words_layout": np.array([shift, value_bits], dtype=np.int64),
            "function_ids": function, "reading_ids": reading}


def _compiled_parts(np, parts: dict, m: int, bigram_keys, trigram_keys, context_keys) -> dict:
    """The arrays only ``_char_screen.c`` reads, small enough to stay in cache: the three hash
    indexes packed (``_packed_table``; a context's value: where its continuations start, shifted
    by ``span_bits``, and how many), the continuations as 16-bit ids, and per character a row
    of bits, one per character, set for its candidates. ``packed_layout``: each table's shift
    and value bits, then ``span_bits``."""
    bounds = parts["context_bounds"]
    lengths = bounds[1:] - bounds[:-1]
    span_bits = int(lengths.max(initial=0)).bit_length()
    layout, out = [], {}
    for name, keys, values, limit in (("bigrams", bigram_keys, parts["bigram_counts"], m * m),
                                      ("trigrams", trigram_keys, parts["trigram_counts"], m * m * m),
                                      ("contexts", context_keys, bounds[:-1] << span_bits | lengths, 3 * m * m)):
        out[f"{name}.packed"], shift, value_bits = _packed_table(np, keys, values, limit)
        layout += [shift, value_bits]
    out["packed_layout"] = np.array(layout + [span_bits], dtype=np.int64)
    if m > 1 << 16:
        raise ValueError("more characters than 16-bit ids hold")
    out["continuations16"] = parts["continuations"].astype(np.uint16)
    words = (m + 63) // 64
    bits = np.zeros(m * words, dtype=np.uint64)
    owner = np.repeat(np.arange(m), np.diff(parts["candidate_bounds"]))
    candidate = parts["candidate_ids"]
    np.bitwise_or.at(bits, owner * words + candidate // 64, np.uint64(1) << (candidate % 64).astype(np.uint64))
    out["candidate_bits"] = bits
    return out


def _add_index(parts: dict, name: str, index_parts: dict) -> None:
    parts.update((f"{name}.{p}", a) for p, a in index_parts.items())


def _han_table(np):
    """Per code point, whether the rules' \\p{Han} (the ``regex`` module's) matches it."""
    import regex

    table = np.zeros(0x110000, dtype=bool)
    for lo, hi in ((0, 0xD800), (0xE000, 0x110000)):
        text = np.arange(lo, hi, dtype="<u4").tobytes().decode("utf-32-le")
        for m in regex.finditer(r"\p{Han}+", text):
            table[lo + m.start():lo + m.end()] = True
    return table


def cache_key(numerals: str, backoff: bool | None = None) -> str:
    """What the arrays are derived from: the data files' versions (the model's two, and for the
    arrays of the back-off, ``backoff``, by default ``screen_backoff.ON``, the dictionary and
    lists its word table is built from), ``numerals`` and ``FORMAT``.
    A file's version is its stamp (``lexicon.stamp``: size, times, inode), read without reading
    it: a sha256 of the 3.3 MB was 90 M instructions of every process that screens (1.6 ms;
    benchmarks/speed/NOTES.md, round 25), and the dictionary's 4.8 MB would be 2.3 % of a default
    run (round 25). A file that is not on disk (a zip) is named by its bytes, as before."""
    return _cache_key(numerals, _on(backoff))


def _on(backoff: bool | None) -> bool:
    return screen_backoff.ON if backoff is None else backoff


@cache
def _cache_key(numerals: str, backoff: bool) -> str:
    import hashlib

    digest = hashlib.sha256(f"{FORMAT}\t{numerals}\t{backoff:d}".encode())
    sources = _SOURCES + (screen_backoff.SOURCES if backoff else ())
    stamps = [lexicon.stamp(name) for name in sources]
    if None not in stamps:
        digest.update("\t".join(["stamps", *stamps]).encode())
        return f"char-screen-{digest.hexdigest()[:32]}"
    for name in sources:
        data = lexicon.binary(name)
        digest.update(len(data).to_bytes(8, "little"))  # the length: where one file ends
        digest.update(data)
    return f"char-screen-{digest.hexdigest()[:32]}"


def arrays(numerals: str, backoff: bool | None = None) -> ScreenArrays:
    """``_arrays``, with the back-off's word table where ``backoff`` (by default
    ``screen_backoff.ON``) says."""
    return _arrays(numerals, _on(backoff))


@cache
def _arrays(numerals: str, backoff: bool) -> ScreenArrays:
    """The arrays, with the candidates that are ``numerals`` left out (a slip rarely writes a
    character for a numeral; the numerals themselves are judged): memory-mapped from the user's cache folder, built and kept there the first
    time (0.25 s of CPU and ~75 MB of temporaries to build; a few milliseconds to map).
    ``backoff``: with the back-off's word table (``screen_backoff.ON``), under its own key."""
    import numpy

    from gongwen.analysis import array_cache

    key = cache_key(numerals, backoff)
    parts = array_cache.load(numpy, key, _ARRAYS)
    if parts is None:
        parts = build_parts(numpy, numerals, backoff)
        array_cache.save(numpy, key, parts)
    return ScreenArrays(numpy, parts)


def cached(numerals: str) -> bool:
    """Whether the arrays can be mapped from the user's cache folder (cheap to load)."""
    from gongwen.analysis import array_cache

    return array_cache.exists(cache_key(numerals))


def screen(texts: list[str], margin: float, runner_up_gap: float, penalties: tuple[float, float, float],
           numerals: str, backoff_margin: float = math.inf) -> list[dict[int, str | None]]:
    """For each text, the positions where ``confusables.suspects`` can find a suspect, in
    order (a superset of where it does), each with the substitute its search finds there
    when that is beyond doubt, else None (the rule searches). Its terms: ``margin``
    (``MARGIN``), ``runner_up_gap`` (``RUNNER_UP_GAP``), the penalties of a same reading, a
    near reading and a similar shape, and the numerals no candidate is (they are
    judged themselves: ``confusables.suspects`` leaves alone those that read as numbers);
    ``backoff_margin``: where no candidate has a known trigram through a place, the margin of
    the dictionary's back-off (``screen_backoff``), whose substitute is named (infinite, the
    default: no back-off, not asked; it needs the arrays with the word table, which
    ``screen_backoff.ON`` says). Compiled when the extension is built, else ``screen_with_numpy``: the same answers."""
    if _char_screen is None:
        return screen_with_numpy(texts, margin, runner_up_gap, penalties, numerals, backoff_margin)
    return compiled(numerals).screen(list(texts), margin, runner_up_gap, tuple(penalties), SLACK, USUAL, BACK_OFF,
                                     backoff_margin)


def compiled(numerals: str, backoff: bool | None = None):
    """``_compiled``, with the back-off's word table where ``backoff`` (by default
    ``screen_backoff.ON``) says."""
    return _compiled(numerals, _on(backoff))


@cache
def _compiled(numerals: str, backoff: bool):
    """The extension's hold on the arrays (their buffers, checked once): mapped from the user's
    cache folder without numpy when they are there (``_mapped``; numpy's import alone is
    ~0.1 s, what the whole screen of 1,000 files now costs), else ``arrays(numerals, backoff)``."""
    parts = _mapped_once(numerals, backoff)
    if parts is None:
        parts = arrays(numerals, backoff).parts
    return _char_screen.Model(parts, sum(memoryview(parts["unigram"]).cast("B").cast("q")))


def mapped(numerals: str) -> dict | None:
    """``_mapped`` of the arrays for ``numerals`` (with the back-off's table as
    ``screen_backoff.ON`` says), once a process: TYP023's screen (``rules/word_gaps.py``) reads
    the same mapping as this one (mapping them again cost it ~9 M instructions a process,
    round 25)."""
    return _mapped_once(numerals, screen_backoff.ON)


@cache
def _mapped_once(numerals: str, backoff: bool) -> dict | None:
    return _mapped(cache_key(numerals, backoff))


# What the extension reads (``_char_screen.c``'s array_names).
_COMPILED_READS = ("id_of", "chars", "han", "unigram", "candidate_bounds", "candidate_ids", "candidate_groups",
                   "has_alternative") + _COMPILED


def _mapped(key: str) -> dict | None:
    """The arrays the extension reads, mapped without numpy (``array_cache.mapped``)."""
    from gongwen.analysis import array_cache

    return array_cache.mapped(key, _COMPILED_READS)


def screen_with_numpy(texts: list[str], margin: float, runner_up_gap: float, penalties: tuple[float, float, float],
                      numerals: str, backoff_margin: float = math.inf) -> list[dict[int, str | None]]:
    """``screen`` with numpy: all places of all texts at once, each step an array operation."""
    arr = arrays(numerals)
    np, m = arr.np, arr.base
    joined = "\n".join(texts)  # a line break ends a run of Han characters, as a text's end does
    cp = _codepoints(np, joined)
    size = len(cp)
    ids, han = arr.id_of[np.minimum(cp, len(arr.id_of) - 1)], arr.han[cp]
    pad = np.zeros(2, dtype=bool)
    prev1 = np.concatenate(([False], han[:-1]))[:size]  # the neighbour before is in the same run
    next1 = np.concatenate((han[1:], [False]))[:size]
    next2 = np.concatenate((han[2:], pad))[:size] & next1
    prev2 = np.concatenate((pad, han[:-2]))[:size] & prev1
    # known[k + 2]: whether the model knows the trigram starting at k (two places of padding)
    known = np.zeros(size + 2, dtype=bool)
    starts = np.flatnonzero(han & next2)
    if len(starts):
        known[starts + 2] = arr.trigrams.contains((ids[starts] * m + ids[starts + 1]) * m + ids[starts + 2])
    covered = known[2:] | known[1:-1] | known[:-2]  # by the trigrams starting at p, p - 1, p - 2
    places = np.flatnonzero(han & (prev1 | next1) & ~covered & arr.has_alternative[ids])
    penalties = np.array(penalties)
    kept, none_fit = _fitting_places(arr, ids, places, prev1, next1, prev2, next2, margin, penalties)
    kept, answer = _answering_places(arr, ids, kept, prev1, next1, prev2, next2, margin, runner_up_gap, penalties)
    if backoff_margin == np.inf:  # the back-off off: nothing to ask (the compiled screen skips it too)
        none_fit = none_fit[:0]
    backed, backed_answer = _backoff_places(arr, ids, none_fit, prev1, next1, prev2, next2, backoff_margin, penalties)
    order = np.argsort(np.concatenate((kept, backed)), kind="stable")
    kept, answer = np.concatenate((kept, backed))[order], np.concatenate((answer, backed_answer))[order]
    bounds = np.cumsum([len(t) + 1 for t in texts])
    which = np.searchsorted(bounds, kept, side="right")
    found: list[dict[int, str | None]] = [{} for _ in texts]
    answers = np.where(answer >= 0, arr.chars[np.maximum(answer, 0)], 0)
    for text_index, at, meant in zip(which.tolist(), kept.tolist(), answers.tolist()):
        found[text_index][at - (int(bounds[text_index - 1]) if text_index else 0)] = chr(meant) if meant else None
    return found


def _fitting_places(arr, ids, places, prev1, next1, prev2, next2, margin, penalties):
    """The places with a candidate that makes a usual pair with a neighbour, has a known
    trigram through it and scores at least ``margin - SLACK`` better than the written one;
    and the places where no candidate making a usual pair has a known trigram through it (the
    back-off's, ``_backoff_places``). Each step asks all places at once: on a document of a few
    thousand characters numpy's cost per call, not per element, is most of the time."""
    np, m = arr.np, arr.base
    asked, keys = [], []
    for kind, (has, left, right) in enumerate(_kinds_around(prev1, next1, prev2, next2)):
        p = places[has[places]]
        asked.append(p)
        keys.append((kind * m + ids[p + left]) * m + ids[p + right])
    asked, slot = np.concatenate(asked), arr.contexts.find(np.concatenate(keys))
    asked, slot = asked[slot >= 0], slot[slot >= 0]
    lo = arr.context_bounds[slot]
    length = arr.context_bounds[slot + 1] - lo
    at = np.repeat(asked, length)
    alt = arr.continuations[np.repeat(lo - (np.cumsum(length) - length), length) + np.arange(len(at))]
    group = arr.alternative[ids[at] * m + alt]
    listed = group > 0
    at, alt, penalty = at[listed], alt[listed], penalties[group[listed] - 1]
    usual = _usual(arr, ids, at, alt, prev1, next1)
    at, alt, penalty = at[usual], alt[usual], penalty[usual]
    none_fit = np.setdiff1d(places, at)
    if not len(at):
        return at, none_fit
    place, row = np.unique(at, return_inverse=True)
    gain = _gains(arr, ids, at, alt, place, row, penalty, prev1, prev2, next1, next2)
    return np.unique(at[gain >= margin - SLACK]), none_fit


def _backoff_places(arr, ids, places, prev1, next1, prev2, next2, margin, penalties):
    """Of ``places`` (where no candidate making a usual pair has a known trigram through it),
    those where the dictionary's back-off finds its substitute (``screen_backoff.substitute``'s
    tests, asked of the arrays place by place: the reference, not a fast path), with it."""
    np, m = arr.np, arr.base
    table, (shift, value_bits) = arr.parts["words.packed"], (int(v) for v in arr.parts["words_layout"])
    function, reading, last = arr.parts["function_ids"], arr.parts["reading_ids"], len(ids) - 1
    found, answers = [], []
    for p in places.tolist():
        w = int(ids[p])
        sides = [(int(ids[p - 1]), True)] if prev1[p] else []
        sides += [(int(ids[p + 1]), False)] if p < last and next1[p] else []
        if not sides or not arr.unigram[w] or any(not arr.unigram[n] for n, _ in sides):
            continue
        pair = lambda n, ch, before: (n, ch) if before else (ch, n)  # noqa: E731
        if any(_packed_value(table, shift, value_bits, a * m + b) > 0 or int(arr.bigram(np.array([a]), np.array([b]))[0]) > 0
               for a, b in (pair(n, w, before) for n, before in sides)):
            continue
        lo, hi = int(arr.candidate_bounds[w]), int(arr.candidate_bounds[w + 1])
        fitting = []
        for k in range(lo, hi):
            alt = int(arr.candidate_ids[k])
            for n, before in sides:
                a, b = pair(n, alt, before)
                if (not function[n] and int(arr.bigram(np.array([a]), np.array([b]))[0]) >= USUAL
                        and _packed_value(table, shift, value_bits, a * m + b) == screen_backoff.COMMON):
                    fitting.append((k, before))
                    break  # the pair before is asked first: a candidate closing its word is marked so
        if len(fitting) != 1 or not fitting[0][1]:
            continue  # several repairs, or the one opens its word
        k = fitting[0][0]
        if not reading[w] or reading[w] != reading[int(arr.candidate_ids[k])]:
            continue  # no slip the IME makes (screen_backoff.reads_apart)
        alt = int(arr.candidate_ids[k])
        gain = _gains(arr, ids, np.array([p]), np.array([alt]), np.array([p]), np.array([0]),
                      penalties[np.array([arr.candidate_groups[k] - 1])], prev1, prev2, next1, next2)[0]
        if gain >= margin:
            found.append(p)
            answers.append(alt)
    return np.array(found, dtype=np.int64), np.array(answers, dtype=np.int64)


def _packed_value(table, shift: int, value_bits: int, key: int) -> int:
    """The value of ``key`` in a ``_packed_table``, -1 if it is absent (the C's table_get)."""
    slot = ((key * _FIBONACCI) & ((1 << 64) - 1)) >> shift
    tag = key + 1
    while slot < len(table):
        entry = int(table[slot])
        if not entry:
            return -1
        if entry >> value_bits == tag:
            return entry & ((1 << value_bits) - 1)
        slot += 1
    return -1


def _answering_places(arr, ids, places, prev1, next1, prev2, next2, margin, gap, penalties):
    """Of ``places`` (``_fitting_places``'s, in order), those where
    ``confusables._best_substitute`` can answer: of all the candidates that make a usual pair,
    the best scores at least ``margin`` better than the written character and ``gap`` better
    than the next, and has a known trigram through it. Each test is looser by ``SLACK``: ties
    and the last bit of a logarithm are left to the rule. With them, per place, the answer
    (a character id) where it passes the tests by more than ``SLACK`` too (no doubt which
    candidate the rule's search finds), else -1."""
    np = arr.np
    lo = arr.candidate_bounds[ids[places]]
    length = arr.candidate_bounds[ids[places] + 1] - lo
    row = np.repeat(np.arange(len(places)), length)
    listed = np.repeat(lo - (np.cumsum(length) - length), length) + np.arange(len(row))
    at, alt = places[row], arr.candidate_ids[listed]
    usual = _usual(arr, ids, at, alt, prev1, next1)
    at, alt, row = at[usual], alt[usual], row[usual]
    penalty = penalties[arr.candidate_groups[listed[usual]] - 1]
    gain = _gains(arr, ids, at, alt, places, row, penalty, prev1, prev2, next1, next2)
    best = np.full(len(places), -np.inf)
    np.maximum.at(best, row, gain)
    rivals = np.bincount(row[gain > best[row] - gap + SLACK], minlength=len(places))  # the best counts itself
    clear = np.bincount(row[gain > best[row] - gap - SLACK], minlength=len(places)) == 1
    top = gain >= best[row] - SLACK
    fits = _fits(arr, ids, at, alt, prev1, next1, prev2, next2)
    top_fits = np.zeros(len(places), dtype=bool)
    top_fits[row[top & fits]] = True
    answering = (best >= margin - SLACK) & (rivals <= 1) & top_fits
    answer = np.full(len(places), -1)
    answer[row[top]] = alt[top]  # one per place where ``clear``
    certain = answering & clear & (best >= margin + SLACK)
    return places[answering], np.where(certain, answer, -1)[answering]


def _usual(arr, ids, at, alt, prev1, next1):
    """Whether ``alt`` written at each of ``at`` makes a usual pair with a neighbour."""
    np = arr.np
    last = len(ids) - 1
    pairs = arr.bigram(np.concatenate((ids[np.maximum(at - 1, 0)], alt)),
                       np.concatenate((alt, ids[np.minimum(at + 1, last)])))
    return (prev1[at] & (pairs[:len(at)] >= USUAL)) | (next1[at] & (pairs[len(at):] >= USUAL))


def _fits(arr, ids, at, alt, prev1, next1, prev2, next2):
    """Whether some trigram through each of ``at`` is known with ``alt`` written there
    (``confusables._fitting``)."""
    np = arr.np
    last = len(ids) - 1
    a, b = ids[np.maximum(at - 2, 0)], ids[np.maximum(at - 1, 0)]
    d, e = ids[np.minimum(at + 1, last)], ids[np.minimum(at + 2, last)]
    m = arr.base
    known = arr.trigrams.contains((np.concatenate((a, b, alt)) * m + np.concatenate((b, alt, d))) * m
                                  + np.concatenate((alt, d, e)))
    ending, middle, starting = known.reshape(3, len(at))
    return (prev2[at] & ending) | (prev1[at] & next1[at] & middle) | (next2[at] & starting)


def _gains(arr, ids, at, alt, place, row, penalty, prev1, prev2, next1, next2):
    """How much better than the written character (``place[row]`` is ``at``) each ``alt``
    scores, its penalty counted, in the order ``_best_substitute`` computes it."""
    np = arr.np
    scores = _span_scores(arr, ids, np.concatenate((at, place)), np.concatenate((alt, ids[place])),
                          prev1, prev2, next1, next2)
    return scores[:len(at)] - scores[len(at):][row] - penalty


def _kinds_around(prev1, next1, prev2, next2):
    """Where a trigram through a place can hold the substitute, in the order of
    ``ScreenArrays.contexts``: last (after the two characters before the place), in the middle
    (between its neighbours), first (before the two after it); per kind, which places have
    that context and the offsets of its two characters."""
    return ((prev2, -2, -1), (prev1 & next1, -1, 1), (next2, 1, 2))


def _span_scores(arr, ids, at, char, prev1, prev2, next1, next2):
    """``CharacterModel.span_score`` at each of ``at`` with ``char`` written there: the scores
    of the trigram windows ending at the place, at the next character and at the one after."""
    np = arr.np
    last = len(ids) - 1
    a, b = ids[np.maximum(at - 2, 0)], ids[np.maximum(at - 1, 0)]
    d, e = ids[np.minimum(at + 1, last)], ids[np.minimum(at + 2, last)]
    p1, p2, n1, n2 = prev1[at], prev2[at], next1[at], next2[at]
    terms = _log_scores(arr, np.concatenate((a, b, char)), np.concatenate((b, char, d)), np.concatenate((char, d, e)),
                        np.concatenate((p2, p1, n1)), np.concatenate((p1, np.ones(len(at), dtype=bool), n1)))
    first, second, third = terms.reshape(3, len(at))
    return first + np.where(n1, second, 0.0) + np.where(n2, third, 0.0)  # in the order ``sum`` adds them


def _log_scores(arr, c2, c1, char, has2, has1):
    """``CharacterModel.log_score`` of ``char`` after the context (c2, c1), either of which
    may be absent (``has2`` implies ``has1``), with the same stupid back-off."""
    np = arr.np
    tri = np.where(has2, arr.trigram(c2, c1, char), 0)
    pairs = arr.bigram(np.concatenate((c2, c1)), np.concatenate((c1, char)))
    context_pair = np.where(has2, pairs[:len(c1)], 0)
    pair = np.where(has1, pairs[len(c1):], 0)
    one, two = np.where(has2, BACK_OFF, 1.0), np.where(has2, BACK_OFF * BACK_OFF, np.where(has1, BACK_OFF, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(tri > 0, np.log(tri / np.maximum(context_pair, tri)),
                        np.where(pair > 0, np.log(one * pair / np.maximum(arr.unigram[c1], pair)),
                                 np.log(two * np.maximum(arr.unigram[char], 0.5) / arr.total)))
