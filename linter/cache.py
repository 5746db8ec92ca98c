"""Findings of unchanged files, kept between runs (``--cache-dir``, ``--no-cache``).

A site that changes a little every day is mostly the same pages: a page whose content, rule
set and configuration are all unchanged gives the same findings, so they are read back
instead of linted again. The key is a SHA-256 of

* the **rule set**: gongwen's version, the bytes of every file of the ``gongwen`` and
  ``gongwen.rules`` packages (code and word lists: any rule change) and of the module and the
  top-level package of each rule from another pack, each rule class's plain data (a config
  ``[[terms]]`` rule's words), and the settings (selected rules, severities, rule options, per-file ignores, ``allow``);
* the **document as read**: its name, format, text, source, position map and regions — all a
  finding depends on. Reading is still done (the output needs the document); linting, the
  expensive part, is not.

An entry is the pickled list of diagnostics, written atomically, one file per key, under a
folder per rule set, after an HMAC-SHA256 of it under a key of the user's own (``cache-key``
in the user's cache folder, ``$XDG_CACHE_HOME/gongwen`` or ``~/.cache/gongwen``, readable
by the user only). The folder lives in the project, so a checked-out repository can ship
one: unpickling what it holds would run whatever code it names. An entry whose MAC does not
verify is a miss and is never unpickled; without a key of its own (no writable home) the
cache is off. Like ``.ruff_cache``, the folder holds a ``.gitignore`` of ``*`` and a
``CACHEDIR.TAG``; a folder that already holds other files and no CACHEDIR.TAG (``--cache-dir .``)
is not made a cache. A cache that cannot be written is skipped silently: it only saves time.
"""
from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gongwen import __version__
from gongwen.sources import CACHEDIR_SIGNATURE, read_regular
from gongwen.user_folder import user_folder

if TYPE_CHECKING:
    from gongwen.diagnostic import Diagnostic
    from gongwen.document import Document
    from gongwen.engine import Linter

DEFAULT_DIR = ".gongwen_cache"
KEY_BYTES = 32
_TAG = f"{CACHEDIR_SIGNATURE}\n# gongwen's cache of findings: safe to delete.\n"


def _package_files(roots: set[Path] = frozenset()) -> list[Path]:
    """Every file of gongwen's two packages and of the folders ``roots``."""
    import gongwen
    import gongwen.rules

    roots = {Path(gongwen.__file__).parent, Path(gongwen.rules.__file__).parent, *roots}
    return sorted(p for root in roots for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def _pack_root(rule: type) -> Path | None:
    """The folder of the regular package at the top of a rule's module path (``mypack`` for
    ``mypack.rules.words``): its helper modules and word lists decide the findings as much as
    the rule's own module, whose bytes alone were keyed — a pack's edited word list kept
    its old, clean findings. None for a top-level module or a namespace package (its own
    file only: the folder holding it may be all of site-packages)."""
    top = sys.modules.get(rule.__module__.partition(".")[0])
    init = getattr(top, "__file__", None)
    if top is None or not hasattr(top, "__path__") or not init:
        return None
    return Path(init).parent


_PLAIN = (str, int, float, bool, tuple, list, dict, frozenset, set)


def _stable(value: object) -> object:
    """A JSON stand-in that is the same in every process (no set order, no object address)."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, value))
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def ruleset_key(linter: "Linter") -> str:
    """What decides the findings of a given document, as a hex digest."""
    digest = hashlib.sha256(__version__.encode())
    files, roots = set(), set()
    for rule in linter.rules:
        try:
            files.add(Path(inspect.getfile(type(rule))))
        except (TypeError, OSError):  # a rule defined interactively: its code is unknown
            digest.update(repr(type(rule)).encode())
        if (root := _pack_root(type(rule))) is not None:
            roots.add(root)
    files.update(_package_files(roots))
    for path in sorted(files):
        try:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(path.as_posix().encode())
    for rule in linter.rules:  # rules built from data (config [[terms]]) carry it as class attributes
        data = {k: v for k, v in vars(type(rule)).items() if not k.startswith("_") and isinstance(v, _PLAIN)}
        digest.update(json.dumps([rule.code, data], sort_keys=True, ensure_ascii=False, default=_stable).encode())
    s = linter.settings
    settings = {
        "rules": [[r.code, str(s.severity.get(r.code, r.severity)), s.rule_options.get(r.code, {})]
                  for r in linter.rules],
        "per-file-ignores": {g: sorted(c) for g, c in s.per_file_ignores.items()},
        "allow": s.allow,
        # how many findings per rule are kept, and whether a baseline judges them after: a run
        # with a baseline read the capped findings a run without one had cached
        "cap": [s.max_per_rule, linter.baseline_follows],
    }
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()


def document_key(doc: "Document") -> str:
    digest = hashlib.sha256()
    for part in (doc.path, doc.format, doc.text, doc.source or "", repr(doc.regions),
                 repr((doc.offset_map._proj, doc.offset_map._src, doc.offset_map._ends))):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class Cache:
    """Picklable (it travels to worker processes): a folder and the rule set's key."""

    def __init__(self, folder: Path, linter: "Linter") -> None:
        self.root = Path(folder)
        self.folder = self.root / ruleset_key(linter)[:32]
        self.hits = 0
        self.key = user_key()  # None: no key of the user's own, so nothing is read or written

    def _linked(self) -> bool:
        """Whether the cache folder or its rule-set folder is a symbolic link: a checked-out
        tree could point ``.gongwen_cache`` anywhere (a link to /etc had its markers and
        entries written there), so such a cache is not used."""
        return os.path.islink(self.root) or os.path.islink(self.folder)

    def _mac(self, data: bytes) -> bytes:
        return hmac.new(self.key, data, hashlib.sha256).digest()

    def _entry(self, doc: "Document") -> Path:
        return self.folder / f"{doc.memo(document_key)}.pickle"  # memo: asked by holds, then lint

    def holds(self, doc: "Document") -> bool:
        """Whether ``lint`` may read ``doc``'s findings back (an entry was written for it)."""
        return self.key is not None and not self._linked() and self._entry(doc).is_file()

    def lint(self, doc: "Document", linter: "Linter") -> "list[Diagnostic]":
        entry = self._entry(doc)
        try:
            if self.key is not None and not self._linked():
                raw = _read_entry(entry)
                tag, data = raw[:KEY_BYTES], raw[KEY_BYTES:]
                if hmac.compare_digest(tag, self._mac(data)):  # never unpickle what we did not write
                    found = pickle.loads(data)
                    self.hits += 1
                    return found
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
        from gongwen.api import lint_document
        from gongwen.faults import is_fault

        found = lint_document(doc, linter)
        # A crash is not a finding of this text: it may not recur (a fixed rule pack, a
        # worker that ran out of memory) and --verbose must be able to show its traceback.
        if not any(is_fault(d.code) for d in found):
            self._store(entry, found)
        return found

    def _store(self, entry: Path, found: "list[Diagnostic]") -> None:
        import tempfile  # here, not at the top: a run served from the cache writes nothing

        if self.key is None or self._linked():
            return
        try:
            if not self.folder.is_dir():
                self._create()
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                data = pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)
                out.write(self._mac(data) + data)
            os.replace(temporary, entry)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass

    def _create(self) -> None:
        """The rule set's folder, and the markers in the cache folder: only in one that is
        new, empty or already a cache (it holds a CACHEDIR.TAG). ``--cache-dir .`` wrote a
        ``.gitignore`` of ``*`` into the project itself: git saw none of its files any more,
        and every later run checked none (a pass with --allow-empty, as pre-commit runs it)."""
        try:
            with os.scandir(self.root) as listing:
                foreign = any(listing) and not (self.root / "CACHEDIR.TAG").is_file()
        except FileNotFoundError:
            foreign = False
        if foreign:
            raise OSError(f"{self.root}: holds other files and is not a cache folder")
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "# Automatically created by gongwen.\n*\n"), ("CACHEDIR.TAG", _TAG)):
            try:  # never through a link (one that dangles would create its target)
                fd = os.open(self.root / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)


MAX_ENTRY = 256 * 1024 * 1024  # findings are capped per rule: an entry is far smaller


def _read_entry(entry: Path) -> bytes:
    """An entry's bytes, only from a regular file reached without a link: a planted link to
    /dev/zero or a FIFO would never end. Raises OSError."""
    return read_regular(entry, MAX_ENTRY)


def user_key() -> bytes | None:
    """The user's own secret for cache entries: read from, or created (0600) in, the user's
    cache folder. None when there is none and it cannot be made, or when the key's place
    holds a FIFO, a device or a folder: a FIFO there held every run for ever."""
    path = _key_path()
    try:
        key = _read_key(path)
        if len(key) == KEY_BYTES:
            return key
    except _NotAFile:
        return None
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(KEY_BYTES)
        temporary = path.with_name(f"cache-key.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        os.replace(temporary, path)  # two first runs at once: the last one's key stays
        key = _read_key(path)
        return key if len(key) == KEY_BYTES else None
    except OSError:
        return None


def _key_path() -> Path:
    return user_folder() / "cache-key"


class _NotAFile(OSError):
    pass


def _read_key(path: Path) -> bytes:
    """The key file's first bytes, only from a regular file (opened without waiting, so a
    FIFO is seen, not read). Raises OSError; _NotAFile for anything but a regular file."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotAFile(f"{path}: not a regular file")
        return handle.read(KEY_BYTES + 1)
