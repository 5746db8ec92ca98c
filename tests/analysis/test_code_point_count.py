"""The compiled count of a set's characters (``_code_point_count``, which TYP010 asks of a
document's prefixes) against its reference, ``code_point_count.plain_counter`` (str.translate),
over thousands of random texts of the three str kinds, the set's members beyond the Basic
Multilingual Plane and characters whose low bits are a member's, with ends before, at and past
the text's end; and TYP010 counting with it."""
from __future__ import annotations

import random

from support import compiled_or_skip

from gongwen.analysis import code_point_count
from gongwen.rules import characters


def _members() -> list[int]:
    return sorted(map(ord, characters.script_tables()[1]))


def _texts(members: list[int], count: int, seed: str = "code-point-count") -> list[str]:
    rnd = random.Random(seed)
    astral = [m for m in members if m > 0xFFFF]
    bmp = [m for m in members if m <= 0xFFFF]
    # Not members: ASCII, Latin-1, the BMP's Han and marks, beyond the BMP, a lone surrogate,
    # the code point one past the largest member and the BMP twins of astral members.
    others = [ord(c) for c in "a1 \n\xe9\xa0的是乾於，。\u3000😀\ud800"] + [members[-1] + 1, 0x10FFFF]
    others += [m & 0xFFFF for m in astral[:20] if (m & 0xFFFF) not in members]
    texts = []
    for k in range(count):
        kind = k % 4  # ASCII/Latin-1 only, BMP, astral, all
        pool = others[:6] if kind == 0 else others + bmp[:200] + ([] if kind == 1 else astral[:200])
        if kind == 3:
            pool = pool + bmp + astral
        size = rnd.choice((0, 1, 5, 40, 300, 5000))
        texts.append("".join(chr(rnd.choice(pool)) for _ in range(size)))
    return texts


def _ends(text: str, rnd: random.Random) -> list[int | None]:
    n = len(text)
    return [None, 0, -3, n, n + 7, rnd.randint(0, n), rnd.randint(0, n)]


def _differ(texts: list[str], count, reference) -> list[tuple[str, int | None]]:
    rnd = random.Random("ends")
    return [(t, e) for t in texts for e in _ends(t, rnd) if count(t, e) != reference(t, e)]


def test_compiled_count_as_the_reference():
    compiled_or_skip("_code_point_count")
    members = _members()
    assert any(m > 0xFFFF for m in members)  # the set reaches beyond the BMP
    texts = _texts(members, 4_000)
    reference = code_point_count.plain_counter(members)
    counts = [reference(t) for t in texts]
    assert sum(c > 0 for c in counts) > 1_500 and sum(c == 0 for c in counts) > 1_000
    assert _differ(texts, code_point_count.counter(members), reference) == []


def test_the_comparison_catches_a_wrong_set():
    """A set without its members beyond the BMP, or with the BMP twins of them, counts
    otherwise on the same texts."""
    compiled_or_skip("_code_point_count")
    members = _members()
    texts = _texts(members, 4_000)
    reference = code_point_count.plain_counter(members)
    assert _differ(texts, code_point_count.counter([m for m in members if m <= 0xFFFF]), reference)
    assert _differ(texts, code_point_count.counter(members + [m & 0xFFFF for m in members if m > 0xFFFF]),
                   reference)


def test_typ010_counts_with_the_compiled_set():
    """The count of simplified-only characters TYP010's verdict rests on is the compiled one."""
    compiled_or_skip("_code_point_count")
    count = characters._simplified_count()
    assert count.__closure__ is not None
    assert any(type(cell.cell_contents).__name__ == "CodePointSet" for cell in count.__closure__)
    text = "们的這發展" * 1000
    assert count(text) == sum(ch in characters.script_tables()[1] for ch in text)
