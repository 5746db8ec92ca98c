"""rules/data/single_char_nouns.txt (TYP012) is what build_single_char_nouns.py derives from the
installed jieba's dictionary: a jieba upgrade that changes its tags shows as a failure here."""
from __future__ import annotations

from pathlib import Path

import jieba
from support import ROOT, load_script

build = load_script(ROOT / "rules" / "data" / "build_single_char_nouns.py", "build_single_char_nouns")


def test_the_shipped_list_is_the_build_of_jiebas_dictionary():
    shipped = (ROOT / "rules" / "data" / "single_char_nouns.txt").read_text(encoding="utf-8")
    assert shipped == build.build(Path(jieba.__file__).with_name("dict.txt"))
    assert {"茶", "粮", "柑"} <= set(shipped.split()) and not {"活", "投", "走"} & set(shipped.split())
