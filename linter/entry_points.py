"""The installed packages' entry points of one group, read without ``importlib.metadata``.

``importlib.metadata`` imports the e-mail parser, zipfile and more: 0.04 CPU s of the ~0.35 a
check of one small file costs, every run, to find the one built-in pack. Here the same search is
done with ``os.listdir`` and plain reads, as ``importlib.metadata.entry_points(group=…)`` does it
(Python 3.11's, read for this) for distributions in directories on ``sys.path``: the same
``*.dist-info``/``*.egg-info`` folders in the same order, the first distribution of a name
winning, the same ``entry_points.txt`` syntax. Anything else — a zip or egg on the path, an
import hook that finds distributions, an unusual file — hands the whole search to
``importlib.metadata``. tests/test_entry_points.py compares the two, with the running
interpreter's ``importlib.metadata``, on the real path and on made-up ones.
"""
from __future__ import annotations

import functools
import os
import re
import stat
import sys
from importlib import import_module
from typing import Any
from gongwen.analysis import pattern_cache

# importlib.metadata.EntryPoint.pattern
_VALUE = pattern_cache.re_compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SUFFIXES = (".dist-info", ".egg-info")


class _Unusual(Exception):
    """Something this reader does not model: importlib.metadata must do the search."""


class Distribution:
    """An installed distribution's name and version, read from its metadata headers."""

    def __init__(self, path: str) -> None:
        self._path = path

    @functools.cached_property
    def _headers(self) -> dict[str, str] | None:
        for name in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self._path, name), encoding="utf-8") as f:
                    text = f.read()
            except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
                continue
            headers: dict[str, str] = {}
            for line in text.split("\n"):
                if not line.strip():
                    break
                if line[0] in " \t" or ":" not in line:
                    return None  # folded or malformed: the e-mail parser decides
                key, _, value = line.partition(":")
                headers.setdefault(key, value.strip())
            return headers
        return None

    def _header(self, key: str) -> Any:
        headers = self._headers
        if headers is None or key not in headers:
            import importlib.metadata
            from pathlib import Path

            return importlib.metadata.PathDistribution(Path(self._path)).metadata[key]
        return headers[key]

    @property
    def name(self) -> str:
        return self._header("Name")

    @property
    def version(self) -> str:
        return self._header("Version")


class EntryPoint:
    """What the registry uses of ``importlib.metadata.EntryPoint``."""

    def __init__(self, name: str, value: str, group: str, dist: Distribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        match = _VALUE.match(self.value)
        if match is None:  # let importlib.metadata fail the way it fails
            import importlib.metadata

            return importlib.metadata.EntryPoint(self.name, self.value, self.group).load()
        module = import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def entry_points(group: str) -> list[Any]:
    """``importlib.metadata.entry_points(group=group)``, as a list."""
    try:
        return _scan(group)
    except _Unusual as unusual:
        import importlib.metadata

        try:
            return list(importlib.metadata.entry_points(group=group))
        except Exception as exc:  # its message names no file; ours knows which one it stopped at
            if unusual.args:
                exc.add_note(unusual.args[0])
            raise


def _scan(group: str) -> list[EntryPoint]:
    from importlib.machinery import PathFinder

    # Only the interpreter's own search: no import hook that finds distributions, and that
    # search not switched off (the importlib_metadata backport replaces it with its own).
    if [f for f in sys.meta_path if getattr(f, "find_distributions", None) is not None] != [PathFinder]:
        raise _Unusual
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for root in sys.path:
        if not isinstance(root, str) or os.path.basename(root).lower().endswith(".egg"):
            raise _Unusual
        try:
            children = os.listdir(root or ".")
        except Exception:
            if os.path.isfile(root):  # a zip archive on the path
                raise _Unusual from None
            continue
        by_name: dict[str, list[str]] = {}  # importlib.metadata's Lookup: grouped by first sight
        for child in children:
            low = child.lower()
            if low.endswith(_SUFFIXES):
                if not child.endswith(_SUFFIXES):
                    raise _Unusual  # its name then comes from the metadata, not the folder
                name = low.rpartition(".")[0].partition("-")[0]
                by_name.setdefault(re.sub(r"[-_.]+", "-", name).lower().replace("-", "_"), []).append(child)
        for normalized, folders in by_name.items():
            for folder in folders:
                if normalized in seen:
                    continue
                seen.add(normalized)
                path = os.path.join(root, folder)
                found.extend(_entry_points_of(path, group))
    return found


def _entry_points_of(path: str, group: str) -> list[EntryPoint]:
    file = os.path.join(path, "entry_points.txt")
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    except Exception:
        raise _Unusual(file) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):  # importlib.metadata reads no entry points from it
            return []
        raise OSError(f"{file}：不是普通文件")  # importlib.metadata would wait on a FIFO for ever
    with os.fdopen(fd, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unusual(file) from None
    dist = Distribution(path)
    found = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            raise _Unusual(file)  # importlib.metadata raises on it, whatever the group
        name, value = map(str.strip, line.split("=", 1))
        if section == group:
            found.append(EntryPoint(name, value, group, dist))
    return found
