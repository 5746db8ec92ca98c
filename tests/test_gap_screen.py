"""TYP023's compiled screen (linter/analysis/_gap_screen.c): the runs it lets the rule cut are
every run the rule, cutting every run, reports in — its findings are the same with and without
it, on texts that hold many gaps (sentences of the tuning batches with characters dropped at
random) and on texts with Latin, astral, numeral and punctuation characters between them."""
from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from gongwen.rules import word_gaps as wg

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(wg._gap_screen is None, reason="_gap_screen not built")


def _sentences() -> list[str]:
    found = []
    for name in ("wordgap22", "wordgap23", "wordgap24"):
        with open(ROOT / "fixtures" / "typos" / f"{name}_errors.toml", "rb") as f:
            found += [row[1].replace("⟦⟧", "") for row in tomllib.load(f)["rows"]]
        with open(ROOT / "fixtures" / "typos" / f"{name}_correct.toml", "rb") as f:
            found += tomllib.load(f)["sentences"]
    return found


def _texts(seed: int, count: int) -> list[str]:
    """Documents of a few sentences, a character dropped from some of them at random, with
    odd characters put in between now and then."""
    rng = random.Random(seed)
    sentences = _sentences()
    odd = ["A", "𠀋", "3", "三", "，", "\n", "é", "的", ""]
    texts = []
    for _ in range(count):
        parts = []
        for sentence in rng.sample(sentences, rng.randint(1, 4)):
            if rng.random() < 0.7:
                at = rng.randrange(len(sentence))
                sentence = sentence[:at] + sentence[at + 1:]
            if rng.random() < 0.2:
                at = rng.randrange(len(sentence) + 1)
                sentence = sentence[:at] + rng.choice(odd) + sentence[at:]
            parts.append(sentence)
        texts.append("".join(parts))
    return texts


def test_the_screen_changes_no_finding():
    texts = _texts(23, 700)
    found = [wg.word_gaps(text) for text in texts]
    assert found == [wg.word_gaps(text, screened=False) for text in texts]
    assert sum(map(bool, found)) > 100  # the comparison saw many documents with gaps


def test_the_screen_keeps_every_place_a_gap_is_found_at():
    """Stronger than the findings: a candidate gap the document's usage then vetoes is at a place
    the screen keeps too, inside the run it names."""
    screen = wg._screen()
    for text in _texts(7, 400):
        kept = screen.runs(text)
        for gap in wg._candidates(text, screened=False):
            assert any(start <= gap.piece < end and gap.piece in {place for place, _, _ in places}
                       for (start, end), *places in kept), (text, gap)


def test_the_screen_lists_every_character_the_judge_chooses():
    """The judge tries only the characters the screen lists at a kept place, for a gap before the
    piece and one after it (round 25): every gap found trying every character, its character is
    among those the screen lists on its side."""
    screen = wg._screen()
    checked = 0
    for text in _texts(5, 400):
        listed = {place: (before, after) for _, *places in screen.runs(text) for place, before, after in places}
        for gap in wg._candidates(text, screened=False):
            before, after = listed[gap.piece]
            assert gap.char in (before if gap.at == gap.piece else after), (text, gap, before, after)
            checked += 1
    assert checked > 50


def test_each_kept_place_makes_a_common_word():
    """The word test is the screen's too (round 24): at every place it keeps, some character the
    judge would try there makes a dictionary word counted ``COMMON_WORD`` times or more with the
    piece (``_word_with``), so the rule cuts no run only to find no word. Without it in C the
    screen kept places where no character makes one."""
    from gongwen.analysis.char_model import model

    screen, lm = wg._screen(), model()
    kept = 0
    for text in _texts(11, 300):
        for (start, end), *places in screen.runs(text):
            run = text[start:end]
            for place, _, _ in places:
                piece = place - start
                kept += 1
                assert any(wg._word_with(run, piece, at, x) for at in (piece, piece + 1)
                           for x in lm.following(run[at - 2:at])), (text, place)
    assert kept > 100


def test_the_document_veto_reads_only_where_the_piece_is():
    """The document's own usage (round 25: found from the piece's places, not by cutting every run
    and counting every pair of the text): the same counts as the whole-text definition."""
    from collections import Counter

    def every_run(text, chars):
        alone = Counter()
        for match in wg._RUN.finditer(text):
            run, start = match.group(), 0
            for end in wg.segment(run):
                if end - start == 1 and run[start] in chars:
                    alone[run[start]] += 1
                start = end
        return alone

    rng = random.Random(25)
    for text in _texts(3, 300):
        chars = set(rng.sample(text, min(3, len(text))))
        assert wg._single_pieces(text, chars) == every_run(text, chars), text
        pairs = Counter(map(str.__add__, text, text[1:]))
        for pair in list(pairs)[:20] + ["的的", "乙乙"]:
            assert wg._written(text, pair, wg.WRITTEN_AGAIN) == (pairs[pair] >= wg.WRITTEN_AGAIN), (text, pair)
    assert wg._written("一一一", "一一", 2)  # overlapping places count


def test_the_word_keys_are_the_words_word_count_counts_common():
    """The screen's word test reads gap_words' keys (round 26), not ``word_count`` through a call
    into Python: the array kept in the cache folder is what ``build`` writes, and it holds exactly
    the dictionary's words of two to four characters counted ``COMMON_WORD`` times or more (the
    domain words asked with the counts the segmenter gave them). No such word has a character beyond the BMP, which has no key (the C answers none for it)."""
    from gongwen.analysis import gap_words, lexicon
    from gongwen.analysis.evidence import word_count

    keys = list(gap_words.keys(wg.COMMON_WORD))
    assert keys == gap_words.build(wg.COMMON_WORD) and len(keys) > 40_000
    held = set(keys)
    words = gap_words._dictionary_words()
    domain = sorted(w for w in lexicon.words("segmentation_words.txt") if len(w) <= gap_words.LONGEST)
    for word in sorted(words)[::97] + domain:  # a sample of every kind, common or not
        assert (gap_words.word_key(word) in held) == (word_count(word) >= wg.COMMON_WORD
                                                      and all(ord(c) <= 0xFFFF for c in word)), word
    assert not [w for w in words if any(ord(c) > 0xFFFF for c in w) and word_count(w) >= wg.COMMON_WORD]
    assert gap_words.word_key("发展") == (ord("发") << 16 | ord("展")) and gap_words.word_key("发") == 0


def test_the_screen_takes_only_ascending_word_keys():
    """The word test is a binary search: keys out of order would answer wrongly, so the screen
    refuses them."""
    from array import array

    from gongwen.analysis import char_screen
    from gongwen.rules.confusables import _SCREEN_NUMERALS

    parts = char_screen.mapped(_SCREEN_NUMERALS) or char_screen.arrays(_SCREEN_NUMERALS).parts
    terms = ("", "", wg.JUDGED, wg.FOLLOWER, wg.OTHER_SHARE, wg.GAIN, 0.4)
    wg._gap_screen.Screen(parts, *terms, array("Q", [1, 2, 3]))
    with pytest.raises(ValueError, match="ascending"):
        wg._gap_screen.Screen(parts, *terms, array("Q", [2, 1]))


def test_no_kept_place_is_a_piece_the_text_writes_inside_a_word():
    """The screen asks ``_written_whole`` too (round 26): a piece that makes a common word of three
    or four characters with its neighbours as written (塔式起重|机) is never reported, so a run
    need not be cut for it. Without the test in C the screen kept such places."""
    screen = wg._screen()
    asked = 0
    written = ["他现任江州大学经济管理学院副院长。", "倡议全市机关企事业单位职工参加义务献血。",
               "村里每月召开一次村民议事会研究公共事务。", "决定免去李明的县民政局副局长职务。",
               "组织全县国有企事业单位开展消防演练。"]  # each a piece the segmenter leaves inside a word
    for text in _texts(13, 300) + written:
        for (start, end), *places in screen.runs(text):
            for place, _, _ in places:
                asked += 1
                assert not wg._written_whole(text[start:end], place - start), (text, place)
    assert asked > 100
