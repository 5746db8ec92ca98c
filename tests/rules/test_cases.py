"""Every rule's case file: fail cases report, pass cases do not, positions and fixes are exact;
and what each fail case shows the user (message, help, fix as a diff) matches its snapshot in
tests/rules/snapshots/CODE.snap. Regenerate the snapshots with GONGWEN_UPDATE_GOLDEN=1 after
reading the difference, like the golden outputs."""
from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path

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
        if rule.removed:
            continue  # never runs: tests/test_removed_rules.py
        assert covered.get(rule.code) == {"fail", "pass"}, f"{rule.code} needs fail and pass cases"


def test_every_rule_has_real_text_negatives():
    for path in CASE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert any("pass" in c and ("source" in c or "seed" in c["name"] or "real" in c["name"])
                   for c in data["case"]), f"{path.name}: add a pass case from real text"


SNAPSHOTS = Path(__file__).parent / "snapshots"


def _fix_diff(text: str, fix) -> list[str]:
    fixed = apply_edits(text, fix.edits)[0]
    diff = difflib.unified_diff(text.splitlines(), fixed.splitlines(), lineterm="", n=0)
    return [f"    {line}" for line in list(diff)[2:]]  # without the ---/+++ file header


def render_snapshot(path: Path) -> str:
    """What each fail case of a case file reports, as the user reads it."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = [f"# {data['rule']}: the reports of the fail cases of fixtures/rules/{path.name}",
           "# (written by tests/rules/test_cases.py with GONGWEN_UPDATE_GOLDEN=1; do not edit)"]
    for case in data["case"]:
        if "fail" not in case:
            continue
        out.append(f"\n## {case['name']}")
        for d in lint_one(data["rule"], case["fail"]):
            out.append(f"{d.location.line}:{d.location.column}-{d.end_location.line}:{d.end_location.column}"
                       f" {d.code} {d.severity.name.lower()}: {d.message}")
            if d.help:
                out.append(f"  help: {d.help}")
            for fix in d.fixes:
                out.append(f"  fix ({fix.applicability.value}): {fix.title}")
                out.extend(_fix_diff(case["fail"], fix))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_snapshot(path):
    snapshot = SNAPSHOTS / f"{path.stem}.snap"
    actual = render_snapshot(path)
    if os.environ.get("GONGWEN_UPDATE_GOLDEN"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
    assert snapshot.exists(), f"no snapshot for {path.name}: run GONGWEN_UPDATE_GOLDEN=1 pytest tests/rules -k {path.stem}"
    expected = snapshot.read_text(encoding="utf-8")
    assert actual == expected, (f"{snapshot.name} is stale: check the difference, then rerun with "
                                f"GONGWEN_UPDATE_GOLDEN=1\n" + "\n".join(difflib.unified_diff(
                                    expected.splitlines(), actual.splitlines(), lineterm="")))


def test_every_snapshot_belongs_to_a_case_file():
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.snap")) == sorted(p.stem for p in CASE_FILES)
