"""Golden outputs on the seed for every format. Regenerate with GONGWEN_UPDATE_GOLDEN=1
after checking the difference by eye."""
from __future__ import annotations

import os

import pytest
from support import FIXTURES, run_cli

GOLDEN = FIXTURES / "golden"


@pytest.mark.parametrize("fmt", ["full", "concise", "json"])
def test_seed_output_matches_golden(fmt):
    result = run_cli("check", "--output-format", fmt, "fixtures/reports/yanfeng-2024.txt")
    assert result.returncode == 1
    golden = GOLDEN / f"yanfeng-2024.{fmt}.txt"
    actual = result.stdout.decode("utf-8")
    if os.environ.get("GONGWEN_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
