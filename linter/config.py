"""Configuration: ``[tool.gongwen]`` in the nearest ``pyproject.toml``, or ``gongwen.toml``.

Discovery walks up from the working directory; the first ``gongwen.toml`` or
``pyproject.toml`` *with* a ``[tool.gongwen]`` table wins (files are not merged, as in
ruff), skipping one that another user owns in a folder anyone may write to (/tmp). Unknown
keys, bad values and unknown rule selectors are errors that name the key and the file,
because a silently ignored typo in a publication gate is worse than a loud one.
"""
from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongwen import kinds
from gongwen.schema import (Anything, Bool, Checked, Encoding, Invalid, ListOf, Number, OneOf, Record, Str,
                            TableOf, Type, child)


class ConfigError(Exception):
    """Invalid configuration (exit code 2)."""


def _selectors(key: str, value: Any) -> str | dict[str, str]:
    """A CSS selector, or a table of glob = selector; each must parse (gongwen.formats.html_content)."""
    from gongwen.formats.html_content import SelectorError, check_selector

    if isinstance(value, dict):
        table = _globs(key, TableOf(Str(non_empty=True), "表（glob = CSS 选择器）").check(key, value))
    else:
        table = {"": Str(non_empty=True).check(key, value)}
    for css in table.values():
        try:
            check_selector(css)
        except SelectorError as exc:
            raise Invalid(key, f"配置项 {key}：{exc}") from None
    return value


def _globs(key: str, value: Any) -> Any:
    """Globs (a list, or a table's keys) that the matcher can compile: a glob of thousands
    of `*` exceeds RE2's memory and raised from deep in the walk (gongwen.sources)."""
    from gongwen.sources import glob_problem

    for i, glob in enumerate(value):
        if problem := glob_problem(glob):
            where = child(key, glob[:40]) if isinstance(value, dict) else f"{key}[{i}]"
            raise Invalid(where, f"配置项 {where}：{problem}")
    return value


def _path(key: str, value: str) -> str:
    """A path the system can take: a NUL in one ended the run as "内部错误：ValueError"."""
    if "\0" in value:
        raise Invalid.type(key, "路径（不含 NUL 字符）", value)
    return value


STRINGS = ListOf(Str())
SEVERITY = OneOf("error", "warning", "info", fold_case=True)

# Every key of [tool.gongwen] and its type; the values of ``rules`` are checked against each
# rule's own options (their defaults declare the types) once the rules are known.
SCHEMA: dict[str, Type] = {
    "select": STRINGS,
    "extend-select": STRINGS,
    "ignore": STRINGS,
    "per-file-ignores": TableOf(STRINGS, "表（glob = [规则代码, …]）"),
    "fail-on": SEVERITY,
    "output-format": OneOf("full", "concise", "json", "github", "sarif", "junit", "html"),
    "severity": TableOf(SEVERITY, "表（规则代码 = \"error\"|\"warning\"|\"info\"）"),
    "rules": TableOf(TableOf(Anything(), "表（选项 = 值）"), "表（[rules.规则代码] 下写选项）"),
    "allow": ListOf(Record({"rule": Str(non_empty=True), "text": Str(non_empty=True), "prefix": Str(),
                            "suffix": Str(), "reason": Str(), "path": Str()}, required=("text",))),
    "ambiguous-width": OneOf(1, 2),
    "preview": Bool(),  # also run the preview rules (gongwen.rule.Rule.preview)
    # Inputs (gongwen.sources): discovery, decoding and format readers.
    "include": Checked(STRINGS, _globs),
    "exclude": Checked(STRINGS, _globs),  # globs; explicit paths too under --force-exclude (pre-commit)
    "respect-gitignore": Bool(),
    "force-exclude": Bool(),
    "follow-symlinks": Bool(),  # a walk follows links leading out of its folder
    "allow-empty": Bool(),  # a run that checks no file exits 0 instead of 2
    "encodings": Checked(TableOf(Encoding(), "表（glob = 编码名）"), _globs),
    "content-selector": Checked(Anything(), _selectors),  # CSS, or a table of glob = CSS
    "max-file-size": Number(low=1, integer=True),
    "time-budget": Number(low=1),  # CPU seconds for one file's lint (gongwen.faults, LNT910)
    "cache-dir": Checked(Str(non_empty=True), _path),  # gongwen.cache; relative to the working directory
    "terms": Checked(ListOf(kinds.TERM), kinds.validate),  # user-defined term rules (gongwen.kinds)
}


@dataclass
class Config:
    """The configuration a run found (``path``: None when there was none) and its values."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


MAX_CONFIG_BYTES = 4 * 1024 * 1024  # a pyproject.toml is a few KB; every run reads it


def _table_of(path: Path) -> dict[str, Any] | None:
    import tomllib  # here: a run with no configuration file parses none (its import is ~16 M instructions)

    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: 配置文件超过 {MAX_CONFIG_BYTES} 字节，未读取")
        # A byte-order mark, as Windows Notepad saves one, is not a syntax error at line 1.
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置：{exc}") from exc
    except RecursionError as exc:  # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: 无法读取配置：数组或内联表嵌套过深") from exc
    tool = data.get("tool")
    table = tool.get("gongwen") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: {Invalid.type('tool.gongwen', '表（[tool.gongwen]）', table)}")
    if path.name == "pyproject.toml":
        return table
    # gongwen.toml holds the keys at top level; [tool.gongwen] is accepted too, but not both:
    # the top-level keys beside it were dropped without a word (a `fail-on` or `select` lost).
    if table is None:
        return data
    beside = [key for key in data if key != "tool"]
    if beside:
        raise ConfigError(f"{path}: 顶层配置项 {'、'.join(beside)} 与 [tool.gongwen] 不能同时使用"
                          "（两处只会读一处）；请把它们写在同一处")
    return table


def discover(start: Path) -> Path | None:
    return _discovered(start)[0]


def _discovered(start: Path) -> tuple[Path | None, dict[str, Any] | None]:
    """The nearest configuration and its table, parsed once (a 4 MB one takes seconds)."""
    for folder in [start, *start.parents]:
        for name in ("gongwen.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and not _planted(candidate) and (table := _table_of(candidate)) is not None:
                return candidate, table
    return None, None


def _planted(candidate: Path) -> bool:
    """Whether a configuration found on the way up lies in a folder anyone may write to
    (/tmp) and belongs to another user: anyone could have put it there, and it would decide
    what every run below it reports (``[severity]`` of every rule "info": a gate passes), as
    git will not read a repository another user owns. It is skipped, with a note."""
    try:
        folder, own = candidate.parent.stat(), candidate.stat()
    except OSError:
        return False
    if not folder.st_mode & stat.S_IWOTH or own.st_uid in (os.getuid(), 0):
        return False
    print(f"gongwen: 注意：未使用配置 {candidate}：它所在的目录任何人都可写入，文件属于另一用户"
          f"（uid {own.st_uid}）；确需使用时用 --config 指定", file=sys.stderr)
    return True


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """Load and validate the explicit ``path`` or the one discovered from ``start``."""
    if path is None:
        path, table = _discovered((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    elif not path.is_file():
        # A FIFO would block the run and /dev/zero never end: only a regular file is read.
        raise ConfigError(f"{path}: 不是普通文件（目录、管道或设备），未读取" if path.exists()
                          else f"{path}: 配置文件是符号链接，目标不存在或链接成环" if path.is_symlink()
                          else f"{path}: 配置文件不存在")
    else:
        table = _table_of(path) or {}
    values = {}
    for key, value in table.items():
        kind = SCHEMA.get(key)
        if kind is None:
            raise ConfigError(f"{path}: {Invalid.unknown(key, sorted(SCHEMA))}")
        try:
            values[key] = kind.check(key, value)
        except Invalid as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        except ValueError as exc:  # a check beyond the type (kinds.validate) names the key itself
            raise ConfigError(f"{path}: 配置项 {key} 无效：{exc}") from exc
    return Config(path, values)
