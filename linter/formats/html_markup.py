"""Where markup that is not a tag ends: declarations, processing instructions, marked
sections and comments, for the HTML reader.

html.parser ends a declaration or a processing instruction at its first ``>``, raises on a
marked section whose keyword it does not know, and stops reading at one it cannot close.
On pages that is markup read as text, or text lost:

* a DOCTYPE with an internal subset (``<!DOCTYPE html [ <!ENTITY x "甲，乙"> ]>``) ends at
  the ``]>`` after its subset, not at the first ``>`` inside it. Nothing in the subset is
  expanded (an entity bomb stays a string nobody reads);
* a declaration (``<!ELEMENT``, ``<!ATTLIST``, ``<!ENTITY``, ``<!NOTATION``, the DOCTYPE's own
  identifiers) and a processing instruction end at the first ``>`` outside quoted literals
  (``<!ATTLIST p a CDATA "x>y">``, ``<?php echo "a>b"; ?>``);
* a marked section with another keyword (``<![foo[``) or without its end is what HTML5 makes
  of it, a bogus comment to the first ``>``: html.parser raised (the whole page lost) or left
  the rest of the page unread;
* ``<!-->`` and ``<!--->`` are empty comments and ``--!>`` ends one, as in HTML5 (html.parser
  read on to the next ``-->``, hiding the text between).

Whenever its own end is not found, each falls back to html.parser's reading, so nothing is
read that html.parser would not read. A quoted literal outside a DOCTYPE's subset may not
hold ``<``, so no scan goes past the next tag; a subset that is never closed stops the
search for subsets in the rest of the page, and each search for the end of a marked section
remembers its answer: a page of 100,000 unterminated constructs stays linear.
"""
from __future__ import annotations

import re
from gongwen.analysis import pattern_cache

# "A declaration" is one of these keywords after "<!" (the DOCTYPE is handled of its own).
DECLARATION = pattern_cache.re_compile(r"<!(?:element|attlist|entity|notation)\b", re.IGNORECASE)
DOCTYPE = pattern_cache.re_compile(r"<!doctype", re.IGNORECASE)
# One step through a declaration: up to a quoted literal (skipped; it may not hold "<"), its
# closing ">" (group 1) or, in a DOCTYPE, the "[" that opens an internal subset (group 2).
_STEP = pattern_cache.re_compile(r"""[^"'>\[]*+(?:"[^"<]*+"|'[^'<]*+'|(>)|(\[))""")
_STEP_NO_SUBSET = pattern_cache.re_compile(r"""[^"'>]*+(?:"[^"<]*+"|'[^'<]*+'|(>))""")
# Inside a subset: the next literal, comment or processing instruction (which may hold "]")
# or the "]" that closes the subset.
_SUBSET_STOP = pattern_cache.re_compile(r"""["'\]]|<!--|<\?""")
_SUBSET_CLOSES = {opener: pattern_cache.re_compile(re.escape(closer))
                  for opener, closer in (('"', '"'), ("'", "'"), ("<!--", "-->"), ("<?", "?>"))}
_SUBSET_END = pattern_cache.re_compile(r"\s*>")
_MARKED_NAME = pattern_cache.re_compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
_MARKED_CLOSE = {name: pattern_cache.re_compile(r"]\s*]\s*>") for name in ("temp", "cdata", "ignore", "include", "rcdata")}
_MARKED_CLOSE.update({name: pattern_cache.re_compile(r"]\s*>") for name in ("if", "else", "endif")})
ABRUPT_COMMENT = pattern_cache.re_compile(r"<!---?>")
COMMENT_CLOSE = pattern_cache.re_compile(r"--(?:\s*|!)>")  # html.parser's "--\s*>", and HTML5's "--!>"


def literal_aware_end(text: str, at: int) -> int:
    """The index after the first ``>`` at or after ``at`` outside quoted literals, or -1."""
    step = _STEP_NO_SUBSET.match
    while (m := step(text, at)) is not None:
        if m[1] is not None:
            return m.end()
        at = m.end()
    return -1


class MarkupEnds:
    """The ends of one page's declarations and marked sections (it keeps what makes the
    searches linear, so one per page)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.subsets = True  # False once a subset ran to the end of the page unclosed
        self._found: dict[re.Pattern, tuple[int, int, int]] = {}  # pattern -> (from, start, end)

    def doctype_end(self, at: int) -> int:
        """The index after a DOCTYPE that starts at ``at``, subset and all; -1 if it has no
        end of its own (html.parser's first ``>`` then)."""
        text, step = self.text, _STEP.match
        at += len("<!doctype")
        while (m := step(text, at)) is not None:
            if m[1] is not None:
                return m.end()
            if m[2] is not None:
                return self._subset_end(m.end()) if self.subsets else -1
            at = m.end()
        return -1

    def _subset_end(self, at: int) -> int:
        text = self.text
        while (m := _SUBSET_STOP.search(text, at)) is not None:
            if m[0] == "]":
                if (end := _SUBSET_END.match(text, m.end())) is not None:
                    return end.end()
                at = m.end()  # a "]" of its own inside the subset
                continue
            close = _SUBSET_CLOSES[m[0]].search(text, m.end())
            if close is None:
                break
            at = close.end()
        self.subsets = False
        return -1

    def marked_section(self, at: int) -> tuple[int, int] | None:
        """(where its content ends, where it ends) for a marked section ``<![name ...`` that
        html.parser's rules close; None for one that is a bogus comment in HTML5."""
        name = _MARKED_NAME.match(self.text, at + 3)
        close = _MARKED_CLOSE.get(name[0].lower()) if name else None
        if close is None:
            return None
        start, end = self._search(close, name.end())
        return (start, end) if start >= 0 else None

    def _search(self, pattern: re.Pattern, at: int) -> tuple[int, int]:
        """(start, end) of ``pattern``'s first match at or after ``at``, or (-1, -1). The last
        answer per pattern is kept: from any point between where that search started and
        the match it found, the first match is the same one (or none, if it found none)."""
        known = self._found.get(pattern)
        if known is not None and known[0] <= at and (known[1] < 0 or at <= known[1]):
            return known[1], known[2]
        m = pattern.search(self.text, at)
        self._found[pattern] = (at, *((m.start(), m.end()) if m else (-1, -1)))
        return self._found[pattern][1:]
