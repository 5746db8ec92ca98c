"""Cases a rule's docstring hands to another code (DAT011: 破折号 `2021——2025年` 由 PUN009
报告): with both rules running, the text is reported by the code the docstring names, once,
and not by the rule that declines it (sqlfluff's combined case files, AL02_LT01.yml)."""
from __future__ import annotations

import tomllib

import pytest
from support import FIXTURES

from gongwen import api

HANDOFFS = sorted((FIXTURES / "rules" / "handoffs").glob("*.toml"))


def _cases():
    for path in HANDOFFS:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            yield pytest.param(data["rules"], case, id=f"{path.stem}-{case['name']}")


@pytest.mark.parametrize(("codes", "case"), list(_cases()))
def test_the_case_is_reported_by_the_code_named(codes, case):
    doc = api.read_bytes(case["text"].encode("utf-8"), path="case.txt")
    found = api.lint_document(doc, api.make_linter({}, select=codes))
    assert [d.code for d in found] == case["reports"], [(d.code, d.message) for d in found]


@pytest.mark.parametrize("path", HANDOFFS, ids=[p.stem for p in HANDOFFS])
def test_the_file_is_named_for_a_handoff_its_docstring_states(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    declining, taking = data["rules"]
    assert path.stem == f"{declining}+{taking}"
    assert taking in api.registry().get(declining).__doc__, f"{declining}'s docstring does not name {taking}"
