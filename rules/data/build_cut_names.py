"""Derive ``cut_names.txt`` from the type words of institution names (``name_type_words.txt``)
and a corpus of official texts: the places where official writing goes on with a type word's
last character and never stops short of it (…管理委员 is …管理委员会, 人民检察 人民检察院), so
that the name less that character before a clause mark, a function character or a verb is a cut.

Run after ``name_type_words.txt`` or the corpus changes (half a minute):
``.venv/bin/python rules/data/build_cut_names.py ../shared/corpus``

The texts counted are those of the character model (``build_character_model.texts``: the tuning
half of ``clean/``, the statutes of ``laws/``, the reports of ``docx/``). A context is the type
word less its last character with the characters before it, ``CONTEXTS`` characters in all
(理委员, 其常委, 人民医, 务服务中); it is listed when official writing writes it ``MIN_WHOLE``
times or more, goes on with the type word's last character ``MIN_SHARE`` of the time or more,
and never writes it before a stop, a line end or a clause-edge function character
(``cut_formulations.follows_cut``). Left out as well: a context with one character before a
type word's rest that is a common word of its own (年联合: 上半年联合办理), one with a clause-edge
function character right before the rest (等研究, 政府的中: the name's body is a noun), and one where a
dictionary word ends at the cut and began before the rest (任教学: 教学, not 学校), and a longer
context when its shorter end is listed.
Each line::

    <context>\t<the type word>\t<the other characters seen after the context>

``gongwen.rules.cut_names`` reads it.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from build_character_model import texts
from gongwen.analysis import lexicon
from gongwen.analysis.evidence import is_word, word_count
from gongwen.rules.cut_formulations import follows_cut
from gongwen.rules.protected import COMMON_WORD
from gongwen.rules.protected import EDGE_FUNCTION_CHARS

HERE = Path(__file__).parent
OUTPUT = "cut_names.txt"
CONTEXTS = (3, 4)
# The corpus holds few local names (人民医院 twice, once 人民医疗): what decides is that the rest
# never stops there; 3 times and 90% found 20 of the tuning batch's 42, 2 times and 60% 25 (24
# with the two-character body of ``_body_before``), with no report on the checking half,
# fixtures/genres or the 1,000 benchmark files either way.
MIN_WHOLE = 2
MIN_SHARE = 0.6
HAN = re.compile(r"[\u4e00-\u9fff]+")


def counted(corpus_texts: list[str]) -> tuple[Counter, dict[tuple[str, str], Counter], Counter]:
    whole: Counter = Counter()
    others: dict[tuple[str, str], Counter] = defaultdict(Counter)
    stopped: Counter = Counter()
    for word in sorted(lexicon.words("name_type_words.txt")):
        rest, last = word[:-1], word[-1]
        pattern = re.compile(re.escape(rest))
        for text in corpus_texts:
            for m in pattern.finditer(text):
                for size in CONTEXTS:
                    start = m.end() - size
                    if start < 0 or size < len(rest) or not HAN.fullmatch(text, start, m.end()):
                        continue
                    if not _body_before(text[start:m.end()], len(rest)):
                        continue
                    key = (text[start:m.end()], word)
                    if text.startswith(last, m.end()):
                        whole[key] += 1
                    elif follows_cut(text, m.end(), key[0] + last):
                        stopped[key] += 1
                    else:
                        others[key][text[m.end()]] += 1
    return whole, others, stopped


def _body_before(context: str, rest: int) -> bool:
    """Whether the characters before the type word's rest (its last ``rest`` characters) may
    be the end of a name's body: two of them at least when the rest is a common word of its own
    (联合, 委员, 研究: 上半年联合办理 is no 青年联合会), no clause-edge function character right
    before it, and no dictionary word ending at the cut that begins before the rest (任教学)."""
    body = len(context) - rest
    if body < 2 and word_count(context[body:]) >= COMMON_WORD:
        return False
    if body and context[body - 1] in EDGE_FUNCTION_CHARS:
        return False
    return not any(is_word(context[i:]) for i in range(body))


def listed(corpus_texts: list[str]) -> list[tuple[str, str, str]]:
    whole, others, stopped = counted(corpus_texts)
    found = {}
    for key, n in whole.items():
        seen = sum(others[key].values())
        if n >= MIN_WHOLE and n >= MIN_SHARE * (n + seen) and not stopped[key]:
            found[key] = "".join(sorted(others[key]))
    rows = [(context, word, after) for (context, word), after in found.items()
            if not any((context[i:], word) in found for i in range(1, len(context) - min(CONTEXTS) + 1))]
    return sorted(rows)


def output(rows: list[tuple[str, str, str]], n_files: int) -> str:
    today = date.today().isoformat()
    lines = [
        "# Where official writing always goes on with the last character of an institution's type word:",
        "# <context>\\t<the type word>\\t<the other characters seen after the context>.",
        f"# Listed: contexts of {' or '.join(map(str, CONTEXTS))} characters ending in a type word less its last character"
        f" (name_type_words.txt), written {MIN_WHOLE}+ times, followed by that character {MIN_SHARE:.0%}+ of the time,"
        " never before a stop (see the generator).",
        "# used by: TYP021",
        "# source: counted by build_cut_names.py from data/name_type_words.txt, the tuning half of shared/corpus/clean,"
        " shared/corpus/laws and shared/corpus/docx, less the checking half's copies (build_sources.py); status read",
        f"# checked: {today}",
        f"# Generated by build_cut_names.py on {today} from {n_files} files; do not edit.",
    ]
    lines += ["\t".join(row).rstrip("\t") for row in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    corpus_texts = texts(Path(sys.argv[1]))
    rows = listed(corpus_texts)
    (HERE / OUTPUT).write_text(output(rows, len(corpus_texts)), encoding="utf-8")
    print(f"wrote {HERE / OUTPUT}: {len(rows)} contexts")
