"""benchmarks/speed/word_rules_share.py ignores exactly the rules issue 19 item 5 budgets."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from gongwen.rules import load

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "speed" / "word_rules_share.py"


def _script():
    spec = importlib.util.spec_from_file_location("word_rules_share", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_budgeted_rules_are_registered_and_are_the_word_rules():
    """A renamed or removed rule would make --ignore measure something else in silence."""
    codes = {rule.code: rule for rule in load()}
    budgeted = _script().BUDGETED
    assert set(budgeted) <= set(codes)
    assert {codes[c].__module__.rsplit(".", 1)[-1] for c in budgeted} == {
        "protected", "characters", "confusables", "truncation"}
