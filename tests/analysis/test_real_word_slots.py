"""real_word_slots.txt, the slots TYP024 judges a slip that is itself a word by (round 27, issue 19
item 2): the shipped table holds what its build writes — the pairs TYP013's candidates make, the
counts at the build's thresholds, sorted as the reader finds them — and the reader gives back
what the build wrote."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from gongwen.analysis import lexicon
from gongwen.analysis.evidence import word_count
from gongwen.analysis.real_word_slots import (EDGE, MEANT_MARK, SlotTable, left_context, right_context,
                                             slot_text, slots)
from gongwen.rules import real_words
from gongwen.rules.confusables import _alternatives

sys.path.insert(0, str(Path(lexicon._data())))
import build_real_word_slots as build  # noqa: E402  (the generator beside the data)


def _rows():
    return [line for line in lexicon.text(build.TARGET.name).splitlines() if line and not line.startswith("#")]


def test_the_header_says_what_the_table_is():
    header = lexicon.header(build.TARGET.name)
    assert header.used_by == ("TYP024",) and header.status == "own"
    assert "build_real_word_slots.py" in header.source


def test_the_lines_are_sorted_as_the_reader_finds_them():
    keys = [row.split("\t", 1)[0].encode("utf-8") for row in _rows()]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) > 10_000


def test_every_pair_is_one_of_typo13s_candidates_and_a_word_each_side():
    """A written word is a dictionary word; each meant word is common, one character away, that
    character being one a slip could write it as (TYP013's candidates); and the written word's own
    counts are listed only for its meant words' contexts, never as zero."""
    table = slots()
    rows = [row for row in _rows() if not row.startswith(MEANT_MARK)]
    for row in rows[::25]:  # every 25th of ~14,000: the whole table is ~40 s of dictionary look-ups
        written, count, meant_words, own = row.split("\t")
        assert len(written) == 2 and word_count(written) >= build.WRITTEN_WORD, written
        shared = set()
        for meant in meant_words.split(" "):
            k = 0 if meant[0] != written[0] else 1
            assert meant[1 - k] == written[1 - k] and meant[k] != written[k], (written, meant)
            assert meant[k] in _alternatives(written[k]), (written, meant)
            assert word_count(meant) >= build.MEANT_WORD, meant
            counted = table.meant(meant)
            assert counted.count >= build.MEANT_COUNT and counted.contexts, meant
            shared |= set(counted.contexts)
        for item in own.split(" ") if own else ():
            context, n = item[:item.rindex(":")], int(item[item.rindex(":") + 1:])
            assert context in shared and n > 0, (written, item)


def test_a_meant_word_lists_only_contexts_at_the_slot_threshold():
    assert real_words.SLOT >= build.MIN_CONTEXT  # the rule asks of no context the table left out
    for row in [row for row in _rows() if row.startswith(MEANT_MARK)][::10]:
        _, count, items = row.split("\t")
        assert int(count) >= build.MEANT_COUNT
        for item in items.split(" "):
            assert item[0] in "<>" and len(item[1:item.rindex(":")]) == 2
            assert int(item[item.rindex(":") + 1:]) >= build.MIN_CONTEXT, (row[:3], item)


def test_the_reader_gives_back_what_the_build_writes(monkeypatch):
    """Counts made up for two pairs, written by the build's ``lines`` and read by ``SlotTable``."""
    monkeypatch.setattr(build, "MEANT_COUNT", 10)  # a meant word written 10 times, not 20
    text = "决策部署，决策部署。统一部署，统一部署。决策部署，统一部署；决策部署，统一部署。决策部署。统一部署。决策部属？"
    words = {"部署", "部属"}
    total, left, right = build.count([text], words)
    assert total == Counter({"部署": 10, "部属": 1})
    lines = build.lines({"部属": {"部署"}}, total, left, right)
    table = SlotTable(("\n".join(["# header"] + lines) + "\n").encode("utf-8"))
    assert table.written_words == frozenset({"部属"})
    own, meant_words = table.written("部属")
    assert meant_words == ("部署",) and own.count == 1 and own.left("决策") == 1
    counted = table.meant("部署")
    assert (counted.count, counted.left("决策"), counted.left("统一"), counted.right("，决")) == (10, 5, 5, 0)
    assert table.written("部署") is None


def test_a_context_keeps_han_characters_and_marks_and_classes_the_rest():
    assert slot_text("部7７x Ｘ\n，〇") == EDGE * 2 + "部00a" + EDGE + "a" + EDGE + "，〇" + EDGE * 2
    text = "2025年部署\n工作"
    slotted = slot_text(text)
    assert len(slotted) == len(text) + 4
    assert left_context(slotted, 5) == "0年" and right_context(slotted, 7) == EDGE + "工"
    assert left_context(slot_text("部署"), 0) == EDGE * 2 and right_context(slot_text("部署"), 2) == EDGE * 2
