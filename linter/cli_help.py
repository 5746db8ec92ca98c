"""The command line's own words: help laid out by display width, click's strings in Chinese.

click wraps help by counting characters, so a line of Chinese (two cells a character) ran to
107 cells on an 80-column terminal and ``.pdf`` was split as ``.p``/``df``; and the strings
click writes by itself (``Show this message and exit.``, ``Invalid value for …``) were
English between our Chinese. Here a help formatter measures cells and wraps at the terminal
width, and usage errors are shown in Chinese from the catalogue in ``data/cli_messages.toml``
(a message with no entry is shown as click wrote it, so nothing is lost).
"""
from __future__ import annotations

import shutil
import sys
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

import regex
import typer
from gongwen.analysis import pattern_cache

try:  # typer ≥ 0.28 bundles its own copy of click
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer depends on click itself
    import click

MIN_WIDTH = 40  # below this a two-column option list stops being readable
_NOTE = pattern_cache.regex_compile(r"\s*\[([^\[\]]*)\]\s*$")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Any]:
    data = tomllib.loads(resources.files("gongwen").joinpath("data/cli_messages.toml").read_text("utf-8"))
    for table in ("notes", "messages"):
        data[table] = [(pattern_cache.regex_compile(e["pattern"]), e["text"]) for e in data[table]]
    return data


def translate(message: str, table: str = "messages") -> str:
    """``message`` in Chinese by the first catalogue pattern that matches all of it."""
    for pattern, text in catalogue()[table]:
        m = pattern.match(message)
        if m:
            parts = {k: (v or "") for k, v in m.groupdict().items()}
            if "message" in parts:
                parts["message"] = translate(parts["message"], table)
            if "note" in parts:
                parts["note"] = translate(parts["note"], "notes")
            return text.format(**parts)
    return message


def _help_text(text: str) -> str:
    """An option's help with click's own phrases and its ``[default: …]`` notes in Chinese."""
    text = catalogue()["help"].get(text, text)
    m = _NOTE.search(text)
    if not m:
        return text
    notes = "；".join(translate(n.strip(), "notes") for n in m.group(1).split(";"))
    return f"{text[:m.start()]}  [{notes}]"


def terminal_width() -> int:
    """The terminal's columns (``COLUMNS`` wins, as everywhere); 80 when not a terminal."""
    return shutil.get_terminal_size().columns


class CellHelpFormatter(click.HelpFormatter):
    """click's help layout, measured in display cells and as wide as the terminal."""

    def __init__(self, indent_increment: int = 2, width: int | None = None,
                 max_width: int | None = None) -> None:
        width = width or max(terminal_width() - 2, MIN_WIDTH)
        super().__init__(indent_increment, width=width, max_width=max_width)

    def _lines(self, text: str, width: int) -> list[str]:
        """Paragraphs (blank-line separated) each wrapped to ``width`` cells."""
        from gongwen.output.width import wrap  # deferred: rich's cell tables, for help only

        out: list[str] = []
        for n, paragraph in enumerate(regex.split(r"\n\s*\n", text.strip())):
            if n:
                out.append("")
            out.extend(wrap(paragraph.strip(), width))
        return out

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from gongwen.output.width import cells, wrap

        prefix = f"{' ' * self.current_indent}{catalogue()['headings']['Usage']}："
        head = f"{prefix}{prog} "
        # Continuation lines sit under the arguments, unless a long command path would push
        # them so far right that little room is left.
        indent = " " * min(cells(head), 24)
        lines = wrap(args, max(self.width - cells(indent), 20))
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(indent + line + "\n")

    def write_heading(self, heading: str) -> None:
        zh = catalogue()["headings"].get(heading, heading)
        self.write(f"{' ' * self.current_indent}{zh}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in self._lines(text, self.width - self.current_indent):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        from gongwen.output.width import cells

        rows = [(first, _help_text(second)) for first, second in rows]
        first_col = min(max((cells(first) for first, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = self._lines(second, max(self.width - first_col - self.current_indent, 10))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{' ' * (first_col + self.current_indent)}{line}\n")


class CellContext(typer.Context):
    formatter_class = CellHelpFormatter


def localize(command: Any) -> Any:
    """Give ``command`` and every subcommand the cell-measuring, Chinese help formatter."""
    command.context_class = CellContext
    for sub in getattr(command, "commands", {}).values():
        localize(sub)
    return command


def show_error(exc: Exception, stream: TextIO | None = None) -> None:
    """A click usage error the way our own errors look: usage, where to get help, and the
    reason in Chinese on one ``gongwen: 错误：`` line."""
    stream = stream or sys.stderr
    ctx = getattr(exc, "ctx", None)
    # click ≥ 8.2 raises this for a bare `gongwen`; its message is the help itself.
    if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        stream.write(exc.format_message() + "\n")
        return
    if ctx is not None:
        stream.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            stream.write(f"查看帮助：{ctx.command_path} {ctx.help_option_names[0]}\n")
        stream.write("\n")
    stream.write(f"gongwen: 错误：{translate(exc.format_message())}\n")
