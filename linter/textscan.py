"""Shared scans of prose that many rules need, computed once per text and cached.

Character classes are explicit: ``\\d`` matches full-width and other scripts' digits and
``\\b`` never fires between Han characters (they are word characters), so neither is used.
"""
from __future__ import annotations

import bisect

import regex

HAN = r"\p{Han}"
# Chinese (full-width) punctuation that counts as "Chinese context" next to a mark.
CJK_PUNCT = "，。、；：？！“”‘’《》〈〉（）【】〔〕…—·「」『』"
CJK = rf"[{HAN}{CJK_PUNCT}]"
ASCII_DIGIT = "[0-9]"

# Spans inside which prose rules must not look for punctuation or number defects:
# URLs, e-mail addresses, times, decimals, grouped thousands, document numbers, standards,
# formulas such as 5+2 and 1+N, and runs of Latin-script text (English sentences keep ASCII
# punctuation). The e-mail and English-run alternatives start only where a run of their
# characters starts: tried at every position inside a long run of digits or letters, each
# would rescan the rest of the run (quadratic time on a megabyte of digits).
_PROTECTED = regex.compile(
    r"""
      (?:https?|ftp)://[^\s\p{Han}，。；：“”‘’《》（）【】]+          # URL
    | www\.[A-Za-z0-9.-]+(?:/[^\s\p{Han}，。“”《》（）]*)?           # bare www. URL
    | (?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}   # e-mail
    | (?<![0-9])[0-9]{1,2}:[0-5][0-9](?::[0-5][0-9])?(?![0-9])       # time 8:30
    | (?<![0-9.])[0-9]+\.[0-9]+(?![0-9])                              # decimal 2.9
    | (?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])                    # thousands 3,206,000
    | [\p{Han}]{1,10}〔[0-9]{4}〕[0-9]+号                              # 文号 雁政发〔2025〕3号
    | (?:GB|DB|JB|GB/T|DB[0-9]{2}/T)\s?[0-9.]+(?:[—-][0-9]{4})?       # standards
    | (?<![A-Za-z0-9'’.\-])[A-Za-z][A-Za-z0-9'’.\-]*(?:[ ,;:!?()"]+[A-Za-z0-9][A-Za-z0-9'’.\-]*){2,}        # English run
    """,
    regex.VERBOSE,
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans that prose checks skip."""
    return [m.span() for m in _PROTECTED.finditer(text)]


class SpanSet:
    """Membership test for sorted, non-overlapping spans."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, start: int, end: int | None = None) -> bool:
        end = start + 1 if end is None else end
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end and self.starts[i] <= start


def protected(text: str) -> SpanSet:
    return SpanSet(protected_spans(text))
