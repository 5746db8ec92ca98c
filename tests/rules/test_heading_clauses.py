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


# FMT012's first sentence and Han test, FMT009's label patterns: stdlib re now, each with the
# `regex` pattern it was (the label patterns with regex's \p{Han} for han_runs' class).
_LABEL_PIECES = ["附", "件", "表", "图", "强", "化", "々", "\U00020000", "ㄅ", "一", "十", "1", "2", "0", ".", "．", "、",
                 "-", "：", ":", " ", "\u3000", "。", "！", "；", "?", "，", "\n"]


def _label_lines(count: int) -> list[str]:
    rnd = random.Random("label lines")
    lines = ["".join(rnd.choices(_LABEL_PIECES, [rnd.random() for _ in _LABEL_PIECES], k=rnd.randint(0, 24)))
             for _ in range(count)]
    # and lines that are nearly a label alone (附件2：, 强化十一), which the line patterns take whole
    return lines + ["".join(rnd.choices(_LABEL_PIECES[:10] + ["：", ":"], k=rnd.randint(1, 8))) for _ in range(count // 2)]


def test_the_line_patterns_are_stdlib_and_match_as_regex_did():
    from gongwen.rules import structure_lines

    han = r"\p{Han}"
    pairs = [
        (structure._FIRST_SENTENCE, regex.compile(r"([^。！？；;：:]+)[。！？；;]"), "match"),
        (structure._HAN, regex.compile(han), "search"),
        (structure_lines._LABEL, regex.compile(
            r"(?:\p{Han}{1,6}[0-9一二三四五六七八九十]{0,3}[：:][ \u3000]*|[表图][0-9]{1,2}(?:[-.．][0-9]{1,2})?[ \u3000]+)?"
            r"(?:(?P<number>[0-9]{1,2}(?:[.．][0-9]{1,2})*)(?:[.．、]|(?=[ \u3000]))[ \u3000]*)?"), "match"),
        (structure_lines._LABEL_LINE, regex.compile(r"(?:\p{Han}{1,6}[0-9一二三四五六七八九十]{1,3}|附[件表图])[：:]?"),
         "fullmatch"),
        (structure_lines._TWO_HAN, regex.compile(r"\p{Han}{2}"), "search"),
    ]
    found = [0] * len(pairs)
    for line in _label_lines(20_000):
        for k, (pattern, former, how) in enumerate(pairs):
            assert isinstance(pattern.compiled, re.Pattern)
            got = getattr(pattern, how)(line)
            assert _same(got, getattr(former, how)(line)), (line, former.pattern)
            found[k] += got is not None and got.end() > 0
    assert min(found) > 400, found
