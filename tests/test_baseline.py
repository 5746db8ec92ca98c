"""--write-baseline / --baseline: old findings stay quiet, new ones fail, and editing a page
above an old finding does not make it new."""
from __future__ import annotations

import json

from support import SEED, run_cli

PAGE = "关于2024年法治政府建设情况的报告\n一是推进,落实。\n成文日期：2025127\n"


def test_baseline_round_trip(tmp_path):
    page = tmp_path / "site" / "page.txt"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    base = tmp_path / "baseline.json"
    result = run_cli("check", "--write-baseline", str(base), "site", cwd=tmp_path)
    assert result.returncode == 0
    data = json.loads(base.read_text(encoding="utf-8"))
    assert data["format"] == "gongwen-baseline"
    assert {e["code"] for e in data["findings"]} == {"PUN001", "DAT001"}
    assert "\"line\"" not in base.read_text(encoding="utf-8")  # no line numbers anywhere
    assert all(set(e) == {"fingerprint", "code", "path", "text"} for e in data["findings"])

    gate = ["check", "--baseline", str(base), "--output-format", "concise", "site"]
    quiet = run_cli(*gate, cwd=tmp_path)
    assert quiet.returncode == 0 and quiet.stdout == b""
    assert "基线" in quiet.stderr.decode()

    # Paragraphs added above the old findings move them down: still old.
    page.write_text("新增的导语段落，介绍背景。\n\n另一个新增段落。\n" + PAGE, encoding="utf-8")
    moved = run_cli(*gate, cwd=tmp_path)
    assert moved.returncode == 0, moved.stdout.decode()

    # A new finding fails, and only it is reported.
    page.write_text(PAGE + "二是加强,监督。\n", encoding="utf-8")
    new = run_cli(*gate, cwd=tmp_path)
    assert new.returncode == 1
    assert new.stdout.decode().splitlines() == ["site/page.txt:4:5: PUN001 中文中使用了半角逗号“,”"]


def test_baseline_must_be_a_baseline(tmp_path):
    bogus = tmp_path / "b.json"
    bogus.write_text("[]", encoding="utf-8")
    result = run_cli("check", "--baseline", str(bogus), str(SEED))
    assert result.returncode == 2 and "基线" in result.stderr.decode()
    missing = run_cli("check", "--baseline", str(tmp_path / "none.json"), str(SEED))
    assert missing.returncode == 2
