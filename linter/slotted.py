"""Constructors of slotted dataclasses that fill the slots in one C call (gongwen._slots).

A frozen dataclass's ``__init__`` sets each field from a Python frame, a descriptor call per
field; the objects built for every finding (Diagnostic, Fix, Edit) and for every number the
analysis layers read (Numeral, Quantity, Figure) were built that way, or by hand-written
copies of the same setter calls, thousands per document. ``positional(cls)`` gives a callable
that takes every field, in order, and builds the same instance without the frame.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, Callable

try:
    from gongwen import _slots
except ImportError:  # not built (no C compiler at install): the setters, from Python
    _slots = None


def positional(cls: type) -> Callable[..., Any]:
    """A constructor of the slotted dataclass ``cls`` that takes every field, positionally and
    in order (no defaults, no keywords), and fills its slots in one C call. Without the C
    module, a Python function that calls each slot's own setter on ``object.__new__(cls)``
    (half the cost of a frozen dataclass's __init__, which goes through object.__setattr__);
    for a class neither takes (a field that is not the class's own slot, a __post_init__ to
    run), the class itself, whose __init__ takes the same arguments.
    tests/test_diagnostic_init.py compares them."""
    if hasattr(cls, "__post_init__"):
        return cls
    try:
        names = tuple(f.name for f in fields(cls))
    except TypeError:  # not a dataclass
        return cls
    if _slots is not None:
        try:
            return _slots.builder(cls, names)
        except TypeError:
            return cls
    return _by_setters(cls, names)


def _by_setters(cls: type, names: tuple[str, ...]) -> Callable[..., Any]:
    setters = [getattr(vars(cls).get(name), "__set__", None) for name in names]
    if any(s is None or type(vars(cls)[name]).__name__ != "member_descriptor" for s, name in zip(setters, names)):
        return cls
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body = []
    for i, setter in enumerate(setters):
        scope[f"_s{i}"] = setter
        body.append(f"    _s{i}(o, a{i})\n")
    params = ", ".join(f"a{i}" for i in range(len(names)))
    exec(f"def make({params}):\n    o = _new(_cls)\n{''.join(body)}    return o\n", scope)
    make = scope["make"]
    make.__qualname__ = f"positional({cls.__qualname__})"
    return make
