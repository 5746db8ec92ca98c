"""The quantity model: what a figure states, so that two figures are compared only when they
state the same thing.

A :class:`Figure` is a :class:`~gongwen.analysis.quantities.Quantity` (numeral, unit,
approximation words: read once per unit there) placed in its sentence:

- ``value`` and ``unit`` in a base unit (``150亿元`` and ``1.5万亿元`` are both 元; data/unit_words.toml [base]);
- ``slack``: half a unit in the last place written (``52%`` may stand for 51.5–52.5, ``1.2万`` for
  11,500–12,500), so that rounding is never taken for a disagreement; a count of whole items
  written in full (``98件``) is exact;
- ``subject``: the phrase of its clause before it, cue words stripped (``办结的`` in ``办结的占52%``);
- ``period`` (本年, 上年, 以来, 累计, 结转) and ``mode`` (actual, plan, target, threshold), from the
  nearest word before it in its sentence (data/figure_context.toml) and ``以上`` after it;
- ``part_of``: where the ``其中`` it stands under begins (-1 when none): its scope is a sub-item.

Rules that compare figures (rules/figures.py) read them here and compare two only when period,
mode and scope agree; the reasons they consider two figures the same go into their messages.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon, unit_words
from gongwen.document import Document, TextUnit
from gongwen.analysis.numerals import Numeral
from gongwen.analysis.quantities import Quantity, alternation, quantities_in
from gongwen.analysis import pattern_cache
from gongwen.analysis.class_routes import kept_finder
from gongwen.slotted import positional

# A sentence ends at 。！？ or a line end, not at ；: the sub-items of 其中 are often separated
# by semicolons (其中A…，占88.3%；B…，占11.7%。) and stay in its scope.
SENTENCE_END = lazy_regex.compile(r"[。！？!?\n]")
CLAUSE_END = lazy_regex.compile(r"[，,；;：:。！？!?\n]")
# The same classes for read_figures' per-unit scans, in stdlib re (a character class of literal
# characters matches alike in both; re's finditer costs a third of regex's per match).
_SENTENCE_ENDS = pattern_cache.re_compile(SENTENCE_END.pattern)
_CLAUSE_ENDS = pattern_cache.re_compile(CLAUSE_END.pattern)
_QIZHONG = pattern_cache.re_compile("其中")
LOOKBACK = 120  # characters of its sentence read before a figure for its period and mode
_PLACE = {"十": 10, "百": 100, "千": 1000, "万": 1e4, "亿": 1e8, "拾": 10, "佰": 100, "仟": 1000}
_CN_POINT = "点"
# A count written with these places (1.2万件, 三百二十万人) is rounded; below them it is exact.
_ROUNDING_PLACES = frozenset("万亿")
# Cue words between a clause's subject and its figure: 办结的占52%, 共受理申请120件, 增长到150亿元.
_SUBJECT_TAIL = lazy_regex.compile(
    r"(?:分别|共|总计|合计|累计|同比|比上年|较上年|比去年)?"
    r"(?:增长|下降|增加|减少|提高|降低|上升)?(?:到|至)?"
    r"(?:占(?:比|比重|比例)?|分别|为|达到?|是|有|计|约|了)*$")
_SUBJECT_HEAD = lazy_regex.compile(r"^[\s　]*(?:其中)?[，,：:、]?")


@dataclass(frozen=True, slots=True)
class Figure:
    quantity: Quantity
    value: float  # in ``unit``
    unit: str  # the base unit: 元, 人, %, 个百分点 … ("" when the number has none)
    slack: float  # half a unit in the last written place, in ``unit``; 0 for an exact count
    lead: str  # its clause up to the number (and its approximation word); see ``subject``
    period: str  # "" when no word says
    mode: str  # actual, plan, target or threshold
    part_of: int  # offset of the 其中 whose sub-items it is among, -1 when none
    sentence: int  # offset where its sentence starts
    clause: int  # offset where its clause starts

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    @property
    def subject(self) -> str:
        """The phrase of its clause before it, cue words stripped (``办结的`` in ``办结的占52%``):
        read when a rule asks, as few rules do for few figures (two regex passes over the clause)."""
        return _subject(self.lead)

    @property
    def approximate(self) -> bool:
        return self.quantity.approximate or self.mode == "threshold"

    @property
    def low(self) -> float:
        return self.value - self.slack

    @property
    def high(self) -> float:
        return self.value + self.slack

    def comparable(self, other: "Figure") -> bool:
        """Same base unit, period, mode and scope: two statements of one kind of thing."""
        return (self.unit == other.unit and self.period == other.period and self.mode == other.mode
                and self.part_of == other.part_of)


@cache
def _toml(name: str) -> dict:
    return lexicon.table(name)


@cache
def _context() -> tuple[re.Pattern, dict[str, str], re.Pattern, dict[str, str], re.Pattern]:
    """The period, mode and threshold words' alternations (each with its word -> meaning). Stdlib
    ``re``: an alternation of literal words matches the same in both engines (leftmost, the first
    word in the longest-first order), and ``_last`` tries the period's and the mode's at every
    character of up to LOOKBACK before each figure, where ``regex`` cost ~100 instructions a
    character and ``re`` ~80 (benchmarks/speed/NOTES.md, round 27;
    tests/analysis/test_figure_context.py compares the figures with ``regex``'s)."""
    raw = _toml("figure_context.toml")
    period, mode = raw["period"], raw["mode"]
    return (_words_pattern(period), period, _words_pattern(mode), mode, _words_pattern(raw["threshold_after"]["words"]))


def _words_pattern(words) -> re.Pattern:
    return pattern_cache.re_compile(lexicon.alternation(words))


@cache
def _first_characters() -> tuple[re.Pattern, frozenset[str]]:
    """The characters a period or mode word starts with (as a character class), and those a
    threshold word starts with: a match of one of these word lists starts with one of them."""
    raw = _toml("figure_context.toml")
    cues = {w[0] for w in (*raw["period"], *raw["mode"])}
    return (pattern_cache.re_compile("[" + "".join(map(re.escape, sorted(cues))) + "]"),
            frozenset(w[0] for w in raw["threshold_after"]["words"]))


def _cue_positions(text: str) -> list[int]:
    """Where a period or mode word may start in ``text``: a window holding none of these
    positions holds no such word, and read_figures skips its two searches there."""
    return places(_first_characters()[0], text)


@cache
def _words_by_first() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] | None:
    """The period words and the mode words by their first character (what read_figures asks
    at a cue); None if a list holds an empty word, which stands everywhere."""
    _, periods, _, modes, _ = _context()
    if "" in periods or "" in modes:
        return None
    found = []
    for words in (periods, modes):
        by_first: dict[str, list[str]] = {}
        for word in words:
            by_first.setdefault(word[0], []).append(word)
        found.append({ch: tuple(ws) for ch, ws in by_first.items()})
    return found[0], found[1]


@cache
def _finder(pattern: re.Pattern) -> Any:
    """The compiled finder (gongwen.analysis.class_routes) of a pattern that is one character
    class; None where it is not built."""
    return kept_finder(pattern)


def places(pattern: re.Pattern, text: str, shift: int = 0) -> list[int]:
    """``[m.start() + shift for m in pattern.finditer(text)]`` for a ``pattern`` that is one
    character class (every match one character): the class's places found by the compiled
    finder, one C scan to each, where ``re`` tested the class at every character (~100
    instructions each: 12 M over the units whose figures CON006 reads on the speed benchmark's
    first 400 files, three classes a unit; tests/analysis/test_figure_context.py)."""
    finder = _finder(pattern)
    if finder is None:
        return [m.start() + shift for m in pattern.finditer(text)]
    found, find, end = [], finder.find, len(text)
    at = find(text, 0, end)
    while at >= 0:
        found.append(at + shift)
        at = find(text, at + 1, end)
    return found


def base_unit(unit: str) -> tuple[str, float]:
    """The base unit a unit is compared in, and the factor to it (万元 → 元, 10,000)."""
    return unit_words.bases().get(unit, (unit, 1.0))


_WRITTEN_DIGITS = lazy_regex.compile(r"[0-9０-９,]+(?:[.．]([0-9０-９]+))?")


def written_step(numeral: Numeral) -> float:
    """The unit of the last place written: 1 for ``52``, 0.1 for ``3.5``, 1e4 for ``1.2万``
    (0.1 万), 1e8 for ``一百二十亿`` (the smallest place the Chinese numeral names)."""
    return _written_step(numeral.text, numeral.in_words, numeral.value)


@lru_cache(maxsize=4096)
def _written_step(text: str, in_words: bool, value: float | None) -> float:
    """written_step of a numeral by what it depends on: the same few numerals recur (1, 10%)."""
    if in_words:  # 百分之九十五 / 百分之9.5
        text = text[3:]
    if text and text[0] in "0123456789０１２３４５６７８９":
        head = _WRITTEN_DIGITS.match(text)
        step = 10.0 ** -len(head.group(1) or "")
        tail = text[head.end():]
        # 1.2万: the places are of 万; 1.5万亿: of 万亿; 10亿零817万: of the last ones named
        for place in reversed(tail):
            if place not in _PLACE:
                break
            step *= _PLACE[place]
        return step
    if _CN_POINT in text:
        return 10.0 ** -len(text.split(_CN_POINT, 1)[1])
    if value is None or value <= 0 or not float(value).is_integer():
        return 1.0
    step, v = 1.0, int(value)
    while v % 10 == 0:
        v //= 10
        step *= 10
    return step


_DIGIT_HEAD = lazy_regex.compile(r"[0-9０-９]")


def as_written(value: float, like: Figure) -> str:
    """``value`` (in the base unit) written the way ``like`` is: in its 万/亿 and unit, with
    its decimals (a sum of 1.83万亿元 and 9300亿元 is ``2.76万亿元``, never ``2.76e+12元``)."""
    q = like.quantity
    text = q.numeral.text
    scale, places = 1.0, ""
    if _DIGIT_HEAD.match(text):
        for ch in reversed(text):
            if ch not in _PLACE:
                break
            scale *= _PLACE[ch]
            places = ch + places
    unit = q.unit or ("%" if like.unit == "%" else "")
    number = value / base_unit(q.unit)[1] / scale if q.unit else value / scale
    decimals = len(text[:len(text) - len(places)].split(".", 1)[1]) if "." in text else 0
    comma = "," if "," in text else ""
    shown = f"{number:{comma}.{decimals}f}"
    if float(shown.replace(",", "")) != round(number, 4):  # a sum needs more places than one figure
        shown = f"{number:{comma}.4f}".rstrip("0").rstrip(".")
    return f"{shown}{places}{unit}"


QUOTE_SPAN = 30  # a name in quotation marks (“两个确保”) is looked for this far back


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside “…”: a name there (“两个确保”) says nothing of a figure's mode."""
    lo = max(0, pos - QUOTE_SPAN)
    return text.rfind("“", lo, pos) > text.rfind("”", lo, pos)


def _last(pattern: regex.Pattern, text: str, lo: int, hi: int):
    """The last match of ``pattern`` in ``text[lo:hi]`` not right after 比/较 (比上年: a base)
    and not inside a quoted name."""
    found = None
    for m in pattern.finditer(text, lo, hi):
        if not (m.start() > 0 and text[m.start() - 1] in "比较") and not _quoted(text, m.start()):
            found = m
    return found


@lru_cache(maxsize=4096)
def _subject(lead: str) -> str:
    return _SUBJECT_HEAD.sub("", _SUBJECT_TAIL.sub("", lead), count=1)


# Built by one C call that fills the slots (gongwen.slotted): every field given, in order.
_FIGURE = positional(Figure)


def figures_in(doc: Document, unit: TextUnit) -> list[Figure]:
    """Every figure of a unit, in text order, computed once per document."""
    return doc.unit_memo(read_figures, unit, unit.text, quantities_in(doc, unit))


def percent_figures_in(doc: Document, unit: TextUnit) -> list[tuple[int, Figure]]:
    """The figures of a unit that are in % (``unit == "%"``), each with its place among the
    unit's figures: those figures_in gives, the others not read (CON004 reads only shares in %,
    a third of the figures of its units). Once per document."""
    return doc.unit_memo(read_percent_figures, unit, unit.text, quantities_in(doc, unit))


def read_percent_figures(text: str, quantities: list[Quantity]) -> list[tuple[int, Figure]]:
    """read_figures' figures in %, with their places: a figure is read from its quantity and the
    text alone (read_figures_at)."""
    return list(read_figures_at(text, quantities, [i for i, q in enumerate(quantities) if figure_unit(q) == "%"]).items())


def read_figures_at(text: str, quantities: list[Quantity], places: list[int]) -> dict[int, Figure]:
    """The figures of ``quantities[i]`` for each of ``places`` (ascending), as read_figures reads
    them among all: a figure is read from its quantity and the text alone."""
    return dict(zip(places, read_figures(text, [quantities[i] for i in places])))


def figure_unit(q: Quantity) -> str:
    """The unit read_figures gives the figure of ``q``, without reading the figure: its base
    unit, or % for a percent without a unit (百分之九十)."""
    return base_unit(q.unit)[0] if q.unit else "%" if q.numeral.percent else ""


def read_figures(text: str, quantities: list[Quantity]) -> list[Figure]:
    ends = places(_SENTENCE_ENDS, text, 1)  # (a match's end: one character on)
    clause_ends = places(_CLAUSE_ENDS, text, 1)
    qizhong = [m.start() for m in _QIZHONG.finditer(text)]
    cues = _cue_positions(text)
    threshold_first = _first_characters()[1]
    n_text = len(text)
    period_p, periods, mode_p, modes, threshold_p = _context()
    firsts = _words_by_first()
    counts = unit_words.tagged("count")
    make = _FIGURE
    found = []
    for q in quantities:
        start = q.start
        i = bisect.bisect_right(ends, start)
        sentence = ends[i - 1] if i else 0
        j = bisect.bisect_right(clause_ends, start)
        lo = max(sentence, start - LOOKBACK)
        # a clause longer than LOOKBACK is read from there: rules slice it once per figure
        clause = max(clause_ends[j - 1] if j else 0, lo)
        head = start - len(q.before)
        c = bisect.bisect_left(cues, lo)
        if c < len(cues) and cues[c] < head:
            # Each search only where one of its words stands whole in [lo, head): asked at the
            # cues there, of the words their character opens (three windows in four hold a cue
            # and no word: 上, 以, 全 …, and each search cost ~14,000 instructions).
            if firsts is None:
                in_p = in_m = True
            else:
                in_p = in_m = False
                while c < len(cues) and cues[c] < head and not (in_p and in_m):
                    at = cues[c]
                    ch = text[at]
                    in_p = in_p or text.startswith(firsts[0].get(ch, ()), at, head)
                    in_m = in_m or text.startswith(firsts[1].get(ch, ()), at, head)
                    c += 1
            p = _last(period_p, text, lo, head) if in_p else None
            m = _last(mode_p, text, lo, head) if in_m else None
        else:
            p = m = None  # no period or mode word can start in [lo, head)
        end = q.end
        if end < n_text and text[end] in threshold_first and threshold_p.match(text, end) \
                or q.after_unit in ("以上", "以下"):
            mode = "threshold"
        else:
            mode = modes[m.group()] if m else "actual"
        k = bisect.bisect_right(qizhong, start) - 1
        part_of = qizhong[k] if k >= 0 and qizhong[k] >= sentence else -1
        unit_name, factor = base_unit(q.unit if q.unit else "")
        if q.numeral.percent and not q.unit:
            unit_name = "%"  # 百分之九十五 has no unit after it
        step = written_step(q.numeral) * factor
        # 98件 and 五百个 count whole items: exact. 1.2万件 and 150亿元 are rounded to their
        # last place.
        exact = q.unit in counts and float(q.value).is_integer() and (
            step == 1 or not (set(q.numeral.text) & _ROUNDING_PLACES))
        slack = 0.0 if exact else step / 2
        found.append(make(q, q.value * factor, unit_name, slack, text[clause:head],
                          periods[p.group()] if p else "", mode, part_of, sentence, clause))
    return found


@cache
def _attribute_dimensions() -> tuple[tuple[regex.Pattern, ...], regex.Pattern]:
    """One pattern per attribute dimension of data/overlapping_attributes.txt, and the
    open-ended words of its last line (以上, 以下)."""
    groups = lexicon.groups("overlapping_attributes.txt")
    return tuple(alternation(g) for g in groups[:-1]), alternation(groups[-1])


def overlapping_attributes(items: list[str]) -> bool:
    """Whether items of one population may overlap rather than partition it: they name
    attributes of different dimensions (党员, 女性), or of one dimension with more than one
    open-ended (大专以上, 本科以上). Items of one dimension partition it (男性/女性,
    0—15岁/16—59岁/60岁及以上); items naming no attribute are left to the rules."""
    dimensions, open_ended = _attribute_dimensions()
    named, opened, plain = set(), 0, 0
    for item in items:
        found = {i for i, d in enumerate(dimensions) if d.search(item)}
        is_open = open_ended.search(item) is not None
        named |= found
        opened += is_open
        plain += not found and not is_open
    if not named and not opened:
        return False
    return not (len(named) == 1 and opened <= 1 and plain == 0)
