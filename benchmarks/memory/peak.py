"""Peak RSS of one whole ``gongwen check`` run: of the parent process and of each
``--jobs`` pool worker, separately.

    .venv/bin/python benchmarks/memory/peak.py check --jobs 2 --output-format json -o out.json DIR

Runs the command in this process (``gongwen.cli.main``, the real option parsing and run) and
prints, on the last line of stderr, ``{"parent": KB, "workers": [KB, ...], "exit": N}``.
A worker's peak is its own ``ru_maxrss``, written when it exits (a multiprocessing
finaliser registered by the pool's initializer): ``RUSAGE_CHILDREN`` only gives the largest
child, and sampling /proc would miss a peak between samples. A worker's RSS counts the
pages it shares with the parent it was forked from: that is the point, since a pool forked
after the parent has listed a million paths carries that list in every worker.

Used by benchmarks/cluster/run.py --memory, benchmarks/speed/run.py and
tests/test_memory_flat.py (a fresh process per run, so every peak is that run's alone).
"""
from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
from pathlib import Path


def _record_peak_at_exit(folder: str) -> None:
    from multiprocessing import util

    def write() -> None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        (Path(folder) / f"{os.getpid()}.kb").write_text(str(peak))

    util.Finalize(None, write, exitpriority=100)  # run by the worker's own exit, not at fork


def main(argv: list[str]) -> int:
    from gongwen import cli, pool

    folder = tempfile.mkdtemp(prefix="gongwen-peak-")
    init = pool._init_worker

    def init_and_record(*initargs) -> None:  # the pool's initargs, whatever they are
        init(*initargs)
        _record_peak_at_exit(folder)

    pool._init_worker = init_and_record  # looked up by name when a pool starts
    sys.argv = ["gongwen", *argv]
    code = 0
    try:
        cli.main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    workers = []
    for name in sorted(os.listdir(folder)):
        workers.append(int((Path(folder) / name).read_text()))
        os.unlink(Path(folder) / name)
    os.rmdir(folder)
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"parent": parent, "workers": workers, "exit": code}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
