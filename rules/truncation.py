"""Words cut short before a number: 组织评估活4次 (活动 with 动 lost)."""
from __future__ import annotations

from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.evidence import domain_segmenter, word_count
from gongwen.analysis import pattern_cache

# Digits first (a plain class the engine scans for quickly); the two characters before them
# are checked only there. A pattern that opens with \p{Han} is tried at every character.
_DIGITS = lazy_regex.compile(r"[0-9０-９]+(?:\.[0-9０-９]+)?")
# The character before the digits and the one before it: both Han, or a closing quote then Han
# (“送医下乡”活8场: a named campaign before the word cut).
_TWO_HAN = lazy_regex.compile(r"[\p{Han}”」』]\p{Han}")
_CLOSING_QUOTES = frozenset("”」』")
_SEGMENTED = 8  # characters before the cut one segmented with it: a word or two
_BOUND = 10  # a character written alone this many times less often than the word it begins is bound
_NEARBY = 3000  # the surrounding text searched for the word (linear in the document)


@cache
def _units() -> str:
    """A pattern for the measure words and units that may follow a number (data files)."""
    return pattern_cache.regex_compile(lexicon.alternation(unit_words.tagged("after-number") | unit_words.tagged("unit")))


@cache
def _counts_items() -> str:
    """A pattern for the classifiers that count whole items (次, 个, 份: unit_words' ``count``),
    in 万 or 亿 too (1.2万人 counts people)."""
    return pattern_cache.regex_compile(f"[万亿]?(?:{lexicon.alternation(unit_words.tagged('count'))})")


def stands_alone_after_a_word(text: str, at: int) -> bool:
    """Whether the segmenter (the dictionary and its HMM, as the repetition rules cut a clause)
    keeps ``text[at - 1]``, the character right before a number, as a token of its own after a
    word of two or more characters or a closing quote: 组织评估|活4次, 河道|垃3.6万吨, 乡”|活8场.
    A character it joins with the one before (派发|工单, 开展|快检, 累计|巡河, 违规|用火,
    一次性|奖补) ends a word the dictionary may not list; one after a single character (每户|限补)
    is no word's cut head either."""
    lo = max(0, at - 1 - _SEGMENTED)
    ends = domain_segmenter().token_ends(text[lo:at])
    if len(ends) < 2 or ends[-1] - ends[-2] != 1:
        return False  # the character is joined with the one before it
    before = ends[-2] - (ends[-3] if len(ends) > 2 else 0)
    return before >= 2 or text[at - 2] in _CLOSING_QUOTES


def is_bound(char: str, word: str) -> bool:
    """Whether ``char`` is a bound morpheme of ``word`` (垃 of 垃圾): the dictionary counts it
    alone under a ``_BOUND``-th as often as the word, so it names no material of its own."""
    return word_count(char) * _BOUND < word_count(word)


def names_a_measured_material(text: str, at: int, end: int) -> bool:
    """Whether ``text[at - 1]``, right before the number ending at ``end``, is a one-character
    noun (jieba's tag n: data/single_char_nouns.txt) and the number a measured amount (吨, 亩,
    万元: a unit that counts no whole items): the noun names what is measured (产干茶460吨,
    椪柑4.2万亩). A cut word leaves a verb or a bound morpheme (投5000万元 for 投资), or is
    counted by a classifier (活4次, 岗326个), and stays a finding."""
    return text[at - 1] in lexicon.words("single_char_nouns.txt") and _counts_items().match(text, end) is None


def _counted(text: str, end: int) -> bool:
    """Whether the number ending at ``end`` counts something (4次, 3.5万亩): a year or a code
    followed by a name (雁峰2024法治) is no place where a word was cut."""
    return _units().match(text, end) is not None


@cache
def seen_before_numbers() -> frozenset[str]:
    """Characters official writing puts right before an Arabic number (data/before_numbers.txt)."""
    text = lexicon.text("before_numbers.txt")
    return frozenset(line.split()[0] for line in text.splitlines() if line and not line.startswith("#"))



def completion(document: str, before: str, char: str) -> str | None:
    """The word ``char`` begins that the text around writes elsewhere, the commonest (jieba's
    counts) if several; None when ``char`` ends a word with the characters ``before`` it
    (生活3年, 数据集10个, 合作社20万家 are complete)."""
    if any(word_count(before[-n:] + char) for n in (1, 2, 3) if len(before) >= n):
        return None
    best, best_count = None, 0
    for m in regex.finditer(regex.escape(char) + r"(\p{Han})", document):
        word = char + m.group(1)
        n = word_count(word)
        if n > best_count:
            best, best_count = word, n
    return best


def heads_a_list_of_kinds(document: str, at: int, char: str) -> bool:
    """Whether ``char`` (at ``document[at]``, right before a number) stands before another number
    elsewhere in ``document`` after other characters: a list of kinds names each by its own
    modifier and the same head before its figure (绿茶2150吨，红茶780吨; 沃柑3.1万亩、椪柑4.2万亩),
    so the head is a word of the text. A slip of the hand is not repeated with another word
    before it; the same phrase written again (评估活4次 twice) is no second kind."""
    before = document[max(0, at - 2):at]
    for m in regex.finditer(regex.escape(char) + r"(?=[0-9０-９])", document):
        if m.start() != at and document[max(0, m.start() - 2):m.start()] != before:
            return True
    return False


class WordCutBeforeNumber(Rule):
    """## What it does
    检查数字前被截断的词，例如 `组织评估活4次`（“活动”缺“动”）：数字前的字在公文中从不
    直接接数字（依据 `data/before_numbers.txt`，由 `data/build_character_evidence.py` 统计
    公文和法律法规得出），与前面的字也不成词，数字后接量词或单位（`4次`、`3.5万亩`），
    而前后三千字内写有以它开头的词；并且分词（词典及其 HMM）把这个字单独切出，它前面是两字以上的
    词或右引号（`组织评估|活4次`、`“送医下乡”|活8场`）。

    ## Why is this bad?
    编辑时误删或输入法漏字，会把“活动4次”变成“活4次”，读者要猜缺了什么。
    不报告：公文中常接数字的字（`约30`、`达到5`、`共12`）；数字后不接量词的（年份、编号：
    `雁峰2024法治`）；与前面的字成词的字（`生活3年`、
    `数据集10个`、`合作社20万家`）；分词把它与前一字连成一词的，词典未收也是完整的词（`派发工单`、
    `开展快检`、`累计巡河`、`违规用火`、`一次性奖补`），前面只是单字的（`每户限补`）也不是残缺的词头；
    文中没有可补全的词时不报告；单字名词（结巴词典标为 n 的字，`data/single_char_nouns.txt`）
    后接计量单位（吨、亩、万元，不是计件的量词）的，是所计量之物的名称（`产干茶460吨`），不报告
    （`活4次`、`岗326个` 计件，`投5000万元` 的“投”不是名词，仍报告；词典中单用的次数不到补全词
    十分之一的字是黏着语素，不是名词：`清理沟渠垃1200吨` 仍报告）；同一个字在文中另一处也
    紧接数字、前面是别的字的，是分类列举的中心词（`绿茶2150吨，红茶780吨`、
    `沃柑3.1万亩、椪柑4.2万亩`），不报告（同一短语重复写两次不算）。新造的简称（`杰青10人`、
    `增绿331万亩`）也会这样，补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    开展培训活动3次，组织评估活4次。
    ```

    Use instead:
    ```text
    开展培训活动3次，组织评估活动4次。
    ```
    """

    code = "TYP012"
    name = "word-cut-before-number"
    # On the clean reports its few reports are coined abbreviations (杰青10人, 增绿331万亩),
    # as many as a real cut word would draw: a hint, not a warning.
    severity = Severity.INFO
    preview = True  # 0 of 10 right on text it was not tuned on (rules/data/precision.toml)
    fixable = True
    # A finding is the character right before a run of digits (_DIGITS).
    triggers = "0123456789０１２３４５６７８９"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        seen = None
        for m in _DIGITS.finditer(text):
            at = m.start()
            if at < 2 or not _TWO_HAN.match(text, at - 2, at):
                continue
            seen = seen if seen is not None else seen_before_numbers()
            char = text[at - 1]
            if char in seen or not _counted(text, m.end()) or not stands_alone_after_a_word(text, at):
                continue
            doc_at = unit.start + at
            lo = max(0, doc_at - _NEARBY)
            nearby = ctx.document.text[lo:doc_at + _NEARBY]
            word = completion(nearby, text[max(0, at - 4):at - 1], char)
            if word is None or heads_a_list_of_kinds(nearby, doc_at - 1 - lo, char):
                continue
            if names_a_measured_material(text, at, m.end()) and not is_bound(char, word):
                continue  # 产干茶460吨 names the tea; 河道垃3.6万吨 leaves 垃 of 垃圾
            yield Violation(
                at - 1, at, f"数字前的词可能残缺：“{char}”，文中有“{word}”",
                help=f"核对是否应为“{word}”",
                fixes=(Fix.replace(at, at, word[1:], f"补为“{word}”", Applicability.DISPLAY_ONLY),),
            )


RULES = (WordCutBeforeNumber,)
