"""held_signals.held blocks the terminating signals for its body and restores the mask after,
nested or not, through the C ``_signal.pthread_sigmask`` (round 28: ``signal``'s Python wrapper
turned the mask into Signals members at every exit, an Enum call each, for every file part a
report writes)."""
from __future__ import annotations

import signal
import threading

import pytest

from gongwen import held_signals

pytestmark = pytest.mark.skipif(not held_signals.CAN_HOLD, reason="POSIX signal masks")


def _mask() -> set[int]:
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_the_body_runs_with_the_terminating_signals_blocked_and_the_mask_comes_back():
    before = _mask()
    with held_signals.held():
        inside = _mask()
        with held_signals.held():
            assert _mask() == inside
        assert _mask() == inside  # the inner exit restored the outer's mask
    assert set(held_signals.TERMINATING) <= inside
    assert _mask() == before
    with pytest.raises(ZeroDivisionError):
        with held_signals.held():
            1 / 0
    assert _mask() == before


def test_a_signal_that_comes_inside_is_delivered_on_leaving():
    got = []
    old = signal.signal(signal.SIGHUP, lambda *_: got.append(1))
    try:
        with held_signals.held():
            # to this thread: sent to the process, another thread (pytest-xdist's) takes it
            signal.pthread_kill(threading.get_ident(), signal.SIGHUP)
            assert got == []
        assert got == [1]
    finally:
        signal.signal(signal.SIGHUP, old)


def test_holding_asks_the_c_function_not_the_enum_wrapper(monkeypatch):
    def wrapper(*_):
        raise AssertionError("signal.pthread_sigmask (the Python wrapper) called")

    monkeypatch.setattr(signal, "pthread_sigmask", wrapper)
    with held_signals.held():
        pass
