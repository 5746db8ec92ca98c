"""Cases of the sixth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Fixed here (most serious first):
- a folder 1,500 levels deep → RecursionError, "内部错误", exit 2, every other file's
  findings lost → the walk keeps its own stack (test_a_folder_thousands_of_levels_deep…)
- a 300 KB .warc.gz that inflates to 300 MB without a line break → 2.5 GB of memory, 47 s and
  a 300 MB LNT901 message quoting the "first line"; a record of 1 GB of NULs → 725 MB and
  194 MB of warcio warnings on stderr → a header line is capped, the message is short
  (test_a_web_archive_whose_header_line_never_ends…)
See also the log in this module's tests' docstrings.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support import run_cli

BAD = "2024年,全区共办理行政复议案件57件。\n"


def _codes(result) -> list[tuple[str, str]]:
    return sorted((d["path"], d["code"]) for d in json.loads(result.stdout))


# -- a walk as deep as the system allows ----------------------------------------------------

def test_a_folder_thousands_of_levels_deep_is_walked_and_other_files_are_kept(tmp_path):
    """Each level of the walk was a nested generator: 1,500 levels exceeded Python's
    recursion limit, the run ended with an internal error and lost every other file."""
    (tmp_path / "first.txt").write_text(BAD, encoding="utf-8")
    here = os.getcwd()
    os.chdir(tmp_path)  # built level by level: the whole path is longer than one call may name
    try:
        os.mkdir("deep")
        os.chdir("deep")
        for _ in range(1_500):
            os.mkdir("d")
            os.chdir("d")
        Path("bottom.txt").write_text(BAD, encoding="utf-8")
    finally:
        os.chdir(here)
    result = run_cli("check", "--no-cache", "--output-format", "json", "first.txt", "deep", cwd=tmp_path)
    assert result.returncode == 1, result.stderr.decode()
    assert _codes(result) == [("deep/" + "d/" * 1_500 + "bottom.txt", "PUN001"), ("first.txt", "PUN001")]
