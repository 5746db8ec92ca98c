"""Running one job per file in worker processes, results in input order, surviving a
worker that dies.

A worker killed mid-run (out of memory, a signal, a crash in a C extension) breaks the
whole ``ProcessPoolExecutor``: every future still in it fails with BrokenProcessPool, and
nothing says which file was the cause. The pool is then restarted; the files that were in
flight are retried one at a time in a single worker, where the one that kills it again is
the one it was checking (it gets ``on_death``'s result, LNT906 in the run); the other files
go back to the full pool. Only a few chunks are in flight at once, so a death costs a
bounded retry and results waiting for their turn stay few.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator, Sequence

_job: Callable[[Any], Any] | None = None  # in a worker process
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy


def _init_worker(job: Callable[[Any], Any]) -> None:
    global _job
    _job = job
    # Ctrl-C reaches the whole process group. A worker that took it as an error of its job
    # reported it and went on to the next chunk, orphaned once the parent had gone: the
    # parent alone stops the run, and a worker finishes the file it is writing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(items: Sequence[Any]) -> list[Any]:
    return [_job(item) for item in items]


def _executor(job: Callable[[Any], Any], workers: int) -> ProcessPoolExecutor:
    # fork hands the job (a configured linter, user-defined rules included) to the workers
    # without pickling it; elsewhere it is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(job,))


class _Broken(Exception):
    """The pool died; ``done`` items were yielded, ``started`` were handed to it."""

    def __init__(self, done: int, started: int, cause: BrokenProcessPool) -> None:
        super().__init__(done, started)
        self.done, self.started, self.cause = done, started, cause


def _in_order(job: Callable[[Any], Any], items: Sequence[Any], workers: int, chunk: int) -> Iterator[Any]:
    """``job(item)`` for each item, in order, from a pool of ``workers``; raises _Broken."""
    window: deque[tuple[Future, int]] = deque()
    done = started = 0
    with _executor(job, workers) as pool:
        try:
            while done < len(items):
                while started < len(items) and len(window) < workers * IN_FLIGHT_PER_WORKER:
                    part = items[started:started + chunk]
                    window.append((pool.submit(_run_chunk, part), len(part)))
                    started += len(part)
                future, size = window.popleft()
                for result in future.result():
                    done += 1
                    yield result
        except BrokenProcessPool as exc:
            raise _Broken(done, started, exc) from exc
        except (KeyboardInterrupt, GeneratorExit):
            pool.shutdown(wait=True, cancel_futures=True)  # chunks not yet started are dropped
            raise


def _one_at_a_time(job: Callable[[Any], Any], items: Sequence[Any],
                   on_death: Callable[[Any, BaseException], Any]) -> Iterator[Any]:
    """Each item alone in a one-worker pool, restarted after a death: an item whose
    future breaks is the one that killed the worker."""
    i = 0
    while i < len(items):
        with _executor(job, 1) as pool:
            try:
                while i < len(items):
                    result = pool.submit(_run_chunk, items[i:i + 1]).result()[0]
                    i += 1
                    yield result
            except BrokenProcessPool as exc:
                yield on_death(items[i], exc)
                i += 1


def imap(job: Callable[[Any], Any], items: Sequence[Any], workers: int, chunk: int,
         on_death: Callable[[Any, BaseException], Any]) -> Iterator[Any]:
    """``job(item)`` for every item, in input order, computed in ``workers`` processes;
    ``on_death(item, exc)`` stands for an item whose worker died on it twice."""
    pos = 0
    while pos < len(items):
        try:
            for result in _in_order(job, items[pos:], workers, chunk):
                pos += 1
                yield result
            return
        except _Broken as broken:
            suspects = items[pos:pos + broken.started - broken.done]
            yield from _one_at_a_time(job, suspects, on_death)
            pos += len(suspects)
