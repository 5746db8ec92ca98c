"""The analysis layer reads no rule: rules depend on it, never the other way round."""
from __future__ import annotations

import ast

from support import ROOT



def _imported_modules(tree: ast.AST) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "gongwen.rules")
    return found


def _rule_imports(source: str) -> set[str]:
    return {name for name in _imported_modules(ast.parse(source))
            if name.startswith("gongwen.rules") and name != "gongwen.rules"}


def test_no_analysis_module_imports_a_rule_module():
    offending = {path.name: found for path in sorted((ROOT / "linter" / "analysis").glob("*.py"))
                 if (found := _rule_imports(path.read_text(encoding="utf-8")))}
    assert not offending


def test_the_check_sees_a_deferred_rule_import():
    source = "def f():\n    from gongwen.rules.repetition import _segmenter\n"
    assert _rule_imports(source) == {"gongwen.rules.repetition"}
    assert _rule_imports("from gongwen.rules import dates\n") == {"gongwen.rules.dates"}
    assert _rule_imports("from gongwen.analysis import lexicon\n") == set()
