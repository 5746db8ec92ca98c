"""Signals that land in the few instructions where a run could not take them (issue 18,
left by round 10): while the worker pool forks, and while a machine format writes its
opening or closing bytes.

The windows are a few microseconds wide, so a test that waited for chance would prove
nothing. Each test here widens one in the run it starts, by code run before the command
(``prelude``) — an at-fork handler that sleeps, a report stream whose write sends its own
process a signal halfway — and sends a real signal to a real process. What they
prove: a signal inside the widened window is not lost and leaves a whole document. What
they do not: that nothing else in the fork or the write can still lose one.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_hostile_probe9_abort import _start  # gongwen ARGS after a prelude, in a session of its own

PAGE = "".join(f"第{i}条：今年完成任务,进展顺利,成效明显。\n" for i in range(40))

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and real signals")


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("signals") / "tree"
    root.mkdir()
    for i in range(12):
        (root / f"{i:02d}.txt").write_text(PAGE, encoding="utf-8")
    return root


def _session(sid: int) -> list[int]:
    """The processes still in session ``sid`` (field 6 of /proc/PID/stat)."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[3]) == sid:
                left.append(int(stat.parent.name))
    return left


def _finish(run: subprocess.Popen) -> tuple[str, str]:
    """The run's output, once it has ended with no worker left behind."""
    try:
        out, err = run.communicate(timeout=60)
        assert _session(run.pid) == [], "a worker outlived the run"
        return out.decode("utf-8"), err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        pytest.fail("the run was still going 60 s after it was told to end")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)


def _json_marked(out: str) -> list:
    found = json.loads(out)
    assert found and found[-1]["code"] == "LNT909", found[-1:]
    return found


# --- the pool's fork -------------------------------------------------------------------

# An at-fork handler of the run's first fork of a pool worker that says it has begun (a
# file) and sleeps: the run is inside os.fork, where logging's and random's handlers run
# too, for as long as the test needs to signal it.
_SLOW_FORK = """
import os, time, traceback
def _slow(mark={mark!r}):
    if not os.path.exists(mark) and any("concurrent/futures" in f.filename for f in traceback.extract_stack()):
        open(mark, "w").close()
        time.sleep(2)
os.register_at_fork({when}=_slow)
"""


def _wait_for(mark: Path, run: subprocess.Popen) -> None:
    for _ in range(1200):
        if mark.exists():
            time.sleep(0.2)  # inside the sleep, not at its first instruction
            return
        assert run.poll() is None, run.communicate()
        time.sleep(0.05)
    pytest.fail("the run did not fork a worker within 60 s")


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_while_the_pool_forks_ends_the_run(tree, tmp_path, signame):
    """Ctrl-C, SIGTERM or SIGHUP while the parent is inside the fork of a worker. The
    KeyboardInterrupt (or Terminated) raised in an at-fork handler was printed as
    "Exception ignored" and dropped: the run went on to a complete report that passed for
    a whole one, exit 1. The signal is now held over the fork and delivered after it."""
    mark = tmp_path / "forking"
    run = _start(["check", "--no-cache", "--jobs", "2", "--output-format", "json", "tree"], tree.parent,
                 _SLOW_FORK.format(mark=str(mark), when="before"))
    _wait_for(mark, run)
    os.killpg(run.pid, getattr(signal, signame))
    out, err = _finish(run)
    assert run.returncode == 128 + getattr(signal, signame), err
    assert "Exception ignored" not in err, err
    _json_marked(out)


def test_a_ctrl_c_in_a_new_worker_before_its_setup_is_not_its_error(tree, tmp_path):
    """Ctrl-C reaches the whole process group, a worker just forked included. Before its
    initializer made it ignore SIGINT, it raised KeyboardInterrupt there (in an at-fork
    handler, "Exception ignored"; in its bootstrap, a traceback and a dead worker). It now
    comes to life with the signal held, ignores it, then lets it through: dropped."""
    mark = tmp_path / "forked"
    run = _start(["check", "--no-cache", "--jobs", "2", "--output-format", "json", "tree"], tree.parent,
                 _SLOW_FORK.format(mark=str(mark), when="after_in_child"))
    _wait_for(mark, run)
    os.killpg(run.pid, signal.SIGINT)
    out, err = _finish(run)
    assert run.returncode == 130, err
    assert "KeyboardInterrupt" not in err and "Exception ignored" not in err, err
    _json_marked(out)


# --- a machine format's opening and closing bytes ------------------------------------------

# The report's stream (whatever standard output has become by then) with its AT-th write
# cut in two by a signal the process sends itself, as one that comes while a write waits on
# a full pipe: half the text, the signal, the rest.
_TORN_WRITE = """
import os
from gongwen.output import stream
class _Torn:
    def __init__(self, real, at, signum):
        self.real, self.at, self.signum, self.calls = real, at, signum, 0
    def write(self, text):
        self.calls += 1
        if self.calls != self.at:
            return self.real.write(text)
        self.real.write(text[:len(text) // 2])
        os.kill(os.getpid(), self.signum)
        return self.real.write(text[len(text) // 2:])
    def __getattr__(self, name):
        return getattr(self.real, name)
_report = stream.Report.__init__
stream.Report.__init__ = lambda self, fmt, out, **kw: _report(self, fmt, _Torn(out, {at}, {signum}), **kw)
"""


def _sarif_results(out: str) -> tuple[list, bool]:
    run = json.loads(out)["runs"][0]
    return run["results"], run.get("invocations", [{}])[0].get("executionSuccessful") is not False


def _json_items(out: str) -> tuple[list, bool]:
    found = json.loads(out)
    complete = not found or found[-1]["code"] != "LNT909"
    return found if complete else found[:-1], complete


def _junit_cases(out: str) -> tuple[list, bool]:
    import xml.etree.ElementTree as ET

    suite = ET.fromstring(out.split("\n", 2)[2])[0]  # after the declaration and the marker comment
    cases = [ET.tostring(case) for case in suite.iter("testcase")]
    unfinished = [case for case in suite.iter("testcase") if case.find("error") is not None
                  and case.find("error").get("type") == "LNT909"]
    return [c for c in cases if b"LNT909" not in c], not unfinished


READ = {"json": _json_items, "sarif": _sarif_results, "junit": _junit_cases}


@pytest.mark.parametrize("fmt, signame", [("json", "SIGINT"), ("json", "SIGTERM"), ("sarif", "SIGINT"),
                                          ("junit", "SIGINT")])
def test_a_signal_in_any_write_of_a_machine_format_leaves_one_whole_document(tree, fmt, signame):
    """Every write of the run to standard output in turn is cut by a real signal. A signal
    between JSON's "[" and the flag that it was written had the unfinished run's close write
    a second "["; one inside the closing bytes left the document without its end; one inside
    a file's part left half of it. Now each document parses, and is either the whole run's
    (the signal came as it closed) or the first files' parts marked incomplete."""
    args = ["check", "--no-cache", "--jobs", "1", "--output-format", fmt, *(f"tree/{i:02d}.txt" for i in range(4))]
    whole = _start(args, tree.parent, "")
    out, err = _finish(whole)
    assert whole.returncode == 1, err
    every, complete = READ[fmt](out)
    assert complete and len(every) >= 4
    signum = getattr(signal, signame)
    for at in range(1, 100):
        cut = _start(args, tree.parent, _TORN_WRITE.format(at=at, signum=int(signum)))
        out, err = _finish(cut)
        if cut.returncode == 1:  # fewer writes than that: every one has been cut
            assert at > 2, err
            return
        assert cut.returncode == 128 + signum, err
        try:
            shown, complete = READ[fmt](out)
        except ValueError as exc:  # json.JSONDecodeError, ElementTree.ParseError
            pytest.fail(f"write {at} cut: not one document ({exc}):\n{out[-400:]}")
        assert shown == every if complete else shown == every[:len(shown)], f"write {at} cut"
    pytest.fail("a run of 4 files wrote 100 times")
