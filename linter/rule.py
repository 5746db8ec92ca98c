"""The rule base class and the context a rule runs in.

A rule is a small class: a code (``DAT001``), a kebab-case name, a category, a default
severity and a docstring that is its user documentation, with the fixed headings
``## What it does``, ``## Why is this bad?``, ``## Example`` and ``Use instead:``.
It reads one text unit at a time (``scope = "unit"``) or the whole document once
(``scope = "document"``) and yields :class:`Violation` objects with offsets relative to
the unit it was given; the engine turns them into located diagnostics.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable

from gongwen.diagnostic import Severity, Violation
from gongwen.document import Document, TextUnit


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    scope: ClassVar[str] = "unit"  # "unit" or "document"
    fixable: ClassVar[bool] = False
    default_enabled: ClassVar[bool] = True
    # A rule whose precision is not yet good enough to block anyone (ruff's preview): it runs
    # only with --preview (config ``preview = true``) or when selected by its exact code or
    # name; ALL and code prefixes do not reach it otherwise.
    preview: ClassVar[bool] = False
    # A rule taken out (ruff's RuleGroup::Removed): the date it went. Its code and name stay
    # reserved and its page says why; it never runs — not by default, ALL, a prefix or its
    # exact code — and a selector naming it exactly gets one warning, never an error
    # (gongwen.registry.Registry.removed_named), so a config written for it still loads.
    removed: ClassVar[str] = ""
    # A document-level summary shown first in the full view (e.g. a punctuation regime).
    headline: ClassVar[bool] = False
    # Characters of which every unit this rule reports on holds at least one: the engine calls
    # ``check`` only on those units (gongwen.triggers). "" (the default): every unit. A rule
    # whose characters come from a data file or its options sets them per instance (__init__).
    triggers: str = ""
    # Strings of two or more characters, or compiled positive patterns (stdlib ``re`` or
    # ``regex``: no negative lookaround, no anchor or ``\b``; a positive lookbehind may look
    # only inside the match's unit), of which every unit this rule reports on holds one unless it
    # holds a character of ``triggers``: for a finding that needs a run of frequent characters
    # (。。。, a numeral、numeral), which a character alone would wake on most paragraphs. The
    # engine searches each once in the whole document (gongwen.triggers). A document rule may
    # declare both the same way: it is called only on documents where a unit holds one. A
    # gongwen.triggers.Adjacent pair (。 right before ”) is answered per unit, by the trigger scan.
    # () (the default): none.
    trigger_patterns: tuple[Any, ...] = ()
    # A compiled pattern (stdlib ``re`` or ``regex``) that every unit this rule reports on
    # holds, or None. It must be positive (gongwen.analysis.routing: no lookbehind or anchor; a
    # last ``(?=[\r\n]|\Z)`` may stand for the end of the unit's line). On a document of
    # short units (a page of one-word lines) the engine calls ``check`` only on the units one
    # scan of the whole text finds holding it, instead of on every unit its triggers wake.
    route: Any = None
    # Per-rule options and their defaults; config may override them by code or name.
    options: ClassVar[dict[str, Any]] = {}
    # The type of an option whose default cannot declare it (a list of tables), as a
    # gongwen.schema type; other options are typed by their defaults (schema.like).
    option_types: ClassVar[dict[str, Any]] = {}
    # What the rule's precision was measured on and how it came out (Markdown), shown as the
    # "## Precision" section of its documentation; a pack fills it in, "" if not measured.
    precision: ClassVar[str] = ""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.opts = {**self.options, **(options or {})}

    def check(self, unit: TextUnit, ctx: "RuleContext") -> Iterable[Violation]:
        raise NotImplementedError

    def precompute(self, document: Document) -> None:
        """A batch step (none by default): fill ``document``'s memo with what ``check`` will
        ask of it, so that it is computed for several documents in a row, before any of them
        is checked (a one-process run reads a few documents ahead: gongwen.api). For work whose
        tables the other rules evict between two documents (TYP013's screen). ``check`` must
        find the same whether this ran or not, and compute it itself when it did not: a step
        that raises is ignored, and a run may skip it (a document the findings cache answers)."""

    def shared_matchers(self) -> tuple[Any, ...]:
        """The literal-string matchers this rule runs over the whole document: the engine
        scans the document once for all active rules' matchers together and the rule reads
        its own hits with gongwen.analysis.shared_scan.matches (() for most rules)."""
        return ()

    @classmethod
    def documentation(cls) -> str:
        """The docstring, dedented, and the measured precision when there is one."""
        import inspect

        doc = inspect.cleandoc(cls.__doc__ or "")
        return f"{doc}\n\n## Precision\n{cls.precision}" if cls.precision else doc

    @classmethod
    def summary(cls) -> str:
        """The first line of the "What it does" section."""
        lines = [ln.strip() for ln in (cls.__doc__ or "").splitlines()]
        for i, ln in enumerate(lines):
            if ln.startswith("## What it does"):
                for nxt in lines[i + 1:]:
                    if nxt:
                        return nxt
        return next((ln for ln in lines if ln), "")


def room(ctx: Any, rule: Rule) -> int | None:
    """How many more of its findings on this document the report keeps, asked by ``rule`` as
    it reports them (None: all of them). The report lists at most a set number of findings
    per rule and file and counts the rest (LNT908); a rule whose findings are costly to build
    may yield a :class:`gongwen.diagnostic.Surplus` (the span alone) for each finding once
    this is 0. Live: it counts what the engine has taken so far, so a generator asks it per
    finding; a rule that returns a list asks once and keeps that many. A context from outside
    the engine (None, a stand-in in a test) keeps everything."""
    ask = getattr(ctx, "room", None)
    return None if ask is None else ask(rule)


@dataclass
class RuleContext:
    """What a rule may ask of the run besides its unit."""

    document: Document
    enabled_codes: frozenset[str] = field(default_factory=frozenset)
    # The one pass over the document for the active rules' matchers (None: each scans alone).
    shared_scan: Any = None
    # What the engine has collected of this document so far (its ``room``); None: no cap.
    findings: Any = None

    def is_enabled(self, code: str) -> bool:
        return code in self.enabled_codes

    def room(self, rule: Rule) -> int | None:
        """How many more findings of ``rule`` on this document the report keeps (None: all)."""
        return None if self.findings is None else self.findings.room(rule.code)

    @property
    def whole(self) -> TextUnit:
        """The whole document as one unit, for document-scope rules."""
        return self.document.memo("whole-unit", lambda: TextUnit(
            0, len(self.document.text), self.document.text, "document", -1))
