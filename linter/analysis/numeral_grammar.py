"""cn2an's smart-mode reading of a Chinese numeral, without importing cn2an.

``numerals.plain_value`` reads the canonical wordings and ``numerals.refused`` tells the
commonest strings cn2an refuses; everything else went to cn2an, whose import compiles its
grammar in ``re`` (~0.07 CPU s: every class of CJK digits is a 64K bitmap built in Python),
for wordings reports do write: 二百十七 (no 一 before 十), 十亿零七千万 (a 零 cn2an's grammar
allows), 一万二 (the spoken form), 1万6千, 一百08, and 一亿一千 (refused: after 亿, 千
without 万 or 零). Here the same steps run over the characters cn2an reads, each character
first coded as one ASCII letter of its class (壹 and 一 are ``1``, 十 and 拾 ``s``): cn2an's
grammar is a regular expression whose classes are unions of those classes, so the same
expression over the letters matches exactly the same strings and compiles in a few
milliseconds, once, on first use.

Covered (``covers``): Chinese digits (零〇 and 一-九 with 壹幺 两贰 …) and units 十-亿 with
their financial forms, and among them runs of Arabic digits, which cn2an turns into Chinese
digit by digit when the run is led by 0 (``08`` is 零八) and otherwise writes out with an2cn
(``40万3``: 四十万三), whose wording below 10^8 is ``numerals.canonical_words``. Anything
else — 点, 负, 仨 (in cn2an's grammar, not its tables), 廿, full-width forms other than
digits, a run of nine digits or more — is left to cn2an. tests/analysis/test_numeral_grammar.py
compares ``smart_value`` with cn2an on every covered string it generates.
"""
from __future__ import annotations

from gongwen.analysis import lazy_regex

# Each character cn2an reads (its NUMBER_CN2AN and UNIT_CN2AN) as the letter of its class. 零
# and 〇 differ: cn2an rewrites 零十 but not 〇十. 十/拾 and 百/佰 are one class each, as in
# cn2an's grammar; where cn2an tells them apart (its rewriting of 零百 before anything else),
# that is done on the text itself.
_DIGIT_CLASSES = ("", "一壹幺", "二贰两", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖")
_CODES = str.maketrans({
    "零": "z", "〇": "o", **{ch: str(value) for value, chars in enumerate(_DIGIT_CLASSES) for ch in chars},
    "十": "s", "拾": "s", "百": "b", "佰": "b", "千": "q", "仟": "q", "万": "w", "亿": "y",
})
_CHINESE = frozenset("零〇一壹幺二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿")
_UNITS = frozenset("十拾百佰千仟万亿")
_ARABIC = "0123456789"
_HALF = str.maketrans("０１２３４５６７８９", _ARABIC)  # cn2an's full-width to half-width step
_DIGIT_WORD = "零一二三四五六七八九"
_DIGIT = {code: value for value, code in enumerate("0123456789")} | {"z": 0, "o": 0}
_UNIT = {"s": 10, "b": 100, "q": 1000, "w": 10_000, "y": 100_000_000}
# cn2an's UNIT_LOW_AN2CN: the unit the spoken form's last digit stands in (一万二: 千). 十 and
# 亿 have none there (10 // 10 and 10^8 // 10 are no keys): cn2an fails with KeyError.
_UNIT_BELOW = {"b": "s", "q": "b", "w": "q"}


def _integer_pattern() -> str:
    """cn2an's normal-mode integer grammar (``Cn2An.__get_pattern``), built the same way over
    the letters."""
    _0 = "[zo]"
    _1_9 = "[1-9]"
    _10_99 = f"{_1_9}?s{_1_9}?"
    _10_99_with_one = f"{_1_9}s{_1_9}?"
    _1_99 = f"({_10_99}|{_1_9})"
    _100_999 = f"({_1_9}b({_0}{_1_9})?|{_1_9}b{_10_99_with_one})"
    _1_999 = f"({_100_999}|{_1_99})"
    _1000_9999 = f"({_1_9}q({_0}{_1_99})?|{_1_9}q{_100_999})"
    _1_9999 = f"({_1000_9999}|{_1_999})"
    _10000_99999999 = f"({_1_9999}w({_0}{_1_999})?|{_1_9999}w{_1000_9999})"
    _1_99999999 = f"({_10000_99999999}|{_1_9999})"
    _100000000_9999999999999999 = f"({_1_99999999}y({_0}{_1_99999999})?|{_1_99999999}y{_10000_99999999})"
    _1_9999999999999999 = f"({_100000000_9999999999999999}|{_1_99999999})"
    return f"({_0}|{_1_9999999999999999})"


_INTEGER = lazy_regex.stdlib(_integer_pattern())
_ALL_DIGITS = lazy_regex.stdlib("[zo0-9]+")
_SPOKEN = lazy_regex.stdlib("([zo0-9]{0,2}[sbqwy])+[zo0-9]")
# cn2an's normalisation, in its order: 万零 before a thousand, 零 after 万/亿 before tens or
# hundreds and after 千 before tens, 一 between 百 and 十.
_ZERO_BEFORE_THOUSAND = lazy_regex.stdlib("(w)z(?=[zo0-9]q)")
_BIG_UNIT_MISSING_ZERO = lazy_regex.stdlib("([wy])([zo0-9][sb])")
_THOUSAND_MISSING_ZERO = lazy_regex.stdlib("(q)([zo0-9]?s)")
_UNIT_MISSING_ONE = lazy_regex.stdlib("(b)(s)")


# Digits of a run worded here: below 10^8 an2cn's wording is numerals.canonical_words; above,
# an2cn leaves out the 零 after 亿 before a thousand (七亿九千 for 700,009,000).
_LONGEST_WORDED_RUN = 8


def _worded(n: int) -> str:
    from gongwen.analysis.numerals import canonical_words  # numerals imports this module

    return canonical_words(n)


def _with_words(text: str) -> str | None:
    """``text`` as cn2an has it before its grammar: full-width digits half-width, 零十 and 零百
    with their 一, Arabic runs in Chinese digits; None outside what this module covers."""
    text = text.translate(_HALF).replace("零十", "零一十").replace("零百", "零一百")
    if not text:
        return None
    words, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _CHINESE:
            words.append(ch)
            i += 1
            continue
        if ch not in _ARABIC:
            return None
        j = i + 1
        while j < n and text[j] in _ARABIC:
            j += 1
        if j - i == 1 or ch == "0":  # cn2an copies a run led by 0 digit by digit (08: 零八)
            words.extend(_DIGIT_WORD[int(d)] for d in text[i:j])
        elif j - i <= _LONGEST_WORDED_RUN:
            words.append(_worded(int(text[i:j])))  # its an2cn: 40 is 四十
        else:
            return None
        i = j
    head = text[:-1] if text[-1] in _UNITS else text
    if head and all(ch in _ARABIC for ch in head):
        return None  # 12, 5万: cn2an reads these before its grammar (numerals.plain_value does)
    return "".join(words)


def covers(text: str) -> bool:
    """Whether ``smart_value(text)`` is cn2an's smart reading of ``text``."""
    return _with_words(text) is not None


def smart_value(text: str) -> float | None:
    """``float(cn2an.cn2an(text, "smart"))``, None where cn2an refuses ``text`` (ValueError or
    KeyError); for a ``text`` that ``covers``."""
    codes = _with_words(text).translate(_CODES)
    codes = _ZERO_BEFORE_THOUSAND.sub(r"\1", codes)
    codes = _BIG_UNIT_MISSING_ZERO.sub(r"\1z\2", codes)
    codes = _THOUSAND_MISSING_ZERO.sub(r"\1z\2", codes)
    codes = _UNIT_MISSING_ONE.sub(r"\g<1>1\2", codes)
    codes = codes.replace("zs", "z1s")
    if _INTEGER.fullmatch(codes):
        return float(_sum_of_units(codes))
    if _ALL_DIGITS.fullmatch(codes):
        return float(int("".join(str(_DIGIT[c]) for c in codes)))
    spoken = _SPOKEN.fullmatch(codes) if len(codes) >= 3 else None
    if spoken is None:
        return None
    below = _UNIT_BELOW.get(spoken.group(1)[-1])
    return None if below is None else float(_sum_of_units(codes + below))


def _sum_of_units(codes: str) -> int:
    """cn2an's ``__integer_convert``: digits times the unit in force, from the last character."""
    total, unit, big = 0, 1, 1
    last = len(codes) - 1
    for index, c in enumerate(reversed(codes)):
        if c in _DIGIT:
            total += _DIGIT[c] * unit
            continue
        unit = _UNIT[c]
        if unit % 10_000 == 0:
            if unit > big:
                big = unit
            else:  # 万亿
                big = unit = unit * big
        if unit < big:
            unit *= big
        if index == last:
            total += unit
    return total
