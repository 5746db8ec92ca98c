"""Counts of character pairs read from a line as written must be the counts the line lists."""
from __future__ import annotations

from gongwen.analysis.evidence import Bigrams, bigrams

LINES = "# a header line\n部\t门12 长3 委1\n门\t户40\n"


def test_a_pair_is_counted_only_at_an_items_head():
    counts = Bigrams(LINES)
    assert (counts.count("部门"), counts.count("部长"), counts.count("部委"), counts.count("门户")) == (12, 3, 1, 40)
    # 生态环境部2024年: a digit after the character is in the line only inside the counts.
    assert [counts.count(pair) for pair in ("部1", "部2", "部3", "部 ", "部，", "户门", "长部")] == [0] * 7


def test_every_pair_of_the_shipped_file_reads_as_listed():
    shipped = bigrams()
    for first, raw in list(shipped._lines.items())[::7]:
        items = {item[0]: int(item[1:]) for item in raw.split()}
        for second, count in items.items():
            assert shipped.count(first + second) == count, first + second
        for digit in "0123456789":
            assert shipped.count(first + digit) == 0
