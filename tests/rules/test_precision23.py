"""Round 23's hand-written traps and defects (fixtures/precision23, written before FMT004,
FMT005, PUN017, TRM005 and TYP001 were changed): each rule stays silent on every trap and
reports every defect. One test over all the cases, so that a fix by principle that stops
generalising shows as the cases it breaks, all at once."""
from __future__ import annotations

import tomllib

from support import FIXTURES

from gongwen import api
from gongwen.document import Document


def test_precision23_traps_pass_and_defects_fail():
    wrong = []
    for path in sorted((FIXTURES / "precision23").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        linter = api.make_linter({}, select=[data["rule"]])
        for case in data["case"]:
            defect = "fail" in case
            text = case["fail" if defect else "pass"]
            found = [d for d in linter.lint(Document(path="case.txt", text=text)) if d.code == data["rule"]]
            if bool(found) != defect:
                wrong.append((data["rule"], case["name"], [text[d.start:d.end] for d in found]))
    assert wrong == []
