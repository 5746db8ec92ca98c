"""LNT908 (findings-truncated) named by ``ignore`` or ``per-file-ignores``: the cap of 1,000
findings per rule and file still holds, only the note counting the rest is not written
(round 12's leftover: ``ignore = ["LNT908"]`` was accepted and did nothing). Not selecting it
(``--select PUN001``) keeps the note: it reports on PUN001's own findings. A truncation of
findings no filter has judged (past the headroom an allow-list or a baseline gets) stands for
findings that may all be new, so it is written whatever is ignored."""
from __future__ import annotations

import json
from pathlib import Path

from tests.support import run_cli

LINE = "这是一段文字," * 1500 + "\n"  # 1,500 PUN001 findings: 500 past the cap


def _codes(tmp_path: Path, *args: str, name: str = "a.txt", text: str = LINE) -> tuple[list[str], list[dict], int]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    done = run_cli("check", "--output-format", "json", "--no-cache", *args, name, cwd=tmp_path)
    found = json.loads(done.stdout)
    return [d["code"] for d in found], found, done.returncode


def test_the_note_is_written_by_default_and_when_only_the_rule_is_selected(tmp_path):
    for args in ((), ("--select", "PUN001")):
        codes, found, _ = _codes(tmp_path, *args)
        assert codes.count("PUN001") == 1000 and codes.count("LNT908") == 1, args
        (note,) = [d for d in found if d["code"] == "LNT908"]
        assert "另有 500 处" in note["message"]


def test_ignored_on_the_command_line_or_in_config_the_cap_holds_without_the_note(tmp_path):
    default_codes, _, default_exit = _codes(tmp_path)
    for args, config in ((("--ignore", "LNT908"), None), (("--ignore", "LNT"), None),
                         ((), '[tool.gongwen]\nignore = ["LNT908"]\n')):
        if config:
            (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
        codes, _, exit_code = _codes(tmp_path, *args)
        (tmp_path / "pyproject.toml").unlink(missing_ok=True)
        assert "LNT908" not in codes and codes.count("PUN001") == 1000, (args, config)
        assert exit_code == default_exit
        assert [c for c in default_codes if c != "LNT908"] == codes


def test_per_file_ignores_hide_it_for_the_files_they_name_only(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.gongwen]\nper-file-ignores = { "a.txt" = ["LNT908"] }\n',
                                             encoding="utf-8")
    assert "LNT908" not in _codes(tmp_path, name="a.txt")[0]
    assert _codes(tmp_path, name="b.txt")[0].count("LNT908") == 1


def test_selected_back_it_is_written(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.gongwen]\nignore = ["LNT"]\n', encoding="utf-8")
    assert _codes(tmp_path, "--extend-select", "LNT908")[0].count("LNT908") == 1


def test_with_a_baseline_the_cap_on_new_findings_holds_without_the_note(tmp_path):
    (tmp_path / "old.txt").write_text("旧文件。\n", encoding="utf-8")
    run_cli("check", "--write-baseline", "base.json", "old.txt", cwd=tmp_path)
    assert _codes(tmp_path, "--baseline", "base.json")[0].count("LNT908") == 1
    codes, _, _ = _codes(tmp_path, "--baseline", "base.json", "--ignore", "LNT908")
    assert "LNT908" not in codes and codes.count("PUN001") == 1000


def test_findings_no_filter_judged_are_still_counted_at_the_rules_severity(tmp_path):
    """Past ten times the cap an allow-list never saw them: ignoring LNT908 must not pass a
    gate on findings that may all be new."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gongwen]\nignore = ["LNT908"]\n[[tool.gongwen.allow]]\nrule = "PUN001"\ntext = "不出现"\n',
        encoding="utf-8")
    codes, found, _ = _codes(tmp_path, text="这是一段文字," * 12_000 + "\n")
    (note,) = [d for d in found if d["code"] == "LNT908"]
    assert "按新问题计" in note["message"] and note["severity"] != "info"
    assert codes.count("PUN001") == 1000
