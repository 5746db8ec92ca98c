"""Hostile trees (issue 18): links out of the folder, read-only and hard-linked files,
FIFOs, devices and sockets, files whose size lies, and .gitignore files outside a git
work tree. --fix writes only the regular files it was asked to check."""
from __future__ import annotations

import json
import os
import socket
import stat
from pathlib import Path

import pytest
from support import run_cli

from gongwen.sources import InputProblem, read_capped

BAD = "2024年,全区共办理行政复议案件57件。\n"
GOOD = "2024年，全区共办理行政复议案件57件。\n"

needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def _paths(result) -> set[str]:
    return {d["path"] for d in json.loads(result.stdout)}


def _outside_tree(tmp_path: Path) -> tuple[Path, Path]:
    """``tree/`` to be checked, with links to ``outside/`` (a folder and a file) beside it."""
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (tree / "in.txt").write_text(BAD, encoding="utf-8")
    (outside / "x.txt").write_text(BAD, encoding="utf-8")
    os.symlink("../outside", tree / "dir-link")
    os.symlink("../outside/x.txt", tree / "file-link.txt")
    os.symlink("in.txt", tree / "inner-link.txt")  # stays inside: followed
    return tree, outside


@needs_symlinks
def test_fix_never_follows_a_link_out_of_the_tree(tmp_path):
    tree, outside = _outside_tree(tmp_path)
    result = run_cli("check", "--fix", "tree", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (outside / "x.txt").read_text(encoding="utf-8") == BAD  # was rewritten
    assert (tree / "in.txt").read_text(encoding="utf-8") == GOOD
    err = result.stderr.decode()
    assert "tree/dir-link" in err and "tree/file-link.txt" in err and "--follow-symlinks" in err
    listed = run_cli("check", "--output-format", "json", "tree", cwd=tmp_path)
    assert _paths(listed) == set()  # in.txt was fixed; nothing outside is read


@needs_symlinks
def test_follow_symlinks_is_opt_in(tmp_path):
    _outside_tree(tmp_path)
    result = run_cli("check", "--output-format", "json", "--follow-symlinks", "tree", cwd=tmp_path)
    assert _paths(result) == {"tree/in.txt", "tree/inner-link.txt", "tree/dir-link/x.txt",
                              "tree/file-link.txt"}
    (tmp_path / "gongwen.toml").write_text("follow-symlinks = true\n", encoding="utf-8")
    assert "tree/dir-link/x.txt" in _paths(run_cli("check", "--output-format", "json", "tree", cwd=tmp_path))


@needs_symlinks
def test_a_link_to_the_system_is_not_walked(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("/etc", tmp_path / "etc")
    result = run_cli("check", "--output-format", "json", ".", cwd=tmp_path)
    assert result.returncode == 0 and _paths(result) == set()
    assert "etc" in result.stderr.decode()


def test_a_read_only_file_is_not_written_and_the_run_fails(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    f.chmod(0o444)
    try:
        result = run_cli("check", "--fix", "--exit-zero", "r.txt", cwd=tmp_path)
        assert f.read_text(encoding="utf-8") == BAD  # was replaced silently
        assert result.returncode == 1 and "只读" in result.stderr.decode()
        assert stat.S_IMODE(f.stat().st_mode) == 0o444
    finally:
        f.chmod(0o644)


def test_a_hard_linked_file_is_fixed_in_place_and_stays_one_file(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(BAD, encoding="utf-8")
    os.link(f, tmp_path / "other-name.txt")
    result = run_cli("check", "--fix", "r.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "other-name.txt").read_text(encoding="utf-8") == GOOD  # was split
    assert f.stat().st_ino == (tmp_path / "other-name.txt").stat().st_ino and f.stat().st_nlink == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-name.txt", "r.txt"]  # no backup left


@needs_fifo
def test_special_files_are_skipped_in_a_walk_and_never_block(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock.txt"))
        result = run_cli("check", "--fix", ".", cwd=tmp_path)  # a FIFO without a writer hung
        err = result.stderr.decode()
        assert "pipe.txt" in err and "命名管道" in err and "sock.txt" in err and "套接字" in err
        assert (tmp_path / "a.txt").read_text(encoding="utf-8") == GOOD
    finally:
        sock.close()


@needs_fifo
def test_special_files_named_on_the_command_line_are_reported_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    found = json.loads(run_cli("check", "--output-format", "json", "pipe.txt", cwd=tmp_path).stdout)
    assert [(d["code"], "命名管道" in d["message"]) for d in found] == [("LNT901", True)]
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", tmp_path / "zero.txt")  # read until memory ran out
        found = json.loads(run_cli("check", "--output-format", "json", "zero.txt", cwd=tmp_path).stdout)
        assert [d["code"] for d in found] == ["LNT901"] and "字符设备" in found[0]["message"]


def test_the_size_cap_counts_bytes_read_not_the_announced_size(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes(b"x" * 100)
    assert read_capped(f, 100) == b"x" * 100
    assert isinstance(read_capped(f, 99), InputProblem)
    proc = Path("/proc/self/status")  # st_size is 0; the content is not
    if proc.exists():
        assert os.stat(proc).st_size == 0
        problem = read_capped(proc, 10)
        assert isinstance(problem, InputProblem) and "过大" in problem.message
        assert isinstance(read_capped(proc, 1 << 20), bytes)


def test_gitignore_is_read_only_inside_a_git_work_tree(tmp_path):
    (tmp_path / ".gitignore").write_text("*.txt\n", encoding="utf-8")  # a stray one above the root
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    (site / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (site / "a.txt").write_text(BAD, encoding="utf-8")
    (site / "drafts" / "d.txt").write_text(BAD, encoding="utf-8")
    result = run_cli("check", "--output-format", "json", ".", cwd=site)
    assert _paths(result) == {"a.txt", "drafts/d.txt"}  # was: 0 files, exit 0
    (site / ".git").mkdir()
    assert _paths(run_cli("check", "--output-format", "json", ".", cwd=site)) == {"a.txt"}


def test_a_failed_in_place_write_keeps_a_backup_of_the_original(tmp_path, monkeypatch):
    from gongwen import safe_write

    f = tmp_path / "r.txt"
    f.write_bytes(b"original")
    os.link(f, tmp_path / "twin.txt")
    real_fdopen = os.fdopen

    class FullDisk:  # the in-place handle (opened "r+b"), whose writes fail
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            self.handle.close()

        def write(self, data) -> int:
            raise OSError(28, "No space left on device")

        def __getattr__(self, name: str):
            return getattr(self.handle, name)

    def failing_fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return FullDisk(handle) if mode == "r+b" else handle

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(safe_write.Unwritable) as refused:
        safe_write.write_atomic(f, b"fixed", safe_write.digest(b"original"))
    monkeypatch.undo()
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".gongwen-backup")]
    assert len(backups) == 1 and backups[0].read_bytes() == b"original"
    assert str(backups[0]) in str(refused.value) and f.read_bytes() == b"original"


@needs_fifo
def test_a_baseline_that_is_a_fifo_or_a_device_is_refused_not_read(tmp_path):
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "base.json")
    result = run_cli("check", "--baseline", "base.json", "r.txt", cwd=tmp_path)  # hung
    assert result.returncode == 2 and "命名管道" in result.stderr.decode()
    if os.path.exists("/dev/zero"):
        result = run_cli("check", "--baseline", "/dev/zero", "r.txt", cwd=tmp_path)
        assert result.returncode == 2 and "字符设备" in result.stderr.decode()
