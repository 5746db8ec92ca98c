"""OffsetMap skips sorting anchors that readers already made in order: it must hold the
same lists as sorting them always did, for anchors in order, out of order, and sharing a
projected offset (where the sort orders them by source)."""
import random

import pytest

from gongwen.document import OffsetMap

CASES = 5000


def plain(anchors):
    """The constructor before the shortcut: always sorted."""
    anchors = sorted(anchors or [])
    return ([a[0] for a in anchors], [a[1] for a in anchors],
            {i: a[2] for i, a in enumerate(anchors) if len(a) > 2})


def anchors(seed: int) -> list[tuple[int, ...]]:
    rnd = random.Random(seed)
    out, proj, src = [], 0, 0
    for _ in range(rnd.choice((0, 1, 2, 3, 10, 60))):
        proj += rnd.choice((0, 1, 1, 2, 5))  # 0: two anchors at one projected offset
        src += rnd.randrange(0, 8)
        end = (src + rnd.randrange(1, 9),) if rnd.random() < 0.3 else ()  # an entity's end
        out.append((proj, src, *end))
    if out and rnd.random() < 0.3:
        shuffled = out[:]
        rnd.shuffle(shuffled)
        out = shuffled
    if len(out) > 1 and rnd.random() < 0.1:
        i = rnd.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]  # one pair out of order
    return out


def state(m: OffsetMap):
    return m._proj, m._src, m._ends


def test_random_anchors_map_as_sorted():
    assert [seed for seed in range(CASES) if state(OffsetMap(anchors(seed))) != plain(anchors(seed))] == []


def test_the_generator_reaches_every_case():
    cases = [anchors(seed) for seed in range(CASES)]
    assert sum(a != sorted(a) for a in cases) > 500
    assert sum(len({p for p, *_ in a}) < len(a) and a == sorted(a) for a in cases) > 500  # shared offsets, in order
    assert sum(any(len(x) > 2 for x in a) for a in cases) > 1000
    assert sum(not a for a in cases) > 100


def test_no_anchors_and_a_tuple_of_anchors():
    assert state(OffsetMap()) == ([], [], {})
    assert state(OffsetMap(((3, 9, 12), (1, 2)))) == ([1, 3], [2, 9], {1: 12})


def pieces(seed: int) -> tuple[list[int], list[tuple[int, ...]]]:
    """The same anchors as a reader's pieces: projected starts, and source tuples apart."""
    found = anchors(seed)
    return [a[0] for a in found], [a[1:] for a in found]


def test_a_map_of_pieces_is_the_map_of_their_anchors():
    """OffsetMap.of_pieces (round 11) takes the starts as they are when they increase, and
    reads entity ends from the source tuples: the same lists as OffsetMap of the anchors,
    whether or not the starts increase."""
    assert [seed for seed in range(CASES)
            if state(OffsetMap.of_pieces(*pieces(seed))) != plain(anchors(seed))] == []


def _unchecked(starts, sources):
    """Wrong: the starts taken as they are without checking that they increase."""
    made = OffsetMap.__new__(OffsetMap)
    made._proj, made._src = starts, [s[0] for s in sources]
    made._ends = {i: s[1] for i, s in enumerate(sources) if len(s) > 1}
    return made


def _ends_one_off(starts, sources):
    """Wrong: the entity ends read one item further, as from anchors."""
    made = OffsetMap.of_pieces(starts, sources)
    made._ends = {i: s[-1] for i, s in enumerate(sources) if len(s) > 2}
    return made


@pytest.mark.parametrize("wrong", [_unchecked, _ends_one_off])
def test_a_wrong_map_of_pieces_is_caught(wrong):
    assert sum(state(wrong(*pieces(seed))) != plain(anchors(seed)) for seed in range(500)) > 20
