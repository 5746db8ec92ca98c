"""The punctuation family as a whole: the seed's defects and traps, safe fixes that settle
in one pass (idempotence), and bounded findings on adversarial input."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SEED, repeated

from gongwen import api
from gongwen.diagnostic import Applicability
from gongwen.document import Document
from gongwen.fix import apply_edits

PUNCTUATION = ["PUN002", "PUN003", "PUN004", "PUN005", "PUN006", "PUN007", "PUN008", "PUN009",
               "PUN011", "PUN012", "PUN016", "PUN017", "PUN018"]
FIXABLE = [rule.code for rule in api.registry() if rule.code.startswith("PUN") and rule.fixable]


def lint(codes, text):
    return api.make_linter({}, select=list(codes)).lint(Document(path="t.txt", text=text))


@pytest.fixture(scope="module")
def seed_findings():
    return lint(PUNCTUATION, SEED.read_text(encoding="utf-8"))


def test_seed_newspaper_is_the_only_new_punctuation_finding(seed_findings):
    by_code = {}
    for d in seed_findings:
        by_code.setdefault(d.code, []).append(d.matched)
    assert by_code == {"PUN002": [","], "PUN003": ["”", "“", "”", "“"], "PUN016": ["湖南日报"]}


@pytest.mark.parametrize("trap", ["“企业宁静日”“联合检查日”", "“‘互联网+政务服务’一体化”", "村(社区)",
                                  "5+2", "二十届二中、三中全会", "(一)擎举", "雁峰区人民政府"])
def test_seed_traps_stay_silent(seed_findings, trap):
    text = SEED.read_text(encoding="utf-8")
    at = text.index(trap)
    assert not [d for d in seed_findings if d.code != "PUN002" and at <= d.start < at + len(trap)]


def test_seed_signature_block_spacing_is_layout():
    text = SEED.read_text(encoding="utf-8")
    assert lint(["PUN017"], text) == []


def test_numbered_heading_markers_with_period_are_silent():
    assert lint(PUNCTUATION, "1.严格落实重大行政决策程序。\n2.推动规范性文件审查与管理。") == []


def test_publication_list_is_extendable_by_option():
    text = "经验做法被雁峰通讯刊发。"
    assert lint(["PUN016"], text) == []
    linter = api.make_linter({"rules": {"PUN016": {"extend-publications": ["雁峰通讯"]}}}, select=["PUN016"])
    assert [d.matched for d in linter.lint(Document(path="t.txt", text=text))] == ["雁峰通讯"]


PIECES = st.sampled_from([
    "法治", "政府", "建设", "二十", "三", "四", "十", "年", "人", "日报", "湖南日报", "人民日报社",
    "，", "。", "、", "；", "：", ",", ":", "。。", "，。", "...", "…", "……", "……等", "·", "――", "--",
    "—", "-", "2021", "“", "”", "‘", "’", "《", "》", "〈", "〉", "（一）", "(二)", "一.", "1、",
    "第一、", " ", "\u3000", "\xa0", "\n", "  \n", "关于工作的报告。\n", "一、主要举措。\n",
])
TEXT = st.lists(PIECES, max_size=40).map("".join)
PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _safe_edits(found):
    return [e for d in found for f in d.fixes if f.applicability is Applicability.SAFE for e in f.edits]


@PROFILE
@given(TEXT)
def test_safe_fixes_are_idempotent(text):
    """Applying a rule's safe fixes (passes until none applies, as ``--fix`` does) leaves
    nothing that rule would fix safely, and never makes the rule report more."""
    for code in FIXABLE:
        before = lint([code], text)
        fixed = text
        for _ in range(5):
            edits = _safe_edits(lint([code], fixed))
            if not edits:
                break
            fixed, _ = apply_edits(fixed, edits)
        after = lint([code], fixed)
        assert not _safe_edits(after), (code, text, fixed)
        assert len(after) <= len(before), (code, text, fixed)


@pytest.mark.parametrize("unit", ["“", "第", "7", " ", "。", "、", "，。", "—", "-", ".", "…", "《", "\u3000",
                                  "a", "1a", "一、", "（一）", "=中-", "记者 张三 ", "本报记者 甲乙 ",
                                  "中共中央 ", "：\u3000\u3000"])
def test_adversarial_run_is_reported_at_most_once(unit):
    """A run of one mark or pattern (its speed is measured by benchmarks/speed/run.py) is
    linted without an error and is one problem at most: a run of repeated marks is reported
    as one span, not once per character."""
    found = lint(PUNCTUATION, repeated(unit))
    assert len(found) <= 1, (unit, found[:3])


def test_long_run_of_role_words_is_no_byline():
    """A role word reads as a role or as a name (记者 张三: one role and a name, or two names);
    a long run of them that is no byline (no 摄, not at a line start) is none, however it is
    split (benchmarks/speed/run.py measures that the scan does not retry every split)."""
    from gongwen.analysis.bylines import byline_spans

    assert byline_spans("，" + repeated("记者 张三 ")) == []
