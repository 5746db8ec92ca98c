"""Whether a form is in use in general written Chinese: wordfreq's list for ``zh`` (web pages,
news, subtitles, Wikipedia and more, segmented with jieba; Apache-2.0 code, CC BY-SA 4.0 data),
as the forms of 2 to 6 Han characters written at least ``IN_USE_ZIPF`` that
``data/build_general_usage.py`` takes from it once (``data/general_usage_words.txt``). A run
never loads wordfreq itself (0.3 s of CPU for a few look-ups); the table is searched in place.

It is a broader record of what people write than the segmentation dictionary or the character
model of official writing, so it knows today's words and abbreviations those do not (单品,
供氧, 公卫). It also records the misspellings people make often (自已, 复盖), so it can say that
a written form is in use, never that it is right."""
from __future__ import annotations

from functools import lru_cache

from gongwen.analysis import lexicon

# A form general usage has at least this often (Zipf: log10 of occurrences per billion words;
# 1.5 is about once in 30 million words) is a word of its own. The table holds exactly these.
IN_USE_ZIPF = 1.5
TABLE = "general_usage_words.txt"


@lru_cache(maxsize=1 << 12)
def in_use(form: str) -> bool:
    """Whether general written Chinese writes ``form`` (2 to 6 Han characters) at least
    ``IN_USE_ZIPF``; other forms are not in the table and count as not in use. Kept (bounded):
    TYP013 asks the same forms across a corpus (172 distinct of 310 on the 1,000-file
    benchmark), and a bisection of the table's bytes costs ~5 µs."""
    return form in lexicon.sorted_words(TABLE)
