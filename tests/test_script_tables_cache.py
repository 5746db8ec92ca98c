"""TYP010's script tables (gongwen.rules.characters.script_tables) kept in the user's cache
folder: what a later process reads is what OpenCC's files give, and it reads neither file."""
from __future__ import annotations

import pytest

from gongwen.rules import characters


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    characters.script_tables.cache_clear()
    yield tmp_path / "gongwen"
    characters.script_tables.cache_clear()


def test_the_kept_tables_are_the_built_ones_and_a_later_process_reads_no_table(folder, monkeypatch):
    traditional, simplified = characters.script_tables()  # built and kept
    built = characters._script_tables_built()
    assert traditional == built["traditional"] and list(traditional) == list(built["traditional"])
    assert simplified == frozenset(built["simplified"]) and type(simplified) is frozenset
    assert len(list(folder.glob("table-script-tables-*.json"))) == 1

    def unread(name):
        raise AssertionError(f"{name} parsed")

    monkeypatch.setattr(characters, "opencc_table", unread)
    characters.script_tables.cache_clear()  # a later process
    assert characters.script_tables() == (traditional, simplified)
    assert characters.script_tables()[0]["們"] == ["们"]


def test_the_simplified_count_is_every_simplified_only_character_of_the_prefix():
    """``_mostly_simplified`` counts the simplified-only characters by what deleting them
    removes (``str.translate`` in C, no automaton to build): the count over random texts of
    both scripts' characters, shared ones, astral ones and lone surrogates is the plain count,
    and the verdict flips exactly where the traditional characters outnumber it."""
    import random

    traditional, simplified = characters.script_tables()
    pool = sorted(simplified)[:50] + sorted(traditional)[:50] + list("的是乾於，。a\U00020000\ud800")
    rng = random.Random(25)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(0, 9000)))
        count = sum(ch in simplified for ch in text)
        assert characters._mostly_simplified(text, count) and (count == 0 or not characters._mostly_simplified(text, count + 1))
