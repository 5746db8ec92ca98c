"""Counts of character pairs read from a line as written must be the counts the line lists."""
from __future__ import annotations

from gongwen.analysis.evidence import Bigrams, bigrams

LINES = "# a header line\n部\t门12 长3 委1\n门\t户40\n".encode()


def test_a_pair_is_counted_only_at_an_items_head():
    counts = Bigrams(LINES)
    assert (counts.count("部门"), counts.count("部长"), counts.count("部委"), counts.count("门户")) == (12, 3, 1, 40)
    # 生态环境部2024年: a digit after the character is in the line only inside the counts.
    assert [counts.count(pair) for pair in ("部1", "部2", "部3", "部 ", "部，", "户门", "长部")] == [0] * 7


def test_every_pair_of_the_shipped_file_reads_as_listed():
    shipped = bigrams()
    for first, raw in list(shipped._sorted.items())[::7]:
        items = {item[0]: int(item[1:]) for item in raw.split()}
        for second, count in items.items():
            assert shipped.count(first + second) == count, first + second
        for digit in "0123456789":
            assert shipped.count(first + digit) == 0


def _build_script():
    from support import ROOT, load_script

    return load_script(ROOT / "rules" / "data" / "build_phrase_bigrams.py", "build_phrase_bigrams")


def _same_counts(small: Bigrams, full: Bigrams, strings: list[str]) -> bool:
    """Whether the small table lists every pair of ``strings`` with the full table's count."""
    return all(small.listed(s[k:k + 2]) == full.count(s[k:k + 2]) for s in strings for k in range(len(s) - 1))


def test_the_phrase_pair_table_is_current():
    """data/phrase_bigrams.txt is what its build script writes now (rerun it after changing
    protected_phrases.toml or official_bigrams.txt)."""
    from support import ROOT

    shipped = (ROOT / "rules" / "data" / "phrase_bigrams.txt").read_text(encoding="utf-8")
    assert shipped == _build_script().table()


def test_piece_counts_from_the_small_table_equal_the_full_tables():
    """Every pair of every built-in protected string is listed with its full-table count, so the
    anchors chosen by piece_count are the same; a pair it lacks falls back to the full table."""
    from gongwen.analysis import evidence

    strings = _build_script().protected_strings()
    assert _same_counts(evidence._phrase_bigrams(), bigrams(), strings)
    for s in strings:
        for a in range(len(s)):
            for b in range(a + 2, len(s) + 1):
                piece = s[a:b]
                assert evidence.piece_count(piece) == min(bigrams().count(piece[k:k + 2]) for k in range(len(piece) - 1))
    assert evidence.pair_count("部门") == bigrams().count("部门") > 0  # not listed: from the full table


def test_a_stale_count_is_caught():
    from gongwen.analysis import evidence

    strings = _build_script().protected_strings()
    first = strings[0]
    lines = dict(evidence._phrase_bigrams()._sorted.items())
    lines[first[0]] = lines[first[0]].replace(f"{first[1]}", f"{first[1]}9", 1)
    wrong = Bigrams("\n".join(f"{k}\t{v}" for k, v in lines.items()).encode())  # the same order: sorted
    assert not _same_counts(wrong, bigrams(), strings)
