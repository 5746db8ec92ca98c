"""TYP015's alike test from a shipped table (rules/data/alike_chars.txt, built by
rules/data/build_alike_chars.py): the table is what the build writes, it answers as pypinyin and
the two candidate tables answered at run time before, and asking it does not load pypinyin."""
from __future__ import annotations

import random
import subprocess
import sys

import pytest
from support import ROOT, load_script

from gongwen.analysis import lexicon, one_off
from gongwen.analysis.char_model import candidates, confusable_chars


def _builder():
    return load_script(ROOT / "rules" / "data" / "build_alike_chars.py", "build_alike_chars")


def test_the_table_is_what_the_build_writes():
    """Byte for byte below the header (its date is the build's), and the header names the
    pypinyin it came from: rebuild after upgrading pypinyin or either candidate table."""
    pytest.importorskip("pypinyin")
    from importlib.metadata import version

    shipped = lexicon.text(one_off.ALIKE_CHARS)
    assert f"pypinyin {version('pypinyin')} " in lexicon.header(one_off.ALIKE_CHARS).source
    body = "".join(line for line in shipped.splitlines(keepends=True) if not line.startswith("#"))
    assert body == "\n".join(_builder().entries()) + "\n"


def _alike_as_before(a: str, b: str) -> bool:
    """one_off.alike as it was before the table (2026-12-07): pypinyin's readings at run time."""
    from pypinyin import Style, pinyin

    def readings(c: str) -> frozenset[str]:
        return frozenset(pinyin(c, style=Style.NORMAL, heteronym=True)[0]) - {c}

    table, listed = candidates(), confusable_chars()
    for x, y in ((a, b), (b, a)):
        c = table.get(x)
        if (c is not None and y in c.same_sound + c.near_sound + c.shape) or y in listed.get(x, ""):
            return True
    return bool(readings(a) & readings(b))


def test_the_table_answers_as_pypinyin_and_the_candidate_tables_did():
    """Pairs of common characters (listed ones among them), rare characters of names, and
    characters no table knows."""
    pytest.importorskip("pypinyin")
    rnd = random.Random("alike")
    common = sorted(confusable_chars())
    chars = rnd.sample(common, 60) + ["华", "化", "划", "李", "里", "振", "镇", "婧", "旻", "昉", "犇", "𠀀", "a", "，"]
    pairs = [(a, b) for a in chars for b in chars if a != b]
    for a in rnd.sample(common, 150):  # listed pairs, which random pairs seldom are
        c = candidates().get(a)
        pairs += [(a, b) for b in (c.near_sound + c.shape if c else "")[:4]]
        pairs += [(b, a) for b in confusable_chars()[a][:4]]
    one_off.alike.cache_clear()
    differ = [(a, b) for a, b in pairs if one_off.alike(a, b) != _alike_as_before(a, b)]
    assert differ == []
    assert sum(one_off.alike(a, b) for a, b in pairs) > 500  # both answers are asked


def test_asking_the_table_does_not_load_pypinyin():
    code = ("import sys; from gongwen.analysis import one_off; "
            "print(one_off.alike('华', '化'), one_off.alike('华', '管'), 'pypinyin' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]
