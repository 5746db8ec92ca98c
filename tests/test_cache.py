"""The cache of findings: an unchanged page is not linted again, a cached run prints exactly
what a fresh run prints, and a change of rule, configuration or content is a miss."""
from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

from gongwen.cache import Cache
from gongwen.document import Document
from gongwen.engine import Linter, Settings
from gongwen.diagnostic import Severity
from support import FIXTURES, run_cli

RULE = '''
from gongwen.diagnostic import Severity, Violation
from gongwen.rule import Rule


class Ordinal(Rule):
    """## What it does
    test rule"""

    code = "TST001"
    name = "test-ordinal"
    category = "test"
    severity = Severity.ERROR

    def check(self, unit, ctx):
        i = unit.text.find("第次")
        if i >= 0:
            yield Violation(i, i + 2, "{message}")
'''


@pytest.fixture
def rule_module(tmp_path, monkeypatch):
    """A rule pack in a module of its own, whose source the test can edit."""
    monkeypatch.syspath_prepend(str(tmp_path))
    path = tmp_path / "cache_test_rules.py"

    def write(message: str):
        path.write_text(textwrap.dedent(RULE.format(message=message)), encoding="utf-8")
        sys.modules.pop("cache_test_rules", None)
        importlib.invalidate_caches()
        return importlib.import_module("cache_test_rules").Ordinal

    yield write
    sys.modules.pop("cache_test_rules", None)


def _lint(cache: Cache, rule, text: str = "召开第次会议\n", severity=None) -> list:
    settings = Settings([rule], severity={"TST001": severity} if severity else {})
    return cache.lint(Document(path="r.txt", text=text), Linter(settings))


def test_a_rule_change_invalidates_the_cache(tmp_path, rule_module):
    folder = tmp_path / "cache"
    first = Cache(folder, Linter(Settings([rule_module("旧的说明")])))
    assert [d.message for d in _lint(first, rule_module("旧的说明"))] == ["旧的说明"]
    again = Cache(folder, Linter(Settings([rule_module("旧的说明")])))
    assert [d.message for d in _lint(again, rule_module("旧的说明"))] == ["旧的说明"]
    assert again.hits == 1 and again.folder == first.folder  # same rule, same text: read back
    changed = rule_module("新的说明")  # the rule's code changed
    after = Cache(folder, Linter(Settings([changed])))
    assert after.folder != first.folder
    assert [d.message for d in _lint(after, changed)] == ["新的说明"] and after.hits == 0


def test_configuration_and_content_are_part_of_the_key(tmp_path, rule_module):
    rule = rule_module("说明")
    folder = tmp_path / "cache"
    assert _lint(Cache(folder, Linter(Settings([rule]))), rule)[0].severity == Severity.ERROR
    warned = Cache(folder, Linter(Settings([rule], severity={"TST001": Severity.WARNING})))
    assert _lint(warned, rule, severity=Severity.WARNING)[0].severity == Severity.WARNING
    same = Cache(folder, Linter(Settings([rule])))
    assert [d.start for d in _lint(same, rule, "第次会议\n")] == [0] and same.hits == 0
    assert [d.start for d in _lint(same, rule, "第次会议\n")] == [0] and same.hits == 1


def test_cached_runs_print_exactly_what_a_fresh_run_prints(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("zoom.html", "xxgk-content.html", "article.txt"):
        (site / name).write_bytes((FIXTURES / "web" / name).read_bytes())
    cache = tmp_path / "c"
    for fmt in ("full", "json", "concise", "sarif"):
        fresh = run_cli("check", "--no-cache", "--output-format", fmt, "site", cwd=tmp_path)
        cold = run_cli("check", "--cache-dir", str(cache), "--output-format", fmt, "site", cwd=tmp_path)
        warm = run_cli("check", "--cache-dir", str(cache), "--output-format", fmt, "site", cwd=tmp_path)
        assert fresh.stdout and fresh.stdout == cold.stdout == warm.stdout, fmt
        assert fresh.returncode == cold.returncode == warm.returncode == 1
    entries = list(cache.glob("*/*.pickle"))
    assert len(entries) == 3 and (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert not (tmp_path / ".gongwen_cache").exists()  # --no-cache wrote nothing


def test_the_default_cache_sits_at_the_project_root(tmp_path):
    (tmp_path / "gongwen.toml").write_text("select = ['TYP005']\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("第次会议\n", encoding="utf-8")
    run_cli("check", "a.txt", cwd=tmp_path / "sub")
    assert list((tmp_path / ".gongwen_cache").glob("*/*.pickle"))


def test_a_config_defined_rule_change_invalidates_the_cache(tmp_path):
    from gongwen import api

    def folder(tokens):
        terms = [{"code": "USR002", "name": "banned-words", "kind": "existence",
                  "message": "禁用词：“{match}”", "tokens": tokens}]
        return Cache(tmp_path, api.make_linter({"terms": terms})).folder

    assert folder(["前苏联"]) == folder(["前苏联"])  # the same in every process: no addresses
    assert folder(["前苏联"]) != folder(["前苏联", "两岸三地"])
