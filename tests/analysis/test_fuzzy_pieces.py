"""The fuzzy index's anchors (issue 16 item 4): where a protected string's halves meet is chosen
by the rarity of each half, a half being as common as its rarest pair of characters. The pairs
are counted once per string and the halves' minima run from either end; the anchors must be
those of counting every half pair by pair."""
from __future__ import annotations

import random

from gongwen.analysis import fuzzy


def _plain_split(text: str, pair_rarity) -> int:
    """Where the halves meet, each half's rarity counted pair by pair (as before)."""
    def rarity(piece: str) -> int:
        return min(pair_rarity(piece[k:k + 2]) for k in range(len(piece) - 1))
    n = len(text)
    return min(range(2, n - 1), key=lambda k: (max(rarity(text[:k]), rarity(text[k:])), abs(k - n // 2)))


def _splits_differ(split) -> list[str]:
    rnd = random.Random("fuzzy-pieces")
    differ = []
    for _ in range(3_000):
        text = "".join(rnd.choice("社会主义现代化强国中华人民共和") for _ in range(rnd.randint(5, 16)))
        counts = {}

        def pair_rarity(pair: str) -> int:
            return counts.setdefault(pair, rnd.choice([0, 1, 3, 50, 1000, 10 ** 6]))
        if split(text, pair_rarity) != _plain_split(text, pair_rarity):
            differ.append(text)
    return differ


def _split(text: str, pair_rarity) -> int:
    return len(fuzzy._pieces(text, 99, pair_rarity)[0][1])


def test_halves_meet_where_counting_every_half_makes_them_meet():
    assert _splits_differ(_split) == []


def test_a_tail_minimum_taken_one_pair_too_late_is_caught():
    from itertools import accumulate

    def wrong(text: str, pair_rarity) -> int:
        n = len(text)
        pairs = [pair_rarity(text[j:j + 2]) for j in range(n - 1)]
        head = list(accumulate(pairs, min))
        tail = list(accumulate(reversed(pairs), min))[::-1] + [1 << 30]
        return min(range(2, n - 1), key=lambda k: (max(head[k - 2], tail[k + 1]), abs(k - n // 2)))
    assert _splits_differ(wrong)


def test_the_protected_phrases_index_is_the_same_as_by_pieces():
    """The shipped strings' anchors with the counts of official writing, against the halves
    counted piece by piece (evidence.piece_count)."""
    from gongwen.analysis.evidence import pair_count, piece_count
    from gongwen.rules import protected

    texts = [t for _, t in protected.phrase_texts() if fuzzy.ANY_NUMERAL not in t and len(t) >= 5]
    assert len(texts) > 50
    for text in texts:
        n = len(text)
        plain = min(range(2, n - 1), key=lambda k: (max(piece_count(text[:k]), piece_count(text[k:])), abs(k - n // 2)))
        assert _split(text, pair_count) == plain, text
