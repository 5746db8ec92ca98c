"""Rule discovery, validation and selection; the package layout they depend on."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import tomllib

import pytest
from support import ROOT

from gongwen import api
from gongwen.diagnostic import Severity
from gongwen.registry import Pack, Registry, RegistryError, SelectionError
from gongwen.rule import Rule

DOC = "## What it does\nx\n## Why is this bad?\nx\n## Example\nx\nUse instead:\nx\n"


def _rule(code: str, name: str) -> type[Rule]:
    return type(name.replace("-", "_"), (Rule,), {"__doc__": DOC, "code": code, "name": name,
                                                  "category": "test", "severity": Severity.ERROR})


def test_builtins_load_through_the_entry_point_group():
    eps = [ep for ep in importlib.metadata.entry_points(group="gongwen.rules") if ep.name == "builtin"]
    assert eps and eps[0].value == "gongwen.rules:load"
    assert "DAT001" in api.registry().by_code


def test_rules_package_is_the_installed_rules_folder():
    spec = importlib.util.find_spec("gongwen.rules")
    assert spec.origin.endswith("rules/__init__.py")
    assert importlib.util.find_spec("rules") is None or "gongwen" not in (importlib.util.find_spec("rules").origin or "")


def test_every_source_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = config["tool"]["setuptools"]["package-dir"]
    listed = set(config["tool"]["setuptools"]["packages"])
    for top, pkg in (("linter", "gongwen"), ("rules", "gongwen.rules")):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top).parts
            name = ".".join((pkg, *rel))
            assert name in listed, f"{name} missing from [tool.setuptools] packages"
            assert name in mapping or len(rel) == 0 or any(name.startswith(k + ".") for k in mapping)


def test_duplicate_codes_and_names_fail_loudly():
    a, b = _rule("TST001", "first-rule"), _rule("TST001", "second-rule")
    with pytest.raises(RegistryError, match="TST001"):
        Registry([Pack("one", "d1", "1", (a,)), Pack("two", "d2", "1", (b,))])
    c = _rule("TST002", "first-rule")
    with pytest.raises(RegistryError, match="first-rule"):
        Registry([Pack("one", "d1", "1", (a, c))])


def test_invalid_code_name_or_docstring_is_refused():
    with pytest.raises(RegistryError):
        Registry([Pack("p", "d", "1", (_rule("bad1", "ok-name"),))])
    with pytest.raises(RegistryError):
        Registry([Pack("p", "d", "1", (_rule("TST003", "Not_Kebab"),))])
    undocumented = _rule("TST004", "no-docs")
    undocumented.__doc__ = "nothing"
    with pytest.raises(RegistryError, match="文档字符串缺少"):
        Registry([Pack("p", "d", "1", (undocumented,))])


def test_a_rule_with_options_documents_each_under_options():
    rule = _rule("TST005", "with-options")
    rule.options = {"max-length": 60, "min-length": 8}
    with pytest.raises(RegistryError, match="max-length、min-length"):
        Registry([Pack("p", "d", "1", (rule,))])
    rule.__doc__ = DOC + "## Options\n- `max-length`: the longest line compared\n"
    with pytest.raises(RegistryError, match="## Options.*min-length"):
        Registry([Pack("p", "d", "1", (rule,))])
    rule.__doc__ += "- `min-length`: the shortest\n"
    assert Registry([Pack("p", "d", "1", (rule,))]).get("TST005") is rule


def test_selection_by_all_prefix_code_and_name_with_specificity():
    reg = Registry([Pack("p", "d", "1", (_rule("AAA001", "a-one"), _rule("AAA002", "a-two"),
                                          _rule("BBB001", "b-one")))])
    codes = lambda rules: [r.code for r in rules]  # noqa: E731
    assert codes(reg.select(["ALL"])) == ["AAA001", "AAA002", "BBB001"]
    assert codes(reg.select(["AAA"])) == ["AAA001", "AAA002"]
    assert codes(reg.select(["b-one"])) == ["BBB001"]
    assert codes(reg.select(["ALL"], ["AAA"])) == ["BBB001"]
    assert codes(reg.select(["AAA001"], ["AAA"])) == ["AAA001"]  # the more specific wins
    assert codes(reg.select(None, ["a-two"])) == ["AAA001", "BBB001"]
    with pytest.raises(SelectionError):
        reg.select(["ZZZ"])


def test_preview_rules_need_preview_or_their_exact_code():
    """A preview rule is out of the default set and out of ALL and prefixes unless preview is
    on; naming it exactly (code or name) is a deliberate choice and selects it anyway."""
    trial = _rule("AAA003", "a-trial")
    trial.preview = True
    reg = Registry([Pack("p", "d", "1", (_rule("AAA001", "a-one"), trial))])
    codes = lambda rules: [r.code for r in rules]  # noqa: E731
    assert codes(reg.select()) == ["AAA001"]
    assert codes(reg.select(preview=True)) == ["AAA001", "AAA003"]
    assert codes(reg.select(["ALL"])) == codes(reg.select(["AAA"])) == ["AAA001"]
    assert codes(reg.select(["AAA"], preview=True)) == ["AAA001", "AAA003"]
    assert codes(reg.select(["AAA003"])) == codes(reg.select(["a-trial"])) == ["AAA003"]
    assert codes(reg.select(None, extend_select=["AAA003"])) == ["AAA001", "AAA003"]
    assert codes(reg.select(None, ["AAA003"], preview=True)) == ["AAA001"]


def test_consistency_rules_are_preview_until_they_model_comparability():
    preview = {rule.code for rule in api.registry() if rule.preview}
    assert {"CON001", "CON002", "CON003"} <= preview
    assert not preview & api.make_linter().enabled
    assert preview <= api.make_linter(preview=True).enabled
    assert preview <= api.make_linter({"preview": True}).enabled
