"""Per rule of the default set (``--all``: every rule): the units it is called on, the calls that report, and its CPU.

    .venv/bin/python benchmarks/speed/rule_calls.py FOLDER [--all] [--timed] [--oracle ROUNDS [--scope S]]

Each rule's ``check`` is wrapped (in process, after a first run has compiled every pattern):
``calls`` counts the units it was called on (a document rule: the documents), ``reporting``
those where it reported something, ``units`` the units of the documents read. With ``--timed``
each call is also timed with ``time.process_time`` around the whole generator, and its time in calls that reported
nothing counted apart (``idle``: what a dispatch that knew would spare; the timer is per call
and inflates rules called on many units: compare rules by calls, cost by callgrind).
Sorted by calls per reporting call: the rules the dispatch wakes most often for nothing.

``--oracle ROUNDS``: the ceiling of any dispatch (a single pass over every rule's triggers
included). Two runs alike but for which calls reach the rules, best of ROUNDS CPU each: every
check as the engine dispatches it, and every check only where it reported (the others answer
() at once; a memo a skipped rule would have filled is then filled by the rule that reads it,
as it would be). Both go through the same wrapper, so its cost is in both; the difference is
what rules woken only where they report would save, the engine's own loop not counted.
"""
from __future__ import annotations

import argparse
import gc
import time
from collections import Counter, defaultdict
from pathlib import Path

from gongwen import api


def lint_through(linter, docs, wrapped) -> None:
    """Lint ``docs`` once more with every rule's check passed through ``wrapped(rule, check)``:
    the plans are dropped so the engine takes the wrapped checks, and each document's memo so
    its layers are built again, as on a first reading."""
    for rule in linter.rules:
        rule.check = wrapped(rule, rule.check)
    linter._plans.clear()
    for doc in docs:
        doc._memo.clear()
        linter.lint(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--timed", action="store_true")
    parser.add_argument("--all", action="store_true", help="every rule (--select ALL --preview)")
    parser.add_argument("--oracle", type=int, default=0, metavar="ROUNDS")
    parser.add_argument("--scope", choices=("unit", "document"), help="--oracle: only these rules skipped")
    args = parser.parse_args()
    linter = api.make_linter({"select": ["ALL"], "preview": True} if args.all else {})
    files = sorted(p for p in args.folder.rglob("*") if p.is_file())
    docs = [api.read_path(p) for p in files]
    for doc in docs:
        linter.lint(doc)
    calls: Counter[str] = Counter()
    reporting: Counter[str] = Counter()
    seconds: dict[str, float] = defaultdict(float)
    idle: dict[str, float] = defaultdict(float)  # of which in calls that reported nothing
    clock = time.process_time

    def wrapped(rule, check):
        code = rule.code

        def counted(unit, ctx):
            calls[code] += 1
            start = clock() if args.timed else 0.0
            found = list(check(unit, ctx))
            if args.timed:
                spent = clock() - start
                seconds[code] += spent
                if not found:
                    idle[code] += spent
            if found:
                reporting[code] += 1
            return found
        return counted

    lint_through(linter, docs, wrapped)
    if args.oracle:
        oracle(linter, docs, args.oracle, args.scope)
    units = sum(len(doc.units) for doc in docs)
    print(f"{len(docs)} documents, {units} units")
    print(f"{'rule':8} {'scope':8} {'trig':4} {'calls':>7} {'report':>7} {'ratio':>7}" + ("  cpu s  idle s" if args.timed else ""))
    rows = sorted(linter.rules, key=lambda r: -calls[r.code] / max(1, reporting[r.code]))
    for rule in rows:
        trig = ("T" if rule.triggers else "") + ("P" if rule.trigger_patterns else "") + ("R" if rule.route is not None else "")
        line = (f"{rule.code:8} {rule.scope:8} {trig:4} {calls[rule.code]:7} {reporting[rule.code]:7} "
                f"{calls[rule.code] / max(1, reporting[rule.code]):7.1f}")
        if args.timed:
            line += f"  {seconds[rule.code]:.3f}  {idle[rule.code]:.3f}"
        print(line)
    print(f"total calls {sum(calls.values())}, reporting {sum(reporting.values())}"
          + (f", cpu {sum(seconds.values()):.3f} s, idle {sum(idle.values()):.3f} s" if args.timed else ""))


def oracle(linter, docs, rounds: int, scope: str | None) -> None:
    """Print the CPU of a run dispatched as now and of one calling each check (of ``scope``,
    or every one) only where it reports (see the module's docstring)."""
    reported: set[tuple[str, int, int]] = set()  # (code, document, unit start)
    checks = {rule.code: rule.check for rule in linter.rules}
    which = {"now": True}

    def wrapped(code, check):
        def call(unit, ctx):
            key = (code, id(ctx.document), unit.start)
            if which["now"]:
                found = list(check(unit, ctx))
                if found:
                    reported.add(key)
                return found
            return check(unit, ctx) if key in reported else ()
        return call

    for rule in linter.rules:
        if scope in (None, rule.scope):
            rule.check = wrapped(rule.code, checks[rule.code])
    linter._plans.clear()
    best = {}
    for mode in ("now", "oracle", "now", "oracle") * max(1, rounds // 2):
        which["now"] = mode == "now"
        gc.collect()
        start = time.process_time()
        for doc in docs:
            doc._memo.clear()
            linter.lint(doc)
        best[mode] = min(best.get(mode, float("inf")), time.process_time() - start)
    for rule in linter.rules:
        rule.check = checks[rule.code]
    linter._plans.clear()
    print(f"{scope or 'all'} rules: lint, CPU s, best of {max(1, rounds // 2) * 2}: dispatched as now {best['now']:.3f}, "
          f"only where reporting {best['oracle']:.3f} (ceiling of any dispatch: "
          f"{best['now'] - best['oracle']:.3f} s)")


if __name__ == "__main__":
    main()
