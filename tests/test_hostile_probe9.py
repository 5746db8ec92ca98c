"""Cases of the ninth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Found and fixed:
- `time-budget = 1e12` (or GONGWEN_TIME_BUDGET=1e10), meant as "no limit" → every file LNT903
  "OverflowError: timestamp out of range", nothing checked or fixed → a budget past what the
  interval timer holds (9.2e9 s) is 31 years (test_a_time_budget_longer_than…)
- a file named `-oREADME.md` (or `--output-file=README.md`, `-j2.txt`) at the top of a
  repository, named by pre-commit after the hook's options with no `--` → read as `-o
  README.md`: README.md, not an input, replaced by the report → a token read as an option
  that names an existing file is refused, exit 2, asking for `./-oREADME.md` or `--`; an
  option's value is still a value (test_a_file_whose_name_reads_as_an_option…,
  test_an_option_value_that_names…)
- PYTHONIOENCODING=ascii or latin-1 → the first finding "内部错误：UnicodeEncodeError", exit 2,
  the JSON report "[ ]" (nothing found, it said); utf-16 → a JUnit file declaring UTF-8 that
  was not → the machine formats are UTF-8 whatever the locale, the text formats show what
  the stream cannot hold as escapes (test_a_standard_output_that_cannot_hold_chinese…)
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


@pytest.mark.parametrize("name", ["-oREADME.md", "--output-file=README.md", "-j2.txt"])
def test_a_file_whose_name_reads_as_an_option_is_refused_not_obeyed(tmp_path, name):
    """pre-commit runs ``gongwen check --force-exclude --allow-empty <files>`` with no ``--``:
    a file named ``-oREADME.md`` at the top of a repository was read as ``-o README.md``, and
    README.md (not an input) was replaced by the report. Named as ``./-oREADME.md`` or after
    ``--`` it is checked as a file."""
    (tmp_path / "README.md").write_text("不要覆盖我\n", encoding="utf-8")
    (tmp_path / name).write_text(COMMA, encoding="utf-8")
    (tmp_path / "b.txt").write_text(COMMA, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--force-exclude", "--allow-empty", name, "b.txt", cwd=tmp_path)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert name in err and f"./{name}" in err and result.stdout == b"", err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "不要覆盖我\n"
    for spelled in (("--", name), (f"./{name}",)):
        result = run_cli("check", "--no-cache", "--output-format", "concise", *spelled, cwd=tmp_path)
        assert result.returncode == 1 and b"PUN001" in result.stdout, result.stderr.decode("utf-8")


def test_an_option_value_that_names_a_file_is_still_a_value(tmp_path):
    """``-o -report.txt`` names the report: the value of an option is not refused."""
    (tmp_path / "b.txt").write_text(COMMA, encoding="utf-8")
    (tmp_path / "-report.txt").write_text("旧报告\n", encoding="utf-8")
    result = run_cli("check", "--no-cache", "-o", "-report.txt", "b.txt", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode("utf-8")
    assert "PUN001" in (tmp_path / "-report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["full", "concise", "json", "sarif", "junit", "html"])
def test_a_standard_output_that_cannot_hold_chinese_still_gets_the_whole_report(tmp_path, encoding, fmt):
    """PYTHONIOENCODING=ascii (an old image, a CI runner's setting) made the first finding
    "内部错误：UnicodeEncodeError", exit 2; the JSON report was "[ ]", as if nothing was found.
    The machine formats are UTF-8 whatever the locale; the text formats show escapes."""
    import json
    import xml.dom.minidom

    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--output-format", fmt, "f.txt", cwd=tmp_path,
                     env={"PYTHONIOENCODING": encoding})
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, err
    assert "内部错误" not in err and "\\u5185" not in err, err
    out = result.stdout.decode("utf-8")
    if fmt in ("json", "sarif"):
        assert "半角逗号" in json.dumps(json.loads(out), ensure_ascii=False)
    elif fmt == "junit":
        assert "半角逗号" in xml.dom.minidom.parseString(result.stdout).toxml()
    elif fmt == "html":
        assert "半角逗号" in out and out.rstrip().endswith("</html>")
    else:
        assert "PUN001" in out, out
