"""When part of a run fails: a file's reader, a rule, an output writer, a fix or a worker.

Each failure becomes one error diagnostic on the file it happened to (LNT903–LNT907): a
gate still fails, every other file and every other rule is still checked, and the output
stays one complete JSON/SARIF/JUnit document. The message names the file, the rule or the
stage, and a short reason; the traceback is added as a note only with ``--verbose``.

The test suite runs strict (``GONGWEN_RAISE_ON_CRASH=1``, set in ``tests/conftest.py``):
there a failure raises, so isolation can never hide a bug a test should see. Both switches
are environment variables so that worker processes and subprocesses inherit them.

A file whose lint spends more than its CPU time budget (``time-budget`` in the
configuration, GONGWEN_TIME_BUDGET) is stopped and reported as LNT910: a rule pack that
loops, or a pattern that backtracks without end, used to hold the whole run for ever.
"""
from __future__ import annotations

import math
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, NamedTuple

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Document, Location
from gongwen.sources import InputProblem


class Fault(NamedTuple):
    code: str
    name: str


RULE_CRASHED = Fault("LNT903", "rule-crashed")
READER_CRASHED = Fault("LNT904", "reader-crashed")
WRITER_CRASHED = Fault("LNT905", "writer-crashed")
WORKER_DIED = Fault("LNT906", "worker-died")
FIX_CRASHED = Fault("LNT907", "fix-crashed")
OVER_BUDGET = Fault("LNT910", "over-time-budget")
FAULTS = {f.code: f for f in (RULE_CRASHED, READER_CRASHED, WRITER_CRASHED, WORKER_DIED, FIX_CRASHED,
                              OVER_BUDGET)}

STRICT_ENV = "GONGWEN_RAISE_ON_CRASH"
VERBOSE_ENV = "GONGWEN_VERBOSE"
TIME_BUDGET_ENV = "GONGWEN_TIME_BUDGET"
# CPU seconds for one file's lint (each pass of a fix). The largest file read (50 MB) takes
# about 40 s at the speed of prose and 3x that on the slowest adversarial text.
DEFAULT_TIME_BUDGET = 300.0
# The longest interval the timer takes (Python holds it in int64 nanoseconds: 9.2e9 s); a
# budget past it (time-budget = 1e12, meant as "no limit") made every file LNT903. 31 years
# is no limit either.
LONGEST_TIME_BUDGET = 1e9
_REASON_CHARS = 200  # an exception's text can hold a whole paragraph of the input
_HELP = "其他文件和其他规则照常检查；请把此文件和这条消息报告给维护者（--verbose 显示调用栈）"


def strict() -> bool:
    """Whether a failure should raise instead of becoming a diagnostic (the test suite)."""
    return os.environ.get(STRICT_ENV) == "1"


def verbose() -> bool:
    return os.environ.get(VERBOSE_ENV) == "1"


def is_fault(code: str) -> bool:
    return code in FAULTS


def safe_text(text: str) -> str:
    """``text`` without lone surrogates (an undecodable file name keeps them), so that the
    diagnostic about a failure can itself be written in any format."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _has_surrogate(text) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def reason(exc: BaseException) -> str:
    """``IndexError: string index out of range``, cut short."""
    text = safe_text(str(exc))
    if len(text) > _REASON_CHARS:
        text = text[:_REASON_CHARS] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def trace_notes(exc: BaseException) -> tuple[str, ...]:
    if not verbose():
        return ()
    import traceback  # here: with textwrap's patterns, ~1 ms of every start-up for --verbose alone

    return (safe_text("".join(traceback.format_exception(exc)).rstrip()),)


def diagnostic(fault: Fault, path: str, message: str, exc: BaseException | None = None,
               help: str | None = _HELP) -> Diagnostic:
    """The error that stands for a failure on ``path`` (at 1:1: it is about the whole file)."""
    path = safe_text(path)
    start = Location(1, 1)
    return Diagnostic(code=fault.code, name=fault.name, severity=Severity.ERROR,
                      message=safe_text(message), path=path, start=0, end=0, location=start,
                      end_location=start, help=help,
                      notes=trace_notes(exc) if exc is not None else (),
                      fingerprint=f"{fault.code}:{path}")


def rule_crashed(path: str, code: str, name: str, exc: BaseException) -> Diagnostic:
    return diagnostic(RULE_CRASHED, path, f"规则 {code}（{name}）在此文件上出错，已跳过：{reason(exc)}", exc)


def lint_crashed(path: str, exc: BaseException) -> Diagnostic:
    """A failure of the engine itself on a file (suppressions, ordering), not of one rule."""
    return diagnostic(RULE_CRASHED, path, f"检查此文件时出错（不在某一条规则中），未检查：{reason(exc)}", exc)


def reader_crashed(path: str, exc: BaseException) -> Diagnostic:
    return diagnostic(READER_CRASHED, path, f"读取此文件时出错，未检查：{reason(exc)}", exc)


def writer_crashed(path: str, fmt: str, exc: BaseException) -> Diagnostic:
    return diagnostic(WRITER_CRASHED, path,
                      f"无法以 {fmt} 格式输出此文件的检查结果，结果未列出：{reason(exc)}", exc)


def worker_died(path: str, exc: BaseException) -> Diagnostic:
    """A local pool's worker (BrokenProcessPool) or a cluster's (KilledWorker): to the user
    the same event, the same code."""
    return diagnostic(WORKER_DIED, path,
                      f"检查此文件的工作进程意外退出（重试后仍然如此），未检查：{reason(exc)}", exc,
                      help="可能是内存耗尽或被系统终止；不带 --cluster、用 --jobs 1 单独检查此文件以了解原因")


def fix_crashed(path: str, exc: BaseException) -> Diagnostic:
    return diagnostic(FIX_CRASHED, path, f"修复此文件时出错，文件未写回：{reason(exc)}", exc)


@dataclass(frozen=True)
class FailedInput(InputProblem):
    """What stands for a file that a reader or a worker failed on: the run reports the
    fault diagnostic it carries (whatever rules are selected) and renders no text for it."""

    diagnostic: Diagnostic | None = None


def failed_input(diag: Diagnostic) -> FailedInput:
    return FailedInput(diag.path, diag.code, diag.message, diag.help, diag)


def read_guarded(shown: str, read: Callable[[], Document | InputProblem]) -> Document | InputProblem:
    """``read()``, with an unexpected exception in a reader reported as LNT904 on ``shown``
    (a reader's expected "cannot read this" is already an InputProblem, LNT901)."""
    try:
        return read()
    except Exception as exc:
        if strict():
            raise
        return failed_input(reader_crashed(shown, exc))


def over_budget(path: str, exc: "OverBudget") -> Diagnostic:
    running = f"（当时在运行规则 {exc.rule}）" if exc.rule else ""
    return diagnostic(OVER_BUDGET, path, f"检查此文件用时超过 {exc.seconds:g} CPU 秒的预算，已停止，未检查完{running}",
                      exc, help="其他文件照常检查；确需更长时间时在配置中调大 time-budget（CPU 秒）；"
                                "否则请把此文件报告给维护者")


class OverBudget(BaseException):
    """Raised inside a file's lint when its budget is spent. Not an Exception: the engine's
    isolation of a failing rule would take it for that rule's crash and go on to the next."""

    def __init__(self, seconds: float, rule: str | None) -> None:
        super().__init__(f"{seconds:g} CPU s")
        self.seconds, self.rule = seconds, rule


def time_budget() -> float:
    """This process's budget per file, in CPU seconds (GONGWEN_TIME_BUDGET, set by the CLI
    from the configuration and inherited by workers)."""
    try:
        value = float(os.environ.get(TIME_BUDGET_ENV, DEFAULT_TIME_BUDGET))
    except ValueError:
        return DEFAULT_TIME_BUDGET
    return min(value, LONGEST_TIME_BUDGET) if value > 0 and math.isfinite(value) else DEFAULT_TIME_BUDGET


_armed = False  # a budget is running: an inner one (a fix's passes) does not restart it


@contextmanager
def budgeted() -> Iterator[None]:
    """Raises OverBudget in the block once this process has spent ``time_budget()`` CPU
    seconds in it. CPU time, not wall time: a machine shared with other work must not stop
    a file, and a signal between bytecodes (or inside a regular expression, which checks for
    them) interrupts a loop that never returns. Only in the main thread of a system with
    interval timers (not Windows); elsewhere the block runs unbounded, as before."""
    global _armed
    if _armed or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    seconds = time_budget()

    def expire(signum, frame) -> None:
        raise OverBudget(seconds, _running_rule(frame))

    previous = signal.signal(signal.SIGPROF, expire)
    _armed = True
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        _armed = False


def _running_rule(frame) -> str | None:
    """``TST001（looping）``: the rule whose code was running when the budget ran out."""
    from gongwen.rule import Rule

    while frame is not None:
        owner = frame.f_locals.get("self")
        if isinstance(owner, Rule):
            return f"{owner.code}（{owner.name}）"
        frame = frame.f_back
    return None
