"""The word a figure is governed by, and what is written right after the figure.

In ``治理水土流失面积85平方公里`` and ``企业开办时间压缩至1.5个工作日`` the figure is governed by the
word a few characters before it (面积, 开办时间): a noun that names a measured quantity or a verb
whose object is counted. How official writing writes the figures after each such word — with a
unit, a %-sign, or bare — is counted by ``rules/data/build_figure_heads.py`` into
``data/figure_heads.txt``; NUM015 reads that table, and both find the word and read the figure
with the functions here, so the place counted is the place judged.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

import regex

from gongwen.analysis import lazy_regex, lexicon, pattern_cache

TABLE = "figure_heads.txt"
# Han characters that may stand between a head and its figure: a linking verb (时长缩短至12,
# 比重提高到52.6, 产量稳定在48.6万) or a short modifier; a word further back governs another
# phrase of the clause.
GAP = 3
# A figure: digits not part of a code (no Latin letter, digit, point or hyphen before them), a
# decimal part, thousands grouped by commas (１３，７６２，０００: a comma before exactly three
# digits), and a 万 or 亿 of its own.
FIGURE = lazy_regex.compile(
    r"(?<![A-Za-z0-9０-９.,．\-－])[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?[万亿]?")
_HAN = lazy_regex.compile(r"\p{Han}*")
_ONE_HAN = lazy_regex.compile(r"\p{Han}")
# What may follow a figure: a %-sign (a share), a Han character (its unit or counted noun), or a
# clause end (the figure is bare).
PERCENT = frozenset("%％‰")
_POINTS = ("个百分点", "百分点")  # a change of a share: 提高1.1个百分点
# A clause ends, or an aside opens (提高到52.6（上年为51.8%）: the aside follows the unit).
CLAUSE_END = frozenset("，。；,;（(")


@cache
def _bounds() -> dict[str, tuple[str, ...]]:
    """Words written after a figure's unit (5.2%以内, 99.8%以上, 300人左右: data/figure_context.toml's
    thresholds, data/approximators.toml's words after a unit), by their first character, longest
    first: right after the digits they stand where the unit was, so the figure is bare."""
    words = set(lexicon.table("figure_context.toml")["threshold_after"]["words"])
    words.update(w for w in lexicon.table("approximators.toml")["after_unit"] if len(w) > 1)
    found: dict[str, list[str]] = {}
    for w in sorted(words, key=lambda w: (-len(w), w)):
        found.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in found.items()}


def bare_followers() -> str:
    """The characters that may follow the digits of a bare figure: a clause end, 、, the first
    character of a bound word (以内, 左右): NUM015's trigger pairs, a digit right before one."""
    return "".join(sorted(CLAUSE_END | {"、"} | set(_bounds())))


@cache
def bare_screen() -> regex.Pattern:
    """A digit (or a figure's 万, 亿) right before what makes a figure bare (a clause end, 、, a bound word: ``after_figure``'s
    places): a text it finds nothing in holds no bare figure, and NUM015 reads no quantities there
    (most paragraphs write every figure with its unit)."""
    bounds = lexicon.alternation([w for ws in _bounds().values() for w in ws])
    ends = regex.escape("".join(sorted(CLAUSE_END)))
    return pattern_cache.regex_compile(f"[0-9０-９万亿](?:[{ends}、]|{bounds})")


def after_figure(text: str, end: int) -> str | None:
    """How the figure ending at ``end`` is written: ``percent``, ``unit``, ``bare`` (a clause ends
    there, or a list goes on with another item: 128、政协提案), or None (a code, a range, a series
    sharing the unit written after its last figure: 3、4号, 5.1和7.4%)."""
    if end >= len(text):
        return None
    c = text[end]
    if c in PERCENT or text.startswith(_POINTS, end):
        return "percent"
    if c in CLAUSE_END:
        return "bare"
    for word in _bounds().get(c, ()):
        if text.startswith(word, end):
            # 失业率控制在5.2以内， is bare; 完成1000万以上农村贫困人口 names its counted noun after
            rest = end + len(word)
            return "bare" if rest >= len(text) or text[rest] in CLAUSE_END else None
    if c == "、":
        nxt = text[end + 1:end + 2]
        return "bare" if nxt and _ONE_HAN.match(nxt) else None
    if _ONE_HAN.match(c):
        return "unit"
    return None


def head_before(pattern: regex.Pattern, longest: int, text: str, start: int) -> str | None:
    """The word of ``pattern`` (an alternation of words, the longest ``longest`` characters) that
    ends at most ``GAP`` Han characters before ``start`` (the figure's first digit), the nearest
    and then the longest if several; None when punctuation or a figure stands between."""
    found = None
    for m in pattern.finditer(text, max(0, start - GAP - longest), start, overlapped=True):
        between = text[m.end():start]
        if len(between) <= GAP and _HAN.fullmatch(between):
            if found is None or (m.end(), len(m.group())) > (found.end(), len(found.group())):
                found = m
    return found.group() if found else None


@cache
def heads() -> dict[str, str]:
    """Head -> the kind of figure official writing writes after it (``percent``, ``unit`` or
    ``either``), for the heads ``data/figure_heads.txt`` keeps; ``document`` for a candidate too
    rare in the corpus to judge (the document's own figures after it judge: ``figures_after``),
    ``people`` for a noun of people whose figures in 万 or 亿 carry 人 or 人次."""
    found = {}
    for line in lexicon.entry_lines(TABLE):
        head, kind, _units, _bare = line.split()
        found[head] = kind
    return found


# The heads by what judges a bare figure after them: the corpus's counts (金额, 率, 时长), a noun of
# people's in 万 or 亿 (群众), the document's own figures (演练). Each group is looked up on its
# own, so a rare word near a figure does not hide the counted head before it (时长缩短至12: 缩短).
CORPUS_KINDS = frozenset({"percent", "unit", "either"})
PEOPLE_KINDS = frozenset({"people"})
DOCUMENT_KINDS = frozenset({"document"})


@cache
def heads_pattern(kinds: frozenset[str] = CORPUS_KINDS) -> tuple[regex.Pattern, int]:
    """The kept heads of ``kinds`` as one alternation, with the longest head's length."""
    words = [head for head, kind in heads().items() if kind in kinds]
    return pattern_cache.regex_compile(lexicon.alternation(words)), max(map(len, words), default=0)


def governing_head(text: str, start: int, kinds: frozenset[str] = CORPUS_KINDS) -> str | None:
    """The kept head of ``kinds`` governing the figure that starts at ``start``, if any."""
    pattern, longest = heads_pattern(kinds)
    return head_before(pattern, longest, text, start)


_YEAR = lazy_regex.compile(r"(?:19|20)[0-9]{2}")


@cache
def _after_head(head: str) -> regex.Pattern:
    """``head``, at most ``GAP`` Han characters, then a figure (its group 1)."""
    return pattern_cache.regex_compile(f"{regex.escape(head)}\\p{{Han}}{{0,{GAP}}}({FIGURE.pattern})")


def figures_after(text: str, head: str, skip: int) -> Counter:
    """How ``text`` writes the figures ``head`` governs (``after_figure``'s kinds; years left out,
    as the build leaves them), but the one starting at ``skip``: the document's own evidence for
    a head the corpus has too few figures after (开展应急演练6次 … 应急演练14，)."""
    found: Counter = Counter()
    for m in _after_head(head).finditer(text):
        if m.start(1) != skip and not _YEAR.fullmatch(m.group(1)):
            kind = after_figure(text, m.end(1))
            if kind is not None:
                found[kind] += 1
    return found
