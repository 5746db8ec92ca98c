"""Defect injectors for the quality benchmark.

Each injector takes a clean text and a seeded ``random.Random`` and returns one
:class:`Injection` — the text with ONE defect of its class put in at a recorded place — or
``None`` when the text offers no site for it. It declares the rule code(s) expected to
catch the defect; a hit is a diagnostic of one of those codes whose span overlaps one of
the injection's ``spans`` (offsets into the injected text).

Injectors prefer to damage something the text already has (a date, a ``第N次``, a heading
marker, a rate) so that the defect sits in real prose; the few that need a site no report
has (a breadcrumb, a duplicated title) insert one. They never touch protected spans (URLs,
decimals, times, document numbers, English) and skip sites where the untouched text
already draws a report from an expected code.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable

import regex

from gongwen.analysis.text import protected_spans

HAN = r"\p{Han}"
CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 as Chinese numerals (一, 十, 十一, 二十, 二十一)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")
    return head + (CN_DIGITS[ones] if ones else "") if n >= 10 else CN_DIGITS[n]


CN_VALUE = {cn_number(n): n for n in range(1, 100)}


@dataclass(frozen=True)
class Injection:
    text: str
    spans: tuple[tuple[int, int], ...]  # where a report counts as a hit (injected text)
    edit: tuple[int, int, int]  # (old_start, old_end, new_length): maps untouched offsets
    note: str  # what was done, for the per-class examples


@dataclass(frozen=True)
class Injector:
    name: str
    codes: tuple[str, ...]
    description: str
    fn: Callable[["Site", random.Random], Injection | None] = field(repr=False)

    def inject(self, site: "Site", rng: random.Random) -> Injection | None:
        return self.fn(site, rng)


class Site:
    """A clean text plus what injectors need to know about it, computed once."""

    def __init__(self, text: str, baseline: list[tuple[str, int, int]]) -> None:
        self.text = text
        self.baseline = baseline
        self._protected = protected_spans(text)
        self._paragraphs: list[tuple[int, int]] | None = None

    @property
    def paragraphs(self) -> list[tuple[int, int]]:
        if self._paragraphs is None:
            self._paragraphs = [m.span() for m in regex.finditer(r"[^\r\n]+", self.text)
                                if m.group().strip()]
        return self._paragraphs

    def is_free(self, start: int, end: int, codes: tuple[str, ...], margin: int = 12) -> bool:
        """Outside protected spans and away from what the untouched text already reports."""
        for a, b in self._protected:
            if a < end and start < b:
                return False
        return not any(code in codes and a < end + margin and start - margin < b
                       for code, a, b in self.baseline)

    def matches(self, pattern: str, codes: tuple[str, ...], group: int = 0) -> list:
        return [m for m in regex.finditer(pattern, self.text, regex.MULTILINE)
                if self.is_free(m.start(group), m.end(group), codes)]


def replace(site: Site, start: int, end: int, new: str, spans_rel: list[tuple[int, int]] | None = None,
            note: str = "") -> Injection:
    """Replace text[start:end] with new; spans_rel are relative to start (default: all of new)."""
    text = site.text[:start] + new + site.text[end:]
    rel = spans_rel or [(0, max(1, len(new)))]
    spans = tuple((start + a, start + b) for a, b in rel)
    return Injection(text, spans, (start, end, len(new)),
                     note or f"{site.text[start:end]!r} → {new!r}")


def pick(rng: random.Random, items: list):
    return items[rng.randrange(len(items))] if items else None


# --- dates -------------------------------------------------------------------------------
DATE = r"(?<![0-9])((?:19[5-9]|20[0-4])[0-9])年(1[0-2]|[1-9])月(3[01]|[12][0-9]|[1-9])日"


def compact_date(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    m = pick(rng, site.matches(DATE, codes))
    if not m:
        return None
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    new = f"{y}{mo:02d}{d:02d}" if rng.random() < 0.5 else f"{y}{mo}{d}"
    return replace(site, m.start(), m.end(), new)


def impossible_date(site: Site, rng: random.Random, codes=("DAT003",)) -> Injection | None:
    m = pick(rng, site.matches(DATE, codes))
    if not m:
        return None
    y = int(m.group(1))
    mo, d = pick(rng, [(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (13, 5)] +
                 ([(2, 29)] if y % 4 else []))
    return replace(site, m.start(), m.end(), f"{y}年{mo}月{d}日")


def bare_year(site: Site, rng: random.Random, codes=("DAT005",)) -> Injection | None:
    ms = site.matches(r"(?<![0-9])((?:19[5-9]|20[0-4])[0-9])年(?=[\p{Han}])(?![月度底初以前后来内中末间里起至至和、])",
                      codes)
    m = pick(rng, ms)
    if not m:
        return None
    return replace(site, m.start(), m.end(), m.group(1), [(0, 5)])


def two_digit_year(site: Site, rng: random.Random, codes=("DAT004",)) -> Injection | None:
    m = pick(rng, site.matches(r"(?<![0-9])20([0-4][0-9])年(?=(?:1[0-2]|[1-9])月)", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), f"{m.group(1)}年")


def year_zero(site: Site, rng: random.Random, codes=("NUM012",)) -> Injection | None:
    """A Chinese-numeral year whose zero is not 〇: damage one the text has, or else write
    an Arabic year with a zero (2024年) in Chinese numerals with a wrong zero."""
    wrong = pick(rng, ["○", "O", "零", "0"])
    m = pick(rng, site.matches(r"[一二]〇[〇一二三四五六七八九]{2}年", codes))
    if m:
        old = m.group()
        i = pick(rng, [k for k, ch in enumerate(old) if ch == "〇"])
        return replace(site, m.start(), m.end(), old[:i] + wrong + old[i + 1:])
    m = pick(rng, site.matches(r"(?<![0-9])(?=[0-9]{4}年)(?:19[5-9]0|19[0-9]{2}|20[0-4][0-9])(?=年)", codes))
    if not m or "0" not in m.group():
        return None
    cn = "".join(CN_DIGITS[int(d)] for d in m.group())
    i = m.group().index("0")
    return replace(site, m.start(), m.end(), cn[:i] + wrong + cn[i + 1:])


# --- compact dates at the positions where only a date can stand (issue 21) ----------------
# Each class damages a date the text already has at its position, or, where real reports rarely
# hold one (an effective-date clause, an event date, a deadline), inserts a sentence of the kind
# notices and reports write there. The compact form is 8 digits (20240305) or unpadded
# (202435, 2024315, 20241231): a 6-digit run is as likely as a 7- or 8-digit one.
SUBJECTS = ("全市营商环境大会", "区第十七届人民代表大会第五次会议", "政务服务一体化平台", "第三届数字经济论坛",
            "新建的市民服务中心", "全省乡村振兴工作推进会", "“一网通办”移动端", "专题培训班")
EVENT_VERBS = ("召开", "举行", "开幕", "正式上线", "隆重召开", "揭牌成立", "顺利举办", "开通运行")
PLACES = ("", "", "在北京", "在市会议中心", "在区行政中心")
INSTRUMENTS = ("办法", "规定", "实施细则", "暂行办法", "方案", "意见")
DEADLINE_CUES = ("须于", "请于", "应于", "最迟于", "务必在", "于")
DEADLINE_TASKS = ("完成整改", "报送自查报告", "将材料报区司法局", "办结全部信访事项")
SIGNERS = ("某某市人民政府", "某某区人民政府办公室", "某某县司法局")


def compact_form(rng: random.Random, y: int, mo: int, d: int) -> str:
    return f"{y}{mo:02d}{d:02d}" if rng.random() < 0.4 else f"{y}{mo}{d}"


def random_date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randrange(2012, 2025), rng.randrange(1, 13), rng.randrange(1, 29)


def insert_around(site: Site, at: int, before: str, compact: str, after: str, note: str) -> Injection:
    """Insert before + compact + after at ``at``; a hit must overlap the compact run."""
    return replace(site, at, at, before + compact + after, [(len(before), len(before) + len(compact))],
                   note=f"{note}: {before + compact + after!r}")


def sentence_ends(site: Site, codes: tuple[str, ...]) -> list[int]:
    """Positions right after a 。 that ends a paragraph's sentence, away from protected text."""
    return [m.end() for m in regex.finditer(r"(?<=\p{Han})。", site.text) if site.is_free(m.end(), m.end(), codes)]


def partly_compact_date(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """2024年3月5日 → 2024年35日 / 2024年0305日 / 2024.3月5日 / 202435日: 年 or 月 lost, the rest kept."""
    m = pick(rng, site.matches(DATE, codes))
    if not m:
        return None
    y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
    new = pick(rng, [f"{y}年{mo}{d}日", f"{y}年{mo:02d}{d:02d}日", f"{y}.{mo}月{d}日", f"{y}-{mo}月{d}日",
                     f"{y}{mo}{d}日"])
    return replace(site, m.start(), m.end(), new)


def compact_date_in_speech_line(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """——2025年1月14日在…会议上 → ——2025114在…会议上"""
    m = pick(rng, site.matches(r"^[ \t\u3000]*——" + DATE + r"(?=在)", codes))
    if not m:
        return None
    new = compact_form(rng, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return replace(site, m.start(1), m.end(3) + 1, new)


def effective_clause(rng: random.Random) -> tuple[str, str]:
    return f"本{pick(rng, list(INSTRUMENTS))}自", pick(rng, ["起施行。", "起实施。", "起执行。"])


def event_clause(rng: random.Random) -> tuple[str, str]:
    return f"{pick(rng, list(SUBJECTS))}于", f"{pick(rng, list(PLACES))}{pick(rng, list(EVENT_VERBS))}。"


def deadline_clause(rng: random.Random) -> tuple[str, str]:
    return (f"{pick(rng, ['各单位', '各乡镇（街道）', '相关部门'])}{pick(rng, list(DEADLINE_CUES))}",
            f"{pick(rng, ['前', '以前', '之前'])}{pick(rng, list(DEADLINE_TASKS))}。")


def sentence_with_date(site: Site, rng: random.Random, codes: tuple[str, ...], clause, written: str,
                       note: str) -> Injection | None:
    """A clause (before, after) around ``written``, inserted after a sentence of the text."""
    at = pick(rng, sentence_ends(site, codes))
    if at is None:
        return None
    before, after = clause(rng)
    return insert_around(site, at, before, written, after, note)


def compact_date_effective(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """本办法自202431起施行。 inserted after a sentence."""
    compact = compact_form(rng, *random_date(rng))
    return sentence_with_date(site, rng, codes, effective_clause, compact, "effective")


def compact_date_event(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """全市营商环境大会于201898召开。 inserted after a sentence."""
    return sentence_with_date(site, rng, codes, event_clause, compact_form(rng, *random_date(rng)), "event")


def compact_date_deadline(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """各单位须于202431前完成整改。 inserted after a sentence."""
    return sentence_with_date(site, rng, codes, deadline_clause, compact_form(rng, *random_date(rng)), "deadline")


def separator_date_in_slot(site: Site, rng: random.Random, codes=("DAT002",)) -> Injection | None:
    """本办法自2024.3.1起施行。 / …于2024/6/18召开。 / …须于2024-3-1前…: a house style's
    separator date where the sentence keeps a place for a date."""
    y, mo, d = random_date(rng)
    sep = pick(rng, [".", ".", "/", "-"])
    if sep == "-" and mo >= 10 and d >= 10:
        sep = "."  # 2022-11-17 is GB/T 7408's extended format, which GB/T 15835 allows
    written = f"{y}{sep}{mo}{sep}{d}"
    clause = pick(rng, [effective_clause, event_clause, deadline_clause])
    return sentence_with_date(site, rng, codes, clause, written, "separator")


def figure_paragraph_starts(site: Site, codes: tuple[str, ...]) -> list[int]:
    """Where paragraphs of prose that state figures begin (not headings, not 截至 already)."""
    return [a for a, b in site.paragraphs
            if regex.match(r"[\p{Han}]{2}", site.text[a:b]) and regex.search(r"[0-9]", site.text[a:b])
            and not regex.match(r"[一二三四五六七八九十]+、|截[至止]", site.text[a:b])
            and site.is_free(a, a + 1, codes)]


def compact_date_as_of(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """截至2024年底 … / a paragraph that states figures → 截至20241231，…"""
    at = pick(rng, figure_paragraph_starts(site, codes))
    if at is None:
        return None
    before = pick(rng, ["截至", "截止到", "截至"])
    return insert_around(site, at, before, compact_form(rng, *random_date(rng)), "，", "as-of")


def compact_date_sentence_opening(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """A paragraph that states figures → 202431，paragraph (a sentence that opens with its date)."""
    at = pick(rng, figure_paragraph_starts(site, codes))
    if at is None:
        return None
    return insert_around(site, at, "", compact_form(rng, *random_date(rng)), "，", "sentence-opening")


def compact_date_bracket(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """（2022年10月16日） alone under a title → （20221016）; else such a line inserted under it."""
    m = pick(rng, site.matches(r"^[ \t\u3000]*[（(]" + DATE + r"[）)][ \t\u3000]*$", codes))
    if m:
        return replace(site, m.start(1), m.end(3) + 1,
                       compact_form(rng, int(m.group(1)), int(m.group(2)), int(m.group(3))))
    span = title_line(site)
    if not span or not site.is_free(span[1], span[1], codes):
        return None
    return insert_around(site, span[1], "\n（", compact_form(rng, *random_date(rng)), "）", "bracket")


def compact_date_signature(site: Site, rng: random.Random, codes=("DAT001",)) -> Injection | None:
    """The 成文日期 under the 署名 → 202431; a text with none gets a 署名 block appended."""
    tail = max(0, len(site.text) - 400)
    m = pick(rng, [m for m in site.matches(r"^[ \t\u3000]*" + DATE + r"[ \t\u3000]*$", codes)
                   if m.start() >= tail])
    if m:
        return replace(site, m.start(1), m.end(3) + 1,
                       compact_form(rng, int(m.group(1)), int(m.group(2)), int(m.group(3))))
    end = len(site.text.rstrip())
    if not site.is_free(end, end, codes):
        return None
    return insert_around(site, end, f"\n\n{pick(rng, list(SIGNERS))}\n", compact_form(rng, *random_date(rng)),
                         "", "signature")


# --- numbers -----------------------------------------------------------------------------
def missing_ordinal(site: Site, rng: random.Random, codes=("TYP005",)) -> Injection | None:
    m = pick(rng, site.matches(r"第([一二三四五六七八九十百]+|[0-9]+)(次|届)", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), "第" + m.group(2))


def fullwidth_digit(site: Site, rng: random.Random, codes=("NUM001",)) -> Injection | None:
    m = pick(rng, site.matches(r"(?<=[\p{Han}])[0-9]{1,6}(?=[\p{Han}%])", codes))
    if not m or "１" in site.text or "２" in site.text:
        return None
    return replace(site, m.start(), m.end(), m.group().translate(str.maketrans("0123456789", "０１２３４５６７８９")))


RATES = "覆盖率|完成率|合格率|通过率|满意度|普及率|好评率|达标率|入学率|参保率|办结率|应诉率|知晓率|巩固率|执行率"


def rate_over_100(site: Site, rng: random.Random, codes=("NUM008",)) -> Injection | None:
    # Not a gross rate (毛入学率): it exceeds 100% by definition, so raising it is no defect.
    m = pick(rng, site.matches(rf"(?<!毛)(?:{RATES})[^0-9。；，\n]{{0,6}}?((?<![0-9.])[0-9]{{1,2}}(?:\.[0-9]+)?)%", codes, 1))
    if not m:
        return None
    value = rng.choice([f"{rng.randint(101, 180)}", f"{rng.randint(101, 130)}.{rng.randint(1, 9)}"])
    return replace(site, m.start(1), m.end(1), value, [(0, len(value) + 1)])


def arabic_qianbai(site: Site, rng: random.Random, codes=("NUM002",)) -> Injection | None:
    m = pick(rng, site.matches(r"(?<![0-9.,])([1-9])(000|00)(?=[人名个家户项所件次座])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), m.group(1) + ("千" if m.group(2) == "000" else "百"))


def double_fuzzy(site: Site, rng: random.Random, codes=("NUM004",)) -> Injection | None:
    m = pick(rng, site.matches(r"约(?<![大节制])[0-9]+(?:\.[0-9]+)?(?:万|亿)?[人名个家户元项所件次座吨](?![\p{Han}]{0,2}左右)", codes))
    if not m:
        return None
    new = m.group() + "左右"
    return replace(site, m.start(), m.end(), new)


# --- punctuation -------------------------------------------------------------------------
def halfwidth_punct(site: Site, rng: random.Random, codes=("PUN001",)) -> Injection | None:
    if site.text.count("，") < 20 * (site.text.count(",") + 1):
        return None  # only in a text whose regime is full-width
    m = pick(rng, site.matches(r"(?<=[\p{Han}])[，；：](?=[\p{Han}])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), {"，": ",", "；": ";", "：": ":"}[m.group()])


def dangling_pair(site: Site, rng: random.Random, codes=("PUN003",)) -> Injection | None:
    m = pick(rng, site.matches(r"([“《])([^“”《》\n]{2,30})([”》])", codes))
    if not m:
        return None
    if rng.random() < 0.6:  # lose the closing mark
        return replace(site, m.start(), m.end(), m.group(1) + m.group(2),
                       note=f"删去 {m.group(3)}：{m.group()}")
    return replace(site, m.start(), m.end(), m.group(2) + m.group(3), note=f"删去 {m.group(1)}：{m.group()}")


def stray_space(site: Site, rng: random.Random, codes=("PUN017",)) -> Injection | None:
    m = pick(rng, site.matches(r"(?<=[\p{Han}]{4})(?=[\p{Han}]{4})", codes)[::7])
    if not m:
        return None
    space = pick(rng, [" ", " ", "\u3000", "\xa0"])
    return replace(site, m.start(), m.start(), space)


def wrong_ellipsis(site: Site, rng: random.Random, codes=("PUN008",)) -> Injection | None:
    m = pick(rng, site.matches(r"……", codes))
    if m:
        new = pick(rng, ["。。。", "...", "…", "。。。。。。"])
        return replace(site, m.start(), m.end(), new)
    m = pick(rng, site.matches(r"(?<=、[\p{Han}]{2,8})等(?=[\p{Han}])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), "……等", [(0, 3)])


def stacked_marks(site: Site, rng: random.Random, codes=("PUN011",)) -> Injection | None:
    m = pick(rng, site.matches(r"(?<=[\p{Han}])[，。](?=[\p{Han}])", codes))
    if not m:
        return None
    new = m.group() + pick(rng, ["。", "，"]) if m.group() == "，" else "。。"
    return replace(site, m.start(), m.end(), new)


def quote_terminal(site: Site, rng: random.Random, codes=("PUN012",)) -> Injection | None:
    m = pick(rng, site.matches(r"[。！？]”(?![。！？])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), m.group() + "。")


def ordinal_punct(site: Site, rng: random.Random, codes=("PUN007",)) -> Injection | None:
    m = pick(rng, site.matches(r"^[ \t\u3000\xa0]*[（(][一二三四五六七八九十]{1,3}[）)](?=[\p{Han}])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), m.group() + "、", [(len(m.group()) - 1, len(m.group()) + 1)])


# --- structure ---------------------------------------------------------------------------
MARKER = r"^([ \t\u3000\xa0]*)({open})([一二三四五六七八九十]{{1,3}})({close})"
LEVELS = ((r"", r"、"), (r"[（(]", r"[）)]"))


def _siblings(site: Site, open_: str, close: str) -> list:
    return list(regex.finditer(MARKER.format(open=open_, close=close), site.text, regex.MULTILINE))


def heading_gap(site: Site, rng: random.Random, codes=("FMT001",)) -> Injection | None:
    options = []
    for open_, close in LEVELS:
        ms = _siblings(site, open_, close)
        for prev, cur in zip(ms, ms[1:]):
            a, b = CN_VALUE.get(prev.group(3)), CN_VALUE.get(cur.group(3))
            if a and b and b == a + 1 and b >= 2 and site.is_free(cur.start(3), cur.end(3), codes):
                options.append(cur)
    m = pick(rng, options)
    if not m:
        return None
    n = CN_VALUE[m.group(3)] + 1
    return replace(site, m.start(3), m.end(3), cn_number(n), [(-len(m.group(2)), len(cn_number(n)) + 1)])


def lost_heading_marker(site: Site, rng: random.Random, codes=("FMT001", "FMT004")) -> Injection | None:
    options = []
    for open_, close in LEVELS[1:]:
        ms = _siblings(site, open_, close)
        for prev, cur, nxt in zip(ms, ms[1:], ms[2:]):
            vals = [CN_VALUE.get(x.group(3)) for x in (prev, cur, nxt)]
            if None not in vals and vals[1] == vals[0] + 1 == vals[2] - 1 and \
                    site.is_free(cur.start(), nxt.end(), codes):
                options.append((cur, nxt))
    chosen = pick(rng, options)
    if not chosen:
        return None
    cur, nxt = chosen
    start, end = cur.start(2), cur.end(4)
    removed = end - start
    spans = [(0, 20), (nxt.start(2) - removed - start, nxt.end(4) - removed - start)]
    return replace(site, start, end, "", spans, note=f"删去标题序号 {site.text[start:end]}")


def enumerator_gap(site: Site, rng: random.Random, codes=("FMT005",)) -> Injection | None:
    options = []
    for a, b in site.paragraphs:
        para = site.text[a:b]
        if "一是" in para and "二是" in para:
            i = para.index("二是")
            if site.is_free(a + i, a + i + 2, codes):
                options.append(a + i)
    at = pick(rng, options)
    if at is None:
        return None
    return replace(site, at, at + 2, "三是")


_INVISIBLE = " \t\u3000\xa0\u200b\ufeff"


# What an official document's title ends with (a line broken out of a sentence does not).
_TITLE_END = r"(?:报告|决议|决定|意见|通知|通报|方案|规划|纲要|总结|情况|公报|讲话|说明|办法|规定|要点|计划|预算|决算)[）)]?$"


def title_line(site: Site) -> tuple[int, int] | None:
    """The report's title: the first non-blank line, if it reads like one (6–40 characters,
    no sentence punctuation inside, ends like a document title: 报告, 决议, 方案 …)."""
    for a, b in site.paragraphs[:2]:
        line = site.text[a:b].strip(_INVISIBLE)
        if not line:
            continue
        if 6 <= len(line) <= 40 and not regex.search(r"[。，；：！？:;,!?>]", line) \
                and regex.match(r"[\p{Han}0-9（(“《]", line) and regex.search(_TITLE_END, line):
            start = site.text.index(line, a)
            return start, start + len(line)
        return None
    return None


def title_trailing_punct(site: Site, rng: random.Random, codes=("PUN018",)) -> Injection | None:
    span = title_line(site)
    if not span:
        return None
    return replace(site, span[1], span[1], "。", [(-1, 1)])


def damaged_title(site: Site, rng: random.Random, codes=("FMT009",)) -> Injection | None:
    span = title_line(site)
    if not span or span[1] - span[0] < 10:
        return None
    title = site.text[span[0]:span[1]]
    k = rng.randrange(2, len(title) - 3)
    damaged = title[:k] + title[k + rng.choice([1, 2]):]
    new = "\n" + damaged
    return replace(site, span[1], span[1], new, [(1, len(new))],
                   note=f"在标题后加入缺字的标题行 {damaged!r}")


BREADCRUMBS = ("首页 > 政务公开 > 政府工作报告", "当前位置：首页 > 信息公开 > 规划计划",
               "首页>新闻中心>通知公告", "您的位置：首页 > 政府信息公开 > 法定主动公开内容")


def breadcrumb(site: Site, rng: random.Random, codes=("WEB004",)) -> Injection | None:
    line = pick(rng, list(BREADCRUMBS)) + "\n"
    return replace(site, 0, 0, line, [(0, len(line) - 1)])


# --- wording -----------------------------------------------------------------------------
DOUBLED_WORDS = ("推进", "落实", "加强", "完善", "深化", "提升", "健全", "推动", "建设", "坚持")


def doubled_word(site: Site, rng: random.Random, codes=("TYP002", "TYP001")) -> Injection | None:
    m = pick(rng, site.matches(rf"(?<=[\p{{Han}}])(?:{'|'.join(DOUBLED_WORDS)})(?=[\p{{Han}}])", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), m.group() * 2)


def doubled_char(site: Site, rng: random.Random, codes=("TYP001", "TYP002")) -> Injection | None:
    m = pick(rng, site.matches(r"(?<=[\p{Han}])(?<![的目])的(?=[\p{Han}])(?!的)", codes))
    if not m:
        return None
    return replace(site, m.start(), m.end(), "的的")


FORMULATIONS = (  # canonical → wrong (rule-catalog §7 rows marked read/secondary, and row 41)
    ("中华人民共和国", "中华人民共合国"),
    ("扫黑除恶", "扫黑险恶"),
    ("以习近平同志为核心的党中央", "以习近平总书记为核心的党中央"),
    ("党的二十大精神", "党的二十大会议精神"),
    ("铸牢中华民族共同体意识", "筑牢中华民族共同体意识"),
    ("共商国是", "共商国事"),
    ("国家权力机关", "国家权利机关"),
    ("习近平新时代中国特色社会主义思想", "习近平新时代特色社会主义思想"),
    ("全过程人民民主", "全过程民主"),
    ("秸秆", "秸杆"),
)


def broken_formulation(site: Site, rng: random.Random, codes=("TRM001", "TRM006")) -> Injection | None:
    options = [(m, wrong) for right, wrong in FORMULATIONS for m in site.matches(regex.escape(right), codes)]
    chosen = pick(rng, options)
    if not chosen:
        return None
    m, wrong = chosen
    return replace(site, m.start(), m.end(), wrong)


def truncated_institution(site: Site, rng: random.Random, codes=("TRM004",)) -> Injection | None:
    options = [(m, m.group()[1:]) for m in site.matches(r"(?<=[\p{Han}])[省市县区]委常委", codes)]
    options += [(m, "依法治") for m in site.matches(r"依法治[国省市县区](?!委员会|领导小组)", codes)]
    chosen = pick(rng, options)
    if not chosen:
        return None
    m, new = chosen
    return replace(site, m.start(), m.end(), new)


# --- figures that must agree (issue 14) ------------------------------------------------------
# Real reports rarely state a rate next to its counts or a growth rate next to both values, so
# two of these restate a real figure in that form, consistently, and then change one number of
# it; the share injector changes one share of a real partition. Each leaves the rest as it was.
# Figures are often decimals, which Site.matches protects from injectors that would split them;
# these rewrite whole numbers, so only the words they anchor on need to be free (_free_matches).
_PCT = r"((?<![0-9.])[0-9]{1,2}(?:\.[0-9])?)[%％](?!以上|以下|左右)"


def _free_matches(site: Site, pattern: str, codes: tuple[str, ...], group) -> list:
    """Matches whose ``group`` (a word, not a number) is outside protected spans and reports."""
    return [m for m in regex.finditer(pattern, site.text) if site.is_free(m.start(group), m.end(group), codes)]


def _fmt(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}"


def share_over_whole(site: Site, rng: random.Random, codes=("CON004",)) -> Injection | None:
    """Shares of one whole in one sentence (after 其中, three or more 占N%, or 分别占N%、M%) that
    add up to at most 100%: raise one so that they exceed 100% by 3–12 points."""
    sentence = r"[^。！？\n]*"
    pattern = (rf"{sentence}(?P<cue>其中{sentence}?占{_PCT}(?:{sentence}?占{_PCT})+"
               rf"|占{_PCT}(?:{sentence}?占{_PCT}){{2,}}|分别占[^0-9。]{{0,8}}{_PCT}(?:、{_PCT})+){sentence}")
    share = regex.compile(rf"(?:占(?:[^，,。；;0-9]{{0,12}}的)?(?:比重|比例)?(?:为|达)?|、){_PCT}")
    sites = []
    for m in regex.finditer(pattern, site.text):
        shares = list(share.finditer(site.text, m.start("cue"), m.end()))
        total = sum(float(s.group(1)) for s in shares)
        # the cue's first character (其, 占, 分) must be free; the shares are rewritten whole
        if len(shares) >= 2 and total <= 100 and site.is_free(m.start("cue"), m.start("cue") + 1, codes):
            sites.append((shares, total))
    if not sites:
        return None
    shares, total = pick(rng, sites)
    s = pick(rng, shares)
    old = s.group(1)
    decimals = len(old.split(".")[1]) if "." in old else 0
    new = _fmt(float(old) + 100 - total + rng.randint(3, 12), decimals)
    return replace(site, s.start(1), s.end(1), new, [(0, len(new) + 1)],
                   note=f"{old}% → {new}% (shares were {total:g}%)")


_GROWTH_SITE = (r"(?<![0-9.])([1-9][0-9]{1,4}(?:\.[0-9]{1,2})?)(亿元|万元|万人|万吨|元|人|个|家|所|件|万辆|万千瓦|"
                r"万户|万亩|公里)[，,、]\s*(?:比上年|同比|较上年)?(增长|下降)" + _PCT)


def growth_vs_values(site: Site, rng: random.Random, codes=("CON006",)) -> Injection | None:
    """B亿元，比上年增长p% → 由A亿元增长到B亿元，增长p'%: A from B and p, then p changed by 2–6 points."""
    m = pick(rng, [m for m in _free_matches(site, _GROWTH_SITE, codes, 3) if 1 <= float(m.group(4)) <= 60])
    if not m:
        return None
    b, unit, verb, p = m.group(1), m.group(2), m.group(3), float(m.group(4))
    decimals = len(b.split(".")[1]) if "." in b else 0
    a = float(b) / (1 + p / 100) if verb == "增长" else float(b) / (1 - p / 100)
    wrong = _fmt(p + rng.choice([-1, 1]) * rng.randint(2, 6) if p > 7 else p + rng.randint(2, 6), 1)
    new = f"由{_fmt(a, decimals)}{unit}{verb}到{b}{unit}，{verb}{wrong}%"
    at = len(new) - len(wrong) - 1
    return replace(site, m.start(), m.end(), new, [(at, len(new))],
                   note=f"{m.group()} → {new}")


_RATE_SITE = r"(办结|审结|结案|处置|化解|合格|完成|解决|达标|覆盖|普及|参保|通过|处理|利用|回收)率(?:为|达到|达)?" + _PCT


def rate_vs_counts(site: Site, rng: random.Random, codes=("CON005",)) -> Injection | None:
    """办结率98% → 受理a件，办结b件，办结率98%, with b/a two to six points off the rate."""
    m = pick(rng, [m for m in _free_matches(site, _RATE_SITE, codes, 1) if 60 <= float(m.group(2)) < 100])
    if not m:
        return None
    stem, rate = m.group(1), float(m.group(2))
    total = rng.randint(120, 4000)
    off = rng.randint(2, 6) * (1 if rate < 94 else -1)
    done = round(total * (rate + off) / 100)
    new = f"共{total}件，{stem}{done}件，{m.group()}"
    return replace(site, m.start(), m.end(), new, [(len(new) - len(m.group(2)) - 1, len(new))],
                   note=f"{m.group()} → {new}")


# A total and the parts listed after its 其中, of one unit, in one sentence (the total's own
# change may stand between): 共受理申请57件，其中自然人申请50件、法人或者其他组织申请7件;
# 进出口总额812.4亿元，比上年增长9.3%。其中，出口538.6亿元….
_AMOUNT = r"(?<![0-9.])[1-9][0-9]{0,5}(?:\.[0-9]{1,2})?"
_TOTAL_UNIT = r"(?P<unit>(?:万|亿)?(?:件|个|人次|人|名|家|所|项|户|起|条|篇|场|宗|元|吨|亩|千瓦|平方米|公里))"
_TOTAL_SITE = (rf"(?<=\p{{Han}})(?P<total>{_AMOUNT})" + _TOTAL_UNIT +
               r"(?:[，,]\s*(?:比上年末?|同比|较上年末?)?(?:增长|下降|增加|减少)[0-9.]+[%％]?[^，,。；;0-9]{0,3})?"
               r"[，,：:。]?\s*其中[，,：:]?(?P<body>[^。；;！？\n（(]{4,200})")


def _decimals(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _total_sites(site: Site, codes: tuple[str, ...]) -> list:
    """(match, parts) where the parts (same unit, not a change, not approximate) add up to at
    most the total, so the untouched sentence agrees."""
    found = []
    for m in _free_matches(site, _TOTAL_SITE, codes, "total"):
        unit = regex.escape(m.group("unit"))
        parts = [p for p in regex.finditer(rf"(?<=\p{{Han}})({_AMOUNT}){unit}(?![余多以])",
                                           site.text, pos=m.start("body"), endpos=m.end("body"))
                 if not regex.search(r"增|减|比|较|超过|新增", site.text[max(m.start("body"), p.start() - 6):p.start()])]
        before = site.text[max(0, m.start() - 12):m.start()]
        if regex.search(r"增|减|比|较|超", before.split("，")[-1]):
            continue  # 比上年增加1637亿元，…其中…: a change is no total of parts
        if parts and sum(float(p.group(1)) for p in parts) <= float(m.group("total")):
            found.append((m, parts))
    return found


def part_over_total(site: Site, rng: random.Random, codes=("CON002",)) -> Injection | None:
    """57件，其中A 50件、B 7件 → one part raised so that the parts exceed the total by 1–20%."""
    picked = pick(rng, _total_sites(site, codes))
    if not picked:
        return None
    m, parts = picked
    total = float(m.group("total"))
    part = pick(rng, parts)
    places = _decimals(part.group(1))
    step = 10 ** -places
    over = total - sum(float(p.group(1)) for p in parts) + max(step * 3, total * rng.uniform(0.02, 0.2))
    new = _fmt(float(part.group(1)) + over, places)
    start, end = part.start(1), part.end(1)
    text = site.text[:start] + new + site.text[end:]
    spans = ((start, start + len(new)), (m.start("total"), m.end("unit")))  # the part, or the total it is judged against
    return Injection(text, spans, (start, end, len(new)),
                     f"{part.group(1)} → {new} (parts of {m.group('total')} now exceed it)")


def total_under_parts(site: Site, rng: random.Random, codes=("CON002",)) -> Injection | None:
    """57件，其中A 50件、B 7件 → the total lowered below the sum of its parts."""
    sites = [(m, parts) for m, parts in _total_sites(site, codes) if sum(float(p.group(1)) for p in parts) >= 5]
    picked = pick(rng, sites)
    if not picked:
        return None
    m, parts = picked
    summed = sum(float(p.group(1)) for p in parts)
    places = _decimals(m.group("total"))
    new = _fmt(summed - max(3 * 10 ** -places, summed * rng.uniform(0.02, 0.2)), places)
    return replace(site, m.start("total"), m.end("total"), new, [(0, len(new) + len(m.group("unit")))],
                   note=f"{m.group('total')} → {new} (its parts add up to {summed:g})")


# 实体、热线、网络三大平台: a list of short items right before its count in Chinese numerals.
_LISTED_COUNT = (r"(?<=[，,。；;：:\n])(?P<list>[\p{Han}]{2,8}(?:、[\p{Han}]{2,8}){1,6})"
                 r"(?P<count>[两三四五六七八九])(?P<cls>大|项|种|类|方面)")


def count_vs_items(site: Site, rng: random.Random, codes=("CON003",)) -> Injection | None:
    """A、B、C三大X (the count agrees) → 两大/四大: the count one off the items listed."""
    sites = [m for m in _free_matches(site, _LISTED_COUNT, codes, "count")
             if m.group("list").count("、") + 1 == CN_VALUE[m.group("count").replace("两", "二")]
             and not regex.search(r"[0-9一二三四五六七八九十两第]", m.group("list"))]
    m = pick(rng, sites)
    if not m:
        return None
    n = CN_VALUE[m.group("count").replace("两", "二")]
    # after 等 the list may be incomplete: only a count below the items listed is wrong
    up = "等" not in m.group("list") and (n < 3 or rng.random() < 0.5)
    new = cn_number(n + 1) if up else ("两" if n == 3 else cn_number(n - 1))
    return replace(site, m.start("count"), m.end("count"), new, [(0, len(new) + len(m.group("cls")))],
                   note=f"{m.group()} → {new}{m.group('cls')} ({n} items listed)")


# 审结行政复议案件57件 in one paragraph: the same metric restated later with another value.
_METRIC_SITE = (r"(?<=[，,。；;\n])(?P<key>(?:全年)?[\p{Han}]{4,10}?)(?:达到|达|为|共)?"
                r"(?<![0-9.])(?P<value>[1-9][0-9]{1,4})(?P<unit>件|个|人|家|所|项|户|亿元|万元|万人|公里)(?=[，,。；;])")


_SENTENCE_STOP = regex.compile(r"[。！？\n]")


def _sentence_start(text: str, pos: int) -> int:
    stop = text.rfind("。", 0, pos), text.rfind("！", 0, pos), text.rfind("？", 0, pos), text.rfind("\n", 0, pos)
    return max(stop) + 1


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_STOP.search(text, pos)
    return m.end() if m else len(text)


def restated_figure(site: Site, rng: random.Random, codes=("CON001",)) -> Injection | None:
    """A figure of one paragraph stated again, with another value, at the end of a later
    paragraph: …审结行政复议案件57件… / …全年审结行政复议案件61件。"""
    # a sentence of results: no plan, target, other period or list of parts in it
    sites = [m for m in _free_matches(site, _METRIC_SITE, codes, "value")
             if not regex.search(r"增|减|比|较|累计|以来|均|每|占|其中|分别", m.group("key"))
             and not regex.search(r"年|月|季度|将|拟|要|计划|目标|力争|预计|预期|确保|争取|其中|分别|下一步",
                                  site.text[_sentence_start(site.text, m.start()):_sentence_end(site.text, m.end())])]
    m = pick(rng, sites)
    if not m:
        return None
    # a later paragraph of the same part of the report: before the next heading (a short line
    # that is no sentence), where a reader takes the figure for the same one
    later = []
    for a, b in site.paragraphs:
        if a <= m.end():
            continue
        line = site.text[a:b].strip()
        if len(line) <= 60 and not line.endswith(("。", "；")):
            break
        if line.endswith("。"):
            later.append(b)
    at = pick(rng, later[:8])
    if at is None:
        return None
    value = int(m.group("value"))
    changed = value + rng.choice([-1, 1]) * max(1, round(value * rng.uniform(0.05, 0.3)))
    clause = f"{m.group('key')}{changed}{m.group('unit')}。"
    text = site.text[:at] + clause + site.text[at:]
    start = at + len(m.group("key"))
    return Injection(text, ((start, start + len(str(changed)) + len(m.group("unit"))),), (at, at, len(clause)),
                     f"+ {clause} (first stated as {m.group('value')}{m.group('unit')})")


INJECTORS: tuple[Injector, ...] = tuple(Injector(n, c, d, f) for n, c, d, f in (
    ("compact-date", ("DAT001",), "2024年3月5日 → 20240305 / 202435", compact_date),
    ("partly-compact-date", ("DAT001",), "2024年3月5日 → 2024年35日 / 2024.3月5日 / 202435日", partly_compact_date),
    ("compact-date-speech-line", ("DAT001",), "——2025年1月14日在… → ——2025114在…", compact_date_in_speech_line),
    ("compact-date-effective", ("DAT001",), "+ 本办法自202431起施行。", compact_date_effective),
    ("compact-date-event", ("DAT001",), "+ …大会于201898(在X)召开/上线。", compact_date_event),
    ("compact-date-deadline", ("DAT001",), "+ 各单位须于202431前完成整改。", compact_date_deadline),
    ("compact-date-as-of", ("DAT001",), "paragraph → 截至20241231，paragraph", compact_date_as_of),
    ("compact-date-sentence-opening", ("DAT001",), "paragraph → 202431，paragraph", compact_date_sentence_opening),
    ("compact-date-bracket", ("DAT001",), "（2022年10月16日） under a title → （20221016）, or inserted",
     compact_date_bracket),
    ("compact-date-signature", ("DAT001",), "成文日期 → 202431, or a 署名 block appended", compact_date_signature),
    ("separator-date-in-slot", ("DAT002",), "+ 本办法自2024.3.1起施行。 / 于2024/6/18召开 / 于2024-3-1前",
     separator_date_in_slot),
    ("impossible-date", ("DAT003",), "a real date → 2月30日, 4月31日, 13月 …", impossible_date),
    ("bare-year", ("DAT005",), "2024年工作 → 2024工作", bare_year),
    ("two-digit-year", ("DAT004",), "2024年3月 → 24年3月", two_digit_year),
    ("year-zero", ("NUM012",), "二〇二四年 / 2024年 → 二O二四年 / 二○二四年 / 二零二四年", year_zero),
    ("missing-ordinal", ("TYP005",), "第十四届 / 第3次 → 第届 / 第次", missing_ordinal),
    ("fullwidth-digit", ("NUM001",), "ASCII digits in prose → full-width", fullwidth_digit),
    ("rate-over-100", ("NUM008",), "覆盖率达98% → 覆盖率达118%", rate_over_100),
    ("arabic-qian-bai", ("NUM002",), "3000人 → 3千人", arabic_qianbai),
    ("double-fuzzy", ("NUM004",), "约300人 → 约300人左右", double_fuzzy),
    ("halfwidth-punct", ("PUN001",), "，；： between Han → , ; :", halfwidth_punct),
    ("dangling-pair", ("PUN003",), "drop the closing (or opening) “ ” 《 》", dangling_pair),
    ("stray-space", ("PUN017",), "a space / U+3000 / NBSP between Han", stray_space),
    ("wrong-ellipsis", ("PUN008",), "…… → 。。。 / ... / …; 等 → ……等", wrong_ellipsis),
    ("stacked-marks", ("PUN011",), "， → ，。; 。 → 。。", stacked_marks),
    ("quote-terminal", ("PUN012",), "。” → 。”。", quote_terminal),
    ("ordinal-punct", ("PUN007",), "（一）强化 → （一）、强化", ordinal_punct),
    ("heading-gap", ("FMT001",), "renumber a heading 二、 → 三、 / （二） → （三）", heading_gap),
    ("lost-heading-marker", ("FMT001", "FMT004"), "delete a middle （N） marker", lost_heading_marker),
    ("enumerator-gap", ("FMT005",), "一是…二是 → 一是…三是", enumerator_gap),
    ("title-trailing-punct", ("PUN018",), "title line + 。", title_trailing_punct),
    ("damaged-title", ("FMT009",), "a copy of the title missing 1–2 characters", damaged_title),
    ("breadcrumb", ("WEB004",), "a web breadcrumb line at the top", breadcrumb),
    ("doubled-word", ("TYP002", "TYP001"), "推进 → 推进推进", doubled_word),
    ("doubled-char", ("TYP001", "TYP002"), "的 → 的的", doubled_char),
    ("broken-formulation", ("TRM001", "TRM006"), "铸牢中华民族共同体意识 → 筑牢…, 10 canonical phrases "
     "(TRM006: the rows the catalog only recalls)", broken_formulation),
    ("truncated-institution", ("TRM004",), "区委常委 → 委常委; 依法治区 → 依法治", truncated_institution),
    ("share-over-whole", ("CON004",), "其中A占45%，B占35%，C占20% → one share raised past 100%", share_over_whole),
    ("growth-vs-values", ("CON006",), "B亿元，比上年增长p% → 由A亿元增长到B亿元，增长p±4%", growth_vs_values),
    ("rate-vs-counts", ("CON005",), "办结率98% → 共a件，办结b件，办结率98% (b/a off by 2–6 points)", rate_vs_counts),
    ("part-over-total", ("CON002",), "57件，其中A 50件、B 7件 → one part raised past the total", part_over_total),
    ("total-under-parts", ("CON002",), "57件，其中A 50件、B 7件 → the total lowered below its parts", total_under_parts),
    ("count-vs-items", ("CON003",), "实体、热线、网络三大平台 → 两大/四大", count_vs_items),
    ("restated-figure", ("CON001",), "审结案件57件 … + 审结案件61件。 at the end of a later paragraph", restated_figure),
))


# --- missing and wrong characters (issue 19) ------------------------------------------------
# Sites come from the rules' own data (the protected phrases, OpenCC's table, the same-sound and
# same-shape characters): the benchmark measures whether what is protected is found when damaged.
EXTRA_CHARS = "的之和了是在有为以与及地"  # a stray character typed into a phrase


def _protected_sites(site: Site, codes: tuple[str, ...]) -> list:
    from gongwen.rules.protected import phrase_texts

    phrases = [t for kind, t in phrase_texts() if "#" not in t and len(t) >= 5]
    return [m for p in phrases for m in site.matches(regex.escape(p), codes)]


def _protected_edit(site: Site, rng: random.Random, codes: tuple[str, ...], edit) -> Injection | None:
    options = _protected_sites(site, codes)
    rng.shuffle(options)
    for m in options:
        phrase = m.group()
        k = 1 + rng.randrange(len(phrase) - 2)  # an interior character
        new = edit(phrase, k, rng)
        if new is not None and new != phrase:
            return replace(site, m.start(), m.end(), new, note=f"{phrase} → {new}")
    return None


def protected_dropped(site: Site, rng: random.Random, codes=("TRM007",)) -> Injection | None:
    return _protected_edit(site, rng, codes, lambda p, k, r: p[:k] + p[k + 1:])


def protected_dropped_last(site: Site, rng: random.Random, codes=("TRM007",)) -> Injection | None:
    """The last character of a protected phrase left out (…治理能力现代, 邓小平理): the slip of
    a sentence retyped or cut short, which the interior class above never makes. Where what is
    left is a shorter correct string or ends in a word of its own (全国人大常委, 科学发展),
    the rule must stay silent, so this class cannot reach 100%."""
    options = _protected_sites(site, codes)
    rng.shuffle(options)
    for m in options:
        phrase = m.group()
        return replace(site, m.start(), m.end(), phrase[:-1], note=f"{phrase} → {phrase[:-1]}")
    return None


def protected_extra(site: Site, rng: random.Random, codes=("TRM007",)) -> Injection | None:
    def insert(p: str, k: int, r: random.Random) -> str | None:
        c = EXTRA_CHARS[r.randrange(len(EXTRA_CHARS))]
        return None if c in (p[k - 1], p[k]) else p[:k] + c + p[k:]
    return _protected_edit(site, rng, codes, insert)


def protected_swapped(site: Site, rng: random.Random, codes=("TRM007",)) -> Injection | None:
    def swap(p: str, k: int, r: random.Random) -> str | None:
        k = min(k, len(p) - 3) if len(p) > 3 else k
        return None if p[k] == p[k + 1] else p[:k] + p[k + 1] + p[k] + p[k + 2:]
    return _protected_edit(site, rng, codes, swap)


def _similar_chars() -> dict[str, str]:
    from gongwen.analysis.char_model import confusable_chars

    return confusable_chars()


def protected_confusable(site: Site, rng: random.Random, codes=("TRM007",)) -> Injection | None:
    def substitute(p: str, k: int, r: random.Random) -> str | None:
        same = _similar_chars().get(p[k], "")
        return p[:k] + same[r.randrange(len(same))] + p[k + 1:] if same else None
    return _protected_edit(site, rng, codes, substitute)


def ordinary_confusable(site: Site, rng: random.Random, codes=("TYP013", "TYP014")) -> Injection | None:
    """A character of an ordinary two-character word (the segmentation dictionary's) replaced by
    one that sounds or looks like it (the input-method slip of 机制 → 机智). Any two characters
    would do no better: a window across two words (体公) is no word anyone would mistype."""
    return _confusable_in_word(site, rng, codes, lambda word: True)


def _confusable_in_word(site: Site, rng: random.Random, codes: tuple[str, ...], keep) -> Injection | None:
    """A character of a two-character dictionary word (one ``keep`` accepts) inside a run of Han
    characters, replaced by one that sounds or looks like it."""
    from gongwen.analysis.evidence import is_word

    similar = _similar_chars()
    options = [m for m in site.matches(r"(?<=\p{Han})\p{Han}{2}(?=\p{Han})", codes)
               if is_word(m.group()) and keep(m.group())]
    rng.shuffle(options)
    for m in options[:200]:
        k = rng.randrange(2)
        same = similar.get(m.group()[k], "")
        if same:
            at = m.start() + k
            new = same[rng.randrange(len(same))]
            return replace(site, at, at + 1, new, note=f"{m.group()} → {m.group()[:k] + new + m.group()[k + 1:]}")
    return None


def repeated_word_confusable(site: Site, rng: random.Random, codes=("TYP015",)) -> Injection | None:
    """A character of a two-character dictionary word that the text writes three times or more,
    replaced once by one that sounds or looks like it: a slip in the document's own term (机制
    ten times, 机智 once), which the other mentions give away."""
    return _confusable_in_word(site, rng, codes, lambda word: site.text.count(word) >= 3)


def traditional_char(site: Site, rng: random.Random, codes=("TYP010",)) -> Injection | None:
    """A simplified character replaced by its traditional form (OpenCC's table), as when a
    sentence is pasted from a traditional-character source."""
    from gongwen.rules.characters import script_tables

    traditional = script_tables()[0]
    to_traditional = {forms[0]: t for t, forms in traditional.items() if len(forms) == 1}
    options = [m for m in site.matches(r"\p{Han}", codes) if m.group() in to_traditional]
    m = pick(rng, options)
    if not m:
        return None
    return replace(site, m.start(), m.end(), to_traditional[m.group()])


INJECTORS = INJECTORS + tuple(Injector(n, c, d, f) for n, c, d, f in (
    ("protected-dropped", ("TRM007",), "an interior character of a protected phrase dropped", protected_dropped),
    ("protected-dropped-last", ("TRM007",), "the last character of a protected phrase dropped",
     protected_dropped_last),
    ("protected-extra", ("TRM007",), "a stray character typed inside a protected phrase", protected_extra),
    ("protected-swapped", ("TRM007",), "two adjacent characters of a protected phrase swapped", protected_swapped),
    ("protected-confusable", ("TRM007",), "a same-sound/same-shape character inside a protected phrase",
     protected_confusable),
    ("ordinary-confusable", ("TYP013", "TYP014"), "a same-sound/same-shape character in an ordinary word",
     ordinary_confusable),
    ("traditional-char", ("TYP010",), "a simplified character replaced by its traditional form", traditional_char),
    ("repeated-word-confusable", ("TYP015",), "a same-sound/same-shape character in a word the text writes 3+ times",
     repeated_word_confusable),
))


# --- tables and the disclosure report's tables (issue 14, items 3–4) ------------------------
# The corpus is prose: a table is inserted after a paragraph, agreeing in itself, then one
# figure is changed. Tables come as a spreadsheet's tab-separated copy or as Markdown pipes,
# the two ways tables reach plain text.
TABLE_ROWS = ("城关镇", "河口镇", "青石乡", "南山街道", "北湖街道", "东溪镇", "西岭乡")
TABLE_COLUMNS = ("新办企业", "个体工商户", "农民专业合作社", "分支机构")


def _table_lines(rows: list[list[str]], pipes: bool) -> list[str]:
    if not pipes:
        return ["\t".join(r) for r in rows]
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    return [lines[0], "|" + "---|" * len(rows[0]), *lines[1:]]


def _insert_table(site: Site, rng: random.Random, rows: list[list[str]], marked: list[tuple[int, int]],
                  codes: tuple[str, ...], note: str, heading: str = "") -> Injection | None:
    """Insert rows as a table after a free paragraph; ``marked`` (row, column) cells are
    where a report counts as a hit."""
    ends = [e for s, e in site.paragraphs if site.is_free(s, e, codes)]
    if not ends:
        return None
    at = pick(rng, ends)
    pipes = rng.random() < 0.5
    lines = _table_lines(rows, pipes)
    block = "\n" + (heading + "\n" if heading else "") + "\n".join(lines)
    spans = []
    offset = len("\n" + (heading + "\n" if heading else ""))
    for i, line in enumerate(lines):
        r = i - (1 if pipes and i >= 1 else 0)
        if pipes and i == 1:
            offset += len(line) + 1
            continue
        cells = line[2:-2].split(" | ") if pipes else line.split("\t")
        pos = offset + (2 if pipes else 0)
        for c, cell in enumerate(cells):
            if (r, c) in marked:
                spans.append((pos, pos + len(cell)))
            pos += len(cell) + (3 if pipes else 1)
        offset += len(line) + 1
    return replace(site, at, at, block, spans, note=note + ("（Markdown 表）" if pipes else "（制表符分列）"))


def _summed_table(rng: random.Random) -> list[list[int]]:
    n_rows, n_cols = rng.randint(3, 5), rng.randint(2, 3)
    body = [[rng.randint(3, 400) for _ in range(n_cols)] for _ in range(n_rows)]
    body = [r + [sum(r)] for r in body]
    return body + [[sum(col) for col in zip(*body)]]


def _labelled(rng: random.Random, body: list[list[int]]) -> list[list[str]]:
    names = rng.sample(TABLE_ROWS, len(body) - 1) + ["合计"]
    head = ["地区", *rng.sample(TABLE_COLUMNS, len(body[0]) - 1), "合计"]
    return [head] + [[n, *map(str, r)] for n, r in zip(names, body)]


def table_part(site: Site, rng: random.Random, codes=("CON008",)) -> Injection | None:
    """A table whose parts add up to its row and column totals, with one part changed."""
    body = _summed_table(rng)
    r, c = rng.randrange(len(body) - 1), rng.randrange(len(body[0]) - 1)
    old = body[r][c]
    body[r][c] = old + rng.choice([-1, 1]) * rng.randint(1, max(1, old // 3))
    rows = _labelled(rng, body)
    marked = [(r + 1, c + 1), (r + 1, len(body[0])), (len(body), c + 1)]
    return _insert_table(site, rng, rows, marked, codes, f"表格分项 {old} → {body[r][c]}")


def table_total(site: Site, rng: random.Random, codes=("CON008",)) -> Injection | None:
    """A table whose parts add up, with one of its totals (a row's or a column's) changed."""
    body = _summed_table(rng)
    if rng.random() < 0.5:
        r, c = rng.randrange(len(body)), len(body[0]) - 1
    else:
        r, c = len(body) - 1, rng.randrange(len(body[0]))
    old = body[r][c]
    body[r][c] = old + rng.choice([-1, 1]) * rng.randint(1, 9)
    return _insert_table(site, rng, _labelled(rng, body), [(r + 1, c + 1)], codes, f"表格合计 {old} → {body[r][c]}")


_APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_RESULTS = ("（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")


def disclosure_row(site: Site, rng: random.Random, codes=("CON007",)) -> Injection | None:
    """Table 三 of the disclosure report (flattened, as a spreadsheet copies it), balanced,
    then one row changed: one applicant cell with its row total, so the row still adds up
    and only the template's relations between rows can tell."""
    results = [[rng.randint(0, 30) for _ in range(6)] for _ in _RESULTS]
    total = [sum(col) for col in zip(*results)]
    carried_in = [rng.randint(0, 3) for _ in range(6)]
    carried_out = [rng.randint(0, min(3, t + ci)) for t, ci in zip(total, carried_in)]
    new = [t + co - ci for t, co, ci in zip(total, carried_out, carried_in)]
    if min(new) < 0:
        return None
    labelled = [("一、本年新收政府信息公开申请数量", "", new), ("二、上年结转政府信息公开申请数量", "", carried_in)]
    labelled += [("三、本年度办理结果" if i == 0 else "", name, v) for i, (name, v) in enumerate(zip(_RESULTS, results))]
    labelled += [("", "（七）总计", total), ("四、结转下年度继续办理", "", carried_out)]
    target = rng.randrange(len(labelled))
    col = rng.randrange(6)
    values = list(labelled[target][2])
    values[col] += rng.randint(1, 5)
    labelled[target] = (*labelled[target][:2], values)
    rows = [["", "", *_APPLICANTS]] + [[a, b, *map(str, [*v, sum(v)])] for a, b, v in labelled]
    name = labelled[target][0] or labelled[target][1]
    # the finding may point at the changed row, its total or the rows its relation joins
    marked = [(r, c) for r in range(1, len(rows)) for c in range(2, 9)]
    return _insert_table(site, rng, rows, marked, codes, f"表三“{name}”一行改动",
                         heading="三、收到和处理政府信息公开申请情况")


def disclosure_review_total(site: Site, rng: random.Random, codes=("CON007",)) -> Injection | None:
    """Table 四 of the disclosure report with one of its three 总计 cells off by 1–3."""
    groups = [[rng.randint(0, 4) for _ in range(4)] for _ in range(3)]
    data = [str(x) for g in groups for x in (*g, sum(g))]
    k = rng.randrange(3)
    data[5 * k + 4] = str(int(data[5 * k + 4]) + rng.randint(1, 3))
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议", "", "", "", "", "行政诉讼", *[""] * 9],
            [*results, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            ["", "", "", "", "", *results, *results],
            data]
    return _insert_table(site, rng, rows, [(3, 5 * k + 4)], codes, f"表四第{k + 1}个总计改动",
                         heading="四、政府信息公开行政复议、行政诉讼情况")


INJECTORS = INJECTORS + tuple(Injector(n, c, d, f) for n, c, d, f in (
    ("table-part", ("CON008",), "a table that adds up, inserted, with one part cell changed", table_part),
    ("table-total", ("CON008",), "a table that adds up, inserted, with one total cell changed", table_total),
    ("disclosure-row", ("CON007",), "disclosure table 三 inserted, one row changed (cell and row total)",
     disclosure_row),
    ("disclosure-review-total", ("CON007",), "disclosure table 四 inserted, one 总计 changed",
     disclosure_review_total),
))


# --- a number that lost its unit (issue 19, item 3) -------------------------------------------
# Units and classifiers official reports write after a count or an amount; 元 is dropped from
# 万元/亿元 (完成投资3.5亿，), the others whole (新建公路12，).
DROPPABLE_UNITS = ("公里", "千米", "平方公里", "公顷", "亩", "吨", "人次", "个", "件", "项", "家", "所",
                   "座", "条", "场", "名", "户", "处", "套", "台", "辆", "元")


def unit_dropped(site: Site, rng: random.Random, codes=("NUM015",)) -> Injection | None:
    """The unit after a number that ends its clause deleted (新建公路12公里， → 新建公路12，)."""
    units = "|".join(sorted(DROPPABLE_UNITS, key=len, reverse=True))
    m = pick(rng, site.matches(rf"(?<![0-9.０-９])[0-9]+(?:\.[0-9]+)?[万亿]?({units})(?=[，。；])", codes, 1))
    if not m:
        return None
    return replace(site, m.start(1), m.end(1), "", [(m.start() - m.start(1), 0)],
                   note=f"{m.group()} → {m.group()[:m.start(1) - m.start()]}")


INJECTORS = INJECTORS + (
    Injector("unit-dropped", ("NUM015",), "the unit after a number that ends its clause deleted", unit_dropped),
)
