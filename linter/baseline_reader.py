"""A baseline's fingerprints, read as the file is read: never the whole file at once.

A baseline of 300,000 findings is 42 MB; read whole, decoded whole and parsed, it took
147 MB at the peak, though the run keeps only the fingerprints (0.7× the file). The json
module cannot parse a document piece by piece, but a baseline has a known shape: one
object whose ``findings`` is an array of small objects. This reader walks that shape itself
(the braces, brackets, commas and colons between values) and hands each value — an entry,
a key, ``format``'s string — to json's own scanner, in a buffer of a quarter megabyte that
is refilled as it goes. A value cut by the buffer's end fails to scan and is scanned again
with more of the file (the read doubles while it fails, so a huge value costs linear time).

It answers only for a well-formed baseline of that shape: ``None`` for anything else (bad
JSON, another shape, a key given twice, an entry without a string fingerprint, a file that
is not a regular file or is over the cap, bytes that are not UTF-8). The caller then reads
the file whole, and the verdict and its message are the plain reader's own: whatever this
reader returns is what ``json.loads`` gives (tests/test_baseline_reader.py).
"""
from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path
from typing import Iterator
from gongwen.analysis import pattern_cache

CHUNK = 1 << 18  # bytes read at a time: the buffer, not the file, is what the reader holds
_SPACE = pattern_cache.re_compile(r"[ \t\n\r]*")  # JSON's whitespace, all of it (json.decoder.WHITESPACE)


class Fingerprint(str):
    """A finding's entry as the reader keeps it: its fingerprint alone."""

    __slots__ = ()


def entry(pairs: list[tuple[str, object]]) -> dict | Fingerprint:
    """Each JSON object as it is read (``object_pairs_hook``): an entry (an object with a
    string fingerprint) is kept as its fingerprint, anything else as a dict. Entries as dicts
    of four strings took about six times the file's size in memory (a 1 GB baseline is
    allowed); the code, path and text are only for people reading the file."""
    found = dict(pairs)
    fingerprint = found.get("fingerprint")
    return Fingerprint(fingerprint) if isinstance(fingerprint, str) else found


class _Unusual(Exception):
    """Not a file for this reader: the plain one decides."""


def fingerprints(path: Path, limit: int, fmt: str, version: int, chunk: int = CHUNK) -> frozenset[str] | None:
    """The fingerprints of the baseline at ``path`` (its ``format`` ``fmt`` and its
    ``version``), or None when the file is not a plain well-formed baseline of at most
    ``limit`` bytes."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # a FIFO could block, a device never end
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the stat
            return None
        return frozenset(_Walk(fd, limit, chunk).baseline(fmt, version))
    except (_Unusual, OSError, ValueError, RecursionError):  # ValueError: not UTF-8, too many digits
        return None
    finally:
        os.close(fd)


class _Walk:
    """The file's text from ``fd`` in a buffer, walked from ``pos``."""

    def __init__(self, fd: int, limit: int, chunk: int) -> None:
        self.fd, self.limit, self.chunk = fd, limit, chunk
        self.decode = codecs.getincrementaldecoder("utf-8-sig")().decode  # the plain reader's codec
        self.scan = json.JSONDecoder(object_pairs_hook=entry).scan_once  # raw_decode without its wrapper
        self.buf, self.pos, self.read, self.ended = "", 0, 0, False

    def _more(self) -> bool:
        """Add the next part of the file to the buffer (dropping what was walked), at least
        as much as the buffer still holds; False at the end of the file."""
        if self.ended:
            return False
        data = os.read(self.fd, max(self.chunk, 2 * (len(self.buf) - self.pos)))
        self.read += len(data)
        if self.read > self.limit:
            raise _Unusual()
        self.ended = not data
        text = self.decode(data, final=self.ended)
        self.buf = self.buf[self.pos:] + text if self.pos < len(self.buf) else text
        self.pos = 0
        return True

    def char(self) -> str:
        """The next character that is not whitespace (not taken), or "" at the end."""
        pos = _SPACE.match(self.buf, self.pos).end()
        while pos == len(self.buf):
            self.pos = pos
            if not self._more():
                return ""
            pos = _SPACE.match(self.buf, self.pos).end()
        self.pos = pos
        return self.buf[pos]

    def take(self, expected: str) -> None:
        if self.char() != expected:
            raise _Unusual()
        self.pos += 1

    def value(self) -> object:
        """The JSON value that comes next, scanned by json. One that ends near the buffer's
        end may go on in the file (a number: 12|34, 1|.5, 1|e+5) and is scanned again with more."""
        self.char()
        while True:
            try:
                found, end = self.scan(self.buf, self.pos)
            except (json.JSONDecodeError, StopIteration):  # StopIteration: no value starts here
                if self._more():
                    continue
                raise _Unusual() from None
            if len(self.buf) - end < 3 and self._more():  # "e+" and a digit: the longest a number goes on
                continue
            self.pos = end
            return found

    def _items(self, close: str) -> Iterator[None]:
        """Once per item of the array or object just opened, until ``close``."""
        if self.char() == close:
            self.pos += 1
            return
        while True:
            yield
            following = self.char()
            self.pos += 1
            if following == close:
                return
            if following != ",":
                raise _Unusual()

    def baseline(self, fmt: str, version: int) -> Iterator[str]:
        """The fingerprints of the one object the file holds, as they come; raises _Unusual
        at the end if that object is not a baseline."""
        self.take("{")
        top: dict[str, object] = {}
        for _ in self._items("}"):
            key = self.value()
            # Not a string (an entry read as its fingerprint is a str subclass): not JSON. A key
            # given twice: json keeps the last value. A "fingerprint" makes the whole an entry.
            if type(key) is not str or key in top or key == "fingerprint":
                raise _Unusual()
            self.take(":")
            if key == "findings":
                top[key] = None
                self.take("[")
                for _ in self._items("]"):
                    found = self.value()
                    if not isinstance(found, Fingerprint):
                        raise _Unusual()
                    yield str(found)  # a plain string: smaller than the subclass, kept all run
            else:
                found = self.value()
                top[key] = found if key in ("format", "version") else None  # the rest is not kept
        if self.char() != "":
            raise _Unusual()
        if top.get("format") != fmt or type(top.get("version")) is not int or top["version"] != version:
            raise _Unusual()
