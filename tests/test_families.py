"""The family map (gongwen.rules.FAMILIES): every rule class is registered, and every code
lives in a module its prefix is allowed in."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types

from support import ROOT, run_cli

from gongwen import api, ruledoc, rules
from gongwen.rule import Rule

BUILTIN = next(pack for pack in api.registry().packs if pack.name == "builtin")


def _prefix(code: str) -> str:
    return re.match(r"[A-Z]+", code).group()


def _unregistered(module: types.ModuleType, registered: set[type]) -> list[str]:
    """The concrete rule classes (those with a code) defined in ``module`` that the built-in
    pack does not load: a class left out of its module's RULES, or a module left out of
    FAMILIES, would otherwise pass every test and never run."""
    return [cls.__qualname__ for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Rule) and cls.__module__ == module.__name__
            and hasattr(cls, "code") and cls not in registered]


def _rule_modules() -> list[types.ModuleType]:
    return [importlib.import_module(f"{rules.__name__}.{info.name}")
            for info in pkgutil.iter_modules(rules.__path__)]


def test_every_rule_class_in_the_package_is_registered():
    registered = set(BUILTIN.rules)
    modules = _rule_modules()
    assert {m.__name__.rsplit(".", 1)[1] for m in modules} >= set(rules.FAMILIES)
    missing = {m.__name__: found for m in modules if (found := _unregistered(m, registered))}
    assert not missing, f"rule classes not in RULES (or their module not in FAMILIES): {missing}"


def test_a_rule_class_left_out_of_rules_is_found():
    module = types.ModuleType("gongwen.rules.example")
    registered_rule = type("Registered", (Rule,), {"code": "XYZ001", "__module__": module.__name__})
    forgotten = type("Forgotten", (Rule,), {"code": "XYZ002", "__module__": module.__name__})
    helper_base = type("_Base", (Rule,), {"__module__": module.__name__})  # no code: not a rule
    imported = type("Imported", (Rule,), {"code": "XYZ003", "__module__": "elsewhere"})
    for cls in (registered_rule, forgotten, helper_base, imported):
        setattr(module, cls.__name__, cls)
    assert _unregistered(module, {registered_rule}) == ["Forgotten"]


def test_every_code_sits_in_a_module_its_prefix_is_allowed_in():
    misplaced = []
    for rule in BUILTIN.rules:
        module = rule.__module__.rsplit(".", 1)[1]
        family = rules.FAMILIES.get(module)
        if family is None or _prefix(rule.code) not in family.prefixes:
            misplaced.append(f"{rule.code} in {module}.py")
    assert not misplaced, f"codes outside their family (see FAMILIES): {misplaced}"


def test_the_map_states_the_current_truth():
    """A prefix listed for a module has a rule there: the map cannot keep a family that moved."""
    used: dict[str, set[str]] = {}
    for rule in BUILTIN.rules:
        used.setdefault(rule.__module__.rsplit(".", 1)[1], set()).add(_prefix(rule.code))
    assert {module: set(family.prefixes) for module, family in rules.FAMILIES.items()} == used


def test_category_comes_from_the_module_unless_the_rule_is_from_another_family():
    for rule in BUILTIN.rules:
        family = rules.FAMILIES[rule.__module__.rsplit(".", 1)[1]]
        if rule.category != family.category:
            # Only a rule whose prefix is not its module's first (main) family keeps its own.
            assert _prefix(rule.code) != family.prefixes[0], rule.code


def test_rule_command_names_the_source_and_case_files():
    out = run_cli("rule", "DAT001").stdout.decode()
    assert "源文件：rules/dates.py" in out and "测试用例：fixtures/rules/DAT001.toml" in out
    # a rule in a module of its own family's split (not the prefix's first module) is found there
    assert "源文件：rules/date_numerals.py" in run_cli("rule", "NUM013").stdout.decode()


def test_source_files_are_repository_paths_that_exist():
    for rule in BUILTIN.rules:
        source, cases = ruledoc.source_files(rule)
        assert (ROOT / source).is_file() and source == f"rules/{rule.__module__.rsplit('.', 1)[1]}.py"
        assert cases == (f"fixtures/rules/{rule.code}.toml"
                         if (ROOT / "fixtures" / "rules" / f"{rule.code}.toml").is_file() else None)


def test_no_case_file_is_named_when_there_is_none():
    # input problems are tested in test_inputs.py, not by a case file
    assert ruledoc.source_files(api.registry().get("LNT901")) == ("rules/meta.py", None)
    made_at_run_time = type("Made", (Rule,), {"code": "XYZ001", "__module__": "not_a_file"})
    assert ruledoc.files_line(made_at_run_time) == ""
