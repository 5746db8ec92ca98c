"""The built-in rules of gongwen-lint, loaded through the ``gongwen.rules`` entry point."""
from __future__ import annotations

import importlib

# Each family module lists its rule classes in a module-level RULES tuple.
_MODULES = (
    "dates",
    "ordinals",
    "pairs",
    "punctuation",
    "punct_marks",
    "punct_layout",
    "meta",
    "numbers",
    "percentages",
    "consistency",
    "structure",
    "web",
    "repetition",
    "terms",
    "cluster",
)


def load():
    """Every built-in rule class, in one pack (the entry point ``builtin``)."""
    rules = []
    for name in _MODULES:
        rules.extend(importlib.import_module(f"gongwen.rules.{name}").RULES)
    return tuple(rules)
