"""Compiled regular expressions kept between runs.

``re`` and ``regex`` both parse and compile a pattern in Python: the rules' ~380 patterns cost
~0.13 CPU s a process (a tenth of the 1,000-file benchmark, a third of a small file's run),
the same every time. What they compile to is a program of integers that each engine's C
constructor takes as is (``_sre.compile``; ``regex``'s, the program its patterns pickle to).
This module keeps those programs in one file of the user's cache folder
(``gongwen.user_folder``), named by a key of the Python, ``_sre`` and ``regex``
versions, and builds a pattern from its program when the file has it.

The file is JSON, read without pickle or marshal, so a file planted there runs no code; the
programs go to the engines' constructors (``_sre`` validates a program before use). A
program is written only after the pattern built from it was compared with the one compiled
from source (``==`` compares flags, source and program), so a change of either engine's
internals costs a compile, never a different pattern. Like the screen's arrays
(``array_cache``) these are not findings: ``--no-cache`` leaves them in use; a run that
cannot read or write the folder compiles as before.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import sys
from array import array
from typing import Any, Callable

import regex

_FORMAT = 1
# A run compiles ~400 distinct patterns (every format and the preview rules ~500, 0.6 MB of
# JSON); a configuration builds a few more (rosters, terms). The file holds its entries in the
# order they were last used by a process that saved: past this many the least recently used
# go, so the patterns an upgrade no longer asks for make room for its new ones. (Not grown at
# all past 4,000, a file filled over upgrades and branches kept none of the new patterns and
# cost every start-up 8 MB of JSON, ~18 ms.)
MAX_ENTRIES = 1500

_stored: dict[str, Any] | None = None  # the file's entries, read on first use
_compiled: dict[str, Any] = {}  # compiled here and not yet in the file: key -> pattern
_registered = False  # save() is to run at exit
_built: dict[str, Any] = {}  # the patterns this process has made, by key
_used: dict[str, None] = {}  # keys this process built from the file, in order
_derived: dict[str, Any] = {}  # entries of values derived here (``kept``), not yet in the file


def re_compile(pattern: str | bytes, flags: int = 0) -> Any:
    """``re.compile(pattern, flags)``, from the cache when it has the program (a bytes
    pattern is always compiled: the file keys programs by text)."""
    if not isinstance(pattern, str):
        import re

        return re.compile(pattern, flags)
    key = f"re {int(flags)} {pattern}"
    found = _built.get(key)
    if found is None:
        found = _from_store(key, _build_re)
        if found is None:
            import re

            found = _remember(key, re.compile(pattern, flags))
        _keep(key, found)
    return found


def regex_compile(pattern: str | bytes, flags: int = 0, **named_lists: Any) -> Any:
    """``regex.compile(pattern, flags, **named_lists)``, from the cache when it has the
    program (a pattern with named lists is always compiled: its lists are arguments; so is a
    bytes pattern)."""
    if named_lists or not isinstance(pattern, str):
        return regex.compile(pattern, flags, **named_lists)
    key = f"regex {int(flags)} {pattern}"
    found = _built.get(key)
    if found is None:
        found = _from_store(key, _build_regex) or _remember(key, regex.compile(pattern, flags))
        _keep(key, found)
    return found


def kept(kind: str, source: str, flags: int, make: Callable[[], Any], to_entry: Callable[[Any], Any],
         from_entry: Callable[[Any], Any]) -> Any:
    """A value derived from a pattern's source by this package's own code (not an engine's
    program: gongwen.analysis.class_routes's finders), kept in the same file under
    ``"{kind} {flags} {source}"``: ``from_entry(entry)`` where the file has it, else
    ``make()``. ``kind`` names the deriving code and its version (a change of that code must
    change it: the entry is then believed as an engine's program is). An entry is written
    only if ``from_entry`` gives the value made back (==); a damaged one costs a ``make()``.
    A value of None is not kept (made again each process)."""
    key = f"{kind} {int(flags)} {source}"
    found = _built.get(key)
    if found is None:
        found = _from_store(key, lambda _, entry: from_entry(entry))
        if found is None:
            found = make()
            if found is None:
                return None
            with contextlib.suppress(Exception):  # what JSON or from_entry cannot hold: not kept
                entry = json.loads(json.dumps(to_entry(found)))
                if from_entry(entry) == found and len(_derived) < MAX_ENTRIES:
                    _save_at_exit()
                    _derived[key] = entry
        _keep(key, found)
    return found


def _keep(key: str, compiled: Any) -> None:
    # A pattern built from a string made at run time is asked for again and again (as
    # re.compile's own cache would serve it): kept here, up to the file's bound.
    if len(_built) >= MAX_ENTRIES:
        _built.clear()
    _built[key] = compiled


def _from_store(key: str, build) -> Any:
    global _stored
    if _stored is None:
        _stored = _read()
        if len(_stored) > MAX_ENTRIES:  # written under a larger bound: cut down at exit
            _save_at_exit()
    entry = _stored.get(key)
    if entry is None:
        return None
    try:
        built = build(key.split(" ", 2)[2], entry)
    except Exception:  # noqa: BLE001 - a damaged entry: compile from source instead
        del _stored[key]
        return None
    _used[key] = None
    return built


def _save_at_exit() -> None:
    global _registered
    if not _registered:
        import atexit

        atexit.register(save)  # workers of a pool end without atexit: gongwen.api saves there
        _registered = True


def _remember(key: str, compiled: Any) -> Any:
    _save_at_exit()
    if len(_compiled) < MAX_ENTRIES:
        _compiled[key] = compiled
    return compiled


# --- programs as JSON ---------------------------------------------------------------------

def _ints(values) -> str:
    return base64.b64encode(array("I", values).tobytes()).decode("ascii")


def _from_ints(text: str) -> list[int]:
    out = array("I")
    out.frombytes(base64.b64decode(text))
    return out.tolist()


def _re_entry(pattern: str, flags: int, compiled) -> list | None:
    """What ``_sre.compile`` took to make ``compiled``, parsed again from source."""
    import re
    from re import _compiler, _parser  # the stdlib's own compiler, as re.compile calls it

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    indexgroup = [None] * parsed.state.groups
    for name, index in parsed.state.groupdict.items():
        indexgroup[index] = name
    entry = [int(flags | parsed.state.flags), _ints(code), parsed.state.groups - 1,
             dict(parsed.state.groupdict), indexgroup]
    return entry if _build_re(pattern, entry) == compiled == re.compile(pattern, flags) else None


def _build_re(pattern: str, entry: list):
    import _sre

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, _from_ints(code), groups, groupindex, tuple(indexgroup))


def _regex_entry(pattern: str, compiled) -> list | None:
    data = compiled._pickled_data  # what the pattern pickles to: regex's constructor arguments
    (source, flags, code, group_index, index_group, named_lists, named_list_indexes,
     req_offset, req_chars, req_flags, group_count) = data
    if source != pattern or named_lists or named_list_indexes:
        return None
    code = bytes(code) if isinstance(code, (bytes, bytearray)) else None
    if code is None:
        return None
    entry = [flags, base64.b64encode(code).decode("ascii"), group_index,
             {str(k): v for k, v in index_group.items()}, req_offset, list(req_chars), req_flags, group_count]
    return entry if _build_regex(pattern, entry)._pickled_data == data else None


def _build_regex(pattern: str, entry: list):
    from regex import _regex

    flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = entry
    return _regex.compile(pattern, flags, base64.b64decode(code), group_index,
                          {int(k): v for k, v in index_group.items()}, {}, [], req_offset,
                          tuple(req_chars), req_flags, group_count)


def recent_last(entries: dict[str, Any], used, fresh: dict[str, Any]) -> dict[str, Any]:
    """``entries`` (least recently used first) with the keys in ``used`` moved to the end, then
    ``fresh`` added, then the oldest dropped down to MAX_ENTRIES."""
    ordered = {key: entry for key, entry in entries.items() if key not in used and key not in fresh}
    ordered.update((key, entries[key]) for key in used if key in entries and key not in fresh)
    ordered.update(fresh)
    surplus = len(ordered) - MAX_ENTRIES
    return dict(list(ordered.items())[surplus:]) if surplus > 0 else ordered


# --- the file -----------------------------------------------------------------------------

def _path():
    import hashlib

    import _sre

    from gongwen.user_folder import user_folder

    versions = f"{_FORMAT} {sys.version} {_sre.MAGIC} {_sre.CODESIZE} {regex.__version__}"
    return user_folder() / f"patterns-{hashlib.sha1(versions.encode()).hexdigest()[:32]}.json"


def _read() -> dict[str, Any]:
    try:
        with open(_path(), encoding="utf-8") as f:
            entries = json.load(f)
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def save() -> None:
    """Add the programs of the patterns compiled in this process to the file (merged with
    what other processes wrote since: a file is replaced whole, never written in place), the
    entries this process used moved to the recent end and the least recently used dropped
    past MAX_ENTRIES; silently not if the folder cannot be written. A process that compiled
    nothing writes nothing, unless the file it read is over the bound: the order is brought up
    to date by the runs that compile."""
    global _stored
    if not _compiled and not _derived and len(_stored or ()) <= MAX_ENTRIES:
        return
    fresh = dict(_derived)
    _derived.clear()
    for key, compiled in _compiled.items():
        kind, flags, pattern = key.split(" ", 2)
        with contextlib.suppress(Exception):  # an engine whose internals moved: not kept
            entry = _re_entry(pattern, int(flags), compiled) if kind == "re" else _regex_entry(pattern, compiled)
            if entry is not None:
                fresh[key] = entry
    _compiled.clear()
    if not fresh and len(_stored or ()) <= MAX_ENTRIES:
        return
    path = _path()
    entries = recent_last(_read(), _used, fresh)
    _used.clear()
    _stored = entries  # what the file now holds: a later save (a pool worker's next chunk) starts from it
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as f:
            json.dump(entries, f)  # ASCII: a pattern may hold a lone surrogate
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError):  # not writable, or an entry JSON cannot hold: not kept
        with contextlib.suppress(OSError):
            os.unlink(temporary)
