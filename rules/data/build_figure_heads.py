"""Derive ``figure_heads.txt``: the words after which official writing writes a figure with its
unit (金额3.4亿元, 时长缩短至12秒, 比重提高到52.6%) and, nearly never, bare.

Run after the corpus or the candidates change::

    .venv/bin/python rules/data/build_figure_heads.py ../shared/corpus

Candidates: ``inputs/figure_head_seeds.txt`` less the verbs NUM015 already reads in
``counting_verbs.txt`` (they govern a figure anywhere in the clause). Texts counted: those of the
character model (``build_character_model.texts``: the tuning half of ``clean/``, the statutes of
``laws/``, the provincial reports of ``docx/``; the checking half is never read). For each figure
(``gongwen.analysis.figure_heads.FIGURE``, a year 19xx/20xx left out) the candidate governing it
(``head_before``: ending at most ``GAP`` Han characters before it) is found, and what follows the
figure is counted (``after_figure``: a unit, a %-sign or 个百分点, or bare). A candidate is kept when its
figures were written ``MIN_SEEN`` times or more and bare at most ``BARE_SHARE`` of the time: there a
bare figure is a unit lost. A candidate the texts write fewer figures after, none bare, is kept as
``document``: the corpus cannot say, the document itself may (演练 6次 there, then 演练14，).
``inputs/people_count_seeds.txt``'s nouns of people are counted over figures in 万 or 亿 only,
and kept by the same thresholds as ``people``: after them 万 is no people count of its own
(群众2.3万人次), unlike a collective count's (人口减少700万). Each line::

    <head> <percent|unit|either|document|people> <figures written with a unit or %-sign> <bare figures>
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import regex

from gongwen.analysis import lexicon
from gongwen.analysis.figure_heads import FIGURE, after_figure, head_before

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from build_character_model import texts  # noqa: E402  (the same texts as the model)

MIN_SEEN = 3  # figures written after a head before its way of writing them is trusted
BARE_SHARE = 0.05  # bare figures tolerated (a table's cells, a slip of the corpus itself)
PERCENT_SHARE = 0.9  # a head whose figures are shares this often is one of shares (率, 比例, 占比), one
                     # whose figures are this often not shares one of amounts (金额, 面积); between, either
                     # (总额: 总额3.4亿元 and 总额增长9.4%)
_YEAR = regex.compile(r"(?:19|20)[0-9]{2}")


def candidates(seeds_text: str, verbs: frozenset[str]) -> list[str]:
    """The seed words, less those ``verbs`` already governs."""
    words: set[str] = set()
    for line in seeds_text.splitlines():
        if line and not line.startswith("#"):
            words.update(line.split())
    return sorted(words - verbs)


def count(corpus_texts: list[str], words: list[str], in_wan: bool = False) -> dict[str, Counter]:
    """How the figures after each of ``words`` are written; with ``in_wan``, figures in 万 or 亿 only."""
    pattern = regex.compile(lexicon.alternation(words))
    longest = max(map(len, words))
    found: dict[str, Counter] = defaultdict(Counter)
    for text in corpus_texts:
        for m in FIGURE.finditer(text):
            if _YEAR.fullmatch(m.group()) or (in_wan and m.group()[-1] not in "万亿"):
                continue
            kind = after_figure(text, m.end())
            if kind is None:
                continue
            head = head_before(pattern, longest, text, m.start())
            if head is not None:
                found[head][kind] += 1
    return found


def kept(found: dict[str, Counter], words: list[str] = ()) -> list[tuple[str, str, int, int]]:
    """The heads kept by the thresholds, with their kind; ``words`` (the candidates) too rare to
    judge — fewer than ``MIN_SEEN`` figures, none bare — as ``document``."""
    rows = []
    for head in sorted(set(found) | set(words)):
        kinds = found.get(head, Counter())
        written, bare = kinds["percent"] + kinds["unit"], kinds["bare"]
        if written >= MIN_SEEN and bare <= BARE_SHARE * (written + bare):
            share = kinds["percent"] / written
            kind = "percent" if share >= PERCENT_SHARE else "unit" if share <= 1 - PERCENT_SHARE else "either"
            rows.append((head, kind, written, bare))
        elif head in words and written < MIN_SEEN and bare == 0:
            rows.append((head, "document", written, bare))
    return rows


def kept_people(found: dict[str, Counter]) -> list[tuple[str, str, int, int]]:
    """The nouns of people whose figures in 万 or 亿 the texts write with a unit (人, 人次) by the
    same thresholds."""
    return [(head, "people", written, bare) for head, _kind, written, bare in kept(found)]


def render(rows: list[tuple[str, str, int, int]], n_texts: int) -> str:
    header = [
        "# Words after which official writing writes a figure with its unit or %-sign nearly always",
        "# (金额3.4亿元, 时长缩短至12秒, 比重提高到52.6%): <head> <percent|unit|either> <figures with a unit> <bare>.",
        "# A bare figure after one of them has lost its unit (NUM015). document: a candidate too rare",
        "# in the texts to judge, judged by the document's own figures after it; people: a noun of people",
        "# whose figures in 万 or 亿 are written with 人 or 人次 (counted over those figures only).",
        "# used by: NUM015",
        "# source: counted by build_figure_heads.py from the tuning half of shared/corpus/clean, shared/corpus/laws "
        "and shared/corpus/docx, less the checking half's copies (build_sources.py), over the candidates of "
        "inputs/figure_head_seeds.txt and inputs/people_count_seeds.txt; status read",
        f"# checked: {date.today().isoformat()}",
        f"# Generated by build_figure_heads.py on {date.today().isoformat()} from {n_texts} texts "
        f"(kept: {MIN_SEEN}+ written, bare at most {BARE_SHARE:.0%}); do not edit.",
    ]
    return "\n".join(header + [f"{h} {k} {w} {b}" for h, k, w, b in rows]) + "\n"


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else HERE.parents[2] / "shared" / "corpus"
    words = candidates((HERE / "inputs" / "figure_head_seeds.txt").read_text(encoding="utf-8"),
                       lexicon.words("counting_verbs.txt"))
    people = candidates((HERE / "inputs" / "people_count_seeds.txt").read_text(encoding="utf-8"), frozenset())
    assert not set(people) & set(words), "a noun of people is no head of amounts"
    found_texts = texts(corpus)
    rows = kept(count(found_texts, words), words) + kept_people(count(found_texts, people, in_wan=True))
    (HERE / "figure_heads.txt").write_text(render(sorted(rows), len(found_texts)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
