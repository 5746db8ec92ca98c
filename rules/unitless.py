"""Numbers that lost their unit: 全年新建公路12， (12 what?), 完成投资3.5亿， (亿元)."""
from __future__ import annotations

from bisect import bisect
from collections import Counter
from functools import cache
from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon, unit_words
from gongwen.analysis.figure_heads import (CORPUS_KINDS, DOCUMENT_KINDS, PEOPLE_KINDS, after_figure,
                                           bare_followers, bare_screen, figures_after, governing_head, heads)
from gongwen.triggers import Adjacent
from gongwen.analysis.quantities import SENTENCE_END, Quantity, quantities_in
from gongwen.analysis import pattern_cache

# The clause a number belongs to starts after the last of these (a colon or a parenthesis
# opens a label or an aside whose numbers are not governed by the verb before it).
_CLAUSE_START = lazy_regex.compile(r"[，。；：、,;:（(“「\n]")
_DIGIT = lazy_regex.compile(r"[0-9０-９]")
_DIGITS = "0123456789０１２３４５６７８９"
_LONGEST_VERB_SPAN = 16  # characters between the governing verb and its number
_LONGEST_CLAUSE = 40  # characters looked back for the clause's start
_LONGEST_SENTENCE = 200  # … and for the sentence's, where the people counted may be named
# 3至5, 5公里到8, 60%至: a number (and its unit) right before 至/到; 提高到610 is a verb's target.
_RANGE_END = lazy_regex.compile(r"[0-9０-９%％]\p{Han}{0,2}[至到]\Z")
# ２７，２０３，３１９元: a comma before exactly three digits groups a number's thousands.
_GROUPED = lazy_regex.compile(r"[，,][0-9０-９]{3}(?![0-9０-９])")
_YEAR = lazy_regex.compile(r"(?:19|20)[0-9]{2}")
# A clause that compares with an earlier value (比上年提高0.004, 较上年下降0.02, 同比增加0.3).
_COMPARISON = lazy_regex.compile(r"(?:比|较|同比|与)")
# The clause before ends in a bare number: the compared value was written without a unit.
_BARE_NUMBER_END = lazy_regex.compile(r"[0-9０-９]\Z")
_WANTED = {"percent": "百分号", "unit": "计量单位", "either": "计量单位或百分号"}
# 以1950年为100: the sentence sets an index's base, and its figures are index values, unitless.
_INDEX_BASE = lazy_regex.compile(r"以[^，。；]{1,16}为(?:100|１００)(?![0-9０-９])")
# A row of a table written as text holds this many bare figures or more in one sentence (自然人37，
# 商业企业3，科研机构0，…总计43): the unit is in the table's head; units lost by slips leave one or two
# (the example of the rule's docs drops three).
_ROW_OF_CELLS = 4
# Tables written as text (cells split by tabs, bars or runs of spaces) hold bare numbers whose
# unit is in the column head. Leading blanks are a paragraph's indent, not a cell break.
_TABLE_ROW = lazy_regex.compile(r"\S(?:\t|[ \u3000]{2,})\S|\|")


@cache
def _verbs() -> regex.Pattern:
    return pattern_cache.regex_compile(lexicon.pattern("counting_verbs.txt"))


@cache
def _people() -> regex.Pattern:
    return pattern_cache.regex_compile(lexicon.pattern("people_nouns.txt"))


def counts_people(sentence: str, numeral: str) -> bool:
    """Whether a number in 万 or 亿 counts the people its sentence names (人口减少700万,
    参保人数增加7359万，总计达到1.17亿): there the noun is the unit, and official prose writes
    no 人 after it. The 人 of 人民 (人民政府, 人民法院, 人民代表大会) names an institution, no people
    counted."""
    if numeral[-1] not in "万亿":
        return False
    return any(m.group() != "人" or not sentence.startswith("民", m.end()) for m in _people().finditer(sentence))


@cache
def _unitless() -> regex.Pattern:
    """Measures whose number has no unit (指数, 得分), anywhere in the clause."""
    return pattern_cache.regex_compile(lexicon.pattern("unitless_measures.txt"))


@cache
def _per_base_rate() -> regex.Pattern:
    """A rate counted per a base (亿元…死亡率, 万车死亡率): its figure has no unit."""
    return pattern_cache.regex_compile(f"(?:{lexicon.pattern('rate_bases.txt')})\\p{{Han}}{{0,16}}率")


_LONGEST_LABEL = 4  # characters of a count's label read back from its colon (申请数量：)


@cache
def _count_label() -> regex.Pattern:
    """Labels that name a count (数量, 人数), ending right before a colon."""
    return pattern_cache.regex_compile("(?:" + lexicon.pattern("count_labels.txt") + r")\Z")


@cache
def _label() -> regex.Pattern:
    """Labels of a number that names a thing (编号, 热线, 拨打), right before the number."""
    return pattern_cache.regex_compile("(?:" + lexicon.pattern("identifier_labels.txt") + r")\Z")


@cache
def _stated_unit() -> regex.Pattern:
    """A unit stated for the figures after it: 单位：亿元, （单位：万元）, 项目资金（万元）： — a unit in
    brackets before a colon or a line's end; 2.3万件（套） names an alternative unit, no block's."""
    units = lexicon.alternation(unit_words.tagged("unit"))
    return pattern_cache.regex_compile(rf"单位[：:]\s*(?:{units})|[（(](?:{units})[)）](?=[：:\n]|\Z)")


def stated_unit_end(text: str) -> int:
    """Where the paragraph's first statement of the unit its figures are in ends (年度资金总额1860
    under 项目资金（万元）：: a table's or a block's unit written once), or past the text if none:
    the figures after it are in that unit."""
    m = _stated_unit().search(text)
    return m.end() if m else len(text) + 1


def _since(boundary: regex.Pattern, text: str, end: int, reach: int) -> str:
    """The text from the last ``boundary`` before ``end`` (at most ``reach`` back) to ``end``:
    bounded, so a long paragraph of numbers stays linear."""
    lo = max(0, end - reach)
    last = None
    for last in boundary.finditer(text, lo, end):
        pass
    return text[last.end() if last else lo:end]


def compares_unitless_measure(text: str, clause_start: int, clause: str) -> bool:
    """Whether ``clause`` (比上年提高0.004) states the change of a unitless measure whose value
    the clause before gave bare (灌溉水有效利用系数0.578，): a change compared with an earlier
    value is measured in that value's unit, so it has none either."""
    if not _COMPARISON.match(clause) or clause_start == 0 or text[clause_start - 1] not in "，,":
        return False
    before = _since(_CLAUSE_START, text, clause_start - 1, _LONGEST_CLAUSE)
    return _BARE_NUMBER_END.search(before) is not None and names_a_unitless_measure(before)


def governing_verb(clause: str) -> str | None:
    """The counting verb of ``clause`` (the text from the clause start to the number) close
    enough to govern the number at its end, with a noun or nothing between them."""
    found = None
    for m in _verbs().finditer(clause, max(0, len(clause) - _LONGEST_VERB_SPAN)):
        found = m.group()
    return found


def self_named(before: str, numeral: str) -> bool:
    """Whether the number is one that needs no unit: a year, a code, a version, a range end,
    a score, an ordinal, or a number after a word whose measure is unitless (指数, 得分) or a rate
    counted per a base (万车死亡率)."""
    if not before or not regex.match(r"\p{Han}", before[-1]):
        return True  # after a letter, a digit, a symbol or a colon: a code, a range, a label
    if before[-1] in "第比约近":
        return True  # 第3, 3比2 — and approximations already read as such
    if _RANGE_END.search(before):
        return True  # the end of a range (3至5, 5公里到8); 提高到610 is a verb's target
    if _YEAR.fullmatch(numeral):
        return True
    return (_label().search(before) is not None or names_a_unitless_measure(before)
            or _per_base_rate().search(before) is not None)


def names_a_unitless_measure(clause: str) -> bool:
    """Whether ``clause`` names a measure without a unit (指数, 系数, 收入比为): one whose first
    character ends a head of shares (占比为64: 占比, whose figures official writing writes as
    shares, data/figure_heads.txt's ``percent``) is that head's, no ratio."""
    return any(not _ends_a_share_head(clause, m.start() + 1) for m in _unitless().finditer(clause))


def _ends_a_share_head(clause: str, end: int) -> bool:
    return any(kind == "percent" and end >= len(head) and clause.startswith(head, end - len(head))
               for head, kind in heads().items())


class NumberWithoutUnit(Rule):
    """## What it does
    检查分句末尾缺少单位或量词的数字，例如 `全年新建公路12，`（12公里？12条？）、
    `完成投资3.5亿，`（应为“亿元”）、`接待游客12.5，`（万人次？）。报告的条件是：数字
    是阿拉伯数字，后面没有单位、量词或百分号，紧接逗号、句号、分号、左括号，或紧接
    “以上”“以内”“左右”等再到分句末尾（`失业率控制在5.2以内，`），或紧接顿号而后面是另一项
    （`办理代表建议128、政协提案156件`；`2、3号`这样共用后一个单位的不算）；并且：同一分句
    中数字前不远处有表示计数或计量的动词（新建、完成、接待、投资、新增、达到、实现、增长等，
    见 `data/counting_verbs.txt`），或数字前三字以内是公文里其后数字几乎总带单位的词
    （`资金5.6，`、`时长缩短至12，`、`比重提高到52.6，`：金额、产量、时长、比重、各种“率”等，
    见 `data/figure_heads.txt`，由 `data/build_figure_heads.py` 在语料中统计得出：其后的数字
    带单位或百分号至少3次、不带单位的不超过5%）；语料中其后数字太少、无从统计的候选词（演练、
    接种、奖励等，表中标为 document），看本文自己：本文在同一个词后写的其他数字带单位
    （`开展应急演练6次……开展卫生应急演练14，`）时报告；以“亿”结尾的数字（`财政赤字9500亿，`）不论
    有无这类词都报告，以亿计的数没有不写单位的。

    ## Why is this bad?
    数字没有单位，读者不知道计的是什么，“新建公路12”可能是12公里，也可能是12条，
    “投资3.5亿”是元还是美元也不清楚。这类错误多是编辑时误删了单位。
    不报告：年份（`实现于2024，`）、序数（`排名第3，`）、范围（`5至8，`）、比分（`3比2，`）、
    千分位逗号（`收入合计２７，２０３，３１９元`）、
    编号和代码（`拨打12345，`、`GB3095，`）、冒号后的标注、文本表格中的数字、本身没有
    单位的量（指数、得分、系数、编号，见 `data/unitless_measures.txt`；“占比为”的“比为”属于
    “占比”，不是比值）及其与前值比较的变化
    （`灌溉水有效利用系数0.578，比上年提高0.004，`：变化的单位就是前值的单位），以及分句写明是人
    的以万、亿计的人数（`农村贫困人口减少1240万，`、`参保人数增加7359万，总计达到1.17亿，`，
    公文通行写法，同一句中写明是人即可，见 `data/people_nouns.txt`；“人民法院”“人民政府”的
    “人”不算；但数字紧跟在语料中以万计时总写“人”“人次”的指人名词之后的仍报告：`回访群众4.86万，`、
    `参保人员1.3万，`，见 `data/figure_heads.txt` 中标为 people 的词，由同一脚本只统计以万、亿计的
    数字得出；“人口”“人数”这类总数不在其中）；还有：数值为0的数（`死亡率为0，`）、一句中有四个以上不带单位的数（文字写成的
    表格行，`维持3，纠正1，终止0，其他2，合计6。`，单位在表头）、段落前面已写明单位的数
    （`专项资金（万元）：下达总额2350，`）、冒号前的标签写明是数量的模板行（`上年结转政府信息公开
    申请数量：总计1。`，见 `data/count_labels.txt`）、以某年为100的指数（`以2010年为100，……增加到231.5`）、
    按基数计的比率（`万车死亡率下降到1.42，`，见 `data/rate_bases.txt`），以及紧接在计数动词前的
    主语本身是以“量”“数”结尾、表示数目的名词时其后的数（`访问量突破46万，`、`参保户数增加到1.3万，`：
    以万、亿计时数的就是这个名词所计的东西，见 `data/count_endings.txt`；语料中其后数字带单位的词如
    “产量”“降水量”，以及不以万、亿计的数（`人数达到1260，` 应为“1260人”）仍报告）。
    数字本身作名称时（`安排996，`）也会被报告，所以只作提示；缺的是哪个单位只有作者
    知道，不提供修复。

    ## Example
    ```text
    全年新建农村公路12，完成投资3.5亿，接待游客12.5。
    ```

    Use instead:
    ```text
    全年新建农村公路12公里，完成投资3.5亿元，接待游客12.5万人次。
    ```
    """

    code = "NUM015"
    name = "number-without-unit"
    # On untuned text (round 27: texts27 before the round's changes, texts27b after them, the
    # round-26 genre texts) 27 of 28 reports were right: above the 2 in 3 info promises, on too few
    # batches for the 9 in 10 of a warning (rules/data/precision.toml).
    severity = Severity.INFO
    def __init__(self, options=None) -> None:
        super().__init__(options)
        # A finding is a figure written bare: its last digit, or its 万 or 亿, right before a
        # clause's end, 、 or a bound word (bare_followers). Digits alone woke the rule on every
        # paragraph with a figure, where reading the paragraph's quantities cost 8 % of the
        # default rules' time (round 27).
        self.trigger_patterns = (Adjacent(_DIGITS + "万亿", bare_followers()),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        if not may_need_a_unit(text) or _TABLE_ROW.search(text):
            return  # no bare figure a verb, a head or 亿 asks a unit of (most paragraphs)
        found = list(_bare_figures(text, quantities_in(ctx.document, unit)))
        if not found:
            return
        ends = [m.start() for m in SENTENCE_END.finditer(text)]
        per_sentence = Counter(bisect(ends, q.start) for q, _ in found)
        stated = stated_unit_end(text)
        for q, clause in found:
            if q.value == 0 or q.start >= stated or per_sentence[bisect(ends, q.start)] >= _ROW_OF_CELLS:
                continue  # 死亡率为0: nothing counted needs no unit; a unit stated once; a table's row
            why = _why_a_unit(text, q, clause, ctx.document.text, unit.start)
            if why is not None:
                yield Violation(
                    q.start, q.end, f"数字“{q.numeral.text}”后缺少单位或量词（{why}）",
                    help="补上单位或量词，如“个”“公里”“万元”“人次”“%”",
                )


_FIGURE_CHARS = frozenset("0123456789０１２３４５６７８９.．万亿")
_HAN = lazy_regex.compile(r"\p{Han}")
_ALL_KINDS = CORPUS_KINDS | PEOPLE_KINDS | DOCUMENT_KINDS


def may_need_a_unit(text: str) -> bool:
    """Whether some figure of ``text`` written bare (bare_screen) has what ``_why_a_unit`` asks
    a unit for: a counting verb in the characters before it, a head of any kind right before it,
    or 亿 — a necessary condition read from the text alone, so that a paragraph's quantities are
    read only where a report is possible (most bare figures in prose are codes, ordinals, hotlines)."""
    for m in bare_screen().finditer(text):
        start = end = m.start() + 1
        while start > 0 and text[start - 1] in _FIGURE_CHARS:
            start -= 1
        if start == 0 or not _HAN.match(text, start - 1) or not _DIGIT.search(text, start, end):
            continue  # ×100。, GB3095, 十二亿: a code, a formula, a Chinese numeral (self_named, _DIGIT)
        if _GROUPED.match(text, end) or after_figure(text, end) != "bare":
            continue  # ２７，２０３，３１９元: the comma groups thousands; 1979、1980年 shares a unit
        sentence = _since(SENTENCE_END, text, start, _LONGEST_SENTENCE)
        if _INDEX_BASE.search(sentence) or (counts_people(sentence, text[start:end])
                                            and persons_counted(text, start, text[start:end]) is None):
            continue  # 以1950年为100; 人口减少700万 (as _bare_figures)
        if text[end - 1] == "亿" or _verbs().search(text, max(0, start - _LONGEST_VERB_SPAN - 4), start):
            return True
        if governing_head(text, start, _ALL_KINDS) is not None:
            return True
    return False


def counted_in_a_label(text: str, clause_start: int) -> bool:
    """Whether the clause starting at ``clause_start`` follows a colon after a label that names the
    count (上年结转政府信息公开申请数量：总计1; data/count_labels.txt): a template's row whose figure
    is counted in the label's quantity, as a table's cell is."""
    if clause_start == 0 or text[clause_start - 1] not in "：:":
        return False
    return _count_label().search(text, max(0, clause_start - 1 - _LONGEST_LABEL), clause_start - 1) is not None


def persons_counted(text: str, start: int, numeral: str) -> str | None:
    """The noun of persons governing the figure starting at ``start`` in 万 or 亿 (data/
    figure_heads.txt's ``people``: 群众, 人员, 学生), if any: official writing writes 人 or 人次
    after 万 there (服务群众2.3万人次), so 万 is no people count of its own."""
    return governing_head(text, start, PEOPLE_KINDS) if numeral[-1] in "万亿" else None


def _bare_figures(text: str, quantities) -> Iterable[tuple[Quantity, str]]:
    """The figures written bare (nothing after the digits but a clause's end) that are no name,
    code, ordinal, range end or unitless measure, with the clause before each."""
    for q in quantities:
        if q.unit or q.after or after_figure(text, q.end) != "bare" or _GROUPED.match(text, q.end):
            continue
        numeral = q.numeral.text
        if not _DIGIT.search(numeral):
            continue
        start = q.start - len(q.before)
        clause = _since(_CLAUSE_START, text, start, _LONGEST_CLAUSE)
        sentence = _since(SENTENCE_END, text, start, _LONGEST_SENTENCE)
        if self_named(clause, numeral) or _INDEX_BASE.search(sentence):
            continue
        if counts_people(sentence, numeral) and persons_counted(text, q.start, numeral) is None:
            continue
        if counted_in_a_label(text, start - len(clause)):
            continue
        if compares_unitless_measure(text, start - len(clause), clause):
            continue
        yield q, clause


@cache
def _count_subject() -> regex.Pattern:
    """A noun ending in a count suffix (data/count_endings.txt: 下载量, 户数) at the end of the text
    before a verb; group 1 is the noun's last characters, to be matched against measured heads."""
    return pattern_cache.regex_compile(rf"(\p{{Han}}{{1,3}}(?:{lexicon.pattern('count_endings.txt')}))\Z")


def counted_by_its_subject(clause: str, numeral: str) -> bool:
    """Whether the counting verb of ``clause`` has for its subject a noun that names a count
    right before it (下载量突破28万, 受理件数达到1260; data/count_endings.txt): the figure counts that noun's own
    things, whose measure the noun already says, and a count in 万 or 亿 is written so (访问量突破46万).
    Not when the noun is a head the corpus writes with a unit (产量, 降水量: figure_heads.txt), nor
    for a figure under 万: official writing writes the classifier after such a count (人数达到1260人)
    and a measurement (降雨量达到86.4毫米). Not told apart: a measured 量 the corpus lacks, in 万
    (蓄水量达到1.2万 for 万立方米)."""
    if numeral[-1] not in "万亿":
        return False  # 人数达到1260人, 户数增加326户: a count under 万 keeps its classifier
    verb = None
    for verb in _verbs().finditer(clause, max(0, len(clause) - _LONGEST_VERB_SPAN)):
        pass
    if verb is None or len(clause) - verb.end() > 1:
        return False  # the verb stands right before the figure (突破28万, 增加到1.3万), its subject before it
    m = _count_subject().search(clause, 0, verb.start())
    if m is None:
        return False
    noun = m.group(1)
    return not any(noun.endswith(head) for head in heads())


def _why_a_unit(text: str, q: Quantity, clause: str, document: str, offset: int) -> str | None:
    """Why the bare figure ``q`` needs a unit, or None if nothing says so (``offset``: where
    ``text`` starts in ``document``)."""
    if counted_by_its_subject(clause, q.numeral.text):
        return None  # 下载量突破28万: the subject names the count
    verb = governing_verb(clause)
    if verb is not None:
        return f"“{verb}”的对象应有计量单位"
    head = governing_head(text, q.start)
    if head is not None:
        # 资金5.6，时长缩短至12，: official writing writes the figure after this word with its unit
        # or %-sign nearly always (data/figure_heads.txt counts how often)
        kind = "unit" if q.numeral.text[-1] in "万亿" else heads()[head]  # 1503亿 is no share
        return f"“{head}”后的数字应有{_WANTED[kind]}"
    people = persons_counted(text, q.start, q.numeral.text)
    if people is not None:  # 回访群众4.86万，: 人次 lost
        return f"“{people}”后以万、亿计的人数应写明“人”或“人次”"
    head = governing_head(text, q.start, DOCUMENT_KINDS)
    if head is not None:
        # 演练, 接种: too rare in the corpus to judge; the document writes its other figures after
        # the same word with a unit (开展应急演练6次 … 开展卫生应急演练14，) and this one lost it
        seen = figures_after(document, head, offset + q.start)
        if seen["unit"] + seen["percent"] > seen["bare"]:
            return f"本文中“{head}”后的其他数字带{'百分号' if seen['percent'] > seen['unit'] else '计量单位'}"
    if q.numeral.text[-1] == "亿":
        return "以亿计的金额或数量应写明单位"  # 赤字9500亿，: a sum in 亿 is never unitless
    return None


RULES = (NumberWithoutUnit,)
