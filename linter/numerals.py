"""The numeral layer: every number in a text unit, with its span and its value.

Rules ask this module for numbers instead of re-parsing them. Arabic (``2.9万``, ``3,206``,
``１２``), Chinese (``二〇二五``, ``三千二百零六万``, ``百分之九十五``), and mixed (``4千``,
``1百零8``, ``一百08``) numerals are found with one linear regex; each span's value comes from
cn2an called on that span alone — never on the whole text, whose length cn2an's transform
changes, which would destroy offsets. cn2an is imported lazily: it builds its converters at
import time, and most files contain no Chinese numeral a rule asks the value of.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from gongwen.document import Document, TextUnit

CN_DIGITS = "〇零○一二三四五六七八九两壹贰叁肆伍陆柒捌玖"
CN_UNITS = "十百千万亿拾佰仟廿卅"
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_FULLWIDTH_CHARS = frozenset("０１２３４５６７８９．")
_MIXING_UNITS = frozenset("十百千")

_NUMERAL = regex.compile(
    rf"""
      (?P<pct>百分之)
        (?:(?P<pct_cn>[{CN_DIGITS}{CN_UNITS}]+(?:点[{CN_DIGITS}]+)?)
          |(?P<pct_ar>[0-9０-９]+(?:[.．][0-9０-９]+)?))
    | (?P<ar>
        (?<![0-9０-９.．])
        [0-9０-９]+(?:,[0-9]{{3}})*(?:[.．][0-9０-９]+)?
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
    grouped: bool = False  # has a thousands separator, 3,206
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
    import cn2an  # lazy: see the module docstring

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError):
        # 百人, 千余, 近万人: a bare unit character means one of it (cn2an wants 一百).
        # Not 亿: 亿元以上项目 names a size class, not one hundred million.
        if text[0] in "百千万":
            return chinese_value("一" + text)
        return None
    return float(value)


def _arabic_value(text: str) -> float | None:
    if len(text) > MAX_NUMERAL_CHARS:
        return None
    try:
        return float(text.translate(_FULLWIDTH).replace(",", ""))
    except ValueError:
        return None


def find_numerals(text: str) -> list[Numeral]:
    found = []
    append = found.append
    n = len(text)
    for m in _NUMERAL.finditer(text):
        start, end = m.span()
        span = m.group()
        fullwidth = not _FULLWIDTH_CHARS.isdisjoint(span)
        which = m.lastgroup  # the group closed last: pct_cn, pct_ar, ar or cn
        if which == "ar":
            tail = m.group("ar_tail")
            if tail:
                head = span[: len(span) - len(tail)].translate(_FULLWIDTH).replace(",", "")
                # GB/T 15835 lets Arabic digits take 万 and 亿 (10亿零817万); 十百千 make it mixed.
                kind = "arabic" if _MIXING_UNITS.isdisjoint(tail) else "mixed"
                value = chinese_value(head + tail.translate(_FULLWIDTH))
            elif fullwidth or len(span) > MAX_NUMERAL_CHARS or "," in span:
                kind, value = "arabic", _arabic_value(span)
            else:
                # ASCII digits with at most one decimal point: what _arabic_value would give.
                kind, value = "arabic", float(span)
            percent = end < n and text[end] in "%％"
            append(Numeral(start, end, span, kind, value, percent, fullwidth, "," in span))
        elif which == "cn":
            kind = "mixed" if m.group("cn_tail") else "chinese"
            append(Numeral(start, end, span, kind, chinese_value(span)))
        else:  # pct_cn or pct_ar
            number = m.group(which)
            value = chinese_value(number) if which == "pct_cn" else _arabic_value(number)
            kind = "chinese" if which == "pct_cn" else "mixed"
            append(Numeral(start, end, span, kind, value, True, fullwidth, False, True))
    return found


def numerals_in(doc: Document, unit: TextUnit) -> list[Numeral]:
    """The numerals of one unit, computed once per document however many rules ask."""
    # One table per document, keyed by the unit: rules ask for every unit's numerals over and
    # over, and building a string key and a closure on each ask cost more than the lookup.
    table = doc.memo("numerals", dict)
    key = (unit.index, unit.start)
    found = table.get(key)
    if found is None:
        found = table[key] = find_numerals(unit.text)
    return found
