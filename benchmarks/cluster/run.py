"""Cluster benchmark: throughput of ``--cluster`` with 1 and 2 Dask workers against the
local pool (``--jobs 1`` and ``--jobs 2``) on the same machine, and worker memory over a
long stream of documents (``--memory``).

    .venv/bin/python benchmarks/cluster/run.py              # 2,000 documents
    .venv/bin/python benchmarks/cluster/run.py --docs 500   # quicker
    .venv/bin/python benchmarks/cluster/run.py --memory 2000,10000,50000

``--memory``: peak RSS of the client and of each worker for runs of growing size, for the
local pool (``gongwen check --jobs 2`` on one folder, through benchmarks/memory/peak.py) and a
2-worker cluster (``run.execute``), JSON to a file, each in a fresh process so that a peak is
that run's alone.
If memory is flat, the peaks do not grow with the number of documents.

Inputs are windows of paragraphs cut from the sample corpus in a temporary folder. Every
configuration lints the same files in this process through the same entry points the
command uses (``api.lint_files`` for the local pool, ``cluster.lint_files`` for Dask),
rendering JSON in the workers as ``check --output-format json`` does; each is timed best of
``--repeat``, and every run's output is compared with the serial one. The cluster's start-up
is not counted (a real cluster is already running); connecting the client is.
Prints a Markdown table for docs/cluster.md.
"""
from __future__ import annotations

import argparse
import functools
import tempfile
import time
from pathlib import Path

import dask
from distributed import Client, LocalCluster

from gongwen import api, cluster
from gongwen.output.stream import prerender
from gongwen.sources import InputOptions

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "corpus-sample"
PEAK = Path(__file__).resolve().parents[1] / "memory" / "peak.py"  # a run's and each worker's peak RSS
PREPARE = functools.partial(prerender, "json", False)
FOLDER = 200  # documents per generated folder


def make_docs(root: Path, count: int, paragraphs: int = 5) -> list[Path]:
    """``count`` documents in folders of FOLDER (the first n/FOLDER folders hold the first n)."""
    paras = [p for src in sorted(SAMPLE.glob("*.txt"))
             for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]
    files = []
    for i in range(count):
        path = root / f"d{i // FOLDER:03d}" / f"{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        start = (i * 7) % len(paras)
        path.write_text("\n".join(paras[start:start + paragraphs]) + "\n", encoding="utf-8")
        files.append(path)
    return files


def best(repeat: int, run) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = run()
        times.append(time.perf_counter() - start)
    return min(times), text


def peak_rss_of_run(mode: str, out: Path, targets: list[Path]) -> None:
    """In a fresh process: one whole run; prints this process's peak RSS and its children's
    (the local pool's workers), in KB."""
    import json
    import resource

    from gongwen import run

    opts = run.RunOptions(fmt="json", output_file=out, jobs=2 if mode == "local" else 1,
                          cluster=None if mode == "local" else mode, inputs=InputOptions())
    run.execute(targets, api.make_linter(), opts)
    print(json.dumps({"client": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))


def _worker_peak_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def memory(sizes: list[int]) -> None:
    import json
    import subprocess
    import sys

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "docs"
        root.mkdir()
        make_docs(root, max(sizes), paragraphs=1)

        def measure(mode: str, count: int) -> dict:
            targets = [str(root / f"d{i:03d}") for i in range(-(-count // FOLDER))]
            done = subprocess.run([sys.executable, __file__, "--peak-rss-of-run", mode, str(Path(tmp) / "out.json"),
                                   *targets], capture_output=True, text=True, check=True)
            return json.loads(done.stdout.splitlines()[-1])

        def measure_local(count: int) -> dict:
            """The command itself over one folder of ``count`` documents (the walk streamed
            from a folder, as a site is checked), each worker's own peak (benchmarks/memory)."""
            folder = Path(tmp) / f"n{count}"
            if not folder.exists():
                folder.mkdir()
                for i in range(-(-count // FOLDER)):
                    (folder / f"d{i:03d}").symlink_to(root / f"d{i:03d}")
            done = subprocess.run([sys.executable, str(PEAK), "check", "--no-cache", "--follow-symlinks", "--jobs", "2",
                                   "--output-format", "json", "--output-file", str(Path(tmp) / "out.json"), str(folder)],
                                  capture_output=True, text=True)
            return json.loads(done.stderr.splitlines()[-1])

        for count in sizes:
            start = time.perf_counter()
            peaks = measure_local(count)
            rows.append(("local `--jobs 2`", count, peaks["parent"], max(peaks["workers"]), time.perf_counter() - start))
        # The workers keep few debugging messages, as docs/cluster.md starts them.
        with dask.config.set(cluster.QUIET), LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                                          dashboard_address=":0") as local:
            with Client(local.scheduler_address) as client:
                for count in sizes:
                    client.restart()  # fresh worker processes: each peak is this run's
                    start = time.perf_counter()
                    peaks = measure(local.scheduler_address, count)
                    worker = max(client.run(_worker_peak_kb).values())
                    rows.append(("`--cluster`, 2 workers", count, peaks["client"], worker, time.perf_counter() - start))
    print("Peak RSS (MB) of one run over n one-paragraph documents, JSON written to a file\n")
    print("| run | documents | client peak | largest worker peak | wall s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, count, client_kb, worker_kb, wall in rows:
        print(f"| {name} | {count:,} | {client_kb / 1024:.0f} | {worker_kb / 1024:.0f} | {wall:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--memory", metavar="N,N,N", help="peak RSS for runs of these sizes instead")
    parser.add_argument("--peak-rss-of-run", nargs="+", metavar="ARG", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_rss_of_run:
        mode, out, *targets = args.peak_rss_of_run
        return peak_rss_of_run(mode, Path(out), [Path(t) for t in targets])
    if args.memory:
        return memory([int(n) for n in args.memory.split(",")])
    throughput(args.docs, args.repeat)


def throughput(docs: int, repeat: int) -> None:
    linter = api.make_linter()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = make_docs(Path(tmp), docs)
        size = sum(f.stat().st_size for f in files)
        serial = None
        for jobs in (1, 2):
            t, text = best(repeat, lambda: cluster.report_text(
                "json", api.lint_files(files, linter, None, jobs, InputOptions(), PREPARE)))
            serial = serial or text
            assert text == serial, f"--jobs {jobs} differs"
            rows.append((f"local `--jobs {jobs}`", jobs, t))
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=":0") as local:
                address = local.scheduler_address

                def run() -> str:
                    return cluster.report_text("json", cluster.lint_files(
                        files, linter, None, None, InputOptions(), PREPARE, address=address))

                t, text = best(repeat, run)
                assert text == serial, f"--cluster with {workers} workers differs"
                rows.append((f"`--cluster`, {workers} worker{'s' if workers > 1 else ''}", workers, t))
    print(f"{docs} documents, {size / 1e6:.1f} MB, JSON rendered in the workers, best of {repeat}\n")
    print("| run | processes | wall s | documents/s | vs local with as many processes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    local = {n: t for name, n, t in rows if name.startswith("local")}
    for name, n, t in rows:
        ratio = "" if name.startswith("local") else f"{t / local[n]:.2f}×"
        print(f"| {name} | {n} | {t:.2f} | {docs / t:,.0f} | {ratio} |")


if __name__ == "__main__":
    main()
