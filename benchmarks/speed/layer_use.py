"""Per analysis layer (a document memo): the documents it is built for, those where a rule that
read it reported, the rule that built it first, and its build CPU.

    .venv/bin/python benchmarks/speed/layer_use.py FOLDER [--all]

rule_calls.py says which rules' calls report nothing; this says what those calls build: a layer
built for 1,000 documents and read by rules that report in 40 of them is the idle work a screen
in front of it could spare, and a layer whose readers report often is not (round 19). Every
``Document.memo``/``unit_memo`` ask is recorded with the rule being called (None: the engine);
``cpu`` is the time of the asks that computed (a layer's includes the layers it asked for first,
and the recording inflates it: compare layers with each other, costs by callgrind). A key that is
a tuple (``units_holding``'s route, ``may_match``'s screen) is shown with its pattern.
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from gongwen import api
from gongwen.document import Document
from rule_calls import lint_through  # this folder is on the path when the script runs


def name(key) -> str:
    if isinstance(key, tuple):
        return name(key[0]) + "(" + ",".join(_part(x) for x in key[1:]) + ")"
    if isinstance(key, str):
        return key
    return getattr(key, "__qualname__", None) or type(key).__name__


def _part(x) -> str:
    pattern = getattr(x, "pattern", None)
    pattern = getattr(pattern, "pattern", pattern)  # a class route holds its pattern
    return pattern[:40] if isinstance(pattern, str) else name(x)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--all", action="store_true", help="every rule (--select ALL --preview)")
    args = parser.parse_args()
    linter = api.make_linter({"select": ["ALL"], "preview": True} if args.all else {})
    docs = [api.read_path(p) for p in sorted(p for p in args.folder.rglob("*") if p.is_file())]
    for doc in docs:
        linter.lint(doc)  # every pattern compiled first
    current: list[str | None] = [None]
    readers: dict[tuple[int, str], set] = defaultdict(set)
    first: dict[tuple[int, str], str | None] = {}
    cpu: dict[str, float] = defaultdict(float)
    reported: dict[int, set] = defaultdict(set)
    clock = time.process_time
    memo, unit_memo = Document.memo, Document.unit_memo

    def recorded_memo(self, key, compute=None):
        k = name(key)
        readers[id(self), k].add(current[0])
        if key in self._memo:
            return memo(self, key, compute)
        first.setdefault((id(self), k), current[0])
        start = clock()
        value = memo(self, key, compute)
        cpu[k] += clock() - start
        return value

    def recorded_unit_memo(self, key, unit, *rest):
        k = "unit:" + name(key)
        readers[id(self), k].add(current[0])
        first.setdefault((id(self), k), current[0])
        start = clock()
        value = unit_memo(self, key, unit, *rest)
        cpu[k] += clock() - start
        return value

    def wrapped(rule, check):
        def counted(unit, ctx):
            outer, current[0] = current[0], rule.code
            try:
                found = list(check(unit, ctx))
            finally:
                current[0] = outer
            if found:
                reported[id(ctx.document)].add(rule.code)
            return found
        return counted

    Document.memo, Document.unit_memo = recorded_memo, recorded_unit_memo
    try:
        lint_through(linter, docs, wrapped)
    finally:
        Document.memo, Document.unit_memo = memo, unit_memo
    built, useful = Counter(), Counter()
    builders, read_by = defaultdict(Counter), defaultdict(set)
    for (doc, k), rules in readers.items():
        built[k] += 1
        useful[k] += bool(rules & reported[doc])
        builders[k][first.get((doc, k))] += 1
        read_by[k] |= rules
    print(f"{len(docs)} documents")
    print(f"{'layer':50} {'built':>6} {'useful':>6} {'cpu s':>7}  first built by / read by")
    for k in sorted(built, key=lambda k: -cpu[k]):
        if cpu[k] >= 0.002:
            print(f"{k[:50]:50} {built[k]:6} {useful[k]:6} {cpu[k]:7.3f}  "
                  f"{dict(builders[k].most_common(3))} / {' '.join(sorted(map(str, read_by[k])))}")


if __name__ == "__main__":
    main()
