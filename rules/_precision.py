"""Each built-in rule's measured precision, from ``data/precision.toml``, as documentation.

The severity of a rule is a promise (an ``error`` right about 99 times in 100, a ``warning``
at least 9 in 10); the data file records what it was measured on and how many reports were
judged right, and this module words it as the ``## Precision`` section that ``gongwen rule``
prints after the docstring.
"""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon

_PART_NAMES = {"checking": "语料检查半区", "genres": "体裁样本"}


@cache
def _data() -> dict:
    return lexicon.table("precision.toml")


def precision_text(code: str) -> str:
    """The ``## Precision`` section body for ``code``, "" when it was not measured."""
    data = _data()
    entry = data["rules"].get(code)
    if entry is None:
        return ""
    parts = data["parts"]
    where = "、".join(f"{_PART_NAMES[name]}（{parts[name]['files']} 篇，{parts[name]['chars']:,} 字）"
                     for name in parts)
    reports = sum(entry[name][0] for name in parts)
    right = sum(entry[name][1] for name in parts)
    if reports:
        result = f"共报告 {reports} 处，判定正确 {right} 处（{right / reports:.0%}）。"
    else:
        result = "没有报告，因而没有误报；这些文本中也没有它能发现的问题，精确率无法由此估计。"
    text = f"{data['date']} 在未参与调校的文本上实测：{where}。{result}"
    if "first_run" in entry:
        # The counts above are after the fixes each batch drew; the first run is the unseen-text one.
        first, first_right = entry["first_run"]
        text += f"各批未调校文本上的首次计数（修正之前）合计报告 {first} 处，判定正确 {first_right} 处。"
    if entry.get("note"):
        text += entry["note"]
    return text
