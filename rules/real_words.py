"""Slips that are themselves words (real-word errors): 人居环境政治提升 for 整治, 县域经纪高质量
发展 for 经济, 常住入口 for 人口 — the written word is common, so TYP013 (which looks for text that is no
word, or rare where it stands) lets it pass; only its slot tells it is wrong.

The evidence is the slot (``gongwen.analysis.real_word_slots``): official writing writes the
meant word with the two characters on each side of the written word often and the written word
there never (``data/real_word_slots.txt``). Both sides must agree; one side alone was wrong as
often as right on the tuning batch (受到群众指责。 → 职责). A side official writing writes with
neither word is no evidence: backing off to the one character next to the word (the character
model's trigrams) found 3 more slips of the 84 of the tuning batch and doubled the false reports
on untuned genre texts (设站条件, 建有全自动, 借款人自付: trigrams under three are not counted,
so "never" could not be told from "twice"; benchmarks/speed/NOTES.md, round 27).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import MODERN_SINCE
from gongwen.analysis.outline import written_year
from gongwen.analysis.real_word_slots import Counted, left_context, right_context, slot_text, slots
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext

# A side speaks for the meant word when official writing writes the meant word in that context
# SLOT times or more (the build's MIN_CONTEXT: the table lists no fewer) and the written one
# there never: the counted texts are edited, and a slip seldom repeats, so a context they write
# the written word in even once is a usage of it (迈出坚定步伐 1, 进一步抬高水位 2, 质押合同 3;
# allowing two, the clean tuning half had 7 false reports of 11, each in such a context).
SLOT = 5


@dataclass(frozen=True)
class Slip:
    at: int  # where the written word starts
    written: str
    meant: str
    changed: int  # which of its two characters differs (0 or 1)


def _side(meant: Counted, written: Counted, context: str, left: bool) -> bool:
    """Whether one side of the slot speaks for the meant word."""
    if left:
        return meant.left(context) >= SLOT and not written.left(context)
    return meant.right(context) >= SLOT and not written.right(context)


@cache
def _levels() -> frozenset[str]:
    """The administrative levels (省 市 县 区 乡 镇 村): the counted texts are mostly provinces'
    and the nation's, so their slots favour 全省 over 全县; a document writes its own level."""
    return lexicon.words("level_prefixes.txt")


@cache
def _curated() -> frozenset[tuple[str, str]]:
    """The pairs TYP013's curated table holds (其它/其他, 做出/作出): TYP013 judges them with the
    table's sources, dates and exceptions (做出 is right before 2012's standard)."""
    return frozenset((p["wrong"], p["right"]) for p in lexicon.table("confusable_words.toml")["pair"])


def real_word_slips(text: str) -> list[Slip]:
    """The two-character words of ``text`` (one unit) that a slip could have made of a common
    word, where both sides of the slot speak for that word (the one with most evidence, if
    several)."""
    table = slots()
    slotted = slot_text(text)
    found = []
    for i, _ in table.places(text, slotted):
        slip = _judge(text, slotted, i, table)
        if slip is not None:
            found.append(slip)
    return found


def _judge(text: str, slotted: str, i: int, table) -> Slip | None:
    written = text[i:i + 2]
    own, meant_words = table.written(written)
    left, right = left_context(slotted, i), right_context(slotted, i + 2)
    best, best_count = None, -1
    for meant in meant_words:
        if (written, meant) in _curated():
            continue
        counted = table.meant(meant)
        if not (_side(counted, own, left, True) and _side(counted, own, right, False)):
            continue
        changed = 0 if meant[0] != written[0] else 1
        if written[changed] in _levels() and meant[changed] in _levels():
            continue  # 全县 for 全省: the document's own level, not the counted texts' (provinces, the nation)
        evidence = counted.left(left) + counted.right(right)
        if evidence > best_count:
            best, best_count = Slip(i, written, meant, changed), evidence
    return best


class RealWordSlip(Rule):
    """## What it does
    检查本身也是词的错别字，例如 `持续深化农村人居环境政治提升`（整治）、`推动县域经纪高质量发展`
    （经济）、`截至年末常住入口38.6万人`（人口）：写出的词是常用词，TYP013 按“不成词或少见”判断时
    放过它；本规则看它两边的字：公文常把同音、近音或形近的另一个常用词写在这两边，而几乎从不把
    写出的词写在这里，两边都如此时提示。
    字表见 `data/real_word_slots.txt`，由 `data/build_real_word_slots.py` 从语料调校半区和法律法规
    统计：每个常用词两边各两个字的搭配及次数；候选词与 TYP013 相同（同音、近音、形近字）。
    两边都要如此：只有一边支持另一个词时不提示；某一边的两个字在公文中两个词都没有写过时，
    这一边不算证据。

    ## Why is this bad?
    输入法选错同音词（部属、形式、实事）或形近字成词（货款、入口），拼写检查和通读都容易放过，
    而意思已经变了。
    不报告：
    - 只有一边支持另一个词的（`拖欠中小企业货款问题`：“企业贷款”常见，“货款问题”也说得通）；
    - 写出的词在公文中这样搭配过的，哪怕一次（`迈出坚定步伐`、`质押合同`）；
    - TYP013 的常见错字表中的词对（`其它`、`做出`：由 TYP013 按表中的来源、年份和例外判断）；
    - 行政层级字之间的替换（`全县`与`全省`：统计的公文多是省级和国家级的，本文写自己的层级）；
    - 1990 年以前的文稿（用词习惯不同）。
    证据是统计的，所以只作提示，修改建议仅供参考。

    ## Example
    ```text
    持续深化农村人居环境政治提升，推动县域经纪高质量发展。
    ```

    Use instead:
    ```text
    持续深化农村人居环境整治提升，推动县域经济高质量发展。
    ```
    """

    code = "TYP024"
    name = "real-word-slip"
    severity = Severity.INFO
    preview = True  # untuned documents: ~2 right of 66 on held-out statutes (rules/data/precision.toml)
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        year = written_year(ctx.document)
        if year is not None and year < MODERN_SINCE:
            return  # the counts are of today's official writing
        for slip in real_word_slips(unit.text):
            at, char = slip.at + slip.changed, slip.meant[slip.changed]  # the character that differs
            yield Violation(
                at, at + 1, f"“{slip.written}”可能是“{slip.meant}”之误：公文中“{slip.meant}”常这样搭配，"
                f"“{slip.written}”很少",
                help=f"核对后改为“{slip.meant}”",
                fixes=(Fix.replace(at, at + 1, char, f"改为“{char}”", Applicability.DISPLAY_ONLY),))


RULES = (RealWordSlip,)
