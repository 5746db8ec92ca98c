"""Quality benchmark: recall per injected defect class, false reports on untouched text.

    .venv/bin/python benchmarks/quality/run.py                 # ../shared/corpus/clean
    .venv/bin/python benchmarks/quality/run.py --sample        # fixtures/corpus-sample (CI)

The clean corpus is split by a fixed rule into a tuning half and a checking half (see
:func:`split_of`): rules are tuned on the first, the second is only counted, so that its
figures say how the rules do on text nobody fitted them to. fixtures/genres (texts of other
genres written for this purpose) is counted as a third part. Recall is measured by injecting
defects into the whole clean corpus, as before the split, so that it stays comparable.

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
sys.path.insert(1, str(ROOT / "rules" / "data"))  # build_sources: the split the data builds keep to

from build_sources import in_checking_half  # noqa: E402
from injectors import INJECTORS, Injection, Injector, Site  # noqa: E402

from gongwen import api  # noqa: E402
from gongwen.document import Document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "clean"
SAMPLE = ROOT / "fixtures" / "corpus-sample"
GENRES = ROOT / "fixtures" / "genres"
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
class Part:
    """One body of untouched text whose reports are counted on their own."""

    name: str
    files: int = 0
    chars: int = 0
    reports: Counter = field(default_factory=Counter)  # code -> diagnostics
    # Slips planted by hand (the folders' manifest.toml): a report on one is a detection, not a
    # false report, so it is counted apart and the false-report limits judge only the rest.
    at_slips: Counter = field(default_factory=Counter)  # code -> diagnostics on a planted slip
    slips: int = 0
    slips_found: int = 0

    def per_10k(self, code: str) -> float:
        return self.reports[code] * 10_000 / self.chars if self.chars else 0.0

    def off_slips_per_10k(self, code: str) -> float:
        """Reports per 10k characters that are not on a planted slip: what the limits judge."""
        return (self.reports[code] - self.at_slips[code]) * 10_000 / self.chars if self.chars else 0.0


@dataclass
class Results:
    corpus: str
    files: int
    chars: int
    seed: int
    per_class: int
    classes: list[ClassResult]
    reports: Counter  # code -> diagnostics on the untouched texts (all parts of the corpus)
    rules: dict  # code -> (name, severity, default_enabled)
    seconds: float = 0.0
    parts: dict[str, Part] = field(default_factory=dict)

    def per_10k(self, code: str) -> float:
        return self.reports[code] * 10_000 / self.chars if self.chars else 0.0


def split_of(name: str) -> str:
    """The fixed split of the clean corpus: a file is in the checking half iff the SHA-1 of
    its file name (not its path, not its text) is odd. Fixed before any tuning, independent
    of the rules and of the order files are listed in, and stable when files are added."""
    filename = name.rsplit("/", 1)[-1]
    return "checking" if in_checking_half(filename) else "tuning"


def load_texts(corpus: Path) -> list[tuple[str, str]]:
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())
    return [(p.relative_to(corpus).as_posix(), p.read_text(encoding="utf-8")) for p in files]


def planted_slips(folder: Path) -> dict[str, list[tuple[int, int]]]:
    """The slips planted by hand in the texts under ``folder``, read from every ``manifest.toml``
    below it (``[[slip]]``: file, written, offset): text name as :func:`load_texts` gives it ->
    the spans of the written forms. An offset that does not point at its written form is an
    error, not a slip silently lost."""
    slips: dict[str, list[tuple[int, int]]] = {}
    for manifest in sorted(folder.rglob("manifest.toml")):
        base = manifest.parent
        for slip in tomllib.loads(manifest.read_text(encoding="utf-8")).get("slip", []):
            start, end = slip["offset"], slip["offset"] + len(slip["written"])
            if (base / slip["file"]).read_text(encoding="utf-8")[start:end] != slip["written"]:
                raise ValueError(f"{manifest}: {slip['file']} has no {slip['written']!r} at {start}")
            name = (base / slip["file"]).relative_to(folder).as_posix()
            slips.setdefault(name, []).append((start, end))
    return slips


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
             corpus: str = "", part_of=lambda name: "all",
             extra: dict[str, list[tuple[str, str]]] | None = None,
             planted: dict[str, list[tuple[int, int]]] | None = None) -> Results:
    """Recall of the injectors over ``texts`` and the reports on them untouched, counted per
    part (``part_of(name)``); ``extra`` parts are only counted, never injected into. ``planted``
    (text name in an extra part -> spans of slips planted on purpose) sets apart the reports on
    those slips (``Part.at_slips``) from the reports the false-report limits judge."""
    started = time.perf_counter()
    linter = api.make_linter({}, select=select)
    registry = api.registry()
    installed = {rule.code for rule in registry}
    enabled = linter.enabled

    def lint(name: str, text: str):
        return linter.lint(Document(path=name, text=text))

    sites: list[tuple[str, Site]] = []
    reports: Counter = Counter()
    parts: dict[str, Part] = {}

    def count(part_name: str, name: str, text: str, slips=()) -> list:
        found = lint(name, text)
        part = parts.setdefault(part_name, Part(part_name))
        part.files += 1
        part.chars += len(text)
        part.reports.update(d.code for d in found)
        part.at_slips.update(d.code for d in found if overlaps(d, slips))
        part.slips += len(slips)
        part.slips_found += sum(any(overlaps(d, [slip]) for d in found) for slip in slips)
        return found

    for name, text in texts:
        found = count(part_of(name), name, text)
        reports.update(d.code for d in found)
        sites.append((name, Site(text, [(d.code, d.start, d.end) for d in found])))
    for part_name, part_texts in (extra or {}).items():
        for name, text in part_texts:
            count(part_name, name, text, (planted or {}).get(name, ()))

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

    rules = {r.code: (r.name, str(r.severity), default_state(r)) for r in registry}
    return Results(corpus, len(texts), sum(len(t) for _, t in texts), seed, per_class, classes,
                   reports, rules, time.perf_counter() - started, dict(sorted(parts.items(), key=_part_order)))


def default_state(rule) -> str:
    """Whether a rule runs without being selected: on, off, preview (with --preview) or removed."""
    if getattr(rule, "removed", ""):
        return "removed"
    if getattr(rule, "preview", False):
        return "preview"
    return "on" if rule.default_enabled else "off"


def _part_order(item: tuple[str, Part]) -> tuple[int, str]:
    order = ("tuning", "checking", "genres")
    return (order.index(item[0]) if item[0] in order else len(order), item[0])


# --- thresholds ----------------------------------------------------------------------------
def load_thresholds(section: str) -> dict:
    data = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))
    return data[section]


def failures(results: Results, limits: dict, part_limits: dict[str, dict] | None = None) -> list[str]:
    """Every threshold the results break, as readable lines. Recall is gated by ``limits``;
    false reports per part, by the part's own entry in ``part_limits`` or else by ``limits``;
    reports on a slip planted on purpose (``Part.at_slips``) are detections and do not count."""
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
    for part in results.parts.values():
        part_limit = (part_limits or {}).get(part.name, limits)
        where = "" if len(results.parts) == 1 else f" [{part.name}]"
        for code in sorted(results.rules):
            name, severity, _ = results.rules[code]
            limit = part_limit.get("false-per-10k", {}).get(code, part_limit["max-false-per-10k"].get(severity))
            if limit is not None and part.off_slips_per_10k(code) > limit:
                at_slips = f", {part.at_slips[code]} more on planted slips" if part.at_slips[code] else ""
                out.append(f"{code} {name}{where}: {part.off_slips_per_10k(code):.3f} reports per 10k chars on "
                           f"untouched text > {limit} ({part.reports[code] - part.at_slips[code]} reports{at_slips})")
    return out


# --- output --------------------------------------------------------------------------------
PART_NOTES = {
    "tuning": "the half of the clean corpus the rules may be tuned on",
    "checking": "the other half, only counted: how the rules do on text nobody fitted them to",
    "genres": "`fixtures/genres`: notices, regulations, bulletins, disclosure reports, news "
              "items written for this benchmark",
}


def reports_section(results: Results) -> list[str]:
    """Reports on the untouched texts per rule, one column pair per part, and per severity."""
    parts = list(results.parts.values())
    lines = ["", "## Reports on the untouched texts, per rule", "",
             "Every report on a clean published text counts here (an upper bound on false reports: "
             "the corpus holds a few genuine defects, see the precision judged per rule in each "
             "rule's documentation, `gongwen rule CODE`).", ""]
    lines += [f"- **{p.name}**: {p.files} files, {p.chars:,} characters"
              + (f" — {PART_NOTES[p.name]}" if p.name in PART_NOTES else "")
              + (f"; slips planted by hand: {p.slips_found} of {p.slips} found, by "
                 f"{sum(p.at_slips.values())} reports ({', '.join(f'{c} {n}' for c, n in sorted(p.at_slips.items()))}),"
                 " counted in this table but left out of the false-report limits" if p.slips else "")
              for p in parts]
    lines += ["", "| code | name | severity | default | "
              + " | ".join(f"{p.name} reports | per 10k" for p in parts) + " |",
              "|---|---|---|---|" + "---:|---:|" * len(parts)]
    for code in sorted(results.rules):
        name, severity, default = results.rules[code]
        cells = " | ".join(f"{p.reports[code]} | {p.per_10k(code):.3f}" for p in parts)
        lines.append(f"| {code} | {name} | {severity} | {default} | {cells} |")
    lines += ["", "Per severity (default rules only), reports per 10k characters:", "",
              "| severity | " + " | ".join(p.name for p in parts) + " |",
              "|---|" + "---:|" * len(parts)]
    for severity in ("error", "warning", "info"):
        codes = [c for c, (_, sev, default) in results.rules.items() if sev == severity and default == "on"]
        cells = " | ".join(f"{sum(p.reports[c] for c in codes) * 10_000 / p.chars:.3f}" if p.chars else "–"
                           for p in parts)
        lines.append(f"| {severity} | {cells} |")
    return lines


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
    lines += reports_section(results)
    lines += precision_section(results)
    misses = [(c.injector.name, m) for c in results.classes for m in c.misses]
    if misses:
        lines += ["", "## Examples of misses", ""]
        lines += [f"- {name}: {m}" for name, m in misses]
    lines += ["", "## Thresholds (`benchmarks/quality/thresholds.toml`)", ""]
    lines += [f"- FAIL {b}" for b in broken] or ["- all met"]
    return "\n".join(lines) + "\n"


def precision_section(results: Results) -> list[str]:
    """The precision judged by hand (rules/data/precision.toml) next to this run's counts on
    the same parts: a rule whose counts changed since it was judged is marked stale."""
    from gongwen.rules._precision import _data as judged_data

    judged = judged_data()
    names = [name for name in judged["parts"] if name in results.parts]
    if not names:
        return []
    lines = ["", "## Precision judged on text the rules were not tuned on", "",
             f"Each report on the {' and '.join(names)} parts judged right or wrong by hand "
             f"({judged['date']}, `rules/data/precision.toml`, shown by `gongwen rule CODE`). "
             "Severity promises: error right ~99/100, warning ≥ 9/10. *stale*: this run's counts "
             "differ from the judged ones, judge again.", "",
             "| code | severity | default | reports now | judged | right | precision | |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for code in sorted(results.rules):
        _, severity, default = results.rules[code]
        entry = judged["rules"].get(code)
        now = sum(results.parts[n].reports[code] for n in names)
        if entry is None:
            lines.append(f"| {code} | {severity} | {default} | {now} | – | – | not judged | |")
            continue
        reports = sum(entry[n][0] for n in names)
        right = sum(entry[n][1] for n in names)
        shown = f"{right / reports:.0%}" if reports else "no report"
        stale = default == "on" and any(results.parts[n].reports[code] != entry[n][0] for n in names)
        lines.append(f"| {code} | {severity} | {default} | {now} | {reports} | {right} | {shown} | "
                     f"{'stale' if stale else ''} |")
    chars = sum(judged["parts"][n]["chars"] for n in names)
    lines += ["", f"Reports judged wrong per 10,000 characters of these parts ({chars:,} characters), "
                  "by the rules' present severity, default rules only:", ""]
    for severity in ("error", "warning", "info"):
        wrong = sum(sum(e[n][0] - e[n][1] for n in names) for code, e in judged["rules"].items()
                    if code in results.rules and results.rules[code][1] == severity
                    and results.rules[code][2] == "on")
        lines.append(f"- {severity}: {wrong} ({wrong * 10_000 / chars:.3f} per 10k)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of clean reports")
    parser.add_argument("--sample", action="store_true", help="use the bundled fixtures/corpus-sample")
    parser.add_argument("--genres", type=Path, default=GENRES, help="folder of texts of other genres, "
                        "counted as a third part (not with --sample)")
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
    if args.sample:
        part_of, extra, part_limits = (lambda name: "sample"), None, None
    else:
        part_of, extra = split_of, {"genres": load_texts(args.genres)}
        part_limits = {"genres": load_thresholds("genres")}
    results = evaluate(texts, seed=args.seed, per_class=args.per_class,
                       select=args.select.split(",") if args.select else None, corpus=shown,
                       part_of=part_of, extra=extra, planted=None if args.sample else planted_slips(args.genres))
    broken = failures(results, load_thresholds("sample" if args.sample else "corpus"), part_limits)
    text = render(results, broken)
    print(text)
    if not args.no_write:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 1 if args.check and broken else 0


if __name__ == "__main__":
    sys.exit(main())
