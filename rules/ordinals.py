"""Numbers that were lost: an ordinal without its number (第次会议, 第届), a percentage
without its number (同比增长%，)."""
from __future__ import annotations

from typing import Iterable


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon
from gongwen.analysis.numerals import CN_DIGITS, CN_UNITS
from gongwen.analysis.route_screen import needs_pair
from gongwen.analysis import pattern_cache

_NOT_ORDINAL = lexicon.char_class("words_ending_in_di.txt")
# After a word ending in 第 (府第, 门第) a counter may be a new word (府第期间), but no such noun
# is counted in 次 or 届: 政府第次常务会议 has lost its number. Only 次第 (in order) stays.
_MISSING = lazy_regex.compile(rf"(?<![{_NOT_ORDINAL}])第(?=[次届批期项条款章节季名轮])|(?<!次)第(?=[次届])")
# 第 and a counter, which every _MISSING match holds: a positive pattern the engine searches.
# The pattern is a pair, which the document's route screen answers in its one pass (none of the
# benchmark's 1,000 documents holds one).
_COUNTED_ORDINAL = needs_pair(pattern_cache.re_compile("第[次届批期项条款章节季名轮]"), "第", "次届批期项条款章节季名轮")
# A percent sign is the unit of a number, so one written straight after a Han character that is
# not a numeral has lost it (同比增长%，). Only in running prose: the sign must be followed by a
# clause mark or more Han text. A table's header cell (增长%<tab>, 增长（%）) ends at the sign or
# wraps it in brackets; a blank form leaves spaces to fill (增长____%, 增长    %); an extracted PDF
# spaces its digits (6 ％); software templates write %s and %d. None of those is reported.
_WORD_BEFORE = lazy_regex.compile(r"\p{Han}{1,2}$")  # quoted in the message: 增长%
_PERCENT_WITHOUT_NUMBER = lazy_regex.compile(
    rf"[%％‰](?<=\p{{Han}}.)(?<![{CN_DIGITS}{CN_UNITS}].)(?=[，。；、：\p{{Han}}])")


class MissingNumeral(Rule):
    """## What it does
    检查丢了数字的序数和百分数：“第”与量词之间缺少数字（`第次会议`、`第届`），
    百分号紧跟在非数字的汉字之后（`同比增长%，`）。

    ## Why is this bad?
    序数缺了数字，会议届次、条款编号就无从核对，属于发布前必须改正的数据错误。
    不检查以“第”结尾的词（`门第`、`及第`、`府第期间`）和完整的序数（`第一次`、`第二次`）；
    但这些名词后面不会接“次”“届”，所以 `经市政府第次常务会议` 照样报告。
    百分号是数的单位，紧跟在“增长”“占比”这类汉字后面，说明数字丢了。只查正文：
    百分号后面须是逗号、句号等句内标点或汉字；表头（`增长%` 后接制表符、`增长（%）`）、
    留空待填的表格（`增长____%`、`增长    %`）、数字间带空格的 PDF 文本（`6 ％`）
    和软件模板（`%s`）都不报告。
    缺的数字只有作者知道，因此不提供修复。

    ## Example
    ```text
    召开区委全面依法治区委员会第次会议。
    ```

    Use instead:
    ```text
    召开区委全面依法治区委员会第三次会议。
    ```
    """

    code = "TYP005"
    name = "missing-numeral"
    severity = Severity.ERROR
    # Every _PERCENT_WITHOUT_NUMBER match starts with one of these, every _MISSING match holds
    # 第 and its counter (第 alone woke it on most paragraphs with an ordinal: 第一, 第二季度).
    triggers = "%％‰"
    trigger_patterns = (_COUNTED_ORDINAL,)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in _MISSING.finditer(unit.text):
            counter = unit.text[m.end()]
            yield Violation(m.start(), m.end() + 1, f"序数缺少数字：“第{counter}”",
                            help=f"补全数字，例如“第一{counter}”")
        for m in _PERCENT_WITHOUT_NUMBER.finditer(unit.text):  # starts at the sign: a literal scan
            word = _WORD_BEFORE.search(unit.text, max(0, m.start() - 2), m.start()).group()
            yield Violation(m.start() - 1, m.end(), f"百分数缺少数字：“{word}{m.group()}”",
                            help=f"在“{word}”和“{m.group()}”之间补上数字")


RULES = (MissingNumeral,)
