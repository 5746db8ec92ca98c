"""TRM008 and the Party's regulations (round 26): titles cited in 《》 beside the laws, from
data/party_regulations.tsv, each with how its row was checked. Sentences written here."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.document import Document
from gongwen.rules.protected import party_regulations


def reports(text: str) -> list:
    linter = api.make_linter({}, select=["TRM008"])
    return list(linter.lint(Document(path="x.txt", text=text)))


@pytest.mark.parametrize("text, meant", [
    ("经研究，依据《中国共产党纪律处份条例》给予党内警告处分。", "中国共产党纪律处分条例"),
    ("按照《中国共产党问则条例》对相关责任人严肃问责。", "中国共产党问责条例"),
    ("对照《中国共产党党内监督条列》逐条检视。", "中国共产党党内监督条例"),
])
def test_a_party_regulation_one_character_off_is_reported_with_its_status(text, meant):
    found = reports(text)
    assert [d.fixes[0].edits[0].content for d in found] == [meant]
    assert found[0].message.startswith("党内法规名称")
    assert "凭记忆整理" in found[0].notes[0]  # a recalled row says so


@pytest.mark.parametrize("text", [
    "依据《中国共产党纪律处分条例》第二十九条给予处分。",
    "认真学习《中国共产党支部工作条例（试行）》。",      # the bracket ends the title's reading
    "这是1980年代《中国共产党党校工作条例》的规定。",      # 党校 a word of its own, not a slip of 党组
])
def test_the_titles_as_written_are_silent(text):
    assert reports(text) == []


def test_every_row_says_how_it_was_checked():
    assert party_regulations()["中国共产党章程"][1] == "secondary"
    assert {status for _, status in party_regulations().values()} <= {"read", "secondary", "recalled"}
