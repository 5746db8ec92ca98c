"""The user's own cache folder, apart from ``gongwen.cache``: TYP013's arrays
(``gongwen.analysis.array_cache``) and the compiled patterns (``gongwen.analysis.pattern_cache``)
are read from it in runs with ``--no-cache`` too; importing the findings cache only to find the
folder cost such a run ~1.6 ms, and the modules that compile patterns as they load cannot import
it (it imports ``sources``, which imports ``document``)."""
from __future__ import annotations

import os
from pathlib import Path


def user_folder() -> Path:
    """The user's own cache folder, ``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``
    (the secret key, and arrays derived from data files: gongwen.analysis.array_cache). A
    relative XDG_CACHE_HOME is ignored, as the XDG specification says: it put the secret key
    inside whatever folder the run was started in (a checked tree, a repository)."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "gongwen"


# How many entries of a kind under other keys a cache keeps beside the one it wrote: the last
# used. Two installed versions used in turn (a pinned pre-commit hook and a development copy)
# would otherwise remove each other's entries and build them again on every run.
KEPT_OTHERS = 1


def superseded(kept: Path, named, kind: str, folders: bool) -> list[str]:
    """The paths beside ``kept`` that ``named`` (a compiled pattern with a group ``kind``)
    names as the same kind as ``kept`` under other keys, less the KEPT_OTHERS used last (by
    their time, which a cache sets when it reads an entry): what the cache may remove. Only
    folders (``folders``) or only files, never a link; only names the pattern matches whole,
    so another program's files and a temporary one being written are never among them."""
    mine = named.fullmatch(kept.name)
    if mine is None:
        return []
    others = []
    try:
        for entry in os.scandir(kept.parent):
            other = named.fullmatch(entry.name)
            if (other is not None and other[kind] == mine[kind] and entry.name != kept.name
                    and (entry.is_dir(follow_symlinks=False) if folders else entry.is_file(follow_symlinks=False))):
                others.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
    except OSError:
        return []
    return [path for _, path in sorted(others, reverse=True)[KEPT_OTHERS:]]
