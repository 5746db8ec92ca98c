"""The numeral layer: every number in a text unit, with its span and its value.

Rules ask this module for numbers instead of re-parsing them. Arabic (``2.9万``, ``3,206``,
``１２``), Chinese (``二〇二五``, ``三千二百零六万``, ``百分之九十五``), and mixed (``4千``,
``1百零8``, ``一百08``) numerals are found with one linear regex; each span's value comes from
cn2an called on that span alone — never on the whole text, whose length cn2an's transform
changes, which would destroy offsets. cn2an's converter is built lazily (:func:`smart_reader`):
it compiles its grammar, and most files contain no Chinese numeral it must be asked about.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import threading
import types
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Callable, Iterable, Iterator

import regex

from gongwen.analysis import cn2an_grammar, lazy_regex
from gongwen.analysis.class_routes import class_route
from gongwen.document import Document, TextUnit
from gongwen.slotted import positional
from gongwen.analysis import pattern_cache

CN_DIGITS = "〇零○一二三四五六七八九两壹贰叁肆伍陆柒捌玖"
CN_UNITS = "十百千万亿拾佰仟廿卅"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
# Thousands separators besides the comma: GB/T 15835's thin space (U+2009, 千分空), the narrow
# no-break space (U+202F, what word processors insert for it), a no-break space (U+00A0, an
# HTML &nbsp;) and a plain space. ``1 236`` is one number, not 1 and 236.
GROUP_SPACES = "\u2009\u202f\u00a0 "
_UNGROUP = str.maketrans("", "", "," + GROUP_SPACES)
_FULLWIDTH_CHARS = frozenset("０１２３４５６７８９．")
_MIXING_UNITS = frozenset("十百千")
_MULTIPLIER = {"万": 1e4, "亿": 1e8}
_MULTIPLIERS = frozenset(_MULTIPLIER)

_NUMERAL = lazy_regex.compile(
    rf"""
      (?P<pct>百分之)
        (?:(?P<pct_cn>[{CN_DIGITS}{CN_UNITS}]+(?:点[{CN_DIGITS}]+)?)
          |(?P<pct_ar>[0-9０-９]+(?:[.．][0-9０-９]+)?))
    | (?P<ar>
        (?<![0-9０-９.．])
        (?:
          # 1 236 / 12 345 678: one kind of space throughout, groups of exactly three, and
          # not one of a row of space-separated digits (table cells: 1 2 345)
          (?<![0-9][{GROUP_SPACES}])
          [0-9]{{1,3}}(?P<sep>[{GROUP_SPACES}])[0-9]{{3}}(?:(?P=sep)[0-9]{{3}})*+
          (?![0-9])(?!(?P=sep)[0-9])
        | [0-9０-９]+(?:,[0-9]{{3}})*
        )
        (?:[.．][0-9０-９]+)?
        (?P<ar_tail>(?:[十百千万亿]+(?:零?[0-9０-９]+)?)*)
      )
    | (?P<cn>
        [{CN_DIGITS}{CN_UNITS}]+(?:点[{CN_DIGITS}]+)?
        (?P<cn_tail>[0-9０-９]+)?
      )
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number in a text unit; offsets relative to that unit's text."""

    start: int
    end: int
    text: str
    kind: str  # "arabic", "chinese" or "mixed" (Arabic digits with 十百千 or Chinese with digits)
    value: float | None  # None when the span is not a well-formed numeral (一是, 千方百计)
    percent: bool = False  # 95% / 95％ / 百分之九十五
    fullwidth: bool = False  # contains ０-９ or ．
    grouped: bool = False  # has a thousands separator, 3,206 or 1 236 (see GROUP_SPACES)
    in_words: bool = False  # 百分之九十五, 百分之95

    @property
    def is_integer(self) -> bool:
        return self.value is not None and float(self.value).is_integer()


MAX_NUMERAL_CHARS = 32  # longer runs are not numbers anyone writes; cn2an is not linear on them


@lru_cache(maxsize=4096)
def chinese_value(text: str) -> float | None:
    """The value of a Chinese or mixed numeral, or None (cn2an's smart mode, per span)."""
    if len(text) > MAX_NUMERAL_CHARS:
        return None
    value = plain_value(text)
    if value is not None:
        return value
    if not refused(text):
        try:
            return float(smart_reader()(text, "smart"))
        except (ValueError, KeyError, IndexError):
            pass
    # 百人, 千余, 近万人: a bare unit character means one of it (cn2an wants 一百).
    # Not 亿: 亿元以上项目 names a size class, not one hundred million.
    if text[0] in "百千万":
        return chinese_value("一" + text)
    return None


_reader_lock = threading.Lock()
_reader: Callable[[str, str], float | int] | None = None


def smart_reader() -> Callable[[str, str], float | int]:
    """cn2an's ``Cn2An().cn2an``, built for what this module asks of it (smart mode) at half the
    cost of ``import cn2an`` (0.065 -> 0.030 CPU s, paid by each process that reads a numeral
    ``plain_value`` cannot): the package's ``__init__`` builds three converters, and its
    ``proces`` dependency compiles an address pattern at import (~0.01 s) for its masking
    functions, which cn2an never calls; ``Cn2An()`` compiles both its strict and its normal
    grammar (~0.02 s each), and smart mode reads only the normal one. So cn2an's converter
    module is imported without its package's ``__init__`` (nor ``proces``'s: its
    ``preprocess`` is all cn2an uses), and ``Cn2An()`` is built with its patterns compiled on
    first use (``lazy_regex.stdlib``, which answers the methods cn2an calls). The converter is
    cn2an's own code and tables; only when its patterns are compiled changes.
    tests/test_numerals_reader.py compares it with ``cn2an.cn2an`` on generated strings."""
    global _reader
    if _reader is None:
        with _reader_lock:
            if _reader is None:
                _reader = _build_reader()
    return _reader


def _build_reader() -> Callable[[str, str], float | int]:
    if "cn2an" in sys.modules:  # already imported whole (a test, another reader): no saving
        return sys.modules["cn2an"].cn2an
    try:
        with _package_without_init("proces") as proces:
            if proces is not None:
                proces.preprocess = _preprocess
            with _package_without_init("cn2an"):
                converters = importlib.import_module("cn2an.cn2an")
        converters.re = types.SimpleNamespace(compile=partial(_compile_for_cn2an, converters))
        try:
            return converters.Cn2An().cn2an
        finally:
            converters.re = re  # its calls use re.sub
    except (ImportError, AttributeError):  # a cn2an laid out otherwise: the same reader, slower
        import cn2an

        return cn2an.cn2an


# The two pipelines cn2an's reader runs every input through, and characters that neither
# changes (each maps a character to one: traditional to simplified by proces's table, full-width
# to half-width by code point). tests/test_numerals_reader.py holds proces to it.
_CN2AN_PIPELINES = ["traditional_to_simplified", "full_angle_to_half_angle"]
UNCHANGED_BY_PREPROCESS = frozenset("0123456789.-+%〇零○一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟点负正分之幺廿仨元圆角整")


def _preprocess(data, pipelines=None, params=None):
    """``proces.preprocess`` as cn2an's reader calls it, without importing it for a string
    neither of its pipelines changes (the digits and the simplified numerals: nearly every
    string read): importing it loads proces's traditional-to-simplified table, 17 M
    instructions of the first process that asks cn2an (benchmarks/speed/NOTES.md, round 25)."""
    if params is None and pipelines == _CN2AN_PIPELINES and type(data) is str and UNCHANGED_BY_PREPROCESS.issuperset(data):
        return data
    return _full_preprocess()(data, pipelines, params)


@cache
def _full_preprocess():
    with _reader_lock, _package_without_init("proces"):  # (sys.modules changed for a moment)
        return importlib.import_module("proces.preprocess").preprocess


def _compile_for_cn2an(converters: types.ModuleType, pattern: str, flags: int = 0) -> object:
    """A pattern of cn2an's converter, compiled on first use; its grammar of a normal integer
    (24 ms to compile) read without compiling it (gongwen.analysis.cn2an_grammar)."""
    if not flags and cn2an_grammar.stands_for(pattern):
        return cn2an_grammar.NormalInteger(converters.NORMAL_CN_NUMBER)
    return lazy_regex.stdlib(pattern, flags)


@contextmanager
def _package_without_init(name: str) -> Iterator[types.ModuleType | None]:
    """Package ``name`` in ``sys.modules`` without running its ``__init__``, while its
    submodules are imported alone, then removed, so that a later ``import name`` runs the real
    ``__init__`` (over the submodules already loaded). None if the package is imported already."""
    if name in sys.modules:
        yield None
        return
    spec = importlib.util.find_spec(name)
    package = types.ModuleType(name)
    package.__path__, package.__spec__ = list(spec.submodule_search_locations), spec
    sys.modules[name] = package
    try:
        yield package
    finally:
        if sys.modules.get(name) is package:
            del sys.modules[name]


# The commonest Chinese numerals read without cn2an, whose import compiles its converters'
# patterns (0.1–0.4 s, a third of a small file's run), and the commonest it refuses told without
# asking it. Read here: a string of digits (一九七六, 二〇二四); a number in its one canonical
# wording below 10^16 (三千二百零六万, 十五, 一百零八, 二万八千亿); either with a decimal part
# (十二点一); Arabic digits with one unit (4千, 1.5百); the financial and colloquial digits
# (壹, 两千) as the plain ones they stand for. Anything else (一十五, 千百万, 二百十七, 1万6千)
# still goes to cn2an. tests/analysis/test_numerals.py compares plain_value and refused with
# cn2an on every number up to 30,000, on round and random numbers up to 10^16, on decimals, and
# on random strings.
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIGIT_CN = "零一二三四五六七八九"
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_PLACES = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
# cn2an reads each of these exactly as the plain character (its tables give them one value and
# its patterns one class): 壹贰叁 are the financial digits, 两 the colloquial 二.
_ALTERNATE_DIGITS = "壹贰叁肆伍陆柒捌玖两"
_ALTERNATES = str.maketrans(_ALTERNATE_DIGITS + "拾佰仟", "一二三四五六七八九二十百千")
_ARABIC_UNIT = pattern_cache.re_compile(r"[0-9]+(?:\.[0-9]+)?[十拾百佰千仟万亿]")
_UNIT_VALUE = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000, "万": 10_000, "亿": 100_000_000}
MAX_ARABIC_WITH_UNIT = 20  # characters of 1.5千; cn2an's Decimal product has 28 digits
MAX_DECIMALS = 16  # cn2an reads at most this many digits after 点


def plain_value(text: str) -> float | None:
    """What cn2an's smart mode gives for a run of Chinese digits or a canonically worded
    Chinese number below 10^16, either with a decimal part, or for Arabic digits with one unit;
    None for any other text (cn2an must be asked)."""
    if len(text) <= MAX_ARABIC_WITH_UNIT and _ARABIC_UNIT.fullmatch(text):
        # cn2an gives int(Decimal(digits) * unit): exact (28 digits) at this length, and so
        # the truncated product in whole numbers
        whole, _, fraction = text[:-1].partition(".")
        return float(int(whole + fraction) * _UNIT_VALUE[text[-1]] // 10 ** len(fraction))
    text = text.translate(_ALTERNATES)
    whole, point, decimals = text.partition("点")
    if point:
        if not decimals or len(decimals) > MAX_DECIMALS or not whole:
            return None
        places = [_CN_DIGIT.get(ch) for ch in decimals]
        if None in places:
            return None
        integer = _integer(whole)
        if integer is None:
            return None
        # cn2an's sum, place by place from the last, and its two roundings: the same float
        fraction = 0
        for index in range(len(places) - 1, -1, -1):
            fraction += places[index] * 10 ** -(index + 1)
        return float(round(integer + round(fraction, len(places)), len(places)))
    integer = _integer(text)
    return None if integer is None else float(integer)


def _integer(text: str) -> int | None:
    """The integer a run of digits or a canonical wording below 10^16 stands for, or None."""
    digits = [_CN_DIGIT.get(ch) for ch in text]
    if text and None not in digits:
        return int("".join(map(str, digits)))
    total = section = num = 0
    for ch, digit in zip(text, digits):
        if digit is not None:
            num = digit
        elif ch in _SMALL_UNIT:
            section += (num or 1) * _SMALL_UNIT[ch]
            num = 0
        elif ch == "万":
            total += (section + num) * 10_000
            section = num = 0
        elif ch == "亿":
            total = (total + section + num) * 100_000_000
            section = num = 0
        else:
            return None
    value = total + section + num
    return value if 0 < value < 10 ** 16 and canonical_words(value) == text else None


_NONZERO_DIGITS = frozenset("一二三四五六七八九两壹贰叁肆伍陆柒捌玖")
_CN_UNIT_CHARS = frozenset(CN_UNITS)
_CN_CHARS = frozenset(CN_DIGITS + CN_UNITS)
_UNITS_SIDE_BY_SIDE = pattern_cache.re_compile("[十拾][十百千拾佰仟]|[百千佰仟][百千佰仟]")  # not 百十, 千十


def refused(text: str) -> bool:
    """Whether cn2an's smart mode certainly refuses ``text``. It does when ``text``
    - holds a character cn2an does not read (○, 卅);
    - starts with a unit other than 十 and ends with a unit, holding only Chinese digits and
      units: no pattern of cn2an's starts with such a unit, and its spoken form (一万二) ends
      with a digit;
    - has no 点 and ends with 万 or 亿 and then 千, 百, 万 or 亿 (300万千 before 瓦, 五万万):
      in cn2an's grammar 千 and 百 follow a digit, 万 never follows 万 or 亿, nor 亿 亿; the
      digits before (300) become Chinese words in front of that ending, which stays last;
    - holds only Chinese digits and units, at least one unit, and ends in two digits other
      than zero (十四五, 十三五: a five-year plan's name, in nearly every report since 2016):
      cn2an reads two digits in a row only as a run of digits without units, after 零 in its
      canonical grammar, or as the spoken form's last digit after a unit (一万二);
    - holds only Chinese digits and units, ends with a unit, and has two of 十百千 side by
      side other than 百十 or 千十 (十百千万工程, 一百千万: a programme's name): cn2an puts a
      digit or 零 between two such units, or reads the pair as a unit of the spoken form,
      which ends in a digit; only 百十 and 千十 it rewrites (百一十, 千零一十)."""
    if "○" in text or "卅" in text:
        return True
    if len(text) >= 3 and text[-1] in _NONZERO_DIGITS and text[-2] in _NONZERO_DIGITS \
            and _CN_CHARS.issuperset(text) and not _CN_UNIT_CHARS.isdisjoint(text):
        return True
    if len(text) >= 2 and text[-1] in _CN_UNIT_CHARS and _UNITS_SIDE_BY_SIDE.search(text) \
            and _CN_CHARS.issuperset(text):
        return True
    if len(text) >= 2 and text[-2] in "万亿" and text[-1] in "千仟百佰万亿" and text[-2:] != "万亿" \
            and "点" not in text:
        return True
    return (bool(text) and text[0] in "百佰千仟万亿" and text[-1] in _UNIT_VALUE
            and all(ch in _UNIT_VALUE or ch in _CN_DIGIT or ch in _ALTERNATE_DIGITS for ch in text))


def canonical_words(n: int) -> str:
    """The canonical Chinese wording of 0 < n < 10^16: 三千二百零六万, 十五, 一亿零五十, 二万八千亿."""
    out, gap = "", False
    for part, unit in ((n // 100_000_000, "亿"), (n // 10_000 % 10_000, "万"), (n % 10_000, "")):
        if not part:
            gap = gap or bool(out)
            continue
        if out and (gap or part < 1000):
            out += "零"
        gap = False
        if part >= 10_000:  # 亿 counted in 万: 二万八千亿
            out += canonical_words(part) + unit
            continue
        words, zero = "", False
        for place, name in _PLACES:
            digit = part // place % 10
            if not digit:
                zero = zero or bool(words)
                continue
            if zero:
                words += "零"
                zero = False
            words += _DIGIT_CN[digit] + name
        out += words + unit
    return out[1:] if out.startswith("一十") else out


def _arabic_value(text: str) -> float | None:
    if len(text) > MAX_NUMERAL_CHARS:
        return None
    try:
        return float(text.translate(_FULLWIDTH).translate(_UNGROUP))
    except ValueError:
        return None


# Built by one C call that fills the slots (gongwen.slotted): every field given, in order.
_numeral = positional(Numeral)


# Every character of a _NUMERAL match is one of _IN (百分之, 点, the digits and separators), and
# every match starts with one of _STARTS. So each match lies inside one maximal run of _IN
# characters that begins with one of _STARTS: _RUNS finds those runs with stdlib re at C speed
# (the `regex` scan tried _NUMERAL at every character: 43 ns a character), and _NUMERAL runs only
# inside them. Two kinds of run need no _NUMERAL at all (they are most numerals in prose):
#   d (group 1): ASCII digits only, not after . or ．: _NUMERAL's "ar" branch matches exactly the
#      run (its lookbehind holds; nothing after the run can extend it), a plain Arabic integer.
#   c (group 2): Chinese digits and units only: no 分 for "pct", no digit for "ar", so "cn"
#      matches exactly the run, with no 点 part and no cn_tail.
# Two more are read without it (3,128 of the 5,104 other runs of the 1,000 files):
#   m (group 3): ASCII digits, at most one point with digits after it, then only 万 and 亿
#      (16.8, 500万, 7.4万亿), not after . or ．: "ar" matches exactly the run, the 万亿 as its
#      ar_tail (no space, comma or full-width digit for the other branches to take).
#   p (group 4): 百分之 then Chinese digits and units, at most one 点 with Chinese digits after it
#      (百分之九十五点三): "pct" comes first in _NUMERAL and its pct_cn takes the rest, greedily,
#      as the possessive runs here do.
# _RUNS starts with a character class so that re skips to candidate characters at C speed (and
# the compiled finder of class_routes to the first run); the lookbehinds only re-read the run's
# first character to choose the branch.
# The character before a run is never one of _STARTS (it would have begun or continued a run),
# and the character after it is never one of _IN, so no match crosses a run's ends; _NUMERAL's
# lookbehind still sees the text before the run (pos does not hide it). Possessive runs and
# one-character lookarounds keep the scan linear. tests/analysis/test_quantities.py compares
# with the plain finditer scan.
_STARTS = f"0-9０-９{CN_DIGITS}{CN_UNITS}"
# Every numeral starts with one of these (a character class's body): a rule's gate may ask for one
# right after a word it needs before a number.
NUMERAL_FIRST = _STARTS
_IN = f"{_STARTS}.．,点分之{GROUP_SPACES}"
# Every character of a numeral is one of these (a character class's body): a numeral lies inside
# one run of them (_RUNS), so a gate may ask for a run of them after a numeral's first character.
NUMERAL_CHARS = _IN
_CN = CN_DIGITS + CN_UNITS
_RUNS = class_route(pattern_cache.re_compile(
    rf"[{_STARTS}](?:(?<=[0-9])([0-9]*+)(?![{_IN}])|(?<=[{_CN}])([{_CN}]*+)(?![{_IN}])"
    rf"|(?<=[0-9])([0-9]*+(?:\.[0-9]++)?[万亿]*+)(?![{_IN}])"
    rf"|(?<=百)(分之[{_CN}]++(?:点[{CN_DIGITS}]++)?)(?![{_IN}])|[{_IN}]*+)"))


def _from_match(m: "regex.Match[str]", text: str) -> Numeral:
    """The Numeral of one _NUMERAL match in ``text``."""
    start, end = m.span()
    span = m.group()
    fullwidth = not _FULLWIDTH_CHARS.isdisjoint(span)
    which = m.lastgroup  # the group closed last: pct_cn, pct_ar, ar or cn
    if which == "ar":
        grouped = "," in span or m.group("sep") is not None
        tail = m.group("ar_tail")
        if tail:
            head = span[: len(span) - len(tail)].translate(_FULLWIDTH).translate(_UNGROUP)
            # GB/T 15835 lets Arabic digits take 万 and 亿 (10亿零817万); 十百千 make it mixed.
            kind = "arabic" if _MIXING_UNITS.isdisjoint(tail) else "mixed"
            if _MULTIPLIERS.issuperset(tail):  # 1.5万亿: cn2an reads no decimal before two units
                value = _arabic_value(head)
                for place in tail:
                    value = value * _MULTIPLIER[place] if value is not None else None
            else:
                value = chinese_value(head + tail.translate(_FULLWIDTH))
        elif fullwidth or len(span) > MAX_NUMERAL_CHARS or grouped:
            kind, value = "arabic", _arabic_value(span)
        else:
            # ASCII digits with at most one decimal point: what _arabic_value would give.
            kind, value = "arabic", float(span)
        percent = end < len(text) and text[end] in "%％"
        return _numeral(start, end, span, kind, value, percent, fullwidth, grouped, False)
    if which == "cn":
        kind = "mixed" if m.group("cn_tail") else "chinese"
        return _numeral(start, end, span, kind, chinese_value(span), False, False, False, False)
    number = m.group(which)  # pct_cn or pct_ar
    value = chinese_value(number) if which == "pct_cn" else _arabic_value(number)
    kind = "chinese" if which == "pct_cn" else "mixed"
    return _numeral(start, end, span, kind, value, True, fullwidth, False, True)


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral of ``text``, left to right."""
    return _numerals_of_runs(text, _RUNS.finditer(text))


# _IN's characters (its 0-9 and ０-９ are ranges): a run is the part of a maximal stretch of them
# from its first character in _STARTS on. tests/analysis/test_quantities.py checks the two agree.
_IN_CHARS = frozenset("0123456789０１２３４５６７８９" + CN_DIGITS + CN_UNITS + ".．,点分之" + GROUP_SPACES)
# Every character a numeral can hold (NUMERAL_CHARS' characters, one by one).
NUMERAL_CHAR_SET = _IN_CHARS


def numerals_in_runs_at(text: str, places: Iterable[int]) -> list[Numeral]:
    """The numerals find_numerals gives in the runs that hold ``places`` (ascending), left to
    right: a rule that needs only the numerals around a few places it has found (each a
    character in NUMERAL_FIRST) reads those runs, not every numeral of the text; for a place in
    no run, the next run after it is read. A run holding a place starts at the first character
    in _STARTS of the stretch of _IN characters around it (the character before the stretch is
    in no run), so _RUNS finds it from there as it does in the whole text; each stretch is
    walked back once (a place inside the last run read is skipped): linear."""
    runs = []
    end = 0
    for place in places:
        if place < end:
            continue
        start = place
        while start > end and text[start - 1] in _IN_CHARS:
            start -= 1
        run = _RUNS.search(text, start)
        if run is None:
            break
        runs.append(run)
        end = run.end()
    return _numerals_of_runs(text, runs)


def _numerals_of_runs(text: str, runs: Iterable["re.Match[str]"]) -> list[Numeral]:
    """The numerals of each of ``runs`` (matches of _RUNS in ``text``), in order."""
    found = []
    append = found.append
    n = len(text)
    match, finditer = _NUMERAL.match, _NUMERAL.finditer
    for r in runs:
        start, end = r.span()
        run = r.lastindex
        if run == 1 and not (start and text[start - 1] in ".．"):
            # d: as the "ar" branch below gives it, with no tail, comma or full-width digit
            span = r.group()
            value = float(span) if end - start <= MAX_NUMERAL_CHARS else None
            append(_numeral(start, end, span, "arabic", value, end < n and text[end] in "%％",
                            False, False, False))
            continue
        if run == 2:  # c: as the "cn" branch below gives it, with no cn_tail
            span = r.group()
            append(_numeral(start, end, span, "chinese", chinese_value(span), False, False, False, False))
            continue
        if run == 3 and not (start and text[start - 1] in ".．"):
            # m: as the "ar" branch gives it, _arabic_value of the digits times each of 万 亿
            span = r.group()
            head = span.rstrip("万亿")
            value = float(head) if len(head) <= MAX_NUMERAL_CHARS else None
            for place in span[len(head):]:
                value = value * _MULTIPLIER[place] if value is not None else None
            append(_numeral(start, end, span, "arabic", value, end < n and text[end] in "%％",
                            False, False, False))
            continue
        if run == 4:  # p: as the "pct" branch gives it for pct_cn
            span = r.group()
            append(_numeral(start, end, span, "chinese", chinese_value(span[3:]), True, False, False, True))
            continue
        m = match(text, start)
        for m in (m,) if m is not None and m.end() == end else finditer(text, start, end):
            append(_from_match(m, text))
    return found


_FIRST_CHARS = frozenset("0123456789０１２３４５６７８９" + CN_DIGITS + CN_UNITS)  # NUMERAL_FIRST's


# Readers of percents only (NUM008, NUM014) read these rather than every numeral of a unit:
# where they read, a unit holds 12 numerals on average and 2 or 3 percents (the 1,000 files).
def percent_numerals(text: str) -> list[Numeral] | None:
    """The numerals find_numerals gives in the runs that hold a percent (left to right, equal
    to its own): every numeral whose ``percent`` is true ends right before a % or ％, and every
    one ``in_words`` starts at 百分之's 百, so the runs holding those characters hold them all.
    None where the signs and 百分之 stand closer than one in _DENSE characters: the whole
    text's numerals are then cheaper to read. tests/analysis/test_percent_numerals.py compares with the whole list."""
    if (text.count("%") + text.count("％") + text.count("百分之")) * _DENSE > len(text):
        return None
    return numerals_in_runs_at(text, percent_places(text))


def percent_places(text: str) -> list[int]:
    """Where a percent's numeral may end or start, ascending: the character before each % and
    ％ and the 百 of each 百分之, where it may begin a numeral (_FIRST_CHARS). Found by str.find
    for each of the three marks: ``re`` searched their alternation ([%％]|百分之) at ~190
    instructions a character of CJK text (35 M over the speed benchmark's 723 paragraphs with a
    sign). The marks share no character, so their places are distinct and none is inside
    another; a sign's place is the character before it, never the 百 of a 百分之 (whose next
    character is 分): the places sorted are in the marks' order. tests/analysis/
    test_percent_numerals.py compares with the alternation's matches."""
    places = []
    append, find = places.append, text.find
    for mark, back in _PERCENT_MARK_BACK:
        at = find(mark)
        while at != -1:
            place = at - back
            if place >= 0 and text[place] in _FIRST_CHARS:
                append(place)
            at = find(mark, at + 1)
    places.sort()
    return places


# Each mark and how far before it its numeral's place is (the sign's numeral ends right before
# it, a 百分之 numeral starts at its 百).
_PERCENT_MARK_BACK = (("%", 1), ("％", 1), ("百分之", 0))


# Places closer than one in this many characters are read as the whole text: a run found from a
# place costs a Python step, the whole text's runs one C scan (a megabyte of 120% read place by
# place, then looked back from each percent, took 1.7x the time of reading every numeral).
_DENSE = 16


def percents_in(doc: Document, unit: TextUnit, reach: int = 0, over: float = 0.0) -> list[Numeral]:
    """The numerals of ``unit`` a reader of its percents needs, computed once per document
    however many rules ask: every numeral (find_numerals' own list) if a reader has read them
    all or the percents are dense, else its percent_numerals; with ``reach``, also the numerals
    ending within ``reach`` characters before a percent over ``over`` (with_leads)."""
    whole = doc.unit_memo_held(find_numerals, unit)
    if whole is None:
        percents = doc.unit_memo(percent_numerals, unit, unit.text)
        if percents is not None:
            return with_leads(unit.text, percents, reach, over) if reach else percents
        whole = numerals_in(doc, unit)
    return whole


def with_leads(text: str, found: list[Numeral], reach: int, over: float) -> list[Numeral]:
    """``found`` (numerals of whole runs of ``text``, as percent_numerals gives) and, before each
    percent in it whose value exceeds ``over``, every numeral ending within ``reach`` characters
    of its start (its last character is in NUMERAL_FIRST, so its run is read): for a reader that
    looks that far back from such a percent for the number before it (NUM008), each of them has
    the neighbour before it that the whole list gives, when that one ends within reach. Each
    character is looked at once, and not inside a numeral of ``found`` (a megabyte of 120% is
    not read again, nor forty times over); a run read twice gives the same numerals, kept once."""
    leads, covered, k = [], 0, 0
    for n in found:
        if n.percent and n.value is not None and n.value > over:
            place = max(covered, n.start - reach)
            while place < n.start:
                while found[k].end <= place:  # found[k]: the first numeral ending after place
                    k += 1
                if found[k].start <= place:
                    place = found[k].end  # read already
                    continue
                if text[place] in _FIRST_CHARS:
                    leads.append(place)
                place += 1
            covered = n.start
    if not leads:
        return found
    by_start = {m.start: m for m in numerals_in_runs_at(text, leads)}
    by_start.update((m.start, m) for m in found)
    return [by_start[start] for start in sorted(by_start)]


def numerals_in(doc: Document, unit: TextUnit) -> list[Numeral]:
    """The numerals of one unit, computed once per document however many rules ask."""
    return doc.unit_memo(find_numerals, unit, unit.text)
