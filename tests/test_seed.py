"""The seed report: every defect the foundation promises is reported, the traps are not."""
from __future__ import annotations

import json

import pytest
from support import SEED, run_cli


@pytest.fixture(scope="module")
def findings():
    result = run_cli("check", "--output-format", "json", str(SEED.relative_to(SEED.parents[2])))
    assert result.returncode == 1, result.stderr.decode()
    return json.loads(result.stdout)


def _at(findings, code):
    return [(f["location"]["line"], f["location"]["column"], f["text"]) for f in findings if f["code"] == code]


def test_compact_signature_date(findings):
    assert _at(findings, "DAT001") == [(51, 35, "2025127")]
    (item,) = [f for f in findings if f["code"] == "DAT001"]
    assert "2025年1月27日" in item["message"] and "2025年12月7日" in item["message"]
    assert item["fix"]["applicability"] == "display-only"


def test_ordinal_without_number(findings):
    assert _at(findings, "TYP005") == [(15, 120, "第次")]


def test_both_broken_quote_pairs_at_four_positions(findings):
    assert _at(findings, "PUN003") == [(15, 66, "”"), (15, 67, "“"), (35, 30, "”"), (35, 37, "“")]


def test_both_bare_years(findings):
    assert _at(findings, "DAT005") == [(5, 6, "2024"), (11, 3, "2024")]


def test_halfwidth_commas_colons_and_parentheses(findings, seed_text):
    marks = [f["text"] for f in findings if f["code"] == "PUN001"]
    assert marks.count(",") == seed_text.count(",") == 168
    assert marks.count(":") == 2 and marks.count("(") == 12 and marks.count(")") == 12
    assert len([f for f in findings if f["code"] == "PUN002"]) == 1


TRAPS = ["二十届二中、三中全会", "5+2", "2.9万余件", "3206万次", "100%", "95%以上",
         "‘互联网+政务服务’", "“八五”普法", "近400名", "80件次", "第一责任人",
         "“企业宁静日”“联合检查日”", "村(社区)", "衔接贯通机制4项"]


@pytest.mark.parametrize("trap", TRAPS)
def test_traps_report_nothing_but_halfwidth_marks(findings, seed_text, trap):
    start = seed_text.index(trap)
    end = start + len(trap)
    inside = [f for f in findings if start <= f["offset"]["start"] < end and f["code"] not in ("PUN001",)]
    assert inside == []
