"""Linting on a Dask (distributed) cluster: ``gongwen check --cluster ADDRESS``.

One job: ship documents to the cluster's workers in bounded batches and hand the results
back in input order, so that ``run.execute`` renders exactly what a local run renders.

- The client reads each file (with the same capped reader as a local run) and ships its
  bytes, with the name the local run would show, so the workers need no shared filesystem
  and a worker's working directory cannot change a path in the report.
- At most ``window`` batches are in flight and finished ones wait only until the batches
  before them are done: memory on the client and the workers does not grow with the run.
- A worker that dies loses nothing: the scheduler reschedules its tasks on the others (up
  to ``distributed.scheduler.allowed-failures`` times). A batch that still fails is split
  and each of its documents retried alone, so one document that kills every worker it
  reaches is reported as LNT909 on that file and the others are still checked. (A
  document on a worker that another batch's poisoned document kills twice could be
  reported with it: rare, and never silent.)

Dask is imported only here, and this module only for ``--cluster``: the plain CLI's
start-up does not change.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from gongwen import api
from gongwen.diagnostic import Diagnostic
from gongwen.document import Document
from gongwen.engine import Linter
from gongwen.formats import format_for
from gongwen.run import RunError
from gongwen.sources import (InputOptions, InputProblem, display_path, document_from_bytes,
                             read_capped)

BATCH_DOCUMENTS = 32  # documents per task: scheduler overhead is ~1 ms per task
BATCH_BYTES = 8 << 20  # and at most this many bytes of input per task (a few large PDFs)
IN_FLIGHT_PER_THREAD = 3  # batches queued per worker thread: busy workers, bounded memory
LOST_CODE = "LNT909"


class ClusterError(RunError):
    """The cluster cannot be reached or used (the run exits 2, like any run error)."""


@dataclass(frozen=True)
class _Job:
    """What every task needs besides its documents."""

    linter: Linter
    options: dict[str, Any]  # the readers' options (content selector)
    prepare: Callable | None


@dataclass(frozen=True)
class _Input:
    """One file as the client read it: the bytes, and how the local run would name and
    decode them (or the problem that kept it from being read)."""

    shown: str
    fmt: str
    encoding: str | None
    data: bytes | InputProblem


def _read(path: Path, encoding: str | None, inputs: InputOptions) -> _Input:
    return _Input(display_path(path), format_for(path.name), encoding or inputs.encoding_for(path),
                  read_capped(path, inputs.max_file_size))


def _finish(doc: Document | InputProblem, job: _Job) -> Any:
    found = api.lint_document(doc, job.linter)
    if job.prepare is not None:
        return job.prepare(doc, found)
    if isinstance(doc, Document):
        doc._memo.clear()  # the rules' scans are not needed again: do not ship them back
    return doc, found


def _lint_input(item: _Input, job: _Job) -> Any:
    doc = item.data if isinstance(item.data, InputProblem) else document_from_bytes(
        item.data, item.shown, item.fmt, item.encoding, job.options)
    return _finish(doc, job)


def _lint_batch(batch: list[_Input], job: _Job) -> list[Any]:
    """The task a worker runs."""
    return [_lint_input(item, job) for item in batch]


def _batches(files: list[Path], encoding: str | None, inputs: InputOptions) -> Iterator[list[_Input]]:
    batch: list[_Input] = []
    size = 0
    for path in files:
        item = _read(path, encoding, inputs)
        batch.append(item)
        size += len(item.data) if isinstance(item.data, bytes) else 0
        if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _lost(item: _Input, job: _Job, reason: str) -> Any:
    problem = InputProblem(item.shown, LOST_CODE,
                           f"检查此文件的集群工作进程反复意外退出，重试后仍然如此，未检查：{reason}",
                           "用不带 --cluster 的 gongwen check 单独检查此文件可以看到原因")
    return _finish(problem, job)


def connect(address: str):
    """A client of the scheduler at ``address`` (``tcp://host:8786``, or a scheduler file)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError("--cluster 需要 Dask：pip install '.[cluster]'（在仓库目录中）") from exc
    try:
        if os.path.isfile(address):  # `dask scheduler --scheduler-file` writes one for batch systems
            return Client(scheduler_file=address, timeout="30s")
        return Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"无法连接集群 {address}：{exc}") from exc


def lint_files(files: list[Path], linter: Linter, encoding: str | None = None,
               jobs: int | None = None, inputs: InputOptions | None = None,
               prepare: Callable[[Document | InputProblem, list[Diagnostic]], Any] | None = None,
               *, address: str, client=None) -> Iterator[Any]:
    """``api.lint_files`` on the cluster at ``address``: the same results in the same
    order (``jobs`` is the local pool's and is ignored). ``client``: an open client to use
    instead of connecting (the tests and the benchmark pass theirs)."""
    own = client is None
    client = connect(address) if own else client  # before any output: a bad address fails fast
    return _stream(client, own, list(files), linter, encoding, inputs or InputOptions(encoding=encoding),
                   prepare)


def _stream(client, own: bool, files: list[Path], linter: Linter, encoding: str | None,
            inputs: InputOptions, prepare) -> Iterator[Any]:
    from distributed import KilledWorker

    try:
        job = _Job(linter, inputs.reader_options(), prepare)
        # Sent with every task (16 KB pickled), not scattered once: scattered data dies with
        # the last worker holding it, and a run must survive every worker being replaced.
        window = max(2, IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values())))
        pending: deque = deque()  # (batch, future) in input order
        batches = _batches(files, encoding, inputs)
        for batch in batches:
            pending.append((batch, client.submit(_lint_batch, batch, job, pure=False)))
            if len(pending) >= window:
                yield from _collect(client, *pending.popleft(), job, KilledWorker)
        while pending:
            yield from _collect(client, *pending.popleft(), job, KilledWorker)
    finally:
        if own:
            client.close()


def _collect(client, batch: list[_Input], future, job: _Job, killed: type) -> Iterator[Any]:
    """A batch's results; if its workers kept dying, each document retried alone."""
    try:
        yield from future.result()
        return
    except killed:
        pass
    finally:
        future.release()
    # One at a time: a document retried beside the one that kills workers could be killed
    # with it and reported in its place.
    for item in batch:
        single = client.submit(_lint_batch, [item], job, pure=False)
        try:
            result = single.result()[0]
        except killed as exc:
            result = _lost(item, job, type(exc).__name__)
        finally:
            single.release()
        yield result


def report_text(fmt: str, parts: Iterator[Any]) -> str:
    """The whole report of ``lint_files(..., prepare=prerender(fmt, ...))``'s parts, as the
    command would print it: for callers of the API (the benchmark, the tests)."""
    import io

    from gongwen.output.stream import Report

    out = io.StringIO()
    report = Report(fmt, out)
    for part in parts:
        report.add_prerendered(part)
    report.close()
    return out.getvalue()
