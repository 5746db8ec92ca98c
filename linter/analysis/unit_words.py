"""Units and classifiers (``rules/data/unit_words.toml``): one table, each unit with the tags that
say what it is; a rule reads the view it needs — the units with a tag — instead of keeping a
list of its own. The tags are described in the table's header."""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon

TABLE = "unit_words.toml"


def tagged(tag: str) -> frozenset[str]:
    """The units that carry ``tag``."""
    return lexicon.tagged(TABLE, tag)


def char_class(tag: str) -> str:
    """The single-character units with ``tag``, as the body of a regex character class."""
    return lexicon.single_chars(tagged(tag))


@cache
def bases() -> dict[str, tuple[str, float]]:
    """Unit -> (the unit it is compared in, the factor to it): 万元 -> (元, 10000)."""
    return {unit: (base, float(factor)) for unit, (base, factor) in lexicon.table(TABLE)["base"].items()}
