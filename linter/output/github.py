"""GitHub Actions workflow commands: one annotation per finding.

``::error file=a.txt,line=3,col=5,endLine=3,endColumn=9,title=DAT001 compact-numeric-date::message``
Severities map error → ``error``, warning → ``warning``, info → ``notice``. Property values
escape ``% \\r \\n : ,`` and the message escapes ``% \\r \\n`` as the runner requires.
"""
from __future__ import annotations

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.sources import printable_name

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def run_error(d: Diagnostic) -> str:
    """An error about the run, not a file (LNT909): an annotation with no ``file``."""
    title = escape_property(f"{d.code} {d.name}")
    return f"::{COMMAND[d.severity]} title={title}::{escape_data(printable_name(d.message))}\n"


def line(d: Diagnostic) -> str:
    props = {
        "file": d.path, "line": d.location.line, "col": d.location.column,
        "endLine": d.end_location.line, "endColumn": d.end_location.column,
        "title": f"{d.code} {d.name}",
    }
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    # The log shows escape sequences as colours and moves: each part is shown printable.
    message = printable_name(d.message) + (f"\n{printable_name(d.help)}" if d.help else "")
    return f"::{COMMAND[d.severity]} {joined}::{escape_data(message)}\n"
