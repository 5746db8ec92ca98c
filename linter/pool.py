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
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, NamedTuple, Sequence

from gongwen import held_signals

_job: Callable[[Any], Any] | None = None  # in a worker process
_chunk_job: Callable[[Sequence[Any]], list[Any]] | None = None  # the same, a chunk at once
IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy


def _init_worker(job: Callable[[Any], Any], mask: set | None,
                 chunk_job: Callable[[Sequence[Any]], list[Any]] | None = None) -> None:
    global _job, _chunk_job
    _job, _chunk_job = job, chunk_job
    # Ctrl-C reaches the whole process group. A worker that took it as an error of its job
    # reported it and went on to the next chunk, orphaned once the parent had gone: the
    # parent alone stops the run, and a worker finishes the file it is writing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Forked (or spawned) with the terminating signals held (``_submit``); a Ctrl-C that
    # came since is dropped now, being ignored, and a SIGTERM is delivered.
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """Stop this worker once its parent is gone (SIGKILL, the out-of-memory killer): blocked
    writing to a result pipe whose reading end it also holds, it slept for ever, keeping the
    caller's standard output open — a CI step waiting for it never ended."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="gongwen-parent-watch", daemon=True).start()


def _run_chunk(items: Sequence[Any]) -> list[Any]:
    return _chunk_job(items) if _chunk_job is not None else [_job(item) for item in items]


def _executor(job: Callable[[Any], Any], workers: int, chunk_job=None) -> ProcessPoolExecutor:
    # fork hands the job (a configured linter, user-defined rules included) to the workers
    # without pickling it; elsewhere it is pickled once per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, []) if held_signals.CAN_HOLD else None  # the mask as it is
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                               initargs=(job, mask, chunk_job))


def _submit(pool: ProcessPoolExecutor, part: Sequence[Any]) -> Future:
    """``pool.submit`` for a chunk, with the terminating signals held: a submit may fork
    (the first under fork, each under spawn). A Ctrl-C inside the fork's at-fork handlers
    was printed as "Exception ignored" and lost, the run going on to a complete report; one
    in a new worker before its initializer raised KeyboardInterrupt there. Held, it reaches
    the parent once the fork is over, and the workers, which ignore it, never."""
    with held_signals.held():
        return pool.submit(_run_chunk, part)


class _Kept(NamedTuple):
    """What stands in the window for an item not sent to a worker."""

    result: Any


class _Broken(Exception):
    """The pool died; the items handed to it and not yet yielded are to be retried."""


def _in_order(job: Callable[[Any], Any], items: _Items, workers: int, chunk: int,
              here: Callable[[Any], Any], handed: deque, chunk_job=None) -> Iterator[Any]:
    """``job(item)`` for each item, in order, from a pool of ``workers``; raises _Broken.
    ``handed`` holds the items taken from ``items`` and not yet yielded, in order: the
    window's, never the whole input (a walk of a million files is read as it goes)."""
    window: deque[Future | _Kept] = deque()
    with _executor(job, workers, chunk_job) as pool:
        try:
            while True:
                while len(window) < workers * IN_FLIGHT_PER_WORKER:
                    part = _next_part(items, chunk, here, handed)
                    if part is None:
                        break
                    window.append(part if isinstance(part, _Kept) else _submit(pool, part))
                if not window:
                    return
                head = window.popleft()
                for result in [head.result] if isinstance(head, _Kept) else head.result():
                    handed.popleft()
                    yield result
        except BrokenProcessPool as exc:
            raise _Broken() from exc
        except (KeyboardInterrupt, GeneratorExit):
            pool.shutdown(wait=True, cancel_futures=True)  # chunks not yet started are dropped
            raise


def _next_part(items: "_Items", chunk: int, here: Callable[[Any], Any], handed: deque) -> list | _Kept | None:
    """Up to ``chunk`` items for a worker, stopping before one that stays here (that one
    alone, as _Kept, when it comes first); None when ``items`` is exhausted."""
    part: list[Any] = []
    while len(part) < chunk and items.more():
        kept = here(items.peek())
        if kept is not None:
            if part:
                break
            handed.append(items.take())
            return _Kept(kept)
        handed.append(items.peek())
        part.append(items.take())
    return part or None


class _Items:
    """An iterator that can be looked at one item ahead."""

    _EMPTY = object()

    def __init__(self, items: Iterable[Any]) -> None:
        self.items, self.ahead = iter(items), self._EMPTY

    def more(self) -> bool:
        if self.ahead is self._EMPTY:
            self.ahead = next(self.items, self._EMPTY)
        return self.ahead is not self._EMPTY

    def peek(self) -> Any:
        self.more()
        return self.ahead

    def take(self) -> Any:
        item, self.ahead = self.peek(), self._EMPTY
        return item


def _one_at_a_time(job: Callable[[Any], Any], items: Sequence[Any], here: Callable[[Any], Any],
                   on_death: Callable[[Any, BaseException], Any], chunk_job=None) -> Iterator[Any]:
    """Each item alone in a one-worker pool, restarted after a death: an item whose
    future breaks is the one that killed the worker."""
    i = 0
    while i < len(items):
        with _executor(job, 1, chunk_job) as pool:
            try:
                while i < len(items):
                    result = here(items[i])
                    if result is None:
                        result = _submit(pool, items[i:i + 1]).result()[0]
                    i += 1
                    yield result
            except BrokenProcessPool as exc:
                yield on_death(items[i], exc)
                i += 1


def imap(job: Callable[[Any], Any], items: Iterable[Any], workers: int, chunk: int,
         on_death: Callable[[Any, BaseException], Any], here: Callable[[Any], Any] | None = None,
         chunk_job: Callable[[Sequence[Any]], list[Any]] | None = None) -> Iterator[Any]:
    """``job(item)`` for every item, in input order, computed in ``workers`` processes;
    ``on_death(item, exc)`` stands for an item whose worker died on it twice. An item for
    which ``here(item)`` is not None is not sent to a worker: that value is yielded in its
    place. ``items`` is read as the pool needs more, never listed. ``chunk_job`` (the same
    results as ``job`` on each item, in order) computes a worker's chunk at once."""
    here = here or (lambda item: None)
    source = _Items(items)
    while True:
        handed: deque = deque()
        try:
            yield from _in_order(job, source, workers, chunk, here, handed, chunk_job)
            return
        except _Broken:
            yield from _one_at_a_time(job, list(handed), here, on_death, chunk_job)
