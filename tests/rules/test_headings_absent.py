"""FMT001 and FMT012 on a page without headings read nothing past the heading markers: their
first step (the nearest heading of each heading) is not even taken, and they report nothing."""
from __future__ import annotations

from gongwen import api
from gongwen.rule import RuleContext
from gongwen.rules import structure


def test_a_page_without_headings_asks_nothing_more(monkeypatch):
    def asked(*args):
        raise AssertionError("nearest_heading asked on a page without headings")

    monkeypatch.setattr(structure, "nearest_heading", asked)
    doc = api.document_from_text("强化党建引领，夯实责任。\n（节选）\n二是加强督查。第二，落实整改。\n")
    ctx = RuleContext(doc)
    for rule in (structure.HeadingSequence(), structure.MissingHeadingMarker()):
        assert list(rule.check(ctx.whole, ctx)) == []
