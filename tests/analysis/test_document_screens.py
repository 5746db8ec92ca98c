"""The document rules screened by a pair declared to the route screen find what they find
without it (round 19: NUM006's grouping mark, TYP017's clause ends).

A declared pair lets the document's one compiled pass (gongwen.analysis.route_screen) answer
that the text holds no match of a route, so the layer behind it is not built. Here each rule is
run on the fixture corpus's files and on ~1,000 documents made from its own cases (NUM006's with grouped numerals of full-width digits and of spaces added) (characters
of both sides of its pair put in, taken out, swapped; units joined by line breaks or by
nothing), once with the screen and once with every ``may_match`` answering True, and the
findings must be the same; the random documents must give findings, and a pair declared
narrower than the route (a side with a character left out) must be caught.
"""
from __future__ import annotations

import random

import pytest
from support import FIXTURES, case_texts, edited, joined_document

from gongwen.analysis import route_screen, routing
from gongwen.analysis.numerals import GROUP_SPACES
from gongwen.document import Document
from gongwen.rule import RuleContext
from gongwen.rules import numbers, truncated_words

CORPUS = [Document(path=p.name, text=p.read_text(encoding="utf-8"))
          for p in sorted((FIXTURES / "corpus-sample").glob("*.txt"))]


def _num006():
    return numbers.DigitGrouping(), numbers._GROUP_MARK


def _typ017():
    return truncated_words.ClauseCutShort(), truncated_words._clause_end_route()


# Seeds beyond the rules' cases: a grouped numeral opening with full-width digits, and numerals
# grouped by each group space (none of NUM006's cases has either).
GROUPED = ["全年新增就业１２,500人，城镇新增就业32060人。"] + [
    f"全年新增就业12{space}500人，城镇新增就业32060人。" for space in GROUP_SPACES]

# code: (rule and its screened pattern, characters the mutations put in, a narrower pair)
SCREENS = {
    "NUM006": (_num006, "0123456789０１２３４５６７８９," + GROUP_SPACES + "，人件元年",
               ("0123456789", "," + GROUP_SPACES)),
    "TYP017": (_typ017, "".join(sorted(truncated_words.completions())) + truncated_words._CLAUSE_ENDS + "工作",
               ("".join(sorted(truncated_words.completions())), "，。；！？")),
}


def _documents(code: str, extra: str, count: int = 1_000) -> list[Document]:
    seeds = case_texts(code)
    seeds += GROUPED if code == "NUM006" else []
    rnd = random.Random(code + " screens")
    docs = []
    for _ in range(count):
        texts = []
        for _ in range(rnd.randint(1, 4)):
            seed = rnd.choice(seeds)
            texts.append(edited(rnd, seed, extra, rnd.randint(0, 4)))
        if rnd.random() < 0.5:
            docs.append(joined_document(rnd, texts))
        else:  # a document read from text: its units are the lines
            docs.append(Document(path="r.txt", text=rnd.choice(("\n", "")).join(texts)))
    return docs


def _findings(rule, doc: Document) -> list[tuple]:
    doc._memo.clear()
    ctx = RuleContext(doc, frozenset({rule.code}))
    return [(v.start, v.end, v.message) for v in rule.check(ctx.whole, ctx)]


def _differences(code: str, monkeypatch, pair: tuple[str, str] | None = None) -> tuple[list[str], int]:
    """The documents on which the rule finds otherwise with the screen than without, and how
    many gave a finding; ``pair``: the route declared with that pair instead of its own."""
    make, extra, _ = SCREENS[code]
    rule, pattern = make()
    if pair is not None:
        monkeypatch.setitem(route_screen._PAIRS, pattern, pair)
        route_screen._built.clear()
    docs = CORPUS + _documents(code, extra)
    screened = [_findings(rule, doc) for doc in docs]
    with monkeypatch.context() as m:
        m.setattr(routing, "may_match", lambda doc, pattern: True)
        m.setattr(numbers, "may_match", lambda doc, pattern: True)
        plain = [_findings(rule, doc) for doc in docs]
    route_screen._built.clear()  # the next document's screen is built from the declarations again
    return [d.text for d, a, b in zip(docs, screened, plain) if a != b], sum(bool(b) for b in plain)


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
@pytest.mark.parametrize("code", sorted(SCREENS))
def test_the_screen_changes_no_finding(code, monkeypatch):
    differ, reported = _differences(code, monkeypatch)
    assert reported > 50, f"{code}: the documents rarely made it report; the test proves little"
    assert differ == [], f"{code}'s screen drops findings on: {differ[:3]}"


@pytest.mark.skipif(route_screen._trigger_scan is None, reason="the compiled scanner is not built")
@pytest.mark.parametrize("code", sorted(SCREENS))
def test_a_narrower_pair_is_caught(code, monkeypatch):
    differ, _ = _differences(code, monkeypatch, SCREENS[code][2])
    assert differ, f"{code}: a pair narrower than the route went unnoticed"
