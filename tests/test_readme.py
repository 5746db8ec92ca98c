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
    assert first[1].endswith("pip install -e '.[test]' && pytest -n auto")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert first[1] in ci


def test_links_point_at_files():
    import re

    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).exists(), target
    assert pathlib.Path(ROOT / "fixtures/reports/yanfeng-2024.txt").exists()


def test_readme_says_what_ci_run_does_beyond_the_test_command():
    import re

    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = re.search(r"apt-get install -y -qq ([^)]+)\)", ci).group(1).split()
    assert installed, ".ci/run installs nothing with apt-get any more: update this test and the README"
    for package in installed:
        assert f"`{package}`" in README, f"README does not say that .ci/run installs {package}"


def test_install_instructions_do_not_rely_on_the_package_index():
    """gongwen-lint is not on PyPI: no recipe or README line may install it from there."""
    import re

    bare = re.compile(r"pip install\s+[\"'`]?gongwen-lint(?:\[[a-z,]+\])?+(?![\w-])(?!\s*@)")
    docs = [*(ROOT / "docs").glob("*.md"), *(ROOT / "docs" / "recipes").glob("*.yml"), ROOT / "linter" / "cli.py"]
    for name, text in [("README.md", README)] + [(p.name, p.read_text(encoding="utf-8")) for p in docs]:
        assert not bare.search(text), f"{name} installs gongwen-lint from the package index"
    assert 'pip install "gongwen-lint @ git+' in README and "pip wheel --no-deps" in README
