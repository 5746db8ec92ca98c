"""Linting on a Dask (distributed) cluster: ``gongwen check --cluster ADDRESS``.

One job: cut a run's inputs into tasks the cluster's workers can do on their own, and hand
the results back in input order, so that ``run.execute`` renders exactly what a local run
renders.

- **Who reads what.** A local file is read by the client (with the same capped reader as a
  local run) and its bytes shipped, so workers need no shared filesystem. A URL (``s3://``,
  ``hdfs://``…, gongwen.remote) is read by the worker that checks it: the client only lists
  folders. A web archive is indexed once — by a worker if it is remote — into its pages'
  places (warc.PageRecord), and workers then read their share of it as byte ranges: the
  client never streams a remote archive.
- **Order and memory.** At most ``window`` tasks are in flight and finished ones wait only
  until the ones before them are done: memory on the client and the workers does not grow
  with the run. A remote archive's index (a few bytes per page) is the one thing held
  whole, one archive at a time.
- **A worker that dies** loses nothing: the scheduler reschedules its tasks on the others
  (up to ``distributed.scheduler.allowed-failures`` times). A task that still fails is
  split and each of its documents retried alone, so one document that kills every worker
  it reaches is reported on that document as LNT906 — as a dead ``--jobs`` worker is —
  and the others are still checked.
- **Cache.** With ``--cache-dir`` the workers look findings up and store them there, as
  local pool workers do (gongwen.cache): on one host, or a folder all hosts mount.

Dask is imported only here, and this module only for ``--cluster``: the plain CLI's
start-up does not change.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from gongwen import api, faults
from gongwen.diagnostic import Diagnostic
from gongwen.document import Document
from gongwen.engine import Linter
from gongwen.formats import format_for
from gongwen.formats.warc import PageRecord, SkippedRecords, is_archive, page_at, pages
from gongwen.remote import RemoteError, Url
from gongwen.run import RunError
from gongwen.sources import (InputOptions, InputProblem, display_path, document_from_bytes,
                             read_capped)

BATCH_DOCUMENTS = 32  # documents per task: scheduler overhead is ~1 ms per task
BATCH_BYTES = 8 << 20  # and at most this many bytes of input per task (a few large PDFs)
IN_FLIGHT_PER_THREAD = 3  # tasks queued per worker thread: busy workers, bounded memory
UNKNOWN_TAIL = 1 << 20  # read past a page whose record end is unknown (a broken archive)
# Dask keeps its last 1000 messages for debugging (distributed.admin.low-level-log-length):
# on the client those are our tasks with the files' bytes, up to 8 MB each. Keep a few.
QUIET = {"distributed.admin.low-level-log-length": 16}
# A run never waits for ever on a cluster that cannot do its work: a scheduler that took the
# handshake and then stopped answering (stopped, swapping, a dead proxy), or one without a
# worker (`dask scheduler` started and no `dask worker`), held the run until it was killed.
ANSWER_SECONDS = 30.0  # for the scheduler to answer a question
NO_WORKER_SECONDS = 120.0  # with tasks waiting and no worker (an adaptive cluster starts some)


class ClusterError(RunError):
    """The cluster cannot be reached or used (the run exits 2, like any run error)."""


@dataclass(frozen=True)
class _Job:
    """What every task needs besides its documents."""

    linter: Linter
    encoding: str | None  # --encoding
    inputs: InputOptions
    prepare: Callable | None
    cache: Any  # gongwen.cache.Cache or None


# What a task is made of: units, each one or more documents that a worker can read on its own.

@dataclass(frozen=True)
class _Bytes:
    """A local file as the client read it, and how the local run would name and decode it."""

    shown: str
    fmt: str
    encoding: str | None
    options: dict[str, Any]  # the reader's (content selector), decided by the file's path
    data: bytes | InputProblem

    def names(self) -> list[str]:
        return [self.shown]

    def size(self) -> int:
        return len(self.data) if isinstance(self.data, bytes) else 0

    def documents(self, job: _Job) -> list[Document | InputProblem]:
        if isinstance(self.data, InputProblem):
            return [self.data]
        return [faults.read_guarded(self.shown, lambda: document_from_bytes(
            self.data, self.shown, self.fmt, self.encoding, self.options))]

    def alone(self) -> list["_Bytes"]:
        return [self]


@dataclass(frozen=True)
class _Remote:
    """A file named by URL: the worker reads it."""

    url: str

    def names(self) -> list[str]:
        from gongwen import remote

        return [remote.shown(self.url)]

    def size(self) -> int:
        return 0

    def documents(self, job: _Job) -> list[Document | InputProblem]:
        from gongwen import remote

        return [remote.read_document(self.url, job.encoding, job.inputs)]

    def alone(self) -> list["_Remote"]:
        return [self]


@dataclass(frozen=True)
class _Pages:
    """Consecutive pages of one archive: bytes ``start``–``end`` of it, shipped (``data``)
    or read by the worker from ``archive`` (a URL) in one ranged request."""

    archive: str
    start: int
    end: int
    pages: tuple[PageRecord, ...]
    data: bytes | None = None

    def names(self) -> list[str]:
        return [p.url for p in self.pages]

    def size(self) -> int:
        return self.end - self.start

    def documents(self, job: _Job) -> list[Document | InputProblem]:
        data = self.data
        if data is None:
            from gongwen import remote

            try:
                data = remote.read_range(self.archive, self.start, self.end)
            except OSError as exc:
                return [InputProblem(p.url, "LNT901", f"无法读取网页归档 {self.archive}：{exc.strerror or exc}")
                        for p in self.pages]
            except Exception as exc:  # a store driver's own error type: these pages' LNT904, not the run's end
                if faults.strict():
                    raise
                return [faults.failed_input(faults.reader_crashed(p.url, exc)) for p in self.pages]
        return [page_at(data[p.offset - self.start:None if p.length < 0 else p.offset - self.start + p.length],
                        p.url, job.inputs) for p in self.pages]

    def alone(self) -> list["_Pages"]:
        data = self.data
        return [_Pages(self.archive, p.offset, _end(p, self.end), (p,),
                       None if data is None else data[p.offset - self.start:_end(p, self.end) - self.start])
                for p in self.pages]


def _end(page: PageRecord, limit: int) -> int:
    return limit if page.length < 0 else page.offset + page.length


@dataclass(frozen=True)
class _Here:
    """Results made on the client, in their place in the order: an input that could not be
    read, or a note for stderr (the records an archive skipped)."""

    item: InputProblem | str


def _lint_batch(batch: list, job: _Job) -> list[Any]:
    """The task a worker runs."""
    return [_finish(doc, job) for unit in batch for doc in unit.documents(job)]


def _finish(doc: Document | InputProblem, job: _Job) -> Any:
    result = api.lint_prepared(doc, job.linter, job.prepare, job.cache)
    if job.prepare is None and isinstance(doc, Document):
        doc._memo.clear()  # the rules' scans are not needed again: do not ship them back
    return result


def _index(archive: str, inputs: InputOptions) -> tuple[list[PageRecord | InputProblem], SkippedRecords]:
    """The task that indexes a remote archive: where its pages are (not the pages)."""
    skipped = SkippedRecords()
    return list(pages(Url(archive), inputs, skipped, where_only=True)), skipped


# The plan: every input, in order, as units (work) and _Here items (the client's own).

def _plan(paths: Iterable[Path | Url | InputProblem], job: _Job, index) -> Iterator[Any]:
    for item in paths:
        if isinstance(item, InputProblem):
            yield _Here(item)
        elif isinstance(item, Url) and is_archive(item.name):
            yield from _archive(item.url, *index(item.url), None, job.inputs)
        elif isinstance(item, Url):
            yield _Remote(item.url)
        elif is_archive(item.name):
            yield from _local_archive(item, job)
        else:
            yield _Bytes(display_path(item), format_for(item.name), job.encoding or job.inputs.encoding_for(item),
                         job.inputs.reader_options(item), read_capped(item, job.inputs.max_file_size))


def _local_archive(path: Path, job: _Job) -> Iterator[Any]:
    """A local archive is indexed here and its pages' bytes shipped (workers may not see it)."""
    shown = display_path(path)
    skipped = SkippedRecords()
    entries = pages(path, job.inputs, skipped, where_only=True)
    try:
        data = open(path, "rb")
    except OSError:  # `pages` reports it
        data = None
    try:
        yield from _archive(shown, entries, skipped, data, job.inputs)
    finally:
        if data is not None:
            data.close()


def _archive(name: str, entries: Iterable[PageRecord | InputProblem], skipped: SkippedRecords,
             local, inputs: InputOptions) -> Iterator[Any]:
    """An archive's entries as units of consecutive pages (bounded in count and bytes);
    ``local``: the open archive, whose bytes are shipped, or None (workers read them)."""
    run: list[PageRecord] = []
    limit = BATCH_BYTES

    def span() -> _Pages:
        start, end = run[0].offset, _end(run[-1], run[-1].offset + inputs.max_file_size + UNKNOWN_TAIL)
        data = None
        if local is not None:
            local.seek(start)
            data = local.read(end - start)
        return _Pages(name, start, end, tuple(run), data)

    for entry in entries:
        if isinstance(entry, InputProblem):
            if run:
                yield span()
                run = []
            yield _Here(entry)
            continue
        if run and (len(run) >= BATCH_DOCUMENTS or _end(entry, entry.offset) - run[0].offset > limit):
            yield span()
            run = []
        run.append(entry)
    if run:
        yield span()
    if skipped.total:
        yield _Here(f"gongwen: {name}：{skipped.describe()}")


def connect(address: str):
    """A client of the scheduler at ``address`` (``tcp://host:8786``, or a scheduler file)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ClusterError("--cluster 需要 Dask：pip install '.[cluster]'（在仓库目录中）") from exc
    import dask

    try:
        with dask.config.set(QUIET):
            if os.path.isfile(address):  # `dask scheduler --scheduler-file` writes one for batch systems
                return Client(scheduler_file=address, timeout="30s")
            return Client(address, timeout="30s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"无法连接集群 {address}：{exc}") from exc
    except Exception as exc:  # noqa: BLE001 — whatever the handshake with a stranger raises
        # Not a Dask scheduler (an SSH or HTTP server, a typo'd port): Dask reads the first
        # bytes of the answer as its frame header and fails on them as MemoryError (a length
        # of exabytes), struct.error or worse — an "internal error" naming no address.
        raise ClusterError(f"无法连接集群 {address}：对方的应答不是 Dask 调度器的握手"
                           f"（{type(exc).__name__}），请检查地址和端口") from exc


def lint_paths(paths: Iterable[Path | Url | InputProblem], linter: Linter, encoding: str | None = None,
               inputs: InputOptions | None = None,
               prepare: Callable[[Document | InputProblem, list[Diagnostic]], Any] | None = None,
               cache: Any = None, note: Callable[[str], None] = print, *, address: str,
               client=None) -> Iterator[Any]:
    """What a local run makes of ``paths`` (files, archives, URLs, problems of the walk),
    computed on the cluster at ``address``: for each document in order, ``(doc, found)``
    or ``prepare(doc, found)``. ``note`` gets what the local run prints on stderr (records
    an archive skipped), in its place. ``client``: an open client to use instead of
    connecting (the tests and the benchmark pass theirs, the command connects before its
    report begins); the caller closes it."""
    own = client is None
    client = connect(address) if own else client
    job = _Job(linter, encoding, inputs or InputOptions(encoding=encoding), prepare, cache)
    return _stream(client, own, paths, job, note)


def lint_files(files: list[Path], linter: Linter, encoding: str | None = None,
               jobs: int | None = None, inputs: InputOptions | None = None,
               prepare: Callable[[Document | InputProblem, list[Diagnostic]], Any] | None = None,
               *, address: str, client=None) -> Iterator[Any]:
    """``api.lint_files`` on the cluster (``jobs`` is the local pool's and is ignored)."""
    return lint_paths(files, linter, encoding, inputs, prepare, address=address, client=client)


def _tasks(plan: Iterator[Any]) -> Iterator[list | _Here]:
    """Units gathered into tasks of at most BATCH_DOCUMENTS documents and BATCH_BYTES
    bytes; a client-side item closes the task before it, keeping its place."""
    batch: list = []
    docs = size = 0
    for unit in plan:
        if isinstance(unit, _Here):
            if batch:
                yield batch
                batch, docs, size = [], 0, 0
            yield unit
            continue
        if batch and (docs + len(unit.names()) > BATCH_DOCUMENTS or size + unit.size() > BATCH_BYTES):
            yield batch
            batch, docs, size = [], 0, 0
        batch.append(unit)
        docs += len(unit.names())
        size += unit.size()
    if batch:
        yield batch


def _stream(client, own: bool, paths, job: _Job, note) -> Iterator[Any]:
    import dask
    from distributed import KilledWorker

    def index(url: str):
        future = client.submit(_index, url, job.inputs, pure=False)
        try:
            return _result(client, future)
        except KilledWorker as exc:
            return [faults.failed_input(faults.worker_died(url, exc))], SkippedRecords()
        finally:
            future.release()

    with dask.config.set(QUIET):  # also for a connection the client makes again
        try:
            # The job goes with every task (16 KB pickled), not scattered once: scattered data
            # dies with the last worker holding it, and a run must survive every worker being replaced.
            window = max(2, IN_FLIGHT_PER_THREAD * max(1, sum(_threads(client).values())))
            pending: deque = deque()  # (task, future or None) in input order
            for task in _tasks(_plan(paths, job, index)):
                future = None if isinstance(task, _Here) else client.submit(_lint_batch, task, job, pure=False)
                pending.append((task, future))
                if len(pending) >= window:
                    yield from _collect(client, *pending.popleft(), job, note, KilledWorker)
            while pending:
                yield from _collect(client, *pending.popleft(), job, note, KilledWorker)
        except RemoteError as exc:
            raise ClusterError(str(exc)) from exc
        finally:
            if own:
                client.close(timeout=ANSWER_SECONDS)


def _collect(client, task, future, job: _Job, note, killed: type) -> Iterator[Any]:
    """A task's results; if its workers kept dying, each document retried alone."""
    if future is None:
        if isinstance(task.item, str):
            note(task.item)
        else:
            yield _finish(task.item, job)
        return
    try:
        yield from _result(client, future)
        return
    except killed:
        pass
    finally:
        future.release()
    # One at a time: a document retried beside the one that kills workers could be killed
    # with it and reported in its place.
    for unit in (alone for unit in task for alone in unit.alone()):
        single = client.submit(_lint_batch, [unit], job, pure=False)
        try:
            results = _result(client, single)
        except killed as exc:
            if faults.strict():
                raise
            results = [_finish(faults.failed_input(faults.worker_died(name, exc)), job) for name in unit.names()]
        finally:
            single.release()
        yield from results


def _threads(client) -> dict:
    """The workers' threads, as the scheduler counts them now; ClusterError if it does not
    answer in ANSWER_SECONDS."""
    try:
        return client.nthreads(callback_timeout=ANSWER_SECONDS)
    except TimeoutError as exc:
        raise ClusterError(f"集群 {client.scheduler.address} 的调度器 {ANSWER_SECONDS:g} 秒内没有应答"
                           "（已停止或失去响应），检查中止") from exc


def _result(client, future) -> Any:
    """``future.result()``, waited for only while the cluster can still give it: while the
    scheduler answers and has a worker, or has had none for less than NO_WORKER_SECONDS.
    A task itself may take long (a file's lint is bounded by its time budget)."""
    import time

    alone_since = None
    while True:
        try:
            return future.result(timeout=ANSWER_SECONDS)
        except TimeoutError:
            if future.done():  # the task's own error, not the wait's
                raise
        if _threads(client):
            alone_since = None
            continue
        alone_since = alone_since or time.monotonic()
        if time.monotonic() - alone_since >= NO_WORKER_SECONDS:
            raise ClusterError(f"集群 {client.scheduler.address} 没有 worker，"
                               f"等待 {NO_WORKER_SECONDS:g} 秒后检查中止（启动 dask worker 后重试）")


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
