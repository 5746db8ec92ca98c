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
from contextlib import contextmanager
from typing import Iterator

# Signals that end a run by default; SIGKILL cannot be held, nothing can survive it.
TERMINATING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
                    if hasattr(signal, name))
CAN_HOLD = hasattr(signal, "pthread_sigmask")


@contextmanager
def held() -> Iterator[None]:
    """The body runs with ``TERMINATING`` blocked in this thread (threads it starts inherit
    the block); one that arrived meanwhile is delivered on leaving. Nesting is harmless:
    the inner exit restores the outer's mask."""
    if not CAN_HOLD:
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, TERMINATING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)  # a held signal is delivered now
