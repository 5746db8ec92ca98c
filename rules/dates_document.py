"""Date rules that read the document as a whole: the 成文日期 and its format, events dated after
it, and a report's year against its title (they read the outline, gongwen.analysis.outline)."""
from __future__ import annotations

from typing import Iterable

import regex

from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Edit, Fix, Label, Severity, Violation
from gongwen.analysis.dates import MAY_HOLD_DATE, DateExpr, arabic_form, dated_units, dates_in, four_digit_year, is_valid, signature_date
from gongwen.analysis.routing import in_document
from gongwen.analysis.outline import SECTION_HEADING, outline, title_lines, title_year
from gongwen.document import Document, TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis.compact_dates import DateSlots
from gongwen.analysis import lexicon
from gongwen.analysis.morphology import perfective


class DocumentDateFormat(Rule):
    """## What it does
    检查日期的书写形式：月、日前补零（`2025年01月07日`），以及落款成文日期写成
    `2025.1.27`、`2025/1/27`、`2025-1-27`。汉字写的成文日期由 DAT012 报告（提示）。

    ## Why is this bad?
    GB/T 9704 规定成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位（1 不编为 01）。
    以点、斜线、短横线分隔的日期是数据交换格式，不是公文落款的写法。

    去掉补零和把分隔符改为年月日的修复是安全的（日期不变）。不检查表格、注释中的
    `2025-01-27`（GB/T 15835 允许在表格和注释中使用带补零的扩展格式）；
    两位年份由 DAT004 报告，同一日期混用两种数字由 NUM013 报告。

    正文中只能填日期的位置（`自2024.3.1起施行`、`于2024/6/18召开`、`截至2024.12.31`、
    `请于2024.3.1前报送`、讲话稿标题下的 `——2024.1.14在…`，见 DAT001）写成
    `2024.3.1`、`2024/3/1` 或不补零的 `2024-3-1` 的，也报告，修复为安全修复。
    表格、列表中的这类日期不在这些位置，不报告。

    ## Example
    ```text
    本办法自2025年01月07日起施行。
    ```

    Use instead:
    ```text
    本办法自2025年1月7日起施行。
    ```

    ## Options
    - `separator-dates-in-prose`（默认 `true`）：内部体例允许正文用 `2024.3.1` 时设为 `false`，
      只检查落款。
    """

    code = "DAT002"
    name = "document-date-format"
    severity = Severity.ERROR
    fixable = True
    scope = "document"  # reads the units that may hold a date (dated_units), not every unit
    options = {"separator-dates-in-prose": True}
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def __init__(self, options=None) -> None:
        super().__init__(options)
        self._slots = DateSlots()

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        sig = None
        looked = False  # the 落款 is looked for once a unit holds a date
        for unit, dates in dated_units(doc):
            if not dates:
                continue
            if not looked:
                sig, looked = signature_date(doc), True
            if self.opts["separator-dates-in-prose"] and any(date.form != "nian" for date in dates):
                yield from in_document(unit, self._separator_dates_in_slots(doc, unit, sig))
            for date in dates:
                if date.form == "nian" and not date.lunar and (padded := _padded_parts(date)):
                    yield Violation(
                        date.start, date.end, f"日期的月、日不应补零：{date.text}",
                        help="GB/T 9704 规定月、日不编虚位（1 不编为 01）",
                        fixes=(Fix((*(Edit(p.start, p.start + 1, "") for p in padded),),
                                   Applicability.SAFE, "去掉补零"),),
                    ).shifted(unit.start)
            if sig is not None and sig[0].index == unit.index and sig[0] == unit:
                yield from in_document(unit, self._signature_date_format(doc, unit, sig[1]))

    @staticmethod
    def _signature_date_format(doc: Document, unit: TextUnit, date: DateExpr) -> Iterable[Violation]:
        """The 成文日期 written with separators (2025.1.27)."""
        if date.form != "nian":
            new = arabic_form(date)
            yield Violation(
                date.start, date.end, f"成文日期不应写作“{date.text}”",
                help=f"GB/T 9704 规定成文日期用阿拉伯数字将年、月、日标全：写作“{new}”",
                fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.SAFE),),
            )

    def _separator_dates_in_slots(self, doc: Document, unit: TextUnit, sig) -> Iterable[Violation]:
        """2024.3.1 where the sentence keeps a place for a date (自…起施行, 于…召开 …)."""
        units = doc.units
        previous = units[unit.index - 1].text if unit.index > 0 else ""
        for date in dates_in(doc, unit):
            if date.form == "nian" or _is_iso_date(date) or (sig is not None and sig[1] is date):
                continue
            if self._slots.slot(unit.text, date.start, date.end, False, previous) is None:
                continue
            new = arabic_form(date)
            if new is None or not is_valid(date.year.value, date.month.value, date.day.value):
                continue
            yield Violation(
                date.start, date.end, f"正文日期不应写作“{date.text}”",
                help=f"用汉字“年”“月”“日”写全：写作“{new}”",
                fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.SAFE),),
            )


class ChineseSignatureDate(Rule):
    """## What it does
    检查正文使用阿拉伯数字日期的文件中写成汉字的落款成文日期（`二〇二五年一月二十七日`）。

    ## Why is this bad?
    GB/T 9704-2012 规定党政机关公文的成文日期用阿拉伯数字将年、月、日标全；汉字落款是
    旧版标准（GB/T 9704-1999）的写法，与正文的阿拉伯数字日期不一致。修复为不安全
    （需确认全文体例）。

    不检查通篇使用汉字日期的文件，也不检查 2012年7月1日 GB/T 9704-2012 施行之前的
    文件（旧版规定成文日期用汉字，`二〇〇五年七月十四日`）。法院、公证处、仲裁委员会的文书按诉讼
    文书样式、公证书格式用汉字写日期，不受 GB/T 9704 约束，不报告：落款上方的署名，或
    文件第一行的版头、标题在“关于”之前（`某某人民法院`、`某某中级人民法院开庭公告`、
    `某某仲裁委员会`）写有“人民法院”“法庭”“公证处”“仲裁委员会”的。

    严重程度是提示：汉字落款是否是错，要看文件属于哪一类文书（公文、司法文书、公证书、
    企业和社会组织的文件……），规则只能从署名和版头猜；在没有人调校过的文本上，这一类报告
    首次计数 5 处只有 2 处正确（rules/data/precision.toml），原属 DAT002 的这部分因此拆出。

    ## Example
    ```text
    2024年，全区办理业务2.9万余件。
    雁峰区人民政府
    二〇二五年一月二十七日
    ```

    Use instead:
    ```text
    2024年，全区办理业务2.9万余件。
    雁峰区人民政府
    2025年1月27日
    ```
    """

    code = "DAT012"
    name = "chinese-signature-date"
    severity = Severity.INFO
    fixable = True
    scope = "document"  # reads the 落款 and the years of the whole text
    trigger_patterns = (MAY_HOLD_DATE,)  # it reads dated_units only: the units holding one

    def check(self, whole: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        if not any(dates for _, dates in dated_units(doc)):
            return
        sig = signature_date(doc)
        if sig is None:
            return
        unit, date = sig
        if date.form != "nian" or date.kinds != {"chinese"} or not _body_uses_arabic_dates(doc, unit):
            return
        new = arabic_form(date)
        if new is None:
            return
        key = _date_key(date)
        if key is not None and key < GB_T_9704_2012_IN_FORCE:
            return  # dated under GB/T 9704-1999, which prescribed Chinese numerals
        if _signed_by_judicial_organ(doc, unit, date) or _headed_by_judicial_organ(doc):
            return  # a court's or notary's document: not GB/T 9704's to govern
        yield Violation(
            date.start, date.end, f"成文日期用了汉字数字，正文日期用阿拉伯数字：{date.text}",
            help=f"GB/T 9704 规定成文日期用阿拉伯数字标全：写作“{new}”",
            fixes=(Fix.replace(date.start, date.end, new, f"改为“{new}”", Applicability.UNSAFE),),
        ).shifted(unit.start)


# GB/T 9704-2012 took effect on 2012-07-01; GB/T 9704-1999, before it, prescribed the 成文日期
# in Chinese numerals (二〇〇五年七月十四日). A document is held to the edition of its own date.
GB_T_9704_2012_IN_FORCE = (2012, 7, 1)


def _padded_parts(date: DateExpr) -> list:
    """The month and day of ``date`` written with a leading zero (01月07日), if any."""
    return [p for p in (date.month, date.day)
            if p is not None and len(p.text) == 2 and p.text[0] in "0０" and p.kind == "arabic" and p.value]


def _is_iso_date(date: DateExpr) -> bool:
    """2025-01-27: GB/T 7408's extended format, which GB/T 15835 allows."""
    return date.form == "-" and len(date.month.text) == 2 and len(date.day.text) == 2


def _signed_by_judicial_organ(doc: Document, sig_unit: TextUnit, date: DateExpr) -> bool:
    """Whether the 署名 just above the 成文日期 is a court's or a notary office's: the line
    before the date's, in the date's own paragraph (a text that sets paragraphs apart by blank
    lines keeps the 署名 and the date together) or the paragraph before it."""
    text = sig_unit.text
    line_start = max(text.rfind("\n", 0, date.start), text.rfind("\r", 0, date.start)) + 1
    above = text[:line_start].rstrip()
    if above:
        signer = above.splitlines()[-1].strip()
    else:
        signer = next((u.text.strip() for u in reversed(doc.units[:sig_unit.index]) if u.text.strip()), "")
    return signer.endswith(tuple(lexicon.words("judicial_signers.txt")))


_SENTENCE_MARKS = "，。；：！？"


def _headed_by_judicial_organ(doc: Document) -> bool:
    """Whether the document's first line, its 版头 or title, names a court, a notary office or
    an arbitration commission as its author: the organ alone (蓝川市明岭区人民法院, the kind of
    document below it) or the organ's name and the kind (某某中级人民法院开庭公告). A title's
    author comes before its 关于: 关于配合某某人民法院…的通知 is not the court's; and a first line
    with sentence punctuation is prose, not a 版头 or title."""
    first = next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
    if any(mark in first for mark in _SENTENCE_MARKS):
        return False
    author = first.partition("关于")[0]
    return any(ending in author for ending in lexicon.words("judicial_signers.txt"))


def _body_uses_arabic_dates(doc: Document, sig_unit: TextUnit) -> bool:
    """Whether the text outside the signature writes its years in Arabic and never in Chinese."""
    arabic = chinese = 0
    for unit, dates in dated_units(doc):
        if unit is sig_unit:
            continue
        for date in dates:
            if date.year is not None and len(date.year.text) == 4:
                if date.year.kind == "arabic":
                    arabic += 1
                else:
                    chinese += 1
    return arabic > 0 and chinese == 0


def _date_key(date: DateExpr) -> tuple[int, int, int] | None:
    y = four_digit_year(date)
    if y is None or any(p.value is None for p in date.parts):
        return None
    return (y, date.month.value if date.month else 0, date.day.value if date.day else 0)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the previous 。！？； or line break to the next."""
    left = max(text.rfind(ch, 0, start) for ch in "。！？；\n") + 1
    right = min((i for i in (text.find(ch, end) for ch in "。！？；\n") if i >= 0), default=len(text))
    return left, right


# A plain done verb inside a 在……后 frame states when another action happens (各路段在最后一名
# 选手通过并完成清扫后逐段解除管制), not an event reported as done: the frame's clause holds 在
# before the verb and 后 (之后, 以后; not 后续) after it.
_CLAUSE_MARKS = "，,；;：:。！？\n"
_AFTER_FRAME_END = lazy_regex.compile(r"[^，,；;：:。！？\n]*?后(?!续)")


def _in_after_frame(text: str, sentence_start: int, verb_start: int, verb_end: int) -> bool:
    # Looked for back to the sentence's start only: a long line is not rescanned for each verb.
    marks = (text.rfind(ch, sentence_start, verb_start) for ch in _CLAUSE_MARKS)
    clause_start = max(sentence_start - 1, *marks) + 1
    return "在" in text[clause_start:verb_start] and _AFTER_FRAME_END.match(text, verb_end) is not None


# A date followed by a window of clock times (2027年3月14日6:30至12:30, 12月5日上午9时至11时30分) is
# a schedule's: notices set such windows ahead (管制, 停电, 考试); a report says when a thing
# happened, not the hours it was allowed. A plain verb after it reports nothing done.
_CLOCK = r"(?:上午|下午|晚上|凌晨|中午)?[0-9]{1,2}(?:[:：][0-9]{2}|时(?:[0-9]{1,2}分)?)"
_CLOCK_WINDOW = lazy_regex.compile(_CLOCK + r"[—\-~～至到]")
# A date (or date and hour) closed by 起 or 前 is a point a notice sets: when a measure takes
# effect (自2026年12月10日0时起，禁止…通过) or a deadline (应于2026年12月17日17:00前…完成注册). A
# report says when a thing happened, not from or by when it must; a plain verb after it reports
# nothing done. 前往, 前来 and 起草, 起诉 are verbs of their own, not the point's 前 or 起.
_SCHEDULE_POINT = lazy_regex.compile(f"(?:{_CLOCK})?(?:起(?![草诉])|前(?![往来]))")


# A year named as a period (度, 第一季度, 一季度) right before the word it qualifies names what
# is planned or covered for that period (2027年度国土变更调查服务: a procurement intention's
# project), not when a thing was done; data/date_period_scopes.txt lists the words after which
# the period is a date again (2027年度全县完成…). Han characters only: a comma or a digit after
# the period leaves it a date (2027年度，…).
_PERIOD = lazy_regex.compile(r"(?:度|第?[一二三四]季度)(?=[\u4e00-\u9fff])")


def _period_naming(text: str, end: int, scopes, done, verb) -> bool:
    """Whether the date ending at ``end`` is a year-period that qualifies the word after it."""
    period = _PERIOD.match(text, end)
    if period is None:
        return False
    after = period.end()
    return not (scopes.match(text, after) or done.match(text, after) or verb.match(text, after))


_RANGE_END_AFTER = lazy_regex.compile(r"[—\-~～至到]")
_RANGE_END_BEFORE = lazy_regex.compile(r"(?:[—\-~～]|(?<!截|截止)[至到])$")


class DateAfterDocumentDate(Rule):
    """## What it does
    检查正文中报告为已完成的事项，其日期晚于落款的成文日期：成文日期是
    `2025年1月27日`，正文却写 `2025年3月召开了专题会议`、`截至2025年6月底，已办结…`。

    ## Why is this bad?
    成文日期之后发生的事不可能在成文时已经完成：要么事项日期写错，要么成文日期写错
    （常见于沿用旧稿后只改了部分日期）。在政府网站检查中，伪造发稿日期属于单项否决项。

    只比较写明四位年份的日期，并且同一句中须有“已”“召开了”“完成了”等完成标志，
    或者日期写到月、且在非“安排”“计划”“部署”一级标题下的段落中有“召开”“印发”“完成”等动词；
    句中出现“将”“计划”“力争”“确保”“前完成”“起施行”等计划、目标、期限用语时不报告，
    例如 `到2035年基本建成法治国家`、`2025年6月底前完成`；“在……后”中的动词说的是另一动作的时间，
    不是已完成的事项（`各路段在最后一名选手通过并完成清扫后逐段解除管制`）；写成年度、季度的年份
    直接修饰其后的名称时（采购意向中的 `2027年度中小学课桌椅更新项目`、`2027年第二季度食堂设备维护`），
    说的是项目、计划所属的时期，不是事项完成的日期（`2027年度全县完成…` 仍照常判断）；日期后紧接钟点时段的
    （`2027年3月14日6:30至12:30，按照选手通过情况分段实行交通管制`）是通告安排的时段，其后不带
    “了”“已”的动词不算完成；日期（可带钟点）后接“起”“前”的
    （`自2026年12月10日0时起，禁止…车辆通过`、`应于2026年12月17日17:00前完成注册`）是通告
    规定的起始时间或期限，同样如此。标题以“通知”“公告”“通告”“公示”等安排事项的文种结尾的文件
    （`关于召开全市防汛工作会议的通知`），其中晚于成文日期的会期、考期是预告，只有“了”“已”一类
    标记才算完成（`关于全市防汛工作情况的通报` 仍照常判断）。没有落款日期的网页，以页面元数据（索引号表格、`成文日期：`）
    中的成文日期为准；再没有时，以标题年份
    （`2024年度…报告`）为准，只报告晚于下一年年底的已完成事项；都没有的文件不检查。

    ## Example
    ```text
    2025年3月，区政府召开了法治政府建设专题会议。
    雁峰区人民政府
    2025年1月27日
    ```

    Use instead:
    ```text
    2024年3月，区政府召开了法治政府建设专题会议。
    雁峰区人民政府
    2025年1月27日
    ```
    """

    code = "DAT007"
    name = "date-after-document-date"
    # Info since round 13: its first runs on untuned text were 0 right of 4 (rules/data/precision.toml).
    severity = Severity.INFO
    scope = "document"

    def __init__(self, options=None) -> None:
        super().__init__(options)
        # Done: a marker (已, 荣获), or a done verb with perfective 了 (召开了), derived in code.
        done_verbs = lexicon.words("date_done_verbs.txt")
        self._done = lazy_regex.compile(f"{lexicon.pattern('date_done_markers.txt')}|{perfective(done_verbs)}")
        self._verb = lazy_regex.compile(lexicon.pattern("date_done_verbs.txt"))
        self._plan = lazy_regex.compile(lexicon.pattern("date_plan_markers.txt"))
        self._period_scope = lazy_regex.compile(lexicon.pattern("date_period_scopes.txt"))
        self._announcing = lazy_regex.compile(
            rf"(?:{lexicon.pattern('announcing_titles.txt')})(?:[（(][^）)]{{1,12}}[）)])?[\s\u3000]*$")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        # The outline (a pass over every unit) is built only once there is a date to compare
        # with: most documents have neither a 落款 date nor a title year.
        sig = signature_date(doc)
        written = doc.page.written if doc.page is not None else None
        if sig is not None:
            sig_unit, sig_date = sig
            sig_key = _date_key(sig_date)
            if sig_key is None:
                return
            what, label = f"成文日期是{sig_date.text}", Label(
                sig_unit.start + sig_date.start, sig_unit.start + sig_date.end, "成文日期")
        elif written is not None:
            # A web page's 成文日期 stands in its metadata table, outside the article's text.
            sig_key = (written.year, written.month, written.day)
            what, label = f"网页标注的成文日期是{written.year}年{written.month}月{written.day}日", None
        else:
            # No 成文日期: a report titled for year Y is written by the end of Y+1 at the latest.
            titled = title_year(doc)  # the outline's title, and its report_year (reason "title")
            if titled is None:
                return
            title, year = titled
            sig_key = (year + 1, 12, 31)
            what, label = f"而这是{year}年度的报告", Label(title.start, title.end, f"标题年份：{year}年")
        parts = outline(doc)
        # A notice announces what it dates after itself: only a done marker makes it done there.
        announcing = self._announcing_title(doc)
        first_skipped = sig_unit.index if sig is not None else len(doc.units)
        # The units that may hold a date (dated_units, which the other date rules have read):
        # no other unit has one, and the dates of each were read once.
        for body, dates in dated_units(doc):
            if body.index >= first_skipped:
                continue
            text = body.text
            in_plan = parts.part(body) == "plan"
            for date in dates:
                key = _date_key(date)
                if key is None or date.lunar:
                    continue
                # Compare only as precisely as the body date is written (2025年3月 vs 2025年1月27日).
                if key[1] == 0:
                    later = key[0] > sig_key[0]
                elif key[2] == 0:
                    later = key[:2] > sig_key[:2]
                else:
                    later = key > sig_key
                if not later or _period_naming(text, date.end, self._period_scope, self._done, self._verb):
                    continue
                left, right = _sentence(text, date.start, date.end)
                # A plain verb after a year alone is usually a target (西部地区于2020年完成), unless
                # the sentence also states figures for that year (2024年全区开展…160项).
                done = self._done.search(text, date.end, right) or (
                    not in_plan and not announcing and not _CLOCK_WINDOW.match(text, date.end)
                    and not _SCHEDULE_POINT.match(text, date.end)
                    and any(not _in_after_frame(text, left, v.start(), v.end())
                            for v in self._verb.finditer(text, date.end, right))
                    and (date.month is not None or _FIGURE.search(text, date.end, right)))
                if not done or self._plan.search(text, left, right):
                    continue
                if _RANGE_END_AFTER.match(text, date.end) or _RANGE_END_BEFORE.search(text, max(0, date.start - 3), date.start):
                    continue  # one end of a range (截至2025年6月底 is a point in time, not a range)
                yield Violation(
                    body.start + date.start, body.start + date.end,
                    f"已完成事项的日期晚于成文日期：{date.text}，{what}",
                    help="核对事项日期和落款的成文日期（或标题年份），其中之一有误",
                    labels=(label,) if label is not None else (),
                )

    def _announcing_title(self, doc: Document) -> bool:
        """Whether the document's title (among its first short lines, or the web page's title)
        ends with the name of a document that announces arrangements (通知, 公告 …)."""
        return any(self._announcing.search(line) for line in title_lines(doc))


_OPENING_YEAR = lazy_regex.compile(r"[\s\u3000\xa0]*((?:19|20)[0-9]{2})年(?:度)?(?:[,，]|是|全年|上半年|下半年)")
# A sentence that opens with a year and states a total for it: 2023年，全区共… / 2023年全年…
_SENTENCE_YEAR = lazy_regex.compile(
    r"(?:^|(?<=[。；！？]))[\s\u3000\xa0]*(?P<y>(?:19|20)[0-9]{2})年(?:度)?(?:[,，]|全年|共|累计)"
    r"|(?<=[，,：:])(?P<y>(?:19|20)[0-9]{2})年(?:度)?(?:全年|共|累计|全[区市县省州镇乡])")
_FIGURE = lazy_regex.compile(r"[0-9０-９]")
_COMPARE_IN_SENTENCE = lazy_regex.compile(r"以来|较|比|同期|对比|相比|[—~～]")
_RANGE_OR_COMPARE = lazy_regex.compile(r"以来|[—\-~～至到较比]|同期|对比|回顾|展望|打算|计划|安排|目标|思路")


class ReportYearMismatch(Rule):
    """## What it does
    检查标题年份与正文不一致的年度报告：标题是 `2024年度法治政府建设情况报告`，
    正文首句却是 `2023年，区政府坚持…`，一级、二级标题写 `一、2023年主要举措`，
    或总结部分有以 `2023年，全区共…`、`2023年全年…` 开头报告数据的句子。

    ## Why is this bad?
    这通常是沿用上一年度报告时漏改了年份，把上一年的数据当作本年度的数据报告，
    属于数据错误。

    只看开头三行内的 `YYYY年度…` 或 `…总结/情况报告/年度报告` 标题（不看 `政府工作报告`：
    它按召开会议的年份命名，正文回顾上一年）；下一年度的安排（`二、2025年推进法治政府
    建设的主要安排`）、含“以来”“较”“至”、起止年份或“安排”“计划”“目标”的标题和句子，
    以及“安排”“计划”“部署”一级标题下的段落不报告。

    ## Example
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    2023年,在市委、市政府和区委的坚强领导下,雁峰区政府坚持以习近平新时代中国特色社会主义思想为指导。
    ```

    Use instead:
    ```text
    衡阳市雁峰区2024年度法治政府建设情况报告
    2024年,在市委、市政府和区委的坚强领导下,雁峰区政府坚持以习近平新时代中国特色社会主义思想为指导。
    ```
    """

    code = "DAT008"
    name = "report-year-mismatch"
    severity = Severity.WARNING
    scope = "document"

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        doc = ctx.document
        if title_year(doc) is None:
            return  # the outline's title: without one there is nothing to compare (no outline built)
        parts = outline(doc)
        title, year = parts.title, parts.report_year
        label = (Label(title.start, title.end, f"标题年份：{year}年"),)
        opened = False
        for body in doc.units[title.index + 1:]:
            text = body.text
            heading = SECTION_HEADING.match(text)
            in_plan = parts.part(body) == "plan"
            if heading and len(text.strip()) <= 40:
                rest = text[heading.end():]
                m = regex.match(r"((?:19|20)[0-9]{2})年", rest)
                if m and int(m.group(1)) not in (year, year + 1) and not _RANGE_OR_COMPARE.search(rest):
                    start = body.start + heading.end()
                    yield Violation(start, start + len(m.group()),
                                    f"标题是{year}年度报告，小标题却写{m.group()}",
                                    help="核对年份：是否沿用了其他年度的报告", labels=label)
                continue
            if len(text.strip()) < 20:
                continue
            if not opened:
                opened = True  # the first paragraph of body text
                m = _OPENING_YEAR.match(text)
                if m and int(m.group(1)) != year:
                    start = body.start + m.start(1)
                    yield Violation(start, start + 5, f"标题是{year}年度报告，正文首句却从{m.group(1)}年写起",
                                    help="核对年份：是否沿用了其他年度的报告", labels=label)
                    continue
            if not in_plan:
                yield from self._sentences(body, year, label)

    @staticmethod
    def _sentences(body: TextUnit, year: int, label) -> Iterable[Violation]:
        """Sentences of the review sections that state another year's totals: 2023年，全区共…"""
        text = body.text
        for m in _SENTENCE_YEAR.finditer(text):
            other = int(m.group("y"))
            if other in (year, year + 1):
                continue
            left, right = _sentence(text, m.start("y"), m.end())
            if _COMPARE_IN_SENTENCE.search(text, left, right) or not _FIGURE.search(text, m.end(), right):
                continue  # a comparison, or history without figures (2003年，时任…)
            start = body.start + m.start("y")
            yield Violation(start, start + 5, f"标题是{year}年度报告，这一句却报告{other}年的数据",
                            help="核对年份：是否沿用了其他年度的报告", labels=label)


RULES = (DocumentDateFormat, ChineseSignatureDate, DateAfterDocumentDate, ReportYearMismatch)
