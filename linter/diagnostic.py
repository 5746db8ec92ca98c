"""What a rule reports: violations (relative to a unit) and diagnostics (located in a file)."""
from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, fields
from enum import Enum, IntEnum
from typing import NamedTuple

from gongwen.document import Location
from gongwen.slotted import positional


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"未知的严重级别 {value!r}（可用：error、warning、info）") from None

    def __str__(self) -> str:
        return self.name.lower()


class Applicability(Enum):
    """How sure a fix is (ruff's semantics): only SAFE fixes apply under plain ``--fix``."""

    DISPLAY_ONLY = "display-only"
    UNSAFE = "unsafe"
    SAFE = "safe"

    # Members are singletons equal only to themselves: hashed by identity, in C. Enum's own
    # __hash__ (of the member's name) is a Python call, made for every fix a run's tally
    # counts and the JSON format writes.
    __hash__ = object.__hash__


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` with ``content``; an empty content deletes."""

    start: int
    end: int
    content: str

    def shifted(self, delta: int) -> "Edit":
        return _EDIT(self.start + delta, self.end + delta, self.content) if delta else self


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @classmethod
    def replace(cls, start: int, end: int, content: str, title: str,
                applicability: Applicability = Applicability.SAFE) -> "Fix":
        return cls((Edit(start, end, content),), applicability, title)

    def shifted(self, delta: int) -> "Fix":
        # Built directly: dataclasses.replace inspects the fields on every call, and the engine
        # shifts every fix of every finding (a document rule's by 0: the fix itself).
        if not delta:
            return self
        return _FIX(tuple([_EDIT(e.start + delta, e.end + delta, e.content) for e in self.edits]),
                    self.applicability, self.title)


@dataclass(frozen=True, slots=True)
class Label:
    """A secondary span shown beside the primary one (the other half of a pair, a part of a total)."""

    start: int
    end: int
    message: str = ""

    def shifted(self, delta: int) -> "Label":
        return _LABEL(self.start + delta, self.end + delta, self.message) if delta else self


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: offsets relative to the unit it was given."""

    start: int
    end: int
    message: str
    help: str | None = None
    fixes: tuple[Fix, ...] = ()
    labels: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()

    def shifted(self, delta: int) -> "Violation":
        """Moved by ``delta`` characters with its fixes and labels: a document rule that reads
        one unit at a time reports at document offsets."""
        if not delta:
            return self
        return _VIOLATION(self.start + delta, self.end + delta, self.message, self.help,
                          tuple([f.shifted(delta) for f in self.fixes]),
                          tuple([label.shifted(delta) for label in self.labels]), self.notes)


class Surplus(NamedTuple):
    """A finding past the report's cap, given by its span alone: what a rule may yield instead
    of a :class:`Violation` once ``gongwen.rule.room`` says the report keeps no more of its
    findings on this document. The engine counts it in the rule's LNT908 exactly as it counts
    a dropped violation (the span checked, the first one's place remembered); no message,
    help or fix is built for it. A megabyte of 截至202431 is 83,000 findings, of which the
    report lists 1,000. Offsets as a Violation's: relative to the unit the rule was given."""

    start: int
    end: int

    def shifted(self, delta: int) -> "Surplus":
        return Surplus(self.start + delta, self.end + delta) if delta else self


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located finding, as every output format prints it."""

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    start: int  # offsets into Document.text
    end: int
    location: Location  # source positions, 1-based, columns in code points
    end_location: Location
    help: str | None = None
    fixes: tuple[Fix, ...] = ()
    labels: tuple[Label, ...] = ()
    notes: tuple[str, ...] = ()
    matched: str = ""
    fingerprint: str = ""
    headline: bool = False  # a document-level summary the full view shows first

    @property
    def fix(self) -> Fix | None:
        """The fix to apply: the first one that is not display-only, if any."""
        for f in self.fixes:
            if f.applicability is not Applicability.DISPLAY_ONLY:
                return f
        return self.fixes[0] if self.fixes else None


def _quick_init(cls: type) -> type:
    """Give a frozen, slotted dataclass an ``__init__`` that sets each field through its slot's
    own setter. The one ``dataclass`` writes calls ``object.__setattr__(self, name, value)``
    per field, which looks the name up in the class each time: a Diagnostic (sixteen fields)
    took 4.2 µs to build, a Violation, Fix or Edit 1-2 µs, and every finding builds about six
    (the rule's Violation, Fix and Edit, the engine's Diagnostic and shifted Fix and Edit).
    The signature, defaults and frozenness are the dataclass's; only how the slots are
    filled differs (tests/test_diagnostic_init.py compares the two)."""
    params, body, scope = [], [], {}
    for i, f in enumerate(fields(cls)):
        if f.default is not MISSING:
            scope[f"_d{i}"] = f.default
            params.append(f"{f.name}=_d{i}")
        elif f.default_factory is not MISSING or not f.init:
            raise TypeError(f"{cls.__name__}.{f.name}: only plain fields with plain defaults")
        else:
            params.append(f.name)
        scope[f"_s{i}"] = cls.__dict__[f.name].__set__
        body.append(f"    _s{i}(self, {f.name})\n")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__")
    exec(f"def __init__(self, {', '.join(params)}):\n{''.join(body)}", scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init
    return cls


for _cls in (Edit, Fix, Label, Violation, Diagnostic):
    _quick_init(_cls)
del _cls


_EDIT, _FIX, _LABEL, _VIOLATION = positional(Edit), positional(Fix), positional(Label), positional(Violation)


def fingerprint(code: str, path: str, matched: str, context: str, occurrence: int) -> str:
    """A line-number-free identity, so that edits above a finding do not make it new."""
    raw = "\x1f".join((code, path, matched, context, str(occurrence)))
    # surrogatepass: text handed to the API may hold lone surrogates; hashing must not fail.
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:20]


__all__ = ["Applicability", "Diagnostic", "Edit", "Fix", "Label", "Severity", "Surplus", "Violation",
           "fingerprint"]


# Which fixes apply under plain ``--fix`` and under ``--unsafe-fixes``: asked for every finding
# of a run by its tally (output.stream), here so that a check that fixes nothing need not
# import gongwen.fix. Made once.
_SAFE_ONLY = frozenset({Applicability.SAFE})
_SAFE_OR_UNSAFE = frozenset({Applicability.SAFE, Applicability.UNSAFE})


def allowed(unsafe: bool) -> frozenset[Applicability]:
    return _SAFE_OR_UNSAFE if unsafe else _SAFE_ONLY


def applicable_fix(d: Diagnostic, unsafe: bool) -> Fix | None:
    fix = d.fix
    return fix if fix is not None and fix.applicability in allowed(unsafe) else None
