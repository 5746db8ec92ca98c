"""Wrong characters found by the document's own evidence: a term, a name or an institution the
document writes right elsewhere, written once with a sound- or shape-alike character (TYP015).
TYP020 (a character dropped, found the same way) was removed in round 21; its code stays."""
from __future__ import annotations

import functools

from typing import Iterable

from gongwen.analysis.char_model import MODERN_SINCE
from gongwen.analysis.one_off import one_off_variants
from gongwen.analysis.outline import written_year
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.rules.characters import script_tables


class OneOffVariant(Rule):
    """## What it does
    检查文中只出现一次、与本文反复写的词语只差一个同音或形近字的写法，例如本文两次写
    `李振华`、一次写 `李振化`，五次写 `土地流转`、一次写 `土地流传`。比较的单位是三个相连的
    汉字（人名，或一个词连同它的邻字，即同样的搭配）：本文写过两次以上的三字组合，换掉一个
    读音相同（pypinyin，各个读音都算）或在候选字表中同音、近音、形近的字后只出现一次，且公文
    字符模型（`data/official_trigrams.txt`）也认为本文反复写的那种更合理时报告。

    ## Why is this bad?
    人名、机构名称和术语写错一个字，是政府网站检查中的“严重表述错误”；这类笔误很少重复，
    同一篇文稿在别处写对的形式就是最直接的证据。
    不报告：两种写法在本文中各自反复出现（`权利`与`权力`）；比较处只有一侧相同、恰是两个词
    的分界（`推进新型`与`推进兴边`），或该字与不相同一侧的邻字另成一词（`主城都市圈`与
    `建成都市圈`）；前后六字内重复的字（排比：`减税降费`与`减税减费`）；两个相同字之间的字
    （`一湖一策`与`一市一策`）；地名层级字（县、市、镇……）之后只与左侧一致的字：地名在此结束，
    另起的是名单中另一家企业的字号（`江州市龙腾物流`与`江州市农丰化肥`）；电压之后线路、变电站名称
    末尾的`线`、`变`、`站`（`10千伏桐林线`与`桐林乡`：线路以地名命名，名称是线路自己的）；
    短引号内的自拟名称（“数字香村”）；行政层级字互换（`以省为主`
    与`以县为主`）；两个词之间的连词（`掩埋或焚烧`）；
    照原样写成的词或字对在本文中再次出现（法规自己的用语 `临时寄押`）或是公文常用搭配
    （`民主团结`旁的`民族团结`）；夹在两个词之间的虚词（`消费者向有关部门`）；数字；
    1990 年以前的文稿（字符模型不了解当时的用语）。修改建议仅供参考，核对后再改。
    在真实文稿上尚未证实精确率（检查半区、法规的报告多是新词和专名），所以在预览中、只作提示。

    ## Example
    ```text
    局长李振华强调，要加强土地流转管理。李振华同志指出，规范土地流转合同。局党组书记李振化带头落实。
    ```

    Use instead:
    ```text
    局长李振华强调，要加强土地流转管理。李振华同志指出，规范土地流转合同。局党组书记李振华带头落实。
    ```
    """

    code = "TYP015"
    name = "one-off-variant"
    severity = Severity.INFO
    preview = True
    scope = "document"
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        if not _written_today(ctx):
            return
        for v in one_off_variants(unit.text, skip=_traditional_characters()):
            yield Violation(
                v.at, v.at + 1,
                f"疑似错别字：“{v.shown[0]}”，本文别处写作“{v.shown[1]}”",
                help=f"核对后改为“{v.meant}”",
                fixes=(Fix.replace(v.at, v.at + 1, v.meant, f"改为“{v.meant}”", Applicability.DISPLAY_ONLY),),
            )


class OneOffDroppedCharacter(Rule):
    """## What it does
    已移除（2026-12-07，第二十一轮），不再运行。原先检查本文反复完整写出的词组、人名、机构
    名称，某一处漏写了其中一个字（本文两次写 `县市场监督管理局`、一次写 `县市场监督管局`）。
    代码 TYP020 保留，不会另作他用；配置或命令行中仍写着它（`--select TYP020`、
    `ignore = ["TYP020"]`）时照常读取，只给出一条警告，请删去。

    ## Why is this bad?
    移除的原因：在没有参与调校的真实文本上，它的报告几乎全错。语料检查半区 16 处、全部误报，
    都是公文里成立的简称和改写（`零售额增长`之于`零售总额增长`、`抓大项目`之于`抓重大项目`、
    `科创`、`新能源车`）；体裁样本 5 处只有 1 处正确（埋入的 `政府信公开`，错误级的 TRM008
    也报告），其余埋入的机构、会议、职务名称漏字它一处也没有找到；1,000 篇基准语料 11 处、
    调校半区 4 处（移除前重数），全部误报。同一篇文稿里“写全两次、只缩短一次”的证据分不清笔误和作者有意的省略。
    替代：机构名称、会议名称、职务中间缺一字由 TYP022（name-missing-character，默认启用，提示）按名称表
    检查，它找到了本规则要找的 `县市场监督管局`；名称末字缺失由 TYP021，提法缺字由
    TRM007、TYP018 检查。

    ## Example
    ```text
    问题线索请报送县市场监督管局食品安全科。
    ```

    Use instead:
    ```text
    问题线索请报送县市场监督管理局食品安全科。
    ```
    """

    code = "TYP020"
    name = "one-off-dropped-character"
    severity = Severity.INFO
    removed = "2026-12-07"
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        return ()  # never called: the registry selects no removed rule


def _written_today(ctx: RuleContext) -> bool:
    """Whether the document is of the years the character model counts: it knows today's
    official writing, not the usage of older texts. A document without a year counts as
    today's, as TYP015 always had it; ``usage_dates.held_to_usage_of`` (TYP017, TYP019) also
    leaves out a long text naming no year (a page cut from an older report) — not measured for
    these two preview rules, so not taken over."""
    year = written_year(ctx.document)
    return year is None or year >= MODERN_SINCE


@functools.cache
def _traditional_characters() -> frozenset[str]:
    """Characters only the traditional script has (TYP010's table): a run holding one is not
    judged, since the character model counts simplified official writing."""
    return frozenset(script_tables()[0])


RULES = (OneOffVariant, OneOffDroppedCharacter)
