"""The ``gongwen`` command line.

Exit codes: 0 — nothing at or above ``--fail-on``; 1 — something is; 2 — usage, config,
plugin or internal error (and a path that does not exist).
"""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from gongwen import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  help="gongwen：公文与政府报告的数据校验与一致性检查。")

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


def _fail(message: str) -> "typer.Exit":
    typer.echo(f"gongwen: 错误：{message}", err=True)
    return typer.Exit(EXIT_ERROR)


def _console(stream=None):
    from rich.console import Console

    return Console(file=stream or sys.stdout, highlight=False, emoji=False, markup=False,
                   soft_wrap=True)


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="文件或目录；- 表示标准输入。默认为当前目录。")] = None,
    select: Annotated[Optional[list[str]], typer.Option(help="只启用这些规则：代码、代码前缀、规则名或 ALL，逗号分隔")] = None,
    extend_select: Annotated[Optional[list[str]], typer.Option(help="在默认或配置的规则之外再启用这些规则")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option(help="停用这些规则")] = None,
    output_format: Annotated[Optional[OutputFormat], typer.Option(help="输出格式")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option(help="达到此严重级别的问题使退出码为 1")] = None,
    exit_zero: Annotated[bool, typer.Option(help="发现问题时退出码仍为 0")] = False,
    config: Annotated[Optional[Path], typer.Option(help="配置文件路径（pyproject.toml 或 gongwen.toml）")] = None,
    encoding: Annotated[Optional[str], typer.Option(help="输入编码，例如 gb18030；默认自动识别 BOM，否则按 UTF-8")] = None,
    stdin_filename: Annotated[Optional[str], typer.Option(help="从标准输入读取时报告中使用的文件名；其后缀决定格式（.md、.html、.docx、.pdf）")] = None,
    content_selector: Annotated[Optional[str], typer.Option(help="HTML 只检查匹配此 CSS 选择器的元素中的正文，例如 '#zoom' 或 'div.article'")] = None,
    ambiguous_width: Annotated[Optional[int], typer.Option(min=1, max=2, help="东亚歧义宽度字符（“”…—）在终端中占 1 或 2 格")] = None,
    fix: Annotated[bool, typer.Option("--fix", help="应用安全修复并写回文件")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="与 --fix 或 --diff 一起用：也应用不安全修复（可能改变原意，请复核）")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="只打印修复的统一差异，不写文件；有改动时退出码为 1")] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="列出已应用的修复")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="只打印每条规则的问题数")] = False,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="把报告写入文件而不是标准输出")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="只报告不在此基线文件中的新问题")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="把当前全部问题记录为基线文件后退出（退出码 0）")] = None,
    force_exclude: Annotated[bool, typer.Option("--force-exclude", help="命令行直接给出的文件也遵守配置中的 exclude")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=0, help="并行检查的进程数；默认（或 0）为全部 CPU 核，1 为不并行")] = None,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="遍历目录时也跟随指向目录之外的符号链接（默认跳过）")] = False,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="没有检查任何文件时退出码仍为 0（默认为 2）")] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", envvar="GONGWEN_CLUSTER", help="在 Dask 集群上检查：调度器地址（tcp://主机:8786）或调度器文件；需要 pip install 'gongwen-lint[cluster]'")] = None,
) -> None:
    """检查文件中的日期、序数、标点、成对符号等问题。"""
    from gongwen import api, config as config_mod
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
                                 extend_select=_split(extend_select))
    except (config_mod.ConfigError, RegistryError) as exc:
        raise _fail(str(exc))
    except (SelectionError, KeyError, ValueError) as exc:
        where = f"{cfg.path}: " if "cfg" in locals() and cfg.path else ""
        raise _fail(f"{where}{exc.args[0] if exc.args else exc}")

    fmt = (output_format.value if output_format else cfg.get("output-format", "full"))
    threshold = Severity.parse(fail_on.value if fail_on else cfg.get("fail-on", "error"))
    width = ambiguous_width or cfg.get("ambiguous-width", 1)
    targets = paths or [Path(".")]
    missing = [p for p in targets if str(p) != "-" and not p.exists()]
    if missing:
        raise _fail("路径不存在：" + "、".join(str(p) for p in missing))

    from gongwen import run
    from gongwen.sources import InputOptions

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
                             config_path=cfg.path, cluster=cluster)
    try:
        outcome = run.execute(targets, linter, options)
    except RuleCrash as exc:
        raise _fail(str(exc))
    except run.RunError as exc:
        raise _fail(str(exc))
    if outcome.exit_code is not None:
        raise typer.Exit(outcome.exit_code)
    failing = outcome.tally.at_or_above(threshold)
    # A fix that was to be written and was not (read-only, changed, unsafe to encode) fails
    # the run even with --exit-zero: the file does not hold what the user was told it would.
    raise typer.Exit(EXIT_FOUND if outcome.blocked or (failing and not exit_zero) else EXIT_OK)


@app.command("rules")
def list_rules() -> None:
    """列出所有规则：代码、名称、类别、默认严重级别、是否可修复。"""
    from rich.table import Table

    from gongwen import api

    table = Table(box=None, pad_edge=False)
    for column in ("代码", "名称", "类别", "严重级别", "可修复", "默认启用"):
        table.add_column(column)
    for rule in api.registry():
        table.add_row(rule.code, rule.name, rule.category, str(rule.severity),
                      "是" if rule.fixable else "", "是" if rule.default_enabled else "否")
    _console().print(table)


@app.command("rule")
def show_rule(code: Annotated[str, typer.Argument(help="规则代码或名称，例如 DAT001")]) -> None:
    """显示一条规则的说明文档。"""
    import inspect

    from rich.markdown import Markdown

    from gongwen import api

    rule = api.registry().get(code)
    if rule is None:
        raise _fail(f"没有规则 {code!r}；用 gongwen rules 查看全部规则")
    console = _console()
    console.print(f"# {rule.code} {rule.name}", markup=False)
    console.print(f"类别：{rule.category}　默认严重级别：{rule.severity}　"
                  f"可修复：{'是' if rule.fixable else '否'}", markup=False)
    console.print()
    console.print(Markdown(inspect.cleandoc(rule.__doc__ or "")))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"gongwen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="显示版本")] = False) -> None:
    pass


def main() -> None:
    """Console-script entry. Usage errors exit 2 (click's standalone handling); any other
    uncaught error exits 2 with a one-line message instead of a traceback and exit 1."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # an internal error must not look like "found problems" (1)
        typer.echo(f"gongwen: 内部错误：{exc!r}", err=True)
        sys.exit(EXIT_ERROR)
