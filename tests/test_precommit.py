"""The pre-commit hooks, driven by the real pre-commit tool: a repository of reports that
commits a bad report is refused, excluded drafts stay excluded, and the fix hook repairs it.

pre-commit clones the hook repository and pip-installs it into its own environment (from
the package index the machine is configured with). The hook repository is a snapshot of this
working tree, so the test checks the hooks file and code as they are now, not as committed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SNAPSHOT = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "linter", "rules"]
BAD = "关于2024年法治政府建设情况的报告\n一是推进,落实。\n"
FIXED = "关于2024年法治政府建设情况的报告\n一是推进，落实。\n"


def git(cwd: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, env=env, timeout=600)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    # pre-commit must be found next to this interpreter (the test environment's).
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("VIRTUAL_ENV", None)
    return env


def _hook_repo(tmp_path: Path, env) -> tuple[Path, str]:
    repo = tmp_path / "gongwen-hooks"
    repo.mkdir()
    for name in SNAPSHOT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, repo / name)
    assert git(repo, "init", "-q", env=env).returncode == 0
    git(repo, "add", "-A", env=env)
    assert git(repo, "commit", "-q", "-m", "snapshot", env=env).returncode == 0
    return repo, git(repo, "rev-parse", "HEAD", env=env).stdout.decode().strip()


def _config(hook_repo: Path, rev: str, hook: str) -> str:
    return f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n"


def test_precommit_refuses_then_fixes(tmp_path):
    env = _env(tmp_path)
    hook_repo, rev = _hook_repo(tmp_path, env)
    reports = tmp_path / "reports"
    (reports / "2024").mkdir(parents=True)
    (reports / "drafts").mkdir()
    assert git(reports, "init", "-q", env=env).returncode == 0
    (reports / ".pre-commit-config.yaml").write_text(_config(hook_repo, rev, "gongwen"), encoding="utf-8")
    (reports / "gongwen.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (reports / "2024" / "report.txt").write_text(BAD, encoding="utf-8")
    (reports / "drafts" / "draft.txt").write_text(BAD, encoding="utf-8")
    # Every format the tool reads: the seed report as a page, a Word file, a PDF, Markdown.
    others = {"page.htm": "yanfeng-2024.html", "report.docx": "yanfeng-2024.docx",
              "report.pdf": "yanfeng-2024.pdf", "report.md": "yanfeng-2024.md"}
    for name, fixture in others.items():
        shutil.copy2(FIXTURES / "reports" / fixture, reports / "2024" / name)
    git(reports, "add", "-A", env=env)
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=reports,
                             capture_output=True, env=env, timeout=120)
    assert install.returncode == 0, install.stderr.decode()

    refused = git(reports, "commit", "-m", "add report", env=env)
    out = refused.stdout.decode() + refused.stderr.decode()
    assert refused.returncode != 0, out
    assert "PUN001" in out and "2024/report.txt" in out
    assert "drafts/draft.txt" not in out  # --force-exclude: the config's exclude still applies
    for name in others:
        assert f"2024/{name}:" in out and "DAT001" in out, (name, out)
    assert git(reports, "rev-parse", "--verify", "HEAD", env=env).returncode != 0  # nothing committed
    for name in others:  # their findings are not fixable: take them out of this commit
        (reports / "2024" / name).unlink()

    # The fix hook repairs the report; pre-commit stops the commit because files changed.
    (reports / ".pre-commit-config.yaml").write_text(_config(hook_repo, rev, "gongwen-fix"), encoding="utf-8")
    git(reports, "add", "-A", env=env)
    fixed = git(reports, "commit", "-m", "add report", env=env)
    assert fixed.returncode != 0
    assert (reports / "2024" / "report.txt").read_text(encoding="utf-8") == FIXED
    assert (reports / "drafts" / "draft.txt").read_text(encoding="utf-8") == BAD
    git(reports, "add", "-A", env=env)
    accepted = git(reports, "commit", "-m", "add report", env=env)
    assert accepted.returncode == 0, accepted.stdout.decode() + accepted.stderr.decode()
