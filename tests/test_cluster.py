"""``check --cluster``: on a real local Dask cluster (a scheduler and two worker processes
on this machine), the same bytes and exit code as the local run — also when a worker is
killed during the run, and when one document kills every worker that takes it (LNT906, as
for a dead --jobs worker)."""
from __future__ import annotations

import functools
import os
import signal
from pathlib import Path

import pytest
from support import FIXTURES, run_cli

distributed = pytest.importorskip("distributed")

import dask  # noqa: E402  (only with distributed installed)

from gongwen import api, cluster, faults  # noqa: E402
from gongwen.cache import Cache  # noqa: E402
from gongwen.output.stream import prerender  # noqa: E402
from gongwen.sources import InputOptions  # noqa: E402

POISON = "〔本文件使工作进程退出〕"


@pytest.fixture(scope="module")
def dask_cluster():
    # One retry after a worker death instead of three: the LNT906 test kills fewer workers.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=":0") as local:
            yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred documents cut from the sample corpus: windows of paragraphs, as text
    and as Markdown, plus an empty and a binary file (reported, never dropped)."""
    root = tmp_path_factory.mktemp("site")
    n = 0
    for src in sorted((FIXTURES / "corpus-sample").glob("*.txt")):
        paras = [p for p in src.read_text(encoding="utf-8").split("\n") if p.strip()]
        for start in range(len(paras)):
            folder = root / src.stem / f"p{start // 20}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{start:04d}.txt").write_text("\n".join(paras[start:start + 4]) + "\n", encoding="utf-8")
            if start % 2 == 0:  # a longer window as Markdown: another reader, the same rules
                (folder / f"{start:04d}.md").write_text("\n\n".join(paras[start:start + 7]) + "\n",
                                                        encoding="utf-8")
                n += 1
            n += 1
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 10)
    assert n >= 250
    return root


def test_cli_output_is_byte_identical(dask_cluster, corpus):
    # Every document in JSON; the human format (rendered on the client) on one site's part.
    one_site = sorted(p for p in corpus.iterdir() if p.is_dir())[0]
    for fmt, target in (("json", corpus), ("full", one_site)):
        local = run_cli("check", "--output-format", fmt, str(target))
        remote = run_cli("check", "--output-format", fmt, "--cluster", dask_cluster.scheduler_address,
                         str(target))
        assert remote.returncode == local.returncode == (1 if fmt == "json" else 0), remote.stderr.decode()
        assert local.stdout.count(b"\n") > 50
        assert remote.stdout == local.stdout


def _within(seconds: float, work):
    """``work()``, or a failure if it has not finished in time: a cluster whose workers
    never come back must fail the test run, not hang it."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(work).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _local(files: list[Path], prepare) -> str:
    return cluster.report_text("json", api.lint_files(files, api.make_linter(), None, 1, InputOptions(),
                                                      prepare))


def test_worker_killed_mid_run_loses_nothing(dask_cluster, corpus, monkeypatch):
    monkeypatch.setattr(cluster, "BATCH_DOCUMENTS", 8)  # many tasks in flight on both workers
    files = _files(corpus)
    prepare = functools.partial(prerender, "json", False)
    with distributed.Client(dask_cluster) as client:
        before = client.run(os.getpid)

        def run() -> list:
            parts = []
            stream = cluster.lint_files(files, api.make_linter(), None, None, InputOptions(), prepare,
                                        address="", client=client)
            for i, part in enumerate(stream):
                if i == 16:
                    os.kill(next(iter(before.values())), signal.SIGKILL)
                parts.append(part)
            return parts

        parts = _within(150, run)
        after = client.run(os.getpid)
    assert set(before.values()) != set(after.values())  # one worker really died
    assert len(parts) == len(files)
    assert cluster.report_text("json", parts) == _local(files, prepare)


def test_document_that_kills_every_worker_is_lnt906(dask_cluster, tmp_path, monkeypatch):
    def exit_on_poison(doc, found):
        """Kills the worker on one document, as a native crash or the OOM killer would.
        (Local, so it is shipped by value: the workers cannot import the tests.)"""
        if POISON in (getattr(doc, "source", None) or ""):
            os._exit(1)
        return prerender("json", False, doc, found)

    monkeypatch.delenv(faults.STRICT_ENV, raising=False)  # the test suite's strict mode would raise it
    good = FIXTURES / "corpus-sample" / "cpc_congress_16.txt"
    for i in range(4):
        (tmp_path / f"a{i}.txt").write_text(good.read_text(encoding="utf-8")[i * 50:], encoding="utf-8")
    (tmp_path / "a2.txt").write_text(f"第一段。{POISON}\n", encoding="utf-8")
    files = _files(tmp_path)
    cache = Cache(tmp_path / "cache", api.make_linter())
    json_part = functools.partial(prerender, "json", False)
    with distributed.Client(dask_cluster) as client:
        def check(prepare) -> list:
            return _within(150, lambda: list(cluster.lint_paths(
                files, api.make_linter(), None, InputOptions(), prepare, cache, address="", client=client)))

        parts = check(exit_on_poison)
        again = check(json_part)  # with the cache, without the poison
    assert [p.path for p in parts] == [str(f) for f in files]
    lost = parts[2]
    assert lost.tally.codes == {"LNT906": 1} and '"LNT906"' in lost.text and "KilledWorker" in lost.text
    expected = list(api.lint_files(files, api.make_linter(), None, 1, InputOptions(), json_part))
    assert [p for i, p in enumerate(parts) if i != 2] == [p for i, p in enumerate(expected) if i != 2]
    # The fault was the run's, not the text's: the cache does not serve it again.
    assert again == expected and "LNT906" not in again[2].text


def test_plain_check_does_not_import_dask():
    """Start-up of the command without --cluster is unchanged: Dask is never imported."""
    run = run_cli("check", "--output-format", "concise", str(FIXTURES / "corpus-sample"),
                  env={"PYTHONPROFILEIMPORTTIME": "1"})
    assert run.returncode == 1 and b"gongwen.cli" in run.stderr
    assert b"distributed" not in run.stderr and b" dask" not in run.stderr
