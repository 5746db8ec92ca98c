"""The ``gongwen`` command line.

Exit codes: 0 — nothing at or above ``--fail-on``; 1 — something is; 2 — usage, config,
plugin or internal error (and a path that does not exist).
"""
from __future__ import annotations

import errno
import gc
import os
import sys
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

from gongwen import __version__

if TYPE_CHECKING:
    import typer


EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _split(values: Optional[list[str]]) -> Optional[list[str]]:
    """``--select DAT001,PUN --select TYP`` → ["DAT001", "PUN", "TYP"]."""
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> SystemExit:
    _echo_error(f"gongwen: 错误：{message}")
    return SystemExit(EXIT_ERROR)


def _file_option(flag: str, value: str | None) -> Path | None:
    """The file an option names; a name ending in a path separator names a folder (the report
    was written to a file called like the folder, beside it) and an empty one nothing."""
    if value is None:
        return None
    if not value:
        raise _fail(f"{flag} 需要文件名，给出的是空字符串")
    if value.endswith(tuple(s for s in (os.sep, os.altsep) if s)):
        raise _fail(f"{flag} {value}：以“{value[-1]}”结尾，指的是目录；请给出文件的路径")
    return Path(value)


def _echo_error(message: str) -> None:
    """``message`` on stderr, one line, with every control character shown as an escape:
    a message often quotes what the user gave (a path, ``GONGWEN_CLUSTER``), and an escape
    sequence or a bell in it would drive the terminal (stripping it, as typer.echo did off
    a terminal, hid what was really given)."""
    from gongwen.sources import printable_name

    sys.stderr.write(printable_name(message) + "\n")
    sys.stderr.flush()


def _console(stream=None):
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, emoji=False, markup=False,
                   soft_wrap=True)


def check(
    paths: Annotated[Optional[list[str]], typer.Argument(metavar="[PATHS]...", help="检查文件、目录或 URL（s3://、hdfs://、file:// 等，需要 .[cluster]）；- 表示标准输入；默认当前目录", show_default=False)] = None,
    select: Annotated[Optional[list[str]], typer.Option(metavar="CODES", help="只启用这些规则：ALL、代码前缀（DAT）、代码（DAT001）或名称，逗号分隔")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(metavar="CODES", help="在默认或配置的规则之外再启用（例如默认关闭的 DAT009）")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(metavar="CODES", help="停用这些规则（更具体的选择器优先：--select PUN001 --ignore PUN 保留 PUN001）")] = None,
    output_format: Annotated[Optional[OutputFormat], typer.Option(metavar="FORMAT", help="full（默认）| concise | json | github | sarif | junit | html")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(metavar="LEVEL", help="error（默认）| warning | info：达到该级别的问题使退出码为 1")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="有问题也以 0 退出")] = False,
    config: Annotated[Optional[Path], typer.Option(metavar="FILE", help="指定配置文件（pyproject.toml 或 gongwen.toml）；默认从当前目录向上查找")] = None,
    encoding: Annotated[Optional[str], typer.Option(metavar="NAME", help="输入编码，例如 gb18030（默认：BOM → UTF-8 → 网页声明的编码 → 自动识别 GB18030/GBK/Big5）")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(metavar="NAME", help="从标准输入读取时的文件名（其后缀决定格式：.md、.html、.docx、.pdf）")] = None,
    content_selector: Annotated[Optional[str], typer.Option(metavar="CSS", help="HTML 只检查此容器中的正文，例如 '#zoom' 或 'div.article'")] = None,
    ambiguous_width: Annotated[Optional[int], typer.Option(min=1, max=2, metavar="1|2", help="“”…— 等东亚歧义宽度字符在终端占 1 格（默认）或 2 格")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="应用安全修复并原子地写回（保留编码、BOM、换行符、权限）")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="与 --fix/--diff 一起：也应用不安全修复（可能改变原意，请复核）")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="只打印修复的统一差异，不写文件；有改动时退出码为 1")] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="列出已应用的修复")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="只打印每条规则的问题数（没有问题时打印 0）；可与 --output-format json 同用")] = False,
    # str, not Path: a Path drops the trailing "/" that says the user named a folder.
    output_file: Annotated[Optional[str], typer.Option("--output-file", "-o", metavar="FILE", help="把报告写入文件而不是标准输出")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", metavar="FILE", help="只报告基线中没有的新问题")] = None,
    write_baseline: Annotated[Optional[str], typer.Option("--write-baseline", metavar="FILE", help="把当前全部问题记为基线后退出（退出码 0）")] = None,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="命令行直接给出的文件也遵守配置中的 exclude（pre-commit 需要）")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, metavar="N", help="并行检查的进程数；默认（或 0）为全部 CPU 核（输入不足 512 KB 时不并行），1 为不并行")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="遍历目录时也跟随指向目录之外的符号链接（默认跳过并提示）")] = False,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="没有检查任何文件时以 0 退出（默认为 2）")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", metavar="DIR", help="未改动文件的检查结果缓存目录（默认：项目根目录下的 .gongwen_cache）")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="不读也不写检查结果缓存，每个文件都重新检查")] = False,
    annotate: Annotated[bool, typer.Option("--annotate", help="把问题写成 Word 批注（与 --fix 同用时修复写成修订），另存为 原名.gongwen.docx 或 -o 指定的文件；原文件不改")] = False,
    preview: Annotated[Optional[bool], typer.Option("--preview/--no-preview", help="也运行预览规则（准确率尚未达到默认标准的规则）；默认取配置 preview")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="检查程序自身出错时（LNT903–LNT907）在诊断中附上调用栈")] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", envvar="GONGWEN_CLUSTER", metavar="ADDRESS", help="在 Dask 集群上检查：调度器地址（tcp://主机:8786）或调度器文件；需要 pip install '.[cluster]'（在仓库目录中）")] = None,
) -> None:
    """检查文件中的日期、序数、标点、成对符号等问题。"""
    from gongwen import api, config as config_mod
    from gongwen import faults

    if verbose:  # an environment variable, so that worker processes see it too
        os.environ[faults.VERBOSE_ENV] = "1"
    from gongwen.diagnostic import Severity
    from gongwen.engine import RuleCrash
    from gongwen.registry import RegistryError, SelectionError
    from gongwen.sources import encoding_problem

    if select is not None and not _split(select):
        raise _fail("--select 的值为空，不会启用任何规则；要检查全部规则请写 --select ALL")
    if encoding is not None and (problem := encoding_problem(encoding)):
        raise _fail(f"--encoding {encoding}：{problem}")
    try:
        cfg = config_mod.load(config)
        linter = api.make_linter(cfg.values, select=_split(select), ignore=_split(ignore),
                                 extend_select=_split(extend_select), preview=preview)
    except (config_mod.ConfigError, RegistryError) as exc:
        raise _fail(str(exc))
    except SystemExit as exc:  # a rule's __init__ (nothing of ours exits here)
        raise _fail(_pack_exited(exc))
    except (SelectionError, KeyError, ValueError) as exc:
        where = f"{cfg.path}: " if "cfg" in locals() and cfg.path else ""
        raise _fail(f"{where}{exc.args[0] if exc.args else exc}")
    if linter.settings.removed_named:  # a stale selector: said once, never an error (Rule.removed)
        _echo_error(removed_rules_warning(api.registry(), linter.settings.removed_named))
    if cfg.get("time-budget") is not None:  # for the workers too, as --verbose
        os.environ[faults.TIME_BUDGET_ENV] = repr(float(cfg.get("time-budget")))
    if not linter.rules:  # a gate that checks nothing must not pass (--select= , or all ignored)
        raise _fail("没有启用任何规则：检查 --select、--ignore 和配置中的 select、ignore（全部规则：--select ALL）")

    output_file, write_baseline = _file_option("--output-file", output_file), _file_option("--write-baseline", write_baseline)
    fmt = (output_format.value if output_format else cfg.get("output-format", "full"))
    threshold = Severity.parse(fail_on.value if fail_on else cfg.get("fail-on", "error"))
    width = ambiguous_width or cfg.get("ambiguous-width", 1)
    from gongwen.remote import Url, is_url

    # A URL (s3://, hdfs://, file://…) stays a string: a Path would fold its "//".
    targets = [Url(p) if is_url(p) and not Path(p).exists() else Path(p) for p in paths or ["."]]
    if any(isinstance(t, Url) for t in targets) and (fix or diff or annotate):
        raise _fail("URL 只能检查：--fix、--diff、--annotate 只用于本机文件")
    missing = [p for p in targets if isinstance(p, Path) and str(p) != "-" and not p.exists()]
    if missing:
        raise _fail("路径不存在：" + "、".join(f"{p}（符号链接，目标不存在或链接成环）" if p.is_symlink() else str(p)
                                           for p in missing))

    from gongwen import output_guard, run
    from gongwen.sources import InputOptions

    if fmt in run.MACHINE_FORMATS:
        output_guard.machine_standard_output()

    if content_selector is not None:
        # Only here: the module parses its page-chrome table with tomllib at import (~9 M
        # instructions of every check's start-up that read no HTML; an HTML page imports it).
        from gongwen.formats.html_content import SelectorError, check_selector

        try:
            check_selector(content_selector)
        except SelectorError as exc:
            raise _fail(f"--content-selector：{exc}")

    inputs = InputOptions.from_config(cfg.values, cfg.root, encoding=encoding,
                                      content_selector=content_selector, force_exclude=force_exclude,
                                      follow_symlinks=follow_symlinks)
    options = run.RunOptions(inputs=inputs, fmt=fmt, encoding=encoding, stdin_filename=stdin_filename,
                             fix=fix, unsafe=unsafe_fixes, diff=diff,
                             show_fixes=show_fixes, statistics=statistics, width=width,
                             output_file=output_file, baseline=baseline,
                             write_baseline=write_baseline,
                             exclude=cfg.get("exclude", []), force_exclude=force_exclude,
                             jobs=jobs, allow_empty=allow_empty or cfg.get("allow-empty", False),
                             config_path=cfg.path, cluster=cluster, cache_dir=None if no_cache else (
                                 cache_dir or Path(cfg.get("cache-dir", cfg.root / ".gongwen_cache"))))
    if annotate and (diff or baseline or write_baseline):
        raise _fail("--annotate 不能与 --diff、--baseline、--write-baseline 同用")
    if stdin_filename is not None and any(str(t) == "-" for t in targets):
        from gongwen.formats.warc import is_archive

        if is_archive(stdin_filename):  # its records were linted, and --fix rewritten, as plain text
            raise _fail(f"--stdin-filename {stdin_filename}：网页归档不能从标准输入读取，"
                        "请把归档文件作为路径给出")
    # These runs render no report: -o was left as it was, and a gate then read the last run's.
    reportless = "--diff" if diff else "--write-baseline" if write_baseline else \
        "修复标准输入（--fix -）" if fix and any(str(t) == "-" for t in targets) else None
    if output_file is not None and not annotate and reportless:
        raise _fail(f"{reportless} 不输出检查报告，--output-file 不会被写入；去掉其中一个")
    _start_up_made()
    try:
        if annotate:
            from gongwen.annotate import command

            outcome = command.execute(targets, linter, options)
        else:
            outcome = run.execute(targets, linter, options)
    except RuleCrash as exc:
        raise _fail(str(exc))
    except Exception as exc:
        # A content selector that selects nothing in a page is the user's error. It is asked
        # for by name: only a run that read HTML imported the module that raised it.
        html_content = sys.modules.get("gongwen.formats.html_content")
        if isinstance(exc, run.RunError) or (html_content is not None and isinstance(exc, html_content.SelectorError)):
            raise _fail(str(exc))
        raise
    except SystemExit as exc:  # the run never exits by itself: a pack's code did
        raise _fail(_pack_exited(exc))
    if outcome.exit_code is not None:  # --diff's "there are changes" (1) is a finding too
        raise SystemExit(EXIT_OK if exit_zero and outcome.exit_code == EXIT_FOUND else outcome.exit_code)
    failing = outcome.tally.at_or_above(threshold)
    # A fix that was to be written and was not (read-only, changed, unsafe to encode) fails
    # the run even with --exit-zero: the file does not hold what the user was told it would.
    raise SystemExit(EXIT_FOUND if outcome.blocked or (failing and not exit_zero) else EXIT_OK)


def _pack_exited(exc: SystemExit) -> str:
    """What is said of sys.exit() called by a rule pack's code outside a rule's check (which
    the engine reports as LNT903): the run ended in the middle, and exit status 0 passed a gate."""
    return f"检查中止：规则包的代码调用了 sys.exit({exc.code!r})，结果不完整"


def list_rules() -> None:
    """列出全部规则：代码、名称、类别、默认严重级别、是否可修复、是否默认启用。"""
    import typer

    from gongwen import api
    from gongwen.output.width import cells
    from gongwen.ruledoc import enabled_label

    # Plain columns, never cut: a name shortened to "same-metri…" cannot be looked up. The
    # name goes last, so a narrow terminal wraps only the column that is read as a whole.
    rows = [("代码", "严重级别", "可修复", "默认启用", "类别", "名称")]
    rows += [(rule.code, str(rule.severity), "是" if rule.fixable else "",
              enabled_label(rule), rule.category, rule.name)
             for rule in api.registry()]
    widths = [max(cells(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cols = [value + " " * (width - cells(value)) for value, width in zip(row, widths)]
        typer.echo("  ".join([*cols, row[-1]]))


def removed_rules_warning(registry, codes: list[str]) -> str:
    """One line naming the removed rules a selector still names, and where to read why."""
    named = "、".join(f"{code}（{registry.by_code[code].name}，{registry.by_code[code].removed} 移除）" for code in codes)
    return (f"gongwen: 警告：已移除的规则 {named}不再运行，选择或忽略它都没有作用；"
            f"请从 select、extend-select、ignore、per-file-ignores 中删去（原因：gongwen rule {codes[0]}）")


def show_rule(code: Annotated[str, typer.Argument(metavar="CODE|NAME", help="规则代码或名称，例如 DAT001")]) -> None:
    """显示一条规则的说明：检查什么、为什么要改、示例、改为。"""
    from rich.markdown import Markdown

    from gongwen import api, ruledoc

    rule = api.registry().get(code)
    if rule is None:
        raise _fail(f"没有规则 {code!r}；用 gongwen rules 查看全部规则")
    console = _console()
    console.print(f"# {rule.code} {rule.name}", markup=False)
    console.print(ruledoc.summary(rule), markup=False)
    files = ruledoc.files_line(rule)
    if files:
        console.print(files, markup=False)
    console.print()
    console.print(Markdown(ruledoc.body(rule)))


def language_server() -> None:
    """启动语言服务器（LSP，经标准输入输出），供编辑器在输入时显示问题、提供修复。"""
    from gongwen import server

    try:
        lsp = server.build()
    except ImportError as exc:  # pygls is the optional extra [lsp]
        raise _fail(f"gongwen server 需要 pygls（缺少 {exc.name}）：在仓库目录中 pip install '.[lsp]'，"
                    "或 pip install \"gongwen-lint[lsp] @ git+仓库地址\"")
    server.start(lsp)


def _version(value: bool) -> None:
    import typer

    if value:
        typer.echo(f"gongwen {__version__}")
        raise typer.Exit()


def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="显示版本")] = False) -> None:
    pass


@cache
def _app() -> "typer.Typer":
    """The typer application: built on first use, so that a plain ``gongwen check`` (read by
    gongwen.cli_args) never imports typer."""
    global typer  # the commands' annotations name typer.Option; typer resolves them here
    import typer

    app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                      pretty_exceptions_enable=False,
                      help="gongwen：公文与政府报告的数据校验与一致性检查。")
    app.callback()(_root)
    app.command()(check)
    app.command("rules")(list_rules)
    app.command("rule")(show_rule)
    app.command("server")(language_server)
    return app


def __getattr__(name: str):
    if name == "app":
        return _app()
    raise AttributeError(name)


# main pauses the collector through start-up (imports, configuration, the rules): set while it is.
_collector_paused = False


def _start_up_made() -> None:
    """What the process made so far (modules, rules, their tables) lives as long as it does:
    frozen (``gc.freeze``), the run's collections no longer scan it again and again, forked
    ``--jobs`` workers share its pages instead of copying those the collector touches, and the
    interpreter's last collections at exit skip it. The collector runs again if main paused it."""
    global _collector_paused
    gc.freeze()
    if _collector_paused:
        _collector_paused = False
        gc.enable()


def main() -> None:
    """Console-script entry. Usage errors exit 2 with click's message in Chinese
    (gongwen.cli_help); any other uncaught error exits 2 with a one-line message instead of a
    traceback and exit 1."""
    from gongwen.cli_args import check_arguments, files_read_as_options

    from gongwen import output_guard

    _open_closed_standard_streams()
    output_guard.name_standard_output()
    if sys.argv[1:2] == ["check"]:
        _end_on_termination()
    for name in files_read_as_options(sys.argv[1:], check):
        raise _fail(f"“{name}”是一个文件的名字，但以 - 开头，会被当作选项读取；"
                    f"要检查这个文件请写作 ./{name}，或放在 -- 之后")
    arguments = check_arguments(sys.argv[1:], check)
    global _collector_paused
    # A check's start-up makes long-lived objects, not garbage: no collection pays. (Only a
    # check: it resumes the collector before its run; other commands may run for long.)
    if sys.argv[1:2] == ["check"] and gc.isenabled():
        gc.disable()
        _collector_paused = True
    try:
        try:
            if arguments is None:
                code = _typer_main()
            else:
                code = _check_as_typer_would(arguments)
        finally:  # what is still buffered is written here, where a failure is reported
            if not sys.stdout.closed:  # the language server's transport closes it at exit
                sys.stdout.flush()
    except SystemExit as exc:
        if exc.__context__ is None:  # the command's own end, no error being handled
            _spare_final_collection()
        raise
    except OSError as exc:  # a full disk, a device gone: the system's reason, not an internal error
        where = f"{exc.filename}：" if exc.filename else ""
        code = errno.errorcode.get(exc.errno or 0, "")
        _echo_error(f"gongwen: 错误：{where}{exc.strerror or exc}{f'（{code}）' if code else ''}")
        output_guard.drop_standard_output()
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # an internal error must not look like "found problems" (1)
        _echo_error(f"gongwen: 内部错误：{exc!r}")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _spare_final_collection() -> None:
    """The command has ended on its own (no error being handled, whose traceback could hold a
    temporary file for the collector to finalize) and the process ends next: the young
    generations are collected (what the last files left), then the objects alive (the rule
    tables, the compiled patterns, the modules: ~1 % of a 400-file run's instructions for the
    interpreter's last collection to walk, only to find them alive) are moved out of the
    collector's reach (``gc.freeze``). Shutdown is otherwise the same: atexit handlers, the
    standard streams' flush and the modules' teardown run as before; every output is written,
    flushed and closed by the time the command returns (tests/test_format_bytes.py, the jobs'
    and outputs' tests)."""
    gc.collect(1)
    gc.freeze()


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, ending the run as Ctrl-C does: the default action killed the main
    process on the spot, leaving the report's temporary beside it and the --jobs workers
    blocked for ever on a pipe nobody read — holding the caller's output open, so a harness
    that waits for it (a CI timeout's kill) hung too."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _end_on_termination() -> None:
    """SIGTERM and SIGHUP raise Terminated in this process (unless ignored, as under nohup)."""
    import signal

    main = os.getpid()

    def terminate(signum, frame) -> None:
        if os.getpid() != main:  # a forked worker dies as it did: its pool notices
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, terminate)


def _open_closed_standard_streams() -> None:
    """A standard stream the caller closed (``2>&-``, a service started without one) is None
    in Python: the first write to it was an internal error that ended the run after a full
    report had said "未发现问题，检查了 0 个文件", and --fix wrote nothing. Its descriptor is
    also the next one ``open`` returns, so a file opened later (a report, a file being
    fixed) would take it and receive whatever the process or a worker writes there. Each
    closed one is opened on the null device: what goes there is dropped, as its closing asked."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, "r" if fd == 0 else "w", encoding="utf-8",
                                    errors="backslashreplace", closefd=False))


def _check_as_typer_would(arguments: dict) -> int:
    """``check(**arguments)``, with the endings typer gives a command (typer.core._main):
    Ctrl-C exits 130 without a word, a closed output pipe exits 1 quietly, end of input is
    an abort."""
    try:
        check(**arguments)  # ends with SystemExit
    except Terminated as exc:
        sys.exit(128 + exc.signum)
    except KeyboardInterrupt:
        sys.exit(130)
    except EOFError:
        _echo_error("")
        _echo_error("gongwen: 已中止")
        sys.exit(EXIT_FOUND)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _QuietFlush(sys.stdout), _QuietFlush(sys.stderr)
        sys.exit(1)
    return EXIT_OK


class _QuietFlush:
    """A stream whose flush ignores a closed pipe (click's PacifyFlushWrapper): the reader of
    ``gongwen check | head`` went away, which is no error of ours at exit either."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _typer_main() -> object:
    """The command line read by typer (help, the other commands, anything gongwen.cli_args
    leaves to it); usage errors in Chinese."""
    from gongwen.cli_help import click, localize, show_error

    app = _app()  # imports typer
    # Not standalone: click's own error display is English; ours says the same in Chinese.
    command = localize(typer.main.get_command(app))
    try:
        return command.main(prog_name="gongwen", standalone_mode=False)
    except click.exceptions.ClickException as exc:
        show_error(exc)
        sys.exit(exc.exit_code)
    except typer.Abort as exc:
        _echo_error("gongwen: 已中止")
        sys.exit(128 + exc.__cause__.signum if isinstance(exc.__cause__, Terminated) else EXIT_FOUND)
