"""One ``gongwen check`` run: read, lint (or fix), filter by baseline, render.

Kept apart from ``cli.py`` so that the command's option list stays a thin layer and the
pieces (fix loop, baseline, output formats) stay testable on their own.
"""
from __future__ import annotations

import fnmatch
import errno
import functools
import os
import sys
from collections import Counter
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator, TextIO

from gongwen import api, faults
from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Document
from gongwen.engine import Linter, capped_findings
from gongwen.formats import format_for
from gongwen.formats.warc import SkippedRecords, is_archive
from gongwen.formats.warc import pages as warc_pages
from gongwen.output.stream import MACHINE_STREAMED, Report, Tally, prerender
from gongwen.remote import Url
from gongwen.sources import (GENERATED_LINE, InputOptions, InputProblem, Skipped, display_path,
                             document_from_bytes, iter_files, printable_name, read_stream)

MACHINE_FORMATS = ("json", "github", "sarif", "junit", "html")
# Text formats whose report file can start with a comment line carrying the marker that
# tells a later walk the file is gongwen's own output (the HTML report has a meta tag).
MARKED_FORMATS = ("full", "concise", "github")  # GitHub ignores lines that are not ::commands
EXIT_EMPTY = 2  # a run that checked nothing is a usage error, unless allowed
PROGRESS_FROM = 20  # files; fewer finish before a bar would be worth drawing
# Findings listed per rule and file when only reporting (the rest are counted, LNT908):
# enough for any real report, and a bound on memory for any input.
MAX_FINDINGS_PER_RULE = 1000


class RunError(Exception):
    """A problem with the run itself (exit code 2)."""


@dataclass
class RunOptions:
    """What the command line asked of a run, beyond the rules (the Linter holds those)."""

    fmt: str = "full"
    encoding: str | None = None
    stdin_filename: str | None = None
    fix: bool = False
    unsafe: bool = False
    diff: bool = False
    show_fixes: bool = False
    statistics: bool = False
    width: int = 1
    output_file: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False
    jobs: int | None = None  # processes for linting (None: every core); fixing stays serial
    inputs: InputOptions | None = None  # discovery, encodings, readers (gongwen.sources)
    allow_empty: bool = False  # a run that checks no file passes (otherwise exit 2)
    config_path: Path | None = None  # read by this run: never an output
    cache_dir: Path | None = None  # findings of unchanged files (gongwen.cache); None: off
    cluster: str | None = None  # a Dask scheduler's address: lint there (gongwen.cluster)

    def __post_init__(self) -> None:
        if self.inputs is None:
            self.inputs = InputOptions(encoding=self.encoding, exclude=list(self.exclude),
                                       force_exclude=self.force_exclude)


@dataclass
class Outcome:
    """What a run did: its counts, and the exit code when the run decides it itself."""

    tally: Tally  # what was reported, as counts (the findings themselves were rendered and dropped)
    exit_code: int | None = None  # set when the run decides the exit code itself (--diff …)
    checked: int = 0  # inputs read (stdin included), whatever they held
    blocked: int = 0  # files a fix was to be written to and was not (refused, changed, failed)


def excluded(path: Path, globs: list[str]) -> bool:
    """Whether a glob of the config's ``exclude`` matches the path or a folder above it."""
    if not globs:
        return False
    shown = display_path(path)
    parts = shown.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatch(p, g.rstrip("/")) or fnmatch.fnmatch(parts[i], g.rstrip("/"))
               for g in globs for i, p in enumerate(prefixes))


def _files(targets: list[Path | Url], opts: RunOptions) -> Iterator[Path | Url | InputProblem]:
    """Discovery (include/exclude, .gitignore, symlink loops) is gongwen.sources'; the
    ``excluded`` test above is kept as well, so folder-name globs behave as before. A URL
    is listed by gongwen.remote."""
    # A path named twice, or a file inside a folder also named, is checked once. Only a path
    # inside two of the targets can come twice, so only such paths are remembered: the walk
    # of one folder keeps no set of its million paths.
    roots = Counter(os.path.normpath(os.path.abspath(t)) for t in targets if isinstance(t, Path))
    overlap = sum(roots.values()) > 1
    seen: set[str] = set()
    for item in _walk(targets, opts.inputs):
        if overlap and isinstance(item, Path):
            key = os.path.normpath(os.path.abspath(item))
            if _targets_holding(key, roots) > 1:
                if key in seen:
                    continue
                seen.add(key)
        if isinstance(item, Skipped):
            print(f"gongwen: {item.path}：{item.reason}", file=sys.stderr)
            continue
        if isinstance(item, (InputProblem, Url)) or not excluded(item, opts.exclude) or (
                not item.is_dir() and item in targets and not opts.force_exclude):
            yield item


def _targets_holding(key: str, roots: Counter) -> int:
    """How many targets (counted as often as named) are ``key`` or a folder above it."""
    held = 0
    while True:
        held += roots.get(key, 0)
        parent = os.path.dirname(key)
        if parent == key:
            return held
        key = parent


class _Counting:
    """The items of an iterator, counted as they go by."""

    def __init__(self, items) -> None:
        self.items, self.n = iter(items), 0

    def __iter__(self):
        return self

    def __next__(self):
        item = next(self.items)
        self.n += 1
        return item


def _walk(targets: list[Path | Url], inputs: InputOptions) -> Iterator[Path | Url | InputProblem | Skipped]:
    from gongwen import remote

    for target in targets:
        try:
            yield from remote.walk(target.url, inputs) if isinstance(target, Url) else iter_files([target], inputs)
        except remote.RemoteError as exc:
            raise RunError(str(exc)) from exc


def _bar_wanted(opts: RunOptions) -> bool:
    """A rich progress bar on stderr: only for a terminal, a human format and a long run."""
    return (opts.fmt not in MACHINE_FORMATS and not opts.diff and opts.output_file is None
            and sys.stderr.isatty())


def _progress(items: Iterable, total: int | None) -> Iterator:
    """``items``, drawing a bar of ``total`` steps when there are enough of them."""
    if total is None or total < PROGRESS_FROM:
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, total=total, description="检查中", console=Console(file=sys.stderr), transient=True)


def _out(opts: RunOptions, human_stream: TextIO | None = None) -> TextIO:
    """Where notes about fixes go: stdout for human formats, stderr beside machine ones."""
    return sys.stderr if opts.fmt in MACHINE_FORMATS or opts.diff else (human_stream or sys.stdout)


def execute(targets: list[Path], linter: Linter, opts: RunOptions) -> Outcome:
    """Lint (or fix) every target, rendering each file's findings as soon as it is done."""
    if opts.fix or opts.diff:  # a check that fixes nothing needs none of it (~4 M instructions)
        from gongwen import fix as fixmod

    # Fixing needs every finding; reporting needs a bound. A baseline too needs every finding
    # (a finding past the cap is matched with none): the bound is then on what it leaves.
    # With the cap counting every finding, 500 new errors after 1,000 old ones were only an
    # LNT908 note (info) and the gate passed.
    baselined = opts.baseline is not None or opts.write_baseline is not None
    if not (opts.fix or opts.diff):
        linter = linter.capped(MAX_FINDINGS_PER_RULE, baseline_follows=baselined)
    stdin_targets = [t for t in targets if str(t) == "-"]
    if len(stdin_targets) > 1:  # the second read found nothing and reported an empty file
        raise RunError(f"标准输入“-”只能给一次（给了 {len(stdin_targets)} 次）")
    # --diff, --write-baseline and fixing stdin (whose stdout is the fixed text) render nothing.
    renders = not opts.diff and opts.write_baseline is None and not (stdin_targets and opts.fix)
    _refuse_unsafe_writes(targets, opts, renders)
    known = _load_baseline(opts.baseline) if opts.baseline is not None else None
    fixes: list[fixmod.FixSummary] = []
    diffs: list[str] = []
    recorded: list[Diagnostic] = []  # for --write-baseline
    unfixable: list[Diagnostic] = []  # LNT9xx errors of a run that renders no report
    in_baseline = 0
    client = None
    if opts.cluster and not (opts.fix or opts.diff):
        from gongwen import cluster

        # Before the report begins: a cluster out of reach, after 30 s, had the report say
        # "未发现问题，检查了 0 个文件" above the error.
        client = cluster.connect(opts.cluster)

    with _output(opts.output_file if renders else None, opts.fmt) as out, \
            _report(opts, out, renders) as report:

        def take(name: str, doc: Document | InputProblem, found: list[Diagnostic]) -> None:
            nonlocal in_baseline
            if opts.write_baseline is not None:
                recorded.extend(found)
            if opts.diff or (opts.fix and stdin_targets):
                unfixable.extend(d for d in found if d.code.startswith("LNT9") and d.severity is Severity.ERROR)
            if known is not None:
                from gongwen import baseline

                found, old = baseline.partition(found, known)
                in_baseline += old
                if not (opts.fix or opts.diff):
                    found = capped_findings(found, MAX_FINDINGS_PER_RULE, linter.truncation_severity(doc.path))
            report.add(name, doc, found)

        for _ in stdin_targets:
            given = opts.stdin_filename or "-"
            name = printable_name(given)  # as a walked file's name: a newline would split a concise line
            enc = opts.encoding or (opts.inputs.encoding_for(Path(given)) if opts.stdin_filename else None)
            data = read_stream(sys.stdin.buffer, opts.inputs.max_file_size, name)
            doc = data if isinstance(data, InputProblem) else faults.read_guarded(name, lambda: document_from_bytes(
                data, name, format_for(given), enc,
                opts.inputs.reader_options(Path(given) if opts.stdin_filename else None)))
            found = api.lint_document(doc, linter)
            if opts.fix and not opts.diff and not isinstance(doc, Document):
                _write_stdout(data if isinstance(data, bytes) else b"")  # a filter loses nothing
            if (opts.fix or opts.diff) and isinstance(doc, Document):
                result, crash = _fix_document(doc, linter, opts, found)
                outcome = fixmod.FileFix(name, doc.source, result, doc)
                if opts.diff:
                    diffs.append(fixmod.unified_diff(name, doc.source, result.text))
                else:
                    _write_stdout(_fixed_stdin(outcome, data, enc))  # a filter: the fixed text is the output
                    if outcome.written:
                        found, doc = result.remaining, result.document
                _remember(fixes, outcome)
                found = [*crash, *found]
            take(name, doc, found)

        # The walk is streamed into the run (and the pool): a run over a million files never
        # holds them as a list, nor do workers forked from this process. Only a progress bar,
        # which needs the count, lists them first (a terminal's run).
        walk = _Counting(_files([t for t in targets if str(t) != "-"], opts))
        listed = list(walk) if _bar_wanted(opts) and not (opts.cluster and not (opts.fix or opts.diff)) else None
        total = len(listed) if listed is not None else None
        # Plain checking reads and lints in worker processes (--jobs), results in input order.
        # A machine format with nothing to filter is rendered there too (stream.prerender).
        prerendering = (renders and not opts.statistics and opts.fmt in MACHINE_STREAMED
                        and known is None and not (opts.fix or opts.diff))
        prepare = functools.partial(prerender, opts.fmt, opts.unsafe) if prerendering else None
        cache = None
        if opts.cache_dir is not None and not (opts.fix or opts.diff):
            from gongwen.cache import Cache

            cache = Cache(Path(os.path.abspath(opts.cache_dir)), linter)  # absolute: workers' cwd may differ
        if opts.fix or opts.diff:
            for path in _progress(listed if listed is not None else walk, total):
                if _read_here(path):
                    _take_here(path, linter, opts, take, cache)
                    continue
                outcome, crash = _fix_path(path, linter, opts)
                if outcome is None:  # not a file --fix may write (a reader's text, not its source)
                    doc = api.read_path(path, opts.encoding, opts.inputs)
                    over = [d for d in crash if d.code == faults.OVER_BUDGET.code]  # would be again
                    found = over or [*crash, *api.lint_document(doc, linter)]
                else:
                    doc, found = outcome.doc, outcome.result.remaining
                    _remember(fixes, outcome)
                    if opts.diff and outcome.changed and outcome.refused is None:
                        diffs.append(fixmod.unified_diff_bytes(outcome.path, *outcome.data).decode(
                            "utf-8", "surrogateescape"))  # written back as these bytes
                    if opts.diff:
                        found = api.lint_document(doc, linter)  # nothing was written
                take(doc.path, doc, found)
        elif client is not None:  # every input, archives and URLs too, is linted there, in order
            try:
                for part in cluster.lint_paths(walk, linter, opts.encoding, opts.inputs, prepare, cache,
                                               lambda text: print(text, file=sys.stderr),
                                               address=opts.cluster, client=client):
                    if prepare is not None:
                        report.add_prerendered(part)
                    else:
                        take(part[0].path, *part)
            finally:
                client.close()
        else:
            if opts.jobs and opts.jobs > api.most_jobs():
                print(f"gongwen: 注意：--jobs {opts.jobs} 超过 CPU 核数的 {api.MOST_JOBS_PER_CORE} 倍，"
                      f"最多启动 {api.most_jobs()} 个进程", file=sys.stderr)
            linted = api.lint_files(listed if listed is not None else walk, linter, opts.encoding, opts.jobs,
                                    opts.inputs, prepare, cache, here=_read_here)
            for result in _progress(linted, total):
                if isinstance(result, api.Passed):
                    _take_here(result.item, linter, opts, take, cache)
                elif prepare is not None:
                    report.add_prerendered(result)
                else:
                    take(result[0].path, *result)

    checked = len(stdin_targets) + walk.n  # unreadable ones too: each is reported
    blocked = sum(1 for f in fixes if f.blocked)
    if not checked and not opts.allow_empty:
        print("gongwen: 错误：没有检查任何文件（路径中没有可检查的文件，或都被排除、跳过了）；"
              "确属正常时加 --allow-empty 或在配置中设 allow-empty = true", file=sys.stderr)
        return Outcome(report.tally, EXIT_EMPTY, checked, blocked)
    if in_baseline:
        print(f"基线 {opts.baseline} 中已有的 {in_baseline} 处问题未报告", file=sys.stderr)
    # What --diff or a fix of standard input (which render no report) could not read, fix or
    # check was left out without a word, and such a --diff exited 0 ("nothing to fix").
    if unfixable:
        from gongwen.output.concise import line

        for d in unfixable:
            sys.stderr.write(line(d))
    if opts.diff:
        _report_fixes(fixes, opts)
        sys.stdout.flush()
        sys.stdout.buffer.write("".join(diffs).encode("utf-8", "surrogateescape"))  # the files' bytes
        sys.stdout.buffer.flush()  # a failed write is reported before the summary, not after it
        would = sum(f.applied for f in fixes if f.changed and f.refused is None)
        print(f"可修复 {would} 处（{sum(1 for d in diffs if d)} 个文件）" if would else "没有可应用的修复",
              file=sys.stderr)
        return Outcome(report.tally, 1 if any(diffs) or unfixable else 0, checked, blocked)
    if opts.write_baseline is not None:
        from gongwen import baseline

        baseline.write(opts.write_baseline, recorded)
        _report_fixes(fixes, opts)
        print(f"已把 {len(recorded)} 处问题记录到基线 {opts.write_baseline}", file=sys.stderr)
        return Outcome(report.tally, 1 if blocked else 0, checked, blocked)
    _report_fixes(fixes, opts, quiet_stdout=bool(stdin_targets and opts.fix))
    return Outcome(report.tally, None, checked, blocked)


def _read_here(item: Path | Url | InputProblem) -> bool:
    """Whether the run reads an input itself rather than a worker: what stands for an
    unreadable one, a URL (read one at a time: --cluster spreads URLs over workers) and a
    web archive (many pages, read record by record, not as one file)."""
    return not isinstance(item, Path) or is_archive(item.name)


def _take_here(item: Path | Url | InputProblem, linter: Linter, opts: RunOptions, take, cache) -> None:
    if isinstance(item, InputProblem):
        take(item.path, item, api.lint_document(item, linter))
    elif is_archive(item.name):
        _take_archive(item, linter, opts, take, cache)
    else:
        from gongwen import remote

        doc = remote.read_document(item.url, opts.encoding, opts.inputs)
        take(doc.path, *api.lint_prepared(doc, linter, None, cache))


def _take_archive(path: Path, linter: Linter, opts: RunOptions, take, cache) -> None:
    """Every HTML page of a WARC as its own document (path = URL); the rest counted. A daily
    crawl is mostly unchanged pages: the cache serves them as it serves files."""
    skipped = SkippedRecords()
    try:
        for doc in warc_pages(path, opts.inputs, skipped):
            take(doc.path, *api.lint_prepared(doc, linter, None, cache))
    except Exception as exc:  # the archive reader failed: the pages read stay, the run goes on
        if faults.strict():
            raise
        problem = faults.failed_input(faults.reader_crashed(_shown(path), exc))
        take(problem.path, problem, api.lint_document(problem, linter))
    if skipped.total:
        print(f"gongwen: {_shown(path)}：{skipped.describe()}", file=sys.stderr)


def _shown(path: Path | Url) -> str:
    """An archive's name in a report or a note (a listed URL escaped as a file's name is)."""
    from gongwen import remote

    return remote.shown(path.url) if isinstance(path, Url) else display_path(path)


def _fix_path(path: Path, linter: Linter, opts: RunOptions):
    """``fix.fix_path``, and the LNT907 that stands for it if it raises (the file is then
    only checked, as if --fix had not been given)."""
    from gongwen import fix as fixmod

    try:
        with faults.budgeted():
            return fixmod.fix_path(path, linter, unsafe=opts.unsafe, encoding=opts.encoding,
                                   write=not opts.diff, inputs=opts.inputs), []
    except faults.OverBudget as exc:  # not written; not linted again either (the caller's lint)
        if faults.strict():
            raise
        return None, [faults.over_budget(display_path(path), exc)]
    except Exception as exc:
        if faults.strict():
            raise
        return None, [faults.fix_crashed(display_path(path), exc)]


def _fix_document(doc: Document, linter: Linter, opts: RunOptions, found: list[Diagnostic]):
    """``fix.fix_document`` for standard input; if it raises, the text is passed through
    unchanged and LNT907 reports why."""
    from gongwen import fix as fixmod

    try:
        with faults.budgeted():
            return fixmod.fix_document(doc, linter, opts.unsafe, diagnostics=found), []
    except faults.OverBudget as exc:
        if faults.strict():
            raise
        return fixmod.FixResult(doc.source, [], found, document=doc), [faults.over_budget(doc.path, exc)]
    except Exception as exc:
        if faults.strict():
            raise
        return fixmod.FixResult(doc.source, [], found, document=doc), [faults.fix_crashed(doc.path, exc)]


def _load_baseline(path: Path) -> frozenset[str]:
    from gongwen import baseline

    try:
        return baseline.load(path)
    except (OSError, ValueError) as exc:
        raise RunError(f"无法读取基线 {path}：{exc}") from exc


def _refuse_unsafe_writes(targets: list[Path], opts: RunOptions, renders: bool) -> None:
    """Before anything is read or opened for writing: no output over an input, and no fix
    of standard input in a format whose fixes cannot be written back as that format."""
    from gongwen.output_guard import check_outputs, not_a_file

    name = opts.stdin_filename or "-"
    if any(str(t) == "-" for t in targets) and (opts.fix or opts.diff):
        from gongwen.fix import WRITABLE_FORMATS  # here: a check that fixes nothing does not import it

        if format_for(name) not in WRITABLE_FORMATS:
            raise RunError(f"标准输入按 {format_for(name)} 格式读取（--stdin-filename {name}）："
                           "--fix 和 --diff 只能用于纯文本和 Markdown，其他格式的修复无法写回原格式")
    read = [p for p in (opts.config_path, opts.baseline) if p is not None]
    outputs = ([("--output-file", opts.output_file, read)] if renders and opts.output_file else []) + (
        [("--write-baseline", opts.write_baseline, read[:1])] if opts.write_baseline else [])
    reason = check_outputs(outputs, [t for t in targets if isinstance(t, Path)], opts.stdin_filename,
                           opts.inputs)
    if reason is not None:
        raise RunError(reason)
    if opts.write_baseline is not None and (reason := not_a_file(opts.write_baseline)):
        raise RunError(f"--write-baseline {opts.write_baseline}：{reason}；未运行检查")
    # Written in this run, inside a checked folder perhaps: never read as an input.
    opts.inputs = replace(opts.inputs, outputs=frozenset(os.path.realpath(p) for _, p, _ in outputs))


def _fixed_stdin(outcome, data: bytes, forced: str | None) -> bytes:
    """The bytes a fixing filter prints: the fixed text in the input's own encoding, or
    the input unchanged (and ``outcome`` says why) when that cannot be done safely."""
    from gongwen import fix as fixmod

    doc = outcome.doc
    if not outcome.changed:
        return data
    reason = fixmod.can_write(doc)
    try:
        if reason is None:
            fixed = fixmod.encode_for_write(doc.source, outcome.result.text, data, doc.encoding, forced)
            outcome.written = True
            return fixed
    except fixmod.Unwritable as exc:
        reason = str(exc)
    outcome.refused, outcome.blocked = reason, True
    return data


def _write_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@contextmanager
def _output(path: Path | None, fmt: str = "full") -> Iterator[TextIO]:
    """``--output-file`` (opened before any work, so a bad path fails fast) or stdout."""
    if path is None:
        yield sys.stdout
        return
    from gongwen.output_guard import staged_output

    def untouched(exc: BaseException) -> None:
        from gongwen.output import incomplete

        print(f"gongwen: 报告未写入 {path}（{path} 保持原样）：检查未完成，{incomplete.reason(exc)}",
              file=sys.stderr)

    try:
        # Whole or not at all (a full disk), and only for a run that finished: the partial
        # report of an interrupted run replaced the previous one, and a gate read it as a pass.
        with staged_output(path, untouched) as handle:
            if fmt in MARKED_FORMATS:
                handle.write(GENERATED_LINE)
            yield handle
    except OSError as exc:
        if exc.filename is None or str(exc.filename) != str(path):
            raise  # not about the report file (a device's write failure says its reason alone)
        code = errno.errorcode.get(exc.errno or 0, "")
        raise RunError(f"无法写入 {path}：{exc.strerror or exc}{f'（{code}）' if code else ''}") from exc


@contextmanager
def _report(opts: RunOptions, out: TextIO, renders: bool) -> Iterator[Report]:
    """The run's report, closed at the end — also when the run ends early (an error, Ctrl-C,
    SIGTERM), so that what was written is still one valid document, marked as incomplete
    (output.incomplete): a report that ended "未发现问题" above the error passed for clean."""
    report = Report(opts.fmt if renders else None, out, statistics_only=opts.statistics,
                    unsafe=opts.unsafe, ambiguous_width=opts.width,
                    rules=list(api.registry()) if opts.fmt in ("sarif", "html") else None)
    try:
        yield report
    except BaseException as exc:
        from gongwen.output import incomplete

        with suppress(Exception):  # the error that ended the run is the one to report
            report.close(incomplete.reason(exc))
        raise
    report.close()


def _remember(fixes: list, outcome) -> None:
    """Keep what the end of the run reports of a file's fixes, and only if there is something
    to report: every file's FileFix was kept, texts and documents, about ten times the size of
    the tree (a 24 MB tree took 320 MB to fix, 85 MB to check)."""
    kept = outcome.summary()
    if kept.changed or kept.refused or kept.blocked or not kept.converged:
        fixes.append(kept)


def _report_fixes(fixes: list, opts: RunOptions, quiet_stdout: bool = False) -> None:
    out = sys.stderr if quiet_stdout else _out(opts)
    for f in fixes:
        if not f.converged:
            print(f"gongwen: 警告：{f.path} 的修复在 {f.passes} 轮后仍未收敛，"
                  "请报告这一问题", file=sys.stderr)
        if f.refused:
            print(f"gongwen: {f.path}：{f.refused}", file=sys.stderr)
    if not opts.fix or opts.diff:
        return
    written = [f for f in fixes if f.written and f.applied]
    if opts.show_fixes:
        by_file: dict[str, Counter] = {}
        for f in written:
            by_file.setdefault(f.path, Counter()).update(f.counts)
        for path, counts in by_file.items():
            print(f"已修复 {path}：", file=out)
            for (code, title), n in sorted(counts.items()):
                print(f"    {n} × {code} {title}", file=out)
    applied = sum(f.applied for f in written)
    files = len({f.path for f in written})
    blocked = sum(1 for f in fixes if f.blocked)
    summary = f"共修复 {applied} 处（{files} 个文件）" if applied else (
        "没有写回任何修复" if blocked else "没有可应用的修复")
    print(summary + (f"；{blocked} 个文件的修复未写回（原因见上）" if blocked else ""), file=out)
