"""``gongwen check``'s arguments read without typer, for a run that needs nothing else of it.

Importing typer and building its command costs about 0.09 CPU s, a fifth of checking one
small file (what a pre-commit hook does on every commit). The options are still declared
once, on ``gongwen.cli.check``: here its annotations are evaluated with a stand-in for
``typer`` that records each ``typer.Option(...)``, and the command line is read by the
rules click applies (options and paths in any order, ``--opt value`` or ``--opt=value``,
``-jN``, the last value of a repeated single option, ``--`` ends the options).

This reads only what it is sure of: anything else — ``--help``, a misspelt or unknown
option, a value that is not valid, an option value that starts with ``-``, an option's
environment variable or shell completion set — returns None, and typer reads the command
line as before, with its own messages. tests/test_cli_args.py compares the two on many
random command lines.
"""
from __future__ import annotations

import enum
import os
import sys
import typing
from pathlib import Path
from typing import Any, Callable, NamedTuple


class _Declared(NamedTuple):
    kind: str  # "option" or "argument"
    decls: tuple[str, ...]
    settings: dict[str, Any]


class _Typer:
    """What ``typer.Option``/``typer.Argument`` are called with, instead of typer's objects."""

    @staticmethod
    def Option(*decls: str, **settings: Any) -> _Declared:  # noqa: N802 - typer's name
        return _Declared("option", decls, settings)

    @staticmethod
    def Argument(*decls: str, **settings: Any) -> _Declared:  # noqa: N802 - typer's name
        return _Declared("argument", decls, settings)


class Spec(NamedTuple):
    """One parameter of the command: its Python name, value type and how it is spelt."""

    name: str
    kind: str  # "option" or "argument"
    value: Any  # str, int, Path, an Enum class, bool, or list (of str)
    flag: bool | None  # for a flag: the value its first spelling gives
    min: int | None
    max: int | None


def parameters(command: Callable[..., Any]) -> tuple[dict[str, tuple[Spec, Any]], Spec | None]:
    """The options of ``command`` by every spelling (``--no-preview`` gives False), and its
    positional argument, from the annotations typer reads."""
    hints = typing.get_type_hints(command, globalns={**command.__globals__, "typer": _Typer},
                                  include_extras=True)
    by_spelling: dict[str, tuple[Spec, Any]] = {}
    argument = None
    for name, hint in hints.items():
        if typing.get_origin(hint) is not typing.Annotated:
            continue
        base, declared = typing.get_args(hint)[0], typing.get_args(hint)[1]
        value = _value_type(base)
        if declared.kind == "argument":
            argument = Spec(name, "argument", value, None, None, None)
            continue
        if declared.settings.get("envvar") and os.environ.get(declared.settings["envvar"]) is not None:
            return {}, None  # click reads the variable: leave the whole command line to it
        spellings = declared.decls or ("--" + name.replace("_", "-"),)
        spec = Spec(name, "option", value, True if value is bool else None,
                    declared.settings.get("min"), declared.settings.get("max"))
        for spelling in spellings:
            on, _, off = spelling.partition("/")
            by_spelling[on.strip()] = (spec, True)
            if off:
                by_spelling[off.strip()] = (spec, False)
    return by_spelling, argument


def _value_type(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is typing.Union and len(args) == 1:
        hint = args[0]
    if typing.get_origin(hint) is list:
        return list
    return hint


def check_arguments(argv: list[str], command: Callable[..., Any]) -> dict[str, Any] | None:
    """The keyword arguments typer would call ``command`` with for ``gongwen check …``, or
    None when typer must read the command line itself."""
    if (len(argv) < 1 or argv[0] != "check" or os.name == "nt"
            or any(k.endswith("_COMPLETE") for k in os.environ)
            or (getattr(sys.stderr, "encoding", "") or "").lower().replace("-", "") != "utf8"):
        return None
    options, argument = parameters(command)
    if not options or argument is None:
        return None
    values: dict[str, Any] = {}
    positional: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if token == "--":
            positional.extend(rest[i:])
            break
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        if token.startswith("--"):
            spelling, has_value, attached = token.partition("=")
        else:  # -o FILE, -oFILE, -j4
            spelling, attached = token[:2], token[2:]
            has_value = bool(attached)
        if spelling not in options:
            return None
        spec, flag_value = options[spelling]
        if spec.flag is not None:
            if has_value:
                return None
            values[spec.name] = flag_value
            continue
        if not has_value:
            if i >= len(rest) or (rest[i].startswith("-") and rest[i] != "-"):
                return None
            attached = rest[i]
            i += 1
        converted = _convert(spec, attached)
        if converted is None:
            return None
        if spec.value is list:
            values.setdefault(spec.name, []).append(converted)
        else:
            values[spec.name] = converted
    if positional:
        values[argument.name] = positional
    return values


def _convert(spec: Spec, text: str) -> Any:
    """``text`` as the option's value, or None when click would refuse it (or might)."""
    kind = spec.value
    if kind in (str, list):
        return text
    if kind is Path:
        return Path(text) if text else None
    if kind is int:
        try:
            number = int(text)
        except ValueError:
            return None
        if (spec.min is not None and number < spec.min) or (spec.max is not None and number > spec.max):
            return None
        return number
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return next((member for member in kind if member.value == text), None)
    return None


def files_read_as_options(argv: list[str], command: Callable[..., Any]) -> list[str]:
    """The tokens of ``gongwen check …`` that would be read as options although a file of
    that name exists. pre-commit passes the names of the files it checks after the hook's
    options, without ``--``: a file named ``-oREADME.md`` at the top of a repository made
    the run write its report over README.md. Such a token cannot be told from an option, so
    the run refuses it rather than guess."""
    if len(argv) < 1 or argv[0] != "check":
        return []
    rest = argv[1:]
    if not any(t.startswith("-") and t not in ("-", "--") and os.path.lexists(t) for t in rest):
        return []  # the common case, without reading the command's declarations (~1 ms)
    options, _ = parameters(command)
    found: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        i += 1
        if token == "--":
            break
        if not token.startswith("-") or token == "-":
            continue
        if os.path.lexists(token):
            found.append(token)
            continue
        spelling = token.partition("=")[0] if token.startswith("--") else token[:2]
        spec = options.get(spelling, (None, None))[0]
        if spec is not None and spec.flag is None and token == spelling:
            i += 1  # its value, in the next token (which may start with "-": click takes it)
    return found
