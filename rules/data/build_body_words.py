"""Derive ``body_words.txt``: the words official writing writes right after an institution's name
and (almost) never right after its field of work, the name less its one-character type word
(农业农村 of 农业农村局, 外汇管理 of 国家外汇管理局). A body acts (批准, 负责, 会同, 对…); a field is
a noun that goes on as one (农业农村工作, 应急管理体系, 生态环境质量). So a level and a field
before such a word (县农业农村会同…) is a name that lost its type word (TYP022).

Run after ``institution_bodies.txt``, ``protected_phrases.toml`` or the corpus changes:
``.venv/bin/python rules/data/build_body_words.py ../shared/corpus``

The texts counted are those of the character model (``build_character_model.texts``: the tuning
half of ``clean/``, the statutes of ``laws/``, the reports of ``docx/``). The names are the
standard names of local bodies (``institution_bodies.txt``), the protected central institutions
(``protected_phrases.toml``) and 人民政府; a field is a name ending in 局, 部, 厅 or 委 less that
character, counted wherever it is not followed by a type character of its own names. A word (its
first two characters after the name) is listed when it follows a name ``MIN_AFTER_NAME``
times or more and ``RATIO`` times as often as it follows a field or more, and is a word
jieba's dictionary tags as what a body does or how: a verb, a preposition, a conjunction or an
adverb (``ACTING_TAGS``: 负责, 批准, 根据, 可以). A noun (农业, 领导, 规定) or a verbal noun (应急,
教育) after a name is the next noun of a phrase (人民政府农业主管部门) and may go on from a field as
well (县应急管理领导小组), however rarely the counted texts write it. Each line::

    <word>\t<times after a name>\t<times after a field>

``gongwen.rules.type_cuts`` reads it.
"""
from __future__ import annotations

import os
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from build_character_model import texts
import jieba
from gongwen.analysis import lexicon

HERE = Path(__file__).parent
OUTPUT = "body_words.txt"
TYPES = "局部厅委"  # the one-character type words: the name less one is its field
MIN_AFTER_NAME = 5
RATIO = 20
ACTING_TAGS = {"v", "p", "c", "d"}  # jieba's tags: verb, preposition, conjunction, adverb
HAN = re.compile(r"[\u4e00-\u9fff]+")


def names() -> set[str]:
    bodies = {w for line in lexicon.entry_lines("institution_bodies.txt") for w in line.split()}
    central = {p for group in lexicon.table("protected_phrases.toml")["phrases"] if group["kind"] == "institution"
               for p in group["phrases"]}
    return bodies | central | {"人民政府"}


def fields(all_names: set[str]) -> dict[str, str]:
    """Each field (a name less its one-character type word, 2+ characters) -> its type characters."""
    found: dict[str, set[str]] = defaultdict(set)
    for name in all_names:
        if name[-1] in TYPES and len(name) >= 3:
            found[name[:-1]].add(name[-1])
    return {field: "".join(sorted(types)) for field, types in found.items()}


def _alternation(strings) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(strings, key=len, reverse=True))))


def counted(corpus_texts: list[str]) -> tuple[Counter, Counter]:
    all_names = names()
    own = fields(all_names)
    name_rx, field_rx = _alternation(all_names), _alternation(own)
    after_name, after_field = Counter(), Counter()
    for text in corpus_texts:
        for run in HAN.findall(text):
            for m in name_rx.finditer(run):
                after = run[m.end():m.end() + 2]
                after_name[after] += 1
            for m in field_rx.finditer(run):
                after = run[m.end():m.end() + 2]
                if after[:1] in own[m.group()]:
                    continue  # the name itself
                after_field[after] += 1
    return after_name, after_field


def tags() -> dict[str, str]:
    """jieba's part-of-speech tag of each word of its dictionary."""
    path = Path(os.path.dirname(jieba.__file__)) / "dict.txt"
    with path.open(encoding="utf-8") as stream:
        return {parts[0]: parts[2] for parts in map(str.split, stream) if len(parts) >= 3}


def listed(corpus_texts: list[str]) -> list[tuple[str, int, int]]:
    after_name, after_field = counted(corpus_texts)
    tag = tags()
    return sorted((word, n, after_field[word]) for word, n in after_name.items()
                  if n >= MIN_AFTER_NAME and n >= RATIO * after_field[word] and len(word) == 2
                  and tag.get(word) in ACTING_TAGS)


def output(rows: list[tuple[str, int, int]], n_files: int) -> str:
    today = date.today().isoformat()
    lines = [
        "# Two-character words written right after an institution's name and (almost) never after its field of work",
        "# (the name less its one-character type word): <word>\\t<times after a name>\\t<times after a field>.",
        f"# Listed: {MIN_AFTER_NAME}+ times after a name and {RATIO}+ times as often as after a field, tagged"
        f" {'/'.join(sorted(ACTING_TAGS))} in jieba's dictionary (see the generator).",
        "# used by: TYP022",
        "# source: counted by build_body_words.py from data/institution_bodies.txt, data/protected_phrases.toml,"
        " jieba's dict.txt (its tags), the tuning half of shared/corpus/clean, shared/corpus/laws and shared/corpus/docx, less the checking"
        " half's copies (build_sources.py); status read",
        f"# checked: {today}",
        f"# Generated by build_body_words.py on {today} from {n_files} files; do not edit.",
    ]
    lines += [f"{word}\t{n}\t{m}" for word, n, m in rows]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    corpus_texts = texts(Path(sys.argv[1]))
    rows = listed(corpus_texts)
    (HERE / OUTPUT).write_text(output(rows, len(corpus_texts)), encoding="utf-8")
    print(f"wrote {HERE / OUTPUT}: {len(rows)} words")
