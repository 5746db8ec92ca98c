"""The document outline (gongwen.analysis.outline) on the layouts official texts use."""
from __future__ import annotations

import random

from support import SEED, random_texts

from gongwen.analysis import outline as outline_module
from gongwen.analysis.outline import outline, plan_heading_reason, title_year
from gongwen.analysis.text import BLANKS
from gongwen.document import Document


def _doc(*lines: str) -> Document:
    return Document(path="t.txt", text="\n".join(lines) + "\n")


def _levels(doc: Document) -> list[tuple[int, str, int]]:
    return [(h.unit, h.kind, h.value) for h in outline(doc).headings]


WORK_REPORT = _doc(
    "衡阳市雁峰区2024年度法治政府建设情况报告",                       # 0
    "2024年，区政府坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。",  # 1
    "一、2024年工作情况",                                            # 2
    "（一）强化组织领导。全年召开政府常务会议专题研究法治工作12次。",   # 3
    "（二）推进依法决策。重大行政决策全部经过合法性审查。",             # 4
    "二、存在的问题",                                                # 5
    "个别单位对法治建设重视不够。",                                  # 6
    "三、2025年工作安排",                                            # 7
    "（一）加强学习培训。",                                          # 8
    "雁峰区人民政府",                                                # 9
    "2025年1月27日",                                                 # 10
    "附件",                                                          # 11
    "2024年度行政复议案件统计表",                                    # 12
)


def test_work_report_title_year_signature_and_headings():
    o = outline(WORK_REPORT)
    assert o.title is WORK_REPORT.units[0] and o.report_year == 2024
    sig_unit, sig_date = o.signature
    assert sig_unit.index == 10 and (sig_date.year.value, sig_date.month.value, sig_date.day.value) == (2025, 1, 27)
    assert _levels(WORK_REPORT) == [(2, "l1", 1), (3, "l2", 1), (4, "l2", 2), (5, "l1", 2), (7, "l1", 3),
                                    (8, "l2", 1)]


def test_work_report_sections_review_plan_signature_attachment():
    o = outline(WORK_REPORT)
    sections = [o.section(u) for u in WORK_REPORT.units]
    assert sections == ["review"] * 7 + ["plan"] * 2 + ["signature"] * 2 + ["attachment"] * 2
    # The part a unit's top-level heading gives it, whatever comes after the 落款.
    assert o.part(WORK_REPORT.units[8]) == "plan" and o.part(WORK_REPORT.units[6]) == "review"


def test_plan_heading_reason_names_the_word():
    assert plan_heading_reason("三、2025年工作安排") == "安排"
    assert plan_heading_reason("二、下一步工作打算") == "下一步"  # the first plan word
    assert plan_heading_reason("二、存在的问题") is None
    assert plan_heading_reason("（三）2025年工作安排") is None  # only a top-level heading opens a part
    assert plan_heading_reason("做好明年的工作安排。") is None  # no heading at all


NOTICE = _doc(
    "关于做好2025年元旦春节期间有关工作的通知",   # 0
    "各乡镇人民政府，区直各单位：",              # 1
    "现将有关事项通知如下：",                    # 2
    "一、加强值班值守",                          # 3
    "二、做好安全生产",                          # 4
    "附件：1.值班表",                            # 5
    "2.联系人名单",                              # 6
    "雁峰区人民政府办公室",                      # 7
    "2024年12月25日",                            # 8
)


def test_notice_has_no_title_year_and_its_attachment_note_is_body():
    o = outline(NOTICE)
    assert o.title is None  # a notice is not titled for a year
    # Its year is the one it names most; a tie (2025 in the title, 2024 in the 落款) goes to
    # the first named, the title's.
    assert o.report_year == 2025
    assert o.signature[0].index == 8
    assert o.scopes[2] == "intro" and o.scopes[5] == "intro"
    assert _levels(NOTICE) == [(3, "l1", 1), (4, "l1", 2), (5, "l3", 1), (6, "l3", 2)]
    # 附件：1.… before the 落款 is the 附件说明, part of the body, not the attachment itself.
    assert [o.section(u) for u in NOTICE.units] == ["review"] * 7 + ["signature"] * 2


def test_signature_starts_at_the_signer_only_when_the_line_above_is_one():
    doc = _doc("一、工作安排", "下一步，我们将继续推进法治建设。", "2025年1月27日")
    o = outline(doc)
    assert o.signature[0].index == 2 and o.section(doc.units[1]) == "plan"  # a sentence, not a 署名


REGULATION = _doc(
    "雁峰区行政规范性文件管理办法",                                  # 0
    "第一章　总则",                                                  # 1
    "第一条　为了规范行政规范性文件管理，根据有关规定，制定本办法。",   # 2
    "第二条　本办法适用于区人民政府及其工作部门。",                    # 3
    "第二章　制定程序",                                              # 4
    "第三条　起草单位应当做好下列工作：",                            # 5
    "（一）开展调查研究；",                                          # 6
    "（二）征求公众意见。",                                          # 7
)


def test_regulation_chapters_open_parts_and_articles_are_not_headings():
    o = outline(REGULATION)
    assert o.scopes[1] == "part" and o.scopes[4] == "part" and o.scopes[5] == "intro"
    assert 2 not in o.scopes and 3 not in o.scopes  # 第一条 is an article, not a heading
    assert _levels(REGULATION) == [(6, "l2", 1), (7, "l2", 2)]
    assert o.signature is None and o.report_year is None


EMERGENCY_PLAN = _doc(
    "雁峰区突发事件总体应急预案",                      # 0
    "1 总则",                                          # 1
    "1.1 编制目的",                                    # 2
    "为了提高政府应对突发事件的能力，制定本预案。",      # 3
    "1.2 编制依据",                                    # 4
    "2 组织体系",                                      # 5
    "2.1 领导机构",                                    # 6
    "（1）区应急委员会负责统一领导；",                  # 7
    "（2）各专项指挥部负责具体处置。",                  # 8
    "2.1.1 应急委员会办公室",                          # 9
    "（1）承担日常工作。",                              # 10
)


def test_emergency_plan_decimal_sections_restart_their_lists():
    o = outline(EMERGENCY_PLAN)
    assert [i for i, kind in sorted(o.scopes.items()) if kind == "part"] == [2, 4, 6, 9]
    assert o.scopes[1] == "title" and o.scopes[5] == "title"  # 1 总则: an unnumbered-looking line
    assert _levels(EMERGENCY_PLAN) == [(7, "l4", 1), (8, "l4", 2), (10, "l4", 1)]


DISCLOSURE = _doc(
    "雁峰区人民政府2024年政府信息公开工作年度报告",                   # 0
    "本报告依据《中华人民共和国政府信息公开条例》编制。",             # 1
    "一、总体情况",                                                  # 2
    "2024年，区政府认真贯彻落实政府信息公开条例，主动公开信息1520条。",  # 3
    "二、主动公开政府信息情况",                                      # 4
    "三、收到和处理政府信息公开申请情况",                            # 5
    "四、存在的主要问题及改进情况",                                  # 6
    "五、其他需要报告的事项",                                        # 7
)


def test_disclosure_report_is_all_review():
    o = outline(DISCLOSURE)
    assert o.report_year == 2024 and o.title.index == 0
    assert [h.value for h in o.headings] == [1, 2, 3, 4, 5]
    assert {o.section(u) for u in DISCLOSURE.units} == {"review"}


def test_title_year_skips_government_work_reports_and_year_spans():
    # 政府工作报告 is named for the year of the meeting and reviews the year before.
    assert title_year(_doc("2025年政府工作报告", "各位代表：")) is None
    # The end of a span of years is not the year reported on; the first year of it is no year
    # of a title either.
    assert title_year(_doc("雁峰区2021—2025年法治建设工作总结", "正文。")) is None
    assert title_year(_doc("雁峰区2024年度工作总结", "正文。"))[1] == 2024
    # A long first line is body text: no title.
    assert title_year(_doc("2024年度" + "正文" * 40)) is None


def test_outline_is_computed_once_per_document():
    doc = _doc(*DISCLOSURE.text.splitlines())
    assert outline(doc) is outline(doc)


# FMT001: a list introduction (以下/如下 near the end) is searched for only in the last characters.
def _intro_texts() -> list[str]:
    rnd = random.Random("intro")
    texts = SEED.read_text(encoding="utf-8").splitlines()
    texts += ["".join(rnd.choice(["以下", "如下", "以", "如", "下", "。", "，", "\n", "有", "几点", " "])
                      for _ in range(rnd.randint(0, 14))) for _ in range(30_000)]
    return texts


def _intro_reach_holds(reach: int) -> bool:
    return all(bool(outline_module._INTRO_END.search(t)) == bool(outline_module._INTRO_END.search(t, max(0, len(t) - reach)))
               for t in _intro_texts())


def test_intro_end_is_found_in_the_last_characters():
    assert _intro_reach_holds(outline_module._INTRO_END_REACH)


def test_a_reach_too_short_is_caught():
    assert not _intro_reach_holds(outline_module._INTRO_END_REACH - 1)
    assert outline_module._INTRO_END.search("以下有十二三四五六\n") and not outline_module._INTRO_END.search("以下有十二三四五六\n", 1)


# The heading scan runs its patterns only on paragraphs whose first character can open one.
def test_structure_gates_hold():
    """FMT001's scan runs _MARKER only on a paragraph whose first non-blank character can open
    one, and _PART/_ENUMERATED/_INTRO_END only when 第 opens it or 下 is in it."""
    alphabet = " \t\u3000\xa0一二十（()）0123456789.．、第部分章以如下：:，,。\u2474\u2487项"
    for text in random_texts(alphabet, "structure"):
        body = text.strip(BLANKS)
        if outline_module._MARKER.match(text):
            assert body[:1] in outline_module._MARKER_FIRST, text
        if outline_module._PART.match(text) or outline_module._ENUMERATED.match(text):
            assert body[:1] == "第", text
        if outline_module._INTRO_END.search(body):
            assert "下" in body, text


def test_a_structure_gate_too_narrow_is_caught():
    """The check above can fail: a first-character set without the circled numbers misses ⑴."""
    narrow = outline_module._MARKER_FIRST - {"\u2474"}
    alphabet = " \u3000一（）1.、\u2474项"
    assert any(outline_module._MARKER.match(t) and t.strip(BLANKS)[:1] not in narrow
               for t in random_texts(alphabet, "structure", 2_000))


def test_part_opener_reason_is_a_plan_word_or_a_year_in_a_heading_line():
    from gongwen.analysis.outline import part_opener_reason

    assert part_opener_reason("二、2025年目标任务") == "目标任务"  # the plan word before the year
    assert part_opener_reason("一、2024年工作情况") == "2024年"  # a heading naming a year
    assert part_opener_reason("2024年工作回顾") == "2024年"  # unnumbered headings open parts too
    assert part_opener_reason("全年审结行政复议案件57件，比2023年增加5件。") is None  # a sentence
    assert part_opener_reason("二、存在的问题") is None  # neither a plan nor another period
    long_line = "一、2024年" + "持续推进法治政府建设，" * 6
    assert part_opener_reason(long_line) is None  # a paragraph, not a heading


def test_part_number_counts_the_parts_of_a_work_report():
    o = outline(WORK_REPORT)
    numbers = [o.part_number(u) for u in WORK_REPORT.units]
    # title (names 2024年度) | preface | 一、2024年工作情况 … 二、存在的问题 | 三、2025年工作安排 …
    # the 落款's date line names a year: the signature is a part of its own; the attachment's
    # statistics table title names its year.
    assert numbers == [1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5]


def test_part_number_turns_when_a_top_heading_leaves_the_plan():
    doc = _doc("一、下一步工作打算", "加大投入。", "二、存在的问题", "个别单位重视不够。")
    o = outline(doc)
    assert [o.part(u) for u in doc.units] == ["plan", "plan", "review", "review"]
    assert [o.part_number(u) for u in doc.units] == [1, 1, 2, 2]


# --- the report year and the written year: one rule each, on layouts of their own ---------

def test_report_year_of_a_work_report_is_its_title_year():
    from gongwen.analysis.outline import report_year

    assert report_year(WORK_REPORT) == (2024, "title")  # although the 落款 says 2025


def test_report_year_of_a_government_work_report_is_the_year_before_its_date():
    from gongwen.analysis.outline import report_year

    # Named for the meeting's year: its 本年 is the year it reviews, the one before its date.
    doc = _doc("政府工作报告", "——2025年1月14日在市第十六届人民代表大会第三次会议上",
               "过去一年，全市地区生产总值增长5.2%。", "2025年，我们将继续推进改革。",
               "2025年重点抓好以下工作。", "市人民政府", "2025年1月14日")
    assert report_year(doc) == (2024, "date-1")


def test_report_year_of_a_notice_is_the_year_it_names_most():
    from gongwen.analysis.outline import report_year

    # A notice speaks of its own year's tasks; it reviews nothing, so no year is taken off.
    doc = _doc("关于做好2025年防汛工作的通知", "各乡镇人民政府：", "2025年汛期将至，2024年的经验表明……",
               "请于2025年5月1日前报送方案。", "县人民政府办公室", "2025年4月2日")
    assert report_year(doc) == (2025, "most-named")


def test_report_year_of_a_statistical_bulletin_is_its_title_year():
    from gongwen.analysis.outline import report_year

    doc = _doc("某市2024年国民经济和社会发展统计公报", "2024年，全市地区生产总值比上年增长5.0%。",
               "2023年为4.8%。")
    assert report_year(doc)[1] in ("title", "most-named") and report_year(doc)[0] == 2024


def test_report_year_of_a_disclosure_report_is_its_title_year():
    from gongwen.analysis.outline import report_year

    doc = _doc("某县2024年政府信息公开工作年度报告", "本报告根据《中华人民共和国政府信息公开条例》编制。",
               "某县人民政府办公室", "2025年1月20日")
    assert report_year(doc) == (2024, "title")


def test_web_page_years_come_from_its_metadata():
    from datetime import date

    from gongwen.analysis.outline import report_year, written_year
    from gongwen.document import PageInfo

    # The article has no 落款: the page's 成文日期 dates it, and dates the review it gives.
    doc = Document(path="p.html", text="政府工作报告\n过去一年，全区完成固定资产投资120亿元。\n",
                   page=PageInfo(title="2025年区政府工作报告", written=date(2025, 1, 20)))
    assert written_year(doc) == 2025
    assert report_year(doc) == (2024, "date-1")


def test_written_year_without_page_metadata_is_the_first_year_named():
    from gongwen.analysis.outline import written_year

    assert written_year(_doc("二〇二四年度工作总结", "2025年1月5日")) == 2024  # Chinese digits count
    assert written_year(_doc("关于加强管理的通知", "请遵照执行。")) is None
