"""TYP001/TYP002 beyond the case files: the seed, adversarial input, lazy segmentation."""
from __future__ import annotations

import subprocess
import sys

import pytest
from support import SEED, repeated

from gongwen import api
from gongwen.document import Document

CODES = ["TYP001", "TYP002"]


def lint(text: str, codes=CODES):
    return api.make_linter({}, select=codes).lint(Document(path="t.txt", text=text))


def test_seed_reports_exactly_the_two_repetitions():
    text = SEED.read_text(encoding="utf-8")
    found = [(d.code, d.matched) for d in lint(text)]
    assert found == [("TYP001", "法法"), ("TYP002", "落实全面落实")]


def test_reduplications_and_boundary_pairs_from_the_brief():
    text = ("确保件件有回音，步步为营，紧紧围绕，牢牢守住，实实在在，层层压实。"
            "法律法规，宪法法律，学习习近平法治思想，法学会会员，区委委员。")
    assert lint(text) == []


def test_fix_suggestion_deletes_one_character_but_is_never_applied_automatically():
    [d] = lint("年度学法法考试。", ["TYP001"])
    assert d.fixes[0].applicability.value == "display-only"
    assert d.fixes[0].edits[0].start == 4 and d.fixes[0].edits[0].content == ""


@pytest.mark.parametrize("unit, most_per_unit", [
    ("第", 0), ("的", 0), ("学法法", 0), ("一二", 0), (" ", 0),
    ("推进落实", 1), ("落实全面", 1),  # 推进落实推进落实: each seam can repeat a phrase, once
])
def test_adversarial_run_is_linted_with_bounded_findings(unit, most_per_unit):
    """A run of one character, of candidates or without punctuation (its speed is measured
    by benchmarks/speed/run.py) is linted without an error, with at most one TYP002 per
    repetition: segmentation works in bounded windows, not on the whole run at once."""
    text = repeated(unit)
    found = lint(text)
    assert len(found) <= most_per_unit * (len(text) // len(unit)), (unit, found[:3])
    assert {d.code for d in found} <= {"TYP002"}


def test_segmenter_loads_only_when_a_candidate_needs_it():
    code = ("import sys\n"
            "from gongwen import api\n"
            "from gongwen.document import Document\n"
            "linter = api.make_linter({}, select=['TYP001', 'TYP002'])\n"
            "linter.lint(Document(path='a', text='本办法自发布之日起施行。'))\n"
            "print('jieba' in sys.modules)\n"
            "linter.lint(Document(path='b', text='年度学法法考试。'))\n"
            "print('jieba' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_word_like_by_binary_search_matches_its_definition():
    """_word_like: no token boundary strictly inside [start, end), one at either edge."""
    import random

    from gongwen.rules.repetition import _word_like

    rnd = random.Random(12)
    for _ in range(5000):
        bounds = tuple(sorted(rnd.sample(range(1, 13), rnd.randint(1, 12))))
        start = rnd.randint(0, 12)
        end = rnd.randint(start + 1, 13)
        inner = any(start < b < end for b in bounds)
        edge = start == 0 or start in bounds or end in bounds
        assert _word_like(bounds, start, end) == (not inner and edge), (bounds, start, end)
