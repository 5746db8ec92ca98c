"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One ``testcase`` per checked file: it passes when the file has no findings and otherwise
holds one ``failure`` per finding (``type`` is the rule code; the text gives the position).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import Iterable, TextIO

import regex

from gongwen.diagnostic import Diagnostic

# Characters XML 1.0 cannot carry even escaped; a report may contain them.
_NOT_XML = regex.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(diagnostics: Iterable[Diagnostic], checked: list[str], out: TextIO) -> None:
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        by_path[d.path].append(d)
    paths = list(dict.fromkeys([*checked, *by_path]))
    failures = sum(1 for p in paths if by_path.get(p))
    suites = ET.Element("testsuites", name="gongwen", tests=str(len(paths)), failures=str(failures))
    suite = ET.SubElement(suites, "testsuite", name="gongwen", tests=str(len(paths)),
                          failures=str(failures), errors="0",
                          skipped="0")
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=_clean(path), classname="gongwen",
                             file=_clean(path))
        for d in by_path.get(path, []):
            failure = ET.SubElement(case, "failure", type=d.code,
                                    message=_clean(f"{d.code} {d.message}"))
            text = f"{d.path}:{d.location.line}:{d.location.column}: {d.code} [{d.severity}] {d.message}"
            if d.help:
                text += f"\n{d.help}"
            failure.text = _clean(text)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
