"""How common a word is in general written Chinese: wordfreq's list for ``zh`` (web pages,
news, subtitles, Wikipedia and more, segmented with jieba; Apache-2.0 code, CC BY-SA 4.0 data),
read on first use (about 0.35 s of CPU, once per process: only a rule that has a suspect asks).

It is a broader record of what people write than the segmentation dictionary or the character
model of official writing, so it knows today's words and abbreviations those do not (单品,
供氧, 公卫). It also records the misspellings people make often (自已, 复盖), so it can say that
a written form is in use, never that it is right."""
from __future__ import annotations

import math
import threading

_lock = threading.Lock()
_frequencies: dict[str, float] | None = None


def zipf(word: str) -> float:
    """The word's Zipf frequency (log10 of its occurrences per billion words; 3 is once per
    million words), 0.0 if the list does not have it."""
    global _frequencies
    with _lock:
        if _frequencies is None:
            from wordfreq import get_frequency_dict  # deferred: imports ftfy, langcodes, msgpack

            _frequencies = get_frequency_dict("zh")
    frequency = _frequencies.get(word)
    return math.log10(frequency * 1e9) if frequency else 0.0
