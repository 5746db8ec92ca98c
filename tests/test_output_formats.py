"""CI formats: GitHub annotations, SARIF 2.1.0 (validated against the published schema),
JUnit XML, and --statistics."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES, run_cli

from gongwen import api
from gongwen.output import github

SEED_ARG = "fixtures/reports/yanfeng-2024.txt"
SCHEMA = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def test_github_annotations():
    out = run_cli("check", "--output-format", "github", "--select", "DAT001,TYP005", SEED_ARG).stdout.decode()
    lines = out.splitlines()
    assert lines[0].startswith(f"::error file={SEED_ARG},line=15,col=120,endLine=15,endColumn=122,"
                               "title=TYP005 missing-numeral::序数缺少数字：“第次”%0A")
    assert lines[1].startswith(f"::error file={SEED_ARG},line=51,col=35,endLine=51,endColumn=42,"
                               "title=DAT001 compact-numeric-date::")
    assert len(lines) == 2


def test_github_escaping():
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert github.escape_data("50%\r\nx:y,z") == "50%25%0D%0Ax:y,z"
    d = api.lint_text("一是推进,落实。\n", path="dir/a,b:c.txt", select=["PUN001"])[0]
    line = github.line(d)
    assert line.startswith("::error file=dir/a%2Cb%3Ac.txt,line=1,col=5,")
    assert "\n" not in line.rstrip("\n")


def test_info_is_a_notice(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一是" + "推进,落实," * 10 + "。\n", encoding="utf-8")
    cfg = tmp_path / "gongwen.toml"
    cfg.write_text('[severity]\nPUN002 = "info"\n', encoding="utf-8")
    out = run_cli("check", "--output-format", "github", "--select", "PUN002", "a.txt", cwd=tmp_path)
    assert out.stdout.decode().startswith("::notice file=a.txt,")


def test_sarif_validates_against_the_published_schema():
    result = run_cli("check", "--output-format", "sarif", SEED_ARG)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(data)
    run = data["runs"][0]
    assert data["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in api.registry()]
    dat = next(r for r in run["results"] if r["ruleId"] == "DAT001")
    assert rules[dat["ruleIndex"]]["id"] == "DAT001"
    region = dat["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (51, 35, 42)
    assert region["snippet"]["text"] == "2025127"
    as_json = json.loads(run_cli("check", "--output-format", "json", SEED_ARG).stdout)
    assert [r["partialFingerprints"]["gongwen/v1"] for r in run["results"]] == [j["fingerprint"] for j in as_json]


def test_sarif_of_a_clean_run_and_odd_paths_validates(tmp_path):
    f = tmp_path / "报告 #1.txt"
    f.write_text("一是推进,落实。\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--output-format", "sarif", "报告 #1.txt", cwd=tmp_path).stdout)
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    uri = data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A%20%231.txt"
    f.write_text("一是推进，落实。\n", encoding="utf-8")
    data = json.loads(run_cli("check", "--output-format", "sarif", "报告 #1.txt", cwd=tmp_path).stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(data)
    assert data["runs"][0]["results"] == []


def test_sarif_schema_check_can_fail():
    data = json.loads(run_cli("check", "--output-format", "sarif", SEED_ARG).stdout)
    data["runs"][0]["columnKind"] = "bytes"
    try:
        jsonschema.Draft4Validator(SCHEMA).validate(data)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted an invalid columnKind")


def test_junit_one_testcase_per_file(tmp_path):
    (tmp_path / "bad.txt").write_text("一是推进,落实。\x01\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("一是推进，落实。\n", encoding="utf-8")
    result = run_cli("check", "--output-format", "junit", ".", cwd=tmp_path)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["bad.txt", "good.txt"]
    assert root.get("tests") == "2" and root.get("failures") == "1"
    failures = cases[0].findall("failure")
    assert [f.get("type") for f in failures] == ["PUN001"]
    assert "bad.txt:1:5: PUN001" in failures[0].text
    assert cases[1].findall("failure") == []


def test_statistics_counts_by_rule():
    result = run_cli("check", "--statistics", SEED_ARG)
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "194\tPUN001\t[*] halfwidth-punctuation"
    assert "  4\tPUN003\t    unbalanced-pair" in lines
    assert result.returncode == 1


def test_output_file(tmp_path):
    target = tmp_path / "out.sarif"
    result = run_cli("check", "--output-format", "sarif", "-o", str(target), SEED_ARG)
    assert result.stdout == b"" and result.returncode == 1
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(target.read_text(encoding="utf-8")))


def test_no_progress_bar_when_not_a_terminal(tmp_path):
    for i in range(25):
        (tmp_path / f"{i:02}.txt").write_text("一是推进,落实。\n", encoding="utf-8")
    result = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path)
    assert result.stderr == b""
    assert len(result.stdout.decode().splitlines()) == 25


def _run_with_terminal_stderr(cwd, *args):
    """Run the CLI with stderr on a pseudo-terminal; returns (stdout bytes, terminal bytes)."""
    import os
    import pty
    import subprocess
    import sys

    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "gongwen", *args], cwd=cwd, stdout=subprocess.PIPE,
                          stderr=slave, env=env, timeout=120)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other side is closed and drained
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return proc.stdout, seen


def test_progress_bar_on_a_terminal(tmp_path):
    for i in range(25):
        (tmp_path / f"{i:02}.txt").write_text("一是推进,落实。\n", encoding="utf-8")
    stdout, terminal = _run_with_terminal_stderr(tmp_path, "check", "--output-format", "concise", ".")
    assert "检查中".encode() in terminal
    assert len(stdout.decode().splitlines()) == 25 and b"\x1b" not in stdout
    # A machine format never draws it, terminal or not; nor does a short run.
    stdout, terminal = _run_with_terminal_stderr(tmp_path, "check", "--output-format", "json", ".")
    assert "检查中".encode() not in terminal and len(json.loads(stdout)) == 25
    stdout, terminal = _run_with_terminal_stderr(tmp_path, "check", "--output-format", "concise", "00.txt")
    assert "检查中".encode() not in terminal


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=2_000, deadline=None)
@given(_JSON_VALUES, st.sampled_from(["", "  ", "    "]))
def test_json_items_are_what_json_dumps_writes(value, pad):
    """The JSON format builds its indented text itself instead of through json's pure-Python
    encoder; the text must be json.dumps(..., ensure_ascii=False, indent=2)'s, re-indented."""
    from gongwen.output.json_format import dumps

    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
    assert dumps(value, pad) == expected


def test_the_json_comparison_can_fail():
    """A writer that escapes non-ASCII (json's default) would be caught by the test above."""
    from gongwen.output.json_format import dumps

    value = {"message": "中文", "labels": [], "fix": None, "n": [1, 2.5, True]}
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)
    assert dumps(value) != json.dumps(value, indent=2)
