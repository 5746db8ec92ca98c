"""A rule's route must be necessary: on a document of short units the engine calls the rule
only on the units one scan of the text finds holding it (Rule.route, gongwen.analysis.routing).

For every rule that declares a route, random texts made from its own cases (test_triggers'
mutants) are checked unit by unit: a unit with a finding holds a match of the route; and the
engine's report with every document taken for one of short units equals its report with none.
A deliberately narrow route is shown to be caught. On pages of short lines cut from every
rule's cases, the default rules report the same with and without the short-unit path (routes,
and only the units holding a trigger character visited); a visit that loses a unit is caught.
"""
from __future__ import annotations

import re

import pytest
from test_triggers import _case_texts, _mutants, findings_outside, trigger_alphabet

from gongwen import api
from gongwen.analysis import routing
from gongwen.document import Document

RULES = [rule for rule in api.registry() if rule.route is not None]


def _unrouted_findings(rule_cls: type, route, texts: list[str]) -> tuple[list[str], int]:
    """Units with a finding whose text holds no match of ``route``; and how many had a finding."""
    return findings_outside(rule_cls, texts, lambda text: route.search(text) is not None)


def test_some_rules_have_routes():
    assert {"PUN009", "PUN017"} <= {rule.code for rule in RULES}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_a_rule_finds_nothing_where_its_route_does_not_match(rule):
    texts = _mutants(_case_texts(rule.code), trigger_alphabet(rule()), f"route {rule.code}")
    bad, found = _unrouted_findings(rule, rule.route, texts)
    assert found > 0, f"{rule.code}: the random texts never made it report; the test proves nothing"
    assert bad == [], f"{rule.code} reports on units without a match of its route: {bad[:3]}"


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_the_engine_reports_the_same_with_and_without_routing(rule, monkeypatch):
    texts = _mutants(_case_texts(rule.code), trigger_alphabet(rule()), f"engine {rule.code}", 1_000)
    linter = api.make_linter({}, select=[rule.code])

    def report() -> list[list[tuple]]:
        return [[(d.start, d.end, d.message, d.fixes) for d in linter.lint(Document("t.txt", t))] for t in texts]
    monkeypatch.setattr(routing, "SHORT_UNITS", 10**9)  # every document is one of short units
    routed = report()
    monkeypatch.setattr(routing, "SHORT_UNITS", 0)  # none is
    assert report() == routed and any(routed)


def test_a_route_that_is_not_necessary_is_caught():
    """PUN009 reports a hyphen between Han characters (中国-东盟); a route of dash pairs alone
    must fail above."""
    rule = next(r for r in RULES if r.code == "PUN009")
    texts = _mutants(_case_texts("PUN009"), trigger_alphabet(rule()), "narrow route", 1_000)
    bad, _ = _unrouted_findings(rule, re.compile(r"[―─－\-–—]{2}"), texts)
    assert bad


def _short_line_documents(count: int) -> list[str]:
    """Pages of short lines cut from every rule's cases (each case's lines, cut again at random),
    with some one-word lines between: documents of short units that still draw findings."""
    import random
    import tomllib

    from support import FIXTURES

    lines = []
    for path in sorted((FIXTURES / "rules").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            lines += (case.get("fail") or case.get("pass") or "").splitlines()
    rnd = random.Random("short-line documents")
    docs = []
    for _ in range(count):
        picked = []
        for _ in range(rnd.randint(1, 12)):
            line = rnd.choice(lines)
            a = rnd.randrange(len(line) + 1)
            picked.append(line[a:a + rnd.randint(1, 40)] if rnd.random() < 0.5 else line)
            picked += rnd.choice((["a"], ["- a"], ["1. a"], ["一、a"], []))
        docs.append("\n".join(picked) + "\n")
    return docs


@pytest.fixture(scope="module")
def short_line_documents() -> list[str]:
    return _short_line_documents(1_500)


def _default_report(texts: list[str]) -> list[list[tuple]]:
    linter = api.make_linter({})
    return [[(d.code, d.start, d.end, d.message, d.fixes) for d in linter.lint(Document("t.txt", t))] for t in texts]


def test_every_rule_reports_the_same_on_short_units(short_line_documents, monkeypatch):
    """The default rules over pages of short lines: routes, and only the units that hold a
    trigger character visited, against the plain per-unit dispatch."""
    monkeypatch.setattr(routing, "SHORT_UNITS", 10**9)
    routed = _default_report(short_line_documents)
    monkeypatch.setattr(routing, "SHORT_UNITS", 0)
    assert _default_report(short_line_documents) == routed
    assert sum(map(len, routed)) > 2_000


@pytest.mark.parametrize("wrong", ["forgets the comma", "loses a unit"])
def test_a_wrong_visit_is_caught(short_line_documents, monkeypatch, wrong):
    from gongwen import engine

    monkeypatch.setattr(routing, "SHORT_UNITS", 10**9)
    plain = _default_report(short_line_documents)
    real = engine.units_holding

    def visit(doc, pattern):
        if wrong == "loses a unit":
            return real(doc, pattern)[1:]
        return real(doc, re.compile(pattern.pattern.replace(",", "")))
    monkeypatch.setattr(engine, "units_holding", visit)
    assert _default_report(short_line_documents) != plain
