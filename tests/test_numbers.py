"""Number, percentage and consistency rules: the seed's traps stay silent, adversarial input
stays bounded, and the quantity reading they share is right."""
from __future__ import annotations


import pytest
from support import SEED, repeated

from gongwen import api
from gongwen.document import Document
from gongwen.analysis.numerals import find_numerals
from gongwen.analysis.quantities import read_quantity

CODES = ["NUM001", "NUM002", "NUM004", "NUM005", "NUM006", "NUM008", "NUM010", "NUM014",
         "CON001", "CON002", "CON003"]

SEED_TRAPS = [
    "全面贯彻党的二十大和二十届二中、三中全会精神。",
    "推行“5+2”高频事项“一件事一次办”。",
    "办理业务2.9万余件。",
    "门户网站总访问量达3206万次。",
    "好评率100%，普及率达95%以上。",
    "近400名干部参加培训，办理80件次。",
    "切实履行推进法治建设第一责任人职责。",
    "抽查检查任务160项，完成率、公示率均达100%。",
    "年度学法考试参学、参考、通过率100%。",
    "同步建立定期联席会议、监督成果共享、巡察督察互嵌、问题线索移送等衔接贯通机制4项。",
    "建成以区公共法律服务中心为龙头,实体、热线、网络三大平台相融合的服务网络。",
]


def lint(text: str, codes=CODES):
    return api.make_linter({}, select=codes).lint(Document(path="t.txt", text=text))


@pytest.mark.parametrize("text", SEED_TRAPS)
def test_seed_traps_are_silent(text):
    assert lint(text) == []


def test_seed_report_is_silent_for_these_rules():
    assert lint(SEED.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("text, unit, before, after, after_unit", [
    ("办理业务2.9万余件", "件", "", "余", ""),
    ("约300人左右", "人", "约", "", "左右"),
    ("接近80%以上", "%", "接近", "", "以上"),
    ("办理80件次", "件次", "", "", ""),
    ("新签约100亿元", "元", "", "", ""),  # 签约 is not 约
])
def test_quantity_reading(text, unit, before, after, after_unit):
    q = read_quantity(text, find_numerals(text)[0])
    assert (q.unit, q.before, q.after, q.after_unit) == (unit, before, after, after_unit)


def test_bare_bai_has_a_value():
    (n,) = [n for n in find_numerals("近百人左右") if n.text == "百"]
    assert n.value == 100


def test_parts_are_labelled_and_total_is_primary():
    text = "全年共审结行政复议案件57件，其中维持原行政行为30件、撤销或确认违法30件。"
    (d,) = lint(text, ["CON002"])
    assert text[d.start:d.end] == "57件"
    assert [text[lb.start:lb.end] for lb in d.labels] == ["30件", "30件"]


def test_second_mention_is_primary_and_first_is_a_label():
    text = "全年审结行政复议案件57件。\n审结行政复议案件55件。"
    (d,) = lint(text, ["CON001"])
    assert text[d.start:d.end] == "55件"
    assert [text[lb.start:lb.end] for lb in d.labels] == ["57件"]


@pytest.mark.parametrize("unit, per_unit", [
    ("9", 0), ("一", 0), ("第", 0), ("“", 0), (" ", 0), ("共1件，其中", 0), ("A、", 0), ("三项：A、", 0),
    ("占1%，", 0), ("1件，", 0), ("百分之", 0),
    ("约1人左右", 1),  # 约 and 左右 both hedge the same number: one NUM004 per repetition
])
def test_adversarial_run_is_linted_with_bounded_findings(unit, per_unit):
    """Runs of numerals, lists or sentence-less text (their speed is measured by
    benchmarks/speed/run.py) are linted without an error, and no consistency rule pairs
    every number with every other: the findings grow with the units, not their square."""
    text = repeated(unit)
    found = lint(text)
    assert len(found) == per_unit * (len(text) // len(unit)), (unit, found[:3])
