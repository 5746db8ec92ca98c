"""Cases of the ninth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Found and fixed:
- `time-budget = 1e12` (or GONGWEN_TIME_BUDGET=1e10), meant as "no limit" → every file LNT903
  "OverflowError: timestamp out of range", nothing checked or fixed → a budget past what the
  interval timer holds (9.2e9 s) is 31 years (test_a_time_budget_longer_than…)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from support import run_cli

COMMA = "这是一段测试文字,有半角逗号。\n"


@pytest.mark.parametrize("where", ["config", "environment"])
def test_a_time_budget_longer_than_the_timer_holds_is_no_limit(tmp_path, where):
    """``time-budget = 1e12`` (meant as "no limit"), or GONGWEN_TIME_BUDGET=1e10, made every
    file "LNT903 …OverflowError: timestamp out of range" — nothing checked, nothing fixed:
    the interval timer holds at most 9.2e9 s."""
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    env = {}
    if where == "config":
        (tmp_path / "gongwen.toml").write_text("time-budget = 1e12\n", encoding="utf-8")
    else:
        env["GONGWEN_TIME_BUDGET"] = "1e10"
    result = run_cli("check", "--no-cache", "--fix", "f.txt", cwd=tmp_path, env=env)
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
    assert result.returncode == 0, out
    assert "LNT90" not in out and "内部错误" not in out, out
    assert (tmp_path / "f.txt").read_text(encoding="utf-8") == COMMA.replace(",", "，")
