"""Quality benchmark: recall per injected defect class, false reports on untouched text.

    .venv/bin/python benchmarks/quality/run.py                 # ../shared/corpus/clean
    .venv/bin/python benchmarks/quality/run.py --sample        # fixtures/corpus-sample (CI)

Deterministic: the same corpus, seed and rules give the same table. Writes docs/quality.md
(unless --no-write) and, with --check, exits 1 when a threshold in thresholds.toml fails.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from injectors import INJECTORS, Injection, Injector, Site  # noqa: E402

from gongwen import api  # noqa: E402
from gongwen.document import Document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "clean"
SAMPLE = ROOT / "fixtures" / "corpus-sample"
THRESHOLDS = HERE / "thresholds.toml"
DOC = ROOT / "docs" / "quality.md"


@dataclass
class ClassResult:
    injector: Injector
    status: str  # "measured", "no rule", "off by default"
    injected: int = 0
    hits: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.hits / self.injected if self.injected and self.status == "measured" else None


@dataclass
class Results:
    corpus: str
    files: int
    chars: int
    seed: int
    per_class: int
    classes: list[ClassResult]
    reports: Counter  # code -> diagnostics on the untouched texts
    rules: dict  # code -> (name, severity, default_enabled)
    seconds: float = 0.0

    def per_10k(self, code: str) -> float:
        return self.reports[code] * 10_000 / self.chars if self.chars else 0.0


def load_texts(corpus: Path) -> list[tuple[str, str]]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    return [(p.relative_to(corpus).as_posix(), p.read_text(encoding="utf-8")) for p in files]


def overlaps(d, spans) -> bool:
    return any((d.start < e and s < d.end) or (d.start == d.end and s <= d.start <= e) for s, e in spans)


def shifted(baseline: list[tuple[str, int, int]], edit: tuple[int, int, int]) -> set[tuple[str, int, int]]:
    """Where the untouched text's reports sit in the injected text (those outside the edit)."""
    start, end, new_len = edit
    delta = new_len - (end - start)
    out = set()
    for code, a, b in baseline:
        if b <= start:
            out.add((code, a, b))
        elif a >= end:
            out.add((code, a + delta, b + delta))
    return out


def evaluate(texts: list[tuple[str, str]], *, seed: int = 8, per_class: int = 40,
             select: list[str] | None = None, injectors: tuple[Injector, ...] = INJECTORS,
             corpus: str = "") -> Results:
    started = time.perf_counter()
    linter = api.make_linter({}, select=select)
    registry = api.registry()
    installed = {rule.code for rule in registry}
    enabled = linter.enabled

    def lint(name: str, text: str):
        return linter.lint(Document(path=name, text=text))

    sites: list[tuple[str, Site]] = []
    reports: Counter = Counter()
    for name, text in texts:
        found = lint(name, text)
        reports.update(d.code for d in found)
        sites.append((name, Site(text, [(d.code, d.start, d.end) for d in found])))

    classes = []
    for injector in injectors:
        if not set(injector.codes) & installed:
            classes.append(ClassResult(injector, "no rule"))
            continue
        if not set(injector.codes) & enabled:
            classes.append(ClassResult(injector, "off by default"))
            continue
        result = ClassResult(injector, "measured")
        order = list(sites)
        random.Random(f"{seed}:{injector.name}").shuffle(order)
        for name, site in order:
            if result.injected >= per_class:
                break
            injection: Injection | None = injector.inject(site, random.Random(f"{seed}:{injector.name}:{name}"))
            if injection is None:
                continue
            result.injected += 1
            old = shifted(site.baseline, injection.edit)
            hit = any(d.code in injector.codes and overlaps(d, injection.spans)
                      and (d.code, d.start, d.end) not in old for d in lint(name, injection.text))
            if hit:
                result.hits += 1
            elif len(result.misses) < 3:
                result.misses.append(f"{name}: {injection.note}")
        classes.append(result)

    rules = {r.code: (r.name, str(r.severity), r.default_enabled) for r in registry}
    return Results(corpus, len(texts), sum(len(t) for _, t in texts), seed, per_class, classes,
                   reports, rules, time.perf_counter() - started)


# --- thresholds ----------------------------------------------------------------------------
def load_thresholds(section: str) -> dict:
    data = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))
    return data[section]


def failures(results: Results, limits: dict) -> list[str]:
    """Every threshold the results break, as readable lines."""
    out = []
    min_injected = limits.get("min-injected", 1)
    for c in results.classes:
        if c.status != "measured":
            continue
        want = limits.get("recall", {}).get(c.injector.name, limits["min-recall"])
        if c.injected < min_injected:
            out.append(f"{c.injector.name}: only {c.injected} injection(s), need {min_injected} "
                       f"(the corpus offers too few sites)")
        elif c.recall is not None and c.recall < want:
            out.append(f"{c.injector.name}: recall {c.recall:.0%} < {want:.0%} "
                       f"({c.hits}/{c.injected}; missed e.g. {c.misses[:1]})")
    for code in sorted(results.rules):
        name, severity, _ = results.rules[code]
        limit = limits.get("false-per-10k", {}).get(code, limits["max-false-per-10k"].get(severity))
        if limit is not None and results.per_10k(code) > limit:
            out.append(f"{code} {name}: {results.per_10k(code):.3f} reports per 10k chars on untouched "
                       f"text > {limit} ({results.reports[code]} reports)")
    return out


# --- output --------------------------------------------------------------------------------
def render(results: Results, broken: list[str]) -> str:
    lines = [
        "# Detection quality",
        "",
        "Generated by `benchmarks/quality/run.py` — do not edit by hand; re-run it instead.",
        "",
        f"- Corpus: `{results.corpus}` — {results.files} files, {results.chars:,} characters",
        f"- Seed {results.seed}, at most {results.per_class} injections per class (one per file), "
        f"default rule selection; {results.seconds:.1f} s",
        "- A **hit** is a diagnostic of an expected code whose span overlaps the injected span "
        "and that the untouched text did not already have.",
        "",
        "## Recall per injected defect class",
        "",
        "| class | expected code(s) | injected | hits | recall | what is injected |",
        "|---|---|---:|---:|---:|---|",
    ]
    for c in results.classes:
        codes = ", ".join(c.injector.codes)
        if c.status != "measured":
            lines.append(f"| {c.injector.name} | {codes} | – | – | {c.status} | {c.injector.description} |")
        elif not c.injected:
            lines.append(f"| {c.injector.name} | {codes} | 0 | – | no site | {c.injector.description} |")
        else:
            lines.append(f"| {c.injector.name} | {codes} | {c.injected} | {c.hits} | "
                         f"{c.recall:.0%} | {c.injector.description} |")
    measured = [c for c in results.classes if c.status == "measured" and c.injected]
    if measured:
        total_i = sum(c.injected for c in measured)
        total_h = sum(c.hits for c in measured)
        lines += ["", f"Overall over the {len(measured)} measured classes: {total_h}/{total_i} "
                      f"= {total_h / total_i:.0%} (micro); "
                      f"{sum(c.recall for c in measured) / len(measured):.0%} (macro, mean of classes)."]
    lines += ["", "## Reports on the untouched texts, per rule", "",
              "Every report on a clean published report counts as a false report here (an upper "
              "bound: the corpus does hold a few genuine defects).", "",
              "| code | name | severity | default | reports | per 10k chars |",
              "|---|---|---|---|---:|---:|"]
    for code in sorted(results.rules):
        name, severity, default = results.rules[code]
        lines.append(f"| {code} | {name} | {severity} | {'on' if default else 'off'} | "
                     f"{results.reports[code]} | {results.per_10k(code):.3f} |")
    misses = [(c.injector.name, m) for c in results.classes for m in c.misses]
    if misses:
        lines += ["", "## Examples of misses", ""]
        lines += [f"- {name}: {m}" for name, m in misses]
    lines += ["", "## Thresholds (`benchmarks/quality/thresholds.toml`)", ""]
    lines += [f"- FAIL {b}" for b in broken] or ["- all met"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of clean reports")
    parser.add_argument("--sample", action="store_true", help="use the bundled fixtures/corpus-sample")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--per-class", type=int, default=40, help="injections per class at most")
    parser.add_argument("--select", help="rule selection (default: the default rules)")
    parser.add_argument("--output", type=Path, default=DOC, help="markdown table to write")
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--check", action="store_true", help="exit 1 when a threshold fails")
    args = parser.parse_args(argv)

    corpus = SAMPLE if args.sample else args.corpus
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; pass --corpus DIR or --sample", file=sys.stderr)
        return 2
    texts = load_texts(corpus)
    shown = os.path.relpath(corpus, ROOT)  # as seen from the repository root
    results = evaluate(texts, seed=args.seed, per_class=args.per_class,
                       select=args.select.split(",") if args.select else None, corpus=shown)
    broken = failures(results, load_thresholds("sample" if args.sample else "corpus"))
    text = render(results, broken)
    print(text)
    if not args.no_write:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 1 if args.check and broken else 0


if __name__ == "__main__":
    sys.exit(main())
