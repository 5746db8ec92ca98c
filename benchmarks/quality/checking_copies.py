"""Test and fixture text copied from the checking half of ``shared/corpus/clean``.

The checking half is counted, never read to tune (``rules/data/build_sources.py`` keeps the data
builds off it). A test example copied from it is the same leak in another place: a rule fixed
until that example passes was tuned on checking text. This lists two kinds of copies:

- rule fixture cases (``fixtures/rules/*.toml``) whose ``source`` names a checking-half file;
- files under ``tests/`` and ``fixtures/`` holding a run of ``SHINGLE`` (12) or more Han
  characters that stands in a checking-half file but in no tuning-half file and no statute:
  a set phrase every report writes (坚持以习近平新时代中国特色社会主义思想为指导) is in the tuning
  half too and is no copy.

The held-out sentence and genre sets are listed like the rest (they were written, not copied;
a hit there is a set phrase the tuning half lacks). fixtures/corpus-sample is left out: its
excerpts are named in its SOURCES.tsv (tests/test_quality_gate.py keeps them in the tuning half).

    .venv/bin/python benchmarks/quality/checking_copies.py ../shared/corpus
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "rules" / "data"))
from build_sources import SHINGLE, in_checking_half  # noqa: E402  (the one definition of the split)

_RUN = regex.compile(r"\p{Han}{%d,}" % SHINGLE)
_SOURCE = re.compile(r'^source = "corpus: ([^" ,;]+)', re.M)
_CASE = re.compile(r'^name = "([^"]+)"', re.M)
TEXT_SUFFIXES = {".py", ".toml", ".txt", ".md", ".snap", ".json", ".html", ".tsv", ""}


def shingles(text: str) -> set[str]:
    return {run[i:i + SHINGLE] for run in _RUN.findall(text) for i in range(len(run) - SHINGLE + 1)}


def checking_only_runs(corpus: Path) -> set[str]:
    """The runs of the checking half that no tuning-half file and no statute writes."""
    checking, elsewhere = set(), set()
    for path in sorted((corpus / "clean").glob("*.txt")):
        (checking if in_checking_half(path.name) else elsewhere).update(shingles(path.read_text(encoding="utf-8")))
    for path in sorted((corpus / "laws").rglob("*.md")):
        elsewhere.update(shingles(path.read_text(encoding="utf-8")))
    return checking - elsewhere


def cited_cases() -> list[tuple[str, str, str]]:
    """(fixture file, case name, source) for each rule fixture case citing a checking-half file."""
    found = []
    for path in sorted((ROOT / "fixtures" / "rules").glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        for m in _SOURCE.finditer(text):
            if in_checking_half(m.group(1).rsplit("/", 1)[-1]):
                names = _CASE.findall(text, 0, m.start())
                found.append((path.name, names[-1] if names else "?", m.group(1)))
    return found


def copied_strings(runs: set[str]) -> list[tuple[str, list[str]]]:
    """(file, the longest strings it shares with the checking half alone) under tests/ and fixtures/."""
    found = []
    files = [*(ROOT / "tests").rglob("*"), *(ROOT / "fixtures").rglob("*")]
    for path in sorted(p for p in files if p.is_file() and p.suffix in TEXT_SUFFIXES and "corpus-sample" not in p.parts):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        hits = []
        for run in _RUN.findall(text):
            i = 0
            while i <= len(run) - SHINGLE:
                if run[i:i + SHINGLE] not in runs:
                    i += 1
                    continue
                j = i + SHINGLE
                while j < len(run) and run[j - SHINGLE + 1:j + 1] in runs:
                    j += 1
                hits.append(run[i:j])
                i = j
        if hits:
            found.append((str(path.relative_to(ROOT)), sorted(set(hits), key=len, reverse=True)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the shared corpus folder (holds clean/ and laws/)")
    args = parser.parse_args()
    cases = cited_cases()
    print(f"# Rule fixture cases citing a checking-half file: {len(cases)}")
    for name, case, source in cases:
        print(f"{name}\t{case}\t{source}")
    files = copied_strings(checking_only_runs(args.corpus))
    print(f"\n# Files sharing a {SHINGLE}+ Han character run with the checking half alone: {len(files)}")
    for name, hits in files:
        print(f"{name}\t{len(hits)}\t{' / '.join(hits[:4])}")


if __name__ == "__main__":
    main()
