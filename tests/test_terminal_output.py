"""Output that uses the terminal it is given: snippets as wide as it, a rule list that is
never cut, and a --statistics that always answers, in the format asked for."""
from __future__ import annotations

import json

import pytest
from support import run_cli

from gongwen import api
from gongwen.output.width import cells

LONG_LINE = "甲" * 200 + "会议于2025127召开" + "乙" * 200 + "\n"


@pytest.mark.parametrize("columns", [60, 80, 200])
def test_the_snippet_window_fills_the_terminal(tmp_path, columns):
    (tmp_path / "long.txt").write_text(LONG_LINE, encoding="utf-8")
    out = run_cli("check", "--select", "DAT001", "long.txt", cwd=tmp_path,
                  env={"COLUMNS": str(columns)}).stdout.decode()
    source = next(line for line in out.splitlines() if line.startswith("1 | "))
    assert "2025127" in source
    assert columns - 2 <= cells(source) <= columns


def test_rules_lists_every_name_whole_on_a_narrow_terminal():
    out = run_cli("rules", env={"COLUMNS": "40"}).stdout.decode()
    names = {line.split()[-1] for line in out.splitlines()[1:]}
    assert names == {rule.name for rule in api.registry()}
    assert "…" not in out


def test_statistics_answers_for_a_clean_file(tmp_path):
    (tmp_path / "clean.txt").write_text("正文。\n", encoding="utf-8")
    result = run_cli("check", "--statistics", "clean.txt", cwd=tmp_path)
    assert result.stdout.decode() == "共 0 处问题\n" and result.returncode == 0
    result = run_cli("check", "--statistics", "--output-format", "json", "clean.txt", cwd=tmp_path)
    assert json.loads(result.stdout) == []


def test_statistics_in_json(tmp_path):
    (tmp_path / "a.txt").write_text("会议于2025127召开,全区共57件,其中A30件。\n", encoding="utf-8")
    text = run_cli("check", "--statistics", "a.txt", cwd=tmp_path).stdout.decode()
    rows = json.loads(run_cli("check", "--statistics", "--output-format", "json", "a.txt",
                              cwd=tmp_path).stdout)
    assert [r["code"] for r in rows] == [line.split("\t")[1] for line in text.splitlines() if "\t" in line]
    pun001 = next(r for r in rows if r["code"] == "PUN001")
    assert pun001 == {"code": "PUN001", "name": "halfwidth-punctuation", "count": 2, "fixable": 2}
    assert f"共 {sum(r['count'] for r in rows)} 处问题" in text
