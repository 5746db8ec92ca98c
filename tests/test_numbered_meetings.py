"""TYP022's numbered sessions (rules/numbered_meetings.py): a session is written number,
counter, meeting word; one that lost its counter or a character of its meeting word is found
whatever the number, and the short forms official writing uses there are not. Also the short
forms of a congress's name before a session number (cut_names._short_form_at_gap)."""
from __future__ import annotations

from gongwen import api
from gongwen.document import Document
from gongwen.rules.numbered_meetings import numbered_meeting_gaps


def _found(text: str) -> list[tuple[str, str]]:
    linter = api.make_linter({}, select=["TYP022"], preview=True)
    return [(text[d.start:d.end], d.fixes[0].edits[0].content if d.fixes else "")
            for d in linter.lint(Document(path="t.txt", text=text)) if d.code == "TYP022"]


def test_a_number_run_straight_into_a_meeting_word_lost_its_counter():
    assert [w for _, _, w in numbered_meeting_gaps("经区政府第17常务会议研究同意。")] == ["17次"]
    assert [w for _, _, w in numbered_meeting_gaps("市委九届六全会作出部署。")] == ["六次"]
    assert [w for _, _, w in numbered_meeting_gaps("在市人大四会议上。")] == ["四次"]
    # a room or a venue is no session; a plenum's 中 and a counter are no cut
    for text in ("在第二会议室召开。", "在第一会议厅举行。", "党的十九届六中全会", "市政协九届四次会议",
                 "第二届全国人民代表大会", "同一会议上"):
        assert list(numbered_meeting_gaps(text)) == [], text


def test_a_meeting_word_after_the_counter_less_a_character():
    assert [w for _, _, w in numbered_meeting_gaps("县委常委会第7次议决定。")] == ["会议"]
    assert [w for _, _, w in numbered_meeting_gaps("主任第三次任会议研究。")] == ["主任会议"]
    assert [w for _, _, w in numbered_meeting_gaps("市委理论学习中心组第五次集学习。")] == ["集体学习"]
    # the short forms written after a counter, the whole word, a word running on, another word
    for text in ("县政府第12次常务会研究同意。", "在第三次会上。", "第五次全体会议", "第三次议题是",
                 "第二次全国污染源普查", "第六次集体学习", "第四次常委会议"):
        assert list(numbered_meeting_gaps(text)) == [], text


def test_a_meeting_word_left_at_its_first_character():
    """会 alone is no short form of 会议 after a counter (954 of 954 次会 in the tuning half and the
    statutes go on with 议), nor 全 of 全会; a dictionary word running on from either reads it."""
    assert [w for _, _, w in numbered_meeting_gaps("市政协九届二次会隆重开幕。")] == ["会议"]
    assert [w for _, _, w in numbered_meeting_gaps("镇人大第五次会选举了镇长。")] == ["会议"]
    assert [w for _, _, w in numbered_meeting_gaps("区委六届三次全通过了决议。")] == ["全会"]
    for text in ("召开第四次会商会议。", "第二次会诊后确定方案。", "第五次会员代表大会", "第六次全省人口普查",
                 "第七次全区经济普查", "第二次会谈取得成果", "在第八次会上发言", "九届二次全委会",
                 "第五届人民代表大会第二次会議上"):  # 議: the character written in the traditional script
        assert list(numbered_meeting_gaps(text)) == [], text


def test_the_rule_reports_the_session_with_its_fix():
    assert _found("经区政府第17常务会议研究同意。") == [("17", "17次")]
    assert _found("县委常委会第7次议决定。") == [("议", "会议")]


def test_a_congress_written_short_before_a_session_number_is_no_gap():
    # 人大 stands for 人民代表大会: 市人大第三次会议 is its session written short
    for text in ("市人大第三次会议选举了市长。", "区人大第二次会议上，代表们审议了报告。",
                 "县人大常委会第五次会议听取了报告。"):
        assert _found(text) == [], text
    # the full name less 会 before the number is still a gap
    assert _found("区第九届人民代表大第二次会议选举了区长。") != []


def test_the_round_20_tuning_batch():
    """fixtures/typos/miss20_*.toml (round 20, written before its change): TYP022 finds 35 of
    the 81 dropped characters at their place (22 before), no correct twin flagged (县人大第一次会议
    was, before the short-form principle)."""
    from pathlib import Path

    from support import load_script

    root = Path(__file__).resolve().parents[1]
    typos = load_script(root / "benchmarks" / "quality" / "typos.py", "typos_benchmark_miss20")
    result = typos.evaluate(sentences="miss20", extend_select=["TYP022"], preview=True)
    assert result["by_code"].get("TYP022", 0) >= 33
    assert not [text for text, codes in result["flagged"] if "TYP022" in codes]


def test_the_sessions_tried_at_the_openers_are_the_patterns_search():
    """numbered_meetings.sessions tries the pattern only where an opener is written: over random
    texts dense in openers, numerals and meeting words, it finds what ``finditer`` finds."""
    import random

    from support import edited

    from gongwen.rules import numbered_meetings as nm

    rnd = random.Random("sessions at openers")
    pieces = ["第", "届", "人大", "政协", "次", "室", "十", "二", "3", "１", "会议", "常务会议", "全会", "集体学习",
              "人大常委会会议", "第三次", "届人大二", "，"]
    found = 0
    for _ in range(3_000):
        text = edited(rnd, "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))), pieces, rnd.randint(0, 3))
        expected = [m.span() for m in nm._pattern().finditer(text)]
        assert [m.span() for m in nm.sessions(text)] == expected, text
        found += len(expected)
    assert found > 300
