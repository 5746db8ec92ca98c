"""Build ``official_words.txt``: words of today's official writing that the segmentation
dictionary lacks or undercounts (老旧小区, 城镇化率, 接诉即办, 医共体, 一网通办), with how often
official writing writes each as a unit, so that TYP013 can tell that a substitute makes a word
official writing uses (老救小区 → 老旧小区) where jieba's dictionary, counted from general text
of some twenty years ago, knows none or counts it a handful of times.

A word is cut at word boundaries, not taken as a raw window (windows across 的 or 和, such as
提供的 or 经济和, were round 14's false reports): the texts are segmented with the domain
segmenter (jieba's dictionary and ``segmentation_words.txt``), and a candidate is one to
``MAX_TOKENS`` consecutive tokens of ``MIN_LENGTH`` to ``MAX_LENGTH`` characters in all, holding no
single-character token that ends or begins a clause constituent (``function_chars.toml``'s
``clause-edge``: 的 和 在 与 …) and opening or closing with no function character; or two
single-character tokens, a word of two characters the segmenter does not know (托/育, 老/旧).
It is kept when
- official writing writes it ``MIN_COUNT`` times or more at token boundaries;
- it is a unit: of a candidate of several tokens, its rarest token of two characters or more
  stands in it at least ``COHESION`` of the times that token is written (老旧 mostly before
  小区; 加强 and 管理 each stand in many phrases, and 加强管理 is no word). Single-character
  tokens are where the segmenter found no word (医/共/体, 林/长/制) and stand anywhere: they
  are not asked;
- it is no piece of a longer run: no extension by one single-character token before or after
  it makes up ``PIECE`` of its occurrences (普惠托 is 普惠托育's, 33 of its 38: cut inside the
  characters the segmenter left single, it ends no word);
- jieba's dictionary lacks it or counts it under TYP013's ``FREQUENT_WORD`` (the judge has the
  dictionary's count for the others);
- a word of two single tokens hangs together more strongly (``pair_holds``): each character,
  where it stands as a token of its own, stands in the pair ``PAIR_COHESION`` of the times or
  more (托育, 老旧, 文旅; pairs that merely meet, 日/起 or 个/月, stay under 0.3), and holds no
  traditional character (繼/續 in a quoted old text).

Counted over the texts ``official_trigrams.txt`` counts (``build_character_model.texts``: the
tuning half of ``clean/``, the statutes of ``laws/``, the provincial reports of ``docx/``; the
checking half is never read), inside runs of Han characters. Written one line per first two
characters, ``<first two>\\t<word> <count> <word> <count> …``, sorted, so that the judge finds
all the words beginning at a place in one look-up, as ``words_beginning`` does for jieba's.
Run after the segmentation dictionary or the model's texts change::

    .venv/bin/python rules/data/build_official_words.py ../shared/corpus
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "official_words.txt"
MIN_LENGTH, MAX_LENGTH, MAX_TOKENS = 3, 6, 4
MIN_COUNT = 10
COHESION = 0.3
PIECE = 0.8
# A word of two characters the segmenter left as two single tokens (托/育, 老/旧) must hold both
# together: each character, where it stands as a token of its own, stands in the pair at least
# this share of the times (托育 62% and 66%, 老旧 42% and 54%). Pairs that merely meet stay
# under 0.3 (日起 0.29, 个月 0.27, 用好 0.15): 0.4 leaves a gap (at 0.3, 55 words, not one more
# found on any set).
PAIR_COHESION = 0.4


def segmented_runs(texts: list[str]) -> list[list[str]]:
    import regex

    from gongwen.analysis.evidence import domain_segmenter

    tokenizer = domain_segmenter()
    return [tokenizer.lcut(run, HMM=False) for text in texts for run in regex.findall(r"\p{Han}{2,}", text)]


def candidates(runs: list[list[str]], breaking: frozenset[str], edges: frozenset[str]) -> tuple[Counter, Counter]:
    """The counts of the candidate words (see the module's docstring) and of every token."""
    words: Counter = Counter()
    tokens: Counter = Counter()
    for run in runs:
        tokens.update(run)
        for a in range(len(run)):
            if run[a] in edges:
                continue
            length = 0
            for b in range(a, min(a + MAX_TOKENS, len(run))):
                if run[b] in breaking:
                    break
                length += len(run[b])
                if length > MAX_LENGTH:
                    break
                if (length >= MIN_LENGTH or (length == 2 and b > a)) and run[b] not in edges:
                    words["".join(run[a:b + 1]), b + 1 - a] += 1
    return words, tokens


def official_words(texts: list[str]) -> dict[str, int]:
    from gongwen.analysis import lexicon
    from gongwen.analysis.evidence import word_count
    from gongwen.rules.characters import script_tables
    from gongwen.rules.confusables import FREQUENT_WORD

    breaking = lexicon.tagged(lexicon.FUNCTION_CHARS, "clause-edge")
    edges = lexicon.entries_without(lexicon.FUNCTION_CHARS, "adverb")
    runs = segmented_runs(texts)
    words, tokens = candidates(runs, breaking, edges)
    kept = {(w, n) for (w, n), c in words.items() if c >= MIN_COUNT and word_count(w) < FREQUENT_WORD}
    extended = _longest_extensions(words)
    found: dict[str, int] = {}
    traditional = script_tables()[0].keys()
    for w, n in kept:
        if len(w) == 2 and (not traditional.isdisjoint(w) or not pair_holds(w, words[w, n], tokens)):
            continue
        if n > 1:  # one token: a word jieba has and undercounts
            pieces = _tokens_of(w, n)
            longer = [tokens[p] for p in pieces or () if len(p) > 1]
            if pieces is None or (longer and words[w, n] < COHESION * min(longer)):
                continue
        if extended[w, n] < PIECE * words[w, n]:
            found[w] = max(found.get(w, 0), words[w, n])
    return found


def pair_holds(pair: str, count: int, tokens: Counter) -> bool:
    """Whether two single-character tokens written ``count`` times as ``pair`` hang together:
    each character, of the times it stands as a token of its own, stands in the pair at least
    ``PAIR_COHESION`` of them (托育 115: 托 alone 184, 育 alone 174)."""
    return count >= PAIR_COHESION * max(tokens[pair[0]], tokens[pair[1]])


def _longest_extensions(words: Counter) -> Counter:
    """For each candidate (word, tokens), the count of its commonest extension by one
    single-character token before or after it."""
    found: Counter = Counter()
    for (longer, k), c in words.items():
        if k > 1:
            for shorter in (longer[:-1], longer[1:]):
                if c > found[shorter, k - 1]:
                    found[shorter, k - 1] = c
    return found


def _tokens_of(word: str, n: int) -> list[str] | None:
    """The tokens the segmenter cuts ``word`` into when it stands alone, if there are ``n``."""
    from gongwen.analysis.evidence import domain_segmenter

    pieces = domain_segmenter().lcut(word, HMM=False)
    return pieces if len(pieces) == n else None


def main(corpus: Path) -> None:
    sys.path.insert(0, str(HERE))
    from build_character_model import texts

    corpus_texts = texts(corpus)
    found = official_words(corpus_texts)
    lines: dict[str, list[str]] = defaultdict(list)
    for w in sorted(found):
        lines[w[:2]].append(f"{w} {found[w]}")
    header = [
        "# Words of official writing the segmentation dictionary lacks or undercounts, with how often",
        "# official writing writes each as a unit: <first two characters>\\t<word> <count> <word> <count> ...",
        "# used by: TYP013",
        f"# source: generated by build_official_words.py (do not edit) from {len(corpus_texts)} texts "
        f"(those official_trigrams.txt counts: tuning half of clean/, laws/, docx/ less the checking half's copies), {len(found)} words of "
        f"{MIN_LENGTH}-{MAX_LENGTH} characters (2 for a pair of single tokens) seen {MIN_COUNT}+ times at token "
        f"boundaries, cohesion {COHESION}, pair cohesion {PAIR_COHESION}, piece {PIECE}; status own",
        f"# checked: {date.today().isoformat()}",
    ]
    TARGET.write_text("\n".join(header + [f"{k}\t{' '.join(v)}" for k, v in sorted(lines.items())]) + "\n",
                      encoding="utf-8")
    print(f"{len(found)} words -> {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
