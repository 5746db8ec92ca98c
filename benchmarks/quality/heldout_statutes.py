"""TYP014's (or TYP013's, ``--rule``) reports on statutes its character model has not counted (issue 19 item 2).

The character model (``rules/data/official_trigrams.txt``) counts the statutes of
``shared/corpus/laws`` among its texts, so the statutes are no unseen text for the shipped model.
This script makes them unseen: the laws are split into ``FOLDS`` folds by title (every version
of one law in the same fold, so an amended text never sees its own earlier version), and for
each fold a model is counted from everything the shipped model counts except that fold
(``build_character_model.texts`` less the fold); TYP014 then runs over the fold's statutes with
that model and a candidate table cut down to the characters it counts. Each report is printed
with its context for judging by hand.

The reports of ``docx/`` are not held out: they are the ``gwr_prov2025`` files of ``clean/``
in another format. The 10 of the tuning half are counted (tuned on, like their twins); the 21 of
the checking half are counted by no model, the shipped one included, since round 19
(``rules/data/build_sources.py``): until then each fold's model counted them too, so the
statutes were judged with the checking half in the model, the leak the shipped data had.

    .venv/bin/python benchmarks/quality/heldout_statutes.py ../shared/corpus [--folds 0,1] [--out FILE]

The word lists TYP014 asks besides (jieba's dictionary, wordfreq, the curated pairs) were not
built from the statutes. What the script cannot undo is a look at its output: a fold whose
reports were judged and then used to change the rule is no longer unseen for it.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDS = 4
CONTEXT = 12


def _builder():
    spec = importlib.util.spec_from_file_location("build_character_model", ROOT / "rules" / "data" / "build_character_model.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "rules" / "data"))  # its gate, build_sources, is beside it
    spec.loader.exec_module(module)
    return module


def law_title(path: Path) -> str:
    """The law's title without the version date: 道路运输条例(2023-07-20).md -> 道路运输条例."""
    name = path.name.removesuffix(".md")
    return name.split("(")[0]


def fold_of(path: Path) -> int:
    return int(hashlib.sha1(law_title(path).encode()).hexdigest(), 16) % FOLDS


def statutes(corpus: Path) -> list[Path]:
    return [p for p in sorted((corpus / "laws").rglob("*.md")) if p.name != "_index.md"]


def held_out_model(builder, corpus: Path, held: set[Path]):
    """The character model and candidate table counted from what ``build_character_model``
    counts (what build_sources lets it read of clean/, laws/, docx/) less the files in ``held``."""
    from gongwen.analysis import char_model
    from build_sources import texts

    counted = texts(corpus, leave_out=held)
    chars, pairs, triples = builder.count(counted)
    lm = char_model.CharacterModel(builder.model_file(chars, pairs, triples, len(counted)).encode("utf-8"))
    common = {c for c, n in chars.items() if n >= builder.COMMON}
    shaped = set("".join(builder.shape_groups()))
    table = {}
    for c, options in char_model.candidates().items():
        if c not in chars and c not in shaped:
            continue
        cut = ["".join(x for x in group if x in common) for group in (options.same_sound, options.near_sound, options.shape)]
        if any(cut):
            table[c] = char_model.Candidates(*cut)
    return lm, table


def judge_with(lm, table, set_attribute=setattr) -> None:
    """Make TYP013 and TYP014 judge with a held-out model and candidate table: the rule's
    model and table, the unit pass's table (``count_units`` reads its own binding, and its route
    is built from the table), the candidates' cache (kept per character across folds) and no
    compiled screen: the screen's arrays are built from the shipped model, which has counted the
    held-out statutes, so past ``SCREEN_AFTER`` characters it kept only the places that model
    leaves uncovered (until round 19 every fold after the first 50,000 characters was judged
    so), and offered substitutes the cut table lacks (a KeyError on 铁路安全管理条例).
    ``set_attribute``: how to set them (a test's ``monkeypatch.setattr``)."""
    from gongwen.analysis import count_units
    from gongwen.rules import confusables

    set_attribute(confusables, "model", lambda: lm)
    set_attribute(confusables, "candidates", lambda: table)
    set_attribute(count_units, "candidates", lambda: table)
    set_attribute(confusables, "SCREEN_AFTER", math.inf)
    set_attribute(confusables, "SCREEN_AFTER_CACHED", math.inf)
    confusables._alternatives.cache_clear()
    count_units._route.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (holds clean/, laws/, docx/)")
    parser.add_argument("--folds", default=",".join(map(str, range(FOLDS))),
                        help=f"comma-separated folds of the statutes to hold out and lint (0 to {FOLDS - 1})")
    parser.add_argument("--out", type=Path, help="also write the reports to this file")
    parser.add_argument("--rule", choices=("TYP013", "TYP014"), default="TYP014", metavar="CODE",
                        help="which rule of the character model to run (default TYP014)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from gongwen import api
    from gongwen.sources import read_document

    builder = _builder()
    laws = statutes(args.corpus)
    out = args.out.open("w", encoding="utf-8") if args.out else None

    def emit(line: str) -> None:  # as found: a run takes minutes
        print(line, flush=True)
        if out:
            out.write(line + "\n")

    total_chars = 0
    for fold in (int(f) for f in args.folds.split(",")):
        held = [p for p in laws if fold_of(p) == fold]
        judge_with(*held_out_model(builder, args.corpus, set(held)))
        linter = api.make_linter({}, select=[args.rule], preview=True)
        n_reports = 0
        for p in held:
            doc = read_document(p)
            text = doc.text
            total_chars += len(text)
            for d in linter.lint(doc):
                before, after = text[max(0, d.start - CONTEXT):d.start], text[d.end:d.end + CONTEXT]
                emit(f"fold {fold}\t{p.relative_to(args.corpus)}\t{before}⟦{text[d.start:d.end]}⟧{after}\t{d.message}"
                     .replace("\n", "↵"))
                n_reports += 1
        emit(f"# fold {fold}: {len(held)} statutes, {n_reports} reports")
    emit(f"# {total_chars:,} characters linted")
    if out:
        out.close()
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
