"""Arrays derived from data files, kept between runs in the user's cache folder (beside
``gongwen.cache``'s key: ``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``) as one ``.npy``
file each in a folder named by a key of what they are derived from, and memory-mapped when
read back: a process touches only the pages it asks about, and several processes share them.

A folder is written whole under a temporary name and renamed into place, so a folder under
its key is complete; a run that cannot write there (no home, read-only) builds the arrays
every time. The files are read without pickle, so a folder planted there runs no code.
Writing a key's folder removes the folders of the same kind under other keys (the data
they were derived from has changed: each is tens of MB) but the one used last.

They are not findings: a key names exactly the data they derive from, so they cannot make a
result stale. So ``--no-cache``, which turns off the findings cache, leaves them in use. Set ``XDG_CACHE_HOME`` elsewhere to keep them out of
the home folder."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from gongwen.user_folder import superseded, user_folder
from gongwen.analysis import pattern_cache

# The folders this module makes: "<kind>-<32 hex digits of the key>". Only such folders of the
# same kind are ever removed, never another program's or a temporary one being written.
_FOLDER = pattern_cache.re_compile(r"(?P<kind>[a-z][a-z0-9-]*)-[0-9a-f]{32}")


def folder(key: str) -> Path:
    return user_folder() / key


def exists(key: str) -> bool:
    return folder(key).is_dir()


def load(np, key: str, names: tuple[str, ...]) -> dict | None:
    """The arrays saved under ``key`` by these names, memory-mapped read-only; None if the
    folder or one of them is missing or unreadable."""
    where = folder(key)
    try:
        # np.asarray: a plain array over the mapping (numpy.memmap's subclass hooks cost on
        # every operation)
        arrays = {name: np.asarray(np.load(where / f"{name}.npy", mmap_mode="r", allow_pickle=False))
                  for name in names}
    except (OSError, ValueError):
        return None
    with contextlib.suppress(OSError):
        os.utime(where)  # its time is when it was last used (``_remove_others`` keeps the recent)
    return arrays


# The ``.npy`` types ``mapped`` takes, each as the buffer format a memoryview casts to, by
# numpy's description of the type.
_BUFFER_FORMATS = {"<i8": "q", "|b1": "?", "|i1": "b", "<u8": "Q", "<u2": "H", "|u1": "B"}


def mapped(key: str, names: tuple[str, ...]) -> dict | None:
    """The arrays kept under ``key`` by these names, memory-mapped as flat memoryviews without
    numpy (numpy's import alone is ~0.1 s, more than a whole screen of 1,000 files): None if
    the folder is not to be read (not there, a big-endian machine) or one file is not a plain
    little-endian flat array of a known type — the caller then goes numpy's way."""
    import ast
    import mmap
    import sys

    if sys.byteorder != "little" or not exists(key):
        return None
    parts = {}
    try:
        for name in names:
            with open(folder(key) / f"{name}.npy", "rb") as f:
                data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            parts[name] = _npy_array(memoryview(data), ast)
    except (OSError, ValueError, SyntaxError, KeyError, TypeError):
        return None
    return parts


def _npy_array(data: memoryview, ast) -> memoryview:
    """The array of a ``.npy`` file's bytes (format 1.0-3.0: magic, version, header length,
    a dict literal with descr, fortran_order and shape, then the data)."""
    if bytes(data[:6]) != b"\x93NUMPY" or data[6] not in (1, 2, 3):
        raise ValueError("not a .npy file")
    size_bytes = 2 if data[6] == 1 else 4
    length = int.from_bytes(data[8:8 + size_bytes], "little")
    start = 8 + size_bytes + length
    header = ast.literal_eval(bytes(data[8 + size_bytes:start]).decode("latin-1"))
    (count,) = header["shape"]
    view = data[start:].cast("B")
    items = view.cast(_BUFFER_FORMATS[header["descr"]])
    if header["fortran_order"] or len(items) != count:
        raise ValueError("not a flat array")
    return items


def save(np, key: str, arrays: dict) -> None:
    """Keep ``arrays`` under ``key`` in place of a folder ``load`` could not read (damaged
    since: else every process would build the arrays again) and remove the same kind's
    folders under other keys but the last used; silently not if the cache folder cannot be
    written."""
    import shutil  # not at import: it brings bz2 and lzma, which a run that never saves needs not

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
        return
    _remove_others(final)


def _remove_others(kept: Path) -> None:
    """Remove the folders of ``kept``'s kind under other keys but the one used last
    (``user_folder.superseded``). A process still mapping a removed one keeps its mapping (the
    files are unlinked, not truncated)."""
    import shutil

    for path in superseded(kept, _FOLDER, "kind", folders=True):
        shutil.rmtree(path, ignore_errors=True)
