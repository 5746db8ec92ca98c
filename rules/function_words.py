"""Function characters picked wrong from the pinyin IME (在/再, 以/已, 既/即, 像/象, 至/致, 须/需, 的/得,
带/代, 作/做, 其/期, 止/只, 权力/权利), found by grammatical frames in which the written
character has no reading.

The frames are data (``data/function_word_frames.toml``, each with the reason and its source);
this module joins them into one ``re`` pattern whose every branch starts with a literal
character, so that one scan skips the text between the few characters they are about, and
judges the vetoes (a word closed with the character before, a document older than the usage)
only where a frame matched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable, Iterator

from gongwen.analysis import lexicon
from gongwen.analysis.evidence import is_word
from gongwen.analysis.usage_dates import held_to_usage_of
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.triggers import Adjacent
from gongwen.analysis import pattern_cache

FRAMES = "function_word_frames.toml"


@dataclass(frozen=True)
class Frame:
    written: str
    meant: str
    pattern_text: str
    unless_text: str | None  # matched right after the written character: a reading after all
    word_before: bool  # the frame itself names the character before (必需): no word check
    opens_word: bool  # the written character with the next one makes a word (再三): read so
    word_after: bool  # the character after, when it begins a word with the next (代|来访者), is read so
    word_ends_before: bool  # the character before, when it closes a word (实现|再就业), leaves the written one alone
    since: int | None  # the year the usage was settled; earlier documents are not judged
    anchor: str  # the character the scan stops at: the written one, or the one right after it (的|很)
    reason: str
    status: str
    source: str
    checked: str

    # Compiled on first use: a run tries only the frames of the characters where the joined
    # pattern matched (99 of k1000's units), and compiling all 49 and their vetoes at the first
    # woken unit cost ~8 ms of every process's CPU.
    @property
    def pattern(self) -> re.Pattern:
        return _compiled(self.pattern_text)

    @property
    def unless(self) -> re.Pattern | None:
        return None if self.unless_text is None else _compiled(self.unless_text)


# Through the pattern cache, as the joined pattern: compiled from source (functools.cache of
# re.compile), the frames and their vetoes cost every process that woke TYP016 ~64 M
# instructions (the benchmark's first 400 files, whole process: 4,800.6 -> 4,736.5 M).
_compiled = pattern_cache.re_compile


@cache
def frames() -> tuple[tuple[Frame, ...], re.Pattern]:
    """The frames, and one pattern joining them in which group ``f<i>`` is frame i. The frames
    are grouped under their character (再(?:(?P<f0>…)|(?P<f1>…))|已(?:…)) so that every branch
    of the pattern starts with a literal: ``re`` then skips to the next of those characters in
    C; with a group around each whole frame it tried the pattern at every position (25 times
    the CPU on the 1,000 benchmark files). A frame on a character too common to stop at (的:
    one character in 40) is grouped under its ``anchor``, the character after it, as a branch
    that only asks for the written one before (很(?:(?P<f7>(?<=的很)))); the frame's own pattern
    then decides at the written character."""
    found, by_character = [], {}
    data = lexicon.table(FRAMES)["frame"]
    for i, f in enumerate(data):
        written, anchor = f["written"], f.get("anchor", f["written"])
        # A frame's pattern is in the joined one, which counts its groups below, unless the
        # frame is anchored: that one is compiled here.
        if not f["pattern"].startswith(written) or (anchor != written and _compiled(f["pattern"]).groups):
            raise lexicon.LexiconError(f"{FRAMES}: frame {i} must start with {written!r} and capture nothing")
        if anchor != written and (len(anchor) != 1 or f"(?={anchor}" not in f["pattern"]):
            raise lexicon.LexiconError(f"{FRAMES}: frame {i}'s anchor must be one character its pattern looks ahead to")
        found.append(Frame(written, f["meant"], f["pattern"], f.get("unless"),
                           f.get("word-before", False), f.get("opens-word", False),
                           f.get("word-after", False), f.get("word-ends-before", False), f.get("since"),
                           anchor, f["reason"], f["status"], f["source"],
                           str(f["checked"])))
        rest = f["pattern"][len(written):] if anchor == written else f"(?<={re.escape(written + anchor)})"
        by_character.setdefault(anchor, []).append(f"(?P<f{i}>{rest})")
    joined = pattern_cache.re_compile("|".join(f"{re.escape(c)}(?:{'|'.join(rests)})" for c, rests in by_character.items()))
    if joined.groups != len(found):  # one group per frame: a frame captures
        i = next(i for i, f in enumerate(data) if _compiled(f["pattern"]).groups)
        raise lexicon.LexiconError(f"{FRAMES}: frame {i} must start with {data[i]['written']!r} and capture nothing")
    return tuple(found), joined


def slips(text: str, held_to: Callable[[int], bool] = lambda since: True) -> Iterator[tuple[int, int, Frame]]:
    """(start, end, frame) of each function character written where a frame says another was
    meant: at each position, the first frame (in the file's order) that matches there and that
    nothing there vetoes. ``held_to(since)``: whether the text is judged by a usage settled in
    that year (asked only of a frame with ``since``)."""
    table, joined = frames()
    for m in joined.finditer(text):
        # The joined pattern names the first frame matching here; a later one of the same
        # character may still hold where that one is vetoed (rare: only at a match).
        for frame in table[int(m.lastgroup[1:]):]:
            if frame.anchor != m.group():
                continue
            start = m.start() - (frame.anchor != frame.written)  # an anchor is one after
            if (end := _holds(frame, text, start, held_to)) is not None:
                yield start, end, frame
                break


def _holds(frame: Frame, text: str, start: int, held_to: Callable[[int], bool]) -> int | None:
    """Where the written character ends if ``frame`` matches at ``start`` and nothing vetoes it."""
    m = frame.pattern.match(text, start)
    if m is None:
        return None
    end = m.end()
    if frame.unless is not None and frame.unless.match(text, end):
        return None
    if not frame.word_before and start > 0 and is_word(text[start - 1] + frame.written):
        return None  # 一再, 得以, 现象: the character closes a word and is read as part of it
    if frame.opens_word and is_word(text[start:end + 1]):
        return None  # 再三, 再次: the character opens a word and is read as part of it
    if frame.word_after and is_word(text[end:end + 2]):
        return None  # 代|来访者, 送至|使馆: the next character opens a word and the written one stands alone
    if frame.word_ends_before and any(start >= n and is_word(text[start - n:start]) for n in (2, 3)):
        return None  # 实现|再就业, 许可|已经: the frame's character before closes a word of its own
    if frame.since is not None and not held_to(frame.since):
        return None  # the text predates the usage, or may: a page of unknown date
    return end


class FunctionWordSlip(Rule):
    """## What it does
    检查输入法选错的同音虚词：写出的字在这个语法框架里讲不通，而同音的另一个字正合框架，例如
    `再11月30日前报送`（在）、`已县政府名义印发`（以）、`主体工程以完工`（已）、
    `即要抓发展，又要保安全`（既）、`象石榴籽一样`（像）、`截致目前`（截至）、`必需坚持`（必须）、
    `为群众代来实惠`（带）、`至使进度滞后`（致）、`在次强调`（再次）、`做为试点单位`（作为）、
    `既使困难再多`（即使）、`以至造成损失`（以致）、`会议其间`（期间）、`生活必须品`（必需品）、
    `办事需知`（须知）、`不只一次`（不止）、`国家权利机关`（权力）、`权力和义务`（权利）、
    `既便是汛期`（即便）、`关键再于`（在于）、`再所难免`（在）、`一如即往`（既）、`在接再厉`（再）、
    `至力于`（致）、`已便及时跟踪`（以便）、`县直部门已及各乡镇`（以及）、`印发已后`（以后）、
    `已免发生事故`（以免）、`当场予已受理`（予以）、`工程以经完工`（已经）、`旨再提升`（旨在）、
    `仍然存再问题`（存在）、`即定目标`（既定）、`自既日起`（即日）、
    `这得确是好事`（的确）、`工作开展的很扎实`（得）。
    框架见 `data/function_word_frames.toml`，每条写明为什么原字在此不成立，并注明来源。

    ## Why is this bad?
    拼音输入法中“在/再”“以/已”等同音字本身都是词，错选后读音不变，通读也容易放过；
    `TYP013` 不判断虚词、两种写法都成词时也不报告，这类差错只能按语法框架判断。
    不报告：
    - 原字本身用得对的地方：`再次`、`再创新高`、`以此为契机`、`已于3月完成`、`以完成任务为目标`；
    - 原字与前一字组成词时（`一再`、`得以完成`、`现象一样`、`立即`），按那个词读；个别框架里后一字
      与再后一字成词时（`代来访者填写`、`送至使馆`），原字单用、不报告；
    - `已` 之后另有支配“名义”的动词（`已冒用他人名义`），或“为”属于“成为”“列为”等动词（`已成为核心`）；
    - 框架指明的前一字与它前面的字成词时（`实现再就业`、`储存再利用`、`许可已经办结`、
      `万不得已`），原字不与它连读；
    - 文稿开头写的年份早于 1987 年时的 `象……一样`（1986 年《简化字总表》之前“象”可作“像”），
      早于 1978 年时的 `不只一次`；超过 3,000 字而开头不写年份的文本（从长文稿中截出的一段，年代
      不明）也不按这两条判断，不写年份的句子和短文按今天的规范判断；
    - 同字的正确用法：`在次日`、`放在次要位置`、`做为民办实事`、`做为期两天的辅导`、
      `既使企业受益，又使群众满意`、`以至于`、`从城市以至乡村`、`驻村三年，其间……`、`穿插其间`、
      `所必须遵守的`、`所需知识`、`不只是`、`行使权力`、`权利和义务`、`已便利通行`、`已及时完成`、
      `已前往`、`已免除`、`以经济建设为中心`、`以经审定的数据为准`、`既刻苦又踏实`、`既时间紧又任务重`、
      `做得确实扎实`、`讲的很有道理`、`完成的很多项目`、`目的很明确`、`采取的非常之举`；
    - “的、地、得”作结构助词的其他用法（各地规范不一）：只判断“开展、落实、推进、抓、做”等动词后
      接“很、非常”加形容词结句的程度补语（应为“得”）。
    框架之外的错选不在检查之列，修改建议仅供参考。

    ## Example
    ```text
    请各单位再11月30日前报送材料。决定已县政府名义印发。主体工程以完工。
    ```

    Use instead:
    ```text
    请各单位在11月30日前报送材料。决定以县政府名义印发。主体工程已完工。
    ```
    """

    code = "TYP016"
    name = "function-word-slip"
    # info, on by default: since its frames were fixed it has made no report on ~10 MB of real
    # text nobody wrote for it (round 14's genre batch and 102 correct sentences included), and
    # it finds slips TYP013 cannot; with no report yet seen right, it cannot be a warning.
    severity = Severity.INFO
    fixable = True

    # What wakes the rule on a unit: a pair of characters every match of a frame holds (its
    # written character and the one its lookahead or lookbehind names first: 代来, 截致, 不只,
    # 的很), answered by the engine's one trigger scan of the unit (gongwen.triggers.Adjacent);
    # the characters alone for the frames that name no neighbour (再 and 已 before a phrase that
    # may start anywhere, 象…一样). Rounds 14-15 woke it on the frames' characters: 14,899 of
    # k1000's 22,971 units woke it (代 alone 4,947, 以 6,609) for 99 that hold a frame; these
    # pairs and characters wake 3,508. Pairs sharing a side are joined (以 before the first
    # character of 完工, 于, 经, 至 or 致) so that they take few of the scan's 64 classes; a pair
    # a common word holds stays a character instead (已为核心's 为主… wakes 1,977 units, 已
    # alone 1,350). tests/test_function_words.py holds them to the frames: every slip in random
    # text wakes the rule through the engine's dispatch.
    triggers = "再已象"
    trigger_patterns = (
        Adjacent("以", "全基顺如提初圆按完竣到办建投整结销通交于经至致"),
        Adjacent("即", "要有能讲抓重当做管看然往定得成"),
        Adjacent("既", "将使便刻日时"),
        Adjacent("代", "来"), Adjacent("带", "表"), Adjacent("做", "为"), Adjacent("得", "确"),
        Adjacent("截直年月日号0123456789０１２３４５６７８９", "致"),
        Adjacent("至", "使力"),
        Adjacent("必", "需"), Adjacent("需", "知"), Adjacent("须", "品的之"),
        Adjacent("其", "间"), Adjacent("不", "只"), Adjacent("权", "利力"),
        Adjacent("在", "次接"), Adjacent("的", "很非"),
    )

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        # Almost no woken unit holds a frame (99 of k1000's 3,508: a pair or 已 holds often
        # enough without one): one search answers for those, without the generators' cost.
        if frames()[1].search(unit.text) is None:
            return ()
        return [Violation(start, end, f"疑似错用虚词：“{frame.written}”应为“{frame.meant}”",
                          help=frame.reason,
                          fixes=(Fix.replace(start, end, frame.meant, f"改为“{frame.meant}”",
                                             Applicability.DISPLAY_ONLY),),
                          notes=(f"来源：{frame.source}（{frame.status}，核对于 {frame.checked}）",))
                for start, end, frame in slips(unit.text, lambda since: held_to_usage_of(ctx.document, since))]


RULES = (FunctionWordSlip,)
