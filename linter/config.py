"""Configuration: ``[tool.gongwen]`` in the nearest ``pyproject.toml``, or ``gongwen.toml``.

Discovery walks up from the working directory; the first ``gongwen.toml`` or
``pyproject.toml`` *with* a ``[tool.gongwen]`` table wins (files are not merged, as in
ruff). Unknown keys, bad values and unknown rule selectors are errors that name the key and
the file, because a silently ignored typo in a publication gate is worse than a loud one.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from gongwen import kinds
from gongwen.diagnostic import Severity


class ConfigError(Exception):
    """Invalid configuration (exit code 2)."""


def _str_list(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key} 必须是字符串列表")
    return value


def _severity(key: str, value: Any) -> str:
    Severity.parse(value)
    return value


def _per_file_ignores(key: str, value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ValueError(f"{key} 必须是“glob = [规则代码]”的表")
    return {glob: _str_list(f"{key}.{glob!r}", codes) for glob, codes in value.items()}


def _severity_table(key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{key} 必须是“规则代码 = 严重级别”的表")
    return {code: _severity(f"{key}.{code}", sev) for code, sev in value.items()}


def _rule_options(key: str, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError(f"{key} 必须是以规则代码或名称为键的表")
    return value


def _allow(key: str, value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key} 必须是表的数组")
    for entry in value:
        unknown = set(entry) - {"rule", "text", "prefix", "suffix", "reason", "path"}
        if unknown:
            raise ValueError(f"{key} 的条目有未知的键 {'、'.join(sorted(unknown))}")
        if "text" not in entry:
            raise ValueError(f"{key} 的条目缺少 'text'")
    return value


def _choice(*choices: Any) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        if value not in choices:
            raise ValueError(f"{key} 必须是 {'、'.join(map(str, choices))} 之一")
        return value
    return check


def _encodings(key: str, value: Any) -> dict[str, str]:
    import codecs

    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"{key} 必须是“glob = 编码”的表")
    for glob, name in value.items():
        try:
            codecs.lookup(name)
        except LookupError:
            raise ValueError(f"{key}.{glob!r}：未知的编码 {name!r}") from None
    return value


def _selectors(key: str, value: Any) -> str | dict[str, str]:
    from gongwen.formats.html_content import SelectorError, check_selector

    table = value if isinstance(value, dict) else {"": value}
    if not all(isinstance(v, str) for v in table.values()):
        raise ValueError(f"{key} 应为 CSS 选择器，或“文件模式 = CSS 选择器”的表")
    for css in table.values():
        try:
            check_selector(css)
        except SelectorError as exc:
            raise ValueError(str(exc)) from None
    return value


_KIND_NAMES = {bool: "true 或 false", int: "整数", str: "字符串"}


def _of_type(kind: type) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ValueError(f"{key} 必须是{_KIND_NAMES.get(kind, kind.__name__)}")
        return value
    return check


def _passthrough(key: str, value: Any) -> Any:
    return value


# key -> validator. Other modules extend this table for the options they own.
SCHEMA: dict[str, Callable[[str, Any], Any]] = {
    "select": _str_list,
    "extend-select": _str_list,
    "ignore": _str_list,
    "per-file-ignores": _per_file_ignores,
    "fail-on": _severity,
    "output-format": _choice("full", "concise", "json", "github", "sarif", "junit", "html"),
    "severity": _severity_table,
    "rules": _rule_options,
    "allow": _allow,
    "ambiguous-width": _choice(1, 2),
    "preview": _of_type(bool),  # also run the preview rules (gongwen.rule.Rule.preview)
    # Inputs (gongwen.sources): discovery, decoding and format readers.
    "include": _str_list,
    "exclude": _str_list,  # globs; explicit paths too under --force-exclude (pre-commit)
    "respect-gitignore": _of_type(bool),
    "force-exclude": _of_type(bool),
    "follow-symlinks": _of_type(bool),  # a walk follows links leading out of its folder
    "allow-empty": _of_type(bool),  # a run that checks no file exits 0 instead of 2
    "encodings": _encodings,
    "content-selector": _selectors,  # CSS, or a table of glob = CSS
    "max-file-size": _of_type(int),
    "cache-dir": _of_type(str),  # gongwen.cache; relative to the working directory
    "terms": kinds.validate,  # user-defined declarative term rules (gongwen.kinds)
}


@dataclass
class Config:
    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _table_of(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: 无法读取配置：{exc}") from exc
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("gongwen")
    # gongwen.toml holds the keys at top level; [tool.gongwen] is accepted too.
    return data.get("tool", {}).get("gongwen", data)


def discover(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        for name in ("gongwen.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and _table_of(candidate) is not None:
                return candidate
    return None


def load(path: Path | None = None, start: Path | None = None) -> Config:
    """Load and validate the explicit ``path`` or the one discovered from ``start``."""
    if path is None:
        path = discover((start or Path.cwd()).resolve())
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError(f"{path}: 配置文件不存在")
    table = _table_of(path) or {}
    values = {}
    for key, value in table.items():
        validator = SCHEMA.get(key)
        if validator is None:
            raise ConfigError(f"{path}: 未知的配置项 {key!r}（可用：{', '.join(sorted(SCHEMA))}）")
        try:
            values[key] = validator(key, value)
        except ValueError as exc:
            raise ConfigError(f"{path}: 配置项 {key!r} 无效：{exc}") from exc
    return Config(path, values)
