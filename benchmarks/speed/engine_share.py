"""The engine's and the output's share of a default run, measured without a profiler.

    .venv/bin/python benchmarks/speed/engine_share.py FOLDER [--rounds 5]

cProfile charges every Python call its own overhead, so the engine's many small calls (a
trigger plan per paragraph, a located diagnostic per finding) look three to seven times
their cost under it. This times each piece in process with ``time.process_time``, best of
``--rounds``, on the documents of FOLDER read once:

- read: each file read into a document (gongwen.api.read_path);
- lint: the default rule set and the engine together (Linter.lint), each document's memo
  cleared first, as a fresh run finds it;
- dispatch: the same with every rule's check a no-op: the engine's loops, the trigger plans
  and the rest of Linter.lint but the rules and the diagnostics;
- locate: the engine turning each finding into a located Diagnostic (Linter._locate), on
  the violations the rules reported;
- finish: de-duplication, order and fingerprints (gongwen.engine.finish) of the findings;
- render: the JSON format's part for each file (gongwen.output.stream.prerender).
"""
from __future__ import annotations

import argparse
import copy
import gc
import time
from pathlib import Path
from typing import Callable

from gongwen import api, engine
from gongwen.output import stream


def best(run: Callable[[], object], rounds: int) -> float:
    fastest = float("inf")
    for _ in range(rounds):
        gc.collect()
        start = time.process_time()
        run()
        fastest = min(fastest, time.process_time() - start)
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    linter = api.make_linter({})
    files = sorted(p for p in args.folder.rglob("*") if p.is_file())
    docs = [api.read_path(p) for p in files]
    found = [linter.lint(doc) for doc in docs]  # also compiles every pattern the run needs
    reported = []  # (doc, rule, severity, unit, violation) as the engine's add received them
    collect = engine._Collected.add
    engine._Collected.add = lambda self, rule, sev, unit, v: reported.append((self.doc, rule, sev, unit, v))
    for doc in docs:
        doc._memo.clear()
        linter.lint(doc)
    engine._Collected.add = collect

    def lint() -> None:
        for doc in docs:
            doc._memo.clear()
            linter.lint(doc)

    pieces = {
        "read": best(lambda: [api.read_path(p) for p in files], args.rounds),
        "lint": best(lint, args.rounds),
        "locate": best(lambda: [engine.Linter._locate(*r) for r in reported], args.rounds),
        "finish": best(lambda: [engine.finish(doc, [copy.copy(d) for d in f]) for doc, f in zip(docs, found)],
                       args.rounds) - best(lambda: [[copy.copy(d) for d in f] for f in found], args.rounds),
        "render": best(lambda: [stream.prerender("json", False, doc, f) for doc, f in zip(docs, found)],
                       args.rounds),
    }
    checks = [(rule, rule.check) for rule in linter.rules]
    for rule, _ in checks:
        rule.check = lambda unit, ctx: ()
    linter._plans.clear()
    pieces["dispatch"] = best(lint, args.rounds)
    for rule, check in checks:
        rule.check = check
    print(f"{len(docs)} documents, {sum(map(len, found))} findings, best of {args.rounds}, CPU s")
    for name, seconds in pieces.items():
        print(f"{name:9} {seconds:7.3f}")


if __name__ == "__main__":
    main()
