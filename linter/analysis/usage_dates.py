"""Whether a text is held to a usage settled in a given year (TYP016's dated frames, TYP017):
by the year it was written, and, where it names none, by whether it had room to name one."""
from __future__ import annotations

from gongwen.analysis.outline import DATE_WINDOW, written_year
from gongwen.document import Document


def held_to_usage_of(doc: Document, since: int) -> bool:
    """Whether ``doc`` is judged by a usage settled in ``since``: it was written that year or
    later (``written_year``), or it names no year and is no longer than the window in which a
    document states one (a sentence, a passage being drafted: read as written now). A longer
    text that names no year there is a page cut from a longer one (a 10 KB slice of a 1978
    report), of unknown date: it may predate the usage, so it is not held to it."""
    year = written_year(doc)
    if year is not None:
        return year >= since
    return len(doc.text) <= DATE_WINDOW
