"""Words cut short at the end of a clause, found by the two characters left there: 完善社会保障体，
(体系), 推动产业转型升。 (升级), 提高医疗保障水。 (水平).

TYP017 reads the last character alone (执 never ends a clause); many characters end clauses as
the last of a word (体 of 主体, 升 of 提升) and are not on its list. Two characters tell more:
``data/clause_cut_pairs.txt`` (built by ``data/build_clause_cut_pairs.py``) lists the pairs
official writing writes often, never before a stop, and nearly always going on into one word
(保障体 into 保障体系). A compiled scan (gongwen.analysis._pair_stops) looks the two characters
before each stop up in a hash table of the listed pairs and gives back only the places where
they are listed; TYP017's ``bare_end`` judges those few. The words each pair goes on into are
read only for a document that has one.
(Round 21: ``re.findall(r"..(?=[，。；！？])")`` tried a match at every character, ~300
instructions each, 4% of the default run's instructions over the speed corpus; the class
finder that replaced it stopped wherever a character of some pair, one of some pair and a stop
stood in a row, ~27 places in 1,000 characters, none listed, each a return to Python: 2.4%.)
"""
from __future__ import annotations

import re
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import MODERN_SINCE
from gongwen.analysis.usage_dates import held_to_usage_of
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.rules.truncated_words import bare_end, likeliest
from gongwen.analysis import pattern_cache

try:
    from gongwen.analysis import _pair_stops
except ImportError:  # not built (no C compiler at install): the re scan
    _pair_stops = None

CUT_PAIRS = "clause_cut_pairs.txt"
# A line end is a heading's, a label's or a table cell's as often as a clause's: not a stop.
_STOPS = "，。；！？"
_BEFORE_STOP = pattern_cache.re_compile(f"..(?=[{_STOPS}])", re.S)


@cache
def cut_pairs() -> dict[str, tuple[str, ...]]:
    """Each pair official writing never ends a clause with -> the words its last character
    begins that do end clauses."""
    found = {}
    for line in lexicon.entry_lines(CUT_PAIRS):
        pair, *words = line.split()
        found[pair] = tuple(words)
    return found


@cache
def _pairs() -> frozenset[str]:
    """The listed pairs alone (each line's first two characters): what the ``re`` scan looks up
    where the extension is not built; their words (``cut_pairs``) are parsed only where one
    ends a clause."""
    return frozenset(line[:2] for line in lexicon.entry_lines(CUT_PAIRS))


@cache
def _scanner():
    """The compiled scan of the listed pairs right before a stop or the text's end (None when
    the extension is not built). Built from the lines as they come: sorting the 6,000 pairs cost
    ~8 M instructions a process, more than the scan of 400 documents, and a set of them kept
    alive is traversed by every full garbage collection."""
    if _pair_stops is None:
        return None
    return _pair_stops.PairStops("".join(line[:2] for line in lexicon.entry_lines(CUT_PAIRS)), _STOPS)


def cut_pair_places(text: str) -> list[int]:
    """The index of the last character of each listed pair that ends a clause of ``text`` bare,
    in order; the text's own end is a clause end too."""
    scanner = _scanner()
    if scanner is not None:
        places = scanner.places(text)
    else:  # re: the two characters before each stop (matches never overlap a place)
        pairs = _pairs()
        places = [m.start() + 1 for m in _BEFORE_STOP.finditer(text) if m.group() in pairs]
        if text[-2:] in pairs:
            places.append(len(text) - 1)
    return [at for at in places if bare_end(text, at)]


class ClauseCutAfterPair(Rule):
    """## What it does
    检查句末被截断的词，例如 `完善社会保障体，`（“体系”缺“系”）、`推动产业转型升。`（“升级”缺“级”）、
    `提高医疗保障水。`（“水平”缺“平”）：句末（`，。；！？` 或全文末尾）的两个字在公文中常见、
    从不出现在句末，几乎总是接着一个以后一字开头的词，而这里后一字不与前面的字成词；提示这些词。
    字表见 `data/clause_cut_pairs.txt`，由 `data/build_clause_cut_pairs.py` 统计公文和法律法规得出。
    TYP017 看句末的单字（`执`、`以` 从不结句）；“体”“升”这样常作词尾的字它不看，本规则看两个字。

    ## Why is this bad?
    编辑时误删或输入法漏字，会把“体系。”变成“体。”，句子读不通，通读时也容易放过。
    不报告：
    - 与前面的字组成词的（`保障体系。`、`整体，`）；行尾（标题、表格单元格常不成句）；
    - 前一字是虚词，或后一字是虚词、方位词、行政层级、机构或科室名称的末字
      （`以此为证。`、`规格上，`、`河口市，`、`运输服务科，`），字表里没有；
    - TYP017 的字表中的字（由 TYP017 报告）；
    - 数字之后的量词、版式标出的人名、排比和四字对句中的字（同 TYP017）；
    - 1990 年以前的文稿，以及超过 3,000 字而开头不写年份、年代不明的文本（同 TYP017）。
    补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    进一步完善社会保障体，推动产业转型升。
    ```

    Use instead:
    ```text
    进一步完善社会保障体系，推动产业转型升级。
    ```
    """

    code = "TYP019"
    name = "clause-cut-after-pair"
    severity = Severity.INFO
    scope = "document"  # one compiled scan over the whole document
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        text = unit.text
        found = cut_pair_places(text)  # nearly always empty: the date is not read, nor the words
        if not found or not held_to_usage_of(ctx.document, MODERN_SINCE):
            return  # older writing ends clauses with words today's does not
        for at in found:
            if room(ctx, self) == 0:  # past the report's cap: counted, not built
                yield Surplus(at, at + 1)
                continue
            words = cut_pairs()[text[at - 1:at + 1]]
            word = likeliest(words, text, at)
            listed = "”“".join(words)
            yield Violation(
                at, at + 1, f"句末的“{text[at]}”不成词，可能漏字：常用词有“{listed}”",
                help=f"核对是否应为“{word}”",
                fixes=(Fix.replace(at + 1, at + 1, word[1:], f"补为“{word}”", Applicability.DISPLAY_ONLY),))


RULES = (ClauseCutAfterPair,)
