"""Declarative rule kinds: rules that editors write in configuration, without Python.

In the spirit of Vale's rule kinds, a ``[[tool.gongwen.terms]]`` table describes a rule:

```toml
[[tool.gongwen.terms]]
code = "USR001"                 # like built-in codes: 2–4 capitals and 3 digits
name = "local-leader-names"     # kebab-case
kind = "substitution"           # or "existence"
message = "姓名写错：“{match}”应为“{replacement}”"
severity = "error"              # error | warning | info (default warning)
swap = { "张山" = "张珊" }       # substitution: wrong -> right
# tokens = ["前苏联"]            # existence: strings that must not appear
exceptions = ["张山路"]          # longer phrases inside which a match is fine
```

Patterns are literal strings, never regular expressions: an editor's pattern cannot
backtrack catastrophically, and all of a rule's strings are found in one pass of an
Aho-Corasick automaton however many there are. Each string is capped at ``MAX_LENGTH``
characters. This module knows no specific term; the built-in formulation rules use the same
matcher.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any, Iterable, Iterator

import ahocorasick_rs

from gongwen.analysis import lazy_regex
from gongwen.analysis.shared_scan import own_matches
from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext
from gongwen.schema import ListOf, OneOf, Record, Str, TableOf

KINDS = ("existence", "substitution")
MAX_LENGTH = 100
MAX_ENTRIES = 100_000
_WORDS = ListOf(Str(non_empty=True))
# One [[terms]] entry's keys and their types (the checks between keys are ``validate``'s).
TERM = Record({"code": Str(), "name": Str(), "kind": OneOf(*KINDS), "message": Str(non_empty=True),
               "severity": OneOf("error", "warning", "info", fold_case=True), "tokens": _WORDS,
               "swap": TableOf(Str(non_empty=True), "表（原词 = 替换词）"), "exceptions": _WORDS,
               "help": Str()},
              required=("code", "name", "kind", "message"), what="表（[[terms]]）")
_CODE = lazy_regex.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = lazy_regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


_DFA_MAX_CHARS = 5_000  # the built-in formulations hold about 900 characters


class LiteralMatcher:
    """Finds any of many literal strings in one pass; a match inside an occurrence of a
    longer *exception* string is dropped (中华人民共和国国务院 holds 人民共和国)."""

    def __init__(self, patterns: dict[str, Any], exceptions: Iterable[str] = ()) -> None:
        self.keys: list[str] = []
        self.values: list[list[tuple[bool, Any]]] = []
        index: dict[str, int] = {}
        # A string that is itself a pattern cannot also excuse itself.
        shields = [e for e in exceptions if e not in patterns]
        for key, entry in [*((p, (True, v)) for p, v in patterns.items()),
                           *((e, (False, None)) for e in shields)]:
            if not key:
                continue
            if key not in index:
                index[key] = len(self.keys)
                self.keys.append(key)
                self.values.append([])
            self.values[index[key]].append(entry)

    @cached_property
    def automaton(self) -> ahocorasick_rs.AhoCorasick | None:
        """Built on first use: where the compiled shared pass finds the keys (every built-in
        matcher, from a run's first document), it is never asked (start-up: ~1 ms spared)."""
        if not self.keys:
            return None
        # A DFA searches about twice as fast as the NFA the library picks above 100 strings (same
        # matches: only the automaton's representation differs); its size grows with the total
        # length of the strings, so a large editor-supplied list keeps the library's choice.
        options = {}
        if sum(len(k) for k in self.keys) <= _DFA_MAX_CHARS:
            options["implementation"] = ahocorasick_rs.Implementation.DFA
        return ahocorasick_rs.AhoCorasick(self.keys, **options)

    def find(self, text: str, matches: list[tuple[int, int, int]] | None = None) -> list[tuple[int, int, Any]]:
        """Non-overlapping (start, end, value) by position; the longest match wins. ``matches``:
        the automaton's raw hits in ``text`` when a shared pass already found them
        (gongwen.analysis.shared_scan), else the automaton is run here."""
        if not self.keys:
            return []
        hits: list[tuple[int, int, Any]] = []
        shields: list[tuple[int, int]] = []
        if matches is None:
            matches = own_matches(self, text)
        for i, start, end in matches:
            for is_pattern, value in self.values[i]:
                if is_pattern:
                    hits.append((start, end, value))
                else:
                    shields.append((start, end))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        shields.sort()
        result, reach, covered, k = [], -1, -1, 0
        for h in hits:
            # covered: the furthest end of an exception starting at or before this hit.
            while k < len(shields) and shields[k][0] <= h[0]:
                covered = max(covered, shields[k][1])
                k += 1
            if covered >= h[1] or h[0] < reach:
                continue
            result.append(h)
            reach = h[1]
        return result


def validate(key: str, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What ``TERM`` cannot declare about the ``terms`` array (each entry already has the
    right keys and types): code and name shapes, unique codes, the keys each kind takes,
    and the size limits. Errors name the entry."""
    codes: set[str] = set()
    for i, spec in enumerate(value):
        where = f"{key}[{i}]（{spec['code']}）"
        if not _CODE.match(spec["code"]):
            raise ValueError(f"{where}：code 应形如 USR001")
        if spec["code"] in codes:
            raise ValueError(f"{where}：code 重复")
        codes.add(spec["code"])
        if not _NAME.match(spec["name"]):
            raise ValueError(f"{where}：name 应为小写连字符形式，如 my-term")
        if spec["kind"] == "existence":
            if "swap" in spec or "tokens" not in spec:
                raise ValueError(f"{where}：existence 规则写 tokens，不写 swap")
            strings = list(spec["tokens"])
        else:
            if "tokens" in spec or not spec.get("swap"):
                raise ValueError(f"{where}：substitution 规则写非空的 swap 表，不写 tokens")
            strings = [*spec["swap"], *spec["swap"].values()]
        strings += spec.get("exceptions", [])
        if len(strings) > MAX_ENTRIES:
            raise ValueError(f"{where}：字符串超过 {MAX_ENTRIES} 个")
        too_long = [s for s in strings if len(s) > MAX_LENGTH]
        if too_long:
            raise ValueError(f"{where}：字符串长于 {MAX_LENGTH} 个字符：{too_long[0][:20]!r}…")
    return value


def _render(template: str, match: str, replacement: str = "") -> str:
    # Plain replacement, not str.format: braces in an editor's message stay as written.
    return template.replace("{match}", match).replace("{replacement}", replacement)


class DeclaredRule(Rule):
    """Base of the rules built from configuration; ``spec`` is the validated table."""

    spec: dict[str, Any] = {}
    category = "custom"
    matcher: LiteralMatcher

    def check(self, unit: TextUnit, ctx: RuleContext) -> Iterator[Violation]:
        spec = self.spec
        swap = spec.get("swap")
        for start, end, wrong in self.matcher.find(unit.text):
            if swap is None:
                yield Violation(start, end, _render(spec["message"], wrong),
                                help=spec.get("help"))
                continue
            right = swap[wrong]
            yield Violation(
                start, end, _render(spec["message"], wrong, right),
                help=spec.get("help") or f"改为“{right}”",
                fixes=(Fix.replace(start, end, right, f"改为“{right}”", Applicability.UNSAFE),),
            )


def _doc(spec: dict[str, Any]) -> str:
    if spec["kind"] == "substitution":
        wrong, right = next(iter(spec["swap"].items()))
    else:
        wrong, right = spec["tokens"][0], "（删去或改写）"
    return (f"## What it does\n{_render(spec['message'], wrong, right)}\n\n"
            f"## Why is this bad?\n配置中定义的 {spec['kind']} 规则（[[tool.gongwen.terms]]）。\n\n"
            f"## Example\n```text\n{wrong}\n```\n\nUse instead:\n```text\n{right}\n```\n")


def build(specs: list[dict[str, Any]]) -> tuple[type[Rule], ...]:
    """One rule class per validated ``terms`` table."""
    rules = []
    for spec in specs:
        if spec["kind"] == "substitution":
            patterns = dict(zip(spec["swap"], spec["swap"]))
            # The right form may contain the wrong one (依法治 -> 依法治区): never flag it.
            shields = [*spec["swap"].values(), *spec.get("exceptions", [])]
        else:
            patterns = dict(zip(spec["tokens"], spec["tokens"]))
            shields = spec.get("exceptions", [])
        attrs = {
            "__doc__": _doc(spec), "code": spec["code"], "name": spec["name"],
            "severity": Severity.parse(spec.get("severity", "warning")),
            "fixable": spec["kind"] == "substitution", "spec": spec,
            "matcher": LiteralMatcher(patterns, shields),
        }
        rules.append(type(f"Declared{spec['code']}", (DeclaredRule,), attrs))
    return tuple(rules)
