"""``_repeats.c`` skips 16 (one-byte text) or 8 (two-byte text) characters at a time to the
next one equal to the character ``size`` further on (round 24): its answers are those of the
Python reference (repeats.Lanes, plain_lone_doubled_han, plain_isolated_doubled_han) from every
place of long texts of each str kind, where stretches of distinct characters (no pair within
the block) end in repeats at every offset of a block and at the text's end. A vector step that
reports a pair one lane off is caught.
"""
from __future__ import annotations

import random

from support import compiled_or_skip

from gongwen.analysis import repeats

_KINDS = {  # distinct characters (no character equals one within 16 of it), doubled ones
    "one-byte": ("abcdefghijklmnopqrstuvwxyz0123456789", "aa bb ab ab abcabc xyzxyz 1111"),
    "two-byte": ("关于推进工作的报告全面加强建设发展改革创新服务管理体系", "推进推进 法法 学法法 落实落实全面全面 好好 认认真真"),
    "four-byte": ("关于推进工作𠀀的报告全面加强建设", "推进推进 法法 学法法"),
}


def _texts(rnd: random.Random, distinct: str, doubled: str) -> list[str]:
    pieces = doubled.split()
    texts = []
    for _ in range(300):
        out = []
        for _ in range(rnd.randint(1, 4)):
            start = rnd.randrange(len(distinct))
            out.append((distinct * 3)[start:start + rnd.randint(0, 40)])  # a stretch of no pair
            if rnd.random() < 0.8:
                out.append(rnd.choice(pieces))
        texts.append("".join(out))
    return texts


def _differences(doubled) -> tuple[int, int]:
    compiled = compiled_or_skip("_repeats")
    rnd = random.Random("repeats-blocks")
    differ = asked = 0
    for distinct, pieces in _KINDS.values():
        for text in _texts(rnd, distinct, pieces):
            plain = repeats.Lanes(text)
            for pos in range(len(text) + 1):
                if plain.exact:
                    for size in (1, *repeats.RUN_SIZES):
                        asked += 1
                        differ += plain.find(size, pos) != doubled(text, size, pos)
                    asked += 1
                    differ += plain.find_doubled_han(pos) != compiled.doubled_han(text, pos)
            asked += 2
            differ += list(repeats.plain_lone_doubled_han(text)) != list(repeats._compiled_lone_doubled_han(text))
            differ += list(repeats.plain_isolated_doubled_han(text)) != list(
                repeats._compiled_isolated_doubled_han(text))
    return differ, asked


def test_the_vector_steps_answer_as_the_reference():
    compiled = compiled_or_skip("_repeats")
    differ, asked = _differences(compiled.doubled)
    assert differ == 0 and asked > 100_000


def test_a_pair_one_lane_off_is_caught():
    compiled = compiled_or_skip("_repeats")

    def one_off(text: str, size: int, pos: int) -> int:
        at = compiled.doubled(text, size, pos)
        return at + 1 if at >= 0 and at % 8 == 7 else at
    differ, _ = _differences(one_off)
    assert differ > 100
