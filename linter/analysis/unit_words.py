"""Units and classifiers (``rules/data/unit_words.toml``): one table, each unit with the tags that
say what it is; a rule reads the view it needs — the units with a tag — instead of keeping a
list of its own. The tags are described in the table's header."""
from __future__ import annotations

from functools import cache

from gongwen.analysis import lexicon

TABLE = "unit_words.toml"
TAGS = ("unit", "after-number", "approximate", "counts-kinds", "counts-things", "count", "si-prefixed")


@cache
def tagged(tag: str) -> frozenset[str]:
    """The units that carry ``tag`` (one of :data:`TAGS`)."""
    if tag not in TAGS:
        raise ValueError(f"unknown unit tag {tag!r}")
    return frozenset(unit for unit, tags in lexicon.table(TABLE)["tags"].items() if tag in tags)


def char_class(tag: str) -> str:
    """The single-character units with ``tag``, as the body of a regex character class."""
    return "".join(sorted(u for u in tagged(tag) if len(u) == 1))


@cache
def bases() -> dict[str, tuple[str, float]]:
    """Unit -> (the unit it is compared in, the factor to it): 万元 -> (元, 10000)."""
    return {unit: (base, float(factor)) for unit, (base, factor) in lexicon.table(TABLE)["base"].items()}
