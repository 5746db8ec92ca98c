"""The engine pauses the garbage collector while it lints one document (the rules' per-paragraph
objects set off collections that re-scanned the whole document) and must always give it back as
it found it: on, off, and after a rule that raised."""
from __future__ import annotations

import gc

import pytest
from support import rule_class

from gongwen.document import Document
from gongwen.engine import Linter, RuleCrash, Settings


@pytest.fixture
def collecting():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_paused_while_rules_run_and_resumed_after(collecting):
    seen = []

    def check(self, unit, ctx):
        seen.append(gc.isenabled())
        return ()

    Linter(Settings([rule_class("TST001", "gc-probe", check)])).lint(Document("a.txt", "一\n二\n"))
    assert seen == [False, False] and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(collecting):
    gc.disable()
    Linter(Settings([rule_class("TST001", "gc-probe", lambda self, unit, ctx: ())])).lint(Document("a.txt", "一\n"))
    assert not gc.isenabled()


def test_the_collector_is_resumed_when_a_rule_raises(collecting):
    def check(self, unit, ctx):
        raise IndexError("boom")

    with pytest.raises(RuleCrash):
        Linter(Settings([rule_class("TST001", "gc-probe", check)], raise_on_crash=True)).lint(Document("a.txt", "一\n"))
    assert gc.isenabled()
