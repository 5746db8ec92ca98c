"""The injected classes run over the clean corpus's tuning half only, every miss listed.

``run.py`` injects into the whole corpus and shows three misses per class: right for a recall
figure, no use for reading why a class is missed — the checking half may be counted, never
read. This injects only into the tuning half (``build_sources.in_checking_half``, the one
definition of the split), several times per file (the half has few files), and prints each miss
with its context, so the misses can be sorted by cause.

    .venv/bin/python benchmarks/quality/tuning_misses.py --classes protected-dropped,protected-extra --per-class 200
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import DEFAULT_CORPUS, load_texts, overlaps, shifted, split_of  # noqa: E402
from injectors import INJECTORS, Site  # noqa: E402

from gongwen import api  # noqa: E402
from gongwen.document import Document  # noqa: E402

CONTEXT = 8  # characters shown either side of a miss


def tuning_texts(corpus: Path) -> list[tuple[str, str]]:
    return [(name, text) for name, text in load_texts(corpus) if split_of(name) == "tuning"]


def misses(texts, injector, per_class: int, seed: int, select=None):
    """(injected, hits, [(file, note, context)]) of ``injector`` over ``texts``: up to
    ``per_class`` injections, taking each file in turn with a fresh draw per round."""
    linter = api.make_linter({}, select=select)

    def lint(name, text):
        return linter.lint(Document(path=name, text=text))

    sites = [(name, Site(text, [(d.code, d.start, d.end) for d in lint(name, text)])) for name, text in texts]
    injected, hits, missed, seen = 0, 0, [], set()
    for round_ in range(max(1, per_class // max(1, len(sites))) * 4):
        for name, site in sites:
            if injected >= per_class:
                return injected, hits, missed
            injection = injector.inject(site, random.Random(f"{seed}:{injector.name}:{name}:{round_}"))
            if injection is None or (name, injection.edit) in seen:
                continue
            seen.add((name, injection.edit))
            injected += 1
            old = shifted(site.baseline, injection.edit)
            if any(d.code in injector.codes and overlaps(d, injection.spans) and (d.code, d.start, d.end) not in old
                   for d in lint(name, injection.text)):
                hits += 1
                continue
            start, end = injection.spans[0]
            context = injection.text[max(0, start - CONTEXT):start] + "⟦" + injection.text[start:end] + "⟧" \
                + injection.text[end:end + CONTEXT]
            missed.append((name, injection.note, context.replace("\n", "⏎")))
    return injected, hits, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--classes", default="protected-dropped,protected-dropped-last,protected-extra")
    parser.add_argument("--per-class", type=int, default=200)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--select", help="rule selection (default: the default rules)")
    parser.add_argument("--summary", action="store_true", help="counts only, no misses listed")
    args = parser.parse_args(argv)
    texts = tuning_texts(args.corpus)
    wanted = args.classes.split(",")
    for injector in INJECTORS:
        if injector.name not in wanted:
            continue
        injected, hits, missed = misses(texts, injector, args.per_class, args.seed,
                                        args.select.split(",") if args.select else None)
        print(f"{injector.name}: {hits}/{injected} found on the tuning half ({len(texts)} files)")
        if not args.summary:
            for name, note, context in missed:
                print(f"  {note}\t{context}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
