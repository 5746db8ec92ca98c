"""The engine's loop: every rule on every paragraph, and a failing rule named in the error."""
from __future__ import annotations

import pytest

from gongwen.diagnostic import Severity, Violation
from gongwen.document import Document
from gongwen.engine import Linter, RuleCrash, Settings
from gongwen.rule import Rule


class _Counting(Rule):
    """## What it does
    x
    ## Why is this bad?
    x
    ## Example
    ## Use instead:
    """

    code, name, category, severity = "TST001", "counting", "test", Severity.INFO

    def check(self, unit, ctx):
        if "甲" in unit.text:
            yield Violation(0, 1, f"{unit.kind}")


class _Whole(_Counting):
    code, name, scope = "TST002", "whole", "document"

    def check(self, unit, ctx):
        yield Violation(0, 1, "document")


class _Boom(_Counting):
    code, name = "TST003", "boom"

    def check(self, unit, ctx):
        if "乙" in unit.text:
            raise KeyError("乙")
        yield from ()


class _OutOfBounds(_Counting):
    code, name = "TST004", "out-of-bounds"

    def check(self, unit, ctx):
        yield Violation(0, len(unit.text) + 5, "too far")


def _lint(rules, text):
    return Linter(Settings(rules=rules)).lint(Document("a.txt", text))


def test_document_rules_run_once_and_unit_rules_on_every_paragraph():
    found = _lint([_Counting, _Whole], "甲一\n乙二\n甲三\n")
    assert [(d.code, d.location.line) for d in found] == [("TST001", 1), ("TST002", 1), ("TST001", 3)]


def test_a_rule_that_raises_is_named_with_the_file():
    with pytest.raises(RuleCrash, match=r"TST003（boom）在 a.txt 上出错：KeyError"):
        _lint([_Counting, _Boom], "甲一\n乙二\n")


def test_an_impossible_span_is_reported_as_such_not_rewrapped():
    with pytest.raises(RuleCrash, match=r"规则 TST004 报告的位置 \[0, 7\) 超出文本单元"):
        _lint([_OutOfBounds], "甲一\n")
