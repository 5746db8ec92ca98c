"""Severity is a measured promise: every built-in rule documents the precision judged on text
it was not tuned on (rules/data/precision.toml), and no rule's severity promises more than
that measurement shows."""
from __future__ import annotations

import math
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
    assert "## Precision" in doc and "共报告 30 处，判定正确 22 处（73%）" in doc
    assert "语料检查半区（71 篇" in doc and "体裁样本（1613 篇" in doc
    quiet = api.registry().get("DAT006").documentation()
    assert "没有报告" in quiet
    out = run_cli("rule", "PUN017").stdout.decode()
    assert "实测精确率" in out and "判定正确 53 处" in out  # the section, titled in Chinese


def test_the_genres_part_is_what_fixtures_genres_holds():
    """The judged counts cover every genre text: a text added without judging the rules'
    reports on it would make the documented size (and precision) untrue. The texts in
    subfolders (fixtures/genres/dates) were written for the rules they test and are not counted;
    fixtures/genres/round8 to round28 were written for counting (rounds 8 to 28) and are, as are
    round 27's three and round 28's four batches written for single rules (backoff27, gap27,
    realword27; realword28, gap28, protect28, backoff28)."""
    genres = Path(__file__).parent.parent / "fixtures" / "genres"
    counted = ("round8", "round9", "round10", "round11", "round11b", "round12", "round13", "round14", "round15", "round16", "round17", "round18", "round19", "round20", "round21", "round22", "round23", "round24", "round25", "round26", "round27", "backoff27", "gap27", "realword27", "round28", "realword28", "gap28", "protect28", "backoff28")
    texts = sorted([*genres.glob("*.txt"), *(p for folder in counted for p in (genres / folder).glob("*.txt"))])
    part = JUDGED["parts"]["genres"]
    assert (part["files"], part["chars"]) == (len(texts), sum(len(p.read_text(encoding="utf-8")) for p in texts))


# The promise tested on the first run: a rule's reports on a batch of untuned text counted
# before any fix drawn from that batch (first_run, summed over all such batches). Counts after
# the fixes flatter a rule; the first run is the only unseen-text count there is.
PROMISE = {Severity.ERROR: 0.99, Severity.WARNING: 0.9}
# Below this chance a rule's first-run count rules its promise out: so few right reports would
# be this unlikely if the promise held.
RULED_OUT_BELOW = 0.05


def chance_of_at_most(right: int, reports: int, precision: float) -> float:
    """P(at most ``right`` right reports of ``reports``) if each is right with ``precision``."""
    return sum(math.comb(reports, k) * precision ** k * (1 - precision) ** (reports - k) for k in range(right + 1))


def test_the_chance_of_few_right_reports():
    assert chance_of_at_most(0, 1, 0.99) == pytest.approx(0.01)
    assert chance_of_at_most(149, 151, 0.99) == pytest.approx(0.447, abs=0.001)  # PUN001: cannot tell
    assert chance_of_at_most(1, 4, 0.99) < 1e-5
    assert chance_of_at_most(3, 3, 0.99) == 1


@pytest.mark.parametrize("rule", list(api.registry()), ids=lambda rule: rule.code)
def test_a_promise_ruled_out_on_the_first_run_was_fixed_and_held(rule):
    """An error or warning rule whose first-run count on untuned text rules out its promise
    keeps its severity only if each fix was followed by a batch written after it on which the
    rule drew no false report (fix_held_on); without one it is lowered (DAT012 was split off
    DAT002 at info in round 11b)."""
    entry = JUDGED["rules"][rule.code]
    if rule.preview or not rule.default_enabled or rule.severity not in PROMISE or "first_run" not in entry:
        return
    reports, right = entry["first_run"]
    assert 0 <= right <= reports
    if chance_of_at_most(right, reports, PROMISE[rule.severity]) < RULED_OUT_BELOW:
        assert entry.get("fix_held_on"), f"{rule.code}: first run {right}/{reports} right at {rule.severity.name}"


def test_an_error_rule_with_reports_on_untuned_text_records_its_first_run():
    for rule in api.registry():
        entry = JUDGED["rules"][rule.code]
        judged = sum(entry[part][0] for part in PARTS)
        if rule.severity == Severity.ERROR and rule.default_enabled and not rule.preview and judged:
            assert "first_run" in entry, rule.code


def test_unmeasured_rules_document_nothing_extra():
    assert _precision.precision_text("ZZZ999") == ""
