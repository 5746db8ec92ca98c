"""Date rules on the calendar and the clock: a weekday that does not fall on its date, times of
day written the wrong way, and relative dates (今天, 明年) that archives cannot resolve."""
from __future__ import annotations

import calendar
from typing import Iterable


from gongwen.analysis import lazy_regex
from gongwen.diagnostic import Applicability, Edit, Fix, Label, Severity, Violation
from gongwen.analysis.dates import dates_in, four_digit_year, is_valid
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.analysis import lexicon
from gongwen.triggers import Adjacent


# A weekday written right after a date: （星期一） (周六) ，星期日 礼拜三.
_WEEKDAY = lazy_regex.compile(r"[\s\u3000\xa0]?[（(，,]?[\s\u3000\xa0]?(?P<w>(?:星期|礼拜|周)(?P<d>[一二三四五六日天]))[）)]?")
_WEEKDAY_NAMES = "一二三四五六日"


class WeekdayMismatch(Rule):
    """## What it does
    检查日期后写的星期与日历不符：`2025年1月27日（星期二）`（这一天是星期一）。
    只写月日的日期（`12月7日（周六）`）用同一段中前文最近的四位年份推算，段内没有年份时不检查。

    ## Why is this bad?
    日期和星期互相矛盾时，读者无从判断哪一个是对的；会议通知、活动安排中这类错误
    会直接导致误期。没有自动修复：可能错的是日期，也可能是星期。

    不检查农历日期、不存在的日期（由 DAT003 报告）和没有写星期的日期。

    ## Example
    ```text
    会议定于2025年1月27日（星期二）上午9:00召开。
    ```

    Use instead:
    ```text
    会议定于2025年1月27日（星期一）上午9:00召开。
    ```
    """

    code = "DAT006"
    name = "weekday-mismatch"
    severity = Severity.ERROR
    # Every finding is a weekday after a date (_WEEKDAY): 星期, 礼拜 or 周 right before the day's
    # name, a pair where 星礼周 woke the rule on 971 of the benchmark's 22,971 paragraphs, the pair
    # on 6.
    trigger_patterns = (Adjacent("期拜周", "一二三四五六日天"),)

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        dates = dates_in(ctx.document, unit)
        for i, date in enumerate(dates):
            if date.lunar or date.day is None or date.month is None:
                continue
            m = _WEEKDAY.match(text, date.end)
            if m is None:
                continue
            year = four_digit_year(date)
            if year is None and date.year is None:
                year = next((y for d in reversed(dates[:i]) if (y := four_digit_year(d)) and not d.lunar), None)
            if year is None or date.month.value is None or date.day.value is None \
                    or not is_valid(year, date.month.value, date.day.value):
                continue
            actual = _WEEKDAY_NAMES[calendar.weekday(year, date.month.value, date.day.value)]
            written = "日" if m.group("d") == "天" else m.group("d")
            if written == actual:
                continue
            prefix = m.group("w")[:-1]
            yield Violation(
                m.start("w"), m.end("w"),
                f"星期与日期不符：{year}年{date.month.value}月{date.day.value}日是{prefix}{actual}，不是{m.group('w')}",
                help="核对日期和星期，其中之一有误",
                labels=(Label(date.start, date.end, f"{prefix}{actual}"),),
            )


# A clock time written with a full-width colon: 8：30, 14：00:00. Ratios (比例尺1：500) are not times.
_FULLWIDTH_TIME = lazy_regex.compile(
    r"(?<![0-9０-９.．:：])(?P<h>[01]?[0-9]|2[0-4])(?P<c>：)(?P<m>[0-5][0-9])(?:：[0-5][0-9])?(?![0-9０-９.．:：%])")
_RATIO_BEFORE = lazy_regex.compile(r"(?:比例尺?|之比|比为|比分|比值|按|以|为)[\s\u3000\xa0]*$")
# A 12-hour marker before a 24-hour number: 下午15:30, 晚上20时.
_HALF_DAY_HOUR = lazy_regex.compile(
    r"(?P<mark>下午|午后|晚上|傍晚|夜间|夜里)(?P<h>1[3-9]|2[0-4])(?=[:：时点])")


class TimeFormat(Rule):
    """## What it does
    检查时刻的写法：时、分之间用了全角冒号（`8：30`，应为 `8:30`），以及 12 小时制的
    “下午”“晚上”后接 24 小时制的钟点（`下午15:30`、`晚上20时`）。

    ## Why is this bad?
    GB/T 15835 允许用“:”代替“时”“分”（GB/T 7408 的扩展格式），这里的“:”是半角冒号；
    全角冒号是中文标点，夹在数字之间不是时刻格式。`下午15:30` 把两种计时法混在一起，
    读者会怀疑是下午 3 点半还是写错了钟点。

    全角冒号改为半角的修复是安全的；“下午15:30”只提示（去掉“下午”或改为“下午3:30”由作者决定）。
    不检查比号 `1∶500`（U+2236）、`比例尺1：500` 这样的比例，也不检查已写作 `8:30`、
    `15时40分` 的时刻。

    ## Example
    ```text
    会议定于上午8：30在区政府三楼会议室召开，下午15:00结束。
    ```

    Use instead:
    ```text
    会议定于上午8:30在区政府三楼会议室召开，15:00结束。
    ```
    """

    code = "DAT010"
    name = "time-format"
    severity = Severity.WARNING
    fixable = True
    # A full-width time is an ASCII digit right before ： (_FULLWIDTH_TIME), a half-day hour a
    # mark ending in 午后上晚间里 right before the hour's 1 or 2 (_HALF_DAY_HOUR): two pairs, where
    # ：午晚夜 woke the rule on 1,982 of the benchmark's 22,971 paragraphs and the pairs on 15.
    trigger_patterns = (Adjacent("0123456789", "："), Adjacent("午后上晚间里", "12"))

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        text = unit.text
        # Every _FULLWIDTH_TIME match holds "：" (it starts with a lookbehind: tried at every
        # character), every _HALF_DAY_HOUR match 午, 晚 or 夜.
        times = _FULLWIDTH_TIME.finditer(text) if "：" in text else ()
        for m in times:
            if _RATIO_BEFORE.search(text, max(0, m.start() - 6), m.start()):
                continue
            new = m.group().replace("：", ":")
            yield Violation(
                m.start(), m.end(), f"时刻中的冒号应为半角“:”：{m.group()}",
                help=f"写作“{new}”或“{m.group('h')}时{m.group('m')}分”",
                fixes=(Fix((*(Edit(m.start() + i, m.start() + i + 1, ":") for i, ch in enumerate(m.group())
                              if ch == "："),), Applicability.SAFE, f"改为“{new}”"),),
            )
        if "午" not in text and "晚" not in text and "夜" not in text:
            return
        for m in _HALF_DAY_HOUR.finditer(text):
            hour = int(m.group("h"))
            yield Violation(
                m.start(), m.end(), f"12 小时制的“{m.group('mark')}”后接 24 小时制钟点：{m.group()}",
                help=f"写作“{hour}”点（去掉“{m.group('mark')}”）或“{m.group('mark')}{hour - 12}”点",
                fixes=(Fix.replace(m.start("mark"), m.end("mark"), "", f"去掉“{m.group('mark')}”",
                                   Applicability.DISPLAY_ONLY),
                       Fix.replace(m.start("h"), m.end("h"), str(hour - 12), f"改为“{m.group('mark')}{hour - 12}”",
                                   Applicability.DISPLAY_ONLY)),
            )


class RelativeDate(Rule):
    """## What it does
    提示用“今年”“去年”“明年”“上月”“近日”“日前”等相对说法表示的时间。默认不启用。

    ## Why is this bad?
    公文处理细则要求引用年月日时写明具体的年、月、日，不用“明年”“上月”等语：公文和
    年度报告要存档、上网公开，读者读到时“今年”已不是写作的那一年。这是提示（info），
    政府工作报告等讲话稿按惯例使用“今年”“去年”，所以默认关闭，需要时用
    `--select DAT009` 启用。

    不提示 `当年`、`全年`、`年度`，也不提示 `3月31日前` 中的“日前”、`三年前` 这类写法；
    日期后的“前”是期限的一部分，不与后面的“年”连读（`12月31日前年满70周岁`、`6月底前年度考核`）。

    ## Example
    ```text
    今年以来，全区共办理行政复议案件57件。
    ```

    Use instead:
    ```text
    2024年，全区共办理行政复议案件57件。
    ```
    """

    code = "DAT009"
    name = "relative-date"
    severity = Severity.INFO
    default_enabled = False

    def __init__(self, options=None) -> None:
        super().__init__(options)
        # Not after a numeral: 31日前 (a deadline), 三年前年 is not a word anyone writes. Nor
        # after a date's end (31日前年满70周岁, 3月底前年度考核): its 前 closes that deadline.
        self._words = lazy_regex.compile(
            r"(?<![0-9０-９〇零一二三四五六七八九十百千两几数多]|[0-9０-９〇零一二三四五六七八九十](?:[日月号]|[年月][底末]))"
            rf"(?:{lexicon.pattern('relative_date_words.txt')})")

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterable[Violation]:
        for m in self._words.finditer(unit.text):
            yield Violation(m.start(), m.end(), f"相对时间“{m.group()}”：存档、公开后读者无法确定具体时间",
                            help="写明具体的年、月、日，例如“2024年”“2025年1月”")


RULES = (WeekdayMismatch, TimeFormat, RelativeDate)
