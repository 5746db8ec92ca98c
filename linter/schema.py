"""Declarative types for configuration values, each mismatch one message an editor can act on.

A config value is checked against a small tree of these (``config.SCHEMA``, a term's fields
in ``kinds``, a rule's options from their defaults); a mismatch raises :class:`Invalid`
naming the key as TOML writes it (``severity.DAT001``, ``terms[0].help``), what was
expected and what was found — never an internal error. A string is never taken for a
list: iterating ``"衡阳日报"`` would give four one-character publications.
"""
from __future__ import annotations

import datetime
import math
from typing import Any, Callable, Iterable

from gongwen.analysis import lazy_regex

_BARE_KEY = lazy_regex.compile(r"^[A-Za-z0-9_-]+$")


class Invalid(ValueError):
    """A config value that does not fit; ``str()`` is the whole message, naming ``key``."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key

    @classmethod
    def type(cls, key: str, expected: str, value: Any) -> "Invalid":
        gap = " " if expected[:1].isascii() else ""  # 应为 1 或 2, 应为整数
        return cls(key, f"配置项 {key} 应为{gap}{expected}，实为{describe(value)}")

    @classmethod
    def unknown(cls, key: str, known: Iterable[str]) -> "Invalid":
        return cls(key, f"未知的配置项 {key}（可用：{'、'.join(known) or '无'}）")

    @classmethod
    def missing(cls, key: str, expected: str) -> "Invalid":
        return cls(key, f"缺少配置项 {key}（{expected}）")


def describe(value: Any) -> str:
    """``整数 3``, ``字符串 "衡阳日报"``: the TOML type and a short rendering of the value."""
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, int):
        return f"整数 {value}"
    if isinstance(value, float):
        return f"小数 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        return f"字符串 \"{shown}\""
    if isinstance(value, list):
        return f"数组（{len(value)} 项）"
    if isinstance(value, dict):
        return "表"
    if isinstance(value, (datetime.date, datetime.time)):
        return f"日期时间 {value}"
    return type(value).__name__


def child(key: str, name: str) -> str:
    """``severity`` + ``DAT001`` → ``severity.DAT001``; a key that needs quotes gets them."""
    return f"{key}.{name}" if _BARE_KEY.match(name) else f'{key}."{name}"'


class Type:
    expected: str = ""

    def check(self, key: str, value: Any) -> Any:
        raise NotImplementedError


class Str(Type):
    def __init__(self, non_empty: bool = False) -> None:
        self.non_empty = non_empty
        self.expected = "非空字符串" if non_empty else "字符串"

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, str) or (self.non_empty and not value):
            raise Invalid.type(key, self.expected, value)
        return value


class Bool(Type):
    expected = "布尔值（true 或 false）"

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, bool):
            raise Invalid.type(key, self.expected, value)
        return value


class Number(Type):
    """An integer (``integer=True``) or any number, within ``[low, high]``."""

    def __init__(self, low: float | None = None, high: float | None = None, integer: bool = False) -> None:
        self.low, self.high, self.integer = low, high, integer
        kind = "整数" if integer else "数字"
        if low is not None and high is not None:
            self.expected = f"{low} 到 {high} 之间的{kind}"
        elif low is not None:
            self.expected = f"不小于 {low} 的{kind}"
        else:
            self.expected = kind

    def check(self, key: str, value: Any) -> Any:
        kinds = (int,) if self.integer else (int, float)
        # TOML writes nan and inf: NaN compares false with every count, so a threshold of
        # nan silently turned its rule off (or on); no setting here is meant to be infinite.
        if isinstance(value, bool) or not isinstance(value, kinds) or (
                isinstance(value, float) and not math.isfinite(value)):
            raise Invalid.type(key, self.expected, value)
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise Invalid.type(key, self.expected, value)
        return value


class OneOf(Type):
    """One of ``choices``; with ``fold_case``, a string in any case and with blanks around."""

    def __init__(self, *choices: Any, fold_case: bool = False) -> None:
        self.choices, self.fold_case = choices, fold_case
        shown = [f'"{c}"' if isinstance(c, str) else str(c) for c in choices]
        self.expected = (shown[0] if len(shown) == 1 else
                         "、".join(shown[:-1]) + f" 或 {shown[-1]}") + (" 之一" if len(shown) > 2 else "")

    def check(self, key: str, value: Any) -> Any:
        # 1 == True in Python; a boolean is never one of these choices.
        if isinstance(value, (bool, list, dict)):
            raise Invalid.type(key, self.expected, value)
        seen = value.strip().lower() if self.fold_case and isinstance(value, str) else value
        if seen not in self.choices:
            raise Invalid.type(key, self.expected, value)
        return value


class ListOf(Type):
    def __init__(self, item: Type) -> None:
        self.item = item
        self.expected = f"{item.expected}数组（如 [\"…\"]）" if isinstance(item, Str) else f"数组，每项为{item.expected}"

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, list):
            raise Invalid.type(key, self.expected, value)
        return [self.item.check(f"{key}[{i}]", v) for i, v in enumerate(value)]


class TableOf(Type):
    """A table whose keys are free (globs, rule codes) and whose values share one type."""

    def __init__(self, value: Type, what: str = "表") -> None:
        self.value = value
        self.expected = what

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, dict):
            raise Invalid.type(key, self.expected, value)
        return {k: self.value.check(child(key, k), v) for k, v in value.items()}


class Record(Type):
    """A table with known keys: ``fields`` gives each key's type; ``required`` must be there."""

    def __init__(self, fields: dict[str, Type], required: tuple[str, ...] = (), what: str = "表") -> None:
        self.fields, self.required, self.expected = fields, required, what

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, dict):
            raise Invalid.type(key, self.expected, value)
        unknown = sorted(set(value) - set(self.fields))
        if unknown:
            raise Invalid.unknown(child(key, unknown[0]), self.fields)
        for name in self.required:
            if name not in value:
                raise Invalid.missing(child(key, name), self.fields[name].expected)
        return {k: self.fields[k].check(child(key, k), v) for k, v in value.items()}


class Encoding(Type):
    expected = "文本编码名（如 utf-8、gb18030、big5、utf-16）"

    def check(self, key: str, value: Any) -> Any:
        if not isinstance(value, str) or not is_text_encoding(value):
            raise Invalid.type(key, self.expected, value)
        return value


class Checked(Type):
    """A type followed by a check of the whole value that raises ValueError (with a message
    that already names the key), for rules no declaration expresses (unique codes)."""

    def __init__(self, base: Type, then: Callable[[str, Any], Any]) -> None:
        self.base, self.then, self.expected = base, then, base.expected

    def check(self, key: str, value: Any) -> Any:
        return self.then(key, self.base.check(key, value))


class Anything(Type):
    expected = "任意值"

    def check(self, key: str, value: Any) -> Any:
        return value


def is_text_encoding(name: str) -> bool:
    """A codec that turns bytes into text: not ``rot13`` or ``base64``, which Python's codec
    registry also knows."""
    try:
        b"".decode(name)
        "".encode(name)
    except (LookupError, UnicodeError):  # UnicodeError: the "undefined" codec refuses everything
        return False
    return True


def like(default: Any) -> Type:
    """The type a rule option's default declares: ``[]`` a list of strings, ``10`` an integer,
    ``0.8`` a number, ``True`` a boolean, ``"x"`` a string."""
    if isinstance(default, bool):
        return Bool()
    # A count, length or share whose default is not negative cannot be negative either.
    if isinstance(default, int):
        return Number(0 if default >= 0 else None, integer=True)
    if isinstance(default, float):
        return Number(0 if default >= 0 else None)
    if isinstance(default, str):
        return Str()
    if isinstance(default, list):
        return ListOf(like(default[0]) if default else Str())
    if isinstance(default, dict):
        return TableOf(Anything())
    return Anything()
