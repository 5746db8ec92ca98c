"""Every rule's documented example: the ``## Example`` blocks report the rule, the blocks
after ``Use instead:`` do not. The docstring is the user's documentation (``gongwen rule
CODE``), so an example that stopped being true is a documentation bug."""
from __future__ import annotations

import textwrap

import pytest
import regex

from gongwen import api

_BLOCK = regex.compile(r"```text\n(.*?)```", regex.DOTALL)
_NEXT_SECTION = regex.compile(r"^\s*## ", regex.MULTILINE)
# A suppression comment (LNT001, LNT002) works in Markdown; the rules it names run too, since
# a comment naming a rule that did not run is never reported as unused.
_SUPPRESSION = regex.compile(r"<!--\s*gongwen-(?:disable|enable)[-a-z]*\s+([A-Z0-9, ]+)")

# Rules whose example is not a text one can lint: the reader or the engine reports them, on an
# unreadable input, a crashed rule or worker, too many findings, a run cut short; tests/test_inputs.py,
# tests/test_hostile_*.py and tests/test_cluster.py show each one happen.
NOT_FROM_TEXT = {"LNT901", "LNT902", "LNT903", "LNT904", "LNT905", "LNT906", "LNT907", "LNT908", "LNT909", "LNT910"}


def examples(doc: str) -> tuple[list[str], list[str]]:
    """The text blocks of the ``## Example`` section and those after ``Use instead:``."""
    after_example = doc.partition("## Example")[2]
    example, _, rest = after_example.partition("Use instead:")
    end = _NEXT_SECTION.search(rest)
    instead = rest[:end.start()] if end else rest
    return ([textwrap.dedent(b) for b in _BLOCK.findall(example)],
            [textwrap.dedent(b) for b in _BLOCK.findall(instead)])


def lint(code: str, text: str):
    named = [c for m in _SUPPRESSION.finditer(text) for c in regex.findall(r"[A-Z]+[0-9]*", m[1])]
    doc = api.read_bytes(text.encode("utf-8"), path="example.md" if named else "example.txt")
    known = [c for c in named if api.registry().get(c) is not None]
    return api.lint_document(doc, api.make_linter({}, select=[code, *known]))


# A removed rule runs no more: its example shows what it used to report (tests/test_removed_rules.py).
CODES = [rule.code for rule in api.registry() if rule.code not in NOT_FROM_TEXT and not rule.removed]


@pytest.mark.parametrize("code", CODES)
def test_documented_example_reports_and_use_instead_does_not(code):
    bad, good = examples(api.registry().get(code).__doc__)
    assert bad and good, f"{code}: the docstring needs a ```text block under ## Example and after Use instead:"
    for text in bad:
        assert any(d.code == code for d in lint(code, text)), f"{code}: the Example reports nothing:\n{text}"
    for text in good:
        assert [d for d in lint(code, text) if d.code == code] == [], f"{code}: the Use-instead text reports:\n{text}"


def test_the_examples_of_a_docstring_are_found_by_section():
    doc = ("## What it does\n```toml\nx = 1\n```\n## Example\n```text\nA\n```\n```text\nB\n```\n"
           "Use instead:\n```text\nC\n```\n## Options\n```text\nD\n```\n")
    assert examples(doc) == (["A\n", "B\n"], ["C\n"])
