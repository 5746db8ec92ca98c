"""Derive ``name_gaps.txt``: institution names, meetings and posts less one character inside
them (县市场监管理局, 国务院常会议, 县人民检院), each with the whole name, for TYP022.

Run after ``institution_bodies.txt`` or the corpus changes (about a minute):
``.venv/bin/python rules/data/build_name_gaps.py ../shared/corpus``

The names: the standard ones of ``institution_bodies.txt`` (alone and after a level, 省 市 县
区 乡 镇) and the strings of ``NAME_LENGTHS``
characters ending in a type word (``TYPE_ENDINGS``) that the texts of the character model
(``build_character_model.texts``: the tuning half of ``clean/``, the statutes, the reports of
``docx/``) write ``MIN_NAME`` times or more. A name less one character (not its last: TYP021's)
is listed when

- the character left out is no function character (发展改革委 less 和 is the official short form)
  and no numeral (第次会议: the number is content);
- official writing never writes what is left (any count: a short form it uses is established,
  人大常委会, 市场监管局, 发展改革局; a one-off cut is not);
- what is left is no listed name itself, nor a level and a listed body (县生态环境局 of 县生态环境分局);
- the gap leaves a character standing alone: jieba's segmentation of what is left has a
  one-character word, past its first character, where the whole name's has none (市场|监|管理局
  for 市场|监督|管理局; not 市场监督管理局 for 市场监督管理总局, nor 第三会议 for 第三次会议,
  nor 乡卫生院 for 乡镇卫生院: a shorter name that reads whole is another name, not a cut),
  or the two characters it brings together are never written side by side in those texts
  (乡设 of 住房和城乡设局, where jieba reads 设局 as a word).

A body after a level whose type word has three characters (``CLOSED_TYPE_WORDS``: 委员会, 常委会,
办事处, 办公室) less a character of that type word is listed where official writing never writes what
is left, though the segmenter reads it as words (县监察委会: 监察|委会; 区人大常会: 人大|常会; 街道办处):
a short form shortens the field (发改局, 融媒中心) or drops the type word's tail whole (卫健委, 县人大常委),
never one character out of its middle, and the level says a body's name begins there. Not where the
level and the next character make a word (县政, 市民: the level may be no level there).

A Party committee's working bodies (``party_bodies.txt``) are names after a level and 委
(县委组织部: 县委组部 is listed the same way; 县宣传部, less the 委, is how people name it).

A gap that takes the first character of a three-character type word whose last two official
writing writes only inside it (人民政府⟦办⟧公室: 公室) is listed too, though jieba reads the rest
as words.

Posts are anchored by their body's last character(s) (``post_contexts.txt``: 局副局长,
室副主任, 委副书记) and a level by a body of three characters (县教育局): both may leave three
characters (室副任, 县教局), and a post's first character is never the one left out (局工程师 is
another post). A post less its LAST character (室副主 of 室副主任) is listed where official
writing never writes the rest without it (``last_character_gaps``).

A string that holds a shorter listed one with the same gap is left out (the shorter one finds
every place the longer one would).

A name or protected formulation (``protected_phrases.toml``, ``institution_bodies.txt``) less
its FIRST character is the end of the whole, so it is listed only where official writing writes
it ``MIN_NAME`` times or more and never without that character before it (近平新时代中国特色
社会主义思想, 面从严治党), and where its first character then stands alone: TYP022 reports it
where the character before is another one that makes no word with it (村民代表大会 is no cut).
Each line::

    <what is left>\t<the whole name>

``gongwen.rules.cut_names`` reads it.
"""
from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import ahocorasick_rs

from build_character_model import texts
from gongwen.analysis import lexicon
from gongwen.analysis.evidence import domain_segmenter, is_word
from gongwen.rules.cut_names import WHOLE_TYPE_ENDINGS, posts
from gongwen.rules.protected import phrase_texts

HERE = Path(__file__).parent
OUTPUT = "name_gaps.txt"
BODIES = "institution_bodies.txt"
# A Party committee's working bodies are written after the committee: a level and 委 (县委组织部);
# a township's committee is its 党委 (镇党委办公室), not listed.
PARTY_BODIES = "party_bodies.txt"
COMMITTEE = "委"
PARTY_LEVELS = "省市县区"
TYPE_ENDINGS = ("局", "厅", "部", "院") + WHOLE_TYPE_ENDINGS
NAME_LENGTHS = range(5, 11)
MIN_NAME = 5
MIN_LEFT = 4
# A post after its body's last character (局副局长) or a level and a body of three characters
# (县教育局) is a closed unit whose anchor is given, not counted: three characters may be left.
MIN_LEFT_ANCHORED = 3
SHORT_BODY_ENDINGS = "局所院馆部"
LEVELS = "省市县区乡镇"
# Left out, the official short form (发展改革委, 住房城乡建设局), a list (自然资源等部) or a
# phrase (领导小组及办公室).
FUNCTION_CHARS = "和与及其的之暨并或等"
# Type words one closed word each: no official short form takes one character out of them (see the
# module's docstring); two-character ones are left out, their first character taken leaves another
# type word (消防救援⟦大⟧队, 人民代表⟦大⟧会).
CLOSED_TYPE_WORDS = ("委员会", "常委会", "办事处", "办公室")
# A brigade's type word less its first character leaves 队, a type word of its own: 农业综合行政执法队,
# 消防救援队, 工作队 are names of another rank, not 大队 or 支队 cut short.
TEAM_TYPE_WORDS = ("大队", "支队")
HAN = re.compile(r"[\u4e00-\u9fff]+")


def corpus_names(corpus_texts: list[str]) -> set[str]:
    endings = re.compile("|".join(sorted(map(re.escape, TYPE_ENDINGS), key=len, reverse=True)))
    counts: Counter = Counter()
    for text in corpus_texts:
        for run in HAN.findall(text):
            for m in endings.finditer(run):
                counts.update(run[m.end() - n:m.end()] for n in NAME_LENGTHS if m.end() >= n)
    return {name for name, n in counts.items() if n >= MIN_NAME}


def gaps(name: str, min_left: int = MIN_LEFT, first: int = 1) -> list[tuple[str, int]]:
    """(what is left, the place left out) of ``name`` less one character from ``first`` on, its
    first and last kept (a name less its first character is the end of another string). A
    numeral left out is content, not a character of the name (第次会议: which number, the text
    cannot say; the ordinal rules report 第次); nor is the first character of 大队 or 支队, which
    leaves a team's name (``TEAM_TYPE_WORDS``)."""
    return [(name[:i] + name[i + 1:], i) for i in range(max(first, 1), len(name) - 1)
            if name[i] not in FUNCTION_CHARS and name[i] not in numerals() and len(name) - 1 >= min_left
            and not (i == len(name) - 2 and name.endswith(TEAM_TYPE_WORDS))]


def all_bodies() -> frozenset[str]:
    """The listed bodies: the state's and the Party committee's (also after a level alone, 县组织部)."""
    return lexicon.words(BODIES) | lexicon.words(PARTY_BODIES)


def short_bodies() -> list[str]:
    """A level and a body of three characters ending in an office's type character (县教育局,
    市民政局, 镇财政所; not a post, 县副书记 less 副 is 县书记): less a character inside the body,
    three are left (县教局), which official writing never writes for it."""
    return [level + body for body in sorted(all_bodies())
            if len(body) == 3 and body[-1] in SHORT_BODY_ENDINGS for level in LEVELS]


def numerals() -> str:
    return tomllib.loads(lexicon.text("protected_phrases.toml"))["numerals"]


def lone_characters(s: str) -> set[int]:
    """Where jieba's segmentation (no HMM) of ``s`` has a one-character word."""
    places, at = set(), 0
    for word in domain_segmenter().cut(s, HMM=False):
        if len(word) == 1:
            places.add(at)
        at += len(word)
    return places


def leaves_lone_character(left: str, name: str, gap: int) -> bool:
    """Whether ``left`` (``name`` less its character at ``gap``) has a one-character word past
    its first character where ``name`` has none."""
    whole = lone_characters(name)
    return any(j > 0 and (j if j < gap else j + 1) not in whole for j in lone_characters(left))


def listed(corpus_texts: list[str]) -> list[tuple[str, str]]:
    bodies = set(all_bodies())
    names = corpus_names(corpus_texts) | bodies
    candidates: dict[str, tuple[str, int]] = {}
    for name in sorted(names):
        for left, gap in gaps(name):
            candidates.setdefault(left, (name, gap))
    # A body after a level: the level keeps a gap at the body's start a gap inside
    # (市共资源交易中心), and the body's first character can stand alone (县自资源局).
    closed = set()
    for body in sorted(bodies):
        for level in LEVELS:
            for left, gap in gaps(level + body):
                candidates.setdefault(left, (level + body, gap))
                if candidates[left] == (level + body, gap) and cuts_closed_type_word(level + body, gap, left):
                    closed.add(left)
    # Not 委 itself: 县宣传部 is how people name the county committee's department.
    for body in sorted(lexicon.words(PARTY_BODIES)):
        for level in PARTY_LEVELS:
            for left, gap in gaps(level + COMMITTEE + body, first=len(level + COMMITTEE)):
                candidates.setdefault(left, (level + COMMITTEE + body, gap))
    for name in short_bodies():
        for left, gap in gaps(name, MIN_LEFT_ANCHORED):
            candidates.setdefault(left, (name, gap))
    for name, start in sorted(posts().items()):
        # Not the post's first character: 局⟦总⟧工程师 leaves another post (局工程师).
        for left, gap in gaps(name, MIN_LEFT_ANCHORED, start + 1):
            candidates.setdefault(left, (name, gap))
    names |= set(posts())
    keys = sorted(left for left in candidates if left not in names and not _level_and_body(left, bodies))
    seen = set()
    automaton = ahocorasick_rs.AhoCorasick(keys)
    for text in corpus_texts:
        seen.update(keys[k] for k, _, _ in automaton.find_matches_as_indexes(text, overlapping=True))
    pairs: Counter = Counter()
    for text in corpus_texts:
        for run in HAN.findall(text):
            pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    remnants = type_word_remnants(corpus_texts)
    kept = {left: candidates[left] for left in keys
            if left not in seen and (left in closed or leaves_lone_character(left, *candidates[left])
                                     or not pairs[left[candidates[left][1] - 1:candidates[left][1] + 1]]
                                     or cuts_type_word(*candidates[left], remnants))}
    return sorted((left, name) for left, (name, gap) in kept.items()
                  if not _holds_shorter(left, gap, kept))


def _level_and_body(left: str, bodies: set[str]) -> bool:
    """Whether ``left`` is a level and another listed body (县生态环境局 of 县生态环境分局 less 分):
    no cut, whatever the segmenter reads. Listed bodies only: the corpus's names hold the ends of
    longer ones (高人民法院 of 最高人民法院), and 县高人民法院 is a cut."""
    return left[0] in LEVELS and left[1:] in bodies


def cuts_closed_type_word(name: str, gap: int, left: str) -> bool:
    """Whether ``left``, a level and a body (``name``) less the character at ``gap``, lost a
    character of the body's closed type word (县监察委⟦员⟧会), the level standing as one (县政 and
    市民 are words: no level there)."""
    return (any(name.endswith(word) and gap >= len(name) - len(word) for word in CLOSED_TYPE_WORDS)
            and not is_word(left[:2]))


def type_word_remnants(corpus_texts: list[str]) -> frozenset[str]:
    """The type words of three characters (办公室) whose last two official writing writes only
    inside them (公室: its count equals 办公室's; not 员会 of 委员会, written in 成员会议)."""
    found = set()
    for word in (w for w in TYPE_ENDINGS if len(w) == 3):
        if sum(t.count(word) for t in corpus_texts) == sum(t.count(word[1:]) for t in corpus_texts):
            found.add(word)
    return frozenset(found)


def cuts_type_word(name: str, gap: int, remnants: frozenset[str]) -> bool:
    """Whether the gap takes the first character of the name's type word and leaves a remnant
    written nowhere else (人民政府⟦办⟧公室: jieba reads 公室 as a word, so no character stands
    alone, yet 公室 is written only inside 办公室)."""
    return any(name.endswith(word) and gap == len(name) - len(word) for word in remnants)


def _holds_shorter(left: str, gap: int, kept: dict[str, tuple[str, int]]) -> bool:
    """Whether a shorter listed string lies inside ``left`` across its gap (between
    left[gap - 1] and left[gap])."""
    return any(left[i:j] in kept for i in range(0, gap) for j in range(gap + 1, len(left) + 1)
               if (i, j) != (0, len(left)) and j - i >= MIN_LEFT_ANCHORED)


def last_character_gaps(corpus_texts: list[str]) -> list[tuple[str, str]]:
    """(the rest, the whole) of each post after its body (``post_contexts.txt``) less its LAST
    character (室副主⟦任⟧王建军, 委副书⟦记⟧、), where official writing never writes the rest
    without that character after it (the count of the rest equals the count of the whole; 会主席
    of 会主席团 is written alone, so it is left out). TYP022 reports it where the character after
    is another one that makes no word with the rest's last (局党组成立 is no cut)."""
    wholes = sorted(name for name, start in posts().items()
                    if len(name) - 1 >= MIN_LEFT_ANCHORED and len(name) - start >= 2)
    rests = sorted({whole[:-1] for whole in wholes} - set(wholes))
    keys = wholes + rests
    counts: Counter = Counter()
    automaton = ahocorasick_rs.AhoCorasick(keys)
    for text in corpus_texts:
        counts.update(keys[k] for k, _, _ in automaton.find_matches_as_indexes(text, overlapping=True))
    totals: Counter = Counter()
    for whole in wholes:
        totals[whole[:-1]] += counts[whole]
    return sorted((whole[:-1], whole) for whole in wholes
                  if whole[:-1] in rests and counts[whole[:-1]] == totals[whole[:-1]])


def first_character_gaps(corpus_texts: list[str]) -> list[tuple[str, str]]:
    """(the rest, the whole) of each protected phrase and listed body whose rest official writing
    writes ``MIN_NAME`` times or more, always after the first character (the count of the whole
    equals the count of the rest), and whose first character stands alone there (民|检察院,
    面|从严|治党; not 质量|发展, a phrase of its own)."""
    wholes = sorted({text for _, text in phrase_texts() if "#" not in text} | set(all_bodies()))
    rests = sorted({whole[1:] for whole in wholes if len(whole) - 1 >= MIN_LEFT and whole[0] not in FUNCTION_CHARS})
    counts: Counter = Counter()
    automaton = ahocorasick_rs.AhoCorasick(wholes + rests)
    keys = wholes + rests
    for text in corpus_texts:
        counts.update(keys[k] for k, _, _ in automaton.find_matches_as_indexes(text, overlapping=True))
    return sorted((whole[1:], whole) for whole in wholes
                  if whole[1:] in rests and counts[whole[1:]] >= MIN_NAME
                  and counts[whole[1:]] == counts[whole] and 0 in lone_characters(whole[1:]))


def _one_whole(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Of rests two wholes share (室主任, 室主席 less their last: 室主), neither: the fix would
    guess."""
    wholes = Counter(rest for rest, _ in rows)
    return [(rest, whole) for rest, whole in rows if wholes[rest] == 1]


def output(rows: list[tuple[str, str]], n_files: int) -> str:
    today = date.today().isoformat()
    lines = [
        "# Institution names, meetings and posts less one character inside them, that official writing",
        "# never writes and whose gap leaves a character standing alone or, after a level, cuts a closed type word:",
        "# <what is left>\\t<the whole name>.",
        "# used by: TYP022",
        "# source: counted by build_name_gaps.py from data/institution_bodies.txt, the tuning half of shared/corpus/clean,"
        " shared/corpus/laws and shared/corpus/docx, less the checking half's copies (build_sources.py); status read",
        f"# checked: {today}",
        f"# Generated by build_name_gaps.py on {today} from {n_files} files; do not edit.",
    ]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    corpus_texts = texts(Path(argv[0]))
    rows = sorted(set(listed(corpus_texts)) | set(first_character_gaps(corpus_texts))
                  | set(_one_whole(last_character_gaps(corpus_texts))))
    (HERE / OUTPUT).write_text(output(rows, len(corpus_texts)), encoding="utf-8")
    print(f"{len(rows)} strings from {len(corpus_texts)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
