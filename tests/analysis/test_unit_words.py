"""The unit table: one row per unit, tags from a closed set, views that keep what each rule
relies on (the properties the header of rules/data/unit_words.toml states)."""
from __future__ import annotations

import pytest

from gongwen.analysis import lexicon, unit_words

ROWS = lexicon.table(unit_words.TABLE)["tags"]
TAGS = lexicon.table(unit_words.TABLE)["known-tags"]


def test_every_row_has_known_tags_once():
    for unit, tags in ROWS.items():
        assert tags, f"{unit} has no tag"
        assert set(tags) <= set(TAGS), (unit, tags)
        assert len(set(tags)) == len(tags), (unit, tags)


def test_every_tag_is_used():
    assert all(unit_words.tagged(tag) for tag in TAGS)


def test_an_unknown_tag_is_an_error_not_an_empty_view():
    with pytest.raises(lexicon.LexiconError, match="unknown tag"):
        unit_words.tagged("measure")


def test_a_base_and_what_it_converts_are_units_of_figures():
    for unit, (base, factor) in unit_words.bases().items():
        assert unit in unit_words.tagged("unit") | unit_words.tagged("after-number"), unit
        assert base in unit_words.tagged("unit"), (unit, base)
        assert factor > 0


def test_words_that_make_a_numeral_pair_an_enumeration_are_not_approximate():
    # 一、二等奖, 六、七年级, 三、四月, 一、二号, 二、三类, 一、二期, 三、四批, 五、六届, 一、二线
    assert not unit_words.tagged("approximate") & set("等级月号类期批届线")


def test_a_list_count_is_of_kinds_or_of_things_not_both():
    assert not unit_words.tagged("counts-kinds") & unit_words.tagged("counts-things")


def test_si_prefixed_units_begin_with_shi_bai_or_qian():
    # NUM002 asks, for 3千米, whether the 十/百/千 after the digits begins a unit word.
    assert all(u[0] in "十百千" and len(u) > 1 for u in unit_words.tagged("si-prefixed"))


def test_a_character_class_view_holds_the_single_characters_only():
    chars = unit_words.char_class("after-number")
    assert "万" in chars and "元" in chars
    assert len(chars) == len(set(chars)) == sum(len(u) == 1 for u in unit_words.tagged("after-number"))
