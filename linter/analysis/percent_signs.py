"""The numbers written right before the % and ％ signs of a text, read without the numeral layer.

A rule that needs a percent over 100 (NUM008) or shares that add up to more than 100 (CON004)
tells most units from these: the signs of most units follow plain numbers (12.5%, 100%), and
then the unit's numerals and figures need not be read. A numeral that ends at a sign lies inside
the run of numeral characters before it (gongwen.analysis.numerals); a run of digits with at
most one point is that numeral whole (a number starts neither after a digit nor after a point).
Any other run (1,200%, 五十%, 3万%, .5%) and 百分之, which has no sign, are left to the layer.
tests/analysis/test_percent_signs.py compares with the numeral layer.
"""
from __future__ import annotations


from gongwen.analysis.numerals import NUMERAL_CHAR_SET
from gongwen.analysis import pattern_cache

_PLAIN_DECIMAL = pattern_cache.re_compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")
_RUN_CHARS = "".join(sorted(NUMERAL_CHAR_SET))  # str.rstrip's argument


def numbers_before_signs(text: str) -> list[float] | None:
    """The value of the number right before each sign of ``text`` that has one (last sign first);
    None when one is not written as plain digits with at most one point, or the text says 百分之.

    The text is cut at its signs (neither sign is a numeral character), and the run before a
    sign is the end of the piece before it that str.rstrip takes off: C's pace throughout,
    where a pattern on the reversed text tested each character after the first sign (~65
    instructions a character of CJK text; the reading was 17 M instructions of the speed
    benchmark's first 400 files). tests/analysis/test_percent_signs.py compares with it."""
    if "百分之" in text:
        return None
    pieces = text.replace("％", "%").split("%")
    values = []
    for k in range(len(pieces) - 2, -1, -1):  # the piece after the last sign stands before none
        piece = pieces[k]
        run = piece[len(piece.rstrip(_RUN_CHARS)):]
        if not run:
            continue  # no number right before this sign
        if not _PLAIN_DECIMAL.fullmatch(run):
            return None
        values.append(float(run.translate(_TO_ASCII)))
    return values
