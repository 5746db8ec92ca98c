"""Cases of the tenth hostile probe (issue 18), none of them in the other test_hostile files.

Log of what was tried (case → verdict → fix/test):

Found and fixed (most serious first):
- a rule pack whose fix has an edit that is no span of the text (end before start, end past
  the text, negative, a float, content that is not text) → --fix wrote it: [4, 1) wrote the
  text between twice, ten passes, the file grew each run; [1, 55) on a 6-character file
  deleted everything after the finding. The engine checks a finding's span, not its fix's
  → MalformedFix: the file is not written, LNT907 names the rule and the edit
  (test_a_fix_whose_edit_is_no_span_of_the_text…)
"""
from __future__ import annotations

from pathlib import Path

import pytest
from support import rule_class

from gongwen import fix
from gongwen.diagnostic import Applicability, Edit, Fix, Violation
from gongwen.document import Document
from gongwen.engine import Linter, Settings


def _fixing_rule(edit):
    """A rule that reports the first 中 and offers one safe fix made of ``edit(i, unit)``."""

    def check(self, unit, ctx):
        i = unit.text.find("中")
        if i >= 0:
            yield Violation(i, i + 1, "m", fixes=(Fix((edit(i, unit),), Applicability.SAFE, "t"),))

    return rule_class("TSB001", "bad-fix", check)


BAD_EDITS = {
    "end before start": lambda i, unit: Edit(i + 3, i, "Z"),
    "end past the text": lambda i, unit: Edit(i, len(unit.text) + 50, "Z"),
    "negative": lambda i, unit: Edit(-3, -1, "Z"),
    "float": lambda i, unit: Edit(i + 0.5, i + 1, "Z"),
    "content not text": lambda i, unit: Edit(i, i + 1, 5),
}


@pytest.mark.parametrize("kind", list(BAD_EDITS))
def test_a_fix_whose_edit_is_no_span_of_the_text_is_refused_and_the_file_kept(tmp_path, kind):
    path = tmp_path / "a.txt"
    original = "甲中乙丙丁\n第二行\n".encode()
    path.write_bytes(original)
    linter = Linter(Settings([_fixing_rule(BAD_EDITS[kind])], raise_on_crash=False))
    with pytest.raises(fix.MalformedFix, match="TSB001"):
        fix.fix_path(path, linter)
    assert path.read_bytes() == original
    with pytest.raises(fix.MalformedFix):
        fix.fix_document(Document("a.txt", original.decode()), linter)


def test_a_good_fix_of_the_same_rule_is_still_applied(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("甲中乙\n", encoding="utf-8")
    linter = Linter(Settings([_fixing_rule(lambda i, unit: Edit(i, i + 1, "Z"))], raise_on_crash=False))
    assert fix.fix_path(path, linter).written
    assert path.read_text(encoding="utf-8") == "甲Z乙\n"


@pytest.mark.parametrize("kind", list(BAD_EDITS))
def test_the_language_server_offers_no_action_for_a_fix_that_is_no_span(kind):
    from lsprotocol import types

    from gongwen import api, server

    text = "甲中乙丙丁\n第二行\n"
    doc = Document("a.txt", text)
    linter = Linter(Settings([_fixing_rule(BAD_EDITS[kind])], raise_on_crash=False))
    linted = server.Linted(doc, api.lint_document(doc, linter), linter)
    everywhere = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=2, character=0))
    assert server.code_actions("file:///a.txt", linted, everywhere, server.Positions(doc, len)) == []
