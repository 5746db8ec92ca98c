"""Finding near misses of protected strings: one character missing, extra, wrong, or two swapped.

A single edit leaves at least one of a string's pieces intact (its halves; a swap across the
middle breaks both, so that swapped string is a piece too). All pieces
of all strings are found in one Aho-Corasick pass over the text (ahocorasick-rs); each piece
found fixes where the whole string would start, and only the few substrings around that place
(start ±1, length ±1) are compared with the string by their OSA distance (an adjacent swap
counts as one edit: ``compare``, in C in ``_fuzzy_sift``, through rapidfuzz where that is not
built). The cost is linear in the text and in the pieces found.

What a match may not be, because it is then a different, correct text rather than a typo:
- an edit at the first or last character, which belongs as much to the neighbouring word
  (全国共产党员 holds 国共产党, one character from 中国共产党), unless the caller opens
  that edge (a name after its title: 总理李墙) or asks for wrong edge characters, which it
  then judges itself, or gives a judge of a missing last character (``edge_deletion``),
  which sees the whole text: what follows decides whether the string was cut there;
- a numeral in place of a numeral, or an administrative level in place of another
  (二十届三中全会 / 十九届六中全会, 省人民政府 / 市人民政府): the number is content;
- a match whose differing characters lie inside an exact occurrence of another protected or
  known-correct string (全面建设小康社会 is a real formulation one character from
  全面建成小康社会; 国务院总理李克强 is one from 国务院总理李强);
- anything with a character that is not Han or a digit (a comma or a line break between
  two halves is another defect, or none).
Long strings (``LONG`` characters or more) also match with two adjacent characters missing
(习近平新时代中国特色社会思想), the commonest damage from an editor's deletion.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import accumulate
from typing import Any, Callable, Iterable

import ahocorasick_rs
import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _fuzzy_sift
except ImportError:  # the optional extension did not build: the Python loop runs
    _fuzzy_sift = None

ANY_NUMERAL = "#"
LONG = 12
_VERDICTS = 16_384  # windows remembered per matcher (~5,000 distinct in the 135 clean reports)
_SURROGATE = lazy_regex.compile(r"[\ud800-\udfff]")


def rust_safe(text: str) -> str:
    """The text as the Rust automaton can take it: a lone surrogate (text handed to the API, a
    broken UTF-16 file decoded with surrogatepass) becomes NUL, which no string holds, so
    offsets stay the same."""
    return _SURROGATE.sub("\0", text) if _SURROGATE.search(text) else text


@cache
def _han_or_digit() -> regex.Pattern:
    return pattern_cache.regex_compile(r"[\p{Han}0-9０-９]+")  # compiled on first use: 20 ms of start-up


Site = tuple[int, int, str, tuple[tuple[int, str], ...]]  # see FuzzyMatcher.__init__'s anchors
# (the (start, end) of the strings found as written and of the correct strings, the (pattern
# index, place) worth comparing): what ``sift`` makes of the automaton's hits.
Sifted = tuple[list[tuple[int, int]], list[tuple[int, int]]]


@dataclass(frozen=True)
class Pattern:
    text: str  # "#" stands for any numeral
    value: Any  # what the caller attaches (its entry)
    open_start: bool = False  # an edit at the first character counts
    open_end: bool = False


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    pattern: Pattern
    kind: str  # missing | extra | wrong | swapped
    fixed: str  # the text as it should read (the pattern with the text's own numerals)
    edit: tuple[int, int]  # the differing characters in the text (empty where one is missing)


def shifted(hit: NearMiss, delta: int) -> NearMiss:
    """``hit`` with its offsets moved by ``delta`` (into or out of a window of its text)."""
    if not delta:
        return hit
    return NearMiss(hit.start + delta, hit.end + delta, hit.pattern, hit.kind, hit.fixed,
                    (hit.edit[0] + delta, hit.edit[1] + delta))


def _pieces(text: str, tail_from: int, pair_rarity: Callable[[str], int] | None) -> list[tuple[int, str]]:
    """(offset, piece) anchors such that one edit leaves at least one intact: two halves, and
    from ``tail_from`` characters the whole string with the two characters around the middle
    swapped, the one edit that breaks both halves. Where the halves meet is chosen
    so that the commoner piece is as rare as possible (a piece is as common as its rarest pair
    of characters; ``pair_rarity`` estimates a pair's count): 社会主义现|代化强国, not
    社会主义|现代化强国, whose 社会主义 occurs everywhere, and every occurrence of a piece costs a
    comparison."""
    if ANY_NUMERAL in text:
        # The runs between numerals: an edit touching a numeral is never reported.
        return [(m.start(), m.group()) for m in regex.finditer(r"[^#]+", text)]
    n = len(text)
    m = n // 2
    if pair_rarity is not None and n >= 5:
        # Each pair counted once; a head's and a tail's rarest pair are running minima from
        # either end (counting every piece pair by pair was most of building the index).
        pairs = [pair_rarity(text[j:j + 2]) for j in range(n - 1)]
        head = list(accumulate(pairs, min))  # head[k - 2]: the rarest pair of text[:k]
        tail = list(accumulate(reversed(pairs), min))[::-1]  # tail[k]: the rarest of text[k:]
        m = min(range(2, n - 1), key=lambda k: (max(head[k - 2], tail[k]), abs(k - n // 2)))
    pieces = [(0, text[:m]), (m, text[m:])]
    if n >= tail_from and text[m - 1] != text[m]:
        # The one swap that breaks both halves, as a piece of its own: found only where it is.
        pieces.append((0, text[:m - 1] + text[m] + text[m - 1] + text[m + 1:]))
    return pieces


def diff(pattern: str, sub: str) -> tuple[int, str, str]:
    """Common prefix length and the differing middles of pattern and sub."""
    a = 0
    top = min(len(pattern), len(sub))
    while a < top and pattern[a] == sub[a]:
        a += 1
    b = 0
    while b < top - a and pattern[-1 - b] == sub[-1 - b]:
        b += 1
    return a, pattern[a:len(pattern) - b], sub[a:len(sub) - b]


def edit_kind(mid_p: str, mid_t: str, long: bool) -> str | None:
    if not mid_t and (len(mid_p) == 1 or (long and len(mid_p) == 2)):
        return "missing"
    if not mid_p and len(mid_t) == 1:
        return "extra"
    if len(mid_p) == 1 and len(mid_t) == 1:
        return "wrong"
    if len(mid_p) == 2 and mid_t == mid_p[::-1]:
        return "swapped"
    return None


@cache
def _osa():
    """rapidfuzz's bounded OSA distance, imported when a piece is first found (40 ms of
    start-up that a document without any protected string never pays)."""
    from rapidfuzz.distance import OSA

    return OSA.distance


class FuzzyMatcher:
    """Near misses of many protected strings in one pass."""

    def __init__(self, patterns: Iterable[Pattern], shields: Iterable[str], numerals: str,
                 levels: str = "", edge_substitutions: bool = False, swaps_from: int = 5,
                 pair_rarity: Callable[[str], int] | None = None,
                 edge_deletion: Callable[[str, "NearMiss"], bool] | None = None,
                 shield_edges: bool = True) -> None:
        self.patterns = [p for p in patterns if len(p.text) >= 4]
        # A wrong first or last character is reported too; the caller then judges it by the
        # word it makes (全国共产党员 / 中国共产党), which this module cannot.
        self.edge_substitutions = edge_substitutions
        # A missing last character is kept only where this judge, given the whole text, finds
        # the string cut there (…社会主义思，): the window a verdict is remembered by cannot tell.
        self.edge_deletion = edge_deletion
        # Whether a character missing right at the edge of an exact shield is explained by it:
        # a correct shorter string and another word (中国特色社会主义 + 体系). The roster's
        # shields are names, and a character missing between a name and its title is the
        # title's (习近平书记 for 习近平总书记).
        self.shield_edges = shield_edges
        self.numerals = numerals
        self.numeral_set = set(numerals)
        self.levels = set(levels)
        self._to_placeholder = str.maketrans(numerals, ANY_NUMERAL * len(numerals))
        # piece -> (pattern index, offset of the piece, the pattern, characters of the rest of it
        # that a near miss keeps near their place: its first and last, at most one of which
        # an edit can touch).
        anchors: dict[str, list[tuple[int, int, str, tuple[tuple[int, str], ...]]]] = {}
        for i, p in enumerate(self.patterns):
            for offset, piece in _pieces(p.text, swaps_from, pair_rarity):
                rest = [] if ANY_NUMERAL in p.text else [
                    (a, p.text[a:b]) for a, b in ((0, offset), (offset + len(piece), len(p.text))) if b - a >= 2]
                checks = tuple((r, p.text[r]) for a, part in rest for r in (a, a + len(part) - 1))
                anchors.setdefault(piece, []).append((i, offset, p.text, checks))
        # Correct strings with numerals ("##届#次全会") are compared only around a near miss of a
        # numbered string, which is rare; the others are found in the same pass as the pieces.
        self.numbered_shields = sorted({sh for sh in shields if ANY_NUMERAL in sh})
        self._longest_numbered_shield = max(map(len, self.numbered_shields), default=0)
        self.shield_keys = sorted(set(shields) - set(self.numbered_shields))
        self.keys = list(anchors) + self.shield_keys
        self.sites = list(anchors.values())
        # Bounded: memory stays flat over a long run of documents.
        self._window_verdict = lru_cache(maxsize=_VERDICTS)(self._verdict)
        self._window_shielded = lru_cache(maxsize=_VERDICTS)(self._shielded)

    @cached_property
    def automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        """Built on first use: where the shared pass (gongwen.analysis.shared_scan) finds the
        keys, it is never asked."""
        return ahocorasick_rs.AhoCorasick(
            self.keys, implementation=ahocorasick_rs.Implementation.DFA) if self.keys else None

    @property
    def sift_table(self) -> tuple[list[list[Site]], int, str]:
        """What the shared pass's compiled scan needs to sift this matcher's hits as it finds
        them (_literal_scan.c, through _fuzzy_sift.h): it then hands over ``sift``'s answer."""
        return self.sites, LONG, self.numerals

    def sift(self, text: str, matches: list[tuple[int, int, int]]) -> Sifted:
        """(exact, tries) from the automaton's raw overlapping hits in ``text``: see ``sift``."""
        if _fuzzy_sift is None:
            return sift(text, matches, self.sites, self.keys, self.numerals)
        return _fuzzy_sift.sift(text, matches, self.sites, self.keys, LONG, self.numerals)

    def find(self, text: str, sifted: Sifted | None = None) -> list[NearMiss]:
        """Near misses in ``text``. ``sifted``: ``sift``'s answer for ``text`` when a shared pass
        already found the hits and sifted them (gongwen.analysis.shared_scan.sifted)."""
        if not self.keys:
            return []
        found: dict[tuple[int, int], NearMiss] = {}
        tried: set[tuple[int, int]] = set()
        if sifted is None:
            try:
                matches = self.automaton.find_matches_as_indexes(text, overlapping=True)
            except UnicodeEncodeError:
                matches = self.automaton.find_matches_as_indexes(rust_safe(text), overlapping=True)
            sifted = self.sift(text, matches)
        tries = sifted[1]
        if not tries:
            return []  # nothing to compare: the exact strings only ever drop near misses
        exact = list(sifted[0])  # added to and sorted below: the shared pass's memo keeps its own
        for place in tries:
            if place in tried:
                continue
            tried.add(place)
            hit = self._near_miss(text, place[0], place[1], exact)
            if hit is not None and self._awaits_judge(hit) and not self.edge_deletion(text, hit):
                hit = None
            if hit is not None and (hit.start, hit.end) not in found:
                found[(hit.start, hit.end)] = hit
        hits = [h for h in found.values() if not self._numbered_shield(text, h)]
        return _select(hits, exact, self.shield_edges)

    def _awaits_judge(self, hit: NearMiss) -> bool:
        """Whether ``hit`` is a missing last character found only because the caller judges
        those (``edge_deletion``)."""
        return (self.edge_deletion is not None and hit.kind == "missing" and hit.edit[0] == hit.end
                and not hit.pattern.open_end)

    def _numbered_shield(self, text: str, hit: NearMiss) -> bool:
        """Whether the differing characters of a numbered near miss lie inside a correct
        numbered string (省委十二届九次全会 is one character from 十二届九中全会)."""
        if ANY_NUMERAL not in hit.pattern.text:
            return False
        at, to = hit.edit
        # One translated window around the edit for every shield, searched with str.find: a
        # slice translated per shield and place was 10 s on 1 MB of numbered near misses.
        # A shield starting from max(0, to - size) to at ends by at + size <= hi.
        lo, hi = max(0, to - self._longest_numbered_shield), at + self._longest_numbered_shield
        return self._window_shielded(text[lo:hi], at - lo, to - lo)

    def _shielded(self, window: str, at: int, to: int) -> bool:
        """``_numbered_shield``'s answer from its window, ``at`` and ``to`` in the window's
        offsets (a shield's first possible start, ``to - size``, is never before the window's
        start unless that is the text's). All it reads, so remembered per window
        (``_window_shielded``): the same near miss in the same context recurs."""
        window = window.translate(self._to_placeholder)
        return any(window.find(shield, max(0, to - len(shield)), max(0, at + len(shield))) >= 0
                   for shield in self.numbered_shields)

    def _numbered_shield_plain(self, text: str, hit: NearMiss) -> bool:
        """``_numbered_shield`` place by place: the reference its tests compare it with."""
        if ANY_NUMERAL not in hit.pattern.text:
            return False
        at, to = hit.edit
        for shield in self.numbered_shields:
            size = len(shield)
            for start in range(max(0, to - size), at + 1):
                if text[start:start + size].translate(self._to_placeholder) == shield:
                    return True
        return False

    def _near_miss(self, text: str, p_index: int, s0: int, exact: list[tuple[int, int]]) -> NearMiss | None:
        """``_verify`` of pattern ``p_index`` placed at ``s0``, through the memo of windows.
        Everything ``_verify`` reads lies in ``text[s0 - 1:s0 + len + 2]`` (clipped to the
        text): its candidates start at s0 - 1, s0 or s0 + 1 and are at most one character
        longer than the pattern, and a candidate past either end of the text is past the
        window's. So its answer, in the window's offsets, depends only on the pattern, the
        window and where s0 lies in it; the same slip or near-miss context (生态环境保护 next
        to 生态环境部, 二中、三中全会) recurs across paragraphs and documents."""
        offset, end = _window(s0, len(self.patterns[p_index].text))
        window = text[offset:end]
        hit, at = self._window_verdict(p_index, window, s0 - offset)
        if at is not None:
            exact.append((at[0] + offset, at[1] + offset))
        return hit and shifted(hit, offset)

    def _verdict(self, p_index: int, window: str, s0: int) -> tuple[NearMiss | None, tuple[int, int] | None]:
        """(``_verify``'s near miss, the exact occurrence it found) of the pattern at ``s0``
        of ``window``."""
        exact: list[tuple[int, int]] = []
        hit = self._verify(window, self.patterns[p_index], s0, exact)
        return hit, exact[0] if exact else None

    def _verify(self, text: str, p: Pattern, s0: int, exact: list[tuple[int, int]]) -> NearMiss | None:
        pat = p.text
        size = len(pat)
        # Numerals read as "#" for the strings that hold "#": translated around the piece only
        # (the whole text would cost more than all the comparisons).
        offset = max(0, s0 - 2)
        source = text[offset:s0 + size + 2]
        if ANY_NUMERAL in pat:
            source = source.translate(self._to_placeholder)
        long = size >= LONG
        at, spans = (compare if _fuzzy_sift is None else _fuzzy_sift.compare)(pat, source, s0 - offset, LONG)
        if at is not None:
            exact.append((at[0] + offset, at[1] + offset))
            return None  # the string is here as it should be
        candidates = [(start + offset, end + offset, source[start:end]) for start, end in spans]
        # Of the readings of the same slip, the one with the most of the string intact on both
        # sides of the edit: 全之国人民代表大会 is 之 added inside, not 全 replaced by 之. A missing
        # last character (judged by the caller) scores as low as a wrong edge character and ties
        # with one only where it is met first, which needs a string of a repeated character or pair.
        hits = [h for h in (self._classify(text, p, start, end, sub, long) for start, end, sub in candidates) if h]
        return max(hits, key=lambda h: min(h.edit[0] - h.start, h.end - h.edit[1]), default=None)

    def _classify(self, text: str, p: Pattern, start: int, end: int, sub: str,
                  long: bool) -> NearMiss | None:
        a, mid_p, mid_t = diff(p.text, sub)
        kind = edit_kind(mid_p, mid_t, long)
        if kind is None or ANY_NUMERAL in mid_p or ANY_NUMERAL in mid_t:
            return None
        after = a + len(mid_p)
        if 0 < a and after < len(p.text) and p.text[a - 1] == p.text[after] == ANY_NUMERAL:
            return None  # 十届三次 / 十三次: between two numerals the number itself changes
        if kind == "wrong" and ({mid_p, mid_t} <= self.numeral_set or {mid_p, mid_t} <= self.levels):
            return None  # another number or another level: content, not a typo
        b = len(sub) - a - len(mid_t)
        edge_ok = kind == "wrong" and self.edge_substitutions
        cut_ok = kind == "missing" and len(mid_p) == 1 and self.edge_deletion is not None
        if (a == 0 and not (p.open_start or edge_ok)) or (b == 0 and not (p.open_end or edge_ok or cut_ok)):
            return None
        if not _han_or_digit().fullmatch(text, start, end):
            return None
        fixed = text[start:start + a] + mid_p + text[end - b:end]
        return NearMiss(start, end, p, kind, fixed, (start + a, end - b))




def sift(text: str, matches: list[tuple[int, int, int]], sites: list[list[Site]], keys: list[str],
         numerals: str, reach: bool = False) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(the (start, end) of the strings found as written and of the correct strings, the
    (pattern index, place) worth comparing) from the automaton's hits, in their order;
    ``within_reach`` asked too if ``reach``. ``_fuzzy_sift.sift`` is this with ``reach``."""
    exact: list[tuple[int, int]] = []
    tries: list[tuple[int, int]] = []
    n_sites = len(sites)
    for key, i, _ in matches:
        if key >= n_sites:
            exact.append((i, i + len(keys[key])))
            continue
        for p_index, offset, pat, checks in sites[key]:
            s0 = i - offset
            if text.startswith(pat, s0):  # the commonest case: the string as it should be
                exact.append((s0, s0 + len(pat)))
                continue
            if checks:
                # The rest of the string must be near: its first or last character within
                # two places of where it belongs (an edit moves or replaces only one).
                for r, ch in checks:
                    if ch in text[max(0, s0 + r - 2):s0 + r + 3]:
                        break
                else:
                    continue  # most pieces are found in other text
            if reach and not within_reach(text, pat, s0, numerals):
                continue
            tries.append((p_index, s0))
    return exact, tries


def compare(pat: str, source: str, s0: int,
            long_from: int = LONG) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """(the span where ``pat`` stands as written, or None; the spans within its cutoff of it)
    among the substrings of ``source`` that start at ``s0`` - 1, ``s0`` or ``s0`` + 1 (in
    that order) and are as long as ``pat``, one shorter or one longer (two shorter for a
    string of ``long_from`` characters or more); ``source`` holds every such substring that
    lies in the text. ``_fuzzy_sift.compare`` is this in C, on the same code points."""
    size = len(pat)
    long = size >= long_from
    cutoff = 2 if long else 1
    lengths = (size, size - 1, size + 1, size - 2) if long else (size, size - 1, size + 1)
    # One comparison with the widest window first: most pieces found are in other text.
    bound = 2 * cutoff + 2  # the edits plus the window's characters beyond the shortest candidate
    if _osa()(pat, source[max(0, s0 - 1):s0 + size + 1], score_cutoff=bound) > bound:
        return None, []
    spans = []
    for start in (s0, s0 - 1, s0 + 1):
        for length in lengths:
            end = start + length
            if start < 0 or end > len(source):
                continue
            distance = _osa()(pat, source[start:end], score_cutoff=cutoff)
            if distance == 0:
                return (start, end), []
            if distance <= cutoff:
                spans.append((start, end))
    return None, spans


def within_reach(text: str, pat: str, s0: int, numerals: str) -> bool:
    """Whether the comparison of ``pat`` placed at ``s0`` can find anything: at most its cutoff
    of the string's characters (as a multiset) missing from the text it reads there. Every
    candidate ``_verify`` compares (and the exact one it may find) lies in
    ``text[max(0, s0 - 1):s0 + len(pat) + 2]``, clipped to the text (see ``_near_miss``; when
    that end is 0 or less no candidate starts at 0 or later), and each edit OSA counts (a
    character inserted, deleted, replaced, or two swapped) takes at most one of the string's
    characters away. A string with "#" is compared with the text's ``numerals`` read as "#",
    and so is counted here."""
    size = len(pat)
    lo, hi = max(0, s0 - 1), min(len(text), s0 + size + 2)
    if hi <= lo:
        return False
    window = text[lo:hi]
    if ANY_NUMERAL in pat:
        window = window.translate(str.maketrans(numerals, ANY_NUMERAL * len(numerals)))
    missing = Counter(pat)
    missing.subtract(window)
    return sum(c for c in missing.values() if c > 0) <= (2 if size >= LONG else 1)


def _window(s0: int, size: int) -> tuple[int, int]:
    """The span of text ``FuzzyMatcher._verify`` reads for a string of ``size`` characters
    placed at ``s0`` (see ``_near_miss``), not yet clipped at the text's end."""
    return max(0, s0 - 1), s0 + size + 2


def _select(hits: Iterable[NearMiss], exact: list[tuple[int, int]], edges: bool = True) -> list[NearMiss]:
    """Drop near misses whose differing characters lie inside an exact protected or correct
    string (全面建设小康社会; 李克强 next to 总理), a missing one at its edge too unless not
    ``edges``; of overlapping ones keep the longest pattern."""
    exact.sort()
    starts = [a for a, _ in exact]
    longest = max((b - a for a, b in exact), default=0)
    kept: list[NearMiss] = []
    # The kept hits never overlap, so sorted by start their ends are sorted too and only the
    # last one starting before a hit's end can overlap it: one bisection instead of a pass
    # over every kept hit (13,000 near misses in 1 MB took 10 s that way).
    kept_starts: list[int] = []
    for h in sorted(hits, key=lambda h: (-len(h.pattern.text), h.start)):
        at, to = h.edit
        # Only exact strings starting within the longest one's length before the edit can hold it.
        around = exact[bisect_left(starts, at - longest):bisect_right(starts, at)]
        gap = at == to and not edges  # a missing character, explained only from inside
        if any(a <= at and to <= b and a < b and not (gap and at in (a, b)) for a, b in around):
            continue
        i = bisect_left(kept_starts, h.end)
        if i and kept[i - 1].end > h.start:
            continue
        kept_starts.insert(i, h.start)
        kept.insert(i, h)
    return kept
