"""Structure and web-leftover rules: the seed's findings, adversarial input (documented
examples: tests/rules/test_doc_examples.py)."""
from __future__ import annotations

import pytest
from support import SEED, repeated

from gongwen import api
from gongwen.document import Document

CODES = ["FMT001", "FMT004", "FMT005", "FMT009", "FMT012", "WEB004"]


@pytest.fixture(scope="module")
def seed_findings():
    text = SEED.read_text(encoding="utf-8")
    linter = api.make_linter({}, select=CODES)
    doc = Document(path="seed.txt", text=text)
    return [(d.code, d.location.line, d.location.column, d) for d in linter.lint(doc)]


def test_seed_structure_findings(seed_findings):
    assert [(c, line, col) for c, line, col, _ in seed_findings] == [
        ("WEB004", 1, 1), ("FMT009", 5, 1), ("FMT004", 39, 1), ("FMT004", 41, 1),
        ("FMT012", 43, 1), ("WEB004", 54, 1)]


def test_seed_damaged_title_names_the_lost_characters(seed_findings):
    (d,) = [d for c, *_, d in seed_findings if c == "FMT009"]
    assert "“区”“年度”" in d.message
    assert d.labels[0].start == SEED.read_text(encoding="utf-8").index("衡阳市雁峰区2024年度")


def test_seed_lost_heading_suggests_the_missing_marker(seed_findings):
    (d,) = [d for c, *_, d in seed_findings if c == "FMT012"]
    assert "(三)" in d.message and d.matched == "化解矛盾纠纷,提升依法治理能力水平"
    assert d.fixes[0].edits[0].content == "(三)"


# (a first line naming an organ, 市政府办公室, is left out: a title with its issuer and one
# without are not compared at all, by design)
@pytest.mark.parametrize("first", ["甲乙", "关于", "附件"])
@pytest.mark.parametrize("second", ["2025年上海市政府工作报告", "2024年北京市政府工作报告", "某某区2023年度法治政府建设情况报告"])
def test_a_title_joined_over_two_lines_is_not_compared_with_its_own_second_line(first, second):
    """A short first line joined with the title under it (the way a title laid out over two
    lines is read) holds that title: the two are one stretch of the page, not a line repeated
    with characters lost (found by test_properties: 甲乙 / 2025年上海市政府工作报告)."""
    text = f"{first}\n{second}\n"
    assert not [d for d in api.lint_text(text, select=["FMT009"])], text
    # the same title set apart elsewhere on the page, a character lost, is still reported
    lost = second[:4] + second[5:]
    found = api.lint_text(f"{first}\n{second}\n\n正文。\n\n{lost}\n", select=["FMT009"])
    assert [d.matched for d in found] == [lost]


# Inputs that make a careless pattern or a pairwise comparison blow up (their speed is
# measured by benchmarks/speed/run.py), with the most findings one repetition may raise.
# enumerators: 二是 twice and 四是 without 三是 are two slips per repetition; heading lines:
# the levels break about once per repetition.
ADVERSARIAL = {
    "quotes": ("“", 0),
    "di": ("第", 0),
    "digits": ("1", 0),
    "spaces": (" ", 0),
    "enumerators": ("一是二是二是四是第一，第三，首先，再次，", 2),
    "heading_lines": ("（一）\n一、\n1.\n（1）\n（三）强化，提升。\n", 2),
    "numbered_short_lines": ("衡阳市雁峰区2024年度报告\n衡阳市雁峰2024报告\n", 0),
    "markers_and_digits": ("1.", 0),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_is_linted_with_bounded_findings(name):
    """No rule compares every line or enumerator with every other: the findings grow with
    the repetitions, not their square, and a run of one character raises none."""
    piece, most_per_unit = ADVERSARIAL[name]
    text = repeated(piece)
    found = api.make_linter({}, select=CODES).lint(Document(path="t.txt", text=text))
    assert len(found) <= most_per_unit * (len(text) // len(piece)), (name, found[:3])
