"""Runs of link reference definitions at the top level, taken from their own lines as
markdown-it-py takes them.

A page of definitions (``[a]: b`` a line, 1 MB) cost markdown-it-py 4.3 CPU seconds for its
block map, which holds nothing for them: rules_block/reference.py reads each one character
by character. This module takes, at a fresh point, a run of one-line definitions in the
simplest world:

- a line of at most three spaces, ``[``, a label of no brackets, backslash or pipe that
  ``normalizeReference`` does not make empty, ``]:``, spaces or tabs, a destination of no
  space, control character, angle bracket, parenthesis, backslash or pipe, then only spaces
  and tabs. The destination is checked with markdown-it-py's own parseLinkDestination,
  normalizeLink and validateLink (a ``javascript:`` one makes the line a paragraph);
- no earlier rule can claim such a line (it starts with ``[``; with no pipe it is no table's
  header), and the definition ends at its own line unless the next line may hold its title:
  a run is cut before a definition whose next line starts with ``"``, ``'`` or ``(``.

Definitions give no token the block map reads. The line after the run is a fresh point.
tests/test_markdown_blocks.py compares the result with markdown-it-py's whole parse.
"""
from __future__ import annotations


from markdown_it.common.utils import normalizeReference
from gongwen.analysis import pattern_cache

_DEFINITION = r" {0,3}\[([^\[\]\\|\n]*)\]:[ \t]*([^\x00-\x20\x7f<>()\\|]+)[ \t]*"
_LINE = pattern_cache.re_compile(rf"{_DEFINITION}(?:\n|\Z)")  # groups: the label, the destination
_RUN = pattern_cache.re_compile(rf"(?:{_DEFINITION}\n)*+(?:{_DEFINITION}\Z)?")
# A next line that may hold the title of the definition before it.
_TITLE_NEXT = pattern_cache.re_compile(r"[ \t]*[\"'(]")


class DefinitionChecks:
    """markdown-it-py's answers for labels and destinations, remembered (a page repeats them)."""

    def __init__(self, md):
        self.md = md
        self.known: dict[tuple[str, str], bool] = {}

    def __call__(self, label: str, dest: str) -> bool:
        key = (label, dest)
        ok = self.known.get(key)
        if ok is None:
            md = self.md
            parsed = md.helpers.parseLinkDestination(dest, 0, len(dest))
            ok = (bool(normalizeReference(label)) and parsed.ok and parsed.pos == len(dest)
                  and md.validateLink(md.normalizeLink(parsed.str)))
            if len(self.known) < 4096:
                self.known[key] = ok
        return ok


def scan_definitions(checks: DefinitionChecks, text: str, pos: int,
                     first_line: int) -> tuple[int, int, list]:
    """Definitions from ``pos`` (a fresh point): (position, line) of the line after them and
    no blocks; the position is ``pos`` if none is taken."""
    if not _LINE.match(text, pos):
        return pos, first_line, []
    run_end = _RUN.match(text, pos).end()
    stop, line = pos, first_line
    for m in _LINE.finditer(text, pos, run_end):
        if not checks(*m.groups()):
            break  # a paragraph, or a definition markdown-it-py reads otherwise
        end = m.end()
        if end == run_end and end < len(text) and _TITLE_NEXT.match(text, end):
            break  # the next line may be its title: markdown-it-py decides
        stop, line = end, line + 1
    return stop, line, []
