"""Keep the held-out sets' text out of what engineers read and what rules ship: COUNTS only.

A held-out set (``typos.SETS`` less ``typos.TUNING_SETS``) may be looked at only through counts.
Its text leaks when an engineer copies a slip into the notes, a test or a rule's data. A run of
Chinese characters is taken for a held-out example when it stands in some held-out set's text,
nowhere in the tuning material (the fixtures outside the held-out sets and what
``build_sources.texts`` lets a build read of ``shared/corpus``), and is not a run of dictionary
words of two characters or more (a list of topics such as 交通水利 is prose, not a slip).

    .venv/bin/python benchmarks/quality/heldout_hygiene.py leaks ../shared/corpus
        per file of rules/, tests/ and linter/: how many such runs of three characters or more
        (a generated table of cut names holds some by construction: it predicts slips)
    .venv/bin/python benchmarks/quality/heldout_hygiene.py strip ../shared/corpus NOTES.md [--write]
        replaces such runs of two characters or more in a notes file by '…' and prints how many

Nothing of the held-out text is printed.
"""
from __future__ import annotations

import argparse
import sys
from functools import lru_cache
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "rules" / "data"))
import typos  # noqa: E402  (the sibling benchmark: which sets are held out)
from build_sources import texts  # noqa: E402  (the one gate of what a build may read)

MARKS = str.maketrans("", "", "⟦⟧")
LONGEST_WORD = 8


def held_out_text() -> str:
    files = {typos.FIXTURES / name for key in typos.SETS if key not in typos.TUNING_SETS
             for name in typos.SETS[key]}
    return "\n".join(path.read_text(encoding="utf-8").translate(MARKS) for path in sorted(files))


def tuning_text(corpus: Path) -> str:
    held = {typos.FIXTURES / name for key in typos.SETS if key not in typos.TUNING_SETS
            for name in typos.SETS[key]}
    parts = []
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.is_file() and path not in held:
            try:
                parts.append(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                continue          # .docx and other binary fixtures
    parts += texts(corpus)
    return "\n".join(parts).translate(MARKS)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    import jieba
    lines = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip())


def words_only(run: str) -> bool:
    """True when ``run`` splits into dictionary words of two characters or more."""
    words = dictionary_words()
    reached = [True] + [False] * len(run)
    for i in range(len(run)):
        if reached[i]:
            for j in range(i + 2, min(len(run), i + LONGEST_WORD) + 1):
                reached[j] = reached[j] or run[i:j] in words
    return reached[len(run)]


class Examples:
    def __init__(self, corpus: Path) -> None:
        self.held = held_out_text()
        self.tuning = tuning_text(corpus)

    def __call__(self, run: str) -> bool:
        return run in self.held and run not in self.tuning and not words_only(run)


def leaks(examples: Examples) -> list[tuple[int, str]]:
    runs = regex.compile(r"\p{Han}{3,}")
    found = []
    for folder in ("rules", "tests", "linter"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".txt", ".toml", ".tsv", ".c", ".h"):
                continue
            n = sum(1 for run in set(runs.findall(path.read_text(encoding="utf-8"))) if examples(run))
            if n:
                found.append((n, str(path.relative_to(ROOT))))
    return sorted(found, reverse=True)


def strip(examples: Examples, text: str) -> tuple[str, int]:
    count = 0

    def replace(match: regex.Match) -> str:
        nonlocal count
        if examples(match.group(0)):
            count += 1
            return "…"
        return match.group(0)

    return regex.sub(r"\p{Han}{2,}", replace, text), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("leaks", "strip"))
    parser.add_argument("corpus", type=Path, help="the shared corpus (../shared/corpus)")
    parser.add_argument("notes", type=Path, nargs="?", help="the notes file to strip")
    parser.add_argument("--write", action="store_true", help="write the stripped notes back")
    args = parser.parse_args(argv)
    if not (args.corpus / "clean").is_dir():
        parser.error(f"{args.corpus} has no clean/ folder: the tuning material would be missing")
    examples = Examples(args.corpus)
    if args.command == "leaks":
        for n, name in leaks(examples):
            print(f"{n:5d}  {name}")
        return 0
    if args.notes is None:
        parser.error("strip needs the notes file")
    text = args.notes.read_text(encoding="utf-8")
    new, count = strip(examples, text)
    print(f"runs replaced: {count}")
    if args.write and new != text:
        args.notes.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
