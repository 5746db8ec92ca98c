"""Severity is a measured promise: every built-in rule documents the precision judged on text
it was not tuned on (rules/data/precision.toml), and no rule's severity promises more than
that measurement shows."""
from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli

from gongwen import api
from gongwen.diagnostic import Severity
from gongwen.rules import _precision

JUDGED = _precision._data()
PARTS = list(JUDGED["parts"])
# Below this many judged reports one judgement decides the estimate: the promise is not
# tested (the documentation still shows the counts).
MIN_REPORTS = 3


def test_every_builtin_rule_has_a_judged_entry():
    codes = {rule.code for rule in api.registry()}
    assert codes <= set(JUDGED["rules"]), sorted(codes - set(JUDGED["rules"]))
    for code, entry in JUDGED["rules"].items():
        for part in PARTS:
            reports, right = entry[part]
            assert 0 <= right <= reports, code


@pytest.mark.parametrize("rule", list(api.registry()), ids=lambda rule: rule.code)
def test_severity_keeps_its_promise(rule):
    """error: wrong at most once in a hundred; warning: right at least nine times in ten;
    below that a rule is info, off by default or preview."""
    entry = JUDGED["rules"][rule.code]
    reports = sum(entry[part][0] for part in PARTS)
    right = sum(entry[part][1] for part in PARTS)
    if reports < MIN_REPORTS or rule.preview or not rule.default_enabled:
        return
    if rule.severity == Severity.ERROR:
        assert reports - right <= reports // 100, f"{rule.code}: {right}/{reports} right at error"
    elif rule.severity == Severity.WARNING:
        assert right * 10 >= reports * 9, f"{rule.code}: {right}/{reports} right at warning"


def test_documentation_shows_what_precision_was_measured_on():
    doc = api.registry().get("TYP001").documentation()
    assert "## Precision" in doc and "共报告 4 处，判定正确 1 处（25%）" in doc
    assert "语料检查半区（71 篇" in doc and "体裁样本（233 篇" in doc
    quiet = api.registry().get("DAT006").documentation()
    assert "没有报告" in quiet
    out = run_cli("rule", "PUN017").stdout.decode()
    assert "实测精确率" in out and "判定正确 46 处" in out  # the section, titled in Chinese


def test_the_genres_part_is_what_fixtures_genres_holds():
    """The judged counts cover every genre text: a text added without judging the rules'
    reports on it would make the documented size (and precision) untrue. The texts in
    subfolders (fixtures/genres/dates) were written for the rules they test and are not counted;
    fixtures/genres/round8 to round11 were written for counting (rounds 8 to 11) and are."""
    genres = Path(__file__).parent.parent / "fixtures" / "genres"
    counted = ("round8", "round9", "round10", "round11")
    texts = sorted([*genres.glob("*.txt"), *(p for folder in counted for p in (genres / folder).glob("*.txt"))])
    part = JUDGED["parts"]["genres"]
    assert (part["files"], part["chars"]) == (len(texts), sum(len(p.read_text(encoding="utf-8")) for p in texts))


def test_unmeasured_rules_document_nothing_extra():
    assert _precision.precision_text("ZZZ999") == ""
