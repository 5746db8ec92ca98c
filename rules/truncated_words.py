"""Words cut short at the end of a clause: 认真贯彻执。 (执行 with 行 lost), 控制在5.5%以。 (以内).

The evidence is ``data/clause_cut_chars.txt`` (built by ``data/build_clause_cut_chars.py``):
the characters official writing seldom puts before ，。；！？ or a line end and never bare, each
with the words it begins that do end clauses. One pattern whose only item before the lookahead
is a class of those characters finds the places; the word checks run only there.
``bare_end`` is the test the generator counts with, so the rule reports exactly the kind of
place the counts say official writing never has.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import MODERN_SINCE
from gongwen.analysis.class_routes import ClassRoute, class_route
from gongwen.analysis.evidence import in_parallel_phrase, is_word
from gongwen.analysis.han_runs import is_han
from gongwen.analysis.person_names import surnames
from gongwen.analysis.route_screen import needs_pair
from gongwen.analysis.routing import units_are_lines, units_holding
from gongwen.analysis.usage_dates import held_to_usage_of
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.analysis import pattern_cache

CUT_CHARS = "clause_cut_chars.txt"
END_PAIRS = "clause_end_pairs.txt"
_CLAUSE_ENDS = "，。；！？\r\n"
_LONGEST_WORD = 4  # the longest word checked as ending at the clause's end
_LONGEST_NAME = 4  # characters of a personal name with a compound surname
_COUPLET = 4  # characters of each clause of a couplet (治国有常，利民为本)
_COUPLET_MARKS = "，。；！？、"
_NEARBY = 3000  # the text around searched for the completion it writes (linear in the document)
_NUMBER_TAILS = " 万亿年月日时分秒"  # what a number written in digits may end with before its measure word


@cache
def completions() -> dict[str, tuple[str, ...]]:
    """Each character that never ends a clause bare, with the words it begins that do."""
    return lexicon.headed(CUT_CHARS)


@cache
def _end_pairs() -> frozenset[str]:
    """Two-character words that end clauses in official writing with a listed character last."""
    return lexicon.words(END_PAIRS)


@cache
def _cut_ends() -> re.Pattern:
    """A listed character before clause punctuation or the end of the text: ``re`` skips in C to
    the next character of the class, and the lookahead is tried only there."""
    chars = "".join(sorted(completions()))
    return pattern_cache.re_compile(f"[{re.escape(chars)}](?=[{_CLAUSE_ENDS}]|\\Z)")


def _ends_word(text: str, end: int) -> bool:
    """Whether a word of two or more characters ends at ``end``: 予以, 贯彻执行 are read so."""
    return any(is_word(text[end - n:end]) for n in range(2, _LONGEST_WORD + 1) if end >= n)


def _follows_content(text: str, at: int) -> bool:
    """Whether the clause has text right before text[at] that a cut word would follow (a Han
    character or a percent sign: 执行 in 贯彻执, 以内 in 5.5%以). A character standing alone
    after a blank, a mark or the line's start is a label, a table cell or a listed abbreviation
    (省、市、县。), not a word cut short."""
    return at > 0 and (is_han(text[at - 1]) or text[at - 1] in "%％")


def _after_number(text: str, at: int) -> bool:
    """Whether text[at] follows a number, or a date or time written in digits: there it counts
    or qualifies what was counted (航线12条, 16开, 1.1亿门, 1982年5月生, 21时40分许), and a
    word cut before a number is TYP012's."""
    k = at - 1
    while k >= 0 and text[k] in _NUMBER_TAILS and at - k <= 2:
        k -= 1
    return k >= 0 and text[k].isdigit()


def _names_person(text: str, at: int) -> bool:
    """Whether text[at] ends a run of two to four Han characters, set off by a blank, a mark or
    the line's start, that opens with a surname: a personal name (主持：副市长　孟庆华, 联系人：韦工)."""
    start = at
    while start > 0 and is_han(text[start - 1]) and at - start + 1 < _LONGEST_NAME:
        start -= 1
    if start > 0 and text[start - 1].isalnum() or start == at:
        return False  # a longer run, or one after a number (50万吨以: 万 is no surname there)
    single, compound = surnames()
    return text[start] in single or text[start:start + 2] in compound


def _wrapped(text: str, at: int, next_line: str) -> bool:
    """Whether text[at] ends a line that breaks inside a word (执\\n行): the next line's first
    character completes it. ``next_line``: the text after ``text`` (the next unit's line)."""
    end = at + 1
    if end < len(text):
        if text[end] not in "\r\n":
            return False
        next_line = text[end:end + 3].lstrip("\r\n")
    return bool(next_line) and is_word(text[at] + next_line[0])


def _in_repeated_frame(text: str, at: int) -> bool:
    """Whether the character before text[at] was written two places earlier: the last of a
    four-character parallel phrase that varies one slot (越唱越响, 依法依规, 敢闯敢干敢投), where
    a single character ends the phrase on purpose."""
    return at >= 3 and text[at - 1] == text[at - 3]


def _four_character_clause(text: str, end: int) -> bool:
    """Whether the clause ending before ``end`` is four Han characters after a mark or the
    line's start (the text's start in a unit, a line break in the generator's whole files)."""
    start = end - _COUPLET
    return (start >= 0 and all(is_han(c) for c in text[start:end])
            and (start == 0 or text[start - 1] in _COUPLET_MARKS + "\r\n"))


def _in_couplet(text: str, at: int) -> bool:
    """Whether text[at] ends a four-character clause beside another (治国有常，利民为本): a set
    phrase in the couplet form, whose last character is chosen for the form."""
    end = at + 1
    if not _four_character_clause(text, end):
        return False
    after = end + 1 + _COUPLET  # the end of the next clause, if four characters
    return (_four_character_clause(text, end - _COUPLET - 1)
            or after <= len(text) and text[end] in _COUPLET_MARKS and _four_character_clause(text, after)
            and (after == len(text) or text[after] in _COUPLET_MARKS + "\r\n"))


def bare_end(text: str, at: int, next_line: str = "") -> bool:
    """Whether text[at], before clause punctuation or a line end, stands there bare: no word
    ends with it, and no reading the layout gives (a number's measure word, a name, a parallel
    phrase that repeats it: 问计于民，问需于民) explains it. The generator counts these places
    in official writing; the rule reports them for the characters that never stand there."""
    # The layout's tests first, the dictionary's (~2 µs a look-up) last: on a line of 执，执，
    # every place is a parallel phrase, answered without a look-up.
    return not (not _follows_content(text, at) or _after_number(text, at) or in_parallel_phrase(text, at)
                or _in_repeated_frame(text, at) or _in_couplet(text, at) or _names_person(text, at)
                or _ends_word(text, at + 1) or _wrapped(text, at, next_line))


def cut_words(text: str, next_line: str = "") -> Iterable[tuple[int, tuple[str, ...]]]:
    """(index, completions) of each character that ends a clause of ``text`` cut short;
    ``next_line``: the text after it, if a line follows."""
    words, pairs = None, _end_pairs()
    for m in _cut_ends().finditer(text):
        at = m.start()
        # The commonest place by far: a two-character word official writing ends clauses with
        # (所以，已经。), which bare_end would find first; a set says so without the dictionary's
        # look-up (~2 µs, at ~18,000 places in the 1,000 benchmark files).
        if text[at - 1:at + 1] in pairs:
            continue
        if bare_end(text, at, next_line):
            words = words or completions()
            yield at, words[m.group()]


def likeliest(words: tuple[str, ...], document: str, at: int) -> str:
    """The completion the text around document[at] writes, else the commonest."""
    nearby = document[max(0, at - _NEARBY):at + _NEARBY]
    return next((w for w in words if w in nearby), words[0])


class ClauseCutShort(Rule):
    """## What it does
    检查句末被截断的词，例如 `认真贯彻执。`（“执行”缺“行”）、`控制在5.5%以。`（“以内”缺“内”）：
    句末（`，。；！？` 或行尾）的字在公文中极少出现在句末、从不单独结句（如介词“以”、只在词中
    出现的“执”“履”“监”），与前面的字也不成词，而以它开头的常用词常在句末出现；提示这些词。
    字表和补全词见 `data/clause_cut_chars.txt`，由 `data/build_clause_cut_chars.py` 统计公文和
    法律法规得出。

    ## Why is this bad?
    编辑时误删或输入法漏字，会把“执行。”变成“执。”，句子读不通，通读时也容易放过。
    不报告：
    - 与前面的字组成词的（`予以。`、`贯彻执行。`、`固执，`）；句末常见的字（`等。`、`中。`、
      `改革。`），字表里没有；
    - 前面不是汉字或百分号的单字：标题序号、表格单元格、`省、市、县。` 这样的列举、引号里的字；
    - 数字或数字写的日期、时间之后的量词（`航线12条`、`1982年5月生`、`21时40分许`）；量词本身不在
      字表：它也作名词的中心（`涂装装饰条`、`反光条`）；
    - 版式标出的人名（`联系人：陈卫`，姓氏加一至三字）；
    - 排比中的字（`问计于民，问需于民`、`越唱越响`、`依法依规`），四字对句末尾的字（`治国有常，利民为本`）；
    - 行尾字与下一行首字成词的（一个词被折行）；
    - 1990 年以前的文稿（当时的行文与今天不同：`兴无灭资。`），以及超过 3,000 字而开头不写年份、
      年代不明的文本（从长文稿中截出的一段）。
    字表之外的字不检查；补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    认真贯彻执。城镇调查失业率控制在5.5%以。
    ```

    Use instead:
    ```text
    认真贯彻执行。城镇调查失业率控制在5.5%以内。
    ```
    """

    code = "TYP017"
    name = "clause-cut-short"
    # info, on by default: after its principles (round 15: classifiers left out, for 装饰条),
    # no report on the clean corpus, the statutes or the 522 genre texts
    # (rules/data/precision.toml); with no report on real text yet seen right, it cannot be a
    # warning.
    severity = Severity.INFO
    # Reads only the units where a listed character ends a clause (units_with_places: one
    # compiled pass over the whole text): 294 of the 22,971 units of the benchmark's 1,000
    # files. As a unit rule it searched every unit with ``re``, whose class of ~150 characters
    # costs ~3-4 ns a character: 14 ms over those files, against ~5 ms for the pass.
    scope = "document"
    fixable = True

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        for unit in units_with_places(ctx.document):
            yield from self._check_unit(unit, ctx)

    def _check_unit(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        """The findings in one unit, at document offsets; past the report's cap only their spans."""
        document = ctx.document.text
        for at, words in cut_words(unit.text, document[unit.end:unit.end + 3].lstrip("\r\n")):
            if not held_to_usage_of(ctx.document, MODERN_SINCE):
                break  # older writing ends clauses with words today's does not (兴无灭资。)
            at_doc = unit.start + at
            if room(ctx, self) == 0:
                yield Surplus(at_doc, at_doc + 1)  # past the report's cap: counted, not built
                continue
            word = likeliest(words, document, at_doc)
            listed = "”“".join(words)
            yield Violation(
                at_doc, at_doc + 1, f"句末的“{unit.text[at]}”不成词，可能漏字或错字：常用词有“{listed}”",
                help=f"核对是否应为“{word}”",
                fixes=(Fix.replace(at_doc + 1, at_doc + 1, word[1:], f"补为“{word}”", Applicability.DISPLAY_ONLY),))


@cache
def _clause_end_route() -> ClassRoute:
    """A listed character before clause punctuation or a line break, searched in the whole text
    by the compiled finder of its two classes (class_routes): where a unit of whole lines holds
    a place of ``_cut_ends`` but at the text's end (a class route has no anchor). Its two
    classes declared to the route screen as a pair: the document's one compiled pass tells the
    text that holds none (748 of the benchmark's 1,000 documents) without the finder's search."""
    listed = "".join(sorted(completions()))
    return needs_pair(class_route(pattern_cache.re_compile(f"[{re.escape(listed)}][{_CLAUSE_ENDS}]")),
                      listed, _CLAUSE_ENDS)


def units_with_places(doc: Document) -> tuple[TextUnit, ...]:
    """The units of ``doc`` in which ``_cut_ends`` finds a place, in document order (perhaps a
    few more where the units are lines: one is read again). No triggers: 以, 其, 经 … are in
    nearly every unit, and as trigger characters they cost the engine's shared scan of each
    unit more (~0.03 s on the benchmark's 1,000 files) than this pass."""
    if not units_are_lines(doc):  # units made by hand: each unit's end is its own
        return tuple(unit for unit in doc.units if _cut_ends().search(unit.text))
    found = units_holding(doc, _clause_end_route())
    # A unit of whole lines ends before a line break, which the route reads, or at the end of
    # the text, where the unit's own \Z matches and the route cannot.
    last = doc.units[-1] if doc.units else None
    if last is not None and last.end == len(doc.text) and last.text[-1:] in completions() \
            and not (found and found[-1] is last):
        found += (last,)
    return found


RULES = (ClauseCutShort,)
