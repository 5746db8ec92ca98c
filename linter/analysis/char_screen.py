"""A vectorised screen for TYP013 (``confusables.suspects``): the places of some texts where a
suspect can possibly be found, computed for all of their characters at once with numpy.

A suspect needs a character that no known trigram covers (``CharacterModel.uncovered``) and a
candidate for it that makes a usual pair with a neighbour, has a known trigram through it once
written there (``_fitting``) and scores at least ``MARGIN`` better than the character as
written (``_best_substitute``). The screen asks exactly those questions of arrays: characters
as ids, the model's n-grams as integer keys in hash tables, a context's continuations as a
slice of the trigrams sorted three ways (by the two characters before the substitute, around
it, after it), the candidates as (written, substitute) keys. It keeps a place when some
candidate passes them all, with a hair of slack on the score (numpy's logarithm may differ
from ``math.log`` in the last bit); the rule judges the kept places (about one character in a
thousand) exactly as before. Everything is derived from the two files the model reads
(``official_trigrams.txt``, ``character_candidates.txt``) on first use, as arrays; numpy is
imported only then."""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import BACK_OFF, UNIGRAM_CONTEXT
from gongwen.analysis.evidence import USUAL

# The screen's score test is looser than the rule's by this much (natural log): a place whose
# best candidate misses ``MARGIN`` by less is kept and judged exactly.
SLACK = 1e-6
_FIBONACCI = 0x9E3779B97F4A7C15  # multiplicative hashing (Knuth): spreads consecutive keys


def _codepoints(np, text: str):
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


class _HashIndex:
    """Where each of some distinct non-negative integer keys is in their array: open addressing
    with linear probing in a table at most a quarter full, built and asked with whole arrays."""

    def __init__(self, np, keys) -> None:
        self.np = np
        self.bits = max(4, int(len(keys)).bit_length() + 2)
        mask = (1 << self.bits) - 1
        self.slots = np.full(1 << self.bits, -1, dtype=np.int64)
        pending, home = np.arange(len(keys)), self._home(keys)
        self.probes = 0
        while len(pending):  # each round places, per free slot wanted, the first key wanting it
            free = self.slots[home] < 0
            slot, first = np.unique(home[free], return_index=True)
            self.slots[slot] = pending[free][first]
            left = np.ones(len(pending), dtype=bool)
            left[np.flatnonzero(free)[first]] = False
            pending, home = pending[left], (home[left] + 1) & mask
            self.probes += 1
        self.keys = keys

    def _home(self, keys):
        np = self.np
        return ((keys.astype(np.uint64) * np.uint64(_FIBONACCI)) >> np.uint64(64 - self.bits)).astype(np.int64)

    def find(self, queries):
        """For each query, the index of the key equal to it, -1 if none."""
        np = self.np
        found = np.full(len(queries), -1, dtype=np.int64)
        asking, home, mask = np.arange(len(queries)), self._home(queries), (1 << self.bits) - 1
        for _ in range(self.probes):
            at = self.slots[home]
            hit = at >= 0
            hit[hit] = self.keys[at[hit]] == queries[asking[hit]]
            found[asking[hit]] = at[hit]
            more = (at >= 0) & ~hit
            asking, home = asking[more], (home[more] + 1) & mask
            if not len(asking):
                break
        return found


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
    seps = np.flatnonzero(separator)
    ends = np.concatenate((seps, [len(cp)]))[np.searchsorted(seps, item)]
    digits = ends - item - 1
    counts = np.zeros(len(item), dtype=np.int64)
    for j in range(int(digits.max(initial=0))):
        more = digits > j
        counts[more] = counts[more] * 10 + (cp[item[more] + 1 + j] - 48)
    begin = starts[line_of[item]]
    context_len = np.flatnonzero(cp == 9)[np.searchsorted(np.flatnonzero(cp == 9), begin)] - begin
    return cp[begin], cp[np.minimum(begin + 1, len(cp) - 1)], context_len, cp[item], counts


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


class ScreenArrays:
    """The model and the candidate table as arrays (see the module's docstring)."""

    def __init__(self, np, numerals: str) -> None:
        self.np = np
        first, second, context_len, char, count = _model_items(np, lexicon.text("official_trigrams.txt"))
        unigram = first == ord(UNIGRAM_CONTEXT)
        written, substitute, group = _candidate_items(np, lexicon.text("character_candidates.txt"))
        chars = np.unique(np.concatenate((char[unigram], written, substitute)))
        n = len(chars)
        self.base = m = n + 1  # id n: any other character
        self.id_of = np.full(0x110000, n, dtype=np.int64)
        self.id_of[chars] = np.arange(n)
        self.han = _han_table(np)
        self.unigram = np.zeros(m, dtype=np.int64)
        self.unigram[self.id_of[char[unigram]]] = count[unigram]
        self.total = int(self.unigram.sum())
        pair = ~unigram & (context_len == 1)
        self.bigram_counts = count[pair]
        self.bigrams = _HashIndex(np, self.id_of[first[pair]] * m + self.id_of[char[pair]])
        triple = context_len == 2
        t0, t1, t2 = self.id_of[first[triple]], self.id_of[second[triple]], self.id_of[char[triple]]
        self.trigram_counts = count[triple]
        self.trigrams = _HashIndex(np, (t0 * m + t1) * m + t2)
        # A context's continuations as a slice: the substitute last, in the middle, first.
        self.ending, self.ending_at = self._sorted_by(t0 * m + t1, t2)
        self.middle, self.middle_at = self._sorted_by(t0 * m + t2, t1)
        self.starting, self.starting_at = self._sorted_by(t1 * m + t2, t0)
        numeral = np.zeros(m, dtype=bool)
        numeral[self.id_of[_codepoints(np, numerals)]] = True
        w, s, g = self.id_of[written], self.id_of[substitute], group
        keep = ~numeral[s]
        w, s, g = w[keep], s[keep], g[keep]
        self.alternatives = _HashIndex(np, w * m + s)  # the groups are disjoint: each pair is listed once
        self.group = g  # of each pair: 0 same reading, 1 near reading, 2 similar shape
        self.has_alternative = np.zeros(m, dtype=bool)
        self.has_alternative[w] = True
        self.has_alternative &= ~numeral

    def _sorted_by(self, context, char):
        """The characters sorted by context, and a hash index from each context to its slice."""
        np = self.np
        order = np.lexsort((char, context))
        context, char = context[order], char[order]
        heads = np.flatnonzero(np.concatenate(([True], context[1:] != context[:-1])))
        bounds = np.concatenate((heads, [len(context)]))
        return char, (_HashIndex(np, context[heads]), bounds)

    def bigram(self, a, b):
        np = self.np
        at = self.bigrams.find(a * self.base + b)
        return np.where(at >= 0, self.bigram_counts[np.maximum(at, 0)], 0)

    def trigram(self, a, b, c):
        np = self.np
        at = self.trigrams.find((a * self.base + b) * self.base + c)
        return np.where(at >= 0, self.trigram_counts[np.maximum(at, 0)], 0)


def _han_table(np):
    """Per code point, whether the rules' \\p{Han} (the ``regex`` module's) matches it."""
    import regex

    table = np.zeros(0x110000, dtype=bool)
    for lo, hi in ((0, 0xD800), (0xE000, 0x110000)):
        text = np.arange(lo, hi, dtype="<u4").tobytes().decode("utf-32-le")
        for m in regex.finditer(r"\p{Han}+", text):
            table[lo + m.start():lo + m.end()] = True
    return table


@cache
def arrays(numerals: str) -> ScreenArrays:
    """The arrays, with the candidates that are ``numerals`` left out and the characters that
    are given none."""
    import numpy

    return ScreenArrays(numpy, numerals)


def screen(texts: list[str], margin: float, penalties: tuple[float, float, float], numerals: str) -> list[list[int]]:
    """For each text, the positions where ``confusables.suspects`` can find a suspect, in
    order: a superset of where it does. Its terms: ``margin`` (``MARGIN``), the penalties of a
    same reading, a near reading and a similar shape, and the numerals no candidate is."""
    arr = arrays(numerals)
    np, m = arr.np, arr.base
    joined = "\n".join(texts)  # a line break ends a run of Han characters, as a text's end does
    cp = _codepoints(np, joined)
    size = len(cp)
    ids, han = arr.id_of[cp], arr.han[cp]
    pad = np.zeros(2, dtype=bool)
    prev1 = np.concatenate(([False], han[:-1]))
    next1 = np.concatenate((han[1:], [False]))
    next2 = np.concatenate((han[2:], pad))[:size] & next1
    prev2 = np.concatenate((pad, han[:-2]))[:size] & prev1
    # known[k]: the trigram starting at k is in the model
    known = np.zeros(size + 2, dtype=bool)
    starts = np.flatnonzero(han & next2)
    if len(starts):
        known[starts + 2] = arr.trigrams.find((ids[starts] * m + ids[starts + 1]) * m + ids[starts + 2]) >= 0
    covered = known[2:] | known[1:-1] | known[:-2]  # by the trigrams starting at p, p - 1, p - 2
    places = np.flatnonzero(han & (prev1 | next1) & ~covered & arr.has_alternative[ids])
    kept = _fitting_places(arr, ids, places, prev1, next1, prev2, next2, margin, np.array(penalties))
    bounds = np.cumsum([len(t) + 1 for t in texts])
    which = np.searchsorted(bounds, kept, side="right")
    found: list[list[int]] = [[] for _ in texts]
    for text_index, at in zip(which.tolist(), kept.tolist()):
        found[text_index].append(at - (int(bounds[text_index - 1]) if text_index else 0))
    return found


def _fitting_places(arr, ids, places, prev1, next1, prev2, next2, margin, penalties):
    """The places with a candidate that makes a usual pair with a neighbour, has a known
    trigram through it and scores at least ``margin - SLACK`` better than the written one."""
    np, m = arr.np, arr.base
    at_list, alt_list = [], []
    for index, sorted_chars, has, context in (
            (arr.ending_at, arr.ending, prev2, lambda p: ids[p - 2] * m + ids[p - 1]),
            (arr.middle_at, arr.middle, prev1 & next1, lambda p: ids[p - 1] * m + ids[p + 1]),
            (arr.starting_at, arr.starting, next2, lambda p: ids[p + 1] * m + ids[p + 2])):
        asked = places[has[places]]
        slot = index[0].find(context(asked))
        asked, slot = asked[slot >= 0], slot[slot >= 0]
        lo, hi = index[1][slot], index[1][slot + 1]
        length = hi - lo
        at_list.append(np.repeat(asked, length))
        offsets = np.arange(int(length.sum())) - np.repeat(np.cumsum(length) - length, length)
        alt_list.append(sorted_chars[np.repeat(lo, length) + offsets])
    at, alt = np.concatenate(at_list), np.concatenate(alt_list)
    which = arr.alternatives.find(ids[at] * m + alt)
    at, alt, penalty = at[which >= 0], alt[which >= 0], penalties[arr.group[which[which >= 0]]]
    before, after = prev1[at], next1[at]
    usual = ((before & (arr.bigram(np.where(before, ids[at - 1], 0), alt) >= USUAL))
             | (after & (arr.bigram(alt, np.where(after, ids[np.minimum(at + 1, len(ids) - 1)], 0)) >= USUAL)))
    at, alt, penalty = at[usual], alt[usual], penalty[usual]
    if not len(at):
        return at
    gain = _span_score(arr, ids, at, alt, prev1, prev2, next1, next2) - _span_score(
        arr, ids, at, ids[at], prev1, prev2, next1, next2) - penalty
    return np.unique(at[gain >= margin - SLACK])


def _span_score(arr, ids, at, char, prev1, prev2, next1, next2):
    """``CharacterModel.span_score`` at each of ``at`` with ``char`` written there."""
    np = arr.np
    last = len(ids) - 1
    a = np.where(prev2[at], ids[np.maximum(at - 2, 0)], 0)
    b = np.where(prev1[at], ids[np.maximum(at - 1, 0)], 0)
    d = np.where(next1[at], ids[np.minimum(at + 1, last)], 0)
    e = np.where(next2[at], ids[np.minimum(at + 2, last)], 0)
    score = _log_score(arr, a, b, char, prev2[at], prev1[at])
    score = score + np.where(next1[at], _log_score(arr, b, char, d, prev1[at], np.ones(len(at), dtype=bool)), 0.0)
    return score + np.where(next2[at], _log_score(arr, char, d, e, next1[at], next1[at]), 0.0)


def _log_score(arr, c2, c1, char, has2, has1):
    """``CharacterModel.log_score`` of ``char`` after the context (c2, c1), either of which
    may be absent (``has2`` implies ``has1``), with the same stupid back-off."""
    np = arr.np
    tri = np.where(has2, arr.trigram(c2, c1, char), 0)
    context_pair = np.where(has2, arr.bigram(c2, c1), 0)
    pair = np.where(has1, arr.bigram(c1, char), 0)
    context_char = arr.unigram[c1]
    one, two = np.where(has2, BACK_OFF, 1.0), np.where(has2, BACK_OFF * BACK_OFF, np.where(has1, BACK_OFF, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(tri > 0, np.log(tri / np.maximum(context_pair, tri)),
                        np.where(pair > 0, np.log(one * pair / np.maximum(context_char, pair)),
                                 np.log(two * np.maximum(arr.unigram[char], 0.5) / arr.total)))
