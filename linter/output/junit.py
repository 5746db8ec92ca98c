"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure DevOps).

One ``testcase`` per checked file: it passes when the file has no findings and otherwise
holds one ``failure`` per finding (``type`` is the rule code; the text gives the position).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO


from gongwen.diagnostic import Diagnostic
from gongwen.sources import GENERATED_MARKER
from gongwen.analysis import pattern_cache

# Characters XML 1.0 cannot carry even escaped; a report may contain them.
_NOT_XML = pattern_cache.regex_compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def testcase(path: str, found: list[Diagnostic]) -> ET.Element:
    """A checked file: it passes with no findings, else holds one ``failure`` per finding."""
    case = ET.Element("testcase", name=_clean(path), classname="gongwen", file=_clean(path))
    for d in found:
        failure = ET.SubElement(case, "failure", type=d.code, message=_clean(f"{d.code} {d.message}"))
        text = f"{d.path}:{d.location.line}:{d.location.column}: {d.code} [{d.severity}] {d.message}"
        if d.help:
            text += f"\n{d.help}"
        failure.text = _clean(text)
    return case


def dumps(element: ET.Element) -> str:
    return ET.tostring(element, encoding="unicode")


def write(cases: list[ET.Element], out: TextIO, incomplete: str | None = None) -> None:
    """The run's document around one ``testcase`` per checked file. A run that did not
    finish (``incomplete``: why, output.incomplete) adds one testcase in error, so that a
    CI system shows the suite as broken rather than passed."""
    failures = sum(1 for case in cases if len(case))
    if incomplete is not None:
        case = ET.Element("testcase", name="gongwen（检查未完成）", classname="gongwen")
        ET.SubElement(case, "error", type="LNT909", message=_clean(incomplete)).text = _clean(incomplete)
        cases = [*cases, case]
    errors = "0" if incomplete is None else "1"
    suites = ET.Element("testsuites", name="gongwen", tests=str(len(cases)), failures=str(failures),
                        **({} if incomplete is None else {"errors": errors}))
    suite = ET.SubElement(suites, "testsuite", name="gongwen", tests=str(len(cases)),
                          failures=str(failures), errors=errors, skipped="0")
    suite.extend(cases)
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(f"<!-- {GENERATED_MARKER} -->\n")  # a later walk skips this file
    out.write(dumps(suites))
    out.write("\n")
