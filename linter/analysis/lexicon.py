"""The lexicon: the word lists and tables in ``rules/data/``, each loaded lazily and once.

Every data file opens with a header of ``#`` lines: a free description, then exactly

    # used by: CODE, CODE            (rule codes, or modules such as gongwen.rules._segmentation)
    # source: where it comes from; status read | secondary | recalled | own
    # checked: YYYY-MM-DD

(notes on the file's format may follow them). :func:`header` parses it; tests/analysis/
test_lexicon.py holds every file to it. Rules read a file only through this module, so that a
file no call names is unused, and a file is read once however many rules use it.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any, Iterable

import regex

from gongwen.analysis import pattern_cache

# The closed classes of single-character function words, one tagged table (see its header).
FUNCTION_CHARS = "function_chars.toml"
STATUSES = ("read", "secondary", "recalled", "own")  # how the source was used (see header)
# The same statuses in the words an editor reads in a report's note (``own`` is shown as is).
STATUS_SHOWN = {"read": "已核对原文", "secondary": "据转载核对", "recalled": "凭记忆整理，尚待核实"}
_FIELDS = ("used by", "source", "checked")


class LexiconError(ValueError):
    """A data file without a complete header, or that is not what its loader expects."""


@dataclass(frozen=True)
class Header:
    """What a data file is, who uses it, where it comes from and when it was last checked."""

    description: str
    used_by: tuple[str, ...]
    source: str
    status: str
    checked: datetime.date


@cache
def _data():
    """rules/data beside the package's own file. ``importlib.resources`` finds the same folder
    but importing it (tempfile, zipfile, shutil …) is ~0.01 s of every start-up; a package that
    is not plain files on disk (a zip) is still left to it."""
    import gongwen.rules
    from pathlib import Path

    folder = Path(gongwen.rules.__file__).parent / "data"
    if folder.is_dir():
        return folder
    from importlib.resources import files

    return files("gongwen.rules").joinpath("data")


def _path(name: str):
    return _data().joinpath(name)


def names() -> tuple[str, ...]:
    """The data files (generator scripts ``build_*.py`` are not data)."""
    return tuple(sorted(p.name for p in _data().iterdir()
                        if p.is_file() and p.name.endswith((".txt", ".tsv", ".toml"))))


def parse_header(name: str, lines: Iterable[str]) -> Header:
    """The header of a file from its first lines; :class:`LexiconError` names what is missing."""
    comments = []
    for line in lines:
        if not line.startswith("#"):
            break
        comments.append(line.rstrip("\r\n")[1:].strip())
    fields: dict[str, tuple[int, str]] = {}
    for i, comment in enumerate(comments):
        key, colon, value = comment.partition(":")
        if colon and key in _FIELDS:
            if key in fields:
                raise LexiconError(f"{name}: header line '{key}:' twice")
            fields[key] = (i, value.strip())
    missing = [f for f in _FIELDS if f not in fields]
    if missing:
        raise LexiconError(f"{name}: header lacks {', '.join(repr(f + ':') for f in missing)}")
    first = fields["used by"][0]
    if [fields[f][0] for f in _FIELDS] != [first, first + 1, first + 2]:
        raise LexiconError(f"{name}: header lines must be 'used by:', 'source:', 'checked:' in order")
    description = " ".join(c for c in comments[:first] if c)
    if not description:
        raise LexiconError(f"{name}: header has no description before 'used by:'")
    used_by = tuple(u.strip() for u in fields["used by"][1].split(",") if u.strip())
    if not used_by:
        raise LexiconError(f"{name}: 'used by:' names nobody")
    source = fields["source"][1]
    status = regex.search(r";\s*status:?\s+(\w+)\s*$", source)
    if not source or status is None or status[1] not in STATUSES:
        raise LexiconError(f"{name}: 'source:' must end with '; status' and one of {', '.join(STATUSES)}")
    try:
        checked = datetime.date.fromisoformat(fields["checked"][1])
    except ValueError:
        raise LexiconError(f"{name}: 'checked:' is not a YYYY-MM-DD date") from None
    return Header(description, used_by, source[:status.start()].strip(), status[1], checked)


@cache
def header(name: str) -> Header:
    """The parsed header of ``data/<name>`` (read from the file's first lines only)."""
    with _path(name).open(encoding="utf-8") as stream:
        return parse_header(name, stream)


@cache
def text(name: str) -> str:
    """The whole text of ``data/<name>``, for files with a format of their own."""
    return _path(name).read_text(encoding="utf-8")


@cache
def binary(name: str) -> bytes:
    """The bytes of ``data/<name>``, read once and shared, for readers that keep a file's
    bytes and decode only what they ask (the character model and its candidates, the sorted
    word lists)."""
    stamp(name)  # taken before the bytes are read: see ``stamp``
    return read_binary(name)


@cache
def stamp(name: str) -> str | None:
    """``table_cache.stamp`` of ``data/<name>``: what names its version without reading it
    (the key of what is built from it and kept: ``char_screen.cache_key``). Taken once a process,
    and before ``binary`` reads the file, so the bytes a process holds are never older than the
    stamp it names them by: a file changed in between leaves a kept entry under a stamp no file
    has any more, never an old one under the new stamp."""
    from gongwen.analysis import table_cache

    return table_cache.stamp(_path(name))


def read_binary(name: str) -> bytes:
    """The bytes of ``data/<name>``, not kept: for the reader that keeps its own compact form
    of a large file (the segmentation dictionary's lines, 4.8 MB) and not the bytes."""
    return _path(name).read_bytes()


def mapped(name: str):
    """The bytes of ``data/<name>`` as a read-only memory map where the file is on disk, else
    read: for the reader that looks up only a few places of a large file (the segmentation
    dictionary, 4.8 MB, of which a run reads a few hundred lines). Reading it cost ~2 ms a
    process and a private copy; mapped, its pages are read as they are touched and shared by
    every process of a run. A map supports what such a reader asks of bytes: slicing, find and
    the buffer protocol (``_word_table``), not ``startswith`` or ``index``."""
    import mmap

    path = _path(name)
    try:
        with open(path, "rb") as stream:
            return mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError, TypeError):  # not a file on disk (a zip), or empty (ValueError)
        return read_binary(name)


class SortedWords:
    """A large word list, one entry a line in code-point order, that a process asks only a
    few times: kept as the file's bytes and searched by bisection, so loading it parses
    nothing (building a set of 170,000 words costs ~0.1 s of CPU; a look-up here ~20 µs).
    UTF-8 keeps code-point order, so the bytes are as sorted as the text."""

    def __init__(self, data: bytes) -> None:
        body = 0
        while data.startswith(b"#", body):  # the header
            body = data.index(b"\n", body) + 1
        self._data, self._body = data, body

    def __contains__(self, word: str) -> bool:
        key, data = word.encode(), self._data
        lo, hi = self._body, len(data)  # lo is always a line's start
        while lo < hi:
            start = data.rfind(b"\n", lo, (lo + hi) // 2) + 1 or lo  # the line holding the middle
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


@cache
def sorted_words(name: str) -> SortedWords:
    """The entries of ``data/<name>``, one a line and sorted (a generated list), for
    membership only: see :class:`SortedWords`."""
    return SortedWords(binary(name))


def split_entries(content: str) -> list[str]:
    """The lines of a ``.txt``/``.tsv`` text that are neither blank nor ``#`` comments."""
    return [line for line in content.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def entry_lines(name: str) -> list[str]:
    """:func:`split_entries` of ``data/<name>``."""
    return split_entries(text(name))


@cache
def words(name: str) -> frozenset[str]:
    """The whitespace-separated entries of a word list (``data/<name>``, a ``.txt`` file)."""
    return frozenset(w for line in entry_lines(name) for w in line.split())


@cache
def groups(name: str) -> tuple[frozenset[str], ...]:
    """The entries of a word list line by line: one group per entry line (a list whose lines
    mean something, such as one attribute dimension per line)."""
    return tuple(frozenset(line.split()) for line in entry_lines(name))


def headed(name: str) -> dict[str, tuple[str, ...]]:
    """A list whose entry lines are a head then its words (``中心 ...``): head -> the words."""
    found = {}
    for line in entry_lines(name):
        head, *rest = line.split()
        found[head] = tuple(rest)
    return found


@cache
def table(name: str) -> dict[str, Any]:
    """A ``.toml`` file, parsed once and shared: callers must not change it. Kept parsed in
    the user's cache folder between runs (``table_cache``: tomllib parses in Python)."""
    from gongwen.analysis import table_cache

    return table_cache.parsed(name, text(name))


@cache
def tagged(name: str, tag: str) -> frozenset[str]:
    """The entries of a tagged table that carry ``tag``. A tagged table (unit_words.toml,
    function_chars.toml) declares ``known-tags = [...]`` and has one row per entry under
    ``[tags]``: ``"个" = ["unit", "approximate"]``; each rule reads the view it needs."""
    data = table(name)
    if tag not in data["known-tags"]:
        raise LexiconError(f"{name}: unknown tag {tag!r}")
    return frozenset(entry for entry, tags in data["tags"].items() if tag in tags)


def entries_without(name: str, *tags: str) -> frozenset[str]:
    """The entries of a tagged table that carry some tag other than ``tags``: a reader that
    takes the whole table as it was before a tag was added keeps its meaning (the data builds
    read function_chars.toml's word-edge rows, not the adverbs added for TYP013)."""
    data = table(name)
    unknown = set(tags) - set(data["known-tags"])
    if unknown:
        raise LexiconError(f"{name}: unknown tag {sorted(unknown)[0]!r}")
    return frozenset(entry for entry, kinds in data["tags"].items() if set(kinds) - set(tags))


def alternation(items: Iterable[str]) -> str:
    """Regex source matching any of the words, longest first so that 签约 wins over 约 at the
    same position (ties in a fixed order, so the pattern is the same in every run)."""
    return "|".join(map(_escaped, sorted(items, key=lambda w: (-len(w), w))))


# What regex.escape changes (its metacharacters; whitespace, re's \s being str.isspace): a word
# with none of them is its own escape, found in C instead of regex.escape's loop in Python
# per character (~680 words of every run's start-up).
_ESCAPED_BY_REGEX = pattern_cache.re_compile(r"[()\[\]{}?*+|^$\\.\-#&~\s]").search


def _escaped(word: str) -> str:
    return regex.escape(word) if _ESCAPED_BY_REGEX(word) else word


def pattern(name: str) -> str:
    """:func:`alternation` over the entries of a word list."""
    return alternation(words(name))


def single_chars(items: Iterable[str]) -> str:
    """The single-character items as the body of a regex character class."""
    return "".join(sorted(w for w in items if len(w) == 1))


def char_class(name: str) -> str:
    """The single-character entries of a word list as the body of a regex character class."""
    return single_chars(words(name))
