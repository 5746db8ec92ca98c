"""Cases of the eleventh hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Found and fixed (most serious first):
- `-o report.json docs/` (or `--write-baseline`) where report.json is a symbolic link — beside
  the tree or inside it — to a file the walk checks (docs/x.txt) → the guard judged the link
  by its own name (.json: not a checked suffix, so "a new report") while the report was
  written through it: docs/x.txt replaced by "[]", skipped as this run's output, exit 0 — an
  input lost and a gate passed → judged by the file that would be replaced (its real path),
  refused, exit 2, naming the file it links to (linter/output_guard.py)
  (test_an_output_that_links_to_a_file_of_a_checked_folder…)
"""
from __future__ import annotations

import pytest

from support import run_cli

_TEXT = "今天天气很好,我们去公园.\n".encode()


@pytest.mark.parametrize("inside", [False, True])
@pytest.mark.parametrize("option", [("--output-format", "json", "-o"), ("--write-baseline",)])
def test_an_output_that_links_to_a_file_of_a_checked_folder_is_refused(tmp_path, inside, option):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_bytes(_TEXT)
    (docs / "y.txt").write_bytes("正文。\n".encode())
    link = (docs if inside else tmp_path) / "report.json"
    link.symlink_to(docs / "x.txt")
    done = run_cli("check", *option, str(link), str(docs), cwd=tmp_path)
    assert done.returncode == 2, done.stderr.decode()
    assert "x.txt" in done.stderr.decode() and "未运行检查" in done.stderr.decode()
    assert (docs / "x.txt").read_bytes() == _TEXT
    assert link.is_symlink()


def test_a_link_to_a_report_in_a_checked_folder_is_still_written(tmp_path):
    """The refusal is for inputs only: a link to an old report (not a checked file) is a report."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_bytes(_TEXT)
    (docs / "old.json").write_text("{}")
    (tmp_path / "report.json").symlink_to(docs / "old.json")
    done = run_cli("check", "--output-format", "json", "-o", "report.json", "docs", cwd=tmp_path)
    assert done.returncode == 1, done.stderr.decode()
    assert '"PUN001"' in (docs / "old.json").read_text()
    assert (docs / "x.txt").read_bytes() == _TEXT
