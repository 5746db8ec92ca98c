"""One line per finding: ``path:line:col: CODE message`` (columns in code points)."""
from __future__ import annotations

from gongwen.diagnostic import Diagnostic
from gongwen.sources import printable_name


def line(d: Diagnostic) -> str:
    return f"{d.path}:{d.location.line}:{d.location.column}: {d.code} {printable_name(d.message)}\n"
