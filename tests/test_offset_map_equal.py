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


def pieces(seed: int) -> tuple[list[int], list[int], dict[int, int]]:
    """The same anchors as a reader's pieces: projected starts, source starts, entity ends."""
    found = anchors(seed)
    return [a[0] for a in found], [a[1] for a in found], {i: a[2] for i, a in enumerate(found) if len(a) > 2}


def test_a_map_of_pieces_is_the_map_of_their_anchors():
    """OffsetMap.of_pieces (round 11) keeps the lists as they are when the starts increase:
    the same lists as OffsetMap of the anchors, whether or not the starts increase."""
    assert [seed for seed in range(CASES)
            if state(OffsetMap.of_pieces(*pieces(seed))) != plain(anchors(seed))] == []


def _unchecked(starts, sources, ends):
    """Wrong: the starts taken as they are without checking that they increase."""
    made = OffsetMap.__new__(OffsetMap)
    made._proj, made._src, made._ends = starts, sources, ends
    return made


def _ends_dropped_when_sorted(starts, sources, ends):
    """Wrong: the entity ends lost on the way through the sort."""
    made = OffsetMap.of_pieces(starts, sources, {})
    return made if made._proj == starts else OffsetMap.of_pieces(starts, sources, ends)


@pytest.mark.parametrize("wrong", [_unchecked, _ends_dropped_when_sorted])
def test_a_wrong_map_of_pieces_is_caught(wrong):
    assert sum(state(wrong(*pieces(seed))) != plain(anchors(seed)) for seed in range(500)) > 20
