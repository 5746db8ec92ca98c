"""Official formulations, truncated institution names and outdated wording.

The formulations are data (``data/formulations.toml``): each entry names the canonical form,
its wrong variants, a class and severity, its source and the date it was last checked. All
variants of all entries are found in one pass with an Aho-Corasick automaton
(ahocorasick-rs, through ``gongwen.kinds.LiteralMatcher``), so the cost of a scan does not
grow with the number of entries. Measured with 5,000 synthetic entries on 185,000
characters: 0.002–0.007 s; pyahocorasick took 0.41 s (its cost grows with the trie's fan-out)
and one regex alternation of the same literals 8.7 s (26 s on 560,000 characters).
tests/test_terms.py keeps that property.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable


from gongwen.analysis import lazy_regex
from gongwen.analysis import lexicon, shared_scan
from gongwen.analysis.narrated_years import sentence_year, session_year
from gongwen.analysis.outline import written_year
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.kinds import LiteralMatcher
from gongwen.rule import Rule, RuleContext
from gongwen.triggers import Adjacent

_FIX = {"safe": Applicability.SAFE, "unsafe": Applicability.UNSAFE,
        "suggest": Applicability.DISPLAY_ONLY}
_STATUS = {"read", "secondary", "recalled"}
_SEVERITY = {"error", "warning", "info"}
# A year in any of the digit forms reports use: 2024年, ２０２４年, 二〇二四年.


@dataclass(frozen=True)
class Entry:
    canonical: str
    variants: tuple[str, ...]
    severity: str
    status: str
    source: str
    checked: str
    fix: str = "suggest"
    exceptions: tuple[str, ...] = ()
    since: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    variant: str
    entry: Entry


class Formulations:
    """The entries of a formulations file, all their variants in one matcher."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        variants: dict[str, Entry] = {}
        for entry in entries:
            for v in entry.variants:
                variants.setdefault(v, entry)
        # A variant inside a longer correct phrase is not a defect
        # (中华人民共和国国务院 holds 人民共和国; 村长廊 holds 村长).
        shields = [p for e in entries for p in (e.canonical, *e.exceptions)]
        self.matcher = LiteralMatcher(variants, shields)

    @classmethod
    def from_toml(cls, text: str, origin: str = "formulations.toml") -> "Formulations":
        import tomllib  # only for a configuration's own table: the built-in one is kept parsed

        return cls.from_table(tomllib.loads(text), origin)

    @classmethod
    def from_table(cls, data: dict[str, Any], origin: str = "formulations.toml") -> "Formulations":
        return cls([_entry(raw, f"{origin} entry {i + 1}") for i, raw in enumerate(data.get("entry", []))])

    def scan(self, text: str, matches: list[tuple[int, int, int]] | None = None) -> list[Match]:
        """The variants in ``text``; ``matches``: the matcher's raw hits from a shared pass."""
        return [Match(s, e, text[s:e], entry) for s, e, entry in self.matcher.find(text, matches)]


def _entry(raw: dict[str, Any], where: str) -> Entry:
    for key in ("canonical", "variants", "severity", "status", "source", "checked"):
        if key not in raw:
            raise ValueError(f"{where}: missing {key!r}")
    if raw["severity"] not in _SEVERITY or raw["status"] not in _STATUS:
        raise ValueError(f"{where}: bad severity or status")
    if raw["status"] == "recalled" and raw["severity"] == "error":
        raise ValueError(f"{where}: a [recalled] entry must not be error severity")
    return Entry(raw["canonical"], tuple(raw["variants"]), raw["severity"], raw["status"],
                 raw["source"], str(raw["checked"]), raw.get("fix", "suggest"),
                 tuple(raw.get("except", ())), raw.get("since"), raw.get("note", ""))


@cache
def builtin_formulations() -> Formulations:
    return Formulations.from_table(lexicon.table("formulations.toml"))  # parsed once, kept (table_cache)


def _matches(ctx: RuleContext) -> list[Match]:
    doc, matcher = ctx.document, builtin_formulations().matcher
    return doc.memo("formulations", lambda: builtin_formulations().scan(
        doc.text, shared_scan.matches(ctx, matcher, doc.text)))


class _FormulationRule(Rule):
    """Reports the entries of one severity; subclasses only document and name it."""

    scope = "document"
    fixable = True
    entry_severity = "error"
    template = "提法错误：“{variant}”，规范表述为“{canonical}”"

    def shared_matchers(self) -> tuple[LiteralMatcher]:
        return (builtin_formulations().matcher,)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        for m in _matches(ctx):
            e = m.entry
            if e.severity != self.entry_severity:
                continue
            if e.since is not None and _predates(doc, m.start, e.since):
                continue
            yield Violation(
                m.start, m.end, self.template.format(variant=m.variant, canonical=e.canonical),
                help=f"改为“{e.canonical}”" + (f"（{e.note}）" if e.note else ""),
                fixes=(Fix.replace(m.start, m.end, e.canonical, f"改为“{e.canonical}”",
                                   _FIX.get(e.fix, Applicability.DISPLAY_ONLY)),),
                notes=(source_note(e),),
            )


def _predates(doc: Document, at: int, since: int) -> bool:
    """Whether the wording at ``at`` was written, or tells of a time, before ``since``: the
    document predates the change (its own date, else the NPC session its first line names), or
    the sentence narrates an earlier year (2015年3月，县委号召…团结在以…为总书记的党中央周围:
    history told in the words of its time; 2015年以来 reaches the present and does not count)."""
    year = written_year(doc)
    if year is None:
        year = session_year(doc)
    if year is not None and year < since:
        return True
    narrated = sentence_year(doc.text, at)
    return narrated is not None and narrated < since


# Bookkeeping inside a source field that means nothing to an editor: the status in brackets
# and the rule catalog's source id ("S30: ").
_SOURCE_BOOKKEEPING = lazy_regex.compile(r"\[(?:read|secondary|recalled)\]\s*[;；]?\s*|\bS[0-9]+:\s*")


def source_note(e: "Entry") -> str:
    """Where an entry comes from, for the editor: ``来源：新华社禁用词（已核对原文，2026-11-27）``."""
    source = _SOURCE_BOOKKEEPING.sub("", e.source).strip(" ;；")
    how = f"{lexicon.STATUS_SHOWN.get(e.status, e.status)}，{e.checked}"
    return f"来源：{source}（{how}）" if source else f"来源：{how}"


class CanonicalFormulation(_FormulationRule):
    """## What it does
    检查规范政治表述、国名、机构名称和领导人姓名的已知错误写法，例如
    `筑牢中华民族共同体意识`（应为“铸牢”）、`党的二十大会议精神`（应为“党的二十大精神”）、
    `中华人民共合国`。条目见 `data/formulations.toml`，每条注明来源和核对日期。

    ## Why is this bad?
    《政府网站与政务新媒体检查指标》把“出现严重表述错误”列为单项否决项；国名、
    领导人姓名和核心提法写错，是检查中最常见的扣分原因。
    只报告有已读来源（read/secondary）且定为 error 的条目；凭记忆整理、待核实的条目
    由 TRM006 以警告报告。错误写法是更长的正确表述的一部分时不报告。
    纯笔误（`共合国`、`攻府`）为安全修复，其余为不安全修复或仅供参考。

    ## Example
    ```text
    深入学习贯彻党的二十大会议精神，筑牢中华民族共同体意识。
    ```

    Use instead:
    ```text
    深入学习贯彻党的二十大精神，铸牢中华民族共同体意识。
    ```
    """

    code = "TRM001"
    name = "canonical-formulation"
    severity = Severity.ERROR
    entry_severity = "error"


class DiscouragedFormulation(_FormulationRule):
    """## What it does
    检查慎用词和待核实的规范表述变体，例如 `前苏联`（应为“苏联”）、
    `习近平新时代特色社会主义思想`（缺“中国”）、`全过程民主`。

    ## Why is this bad?
    新华社《新闻信息报道中的禁用词和慎用词》列出的慎用词，以及核心理论名称的
    不完整写法，在正式文稿中应改用规范表述。
    本规则报告 `data/formulations.toml` 中定为 warning 的条目：来源为慎用词表，或条目
    凭记忆整理、尚待对照权威来源核实，因此只作警告。

    ## Example
    ```text
    深入学习贯彻习近平新时代特色社会主义思想。
    ```

    Use instead:
    ```text
    深入学习贯彻习近平新时代中国特色社会主义思想。
    ```
    """

    code = "TRM006"
    name = "discouraged-formulation"
    severity = Severity.WARNING
    entry_severity = "warning"
    template = "慎用或待核实的表述：“{variant}”，宜写作“{canonical}”"


class OutdatedFormulation(_FormulationRule):
    """## What it does
    检查已被新提法取代的表述，例如 `健全社会主义法制`（2018年宪法修正后为“法治”）、
    `中央全面依法治国领导小组`、`坚持和发展“枫桥经验”`。

    ## Why is this bad?
    提法调整后仍沿用旧说法，说明文稿没有跟上最新表述。旧提法本身不算错字，
    因此只作提示。
    文稿开头（标题、日期行）所写的年份早于提法调整年份时，视为历史文稿，不报告；没有写年份的
    全国人大会议决议按标题中的届次和会次定年份（`第十二届…第一次会议`：2013年，见 `data/npc_terms.txt`）；
    所在句子在它之前写的年份早于调整年份时，是用当时的提法叙述历史（大事记 `2015年3月，…团结在
    以习近平同志为总书记的党中央周围`），也不报告，“2015年以来”“至今”说的是到现在，仍报告。“法制审核”
    “法制机构”等正确用语不在此列。

    ## Example
    ```text
    2024年，坚持和发展“枫桥经验”，健全社会主义法制。
    ```

    Use instead:
    ```text
    2024年，坚持和发展新时代“枫桥经验”，健全社会主义法治。
    ```
    """

    code = "TRM005"
    name = "outdated-formulation"
    severity = Severity.INFO
    entry_severity = "info"
    template = "旧提法：“{variant}”，现行表述为“{canonical}”"


# Level words that make a committee's or a rule-of-law campaign's name complete.
_LEVELS = "省市县区州旗盟镇乡"
_TRUNCATED_COMMITTEE = lazy_regex.compile(rf"(?<![{_LEVELS}党纪工团军])委常委")
_TRUNCATED_RULE_OF_LAW = lazy_regex.compile(
    r"依法治(?![国省市县区州旗盟乡镇村街校企网理疆军党税水污教院林山路园警边海医安"
    r"京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇陕秦甘陇青宁新蒙藏港澳台])"
    # One Han character closed by a clause or list mark is the object itself (依法治沙、科学治沙;
    # 依法治矿，): a cut name leaves a word (依法治工作) or the mark (依法治，) after 依法治.
    r"(?!\p{Han}[、，。；：！？”’）])")
_LEVEL_COMMITTEE = lazy_regex.compile(rf"([{_LEVELS}])(?:委|政府|人民政府)")


def _document_level(doc: Document) -> str | None:
    """The level the document speaks at: the commonest of 区委/市委/县政府… in it."""
    def compute():
        counts = Counter(m.group(1) for m in _LEVEL_COMMITTEE.finditer(doc.text))
        return counts.most_common(1)[0][0] if counts else None
    return doc.memo("document-level", compute)


class TruncatedInstitutionName(Rule):
    """## What it does
    检查缺了层级字的机构和工作名称：`委常委会` 前面没有“区”“市”“县”等字
    （`。委常委会、政府常务会议`），`依法治` 后面没有“国”“省”“区”等对象
    （`推动全面依法治工作`）。

    ## Why is this bad?
    机构名称残缺是编辑时误删造成的，读者无法判断是哪一级党委，属于名称错误。
    不报告：`区委常委会`、`市委常委`、`党委常委`、`纪委常委`、`依法治国`、`依法治理`、
    `依法治校`、`依法治企`、`依法治网`、`依法治税` 等完整名称；`依法治` 后只有一个字、紧接着
    顿号、逗号、句号等标点的（`依法治沙、科学治沙`），这个字就是对象，名称是完整的（残缺时后面是
    一个词，如 `依法治工作`，或者直接是标点，如 `依法治，`）。
    修复按文中最常出现的“X委”推断层级，属于不安全修复。

    ## Example
    ```text
    列入政府年度报告。委常委会、政府常务会议研究法治建设重大议题，推动全面依法治工作。
    ```

    Use instead:
    ```text
    列入政府年度报告。区委常委会、政府常务会议研究法治建设重大议题，推动全面依法治区工作。
    ```
    """

    code = "TRM004"
    name = "truncated-institution-name"
    severity = Severity.ERROR
    # Two characters side by side of each _CHECKS literal (委常委, 依法治), the rarer pairs: 委常
    # and 法治 stand in 516 of the benchmark's 22,971 paragraphs, 委 or 依 in 2,730.
    trigger_patterns = (Adjacent("委", "常"), Adjacent("法", "治"))
    fixable = True

    # pattern, message, suggestion ({} = the level), whether the level goes before the match
    # (the literal every match holds, pattern, message, suggestion, whether the level goes before):
    # the literal test skips a paragraph without it, since the patterns start with a lookbehind.
    _CHECKS = (
        ("委常委", _TRUNCATED_COMMITTEE, "机构名称缺少层级：“委常委”", "{}委常委”（区委、市委、县委等）", True),
        ("依法治", _TRUNCATED_RULE_OF_LAW, "“依法治”后缺少对象", "依法治{}”（依法治国、依法治省、依法治区等）", False),
    )

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for literal, pattern, message, suggestion, before in self._CHECKS:
            if literal not in unit.text:
                continue
            level = help = None  # the same for every match: worked out at the first
            for m in pattern.finditer(unit.text):
                if help is None:
                    level = _document_level(ctx.document)
                    help = "补全为“" + suggestion.format(level or "X")
                start, end = m.span()
                at = start if before else end
                yield Violation(
                    start, end, message, help=help,
                    fixes=(Fix.replace(at, at, level, f"补上“{level}”", Applicability.UNSAFE),)
                    if level else (),
                )


RULES = (TruncatedInstitutionName, OutdatedFormulation, CanonicalFormulation,
         DiscouragedFormulation)
