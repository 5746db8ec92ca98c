"""FMT009 (near-duplicate-line) asks whether a line too short to compare may still make a title
(no full stop, two Han characters side by side for a join with the next line) once per distinct
text, not once per line: on thousands of random pages of repeated short lines among titles, some
written again with characters lost and some laid out over two lines, its findings equal those of
asking every line (the memo kept empty)."""
from __future__ import annotations

import random

from support import assert_shortcut_exact

import gongwen.rules.structure_lines as lines

# Short lines a page repeats: Han pairs (which may join the next line), with and without a
# full stop, ASCII, blanks, and the first halves of titles laid out over two lines.
_SHORT = ["中", "某村", "某村。", "关于", "关于某村", "2024", "a", "- a", "中。", "　", "一、", "附件：", "调查"]
_PIECES = ["关于", "某村", "地质", "调查", "2024", "年度", "区", "建设", "雁峰", "衡阳市"]
_TYPES = ["报告", "意见", "通知", "情况"]


def _title(rnd: random.Random) -> str:
    return "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(2, 6))) + rnd.choice(_TYPES)


def _texts(count: int) -> list[str]:
    rnd = random.Random("near-duplicate-memo")
    texts = []
    for _ in range(count):
        out = [rnd.choice(_SHORT) for _ in range(rnd.randint(0, 30))]
        for _ in range(rnd.randint(1, 3)):
            title = _title(rnd)
            lost = list(title)
            for _ in range(rnd.randint(0, 3)):
                del lost[rnd.randrange(len(lost))]
            for written in (title, "".join(lost) or title):
                if rnd.random() < 0.3:  # laid out over two lines: a short first line that joins
                    cut = rnd.randint(1, min(6, len(written) - 1))
                    written = written[:cut] + "\n" + written[cut:]
                out.insert(rnd.randint(0, len(out)), written)
        texts.append("\n".join(out) + "\n")
    return texts


def test_short_lines_asked_once_per_text_give_the_findings_of_asking_each(monkeypatch):
    assert_shortcut_exact(monkeypatch, "FMT009", _texts(3_000), lines, "_JOINABLE_TEXTS", 0, 300)


def test_a_memo_bound_below_the_texts_of_a_page_changes_nothing(monkeypatch):
    """Past the bound, texts are asked again each time: the same findings."""
    assert_shortcut_exact(monkeypatch, "FMT009", _texts(1_000), lines, "_JOINABLE_TEXTS", 3, 100)
