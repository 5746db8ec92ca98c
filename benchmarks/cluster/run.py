"""Cluster benchmark: throughput of ``--cluster`` with 1 and 2 Dask workers against the
local pool (``--jobs 1`` and ``--jobs 2``) on the same machine, and worker memory over a
long stream of documents.

    .venv/bin/python benchmarks/cluster/run.py              # 2,000 documents
    .venv/bin/python benchmarks/cluster/run.py --docs 500   # quicker

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

from distributed import Client, LocalCluster

from gongwen import api, cluster
from gongwen.output.stream import prerender
from gongwen.sources import InputOptions

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "corpus-sample"
PREPARE = functools.partial(prerender, "json", False)


def make_docs(root: Path, count: int) -> list[Path]:
    paras = [p for src in sorted(SAMPLE.glob("*.txt"))
             for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]
    files = []
    for i in range(count):
        path = root / f"d{i // 200:03d}" / f"{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        start = (i * 7) % len(paras)
        path.write_text("\n".join(paras[start:start + 5]) + "\n", encoding="utf-8")
        files.append(path)
    return files


def best(repeat: int, run) -> tuple[float, str]:
    times, text = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = run()
        times.append(time.perf_counter() - start)
    return min(times), text


def worker_rss(client: Client) -> int:
    import psutil

    return max(client.run(lambda: psutil.Process().memory_info().rss).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    linter = api.make_linter()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = make_docs(Path(tmp), args.docs)
        size = sum(f.stat().st_size for f in files)
        serial = None
        for jobs in (1, 2):
            t, text = best(args.repeat, lambda: cluster.report_text(
                "json", api.lint_files(files, linter, None, jobs, InputOptions(), PREPARE)))
            serial = serial or text
            assert text == serial, f"--jobs {jobs} differs"
            rows.append((f"local `--jobs {jobs}`", jobs, t))
        rss = {}
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=":0") as local:
                address = local.scheduler_address

                def run() -> str:
                    return cluster.report_text("json", cluster.lint_files(
                        files, linter, None, None, InputOptions(), PREPARE, address=address))

                t, text = best(args.repeat, run)
                assert text == serial, f"--cluster with {workers} workers differs"
                rows.append((f"`--cluster`, {workers} worker{'s' if workers > 1 else ''}", workers, t))
                if workers == 2:  # a longer stream: does worker memory grow with the documents?
                    with Client(address) as client:
                        rss[args.repeat * len(files)] = worker_rss(client)
                        for _ in range(3):
                            run()
                        rss[(args.repeat + 3) * len(files)] = worker_rss(client)
    print(f"{args.docs} documents, {size / 1e6:.1f} MB, JSON rendered in the workers, best of {args.repeat}\n")
    print("| run | processes | wall s | documents/s | vs local with as many processes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    local = {n: t for name, n, t in rows if name.startswith("local")}
    for name, n, t in rows:
        ratio = "" if name.startswith("local") else f"{t / local[n]:.2f}×"
        print(f"| {name} | {n} | {t:.2f} | {args.docs / t:,.0f} | {ratio} |")
    print()
    for count, value in rss.items():
        print(f"- largest worker RSS after {count:,} documents streamed: {value / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
