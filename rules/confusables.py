"""Wrong characters that sound or look like the right one (错别字): 发展机智, 总休方案, 截止2024年底.

Two sources of evidence, both data in ``rules/data/``:
- a curated table of the pairs official writing gets wrong most (``confusable_words.toml``,
  each with its source), for slips that make another word (截止/截至, 做出/作出);
- a character trigram model of official writing (``official_trigrams.txt``) with the characters
  a slip could stand for (``character_candidates.txt``: pypinyin readings, four-corner codes,
  pycorrector's shape groups and characters one stroke or one part apart by their components),
  both built by ``build_character_model.py``, and the segmentation
  dictionary's words: a character the model finds out of place, that makes no word, while one
  candidate makes a common word the model expects (机智 → 机制).
All files are read on first use.
"""
from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import repeat
from typing import Callable, Iterable, Iterator

import regex

from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon, screen_backoff, shared_scan
from gongwen.analysis.screen_backoff import COMMON_WORD
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.kinds import LiteralMatcher
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.char_model import (MODERN_SINCE, candidates, collocation_count, model, official_pairs,
                                         official_word_heads, official_words_beginning)
from gongwen.analysis.count_units import unit_slips
from gongwen.analysis.numeral_slips import in_word, reads_as_count
from gongwen.analysis.evidence import (PARALLEL, SHORT_QUOTE, USUAL, covered_by_word, in_parallel_frame,
                                      in_parallel_phrase, in_short_quote, is_word, pair_count, word_count,
                                      words_beginning)
from gongwen.analysis.outline import written_year
from gongwen.analysis.person_names import names_person_after_noun, names_person_after_post, names_person_at
from gongwen.analysis.single_char_lists import first_of_single_char_list
from gongwen.analysis.usage_words import IN_USE_ZIPF, in_use  # noqa: F401 (IN_USE_ZIPF: the rule's threshold, named here)
from gongwen.rules.characters import script_tables

# How much likelier (natural log of the character model's score) the substitute must make
# the text than the character as written, and than the next candidate: tuned on the tuning
# part of fixtures/typos and the tuning half of the corpus.
MARGIN = 8.0
RUNNER_UP_GAP = 1.0
# Where no candidate has a known trigram through a place, the dictionary's back-off
# (``screen_backoff``) asks the model to prefer its one substitute by this much: e^5, about
# 150 times. 4 (MARGIN / 2) took 6 more right slips of the tuning sets and 2 of their correct
# sentences and 2 more false reports on the corpus's tuning half (round 24). Asked only when
# ``screen_backoff.ON`` (on since round 28; round 27 measured it right often enough, too costly).
BACKOFF_MARGIN = 5.0
# A near reading or a similar shape is a less likely slip than the same reading.
_PENALTY = {"same": 0.0, "near": 1.5, "shape": 1.0}
# When the character as written makes a word too (机智), the model must prefer the substitute
# by this much more, and the substitute's word be this many times as common (机制 4,138 / 281).
WORD_MARGIN = 10.0
WORD_RATIO = 10
_HALF_WORD_RATIO = WORD_RATIO ** 0.5
# Where neither the dictionary nor official writing counts the substitute's word FREQUENT_WORD
# times, a larger margin of the model stands in: the count it needs falls e times for every
# RARE_WORD_SCALE of margin beyond MARGIN (``words_needed``).
RARE_WORD_SCALE = 4.0
# The word the substitute makes must be at least this common (jieba's count: 老龄化 73; or the
# character model's, for a word official writing made common since: 短板 121).
FREQUENT_WORD = COMMON_WORD  # 50: the back-off's screen asks the same of its words
# A word the dictionary lacks or undercounts counts as common when official writing writes it
# this often as a unit (``data/official_words.txt``: 老旧小区, 接诉即办; counted over some 12
# million characters, a fifth of jieba's corpus or less).
OFFICIAL_WORD = 10
# A confident report (TYP014) needs more: no dictionary word as written, of up to this many
# characters (不合时宜, 上下同欲者胜); and a character official writing uses fewer than
# RARE_CHAR times, written REPEATED times or more in one document, is that document's name.
LONGEST_WORD = 8
RARE_CHAR = 100
REPEATED = 3
# A form general usage has but official writing uses fewer times than this as a unit (机智 0)
# is judged by its context (``_out_of_place``): the substitute's word with two characters beside
# it must make a window official writing writes this often (发展机制 38, 服务水平 99; 涵养水源 8).
RARE_FORM = 2
COLLOCATION = 10
# As the candidates table's substitutes (build_character_model.COMMON): a character official
# writing uses fewer times than this, written in an everyday word (攸关), was chosen on purpose.
COMMON_CHAR = 20
# An enterprise's trade name (字号) is two to three characters after its division's name, and
# the whole name after the division rarely longer than this: 好味来餐饮店, 青禾农业发展有限公司.
TRADE_NAME = 3
ENTERPRISE_NAME = 12
# An organ's name after its level, up to its ending: 教育局, 农业农村局, 市场监督管理局.
ORGAN_NAME = 8
# A line's or group's name before its ending: two place abbreviations (沪通), three for a line
# through three countries (中吉乌).
LINE_NAME = 3
# A natural feature's name before its ending: two characters (滆湖 one, 董志塬 two).
PLACE_NAME = 2
# A comparison's closing word (像石榴籽一样) follows its opening within this many characters.
COMPARISON = 12
# An item of an enumeration this short is often a name compressed to fit (医药、环保、标检);
# one of four characters is mostly a phrase (扩大开放、走向未来), where slips are judged as anywhere.
SHORT_ITEM = 3
_HAN_RUN = lazy_regex.compile(r"\p{Han}{2,}")
_HAN = lazy_regex.compile(r"\p{Han}")
_HAN_AFTER = lazy_regex.compile(r"\p{Han}*")
_HAN_BEFORE = lazy_regex.compile(r"\p{Han}*", regex.REVERSE)
_CLAUSE = lazy_regex.compile(r"[^，。；！？：\n]*")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")
_SCREEN_NUMERALS = "".join(sorted(_NUMERALS))


@dataclass(frozen=True)
class Pair:
    wrong: str
    right: str
    next: regex.Pattern | None
    status: str
    source: str
    checked: str
    since: int | None = None  # the year the usage was settled; earlier documents are not judged
    unless: regex.Pattern | None = None  # what after the form reads it another way (以|经批准的…为)


@cache
def curated() -> LiteralMatcher:
    data = lexicon.table("confusable_words.toml")
    pairs = {p["wrong"]: Pair(p["wrong"], p["right"], lazy_regex.compile(p["next"]) if "next" in p else None,
                              p["status"], p["source"], str(p["checked"]), p.get("since"),
                              lazy_regex.compile(p["unless"]) if "unless" in p else None) for p in data["pair"]}
    return LiteralMatcher(pairs, [e for p in data["pair"] for e in p.get("except", ())])




@dataclass(frozen=True)
class Suspect:
    at: int
    written: str
    meant: str
    word: str  # the dictionary word the substitute makes
    margin: float  # how much likelier (natural log) the character model finds the substitute
    word_at: int  # where that word starts in the text
    run_start: int = 0  # where the run of Han characters holding it starts in the text


def suspects(text: str, vetoed: Callable[[int, int, int], bool] | None = None,
             places: dict[int, str | None] | None = None) -> list[Suspect]:
    """Characters that official writing would not put there while exactly one character that
    sounds or looks like them would (发展机智 → 机制, 总休方案 → 总体). A character is judged
    only when no trigram around it is known to the character model; then it is reported when
    - it makes no dictionary word with its neighbours (the text as written is no word), or
      only a word much rarer than the substitute's, and the model's preference is stronger still,
    - one substitute from its candidates (same or near reading, similar shape) scores at least
      ``MARGIN`` better under the model, counting the reading or shape it differs by, and
      ``RUNNER_UP_GAP`` better than any other candidate (one repair, not a guess among many),
    - and that substitute makes a dictionary word used ``FREQUENT_WORD`` times or more (by the
      dictionary's count, or by official writing's where it knows the word there: ``_common_here``)
      which takes no character from a word on its other side (炼铁炉 is no 铁路: 铁 is 炼铁's), and a
      trigram the model knows (nonsense around a word is no context: 丙庚地 is not 丙耕地).
    Not judged: numerals read as numbers (``numeral_slips.reads_as_count``: 三个, 3万; ``in_word``: 零增长;
    四想 for 思想 is judged), traditional characters (TYP010's), runs holding any traditional
    character (a whole text in traditional script), coined terms in short quotations, and the
    places ``vetoed(at, run_start, run_end)`` rules out (asked before the costly search for a
    substitute, so it must not depend on one). ``places``: the positions of ``text`` that
    ``char_screen.screen`` kept, in order, each with the substitute the search would find
    if the screen is sure of it (None: every position no known trigram covers)."""
    found = []
    lm, table = model(), candidates()
    traditional = script_tables()[0].keys()
    for s, start, end, i in _uncovered(lm, text, traditional, places):
        c = s[i]
        at = start + i
        numeral = c in _NUMERALS
        if c not in table or (numeral and reads_as_count(text, at)):
            continue
        if _in_short_quote(text, at) or (vetoed is not None and vetoed(at, start, end)):
            continue
        suspect = _judge_unknown(lm, table, s, i, start, None if places is None else places[at])
        if suspect is not None and not (numeral and in_word(text, at)):  # last: it reads the dictionary
            found.append(suspect)
    return found


def _uncovered(lm, text: str, traditional, places: dict[int, str | None] | None) -> Iterator[tuple[str, int, int, int]]:
    """The positions of ``text`` that no known trigram covers, in runs of Han characters
    without a traditional one, as (run, run start, run end, position in the run); with
    ``places``, only those (the screen has found them uncovered)."""
    if places is None:
        for run in _HAN_RUN.finditer(text):
            s = run.group()
            if traditional.isdisjoint(s):
                for i in lm.uncovered(s):
                    yield s, run.start(), run.end(), i
        return
    start = end = -1
    for at in places:  # in order: a run holding many places is found and tested once
        if not start <= at < end:
            start, end = _HAN_BEFORE.match(text, 0, at).start(), _HAN_AFTER.match(text, at).end()
            s = text[start:end]
            plain = traditional.isdisjoint(s)
        if plain:
            yield s, start, end, at - start


def _in_short_quote(text: str, at: int) -> bool:
    return in_short_quote(text, at, SHORT_QUOTE)


def plausible_suspects(text: str, document_text: str,
                       places: dict[int, str | None] | None = None) -> list[Suspect]:
    """The suspects of ``suspects`` that nothing in the text around them explains (TYP013):
    - the character is no function character standing alone between words (``_stands_alone``:
      地, 又, 去 in 坚定不移地去实现; 已 in 予已处罚 follows no word, and is judged);
    - it is no slot of a parallel frame (``in_parallel_frame``: 政企分开、政资分开, 先证后照改为先照后证);
    - the characters the substitute's word would take, as written, are neither a form of general
      usage (``_in_general_usage``: 河北建投, 城乡接合部) nor one the document writes again
      (``_used_again``: a term of its own), unless official writing's context calls for the
      substitute (``_out_of_place``: 保障机智);
    - no word through it, as written, stands elsewhere in the document as a whole run of Han
      characters (``_named_alone``: a title's （试行） makes 起试行 the rule's own word);
    - it opens no name of a place people live in (``_opens_place_name``: 服务望湖社区) and is
      in no enterprise's trade name (``_in_trade_name``: 明岭区好味来餐饮店);
    - where the substitute's word would end at it, it opens no organ's name after its level
      (``_opens_organ_name``: 在|县教育局), no person's name after a noun saying what the
      person is (``names_person_after_noun``: 居民|韦志明在) and no post holder's name after the
      post, which the substitute's word would break (``names_person_after_post``: 董事长|蒋明远);
    - it is no one-character verb before its complement (``_verb_and_complement``: 蹲在), no
      sector's abbreviation opening a coordinate before a joining word (``_in_compressed_coordinate``:
      乡|茶旅融合) and in no half of a four-character phrase the substitute's word would tear
      (``_in_parallel_halves``: 学思|践悟);
    - it heads no name of a stretch the substitute's word is another name of (``_names_a_stretch``:
      堤段 is no 地段);
    - where its substitute is the dictionary back-off's (``_backed_off``; only with
      ``screen_backoff.ON``, on since round 28), it is in no name, no compressed phrase and no
      coordinate of places' abbreviations, and the substitute
      keeps the written character's commonest reading and takes no pair general usage lists
      (``backoff_vetoes``: 副县长骆国栋主持, 梧塘镇, 限塑减废, 投喂, 北延线).
    The first two do not depend on the substitute and are asked before it is searched for.
    ``places``: as for ``suspects``."""
    def vetoed(at: int, start: int, end: int) -> bool:
        return _between_words(text, start, end, at) or in_parallel_frame(text, at) or _set_phrase(text, start, end, at)

    found, runs = [], {}
    for suspect in suspects(text, vetoed, places):
        run = runs.get(suspect.run_start)
        if run is None:  # once per run: a run can hold a suspect every few characters
            run = runs[suspect.run_start] = _HAN_RUN.match(text, suspect.run_start).group()
        word_at = suspect.word_at - suspect.run_start
        if _used_again(document_text, run[word_at:word_at + len(suspect.word)]):
            continue
        if _named_alone(document_text, run, suspect.at - suspect.run_start):
            continue
        if _in_general_usage(run, word_at, len(suspect.word)) and not _out_of_place(run, word_at, suspect.word):
            continue
        if (_opens_place_name(text, suspect) or _in_trade_name(text, suspect.at) or _in_line_name(text, suspect.at)
                or _in_natural_feature_name(text, suspect.at) or _opens_comparison(text, suspect.at)):
            continue
        if _ends_word_before_name(suspect) and (_opens_organ_name(text, suspect.at)
                                                 or names_person_after_noun(text, suspect.at)
                                                 or names_person_after_post(text, suspect.at, suspect.word_at)):
            continue
        if _verb_and_complement(run, suspect.at - suspect.run_start, word_at, suspect.meant):
            continue
        if (_in_compressed_coordinate(text, suspect)
                or _in_parallel_halves(run, suspect.at - suspect.run_start, word_at, suspect)):
            continue
        if _names_a_stretch(run, suspect.at - suspect.run_start, word_at, suspect.word):
            continue
        if screen_backoff.ON and _backed_off(run, suspect.at - suspect.run_start, suspect.meant):
            from gongwen.analysis import backoff_vetoes  # deferred: read only where the back-off is on

            if backoff_vetoes.vetoed(text, suspect.at, suspect.word_at, len(suspect.word), suspect.meant):
                continue
        found.append(suspect)
    return found


def _verb_and_complement(run: str, i: int, word_at: int, meant: str) -> bool:
    """Whether run[i] is a one-character verb and run[i + 1] its complement, where the
    substitute's word would open at run[i] and take the complement, and official writing does
    not go on from that word as the text does (蹲在茶垄间 is no 存在: 存在田, 存在路 and 存在大 are
    no trigram of the model). The verb is one Chinese writes as a word on its own
    (``verbs_alone.txt``, TYP023's list from jieba's counts, less the function characters: the
    prepositions 至, 从, 向 take no complement), the complement one of the closed set
    (``verb_complements.txt``: 在, 到, 着, 成, 出 …): the pair is rare in official writing because
    the verb is (蹲, 抬, 嵌), not because a word was mistyped. But where the model knows the
    substitute's word with the next character (作出重 32 times, 提出整 11, 潜在风 6), the written
    trigram being unknown by the screen's own test, official writing's reading of the place wins:
    坐出重要部署 is still 作出, 嵌在风险 潜在. At a run's end nothing follows to weigh, and the
    suspect stands (会议踢出，: a locative complement has an object, other complements may end a
    clause as a slipped word does)."""
    return (word_at == i and i + 2 < len(run) and run[i + 1] in _complements()
            and run[i] in _verbs_written_alone() and not model().count(meant + run[i + 1], run[i + 2]))


def _in_compressed_coordinate(text: str, suspect: Suspect) -> bool:
    """Whether the suspect opens a compressed coordinate of one-character abbreviations right
    before a word that joins what comes before it (``joining_words.txt``: 融合, 结合, 联动), and
    the substitute's word would end at it, taking the character before: 茶旅融合, 农文旅融合 and
    产城融合 name two or three sectors by a character each, a pair no dictionary or model of
    words knows and a writer coins freely, while the joining word says where the coordinate
    starts (杏岭乡|茶旅融合 is no 乡村). A word the substitute would open there is judged as
    anywhere: the slip then lies inside the coordinate (乡村振兴与闻旅融合 → 文旅)."""
    at = suspect.at
    if not (_ends_word_before_name(suspect) and suspect.word_at < at):
        return False
    joining = _joining_words()
    return any(text.startswith(joining, at + n) and _HAN_RUN.fullmatch(text, at, at + n) is not None
               for n in (2, 3))


def _names_a_stretch(run: str, i: int, word_at: int, word: str) -> bool:
    """Whether run[i] heads a two-character dictionary word naming a stretch of a thing
    (``stretch_suffixes.txt``: 段), where the substitute's word is the same suffix after another
    head: the head is a noun of one character (``single_char_nouns.txt``, jieba's tag n: 堤, 路,
    河, 坝), so the text names a stretch of it (堤段, like 路段, 河段, 坝段), and the dictionary's
    counts weigh two names of stretches (地段 423 against 堤段 8), not a slip. A pair no
    dictionary lists (街段 for 阶段) is judged as anywhere; a slip that makes another such name
    (黄金堤段 for 地段) is not found."""
    return (len(word) == 2 and word_at == i and i + 1 < len(run) and run[i + 1] == word[1]
            and word[1] in _stretch_suffixes() and run[i] in _single_char_nouns() and is_word(run[i:i + 2]))


@cache
def _stretch_suffixes() -> frozenset[str]:
    return lexicon.words("stretch_suffixes.txt")


@cache
def _single_char_nouns() -> frozenset[str]:
    return lexicon.words("single_char_nouns.txt")


@cache
def _joining_words() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("joining_words.txt")))


def _in_parallel_halves(run: str, i: int, word_at: int, suspect: Suspect) -> bool:
    """Whether run[i] stands in a four-character phrase of two halves (AX|BY) that the text
    sets apart as a unit, whose half holding run[i] is a pair official writing writes as a
    unit (``phrase_count``, ``USUAL`` times or more), while the substitute's two-character word
    would take the phrase's middle, one character of each half, and make a phrase official writing never
    writes: the text as written reads as two halves, the slip reading tears the known one apart
    (学思|践悟: 学思 6 times as a unit, 思践 never; 学思实践 no phrase, where 实践 would stand). A formula
    the repair restores is written (稳中求进, 凝心聚力), and its slip stays judged. The phrase is
    set apart by its neighbours: at each edge its run ends, or a dictionary word ends or starts
    and none crosses it (``_cut_at``: 坚持|学思践悟，; not 抓好扬|尘管空和, where no word ends at 扬,
    nor 公益|性股灰堂, where 公益性 crosses), and it holds no function character
    (空和 is a pair of 和's). ``word_at``: where the substitute's word starts in ``run``."""
    if len(suspect.word) != 2:
        return False
    k = word_at - 1  # the phrase's start: the word is its middle
    if k < 0 or k + 4 > len(run) or not k < i < k + 3:
        return False
    if not (_cut_at(run, k) and _cut_at(run, k + 4)) or not _function_chars().isdisjoint(run[k:k + 4]):
        return False
    lm = model()
    half = k if i == k + 1 else k + 2
    phrase = run[k:i] + suspect.meant + run[i + 1:k + 4]
    return lm.phrase_count(run[half:half + 2]) >= USUAL and not _written_together(lm, phrase)


def _cut_at(run: str, k: int) -> bool:
    """Whether a reader cuts the run between run[k - 1] and run[k]: one of them is the run's
    edge, one of them is a function character (要|学思践悟, 学思践悟|中), or a dictionary word of
    two to four characters ends or starts there and none crosses it (坚持|学思: 公益|性股 is
    crossed by 公益性)."""
    if k == 0 or k >= len(run) or run[k - 1] in _function_chars() or run[k] in _function_chars():
        return True
    if any(is_word(run[j:m]) for j in range(max(0, k - 3), k) for m in range(k + 1, min(len(run), j + 4) + 1)):
        return False
    return (any(is_word(run[j:k]) for j in range(max(0, k - 4), k - 1))
            or any(is_word(run[k:m]) for m in range(k + 2, min(len(run), k + 4) + 1)))


@cache
def _verbs_written_alone() -> frozenset[str]:
    from gongwen.rules.word_gaps import verbs_alone  # TYP023's list, read once

    return verbs_alone() - _function_chars()


@cache
def _complements() -> frozenset[str]:
    return lexicon.words("verb_complements.txt")


def _opens_place_name(text: str, suspect: Suspect) -> bool:
    """Whether the suspect opens a two-character name of a place people live in, right after
    the word the substitute would end there (服务望湖社区: 服务 + 望湖社区, not 服务网): the
    character after it is a Han character they make no word with, and a settlement or street
    ending (``place_name_endings.txt``: 社区, 街道, 村, 路) follows. Names are an open class; the
    slip reading and the name reading cut the run at different places, and only the layout of
    the name says which."""
    at = suspect.at
    return (suspect.word_at + len(suspect.word) == at + 1 and at + 2 < len(text)
            and _HAN_RUN.match(text, at, at + 2) is not None and not is_word(text[at:at + 2])
            and text.startswith(_place_name_endings(), at + 2))


def _in_line_name(text: str, at: int) -> bool:
    """Whether text[at] is among the ``LINE_NAME`` Han characters right before the ending of a
    line's, crossing's or group's name (``line_name_endings.txt``: 铁路, 大桥, 集团): a name of
    place abbreviations (沪通铁路: 上海–南通; 中吉乌铁路) or of the work's own choosing, which a
    model of words cannot judge (推进甬台铁路前期工作 is no 甬抬)."""
    end = _HAN_AFTER.match(text, at + 1, at + 1 + LINE_NAME).end()
    return any(text.startswith(_line_name_endings(), k) for k in range(at + 1, min(end, at + LINE_NAME) + 1))


def _in_natural_feature_name(text: str, at: int) -> bool:
    """Whether text[at] is among the ``PLACE_NAME`` Han characters right before a natural
    feature's ending (``natural_feature_endings.txt``: 河, 湖, 溪, 塬) that the character just
    before the ending seldom pairs with in official writing (under ``USUAL``): the name of a
    river, lake or hill, chosen long ago, which a model of words cannot judge (实施滆湖综合治理,
    位于董志塬以东). A common pair before the ending (清山, 江河) is a word's, not a name's. The
    ending itself is judged as anywhere: a slip writes it in another word's place, joined to the
    character before it (完泉 for 完全) or to the one after (门户湾站 for 网站, 重大峰险 for 风险),
    the same layout as a name's ending before a word (卧牛峰|景区), which only the reader tells
    apart (round 20 left the ending alone too and lost a held-out detection). Nor is a name
    taken across an organ's one-character ending (``organ_suffixes.txt``: 局, 委): 统计局|江州 is
    an organ's name and a place after it, and a slip in 统议局 is judged. An ending that opens a
    dictionary word with the character after it (沟通, 山区) may be that word's: 健全政盖沟通机制 is
    judged (政企)."""
    end = _HAN_AFTER.match(text, at + 1, at + 1 + PLACE_NAME).end()
    features, organs = _natural_feature_endings(), _organ_endings()
    for k in range(at + 1, end):
        if text[k - 1] in organs:
            return False
        if text[k] in features and pair_count(text[k - 1:k + 1]) < USUAL and not is_word(text[k:k + 2]):
            return True
    return False


@cache
def _natural_feature_endings() -> frozenset[str]:
    return lexicon.words("natural_feature_endings.txt")


def _opens_comparison(text: str, at: int) -> bool:
    """Whether text[at] ends a word that opens a comparison (``comparison_frames.txt``: 像, 如同)
    whose closing word (一样, 似的) follows within ``COMPARISON`` characters of the same clause:
    the clause itself says what the word is (各民族像石榴籽一样 is no 民族乡)."""
    openers, closers = _comparison_frames()
    if not any(text.startswith(word, at + 1 - len(word)) for word in openers):
        return False
    clause = _CLAUSE.match(text, at + 1, at + 1 + COMPARISON).group()
    return any(word in clause for word in closers)


@cache
def _comparison_frames() -> tuple[tuple[str, ...], tuple[str, ...]]:
    openers, closers = lexicon.groups("comparison_frames.txt")
    return tuple(openers), tuple(closers)


@cache
def _line_name_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("line_name_endings.txt")))


def _ends_word_before_name(suspect: Suspect) -> bool:
    """Whether the substitute's word ends at the suspect (我在线|, 居民委|): the slip reading
    takes the suspect into the word before it, where a name may open instead."""
    return suspect.word_at + len(suspect.word) == suspect.at + 1


def _opens_organ_name(text: str, at: int) -> bool:
    """Whether text[at] is an administrative level (``level_prefixes.txt``: 县, 市) that opens
    an organ's name: one character or more and an organ's ending (``organ_suffixes.txt``: 局,
    委员会, 医院) follow it within ``ORGAN_NAME`` characters of its run
    (我在|县教育局党组, not 在线). Asked where the substitute's word would end at the level: the
    organ's ending says the level belongs to the name after it, as its own organ's name."""
    if text[at] not in _levels():
        return False
    end = _HAN_AFTER.match(text, at + 1, at + 1 + ORGAN_NAME).end()
    endings = _organ_endings()
    return any(text.startswith(ending, k, end) for k in range(at + 2, end) for ending in endings)


@cache
def _organ_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("organ_suffixes.txt")))


@cache
def _place_name_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words("place_name_endings.txt")))


def _in_trade_name(text: str, at: int) -> bool:
    """Whether text[at] is in an enterprise's trade name (字号): at most ``TRADE_NAME``
    characters after the end of a division's name (蓝川市明岭区|好味来), in a run of Han
    characters that ends with an organisation form (``enterprise_name_parts.txt``: 餐饮店,
    有限公司) at most ``ENTERPRISE_NAME`` characters on. A trade name is chosen freely: 好味来
    is no slip for 未来."""
    divisions, forms = _enterprise_name_parts()
    # Both sides searched only as far as a name reaches: to a long run's ends was linear per call.
    lo = _HAN_BEFORE.match(text, max(0, at - TRADE_NAME), at).start()
    if not any(text[k] in divisions for k in range(lo, at)):
        return False
    end = _HAN_AFTER.match(text, at, at + ENTERPRISE_NAME + 1).end()  # short of the bound: the run ends there
    return end - at <= ENTERPRISE_NAME and text[at:end].endswith(forms)


@cache
def _enterprise_name_parts() -> tuple[frozenset[str], tuple[str, ...]]:
    divisions, forms = lexicon.groups("enterprise_name_parts.txt")
    return divisions, tuple(forms)


def _between_words(text: str, start: int, end: int, at: int) -> bool:
    """Whether text[at], in the run of Han characters text[start:end], is a function character
    standing alone between words (``_stands_alone``) and not glued inside an official word: one
    of its candidates would make, with the characters on both sides of it, a word official
    writing writes ``OFFICIAL_WORD`` times or more (``_glued_in_official_word``: 还 after the
    word 营商 could stand alone, but 营商环境, 231, takes both its neighbours)."""
    skip = _function_chars()
    return (text[at] in skip and _stands_alone(text, start, end, at, skip)
            and not _glued_in_official_word(text, start, end, at))


def _glued_in_official_word(text: str, start: int, end: int, at: int) -> bool:
    """Whether a candidate for text[at] (inside the run text[start:end]) makes a word of
    official writing the dictionary lacks (``official_words_beginning``, written
    ``OFFICIAL_WORD`` times or more) that holds text[at - 1] and text[at + 1] as written. Asked
    of function characters standing alone only: the table is read there, before any search."""
    if not start < at < end - 1 or text[at] not in candidates():
        return False
    alternatives, heads = _alternatives(text[at]), official_word_heads()
    for j in range(max(start, at - 5), at):
        keys = (text[j:j + 2],) if j + 1 < at else tuple(text[j] + alt for alt in alternatives)
        for key in heads.intersection(keys):
            for word, count in official_words_beginning(key).items():
                k = at - j  # where the word has the candidate
                if (count >= OFFICIAL_WORD and len(word) > k + 1 and word[k] in alternatives
                        and text.startswith(word[:k], j) and text.startswith(word[k + 1:], at + 1, end)):
                    return True
    return False


def _stands_alone(text: str, start: int, end: int, at: int, function_chars: frozenset[str]) -> bool:
    """Whether text[at], a function character in the run of Han characters text[start:end], can
    be a word of its own there: it stands between words. Before it: a particle (的, 地, 之)
    follows a phrase, whatever character ends it (大的震动); any other opens the run or follows a
    function character or a dictionary word that ends just before it (相当|或, 首倡|地,
    坚定不移地|去). After it, for both: what follows reads as a word without it
    (``_word_follows``: 又|利于, 将|赴, 大的|震动; not 用于之|持: 持 alone is no word much commoner
    than 支持, so the particle stands in no place of one). An
    adverb, preposition or conjunction after a single character no word ends at (项目建没,
    物资储被, 依法予已), or before one that opens no word and is no word much commoner than
    the word one of its candidates makes with it (国有企业该|革: 改革 19,018, 革 1,242; 增强正|
    治意识), is no word of its own, and is judged like any other character."""
    if text[at] not in _particles() and at != start and text[at - 1] not in function_chars and not any(
            is_word(text[j:at]) for j in range(max(start, at - 4), at - 1)):
        return False
    return _word_follows(text, at, end, function_chars)


def _word_follows(text: str, at: int, end: int, function_chars: frozenset[str]) -> bool:
    """Whether what follows the function character text[at] in the run of Han characters that
    ends at ``end`` reads as a word without it: nothing (the run ends), a function character or
    a numeral, a word of two to four characters (a dictionary word, or one official writing
    writes ``OFFICIAL_WORD`` times or more: ``official_words_beginning``), two characters the
    text wrote within ``PARALLEL`` characters before it (a conjunction joining phrases that open
    alike: 新质生产力|同|新质战斗力, the document's own evidence of a phrase head), or a character that
    is a word of its own ``WORD_RATIO`` times as common as any word a candidate for text[at]
    makes with it, the ratio by which the judge holds one reading of a place to outweigh another
    (将|赴: 赴 4,943, 赶赴 173; not 只|数: 数 10,689, 指数 2,311). The veto spares the judge a
    place only where the reading with the function character alone leaves no doubt."""
    k = at + 1
    if k >= end or text[k] in function_chars or text[k] in _NUMERALS:
        return True
    if any(is_word(text[k:m]) for m in range(k + 2, min(end, k + 4) + 1)):
        return True
    if k + 2 <= end and text.find(text[k:k + 2], max(0, at - PARALLEL), at) >= 0:
        return True  # it repeats the head of the phrase before: 新质生产力|同|新质战斗力
    if k + 2 <= end and any(count >= OFFICIAL_WORD and text.startswith(word, k, end)
                            for word, count in official_words_beginning(text[k:k + 2]).items()):
        return True
    alone = word_count(text[k])
    return text[at] not in candidates() or all(WORD_RATIO * word_count(alt + text[k]) <= alone
                                               for alt in _alternatives(text[at]))


def _out_of_place(s: str, word_at: int, word: str) -> bool:
    """Whether a form general usage has (机智, 水瓶) is out of place here, as official writing
    shows: official writing never uses it as a unit (``RARE_FORM``) but uses its characters
    (``COMMON_CHAR``: an input method's slip writes a common character), and the two-character
    substitute's word makes, with the two characters beside it on either side, a window official
    writing writes ``COLLOCATION`` times or more (长效发展机制, 公共服务水平): the everyday word
    is a slip for the word the context calls for, not a word of its own."""
    written = s[word_at:word_at + 2]
    lm = model()
    if len(word) != 2 or lm.phrase_count(written) >= RARE_FORM:
        return False
    if any(lm.chars.get(c, 0) < COMMON_CHAR for c in written):
        return False  # a rare character (攸关, 匮乏) is a literary word chosen, not a slip typed
    lo = max(0, word_at - 2)  # only the two characters either side: a copy of a long run per call was quadratic
    t = s[lo:word_at] + word + s[word_at + 2:word_at + 4]
    return any(collocation_count(t[a:a + 4]) >= COLLOCATION
               for a in (word_at - 2 - lo, word_at - lo) if a >= 0 and a + 4 <= len(t))


def _judge(lm, table, s: str, i: int, offset: int) -> Suspect | None:
    """The suspect at s[i] of a run of Han characters that starts at ``offset``, if any (the
    tests of ``suspects`` for one character)."""
    c = s[i]
    if c in _NUMERALS or c not in table or _known_context(lm, s, i):
        return None
    return _judge_unknown(lm, table, s, i, offset)


def _judge_unknown(lm, table, s: str, i: int, offset: int, meant: str | None = None) -> Suspect | None:
    """``_judge`` for a character with candidates that no known trigram covers; ``meant``:
    the substitute ``_best_substitute`` finds, if known (the screen's answer), else None: then
    its margin, as the search computes it, is asked after the tests that do not need it.
    Every test reads at most four characters either side of i (``_best_word``'s words and
    their neighbours; the model's trigrams read two), so the verdict is that of the window
    and is remembered by it: a long text repeating one slip judged it anew each time."""
    lo = max(0, i - 4)
    verdict = _window_verdict(lm, s[lo:i + 5], i - lo, meant)
    if verdict is None:
        return None
    meant, word, margin, word_at = verdict
    return Suspect(offset + i, s[i], meant, word, margin, offset + lo + word_at, offset)


@lru_cache(maxsize=1 << 12)
def _window_verdict(lm, s: str, i: int, meant: str | None) -> tuple[str, str, float, int] | None:
    """``_judge_unknown``'s verdict on the window ``s`` around position i: the substitute, its
    word, the margin and where the word starts in ``s``; None if s[i] is no suspect."""
    c = s[i]
    margin = None
    if meant is None:
        best = _best_substitute(lm, s, i, _alternatives(c))
        if best is None:
            return None
        margin, meant = best
    found = _substitute_word(lm, s, i, meant)
    if found is None:
        found = _rare_word(lm, s, i, meant, margin)
        if found is None:
            return None
    word, word_at, written = found
    if margin is None:  # the screen's answer: its margin only now (most places fail the tests above)
        margin = lm.span_score(s, i, meant) - lm.span_score(s, i, c) - _alternatives(c)[meant]
    if written is None or margin >= WORD_MARGIN:
        return meant, word, margin, word_at
    return None


def _substitute_word(lm, s: str, i: int, meant: str) -> tuple[str, int, str | None] | None:
    """The word ``meant`` written at s[i] makes (``_best_word``'s, or an official word's), where
    it starts in s, and the dictionary word the character as written makes there (None if
    none), if the substitute's word is common and outweighs the written one; else None."""
    c = s[i]
    word, word_at = _best_word(s, i, meant, whole=True)
    written = False  # not yet looked for: most windows end before it is needed
    if word and (word_count(word) >= FREQUENT_WORD or _common_here(lm, s, i, meant, word, word_at)):
        written, written_at = _best_word(s, i, c, whole=False)
        if written is not None and word_count(word) < WORD_RATIO * word_count(written):
            word = None
    if not word or written is False:
        # The dictionary gives the substitute no common word, or the written form's word is
        # as common in it: official writing's own words and counts may still tell them apart
        # (适老话: 老化 304 against 老话 111 in the dictionary; 适老化 29 against 老话 0 in
        # official writing). Like is weighed with like, and the written word generously: an
        # official word, counted as a unit, against every time official writing writes the
        # written word's characters together (常委 120, though mostly in 常委会). A written
        # word that reaches past the official word (事业|兴衰 against 事业性) cuts the text
        # elsewhere: it is a reading of its own, not a piece of the official word mistyped.
        official = _official_word(s, i, meant)
        if official is None:
            return None
        word, word_at, frequency = official
        if written is False:
            written, written_at = _best_word(s, i, c, whole=False)
        if written is not None and (frequency < WORD_RATIO * _written_against(lm, s, written, written_at, word, word_at)
                                    or _reads_past(s, i, written, written_at, word, word_at)):
            return None
    if _long_word_reads_past(s, i, word, word_at):
        return None
    return word, word_at, written


def words_needed(margin: float) -> float:
    """How often official writing (or the dictionary) must write the substitute's word for a
    slip the character model prefers by ``margin``: ``FREQUENT_WORD`` at ``MARGIN``, then e times
    fewer for every ``RARE_WORD_SCALE`` of margin beyond it, but never under ``USUAL``. The
    counted texts are a few million characters: a word of today's sector writing (冷链, 稳岗,
    防涝) is written there a handful of times, and the model's preference is then the evidence."""
    return max(USUAL, FREQUENT_WORD * math.exp(-(margin - MARGIN) / RARE_WORD_SCALE))


def _rare_word(lm, s: str, i: int, meant: str, margin: float | None) -> tuple[str, int, None] | None:
    """Where ``_substitute_word`` finds no common word: the commonest word of two to four
    characters that ``meant`` written at s[i] makes with its neighbours — the dictionary's, or
    one of official writing's own tables (``official_words_beginning``, ``official_pairs``:
    冷链, 稳岗) — counted ``words_needed(margin)`` times or more by its table or, where that
    falls short, as a unit of official writing (``phrase_count``), as (word, where it starts in
    s, None); else None.
    Asked only where the text as written is no dictionary word and official writing never
    writes it there; the word must fit the place (``_fits_here``, as ``_common_here`` asks:
    设置泄爆 is no 易爆) and take no character from a word just outside (a dictionary word by
    the plain test, ``_takes_from_neighbour``: 法院|龙村|人民 is no slip for 农村, 村人 being a
    word; a word of official writing's by ``_official_word_whole``, as ``_official_word`` asks)."""
    if ((i > 0 and is_word(s[i - 1:i + 1])) or (i + 1 < len(s) and is_word(s[i:i + 2]))
            or _best_word(s, i, s[i], whole=False)[0] is not None):
        return None  # the text as written is a word (most places asked; a pair, two look-ups, says
        # so at most of them): the word test's to weigh, not coverage's
    lo = max(0, i - 4)
    t, w = s[lo:i] + meant + s[i + 1:i + 5], s[lo:i + 5]
    k = i - lo
    edges = _function_chars()
    forms = []  # (count, n, j) of the listed forms counted USUAL times or more: no margin needs fewer
    for n in (2, 3, 4):
        for j in range(max(0, k - n + 1), min(k, len(t) - n) + 1):
            form = t[j:j + n]
            if form[0] in edges or form[-1] in edges:
                continue  # a word, not a collocation (分别增, 责令立: the model's evidence already)
            listed = (word_count(form) or official_words_beginning(form[:2]).get(form, 0)
                      or (n == 2 and official_pairs().get(form, 0)))
            # Official writing's count of the form as a unit is asked only where the table's
            # falls short, and of a pair only if its plain count could be enough: a pair's count
            # as a unit parses its line (a common pair's lists hundreds).
            if listed >= USUAL:
                forms.append((listed, n, j))
            elif listed and _written_together(lm, form) >= USUAL and lm.phrase_count(form) >= USUAL:
                forms.append((lm.phrase_count(form), n, j))
    if not forms:
        return None  # the margin (two scores of the window) is asked only of a place with some
    if margin is None:
        margin = lm.span_score(s, i, meant) - lm.span_score(s, i, s[i]) - _alternatives(s[i])[meant]
    needed = words_needed(margin)
    found = []
    for count, n, j in forms:
        if count < needed and _written_together(lm, t[j:j + n]) >= needed:
            count = max(count, lm.phrase_count(t[j:j + n]))  # the table's count falls short
        if count >= needed:
            found.append((-count, n, j))
    found.sort()
    for _, n, j in found:  # the commonest first (of equal counts, the shortest, then the leftmost)
        if (not lm.phrase_count(w[j:j + n]) and _fits_here(lm, t, k, meant, j, n)
                and not (_takes_from_neighbour(t, j, j + n, k) if is_word(t[j:j + n])
                         else not _official_word_whole(t, j, j + n, k))):
            return t[j:j + n], j + lo, None
    return None


def _long_word_reads_past(s: str, i: int, word: str, word_at: int) -> bool:
    """Whether a dictionary word of four characters through s[i], as written, reaches past the
    substitute's word: the text as written is a set phrase (成语, 四字格) cut elsewhere than the
    substitute's word would cut it (但是|罪大恶极 is no 但是|最大, 同甘共苦 no 共和, 喜出望外地 no
    提出). Counts cannot weigh the two readings: a set phrase is rare in any dictionary (罪大恶极
    87 against 最大 16,299), but a slip that by chance makes a four-character word across its
    neighbours is rarer still. Three characters were tried and dropped: a held-out sentence was
    lost, and none of the 7,923 four-character words was flagged either way. ``s`` is the
    verdict's window, four characters either side of i, which holds every such word."""
    for k in range(max(0, i - 3), min(i, len(s) - 4) + 1):
        if (k < word_at or k + 4 > word_at + len(word)) and is_word(s[k:k + 4]):
            return True
    return False


def _written_against(lm, s: str, written: str, written_at: int, word: str, word_at: int) -> int:
    """What the official word at ``word_at`` is weighed against: how often official writing
    writes the written word's characters together (``_written_together``), or, where the
    official word holds the written word and reaches past it (行使职权 over 行驶), how often it
    writes the text as written over the official word's whole span (行驶职权 0): a word picked
    whole from an input method's list (行驶 for 行使) is a word, common elsewhere, that official
    writing never continues as the text does, while the phrase the substitute makes is one of
    its own words. The dictionary must lean the same way, with half the weight it needs alone
    (on a log scale: ``_HALF_WORD_RATIO``, √``WORD_RATIO``; 行使 5,519 against 行驶 726): where it
    does not (上交 220, 上缴 155), both words are in use and the phrase is no evidence of a slip."""
    if word_at <= written_at and written_at + len(written) <= word_at + len(word) and len(word) > len(written):
        k = written_at - word_at
        if word_count(word[k:k + len(written)]) >= _HALF_WORD_RATIO * word_count(written):
            return lm.phrase_count(s[word_at:word_at + len(word)])
    return _written_together(lm, written)


def _written_together(lm, form: str) -> int:
    """At least how often official writing writes the characters of ``form`` together: its
    pair's count (not less the pair's commonest follower, as ``phrase_count`` counts a unit),
    or of a longer form its rarest trigram's."""
    return lm.pair_count(form) if len(form) == 2 else lm.phrase_count(form)


@cache
def _levels() -> frozenset[str]:
    return lexicon.words("level_prefixes.txt")


def _official_word(s: str, i: int, meant: str) -> tuple[str, int, int] | None:
    """The commonest word of official writing the dictionary lacks or undercounts
    (``official_words_beginning``: 老旧小区, 接诉即办, 医共体) that ``meant`` written at s[i]
    makes with its neighbours inside the window s, written ``OFFICIAL_WORD`` times or more,
    taking no character from a dictionary word just outside it; as (word, where it starts in
    s, official writing's count), None if there is none. Asked where the dictionary gave the
    substitute no common word, or none commoner than the written form's. The text as written
    there is a form official writing never uses: no known trigram covers s[i] (the screen's
    and ``_uncovered``'s test), while every trigram of a word written this often is known.
    The texts counted are national and provincial: their words name those levels (请省政协,
    省委), so an administrative level written for another (``level_prefixes.txt``: 请县政协)
    names a county's body, not a slip."""
    if s[i] in _levels() and meant in _levels():
        return None
    # Read, as the verdict is (``_judge_unknown``'s window), four characters either side of i:
    # the word and the neighbours its ends are weighed against.
    lo = max(0, i - 4)
    t = s[lo:i] + meant + s[i + 1:i + 5]
    i -= lo
    found = []
    for j in range(max(0, i - 5), min(i, len(t) - 2) + 1):
        for word, count in official_words_beginning(t[j:j + 2]).items():
            end = j + len(word)
            if end > i and count >= OFFICIAL_WORD and t.startswith(word, j):
                found.append((len(word) == 2, -count, len(word), j, word))
    # A word of two characters (老旧) is the last resort: a longer one holding it (老旧小区) says more.
    for _, count, _, j, word in sorted(found):
        if _official_word_whole(t, j, j + len(word), i):
            return word, j + lo, -count
    return None


def _common_here(lm, s: str, i: int, meant: str, word: str, word_at: int) -> bool:
    """Whether official writing vouches for the substitute's word where the dictionary does
    not (its counts are of general text of some twenty years ago: 短板 3, 财政资金 3): the
    model counts the word ``FREQUENT_WORD`` times or more as a unit of its own, and knows a
    trigram holding the substitute with a character of that word here (施短板, 政资金: the
    word, not only a neighbour outside it, fits the place; 设置泄爆 has no 置易爆 or 易爆装)."""
    return lm.phrase_count(word) >= FREQUENT_WORD and _fits_here(lm, s, i, meant, word_at, len(word))


def _fits_here(lm, s: str, i: int, meant: str, word_at: int, length: int) -> bool:
    """Whether the model knows a trigram holding ``meant`` written at s[i] with another
    character of the word s[word_at:word_at + length] it makes: the word, not only a neighbour
    outside it, fits the place (设置泄爆 has no 置易爆 or 易爆装)."""
    t, end = s[:i] + meant + s[i + 1:], word_at + length
    return any(min(k + 3, end) - max(k, word_at) >= 2 and lm.count(t[k:k + 2], t[k + 2])
               for k in range(max(0, i - 2), min(i, len(t) - 3) + 1))


def confident_suspects(text: str, document_text: str,
                       places: dict[int, str | None] | None = None) -> list[Suspect]:
    """The suspects of ``suspects`` whose evidence leaves no doubt (``_beyond_doubt``), found
    by judging only the characters that could pass it (and asking first what does not depend
    on the substitute): one that does not open a clause, is no
    function character, and makes with a neighbour a pair official writing seldom uses (the
    test of ``_beyond_doubt`` on the substitute word's side). ``document_text`` is the whole
    document the text belongs to (names it keeps using are no slips). ``places``: as for
    ``suspects``, the screen's positions (the ones TYP013 judges, shared through the document's
    memo): only those can hold a suspect, and the screen's substitute spares the search; without
    them every open position is judged in Python, as a short run does."""
    found = []
    lm, table = model(), candidates()
    traditional = script_tables()[0]
    for s, start, end, i in _open_places(lm, table, text, traditional, places):
        at = start + i
        if (_in_short_quote(text, at) or _written_as_meant(lm, s, i, document_text)
                or _set_phrase(text, start, end, at)):
            continue  # asked before the costly search for a substitute: it does not depend on one
        if places is None:
            suspect = _judge(lm, table, s, i, start)
        else:  # the screen found no known trigram around it: _judge's first test, passed
            suspect = _judge_unknown(lm, table, s, i, start, places[at])
        if suspect is not None and _evidence_holds(lm, s, i, suspect.word_at - start, suspect, document_text):
            found.append(suspect)
    return found


def _open_places(lm, table, text: str, traditional,
                 places: dict[int, str | None] | None) -> Iterator[tuple[str, int, int, int]]:
    """The positions ``confident_suspects`` judges, as (run, run start, run end, position in the
    run): the open positions (``_open_positions``) of runs of Han characters without a
    traditional one; with ``places``, only those among the screen's places."""
    if places is None:
        for run in _HAN_RUN.finditer(text):
            s = run.group()
            positions = list(_open_positions(lm, table, s))
            if positions and not any(c in traditional for c in s):
                for i in positions:
                    yield s, run.start(), run.end(), i
        return
    for s, start, end, i in _uncovered(lm, text, traditional.keys(), places):
        if i and _is_open(lm, table, s, i):
            yield s, start, end, i


def _open_positions(lm, table, s: str) -> Iterable[int]:
    """Positions of a run worth judging for ``confident_suspects``: not the first (a clause
    opens freely with a single-character word: 又利于, 知责而行), and open (``_is_open``)."""
    return (i for i in range(1, len(s)) if _is_open(lm, table, s, i))


def _is_open(lm, table, s: str, i: int) -> bool:
    """Whether s[i] is worth judging for ``confident_suspects``: not a numeral or function
    character (一, 也, 去 stand alone between words), a character with candidates, and next to
    a neighbour it seldom makes a pair with (``_beyond_doubt`` requires that on one side)."""
    c = s[i]
    if c in _NUMERALS or c in _function_chars() or c not in table:
        return False
    return lm.pair_count(s[i - 1:i + 1]) < USUAL or (i + 1 < len(s) and lm.pair_count(s[i:i + 2]) < USUAL)


def _beyond_doubt(lm, s: str, i: int, word_at: int, suspect: Suspect, document_text: str) -> bool:
    """Whether the evidence for a suspect at s[i] points one way only: nothing speaks for the
    character as written (``_written_as_meant``, ``_in_general_usage``) and the substitute fits
    (``_substitute_fits``). The phrase around the run is asked apart (``_set_phrase``)."""
    return not _written_as_meant(lm, s, i, document_text) and _evidence_holds(lm, s, i, word_at, suspect, document_text)


def _evidence_holds(lm, s: str, i: int, word_at: int, suspect: Suspect, document_text: str) -> bool:
    """The tests of ``_beyond_doubt`` that depend on the substitute: it fits where the written
    character does not (``_substitute_fits``), and the characters its word would take, as
    written, are neither a form of general usage (``_in_general_usage``) nor one the document
    writes again (``_used_again``)."""
    length = len(suspect.word)
    return (_substitute_fits(lm, s, i, word_at, suspect) and not _in_general_usage(s, word_at, length)
            and not _used_again(document_text, s[word_at:word_at + length]))


def _used_again(document_text: str, written: str) -> bool:
    """Whether the document writes ``written`` (the span the substitute's word would take, as
    written) more than once. A form a document keeps using is a term of its own, often one
    no general list knows (烟用丝束, 共益债务, 司级机构 in the statutes that define them);
    a slip of the hand seldom repeats itself letter for letter."""
    global _counted
    counted_in, seen = _counted
    if counted_in is not document_text:  # a rule's calls come one document at a time
        seen = {}
        _counted = (document_text, seen)
    if written not in seen:  # a form repeated all over a text was counted over it each time
        seen[written] = document_text.count(written) >= 2
    return seen[written]


_counted: tuple[str | None, dict[str, bool]] = (None, {})

# The longest dictionary word through a suspect that ``_named_alone`` looks for.
NAMED_WORD = 4


def _named_alone(document_text: str, run: str, i: int) -> bool:
    """Whether a dictionary word of ``run`` through run[i], as written, stands elsewhere in the
    document as a whole run of Han characters, between brackets, marks or line ends: the
    document names it as a word of its own there (a title's （试行）, a heading), so where
    else it writes it, it means it (自2027年1月1日起试行). A word written only inside longer
    runs is no evidence: a slip that makes a word (反应 for 反映) also stands right elsewhere in
    the same document, inside its sentences."""
    for n in range(2, NAMED_WORD + 1):
        for k in range(max(0, i - n + 1), min(i, len(run) - n) + 1):
            word = run[k:k + n]
            # a run that is the word itself stands alone already: another such place is needed
            if is_word(word) and _times_alone(document_text, word) > (word == run):
                return True
    return False


def _times_alone(document_text: str, word: str) -> int:
    """How often ``word`` is a whole run of Han characters in the document."""
    times, at = 0, document_text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _HAN.match(document_text[at - 1])) and (
                end == len(document_text) or not _HAN.match(document_text[end])):
            times += 1
        at = document_text.find(word, at + 1)
    return times


def _written_as_meant(lm, s: str, i: int, document_text: str) -> bool:
    """Whether the text as written has a reading of its own, whatever the substitute:
    - it makes a dictionary word through s[i] (不合时宜, 肌体, 税源 are words, whatever a model
      of official writing says of them);
    - s[i] stands before a place or facility ending (通名) it seldom pairs with (潇河, 滆湖:
      names are an open class), or is a rare character the document keeps using (a name of its
      own: 冀 in a report from Hebei)."""
    if covered_by_word(s, i, LONGEST_WORD):
        return True
    if i + 1 < len(s) and s[i + 1] in lexicon.words("place_suffixes.txt") and lm.pair_count(s[i:i + 2]) < USUAL:
        return True
    return lm.chars.get(s[i], 0) < RARE_CHAR and document_text.count(s[i]) >= REPEATED


def _set_phrase(text: str, start: int, end: int, at: int) -> bool:
    """Whether text[at], in the run of Han characters text[start:end], stands in a phrase whose
    form explains an unusual character: a parallel phrase or a short item of a list."""
    return in_parallel_phrase(text, at) or _in_short_list_item(text, start, end, at)


def _in_short_list_item(text: str, start: int, end: int, at: int) -> bool:
    """Whether text[at] is in an item of an enumeration of at most ``SHORT_ITEM`` characters:
    the run of Han characters text[start:end] that holds it ends at a 、, or follows one and
    ends there or at the 等 that closes the list. Such items are often names compressed to fit
    the list (医药、环保、标检等), which no model of whole words knows."""
    if start > 0 and text[start - 1] == "、":
        closing = text.find("等", at, end)
        return (end if closing < 0 else closing) - start <= SHORT_ITEM
    return end < len(text) and text[end] == "、" and end - start <= SHORT_ITEM


def _in_general_usage(s: str, word_at: int, length: int) -> bool:
    """Whether the characters the substitute's word would take, as written (s[word_at:][:length]),
    alone or with a character more on either side, make a form general written Chinese uses
    (``IN_USE_ZIPF``, wordfreq) that the curated table does not list as a slip: today's words
    and abbreviations the dictionary and the model of official writing lack (特色单品, 供氧工程).
    Only forms holding that whole span: a piece of a neighbouring word (服力 of 说服力, beside
    帮服) says nothing of it. Asked last, of a suspect only."""
    slips = _curated_wrong_forms()
    end = word_at + length
    return any(in_use(w) and w not in slips
               for w in {s[a:b] for a in (word_at - 1, word_at) for b in (end, end + 1) if a >= 0 and b <= len(s)})


@cache
def _curated_wrong_forms() -> frozenset[str]:
    return frozenset(p["wrong"] for p in lexicon.table("confusable_words.toml")["pair"])


def _substitute_fits(lm, s: str, i: int, word_at: int, suspect: Suspect) -> bool:
    """Whether the substitute fits where the written character does not:
    - on the side of each neighbour the substitute's word takes, the written pair is one
      official writing seldom uses (under ``USUAL``; 休牧, 智造 are terms of their own) and the
      neighbour is no particle (人民之呼 makes no 之下, 坚定不移地去 no 地区);
    - the substitute makes a usual pair with every neighbour (实施滆湖 is no 实施河湖), and the
      trigram centred on it is one official writing has; on a side outside its word the written
      pair is no more usual than the substitute's (the written character must not fit better)."""
    c, meant = s[i], suspect.meant
    particles = lexicon.tagged(lexicon.FUNCTION_CHARS, "particle")
    word_end = word_at + len(suspect.word)
    for neighbour, in_word in ((i - 1, word_at < i), (i + 1, word_end > i + 1)):
        if not 0 <= neighbour < len(s):
            continue
        pair = (lambda x: s[neighbour] + x) if neighbour < i else (lambda x: x + s[neighbour])
        written, substitute = lm.pair_count(pair(c)), lm.pair_count(pair(meant))
        if substitute < USUAL:
            return False
        if in_word and (written >= USUAL or s[neighbour] in particles):
            return False
        if not in_word and written > substitute:
            return False
    return _fits_between(lm, s[:i] + meant + s[i + 1:], i)


def _fits_between(lm, t: str, i: int) -> bool:
    """Whether official writing has the trigram centred on t[i] (at a run's end, the one that
    ends there): the repaired character is seen with both its neighbours at once."""
    if i + 1 < len(t):
        return lm.count(t[i - 1:i + 1], t[i + 1]) > 0
    return i >= 2 and lm.count(t[i - 2:i], t[i]) > 0


@cache
def _particles() -> frozenset[str]:
    return lexicon.tagged(lexicon.FUNCTION_CHARS, "particle")


@cache
def _function_chars() -> frozenset[str]:
    data = lexicon.table(lexicon.FUNCTION_CHARS)
    return frozenset(data["tags"])


def _known_context(lm, s: str, i: int) -> bool:
    """Whether some trigram of the run that includes s[i] is in the model (seen
    ``KEEP_TRIGRAM`` times or more in official writing): the character fits its context."""
    return any(lm.count(s[k:k + 2], s[k + 2]) for k in range(max(0, i - 2), min(i, len(s) - 3) + 1))


def _best_substitute(lm, s: str, i: int, alternatives: dict[str, float]) -> tuple[float, str] | None:
    """The candidate the model prefers by ``MARGIN`` and by ``RUNNER_UP_GAP`` over the next,
    if the repair fits official writing too: some trigram through it is known (not only a
    word: 丙庚地 is no 丙耕地). ``alternatives``: the candidates with their penalties. A
    candidate is scored only when it makes a usual pair with a neighbour (cheap to ask;
    without one no trigram can favour it).

    Only a candidate with a known trigram through it can be the answer, so the others are
    scored only once one of those clears ``MARGIN``: at most places none does, and the
    search ends before most candidates are scored."""
    usual, fitting = _usual_and_fitting(lm, s, i, alternatives)
    if not fitting:  # no trigram through any: the dictionary stands in for it (screen_backoff)
        return screen_backoff.substitute(lm, s, i, alternatives, BACKOFF_MARGIN) if screen_backoff.ON else None
    written = lm.span_score(s, i, s[i])
    if all(lm.span_score(s, i, alt) - written - penalty < MARGIN for alt, penalty in fitting):
        return None
    scored = sorted(((lm.span_score(s, i, alt) - written - penalty, alt) for alt, penalty in usual), reverse=True)
    if scored[0][0] < MARGIN or (len(scored) > 1 and scored[1][0] > scored[0][0] - RUNNER_UP_GAP):
        return None
    if not any(alt == scored[0][1] for alt, _ in fitting):
        return None  # the repair must fit official writing too, not only make a word (丙庚地)
    return scored[0]


def _usual_and_fitting(lm, s: str, i: int, alternatives: dict[str, float]) -> tuple[list, list]:
    """The candidates for s[i] that make a usual pair with a neighbour, and those of them with
    which some trigram through i is known (``_fitting``), each with its penalty."""
    chosen = alternatives.keys() & lm.usual_after(s[i - 1]) if i > 0 else set()
    if i + 1 < len(s):
        chosen |= _usual_before(lm, s[i], s[i + 1])
    usual = [(alt, alternatives[alt]) for alt in chosen]
    return usual, _fitting(lm, s, i, usual)


def _backed_off(run: str, i: int, meant: str) -> bool:
    """Whether the substitute ``meant`` for run[i] is the dictionary back-off's: no candidate
    has a known trigram through i. Asked of the substitute alone: the search's own answer has
    one (``_best_substitute`` takes it from ``_fitting``, as the screen's answering places do),
    while the back-off's makes a usual pair, so that none has one where it has none. Asking
    every candidate again parsed the neighbour's whole line of followers (~0.5 M instructions
    a suspect, round 28)."""
    return not _fitting(model(), run, i, [(meant, 0.0)])


@lru_cache(maxsize=1 << 16)
def _usual_before(lm, c: str, right: str) -> frozenset[str]:
    """The alternatives for ``c`` that make a usual pair with ``right`` after them; the same
    pairs of characters recur across a corpus, so the answer is kept (bounded)."""
    return frozenset(alt for alt in _alternatives(c) if lm.pair_count(alt + right) >= USUAL)


def _fitting(lm, s: str, i: int, alternatives: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The alternatives for s[i] with which some trigram through position i is known
    (``_known_context`` of the repaired run), each trigram looked up directly."""
    count = lm.count  # a line searched as written: the model lists no trigram with a count of 0
    ending = s[i - 2:i] if i >= 2 else None  # the trigram that ends at i
    middle = s[i - 1] if i >= 1 and i + 1 < len(s) else None  # the one centred on i
    starting = s[i + 1:i + 3] if i + 2 < len(s) else None  # the one that starts at i
    return [(alt, penalty) for alt, penalty in alternatives
            if (ending is not None and count(ending, alt)) or (middle is not None and count(middle + alt, s[i + 1]))
            or (starting is not None and count(alt + starting[0], starting[1]))]


@cache
def _alternatives(c: str) -> dict[str, float]:
    """The candidates for ``c`` other than numerals, with the penalty of the group each is in
    (same reading, near reading, similar shape)."""
    options = candidates()[c]
    return {alt: _PENALTY[group]
            for group, chars in (("same", options.same_sound), ("near", options.near_sound), ("shape", options.shape))
            for alt in chars if alt not in _NUMERALS}


def _best_word(s: str, i: int, char: str, whole: bool) -> tuple[str | None, int]:
    """The commonest dictionary word of two to four characters that ``char`` written at s[i]
    makes with its neighbours, and where it starts in s (of equally common ones the shortest,
    then the leftmost); with ``whole``, only words that take no character from a dictionary
    word just outside them. One look-up per start gives all the words beginning there
    (``words_beginning``): a word per length and start cost ten look-ups a call."""
    # Only the four characters either side matter (words of up to four characters through i,
    # and the characters just outside them): a copy of the whole run per call was quadratic in
    # a long run of Han characters.
    lo = max(0, i - 4)
    t = s[lo:i] + char + s[i + 1:i + 5]
    i -= lo
    found = []
    for j in range(max(0, i - 3), min(i, len(t) - 2) + 1):
        counts, longest = words_beginning(t[j:j + 2])
        for n in range(max(2, i - j + 1), min(4, longest, len(t) - j) + 1):
            count = counts.get(t[j:j + n])
            if count:
                found.append((-count, n, j))
    for _, n, j in sorted(found):
        if not (whole and _takes_from_neighbour(t, j, j + n, i)):
            return t[j:j + n], j + lo
    return None, -1


def _takes_from_neighbour(t: str, start: int, end: int, i: int) -> bool:
    """Whether the end characters of t[start:end] (other than the judged one at i) already
    make a dictionary word with the character just outside."""
    return ((start > 0 and start != i and is_word(t[start - 1:start + 1]))
            or (end < len(t) and end - 1 != i and is_word(t[end - 1:end + 1])))


def _official_word_whole(t: str, start: int, end: int, i: int) -> bool:
    """``_takes_from_neighbour``'s test for an official word t[start:end], the table read as a
    second dictionary beside the segmenter's: a dictionary word the word's end character makes
    with the character just outside takes it only if that outer character keeps it, making no
    commoner word on its other side (提高|城镇化率: 高城, 19, is a fragment of the dictionary's
    that a segmenter with both dictionaries never cuts, 提高 being 16,882). The dictionary's own
    words keep the plain test: without a word of official writing to cut, a fragment read as a
    word is the evidence there is (终期|评估 is no 中期: 期评 3)."""
    return not ((start > 0 and start != i and _pair_keeps(t, start - 1, outer_left=True))
                or (end < len(t) and end - 1 != i and _pair_keeps(t, end - 1, outer_left=False)))


def _pair_keeps(t: str, a: int, outer_left: bool) -> bool:
    """Whether t[a:a + 2] is a dictionary word that keeps its outer character (``_word_keeps``)."""
    return _word_keeps(t, a, a + 2, outer_left)


def _word_keeps(t: str, a: int, b: int, outer_left: bool) -> bool:
    """Whether t[a:b] is a dictionary word whose outer character (t[a] with ``outer_left``,
    else t[b - 1]) ends or begins no commoner word of two to four characters on its other side."""
    count = word_count(t[a:b])
    if not count:
        return False
    if outer_left:
        other = (t[k:a + 1] for k in range(max(0, a - 3), a))
    else:
        other = (t[b - 1:m] for m in range(b + 1, min(len(t), b + 3) + 1))
    return not any(word_count(w) > count for w in other)


def _reads_past(s: str, i: int, written: str, written_at: int, word: str, word_at: int) -> bool:
    """Whether the written word s[written_at:][:len(written)] reaches past the official word at
    ``word_at`` and keeps, on that side, its outer character (``_word_keeps``: 事业|兴衰 against
    事业性): then it cuts the text elsewhere, a reading of its own. One whose outer character a
    commoner word claims is a fragment (对口|缘疆: 口缘 3 against 对口 459, and 援疆 is read).
    Read, as the verdict is, four characters either side of i."""
    lo = max(0, i - 4)
    t, a, b = s[lo:i + 5], written_at - lo, written_at - lo + len(written)
    return ((written_at < word_at and _word_keeps(t, a, b, outer_left=True))
            or (written_at + len(written) > word_at + len(word) and _word_keeps(t, a, b, outer_left=False)))


def _read_otherwise(text: str, start: int, wrong: str) -> bool:
    """Whether a wrong form that is no word (以经) reads as two words here: its first character
    closes a word with the character before it (可以|经东环路绕行, 难以|经受). A form that is a
    word itself (其它 in 与其它部门) is read as written."""
    return start > 0 and not is_word(wrong) and is_word(text[start - 1:start + 1])


class ConfusableWord(Rule):
    """## What it does
    检查公文最常写错的词，例如 `截止2024年底`（截至）、`布署`（部署）、`按装`（安装）、
    `做出决定`（作出）、`其它`（其他）、`再接再励`（再接再厉）。词表见
    `data/confusable_words.toml`，每条注明来源、核对状态和日期。

    ## Why is this bad?
    错别字是公文差错中最常见的一类，政府网站检查把错别字计入扣分项；这些词两种写法
    读音相同，输入法不会提示。
    `截止日期`、`报名截止`、`截止到` 等正确用法不报告（“截止”只在直接接时间时报告）；
    本身不成词的错写，首字与前一字成词时按两个词读、不报告（`可以经东环路绕行`、`难以经受`）；
    “以”引出“以……为……”框架、中间是“经……的……”被动短语时按介词读、不报告（`以经批准的预算为依据`；
    `以经成为`、`以经批准的数量为12个` 仍报告）；
    文稿开头写的年份早于某条用法确定的年份时（1982年报告中的 `其它`），该条不报告；
    词表中的条目多凭工具书整理、未经原文核对，实测精确率也不足九成，所以只作提示，修改建议仅供参考。

    ## Example
    ```text
    截止2024年底，全区按装监控设备120台，对整改工作做出部署。
    ```

    Use instead:
    ```text
    截至2024年底，全区安装监控设备120台，对整改工作作出部署。
    ```
    """

    code = "TYP011"
    name = "confusable-word"
    severity = Severity.INFO
    scope = "document"  # one pass of the automaton per document
    fixable = True

    def shared_matchers(self) -> tuple[LiteralMatcher]:
        return (curated(),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        matcher = curated()
        for start, end, pair in matcher.find(text, shared_scan.matches(ctx, matcher, text)):
            if pair.next is not None and not pair.next.match(text, end):
                continue
            if pair.unless is not None and pair.unless.match(text, end):
                continue
            if _read_otherwise(text, start, pair.wrong):
                continue
            if pair.since is not None:
                year = written_year(ctx.document)
                if year is not None and year < pair.since:
                    continue  # the document predates the usage it would be held to
            yield Violation(
                start, end, f"疑似错别字：“{pair.wrong}”应为“{pair.right}”",
                help=f"改为“{pair.right}”",
                fixes=(Fix.replace(start, end, pair.right, f"改为“{pair.right}”", Applicability.DISPLAY_ONLY),),
                notes=(f"来源：{pair.source}（{pair.status}，核对于 {pair.checked}）",),
            )


class SuspectCharacter(Rule):
    """## What it does
    检查疑似错别字：一个字在公文中从不这样用、与前后字也不成词，而换成一个同音、近音或形近的字
    就构成公文中常用的词，例如 `发展机智`（机制）、`污染防冶`（防治）、`电信网络炸骗`（诈骗）。
    依据是用公文、法律法规统计的汉字三元语言模型（`data/official_trigrams.txt`）、分词词典，
    以及候选字表（`data/character_candidates.txt`：读音来自 pypinyin，字形来自四角号码、
    pycorrector 的形近字表和按部件拆分只差一笔或一个部件的字，如 `休`/`体`、`己`/`已`），
    均由 `data/build_character_model.py` 生成。只有当前后三字组合
    在语料中都没有出现、写出的字不成词、且恰好一个候选字明显更合理时才报告；改后的词须是常用词：
    词典中常见，或词典统计偏少而公文中常用、且公文在此处前后见过这个词（`农村抵保` → 低保、
    `降本赠效` → 增效；`高质` 在公文中几乎只是 `高质量` 的开头，不算一个词），或词典没有、
    公文中却按词写了十次以上的词（`老救小区` → 老旧小区、`县域医公体` → 医共体；分词词典切成
    两个单字、两字又总连在一起的两字词也算：`城镇老久管网` → 老旧、`文绿融合` → 文旅；词表
    `data/official_words.txt` 由 `data/build_official_words.py` 从语料调优半区、法规和省级报告按
    分词边界统计；词典中的碎片词不从公文词中夺字：`提高城真化率` 中 `提高` 留住“高”，`高城`
    不成立，仍按 `城镇化率` 判断）。词典分不出改后的词和照原样的词时（`适老话`：`老化` 与
    `老话`），比较两者在公文中的次数（`适老化` 29 次、`老话` 0 次）；照原样的词本身常用、但公文词
    把它连同后面的字一起包含时（输入法整词选错：`依法行驶职权` → 行使职权），比较的是公文照原样
    写这整段的次数（`行驶职权` 0 次、`行使职权` 115 次），且词典也须偏向改后的词（至少约三倍：
    `行使` 5519、`行驶` 726；`上交` 220、`上缴` 155 两者都通用，`上缴利润` 不报告）；照原样不成词、
    公文也从不这样写，而改后的词是今天的行业新词、语料中只写了几次时，模型越偏向改后的字，
    要求的次数越低（差距每多 4，次数要求降为约三分之一，最少 5 次）：`冷连物流` → 冷链、`排水防捞`
    → 防涝、`产叫融合` → 产教；分词词典和公文词表都没有的两字词另有一表（`data/official_pairs.txt`，
    由 `data/build_official_pairs.py` 统计分词切成两个单字、其中一字多与另一字连写的两字词），
    改后的词须在此处与邻字构成公文见过的搭配（`设置泄爆装置` 没有“置易爆”“易爆装”，不是“易爆”），
    也不从旁边的词典词中夺字（`法院龙村人民法庭` 中“村人”成词，不是“农村”）；照原样的词越出公文词的（`事业兴衰` 不是
    `事业性`；越出的那个字被更常用的词占去时不算：`对口缘疆` → 援疆）、公文中常连写的（`各级常委`），或只是换了一个行政层级的（`请县政协`），不报告。
    下列情形由上下文解释，不报告：
    - 文稿开头的年份早于 1990 年（模型统计的是今天的公文用语，`人材`、`股分制` 是当年的写法）；
    - 单用在词与词之间的虚词：助词（`的`、`地`、`之`，跟在任何字后：`大的震动`），以及在句首、
      在词或虚词之后、后面又是词、虚词或数字的副词、介词、连词（`又利于`、`地去落实`、`将赴`：
      后面的单字本身是比改后的词常用十倍以上的词）；副词等前面只是一个不成词的单字时
      照常判断（`依法予已查处` → 予以、`设施建没` → 建设），后面的字不成词、换一个候选字
      却组成常用得多的词时也照常判断（`国有企业该革` → 改革、`增强正治意识` → 政治）；
      换一个候选字就与前后两字同在一个公文词中时也照常判断（`营商还境` → 营商环境）；
      副词、能愿动词和书面语的系词 `仍`、`仅`、`愿`、`亦`、`均`、`系` 也是这样的虚词
      （`data/function_chars.toml` 的 adverb 行：`仅适用于新建项目`、`亦应参照执行`；
      前面是不成词的单字时照常判断：`经审核确仍无误` → 确认）；
    - 排比中变化的那个字：同一框架在前后六字内再次出现（`政企分开、政资分开`、
      `先证后照改为先照后证`），或该字本身在前后六字内再次出现；顿号列举中三字以内的短项；
    - 改后的词所占的字照原样是通用中文常见的写法（wordfreq：`事由`、`城乡接合部`），
      或在本文中写了两次以上（本文自己的用语）。但公文从不使用、用字却是公文常用字的日常词，
      改后的两字词与旁边两字又组成公文常见的四字搭配时，照常报告（`社会保障机智` → 保障机制、
      `医疗服务水瓶` → 服务水平；四字搭配表 `data/official_collocations.txt`）；含公文罕用字的
      （`直接攸关`）是有意选用的书面语，不报告。
    - 版式标明的人名：职务或称谓后接空格或冒号（`副县长　蒋设平`）、与另一人名以空格或顿号
      相邻、后接 `同志`/`先生`/`女士`、`任命`/`免去`/`表彰` 之后、`接受`/`同意`/`批准` 之后紧接
      `辞去`/`辞职`（`接受龚立平辞去…职务的请求`；姓氏见 `data/surnames.txt`）；
    - 单字名词顿号列举的首项（`对所有猪、牛、羊` 中的“猪”不是“所有者”的“者”）；
    - 单字动词带补语：汉语中常单用的单字动词（`data/verbs_alone.txt`，不含介词等虚词）后接补语
      （`在`、`到`、`于`、`着`、`成`、`出`、`进`、`上`、`下` 等，`data/verb_complements.txt`），
      而公文从不在改后的词后接下一个字时（`记者蹲在田埂上` 不是“存在”：公文没有“存在田”）；
      公文常这样接时照常报告（`会议坐出重要部署` → 作出，“作出重”常见），补语在分句末尾时也照常报告；
    - 字典中的四字词（成语、四字格）照原样越出改后的词：`但是罪大恶极` 不是“最大”，`喜出望外地` 不是“提出”；
    - 四字短语的两半（AX|BY）：该字所在的一半是公文常连写的字对，改后的两字词正占短语中间两字、
      改后的四字公文从不这样写，而短语前后由虚词、标点或不跨界的词隔开时（`要学思践悟，`：
      “学思”15 次，“学思实践”0 次）；改后恢复公文常写的说法时照常报告（`稳中求近` → 进）；
    - 融合、结合、联动、一体化等连接词之前两三个单字简称组成的并列（`data/joining_words.txt`）：
      改后的词在该字处结束、占了前面的字时不报告（`梅岭乡菜旅融合` 不是“乡村”）；改后的词从
      该字开始时照常报告（`闻旅融合` → 文旅）；
    - 单字名词加“段”（`data/stretch_suffixes.txt`）构成词典中的词、改后的词是另一个名词加同一“段”时：
      `部分堤段加高培厚` 不是“地段”（堤段、路段、河段、坝段是线状设施的一段，
      单字名词取自结巴词典标为 n 的字，`data/single_char_nouns.txt`）；词典中没有的字对照常判断（`这一街段` → 阶段）；
    - 连词后面两字在前面六字内写过（并列的两项开头相同）：`新质生产力同新质战斗力` 不是“重新”；
    - 比况框架的开头词：`像`、`如同` 之后同一分句内有 `一样`、`似的`（`data/comparison_frames.txt`；
      `各民族像石榴籽一样` 不是“民族乡”）；
    - 线路、桥梁、机场、水库和企业集团的名称：`铁路`、`高铁`、`城际`、`大桥`、`隧道`、`机场`、`水库`、
      `集团` 之前三字以内的字（`data/line_name_endings.txt`；`沪通铁路`、`中吉乌铁路` 是地名简称连成的名称）；
    - 河、湖、溪、峰、峪、沟、塬等自然地物的名称：通名之前两字以内的字，通名与前一字在公文中
      少见连写时（`data/natural_feature_endings.txt`）；通名本身照常判断（`确保完泉覆盖` → 完全、
      `防范化解重大峰险` → 风险：笔误正写在通名的位置上）；
    - 两字地名的首字：改后的词在该字处结束，后面两字不成词、接 `社区`、`街道`、`村`、`路` 等
      居住地通名（`服务望湖街道` 是“服务”+“望湖街道”，不是“服务网”）；
    - 企业名称的字号：紧跟在行政区划名之后（三字以内）、所在字串以组织形式结尾（`有限公司`、
      `餐饮店`、`合作社`），字号由企业自取（`明岭区好味来餐饮店` 不是“未来”）；
    - 改后的词在该字处结束，而该字开始一个名称：行政级别（`县`、`市`）之后八字内有机关通名
      （`局`、`委员会`、`医院`，`data/organ_suffixes.txt`；`我在县教育局` 不是“在线”）；
      说明身份的名词（`居民`、`村民`、`代表`）后紧接的姓氏和一两字名，名后是字串末尾或虚词
      （`居民韦秀英的家` 不是“居民委”；`居民韦员会` 改后的词占了后面的字，照常报告）。

    公文语料中没有一个候选字与前后字构成见过的三字组合时（常用词写在字串末尾或罕见字旁边：
    `院前急就` → 急救、`门票减面` → 减免），改用分词词典回退（第二十八轮起默认开启：在未调校文本上
    新报告 32 处、25 处正确，默认规则的耗时增加约 0.35%）：照原样与前后字都不成词、公文也没有
    连写过，恰好一个候选字与前一字构成词典中的常用词（50 次以上）且公文常这样连写（改后的词在该字处
    结束：`设计寿期` 不是“首期”），模型也明显偏向它时才报告；候选字还须与原字的常用读音相同
    （`data/main_readings.txt`），照原样的两字不是通用语料收录的写法（`data/backoff_listed_pairs.txt`），
    且不在人名、地名、压缩短语（`限塑减废`）、连接词前的并列简称（`劳武结合`）或相邻的省市单字简称
    （`义甬舟`、`沪甬`，`data/place_abbreviations.txt`）中。

    数字后的量词另行判断（字符模型判断不了：数字与标点之间的单字不成字串）：阿拉伯数字后
    紧跟的字，公文在数字后从未写过（`data/after_numbers.txt`，由 `data/build_after_numbers.py`
    从语料统计）、又不是量词、单位或可直接计数的名词（`data/count_words.txt`：`12间教室`、
    `3乡2镇`），而它的同音、近音或形近字中恰好一个是公文在数字后常写的量词（50 次以上）、
    且它也在某个这样的量词的候选字中时，报告该字（`代表建议45减` → 件、`新增经营主体5832夫` → 户、`户籍人口52.3万认` → 人）。
    不判断：虚词（`大于1.0且不大于2.0`）、与后字成词的字（`20万任务`，量词是漏了而非写错；通用中文常见、词典未收的词也算：`2.1万健保参保人`）、
    行首的编号（`3.2拟派项目经理`）、编码中的数字（`S22白永段`、`WGS-84`）。

    ## Why is this bad?
    同音、形近错别字是输入法造成的最常见差错，政府网站检查把错别字计入扣分项。
    统计看不到更远的上下文：人名、地名、新词、专门用语也会出现罕见组合，所以只作提示（info），
    修改建议仅供参考。默认开启；不需要时用 `--ignore TYP013` 或配置中的
    `ignore = ["TYP013"]` 关闭。
    不检查：读作数的数字、繁体字（TYP010）、含繁体字的段落和短引号中的自造词（“打早除小”）。
    数字也可能是输入法打错的字（`深入开展四想政治教育` → 思想、`落十落细` → 落实、`下五3时` 不算：
    数字旁边是数字），所以只有读作数时才不检查：与数字或阿拉伯数字相邻（`二〇二五`、`3万`），
    后接量词、单位或可直接计数的名词（`三个`、`四项`、`两县`），或后接公文常写在阿拉伯数字后的字
    （`三农`、`国五标准`：`data/after_numbers.txt` 中 5 次以上），或照原样在词典词中（`零增长`、`一产`、`统一`）。
    写成另一个常用词的错字（`机智` 应为 `机制`）不在本规则之内，见 TYP011 的词表。

    ## Example
    ```text
    深入打好污染防冶攻坚战。
    ```

    Use instead:
    ```text
    深入打好污染防治攻坚战。
    ```
    """

    code = "TYP013"
    name = "suspect-character"
    severity = Severity.INFO
    # On by default since round 12 (issue 19 items 2 and 5), at info: on unseen real text about
    # one report in ten is right (2 of 17 on the corpus's checking half and the genre texts,
    # names, abbreviations, idioms and statute terms the model lacks being the rest; 0.11 false
    # per 10,000 characters: precision.toml), no more than info promises. Its cost: the default
    # run of the 1,000-file benchmark takes 1.12 times the CPU it takes with --ignore TYP013
    # (docs/performance.md, round 12; 1.10-1.11 in alternating runs; the issue asks 1.10; 1.5
    # with round 11's numpy screen, 1.8 after round 10, 4.3 in round 9, 9 before), and 1.02-1.04
    # times the default run of round 11, which lacked it (the other rules got cheaper). A 2 KB
    # recent report starts in 0.17 CPU s (issue 16's bound is 0.3 s): under 3,000 characters
    # it judges in Python, without the screen (below). `--ignore TYP013` is the old default.
    default_enabled = True
    fixable = True
    # One call per document, not per unit: the screen keeps places in about one unit of
    # twenty (1,054 of 23,000 on the benchmark's 1,000 files), and a call per unit cost more
    # than judging those places.
    scope = "document"

    def precompute(self, document: Document) -> None:
        # A batch's screens in a row keep the screen's tables cached (gongwen.api). Only where
        # check is sure to screen too, so that what it reads and _read_in_python are as when
        # documents come one by one: the characters judged in Python only grow until check
        # runs, and _screen_cached answers once a process, whoever asks first (the first
        # batch too: ~100 documents of the benchmark's 1,000, screened one by one if it waited
        # for check to ask).
        year = written_year(document)
        if (year is None or year >= MODERN_SINCE) and _screen_worth_it(_read_in_python + len(document.text)):
            document.memo(_screen_units)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        document = ctx.document
        year = written_year(document)
        if year is not None and year < MODERN_SINCE:
            return  # the model knows today's official writing, not the usage of older texts
        yield from _unit_slip_violations(document)
        screened = document.memo(_screen_units)
        for part, places in zip(document.units, screened or repeat(None)):
            if places is not None and not places:
                continue  # only the places the screen keeps can hold a suspect
            for s in plausible_suspects(part.text, document.text, places):
                if _laid_out(part.text, s.at):
                    continue
                yield _suspect_violation(s, f"疑似错别字：“{s.written}”，可能应为“{s.meant}”（{s.word}）", part.start)


def _unit_slip_violations(document: Document) -> Iterator[Violation]:
    """Slips in a count's unit (``count_units.unit_slips``: 代表建议45减 → 件), searched in the
    whole text at once and judged again in the unit holding each (a search per unit cost more
    than the few units that hold one; the unit's own text decides, as for every other report)."""
    starts = None
    for at, _, _ in unit_slips(document.text):
        starts = starts or [unit.start for unit in document.units]
        k = bisect_right(starts, at) - 1
        if k < 0:
            continue
        part = document.units[k]
        for local, written, meant in unit_slips(part.text):
            if part.start + local == at:
                yield _unit_violation(part.start + local, written, meant)


def _unit_violation(at: int, written: str, meant: str) -> Violation:
    return Violation(
        at, at + 1, f"疑似错别字：数字后的“{written}”，可能应为量词“{meant}”", help=f"核对后改为“{meant}”",
        fixes=(Fix.replace(at, at + 1, meant, f"改为“{meant}”", Applicability.DISPLAY_ONLY),),
    )


def _laid_out(text: str, at: int) -> bool:
    """Whether the layout around text[at] explains it, as no model of words can: a personal
    name set out as one (书记　蒋立群: a surname and a given name make no word, and a substitute
    for the surname makes one, 建立), or the first item of a 、 list of one-character items
    (对所有猪、牛、羊: 猪 is an item, not the end of 所有者). Asked of the suspects only."""
    return names_person_at(text, at) or first_of_single_char_list(text, at)


# The screen's first call costs its arrays: ~0.09 s of CPU with numpy when they are mapped
# from the user's cache folder, ~0.25 s more when they must be built (and are then cached).
# Judging in Python costs more than that from about 3,000 characters on when they are cached
# (a 700-character file: 0.07 s in Python, 0.15 screened; one of 3,500: 0.12 and 0.11, the
# model's lines being parsed as they are first asked), about 50,000 when they are not. The
# compiled screen maps them without numpy (~0.025 s, its cache key most of it): there the
# two cost the same at ~2,000 characters (TYP013 alone, cold process, round 12: 1,200
# characters 0.041 s in Python, 0.047 screened; 2,900: 0.054 and 0.050), too close to move
# the threshold below what the numpy screen needs. A process judges in Python until the
# characters it has read, the document at hand included, reach that many, then screens
# every document: a short run never maps the arrays.
SCREEN_AFTER_CACHED = 3_000
SCREEN_AFTER = 50_000
_read_in_python = 0


def _screen_units(document: Document) -> list[dict[int, str | None]] | None:
    global _read_in_python
    if not _screen_worth_it(_read_in_python + len(document.text)):
        _read_in_python += len(document.text)
        return None
    return _screen_texts([unit.text for unit in document.units])


def _screen_worth_it(read: int) -> bool:
    return read >= SCREEN_AFTER or (read >= SCREEN_AFTER_CACHED and _screen_cached())


@cache
def _screen_cached() -> bool:
    from gongwen.analysis.char_screen import cached

    return cached(_SCREEN_NUMERALS)


def _screen_texts(texts: list[str]) -> list[dict[int, str | None]]:
    """``char_screen.screen`` with this rule's terms."""
    from gongwen.analysis.char_screen import screen  # deferred: imports numpy

    penalties = (_PENALTY["same"], _PENALTY["near"], _PENALTY["shape"])
    backoff_margin = BACKOFF_MARGIN if screen_backoff.ON else math.inf
    return screen(texts, MARGIN, RUNNER_UP_GAP, penalties, _SCREEN_NUMERALS, backoff_margin)


def _suspect_violation(s: Suspect, message: str, shift: int = 0) -> Violation:
    """A report at the suspect character (``shift`` on in the unit reported in), with the
    substitute as a display-only fix."""
    at = shift + s.at
    return Violation(
        at, at + 1, message, help=f"核对后改为“{s.meant}”",
        fixes=(Fix.replace(at, at + 1, s.meant, f"改为“{s.meant}”", Applicability.DISPLAY_ONLY),),
    )


class WrongCharacter(Rule):
    """## What it does
    检查证据确凿的错别字：一个字与前后字都不成词、公文中很少这样搭配，而换成一个同音、近音或
    形近的字，就与两边的字都构成公文中常见的搭配并组成常用词，例如 `人均可支陪收入`（支配）、
    `依法保樟妇女儿童合法权益`（保障）、`打击电信网络炸骗犯罪`（诈骗）。
    它是 TYP013（疑似错别字）中证据指向同一方向的部分：
    - 照原样读，该字不在任何词典词中（`不合时宜`、`肌体`、`税源` 都是词）；
    - 在改后组成的词那一侧，原字与邻字的搭配在公文中少见，且邻字不是“的、地、之”等助词；
    - 改后的字与两边的邻字都是公文常见搭配，原字在另一侧也不比它更常见；
    - 不判断：句首的字、虚词、数字、地名通名（湖、河、村……）前罕见搭配的字（`滆湖`），
      罕见却在本文中反复出现的字（本文自己的名称），前后六字内再次出现的字（排比：
      `以月保季、以季保年`），以及顿号列举中三字以内的短项（常是压缩的名称：`医药、环保、标检等`；四字的项多是词组，照常判断）；
    - 同 TYP013：版式标明的人名（`副县长　蒋设平`）和单字名词顿号列举的首项（`所有猪、牛、羊`）；
    - 改后的词所占的字照原样在本文中写了两次以上时，不报告：那是本文自己的用语
      （法规定义的术语 `共益债务`、`烟用丝束`），笔误很少一字不差地重复；
    - 照原样写的词（改后的词所占的字，或再带前后一字）在通用中文词频表（wordfreq）中常见、
      又不是常见错词表所列的错写时，不报告：今天的新词和简称（`特色单品`、`公卫医师`）
      词典和公文模型还不认识，通用语料认识。通用语料也收录网上常见的错写（`自已`），
      这类错字留给 TYP011 的词表和 TYP013。
    字符模型、候选字表和词典同 TYP013（`data/official_trigrams.txt`、`data/character_candidates.txt`）。

    ## Why is this bad?
    同音、形近错别字是输入法造成的最常见差错，政府网站检查把错别字计入扣分项。
    修改建议仅供参考，核对后再改。1990 年以前写成的文稿（按文稿开头的年份）用语与今天的公文
    不同，不判断。更多、但把握较小的疑似错字见 TYP013（默认开启）。
    本规则在预览中、只作提示：语料检查半区上首测 13 处中只有 1 处为真，误报多是今天公文的
    缩略语（`可研报告`、`公卫医师`、`标检`、`节水增粮`），字符模型还认不出它们；在模型未统计的
    法规上 15 处只有 1 处为真，误报多是法规的专门用语（`印送`、`交割厂库`、`共益债务`）。
    专门用语是开放的一类，任何词表都收不全，按上面的原则修正后仍远不到九成。

    ## Example
    ```text
    依法保樟妇女儿童合法权益。
    ```

    Use instead:
    ```text
    依法保障妇女儿童合法权益。
    ```
    """

    code = "TYP014"
    name = "wrong-character"
    severity = Severity.INFO
    # Preview: meant as a default warning, but its first count on the corpus checking half was
    # 1 right of 13 (abbreviations such as 可研, 公卫 the model does not know; precision.toml).
    preview = True
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        year = written_year(ctx.document)
        if year is not None and year < MODERN_SINCE:
            return  # the model knows today's official writing, not the usage of older texts
        document = ctx.document
        screened = document.memo(_screen_units)  # TYP013's screen, computed once for both rules
        k = unit.index
        shared = screened is not None and k < len(screened) and document.units[k] is unit
        places = screened[k] if shared else None  # a unit the screen did not read: judged in Python
        if places is not None and not places:
            return  # only the places the screen keeps can hold a suspect
        for s in confident_suspects(unit.text, document.text, places):
            if _laid_out(unit.text, s.at):
                continue  # a name or a list item, as for TYP013: its evidence is the same
            yield _suspect_violation(s, f"错别字：“{s.written}”可能应为“{s.meant}”（{s.word}）")


RULES = (ConfusableWord, SuspectCharacter, WrongCharacter)
