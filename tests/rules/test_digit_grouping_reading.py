"""NUM006 reads each large integer's digits without translating a numeral that holds no
full-width character, and asks han_runs.is_han, not a `regex` class, whether a Han character or
% follows it (issue 18 item 4: 1 MB of 于202431在 holds 87,000 such numerals). Both must pick
exactly the numerals the plain reading picked, on random documents of every kind of digit."""
from __future__ import annotations

import random

import pytest
import regex

from gongwen.document import Document
from gongwen.rules import numbers

_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HAN_OR_PERCENT = regex.compile(r"[\p{Han}%]")


def _plain_style(doc, translate_all: bool = True):
    """_grouping_style as it read before: every numeral translated, the next character matched
    against [\\p{Han}%]."""
    grouped, plain = [], []
    for unit in doc.units:
        text = unit.text
        for n in numbers.numerals_in(doc, unit):
            if n.kind != "arabic" or n.value is None or len(n.text) < 5:
                continue
            head = numbers._DIGITS_HEAD.match(n.text.translate(_TO_ASCII) if translate_all else n.text)
            digits = head.group().replace(",", "") if head else ""
            if len(digits) < 5 or "." in n.text:
                continue
            nxt = text[n.end:n.end + 1]
            if not _HAN_OR_PERCENT.match(nxt) or nxt in "年号":
                continue
            if not numbers.read_quantity(text, n).unit:
                continue
            (grouped if n.grouped else plain).append((unit.index, n.start))
    return grouped, plain


def _documents(count: int) -> list[Document]:
    rnd = random.Random("digit-grouping-reading")
    pieces = ["12500", "32,060", "１２５００", "１２,５００", "202431", "12345.6", "１２３４５．６", "1 234 567", "人", "户",
              "%", "％", "年", "号", "a", "𠀀", "〇", "，", "\n", "于", "在", "0", "9", ",", "．", "。", " "]
    return [Document(f"r{i}.txt", "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))))
            for i in range(count)]


def _key(style):
    return tuple([(u.index, n.start) for u, n in side] for side in style)


def test_the_numerals_read_are_the_plain_readings():
    """Both styles as the plain readings give them; in a document without a grouped number,
    where NUM006 has nothing to report, the plain ones may be left unread."""
    docs = _documents(4_000)
    picked = skipped = 0
    for doc in docs:
        grouped, plain = _plain_style(doc)
        found = _key(numbers._grouping_style(doc))
        if grouped:
            assert found == (grouped, plain), doc.text
        else:
            assert found in (([], plain), ([], [])), doc.text
            skipped += bool(plain) and found == ([], [])
        picked += len(grouped) + len(plain)
    assert picked > 1_000  # the documents hold numerals of both styles, with a unit, often
    assert skipped > 100  # and plain ones alone, which are not read


def test_a_reading_that_never_translates_is_caught():
    differs = [doc for doc in _documents(1_000) if _plain_style(doc, translate_all=False) != _plain_style(doc)]
    assert differs


@pytest.mark.parametrize("ch", ["人", "〇", "𠀀", "%", "a", "％", "", "，"])
def test_the_next_character_test_answers_as_the_han_class(ch):
    from gongwen.analysis.han_runs import is_han

    assert (ch == "%" or bool(ch and is_han(ch))) == bool(_HAN_OR_PERCENT.match(ch))
