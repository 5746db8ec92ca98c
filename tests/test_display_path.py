"""display_path builds by string what pathlib's relative_to gave (it is asked several times per
file); the two must agree on every path, below the working directory or not."""
from __future__ import annotations

import os
import random
from pathlib import Path

from gongwen import sources


def _pathlib_display_path(path: Path) -> str:
    """The previous implementation, kept here as the reference."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path(os.path.abspath(Path.cwd()))).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


def _paths(rnd: random.Random, count: int) -> list[str]:
    parts = ["a", "b", "ab", ".", "..", "", "报告", "a b", "x.txt", "a.", ".git"]
    out = []
    for _ in range(count):
        path = "/".join(rnd.choice(parts) for _ in range(rnd.randint(1, 5)))
        out.append(rnd.choice(["", "/", "//", "///"]) + path + rnd.choice(["", "/"]))
    return [p for p in out if p]


def test_display_path_agrees_with_pathlib(monkeypatch):
    rnd = random.Random("display-path")
    for cwd in ["/", "/a", "/a/b", "/ab", "/a/ab/", "/报告", "//a", "/a b"]:
        monkeypatch.setattr(os, "getcwd", lambda cwd=cwd: cwd)
        for path in _paths(rnd, 2_000):
            assert sources.display_path(Path(path)) == _pathlib_display_path(Path(path)), (cwd, path)


def test_the_comparison_can_fail(monkeypatch):
    """A prefix test without the separator would show /ab/x as "b/x" from /a; caught above."""
    monkeypatch.setattr(os, "getcwd", lambda: "/a")
    assert _pathlib_display_path(Path("/ab/x")) == "/ab/x"
    assert sources.display_path(Path("/ab/x")) == "/ab/x"
    assert "/ab/x"[len("/a"):].lstrip("/") == "b/x"  # what the careless version would give


def test_a_name_asked_again_is_not_worked_out_again(monkeypatch):
    """Reading a file asks for its name twice in a row: the second answer is the first's, and
    a path asked from another working directory is worked out again."""
    calls = []
    worked_out = sources._display_path
    monkeypatch.setattr(sources, "_display_path", lambda p: calls.append(p) or worked_out(p))
    monkeypatch.setattr(os, "getcwd", lambda: "/a")
    assert sources.display_path(Path("/a/b/x.txt")) == "b/x.txt"
    assert sources.display_path(Path("/a/b/x.txt")) == "b/x.txt"
    assert len(calls) == 1
    monkeypatch.setattr(os, "getcwd", lambda: "/a/b")
    assert sources.display_path(Path("/a/b/x.txt")) == "x.txt"
    assert sources.display_path(Path("/a/b/y.txt")) == "y.txt"
    assert len(calls) == 3
