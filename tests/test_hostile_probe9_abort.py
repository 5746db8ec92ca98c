"""A run cut short must never look like a clean pass (issue 18, left open by the ninth probe).

Ctrl-C, SIGTERM, SIGHUP or an error after the report had begun (a cluster that cannot do
the work) closed the report as a complete one: the full format ended "未发现问题，检查了
0 个文件" above the error, and ``-o FILE`` replaced the previous report with the partial
one — only the exit code told. Each test here starts a real run, cuts it short, and reads
what it left: ``-o`` keeps the previous file byte for byte and says so on stderr; standard
output ends with the format's own mark of an unfinished run (docs/json-contract.md).
"""
from __future__ import annotations

import contextlib
import glob
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from support import FIXTURES, SEED, default_signals

PAGE = "".join(f"第{i}条：今年完成任务,进展顺利,成效明显。\n" for i in range(200))
PREVIOUS = b'[]\n'  # the last report, of a clean run: what an interrupted run must leave alone


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """Enough files that a --jobs 2 run is still at work seconds after it started."""
    root = tmp_path_factory.mktemp("abort") / "tree"
    root.mkdir()
    for i in range(600):
        (root / f"{i:04d}.txt").write_text(PAGE, encoding="utf-8")
    return root


def _start(args: list[str], cwd: Path, prelude: str = "") -> subprocess.Popen:
    """``gongwen ARGS`` in its own session (its workers die with it at the end of a test);
    ``prelude`` is Python run before the command, to shorten a wait."""
    code = f"{prelude}\nfrom gongwen.cli import main\nimport sys\nsys.argv = ['gongwen', *sys.argv[1:]]\nmain()\n"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True, preexec_fn=default_signals)



def _wait_for_workers(run: subprocess.Popen, workers: int = 2) -> None:
    """Until the run has forked its pool, and a moment more: its report has begun (the pool
    starts inside it). A SIGINT that lands in a fork's at-fork handlers is reported as
    "Exception ignored" and lost, and the run goes on to a complete report."""
    for _ in range(1200):
        if sum(len(Path(f).read_text().split()) for f in glob.glob(f"/proc/{run.pid}/task/*/children")) >= workers:
            time.sleep(0.3)
            return
        assert run.poll() is None, run.communicate()
        time.sleep(0.05)
    pytest.fail("the run started no worker within 60 s")


def _finish(run: subprocess.Popen) -> tuple[bytes, bytes]:
    try:
        return run.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the run was still going 60 s after it was told to end")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a run's children in /proc")
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_an_interrupted_run_leaves_the_previous_report_file_untouched(tree, signame):
    """The partial report replaced the last whole one, and a gate reading the file saw a pass."""
    cwd = tree.parent
    (cwd / "report.json").write_bytes(PREVIOUS)
    run = _start(["check", "--no-cache", "--jobs", "2", "--output-format", "json", "-o", "report.json",
                  "tree"], cwd)
    _wait_for_workers(run)
    run.send_signal(getattr(signal, signame))
    _, err = _finish(run)
    said = err.decode("utf-8", "replace")
    assert run.returncode == 128 + getattr(signal, signame), said
    assert (cwd / "report.json").read_bytes() == PREVIOUS
    assert "报告未写入 report.json" in said and "检查未完成" in said, said
    assert not [p.name for p in cwd.iterdir() if p.name.endswith(".gongwen-tmp")]


def _json_marked(out: str) -> None:
    found = json.loads(out)
    assert found[-1]["code"] == "LNT909" and found[-1]["severity"] == "error", found[-1]
    assert all(d["code"] != "LNT909" for d in found[:-1])


def _sarif_marked(out: str) -> None:
    import jsonschema

    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(json.loads(out))
    run = json.loads(out)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "检查未完成" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def _junit_marked(out: str) -> None:
    suite = ET.fromstring(out.split("\n", 2)[2])[0]  # after the declaration and the marker comment
    assert suite.get("errors") == "1"
    errors = [e for e in suite.iter("error")]
    assert len(errors) == 1 and errors[0].get("type") == "LNT909"


def _html_marked(out: str) -> None:
    assert 'id="incomplete"' in out and out.rstrip().endswith("</html>"), out[-300:]


def _line_marked(prefix: str):
    def check(out: str) -> None:
        last = out.rstrip("\n").rsplit("\n", 1)[-1]
        assert last.startswith(prefix) and "检查未完成" in last, last
    return check


MARKED = {
    "full": ([], _line_marked("检查未完成")),
    "concise": ([], _line_marked("gongwen: 检查未完成")),
    "json": ([], _json_marked),
    "sarif": ([], _sarif_marked),
    "junit": ([], _junit_marked),
    "github": ([], _line_marked("::error title=LNT909 run-incomplete::")),
    "html": ([], _html_marked),
    "statistics": (["--statistics"], _line_marked("检查未完成")),
}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a run's children in /proc")
@pytest.mark.parametrize("fmt", list(MARKED))
def test_an_interrupted_run_marks_its_report_on_standard_output_as_incomplete(tree, fmt):
    """What went to standard output cannot be taken back: it must say it is incomplete,
    readably for a person and in a way a machine reading the format cannot miss."""
    extra, marked = MARKED[fmt]
    shown = "full" if fmt == "statistics" else fmt
    run = _start(["check", "--no-cache", "--jobs", "2", "--output-format", shown, *extra, "tree"], tree.parent)
    _wait_for_workers(run)
    run.send_signal(signal.SIGINT)
    out, err = _finish(run)
    assert run.returncode == 130, err.decode("utf-8", "replace")
    text = out.decode("utf-8")
    assert "未发现问题" not in text
    marked(text)


def test_a_cluster_that_fails_after_the_report_began_leaves_no_clean_report(tmp_path):
    """``--cluster`` at a scheduler with no worker: the run gives up (exit 2) after the report
    had begun. The full format said "未发现问题，检查了 0 个文件" above the error, and -o
    replaced the previous report with an empty — clean — one."""
    pytest.importorskip("distributed")
    from test_hostile_probe9 import _scheduler_process

    (tmp_path / "f.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "report.json").write_bytes(PREVIOUS)
    process, address = _scheduler_process(tmp_path)
    quick = "from gongwen import cluster\ncluster.ANSWER_SECONDS, cluster.NO_WORKER_SECONDS = 0.5, 1.0"  # not minutes
    try:
        shown = _start(["check", "--no-cache", "--cluster", address, "f.txt"], tmp_path, quick)
        out, err = _finish(shown)
        assert shown.returncode == 2, err.decode("utf-8", "replace")
        assert "未发现问题" not in out.decode("utf-8")
        assert out.decode("utf-8").rstrip().endswith("不能当作检查通过。")
        written = _start(["check", "--no-cache", "--cluster", address, "--output-format", "json",
                          "-o", "report.json", "f.txt"], tmp_path, quick)
        _, err = _finish(written)
        assert written.returncode == 2, err.decode("utf-8", "replace")
        assert (tmp_path / "report.json").read_bytes() == PREVIOUS
        assert "报告未写入 report.json" in err.decode("utf-8")
    finally:
        process.kill()
        process.wait()


def test_an_unfinished_sarif_stream_is_the_whole_unfinished_document():
    """The streamed SARIF of a run cut short is what ``sarif.write`` gives for the results
    written so far with the unfinished run's invocation, before any result or after some."""
    import io

    from gongwen import api
    from gongwen.output import sarif

    index = {rule.code: i for i, rule in enumerate(api.registry())}
    results = [sarif.result(d, index) for d in api.lint_text(SEED.read_text(encoding="utf-8")[:4000], path="a.txt")]
    rules, why = list(api.registry()), "检查未完成（被 Ctrl-C 中断）"
    assert len(results) > 2
    for parts in ([], [results[:1]], [results[:2], results[2:]]):
        whole, streamed = io.StringIO(), io.StringIO()
        sarif.write([r for part in parts for r in part], whole, rules, why)
        stream = sarif.Stream(streamed, rules)
        for part in parts:
            stream.add(part)
        stream.close(why)
        assert streamed.getvalue() == whole.getvalue()
        assert json.loads(whole.getvalue())["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_a_run_stopped_while_capturing_a_file_still_ends_with_the_mark():
    """Ctrl-C between a capture's ``__enter__`` and its ``with`` block leaves the full
    format's console capturing (its ``__exit__`` never runs): the footer printed on it went
    into a capture nobody reads, and the report ended on a finding (the likely cause of
    one failure of the full-format case above under load). The mark is printed on a
    console of its own."""
    import io

    from gongwen.output.stream import Report

    out = io.StringIO()
    report = Report("full", out)
    report._console.capture().__enter__()  # the state such an interrupt leaves behind
    report.close("被 Ctrl-C 中断")
    assert out.getvalue().rstrip("\n").endswith("不能当作检查通过。"), out.getvalue()
