"""Cases of the eighth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test): see the end of this round.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import run_cli

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


def test_fix_never_deletes_a_markdown_comment_that_reads_as_spaces(tmp_path):
    """The Markdown reader masks an inline comment as spaces: PUN017 (stray-space) then saw
    "中文之间有多余的31个空格" and its unsafe fix deleted the comment — with it a suppression
    directive, so the comma it suppressed was "fixed" as well. Fixes editing masked source are
    not taken (nor offered to an editor); the finding itself is the reader's to avoid."""
    page = ("这是<!-- gongwen-disable PUN001 -->一段,测试<!-- gongwen-enable PUN001 -->文字,有。\n\n"
            "这是 <!-- 注释 --> 一段文字。\n")
    path = tmp_path / "s.md"
    path.write_text(page, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--fix", "--unsafe-fixes", str(path))
    assert result.returncode in (0, 1), result.stderr
    fixed = path.read_text(encoding="utf-8")
    assert fixed == page.replace("文字,有", "文字，有"), fixed


_MASKED = ("<!-- gongwen-disable PUN001 -->", "<!-- gongwen-enable PUN001 -->", "<!-- 注 释 -->",
           "`代码 , 片段`", "<span>", "</b>", "<https://a.cn/x,y>", "[链接](https://a.cn/a,b)")
_PROSE = ("这是", "一段", "文字", "，", ",", "。", ".", " ", "  ", "（", "(", ")", "“", "\"", "2024年",
          "3", "％", "%", "…", "...", "\n", "\n\n", "# ", "> ", "- ")


def test_fixes_on_random_markdown_leave_every_masked_construct_as_it_was():
    """Every safe and unsafe fix of every rule, on random Markdown mixing prose with what the
    reader masks: each masked construct comes out verbatim and in its place among the others."""
    import random

    from gongwen.fix import fix_text

    rnd = random.Random("probe8-masked")
    for _ in range(300):
        parts = [rnd.choice(_MASKED) if rnd.random() < 0.25 else rnd.choice(_PROSE)
                 for _ in range(rnd.randint(1, 40))]
        page = "".join(parts)
        fixed, _ = fix_text(page, unsafe=True, fmt="markdown", select=["ALL"])
        at = 0
        for part in parts:
            if part in _MASKED and page.count(part) == fixed.count(part):
                at = fixed.find(part, at)
                assert at >= 0, (page, fixed)
                at += len(part)
            elif part in _MASKED:
                raise AssertionError(f"{part!r} changed: {page!r} -> {fixed!r}")
