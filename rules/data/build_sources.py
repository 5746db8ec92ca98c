"""Which files of ``shared/corpus`` a data build may read: the one gate every ``build_*.py``
(and ``benchmarks/quality/heldout_statutes.py``) goes through.

The clean reports are split into a tuning and a checking half by a fixed rule
(``benchmarks/quality/README.md``: a file of ``clean/`` is in the checking half iff the SHA-1 of
its name is odd). The checking half is counted to measure precision on text nobody tuned on,
so no data a rule ships may be counted from it. The other folders hold copies of clean texts in
other formats (``docx/2025年X政府工作报告.docx`` is ``clean/gwr_prov2025__X.txt``; round 19 found
21 of them feeding the character model), and a folder added later (html/, pdf/) may too. A copy is
found by its content, not by a list of names: a file whose Han text mostly (``COPIED`` of its
sampled ``SHINGLE``-character runs) stands in a checking-half file of ``clean/`` is checking half
too, whatever its folder or its name, and so is a tuning-half file of ``clean/`` that copies one.
A file that only quotes a report (a statute's title, a slogan) shares few runs and stays.
"""
from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache
from pathlib import Path

import regex

SHINGLE = 12          # Han characters in a run compared; a quoted phrase is shorter
SAMPLE = 4            # keep a run when its hash is 0 modulo this (a quarter, chosen by content)
COPIED = 0.7          # share of its sampled runs one checking-half report holds: measured 0.93+ for
                      # the 21 docx copies, 0.45 at most for any other file (formulaic NPC resolutions)
READABLE = {".txt", ".md", ".docx", ".html", ".htm", ".pdf"}
_NOT_HAN = regex.compile(r"\P{Han}+")


def in_checking_half(name: str) -> bool:
    """The fixed split of ``clean/`` by file name: the one the measurements use too
    (``split_of`` in benchmarks/quality/run.py reads it)."""
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1


def read_text(path: Path) -> str:
    if path.suffix in (".txt", ".md"):
        return path.read_text(encoding="utf-8")
    from gongwen.sources import read_document

    return read_document(path).text


def _runs(text: str) -> set[int]:
    han = _NOT_HAN.sub("", text)
    found = set()
    for i in range(len(han) - SHINGLE + 1):
        h = zlib.crc32(han[i:i + SHINGLE].encode())
        if h % SAMPLE == 0:
            found.add(h)
    return found


@lru_cache(maxsize=4)
def _checking_runs(clean: Path) -> tuple[dict[int, int], tuple[str, ...]]:
    """Every sampled run of the checking half, mapped to the index of the report it is in."""
    names = tuple(p.name for p in sorted(clean.glob("*.txt")) if in_checking_half(p.name))
    owner: dict[int, int] = {}
    for i, name in enumerate(names):
        for h in _runs((clean / name).read_text(encoding="utf-8")):
            owner.setdefault(h, i)
    return owner, names


def copied_from(text: str, clean: Path) -> str | None:
    """The checking-half report of ``clean`` that ``text`` is mostly a copy of, if any."""
    runs = _runs(text)
    if not runs:
        return None
    owner, names = _checking_runs(clean)
    hits: dict[int, int] = {}
    for h in runs:
        if h in owner:
            hits[owner[h]] = hits.get(owner[h], 0) + 1
    best = max(hits, key=hits.get, default=None)
    return names[best] if best is not None and hits[best] >= COPIED * len(runs) else None


def corpus_root(path: Path) -> Path:
    """The corpus folder above ``path`` (the one that holds ``clean/``)."""
    for parent in path.resolve().parents:
        if (parent / "clean").is_dir():
            return parent
    raise ValueError(f"{path} is not inside a corpus folder holding clean/")


def may_read(path: Path, text: str | None = None) -> bool:
    """Whether a build may count ``path``: not in the checking half of ``clean/`` and not a copy
    of a checking-half report under any folder or name. ``text`` spares a second read."""
    root = corpus_root(path)
    if path.resolve().parent == (root / "clean").resolve() and in_checking_half(path.name):
        return False
    return copied_from(read_text(path) if text is None else text, root / "clean") is None


def _text_files(corpus: Path, folder: str, pattern: str = "*") -> list[Path]:
    """The text files under ``corpus/folder``, read or not (``_index.md`` lists are not texts)."""
    return [p for p in sorted((corpus / folder).rglob(pattern))
            if p.is_file() and p.suffix in READABLE and p.name != "_index.md"]


def readable_files(corpus: Path, folder: str, pattern: str = "*") -> list[Path]:
    """The files under ``corpus/folder`` a build may read."""
    return [p for p in _text_files(corpus, folder, pattern) if may_read(p)]


def texts(corpus: Path, folders: tuple[str, ...] = ("clean", "laws", "docx"),
          leave_out: frozenset[Path] | set[Path] = frozenset()) -> list[str]:
    """The texts the character model and the builds that share its counts read (less
    ``leave_out``: heldout_statutes.py's fold)."""
    found = []
    for folder in folders:
        for path in _text_files(corpus, folder):
            if path in leave_out:
                continue
            text = read_text(path)
            if may_read(path, text):
                found.append(text)
    return found
