"""Cases of the fourth hostile probe (issue 18), none of them in the other test_hostile files:
writes killed or raced, names near the system's limits, findings whose text would drive the
terminal, configuration files that are not files, an editor that sends a huge document."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from support import run_cli

from gongwen import api, safe_write
from gongwen import fix as fixmod

BAD = "我们开展了检查,发现问题。\n"
FIXED = BAD.replace(",", "，")


# -- writing back -------------------------------------------------------------------------

_KILLED_MID_WRITE = textwrap.dedent("""
    import contextlib, os, signal, sys
    from pathlib import Path
    from gongwen import safe_write

    path, linked, broken = Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3] == "1"
    if broken:  # the writer before this probe: nothing held the signal
        safe_write._signals_held = contextlib.nullcontext
    real = os.fsync

    def fsync_then_killed(fd):
        real(fd)
        os.kill(os.getpid(), signal.SIGTERM)  # `kill` arrives now, in the middle of the write

    safe_write.os.fsync = fsync_then_killed
    old = path.read_bytes()
    if linked:
        os.link(path, path.with_name("other-name"))
    safe_write.write_atomic(path, "我们开展了检查，发现问题。\\n".encode() * 1000, safe_write.digest(old))
""")


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
@pytest.mark.parametrize("linked", [False, True])
def test_a_run_killed_in_the_middle_of_a_write_leaves_a_whole_file_and_no_temporary(tmp_path, linked):
    """A default SIGTERM ends the process at once: between the fsync of the temporary and its
    rename the temporary was left behind, and in an in-place write (a hard-linked file) the
    file was left half written. The signal now waits until the write is done."""
    def killed(broken: bool) -> tuple[int, set[str], bytes]:
        folder = tmp_path / f"{linked}-{broken}"
        folder.mkdir()
        (folder / "r.txt").write_bytes(BAD.encode())
        proc = subprocess.run([sys.executable, "-c", _KILLED_MID_WRITE, str(folder / "r.txt"),
                               "1" if linked else "0", "1" if broken else "0"], capture_output=True, timeout=60)
        return proc.returncode, {p.name for p in folder.iterdir()}, (folder / "r.txt").read_bytes()

    names = {"r.txt", "other-name"} if linked else {"r.txt"}
    code, left, data = killed(broken=False)
    assert code == -signal.SIGTERM and left == names and data == FIXED.encode() * 1000
    code, left, data = killed(broken=True)  # the check catches the writer without the hold
    assert code == -signal.SIGTERM and (left != names or data not in (BAD.encode(), FIXED.encode() * 1000))


def test_a_file_whose_name_is_near_the_limit_is_fixed(tmp_path):
    """The temporary's name is the file's name and more: past 255 bytes it failed with
    ENAMETOOLONG, so a file named with 83 Chinese characters could never be fixed."""
    name = "长" * 83 + ".txt"
    assert len(name.encode()) == 253
    (tmp_path / name).write_bytes(BAD.encode())
    result = run_cli("check", "--fix", name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / name).read_bytes() == FIXED.encode() and os.listdir(tmp_path) == [name]


@pytest.mark.parametrize("change", ["edited", "deleted", "replaced by a folder"])
def test_a_file_changed_between_the_lint_and_the_write_is_left_as_it_now_is(tmp_path, change):
    """An editor saves (or the file goes away) while the run is fixing it: the fix was made
    from the old text and must not be written over the new one, nor bring a deleted file back."""
    path = tmp_path / "r.txt"
    path.write_bytes(BAD.encode())
    linter = api.make_linter({})
    lint = linter.lint

    def lint_then_change(doc):
        found = lint(doc)
        if path.is_file() and path.read_bytes() == BAD.encode():
            if change == "edited":
                path.write_bytes(("编辑器保存的新文本," + BAD).encode())
            else:
                path.unlink()
                if change != "deleted":
                    path.mkdir()
        return found

    linter.lint = lint_then_change
    outcome = fixmod.fix_path(path, linter)
    assert not outcome.written and outcome.blocked, outcome
    assert ("不是普通文件" if change == "replaced by a folder" else "检查期间") in outcome.refused, outcome.refused
    if change == "edited":
        assert path.read_bytes() == ("编辑器保存的新文本," + BAD).encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if change == "deleted" else ["r.txt"])
