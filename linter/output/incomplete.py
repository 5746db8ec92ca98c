"""What a report says when its run did not finish (Ctrl-C, SIGTERM, SIGHUP, an error).

A run cut short used to close its report as a complete one: the full format ended
"未发现问题" above the error and a JSON array of what was checked so far passed a gate
that counts findings. Every format now ends with a mark that it is incomplete, one a
person reads and a machine cannot take for a clean pass (docs/json-contract.md):
an ``LNT909`` error in the formats made of findings, the format's own failure field
where it has one (SARIF ``executionSuccessful``, a JUnit ``error``).
"""
from __future__ import annotations

from gongwen.diagnostic import Diagnostic, Severity
from gongwen.document import Location
from gongwen.sources import printable_name

CODE, NAME = "LNT909", "run-incomplete"
HELP = "重新运行检查，等它正常结束后再使用报告"


def reason(exc: BaseException) -> str:
    """Why the run ended early, in a few words."""
    import signal

    signum = getattr(exc, "signum", None)  # gongwen.cli.Terminated: SIGTERM, SIGHUP
    if isinstance(signum, int):
        try:
            return f"收到 {signal.Signals(signum).name} 信号"
        except ValueError:
            return f"收到信号 {signum}"
    if isinstance(exc, KeyboardInterrupt):
        return "被 Ctrl-C 中断"
    said = printable_name(str(exc)) if str(exc) else type(exc).__name__
    return f"运行出错：{said}"


def message(why: str, files: int) -> str:
    return f"检查未完成（{why}），只检查了 {files} 个文件：以上结果不完整，不能当作检查通过"


def diagnostic(why: str, files: int) -> Diagnostic:
    """The run's incompleteness as one error finding. It is about no file: ``path`` is
    empty and the position 1:1, as for the failures of a file (LNT903–LNT907)."""
    start = Location(1, 1)
    return Diagnostic(code=CODE, name=NAME, severity=Severity.ERROR, message=message(why, files),
                      path="", start=0, end=0, location=start, end_location=start, help=HELP,
                      fingerprint=CODE)
