"""The built-in rules of gongwen-lint, loaded through the ``gongwen.rules`` entry point."""
from __future__ import annotations


def load():
    """Every built-in rule class, in one pack (the entry point ``builtin``)."""
    from gongwen.rules import dates, meta, ordinals, pairs, punctuation

    return (
        dates.CompactNumericDate,
        dates.YearWithoutNian,
        ordinals.MissingNumeral,
        pairs.UnbalancedPair,
        punctuation.HalfwidthPunctuation,
        punctuation.PunctuationRegime,
        meta.UnreadableInput,
        meta.EmptyInput,
    )
