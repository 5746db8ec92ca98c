"""Every rule's case file: fail cases report, pass cases do not, positions and fixes are exact."""
from __future__ import annotations

import tomllib

import pytest
from support import FIXTURES

from gongwen import api
from gongwen.diagnostic import Applicability
from gongwen.document import Document
from gongwen.fix import apply_edits

CASE_FILES = sorted((FIXTURES / "rules").glob("*.toml"))


def _cases():
    for path in CASE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def lint_one(code: str, text: str):
    linter = api.make_linter({}, select=[code])
    return linter.lint(Document(path="case.txt", text=text))


@pytest.mark.parametrize(("code", "case"), list(_cases()))
def test_case(code, case):
    if "pass" in case:
        found = lint_one(code, case["pass"])
        assert found == [], [(d.location, d.message) for d in found]
        return
    text = case["fail"]
    found = lint_one(code, text)
    assert found, f"{code} reported nothing on {text!r}"
    assert {d.code for d in found} == {code}
    if "errors" in case:
        got = [{"line": d.location.line, "column": d.location.column, "end_column": d.end_location.column}
               for d in found]
        assert got == case["errors"]
    if "fixed" in case:
        allowed = {Applicability.SAFE} | ({Applicability.UNSAFE} if case.get("unsafe-fixes") else set())
        edits = [e for d in found if d.fix and d.fix.applicability in allowed for e in d.fix.edits]
        assert apply_edits(text, edits)[0] == case["fixed"]


def test_every_text_rule_has_failing_and_passing_cases():
    covered = {}
    for path in CASE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kinds = {("fail" if "fail" in c else "pass") for c in data["case"]}
        covered[data["rule"]] = kinds
    for rule in api.registry():
        if rule.category == "input":
            continue  # reported by the reader, tested in test_inputs.py
        assert covered.get(rule.code) == {"fail", "pass"}, f"{rule.code} needs fail and pass cases"


def test_every_rule_has_real_text_negatives():
    for path in CASE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert any("pass" in c and ("source" in c or "seed" in c["name"] or "real" in c["name"])
                   for c in data["case"]), f"{path.name}: add a pass case from real text"
