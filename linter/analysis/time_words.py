"""Time expressions the rules share, written as patterns instead of spelled-out lists."""
from __future__ import annotations

# A quarter of a year, in Chinese or Arabic numerals: 一季度 … 四季度, 1季度 … 4季度. Where the
# ordinal form matters, 第 goes before it (第一季度); a search for a period finds 一季度 inside
# 第一季度, so both name the same quarter.
QUARTER = r"[一二三四1-4]季度"
