"""FMT004's and FMT012's two patterns after a heading's marker (the clause 加强和改善宏观调控。 and the
phrase 强化党建引领，夯实…) are matched by stdlib re with the explicit Han class, and a short
clause or a phrase is not looked for where its 。 or comma cannot stand: over random lines of Han
characters (some beyond the BMP), look-alikes that are no Han (々 is, ㄅ and ー are not), quotes,
commas, stops and a last line break, every match is the one the `regex` patterns they were give."""
from __future__ import annotations

import random
import re

import regex

from gongwen.analysis.outline import Heading
from gongwen.document import Document, TextUnit
from gongwen.rules import structure

_REGEX_CLAUSE = regex.compile(r"(?P<c>[\p{Han}“”]{4,})(?P<end>[。；;：:！？,，、]|$)")
_REGEX_PHRASE = regex.compile(r"(?P<a>\p{Han}{2,12})[,，](?P<b>\p{Han}+)(?P<end>[。；;：:！？,，、]|$)")
_PIECES = ["强", "化", "党", "建", "引", "领", "々", "〇", "\U00020000", "ㄅ", "ー", "a", "1", "“", "”", "，", ",",
           "。", "；", "：", "、", "！", " ", "（一）", "\n"]


def _lines(count: int) -> list[str]:
    rnd = random.Random("heading clauses")
    lines = []
    for _ in range(count):
        # each line its own mix, the Han characters weighed up: long runs of them too
        weights = [rnd.random() * (8 if i < 9 else 1) for i in range(len(_PIECES))]
        lines.append("".join(rnd.choices(_PIECES, weights, k=rnd.randint(0, 50))))
    return lines


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict() and \
        all(a.span(g) == b.span(g) for g in a.groupdict())


def test_the_patterns_are_stdlib_and_match_as_regex_did():
    assert isinstance(structure._CLAUSE.compiled, re.Pattern) and isinstance(structure._PHRASE.compiled, re.Pattern)
    matched = 0
    for line in _lines(6_000):
        for at in range(len(line) + 1):
            clause = structure._CLAUSE.match(line, at)
            assert _same(clause, _REGEX_CLAUSE.match(line, at)), (line, at)
            assert _same(structure._PHRASE.match(line, at), _REGEX_PHRASE.match(line, at)), (line, at)
            matched += clause is not None
    assert matched > 30_000


def _heading_doc(line: str, at: int) -> tuple[Document, Heading]:
    doc = Document(path="t.txt", text=line, units=(TextUnit(0, len(line), line, "paragraph", 0),))
    return doc, Heading(0, "l2", 1, max(0, at - 3), at)


def test_a_short_clause_and_a_phrase_are_looked_for_only_where_they_can_end():
    short = phrases = 0
    for line in _lines(6_000):
        for at in range(len(line) + 1):
            doc, h = _heading_doc(line, at)
            want = _REGEX_CLAUSE.match(line, at)
            got = structure._short_clause(doc, h)
            if want is not None and want.group("end") == "。" and len(want.group("c")) <= structure._SHORT_CLAUSE:
                assert _same(got, want), (line, at)
                short += 1
            else:
                assert got is None or _same(got, want), (line, at)
            phrase = structure._phrase(doc, h)
            assert _same(phrase, _REGEX_PHRASE.match(line, at)), (line, at)
            phrases += phrase is not None
    assert short > 1_000 and phrases > 1_000
