"""Wrong characters that sound like the right one (错别字): 发展机智, 总休方案, 截止2024年底.

Two sources of evidence, both data in ``rules/data/``:
- a curated table of the pairs official writing gets wrong most (``confusable_words.toml``,
  each with its source), for slips that make another word (截止/截至, 做出/作出);
- counts: a character is suspect when neither pair it forms with its neighbours is usual in
  official writing (``official_bigrams.txt``, counted over official texts), and one character
  that sounds or looks the same (``confusable_chars.txt``, from pypinyin and four-corner codes)
  makes a pair that is common there and a much commoner word (机智 → 机制).
Both files are read on first use; the bigram lines are parsed per first character.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Iterable

import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.kinds import LiteralMatcher
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.evidence import bigrams, is_word, word_count
from gongwen.rules.characters import script_tables
from gongwen.rules.terms import document_year

# The substitute must make a pair at least this common in official writing (the written
# ones are both below USUAL).
STRONG = 200
# A written pair that is a dictionary word this common (jieba's count) is taken as meant
# (方阵, 平移); 机智 (281) is still judged.
RARE_WORD = 300
# A character that is this common a word on its own (jieba's count) stands between words.
FREE_WORD = 20_000
_HAN_RUN = regex.compile(r"\p{Han}{2,}")
_SHORT_QUOTE = regex.compile(r"“[^“”\n]{1,10}”")
_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")


def _data_text(name: str) -> str:
    return files("gongwen.rules").joinpath("data", name).read_text(encoding="utf-8")


@cache
def confusable_chars() -> dict[str, str]:
    """Character -> the characters that sound or look like it (sound first)."""
    table = {}
    for line in _data_text("confusable_chars.txt").splitlines():
        if line and not line.startswith("#"):
            char, sound, shape = line.split("\t")
            table[char] = sound + shape
    return table


@dataclass(frozen=True)
class Pair:
    wrong: str
    right: str
    next: regex.Pattern | None
    status: str
    source: str
    checked: str
    since: int | None = None  # the year the usage was settled; earlier documents are not judged


@cache
def curated() -> LiteralMatcher:
    data = tomllib.loads(_data_text("confusable_words.toml"))
    pairs = {p["wrong"]: Pair(p["wrong"], p["right"], regex.compile(p["next"]) if "next" in p else None,
                              p["status"], p["source"], str(p["checked"]), p.get("since")) for p in data["pair"]}
    return LiteralMatcher(pairs, [e for p in data["pair"] for e in p.get("except", ())])




@dataclass(frozen=True)
class Suspect:
    at: int
    written: str
    meant: str
    word: str  # the pair the substitute makes


def suspects(text: str) -> list[Suspect]:
    """Characters whose pairs with both neighbours are unusual in official writing while one
    same-sound character makes, with a neighbour, a pair that is usual there and a word at
    least ten times as common (jieba's counts) as any word the written character makes
    (机智 281 → 机制 4,138; 感召 stays), and the neighbour it pairs with reads as official
    writing on its other side without belonging to a word there (部分航段 keeps 分 in 部分;
    nonsense such as 甲乙己地 gives no context). Not judged: a character inside a longer dictionary
    word (聚精会神, 剖宫产), a four-character parallel pattern (善作善成), numerals (人一我十), a common word on its own (以, 又, 将: it stands
    between words), a traditional character (TYP010's), and coined terms in short quotations
    (“打早除小”). Characters at either end of a run have one neighbour and are judged by it."""
    found = []
    counts, similar = bigrams(), confusable_chars()
    traditional = script_tables()[0]
    quoted = [m.span() for m in _SHORT_QUOTE.finditer(text)]
    for run in _HAN_RUN.finditer(text):
        s = run.group()
        usual = [s[k:k + 2] in counts.usual for k in range(len(s) - 1)]  # pair k is s[k:k+2]
        for i, c in enumerate(s):
            left = i > 0 or None
            right = i < len(s) - 1 or None
            if (left and usual[i - 1]) or (right and usual[i]):
                continue  # a usual pair: the character is where it is written
            same = similar.get(c)
            if (not same or c in _NUMERALS or c in traditional or _parallel(s, i)
                    or word_count(c) >= FREE_WORD or _in_long_word(s, i)):
                continue
            written = max(word_count(s[i - 1:i + 1]) if left is not None else 0,
                          word_count(s[i:i + 2]) if right is not None else 0)
            best = None
            for alt in same:
                if alt in _NUMERALS:
                    continue
                for k, pair in ((i - 1, (s[i - 1] + alt) if left is not None else None),
                                (i + 1, (alt + s[i + 1]) if right is not None else None)):
                    if pair is None or counts.count(pair) < STRONG or not _in_context(s, k, 2 * k - i):
                        continue
                    f = word_count(pair)
                    if f >= 10 * max(written, 1) and (best is None or f > best[0]):
                        best = (f, alt, pair)
            at = run.start() + i
            if best is not None and written < RARE_WORD and not any(a <= at < b for a, b in quoted):
                found.append(Suspect(at, c, best[1], best[2]))
    return found


def _in_context(s: str, k: int, away: int) -> bool:
    """Whether the neighbour s[k] that the substitute pairs with reads as official writing with
    its other neighbour s[away] (a usual pair: 发展机智 has 展机, as in 开展机关) without
    already making a dictionary word with it (部分航段: 分 belongs to 部分, so 分行 is no
    repair). A neighbour with nothing on its other side gives no context (甲乙己地)."""
    if not 0 <= away < len(s):
        return False
    pair = s[min(k, away):min(k, away) + 2]
    return pair in bigrams().usual and not is_word(pair)


def _parallel(s: str, i: int) -> bool:
    """Whether s[i] is part of a four-character parallel pattern (善作善成, 以企引企): it
    recurs two characters away, or stands between two equal characters."""
    return (s[i] in s[max(0, i - 2):i - 1] or s[i] in s[i + 2:i + 3]
            or (0 < i < len(s) - 1 and s[i - 1] == s[i + 1]))


def _in_long_word(s: str, i: int) -> bool:
    """Whether s[i] lies inside a dictionary word of three or four characters."""
    return any(word_count(s[j:j + n]) for n in (3, 4) for j in range(max(0, i - n + 1), min(i, len(s) - n) + 1))


class ConfusableWord(Rule):
    """## What it does
    检查公文最常写错的词，例如 `截止2024年底`（截至）、`布署`（部署）、`按装`（安装）、
    `做出决定`（作出）、`其它`（其他）、`再接再励`（再接再厉）。词表见
    `data/confusable_words.toml`，每条注明来源、核对状态和日期。

    ## Why is this bad?
    错别字是公文差错中最常见的一类，政府网站检查把错别字计入扣分项；这些词两种写法
    读音相同，输入法不会提示。
    `截止日期`、`报名截止`、`截止到` 等正确用法不报告（“截止”只在直接接时间时报告）；
    文稿开头写的年份早于某条用法确定的年份时（1982年报告中的 `其它`），该条不报告；
    词表中的条目多凭工具书整理、未经原文核对，实测精确率也不足九成，所以只作提示，修改建议仅供参考。

    ## Example
    ```text
    截止2024年底，全区按装监控设备120台，对整改工作做出部署。
    ```

    Use instead:
    ```text
    截至2024年底，全区安装监控设备120台，对整改工作作出部署。
    ```
    """

    code = "TYP011"
    name = "confusable-word"
    severity = Severity.INFO
    scope = "document"  # one pass of the automaton per document
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        for start, end, pair in curated().find(text):
            if pair.next is not None and not pair.next.match(text, end):
                continue
            if pair.since is not None:
                year = document_year(ctx.document)
                if year is not None and year < pair.since:
                    continue  # the document predates the usage it would be held to
            yield Violation(
                start, end, f"疑似错别字：“{pair.wrong}”应为“{pair.right}”",
                help=f"改为“{pair.right}”",
                fixes=(Fix.replace(start, end, pair.right, f"改为“{pair.right}”", Applicability.DISPLAY_ONLY),),
                notes=(f"来源：{pair.source}（{pair.status}，核对于 {pair.checked}）",),
            )


class SuspectCharacter(Rule):
    """## What it does
    检查疑似错别字：一个字与前后字都不成公文中常见的搭配，而换成一个同音或形近的字就构成
    公文中常见、也更常用的词，例如 `发展机智`（机制）。同音字来自 pypinyin，形近字来自
    四角号码，常见搭配的依据是公文和法律法规中相邻两字的出现次数
    （`data/official_bigrams.txt`、`data/confusable_chars.txt`，由
    `data/build_character_evidence.py` 生成）。

    ## Why is this bad?
    同音、形近错别字是输入法造成的最常见差错，拼写检查工具都以此为主要对象。
    但两字搭配的统计看不到更远的上下文：人名、地名、新词、并列的缩略说法（`引资、引技`）
    也会出现罕见搭配，实测每万字约 0.3 处提示中多数是这类正确写法，因此只作提示（info），
    建议仅供参考；它逐字判断，耗时超过其余默认规则之和，所以默认关闭，用
    `--extend-select TYP013` 开启。不检查：长词和成语中的字（`聚精会神`）、数字、单用的虚词（`以`、`又`）、
    繁体字（TYP010）和短引号中的自造词（“打早除小”）。

    ## Example
    ```text
    健全长效发展机智。
    ```

    Use instead:
    ```text
    健全长效发展机制。
    ```
    """

    code = "TYP013"
    name = "suspect-character"
    severity = Severity.INFO
    # Off by default: it judges every character (about 0.4 s per MB, more than the default
    # rules together) and most of its reports on real reports are correct rare wording.
    default_enabled = False
    fixable = True

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for s in suspects(unit.text):
            yield Violation(
                s.at, s.at + 1, f"疑似错别字：“{s.written}”，可能应为“{s.meant}”（{s.word}）",
                help=f"核对后改为“{s.meant}”",
                fixes=(Fix.replace(s.at, s.at + 1, s.meant, f"改为“{s.meant}”", Applicability.DISPLAY_ONLY),),
            )


RULES = (ConfusableWord, SuspectCharacter)
