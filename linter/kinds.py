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

from typing import Any, Iterable, Iterator

import ahocorasick_rs
import regex

from gongwen.diagnostic import Applicability, Fix, Severity, Violation
from gongwen.document import TextUnit
from gongwen.rule import Rule, RuleContext

KINDS = ("existence", "substitution")
MAX_LENGTH = 100
MAX_ENTRIES = 100_000
_KEYS = {"code", "name", "kind", "message", "severity", "tokens", "swap", "exceptions", "help"}
_CODE = regex.compile(r"^[A-Z]{2,4}[0-9]{3}$")
_NAME = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


_SURROGATE = regex.compile(r"[\ud800-\udfff]")
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
        # A DFA searches about twice as fast as the NFA the library picks above 100 strings (same
        # matches: only the automaton's representation differs); its size grows with the total
        # length of the strings, so a large editor-supplied list keeps the library's choice.
        options = {}
        if sum(len(k) for k in self.keys) <= _DFA_MAX_CHARS:
            options["implementation"] = ahocorasick_rs.Implementation.DFA
        self.automaton = ahocorasick_rs.AhoCorasick(self.keys, **options) if self.keys else None

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        """Non-overlapping (start, end, value) by position; the longest match wins."""
        if self.automaton is None:
            return []
        hits: list[tuple[int, int, Any]] = []
        shields: list[tuple[int, int]] = []
        try:
            matches = self.automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            # A lone surrogate (text handed to the API, a broken UTF-16 file decoded with
            # surrogatepass) cannot cross into Rust; NUL, which no term holds, keeps offsets.
            matches = self.automaton.find_matches_as_indexes(_SURROGATE.sub("\0", text), overlapping=True)
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


def _strings(key: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{key} 必须是非空字符串的列表")
    return value


def validate(key: str, value: Any) -> list[dict[str, Any]]:
    """The config validator for the ``terms`` array: errors name the entry and the key."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{key} 必须是表的数组（[[tool.gongwen.{key}]]）")
    codes: set[str] = set()
    for i, spec in enumerate(value):
        where = f"{key}[{i}]"
        unknown = set(spec) - _KEYS
        if unknown:
            raise ValueError(f"{where} 有未知的键 {'、'.join(sorted(unknown))}"
                             f"（可用：{'、'.join(sorted(_KEYS))}）")
        for required in ("code", "name", "kind", "message"):
            if not isinstance(spec.get(required), str):
                raise ValueError(f"{where} 缺少字符串 {required!r}")
        where = f"{key}[{i}] ({spec['code']})"
        if not _CODE.match(spec["code"]):
            raise ValueError(f"{where}：code 必须形如 USR001")
        if spec["code"] in codes:
            raise ValueError(f"{where}：code 重复")
        codes.add(spec["code"])
        if not _NAME.match(spec["name"]):
            raise ValueError(f"{where}：name 必须是短横线连接的小写英文（kebab-case），如 local-leader-name")
        if spec["kind"] not in KINDS:
            raise ValueError(f"{where}：kind 必须是 {'、'.join(KINDS)} 之一")
        Severity.parse(spec.get("severity", "warning"))
        if spec["kind"] == "existence":
            if "swap" in spec or "tokens" not in spec:
                raise ValueError(f"{where}：existence 规则用 'tokens'，不用 'swap'")
            strings = _strings(f"{where}.tokens", spec["tokens"])
        else:
            swap = spec.get("swap")
            if "tokens" in spec or not isinstance(swap, dict) or not swap:
                raise ValueError(f"{where}：substitution 规则用 'swap' 表，不用 'tokens'")
            if not all(isinstance(v, str) for v in swap.values()):
                raise ValueError(f"{where}.swap 的值必须是字符串")
            strings = [*swap, *swap.values()]
        strings += _strings(f"{where}.exceptions", spec.get("exceptions", []))
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
