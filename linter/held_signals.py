"""Holding the signals that end a run while a step must not be cut in two.

A default SIGTERM kills at once, and a Python handler (Ctrl-C's KeyboardInterrupt, the
CLI's Terminated) raises wherever the main thread happens to be: between a temporary's
creation and its rename, between a report's opening bytes and the flag that says they
were written, inside a fork's at-fork handlers (where the exception is printed as
"Exception ignored" and lost). Blocked with ``pthread_sigmask``, the signal waits in the
kernel and is delivered when the step is over, as if it had come a moment later.
"""
from __future__ import annotations

import signal

import _signal

# Signals that end a run by default; SIGKILL cannot be held, nothing can survive it.
TERMINATING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
                    if hasattr(signal, name))
CAN_HOLD = hasattr(signal, "pthread_sigmask")
# The C function itself: ``signal.pthread_sigmask`` is a Python wrapper that turns the mask it
# gives back into a set of Signals members, an Enum call each (the four held ones at every
# exit: ~40,000 instructions, for every file part a report writes). The mask it takes is the
# same either way (Signals are ints).
_sigmask = getattr(_signal, "pthread_sigmask", None)


class held:
    """``with held():`` runs the body with ``TERMINATING`` blocked in this thread (threads it
    starts inherit the block); one that arrived meanwhile is delivered on leaving. Nesting is
    harmless: the inner exit restores the outer's mask. (A class, not a generator made into a
    context manager: entered once per file part written.)"""

    __slots__ = ("_before",)

    def __enter__(self) -> None:
        if CAN_HOLD:
            self._before = _sigmask(signal.SIG_BLOCK, TERMINATING)

    def __exit__(self, *exc: object) -> None:
        if CAN_HOLD:
            _sigmask(signal.SIG_SETMASK, self._before)  # a held signal is delivered now
