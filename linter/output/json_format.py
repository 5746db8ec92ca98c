"""The JSON contract (docs/json-contract.md): one array on stdout and nothing else."""
from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _string  # json's own (C) string escaping
from typing import Any, Callable

from gongwen.diagnostic import Applicability, Diagnostic, Edit, Fix, Label, Severity
from gongwen.document import LineIndex, Location

try:  # the finding's text in one C call (_item_template); else the template's f-string
    from gongwen.output import _json_item
except ImportError:
    _json_item = None


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


def item_text(d: Diagnostic, locate: Callable[[int], Location] | None, lines: LineIndex | None = None) -> str:
    """One finding as it appears inside the array (indented two spaces), so that a run can
    write its array file by file; strings hold no raw line breaks, so indenting by line is safe.

    The text of ``"  " + dumps(to_dict(d, locate), "  ")``, written from a template: the
    object's shape is fixed, so building a dict of dicts per finding and walking it again
    (two-thirds of the JSON format's time) is not needed. A field of another type than the
    contract's (a pack's rule with a number as its message) makes json's string escaping
    raise TypeError; that finding then takes the general path, which writes what json.dumps
    would. tests/test_output_formats.py compares the two on random findings.

    ``lines``: the line index ``locate`` searches, given when the document's offsets are its
    source's (an identity offset map): an edit on the finding's own line is then located from
    the finding's location, without a search (tests/test_json_template.py)."""
    try:
        return _item_template(d, locate, lines)
    except TypeError:
        return "  " + dumps(to_dict(d, locate), "  ")


def _loc_text(location: Location, pad: str) -> str:
    """``dumps(_loc(location), pad)``."""
    return (f'{{\n{pad}  "line": {int.__repr__(location.line)},\n'
            f'{pad}  "column": {int.__repr__(location.column)}\n{pad}}}')


_NOWHERE = (0, 0, 0)  # a line no offset is on


def _line_of(d: Diagnostic, lines: LineIndex) -> tuple[int, int, int]:
    """(line, the offset it starts at, the offset the next one starts at) of the finding's
    line in ``lines``, or _NOWHERE when it has none there (only the line is read: whatever
    made the finding, its edits on that line are located from the index's own starts)."""
    line = d.location.line
    starts = lines.starts
    if 0 < line <= len(starts):
        return line, starts[line - 1], starts[line] if line < len(starts) else len(lines.text) + 1
    return _NOWHERE


def _edit_loc_text(offset: int, near: tuple[int, int, int], locate: Callable[[int], Location],
                   pad: str) -> str:
    """``_loc_text(locate(offset), pad)``: on the line ``near`` (_line_of) from its start,
    as LineIndex.locate counts it (the line whose start is the last at or before the offset:
    the offset between a \\r and its \\n is on the line the pair ends); elsewhere by
    ``locate``. All 2,350 edits of the benchmark's first 400 files are on their finding's
    line (2,211 start where it starts): two searches fewer per edit."""
    line, first, after = near
    if first <= offset < after:
        return (f'{{\n{pad}  "line": {int.__repr__(line)},\n'
                f'{pad}  "column": {int.__repr__(offset - first + 1)}\n{pad}}}')
    return _loc_text(locate(offset), pad)


def _list_text(items: list[str], pad: str) -> str:
    """``dumps`` of a list whose items are already written (at ``pad`` + two spaces)."""
    if not items:
        return "[]"
    inner = ",\n" + pad + "  "
    return "[\n" + pad + "  " + inner.join(items) + "\n" + pad + "]"


# Each severity's and applicability's JSON string, written once: str() of an IntEnum member
# and an Enum's .value run Python code, per finding.
_SEVERITY_TEXT = {severity: _string(str(severity)) for severity in Severity}
_APPLICABILITY_TEXT = {applicability: _string(applicability.value) for applicability in Applicability}


# The whole file's part in one C call (_json_item.document_part) reads the findings' slots
# directly: it is told the classes once. A build whose classes it cannot read (slots other
# than these) writes every part with the template below.
_document_part = None
if _json_item is not None and hasattr(_json_item, "document_part"):
    try:
        _json_item.configure(Diagnostic, Location, Fix, Edit, Label, Severity, Applicability,
                             _SEVERITY_TEXT, _APPLICABILITY_TEXT, Applicability.DISPLAY_ONLY)
        _document_part = _json_item.document_part
    except TypeError:
        pass


def part_bytes(found: list[Diagnostic], locate: Callable[[int], Location], lines: LineIndex) -> bytes | None:
    """``",\n".join(item_text(d, locate, lines) for d in found).encode("utf-8")`` written by
    one C call straight into UTF-8 (the findings of a document whose offsets are its source's,
    ``lines`` its line index), or None where only the template may write it: a field of
    another type than the contract's, a pack's own enum, a lone surrogate (whose encode
    error is the template's to raise), a ``locate`` that raises. ~40,000 instructions a
    finding less than the template, its join and the encode (tests/test_json_document_part.py
    compares the two)."""
    if _document_part is None:
        return None
    return _document_part(found, lines.starts, len(lines.text), locate)


# The lines of a finding's rule (code, name, severity), written once per rule and severity and
# kept for every finding of it; and the last path's string, kept for the findings of one file.
# Bounded: a server linting for ever with packs that name rules on the fly starts again.
_RULE_LINES: dict[tuple, str] = {}
_RULE_LINES_MAX = 4096
# One (path, its string) pair, replaced whole: threads rendering at once (the server, a
# cluster's threads) never see one path with another's string.
_last_path: list[tuple[object, str]] = [(None, "")]


def _rule_lines(code: str, name: str, severity: Severity) -> str:
    if severity.__class__ is not Severity:  # a pack's own (True would be kept as INFO's)
        return (f'    "code": {_string(code)},\n    "name": {_string(name)},\n'
                f'    "severity": {_string(str(severity))},\n')
    key = (code, name, severity)
    text = _RULE_LINES.get(key)
    if text is None:
        text = (f'    "code": {_string(code)},\n    "name": {_string(name)},\n'
                f'    "severity": {_SEVERITY_TEXT[severity]},\n')
        if len(_RULE_LINES) >= _RULE_LINES_MAX:
            _RULE_LINES.clear()
        _RULE_LINES[key] = text
    return text


def _fix_text(d: Diagnostic, locate: Callable[[int], Location], lines: LineIndex | None) -> str:
    fix = d.fix
    edits = fix.edits
    if len(edits) == 1 and lines is not None:
        # One edit on the finding's line (2,350 of the 400 benchmark files' 2,350 edits): its
        # two columns from that line's start, in the one text (_edit_loc_text's first branch).
        line, first, after = _line_of(d, lines)
        e = edits[0]
        start, end = e.start, e.end
        if first <= start < after and first <= end < after:
            if _json_item is not None:  # the whole fix in one C call: the f-string below
                kind = fix.applicability
                return _json_item.one_edit_fix(
                    _APPLICABILITY_TEXT[kind] if kind.__class__ is Applicability else _string(kind.value),
                    fix.title, e.content, line, start - first + 1, end - first + 1, _string)
            line_text = int.__repr__(line)
            edits_text = (f'[\n        {{\n          "content": {_string(e.content)},\n'
                          f'          "location": {{\n            "line": {line_text},\n'
                          f'            "column": {int.__repr__(start - first + 1)}\n          }},\n'
                          f'          "end_location": {{\n            "line": {line_text},\n'
                          f'            "column": {int.__repr__(end - first + 1)}\n          }}\n'
                          f'        }}\n      ]')
        else:
            edits_text = _edits_text(edits, (line, first, after), locate)
    else:
        edits_text = _edits_text(edits, _NOWHERE if lines is None else _line_of(d, lines), locate)
    kind = fix.applicability
    kind_text = _APPLICABILITY_TEXT[kind] if kind.__class__ is Applicability else _string(kind.value)
    return (f'{{\n      "applicability": {kind_text},\n'
            f'      "message": {_string(fix.title)},\n'
            f'      "edits": {edits_text}\n    }}')


def _edits_text(edits, near: tuple[int, int, int], locate: Callable[[int], Location]) -> str:
    return _list_text([f'{{\n          "content": {_string(e.content)},\n'
                       f'          "location": {_edit_loc_text(e.start, near, locate, "          ")},\n'
                       f'          "end_location": {_edit_loc_text(e.end, near, locate, "          ")}\n        }}'
                       for e in edits], "      ")


def _item_template(d: Diagnostic, locate: Callable[[int], Location] | None, lines: LineIndex | None) -> str:
    # Written with as few Python-level calls as the shape allows: the finding's own two
    # locations inline, an empty label or note list without a call (nearly every finding
    # has none), the enums' strings looked up (the 1,000 benchmark files' 5,911 findings,
    # 5,043 with a fix: 0.033 -> 0.029 s); the rule's lines and the file's path written once
    # (round 23). "!= ()", not truth: a pack's None there still fails as the general writer
    # does (tests/test_json_template.py).
    fix_text = "null" if d.fixes == () or d.fix is None or locate is None else _fix_text(d, locate, lines)
    labels_text = _list_text([f'{{\n        "message": {_string(label.message)},\n'
                              f'        "location": {_loc_text(locate(label.start), "        ") if locate else "null"},\n'
                              f'        "end_location": {_loc_text(locate(label.end), "        ") if locate else "null"}\n'
                              f'      }}' for label in d.labels], "    ") if d.labels != () else "[]"
    notes_text = _list_text([_string(n) for n in d.notes], "    ") if d.notes != () else "[]"
    path = d.path
    last_path, path_text = _last_path[0]
    if path is not last_path:
        path_text = _string(path)
        _last_path[0] = (path, path_text)
    if _json_item is not None:
        return _json_item.item(path_text, _rule_lines(d.code, d.name, d.severity), d.message, d.help,
                               d.location, d.end_location, d.start, d.end, d.matched, fix_text,
                               labels_text, notes_text, d.fingerprint, Location, _string)
    location, end_location = d.location, d.end_location
    return (f'  {{\n    "path": {path_text},\n{_rule_lines(d.code, d.name, d.severity)}'
            f'    "message": {_string(d.message)},\n'
            f'    "help": {"null" if d.help is None else _string(d.help)},\n'
            f'    "location": {{\n      "line": {int.__repr__(location.line)},\n'
            f'      "column": {int.__repr__(location.column)}\n    }},\n'
            f'    "end_location": {{\n      "line": {int.__repr__(end_location.line)},\n'
            f'      "column": {int.__repr__(end_location.column)}\n    }},\n'
            f'    "offset": {{\n      "start": {int.__repr__(d.start)},\n'
            f'      "end": {int.__repr__(d.end)}\n    }},\n'
            f'    "text": {_string(d.matched)},\n    "fix": {fix_text},\n'
            f'    "labels": {labels_text},\n'
            f'    "notes": {notes_text},\n'
            f'    "fingerprint": {_string(d.fingerprint)}\n  }}')


def dumps(value: Any, pad: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with every line after the first
    indented by ``pad``: the same text, built directly. With ``indent`` json runs its pure-
    Python encoder, a generator per value (a tenth of a 1,000-file run went there); this is
    one call per value and uses json's own C string escaping. Dicts with string keys, lists,
    strings, numbers, booleans and None; anything else goes to json. tests/test_output_formats.py
    compares it with json.dumps on random values."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    inner = pad + "  "
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if not value:
            return "{}"
        return ("{\n" + ",\n".join(f"{inner}{_string(k)}: {dumps(v, inner)}" for k, v in value.items())
                + "\n" + pad + "}")
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + dumps(v, inner) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
