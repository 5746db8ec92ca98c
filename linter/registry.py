"""Rule discovery through the ``gongwen.rules`` entry-point group, and rule selection.

Every pack — the built-ins included — is an entry point whose target is a callable
returning rule classes (or a module with ``load()``). Packs load in a fixed order, a pack
that fails to load names itself, and two packs cannot claim one code or one name
(flake8's ``finder.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


from gongwen import entry_points
from gongwen.rule import Rule
from gongwen.analysis import pattern_cache

ENTRY_POINT_GROUP = "gongwen.rules"
CODE_PATTERN = pattern_cache.regex_compile(r"^[A-Z]{2,4}[0-9]{3}$")
NAME_PATTERN = pattern_cache.regex_compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "Use instead:")


class RegistryError(Exception):
    """A rule pack could not be loaded or conflicts with another (exit code 2)."""


class SelectionError(ValueError):
    """A selector names no rule."""


@dataclass(frozen=True)
class Pack:
    """One rule pack: its name, the distribution (and version) that ships it, and its rules."""

    name: str
    dist: str
    version: str
    rules: tuple[type[Rule], ...]


def _load_pack(ep) -> Pack:
    # ep: an importlib.metadata.EntryPoint, or gongwen.entry_points' equivalent
    dist = ep.dist.name if ep.dist else "?"
    version = ep.dist.version if ep.dist else "?"
    try:
        target = ep.load()
        loader = getattr(target, "load", target)
        rules = tuple(loader())
    except (Exception, SystemExit) as exc:  # a third-party pack may fail in any way; say which one
        raise RegistryError(f"规则包 {ep.name}（{dist} {version}）加载失败：{exc!r}") from exc
    return Pack(ep.name, dist, version, rules)


def validate_rule(rule: type[Rule], origin: str) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):  # a code, an instance, None
        shown = repr(rule)
        raise RegistryError(f"{origin}：{shown[:80]}{'…' if len(shown) > 80 else ''} 不是规则类"
                            "（应为 gongwen.rule.Rule 的子类）")
    for attr in ("code", "name", "category", "severity"):
        if not hasattr(rule, attr):
            raise RegistryError(f"{origin}：规则 {rule.__qualname__} 缺少 {attr!r}")
    if not CODE_PATTERN.match(rule.code):
        raise RegistryError(f"{origin}：规则代码 {rule.code!r} 无效（应形如 DAT001）")
    if not NAME_PATTERN.match(rule.name):
        raise RegistryError(f"{origin}：规则名 {rule.name!r} 不是短横线连接的小写英文（kebab-case）")
    doc = rule.__doc__ or ""
    missing = [s for s in SECTIONS if s not in doc]
    if missing:
        raise RegistryError(f"{origin}：规则 {rule.code} 的文档字符串缺少 {'、'.join(missing)}")
    options = getattr(rule, "options", None) or {}
    if options:
        # ruff's rule docs list their settings under "## Options"; ours must name each one.
        section = doc.partition("## Options")[2]
        undocumented = [name for name in options if f"`{name}`" not in section]
        if not section or undocumented:
            raise RegistryError(f"{origin}：规则 {rule.code} 有选项，文档字符串的 ## Options 一节须逐个说明："
                                f"{'、'.join(undocumented)}")
    if rule.scope not in ("unit", "document"):
        raise RegistryError(f"{origin}：规则 {rule.code} 的 scope {rule.scope!r} 未知（应为 unit 或 document）")


class Registry:
    """All known rules, by code, in code order."""

    def __init__(self, packs: Iterable[Pack]) -> None:
        self.packs = tuple(packs)
        self.by_code: dict[str, type[Rule]] = {}
        by_name: dict[str, str] = {}
        origin_of: dict[str, str] = {}
        for pack in self.packs:
            origin = f"{pack.name} ({pack.dist} {pack.version})"
            for rule in pack.rules:
                validate_rule(rule, origin)
                if rule.code in self.by_code:
                    raise RegistryError(
                        f"规则代码 {rule.code} 同时由 {origin_of[rule.code]} 和 {origin} 声明")
                if rule.name in by_name:
                    raise RegistryError(
                        f"规则名 {rule.name} 同时由 {by_name[rule.name]} 和 {rule.code} 使用")
                self.by_code[rule.code] = rule
                by_name[rule.name] = rule.code
                origin_of[rule.code] = origin
        self.by_name = {name: self.by_code[code] for name, code in by_name.items()}
        self.by_code = dict(sorted(self.by_code.items()))
        # A selector's codes, once: a config listing one code 300,000 times (3 MB, under the
        # config cap) compared each with every rule, 9 CPU s.
        self._matched: dict[str, list[str]] = {}

    @classmethod
    def discover(cls) -> "Registry":
        try:
            eps = entry_points.entry_points(ENTRY_POINT_GROUP)
        except Exception as exc:  # any installed distribution's broken entry_points.txt, whatever its group
            where = "".join(f"{note}：" for note in getattr(exc, "__notes__", ()))
            raise RegistryError(f"无法读取已安装的包的入口点（查找规则包时）：{where}{exc!r}") from exc
        # Deduplicate: an editable install next to a regular one lists a pack twice.
        unique = {(ep.dist.name if ep.dist else "", ep.name): ep for ep in eps}
        return cls(_load_pack(unique[key]) for key in sorted(unique))

    def __iter__(self):
        return iter(self.by_code.values())

    def __len__(self) -> int:
        return len(self.by_code)

    def get(self, code_or_name: str) -> type[Rule] | None:
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name)

    def matching(self, selector: str) -> list[str]:
        """Codes a selector names: ``ALL``, a code prefix (``DAT``, ``DAT0``), a code or a name."""
        codes = self._matched.get(selector)
        if codes is None:
            codes = self._matched[selector] = self._matching(selector)
        return list(codes)

    def _matching(self, selector: str) -> list[str]:
        if selector == "ALL":
            return list(self.by_code)
        if selector in self.by_name:
            return [self.by_name[selector].code]
        up = selector.upper()
        codes = [c for c in self.by_code if c.startswith(up)]
        if not codes:
            raise SelectionError(f"未知的规则选择器 {selector!r}（不是规则代码、代码前缀或规则名）")
        return codes

    def _specificity(self, selector: str) -> int:
        if selector == "ALL":
            return 0
        if selector in self.by_name:
            return 100
        return len(selector)

    def _exact(self, selector: str) -> bool:
        """Whether a selector names one rule (its code or its name), not a group."""
        return selector in self.by_name or selector.upper() in self.by_code

    def select(self, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
               extend_select: Iterable[str] = (), preview: bool = False) -> list[type[Rule]]:
        """Rules enabled by the selectors; when select and ignore both match, the more
        specific selector wins (flake8's DecisionEngine), so ``ignore=["PUN"]`` with
        ``select=["PUN001"]`` keeps PUN001. A preview rule joins the default set only with
        ``preview``, and ALL or a code prefix selects it only with ``preview``; its exact
        code or name selects it always (trying one rule is a deliberate choice, a prefix
        is not). A removed rule is never selected (``removed_named`` tells who named it)."""
        decisions: dict[str, tuple[int, bool]] = {}
        if select is None:
            for code, rule in self.by_code.items():
                if rule.default_enabled and not rule.removed and (preview or not rule.preview):
                    decisions[code] = (0, True)
        for selector in dict.fromkeys([*(select or ()), *extend_select]):  # a repeat decides the same
            spec = self._specificity(selector)
            exact = self._exact(selector)
            for code in self.matching(selector):
                rule = self.by_code[code]
                if rule.removed or (rule.preview and not (preview or exact)):
                    continue
                if code not in decisions or decisions[code][0] <= spec:
                    decisions[code] = (spec, True)
        for selector in dict.fromkeys(ignore):
            spec = self._specificity(selector)
            for code in self.matching(selector):
                if code not in decisions or decisions[code][0] <= spec:
                    decisions[code] = (spec, False)
        return [rule for code, rule in self.by_code.items() if decisions.get(code, (0, False))[1]]

    def removed_named(self, selectors: Iterable[str]) -> list[str]:
        """The removed rules that selectors name by their exact code or name, in code order:
        what a config or command line still asks of them has no effect and is said once
        (ruff refuses to run on a removed rule in ``select``; a user's config that worked
        yesterday should not stop working, so here it is a warning wherever it is named)."""
        named = {self.get(s).code for s in selectors if self._exact(s) and self.get(s).removed}
        return sorted(named)
