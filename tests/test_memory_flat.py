"""Memory stays flat over a long stream of documents (issue 16 item 5): neither the run's
own process nor a ``--jobs`` worker holds anything per document, so their peak RSS over
4N documents is that over N, within a slack.

What grew before: the walk listed every path (a folder's whole tree, sorted at the end),
the run listed them again and remembered each in a set, and the pool's workers were
forked after that, carrying the lists in their own RSS. Documents here are one short line
under long Chinese folder and file names, so that whatever is kept per document weighs
~2 KB and 3N documents of it (>= 9 MB) stand far above the slack; one cheap rule keeps
the run to seconds. Peaks come from benchmarks/memory/peak.py: each run is a fresh
process, and each worker reports its own peak as it exits.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import ROOT

PEAK = ROOT / "benchmarks" / "memory" / "peak.py"
N = 1500
SLACK_KB = 3 * 1024  # allocator noise between two runs is well under 1 MB
NAME = "政府信息公开工作年度报告" * 6


def _tree(root: Path, count: int) -> Path:
    for i in range(count):
        folder = root / f"{NAME}{i // 250:03d}" / NAME
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{NAME}{i:06d}.txt").write_text(f"第{i}号：今年完成任务,进展顺利。\n", encoding="utf-8")
    return root


def _peaks(tree: Path, out: Path) -> dict:
    done = subprocess.run([sys.executable, str(PEAK), "check", "--no-cache", "--jobs", "2", "--select", "PUN001",
                           "--output-format", "json", "--output-file", str(out), str(tree)],
                          capture_output=True, text=True, timeout=600, cwd=tree.parent)
    peaks = json.loads(done.stderr.splitlines()[-1])
    assert peaks["exit"] == 1, done.stderr[-2000:]  # every document has its finding
    assert len(peaks["workers"]) == 2, peaks  # the pool ran, and each worker reported
    return peaks


def test_peak_rss_of_run_and_workers_does_not_grow_with_documents(tmp_path):
    small = _peaks(_tree(tmp_path / "small", N), tmp_path / "small.json")
    large = _peaks(_tree(tmp_path / "large", 4 * N), tmp_path / "large.json")
    assert len(json.loads((tmp_path / "large.json").read_text(encoding="utf-8"))) == 4 * N
    assert large["parent"] - small["parent"] < SLACK_KB, (small, large)
    assert max(large["workers"]) - max(small["workers"]) < SLACK_KB, (small, large)
