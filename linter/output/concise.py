"""One line per finding: ``path:line:col: CODE message`` (columns in code points)."""
from __future__ import annotations

from gongwen.diagnostic import Diagnostic


def line(d: Diagnostic) -> str:
    return f"{d.path}:{d.location.line}:{d.location.column}: {d.code} {d.message}\n"
