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


from gongwen.analysis.class_routes import class_route
from gongwen.analysis.numerals import NUMERAL_CHARS
from gongwen.analysis import pattern_cache

# The run before each sign, read on the reversed text so that the pattern opens with the sign
# (the compiled finder of class_routes skips to the first one, re iterates from there: the text
# after the last sign is not read by re); possessive: the whole run, and no run is read twice.
_RUN_BEFORE_SIGN_REVERSED = class_route(pattern_cache.re_compile(rf"[%％]([{NUMERAL_CHARS}]*+)"))
_PLAIN_DECIMAL = pattern_cache.re_compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_TO_ASCII = str.maketrans("０１２３４５６７８９．", "0123456789.")


def numbers_before_signs(text: str) -> list[float] | None:
    """The value of the number right before each sign of ``text`` that has one (last sign first);
    None when one is not written as plain digits with at most one point, or the text says 百分之."""
    if "百分之" in text:
        return None
    values = []
    for run in _RUN_BEFORE_SIGN_REVERSED.findall(text[::-1]):
        if not run:
            continue  # no number right before this sign
        run = run[::-1]
        if not _PLAIN_DECIMAL.fullmatch(run):
            return None
        values.append(float(run.translate(_TO_ASCII)))
    return values
