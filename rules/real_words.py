"""Slips that are themselves words (real-word errors): 合法权宜 for 权益, 长效机智 for 机制, 常住入口
for 人口 — the written word is common, so TYP013 (which looks for text that is no word, or rare where it
stands) lets it pass; only its slot tells it is wrong.

The evidence is the slot (``gongwen.analysis.real_word_slots``): official writing writes the
meant word with the two characters on each side of the written word often and the written word
there never (``data/real_word_slots.txt``). Both sides must agree; one side alone was wrong as
often as right on the tuning batch (受到群众指责。 → 职责). A side official writing writes with
neither word is no evidence: backing off to the one character next to the word (the character
model's trigrams) found 3 more slips of the 84 of the tuning batch and doubled the false reports
on untuned genre texts (设站条件, 建有全自动, 借款人自付: trigrams under three are not counted,
so "never" could not be told from "twice"; benchmarks/speed/NOTES.md, round 27).

Round 28 judged it on statutes the table had not counted (four folds by law title, each fold's
table built without it): 66 reports, 2 right. A slot is two counts of the meant word alone, and the
written word's absence from it proves little where the counted texts seldom write it (legal and
sector terms: 药品施用范围, 登机手续) or write it as an alternative (制订/制定). Three principles
since: the meant word must make a dictionary word with the characters beside it (the segmentation
dictionary is no count of the corpus: a second, independent witness); the written word must not
already be part of such a word itself; an alternative official writing writes in the meant word's
slots too is judged by how often it would have been seen in this one. Held-out statutes: 3 reports,
1 right (benchmarks/speed/NOTES.md, round 28).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon
from gongwen.analysis.char_model import MODERN_SINCE
from gongwen.analysis.outline import written_year
from gongwen.analysis.evidence import word_count
from gongwen.analysis.real_word_slots import (Counted, alternatives, left_context, longer_words, right_context,
                                             slot_text, slots)
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext

# A side speaks for the meant word when official writing writes the meant word in that context
# SLOT times or more (the build's MIN_CONTEXT: the table lists no fewer) and the written one
# there never: the counted texts are edited, and a slip seldom repeats, so a context they write
# the written word in even once is a usage of it (迈出坚定步伐 1, 进一步抬高水位 2, 质押合同 3;
# allowing two, the clean tuning half had 7 false reports of 11, each in such a context).
SLOT = 5
# A written word official writing also writes in this share of the meant word's contexts or more is
# an alternative it chooses between (制订/制定, 中止/终止, 接到/接受, 扶养/抚养: on the statutes held out by
# fold, 31 of the 64 false reports): not having seen it in one more such slot is chance, unless it
# would have been seen there EXPECTED times or more at the rate it is written in the others (法制
# for 法治, 权利 for 权力: tens of times).
ALTERNATIVE_SHARE = 0.1
EXPECTED = 3


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
    return _slips(text, table.places(text), table)


def _slips(text: str, places: list[tuple[int, str]], table) -> list[Slip]:
    """``real_word_slips`` of ``text`` once the table's screen has given its ``places``."""
    if not places:
        return []
    slotted = slot_text(text)  # only for a unit with a place to judge: three substitutions
    found = []
    for i, _ in places:
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
        if not _absence_tells(counted, own, left, right):
            continue
        if not _fits_as_unit(text, i, meant):
            continue
        changed = 0 if meant[0] != written[0] else 1
        if written[changed] in _levels() and meant[changed] in _levels():
            continue  # 全县 for 全省: the document's own level, not the counted texts' (provinces, the nation)
        evidence = counted.left(left) + counted.right(right)
        if evidence > best_count:
            best, best_count = Slip(i, written, meant, changed), evidence
    if best is not None and _in_longer_word(text, i):
        return None
    return best


def _in_longer_word(text: str, i: int) -> bool:
    """Whether the written word makes a dictionary word of three or four characters with the
    characters beside it (试用期, 第三届, 公式化): then it is a piece of that word, whose own slots
    the table does not hold, and the meant word's slot says nothing of it."""
    return bool(longer_words(text, i, word_count))


def _absence_tells(meant: Counted, written: Counted, left: str, right: str) -> bool:
    """Whether never having seen the written word in this slot says anything: it does when official
    writing keeps the written word out of the meant word's contexts, and for an alternative it
    writes in them too (``ALTERNATIVE_SHARE``) only where it would have been seen there
    ``EXPECTED`` times or more on each side."""
    share, rate = alternatives(meant, written)
    return share < ALTERNATIVE_SHARE or min(meant.left(left), meant.right(right)) * rate >= EXPECTED


def _fits_as_unit(text: str, i: int, meant: str) -> bool:
    """Whether the meant word, put in the written word's place, makes a dictionary word of three
    or four characters with the characters beside it (合法权益 of 合法权宜, 职业技能 of 职业机能, 常住人口
    of 常住入口): the two sides' counts are each the meant word's alone, and a slot both of whose
    sides it is common beside proved no evidence on statutes the table had not counted (药品施用范围,
    办理登机手续 …: 2 right of 66); the meant word has to make a word of the place as well."""
    lo = max(0, i - 2)  # the two characters on each side are all a longer word can take
    return bool(longer_words(text[lo:i] + meant + text[i + 2:i + 4], i - lo, word_count))


class RealWordSlip(Rule):
    """## What it does
    检查本身也是词的错别字，例如 `依法维护进城务工人员的合法权宜`（权益）、`健全防止返贫长效机智`
    （机制）、`截至年末常住入口38.6万人`（人口）：写出的词是常用词，TYP013 按“不成词或少见”判断时
    放过它；本规则看它两边的字：公文常把同音、近音或形近的另一个常用词写在这两边，而从不把写出的
    词写在这里，两边都如此，且换成另一个词后与旁边的字组成词典中的词（合法权益、长效机制、常住人口）时提示。
    字表见 `data/real_word_slots.txt`，由 `data/build_real_word_slots.py` 从语料调校半区和法律法规
    统计：每个常用词两边各两个字的搭配及次数；候选词与 TYP013 相同（同音、近音、形近字）。
    两边都要如此：只有一边支持另一个词时不提示；某一边的两个字在公文中两个词都没有写过时，
    这一边不算证据。

    ## Why is this bad?
    输入法选错同音词（权宜、机智、主意）或形近字成词（入口），拼写检查和通读都容易放过，
    而意思已经变了。
    不报告：
    - 只有一边支持另一个词的（`拖欠中小企业货款问题`：“企业贷款”常见，“货款问题”也说得通）；
    - 写出的词在公文中这样搭配过的，哪怕一次（`迈出坚定步伐`、`质押合同`）；
    - 换成另一个词后不与旁边的字组成词典中的词的：两边的统计各自只说明另一个词常在这里，
      法律法规、行业文稿的专门用语（施用、登机）在统计的公文中少见，不能据此断定写错；
    - 写出的词与旁边的字本身组成更长的词的（`试用期`、`第三届`、`公式化`）；
    - 公文在另一个词的许多搭配中也写它的（`制订`与`制定`、`中止`与`终止`、`接到`与`接受`）：两者是
      公文在其间选择的用词，只有按它在这些搭配中出现的比例，这里本该见到它多次（每边至少 3 次）时才提示；
    - TYP013 的常见错字表中的词对（`其它`、`做出`：由 TYP013 按表中的来源、年份和例外判断）；
    - 行政层级字之间的替换（`全县`与`全省`：统计的公文多是省级和国家级的，本文写自己的层级）；
    - 1990 年以前的文稿（用词习惯不同）。
    证据是统计的，所以只作提示，修改建议仅供参考。

    ## Example
    ```text
    依法维护进城务工人员的合法权宜，健全防止返贫长效机智。
    ```

    Use instead:
    ```text
    依法维护进城务工人员的合法权益，健全防止返贫长效机制。
    ```
    """

    code = "TYP024"
    name = "real-word-slip"
    severity = Severity.INFO
    preview = True  # right 2 in 3 on untuned text since round 28, but +2.25 % of the default run when selected (NOTES, round 28)
    fixable = True
    # The document once, its units in one loop: called per unit, the engine's dispatch and two
    # calls to the screen cost ~1,700 instructions a unit, ~17 M of the 400 speed files (a third
    # of the rule's cost once its screen was compiled); judged per unit as before.
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        table = slots()
        places = table.places
        for part in ctx.document.units:
            found = places(part.text)
            if found:
                yield from self._reports(part, _slips(part.text, found, table), ctx)

    def _reports(self, part: TextUnit, slips: list[Slip], ctx: RuleContext) -> Iterable[Violation]:
        if not slips:
            return
        year = written_year(ctx.document)  # asked only where a slip is found
        if year is not None and year < MODERN_SINCE:
            return  # the counts are of today's official writing
        for slip in slips:
            at, char = part.start + slip.at + slip.changed, slip.meant[slip.changed]  # the character that differs
            yield Violation(
                at, at + 1, f"“{slip.written}”可能是“{slip.meant}”之误：公文中“{slip.meant}”常这样搭配，"
                f"“{slip.written}”很少",
                help=f"核对后改为“{slip.meant}”",
                fixes=(Fix.replace(at, at + 1, char, f"改为“{char}”", Applicability.DISPLAY_ONLY),))


RULES = (RealWordSlip,)
