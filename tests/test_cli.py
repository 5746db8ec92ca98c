"""The command line as a user runs it: exit codes, formats, selection, stdin, config errors."""
from __future__ import annotations

import json

import pytest
from support import SEED, run_cli

SEED_ARG = "fixtures/reports/yanfeng-2024.txt"
CLEAN = "2024年，全区共办理行政复议案件57件。\n".encode()


def test_exit_codes(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_bytes(CLEAN)
    assert run_cli("check", str(clean)).returncode == 0
    assert run_cli("check", SEED_ARG).returncode == 1
    assert run_cli("check", "--exit-zero", SEED_ARG).returncode == 0
    assert run_cli("check", "--no-such-option", SEED_ARG).returncode == 2
    assert run_cli("check", str(tmp_path / "missing.txt")).returncode == 2
    assert run_cli("check", "--select", "NOPE", SEED_ARG).returncode == 2


def test_fail_on_threshold(tmp_path):
    only_warning = tmp_path / "w.txt"
    only_warning.write_text("一是" + "推进,落实," * 10 + "。\n", encoding="utf-8")
    result = run_cli("check", "--select", "PUN002", str(only_warning))
    assert result.returncode == 0, result.stdout.decode()
    assert run_cli("check", "--select", "PUN002", "--fail-on", "warning", str(only_warning)).returncode == 1


def test_json_is_one_array_and_nothing_else():
    result = run_cli("check", "--output-format", "json", SEED_ARG)
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data
    required = {"path", "code", "name", "severity", "message", "location", "end_location", "fix"}
    for item in data:
        assert required <= item.keys()
        assert item["path"] == SEED_ARG
        assert item["severity"] in ("error", "warning", "info")
        assert item["location"]["line"] >= 1 and item["location"]["column"] >= 1
    comma = next(i for i in data if i["code"] == "PUN001")
    assert comma["fix"] == {"applicability": "safe", "message": "改为“，”", "edits": [
        {"content": "，", "location": comma["location"], "end_location": comma["end_location"]}]}


def test_concise_lines():
    out = run_cli("check", "--output-format", "concise", "--select", "DAT001,TYP005", SEED_ARG).stdout.decode()
    assert out.splitlines() == [
        f"{SEED_ARG}:15:120: TYP005 序数缺少数字：“第次”",
        f"{SEED_ARG}:51:35: DAT001 日期数字连写，无法确定年月日：2025127（可读作 2025年1月27日 或 2025年12月7日）",
    ]


def test_full_view_summarises_a_punctuation_regime_once():
    out = run_cli("check", SEED_ARG).stdout.decode()
    assert out.startswith("PUN002 warning: 全文中文标点大量使用半角：半角逗号 168 个")
    assert out.count("PUN001 error") == 3
    assert "PUN001 另有 191 处同类问题未逐条显示" in out
    assert "  194  PUN001  halfwidth-punctuation" in out


def test_select_ignore_and_names():
    out = run_cli("check", "--output-format", "concise", "--select", "PUN", "--ignore",
                  "halfwidth-punctuation", SEED_ARG).stdout.decode()
    assert {line.split()[1] for line in out.splitlines()} == {"PUN002", "PUN003", "PUN016"}


def test_stdin_with_filename():
    result = run_cli("check", "--output-format", "concise", "--stdin-filename", "报告.txt", "-",
                     input="会议于2025127召开。".encode())
    assert result.returncode == 1
    assert result.stdout.decode().startswith("报告.txt:1:4: DAT001")


def test_directory_recursion(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("第次会议\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("2024推进工作\n", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    out = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path).stdout.decode()
    assert [line.split(":")[0] for line in out.splitlines()] == ["a/one.txt", "b.md"]


def test_rules_and_rule_commands():
    listing = run_cli("rules").stdout.decode()
    for code in ("DAT001", "DAT005", "PUN001", "PUN002", "PUN003", "TYP005"):
        assert code in listing
    doc = run_cli("rule", "DAT001").stdout.decode()
    assert "compact-numeric-date" in doc and "检查什么" in doc and "2025年1月27日" in doc
    assert run_cli("rule", "compact-numeric-date").returncode == 0
    assert run_cli("rule", "XYZ999").returncode == 2


@pytest.mark.parametrize("body, needle", [
    ('[tool.gongwen]\nselct = ["DAT"]\n', "selct"),
    ('[tool.gongwen]\nselect = ["NOPE"]\n', "NOPE"),
    ('[tool.gongwen]\nfail-on = "fatal"\n', "fail-on"),
    ('[tool.gongwen.per-file-ignores]\n"*.txt" = "DAT001"\n', "per-file-ignores"),
])
def test_config_errors_name_the_key_and_the_file(tmp_path, body, needle):
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    (tmp_path / "r.txt").write_bytes(CLEAN)
    result = run_cli("check", "r.txt", cwd=tmp_path)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert needle in err and "pyproject.toml" in err


def test_config_select_ignore_and_per_file_ignores(tmp_path):
    (tmp_path / "gongwen.toml").write_text(
        'select = ["DAT", "TYP"]\nignore = ["DAT005"]\n[per-file-ignores]\n"legacy/*" = ["TYP"]\n', encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    for name in ("r.txt", "legacy/old.txt"):
        (tmp_path / name).write_text("2024推进,第次会议,2025127\n", encoding="utf-8")
    out = run_cli("check", "--output-format", "concise", ".", cwd=tmp_path).stdout.decode()
    codes = sorted((line.split(":")[0], line.split()[1]) for line in out.splitlines())
    assert codes == [("legacy/old.txt", "DAT001"), ("r.txt", "DAT001"), ("r.txt", "TYP005")]


def test_allow_entries_are_text_anchored(tmp_path):
    (tmp_path / "gongwen.toml").write_text(
        '[[allow]]\nrule = "DAT001"\ntext = "2025127"\nprefix = "编码"\nreason = "内部编码"\n', encoding="utf-8")
    (tmp_path / "r.txt").write_text("编码2025127；会议于2025127召开。\n", encoding="utf-8")
    out = run_cli("check", "--output-format", "concise", "--select", "DAT001", "r.txt", cwd=tmp_path).stdout.decode()
    assert out.splitlines() == ["r.txt:1:14: DAT001 日期数字连写，无法确定年月日：2025127（可读作 2025年1月27日 或 2025年12月7日）"]


def test_seed_path_matches_readme():
    assert SEED.as_posix().endswith(SEED_ARG)


def test_json_carries_notes_such_as_the_pdf_page():
    data = json.loads(run_cli("check", "--output-format", "json", "--select", "DAT001",
                              "fixtures/reports/yanfeng-2024.pdf").stdout)
    assert [d["text"] for d in data] == ["2025127"]
    assert data[0]["notes"] and data[0]["notes"][0].startswith("位于第 ") and "页第" in data[0]["notes"][0]


def test_preview_flag_config_and_listing(tmp_path):
    """CON002 (preview) reports parts over their total only with --preview, config
    preview = true, or when selected by code; `gongwen rules` marks it 预览."""
    (tmp_path / "r.txt").write_text("共审结57件，其中民事30件、刑事30件。\n", encoding="utf-8")

    def codes(*args):
        out = run_cli("check", "--output-format", "concise", *args, "r.txt", cwd=tmp_path).stdout.decode()
        return {line.split()[1] for line in out.splitlines()}

    assert "CON002" not in codes()
    assert "CON002" in codes("--preview")
    assert "CON002" in codes("--select", "CON002")
    assert "CON002" not in codes("--select", "CON")
    (tmp_path / "gongwen.toml").write_text("preview = true\n", encoding="utf-8")
    assert "CON002" in codes()
    assert "CON002" not in codes("--no-preview")
    listing = [line for line in run_cli("rules").stdout.decode().splitlines() if line.startswith("CON002")]
    assert listing and "预览" in listing[0]
