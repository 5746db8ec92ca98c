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
