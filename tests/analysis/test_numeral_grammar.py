"""numeral_grammar reads every string it covers exactly as cn2an's smart mode does."""
from __future__ import annotations

import random

import cn2an
import pytest

from gongwen.analysis import numeral_grammar
from gongwen.analysis.numerals import canonical_words

# Every character numeral_grammar covers, and a few it leaves to cn2an (点, 仨, 廿, ○, 萬).
ALPHABET = "〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟幺0123456789０５点仨廿○萬"
SWAPS = {"一": "壹幺1", "二": "贰两2", "三": "叁3", "四": "肆4", "五": "伍5", "六": "陆6", "七": "柒7",
         "八": "捌8", "九": "玖9", "十": "拾", "百": "佰", "千": "仟", "零": "〇0"}


def _cn2an_value(text: str) -> float | None:
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _mutated(rnd: random.Random, words: str) -> str:
    """A canonical wording changed the ways reports change it: a character dropped (二百十七,
    一万二), added (十亿零七千万) or swapped for its financial, colloquial or Arabic form (1万6千,
    一百08)."""
    chars = list(words)
    for _ in range(rnd.randint(1, 3)):
        op = rnd.random()
        i = rnd.randrange(len(chars) + 1)
        if op < 0.3 and len(chars) > 1:
            del chars[min(i, len(chars) - 1)]
        elif op < 0.55:
            chars.insert(i, rnd.choice("零一十百千万亿0" if rnd.random() < 0.8 else ALPHABET))
        elif chars:
            at = min(i, len(chars) - 1)
            chars[at] = rnd.choice(SWAPS.get(chars[at], chars[at]))
    return "".join(chars)


def _arabic_among_units(rnd: random.Random) -> str:
    """Arabic runs among Chinese units and digits, as reports mix them: 40万3, 12亿5千万, 3千05."""
    parts = []
    for _ in range(rnd.randint(1, 3)):
        if rnd.random() < 0.1:  # 亿 with an empty 万 section, where an2cn leaves out a 零
            parts.append(str(rnd.randrange(1, 10) * 10 ** rnd.randint(8, 11) + rnd.randrange(1000, 10_000)))
        elif rnd.random() < 0.6:
            parts.append(str(rnd.randrange(1, 10 ** rnd.randint(1, 12))).zfill(rnd.choice((1, 1, 1, 3))))
        else:
            parts.append(rnd.choice("一二三四五六七八九零两"))
        if rnd.random() < 0.8:
            parts.append(rnd.choice("十百千万亿拾佰仟") * rnd.choice((1, 1, 1, 2)))
    return "".join(parts)


def _texts(count: int) -> list[str]:
    rnd = random.Random("numeral-grammar")
    texts = []
    for k in range(count):
        if k % 4 == 0:
            texts.append("".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(1, 8))))
        elif k % 4 == 1:
            texts.append(_arabic_among_units(rnd))
        else:
            n = rnd.randrange(1, 10 ** rnd.randint(1, 16))
            texts.append(_mutated(rnd, canonical_words(n)))
    return texts


def _disagreements(count: int) -> tuple[list[str], int, int]:
    """The covered strings on which smart_value differs from cn2an, how many were covered and
    how many of those cn2an reads."""
    wrong, covered, read = [], 0, 0
    for text in _texts(count):
        if not numeral_grammar.covers(text):
            continue
        covered += 1
        expected = _cn2an_value(text)
        read += expected is not None
        if numeral_grammar.smart_value(text) != expected:
            wrong.append(text)
    return wrong, covered, read


def test_smart_value_is_cn2an_on_every_covered_string():
    """60,000 strings, one in four random, one in four Arabic runs among Chinese units (40万3,
    12亿5千万, 3千05), half a canonical number with a character dropped, added or swapped
    (二百十七, 十亿零七千万, 一万二, 1万6千, 一百08, 一亿一千): cn2an's reading or its refusal."""
    wrong, covered, read = _disagreements(60_000)
    assert wrong == []
    assert covered > 30_000 and read > 10_000  # the generator reaches both verdicts


@pytest.mark.parametrize("text, value", [
    ("二百十七", 217.0), ("四百十二万", 4_120_000.0), ("十亿零七千万", 1_070_000_000.0), ("一万二", 12_000.0),
    ("1万6千", 16_000.0), ("一百08", 108.0), ("二００", 200.0), ("一亿一千", None), ("一两百", None),
    ("40万3", 403_000.0),
    ("十一", 11.0), ("三十二", 32.0),
])
def test_wordings_reports_write(text, value):
    assert numeral_grammar.covers(text)
    assert numeral_grammar.smart_value(text) == value == _cn2an_value(text)


@pytest.mark.parametrize("text", ["十二点五", "负五", "仨", "廿一", "萬", "16万", "五123456789", "12", ""])
def test_what_cn2an_reads_otherwise_is_left_to_it(text):
    assert not numeral_grammar.covers(text)


@pytest.mark.parametrize("wrong", [
    ("_UNIT_MISSING_ONE", r"(b)(s)", r"\1\2"),  # 二百十七 read as 2×100 + 17 without cn2an's 一
    ("_ZERO_BEFORE_THOUSAND", r"(w)z(?=[zo0-9]q)", r"\g<0>"),  # 一万零五千 then refused
    ("_UNIT_BELOW", None, {"b": "s", "q": "b", "w": "q", "s": ""}),  # 十一万三 is cn2an's KeyError
    ("_LONGEST_WORDED_RUN", None, 12),  # 700009000万: an2cn words it 七亿九千, without the 零
])
def test_a_wrong_step_is_caught(monkeypatch, wrong):
    """The comparison can fail: a normalising step dropped or the spoken form's table widened."""
    from gongwen.analysis import lazy_regex

    name, pattern, replacement = wrong
    if pattern is None:
        monkeypatch.setattr(numeral_grammar, name, replacement)
    else:
        class Substitute:
            def __init__(self):
                self._compiled = lazy_regex.stdlib(pattern)

            def sub(self, _, text):
                return self._compiled.sub(replacement, text)

        monkeypatch.setattr(numeral_grammar, name, Substitute())
    assert _disagreements(6_000)[0]

