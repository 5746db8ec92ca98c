"""FMT009 (near-duplicate-line) builds a title only for a line long enough to compare or one
that may be joined with the next line (two Han characters side by side): over many random
documents of short titles, some laid out over two lines, its findings equal those of building
every line's title, and a gate that forgets the joined titles is caught."""
from __future__ import annotations

import random

from support import assert_shortcut_caught, assert_shortcut_exact

import gongwen.rules.structure_lines as lines

_PIECES = ["关于", "某村", "某", "村", "地质", "调查", "2024", "年度", "区", "建设", "a", "中", "、", "1."]
_TYPES = ["报告", "意见", "通知", "情况"]
_LINES = ["正文。", "附件：", "一、", "a", "中", "　", "—", "- a"]


def _title(rnd: random.Random) -> str:
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 6))) + rnd.choice(_TYPES)


def _laid_out(rnd: random.Random, title: str) -> str:
    """The title on one line or cut in two (the second line short), perhaps with a label."""
    if len(title) > 1 and rnd.random() < 0.5:
        cut = rnd.randint(1, len(title) - 1)
        title = title[:cut] + rnd.choice(("\n", "\r\n")) + title[cut:]
    return rnd.choice(("", "", "附件：", "1.", "　")) + title


def _texts(count: int) -> list[str]:
    """Documents of a few titles, each written again with a few characters lost or as it is,
    among short lines."""
    rnd = random.Random("near-duplicate-gate")
    texts = []
    for _ in range(count):
        out = []
        for _ in range(rnd.randint(1, 3)):
            title = _title(rnd)
            lost = list(title)
            for _ in range(rnd.randint(0, 3)):
                del lost[rnd.randrange(len(lost))]
            out += [_laid_out(rnd, title), _laid_out(rnd, "".join(lost) or title)]
            out += [rnd.choice(_LINES) for _ in range(rnd.randint(0, 3))]
        rnd.shuffle(out)
        texts.append("\n".join(out) + "\n")
    return texts


def test_the_gate_gives_the_findings_of_building_every_title(monkeypatch):
    assert_shortcut_exact(monkeypatch, "FMT009", _texts(3_000), lines, "_may_join_next", lambda text: True, 300)


def test_a_gate_that_forgets_joined_titles_is_caught(monkeypatch):
    assert_shortcut_caught(monkeypatch, "FMT009", _texts(3_000), lines, "_may_join_next", lambda text: False)
