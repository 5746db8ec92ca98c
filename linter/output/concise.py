"""One line per finding: ``path:line:col: CODE message`` (columns in code points)."""
from __future__ import annotations

from typing import Iterable, TextIO

from gongwen.diagnostic import Diagnostic


def render(diagnostics: Iterable[Diagnostic], out: TextIO) -> None:
    for d in diagnostics:
        out.write(f"{d.path}:{d.location.line}:{d.location.column}: {d.code} {d.message}\n")
