"""Half-width punctuation in Chinese prose, one mark at a time and as a document regime."""
from __future__ import annotations

from collections import Counter
from typing import Iterable, NamedTuple

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.text import BLANKS, CJK, protected
from gongwen.analysis import pattern_cache
from gongwen.analysis.class_routes import class_route

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
NAMES = {",": "逗号", ":": "冒号", ";": "分号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}
# A class of literal ASCII characters: stdlib ``re`` finds exactly the same, faster. Its search
# (a gate on every unit and document, nearly always missing in Chinese prose) goes through the
# compiled finder: ``re`` calls its charset test once a character.
_ASCII_MARK = class_route(pattern_cache.re_compile(r"[,:;?!()]"))
# PUN002 reads every unit's marks; a unit's text is a slice of the document's, so a document
# without one of these marks has none to count (a page of 50,000 short lines skips them all).
# Its own name so that tests/rules/test_halfwidth_prefilter.py can break it on purpose.
_DOCUMENT_PREFILTER = _ASCII_MARK
_CJK = lazy_regex.compile(CJK)


class HalfwidthMark(NamedTuple):
    offset: int
    mark: str
    applicability: Applicability


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in BLANKS:
        j += step
    return text[j] if 0 <= j < len(text) else ""


_ASCII_PAREN = pattern_cache.re_compile(r"[()]")  # compiled once (regex's module functions cost ~8 µs a call)


def _paren_partners(text: str, skip) -> dict[int, int]:
    """Matched ASCII parentheses, both directions."""
    partners, stack = {}, []
    for m in _ASCII_PAREN.finditer(text):
        i = m.start()
        if skip.covers(i):
            continue
        if m.group() == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            partners[i], partners[j] = j, i
    return partners


# A symbol's parenthesised qualifier, glued to it: dB(A), f(x), Ca(OH)2. The pair belongs to
# the Latin token even when Chinese follows it (等效声级为53.6 dB(A)，…).
_QUALIFIER = pattern_cache.re_compile(r"[A-Za-z0-9]+")


def _symbol_qualifier(text: str, open_: int, close: int) -> bool:
    return (open_ > 0 and text[open_ - 1].isascii() and text[open_ - 1].isalnum()
            and _QUALIFIER.fullmatch(text, open_ + 1, close) is not None)


def halfwidth_marks(text: str) -> list[HalfwidthMark]:
    """ASCII marks used as Chinese punctuation: a Chinese character or mark on either side,
    outside URLs, times, decimals, grouped numbers and English runs."""
    # Every finding is one of these ASCII marks: the (usual) paragraph that has none skips
    # the protected-spans scan.
    if _ASCII_MARK.search(text) is None:
        return []
    skip = protected(text)
    partners: dict[int, int] | None = None
    found = []
    for m in _ASCII_MARK.finditer(text):
        i, mark = m.start(), m.group()
        if skip.covers(i):
            continue
        if not (_CJK.match(_neighbour(text, i, -1) or "a") or _CJK.match(_neighbour(text, i, 1) or "a")):
            continue
        if mark in "()":
            if partners is None:
                partners = _paren_partners(text, skip)
            j = partners.get(i)
            if j is not None and _symbol_qualifier(text, min(i, j), max(i, j)):
                continue
            inner = text[min(i, j) + 1:max(i, j)] if j is not None else ""
            # A matched pair around Chinese is safe to widen; a lone or Latin one is not.
            safe = j is not None and _CJK.search(inner) is not None
            found.append(HalfwidthMark(i, mark, Applicability.SAFE if safe else Applicability.UNSAFE))
        elif mark == ";":
            # autocorrect refuses to convert ';' automatically: a semicolon inside a list of
            # codes or a formula is often deliberate.
            found.append(HalfwidthMark(i, mark, Applicability.UNSAFE))
        else:
            found.append(HalfwidthMark(i, mark, Applicability.SAFE))
    return found


def unit_halfwidth_marks(doc: Document, unit: TextUnit) -> list[HalfwidthMark]:
    return doc.unit_memo("halfwidth", unit, halfwidth_marks, unit.text)


class HalfwidthPunctuation(Rule):
    """## What it does
    检查中文语境中的半角标点 `, : ; ? ! ( )`，并提供改为全角的修复。

    ## Why is this bad?
    GB/T 15834-2011 规定中文标点占一个汉字位置（全角）。半角逗号、冒号、括号混在中文里，
    是网页采集、转码或输入法切换留下的错误，也是政府网站检查的常见扣分项。
    不检查：小数（`2.9万`）、时间（`8:30`）、千分位（`3,206`）、网址、电子邮箱、
    英文句子，下脚点形式的序号 `1.`，以及紧贴在符号后的括注（`dB(A)`、`f(x)`）。
    修复：逗号、冒号、问号、叹号及成对且括着中文的括号为安全修复；分号和不成对的括号为不安全修复。

    ## Example
    ```text
    2024年,在市委、市政府的坚强领导下,现将有关情况报告如下:
    ```

    Use instead:
    ```text
    2024年，在市委、市政府的坚强领导下，现将有关情况报告如下：
    ```
    """

    code = "PUN001"
    name = "halfwidth-punctuation"
    severity = Severity.ERROR
    fixable = True
    triggers = "".join(FULL_WIDTH)  # every finding is one of these half-width marks

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for i, mark, applicability in unit_halfwidth_marks(ctx.document, unit):
            full = FULL_WIDTH[mark]
            yield Violation(
                i, i + 1, f"中文中使用了半角{NAMES[mark]}“{mark}”",
                help=f"改为全角“{full}”",
                fixes=(Fix.replace(i, i + 1, full, f"改为“{full}”", applicability),),
            )


FIX_COMMAND = "gongwen check --fix --select PUN001"


class PunctuationRegime(Rule):
    """## What it does
    统计全文中文语境里半角与全角标点的数量，在开头报告一次：全文（或大部分）用了半角，
    或者某一种标点（逗号、括号、叹号……）有相当一部分是半角、与全角混用。

    ## Why is this bad?
    一篇报告的逗号、冒号、括号全部是半角，而句号、顿号、引号是全角，这是文本经过
    NFKC 规范化（采集或转码）留下的痕迹；逗号一半全角一半半角、括号全用半角，
    则是多人编辑或网站编辑器留下的。问题出在整篇文稿的处理流程上，应一次性改正，
    而不是逐条阅读上百条相同的提示：`gongwen check --fix --select PUN001` 一次应用全部安全修复。
    逐处的位置和修复见 PUN001。
    不检查：网址、时间、小数、英文句子里的半角标点（PUN001 不把它们算作中文标点），
    只有零星几个半角标点的文稿（交给 PUN001 逐处报告）。

    ## Example
    ```text
    2024年,在市委的领导下,全面推进法治建设,取得新成效。现将有关情况报告如下:一是坚持高位推动,
    二是坚持示范引领,三是坚持改革创新,四是加强监督,五是深化公开,六是化解矛盾,七是强化保障。
    ```

    Use instead:
    ```text
    2024年，在市委的领导下，全面推进法治建设，取得新成效。现将有关情况报告如下：一是坚持高位推动，
    二是坚持示范引领，三是坚持改革创新，四是加强监督，五是深化公开，六是化解矛盾，七是强化保障。
    ```

    ## Options
    - `min-marks`（默认 `10`）：半角中文标点少于这么多个时不报告（零星几个交给 PUN001）；
      某一种标点也要有这么多个半角才算混用。
    - `min-share`（默认 `0.8`）：半角占全部中文标点的比例达到它时，报告“全文大量使用半角”。
    - `min-mixed-share`（默认 `0.2`）：否则，某一种标点的半角占该标点的比例达到它时，报告
      “半角与全角混用”。
    """

    code = "PUN002"
    name = "punctuation-regime"
    severity = Severity.WARNING
    scope = "document"
    headline = True
    options = {"min-marks": 10, "min-share": 0.8, "min-mixed-share": 0.2}

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        if _DOCUMENT_PREFILTER.search(doc.text) is None:
            return
        half: Counter[str] = Counter()
        first = None
        for u in doc.units:
            for i, mark, _ in unit_halfwidth_marks(doc, u):
                half[NAMES[mark]] += 1
                if first is None:
                    first = u.start + i
        total_half = sum(half.values())
        if first is None or total_half < self.opts["min-marks"]:
            return
        full: Counter[str] = Counter()
        for ch in "，：；？！（）":
            full[NAMES[_HALF_OF[ch]]] += doc.text.count(ch)
        share = total_half / (total_half + sum(full.values()))
        if share >= self.opts["min-share"]:
            counts = "、".join(f"半角{name} {n} 个（全角 {full[name]} 个）" for name, n in half.items())
            nfkc = full["逗号"] == 0 and any(ch in doc.text for ch in "。、“”《》")
            cause = "；句号、顿号、引号仍是全角，疑似经 NFKC 规范化（采集或转码）" if nfkc else ""
            message = f"全文中文标点大量使用半角：{counts}{cause}"
        else:
            mixed = [name for name, n in half.items()
                     if n >= self.opts["min-marks"] and n / (n + full[name]) >= self.opts["min-mixed-share"]]
            if not mixed:
                return
            counts = "；".join(f"{name}半角 {half[name]} 个、全角 {full[name]} 个" for name in mixed)
            message = f"全文中文标点半角与全角混用：{counts}"
        yield Violation(
            first, first + 1, message,
            help=f"整篇改为全角标点：PUN001 对每一处都给出了修复，运行 `{FIX_COMMAND}` 一次应用全部安全修复"
                 "（分号和不成对的括号需逐处确认）",
        )


_HALF_OF = {full: half for half, full in FULL_WIDTH.items()}


RULES = (HalfwidthPunctuation, PunctuationRegime)
