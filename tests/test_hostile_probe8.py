"""Cases of the eighth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test): see the end of this round.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT

COMMA = "这是一段测试文字,有半角逗号。\n"


def _run_into(out: str, *args: str, cwd: Path, input: bytes | None = None,
              unbuffered: bool = False) -> subprocess.CompletedProcess:
    """The command line with its standard output opened on ``out`` (a device such as /dev/full),
    buffered as a user's is unless ``unbuffered`` (PYTHONUNBUFFERED, as some CI runners set)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    with open(out, "wb") as sink:
        return subprocess.run([sys.executable, "-m", "gongwen", *args], cwd=cwd, env=env, input=input,
                              stdout=sink, stderr=subprocess.PIPE, timeout=120)


needs_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@needs_full
@pytest.mark.parametrize("args", [
    *(("--output-format", fmt) for fmt in ("full", "concise", "json", "sarif", "junit", "github", "html")),
    ("--statistics",), ("--diff",), ("--fix", "--stdin-filename", "f.txt", "-"),
])
def test_standard_output_on_a_full_disk_says_it_is_standard_output(tmp_path, args):
    """``gongwen check f.txt > /dev/full`` said only "No space left on device（ENOSPC）": the
    user could not tell which write failed (a report? the file being fixed?). Python's stream
    error carries no name, so standard output is opened under one."""
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    stdin = COMMA.encode() if args[-1] == "-" else None
    paths = () if stdin is not None else ("f.txt",)
    result = _run_into("/dev/full", "check", "--no-cache", *args, *paths, cwd=tmp_path, input=stdin)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert len(err.splitlines()) == 1 and "标准输出" in err and "ENOSPC" in err, err
    assert (tmp_path / "f.txt").read_text(encoding="utf-8") == COMMA


@needs_full
@pytest.mark.parametrize("args, unbuffered", [(("rules",), False), (("rule", "PUN001"), False),
                                              (("--version",), False), (("check", "f.txt"), True)])
def test_the_other_commands_name_standard_output_too(tmp_path, args, unbuffered):
    """Buffered, the last of the output was written at exit, where its failure was a traceback
    and exit status 120."""
    (tmp_path / "f.txt").write_text(COMMA, encoding="utf-8")
    result = _run_into("/dev/full", *args, cwd=tmp_path, unbuffered=unbuffered)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "标准输出" in err and len(err.splitlines()) == 1, err
