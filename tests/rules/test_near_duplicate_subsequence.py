"""FMT009 asks difflib for the characters a line lost only when the shorter line is a
subsequence of the longer (structure_lines.is_subsequence): difflib's opcodes are all "equal"
or "delete" only then. Over thousands of generated pairs (characters deleted, changed, added,
swapped) _lost_pieces gives what difflib alone gives, and over thousands of documents of
near-duplicate titles the findings are those of difflib alone; a test of contiguous text
instead of a subsequence is caught."""
from __future__ import annotations

import difflib
import random

from support import assert_shortcut_caught, assert_shortcut_exact

import gongwen.rules.structure_lines as lines


def _difflib_only(longer: str, shorter: str) -> list[str] | None:
    """_lost_pieces before the subsequence test (the reference)."""
    pieces = []
    for tag, a1, a2, _, _ in difflib.SequenceMatcher(None, longer, shorter, autojunk=False).get_opcodes():
        if tag == "delete":
            pieces.append(longer[a1:a2])
        elif tag != "equal":
            return None
    return pieces


_ALPHABET = "衡阳市雁峰区年度报告关于的　 12a"


def _pairs(count: int) -> list[tuple[str, str]]:
    rnd = random.Random("near-duplicate subsequence")
    pairs = []
    for _ in range(count):
        longer = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 30)))
        shorter = list(longer)
        for _ in range(rnd.randint(0, 4)):
            if not shorter:
                break
            edit, at = rnd.random(), rnd.randrange(len(shorter))
            if edit < 0.7:
                del shorter[at]
            elif edit < 0.8:
                shorter[at] = rnd.choice(_ALPHABET)
            elif edit < 0.9:
                shorter.insert(at, rnd.choice(_ALPHABET))
            else:
                shorter[at], shorter[-1] = shorter[-1], shorter[at]
        pairs.append((longer, "".join(shorter)))
    return pairs


def test_lost_pieces_are_difflib_s():
    pairs = _pairs(30_000)
    found = [lines._lost_pieces(a, b) for a, b in pairs]
    assert found == [_difflib_only(a, b) for a, b in pairs]
    assert sum(f is not None for f in found) > 5_000 and sum(f is None for f in found) > 5_000


def test_a_contiguous_test_is_caught():
    pairs = _pairs(5_000)
    wrong = [_difflib_only(a, b) if b in a else None for a, b in pairs]
    assert wrong != [lines._lost_pieces(a, b) for a, b in pairs]


def _texts(count: int) -> list[str]:
    """Documents of titles, each again with characters deleted, changed or added."""
    rnd = random.Random("near-duplicate documents")
    texts = []
    for longer, shorter in _pairs(count):
        title = "衡阳市" + longer + "报告"
        other = "衡阳市" + shorter + "报告"
        out = [title, other] + [rnd.choice(("正文。", "一、", "a")) for _ in range(rnd.randint(0, 2))]
        rnd.shuffle(out)
        texts.append("\n".join(out) + "\n")
    return texts


def test_the_findings_are_those_of_difflib_alone(monkeypatch):
    assert_shortcut_exact(monkeypatch, "FMT009", _texts(3_000), lines, "_lost_pieces", _difflib_only, 300)


def test_a_contiguous_test_in_the_rule_is_caught(monkeypatch):
    assert_shortcut_caught(monkeypatch, "FMT009", _texts(3_000), lines, "is_subsequence",
                           lambda shorter, longer: shorter in longer)
