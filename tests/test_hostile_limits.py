"""Bounded findings (issue 18): one rule lists at most N findings per file when checking; the
rest are counted in one LNT908 at the first of them, in every output format."""
from __future__ import annotations

import json
import re

import pytest
from support import run_cli

from gongwen import api, run
from gongwen.document import Document
from gongwen.engine import RuleCrash


def test_findings_past_the_cap_are_counted_at_the_first_of_them():
    text = "".join(f"第{i}段,内容\n" for i in range(1, 21))  # one PUN001 per line
    linter = api.make_linter({}, select=["PUN001"])
    everything = linter.lint(Document("a.txt", text))
    capped = linter.capped(5).lint(Document("a.txt", text))
    assert len(everything) == 20 and all(d.code == "PUN001" for d in everything)
    assert capped[:5] == everything[:5]  # the first ones, unchanged
    (summary,) = capped[5:]
    assert summary.code == "LNT908" and str(summary.severity) == "info"
    assert summary.start == everything[5].start and summary.location.line == 6
    assert "另有 15 处" in summary.message and "PUN001" in summary.message


def test_a_cap_per_rule_and_per_document():
    text = "于2025127召开,于2025128召开,于2025129召开\n" * 3  # DAT001 and PUN001 several times each
    linter = api.make_linter({}, select=["DAT001", "PUN001"]).capped(2)
    found = linter.lint(Document("a.txt", text))
    counts = {c: sum(d.code == c for d in found) for c in ("DAT001", "PUN001", "LNT908")}
    assert counts == {"DAT001": 2, "PUN001": 2, "LNT908": 2}
    assert len(linter.lint(Document("b.txt", "于2025127召开,于2025128召开\n"))) == 3  # each document anew


def test_no_cap_unless_asked():
    text = "中," * 50
    assert len(api.make_linter({}, select=["PUN001"]).lint(Document("a.txt", text))) == 50


def test_a_bad_span_past_the_cap_is_still_a_crash():
    from gongwen.diagnostic import Severity, Violation
    from gongwen.engine import Linter, Settings
    from gongwen.rule import Rule

    class Spans(Rule):
        """## What it does\nx\n## Why is this bad?\nx\n## Example\nx\nUse instead:\nx"""
        code, name, category, severity = "TST003", "spans", "test", Severity.INFO

        def check(self, unit, ctx):
            for i in range(5):
                yield Violation(0, 1 if i < 4 else 10_000, "m")

    with pytest.raises(RuleCrash):
        Linter(Settings([Spans], max_per_rule=2)).lint(Document("a.txt", "中文\n"))


def test_the_documented_cap_is_the_one_used():
    doc = api.registry().by_code["LNT908"].__doc__
    assert f"每条规则每个文件 {run.MAX_FINDINGS_PER_RULE} 处" in doc


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "html", "concise", "github", "full"])
def test_every_format_reports_the_rest(tmp_path, fmt):
    n = run.MAX_FINDINGS_PER_RULE + 234
    path = tmp_path / "commas.txt"
    path.write_text("中," * n + "\n", encoding="utf-8")
    result = run_cli("check", "--select", "PUN001", "--output-format", fmt, str(path))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and "LNT908" in out and "另有 234 处" in out
    if fmt == "json":
        found = json.loads(out)
        assert len(found) == run.MAX_FINDINGS_PER_RULE + 1 and found[-1]["code"] == "LNT908"
    if fmt == "concise":
        assert len(re.findall(r" PUN001 ", out)) == run.MAX_FINDINGS_PER_RULE


def test_fix_sees_every_finding(tmp_path):
    path = tmp_path / "commas.txt"
    path.write_text("中," * (run.MAX_FINDINGS_PER_RULE + 10) + "中。\n", encoding="utf-8")
    result = run_cli("check", "--select", "PUN001", "--fix", str(path))
    assert result.returncode == 0, result.stdout
    assert "," not in path.read_text(encoding="utf-8")
