"""Slips in a count's unit (gongwen.analysis.count_units, reported by TYP013)."""
from __future__ import annotations

import pytest

from gongwen import api
from gongwen.analysis.count_units import after_numbers, count_words, unit_slips
from gongwen.document import Document


@pytest.mark.parametrize("text, found", [
    ("全年受理申请45减。", [(8, "减", "件")]),          # 件 211 after numbers, 减 never; same reading
    ("新增经营主体5832夫，", [(10, "夫", "户")]),      # a near reading (f/h)
    ("户籍人口52.3万认。", [(9, "认", "人")]),        # past a decimal point and the number's 万 (仁, round 18, is common only with the checking half)
    ("可容纳0.4万任。", [(7, "任", "人")]),            # a decimal opening with 0 is a count
    ("全年接待游客15832任次。", [(11, "任", "人")]),   # a count of five digits
    ("全年受理申请45减", [(8, "减", "件")]),            # at the text's end
    ("主动公开政府信息2316跳。", []),                   # 条 161 and 套 88: two units, no one repair
])
def test_a_unit_slip_is_found_with_the_one_unit_meant(text, found):
    assert list(unit_slips(text)) == found


@pytest.mark.parametrize("text", [
    "新建教室12间。",                 # a measure word the counted texts never wrote after a number
    "容积率大于1.0且不大于2.0。",      # a function character is a word of its own
    "裁减员额20万任务完成。",          # the character opens a word: the count's unit was left out
    "惠及2.1万健保参保人。",           # a form general usage has and the dictionary lacks (round 20)
    "3.2拟派项目经理须具备资格。",     # a number opening its line labels a section
    "五、保障措施\n  1.建设农村供水工程。",  # an item's label: a point with no digit after it
    "建成S22白永段高速公路。",         # a number with a letter before it is part of a code (S22)
    "拨打96119向消防救援机构报告。",   # 向 is a function character
])
def test_what_follows_a_number_and_is_no_slip_for_a_unit(text):
    assert list(unit_slips(text)) == []


def test_the_listed_words_need_no_count_and_the_counts_hold_the_common_units():
    assert {"间", "栋", "艘", "乡", "镇"} <= count_words()
    counts = after_numbers()
    assert all(counts.get(unit, 0) >= 50 for unit in "个件人户条项元年")
    assert not {"减", "夫", "仁", "跳"} & counts.keys()


def test_typ013_reports_a_unit_slip_where_it_stands():
    # Found in the whole text once, judged again in its own unit: the report's place is the
    # character's, in a later paragraph too.
    text = "一、总体情况\n\n全年共办理代表建议45件。\n\n本年度共收到群众来信312减，均已办结。\n"
    found = [d for d in api.make_linter({}).lint(Document(path="a.txt", text=text)) if d.code == "TYP013"]
    assert [(d.location.line, d.location.column, d.fixes[0].edits[0].content) for d in found] == [(5, 14, "件")]


def _plain_unit_slips(text):
    """The definition, read plainly: every count's place (``PLACE``), its character one that
    some common unit's candidates name and no test rules out, with one common unit among its
    own candidates."""
    from gongwen.analysis import count_units as cu

    skip = cu.after_numbers().keys() | cu.count_words() | cu.function_chars()
    named = set().union(*map(cu._candidate_chars, cu.common_units()))
    for place in cu.PLACE.finditer(text):
        c = place.group(1)
        if c in skip or c not in named or cu._opens_line(text, place.start()) or cu._opens_word(text, place.start(1)):
            continue
        meant = cu._candidate_chars(c) & cu.common_units()
        if len(meant) == 1:
            yield place.start(1), c, meant.pop()


def test_the_routed_search_finds_what_the_plain_definition_finds():
    import random

    from gongwen.analysis.count_units import PLACE

    from gongwen.analysis import count_units as cu

    rng = random.Random(18)
    judged = sorted(set().union(*map(cu._candidate_chars, cu.common_units())))
    alphabet = "0123456789０５.,．-万亿S\n 减件夫户仁人跳条任务桌座间且建设。、" + "".join(rng.sample(judged, 40))
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(4000)]
    texts += ["全年受理申请45减", "1.5万仁", ".5万仁", "v1.2.3减", "12万减，3亿夫。", "S22减", "-4减"]
    found = 0
    for text in texts:
        assert list(unit_slips(text)) == list(_plain_unit_slips(text)), text
        found += bool(list(unit_slips(text)))
    assert found > 100
    assert PLACE.search("45减")


class _CountingText(str):
    """A text that counts the characters read through indexing and ``rfind``."""
    read = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        _CountingText.read += len(part)
        return part

    def rfind(self, sub, start=0, end=None):
        _CountingText.read += (len(self) if end is None else end) - start
        return str.rfind(self, sub, start, end)


def test_whether_a_number_opens_its_line_is_read_from_the_blanks_before_it_only():
    """On a page that is one long line, asking from every number where its line starts made
    the rule quadratic (1 MB of 截至202431 took 3.6 s against 0.95 s): the answer needs only
    the blanks before the number."""
    from gongwen.analysis.count_units import _opens_line

    text = _CountingText("截至" * 50_000 + "\u3000 3.2拟派")
    _CountingText.read = 0
    assert not _opens_line(text, len(text) - 5)
    assert _CountingText.read <= 10  # a few reads of each of the two blanks and the character before them
    assert _opens_line("前文\n\u3000 3.2拟派", 5) and not _opens_line("前文\n甲3.2拟派", 4)


def test_a_number_opens_its_line_exactly_when_only_blanks_stand_before_it_on_that_line():
    import random

    from gongwen.analysis.count_units import _opens_line

    rnd = random.Random("opens-line")
    alphabet = list(" \t\u3000\n\r\x0b\x85\u2028a3中")
    for _ in range(3000):
        text = "".join(rnd.choices(alphabet, k=rnd.randint(0, 16)))
        for at in range(len(text) + 1):
            assert _opens_line(text, at) == (not text[text.rfind("\n", 0, at) + 1:at].strip())
