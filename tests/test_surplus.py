"""Findings past the cap given by their span alone (gongwen.diagnostic.Surplus, issue 16 item 4).

A rule that asks ``gongwen.rule.room`` builds only the findings the report keeps and yields a
Surplus for each of the rest; the report must be exactly what it is when the rule builds every
finding and the engine drops the rest: the same kept findings, the same LNT908 count at the
same place. Each test compares the two, with the rule told the truth and with ``room`` always
answering None (a rule that never hears of the cap)."""
from __future__ import annotations

import random

import pytest

from gongwen import api
from gongwen.diagnostic import Severity, Surplus, Violation
from gongwen.document import Document
from gongwen.engine import Linter, RuleCrash, Settings
from gongwen.rule import Rule, RuleContext, room


def _without_room(monkeypatch):
    monkeypatch.setattr(RuleContext, "room", lambda self, rule: None)


def _both(monkeypatch, linter: Linter, doc_of) -> tuple[list, list]:
    told = linter.lint(doc_of())
    with monkeypatch.context() as m:
        _without_room(m)
        plain = linter.lint(doc_of())
    return told, plain


def _random_document(rnd: random.Random) -> str:
    """Lines dense in compact dates (DAT001), broken heading sequences (FMT001) and double
    approximations (NUM004), with prose and numbers that are none of these between them."""
    pieces = ["截至202431", "于2025127召开", "2013125、2014126", "电话20231231", "（一）\n", "一、\n", "1.\n",
              "（1）\n", "（三）强化，提升。\n", "三、\n", "2.\n", "一是", "正文内容，", "2024年1月1日", "\n",
              "约1人左右", "近百人左右，"]
    return "关于二〇二四年工作的报告\n" + "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 400))) + "\n"


@pytest.mark.parametrize("codes", [["DAT001"], ["FMT001"], ["NUM004"], ["DAT001", "FMT001", "PUN001", "NUM004"]])
def test_random_documents_report_the_same_with_and_without_the_cap_told(monkeypatch, codes):
    rnd = random.Random("surplus-" + "-".join(codes))
    base = api.make_linter({}, select=codes)
    truncated = 0
    for n in range(150):
        text = _random_document(rnd)
        cap = rnd.choice([1, 2, 3, 5, 10, 40])
        told, plain = _both(monkeypatch, base.capped(cap), lambda: Document(f"r{n}.txt", text))
        assert told == plain, (cap, text)
        truncated += any(d.code == "LNT908" for d in told)
    assert truncated > 50  # most documents go past the cap: the counting is what is compared


@pytest.mark.parametrize("unit,code", [("截至202431", "DAT001"), ("（一）\n一、\n1.\n（1）\n（三）强化，提升。\n", "FMT001"),
                                       ("约1人左右", "NUM004"), ("二十届三种全会十九届六中全", "TRM007")])
def test_the_adversarial_pages_report_the_same(monkeypatch, unit, code):
    """The inputs of benchmarks/speed (at 60 KB): thousands of findings past a cap of 1,000."""
    text = "关于二〇二四年工作的报告\n" + unit * (60_000 // len(unit.encode())) + "\n"
    linter = api.make_linter({}, select=[code]).capped(1000)
    told, plain = _both(monkeypatch, linter, lambda: Document("a.txt", text))
    assert told == plain
    (summary,) = [d for d in told if d.code == "LNT908"]
    assert "另有" in summary.message and sum(d.code == code for d in told) == 1000


class _Marks(Rule):
    """## What it does\nx\n## Why is this bad?\nx\n## Example\nx\nUse instead:\nx"""

    code, name, category, severity = "TST010", "marks", "test", Severity.INFO

    def check(self, unit, ctx):
        for i, ch in enumerate(unit.text):
            if ch == "甲":
                if self.past(ctx):
                    yield Surplus(i, i + 1)
                else:
                    yield Violation(i, i + 1, "甲")

    def past(self, ctx) -> bool:
        return room(ctx, self) == 0


class _StopsEarly(_Marks):
    """Stops at the cap instead of counting the rest: the count is lost."""

    def check(self, unit, ctx):
        for v in super().check(unit, ctx):
            if isinstance(v, Surplus):
                return
            yield v


class _OneTooSoon(_Marks):
    """Gives a span alone while the report still keeps one more finding."""

    def past(self, ctx) -> bool:
        return (room(ctx, self) or 0) <= 1 and room(ctx, self) is not None


TEXT = "甲乙甲\n丙甲甲\n\n甲丁\n" * 4  # 20 findings over 12 paragraphs


def _lint(rule, cap, strict=True):
    return Linter(Settings([rule], max_per_rule=cap, raise_on_crash=strict)).lint(Document("a.txt", TEXT))


@pytest.mark.parametrize("cap", [0, 1, 3, 7, 19, 20, 21, None])
def test_a_unit_rule_across_paragraphs_matches_the_plain_count(monkeypatch, cap):
    told = _lint(_Marks, cap)
    with monkeypatch.context() as m:
        _without_room(m)
        assert told == _lint(_Marks, cap)


def test_the_comparison_catches_a_rule_that_stops_at_the_cap(monkeypatch):
    with monkeypatch.context() as m:
        _without_room(m)
        plain = _lint(_Marks, 3)
    assert _lint(_StopsEarly, 3) != plain  # kept findings equal, LNT908 missing
    assert [d for d in _lint(_StopsEarly, 3) if d.code != "LNT908"] == [d for d in plain if d.code != "LNT908"]


def test_a_span_alone_while_the_report_has_room_is_a_crash():
    with pytest.raises(RuleCrash, match="Surplus"):
        _lint(_OneTooSoon, 3)
    (crash,) = [d for d in _lint(_OneTooSoon, 3, strict=False) if d.code == "LNT903"]
    assert "TST010" in crash.message


def test_room_counts_down_as_the_engine_takes_findings():
    seen = []

    class Asks(_Marks):
        def check(self, unit, ctx):
            for v in super().check(unit, ctx):
                seen.append(room(ctx, self))
                yield v

    Linter(Settings([Asks], max_per_rule=3)).lint(Document("a.txt", "甲甲甲甲甲\n"))
    assert seen == [3, 2, 1, 0, 0]
    assert room(None, _Marks()) is None and room(object(), _Marks()) is None  # outside the engine: all


def test_a_span_alone_moves_with_its_unit():
    assert Surplus(2, 3).shifted(10) == Surplus(12, 13) and Surplus(2, 3).shifted(0) == (2, 3)


def test_near_misses_of_protected_strings_report_the_same_with_and_without_the_cap_told(monkeypatch):
    # TRM007 gives its findings past the cap by their span: near misses it reports and near
    # misses it judges another sound text (中华民族的伟大复兴) or a string cut short, mixed.
    pieces = ["二十届三种全会", "十九届六中全", "习近平新时代中国特色社会思想", "中国特设社会主义", "中华民族的伟大复兴",
              "统筹发展和安，", "全国人民代表大大会", "党中周围", "二十届三中全会", "正文内容，", "\n"]
    rnd = random.Random("surplus-TRM007")
    base = api.make_linter({}, select=["TRM007"])
    truncated = 0
    for n in range(100):
        text = "关于工作的报告\n" + "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 120))) + "\n"
        cap = rnd.choice([1, 2, 3, 5, 10, 40])
        told, plain = _both(monkeypatch, base.capped(cap), lambda: Document(f"r{n}.txt", text))
        assert told == plain, (cap, text)
        truncated += any(d.code == "LNT908" for d in told)
    assert truncated > 40
