"""The protected-string and character rules' share of the default rule set's CPU (issue 19 item 5).

    .venv/bin/python benchmarks/speed/word_rules_share.py FOLDER [--rounds 5]

Runs ``gongwen check --output-format json --no-cache --jobs 1 FOLDER`` with all default rules
and with ``--ignore`` of the rules the issue budgets (at most 10% of the default set's CPU),
alternating the two so that a shared machine's load falls on both alike, and prints each
run's CPU seconds (user + system of the child) and the share by best and by median run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

BUDGETED = ("TRM007", "TRM008", "TRM009", "TYP010", "TYP011", "TYP012", "TYP013")


def cpu_seconds(command: list[str]) -> float:
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime


def share(folder: Path, rounds: int, gongwen: list[str]) -> dict[str, list[float]]:
    """CPU seconds of each round, with (``all``) and without (``without``) the budgeted rules."""
    base = [*gongwen, "check", "--output-format", "json", "--no-cache", "--jobs", "1"]
    arms = {"all": [*base, str(folder)], "without": [*base, "--ignore", ",".join(BUDGETED), str(folder)]}
    runs: dict[str, list[float]] = {name: [] for name in arms}
    for i in range(rounds):
        for name in (list(arms) if i % 2 == 0 else list(arms)[::-1]):
            runs[name].append(cpu_seconds(arms[name]))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    runs = share(args.folder, args.rounds, [sys.executable, "-m", "gongwen"])
    for name, seconds in runs.items():
        print(f"{name:8} " + " ".join(f"{s:.2f}" for s in seconds))
    for pick in (min, statistics.median):
        every, without = pick(runs["all"]), pick(runs["without"])
        print(f"share by {pick.__name__}: {(every - without) / every * 100:.1f}% "
              f"({every:.2f} s with, {without:.2f} s without)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
