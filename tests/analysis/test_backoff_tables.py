"""TYP013's dictionary back-off reads three generated tables (rules/data/build_main_readings.py,
build_listed_pairs.py, build_given_name_chars.py): each is what its build writes, byte for
byte below the header (whose date is the build's), and names the version of its source."""
from __future__ import annotations

from importlib.metadata import version

import pytest
from support import ROOT, load_script

from gongwen.analysis import backoff_vetoes, lexicon, screen_backoff

_BUILDS = {
    screen_backoff.MAIN_READINGS: ("build_main_readings.py", "pypinyin"),
    backoff_vetoes.LISTED_PAIRS: ("build_listed_pairs.py", "wordfreq"),
    backoff_vetoes.GIVEN_NAME_CHARS: ("build_given_name_chars.py", "jieba"),
}


@pytest.mark.parametrize("name", sorted(_BUILDS))
def test_the_table_is_what_its_build_writes(name):
    script, source = _BUILDS[name]
    pytest.importorskip(source)
    builder = load_script(ROOT / "rules" / "data" / script, script.removesuffix(".py"))
    assert f"{source} {version(source)} " in lexicon.header(name).source
    body = "".join(line for line in lexicon.text(name).splitlines(keepends=True) if not line.startswith("#"))
    assert body == "\n".join(builder.entries()) + "\n"


def test_readings_are_the_commonest_only():
    """鼻 and 服 share a rare reading (the candidate table's same-reading group), not their
    commonest; 到 and 道 share it."""
    assert screen_backoff.reads_apart("鼻", "服")
    assert not screen_backoff.reads_apart("到", "道")
