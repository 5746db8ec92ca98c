"""Characters and words typed twice: 学法法考试, 的的, 积极推进落实全面落实, 推进推进.

Why word segmentation rather than statistics: a doubled character is a typo or a word
boundary, and only the words around it tell which. ``法律法规`` and ``宪法法律`` are two words
meeting at a shared character, ``紧紧`` and ``实实在在`` are one word, ``学法法考试`` is a word
followed by a stray character. Character n-gram statistics would need a large corpus of
reports to learn these splits; jieba ships a 350,000-word dictionary with frequencies and
an HMM for unknown words, and segmenting only the clause around a candidate is cheap.
jieba's own dictionary takes ~0.6 s to load, and almost every report has a candidate
(宪法法律, 件件), so the segmenter is ``segmentation.LazyTokenizer``: jieba's code over the
same words and counts, stored by their first two characters and parsed only for the pairs
of characters in the clauses it cuts (~0.035 s to set up, same segmentation). It is still built only when a
candidate survives the cheap filters below.
Domain words (``一规划两纲要``, ``学法用法``) are data in ``data/segmentation_words.txt``.
"""
from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache
from typing import Iterable, Iterator

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.lexicon import FUNCTION_CHARS
from gongwen.analysis.evidence import domain_segmenter as _segmenter, is_word
from gongwen.analysis.han_runs import HAN_CLASS, clause_around
from gongwen.analysis.repeats import (RUN_SIZES, doubled_run_starts, has_doubled_run, isolated_doubled_han,
                                     units_with_doubled_han, units_with_doubled_run)
from gongwen.analysis.route_screen import needs_echo
from gongwen.analysis.routing import units_holding
from gongwen.analysis import pattern_cache

# TYP002's candidates, each start with its word as group 1, found by stdlib re lookaheads in one
# scan (overlapping, as regex's ``overlapped=True`` finds them): a megabyte of 推进落实 or 委常委
# has a candidate at every character, and a regex call per candidate cost more than the rest of
# the rule. The starts the rule would skip anyway are left out: a word of one repeated
# character, which every word starting in four equal characters is; that keeps a megabyte of 第
# or “ from costing a Python step per character. The pattern needs the Han class, so it is
# compiled for the first paragraph with a doubled run. TYP001's candidates, a Han character
# typed exactly twice (a run of three or more, 哈哈哈, is deliberate), are
# ``repeats.lone_doubled_han``'s, less those in a reduplicated pattern (``isolated_doubled_han``).
# tests/analysis/test_han_runs.py compares both with regex's overlapped (\p{Han})\1 and
# (\p{Han}{2,4})\1.


@cache
def _doubled_word_at() -> re.Pattern:
    return pattern_cache.re_compile(f"(?=([{HAN_CLASS}]{{{min(RUN_SIZES)},{max(RUN_SIZES)}}})\\1)(?!(.)\\2{{3}})",
                                    re.DOTALL)


assert RUN_SIZES == tuple(range(min(RUN_SIZES), max(RUN_SIZES) + 1))  # the pattern's {2,4}

# Places a paragraph's doubled runs are tried one by one at; past this many (a megabyte of 1月
# is one at every character) the rest is one finditer, which fails non-Han text at C speed.
_STEPPED = 64


def _doubled_words(text: str) -> Iterator[re.Match]:
    """``_doubled_word_at().finditer(text)``'s matches: every match is lookaheads at its
    start, which a run of two to four characters typed twice starts
    (``repeats.doubled_run_starts``), so the pattern is matched only there; the finditer
    tried its Han class and back-reference at every character of the paragraph, a third of
    TYP002's cost on prose with no finding. tests/rules/test_doubled_word_places.py
    compares the two on random text."""
    pattern = _doubled_word_at()
    starts = doubled_run_starts(text)
    if starts is None:
        yield from pattern.finditer(text)
        return
    match = pattern.match
    for k, at in enumerate(starts):
        if k == _STEPPED:
            yield from pattern.finditer(text, at)
            return
        m = match(text, at)
        if m is not None:
            yield m


def _doubled_chars(text: str) -> Iterable[tuple[int, str]]:
    """(start, character) of each Han character typed twice, not in a run of three or more
    (哈哈哈), not in AABB (认认真真, 干干净净) nor in a series of reduplicated verbs (歇歇脚、
    喝喝水、热热饭): those are deliberate (``repeats.isolated_doubled_han``)."""
    for i in isolated_doubled_han(text):
        yield i, text[i]


_GAP_BLOCKERS = set("和与及或并、再又还更的")  # 该加强的加强: deliberate


@lru_cache(maxsize=4096)
def segment(clause: str) -> tuple[int, ...]:
    """Token boundaries of a run of Han characters: offsets 0 < b1 < … < len(clause)."""
    return _token_ends()(clause)


@cache
def _token_ends():
    """The shared segmenter's ``token_ends``, asked for once: ``domain_segmenter`` takes its
    lock at every call, and every clause a candidate is cut in called it."""
    return _segmenter().token_ends


def _token_at(bounds: tuple[int, ...], i: int) -> tuple[int, int]:
    """The token [start, end) holding character ``i``."""
    start = 0
    for end in bounds:
        if i < end:
            return start, end
        start = end
    return start, start + 1


_REACH = 20  # characters of context each side that the segmenter reads


def _clause_of(text: str, start: int, end: int | None = None) -> tuple[int, str]:
    """Up to ``_REACH`` Han characters either side of [start, end), within one run of Han
    characters (punctuation, digits and Latin letters always end a token)."""
    return clause_around(text, start, start + 1 if end is None else end, _REACH)


class DuplicatedCharacter(Rule):
    """## What it does
    检查误重复输入的单个汉字，例如 `学法法考试`、`党的的领导`。

    ## Why is this bad?
    多打一个字是公文校核中最常见的文字差错之一，读者一眼可见，削弱文稿的严肃性。
    本规则借助分词判断：两个相同的字分属两个词（`宪法法律`、`法律法规`、`学习习近平`、
    `法学会会员`、`区委委员`，以及分词时前一个词被拆成单字的 `自产产品`）或同属一个叠词（`紧紧围绕`、`牢牢守住`、`实实在在`、
    `步步为营`、`件件有回音`、`层层压实`）时不报告；“一”后重叠的量词（`一台台`、`一架架`）、
    量词、副词等常用叠字（除非单独
    出现在以它开头的词前，如 `事事故`）、数字后的 `年年底`，以及“在在建项目”
    “就就业问题”“目的的”这类虚词相接也不报告。
    以“任”结尾的职务后接动词“任”、其宾语又是职务的（`副主任任副组长`、`办公室主任任联络员`，
    见 `data/group_posts.txt`）是职务与动词两个词，不报告；“任”后不是职务的（`主任任负责起草`）仍报告。
    以某字结尾的词或名称后接以该字开头的词也不报告：地名、机构名的通名
    （`某某村村民`、`某镇镇长`、`宁县县城`、`火车站站前广场`、`娱乐税税率`，
    见 `data/place_suffixes.txt`）、`中粮粮食`，句首或顿号后单独表示级别的“省”“市”“县”等
    后接以同字开头的机关名称（`市公安局、市市场监管局`，见 `data/level_prefixes.txt`），以级别结尾的词后接以同一级别开头的
    级别列举（`全县县、乡、村三级`），词后的方位词结束的方位短语后接以该方位词开头的词
    （`会议上上报`、`工作中中期评估`、`情况下下调`，见 `data/function_chars.toml` 的 localizer；
    方位短语后不成词的 `基础上上，` 仍报告），分词时拆成单字的小河名称（以“水”“溪”结尾，见
    `data/river_suffixes.txt`）后接以同字开头的词（`洣水水位`、`洣溪溪口`；在词或虚词之后的
    `加强水水质` 仍报告）；书名号内和短引号内的名称
    （`《欢欢喜喜过大年》`、`“村村响”工程`）照录不查，但其中重复的助词、介词
    （`《关于…的的意见》`）仍报告；列举各项共用的中心词（`胸痛中心、卒中中心`：第二个“中”开头的
    “中心”也是相邻一项的结尾，两项之间只隔顿号或“和”“及”等与一个修饰语）前，修饰语的末字与
    中心词的首字相同，即使修饰语不在词表中也不报告；相隔一个分句的（`坚持人民至上，把人人民利益`）仍报告；`原原种` 这类本身重叠的术语
    是词（`data/segmentation_words.txt`）。
    重复的字可能是多打了一个，也可能是漏了一个（`学法法考试` 也许是 `学法用法考试`），
    因此只提示删除，不自动修复。

    ## Example
    ```text
    全区领导干部年度学法法考试参考率100%。
    ```

    Use instead:
    ```text
    全区领导干部年度学法考试参考率100%。
    ```
    """

    code = "TYP001"
    name = "duplicated-character"
    severity = Severity.INFO  # measured precision below 9 in 10 on unseen text (issue 12)
    # Reads only the units that hold a Han character typed twice, found by one pass over the
    # whole text (gongwen.analysis.repeats), not each of the paragraphs, most of which hold none.
    scope = "document"
    fixable = True

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        for unit in units_with_doubled_han(ctx.document):
            yield from self._check_unit(unit.text, unit.start, ctx)

    def _check_unit(self, text: str, at: int, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        """The findings in one unit's ``text``, at document offsets (the unit starts at ``at``);
        past the report's cap only their spans (a megabyte of 学法法 is 300,000 findings)."""
        keep = lexicon.words("repetition_chars.txt")
        # A unit without an opening 《 or “ quotes no name: _inside_quoted_name asked of each
        # candidate (a tenth of the rule's Python per candidate) would find none.
        quotes = "《" in text or "“" in text
        for i, ch in _doubled_chars(text):
            # A reduplicable character (件件, 一步|步) counts only when it stands alone before
            # a word it begins (事|事故); after a number it is a unit (2024年|年底).
            reduplicable = ch in keep
            if reduplicable and i > 0 and text[i - 1] in "0123456789":
                continue
            if _reduplicated_classifier(text, i, ch):
                continue
            if quotes and _inside_quoted_name(text, i) and not _grammatical(ch):
                continue  # a name cited as it is; asked before the segmenter, which it spares
            base, clause = _clause_of(text, i, i + 2)
            bounds = segment(clause)
            first = _token_at(bounds, i - base)
            second = _token_at(bounds, i + 1 - base)
            # One token: a word (紧紧, 实实在在, 步步为营, 钉钉子). The segmenter also glues a
            # few typos into one token (考考试); checking those against word frequencies
            # reported 45 reduplications in the corpus (钉钉子精神, 市市通高铁) for no gain.
            if first == second or not _suspicious(first, second, ch):
                continue
            if reduplicable and not (first[1] - first[0] == 1 and second[1] - second[0] > 1):
                continue
            if _words_meet(clause, i - base, ch) or _level_list_after_word(text, i, ch, clause[:i + 1 - base]):
                continue
            if _post_then_appointment(text, i, ch):
                continue
            if _shared_head(text, i, clause[i + 1 - base:]):
                continue
            if room(ctx, self) == 0:
                yield Surplus(at + i, at + i + 2)
                continue
            yield Violation(
                at + i, at + i + 2, f"“{ch}”字重复：“{ch}{ch}”",
                help=f"删去一个“{ch}”，或补上漏掉的字",
                fixes=(Fix.replace(at + i + 1, at + i + 2, "", f"删去重复的“{ch}”",
                                   Applicability.DISPLAY_ONLY),),
            )


def _reduplicated_classifier(text: str, i: int, ch: str) -> bool:
    """Whether the doubled ``ch`` at ``i`` is a classifier said twice after the numeral 一
    (一台台, 一架架: "one after another", the 一AA of Chinese grammar). The 一 must be the
    numeral, not the end of a word (统一|台|台账), and the second ``ch`` must not begin a word
    (一台|台账): either way the segmenter judges as before."""
    return (i > 0 and text[i - 1] == "一" and ch in unit_words.tagged("count")
            and not (i >= 2 and is_word(text[i - 2:i])) and not is_word(text[i + 1:i + 3]))


def _suspicious(first: tuple[int, int], second: tuple[int, int], ch: str) -> bool:
    """Whether a doubled character split over two tokens reads as a typo."""
    long_first, long_second = first[1] - first[0] > 1, second[1] - second[0] > 1
    if long_first and long_second:
        return False  # two words meeting: 宪法|法律, 学习|习近平
    if long_first and ch in lexicon.tagged(FUNCTION_CHARS, "after-word"):
        return False  # 实事求是|是, 纵向|向, 工作|作
    if long_second and ch in lexicon.tagged(FUNCTION_CHARS, "before-word"):
        return False  # 在|在建项目, 是|是否, 就|就业问题
    if long_first and ch in lexicon.tagged(FUNCTION_CHARS, "particle"):
        return False  # 目的|的, 有的|的
    return True  # 的|的, 学法|法, 考|考试


def _words_meet(clause: str, i: int, ch: str) -> bool:
    """Whether the doubled ``ch`` at ``i``, ``i + 1`` of ``clause`` is a word or name that ends
    in ``ch`` followed by a word that starts with it (宁县|县城, 中粮|粮食, 火车站|站前广场,
    马鬃山村|村民). The segmenter reads the whole clause at once and may pair the characters
    wrongly (火车站|站|前): each side is segmented on its own instead. The left side ends in
    a word of two or more characters, or in a name ending in a place or organ suffix
    (data/place_suffixes.txt: 马鬃山|村), or a section's name before its head's title
    (data/section_suffixes.txt: 组织股|股长), or is a level alone at the start of the clause
    (data/level_prefixes.txt: 、市|市场监管局); the right side starts with a word of two or more, or
    with a place noun and a localizer (站|前). A stray character makes one side fail:
    学法|法考试 (法|考试), 党的|的领导 (党|的). Not told apart: a place suffix typed twice
    right after a verb (推进乡乡村), which reads like a name and its suffix."""
    place = ch in lexicon.words("place_suffixes.txt") or (
        ch in lexicon.words("section_suffixes.txt") and clause.startswith("长", i + 2))  # 股|股长
    right = segment(clause[i + 1:])
    # A place noun and a localizer make a place word too: 站|前广场 is 站前广场.
    place_word = place and right[0] == 1 and clause[i + 2:i + 3] in lexicon.tagged(FUNCTION_CHARS, "localizer")
    if right[0] == 1 and not place_word:
        return False  # most typos stop here: 学法|法考试 segments as 法|考试
    if i == 0 and ch in lexicon.words("level_prefixes.txt"):
        return True  # a level opening the clause, then an organ's name: 、市|市场监管局
    left = segment(clause[:i + 1])
    last = left[-1] - (left[-2] if len(left) > 1 else 0)
    return (last > 1 or (place and len(left) > 1) or _split_word_before(clause, left)
            or _small_river(clause, left, ch) or _locative_phrase(left, ch))


def _locative_phrase(left: tuple[int, ...], ch: str) -> bool:
    """Whether the left side ends in a locative phrase, a word of two or more characters and the
    localizer ``ch`` the segmenter leaves alone (基础|上, 会议|上, 工作|中, 情况|下: localizer in
    data/function_chars.toml): the phrase ends there, and the word the second ``ch`` opens
    (上浮, 上报, 中期, 下调) is the next one, two words meeting as in 宪法|法律. A localizer alone
    after a localizer or a single character (上|上|浮) is still a slip. Not told apart: a
    localizer typed twice after a verb before a word it opens (加强上上级), rare in reports."""
    if ch not in lexicon.tagged(FUNCTION_CHARS, "localizer") or len(left) < 2 or left[-1] - left[-2] != 1:
        return False
    start = left[-3] if len(left) > 2 else 0
    return left[-2] - start > 1


def _small_river(clause: str, left: tuple[int, ...], ch: str) -> bool:
    """Whether the left side ends in a river's name the segmenter split into single characters,
    its suffix ``ch`` a common noun too (data/river_suffixes.txt: 禾|水 before 水位): the character
    before the suffix stands alone and is no function character. After a word (加强|水|水质) or a
    particle (的|水|水质) the suffix is a stray noun, and the doubled character is still reported."""
    if ch not in lexicon.words("river_suffixes.txt") or len(left) < 2 or left[-1] - left[-2] != 1:
        return False
    start = left[-3] if len(left) > 2 else 0
    return left[-2] - start == 1 and clause[start] not in lexicon.table(FUNCTION_CHARS)["tags"]


def _level_list_after_word(text: str, i: int, ch: str, left: str) -> bool:
    """Whether the doubled level ``ch`` at ``i`` is a word ending in it (``left``, the clause up
    to the first ``ch``) followed by a list of levels the second ``ch`` opens (全县|县、乡、村三级,
    全省|省、市、县): alone before 、 and another level, the level is the list's first item, a word
    of its own, as a level opening a clause is (data/level_prefixes.txt). The list's 、 ends the
    clause, so it is looked for in ``text``. After a verb (推进|县|县、乡) the second level is a slip."""
    levels = lexicon.words("level_prefixes.txt")
    if ch not in levels or text[i + 2:i + 3] != "、" or text[i + 3:i + 4] not in levels:
        return False
    bounds = segment(left)
    return bounds[-1] - (bounds[-2] if len(bounds) > 1 else 0) > 1


_SIBLING_GAP = 8  # Han characters of a list item's modifier between two items' shared head


def _shared_head(text: str, i: int, right: str) -> bool:
    """Whether the word the second ``ch`` at ``i + 1`` begins is the head the items of a list
    share (胸痛中心、卒中中心、创伤中心): the same word ends the item before or after this one,
    only a list's joiner (、和及与或, or none) and a modifier apart, so here too it is a head
    after its modifier, and the modifier (卒中, a term the dictionary may lack) ends in the
    head's first character. A stray character makes no such word (学法|法考试: 法考 is none),
    or one no neighbouring item ends in (医疗中心|心和; 人民至上，把人|人民: a clause apart)."""
    bounds = segment(right)
    if not bounds or bounds[0] < 2:
        return False
    head = right[:bounds[0]]
    before = text.rfind(head, max(0, i - _SIBLING_GAP - 1 - len(head)), i)
    if before >= 0 and _item_gap().fullmatch(text, before + len(head), i + 1):
        return True
    after = i + 1 + len(head)
    beyond = text.find(head, after, after + _SIBLING_GAP + 1 + len(head))
    return beyond > after and _item_gap().fullmatch(text, after, beyond) is not None


@cache
def _item_gap() -> re.Pattern:
    """What stands between two items' shared heads: a joiner, if any, and the next modifier."""
    return pattern_cache.re_compile(f"[、和及与或]?[{HAN_CLASS}]{{1,{_SIBLING_GAP}}}")


_POST_OBJECT = 15  # Han characters after the verb 任 up to its clause's end: an organ and a post


def _post_then_appointment(text: str, i: int, ch: str) -> bool:
    """Whether the doubled ``ch`` at ``i`` ends a post and begins the verb whose object is a post
    (副主任|任|副组长, 办公室主任|任|联络员: data/group_posts.txt): the post is the subject, the
    second character the verb 任 ("serves as"), so the same character is written twice by two
    words. The verb's object must be a post too: its clause, up to the next mark, ends in one;
    a stray 任 before anything else (主任任负责起草, 主任任主持日常工作) is still a typo."""
    posts = lexicon.words("group_posts.txt")
    if not any(len(p) <= i + 1 and p[-1] == ch and text.startswith(p, i + 1 - len(p)) for p in posts):
        return False
    tail = _post_object_clause().match(text, i + 2)
    return tail is not None and any(tail.group().endswith(p) for p in posts)


@cache
def _post_object_clause() -> re.Pattern:
    """The verb's object: a run of Han characters that ends where its clause does."""
    return pattern_cache.re_compile(f"[{HAN_CLASS}]{{2,{_POST_OBJECT}}}(?![{HAN_CLASS}])")


def _split_word_before(clause: str, left: tuple[int, ...]) -> bool:
    """Whether the left side's last two tokens are single characters that make a dictionary
    word together (首套|自|住 is 自住 + 住房): the doubled character belongs to both words, as in
    宪法|法律, and the segmenter cut the rarer word into characters only because the text goes on.
    Two tokens of one character each, not any word ending there: 法治政府|建 does not borrow 府."""
    if len(left) < 2 or left[-1] - left[-2] != 1:
        return False
    start = left[-3] if len(left) > 2 else 0
    return left[-2] - start == 1 and is_word(clause[start:left[-1]])


_QUOTED_NAME = 20  # a quotation longer than this is a sentence, not a name


def _grammatical(ch: str) -> bool:
    """Particles and prepositions: no name is built by doubling them (《…的的意见》 is a typo)."""
    return ch in lexicon.tagged(FUNCTION_CHARS, "particle") or ch in lexicon.tagged(FUNCTION_CHARS, "before-word")


def _inside_quoted_name(text: str, i: int) -> bool:
    """Whether ``i`` is inside a title in 《》 or a short name in “”: names are built by
    doubling (《天天向上》, “村村响”工程) and cited as they are."""
    for opener, closer in (("《", "》"), ("“", "”")):
        start = text.rfind(opener, max(0, i - _QUOTED_NAME), i)
        if start < 0 or text.find(closer, start, i) >= 0:
            continue
        end = text.find(closer, i + 2, start + _QUOTED_NAME + 2)
        if end >= 0:
            return True
    return False


def _word_like(bounds: tuple[int, ...], start: int, end: int) -> bool:
    """Whether [start, end) crosses no token boundary and touches one at either side.
    ``bounds`` is sorted: binary searches, not a walk over every token of the clause."""
    after_start = bisect.bisect_right(bounds, start)  # the first boundary past start
    if after_start < len(bounds) and bounds[after_start] < end:
        return False  # a boundary inside
    at_start = start == 0 or (after_start > 0 and bounds[after_start - 1] == start)
    at_end = after_start < len(bounds) and bounds[after_start] == end
    return at_start or at_end


def _window(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The part of ``text`` that decides whether [start, end) is a repeated word: ``_REACH``
    characters either side (all that ``_clause_of`` reads), with [start, end) inside it."""
    lo = max(0, start - _REACH)
    return text[lo:end + _REACH], start - lo, end - lo


# Keyed by the window, not the text: a repeated phrase (a megabyte of 推进落实 is 390,000
# candidates) asks the same few windows over and over, and a hit skips cutting the clause and
# the boundary tests (~40% of the rule's time there). Bounded, so text without repeats costs
# a miss each and memory stays flat. tests/rules/test_repetition.py compares it with the same
# question asked of the whole text over thousands of generated texts.
@lru_cache(maxsize=4096)
def _halves_are_words(window: str, start: int, end: int, half: int, whole: bool) -> bool:
    """Whether the first ``half`` characters of [start, end) and its last ``half`` each read as
    a word of the clause around them (``_word_like``); with ``whole``, each is also exactly
    one stretch between token boundaries (推进|推进, not 博士|博士后)."""
    base, clause = _clause_of(window, start, end)
    bounds = segment(clause)
    s, e = start - base, end - base
    if not (_word_like(bounds, s, s + half) and _word_like(bounds, e - half, e)):
        return False
    return not whole or (s + half in bounds and e in bounds)


class DuplicatedWord(Rule):
    """## What it does
    检查重复输入的词：紧挨着重复的词（`推进推进`、`进一步进一步`），以及同一个
    动词隔一两个字又出现一次（`积极推进落实全面落实`）。

    ## Why is this bad?
    修改稿件时新旧措辞并存，会留下“落实全面落实”这样的重复，语句不通，
    是公文校核中常见的文字差错。
    不报告：用顿号、连词隔开的并列（`以案促改、以案促治`）、强调的“落实再落实”、
    动词的尝试态重叠（`研究研究`、`讨论讨论`：口语色彩，不是错字；限于能这样重叠的
    自主持续动词，见 `data/reduplicable_verbs.txt`，`推进推进` 仍报告）、
    叠字（`件件`）和两个不同词在交界处相同的字（`法律法规`）；间隔重复只检查
    `data/governing_verbs.txt` 中的常用动词。该删哪一处需要人来判断，只给出建议。

    ## Example
    ```text
    积极推进落实全面落实“企业宁静日”制度。
    ```

    Use instead:
    ```text
    积极推进全面落实“企业宁静日”制度。
    ```
    """

    code = "TYP002"
    name = "duplicated-word"
    severity = Severity.ERROR
    # Both searches are gated by a test of the paragraph, and almost every paragraph passes
    # neither (206 of 22,971 in the benchmark's files pass the first): one pass over the whole
    # text for each gate (gongwen.analysis.repeats, routing) finds the units to read.
    scope = "document"
    fixable = True

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        doc = ctx.document
        gated = {unit.start: unit for unit in units_with_doubled_run(doc)}
        gated.update((unit.start, unit) for unit in units_holding(doc, _verb_repeat_gate()))
        for start in sorted(gated):
            yield from self._check_unit(gated[start].text, start, ctx)

    def _check_unit(self, text: str, at: int, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        """The findings in one unit's ``text``, at document offsets (the unit starts at ``at``);
        past the report's cap only their spans (a megabyte of 推进落实 is 125,000 findings)."""
        doubled = has_doubled_run(text)
        if not doubled and not _verb_repeat_gate().search(text):
            return
        reported: list[tuple[int, int]] = []  # sorted, non-overlapping
        reach = 0
        tentative = lexicon.words("reduplicable_verbs.txt")
        for m in _doubled_words(text) if doubled else ():
            start = m.start()
            if start < reach:
                continue
            word = m.group(1)
            if len(set(word)) == 1:
                continue
            if len(word) == 2 and word[0] == "一":
                continue  # 一个一个, 一步一步: deliberate
            if word in tentative:
                continue  # 研究研究, 讨论讨论: the tentative form of an activity verb
            end = start + 2 * len(word)
            if not _halves_are_words(*_window(text, start, end), len(word), True):
                continue
            reported.append((start, end))
            reach = end
            if room(ctx, self) == 0:
                yield Surplus(at + start, at + end)
                continue
            yield Violation(
                at + start, at + end, f"词语重复：“{word}{word}”",
                help=f"删去一个“{word}”",
                fixes=(Fix.replace(at + start + len(word), at + end, "", f"删去重复的“{word}”",
                                   Applicability.DISPLAY_ONLY),),
            )
        yield from self._verb_repeats(text, reported, at, ctx)

    def _verb_repeats(self, text: str, reported: list[tuple[int, int]], at: int,
                      ctx: RuleContext) -> Iterable[Violation | Surplus]:
        if not _verb_repeat_gate().search(text):
            return
        verbs = _verb_pattern()
        k, reach = 0, 0
        for m in verbs.finditer(text, overlapped=True):
            start, end = m.span()
            if start < reach:
                continue  # inside the last one reported (a megabyte of 推进落实 is half such)
            verb, gap = m.group("v", "gap")  # one call: regex looks each name up per call
            if not gap or _GAP_BLOCKERS & set(gap):
                continue
            # Matches come in order of start: skip the earlier spans, test the next one.
            while k < len(reported) and reported[k][1] <= start:
                k += 1
            if k < len(reported) and reported[k][0] < end:
                continue
            if not _halves_are_words(*_window(text, start, end), len(verb), False):
                continue
            reach = end
            if room(ctx, self) == 0:
                yield Surplus(at + start, at + end)
                continue
            yield Violation(
                at + start, at + end, f"“{verb}”重复：“{text[start:end]}”",
                help=f"删去前一个“{verb}”，改为“{gap}{verb}”",
                fixes=(Fix.replace(at + start, at + start + len(verb), "", f"删去前一个“{verb}”",
                                   Applicability.DISPLAY_ONLY),),
            )


@lru_cache(maxsize=1)
def _verb_pattern() -> regex.Pattern:
    verbs = lexicon.pattern("governing_verbs.txt")
    return pattern_cache.regex_compile(rf"(?P<v>{verbs})(?P<gap>\p{{Han}}{{1,2}}?)(?P=v)")


@lru_cache(maxsize=1)
def _verb_repeat_gate() -> re.Pattern:
    """A necessary condition for ``_verb_pattern`` in stdlib ``re``: a verb, one or two
    characters of any kind, the same verb. ``regex`` tries the alternation and backreference
    at every character (~0.08 s on 10 MB); ``re`` skips at C speed to the verbs' first
    characters, and almost no paragraph has a verb repeated this close (~0.02 s). Declared
    to the route screen (needs_echo): one compiled pass over a document tells whether a verb's
    pair of characters comes again that close (19 of the benchmark's 1,000 documents hold a
    match, ~20 the echo), and only those are searched."""
    verbs = lexicon.words("governing_verbs.txt")
    return needs_echo(pattern_cache.re_compile(rf"({lexicon.alternation(verbs)}).{{1,2}}\1", re.DOTALL), verbs)


RULES = (DuplicatedCharacter, DuplicatedWord)
