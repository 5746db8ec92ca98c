"""Module-level patterns compiled the first time they are used, not when their module loads.

``regex`` parses a pattern in Python: the rule modules' ~240 module-level patterns cost about
0.15 CPU s to compile, and on a small file four in five of them are never tried (their rules'
triggers do not occur). ``lazy_regex.compile(...)`` takes the arguments of ``regex.compile``
and returns a stand-in that compiles on its first use; after that, the compiled pattern's
methods sit in the stand-in's own ``__dict__``, so a hot loop's ``P.search`` costs what it
cost on the compiled pattern (no ``__getattr__`` on the way).

Use it only for a pattern that is used through its methods and attributes (``search``,
``finditer``, ``sub``, ``pattern``…); a pattern handed to ``regex.sub(P, …)`` or tested with
``isinstance`` needs ``P.compiled``.

``lazy_regex.stdlib(...)`` is the like for the standard library's ``re``, for a pattern that
needs no ``regex`` syntax and is tried many times on short stretches (a call of ``re`` costs
about a third of ``regex``'s there). ``re`` compiles a class holding a CJK character in
~0.2 ms (it builds the class's 64K bitmap in Python), so these wait for their first use too.
"""
from __future__ import annotations

import re
from functools import cached_property, partial
from typing import Any

import regex

from gongwen.analysis import pattern_cache

# The names a compiled pattern answers to; after the first use each is an attribute of the
# stand-in itself.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "split", "splititer",
               "sub", "subf", "subn", "subfn", "scanner", "flags", "groups", "groupindex",
               "named_lists")


class LazyPattern:
    """A ``regex`` pattern compiled on first use (see the module's docstring)."""

    def __init__(self, pattern: str, flags: int = 0, **named_lists: Any) -> None:
        self.pattern = pattern  # the source, without compiling: patterns are built from others'
        self._args = (flags, named_lists)

    @cached_property
    def compiled(self) -> regex.Pattern:
        flags, named_lists = self._args
        compiled = pattern_cache.regex_compile(self.pattern, flags, **named_lists)
        for name in _ATTRIBUTES:
            self.__dict__[name] = getattr(compiled, name)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Called only for a name not yet in __dict__: the first use compiles.
        if name.startswith("__") or name not in _ATTRIBUTES:
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __reduce__(self):
        flags, named_lists = self._args
        return _rebuild, (self.pattern, flags, named_lists)

    def __repr__(self) -> str:
        return f"lazy_regex.compile({self.pattern!r})"


def _rebuild(pattern: str, flags: int, named_lists: dict[str, Any]) -> LazyPattern:
    return LazyPattern(pattern, flags, **named_lists)


def compile(pattern: str, flags: int = 0, **named_lists: Any) -> LazyPattern:  # noqa: A001 - regex's name
    """``regex.compile(pattern, flags, **named_lists)``, done on first use."""
    return LazyPattern(pattern, flags, **named_lists)


# The methods of a stdlib pattern that a stand-in answers to.
_RE_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "split", "sub", "subn", "scanner")


class LazyStdlibPattern:
    """A stdlib ``re`` pattern compiled on first use (see the module's docstring). Its methods
    are attributes of the instance from the start: stand-ins that compile on the first call,
    then the compiled pattern's own methods. No ``__getattr__``: on a class that has one every
    attribute lookup goes through the hook (~80 ns a call more, and 1 MB of 于202431在 makes
    two million calls)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        for name in _RE_METHODS:
            self.__dict__[name] = partial(self._first_call, name)

    def _first_call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return getattr(self.compiled, name)(*args, **kwargs)

    @cached_property
    def compiled(self) -> re.Pattern:
        compiled = pattern_cache.re_compile(self.pattern, self._flags)
        for name in _RE_METHODS:
            self.__dict__[name] = getattr(compiled, name)
        return compiled

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def __reduce__(self):
        return stdlib, (self.pattern, self._flags)

    def __repr__(self) -> str:
        return f"lazy_regex.stdlib({self.pattern!r})"


def stdlib(pattern: str, flags: int = 0) -> LazyStdlibPattern:
    """``re.compile(pattern, flags)`` (the standard library's engine), done on first use."""
    return LazyStdlibPattern(pattern, flags)
