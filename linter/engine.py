"""Run the selected rules over a document and turn violations into diagnostics.

The engine is the only place that converts unit-relative offsets into absolute ones and
absolute ones into lines and columns; rules never compute positions.
"""
from __future__ import annotations

import fnmatch
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from gongwen.diagnostic import Diagnostic, Severity, Violation, fingerprint
from gongwen.document import Document, TextUnit
from gongwen import kinds
from gongwen.registry import Pack, Registry, SelectionError
from gongwen.rule import Rule, RuleContext

_CONTEXT = 8  # characters each side that make a fingerprint survive edits elsewhere


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

    @classmethod
    def from_config(cls, registry: Registry, values: dict[str, Any], *,
                    select: list[str] | None = None, ignore: list[str] | None = None,
                    extend_select: list[str] | None = None, preview: bool | None = None) -> "Settings":
        """Combine config values with command-line selectors (which take precedence)."""
        if values.get("terms"):  # rules declared in config join the registry, so selectors see them
            registry = Registry([*registry.packs, Pack("terms", "config", "-", kinds.build(values["terms"]))])
        rules = registry.select(
            select if select is not None else values.get("select"),
            [*values.get("ignore", []), *(ignore or [])],
            [*values.get("extend-select", []), *(extend_select or [])],
            preview=values.get("preview", False) if preview is None else preview,
        )

        def code_of(key: str) -> str:
            rule = registry.get(key)
            if rule is None:
                raise SelectionError(f"未知的规则代码或名称 {key!r}")
            return rule.code

        severity = {code_of(k): Severity.parse(v) for k, v in values.get("severity", {}).items()}
        options = {code_of(k): v for k, v in values.get("rules", {}).items()}
        pfi = {glob: {c for sel in sels for c in registry.matching(sel)}
               for glob, sels in values.get("per-file-ignores", {}).items()}
        allow = []
        for entry in values.get("allow", []):
            entry = dict(entry)
            if "rule" in entry:
                entry["rule"] = code_of(entry["rule"])
            allow.append(entry)
        return cls(rules, severity, options, pfi, allow)


class Linter:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rules = []
        for rule_cls in settings.rules:
            opts = settings.rule_options.get(rule_cls.code, {})
            unknown = set(opts) - set(rule_cls.options)
            if unknown:
                raise ValueError(f"规则 {rule_cls.code} 没有选项 {'、'.join(sorted(unknown))}"
                                 f"（可用：{'、'.join(sorted(rule_cls.options)) or '无'}）")
            self.rules.append(rule_cls(opts))
        self.enabled = frozenset(r.code for r in self.rules)

    def lint(self, doc: Document) -> list[Diagnostic]:
        ctx = RuleContext(doc, self.enabled)
        ignored = self._ignored_codes(doc.path)
        found: list[Diagnostic] = []
        active = [(rule, self.settings.severity.get(rule.code, rule.severity))
                  for rule in self.rules if rule.code not in ignored]
        # Paragraph by paragraph, every unit rule in turn (not rule by rule over all
        # paragraphs): scans that several rules make of one paragraph's text (textscan's
        # protected spans) then come from a small cache instead of being redone per rule.
        # The loop body runs about a million times per 10 MB and most calls find nothing, so
        # it is kept bare: no per-call list, tuple or try block.
        unit_rules = [(rule, sev, rule.check) for rule, sev in active if rule.scope != "document"]
        rule = None
        try:
            for rule, severity in active:
                if rule.scope == "document":
                    whole = ctx.whole
                    for v in rule.check(whole, ctx):
                        found.append(self._locate(doc, rule, severity, whole, v))
            for unit in doc.units:
                for rule, severity, check in unit_rules:
                    for v in check(unit, ctx):
                        found.append(self._locate(doc, rule, severity, unit, v))
        except RuleCrash:
            raise
        except Exception as exc:
            raise RuleCrash(f"规则 {rule.code}（{rule.name}）在 {doc.path} 上出错：{exc!r}") from exc
        result = finish(doc, [d for d in found if not self._allowed(doc, d)])
        if doc.directives:
            from gongwen.suppression import apply

            result = apply(doc, result, self.enabled, self.settings.severity)
        if doc.regions:
            result = [replace(d, notes=(*d.notes, note)) if (note := doc.region_note(d.start)) else d
                      for d in result]
        return result

    def _ignored_codes(self, path: str) -> set[str]:
        codes: set[str] = set()
        for glob, globbed in self.settings.per_file_ignores.items():
            if fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path.rsplit("/", 1)[-1], glob):
                codes |= globbed
        return codes

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
        if not 0 <= v.start <= v.end <= len(unit.text):
            raise RuleCrash(f"规则 {rule.code} 报告的位置 [{v.start}, {v.end}) 超出文本单元"
                            f"（长度 {len(unit.text)}）：{doc.path}")
        start, end = unit.start + v.start, unit.start + v.end
        return Diagnostic(
            code=rule.code, name=rule.name, severity=severity, message=v.message,
            path=doc.path, start=start, end=end,
            location=doc.locate(start), end_location=doc.locate_end(start, end),
            help=v.help, fixes=tuple(f.shifted(unit.start) for f in v.fixes),
            labels=tuple(label.shifted(unit.start) for label in v.labels), notes=v.notes,
            matched=doc.text[start:end], headline=rule.headline,
        )


def _line_context(text: str, start: int, end: int) -> str:
    """Up to ``_CONTEXT`` characters each side of a span, never across a line break: a
    paragraph added or edited next to an old finding must not change its fingerprint."""
    before = text[max(0, start - _CONTEXT):start]
    after = text[end:end + _CONTEXT]
    cut = max(before.rfind("\n"), before.rfind("\r"))
    stops = [i for i in (after.find("\n"), after.find("\r")) if i != -1]
    return before[cut + 1:] + text[start:end] + (after[:min(stops)] if stops else after)


def finish(doc: Document, found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Drop duplicates, sort by position and give each diagnostic its fingerprint."""
    unique = {(d.code, d.start, d.end): d for d in found}
    ordered = sorted(unique.values(), key=lambda d: (d.start, d.end, d.code))
    seen: Counter[tuple[str, str, str]] = Counter()
    result = []
    for d in ordered:
        context = _line_context(doc.text, d.start, d.end)
        key = (d.code, d.matched, context)
        result.append(replace(d, fingerprint=fingerprint(d.code, d.path, d.matched, context, seen[key])))
        seen[key] += 1
    return result
