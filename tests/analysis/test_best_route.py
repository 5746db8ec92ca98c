"""The segmenter's best route in C (``_best_route.c``) ends tokens exactly where its Python
reference (``LazyTokenizer._python_route``) does, and the Python path alone, which runs where
the extension is not built, still ends them where jieba's cut does."""
from __future__ import annotations

import random
from math import log

import regex
from support import SEED, compiled_or_skip

from gongwen.analysis import lexicon, segmentation
from gongwen.analysis.segmentation import LazyTokenizer, _Frequencies

_best_route = compiled_or_skip("_best_route")


def _tokenizer() -> LazyTokenizer:
    """A tokenizer of its own with the domain words, its tables empty: each path fills them as
    it goes, through the same callables."""
    lazy = LazyTokenizer(frequencies=_Frequencies)  # the route of _best_route.c reads its tables
    for word in sorted(lexicon.words("segmentation_words.txt")):
        lazy.add_word(word)
    return lazy


def _clauses() -> list[str]:
    """Runs of Han characters: windows of the seed text, random clauses of common characters
    and of the domain words' (many short words, close scores, ties), of the seed's characters
    (unknown runs for the HMM), one character, and long ones."""
    runs = regex.findall(r"\p{Han}+", SEED.read_text(encoding="utf-8"))
    clauses = [run[i:i + 41] for run in runs for i in range(0, len(run), 5)]
    rnd = random.Random("best-route")
    common = "中国人民发展建设社会主义的了学法用考试工作会议一二两规划纲要市县村长"
    domain = sorted(lexicon.words("segmentation_words.txt"))
    rare = sorted(set("".join(runs)))
    for _ in range(3000):
        clauses.append("".join(rnd.choice(common) for _ in range(rnd.randint(1, 45))))
        clauses.append("".join(rnd.choice(domain + list(common)) for _ in range(rnd.randint(1, 12))))
        clauses.append("".join(rnd.choice(rare) for _ in range(rnd.randint(1, 45))))
    clauses += ["法", "的的", "".join(rnd.choice(common) for _ in range(2000))]
    return [c for c in clauses if segmentation.jieba.re_han_default.fullmatch(c)]


def _differences(route) -> tuple[int, int]:
    """(clauses where ``route(tokenizer, clause)`` ends tokens elsewhere than the Python
    route of another tokenizer, clauses tried)."""
    compiled, plain = _tokenizer(), _tokenizer()
    clauses = _clauses()
    return sum(route(compiled, c) != plain._python_route(c) for c in clauses), len(clauses)


def test_the_compiled_route_ends_tokens_where_the_python_route_does():
    assert segmentation._best_route is _best_route  # token_ends takes the compiled route
    differ, tried = _differences(LazyTokenizer.token_ends)
    assert differ == 0 and tried > 9000


def test_a_compiled_route_that_reads_only_parsed_pairs_would_be_caught():
    """The comparison can fail: a route that never asks for the words of a pair not yet parsed."""
    def parsed_only(tokenizer, clause):
        ends, runs = _best_route.route(clause, tokenizer._starts, tokenizer._start,
                                       lambda group, pair: None, log(tokenizer.total))
        for index, start, end in reversed(runs):  # as token_ends
            cut: list[int] = []
            tokenizer._singles(clause, start, end, cut)
            ends[index:index + end - start] = cut
        return tuple(ends)
    differ, _ = _differences(parsed_only)
    assert differ > 1000
