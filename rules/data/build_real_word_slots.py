"""Build ``real_word_slots.txt``: the contexts that tell a common two-character word from a word a
slip makes of it (部署 from 部属, 形势 from 形式, 整治 from 政治), for TYP024.

The pairs: a *meant* word, common (jieba's count ``MEANT_WORD`` or more) and written in official
writing ``MEANT_COUNT`` times or more, and a *written* word one character away, the character a
slip could write for the meant one by TYP013's candidates (``build_official_collocations.could_write``,
the candidates table reversed: same and near readings, similar shapes), itself a dictionary word
(jieba's count ``WRITTEN_WORD`` or more: a slip that makes no word is TYP013's).

The contexts (``gongwen.analysis.real_word_slots``: two characters on each side, a non-Han
character reduced to its class) of every word of the pairs are counted over the tuning half of
``clean/`` and the statutes of ``laws/`` (``build_sources.texts``; the checking half is never
read). For each meant word, the contexts official writing writes it in ``MIN_CONTEXT`` times or
more; for each written word, the meant words it could stand for and its own counts in their
contexts (those it never takes are not listed: 0). A meant word's contexts are written once,
however many written words could stand for it (a line per pair repeated them: 11 MB)::

    <written>\\t<count>\\t<meant> <meant> …\\t<side><context>:<count> …
    =<meant>\\t<count>\\t<side><context>:<count> …

``<`` is a left context, ``>`` a right one. A meant word with no context kept is left out, and a
written word with no meant word left. Run after the corpus, the candidates or the dictionary change::

    .venv/bin/python rules/data/build_real_word_slots.py ../shared/corpus
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "real_word_slots.txt"
FOLDERS = ("clean", "laws")
MEANT_WORD = 50  # TYP013's FREQUENT_WORD
MEANT_COUNT = 20
WRITTEN_WORD = 3
MIN_CONTEXT = 5


def pairs() -> dict[str, set[str]]:
    """Written word -> the common words it could stand for (one slip away)."""
    sys.path.insert(0, str(HERE))
    from build_official_collocations import could_write

    from gongwen.analysis.char_model import model
    from gongwen.analysis.evidence import word_count

    lm, slips = model(), could_write()
    found: dict[str, set[str]] = defaultdict(set)
    for first in lm.chars:
        for second in lm.following(first):
            meant = first + second
            if word_count(meant) < MEANT_WORD:
                continue
            for k in range(2):
                for slip in slips.get(meant[k], ()):
                    written = meant[:k] + slip + meant[k + 1:]
                    if written != meant and word_count(written) >= WRITTEN_WORD:
                        found[written].add(meant)
    return found


def count(texts: list[str], words: set[str]) -> tuple[Counter, dict[str, Counter], dict[str, Counter]]:
    """How often each word is written, and with each left and right context."""
    from gongwen.analysis.real_word_slots import left_context, right_context, slot_text

    total: Counter = Counter()
    left: dict[str, Counter] = defaultdict(Counter)
    right: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        slotted = slot_text(text)
        for k in range(len(text) - 1):
            pair = text[k:k + 2]
            if pair in words:
                total[pair] += 1
                left[pair][left_context(slotted, k)] += 1
                right[pair][right_context(slotted, k + 2)] += 1
    return total, left, right


def meant_contexts(word: str, left: dict[str, Counter], right: dict[str, Counter]) -> list[str]:
    """A meant word's contexts official writing writes it in ``MIN_CONTEXT`` times or more, as
    items ``<context:count`` (left) and ``>context:count`` (right), sorted."""
    return ([f"<{c}:{n}" for c, n in sorted(left[word].items()) if n >= MIN_CONTEXT]
            + [f">{c}:{n}" for c, n in sorted(right[word].items()) if n >= MIN_CONTEXT])


def _mark() -> str:
    from gongwen.analysis.real_word_slots import MEANT_MARK

    return MEANT_MARK


def lines(twins: dict[str, set[str]], total: Counter, left: dict[str, Counter],
          right: dict[str, Counter]) -> list[str]:
    """A line per written word (its count, the meant words it could stand for, and its own
    counts in those words' contexts where it has any) and per meant word (``=`` before it: its
    count and contexts), sorted by key."""
    out = {}
    contexts = {m: meant_contexts(m, left, right) for ms in twins.values() for m in ms if total[m] >= MEANT_COUNT}
    meant_words = set()
    for written in twins:
        meant = sorted(m for m in twins[written] if contexts.get(m))
        if not meant:
            continue
        meant_words.update(meant)
        shared = {item[:item.rindex(":")] for m in meant for item in contexts[m]}
        own = [f"<{c}:{n}" for c, n in sorted(left[written].items()) if "<" + c in shared]
        own += [f">{c}:{n}" for c, n in sorted(right[written].items()) if ">" + c in shared]
        out[written] = "\t".join([written, str(total[written]), " ".join(meant), " ".join(own)])
    for word in meant_words:
        out[_mark() + word] = "\t".join([_mark() + word, str(total[word]), " ".join(contexts[word])])
    return [out[key] for key in sorted(out, key=lambda k: k.encode("utf-8"))]


def main(corpus: Path) -> None:
    sys.path.insert(0, str(HERE))
    from build_sources import texts

    twins = pairs()
    words = set(twins) | {m for ms in twins.values() for m in ms}
    corpus_texts = texts(corpus, FOLDERS)
    total, left, right = count(corpus_texts, words)
    body = lines(twins, total, left, right)
    header = [
        "# Contexts that tell a common two-character word from the word a slip makes of it (部署/部属):",
        "# <written>\\t<count>\\t<meant> …\\t<side><context>:<count> …; =<meant>\\t<count>\\t<side><context>:<count> …",
        "# used by: TYP024",
        f"# source: generated by build_real_word_slots.py (do not edit) from {len(corpus_texts)} texts "
        "(the tuning half of shared/corpus/clean and the statutes of shared/corpus/laws, build_sources.py), "
        f"{len(twins)} written words tried; status own",
        f"# checked: {date.today().isoformat()}",
    ]
    TARGET.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{len(twins)} written words, {len(words)} words counted, {len(body)} lines -> {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
