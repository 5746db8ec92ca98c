"""A removed rule (Rule.removed; TYP020 since round 21), as ruff keeps one: its code and page
stay, it never runs, and a config or command line that still names it loads with one warning."""
from __future__ import annotations

from support import run_cli

from gongwen import api, ruledoc
from gongwen.document import Document

# What TYP020 reported when it ran: a name the text writes in full twice, once a character short.
ONCE_SHORT = "县市场监督管理局决定开展专项检查，由县市场监督管理局分管负责同志带队。问题线索请报送县市场监督管局食品安全科。"


def _codes(**selection) -> set[str]:
    return {rule.code for rule in api.make_linter({}, **selection).rules}


def test_a_removed_rule_is_never_selected_and_exact_selectors_are_named():
    for selection in ({"select": ["ALL"], "preview": True}, {"select": ["TYP"], "preview": True},
                      {"select": ["TYP020", "TYP015"]}, {"select": ["one-off-dropped-character"]},
                      {"extend_select": ["TYP020"], "preview": True}, {}):
        assert "TYP020" not in _codes(**selection), selection
    assert api.make_linter({}, select=["ALL"], preview=True).settings.removed_named == []  # nor does a prefix
    named = api.make_linter({"ignore": ["TYP020"], "per-file-ignores": {"*.md": ["TYP020"]}},
                            extend_select=["one-off-dropped-character"]).settings.removed_named
    assert named == ["TYP020"]  # once, however many selectors name it


def test_a_config_naming_it_loads_with_one_warning(tmp_path):
    (tmp_path / "r.txt").write_text("2024年，全区共办理行政复议案件57件。\n", encoding="utf-8")
    (tmp_path / "gongwen.toml").write_text('ignore = ["TYP020"]\nextend-select = ["TYP020"]\n', encoding="utf-8")
    result = run_cli("check", "--select", "TYP020,PUN001", "r.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    warnings = [line for line in result.stderr.decode().splitlines() if "TYP020" in line]
    assert len(warnings) == 1 and "已移除" in warnings[0] and "警告" in warnings[0], warnings


def test_its_page_says_why_and_what_replaces_it(capsys):
    from gongwen.cli import list_rules

    rule = api.registry().get("TYP020")
    assert "移除" in ruledoc.summary(rule) and "TYP022" in ruledoc.body(rule)
    list_rules()
    assert "已移除" in next(line for line in capsys.readouterr().out.splitlines() if line.startswith("TYP020"))
    # The replacement it names finds its own example.
    found = api.make_linter({}, select=["TYP022"]).lint(Document(path="t.txt", text=ONCE_SHORT))
    assert [d.code for d in found] == ["TYP022"]
