"""User-defined declarative term rules ([[tool.gongwen.terms]]): config validation,
selection and matching."""
from __future__ import annotations

import pytest
from support import run_cli

from gongwen import api, config
from gongwen.document import Document

TERMS = [
    {"code": "USR001", "name": "local-leader-names", "kind": "substitution",
     "message": "姓名写错：“{match}”应为“{replacement}”", "severity": "error",
     "swap": {"张山": "张珊"}, "exceptions": ["张山路"]},
    {"code": "USR002", "name": "banned-words", "kind": "existence",
     "message": "禁用词：“{match}”", "tokens": ["前苏联", "两岸三地"]},
]


def lint(text, select=None, terms=TERMS, **values):
    linter = api.make_linter({"terms": terms, **values}, select=select)
    return linter.lint(Document(path="t.txt", text=text))


def test_substitution_reports_with_fix_and_respects_exceptions():
    found = lint("区长张山出席。张山路改造。张珊发言。", select=["USR001"])
    assert [(d.code, d.matched, d.message) for d in found] == [("USR001", "张山", "姓名写错：“张山”应为“张珊”")]
    assert found[0].fixes[0].edits[0].content == "张珊"
    assert str(found[0].severity) == "error"


def test_existence_defaults_to_warning_and_select_by_prefix():
    found = lint("前苏联和两岸三地。", select=["USR"])
    assert [(d.code, d.matched, str(d.severity)) for d in found] == [
        ("USR002", "前苏联", "warning"), ("USR002", "两岸三地", "warning")]


def test_declared_rules_are_on_by_default_and_can_be_ignored_or_reseveritied():
    assert {d.code for d in lint("张山、前苏联")} >= {"USR001", "USR002"}
    assert "USR002" not in {d.code for d in lint("前苏联", ignore=["USR002"])}
    [d] = lint("张山", select=["USR001"], severity={"USR001": "info"})
    assert str(d.severity) == "info"


def test_a_right_form_that_contains_the_wrong_one_is_not_reported():
    terms = [{"code": "USR003", "name": "rule-of-law", "kind": "substitution",
              "message": "{match}→{replacement}", "swap": {"依法治": "依法治区"}}]
    assert [d.matched for d in lint("依法治区，依法治工作", terms=terms, select=["USR003"])] == ["依法治"]


def test_braces_in_messages_are_not_format_fields():
    terms = [{"code": "USR004", "name": "braces", "kind": "existence",
              "message": "{0} {match} {x}", "tokens": ["甲"]}]
    [d] = lint("甲", terms=terms, select=["USR004"])
    assert d.message == "{0} 甲 {x}"


@pytest.mark.parametrize(("entry", "error"), [
    ({"token": ["x"]}, r"未知的配置项 terms\[0\]\.token（可用：code、name"),
    ({"kind": "regex"}, r'terms\[0\]\.kind 应为 "existence" 或 "substitution"，实为字符串 "regex"'),
    ({"code": "user1"}, "code 应形如 USR001"),
    ({"name": "Bad Name"}, "name 应为小写连字符形式"),
    ({"tokens": ["甲" * 101]}, "长于 100 个字符"),
    ({"tokens": "甲"}, r'terms\[0\]\.tokens 应为非空字符串数组.*实为字符串 "甲"'),
    ({"swap": {"a": "b"}}, "existence 规则写 tokens"),
    ({"severity": "fatal"}, r"terms\[0\]\.severity 应为"),
])
def test_config_validation_names_the_problem(tmp_path, entry, error):
    spec = {"code": "USR001", "name": "x", "kind": "existence", "message": "m", "tokens": ["甲"], **entry}
    body = "\n".join(f"{k} = {_toml(v)}" for k, v in spec.items())
    (tmp_path / "gongwen.toml").write_text(f"[[terms]]\n{body}\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=error):
        config.load(tmp_path / "gongwen.toml")


def _toml(value):
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f'"{k}" = {_toml(v)}' for k, v in value.items()) + "}"


def test_a_code_clashing_with_a_builtin_rule_is_refused():
    from gongwen.registry import RegistryError

    terms = [{**TERMS[1], "code": "DAT001"}]
    with pytest.raises(RegistryError, match="DAT001"):
        lint("x", terms=terms)


def test_cli_select_finds_a_declared_rule(tmp_path):
    (tmp_path / "gongwen.toml").write_text(
        '[[terms]]\ncode = "USR001"\nname = "banned"\nkind = "existence"\n'
        'message = "禁用词：“{match}”"\ntokens = ["前苏联"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("引进前苏联技术。\n", encoding="utf-8")
    result = run_cli("check", "--select", "USR001", "--output-format", "concise", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr  # a warning does not fail the run by default
    assert "a.txt:1:3: USR001 禁用词：“前苏联”" in result.stdout.decode()


def test_many_user_tokens_find_exactly_the_one_present():
    """Twenty thousand tokens compile into one matcher that still finds the single token in
    the text, at its place (how fast is the benchmark's business, not a clock's here)."""
    tokens = [f"禁{i:05d}词" for i in range(20_000)]
    terms = [{"code": "USR005", "name": "many", "kind": "existence", "message": "{match}", "tokens": tokens}]
    linter = api.make_linter({"terms": terms}, select=["USR005"])
    text = "本段落没有任何禁用词。" * 2_000 + "禁00042词"
    found = linter.lint(Document(path="t.txt", text=text))
    assert [(d.start, d.matched) for d in found] == [(len(text) - 7, "禁00042词")]
