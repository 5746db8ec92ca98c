"""The JSON contract (docs/json-contract.md): one array on stdout and nothing else."""
from __future__ import annotations

import json
from typing import Any, Callable

from gongwen.diagnostic import Diagnostic
from gongwen.document import Location


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


def item_text(d: Diagnostic, locate: Callable[[int], Location] | None) -> str:
    """One finding as it appears inside the array (indented two spaces), so that a run can
    write its array file by file; strings hold no raw line breaks, so indenting by line is safe."""
    text = json.dumps(to_dict(d, locate), ensure_ascii=False, indent=2)
    return "  " + text.replace("\n", "\n  ")
