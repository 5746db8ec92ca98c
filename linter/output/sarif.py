"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, GitLab, Azure DevOps).

One run; ``tool.driver.rules`` lists every rule in the registry (so a result's ``ruleIndex``
is stable across runs that select different rules); columns count Unicode code points
(``columnKind: unicodeCodePoints``), as in every other machine format; each result carries
our line-number-free fingerprint as ``partialFingerprints["gongwen/v1"]``.
"""
from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from gongwen import __version__
from gongwen.diagnostic import Applicability, Diagnostic, Severity
from gongwen.held_signals import held
from gongwen.sources import GENERATED_MARKER

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_descriptor(rule) -> dict:
    doc = inspect.cleandoc(rule.__doc__ or "")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary() or rule.name},
        "fullDescription": {"text": doc or rule.name},
        "help": {"text": doc or rule.name, "markdown": doc or rule.name},
        "defaultConfiguration": {"level": LEVEL[rule.severity],
                                 "enabled": bool(getattr(rule, "default_enabled", True))
                                 and not getattr(rule, "preview", False)
                                 and not getattr(rule, "removed", "")},
        "properties": {"category": rule.category, "fixable": bool(rule.fixable),
                       "preview": bool(getattr(rule, "preview", False))},
    }


def _uri(path: str) -> str:
    # A name that is not valid UTF-8 keeps its bytes as lone surrogates; its URI carries them.
    # ":" is escaped: in a relative reference's first segment (c:d.txt) it made a scheme.
    return quote(path.encode("utf-8", "surrogateescape"), safe="/@-._~!$&'()*+,;=")


def _region(d: Diagnostic) -> dict:
    region = {"startLine": d.location.line, "startColumn": d.location.column,
              "endLine": d.end_location.line, "endColumn": d.end_location.column}
    if d.matched:
        region["snippet"] = {"text": d.matched}
    return region


def result(d: Diagnostic, index: dict[str, int]) -> dict:
    message = d.message + (f"\n{d.help}" if d.help else "")
    item = {
        "ruleId": d.code,
        "level": LEVEL[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(d.path), "uriBaseId": "%SRCROOT%"},
            "region": _region(d)}}],
        "partialFingerprints": {"gongwen/v1": d.fingerprint},
    }
    if d.code in index:
        item["ruleIndex"] = index[d.code]
    fix = d.fix
    if fix is not None and fix.applicability is not Applicability.DISPLAY_ONLY:
        item["properties"] = {"fix": {"title": fix.title, "applicability": fix.applicability.value}}
    return item


def document(results: list[dict], rules: list, incomplete: str | None = None) -> dict:
    """The run's document. A run that did not finish (``incomplete``: what to say) records
    an unsuccessful invocation with an error notification after its results."""
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        # Near the head, where a later walk looks: this file is gongwen's report, never an input.
        "properties": {"generator": GENERATED_MARKER},
        "runs": [{
            "tool": {"driver": {"name": "gongwen", "semanticVersion": __version__,
                                "version": __version__,
                                "rules": [rule_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "results": results,
        }],
    }
    if incomplete is not None:
        doc["runs"][0]["invocations"] = [{
            "executionSuccessful": False,
            "toolExecutionNotifications": [{"level": "error", "message": {"text": incomplete},
                                            "descriptor": {"id": "LNT909"}}],
        }]
    return doc


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


class Stream:
    """The run's document written as results arrive, byte for byte what ``write`` gives
    for the whole list: a site's run keeps no finding until the end. The head is written
    with the first result (a run with none is ``write``'s, ``"results": []``)."""

    _SPLIT = "gongwen-sarif-results-go-here"

    def __init__(self, out: TextIO, rules: list) -> None:
        self.out, self.rules, self.started = out, rules, False

    def _split(self, incomplete: str | None = None) -> tuple[str, str, str]:
        """The document's text before the first result, the indent of a result, and the
        text after the last (the invocations of a run that did not finish come there)."""
        text = dumps(document([self._SPLIT], self.rules, incomplete))
        at = text.index(f'"{self._SPLIT}"')
        indent = text[text.rindex("\n", 0, at) + 1:at]  # json.dumps nests by prefixing lines
        return text[:at], indent, text[at + len(self._SPLIT) + 2:]

    def add(self, results: list[dict]) -> None:
        """One file's results, written at once with the flag that says the head was: a
        signal between the head and the flag had the close write a second head."""
        if not results:
            return
        pieces = []
        for r in results:
            if not self.started and not pieces:
                head, self.indent, self.tail = self._split()
                pieces.append(head)
            else:
                pieces.append(",\n" + self.indent)
            pieces.append(dumps(r).replace("\n", "\n" + self.indent))
        with held():
            self.out.write("".join(pieces))
            self.started = True

    def close(self, incomplete: str | None = None) -> None:
        if self.started:
            tail = self.tail if incomplete is None else self._split(incomplete)[2]
            self.out.write(tail + "\n")
        else:
            write([], self.out, self.rules, incomplete)


def write(results: list[dict], out: TextIO, rules: list, incomplete: str | None = None) -> None:
    """The run's document around the results of every file (``result`` of each finding)."""
    out.write(dumps(document(results, rules, incomplete)))
    out.write("\n")
