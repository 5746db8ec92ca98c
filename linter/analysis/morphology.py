"""Word formation the rules rely on, written as code instead of spelled out in word lists."""
from __future__ import annotations

from typing import Iterable

from gongwen.analysis import lexicon


def perfective(verbs: Iterable[str]) -> str:
    """Regex source for one of ``verbs`` marked as done by the aspect particle 了 (召开了,
    印发了): the verb list is the data, the particle is grammar. 了 that begins the word 了解
    is no particle (开展了解情况 is 开展 + 了解), so it does not count."""
    return f"(?:{lexicon.alternation(verbs)})了(?!解)"
