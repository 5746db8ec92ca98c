"""Protected formulations whose last character was dropped where what is left ends in a word of
its own: 治理能力现代。 (现代化), 社会主义核心价值， (价值观), 国家知识产权的 (知识产权局).

TRM007 stays silent there at error: what is left may be right (社会主义核心价值体系, and a
member of the committee is a 全国人大常委) — unless official writing never writes its last two
characters before the next one (最高人民检察的: ``protected.never_before``), where TRM007 reports
it and this rule does not. This rule speaks at info, only where official
writing never writes what is left: before a clause's end or a function character that forms no
word with it (``data/cut_formulations.txt``, counted by ``data/build_cut_formulations.py``).
The strings come from the document's shared literal pass (``shared_scan``), as TRM007's do.
"""
from __future__ import annotations

from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan
from gongwen.analysis.fuzzy import NearMiss, Pattern
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.rules.protected import CUT_LOOKAHEAD, EDGE_FUNCTION_CHARS, LINE_WRAP, cuts_last_word, framed, word_across

CUT_FORMULATIONS = "cut_formulations.txt"
# Marks that end a clause or close a quotation or a bracket: nothing after them continues a word.
STOPS = "，。；！？、：”’）)」』"


@cache
def cut_formulations() -> dict[str, str]:
    """What is left of each listed formulation without its last character -> the formulation."""
    return dict(line.split("\t") for line in lexicon.entry_lines(CUT_FORMULATIONS))


@cache
def _keys() -> shared_scan.Keys:
    return shared_scan.Keys(sorted(cut_formulations()))


def follows_cut(text: str, end: int, phrase: str) -> bool:
    """Whether what follows ``text[:end]`` (which ends with ``phrase`` less its last
    character) cannot continue a word there: the text's end, a line end (unless the next line
    begins with the character left out: a line wrapped inside the word), a stop mark, or a
    clause-edge function character that makes no dictionary word with the characters before it
    (最高人民检察的; not 现代化强国 or 检察长), or the 为 of a 以…为 frame around what is left
    (以中国式现代为统领: ``protected.framed``)."""
    if end >= len(text) or text[end] in STOPS:
        return True
    wrap = LINE_WRAP.match(text, end)
    if wrap is not None:
        return not text.startswith(phrase[-1], wrap.end())
    after = text[end]
    if after not in EDGE_FUNCTION_CHARS or after == phrase[-1]:
        return False
    if framed(text, end - len(phrase) + 1, end):
        return True  # 以中国式现代为统领: the 为 is the frame's verb, whatever word it makes (代为)
    return not word_across(phrase[:-1][-CUT_LOOKAHEAD:], text[end:end + CUT_LOOKAHEAD])


def cut_formulation_places(text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, formulation) of each listed formulation in ``text`` cut short of its last
    character where TRM007 does not report it (``protected.cuts_last_word``: a cut inside the
    last word, an error there). ``hits``: the shared pass's (key, start, end) of ``_keys()``."""
    table, keys = cut_formulations(), _keys().keys
    for k, start, end in hits:
        phrase = table[keys[k]]
        if text.startswith(phrase[-1], end) or not follows_cut(text, end, phrase):
            continue
        if cuts_last_word(text, NearMiss(start, end, Pattern(phrase, None), "missing", phrase, (end, end))):
            continue
        yield start, end, phrase


class LastCharacterCut(Rule):
    """What TYP018 and TYP021 share: listed strings found by the shared literal pass, judged by
    ``places`` to be cut short of their last character, each reported at info with that
    character as a display-only fix."""

    severity = Severity.INFO
    preview = True
    scope = "document"  # the shared literal pass runs over the whole document
    fixable = True

    def keys(self) -> shared_scan.Keys:
        raise NotImplementedError

    def places(self, text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
        """(start, end, the string cut short: a formulation, a type word) of each cut in
        ``text``; its last character is the one left out."""
        raise NotImplementedError

    def describe(self, written: str, whole: str) -> tuple[str, str, str]:
        """The message, the help and the fix's title for ``written``, cut short of ``whole``
        (the string ``places`` gave)."""
        raise NotImplementedError

    def shared_matchers(self) -> tuple[shared_scan.Keys]:
        return (self.keys(),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        text = unit.text
        for start, end, whole in self.places(text, shared_scan.matches(ctx, self.keys(), text)):
            if room(ctx, self) == 0:  # past the report's cap: counted, not built
                yield Surplus(start, end)
                continue
            message, help_text, title = self.describe(text[start:end], whole)
            yield Violation(start, end, message, help=help_text,
                            fixes=(Fix.replace(end, end, whole[-1], title, Applicability.DISPLAY_ONLY),))


class FormulationCutShort(LastCharacterCut):
    """## What it does
    检查提法和机构名称是否在句末或虚词前少了最后一个字，而剩下的部分本身以词结尾，例如
    `推进国家治理体系和治理能力现代。`（“现代化”缺“化”）、`培育和践行社会主义核心价值，`
    （“价值观”缺“观”）、`在国家知识产权的指导下`（“知识产权局”缺“局”）。
    提法见 `data/protected_phrases.toml`；只查公文中从不在句末或虚词前单独出现的剩余部分，
    字表见 `data/cut_formulations.txt`，由 `data/build_cut_formulations.py` 统计公文和法律法规得出。

    ## Why is this bad?
    核心提法、机构名称少一个字是严重表述错误。剩下的部分以一个词结尾（现代、价值、知识产权），
    所以 TRM007（错误级）不报告：这样的字串可能是对的（`社会主义核心价值体系`，
    `全国人大常委` 指常委会委员）。本规则只在其后是句末标点、引号括号、行尾或不与前字成词的
    虚词时提示；“以……为”框架中剩余部分后面的“为”属于框架，即使与前字成词也算
    （`以推进中国式现代为统领`：不读作“代为”）。
    不报告：
    - 后面接着写出了最后一个字的，或剩下的字与后面的字成词的（`现代化强国`、`检察长`）；
    - 折行处断开、下一行以缺的字开头的；
    - TRM007 已作为错误报告的（`中国特色社会主义思，`：剩下的部分不以词结尾；`最高人民检察的法律监督`：
      公文从不在“检察”后写“的”）；
    - 公文和法律法规中在句末或虚词前出现过的剩余部分（`生态环境，`、`科学发展的`），字表里没有。
    补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    推进国家治理体系和治理能力现代。
    ```

    Use instead:
    ```text
    推进国家治理体系和治理能力现代化。
    ```
    """

    code = "TYP018"
    name = "formulation-cut-short"

    def keys(self) -> shared_scan.Keys:
        return _keys()

    def places(self, text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
        return cut_formulation_places(text, hits)

    def describe(self, written: str, whole: str) -> tuple[str, str, str]:
        return f"“{written}”后可能缺字：应为“{whole}”", f"核对是否应为“{whole}”", f"补为“{whole}”"


RULES = (FormulationCutShort,)
