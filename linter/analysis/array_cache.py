"""Arrays derived from data files, kept between runs in the user's cache folder (beside
``gongwen.cache``'s key: ``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``) as one ``.npy``
file each in a folder named by a key of what they are derived from, and memory-mapped when
read back: a process touches only the pages it asks about, and several processes share them.

A folder is written whole under a temporary name and renamed into place, so a folder under
its key is complete; a run that cannot write there (no home, read-only) builds the arrays
every time. The files are read without pickle, so a folder planted there runs no code."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def folder(key: str) -> Path:
    from gongwen.cache import _key_path  # the user's cache folder, by the XDG rules it follows

    return _key_path().parent / key


def exists(key: str) -> bool:
    return folder(key).is_dir()


def load(np, key: str, names: tuple[str, ...]) -> dict | None:
    """The arrays saved under ``key`` by these names, memory-mapped read-only; None if the
    folder or one of them is missing or unreadable."""
    where = folder(key)
    try:
        # np.asarray: a plain array over the mapping (numpy.memmap's subclass hooks cost on
        # every operation)
        return {name: np.asarray(np.load(where / f"{name}.npy", mmap_mode="r", allow_pickle=False)) for name in names}
    except (OSError, ValueError):
        return None


def save(np, key: str, arrays: dict) -> None:
    """Keep ``arrays`` under ``key`` in place of a folder ``load`` could not read (damaged
    since: else every process would build the arrays again), silently not if the cache
    folder cannot be written."""
    final = folder(key)
    temporary = final.with_name(f"{final.name}.{os.getpid()}.tmp")
    try:
        temporary.mkdir(parents=True, exist_ok=True)
        for name, array in arrays.items():
            np.save(temporary / f"{name}.npy", array, allow_pickle=False)
        shutil.rmtree(final, ignore_errors=True)  # a process that mapped it keeps its mapping
        os.replace(temporary, final)  # two first runs at once: one folder wins, whole
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
