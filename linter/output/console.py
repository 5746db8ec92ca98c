"""The console the full format prints through: rich's for a terminal, a plain writer for a pipe.

Importing rich's Text and Console costs about 0.03 CPU s, a tenth of checking one small file,
and most runs (pre-commit hooks, CI, editors) write to a pipe, where rich prints each ``Text``
as its plain characters: no styles without a colour system, no wrapping or cropping with
``soft_wrap``, tabs expanded to 8 cells. ``PlainConsole`` writes those same bytes without rich,
and the full format builds its lines as this module's ``Text``, which rich's Console renders
exactly as the ``rich.text.Text`` it stands for. Whatever could make rich print otherwise
(FORCE_COLOR, TTY_COMPATIBLE, a Jupyter kernel, Windows' legacy console, a COLUMNS it cannot
read, a terminal) gets rich's Console. tests/test_plain_console.py compares them with rich.
"""
from __future__ import annotations

import builtins
import os
import sys
from typing import Mapping, TextIO

TAB_SIZE = 8  # rich's Console default, which the full format keeps
_STRIP = dict.fromkeys((7, 8, 11, 12, 13))  # rich.control.STRIP_CONTROL_CODES: Text drops them


class Text:
    """The part of ``rich.text.Text`` the full format uses — its plain text, base style and
    styled spans, built as rich builds them (control codes dropped) — without importing rich.
    rich's Console prints it as that Text (``__rich__``)."""

    __slots__ = ("plain", "style", "spans")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = text.translate(_STRIP)
        self.style = style
        self.spans: list[tuple[int, int, str]] = []

    def append(self, text: "Text | str", style: str | None = None) -> "Text":
        """As rich's ``append``: a styled str, or a Text whose base style becomes a span."""
        at = len(self.plain)
        if isinstance(text, Text):
            if text.plain:
                if text.style:
                    self.spans.append((at, at + len(text.plain), text.style))
                self.plain += text.plain
                self.spans.extend((start + at, end + at, s) for start, end, s in text.spans)
        elif text:  # rich tests the length before dropping control codes, and so keeps an empty span
            clean = text.translate(_STRIP)
            if style:
                self.spans.append((at, at + len(clean), style))
            self.plain += clean
        return self

    def __add__(self, other: "Text | str") -> "Text":
        result = Text(self.plain, self.style)
        result.spans = list(self.spans)
        return result.append(other)

    def __rich__(self):
        from rich.text import Span
        from rich.text import Text as RichText

        return RichText(self.plain, style=self.style, spans=[Span(*span) for span in self.spans])


def console(out: TextIO):
    """The console to render the full format to ``out`` with."""
    width = plain_width(out)
    if width is None:
        from rich.console import Console

        return Console(file=out, highlight=False, emoji=False, markup=False, soft_wrap=True)
    return PlainConsole(out, width)


def plain_width(out: TextIO, environ: Mapping[str, str] = os.environ) -> int | None:
    """The width rich's Console would give ``out`` when rich would print plain text to it
    (read as rich 15 reads it); None when rich could print anything else."""
    if "FORCE_COLOR" in environ or "TTY_COMPATIBLE" in environ or sys.platform.startswith("win"):
        return None
    if hasattr(builtins, "get_ipython"):  # rich's Jupyter test: then it prints in colour
        return None
    isatty = getattr(out, "isatty", None)
    try:
        if isatty is not None and isatty():
            return None
    except ValueError:  # a closed file: rich takes it for no terminal, and so do we
        pass
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        return int(columns) if columns.isascii() else None  # "３" passes isdigit; int() in rich decides
    for fd in (0, 1, 2):  # rich asks stdin, stdout and stderr in turn
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


class PlainConsole:
    """What the full format uses of rich's Console (``print``, ``width``, ``capture``), for
    output that rich would print as plain text."""

    def __init__(self, file: TextIO, width: int) -> None:
        self.file = file
        self.width = width
        self._captured: list[str] | None = None

    def print(self, text=None) -> None:
        """One rich ``Text`` and a line break (only the line break without one), flushed as
        rich flushes each print."""
        line = ("" if text is None else _plain(text)) + "\n"
        if self._captured is not None:
            self._captured.append(line)
        else:
            self.file.write(line)
            self.file.flush()

    def capture(self) -> "_Capture":
        return _Capture(self)


class _Capture:
    """``with console.capture() as c: …`` then ``c.get()``: what was printed inside."""

    def __init__(self, console: PlainConsole) -> None:
        self._console = console
        self._parts: list[str] = []

    def __enter__(self) -> "_Capture":
        self._console._captured = self._parts
        return self

    def __exit__(self, *exc) -> None:
        self._console._captured = None

    def get(self) -> str:
        return "".join(self._parts)


def _plain(text) -> str:
    """The characters rich prints for a ``Text`` (this module's or rich's) with soft wrap and
    no colour: its plain text, each line's tabs expanded by rich's own ``Text.wrap``."""
    plain = text.plain
    if "\t" not in plain:
        return plain
    if isinstance(text, Text):
        text = text.__rich__()
    lines = text.wrap(None, 0, overflow="ignore", tab_size=TAB_SIZE, no_wrap=True)
    return "\n".join(line.plain for line in lines)
