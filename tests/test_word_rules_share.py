"""benchmarks/speed/word_rules_share.py ignores exactly the rules issue 19 item 5 budgets."""
from __future__ import annotations

from support import ROOT, load_script

from gongwen.rules import load

SCRIPT = ROOT / "benchmarks" / "speed" / "word_rules_share.py"


def _script():
    return load_script(SCRIPT, "word_rules_share")


def test_the_budgeted_rules_are_registered_and_are_the_word_rules():
    """A renamed or removed rule would make --ignore measure something else in silence."""
    codes = {rule.code: rule for rule in load()}
    budgeted = _script().BUDGETED
    assert set(budgeted) <= set(codes)
    assert {codes[c].__module__.rsplit(".", 1)[-1] for c in budgeted} == {
        "protected", "characters", "confusables", "truncation"}
