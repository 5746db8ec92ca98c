"""The built-in rules of gongwen-lint, loaded through the ``gongwen.rules`` entry point."""
from __future__ import annotations

import importlib
from typing import NamedTuple


class Family(NamedTuple):
    """Where rules live: the code prefixes a module may hold, and the category its rules get
    unless a rule declares its own (a rule whose prefix belongs elsewhere keeps its family's)."""

    prefixes: tuple[str, ...]
    category: str


# Each family module lists its rule classes in a module-level RULES tuple; they load in this
# order. This is where rules live today, not yet one module per prefix: NUM spans date_numerals.py,
# numbers.py and percentages.py, PUN four modules, CON three, TYP two (docs/design.md, "The
# family map", says which moves would make it one). tests/test_families.py holds every rule
# class to this map.
FAMILIES = {
    "dates": Family(("DAT",), "dates"),
    "dates_document": Family(("DAT",), "dates"),
    "dates_calendar": Family(("DAT",), "dates"),
    "date_numerals": Family(("NUM",), "numbers"),
    "ordinals": Family(("TYP",), "typos"),
    "pairs": Family(("PUN",), "punctuation"),
    "punctuation": Family(("PUN",), "punctuation"),
    "punct_marks": Family(("PUN",), "punctuation"),
    "punct_layout": Family(("PUN",), "punctuation"),
    "meta": Family(("LNT",), "input"),
    "numbers": Family(("NUM",), "numbers"),
    "percentages": Family(("NUM",), "percentages"),
    "consistency": Family(("CON",), "consistency"),
    "structure": Family(("FMT",), "structure"),
    "structure_enumerators": Family(("FMT",), "structure"),
    "structure_lines": Family(("FMT",), "structure"),
    "web": Family(("WEB",), "web"),
    "repetition": Family(("TYP",), "typos"),
    "terms": Family(("TRM",), "terms"),
    "figures": Family(("CON",), "consistency"),
    "disclosure": Family(("CON",), "consistency"),
    "protected": Family(("TRM",), "terms"),
    "characters": Family(("TYP",), "typos"),
    "confusables": Family(("TYP",), "typos"),
    "truncation": Family(("TYP",), "typos"),
    "tables": Family(("CON",), "consistency"),
    "unitless": Family(("NUM",), "numbers"),
    "variants": Family(("TYP",), "typos"),
    "function_words": Family(("TYP",), "typos"),
    "truncated_words": Family(("TYP",), "typos"),
    "cut_formulations": Family(("TYP",), "typos"),
    "clause_cut_pairs": Family(("TYP",), "typos"),
    "cut_names": Family(("TYP",), "typos"),
    "word_gaps": Family(("TYP",), "typos"),
    "real_words": Family(("TYP",), "typos"),
}


class _Precision:
    """A rule's ``precision``, worded from data/precision.toml when its documentation is
    read: parsing the file in every run cost ~4 ms of checking a small file, which never
    shows it."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __get__(self, instance, owner) -> str:
        from gongwen.rules._precision import precision_text

        return precision_text(self.code)


def load():
    """Every built-in rule class, in one pack (the entry point ``builtin``), each with its
    module's category unless it declares one, and its measured precision
    (data/precision.toml) as part of its documentation."""
    rules = []
    for name, family in FAMILIES.items():
        for rule in importlib.import_module(f"gongwen.rules.{name}").RULES:
            if getattr(rule, "category", None) is None:
                rule.category = family.category
            rules.append(rule)
    for rule in rules:
        rule.precision = _Precision(rule.code)
    return tuple(rules)
