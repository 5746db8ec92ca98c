"""The README is for users: its rule table, its commands and its recipes must be true."""
from __future__ import annotations

import pathlib

from support import ROOT

from gongwen import api

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table():
    for rule in api.registry():
        assert f"| {rule.code} | {rule.name} |" in README, f"{rule.code} missing from README"


def test_recipes_are_copied_from_the_tested_files():
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        recipe = (ROOT / "docs" / "recipes" / name).read_text(encoding="utf-8")
        assert recipe in README, f"README's copy of docs/recipes/{name} is out of date"


def test_the_two_first_commands():
    first = [line for line in README.splitlines() if line.startswith("python3 -m venv")]
    assert first[0].endswith("gongwen check fixtures/reports/yanfeng-2024.txt")
    assert first[1].endswith("pip install -e '.[test]' && pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert first[1] in ci


def test_links_point_at_files():
    import re

    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).exists(), target
    assert pathlib.Path(ROOT / "fixtures/reports/yanfeng-2024.txt").exists()
