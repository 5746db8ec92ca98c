"""Derive ``clause_cut_chars.txt`` from a corpus of official texts: the characters official
writing never leaves bare at the end of a clause, each with the words it begins that do end
clauses there.

Run after the corpus or the segmentation dictionary changes (about a minute):
``.venv/bin/python rules/data/build_clause_cut_chars.py ../shared/corpus``

The texts counted are those of ``build_character_evidence.py`` (the tuning half of ``clean/``
and the statutes of ``laws/``). A clause ends before ，。；！？ or a line end; a character ends
it *bare* where ``truncated_words.bare_end`` says so (no dictionary word ends with it there,
and no number, name or parallel phrase explains it: the rule's own test). A character is
*free* where no dictionary word of two to four characters covers it (``evidence.covered_by_word``).

A character is listed when it was seen ``MIN_SEEN`` times or more, ended a clause (as the last
character of a word or bare) at most once in ``END_PER`` of its occurrences (改革。 and 活动。
end clauses all the time: a bare 革 or 动 there is more likely a word the dictionary lacks than
a cut; and each such place would cost the rule a look at every report), never ended one bare,
two-character words beginning with it end clauses (``MIN_COMPLETION`` times or more: those
words, the commonest first, at most ``MAX_COMPLETIONS``, are what the cut word may have been),
and one of two things makes the never telling:

- it is bound: free at most once in ``BOUND_PER`` of its occurrences (执 of 执行, 执法): a
  bare 执 is a free use of a character official writing uses only inside words;
- it is a free word seen free ``MIN_FREE`` times or more, none at a clause's end (以, 其, 被):
  a preposition or a word's first half that the writing never leaves at the end.

A character free now and then (投 of 敢闯敢干敢投, 细 of 落实落细) is left out: on the checking
half its rare free uses end clauses in slogans and parallel phrases that no count foresees. So is
a unit or classifier (``unit_words``' ``unit`` tag: 条): besides counting after a number it names
a thing's shape and heads nouns the dictionary lacks (装饰条, 反光条, 密封条), so a bare one at
a clause's end has a reading (round 15: the checking half's one report, 涂装装饰条。).
Each line::

    <char> <word> <word> …

``gongwen.rules.truncated_words`` reads it.
"""
from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import regex

from build_character_evidence import sources
from gongwen.analysis.evidence import covered_by_word, is_word
from gongwen.analysis.unit_words import tagged
from gongwen.rules.truncated_words import bare_end

HERE = Path(__file__).parent
OUTPUT = "clause_cut_chars.txt"
PAIRS = "clause_end_pairs.txt"
MIN_SEEN = 1000
END_PER = 100
BOUND_PER = 500
MIN_FREE = 2000
MIN_COMPLETION = 5
MAX_COMPLETIONS = 3
_CLAUSE_END = regex.compile(r"\p{Han}(?=[，。；！？\r\n]|\Z)")
_HAN_RUN = regex.compile(r"\p{Han}+")


def count(paths: list[Path]) -> tuple[Counter, Counter, Counter, Counter, Counter]:
    """How often each character is seen, how often free, how often it ends a clause, how often
    bare, and how often each two-character word ends a clause (written where one does)."""
    seen: Counter = Counter()
    free: Counter = Counter()
    ends: Counter = Counter()
    bare: Counter = Counter()
    word_ends: Counter = Counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for run in _HAN_RUN.findall(text):
            seen.update(run)
            free.update(c for i, c in enumerate(run) if not covered_by_word(run, i, 4))
        for m in _CLAUSE_END.finditer(text):
            end = m.end()
            ends[m.group()] += 1
            if bare_end(text, m.start()):
                bare[m.group()] += 1
            elif is_word(text[end - 2:end]):
                word_ends[text[end - 2:end]] += 1
    return seen, free, ends, bare, word_ends


def cut_chars(seen: Counter, free: Counter, ends: Counter, bare: Counter,
              word_ends: Counter) -> dict[str, list[str]]:
    completions: dict[str, list[tuple[int, str]]] = defaultdict(list)
    units = tagged("unit")
    for word, n in word_ends.items():
        if n >= MIN_COMPLETION:
            completions[word[0]].append((-n, word))
    return {c: [w for _, w in sorted(completions[c])[:MAX_COMPLETIONS]]
            for c, n in seen.items()
            if n >= MIN_SEEN and ends[c] * END_PER <= n and not bare[c] and completions[c]
            and (free[c] * BOUND_PER <= n or free[c] >= MIN_FREE) and c not in units}


def pairs_output(chars: dict[str, list[str]], word_ends: Counter) -> str:
    today = date.today().isoformat()
    lines = [
        "# Two-character words official writing ends clauses with whose second character is in",
        "# clause_cut_chars.txt (所以，已经。): where one is written, a listed character ends a word.",
        "# TYP017 skips these places without asking the dictionary (every entry is a dictionary word:",
        "# tests/test_truncated_words.py).",
        "# used by: TYP017",
        "# source: counted by build_clause_cut_chars.py from the tuning half of shared/corpus/clean and"
        " shared/corpus/laws, with the segmentation dictionary; status read",
        f"# checked: {today}",
        f"# Generated by build_clause_cut_chars.py on {today}; do not edit.",
    ]
    # A completion as well (终身 completes 终 and ends with 身) stays in clause_cut_chars.txt
    # only: a list of one rule shares no entry with another, and the place is then judged
    # without the shortcut, with the same answer.
    completing = {w for words in chars.values() for w in words}
    lines += sorted(w for w in word_ends if w[1] in chars and w not in completing)
    return "\n".join(lines) + "\n"


def output(chars: dict[str, list[str]], n_files: int) -> str:
    today = date.today().isoformat()
    lines = [
        "# Characters official writing never leaves bare before ，。；！？ or a line end, each with the",
        "# two-character words it begins that end clauses there, the commonest first.",
        f"# Listed: seen {MIN_SEEN}+ times, at a clause end at most once in {END_PER}, never bare there,",
        f"# bound (free at most once in {BOUND_PER})",
        f"# or free {MIN_FREE}+ times, with words seen {MIN_COMPLETION}+ times at a clause end, and no unit or"
        " classifier (see the generator).",
        "# used by: TYP017",
        "# source: counted by build_clause_cut_chars.py from the tuning half of shared/corpus/clean and"
        " shared/corpus/laws, with the segmentation dictionary; status read",
        f"# checked: {today}",
        f"# Generated by build_clause_cut_chars.py on {today} from {n_files} files; do not edit.",
    ]
    lines += [f"{c} {' '.join(words)}" for c, words in sorted(chars.items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    paths = sources(Path(sys.argv[1]))
    counts = count(paths)
    chars = cut_chars(*counts)
    (HERE / OUTPUT).write_text(output(chars, len(paths)), encoding="utf-8")
    (HERE / PAIRS).write_text(pairs_output(chars, counts[-1]), encoding="utf-8")
    print(f"wrote {HERE / OUTPUT}: {len(chars)} characters, and {HERE / PAIRS}")
