"""docs/rules is generated from the rule docstrings and case files, and must be current."""
from __future__ import annotations

from support import ROOT

from gongwen import api, ruledoc

DOCS = ROOT / "docs" / "rules"


def test_the_rules_reference_is_current():
    wanted = ruledoc.pages(ROOT)
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    stale = sorted(name for name in set(wanted) | set(on_disk) if wanted.get(name) != on_disk.get(name))
    assert not stale, f"docs/rules is out of date ({', '.join(stale)}): run python -m gongwen.ruledoc"


def test_every_rule_has_a_page_with_its_examples_in_chinese():
    pages = ruledoc.pages(ROOT)
    for rule in api.registry():
        page = pages[f"{rule.code}.md"]
        assert page.startswith(f"# {rule.code} {rule.name}\n")
        for title in ("## 检查什么", "## 为什么要改", "## 示例", "改为："):
            assert title in page, (rule.code, title)
        assert "What it does" not in page and "Use instead" not in page
        assert f"[{rule.code}]({rule.code}.md)" in pages["README.md"]


def test_case_files_show_what_is_reported_and_what_is_left_alone():
    page = ruledoc.pages(ROOT)["PUN001.md"]
    assert "## 测试用例" in page and "报告：" in page and "不报告：" in page


def test_write_removes_pages_of_rules_that_are_gone(tmp_path):
    (tmp_path / "XYZ999.md").write_text("old", encoding="utf-8")
    changed = ruledoc.write(tmp_path, ROOT)
    assert "XYZ999.md" in changed and not (tmp_path / "XYZ999.md").exists()
    assert ruledoc.write(tmp_path, ROOT) == []  # a second run changes nothing


def test_the_readme_links_the_reference():
    assert "(docs/rules/README.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
