"""Loading the word lists that rules keep in ``rules/data/``."""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Iterable

import regex


@cache
def word_set(name: str) -> frozenset[str]:
    """Whitespace-separated entries of ``data/<name>.txt``; ``#`` starts a comment line."""
    text = files("gongwen.rules").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            words.extend(line.split())
    return frozenset(words)


@cache
def word_groups(name: str) -> tuple[frozenset[str], ...]:
    """The entries of ``data/<name>.txt`` line by line: one group per line that is not a comment."""
    text = files("gongwen.rules").joinpath("data", f"{name}.txt").read_text(encoding="utf-8")
    return tuple(frozenset(line.split()) for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


def alternation(words: Iterable[str]) -> str:
    """Regex source matching any of the words, longest first so that 签约 wins over 约 at the
    same position (ties in a fixed order, so the pattern is the same in every run)."""
    return "|".join(map(regex.escape, sorted(words, key=lambda w: (-len(w), w))))


def word_alternation(name: str) -> str:
    """:func:`alternation` over the entries of ``data/<name>.txt``."""
    return alternation(word_set(name))


def char_class(name: str) -> str:
    """The single-character entries of a word list as the body of a regex character class."""
    return "".join(sorted(w for w in word_set(name) if len(w) == 1))
