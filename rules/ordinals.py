"""Ordinals whose number was lost: 第次会议, 第届."""
from __future__ import annotations

from typing import Iterable


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon

_NOT_ORDINAL = lexicon.char_class("words_ending_in_di.txt")
# After a word ending in 第 (府第, 门第) a counter may be a new word (府第期间), but no such noun
# is counted in 次 or 届: 政府第次常务会议 has lost its number. Only 次第 (in order) stays.
_MISSING = lazy_regex.compile(rf"(?<![{_NOT_ORDINAL}])第(?=[次届批期项条款章节季名轮])|(?<!次)第(?=[次届])")


class MissingNumeral(Rule):
    """## What it does
    检查“第”与量词之间缺少数字的序数，例如 `第次会议`、`第届`。

    ## Why is this bad?
    序数缺了数字，会议届次、条款编号就无从核对，属于发布前必须改正的数据错误。
    不检查以“第”结尾的词（`门第`、`及第`、`府第期间`）和完整的序数（`第一次`、`第二次`）；
    但这些名词后面不会接“次”“届”，所以 `经市政府第次常务会议` 照样报告。
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
    triggers = "第"  # every match is 第 (the pattern starts with a lookbehind: tried at every character)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in _MISSING.finditer(unit.text):
            counter = unit.text[m.end()]
            yield Violation(m.start(), m.end() + 1, f"序数缺少数字：“第{counter}”",
                            help=f"补全数字，例如“第一{counter}”")


RULES = (MissingNumeral,)
