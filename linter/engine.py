"""Run the selected rules over a document and turn violations into diagnostics.

The engine is the only place that converts unit-relative offsets into absolute ones and
absolute ones into lines and columns; rules never compute positions.
"""
from __future__ import annotations

import copy
import fnmatch
import hashlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any, Iterable, NamedTuple, Sequence

from gongwen.analysis.routing import has_short_units, units_holding, units_holding_to_line_end
from gongwen.analysis.shared_scan import COMPILED as shared_scan_compiled, SharedScan
from gongwen.diagnostic import _EDIT, _FIX, _LABEL, Diagnostic, Edit, Fix, Label, Severity, Surplus, Violation, fingerprint
from gongwen.document import Document, Location, TextUnit
from gongwen import collector, faults, kinds, schema
from gongwen.registry import Pack, Registry, SelectionError
from gongwen.rule import Rule, RuleContext
from gongwen.slotted import positional
from gongwen.triggers import TriggerIndex, compiled, searchable_text, units_matching

_CONTEXT = 8  # characters each side that make a fingerprint survive edits elsewhere
# What stands for the findings of a rule past Settings.max_per_rule on one document.
TRUNCATED_CODE, TRUNCATED_NAME = "LNT908", "findings-truncated"
# How many times the cap a rule keeps, per document, for a baseline, suppression comments or
# an allow-list to judge: enough that findings they drop cannot crowd out new ones in any
# real document, few enough that a hostile one stays bounded (10,000 located findings).
FILTER_HEADROOM = 10
# Characters a linter reads before its document rules' literal matchers share one pass
# (gongwen.analysis.shared_scan): where the pass has paid for building its automaton. The
# compiled pass builds in ~2 ms and is the cheaper scan from the first document.
SHARED_SCAN_AFTER = 0 if shared_scan_compiled else 1_000_000


class RuleCrash(Exception):
    """A rule raised or reported an impossible span; names the rule and the file."""


@dataclass
class Settings:
    """Everything that decides which diagnostics a run reports."""

    rules: list[type[Rule]]
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: dict[str, set[str]] = field(default_factory=dict)  # glob -> codes
    allow: list[dict[str, str]] = field(default_factory=list)
    # A rule that raises: True raises RuleCrash, False reports LNT903 and goes on; None
    # follows the process (faults.strict(), which the test suite turns on).
    raise_on_crash: bool | None = None
    # Findings kept per rule and document (None: all); the rest are counted in one LNT908.
    # 1 MB of "中," is half a million PUN001 findings: gigabytes as diagnostics, nothing
    # anyone reads. The command line caps when it only reports; --fix needs every finding.
    max_per_rule: int | None = None
    # LNT908 named by an ignore selector (and not selected back): the cap holds, its note
    # is not written. Not selecting it (--select PUN001) keeps the note: it is that rule's.
    truncations_ignored: bool = False
    # Removed rules (Rule.removed) a selector names: they run no more; the command line warns.
    removed_named: list[str] = field(default_factory=list)

    @property
    def strict(self) -> bool:
        return faults.strict() if self.raise_on_crash is None else self.raise_on_crash

    @classmethod
    def from_config(cls, registry: Registry, values: dict[str, Any], *,
                    select: list[str] | None = None, ignore: list[str] | None = None,
                    extend_select: list[str] | None = None, preview: bool | None = None) -> "Settings":
        """Combine config values with command-line selectors (which take precedence)."""
        if values.get("terms"):  # rules declared in config join the registry, so selectors see them
            registry = Registry([*registry.packs, Pack("terms", "config", "-", kinds.build(values["terms"]))])

        def selected(selector: str, where: str) -> list[str]:
            try:
                return registry.matching(selector)
            except SelectionError as exc:
                raise schema.Invalid(where, f"配置项 {where}：{exc}") from None

        for key in ("select", "ignore", "extend-select"):  # the config's own, named by key
            for i, selector in enumerate(values.get(key, [])):
                selected(selector, f"{key}[{i}]")
        ignores = [*values.get("ignore", []), *(ignore or [])]
        rules = registry.select(
            select if select is not None else values.get("select"),
            ignores,
            [*values.get("extend-select", []), *(extend_select or [])],
            preview=values.get("preview", False) if preview is None else preview,
        )
        truncations_ignored = (all(rule.code != TRUNCATED_CODE for rule in rules)
                               and any(TRUNCATED_CODE in registry.matching(sel) for sel in ignores))

        def code_of(key: str, where: str) -> str:
            rule = registry.get(key)
            if rule is None:
                raise schema.Invalid(where, f"配置项 {where}：没有规则 {key}"
                                            "（gongwen rules 列出全部规则代码和规则名）")
            return rule.code

        severity = {code_of(k, schema.child("severity", k)): Severity.parse(v)
                    for k, v in values.get("severity", {}).items()}
        options = {code_of(k, schema.child("rules", k)): v for k, v in values.get("rules", {}).items()}
        pfi = {glob: {c for i, sel in enumerate(sels)
                      for c in selected(sel, f"{schema.child('per-file-ignores', glob)}[{i}]")}
               for glob, sels in values.get("per-file-ignores", {}).items()}
        allow = []
        for i, entry in enumerate(values.get("allow", [])):
            entry = dict(entry)
            if "rule" in entry:
                entry["rule"] = code_of(entry["rule"], f"allow[{i}].rule")
            allow.append(entry)
        removed = registry.removed_named([*(select or ()), *values.get("select", []), *ignores,
                                          *values.get("extend-select", []), *(extend_select or []),
                                          *(sel for sels in values.get("per-file-ignores", {}).values() for sel in sels)])
        return cls(rules, severity, options, pfi, allow, truncations_ignored=truncations_ignored,
                   removed_named=removed)


def rule_options(rule: type[Rule], opts: dict[str, Any]) -> dict[str, Any]:
    """A rule's options from config, each of the type its default declares (``[]``: a list
    of strings; ``10``: an integer); an unknown option or a wrong type raises schema.Invalid."""
    declared = {name: rule.option_types.get(name) or schema.like(default) for name, default in rule.options.items()}
    return schema.Record(declared, what=f"表（{rule.code} 的选项）").check(schema.child("rules", rule.code), opts)


class Linter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rules = []
        for rule_cls in settings.rules:
            opts = settings.rule_options.get(rule_cls.code, {})
            self.rules.append(rule_cls(rule_options(rule_cls, opts)))
        self.enabled = frozenset(r.code for r in self.rules)
        self._plans: dict[frozenset[str], _Plan] = {}  # per set of ignored codes (per-file-ignores)
        self._shared_scans: dict[frozenset[str], SharedScan | None] = {}  # the same
        self._linted = 0  # characters linted so far, to decide when the shared pass pays

    def capped(self, max_per_rule: int | None, *, baseline_follows: bool = False) -> "Linter":
        """This linter, keeping at most ``max_per_rule`` findings per rule and document.
        ``baseline_follows``: the caller drops the findings a baseline knows and caps what is
        left itself (gongwen.run, with capped_findings); the engine then keeps up to
        FILTER_HEADROOM times the cap for it to judge."""
        other = copy.copy(self)
        other.settings = replace(self.settings, max_per_rule=max_per_rule)
        other.baseline_follows = baseline_follows
        return other

    baseline_follows = False

    def lint(self, doc: Document) -> list[Diagnostic]:
        # The collector is paused while one document is linted: the rules' scans build a few
        # small objects per paragraph (dates, memo entries), and on a page of short lines
        # (89,000 dated lines in 1 MB) the collections they set off re-scanned the document's
        # long-lived objects over and over, ~10% of the run.
        with collector.paused():
            return self._lint(doc)

    @property
    def precomputes(self) -> bool:
        """Whether a rule of this linter has a batch step (Rule.precompute)."""
        return any(_precomputes(rule) for rule in self.rules)

    def precompute(self, doc: Document) -> None:
        """The batch steps of the rules this linter runs on ``doc``. A step that raises is
        ignored: the rule's check computes the same again, and reports it (LNT903) if it
        fails again."""
        for rule in self._plan(doc)[1].precomputing:
            try:
                rule.precompute(doc)
            except (Exception, SystemExit):
                pass

    def _plan(self, doc: Document) -> tuple[frozenset[str], "_Plan"]:
        ignored = frozenset(self._ignored_codes(doc.path)) if self.settings.per_file_ignores else _NONE
        plan = self._plans.get(ignored)
        if plan is None:
            plan = self._plans[ignored] = _Plan.of(self.rules, self.settings.severity, ignored)
        return ignored, plan

    def _lint(self, doc: Document) -> list[Diagnostic]:
        ignored, plan = self._plan(doc)
        collected = _Collected(doc, self._cap_before_filters(doc), self.truncation_severity(doc.path, ignored),
                               self._filtered(doc))
        add = collected.add
        active = plan.active
        # Paragraph by paragraph, every unit rule in turn (not rule by rule over all
        # paragraphs): scans that several rules make of one paragraph's text (textscan's
        # protected spans) then come from a small cache instead of being redone per rule.
        # The loop body runs about a million times per 10 MB and most calls find nothing, so
        # it is kept bare: no per-call list, tuple or try block. A rule that declares
        # triggers is called only on units that hold one (gongwen.triggers); on a document of
        # short units, a rule with a route only on the units one scan finds holding it.
        unit_plan = plan.units.plan
        ctx = RuleContext(doc, self.enabled, self._shared_scan(ignored, active), collected)
        self._linted += len(doc.text)
        rule = None
        crashed: list[Diagnostic] = []
        try:
            if plan.documents:
                whole = ctx.whole
                held: dict[tuple[str, tuple[Any, ...]], bool] = {}  # per declaration (the date rules share one)
                for rule, severity, gate in plan.documents:
                    if gate is not None:
                        holds = held.get(gate)
                        if holds is None:
                            holds = held[gate] = _document_holds(doc, *gate)
                        if not holds:
                            continue
                    for v in rule.check(whole, ctx):
                        add(rule, severity, whole, v)
            units = doc.units
            short = has_short_units(doc)
            index = plan.unrouted if short else plan.units
            woken = index.woken(doc) if index.patterns else None
            if short:
                unit_plan = index.plan
                for rule, severity in plan.routed:
                    route = rule.route
                    for unit in units_holding_to_line_end(doc, route, route.search):
                        for v in rule.check(unit, ctx):
                            add(rule, severity, unit, v)
                if not index.base:  # a unit without a trigger calls no rule
                    units = units_holding(doc, index.any_trigger) if index.any_trigger else ()
                    if woken:
                        units = _with_woken(units, doc, index, woken)
            if woken:
                for unit in units:
                    for rule, severity, check in unit_plan(unit.text, woken.get(unit.start, 0)):
                        for v in check(unit, ctx):
                            add(rule, severity, unit, v)
            else:
                for unit in units:
                    for rule, severity, check in unit_plan(unit.text):
                        for v in check(unit, ctx):
                            add(rule, severity, unit, v)
        except (Exception, SystemExit) as exc:  # sys.exit() in a rule pack: its fault, not the run's end
            if self.settings.strict:
                if isinstance(exc, RuleCrash):
                    raise
                raise RuleCrash(f"规则 {rule.code}（{rule.name}）在 {doc.path} 上出错：{exc!r}") from exc
            # The slow path, only for the document that failed: one try per rule.
            collected, crashed = self._lint_rule_by_rule(doc, ctx, active)
        try:
            result = self._finished(doc, collected)
        except _Unbuildable as bad:  # a finding the rule reported that is no Diagnostic: its crash
            if self.settings.strict:
                raise RuleCrash(f"规则 {bad.rule.code}（{bad.rule.name}）在 {doc.path} 上出错：{bad.error!r}") \
                    from bad.error
            collected, crashed = self._lint_rule_by_rule(doc, ctx, active)
            result = self._finished(doc, collected)
        if doc.directives:
            from gongwen.suppression import apply

            result = apply(doc, result, self.enabled, self.settings.severity)
        if self._filtered(doc) and not self.baseline_follows and self.settings.max_per_rule is not None:
            result = capped_findings(result, self.settings.max_per_rule, self.truncation_severity(doc.path, ignored))
        if doc.regions:
            result = [replace(d, notes=(*d.notes, note)) if (note := doc.region_note(d.start)) else d
                      for d in result]
        return crashed + result  # after allow-lists and suppressions: a crash is never hidden

    def _finished(self, doc: Document, collected: "_Collected") -> list[Diagnostic]:
        """The collected findings deduplicated, ordered, located and fingerprinted, after an
        allow-list has dropped its own and with a rule's truncation where the cap was passed."""
        if not (self.settings.allow or collected.first_dropped):
            return collected.finished()
        found = collected.found
        if self.settings.allow:
            found = [d for d in found if not self._allowed(doc, d)]
        return finish(doc, found + collected.truncations() if collected.first_dropped else found)

    def _shared_scan(self, ignored: frozenset[str], active: list[tuple[Rule, Severity]]) -> SharedScan | None:
        """The one pass for the active rules' literal matchers, once this linter has read
        SHARED_SCAN_AFTER characters: from the start where it is compiled (~2 ms to build);
        else after 1 M, as ahocorasick_rs's automaton takes ~15 ms to build and saves ~11 ms
        per million characters, so a run over one small file (start-up) never builds it."""
        if self._linted < SHARED_SCAN_AFTER:
            return None
        if ignored not in self._shared_scans:
            matchers = list({id(m): m for rule, _ in active for m in rule.shared_matchers()}.values())
            # fewer than two: the matcher's own scan is as fast
            self._shared_scans[ignored] = SharedScan(matchers) if len(matchers) > 1 else None
        return self._shared_scans[ignored]

    def _lint_rule_by_rule(self, doc: Document, ctx: RuleContext,
                           active: list[tuple[Rule, Severity]]) -> tuple["_Collected", list[Diagnostic]]:
        """Every rule over the whole document in its own ``try``: a rule that raises (or
        reports a span outside its unit) loses only its own findings on this document and
        is reported as LNT903; the findings are the same as the fast path's otherwise."""
        collected = ctx.findings = _Collected(doc, self._cap_before_filters(doc), self.truncation_severity(doc.path),
                                              self._filtered(doc))
        crashed: list[Diagnostic] = []
        for rule, severity in active:
            units = (ctx.whole,) if rule.scope == "document" else doc.units
            mark = collected.mark()
            try:
                for unit in units:
                    for v in rule.check(unit, ctx):
                        collected.add(rule, severity, unit, v)
                collected.build_from(mark)  # a finding that cannot be built is the rule's crash too
            except (Exception, SystemExit) as exc:
                collected.undo(mark, rule.code)
                crashed.append(faults.rule_crashed(doc.path, rule.code, rule.name, exc))
        return collected, crashed

    def _ignored_codes(self, path: str) -> set[str]:
        codes: set[str] = set()
        for glob, globbed in self.settings.per_file_ignores.items():
            if fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], glob):
                codes |= globbed
        return codes

    def truncation_severity(self, path: str, ignored: frozenset[str] | None = None) -> Severity | None:
        """LNT908's severity for the file at ``path``: info unless configured (`[severity]
        LNT908 = "error"` makes a file past the cap fail a gate; it was accepted and
        ignored). None when LNT908 is ignored (``ignore``, or ``per-file-ignores`` for this
        file): the cap still holds, only the note that counts the rest is not written. A
        truncation of findings no filter has judged is written regardless (_Collected)."""
        if ignored is None:
            ignored = self._ignored_codes(path) if self.settings.per_file_ignores else _NONE
        if self.settings.truncations_ignored or TRUNCATED_CODE in ignored:
            return None
        return self.settings.severity.get(TRUNCATED_CODE, Severity.INFO)

    def _filtered(self, doc: Document) -> bool:
        """Whether an allow-list, a suppression comment or a baseline will drop findings."""
        return bool(self.settings.allow or doc.directives or self.baseline_follows)

    def _cap_before_filters(self, doc: Document) -> int | None:
        """The cap on what the rules report. Counted before an allow-list, a suppression
        comment or a baseline, 1,000 dropped findings filled a rule's cap and the errors
        after them were only an LNT908 note (info), exit 0; so when they will drop findings
        the rules keep FILTER_HEADROOM times the cap for them to judge, the cap applies to
        what is left (capped_findings), and what lies past the headroom, never judged, is
        counted as new (_Collected.unjudged). Memory stays bounded either way."""
        cap = self.settings.max_per_rule
        return cap * FILTER_HEADROOM if cap is not None and self._filtered(doc) else cap

    def _allowed(self, doc: Document, d: Diagnostic) -> bool:
        for entry in self.settings.allow:
            if entry.get("rule", d.code) != d.code or entry["text"] not in d.matched:
                continue
            if "path" in entry and not fnmatch.fnmatch(d.path, entry["path"]):
                continue
            if not doc.text.startswith(entry.get("prefix", ""), d.start - len(entry.get("prefix", ""))):
                continue
            if not doc.text.startswith(entry.get("suffix", ""), d.end):
                continue
            return True
        return False

    @staticmethod
    def _locate(doc: Document, rule: Rule, severity: Severity, unit: TextUnit,
                v: Violation) -> Diagnostic:
        _check_span(doc, rule, unit, v)
        if v.__class__ is Surplus:
            raise RuleCrash(f"规则 {rule.code} 在报告仍有余量时只报告了位置（Surplus）：{doc.path}")
        return _located(doc, rule, severity, unit.start, v)


def _located(doc: Document, rule: Rule, severity: Severity, delta: int, v: Violation) -> Diagnostic:
    """The Diagnostic of a finding reported on the unit that starts at ``delta`` (its
    fingerprint is finish's to give)."""
    start, end = delta + v.start, delta + v.end
    location = doc.locate(start)
    # Positional, in field order (the constructor's keyword matching is measurable at
    # thousands of findings); most findings have no labels, many no fixes.
    return _DIAGNOSTIC(
        rule.code, rule.name, severity, v.message, doc.path, start, end,
        location, location if end == start else doc.locate_end(start, end), v.help,
        tuple(f.shifted(delta) for f in v.fixes) if v.fixes else (),
        tuple(label.shifted(delta) for label in v.labels) if v.labels else (),
        v.notes, doc.text[start:end], "", rule.headline,
    )


_NONE: frozenset[str] = frozenset()


class _Plan(NamedTuple):
    """What a run does to every document with the same ignored codes, worked out once per
    set (not per document): the active rules with their severities, the document rules among
    them, and the dispatch of the unit rules."""

    active: list[tuple[Rule, Severity]]
    # The document rules, each with its trigger characters and patterns (gongwen.triggers), or
    # None when it declares none.
    documents: list[tuple[Rule, Severity, tuple[str, tuple[Any, ...]] | None]]
    units: TriggerIndex
    # The unit rules with a route, and the dispatch of the others: for documents of short units.
    routed: list[tuple[Rule, Severity]]
    unrouted: TriggerIndex
    # The active rules with a batch step (Rule.precompute).
    precomputing: list[Rule]

    @classmethod
    def of(cls, rules: list[Rule], severities: dict[str, Severity], ignored: frozenset[str]) -> "_Plan":
        active = [(rule, severities.get(rule.code, rule.severity)) for rule in rules if rule.code not in ignored]
        units = [(rule, sev) for rule, sev in active if rule.scope != "document"]
        return cls(active, [(rule, sev, (rule.triggers, compiled(rule.trigger_patterns))
                             if rule.triggers or rule.trigger_patterns else None)
                            for rule, sev in active if rule.scope == "document"],
                   TriggerIndex([(rule, sev, rule.check) for rule, sev in units]),
                   [(rule, sev) for rule, sev in units if rule.route is not None],
                   TriggerIndex([(rule, sev, rule.check) for rule, sev in units if rule.route is None]),
                   [rule for rule, _ in active if _precomputes(rule)])


def _document_holds(doc: Document, triggers: str, patterns: tuple[Any, ...]) -> bool:
    """Whether a unit of ``doc`` holds a character of ``triggers`` or a match of one of
    ``patterns``: a document rule's triggers. The patterns through routing.units_holding, whose
    memo the analysis layers read too (dated_units asks for MAY_HOLD_DATE's units): a document
    that holds one pays no second scan."""
    text = searchable_text(doc)
    texts = (text,) if text is not None else [unit.text for unit in doc.units]
    return (any(ch in t for t in texts for ch in triggers)
            or any(units_matching(doc, pattern, text) for pattern in patterns))


def _with_woken(units: Sequence[TextUnit], doc: Document, index: TriggerIndex,
                woken: dict[int, int]) -> Sequence[TextUnit]:
    """``units`` and the units ``index``'s trigger patterns wake (``woken``), each once, in
    document order."""
    by_start = {unit.start: unit for unit in units}
    if woken.keys() <= by_start.keys():
        return units  # a page whose woken lines hold a trigger character too (率为95%: the %)
    for pattern, _ in index.patterns:
        by_start.update((unit.start, unit) for unit in units_holding(doc, pattern))
    return sorted(by_start.values(), key=attrgetter("start"))


def _precomputes(rule: Rule) -> bool:
    return type(rule).precompute is not Rule.precompute


class _Unbuildable(Exception):
    """A finding a rule reported whose Diagnostic cannot be built (a pack's Violation with a
    fix that is no Fix, an offset that is no int): raised where the findings are built after
    the rules ran, so that the engine reruns the document rule by rule and reports it as that
    rule's crash (LNT903), as it did when each finding was built as it came."""

    def __init__(self, rule: Rule, error: Exception) -> None:
        super().__init__(rule.code, error)
        self.rule, self.error = rule, error


class _Collected:
    """A document's diagnostics as the rules report them: at most ``cap`` per rule are
    located and kept, the rest only counted (and the first of them remembered). A finding
    past the cap may come as a Surplus (its span alone): it is counted the same way."""

    def __init__(self, doc: Document, cap: int | None, severity: Severity | None = Severity.INFO,
                 unjudged: bool = False) -> None:
        # unjudged: filters (allow-list, suppressions, a baseline) will drop findings after
        # this cap, so what it drops was never judged by them: it may all be new, and its
        # LNT908 has the rule's own severity (a gate fails) rather than LNT908's, and is
        # written even where LNT908 itself is not selected (severity None): it stands for
        # the rule's own findings.
        self.doc, self.cap, self.severity, self.unjudged = doc, cap, severity, unjudged
        # What the rules reported and the cap keeps, as they reported it: (rule, severity,
        # the unit's start, the Violation). Located and built into Diagnostics once, by
        # ``finished`` (or ``found``), after the rules have run.
        self.reported: list[tuple[Rule, Severity, int, Violation]] = []
        self.counts: Counter[str] = Counter()
        self.first_dropped: dict[str, tuple[Rule, int, Severity]] = {}

    def add(self, rule: Rule, severity: Severity, unit: TextUnit, v: Violation) -> None:
        # A wrong span or a Surplus where a finding was due raises here, inside the rule's
        # loop, so that the slow path (_lint_rule_by_rule) charges it to the rule. The span's
        # test is _check_span's, written out: a Python call less for every finding.
        if not 0 <= v.start <= v.end <= len(unit.text):
            _check_span(self.doc, rule, unit, v)  # raises
        if v.__class__ is not Surplus and (v.labels or v.fixes):
            _check_parts(self.doc, rule, unit, v)
        if self.cap is not None:
            code = rule.code
            n = self.counts[code] = self.counts[code] + 1
            if n > self.cap:
                if n == self.cap + 1:
                    self.first_dropped[code] = (rule, unit.start + v.start, severity)
                return
        if v.__class__ is Surplus:
            raise RuleCrash(f"规则 {rule.code} 在报告仍有余量时只报告了位置（Surplus）：{self.doc.path}")
        self.reported.append((rule, severity, unit.start, v))

    @property
    def found(self) -> list[Diagnostic]:
        """The kept findings as Diagnostics, in the order reported, without fingerprints:
        what ``finish`` takes (after an allow-list has filtered them, or with truncations).
        A record that cannot be built (a pack's odd Violation) raises _Unbuildable."""
        doc = self.doc
        found = []
        for record in self.reported:
            try:
                found.append(_located(doc, *record))
            except Exception as exc:
                raise _Unbuildable(record[0], exc) from exc
        return found

    def build_from(self, mark: int) -> None:
        """Build the findings reported since ``mark`` (and drop them): raises what building
        them raises, inside the rule-by-rule path's try, where it is the rule's crash."""
        doc = self.doc
        for record in self.reported[mark:]:
            _located(doc, *record)

    def finished(self) -> list[Diagnostic]:
        """``finish(self.doc, self.found)`` in one pass over the records: duplicates dropped
        and the rest ordered by their (start, end, code) before anything is built, each
        Diagnostic built once with its fingerprint (not built, then given it in place), and,
        where the document's offsets are its source's, located by one bisect of the line
        index's starts each, not through Document.locate's four calls and a Location's
        Python constructor. tests/test_finished_findings.py compares the two. Where its
        offsets are its source's, a document's records are finished by one C call
        (gongwen._finished: the same steps, the same hash; ~75 M instructions of the speed
        benchmark's first 400 files), which declines what it cannot build exactly as this
        loop does (tests/test_finished_c.py)."""
        doc = self.doc
        if _finished_c is not None and doc.offset_map.is_identity:
            index = doc.line_index
            done = _finished_c.finished(self.reported, doc.text, doc.path, index.starts, len(index.text))
            if done is not None:
                return done
        unique = {}
        for record in self.reported:
            delta, v = record[2], record[3]
            unique[(delta + v.start, delta + v.end, record[0].code)] = record
        text, path = doc.text, doc.path
        if doc.offset_map.is_identity:
            index = doc.line_index
            starts, size = index.starts, len(index.text)
        else:
            starts, size = None, -1
        seen: dict[tuple[str, str, str], int] = {}
        ordered = []
        for key in sorted(unique):
            start, end, code = key
            rule, severity, delta, v = unique[key]
            try:  # (free where nothing is raised) a pack's odd Violation is its rule's crash
                if 0 <= start and end <= size:  # start <= end: checked by add
                    line = bisect_right(starts, start)
                    location = _LOCATION(Location, (line, start - starts[line - 1] + 1))
                    if end != start:
                        line = bisect_right(starts, end, line - 1)
                        end_location = _LOCATION(Location, (line, end - starts[line - 1] + 1))
                    else:
                        end_location = location
                else:
                    location = doc.locate(start)
                    end_location = location if end == start else doc.locate_end(start, end)
                fixes, labels = v.fixes, v.labels
                if fixes:  # shifted by 0 too: a pack's fix without the method fails here, as in _located
                    fixes = tuple([f.shifted(delta) for f in fixes])
                if labels:
                    labels = tuple([label.shifted(delta) for label in labels])
                matched = text[start:end]
                context = _line_context(text, start, end)
                seen_key = (code, matched, context)
                n = seen.get(seen_key, 0)
                seen[seen_key] = n + 1
                ordered.append(_DIAGNOSTIC(
                    code, rule.name, severity, v.message, path, start, end, location, end_location, v.help,
                    fixes or (), labels or (), v.notes, matched, fingerprint(code, path, matched, context, n),
                    rule.headline))
            except Exception as exc:
                raise _Unbuildable(rule, exc) from exc
        return ordered

    def room(self, code: str) -> int | None:
        """How many more findings of rule ``code`` are kept (None: all): what the rules read
        through RuleContext.room."""
        return None if self.cap is None else max(0, self.cap - self.counts[code])

    def mark(self) -> int:
        return len(self.reported)

    def undo(self, mark: int, code: str) -> None:
        """Forget what a rule that then crashed had reported."""
        del self.reported[mark:]
        self.counts.pop(code, None)
        self.first_dropped.pop(code, None)

    def truncations(self) -> list[Diagnostic]:
        """One LNT908 per rule that reported more than ``cap``: how many more, at the first;
        past what the filters were to judge, at the rule's own severity (``unjudged``)."""
        if self.severity is None and not self.unjudged:
            return []
        return [_truncation(code, rule.name, self.counts[code] - self.cap, self.cap, self.doc.path, start,
                            self.doc.locate(start), severity if self.unjudged else self.severity,
                            self.unjudged)
                for code, (rule, start, severity) in self.first_dropped.items()]


def _truncation(code: str, name: str, rest: int, cap: int, path: str, start: int, where,
                severity: Severity, unjudged: bool = False) -> Diagnostic:
    """LNT908. ``unjudged``: the findings past FILTER_HEADROOM times the cap, never compared
    with the baseline, suppression comments or allow-list, which count as new."""
    told = (f"另有 {rest} 处问题未与基线、抑制注释或允许列表比对，按新问题计，"
            f"第一处在此（每条规则每个文件最多比对 {cap} 处）" if unjudged else
            f"另有 {rest} 处问题未列出，第一处在此（每条规则每个文件最多列出 {cap} 处）")
    return Diagnostic(
        code=TRUNCATED_CODE, name=TRUNCATED_NAME, severity=severity,
        message=f"{code}（{name}）在此文件中{told}",
        path=path, start=start, end=start, location=where, end_location=where,
        fingerprint=f"{TRUNCATED_CODE}:{path}:{code}",
        help=f"修正已列出的问题后重新检查，或用 --fix 修复；只看这一条规则：--select {code}")


def capped_findings(found: list[Diagnostic], cap: int, severity: Severity | None = Severity.INFO) -> list[Diagnostic]:
    """``found`` (one document's, in order) with at most ``cap`` per rule, and an LNT908 for
    each rule past it (none when ``severity`` is None: LNT908 not selected): the cap applied
    to findings already filtered (by a baseline), which the engine's own cap, counting every
    finding the rules report, must not be."""
    counts: Counter[str] = Counter()
    kept: list[Diagnostic] = []
    first: dict[str, Diagnostic] = {}
    for d in found:
        n = counts[d.code] = counts[d.code] + 1
        if n <= cap or d.code.startswith("LNT9"):  # a fault or a truncation is never dropped
            kept.append(d)
        elif n == cap + 1:
            first[d.code] = d
    if not first:
        return found
    if severity is None:
        return kept
    return sorted(kept + [_truncation(code, d.name, counts[code] - cap, cap, d.path, d.start, d.location, severity)
                          for code, d in first.items()], key=_POSITION)


def _check_span(doc: Document, rule: Rule, unit: TextUnit, v: Violation) -> None:
    if not 0 <= v.start <= v.end <= len(unit.text):
        raise RuleCrash(f"规则 {rule.code} 报告的位置 [{v.start}, {v.end}) 超出文本单元"
                        f"（长度 {len(unit.text)}）：{doc.path}")
    if v.__class__ is not Surplus and (v.labels or v.fixes):
        _check_parts(doc, rule, unit, v)


def _check_parts(doc: Document, rule: Rule, unit: TextUnit, v: Violation) -> None:
    """A finding's labels and its fixes' edits must be spans of the document's text (offsets
    from the unit's start, as the finding's own): one outside it failed only where an output
    format drew it, as LNT905 naming the format, not the rule (a third-party rule's bug)."""
    length = len(doc.text)
    for label in v.labels:
        if not _is_span(unit.start, label.start, label.end, length):
            raise RuleCrash(f"规则 {rule.code} 报告的标注位置 [{label.start!r}, {label.end!r}) 不是文本中的一段"
                            f"（相对文本单元，单元起于 {unit.start}，文本长 {length}）：{doc.path}")
    delta = unit.start
    for fix in v.fixes:
        for e in fix.edits:
            start, end = e.start, e.end  # _is_span, written out (an edit or two for most findings)
            if not (start.__class__ is int and end.__class__ is int and 0 <= delta + start <= delta + end <= length) \
                    and not _is_span(delta, start, end, length):
                raise RuleCrash(f"规则 {rule.code} 的修复要改的位置 [{e.start!r}, {e.end!r}) 不是文本中的一段"
                                f"（相对文本单元，单元起于 {unit.start}，文本长 {length}）：{doc.path}")
            if not isinstance(e.content, str):
                raise RuleCrash(f"规则 {rule.code} 的修复要写入的内容不是文本：{type(e.content).__name__}："
                                f"{doc.path}")


def _is_span(delta: int, start, end, length: int) -> bool:
    """Whether ``[start, end)`` moved by ``delta`` is ``0 <= start <= end <= length`` in integers."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= delta + start <= delta + end <= length


def _line_context(text: str, start: int, end: int) -> str:
    """Up to ``_CONTEXT`` characters each side of a span, never across a line break: a
    paragraph added or edited next to an old finding must not change its fingerprint.
    One slice of the text: the context before, the span and the context after are contiguous
    (searched in place rather than cut into three and joined; tests/test_fingerprint_context.py)."""
    lo = start - _CONTEXT if start > _CONTEXT else 0
    whole = text[lo:end + _CONTEXT]
    if "\n" not in whole and "\r" not in whole:  # most findings: no line break near (two scans of ~20 characters)
        return whole
    cut = max(text.rfind("\n", lo, start), text.rfind("\r", lo, start))
    hi = end + _CONTEXT
    n, r = text.find("\n", end, hi), text.find("\r", end, hi)
    if n != -1 or r != -1:
        hi = r if n == -1 else n if r == -1 else min(n, r)
    return text[lo if cut == -1 else cut + 1:hi]


# The fingerprint slot's own setter: finish() fills in the diagnostics the engine has just
# built and no one else holds yet, so it sets the field in place instead of copying each one
# with dataclasses.replace (which re-runs the frozen __init__, sixteen fields).
_SET_FINGERPRINT = Diagnostic.__dict__["fingerprint"].__set__
_POSITION = attrgetter("start", "end", "code")  # the report's order, as one C call per finding
# A Location built by one C call: the named tuple's own constructor is a Python function.
_LOCATION = tuple.__new__
_DIAGNOSTIC = positional(Diagnostic)  # every field, in order

try:  # _Collected.finished's loop in one C call per document; else the loop below
    from gongwen import _finished as _finished_c

    _finished_c.configure(Violation, Fix, Edit, Label, Location, _FIX, _EDIT, _LABEL, _DIAGNOSTIC, hashlib.sha256)
except (ImportError, TypeError):  # not built, or classes whose slots it cannot read
    _finished_c = None


def finish(doc: Document, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop duplicates, sort by position and give each diagnostic its fingerprint. The
    diagnostics must be new ones from this run (their fingerprint is set in place)."""
    unique = {(d.code, d.start, d.end): d for d in found}
    ordered = sorted(unique.values(), key=_POSITION)
    seen: Counter[tuple[str, str, str]] = Counter()
    for d in ordered:
        context = _line_context(doc.text, d.start, d.end)
        key = (d.code, d.matched, context)
        _SET_FINGERPRINT(d, fingerprint(d.code, d.path, d.matched, context, seen[key]))
        seen[key] += 1
    return ordered
