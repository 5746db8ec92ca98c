"""cn2an's grammar of a Chinese integer (its "normal" mode), recognized without compiling it.

cn2an builds this grammar as one regular expression by pasting each rule's text into the next:
9,643 characters, which stdlib ``re`` compiles in ~24 ms, the first time a process reads a
numeral that gongwen.analysis.numerals.plain_value cannot (1万6千, 四百十一, 十亿零七千万: a
few in any thousand reports). ``NormalInteger`` answers the pattern's one question —
``search(text)``, a match of the whole text or None — by the same rules read as a grammar, each
rule the set of places where it can end (the strings are at most a few dozen characters).

It stands in only for the pattern it was written from: ``stands_for`` compares the pattern's
text with the SHA-256 of that of the cn2an it was checked against, and any other text (another
version's grammar) is compiled as before. tests/analysis/test_cn2an_grammar.py compares the
two on every canonical wording up to 30,000, random numbers to 10^16 in each character variant,
and random strings of the grammar's characters.
"""
from __future__ import annotations

from functools import lru_cache

# cn2an 0.5.24's Cn2An.pattern_dict["normal"]["int"].pattern, hashed.
_NORMAL_INTEGER_SHA256 = "cec61dfd7709659df6085b9fc8684a7cb801a50fc54800a3cc223c6e96836384"


def stands_for(pattern: str) -> bool:
    """Whether ``pattern`` is the text of the grammar NormalInteger recognizes."""
    import hashlib  # (2 ms of OpenSSL's import: paid only when the reader is built)

    return len(pattern) > 1000 and hashlib.sha256(pattern.encode()).hexdigest() == _NORMAL_INTEGER_SHA256


# The grammar's terminals: 零 (Z), a digit 1-9 (D), 十 (S), 百 (B), 千 (Q), 万 (W), 亿 (Y).
_TOKEN_OF_KEY = {"零": "Z", "十": "S", "百": "B", "千": "Q", "万": "W", "亿": "Y"}


class _Whole:
    """What the pattern's match gives cn2an: the whole text (``group()``)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def group(self) -> str:
        return self.text


class NormalInteger:
    """``^(Z|big|1_99999999)$`` of cn2an's grammar, each character read through ``variants``
    (cn2an's NORMAL_CN_NUMBER: a canonical character -> the characters the pattern accepts for
    it, 一 -> 一壹幺)."""

    def __init__(self, variants: dict[str, str]) -> None:
        self._token = {ch: _TOKEN_OF_KEY.get(key, "D") for key, chars in variants.items() for ch in chars}

    def search(self, text: str) -> _Whole | None:
        tokens = "".join(self._token.get(ch, "?") for ch in text)
        ends = _ends("int", tokens, 0)
        if len(tokens) in ends:
            return _Whole(text)
        # the pattern's $ also matches before a last line break (cn2an never passes one)
        return _Whole(text[:-1]) if text.endswith("\n") and len(tokens) - 1 in ends else None


# Each rule: alternatives of items, an item a terminal, a rule's name, or (optional items).
_RULES = {
    "10_99": [[("D",), "S", ("D",)]],
    "10_99_with_one": [["D", "S", ("D",)]],
    "1_99": [["10_99"], ["D"]],
    "100_999": [["D", "B", ("Z", "D")], ["D", "B", "10_99_with_one"]],
    "1_999": [["100_999"], ["1_99"]],
    "1000_9999": [["D", "Q", ("Z", "1_99")], ["D", "Q", "100_999"]],
    "1_9999": [["1000_9999"], ["1_999"]],
    "10000_99999999": [["1_9999", "W", ("Z", "1_999")], ["1_9999", "W", "1000_9999"]],
    "1_99999999": [["10000_99999999"], ["1_9999"]],
    "big": [["1_99999999", "Y", ("Z", "1_99999999")], ["1_99999999", "Y", "10000_99999999"]],
    "int": [["Z"], ["big"], ["1_99999999"]],
}


@lru_cache(maxsize=4096)
def _ends(rule: str, tokens: str, start: int) -> frozenset[int]:
    """Where a match of ``rule`` starting at ``start`` of ``tokens`` can end."""
    found: set[int] = set()
    for items in _RULES[rule]:
        found |= _sequence_ends(items, tokens, start)
    return frozenset(found)


def _sequence_ends(items, tokens: str, start: int) -> set[int]:
    places = {start}
    for item in items:
        after: set[int] = set()
        for at in places:
            if isinstance(item, tuple):  # optional: skipped, or every item in turn
                after.add(at)
                after |= _sequence_ends(list(item), tokens, at)
            elif item in _RULES:
                after |= _ends(item, tokens, at)
            elif at < len(tokens) and tokens[at] == item:
                after.add(at + 1)
        if not after:
            return after
        places = after
    return places
