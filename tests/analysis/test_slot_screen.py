"""TYP024's compiled screen (gongwen.analysis._slot_screen) against the reference
(real_word_slots.SlotTable.places_reference, the automaton and the comprehension): over generated
texts dense in the table's written words and in the contexts its meant words are written in, the
rule finds the same slips with either, and the screen's places are among the reference's."""
from __future__ import annotations

import random

import pytest

from gongwen.analysis import real_word_slots
from gongwen.rules import real_words

pytestmark = pytest.mark.skipif(real_word_slots._slot_screen is None, reason="the optional extension did not build")

# Every class slot_text reduces (ASCII, fullwidth and Arabic-Indic digits; spaces, tabs, ideographic
# spaces, line breaks; Latin, accented, Greek, Cyrillic and fullwidth letters), and a character beyond the BMP.
FILLER = "的在和对了是我们工作发展建设推进，。、；：“”（）0123456789３٣abcXYZéΩжＡｚ 　\t\n𠀀¶"


def _texts(seed: int, count: int) -> list[str]:
    """Texts of written words, their meant words' contexts (either side) and filler, so that many
    places pass a side or both."""
    table = real_word_slots.slots()
    rng = random.Random(seed)
    written = sorted(table.written_words)
    texts = []
    for _ in range(count):
        pieces = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(written)
            _, meant_words = table.written(word)
            contexts = list(table.meant(rng.choice(meant_words)).contexts) or ["<的的"]
            left = [c[1:] for c in contexts if c[0] == "<"] or ["的的"]
            right = [c[1:] for c in contexts if c[0] == ">"] or ["的的"]
            piece = rng.choice(left) + word + rng.choice(right)
            if rng.random() < 0.3:
                piece = "".join(rng.choice(FILLER) for _ in range(rng.randint(0, 3))) + piece
            pieces.append(piece.replace("¶", rng.choice("\n 　")))
        texts.append("".join(pieces))
    return texts


@pytest.mark.parametrize("seed", range(4))
def test_the_compiled_screen_finds_what_the_reference_finds(monkeypatch, seed):
    texts = _texts(seed, 250)
    texts += [text.replace("𠀀", "") for text in texts]  # two bytes a character as well as four (two loops in C)
    compiled = [real_words.real_word_slips(text) for text in texts]
    table = real_word_slots.slots()
    for text in texts:
        assert set(table.places(text)) <= set(table.places_reference(text, real_word_slots.slot_text(text)))
    monkeypatch.setattr(real_word_slots.SlotTable, "places",
                        lambda table, text: table.places_reference(text, real_word_slots.slot_text(text)))
    assert [real_words.real_word_slips(text) for text in texts] == compiled
    assert sum(map(len, compiled)) > 0  # the texts reach the judge


def test_a_table_s_screen_keys_are_its_telling_contexts():
    table = real_word_slots.SlotTable("# test\n=权益\t100\t<合法:9 >保障:7\n权宜\t5\t权益\t>保障:1\n".encode("utf-8"))
    keys = real_word_slots.screen_keys(table)
    assert keys["words"] == [real_word_slots.word_key("权宜")]
    assert keys["left"] == [real_word_slots._bmp_key(*"合法权宜")]
    assert keys["right"] == []  # 权宜 is written before 保障 once: that side never tells
