"""Compact dates found by position (issue 21): the slots, the readings, the identifiers."""
from __future__ import annotations

import pytest
import regex
from support import FIXTURES

from gongwen import api
from gongwen.diagnostic import Applicability
from gongwen.document import Document
from gongwen.analysis.compact_dates import DateSlots, compact_date_readings, find_compact_dates


def _dat001(text: str):
    return api.make_linter({}, select=["DAT001"]).lint(Document(path="t.txt", text=text))


@pytest.mark.parametrize("text, slot", [
    ("——202431在区第五届人民代表大会第三次会议上", "speech-line"),
    ("本办法自202431起施行", "effective"),
    ("本办法从202431开始实施", "effective"),
    ("运动会于202431在体育中心举行", "event"),
    ("。202431县人民政府印发", "dated-act"),
    ("新系统于202431顺利上线", "event"),
    ("截至202431，全县", "as-of"),
    ("截止到202431，全县", "as-of"),
    ("务必于202431前完成", "time-phrase"),
    ("最迟202431以前", "time-phrase"),
    ("现场监测组开始工作，200488后停止监测", "time-phrase"),
    ("印发日期：202431", "date-label"),
    ("工作。202431，区政府召开会议", "sentence-opening"),
    ("江州日报　202663　第3版", "page-header"),
    ("（202431）", "bracket-line"),
    ("附件：关于做好防汛工作的通知（2024317）", "title-bracket"),
    ("雁峰区人民政府　　202431", "signature"),
])
def test_each_slot_is_recognised(text, slot):
    [date] = find_compact_dates(text)
    assert date.needs_slot
    assert DateSlots().slot(text, date.start, date.end, signature_block=True) == slot


@pytest.mark.parametrize("text", [
    "共有202431人参加，于是开会",        # a count: the unit, and 于 is not before it
    "编号202431于当日召开",              # a label names an identifier even in a slot
    "在202431个村开展",                  # 在 + number + unit
    "人口增加200488后达到",              # a number inside a clause, before 后
    "（202431）件",                      # a bracket in prose
    "项目名称　　202431",                # a table row: no 署名 before the run
    "特此报告。\n202431",                # a run under the body's last sentence, but not at the end
])
def test_no_slot_outside_the_frame(text):
    found = [d for d in find_compact_dates(text)
             if not d.needs_slot or DateSlots().slot(text, d.start, d.end, signature_block=False)]
    assert found == []


def test_readings_cover_both_splits_and_the_year_month():
    assert compact_date_readings("2025127") == [(2025, 1, 27), (2025, 12, 7)]
    assert compact_date_readings("200612") == [(2006, 1, 2), (2006, 12)]
    assert compact_date_readings("202401") == [(2024, 1)]  # 2024年0月1日 is no date
    assert compact_date_readings("202432") == [(2024, 3, 2)]
    assert compact_date_readings("2025999") == []


def test_every_reading_of_an_ambiguous_run_is_a_display_only_fix():
    [found] = _dat001("大会于2025127召开。")
    assert [f.edits[0].content for f in found.fixes] == ["2025年1月27日", "2025年12月7日"]
    assert {f.applicability for f in found.fixes} == {Applicability.DISPLAY_ONLY}


def test_a_six_digit_run_alone_on_a_line_is_a_date_under_a_signer_or_ending_the_body():
    body = "\n".join(f"第{i}段正文。" for i in range(8))
    assert _dat001(f"标题\n202431\n{body}") == []  # a table cell, say
    assert _dat001(f"{body}\n指标\n数量\n202431") == []  # a table at the end of a bulletin
    assert len(_dat001(f"标题\n{body}\n某某局\n202431")) == 1
    assert len(_dat001(f"标题\n某某局\n202431\n{body}")) == 1  # a 署名 above, then an attachment
    assert len(_dat001(f"标题\n{body}\n特此报告。\n202431")) == 1


GENRES = sorted((FIXTURES / "genres" / "dates").glob("*.txt"))
DATE_CODES = ["DAT001", "DAT002", "DAT012", "DAT003", "DAT004", "DAT005", "DAT006", "DAT007", "DAT008", "DAT010",
              "DAT011", "NUM012", "NUM013"]
_FULL_DATE = regex.compile(r"(?<![0-9])((?:19|20)[0-9]{2})年(1[0-2]|[1-9])月(3[01]|[12][0-9]|[1-9])日")


def test_genre_texts_hold_dates_in_every_position():
    """A regulation, a notice, a news item and a speech line, written for these tests."""
    assert [p.name for p in GENRES] == ["news.txt", "notice.txt", "regulation.txt", "speech.txt"]
    assert sum(len(_FULL_DATE.findall(p.read_text(encoding="utf-8"))) for p in GENRES) >= 12


@pytest.mark.parametrize("path", GENRES, ids=lambda p: p.stem)
def test_untouched_genre_texts_raise_no_date_finding(path):
    text = path.read_text(encoding="utf-8")
    found = api.make_linter({}, select=DATE_CODES).lint(Document(path=path.name, text=text))
    assert [(d.code, d.matched) for d in found] == []


@pytest.mark.parametrize("path", GENRES, ids=lambda p: p.stem)
def test_every_date_of_a_genre_text_written_compact_is_found(path):
    """Each full date, wherever the text has it (施行 clause, adoption note, range start, event,
    deadline, speech line, signature), written as 8 digits, unpadded or 年 + digits + 日."""
    text = path.read_text(encoding="utf-8")
    missed = []
    for m in _FULL_DATE.finditer(text):
        y, mo, d = m.group(1), int(m.group(2)), int(m.group(3))
        for compact in {f"{y}{mo:02d}{d:02d}", f"{y}{mo}{d}", f"{y}年{mo}{d}日"}:
            damaged = text[:m.start()] + compact + text[m.end():]
            if not any(f.start == m.start() and f.end == m.start() + len(compact) for f in _dat001(damaged)):
                missed.append(damaged[max(0, m.start() - 12):m.start() + len(compact) + 6])
    assert missed == []


def test_a_house_style_that_allows_dotted_dates_in_prose_turns_them_off():
    text = "本办法自2024.3.1起施行。\n某某局\n2025.1.27"
    default = api.make_linter({}, select=["DAT002"]).lint(Document(path="t.txt", text=text))
    relaxed = api.make_linter({"rules": {"DAT002": {"separator-dates-in-prose": False}}},
                              select=["DAT002"]).lint(Document(path="t.txt", text=text))
    assert [d.matched for d in default] == ["2024.3.1", "2025.1.27"]
    assert [d.matched for d in relaxed] == ["2025.1.27"]  # the 成文日期 is GB/T 9704's, not a house style's
