"""The one pass over a document (gongwen.analysis.shared_scan) must hand every matcher exactly
the hits its own automaton finds: the same (key, start, end), in the same order; a sifting
matcher (FuzzyMatcher) exactly its own sift of them."""
from __future__ import annotations

import random

import pytest

from support import dense_in_keys

from gongwen import api, engine
from gongwen.analysis import shared_scan
from gongwen.analysis.shared_scan import Keys, SharedScan, own_matches
from gongwen.document import Document
from gongwen.rule import RuleContext


PER_MATCHER = 2_000


def _builtin_matchers():
    linter = api.make_linter({"select": ["ALL"], "preview": True})
    return list({id(m): m for rule in linter.rules for m in rule.shared_matchers()}.values())


def _texts(matchers, count: int, name: str) -> list[str]:
    """Texts dense in the matchers' strings: whole keys, pieces of keys, keys run together
    (overlaps, keys inside keys) and ordinary characters between them."""
    rnd = random.Random(name)
    # At most PER_MATCHER keys of each, so that one matcher with thousands of long keys
    # (TYP022's 8,000 names) does not crowd the others' keys out of the texts.
    keys = [k for m in matchers for k in rnd.sample(list(m.keys), min(len(m.keys), PER_MATCHER))]
    filler = "的和在了是，。、中国人民政府工作报告年月日0123１２《》“”\n"
    return [dense_in_keys(rnd, keys, filler) for _ in range(count)]


def test_each_matcher_gets_what_its_own_scan_finds():
    matchers = _builtin_matchers()
    assert len(matchers) >= 5  # formulations, phrases, roster, confusables, traditional characters
    scan = SharedScan(matchers)
    hits = sifted = 0
    for text in _texts(matchers, 2_300, "shared"):
        split = scan.split(text)
        for slot, matcher in enumerate(matchers):
            own = own_matches(matcher, text)
            sifting = hasattr(matcher, "sift_table")
            assert split[slot] == (matcher.sift(text, own) if sifting else own), (type(matcher).__name__, text)
            hits += len(own)
            sifted += sifting and len(split[slot][0]) + len(split[slot][1])
    assert hits > 10_000  # the texts are dense in hits, overlapping ones among them
    assert sifted > 300  # the fuzzy matchers' own texts: tests/analysis/test_fuzzy_sift.py


def test_keys_shared_between_matchers_and_held_twice_by_one():
    a, b = Keys(["中国", "中国共产党", "共产"]), Keys(["共产党", "中国", "产党"])
    twice = Keys(["党员", "党", "党员"])  # one matcher's key held twice (a piece that is a shield)
    scan = SharedScan([a, b, twice])
    for text in ["中国共产党党员", "党员党员中国", "共产党党", ""]:
        assert scan.split(text) == [own_matches(m, text) for m in (a, b, twice)], text


def test_a_wrong_pass_is_caught():
    """A pass that keeps only one matcher per shared key (a plain dict from key to matcher)
    loses the other matcher's hits: the comparison above would fail on it."""

    class FirstOwnerOnly(SharedScan):
        def __init__(self, matchers):
            super().__init__(matchers)
            self._routes = [routes[:1] for routes in self._routes]
            self._scanner = None  # the routing above (the compiled scan's: test_literal_scan.py)

    a, b = Keys(["中国", "共产党"]), Keys(["中国"])
    assert FirstOwnerOnly([a, b]).split("中国共产党")[1] != own_matches(b, "中国共产党")


def test_a_lone_surrogate_keeps_the_offsets():
    a, b = Keys(["中国"]), Keys(["国共"])
    text = "\ud800中国共\udfff中国"
    assert SharedScan([a, b]).split(text) == [own_matches(a, text), own_matches(b, text)]
    assert [s for _, s, _ in own_matches(a, text)] == [1, 5]


@pytest.mark.parametrize("select", [["TRM001", "TRM005", "TRM006", "TRM007", "TRM009", "TYP010", "TYP011"],
                                    ["TYP010", "TYP011"]])
def test_the_engine_finds_the_same_with_and_without_the_pass(select, monkeypatch):
    monkeypatch.setattr(engine, "SHARED_SCAN_AFTER", 0)  # the pass from the first document on
    linter = api.make_linter({"select": select})
    rnd = random.Random("engine")
    matchers = _builtin_matchers()
    with_pass = without = 0
    for text in _texts(matchers, 150, "engine-texts"):
        text = text + "\n" + rnd.choice(["我們要堅持發展。", "健全社会主义法制。", "中国特设社会主义"])
        doc = Document(path="t.txt", text=text)
        found = linter.lint(doc)
        plain = Document(path="t.txt", text=text)
        ctx = RuleContext(plain, linter.enabled)  # no shared pass: every rule scans alone
        alone = sorted((r.code, v.start, v.end, v.message) for r in linter.rules
                       for v in r.check(ctx.whole, ctx))
        assert sorted((d.code, d.start, d.end, d.message) for d in found) == alone
        with_pass += len(found)
        without += len(alone)
    assert with_pass > 100
    assert [type(shared) for shared in linter._shared_scans.values()] == [SharedScan]


def test_the_pass_is_built_once_the_linter_has_read_enough(monkeypatch):
    """A run over one small file (start-up) does not pay for building the pass."""
    monkeypatch.setattr(engine, "SHARED_SCAN_AFTER", 20)
    linter = api.make_linter({"select": ["TRM005", "TYP010"]})
    text = "我们要堅持以人民为中心的发展思想，健全社会主义法制。\n"
    first = linter.lint(Document(path="a.txt", text=text))
    assert linter._shared_scans == {}
    second = linter.lint(Document(path="a.txt", text=text))
    assert [type(s) for s in linter._shared_scans.values()] == [SharedScan]
    assert first == second and {d.code for d in first} == {"TRM005", "TYP010"}


def test_a_text_other_than_the_document_is_scanned_alone():
    a, b = Keys(["中国"]), Keys(["国共"])
    doc = Document(path="t.txt", text="中国共产党")
    ctx = RuleContext(doc, frozenset(), SharedScan([a, b]))
    assert shared_scan.matches(ctx, a, "中国中国") == own_matches(a, "中国中国")
    assert shared_scan.matches(ctx, a, doc.text) == own_matches(a, doc.text)
    assert shared_scan.matches(ctx, Keys(["中国"]), doc.text) == own_matches(a, doc.text)  # not in the pass
