"""Installing without the package index: the wheel built from this repository installs into
a fresh virtual environment and works there — its console script, its rule data, its
version. It is what the README tells people to do until a release is published.

About a minute (pip resolves the dependencies as a user's install would), so it runs when
``CI`` is set (``.ci/run``) or ``GONGWEN_INSTALL_TEST=1``, and is skipped otherwise."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from support import ROOT

import gongwen
from gongwen import api

pytestmark = [
    pytest.mark.install,
    pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("GONGWEN_INSTALL_TEST")),
                       reason="builds and installs the wheel (about a minute): set CI or GONGWEN_INSTALL_TEST=1"),
]


def _run(*argv, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in argv], capture_output=True, timeout=600, **kwargs)


def test_the_built_wheel_installs_into_a_fresh_venv_and_runs(tmp_path):
    # Build from a copy of what the package is made of: an in-tree build would leave build/
    # in the repository and could pick up stale files from an earlier one.
    src = tmp_path / "src"
    src.mkdir()
    for name in ("linter", "rules"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, src)
    assert built.returncode == 0, built.stderr.decode()
    [wheel] = dist.glob("gongwen_lint-*.whl")  # a platform wheel: TYP013's compiled screen is in it

    fresh = tmp_path / "fresh"
    assert _run(sys.executable, "-m", "venv", "--without-pip", fresh).returncode == 0
    python = fresh / "bin" / "python"
    installed = _run(sys.executable, "-m", "pip", "--python", python, "install", wheel)
    assert installed.returncode == 0, installed.stderr.decode()

    gongwen_cmd = fresh / "bin" / "gongwen"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    version = _run(gongwen_cmd, "--version", env=env, cwd=tmp_path)
    assert version.stdout.decode().strip() == f"gongwen {gongwen.__version__}"
    where = _run(python, "-c", "import gongwen, gongwen.rules; print(gongwen.__file__)", env=env, cwd=tmp_path)
    assert str(fresh) in where.stdout.decode(), where  # the wheel's copy, not this checkout
    compiled = _run(python, "-c", "import gongwen.analysis._char_screen", env=env, cwd=tmp_path)
    assert compiled.returncode == 0, compiled.stderr.decode()

    report = tmp_path / "report.txt"
    report.write_text("会议于2025127召开,全区共57件。\n", encoding="utf-8")
    checked = _run(gongwen_cmd, "check", "--output-format", "concise", report.name, env=env, cwd=tmp_path)
    assert checked.returncode == 1
    assert {line.split(": ")[1].split()[0] for line in checked.stdout.decode().splitlines()} >= {"DAT001", "PUN001"}
    # The data files travel in the wheel: every rule loads and documents itself.
    listing = _run(gongwen_cmd, "rules", env=env, cwd=tmp_path).stdout.decode()
    assert len(listing.splitlines()) - 1 == len(list(api.registry()))
