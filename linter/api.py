"""The Python API: the same diagnostics the command line prints."""
from __future__ import annotations

import functools
import gc
import itertools
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from gongwen import collector
from gongwen import config as config_mod
from gongwen import faults
from gongwen.analysis import pattern_cache
from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Document, Location
from gongwen.engine import Linter, Settings
from gongwen.registry import Registry
from gongwen.sources import (InputOptions, InputProblem, Skipped, display_path, document_from_bytes, iter_files,
                             read_document)

_registry: Registry | None = None


def registry() -> Registry:
    """The rules of every installed pack, discovered once per process."""
    global _registry
    if _registry is None:
        _registry = Registry.discover()
    return _registry


def make_linter(values: dict[str, Any] | None = None, *, select: list[str] | None = None,
                ignore: list[str] | None = None, extend_select: list[str] | None = None,
                preview: bool | None = None) -> Linter:
    """``preview`` (None: config ``preview``, default off) also runs the preview rules."""
    return Linter(Settings.from_config(registry(), values or {}, select=select, ignore=ignore,
                                       extend_select=extend_select, preview=preview))


def problem_diagnostic(problem: InputProblem, linter: Linter) -> Diagnostic | None:
    """An unreadable or empty input as a diagnostic, unless its code is not selected (a
    failure of the run on a file is reported whatever is selected)."""
    if isinstance(problem, faults.FailedInput):
        return problem.diagnostic
    if problem.code not in linter.enabled:
        return None
    rule = registry().by_code[problem.code]
    start = Location(1, 1)
    return Diagnostic(code=rule.code, name=rule.name,
                      severity=linter.settings.severity.get(rule.code, rule.severity),
                      message=problem.message, path=problem.path, start=0, end=0,
                      location=start, end_location=start, help=problem.help,
                      fingerprint=f"{rule.code}:{problem.path}")


def lint_document(doc: Document | InputProblem, linter: Linter) -> list[Diagnostic]:
    if isinstance(doc, InputProblem):
        d = problem_diagnostic(doc, linter)
        return [d] if d else []
    try:
        with faults.budgeted():
            return linter.lint(doc)  # a rule that raises is isolated inside (LNT903)
    except faults.OverBudget as exc:  # a rule that never returns: this file only (LNT910)
        if linter.settings.strict:
            raise
        return [faults.over_budget(doc.path, exc)]
    except Exception as exc:  # the engine's own steps (suppressions, ordering)
        if linter.settings.strict:
            raise
        return [faults.lint_crashed(doc.path, exc)]


def read_path(path: Path, encoding: str | None = None,
              opts: InputOptions | None = None) -> Document | InputProblem:
    """A file as a document, or what stands for it; a reader that raises is reported as
    LNT904 on this file instead of ending the run."""
    return faults.read_guarded(display_path(path), lambda: read_document(path, encoding, opts))


def document_from_text(text: str, path: str = "<text>", fmt: str = "text",
                       content_selector: str | None = None) -> Document:
    """A string as a document of a text format, through that format's reader (so Markdown
    code and HTML markup are masked exactly as when the file is read from disk)."""
    from gongwen.formats import BINARY_FORMATS, FORMATS, read_text_format

    if fmt not in FORMATS or fmt in BINARY_FORMATS:
        raise ValueError(f"不能从字符串读取 {fmt!r} 格式（可用：text、markdown、html）")
    return read_text_format(fmt, text, path, {"content-selector": content_selector})


def lint_text(text: str, *, path: str = "<text>", fmt: str = "text", select: list[str] | None = None,
              ignore: list[str] | None = None, config: dict[str, Any] | None = None) -> list[Diagnostic]:
    """Lint a string. ``config`` takes the keys of ``[tool.gongwen]``."""
    linter = make_linter(config, select=select, ignore=ignore)
    return linter.lint(document_from_text(text, path, fmt))


def read_bytes(data: bytes, *, path: str, fmt: str | None = None, encoding: str | None = None,
               content_selector: str | None = None) -> Document | InputProblem:
    """A document in any supported format (by ``fmt`` or the name's suffix) from bytes."""
    from gongwen.formats import format_for

    return document_from_bytes(data, path, fmt or format_for(path), encoding,
                               {"content-selector": content_selector})


def iter_lint_paths(paths: Iterable[Path], linter: Linter, encoding: str | None = None,
                    opts: InputOptions | None = None) -> Iterator[tuple[Document | InputProblem, list[Diagnostic]]]:
    from gongwen.formats.warc import SkippedRecords, is_archive, pages

    opts = opts or InputOptions(encoding=encoding)
    for item in iter_files(list(paths), opts):
        if isinstance(item, Skipped):
            continue
        if not isinstance(item, InputProblem) and is_archive(item.name):
            for doc in pages(item, opts, SkippedRecords()):  # a web archive: each HTML page, path = URL
                yield doc, lint_document(doc, linter)
            continue
        doc = item if isinstance(item, InputProblem) else read_path(item, encoding, opts)
        yield doc, lint_document(doc, linter)


def lint_paths(paths: Iterable[str | Path], *, select: list[str] | None = None,
               ignore: list[str] | None = None, config_path: str | Path | None = None,
               encoding: str | None = None) -> list[Diagnostic]:
    """Lint files and directories; configuration is discovered as the CLI does."""
    cfg = config_mod.load(Path(config_path) if config_path else None)
    linter = make_linter(cfg.values, select=select, ignore=ignore)
    found: list[Diagnostic] = []
    opts = InputOptions.from_config(cfg.values, cfg.root, encoding=encoding)
    for _, diagnostics in iter_lint_paths([Path(p) for p in paths], linter, encoding, opts):
        found.extend(diagnostics)
    return found


def lint_files(files: Iterable[Path], linter: Linter, encoding: str | None = None,
               jobs: int | None = None, inputs: InputOptions | None = None,
               prepare: Callable[[Document | InputProblem, list[Diagnostic]], Any] | None = None,
               cache: Any = None, here: Callable[[Any], bool] | None = None) -> Iterator[Any]:
    """Read and lint the given files, yielding (document, diagnostics) in the order given,
    whatever ``jobs`` is — or, with ``prepare``, ``prepare(document, diagnostics)``, computed
    where the file was linted (a picklable function: the run uses it to render output in
    the workers and ship text, not documents, back).

    ``jobs`` > 1 (``None`` or 0: one per core) lints in worker processes; one file, one job,
    or by default less than SMALL_RUN_BYTES of input, stays in this process so that a small
    run pays no start-up cost. With ``cache`` (a
    ``gongwen.cache.Cache``) an unchanged document's findings are read back, not linted.

    ``files`` is read as it is consumed (at most LOOKAHEAD ahead, to size the pool), so a
    walk is never listed whole; an item for which ``here(item)`` is true is not linted but
    yielded back as ``Passed(item)`` in its place (the run reads web archives itself)."""
    here = here or (lambda item: False)
    items = iter(files)
    wanted = default_jobs() if not jobs else min(jobs, most_jobs())
    # 256 files per worker: past them a chunk is 64 files whatever the total (see below).
    head, ended, size = _look_ahead(items, here, 256 * wanted, weigh=not jobs)
    count = sum(1 for item in head if not here(item))  # all of them when the walk has ended
    workers = min(wanted, count) if ended else wanted
    if not jobs and ended and size < SMALL_RUN_BYTES:
        workers = 1  # chosen by default, not asked for: a pool would cost more than it saves
    stream = itertools.chain(head, items)
    if workers <= 1:
        if linter.precomputes:
            yield from _lint_in_batches(stream, linter, encoding, inputs, prepare, here, cache)
            return
        for item in stream:
            yield Passed(item) if here(item) else _lint_path(item, linter, encoding, inputs, prepare, cache)
        return
    from gongwen import pool

    # A walk that goes on past the look-ahead has count // (workers * 4) >= 64.
    chunk = max(1, min(64, count // (workers * 4))) if ended else 64
    job = functools.partial(_lint_in_worker, linter, encoding, inputs, prepare, cache)
    in_batches = functools.partial(_lint_chunk_in_worker, linter, encoding, inputs, prepare, cache) \
        if linter.precomputes else None
    yield from pool.imap(job, stream, workers, chunk, functools.partial(_worker_died, linter, prepare),
                         lambda item: Passed(item) if here(item) else None, in_batches)


class Passed(NamedTuple):
    """An item ``lint_files`` was told to leave to its caller, yielded in its place."""

    item: Any


# Below this much input, the default --jobs lints in this process: starting a worker costs about
# 0.2 CPU s (fork, then each worker building its rules' patterns and tables again), and a core
# lints about 1.3 MB of reports per CPU second (benchmarks/speed's 1,000 files: 10.5 MB, ~8 s),
# so a pool of two first pays off past roughly half a megabyte.
SMALL_RUN_BYTES = 512 * 1024


# Files read ahead, at most, to tell a small run (below SMALL_RUN_BYTES) from a large one:
# more files than this make a large run however little each holds.
LOOKAHEAD = 4096


def _look_ahead(items: Iterator[Any], here: Callable[[Any], bool], least: int,
                weigh: bool) -> tuple[list[Any], bool, int]:
    """The first items: ``least`` files, and with ``weigh`` more until they hold
    SMALL_RUN_BYTES (at most LOOKAHEAD files); whether that was all of them; their bytes."""
    import os

    head: list[Any] = []
    files = size = 0
    for item in items:
        head.append(item)
        if here(item):
            continue
        files += 1
        if weigh and size < SMALL_RUN_BYTES:
            try:
                size += os.stat(item).st_size
            except (OSError, ValueError):  # unreadable: its reader reports it; it costs nothing here
                pass
        if files >= least and (not weigh or size >= SMALL_RUN_BYTES or files >= LOOKAHEAD):
            return head, False, size
    return head, True, size


# Worker processes per core, at most: past the cores a process only waits, and each holds
# its own rules' tables (jieba's dictionary among them); with fork, the pool starts all of
# them at once, so --jobs 10000 on a big tree forked 10,000 processes and ran out of memory.
MOST_JOBS_PER_CORE = 4


def most_jobs() -> int:
    """The most worker processes a run starts, whatever --jobs asks."""
    return MOST_JOBS_PER_CORE * default_jobs()


def default_jobs() -> int:
    """The cores this process may run on."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _lint_path(path: Path, linter: Linter, encoding: str | None, inputs: InputOptions | None, prepare,
               cache=None):
    # The collector stays paused from the read to the document's release: resumed between
    # them, its first collection traversed every unit and cell the reader had made (409,000
    # objects, 0.05 s on a 1 MB page of table cells) only to find them alive. Released here
    # (when ``prepare`` renders it), they are freed by refcounting. Cycles made meanwhile are
    # all young: the youngest generation is collected at once, so that a long run frees each
    # file's cycles (lxml's, readability's) before the next file, as a paused collector
    # would not (it only counts the objects that stay, and few do).
    with collector.paused():
        result = lint_prepared(read_path(path, encoding, inputs), linter, prepare, cache)
    if gc.isenabled():
        gc.collect(0)
    return result


# Documents read ahead, at most, for the rules' batch steps (gongwen.rule.Rule.precompute):
# TYP013's screen of the benchmark's 1,000 files, its 16 MB of tables evicted by the other
# rules before every document, costs 0.21 s; every 32 documents 0.10, every 128 0.063
# (benchmarks/speed/NOTES.md, rounds 13 and 14). Characters too, so that a run's memory stays
# flat whatever its files hold (issue 16 item 5): a batch holds at most this many and the file
# that crosses it, so a large file weighs at most 256 K characters' documents more than alone.
# That bound is the one the benchmark's reports meet first (~75-100 of them).
BATCH_DOCUMENTS = 128
BATCH_CHARACTERS = 256 * 1024


def _lint_in_batches(stream: Iterator[Any], linter: Linter, encoding: str | None, inputs: InputOptions | None,
                     prepare, here: Callable[[Any], bool], cache: Any = None) -> Iterator[Any]:
    """``lint_files`` in this process when a rule has a batch step: a batch of files is
    read, the batch steps run over its documents in order (not over those whose findings
    ``cache`` holds), then each is linted and yielded in order, as ``_lint_path`` does one
    by one."""
    while True:
        # Paused as in _lint_path, from the reads to the documents' release (the batch's end).
        with collector.paused():
            batch = _read_batch(stream, here, encoding, inputs)
            if not batch:
                return
            _precompute(batch, linter, cache)
            for i, doc in enumerate(batch):
                batch[i] = None  # released as soon as it is linted, as one by one
                yield doc if isinstance(doc, Passed) else lint_prepared(doc, linter, prepare, cache)
            del doc
        if gc.isenabled():
            gc.collect(0)


def _read_batch(stream: Iterator[Any], here: Callable[[Any], bool], encoding: str | None,
                inputs: InputOptions | None) -> list[Any]:
    """The next files read (``Passed`` for those left to the caller): BATCH_DOCUMENTS, or
    fewer once they hold BATCH_CHARACTERS."""
    batch: list[Any] = []
    size = 0
    for item in stream:
        if here(item):
            batch.append(Passed(item))
        else:
            doc = read_path(item, encoding, inputs)
            batch.append(doc)
            if isinstance(doc, Document):
                size += len(doc.text)
        if len(batch) >= BATCH_DOCUMENTS or size >= BATCH_CHARACTERS:
            break
    return batch


def _precompute(batch: list[Any], linter: Linter, cache: Any) -> None:
    """The batch steps on the batch's documents in order (not on those whose findings
    ``cache`` holds), within one file's time budget for them all: a step that runs it out
    leaves its document and the rest to their lint, which computes the same within each
    file's own budget and reports a file that runs out of it (LNT910) as it would without
    the steps. One budget a batch, not one a document: arming one costs ~6 µs of CPU (the
    signal handler set and reset, the timer started and stopped), 6 ms of the benchmark's
    1,000 files, while a batch's steps take milliseconds (bounded by BATCH_CHARACTERS)."""
    try:
        with faults.budgeted():
            for doc in batch:
                if isinstance(doc, Document) and (cache is None or not cache.holds(doc)):
                    linter.precompute(doc)
    except faults.OverBudget:
        pass


def lint_prepared(doc: Document | InputProblem, linter: Linter, prepare=None, cache: Any = None) -> Any:
    """One document's findings (from ``cache`` when it has them) as ``lint_files`` yields
    them: ``(doc, found)``, or ``prepare(doc, found)``. Wherever the document was read."""
    if cache is not None and isinstance(doc, Document):
        found = cache.lint(doc, linter)
    else:
        found = lint_document(doc, linter)
    return (doc, found) if prepare is None else prepare(doc, found)


def _lint_in_worker(linter: Linter, encoding: str | None, inputs: InputOptions | None, prepare, cache,
                    path: Path):
    result = _shipped(_lint_path(path, linter, encoding, inputs, prepare, cache), prepare)
    pattern_cache.save()  # a pool's worker ends without atexit
    return result


def _lint_chunk_in_worker(linter: Linter, encoding: str | None, inputs: InputOptions | None, prepare, cache,
                          paths: list[Path]) -> list[Any]:
    """A worker's chunk of files, as ``_lint_in_worker`` on each, in batches (a rule has a
    batch step)."""
    results = [_shipped(result, prepare)
               for result in _lint_in_batches(iter(paths), linter, encoding, inputs, prepare, lambda item: False,
                                              cache)]
    pattern_cache.save()  # a pool's worker ends without atexit
    return results


def _shipped(result, prepare):
    if prepare is None and isinstance(result[0], Document):
        result[0]._memo.clear()  # the rules' scans are not needed again: do not ship them back
    return result


def _worker_died(linter: Linter, prepare, path: Path, exc: BaseException):
    """What stands for a file whose worker died on it twice (LNT906)."""
    if faults.strict():
        raise exc
    return lint_prepared(faults.failed_input(faults.worker_died(display_path(path), exc)), linter, prepare)


def at_or_above(diagnostics: Iterable[Diagnostic], threshold: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity >= threshold)
