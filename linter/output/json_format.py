"""The JSON contract (docs/json-contract.md): one array on stdout and nothing else."""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Mapping, TextIO

from gongwen.diagnostic import Diagnostic
from gongwen.document import Document, Location


def _loc(location: Location) -> dict[str, int]:
    return {"line": location.line, "column": location.column}


def to_dict(d: Diagnostic, locate: Callable[[int], Location] | None) -> dict[str, Any]:
    fix = d.fix
    return {
        "path": d.path,
        "code": d.code,
        "name": d.name,
        "severity": str(d.severity),
        "message": d.message,
        "help": d.help,
        "location": _loc(d.location),
        "end_location": _loc(d.end_location),
        "offset": {"start": d.start, "end": d.end},
        "text": d.matched,
        "fix": None if fix is None or locate is None else {
            "applicability": fix.applicability.value,
            "message": fix.title,
            "edits": [{"content": e.content, "location": _loc(locate(e.start)),
                       "end_location": _loc(locate(e.end))} for e in fix.edits],
        },
        "labels": [{"message": label.message,
                    "location": _loc(locate(label.start)) if locate else None,
                    "end_location": _loc(locate(label.end)) if locate else None}
                   for label in d.labels],
        "notes": list(d.notes),
        "fingerprint": d.fingerprint,
    }


def render(diagnostics: Iterable[Diagnostic], docs: Mapping[str, Document], out: TextIO) -> None:
    items = []
    for d in diagnostics:
        doc = docs.get(d.path)
        items.append(to_dict(d, doc.locate if doc else None))
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")
