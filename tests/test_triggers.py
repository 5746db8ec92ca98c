"""A rule's triggers must be necessary: the engine skips units without them (gongwen.triggers).

For every rule that declares triggers, random texts made from its own cases (fail and pass),
cut, spliced and with characters dropped or swapped for a trigger or a look-alike, are checked
unit by unit: a unit that holds none of the rule's trigger characters must get no finding when
the rule is called on it anyway. A deliberately wrong trigger is shown to be caught, and the
engine's dispatch is compared with calling every rule on every unit.
"""
from __future__ import annotations

import random
import re
import tomllib

import pytest
from support import FIXTURES

from gongwen import api
from gongwen.document import Document
from gongwen.rule import RuleContext
from gongwen.triggers import Adjacent, TriggerIndex

# A rule's triggers may be set per instance, from a data file (WEB004) or its options (PUN016).
RULES = [rule for rule in api.registry() if rule().triggers or rule().trigger_patterns]
# Characters a mutation may put in: the usual neighbours of numbers, dates and marks, so that
# a text can lose a trigger and keep everything else a finding needs.
FILLER = "0123456789一二三十百千万亿年月日件人%％率倍第《》“”（）—-－，。、：；的和了共占比约近"


def _case_texts(code: str) -> list[str]:
    data = tomllib.loads((FIXTURES / "rules" / f"{code}.toml").read_text(encoding="utf-8"))
    return [case.get("fail", case.get("pass", "")) for case in data["case"]]


def _mutants(seeds: list[str], triggers: str, name: str, count: int = 3_000) -> list[str]:
    rnd = random.Random(name)
    alphabet = FILLER + triggers
    out = list(seeds)
    for _ in range(count):
        text = list(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 4)):
            op = rnd.random()
            i = rnd.randrange(len(text) + 1)
            if op < 0.3 and text:
                del text[min(i, len(text) - 1)]  # drop a character
            elif op < 0.6 and text:
                text[min(i, len(text) - 1)] = rnd.choice(alphabet)  # swap one
            elif op < 0.8:
                text[i:i] = rnd.choice(alphabet)
            else:
                other = rnd.choice(seeds)
                a = rnd.randrange(len(other) + 1)
                text[i:i] = other[a:a + rnd.randint(1, 12)]  # splice a piece of another case
        out.append("".join(text))
        # the same text with every trigger character taken out: the hardest test of necessity
        out.append("".join(ch for ch in out[-1] if ch not in triggers))
    return out


def findings_outside(rule_cls: type, texts: list[str], holds) -> tuple[list[str], int]:
    """Units with a finding of the rule whose text ``holds`` says no to; and how many units had
    a finding (the rule called on every unit of each text; a document rule on the whole text)."""
    rule = rule_cls()
    bad, found = [], 0
    for text in texts:
        doc = Document(path="t.txt", text=text)
        ctx = RuleContext(doc, frozenset({rule.code}))
        for unit in (ctx.whole,) if rule.scope == "document" else doc.units:
            if list(rule.check(unit, ctx)):
                found += 1
                if not holds(unit.text):
                    bad.append(unit.text)
    return bad, found


def _untriggered_findings(rule_cls: type, triggers: str, texts: list[str],
                          patterns: tuple = ()) -> tuple[list[str], int]:
    """Texts with a finding on a unit that holds none of ``triggers`` and no match of ``patterns``
    (strings or compiled patterns, as Rule.trigger_patterns); and how many units had any."""
    return findings_outside(rule_cls, texts, wakes(triggers, patterns))


def wakes(triggers: str, patterns: tuple = ()):
    """Whether a unit's text wakes a rule with these triggers and trigger patterns."""
    compiled = [re.compile(re.escape(p)) if isinstance(p, str) else p for p in patterns]
    return lambda text: any(ch in text for ch in triggers) or any(p.search(text) for p in compiled)


def trigger_alphabet(rule) -> str:
    """What mutations put in: a rule's trigger characters, those of its literal trigger
    patterns and the characters outside ASCII its compiled ones name (numerals, marks)."""
    named = "".join(p if isinstance(p, str) else p.first * (not p.first_other) + p.second
                    if isinstance(p, Adjacent) else "".join(ch for ch in p.pattern if not ch.isascii())
                    for p in rule.trigger_patterns)
    return "".join(dict.fromkeys(rule.triggers + named))


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_a_rule_finds_nothing_where_its_triggers_are_missing(rule):
    """Neither a trigger character nor a trigger pattern's match: no finding (3,000 mutants and
    each again with every trigger character taken out)."""
    instance = rule()
    texts = _mutants(_case_texts(rule.code), trigger_alphabet(instance), rule.code)
    bad, found = _untriggered_findings(rule, instance.triggers, texts, instance.trigger_patterns)
    assert found > 0, f"{rule.code}: the random texts never made it report; the test proves nothing"
    assert bad == [], (f"{rule.code} reports on units without any of {instance.triggers!r} "
                       f"or {instance.trigger_patterns!r}: {bad[:3]}")


def test_triggers_from_options_follow_the_options():
    """PUN016's names come from its data file and its options: a local paper that ends in a
    character no built-in name ends in wakes the rule, through the engine, where it stands."""
    from gongwen.rules.pairs import PublicationWithoutTitleMarks

    assert "讯" not in PublicationWithoutTitleMarks().trigger_patterns[0].second
    assert "讯" in PublicationWithoutTitleMarks({"extend-publications": ["雁峰通讯"]}).trigger_patterns[0].second
    linter = api.make_linter({"select": ["PUN016"], "rules": {"PUN016": {"extend-publications": ["雁峰通讯"]}}})
    found = linter.lint(Document(path="t.txt", text="标题\n经验在雁峰通讯上刊发。\n"))
    assert [d.matched for d in found if d.code == "PUN016"] == ["雁峰通讯"]


def test_a_trigger_that_is_not_necessary_is_caught():
    """CON005 reports rates (率); claiming every finding holds 倍 instead must fail above."""
    rule = next(r for r in RULES if r.code == "CON005")
    texts = _mutants(_case_texts("CON005"), "倍", "wrong", 300)
    bad, _ = _untriggered_findings(rule, "倍", texts)
    assert bad


def test_dispatch_calls_exactly_the_rules_a_text_can_trigger():
    class Plain:
        triggers, trigger_patterns = "", ()

    class Rate:
        triggers, trigger_patterns = "率%", ()

    class Dash:
        triggers, trigger_patterns = "—", ()

    entries = [(Plain,), (Rate,), (Dash,)]
    index = TriggerIndex(entries)
    assert index.plan("办结率98%") == [(Plain,), (Rate,)]
    assert index.plan("2021—2025年") == [(Plain,), (Dash,)]
    assert index.plan("率—") == entries
    assert index.plan("没有") == [(Plain,)]
    assert TriggerIndex([(Plain,)]).plan("率") == [(Plain,)]


@pytest.mark.parametrize("compiled_scan", [True, False], ids=["compiled", "plain"])
def test_plans_kept_per_mask_equal_a_fresh_filter(monkeypatch, compiled_scan):
    """The plan for a text, served from the table kept per mask of rules (also after it
    overflows and is cleared), is exactly the rules a plain filter picks: through the compiled
    scan of the trigger classes and through the ``re`` scan it replaces."""
    from gongwen import triggers

    monkeypatch.setattr(triggers, "_MAX_PLANS", 5)  # overflow often, to test the clearing too
    if not compiled_scan:
        monkeypatch.setattr(triggers, "_trigger_scan", None)
    elif triggers._trigger_scan is None:
        pytest.skip("gongwen.analysis._trigger_scan is not built")
    assert _plan_differing_from_a_fresh_filter(TriggerIndex) is None


def _plan_differing_from_a_fresh_filter(index_class) -> str | None:
    """A random text whose plan from ``index_class`` is not the rules a plain filter picks.
    The alphabet holds the marks looked for apart (triggers._COMMON) and others."""
    rnd = random.Random("plans")
    alphabet = "率%—、，。第《x"
    for _ in range(200):
        rules = [type(f"R{i}", (), {"triggers": "".join(rnd.sample(alphabet[:-1], rnd.randint(0, 3))),
                                             "trigger_patterns": ()})
                 for i in range(rnd.randint(1, 12))]
        index = index_class([(r,) for r in rules])
        for _ in range(100):
            text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 6)))
            plain = [(r,) for r in rules if not r.triggers or any(ch in text for ch in r.triggers)]
            if index.plan(text) != plain:
                return text
    return None


def test_a_plan_that_forgets_the_marks_looked_for_apart_is_caught(monkeypatch):
    """The commonest marks are tested with ``in``, not scanned: an index whose scan still leaves
    them out but that never tests them wakes too few rules, and the comparison above says so."""
    from gongwen import triggers

    monkeypatch.setattr(triggers, "_trigger_scan", None)  # the marks are looked for apart there

    class Forgets(TriggerIndex):
        __slots__ = ()

        def plan(self, text, woken=0):
            common, self._common = self._common, []
            try:
                return super().plan(text, woken)
            finally:
                self._common = common

    assert triggers._COMMON and _plan_differing_from_a_fresh_filter(Forgets) is not None


def test_the_engine_finds_what_every_rule_on_every_unit_finds():
    """The default rule set through the dispatch and through the plain rule-by-rule path (which
    calls every rule on every unit) gives the same diagnostics on texts made of many cases."""
    linter = api.make_linter({})
    rnd = random.Random("engine")
    seeds = [t for rule in RULES for t in _case_texts(rule.code)]
    for _ in range(60):
        text = "\n".join(rnd.sample(seeds, 12))
        doc = Document(path="t.txt", text=text)
        ctx = RuleContext(doc, linter.enabled)
        active = [(r, linter.settings.severity.get(r.code, r.severity)) for r in linter.rules]
        collected, crashed = linter._lint_rule_by_rule(doc, ctx, active)
        assert not crashed
        plain = sorted({(d.code, d.start, d.end, d.message) for d in collected.found})
        fresh = Document(path="t.txt", text=text)
        dispatched = sorted((d.code, d.start, d.end, d.message) for d in linter.lint(fresh)
                            if not d.code.startswith("LNT"))
        assert [f for f in plain if not f[0].startswith("LNT")] == dispatched


# What a trigger pattern must not hold: it is searched in the whole document's text, so it may
# only ask for what is there (gongwen.triggers): no negative lookaround, anchor or word boundary.
# A ^ that opens a class negates it ([^”]: a character other than ”), which is positive.
_NOT_POSITIVE = re.compile(r"\(\?<?!|(?<![\\\[])[\^$]|\\[bBAZ]")


@pytest.mark.parametrize("rule", [r for r in RULES if r.trigger_patterns],
                         ids=[r.code for r in RULES if r.trigger_patterns])
def test_trigger_patterns_are_positive(rule):
    for pattern in rule().trigger_patterns:
        if isinstance(pattern, Adjacent):
            continue  # two characters side by side, asked of each unit: positive by construction
        source = pattern if isinstance(pattern, str) else pattern.pattern
        assert isinstance(pattern, str) or not _NOT_POSITIVE.search(source), f"{rule.code}: {source}"
        assert not isinstance(pattern, str) or len(pattern) > 1, \
            f"{rule.code}: a single character is a trigger character (Rule.triggers)"


def test_a_pattern_that_is_not_positive_is_refused_above():
    assert _NOT_POSITIVE.search(r"、(?!二)") and _NOT_POSITIVE.search(r"^1、") and _NOT_POSITIVE.search(r"\bx")
    assert not _NOT_POSITIVE.search(r"、(?<=[一二]、)(?=[二三])") and not _NOT_POSITIVE.search(r"\.\.\.")
    assert not _NOT_POSITIVE.search(r"“[^”]*“") and _NOT_POSITIVE.search(r"“[^”]*$")


def test_trigger_patterns_wake_exactly_the_units_that_hold_them():
    """The units the whole-text search wakes (TriggerIndex.woken) give each unit the plan a plain
    per-unit filter gives: on documents split into lines, and on documents whose units were made
    by hand (not slices of the text: each is searched on its own), over random texts."""
    from gongwen.document import TextUnit

    class Plain:
        triggers, trigger_patterns = "", ()

    class Dots:
        triggers, trigger_patterns = "…", ("。。。",)

    class Pair:
        triggers, trigger_patterns = "", (re.compile("、(?<=[一二]、)(?=[二三])"),)

    class Both:
        triggers, trigger_patterns = "率", ("。。。", re.compile("、(?<=[一二]、)(?=[二三])"))

    rules = [Plain, Dots, Pair, Both]
    index = TriggerIndex([(r,) for r in rules])
    rnd = random.Random("woken")
    alphabet = "。。、一二三率…x\n"
    for n in range(2_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        doc = Document(path="t.txt", text=text)
        if n % 2:  # the same lines as units made by hand, each followed by a stray character
            units = tuple(TextUnit(u.start, u.end, u.text + rnd.choice(alphabet[:-1]), index=u.index)
                          for u in doc.units)
            doc = Document(path="t.txt", text=text, units=units)
        woken = index.woken(doc)
        for unit in doc.units:
            plain = [(r,) for r in rules if wakes(r.triggers, r.trigger_patterns)(unit.text)
                     or not (r.triggers or r.trigger_patterns)]
            assert index.plan(unit.text, woken.get(unit.start, 0)) == plain, (text, unit)


def test_a_document_rule_is_called_only_on_documents_that_hold_its_triggers():
    """A document rule's triggers and trigger patterns are tested on the document's text."""
    from gongwen.diagnostic import Violation
    from gongwen.engine import Linter, Settings
    from gongwen.rule import Rule

    calls = []

    class Whole(Rule):
        code, name, category, scope = "TST901", "whole", "test", "document"
        triggers, trigger_patterns = "率", ("。。。", re.compile("、(?<=[一二]、)(?=[二三])"))

        def check(self, unit, ctx):
            calls.append(unit.text)
            yield Violation(0, 0, "x")

    linter = Linter(Settings([Whole]))
    texts = ["完成率", "等。。。", "一、二", "一、一\n二、", "。。\n。", "没有"]
    found = [bool(linter.lint(Document(path="t.txt", text=t))) for t in texts]
    assert found == [True, True, True, False, False, False] and calls == texts[:3]
