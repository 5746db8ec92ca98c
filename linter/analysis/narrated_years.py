"""The years a passage speaks of, for rules that judge wording by when it was written (TRM005):
the year a sentence narrates (2015年3月，县委号召…: an event of that year, told in its own
words), and the year a National People's Congress resolution names by its session only."""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lazy_regex, lexicon
from gongwen.analysis.outline import ANY_YEAR, heading_value, year_value
from gongwen.document import Document

_SENTENCE_ENDS = "。！？!?\n"
_REACH = 200  # characters back to a sentence's start: a longer "sentence" is a run of text
# After a year, these carry its period on to the present (2015年以来, 2015年至今): the sentence
# speaks of today too, not of the past alone.
_TO_NOW = ("以来", "至今", "到现在", "迄今")
_SESSION = lazy_regex.compile(r"第([一二三四五六七八九十]{1,3})届全国人民代表大会第([一二三四五六七八九十]{1,2})次会议")


def sentence_year(text: str, at: int) -> int | None:
    """The year the sentence holding ``at`` narrates: the last year written in it before
    ``at``, unless the text between carries that period on to the present (以来, 至今)."""
    start = max(max(text.rfind(c, 0, at) for c in _SENTENCE_ENDS) + 1, at - _REACH)
    last = None
    for last in ANY_YEAR.finditer(text, start, at):
        pass
    if last is None or any(w in text[last.end():at] for w in _TO_NOW):
        return None
    return year_value(last)


@cache
def _first_sessions() -> dict[int, int]:
    """Term -> the year of its first session (data/npc_terms.txt)."""
    pairs = (line.split() for line in lexicon.entry_lines("npc_terms.txt"))
    return {int(term): int(year) for term, year in pairs}


def session_year(doc: Document) -> int | None:
    """The year of the NPC session the document's first line names (第十二届全国人民代表大会
    第一次会议关于政府工作报告的决议: 2013), or None."""
    first = doc.text[:doc.text.find("\n")] if "\n" in doc.text else doc.text
    m = _SESSION.search(first)
    if not m:
        return None
    term, session = heading_value("l1", m.group(1)), heading_value("l1", m.group(2))
    base = _first_sessions().get(term) if term else None
    return base + session - 1 if base and session else None
