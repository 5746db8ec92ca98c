"""The ``.toml`` tables of ``rules/data`` as parsed, kept between runs in the user's cache
folder (``gongwen.user_folder``) as JSON.

``tomllib`` parses in Python: the six tables a default run reads (~30 KB) cost ~110 M
instructions a process, a seventh of checking one small file (benchmarks/speed/NOTES.md, round
24), and importing it 16 M more; the values are the same every time. ``json`` reads them back
in C for a few per cent of that. A table's file is named by a digest of the TOML's text
(``table-<stem>-<32 hex>.json``): an edited table has another name, so a kept file is never
stale, and writing one removes the same table's files under other names but the last used
(two installations used in turn keep theirs). TOML's dates and times are written as an object
of one key (``{"\\u0000date": "2024-05-01"}``), read back by ``json``'s object hook. A file is
written whole under a temporary name and renamed into place, only when it reads back equal to
what tomllib parsed (a table holding such an object itself is parsed every time), and read without pickle or
marshal (a file planted there runs no code); only a JSON object is taken, anything else is
parsed from the TOML again and written over. Like the arrays and the compiled patterns these
are not findings: ``--no-cache`` leaves them in use; a run that cannot read or write the
folder parses as before.

``derived`` keeps other values built from data files the same way, named by the files' stamps
(``stamp``: size, times and inode, read without reading the file) where a digest of their text
would mean reading and hashing them in every process.
"""
from __future__ import annotations

import contextlib
import json
import os
import stat
from typing import Any, Callable

from gongwen.analysis import pattern_cache
from gongwen.user_folder import superseded, user_folder

_FORMAT = 1  # what the files hold; a change of it names every file anew
# The files this module writes; only these are ever removed, never another program's.
_NAMED = pattern_cache.re_compile(r"table-(?P<stem>.+)-[0-9a-f]{32}\.json")


# TOML's date and time values, as JSON objects of one key: a TOML key can hold U+0000 only
# written as an escape, and a table that does is never kept (it would not read back equal).
_TAGS = {"\x00date": "date", "\x00datetime": "datetime", "\x00time": "time"}


def _tagged(value):
    import datetime

    for tag, kind in _TAGS.items():
        if type(value) is getattr(datetime, kind):
            return {tag: value.isoformat()}
    raise TypeError(type(value).__name__)


def _untagged(obj: dict):
    if len(obj) == 1:
        for tag, written in obj.items():
            kind = _TAGS.get(tag)
            if kind is not None and type(written) is str:
                import datetime

                return getattr(datetime, kind).fromisoformat(written)
    return obj


def file_name(name: str, text: str) -> str:
    """The cache file of the table ``name`` (``unit_words.toml``) whose text is ``text``."""
    import hashlib  # already imported by every run that compiles a pattern (pattern_cache)

    digest = hashlib.blake2b(f"{_FORMAT}\n{text}".encode("utf-8", "surrogatepass"), digest_size=16)
    return f"table-{name.rsplit('.', 1)[0]}-{digest.hexdigest()}.json"


def parsed(name: str, text: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` of the table ``name``: read from the cache folder when it holds
    it, else parsed and kept there."""
    path = user_folder() / file_name(name, text)
    table = _read(path)
    if table is not None:
        return table
    import tomllib

    table = tomllib.loads(text)
    _save(path, table)
    return table


def stamp(path) -> str | None:
    """What names the version of the file at ``path`` without reading it: its size, its times
    of last change (the content's, ``mtime_ns``, and the inode's, ``ctime_ns``, which no copy
    that keeps the first can set back) and its device and inode (a file replaced by another has
    another); None if it is not a file on disk (a package in a zip). A file written over in place
    with the same size within one tick of the clock keeps its stamp: an installed data file is
    never written so (pip and git write a new file)."""
    try:
        st = os.stat(path)
    except (OSError, TypeError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_dev}:{st.st_ino}"


def derived(kind: str, version: int, stamps: list[str | None], build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``build()``, a JSON object built by code at ``version`` from files whose ``stamp``s are
    ``stamps``, read from the cache folder when it holds the one built from the files so
    stamped, else built and kept there (``table-<kind>-<32 hex>.json``). Each stamp must be
    taken before ``build`` reads its file (``lexicon.stamp``): a file changed in between
    leaves a kept file under a stamp no file has any more, never old content under the new
    stamp. Built every time when a file has no stamp."""
    if None in stamps:
        return build()
    import hashlib

    named = "\n".join([str(_FORMAT), kind, str(version), *stamps])
    digest = hashlib.blake2b(named.encode(), digest_size=16)
    path = user_folder() / f"table-{kind}-{digest.hexdigest()}.json"
    value = _read(path)
    if value is None:
        value = build()
        _save(path, value)
    return value


def _read(path) -> dict[str, Any] | None:
    """The JSON object kept at ``path``, None if it is missing or is not one (damaged)."""
    with contextlib.suppress(OSError, ValueError, RecursionError):
        with open(path, encoding="utf-8") as f:
            value = json.load(f, object_hook=_untagged)
        if type(value) is dict:
            with contextlib.suppress(OSError):
                os.utime(path)  # its time is when it was last used (``_remove_others`` keeps the recent)
            return value
    return None


def _save(path, table: dict[str, Any]) -> None:
    try:
        written = json.dumps(table, ensure_ascii=False, allow_nan=False, default=_tagged)
    except (TypeError, ValueError):  # an infinity, a NaN: parsed every time
        return
    if json.loads(written, object_hook=_untagged) != table:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(written)
        os.replace(temporary, path)
    except OSError:  # not writable: parsed every time
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    _remove_others(path)


def _remove_others(kept) -> None:
    """Remove the files of ``kept``'s table under other digests but the last used
    (``user_folder.superseded``)."""
    for other in superseded(kept, _NAMED, "stem", folders=False):
        with contextlib.suppress(OSError):
            os.unlink(other)
