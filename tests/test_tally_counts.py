"""A file's tally (output.stream.Tally) is made for every file a worker renders: its counters
are made without Counter's Python __init__ and filled by the C count Counter.update uses
(round 26). The counts must be what Counter's own methods give."""
from __future__ import annotations

import random
from collections import Counter

from gongwen.diagnostic import Applicability, Diagnostic, Fix, Severity
from gongwen.document import Location
from gongwen.output.stream import Tally


def _finding(rng):
    code = rng.choice(["DAT001", "PUN002", "TYP013", "NUM012"])
    fix = rng.choice([None, *(Fix.replace(0, 1, "x", "t", kind) for kind in Applicability)])
    return Diagnostic(code, code.lower(), rng.choice(list(Severity)), "m", "a.txt", 0, 1, Location(1, 1),
                      Location(1, 2), fixes=() if fix is None else (fix,), fingerprint="f")


def test_a_tally_is_made_without_counters_init(monkeypatch):
    def refused(self, *args, **kwargs):
        raise AssertionError("Counter.__init__ ran")

    monkeypatch.setattr(Counter, "__init__", refused)
    tally = Tally()
    assert type(tally.codes) is Counter and tally.codes["DAT001"] == 0 and tally == Tally()


def test_counts_are_counters_own():
    rng = random.Random(26)
    for unsafe in (False, True):
        run = Tally()
        expected = {"severities": Counter(), "codes": Counter(), "fixable": Counter()}
        for _ in range(200):
            found = [_finding(rng) for _ in range(rng.randrange(0, 6))]
            part = Tally()
            part.add(found, unsafe)
            run.merge(part)
            expected["severities"].update(d.severity for d in found)
            expected["codes"].update(d.code for d in found)
            kinds = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
            expected["fixable"].update(d.code for d in found if d.fix is not None and d.fix.applicability in kinds)
        assert (run.severities, run.codes, run.fixable) == tuple(expected.values())
        assert run.total == sum(expected["codes"].values())


def test_the_fixable_count_is_applicable_fixs_for_any_fixes(monkeypatch):
    """Round 28: a finding of at most one fix is counted fixable without applicable_fix (its
    fix is that one); any other (several fixes, display-only first, a list, a pack's enum)
    through it. Both must count what applicable_fix counts."""
    import enum

    from gongwen.output import stream

    class PackKind(enum.Enum):
        SOMETIMES = "sometimes"

    rng = random.Random(28)
    kinds = [*Applicability, PackKind.SOMETIMES]
    found = []
    for i in range(3_000):
        fixes = [Fix.replace(0, 1, "x", "t", rng.choice(kinds)) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        found.append(Diagnostic(f"X{i % 7}", "x", Severity.INFO, "m", "a.txt", 0, 1, Location(1, 1),
                                Location(1, 2), fixes=tuple(fixes) if rng.random() < 0.9 else fixes))
    for unsafe in (False, True):
        expected = [d.code for d in found if stream.applicable_fix(d, unsafe)]
        assert stream._fixable_codes(found, unsafe) == expected
    calls = []
    monkeypatch.setattr(stream, "applicable_fix", lambda d, unsafe: calls.append(d))
    single = [d for d in found if isinstance(d.fixes, tuple) and len(d.fixes) < 2]
    stream._fixable_codes(single, False)
    assert calls == []
