"""Detection counts per tag (genre, kind of slip or trap) on a tagged sentence set: COUNTS only.

A held-out set may be looked at only through counts (``typos.py --set NAME``'s summary lines); its
sentences are not to be printed. To see where the rules miss without reading them, a set may have
a tag file written with it, ``benchmarks/quality/NAME_tags.toml``: ``errors`` one ``[genre, kind]``
per erroneous row and ``correct`` one per correct sentence, in file order. This script prints, per
tag, how many erroneous sentences were detected at the marked span and how many correct ones were
flagged, and nothing of the sentences themselves.

    .venv/bin/python benchmarks/quality/tag_counts.py --set round25 [--preview]
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import typos  # noqa: E402  (the sibling benchmark: its loaders and its measure of a hit)

HERE = Path(__file__).resolve().parent


def tag_counts(name: str, preview: bool = False) -> dict[str, dict[str, list[int]]]:
    """Per axis (``genre``, ``kind``, ``trap genre``, ``trap kind``): tag -> [hits, rows]."""
    sys.path.insert(0, str(typos.ROOT))
    from gongwen import api
    from gongwen.document import Document

    tags = tomllib.loads((HERE / f"{name}_tags.toml").read_text(encoding="utf-8"))
    errors_file, correct_file = typos.SETS[name]
    errors = typos.load_errors(typos.FIXTURES / errors_file)
    correct = typos.load_correct(typos.FIXTURES / correct_file)
    if len(tags["errors"]) != len(errors) or len(tags["correct"]) != len(correct):
        raise SystemExit(f"{name}_tags.toml does not have one tag per row")
    linter = api.make_linter({}, preview=preview)
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for e, (genre, kind) in zip(errors, tags["errors"]):
        ok = typos.hits(linter.lint(Document(path="sentence.txt", text=e.text)), e.start, e.end)
        for axis, tag in (("genre", genre), ("kind", kind)):
            counts[axis][tag][0] += ok
            counts[axis][tag][1] += 1
    for text, (genre, kind) in zip(correct, tags["correct"]):
        flagged = bool(linter.lint(Document(path="sentence.txt", text=text)))
        for axis, tag in (("trap genre", genre), ("trap kind", kind)):
            counts[axis][tag][0] += flagged
            counts[axis][tag][1] += 1
    return counts


def render(counts: dict[str, dict[str, list[int]]]) -> str:
    lines = []
    for axis, what in (("kind", "detected"), ("genre", "detected"), ("trap kind", "flagged"),
                       ("trap genre", "flagged")):
        lines += ["", f"| {axis} | {what} | rows |", "| --- | --- | --- |"]
        lines += [f"| {tag} | {ok} | {n} |" for tag, (ok, n) in sorted(counts[axis].items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="name", required=True, help="a set with a NAME_tags.toml beside this script")
    parser.add_argument("--preview", action="store_true", help="also run the preview rules")
    args = parser.parse_args(argv)
    print(render(tag_counts(args.name, args.preview)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
