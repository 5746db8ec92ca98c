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
