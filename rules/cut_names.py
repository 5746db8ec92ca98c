"""Institution names that lost a character: at their end, the last character of the type word
(委员会, 医院, 检察院, 中心 …) before a clause mark, a function character or a verb:
市住房公积金管理委员审议 (委员会), 县人大及其常委的监督 (常委会), 县人民医、 (医院) (TYP021);
inside them, a character whose loss leaves another standing alone: 县市场监管理局, 国务院常会议
(TYP022).

A name is a closed unit whose last part is a fixed word; where official writing goes on with
that word's last character and never stops short of it (``data/cut_names.txt``, counted by
``data/build_cut_names.py`` over the type words of ``data/name_type_words.txt``), a text that
stops one character short has cut the name. What is left may name a member (县人大常委、, 政协委员，: ``member_titles.txt``):
such a rest is reported only before a function character or a verb, where a post is not
written. The contexts come from the document's shared literal pass, as TYP018's do.
"""
from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Iterable

from gongwen.analysis import lexicon, shared_scan
from gongwen.analysis.char_model import candidates
from gongwen.analysis.evidence import is_word
from gongwen.analysis.han_runs import is_han
from gongwen.analysis.person_names import surname_opens_run
from gongwen.diagnostic import Applicability, Fix, Severity, Surplus, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext, room
from gongwen.rules.cut_formulations import STOPS, LastCharacterCut
from gongwen.rules.name_gap_scan import anchor_keys, occurrences
from gongwen.rules.numbered_meetings import numbered_meeting_gaps, opener_keys
from gongwen.rules.posts_before_names import post_gaps_before_names, rest_keys
from gongwen.rules.type_cuts import cut_keys, type_cut_places
from gongwen.rules.protected import CUT_LOOKAHEAD, EDGE_FUNCTION_CHARS, LINE_WRAP, common_word_across

CUT_NAMES = "cut_names.txt"
# Type words of two characters or more that end a name (build_name_gaps.py's names end in them
# or in 局 厅 部 院): written whole, they end it.
WHOLE_TYPE_ENDINGS = ("委员会", "中心", "办公室", "会议", "大会", "大队", "支队")
MEMBER_TITLES = "member_titles.txt"
SESSION_SHORT_FORMS = "session_short_forms.txt"
POSTS = "post_contexts.txt"
SURNAMES = "surnames.txt"


@cache
def cut_names() -> dict[str, tuple[str, str]]:
    """Each listed context -> (the type word it cuts short, the other characters official
    writing was seen to write after the context)."""
    table = {}
    for line in lexicon.entry_lines(CUT_NAMES):
        context, word, *seen = line.split("\t")
        table[context] = (word, seen[0] if seen else "")
    return table


@cache
def _keys() -> shared_scan.Keys:
    return shared_scan.Keys(sorted(cut_names()))


@cache
def _member_titles() -> tuple[str, ...]:
    return tuple(sorted(lexicon.words(MEMBER_TITLES)))


def name_cut_at(text: str, end: int, context: str) -> bool:
    """Whether ``text[:end]``, ending in the listed ``context``, is a name cut short there:
    what follows does not continue it. The text's end, a stop mark or a line end (unless the
    next line begins with the character left out) end it, except after a member's title, which
    is written in lists of posts and before a name (县人大常委、, 市人大常委王芳); a function
    character or another Han character end it when no common dictionary word runs across the
    place and official writing was never seen to go on with that character there."""
    word, seen = cut_names()[context]
    left_out = word[-1]
    member = context.endswith(_member_titles())
    if end >= len(text) or text[end] in STOPS:
        return not member
    wrap = LINE_WRAP.match(text, end)
    if wrap is not None:
        return not member and not text.startswith(left_out, wrap.end())
    after = text[end]
    if after == left_out or after in seen or not (is_han(after) or after in EDGE_FUNCTION_CHARS):
        return False
    if member and after in lexicon.words(SURNAMES):
        return False
    return not common_word_across(context, text[end:end + CUT_LOOKAHEAD])


def cut_name_places(text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, the type word) of each listed name cut short in ``text``, once
    per place (two listed contexts may end at one). ``hits``: the shared pass's (key, start,
    end) of ``_keys()``."""
    keys, done = _keys().keys, set()
    for k, start, end in hits:
        context = keys[k]
        if end in done or not name_cut_at(text, end, context):
            continue
        done.add(end)
        yield start, end, cut_names()[context][0]


class NameCutAtEnd(LastCharacterCut):
    """## What it does
    检查机构名称是否少了类型词（委员会、医院、检察院、中心等）的最后一个字，例如
    `市住房公积金管理委员审议`（“委员会”缺“会”）、`县人大及其常委的监督`（“常委会”缺“会”）、
    `县人民医、县中医医院`（“医院”缺“院”）。类型词见 `data/name_type_words.txt`；只查公文中
    总是接着写出最后一个字的位置，字表见 `data/cut_names.txt`，由
    `data/build_cut_names.py` 统计公文和法律法规得出。

    ## Why is this bad?
    机构名称是一个整体，少一个字就成了另一个字串，在公文中是表述错误。本规则只在其后是
    句末标点、引号括号、行尾、虚词或另一个动词，且前后不成词时提示。
    不报告：
    - 后面接着写出了缺的字，或与后面的字成词的（`管理委员长`之类公文中见过的接续）；
    - 剩下的部分是职务，后接标点、行尾或人名的（`县人大常委、县总工会主席`、`市人大常委王芳`）；
    - 公文和法律法规中在句末或虚词前出现过的剩余部分，字表里没有。
    补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    经市住房公积金管理委员审议通过。
    ```

    Use instead:
    ```text
    经市住房公积金管理委员会审议通过。
    ```
    """

    code = "TYP021"
    name = "name-cut-at-end"

    def keys(self) -> shared_scan.Keys:
        return _keys()

    def places(self, text: str, hits: Iterable[tuple[int, int, int]]) -> Iterable[tuple[int, int, str]]:
        return cut_name_places(text, hits)

    def describe(self, written: str, whole: str) -> tuple[str, str, str]:
        return f"机构名称可能缺字：“{whole}”少了“{whole[-1]}”", f"核对名称是否应以“{whole}”结尾", f"补上“{whole[-1]}”"


@cache
def posts() -> dict[str, int]:
    """Each post written after its body's last character(s) (``post_contexts.txt``: 局副局长,
    室副主任, 委会副主任) -> where the post starts: the characters before it are the anchor,
    not part of what is reported."""
    found = {}
    for line in lexicon.entry_lines(POSTS):
        context, *written = line.split()
        found.update((context + post, len(context)) for post in written)
    return found


def name_gap_places(text: str, hits: Iterable[tuple[str, int, int, str]]) -> Iterable[tuple[int, int, str]]:
    """(start, end, the whole name) of each listed name less a character inside it, once per
    place; of two listed strings overlapping at one place, the first found. A string the
    document writes twice or more outside its whole name is
    its own usage (an abbreviation it defines, 以下简称县融媒中心, or repeats), not a slip of the
    hand: left alone; so is one a common word runs on from (全国代表会议, 有关部门: the string is no
    name's end there), unless it ends in a type word of two characters or more left whole after
    the gap (全国代大会上: 大会 ends the name, whatever 会上 reads as). ``hits``: (string, start,
    end, whole name) of every occurrence of each listed string outside its whole name in the
    whole document (``name_gap_scan.occurrences``)."""
    hits = [(key, start, end, whole) for key, start, end, whole in sorted(hits, key=lambda hit: (hit[1], -hit[2]))
            if not _first_kept(text, start, end, whole) and not _short_form_at_gap(text, start, key, whole)]
    if not hits:
        return
    written, taken = Counter(key for key, _, _, _ in hits), -1
    for key, start, end, whole in hits:
        if start < taken or written[key] > 1 or _runs_on(text, end, key, whole):
            continue
        taken = end
        yield start, end, whole


def _runs_on(text: str, end: int, left: str, whole: str) -> bool:
    """Whether a common word runs on from ``left`` (``whole`` less one character), ending at
    ``end``, into what follows, where ``left`` does not end in one of ``WHOLE_TYPE_ENDINGS``
    lying wholly after the gap."""
    gap = next((i for i in range(len(left)) if left[i] != whole[i]), len(left))
    ending = next((word for word in WHOLE_TYPE_ENDINGS if left.endswith(word) and gap <= len(left) - len(word)), None)
    if ending is not None:
        # The type word ends the name unless it and what follows are one word that names a
        # thing of its own (第五会议室, 人民大会堂: a room, a hall; not 会上 of 代大会上).
        return is_word(ending + text[end:end + 1])
    return common_word_across(left[-CUT_LOOKAHEAD:], text[end:end + CUT_LOOKAHEAD])


@cache
def session_short_forms() -> tuple[tuple[str, str], ...]:
    """(short form, the end of the full form it stands for): 人大, 人民代表大会."""
    return tuple(tuple(line.split()) for line in lexicon.entry_lines(SESSION_SHORT_FORMS))


def _short_form_at_gap(text: str, start: int, left: str, whole: str) -> bool:
    """Whether the text written up to the gap of ``left`` (``whole`` less one character, found
    at ``start``) ends in a short form whose full form ends in ``whole`` up to the character
    left out: 县人大第一次会议 is 人民代表大会第一次会议 written short (人大 stands for 人民代表大会,
    which ends in 大会), not 大会第一次会议 less 会."""
    gap = next((i for i in range(len(left)) if left[i] != whole[i]), len(left))
    head = whole[:gap + 1]
    return any(text.endswith(short, 0, start + gap) and full.endswith(head) for short, full in session_short_forms())


def _first_kept(text: str, start: int, end: int, whole: str) -> bool:
    """Whether ``text[start:end]``, when it is a listed name less its first character (面从严治党
    of 全面从严治党; not found after that character: ``name_gap_scan.occurrences``), has a first
    character of its own: one that makes a word with what follows (村民代表大会, not 人民代表大会
    less 人)."""
    if len(whole) != end - start + 1 or not whole.endswith(text[start:end]):
        return False
    return start > 0 and is_word(text[start - 1:start + 1])


def sound_slip(text: str, start: int, end: int, whole: str) -> tuple[int, int]:
    """The span of ``text[start:end]``, ``whole`` less one character at its end or its start,
    taken one character further where the character standing in the place of the one left out
    reads as it does (副县张； of 副县长, 泉面从严治党 of 全面从严治党): a character typed by its
    sound in place of the right one, to be replaced, not a character left out before another
    (副县张； is no 副县长张；). After a post, a surname followed by more Han characters may open
    the name of the person the post is written before (副县张伟出席 is 副县长张伟 less 长)."""
    if len(whole) != end - start + 1:
        return start, end
    if (whole.startswith(text[start:end]) and end < len(text) and _sounds_alike(text[end], whole[-1])
            and not surname_opens_run(text, end)):
        return start, end + 1
    if whole.endswith(text[start:end]) and start > 0 and _sounds_alike(text[start - 1], whole[0]):
        return start - 1, end
    return start, end


def _sounds_alike(written: str, meant: str) -> bool:
    """Whether the two characters share a reading (toned or toneless: the character model's
    same-sound candidates, which list only the common substitutes of each character: 仁 lists
    任, 任 not 仁, so both ways)."""
    table = candidates()
    return any(b in getattr(table.get(a), "same_sound", "") for a, b in ((meant, written), (written, meant)))


def _places(text: str, ctx: RuleContext) -> list[tuple[int, int, str]]:
    """The listed names' gaps, the numbered sessions' (``numbered_meetings``), the posts' cut
    before a name (``posts_before_names``) and the names cut before their type word
    (``type_cuts``), in order, from the shared pass's hits in ``text``; a session's, a post's or
    a type word's left out where a listed name's gap covers it."""
    anchored, opened, rested, typed = (shared_scan.matches(ctx, keys, text)
                                       for keys in (anchor_keys(), opener_keys(), rest_keys(), cut_keys()))
    # Most documents hold none of the three (or only anchors outside any listed string): the
    # rule's Python was a tenth of its cost on by default (400 files: 18 M instructions).
    places = list(name_gap_places(text, occurrences(text, anchored))) if anchored else []
    more = [*(numbered_meeting_gaps(text, opened) if opened else ()),
            *(post_gaps_before_names(text, rested) if rested else ()),
            *(type_cut_places(text, typed) if typed else ())]
    if not more:
        return sorted(places)
    covered = [(start, end) for start, end, _ in places]
    places += [place for place in more if not any(start < place[1] and place[0] < end for start, end in covered)]
    return sorted(places)


class NameMissingCharacter(Rule):
    """## What it does
    检查机构名称、会议名称和职务中间是否缺了一个字，例如 `县市场监管理局`（市场监督管理局）、
    `国务院常会议`（国务院常务会议）、`县人民检院`（人民检察院）、`县教局`（县教育局）、
    `县政府办公室副主王建军`（副主任）、`镇党委副记`（副书记）；以及带序号的会议缺了量词或会议名称中的一个字，
    例如 `市政府第二十三常务会议`（第二十三次）、`县委常委会第19次议`（会议）、`第三次集体习`（集体学习）。名称表由
    `data/build_name_gaps.py` 从 `data/institution_bodies.txt` 的标准名称、公文中常见的名称和
    `data/post_contexts.txt` 的职务（写在所属机构名称之后：`局副局长`、`室副主任`、`委副书记`）
    生成，见 `data/name_gaps.txt`。职务缺了末字、紧接着人名的（`县委书刘建华`：书记），
    剩下的只有两个字，也在后一字是姓氏、该字与姓氏在公文中从未连写、姓氏后还有汉字时报告。
    没有写出所属机构、写在句首、标点之后或“为”“由”之后的职务缺了末字、紧接着人名的（`副县邵明远出席`：副县长），
    同样报告；剩下的部分本身成词或是职务的（`副总`、`秘书`）不报告。写在句首人名之后、后面接着另起的词或虚词的
    （`柏松林副县在会上强调`：副县长）也报告；与后字成词的（`副县级`、`副市场`）不报告。
    职务并列、所属机构只在第一项写出的（`县医保局党组书记、局长戴文彬`），顿号后机构首长的职务
    只剩机构那一个字、紧接着人名的（`乡党委书记、乡冉秋实`：乡长），在顿号前是完整的职务、
    第一项里写着同一个字、后面是人名（姓氏与该字在公文中从未连写、姓名前两字不成词）时报告；
    `县委书记、县纪委书记`（接着写出另一个机构）不报告。
    职务缺了末字、后面不是人名而是句末、顿号等标点或“职务”的（`免去…县交通运输局局职务`、
    `不再担任乡党委书。`），公文在这些位置只写完整的职务，也报告；没有写出所属机构的
    （`副县`）只在“为”“由”之后报告（`正县、副县、正科` 是职级）。
    地方机构名称少了末尾的“局”、剩下的工作领域（四字以上）后面紧接着公文只在机构名称后写的动词、
    介词的（`县自然资源负责办理`、`县交通运输组织开展`：自然资源局、交通运输局），也报告；词表见
    `data/body_words.txt`，由 `data/build_body_words.py` 统计公文和法律法规中机构名称后与工作领域后
    所接的词得出。领域后接名词的（`县应急管理体系`、`县农业农村工作`）、领域后是以这类词开头的公文文种的
    （`县自然资源统计公报`、`市交通运输审计报告`：领域是文件的主题，文种见 `data/field_document_types.txt`）、两字领域（`由县财政负责`：
    县财政是简称）和有两种类型词的领域（卫生健康局、卫生健康委员会：补哪个只能猜）不报告。
    层级之后的机构名称，三字类型词（委员会、常委会、办事处、办公室）中少了一个字的（`县监察委会`、
    `区人大常会`、`街道办处`：监察委员会、人大常委会、街道办事处），即使剩下的部分能切成词，也在公文中
    从未这样写过时报告：简称只缩短领域（`发改局`、`融媒中心`）或整个省去类型词的后两字（`卫健委`），
    不会从类型词中间去掉一个字；层级与后字成词的（`县政`、`市民`）不报告。
    序号后的会议名称只剩首字的（`县十八届人大三次会于今日开幕`：会议；`市委十三届七次全审议`：全会）
    也报告：调校半区和法律法规中“次会”后面都是“议”；后面接着成词的不报告（`第三次会上`、`第二次会商`、`第七次全区`）。
    缺字的位置上站着与所缺之字同音的字的（`县财政局副局涨；`、`坚持泉面从严治党`），是错字而不是缺字，
    建议替换（`副局长`、`全面从严治党`）。

    ## Why is this bad?
    机构名称是一个整体，中间少一个字就成了不成词的字串，在公文中是表述错误。
    只报告缺字后留下孤立单字（`市场|监|管理局`）或缺字处前后两字在公文中从未连写（`城乡设局`）的情形，
    且公文和法律法规中从未这样写过。
    提法和名称缺了首字的（`坚持面从严治党`），只在公文中总是带着首字写、且前一个字与它不成词时报告。
    职务缺了末字的（`副主`、`副局`），只在紧跟机构名称、公文中从未这样写过、且后一个字不接着写出所缺的字、
    不与它构成常用词时报告（`县人大常委会主持` 不报告）。
    不报告：
    - 公文中使用的规范简称（`市场监管局`、`发展改革局`、`人大常委会`、`县教体局`）：这些在公文中写过；
    - 少了职务首字、剩下另一个职务的（`局总工程师` 写成 `局工程师`）；
    - 少了“和”“及”“等”之类虚词的（`住房城乡建设局`）；
    - 读起来是另一个完整名称的（`市场监督管理局` 之于 `市场监督管理总局`，`乡卫生院`）；
    - 前一个字与剩余部分的首字成词的（`村民代表大会`）；
    - 名称末字缺失（见 TYP021）；
    - 会议序号前用规范简称的（`县人大第一次会议`：人大即人民代表大会，`data/session_short_forms.txt`），
      序号后用会议简称的（`第8次常务会`，`data/session_words.txt`），以及会议室（`第三会议室`）。
    补全只是推测，所以只作提示，修复仅供参考。

    ## Example
    ```text
    县市场监管理局对3家企业立案调查。
    ```

    Use instead:
    ```text
    县市场监督管理局对3家企业立案调查。
    ```
    """

    code = "TYP022"
    name = "name-missing-character"
    severity = Severity.INFO
    scope = "document"  # the shared literal pass runs over the whole document
    fixable = True

    def shared_matchers(self) -> tuple[shared_scan.Keys, ...]:
        return anchor_keys(), opener_keys(), rest_keys(), cut_keys()

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation | Surplus]:
        text = unit.text
        for start, end, whole in _places(text, ctx):
            if room(ctx, self) == 0:  # past the report's cap: counted, not built
                yield Surplus(start, end)
                continue
            anchor = posts().get(whole, 0)  # 局副局长: the post, not its body's last character
            start, whole = start + anchor, whole[anchor:]
            start, end = sound_slip(text, start, end, whole)
            written = text[start:end]
            what = "缺字" if len(written) < len(whole) else "有错字"
            yield Violation(start, end, f"名称可能{what}：“{written}”应为“{whole}”", help=f"核对名称是否应为“{whole}”",
                            fixes=(Fix.replace(start, end, whole, f"改为“{whole}”", Applicability.DISPLAY_ONLY),))


RULES = (NameCutAtEnd, NameMissingCharacter)
